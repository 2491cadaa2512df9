//! Score, verdict, sign-off staleness, export and verification semantics on real checklists.

mod common;

use common::{ids_in, load, security_done, sign_all, NOW};

use readiness::domain::answers::{Answers, Override, Status};
use readiness::domain::audit::{self, export, to_json, verify};
use readiness::domain::parse;
use readiness::domain::score::{score_checklist, Reason, Role, ScoreInput, Tally, Verdict};
use readiness::native::DalekVerifier;

#[test]
fn weighted_score_follows_the_table() {
    let (_, c) = load("lfg-platform-checklist.md");
    // Security (25%) fully done, everything else open: 2.50.
    let mut a = security_done(&c);
    let b = score_checklist(&c, &a, &common::rules());
    assert_eq!(b.score_centi, 250);
    assert_eq!(b.categories[1].counts.done, 21);
    assert_eq!(b.categories[1].score_centi, Some(1000));
    // Half of Documentation (5%, 28 items): 14 done → +0.25.
    for id in ids_in(&c, "✅ Documentation").into_iter().take(14) {
        a.set_status(&id, Status::Done, "", NOW);
    }
    assert_eq!(score_checklist(&c, &a, &common::rules()).score_centi, 275);
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
    let b = score_checklist(&c, &a, &common::rules());
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
    let b = score_checklist(&c, &a, &common::rules());
    assert_eq!(b.categories[1].score_centi, Some(800));
    assert_eq!(b.score_centi, 200);
    let record = export(&c, &a, "test", &common::rules());
    assert_eq!(record.score.categories[1].override_score, Some(8.0));
    assert!(verify(
        &to_json(&record),
        Some(("lfg-platform-checklist.md", &bytes)),
        &DalekVerifier
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
    let b = score_checklist(&c, &a, &common::rules());
    assert_eq!(b.score_centi, 1000);
    assert_eq!(b.verdict, Verdict::NoGo);
    assert_eq!(b.reasons.len(), 6, "{:?}", b.reasons);
    assert!(b
        .reasons
        .iter()
        .all(|r| matches!(r, Reason::SignoffMissing { .. })));
    sign_all(&c, &mut a);
    let b = score_checklist(&c, &a, &common::rules());
    assert_eq!(b.verdict, Verdict::Go, "{:?}", b.reasons);

    // Any later edit makes every sign-off stale.
    let first = c.items[0].id.clone();
    a.set_note(&first, "re-ran after hotfix", NOW);
    let b = score_checklist(&c, &a, &common::rules());
    assert_eq!(b.verdict, Verdict::NoGo);
    assert_eq!(
        b.reasons
            .iter()
            .filter(|r| matches!(r, Reason::SignoffStale { .. }))
            .count(),
        6
    );
    // Undoing the edit restores the content the sign-offs attest to.
    a.set_note(&first, "", NOW);
    assert_eq!(
        score_checklist(&c, &a, &common::rules()).verdict,
        Verdict::Go
    );
}

#[test]
fn checked_trigger_forces_no_go_and_is_not_progress() {
    let (_, c) = load("dojopool-phased-rollout.md");
    let mut a = Answers::default();
    for (i, it) in c.items.iter().enumerate() {
        if readiness::domain::score::item_role(&c, None, i) == Role::Readiness {
            a.set_status(&it.id, Status::Done, "", NOW);
        }
    }
    let b = score_checklist(&c, &a, &common::rules());
    assert_eq!(b.score_centi, 1000);
    assert_eq!(b.verdict, Verdict::Go, "{:?}", b.reasons);
    let trigger = c
        .items
        .iter()
        .find(|i| i.plain == "Critical data loss or corruption")
        .expect("phase 2 failure criterion");
    a.set_status(&trigger.id, Status::Done, "", NOW);
    let b = score_checklist(&c, &a, &common::rules());
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
    let b = score_checklist(&c, &a, &common::rules());
    assert_eq!(b.score_centi, 667, "pre-checked [x] items count as done");
    assert!(
        matches!(&b.reasons[..], [Reason::BelowThreshold { .. }, Reason::CriticalOpen { text, .. }] if text == "(critical) Backups restored")
    );
    a.set_status(&c.items[1].id, Status::Done, "", NOW);
    assert_eq!(
        score_checklist(&c, &a, &common::rules()).verdict,
        Verdict::Go
    );
}

#[test]
fn tally_updates_by_delta_match_a_full_recount() {
    let (_, c) = load("lfg-platform-checklist.md");
    let mut a = Answers::default();
    let input = ScoreInput::new(&c, &a, &common::rules());
    let mut tally = Tally::new(&input);
    for (i, it) in c.items.iter().enumerate().step_by(3) {
        let to = if i % 2 == 0 { Status::Done } else { Status::Na };
        tally.change(i, &input.items[i], Status::Open, to);
        a.set_status(&it.id, to, "reason", NOW);
    }
    let fresh = Tally::new(&ScoreInput::new(&c, &a, &common::rules()));
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
    let record = export(&c, &a, "test", &common::rules());
    assert_eq!(record.orphans.items.len(), 1);
    let back = audit::answers_from_record(&record);
    assert_eq!(back.items.len(), 2, "orphan survives an export round trip");
}

#[test]
fn answer_problems_are_reported_not_fatal() {
    let (_, c) = load("websocket-cluster-checklist.md");
    let mut a = Answers::default();
    a.set_status(&c.items[0].id, Status::Na, "  ", NOW);
    a.overrides.insert(
        "All readiness items".to_string(),
        Override {
            score: 9.0,
            reason: "external audit".to_string(),
            set_at: None,
        },
    );
    a.overrides.insert(
        "Billing".to_string(),
        Override {
            score: 11.0,
            reason: String::new(),
            set_at: None,
        },
    );
    let date = c
        .fields
        .iter()
        .find(|f| f.kind == readiness::domain::model::FieldKind::Date);
    assert!(date.is_none(), "websocket has no date fields");
    let problems: Vec<String> = readiness::domain::answers::validate::problems(&a, &c)
        .into_iter()
        .map(|p| format!("{}: {}", p.key, p.message))
        .collect();
    assert_eq!(
        problems,
        vec![
            format!("{}: marked N/A without a reason", c.items[0].id),
            "Billing: override score 11 is outside 0-10".to_string(),
            "Billing: override has no reason".to_string(),
            "Billing: override names no score category of this checklist".to_string(),
        ]
    );
    // The implicit category's override applies.
    assert_eq!(score_checklist(&c, &a, &common::rules()).score_centi, 900);
}

#[test]
fn section_counts_follow_each_change_and_match_a_recount() {
    use readiness::domain::score::{counted_in, section_counts};
    let (_, c) = load("lfg-platform-checklist.md");
    let mut status = vec![Status::Open; c.items.len()];
    let input = ScoreInput::new(&c, &Answers::default(), &common::at(NOW));
    let mut counts = section_counts(&c, &input, |i| status[i]);
    // The root section holds every item but the 6 sign-offs.
    assert_eq!(c.signoff_count(), 6);
    assert_eq!(counts[0].total, 408 - 6);
    assert_eq!((counts[0].done, counts[0].na), (0, 0));
    for (k, to) in [
        (0, Status::Done),
        (5, Status::Na),
        (0, Status::Open),
        (200, Status::Done),
    ] {
        let from = status[k];
        status[k] = to;
        for s in counted_in(&c, &input, k) {
            counts[s].change(from, to);
        }
    }
    assert_eq!(counts, section_counts(&c, &input, |i| status[i]));
    assert_eq!((counts[0].done, counts[0].na), (1, 1));
    let s = c.items[200].section;
    assert_eq!(counts[s].done, 1);
    assert_eq!(counts[c.items[5].section].na, 1);
    // Sign-off items are in no section's counts.
    let signoff = c.items.iter().position(|it| it.signoff.is_some()).unwrap();
    assert_eq!(counted_in(&c, &input, signoff).count(), 0);
}
