//! A verified record in the formats auditors' own tools read (issue 25): JUnit XML for CI test
//! panels, CSV for spreadsheets, Heimdall's HDF (InSpec exec JSON), OSCAL assessment results, and an
//! in-toto test-result statement a policy engine can gate a deploy on.
//!
//! Every output is made from a record that verifies, and from what verification recomputed (the
//! verdict, each sign-off's standing), never from the record's own claims; a record that does not
//! verify is refused with the reasons. Each format is a pure function of the record's bytes, so the
//! same record always converts to the same bytes, in the CLI and in the browser. The field mapping
//! of each format is in docs/FORMAT.md §6.

mod hdf;
mod junit;
mod oscal;
mod spreadsheet;
mod test_result;

pub use test_result::{statement_payload, TEST_RESULT_PREDICATE};

use super::answers::describe_by;
use super::audit::{verify, AuditRecord, ItemRecord, Verification};
use super::score::{Breakdown, Role};
use super::text::sha256_hex;
use crate::domain::signoff::signing::{fingerprint, short_fingerprint, SignatureVerifier};
use crate::domain::signoff::standing::{Assessment, Line, LineState};

/// The formats a record converts to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// JUnit XML (`junit-10.xsd`).
    Junit,
    /// One CSV row per item.
    Csv,
    /// One CSV row per sign-off.
    CsvSignoffs,
    /// Heimdall Data Format (InSpec exec JSON).
    Hdf,
    /// OSCAL 1.1.2 assessment results (JSON).
    Oscal,
    /// in-toto Statement with a test-result v0.1 predicate (JSON; the CLI can wrap it in a signed
    /// DSSE envelope).
    TestResult,
}

impl Format {
    /// Every format, in the order the auditor view offers them.
    pub const ALL: [Format; 6] = [
        Format::Junit,
        Format::Csv,
        Format::CsvSignoffs,
        Format::Hdf,
        Format::Oscal,
        Format::TestResult,
    ];

    /// The name `--to` takes.
    pub fn name(self) -> &'static str {
        match self {
            Format::Junit => "junit",
            Format::Csv => "csv",
            Format::CsvSignoffs => "csv-signoffs",
            Format::Hdf => "hdf",
            Format::Oscal => "oscal",
            Format::TestResult => "test-result",
        }
    }

    /// Reads a `--to` name.
    pub fn parse(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.name() == name)
    }

    /// What the format is, for a button or a message.
    pub fn label(self) -> &'static str {
        match self {
            Format::Junit => "JUnit XML",
            Format::Csv => "CSV (items)",
            Format::CsvSignoffs => "CSV (sign-offs)",
            Format::Hdf => "Heimdall (HDF)",
            Format::Oscal => "OSCAL assessment results",
            Format::TestResult => "in-toto test result",
        }
    }

    /// The end of a file name in this format.
    pub fn suffix(self) -> &'static str {
        match self {
            Format::Junit => ".junit.xml",
            Format::Csv => ".items.csv",
            Format::CsvSignoffs => ".signoffs.csv",
            Format::Hdf => ".hdf.json",
            Format::Oscal => ".oscal-ar.json",
            Format::TestResult => ".test-result.json",
        }
    }

    /// The media type of a file in this format.
    pub fn media_type(self) -> &'static str {
        match self {
            Format::Junit => "application/xml",
            Format::Csv | Format::CsvSignoffs => "text/csv",
            Format::Hdf | Format::Oscal | Format::TestResult => "application/json",
        }
    }
}

/// Why a record was not converted.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ConvertError {
    /// The record does not verify: nothing is made from it.
    #[error("the record does not verify, so it is not converted: {}", .0.join("; "))]
    NotVerified(Vec<String>),
}

/// What every format is made from: the verified record and what verification recomputed.
pub(crate) struct Source<'a> {
    pub record: &'a AuditRecord,
    pub breakdown: &'a Breakdown,
    pub assessment: &'a Assessment,
    /// The sign-off lines, from the template verification judged by.
    pub lines: &'a [Line],
    /// SHA-256 of the record's exact bytes.
    pub record_sha256: String,
}

/// A sign-off as the formats report it.
pub(crate) struct SignoffView<'a> {
    pub item: &'a str,
    pub role: &'a str,
    pub name: &'a str,
    pub date: &'a str,
    pub signed_at: &'a str,
    /// Key fingerprint (hex), when the record carries the key.
    pub key: Option<String>,
    /// `current`, `stale`, `superseded` or `does not count: <why>`.
    pub state: String,
    /// Whether it counts toward GO.
    pub counts: bool,
}

impl Source<'_> {
    /// Every sign-off record with its standing under the one rule.
    pub fn signoffs(&self) -> Vec<SignoffView<'_>> {
        let counted: Vec<usize> = self
            .assessment
            .lines
            .iter()
            .filter_map(|l| match l {
                LineState::Current { record } => Some(*record),
                _ => None,
            })
            .collect();
        self.record
            .signoffs
            .iter()
            .enumerate()
            .map(|(k, s)| {
                let standing = self.assessment.records.get(k);
                // A current sign-off whose key signed several roles does not count either.
                let blocked = counted
                    .contains(&k)
                    .then(|| self.line_standing(&s.item).err())
                    .flatten();
                let counts = counted.contains(&k) && blocked.is_none();
                let state = match standing {
                    _ if blocked.is_some() => blocked.unwrap_or_default(),
                    Some(st) if st.fault.is_some() => format!(
                        "does not count: {}",
                        st.fault
                            .as_ref()
                            .map(ToString::to_string)
                            .unwrap_or_default()
                    ),
                    _ if counts => "current".to_string(),
                    Some(st) if st.stale => "stale".to_string(),
                    _ => "superseded".to_string(),
                };
                let key = s
                    .public_key
                    .as_deref()
                    .and_then(crate::domain::signoff::signing::base64_decode)
                    .map(|pk| fingerprint(&pk));
                SignoffView {
                    item: &s.item,
                    role: &s.role,
                    name: &s.name,
                    date: &s.date,
                    signed_at: &s.signed_at,
                    key,
                    state,
                    counts,
                }
            })
            .collect()
    }

    /// Where the sign-off line `item` stands: `Ok` when its sign-off counts toward GO, else why
    /// not (missing, stale, not counting and why, or its key signing several roles).
    pub fn line_standing(&self, item: &str) -> Result<(), String> {
        let Some(k) = self.lines.iter().position(|l| l.item == item) else {
            return Err("not a sign-off line of this checklist".to_string());
        };
        match self.assessment.lines.get(k) {
            None | Some(LineState::Missing) => Err("missing: no one has signed".to_string()),
            Some(LineState::Stale { .. }) => {
                Err("stale: answers changed after signing".to_string())
            }
            Some(LineState::NotCounted { fault, .. }) => Err(format!("does not count: {fault}")),
            Some(LineState::Current { record }) => {
                let key = self
                    .assessment
                    .records
                    .get(*record)
                    .and_then(|st| st.key.as_deref());
                let shared = self
                    .assessment
                    .shared
                    .iter()
                    .find(|s| self.assessment.shared_blocks && Some(s.key.as_str()) == key);
                match shared {
                    Some(s) => Err(format!("does not count: {s}")),
                    None => Ok(()),
                }
            }
        }
    }

    /// An item's name in a report: a sign-off line is named by its role (`Sign-off: Security
    /// Lead`), never by its raw blanks.
    pub fn title(&self, it: &ItemRecord) -> String {
        match self.lines.iter().find(|l| l.item == it.id) {
            Some(l) if it.role == Role::Signoff => format!("Sign-off: {}", l.role),
            _ => it.text.clone(),
        }
    }

    /// Every reason for the recomputed verdict, in words.
    pub fn reasons(&self) -> Vec<String> {
        self.breakdown
            .reasons
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    /// The verdict as a test of its own: it passes on GO, and on NO-GO fails with every reason,
    /// so no report of a NO-GO record reads as a pass.
    pub fn verdict_outcome(&self) -> Outcome {
        if self.breakdown.verdict.is_go() {
            Outcome::Passed
        } else {
            Outcome::Failed(format!("NO-GO: {}", self.reasons().join("; ")))
        }
    }

    /// The verdict test's name.
    pub fn verdict_title(&self) -> String {
        format!("Verdict: {}", self.verdict())
    }

    /// The recomputed verdict: `GO` or `NO-GO`.
    pub fn verdict(&self) -> &'static str {
        self.breakdown.verdict.as_str()
    }

    /// The recomputed score, 0–10.
    pub fn score(&self) -> f64 {
        f64::from(self.breakdown.score_centi) / 100.0
    }

    /// What an item's outcome is for a test report.
    pub fn outcome(&self, it: &ItemRecord) -> Outcome {
        use super::answers::Status;
        let why = |it: &ItemRecord| {
            let what = if it.waived { "Waived" } else { "N/A" };
            match &it.until {
                Some(until) => format!("{what} until {until}: {}", it.reason),
                None => format!("{what}: {}", it.reason),
            }
        };
        let lapsed = self.breakdown.reasons.iter().find_map(|r| match r {
            crate::domain::score::Reason::WaiverExpired { id, on, .. } if *id == it.id => Some(on),
            _ => None,
        });
        match it.role {
            Role::NotRequired => Outcome::Skipped(format!(
                "not required at {}",
                self.record.level.as_deref().unwrap_or("this level")
            )),
            Role::Signoff => match self.line_standing(&it.id) {
                Ok(()) => Outcome::Passed,
                Err(why) => Outcome::Failed(format!("sign-off {why}")),
            },
            _ if it.status == Status::Na => match lapsed {
                Some(on) => Outcome::Failed(format!("waiver expired on {on} ({})", why(it))),
                None => Outcome::Skipped(why(it)),
            },
            Role::Trigger if it.status == Status::Done => {
                Outcome::Failed("failure trigger happened".to_string())
            }
            Role::Trigger => Outcome::Passed,
            Role::Procedure if it.status == Status::Done => Outcome::Passed,
            Role::Procedure => Outcome::Skipped("procedure: not part of the verdict".to_string()),
            _ if it.status == Status::Done => Outcome::Passed,
            _ if it.critical => Outcome::Failed("open (critical)".to_string()),
            _ => Outcome::Failed("open".to_string()),
        }
    }

    /// Who answered an item, in words (empty when the record does not say).
    pub fn answered_by(it: &ItemRecord) -> String {
        describe_by(&it.by)
    }

    /// The section path of an item, joined for people.
    pub fn section(it: &ItemRecord) -> String {
        it.section.join(" › ")
    }
}

/// The id of the verdict's own test, control or finding in every format.
pub const VERDICT_ID: &str = "readiness-verdict";

/// What an item is in a test report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Outcome {
    Passed,
    Failed(String),
    Skipped(String),
}

/// Converts the record `text` to `format`, when it verifies (`verifier` checks its signatures).
pub fn convert(
    text: &str,
    format: Format,
    verifier: &dyn SignatureVerifier,
) -> Result<String, ConvertError> {
    let v = verify(text, None, verifier);
    convert_verified(text, &v, format)
}

/// Converts a record already verified as `v` (from its exact bytes `text`).
pub fn convert_verified(
    text: &str,
    v: &Verification,
    format: Format,
) -> Result<String, ConvertError> {
    let (Some(record), Some(breakdown), Some(assessment), true) = (
        v.record.as_ref(),
        v.breakdown.as_ref(),
        v.assessment.as_ref(),
        v.problems.is_empty(),
    ) else {
        let mut why = v.problems.clone();
        if why.is_empty() {
            why.push("it could not be read".to_string());
        }
        return Err(ConvertError::NotVerified(why));
    };
    let src = Source {
        record,
        breakdown,
        assessment,
        lines: &v.lines,
        record_sha256: sha256_hex(text.as_bytes()),
    };
    Ok(match format {
        Format::Junit => junit::junit(&src),
        Format::Csv => spreadsheet::items(&src),
        Format::CsvSignoffs => spreadsheet::signoffs(&src),
        Format::Hdf => hdf::hdf(&src),
        Format::Oscal => oscal::oscal(&src),
        Format::TestResult => test_result::statement(&src),
    })
}

/// Short key id for people (`bdc1 e8fb e5e0 8ecd`).
pub(crate) fn short_key(key: &Option<String>) -> String {
    key.as_deref().map(short_fingerprint).unwrap_or_default()
}

/// Pretty JSON with a final newline, as every JSON output is written.
pub(crate) fn pretty(value: &serde_json::Value) -> String {
    let mut s = serde_json::to_string_pretty(value).unwrap_or_default();
    s.push('\n');
    s
}
