//! A record rebuilt with other answers (the merge of several people's exports, when no template is
//! at hand): the items, fields and overrides take the answers, answers for items the record does
//! not have become orphans, and the answers digest, stale flags, score, verdict and integrity digest
//! are computed again, from the record's own items, weights and threshold, as verification does.

use std::collections::HashSet;

use super::export::{score_record, verdict_record};
use super::record::*;
use super::rescore::rescore;
use crate::domain::answers::Answers;
use crate::domain::score::{self, is_stale, Tally};
use crate::domain::signoff::signing::{Remembering, SignatureVerifier};
use crate::domain::signoff::standing::Fault;
use crate::domain::text::time::Timestamp;

/// `base` with `answers` in place of its own, exported by `app_version` at `now`, its sign-offs
/// judged by the one rule (`verifier` checks signatures; one whose signature does not hold is left
/// out, as an export leaves it out); `None` when the base record cannot be re-scored (its
/// threshold is not a number from 0 to 10).
pub fn rebuild(
    base: &AuditRecord,
    answers: &Answers,
    app_version: &str,
    now: Timestamp,
    verifier: &dyn SignatureVerifier,
) -> Option<AuditRecord> {
    let mut r = base.clone();
    r.app_version = app_version.to_string();
    r.generated_at = now.to_rfc3339();
    let value_of = |id: &str| answers.fields.get(id).cloned().unwrap_or_default();
    let mut field_ids: HashSet<String> = r.fields.keys().cloned().collect();
    for it in &mut r.items {
        let a = answers.items.get(&it.id).cloned().unwrap_or_default();
        it.status = a.status;
        it.reason = a.reason;
        it.note = a.note;
        it.evidence = a.evidence;
        it.changed_at = a.changed_at;
        it.by = a.by;
        for (k, v) in &mut it.fields {
            *v = value_of(k);
            field_ids.insert(k.clone());
        }
    }
    for (k, v) in &mut r.fields {
        *v = value_of(k);
    }
    let items: HashSet<&str> = r.items.iter().map(|i| i.id.as_str()).collect();
    let fields: HashSet<&str> = field_ids.iter().map(String::as_str).collect();
    let orphaned = answers.orphaned_among(&items, &fields);
    r.orphans = Orphans {
        items: orphaned.items,
        fields: orphaned.fields,
    };
    r.overrides = answers.overrides.clone();
    r.ready = answers.ready.clone();
    let digest = record_answers_digest(&r);
    r.signoffs = answers
        .signoffs
        .iter()
        .map(|s| SignoffOut::of(s, is_stale(&s.digest, &digest)))
        .collect();
    r.answers_digest = digest;
    // Each signature is checked once, though the record is judged twice.
    let verifier = &Remembering::new(verifier);
    let judge = |r: &AuditRecord| {
        let signers = r.rules.signers.as_ref();
        rescore(
            r,
            &r.answers_digest,
            verifier,
            signers,
            &super::rescore::as_of(r).date(),
            &mut Vec::new(),
        )
    };
    let all = judge(&r)?;
    let mut k = 0;
    r.signoffs.retain(|_| {
        let genuine = !matches!(all.assessment.records[k].fault, Some(Fault::Signature(_)));
        k += 1;
        genuine
    });
    let input = judge(&r)?.input;
    let b = score::breakdown(&input, &Tally::new(&input));
    r.score = score_record(&b);
    r.verdict = verdict_record(&b);
    r.integrity = Some(Integrity {
        algorithm: INTEGRITY_ALGORITHM.to_string(),
        digest: integrity_digest(&r),
    });
    Some(r)
}
