//! Merging what several people answered to one checklist (exports or answers files that travel as
//! files or in Git): answers are unioned by item id, every key answered differently is a
//! [`Conflict`], and sign-off records are unioned, each kept verbatim. The result does not depend
//! on the order of inputs that do not conflict.

use crate::domain::answers::later_mark;
use crate::domain::answers::{Answers, ItemAnswer, Override, SignOffRecord, ANSWERS_SCHEMA};

/// Which answer wins where two inputs conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prefer {
    /// The earlier input's ("mine": the first file).
    Mine,
    /// The later input's ("theirs").
    Theirs,
    /// The one changed last (`changed_at`, `set_at`); a field has no time, so the later input's.
    Newest,
}

impl Prefer {
    /// Parses `mine`, `theirs` or `newest`.
    pub fn parse(s: &str) -> Option<Prefer> {
        match s {
            "mine" => Some(Prefer::Mine),
            "theirs" => Some(Prefer::Theirs),
            "newest" => Some(Prefer::Newest),
            _ => None,
        }
    }
}

/// What a [`Conflict`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConflictKind {
    /// An item's status, reason, note or evidence.
    Item,
    /// A field (blank).
    Field,
    /// A manual category score.
    Override,
}

/// One item, field or override answered differently by two inputs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// What it is about.
    pub kind: ConflictKind,
    /// Item id, field id, or category name.
    pub key: String,
    /// The earlier input's answer, as text.
    pub mine: String,
    /// The later input's answer, as text.
    pub theirs: String,
}

impl Conflict {
    /// Item id, field id, or `override <category>`, as the CLI lists it.
    pub fn label(&self) -> String {
        match self.kind {
            ConflictKind::Override => format!("override {}", self.key),
            _ => self.key.clone(),
        }
    }
}

/// The merged answers and every conflict met on the way (resolved by the [`Prefer`] given).
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    /// The merge.
    pub answers: Answers,
    /// Conflicts, in the order they were met.
    pub conflicts: Vec<Conflict>,
    /// Answers (items, fields, overrides) a later input added where nothing was answered before.
    pub new: usize,
    /// Answers a later input repeated exactly.
    pub same: usize,
}

/// An item's answer as people read it (with who gave it last, when known).
pub fn describe(a: &ItemAnswer) -> String {
    let mut s = a.status.as_str().to_string();
    for (label, v) in [("reason", &a.reason), ("note", &a.note)] {
        if !v.is_empty() {
            s.push_str(&format!(", {label} {v:?}"));
        }
    }
    if !a.evidence.is_empty() {
        s.push_str(&format!(", evidence {}", a.evidence.join(" ")));
    }
    if let Some(last) = a.by.last() {
        s.push_str(&format!(" (by {}, {})", last.person.label(), last.at));
    }
    s
}

/// Whether two answers say the same (their times and who gave them aside).
pub fn same_answer(a: &ItemAnswer, b: &ItemAnswer) -> bool {
    a.status == b.status && a.reason == b.reason && a.note == b.note && a.evidence == b.evidence
}

/// Of two answers with the same content, the one with the later time, and at the same time the one
/// whose attribution sorts last (so the result does not depend on which input came first). Either
/// is kept whole: its time and who made it stay together, verbatim.
fn later<'a>(a: &'a ItemAnswer, b: &'a ItemAnswer) -> &'a ItemAnswer {
    if (&b.changed_at, &b.by) > (&a.changed_at, &a.by) {
        b
    } else {
        a
    }
}

/// Merges `inputs` in order (the first is "mine", each later one "theirs" to what came before).
pub fn merge_all(inputs: &[Answers], prefer: Prefer) -> Merged {
    let mut answers = inputs.first().cloned().unwrap_or_default();
    answers.schema = ANSWERS_SCHEMA.to_string();
    let mut merged = Merged {
        answers,
        conflicts: Vec::new(),
        new: 0,
        same: 0,
    };
    for next in inputs.iter().skip(1) {
        merge_into(&mut merged, next, prefer);
    }
    merged.answers.signoffs = union_of_records(inputs.iter().flat_map(|a| &a.signoffs));
    merged.answers.set_aside = union_of_records(inputs.iter().flat_map(|a| &a.set_aside));
    keep_set_aside_apart(&mut merged.answers);
    // Answers carried from an earlier release come along, each item's first, until answered.
    merged.answers.carried_from = inputs.iter().find_map(|a| a.carried_from.clone());
    for a in inputs.iter().skip(1) {
        for (id, c) in &a.carried {
            if !merged.answers.carried.contains_key(id) && !merged.answers.items.contains_key(id) {
                merged.answers.carried.insert(id.clone(), c.clone());
            }
        }
    }
    merged.answers.ready = inputs
        .iter()
        .fold(None, |m, a| later_mark(m.as_ref(), a.ready.as_ref()));
    // The target level: the first input's choice, else the first chosen among the others.
    merged.answers.level = inputs.iter().find_map(|a| a.level.clone());
    merged
}

fn merge_into(merged: &mut Merged, theirs: &Answers, prefer: Prefer) {
    let Merged {
        answers: mine,
        conflicts: out,
        new,
        same,
    } = merged;
    for (id, t) in &theirs.items {
        let winner = match mine.items.get(id) {
            None => {
                *new += 1;
                t.clone()
            }
            Some(m) if same_answer(m, t) => {
                *same += 1;
                later(m, t).clone()
            }
            Some(m) => {
                out.push(Conflict {
                    kind: ConflictKind::Item,
                    key: id.clone(),
                    mine: describe(m),
                    theirs: describe(t),
                });
                match prefer {
                    Prefer::Mine => m.clone(),
                    Prefer::Theirs => t.clone(),
                    Prefer::Newest => later(m, t).clone(),
                }
            }
        };
        mine.items.insert(id.clone(), winner);
    }
    for (id, t) in &theirs.fields {
        match mine.fields.get(id) {
            Some(m) if m != t => {
                out.push(Conflict {
                    kind: ConflictKind::Field,
                    key: id.clone(),
                    mine: format!("{m:?}"),
                    theirs: format!("{t:?}"),
                });
                if prefer != Prefer::Mine {
                    mine.fields.insert(id.clone(), t.clone());
                }
            }
            Some(_) => *same += 1,
            None => {
                *new += 1;
                mine.fields.insert(id.clone(), t.clone());
            }
        }
    }
    for (name, t) in &theirs.overrides {
        let winner = match mine.overrides.get(name) {
            None => {
                *new += 1;
                t.clone()
            }
            Some(m) if m.score == t.score && m.reason == t.reason => {
                *same += 1;
                later_override(m, t)
            }
            Some(m) => {
                out.push(Conflict {
                    kind: ConflictKind::Override,
                    key: name.clone(),
                    mine: format!("{} ({:?})", m.score, m.reason),
                    theirs: format!("{} ({:?})", t.score, t.reason),
                });
                match prefer {
                    Prefer::Mine => m.clone(),
                    Prefer::Theirs => t.clone(),
                    Prefer::Newest => later_override(m, t),
                }
            }
        };
        mine.overrides.insert(name.clone(), winner);
    }
}

fn later_override(a: &Override, b: &Override) -> Override {
    if b.set_at > a.set_at {
        b.clone()
    } else {
        a.clone()
    }
}

/// A record's signature, when it is signed.
fn signature(r: &SignOffRecord) -> Option<&str> {
    r.envelope
        .as_ref()
        .and_then(|e| e.signatures.first())
        .map(|s| s.sig.as_str())
}

/// What makes two records one: every part of it, signature included. A copy of a genuine
/// signature under another name, role, date or time is a different record: both are kept, and the
/// one rule (`signoff::standing`) refuses the copy whose signature does not cover what it claims,
/// whatever the order the files came in.
type Identity<'a> = (
    &'a str,
    &'a str,
    &'a str,
    &'a str,
    &'a str,
    &'a str,
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
);

fn identity(r: &SignOffRecord) -> Identity<'_> {
    (
        &r.item,
        &r.name,
        &r.role,
        &r.date,
        &r.signed_at,
        &r.digest,
        r.public_key.as_deref(),
        r.envelope.as_ref().map(|e| e.payload.as_str()),
        signature(r),
    )
}

/// Takes out of `a.signoffs` every record `a.set_aside` holds: one set aside stays history.
pub fn keep_set_aside_apart(a: &mut Answers) {
    if a.set_aside.is_empty() {
        return;
    }
    let aside: Vec<Identity<'_>> = a.set_aside.iter().map(identity).collect();
    let keep: Vec<bool> = a
        .signoffs
        .iter()
        .map(|r| !aside.contains(&identity(r)))
        .collect();
    let mut k = keep.into_iter();
    a.signoffs.retain(|_| k.next().unwrap_or(true));
}

/// Whether `r` is one of `records` (the same signed record).
pub fn holds_record(records: &[SignOffRecord], r: &SignOffRecord) -> bool {
    records.iter().any(|x| identity(x) == identity(r))
}

/// Every sign-off record once, oldest first, each exactly as it came: the one rule for joining
/// record histories, used by `merge` and by the two-tab merge in `session`. Near-linear in the
/// number of records (a hash set of identities, then one sort), so a file of hostile records
/// cannot stall a merge.
pub fn union_of_records<'a>(
    records: impl Iterator<Item = &'a SignOffRecord>,
) -> Vec<SignOffRecord> {
    union_of(records.collect())
}

/// [`union_of_records`]'s body, once in the wasm (with its sort) whatever iterator a caller has.
#[inline(never)]
fn union_of(records: Vec<&SignOffRecord>) -> Vec<SignOffRecord> {
    let mut seen = std::collections::HashSet::new();
    let mut out: Vec<&SignOffRecord> = Vec::new();
    for r in records {
        if seen.insert(identity(r)) {
            out.push(r);
        }
    }
    out.sort_by(|x, y| (&x.signed_at, identity(x)).cmp(&(&y.signed_at, identity(y))));
    out.into_iter().cloned().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::answers::Status;

    fn answer(status: Status, at: &str) -> ItemAnswer {
        ItemAnswer {
            status,
            changed_at: Some(at.to_string()),
            ..ItemAnswer::default()
        }
    }

    #[test]
    fn a_conflict_is_listed_and_resolved_as_asked() {
        let mut a = Answers::default();
        a.items
            .insert("x".into(), answer(Status::Done, "2026-11-22T05:00:00Z"));
        let mut b = Answers::default();
        b.items
            .insert("x".into(), answer(Status::Open, "2026-11-22T04:00:00Z"));
        for (prefer, want) in [
            (Prefer::Mine, Status::Done),
            (Prefer::Theirs, Status::Open),
            (Prefer::Newest, Status::Done),
        ] {
            let m = merge_all(&[a.clone(), b.clone()], prefer);
            assert_eq!(m.conflicts.len(), 1);
            assert_eq!(
                (m.conflicts[0].mine.as_str(), m.conflicts[0].theirs.as_str()),
                ("done", "open")
            );
            assert_eq!(m.answers.items["x"].status, want, "{prefer:?}");
        }
    }

    #[test]
    fn prefer_parses_its_three_words() {
        assert_eq!(Prefer::parse("newest"), Some(Prefer::Newest));
        assert_eq!(Prefer::parse("mine"), Some(Prefer::Mine));
        assert_eq!(Prefer::parse("theirs"), Some(Prefer::Theirs));
        assert_eq!(Prefer::parse("Mine"), None);
    }
}
