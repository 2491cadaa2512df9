//! "Copy as Markdown" on real checklists: the source patched with the answers, signed current
//! sign-off lines ticked, the checklist's own score table filled in, and one line's blanks never
//! making another stale (split from scoring.rs, issue 36).

mod common;

use common::{load, security_done, sign_all, NOW};

use readiness::domain::answers::{Answers, Status};
use readiness::domain::parse;
use readiness::domain::score::{score_checklist, Reason};

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
    // The summary is right after the title, a block of its own.
    assert!(
        md.starts_with(
            "# Production Deployment Checklist\n\n> **Readiness 0.07 / 10** (minimum 8.00) — **NO-GO**\n"
        ),
        "{}",
        &md[..200]
    );
    assert!(md.contains("- [x] Staging environment fully deployed and functional\n"));
    assert!(md.contains("- [ ] All services running and healthy\n  - N/A: no staging \\| here\n  - Note: see ticket OPS-1\n"));
    assert!(md.contains("- **Downtime:** ___12___ minutes"));
    assert!(
        md.contains("| Deployment Lead | ___Ada \\| Lovelace___ | | |"),
        "{}",
        md.lines()
            .find(|l| l.contains("Deployment Lead |"))
            .unwrap_or("")
    );
    // A sign-off line nobody signed stays as the file has it (the summary names it).
    assert!(md.contains("- [ ] Lead Developer: _________________________ Date: ________\n- [ ] "));
    assert!(md.contains("> - NO-GO: sign-off missing: Lead Developer\n"));
    // Still the same checklist: same items, statuses readable back.
    let again = parse("report.md", md.as_bytes()).expect("report parses");
    assert_eq!(again.items.len(), 170);
    assert!(again.items[0].prechecked);
    assert!(!again.items[1].prechecked);
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
/// and weighted part, and the total (it used to read `___/10`; its bold is kept).
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
        md.contains("| **Total** | **100%** | - | **2.50/10** |"),
        "{md}"
    );
    assert!(!md.contains("___/10"));
    // Other tables keep their text.
    assert!(md.contains("| Engineering Lead | | | |"));
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
