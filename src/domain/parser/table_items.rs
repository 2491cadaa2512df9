//! Tables read as checklists (issue 24): GitHub draws no checkbox inside a table, so teams write a
//! column of marks (`☐`, `☑`, `[ ]`, `[x]`, `✅`, `:white_check_mark:`) instead. Such a table becomes
//! one item per row: its text from the descriptive column, pre-checked where the mark says done,
//! the other columns as a line under it (an empty cell a field of the item), and the mark cell
//! kept so "Copy as Markdown" can tick it back in place. The page draws the rows as it draws any
//! task list; `lint` notes what it read and why.

use super::*;

/// What a mark cell says: done or not, and how it is written.
fn mark_of(text: &str) -> Option<(bool, MarkKind)> {
    match text.trim() {
        "☐" => Some((false, MarkKind::Glyph)),
        "☑" => Some((true, MarkKind::Glyph)),
        "[ ]" => Some((false, MarkKind::Bracket)),
        "[x]" | "[X]" => Some((true, MarkKind::Bracket)),
        "✅" => Some((true, MarkKind::Emoji)),
        ":white_check_mark:" => Some((true, MarkKind::Shortcode)),
        _ => None,
    }
}

/// What "Copy as Markdown" writes for an N/A: part of a mark column (read as open until status
/// words are read).
fn is_na(text: &str) -> bool {
    text.trim().eq_ignore_ascii_case("n/a")
}

/// Header words that name a column of marks even when most rows are still blank.
const MARK_HEADERS: &[&str] = &[
    "status",
    "done",
    "check",
    "checked",
    "complete",
    "completed",
];

/// Header words that name the column holding each row's text.
const TEXT_HEADERS: &[&str] = &["item", "check", "task", "requirement", "description"];

/// A table's columns as a checklist: its mark column and its text column.
pub(super) struct MarkColumns {
    mark: usize,
    text: usize,
    kind: MarkKind,
}

impl Builder<'_> {
    /// The mark and text columns of `t`, when it reads as a checklist: a column whose cells are all
    /// marks or empty, with marks in at least half its rows (or a header that names it), and a
    /// text column beside it.
    pub(super) fn mark_columns(
        t: &TableBuild,
        header_words: &[Vec<String>],
    ) -> Option<MarkColumns> {
        let text_of = |cell: &Cell| plain_text(&cell.0.spans);
        let columns = t.header.len();
        let mut found = None;
        for (c, words) in header_words.iter().enumerate().take(columns) {
            let cells: Vec<String> = t
                .rows
                .iter()
                .map(|r| r.get(c).map(text_of).unwrap_or_default())
                .collect();
            let marks: Vec<(bool, MarkKind)> = cells.iter().filter_map(|s| mark_of(s)).collect();
            let other = cells
                .iter()
                .filter(|s| !s.trim().is_empty() && mark_of(s).is_none() && !is_na(s))
                .count();
            let na = cells.iter().filter(|s| is_na(s)).count();
            let named = words
                .first()
                .is_some_and(|w| MARK_HEADERS.contains(&w.as_str()));
            if other == 0 && !marks.is_empty() && ((marks.len() + na) * 2 >= cells.len() || named) {
                found = Some((c, marks[0].1));
                break;
            }
        }
        let (mark, kind) = found?;
        let text = header_words
            .iter()
            .enumerate()
            .position(|(c, w)| {
                c != mark
                    && w.first()
                        .is_some_and(|w| TEXT_HEADERS.contains(&w.as_str()))
            })
            .or_else(|| {
                (0..columns).find(|&c| {
                    c != mark
                        && t.rows
                            .iter()
                            .filter(|r| r.get(c).is_some_and(|x| !text_of(x).trim().is_empty()))
                            .count()
                            * 2
                            > t.rows.len()
                })
            })?;
        Some(MarkColumns { mark, text, kind })
    }

    /// The rows of `t` as items under the current section, drawn as a task list.
    pub(super) fn table_as_items(
        &mut self,
        t: TableBuild,
        cols: MarkColumns,
        header_labels: &[String],
    ) {
        let section = self.current_section();
        let index = self.table_count - 1;
        let mut entries = Vec::with_capacity(t.rows.len());
        let mut count = 0;
        for (r, row) in t.rows.into_iter().enumerate() {
            let Some((text_buf, _)) = row.get(cols.text).cloned() else {
                continue;
            };
            if plain_text(&text_buf.spans).trim().is_empty() {
                continue;
            }
            let mark_buf = row.get(cols.mark).map(|c| c.0.clone()).unwrap_or_default();
            let mark_text = plain_text(&mark_buf.spans);
            let (checked, kind) = mark_of(&mark_text).unwrap_or((false, cols.kind));
            let at = text_buf.offsets.first().copied().unwrap_or(text_buf.start);
            // The mark's exact source range, so it can be written back in place.
            let (start, content_end) = cell_range(self.src, at, cols.mark).unwrap_or((at, at));
            let (line, column) = self.lines.position(at);
            let idx = self.items.len();
            self.items.push(Item {
                id: String::new(),
                section,
                parent: None,
                depth: 0,
                text: Vec::new(),
                plain: String::new(),
                prechecked: checked,
                severity: Severity::Normal,
                signoff: None,
                fields: Vec::new(),
                line,
                column,
                marker: start,
                row: Some(RowMark {
                    start,
                    end: content_end,
                    kind,
                }),
            });
            let row_label = plain_text(&text_buf.spans);
            self.set_item_text(idx, text_buf);
            count += 1;
            // The other columns: a line under the item, an empty cell a field of the item.
            let mut spans: Vec<Span> = Vec::new();
            for (c, (mut buf, end)) in row.into_iter().enumerate() {
                if c == cols.mark || c == cols.text {
                    continue;
                }
                let label = header_labels.get(c).cloned().unwrap_or_default();
                if !spans.is_empty() {
                    spans.push(text_span(" · "));
                }
                if !label.is_empty() {
                    spans.push(text_span(&format!("{label}: ")));
                }
                finish_spans(&mut buf.spans);
                if buf.spans.is_empty() {
                    let f =
                        self.cell_field(section, index, r, &row_label, &label, (buf.start, end));
                    if let SpanKind::Blank(fi) = f.kind {
                        self.fields[fi].item = Some(idx);
                        self.fields[fi].label = if label.is_empty() {
                            format!("column {}", c + 1)
                        } else {
                            label.clone()
                        };
                        self.items[idx].fields.push(fi);
                    }
                    spans.push(f);
                } else {
                    spans.extend(buf.spans);
                }
            }
            let blocks = if spans.is_empty() {
                Vec::new()
            } else {
                vec![Block::Paragraph { spans }]
            };
            entries.push(ListEntry {
                item: Some(idx),
                blocks,
            });
        }
        let mark_label = header_labels.get(cols.mark).cloned().unwrap_or_default();
        self.diag(
            Level::Note,
            t.start,
            format!(
                "table: {count} item{} from the mark column {mark_label:?}",
                if count == 1 { "" } else { "s" }
            ),
        );
        self.top().blocks.push(Block::List {
            start: None,
            entries,
        });
    }
}

fn text_span(text: &str) -> Span {
    Span {
        kind: SpanKind::Text,
        text: text.to_string(),
        style: Style::default(),
        href: None,
    }
}

/// The source range of cell `col` of the table row on the line holding `at`: its content without
/// the spaces around it, or, for an empty cell, the place after one space where content would go.
fn cell_range(src: &str, at: usize, col: usize) -> Option<(usize, usize)> {
    let line_start = src[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_end = src[at..].find('\n').map_or(src.len(), |i| at + i);
    let line = src[line_start..line_end].trim_end_matches('\r');
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
    let outer = bounds.first() == Some(&lead);
    let mut starts: Vec<usize> = Vec::new();
    if !outer {
        starts.push(0);
    }
    starts.extend(bounds.iter().map(|b| b + 1));
    let from = *starts.get(col)?;
    let to = bounds
        .iter()
        .copied()
        .find(|&b| b >= from)
        .unwrap_or(line.len());
    let cell = &line[from..to];
    let inner_start = from + (cell.len() - cell.trim_start().len());
    let inner_end = from + cell.trim_end().len();
    Some(if inner_start >= inner_end {
        let at = (from + 1).min(to);
        (line_start + at, line_start + at)
    } else {
        (line_start + inner_start, line_start + inner_end)
    })
}
