//! Handing answers over for signing: the short code people compare to know they hold the same
//! answers, the "ready for sign-off" mark a coordinator sets at one set of answers, which signed
//! roles the next change of answers would make stale, and file names that say whose a file is.
//!
//! A sign-off attests to one answers digest, so a team signs in parallel only over identical
//! answers. The code (the digest's first eight hex digits, `1ee3-1edb`) is what they read to each
//! other; the mark records which answers were handed out, when and by whom (docs/FORMAT.md,
//! "Ready for sign-off").

pub use crate::domain::answers::digest::code;
pub use crate::domain::answers::later_mark;
use crate::domain::signoff::standing::{Assessment, LineState};
use crate::domain::text::slugify;
use crate::domain::text::time::Timestamp;

/// A signed role as people name it: `Role — Name`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedRole {
    /// The line's role.
    pub role: String,
    /// The signer's name.
    pub name: String,
}

impl std::fmt::Display for SignedRole {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} — {}", self.role, self.name)
    }
}

/// The sign-offs that count now, by line: exactly those any change of the answers makes stale
/// (the sign-off lines' own name and date blanks are not answers, so they are not at risk).
pub fn at_risk(
    lines: &[crate::domain::signoff::standing::Line],
    assessment: &Assessment,
    records: &[crate::domain::answers::SignOffRecord],
) -> Vec<SignedRole> {
    lines
        .iter()
        .zip(&assessment.lines)
        .filter_map(|(line, state)| match state {
            LineState::Current { record } => records.get(*record).map(|r| SignedRole {
                role: line.role.clone(),
                name: r.name.clone(),
            }),
            _ => None,
        })
        .collect()
}

/// What tells apart two records over the same answers: their sign-off records — how many, and
/// the first hex digits of a digest of each one's line, role, signer, key, time and answers —
/// as `s<N>-<hex4>`; `None` when there are none.
pub fn records_tag(records: &[crate::domain::answers::SignOffRecord]) -> Option<String> {
    if records.is_empty() {
        return None;
    }
    let parts: Vec<String> = records
        .iter()
        .map(|r| {
            [
                r.item.as_str(),
                &r.role,
                &r.name,
                r.public_key.as_deref().unwrap_or(""),
                &r.signed_at,
                &r.digest,
            ]
            .join("\u{1f}")
        })
        .collect();
    let hex = crate::domain::text::sha256_hex(parts.join("\u{1e}").as_bytes());
    Some(format!("s{}-{}", records.len(), &hex[..4]))
}

/// The name of an exported file:
/// `<stem>-<YYYY-MM-DDTHHMMZ>[-<person>][-<role>]-<code>[-s<N>-<hex4>].json`, so a coordinator
/// holding several can tell whose each is, when it was made and which answers it holds, and two
/// exports with different sign-offs over the same answers never share a name (`tag`,
/// [`records_tag`]). The person and role are slugs (at most 32 bytes each); the stem is the
/// checklist's file name without `.md`.
pub fn export_name(
    file: &str,
    now: Timestamp,
    person: &str,
    role: Option<&str>,
    digest: &str,
    tag: Option<&str>,
) -> String {
    let stem = file.rsplit('/').next().unwrap_or(file);
    let stem = stem.strip_suffix(".md").unwrap_or(stem);
    let stem = if stem.is_empty() { "checklist" } else { stem };
    let mut name = format!("{stem}-{}", now.file_minute());
    for part in [Some(person), role].into_iter().flatten() {
        let mut slug = String::new();
        for ch in slugify(part).chars() {
            if slug.len() + ch.len_utf8() > 32 {
                break;
            }
            slug.push(ch);
        }
        let slug = slug.trim_end_matches('-');
        if !slug.is_empty() {
            name.push('-');
            name.push_str(slug);
        }
    }
    name.push('-');
    name.push_str(&code(digest));
    if let Some(tag) = tag {
        name.push('-');
        name.push_str(tag);
    }
    name.push_str(".json");
    name
}
