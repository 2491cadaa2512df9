//! Tables read as checklists (issue 24): GitHub draws no checkbox inside a table, so teams write a
//! column of marks (`☐`, `[x]`, `✅`) or status words (`Done`, `N/A`, `Waived`), level columns
//! (`L1`, `Level 2`) saying where a row is required, or leave an answer column empty. Such a table
//! becomes one item per row: its text from the descriptive column, its answer preset from the
//! status, note and evidence cells, the other columns as a line under it (an empty cell a field of
//! the item), and the mark cell kept so "Copy as Markdown" writes the answer back in place. Rows
//! naming a reviewer or approver are sign-off lines, a "sign-off date" row their date. The page
//! draws the rows as it draws any task list; `lint` notes what it read and why.

use super::blanks::signoff_role;
use super::table_cells::{cell_range, level_required, status_word};
use super::table_columns::Columns;
use super::*;

impl Builder<'_> {
    /// The rows of `t` as items under the current section (or the section its first header cell
    /// names), drawn as a task list.
    pub(super) fn table_as_items(&mut self, t: TableBuild, cols: Columns, labels: &[String]) {
        let outer = self.current_section();
        let opened = cols.section.clone().map(|title| {
            let level = (self.sections[outer].level + 1).clamp(2, 6);
            self.push_section(level, title, t.start)
        });
        let section = self.current_section();
        let index = self.table_count - 1;
        let mut entries: Vec<ListEntry> = Vec::with_capacity(t.rows.len());
        let (mut count, mut signoffs) = (0, 0);
        let mut counts = [0usize; 4];
        for (r, row) in t.rows.into_iter().enumerate() {
            let Some((text_buf, _)) = row.get(cols.text).cloned() else {
                continue;
            };
            let (text_buf, folded) = unfold_details(text_buf);
            let row_label = plain_text(&text_buf.spans);
            if row_label.trim().is_empty() {
                continue;
            }
            let at = text_buf.offsets.first().copied().unwrap_or(text_buf.start);
            let cell_text = |c: Option<usize>| {
                c.and_then(|c| row.get(c))
                    .map(|x| plain_text(&x.0.spans))
                    .unwrap_or_default()
            };
            // A "sign-off date" row right after a sign-off row is that line's date.
            let prev_signoff = entries
                .last()
                .and_then(|e| e.item)
                .filter(|&i| self.items[i].signoff.is_some());
            if let (Some(prev), true) = (prev_signoff, is_signoff_date_row(&row_label)) {
                self.signoff_date_row(prev, &row, &cols, (section, index, r, &row_label));
                if let Some(e) = entries.last_mut() {
                    let spans = self.items[prev]
                        .signoff
                        .as_ref()
                        .and_then(|s| s.date_field)
                        .map(|f| vec![Span::text(&format!("{row_label}: ")), Span::blank(f)]);
                    if let Some(spans) = spans {
                        e.blocks.push(Block::Paragraph { spans });
                    }
                }
                continue;
            }
            // The one rule for a line's role, as a record read without its template names it.
            let role = is_signoff_row(&row_label).then(|| signoff_role(&row_label));
            let mark_text = cell_text(cols.mark.map(|m| m.0));
            let (state, kind) = match cols.mark {
                Some((_, kind)) => status_word(&mark_text)
                    .map(|(s, k)| (s, if kind == MarkKind::Word { kind } else { k }))
                    .unwrap_or((PresetState::Open, kind)),
                None => (PresetState::Open, MarkKind::Absent),
            };
            let (line, column) = self.lines.position(at);
            let idx = self.items.len();
            let mut item = Item::at(section, at, line, column);
            // A sign-off line is ticked by a signature only, never by its row's mark.
            item.prechecked = state == PresetState::Done && role.is_none();
            // The header row and delimiter row starting at `at`: their ends.
            let head = |at: usize| {
                let next = self.src[at..]
                    .find('\n')
                    .map_or(self.src.len(), |i| at + i + 1);
                (line_end(self.src, at), line_end(self.src, next))
            };
            let (head_end, rule_end) = head(t.outer.unwrap_or(t.start));
            let cells = Some(RowCells {
                note: cols.note.and_then(|c| cell_range(self.src, at, c)),
                until: cols.until.and_then(|c| cell_range(self.src, at, c)),
                line_end: line_end(self.src, at),
                head_end,
                rule_end,
            });
            if let Some((m, _)) = cols.mark.filter(|_| role.is_none()) {
                if let Some((start, end)) = cell_range(self.src, at, m) {
                    item.marker = start;
                    item.row = Some(RowMark {
                        start,
                        end,
                        kind,
                        cells,
                    });
                }
            } else {
                item.row = Some(RowMark {
                    start: at,
                    end: at,
                    kind: MarkKind::Absent,
                    cells: role.is_none().then_some(cells).flatten(),
                });
            }
            // A sign-off row's other cells are its name, never a note or evidence.
            item.preset = match role {
                Some(_) => None,
                None => preset(
                    state,
                    cell_text(cols.note),
                    evidence_of(&row, cols.evidence),
                    cell_text(cols.until),
                ),
            };
            if let Some(u) = item.preset.as_ref().and_then(|p| p.until.as_deref()) {
                if crate::domain::text::time::parse_date(u).is_none() {
                    let message = format!(
                        "table: {u:?} in the end-date column is not a date (YYYY-MM-DD): this N/A or waiver counts as open"
                    );
                    self.diag(Level::Warning, at, message);
                }
            }
            if !cols.levels.is_empty() {
                let required = cols
                    .levels
                    .iter()
                    .filter(|(c, _)| level_required(&cell_text(Some(*c))))
                    .map(|(_, l)| l.clone())
                    .collect();
                item.levels = Some(required);
            }
            self.items.push(item);
            self.set_item_text(idx, text_buf);
            count += 1;
            counts[state as usize] += 1;
            // The other columns: a line under the item, an empty cell a field of the item.
            let mut spans: Vec<Span> = Vec::new();
            let skip = |c: usize| {
                c == cols.text
                    || (role.is_none()
                        && (Some(c) == cols.note
                            || Some(c) == cols.evidence
                            || Some(c) == cols.until))
                    || cols.levels.iter().any(|(l, _)| *l == c)
                    || (role.is_none() && cols.mark.is_some_and(|(m, _)| m == c))
            };
            for (c, (mut buf, end)) in row.into_iter().enumerate() {
                if skip(c) {
                    continue;
                }
                let label = labels.get(c).cloned().unwrap_or_default();
                finish_spans(&mut buf.spans);
                let is_mark = cols.mark.is_some_and(|(m, _)| m == c);
                if is_mark && !buf.spans.is_empty() {
                    continue;
                }
                // On a sign-off row, a note or evidence cell only matters holding its name.
                let aside = Some(c) == cols.note || Some(c) == cols.evidence;
                if aside && buf.spans.is_empty() {
                    continue;
                }
                if !spans.is_empty() {
                    spans.push(Span::text(" · "));
                }
                // A sign-off row's name, wherever its table keeps it, is shown as its name.
                let recorded_name = role.is_some() && aside && self.items[idx].fields.is_empty();
                let shown = if is_mark || recorded_name {
                    "Name".to_string()
                } else if Some(c) == cols.answer && label.is_empty() {
                    if role.is_some() {
                        "Name".to_string()
                    } else {
                        "Answer".to_string()
                    }
                } else {
                    label.clone()
                };
                if !shown.is_empty() {
                    spans.push(Span::text(&format!("{shown}: ")));
                }
                let named = if label.is_empty() { &shown } else { &label };
                let mut blank = self.cell_blank((section, index, r, &row_label), named, &buf, end);
                // A sign-off row that already names its signers (`Reviewer(s) | Done | alice@`):
                // the first such cell is the line's name, recorded in the checklist.
                if blank.is_none() && role.is_some() && self.items[idx].fields.is_empty() {
                    blank =
                        self.recorded_cell((section, index, r, &row_label), "Name", &buf, c, at);
                }
                if let Some(f) = blank {
                    if let SpanKind::Blank(fi) = f.kind {
                        self.fields[fi].item = Some(idx);
                        self.fields[fi].label = if shown.is_empty() {
                            format!("column {}", c + 1)
                        } else {
                            shown.clone()
                        };
                        self.items[idx].fields.push(fi);
                        if Some(c) == cols.answer && role.is_none() {
                            self.items[idx].answer = Some(fi);
                        }
                    }
                    spans.push(f);
                } else {
                    spans.extend(buf.spans);
                }
            }
            if let Some(role) = role {
                signoffs += 1;
                let name_field = self.items[idx].fields.first().copied();
                self.items[idx].signoff = Some(SignOffSpec {
                    role,
                    group: strip_symbols(&self.sections[section].title),
                    name_field,
                    date_field: None,
                });
            }
            let mut blocks = Vec::new();
            if !spans.is_empty() {
                blocks.push(Block::Paragraph { spans });
            }
            blocks.extend(folded);
            entries.push(ListEntry {
                item: Some(idx),
                blocks,
            });
        }
        let why = match cols.mark {
            Some((m, MarkKind::Word | MarkKind::YesNo)) => format!(
                "the status column {:?} ({} done, {} N/A, {} waived)",
                labels[m], counts[1], counts[2], counts[3]
            ),
            Some((m, _)) => format!("the mark column {:?}", labels[m]),
            None => match cols.answer {
                Some(a) if labels[a].trim().is_empty() => "the empty answer column".to_string(),
                Some(a) => format!("the empty answer column {:?}", labels[a]),
                None => "its level columns".to_string(),
            },
        };
        let mut message = format!("table: {count} item{} from {why}", plural(count));
        if !cols.levels.is_empty() {
            let names: Vec<String> = cols.levels.iter().map(|(_, l)| format!("{l:?}")).collect();
            message.push_str(&format!(", required by level {}", names.join(", ")));
        }
        if signoffs > 0 {
            message.push_str(&format!(", {signoffs} sign-off line{}", plural(signoffs)));
        }
        if let Some(title) = &cols.section {
            message.push_str(&format!(
                ", in the section {title:?} its first header cell names"
            ));
        }
        // What Copy as Markdown adds where the table has no cell for an answer.
        let added: Vec<&str> = [
            (cols.mark.is_none(), "Status"),
            (cols.note.is_none(), "Notes"),
        ]
        .iter()
        .filter(|(no_cell, _)| *no_cell)
        .map(|(_, name)| *name)
        .collect();
        if !added.is_empty() && count > signoffs {
            let names: Vec<String> = added.iter().map(|n| format!("{n:?}")).collect();
            let columns = match names.as_slice() {
                [one] => format!("a {one} column"),
                _ => format!("{} columns", names.join(" and ")),
            };
            message.push_str(&format!(
                "; Copy as Markdown adds {columns} for answers with no cell"
            ));
        }
        self.diag(Level::Note, t.start, message);
        for (_, l) in &cols.levels {
            if !self.levels.contains(l) {
                self.levels.push(l.clone());
            }
        }
        self.top().blocks.push(Block::List {
            start: None,
            entries,
        });
        if let Some(s) = opened {
            // The table's section ends with the table.
            self.open_sections.retain(|&x| x != s);
        }
    }

    /// A "sign-off date" row: its first empty cell (other than its text) is the date field of the
    /// sign-off line `item` above it.
    fn signoff_date_row(
        &mut self,
        item: ItemIdx,
        row: &[Cell],
        cols: &Columns,
        (section, table, r, label): (SectionIdx, usize, usize, &str),
    ) {
        // A date the row already holds (recorded in the checklist), else its first blank cell.
        let at = row
            .get(cols.text)
            .map(|(b, _)| b.offsets.first().copied().unwrap_or(b.start))
            .unwrap_or(0);
        let place = (section, table, r, label);
        let recorded = row
            .iter()
            .enumerate()
            .filter(|(c, (b, _))| *c != cols.text && !b.spans.is_empty())
            .find_map(|(c, (buf, _))| match self.lone_filled(buf) {
                Some(_) => None,
                None => self.recorded_cell(place, "Date", buf, c, at),
            });
        let Some(f) = recorded.or_else(|| {
            row.iter()
                .enumerate()
                .filter(|(c, _)| *c != cols.text)
                .find_map(|(_, (buf, end))| self.cell_blank(place, "Date", buf, *end))
        }) else {
            return;
        };
        if let SpanKind::Blank(fi) = f.kind {
            self.fields[fi].item = Some(item);
            self.fields[fi].kind = FieldKind::Date;
            self.fields[fi].label = "Date".to_string();
            self.items[item].fields.push(fi);
            if let Some(s) = self.items[item].signoff.as_mut() {
                s.date_field = Some(fi);
            }
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// The preset answer of a row, `None` when it says no more than open or done. An end date
/// (`until`) belongs to an N/A or waiver only.
fn preset(
    state: PresetState,
    note: String,
    evidence: Vec<String>,
    until: String,
) -> Option<Box<Preset>> {
    let na = matches!(state, PresetState::Na | PresetState::Waived);
    let note = note.trim().to_string();
    if !na && note.is_empty() && evidence.is_empty() {
        return None;
    }
    let (mut reason, note) = if na {
        (note, String::new())
    } else {
        (String::new(), note)
    };
    // Where a table has no end-date column, the reason may hold it: `… (until 2027-01-31)`
    // (what Copy as Markdown writes there).
    let mut until = until.trim().to_string();
    if until.is_empty() {
        if let Some(at) = reason.rfind(" (until ") {
            let rest = &reason[at + " (until ".len()..];
            if let Some(end) = rest.find(')') {
                until = rest[..end].to_string();
                reason = format!("{}{}", &reason[..at], &rest[end + 1..]);
            }
        }
    }
    Some(Box::new(Preset {
        state,
        reason,
        note,
        evidence,
        until: Some(until).filter(|u| na && !u.is_empty()),
    }))
}

/// The end of the line holding byte `at` (before its line break, `\r` included).
fn line_end(src: &str, at: usize) -> usize {
    let at = at.min(src.len());
    let end = src[at..].find('\n').map_or(src.len(), |i| at + i);
    if end > at && src.as_bytes()[end - 1] == b'\r' {
        end - 1
    } else {
        end
    }
}

/// An evidence cell's link targets, or its text when it has none.
fn evidence_of(row: &[Cell], col: Option<usize>) -> Vec<String> {
    let Some((buf, _)) = col.and_then(|c| row.get(c)) else {
        return Vec::new();
    };
    let mut links: Vec<String> = Vec::new();
    for s in &buf.spans {
        if let Some(h) = &s.href {
            if !links.contains(h) {
                links.push(h.clone());
            }
        }
    }
    if links.is_empty() {
        let text = plain_text(&buf.spans);
        if !text.trim().is_empty() {
            links.push(text.trim().to_string());
        }
    }
    links
}

/// Whether a row names a sign-off: "Reviewer(s)", "Approved by", "Signed off by".
fn is_signoff_row(label: &str) -> bool {
    let words = name_words(label);
    let w: Vec<&str> = words.iter().map(String::as_str).collect();
    match w.as_slice() {
        ["reviewer" | "reviewers" | "approver" | "approvers"]
        | ["reviewer" | "approver", "s"]
        | ["reviewed" | "approved", "by"] => true,
        ["signoff" | "signed" | "sign", ..] => !w.contains(&"date"),
        _ => false,
    }
}

/// Whether a row is a sign-off line's date: "Signoff date", "Sign-off date", "Approval date",
/// "Date".
fn is_signoff_date_row(label: &str) -> bool {
    let words = name_words(label);
    words.last().is_some_and(|w| w == "date")
        && words.len() <= 3
        && words.iter().all(|w| {
            matches!(
                w.as_str(),
                "date" | "signoff" | "sign" | "off" | "signed" | "approval" | "review" | "reviewed"
            )
        })
}

/// A cell holding `<details><summary>Title</summary>body</details>`: the title is the item's
/// text, the body a paragraph folded under it.
fn unfold_details(buf: InlineBuf) -> (InlineBuf, Vec<Block>) {
    let is =
        |s: &Span, tag: &str| s.kind == SpanKind::Html && s.text.trim().eq_ignore_ascii_case(tag);
    let Some(open) = buf.spans.iter().position(|s| is(s, "<summary>")) else {
        return (buf, Vec::new());
    };
    let Some(close) = buf.spans.iter().position(|s| is(s, "</summary>")) else {
        return (buf, Vec::new());
    };
    if close < open {
        return (buf, Vec::new());
    }
    let mut title = InlineBuf {
        spans: buf.spans[open + 1..close].to_vec(),
        offsets: buf
            .offsets
            .get(open + 1..close)
            .unwrap_or_default()
            .to_vec(),
        start: buf.start,
    };
    finish_spans(&mut title.spans);
    let mut body: Vec<Span> = buf.spans[close + 1..]
        .iter()
        .filter(|s| !(s.kind == SpanKind::Html && s.text.trim().starts_with('<')))
        .cloned()
        .collect();
    finish_spans(&mut body);
    let folded = if body.is_empty() {
        Vec::new()
    } else {
        vec![Block::Paragraph { spans: body }]
    };
    (title, folded)
}
