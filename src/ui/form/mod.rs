//! The checklist form is the core's HTML (`domain::render`), and the app attaches to it: a static
//! page's body is adopted as it is, otherwise the same renderer's output is inserted once (per
//! chunk, for large checklists) through the app's one markup function. Events are delegated to
//! the form's root (`events`), rows are written in place when answers change (`rows`), and Leptos
//! draws only the few live parts inside rows (`slots`): sign-off controls and open N/A, note and
//! evidence controls.

mod events;
mod filters;
mod item;
mod reveal;
mod rows;
mod slots;
mod toc;

pub use filters::{FilterCount, Filters, SectionMatches};
pub use reveal::{scroll_to, Reveal};
pub use toc::{JumpMenu, Toc};

use leptos::prelude::*;

use crate::domain::answers::Answers;
use crate::domain::model::{Block, Chunk};
use crate::domain::render::{render_blocks, Facts};

use crate::ui::doc::{use_doc, Doc};
use crate::ui::platform::markup::insert_rendered;
use filters::matches;
use reveal::{HEADING_PX, ITEM_PX, REVEAL_MARGIN};
use rows::Writer;
use slots::Slots;

/// What the core's renderer needs of the document besides its answers, as they are now.
fn with_facts<T>(doc: &Doc, f: impl FnOnce(&Facts<'_>) -> T) -> T {
    doc.breakdown.with_untracked(|breakdown| {
        doc.signed.with_untracked(|signed| {
            f(&Facts {
                input: &doc.input,
                unscored: &doc.unscored,
                breakdown,
                repeated: &doc.repeated,
                signed,
                level: doc.level.as_deref(),
                today: &doc.today,
            })
        })
    })
}

/// The core's HTML of `blocks` with the document's current answers.
fn render(doc: &Doc, blocks: &[Block]) -> String {
    let c = &doc.checklist;
    crate::ui::platform::perf::measure("readiness:render", || {
        with_facts(doc, |facts| {
            doc.with_answers(|a| render_blocks(c, a, facts, blocks))
        })
    })
}

/// The sign-off lines among `items`.
fn signoffs_in(doc: &Doc, items: std::ops::Range<usize>) -> Vec<usize> {
    items
        .filter(|&i| doc.checklist.items[i].signoff.is_some())
        .collect()
}

/// The checklist body: the core's HTML (a checklist's static page adopted as it is, else rendered
/// once), with events delegated to its root, rows written in place when answers change, and the
/// few live parts mounted in their rows. A large checklist's chunks are rendered as they near the
/// viewport.
#[component]
pub fn ChecklistBody(filters: Filters, reveal: Reveal) -> impl IntoView {
    let doc = use_doc();
    let c = doc.checklist.clone();
    let m = expect_context::<SectionMatches>();
    let writer = Writer::new(doc.clone(), filters);
    let slots = Slots::new();
    let article = NodeRef::<leptos::html::Article>::new();
    writer.follow(article, m);
    {
        let slots = slots.clone();
        on_cleanup(move || slots.clear());
    }
    let whole = reveal.chunks.is_empty();
    {
        let (doc, slots, writer) = (doc.clone(), slots.clone(), writer.clone());
        article.on_load(move |el| {
            let el: web_sys::Element = el.into();
            events::delegate(&el, doc.clone(), slots.clone());
            if whole {
                let c = &doc.checklist;
                // A static page is drawn with no answers: adopted only when these are none.
                let adopted = doc.with_answers(|a| *a == Answers::default())
                    && crate::ui::platform::prerender::adopt_body(&el, &c.file);
                if !adopted {
                    insert_rendered(&el, &render(&doc, &c.blocks));
                }
                slots.mount_under(&el, &signoffs_in(&doc, 0..c.items.len()));
                writer.fresh(&el, m);
                writer.figures_under(&el);
            }
            // The static copy, if any, gives way now, with what was entered on it.
            let doc = doc.clone();
            crate::ui::platform::prerender::hand_over(move |entered| doc.take_entries(entered));
        });
    }
    let body = (!whole).then(|| {
        observe_chunks(article, reveal.clone(), filters);
        reveal
            .chunks
            .iter()
            .enumerate()
            .map(|(k, ch)| {
                lazy_chunk(
                    &writer,
                    &slots,
                    m,
                    k,
                    ch.clone(),
                    reveal.shown[k],
                    reveal.heights[k],
                )
                .into_any()
            })
            .collect_view()
    });
    view! {
        <article
            class="checklist"
            class:filtering=move || filters.active()
            data-file=c.file.clone()
            node_ref=article
        >
            {body}
        </article>
    }
}

/// One chunk of a large checklist: its rendered HTML once shown, else a placeholder of about its
/// height (of the items that pass the filters, while filtering).
fn lazy_chunk(
    writer: &Writer,
    slots: &Slots,
    m: SectionMatches,
    k: usize,
    ch: Chunk,
    shown: RwSignal<bool>,
    height: RwSignal<Option<f64>>,
) -> impl IntoView {
    let (doc, filters) = (writer.doc.clone(), writer.filters);
    let estimate = {
        let (doc, items) = (doc.clone(), ch.items.clone());
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
    let node = NodeRef::<leptos::html::Div>::new();
    {
        let (writer, slots) = (writer.clone(), slots.clone());
        Effect::new(move |drawn: Option<bool>| {
            let show = shown.get();
            let Some(el) = node.get() else {
                return false;
            };
            let el: &web_sys::Element = el.as_ref();
            if show && drawn != Some(true) {
                let doc = &writer.doc;
                insert_rendered(el, &render(doc, &doc.checklist.blocks[ch.blocks.clone()]));
                slots.mount_under(el, &signoffs_in(doc, ch.items.clone()));
                writer.fresh(el, m);
            } else if !show && drawn == Some(true) {
                slots.unmount_range(ch.items.clone());
                insert_rendered(el, "");
            }
            show
        });
    }
    view! {
        <div
            class="chunk"
            class:drawn=move || shown.get()
            data-chunk=k
            node_ref=node
            style:min-height=move || (!shown.get()).then(|| format!("{}px", estimate.get()))
            // Drawn but off screen, a chunk is skipped by layout (CSS content-visibility) and
            // stands in at this size until first laid out: the same estimate, so nothing jumps.
            style:contain-intrinsic-size=move || format!("auto {}px", estimate.get())
        ></div>
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
