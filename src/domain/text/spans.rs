//! Inline content as the rest of the core reads it: spans made in code (a table row's label, a
//! blank), the fields among them, and their plain text, which ids, search, exports and sign-off
//! roles are made from.

use serde::Serialize;

/// Index of a fill-in field in `Checklist::fields`.
pub type FieldIdx = usize;

/// Inline formatting of a span.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Style {
    /// `**bold**`
    pub strong: bool,
    /// `*italic*`
    pub emph: bool,
    /// `~~strike~~`
    pub strike: bool,
}

/// What a span is.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "lowercase", tag = "type", content = "field")]
pub enum SpanKind {
    /// Plain text.
    Text,
    /// Inline code.
    Code,
    /// Raw HTML from the source, always shown as literal text.
    Html,
    /// A blank; the index of its field.
    Blank(FieldIdx),
    /// A hard line break inside the paragraph.
    Break,
    /// A soft line break (a newline in the source): shown as a space.
    SoftBreak,
}

/// A run of inline content with one style and at most one (safe) link target.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Span {
    /// What the span is.
    pub kind: SpanKind,
    /// Its text (empty for blanks and breaks).
    pub text: String,
    /// Formatting.
    pub style: Style,
    /// Link target; only http, https, mailto and relative URLs survive parsing.
    pub href: Option<String>,
}

impl Span {
    /// Plain unstyled text.
    pub fn text(text: &str) -> Span {
        Span {
            kind: SpanKind::Text,
            text: text.to_string(),
            style: Style::default(),
            href: None,
        }
    }

    /// The blank of field `f`.
    pub fn blank(f: FieldIdx) -> Span {
        Span {
            kind: SpanKind::Blank(f),
            ..Span::text("")
        }
    }

    /// A soft line break.
    pub fn soft_break() -> Span {
        Span {
            kind: SpanKind::SoftBreak,
            ..Span::text("")
        }
    }
}

/// The fields of the blanks among `spans`, in order.
pub fn blanks(spans: &[Span]) -> Vec<FieldIdx> {
    spans
        .iter()
        .filter_map(|s| match s.kind {
            SpanKind::Blank(f) => Some(f),
            _ => None,
        })
        .collect()
}

/// Plain text of spans: blanks become `___`, breaks a space.
pub fn plain_text(spans: &[Span]) -> String {
    let len: usize = spans.iter().map(|s| s.text.len().max(3)).sum();
    let mut out = String::with_capacity(len);
    // Whitespace runs collapse to one space; none at either end.
    let mut space = false;
    for s in spans {
        let text = match s.kind {
            SpanKind::Blank(_) => "___",
            SpanKind::Break | SpanKind::SoftBreak => " ",
            _ => &s.text,
        };
        push_collapsed(&mut out, text, &mut space);
    }
    out
}

/// Appends `text` to `out` word by word: a whitespace run becomes one pending space, written only
/// before the next word. Words are copied whole; only non-ASCII characters are decoded.
fn push_collapsed(out: &mut String, text: &str, space: &mut bool) {
    let bytes = text.as_bytes();
    let mut word_start: Option<usize> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let (white, len) = if b.is_ascii() {
            // `char::is_whitespace` on ASCII (includes vertical tab, unlike `is_ascii_whitespace`).
            (matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r'), 1)
        } else {
            match text[i..].chars().next() {
                Some(c) => (c.is_whitespace(), c.len_utf8()),
                None => break,
            }
        };
        if white {
            if let Some(start) = word_start.take() {
                out.push_str(&text[start..i]);
            }
            *space = !out.is_empty();
        } else if word_start.is_none() {
            if *space {
                out.push(' ');
                *space = false;
            }
            word_start = Some(i);
        }
        i += len;
    }
    if let Some(start) = word_start {
        out.push_str(&text[start..]);
    }
}
