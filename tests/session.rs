//! The editing policy as pure functions: merging another tab's save, clear and undo, dirty keys.

use std::collections::BTreeMap;

use proptest::prelude::*;
use readiness::domain::answers::session::{cleared, merge, undo_clear, Dirty, OVERRIDES};
use readiness::domain::answers::{Answers, ItemAnswer, Override, SignOffRecord, Status};
use readiness::domain::parse;

const IDS: [&str; 5] = ["a", "b", "c", "d", "e"];

fn item() -> impl Strategy<Value = ItemAnswer> {
    (0..3u8, "[a-z]{0,3}").prop_map(|(s, note)| ItemAnswer {
        status: [Status::Open, Status::Done, Status::Na][s as usize],
        reason: if s == 2 { "n/a".into() } else { String::new() },
        waived: false,
        until: None,
        note,
        evidence: Vec::new(),
        changed_at: None,
        by: Vec::new(),
    })
}

fn record() -> impl Strategy<Value = SignOffRecord> {
    (0..3usize, 0..50u32).prop_map(|(k, t)| SignOffRecord {
        item: format!("sign-{k}"),
        role: format!("Role {k}"),
        name: "N".into(),
        date: "2026-11-22".into(),
        signed_at: format!("2026-11-22T04:{:02}:00Z", t % 60),
        digest: format!("{t:064}"),
        public_key: None,
        envelope: None,
    })
}

fn answers() -> impl Strategy<Value = Answers> {
    (
        prop::collection::btree_map(prop::sample::select(&IDS[..]), item(), 0..5),
        prop::collection::btree_map(prop::sample::select(&IDS[..]), "[a-z]{1,3}", 0..5),
        prop::option::of(0..=10u8),
        prop::collection::vec(record(), 0..4),
    )
        .prop_map(|(items, fields, o, signoffs)| Answers {
            items: items.into_iter().map(|(k, v)| (k.to_string(), v)).collect(),
            fields: fields
                .into_iter()
                .map(|(k, v)| (format!("f-{k}"), v))
                .collect(),
            overrides: o
                .map(|s| {
                    BTreeMap::from([(
                        "Security".to_string(),
                        Override {
                            score: f64::from(s),
                            reason: "r".into(),
                            set_at: None,
                        },
                    )])
                })
                .unwrap_or_default(),
            signoffs,
            ..Answers::default()
        })
}

fn dirty() -> impl Strategy<Value = Dirty> {
    prop::collection::vec(
        prop::sample::select(vec![
            "a", "b", "c", "d", "e", "f-a", "f-c", "f-e", OVERRIDES,
        ]),
        0..6,
    )
    .prop_map(|keys| {
        let mut d = Dirty::default();
        for k in keys {
            d.mark(k);
        }
        d
    })
}

proptest! {
    /// A merge never drops an answer: each key keeps this tab's value when it is dirty and takes
    /// the other tab's otherwise, and every sign-off record of both survives, oldest first.
    #[test]
    fn a_merge_never_drops_an_answer(mine in answers(), theirs in answers(), dirty in dirty()) {
        let m = merge(&mine, &theirs, &dirty);
        for id in IDS {
            let want = if dirty.contains(id) { mine.items.get(id) } else { theirs.items.get(id) };
            prop_assert_eq!(m.items.get(id), want, "item {}", id);
            let f = format!("f-{id}");
            let want = if dirty.contains(&f) { mine.fields.get(&f) } else { theirs.fields.get(&f) };
            prop_assert_eq!(m.fields.get(&f), want, "field {}", f);
        }
        let want = if dirty.contains(OVERRIDES) { &mine.overrides } else { &theirs.overrides };
        prop_assert_eq!(&m.overrides, want);
        for r in mine.signoffs.iter().chain(&theirs.signoffs) {
            prop_assert!(m.signoffs.contains(r));
        }
        prop_assert!(m.signoffs.len() <= mine.signoffs.len() + theirs.signoffs.len());
        prop_assert!(m.signoffs.windows(2).all(|w| w[0].signed_at <= w[1].signed_at));
    }

    /// Merging with nothing dirty is taking theirs (plus this tab's records); merging the same
    /// save twice changes nothing more.
    #[test]
    fn merging_is_idempotent(mine in answers(), theirs in answers(), dirty in dirty()) {
        let once = merge(&mine, &theirs, &dirty);
        prop_assert_eq!(merge(&once, &theirs, &dirty), once.clone());
        let clean = merge(&mine, &theirs, &Dirty::default());
        prop_assert_eq!(&clean.items, &theirs.items);
        prop_assert_eq!(&clean.fields, &theirs.fields);
    }

    /// Clear then undo gives back every answer, and keeps records signed in between.
    #[test]
    fn undo_restores_what_clear_removed(before in answers(), later in prop::collection::vec(record(), 0..3)) {
        let mut now = cleared(&before);
        prop_assert!(now.items.is_empty() && now.fields.is_empty() && now.overrides.is_empty());
        prop_assert_eq!(&now.signoffs, &before.signoffs);
        now.signoffs.extend(later.clone());
        let back = undo_clear(&before, &now);
        prop_assert_eq!(&back.items, &before.items);
        prop_assert_eq!(&back.fields, &before.fields);
        prop_assert_eq!(&back.overrides, &before.overrides);
        for r in before.signoffs.iter().chain(&later) {
            prop_assert!(back.signoffs.contains(r));
        }
    }
}

#[test]
fn mark_all_names_every_item_field_the_overrides_and_the_level() {
    let bytes = std::fs::read("checklists/lfg-platform-checklist.md").expect("seed");
    let c = parse("lfg-platform-checklist.md", &bytes).expect("parses");
    let mut d = Dirty::default();
    d.mark_all(&c);
    assert_eq!(d.len(), c.items.len() + c.fields.len() + 2);
    assert!(d.contains(OVERRIDES));
    assert!(d.contains(readiness::domain::answers::session::LEVEL));
}

#[test]
fn another_tab_clearing_an_answer_clears_it_here_unless_it_is_dirty() {
    let mut mine = Answers::default();
    mine.items.insert(
        "a".into(),
        ItemAnswer {
            status: Status::Done,
            ..Default::default()
        },
    );
    mine.items.insert(
        "b".into(),
        ItemAnswer {
            status: Status::Done,
            ..Default::default()
        },
    );
    let theirs = Answers::default();
    let mut dirty = Dirty::default();
    dirty.mark("b");
    let m = merge(&mine, &theirs, &dirty);
    assert_eq!(m.items.keys().collect::<Vec<_>>(), vec!["b"]);
}
