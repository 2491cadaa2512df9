//! "What is missing to pass" on real checklists: ranked by score gain, ties in document order,
//! the fewest items that reach the threshold per category, and the sections outside the score
//! table named with their items (split from scoring.rs, issue 36).

mod common;

use common::{load, NOW};

use readiness::domain::answers::{Answers, Status};
use readiness::domain::parse;
use readiness::domain::score::{
    items_to_pass, score, score_checklist, unscored_roots, unscored_sections, Role, ScoreInput,
    Tally,
};
use readiness::domain::Checklist;

#[test]
fn missing_to_pass_ranks_by_score_gain() {
    let (_, c) = load("lfg-platform-checklist.md");
    let a = Answers::default();
    let input = ScoreInput::new(&c, &a, &common::rules());
    let tally = Tally::new(&input);
    let b = readiness::domain::score::breakdown(&input, &tally);
    let gains = readiness::domain::score::missing_to_pass(&input, &b, |i| input.items[i].status, 5);
    assert_eq!(gains.len(), 5);
    // Code Quality weighs 20% over 13 items: 10 × 0.20 / 13 = 0.154 per item, more than Security
    // (25% over 21 items: 0.119) or any other category.
    assert_eq!(tally.categories[0].total, 13);
    for g in &gains {
        assert_eq!(
            input.items[g.item].category,
            Some(0),
            "{}",
            input.items[g.item].text
        );
        assert!(
            (g.gain_centi - 1000.0 * 0.20 / 13.0).abs() < 1e-9,
            "{}",
            g.gain_centi
        );
    }
    // A critical item outranks any gain.
    let src = b"# R\n\n## A\n\n- [ ] plain\n- [ ] (critical) must\n";
    let c = parse("c.md", src).expect("parses");
    let input = ScoreInput::new(&c, &Answers::default(), &common::rules());
    let tally = Tally::new(&input);
    let b = readiness::domain::score::breakdown(&input, &tally);
    let gains =
        readiness::domain::score::missing_to_pass(&input, &b, |i| input.items[i].status, 10);
    assert_eq!(gains.iter().map(|g| g.item).collect::<Vec<_>>(), [1, 0]);
    assert!(tally.critical_open.contains(&1));
}

/// The ranking as documented, one item at a time: every open readiness item that is critical or
/// gains something, by (critical, gain) descending, then document order.
fn missing_reference(
    input: &ScoreInput,
    b: &readiness::domain::score::Breakdown,
    statuses: &[Status],
) -> Vec<(usize, bool, f64)> {
    let total: f64 = b
        .categories
        .iter()
        .filter(|c| c.score_centi.is_some())
        .map(|c| c.weight)
        .sum();
    let mut all: Vec<(usize, bool, f64)> = input
        .items
        .iter()
        .enumerate()
        .filter(|(i, it)| it.role == Role::Readiness && statuses[*i] == Status::Open)
        .map(|(i, it)| {
            let gain = it
                .category
                .map(|c| &b.categories[c])
                .filter(|c| c.override_centi.is_none() && c.counts.applicable() > 0)
                .map(|c| 1000.0 * (c.weight / total) / c.counts.applicable() as f64)
                .unwrap_or(0.0);
            (i, it.critical, gain)
        })
        .filter(|(_, critical, gain)| *critical || *gain > 0.0)
        .collect();
    all.sort_by(|a, b| b.1.cmp(&a.1).then(b.2.total_cmp(&a.2)).then(a.0.cmp(&b.0)));
    all
}

#[test]
fn missing_to_pass_top_n_is_the_head_of_the_full_ranking() {
    use readiness::domain::score::missing_to_pass;
    let (_, c) = load("lfg-platform-checklist.md");
    let a = Answers::default();
    let input = ScoreInput::new(&c, &a, &common::rules());
    let b = readiness::domain::score::breakdown(&input, &Tally::new(&input));
    let all = missing_to_pass(&input, &b, |i| input.items[i].status, usize::MAX);
    // Every open readiness item that moves the score (it is in a weighted category) or is critical.
    let expected = input
        .items
        .iter()
        .filter(|it| it.role == Role::Readiness && (it.category.is_some() || it.critical))
        .count();
    assert_eq!(all.len(), expected);
    assert_eq!(all.len(), 183);
    for limit in [0, 1, 7, 8, 100, 182, 183, 184] {
        let top = missing_to_pass(&input, &b, |i| input.items[i].status, limit);
        assert_eq!(top, all[..limit.min(all.len())], "limit {limit}");
    }
    // Against the item-by-item reference, with answers spread over the checklist (done, N/A and
    // open items in every category, which changes each category's gain), on the seed and on a
    // synthetic checklist whose categories tie.
    let synthetic = parse("s.md", readiness::synth::checklist(2_000).as_bytes()).expect("parses");
    for c in [c, synthetic] {
        compare_missing_with_reference(&c);
    }
}

fn compare_missing_with_reference(c: &Checklist) {
    use readiness::domain::score::{missing_to_pass_in, MissingGroups};
    let mut a = Answers::default();
    for (k, it) in c.items.iter().enumerate() {
        match k % 7 {
            0 | 3 => a.set_status(&it.id, Status::Done, "", NOW),
            5 => a.set_status(&it.id, Status::Na, "not here", NOW),
            _ => {}
        }
    }
    let input = ScoreInput::new(c, &a, &common::rules());
    let b = readiness::domain::score::breakdown(&input, &Tally::new(&input));
    let statuses: Vec<Status> = input.items.iter().map(|it| it.status).collect();
    let reference = missing_reference(&input, &b, &statuses);
    assert!(reference.len() > 100, "{}", reference.len());
    let groups = MissingGroups::new(&input);
    for limit in [1, 8, 50, reference.len(), usize::MAX] {
        let got: Vec<(usize, bool, f64)> = missing_to_pass_in(&groups, &b, |i| statuses[i], limit)
            .into_iter()
            .map(|g| (g.item, g.critical, g.gain_centi))
            .collect();
        assert_eq!(
            got,
            reference[..limit.min(reference.len())],
            "limit {limit}"
        );
    }
}

#[test]
fn missing_to_pass_ties_keep_document_order_across_categories() {
    // Beta is listed first in the score table, Alpha comes first in the document; both gain the
    // same per item, so the ranking is document order, not table order.
    let src = "# T\n\n| Category | Weight |\n|---|---|\n| Beta | 50% |\n| Alpha | 50% |\n\n\
               ## Alpha\n\n- [ ] a1\n- [ ] a2\n\n## Beta\n\n- [ ] b1\n- [ ] b2\n";
    let c = parse("t.md", src.as_bytes()).expect("parses");
    let input = ScoreInput::new(&c, &Answers::default(), &common::rules());
    let b = readiness::domain::score::breakdown(&input, &Tally::new(&input));
    let text = |limit| {
        readiness::domain::score::missing_to_pass(&input, &b, |i| input.items[i].status, limit)
            .into_iter()
            .map(|g| input.items[g.item].text.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(text(2), ["a1", "a2"]);
    assert_eq!(text(3), ["a1", "a2", "b1"]);
    assert_eq!(text(10), ["a1", "a2", "b1", "b2"]);
}

/// lfg-platform-checklist's score table weights 7 categories; 8 sections fall outside all of them
/// (issue 15: checking every Kubernetes item left the score at 0.00 with nothing saying why).
#[test]
fn sections_outside_the_score_table_are_named_with_their_items() {
    let (_, c) = common::load("lfg-platform-checklist.md");
    let input = ScoreInput::new(&c, &Answers::default(), &common::rules());
    let roots = unscored_roots(&c, &input);
    let names: Vec<&str> = roots
        .iter()
        .map(|&(s, _)| c.sections[s].title.as_str())
        .collect();
    assert_eq!(roots.len(), 8, "{names:?}");
    assert!(
        names.iter().any(|n| n.contains("Kubernetes Configuration")),
        "{names:?}"
    );
    assert_eq!(roots.iter().map(|&(_, n)| n).sum::<usize>(), 197);
    let b = score(&input);
    let scored: usize = b.categories.iter().map(|c| c.counts.total).sum();
    assert_eq!(
        (scored, b.uncategorised.total, b.procedures.total),
        (183, 197, 22)
    );
    // Every Kubernetes item done: the score does not move, as the page now says.
    let mut a = Answers::default();
    for id in common::ids_in(&c, "Kubernetes Configuration") {
        a.set_status(&id, Status::Done, "", common::NOW);
    }
    assert_eq!(score_checklist(&c, &a, &common::rules()).score_centi, 0);
    let flags = unscored_sections(&c, &input);
    let k8s = c
        .sections
        .iter()
        .position(|s| s.title.contains("Kubernetes Configuration"))
        .expect("section");
    assert!(flags[k8s]);
    assert!(
        !flags[c
            .sections
            .iter()
            .position(|s| s.title.contains("Security"))
            .expect("s")]
    );
}

/// "What is missing to pass" says how many items in which categories close the gap: the fewest, so
/// that one item less does not pass.
#[test]
fn items_to_pass_are_the_fewest_that_reach_the_threshold() {
    let (_, c) = common::load("lfg-platform-checklist.md");
    let input = ScoreInput::new(&c, &Answers::default(), &common::rules());
    let b = score(&input);
    let plan = items_to_pass(&b).expect("reachable");
    assert!(!plan.is_empty());
    // Mark exactly that many open items done in each category, then one fewer in the last.
    let apply = |plan: &[(usize, usize)]| {
        let mut a = Answers::default();
        for &(k, n) in plan {
            let ids = input
                .items
                .iter()
                .filter(|it| it.category == Some(k))
                .take(n)
                .map(|it| it.id.clone())
                .collect::<Vec<_>>();
            for id in ids {
                a.set_status(&id, Status::Done, "", common::NOW);
            }
        }
        score_checklist(&c, &a, &common::rules()).score_centi
    };
    assert!(apply(&plan) >= b.threshold_centi, "{plan:?}");
    let mut less = plan.clone();
    if let Some(last) = less.last_mut() {
        last.1 -= 1;
    }
    assert!(apply(&less) < b.threshold_centi, "{less:?}");
    // A passing score needs nothing more.
    let mut done = Answers::default();
    for it in input.items.iter().filter(|it| it.category.is_some()) {
        done.set_status(&it.id, Status::Done, "", common::NOW);
    }
    assert_eq!(
        items_to_pass(&score_checklist(&c, &done, &common::rules())),
        Some(vec![])
    );
}
