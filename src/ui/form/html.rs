//! An HTML block of the checklist: drawn from the domain's allow-listed reading of it, element by
//! element and text node by text node (never as HTML), or, when it holds anything off the list,
//! folded away with its source one click away.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::domain::text::html::{safe_html, HtmlNode};

fn attr<'a>(attrs: &'a [(&'static str, String)], name: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.as_str())
}

/// The DOM node of one allowed node.
fn build(doc: &web_sys::Document, n: &HtmlNode) -> Option<web_sys::Node> {
    let (tag, attrs, children) = match n {
        HtmlNode::Text(t) => return Some(doc.create_text_node(t).unchecked_into()),
        HtmlNode::Element {
            tag,
            attrs,
            children,
        } => (*tag, attrs, children),
    };
    if tag == "img" {
        // Not loaded (see `domain::html`): its alt text, linked to the image.
        let label = format!("[{}]", attr(attrs, "alt").unwrap_or("image"));
        let el = match attr(attrs, "src") {
            Some(src) => {
                let a = doc.create_element("a").ok()?;
                a.set_attribute("href", src).ok()?;
                a.set_attribute("rel", "noopener noreferrer").ok()?;
                a.set_attribute("class", "html-image").ok()?;
                a
            }
            None => doc.create_element("span").ok()?,
        };
        el.set_text_content(Some(&label));
        return Some(el.unchecked_into());
    }
    let el = doc.create_element(tag).ok()?;
    for (k, v) in attrs {
        el.set_attribute(k, v).ok()?;
    }
    if tag == "a" {
        el.set_attribute("rel", "noopener noreferrer").ok()?;
    }
    for c in children {
        if let Some(child) = build(doc, c) {
            el.append_child(&child).ok()?;
        }
    }
    Some(el.unchecked_into())
}

/// One HTML block.
#[component]
pub fn HtmlBlock(
    /// The block's source.
    text: String,
) -> impl IntoView {
    match safe_html(&text) {
        Some(nodes) => {
            let node_ref = NodeRef::<leptos::html::Div>::new();
            node_ref.on_load(move |div| {
                let doc = document();
                for n in &nodes {
                    if let Some(child) = build(&doc, n) {
                        let _ = div.append_child(&child);
                    }
                }
            });
            view! { <div class="html-block context" node_ref=node_ref></div> }.into_any()
        }
        None => view! {
            <details class="raw-html context">
                <summary>"HTML not shown (it has tags this page does not draw): show its source"</summary>
                <pre>{text}</pre>
            </details>
        }
        .into_any(),
    }
}
