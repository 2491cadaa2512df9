//! Lines outside task lists that real teams write as form parts (issue 24): a line of `☐` choices
//! is one single-choice field; `**<Role> Signature**: ___` (with `Date: ___` beside or below it)
//! is a sign-off line; and under an Approval / Sign-off heading, a bullet naming a role with a
//! colon and nothing after (`- Product:`) is a sign-off line for that role.

use super::*;

/// The boxes a choice line is written with.
const BOXES: [char; 3] = ['☐', '☑', '☒'];

impl Builder<'_> {
    /// A plain paragraph's spans (blanks already fields) made into the form parts above when it
    /// holds any. Returns the spans back when it does not.
    pub(super) fn form_lines(&mut self, spans: Vec<Span>, start: usize) -> Option<Vec<Span>> {
        let spans = self.choice_fields(spans, start);
        let section = self.current_section();
        let plain = plain_text(&spans);
        let in_plain_entry = matches!(
            self.top().kind,
            FrameKind::Entry {
                item: None,
                awaiting_text: _
            }
        );
        if in_plain_entry && self.signoff_ancestor(section).is_some() {
            let words = plain.trim_end_matches(':').split_whitespace().count();
            let role_only = plain.ends_with(':') && (1..=5).contains(&words);
            // `- Date:` after role lines is the date of the list's sign-offs, not a role.
            if role_only
                && plain
                    .trim_end_matches(':')
                    .trim()
                    .eq_ignore_ascii_case("date")
            {
                if let Some(spans) = self.list_date(spans.clone(), start) {
                    return Some(spans);
                }
            }
            let with_blank = spans.iter().any(|s| matches!(s.kind, SpanKind::Blank(_)));
            if role_only || (with_blank && plain.contains(':')) {
                let idx = self.line_item(spans, start, role_only);
                if let FrameKind::Entry { item, .. } = &mut self.top().kind {
                    *item = Some(idx);
                }
                return None;
            }
        }
        if !contains_ascii_ci(&plain, "signature") {
            return Some(spans);
        }
        let lines = split_lines(spans);
        if !lines.iter().any(|l| is_signature_line(l)) {
            return Some(lines.join(&Span::soft_break()));
        }
        let mut entries: Vec<ListEntry> = Vec::new();
        let mut text: Vec<Vec<Span>> = Vec::new();
        for line in lines {
            let last = entries.last().and_then(|e| e.item);
            if is_signature_line(&line) {
                self.flush_lines(&mut text, &mut entries);
                let at = self.offset_of(&line, start);
                let idx = self.line_item(line, at, false);
                entries.push(ListEntry {
                    item: Some(idx),
                    blocks: Vec::new(),
                });
            } else if let (Some(i), Some(f)) = (last, date_blank(&line, &self.fields)) {
                self.fields[f].item = Some(i);
                self.items[i].fields.push(f);
                if let Some(s) = self.items[i].signoff.as_mut() {
                    s.date_field.get_or_insert(f);
                }
                if let Some(e) = entries.last_mut() {
                    e.blocks.push(Block::Paragraph { spans: line });
                }
            } else {
                text.push(line);
            }
        }
        self.flush_lines(&mut text, &mut entries);
        None
    }

    /// `- Date:` in a list of sign-off lines (`- Engineering:`, `- Product:`, `- Date:`): a date
    /// field after its colon, the date of each line above it in the list that has none (owned by
    /// the last, so it is a sign-off line's blank, never content a signature covers). `None` when
    /// no sign-off line precedes it.
    fn list_date(&mut self, mut spans: Vec<Span>, at: usize) -> Option<Vec<Span>> {
        let depth = self.frames.len();
        let list = depth.checked_sub(2).map(|k| &self.frames[k])?;
        let lines: Vec<ItemIdx> = list
            .entries
            .iter()
            .filter_map(|e| e.item)
            .filter(|&i| {
                self.items[i]
                    .signoff
                    .as_ref()
                    .is_some_and(|s| s.date_field.is_none())
            })
            .collect();
        let last = *lines.last()?;
        let end = self.src[at..]
            .find(':')
            .map_or(at, |k| at + k + 1)
            .min(self.src.len());
        let (line, column) = self.lines.position(end);
        let f = self.fields.len();
        self.fields.push(Field {
            id: String::new(),
            label: "Date".to_string(),
            unit: None,
            kind: FieldKind::Date,
            item: Some(last),
            section: self.current_section(),
            line,
            column,
            source: Some((end, end)),
            choices: Vec::new(),
            preset: None,
        });
        for i in lines {
            if let Some(s) = self.items[i].signoff.as_mut() {
                s.date_field = Some(f);
            }
        }
        self.items[last].fields.push(f);
        spans.push(Span::text(" "));
        spans.push(Span::blank(f));
        Some(spans)
    }

    /// Lines of text between sign-off lines: a paragraph after the list so far.
    fn flush_lines(&mut self, text: &mut Vec<Vec<Span>>, entries: &mut Vec<ListEntry>) {
        if !entries.is_empty() {
            let list = Block::List {
                start: None,
                entries: std::mem::take(entries),
            };
            self.top().blocks.push(list);
        }
        if !text.is_empty() {
            let spans = std::mem::take(text).join(&Span::soft_break());
            self.top().blocks.push(Block::Paragraph { spans });
        }
    }

    /// Where a line's text starts in the source (its first text span found after `start`).
    fn offset_of(&self, line: &[Span], start: usize) -> usize {
        line.iter()
            .find(|s| s.kind == SpanKind::Text && !s.text.trim().is_empty())
            .and_then(|s| self.src.get(start..)?.find(s.text.trim()))
            .map_or(start, |k| start + k)
    }

    /// A sign-off item with no checkbox in the source: the line's text, its blanks its fields (the
    /// first the signer's name, a `Date:` one the date). `role_only` (`- Product:`) gives it a
    /// name field of its own, written after the colon.
    fn line_item(&mut self, spans: Vec<Span>, at: usize, role_only: bool) -> ItemIdx {
        let section = self.current_section();
        let (line, column) = self.lines.position(at);
        let idx = self.items.len();
        let mut item = Item::at(section, at, line, column);
        item.row = Some(RowMark {
            start: at,
            end: at,
            kind: MarkKind::Absent,
            cells: None,
        });
        let mut spans = spans;
        if role_only {
            // The name goes right after the colon.
            let end = self.src[at..]
                .find(':')
                .map_or(at, |k| at + k + 1)
                .min(self.src.len());
            let (l, c) = self.lines.position(end);
            let f = self.fields.len();
            self.fields.push(Field {
                id: String::new(),
                label: "Name".to_string(),
                unit: None,
                kind: FieldKind::Text,
                item: Some(idx),
                section,
                line: l,
                column: c,
                source: Some((end, end)),
                choices: Vec::new(),
                preset: None,
            });
            spans.push(Span::text(" "));
            spans.push(Span::blank(f));
        }
        let plain = plain_text(&spans);
        let fields = blanks(&spans);
        for &f in &fields {
            self.fields[f].item = Some(idx);
        }
        item.signoff = self.signoff_spec(section, &fields, &plain, true);
        item.text = spans;
        item.plain = plain;
        item.fields = fields;
        self.items.push(item);
        idx
    }

    /// Each line of `☐` choices (two or more boxes) becomes one single-choice field: the text
    /// before the first box its label, the text after each box a choice.
    fn choice_fields(&mut self, spans: Vec<Span>, start: usize) -> Vec<Span> {
        if !spans
            .iter()
            .any(|s| s.kind == SpanKind::Text && s.text.matches(BOXES).count() >= 2)
        {
            return spans;
        }
        let section = self.current_section();
        let mut out = Vec::with_capacity(spans.len());
        let mut from = start;
        for s in spans {
            let Some(first) = s.text.find(BOXES).filter(|_| s.kind == SpanKind::Text) else {
                out.push(s);
                continue;
            };
            if s.text.matches(BOXES).count() < 2 {
                out.push(s);
                continue;
            }
            let before = &s.text[..first];
            let rest = &s.text[first..];
            let base = self
                .src
                .get(from..)
                .and_then(|x| x.find(rest))
                .map(|k| from + k);
            let mut choices = Vec::new();
            // The box the checklist already ticks (`☑ yes ☐ no`) is the choice's own value.
            let mut ticked = None;
            for (k, part) in rest.match_indices(BOXES) {
                let after = &rest[k + part.len()..];
                let end = after.find(BOXES).unwrap_or(after.len());
                let text = after[..end].trim().to_string();
                if part != "☐" && ticked.is_none() && !text.is_empty() {
                    ticked = Some(text.clone());
                }
                if !text.is_empty() {
                    choices.push((text, base.map_or(0, |b| b + k)));
                }
            }
            if let Some(b) = base {
                from = b + rest.len();
            }
            let label = super::blanks::clean_label(before);
            let at = base.unwrap_or(start);
            let (line, column) = self.lines.position(at);
            let f = self.fields.len();
            self.fields.push(Field {
                id: String::new(),
                label: if label.is_empty() {
                    "Choice".to_string()
                } else {
                    label
                },
                unit: None,
                kind: FieldKind::Choice,
                item: None,
                section,
                line,
                column,
                source: base.map(|b| (b, b + rest.len())),
                choices,
                preset: ticked,
            });
            if !before.is_empty() {
                out.push(Span {
                    text: before.to_string(),
                    ..s.clone()
                });
            }
            out.push(Span {
                kind: SpanKind::Blank(f),
                text: String::new(),
                ..s
            });
        }
        out
    }
}

/// Whether a line is `<Role> Signature: ___`: the word before its first blank's colon.
fn is_signature_line(line: &[Span]) -> bool {
    let plain = plain_text(line);
    let Some(head) = plain.split("___").next().filter(|_| plain.contains("___")) else {
        return false;
    };
    let label = super::blanks::clean_label(head).to_lowercase();
    label.ends_with("signature") && label.len() > "signature".len()
}

/// The blank of a `Date: ___` line, if the line is only that.
fn date_blank(line: &[Span], fields: &[Field]) -> Option<FieldIdx> {
    match blanks(line).as_slice() {
        [f] if fields[*f].kind == FieldKind::Date => Some(*f),
        _ => None,
    }
}

/// Spans cut at line breaks (the breaks dropped).
fn split_lines(spans: Vec<Span>) -> Vec<Vec<Span>> {
    let mut lines = vec![Vec::new()];
    for s in spans {
        if matches!(s.kind, SpanKind::Break | SpanKind::SoftBreak) {
            lines.push(Vec::new());
        } else if let Some(l) = lines.last_mut() {
            l.push(s);
        }
    }
    lines.retain(|l| !l.is_empty());
    lines
}
