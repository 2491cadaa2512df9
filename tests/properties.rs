//! Property tests: the parser never panics, ids survive unrelated edits, exports verify, and any
//! single change to an export is caught.

use std::collections::BTreeMap;

mod common;

use proptest::prelude::*;
use readiness::domain::answers::digest::answers_digest;
use readiness::domain::answers::validate::export_refusals;
use readiness::domain::answers::{
    Answers, Attribution, ItemAnswer, Override, Person, SignOffRecord, Status,
};
use readiness::domain::audit::{export, to_json, verify};
use readiness::domain::parse;
use readiness::domain::text::repair_mojibake;
use readiness::domain::text::time::Timestamp;
use readiness::domain::Checklist;
use readiness::native::DalekVerifier;
use serde_json::Value;

const NOW: Timestamp = Timestamp(1_795_323_000_000);

fn lfg() -> (Vec<u8>, readiness::domain::Checklist) {
    let bytes = std::fs::read("checklists/lfg-platform-checklist.md").expect("seed");
    let c = parse("lfg-platform-checklist.md", &bytes).expect("parses");
    (bytes, c)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Markdown-shaped noise: every structure the dialect reads, in random order.
    #[test]
    fn parse_never_panics_on_markdownish_text(s in "([-*+>#|:_`!\\[\\]()<>xX 0-9a-zé🔴ðŸ\t]|\n|- \\[ \\] |1\\. \\[x\\] |```|<!-- readiness: |-->|___){0,120}") {
        let _ = parse("fuzz.md", s.as_bytes());
    }

    #[test]
    fn parse_never_panics_on_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let _ = parse("fuzz.md", &bytes);
    }

    /// Text that is UTF-8 mis-decoded as Windows-1252 comes back exactly.
    #[test]
    fn mojibake_round_trips(s in "\\PC{0,40}") {
        let mojibaked: String = s.bytes().map(cp1252_char).collect();
        prop_assert_eq!(repair_mojibake(&mojibaked).into_owned(), s);
    }

    /// Text outside Latin-1 and Windows-1252 (CJK, emoji) is never altered.
    #[test]
    fn non_latin_text_is_untouched(s in "[\\p{Han}\\p{Hiragana}🚀✅🔴 a-z]{0,40}") {
        prop_assert_eq!(repair_mojibake(&s).into_owned(), s);
    }
}

/// Windows-1252 decoding of one byte (undefined bytes decode to the C1 control of the same value).
fn cp1252_char(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '\u{2018}', '\u{2019}', '\u{201c}', '\u{201d}', '•', '–', '—', '˜',
        '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

/// A generated checklist: sections of uniquely named items.
#[derive(Debug, Clone)]
struct Doc {
    sections: Vec<(String, Vec<String>)>,
}

impl Doc {
    fn render(&self) -> String {
        let mut s = String::from("# Generated\n\n");
        for (title, items) in &self.sections {
            s.push_str(&format!("## {title}\n\n"));
            for it in items {
                s.push_str(&format!("- [ ] {it}\n"));
            }
            s.push('\n');
        }
        s
    }
}

fn doc_strategy() -> impl Strategy<Value = Doc> {
    proptest::collection::vec(
        proptest::collection::vec("[a-z]{3,8}( [a-z]{2,6}){0,3}", 1..6),
        1..5,
    )
    .prop_map(|sections| Doc {
        sections: sections
            .into_iter()
            .enumerate()
            .map(|(i, items)| {
                let items = items
                    .into_iter()
                    .enumerate()
                    .map(|(j, t)| format!("{t} {i}x{j}"))
                    .collect();
                (format!("Section {i}"), items)
            })
            .collect(),
    })
}

fn ids_by_text(md: &str) -> BTreeMap<String, String> {
    let c = parse("gen.md", md.as_bytes()).expect("generated markdown parses");
    c.items
        .iter()
        .map(|i| (i.plain.clone(), i.id.clone()))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// Inserting items and sections, and reordering sections and items, keeps every other id.
    #[test]
    fn ids_are_stable_under_unrelated_edits(
        doc in doc_strategy(),
        new_item in "[a-z]{4,8} new",
        rotate in 0usize..5,
        reverse in any::<bool>(),
    ) {
        let before = ids_by_text(&doc.render());
        let mut edited = doc.clone();
        let k = rotate % edited.sections.len();
        edited.sections.rotate_left(k);
        for (_, items) in &mut edited.sections {
            if reverse {
                items.reverse();
            }
        }
        edited.sections[0].1.insert(0, new_item.clone());
        edited.sections.push(("Brand new section".to_string(), vec![format!("{new_item} too")]));
        let after = ids_by_text(&edited.render());
        for (text, id) in &before {
            prop_assert_eq!(after.get(text), Some(id), "id of {:?} changed", text);
        }
    }
}

fn answers_strategy(n_items: usize) -> impl Strategy<Value = Vec<(usize, u8, String)>> {
    proptest::collection::vec((0..n_items, 0u8..4, "[a-zA-Z ]{0,12}"), 0..40)
}

fn build_answers(
    c: &readiness::domain::Checklist,
    picks: &[(usize, u8, String)],
    sign: bool,
) -> Answers {
    let mut a = Answers::default();
    for (i, kind, text) in picks {
        let id = c.items[*i].id.clone();
        let status = match kind {
            0 => Status::Done,
            1 => Status::Na,
            2 => Status::Open,
            _ => Status::Done,
        };
        a.items.insert(
            id,
            ItemAnswer {
                status,
                reason: if status == Status::Na {
                    format!("n/a {text}")
                } else {
                    String::new()
                },
                waived: status == Status::Na && text.len() % 2 == 0,
                until: (status == Status::Na && text.len() % 3 == 0)
                    .then(|| "2027-01-31".to_string()),
                note: if *kind == 3 {
                    text.clone()
                } else {
                    String::new()
                },
                evidence: if *kind == 3 {
                    vec![format!("https://ci.example/{i}")]
                } else {
                    vec![]
                },
                changed_at: Some(NOW.to_rfc3339()),
                // Who answered, with any text as their name (attribution is in the digest).
                by: if *kind == 0 {
                    vec![Attribution {
                        person: Person {
                            name: text.clone(),
                            key: Some(format!("{i:064x}")),
                        },
                        at: NOW.to_rfc3339(),
                    }]
                } else {
                    vec![]
                },
            },
        );
    }
    if let Some(f) = c.fields.first() {
        a.fields.insert(f.id.clone(), "Ada Lovelace".to_string());
    }
    if !picks.is_empty() {
        a.overrides.insert(
            c.categories[0].name.clone(),
            Override {
                score: 7.5,
                reason: "external audit".to_string(),
                set_at: None,
            },
        );
    }
    if sign {
        let digest = readiness::domain::answers::digest::answers_digest(c, &a);
        let so = c
            .items
            .iter()
            .find(|i| i.signoff.is_some())
            .expect("lfg has sign-offs");
        a.signoffs.push(common::signed(
            c,
            &so.id,
            "Engineering Lead",
            "Ada",
            "2026-11-22",
            &NOW.to_rfc3339(),
            &digest,
            7,
        ));
    }
    a
}

/// Paths to every leaf of a JSON value.
fn leaves(v: &Value, path: Vec<String>, out: &mut Vec<Vec<String>>) {
    match v {
        Value::Object(m) => {
            for (k, c) in m {
                let mut p = path.clone();
                p.push(k.clone());
                leaves(c, p, out);
            }
        }
        Value::Array(a) if !a.is_empty() => {
            for (i, c) in a.iter().enumerate() {
                let mut p = path.clone();
                p.push(i.to_string());
                leaves(c, p, out);
            }
        }
        _ => out.push(path),
    }
}

fn get_mut<'a>(v: &'a mut Value, path: &[String]) -> &'a mut Value {
    path.iter().fold(v, |v, k| match v {
        Value::Object(m) => m.get_mut(k).expect("path exists"),
        Value::Array(a) => &mut a[k.parse::<usize>().expect("index")],
        _ => unreachable!("leaf reached early"),
    })
}

fn mutate(v: &mut Value) {
    *v = match v.take() {
        Value::String(s) => Value::String(format!("{s}x")),
        Value::Number(n) => match n.as_u64() {
            Some(u) => Value::from(u + 1),
            None => Value::from(n.as_f64().unwrap_or(0.0) + 0.5),
        },
        Value::Bool(b) => Value::Bool(!b),
        Value::Null => Value::String("x".to_string()),
        Value::Array(_) => Value::Array(vec![Value::String("x".to_string())]),
        Value::Object(_) => Value::Null,
    };
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn export_then_verify_round_trips(picks in answers_strategy(408), sign in any::<bool>()) {
        let (bytes, c) = lfg();
        let a = build_answers(&c, &picks, sign);
        let json = to_json(&export(&c, &a, "test", &common::rules()));
        let v = verify(&json, Some(("lfg-platform-checklist.md", &bytes)), &DalekVerifier);
        prop_assert!(v.ok(), "{:?}", v.problems);
    }

    #[test]
    fn any_single_field_change_fails_verify(picks in answers_strategy(408), pick in any::<prop::sample::Index>()) {
        let (_, c) = lfg();
        let a = build_answers(&c, &picks, true);
        let json = to_json(&export(&c, &a, "test", &common::rules()));
        let mut value: Value = serde_json::from_str(&json).expect("export is JSON");
        let mut paths = Vec::new();
        leaves(&value, Vec::new(), &mut paths);
        let path = pick.get(&paths).clone();
        mutate(get_mut(&mut value, &path));
        let tampered = serde_json::to_string_pretty(&value).expect("serialises");
        let v = verify(&tampered, None, &DalekVerifier);
        prop_assert!(!v.ok(), "change at {:?} went unnoticed", path);
    }
}

/// What the lazy renderer relies on: chunks cover every block and item once, in order, and cut
/// only before headings into pieces of at least `min` items (the last may be smaller).
fn assert_chunks(c: &readiness::domain::Checklist, min: usize) {
    let chunks = c.chunks(min);
    assert!(!chunks.is_empty());
    let (mut block, mut item, mut section) = (0, 0, 0);
    for (k, ch) in chunks.iter().enumerate() {
        assert_eq!(ch.blocks.start, block, "chunk {k} blocks");
        assert_eq!(ch.items.start, item, "chunk {k} items");
        assert_eq!(ch.sections.start, section, "chunk {k} sections");
        if k > 0 {
            assert!(
                matches!(
                    c.blocks[ch.blocks.start],
                    readiness::domain::model::Block::Heading { .. }
                ),
                "chunk {k} starts at a heading"
            );
        }
        if k + 1 < chunks.len() {
            assert!(
                ch.items.len() >= min,
                "chunk {k} has {} items",
                ch.items.len()
            );
        }
        (block, item, section) = (ch.blocks.end, ch.items.end, ch.sections.end);
    }
    assert_eq!(block, c.blocks.len());
    assert_eq!(item, c.items.len());
    assert_eq!(section, c.sections.len());
}

#[test]
fn chunks_of_synthetic_10k_are_whole_sections_of_100_items_or_more() {
    let md = readiness::synth::checklist(10_000);
    let c = parse("synth.md", md.as_bytes()).unwrap();
    assert_chunks(&c, 100);
    let chunks = c.chunks(100);
    // Sections of the generator hold about 25 items, so chunks stay small.
    assert!(chunks.len() >= 60, "{} chunks", chunks.len());
    assert!(chunks.iter().all(|ch| ch.items.len() < 200));
    // Every item's section heading is in the chunk that holds the item, or an earlier one.
    for ch in &chunks {
        for i in ch.items.clone() {
            assert!(c.items[i].section < ch.sections.end);
        }
    }
}

#[test]
fn chunks_of_the_seeds_and_of_an_empty_file() {
    let (_, lfg) = lfg();
    for min in [1, 10, 100, 1000] {
        assert_chunks(&lfg, min);
    }
    assert_eq!(lfg.chunks(1000).len(), 1);
    let empty = parse("empty.md", b"").unwrap();
    assert_chunks(&empty, 100);
}

proptest! {
    #[test]
    fn chunks_cover_generated_documents(doc in doc_strategy(), min in 1usize..8) {
        let c = parse("p.md", doc.render().as_bytes()).unwrap();
        assert_chunks(&c, min);
    }
}

// The parser's text helpers work on bytes for speed (issue 5); these reference versions, one
// character at a time, are the behaviour they must keep.

fn slugify_reference(s: &str) -> String {
    let mut out = String::new();
    let mut pending_dash = false;
    for c in s.chars() {
        if c.is_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.extend(c.to_lowercase());
        } else {
            pending_dash = true;
        }
    }
    out
}

fn plain_text_reference(spans: &[readiness::domain::model::Span]) -> String {
    use readiness::domain::model::SpanKind;
    let mut out = String::new();
    let mut space = false;
    for s in spans {
        let text = match s.kind {
            SpanKind::Blank(_) => "___",
            SpanKind::Break | SpanKind::SoftBreak => " ",
            _ => s.text.as_str(),
        };
        for c in text.chars() {
            if c.is_whitespace() {
                space = !out.is_empty();
            } else {
                if space {
                    out.push(' ');
                    space = false;
                }
                out.push(c);
            }
        }
    }
    out
}

fn span_strategy() -> impl Strategy<Value = readiness::domain::model::Span> {
    use readiness::domain::model::{Span, SpanKind, Style};
    let kind = prop_oneof![
        Just(SpanKind::Text),
        Just(SpanKind::Code),
        Just(SpanKind::Blank(0)),
        Just(SpanKind::Break),
        Just(SpanKind::SoftBreak),
    ];
    (
        kind,
        "[ \t\n\u{0B}\u{0C}\r\u{01}\u{1F}\u{7F}\u{85}\u{A0}\u{2003}\u{3000}a-zA-Z0-9_.é🔴]{0,12}",
    )
        .prop_map(|(kind, text)| Span {
            kind,
            text,
            style: Style::default(),
            href: None,
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1024, ..ProptestConfig::default() })]

    #[test]
    fn slugify_matches_the_char_by_char_reference(s in "[ a-zA-Z0-9_.:/!-]{0,30}|\\PC{0,30}|[ a-zA-ZéÉßİΣ🚀\u{A0}]{0,30}") {
        prop_assert_eq!(readiness::domain::text::slugify(&s), slugify_reference(&s));
    }

    #[test]
    fn slug_truncated_cuts_the_reference_slug(s in "[ a-zA-Z0-9éÉİ🚀.-]{0,120}", max in 1usize..70) {
        let full = slugify_reference(&s);
        let got = readiness::domain::text::slug_truncated(&s, max);
        prop_assert!(got.len() <= max);
        prop_assert!(full.starts_with(&got), "{:?} is not a prefix of {:?}", got, full);
        // Exactly: the full slug cut at `max` (a character boundary), then back to its last `-`
        // when that keeps more than half.
        let expected = if full.len() <= max {
            full.clone()
        } else {
            let mut cut = max;
            while !full.is_char_boundary(cut) {
                cut -= 1;
            }
            let head = &full[..cut];
            match head.rfind('-') {
                Some(i) if i > max / 2 => head[..i].to_string(),
                _ => head.to_string(),
            }
        };
        prop_assert_eq!(got, expected);
    }

    #[test]
    fn plain_text_matches_the_char_by_char_reference(spans in proptest::collection::vec(span_strategy(), 0..8)) {
        prop_assert_eq!(readiness::domain::model::plain_text(&spans), plain_text_reference(&spans));
    }
}

// ---- issue 22: export never writes a record verify rejects ----

const ROLES: [&str; 5] = [
    "QA Lead",
    "Security Lead",
    "Release Manager",
    "CTO/VP Engineering",
    "Ops",
];

/// A generated checklist with readiness items and sign-off lines in several real-world forms.
fn checklist_text(items: &[String], forms: &[(usize, usize)]) -> String {
    let mut md = String::from("# Generated\n\n## Checks\n\n");
    for it in items {
        md.push_str(&format!("- [ ] {it}\n"));
    }
    md.push_str("\n## Sign-off\n\n");
    for &(form, role) in forms {
        let r = ROLES[role % ROLES.len()];
        md.push_str(&match form % 4 {
            0 => format!("- [ ] {r}: ___ Date: ___\n"),
            1 => format!("- [ ] **{r}**: ___ Date: ___\n"),
            2 => format!("- [ ] - [ ] **{r}**: ___ Date: ___\n"),
            _ => format!("- [ ] {r} ___ (name) Date: ___\n"),
        });
    }
    md
}

#[derive(Debug, Clone)]
struct Attempt {
    line: usize,
    own_role: bool,
    seed: u8,
    time: u8,
    tamper: u8,
}

fn attempt() -> impl Strategy<Value = Attempt> {
    (0usize..8, any::<bool>(), 1u8..4, 0u8..6, 0u8..4).prop_map(
        |(line, own_role, seed, time, tamper)| Attempt {
            line,
            own_role,
            seed,
            time,
            tamper,
        },
    )
}

fn record_for(c: &Checklist, a: &Answers, t: &Attempt) -> Option<SignOffRecord> {
    let lines = common::release::lines(c);
    let (id, role) = lines.get(t.line % lines.len().max(1))?.clone();
    let role = if t.own_role {
        role
    } else {
        "Someone Else".to_string()
    };
    let (signed_at, date) = match t.time {
        0 => ("2026-11-22T04:00:00Z", "2026-11-22"),
        1 => ("2026-11-22T06:00:00Z", "2026-11-22"),
        2 => ("yesterday", "2026-11-22"),
        3 => ("2026-11-22T04:00:00Z", "2026-02-30"),
        4 => ("2026-11-22T04:00:00Z", ""),
        _ => ("2026-11-21T23:00:00Z", "2026-11-22"),
    };
    let digest = answers_digest(c, a);
    let mut r = common::signed(c, &id, &role, "Pat", date, signed_at, &digest, t.seed);
    match t.tamper {
        1 => {
            r.public_key = None;
            r.envelope = None;
        }
        2 => r.name = "Mallory".to_string(),
        3 => r.digest = "0".repeat(64),
        _ => {}
    }
    Some(r)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn export_never_writes_a_record_verify_rejects(
        items in proptest::collection::vec("[a-z]{3,8}( [a-z]{2,6}){0,2}", 1..6),
        forms in proptest::collection::vec((0usize..4, 0usize..5), 1..5),
        statuses in proptest::collection::vec((0usize..6, 0u8..3, any::<bool>()), 0..6),
        attempts in proptest::collection::vec(attempt(), 0..6),
    ) {
        let items: Vec<String> = items.iter().enumerate().map(|(k, t)| format!("{t} {k}")).collect();
        let md = checklist_text(&items, &forms);
        let c = parse("gen.md", md.as_bytes()).expect("generated checklists parse");
        let mut a = Answers::default();
        for (i, kind, reason) in &statuses {
            let Some(it) = c.items.get(*i) else { continue };
            let status = [Status::Done, Status::Na, Status::Open][usize::from(*kind)];
            a.items.insert(it.id.clone(), ItemAnswer {
                status,
                reason: if *reason { "not used".to_string() } else { String::new() },
                changed_at: Some(NOW.to_rfc3339()),
                ..ItemAnswer::default()
            });
        }
        for t in &attempts {
            if let Some(r) = record_for(&c, &a, t) {
                a.signoffs.push(r);
            }
        }
        // What `export` accepts: answers it does not refuse.
        prop_assume!(export_refusals(&a, &c).is_empty());
        let json = to_json(&export(&c, &a, "test", &common::at(Timestamp(NOW.0))));
        let v = verify(&json, Some(("gen.md", md.as_bytes())), &DalekVerifier);
        prop_assert!(v.ok(), "{:?}\n{md}", v.problems);
    }
}
