//! Issue 24: checklists written as tables. A column of marks makes each row an item; answers
//! are written back into the table in the column's own notation.

mod common;

use common::{rules, NOW};
use readiness::domain::answers::{Answers, Status};
use readiness::domain::parse;
use readiness::domain::report::to_markdown;
use readiness::domain::score::score_checklist;

const MARKS: &str = include_str!("fixtures/table-marks.md");

#[test]
fn copy_as_markdown_ticks_the_mark_cells_and_keeps_the_table() {
    let c = parse("table-marks.md", MARKS.as_bytes()).expect("parses");
    assert_eq!(c.items.len(), 5);
    let mut a = Answers::default();
    for id in [
        "readiness/runbook-approved",
        "readiness/feature-flags-off",
        "readiness/alerts-routed-to-on-call",
    ] {
        a.set_status(id, Status::Done, "", NOW);
    }
    a.set_status("readiness/rollback-tested", Status::Open, "", NOW);
    a.set_status(
        "readiness/backups-restored",
        Status::Na,
        "no backups in this service",
        NOW,
    );
    a.fields.insert(
        "readiness/runbook-approved#owner".to_string(),
        "Sam".to_string(),
    );
    let b = score_checklist(&c, &a, &rules());
    let md = to_markdown(&c, &a, &b);
    let table: Vec<&str> = md.lines().filter(|l| l.contains('|')).collect();
    assert_eq!(
        table,
        [
            "| Item                         | Owner | Status | Evidence |",
            "|------------------------------|-------|--------|----------|",
            // Each answer inside its cell's own padding.
            "| Runbook approved             | ___Sam___ | ☑      |          |",
            "| Rollback tested              | Ana   | ☐      | [log](https://ci.example/1) |",
            "| Alerts routed to on-call     |       | ☑ |         |",
            // No note column: one is added for the N/A reason, in the table's own style.
            "Check name | Done | Notes",
            "--- | --- | ---",
            "Backups restored | N/A | no backups in this service",
            // GFM ends this row at its pipe: the mark is written after it, the row closed again.
            "Feature flags off | ✅ |",
        ]
    );
    // The written-back file reads as the same checklist with the same answers.
    let again = parse("table-marks.md", md.as_bytes()).expect("parses");
    let ids: Vec<&str> = again.items.iter().map(|i| i.id.as_str()).collect();
    let before: Vec<&str> = c.items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, before);
    let pre: Vec<bool> = again.items.iter().map(|i| i.prechecked).collect();
    assert_eq!(pre, [true, false, true, false, true]);
}

const STATUS: &str = include_str!("fixtures/table-status.md");
const LEVELS: &str = include_str!("fixtures/table-levels.md");
const ANSWERS: &str = include_str!("fixtures/table-answers.md");
const SIGNOFFS: &str = include_str!("fixtures/table-signoffs.md");
const RELEASE: &str = include_str!("fixtures/table-release.md");

fn ids(c: &readiness::domain::Checklist) -> Vec<&str> {
    c.items.iter().map(|i| i.id.as_str()).collect()
}

#[test]
fn status_words_preset_the_answers_and_are_written_back_as_words() {
    let c = parse("table-status.md", STATUS.as_bytes()).expect("parses");
    let a = Answers::default();
    let statuses: Vec<Status> = (0..c.items.len()).map(|i| a.status(&c, i)).collect();
    use Status::{Done as D, Na as N, Open as O};
    assert_eq!(statuses, [D, D, N, N, N, O, O, O, D, O, N]);
    let b = score_checklist(&c, &a, &rules());
    // 3 done of 7 applicable (3 N/A): 4.29.
    assert_eq!(b.progress(), (3, 7));
    assert_eq!(b.score_centi, 429);
    // The waiver and the reasons travel in the record and verify.
    let record = readiness::domain::audit::export(&c, &a, "test", &rules());
    let waived: Vec<&str> = record
        .items
        .iter()
        .filter(|i| i.waived)
        .map(|i| i.reason.as_str())
        .collect();
    assert_eq!(waived, ["vendor sunset in Q1"]);
    let load = record
        .items
        .iter()
        .find(|i| i.id == "operations/security/load-test")
        .unwrap();
    assert_eq!(load.reason, "covered by the staging soak, see SRE-12.");
    let json = readiness::domain::audit::to_json(&record);
    let v = readiness::domain::audit::verify(
        &json,
        Some(("table-status.md", STATUS.as_bytes())),
        &readiness::native::DalekVerifier,
    );
    assert!(v.problems.is_empty(), "{:?}", v.problems);
    // Copy as Markdown writes changed answers as words in the column's own notation.
    let mut a = Answers::default();
    a.set_status("operations/security/waf-rules", Status::Done, "", NOW);
    a.set_status("operations/security/ddos-plan", Status::Done, "", NOW);
    a.set_status("operations/security/pen-test", Status::Open, "", NOW);
    a.set_status("operations/backups-restored", Status::Na, "no data", NOW);
    let md = to_markdown(&c, &a, &score_checklist(&c, &a, &rules()));
    let rows: Vec<&str> = md.lines().filter(|l| l.contains('|')).collect();
    assert!(rows.contains(
        &"| WAF rules             |       | Done |                           |          |"
    ));
    assert!(rows.contains(
        &"| DDoS plan             |       | Yes          |                           |          |"
    ), "{rows:#?}");
    // Open again: the N/A reason no longer holds, so its cell is emptied (in its own padding).
    assert!(
        rows.contains(&"| Pen test              | Raj   | Not Started         |  |          |"),
        "{rows:#?}"
    );
    assert!(rows.contains(
        &"| Legacy TLS 1.0 probe  |       | Waived      | vendor sunset in Q1       |          |"
    ));
    // That table has no note column: one is added, with a cell only on the answered row.
    assert!(
        rows.contains(&"Backups restored | N/A | no data"),
        "{rows:#?}"
    );
    assert!(rows.contains(&"Step | Resolution | Notes"), "{rows:#?}");
    assert!(rows.contains(&"--- | --- | ---"), "{rows:#?}");
    assert!(rows.contains(&"Runbook read | In Progress"), "{rows:#?}");
    let again = parse("table-status.md", md.as_bytes()).expect("parses");
    assert_eq!(ids(&again), ids(&c));
    let fresh = Answers::default();
    let now: Vec<Status> = (0..again.items.len())
        .map(|i| fresh.status(&again, i))
        .collect();
    assert_eq!(now, [D, D, O, N, N, D, D, O, N, O, N]);
}

#[test]
fn the_target_level_decides_what_counts_and_is_signed() {
    let c = parse("table-levels.md", LEVELS.as_bytes()).expect("parses");
    assert_eq!(c.levels, ["L1", "L2", "L3"]);
    assert_eq!(c.default_level.as_deref(), Some("L3"));
    let mut a = Answers::default();
    a.set_status(
        "controls/authentication-on-every-route",
        Status::Done,
        "",
        NOW,
    );
    // At L3 (the default): 2 of 3 required items done (the security contact counts only at L1).
    let b = score_checklist(&c, &a, &rules());
    assert_eq!(b.progress(), (1, 3));
    a.level = Some("L1".to_string());
    let b = score_checklist(&c, &a, &rules());
    assert_eq!(b.progress(), (2, 2));
    assert_eq!(b.score_centi, 1000);
    // The level is part of what sign-offs attest to.
    let at_l1 = readiness::domain::answers::digest::answers_digest(&c, &a);
    a.level = Some("L2".to_string());
    assert_ne!(
        readiness::domain::answers::digest::answers_digest(&c, &a),
        at_l1
    );
    // An unknown level falls back to the default; a directive sets it.
    a.level = Some("L9".to_string());
    assert_eq!(a.level(&c), Some("L3"));
    let with = LEVELS.replace("## Controls", "<!-- readiness: level=2 -->\n\n## Controls");
    let d = parse("x.md", with.as_bytes()).expect("parses");
    assert_eq!(d.default_level.as_deref(), Some("L2"));
    let bad = LEVELS.replace(
        "## Controls",
        "<!-- readiness: level=gold -->\n\n## Controls",
    );
    let d = parse("x.md", bad.as_bytes()).expect("parses");
    assert!(d
        .diagnostics
        .iter()
        .any(|x| x.to_string() == "1:1: error: directive level=\"gold\" names no level column; the levels are \"L1\", \"L2\", \"L3\""));
}

#[test]
fn an_answer_column_decides_its_rows_and_is_filled_back() {
    use readiness::domain::answers::answer_status;
    assert_eq!(answer_status(""), Status::Open);
    assert_eq!(answer_status("No"), Status::Open);
    assert_eq!(answer_status(" yes "), Status::Done);
    assert_eq!(answer_status("N/A"), Status::Na);
    assert_eq!(answer_status("1200"), Status::Done);
    let c = parse("table-answers.md", ANSWERS.as_bytes()).expect("parses");
    assert_eq!(c.items.len(), 3);
    assert!(c.items.iter().all(|i| i.answer.is_some()));
    let mut a = Answers::default();
    a.fields.insert(
        "questions/peak-requests-per-second#answer".to_string(),
        "1200".to_string(),
    );
    a.set_status(
        "questions/peak-requests-per-second",
        answer_status("1200"),
        "",
        NOW,
    );
    let md = to_markdown(&c, &a, &score_checklist(&c, &a, &rules()));
    // The answer cell filled in (a filled blank, so it reads back), and the status in a column added at the table's end (the
    // other rows get no cell).
    assert!(
        md.contains("\n| Peak requests per second              | ___1200___ | Done |\n"),
        "{md}"
    );
}

#[test]
fn signoff_lines_in_and_around_tables_and_a_line_of_choices() {
    let c = parse("table-signoffs.md", SIGNOFFS.as_bytes()).expect("parses");
    let roles = common::signoff_roles(&c);
    assert_eq!(
        roles,
        ["Reviewer", "Deployment Lead", "Product", "Security"]
    );
    let mut a = Answers::default();
    a.set_status("review/config-frozen", Status::Done, "", NOW);
    a.fields
        .insert("review/outcome".to_string(), "Partial".to_string());
    a.fields
        .insert("approvals/product#1".to_string(), "Priya".to_string());
    common::sign_all(&c, &mut a);
    let b = score_checklist(&c, &a, &rules());
    assert_eq!(
        b.verdict,
        readiness::domain::score::Verdict::Go,
        "{:?}",
        b.reasons
    );
    let md = to_markdown(&c, &a, &b);
    assert!(
        md.contains("\nOutcome: ☐ Success ☑ Partial ☐ Rolled Back\n"),
        "{md}"
    );
    assert!(md.contains("\n- Product: Priya"), "{md}");
    // A record read without its template names each line's role alike.
    let record = readiness::domain::audit::export(&c, &a, "test", &rules());
    let lines: Vec<String> = record.lines().into_iter().map(|l| l.role).collect();
    assert_eq!(lines, roles);
}

#[test]
fn a_table_checklist_with_weights_levels_and_signoffs_reaches_go_and_verifies() {
    let c = parse("table-release.md", RELEASE.as_bytes()).expect("parses");
    let names: Vec<&str> = c.categories.iter().map(|k| k.name.as_str()).collect();
    assert_eq!(names, ["Security", "Operations"]);
    let mut a = Answers {
        level: Some("L1".to_string()),
        ..Answers::default()
    };
    for id in [
        "checks/security/tls-everywhere",
        "checks/operations/runbook-approved",
    ] {
        a.set_status(id, Status::Done, "", NOW);
    }
    common::sign_all(&c, &mut a);
    let b = score_checklist(&c, &a, &rules());
    assert_eq!(
        (b.score_centi, b.verdict.as_str()),
        (1000, "GO"),
        "{:?}",
        b.reasons
    );
    let record = readiness::domain::audit::export(&c, &a, "test", &rules());
    assert_eq!(record.level.as_deref(), Some("L1"));
    let json = readiness::domain::audit::to_json(&record);
    let v = readiness::domain::audit::verify(
        &json,
        Some(("table-release.md", RELEASE.as_bytes())),
        &readiness::native::DalekVerifier,
    );
    assert!(v.problems.is_empty(), "{:?}", v.problems);
    assert_eq!(v.breakdown.map(|b| b.verdict.as_str()), Some("GO"));
    // Moving the record to another level after signing: the sign-offs no longer match.
    let mut forged = record.clone();
    forged.level = Some("L2".to_string());
    common::release::reseal(&mut forged);
    let v = readiness::domain::audit::verify(
        &readiness::domain::audit::to_json(&forged),
        None,
        &readiness::native::DalekVerifier,
    );
    assert_ne!(v.breakdown.map(|b| b.verdict.as_str()), Some("GO"));
}

#[test]
fn a_forged_not_required_role_is_caught() {
    // Hand-editing an open item's role to `not-required` drops it from the score: without a level
    // in the record that is refused outright; with the template, it differs from it.
    let c = parse("table-status.md", STATUS.as_bytes()).expect("parses");
    let record = readiness::domain::audit::export(&c, &Answers::default(), "test", &rules());
    let mut forged = record.clone();
    for it in &mut forged.items {
        if it.status == Status::Open {
            it.role = readiness::domain::score::Role::NotRequired;
        }
    }
    common::release::reseal(&mut forged);
    let v = readiness::domain::audit::verify(
        &readiness::domain::audit::to_json(&forged),
        None,
        &readiness::native::DalekVerifier,
    );
    assert!(v.problems.iter().any(|p| p
        == "item operations/security/waf-rules is not required at a level, but the record names no level"));
    let c = parse("table-release.md", RELEASE.as_bytes()).expect("parses");
    let record = readiness::domain::audit::export(&c, &Answers::default(), "test", &rules());
    let mut forged = record.clone();
    for it in &mut forged.items {
        if it.id == "checks/security/tls-everywhere" {
            it.role = readiness::domain::score::Role::NotRequired;
        }
    }
    common::release::reseal(&mut forged);
    let v = readiness::domain::audit::verify(
        &readiness::domain::audit::to_json(&forged),
        Some(("table-release.md", RELEASE.as_bytes())),
        &readiness::native::DalekVerifier,
    );
    assert!(v.problems.iter().any(|p| p
        == "item checks/security/tls-everywhere differs from the template: role not-required → readiness"), "{:?}", v.problems);
}

#[test]
fn row_ids_stay_when_rows_are_reordered_and_other_rows_change() {
    let c = parse("table-status.md", STATUS.as_bytes()).expect("parses");
    // Swap two rows, and change another row's status and owner.
    let moved = STATUS
        .replace(
            "| TLS everywhere        | Ana   | Done        |",
            "| TLS everywhere        | Bo    | Not Started |",
        )
        .replace(
            "| WAF rules             |       | Not Started |                           |          |\n| DDoS plan             |       | no          |                           |          |",
            "| DDoS plan             |       | no          |                           |          |\n| WAF rules             |       | Not Started |                           |          |",
        );
    assert_ne!(moved, STATUS);
    let d = parse("table-status.md", moved.as_bytes()).expect("parses");
    let mut before = ids(&c);
    let mut after = ids(&d);
    assert_ne!(before, after, "the order changed");
    before.sort_unstable();
    after.sort_unstable();
    assert_eq!(before, after);
}

/// Issue 33: two sign-off lists for the same role ("Reviewer" under each review's Approval) are
/// told apart by their section in every reason, from the template and from a record alike.
#[test]
fn two_signoff_lists_for_one_role_are_told_apart_on_every_path() {
    let md = std::fs::read_to_string("tests/fixtures/same-role.md").expect("fixture");
    let c = parse("same-role.md", md.as_bytes()).expect("parses");
    let want = [
        "score 0.00 is below the minimum 8.00",
        "sign-off missing: Reviewer (Code review)",
        "sign-off missing: Reviewer (Security review)",
    ];
    let b = score_checklist(&c, &Answers::default(), &rules());
    let reasons: Vec<String> = b.reasons.iter().map(ToString::to_string).collect();
    assert_eq!(reasons, want);
    let record = readiness::domain::audit::export(&c, &Answers::default(), "test", &rules());
    let json = readiness::domain::audit::to_json(&record);
    for template in [None, Some(("same-role.md", md.as_bytes()))] {
        let v =
            readiness::domain::audit::verify(&json, template, &readiness::native::DalekVerifier);
        let b = v.breakdown.expect("judged");
        let reasons: Vec<String> = b.reasons.iter().map(ToString::to_string).collect();
        assert_eq!(reasons, want, "{template:?}");
    }
}
