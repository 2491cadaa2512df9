//! Export and verification on real checklists: tampering of every kind is caught (even with the
//! unkeyed integrity digest recomputed), drift against a changed template is listed, exports are
//! deterministic, two reviews compare, and every bad or missing signature is reported.

mod common;

use common::{ids_in, load, sign_all, NOW};
use readiness::domain::answers::{Answers, Status};
use readiness::domain::audit::{self, export, integrity_digest, to_json, verify, AuditRecord};
use readiness::domain::score::{Role, Verdict};
use readiness::domain::text::time::Timestamp;
use readiness::native::DalekVerifier;

fn tamper(record: &AuditRecord, f: impl FnOnce(&mut AuditRecord)) -> String {
    let mut r = record.clone();
    f(&mut r);
    // A deliberate forger recomputes the (unkeyed) integrity digest.
    if let Some(i) = r.integrity.as_mut() {
        i.digest = String::new();
    }
    let digest = integrity_digest(&r);
    if let Some(i) = r.integrity.as_mut() {
        i.digest = digest;
    }
    to_json(&r)
}

fn sample_record() -> (Vec<u8>, AuditRecord) {
    let (bytes, c) = load("lfg-platform-checklist.md");
    let mut a = Answers::default();
    for id in ids_in(&c, "✅ Security") {
        a.set_status(&id, Status::Done, "", NOW);
    }
    let na = ids_in(&c, "✅ Documentation")[0].clone();
    a.set_status(&na, Status::Na, "no docs site", NOW);
    sign_all(&c, &mut a);
    (bytes, export(&c, &a, "test", &common::rules()))
}

#[test]
fn hand_edited_score_is_caught_even_with_a_recomputed_digest() {
    let (_, record) = sample_record();
    let forged = tamper(&record, |r| r.score.value = 9.5);
    let v = verify(&forged, None, &DalekVerifier);
    assert!(!v.ok());
    assert_eq!(
        v.problems,
        vec!["score 9.5 does not follow from the template: it computes to 2.50".to_string()]
    );
}

#[test]
fn hand_edited_verdict_is_caught() {
    let (_, record) = sample_record();
    let forged = tamper(&record, |r| {
        r.verdict.decision = Verdict::Go;
        r.verdict.reasons.clear();
    });
    let v = verify(&forged, None, &DalekVerifier);
    assert!(
        v.problems
            .iter()
            .any(|p| p.starts_with("verdict GO does not follow")),
        "{:?}",
        v.problems
    );
    assert!(
        v.problems
            .iter()
            .any(|p| p.starts_with("verdict reason missing: score 2.50")),
        "{:?}",
        v.problems
    );
}

#[test]
fn flipped_answer_is_caught_by_signoff_digests_and_counts() {
    let (_, record) = sample_record();
    let forged = tamper(&record, |r| {
        let it = r
            .items
            .iter_mut()
            .find(|i| i.status == Status::Open && i.role == Role::Readiness)
            .expect("open item");
        it.status = Status::Done;
    });
    let v = verify(&forged, None, &DalekVerifier);
    assert!(!v.ok());
    assert!(
        v.problems
            .iter()
            .any(|p| p.starts_with("answers_digest does not match")),
        "{:?}",
        v.problems
    );
}

#[test]
fn weights_edited_to_pass_are_caught_against_the_template() {
    let (bytes, record) = sample_record();
    let forged = tamper(&record, |r| {
        // Make Security weigh everything and claim the resulting score.
        for c in &mut r.score.categories {
            c.weight = if c.name == "Security" { 100.0 } else { 0.0 };
        }
        r.score.value = 10.0;
        r.verdict.reasons.retain(|x| !x.starts_with("score"));
        r.verdict.decision = Verdict::Go;
    });
    // The record carries its template: on its own it is caught, with the same problems.
    let alone = verify(&forged, None, &DalekVerifier);
    assert!(!alone.ok());
    assert!(alone
        .problems
        .contains(&"verdict GO does not follow from the template: it is NO-GO".to_string()));
    // A record of the earlier form (no checklist carried) is consistent with itself: only the
    // template can tell, and a gate does not take its GO without one.
    let old_form = tamper(&record, |r| {
        r.revision = None;
        r.checklist.source = None;
        for c in &mut r.score.categories {
            c.weight = if c.name == "Security" { 100.0 } else { 0.0 };
        }
        r.score.value = 10.0;
        r.verdict.reasons.retain(|x| !x.starts_with("score"));
        r.verdict.decision = Verdict::Go;
    });
    let alone = verify(&old_form, None, &DalekVerifier);
    assert!(alone.ok(), "{:?}", alone.problems);
    assert!(!alone.go() && alone.needs_template());
    let v = verify(
        &forged,
        Some(("lfg-platform-checklist.md", &bytes)),
        &DalekVerifier,
    );
    assert!(!v.ok());
    assert!(
        v.problems
            .iter()
            .any(|p| p.contains("does not follow from the template")),
        "{:?}",
        v.problems
    );
}

#[test]
fn truncated_and_foreign_files_are_reported() {
    let (_, record) = sample_record();
    let json = to_json(&record);
    let v = verify(&json[..json.len() / 2], None, &DalekVerifier);
    assert!(
        v.problems[0].starts_with("not a readable export:"),
        "{:?}",
        v.problems
    );
    let v = verify(
        &json.replace("readiness-audit/1", "readiness-audit/9"),
        None,
        &DalekVerifier,
    );
    assert_eq!(
        v.problems,
        vec![
            "unknown schema \"readiness-audit/9\": this build verifies readiness-audit/1"
                .to_string()
        ]
    );
    let v = verify("[1, 2, 3]", None, &DalekVerifier);
    assert_eq!(
        v.problems,
        vec!["not an audit record: no \"schema\" field".to_string()]
    );
}

#[test]
fn template_drift_is_listed() {
    let (bytes, record) = sample_record();
    let json = to_json(&record);
    let text = String::from_utf8(bytes).expect("utf-8");
    let modified = text
        .replace("- [ ] XSS protection verified\n", "")
        .replace(
            "- [ ] HTTPS enforced on all endpoints",
            "- [ ] HTTPS enforced on every endpoint",
        )
        .replace(
            "- [ ] Static analysis passes\n",
            "- [ ] Static analysis passes\n- [ ] SBOM published\n",
        );
    let v = verify(
        &json,
        Some(("lfg-platform-checklist.md", modified.as_bytes())),
        &DalekVerifier,
    );
    assert!(!v.ok());
    let d = v.drift.expect("drift listed");
    assert_eq!(
        d.added,
        vec![(
            "pre-deployment-requirements/code-quality-testing/sbom-published".to_string(),
            "SBOM published".to_string()
        )]
    );
    assert_eq!(
        d.removed,
        vec![(
            "pre-deployment-requirements/security/xss-protection-verified".to_string(),
            "XSS protection verified".to_string()
        )]
    );
    assert_eq!(d.changed.len(), 1);
    assert_eq!(
        d.changed[0].0,
        "pre-deployment-requirements/security/https-enforced-on-all-endpoints"
    );
    assert_eq!(
        d.changed[0].1,
        "pre-deployment-requirements/security/https-enforced-on-every-endpoint"
    );
    assert!(
        v.problems[0].contains("1 added, 1 removed, 1 changed"),
        "{:?}",
        v.problems
    );
}

#[test]
fn export_is_deterministic_and_versioned() {
    let (_, r1) = sample_record();
    let (_, r2) = sample_record();
    assert_eq!(to_json(&r1), to_json(&r2));
    assert_eq!(r1.schema, "readiness-audit/1");
    assert_eq!(r1.generated_at, "2026-11-22T04:50:00Z");
    assert_eq!(r1.checklist.items, 408);
    assert_eq!(r1.checklist.sha256.len(), 64);
    assert_eq!(r1.signoffs.len(), 6);
    assert!(r1.signoffs.iter().all(|s| !s.stale));
    let item = r1
        .items
        .iter()
        .find(|i| i.status == Status::Na)
        .expect("an N/A item");
    assert_eq!(item.reason, "no docs site");
    assert_eq!(
        item.section,
        vec!["Pre-Deployment Requirements", "✅ Documentation"]
    );
    assert_eq!(item.category.as_deref(), Some("Documentation"));
}

#[test]
fn comparing_two_reviews_lists_what_changed() {
    let (_, c) = load("lfg-platform-checklist.md");
    let mut a = Answers::default();
    a.set_status(&c.items[0].id, Status::Done, "", NOW);
    let first = export(&c, &a, "test", &common::rules());
    a.set_status(&c.items[0].id, Status::Open, "", NOW);
    a.set_status(&c.items[1].id, Status::Na, "covered by e2e", NOW);
    let cell = c
        .fields
        .iter()
        .find(|f| f.item.is_none())
        .expect("cell")
        .id
        .clone();
    a.fields.insert(cell.clone(), "+1 555 0100".to_string());
    sign_all(&c, &mut a);
    let second = export(&c, &a, "test", &common::at(Timestamp(NOW.0 + 86_400_000)));
    let changes = audit::compare(&first, &second);
    let keys: Vec<&str> = changes.iter().map(|ch| ch.key.as_str()).collect();
    assert_eq!(keys[..2], ["score", &c.items[0].id[..]], "{keys:?}");
    assert_eq!(changes[1].before, "done");
    assert_eq!(changes[1].after, "open");
    assert_eq!(changes[2].after, "na (N/A: covered by e2e)");
    assert_eq!(changes[3].key, cell);
    assert_eq!(changes[3].after, "+1 555 0100");
    assert_eq!(changes.iter().filter(|ch| ch.key == "signoff").count(), 6);
    assert_eq!(changes.len(), 4 + 6);
    assert!(audit::compare(&second, &second).is_empty());
}

#[test]
fn signatures_verify_and_every_bad_or_missing_one_is_caught() {
    let (_, record) = sample_record();
    let v = verify(&to_json(&record), None, &DalekVerifier);
    assert!(v.ok(), "{:?}", v.problems);
    assert_eq!(v.signers.len(), 6);
    assert!(v
        .signers
        .iter()
        .all(|s| s.as_ref().is_some_and(|fp| fp.len() == 64)));

    // Missing.
    let forged = tamper(&record, |r| {
        r.signoffs[0].envelope = None;
    });
    let v = verify(&forged, None, &DalekVerifier);
    assert_eq!(
        v.problems,
        vec!["sign-off Engineering Lead by \"Grace Hopper\" is not signed".to_string()]
    );

    // A signature lifted from another sign-off (another record, same key).
    let forged = tamper(&record, |r| {
        r.signoffs[0].envelope = r.signoffs[1].envelope.clone();
        r.signoffs[0].public_key = r.signoffs[1].public_key.clone();
    });
    let v = verify(&forged, None, &DalekVerifier);
    assert_eq!(v.problems.len(), 1, "{:?}", v.problems);
    assert!(
        v.problems[0].contains("signed statement does not match this sign-off"),
        "{:?}",
        v.problems
    );

    // A changed name with the original signature.
    let forged = tamper(&record, |r| r.signoffs[2].name = "Mallory".to_string());
    let v = verify(&forged, None, &DalekVerifier);
    assert!(
        v.problems.iter().any(
            |p| p.contains("Security Lead by \"Mallory\": the signed statement does not match")
        ),
        "{:?}",
        v.problems
    );

    // A bad signature over the right statement.
    let forged = tamper(&record, |r| {
        let env = r.signoffs[3].envelope.as_mut().expect("signed");
        let mut sig = readiness::domain::signoff::signing::base64_decode(&env.signatures[0].sig)
            .expect("b64");
        sig[10] ^= 1;
        env.signatures[0].sig = readiness::domain::signoff::signing::base64_encode(&sig);
    });
    let v = verify(&forged, None, &DalekVerifier);
    assert_eq!(v.problems.len(), 1, "{:?}", v.problems);
    assert!(
        v.problems[0].starts_with(
            "sign-off QA Lead by \"Grace Hopper\": signature does not verify with key "
        ),
        "{:?}",
        v.problems
    );

    // Someone else's key substituted.
    let forged = tamper(&record, |r| {
        r.signoffs[4].public_key = r.signoffs[5].public_key.clone();
    });
    let v = verify(&forged, None, &DalekVerifier);
    assert!(
        v.problems[0].contains("key id does not match the public key"),
        "{:?}",
        v.problems
    );
}

/// Regression: `verify --template` judged the sign-offs under the path the auditor gave the
/// template, so a record of a checklist opened by URL (or kept at another path) had every
/// sign-off "not matching this checklist" although the template's bytes were the exported ones.
#[test]
fn a_template_kept_at_another_path_judges_signoffs_under_the_exported_name() {
    let (bytes, record) = sample_record();
    let json = to_json(&record);
    let v = verify(
        &json,
        Some(("/audits/2026/templates/lfg.md", &bytes)),
        &DalekVerifier,
    );
    assert!(v.problems.is_empty(), "{:?}", v.problems);
    assert!(v.notes.is_empty(), "{:?}", v.notes);
    let signed = record.signoffs.len();
    assert_eq!(signed, 6);
    let counted = v
        .assessment
        .as_ref()
        .map(|a| a.records.iter().filter(|r| r.fault.is_none()).count());
    assert_eq!(counted, Some(signed));
}
