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
    Align, Block, Checklist, FieldKind, ListEntry, SectionKind, Severity, Span, SpanKind,
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

/// The checklist body.
#[component]
pub fn ChecklistBody(doc: Doc, filters: Filters) -> impl IntoView {
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
    view! {
        <article
            class="checklist"
            class:filtering=move || filters.active()
            data-file=c.file.clone()
        >
            {render_blocks(&ctx, &c.blocks)}
        </article>
    }
}

#[derive(Clone)]
struct Ctx {
    doc: Doc,
    filters: Filters,
    descendants: Arc<Vec<Vec<usize>>>,
}

fn render_blocks(ctx: &Ctx, blocks: &[Block]) -> AnyView {
    blocks
        .iter()
        .map(|b| render_block(ctx, b))
        .collect_view()
        .into_any()
}

fn render_block(ctx: &Ctx, block: &Block) -> AnyView {
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
            match start {
                Some(n) => view! { <ol class=class start=*n>{items}</ol> }.into_any(),
                None => view! { <ul class=class>{items}</ul> }.into_any(),
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
            view! { <blockquote>{render_blocks(ctx, blocks)}</blockquote> }.into_any()
        }
        Block::Html { text } => {
            view! { <pre class="raw-html context">{text.clone()}</pre> }.into_any()
        }
        Block::Rule => view! { <hr class="context"/> }.into_any(),
    }
}

fn render_entry(ctx: &Ctx, entry: &ListEntry) -> AnyView {
    let rest = render_blocks(ctx, &entry.blocks);
    match entry.item {
        Some(i) => view! { <ItemRow ctx=ctx.clone() i=i>{rest}</ItemRow> }.into_any(),
        None => view! { <li class="plain context">{rest}</li> }.into_any(),
    }
}

/// One task item: checkbox, text, marks, and its N/A / note / evidence controls.
#[component]
fn ItemRow(ctx: Ctx, i: usize, children: Children) -> impl IntoView {
    let doc = ctx.doc.clone();
    let c = doc.checklist.clone();
    let it = &c.items[i];
    let st = doc.items[i];
    let kind = c.sections[it.section].kind;
    let input_id = format!("item-{i}");
    let text_id = format!("item-{i}-text");
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
    let severity = match it.severity {
        Severity::Critical => Some(view! { <span class="badge critical">"critical"</span> }),
        Severity::Important => Some(view! { <span class="badge important">"important"</span> }),
        Severity::Normal => None,
    };
    let text = render_spans(&ctx, &it.text);
    // Items whose line holds inputs cannot sit in a <label> (a label may contain only its own
    // control); they are named with aria-labelledby instead.
    let label = if it.fields.is_empty() {
        view! { <label for=input_id.clone() id=text_id.clone() class="item-text">{text}</label> }
            .into_any()
    } else {
        view! { <span id=text_id.clone() class="item-text">{text}</span> }.into_any()
    };
    let class = format!(
        "item kind-{}{}",
        kind.as_str(),
        match it.severity {
            Severity::Critical => " critical",
            _ => "",
        }
    );
    view! {
        <li
            class=class
            class:done=move || st.status.get() == Status::Done
            class:na=move || st.status.get() == Status::Na
            class:hidden=move || !visible()
        >
            <div class="item-row">
                <input
                    type="checkbox"
                    id=input_id
                    data-item-id=it.id.clone()
                    aria-labelledby=text_id
                    prop:checked=move || if is_signoff {
                        signed.with(|s| s.contains(&item_id))
                    } else {
                        st.status.get() == Status::Done
                    }
                    disabled=move || is_signoff || st.status.get() == Status::Na
                    on:change=on_toggle
                />
                {label}
                {severity}
                {move || (st.status.get() == Status::Na).then(|| view! {
                    <span class="badge na">"N/A"</span>
                })}
            </div>
            {if is_signoff {
                view! { <SignoffControls doc=doc.clone() i=i/> }.into_any()
            } else {
                view! { <ItemMore doc=doc.clone() i=i/> }.into_any()
            }}
            {children()}
        </li>
    }
}

/// N/A with reason, note and evidence, collapsed until used. The controls are only built when the
/// panel is opened, so a long checklist carries one small `<details>` per item.
#[component]
fn ItemMore(doc: Doc, i: usize) -> impl IntoView {
    let st = doc.items[i];
    let used = move || {
        st.extra
            .with(|e| !e.note.is_empty() || !e.evidence.is_empty())
            || st.status.get() == Status::Na
    };
    let open = RwSignal::new(used());
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
        <details
            class="item-more"
            prop:open=move || open.get()
            on:toggle=move |ev| {
                let details: web_sys::HtmlDetailsElement = event_target(&ev);
                open.set(details.open());
            }
        >
            <summary>{summary}</summary>
            {move || open.get().then(|| view! { <ItemControls doc=doc.clone() i=i/> })}
        </details>
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
    spans
        .iter()
        .map(|s| render_span(ctx, s))
        .collect_view()
        .into_any()
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
    // Items of each section's subtree.
    let mut subtree: Vec<Vec<usize>> = vec![Vec::new(); c.sections.len()];
    for (i, it) in c.items.iter().enumerate() {
        let mut s = Some(it.section);
        while let Some(sec) = s {
            subtree[sec].push(i);
            s = c.sections[sec].parent;
        }
    }
    let entries = c
        .sections
        .iter()
        .enumerate()
        .skip(1)
        .filter(|(s, sec)| !subtree[*s].is_empty() && Some(*s) != c.title_section && sec.level <= 4)
        .map(|(s, sec)| {
            let items = subtree[s].clone();
            let doc = doc.clone();
            let kind = sec.kind;
            let progress = Memo::new(move |_| {
                let done = items
                    .iter()
                    .filter(|&&i| {
                        let it = &doc.checklist.items[i];
                        if it.signoff.is_some() {
                            doc.signed.with(|s| s.contains(&it.id))
                        } else {
                            doc.items[i].status.get() == Status::Done
                        }
                    })
                    .count();
                let na = items
                    .iter()
                    .filter(|&&i| doc.items[i].status.get() == Status::Na)
                    .count();
                (done, items.len() - na)
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
