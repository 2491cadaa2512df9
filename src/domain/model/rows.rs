//! What an item read from a table row (or a line with no checkbox) brings from its source beyond
//! its text: the cell its answer is written back into, and the answer its cells already give. Kept
//! apart from `model.rs` so the table conventions (docs/FORMAT.md, "Tables written as
//! checklists") read in one place.

use serde::Serialize;

/// The cell (or place) an item keeps its mark in: its source range and how it is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RowMark {
    /// Byte range of the cell's content in the source.
    pub start: usize,
    /// See `start`.
    pub end: usize,
    /// How the cell writes "done".
    pub kind: MarkKind,
    /// For a table row: where the rest of its answer goes (`report`, "Copy as Markdown").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cells: Option<RowCells>,
}

/// Where a table row's answer goes besides its mark cell, so that writing it back changes only
/// the row (and, where the table has no cell for it, adds one column).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RowCells {
    /// Byte range of the note (or N/A reason) cell's content, when the table has a note column.
    pub note: Option<(usize, usize)>,
    /// Byte range of the end-date cell's content, when the table has an end-date column.
    pub until: Option<(usize, usize)>,
    /// Byte offset of the end of the row's line (before its line break): where an added column's
    /// cell goes.
    pub line_end: usize,
    /// Byte offset of the end of the table's header line: where an added column's name goes.
    pub head_end: usize,
    /// Byte offset of the end of the table's delimiter row.
    pub rule_end: usize,
}

/// How a mark cell writes "done" and "open".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MarkKind {
    /// `[x]` / `[ ]`.
    Bracket,
    /// `☑` / `☐`.
    Glyph,
    /// `✅` / empty.
    Emoji,
    /// `:white_check_mark:` / empty.
    Shortcode,
    /// A status word: `Done`, `N/A`, `Waived`, `Not Started`.
    Word,
    /// `Yes` / `No` / `N/A`.
    YesNo,
    /// No mark in the source (a sign-off written as `**Role Signature**: ___`, an answer row):
    /// nothing is written back for the item itself.
    Absent,
}

/// The state a status cell gives an item before anyone answers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PresetState {
    /// Not started, no, blank.
    #[default]
    Open,
    /// Done, yes, ✓, a ticked mark.
    Done,
    /// N/A.
    Na,
    /// Waived: not applicable, with the waiver flag that reports and exports show.
    Waived,
}

/// An item's answer as its source gives it: what the page starts from and what counts until
/// someone answers the item.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Preset {
    /// The status cell's state.
    pub state: PresetState,
    /// The N/A reason: the row's note cell, or the line of a later "Exceptions" paragraph naming
    /// the item.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub reason: String,
    /// The row's note cell (when it is not the N/A reason).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// The row's evidence cell: its link targets, or its text.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
    /// The last day an N/A or waiver holds: a "Waived until" or "Expires" cell.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
}
