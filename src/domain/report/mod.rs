//! "Copy as Markdown": the checklist as the team answered it, for a pull request or a ticket.
//!
//! The original Markdown is patched in place (ticks, filled blanks and table cells, N/A reasons,
//! notes, evidence and sign-offs as bullets under their item) and a score summary is put on top,
//! so the report reads exactly like the checklist the team knows.

use crate::domain::answers::{Answers, Status};
use crate::domain::model::{Checklist, FieldKind, MarkKind, PresetState};
use crate::domain::score::{score_cell, score_columns, Breakdown};
use crate::domain::signoff::standing::LineState;
use crate::domain::text::centi;

/// One edit of the source: replace `start..end` with `text`.
struct Edit {
    start: usize,
    end: usize,
    text: String,
}

/// Start of the line after the item's text (its first line plus lazy continuation lines).
fn after_item_text(src: &str, marker: usize) -> usize {
    let mut pos = match src[marker..].find('\n') {
        Some(i) => marker + i + 1,
        None => return src.len(),
    };
    while pos < src.len() {
        let line_end = src[pos..].find('\n').map_or(src.len(), |i| pos + i + 1);
        let t = src[pos..line_end].trim_start();
        let starts_block = t.is_empty()
            || t.starts_with(['-', '*', '+', '>', '|', '#', '`'])
            || t.split_once(['.', ')'])
                .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
        if starts_block {
            break;
        }
        pos = line_end;
    }
    pos
}

/// Cell and inline values must not break the Markdown around them.
fn inline_value(v: &str) -> String {
    v.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('|', "\\|")
}

/// The answered checklist as Markdown: its source text (byte-order mark removed) with the answers
/// written in.
pub fn to_markdown(checklist: &Checklist, answers: &Answers, b: &Breakdown) -> String {
    let src: &str = &checklist.source;
    let mut edits: Vec<Edit> = Vec::new();
    for (i, it) in checklist.items.iter().enumerate() {
        let in_row = it.row.is_some_and(|r| {
            r.end <= src.len() && src.is_char_boundary(r.start) && src.is_char_boundary(r.end)
        });
        if !in_row && (it.marker + 3 > src.len() || !src.is_char_boundary(it.marker)) {
            continue;
        }
        let status = answers.status(checklist, i);
        // A sign-off line is ticked when its sign-off counts, as the page shows it.
        let signed = b
            .signoffs
            .iter()
            .any(|s| s.item == it.id && s.state.counts());
        let done = status == Status::Done || signed;
        // A table row: its mark cell is written back in its own notation, and nothing is inserted
        // under it (a line there would end the table).
        if let Some(row) = it.row {
            let a = answers.answer(checklist, i);
            let unchanged = status == crate::domain::answers::preset_status(it)
                && a.waived == (it.preset.as_deref().map(|p| p.state) == Some(PresetState::Waived));
            let keep = matches!(row.kind, MarkKind::Absent)
                || (matches!(row.kind, MarkKind::Word | MarkKind::YesNo) && unchanged);
            if !keep {
                edits.push(Edit {
                    start: row.start,
                    end: row.end,
                    text: row_mark(row.kind, status, done, a.waived).to_string(),
                });
            }
            continue;
        }
        let tick = if done { "[x]" } else { "[ ]" };
        edits.push(Edit {
            start: it.marker,
            end: it.marker + 3,
            text: tick.to_string(),
        });
        let notes = item_notes(checklist, answers, b, i, status);
        if !notes.is_empty() {
            edits.push(notes_after_item(src, it.marker, &notes));
        }
    }
    edits.extend(field_edits(checklist, answers));
    edits.extend(score_table_edits(src, b));
    // Apply from the end so earlier offsets stay valid; insertions after replacements at the same
    // place keep document order.
    edits.sort_by(|a, b| b.start.cmp(&a.start).then(b.end.cmp(&a.end)));
    let mut out = src.to_string();
    for e in edits {
        out.replace_range(e.start..e.end, &e.text);
    }
    // Keep a leading metadata block first.
    let insert_at = match out.strip_prefix("---\n") {
        Some(rest) => rest.find("\n---\n").map_or(0, |i| 4 + i + 5),
        None => 0,
    };
    out.insert_str(insert_at, &summary(b));
    out
}

/// A table row's mark for its answer, in the notation its column uses.
fn row_mark(kind: MarkKind, status: Status, done: bool, waived: bool) -> &'static str {
    match (kind, status, done) {
        (MarkKind::Word, Status::Na, _) if waived => "Waived",
        (_, Status::Na, _) => "N/A",
        (MarkKind::Word, _, true) => "Done",
        (MarkKind::Word, _, false) => "Not Started",
        (MarkKind::YesNo, _, true) => "Yes",
        (MarkKind::YesNo, _, false) => "No",
        (MarkKind::Absent, _, _) => "",
        (MarkKind::Glyph, _, true) => "☑",
        (MarkKind::Glyph, _, false) => "☐",
        (MarkKind::Bracket, _, true) => "[x]",
        (MarkKind::Bracket, _, false) => "[ ]",
        (MarkKind::Emoji, _, true) => "✅",
        (MarkKind::Shortcode, _, true) => ":white_check_mark:",
        (MarkKind::Emoji | MarkKind::Shortcode, _, false) => "",
    }
}

/// The lines written under item `i`: N/A reason, note, evidence, who answered, and a sign-off
/// line's state.
fn item_notes(
    checklist: &Checklist,
    answers: &Answers,
    b: &Breakdown,
    i: usize,
    status: Status,
) -> Vec<String> {
    let it = &checklist.items[i];
    let mut notes = Vec::new();
    let a = answers.answer(checklist, i);
    if status == Status::Na {
        let what = if a.waived { "Waived" } else { "N/A" };
        notes.push(format!("{what}: {}", inline_value(&a.reason)));
    }
    {
        if !a.note.trim().is_empty() {
            notes.push(format!("Note: {}", inline_value(&a.note)));
        }
        for e in &a.evidence {
            notes.push(format!("Evidence: <{}>", e.replace('>', "%3E")));
        }
        if !a.by.is_empty() {
            notes.push(format!(
                "Answered by {}",
                inline_value(&crate::domain::answers::describe_by(&a.by))
            ));
        }
    }
    if let Some(spec) = &it.signoff {
        notes.push(signoff_note(answers, b, &it.id, &spec.role));
    }
    notes
}

/// The note under a sign-off line: who signed and whether it counts, from the line's state.
fn signoff_note(answers: &Answers, b: &Breakdown, id: &str, role: &str) -> String {
    let state = b.signoffs.iter().find(|s| s.item == id).map(|s| &s.state);
    let record = state
        .and_then(LineState::record)
        .and_then(|k| answers.signoffs.get(k));
    match (state, record) {
        (Some(LineState::NotCounted { fault, .. }), Some(r)) => format!(
            "Not signed off ({role}): a sign-off by {} does not count: {}",
            inline_value(&r.name),
            inline_value(&fault.to_string())
        ),
        (Some(st), Some(r)) => format!(
            "Signed off by {} ({role}) on {}, recorded {}{}",
            inline_value(&r.name),
            r.date,
            r.signed_at,
            if matches!(st, LineState::Stale { .. }) {
                " — stale: answers changed after signing"
            } else {
                ""
            }
        ),
        _ => format!("Not signed off ({role})"),
    }
}

/// The insertion of `notes` as a nested list under the item whose marker is at `marker`.
fn notes_after_item(src: &str, marker: usize, notes: &[String]) -> Edit {
    let line_start = src[..marker].rfind('\n').map_or(0, |p| p + 1);
    let indent = " ".repeat(src[line_start..marker].chars().count());
    let at = after_item_text(src, marker);
    let mut text = String::new();
    if at == src.len() && !src.ends_with('\n') {
        text.push('\n');
    }
    for n in notes {
        text.push_str(&format!("{indent}- {n}\n"));
    }
    Edit {
        start: at,
        end: at,
        text,
    }
}

/// Filled blanks written in place: bold in text, padded in an empty table cell.
fn field_edits(checklist: &Checklist, answers: &Answers) -> Vec<Edit> {
    let src: &str = &checklist.source;
    let mut edits = Vec::new();
    for f in &checklist.fields {
        let (Some((start, end)), Some(v)) = (f.source, answers.fields.get(&f.id)) else {
            continue;
        };
        if v.trim().is_empty() || end > src.len() {
            continue;
        }
        if f.kind == FieldKind::Choice {
            // The chosen box ticked, the others cleared, each in place.
            for (text, at) in &f.choices {
                let Some(b) = src.get(*at..).and_then(|x| x.chars().next()) else {
                    continue;
                };
                let want = if text == v.trim() { "☑" } else { "☐" };
                if "☐☑☒".contains(b) && b.to_string() != want {
                    edits.push(Edit {
                        start: *at,
                        end: at + b.len_utf8(),
                        text: want.to_string(),
                    });
                }
            }
            continue;
        }
        let is_cell = src[start..end].trim().is_empty();
        let value = inline_value(v);
        edits.push(Edit {
            start,
            end,
            text: if is_cell {
                format!(" {value} ")
            } else {
                format!("**{value}**")
            },
        });
    }
    edits
}

/// The cells of a Markdown table row (`| a | b |`), trimmed; an escaped `\|` stays in its cell.
fn row_cells(line: &str) -> Vec<String> {
    let inner = line.trim().trim_start_matches('|');
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    let mut cells = vec![String::new()];
    let mut escaped = false;
    for ch in inner.chars() {
        match ch {
            '|' if !escaped => cells.push(String::new()),
            _ => {
                escaped = ch == '\\' && !escaped;
                if let Some(c) = cells.last_mut() {
                    c.push(ch);
                }
            }
        }
    }
    cells.into_iter().map(|c| c.trim().to_string()).collect()
}

/// The score table's score and weighted-score cells (and the total) written in, each row rebuilt.
fn score_table_edits(src: &str, b: &Breakdown) -> Vec<Edit> {
    let mut lines: Vec<(usize, &str)> = Vec::new();
    let mut at = 0;
    for l in src.split_inclusive('\n') {
        lines.push((at, l.trim_end_matches(['\n', '\r'])));
        at += l.len();
    }
    let is_row = |l: &str| l.trim_start().starts_with('|');
    let is_rule = |l: &str| {
        is_row(l) && l.contains('-') && l.trim().chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
    };
    let mut edits = Vec::new();
    let mut k = 0;
    while k + 1 < lines.len() {
        if !(is_row(lines[k].1) && is_rule(lines[k + 1].1)) {
            k += 1;
            continue;
        }
        let header = row_cells(lines[k].1);
        let columns = score_columns(&header);
        let weighted = header
            .iter()
            .any(|h| h.trim().to_lowercase().starts_with("weight"));
        let mut j = k + 2;
        while j < lines.len() && is_row(lines[j].1) {
            let (start, line) = lines[j];
            let mut row = row_cells(line);
            let label = row.first().cloned().unwrap_or_default();
            let mut changed = false;
            for (c, col) in columns.iter().enumerate() {
                let (Some(col), true) = (col, weighted) else {
                    continue;
                };
                if let (Some(v), Some(cell)) = (score_cell(b, &label, *col), row.get_mut(c)) {
                    *cell = v;
                    changed = true;
                }
            }
            if changed {
                edits.push(Edit {
                    start,
                    end: start + line.len(),
                    text: format!("| {} |", row.join(" | ")),
                });
            }
            j += 1;
        }
        k = j;
    }
    edits
}

/// The quoted score summary put at the top: score, verdict, each category, every NO-GO reason.
fn summary(b: &Breakdown) -> String {
    let mut summary = format!(
        "> **Readiness {} / 10** (minimum {}) — **{}**\n",
        centi(b.score_centi),
        centi(b.threshold_centi),
        b.verdict.as_str()
    );
    for c in &b.categories {
        let score = c
            .score_centi
            .map_or("n/a".to_string(), |s| centi(s).to_string());
        summary.push_str(&format!(
            "> - {} ({}%): {} — {}/{} done{}\n",
            c.name,
            c.weight,
            score,
            c.counts.done,
            c.counts.applicable(),
            if c.override_centi.is_some() {
                " (manual override)"
            } else {
                ""
            }
        ));
    }
    for r in &b.reasons {
        summary.push_str(&format!("> - NO-GO: {r}\n"));
    }
    summary.push('\n');
    summary
}
