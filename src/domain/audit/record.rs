//! The audit record's schema (`readiness-audit/1`, docs/FORMAT.md): the types an export is
//! written from and read into, its integrity digest, and the answers it holds.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::domain::answers::digest::{digest_value, AnswersContent, Attest, ItemFacts};
use crate::domain::answers::{
    Answers, Attribution, ItemAnswer, Override, Ready, SignOffRecord, Status,
};
use crate::domain::model::Checklist;
use crate::domain::parser::{parse, signoff_role};
use crate::domain::score::{Role, Verdict};
use crate::domain::signoff::signers::Signers;
use crate::domain::signoff::signing::{signature_check, Envelope, SignatureCheck, SignedFacts};
use crate::domain::signoff::standing::Line;
use crate::domain::text::sha256_hex;

/// Schema identifier of an audit record.
pub const AUDIT_SCHEMA: &str = "readiness-audit/1";
/// Name of the integrity algorithm: SHA-256 over the RFC 8785 canonical form.
pub const INTEGRITY_ALGORITHM: &str = "sha256-jcs";

/// Which checklist a record is about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChecklistRef {
    /// Title.
    pub title: String,
    /// File name.
    pub file: String,
    /// SHA-256 of the exact template bytes.
    pub sha256: String,
    /// Number of items.
    pub items: usize,
    /// The template itself, its exact bytes as UTF-8 text (a byte-order mark kept as U+FEFF), so
    /// the record proves its verdict without the file beside it: verification rebuilds every item,
    /// role, weight, threshold, sign-off line and the title from it (absent from records made
    /// before revision 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

impl ChecklistRef {
    /// The template bytes the record carries, when it carries them.
    pub fn carried(&self) -> Option<&[u8]> {
        self.source.as_deref().map(str::as_bytes)
    }
}

/// The record revision this build writes: 2 carries its template (`checklist.source`) and its
/// answers digest attests who answered open items too. Revision 1 records (no `revision` field)
/// verify by their own rules forever.
pub const RECORD_REVISION: u32 = 2;

/// One category in the score breakdown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CategoryRecord {
    /// Name.
    pub name: String,
    /// Weight in percent.
    pub weight: f64,
    /// Items.
    pub total: usize,
    /// Done.
    pub done: usize,
    /// Not applicable.
    pub na: usize,
    /// Score 0-10 (`null` when nothing applies).
    pub score: Option<f64>,
    /// Manual override score, if any.
    #[serde(rename = "override")]
    pub override_score: Option<f64>,
}

/// Score breakdown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoreRecord {
    /// Weighted score 0-10.
    pub value: f64,
    /// Minimum for GO.
    pub threshold: f64,
    /// Per category.
    pub categories: Vec<CategoryRecord>,
}

/// The verdict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VerdictRecord {
    /// `GO` or `NO-GO`.
    pub decision: Verdict,
    /// Every reason for NO-GO.
    pub reasons: Vec<String>,
}

/// The record a release's answers were carried from: enough to find it and to check it is that
/// very record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CarriedFrom {
    /// The record's integrity digest (`integrity.digest`).
    pub integrity: String,
    /// Its file name, as given.
    pub file: String,
    /// The template file it was made with, and that template's SHA-256.
    pub checklist: String,
    /// See `checklist`.
    pub sha256: String,
    /// When it was made (`generated_at`).
    pub at: String,
}

/// One item and its answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemRecord {
    /// Stable id.
    pub id: String,
    /// Section titles from the top.
    pub section: Vec<String>,
    /// Plain text.
    pub text: String,
    /// `readiness`, `trigger`, `procedure` or `signoff`.
    pub role: Role,
    /// Critical marker.
    pub critical: bool,
    /// Score category, for readiness items.
    pub category: Option<String>,
    /// Effective status.
    pub status: Status,
    /// N/A reason.
    pub reason: String,
    /// A waived N/A (absent when not).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub waived: bool,
    /// The last day the N/A or waiver holds (absent when it has no end).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
    /// Note.
    pub note: String,
    /// Evidence links.
    pub evidence: Vec<String>,
    /// Values of the blanks on the item's line.
    pub fields: BTreeMap<String, String>,
    /// When the answer last changed.
    pub changed_at: Option<String>,
    /// Who changed it, oldest first (absent when no one is named).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub by: Vec<Attribution>,
}

/// A sign-off record as exported, with its stale flag.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignoffOut {
    /// Sign-off item id.
    pub item: String,
    /// Role.
    pub role: String,
    /// Signer's name.
    pub name: String,
    /// Date on the sign-off.
    pub date: String,
    /// When it was recorded.
    pub signed_at: String,
    /// Answers digest at signing.
    pub digest: String,
    /// Whether the answers changed after this signature.
    pub stale: bool,
    /// Signer's raw Ed25519 public key, base64.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_key: Option<String>,
    /// DSSE envelope of the signed statement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub envelope: Option<Envelope>,
}

impl SignoffOut {
    /// A kept sign-off record as exported, with its stale flag.
    pub fn of(r: &SignOffRecord, stale: bool) -> SignoffOut {
        SignoffOut {
            item: r.item.clone(),
            role: r.role.clone(),
            name: r.name.clone(),
            date: r.date.clone(),
            signed_at: r.signed_at.clone(),
            digest: r.digest.clone(),
            stale,
            public_key: r.public_key.clone(),
            envelope: r.envelope.clone(),
        }
    }

    /// The sign-off record it exports (its stale flag is recomputed, never kept).
    pub fn to_record(&self) -> SignOffRecord {
        SignOffRecord {
            item: self.item.clone(),
            role: self.role.clone(),
            name: self.name.clone(),
            date: self.date.clone(),
            signed_at: self.signed_at.clone(),
            digest: self.digest.clone(),
            public_key: self.public_key.clone(),
            envelope: self.envelope.clone(),
        }
    }

    /// The facts its signature must cover, for the checklist of `record`.
    pub fn facts<'a>(&'a self, record: &'a AuditRecord) -> SignedFacts<'a> {
        SignedFacts {
            file: &record.checklist.file,
            template_sha256: &record.checklist.sha256,
            item: &self.item,
            role: &self.role,
            name: &self.name,
            date: &self.date,
            signed_at: &self.signed_at,
            answers_digest: &self.digest,
        }
    }
}

impl AuditRecord {
    /// The template the record carries, read under its exported file name, when its bytes are the
    /// ones the record's SHA-256 names (`None` for a record made before records carried it, or
    /// one whose copy does not match: verification says which).
    pub fn carried_template(&self) -> Option<Checklist> {
        let bytes = self.checklist.carried()?;
        if sha256_hex(bytes) != self.checklist.sha256 {
            return None;
        }
        parse(&self.checklist.file, bytes).ok()
    }

    /// What its answers digest attests to, by its revision.
    pub fn attest(&self) -> Attest {
        if self.revision.unwrap_or(1) >= 2 {
            Attest::Answerers
        } else {
            Attest::Answers
        }
    }

    /// Its sign-off lines, each role read from the line's text by the parser's own rule.
    pub fn lines(&self) -> Vec<Line> {
        self.items
            .iter()
            .filter(|i| i.role == Role::Signoff)
            .map(|i| Line {
                item: i.id.clone(),
                role: signoff_role(&i.text),
                section: i.section.clone(),
            })
            .collect()
    }

    /// The signature checks this record asks for (the browser runs them with WebCrypto first).
    pub fn signature_checks(&self) -> Vec<SignatureCheck> {
        self.signoffs
            .iter()
            .filter_map(|s| signature_check(s.public_key.as_deref(), s.envelope.as_ref()))
            .collect()
    }
}

/// The sign-off rules a record's verdict was judged by, beyond the defaults (absent when none
/// applies, so records judged by the defaults keep their earlier form).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordRules {
    /// The checklist's `shared-signers` directive: one key may sign several roles.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub shared_signers: bool,
    /// The signers file in force when the record was made (the bundled `<stem>.signers.json`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signers: Option<Signers>,
}

impl RecordRules {
    /// Whether these are the defaults (and so are not written).
    pub fn is_default(&self) -> bool {
        *self == RecordRules::default()
    }
}

/// Answers whose item or field the template no longer has.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Orphans {
    /// Item answers by id.
    pub items: BTreeMap<String, ItemAnswer>,
    /// Field values by id.
    pub fields: BTreeMap<String, String>,
}

/// The integrity block.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Integrity {
    /// Always [`INTEGRITY_ALGORITHM`].
    pub algorithm: String,
    /// Hex SHA-256 of the canonical record without this block.
    pub digest: String,
}

/// An exported audit record (schema `readiness-audit/1`, documented in docs/FORMAT.md).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditRecord {
    /// Always [`AUDIT_SCHEMA`].
    pub schema: String,
    /// [`RECORD_REVISION`] for records this build writes; absent (1) in earlier ones.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revision: Option<u32>,
    /// Version of the app that exported it.
    pub app_version: String,
    /// Export time, RFC 3339 UTC.
    pub generated_at: String,
    /// The checklist.
    pub checklist: ChecklistRef,
    /// Score breakdown.
    pub score: ScoreRecord,
    /// Verdict.
    pub verdict: VerdictRecord,
    /// Every item with its answer.
    pub items: Vec<ItemRecord>,
    /// Values of blanks outside items.
    pub fields: BTreeMap<String, String>,
    /// Manual category scores.
    pub overrides: BTreeMap<String, Override>,
    /// Every sign-off record, oldest first.
    pub signoffs: Vec<SignoffOut>,
    /// The sign-off rules the verdict was judged by, beyond the defaults.
    #[serde(default, skip_serializing_if = "RecordRules::is_default")]
    pub rules: RecordRules,
    /// The "ready for sign-off" mark the answers carried, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ready: Option<Ready>,
    /// The target level in force, for a checklist with level columns (absent otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    /// Answers for items and fields the template no longer has.
    pub orphans: Orphans,
    /// The record this release's answers were carried from (absent when they were not): an
    /// auditor follows the chain with `verify --previous`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<CarriedFrom>,
    /// Digest of the answers' content (what sign-offs attest to).
    pub answers_digest: String,
    /// Integrity block (absent only while it is being computed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub integrity: Option<Integrity>,
}

pub(super) fn f_centi(v: u32) -> f64 {
    f64::from(v) / 100.0
}

pub(super) fn to_centi(v: f64) -> Option<u32> {
    (v.is_finite() && (0.0..=1e6).contains(&v)).then(|| (v * 100.0).round() as u32)
}

/// Digest of a record without its integrity block.
pub fn integrity_digest(record: &AuditRecord) -> String {
    let mut value = serde_json::to_value(record).unwrap_or(Value::Null);
    if let Some(o) = value.as_object_mut() {
        o.remove("integrity");
    }
    digest_value(&value)
}

/// Pretty JSON of a record, as the Export button and the CLI write it.
pub fn to_json(record: &AuditRecord) -> String {
    let mut s = serde_json::to_string_pretty(record).unwrap_or_default();
    s.push('\n');
    s
}

/// The answers held in a record (for re-scoring, or for importing an export back).
pub fn answers_from_record(record: &AuditRecord) -> Answers {
    let mut answers = Answers::default();
    for it in &record.items {
        if it.status != Status::Open
            || !it.reason.is_empty()
            || !it.note.is_empty()
            || !it.evidence.is_empty()
            || it.changed_at.is_some()
            || !it.by.is_empty()
        {
            answers.items.insert(
                it.id.clone(),
                ItemAnswer {
                    status: it.status,
                    reason: it.reason.clone(),
                    waived: it.waived,
                    until: it.until.clone(),
                    note: it.note.clone(),
                    evidence: it.evidence.clone(),
                    changed_at: it.changed_at.clone(),
                    by: it.by.clone(),
                },
            );
        }
        for (k, v) in &it.fields {
            if !v.is_empty() {
                answers.fields.insert(k.clone(), v.clone());
            }
        }
    }
    for (k, v) in &record.fields {
        if !v.is_empty() {
            answers.fields.insert(k.clone(), v.clone());
        }
    }
    for (k, v) in &record.orphans.items {
        answers.items.insert(k.clone(), v.clone());
    }
    for (k, v) in &record.orphans.fields {
        answers.fields.insert(k.clone(), v.clone());
    }
    answers.overrides = record.overrides.clone();
    answers.ready = record.ready.clone();
    answers.level = record.level.clone();
    answers.carried_from = record
        .previous
        .as_ref()
        .and_then(|p| serde_json::to_value(p).ok());
    answers.signoffs = record.signoffs.iter().map(SignoffOut::to_record).collect();
    answers
}

/// The answers digest recomputed from a record's items, fields and overrides: the same typed
/// content the app and the export digest.
pub fn record_answers_digest(record: &AuditRecord) -> String {
    let items = record.items.iter().map(|it| ItemFacts {
        id: &it.id,
        signoff: it.role == Role::Signoff,
        status: it.status,
        reason: &it.reason,
        waived: it.waived,
        until: it.until.as_deref(),
        note: &it.note,
        evidence: &it.evidence,
        by: &it.by,
        fields: it.fields.iter().map(|(k, v)| (k.as_str(), v.as_str())),
    });
    let loose = record.fields.iter().map(|(k, v)| (k.as_str(), v.as_str()));
    let mut content = AnswersContent::build(items, loose, &record.overrides, record.attest());
    content.level = record.level.clone();
    content.previous = record.previous.as_ref().map(|p| p.integrity.clone());
    content.digest()
}
