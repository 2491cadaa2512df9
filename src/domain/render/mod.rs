//! The checklist's HTML, rendered by the core: one function turns a `Checklist` and its answers into
//! the form's markup — headings with their kind, paragraphs, task rows with their checkbox in the
//! answered state, badges and the "more" toggle, blanks as inputs, tables (score tables with their
//! live figures), code, quotes and the allow-listed HTML — through the one writer
//! ([`writer::Html`]), so escaping, the tag and attribute allow-list, the link rule and the nesting
//! bound hold by construction.
//!
//! The same function writes a checklist's static page at build time (`readiness render`) and the
//! page, or a chunk of it, in the browser; the app then attaches to this markup (delegated events,
//! row state written in place) instead of building rows itself. Every id, class and data attribute
//! the app reads is written here and nowhere else.

mod carried;
mod page;
mod row;
pub mod writer;

use std::collections::{BTreeSet, HashSet};

use crate::domain::answers::Answers;
use crate::domain::model::{plain_text, Align, Block, Checklist, ListEntry, SectionKind};
use crate::domain::score::{
    score, score_cell, score_columns, unscored_sections, Breakdown, ScoreColumn, ScoreInput,
};
use crate::domain::signoff::standing::{lines_of, Assessment};
use crate::domain::text::html::{safe_html, HtmlNode};
use crate::domain::text::spans::Span;
use writer::{Attr, Flag, Html, Tag};

pub use carried::carried_block;
pub use page::{checklist_page, landing_page, StaticPage, ACTIONS, MARK_READY_TITLE};
pub use row::{more_label, more_summary, row_class, starts_open};

/// What rendering needs besides the checklist and its answers, computed once per page (the app
/// keeps these in its `Doc` and renders chunks with them).
#[derive(Clone, Copy)]
pub struct Facts<'a> {
    /// Each item's role at the level in force (a not-required item gets its badge).
    pub input: &'a ScoreInput,
    /// Per section: outside the score table.
    pub unscored: &'a [bool],
    /// The score, for a score table's live cells.
    pub breakdown: &'a Breakdown,
    /// Item texts more than one item has (the "more" toggle's name then says where).
    pub repeated: &'a HashSet<String>,
    /// Sign-off items whose sign-off counts (their box is ticked).
    pub signed: &'a BTreeSet<String>,
    /// The target level in force, if the checklist has levels.
    pub level: Option<&'a str>,
    /// The day N/A and waivers are judged on (`YYYY-MM-DD`; empty: none has lapsed).
    pub today: &'a str,
}

/// [`Facts`] owned: what a page computes once from a checklist and answers with no sign-off
/// checked (the build's static pages; the CLI's `render`).
pub struct Prepared {
    input: ScoreInput,
    unscored: Vec<bool>,
    breakdown: Breakdown,
    repeated: HashSet<String>,
    signed: BTreeSet<String>,
    level: Option<String>,
}

impl Prepared {
    /// The facts of `checklist` with `answers`, no signature checked (so no sign-off counts).
    pub fn new(checklist: &Checklist, answers: &Answers) -> Prepared {
        let input = ScoreInput::judged(
            checklist,
            answers,
            &lines_of(checklist),
            &Assessment::default(),
            "",
        );
        Prepared {
            unscored: unscored_sections(checklist, &input),
            breakdown: score(&input),
            input,
            repeated: checklist.repeated_texts(),
            signed: BTreeSet::new(),
            level: answers.level(checklist).map(str::to_string),
        }
    }

    /// Borrowed for rendering.
    pub fn facts(&self) -> Facts<'_> {
        Facts {
            input: &self.input,
            unscored: &self.unscored,
            breakdown: &self.breakdown,
            repeated: &self.repeated,
            signed: &self.signed,
            level: self.level.as_deref(),
            today: "",
        }
    }
}

/// The body of `checklist` with `answers` as HTML: every block in document order (what the
/// `<article class="checklist">` holds).
pub fn render_body(checklist: &Checklist, answers: &Answers) -> String {
    let prepared = Prepared::new(checklist, answers);
    render_blocks(checklist, answers, &prepared.facts(), &checklist.blocks)
}

/// `blocks` (the whole body, or one chunk of a large checklist) as HTML.
pub fn render_blocks(
    checklist: &Checklist,
    answers: &Answers,
    facts: &Facts<'_>,
    blocks: &[Block],
) -> String {
    blocks_html(checklist, answers, facts, blocks).finish()
}

/// `blocks` written by the one writer, for a page that holds them (`page.rs`).
fn blocks_html(
    checklist: &Checklist,
    answers: &Answers,
    facts: &Facts<'_>,
    blocks: &[Block],
) -> Html {
    let mut r = Renderer {
        c: checklist,
        a: answers,
        f: *facts,
        h: Html::new(),
    };
    for b in blocks {
        r.block(b);
    }
    r.h
}

/// The renderer's state; `row.rs` adds task rows and inline content to it.
struct Renderer<'a> {
    c: &'a Checklist,
    a: &'a Answers,
    f: Facts<'a>,
    h: Html,
}

impl Renderer<'_> {
    fn block(&mut self, b: &Block) {
        match b {
            Block::Heading { section } => self.heading(*section),
            Block::Paragraph { spans } => {
                self.h.open(Tag::P, &[(Attr::Class, "context")], &[]);
                self.spans(spans);
                self.h.close();
            }
            Block::List { start, entries } => {
                let class = if entries.iter().any(|e| e.item.is_some()) {
                    "tasks"
                } else {
                    "context"
                };
                let start = start.map(|n| n.to_string());
                match &start {
                    Some(n) => self
                        .h
                        .open(Tag::Ol, &[(Attr::Class, class), (Attr::Start, n)], &[]),
                    None => self.h.open(Tag::Ul, &[(Attr::Class, class)], &[]),
                }
                for e in entries {
                    self.entry(e);
                }
                self.h.close();
            }
            Block::Code { lang, text } => {
                self.h.open(Tag::Pre, &[(Attr::Class, "context")], &[]);
                if lang.is_empty() {
                    self.h.element(Tag::Code, &[], text);
                } else {
                    let class = format!("language-{lang}");
                    self.h.element(Tag::Code, &[(Attr::Class, &class)], text);
                }
                self.h.close();
            }
            Block::Table {
                align,
                header,
                rows,
                score_table,
                ..
            } => self.table(align, header, rows, *score_table),
            Block::Quote { blocks } => {
                self.h.open(Tag::Blockquote, &[], &[]);
                for b in blocks {
                    self.block(b);
                }
                self.h.close();
            }
            Block::Html { text } => {
                self.h.open(Tag::Div, &[(Attr::Class, "html")], &[]);
                html_block(&mut self.h, text);
                self.h.close();
            }
            Block::Rule => self.h.open(Tag::Hr, &[(Attr::Class, "context")], &[]),
        }
    }

    /// A section heading at its level, with its id for deep links and a badge for trigger and
    /// procedure sections and for sections outside the score table.
    fn heading(&mut self, section: usize) {
        let s = &self.c.sections[section];
        let id = format!("s-{}", s.slug);
        let class = format!("kind-{}", s.kind.as_str());
        let unscored = self.f.unscored.get(section).copied().unwrap_or(false);
        let badge = match s.kind {
            SectionKind::Trigger => Some((
                "kind-badge",
                "Failure trigger: checking an item means NO-GO",
            )),
            SectionKind::Procedure => Some(("kind-badge", "Procedure: tracked, not scored")),
            SectionKind::Readiness if unscored => Some((
                "kind-badge unscored",
                "Not in the score: tracked, but outside the score table",
            )),
            SectionKind::Readiness => None,
        };
        let section = section.to_string();
        self.h.open(
            Tag::heading(usize::from(s.level)),
            &[
                (Attr::Id, &id),
                (Attr::Class, &class),
                (Attr::DataSection, &section),
            ],
            &[],
        );
        self.h
            .text(&crate::domain::text::emoji::shortcodes(&s.title));
        if let Some((class, text)) = badge {
            self.h.element(Tag::Span, &[(Attr::Class, class)], text);
        }
        self.h.close();
    }

    /// A list entry: a task row, or plain content.
    fn entry(&mut self, e: &ListEntry) {
        match e.item {
            Some(i) => self.item(i, &e.blocks),
            None => {
                self.h.open(Tag::Li, &[(Attr::Class, "plain context")], &[]);
                for b in &e.blocks {
                    self.block(b);
                }
                self.h.close();
            }
        }
    }

    /// A table in a scrollable, focusable region; a score table's score and weighted cells hold
    /// the figures from the answers (the app keeps them live) and say so.
    fn table(
        &mut self,
        align: &[Align],
        header: &[Vec<Span>],
        rows: &[Vec<Vec<Span>>],
        score_table: bool,
    ) {
        let aligned = |k: usize| match align.get(k) {
            Some(Align::Center) => &[(Attr::Class, "center")][..],
            Some(Align::Right) => &[(Attr::Class, "right")][..],
            _ => &[][..],
        };
        let columns = if score_table {
            score_columns(&header.iter().map(|h| plain_text(h)).collect::<Vec<_>>())
        } else {
            Vec::new()
        };
        let (class, label) = if score_table {
            ("table-wrap context score-table", "Score table")
        } else {
            ("table-wrap context", "Table")
        };
        self.h.open(
            Tag::Div,
            &[
                (Attr::Class, class),
                (Attr::Tabindex, "0"),
                (Attr::Role, "region"),
                (Attr::AriaLabel, label),
            ],
            &[],
        );
        if score_table {
            self.h.element(
                Tag::P,
                &[(Attr::Class, "muted")],
                "Filled in live from the answers, as in the score panel.",
            );
        }
        self.h.open(Tag::Table, &[], &[]);
        self.h.open(Tag::Thead, &[], &[]);
        self.h.open(Tag::Tr, &[], &[]);
        for (k, cell) in header.iter().enumerate() {
            let mut attrs = vec![(Attr::Scope, "col")];
            attrs.extend_from_slice(aligned(k));
            self.h.open(Tag::Th, &attrs, &[]);
            self.spans(cell);
            self.h.close();
        }
        self.h.close();
        self.h.close();
        self.h.open(Tag::Tbody, &[], &[]);
        for row in rows {
            let label = row.first().map(|c| plain_text(c)).unwrap_or_default();
            self.h.open(Tag::Tr, &[], &[]);
            for (k, cell) in row.iter().enumerate() {
                let live = columns
                    .get(k)
                    .copied()
                    .flatten()
                    .and_then(|col| Some((col, score_cell(self.f.breakdown, &label, col)?)));
                match live {
                    Some((col, figure)) => {
                        let col = match col {
                            ScoreColumn::Score => "score",
                            ScoreColumn::Weighted => "weighted",
                        };
                        let mut attrs = vec![(Attr::DataRow, label.as_str()), (Attr::DataCol, col)];
                        attrs.extend_from_slice(aligned(k));
                        self.h.open(Tag::Td, &attrs, &[Flag::Computed]);
                        self.h.text(&figure);
                    }
                    None => {
                        self.h.open(Tag::Td, aligned(k), &[]);
                        self.spans(cell);
                    }
                }
                self.h.close();
            }
            self.h.close();
        }
        self.h.close();
        self.h.close();
        self.h.close();
    }
}

/// A score table cell's column as [`render_blocks`] names it in `data-col`.
pub fn score_column(name: &str) -> Option<ScoreColumn> {
    match name {
        "score" => Some(ScoreColumn::Score),
        "weighted" => Some(ScoreColumn::Weighted),
        _ => None,
    }
}

/// The markup of an HTML block of the checklist: through the allow-list, or folded with its source
/// when it is not drawable (a tag off the list, malformed, or nested too deep).
pub fn render_html_block(text: &str) -> String {
    let mut h = Html::new();
    html_block(&mut h, text);
    h.finish()
}

fn html_block(h: &mut Html, text: &str) {
    match safe_html(text) {
        Some(list) => {
            h.open(Tag::Div, &[(Attr::Class, "html-block context")], &[]);
            nodes(h, &list);
            h.close();
        }
        None => {
            h.open(Tag::Details, &[(Attr::Class, "raw-html context")], &[]);
            h.element(
                Tag::Summary,
                &[],
                "HTML not shown (it has tags this page does not draw): show its source",
            );
            h.element(Tag::Pre, &[], text);
            h.close();
        }
    }
}

fn nodes(h: &mut Html, list: &[HtmlNode]) {
    for n in list {
        match n {
            HtmlNode::Text(t) => h.text(t),
            HtmlNode::Element {
                tag,
                attrs,
                children,
            } => {
                let attr = |k: &str| attrs.iter().find(|(a, _)| *a == k).map(|(_, v)| v.as_str());
                if *tag == "img" {
                    // Images are not loaded: their alt text, linked to the image.
                    h.link_with(attr("src").unwrap_or(""), Some("html-image"));
                    h.text(&format!("[{}]", attr("alt").unwrap_or("image")));
                    h.close();
                    continue;
                }
                if *tag == "a" {
                    h.link(attr("href").unwrap_or(""));
                    nodes(h, children);
                    h.close();
                    continue;
                }
                let Some(t) = allowed(tag) else {
                    nodes(h, children);
                    continue;
                };
                match attr("align") {
                    Some(a) => h.open(t, &[(Attr::Align, a)], &[]),
                    None => h.open(t, &[], &[]),
                }
                nodes(h, children);
                h.close();
            }
        }
    }
}

/// The writer's tag for an allow-listed HTML element.
fn allowed(tag: &str) -> Option<Tag> {
    Some(match tag {
        "p" => Tag::P,
        "div" => Tag::Div,
        "span" => Tag::Span,
        "center" => Tag::Center,
        "h1" => Tag::H1,
        "h2" => Tag::H2,
        "h3" => Tag::H3,
        "h4" => Tag::H4,
        "h5" => Tag::H5,
        "h6" => Tag::H6,
        "br" => Tag::Br,
        "hr" => Tag::Hr,
        "b" => Tag::B,
        "strong" => Tag::Strong,
        "i" => Tag::I,
        "em" => Tag::Em,
        "code" => Tag::Code,
        "sub" => Tag::Sub,
        "sup" => Tag::Sup,
        "small" => Tag::Small,
        "details" => Tag::Details,
        "summary" => Tag::Summary,
        "ul" => Tag::Ul,
        "ol" => Tag::Ol,
        "li" => Tag::Li,
        _ => return None,
    })
}
