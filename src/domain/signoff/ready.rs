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
use crate::domain::answers::Ready;
use crate::domain::signoff::standing::{line_name, Assessment, Line, LineState};
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
    assessment
        .lines
        .iter()
        .enumerate()
        .take(lines.len())
        .filter_map(|(k, state)| match state {
            LineState::Current { record } => records.get(*record).map(|r| SignedRole {
                role: line_name(lines, k),
                name: r.name.clone(),
            }),
            _ => None,
        })
        .collect()
}

/// Every sign-off line of a checklist as the ready mark names it ([`line_name`]).
pub fn line_names(lines: &[Line]) -> Vec<String> {
    (0..lines.len()).map(|k| line_name(lines, k)).collect()
}

/// The question asked before the first change to answers marked ready (`mark`, holding): the
/// mark says which lines sign these answers (`lines_now`, the checklist's, for a mark made before
/// marks named them), so the question counts every signature a change makes stale, those held by
/// others included; `here` are the sign-offs over them this browser holds.
pub fn change_question(mark: &Ready, lines_now: &[String], here: &[SignedRole]) -> String {
    let lines = if mark.lines.is_empty() {
        lines_now
    } else {
        &mark.lines
    };
    let signers = match lines {
        [] => "No sign-off line signs them.".to_string(),
        [one] => format!(
            "They are what the sign-off line {one} signs: a signature over them goes stale, wherever it is held."
        ),
        many => format!(
            "They are what all {} sign-off lines sign: every signature over them goes stale, including those held by others.",
            many.len()
        ),
    };
    let held = match here {
        [] if lines.is_empty() => String::new(),
        [] => " No signature over them is held in this browser.".to_string(),
        list => format!(
            " Held in this browser: {}.",
            list.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    format!(
        "These answers (code {}) are marked ready for sign-off. {signers}{held} Change them anyway?",
        mark.code()
    )
}

/// The name of an exported file:
/// `<stem>-<YYYY-MM-DDTHHMMSSZ>[-<person>][-<role>]-<code>-<hex6>.json`, so a coordinator holding
/// several can tell whose each is, when it was made and which answers it holds (`code`, the code
/// people read to each other), and two files never share a name: the time is to the second, and
/// `<hex6>` is the start of the SHA-256 of the file's own bytes (`contents`), so two exports of
/// different content (another sign-off over the same answers) differ even within a second. The
/// person and role are slugs (at most 32 bytes each); the stem is the checklist's file name
/// without `.md`.
pub fn export_name(
    file: &str,
    now: Timestamp,
    person: &str,
    role: Option<&str>,
    digest: &str,
    contents: &[u8],
) -> String {
    let stem = file.rsplit('/').next().unwrap_or(file);
    let stem = stem.strip_suffix(".md").unwrap_or(stem);
    let stem = if stem.is_empty() { "checklist" } else { stem };
    let mut name = format!("{stem}-{}", now.file_second());
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
    name.push('-');
    name.push_str(&crate::domain::text::sha256_hex(contents)[..6]);
    name.push_str(".json");
    name
}
