//! The checklist model: what a Markdown checklist *means*, independent of how it is drawn.
//!
//! The parser (`parser.rs`) builds a [`Checklist`] once; scoring, answers, export and the UI all read
//! it and never go back to the Markdown. Everything is plain data in flat vectors addressed by index,
//! so a 50,000-item checklist is a few allocations, not a pointer tree.
//!
//! The folder owns the checklist as data: this file (the `Checklist` and its parts), what a table
//! row brings from its source (`rows`), target levels (`levels`) and the catalogue of bundled
//! checklists (`catalog`). It uses only `text` and `error`.

pub mod catalog;
pub mod levels;
pub mod rows;

use serde::Serialize;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use crate::domain::error::Diagnostic;
pub use crate::domain::model::rows::{MarkKind, Preset, PresetState, RowCells, RowMark};
pub use crate::domain::text::spans::{blanks, plain_text, FieldIdx, Span, SpanKind, Style};

/// Index of a section in [`Checklist::sections`]. Section 0 is the document root.
pub type SectionIdx = usize;
/// Index of an item in [`Checklist::items`].
pub type ItemIdx = usize;

/// A parsed checklist: sections, items, fields, context blocks and scoring rules.
#[derive(Debug, Clone, PartialEq)]
pub struct Checklist {
    /// Title: the metadata block's `title`, else the first level-1 heading, else the file stem.
    pub title: String,
    /// File name the checklist was loaded from (as given to the parser).
    pub file: String,
    /// First sentence of the document's first paragraph (empty when there is none).
    pub summary: String,
    /// The source text (without a leading UTF-8 byte-order mark), as parsed; the Markdown report
    /// patches it and the app shows nothing else of the file.
    pub source: Arc<str>,
    /// Whether the file began with a UTF-8 byte-order mark (part of the exact bytes the digest
    /// covers, not of [`Checklist::source`]).
    pub bom: bool,
    /// Lower-case hex SHA-256 of the exact source bytes, computed the first time it is asked for
    /// ([`Checklist::sha256`]): only exports, sign-offs and the catalogue need it, and hashing a
    /// large file in the browser's WebAssembly was a fifth of parsing it.
    pub(crate) digest: LazyDigest,
    /// `key: value` pairs of a leading YAML-style metadata block, in order.
    pub metadata: Vec<(String, String)>,
    /// Sections in document order; index 0 is the root (text before the first heading).
    pub sections: Vec<Section>,
    /// The level-1 heading used as the title, if any. It is left out of section paths and ids, so
    /// renaming the document changes neither.
    pub title_section: Option<SectionIdx>,
    /// When the title is an HTML block's `<h1>` (and no heading is): where that block ends.
    pub title_html_end: Option<usize>,
    /// Every GFM task-list item in document order.
    pub items: Vec<Item>,
    /// Every `___` blank in document order.
    pub fields: Vec<Field>,
    /// The document body, in order, as blocks.
    pub blocks: Vec<Block>,
    /// Weighted score categories (from a score table or `weight=` directives); empty = unweighted.
    pub categories: Vec<Category>,
    /// Minimum score for GO, in hundredths of a point (800 = 8.00/10).
    pub threshold_centi: u32,
    /// `<!-- readiness: shared-signers -->`: one key may sign several roles (by default each
    /// sign-off line needs its own signer).
    pub shared_signers: bool,
    /// Levels named by level columns (`Level 1`, `L2`), in column order; empty when none.
    pub levels: Vec<String>,
    /// The level the page starts at: a `level=` directive's, else the one requiring the most items.
    pub default_level: Option<String>,
    /// Warnings and errors found while reading the document.
    pub diagnostics: Vec<Diagnostic>,
}

impl Checklist {
    /// Lower-case hex SHA-256 of the exact bytes the checklist was parsed from (byte-order mark
    /// included): the template digest of every export and sign-off.
    pub fn sha256(&self) -> &str {
        self.digest.0.get_or_init(|| {
            let bom: &[u8] = if self.bom { UTF8_BOM } else { b"" };
            crate::domain::text::sha256_hex_parts(&[bom, self.source.as_bytes()])
        })
    }
}

/// The UTF-8 byte-order mark a file may start with.
pub(crate) const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// The checklist's digest once computed. It is a function of the source, so two checklists with
/// equal sources are equal whether or not either has computed it yet.
#[derive(Debug, Clone, Default)]
pub(crate) struct LazyDigest(pub(crate) OnceLock<String>);

impl PartialEq for LazyDigest {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// What checking the items of a section means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SectionKind {
    /// Ordinary readiness work: checked = done, counts towards the score.
    Readiness,
    /// Failure criteria / rollback triggers: checked = the bad thing happened, forces NO-GO.
    Trigger,
    /// Work done later (rollback procedure, post-mortem, maintenance): tracked, not scored.
    Procedure,
}

impl SectionKind {
    /// The lower-case name used in directives and exports.
    pub fn as_str(self) -> &'static str {
        match self {
            SectionKind::Readiness => "readiness",
            SectionKind::Trigger => "trigger",
            SectionKind::Procedure => "procedure",
        }
    }

    /// Parses a directive keyword (`readiness`, `trigger`, `procedure`).
    pub fn from_keyword(word: &str) -> Option<Self> {
        match word {
            "readiness" => Some(SectionKind::Readiness),
            "trigger" => Some(SectionKind::Trigger),
            "procedure" => Some(SectionKind::Procedure),
            _ => None,
        }
    }
}

/// A heading and everything up to the next heading of the same or a higher level.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Section {
    /// Heading level 1-6; 0 for the root.
    pub level: u8,
    /// Heading text with mojibake repaired and markup removed.
    pub title: String,
    /// GitHub-style anchor slug, unique within the document.
    pub slug: String,
    /// Parent section (`None` only for the root).
    pub parent: Option<SectionIdx>,
    /// Effective kind (inherited from the parent unless the heading or a directive says otherwise).
    pub kind: SectionKind,
    /// Whether `kind` came from a directive rather than heading words or inheritance.
    pub kind_from_directive: bool,
    /// Weight in percent set by a `weight=` directive, if any.
    pub weight_directive: Option<f64>,
    /// 1-based source line of the heading (0 for the root).
    pub line: usize,
}

/// Importance marker of an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// No marker.
    Normal,
    /// 🟡: should be done before production.
    Important,
    /// 🔴 or `(critical)`: an open critical item forces NO-GO.
    Critical,
}

/// A sign-off line: `- [ ] **Role**: ____ Date: ____`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SignOffSpec {
    /// The role named before the first blank.
    pub role: String,
    /// The sub-heading grouping this sign-off (e.g. "Quality Assurance"), or the sign-off heading.
    pub group: String,
    /// Field holding the signer's name, if the line has one.
    pub name_field: Option<FieldIdx>,
    /// Field holding the date, if the line has one.
    pub date_field: Option<FieldIdx>,
}

/// One GFM task-list item.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Item {
    /// Stable id: section path slugs, parent item slug and text slug, `~N` for repeats.
    pub id: String,
    /// Innermost section containing the item.
    pub section: SectionIdx,
    /// Enclosing task item, for nested items.
    pub parent: Option<ItemIdx>,
    /// Nesting depth among task items (0 = top level).
    pub depth: usize,
    /// Inline content of the item's first paragraph, checkbox marker removed.
    pub text: Vec<Span>,
    /// Plain text of `text` (blanks shown as `___`), for search, exports and ids.
    pub plain: String,
    /// `[x]` in the source.
    pub prechecked: bool,
    /// Critical / important marker.
    pub severity: Severity,
    /// Set when the item is a sign-off line.
    pub signoff: Option<SignOffSpec>,
    /// Fields (blanks) on the item's line.
    pub fields: Vec<FieldIdx>,
    /// 1-based source line and column of the task marker (`[ ]`).
    pub line: usize,
    /// See `line`.
    pub column: usize,
    /// Byte offset of the task marker's `[` in the source text (after any byte-order mark); for a
    /// table row, of its mark cell's content.
    pub marker: usize,
    /// For an item read from a table row (issue 24): its mark cell, which "Copy as Markdown"
    /// writes the answer back into.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<RowMark>,
    /// What the source says the answer is before anyone answers (a table's status, note or
    /// evidence cell); `None` for a plain `[ ]` / `[x]` item.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub preset: Option<Box<Preset>>,
    /// For a row of a table with level columns: the levels it is required at (possibly none).
    /// `None`: required at every level.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub levels: Option<Vec<String>>,
    /// For a row of a table with an empty answer column: the field holding its answer, which
    /// decides its status ([`crate::domain::model::rows::answer_status`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answer: Option<FieldIdx>,
}

impl Item {
    /// An item of `section` whose marker is at byte `marker` (line and column given), with no
    /// text yet: the parser fills in the rest.
    pub fn at(section: SectionIdx, marker: usize, line: usize, column: usize) -> Item {
        Item {
            id: String::new(),
            section,
            parent: None,
            depth: 0,
            text: Vec::new(),
            plain: String::new(),
            prechecked: false,
            severity: Severity::Normal,
            signoff: None,
            fields: Vec::new(),
            line,
            column,
            marker,
            row: None,
            preset: None,
            levels: None,
            answer: None,
        }
    }
}

/// What a blank expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FieldKind {
    /// Free text (names, contacts).
    Text,
    /// A calendar date (`Date: ____`).
    Date,
    /// A number (a unit follows the blank).
    Number,
    /// One of [`Field::choices`] (a line of `☐` choices).
    Choice,
}

/// A `___` blank or an empty table cell: an input field.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Field {
    /// Stable id (`<item id>#N` inside items, `<section path>/<label slug>` elsewhere,
    /// `<section path>/table-N/<row>/<column>` for empty table cells).
    pub id: String,
    /// Text before the blank (markup and trailing `:` removed).
    pub label: String,
    /// Unit taken from the text after the blank (`minutes`, `critical`), if any.
    pub unit: Option<String>,
    /// Expected input.
    pub kind: FieldKind,
    /// Item whose line holds the blank.
    pub item: Option<ItemIdx>,
    /// Section containing the blank.
    pub section: SectionIdx,
    /// 1-based source line and column.
    pub line: usize,
    /// See `line`.
    pub column: usize,
    /// Byte range of the blank (`___`, or an empty table cell's spaces) in the source text, when
    /// known exactly; used to write answers back into the Markdown.
    pub source: Option<(usize, usize)>,
    /// For a [`FieldKind::Choice`]: the choices in order, each with the byte offset of its `☐`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<(String, usize)>,
    /// The value the checklist itself already gives the blank: a filled blank (`___Dana___`, as
    /// Copy as Markdown writes one), or the ticked box of a choice (`☑ yes ☐ no`). An answer
    /// overrides it; with none, it is the blank's value everywhere ([`Answers::field_value`]).
    ///
    /// [`Answers::field_value`]: crate::domain::answers::Answers::field_value
    #[serde(skip_serializing_if = "Option::is_none")]
    pub preset: Option<String>,
}

/// A weighted score category.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Category {
    /// Name as written in the score table (or the section title for a `weight=` directive).
    pub name: String,
    /// Weight in percent as written (20.0 for `20%`).
    pub weight: f64,
    /// Sections the category matched; their items (and their subsections') belong to it.
    pub sections: Vec<SectionIdx>,
}

/// Column alignment of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Align {
    /// Not specified.
    None,
    /// `:---`
    Left,
    /// `:---:`
    Center,
    /// `---:`
    Right,
}

/// A block of the document body, in source order.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "lowercase", tag = "type")]
pub enum Block {
    /// A heading starting a section.
    Heading {
        /// The section it starts.
        section: SectionIdx,
    },
    /// A paragraph of inline content.
    Paragraph {
        /// Content.
        spans: Vec<Span>,
    },
    /// A list; entries may be task items or plain bullets.
    List {
        /// Start number for ordered lists.
        start: Option<u64>,
        /// Entries in order.
        entries: Vec<ListEntry>,
    },
    /// A fenced or indented code block (its `#` lines are never headings).
    Code {
        /// Info string language, if any.
        lang: String,
        /// Literal content.
        text: String,
    },
    /// A table.
    Table {
        /// Position of this table among the document's tables (for cell ids).
        index: usize,
        /// Column alignments.
        align: Vec<Align>,
        /// Header cells.
        header: Vec<Vec<Span>>,
        /// Body rows.
        rows: Vec<Vec<Vec<Span>>>,
        /// Whether this is the score table (its blanks are computed, not fields).
        score_table: bool,
    },
    /// A block quote.
    Quote {
        /// Quoted blocks.
        blocks: Vec<Block>,
    },
    /// A raw HTML block, shown as literal text.
    Html {
        /// The HTML source.
        text: String,
    },
    /// `---`
    Rule,
}

/// One entry of a list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ListEntry {
    /// The task item this entry is, if it is one (its text lives in the item).
    pub item: Option<ItemIdx>,
    /// Other content: the paragraph of a plain bullet, nested lists, code.
    pub blocks: Vec<Block>,
}

impl Checklist {
    /// `section`, its parent, and so on up to the root.
    pub fn ancestors(&self, section: SectionIdx) -> impl Iterator<Item = SectionIdx> + '_ {
        std::iter::successors(Some(section), |&s| self.sections[s].parent)
    }

    /// Section path from the top down to `section` (root and title heading excluded).
    pub fn section_path(&self, section: SectionIdx) -> Vec<SectionIdx> {
        let mut path = Vec::new();
        let mut cur = Some(section);
        while let Some(s) = cur {
            if s == 0 {
                break;
            }
            if Some(s) != self.title_section {
                path.push(s);
            }
            cur = self.sections[s].parent;
        }
        path.reverse();
        path
    }

    /// The section a link inside the checklist points at (`#Load-Balancing`, `#load-balancing`,
    /// as GitHub writes heading anchors), if it names one of its headings.
    pub fn section_for_anchor(&self, href: &str) -> Option<&Section> {
        let anchor = href.strip_prefix('#').filter(|a| !a.starts_with('/'))?;
        let decoded = crate::domain::text::percent_decode(anchor);
        let wanted = crate::domain::text::slugify(&decoded);
        self.sections
            .iter()
            .skip(1)
            .find(|s| s.slug == decoded || (!wanted.is_empty() && s.slug == wanted))
    }

    /// Item texts that more than one item has ("Stage", "Release", "Stage").
    pub fn repeated_texts(&self) -> std::collections::HashSet<String> {
        let mut seen = std::collections::HashSet::new();
        self.items
            .iter()
            .filter(|it| !seen.insert(it.plain.as_str()))
            .map(|it| it.plain.clone())
            .collect()
    }

    /// An item's text as read out of context (a list of what is missing, an accessible name): with
    /// its parent item's text, or else its section's title, when another item has the same text;
    /// its emoji shortcodes shown as GitHub shows them.
    pub fn item_label(&self, i: ItemIdx, repeated: &std::collections::HashSet<String>) -> String {
        use crate::domain::text::emoji::shortcodes;
        let it = &self.items[i];
        if !repeated.contains(&it.plain) {
            return shortcodes(&it.plain).into_owned();
        }
        let context = match it.parent {
            Some(p) => &self.items[p].plain,
            None => &self.sections[it.section].title,
        };
        shortcodes(&format!("{} ({context})", it.plain)).into_owned()
    }

    /// Titles of [`Checklist::section_path`].
    pub fn section_titles(&self, section: SectionIdx) -> Vec<String> {
        self.section_path(section)
            .into_iter()
            .map(|s| self.sections[s].title.clone())
            .collect()
    }

    /// Whether `section` is `ancestor` or lies below it.
    pub fn section_within(&self, section: SectionIdx, ancestor: SectionIdx) -> bool {
        within(&self.sections, section, ancestor)
    }

    /// Kind of an item: its section's kind; sign-offs are reported separately by [`Item::signoff`].
    pub fn item_kind(&self, item: ItemIdx) -> SectionKind {
        self.sections[self.items[item].section].kind
    }

    /// Number of sign-off items.
    pub fn signoff_count(&self) -> usize {
        self.items.iter().filter(|i| i.signoff.is_some()).count()
    }

    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.is_error())
    }
}

/// A run of top-level blocks drawn together: how a large checklist is rendered a piece at a time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chunk {
    /// Top-level blocks (indices into [`Checklist::blocks`]).
    pub blocks: Range<usize>,
    /// Task items in those blocks (document order keeps them contiguous).
    pub items: Range<ItemIdx>,
    /// Sections whose heading is in those blocks.
    pub sections: Range<SectionIdx>,
}

impl Checklist {
    /// Cuts the top-level blocks into chunks of at least `min_items` items each (the last may
    /// have fewer), cutting only just before a heading, so a section is never split from its
    /// heading unless it is longer than a chunk. Every block is in exactly one chunk, in order.
    pub fn chunks(&self, min_items: usize) -> Vec<Chunk> {
        let mut chunks: Vec<Chunk> = Vec::new();
        let (mut block0, mut item0, mut section0) = (0, 0, 0);
        let (mut items, mut sections) = (0, 0);
        for (b, block) in self.blocks.iter().enumerate() {
            if let Block::Heading { section } = block {
                if items - item0 >= min_items.max(1) {
                    chunks.push(Chunk {
                        blocks: block0..b,
                        items: item0..items,
                        sections: section0..sections,
                    });
                    (block0, item0, section0) = (b, items, sections);
                }
                sections = *section + 1;
            }
            items += count_items(block);
        }
        chunks.push(Chunk {
            blocks: block0..self.blocks.len(),
            items: item0..items,
            sections: section0..self.sections.len(),
        });
        chunks
    }
}

/// Task items in a block and everything inside it.
fn count_items(block: &Block) -> usize {
    match block {
        Block::List { entries, .. } => entries
            .iter()
            .map(|e| {
                usize::from(e.item.is_some()) + e.blocks.iter().map(count_items).sum::<usize>()
            })
            .sum(),
        Block::Quote { blocks } => blocks.iter().map(count_items).sum(),
        _ => 0,
    }
}

/// Whether `section` is `ancestor` or lies below it in `sections`.
pub fn within(sections: &[Section], section: SectionIdx, ancestor: SectionIdx) -> bool {
    std::iter::successors(Some(section), |&s| sections[s].parent).any(|s| s == ancestor)
}

/// Name of the implicit category used when a checklist has no score table.
pub const ALL_ITEMS: &str = "All readiness items";

/// Category names and weights (the implicit one when the checklist has no score table).
pub fn category_list(checklist: &Checklist) -> Vec<(String, f64)> {
    if checklist.categories.is_empty() {
        vec![(ALL_ITEMS.to_string(), 100.0)]
    } else {
        checklist
            .categories
            .iter()
            .map(|c| (c.name.clone(), c.weight))
            .collect()
    }
}
