//! Blanks: a run of three or more `_` on a line is a field; its label comes from the text before
//! it, its unit from the text after, its kind (date, name, number, text) from both.

use super::*;

impl Builder<'_> {
    /// A filled blank (`___Dana___`, read as emphasis by Markdown): it stands in the text as the
    /// blank `___` it was, and its value is kept for the field made of it.
    pub(super) fn filled_blank(&mut self, range: std::ops::Range<usize>, value: String) {
        self.filled.push((range.start, range.end, value));
        self.push_text(SpanKind::Text, "___", range.start);
        self.no_merge = true;
        self.filling = range;
    }

    /// The filled blank starting at `at`, if one does.
    fn filled_at(&self, at: usize) -> Option<&(usize, usize, String)> {
        let k = self.filled.partition_point(|f| f.0 < at);
        self.filled.get(k).filter(|f| f.0 == at)
    }

    /// A table cell that holds only a filled blank: its source range and value.
    pub(super) fn lone_filled(&self, buf: &InlineBuf) -> Option<(usize, usize, String)> {
        match (buf.spans.as_slice(), buf.offsets.as_slice()) {
            ([s], [at]) if s.kind == SpanKind::Text && s.text == "___" => {
                let (_, end, value) = self.filled_at(*at)?;
                Some((*at, *end, value.clone()))
            }
            _ => None,
        }
    }

    /// Splits `___` runs out of text spans into blanks and creates their fields.
    /// `table` gives a label prefix for blanks in table cells.
    pub(super) fn split_blanks(
        &mut self,
        buf: InlineBuf,
        section: SectionIdx,
        item: Option<ItemIdx>,
        table: Option<&str>,
    ) -> Vec<Span> {
        if !buf
            .spans
            .iter()
            .any(|s| s.kind == SpanKind::Text && find_blank(&s.text).is_some())
        {
            return buf.spans;
        }
        let (mut out, blank_offsets) = cut_blanks(self.src, buf);
        let segments = segments_between_blanks(&out);
        let mut new_fields = Vec::with_capacity(blank_offsets.len());
        for (k, shape) in describe_blanks(&segments, table).into_iter().enumerate() {
            let (offset, mut source) = blank_offsets[k];
            // A filled blank: its whole `___value___` is the blank, and the value its own.
            let filled = source.and_then(|(s, e)| {
                let (_, end, value) = self.filled_at(s).filter(|_| e == s + 3)?;
                Some((*end, value.clone()))
            });
            if let (Some((s, _)), Some((end, _))) = (source, &filled) {
                source = Some((s, *end));
            }
            let (line, column) = self.lines.position(offset);
            new_fields.push(self.fields.len());
            self.fields.push(Field {
                id: String::new(),
                label: shape.label,
                unit: shape.unit,
                kind: shape.kind,
                item,
                section,
                line,
                column,
                source,
                choices: Vec::new(),
                preset: filled.map(|f| f.1),
            });
        }
        let mut next = new_fields.into_iter();
        for s in &mut out {
            if let SpanKind::Blank(f) = &mut s.kind {
                *f = next.next().unwrap_or(0);
            }
        }
        out
    }
}

/// Where a blank is: its offset for messages, and its exact source range when the span's text is
/// verbatim in the source (so a value can be written back in place).
type BlankAt = (usize, Option<(usize, usize)>);

/// Cuts the text spans of `buf` at each blank: blanks become `Blank(usize::MAX)` spans (numbered by
/// the caller), and each blank's place in the source is returned beside them.
fn cut_blanks(src: &str, buf: InlineBuf) -> (Vec<Span>, Vec<BlankAt>) {
    let InlineBuf {
        spans,
        offsets,
        start,
    } = buf;
    let mut out: Vec<Span> = Vec::new();
    let mut blank_offsets = Vec::new();
    for (span, off) in spans
        .into_iter()
        .zip(offsets.into_iter().chain(std::iter::repeat(start)))
    {
        if span.kind != SpanKind::Text || find_blank(&span.text).is_none() {
            out.push(span);
            continue;
        }
        let verbatim = src.get(off..).is_some_and(|s| s.starts_with(&span.text));
        let mut rest = span.text.as_str();
        let mut consumed = 0;
        while let Some((b, e)) = find_blank(rest) {
            if b > 0 {
                out.push(Span {
                    text: rest[..b].to_string(),
                    ..span.clone()
                });
            }
            let at = off + consumed + b;
            blank_offsets.push(if verbatim {
                (at, Some((at, off + consumed + e)))
            } else {
                (off, None)
            });
            out.push(Span {
                kind: SpanKind::Blank(usize::MAX),
                text: String::new(),
                ..span.clone()
            });
            consumed += e;
            rest = &rest[e..];
        }
        if !rest.is_empty() {
            out.push(Span {
                text: rest.to_string(),
                ..span.clone()
            });
        }
    }
    (out, blank_offsets)
}

/// The text before, between and after the blanks of `spans` (one more segment than blanks), with
/// line breaks kept as `\n`: labels and units are read from it.
fn segments_between_blanks(spans: &[Span]) -> Vec<String> {
    let mut segments: Vec<String> = vec![String::new()];
    for s in spans {
        match s.kind {
            SpanKind::Blank(_) => segments.push(String::new()),
            SpanKind::Text | SpanKind::Code => {
                if let Some(last) = segments.last_mut() {
                    last.push_str(&s.text)
                }
            }
            SpanKind::Break | SpanKind::SoftBreak => {
                if let Some(last) = segments.last_mut() {
                    last.push('\n')
                }
            }
            SpanKind::Html => {}
        }
    }
    segments
}

/// What a blank asks for, read from the text around it.
struct BlankShape {
    label: String,
    unit: Option<String>,
    kind: FieldKind,
}

/// Label, unit and kind of each blank between `segments`. A blank with no label of its own on the
/// same line takes the previous blank's; `table` prefixes the labels of blanks in table cells.
fn describe_blanks(segments: &[String], table: Option<&str>) -> Vec<BlankShape> {
    let blank_count = segments.len() - 1;
    let mut shapes: Vec<BlankShape> = Vec::with_capacity(blank_count);
    for k in 0..blank_count {
        let prev = shapes.last();
        // The line the blank is on, minus what the previous blank took as its unit.
        let mut before = segments[k].rsplit('\n').next().unwrap_or("").trim_start();
        if let Some(u) = prev.and_then(|p| p.unit.as_deref()) {
            before = before.strip_prefix(u).unwrap_or(before);
        }
        let mut label = clean_label(before);
        if label.is_empty() && !segments[k].contains('\n') {
            label = prev.map(|p| p.label.clone()).unwrap_or_default();
        }
        if let Some(prefix) = table {
            label = if label.is_empty() {
                prefix.to_string()
            } else {
                format!("{prefix} {label}")
            };
        }
        let after_line = segments[k + 1].split('\n').next().unwrap_or("");
        let unit = unit_after(
            after_line,
            k + 1 < blank_count && !segments[k + 1].contains('\n'),
        );
        let kind = if label.to_lowercase().split_whitespace().last() == Some("date") {
            FieldKind::Date
        } else if unit.is_some() {
            FieldKind::Number
        } else {
            FieldKind::Text
        };
        shapes.push(BlankShape { label, unit, kind });
    }
    shapes
}

/// The value of a filled blank, given the source of an emphasis: `___value___`, the value
/// plain text (Markdown punctuation in it escaped with `\`, as Copy as Markdown writes it).
pub(super) fn filled_value(source: &str) -> Option<String> {
    let inner = source.strip_prefix("___")?.strip_suffix("___")?;
    if inner.trim().is_empty() || inner.trim() != inner {
        return None;
    }
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(n) if n.is_ascii_punctuation() => out.push(n),
                Some(n) => {
                    out.push('\\');
                    out.push(n);
                }
                None => out.push('\\'),
            },
            c if FILLED_ESCAPED.contains(c) || c == '\n' || c == '\r' => return None,
            c => out.push(c),
        }
    }
    Some(out)
}

/// Characters a filled blank's value escapes (`\*`): each could start Markdown of its own.
pub(crate) const FILLED_ESCAPED: &str = "\\`*_[]<>&|~$!";

/// Finds the first run of 3 or more `_`: (start, end) byte offsets.
pub(super) fn find_blank(s: &str) -> Option<(usize, usize)> {
    let bytes = s.as_bytes();
    // Most text has no `_` at all; `contains` on bytes is a memchr, a fraction of the loop below.
    if !bytes.contains(&b'_') {
        return None;
    }
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'_' {
            let start = i;
            while i < bytes.len() && bytes[i] == b'_' {
                i += 1;
            }
            if i - start >= 3 {
                return Some((start, i));
            }
        } else {
            i += 1;
        }
    }
    None
}

/// The role a sign-off line signs for, from the line's plain text (blanks written `___`): the
/// label of its first blank. The one rule, for the parser and for a record read without its
/// template, so both name a line's role alike.
/// A trailing "Signature" and a plural "(s)" are not part of the role (`Deployment Lead
/// Signature: ___` signs for "Deployment Lead", `Reviewer(s)` for "Reviewer").
pub fn signoff_role(plain: &str) -> String {
    let label = clean_label(plain.split("___").next().unwrap_or(""));
    let label = label.strip_suffix("(s)").unwrap_or(&label).trim_end();
    // Compared on the label itself, never sliced at a position found in a lower-cased copy.
    match crate::domain::text::strip_suffix_ignore_ascii_case(label, "signature") {
        Some(rest) if !rest.trim().is_empty() && rest.ends_with(' ') => rest.trim_end().to_string(),
        _ => label.to_string(),
    }
}

/// Label of a blank from the text before it: trimmed of spaces and `: - , ; | *`.
pub(super) fn clean_label(before: &str) -> String {
    let t = before.trim_matches(|c: char| c.is_whitespace() || ":-–—,;|*".contains(c));
    // Keep the last clause only ("Total time. Downtime:" -> "Downtime").
    let t = match t.rfind(". ") {
        Some(i) => &t[i + 2..],
        None => t,
    };
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Unit of a blank from the text after it: up to `,`, `;` or `(`, at most four words; none when the
/// text is the next blank's label (ends with `:`).
pub(super) fn unit_after(after: &str, more_blanks: bool) -> Option<String> {
    if more_blanks && after.trim_end().ends_with(':') {
        return None;
    }
    let cut = after.find([',', ';', '(', '.']).unwrap_or(after.len());
    let unit = after[..cut].trim();
    let words = unit.split_whitespace().count();
    if unit.is_empty() || words > 4 || unit.starts_with('/') || unit.ends_with(':') {
        return None;
    }
    Some(unit.split_whitespace().collect::<Vec<_>>().join(" "))
}
