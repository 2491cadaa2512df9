//! Whether a sign-off counts toward GO: the one rule, asked by every path (the page and its
//! verdict, the import preview, the auditor view, `score`, `export`, `merge`, `verify`).
//!
//! A sign-off record counts for its line only when all of these hold (docs/FORMAT.md §4.4):
//! 1. its signature verifies over the statement of exactly this template (file and SHA-256);
//! 2. its `item` is a sign-off line of the template and its `role` is that line's role
//!    ([`same_role`](crate::domain::signoff::signers::same_role): case and surrounding space ignored, as in signers files);
//! 3. its `signed_at` is an RFC 3339 UTC time, not after the record was made (or, live, now) by
//!    more than [`CLOCK_SKEW_SECONDS`]; its `date` is a real `YYYY-MM-DD` within a day of
//!    `signed_at` (a local date in any time zone);
//! 4. where a signers file applies, its key is listed for that role;
//! 5. it is the line's latest such record (by `signed_at`, then by position) and it is current.
//!
//! A record failing 1–4 is history with its [`Fault`]; it never displaces a record that holds.
//! When one key is the latest genuine signer of more than one line, [`Assessment::shared`] names
//! it; unless the checklist says `<!-- readiness: shared-signers -->`, that blocks GO.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::domain::answers::SignOffRecord;
use crate::domain::model::Checklist;
use crate::domain::signoff::signers::{same_role, SignerCheck, Signers};
use crate::domain::signoff::signing::{check_signoff, short_fingerprint, SignatureVerifier};
use crate::domain::text::time::{parse_date, Timestamp};

/// Line `k`'s role as people tell it apart: with its section when another line has the same role
/// ("Reviewer (Design review)").
pub fn line_name(lines: &[Line], k: usize) -> String {
    let l = &lines[k];
    let shared = lines.iter().filter(|o| same_role(&o.role, &l.role)).count() > 1;
    match l.section.last() {
        Some(s) if shared => format!("{} ({s})", l.role),
        _ => l.role.clone(),
    }
}

/// What the checklist itself records on sign-off line `item` (a name and a date a table or a
/// filled blank already holds: `Reviewer(s) | Done | alice@ bob@`), as the line shows it:
/// "Recorded in the checklist: alice@ bob@, 2022-06-16". Never a signature: it counts toward
/// nothing, and the line is signed as any other.
pub fn recorded_in_checklist(c: &Checklist, item: usize) -> Option<String> {
    let spec = c.items.get(item)?.signoff.as_ref()?;
    let held: Vec<&str> = [spec.name_field, spec.date_field]
        .into_iter()
        .flatten()
        .filter_map(|f| c.fields.get(f)?.preset.as_deref())
        .filter(|v| !v.trim().is_empty())
        .collect();
    (!held.is_empty()).then(|| format!("Recorded in the checklist: {}", held.join(", ")))
}

/// How far a sign-off's `signed_at` may be after the record's time (clocks of two people's
/// machines differ): ten minutes.
pub const CLOCK_SKEW_SECONDS: i64 = 600;

/// The one staleness rule: a sign-off is stale when the answers digest it was signed over is not
/// the current answers digest. The app, the export and verification all ask this function.
pub fn is_stale(signed_over: &str, current: &str) -> bool {
    signed_over != current
}

/// One sign-off line of the template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Line {
    /// The line's item id.
    pub item: String,
    /// The role it signs for.
    pub role: String,
    /// The titles of the sections it is in, outermost first (what tells apart two lines for the
    /// same role).
    pub section: Vec<String>,
}

/// What sign-offs are held against: the template, the current answers and the rules in force.
pub struct Ground<'a> {
    /// The checklist file name signatures must cover.
    pub file: &'a str,
    /// The template's SHA-256 signatures must cover.
    pub sha256: &'a str,
    /// Every sign-off line, in document order.
    pub lines: &'a [Line],
    /// The current answers digest.
    pub digest: &'a str,
    /// When the record is made (or, live, now): nothing signed later counts.
    pub as_of: Timestamp,
    /// The signers file in force, if any.
    pub signers: Option<&'a Signers>,
    /// Whether one key may sign several roles (`shared-signers`).
    pub shared_signers: bool,
    /// Checks Ed25519 signatures.
    pub verifier: &'a dyn SignatureVerifier,
}

/// Why a sign-off record does not count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "detail", rename_all = "snake_case")]
pub enum Fault {
    /// Not signed, or its signature does not hold over this template's statement.
    Signature(String),
    /// Its item is not a sign-off line of this template.
    NotALine,
    /// Its role is not the role of the line it names.
    WrongRole(String),
    /// Its `signed_at` is not an RFC 3339 UTC time.
    SignedAt(String),
    /// Signed after the record was made (beyond the clock skew allowance).
    AfterRecord(String, String),
    /// Its `date` is not a real calendar date within a day of `signed_at`.
    Date(String),
    /// Its key is not on the signers list for its role.
    NotListed(String),
}

impl std::fmt::Display for Fault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Fault::Signature(why) => f.write_str(why),
            Fault::NotALine => f.write_str("names no sign-off line of this checklist"),
            Fault::WrongRole(line) => write!(f, "signed as another role than its line's, {line:?}"),
            Fault::SignedAt(s) => write!(f, "signed_at {s:?} is not an RFC 3339 UTC time"),
            Fault::AfterRecord(at, of) => {
                write!(f, "signed at {at}, after the record was made ({of})")
            }
            Fault::Date(why) => f.write_str(why),
            Fault::NotListed(key) => {
                write!(f, "key {key} is not on the signers list for this role")
            }
        }
    }
}

/// One record's standing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Standing {
    /// Fingerprint of the key whose signature verified.
    pub key: Option<String>,
    /// Why it does not count, if it does not (apart from being stale or superseded).
    pub fault: Option<Fault>,
    /// Its answers digest is not the current one.
    pub stale: bool,
}

/// Where a sign-off line stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum LineState {
    /// No record names it.
    Missing,
    /// Its latest genuine record is current: it counts.
    Current {
        /// Index of that record.
        record: usize,
    },
    /// Its latest genuine record was signed over other answers.
    Stale {
        /// Index of that record.
        record: usize,
    },
    /// Records name it, none of them genuine.
    NotCounted {
        /// Index of the last of them.
        record: usize,
        /// Why it does not count.
        fault: Fault,
    },
}

impl LineState {
    /// The record that decides the line's state, if any.
    pub fn record(&self) -> Option<usize> {
        match self {
            LineState::Missing => None,
            LineState::Current { record }
            | LineState::Stale { record }
            | LineState::NotCounted { record, .. } => Some(*record),
        }
    }

    /// Whether the line has a sign-off that counts.
    pub fn counts(&self) -> bool {
        matches!(self, LineState::Current { .. })
    }
}

/// One key that is the latest genuine signer of several lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SharedKey {
    /// The key's fingerprint.
    pub key: String,
    /// The roles it signed, in document order.
    pub roles: Vec<String>,
}

impl std::fmt::Display for SharedKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "one key ({}) signed {} roles: {}",
            short_fingerprint(&self.key),
            self.roles.len(),
            self.roles.join(", ")
        )
    }
}

/// Every record's standing, every line's state, and the keys that signed several roles.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Assessment {
    /// Per record, in the order given.
    pub records: Vec<Standing>,
    /// Per sign-off line, in document order.
    pub lines: Vec<LineState>,
    /// Keys that are the latest genuine signer of more than one line.
    pub shared: Vec<SharedKey>,
    /// Whether shared keys block GO (the checklist does not allow them).
    pub shared_blocks: bool,
}

impl Assessment {
    /// Whether a sign-off line's sign-off counts (by line index).
    pub fn counts(&self, line: usize) -> bool {
        self.lines.get(line).is_some_and(LineState::counts)
    }
}

/// The fault of one record against `g`, if any (everything but staleness and being superseded).
pub fn fault_of(g: &Ground<'_>, r: &SignOffRecord) -> (Option<String>, Option<Fault>) {
    let facts = r.facts(g.file, g.sha256);
    let key = match check_signoff(
        &facts,
        r.public_key.as_deref(),
        r.envelope.as_ref(),
        g.verifier,
    ) {
        Ok(fp) => fp,
        Err(why) => return (None, Some(Fault::Signature(why))),
    };
    let fault = line_fault(g.lines, r)
        .or_else(|| time_fault(r, g.as_of))
        .or_else(|| {
            let signers = g.signers?;
            match signers.check(&r.role, &key) {
                SignerCheck::Listed { .. } => None,
                SignerCheck::NotListed => Some(Fault::NotListed(short_fingerprint(&key))),
            }
        });
    (Some(key), fault)
}

/// Whether the record names a sign-off line and signs for its role.
fn line_fault(lines: &[Line], r: &SignOffRecord) -> Option<Fault> {
    match lines.iter().find(|l| l.item == r.item) {
        None => Some(Fault::NotALine),
        Some(l) if !same_role(&l.role, &r.role) => Some(Fault::WrongRole(l.role.clone())),
        Some(_) => None,
    }
}

/// Whether `signed_at` and `date` are valid and `signed_at` is not after `as_of` (plus the skew).
/// The UI asks this before signing, so it never makes a record that would not count.
pub fn time_fault(r: &SignOffRecord, as_of: Timestamp) -> Option<Fault> {
    let at = signed_at(&r.signed_at).ok_or_else(|| Fault::SignedAt(r.signed_at.clone()));
    let at = match at {
        Ok(at) => at,
        Err(f) => return Some(f),
    };
    if at.0 > as_of.0 + CLOCK_SKEW_SECONDS * 1000 {
        return Some(Fault::AfterRecord(r.signed_at.clone(), as_of.to_rfc3339()));
    }
    date_fault(&r.date, at)
}

/// An RFC 3339 time written in UTC (`Z`), as every sign-off is recorded.
pub fn signed_at(s: &str) -> Option<Timestamp> {
    s.ends_with('Z')
        .then(|| Timestamp::parse_rfc3339(s))
        .flatten()
}

/// Why `date` cannot be the date of a sign-off recorded at `at`, if it cannot: it must be a real
/// `YYYY-MM-DD` no more than a day from `at`'s UTC date (a local date in any time zone).
pub fn date_fault(date: &str, at: Timestamp) -> Option<Fault> {
    if date.trim().is_empty() {
        return Some(Fault::Date("has no date".to_string()));
    }
    let Some(d) = parse_date(date) else {
        return Some(Fault::Date(format!(
            "date {date:?} is not a real calendar date (YYYY-MM-DD)"
        )));
    };
    let day = parse_date(&at.date())?;
    if (d - day).num_days().abs() > 1 {
        return Some(Fault::Date(format!(
            "dated {date}, not the day it was signed ({})",
            at.date()
        )));
    }
    None
}

/// Holds every record against `g`: each record's standing, each line's state, shared keys.
pub fn assess(g: &Ground<'_>, records: &[SignOffRecord]) -> Assessment {
    conclude(g, records, standings(g, records))
}

/// Each record's standing against `g` (the costly part: one signature check each).
pub fn standings(g: &Ground<'_>, records: &[SignOffRecord]) -> Vec<Standing> {
    records
        .iter()
        .map(|r| {
            let (key, fault) = fault_of(g, r);
            Standing {
                key,
                fault,
                stale: is_stale(&r.digest, g.digest),
            }
        })
        .collect()
}

/// The standings of `records` for another answers digest: only staleness depends on it, so an
/// edit is judged again without checking any signature again (the page does this per change).
pub fn restaled(
    mut standings: Vec<Standing>,
    records: &[SignOffRecord],
    digest: &str,
) -> Vec<Standing> {
    for (st, r) in standings.iter_mut().zip(records) {
        st.stale = is_stale(&r.digest, digest);
    }
    standings
}

/// Each line's state and the shared keys, from the records' standings.
pub fn conclude(g: &Ground<'_>, records: &[SignOffRecord], standings: Vec<Standing>) -> Assessment {
    let lines: Vec<LineState> = g
        .lines
        .iter()
        .map(|l| line_state(l, records, &standings))
        .collect();
    let mut by_key: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (line, state) in g.lines.iter().zip(&lines) {
        if let LineState::Current { record } | LineState::Stale { record } = state {
            if let Some(k) = standings[*record].key.as_deref() {
                by_key.entry(k).or_default().push(line.role.clone());
            }
        }
    }
    let shared = by_key
        .into_iter()
        .filter(|(_, roles)| roles.len() > 1)
        .map(|(k, roles)| SharedKey {
            key: k.to_string(),
            roles,
        })
        .collect::<Vec<_>>();
    Assessment {
        records: standings,
        lines,
        shared_blocks: !g.shared_signers,
        shared,
    }
}

/// A line's state: its latest genuine record by `signed_at`, then by position.
fn line_state(line: &Line, records: &[SignOffRecord], standings: &[Standing]) -> LineState {
    let mine = || (0..records.len()).filter(|&k| records[k].item == line.item);
    let latest = mine()
        .filter(|&k| standings[k].fault.is_none())
        .max_by_key(|&k| (signed_at(&records[k].signed_at), k));
    match latest {
        Some(record) if standings[record].stale => LineState::Stale { record },
        Some(record) => LineState::Current { record },
        None => match mine().next_back() {
            None => LineState::Missing,
            Some(record) => LineState::NotCounted {
                record,
                fault: standings[record].fault.clone().unwrap_or(Fault::NotALine),
            },
        },
    }
}

/// What judging sign-offs needs besides the template and its answers.
#[derive(Clone, Copy)]
pub struct Rules<'a> {
    /// Checks Ed25519 signatures (ed25519-dalek natively, WebCrypto's results in the browser).
    pub verifier: &'a dyn SignatureVerifier,
    /// When the record is made, or now: nothing signed later counts.
    pub as_of: Timestamp,
    /// The signers file in force, if any.
    pub signers: Option<&'a Signers>,
}

/// The sign-off lines of a checklist, in document order.
pub fn lines_of(c: &Checklist) -> Vec<Line> {
    c.items
        .iter()
        .filter_map(|it| {
            let spec = it.signoff.as_ref()?;
            Some(Line {
                item: it.id.clone(),
                role: spec.role.clone(),
                section: c.section_titles(it.section),
            })
        })
        .collect()
}

/// Every record held against the checklist `c`, whose current answers digest is `digest`.
pub fn assess_checklist(
    c: &Checklist,
    lines: &[Line],
    digest: &str,
    records: &[SignOffRecord],
    rules: &Rules<'_>,
) -> Assessment {
    assess(&ground_of(c, lines, digest, rules), records)
}

/// The ground of the checklist `c` with current answers digest `digest`.
pub fn ground_of<'a>(
    c: &'a Checklist,
    lines: &'a [Line],
    digest: &'a str,
    rules: &Rules<'a>,
) -> Ground<'a> {
    Ground {
        file: &c.file,
        sha256: c.sha256(),
        lines,
        digest,
        as_of: rules.as_of,
        signers: rules.signers,
        shared_signers: c.shared_signers,
        verifier: rules.verifier,
    }
}
