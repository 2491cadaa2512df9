//! What one table cell says (issue 24): a mark (`☐`, `[x]`, `✅`), a status word (`Done`, `N/A`,
//! `Waived`, `Not Started`), and where a cell's content sits in the source so an answer can be
//! written back into it. The column rules (tables as checklists) are in `table_items.rs`.

use crate::domain::model::{MarkKind, PresetState};

/// What a mark cell says: its state and how it is written. Blank cells are not marks.
pub(super) fn mark_of(text: &str) -> Option<(PresetState, MarkKind)> {
    let state = |done: bool| {
        if done {
            PresetState::Done
        } else {
            PresetState::Open
        }
    };
    Some(match text.trim() {
        "☐" => (state(false), MarkKind::Glyph),
        "☑" | "☒" => (state(true), MarkKind::Glyph),
        "[ ]" => (state(false), MarkKind::Bracket),
        "[x]" | "[X]" => (state(true), MarkKind::Bracket),
        "✅" | "✔" | "✔️" | "✓" => (state(true), MarkKind::Emoji),
        ":white_check_mark:" | ":heavy_check_mark:" => (state(true), MarkKind::Shortcode),
        _ => return None,
    })
}

/// What a status word says (case and spacing vary): done, N/A, waived or open. Marks count too.
pub(super) fn status_word(text: &str) -> Option<(PresetState, MarkKind)> {
    if let Some(m) = mark_of(text) {
        return Some(m);
    }
    let words: Vec<String> = text
        .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .filter(|w| !w.is_empty())
        .map(|w| {
            w.trim_matches(|c: char| c == '.' || c == '!' || c == '*')
                .to_lowercase()
        })
        .collect();
    let joined = words.join(" ");
    let state = match joined.as_str() {
        "done" | "complete" | "completed" | "pass" | "passed" | "ok" | "finished" => {
            PresetState::Done
        }
        "yes" | "y" => return Some((PresetState::Done, MarkKind::YesNo)),
        "no" | "n" => return Some((PresetState::Open, MarkKind::YesNo)),
        "n/a" | "na" | "not applicable" => PresetState::Na,
        "waived" | "waiver" => PresetState::Waived,
        "not started" | "todo" | "to do" | "pending" | "in progress" | "open" | "not done" => {
            PresetState::Open
        }
        _ => return None,
    };
    Some((state, MarkKind::Word))
}

/// Whether a level cell says the row is required at its level: any mark of done, a status word
/// of done or a short token such as `x` or `●`; blank, `☐`, `-` and `no` say it is not.
pub(super) fn level_required(text: &str) -> bool {
    let t = text.trim();
    if t.is_empty() || matches!(t, "-" | "–" | "—") {
        return false;
    }
    match status_word(t) {
        Some((state, _)) => state == PresetState::Done,
        None => true,
    }
}

/// The cells of a table row's line (`| a | b |`, outer pipes or not): each one's content as a byte
/// range of `line`, without the spaces around it, or, for an empty cell, the place after one space
/// where content would go. An escaped `\|` stays in its cell. The parser reads cells with it, and
/// Copy as Markdown writes into the same ranges.
pub(crate) fn row_cells(line: &str) -> Vec<(usize, usize)> {
    let bytes = line.as_bytes();
    // Cell boundaries: unescaped pipes.
    let mut bounds = Vec::new();
    let mut k = 0;
    while k < bytes.len() {
        match bytes[k] {
            b'\\' => k += 1,
            b'|' => bounds.push(k),
            _ => {}
        }
        k += 1;
    }
    let lead = line.len() - line.trim_start().len();
    let mut starts: Vec<usize> = Vec::new();
    if bounds.first() != Some(&lead) {
        starts.push(0);
    }
    starts.extend(bounds.iter().map(|b| b + 1));
    starts
        .into_iter()
        .map(|from| {
            let to = bounds
                .iter()
                .copied()
                .find(|&b| b >= from)
                .unwrap_or(line.len());
            let cell = &line[from..to];
            let inner = from + (cell.len() - cell.trim_start().len());
            let inner_end = from + cell.trim_end().len();
            if inner >= inner_end {
                let at = (from + 1).min(to);
                (at, at)
            } else {
                (inner, inner_end)
            }
        })
        .collect()
}

/// The source range of cell `col` of the table row on the line holding `at` ([`row_cells`]).
pub(super) fn cell_range(src: &str, at: usize, col: usize) -> Option<(usize, usize)> {
    let line_start = src[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_end = src[at..].find('\n').map_or(src.len(), |i| at + i);
    let line = src[line_start..line_end].trim_end_matches('\r');
    let (s, e) = *row_cells(line).get(col)?;
    Some((line_start + s, line_start + e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_words_in_any_case() {
        for (t, s) in [
            ("Done", PresetState::Done),
            (" YES ", PresetState::Done),
            ("✓", PresetState::Done),
            ("n/a", PresetState::Na),
            ("Not Applicable", PresetState::Na),
            ("Waived", PresetState::Waived),
            ("not  started", PresetState::Open),
            ("No", PresetState::Open),
            ("In-Progress", PresetState::Open),
        ] {
            assert_eq!(status_word(t).map(|x| x.0), Some(s), "{t:?}");
        }
        assert_eq!(status_word("Alice"), None);
        assert_eq!(status_word(""), None);
    }

    #[test]
    fn level_cells() {
        assert!(level_required("✓"));
        assert!(level_required("x"));
        assert!(level_required("[x]"));
        assert!(!level_required(""));
        assert!(!level_required("☐"));
        assert!(!level_required("-"));
    }
}
