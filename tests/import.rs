//! Continuing from someone else's record (issue 14): the preview before anything changes (new, same,
//! conflicts with both sides, orphans, each incoming sign-off and whether its signature holds), the
//! choice per conflict, and every kind of bad input refused with a message naming it.

mod common;

use common::{load, signed, NOW};
use readiness::domain::answers::digest::answers_digest;
use readiness::domain::answers::merge::ConflictKind;
use readiness::domain::answers::{Answers, Status};
use readiness::domain::audit::{export, to_json};
use readiness::domain::import::{
    preview, read_incoming, ImportError, Preview, SignoffFate, Version,
};
use readiness::domain::parse;

fn readiness_ids(c: &readiness::domain::Checklist) -> Vec<String> {
    c.items
        .iter()
        .filter(|i| i.signoff.is_none())
        .map(|i| i.id.clone())
        .collect()
}

/// The preview of `text` (named `name`) against `mine`, checked with the native verifier.
fn preview_of(
    c: &readiness::domain::Checklist,
    mine: &Answers,
    name: &str,
    text: &str,
) -> Result<Preview, ImportError> {
    preview(
        c,
        mine,
        read_incoming(name, text).expect("reads"),
        &common::rules(),
    )
}

#[test]
fn a_preview_counts_new_same_and_conflicts_and_apply_takes_the_side_chosen() {
    let (_, c) = load("lfg-platform-checklist.md");
    let ids = readiness_ids(&c);
    let mut mine = Answers::default();
    mine.set_status(&ids[0], Status::Done, "", NOW); // same on both sides
    mine.set_status(&ids[1], Status::Done, "", NOW); // conflict: they say N/A
    mine.set_note(&ids[2], "mine", NOW); // conflict: their note differs
    let mut theirs = Answers::default();
    theirs.set_status(&ids[0], Status::Done, "", NOW);
    theirs.set_status(&ids[1], Status::Na, "no such service", NOW);
    theirs.set_note(&ids[2], "theirs", NOW);
    theirs.set_status(&ids[3], Status::Done, "", NOW); // new
    theirs.set_status(&ids[4], Status::Done, "", NOW); // new
    let text = to_json(&export(&c, &theirs, "0.1.0", &common::rules()));
    let incoming = read_incoming("b.json", &text).expect("reads");
    let p = preview(&c, &mine, incoming, &common::rules()).expect("preview");
    assert_eq!(p.files[0].version, Version::Same);
    assert_eq!((p.new, p.same, p.clashes.len()), (2, 1, 2));
    assert!(p.clashes.iter().all(|k| k.kind == ConflictKind::Item));
    let k1 = p.clashes.iter().position(|k| k.key == ids[1]).expect("k1");
    assert_eq!(p.clashes[k1].sides[0].text, "done");
    assert_eq!(p.clashes[k1].sides[0].from, vec![None]);
    assert_eq!(
        p.clashes[k1].sides[1].text,
        "na, reason \"no such service\""
    );
    assert_eq!(p.clashes[k1].sides[1].from, vec![Some(0)]);
    assert!(p.orphans.is_empty());

    // Keep all mine: the new ones come in, every conflict keeps mine.
    let all_mine = p.apply(&[], &[]);
    assert_eq!(all_mine.items[&ids[1]].status, Status::Done);
    assert_eq!(all_mine.items[&ids[2]].note, "mine");
    assert_eq!(all_mine.items[&ids[3]].status, Status::Done);
    // Take all theirs.
    let all_theirs = p.apply(&[1, 1], &[]);
    assert_eq!(all_theirs.items[&ids[1]].status, Status::Na);
    assert_eq!(all_theirs.items[&ids[2]].note, "theirs");
    // One of each.
    let mut pick = vec![0, 0];
    pick[k1] = 1;
    let mixed = p.apply(&pick, &[]);
    assert_eq!(mixed.items[&ids[1]].status, Status::Na);
    assert_eq!(mixed.items[&ids[2]].note, "mine");
    assert_eq!(mixed.items.len(), 5);
}

#[test]
fn a_valid_signoff_comes_along_and_a_forged_one_is_invalid_and_left_out() {
    let (_, c) = load("lfg-platform-checklist.md");
    let ids = readiness_ids(&c);
    let lines: Vec<_> = c.items.iter().filter(|i| i.signoff.is_some()).collect();
    let mut theirs = Answers::default();
    theirs.set_status(&ids[0], Status::Done, "", NOW);
    let digest = answers_digest(&c, &theirs);
    let role = |k: usize| lines[k].signoff.as_ref().expect("spec").role.clone();
    theirs.signoffs.push(signed(
        &c,
        &lines[0].id,
        &role(0),
        "Ada",
        "2026-11-22",
        "2026-11-22T01:00:00Z",
        &digest,
        7,
    ));
    let mut forged = signed(
        &c,
        &lines[1].id,
        &role(1),
        "Bob",
        "2026-11-22",
        "2026-11-22T02:00:00Z",
        &digest,
        8,
    );
    forged.name = "Mallory".to_string(); // altered after signing
    theirs.signoffs.push(forged);
    let mut unsigned = theirs.signoffs[0].clone();
    unsigned.item = lines[2].id.clone();
    unsigned.role = role(2);
    unsigned.public_key = None;
    unsigned.envelope = None;
    theirs.signoffs.push(unsigned);
    // An answers file: an export would leave the forged and unsigned records out.
    let text = theirs.to_json();
    let p = preview_of(&c, &Answers::default(), "a.json", &text).expect("preview");
    let fates: Vec<_> = p.signoffs.iter().map(|s| s.fate.clone()).collect();
    assert_eq!(fates[0], SignoffFate::Added);
    assert!(
        matches!(&fates[1], SignoffFate::Invalid(why) if why.contains("does not match")),
        "{fates:?}"
    );
    assert!(
        matches!(&fates[2], SignoffFate::Invalid(why) if why.contains("not signed")),
        "{fates:?}"
    );
    let merged = p.apply(&[], &[]);
    assert_eq!(merged.signoffs.len(), 1);
    assert_eq!(merged.signoffs[0].name, "Ada");
    // Current: it was signed over exactly the answers that now arrive.
    assert_eq!(answers_digest(&c, &merged), merged.signoffs[0].digest);
    // Importing the same file again brings nothing new.
    let again = preview_of(&c, &merged, "a.json", &text).expect("preview");
    assert_eq!(again.signoffs[0].fate, SignoffFate::AlreadyHere);
    assert!(again.changes_nothing());
}

#[test]
fn another_version_follows_items_by_id_keeps_orphans_and_leaves_its_signatures() {
    let (bytes, old) = load("lfg-platform-checklist.md");
    let ids = readiness_ids(&old);
    let mut theirs = Answers::default();
    theirs.set_status(&ids[0], Status::Done, "", NOW);
    theirs.set_status(&ids[1], Status::Done, "", NOW);
    let line = old
        .items
        .iter()
        .find(|i| i.signoff.is_some())
        .expect("line");
    let digest = answers_digest(&old, &theirs);
    let role = line.signoff.as_ref().expect("spec").role.clone();
    theirs.signoffs.push(signed(
        &old,
        &line.id,
        &role,
        "Ada",
        "2026-11-22",
        "2026-11-22T01:00:00Z",
        &digest,
        7,
    ));
    let text = to_json(&export(&old, &theirs, "0.1.0", &common::rules()));
    // The new version drops the first item's line.
    let src = String::from_utf8(bytes).expect("utf-8");
    let first = &old.items[old.items.iter().position(|i| i.id == ids[0]).expect("pos")];
    let line_text = src.lines().nth(first.line - 1).expect("line").to_string();
    let newer = parse(
        "lfg-platform-checklist.md",
        src.replacen(&format!("{line_text}\n"), "", 1).as_bytes(),
    )
    .expect("parses");
    assert_eq!(newer.items.len(), old.items.len() - 1);
    let p = preview_of(&newer, &Answers::default(), "old.json", &text).expect("preview");
    assert!(matches!(p.files[0].version, Version::Other { .. }));
    assert_eq!(p.orphans, vec![ids[0].clone()]);
    assert_eq!(p.signoffs[0].fate, SignoffFate::OtherVersion);
    let merged = p.apply(&[], &[]);
    assert_eq!(merged.items[&ids[1]].status, Status::Done);
    assert!(merged.items.contains_key(&ids[0]), "the orphan is kept");
    assert!(merged.signoffs.is_empty());
}

#[test]
fn bad_input_is_refused_with_what_and_where() {
    let (_, lfg) = load("lfg-platform-checklist.md");
    let (_, ws) = load("websocket-cluster-checklist.md");
    let mine = Answers::default();
    let other = to_json(&export(&ws, &Answers::default(), "0.1.0", &common::rules()));
    let err = preview_of(&lfg, &mine, "ws.json", &other).expect_err("refused");
    let msg = err.to_string();
    assert!(matches!(err, ImportError::OtherChecklist { .. }));
    assert!(
        msg.contains("websocket-cluster-checklist.md") && msg.contains("lfg-platform-checklist.md"),
        "{msg}"
    );

    let full = to_json(&export(&lfg, &mine, "0.1.0", &common::rules()));
    let cut = &full[..full.len() / 2];
    let msg = read_incoming("cut.json", cut)
        .expect_err("truncated")
        .to_string();
    assert!(msg.starts_with("cut.json: "), "{msg}");
    assert!(
        msg.contains("not valid JSON") && msg.contains("truncated"),
        "{msg}"
    );
    let line = cut.lines().count();
    assert!(
        msg.contains(&format!("{line}:")),
        "names line {line}: {msg}"
    );

    assert_eq!(
        read_incoming("empty.json", " \n")
            .expect_err("empty")
            .to_string(),
        "empty.json: the file is empty"
    );
    let msg = read_incoming(
        "signers.json",
        r#"{"schema":"readiness-signers/1","signers":[]}"#,
    )
    .expect_err("other kind")
    .to_string();
    assert!(
        msg.contains("its schema is \"readiness-signers/1\""),
        "{msg}"
    );

    let mut stray = Answers::default();
    stray.set_status("no.such.item", Status::Done, "", NOW);
    let msg = preview_of(&lfg, &mine, "stray.json", &stray.to_json())
        .expect_err("unrelated")
        .to_string();
    assert_eq!(
        msg,
        "stray.json: none of its 1 answers belong to this checklist (lfg-platform-checklist.md)"
    );
}

/// Issue 34: five people's files, each the same 380 answers plus their own sign-off line's name and
/// date, were previewed as "10 new · 1900 the same": totals summed over files, and the sign-off
/// blanks unexplained. Each answer now counts once, each file says which of its new answers are
/// sign-off blanks, and who answered is in the checklist's order.
#[test]
fn totals_count_each_answer_once_and_say_which_new_ones_are_signoff_blanks() {
    use readiness::domain::answers::Person;
    let (_, c) = load("lfg-platform-checklist.md");
    let ids = readiness_ids(&c);
    let mut mine = Answers::default();
    for id in &ids[..3] {
        mine.set_status(id, Status::Done, "", NOW);
    }
    let signoff_fields: Vec<String> = c
        .fields
        .iter()
        .filter(|f| f.item.is_some_and(|i| c.items[i].signoff.is_some()))
        .map(|f| f.id.clone())
        .collect();
    let file = |k: usize, who: &str| {
        let mut a = mine.clone();
        // Answered in reverse document order, so the order met is not the checklist's.
        for id in ids[3..5].iter().rev() {
            a.set_status(id, Status::Done, "", NOW);
            a.attribute(
                id,
                &Person {
                    name: who.to_string(),
                    key: None,
                },
                NOW,
            );
        }
        a.attribute(
            &ids[0],
            &Person {
                name: "Ana".to_string(),
                key: None,
            },
            NOW,
        );
        a.fields
            .insert(signoff_fields[2 * k].clone(), who.to_string());
        a.fields
            .insert(signoff_fields[2 * k + 1].clone(), "2026-12-01".to_string());
        read_incoming(&format!("{who}.json"), &a.to_json()).expect("reads")
    };
    let files = vec![Ok(file(0, "Bo")), Ok(file(1, "Cy")), Ok(file(2, "Di"))];
    let p = readiness::domain::import::preview_all(&c, &mine, files, &common::rules())
        .expect("preview");
    // 2 items new to this page and 6 sign-off blanks; 3 items already here — each once.
    assert_eq!((p.new, p.same, p.clashes.len()), (2 + 6, 3, 0));
    let per_file: Vec<(usize, usize, usize)> = p
        .files
        .iter()
        .map(|f| (f.new, f.new_signoff_blanks, f.same))
        .collect();
    assert_eq!(per_file, [(4, 2, 3), (2, 2, 5), (2, 2, 5)]);
    let people: Vec<String> = p.files[0].people.iter().map(|x| x.name.clone()).collect();
    assert_eq!(
        people,
        ["Ana", "Bo"],
        "in the checklist's order of the items answered"
    );
}

/// Issue 34: who answered is listed in role order (those who signed a line, by the line), then
/// everyone else in the checklist's order of the items they answered.
#[test]
fn people_in_a_preview_are_in_role_order_then_document_order() {
    use readiness::domain::answers::Person;
    use readiness::domain::text::{base64_decode, fingerprint};
    let (_, c) = load("lfg-platform-checklist.md");
    let ids = readiness_ids(&c);
    let lines: Vec<(String, String)> = c
        .items
        .iter()
        .filter_map(|it| Some((it.id.clone(), it.signoff.as_ref()?.role.clone())))
        .collect();
    let mut a = Answers::default();
    let sign = |a: &mut Answers, line: usize, who: &str, seed: u8| {
        let digest = answers_digest(&c, a);
        let r = signed(
            &c,
            &lines[line].0,
            &lines[line].1,
            who,
            "2026-11-22",
            "2026-11-22T04:00:00Z",
            &digest,
            seed,
        );
        let key =
            fingerprint(&base64_decode(r.public_key.as_deref().expect("key")).expect("base64"));
        a.signoffs.push(r);
        Person {
            name: who.to_string(),
            key: Some(key),
        }
    };
    // Ana answers first in the document and signs nothing; Eve signs the last line, Bo the first.
    let eve = sign(&mut a, 5, "Eve", 5);
    let bo = sign(&mut a, 0, "Bo", 1);
    let ana = Person {
        name: "Ana".to_string(),
        key: None,
    };
    for (id, who) in [(&ids[0], &ana), (&ids[1], &eve), (&ids[2], &bo)] {
        a.set_status(id, Status::Done, "", NOW);
        a.attribute(id, who, NOW);
    }
    let p = preview_of(&c, &Answers::default(), "team.json", &a.to_json()).expect("preview");
    let names: Vec<&str> = p.files[0].people.iter().map(|x| x.name.as_str()).collect();
    assert_eq!(names, ["Bo", "Eve", "Ana"]);
}
