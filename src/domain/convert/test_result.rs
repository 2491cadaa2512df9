//! The in-toto test-result predicate (`https://in-toto.io/attestation/test-result/v0.1`) in an
//! in-toto v1 Statement: the subject is the checklist (its file name and SHA-256), `result` is
//! PASSED for GO and FAILED for NO-GO, the items that passed and failed by id, and `configuration`
//! names the record it was made from. The CLI wraps it in a DSSE envelope signed with the same key
//! the app exports (`--key`); the canonical bytes signed are [`statement_payload`]'s.

use serde_json::{json, Value};

use super::{pretty, Outcome, Source};

/// The predicate type.
pub const TEST_RESULT_PREDICATE: &str = "https://in-toto.io/attestation/test-result/v0.1";

fn value(src: &Source<'_>) -> Value {
    let r = src.record;
    let (mut passed, mut failed): (Vec<&str>, Vec<&str>) = (Vec::new(), Vec::new());
    for it in &r.items {
        match src.outcome(it) {
            Outcome::Passed => passed.push(&it.id),
            Outcome::Failed(_) => failed.push(&it.id),
            Outcome::Skipped(_) => {}
        }
    }
    // The verdict is a test of its own, so a NO-GO always names a failed test.
    match src.verdict_outcome() {
        Outcome::Passed => passed.push(super::VERDICT_ID),
        _ => failed.push(super::VERDICT_ID),
    }
    let name = format!(
        "{}.readiness-audit.json",
        r.checklist
            .file
            .rsplit('/')
            .next()
            .unwrap_or(&r.checklist.file)
    );
    json!({
        "_type": crate::domain::signoff::signing::STATEMENT_TYPE,
        "subject": [{
            "name": r.checklist.file,
            "digest": {"sha256": r.checklist.sha256},
        }],
        "predicateType": TEST_RESULT_PREDICATE,
        "predicate": {
            "result": if src.breakdown.verdict.is_go() { "PASSED" } else { "FAILED" },
            "configuration": [{
                "name": name,
                "digest": {"sha256": src.record_sha256},
                "mediaType": "application/json",
                "annotations": {
                    "schema": r.schema,
                    "generated_at": r.generated_at,
                    "verdict": src.verdict(),
                    "score": format!("{:.2}", src.score()),
                    "reasons": src.reasons().join("; "),
                },
            }],
            "passedTests": passed,
            "warnedTests": [],
            "failedTests": failed,
        },
    })
}

/// The statement as pretty JSON (what the browser downloads, unsigned).
pub(super) fn statement(src: &Source<'_>) -> String {
    pretty(&value(src))
}

/// The RFC 8785 canonical bytes of a statement read back from [`statement`]'s JSON: the DSSE
/// payload the CLI signs. `None` when `json` is not a JSON object.
pub fn statement_payload(json: &str) -> Option<Vec<u8>> {
    let v: Value = serde_json::from_str(json).ok()?;
    v.is_object()
        .then(|| serde_json_canonicalizer::to_vec(&v).ok())
        .flatten()
}
