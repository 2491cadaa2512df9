//! Audit records: the exported, self-checking JSON of a checklist's answers, score and verdict, and
//! its verification (by the CLI, by CI and in the browser, with this same code).
//!
//! Verification trusts nothing it can recompute: the integrity digest, the answers digest, every
//! sign-off's stale flag, each category's counts, the score and the verdict are all recomputed from
//! the answers in the record, and, given the template, from the template itself. Every discrepancy
//! is listed.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::answers::{
    content_entry, digest_value, Answers, ItemAnswer, Override, SignOffRecord, Status,
};
use super::model::Checklist;
use super::parser::parse;
use super::score::{self, Breakdown, Role, ScoreInput, ScoreItem, SignoffState, Tally};
use super::signing::{
    check_signoff, signature_check, Envelope, SignatureCheck, SignatureVerifier, SignedFacts,
};
use super::text::{centi, sha256_hex};
use super::time::Timestamp;

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
}

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
    pub decision: String,
    /// Every reason for NO-GO.
    pub reasons: Vec<String>,
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
    pub role: String,
    /// Critical marker.
    pub critical: bool,
    /// Score category, for readiness items.
    pub category: Option<String>,
    /// Effective status.
    pub status: Status,
    /// N/A reason.
    pub reason: String,
    /// Note.
    pub note: String,
    /// Evidence links.
    pub evidence: Vec<String>,
    /// Values of the blanks on the item's line.
    pub fields: BTreeMap<String, String>,
    /// When the answer last changed.
    pub changed_at: Option<String>,
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
    /// The signature checks this record asks for (the browser runs them with WebCrypto first).
    pub fn signature_checks(&self) -> Vec<SignatureCheck> {
        self.signoffs
            .iter()
            .filter_map(|s| signature_check(s.public_key.as_deref(), s.envelope.as_ref()))
            .collect()
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
    /// Answers for items and fields the template no longer has.
    pub orphans: Orphans,
    /// Digest of the answers' content (what sign-offs attest to).
    pub answers_digest: String,
    /// Integrity block (absent only while it is being computed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub integrity: Option<Integrity>,
}

fn f_centi(v: u32) -> f64 {
    f64::from(v) / 100.0
}

fn to_centi(v: f64) -> Option<u32> {
    (v.is_finite() && (0.0..=1e6).contains(&v)).then(|| (v * 100.0).round() as u32)
}

/// Builds the audit record of a checklist's answers at time `now`.
pub fn export(
    checklist: &Checklist,
    answers: &Answers,
    app_version: &str,
    now: Timestamp,
) -> AuditRecord {
    let input = ScoreInput::new(checklist, answers);
    let breakdown = score::score(&input);
    let content = super::answers::answers_content(checklist, answers);
    let answers_digest = digest_value(&content);
    let mut field_item: HashMap<usize, Vec<usize>> = HashMap::new();
    for (f, field) in checklist.fields.iter().enumerate() {
        if let Some(i) = field.item {
            field_item.entry(i).or_default().push(f);
        }
    }
    let items = checklist
        .items
        .iter()
        .enumerate()
        .map(|(i, it)| {
            let a = answers.items.get(&it.id).cloned().unwrap_or_default();
            let fields = field_item
                .get(&i)
                .map(|fs| {
                    fs.iter()
                        .map(|&f| {
                            let id = &checklist.fields[f].id;
                            (
                                id.clone(),
                                answers.fields.get(id).cloned().unwrap_or_default(),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default();
            let si = &input.items[i];
            ItemRecord {
                id: it.id.clone(),
                section: checklist.section_titles(it.section),
                text: it.plain.clone(),
                role: si.role.as_str().to_string(),
                critical: si.critical,
                category: si.category.map(|c| input.categories[c].0.clone()),
                status: si.status,
                reason: a.reason,
                note: a.note,
                evidence: a.evidence,
                fields,
                changed_at: a.changed_at,
            }
        })
        .collect();
    let fields = checklist
        .fields
        .iter()
        .filter(|f| f.item.is_none())
        .map(|f| {
            (
                f.id.clone(),
                answers.fields.get(&f.id).cloned().unwrap_or_default(),
            )
        })
        .collect();
    let orphaned = answers.orphaned(checklist);
    let orphans = Orphans {
        items: orphaned.items,
        fields: orphaned.fields,
    };
    let signoffs = answers
        .signoffs
        .iter()
        .map(|r| SignoffOut {
            item: r.item.clone(),
            role: r.role.clone(),
            name: r.name.clone(),
            date: r.date.clone(),
            signed_at: r.signed_at.clone(),
            digest: r.digest.clone(),
            stale: r.digest != answers_digest,
            public_key: r.public_key.clone(),
            envelope: r.envelope.clone(),
        })
        .collect();
    let mut record = AuditRecord {
        schema: AUDIT_SCHEMA.to_string(),
        app_version: app_version.to_string(),
        generated_at: now.to_rfc3339(),
        checklist: ChecklistRef {
            title: checklist.title.clone(),
            file: checklist.file.clone(),
            sha256: checklist.sha256().to_string(),
            items: checklist.items.len(),
        },
        score: score_record(&breakdown),
        verdict: verdict_record(&breakdown),
        items,
        fields,
        overrides: answers.overrides.clone(),
        signoffs,
        orphans,
        answers_digest,
        integrity: None,
    };
    record.integrity = Some(Integrity {
        algorithm: INTEGRITY_ALGORITHM.to_string(),
        digest: integrity_digest(&record),
    });
    record
}

fn score_record(b: &Breakdown) -> ScoreRecord {
    ScoreRecord {
        value: f_centi(b.score_centi),
        threshold: f_centi(b.threshold_centi),
        categories: b
            .categories
            .iter()
            .map(|c| CategoryRecord {
                name: c.name.clone(),
                weight: c.weight,
                total: c.counts.total,
                done: c.counts.done,
                na: c.counts.na,
                score: c.score_centi.map(f_centi),
                override_score: c.override_centi.map(f_centi),
            })
            .collect(),
    }
}

fn verdict_record(b: &Breakdown) -> VerdictRecord {
    VerdictRecord {
        decision: if b.go { "GO" } else { "NO-GO" }.to_string(),
        reasons: b.reasons.iter().map(ToString::to_string).collect(),
    }
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
        {
            answers.items.insert(
                it.id.clone(),
                ItemAnswer {
                    status: it.status,
                    reason: it.reason.clone(),
                    note: it.note.clone(),
                    evidence: it.evidence.clone(),
                    changed_at: it.changed_at.clone(),
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
    answers.signoffs = record
        .signoffs
        .iter()
        .map(|s| SignOffRecord {
            item: s.item.clone(),
            role: s.role.clone(),
            name: s.name.clone(),
            date: s.date.clone(),
            signed_at: s.signed_at.clone(),
            digest: s.digest.clone(),
            public_key: s.public_key.clone(),
            envelope: s.envelope.clone(),
        })
        .collect();
    answers
}

/// The answers digest recomputed from a record's items, fields and overrides.
pub fn record_answers_digest(record: &AuditRecord) -> String {
    let mut items = serde_json::Map::new();
    let mut fields = serde_json::Map::new();
    for it in &record.items {
        if let Some(v) = content_entry(it.status, &it.reason, &it.note, &it.evidence) {
            items.insert(it.id.clone(), v);
        }
        if it.role == "signoff" {
            continue;
        }
        for (k, v) in &it.fields {
            if !v.is_empty() {
                fields.insert(k.clone(), Value::String(v.clone()));
            }
        }
    }
    for (k, v) in &record.fields {
        if !v.is_empty() {
            fields.insert(k.clone(), Value::String(v.clone()));
        }
    }
    let overrides: serde_json::Map<String, Value> = record
        .overrides
        .iter()
        .map(|(k, o)| {
            (
                k.clone(),
                serde_json::json!({"score": o.score, "reason": o.reason}),
            )
        })
        .collect();
    digest_value(&serde_json::json!({"items": items, "fields": fields, "overrides": overrides}))
}

/// What changed in a template since a record was exported.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Drift {
    /// Items in the template but not in the record: (id, text).
    pub added: Vec<(String, String)>,
    /// Items in the record but not in the template: (id, text).
    pub removed: Vec<(String, String)>,
    /// Items whose text, section or role changed: (record id, template id, what changed).
    pub changed: Vec<(String, String, String)>,
}

impl Drift {
    /// No differences.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

/// Compares the items of a record with a (possibly newer) template.
pub fn drift(record: &AuditRecord, template: &Checklist) -> Drift {
    let input = ScoreInput::new(template, &Answers::default());
    let tmpl: Vec<ItemView> = template
        .items
        .iter()
        .enumerate()
        .map(|(i, it)| ItemView {
            id: it.id.clone(),
            text: it.plain.clone(),
            section: template.section_titles(it.section),
            role: input.items[i].role.as_str().to_string(),
            critical: input.items[i].critical,
        })
        .collect();
    let rec: Vec<ItemView> = record
        .items
        .iter()
        .map(|it| ItemView {
            id: it.id.clone(),
            text: it.text.clone(),
            section: it.section.clone(),
            role: it.role.clone(),
            critical: it.critical,
        })
        .collect();
    let tmpl_ids: HashMap<&str, &ItemView> = tmpl.iter().map(|v| (v.id.as_str(), v)).collect();
    let rec_ids: HashMap<&str, &ItemView> = rec.iter().map(|v| (v.id.as_str(), v)).collect();
    let mut d = Drift::default();
    for r in &rec {
        match tmpl_ids.get(r.id.as_str()) {
            Some(t) => {
                let mut what = Vec::new();
                if t.text != r.text {
                    what.push(format!("text {:?} → {:?}", r.text, t.text));
                }
                if t.section != r.section {
                    what.push(format!(
                        "section {:?} → {:?}",
                        r.section.join(" / "),
                        t.section.join(" / ")
                    ));
                }
                if t.role != r.role {
                    what.push(format!("role {} → {}", r.role, t.role));
                }
                if t.critical != r.critical {
                    what.push(format!("critical {} → {}", r.critical, t.critical));
                }
                if !what.is_empty() {
                    d.changed
                        .push((r.id.clone(), t.id.clone(), what.join("; ")));
                }
            }
            None => d.removed.push((r.id.clone(), r.text.clone())),
        }
    }
    for t in &tmpl {
        if !rec_ids.contains_key(t.id.as_str()) {
            d.added.push((t.id.clone(), t.text.clone()));
        }
    }
    // A removed and an added item at the same place of the same section is one edited item.
    let ordinal = |views: &[ItemView], id: &str| -> Option<(Vec<String>, usize)> {
        let v = views.iter().find(|v| v.id == id)?;
        let n = views
            .iter()
            .filter(|o| o.section == v.section)
            .position(|o| o.id == id)?;
        Some((v.section.clone(), n))
    };
    let mut still_removed = Vec::new();
    for (rid, rtext) in std::mem::take(&mut d.removed) {
        let place = ordinal(&rec, &rid);
        let pos = d
            .added
            .iter()
            .position(|(aid, _)| place.is_some() && ordinal(&tmpl, aid) == place);
        match pos {
            Some(p) => {
                let (aid, atext) = d.added.remove(p);
                d.changed
                    .push((rid, aid, format!("text {rtext:?} → {atext:?}")));
            }
            None => still_removed.push((rid, rtext)),
        }
    }
    d.removed = still_removed;
    d
}

struct ItemView {
    id: String,
    text: String,
    section: Vec<String>,
    role: String,
    critical: bool,
}

/// Result of verifying a record.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Verification {
    /// Every discrepancy found; empty means verified.
    pub problems: Vec<String>,
    /// Template drift, when a template was given and differs.
    pub drift: Option<Drift>,
    /// The record, when it could be read.
    #[serde(skip)]
    pub record: Option<AuditRecord>,
    /// Fingerprints of the keys whose signatures verified, by sign-off (index into `signoffs`).
    pub signers: Vec<Option<String>>,
}

impl Verification {
    /// Verified: nothing differs.
    pub fn ok(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Verifies an exported record, optionally against the template it claims to be about
/// (`(file name, exact bytes)`); `verifier` checks Ed25519 signatures.
pub fn verify(
    text: &str,
    template: Option<(&str, &[u8])>,
    verifier: &dyn SignatureVerifier,
) -> Verification {
    let mut v = Verification::default();
    let value: Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(e) => {
            v.problems.push(format!(
                "not a readable export: {}",
                super::error::DataError::from_json(&e)
            ));
            return v;
        }
    };
    let schema = value.get("schema").and_then(Value::as_str);
    if schema != Some(AUDIT_SCHEMA) {
        v.problems.push(match schema {
            Some(s) => format!("unknown schema {s:?}: this build verifies {AUDIT_SCHEMA}"),
            None => "not an audit record: no \"schema\" field".to_string(),
        });
        return v;
    }
    // Integrity first, on the record exactly as it is.
    let mut without = value.clone();
    let claimed = without
        .as_object_mut()
        .and_then(|o| o.remove("integrity"))
        .unwrap_or(Value::Null);
    let actual = digest_value(&without);
    match (
        claimed.get("algorithm").and_then(Value::as_str),
        claimed.get("digest").and_then(Value::as_str),
    ) {
        (Some(INTEGRITY_ALGORITHM), Some(d)) if d == actual => {}
        (Some(INTEGRITY_ALGORITHM), Some(d)) => v.problems.push(format!(
            "integrity digest mismatch: the record was modified after export (recorded {d}, computed {actual})"
        )),
        (Some(other), _) => v
            .problems
            .push(format!("unknown integrity algorithm {other:?}")),
        _ => v.problems.push("integrity block missing or incomplete".to_string()),
    }
    let record: AuditRecord = match serde_json::from_value(value) {
        Ok(r) => r,
        Err(e) => {
            v.problems.push(format!("record is malformed: {e}"));
            return v;
        }
    };
    check_record(&record, &mut v.problems);
    for s in &record.signoffs {
        match check_signoff(
            &s.facts(&record),
            s.public_key.as_deref(),
            s.envelope.as_ref(),
            verifier,
        ) {
            Ok(fp) => v.signers.push(Some(fp)),
            Err(problem) => {
                v.problems.push(problem);
                v.signers.push(None);
            }
        }
    }
    if let Some((name, bytes)) = template {
        check_template(&record, name, bytes, &mut v);
    }
    v.record = Some(record);
    v
}

/// Internal consistency: everything recomputable from the record itself.
fn check_record(record: &AuditRecord, problems: &mut Vec<String>) {
    if Timestamp::parse_rfc3339(&record.generated_at).is_none() {
        problems.push(format!(
            "generated_at {:?} is not an RFC 3339 time",
            record.generated_at
        ));
    }
    if record.checklist.items != record.items.len() {
        problems.push(format!(
            "checklist.items says {} but the record lists {} items",
            record.checklist.items,
            record.items.len()
        ));
    }
    let mut seen = HashSet::new();
    for it in &record.items {
        if !seen.insert(it.id.as_str()) {
            problems.push(format!("item {} appears twice", it.id));
        }
        if it.status == Status::Na && it.reason.trim().is_empty() {
            problems.push(format!("item {} is N/A without a reason", it.id));
        }
        if Role::parse(&it.role).is_none() {
            problems.push(format!("item {} has unknown role {:?}", it.id, it.role));
        }
    }
    let digest = record_answers_digest(record);
    if digest != record.answers_digest {
        problems.push(format!(
            "answers_digest does not match the answers (recorded {}, computed {digest})",
            record.answers_digest
        ));
    }
    let roles: HashMap<&str, &str> = record
        .items
        .iter()
        .map(|i| (i.id.as_str(), i.role.as_str()))
        .collect();
    for s in &record.signoffs {
        if roles.get(s.item.as_str()) != Some(&"signoff") {
            problems.push(format!(
                "sign-off by {:?} names {}, which is not a sign-off item",
                s.name, s.item
            ));
        }
        let stale = s.digest != digest;
        if stale != s.stale {
            problems.push(format!(
                "sign-off {} by {:?} is marked {} but is {}",
                s.role,
                s.name,
                if s.stale { "stale" } else { "current" },
                if stale { "stale" } else { "current" }
            ));
        }
    }
    // Re-score from the record's own items and weights.
    let names: Vec<(String, f64)> = record
        .score
        .categories
        .iter()
        .map(|c| (c.name.clone(), c.weight))
        .collect();
    let index: HashMap<&str, usize> = names
        .iter()
        .enumerate()
        .map(|(i, (n, _))| (n.as_str(), i))
        .collect();
    let mut items = Vec::with_capacity(record.items.len());
    for it in &record.items {
        let category = match &it.category {
            Some(c) => match index.get(c.as_str()) {
                Some(&i) => Some(i),
                None => {
                    problems.push(format!("item {} names unknown category {c:?}", it.id));
                    None
                }
            },
            None => None,
        };
        items.push(ScoreItem {
            id: it.id.clone(),
            text: it.text.clone(),
            role: Role::parse(&it.role).unwrap_or(Role::Readiness),
            critical: it.critical,
            category,
            status: it.status,
        });
    }
    let mut latest: HashMap<&str, &SignoffOut> = HashMap::new();
    for s in &record.signoffs {
        latest.insert(s.item.as_str(), s);
    }
    let signoffs = record
        .items
        .iter()
        .filter(|i| i.role == "signoff")
        .map(|i| {
            let l = latest.get(i.id.as_str());
            SignoffState {
                item: i.id.clone(),
                role: role_of(record, &i.id),
                signed: l.is_some(),
                stale: l.is_some_and(|s| s.digest != digest),
            }
        })
        .collect();
    let Some(threshold_centi) = to_centi(record.score.threshold) else {
        problems.push("score.threshold is not a number from 0 to 10".to_string());
        return;
    };
    let input = ScoreInput {
        items,
        categories: names,
        overrides: record.overrides.clone(),
        threshold_centi,
        signoffs,
    };
    let b = score::breakdown(&input, &Tally::new(&input));
    compare_breakdown(record, &b, "the record's answers", problems);
}

/// The role named by the sign-off item: the latest record's role, else the item's text.
fn role_of(record: &AuditRecord, item: &str) -> String {
    record
        .signoffs
        .iter()
        .rev()
        .find(|s| s.item == item)
        .map(|s| s.role.clone())
        .or_else(|| {
            record.items.iter().find(|i| i.id == item).map(|i| {
                i.text
                    .split(':')
                    .next()
                    .unwrap_or(&i.text)
                    .trim()
                    .to_string()
            })
        })
        .unwrap_or_default()
}

fn compare_breakdown(record: &AuditRecord, b: &Breakdown, from: &str, problems: &mut Vec<String>) {
    let expect = score_record(b);
    if to_centi(record.score.value) != Some(b.score_centi) {
        problems.push(format!(
            "score {} does not follow from {from}: it computes to {}",
            record.score.value,
            centi(b.score_centi)
        ));
    }
    if to_centi(record.score.threshold) != Some(b.threshold_centi) {
        problems.push(format!(
            "threshold {} differs from {from}: {}",
            record.score.threshold,
            centi(b.threshold_centi)
        ));
    }
    if record.score.categories.len() != expect.categories.len() {
        problems.push(format!(
            "{} score categories recorded, {} expected from {from}",
            record.score.categories.len(),
            expect.categories.len()
        ));
    }
    for (r, e) in record.score.categories.iter().zip(&expect.categories) {
        let same = r.name == e.name
            && to_centi(r.weight) == to_centi(e.weight)
            && r.total == e.total
            && r.done == e.done
            && r.na == e.na
            && r.score.and_then(to_centi) == e.score.and_then(to_centi)
            && r.override_score.and_then(to_centi) == e.override_score.and_then(to_centi);
        if !same {
            problems.push(format!(
                "category {:?} recorded as weight {} with {}/{} done, {} N/A, score {}; {from} give weight {} with {}/{} done, {} N/A, score {}",
                r.name,
                r.weight,
                r.done,
                r.total,
                r.na,
                r.score.map_or("-".to_string(), |s| s.to_string()),
                e.weight,
                e.done,
                e.total,
                e.na,
                e.score.map_or("-".to_string(), |s| s.to_string()),
            ));
        }
    }
    let verdict = verdict_record(b);
    if record.verdict.decision != verdict.decision {
        problems.push(format!(
            "verdict {} does not follow from {from}: it is {}",
            record.verdict.decision, verdict.decision
        ));
    }
    if record.verdict.reasons != verdict.reasons {
        for r in &verdict.reasons {
            if !record.verdict.reasons.contains(r) {
                problems.push(format!("verdict reason missing: {r}"));
            }
        }
        for r in &record.verdict.reasons {
            if !verdict.reasons.contains(r) {
                problems.push(format!("verdict reason not supported by {from}: {r}"));
            }
        }
    }
}

/// Checks the record against its template: same bytes, same items, same score.
fn check_template(record: &AuditRecord, name: &str, bytes: &[u8], v: &mut Verification) {
    let sha = sha256_hex(bytes);
    let template = match parse(name, bytes) {
        Ok(t) => t,
        Err(e) => {
            v.problems.push(format!("template {name}: {e}"));
            return;
        }
    };
    if sha != record.checklist.sha256 {
        let d = drift(record, &template);
        v.problems.push(format!(
            "template {name} is not the one exported (sha256 {sha}, record has {}): {} added, {} removed, {} changed",
            record.checklist.sha256,
            d.added.len(),
            d.removed.len(),
            d.changed.len()
        ));
        v.drift = Some(d);
        return;
    }
    let d = drift(record, &template);
    for (id, _, what) in &d.changed {
        v.problems
            .push(format!("item {id} differs from the template: {what}"));
    }
    for (id, _) in &d.added {
        v.problems.push(format!(
            "item {id} of the template is missing from the record"
        ));
    }
    for (id, _) in &d.removed {
        v.problems.push(format!("item {id} is not in the template"));
    }
    let answers = answers_from_record(record);
    let b = score::score_checklist(&template, &answers);
    compare_breakdown(record, &b, "the template", &mut v.problems);
    let template_fields: HashSet<&str> = template.fields.iter().map(|f| f.id.as_str()).collect();
    for it in &record.items {
        for k in it.fields.keys() {
            if !template_fields.contains(k.as_str()) {
                v.problems.push(format!("field {k} is not in the template"));
            }
        }
    }
    if !d.is_empty() {
        v.drift = Some(d);
    }
}

/// One difference between two reviews of the same checklist.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// Item id, field id, `score`, `verdict` or `signoff`.
    pub key: String,
    /// What it was in the earlier record.
    pub before: String,
    /// What it is in the later record.
    pub after: String,
}

fn item_state(it: &ItemRecord) -> String {
    let mut s = it.status.as_str().to_string();
    if !it.reason.is_empty() {
        s.push_str(&format!(" (N/A: {})", it.reason));
    }
    if !it.note.is_empty() {
        s.push_str(&format!(" · note: {}", it.note));
    }
    if !it.evidence.is_empty() {
        s.push_str(&format!(" · evidence: {}", it.evidence.join(", ")));
    }
    s
}

/// What changed between two exports of the same checklist (`a` the earlier, `b` the later):
/// score, verdict, every item whose state changed, every field whose value changed, items only
/// in one of them, and sign-offs added.
pub fn compare(a: &AuditRecord, b: &AuditRecord) -> Vec<Change> {
    let mut out = Vec::new();
    let change = |key: &str, before: String, after: String| Change {
        key: key.to_string(),
        before,
        after,
    };
    if a.score.value != b.score.value {
        out.push(change(
            "score",
            a.score.value.to_string(),
            b.score.value.to_string(),
        ));
    }
    if a.verdict.decision != b.verdict.decision {
        out.push(change(
            "verdict",
            a.verdict.decision.clone(),
            b.verdict.decision.clone(),
        ));
    }
    let later: HashMap<&str, &ItemRecord> = b.items.iter().map(|i| (i.id.as_str(), i)).collect();
    let earlier: HashMap<&str, &ItemRecord> = a.items.iter().map(|i| (i.id.as_str(), i)).collect();
    for ia in &a.items {
        match later.get(ia.id.as_str()) {
            Some(ib) => {
                let (sa, sb) = (item_state(ia), item_state(ib));
                if sa != sb {
                    out.push(change(&ia.id, sa, sb));
                }
                for (k, va) in &ia.fields {
                    let vb = ib.fields.get(k).cloned().unwrap_or_default();
                    if *va != vb {
                        out.push(change(k, va.clone(), vb));
                    }
                }
            }
            None => out.push(change(
                &ia.id,
                item_state(ia),
                "(not in the later checklist)".to_string(),
            )),
        }
    }
    for ib in &b.items {
        if !earlier.contains_key(ib.id.as_str()) {
            out.push(change(
                &ib.id,
                "(not in the earlier checklist)".to_string(),
                item_state(ib),
            ));
        }
    }
    for (k, vb) in &b.fields {
        let va = a.fields.get(k).cloned().unwrap_or_default();
        if va != *vb {
            out.push(change(k, va, vb.clone()));
        }
    }
    for s in &b.signoffs {
        if !a
            .signoffs
            .iter()
            .any(|x| x.item == s.item && x.signed_at == s.signed_at && x.name == s.name)
        {
            out.push(change(
                "signoff",
                String::new(),
                format!(
                    "{} signed by {} on {} ({})",
                    s.role, s.name, s.date, s.signed_at
                ),
            ));
        }
    }
    out
}
