//! Continuing from what someone else answered: an export (`readiness-audit/1`) or an answers file
//! (`readiness-answers/1`) brought into a checklist that already has answers here, by file, drop,
//! paste or share link. Nothing changes until the person has seen a [`Preview`]: what is new, what
//! is the same, each conflict with both sides, the answers for items this checklist does not have,
//! and every incoming sign-off with whether its signature holds. Several files open in one preview
//! (a coordinator gathering a team's parts), each with who it came from and what it adds.
//! [`Preview::apply`] then merges with the one merge rule (`merge`), taking each conflict from the
//! side chosen; [`Preview::outcome`] says beforehand which sign-offs will count and which go stale.

mod outcome;
mod preview;

pub use outcome::{list, Outcome, Resign};
pub use preview::{preview, preview_all, Clash, FilePart, Preview, Side};

use std::collections::HashSet;

use thiserror::Error;

use super::answers::{Answers, SignOffRecord};
use super::audit::{answers_from_record, AuditRecord, AUDIT_SCHEMA};
use super::error::DataError;
use super::model::Checklist;
use crate::domain::answers::merge::union_of_records;
use crate::domain::signoff::signing::{signature_check, SignatureCheck};
use crate::domain::signoff::standing::{fault_of, Ground};
use crate::domain::text::json::parse_strict;

/// Why something could not be brought in. Nothing local changes in any of these cases.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ImportError {
    /// Nothing in the file.
    #[error("{name}: the file is empty")]
    Empty {
        /// The file (or "the share link").
        name: String,
    },
    /// Not JSON (cut short, for instance), with the position, or not the expected shape.
    #[error("{name}: {source}")]
    Data {
        /// The file.
        name: String,
        /// What is wrong and where.
        source: DataError,
    },
    /// JSON of some other kind.
    #[error("{name}: not an export ({AUDIT_SCHEMA}) or an answers file ({answers}): {found}", answers = super::answers::ANSWERS_SCHEMA)]
    NotAnswers {
        /// The file.
        name: String,
        /// What its schema says, or that it has none.
        found: String,
    },
    /// An export of a checklist that is not this one.
    #[error("{name} is a record of {theirs} (sha256 {theirs_sha}…), not of this checklist, {ours} (sha256 {ours_sha}…)")]
    OtherChecklist {
        /// The file.
        name: String,
        /// The record's checklist.
        theirs: String,
        /// Its template SHA-256, shortened.
        theirs_sha: String,
        /// This checklist.
        ours: String,
        /// Its SHA-256, shortened.
        ours_sha: String,
    },
    /// An answers file none of whose answers belong to this checklist.
    #[error("{name}: none of its {count} answers belong to this checklist ({ours})")]
    Unrelated {
        /// The file.
        name: String,
        /// How many answers it has.
        count: usize,
        /// This checklist.
        ours: String,
    },
}

/// What a file or share link holds: the answers and, for an export, the record they came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Incoming {
    /// Where it came from, for messages.
    pub name: String,
    /// Its answers and sign-off records.
    pub answers: Answers,
    /// The export, when it is one.
    pub record: Option<AuditRecord>,
}

/// Reads an export or an answers file, strictly (a repeated key, a cut-short file or an unknown
/// schema is an error naming the file and, for JSON, the line and column).
pub fn read_incoming(name: &str, text: &str) -> Result<Incoming, ImportError> {
    if text.trim().is_empty() {
        return Err(ImportError::Empty {
            name: name.to_string(),
        });
    }
    let data = |source| ImportError::Data {
        name: name.to_string(),
        source,
    };
    let value = parse_strict(text).map_err(data)?;
    let schema = value.get("schema").and_then(serde_json::Value::as_str);
    match schema {
        Some(AUDIT_SCHEMA) => {
            let record: AuditRecord = serde_json::from_value(value)
                .map_err(|e| data(DataError::Shape(format!("malformed export: {e}"))))?;
            Ok(Incoming {
                name: name.to_string(),
                answers: answers_from_record(&record),
                record: Some(record),
            })
        }
        Some(super::answers::ANSWERS_SCHEMA) => Ok(Incoming {
            name: name.to_string(),
            answers: Answers::from_value(value).map_err(data)?,
            record: None,
        }),
        other => Err(ImportError::NotAnswers {
            name: name.to_string(),
            found: other.map_or("it has no \"schema\"".to_string(), |s| {
                format!("its schema is {s:?}")
            }),
        }),
    }
}

impl Incoming {
    /// The signature checks its sign-offs ask for (for the browser to run with WebCrypto first).
    pub fn signature_checks(&self) -> Vec<SignatureCheck> {
        self.answers
            .signoffs
            .iter()
            .filter_map(|r| signature_check(r.public_key.as_deref(), r.envelope.as_ref()))
            .collect()
    }
}

/// Which version of the checklist the incoming answers were made with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Version {
    /// This one (same template SHA-256).
    Same,
    /// Another version of it (another SHA-256, same file name or mostly the same items): answers
    /// follow their items by stable id.
    Other {
        /// The record's template SHA-256.
        sha256: String,
    },
    /// Not known: an answers file does not name its template.
    Unknown,
}

/// What happens to one incoming sign-off record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignoffFate {
    /// It holds by the one rule (signature, line and role, dates, signers file); it will be added
    /// (current or stale by the merged answers' digest).
    Added,
    /// The same record (same signature) is already here.
    AlreadyHere,
    /// The same record was set aside here at an earlier import (a re-sign over other answers
    /// kept as history only): it stays history.
    SetAside,
    /// Signed for another version of the checklist: a signature binds the exact template, so it
    /// cannot count here and is left out.
    OtherVersion,
    /// It does not hold by the one rule (not signed, a bad signature, another role than its
    /// line's, an impossible date, a key not on the signers list): left out, never counted.
    Invalid(String),
}

/// One incoming sign-off record and what happens to it.
#[derive(Debug, Clone, PartialEq)]
pub struct IncomingSignoff {
    /// The record as it came.
    pub record: SignOffRecord,
    /// What happens to it.
    pub fate: SignoffFate,
    /// Which file it came in (index into [`Preview::files`]).
    pub from: usize,
}

fn short(sha: &str) -> String {
    sha.chars().take(12).collect()
}

fn base_name(file: &str) -> &str {
    file.rsplit('/').next().unwrap_or(file)
}

/// Whether the incoming answers are about this checklist, and which version of it.
pub(crate) fn version_of(
    checklist: &Checklist,
    incoming: &Incoming,
) -> Result<Version, ImportError> {
    let ids: HashSet<&str> = checklist
        .items
        .iter()
        .map(|i| i.id.as_str())
        .chain(checklist.fields.iter().map(|f| f.id.as_str()))
        .collect();
    match &incoming.record {
        Some(r) if r.checklist.sha256 == checklist.sha256() => Ok(Version::Same),
        Some(r) => {
            let shared = r
                .items
                .iter()
                .filter(|i| ids.contains(i.id.as_str()))
                .count();
            let same_name = base_name(&r.checklist.file) == base_name(&checklist.file);
            if same_name || (shared > 0 && shared * 2 >= r.items.len()) {
                Ok(Version::Other {
                    sha256: r.checklist.sha256.clone(),
                })
            } else {
                Err(ImportError::OtherChecklist {
                    name: incoming.name.clone(),
                    theirs: r.checklist.file.clone(),
                    theirs_sha: short(&r.checklist.sha256),
                    ours: checklist.file.clone(),
                    ours_sha: short(checklist.sha256()),
                })
            }
        }
        None => {
            let a = &incoming.answers;
            let mut keys = a
                .items
                .keys()
                .chain(a.fields.keys())
                .chain(a.signoffs.iter().map(|s| &s.item));
            let count = a.items.len() + a.fields.len() + a.signoffs.len();
            if count > 0 && !keys.any(|k| ids.contains(k.as_str())) {
                return Err(ImportError::Unrelated {
                    name: incoming.name.clone(),
                    count,
                    ours: checklist.file.clone(),
                });
            }
            Ok(Version::Unknown)
        }
    }
}

/// What the one rule says of an incoming sign-off record, held against this checklist (`g`): a
/// signature binds the template's file name and SHA-256 as well as the answers digest.
pub(crate) fn fate_of(
    g: &Ground<'_>,
    mine: &Answers,
    r: &SignOffRecord,
    version: &Version,
) -> SignoffFate {
    if matches!(version, Version::Other { .. }) {
        return SignoffFate::OtherVersion;
    }
    match fault_of(g, r).1 {
        Some(fault) => SignoffFate::Invalid(fault.to_string()),
        None if crate::domain::answers::merge::holds_record(&mine.set_aside, r) => {
            SignoffFate::SetAside
        }
        None if union_of_records(mine.signoffs.iter().chain([r])).len() == mine.signoffs.len() => {
            SignoffFate::AlreadyHere
        }
        None => SignoffFate::Added,
    }
}
