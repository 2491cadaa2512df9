//! The checklist form, drawn from the model in document order: headings, context text, lists with
//! each task item as one real checkbox, code, tables with fillable empty cells, blanks as inputs.
//!
//! Each item reads only its own signals, so a toggle re-renders that item (and the summary, which
//! reads the tally). Checklist text is only ever inserted as text nodes, never as HTML, and links
//! keep only the targets the parser judged safe.

mod blocks;
mod ctx;
mod filters;
mod html;
mod inline;
mod item;
mod reveal;
mod toc;

pub use filters::{FilterCount, Filters, SectionMatches};
pub use reveal::{scroll_to, Reveal};
pub use toc::{JumpMenu, Toc};

use std::sync::Arc;

use leptos::prelude::*;

use crate::domain::model::Chunk;

use crate::ui::doc::use_doc;
use blocks::render_blocks;
use ctx::Ctx;
use filters::matches;
use reveal::{HEADING_PX, ITEM_PX, REVEAL_MARGIN};

/// The checklist body.
#[component]
pub fn ChecklistBody(filters: Filters, reveal: Reveal) -> impl IntoView {
    let doc = use_doc();
    let c = doc.checklist.clone();
    // Children of each item, for "show a parent when a child matches".
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); c.items.len()];
    for (i, it) in c.items.iter().enumerate() {
        let mut p = it.parent;
        while let Some(parent) = p {
            children[parent].push(i);
            p = c.items[parent].parent;
        }
    }
    let ctx = Ctx {
        doc: doc.clone(),
        filters,
        descendants: Arc::new(children),
    };
    let article = NodeRef::<leptos::html::Article>::new();
    let body = if reveal.chunks.is_empty() {
        render_blocks(&ctx, &c.blocks)
    } else if reveal.stepped {
        draw_in_steps(reveal.clone(), article);
        reveal
            .chunks
            .iter()
            .enumerate()
            .map(|(k, ch)| chunk_blocks(&ctx, ch.clone(), reveal.shown[k]).into_any())
            .collect_view()
            .into_any()
    } else {
        observe_chunks(article, reveal.clone(), filters);
        reveal
            .chunks
            .iter()
            .enumerate()
            .map(|(k, ch)| {
                lazy_chunk(&ctx, k, ch.clone(), reveal.shown[k], reveal.heights[k]).into_any()
            })
            .collect_view()
            .into_any()
    };
    // Busy until the last step is in (draw_in_steps then drops the attribute).
    let busy = (!untrack(|| reveal.complete())).then_some("true");
    view! {
        <article
            class="checklist"
            aria-busy=busy
            class:filtering=move || filters.active()
            data-file=c.file.clone()
            node_ref=article
        >
            {body}
        </article>
    }
}

/// A chunk's blocks once shown, else nothing: a stepped checklist's chunk as it is (what is not
/// drawn yet comes below what is), a large one's inside its placeholder.
fn chunk_blocks(ctx: &Ctx, ch: Chunk, shown: RwSignal<bool>) -> impl IntoView {
    let ctx = ctx.clone();
    move || {
        shown
            .get()
            .then(|| render_blocks(&ctx, &ctx.doc.checklist.blocks[ch.blocks.clone()]))
    }
}

/// Draws a stepped checklist's chunks not drawn yet, one per task, so the browser can paint and
/// take input between them. A message to itself starts each task (a timer would be held to 4 ms
/// apart after the fifth, about 100 ms over a 408-item page). Stops when all are drawn or the page
/// is gone; without `MessageChannel`, everything is drawn at once. The list's `aria-busy` goes
/// with the last step.
fn draw_in_steps(reveal: Reveal, article: NodeRef<leptos::html::Article>) {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};
    let Ok(channel) = web_sys::MessageChannel::new() else {
        reveal.all();
        return;
    };
    let port = channel.port2();
    let next = port.clone();
    let on_message = Closure::<dyn FnMut()>::new(move || {
        if reveal.step() {
            let _ = next.post_message(&JsValue::NULL);
        } else if let Some(article) = article.try_get_untracked().flatten() {
            let _ = article.remove_attribute("aria-busy");
        }
    });
    channel
        .port1()
        .set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    let _ = port.post_message(&JsValue::NULL);
    let kept = StoredValue::new_local((channel, on_message));
    on_cleanup(move || kept.with_value(|(channel, _)| channel.port1().set_onmessage(None)));
}

/// One chunk of a large checklist: its blocks once shown, else a placeholder of about their height
/// (of the items that pass the filters, while filtering).
fn lazy_chunk(
    ctx: &Ctx,
    k: usize,
    ch: Chunk,
    shown: RwSignal<bool>,
    height: RwSignal<Option<f64>>,
) -> impl IntoView {
    let (doc, filters) = (ctx.doc.clone(), ctx.filters);
    let estimate = {
        let items = ch.items.clone();
        let headings = ch.sections.len();
        Memo::new(move |_| {
            let items = if filters.active() {
                items.clone().filter(|&i| matches(&doc, filters, i)).count()
            } else if let Some(h) = height.get() {
                // As tall as when it was last drawn.
                return h.round() as usize;
            } else {
                items.len()
            };
            if items == 0 {
                0
            } else {
                items * ITEM_PX + headings * HEADING_PX
            }
        })
    };
    let ctx = ctx.clone();
    view! {
        <div
            class="chunk"
            class:drawn=move || shown.get()
            data-chunk=k
            style:min-height=move || (!shown.get()).then(|| format!("{}px", estimate.get()))
            // Drawn but off screen, a chunk is skipped by layout (CSS content-visibility) and
            // stands in at this size until first laid out: the same estimate, so nothing jumps.
            style:contain-intrinsic-size=move || format!("auto {}px", estimate.get())
        >
            {chunk_blocks(&ctx, ch, shown)}
        </div>
    }
}

/// Watches every chunk: draws it as it nears the viewport, lets it go when it is far again.
/// (An effect: it syncs with the browser's IntersectionObserver.) Without IntersectionObserver,
/// everything is drawn.
fn observe_chunks(article: NodeRef<leptos::html::Article>, reveal: Reveal, filters: Filters) {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let (shown, heights) = (reveal.shown.clone(), reveal.heights.clone());
    let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
        for entry in entries.iter() {
            let entry: web_sys::IntersectionObserverEntry = entry.unchecked_into();
            let target = entry.target();
            let Some(k) = target
                .get_attribute("data-chunk")
                .and_then(|k| k.parse::<usize>().ok())
                .filter(|&k| k < shown.len())
            else {
                continue;
            };
            let height = entry.bounding_client_rect().height();
            if entry.is_intersecting() {
                // An empty placeholder (nothing passes the filters) is not worth drawing.
                if height > 0.0 && !shown[k].get_untracked() {
                    shown[k].set(true);
                }
            } else if shown[k].get_untracked() {
                let focused = document()
                    .active_element()
                    .is_some_and(|el| target.contains(Some(&el)));
                if !focused {
                    if !filters.active_untracked() {
                        heights[k].set(Some(height));
                    }
                    shown[k].set(false);
                }
            }
        }
    });
    let init = web_sys::IntersectionObserverInit::new();
    init.set_root_margin(REVEAL_MARGIN);
    let observer =
        web_sys::IntersectionObserver::new_with_options(callback.as_ref().unchecked_ref(), &init)
            .ok();
    if observer.is_none() {
        reveal.all();
    }
    let observer = StoredValue::new_local((observer, callback));
    Effect::new(move |_| {
        let Some(article) = article.get() else {
            return;
        };
        observer.with_value(|(observer, _)| {
            let Some(observer) = observer else {
                return;
            };
            let Ok(list) = article.query_selector_all(":scope > .chunk") else {
                return;
            };
            for n in 0..list.length() {
                if let Some(el) = list
                    .item(n)
                    .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
                {
                    observer.observe(&el);
                }
            }
        });
    });
    on_cleanup(move || {
        observer.with_value(|(observer, _)| {
            if let Some(o) = observer {
                o.disconnect();
            }
        })
    });
}
