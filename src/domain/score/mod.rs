//! The weighted readiness score and the GO / NO-GO verdict (formula in docs/FORMAT.md).
//!
//! Scoring reads a neutral [`ScoreInput`] rather than a checklist, so the same code scores a live
//! checklist with its answers and re-scores an exported record during verification, where only the
//! record is at hand. [`Tally`] keeps the per-category counts so the UI can update the score by
//! delta on each toggle instead of recounting.

mod gap;
mod missing;
mod reasons;
mod signoffs;
mod table;
mod tally;

pub use gap::{items_to_pass, unscored_roots, unscored_sections};
pub use missing::{missing_to_pass, missing_to_pass_in, Gain, MissingGroups};
pub use reasons::Reason;
pub use signoffs::{blocking_shared, current_signoffs, is_stale, signoff_states};
pub use table::{score_cell, score_columns, ScoreColumn};
pub use tally::{counted_in, counts_line, section_counts, Counts, Tally};

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::answers::{lapsed, Answers, Override, Status};
use super::model::{Checklist, SectionKind};
use super::text::centi;
use crate::domain::answers::digest::answers_digest;
pub use crate::domain::model::category_list;
use crate::domain::signoff::standing::{
    assess_checklist, lines_of, Assessment, Line, LineState, Rules, SharedKey,
};

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
    /// Not required at the target level the answers chose (docs/FORMAT.md, "Levels"): shown,
    /// neither counted nor scored.
    #[serde(rename = "not-required")]
    NotRequired,
}

impl Role {
    /// Lower-case name used in exports.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Readiness => "readiness",
            Role::Trigger => "trigger",
            Role::Procedure => "procedure",
            Role::Signoff => "signoff",
            Role::NotRequired => "not-required",
        }
    }

    /// Parses [`Role::as_str`].
    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "readiness" => Some(Role::Readiness),
            "trigger" => Some(Role::Trigger),
            "procedure" => Some(Role::Procedure),
            "signoff" => Some(Role::Signoff),
            "not-required" => Some(Role::NotRequired),
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
    /// Effective status (the answer's: an N/A that lapsed is still `na` here).
    pub status: Status,
    /// The end date of an N/A or waiver that has lapsed on the day judged: the item counts as
    /// open, and the verdict says "waiver expired" ([`crate::domain::answers::lapsed`]).
    pub expired: Option<String>,
}

impl ScoreItem {
    /// The status it counts with: open when its N/A or waiver has lapsed.
    pub fn counted(&self) -> Status {
        if self.expired.is_some() {
            Status::Open
        } else {
            self.status
        }
    }
}

/// State of one sign-off line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SignoffState {
    /// Item id.
    pub item: String,
    /// Role.
    pub role: String,
    /// Its section's title, when another line signs for the same role.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// Where it stands under the one rule for what counts.
    pub state: LineState,
}

impl SignoffState {
    /// The role as reasons name it: with the line's section when another line has the same role
    /// ("Reviewer (Code review)").
    pub fn role_named(&self) -> String {
        match &self.section {
            Some(w) => format!("{} ({w})", self.role),
            None => self.role.clone(),
        }
    }
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
    /// Keys that signed several roles where the checklist wants a signer per role.
    pub shared: Vec<SharedKey>,
}

pub use crate::domain::model::ALL_ITEMS;

impl ScoreInput {
    /// Builds the input from a checklist and its answers, judging sign-offs by `rules`.
    pub fn new(checklist: &Checklist, answers: &Answers, rules: &Rules<'_>) -> ScoreInput {
        // The answers digest only tells whether a recorded sign-off is stale: without records
        // (a checklist being filled in for the first time) it is not computed at all.
        let digest = if answers.signoffs.is_empty() {
            String::new()
        } else {
            answers_digest(checklist, answers)
        };
        let lines = lines_of(checklist);
        let a = assess_checklist(checklist, &lines, &digest, &answers.signoffs, rules);
        Self::judged(checklist, answers, &lines, &a, &rules.as_of.date())
    }

    /// The input with sign-offs already assessed (`a`, over the sign-off `lines`), N/A and
    /// waivers judged on `today` (`YYYY-MM-DD`; empty: none has lapsed).
    pub fn judged(
        checklist: &Checklist,
        answers: &Answers,
        lines: &[Line],
        a: &Assessment,
        today: &str,
    ) -> ScoreInput {
        let level = answers.level(checklist);
        let item_categories = item_categories(checklist, level);
        let items = checklist
            .items
            .iter()
            .enumerate()
            .map(|(i, it)| ScoreItem {
                id: it.id.clone(),
                text: it.plain.clone(),
                role: item_role(checklist, level, i),
                critical: it.severity == super::model::Severity::Critical,
                category: item_categories[i],
                status: answers.status(checklist, i),
                expired: match answers.items.get(&it.id) {
                    Some(a) => a.lapsed(today).map(str::to_string),
                    None => it
                        .preset
                        .as_deref()
                        .and_then(|p| lapsed(Status::Na, p.until.as_deref(), today))
                        .filter(|_| answers.status(checklist, i) == Status::Na)
                        .map(str::to_string),
                },
            })
            .collect();
        ScoreInput {
            items,
            categories: category_list(checklist),
            overrides: answers.overrides.clone(),
            threshold_centi: checklist.threshold_centi,
            signoffs: signoff_states(lines, a),
            shared: blocking_shared(a),
        }
    }
}

/// Scoring role of a checklist item when `level` is the target level.
pub fn item_role(checklist: &Checklist, level: Option<&str>, item: usize) -> Role {
    if checklist.items[item].signoff.is_some() {
        return Role::Signoff;
    }
    if !checklist.required_at(item, level) {
        return Role::NotRequired;
    }
    match checklist.item_kind(item) {
        SectionKind::Readiness => Role::Readiness,
        SectionKind::Trigger => Role::Trigger,
        SectionKind::Procedure => Role::Procedure,
    }
}

/// Category index of each item: the first category one of whose sections contains the item's
/// section; every readiness item in the implicit category when there is no score table.
pub fn item_categories(checklist: &Checklist, level: Option<&str>) -> Vec<Option<usize>> {
    (0..checklist.items.len())
        .map(|i| {
            if item_role(checklist, level, i) != Role::Readiness {
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
    /// Each sign-off line's state under the one rule (`standing`), in document order.
    pub signoffs: Vec<SignoffState>,
    /// GO only when there are no reasons.
    pub verdict: Verdict,
    /// Every reason for NO-GO.
    pub reasons: Vec<Reason>,
}

impl Breakdown {
    /// How the verdict's reasons are summed up in one line: "7 reasons", "1 reason", or "All
    /// conditions met" (the page's summary, live and static).
    pub fn reasons_label(&self) -> String {
        match self.reasons.len() {
            0 => "All conditions met".to_string(),
            1 => "1 reason".to_string(),
            n => format!("{n} reasons"),
        }
    }

    /// The sum of the weights of the categories that have a score (what each weight is relative
    /// to).
    pub fn scored_weight(&self) -> f64 {
        self.categories
            .iter()
            .filter(|c| c.score_centi.is_some())
            .map(|c| c.weight)
            .sum()
    }

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
    breakdown_with(
        input,
        tally,
        &input.overrides,
        &input.signoffs,
        &input.shared,
    )
}

/// [`breakdown`] with the current overrides and sign-off states given separately, for callers
/// (the UI) that keep those apart from a fixed [`ScoreInput`].
pub fn breakdown_with(
    input: &ScoreInput,
    tally: &Tally,
    overrides: &BTreeMap<String, Override>,
    signoffs: &[SignoffState],
    shared: &[SharedKey],
) -> Breakdown {
    let (categories, score) = category_scores(input, tally, overrides);
    let mut reasons = Vec::new();
    let score_centi = match score {
        Some(s) => s,
        None => {
            reasons.push(Reason::NothingToScore);
            0
        }
    };
    if score.is_some() && score_centi < input.threshold_centi {
        reasons.push(Reason::BelowThreshold {
            score: score_centi,
            threshold: input.threshold_centi,
        });
    }
    reasons.extend(blocking_reasons(input, tally, signoffs, shared));
    Breakdown {
        categories,
        score_centi,
        threshold_centi: input.threshold_centi,
        uncategorised: tally.uncategorised,
        procedures: tally.procedures,
        triggers: tally.triggers,
        signoffs: signoffs.to_vec(),
        verdict: if reasons.is_empty() {
            Verdict::Go
        } else {
            Verdict::NoGo
        },
        reasons,
    }
}

/// Each category's score (its override, else `10 × done / applicable`) and the weighted score
/// over the categories that have one (`None` when none has).
fn category_scores(
    input: &ScoreInput,
    tally: &Tally,
    overrides: &BTreeMap<String, Override>,
) -> (Vec<CategoryScore>, Option<u32>) {
    let mut categories = Vec::with_capacity(input.categories.len());
    for (i, (name, weight)) in input.categories.iter().enumerate() {
        let counts = tally.categories.get(i).copied().unwrap_or_default();
        let override_centi = overrides
            .get(name)
            .filter(|o| o.in_range())
            .map(|o| (o.score * 100.0).round() as u32);
        let score_centi = category_score(override_centi, counts.done, counts.applicable());
        categories.push(CategoryScore {
            name: name.clone(),
            weight: *weight,
            counts,
            score_centi,
            override_centi,
        });
    }
    let score = weighted_score(categories.iter().map(|c| (c.weight, c.score_centi)));
    (categories, score)
}

/// A category's score in hundredths: its override, else `10 × done / applicable` (`None` when
/// nothing in it applies). The one rule, for the breakdown and for "items to pass".
pub(crate) fn category_score(
    override_centi: Option<u32>,
    done: usize,
    applicable: usize,
) -> Option<u32> {
    override_centi.or_else(|| {
        (applicable > 0).then(|| ((done as f64 * 1000.0) / applicable as f64).round() as u32)
    })
}

/// The weighted mean of the categories that have a score, in hundredths (`None` when none has).
pub(crate) fn weighted_score(parts: impl Iterator<Item = (f64, Option<u32>)>) -> Option<u32> {
    let (mut weighted, mut weights) = (0.0_f64, 0.0_f64);
    for (weight, score) in parts {
        if let Some(s) = score {
            weighted += weight * f64::from(s);
            weights += weight;
        }
    }
    (weights > 0.0).then(|| (weighted / weights).round() as u32)
}

/// What blocks GO whatever the score: open critical items, checked triggers, missing or stale
/// sign-offs.
fn blocking_reasons(
    input: &ScoreInput,
    tally: &Tally,
    signoffs: &[SignoffState],
    shared: &[SharedKey],
) -> Vec<Reason> {
    let item = |i: usize| (input.items[i].id.clone(), input.items[i].text.clone());
    // A lapsed waiver is said once, as itself, even on a critical item.
    let expired = tally.expired.iter().map(|(i, on)| {
        let i = *i;
        let (id, text) = item(i);
        Reason::WaiverExpired {
            id,
            text,
            on: on.clone(),
        }
    });
    let critical = tally
        .critical_open
        .iter()
        .filter(|&&i| !tally.expired.iter().any(|e| e.0 == i))
        .map(|&i| {
            let (id, text) = item(i);
            Reason::CriticalOpen { id, text }
        });
    let triggers = tally.triggers_checked.iter().map(|&i| {
        let (id, text) = item(i);
        Reason::TriggerChecked { id, text }
    });
    let signoffs = signoffs.iter().filter_map(|s| {
        let (id, role) = (s.item.clone(), s.role_named());
        match &s.state {
            LineState::Missing => Some(Reason::SignoffMissing { id, role }),
            LineState::Stale { .. } => Some(Reason::SignoffStale { id, role }),
            LineState::NotCounted { fault, .. } => Some(Reason::SignoffNotCounted {
                id,
                role,
                why: fault.to_string(),
            }),
            LineState::Current { .. } => None,
        }
    });
    let shared = shared.iter().map(|k| Reason::SharedSigner {
        key: k.key.clone(),
        roles: k.roles.clone(),
    });
    expired
        .chain(critical)
        .chain(triggers)
        .chain(signoffs)
        .chain(shared)
        .collect()
}

/// Convenience: score a checklist with its answers, judging sign-offs by `rules`.
pub fn score_checklist(checklist: &Checklist, answers: &Answers, rules: &Rules<'_>) -> Breakdown {
    score(&ScoreInput::new(checklist, answers, rules))
}
