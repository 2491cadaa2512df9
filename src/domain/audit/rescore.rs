//! Re-scoring a record from its own items, weights, threshold and sign-offs, as verification and a
//! rebuilt (merged) record both need, with the one rule for what a sign-off counts for.

use std::collections::HashMap;

use super::record::*;
use crate::domain::answers::lapsed;
use crate::domain::score::{blocking_shared, signoff_states, ScoreInput, ScoreItem};
use crate::domain::signoff::signers::Signers;
use crate::domain::signoff::signing::SignatureVerifier;
use crate::domain::signoff::standing::{assess, Assessment, Ground, Line};
use crate::domain::text::time::Timestamp;

/// A record re-scored: the score input, its sign-off lines and their assessment.
pub(super) struct Rescored {
    /// What scoring reads.
    pub input: ScoreInput,
    /// The record's sign-off lines.
    pub lines: Vec<Line>,
    /// Every sign-off record's standing and every line's state.
    pub assessment: Assessment,
}

/// The record's time, or (unreadable) a time before any sign-off, so none counts.
pub(super) fn as_of(record: &AuditRecord) -> Timestamp {
    Timestamp::parse_rfc3339(&record.generated_at).unwrap_or(Timestamp(i64::MIN / 2))
}

/// The assessment of the record's sign-offs (answers digest `digest`) under `signers` (the
/// record's own signers file, or an auditor's).
pub(super) fn assess_record(
    record: &AuditRecord,
    lines: &[Line],
    digest: &str,
    verifier: &dyn SignatureVerifier,
    signers: Option<&Signers>,
) -> Assessment {
    let records: Vec<_> = record.signoffs.iter().map(SignoffOut::to_record).collect();
    let g = Ground {
        file: &record.checklist.file,
        sha256: &record.checklist.sha256,
        lines,
        digest,
        as_of: as_of(record),
        signers,
        shared_signers: record.rules.shared_signers,
        verifier,
    };
    assess(&g, &records)
}

/// The record re-scored from its own items, weights and sign-offs (answers digest `digest`),
/// judged under `signers`, its N/A and waivers on `day` (`YYYY-MM-DD`: the record's own date, or
/// `verify --as-of`); `None` when its threshold is unusable.
pub(super) fn rescore(
    record: &AuditRecord,
    digest: &str,
    verifier: &dyn SignatureVerifier,
    signers: Option<&Signers>,
    day: &str,
    problems: &mut Vec<String>,
) -> Option<Rescored> {
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
        let category = it.category.as_ref().and_then(|c| {
            let found = index.get(c.as_str()).copied();
            if found.is_none() {
                problems.push(format!("item {} names unknown category {c:?}", it.id));
            }
            found
        });
        items.push(ScoreItem {
            id: it.id.clone(),
            text: it.text.clone(),
            role: it.role,
            critical: it.critical,
            category,
            status: it.status,
            expired: lapsed(it.status, it.until.as_deref(), day).map(str::to_string),
        });
    }
    let lines = record.lines();
    let assessment = assess_record(record, &lines, digest, verifier, signers);
    let Some(threshold_centi) = to_centi(record.score.threshold) else {
        problems.push("score.threshold is not a number from 0 to 10".to_string());
        return None;
    };
    let input = ScoreInput {
        items,
        categories: names,
        overrides: record.overrides.clone(),
        threshold_centi,
        signoffs: signoff_states(&lines, &assessment),
        shared: blocking_shared(&assessment),
    };
    Some(Rescored {
        input,
        lines,
        assessment,
    })
}
