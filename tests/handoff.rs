//! Issue 23: six people, two parallel rounds. Who answered what (attribution through import, merge,
//! export and verify, and how it enters the answers digest), one preview of a team's files (per
//! file who and what, conflicts across all of them, refused files), the outcome the preview
//! forecasts (sign-off-only differences never make anything stale), the ready mark and its code,
//! and the names of exported files.

mod common;

use common::release::{lines, ready, sign_as, LFG};
use common::{load, rules, signed, NOW};
use readiness::domain::answers::digest::answers_digest;
use readiness::domain::answers::merge::{merge_all, Prefer};
use readiness::domain::answers::share::signoffs_only;
use readiness::domain::answers::{
    attribute, describe_by, Answers, Attribution, Person, Ready, Status,
};
use readiness::domain::audit::{export, to_json, verify};
use readiness::domain::import::{preview_all, read_incoming, ImportError, SignoffFate};
use readiness::domain::signoff::ready::{at_risk, code, export_name, later_mark};
use readiness::domain::signoff::signers::Signer;
use readiness::domain::signoff::standing::{assess_checklist, lines_of};
use readiness::domain::text::time::Timestamp;
use readiness::domain::Checklist;
use readiness::native::DalekVerifier;

fn person(name: &str, key: &str) -> Person {
    Person {
        name: name.to_string(),
        key: Some(key.to_string()),
    }
}

fn at(minute: i64) -> Timestamp {
    Timestamp(NOW.0 + minute * 60_000)
}

/// Items that are neither sign-off lines nor triggers.
fn plain_ids(c: &Checklist) -> Vec<String> {
    c.items
        .iter()
        .enumerate()
        .filter(|(i, _)| {
            readiness::domain::score::item_role(c, None, *i)
                == readiness::domain::score::Role::Readiness
        })
        .map(|(_, it)| it.id.clone())
        .collect()
}

/// `who` ticks `id` at minute `m`.
fn tick(a: &mut Answers, id: &str, who: &Person, m: i64) {
    a.set_status(id, Status::Done, "", at(m));
    a.attribute(id, who, at(m));
}

#[test]
fn a_run_of_changes_by_one_person_is_one_entry_and_another_person_starts_a_new_one() {
    let (ann, bo) = (person("Ann", "aa"), person("Bo", "bb"));
    let mut by: Vec<Attribution> = Vec::new();
    attribute(&mut by, &ann, at(0));
    attribute(&mut by, &ann, at(5));
    assert_eq!(by.len(), 1);
    assert_eq!(by[0].at, at(5).to_rfc3339());
    attribute(&mut by, &bo, at(7));
    attribute(&mut by, &ann, at(9));
    let names: Vec<&str> = by.iter().map(|a| a.person.name.as_str()).collect();
    assert_eq!(names, ["Ann", "Bo", "Ann"]);
    assert_eq!(
        describe_by(&by[..2]),
        "Ann, key aa (2026-11-22T04:55:00Z), then Bo, key bb (2026-11-22T04:57:00Z)"
    );
    // Nobody (no name, no key) attributes nothing.
    attribute(&mut by, &Person::default(), at(10));
    assert_eq!(by.len(), 3);
    // A key without a name is named by its short fingerprint.
    let keyed = Person {
        name: String::new(),
        key: Some("0123456789abcdef0123".to_string()),
    };
    assert_eq!(keyed.label(), "key 0123 4567 89ab cdef");
}

#[test]
fn who_answered_enters_the_digest_but_when_does_not() {
    let (_, c) = load(LFG);
    let ids = plain_ids(&c);
    let ann = person("Ann", "aa");
    let mut plain = Answers::default();
    plain.set_status(&ids[0], Status::Done, "", at(0));
    let mut by_ann = plain.clone();
    by_ann.attribute(&ids[0], &ann, at(0));
    assert_ne!(answers_digest(&c, &plain), answers_digest(&c, &by_ann));
    // The same person later: same digest (times are not content).
    let mut later = by_ann.clone();
    later.set_status(&ids[0], Status::Done, "", at(30));
    later.attribute(&ids[0], &ann, at(30));
    assert_eq!(answers_digest(&c, &by_ann), answers_digest(&c, &later));
    // Someone else changing it back and forth: a new run, so a new digest.
    let mut other = later.clone();
    other.attribute(&ids[0], &person("Bo", "bb"), at(40));
    assert_ne!(answers_digest(&c, &later), answers_digest(&c, &other));
    // An item ticked and unticked again is open, but answered: who answered it is attested, as
    // for every answered item (issue 32), so changing who did it changes the digest.
    let mut undone = plain.clone();
    undone.set_status(&ids[1], Status::Open, "", at(1));
    undone.attribute(&ids[1], &ann, at(1));
    assert_ne!(answers_digest(&c, &plain), answers_digest(&c, &undone));
    let mut reattributed = plain.clone();
    reattributed.set_status(&ids[1], Status::Open, "", at(1));
    reattributed.attribute(&ids[1], &person("Bo", "bb"), at(1));
    assert_ne!(
        answers_digest(&c, &undone),
        answers_digest(&c, &reattributed)
    );
    // The page settles an answer back where the checklist left it that one person alone touched
    // (undoing your own edit restores the digest); one that two people touched stays.
    let item = c.items.iter().find(|i| i.id == ids[1]).expect("item");
    assert!(readiness::domain::answers::settles(
        item,
        &undone.items[&ids[1]]
    ));
    let mut two = undone.clone();
    two.attribute(&ids[1], &person("Bo", "bb"), at(2));
    assert!(!readiness::domain::answers::settles(
        item,
        &two.items[&ids[1]]
    ));
    let mut done = undone.clone();
    done.set_status(&ids[1], Status::Done, "", at(3));
    assert!(!readiness::domain::answers::settles(
        item,
        &done.items[&ids[1]]
    ));
    // Open and never answered by anyone named: no content.
    let mut anonymous = plain.clone();
    anonymous.set_status(&ids[1], Status::Open, "", at(1));
    assert_eq!(answers_digest(&c, &plain), answers_digest(&c, &anonymous));
}

#[test]
fn attribution_survives_import_merge_export_and_verify_verbatim() {
    let (_, c) = load(LFG);
    let ids = plain_ids(&c);
    let (ann, bo) = (person("Ann", "aa"), person("Bo", "bb"));
    let mut a = Answers::default();
    tick(&mut a, &ids[0], &ann, 0);
    tick(&mut a, &ids[1], &ann, 1);
    // Bo picks up Ann's export, changes item 1 and answers item 2.
    let from_ann = to_json(&export(&c, &a, "0.1.0", &rules()));
    let incoming = read_incoming("ann.json", &from_ann).expect("reads");
    let p = preview_all(&c, &Answers::default(), vec![Ok(incoming)], &rules()).expect("preview");
    assert_eq!(p.files[0].people, vec![ann.clone()]);
    let mut b = p.apply(&[], &[]);
    b.set_note(&ids[1], "checked again", at(10));
    b.attribute(&ids[1], &bo, at(10));
    tick(&mut b, &ids[2], &bo, 11);
    let merged = merge_all(&[a.clone(), b.clone()], Prefer::Newest).answers;
    let record = export(&c, &merged, "0.1.0", &rules());
    let text = to_json(&record);
    let v = verify(&text, None, &DalekVerifier);
    assert!(v.ok(), "{:?}", v.problems);
    let item = |id: &str| record.items.iter().find(|i| i.id == id).expect("item");
    assert_eq!(item(&ids[0]).by, a.items[&ids[0]].by);
    let runs: Vec<(&str, String)> = item(&ids[1])
        .by
        .iter()
        .map(|r| (r.person.name.as_str(), r.at.clone()))
        .collect();
    assert_eq!(
        runs,
        [("Ann", at(1).to_rfc3339()), ("Bo", at(10).to_rfc3339())]
    );
    assert_eq!(item(&ids[2]).by[0].person, bo);
    // A record whose attribution was altered fails: the answers digest covers who.
    let mut forged = record.clone();
    forged
        .items
        .iter_mut()
        .find(|i| i.id == ids[0])
        .expect("item")
        .by[0]
        .person
        .name = "Mallory".to_string();
    common::release::reseal(&mut forged);
    let v = verify(&to_json(&forged), None, &DalekVerifier);
    assert!(!v.ok());
    assert!(
        v.problems
            .iter()
            .any(|p| p.starts_with("answers_digest does not match the answers")),
        "{:?}",
        v.problems
    );
}

/// Six people's parts of lfg: person k ticks every sixth readiness item, starting at k.
fn parts(c: &Checklist) -> Vec<(Person, Answers)> {
    let ids = plain_ids(c);
    (0..6)
        .map(|k| {
            let who = person(&format!("Person {k}"), &format!("key{k}"));
            let mut a = Answers::default();
            for id in ids.iter().skip(k).step_by(6) {
                tick(&mut a, id, &who, k as i64);
            }
            (who, a)
        })
        .collect()
}

#[test]
fn six_files_open_in_one_preview_with_who_and_what_each_adds() {
    let (_, c) = load(LFG);
    let parts = parts(&c);
    let files: Vec<_> = parts
        .iter()
        .enumerate()
        .map(|(k, (_, a))| read_incoming(&format!("p{k}.json"), &a.to_json()))
        .collect();
    let p = preview_all(&c, &Answers::default(), files, &rules()).expect("preview");
    assert_eq!(p.files.len(), 6);
    assert!(p.clashes.is_empty());
    for (k, (who, a)) in parts.iter().enumerate() {
        assert_eq!(p.files[k].name, format!("p{k}.json"));
        assert_eq!(p.files[k].people, vec![who.clone()]);
        assert_eq!(p.files[k].new, a.items.len());
        assert_eq!(p.files[k].code, code(&answers_digest(&c, a)));
    }
    let total: usize = parts.iter().map(|(_, a)| a.items.len()).sum();
    assert_eq!(p.new, total);
    let merged = p.apply(&[], &[]);
    assert_eq!(merged.items.len(), total);
    assert_eq!(merged.items.len(), plain_ids(&c).len());
}

#[test]
fn a_conflict_across_files_lists_every_side_and_the_choice_is_applied() {
    let (_, c) = load(LFG);
    let ids = plain_ids(&c);
    let (ann, bo, cy) = (person("Ann", "aa"), person("Bo", "bb"), person("Cy", "cc"));
    let mut mine = Answers::default();
    tick(&mut mine, &ids[0], &ann, 0);
    let mut b = Answers::default();
    b.set_status(&ids[0], Status::Na, "not here", at(2));
    b.attribute(&ids[0], &bo, at(2));
    let mut cfile = Answers::default();
    tick(&mut cfile, &ids[0], &cy, 3); // the same as mine
    let mut d = Answers::default();
    d.set_note(&ids[0], "other", at(4));
    let files = vec![
        read_incoming("b.json", &b.to_json()),
        read_incoming("c.json", &cfile.to_json()),
        read_incoming("d.json", &d.to_json()),
        read_incoming("bad.json", "{\"schema\": \"nope\"}"),
    ];
    let p = preview_all(&c, &mine, files, &rules()).expect("preview");
    assert_eq!(p.refused.len(), 1);
    assert!(matches!(p.refused[0], ImportError::NotAnswers { .. }));
    assert_eq!(p.files.len(), 3);
    assert_eq!(p.clashes.len(), 1);
    let sides: Vec<(Vec<Option<usize>>, &str)> = p.clashes[0]
        .sides
        .iter()
        .map(|s| (s.from.clone(), s.text.as_str()))
        .collect();
    assert_eq!(sides.len(), 3);
    assert_eq!(sides[0].0, vec![None, Some(1)], "here and c.json agree");
    assert!(sides[0].1.starts_with("done (by Ann, "), "{}", sides[0].1);
    assert_eq!(sides[1].0, vec![Some(0)]);
    assert!(sides[1].1.starts_with("na, reason \"not here\" (by Bo, "));
    assert_eq!(sides[2], (vec![Some(2)], "open, note \"other\""));
    assert_eq!(p.apply(&[], &[]).items[&ids[0]].status, Status::Done);
    let taken = p.apply(&[1], &[]);
    assert_eq!(taken.items[&ids[0]].status, Status::Na);
    assert_eq!(taken.items[&ids[0]].by[0].person, bo);
    assert_eq!(p.apply(&[2], &[]).items[&ids[0]].note, "other");
    // Nothing usable at all: the first file's error.
    let none = preview_all(&c, &mine, vec![read_incoming("x.json", "[]")], &rules());
    assert!(none.is_err());
}

#[test]
fn importing_signoffs_over_the_same_answers_never_makes_anything_stale() {
    let (_, c) = load(LFG);
    let base = ready(&c);
    let ls = lines(&c);
    let digest = answers_digest(&c, &base);
    // Here: the coordinator's ready answers with the first line signed.
    let mut mine = base.clone();
    sign_as(
        &c,
        &mut mine,
        0,
        None,
        "Sam",
        "2026-11-22",
        "2026-11-22T04:00:00Z",
        1,
    );
    // Six signers sign the same answers in parallel; each sends only their sign-off.
    let files: Vec<_> = (1..ls.len())
        .map(|k| {
            let mut theirs = base.clone();
            theirs.signoffs.push(signed(
                &c,
                &ls[k].0,
                &ls[k].1,
                &format!("Signer {k}"),
                "2026-11-22",
                "2026-11-22T04:10:00Z",
                &digest,
                k as u8 + 1,
            ));
            let link = signoffs_only(&theirs, &digest);
            assert!(link.items.is_empty() && link.signoffs.len() == 1);
            read_incoming(&format!("s{k}"), &link.to_json())
        })
        .collect();
    let p = preview_all(&c, &mine, files, &rules()).expect("preview");
    assert_eq!((p.new, p.clashes.len()), (0, 0));
    let o = p.outcome(&c, &[], &[], &rules());
    assert!(o.made_stale.is_empty(), "{:?}", o.made_stale);
    assert!(o.added_stale.is_empty());
    assert_eq!(o.added_current.len(), ls.len() - 1);
    assert_eq!(
        o.added_current[0].to_string(),
        format!("{} — Signer 1", ls[1].1)
    );
    assert_eq!(o.code, code(&digest));
    let after = p.apply(&[], &[]);
    assert_eq!(answers_digest(&c, &after), digest);
    let b = readiness::domain::score::score_checklist(&c, &after, &rules());
    assert!(b.verdict.is_go(), "{:?}", b.reasons);
}

#[test]
fn the_outcome_names_the_signoffs_an_import_makes_stale() {
    let (_, c) = load(LFG);
    let ids = plain_ids(&c);
    let ls = lines(&c);
    let mut mine = ready(&c);
    mine.set_status(&ids[0], Status::Open, "", NOW);
    let digest = answers_digest(&c, &mine);
    mine.signoffs.push(signed(
        &c,
        &ls[2].0,
        &ls[2].1,
        "Quinn",
        "2026-11-22",
        "2026-11-22T04:00:00Z",
        &digest,
        3,
    ));
    let mut theirs = Answers::default();
    theirs.set_status(&ids[0], Status::Done, "", NOW);
    let p = preview_all(
        &c,
        &mine,
        vec![read_incoming("t.json", &theirs.to_json())],
        &rules(),
    )
    .expect("preview");
    // Keeping this page's answer makes nothing stale; taking theirs does.
    assert!(p.outcome(&c, &[0], &[], &rules()).made_stale.is_empty());
    let o = p.outcome(&c, &[1], &[], &rules());
    assert_eq!(o.made_stale.len(), 1);
    assert_eq!(o.made_stale[0].to_string(), format!("{} — Quinn", ls[2].1));
    // The same sign-offs are the ones any edit puts at risk while they count.
    let lines = lines_of(&c);
    let a = assess_checklist(&c, &lines, &digest, &mine.signoffs, &rules());
    assert_eq!(at_risk(&lines, &a, &mine.signoffs), o.made_stale);
}

#[test]
fn an_incoming_signoff_already_here_or_in_an_earlier_file_is_counted_once() {
    let (_, c) = load(LFG);
    let base = ready(&c);
    let mut one = base.clone();
    sign_as(
        &c,
        &mut one,
        0,
        None,
        "Sam",
        "2026-11-22",
        "2026-11-22T04:00:00Z",
        1,
    );
    let text = one.to_json();
    let p = preview_all(
        &c,
        &base,
        vec![read_incoming("a", &text), read_incoming("b", &text)],
        &rules(),
    )
    .expect("preview");
    let fates: Vec<_> = p
        .signoffs
        .iter()
        .map(|s| (s.from, s.fate.clone()))
        .collect();
    assert_eq!(
        fates,
        [(0, SignoffFate::Added), (1, SignoffFate::AlreadyHere)]
    );
    assert_eq!(p.apply(&[], &[]).signoffs.len(), 1);
}

#[test]
fn the_ready_mark_travels_in_records_and_merges_to_the_latest() {
    let (_, c) = load(LFG);
    let a = ready(&c);
    let digest = answers_digest(&c, &a);
    assert_eq!(code(&digest), format!("{}-{}", &digest[..4], &digest[4..8]));
    let sam = person("Sam", "ss");
    let mut marked = a.clone();
    marked.ready = Some(Ready::new(&digest, &sam, at(0), Vec::new()));
    assert!(marked.ready.as_ref().expect("mark").holds(&digest));
    // The mark is not content: marking changes no digest.
    assert_eq!(answers_digest(&c, &marked), digest);
    let record = export(&c, &marked, "0.1.0", &rules());
    assert_eq!(record.ready, marked.ready);
    let back = read_incoming("r.json", &to_json(&record)).expect("reads");
    assert_eq!(back.answers.ready, marked.ready);
    assert!(verify(&to_json(&record), None, &DalekVerifier).ok());
    // Two marks: the later wins whatever the order.
    let later = Ready::new("ff", &person("Ann", "aa"), at(5), Vec::new());
    let x = later_mark(marked.ready.as_ref(), Some(&later));
    let y = later_mark(Some(&later), marked.ready.as_ref());
    assert_eq!(x, Some(later.clone()));
    assert_eq!(x, y);
    let mut other = a.clone();
    other.ready = Some(later.clone());
    assert_eq!(
        merge_all(&[marked.clone(), other.clone()], Prefer::Mine)
            .answers
            .ready,
        merge_all(&[other, marked], Prefer::Mine).answers.ready
    );
}

#[test]
fn export_names_say_when_whose_and_which_answers() {
    let t = Timestamp(1_796_117_412_000); // 2026-12-01T09:30:12Z
    let hex = |b: &[u8]| readiness::domain::text::sha256_hex(b)[..6].to_string();
    assert_eq!(
        export_name(
            "checklists/lfg-platform-checklist.md",
            t,
            "Sam",
            Some("Security Lead"),
            "1ee31edb99",
            b"{}"
        ),
        format!(
            "lfg-platform-checklist-2026-12-01T093012Z-sam-security-lead-1ee3-1edb-{}.json",
            hex(b"{}")
        )
    );
    assert_eq!(
        export_name("x.md", t, "", None, "abcdef0123", b"{}"),
        format!("x-2026-12-01T093012Z-abcd-ef01-{}.json", hex(b"{}"))
    );
    // Names of any script are kept, cut at 32 bytes on a character boundary.
    let long = "Zoë Ångström-Łukasiewicz de la Montagne Sainte-Geneviève";
    let name = export_name("x.md", t, long, None, "abcdef0123", b"{}");
    assert_eq!(
        name,
        format!(
            "x-2026-12-01T093012Z-zoë-ångström-łukasiewicz-de-abcd-ef01-{}.json",
            hex(b"{}")
        )
    );
}

/// Issue 34: an export before a re-sign and one after (one and two records, same answers, the
/// same minute) were both named `…-dd3c-7b63.json`, and the second download overwrote the first.
/// The name now has the second and the start of the file's own digest.
#[test]
fn two_exports_of_different_content_never_share_a_name() {
    let (_, c) = common::load("lfg-platform-checklist.md");
    let t = Timestamp(1_796_117_400_000);
    let mut a = common::security_done(&c);
    let digest = readiness::domain::answers::digest::answers_digest(&c, &a);
    let record = |a: &Answers| {
        readiness::domain::audit::to_json(&readiness::domain::audit::export(
            &c,
            a,
            "test",
            &common::rules(),
        ))
    };
    let name = |json: &str| {
        export_name(
            &c.file,
            t,
            "Olu Adeyemi",
            Some("Product Manager"),
            &digest,
            json.as_bytes(),
        )
    };
    let none = record(&a);
    let (item, role) = c
        .items
        .iter()
        .find_map(|it| Some((it.id.clone(), it.signoff.as_ref()?.role.clone())))
        .expect("a sign-off line");
    a.signoffs.push(common::signed(
        &c,
        &item,
        &role,
        "Olu Adeyemi",
        "2026-12-01",
        "2026-12-01T09:30:00Z",
        &digest,
        1,
    ));
    let one = record(&a);
    a.signoffs.push(common::signed(
        &c,
        &item,
        &role,
        "Olu Adeyemi",
        "2026-12-01",
        "2026-12-01T09:30:20Z",
        &digest,
        1,
    ));
    let two = record(&a);
    let names = [name(&none), name(&one), name(&two)];
    // Same person, role, answers and second: only the contents tell them apart, and they do.
    for n in &names {
        assert!(
            n.starts_with("lfg-platform-checklist-2026-12-01T093000Z-olu-adeyemi-product-manager-"),
            "{n}"
        );
    }
    for (k, n) in names.iter().enumerate() {
        assert_eq!(names.iter().filter(|m| m == &n).count(), 1, "{k}: {n}");
    }
    // The same file gives the same name.
    assert_eq!(name(&two), names[2]);
}

#[test]
fn the_signers_entry_is_filled_with_the_role_and_name_used() {
    let filled = Signer::entry_for("PUB", Some("Security Lead"), " Sam ");
    assert_eq!(
        (filled.role.as_str(), filled.name.as_str()),
        ("Security Lead", "Sam")
    );
    let blank = Signer::entry_for("PUB", None, "");
    assert_eq!(
        (blank.role.as_str(), blank.name.as_str()),
        ("<the role you sign for>", "<your name>")
    );
}

#[test]
fn the_markdown_report_says_who_answered_each_item_in_order() {
    let (_, c) = load(LFG);
    let ids = plain_ids(&c);
    let mut a = Answers::default();
    tick(&mut a, &ids[0], &person("Ann", "aa"), 0);
    a.set_note(&ids[0], "rechecked", at(3));
    a.attribute(&ids[0], &person("Bo", "bb"), at(3));
    let b = readiness::domain::score::score_checklist(&c, &a, &rules());
    let md = readiness::domain::report::to_markdown(&c, &a, &b);
    let line = md
        .lines()
        .find(|l| l.contains("Answered by"))
        .expect("an attribution line");
    assert_eq!(
        line.trim_start(),
        "- Answered by Ann, key aa (2026-11-22T04:50:00Z), then Bo, key bb (2026-11-22T04:53:00Z)"
    );
    assert_eq!(md.matches("Answered by").count(), 1);
}
