//! Verification: the integrity digest, the answers digest, every stale flag, every count, the score
//! and the verdict recomputed from the record itself and, given it, from the template.

use std::collections::HashSet;

use serde::Serialize;
use serde_json::Value;

use super::checks::{check_items, check_stale_flags};
use super::drift::{drift, Drift};
use super::export::{score_record, verdict_record};
use super::record::*;
use super::rescore::{as_of, rescore};
use crate::domain::answers::digest::digest_value;
use crate::domain::model::Checklist;
use crate::domain::parser::parse;
use crate::domain::score::{self, Breakdown, ScoreInput, Tally, Verdict};
use crate::domain::signoff::signers::{SignerCheck, Signers};
use crate::domain::signoff::signing::{Remembering, SignatureVerifier};
use crate::domain::signoff::standing::{
    assess, ground_of, lines_of, Assessment, Fault, Line, Rules,
};
use crate::domain::text::json::parse_strict;
use crate::domain::text::time::Timestamp;
use crate::domain::text::{centi, sha256_hex};

/// Result of verifying a record.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Verification {
    /// Every discrepancy found; empty means verified (the file is genuine).
    pub problems: Vec<String>,
    /// Where the recorded verdict differs from this build's only by sign-off reasons this build
    /// adds (a record made before a sign-off rule existed): the record is genuine, and its verdict
    /// is the recomputed one ([`Verification::breakdown`]).
    pub notes: Vec<String>,
    /// The record's sign-off lines.
    pub lines: Vec<Line>,
    /// Every sign-off's standing and every line's state, under the signers file given to
    /// [`Verification::check_signers`] if any, else the record's own rules.
    pub assessment: Option<Assessment>,
    /// The score and verdict recomputed from the record under those rules: what a gate trusts.
    pub breakdown: Option<Breakdown>,
    /// Template drift, when a template was given and differs.
    pub drift: Option<Drift>,
    /// The record, when it could be read.
    #[serde(skip)]
    pub record: Option<AuditRecord>,
    /// The template the verdict was rebuilt from, when its bytes matched the record's SHA-256 (its
    /// file name is the exported one).
    #[serde(skip)]
    pub template: Option<Checklist>,
    /// Where that template came from.
    pub judged_by: JudgedBy,
    /// Fingerprints of the keys whose signatures verified, by sign-off (index into `signoffs`).
    pub signers: Vec<Option<String>>,
    /// With a signers file ([`Verification::check_signers`]): the name it gives each sign-off's
    /// key, when the key is listed for the sign-off's role.
    pub listed_as: Vec<Option<String>>,
    /// The day N/A and waivers were judged on, when not the record's own (`verify --as-of`,
    /// [`Verification::judge_as_of`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
}

/// Which template a verification rebuilt the verdict from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum JudgedBy {
    /// None: a record made before records carried their template, verified without one. Its
    /// items, weights, threshold and sign-off lines are its own claims, so its verdict is not
    /// proven: a gate needs the template ([`Verification::go`] is false).
    #[default]
    RecordAlone,
    /// The template given by the verifier (`--template`), its SHA-256 the record's.
    Given,
    /// The copy of the template the record carries (`checklist.source`), its SHA-256 the record's.
    Carried,
}

/// Verifies an exported record, optionally against the template it claims to be about
/// (`(file name, exact bytes)`); `verifier` checks Ed25519 signatures.
pub fn verify(
    text: &str,
    template: Option<(&str, &[u8])>,
    verifier: &dyn SignatureVerifier,
) -> Verification {
    let verifier = &Remembering::new(verifier);
    let mut v = Verification::default();
    let value: Value = match parse_strict(text) {
        Ok(value) => value,
        Err(e) => {
            v.problems.push(format!("not a readable export: {e}"));
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
    // The copy of the checklist the record carries: it must be the one its SHA-256 names.
    let carried = match record.checklist.carried() {
        Some(bytes) => {
            let sha = sha256_hex(bytes);
            if sha == record.checklist.sha256 {
                Some((bytes, sha))
            } else {
                v.problems.push(format!(
                    "the checklist source the record carries is not its template (sha256 {sha}, the record names {})",
                    record.checklist.sha256
                ));
                None
            }
        }
        None => {
            if record.revision.unwrap_or(1) >= 2 {
                v.problems.push(
                    "the record carries no checklist source, though its revision says it does"
                        .to_string(),
                );
            }
            None
        }
    };
    // The checklist that judges: the one given, else the carried copy. With one whose SHA-256 is
    // the record's, the record's own items, weights and threshold are only compared with it;
    // without one they are all there is, and are checked for consistency.
    let judging = match template {
        Some((name, bytes)) => Some((name, bytes, sha256_hex(bytes), JudgedBy::Given)),
        None => carried.map(|(bytes, sha)| {
            (
                record.checklist.file.as_str(),
                bytes,
                sha,
                JudgedBy::Carried,
            )
        }),
    };
    let alone = judging
        .as_ref()
        .is_none_or(|(_, _, sha, _)| *sha != record.checklist.sha256);
    let digest = check_record(&record, verifier, alone, &mut v);
    if let Some((name, bytes, sha, by)) = judging {
        let judged = check_template(&record, name, bytes, &sha, &digest, verifier, &mut v);
        if judged {
            v.judged_by = by;
        }
    }
    v.record = Some(record);
    v
}

/// Internal consistency: everything recomputable from the record itself, and (`alone`: no
/// checklist judges it) its sign-offs and verdict judged from its own items under its own rules.
/// Returns the answers digest recomputed from the record.
fn check_record(
    record: &AuditRecord,
    verifier: &dyn SignatureVerifier,
    alone: bool,
    v: &mut Verification,
) -> String {
    let problems = &mut v.problems;
    if Timestamp::parse_rfc3339(&record.generated_at).is_none() {
        problems.push(format!(
            "generated_at {:?} is not an RFC 3339 time",
            record.generated_at
        ));
    }
    check_items(record, problems);
    let digest = record_answers_digest(record);
    if digest != record.answers_digest {
        problems.push(format!(
            "answers_digest does not match the answers (recorded {}, computed {digest})",
            record.answers_digest
        ));
    }
    check_stale_flags(record, &digest, problems);
    if !alone {
        // The checklist judges the sign-offs and the verdict (`check_template`).
        return digest;
    }
    let Some(r) = rescore(
        record,
        &digest,
        verifier,
        record.rules.signers.as_ref(),
        &as_of(record).date(),
        problems,
    ) else {
        return digest;
    };
    signature_problems(&r.assessment, problems);
    v.signers = r.assessment.records.iter().map(|s| s.key.clone()).collect();
    let b = score::breakdown(&r.input, &Tally::new(&r.input));
    compare_breakdown(record, &b, "the record's answers", problems, &mut v.notes);
    v.lines = r.lines;
    v.assessment = Some(r.assessment);
    v.breakdown = Some(b);
    digest
}

/// A sign-off whose signature does not hold is never written by an export: one here means the
/// file was made or changed by hand.
fn signature_problems(assessment: &Assessment, problems: &mut Vec<String>) {
    for st in &assessment.records {
        if let Some(Fault::Signature(why)) = &st.fault {
            problems.push(why.clone());
        }
    }
}

fn compare_breakdown(
    record: &AuditRecord,
    b: &Breakdown,
    from: &str,
    problems: &mut Vec<String>,
    notes: &mut Vec<String>,
) {
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
    if let Some(note) = stricter_by_signoff_rules(record, b) {
        if !notes.contains(&note) {
            notes.push(note);
        }
        return;
    }
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

/// When the recorded verdict differs from the recomputed one only by sign-off reasons the
/// recomputation adds (and so is NO-GO), the note saying so: a record judged by an earlier
/// build's sign-off rules, genuine, whose verdict is now the recomputed one.
fn stricter_by_signoff_rules(record: &AuditRecord, b: &Breakdown) -> Option<String> {
    let now: Vec<String> = b.reasons.iter().map(ToString::to_string).collect();
    if record.verdict.reasons == now {
        return None;
    }
    let kept = record.verdict.reasons.iter().all(|r| now.contains(r));
    let added: Vec<&str> = b
        .reasons
        .iter()
        .zip(&now)
        .filter(|(_, s)| !record.verdict.reasons.contains(s))
        .map(|(r, s)| r.is_signoff().then_some(s.as_str()))
        .collect::<Option<_>>()?;
    (kept && b.verdict == Verdict::NoGo && !added.is_empty()).then(|| {
        format!(
            "the record says {}; under this build's sign-off rules it is {}: {}",
            record.verdict.decision,
            b.verdict,
            added.join("; ")
        )
    })
}

/// Checks the record against its template: same bytes, same items, same score.
/// Returns whether the checklist judged the record (its bytes are the exported ones and it
/// parsed); `sha` is their SHA-256 and `digest` the record's answers digest.
fn check_template(
    record: &AuditRecord,
    name: &str,
    bytes: &[u8],
    sha: &str,
    digest: &str,
    verifier: &dyn SignatureVerifier,
    v: &mut Verification,
) -> bool {
    let template = match parse(name, bytes) {
        Ok(t) => t,
        Err(e) => {
            v.problems.push(format!("template {name}: {e}"));
            return false;
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
        return false;
    }
    // The same bytes under whatever path the auditor keeps them at: sign-offs name the file as
    // it was exported, so they are judged under that name.
    let mut template = template;
    template.file = record.checklist.file.clone();
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
    if template.shared_signers != record.rules.shared_signers {
        v.problems.push(format!(
            "the record's shared-signers rule ({}) is not the template's ({})",
            record.rules.shared_signers, template.shared_signers
        ));
    }
    if template.title != record.checklist.title {
        v.problems.push(format!(
            "the record's title {:?} is not the template's {:?}",
            record.checklist.title, template.title
        ));
    }
    let signers = record.rules.signers.as_ref();
    let judged = judge(
        &template,
        record,
        digest,
        verifier,
        signers,
        &as_of(record).date(),
    );
    compare_breakdown(
        record,
        &judged.breakdown,
        "the template",
        &mut v.problems,
        &mut v.notes,
    );
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
    signature_problems(&judged.assessment, &mut v.problems);
    v.lines = judged.lines;
    v.signers = judged
        .assessment
        .records
        .iter()
        .map(|s| s.key.clone())
        .collect();
    v.assessment = Some(judged.assessment);
    v.breakdown = Some(judged.breakdown);
    v.template = Some(template);
    true
}

/// The verdict rebuilt from the template: its items, roles, levels, weights, threshold and
/// sign-off lines, the record's answers and sign-offs judged by the one rule under `signers`.
pub(super) struct Judged {
    pub(super) lines: Vec<Line>,
    pub(super) assessment: Assessment,
    pub(super) breakdown: Breakdown,
}

/// N/A and waivers are judged on `day`; sign-offs as of the record's time.
pub(super) fn judge(
    template: &Checklist,
    record: &AuditRecord,
    digest: &str,
    verifier: &dyn SignatureVerifier,
    signers: Option<&Signers>,
    day: &str,
) -> Judged {
    let answers = answers_from_record(record);
    let rules = Rules {
        verifier,
        as_of: as_of(record),
        signers,
    };
    let lines = lines_of(template);
    let assessment = assess(
        &ground_of(template, &lines, digest, &rules),
        &answers.signoffs,
    );
    let breakdown = score::score(&ScoreInput::judged(
        template,
        &answers,
        &lines,
        &assessment,
        day,
    ));
    Judged {
        lines,
        assessment,
        breakdown,
    }
}

impl Verification {
    /// Holds every verified sign-off's key against a signers file (the auditor's reference): a key
    /// not listed for its sign-off's role is a problem (the sign-off does not count), a listed one
    /// gets the name the file gives it in [`Verification::listed_as`]; the assessment and the
    /// verdict are judged again under this file.
    pub fn check_signers(&mut self, signers: &Signers, verifier: &dyn SignatureVerifier) {
        let Some(record) = &self.record else {
            return;
        };
        let mut problems = Vec::new();
        let day = self.day(record);
        if let Some(template) = &self.template {
            let digest = record_answers_digest(record);
            let judged = judge(template, record, &digest, verifier, Some(signers), &day);
            self.assessment = Some(judged.assessment);
            self.breakdown = Some(judged.breakdown);
        } else {
            let digest = record_answers_digest(record);
            if let Some(r) = rescore(
                record,
                &digest,
                verifier,
                Some(signers),
                &day,
                &mut Vec::new(),
            ) {
                let b = score::breakdown(&r.input, &Tally::new(&r.input));
                self.assessment = Some(r.assessment);
                self.breakdown = Some(b);
            }
        }
        self.listed_as = record
            .signoffs
            .iter()
            .zip(&self.signers)
            .map(|(s, fp)| {
                let fp = fp.as_deref()?;
                match signers.check(&s.role, fp) {
                    SignerCheck::Listed { name } => Some(name),
                    SignerCheck::NotListed => {
                        problems.extend(signers.problem(&s.role, &s.name, fp));
                        None
                    }
                }
            })
            .collect();
        self.problems.extend(problems);
    }

    /// Verified: nothing differs.
    pub fn ok(&self) -> bool {
        self.problems.is_empty()
    }

    /// The verdict a gate trusts: verified, rebuilt from a template (given, or carried by the
    /// record), and GO as recomputed under the rules judged by.
    pub fn go(&self) -> bool {
        self.ok()
            && self.judged_by != JudgedBy::RecordAlone
            && self.breakdown.as_ref().is_some_and(|b| b.verdict.is_go())
    }

    /// Why [`Verification::go`] cannot say GO for a genuine record whose own verdict is GO: it was
    /// made before records carried their template, and none was given.
    pub fn needs_template(&self) -> bool {
        self.ok()
            && self.judged_by == JudgedBy::RecordAlone
            && self.breakdown.as_ref().is_some_and(|b| b.verdict.is_go())
    }
}
