//! Score, verdict, sign-off staleness, export and verification semantics on real checklists.

mod common;

use common::{ids_in, load, sign_all, NOW};

use readiness::domain::answers::{Answers, Override, Status};
use readiness::domain::audit::{self, export, to_json, verify};
use readiness::domain::parse;
use readiness::domain::score::{
    items_to_pass, score, score_checklist, unscored_roots, unscored_sections, Reason, Role,
    ScoreInput, Tally, Verdict,
};
use readiness::domain::Checklist;
use readiness::native::DalekVerifier;

/// lfg with every Security item done and nothing else.
fn security_done(c: &Checklist) -> Answers {
    let mut a = Answers::default();
    for id in ids_in(c, "✅ Security") {
        a.set_status(&id, Status::Done, "", NOW);
    }
    a
}

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
fn missing_to_pass_ranks_by_score_gain() {
    let (_, c) = load("lfg-platform-checklist.md");
    let a = Answers::default();
    let input = ScoreInput::new(&c, &a, &common::rules());
    let tally = Tally::new(&input);
    let b = readiness::domain::score::breakdown(&input, &tally);
    let gains = readiness::domain::score::missing_to_pass(&input, &b, |i| input.items[i].status, 5);
    assert_eq!(gains.len(), 5);
    // Code Quality weighs 20% over 13 items: 10 × 0.20 / 13 = 0.154 per item, more than Security
    // (25% over 21 items: 0.119) or any other category.
    assert_eq!(tally.categories[0].total, 13);
    for g in &gains {
        assert_eq!(
            input.items[g.item].category,
            Some(0),
            "{}",
            input.items[g.item].text
        );
        assert!(
            (g.gain_centi - 1000.0 * 0.20 / 13.0).abs() < 1e-9,
            "{}",
            g.gain_centi
        );
    }
    // A critical item outranks any gain.
    let src = b"# R\n\n## A\n\n- [ ] plain\n- [ ] (critical) must\n";
    let c = parse("c.md", src).expect("parses");
    let input = ScoreInput::new(&c, &Answers::default(), &common::rules());
    let tally = Tally::new(&input);
    let b = readiness::domain::score::breakdown(&input, &tally);
    let gains =
        readiness::domain::score::missing_to_pass(&input, &b, |i| input.items[i].status, 10);
    assert_eq!(gains.iter().map(|g| g.item).collect::<Vec<_>>(), [1, 0]);
    assert!(tally.critical_open.contains(&1));
}

/// The ranking as documented, one item at a time: every open readiness item that is critical or
/// gains something, by (critical, gain) descending, then document order.
fn missing_reference(
    input: &ScoreInput,
    b: &readiness::domain::score::Breakdown,
    statuses: &[Status],
) -> Vec<(usize, bool, f64)> {
    let total: f64 = b
        .categories
        .iter()
        .filter(|c| c.score_centi.is_some())
        .map(|c| c.weight)
        .sum();
    let mut all: Vec<(usize, bool, f64)> = input
        .items
        .iter()
        .enumerate()
        .filter(|(i, it)| it.role == Role::Readiness && statuses[*i] == Status::Open)
        .map(|(i, it)| {
            let gain = it
                .category
                .map(|c| &b.categories[c])
                .filter(|c| c.override_centi.is_none() && c.counts.applicable() > 0)
                .map(|c| 1000.0 * (c.weight / total) / c.counts.applicable() as f64)
                .unwrap_or(0.0);
            (i, it.critical, gain)
        })
        .filter(|(_, critical, gain)| *critical || *gain > 0.0)
        .collect();
    all.sort_by(|a, b| b.1.cmp(&a.1).then(b.2.total_cmp(&a.2)).then(a.0.cmp(&b.0)));
    all
}

#[test]
fn missing_to_pass_top_n_is_the_head_of_the_full_ranking() {
    use readiness::domain::score::missing_to_pass;
    let (_, c) = load("lfg-platform-checklist.md");
    let a = Answers::default();
    let input = ScoreInput::new(&c, &a, &common::rules());
    let b = readiness::domain::score::breakdown(&input, &Tally::new(&input));
    let all = missing_to_pass(&input, &b, |i| input.items[i].status, usize::MAX);
    // Every open readiness item that moves the score (it is in a weighted category) or is critical.
    let expected = input
        .items
        .iter()
        .filter(|it| it.role == Role::Readiness && (it.category.is_some() || it.critical))
        .count();
    assert_eq!(all.len(), expected);
    assert_eq!(all.len(), 183);
    for limit in [0, 1, 7, 8, 100, 182, 183, 184] {
        let top = missing_to_pass(&input, &b, |i| input.items[i].status, limit);
        assert_eq!(top, all[..limit.min(all.len())], "limit {limit}");
    }
    // Against the item-by-item reference, with answers spread over the checklist (done, N/A and
    // open items in every category, which changes each category's gain), on the seed and on a
    // synthetic checklist whose categories tie.
    let synthetic = parse("s.md", readiness::synth::checklist(2_000).as_bytes()).expect("parses");
    for c in [c, synthetic] {
        compare_missing_with_reference(&c);
    }
}

fn compare_missing_with_reference(c: &Checklist) {
    use readiness::domain::score::{missing_to_pass_in, MissingGroups};
    let mut a = Answers::default();
    for (k, it) in c.items.iter().enumerate() {
        match k % 7 {
            0 | 3 => a.set_status(&it.id, Status::Done, "", NOW),
            5 => a.set_status(&it.id, Status::Na, "not here", NOW),
            _ => {}
        }
    }
    let input = ScoreInput::new(c, &a, &common::rules());
    let b = readiness::domain::score::breakdown(&input, &Tally::new(&input));
    let statuses: Vec<Status> = input.items.iter().map(|it| it.status).collect();
    let reference = missing_reference(&input, &b, &statuses);
    assert!(reference.len() > 100, "{}", reference.len());
    let groups = MissingGroups::new(&input);
    for limit in [1, 8, 50, reference.len(), usize::MAX] {
        let got: Vec<(usize, bool, f64)> = missing_to_pass_in(&groups, &b, |i| statuses[i], limit)
            .into_iter()
            .map(|g| (g.item, g.critical, g.gain_centi))
            .collect();
        assert_eq!(
            got,
            reference[..limit.min(reference.len())],
            "limit {limit}"
        );
    }
}

#[test]
fn markdown_report_patches_the_source() {
    let (bytes, c) = load("platform-deployment-checklist.md");
    let src = std::str::from_utf8(&bytes).expect("utf-8");
    assert_eq!(&*c.source, src, "the report patches the exact source");
    let mut a = Answers::default();
    let first = c.items[0].id.clone();
    a.set_status(&first, Status::Done, "", NOW);
    let second = c.items[1].id.clone();
    a.set_status(&second, Status::Na, "no staging | here", NOW);
    a.set_note(&second, "see ticket\nOPS-1", NOW);
    let downtime = c
        .fields
        .iter()
        .find(|f| f.label == "Downtime")
        .expect("field")
        .id
        .clone();
    a.fields.insert(downtime, "12".to_string());
    let cell = c
        .fields
        .iter()
        .find(|f| f.id.ends_with("table-0/deployment-lead/name"))
        .expect("cell")
        .id
        .clone();
    a.fields.insert(cell, "Ada | Lovelace".to_string());
    let b = score_checklist(&c, &a, &common::rules());
    let md = readiness::domain::report::to_markdown(&c, &a, &b);
    assert!(
        md.starts_with("> **Readiness 0.07 / 10** (minimum 8.00) — **NO-GO**\n"),
        "{}",
        &md[..200]
    );
    assert!(md.contains("- [x] Staging environment fully deployed and functional\n"));
    assert!(md.contains("- [ ] All services running and healthy\n  - N/A: no staging \\| here\n  - Note: see ticket OPS-1\n"));
    assert!(md.contains("- **Downtime:** **12** minutes"));
    assert!(
        md.contains("| Deployment Lead | Ada \\| Lovelace | | |"),
        "{}",
        md.lines()
            .find(|l| l.contains("Deployment Lead |"))
            .unwrap_or("")
    );
    assert!(md.contains("- [ ] Lead Developer: _________________________ Date: ________\n  - Not signed off (Lead Developer)\n"));
    // Still the same checklist: same items, statuses readable back.
    let again = parse("report.md", md.as_bytes()).expect("report parses");
    assert_eq!(again.items.len(), 170);
    assert!(again.items[0].prechecked);
    assert!(!again.items[1].prechecked);
}

#[test]
fn filling_one_signoff_line_does_not_stale_another() {
    let (_, c) = load("lfg-platform-checklist.md");
    let mut a = Answers::default();
    sign_all(&c, &mut a);
    assert!(score_checklist(&c, &a, &common::rules())
        .reasons
        .iter()
        .all(|r| !matches!(r, Reason::SignoffStale { .. })));
    // The next signer types their name and date into their own line.
    let so = c
        .items
        .iter()
        .find(|i| i.signoff.is_some())
        .expect("sign-off");
    for &f in &so.fields {
        a.fields
            .insert(c.fields[f].id.clone(), "Ada / 2026-11-23".to_string());
    }
    let b = score_checklist(&c, &a, &common::rules());
    assert!(
        b.reasons
            .iter()
            .all(|r| !matches!(r, Reason::SignoffStale { .. })),
        "{:?}",
        b.reasons
    );
    // Any other field is an answer: it does make sign-offs stale.
    let metric = c
        .fields
        .iter()
        .find(|f| f.item.is_none())
        .expect("a cell field");
    a.fields
        .insert(metric.id.clone(), "+1 555 0100".to_string());
    let b = score_checklist(&c, &a, &common::rules());
    assert_eq!(
        b.reasons
            .iter()
            .filter(|r| matches!(r, Reason::SignoffStale { .. }))
            .count(),
        6
    );
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

#[test]
fn missing_to_pass_ties_keep_document_order_across_categories() {
    // Beta is listed first in the score table, Alpha comes first in the document; both gain the
    // same per item, so the ranking is document order, not table order.
    let src = "# T\n\n| Category | Weight |\n|---|---|\n| Beta | 50% |\n| Alpha | 50% |\n\n\
               ## Alpha\n\n- [ ] a1\n- [ ] a2\n\n## Beta\n\n- [ ] b1\n- [ ] b2\n";
    let c = parse("t.md", src.as_bytes()).expect("parses");
    let input = ScoreInput::new(&c, &Answers::default(), &common::rules());
    let b = readiness::domain::score::breakdown(&input, &Tally::new(&input));
    let text = |limit| {
        readiness::domain::score::missing_to_pass(&input, &b, |i| input.items[i].status, limit)
            .into_iter()
            .map(|g| input.items[g.item].text.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(text(2), ["a1", "a2"]);
    assert_eq!(text(3), ["a1", "a2", "b1"]);
    assert_eq!(text(10), ["a1", "a2", "b1", "b2"]);
}

/// lfg-platform-checklist's score table weights 7 categories; 8 sections fall outside all of them
/// (issue 15: checking every Kubernetes item left the score at 0.00 with nothing saying why).
#[test]
fn sections_outside_the_score_table_are_named_with_their_items() {
    let (_, c) = common::load("lfg-platform-checklist.md");
    let input = ScoreInput::new(&c, &Answers::default(), &common::rules());
    let roots = unscored_roots(&c, &input);
    let names: Vec<&str> = roots
        .iter()
        .map(|&(s, _)| c.sections[s].title.as_str())
        .collect();
    assert_eq!(roots.len(), 8, "{names:?}");
    assert!(
        names.iter().any(|n| n.contains("Kubernetes Configuration")),
        "{names:?}"
    );
    assert_eq!(roots.iter().map(|&(_, n)| n).sum::<usize>(), 197);
    let b = score(&input);
    let scored: usize = b.categories.iter().map(|c| c.counts.total).sum();
    assert_eq!(
        (scored, b.uncategorised.total, b.procedures.total),
        (183, 197, 22)
    );
    // Every Kubernetes item done: the score does not move, as the page now says.
    let mut a = Answers::default();
    for id in common::ids_in(&c, "Kubernetes Configuration") {
        a.set_status(&id, Status::Done, "", common::NOW);
    }
    assert_eq!(score_checklist(&c, &a, &common::rules()).score_centi, 0);
    let flags = unscored_sections(&c, &input);
    let k8s = c
        .sections
        .iter()
        .position(|s| s.title.contains("Kubernetes Configuration"))
        .expect("section");
    assert!(flags[k8s]);
    assert!(
        !flags[c
            .sections
            .iter()
            .position(|s| s.title.contains("Security"))
            .expect("s")]
    );
}

/// "What is missing to pass" says how many items in which categories close the gap: the fewest, so
/// that one item less does not pass.
#[test]
fn items_to_pass_are_the_fewest_that_reach_the_threshold() {
    let (_, c) = common::load("lfg-platform-checklist.md");
    let input = ScoreInput::new(&c, &Answers::default(), &common::rules());
    let b = score(&input);
    let plan = items_to_pass(&b).expect("reachable");
    assert!(!plan.is_empty());
    // Mark exactly that many open items done in each category, then one fewer in the last.
    let apply = |plan: &[(usize, usize)]| {
        let mut a = Answers::default();
        for &(k, n) in plan {
            let ids = input
                .items
                .iter()
                .filter(|it| it.category == Some(k))
                .take(n)
                .map(|it| it.id.clone())
                .collect::<Vec<_>>();
            for id in ids {
                a.set_status(&id, Status::Done, "", common::NOW);
            }
        }
        score_checklist(&c, &a, &common::rules()).score_centi
    };
    assert!(apply(&plan) >= b.threshold_centi, "{plan:?}");
    let mut less = plan.clone();
    if let Some(last) = less.last_mut() {
        last.1 -= 1;
    }
    assert!(apply(&less) < b.threshold_centi, "{less:?}");
    // A passing score needs nothing more.
    let mut done = Answers::default();
    for it in input.items.iter().filter(|it| it.category.is_some()) {
        done.set_status(&it.id, Status::Done, "", common::NOW);
    }
    assert_eq!(
        items_to_pass(&score_checklist(&c, &done, &common::rules())),
        Some(vec![])
    );
}

/// Copy as Markdown ticks a sign-off line that is signed and current, and unticks it once stale.
#[test]
fn markdown_ticks_signed_current_signoff_lines_only() {
    let (_, c) = load("lfg-platform-checklist.md");
    let mut a = Answers::default();
    sign_all(&c, &mut a);
    let md =
        readiness::domain::report::to_markdown(&c, &a, &score_checklist(&c, &a, &common::rules()));
    assert!(md.contains("- [x] **Engineering Lead**:"), "{md}");
    assert_eq!(md.matches("Signed off by Grace Hopper").count(), 6);
    let first = c.items.iter().find(|i| i.signoff.is_none()).expect("item");
    a.set_status(&first.id, Status::Done, "", NOW);
    let md =
        readiness::domain::report::to_markdown(&c, &a, &score_checklist(&c, &a, &common::rules()));
    assert!(
        md.contains("- [ ] **Engineering Lead**:"),
        "stale: unticked"
    );
    assert_eq!(
        md.matches("stale: answers changed after signing").count(),
        6
    );
}

/// The checklist's own score table is filled in, in Markdown as on the page: each category's score
/// and weighted part, and the total (it used to read `___/10`).
#[test]
fn markdown_fills_in_the_score_table() {
    let (_, c) = load("lfg-platform-checklist.md");
    let a = security_done(&c);
    let b = score_checklist(&c, &a, &common::rules());
    assert_eq!(b.score_centi, 250);
    let md = readiness::domain::report::to_markdown(&c, &a, &b);
    assert!(md.contains("| Security | 25% | 10.00/10 | 2.50 |"), "{md}");
    assert!(
        md.contains("| Code Quality & Testing | 20% | 0.00/10 | 0.00 |"),
        "{md}"
    );
    assert!(
        md.contains("| **Total** | **100%** | - | 2.50/10 |"),
        "{md}"
    );
    assert!(!md.contains("___/10"));
    // Other tables keep their text.
    assert!(md.contains("| Engineering Lead | | | |"));
}
