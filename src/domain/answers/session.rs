//! Policy for answers being edited while they also live elsewhere (local storage, another tab):
//! which changes are unsaved, how another tab's save merges with them, what "Clear answers" and its
//! undo do, and whether saved data comes from a newer version. Pure functions, so the browser keeps
//! only signals, timers and storage calls, and every rule here is tested natively.

use std::collections::BTreeSet;

use crate::domain::answers::merge::union_of_records;
use crate::domain::answers::{Answers, ANSWERS_SCHEMA};
use crate::domain::model::Checklist;

/// The dirty key of the manual category scores (item and field ids are their own keys).
pub const OVERRIDES: &str = "overrides";
/// The dirty key of the sign-off records.
pub const SIGNOFFS: &str = "signoffs";
/// The dirty key of the "ready for sign-off" mark.
pub const READY: &str = "ready";
/// The dirty key of the chosen target level.
pub const LEVEL: &str = "level";

/// What changed since the last save: item ids, field ids, [`OVERRIDES`] and [`SIGNOFFS`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dirty(BTreeSet<String>);

impl Dirty {
    /// Marks one key changed.
    pub fn mark(&mut self, key: &str) {
        if !self.0.contains(key) {
            self.0.insert(key.to_string());
        }
    }

    /// Marks every item, field and the overrides changed (after a clear or an undo: every answer
    /// this tab shows must win over what another tab saved before).
    pub fn mark_all(&mut self, checklist: &Checklist) {
        self.0.extend(checklist.items.iter().map(|i| i.id.clone()));
        self.0.extend(checklist.fields.iter().map(|f| f.id.clone()));
        self.0.insert(OVERRIDES.to_string());
        self.0.insert(LEVEL.to_string());
    }

    /// Whether `key` has an unsaved change.
    pub fn contains(&self, key: &str) -> bool {
        self.0.contains(key)
    }

    /// Number of unsaved changes.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Nothing unsaved.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Everything was saved.
    pub fn clear(&mut self) {
        self.0.clear();
    }
}

/// Another tab saved `theirs` while this tab holds `mine` with the unsaved changes `dirty`.
///
/// Every item, field, orphaned answer and the overrides that `dirty` names keep this tab's value;
/// every other one takes theirs (including "no answer": the other tab cleared it). Sign-off records
/// are history and only ever added: the result has every record of both, oldest first.
pub fn merge(mine: &Answers, theirs: &Answers, dirty: &Dirty) -> Answers {
    let mut out = theirs.clone();
    out.schema = ANSWERS_SCHEMA.to_string();
    let keys: BTreeSet<&String> = mine.items.keys().chain(theirs.items.keys()).collect();
    for id in keys.into_iter().filter(|id| dirty.contains(id)) {
        match mine.items.get(id) {
            Some(a) => out.items.insert(id.clone(), a.clone()),
            None => out.items.remove(id),
        };
    }
    let keys: BTreeSet<&String> = mine.fields.keys().chain(theirs.fields.keys()).collect();
    for id in keys.into_iter().filter(|id| dirty.contains(id)) {
        match mine.fields.get(id) {
            Some(v) => out.fields.insert(id.clone(), v.clone()),
            None => out.fields.remove(id),
        };
    }
    if dirty.contains(OVERRIDES) {
        out.overrides = mine.overrides.clone();
    }
    if dirty.contains(READY) {
        out.ready = mine.ready.clone();
    }
    if dirty.contains(LEVEL) {
        out.level = mine.level.clone();
    }
    out.signoffs = union_of_records(mine.signoffs.iter().chain(&theirs.signoffs));
    out.set_aside = union_of_records(mine.set_aside.iter().chain(&theirs.set_aside));
    crate::domain::answers::merge::keep_set_aside_apart(&mut out);
    out
}

/// "Clear answers": no item, field or override answered; sign-off records are history and stay
/// (they turn stale). The answers before are what [`undo_clear`] restores.
pub fn cleared(before: &Answers) -> Answers {
    Answers {
        signoffs: before.signoffs.clone(),
        set_aside: before.set_aside.clone(),
        ready: before.ready.clone(),
        // The target level is a choice about the checklist, not an answer: clearing keeps it.
        level: before.level.clone(),
        ..Answers::default()
    }
}

/// Undoes a clear: the answers from `before` the clear, with every sign-off record made since
/// (`now`) kept as well.
pub fn undo_clear(before: &Answers, now: &Answers) -> Answers {
    Answers {
        signoffs: union_of_records(before.signoffs.iter().chain(&now.signoffs)),
        ..before.clone()
    }
}

/// Whether saved data's schema names a later version of the answers schema than this build's
/// (such data is left untouched: this build neither reads nor overwrites it).
pub fn is_newer_schema(schema: &str) -> bool {
    let version = |s: &str| {
        s.strip_prefix("readiness-answers/")
            .and_then(|v| v.parse::<u32>().ok())
    };
    matches!((version(schema), version(ANSWERS_SCHEMA)), (Some(a), Some(b)) if a > b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newer_schemas_are_recognised() {
        assert!(is_newer_schema("readiness-answers/2"));
        assert!(is_newer_schema("readiness-answers/10"));
        assert!(!is_newer_schema("readiness-answers/1"));
        assert!(!is_newer_schema("readiness-answers/0"));
        assert!(!is_newer_schema("readiness-answers/x"));
        assert!(!is_newer_schema("readiness-audit/2"));
        assert!(!is_newer_schema(""));
    }

    #[test]
    fn dirty_marks_each_key_once() {
        let mut d = Dirty::default();
        d.mark("a");
        d.mark("a");
        d.mark(OVERRIDES);
        assert_eq!(d.len(), 2);
        assert!(d.contains("a") && d.contains(OVERRIDES) && !d.contains("b"));
        d.clear();
        assert!(d.is_empty());
    }
}
