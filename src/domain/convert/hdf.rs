//! Heimdall Data Format (InSpec's exec JSON, `exec-json.json` in mitre/heimdall2): one profile
//! for the checklist, one control per item with one result, the counts in `statistics`. Sign-off
//! lines are controls whose sign-off is their `attestation_data` (Heimdall's own way to record a
//! person vouching for a manual control); the verdict, score and record digest are profile
//! attributes.

use serde_json::{json, Value};

use super::{pretty, short_key, Outcome, Source};
use crate::domain::answers::Status;
use crate::domain::score::Role;

/// The HDF JSON of a verified record.
pub(super) fn hdf(src: &Source<'_>) -> String {
    let r = src.record;
    let signoffs = src.signoffs();
    let (mut passed, mut failed, mut skipped) = (0, 0, 0);
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    let mut controls: Vec<Value> = r
        .items
        .iter()
        .map(|it| {
            let section = Source::section(it);
            match groups.iter_mut().find(|(s, _)| *s == section) {
                Some((_, v)) => v.push(it.id.clone()),
                None => groups.push((section.clone(), vec![it.id.clone()])),
            }
            let outcome = src.outcome(it);
            // A lapsed waiver is a failure, with the impact of an open item.
            let lapsed = it.status == Status::Na && matches!(outcome, Outcome::Failed(_));
            let na = (it.status == Status::Na && !lapsed) || it.role == Role::NotRequired;
            let impact = if na {
                0.0
            } else if it.critical {
                0.7
            } else {
                0.5
            };
            let start = it.changed_at.clone().unwrap_or_else(|| r.generated_at.clone());
            let title = src.title(it);
            let result = match &outcome {
                Outcome::Passed => {
                    passed += 1;
                    json!({"status": "passed", "code_desc": title, "start_time": start})
                }
                Outcome::Failed(why) => {
                    failed += 1;
                    json!({"status": "failed", "code_desc": title, "start_time": start, "message": why})
                }
                Outcome::Skipped(why) => {
                    skipped += 1;
                    json!({"status": "skipped", "code_desc": title, "start_time": start, "skip_message": why})
                }
            };
            let desc = match &outcome {
                Outcome::Skipped(why) => why.clone(),
                _ if !it.note.is_empty() => it.note.clone(),
                _ => title.clone(),
            };
            let mut tags = json!({
                "section": it.section,
                "role": it.role.as_str(),
                "status": it.status.as_str(),
            });
            if let Some(c) = &it.category {
                tags["category"] = json!(c);
            }
            if !it.evidence.is_empty() {
                tags["evidence"] = json!(it.evidence);
            }
            if !it.by.is_empty() {
                tags["answered_by"] = json!(Source::answered_by(it));
            }
            let mut control = json!({
                "id": it.id,
                "title": title,
                "desc": desc,
                "descriptions": [],
                "impact": impact,
                "refs": [],
                "tags": tags,
                "code": "",
                "source_location": {"ref": r.checklist.file},
                "results": [result],
            });
            // A waiver as Heimdall shows one: its justification and, when it has one, its end.
            if it.status == Status::Na && (it.waived || it.until.is_some()) {
                let mut w = json!({
                    "justification": it.reason,
                    "run": false,
                    "skipped_due_to_waiver": matches!(outcome, Outcome::Skipped(_)),
                    "message": desc,
                });
                if let Some(until) = &it.until {
                    w["expiration_date"] = json!(until);
                }
                control["waiver_data"] = w;
            }
            let attested: Vec<Value> = signoffs
                .iter()
                .filter(|s| s.item == it.id)
                .map(|s| {
                    json!({
                        "control_id": it.id,
                        "explanation": format!(
                            "Signed off by {} as {} on {} with key {}: {}",
                            s.name, s.role, s.date, short_key(&s.key), s.state
                        ),
                        "frequency": "once",
                        "status": if s.counts { "passed" } else { "failed" },
                        "updated": s.signed_at,
                        "updated_by": s.name,
                    })
                })
                .collect();
            // Heimdall reads one attestation per control: the latest one that counts, else the
            // latest; every one is also in the control's tags.
            if let Some(a) = attested
                .iter()
                .rev()
                .find(|a| a["status"] == "passed")
                .or(attested.last())
            {
                control["attestation_data"] = a.clone();
                control["tags"]["signoffs"] = json!(attested);
            }
            control
        })
        .collect();
    // The verdict is a control of its own: a NO-GO fails it with every reason.
    let reasons = src.reasons();
    let result = match src.verdict_outcome() {
        Outcome::Failed(why) => {
            failed += 1;
            json!({"status": "failed", "code_desc": src.verdict_title(), "start_time": r.generated_at, "message": why})
        }
        _ => {
            passed += 1;
            json!({"status": "passed", "code_desc": src.verdict_title(), "start_time": r.generated_at})
        }
    };
    controls.push(json!({
        "id": super::VERDICT_ID,
        "title": src.verdict_title(),
        "desc": "GO only when the score reaches the minimum, no critical item is open, no failure trigger happened and every sign-off line has a current sign-off that counts.",
        "descriptions": [],
        "impact": 1.0,
        "refs": [],
        "tags": {"role": "verdict", "reasons": reasons},
        "code": "",
        "source_location": {"ref": r.checklist.file},
        "results": [result],
    }));
    groups.push(("Verdict".to_string(), vec![super::VERDICT_ID.to_string()]));
    let groups: Vec<Value> = groups
        .into_iter()
        .map(|(s, ids)| json!({"id": s, "title": s, "controls": ids}))
        .collect();
    let attr = |name: &str, value: Value| json!({"name": name, "options": {"value": value}});
    let mut attributes = vec![
        attr("verdict", json!(src.verdict())),
        attr("score", json!(src.score())),
        attr(
            "threshold",
            json!(f64::from(src.breakdown.threshold_centi) / 100.0),
        ),
        attr("record_sha256", json!(src.record_sha256)),
        attr("generated_at", json!(r.generated_at)),
    ];
    if let Some(l) = &r.level {
        attributes.push(attr("level", json!(l)));
    }
    let doc = json!({
        "platform": {"name": "Readiness", "release": r.app_version, "target_id": r.checklist.file},
        "version": r.app_version,
        "statistics": {
            "duration": 0,
            "controls": {
                "passed": {"total": passed},
                "failed": {"total": failed},
                "skipped": {"total": skipped},
            },
        },
        "profiles": [{
            "name": r.checklist.file,
            "title": r.checklist.title,
            "summary": format!(
                "{}: score {:.2} of a minimum {:.2} (record exported {})",
                src.verdict(),
                src.score(),
                f64::from(src.breakdown.threshold_centi) / 100.0,
                r.generated_at
            ),
            "version": r.app_version,
            "sha256": r.checklist.sha256,
            "supports": [],
            "attributes": attributes,
            "groups": groups,
            "status": "loaded",
            "controls": controls,
        }],
    });
    pretty(&doc)
}
