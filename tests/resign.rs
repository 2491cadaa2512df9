//! Issue 34: a signer who signs again over other answers is told as such. Six lines signed over
//! the ready answers (GO); one signer unticks three items and signs again; the coordinator, keeping
//! the team's answers, imports the file. The preview says who signed again, over which code, and
//! what becomes of the current sign-off; keeping it leaves GO, the newer one kept as history only
//! (and never brought back by a later import); taking it as it is says the line no longer counts,
//! not that an answer changed. Before an edit of ready answers, every browser counts every
//! signature the mark's lines hold.

mod common;

use common::release::{lines, ready, sign_lines, LFG};
use common::{load, rules, signed, NOW};
use readiness::domain::answers::digest::answers_digest;
use readiness::domain::answers::{Answers, Person, Ready, Status};
use readiness::domain::import::{preview_all, read_incoming, SignoffFate};
use readiness::domain::score::score_checklist;
use readiness::domain::signoff::ready::{change_question, code, line_names, SignedRole};
use readiness::domain::signoff::standing::lines_of;
use readiness::domain::text::time::Timestamp;

#[test]
fn a_resign_over_other_answers_is_told_and_the_current_signoff_can_be_kept() {
    let (_, c) = load(LFG);
    let ls = lines(&c);
    let mut team = ready(&c);
    sign_lines(&c, &mut team, &[]);
    let team_digest = answers_digest(&c, &team);
    assert!(score_checklist(&c, &team, &rules()).verdict.is_go());
    // Line 1's signer unticks three items and signs again.
    let mut his = team.clone();
    let done: Vec<String> = c
        .items
        .iter()
        .filter(|it| it.signoff.is_none() && team.items.contains_key(&it.id))
        .take(3)
        .map(|it| it.id.clone())
        .collect();
    for id in &done {
        his.set_status(id, Status::Open, "", NOW);
    }
    let his_digest = answers_digest(&c, &his);
    his.signoffs.push(signed(
        &c,
        &ls[1].0,
        &ls[1].1,
        "Person 1",
        "2026-11-22",
        "2026-11-22T05:00:00Z",
        &his_digest,
        2,
    ));
    let file = his.to_json();
    let p =
        preview_all(&c, &team, vec![read_incoming("his.json", &file)], &rules()).expect("preview");
    assert_eq!(p.clashes.len(), 3);
    assert_eq!(p.resigns.len(), 1);
    assert_eq!(
        p.resigns[0].describe(),
        format!(
            "Person 1 signed {} again (signed 2026-11-22T05:00:00Z), over other answers (code {}) than the sign-off that counts here (Person 1, code {}). A line counts by its latest sign-off, and only while that one is over the answers as they are: taken as it is, the newer sign-off becomes the line's latest, and the current one stops counting.",
            ls[1].1,
            code(&his_digest),
            code(&team_digest)
        )
    );
    // Keeping the team's answers (every conflict "Keep mine"), the newer sign-off as it is: no
    // answer changes, and the message says the line no longer counts because of the re-sign.
    let o = p.outcome(&c, &[0, 0, 0], &[false], &rules());
    assert!(o.made_stale.is_empty(), "{:?}", o.made_stale);
    assert!(o.added_stale.is_empty(), "{:?}", o.added_stale);
    assert_eq!(o.code, code(&team_digest));
    assert_eq!(
        o.changed(),
        format!(
            "{} — Person 1 signed again over other answers (code {}): that sign-off is now the line's latest, and it is stale, so {} no longer counts.",
            ls[1].1,
            code(&his_digest),
            ls[1].1
        )
    );
    let taken = p.apply(&[0, 0, 0], &[false]);
    assert!(!score_checklist(&c, &taken, &rules()).verdict.is_go());
    // Keeping the current sign-off: GO stays, the newer one is history only.
    let o = p.outcome(&c, &[0, 0, 0], &[true], &rules());
    assert!(o.displaced.is_empty() && o.made_stale.is_empty());
    assert_eq!(
        o.changed(),
        format!(
            "{} — Person 1's sign-off stays {}'s latest; the newer one over {} is kept as history only.",
            ls[1].1,
            ls[1].1,
            code(&his_digest)
        )
    );
    let kept = p.apply(&[0, 0, 0], &[true]);
    assert_eq!(kept.set_aside.len(), 1);
    assert_eq!(kept.signoffs.len(), team.signoffs.len());
    assert_eq!(answers_digest(&c, &kept), team_digest);
    assert!(score_checklist(&c, &kept, &rules()).verdict.is_go());
    // The same file again: its re-sign stays history, and nothing is offered twice.
    let again =
        preview_all(&c, &kept, vec![read_incoming("his.json", &file)], &rules()).expect("preview");
    assert!(again.resigns.is_empty());
    assert!(again
        .signoffs
        .iter()
        .any(|s| s.fate == SignoffFate::SetAside));
    assert!(score_checklist(&c, &again.apply(&[0, 0, 0], &[]), &rules())
        .verdict
        .is_go());
    // Written and read back, the answers keep what was set aside.
    let back = Answers::from_json(&kept.to_json()).expect("reads");
    assert_eq!(back.set_aside, kept.set_aside);
}

#[test]
fn the_question_before_an_edit_counts_every_signature_the_marks_lines_hold() {
    let (_, c) = load(LFG);
    let ls = lines_of(&c);
    let names = line_names(&ls);
    assert_eq!(names.len(), 6);
    let a = ready(&c);
    let digest = answers_digest(&c, &a);
    let mark = Ready::new(
        &digest,
        &Person::default(),
        Timestamp::parse_rfc3339("2026-11-22T04:00:00Z").expect("time"),
        names.clone(),
    );
    let mine = [SignedRole {
        role: names[1].clone(),
        name: "Olu Adeyemi".to_string(),
    }];
    assert_eq!(
        change_question(&mark, &names, &mine),
        format!(
            "These answers (code {}) are marked ready for sign-off. They are what all 6 sign-off lines sign: every signature over them goes stale, including those held by others. Held in this browser: {} — Olu Adeyemi. Change them anyway?",
            code(&digest),
            names[1]
        )
    );
    assert_eq!(
        change_question(&mark, &names, &[]),
        format!(
            "These answers (code {}) are marked ready for sign-off. They are what all 6 sign-off lines sign: every signature over them goes stale, including those held by others. No signature over them is held in this browser. Change them anyway?",
            code(&digest)
        )
    );
    // A mark made before marks named their lines: the checklist's lines are counted.
    let old = Ready {
        lines: Vec::new(),
        ..mark.clone()
    };
    assert_eq!(
        change_question(&old, &names, &[]),
        change_question(&mark, &names, &[])
    );
    // The mark travels in the answers file with its lines.
    let with = Answers {
        ready: Some(mark.clone()),
        ..a
    };
    let back = Answers::from_json(&with.to_json()).expect("reads");
    assert_eq!(back.ready.expect("mark").lines, names);
}
