//! The checklist's HTML, rendered by the core (issue 31's first step): one function turns a
//! `Checklist` and its answers into the body's markup — headings, paragraphs, task rows with their
//! checkbox in the answered state, blanks as inputs, tables, code, quotes and the allow-listed
//! HTML — through the one writer ([`writer::Html`]), so escaping, the tag and attribute allow-list,
//! the link rule and the nesting bound hold by construction. The build and the browser are to call
//! this same function; the app attaching to its output is the rest of issue 31.

pub mod writer;

use crate::domain::answers::{Answers, Status};
use crate::domain::model::{Align, Block, Checklist, ListEntry};
use crate::domain::text::html::{safe_html, HtmlNode};
use crate::domain::text::spans::{Span, SpanKind};
use writer::{Attr, Flag, Html, Tag};

/// The body of `checklist` with `answers` as HTML: every block in document order.
pub fn render_body(checklist: &Checklist, answers: &Answers) -> String {
    let mut r = Renderer {
        c: checklist,
        a: answers,
        h: Html::new(),
    };
    for b in &checklist.blocks {
        r.block(b);
    }
    r.h.finish()
}

struct Renderer<'a> {
    c: &'a Checklist,
    a: &'a Answers,
    h: Html,
}

impl Renderer<'_> {
    fn block(&mut self, b: &Block) {
        match b {
            Block::Heading { section } => {
                let s = &self.c.sections[*section];
                self.h.element(
                    Tag::heading(usize::from(s.level)),
                    &[(Attr::Id, &s.slug)],
                    &s.title,
                );
            }
            Block::Paragraph { spans } => {
                self.h.open(Tag::P, &[], &[]);
                self.spans(spans);
                self.h.close();
            }
            Block::List { start, entries } => {
                let start = start.map(|n| n.to_string());
                match &start {
                    Some(n) => self.h.open(Tag::Ol, &[(Attr::Start, n)], &[]),
                    None => self.h.open(Tag::Ul, &[], &[]),
                }
                for e in entries {
                    self.entry(e);
                }
                self.h.close();
            }
            Block::Code { lang, text } => {
                self.h.open(Tag::Pre, &[(Attr::DataBlock, "code")], &[]);
                self.h.element(Tag::Code, &[(Attr::Class, lang)], text);
                self.h.close();
            }
            Block::Table {
                align,
                header,
                rows,
                ..
            } => self.table(align, header, rows),
            Block::Quote { blocks } => {
                self.h.open(Tag::Blockquote, &[], &[]);
                for b in blocks {
                    self.block(b);
                }
                self.h.close();
            }
            Block::Html { text } => html_block(&mut self.h, text),
            Block::Rule => self.h.open(Tag::Hr, &[], &[]),
        }
    }

    /// A list entry: a task row (checkbox in its answered state, text, blanks) or plain content.
    fn entry(&mut self, e: &ListEntry) {
        let Some(i) = e.item else {
            self.h.open(Tag::Li, &[], &[]);
            for b in &e.blocks {
                self.block(b);
            }
            self.h.close();
            return;
        };
        let it = &self.c.items[i];
        let answer = self.a.answer(self.c, i);
        let class = match answer.status {
            Status::Done => "item done",
            Status::Na => "item na",
            Status::Open => "item",
        };
        let input = format!("item-{i}");
        self.h.open(Tag::Li, &[(Attr::Class, class)], &[]);
        self.h.open(Tag::Div, &[(Attr::Class, "item-row")], &[]);
        let mut flags = Vec::new();
        if answer.status == Status::Done {
            flags.push(Flag::Checked);
        }
        if answer.status == Status::Na {
            flags.push(Flag::Disabled);
        }
        self.h.open(
            Tag::Input,
            &[
                (Attr::Type, "checkbox"),
                (Attr::Id, &input),
                (Attr::DataItemId, &it.id),
            ],
            &flags,
        );
        self.h.open(Tag::Span, &[(Attr::Class, "item-body")], &[]);
        self.h.open(
            Tag::Label,
            &[(Attr::For, &input), (Attr::Class, "item-text")],
            &[],
        );
        self.spans(&it.text);
        self.h.close();
        self.h.close();
        self.h.close();
        for b in &e.blocks {
            self.block(b);
        }
        self.h.close();
    }

    fn table(&mut self, align: &[Align], header: &[Vec<Span>], rows: &[Vec<Vec<Span>>]) {
        let aligned = |k: usize| match align.get(k) {
            Some(Align::Left) => "left",
            Some(Align::Center) => "center",
            Some(Align::Right) => "right",
            _ => "",
        };
        self.h.open(Tag::Table, &[], &[]);
        self.h.open(Tag::Thead, &[], &[]);
        self.h.open(Tag::Tr, &[], &[]);
        for (k, cell) in header.iter().enumerate() {
            self.h.open(Tag::Th, &[(Attr::Align, aligned(k))], &[]);
            self.spans(cell);
            self.h.close();
        }
        self.h.close();
        self.h.close();
        self.h.open(Tag::Tbody, &[], &[]);
        for row in rows {
            self.h.open(Tag::Tr, &[], &[]);
            for (k, cell) in row.iter().enumerate() {
                self.h.open(Tag::Td, &[(Attr::Align, aligned(k))], &[]);
                self.spans(cell);
                self.h.close();
            }
            self.h.close();
        }
        self.h.close();
        self.h.close();
    }

    /// Inline content: styled text, safe links, code, blanks as inputs holding their answer.
    fn spans(&mut self, spans: &[Span]) {
        for s in spans {
            match &s.kind {
                SpanKind::Break => self.h.open(Tag::Br, &[], &[]),
                SpanKind::SoftBreak => self.h.text(" "),
                SpanKind::Blank(f) => {
                    let field = &self.c.fields[*f];
                    let value = self.a.fields.get(&field.id).map_or("", String::as_str);
                    self.h.open(
                        Tag::Input,
                        &[
                            (Attr::Type, "text"),
                            (Attr::Id, &format!("field-{f}")),
                            (Attr::DataFieldId, &field.id),
                            (Attr::AriaLabel, &field.label),
                            (Attr::Value, value),
                        ],
                        &[],
                    );
                }
                SpanKind::Text | SpanKind::Code | SpanKind::Html => {
                    let mut opened = 0;
                    if let Some(href) = &s.href {
                        self.h.link(href);
                        opened += 1;
                    }
                    for (on, tag) in [
                        (s.style.strong, Tag::Strong),
                        (s.style.emph, Tag::Em),
                        (s.style.strike, Tag::Del),
                        (s.kind == SpanKind::Code, Tag::Code),
                    ] {
                        if on {
                            self.h.open(tag, &[], &[]);
                            opened += 1;
                        }
                    }
                    self.h.text(&s.text);
                    for _ in 0..opened {
                        self.h.close();
                    }
                }
            }
        }
    }
}

/// The markup of an HTML block of the checklist: through the allow-list, or folded with its source when it is not
/// drawable (a tag off the list, malformed, or nested too deep). The page inserts exactly this.
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
