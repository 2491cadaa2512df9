//! The weighted readiness score and the GO / NO-GO verdict (formula in docs/FORMAT.md).
//!
//! Scoring reads a neutral [`ScoreInput`] rather than a checklist, so the same code scores a live
//! checklist with its answers and re-scores an exported record during verification, where only the
//! record is at hand. [`Tally`] keeps the per-category counts so the UI can update the score by
//! delta on each toggle instead of recounting.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::answers::{Answers, Override, SignOffRecord, Status};
use super::digest::answers_digest;
use super::model::{Checklist, SectionKind};
use super::text::centi;

/// How an item takes part in scoring.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Counts towards its category's completion.
    Readiness,
    /// Checked = a failure happened: forces NO-GO.
    Trigger,
    /// Tracked, not scored.
    Procedure,
    /// A sign-off line: needs a current sign-off record.
    Signoff,
}

impl Role {
    /// Lower-case name used in exports.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Readiness => "readiness",
            Role::Trigger => "trigger",
            Role::Procedure => "procedure",
            Role::Signoff => "signoff",
        }
    }

    /// Parses [`Role::as_str`].
    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "readiness" => Some(Role::Readiness),
            "trigger" => Some(Role::Trigger),
            "procedure" => Some(Role::Procedure),
            "signoff" => Some(Role::Signoff),
            _ => None,
        }
    }
}

/// The decision: GO only when nothing stands in the way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Verdict {
    /// Ready to deploy.
    #[serde(rename = "GO")]
    Go,
    /// Not ready: at least one reason stands.
    #[serde(rename = "NO-GO")]
    NoGo,
}

impl Verdict {
    /// `GO` or `NO-GO`, as exports and reports write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Go => "GO",
            Verdict::NoGo => "NO-GO",
        }
    }

    /// Whether it is GO.
    pub fn is_go(self) -> bool {
        self == Verdict::Go
    }
}

impl std::fmt::Display for Verdict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One item as scoring sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreItem {
    /// Stable id.
    pub id: String,
    /// Plain text, for reasons.
    pub text: String,
    /// Part in scoring.
    pub role: Role,
    /// Critical marker.
    pub critical: bool,
    /// Index into [`ScoreInput::categories`], for readiness items.
    pub category: Option<usize>,
    /// Effective status.
    pub status: Status,
}

/// State of one sign-off line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SignoffState {
    /// Item id.
    pub item: String,
    /// Role.
    pub role: String,
    /// A sign-off record exists.
    pub signed: bool,
    /// The latest record's digest differs from the current answers.
    pub stale: bool,
}

/// Everything needed to score.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreInput {
    /// Items in order.
    pub items: Vec<ScoreItem>,
    /// (name, weight in percent). With no score table: one implicit category of weight 100.
    pub categories: Vec<(String, f64)>,
    /// Manual overrides by category name.
    pub overrides: BTreeMap<String, Override>,
    /// Minimum score for GO, in hundredths.
    pub threshold_centi: u32,
    /// Sign-off lines and their state.
    pub signoffs: Vec<SignoffState>,
}

/// Name of the implicit category used when a checklist has no score table.
pub const ALL_ITEMS: &str = "All readiness items";

impl ScoreInput {
    /// Builds the input from a checklist and its answers.
    pub fn new(checklist: &Checklist, answers: &Answers) -> ScoreInput {
        let item_categories = item_categories(checklist);
        // The answers digest only tells whether a recorded sign-off is stale: without records
        // (a checklist being filled in for the first time) it is not computed at all.
        let digest = if answers.signoffs.is_empty() {
            None
        } else {
            Some(answers_digest(checklist, answers))
        };
        let items = checklist
            .items
            .iter()
            .enumerate()
            .map(|(i, it)| ScoreItem {
                id: it.id.clone(),
                text: it.plain.clone(),
                role: item_role(checklist, i),
                critical: it.severity == super::model::Severity::Critical,
                category: item_categories[i],
                status: answers.status(checklist, i),
            })
            .collect();
        let signoff_items: Vec<usize> = (0..checklist.items.len())
            .filter(|&i| checklist.items[i].signoff.is_some())
            .collect();
        let signoffs = signoff_states(
            checklist,
            &signoff_items,
            &answers.signoffs,
            digest.as_deref(),
        );
        ScoreInput {
            items,
            categories: category_list(checklist),
            overrides: answers.overrides.clone(),
            threshold_centi: checklist.threshold_centi,
            signoffs,
        }
    }
}

/// The one staleness rule: a sign-off is stale when the answers digest it was signed over is not
/// the current answers digest. The app, the export and verification all ask this function.
pub fn is_stale(signed_over: &str, current: &str) -> bool {
    signed_over != current
}

/// Ids of the sign-off items whose latest record is current (signed over `digest`).
pub fn current_signoffs(records: &[SignOffRecord], digest: Option<&str>) -> BTreeSet<String> {
    let mut latest: BTreeMap<&str, &str> = BTreeMap::new();
    for r in records {
        latest.insert(r.item.as_str(), r.digest.as_str());
    }
    latest
        .into_iter()
        .filter(|(_, d)| digest.is_some_and(|now| !is_stale(d, now)))
        .map(|(k, _)| k.to_string())
        .collect()
}

/// Sign-off state of each of the sign-off items `items` (indices into the checklist): signed when a
/// record names it, stale when its latest record was signed over answers whose digest is not
/// `digest` (the current answers digest; `None` only when there are no records).
pub fn signoff_states(
    checklist: &Checklist,
    items: &[usize],
    records: &[SignOffRecord],
    digest: Option<&str>,
) -> Vec<SignoffState> {
    items
        .iter()
        .filter_map(|&i| {
            let it = &checklist.items[i];
            let spec = it.signoff.as_ref()?;
            let latest = records.iter().rev().find(|r| r.item == it.id);
            Some(SignoffState {
                item: it.id.clone(),
                role: spec.role.clone(),
                signed: latest.is_some(),
                stale: latest.is_some_and(|r| digest.is_none_or(|now| is_stale(&r.digest, now))),
            })
        })
        .collect()
}

/// Scoring role of a checklist item.
pub fn item_role(checklist: &Checklist, item: usize) -> Role {
    if checklist.items[item].signoff.is_some() {
        return Role::Signoff;
    }
    match checklist.item_kind(item) {
        SectionKind::Readiness => Role::Readiness,
        SectionKind::Trigger => Role::Trigger,
        SectionKind::Procedure => Role::Procedure,
    }
}

/// Category names and weights (the implicit one when the checklist has no score table).
pub fn category_list(checklist: &Checklist) -> Vec<(String, f64)> {
    if checklist.categories.is_empty() {
        vec![(ALL_ITEMS.to_string(), 100.0)]
    } else {
        checklist
            .categories
            .iter()
            .map(|c| (c.name.clone(), c.weight))
            .collect()
    }
}

/// Category index of each item: the first category one of whose sections contains the item's
/// section; every readiness item in the implicit category when there is no score table.
pub fn item_categories(checklist: &Checklist) -> Vec<Option<usize>> {
    (0..checklist.items.len())
        .map(|i| {
            if item_role(checklist, i) != Role::Readiness {
                return None;
            }
            if checklist.categories.is_empty() {
                return Some(0);
            }
            let section = checklist.items[i].section;
            checklist.categories.iter().position(|c| {
                c.sections
                    .iter()
                    .any(|&s| checklist.section_within(section, s))
            })
        })
        .collect()
}

/// Per-category counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Items.
    pub total: usize,
    /// Done.
    pub done: usize,
    /// Not applicable.
    pub na: usize,
}

impl Counts {
    /// Moves one item from status `from` to `to`.
    pub fn change(&mut self, from: Status, to: Status) {
        self.add(from, false);
        self.add(to, true);
    }

    /// Items that count: total minus N/A.
    pub fn applicable(&self) -> usize {
        self.total - self.na
    }

    fn add(&mut self, status: Status, sign: bool) {
        let step = |v: &mut usize| {
            if sign {
                *v += 1
            } else {
                *v = v.saturating_sub(1)
            }
        };
        step(&mut self.total);
        match status {
            Status::Done => step(&mut self.done),
            Status::Na => step(&mut self.na),
            Status::Open => {}
        }
    }
}

/// Counts of the items under each section (its whole subtree), sign-off items left out (whether
/// one counts as done depends on its records, not its status): per-section progress for the
/// table of contents. Keep them current by moving an item's status ([`Counts::change`]) in each
/// section of [`counted_in`].
pub fn section_counts(checklist: &Checklist, status: impl Fn(usize) -> Status) -> Vec<Counts> {
    let mut counts = vec![Counts::default(); checklist.sections.len()];
    for i in 0..checklist.items.len() {
        for s in counted_in(checklist, i) {
            counts[s].add(status(i), true);
        }
    }
    counts
}

/// The sections whose [`section_counts`] include item `item`: its section and every ancestor,
/// none for a sign-off item. A toggle touches only these (O(depth)).
pub fn counted_in(checklist: &Checklist, item: usize) -> impl Iterator<Item = usize> + '_ {
    let it = &checklist.items[item];
    it.signoff
        .is_none()
        .then(|| checklist.ancestors(it.section))
        .into_iter()
        .flatten()
}

/// Running counts that can be updated one item at a time, so a toggle costs O(log n), not a
/// recount: per-category counts plus the open critical items and checked triggers (by index).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Tally {
    /// Counts per category.
    pub categories: Vec<Counts>,
    /// Readiness items in no category.
    pub uncategorised: Counts,
    /// Procedure items.
    pub procedures: Counts,
    /// Trigger items.
    pub triggers: Counts,
    /// Indexes of open critical readiness items.
    pub critical_open: BTreeSet<usize>,
    /// Indexes of checked trigger items.
    pub triggers_checked: BTreeSet<usize>,
}

impl Tally {
    /// Counts every item of the input.
    pub fn new(input: &ScoreInput) -> Tally {
        Tally::with_statuses(input, |i| input.items[i].status)
    }

    /// Counts every item of the input with statuses given by `status(index)`.
    pub fn with_statuses(input: &ScoreInput, status: impl Fn(usize) -> Status) -> Tally {
        let mut t = Tally {
            categories: vec![Counts::default(); input.categories.len()],
            ..Tally::default()
        };
        for (i, it) in input.items.iter().enumerate() {
            t.apply(i, it, status(i), true);
        }
        t
    }

    /// Adds (`add = true`) or removes item `index` in a given status.
    pub fn apply(&mut self, index: usize, item: &ScoreItem, status: Status, add: bool) {
        let set = |set: &mut BTreeSet<usize>, on: bool| {
            if on && add {
                set.insert(index);
            } else if on {
                set.remove(&index);
            }
        };
        match item.role {
            Role::Readiness => {
                set(
                    &mut self.critical_open,
                    item.critical && status == Status::Open,
                );
            }
            Role::Trigger => set(&mut self.triggers_checked, status == Status::Done),
            _ => {}
        }
        let counts = match item.role {
            Role::Readiness => match item.category {
                Some(c) if c < self.categories.len() => &mut self.categories[c],
                _ => &mut self.uncategorised,
            },
            Role::Procedure => &mut self.procedures,
            Role::Trigger => &mut self.triggers,
            Role::Signoff => return,
        };
        counts.add(status, add);
    }

    /// Moves item `index` from one status to another.
    pub fn change(&mut self, index: usize, item: &ScoreItem, from: Status, to: Status) {
        self.apply(index, item, from, false);
        self.apply(index, item, to, true);
    }
}

/// One category's part of the score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CategoryScore {
    /// Name.
    pub name: String,
    /// Weight in percent.
    pub weight: f64,
    /// Counts.
    pub counts: Counts,
    /// Score 0-10 in hundredths: the override if set, else 10 × done / applicable.
    /// `None` when nothing in it applies (it then takes no part in the total).
    pub score_centi: Option<u32>,
    /// The manual override, if any.
    pub override_centi: Option<u32>,
}

/// Why the verdict is NO-GO.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reason {
    /// Score below the threshold.
    BelowThreshold {
        /// Score in hundredths.
        score: u32,
        /// Threshold in hundredths.
        threshold: u32,
    },
    /// Nothing to score.
    NothingToScore,
    /// An open critical item.
    CriticalOpen {
        /// Item id.
        id: String,
        /// Item text.
        text: String,
    },
    /// A checked trigger.
    TriggerChecked {
        /// Item id.
        id: String,
        /// Item text.
        text: String,
    },
    /// A sign-off without a record.
    SignoffMissing {
        /// Item id.
        id: String,
        /// Role.
        role: String,
    },
    /// A sign-off made before the answers last changed.
    SignoffStale {
        /// Item id.
        id: String,
        /// Role.
        role: String,
    },
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Reason::BelowThreshold { score, threshold } => write!(
                f,
                "score {} is below the minimum {}",
                centi(*score),
                centi(*threshold)
            ),
            Reason::NothingToScore => write!(f, "no applicable readiness items to score"),
            Reason::CriticalOpen { text, .. } => write!(f, "critical item open: {text}"),
            Reason::TriggerChecked { text, .. } => write!(f, "failure trigger checked: {text}"),
            Reason::SignoffMissing { role, .. } => write!(f, "sign-off missing: {role}"),
            Reason::SignoffStale { role, .. } => {
                write!(f, "sign-off stale: {role} (answers changed after signing)")
            }
        }
    }
}

/// Score, breakdown and verdict.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Breakdown {
    /// Per category, in table order.
    pub categories: Vec<CategoryScore>,
    /// Weighted score 0-10 in hundredths.
    pub score_centi: u32,
    /// Minimum for GO in hundredths.
    pub threshold_centi: u32,
    /// Readiness items in no category (not scored).
    pub uncategorised: Counts,
    /// Procedure items (tracked separately).
    pub procedures: Counts,
    /// Trigger items.
    pub triggers: Counts,
    /// GO only when there are no reasons.
    pub verdict: Verdict,
    /// Every reason for NO-GO.
    pub reasons: Vec<Reason>,
}

impl Breakdown {
    /// Readiness items done and applicable, over every category and the uncategorised ones.
    pub fn progress(&self) -> (usize, usize) {
        self.categories
            .iter()
            .map(|c| c.counts)
            .chain([self.uncategorised])
            .fold((0, 0), |(d, a), c| (d + c.done, a + c.applicable()))
    }
}

/// Scores an input from scratch.
pub fn score(input: &ScoreInput) -> Breakdown {
    breakdown(input, &Tally::new(input))
}

/// Turns counts into the score and verdict.
///
/// `score = Σ weightᶜ × scoreᶜ / Σ weightᶜ` over categories with at least one applicable item (or an
/// override), where `scoreᶜ = override` or `10 × done / applicable`; rounded to hundredths.
/// GO requires score ≥ threshold, no open critical readiness item, no checked trigger and a current
/// sign-off on every sign-off line.
pub fn breakdown(input: &ScoreInput, tally: &Tally) -> Breakdown {
    breakdown_with(input, tally, &input.overrides, &input.signoffs)
}

/// [`breakdown`] with the current overrides and sign-off states given separately, for callers
/// (the UI) that keep those apart from a fixed [`ScoreInput`].
pub fn breakdown_with(
    input: &ScoreInput,
    tally: &Tally,
    overrides: &BTreeMap<String, Override>,
    signoffs: &[SignoffState],
) -> Breakdown {
    let mut categories = Vec::with_capacity(input.categories.len());
    let mut weighted = 0.0_f64;
    let mut weights = 0.0_f64;
    for (i, (name, weight)) in input.categories.iter().enumerate() {
        let counts = tally.categories.get(i).copied().unwrap_or_default();
        let override_centi = overrides
            .get(name)
            .filter(|o| o.score.is_finite() && (0.0..=10.0).contains(&o.score))
            .map(|o| (o.score * 100.0).round() as u32);
        let score_centi = override_centi.or_else(|| {
            (counts.applicable() > 0).then(|| {
                ((counts.done as f64 * 1000.0) / counts.applicable() as f64).round() as u32
            })
        });
        if let Some(s) = score_centi {
            weighted += weight * f64::from(s);
            weights += weight;
        }
        categories.push(CategoryScore {
            name: name.clone(),
            weight: *weight,
            counts,
            score_centi,
            override_centi,
        });
    }
    let mut reasons = Vec::new();
    let score_centi = if weights > 0.0 {
        (weighted / weights).round() as u32
    } else {
        reasons.push(Reason::NothingToScore);
        0
    };
    if weights > 0.0 && score_centi < input.threshold_centi {
        reasons.push(Reason::BelowThreshold {
            score: score_centi,
            threshold: input.threshold_centi,
        });
    }
    for &i in &tally.critical_open {
        let it = &input.items[i];
        reasons.push(Reason::CriticalOpen {
            id: it.id.clone(),
            text: it.text.clone(),
        });
    }
    for &i in &tally.triggers_checked {
        let it = &input.items[i];
        reasons.push(Reason::TriggerChecked {
            id: it.id.clone(),
            text: it.text.clone(),
        });
    }
    for s in signoffs {
        if !s.signed {
            reasons.push(Reason::SignoffMissing {
                id: s.item.clone(),
                role: s.role.clone(),
            });
        } else if s.stale {
            reasons.push(Reason::SignoffStale {
                id: s.item.clone(),
                role: s.role.clone(),
            });
        }
    }
    Breakdown {
        categories,
        score_centi,
        threshold_centi: input.threshold_centi,
        uncategorised: tally.uncategorised,
        procedures: tally.procedures,
        triggers: tally.triggers,
        verdict: if reasons.is_empty() {
            Verdict::Go
        } else {
            Verdict::NoGo
        },
        reasons,
    }
}

/// Convenience: score a checklist with its answers.
pub fn score_checklist(checklist: &Checklist, answers: &Answers) -> Breakdown {
    score(&ScoreInput::new(checklist, answers))
}

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
    let total_weight: f64 = b
        .categories
        .iter()
        .filter(|c| c.score_centi.is_some())
        .map(|c| c.weight)
        .sum();
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
