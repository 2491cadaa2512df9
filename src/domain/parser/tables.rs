//! Tables: GitHub tables become table blocks with empty cells as fields; a score table (Category |
//! Weight) gives the weighted categories, matched to sections by name once every heading is known,
//! and a `Minimum Score ...: 8.0/10` line the threshold.

use super::table_cells::{cell_range, status_word};
use super::*;

impl TableBuild {
    /// A table starting at `at` with these column alignments.
    pub(super) fn new(aligns: &[Alignment], at: usize) -> Self {
        let align = aligns
            .iter()
            .map(|a| match a {
                Alignment::None => Align::None,
                Alignment::Left => Align::Left,
                Alignment::Center => Align::Center,
                Alignment::Right => Align::Right,
            })
            .collect();
        TableBuild {
            align,
            header: Vec::new(),
            rows: Vec::new(),
            row: Vec::new(),
            start: at,
            outer: None,
        }
    }
}

impl Builder<'_> {
    /// The weighted categories of a score table (`wc` is its weight column): one per row but the
    /// total, with an error for a weight that is not a percentage.
    fn read_score_rows(&mut self, t: &TableBuild, wc: usize, header_words: &[Vec<String>]) {
        let text_of = |cell: &Cell| plain_text(&cell.0.spans);
        if self.score_table_at.is_none() {
            self.score_table_at = Some(self.lines.position(t.start));
        }
        let name_col = header_words
            .iter()
            .position(|w| {
                matches!(
                    w.first().map(String::as_str),
                    Some("category" | "categories" | "area" | "section")
                )
            })
            .unwrap_or(0);
        for row in &t.rows {
            let name = row.get(name_col).map(text_of).unwrap_or_default();
            let words = name_words(&name);
            if words.is_empty() || words == ["total"] {
                continue;
            }
            let offset = row
                .get(name_col)
                .and_then(|(b, _)| b.offsets.first().copied())
                .unwrap_or(t.start);
            let weight_text = row.get(wc).map(text_of).unwrap_or_default();
            match parse_number(weight_text.trim().trim_end_matches('%').trim()) {
                Some(w) if w >= 0.0 => {
                    let (line, column) = self.lines.position(offset);
                    self.raw_categories.push(RawCategory {
                        name: strip_symbols(&name),
                        weight: w,
                        line,
                        column,
                    });
                }
                _ => self.diag(
                    Level::Error,
                    offset,
                    format!("score table row {name:?}: weight {weight_text:?} is not a percentage"),
                ),
            }
        }
    }

    pub(super) fn finish_table(&mut self) {
        let Some(t) = self.table.take() else {
            return;
        };
        // A delimiter row inside the body (`|---|---|`) makes the row above it a second header:
        // each part is read as a table of its own (so its rows can be items under its header).
        let parts = split_at_inner_rules(t);
        if parts.len() > 1 {
            let (line, column) = self.lines.position(parts[1].start);
            self.diags.push(Diagnostic {
                level: Level::Note,
                line,
                column,
                message: format!(
                    "a delimiter row inside a table: the row above it is a header, and the table is read as {} tables",
                    parts.len()
                ),
            });
        }
        for part in parts {
            self.finish_one_table(part);
        }
    }

    /// One table (or one part of a table split at its inner delimiter rows).
    fn finish_one_table(&mut self, t: TableBuild) {
        let index = self.table_count;
        self.table_count += 1;
        let text_of = |cell: &Cell| plain_text(&cell.0.spans);
        let header_labels: Vec<String> = t.header.iter().map(text_of).collect();
        let header_words: Vec<Vec<String>> = header_labels.iter().map(|h| name_words(h)).collect();
        let weight_col = header_words
            .iter()
            .position(|w| w.first().map(String::as_str) == Some("weight"));
        let score_table = weight_col.is_some();
        if let Some(wc) = weight_col {
            self.read_score_rows(&t, wc, &header_words);
        }
        if !score_table && !t.rows.is_empty() {
            if let Some(cols) = self.table_columns(&t, &header_labels, &header_words) {
                self.table_as_items(t, cols, &header_labels);
                return;
            }
        }
        let section = self.current_section();
        let header = t
            .header
            .into_iter()
            .map(|(mut buf, _)| {
                finish_spans(&mut buf.spans);
                buf.spans
            })
            .collect();
        let mut rows = Vec::with_capacity(t.rows.len());
        for (r, row) in t.rows.into_iter().enumerate() {
            let row_label = row.first().map(text_of).unwrap_or_default();
            let mut cells = Vec::with_capacity(row.len());
            for (c, (mut buf, end)) in row.into_iter().enumerate() {
                finish_spans(&mut buf.spans);
                if score_table {
                    cells.push(buf.spans);
                    continue;
                }
                let column = header_labels.get(c).cloned().unwrap_or_default();
                let blank = (c > 0)
                    .then(|| self.cell_blank((section, index, r, &row_label), &column, &buf, end))
                    .flatten();
                if let Some(blank) = blank {
                    cells.push(vec![blank]);
                } else {
                    let prefix = format!("{row_label} {column}").trim().to_string();
                    cells.push(self.split_blanks(buf, section, None, Some(&prefix)));
                }
            }
            rows.push(cells);
        }
        self.top().blocks.push(Block::Table {
            index,
            align: t.align,
            header,
            rows,
            score_table,
        });
    }

    /// An empty body cell (contacts tables) becomes a text field labelled by its row and column.
    /// The blank of a table cell, if the cell is one: empty, or holding only a filled blank
    /// (`___Dana___`, its value kept as the field's own). The same field either way, so a cell
    /// written back reads as the blank it was.
    pub(super) fn cell_blank(
        &mut self,
        (section, table, row, row_label): (SectionIdx, usize, usize, &str),
        column: &str,
        buf: &InlineBuf,
        end: usize,
    ) -> Option<Span> {
        let (range, preset) = match self.lone_filled(buf) {
            Some((s, e, value)) => ((s, e), Some(value)),
            None if buf.spans.is_empty() => ((buf.start, end), None),
            None => return None,
        };
        let span = self.cell_field(section, table, row, row_label, column, range);
        if let SpanKind::Blank(f) = span.kind {
            self.fields[f].preset = preset;
        }
        Some(span)
    }

    /// A table cell that already holds a sign-off line's name or date as text: the line's field,
    /// its text the field's own value (recorded in the checklist, never a signature). `at` is an
    /// offset on the row's line, `col` the cell's column.
    pub(super) fn recorded_cell(
        &mut self,
        (section, table, row, row_label): (SectionIdx, usize, usize, &str),
        column: &str,
        buf: &InlineBuf,
        col: usize,
        at: usize,
    ) -> Option<Span> {
        let text = plain_text(&buf.spans);
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if text.is_empty() || status_word(&text).is_some() {
            return None;
        }
        let range = cell_range(self.src, at, col)?;
        let span = self.cell_field(section, table, row, row_label, column, range);
        if let SpanKind::Blank(f) = span.kind {
            self.fields[f].preset = Some(text);
        }
        Some(span)
    }

    pub(super) fn cell_field(
        &mut self,
        section: SectionIdx,
        table: usize,
        row: usize,
        row_label: &str,
        column: &str,
        range: (usize, usize),
    ) -> Span {
        let (line, col) = self.lines.position(range.0);
        let label = format!("{row_label} — {column}")
            .trim_matches(|c: char| c == ' ' || c == '—')
            .to_string();
        let f = self.fields.len();
        self.fields.push(Field {
            id: String::new(),
            label,
            unit: None,
            kind: FieldKind::Text,
            item: None,
            section,
            line,
            column: col,
            source: Some(range),
            choices: Vec::new(),
            preset: None,
        });
        let row_slug = match slug_truncated(row_label, 40) {
            s if s.is_empty() => format!("row-{}", row + 1),
            s => s,
        };
        self.cell_ids.insert(
            f,
            format!("table-{table}/{row_slug}/{}", slug_truncated(column, 40)),
        );
        Span {
            kind: SpanKind::Blank(f),
            text: String::new(),
            style: Style::default(),
            href: None,
        }
    }

    pub(super) fn scan_threshold(&mut self, plain: &str) {
        if self.threshold.is_some() {
            return;
        }
        let lower = plain.to_lowercase();
        let Some(i) = lower.find("minimum score") else {
            return;
        };
        let rest = &lower[i + "minimum score".len()..];
        let Some(d) = rest.find(|c: char| c.is_ascii_digit()) else {
            return;
        };
        let num: String = rest[d..]
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        let after = &rest[d + num.len()..];
        if let Some(v) = parse_number(num.trim_end_matches('.')) {
            let v = if after.starts_with('%') { v / 10.0 } else { v };
            if (0.0..=10.0).contains(&v) {
                self.threshold = Some((v * 100.0).round() as u32);
            }
        }
    }

    /// Maps score-table categories and `weight=` directives to sections.
    pub(super) fn map_categories(&mut self) -> Vec<Category> {
        let section_words: Vec<Vec<String>> =
            self.sections.iter().map(|s| name_words(&s.title)).collect();
        let mut categories = Vec::new();
        let raw = std::mem::take(&mut self.raw_categories);
        for rc in raw {
            let words = name_words(&rc.name);
            let mut best: Option<crate::domain::text::NameMatch> = None;
            let mut matched = Vec::new();
            for (s, sw) in section_words.iter().enumerate().skip(1) {
                if let Some(m) = match_name(&words, sw) {
                    match best {
                        Some(b) if m < b => {}
                        Some(b) if m == b => matched.push(s),
                        _ => {
                            best = Some(m);
                            matched = vec![s];
                        }
                    }
                }
            }
            // Keep the outermost of nested matches (a subsection is already included).
            let all = matched.clone();
            matched.retain(|&s| !all.iter().any(|&o| o != s && within(&self.sections, s, o)));
            if matched.is_empty() {
                self.diags.push(Diagnostic {
                    level: Level::Error,
                    line: rc.line,
                    column: rc.column,
                    message: format!(
                        "score category {:?} matches no section heading; its {}% cannot be scored",
                        rc.name, rc.weight
                    ),
                });
            }
            categories.push(Category {
                name: rc.name,
                weight: rc.weight,
                sections: matched,
            });
        }
        // `weight=` directives: set the weight of the category owning the section, or add one.
        for s in 1..self.sections.len() {
            let Some(w) = self.sections[s].weight_directive else {
                continue;
            };
            match categories.iter_mut().find(|c| c.sections.contains(&s)) {
                Some(c) => c.weight = w,
                None => categories.push(Category {
                    name: strip_symbols(&self.sections[s].title),
                    weight: w,
                    sections: vec![s],
                }),
            }
        }
        let total: f64 = categories.iter().map(|c| c.weight).sum();
        if !categories.is_empty() && (total - 100.0).abs() > 0.01 {
            let (line, column) = self.score_table_at.unwrap_or((1, 1));
            self.diags.push(Diagnostic {
                level: Level::Warning,
                line,
                column,
                message: format!(
                    "score weights add up to {total}%, not 100%; each is taken relative to the total"
                ),
            });
        }
        categories
    }

    pub(super) fn unweighted_diagnostics(&mut self, categories: &[Category]) {
        if categories.is_empty() {
            return;
        }
        let mut counts: Vec<usize> = vec![0; self.sections.len()];
        for it in &self.items {
            if it.signoff.is_none() && self.sections[it.section].kind == SectionKind::Readiness {
                let covered = categories.iter().any(|c| {
                    c.sections
                        .iter()
                        .any(|&cs| within(&self.sections, it.section, cs))
                });
                if !covered {
                    counts[it.section] += 1;
                }
            }
        }
        for (s, &n) in counts.iter().enumerate() {
            if n > 0 {
                let title = if s == 0 {
                    "(before the first heading)".to_string()
                } else {
                    self.sections[s].title.clone()
                };
                self.diags.push(Diagnostic {
                    level: Level::Warning,
                    line: self.sections[s].line.max(1),
                    column: 1,
                    message: format!(
                        "section {title:?} has {n} readiness item{} in no score category; they are tracked but not scored",
                        if n == 1 { "" } else { "s" }
                    ),
                });
            }
        }
    }
}

/// Raw score-table row, mapped to sections once all headings are known.
pub(super) struct RawCategory {
    pub(super) name: String,
    pub(super) weight: f64,
    pub(super) line: usize,
    pub(super) column: usize,
}

/// A table cell's content and the end of its source range.
pub(super) type Cell = (InlineBuf, usize);

pub(super) struct TableBuild {
    pub(super) align: Vec<Align>,
    pub(super) header: Vec<Cell>,
    pub(super) rows: Vec<Vec<Cell>>,
    pub(super) row: Vec<Cell>,
    pub(super) start: usize,
    /// For a part of a table split at an inner delimiter row: where the table's own header row
    /// starts (the GFM header, which an added column must name).
    pub(super) outer: Option<usize>,
}

impl Builder<'_> {
    /// A paragraph of lines written like table rows (`| a | b |`) that GFM reads as text (no
    /// header and delimiter row right above them, often after a blank line): lint says so and
    /// why, since their rows are neither items nor a table.
    pub(super) fn pipe_lines_as_text(&mut self, range: std::ops::Range<usize>) {
        let Some(text) = self.src.get(range.clone()) else {
            return;
        };
        let rows = text
            .lines()
            .filter(|l| {
                let t = l.trim();
                t.len() > 1 && t.starts_with('|') && t[1..].contains('|')
            })
            .count();
        if rows == 0 {
            return;
        }
        let message = format!(
            "{rows} line{} written like table rows {} read as text: a GFM table needs a header row and a delimiter row (`|---|---|`) right above its rows, with no blank line between",
            if rows == 1 { "" } else { "s" },
            if rows == 1 { "is" } else { "are" },
        );
        self.diag(Level::Warning, range.start, message);
    }
}

/// Whether a body row is a delimiter row (`|---|:---:|`): its cells dashes (colons allowed at
/// their ends), but for empty ones at its end (GFM fills a short row's missing cells).
fn is_rule_row(row: &[Cell]) -> bool {
    let dashes = |t: &str| {
        let t = t.trim().trim_matches(':');
        t.len() >= 3 && t.chars().all(|c| c == '-')
    };
    // Most rows fail on their first cell, before any other is looked at.
    let mut seen_empty = false;
    let mut any = false;
    for (buf, _) in row {
        let t = plain_text(&buf.spans);
        if t.trim().is_empty() {
            seen_empty = true;
        } else if seen_empty || !dashes(&t) {
            return false;
        } else {
            any = true;
        }
    }
    any
}

/// A table cut at each delimiter row inside its body: the row above such a row is the next
/// part's header (and starts it), the delimiter row itself is dropped.
fn split_at_inner_rules(t: TableBuild) -> Vec<TableBuild> {
    if !t.rows.iter().skip(1).any(|r| is_rule_row(r)) {
        return vec![t];
    }
    let row_start = |row: &[Cell]| row.first().map_or(0, |(b, _)| b.start);
    let mut parts = Vec::new();
    let mut current = TableBuild {
        align: t.align.clone(),
        header: t.header,
        rows: Vec::new(),
        row: Vec::new(),
        start: t.start,
        outer: None,
    };
    for row in t.rows {
        if is_rule_row(&row) && !current.rows.is_empty() {
            let header = current.rows.pop().unwrap_or_default();
            let start = row_start(&header).max(current.start);
            let done = std::mem::replace(
                &mut current,
                TableBuild {
                    align: t.align.clone(),
                    header,
                    rows: Vec::new(),
                    row: Vec::new(),
                    start,
                    outer: Some(t.start),
                },
            );
            // A part with no rows (the first header right above a delimiter row) stays, as a
            // plain table of its header.
            parts.push(done);
            continue;
        }
        current.rows.push(row);
    }
    parts.push(current);
    parts
}

/// Parses a plain decimal number (`8`, `8.5`, `12.25`).
pub(crate) fn parse_number(s: &str) -> Option<f64> {
    let s = s.trim();
    if s.is_empty()
        || !s.chars().all(|c| c.is_ascii_digit() || c == '.')
        || s.matches('.').count() > 1
    {
        return None;
    }
    s.parse::<f64>().ok().filter(|v| v.is_finite())
}
