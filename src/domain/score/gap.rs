//! What the score needs, in words a team can act on: how many more items, in which categories,
//! close the gap to the threshold; and which sections lie outside the score table altogether (their
//! items are tracked but do not move the score, which a newcomer cannot guess).

use super::*;

/// The weighted score of these category figures, as [`breakdown_with`] computes it, with `done`
/// in place of each category's done count.
fn score_with(categories: &[CategoryScore], done: &[usize]) -> Option<u32> {
    weighted_score(categories.iter().zip(done).map(|(c, &d)| {
        (
            c.weight,
            category_score(c.override_centi, d, c.counts.applicable()),
        )
    }))
}

/// The fewest items to mark done for the score to reach the threshold, as (category index, count),
/// categories in the order they are best taken (where one item adds most). Empty when the score
/// already passes; `None` when done items alone cannot reach it (categories under an override, or
/// too few items left).
pub fn items_to_pass(b: &Breakdown) -> Option<Vec<(usize, usize)>> {
    let mut done: Vec<usize> = b.categories.iter().map(|c| c.counts.done).collect();
    let mut taken = vec![0_usize; done.len()];
    let mut order: Vec<usize> = Vec::new();
    loop {
        if score_with(&b.categories, &done).is_some_and(|s| s >= b.threshold_centi) {
            break;
        }
        // The category where one more item raises the score most (ties: table order).
        let best = (0..done.len())
            .filter(|&k| {
                let c = &b.categories[k];
                c.override_centi.is_none() && done[k] < c.counts.applicable()
            })
            .max_by_key(|&k| {
                let mut next = done.clone();
                next[k] += 1;
                (score_with(&b.categories, &next), std::cmp::Reverse(k))
            })?;
        done[best] += 1;
        if taken[best] == 0 {
            order.push(best);
        }
        taken[best] += 1;
    }
    Some(order.into_iter().map(|k| (k, taken[k])).collect())
}

/// For each section, whether it is outside the score: it holds readiness items and none of them is
/// in a category of the score table. (With no score table every readiness item is scored.)
pub fn unscored_sections(checklist: &Checklist, input: &ScoreInput) -> Vec<bool> {
    let mut scored = vec![0_usize; checklist.sections.len()];
    let mut unscored = vec![0_usize; checklist.sections.len()];
    for (i, it) in input.items.iter().enumerate() {
        if it.role != Role::Readiness {
            continue;
        }
        let counts = if it.category.is_some() {
            &mut scored
        } else {
            &mut unscored
        };
        for s in checklist.ancestors(checklist.items[i].section) {
            counts[s] += 1;
        }
    }
    scored
        .iter()
        .zip(&unscored)
        .map(|(&s, &u)| u > 0 && s == 0)
        .collect()
}

/// The outermost unscored sections (an unscored section inside another is not named again), with
/// how many readiness items each holds: what the score panel lists as "not in the score".
pub fn unscored_roots(checklist: &Checklist, input: &ScoreInput) -> Vec<(usize, usize)> {
    let flags = unscored_sections(checklist, input);
    let mut count = vec![0_usize; checklist.sections.len()];
    for (i, it) in input.items.iter().enumerate() {
        if it.role == Role::Readiness && it.category.is_none() {
            for s in checklist.ancestors(checklist.items[i].section) {
                count[s] += 1;
            }
        }
    }
    (0..checklist.sections.len())
        .filter(|&s| flags[s] && !checklist.sections[s].parent.is_some_and(|p| flags[p]))
        .map(|s| (s, count[s]))
        .collect()
}
