//! `readiness merge` and the merge policy behind it (issue 14): two people's exports of one
//! checklist become one export that verifies, with both sign-offs; conflicts stop the merge unless
//! `--prefer` says who wins; exports of different checklists are refused; and merging inputs that
//! do not conflict gives the same answers in any order, never dropping an answer or a record.

mod common;

use std::path::Path;
use std::process::Output;

use common::{load, run, scratch_path, NOW};
use proptest::prelude::*;
use readiness::domain::answers::digest::answers_digest;
use readiness::domain::answers::merge::{merge_all, Prefer};
use readiness::domain::answers::{Answers, ItemAnswer, SignOffRecord, Status};
use readiness::domain::audit::{export, to_json, verify};
use readiness::domain::Checklist;
use readiness::native::DalekVerifier;

/// One person's review: `done` items ticked, then the sign-off line `line` signed with key `seed`.
fn review(c: &Checklist, done: &[usize], line: usize, seed: u8) -> Answers {
    let mut a = Answers::default();
    let readiness: Vec<_> = c.items.iter().filter(|i| i.signoff.is_none()).collect();
    for &k in done {
        a.set_status(&readiness[k].id, Status::Done, "", NOW);
    }
    let it = c
        .items
        .iter()
        .filter(|i| i.signoff.is_some())
        .nth(line)
        .expect("line");
    let role = it.signoff.as_ref().expect("spec").role.clone();
    let digest = answers_digest(c, &a);
    let at = format!("2026-11-22T0{line}:00:00Z");
    a.signoffs.push(common::signed(
        c,
        &it.id,
        &role,
        &format!("Person {seed}"),
        "2026-11-22",
        &at,
        &digest,
        seed,
    ));
    a
}

/// The command exited 0; else both of its outputs are shown.
fn assert_succeeded(o: &Output) {
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
}

fn p(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

#[test]
fn two_exports_merge_into_one_that_verifies_with_both_signatures() {
    let (_, c) = load("lfg-platform-checklist.md");
    let a = scratch_path(
        "a.json",
        &to_json(&export(
            &c,
            &review(&c, &[0, 1, 2], 0, 21),
            "0.1.0",
            &common::rules(),
        )),
    );
    let b = scratch_path(
        "b.json",
        &to_json(&export(
            &c,
            &review(&c, &[3, 4], 2, 22),
            "0.1.0",
            &common::rules(),
        )),
    );
    let out = scratch_path("out.json", "");
    let o = run(&[
        "merge",
        p(&a),
        p(&b),
        "--out",
        p(&out),
        "--now",
        "2026-11-23T00:00:00Z",
    ]);
    assert_succeeded(&o);
    let text = std::fs::read_to_string(&out).expect("written");
    let v = verify(&text, None, &DalekVerifier);
    assert_eq!(v.problems, Vec::<String>::new());
    let r = v.record.expect("record");
    assert_eq!(
        r.items.iter().filter(|i| i.status == Status::Done).count(),
        5
    );
    assert_eq!(r.signoffs.len(), 2);
    let keys: std::collections::BTreeSet<_> = v.signers.iter().flatten().collect();
    assert_eq!(keys.len(), 2, "two different keys");
    // Each signed before the other's answers arrived: both stale against the merge, as they are.
    assert!(r.signoffs.iter().all(|s| s.stale));
    // The CLI's verify agrees, and with the template the merge is the same checklist.
    let o = run(&[
        "verify",
        p(&out),
        "--template",
        "checklists/lfg-platform-checklist.md",
    ]);
    assert_succeeded(&o);
}

#[test]
fn a_conflict_stops_the_merge_unless_a_side_is_preferred() {
    let (_, c) = load("lfg-platform-checklist.md");
    let first = c.items[0].id.clone();
    let mut mine = Answers::default();
    mine.set_status(&first, Status::Done, "", NOW);
    let mut theirs = Answers::default();
    theirs.set_status(&first, Status::Na, "not in this release", NOW);
    let a = scratch_path(
        "c-a.json",
        &to_json(&export(&c, &mine, "0.1.0", &common::rules())),
    );
    let b = scratch_path(
        "c-b.json",
        &to_json(&export(&c, &theirs, "0.1.0", &common::rules())),
    );
    let out = scratch_path("c-out.json", "untouched");
    let o = run(&["merge", p(&a), p(&b), "--out", p(&out)]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains(&format!(
            "conflict: {first}: done | na, reason \"not in this release\""
        )),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(&out).expect("kept"),
        "untouched",
        "nothing written"
    );
    let o = run(&[
        "merge",
        p(&a),
        p(&b),
        "--out",
        p(&out),
        "--prefer",
        "theirs",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let r = verify(
        &std::fs::read_to_string(&out).expect("written"),
        None,
        &DalekVerifier,
    );
    assert!(r.ok(), "{:?}", r.problems);
    let item = r
        .record
        .expect("record")
        .items
        .into_iter()
        .find(|i| i.id == first)
        .expect("item");
    assert_eq!(
        (item.status, item.reason.as_str()),
        (Status::Na, "not in this release")
    );
}

#[test]
fn exports_of_different_checklists_are_refused_naming_both() {
    let (_, lfg) = load("lfg-platform-checklist.md");
    let (_, ws) = load("websocket-cluster-checklist.md");
    let a = scratch_path(
        "d-a.json",
        &to_json(&export(
            &lfg,
            &Answers::default(),
            "0.1.0",
            &common::rules(),
        )),
    );
    let b = scratch_path(
        "d-b.json",
        &to_json(&export(&ws, &Answers::default(), "0.1.0", &common::rules())),
    );
    let out = scratch_path("d-out.json", "");
    let o = run(&["merge", p(&a), p(&b), "--out", p(&out)]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("d-b.json is about websocket-cluster-checklist.md")
            && err.contains("d-a.json is about lfg-platform-checklist.md")
            && err.contains("not the same checklist"),
        "{err}"
    );
    // An answers file says nothing of its checklist: with an export that carries its checklist
    // it merges into that checklist; with answers files alone it needs the template.
    let ans = scratch_path("d-answers.json", &Answers::default().to_json());
    let o = run(&["merge", p(&a), p(&ans), "--out", p(&out)]);
    assert_succeeded(&o);
    let ans2 = scratch_path("d-answers2.json", &Answers::default().to_json());
    let o = run(&["merge", p(&ans), p(&ans2), "--out", p(&out)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr)
        .contains("d-answers.json is an answers file: give the checklist with --template"));
    let o = run(&[
        "merge",
        p(&a),
        p(&ans),
        "--out",
        p(&out),
        "--template",
        "checklists/lfg-platform-checklist.md",
    ]);
    assert_succeeded(&o);
}

const IDS: [&str; 6] = ["a", "b", "c", "d", "e", "f"];

/// Inputs that never conflict: each item and field is answered by at most one input, or the same
/// way by several (at different times).
fn disjoint_inputs() -> impl Strategy<Value = Vec<Answers>> {
    (
        prop::collection::vec((0..3usize, 0..IDS.len(), 0..30u32), 0..8),
        prop::collection::vec((0..3usize, 0..4usize, 0..50u32), 0..6),
    )
        .prop_map(|(answers, records)| {
            let mut inputs = vec![Answers::default(); 3];
            for (who, k, t) in answers {
                // Each item always has the same content, whoever answers it and when.
                let status = if k % 2 == 0 { Status::Done } else { Status::Na };
                inputs[who].items.insert(
                    IDS[k].to_string(),
                    ItemAnswer {
                        status,
                        reason: if status == Status::Na {
                            "n/a".into()
                        } else {
                            String::new()
                        },
                        changed_at: Some(format!("2026-11-22T04:{:02}:00Z", t % 60)),
                        ..ItemAnswer::default()
                    },
                );
            }
            for (who, item, t) in records {
                inputs[who].signoffs.push(SignOffRecord {
                    item: format!("sign-{item}"),
                    role: format!("Role {item}"),
                    name: format!("P{who}"),
                    date: "2026-11-22".into(),
                    signed_at: format!("2026-11-22T05:{:02}:00Z", t % 60),
                    digest: format!("{t:064}"),
                    public_key: None,
                    envelope: None,
                });
            }
            inputs
        })
}

proptest! {
    #[test]
    fn merging_inputs_that_do_not_conflict_is_the_same_in_any_order(inputs in disjoint_inputs()) {
        let orders = [[0, 1, 2], [2, 1, 0], [1, 2, 0]];
        let results: Vec<_> = orders
            .iter()
            .map(|o| merge_all(&o.iter().map(|&k| inputs[k].clone()).collect::<Vec<_>>(), Prefer::Mine))
            .collect();
        for r in &results {
            prop_assert!(r.conflicts.is_empty());
            prop_assert_eq!(&r.answers, &results[0].answers);
        }
        let m = &results[0].answers;
        for input in &inputs {
            for id in input.items.keys() {
                prop_assert!(m.items.contains_key(id), "answer {} dropped", id);
            }
            for r in &input.signoffs {
                prop_assert!(m.signoffs.contains(r), "sign-off record dropped");
            }
        }
    }
}
