//! A checklist drawn from its model, in document order: headings, context text, lists with their
//! task items as real checkboxes, code, tables. Checklist text is only ever inserted as text nodes
//! (never `inner_html`), and links keep only the targets the parser judged safe.

use std::sync::Arc;

use leptos::prelude::*;

use crate::domain::model::{Align, Block, Checklist, FieldKind, ListEntry, Span, SpanKind};
use crate::domain::{parse, ParseError};

use super::net::fetch_bytes;

async fn load(file: String) -> Result<Arc<Checklist>, String> {
    let url = format!("checklists/{}", js_sys::encode_uri_component(&file));
    let bytes = fetch_bytes(&url).await?;
    parse(&file, &bytes)
        .map(Arc::new)
        .map_err(|e: ParseError| format!("{file}: {e}"))
}

/// The page of one bundled checklist.
#[component]
pub fn ChecklistPage(file: String) -> impl IntoView {
    let checklist = LocalResource::new(move || load(file.clone()));
    view! {
        <p><a href="#/">"← All checklists"</a></p>
        <Suspense fallback=|| view! { <p class="muted">"Loading checklist…"</p> }>
            {move || {
                checklist
                    .get()
                    .map(|result| match result {
                        Ok(c) => view! { <ChecklistView checklist=c/> }.into_any(),
                        Err(e) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
                    })
            }}
        </Suspense>
    }
}

/// A parsed checklist, read-only (answers arrive with issue 3's form).
#[component]
fn ChecklistView(checklist: Arc<Checklist>) -> impl IntoView {
    let c = checklist;
    view! {
        <article class="checklist" data-file=c.file.clone()>
            <p class="meta">
                <span data-testid="item-total">{c.items.len()}</span>
                " items · "
                <code>{c.file.clone()}</code>
            </p>
            {render_blocks(&c, &c.blocks)}
        </article>
    }
}

fn render_blocks(c: &Arc<Checklist>, blocks: &[Block]) -> AnyView {
    blocks
        .iter()
        .map(|b| render_block(c, b))
        .collect_view()
        .into_any()
}

fn render_block(c: &Arc<Checklist>, block: &Block) -> AnyView {
    match block {
        Block::Heading { section } => {
            let s = &c.sections[*section];
            let title = s.title.clone();
            let id = s.slug.clone();
            let class = format!("kind-{}", s.kind.as_str());
            match s.level {
                1 => view! { <h1 id=id class=class>{title}</h1> }.into_any(),
                2 => view! { <h2 id=id class=class>{title}</h2> }.into_any(),
                3 => view! { <h3 id=id class=class>{title}</h3> }.into_any(),
                4 => view! { <h4 id=id class=class>{title}</h4> }.into_any(),
                5 => view! { <h5 id=id class=class>{title}</h5> }.into_any(),
                _ => view! { <h6 id=id class=class>{title}</h6> }.into_any(),
            }
        }
        Block::Paragraph { spans } => view! { <p>{render_spans(c, spans)}</p> }.into_any(),
        Block::List { start, entries } => {
            let items = entries.iter().map(|e| render_entry(c, e)).collect_view();
            match start {
                Some(n) => view! { <ol start=*n>{items}</ol> }.into_any(),
                None => view! { <ul>{items}</ul> }.into_any(),
            }
        }
        Block::Code { lang, text } => {
            let class = (!lang.is_empty()).then(|| format!("language-{lang}"));
            view! { <pre><code class=class>{text.clone()}</code></pre> }.into_any()
        }
        Block::Table {
            align,
            header,
            rows,
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
                .map(|(i, cell)| view! { <th class=cell_class(i)>{render_spans(c, cell)}</th> })
                .collect_view();
            let body = rows
                .iter()
                .map(|row| {
                    let cells = row
                        .iter()
                        .enumerate()
                        .map(|(i, cell)| {
                            view! { <td class=cell_class(i)>{render_spans(c, cell)}</td> }
                        })
                        .collect_view();
                    view! { <tr>{cells}</tr> }
                })
                .collect_view();
            view! {
                <div class="table-wrap">
                    <table>
                        <thead><tr>{head}</tr></thead>
                        <tbody>{body}</tbody>
                    </table>
                </div>
            }
            .into_any()
        }
        Block::Quote { blocks } => {
            view! { <blockquote>{render_blocks(c, blocks)}</blockquote> }.into_any()
        }
        Block::Html { text } => view! { <pre class="raw-html">{text.clone()}</pre> }.into_any(),
        Block::Rule => view! { <hr/> }.into_any(),
    }
}

fn render_entry(c: &Arc<Checklist>, entry: &ListEntry) -> AnyView {
    let rest = render_blocks(c, &entry.blocks);
    match entry.item {
        Some(i) => {
            let it = &c.items[i];
            let input_id = format!("item-{i}");
            let class = match it.severity {
                crate::domain::model::Severity::Critical => "item critical",
                crate::domain::model::Severity::Important => "item important",
                crate::domain::model::Severity::Normal => "item",
            };
            view! {
                <li class=class>
                    <input
                        type="checkbox"
                        id=input_id.clone()
                        data-item-id=it.id.clone()
                        prop:checked=it.prechecked
                        disabled=true
                    />
                    <label for=input_id>{render_spans(c, &it.text)}</label>
                    {rest}
                </li>
            }
            .into_any()
        }
        None => view! { <li class="plain">{rest}</li> }.into_any(),
    }
}

fn render_spans(c: &Arc<Checklist>, spans: &[Span]) -> AnyView {
    spans
        .iter()
        .map(|s| render_span(c, s))
        .collect_view()
        .into_any()
}

fn render_span(c: &Arc<Checklist>, span: &Span) -> AnyView {
    let inner: AnyView = match &span.kind {
        SpanKind::Text | SpanKind::Html => span.text.clone().into_any(),
        SpanKind::Code => view! { <code>{span.text.clone()}</code> }.into_any(),
        SpanKind::Break => view! { <br/> }.into_any(),
        SpanKind::SoftBreak => " ".into_any(),
        SpanKind::Blank(f) => {
            let field = &c.fields[*f];
            let kind = match field.kind {
                FieldKind::Date => "date",
                FieldKind::Number => "number",
                FieldKind::Text => "text",
            };
            view! {
                <input
                    class="blank"
                    type=kind
                    data-field-id=field.id.clone()
                    aria-label=field.label.clone()
                    disabled=true
                />
            }
            .into_any()
        }
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
