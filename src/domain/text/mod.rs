//! Text helpers shared by the parser, scoring and export: mojibake repair, slugs, name
//! normalisation, link safety, source positions and hashing.
//!
//! They live apart from the parser because their rules are part of the documented dialect
//! (docs/FORMAT.md) and are tested on their own, property tests included.
//!
//! The folder holds every plain-text and markup helper the core uses, below everything else: this
//! file (mojibake, slugs, names, link safety, positions, SHA-256, base64 and key fingerprints),
//! the inline span types (`spans`), the one pulldown-cmark configuration (`markdown`), the HTML
//! allow-list (`html`), strict JSON (`json`) and time without a clock (`time`). It uses nothing
//! else of the domain but `error`.

pub mod emoji;
pub mod html;
pub mod json;
pub mod markdown;
pub mod spans;
pub mod time;

use std::borrow::Cow;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use sha2::{Digest, Sha256};

/// The Windows-1252 byte for a character, if the character is one Windows-1252 can produce when it
/// decodes a byte (undefined bytes 0x81, 0x8D, 0x8F, 0x90, 0x9D decode to the C1 control of the
/// same value in every common decoder, so those count too).
fn cp1252_byte(c: char) -> Option<u8> {
    let u = c as u32;
    if u <= 0xFF {
        // ASCII, C1 controls (undefined bytes) and Latin-1 map to their own value.
        return u8::try_from(u).ok();
    }
    let b = match c {
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8A,
        '‹' => 0x8B,
        'Œ' => 0x8C,
        'Ž' => 0x8E,
        '\u{2018}' => 0x91,
        '\u{2019}' => 0x92,
        '\u{201C}' => 0x93,
        '\u{201D}' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9A,
        '›' => 0x9B,
        'œ' => 0x9C,
        'ž' => 0x9E,
        'Ÿ' => 0x9F,
        _ => return None,
    };
    Some(b)
}

/// Repairs UTF-8 text that was decoded as Windows-1252 (`ðŸš€` → 🚀, `âœ…` → ✅).
///
/// Works sequence by sequence: a character whose Windows-1252 byte is a UTF-8 lead byte, followed
/// by characters whose bytes are exactly the continuation bytes that lead needs, and which together
/// form valid UTF-8, is replaced by the character they encode. Anything else is left as it is, so
/// correct text (CJK, `café`, real emoji) is never altered.
pub fn repair_mojibake(s: &str) -> Cow<'_, str> {
    if s.is_ascii() {
        return Cow::Borrowed(s);
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut changed = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if let Some(decoded) = decode_sequence(&chars[i..]) {
            out.push(decoded.0);
            i += decoded.1;
            changed = true;
            continue;
        }
        out.push(c);
        i += 1;
    }
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(s)
    }
}

/// Tries to read one mojibake sequence at the start of `chars`: (decoded char, chars consumed).
fn decode_sequence(chars: &[char]) -> Option<(char, usize)> {
    let lead = cp1252_byte(*chars.first()?)?;
    let need = match lead {
        0xC2..=0xDF => 1,
        0xE0..=0xEF => 2,
        0xF0..=0xF4 => 3,
        _ => return None,
    };
    if chars.len() <= need {
        return None;
    }
    let mut bytes = [lead, 0, 0, 0];
    for k in 1..=need {
        let b = cp1252_byte(chars[k])?;
        if !(0x80..=0xBF).contains(&b) {
            return None;
        }
        bytes[k] = b;
    }
    let decoded = std::str::from_utf8(&bytes[..=need]).ok()?;
    decoded.chars().next().map(|c| (c, need + 1))
}

/// Turns text into a URL-safe slug: lower-case letters and digits in runs joined by `-`.
/// Letters of any script are kept; emoji, punctuation and symbols separate words.
pub fn slugify(s: &str) -> String {
    slugify_upto(s, usize::MAX)
}

/// [`slugify`], stopping once the slug is longer than `max` bytes (the caller truncates anyway).
///
/// ASCII, nearly all real text, goes through one table lookup per byte (its lower-case form, or
/// nothing for a separator); other characters are decoded one by one. Ids are built from every
/// item's text, so this is on the parser's hot path.
fn slugify_upto(s: &str, max: usize) -> String {
    let bytes = s.as_bytes();
    // Built as bytes: a byte push is cheaper than `String::push`'s encoding of each character.
    let mut out: Vec<u8> = Vec::with_capacity(bytes.len().min(max.saturating_add(8)));
    let mut pending_dash = false;
    let mut i = 0;
    while i < bytes.len() && out.len() <= max {
        let b = bytes[i];
        if b.is_ascii() {
            i += 1;
            match SLUG_ASCII[usize::from(b)] {
                0 => pending_dash = true,
                lower => {
                    if pending_dash && !out.is_empty() {
                        out.push(b'-');
                    }
                    pending_dash = false;
                    out.push(lower);
                }
            }
            continue;
        }
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        i += c.len_utf8();
        if c.is_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push(b'-');
            }
            pending_dash = false;
            let mut buf = [0u8; 4];
            for l in c.to_lowercase() {
                out.extend_from_slice(l.encode_utf8(&mut buf).as_bytes());
            }
        } else {
            pending_dash = true;
        }
    }
    // Only whole characters were written, so this never fails; were it to, nothing is lost.
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// `s` without `suffix` (ASCII, compared ignoring ASCII case), sliced only at a character boundary
/// of `s` itself: the safe way to drop a word like "Signature" from text in any script.
pub fn strip_suffix_ignore_ascii_case<'a>(s: &'a str, suffix: &str) -> Option<&'a str> {
    let at = s.len().checked_sub(suffix.len())?;
    let tail = s.get(at..)?;
    tail.eq_ignore_ascii_case(suffix).then(|| &s[..at])
}

/// For each ASCII byte: its lower-case form when it is a letter or digit, 0 when it separates words.
const SLUG_ASCII: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            table[b] = c.to_ascii_lowercase();
        }
        b += 1;
    }
    table
};

/// Slug of at most `max` bytes, cut at a `-` boundary where possible.
pub fn slug_truncated(s: &str, max: usize) -> String {
    let slug = slugify_upto(s, max);
    if slug.len() <= max {
        return slug;
    }
    let mut cut = max;
    while !slug.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = &slug[..cut];
    match head.rfind('-') {
        Some(i) if i > max / 2 => head[..i].to_string(),
        _ => head.to_string(),
    }
}

/// Normalises a name for matching score categories to sections: mojibake repaired, case folded,
/// emoji, `&` and punctuation dropped, the word "and" dropped. Returns the words.
pub fn name_words(s: &str) -> Vec<String> {
    let repaired = repair_mojibake(s);
    slugify(&repaired)
        .split('-')
        .filter(|w| !w.is_empty() && *w != "and")
        .map(str::to_string)
        .collect()
}

/// How well a category's words match a section title's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum NameMatch {
    /// The section title contains the category's words somewhere.
    Contains,
    /// The section title starts with the category's words.
    Prefix,
    /// Same words.
    Exact,
}

/// Matches category words against section words (see [`NameMatch`]).
pub fn match_name(category: &[String], section: &[String]) -> Option<NameMatch> {
    if category.is_empty() || category.len() > section.len() {
        return None;
    }
    if category == section {
        return Some(NameMatch::Exact);
    }
    if section.starts_with(category) {
        return Some(NameMatch::Prefix);
    }
    section
        .windows(category.len())
        .any(|w| w == category)
        .then_some(NameMatch::Contains)
}

/// Returns the link target if it is safe to keep as a link: http, https, mailto or a relative URL.
/// This is the one link-safety rule for every link the app draws: Markdown links, allow-listed
/// HTML, table cells, evidence from any source (typed, a table's Evidence column, an imported
/// answers file or record, a share link). `javascript:`, `data:`, `vbscript:` and every other
/// scheme are never drawn as links; the text is shown as text.
///
/// The check runs on the URL as a browser would parse it: leading/trailing control characters and
/// spaces stripped, tabs and newlines removed anywhere, scheme compared case-insensitively. So
/// `JaVaScRiPt:` and `java\tscript:` are refused.
pub fn safe_href(url: &str) -> Option<String> {
    let trimmed = url.trim_matches(|c: char| c <= ' ');
    let cleaned: String = trimmed
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    if let Some(colon) = cleaned.find(':') {
        let scheme = &cleaned[..colon];
        let is_scheme = scheme
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
        if is_scheme {
            let lower = scheme.to_ascii_lowercase();
            return matches!(lower.as_str(), "http" | "https" | "mailto").then_some(cleaned);
        }
    }
    Some(cleaned)
}

/// Maps byte offsets of a source to 1-based line and column (columns count characters).
#[derive(Debug, Clone)]
pub struct LineIndex<'a> {
    src: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    /// Indexes `src`.
    pub fn new(src: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(src.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { src, starts }
    }

    /// Line and column of a byte offset.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.src.len());
        let line = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.starts[line];
        let mut end = offset;
        while !self.src.is_char_boundary(end) {
            end -= 1;
        }
        let column = self.src[start..end].chars().count() + 1;
        (line + 1, column)
    }
}

/// Line and column of a byte offset in raw bytes (for errors before the input is known to be UTF-8).
pub fn byte_position(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}

/// Lower-case hex SHA-256 of bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    sha256_hex_parts(&[bytes])
}

/// Lower-case hex SHA-256 of the concatenation of `parts` (without concatenating them).
pub fn sha256_hex_parts(parts: &[&[u8]]) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part);
    }
    let digest = hasher.finalize();
    let mut out = String::with_capacity(64);
    for b in digest {
        out.push(char::from_digit(u32::from(b >> 4), 16).unwrap_or('0'));
        out.push(char::from_digit(u32::from(b & 0xF), 16).unwrap_or('0'));
    }
    out
}

/// `%XX` sequences decoded (as UTF-8; anything that does not decode is kept as written).
pub fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut k = 0;
    while k < b.len() {
        let hex = |c: u8| char::from(c).to_digit(16);
        match (
            b[k],
            b.get(k + 1).copied().and_then(hex),
            b.get(k + 2).copied().and_then(hex),
        ) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                k += 3;
            }
            (c, _, _) => {
                out.push(c);
                k += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

/// `s` as one component of a URL, exactly as JavaScript's `encodeURIComponent` writes it (every
/// byte of UTF-8 percent-encoded except ASCII letters, digits and `-_.!~*'()`): the app's routes
/// (`#/c/<file>/<section>`) are written with it in the browser and on the static pages alike.
pub fn uri_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Formats hundredths as a decimal with two places (`825` → `"8.25"`).
pub fn centi(v: u32) -> String {
    format!("{}.{:02}", v / 100, v % 100)
}

/// Fingerprint of a raw 32-byte Ed25519 public key: SHA-256, hex.
pub fn fingerprint(public_key: &[u8]) -> String {
    sha256_hex(public_key)
}

/// Short form of a fingerprint for people: the first 16 hex digits in groups of four.
pub fn short_fingerprint(fp: &str) -> String {
    fp.as_bytes()
        .chunks(4)
        .take(4)
        .map(|c| std::str::from_utf8(c).unwrap_or(""))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Standard base64 with padding (RFC 4648 §4), as DSSE and the key files write it.
pub fn base64_encode(bytes: &[u8]) -> String {
    STANDARD.encode(bytes)
}

/// Decodes standard base64, strictly: padding required, no whitespace, and only the canonical
/// encoding (unused trailing bits zero), so one signature or key has exactly one spelling;
/// `None` if it is anything else.
pub fn base64_decode(s: &str) -> Option<Vec<u8>> {
    STANDARD.decode(s).ok()
}

#[cfg(test)]
mod tests {
    use super::{percent_decode, uri_component};

    #[test]
    fn a_route_part_is_written_as_encode_uri_component_and_read_back() {
        let file = "ops/Load Balancing & TLS (v2)?#é.md";
        let written = uri_component(file);
        assert_eq!(
            written,
            "ops%2FLoad%20Balancing%20%26%20TLS%20(v2)%3F%23%C3%A9.md"
        );
        assert_eq!(percent_decode(&written), file);
        // What does not decode is kept as written.
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%E0%A4"), "%E0%A4");
    }

    use super::*;

    #[test]
    fn repairs_seed_mojibake() {
        assert_eq!(repair_mojibake("ðŸš€ DojoPool"), "🚀 DojoPool");
        assert_eq!(repair_mojibake("âœ… Security"), "✅ Security");
        assert_eq!(repair_mojibake("critical (ðŸ”´)"), "critical (🔴)");
        assert_eq!(repair_mojibake("important (ðŸŸ¡)"), "important (🟡)");
        assert_eq!(repair_mojibake("ðŸ“‹ Pre"), "📋 Pre");
    }

    #[test]
    fn leaves_correct_text_alone() {
        for s in [
            "café",
            "naïve façade",
            "日本語のテキスト",
            "🚀 ✅ 🔴",
            "Größe",
            "São Paulo",
            "Ω≈ç√",
        ] {
            assert!(matches!(repair_mojibake(s), Cow::Borrowed(_)), "{s}");
        }
    }

    #[test]
    fn slugs() {
        assert_eq!(slugify("✅ Code Quality & Testing"), "code-quality-testing");
        assert_eq!(slugify("CI/CD Pipeline"), "ci-cd-pipeline");
        assert_eq!(
            slugify("Pre-Deployment (T-24 hours)"),
            "pre-deployment-t-24-hours"
        );
        assert_eq!(slugify("🎉"), "");
        assert_eq!(slug_truncated("alpha beta gamma delta", 12), "alpha-beta");
    }

    #[test]
    fn category_matching() {
        let w = |s: &str| name_words(s);
        assert_eq!(
            match_name(&w("Monitoring"), &w("âœ… Monitoring & Observability")),
            Some(NameMatch::Prefix)
        );
        assert_eq!(
            match_name(
                &w("Code Quality & Testing"),
                &w("✅ Code Quality and Testing")
            ),
            Some(NameMatch::Exact)
        );
        assert_eq!(
            match_name(&w("CI/CD"), &w("CI/CD Pipeline")),
            Some(NameMatch::Prefix)
        );
        assert_eq!(
            match_name(&w("Recovery"), &w("Disaster Recovery")),
            Some(NameMatch::Contains)
        );
        assert_eq!(match_name(&w("Security"), &w("Securityish")), None);
    }

    #[test]
    fn link_safety() {
        assert_eq!(safe_href("https://x.y/z").as_deref(), Some("https://x.y/z"));
        assert_eq!(safe_href("MAILTO:a@b").as_deref(), Some("MAILTO:a@b"));
        assert_eq!(safe_href("docs/a.md#x").as_deref(), Some("docs/a.md#x"));
        assert_eq!(safe_href("JaVaScRiPt:alert(1)"), None);
        assert_eq!(safe_href("java\tscript:alert(1)"), None);
        assert_eq!(safe_href(" \u{1}javascript:alert(1)"), None);
        assert_eq!(safe_href("data:text/html,x"), None);
        assert_eq!(safe_href("vbscript:x"), None);
    }

    #[test]
    fn positions() {
        let idx = LineIndex::new("ab\ncdé\nf");
        assert_eq!(idx.position(0), (1, 1));
        assert_eq!(idx.position(3), (2, 1));
        assert_eq!(idx.position(7), (2, 4));
        assert_eq!(idx.position(8), (3, 1));
        assert_eq!(byte_position(b"ab\nc\xff", 4), (2, 2));
    }

    #[test]
    fn hashes() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(centi(805), "8.05");
    }
}
