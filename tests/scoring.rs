//! Score, verdict, sign-off staleness, export and verification semantics on real checklists.

use readiness::domain::answers::{answers_digest, Answers, Override, SignOffRecord, Status};
use readiness::domain::audit::{self, export, integrity_digest, to_json, verify, AuditRecord};
use readiness::domain::parse;
use readiness::domain::score::{score_checklist, Reason, Role, ScoreInput, Tally};
use readiness::domain::time::Timestamp;
use readiness::domain::Checklist;

const NOW: Timestamp = Timestamp(1_795_323_000_000);

fn load(name: &str) -> (Vec<u8>, Checklist) {
    let bytes = std::fs::read(format!("checklists/{name}")).expect("seed");
    let c = parse(name, &bytes).expect("parses");
    (bytes, c)
}

fn ids_in(c: &Checklist, section_title: &str) -> Vec<String> {
    c.items
        .iter()
        .filter(|i| c.sections[i.section].title == section_title)
        .map(|i| i.id.clone())
        .collect()
}

fn sign_all(c: &Checklist, a: &mut Answers) {
    let digest = answers_digest(c, a);
    for it in c.items.iter().filter(|i| i.signoff.is_some()) {
        a.signoffs.push(SignOffRecord {
            item: it.id.clone(),
            role: it
                .signoff
                .as_ref()
                .map(|s| s.role.clone())
                .unwrap_or_default(),
            name: "Grace Hopper".to_string(),
            date: "2026-11-22".to_string(),
            signed_at: NOW.to_rfc3339(),
            digest: digest.clone(),
        });
    }
}

#[test]
fn weighted_score_follows_the_table() {
    let (_, c) = load("lfg-platform-checklist.md");
    let mut a = Answers::default();
    // Security (25%) fully done, everything else open: 2.50.
    for id in ids_in(&c, "✅ Security") {
        a.set_status(&id, Status::Done, "", NOW);
    }
    let b = score_checklist(&c, &a);
    assert_eq!(b.score_centi, 250);
    assert_eq!(b.categories[1].counts.done, 21);
    assert_eq!(b.categories[1].score_centi, Some(1000));
    // Half of Documentation (5%, 28 items): 14 done → +0.25.
    for id in ids_in(&c, "✅ Documentation").into_iter().take(14) {
        a.set_status(&id, Status::Done, "", NOW);
    }
    assert_eq!(score_checklist(&c, &a).score_centi, 275);
}

#[test]
fn not_applicable_items_leave_the_denominator() {
    let (_, c) = load("lfg-platform-checklist.md");
    let mut a = Answers::default();
    let docs = ids_in(&c, "✅ Documentation");
    for id in &docs[..14] {
        a.set_status(id, Status::Done, "", NOW);
    }
    for id in &docs[14..] {
        a.set_status(id, Status::Na, "no public API", NOW);
    }
    let b = score_checklist(&c, &a);
    let doc = &b.categories[6];
    assert_eq!(
        (doc.counts.done, doc.counts.na, doc.counts.applicable()),
        (14, 14, 14)
    );
    assert_eq!(doc.score_centi, Some(1000));
    assert_eq!(b.score_centi, 50);
}

#[test]
fn manual_override_replaces_completion_and_is_recorded() {
    let (bytes, c) = load("lfg-platform-checklist.md");
    let mut a = Answers::default();
    a.overrides.insert(
        "Security".to_string(),
        Override {
            score: 8.0,
            reason: "third-party pen test report".to_string(),
            set_at: Some(NOW.to_rfc3339()),
        },
    );
    let b = score_checklist(&c, &a);
    assert_eq!(b.categories[1].score_centi, Some(800));
    assert_eq!(b.score_centi, 200);
    let record = export(&c, &a, "test", NOW);
    assert_eq!(record.score.categories[1].override_score, Some(8.0));
    assert!(verify(
        &to_json(&record),
        Some(("lfg-platform-checklist.md", &bytes))
    )
    .ok());
}

#[test]
fn go_needs_score_signoffs_and_no_trigger() {
    let (_, c) = load("lfg-platform-checklist.md");
    let mut a = Answers::default();
    for it in &c.items {
        a.set_status(&it.id, Status::Done, "", NOW);
    }
    let b = score_checklist(&c, &a);
    assert_eq!(b.score_centi, 1000);
    assert!(!b.go);
    assert_eq!(b.reasons.len(), 6, "{:?}", b.reasons);
    assert!(b
        .reasons
        .iter()
        .all(|r| matches!(r, Reason::SignoffMissing { .. })));
    sign_all(&c, &mut a);
    let b = score_checklist(&c, &a);
    assert!(b.go, "{:?}", b.reasons);

    // Any later edit makes every sign-off stale.
    let first = c.items[0].id.clone();
    a.set_note(&first, "re-ran after hotfix", NOW);
    let b = score_checklist(&c, &a);
    assert!(!b.go);
    assert_eq!(
        b.reasons
            .iter()
            .filter(|r| matches!(r, Reason::SignoffStale { .. }))
            .count(),
        6
    );
    // Undoing the edit restores the content the sign-offs attest to.
    a.set_note(&first, "", NOW);
    assert!(score_checklist(&c, &a).go);
}

#[test]
fn checked_trigger_forces_no_go_and_is_not_progress() {
    let (_, c) = load("dojopool-phased-rollout.md");
    let mut a = Answers::default();
    for (i, it) in c.items.iter().enumerate() {
        if readiness::domain::score::item_role(&c, i) == Role::Readiness {
            a.set_status(&it.id, Status::Done, "", NOW);
        }
    }
    let b = score_checklist(&c, &a);
    assert_eq!(b.score_centi, 1000);
    assert!(b.go, "{:?}", b.reasons);
    let trigger = c
        .items
        .iter()
        .find(|i| i.plain == "Critical data loss or corruption")
        .expect("phase 2 failure criterion");
    a.set_status(&trigger.id, Status::Done, "", NOW);
    let b = score_checklist(&c, &a);
    assert_eq!(b.score_centi, 1000, "a trigger is not progress");
    assert_eq!(b.triggers.done, 1);
    assert_eq!(
        b.reasons,
        vec![Reason::TriggerChecked {
            id: trigger.id.clone(),
            text: "Critical data loss or corruption".to_string()
        }]
    );
}

#[test]
fn open_critical_item_forces_no_go() {
    let src =
        b"# R\n\n## Work\n\n- [x] Normal item\n- [ ] (critical) Backups restored\n- [x] Other\n";
    let c = parse("crit.md", src).expect("parses");
    let mut a = Answers::default();
    let b = score_checklist(&c, &a);
    assert_eq!(b.score_centi, 667, "pre-checked [x] items count as done");
    assert!(
        matches!(&b.reasons[..], [Reason::BelowThreshold { .. }, Reason::CriticalOpen { text, .. }] if text == "(critical) Backups restored")
    );
    a.set_status(&c.items[1].id, Status::Done, "", NOW);
    assert!(score_checklist(&c, &a).go);
}

#[test]
fn tally_updates_by_delta_match_a_full_recount() {
    let (_, c) = load("lfg-platform-checklist.md");
    let mut a = Answers::default();
    let input = ScoreInput::new(&c, &a);
    let mut tally = Tally::new(&input);
    for (i, it) in c.items.iter().enumerate().step_by(3) {
        let to = if i % 2 == 0 { Status::Done } else { Status::Na };
        tally.change(&input.items[i], Status::Open, to);
        a.set_status(&it.id, to, "reason", NOW);
    }
    let fresh = Tally::new(&ScoreInput::new(&c, &a));
    assert_eq!(tally, fresh);
}

#[test]
fn answers_for_removed_items_are_kept_and_reported() {
    let (_, c) = load("websocket-cluster-checklist.md");
    let mut a = Answers::default();
    a.set_status(
        "pre-deployment/infrastructure/an-item-deleted-from-the-template",
        Status::Done,
        "",
        NOW,
    );
    a.set_status(&c.items[0].id, Status::Done, "", NOW);
    assert_eq!(
        a.orphans(&c),
        vec!["pre-deployment/infrastructure/an-item-deleted-from-the-template".to_string()]
    );
    let record = export(&c, &a, "test", NOW);
    assert_eq!(record.orphans.items.len(), 1);
    let back = audit::answers_from_record(&record);
    assert_eq!(back.items.len(), 2, "orphan survives an export round trip");
}

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
    (bytes, export(&c, &a, "test", NOW))
}

#[test]
fn hand_edited_score_is_caught_even_with_a_recomputed_digest() {
    let (_, record) = sample_record();
    let forged = tamper(&record, |r| r.score.value = 9.5);
    let v = verify(&forged, None);
    assert!(!v.ok());
    assert_eq!(
        v.problems,
        vec![
            "score 9.5 does not follow from the record's answers: it computes to 2.50".to_string()
        ]
    );
}

#[test]
fn hand_edited_verdict_is_caught() {
    let (_, record) = sample_record();
    let forged = tamper(&record, |r| {
        r.verdict.decision = "GO".to_string();
        r.verdict.reasons.clear();
    });
    let v = verify(&forged, None);
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
            .find(|i| i.status == Status::Open && i.role == "readiness")
            .expect("open item");
        it.status = Status::Done;
    });
    let v = verify(&forged, None);
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
        r.verdict.decision = "GO".to_string();
    });
    let alone = verify(&forged, None);
    assert!(
        alone.ok(),
        "consistent with itself: only the template can tell: {:?}",
        alone.problems
    );
    let v = verify(&forged, Some(("lfg-platform-checklist.md", &bytes)));
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
    let v = verify(&json[..json.len() / 2], None);
    assert!(
        v.problems[0].starts_with("not a readable export:"),
        "{:?}",
        v.problems
    );
    let v = verify(
        &json.replace("readiness-audit/1", "readiness-audit/9"),
        None,
    );
    assert_eq!(
        v.problems,
        vec![
            "unknown schema \"readiness-audit/9\": this build verifies readiness-audit/1"
                .to_string()
        ]
    );
    let v = verify("[1, 2, 3]", None);
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
