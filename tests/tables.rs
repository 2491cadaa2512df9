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
            "| Runbook approved             | Sam | ☑      |          |",
            "| Rollback tested              | Ana   | ☐      | [log](https://ci.example/1) |",
            "| Alerts routed to on-call     |       | ☑ |         |",
            "Check name | Done",
            "--- | ---",
            "Backups restored | N/A",
            "Feature flags off |✅",
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
