//! The checklist form, drawn from the model in document order: headings, context text, lists with
//! each task item as one real checkbox, code, tables with fillable empty cells, blanks as inputs.
//!
//! Each item reads only its own signals, so a toggle re-renders that item (and the summary, which
//! reads the tally). Checklist text is only ever inserted as text nodes, never as HTML, and links
//! keep only the targets the parser judged safe.

use std::sync::Arc;

use leptos::prelude::*;

use crate::domain::answers::Status;
use crate::domain::model::{
    Align, Block, Checklist, Chunk, FieldKind, ListEntry, SectionKind, Severity, Span, SpanKind,
};
use crate::domain::text::safe_href;

use super::signoff::SignoffControls;
use super::state::{Doc, Extra};

/// What the filters show.
#[derive(Clone, Copy)]
pub struct Filters {
    /// Only open items.
    pub open_only: RwSignal<bool>,
    /// Only critical items.
    pub critical_only: RwSignal<bool>,
    /// Text search as typed.
    pub query: RwSignal<String>,
    /// The search, trimmed and lower-cased once per change (not once per item).
    needle: Memo<String>,
}

impl Filters {
    /// No filter active.
    pub fn new() -> Self {
        let query = RwSignal::new(String::new());
        Filters {
            open_only: RwSignal::new(false),
            critical_only: RwSignal::new(false),
            query,
            needle: Memo::new(move |_| query.with(|q| q.trim().to_lowercase())),
        }
    }

    /// Whether any filter is on.
    pub fn active(&self) -> bool {
        self.open_only.get() || self.critical_only.get() || !self.query.with(String::is_empty)
    }

    /// [`Filters::active`] without subscribing.
    pub fn active_untracked(&self) -> bool {
        untrack(|| self.active())
    }
}

/// Whether item `i` passes the filters (reads its status signal and the filter signals).
fn matches(doc: &Doc, filters: Filters, i: usize) -> bool {
    let it = &doc.checklist.items[i];
    if filters.open_only.get() && doc.items[i].status.get() != Status::Open {
        return false;
    }
    if filters.critical_only.get() && it.severity != Severity::Critical {
        return false;
    }
    filters
        .needle
        .with(|q| q.is_empty() || it.plain.to_lowercase().contains(q.as_str()))
}

/// Checklists with at least this many items are drawn a chunk at a time (see [`Reveal`]);
/// smaller ones draw every item at once.
pub const LAZY_FROM: usize = 1000;
/// Items per chunk (a chunk is cut at the next heading after this many).
const CHUNK_ITEMS: usize = 100;
/// How far outside the viewport a chunk starts being drawn.
const REVEAL_MARGIN: &str = "1500px 0px";
/// Estimated heights (px) of what a chunk not yet drawn will hold, for its placeholder.
const ITEM_PX: usize = 50;
const HEADING_PX: usize = 56;

/// Which chunks of a large checklist are drawn. A chunk is drawn when it comes near the viewport,
/// when a deep link or the contents need one of its sections, or before printing, and is let go
/// again when it is far from the viewport (unless it holds the keyboard focus), so memory follows
/// what is on screen, not the checklist's length. A placeholder of its height (as last drawn, else
/// estimated) stands in for it, so the scroll bar stays honest and nothing jumps.
#[derive(Clone)]
pub struct Reveal {
    chunks: Arc<Vec<Chunk>>,
    shown: Arc<Vec<RwSignal<bool>>>,
    /// Each chunk's height when it was last drawn (unfiltered), for its placeholder after.
    heights: Arc<Vec<RwSignal<Option<f64>>>>,
}

impl Reveal {
    /// The plan for `c`: no chunks (everything drawn at once) under [`LAZY_FROM`] items.
    pub fn new(c: &Checklist) -> Reveal {
        let chunks = if c.items.len() >= LAZY_FROM {
            c.chunks(CHUNK_ITEMS)
        } else {
            Vec::new()
        };
        // The first chunk (100 items or more: a screen and then some) is drawn at once; the
        // observer adds the next one if the screen reaches it.
        let shown = (0..chunks.len()).map(|k| RwSignal::new(k == 0)).collect();
        let heights = (0..chunks.len()).map(|_| RwSignal::new(None)).collect();
        Reveal {
            chunks: Arc::new(chunks),
            shown: Arc::new(shown),
            heights: Arc::new(heights),
        }
    }

    /// Draws the chunk holding section `s`'s heading.
    pub fn section(&self, s: usize) {
        self.draw_where(|ch| ch.sections.contains(&s));
    }

    /// Draws item `i`, scrolls it into view and puts the keyboard focus on its checkbox.
    pub fn focus_item(&self, i: usize) {
        self.draw_where(|ch| ch.items.contains(&i));
        scroll_to(format!("item-{i}"), true);
    }

    fn draw_where(&self, holds: impl Fn(&Chunk) -> bool) {
        if let Some(k) = self.chunks.iter().position(holds) {
            self.shown[k].set(true);
        }
    }

    /// Draws every chunk (before printing).
    pub fn all(&self) {
        for s in self.shown.iter() {
            if !s.get_untracked() {
                s.set(true);
            }
        }
    }
}

/// How many frames a scroll to a target is re-checked: drawing chunks near it (above it, too)
/// replaces placeholders whose height was only an estimate.
const SETTLE_FRAMES: u32 = 6;

/// Scrolls the element with this id into view once it is drawn: a heading to the top, an item
/// (`focus`) to the middle, with the keyboard focus on it. Then keeps it there for a few frames
/// while the chunks around it are drawn.
pub fn scroll_to(id: String, focus: bool) {
    fn step(id: String, focus: bool, first: bool, left: u32) {
        request_animation_frame(move || {
            let Some(el) = document().get_element_by_id(&id) else {
                return;
            };
            let r = el.get_bounding_client_rect();
            let view = window()
                .inner_height()
                .ok()
                .and_then(|h| h.as_f64())
                .unwrap_or(0.0);
            let off = if focus {
                r.top() + r.height() / 2.0 - view / 2.0
            } else {
                r.top()
            };
            if off.abs() >= 2.0 {
                let opts = web_sys::ScrollIntoViewOptions::new();
                opts.set_block(if focus {
                    web_sys::ScrollLogicalPosition::Center
                } else {
                    web_sys::ScrollLogicalPosition::Start
                });
                el.scroll_into_view_with_scroll_into_view_options(&opts);
            }
            if focus && first {
                if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
                    let _ = el.focus();
                }
            }
            if left > 0 {
                step(id, focus, false, left - 1);
            }
        });
    }
    step(id, focus, true, SETTLE_FRAMES);
}

/// The checklist body.
#[component]
pub fn ChecklistBody(doc: Doc, filters: Filters, reveal: Reveal) -> impl IntoView {
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
        render_blocks(&ctx, &c.blocks, true)
    } else {
        observe_chunks(article, reveal.clone(), filters);
        reveal
            .chunks
            .iter()
            .enumerate()
            .map(|(k, ch)| lazy_chunk(&ctx, k, ch.clone(), reveal.shown[k], reveal.heights[k]))
            .collect_view()
            .into_any()
    };
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

/// One chunk: its blocks once shown, else a placeholder of about their height (of the items that
/// pass the filters, while filtering).
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
            {move || shown.get().then(|| render_blocks(&ctx, &ctx.doc.checklist.blocks[ch.blocks.clone()], false))}
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

#[derive(Clone)]
struct Ctx {
    doc: Doc,
    filters: Filters,
    descendants: Arc<Vec<Vec<usize>>>,
}

/// `top`: these are the top-level blocks of a checklist drawn whole, whose task lists CSS skips
/// while off screen (so each needs its height estimate); chunks and nested blocks need none.
fn render_blocks(ctx: &Ctx, blocks: &[Block], top: bool) -> AnyView {
    blocks
        .iter()
        .map(|b| render_block(ctx, b, top))
        .collect_view()
        .into_any()
}

fn render_block(ctx: &Ctx, block: &Block, top: bool) -> AnyView {
    let c = &ctx.doc.checklist;
    match block {
        Block::Heading { section } => {
            let s = &c.sections[*section];
            let title = s.title.clone();
            let id = format!("s-{}", s.slug);
            let class = format!("kind-{}", s.kind.as_str());
            let badge = match s.kind {
                SectionKind::Trigger => Some(view! {
                    <span class="kind-badge">"Failure trigger: checking an item means NO-GO"</span>
                }),
                SectionKind::Procedure => Some(view! {
                    <span class="kind-badge">"Procedure: tracked, not scored"</span>
                }),
                SectionKind::Readiness => None,
            };
            let inner = view! { {title} {badge} };
            match s.level {
                1 => view! { <h1 id=id class=class>{inner}</h1> }.into_any(),
                2 => view! { <h2 id=id class=class>{inner}</h2> }.into_any(),
                3 => view! { <h3 id=id class=class>{inner}</h3> }.into_any(),
                4 => view! { <h4 id=id class=class>{inner}</h4> }.into_any(),
                5 => view! { <h5 id=id class=class>{inner}</h5> }.into_any(),
                _ => view! { <h6 id=id class=class>{inner}</h6> }.into_any(),
            }
        }
        Block::Paragraph { spans } => {
            view! { <p class="context">{render_spans(ctx, spans)}</p> }.into_any()
        }
        Block::List { start, entries } => {
            let has_items = entries.iter().any(|e| e.item.is_some());
            let items = entries.iter().map(|e| render_entry(ctx, e)).collect_view();
            let class = if has_items { "tasks" } else { "context" };
            // A task list's rows, for the height CSS gives it while it is off screen and not yet
            // drawn (`content-visibility` in style.css). Set through the CSSOM: the page's
            // Content-Security-Policy refuses inline style attributes.
            let rows = (top && has_items).then(|| ("--rows", ListEntry::rows(entries).to_string()));
            match start {
                Some(n) => view! { <ol class=class style=rows start=*n>{items}</ol> }.into_any(),
                None => view! { <ul class=class style=rows>{items}</ul> }.into_any(),
            }
        }
        Block::Code { lang, text } => {
            let class = (!lang.is_empty()).then(|| format!("language-{lang}"));
            view! { <pre class="context"><code class=class>{text.clone()}</code></pre> }.into_any()
        }
        Block::Table {
            align,
            header,
            rows,
            score_table,
            ..
        } => {
            let cell_class = |i: usize| match align.get(i) {
                Some(Align::Center) => "center",
                Some(Align::Right) => "right",
                _ => "",
            };
            let head = header
                .iter()
                .enumerate()
                .map(|(i, cell)| {
                    view! { <th scope="col" class=cell_class(i)>{render_spans(ctx, cell)}</th> }
                })
                .collect_view();
            let body = rows
                .iter()
                .map(|row| {
                    let cells = row
                        .iter()
                        .enumerate()
                        .map(|(i, cell)| {
                            view! { <td class=cell_class(i)>{render_spans(ctx, cell)}</td> }
                        })
                        .collect_view();
                    view! { <tr>{cells}</tr> }
                })
                .collect_view();
            let class = if *score_table {
                "table-wrap context score-table"
            } else {
                "table-wrap context"
            };
            let label = if *score_table { "Score table" } else { "Table" };
            view! {
                <div class=class tabindex="0" role="region" aria-label=label>
                    {score_table.then(|| view! {
                        <p class="muted">"Computed live in the score panel."</p>
                    })}
                    <table>
                        <thead><tr>{head}</tr></thead>
                        <tbody>{body}</tbody>
                    </table>
                </div>
            }
            .into_any()
        }
        Block::Quote { blocks } => {
            view! { <blockquote>{render_blocks(ctx, blocks, false)}</blockquote> }.into_any()
        }
        Block::Html { text } => {
            view! { <pre class="raw-html context">{text.clone()}</pre> }.into_any()
        }
        Block::Rule => view! { <hr class="context"/> }.into_any(),
    }
}

fn render_entry(ctx: &Ctx, entry: &ListEntry) -> AnyView {
    let rest = render_blocks(ctx, &entry.blocks, false);
    match entry.item {
        Some(i) => view! { <ItemRow ctx=ctx.clone() i=i>{rest}</ItemRow> }.into_any(),
        None => view! { <li class="plain context">{rest}</li> }.into_any(),
    }
}

/// One task item: checkbox, text, marks, and its N/A / note / evidence controls.
///
/// Built to be cheap, since a checklist may have thousands: one reactive class (done, N/A,
/// filtered out), the checkbox's checked and disabled state, the "more" toggle at the end of the
/// line and the panel it opens (built only while open); the N/A mark is drawn by CSS from the
/// class, and static parts carry no reactive code at all.
#[component]
fn ItemRow(ctx: Ctx, i: usize, children: Children) -> impl IntoView {
    let doc = ctx.doc.clone();
    let c = doc.checklist.clone();
    let it = &c.items[i];
    let st = doc.items[i];
    let kind = c.sections[it.section].kind;
    let input_id = format!("item-{i}");
    let is_signoff = it.signoff.is_some();
    let signed = doc.signed;
    let item_id = it.id.clone();
    let visible = {
        let (doc, filters, desc) = (doc.clone(), ctx.filters, ctx.descendants.clone());
        move || matches(&doc, filters, i) || desc[i].iter().any(|&d| matches(&doc, filters, d))
    };
    let on_toggle = {
        let doc = doc.clone();
        move |ev: leptos::ev::Event| {
            let checked = event_target_checked(&ev);
            doc.set_status(i, if checked { Status::Done } else { Status::Open });
        }
    };
    let base = format!(
        "item kind-{}{}",
        kind.as_str(),
        match it.severity {
            Severity::Critical => " critical",
            _ => "",
        }
    );
    let class = move || {
        let mut class = base.clone();
        match st.status.get() {
            Status::Done => class.push_str(" done"),
            Status::Na => class.push_str(" na"),
            Status::Open => {}
        }
        if !visible() {
            class.push_str(" hidden");
        }
        class
    };
    let text = render_spans(&ctx, &it.text);
    // Items whose line holds inputs cannot sit in a <label> (a label may contain only its own
    // control); they are named with aria-labelledby instead.
    let (label, labelledby) = if it.fields.is_empty() {
        let label = view! { <label for=input_id.clone() class="item-text">{text}</label> };
        (label.into_any(), None)
    } else {
        let text_id = format!("item-{i}-text");
        let label = view! { <span id=text_id.clone() class="item-text">{text}</span> };
        (label.into_any(), Some(text_id))
    };
    let checkbox = view! {
        <input
            type="checkbox"
            id=input_id
            data-item-id=it.id.clone()
            aria-labelledby=labelledby
            prop:checked=move || if is_signoff {
                signed.with(|s| s.contains(&item_id))
            } else {
                st.status.get() == Status::Done
            }
            disabled=move || is_signoff || st.status.get() == Status::Na
            on:change=on_toggle
        />
    };
    // The "more" toggle sits at the end of the item's own line and its panel below the line, so
    // an item is one line until it is opened; sign-off lines have their own controls instead.
    let open = RwSignal::new(
        !is_signoff
            && (st.status.get_untracked() == Status::Na
                || st
                    .extra
                    .with_untracked(|e| !e.note.is_empty() || !e.evidence.is_empty())),
    );
    let more = (!is_signoff).then(|| view! { <MoreToggle doc=doc.clone() i=i open=open/> });
    let row = match it.severity {
        Severity::Critical => view! {
            <div class="item-row">{checkbox}{label}<span class="badge critical">"critical"</span>{more}</div>
        }
        .into_any(),
        Severity::Important => view! {
            <div class="item-row">{checkbox}{label}<span class="badge important">"important"</span>{more}</div>
        }
        .into_any(),
        Severity::Normal => view! { <div class="item-row">{checkbox}{label}{more}</div> }.into_any(),
    };
    view! {
        <li class=class>
            {row}
            {if is_signoff {
                view! { <SignoffControls doc=doc.clone() i=i/> }.into_any()
            } else {
                let doc = doc.clone();
                (move || open.get().then(|| view! { <ItemControls doc=doc.clone() i=i/> })).into_any()
            }}
            {children()}
        </li>
    }
}

/// The disclosure button of an item's N/A, note and evidence controls: its label says what is
/// recorded, and `open` (owned by the row) decides whether the controls are built. A button at the
/// end of the item's line rather than a `<details>` below it: with one per item, the `<details>`
/// rows were about a third of a 408-item page's style and layout time (BENCHMARKS.md). Items with
/// something recorded start open.
#[component]
fn MoreToggle(doc: Doc, i: usize, open: RwSignal<bool>) -> impl IntoView {
    let st = doc.items[i];
    let summary = move || {
        let mut parts = Vec::new();
        st.extra.with(|e| {
            if st.status.get() == Status::Na {
                parts.push(format!("N/A: {}", e.reason));
            }
            if !e.note.is_empty() {
                parts.push("note".to_string());
            }
            if !e.evidence.is_empty() {
                parts.push(format!("{} evidence", e.evidence.len()));
            }
        });
        if parts.is_empty() {
            "N/A · note · evidence".to_string()
        } else {
            parts.join(" · ")
        }
    };
    view! {
        <button
            type="button"
            class="more-toggle"
            aria-expanded=move || if open.get() { "true" } else { "false" }
            on:click=move |_| open.update(|o| *o = !*o)
        >
            {summary}
        </button>
    }
}

#[component]
fn ItemControls(doc: Doc, i: usize) -> impl IntoView {
    let st = doc.items[i];
    let reason = RwSignal::new(st.extra.get_untracked().reason);
    let error = RwSignal::new(None::<String>);
    let new_link = RwSignal::new(String::new());
    let link_error = RwSignal::new(None::<String>);
    let id = |s: &str| format!("item-{i}-{s}");
    let mark_na = {
        let doc = doc.clone();
        move |_| {
            let r = reason.get_untracked().trim().to_string();
            if r.is_empty() {
                error.set(Some("Give a reason to mark this item N/A.".to_string()));
                return;
            }
            error.set(None);
            doc.update_extra(i, |e: &mut Extra| e.reason = r);
            doc.set_status(i, Status::Na);
        }
    };
    let clear_na = {
        let doc = doc.clone();
        move |_| {
            doc.update_extra(i, |e: &mut Extra| e.reason.clear());
            doc.set_status(i, Status::Open);
        }
    };
    let set_note = {
        let doc = doc.clone();
        move |ev: leptos::ev::Event| {
            let v = event_target_value(&ev);
            doc.update_extra(i, |e: &mut Extra| e.note = v);
        }
    };
    let add_link = {
        let doc = doc.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let url = new_link.get_untracked().trim().to_string();
            let ok = safe_href(&url).is_some_and(|u| {
                let l = u.to_ascii_lowercase();
                l.starts_with("https://") || l.starts_with("http://")
            });
            if !ok {
                link_error.set(Some("Evidence must be an http(s) link.".to_string()));
                return;
            }
            link_error.set(None);
            doc.update_extra(i, |e: &mut Extra| e.evidence.push(url));
            new_link.set(String::new());
        }
    };
    let remove_link = {
        let doc = doc.clone();
        move |k: usize| {
            doc.update_extra(i, |e: &mut Extra| {
                if k < e.evidence.len() {
                    e.evidence.remove(k);
                }
            })
        }
    };
    view! {
        <div class="controls">
            <div class="na">
                <label for=id("reason")>"Not applicable because"</label>
                <input
                    id=id("reason")
                    type="text"
                    prop:value=move || reason.get()
                    on:input=move |ev| reason.set(event_target_value(&ev))
                />
                {move || if st.status.get() == Status::Na {
                    view! { <button type="button" on:click=clear_na.clone()>"Applicable again"</button> }.into_any()
                } else {
                    view! { <button type="button" on:click=mark_na.clone()>"Mark N/A"</button> }.into_any()
                }}
                {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            </div>
            <div class="note">
                <label for=id("note")>"Note"</label>
                <textarea
                    id=id("note")
                    rows="2"
                    prop:value=move || st.extra.with(|e| e.note.clone())
                    on:input=set_note
                ></textarea>
            </div>
            <div class="evidence">
                <ul>
                    {move || st.extra.with(|e| e.evidence.clone()).into_iter().enumerate().map(|(k, url)| {
                        let remove = remove_link.clone();
                        view! {
                            <li>
                                <a href=url.clone() rel="noopener noreferrer nofollow" target="_blank">{url.clone()}</a>
                                " "
                                <button type="button" class="link" on:click=move |_| remove(k)>
                                    "remove"
                                </button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                <form on:submit=add_link>
                    <label for=id("evidence")>"Evidence link"</label>
                    <input
                        id=id("evidence")
                        type="url"
                        placeholder="https://"
                        prop:value=move || new_link.get()
                        on:input=move |ev| new_link.set(event_target_value(&ev))
                    />
                    <button type="submit">"Add"</button>
                    {move || link_error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
                </form>
            </div>
        </div>
    }
}

fn render_spans(ctx: &Ctx, spans: &[Span]) -> AnyView {
    match spans {
        // Most text is one span: no list (and no list marker node) for it.
        [one] => render_span(ctx, one),
        _ => spans
            .iter()
            .map(|s| render_span(ctx, s))
            .collect_view()
            .into_any(),
    }
}

fn render_span(ctx: &Ctx, span: &Span) -> AnyView {
    let inner: AnyView = match &span.kind {
        SpanKind::Text | SpanKind::Html => span.text.clone().into_any(),
        SpanKind::Code => view! { <code>{span.text.clone()}</code> }.into_any(),
        SpanKind::Break => view! { <br/> }.into_any(),
        SpanKind::SoftBreak => " ".into_any(),
        SpanKind::Blank(f) => blank_input(&ctx.doc, *f),
    };
    let mut view = inner;
    if span.style.strike {
        view = view! { <del>{view}</del> }.into_any();
    }
    if span.style.emph {
        view = view! { <em>{view}</em> }.into_any();
    }
    if span.style.strong {
        view = view! { <strong>{view}</strong> }.into_any();
    }
    if let Some(href) = &span.href {
        view =
            view! { <a href=href.clone() rel="noopener noreferrer nofollow">{view}</a> }.into_any();
    }
    view
}

/// A blank or empty table cell as an input of the right type, saved as it is typed.
fn blank_input(doc: &Doc, f: usize) -> AnyView {
    let field = &doc.checklist.fields[f];
    let kind = match field.kind {
        FieldKind::Date => "date",
        FieldKind::Number => "number",
        FieldKind::Text => "text",
    };
    let sig = doc.fields[f];
    let doc = doc.clone();
    let label = match &field.unit {
        Some(u) => format!("{} ({u})", field.label),
        None => field.label.clone(),
    };
    view! {
        <input
            class="blank"
            type=kind
            data-field-id=field.id.clone()
            aria-label=label
            prop:value=move || sig.get()
            on:input=move |ev| doc.set_field(f, event_target_value(&ev))
        />
    }
    .into_any()
}

/// Table of contents with per-section progress (readiness and procedure items done of total;
/// triggers shown as how many happened).
#[component]
pub fn Toc(doc: Doc, href: Arc<dyn Fn(&str) -> String + Send + Sync>) -> impl IntoView {
    let c: Arc<Checklist> = doc.checklist.clone();
    // Sign-off items of each section's subtree (few; they count as done when signed and current).
    let mut signoffs: Vec<Vec<String>> = vec![Vec::new(); c.sections.len()];
    for it in c.items.iter().filter(|it| it.signoff.is_some()) {
        for s in c.ancestors(it.section) {
            signoffs[s].push(it.id.clone());
        }
    }
    let entries = c
        .sections
        .iter()
        .enumerate()
        .skip(1)
        .filter(|(s, sec)| {
            let counts = doc.section_counts[*s].get_untracked();
            (counts.total > 0 || !signoffs[*s].is_empty())
                && Some(*s) != c.title_section
                && sec.level <= 4
        })
        .map(|(s, sec)| {
            let counts = doc.section_counts[s];
            let signoffs = signoffs[s].clone();
            let signed = doc.signed;
            let kind = sec.kind;
            // Done of applicable, from the section's running counts: a toggle touches only the
            // sections above its item.
            let progress = Memo::new(move |_| {
                let n = counts.get();
                let signed = if signoffs.is_empty() {
                    0
                } else {
                    signed.with(|set| signoffs.iter().filter(|id| set.contains(*id)).count())
                };
                (n.done + signed, n.total + signoffs.len() - n.na)
            });
            let depth = format!("toc-l{}", sec.level);
            let link = href(&sec.slug);
            let title = sec.title.clone();
            view! {
                <li class=depth>
                    <a href=link>{title}</a>
                    <span class="toc-progress" class:complete=move || {
                        let (d, t) = progress.get();
                        kind != SectionKind::Trigger && d == t
                    }>
                        {move || {
                            let (d, t) = progress.get();
                            match kind {
                                SectionKind::Trigger => format!("{d} triggered"),
                                _ => format!("{d}/{t}"),
                            }
                        }}
                    </span>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav class="toc" aria-label="Sections">
            <h2 class="toc-title">"Sections"</h2>
            <ul>{entries}</ul>
        </nav>
    }
}
