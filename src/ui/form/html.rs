//! An HTML block of the checklist, as the core renders it (`domain::render::render_html_block`):
//! the allow-listed reading of it, or, when it holds anything off the list or nests too deep,
//! folded away with its source one click away. Inserted through the app's one markup function.

use leptos::prelude::*;

use crate::domain::render::render_html_block;
use crate::ui::platform::markup::insert_rendered;

/// One HTML block.
#[component]
pub fn HtmlBlock(
    /// The block's source.
    text: String,
) -> impl IntoView {
    let node_ref = NodeRef::<leptos::html::Div>::new();
    node_ref.on_load(move |div| insert_rendered(&div, &render_html_block(&text)));
    view! { <div class="html" node_ref=node_ref></div> }
}
