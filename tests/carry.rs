//! Issue 37 (its first part): release after release. Template v1 → v2 with one changed item
//! (weekly → daily), one added, one removed, one N/A with a reason and a sign-off: the carried
//! answers, the re-review flag and its word diff, and the verdict are exact, natively and on the
//! CLI alike; nothing counts until confirmed, a changed item is never confirmed in bulk, and GO
//! comes back only with a fresh sign-off.

mod common;

use std::path::Path;

use common::{rules, run, signed, NOW};
use readiness::domain::answers::digest::answers_digest;
use readiness::domain::answers::{Answers, Person, Status};
use readiness::domain::audit::{export, to_json};
use readiness::domain::carry::{carry, item_digest};
use readiness::domain::import::{preview_all, read_incoming};
use readiness::domain::parse;
use readiness::domain::score::score_checklist;
use readiness::domain::Checklist;

fn template(name: &str) -> (String, Checklist) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/release")
        .join(name);
    let text = std::fs::read_to_string(&path).expect("fixture");
    let c = parse(name, text.as_bytes()).expect("parses");
    (path.to_string_lossy().into_owned(), c)
}

/// Release 1 at GO: every item done but the legacy queue (N/A, with a reason), signed.
fn release_one(c: &Checklist) -> Answers {
    let mut a = Answers::default();
    for it in c.items.iter().filter(|i| i.signoff.is_none()) {
        if it.id.ends_with("legacy-queue-drained") {
            a.set_status(&it.id, Status::Na, "no legacy queue in this service", NOW);
        } else {
            a.set_status(&it.id, Status::Done, "", NOW);
        }
    }
    let line = c.items.iter().find(|i| i.signoff.is_some()).expect("line");
    let digest = answers_digest(c, &a);
    a.signoffs.push(signed(
        c,
        &line.id,
        "Release Manager",
        "Sam Okafor",
        "2026-11-22",
        "2026-11-22T04:00:00Z",
        &digest,
        1,
    ));
    a
}

#[test]
fn a_release_carries_what_is_unchanged_re_reviews_what_changed_and_signs_again() {
    let (_, v1) = template("v1.md");
    let (_, v2) = template("v2.md");
    let a1 = release_one(&v1);
    assert!(score_checklist(&v1, &a1, &rules()).verdict.is_go());
    let record = export(&v1, &a1, "test", &rules());
    // Only the changed item's content differs between the templates.
    let same: Vec<bool> = (0..4)
        .map(|i| item_digest(&v1, i) == item_digest(&v2, i))
        .collect();
    assert_eq!(same, [false, true, true, true]);

    let c = carry(&record, "release-1.json", &v2).expect("carries");
    let r = &c.report;
    let id = |s: &str| format!("readiness/{s}");
    assert_eq!(
        r.carried,
        [
            id("rollback-rehearsed-in-staging"),
            id("dashboards-linked-in-the-runbook"),
            id("feature-flags-documented")
        ]
    );
    assert!(r.counted.is_empty(), "the N/A item was removed in v2");
    assert_eq!(
        r.review,
        [(
            id("load-test-run-daily-against-production-sized-data"),
            String::new()
        )]
        .iter()
        .map(|(i, _)| (
            i.clone(),
            "Load test run [-weekly-] {+daily+} against production-sized data".to_string()
        ))
        .collect::<Vec<_>>()
    );
    assert_eq!(r.added, [id("error-budget-reviewed")]);
    assert_eq!(
        r.removed,
        [(
            id("legacy-queue-drained"),
            "Legacy queue drained".to_string(),
            Status::Na
        )]
    );
    assert_eq!(r.signoffs_left, 1);
    let from = c.answers.carried_from().expect("names its record");
    assert_eq!(from.file, "release-1.json");
    assert_eq!(
        Some(&from.integrity),
        record.integrity.as_ref().map(|i| &i.digest)
    );
    assert_eq!(
        (from.checklist.as_str(), from.at.as_str()),
        ("v1.md", record.generated_at.as_str())
    );
    assert!(c.answers.signoffs.is_empty(), "sign-offs never carry");

    // Nothing carried counts until confirmed: NO-GO, with every item open.
    let mut a = c.answers.clone();
    let b = score_checklist(&v2, &a, &rules());
    assert!(!b.verdict.is_go());
    assert_eq!(b.categories[0].counts.done, 0);
    // "Confirm all carried" confirms the three unchanged ones, never the changed one.
    let ana = Person {
        name: "Ana Lima".to_string(),
        key: None,
    };
    let ids: Vec<String> = v2.items.iter().map(|i| i.id.clone()).collect();
    assert_eq!(
        a.confirm_carried_in_bulk(ids.iter().map(String::as_str), &ana, "2026-12-05T08:00:00Z"),
        3
    );
    assert_eq!(a.carried.len(), 1);
    let confirmed = &a.items[&id("rollback-rehearsed-in-staging")];
    assert_eq!(confirmed.status, Status::Done);
    assert_eq!(
        confirmed.by.last().map(|b| b.person.name.as_str()),
        Some("Ana Lima")
    );
    // The changed item, on its own; then the new item answered.
    assert!(a.confirm_carried(
        &id("load-test-run-daily-against-production-sized-data"),
        &ana,
        "2026-12-05T08:01:00Z"
    ));
    a.set_status(&id("error-budget-reviewed"), Status::Done, "", NOW);
    let b = score_checklist(&v2, &a, &rules());
    let reasons: Vec<String> = b.reasons.iter().map(ToString::to_string).collect();
    assert_eq!(reasons, ["sign-off missing: Release Manager"]);
    // Signed again over this release's answers: GO.
    let line = v2.items.iter().find(|i| i.signoff.is_some()).expect("line");
    let digest = answers_digest(&v2, &a);
    a.signoffs.push(signed(
        &v2,
        &line.id,
        "Release Manager",
        "Sam Okafor",
        "2026-11-22",
        "2026-11-22T04:40:00Z",
        &digest,
        1,
    ));
    assert!(score_checklist(&v2, &a, &rules()).verdict.is_go());
    // The carried answers keep what they carry through a file, and through an import into a
    // page (what "Open answers…" applies).
    let back = Answers::from_json(&c.answers.to_json()).expect("reads");
    assert_eq!(back.carried, c.answers.carried);
    assert_eq!(back.carried_from, c.answers.carried_from);
    let p = preview_all(
        &v2,
        &Answers::default(),
        vec![read_incoming(
            "release-2.answers.json",
            &c.answers.to_json(),
        )],
        &rules(),
    )
    .expect("preview");
    let applied = p.apply(&[], &[]);
    assert_eq!(applied.carried, c.answers.carried);
    assert_eq!(applied.carried_from(), c.answers.carried_from());
    // Kept by a page through its saves: what it does not draw includes them.
    assert_eq!(applied.kept_unshown(&v2).carried.len(), 4);
}

#[test]
fn the_cli_carries_a_record_that_verifies_and_says_what_it_did() {
    let (_, v1) = template("v1.md");
    let (v2_path, _) = template("v2.md");
    let record = export(&v1, &release_one(&v1), "test", &rules());
    let dir = std::env::temp_dir().join(format!("readiness-carry-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let rec = dir.join("release-1.json");
    std::fs::write(&rec, to_json(&record)).expect("write");
    let carry_to = |out: &Path| {
        run(&[
            "carry",
            rec.to_str().expect("path"),
            "--template",
            &v2_path,
            "--out",
            out.to_str().expect("path"),
        ])
    };
    let out = dir.join("release-2.answers.json");
    let o = carry_to(&out);
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let integrity = &record.integrity.as_ref().expect("sealed").digest[..12];
    assert_eq!(
        stdout,
        format!(
            "Carried from release-1.json (integrity {integrity}…, made {}) into v2.md:
  3 carried: the earlier answer, to confirm (open until confirmed)
  0 N/A or waived with a reason: carried, and counting
  1 changed: to re-review one by one (never confirmed in bulk)
    - readiness/load-test-run-daily-against-production-sized-data: Load test run [-weekly-] {{+daily+}} against production-sized data
  1 new: open
    - readiness/error-budget-reviewed
  1 removed: listed, not applied
    - readiness/legacy-queue-drained: \"Legacy queue drained\" (na)
  1 sign-off record not carried: this release is signed again
Wrote {}
",
            record.generated_at,
            out.display()
        )
    );
    let written =
        Answers::from_json(&std::fs::read_to_string(&out).expect("written")).expect("reads");
    assert_eq!(written.carried.len(), 4);
    // A record that does not verify is refused, and nothing is written.
    let mut text = to_json(&record);
    text = text.replacen("\"Sam Okafor\"", "\"Mallory\"", 1);
    std::fs::write(&rec, &text).expect("write");
    let out2 = dir.join("never.json");
    let o = carry_to(&out2);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr)
        .contains("does not verify, so nothing is carried from it"));
    assert!(!out2.exists());
}

/// Regression (found carrying lfg): editing a parent item's text gives the items under it new ids
/// too; they were listed as removed and new instead of carried.
#[test]
fn editing_a_parent_item_keeps_the_items_under_it_carried() {
    let before = "# R\n\n## Tests\n\n- [ ] Load tests completed\n  - [ ] 1,000 users\n  - [ ] 10,000 users\n- [ ] Smoke test\n";
    let after = before.replace("Load tests completed", "Load tests completed at peak");
    let v1 = parse("r.md", before.as_bytes()).expect("parses");
    let v2 = parse("r.md", after.as_bytes()).expect("parses");
    let mut a = Answers::default();
    for it in &v1.items {
        a.set_status(&it.id, Status::Done, "", NOW);
    }
    let record = export(&v1, &a, "test", &rules());
    let c = carry(&record, "r1.json", &v2).expect("carries");
    assert_eq!(
        c.report.carried,
        [
            "tests/load-tests-completed-at-peak/1-000-users",
            "tests/load-tests-completed-at-peak/10-000-users",
            "tests/smoke-test"
        ]
    );
    assert_eq!(c.report.review.len(), 1);
    assert!(c.report.added.is_empty() && c.report.removed.is_empty());
}

/// "Start the next release from this record" (the page's path): a record whose seal holds is
/// carried into the page's answers without replacing one given there; an edited record and an
/// answers file are refused with what is wrong, and nothing changes.
#[test]
fn the_page_starts_the_next_release_only_from_a_sealed_record_and_keeps_its_own_answers() {
    use readiness::domain::carry::next_release;
    let (_, v1) = template("v1.md");
    let (_, v2) = template("v2.md");
    let text = to_json(&export(&v1, &release_one(&v1), "test", &rules()));
    let mut mine = Answers::default();
    mine.set_status(
        "readiness/rollback-rehearsed-in-staging",
        Status::Open,
        "",
        NOW,
    );
    mine.set_note(
        "readiness/rollback-rehearsed-in-staging",
        "not yet this time",
        NOW,
    );
    let (a, report) = next_release(&mine, &text, "release-1.json", &v2).expect("carries");
    assert_eq!(report.already, ["readiness/rollback-rehearsed-in-staging"]);
    assert_eq!(
        a.items, mine.items,
        "an answer given here is never replaced"
    );
    assert_eq!(a.carried.len(), 3);
    assert_eq!(
        report.summary(),
        "2 carried to confirm, 0 N/A or waived carried and counting, 1 changed to re-review, 1 new, 1 removed; 1 already answered here kept as they are. Answers to items this release no longer has, not applied: \u{201c}Legacy queue drained\u{201d} (na). Sign-offs never carry: this release is signed again."
    );
    let edited = text.replacen("\"status\": \"done\"", "\"status\": \"open\"", 1);
    assert_ne!(edited, text);
    let e = next_release(&mine, &edited, "release-1.json", &v2).expect_err("refused");
    assert_eq!(e.to_string(), "release-1.json: the record's integrity digest is missing or does not match its content (changed after export?), so nothing is carried from it");
    let e = next_release(&mine, "{\"schema\": ", "cut.json", &v2).expect_err("refused");
    assert!(
        e.to_string().starts_with("cut.json: ") && e.to_string().ends_with("; nothing was changed"),
        "{e}"
    );
    let e = next_release(&mine, &mine.to_json(), "mine.json", &v2).expect_err("refused");
    assert_eq!(e.to_string(), "mine.json: it is an answers file; only an exported record carries the checklist its answers were given to, which carrying compares; nothing was changed");
}
