//! "Copy as Markdown": the checklist as the team answered it, for a pull request or a ticket.
//!
//! The original Markdown is patched in place, and only where something was answered: ticks,
//! filled blanks, table rows (`rows.rs`), N/A reasons, notes, evidence and sign-offs as bullets
//! under their item; the score summary goes after the title. The report reads exactly like the
//! checklist the team knows, and its diff is the answers.

mod rows;

use crate::domain::answers::{Answers, Status};
use crate::domain::model::{Checklist, FieldKind};
use crate::domain::parser::{is_written_bullet, row_cells};
use crate::domain::score::{score_cell, score_columns, Breakdown};
use crate::domain::signoff::standing::LineState;
use crate::domain::text::centi;
use rows::{row_edits, AddedColumns};

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

/// The bullets an earlier Copy as Markdown wrote right under the item at `marker` (deeper than its
/// line): their byte range, from where new ones go.
fn written_bullets(src: &str, marker: usize) -> (usize, usize) {
    let line_start = src[..marker].rfind('\n').map_or(0, |p| p + 1);
    let item_indent = src[line_start..marker].len() - src[line_start..marker].trim_start().len();
    let start = after_item_text(src, marker);
    let mut end = start;
    while end < src.len() {
        let line_end = src[end..].find('\n').map_or(src.len(), |i| end + i + 1);
        let line = src[end..line_end].trim_end_matches(['\n', '\r']);
        let deeper = line.len() - line.trim_start().len() > item_indent;
        if !(deeper && is_written_bullet(line)) {
            break;
        }
        end = line_end;
    }
    (start, end)
}

/// Cell and inline values must not break the Markdown around them.
fn inline_value(v: &str) -> String {
    v.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('|', "\\|")
}

/// The answered checklist as Markdown: its source text (byte-order mark removed) with the answers
/// written in, and nothing else changed — an unanswered line keeps its bytes (entities, padding,
/// its own way of writing a tick), and the score summary goes after the title.
pub fn to_markdown(checklist: &Checklist, answers: &Answers, b: &Breakdown) -> String {
    write_back(checklist, answers, b).markdown
}

/// What [`write_back`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenBack {
    /// The answered checklist.
    pub markdown: String,
    /// How many tables got a column added (they had no cell for an answer given).
    pub tables_widened: usize,
}

impl WrittenBack {
    /// What the app says once it has copied the Markdown.
    pub fn message(&self) -> String {
        match self.tables_widened {
            0 => "Copied the checklist as Markdown.".to_string(),
            n => format!(
                "Copied the checklist as Markdown. {n} table{} had no cell for an answer given, so a column was added at its end (a cell only on the rows answered).",
                if n == 1 { "" } else { "s" }
            ),
        }
    }
}

/// [`to_markdown`], saying how many tables got a column.
pub fn write_back(checklist: &Checklist, answers: &Answers, b: &Breakdown) -> WrittenBack {
    let src: &str = &checklist.source;
    let mut edits: Vec<Edit> = Vec::new();
    let mut columns = AddedColumns::default();
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
        if let Some(row) = it.row {
            edits.extend(row_edits(
                checklist,
                answers,
                i,
                row,
                status,
                done,
                &mut columns,
            ));
            continue;
        }
        let source_done = matches!(src.as_bytes().get(it.marker + 1), Some(b'x' | b'X'));
        if done != source_done {
            edits.push(Edit {
                start: it.marker,
                end: it.marker + 3,
                text: if done { "[x]" } else { "[ ]" }.to_string(),
            });
        }
        // An item nobody answered keeps what is written under it (the bullets it was read
        // from); an answered one, or a sign-off line, gets its bullets written again, in place of
        // those an earlier copy wrote.
        let answered = answers.items.contains_key(&it.id) || it.signoff.is_some();
        let notes = item_notes(checklist, answers, b, i, status);
        let (start, end) = written_bullets(src, it.marker);
        if answered && (!notes.is_empty() || end > start) {
            let mut e = notes_after_item(src, it.marker, &notes);
            if e.start == start {
                e.end = end;
            }
            if src.get(e.start..e.end) != Some(e.text.as_str()) {
                edits.push(e);
            }
        }
    }
    // Cells appended to a row go after anything written at the row's end (its last cell, when
    // it is empty and has no closing pipe): at one place, what is applied first ends up last.
    let mut edits: Vec<Edit> = columns.edits(src).into_iter().chain(edits).collect();
    edits.extend(field_edits(checklist, answers));
    edits.extend(score_table_edits(src, b));
    edits.push(summary_edit(src, summary_at(checklist), b));
    // Apply from the end so earlier offsets stay valid. The sort keeps the order of edits at one
    // place, and what is applied last there comes first: the summary, pushed last, stays right
    // after the title.
    edits.sort_by(|a, b| b.start.cmp(&a.start).then(b.end.cmp(&a.end)));
    let mut out = src.to_string();
    for e in edits {
        out.replace_range(e.start..e.end, &e.text);
    }
    WrittenBack {
        markdown: out,
        tables_widened: columns.tables.len(),
    }
}

/// The summary inserted at `at`: a quote block of its own, with a blank line on each side.
fn summary_edit(src: &str, at: usize, b: &Breakdown) -> Edit {
    let mut text = String::new();
    if at > 0 && !src[..at].ends_with('\n') {
        text.push('\n');
    }
    if at > 0 {
        text.push('\n');
    }
    text.push_str(summary(b).trim_end_matches('\n'));
    text.push('\n');
    // A summary an earlier copy wrote there is replaced, not followed by another.
    let end = earlier_summary_end(src, at).unwrap_or(at);
    let after = &src[end..];
    if !after.starts_with(['\n', '\r']) && !after.is_empty() {
        text.push('\n');
    }
    Edit {
        start: at,
        end,
        text,
    }
}

/// The end of the summary an earlier Copy as Markdown wrote at `at` (after one blank line: a
/// quote block opening with `> **Readiness `), if there is one.
fn earlier_summary_end(src: &str, at: usize) -> Option<usize> {
    let rest = &src[at..];
    let blank = rest.len() - rest.trim_start_matches(['\r', '\n']).len();
    let mut pos = at + blank;
    if !src[pos..].starts_with("> **Readiness ") {
        return None;
    }
    while src[pos..].starts_with('>') {
        pos = src[pos..].find('\n').map_or(src.len(), |i| pos + i + 1);
    }
    Some(pos)
}

/// Where the summary goes: after the title's line (and a setext underline), else after a leading
/// metadata block, else at the top.
fn summary_at(checklist: &Checklist) -> usize {
    let src: &str = &checklist.source;
    let line_after = |at: usize| src[at..].find('\n').map_or(src.len(), |i| at + i + 1);
    if let Some(line) = checklist
        .title_section
        .map(|s| checklist.sections[s].line)
        .filter(|&l| l > 0)
    {
        let mut at = 0;
        for _ in 1..line {
            at = line_after(at);
        }
        let mut end = line_after(at);
        let next = src[end..].lines().next().unwrap_or("").trim();
        if !next.is_empty() && next.chars().all(|c| c == '=') {
            end = line_after(end);
        }
        return end;
    }
    if let Some(end) = checklist
        .title_html_end
        .filter(|&e| e <= src.len() && src.is_char_boundary(e))
    {
        return if src[..end].ends_with('\n') {
            end
        } else {
            line_after(end)
        };
    }
    match src.strip_prefix("---\n") {
        Some(rest) => rest.find("\n---\n").map_or(0, |i| 4 + i + 5),
        None => 0,
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
        let until = a
            .until
            .as_ref()
            .map(|u| format!(" until {}", inline_value(u)))
            .unwrap_or_default();
        notes.push(format!("{what}{until}: {}", inline_value(&a.reason)));
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
    // A sign-off line's state when someone signed it (one nobody signed is in the summary's
    // reasons, and its line stays as the file has it).
    if let Some(spec) = &it.signoff {
        if let Some(note) = signoff_note(answers, b, &it.id, &spec.role) {
            notes.push(note);
        }
    }
    notes
}

/// The note under a sign-off line someone signed: who, and whether it counts, from the line's
/// state.
fn signoff_note(answers: &Answers, b: &Breakdown, id: &str, role: &str) -> Option<String> {
    let state = b.signoffs.iter().find(|s| s.item == id).map(|s| &s.state);
    let record = state
        .and_then(LineState::record)
        .and_then(|k| answers.signoffs.get(k));
    Some(match (state, record) {
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
        _ => return None,
    })
}

/// The insertion of `notes` as a nested list under the item whose marker is at `marker`.
fn notes_after_item(src: &str, marker: usize, notes: &[String]) -> Edit {
    let line_start = src[..marker].rfind('\n').map_or(0, |p| p + 1);
    let at = after_item_text(src, marker);
    // Under the item's own children when it has some (at their indent, so they stay where they
    // are), else at its content's indent.
    let next = src[at..].lines().next().unwrap_or("");
    let next_indent = next.len() - next.trim_start().len();
    let item_indent = src[line_start..marker].len() - src[line_start..marker].trim_start().len();
    let is_list = |t: &str| {
        t.starts_with(['-', '*', '+'])
            || t.split_once(['.', ')'])
                .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    };
    let indent = if next_indent > item_indent && is_list(next.trim_start()) {
        next[..next_indent].to_string()
    } else {
        " ".repeat(src[line_start..marker].chars().count())
    };
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

/// A value written into a blank so it reads back as that blank, filled: `___value___` (shown
/// bold italic), its Markdown punctuation escaped. The parser's `filled_value` reads it.
fn filled(v: &str) -> String {
    let mut out = String::from("___");
    for c in v.split_whitespace().collect::<Vec<_>>().join(" ").chars() {
        if crate::domain::parser::FILLED_ESCAPED.contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out.push_str("___");
    out
}

/// Filled blanks written in place: `___value___` where the blank was (in text or an empty table
/// cell, the cell's padding kept where the value fits), a choice's boxes ticked. Only answers
/// that differ from what the checklist already says are written.
fn field_edits(checklist: &Checklist, answers: &Answers) -> Vec<Edit> {
    let src: &str = &checklist.source;
    let mut edits = Vec::new();
    for f in &checklist.fields {
        let (Some((start, end)), Some(v)) = (f.source, answers.fields.get(&f.id)) else {
            continue;
        };
        let v = v.trim();
        if end > src.len() || Some(v) == f.preset.as_deref() {
            continue;
        }
        if f.kind == FieldKind::Choice {
            // The chosen box ticked, the others cleared, each in place.
            for (text, at) in &f.choices {
                let Some(b) = src.get(*at..).and_then(|x| x.chars().next()) else {
                    continue;
                };
                let want = if text == v { "☑" } else { "☐" };
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
        let text = if f.preset.is_some() {
            // A filled blank, refilled or emptied.
            if v.is_empty() {
                "___".to_string()
            } else {
                filled(v)
            }
        } else if v.is_empty() {
            continue;
        } else if start == end
            && src[end..]
                .split('\n')
                .next()
                .unwrap_or("")
                .trim()
                .is_empty()
        {
            // A blank at a line's end (`- Product:`): the value after one space.
            format!(" {}", inline_value(v))
        } else if src[start..end].trim().is_empty() {
            // An empty cell keeps its width where the value fits.
            let value = filled(v);
            let (width, n) = (src[start..end].chars().count(), value.chars().count());
            format!(" {value}{}", " ".repeat(width.saturating_sub(n + 1).max(1)))
        } else {
            // Glued to a word (`v___`), underscores would not read as a blank: bold instead.
            let glued = src[..start]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
                || src[end..].chars().next().is_some_and(char::is_alphanumeric);
            if glued {
                format!("**{}**", inline_value(v))
            } else {
                filled(v)
            }
        };
        edits.push(Edit { start, end, text });
    }
    edits
}

/// The score table's score and weighted-score cells (and the total) written in, each in its own
/// cell's place (the padding around it kept).
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
    let text = |line: &str, (s, e): (usize, usize)| line[s..e].to_string();
    let mut edits = Vec::new();
    let mut k = 0;
    while k + 1 < lines.len() {
        if !(is_row(lines[k].1) && is_rule(lines[k + 1].1)) {
            k += 1;
            continue;
        }
        let header: Vec<String> = row_cells(lines[k].1)
            .into_iter()
            .map(|r| text(lines[k].1, r))
            .collect();
        let columns = score_columns(&header);
        let weighted = header
            .iter()
            .any(|h| h.trim().to_lowercase().starts_with("weight"));
        let mut j = k + 2;
        while j < lines.len() && is_row(lines[j].1) {
            let (start, line) = lines[j];
            let cells = row_cells(line);
            let label = cells.first().map(|&r| text(line, r)).unwrap_or_default();
            for (c, col) in columns.iter().enumerate() {
                let (Some(col), true) = (col, weighted) else {
                    continue;
                };
                if let (Some(v), Some(&(s, e))) = (score_cell(b, &label, *col), cells.get(c)) {
                    // A blank in the cell (`**___/10**`) takes the figure, the cell's own
                    // markup and unit kept; otherwise the cell's content is the figure.
                    let (s, e, v) = match line[s..e].find("___") {
                        Some(k) => {
                            let run = line[s + k..e].chars().take_while(|&c| c == '_').count();
                            let unit = line[s + k + run..e].trim_matches('*');
                            let v = v
                                .strip_suffix(unit)
                                .filter(|_| !unit.is_empty())
                                .unwrap_or(&v)
                                .to_string();
                            (s + k, s + k + run, v)
                        }
                        None => (s, e, v),
                    };
                    if line[s..e] != v {
                        edits.push(Edit {
                            start: start + s,
                            end: start + e,
                            text: v,
                        });
                    }
                }
            }
            j += 1;
        }
        k = j;
    }
    edits
}

/// The quoted score summary put after the title: score, verdict, each category, every NO-GO
/// reason.
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
