//! Issue 37: waivers that expire, release after release. Release 1 (v1.md, 2026-11-22) waives one
//! item until 2026-12-01 and is GO; release 2 (v2.md, 2026-12-05) is carried from its record, and
//! the waiver has lapsed between the two: NO-GO with "waiver expired", until the waiver is renewed.
//! `verify --as-of` asks the same of release 1 on another day, and `verify --previous` follows the
//! chain from release 2's record to release 1's, refusing the wrong file, a later one and a
//! tampered link.

mod common;

use std::path::Path;

use common::{at, cli_text, scratch, signed, NOW};
use readiness::domain::answers::digest::answers_digest;
use readiness::domain::answers::{Answers, Person, Status};
use readiness::domain::audit::{export, to_json, AuditRecord};
use readiness::domain::carry::carry;
use readiness::domain::parse;
use readiness::domain::score::score_checklist;
use readiness::domain::text::time::Timestamp;
use readiness::domain::Checklist;

const FLAGS: &str = "readiness/feature-flags-documented";

fn template(name: &str) -> (String, Checklist) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/release")
        .join(name);
    let text = std::fs::read_to_string(&path).expect("fixture");
    (
        path.to_string_lossy().into_owned(),
        parse(name, text.as_bytes()).expect("parses"),
    )
}

fn day(s: &str) -> Timestamp {
    Timestamp::parse_rfc3339(s).expect("a time")
}

/// Signs the checklist's one line over `a` as it is, at `signed_at`.
fn sign(c: &Checklist, a: &mut Answers, signed_at: &str) {
    let line = c.items.iter().find(|i| i.signoff.is_some()).expect("line");
    let digest = answers_digest(c, a);
    a.signoffs.push(signed(
        c,
        &line.id,
        "Release Manager",
        "Sam Okafor",
        &signed_at[..10],
        signed_at,
        &digest,
        1,
    ));
}

/// Waives `id` with a reason until `until`.
fn waive(a: &mut Answers, id: &str, until: &str, now: Timestamp) {
    a.set_status(id, Status::Na, "flags ship dark; documented at launch", now);
    let w = a.items.get_mut(id).expect("answered");
    w.waived = true;
    w.until = Some(until.to_string());
}

/// Release 1: every item done but the feature flags (waived until 2026-12-01) and the legacy
/// queue (N/A), signed: its record, made on 2026-11-22.
fn release_one(v1: &Checklist) -> AuditRecord {
    let mut a = Answers::default();
    for it in v1.items.iter().filter(|i| i.signoff.is_none()) {
        a.set_status(&it.id, Status::Done, "", NOW);
    }
    waive(&mut a, FLAGS, "2026-12-01", NOW);
    a.set_status(
        "readiness/legacy-queue-drained",
        Status::Na,
        "no legacy queue",
        NOW,
    );
    sign(v1, &mut a, "2026-11-22T04:00:00Z");
    let b = score_checklist(v1, &a, &common::rules());
    assert!(b.verdict.is_go(), "{:?}", b.reasons);
    export(v1, &a, "test", &common::rules())
}

#[test]
fn a_waiver_that_lapses_between_two_releases_blocks_the_second_until_renewed() {
    let (_, v1) = template("v1.md");
    let (_, v2) = template("v2.md");
    let record = release_one(&v1);
    let w = record.items.iter().find(|i| i.id == FLAGS).expect("item");
    assert_eq!(
        (w.status, w.waived, w.until.as_deref()),
        (Status::Na, true, Some("2026-12-01"))
    );

    let c = carry(&record, "release-1.json", &v2).expect("carries");
    // The waiver carries and counts (with its end date); the other unchanged items wait.
    assert_eq!(c.report.counted, [FLAGS]);
    assert_eq!(c.answers.items[FLAGS].until.as_deref(), Some("2026-12-01"));
    let release_two = day("2026-12-05T09:00:00Z");
    let ana = Person {
        name: "Ana Lima".to_string(),
        key: None,
    };
    let mut a = c.answers.clone();
    let ids: Vec<String> = v2.items.iter().map(|i| i.id.clone()).collect();
    assert_eq!(
        a.confirm_carried_in_bulk(ids.iter().map(String::as_str), &ana, "2026-12-05T09:00:00Z"),
        2
    );
    assert!(a.confirm_carried(
        "readiness/load-test-run-daily-against-production-sized-data",
        &ana,
        "2026-12-05T09:01:00Z"
    ));
    a.set_status(
        "readiness/error-budget-reviewed",
        Status::Done,
        "",
        release_two,
    );
    sign(&v2, &mut a, "2026-12-05T09:02:00Z");
    // On 2026-12-05 the waiver has lapsed: it counts as open, and says so once.
    let b = score_checklist(&v2, &a, &at(release_two));
    let reasons: Vec<String> = b.reasons.iter().map(ToString::to_string).collect();
    assert_eq!(
        reasons,
        ["waiver expired: Feature flags documented (on 2026-12-01)"]
    );
    assert_eq!(b.categories[0].counts.done, 4);
    assert_eq!(b.categories[0].counts.na, 0);
    // The same answers on 2026-12-01, the waiver's last day: it still holds (only the sign-off,
    // made on 2026-12-05, does not count yet that day).
    let last_day = score_checklist(&v2, &a, &at(day("2026-12-01T23:59:00Z")));
    assert_eq!(last_day.categories[0].counts.na, 1);
    assert_eq!(
        last_day.reasons.iter().map(ToString::to_string).collect::<Vec<_>>(),
        ["sign-off does not count: Release Manager (signed at 2026-12-05T09:02:00Z, after the record was made (2026-12-01T23:59:00Z))"]
    );
    // Renewed until 2027-01-31 (a change to the answers: signed again), GO.
    a.items.get_mut(FLAGS).expect("answer").until = Some("2027-01-31".to_string());
    let stale = score_checklist(&v2, &a, &at(release_two));
    assert_eq!(
        stale
            .reasons
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        ["sign-off stale: Release Manager (answers changed after signing)"]
    );
    sign(&v2, &mut a, "2026-12-05T09:03:00Z");
    assert!(score_checklist(&v2, &a, &at(release_two)).verdict.is_go());
    // The record names release 1, and its answers digest covers that link.
    let two = export(&v2, &a, "test", &at(release_two));
    let link = two.previous.as_ref().expect("names its previous record");
    assert_eq!(
        Some(&link.integrity),
        record.integrity.as_ref().map(|i| &i.digest)
    );
    assert_eq!(two.verdict.decision.as_str(), "GO");
    // The converters carry the renewed waiver's end date; release 1's record, judged on its own
    // date, still has its waiver holding.
    use readiness::domain::convert::{convert, Format};
    use readiness::native::DalekVerifier;
    let text = to_json(&two);
    let out = |f| convert(&text, f, &DalekVerifier).expect("converts");
    assert!(out(Format::Junit).contains(
        "<skipped message=\"Waived until 2027-01-31: flags ship dark; documented at launch\"/>"
    ));
    let hdf: serde_json::Value = serde_json::from_str(&out(Format::Hdf)).expect("json");
    let control = hdf["profiles"][0]["controls"]
        .as_array()
        .and_then(|c| c.iter().find(|c| c["id"] == FLAGS))
        .expect("control")
        .clone();
    assert_eq!(
        control["waiver_data"],
        serde_json::json!({
            "justification": "flags ship dark; documented at launch",
            "run": false,
            "skipped_due_to_waiver": true,
            "message": "Waived until 2027-01-31: flags ship dark; documented at launch",
            "expiration_date": "2027-01-31",
        })
    );
    assert!(out(Format::Oscal).contains(
        "\"remarks\": \"Waived until 2027-01-31: flags ship dark; documented at launch\""
    ));
}

#[test]
fn verify_as_of_asks_whether_a_record_still_holds_on_another_day() {
    let (_, v1) = template("v1.md");
    // A name of its own: tests run at once, and each writes its files in one scratch folder.
    let record = scratch("as-of-release-1.json", &to_json(&release_one(&v1)));
    let (code, out) = cli_text(&["verify", &record, "--require-go"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains(
        "  waiver: readiness/feature-flags-documented \"Feature flags documented\" until 2026-12-01 (9 days left on 2026-11-22)\n"
    ), "{out}");
    // The last day: it holds.
    let (code, out) = cli_text(&["verify", &record, "--as-of", "2026-12-01", "--require-go"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("  judged as of 2026-12-01: GO\n"), "{out}");
    // The day after: the record is genuine, but no longer GO.
    let (code, out) = cli_text(&["verify", &record, "--as-of", "2026-12-02", "--require-go"]);
    assert_eq!(code, 3, "{out}");
    assert!(out.contains(
        "  waiver: readiness/feature-flags-documented \"Feature flags documented\" until 2026-12-01 (lapsed: counts as open on 2026-12-02)\n  judged as of 2026-12-02: NO-GO\n    - score 7.50 is below the minimum 8.00\n    - waiver expired: Feature flags documented (on 2026-12-01)\n"
    ), "{out}");
    assert!(out.ends_with(
        "not GO: --require-go refuses this record\n  - score 7.50 is below the minimum 8.00\n  - waiver expired: Feature flags documented (on 2026-12-01)\n"
    ), "{out}");
    let (code, out) = cli_text(&["verify", &record, "--as-of", "2026-13-01"]);
    assert_eq!(
        (code, out.as_str()),
        (
            2,
            "readiness: --as-of \"2026-13-01\" is not a date (YYYY-MM-DD)\n"
        )
    );
    let (code, out) = cli_text(&["verify", &record, "--as-of", "2026-12-02", "--json"]);
    assert_eq!(code, 0, "{out}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["as_of"], "2026-12-02");
    assert_eq!(v["go"], false);
    assert_eq!(
        v["waivers"],
        serde_json::json!([{"item": FLAGS, "until": "2026-12-01", "days_left": -1}])
    );
}

#[test]
fn verify_previous_follows_the_chain_and_refuses_a_wrong_or_later_link() {
    let (_, v1) = template("v1.md");
    let (_, v2) = template("v2.md");
    let one = release_one(&v1);
    let c = carry(&one, "release-1.json", &v2).expect("carries");
    let mut a = c.answers.clone();
    let ids: Vec<String> = v2.items.iter().map(|i| i.id.clone()).collect();
    let ana = Person {
        name: "Ana".to_string(),
        key: None,
    };
    a.confirm_carried_in_bulk(ids.iter().map(String::as_str), &ana, "2026-11-23T09:00:00Z");
    let two = export(&v2, &a, "test", &at(day("2026-11-23T10:00:00Z")));
    let one_path = scratch("release-1.json", &to_json(&one));
    let two_path = scratch("release-2.json", &to_json(&two));
    let short = |r: &AuditRecord| r.integrity.as_ref().expect("sealed").digest[..12].to_string();
    let (code, out) = cli_text(&["verify", &two_path, "--previous", &one_path]);
    assert_eq!(code, 0, "{out}");
    assert!(out.ends_with(&format!(
        "  previous: carried from release-1.json (integrity {}…, made 2026-11-22T04:50:00Z): the link holds\n",
        short(&one)
    )), "{out}");
    // The wrong file: release 2 itself is not the record it was carried from.
    let (code, out) = cli_text(&["verify", &two_path, "--previous", &two_path]);
    assert_eq!(code, 1, "{out}");
    assert!(out.ends_with(&format!(
        "  previous: does not hold: the record was carried from release-1.json (integrity {}…), not from release-2.json (integrity {}…)\n",
        short(&one),
        short(&two)
    )), "{out}");
    // Release 1 names no previous record.
    let (code, out) = cli_text(&["verify", &one_path, "--previous", &two_path]);
    assert_eq!(code, 1, "{out}");
    assert!(out.ends_with(
        "  previous: does not hold: the record names no earlier record: its answers were not carried from one\n"
    ), "{out}");
    // A previous record that was changed after export does not verify, so the link cannot hold.
    let tampered = scratch(
        "release-1-edited.json",
        &to_json(&one).replacen("\"Sam Okafor\"", "\"Mallory\"", 1),
    );
    let (code, out) = cli_text(&["verify", &two_path, "--previous", &tampered]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("  previous: does not hold: release-1-edited.json does not verify: integrity digest mismatch"), "{out}");
    // A hand-made release 2 dated before release 1, naming it: refused for its dates.
    let early = export(&v2, &a, "test", &at(day("2026-11-20T10:00:00Z")));
    let early_path = scratch("release-2-early.json", &to_json(&early));
    let (code, out) = cli_text(&["verify", &early_path, "--previous", &one_path]);
    assert_eq!(code, 1, "{out}");
    assert!(out.ends_with(
        "  previous: does not hold: release-1.json was made at 2026-11-22T04:50:00Z, not before this record (2026-11-20T10:00:00Z): a record cannot be carried from a later one\n"
    ), "{out}");
}

#[test]
fn an_end_date_reads_from_a_table_column_and_from_written_back_bullets() {
    let md = "# Release\n\n## Controls\n\n| Status | Control | Reason | Waived until |\n|---|---|---|---|\n| Waived | Pen test | vendor slot in Q1 | 2027-01-31 |\n| N/A | Legacy API | removed | |\n| [x] | Backups | | |\n";
    let c = parse("t.md", md.as_bytes()).expect("parses");
    let p = |k: usize| c.items[k].preset.as_deref().expect("preset");
    assert_eq!(p(0).until.as_deref(), Some("2027-01-31"));
    assert_eq!(p(0).reason, "vendor slot in Q1");
    assert_eq!(p(1).until, None);
    // The column is not a field: no blank appears for its empty cells.
    assert!(c.fields.is_empty(), "{:?}", c.fields);
    // Lapsed after its date, as any answer's.
    let b = score_checklist(&c, &Answers::default(), &at(day("2027-02-01T00:00:00Z")));
    assert_eq!(
        b.reasons
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        [
            "score 5.00 is below the minimum 8.00",
            "waiver expired: Pen test (on 2027-01-31)"
        ]
    );
    // A task item's end date is written back as a bullet and read again.
    let md = "# Release\n\n## Checks\n\n- [ ] Pen test\n- [ ] Backups\n";
    let c = parse("t.md", md.as_bytes()).expect("parses");
    let mut a = Answers::default();
    waive(&mut a, &c.items[0].id, "2027-01-31", NOW);
    let written =
        readiness::domain::report::to_markdown(&c, &a, &score_checklist(&c, &a, &common::rules()));
    assert!(
        written.contains(
            "- [ ] Pen test\n  - Waived until 2027-01-31: flags ship dark; documented at launch\n"
        ),
        "{written}"
    );
    let again = parse("t.md", written.as_bytes()).expect("parses");
    let p = again.items[0].preset.as_deref().expect("preset");
    assert_eq!(
        (p.until.as_deref(), p.reason.as_str()),
        (Some("2027-01-31"), "flags ship dark; documented at launch")
    );
}

/// Copy as Markdown of answers with end dates, read again: a table's end-date cell written in
/// place (or, without that column, `(until …)` after the reason), and a task item's bullets
/// written in place of the ones an earlier copy wrote, never twice.
#[test]
fn end_dates_round_trip_through_copy_as_markdown_and_a_second_copy_changes_nothing() {
    use readiness::domain::report::to_markdown;
    let md = "# Release\n\n## With a column\n\n| Status | Control | Reason | Expires |\n|---|---|---|---|\n| [ ] | Pen test | | |\n\n## Without\n\n| Status | Control | Reason |\n|---|---|---|\n| [ ] | DR drill | |\n\n## Items\n\n- [ ] Access review\n";
    let c = parse("t.md", md.as_bytes()).expect("parses");
    let mut a = Answers::default();
    for it in &c.items {
        waive(&mut a, &it.id, "2027-01-31", NOW);
    }
    let once = to_markdown(&c, &a, &score_checklist(&c, &a, &common::rules()));
    assert!(
        once.contains("| Waived | Pen test | flags ship dark; documented at launch| 2027-01-31|\n"),
        "{once}"
    );
    assert!(
        once.contains(
            "| Waived | DR drill | flags ship dark; documented at launch (until 2027-01-31)|\n"
        ),
        "{once}"
    );
    let again = parse("t.md", once.as_bytes()).expect("parses");
    for it in &again.items {
        let p = it.preset.as_deref().expect("preset");
        assert_eq!(
            (p.until.as_deref(), p.reason.as_str()),
            (Some("2027-01-31"), "flags ship dark; documented at launch"),
            "{}",
            it.id
        );
    }
    // The same answers copied from the file written: nothing is written twice.
    let twice = to_markdown(&again, &a, &score_checklist(&again, &a, &common::rules()));
    assert_eq!(
        twice.matches("- Waived until 2027-01-31: ").count(),
        1,
        "{twice}"
    );
    assert_eq!(
        twice, once,
        "the summary too is written in place of the earlier one"
    );
}

/// Hand-made records, resealed so their integrity holds: a release made to look newer than its
/// lapsed waiver, an end date on an item that is not N/A, an impossible date, and a `previous`
/// link rewritten to another record. Verification, the converters and `--previous` refuse each.
#[test]
fn hand_made_records_with_end_dates_and_links_are_caught() {
    use common::release::reseal;
    use readiness::domain::audit::verify;
    use readiness::domain::convert::{convert, Format};
    use readiness::native::DalekVerifier;
    let (_, v1) = template("v1.md");
    let genuine = release_one(&v1);
    let problems = |r: &AuditRecord| verify(&to_json(r), None, &DalekVerifier).problems;
    assert!(problems(&genuine).is_empty(), "{:?}", problems(&genuine));
    // Dated after its waiver's end: the verdict it claims (GO) no longer follows.
    let mut newer = genuine.clone();
    newer.generated_at = "2026-12-05T09:00:00Z".to_string();
    reseal(&mut newer);
    let p = problems(&newer);
    assert!(
        p.iter()
            .any(|p| p.contains("waiver expired: Feature flags documented (on 2026-12-01)")),
        "{p:?}"
    );
    assert!(convert(&to_json(&newer), Format::Junit, &DalekVerifier).is_err());
    // An end date on a done item, and one that is no date.
    let mut odd = genuine.clone();
    let done = odd
        .items
        .iter_mut()
        .find(|i| i.id == "readiness/rollback-rehearsed-in-staging")
        .expect("item");
    done.until = Some("2027-01-31".to_string());
    let flags = odd.items.iter_mut().find(|i| i.id == FLAGS).expect("item");
    flags.until = Some("2026-02-30".to_string());
    reseal(&mut odd);
    let p = problems(&odd);
    for want in [
        "item readiness/rollback-rehearsed-in-staging has an end date but is not N/A or waived",
        "item readiness/feature-flags-documented's end date \"2026-02-30\" is not a date (YYYY-MM-DD)",
        "answers_digest does not match the answers",
    ] {
        assert!(p.iter().any(|p| p.starts_with(want)), "{want}: {p:?}");
    }
    // A release 2 whose link is rewritten to name release 1 differently: its answers digest (which
    // covers the link) no longer matches, so it does not verify, and neither does the link.
    let (_, v2) = template("v2.md");
    let c = carry(&genuine, "release-1.json", &v2).expect("carries");
    let mut two = export(&v2, &c.answers, "test", &at(day("2026-11-23T10:00:00Z")));
    assert!(problems(&two).is_empty(), "{:?}", problems(&two));
    if let Some(link) = two.previous.as_mut() {
        link.integrity = "0".repeat(64);
    }
    reseal(&mut two);
    assert!(
        problems(&two)
            .iter()
            .any(|p| p.starts_with("answers_digest does not match the answers")),
        "{:?}",
        problems(&two)
    );
}
