//! "What is missing to pass": open readiness items ranked by what completing each adds to the score,
//! from groups built once per checklist.

use super::*;

/// An open item and what completing it would add to the score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Gain {
    /// Item index.
    pub item: usize,
    /// Score gained by marking it done, in hundredths (before rounding of the total).
    pub gain_centi: f64,
    /// It is critical: open, it blocks GO whatever the score.
    pub critical: bool,
}

/// The candidates for "what is missing to pass", grouped by what decides their rank: readiness
/// items of the same category and criticality always gain the same, so a ranking walks groups in
/// gain order and, within a group, items in document order, and stops once it has enough. Built
/// once per checklist; with thousands of items a toggle then looks at a few dozen of them.
#[derive(Debug, Clone)]
pub struct MissingGroups {
    /// (critical, category, readiness items in document order).
    groups: Vec<(bool, Option<usize>, Vec<usize>)>,
}

impl MissingGroups {
    /// Groups the readiness items of `input`.
    pub fn new(input: &ScoreInput) -> MissingGroups {
        // Few groups (two per category at most): a linear search keeps this small in the wasm.
        let mut groups: Vec<(bool, Option<usize>, Vec<usize>)> = Vec::new();
        for (i, it) in input.items.iter().enumerate() {
            if it.role != Role::Readiness {
                continue;
            }
            let key = (it.critical, it.category);
            match groups.iter_mut().find(|g| (g.0, g.1) == key) {
                Some(g) => g.2.push(i),
                None => groups.push((key.0, key.1, vec![i])),
            }
        }
        MissingGroups { groups }
    }
}

/// "What is missing to pass": open readiness items ranked by how much completing each would raise
/// the score (critical items first, since they block GO on their own), at most `limit`. Ties keep
/// document order.
///
/// `b` is the current breakdown. Completing one item of category *c* adds `10 × weightᶜ / Σweight / applicableᶜ` (nothing if the
/// category has an override). `statuses` gives each item's current status.
pub fn missing_to_pass(
    input: &ScoreInput,
    b: &Breakdown,
    statuses: impl Fn(usize) -> Status,
    limit: usize,
) -> Vec<Gain> {
    missing_to_pass_in(&MissingGroups::new(input), b, statuses, limit)
}

/// [`missing_to_pass`] with the groups built once (the app keeps them for the checklist's life).
pub fn missing_to_pass_in(
    groups: &MissingGroups,
    b: &Breakdown,
    statuses: impl Fn(usize) -> Status,
    limit: usize,
) -> Vec<Gain> {
    let total_weight = b.scored_weight();
    let gain_of = |category: Option<usize>| {
        category
            .and_then(|c| b.categories.get(c))
            .filter(|c| c.override_centi.is_none() && c.counts.applicable() > 0)
            .map(|c| {
                let weight = if total_weight > 0.0 {
                    c.weight / total_weight
                } else {
                    0.0
                };
                1000.0 * weight / c.counts.applicable() as f64
            })
            .unwrap_or(0.0)
    };
    // Groups in rank order: critical first, then by gain; items that move nothing are left out.
    let mut ranked: Vec<(bool, f64, &[usize])> = groups
        .groups
        .iter()
        .map(|(critical, category, items)| (*critical, gain_of(*category), items.as_slice()))
        .filter(|(critical, gain, _)| *critical || *gain > 0.0)
        .collect();
    let rank = |a: &(bool, f64, &[usize]), b: &(bool, f64, &[usize])| {
        b.0.cmp(&a.0).then(b.1.total_cmp(&a.1))
    };
    ranked.sort_by(rank);
    let mut out: Vec<Gain> = Vec::new();
    let mut k = 0;
    while k < ranked.len() && out.len() < limit {
        // Groups that tie (same criticality and gain) merge in document order.
        let tie = ranked[k..]
            .iter()
            .take_while(|g| rank(g, &ranked[k]).is_eq())
            .count();
        let need = limit - out.len();
        let mut open: Vec<usize> = Vec::new();
        for (_, _, items) in &ranked[k..k + tie] {
            open.extend(
                items
                    .iter()
                    .copied()
                    .filter(|&i| statuses(i) == Status::Open)
                    .take(need),
            );
        }
        open.sort_unstable();
        open.truncate(need);
        let (critical, gain_centi, _) = ranked[k];
        out.extend(open.into_iter().map(|item| Gain {
            item,
            gain_centi,
            critical,
        }));
        k += tie;
    }
    out
}
