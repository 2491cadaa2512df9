//! Markdown → [`Checklist`]: sections, task items, blanks, sign-offs, section kinds, score tables,
//! directives, safe links and stable ids, as documented in docs/FORMAT.md.
//!
//! One pass over pulldown-cmark's events with an explicit container stack (no recursion, so hostile
//! nesting is a clear error rather than a stack overflow), then a short finishing pass that needs the
//! whole document: ids, category matching and the diagnostics that depend on both.

use std::collections::HashMap;
use std::sync::Arc;

use pulldown_cmark::{Alignment, CodeBlockKind, Event, Tag, TagEnd};

mod blanks;
mod directives;
mod headings;
mod ids;
mod inline;
mod items;
mod lines;
mod notes;
mod table_cells;
mod table_columns;
pub(crate) use blanks::FILLED_ESCAPED;
pub(crate) use notes::is_written_bullet;
pub(crate) use table_cells::row_cells;
mod table_finish;
mod table_items;
mod tables;

pub use blanks::signoff_role;

use directives::*;
use headings::*;
use tables::*;

use super::error::{Diagnostic, Level, ParseError, MAX_INPUT_BYTES, MAX_NESTING};
use super::model::*;
use super::text::{
    byte_position, match_name, name_words, repair_mojibake, safe_href, slug_truncated, slugify,
    LineIndex,
};
use crate::domain::text::markdown;

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
#[derive(Default, Clone)]
struct InlineBuf {
    spans: Vec<Span>,
    offsets: Vec<usize>,
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
    /// Links opened by an inline `<a>` in the paragraph being read (closed at its end).
    html_links: usize,
    heading: Option<(u8, usize)>,
    table: Option<TableBuild>,
    table_count: usize,
    html_block: Option<(String, usize)>,
    code: Option<(String, String)>,
    metadata_text: Option<String>,
    metadata: Vec<(String, String)>,
    after_heading: Option<SectionIdx>,
    threshold: Option<u32>,
    shared_signers: bool,
    raw_categories: Vec<RawCategory>,
    summary: Option<String>,
    first_h1: Option<(String, SectionIdx)>,
    /// An HTML block's `<h1>` before any heading (`<h1 align="center">Title</h1>`): its text and
    /// the block's end.
    html_title: Option<(String, usize)>,
    pending_kind: Option<SectionKind>,
    pending_weight: Option<f64>,
    score_table_at: Option<(usize, usize)>,
    /// Id tails of empty-table-cell fields (joined to the section path when ids are assigned).
    cell_ids: HashMap<FieldIdx, String>,
    /// Filled blanks (`___Dana___`) met so far, in document order: the offsets of their first
    /// `_` and of their end, and their value.
    filled: Vec<(usize, usize, String)>,
    /// The source range of the filled blank being read: the events inside it are its value.
    filling: std::ops::Range<usize>,
    /// The last text span pushed was a filled blank's `___`: the next text starts a span of its
    /// own (so each span's text stays verbatim in the source, as `cut_blanks` needs).
    no_merge: bool,
    /// Level column names, in the order first met.
    levels: Vec<String>,
    /// A `level=` directive's value.
    level_directive: Option<String>,
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
            html_links: 0,
            heading: None,
            table: None,
            table_count: 0,
            html_block: None,
            code: None,
            metadata_text: None,
            metadata: Vec::new(),
            after_heading: None,
            threshold: None,
            shared_signers: false,
            raw_categories: Vec::new(),
            summary: None,
            first_h1: None,
            html_title: None,
            pending_kind: None,
            pending_weight: None,
            score_table_at: None,
            cell_ids: HashMap::new(),
            filled: Vec::new(),
            filling: 0..0,
            no_merge: false,
            levels: Vec::new(),
            level_directive: None,
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
            if self.filling.contains(&at) {
                continue;
            }
            if let Event::Start(Tag::Emphasis | Tag::Strong) = &event {
                if let Some(value) = blanks::filled_value(&src[range.clone()]) {
                    self.filled_blank(range, value);
                    continue;
                }
            }
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
                let lang = match &kind {
                    CodeBlockKind::Fenced(info) => info.split_whitespace().next().unwrap_or(""),
                    CodeBlockKind::Indented => "",
                };
                self.code = Some((lang.to_string(), String::new()));
            }
            Tag::HtmlBlock => {
                self.flush_inline();
                self.html_block = Some((String::new(), at));
            }
            Tag::Table(aligns) => {
                self.flush_inline();
                self.after_heading = None;
                self.table = Some(TableBuild::new(&aligns, at));
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
                self.start_link(&dest_url, at)
            }
            Tag::MetadataBlock(_) => self.metadata_text = Some(String::new()),
            _ => {}
        }
        Ok(())
    }

    fn end(&mut self, tag: TagEnd, range: std::ops::Range<usize>) {
        match tag {
            TagEnd::Paragraph => {
                self.pipe_lines_as_text(range.clone());
                self.flush_inline();
            }
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

    fn finish(mut self, file: &str, bom: bool) -> Checklist {
        let paths = self.id_paths();
        self.assign_item_ids(&paths);
        self.assign_field_ids(&paths);
        let categories = self.map_categories();
        self.reasons_from_exceptions();
        self.answers_from_notes();
        let default_level = self.finish_levels();
        let title = self
            .metadata
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("title"))
            .map(|(_, v)| v.clone())
            .or_else(|| self.first_h1.as_ref().map(|(t, _)| t.clone()))
            .or_else(|| self.html_title.as_ref().map(|(t, _)| t.clone()))
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
            title_html_end: self
                .html_title
                .as_ref()
                .filter(|_| title_section.is_none())
                .map(|(_, end)| *end),
            items: self.items,
            fields: self.fields,
            blocks,
            categories,
            threshold_centi: self.threshold.unwrap_or(DEFAULT_THRESHOLD_CENTI),
            shared_signers: self.shared_signers,
            levels: self.levels,
            default_level,
            diagnostics: self.diags,
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
