//! OSCAL 1.1.2 assessment results (JSON): one result for the review, one finding per item
//! (`target.type = objective-id`, `status.state` satisfied / not-satisfied, N/A as reason `other`
//! with the why in `remarks`), and each sign-off as an attestation naming its role and signer as
//! responsible party. Every UUID is a version-5 UUID of the record's integrity digest and what it
//! names, so the same record always converts to the same bytes.

use serde_json::{json, Value};
use uuid::Uuid;

use super::{pretty, short_key, Outcome, Source};
use crate::domain::text::slugify;

/// The name space of every UUID made here (itself a v5 UUID in the URL name space).
fn namespace() -> Uuid {
    Uuid::new_v5(&Uuid::NAMESPACE_URL, b"urn:readiness:oscal")
}

/// An OSCAL token (`^(\p{L}|_)(\p{L}|\p{N}|[.\-_])*$`) for an item id or a role: `/` becomes `.`,
/// anything else outside the pattern `_`, and it starts with `item.` or `role-`.
fn token(prefix: &str, s: &str) -> String {
    let body: String = s
        .chars()
        .map(|c| match c {
            '/' => '.',
            c if c.is_alphanumeric() || matches!(c, '.' | '-' | '_') => c,
            _ => '_',
        })
        .collect();
    format!("{prefix}{body}")
}

/// The OSCAL assessment-results JSON of a verified record.
pub(super) fn oscal(src: &Source<'_>) -> String {
    let r = src.record;
    let digest = r
        .integrity
        .as_ref()
        .map(|i| i.digest.clone())
        .unwrap_or_else(|| src.record_sha256.clone());
    let ns = namespace();
    let uuid = |what: &str| Uuid::new_v5(&ns, format!("{digest}/{what}").as_bytes()).to_string();
    let signoffs = src.signoffs();
    // One party per signer (name and key), one role per signed role, in the order met.
    let mut parties: Vec<(String, String, Option<String>)> = Vec::new();
    let mut roles: Vec<(String, String)> = Vec::new();
    for s in &signoffs {
        let id = format!("party/{}/{}", s.name, s.key.clone().unwrap_or_default());
        if !parties.iter().any(|(u, _, _)| *u == uuid(&id)) {
            parties.push((uuid(&id), s.name.to_string(), s.key.clone()));
        }
        let role = token("role-", &slugify(s.role));
        if !roles.iter().any(|(r, _)| *r == role) {
            roles.push((role, s.role.to_string()));
        }
    }
    let attestations: Vec<Value> = signoffs
        .iter()
        .map(|s| {
            let party = uuid(&format!("party/{}/{}", s.name, s.key.clone().unwrap_or_default()));
            json!({
                "responsible-parties": [{
                    "role-id": token("role-", &slugify(s.role)),
                    "party-uuids": [party],
                }],
                "parts": [{
                    "name": "sign-off",
                    "title": format!("{} — {}", s.role, s.name),
                    "prose": format!(
                        "Signed off by {} as {} on {} (recorded {}) with key {}: {}.",
                        s.name, s.role, s.date, s.signed_at, short_key(&s.key), s.state
                    ),
                    "props": [
                        {"name": "signoff-item", "value": s.item},
                        {"name": "signoff-state", "value": if s.counts { "counts" } else { "does-not-count" }},
                    ],
                }],
            })
        })
        .collect();
    let mut findings: Vec<Value> = r
        .items
        .iter()
        .map(|it| {
            let (state, reason, remarks) = match src.outcome(it) {
                Outcome::Passed => ("satisfied", "pass", None),
                Outcome::Failed(why) => ("not-satisfied", "fail", Some(why)),
                Outcome::Skipped(why) => ("satisfied", "other", Some(why)),
            };
            let mut status = json!({"state": state, "reason": reason});
            if let Some(why) = remarks {
                status["remarks"] = json!(why);
            }
            let section = Source::section(it);
            let title = src.title(it);
            let mut props = vec![
                json!({"name": "readiness-id", "value": it.id}),
                json!({"name": "readiness-role", "value": it.role.as_str()}),
                json!({"name": "readiness-status", "value": it.status.as_str()}),
            ];
            if !it.by.is_empty() {
                props.push(json!({"name": "answered-by", "value": Source::answered_by(it)}));
            }
            json!({
                "uuid": uuid(&format!("finding/{}", it.id)),
                "title": title,
                "description": if section.is_empty() { title.clone() } else { section },
                "props": props,
                "target": {
                    "type": "objective-id",
                    "target-id": token("item.", &it.id),
                    "status": status,
                },
            })
        })
        .collect();
    // The verdict is a finding of its own: a NO-GO is not satisfied, with every reason.
    let mut status = match src.verdict_outcome() {
        Outcome::Failed(why) => json!({"state": "not-satisfied", "reason": "fail", "remarks": why}),
        _ => json!({"state": "satisfied", "reason": "pass"}),
    };
    if src.breakdown.verdict.is_go() {
        status["remarks"] = json!("GO");
    }
    findings.push(json!({
        "uuid": uuid("finding/verdict"),
        "title": src.verdict_title(),
        "description": "The GO / NO-GO verdict recomputed from the record and its checklist.",
        "props": [
            {"name": "readiness-id", "value": super::VERDICT_ID},
            {"name": "readiness-role", "value": "verdict"},
        ],
        "target": {
            "type": "objective-id",
            "target-id": token("item.", super::VERDICT_ID),
            "status": status,
        },
    }));
    let mut metadata = json!({
        "title": format!("Readiness review: {}", r.checklist.title),
        "last-modified": r.generated_at,
        "version": r.app_version,
        "oscal-version": "1.1.2",
    });
    if !roles.is_empty() {
        metadata["roles"] = roles
            .iter()
            .map(|(id, title)| json!({"id": id, "title": title}))
            .collect();
        metadata["parties"] = parties
            .iter()
            .map(|(u, name, key)| {
                let mut p = json!({"uuid": u, "type": "person", "name": name});
                if let Some(k) = key {
                    p["props"] = json!([{"name": "ed25519-key-sha256", "value": k}]);
                }
                p
            })
            .collect();
    }
    let mut props = vec![
        json!({"name": "verdict", "value": src.verdict()}),
        json!({"name": "score", "value": format!("{:.2}", src.score())}),
        json!({"name": "template-sha256", "value": r.checklist.sha256}),
        json!({"name": "record-sha256", "value": src.record_sha256}),
    ];
    if let Some(l) = &r.level {
        props.push(json!({"name": "level", "value": l}));
    }
    let mut result = json!({
        "uuid": uuid("result"),
        "title": format!("{} — {}", r.checklist.title, src.verdict()),
        "description": format!(
            "Readiness review of {} (template SHA-256 {}): {}, score {:.2} of a minimum {:.2}.",
            r.checklist.file,
            r.checklist.sha256,
            src.verdict(),
            src.score(),
            f64::from(src.breakdown.threshold_centi) / 100.0
        ),
        "start": r.generated_at,
        "end": r.generated_at,
        "props": props,
        "reviewed-controls": {"control-selections": [{"include-all": {}}]},
        "findings": findings,
    });
    if !attestations.is_empty() {
        result["attestations"] = json!(attestations);
    }
    let doc = json!({
        "assessment-results": {
            "uuid": uuid("assessment-results"),
            "metadata": metadata,
            "import-ap": {"href": r.checklist.file},
            "results": [result],
        }
    });
    pretty(&doc)
}
