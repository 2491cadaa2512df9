//! The model's blocks drawn in document order: headings, paragraphs, lists (task items through
//! [`super::item::ItemRow`]), code, tables with fillable empty cells, blanks as inputs. Checklist text
//! is only ever inserted as text nodes, never as HTML; links keep only safe targets.

use leptos::prelude::*;

use crate::domain::model::{plain_text, Align, Block, Checklist, ListEntry, SectionKind, Span};
use crate::domain::score::{score_cell, score_columns};

use super::ctx::Ctx;
use super::inline::render_spans;
use super::item::ItemRow;

/// A run of blocks, in order.
pub(super) fn render_blocks(ctx: &Ctx, blocks: &[Block]) -> AnyView {
    blocks
        .iter()
        .map(|b| render_block(ctx, b))
        .collect_view()
        .into_any()
}

/// A section heading at its level, with its id for deep links and a badge for trigger and
/// procedure sections and for sections outside the score table.
fn render_heading(c: &Checklist, section: usize, unscored: bool) -> AnyView {
    let s = &c.sections[section];
    let title = s.title.clone();
    let id = format!("s-{}", s.slug);
    let class = format!("kind-{}", s.kind.as_str());
    let badge = match s.kind {
        SectionKind::Trigger => Some((
            "kind-badge",
            "Failure trigger: checking an item means NO-GO",
        )),
        SectionKind::Procedure => Some(("kind-badge", "Procedure: tracked, not scored")),
        // Its items are tracked but are in none of the score table's categories.
        SectionKind::Readiness if unscored => Some((
            "kind-badge unscored",
            "Not in the score: tracked, but outside the score table",
        )),
        SectionKind::Readiness => None,
    }
    .map(|(class, text)| view! { <span class=class>{text}</span> });
    let inner = view! { {title} {badge} };
    // While filtering, a section with no matching item is hidden, heading and all.
    let m = expect_context::<super::filters::SectionMatches>();
    let hidden = move || m.empty(section);
    match s.level {
        1 => view! { <h1 id=id class=class class:hidden=hidden>{inner}</h1> }.into_any(),
        2 => view! { <h2 id=id class=class class:hidden=hidden>{inner}</h2> }.into_any(),
        3 => view! { <h3 id=id class=class class:hidden=hidden>{inner}</h3> }.into_any(),
        4 => view! { <h4 id=id class=class class:hidden=hidden>{inner}</h4> }.into_any(),
        5 => view! { <h5 id=id class=class class:hidden=hidden>{inner}</h5> }.into_any(),
        _ => view! { <h6 id=id class=class class:hidden=hidden>{inner}</h6> }.into_any(),
    }
}

/// A table in a scrollable, focusable region; a score table says its figures are computed live.
fn render_table(
    ctx: &Ctx,
    align: &[Align],
    header: &[Vec<Span>],
    rows: &[Vec<Vec<Span>>],
    score_table: bool,
) -> AnyView {
    let cell_class = |i: usize| match align.get(i) {
        Some(Align::Center) => "center",
        Some(Align::Right) => "right",
        _ => "",
    };
    let head = header
        .iter()
        .enumerate()
        .map(|(i, cell)| view! { <th scope="col" class=cell_class(i)>{render_spans(ctx, cell)}</th> })
        .collect_view();
    // A score table's score and weighted-score cells show the live figures, not `___/10`.
    let columns = if score_table {
        score_columns(&header.iter().map(|h| plain_text(h)).collect::<Vec<_>>())
    } else {
        Vec::new()
    };
    let b = ctx.doc.breakdown;
    let body = rows
        .iter()
        .map(|row| {
            let label = row.first().map(|c| plain_text(c)).unwrap_or_default();
            let cells = row
                .iter()
                .enumerate()
                .map(|(i, cell)| {
                    let live = columns.get(i).copied().flatten().and_then(|col| {
                        b.with_untracked(|b| score_cell(b, &label, col)).map(|_| col)
                    });
                    match live {
                        Some(col) => {
                            let label = label.clone();
                            view! { <td class=cell_class(i) data-computed="">{move || b.with(|b| score_cell(b, &label, col))}</td> }.into_any()
                        }
                        None => view! { <td class=cell_class(i)>{render_spans(ctx, cell)}</td> }.into_any(),
                    }
                })
                .collect_view();
            view! { <tr>{cells}</tr> }
        })
        .collect_view();
    let (class, label) = if score_table {
        ("table-wrap context score-table", "Score table")
    } else {
        ("table-wrap context", "Table")
    };
    view! {
        <div class=class tabindex="0" role="region" aria-label=label>
            {score_table.then(|| view! {
                <p class="muted">"Filled in live from the answers, as in the score panel."</p>
            })}
            <table>
                <thead><tr>{head}</tr></thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
    .into_any()
}

/// One block of the model.
pub(super) fn render_block(ctx: &Ctx, block: &Block) -> AnyView {
    let c = &ctx.doc.checklist;
    match block {
        Block::Heading { section } => render_heading(c, *section, ctx.doc.unscored[*section]),
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
        } => render_table(ctx, align, header, rows, *score_table),
        Block::Quote { blocks } => {
            view! { <blockquote>{render_blocks(ctx, blocks)}</blockquote> }.into_any()
        }
        Block::Html { text } => view! { <super::html::HtmlBlock text=text.clone()/> }.into_any(),
        Block::Rule => view! { <hr class="context"/> }.into_any(),
    }
}

pub(super) fn render_entry(ctx: &Ctx, entry: &ListEntry) -> AnyView {
    let rest = render_blocks(ctx, &entry.blocks);
    match entry.item {
        Some(i) => view! { <ItemRow ctx=ctx.clone() i=i>{rest}</ItemRow> }.into_any(),
        None => view! { <li class="plain context">{rest}</li> }.into_any(),
    }
}
