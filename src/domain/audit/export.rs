//! Export: a checklist and its answers → the audit record, with its integrity digest.

use std::collections::HashMap;

use super::record::*;
use crate::domain::answers::digest::AnswersContent;
use crate::domain::answers::{Answers, Status};
use crate::domain::model::Checklist;
use crate::domain::score::{self, is_stale, Breakdown, ScoreInput};
use crate::domain::signoff::standing::{
    conclude, ground_of, lines_of, standings, Assessment, Fault, Line, Rules,
};

/// A record as exported, with the sign-offs left out of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Exported {
    /// The record.
    pub record: AuditRecord,
    /// Each sign-off left out (not signed, or its signature does not hold), with why.
    pub left_out: Vec<String>,
    /// The checklist's sign-off lines.
    pub lines: Vec<Line>,
    /// The record's sign-offs judged by the one rule (what `verify` recomputes from the record).
    pub assessment: Assessment,
}

/// Builds the audit record of a checklist's answers at `rules.as_of`, its sign-offs judged by
/// `rules` (see [`export_noting`]).
pub fn export(
    checklist: &Checklist,
    answers: &Answers,
    app_version: &str,
    rules: &Rules<'_>,
) -> AuditRecord {
    export_noting(checklist, answers, app_version, rules).record
}

/// Builds the audit record, and says what it left out: a sign-off whose signature does not hold
/// is kept here as history but never written into a record (a record carrying one would not
/// verify). Every other sign-off is written, counted or not by the one rule, so `verify` reaches
/// the same verdict.
pub fn export_noting(
    checklist: &Checklist,
    answers: &Answers,
    app_version: &str,
    rules: &Rules<'_>,
) -> Exported {
    let answers_digest = AnswersContent::of(checklist, answers).digest();
    let lines = lines_of(checklist);
    let g = ground_of(checklist, &lines, &answers_digest, rules);
    // Only the sign-off list differs from the answers given: nothing else is copied.
    let mut kept = Vec::with_capacity(answers.signoffs.len());
    let (mut kept_standings, mut left_out) = (Vec::new(), Vec::new());
    for (r, st) in answers
        .signoffs
        .iter()
        .zip(standings(&g, &answers.signoffs))
    {
        match &st.fault {
            Some(Fault::Signature(why)) => left_out.push(why.clone()),
            _ => {
                kept.push(r.clone());
                kept_standings.push(st);
            }
        }
    }
    let assessment = conclude(&g, &kept, kept_standings);
    let input = ScoreInput::judged(checklist, answers, &lines, &assessment, &rules.as_of.date());
    let assessment_out = assessment.clone();
    let breakdown = score::score(&input);
    let fields = checklist
        .fields
        .iter()
        .filter(|f| f.item.is_none())
        .map(|f| (f.id.clone(), answers.field_value(f).to_string()))
        .collect();
    let orphaned = answers.orphaned(checklist);
    let signoffs = kept
        .iter()
        .map(|r| SignoffOut::of(r, is_stale(&r.digest, &answers_digest)))
        .collect();
    let mut record = AuditRecord {
        schema: AUDIT_SCHEMA.to_string(),
        revision: Some(RECORD_REVISION),
        app_version: app_version.to_string(),
        generated_at: rules.as_of.to_rfc3339(),
        checklist: ChecklistRef {
            title: checklist.title.clone(),
            file: checklist.file.clone(),
            sha256: checklist.sha256().to_string(),
            items: checklist.items.len(),
            source: Some(format!(
                "{}{}",
                if checklist.bom { "\u{feff}" } else { "" },
                checklist.source
            )),
        },
        score: score_record(&breakdown),
        verdict: verdict_record(&breakdown),
        items: item_records(checklist, answers, &input),
        fields,
        overrides: answers.overrides.clone(),
        signoffs,
        rules: RecordRules {
            shared_signers: checklist.shared_signers,
            signers: rules.signers.cloned(),
        },
        ready: answers.ready.clone(),
        level: answers.level(checklist).map(str::to_string),
        orphans: Orphans {
            items: orphaned.items,
            fields: orphaned.fields,
        },
        previous: answers
            .carried_from
            .clone()
            .and_then(|v| serde_json::from_value(v).ok()),
        answers_digest,
        integrity: None,
    };
    record.integrity = Some(Integrity {
        algorithm: INTEGRITY_ALGORITHM.to_string(),
        digest: integrity_digest(&record),
    });
    Exported {
        record,
        left_out,
        lines,
        assessment: assessment_out,
    }
}

/// Every item with its section, role, category, effective status, answer and its line's fields.
fn item_records(checklist: &Checklist, answers: &Answers, input: &ScoreInput) -> Vec<ItemRecord> {
    let mut field_item: HashMap<usize, Vec<usize>> = HashMap::new();
    for (f, field) in checklist.fields.iter().enumerate() {
        if let Some(i) = field.item {
            field_item.entry(i).or_default().push(f);
        }
    }
    checklist
        .items
        .iter()
        .enumerate()
        .map(|(i, it)| {
            let a = answers.answer(checklist, i).into_owned();
            let fields = field_item
                .get(&i)
                .into_iter()
                .flatten()
                .map(|&f| {
                    let field = &checklist.fields[f];
                    (field.id.clone(), answers.field_value(field).to_string())
                })
                .collect();
            let si = &input.items[i];
            ItemRecord {
                id: it.id.clone(),
                section: checklist.section_titles(it.section),
                text: it.plain.clone(),
                role: si.role,
                critical: si.critical,
                category: si.category.map(|c| input.categories[c].0.clone()),
                status: si.status,
                reason: a.reason,
                waived: a.waived && si.status == Status::Na,
                until: a.until.filter(|_| si.status == Status::Na),
                note: a.note,
                evidence: a.evidence,
                fields,
                changed_at: a.changed_at,
                by: a.by,
            }
        })
        .collect()
}

pub(super) fn score_record(b: &Breakdown) -> ScoreRecord {
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

pub(super) fn verdict_record(b: &Breakdown) -> VerdictRecord {
    VerdictRecord {
        decision: b.verdict,
        reasons: b.reasons.iter().map(ToString::to_string).collect(),
    }
}
