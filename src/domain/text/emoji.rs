//! Emoji shortcodes (`:wrench:`) shown as GitHub shows them (🔧), from GitHub's own list
//! (gemoji, as the `emojis` crate carries it: `public/emoji.tsv`, one `name<TAB>emoji` per line,
//! sorted by name; a native test holds it to the crate).
//!
//! Only what is shown changes: ids, anchors and the answers keep the text as written, so
//! `## :wrench: Maintainability` keeps the id GitHub gives its anchor (`wrench-maintainability`).
//! The table is 35 KB (12.6 KB brotli), so the browser does not carry it in its module: the app
//! fetches `emoji.tsv` before drawing a checklist that [`may_have_shortcodes`], and [`install`]s it.
//! Native builds (the CLI, the static pages) read it compiled in. Until it is installed, text
//! shows as written.

use std::borrow::Cow;
use std::sync::OnceLock;

/// The installed table: `(name, emoji)`, sorted by name.
static TABLE: OnceLock<Vec<(String, String)>> = OnceLock::new();

/// Reads a table in `emoji.tsv`'s form (lines `name<TAB>emoji`, sorted by name, as
/// tests/emoji.rs holds it: no sort is compiled into the browser's module for it).
fn read(tsv: &str) -> Vec<(String, String)> {
    tsv.lines()
        .filter_map(|l| l.split_once('\t'))
        .map(|(n, e)| (n.to_string(), e.to_string()))
        .collect()
}

/// Installs the shortcode table (the text of `emoji.tsv`). The first one installed stays.
pub fn install(tsv: &str) {
    let _ = TABLE.set(read(tsv));
}

/// Whether the table is installed (natively it always is).
pub fn installed() -> bool {
    table().is_some()
}

fn table() -> Option<&'static [(String, String)]> {
    // Natively the table is compiled in, and read once (not on every lookup).
    #[cfg(not(target_arch = "wasm32"))]
    let t = Some(TABLE.get_or_init(|| read(include_str!("../../../public/emoji.tsv"))));
    #[cfg(target_arch = "wasm32")]
    let t = TABLE.get();
    t.map(Vec::as_slice)
}

/// The emoji a shortcode name stands for (`wrench` → 🔧), once the table is installed.
pub fn lookup(name: &str) -> Option<&'static str> {
    let t = table()?;
    let k = t.binary_search_by(|(n, _)| n.as_str().cmp(name)).ok()?;
    Some(t[k].1.as_str())
}

/// A shortcode's name characters.
fn name_char(c: u8) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, b'_' | b'+' | b'-')
}

/// Each `:name:` in `text` not glued to a word before or after it: its byte range and name.
fn candidates(text: &str) -> impl Iterator<Item = (usize, usize, &str)> {
    let b = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        while let Some(k) = text.get(at..)?.find(':').map(|k| at + k) {
            let end = (k + 1..b.len())
                .find(|&j| !name_char(b[j]))
                .unwrap_or(b.len());
            let glued_before = k > 0 && b[k - 1].is_ascii_alphanumeric();
            let closed = end < b.len() && b[end] == b':' && end > k + 1;
            let glued_after = closed && b.get(end + 1).is_some_and(u8::is_ascii_alphanumeric);
            if closed && !glued_before && !glued_after {
                at = end + 1;
                return Some((k, end + 1, &text[k + 1..end]));
            }
            at = k + 1;
        }
        None
    })
}

/// Whether `text` holds anything written like a shortcode (known or not): the app fetches the
/// table before drawing such a checklist.
pub fn may_have_shortcodes(text: &str) -> bool {
    candidates(text).next().is_some()
}

/// `text` with each known shortcode shown as its emoji (unknown ones, and all of them before the
/// table is installed, stay as written).
pub fn shortcodes(text: &str) -> Cow<'_, str> {
    let mut out = String::new();
    let mut from = 0;
    for (s, e, name) in candidates(text) {
        if let Some(emoji) = lookup(name) {
            out.push_str(&text[from..s]);
            out.push_str(emoji);
            from = e;
        }
    }
    if from == 0 {
        return Cow::Borrowed(text);
    }
    out.push_str(&text[from..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_shortcodes_show_as_github_shows_them() {
        assert_eq!(shortcodes(":wrench: Maintainability"), "🔧 Maintainability");
        assert_eq!(shortcodes("Ship it :rocket::+1:"), "Ship it 🚀👍");
        // Unknown names, times, words and URLs stay as written.
        assert_eq!(
            shortcodes(":not_an_emoji: at 10:30:00"),
            ":not_an_emoji: at 10:30:00"
        );
        assert_eq!(shortcodes("a:rocket: b :rocket:x"), "a:rocket: b :rocket:x");
        assert_eq!(shortcodes("http://host:8080/x"), "http://host:8080/x");
        assert!(matches!(shortcodes("plain"), Cow::Borrowed(_)));
        assert!(may_have_shortcodes("## :wrench: x"));
        assert!(!may_have_shortcodes("10:30 and a:b"));
    }
}
