//! Markdown → [`Checklist`]: sections, task items, blanks, sign-offs, section kinds, score tables,
//! directives, safe links and stable ids, as documented in docs/FORMAT.md.
//!
//! One pass over pulldown-cmark's events with an explicit container stack (no recursion, so hostile
//! nesting is a clear error rather than a stack overflow), then a short finishing pass that needs the
//! whole document: ids, category matching and the diagnostics that depend on both.

use std::collections::HashMap;
use std::sync::Arc;

use pulldown_cmark::{Alignment, CodeBlockKind, Event, Tag, TagEnd};

use super::error::{Diagnostic, Level, ParseError, MAX_INPUT_BYTES, MAX_NESTING};
use super::markdown;
use super::model::*;
use super::text::{
    byte_position, match_name, name_words, repair_mojibake, safe_href, slug_truncated, slugify,
    LineIndex,
};

/// Default minimum score for GO, in hundredths (8.00/10).
pub const DEFAULT_THRESHOLD_CENTI: u32 = 800;
/// Longest text slug used in an item id, in bytes.
const ID_TEXT_MAX: usize = 60;

/// Parses a checklist from the exact bytes of a file. `file` is the name shown in messages and
/// exports. Recoverable problems become [`Checklist::diagnostics`]; only input that cannot be read
/// as a checklist at all is an error.
pub fn parse(file: &str, bytes: &[u8]) -> Result<Checklist, ParseError> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(ParseError::TooLarge {
            size: bytes.len(),
            limit: MAX_INPUT_BYTES,
        });
    }
    let (body, bom) = match bytes.strip_prefix(UTF8_BOM) {
        Some(body) => (body, true),
        None => (bytes, false),
    };
    let src = match std::str::from_utf8(body) {
        Ok(s) => s,
        Err(e) => {
            let at = e.valid_up_to();
            let (line, column) = byte_position(body, at);
            return Err(ParseError::InvalidUtf8 {
                line,
                column,
                byte: body[at],
            });
        }
    };
    if let Some(at) = src.find('\0') {
        let (line, column) = byte_position(body, at);
        return Err(ParseError::Binary { line, column });
    }
    let head: String = src
        .trim_start()
        .chars()
        .take(15)
        .collect::<String>()
        .to_ascii_lowercase();
    if head.starts_with("<!doctype html") || head.starts_with("<html") {
        return Err(ParseError::HtmlPage);
    }
    let mut b = Builder::new(src);
    b.run()?;
    Ok(b.finish(file, bom))
}

/// Raw score-table row, mapped to sections once all headings are known.
struct RawCategory {
    name: String,
    weight: f64,
    line: usize,
    column: usize,
}

enum FrameKind {
    Root,
    Quote,
    List(Option<u64>),
    Entry {
        item: Option<ItemIdx>,
        awaiting_text: bool,
    },
}

struct Frame {
    kind: FrameKind,
    blocks: Vec<Block>,
    entries: Vec<ListEntry>,
}

impl Frame {
    fn new(kind: FrameKind) -> Self {
        Frame {
            kind,
            blocks: Vec::new(),
            entries: Vec::new(),
        }
    }
}

/// Inline content being collected, with the source offset of each span.
#[derive(Default)]
struct InlineBuf {
    spans: Vec<Span>,
    offsets: Vec<usize>,
    start: usize,
}

/// A table cell's content and the end of its source range.
type Cell = (InlineBuf, usize);

struct TableBuild {
    align: Vec<Align>,
    header: Vec<Cell>,
    rows: Vec<Vec<Cell>>,
    row: Vec<Cell>,
    start: usize,
}

struct Builder<'a> {
    src: &'a str,
    lines: LineIndex<'a>,
    sections: Vec<Section>,
    open_sections: Vec<SectionIdx>,
    slug_counts: HashMap<String, usize>,
    items: Vec<Item>,
    fields: Vec<Field>,
    diags: Vec<Diagnostic>,
    frames: Vec<Frame>,
    inline: Option<InlineBuf>,
    strong: u32,
    emph: u32,
    strike: u32,
    links: Vec<Option<String>>,
    heading: Option<(u8, usize)>,
    table: Option<TableBuild>,
    table_count: usize,
    html_block: Option<(String, usize)>,
    code: Option<(String, String)>,
    metadata_text: Option<String>,
    metadata: Vec<(String, String)>,
    after_heading: Option<SectionIdx>,
    threshold: Option<u32>,
    raw_categories: Vec<RawCategory>,
    summary: Option<String>,
    first_h1: Option<(String, SectionIdx)>,
    pending_kind: Option<SectionKind>,
    pending_weight: Option<f64>,
    score_table_at: Option<(usize, usize)>,
    /// Id tails of empty-table-cell fields (joined to the section path when ids are assigned).
    cell_ids: HashMap<FieldIdx, String>,
}

impl<'a> Builder<'a> {
    fn new(src: &'a str) -> Self {
        let root = Section {
            level: 0,
            title: String::new(),
            slug: String::new(),
            parent: None,
            kind: SectionKind::Readiness,
            kind_from_directive: false,
            weight_directive: None,
            line: 0,
        };
        Builder {
            src,
            lines: LineIndex::new(src),
            sections: vec![root],
            open_sections: Vec::new(),
            slug_counts: HashMap::new(),
            items: Vec::new(),
            fields: Vec::new(),
            diags: Vec::new(),
            frames: vec![Frame::new(FrameKind::Root)],
            inline: None,
            strong: 0,
            emph: 0,
            strike: 0,
            links: Vec::new(),
            heading: None,
            table: None,
            table_count: 0,
            html_block: None,
            code: None,
            metadata_text: None,
            metadata: Vec::new(),
            after_heading: None,
            threshold: None,
            raw_categories: Vec::new(),
            summary: None,
            first_h1: None,
            pending_kind: None,
            pending_weight: None,
            score_table_at: None,
            cell_ids: HashMap::new(),
        }
    }

    fn diag(&mut self, level: Level, offset: usize, message: String) {
        let (line, column) = self.lines.position(offset);
        self.diags.push(Diagnostic {
            level,
            line,
            column,
            message,
        });
    }

    fn current_section(&self) -> SectionIdx {
        self.open_sections.last().copied().unwrap_or(0)
    }

    fn run(&mut self) -> Result<(), ParseError> {
        let src = self.src;
        for (event, range) in markdown::events(src) {
            let at = range.start;
            match event {
                Event::Start(tag) => self.start(tag, at)?,
                Event::End(tag) => self.end(tag, range),
                Event::Text(t) => {
                    if let Some(meta) = self.metadata_text.as_mut() {
                        meta.push_str(&t);
                    } else if let Some((_, code)) = self.code.as_mut() {
                        code.push_str(&t);
                    } else {
                        self.push_text(SpanKind::Text, &t, at);
                    }
                }
                Event::Code(t) => self.push_text(SpanKind::Code, &t, at),
                Event::InlineMath(t) | Event::DisplayMath(t) => {
                    self.push_text(SpanKind::Code, &t, at)
                }
                Event::Html(t) => match self.html_block.as_mut() {
                    Some((buf, _)) => buf.push_str(&t),
                    None => self.html_block_text(&t, at),
                },
                Event::InlineHtml(t) => self.inline_html(&t, at),
                Event::SoftBreak => self.push_text(SpanKind::SoftBreak, "", at),
                Event::HardBreak => self.push_text(SpanKind::Break, "", at),
                Event::Rule => {
                    self.flush_inline();
                    self.after_heading = None;
                    self.top().blocks.push(Block::Rule);
                }
                Event::TaskListMarker(checked) => self.task_marker(checked, at),
                Event::FootnoteReference(t) => {
                    self.push_text(SpanKind::Text, &format!("[^{t}]"), at)
                }
            }
        }
        self.flush_inline();
        // Close anything pulldown-cmark left open (it closes everything, but be defensive).
        while self.frames.len() > 1 {
            self.close_frame();
        }
        Ok(())
    }

    fn top(&mut self) -> &mut Frame {
        let last = self.frames.len() - 1;
        &mut self.frames[last]
    }

    fn push_frame(&mut self, kind: FrameKind, at: usize) -> Result<(), ParseError> {
        if self.frames.len() > MAX_NESTING {
            let (line, column) = self.lines.position(at);
            return Err(ParseError::TooDeep {
                line,
                column,
                limit: MAX_NESTING,
            });
        }
        self.frames.push(Frame::new(kind));
        Ok(())
    }

    fn start(&mut self, tag: Tag<'_>, at: usize) -> Result<(), ParseError> {
        match tag {
            Tag::Paragraph => {
                self.flush_inline();
                self.after_heading = None;
                self.inline = Some(InlineBuf {
                    start: at,
                    ..InlineBuf::default()
                });
            }
            Tag::Heading { level, .. } => {
                self.flush_inline();
                self.heading = Some((level as u8, at));
                self.inline = Some(InlineBuf {
                    start: at,
                    ..InlineBuf::default()
                });
            }
            Tag::BlockQuote(_) => {
                self.flush_inline();
                self.after_heading = None;
                self.push_frame(FrameKind::Quote, at)?;
            }
            Tag::List(start) => {
                self.flush_inline();
                self.after_heading = None;
                self.push_frame(FrameKind::List(start), at)?;
            }
            Tag::Item => {
                self.flush_inline();
                self.push_frame(
                    FrameKind::Entry {
                        item: None,
                        awaiting_text: false,
                    },
                    at,
                )?;
            }
            Tag::CodeBlock(kind) => {
                self.flush_inline();
                self.after_heading = None;
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().unwrap_or("").to_string()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                self.code = Some((lang, String::new()));
            }
            Tag::HtmlBlock => {
                self.flush_inline();
                self.html_block = Some((String::new(), at));
            }
            Tag::Table(aligns) => {
                self.flush_inline();
                self.after_heading = None;
                let align = aligns
                    .iter()
                    .map(|a| match a {
                        Alignment::None => Align::None,
                        Alignment::Left => Align::Left,
                        Alignment::Center => Align::Center,
                        Alignment::Right => Align::Right,
                    })
                    .collect();
                self.table = Some(TableBuild {
                    align,
                    header: Vec::new(),
                    rows: Vec::new(),
                    row: Vec::new(),
                    start: at,
                });
            }
            Tag::TableHead | Tag::TableRow => {
                if let Some(t) = self.table.as_mut() {
                    t.row.clear();
                }
            }
            Tag::TableCell => {
                self.inline = Some(InlineBuf {
                    start: at,
                    ..InlineBuf::default()
                });
            }
            Tag::Emphasis => self.emph += 1,
            Tag::Strong => self.strong += 1,
            Tag::Strikethrough => self.strike += 1,
            Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } => {
                let safe = safe_href(&dest_url);
                if safe.is_none() {
                    self.diag(
                        Level::Warning,
                        at,
                        format!(
                            "link to {:?} removed: only http, https, mailto and relative links are kept",
                            dest_url.as_ref()
                        ),
                    );
                }
                self.links.push(safe);
            }
            Tag::MetadataBlock(_) => self.metadata_text = Some(String::new()),
            _ => {}
        }
        Ok(())
    }

    fn end(&mut self, tag: TagEnd, range: std::ops::Range<usize>) {
        match tag {
            TagEnd::Paragraph => self.flush_inline(),
            TagEnd::Heading(_) => self.finish_heading(),
            TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item => {
                self.flush_inline();
                self.close_frame();
            }
            TagEnd::CodeBlock => {
                if let Some((lang, text)) = self.code.take() {
                    self.top().blocks.push(Block::Code { lang, text });
                }
            }
            TagEnd::HtmlBlock => {
                if let Some((text, start)) = self.html_block.take() {
                    self.html_block_text(&text, start);
                }
            }
            TagEnd::TableCell => {
                let mut buf = self.inline.take().unwrap_or_default();
                // An empty cell remembers its (whitespace) range so a value can be written back.
                buf.start = range.start;
                if let Some(t) = self.table.as_mut() {
                    t.row.push((buf, range.end));
                }
            }
            TagEnd::TableHead => {
                if let Some(t) = self.table.as_mut() {
                    t.header = std::mem::take(&mut t.row);
                }
            }
            TagEnd::TableRow => {
                if let Some(t) = self.table.as_mut() {
                    let row = std::mem::take(&mut t.row);
                    t.rows.push(row);
                }
            }
            TagEnd::Table => self.finish_table(),
            TagEnd::Emphasis => self.emph = self.emph.saturating_sub(1),
            TagEnd::Strong => self.strong = self.strong.saturating_sub(1),
            TagEnd::Strikethrough => self.strike = self.strike.saturating_sub(1),
            TagEnd::Link | TagEnd::Image => {
                self.links.pop();
            }
            TagEnd::MetadataBlock(_) => {
                if let Some(text) = self.metadata_text.take() {
                    self.metadata = parse_metadata(&text);
                }
            }
            _ => {}
        }
    }

    fn style(&self) -> Style {
        Style {
            strong: self.strong > 0,
            emph: self.emph > 0,
            strike: self.strike > 0,
        }
    }

    fn push_text(&mut self, kind: SpanKind, text: &str, at: usize) {
        let style = self.style();
        let href = self.links.last().cloned().flatten();
        let buf = self.inline.get_or_insert_with(|| InlineBuf {
            start: at,
            ..InlineBuf::default()
        });
        if kind == SpanKind::Text {
            if let Some(last) = buf.spans.last_mut() {
                if last.kind == SpanKind::Text && last.style == style && last.href == href {
                    last.text.push_str(text);
                    return;
                }
            }
        }
        buf.spans.push(Span {
            kind,
            text: text.to_string(),
            style,
            href,
        });
        buf.offsets.push(at);
    }

    fn inline_html(&mut self, html: &str, at: usize) {
        let trimmed = html.trim();
        if trimmed.starts_with("<!--") {
            let target = self.heading.map(|_| usize::MAX).or(self.after_heading);
            self.directives_in(trimmed, at, target);
            return;
        }
        self.push_text(SpanKind::Html, html, at);
    }

    /// Handles the text of an HTML block: comments are dropped (their directives applied), the rest
    /// is kept as literal text.
    fn html_block_text(&mut self, text: &str, start: usize) {
        let mut rest = text;
        let mut visible = String::new();
        while let Some(open) = rest.find("<!--") {
            visible.push_str(&rest[..open]);
            let after = &rest[open..];
            let (comment, next) = match after[4..].find("-->") {
                Some(close) => (&after[..close + 7], &after[close + 7..]),
                None => (after, ""),
            };
            let offset = start + (text.len() - rest.len()) + open;
            self.directives_in(comment, offset, self.after_heading);
            rest = next;
        }
        visible.push_str(rest);
        if !visible.trim().is_empty() {
            self.after_heading = None;
            self.top().blocks.push(Block::Html {
                text: visible.trim_end().to_string(),
            });
        }
    }

    /// Applies `<!-- readiness: ... -->` directives. `target` is the section a kind or weight applies
    /// to (`usize::MAX` = the heading being read); `None` means the comment is not next to a heading.
    fn directives_in(&mut self, comment: &str, at: usize, target: Option<usize>) {
        let inner = comment
            .trim_start_matches("<!--")
            .trim_end_matches("-->")
            .trim();
        let Some(body) = inner
            .get(..10)
            .filter(|p| p.eq_ignore_ascii_case("readiness:"))
            .map(|_| &inner[10..])
        else {
            return;
        };
        for word in body
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|w| !w.is_empty())
        {
            let lower = word.to_ascii_lowercase();
            if let Some(value) = lower.strip_prefix("threshold=") {
                match parse_number(value) {
                    Some(v) if (0.0..=10.0).contains(&v) => {
                        self.threshold = Some((v * 100.0).round() as u32)
                    }
                    _ => self.diag(
                        Level::Error,
                        at,
                        format!("directive threshold={value:?}: expected a number from 0 to 10"),
                    ),
                }
                continue;
            }
            let section = match target {
                Some(usize::MAX) => None,
                Some(s) => Some(s),
                None => {
                    self.diag(
                        Level::Error,
                        at,
                        format!("directive {word:?} must be on its heading's line or right after the heading"),
                    );
                    continue;
                }
            };
            if let Some(kind) = SectionKind::from_keyword(&lower) {
                match section {
                    Some(s) => self.set_kind(s, kind),
                    None => self.pending_heading_kind(kind),
                }
            } else if let Some(value) = lower.strip_prefix("weight=") {
                match parse_number(value.trim_end_matches('%')) {
                    Some(v) if v > 0.0 && v <= 100.0 => match section {
                        Some(s) => self.sections[s].weight_directive = Some(v),
                        None => self.pending_weight = Some(v),
                    },
                    _ => self.diag(
                        Level::Error,
                        at,
                        format!("directive weight={value:?}: expected a percentage above 0 and at most 100"),
                    ),
                }
            } else {
                self.diag(
                    Level::Error,
                    at,
                    format!("unknown directive {word:?}: expected readiness, trigger, procedure, weight=N or threshold=X"),
                );
            }
        }
    }

    fn set_kind(&mut self, section: SectionIdx, kind: SectionKind) {
        self.sections[section].kind = kind;
        self.sections[section].kind_from_directive = true;
    }

    fn task_marker(&mut self, checked: bool, at: usize) {
        let section = self.current_section();
        let mut parent = None;
        let mut depth = 0;
        for f in self.frames.iter().rev().skip(1) {
            if let FrameKind::Entry { item: Some(i), .. } = f.kind {
                if parent.is_none() {
                    parent = Some(i);
                }
                depth += 1;
            }
        }
        // The marker's own list item starts a little before the marker; report the marker.
        let (line, column) = self.lines.position(at);
        let idx = self.items.len();
        self.items.push(Item {
            id: String::new(),
            section,
            parent,
            depth,
            text: Vec::new(),
            plain: String::new(),
            prechecked: checked,
            severity: Severity::Normal,
            signoff: None,
            fields: Vec::new(),
            line,
            column,
            marker: at,
        });
        if let FrameKind::Entry {
            item,
            awaiting_text,
        } = &mut self.top().kind
        {
            *item = Some(idx);
            *awaiting_text = true;
        }
        // A task marker read inside an explicit paragraph: drop what that paragraph collected so far
        // (nothing, the marker comes first).
        if let Some(buf) = self.inline.as_mut() {
            buf.spans.clear();
            buf.offsets.clear();
            buf.start = at;
        }
    }

    /// Ends the current run of inline content: it becomes the awaiting item's text or a paragraph.
    fn flush_inline(&mut self) {
        if self.heading.is_some() || self.table.is_some() {
            return;
        }
        let buf = self.inline.take();
        let awaiting = match &mut self.top().kind {
            FrameKind::Entry {
                item: Some(i),
                awaiting_text,
            } if *awaiting_text => {
                *awaiting_text = false;
                Some(*i)
            }
            _ => None,
        };
        let Some(mut buf) = buf else {
            if let Some(item) = awaiting {
                self.set_item_text(item, InlineBuf::default());
            }
            return;
        };
        finish_spans(&mut buf.spans);
        if let Some(item) = awaiting {
            self.set_item_text(item, buf);
            return;
        }
        if buf.spans.is_empty() {
            return;
        }
        let section = self.current_section();
        let spans = self.split_blanks(buf, section, None, None);
        let plain = plain_text(&spans);
        self.scan_threshold(&plain);
        if self.summary.is_none() && self.frames.len() == 1 && !looks_like_metadata(&spans) {
            self.summary = Some(first_sentence(&plain));
        }
        self.top().blocks.push(Block::Paragraph { spans });
    }

    fn set_item_text(&mut self, item: ItemIdx, buf: InlineBuf) {
        let section = self.items[item].section;
        let mut buf = buf;
        if let Some(first) = buf.spans.first_mut() {
            if first.kind == SpanKind::Text {
                let lead = first.text.len() - first.text.trim_start().len();
                first.text.drain(..lead);
            }
        }
        let spans = self.split_blanks(buf, section, Some(item), None);
        let plain = plain_text(&spans);
        if plain.is_empty() {
            let (line, column) = (self.items[item].line, self.items[item].column);
            self.diags.push(Diagnostic {
                level: Level::Warning,
                line,
                column,
                message: "task item has no text".to_string(),
            });
        }
        let severity = if plain.contains('🔴') || contains_ascii_ci(&plain, "(critical)") {
            Severity::Critical
        } else if plain.contains('🟡') {
            Severity::Important
        } else {
            Severity::Normal
        };
        let fields: Vec<FieldIdx> = spans
            .iter()
            .filter_map(|s| match s.kind {
                SpanKind::Blank(f) => Some(f),
                _ => None,
            })
            .collect();
        let signoff = self.signoff_spec(section, &fields);
        let it = &mut self.items[item];
        it.text = spans;
        it.plain = plain;
        it.severity = severity;
        it.fields = fields;
        it.signoff = signoff;
    }

    /// A task item with a blank is a sign-off when it sits under a sign-off/approval heading or has a
    /// `Date:` blank.
    fn signoff_spec(&self, section: SectionIdx, fields: &[FieldIdx]) -> Option<SignOffSpec> {
        if fields.is_empty() {
            return None;
        }
        let date_field = fields
            .iter()
            .copied()
            .find(|&f| self.fields[f].kind == FieldKind::Date);
        let signoff_heading = self.signoff_ancestor(section);
        if signoff_heading.is_none() && date_field.is_none() {
            return None;
        }
        let name_field = fields
            .iter()
            .copied()
            .find(|&f| self.fields[f].kind != FieldKind::Date);
        let role = self.fields[fields[0]].label.clone();
        let group = match signoff_heading {
            Some(top) => {
                // The sub-heading directly below the sign-off heading, if the item is deeper.
                let mut cur = section;
                let mut group = top;
                while cur != top {
                    group = cur;
                    match self.sections[cur].parent {
                        Some(p) => cur = p,
                        None => break,
                    }
                }
                strip_symbols(&self.sections[group].title)
            }
            None => strip_symbols(&self.sections[section].title),
        };
        Some(SignOffSpec {
            role,
            group,
            name_field,
            date_field,
        })
    }

    /// The nearest enclosing sign-off/approval heading. The document-title heading does not count:
    /// a checklist titled "Release approval" does not make every fill-in line a sign-off.
    fn signoff_ancestor(&self, section: SectionIdx) -> Option<SectionIdx> {
        let title_section = self.title_section();
        let mut cur = Some(section);
        while let Some(s) = cur {
            if s != 0 && Some(s) != title_section && is_signoff_heading(&self.sections[s].title) {
                return Some(s);
            }
            cur = self.sections[s].parent;
        }
        None
    }

    /// Splits `___` runs out of text spans into blanks and creates their fields.
    /// `table` gives a label prefix for blanks in table cells.
    fn split_blanks(
        &mut self,
        buf: InlineBuf,
        section: SectionIdx,
        item: Option<ItemIdx>,
        table: Option<&str>,
    ) -> Vec<Span> {
        let InlineBuf {
            spans,
            offsets,
            start,
        } = buf;
        if !spans
            .iter()
            .any(|s| s.kind == SpanKind::Text && find_blank(&s.text).is_some())
        {
            return spans;
        }
        // Split, remembering each blank's offset.
        let mut out: Vec<Span> = Vec::new();
        let mut blank_offsets = Vec::new();
        for (span, off) in spans
            .into_iter()
            .zip(offsets.into_iter().chain(std::iter::repeat(start)))
        {
            if span.kind != SpanKind::Text || find_blank(&span.text).is_none() {
                out.push(span);
                continue;
            }
            let verbatim = self
                .src
                .get(off..)
                .is_some_and(|s| s.starts_with(&span.text));
            let mut rest = span.text.as_str();
            let mut consumed = 0;
            while let Some((b, e)) = find_blank(rest) {
                if b > 0 {
                    out.push(Span {
                        text: rest[..b].to_string(),
                        ..span.clone()
                    });
                }
                blank_offsets.push(if verbatim {
                    (
                        off + consumed + b,
                        Some((off + consumed + b, off + consumed + e)),
                    )
                } else {
                    (off, None)
                });
                out.push(Span {
                    kind: SpanKind::Blank(usize::MAX),
                    text: String::new(),
                    ..span.clone()
                });
                consumed += e;
                rest = &rest[e..];
            }
            if !rest.is_empty() {
                out.push(Span {
                    text: rest.to_string(),
                    ..span.clone()
                });
            }
        }
        // Text between blanks, for labels and units.
        let mut segments: Vec<String> = vec![String::new()];
        for s in &out {
            match s.kind {
                SpanKind::Blank(_) => segments.push(String::new()),
                SpanKind::Text | SpanKind::Code => {
                    if let Some(last) = segments.last_mut() {
                        last.push_str(&s.text)
                    }
                }
                SpanKind::Break | SpanKind::SoftBreak => {
                    if let Some(last) = segments.last_mut() {
                        last.push('\n')
                    }
                }
                SpanKind::Html => {}
            }
        }
        let blank_count = segments.len() - 1;
        let mut prev_label = String::new();
        let mut prev_unit: Option<String> = None;
        let mut new_fields = Vec::with_capacity(blank_count);
        for k in 0..blank_count {
            // The line the blank is on, minus what the previous blank took as its unit.
            let mut before = segments[k].rsplit('\n').next().unwrap_or("").trim_start();
            if let Some(u) = prev_unit.as_deref() {
                before = before.strip_prefix(u).unwrap_or(before);
            }
            let mut label = clean_label(before);
            if label.is_empty() && !segments[k].contains('\n') {
                label = prev_label.clone();
            }
            if let Some(prefix) = table {
                label = if label.is_empty() {
                    prefix.to_string()
                } else {
                    format!("{prefix} {label}")
                };
            }
            let after_line = segments[k + 1].split('\n').next().unwrap_or("");
            let unit = unit_after(
                after_line,
                k + 1 < blank_count && !segments[k + 1].contains('\n'),
            );
            let lower = label.to_lowercase();
            let kind = if lower.split_whitespace().last() == Some("date") {
                FieldKind::Date
            } else if unit.is_some() {
                FieldKind::Number
            } else {
                FieldKind::Text
            };
            let (offset, source) = blank_offsets[k];
            let (line, column) = self.lines.position(offset);
            new_fields.push(self.fields.len());
            self.fields.push(Field {
                id: String::new(),
                label: label.clone(),
                unit: unit.clone(),
                kind,
                item,
                section,
                line,
                column,
                source,
            });
            prev_label = label;
            prev_unit = unit;
        }
        let mut next = new_fields.into_iter();
        for s in &mut out {
            if let SpanKind::Blank(f) = &mut s.kind {
                *f = next.next().unwrap_or(0);
            }
        }
        out
    }

    fn finish_heading(&mut self) {
        let Some((level, at)) = self.heading.take() else {
            return;
        };
        let mut buf = self.inline.take().unwrap_or_default();
        finish_spans(&mut buf.spans);
        let title = plain_text(&buf.spans);
        while let Some(&top) = self.open_sections.last() {
            if self.sections[top].level >= level {
                self.open_sections.pop();
            } else {
                break;
            }
        }
        let parent = self.current_section();
        let (kind, explicit) = match detect_kind(&title) {
            Some(k) => (k, false),
            None => (self.sections[parent].kind, false),
        };
        let base = {
            let s = slugify(&title);
            if s.is_empty() {
                "section".to_string()
            } else {
                s
            }
        };
        let n = self.slug_counts.entry(base.clone()).or_insert(0);
        let slug = if *n == 0 {
            base.clone()
        } else {
            format!("{base}-{n}")
        };
        *n += 1;
        let (line, _) = self.lines.position(at);
        let idx = self.sections.len();
        if level == 1 && self.first_h1.is_none() {
            self.first_h1 = Some((title.clone(), idx));
        }
        self.sections.push(Section {
            level,
            title,
            slug,
            parent: Some(parent),
            kind,
            kind_from_directive: explicit,
            weight_directive: None,
            line,
        });
        if let Some(k) = self.pending_kind.take() {
            self.set_kind(idx, k);
        }
        if let Some(w) = self.pending_weight.take() {
            self.sections[idx].weight_directive = Some(w);
        }
        self.open_sections.push(idx);
        self.top().blocks.push(Block::Heading { section: idx });
        self.after_heading = Some(idx);
    }

    /// The first level-1 heading, when it is the document's title (no metadata `title`).
    fn title_section(&self) -> Option<SectionIdx> {
        let has_meta_title = self
            .metadata
            .iter()
            .any(|(k, _)| k.eq_ignore_ascii_case("title"));
        if has_meta_title {
            return None;
        }
        self.first_h1.as_ref().map(|(_, s)| *s)
    }

    fn pending_heading_kind(&mut self, kind: SectionKind) {
        self.pending_kind = Some(kind);
    }

    fn finish_table(&mut self) {
        let Some(t) = self.table.take() else {
            return;
        };
        let index = self.table_count;
        self.table_count += 1;
        let text_of = |cell: &Cell| plain_text(&cell.0.spans);
        let header_labels: Vec<String> = t.header.iter().map(text_of).collect();
        let header_words: Vec<Vec<String>> = header_labels.iter().map(|h| name_words(h)).collect();
        let weight_col = header_words
            .iter()
            .position(|w| w.first().map(String::as_str) == Some("weight"));
        let score_table = weight_col.is_some();
        if let Some(wc) = weight_col {
            if self.score_table_at.is_none() {
                self.score_table_at = Some(self.lines.position(t.start));
            }
            let name_col = header_words
                .iter()
                .position(|w| {
                    matches!(
                        w.first().map(String::as_str),
                        Some("category" | "categories" | "area" | "section")
                    )
                })
                .unwrap_or(0);
            for row in &t.rows {
                let name = row.get(name_col).map(text_of).unwrap_or_default();
                let words = name_words(&name);
                if words.is_empty() || words == ["total"] {
                    continue;
                }
                let offset = row
                    .get(name_col)
                    .and_then(|(b, _)| b.offsets.first().copied())
                    .unwrap_or(t.start);
                let weight_text = row.get(wc).map(text_of).unwrap_or_default();
                match parse_number(weight_text.trim().trim_end_matches('%').trim()) {
                    Some(w) if w >= 0.0 => {
                        let (line, column) = self.lines.position(offset);
                        self.raw_categories.push(RawCategory {
                            name: strip_symbols(&name),
                            weight: w,
                            line,
                            column,
                        });
                    }
                    _ => self.diag(
                        Level::Error,
                        offset,
                        format!(
                            "score table row {name:?}: weight {weight_text:?} is not a percentage"
                        ),
                    ),
                }
            }
        }
        let section = self.current_section();
        let header = t
            .header
            .into_iter()
            .map(|(mut buf, _)| {
                finish_spans(&mut buf.spans);
                buf.spans
            })
            .collect();
        let mut rows = Vec::with_capacity(t.rows.len());
        for (r, row) in t.rows.into_iter().enumerate() {
            let row_label = row.first().map(text_of).unwrap_or_default();
            let mut cells = Vec::with_capacity(row.len());
            for (c, (mut buf, end)) in row.into_iter().enumerate() {
                finish_spans(&mut buf.spans);
                if score_table {
                    cells.push(buf.spans);
                    continue;
                }
                let column = header_labels.get(c).cloned().unwrap_or_default();
                if buf.spans.is_empty() && c > 0 {
                    cells.push(vec![self.cell_field(
                        section,
                        index,
                        r,
                        &row_label,
                        &column,
                        (buf.start, end),
                    )]);
                } else {
                    let prefix = format!("{row_label} {column}").trim().to_string();
                    cells.push(self.split_blanks(buf, section, None, Some(&prefix)));
                }
            }
            rows.push(cells);
        }
        self.top().blocks.push(Block::Table {
            index,
            align: t.align,
            header,
            rows,
            score_table,
        });
    }

    /// An empty body cell (contacts tables) becomes a text field labelled by its row and column.
    fn cell_field(
        &mut self,
        section: SectionIdx,
        table: usize,
        row: usize,
        row_label: &str,
        column: &str,
        range: (usize, usize),
    ) -> Span {
        let (line, col) = self.lines.position(range.0);
        let label = format!("{row_label} — {column}")
            .trim_matches(|c: char| c == ' ' || c == '—')
            .to_string();
        let f = self.fields.len();
        self.fields.push(Field {
            id: String::new(),
            label,
            unit: None,
            kind: FieldKind::Text,
            item: None,
            section,
            line,
            column: col,
            source: Some(range),
        });
        let row_slug = match slug_truncated(row_label, 40) {
            s if s.is_empty() => format!("row-{}", row + 1),
            s => s,
        };
        self.cell_ids.insert(
            f,
            format!("table-{table}/{row_slug}/{}", slug_truncated(column, 40)),
        );
        Span {
            kind: SpanKind::Blank(f),
            text: String::new(),
            style: Style::default(),
            href: None,
        }
    }

    fn close_frame(&mut self) {
        if self.frames.len() <= 1 {
            return;
        }
        let Some(frame) = self.frames.pop() else {
            return;
        };
        match frame.kind {
            FrameKind::Root => {}
            FrameKind::Quote => self.top().blocks.push(Block::Quote {
                blocks: frame.blocks,
            }),
            FrameKind::List(start) => self.top().blocks.push(Block::List {
                start,
                entries: frame.entries,
            }),
            FrameKind::Entry { item, .. } => self.top().entries.push(ListEntry {
                item,
                blocks: frame.blocks,
            }),
        }
    }

    fn scan_threshold(&mut self, plain: &str) {
        if self.threshold.is_some() {
            return;
        }
        let lower = plain.to_lowercase();
        let Some(i) = lower.find("minimum score") else {
            return;
        };
        let rest = &lower[i + "minimum score".len()..];
        let Some(d) = rest.find(|c: char| c.is_ascii_digit()) else {
            return;
        };
        let num: String = rest[d..]
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        let after = &rest[d + num.len()..];
        if let Some(v) = parse_number(num.trim_end_matches('.')) {
            let v = if after.starts_with('%') { v / 10.0 } else { v };
            if (0.0..=10.0).contains(&v) {
                self.threshold = Some((v * 100.0).round() as u32);
            }
        }
    }

    fn finish(mut self, file: &str, bom: bool) -> Checklist {
        let paths = self.id_paths();
        self.assign_item_ids(&paths);
        self.assign_field_ids(&paths);
        let categories = self.map_categories();
        let title = self
            .metadata
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("title"))
            .map(|(_, v)| v.clone())
            .or_else(|| self.first_h1.as_ref().map(|(t, _)| t.clone()))
            .unwrap_or_else(|| {
                file.rsplit('/')
                    .next()
                    .unwrap_or(file)
                    .trim_end_matches(".md")
                    .to_string()
            });
        let summary = self.summary.clone().unwrap_or_else(|| {
            let heads: Vec<&str> = self
                .sections
                .iter()
                .filter(|s| s.level == 2)
                .take(3)
                .map(|s| s.title.as_str())
                .collect();
            if heads.is_empty() {
                String::new()
            } else {
                format!("Sections: {}", heads.join(", "))
            }
        });
        if self.items.is_empty() {
            self.diags.push(Diagnostic {
                level: Level::Warning,
                line: 1,
                column: 1,
                message: "no task items (`- [ ] ...`) found; is this a checklist?".to_string(),
            });
        }
        self.unweighted_diagnostics(&categories);
        self.diags.sort_by_key(|d| (d.line, d.column));
        let blocks = std::mem::take(&mut self.frames[0].blocks);
        let title_section = self.title_section();
        Checklist {
            title,
            file: file.to_string(),
            summary,
            source: Arc::from(self.src),
            bom,
            digest: LazyDigest::default(),
            metadata: self.metadata,
            sections: self.sections,
            title_section,
            items: self.items,
            fields: self.fields,
            blocks,
            categories,
            threshold_centi: self.threshold.unwrap_or(DEFAULT_THRESHOLD_CENTI),
            diagnostics: self.diags,
        }
    }

    /// Slugs of each section's path used in ids, computed once (parents come before children):
    /// the document-title heading (the first level-1 heading, when it is the title) is left out so
    /// renaming the document keeps every id.
    /// Each section's id prefix: the slugs of its headings from the top, joined by `/` (the root
    /// and the document title contribute nothing).
    fn id_paths(&self) -> Vec<String> {
        let title_section = self.title_section();
        let mut paths: Vec<String> = Vec::with_capacity(self.sections.len());
        for (s, sec) in self.sections.iter().enumerate() {
            let parent = sec.parent.map(|p| paths[p].as_str()).unwrap_or_default();
            let slug = if s != 0 && Some(s) != title_section {
                slugify(&sec.title)
            } else {
                String::new()
            };
            // A heading with no slug (only symbols) adds no segment.
            paths.push(if slug.is_empty() {
                parent.to_string()
            } else {
                join_id(parent, &slug)
            });
        }
        paths
    }

    fn assign_item_ids(&mut self, paths: &[String]) {
        let text_slugs: Vec<String> = self
            .items
            .iter()
            .map(|it| slug_truncated(&it.plain, ID_TEXT_MAX))
            .collect();
        // Section segments, the parent item's slug (kept even when empty, as ids always were),
        // the item's slug.
        let mut ids: Vec<String> = self
            .items
            .iter()
            .zip(&text_slugs)
            .map(|(it, text)| {
                let prefix = &paths[it.section];
                let text = if text.is_empty() { "item" } else { text };
                match it.parent {
                    Some(p) => {
                        let mut id = join_id(prefix, &text_slugs[p]);
                        id.push('/');
                        id.push_str(text);
                        id
                    }
                    None => join_id(prefix, text),
                }
            })
            .collect();
        number_repeats(&mut ids);
        for (item, id) in self.items.iter_mut().zip(ids) {
            item.id = id;
        }
    }

    fn assign_field_ids(&mut self, paths: &[String]) {
        // Fields named by their label can repeat; they are numbered together at the end.
        let (mut labelled, mut labelled_ids) = (Vec::new(), Vec::new());
        let mut per_item: HashMap<ItemIdx, usize> = HashMap::new();
        for f in 0..self.fields.len() {
            let id = match self.fields[f].item {
                Some(item) => {
                    let n = per_item.entry(item).or_insert(0);
                    *n += 1;
                    format!("{}#{}", self.items[item].id, n)
                }
                None if self.cell_ids.contains_key(&f) => {
                    join_id(&paths[self.fields[f].section], &self.cell_ids[&f])
                }
                None => {
                    let mut label = slug_truncated(&self.fields[f].label, ID_TEXT_MAX);
                    if let Some(u) = &self.fields[f].unit {
                        label = format!("{label}-{}", slugify(u));
                    }
                    let label = if label.is_empty() { "field" } else { &label };
                    labelled.push(f);
                    labelled_ids.push(join_id(&paths[self.fields[f].section], label));
                    continue;
                }
            };
            self.fields[f].id = id;
        }
        number_repeats(&mut labelled_ids);
        for (f, id) in labelled.into_iter().zip(labelled_ids) {
            self.fields[f].id = id;
        }
    }

    /// Maps score-table categories and `weight=` directives to sections.
    fn map_categories(&mut self) -> Vec<Category> {
        let section_words: Vec<Vec<String>> =
            self.sections.iter().map(|s| name_words(&s.title)).collect();
        let mut categories = Vec::new();
        let raw = std::mem::take(&mut self.raw_categories);
        for rc in raw {
            let words = name_words(&rc.name);
            let mut best: Option<super::text::NameMatch> = None;
            let mut matched = Vec::new();
            for (s, sw) in section_words.iter().enumerate().skip(1) {
                if let Some(m) = match_name(&words, sw) {
                    match best {
                        Some(b) if m < b => {}
                        Some(b) if m == b => matched.push(s),
                        _ => {
                            best = Some(m);
                            matched = vec![s];
                        }
                    }
                }
            }
            // Keep the outermost of nested matches (a subsection is already included).
            let all = matched.clone();
            matched.retain(|&s| !all.iter().any(|&o| o != s && within(&self.sections, s, o)));
            if matched.is_empty() {
                self.diags.push(Diagnostic {
                    level: Level::Error,
                    line: rc.line,
                    column: rc.column,
                    message: format!(
                        "score category {:?} matches no section heading; its {}% cannot be scored",
                        rc.name, rc.weight
                    ),
                });
            }
            categories.push(Category {
                name: rc.name,
                weight: rc.weight,
                sections: matched,
            });
        }
        // `weight=` directives: set the weight of the category owning the section, or add one.
        for s in 1..self.sections.len() {
            let Some(w) = self.sections[s].weight_directive else {
                continue;
            };
            match categories.iter_mut().find(|c| c.sections.contains(&s)) {
                Some(c) => c.weight = w,
                None => categories.push(Category {
                    name: strip_symbols(&self.sections[s].title),
                    weight: w,
                    sections: vec![s],
                }),
            }
        }
        let total: f64 = categories.iter().map(|c| c.weight).sum();
        if !categories.is_empty() && (total - 100.0).abs() > 0.01 {
            let (line, column) = self.score_table_at.unwrap_or((1, 1));
            self.diags.push(Diagnostic {
                level: Level::Warning,
                line,
                column,
                message: format!(
                    "score weights add up to {total}%, not 100%; each is taken relative to the total"
                ),
            });
        }
        categories
    }

    fn unweighted_diagnostics(&mut self, categories: &[Category]) {
        if categories.is_empty() {
            return;
        }
        let mut counts: Vec<usize> = vec![0; self.sections.len()];
        for it in &self.items {
            if it.signoff.is_none() && self.sections[it.section].kind == SectionKind::Readiness {
                let covered = categories.iter().any(|c| {
                    c.sections
                        .iter()
                        .any(|&cs| within(&self.sections, it.section, cs))
                });
                if !covered {
                    counts[it.section] += 1;
                }
            }
        }
        for (s, &n) in counts.iter().enumerate() {
            if n > 0 {
                let title = if s == 0 {
                    "(before the first heading)".to_string()
                } else {
                    self.sections[s].title.clone()
                };
                self.diags.push(Diagnostic {
                    level: Level::Warning,
                    line: self.sections[s].line.max(1),
                    column: 1,
                    message: format!(
                        "section {title:?} has {n} readiness item{} in no score category; they are tracked but not scored",
                        if n == 1 { "" } else { "s" }
                    ),
                });
            }
        }
    }
}

/// Repairs mojibake in text spans and drops empty ones.
fn finish_spans(spans: &mut Vec<Span>) {
    for s in spans.iter_mut() {
        if matches!(s.kind, SpanKind::Text | SpanKind::Html) {
            if let std::borrow::Cow::Owned(fixed) = repair_mojibake(&s.text) {
                s.text = fixed;
            }
        }
    }
    // Trim a trailing break/whitespace.
    while let Some(last) = spans.last_mut() {
        match last.kind {
            SpanKind::Break | SpanKind::SoftBreak => {
                spans.pop();
            }
            SpanKind::Text if last.text.trim().is_empty() => {
                spans.pop();
            }
            SpanKind::Text => {
                let t = last.text.trim_end().len();
                last.text.truncate(t);
                break;
            }
            _ => break,
        }
    }
}

/// Whether `haystack` contains `needle` (ASCII), ignoring ASCII case, without lower-casing a copy.
fn contains_ascii_ci(haystack: &str, needle: &str) -> bool {
    let n = needle.as_bytes();
    let Some(first) = n.first().map(u8::to_ascii_lowercase) else {
        return true;
    };
    haystack
        .as_bytes()
        .windows(n.len())
        .any(|w| w[0].to_ascii_lowercase() == first && w.eq_ignore_ascii_case(n))
}

/// `prefix/part`, or `part` alone under an empty prefix.
fn join_id(prefix: &str, part: &str) -> String {
    let mut id = String::with_capacity(prefix.len() + part.len() + 1);
    id.push_str(prefix);
    if !prefix.is_empty() {
        id.push('/');
    }
    id.push_str(part);
    id
}

/// The rule for repeated ids: the first of equal ids stays as it is, the n-th gets `~n` (n from
/// 2). Slugs never contain `~`, so a numbered id cannot equal another id.
fn number_repeats(ids: &mut [String]) {
    let repeats: Vec<u32> = {
        let mut seen: HashMap<&str, u32> = HashMap::with_capacity(ids.len());
        ids.iter()
            .map(|id| {
                let n = seen.entry(id.as_str()).or_insert(0);
                *n += 1;
                *n
            })
            .collect()
    };
    for (id, n) in ids.iter_mut().zip(repeats) {
        if n > 1 {
            id.push('~');
            id.push_str(&n.to_string());
        }
    }
}

/// Finds the first run of 3 or more `_`: (start, end) byte offsets.
fn find_blank(s: &str) -> Option<(usize, usize)> {
    let bytes = s.as_bytes();
    // Most text has no `_` at all; `contains` on bytes is a memchr, a fraction of the loop below.
    if !bytes.contains(&b'_') {
        return None;
    }
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'_' {
            let start = i;
            while i < bytes.len() && bytes[i] == b'_' {
                i += 1;
            }
            if i - start >= 3 {
                return Some((start, i));
            }
        } else {
            i += 1;
        }
    }
    None
}

/// Label of a blank from the text before it: trimmed of spaces and `: - , ; | *`.
fn clean_label(before: &str) -> String {
    let t = before.trim_matches(|c: char| c.is_whitespace() || ":-–—,;|*".contains(c));
    // Keep the last clause only ("Total time. Downtime:" -> "Downtime").
    let t = match t.rfind(". ") {
        Some(i) => &t[i + 2..],
        None => t,
    };
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Unit of a blank from the text after it: up to `,`, `;` or `(`, at most four words; none when the
/// text is the next blank's label (ends with `:`).
fn unit_after(after: &str, more_blanks: bool) -> Option<String> {
    if more_blanks && after.trim_end().ends_with(':') {
        return None;
    }
    let cut = after.find([',', ';', '(', '.']).unwrap_or(after.len());
    let unit = after[..cut].trim();
    let words = unit.split_whitespace().count();
    if unit.is_empty() || words > 4 || unit.starts_with('/') || unit.ends_with(':') {
        return None;
    }
    Some(unit.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Heading words that make a section a trigger or a procedure (or explicitly readiness).
fn detect_kind(title: &str) -> Option<SectionKind> {
    let words = name_words(title);
    // A phrase matches when its words appear in the title as consecutive whole words.
    let has = |p: &str| {
        words
            .windows(p.split(' ').count())
            .any(|w| w.iter().map(String::as_str).eq(p.split(' ')))
    };
    const TRIGGER: &[&str] = &[
        "failure criteria",
        "failure conditions",
        "rollback trigger",
        "rollback triggers",
        "abort criteria",
        "abort conditions",
        "no go criteria",
        "nogo criteria",
        "stop criteria",
        "kill criteria",
    ];
    const PROCEDURE: &[&str] = &[
        "rollback procedure",
        "rollback procedures",
        "rollback steps",
        "rollback checklist",
        "manual rollback",
        "automated rollback",
        "post mortem",
        "postmortem",
        "troubleshooting",
        "maintenance",
        "emergency procedures",
        "incident response",
        "lessons learned",
    ];
    const READINESS: &[&str] = &["readiness", "prepare", "preparation"];
    if TRIGGER.iter().any(|p| has(p)) {
        Some(SectionKind::Trigger)
    } else if PROCEDURE.iter().any(|p| has(p)) {
        Some(SectionKind::Procedure)
    } else if READINESS.iter().any(|p| has(p)) {
        Some(SectionKind::Readiness)
    } else {
        None
    }
}

/// Whether a heading is about sign-off or approval.
fn is_signoff_heading(title: &str) -> bool {
    let words = name_words(title);
    words
        .windows(2)
        .any(|w| w[0] == "sign" && (w[1] == "off" || w[1] == "offs"))
        || words.iter().any(|w| {
            matches!(
                w.as_str(),
                "signoff" | "signoffs" | "approval" | "approvals"
            )
        })
}

/// Removes leading and trailing symbols (emoji, punctuation) from a title.
fn strip_symbols(s: &str) -> String {
    s.trim_matches(|c: char| !c.is_alphanumeric() && c != '(' && c != ')')
        .to_string()
}

/// A paragraph that is only `**Key**: value` lines (document metadata, not prose).
fn looks_like_metadata(spans: &[Span]) -> bool {
    let mut lines = vec![String::new()];
    for s in spans {
        match s.kind {
            SpanKind::Break | SpanKind::SoftBreak => lines.push(String::new()),
            _ => {
                if let Some(l) = lines.last_mut() {
                    l.push_str(&s.text);
                }
            }
        }
    }
    let keyish = |l: &str| {
        let l = l.trim();
        match l.find(':') {
            Some(i) => l[..i].split_whitespace().count() <= 5,
            None => false,
        }
    };
    let has_strong_key = spans.first().is_some_and(|s| s.style.strong)
        || spans.get(1).is_some_and(|s| s.style.strong);
    lines.iter().all(|l| keyish(l)) && has_strong_key
}

/// First sentence of a paragraph's plain text (up to 200 characters).
fn first_sentence(plain: &str) -> String {
    let end = plain
        .match_indices(". ")
        .next()
        .map(|(i, _)| i + 1)
        .unwrap_or(plain.len());
    let s = &plain[..end];
    if s.chars().count() > 200 {
        let cut: String = s.chars().take(199).collect();
        format!("{cut}…")
    } else {
        s.to_string()
    }
}

/// `key: value` lines of a YAML-style metadata block (scalars only; the rest is ignored).
fn parse_metadata(text: &str) -> Vec<(String, String)> {
    text.lines()
        .filter_map(|l| {
            let (k, v) = l.split_once(':')?;
            if k.starts_with(' ') || k.trim().is_empty() {
                return None;
            }
            let v = v.trim().trim_matches('"').trim_matches('\'');
            Some((k.trim().to_string(), v.to_string()))
        })
        .collect()
}

/// Parses a plain decimal number (`8`, `8.5`, `12.25`).
pub(crate) fn parse_number(s: &str) -> Option<f64> {
    let s = s.trim();
    if s.is_empty()
        || !s.chars().all(|c| c.is_ascii_digit() || c == '.')
        || s.matches('.').count() > 1
    {
        return None;
    }
    s.parse::<f64>().ok().filter(|v| v.is_finite())
}
