//! Release after release (issue 37): the next release's answers started from the last record.
//! An item whose content is unchanged (same id, same [`item_digest`]) arrives *carried*: the
//! earlier answer is shown, with who gave it and when, but it counts as open until someone
//! confirms it. An N/A or waiver with a reason carries and counts. A changed item is marked for
//! *re-review*, with the earlier answer and a word diff of its old and new text, and can never be
//! confirmed in bulk. New items start open; answers to removed items are listed, not applied; and
//! sign-offs never carry. The new answers name the record they came from (`carried_from`).
//!
//! One function ([`carry`]) for the CLI (`readiness carry`) and the page ([`next_release`], which
//! adds the seal check and the page's own answers around it).

mod diff;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use thiserror::Error;

pub use crate::domain::audit::CarriedFrom;
pub use diff::{diff_runs, word_diff, Change};

use crate::domain::answers::{Answers, Attribution, ItemAnswer, Person, Status};
use crate::domain::audit::{AuditRecord, ItemRecord};
use crate::domain::import::read_incoming;
use crate::domain::model::{Checklist, FieldKind, Severity};
use crate::domain::parse;
use crate::domain::text::sha256_hex;

/// An earlier answer carried into the next release, waiting to be confirmed (or re-reviewed).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Carried {
    /// The earlier answer as it was recorded.
    pub answer: ItemAnswer,
    /// For an item whose content changed: its earlier text and the word diff to the new one. It
    /// can be confirmed only on its own, never in bulk.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<Review>,
}

/// What changed in an item carried for re-review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    /// The item's text in the earlier release.
    pub before: String,
    /// Word diff from the earlier text to this one: `[-old-]{+new+}` around the changed words.
    pub diff: String,
}

/// Why a record cannot be carried forward. Nothing is written in any of these cases.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CarryError {
    /// A record made before records carried their template: its items cannot be compared.
    #[error("{file}: this record was made before records carried their checklist, so its items' content cannot be compared; carry from a record made since (revision 2)")]
    NoTemplate {
        /// The record's file.
        file: String,
    },
    /// The template the record carries does not read.
    #[error("{file}: the checklist the record carries does not read: {why}")]
    Unreadable {
        /// The record's file.
        file: String,
        /// The parser's message.
        why: String,
    },
    /// The file does not read as an export or answers file (the reader's message names it).
    #[error("{0}; nothing was changed")]
    NotRead(String),
    /// An answers file: it does not carry the checklist its answers were given to.
    #[error("{file}: it is an answers file; only an exported record carries the checklist its answers were given to, which carrying compares; nothing was changed")]
    AnswersFile {
        /// The file.
        file: String,
    },
    /// The record has no integrity digest to name it by, or one its content does not give: it
    /// was changed after it was exported.
    #[error("{file}: the record's integrity digest is missing or does not match its content (changed after export?), so nothing is carried from it")]
    NoIntegrity {
        /// The record's file.
        file: String,
    },
}

/// What [`carry`] did, item by item.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CarryReport {
    /// Unchanged items carried, waiting for confirmation.
    pub carried: Vec<String>,
    /// N/A and waivers with a reason, carried and counting.
    pub counted: Vec<String>,
    /// Changed items carried for re-review: (id, the diff).
    pub review: Vec<(String, String)>,
    /// Items new in this release.
    pub added: Vec<String>,
    /// Items the earlier release had and this one does not: (id, text, earlier status).
    pub removed: Vec<(String, String, Status)>,
    /// Sign-offs the earlier record held (never carried).
    pub signoffs_left: usize,
    /// Items this page had already answered, whose earlier answers were left out
    /// ([`next_release`]; they are in none of the lists above).
    pub already: Vec<String>,
}

/// The next release's answers and what was done to make them.
#[derive(Debug, Clone, PartialEq)]
pub struct Carry {
    /// The answers: N/A and waivers in `items`, the rest in `carried`, and `carried_from`.
    pub answers: Answers,
    /// Item by item.
    pub report: CarryReport,
}

/// The content digest of item `i`: SHA-256 of what makes it the same question — its text, its
/// sign-off role, its criticality, the levels requiring it, and its blanks (label, kind, unit).
/// Its id, place and answer are not part of it.
pub fn item_digest(c: &Checklist, i: usize) -> String {
    let it = &c.items[i];
    let fields: Vec<serde_json::Value> = it
        .fields
        .iter()
        .filter_map(|&f| c.fields.get(f))
        .map(|f| {
            serde_json::json!([
                f.label,
                match f.kind {
                    FieldKind::Text => "text",
                    FieldKind::Number => "number",
                    FieldKind::Date => "date",
                    FieldKind::Choice => "choice",
                },
                f.unit
            ])
        })
        .collect();
    let content = serde_json::json!({
        "text": it.plain,
        "role": it.signoff.as_ref().map(|s| s.role.as_str()),
        "critical": it.severity == Severity::Critical,
        "levels": it.levels,
        "fields": fields,
    });
    sha256_hex(content.to_string().as_bytes())
}

/// For each item of `after`, the item of `before` it continues, if any: the one with the same id;
/// else, for an item whose text was edited (which gives it, and the items under it, a new id),
/// the earlier item under the same parent (the parent's own earlier item, when the parent was
/// edited) with the same last part of its id, or else the unpaired one whose words are most
/// alike, when at least half of their words are shared. Sign-off lines pair by id only. Items
/// come in document order, so a parent is paired before its children.
fn pair_items(before: &Checklist, after: &Checklist) -> Vec<Option<usize>> {
    let by_id: std::collections::HashMap<&str, usize> = before
        .items
        .iter()
        .enumerate()
        .map(|(k, it)| (it.id.as_str(), k))
        .collect();
    let mut out: Vec<Option<usize>> = after
        .items
        .iter()
        .map(|it| by_id.get(it.id.as_str()).copied())
        .collect();
    let mut taken: std::collections::HashSet<usize> = out.iter().flatten().copied().collect();
    let split = |id: &str| -> (String, String) {
        id.rsplit_once('/')
            .map_or((String::new(), id.to_string()), |(p, l)| {
                (p.to_string(), l.to_string())
            })
    };
    let words = |t: &str| -> std::collections::HashSet<String> {
        t.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    // New id → the earlier id it continues, for parents edited in place.
    let mut renamed: BTreeMap<String, String> = BTreeMap::new();
    for (i, it) in after.items.iter().enumerate() {
        if let Some(k) = out[i] {
            if before.items[k].id != it.id {
                renamed.insert(it.id.clone(), before.items[k].id.clone());
            }
            continue;
        }
        if it.signoff.is_some() {
            continue;
        }
        let (parent, leaf) = split(&it.id);
        let parent = renamed.get(&parent).cloned().unwrap_or(parent);
        let same_leaf = by_id
            .get(format!("{parent}/{leaf}").as_str())
            .copied()
            .filter(|k| !taken.contains(k) && before.items[*k].signoff.is_none());
        let mine = words(&it.plain);
        let best = same_leaf.or_else(|| {
            before
                .items
                .iter()
                .enumerate()
                .filter(|(k, o)| {
                    !taken.contains(k) && o.signoff.is_none() && split(&o.id).0 == parent
                })
                .map(|(k, o)| {
                    let theirs = words(&o.plain);
                    let shared = mine.intersection(&theirs).count();
                    let all = mine.union(&theirs).count().max(1);
                    (k, shared * 100 / all)
                })
                .filter(|&(_, alike)| alike >= 50)
                .max_by_key(|&(k, alike)| (alike, std::cmp::Reverse(k)))
                .map(|(k, _)| k)
        });
        if let Some(k) = best {
            taken.insert(k);
            out[i] = Some(k);
            renamed.insert(it.id.clone(), before.items[k].id.clone());
        }
    }
    out
}

/// An earlier record's answer to an item, as an answer.
fn answer_of(r: &ItemRecord) -> ItemAnswer {
    ItemAnswer {
        status: r.status,
        reason: r.reason.clone(),
        waived: r.waived,
        until: r.until.clone(),
        note: r.note.clone(),
        evidence: r.evidence.clone(),
        changed_at: r.changed_at.clone(),
        by: r.by.clone(),
    }
}

/// Whether an earlier answer says anything (an item plainly open, noted by no one, carries
/// nothing).
fn said(a: &ItemAnswer) -> bool {
    a.status != Status::Open || !a.note.is_empty() || !a.evidence.is_empty()
}

/// Starts `template`'s answers from `previous` (a record that verified, read from `file`: the
/// caller verifies it, as `readiness carry` does in full and [`next_release`] its seal): see the
/// module's rules. Only items of the earlier record's own template (which it carries) with
/// the same id are compared, by [`item_digest`].
pub fn carry(
    previous: &AuditRecord,
    file: &str,
    template: &Checklist,
) -> Result<Carry, CarryError> {
    let err_file = || file.to_string();
    let Some(source) = previous.checklist.carried() else {
        return Err(CarryError::NoTemplate { file: err_file() });
    };
    let before = parse(&previous.checklist.file, source).map_err(|e| CarryError::Unreadable {
        file: err_file(),
        why: e.to_string(),
    })?;
    let integrity = previous
        .integrity
        .as_ref()
        .map(|i| i.digest.clone())
        .ok_or_else(|| CarryError::NoIntegrity { file: err_file() })?;
    let recorded: std::collections::HashMap<&str, &ItemRecord> =
        previous.items.iter().map(|r| (r.id.as_str(), r)).collect();
    let from = CarriedFrom {
        integrity,
        file: file.rsplit('/').next().unwrap_or(file).to_string(),
        checklist: previous.checklist.file.clone(),
        sha256: previous.checklist.sha256.clone(),
        at: previous.generated_at.clone(),
    };
    let mut answers = Answers {
        carried_from: serde_json::to_value(from).ok(),
        ..Answers::default()
    };
    let mut report = CarryReport {
        signoffs_left: previous.signoffs.len(),
        ..CarryReport::default()
    };
    let earlier_of = |k: usize| {
        recorded
            .get(before.items[k].id.as_str())
            .map(|r| answer_of(r))
    };
    let old_of = pair_items(&before, template);
    for (i, it) in template.items.iter().enumerate() {
        if it.signoff.is_some() {
            continue;
        }
        let Some(k) = old_of[i] else {
            report.added.push(it.id.clone());
            continue;
        };
        let Some(earlier) = earlier_of(k).filter(said) else {
            continue;
        };
        if item_digest(&before, k) != item_digest(template, i) {
            let diff = word_diff(&before.items[k].plain, &it.plain);
            report.review.push((it.id.clone(), diff.clone()));
            answers.set_carried(
                &it.id,
                &Carried {
                    answer: earlier,
                    review: Some(Review {
                        before: before.items[k].plain.clone(),
                        diff,
                    }),
                },
            );
        } else if earlier.status == Status::Na && !earlier.reason.trim().is_empty() {
            report.counted.push(it.id.clone());
            answers.items.insert(it.id.clone(), earlier);
        } else {
            report.carried.push(it.id.clone());
            answers.set_carried(
                &it.id,
                &Carried {
                    answer: earlier,
                    review: None,
                },
            );
        }
    }
    let paired: std::collections::HashSet<usize> = old_of.iter().flatten().copied().collect();
    for (k, it) in before.items.iter().enumerate() {
        if it.signoff.is_some() || paired.contains(&k) {
            continue;
        }
        if let Some(r) = recorded.get(it.id.as_str()) {
            report
                .removed
                .push((r.id.clone(), r.text.clone(), r.status));
        }
    }
    Ok(Carry { answers, report })
}

/// "Start the next release from this record" on a page whose answers are `mine`: the record
/// (`text`, read from `file`) must be an export whose integrity digest holds; then [`carry`], and
/// every carried or counted answer added where `mine` has none (an answer given here is never
/// replaced; those items are listed in `already`). `mine`'s sign-offs stay: they are this
/// release's.
pub fn next_release(
    mine: &Answers,
    text: &str,
    file: &str,
    template: &Checklist,
) -> Result<(Answers, CarryReport), CarryError> {
    let incoming = read_incoming(file, text).map_err(|e| CarryError::NotRead(e.to_string()))?;
    let Some(previous) = incoming.record else {
        return Err(CarryError::AnswersFile {
            file: file.to_string(),
        });
    };
    if !crate::domain::audit::sealed(text) {
        return Err(CarryError::NoIntegrity {
            file: file.to_string(),
        });
    }
    let Carry {
        answers: carried,
        mut report,
    } = carry(&previous, file, template)?;
    let mut out = mine.clone();
    out.carried_from = carried.carried_from;
    out.carried.clear();
    let answered = |id: &String| mine.items.contains_key(id);
    report.already = carried
        .items
        .keys()
        .chain(carried.carried.keys())
        .filter(|id| answered(id))
        .cloned()
        .collect();
    report.carried.retain(|id| !answered(id));
    report.counted.retain(|id| !answered(id));
    report.review.retain(|(id, _)| !answered(id));
    for (id, a) in carried.items.into_iter().filter(|(id, _)| !answered(id)) {
        out.items.insert(id, a);
    }
    for (id, v) in carried.carried.into_iter().filter(|(id, _)| !answered(id)) {
        out.carried.insert(id, v);
    }
    Ok((out, report))
}

impl CarryReport {
    /// What was done, in one sentence for the page.
    pub fn summary(&self) -> String {
        let mut s = format!(
            "{} carried to confirm, {} N/A or waived carried and counting, {} changed to re-review, {} new, {} removed",
            self.carried.len(),
            self.counted.len(),
            self.review.len(),
            self.added.len(),
            self.removed.len(),
        );
        if !self.already.is_empty() {
            s.push_str(&format!(
                "; {} already answered here kept as they are",
                self.already.len()
            ));
        }
        if !self.removed.is_empty() {
            let listed: Vec<String> = self
                .removed
                .iter()
                .map(|(_, text, status)| format!("\u{201c}{text}\u{201d} ({})", status.as_str()))
                .collect();
            s.push_str(&format!(
                ". Answers to items this release no longer has, not applied: {}",
                listed.join(", ")
            ));
        }
        s.push_str(". Sign-offs never carry: this release is signed again.");
        s
    }
}

impl Answers {
    /// The record these answers were carried from, if they were.
    pub fn carried_from(&self) -> Option<CarriedFrom> {
        serde_json::from_value(self.carried_from.clone()?).ok()
    }

    /// The carried answer of item `id`, waiting to be confirmed, if there is one.
    pub fn carried_item(&self, id: &str) -> Option<Carried> {
        serde_json::from_value(self.carried.get(id)?.clone()).ok()
    }

    /// Whether item `id`'s carried answer waits for a re-review (its content changed): it is
    /// confirmed only on its own. Read without decoding the whole answer.
    pub fn awaits_review(&self, id: &str) -> bool {
        self.carried
            .get(id)
            .is_some_and(|v| v.get("review").is_some())
    }

    /// Carries `c` for item `id`.
    pub fn set_carried(&mut self, id: &str, c: &Carried) {
        if let Ok(v) = serde_json::to_value(c) {
            self.carried.insert(id.to_string(), v);
        }
    }

    /// Confirms the carried answer of item `id` as `who`, at `now`: it becomes the item's answer,
    /// attributed to whoever confirms. A re-review is confirmed only this way, one at a time.
    /// Returns whether there was one.
    pub fn confirm_carried(&mut self, id: &str, who: &Person, now: &str) -> bool {
        let Some(c) = self.carried_item(id) else {
            return false;
        };
        self.carried.remove(id);
        let mut a = c.answer;
        if !who.is_nobody() {
            a.by.push(Attribution {
                person: who.clone(),
                at: now.to_string(),
            });
        }
        a.changed_at = Some(now.to_string());
        self.items.insert(id.to_string(), a);
        true
    }

    /// Confirms every carried answer among `ids` that is not waiting for re-review ("Confirm this
    /// section", "Confirm all carried"); returns how many.
    pub fn confirm_carried_in_bulk<'a>(
        &mut self,
        ids: impl IntoIterator<Item = &'a str>,
        who: &Person,
        now: &str,
    ) -> usize {
        let ready: Vec<String> = ids
            .into_iter()
            .filter(|id| self.carried.contains_key(*id) && !self.awaits_review(id))
            .map(str::to_string)
            .collect();
        ready
            .iter()
            .filter(|id| self.confirm_carried(id, who, now))
            .count()
    }
}
