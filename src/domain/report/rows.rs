//! Table rows written back: a row's mark cell in its column's own notation, its reason or note in
//! its note cell, and the columns added at a table's end where it has no cell for an answer — each
//! inside the cell's own padding, so the diff is the answered rows (and, for an added column, the
//! header and delimiter rows).

use crate::domain::answers::{Answers, Status};
use crate::domain::model::{Checklist, MarkKind};

use super::{inline_value, Edit};

/// A table row's answer written back: its mark cell in its own notation, its reason or note in
/// the row's note cell, and, where the table has no cell for one, a cell in a column added at the
/// table's end (gathered in `columns`). Nothing is written for an answer its cells already give.
pub(super) fn row_edits(
    checklist: &Checklist,
    answers: &Answers,
    i: usize,
    row: crate::domain::model::RowMark,
    status: Status,
    done: bool,
    columns: &mut AddedColumns,
) -> Vec<Edit> {
    let it = &checklist.items[i];
    let a = answers.answer(checklist, i);
    let preset = crate::domain::answers::preset_answer(it);
    let status_changed = status != crate::domain::answers::preset_status(it)
        || (status == Status::Na && a.waived != preset.waived);
    let mut edits = Vec::new();
    if status_changed && !matches!(row.kind, MarkKind::Absent) {
        let mark = row_mark(row.kind, status, done, a.waived);
        // A row that ends before its mark cell (`Feature flags off |`: GFM reads the pipe as
        // the row's end): the cell is written after it, and the row closed again.
        let src: &str = &checklist.source;
        let bare = row.start == row.end
            && src[..row.start].ends_with('|')
            && (row.start == src.len() || src[row.start..].starts_with(['\n', '\r']));
        edits.push(Edit {
            start: row.start,
            end: row.end,
            text: if bare && !mark.is_empty() {
                format!(" {mark} |")
            } else {
                mark.to_string()
            },
        });
    }
    // A sign-off row's names and dates are its blanks; its state is the sign-off's.
    let Some(cells) = row.cells.filter(|_| it.signoff.is_none()) else {
        return edits;
    };
    let said = |reason: &str, note: &str, na: bool, until: Option<&str>| -> String {
        let (reason, note) = (inline_value(reason), inline_value(note));
        let reason = match until {
            Some(u) if na => format!("{reason} (until {})", inline_value(u)),
            _ => reason,
        };
        match (na, reason.is_empty(), note.is_empty()) {
            (true, false, false) => format!("{reason} · Note: {note}"),
            (true, false, true) => reason,
            (_, _, false) => note,
            _ => String::new(),
        }
    };
    // The end date goes in its own cell when the table has one, else after the reason.
    let no_column = cells.until.is_none();
    let until_in_note = |u: &Option<String>| u.clone().filter(|_| no_column);
    let text = said(
        &a.reason,
        &a.note,
        status == Status::Na,
        until_in_note(&a.until).as_deref(),
    );
    let before = said(
        &preset.reason,
        &preset.note,
        preset.status == Status::Na,
        until_in_note(&preset.until).as_deref(),
    );
    if let Some((start, end)) = cells.until {
        let until = |na: bool, u: &Option<String>| u.clone().filter(|_| na).unwrap_or_default();
        let (now, was) = (
            until(status == Status::Na, &a.until),
            until(preset.status == Status::Na, &preset.until),
        );
        if now != was {
            edits.push(Edit {
                start,
                end,
                text: inline_value(&now),
            });
        }
    }
    let note = (text != before).then_some(text);
    let mut added = (None, None);
    match (cells.note, note) {
        (Some((start, end)), Some(text)) => edits.push(Edit { start, end, text }),
        (None, Some(text)) if !text.is_empty() => added.1 = Some(text),
        _ => {}
    }
    if status_changed && matches!(row.kind, MarkKind::Absent) {
        added.0 = Some(row_mark(MarkKind::Word, status, done, a.waived).to_string());
    }
    if added.0.is_some() || added.1.is_some() {
        columns.add(cells, added);
    }
    edits
}

/// Columns added at the end of tables that have no cell for an answer: a "Status" column where
/// rows have no mark, a "Notes" column where they have no note cell. Only the rows answered get a
/// cell (GitHub fills the others), so the diff is those rows and the table's first two lines.
#[derive(Default)]
pub(super) struct AddedColumns {
    /// Per table (its header's end): its delimiter row's end, its rows' cells (row end, status,
    /// note).
    pub(super) tables: Vec<(usize, AddedTable)>,
}

/// The columns added to one table: see [`AddedColumns`].
#[derive(Default)]
pub(super) struct AddedTable {
    rule_end: usize,
    rows: Vec<(usize, AddedCells)>,
}

/// An answered row's cells in the added columns.
type AddedCells = (Option<String>, Option<String>);

impl AddedColumns {
    fn add(&mut self, cells: crate::domain::model::RowCells, added: AddedCells) {
        let k = match self.tables.iter().position(|(h, _)| *h == cells.head_end) {
            Some(k) => k,
            None => {
                self.tables.push((cells.head_end, AddedTable::default()));
                self.tables.len() - 1
            }
        };
        let t = &mut self.tables[k].1;
        t.rule_end = cells.rule_end;
        t.rows.push((cells.line_end, added));
    }

    pub(super) fn edits(&self, src: &str) -> Vec<Edit> {
        let mut edits = Vec::new();
        // A cell appended to a line, after its closing pipe (or with one when it has none).
        let append = |at: usize, cell: &str| -> Edit {
            let closed = src[..at].trim_end().ends_with('|');
            Edit {
                start: at,
                end: at,
                text: if closed {
                    format!(" {cell} |")
                } else {
                    format!(" | {cell}")
                },
            }
        };
        for &(head_end, ref t) in &self.tables {
            let status = t.rows.iter().any(|(_, c)| c.0.is_some());
            let notes = t.rows.iter().any(|(_, c)| c.1.is_some());
            let names: Vec<&str> = [(status, "Status"), (notes, "Notes")]
                .iter()
                .filter(|(on, _)| *on)
                .map(|(_, n)| *n)
                .collect();
            // The table's header, and every second header inside it (GFM reads one table, so
            // every part gets the same columns).
            let heads = std::iter::once((head_end, t.rule_end)).chain(sub_heads(src, t.rule_end));
            for (head_end, rule_end) in heads {
                edits.push(append(head_end, &names.join(" | ")));
                // The delimiter row in its own style: `|---|---|` or `--- | ---`.
                let line_start = src[..rule_end].rfind('\n').map_or(0, |p| p + 1);
                let rule_line = src[line_start..rule_end].trim_end();
                let sep = if rule_line.contains(" | ") {
                    " | "
                } else {
                    "|"
                };
                let cell = if sep == "|" { "---|" } else { " --- |" };
                edits.push(Edit {
                    start: rule_end,
                    end: rule_end,
                    text: if rule_line.ends_with('|') {
                        cell.repeat(names.len())
                    } else {
                        format!("{sep}{}", vec!["---"; names.len()].join(sep))
                    },
                });
            }
            for (line_end, (s, n)) in &t.rows {
                let mut cells = Vec::new();
                if status {
                    cells.push(s.clone().unwrap_or_default());
                }
                if notes {
                    cells.push(n.clone().unwrap_or_default());
                }
                edits.push(append(*line_end, &cells.join(" | ")));
            }
        }
        edits
    }
}

/// The second header rows inside the table whose delimiter row ends at `rule_end`: each one's
/// end and its own delimiter row's end.
fn sub_heads(src: &str, rule_end: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut prev_end = None;
    let mut at = rule_end + 1;
    while at < src.len() {
        let end = src[at..].find('\n').map_or(src.len(), |i| at + i);
        let line = src[at..end].trim_end_matches('\r');
        if !line.trim_start().starts_with('|') && !line.contains('|') {
            break;
        }
        let is_rule = line.contains('-')
            && line
                .trim()
                .chars()
                .all(|c| matches!(c, '|' | '-' | ':' | ' '));
        if let (true, Some(p)) = (is_rule, prev_end) {
            out.push((p, at + line.len()));
        }
        prev_end = Some(at + line.len());
        at = end + 1;
    }
    out
}

/// A table row's mark for its answer, in the notation its column uses.
fn row_mark(kind: MarkKind, status: Status, done: bool, waived: bool) -> &'static str {
    match (kind, status, done) {
        (MarkKind::Absent, _, _) => "",
        (_, Status::Na, _) if waived => "Waived",
        (_, Status::Na, _) => "N/A",
        (MarkKind::Word, _, true) => "Done",
        (MarkKind::Word, _, false) => "Not Started",
        (MarkKind::YesNo, _, true) => "Yes",
        (MarkKind::YesNo, _, false) => "No",
        (MarkKind::Glyph, _, true) => "☑",
        (MarkKind::Glyph, _, false) => "☐",
        (MarkKind::Bracket, _, true) => "[x]",
        (MarkKind::Bracket, _, false) => "[ ]",
        (MarkKind::Emoji, _, true) => "✅",
        (MarkKind::Shortcode, _, true) => ":white_check_mark:",
        (MarkKind::Emoji | MarkKind::Shortcode, _, false) => "",
    }
}
