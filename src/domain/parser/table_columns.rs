//! Which column of a table read as a checklist is what (issue 24): the mark or status column,
//! the text, the levels, the note, evidence and answer columns, and a first header cell naming
//! the rows' section. The rows themselves are read in `table_items.rs`.

use super::table_cells::{mark_of, status_word};
use super::*;
use crate::domain::model::levels::is_level_header;

/// Header words that name a column of marks even when most rows are still blank.
const MARK_HEADERS: &[&str] = &[
    "status",
    "done",
    "check",
    "checked",
    "complete",
    "completed",
    "resolution",
    "result",
    "state",
];

/// Header words (first word) that name the column holding each row's text.
const TEXT_HEADERS: &[&str] = &[
    "item",
    "items",
    "check",
    "task",
    "tasks",
    "requirement",
    "requirements",
    "description",
    "question",
    "questions",
    "control",
    "criteria",
    "criterion",
    "step",
    "activity",
];

/// First header words of a first column that are a column name rather than a section's name.
const COLUMN_WORDS: &[&str] = &[
    "id",
    "no",
    "number",
    "name",
    "title",
    "area",
    "category",
    "component",
    "topic",
    "owner",
];

/// Header words of a note column (its cell is the item's note, or an N/A row's reason).
const NOTE_HEADERS: &[&str] = &[
    "note",
    "notes",
    "comment",
    "comments",
    "remark",
    "remarks",
    "reason",
    "justification",
];

/// Header words of an evidence column (its links, or its text, are the item's evidence).
const EVIDENCE_HEADERS: &[&str] = &[
    "evidence",
    "collaterals",
    "collateral",
    "proof",
    "artifacts",
    "artefacts",
    "links",
];

/// Whether a header names the end date of a row's N/A or waiver: "Waived until", "Valid until",
/// "Expires", "Expiry", "Until".
fn is_until_header(words: &[String]) -> bool {
    first_is(words, &["expires", "expiry", "expiration", "until"])
        || words.get(1).is_some_and(|w| w == "until")
}

/// Header words of an answer column (or an empty header over empty cells).
const ANSWER_HEADERS: &[&str] = &["answer", "answers", "response", "responses"];

/// What each column of a table read as a checklist is for.
pub(super) struct Columns {
    /// The mark or status column and how its cells are written.
    pub(super) mark: Option<(usize, MarkKind)>,
    /// The descriptive column: each row's text.
    pub(super) text: usize,
    /// Level columns (`L1`, `Level 2`) and their names.
    pub(super) levels: Vec<(usize, String)>,
    /// The note (or comment) column.
    pub(super) note: Option<usize>,
    /// The evidence column.
    pub(super) evidence: Option<usize>,
    /// The column of the N/A or waiver's end date ("Waived until", "Expires").
    pub(super) until: Option<usize>,
    /// An empty answer column.
    pub(super) answer: Option<usize>,
    /// The first header cell, when it names the rows' section rather than a column.
    pub(super) section: Option<String>,
}

fn first_is(words: &[String], list: &[&str]) -> bool {
    words.first().is_some_and(|w| list.contains(&w.as_str()))
}

impl Builder<'_> {
    /// How `t` reads as a checklist, if it does: it has a mark or status column, an empty answer
    /// column, or level columns, and a column of text beside them.
    pub(super) fn table_columns(
        &self,
        t: &TableBuild,
        labels: &[String],
        words: &[Vec<String>],
    ) -> Option<Columns> {
        // A cell holding only a filled blank is the empty cell it was, filled in.
        let cell = |r: &Vec<Cell>, c: usize| {
            r.get(c).map(|x| match self.lone_filled(&x.0) {
                Some(_) => String::new(),
                None => plain_text(&x.0.spans),
            })
        };
        let column = |c: usize| -> Vec<String> {
            t.rows
                .iter()
                .map(|r| cell(r, c).unwrap_or_default())
                .collect()
        };
        let n = t.header.len();
        let levels: Vec<(usize, String)> = (0..n)
            .filter(|&c| is_level_header(&labels[c]))
            .map(|c| (c, labels[c].trim().to_string()))
            .collect();
        let is_level = |c: usize| levels.iter().any(|(l, _)| *l == c);
        let mut mark = None;
        for c in (0..n).filter(|&c| !is_level(c)) {
            let cells = column(c);
            let filled: Vec<&String> = cells.iter().filter(|s| !s.trim().is_empty()).collect();
            let named = first_is(&words[c], MARK_HEADERS);
            let marks: Vec<_> = filled.iter().filter_map(|s| mark_of(s)).collect();
            let words_ok = filled.iter().all(|s| status_word(s).is_some());
            // A column of marks (N/A and Waived allowed), or a named column of status words.
            let only_marks = filled.iter().all(|s| {
                mark_of(s).is_some()
                    || status_word(s)
                        .is_some_and(|(st, _)| matches!(st, PresetState::Na | PresetState::Waived))
            });
            if only_marks && !marks.is_empty() && (filled.len() * 2 >= cells.len() || named) {
                mark = Some((c, marks[0].1));
                break;
            }
            if named && words_ok {
                let yes_no = filled
                    .iter()
                    .any(|s| status_word(s).is_some_and(|(_, k)| k == MarkKind::YesNo));
                mark = Some((
                    c,
                    if yes_no {
                        MarkKind::YesNo
                    } else {
                        MarkKind::Word
                    },
                ));
                break;
            }
        }
        let taken = |c: usize| is_level(c) || mark.is_some_and(|(m, _)| m == c);
        let answer = (0..n).find(|&c| {
            !taken(c)
                && (labels[c].trim().is_empty() || first_is(&words[c], ANSWER_HEADERS))
                && c > 0
                && column(c).iter().all(|s| s.trim().is_empty())
        });
        if mark.is_none() && answer.is_none() && levels.is_empty() {
            return None;
        }
        let note = (0..n).find(|&c| !taken(c) && first_is(&words[c], NOTE_HEADERS));
        let evidence = (0..n).find(|&c| !taken(c) && first_is(&words[c], EVIDENCE_HEADERS));
        let until = (0..n).find(|&c| !taken(c) && is_until_header(&words[c]));
        let free = |c: usize| !taken(c) && Some(c) != answer && Some(c) != note && Some(c) != until;
        let text = (0..n)
            .find(|&c| free(c) && first_is(&words[c], TEXT_HEADERS))
            .or_else(|| {
                (0..n).find(|&c| {
                    free(c)
                        && Some(c) != evidence
                        && column(c).iter().filter(|s| !s.trim().is_empty()).count() * 2
                            > t.rows.len()
                })
            })?;
        let first = labels[text].trim();
        let section = (text == 0
            && !first.is_empty()
            && !first_is(&words[0], TEXT_HEADERS)
            && !first_is(&words[0], COLUMN_WORDS)
            && !words[0].is_empty())
        .then(|| strip_symbols(first));
        Some(Columns {
            mark,
            text,
            levels,
            note,
            evidence,
            until,
            answer,
            section,
        })
    }
}
