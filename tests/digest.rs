//! The answers digest's exact bytes, the GO boundary, and the one staleness rule.

mod common;

use std::collections::BTreeMap;

use readiness::domain::answers::digest::{answers_digest, AnswersContent};
use readiness::domain::answers::{Answers, Override, Status};
use readiness::domain::audit::{export, record_answers_digest};
use readiness::domain::parse;
use readiness::domain::score::{
    self, current_signoffs, is_stale, Role, ScoreInput, ScoreItem, Tally, Verdict,
};
use readiness::domain::text::time::Timestamp;

const NOW: Timestamp = Timestamp(1_795_323_000_000);

/// Index of the checklist's first sign-off line.
fn first_signoff(c: &readiness::domain::Checklist) -> usize {
    c.items
        .iter()
        .position(|i| i.signoff.is_some())
        .expect("sign-off")
}

/// lfg-platform-checklist with one item done, one N/A, one noted with evidence, a plain field, the
/// Engineering Lead's sign-off blanks filled (not content) and an override.
fn sample() -> (readiness::domain::Checklist, Answers) {
    let bytes = std::fs::read("checklists/lfg-platform-checklist.md").expect("seed");
    let c = parse("lfg-platform-checklist.md", &bytes).expect("parses");
    let mut a = Answers::default();
    let ids: Vec<String> = c.items.iter().take(3).map(|i| i.id.clone()).collect();
    a.set_status(&ids[0], Status::Done, "", NOW);
    a.set_status(&ids[1], Status::Na, "No public API", NOW);
    a.set_note(&ids[2], "Checked \"twice\" — ok", NOW);
    a.items.get_mut(&ids[2]).expect("noted").evidence = vec!["https://ci.example/1".into()];
    let signoff = first_signoff(&c);
    for f in c.fields.iter().filter(|f| f.item == Some(signoff)) {
        a.fields.insert(f.id.clone(), "Ada".to_string());
    }
    let plain = c
        .fields
        .iter()
        .find(|f| f.item.is_none())
        .expect("a loose field");
    a.fields.insert(plain.id.clone(), "+1 555 0100".to_string());
    a.overrides.insert(
        "Documentation".into(),
        Override {
            score: 7.5,
            reason: "Runbooks reviewed".into(),
            set_at: Some("2026-11-22T03:00:00Z".into()),
        },
    );
    (c, a)
}

#[test]
fn the_digest_content_has_these_exact_canonical_bytes() {
    let (c, a) = sample();
    let content = AnswersContent::of(&c, &a);
    let golden =
        std::fs::read_to_string("tests/records/digest-content.golden.json").expect("golden file");
    assert_eq!(
        String::from_utf8(content.canonical()).expect("utf-8"),
        golden.trim_end()
    );
    assert_eq!(content.items.len(), 3);
    // The sign-off line's blanks are filled but are not content.
    let signoff = first_signoff(&c);
    for f in c.fields.iter().filter(|f| f.item == Some(signoff)) {
        assert!(!content.fields.contains_key(&f.id), "{}", f.id);
    }
    assert_eq!(
        content.digest(),
        readiness::domain::text::sha256_hex(golden.trim_end().as_bytes())
    );
}

#[test]
fn app_export_and_verify_digest_the_same_content() {
    let (c, a) = sample();
    let record = export(&c, &a, "test", &common::rules());
    assert_eq!(record.answers_digest, answers_digest(&c, &a));
    assert_eq!(record_answers_digest(&record), record.answers_digest);
}

fn one_category(done: usize, of: usize, threshold_centi: u32) -> ScoreInput {
    let items = (0..of)
        .map(|k| ScoreItem {
            id: format!("i{k}"),
            text: format!("item {k}"),
            role: Role::Readiness,
            critical: false,
            category: Some(0),
            status: if k < done { Status::Done } else { Status::Open },
            expired: None,
        })
        .collect();
    ScoreInput {
        items,
        categories: vec![("All".to_string(), 100.0)],
        overrides: BTreeMap::new(),
        threshold_centi,
        signoffs: Vec::new(),
        shared: Vec::new(),
    }
}

#[test]
fn a_score_exactly_at_the_threshold_is_go() {
    // 3 of 4 done: 7.50 against a threshold of 7.50.
    let at = one_category(3, 4, 750);
    let b = score::breakdown(&at, &Tally::new(&at));
    assert_eq!(b.score_centi, 750);
    assert_eq!(b.verdict, Verdict::Go, "{:?}", b.reasons);
    // One hundredth more is required than is there: NO-GO, with that reason.
    let above = one_category(3, 4, 751);
    let b = score::breakdown(&above, &Tally::new(&above));
    assert_eq!(b.verdict, Verdict::NoGo);
    assert_eq!(b.reasons.len(), 1);
}

#[test]
fn verdicts_serialize_as_go_and_no_go() {
    assert_eq!(serde_json::to_string(&Verdict::Go).expect("json"), "\"GO\"");
    assert_eq!(
        serde_json::to_string(&Verdict::NoGo).expect("json"),
        "\"NO-GO\""
    );
    assert!(serde_json::from_str::<Verdict>("\"go\"").is_err());
}

#[test]
fn staleness_is_one_rule() {
    let (c, mut a) = sample();
    let digest = answers_digest(&c, &a);
    let signoff = c
        .items
        .iter()
        .find(|i| i.signoff.is_some())
        .expect("sign-off");
    let role = signoff.signoff.as_ref().expect("spec").role.clone();
    a.signoffs.push(common::signed(
        &c,
        &signoff.id,
        &role,
        "Ada",
        "2026-11-22",
        "2026-11-22T04:00:00Z",
        &digest,
        7,
    ));
    assert!(!is_stale(&digest, &answers_digest(&c, &a)));
    let counted = |a: &readiness::domain::answers::Answers| {
        current_signoffs(&ScoreInput::new(&c, a, &common::rules()).signoffs).len()
    };
    assert_eq!(counted(&a), 1);
    let first = c.items[0].id.clone();
    a.set_status(&first, Status::Open, "", NOW);
    let now = answers_digest(&c, &a);
    assert!(is_stale(&digest, &now));
    assert_eq!(counted(&a), 0);
    assert!(export(&c, &a, "test", &common::rules()).signoffs[0].stale);
}

/// Issue 32 moved the digest deliberately: an open item someone answered is content, with who
/// answered it. These are its exact canonical bytes; the golden above (no open answered item) did
/// not move, and a record of revision 1 is digested by the earlier rule, so it verifies as before.
#[test]
fn an_open_item_someone_answered_is_content_with_who_answered_it() {
    let (c, mut a) = sample();
    let open = c.items[3].id.clone();
    a.set_status(&open, Status::Open, "", NOW);
    a.attribute(
        &open,
        &readiness::domain::answers::Person {
            name: "Ann".to_string(),
            key: Some("ab".repeat(32)),
        },
        NOW,
    );
    let content = AnswersContent::of(&c, &a);
    assert_eq!(content.items.len(), 4);
    let canonical = String::from_utf8(content.canonical()).expect("utf-8");
    let entry = format!(
        "\"{open}\":{{\"by\":[{{\"key\":\"{}\",\"name\":\"Ann\"}}],\"evidence\":[],\"note\":\"\",\"reason\":\"\",\"status\":\"open\"}}",
        "ab".repeat(32)
    );
    assert!(canonical.contains(&entry), "{canonical}");
    // The record of the same answers says so by its revision; read as revision 1 (the earlier
    // rule), the open item is not content and the digest is the one without it.
    let mut record = export(&c, &a, "test", &common::rules());
    assert_eq!(record.revision, Some(2));
    assert_eq!(record_answers_digest(&record), answers_digest(&c, &a));
    record.revision = None;
    let (_, without) = sample();
    assert_eq!(record_answers_digest(&record), answers_digest(&c, &without));
}
