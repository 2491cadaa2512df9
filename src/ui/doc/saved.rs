//! The answers as they will be saved, kept up to date one touched item or field at a time, so that
//! a save, and the answers digest that sign-offs are checked against, cost what changed rather than
//! a walk over every item's signals.

use std::collections::BTreeMap;
use std::sync::Arc;

use leptos::prelude::*;

use crate::domain::answers::{
    preset_answer, Answers, Attribution, ItemAnswer, Override, Ready, SignOffRecord, Status,
    ANSWERS_SCHEMA,
};
use crate::domain::model::{Checklist, Item};

/// The optional parts of an item's answer.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extra {
    /// N/A reason.
    pub reason: String,
    /// A waived N/A (from a table's `Waived` status).
    pub waived: bool,
    /// The last day the N/A or waiver holds.
    pub until: Option<String>,
    /// Note.
    pub note: String,
    /// Evidence links.
    pub evidence: Vec<String>,
}

impl Extra {
    /// The optional parts of a saved answer (empty when there is none).
    pub fn of(answer: Option<&ItemAnswer>) -> Extra {
        answer
            .map(|a| Extra {
                reason: a.reason.clone(),
                waived: a.waived,
                until: a.until.clone(),
                note: a.note.clone(),
                evidence: a.evidence.clone(),
            })
            .unwrap_or_default()
    }
}

/// When an item's answer last changed and who changed it: saved, never drawn.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Stamp {
    /// When it last changed.
    pub changed_at: Option<String>,
    /// Who changed it, run by run.
    pub by: Vec<Attribution>,
}

impl Stamp {
    /// The stamp of a saved answer (empty when there is none).
    pub fn of(answer: Option<&ItemAnswer>) -> Stamp {
        answer
            .map(|a| Stamp {
                changed_at: a.changed_at.clone(),
                by: a.by.clone(),
            })
            .unwrap_or_default()
    }
}

/// One item's reactive state.
#[derive(Clone, Copy)]
pub struct ItemState {
    /// Status.
    pub status: RwSignal<Status>,
    /// Reason, note, evidence.
    pub extra: RwSignal<Extra>,
}

/// What changed since the cache was last brought up to date.
#[derive(Debug, Clone, Copy)]
pub enum Touched {
    /// Item, by index.
    Item(usize),
    /// Field, by index.
    Field(usize),
}

/// The live answers' sources and the cache built from them (cheap to clone: `Arc`s and signals).
#[derive(Clone)]
pub struct SavedAnswers {
    checklist: Arc<Checklist>,
    items: Arc<Vec<ItemState>>,
    /// When each item last changed and who changed it, by item index.
    pub stamps: StoredValue<Vec<Stamp>>,
    fields: Arc<Vec<RwSignal<String>>>,
    overrides: RwSignal<BTreeMap<String, Override>>,
    signoffs: RwSignal<Vec<SignOffRecord>>,
    ready: RwSignal<Option<Ready>>,
    orphans: RwSignal<Answers>,
    /// The chosen target level (a checklist with level columns).
    pub level: StoredValue<Option<String>>,
    /// `None`: rebuild in full on the next read.
    cache: StoredValue<Option<Answers>>,
    touched: StoredValue<Vec<Touched>>,
}

/// The saved form of one item's answer, or `None` while it is untouched and at what its source
/// says ([`preset_answer`]).
fn item_answer(it: &Item, st: &ItemState, stamp: Stamp) -> Option<ItemAnswer> {
    let extra = st.extra.get_untracked();
    let status = st.status.get_untracked();
    let default = preset_answer(it);
    (stamp.changed_at.is_some()
        || !stamp.by.is_empty()
        || status != default.status
        || extra != Extra::of(Some(&default)))
    .then_some(ItemAnswer {
        status,
        reason: extra.reason,
        waived: extra.waived && status == Status::Na,
        until: extra.until.filter(|_| status == Status::Na),
        note: extra.note,
        evidence: extra.evidence,
        changed_at: stamp.changed_at,
        by: stamp.by,
    })
}

impl SavedAnswers {
    /// The cache over these sources (built on first read).
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        checklist: Arc<Checklist>,
        items: Arc<Vec<ItemState>>,
        stamps: StoredValue<Vec<Stamp>>,
        fields: Arc<Vec<RwSignal<String>>>,
        overrides: RwSignal<BTreeMap<String, Override>>,
        signoffs: RwSignal<Vec<SignOffRecord>>,
        ready: RwSignal<Option<Ready>>,
        orphans: RwSignal<Answers>,
    ) -> Self {
        SavedAnswers {
            checklist,
            items,
            stamps,
            fields,
            overrides,
            signoffs,
            ready,
            orphans,
            level: StoredValue::new(None),
            cache: StoredValue::new(None),
            touched: StoredValue::new(Vec::new()),
        }
    }

    /// Sets the chosen level (the cache follows on its next read).
    pub fn set_level(&self, level: Option<String>) {
        self.level.set_value(level.clone());
        self.cache.update_value(|c| {
            if let Some(a) = c {
                a.level = level;
            }
        });
    }

    /// The checklist.
    pub fn checklist(&self) -> Arc<Checklist> {
        self.checklist.clone()
    }

    /// The manual category scores.
    pub fn overrides(&self) -> RwSignal<BTreeMap<String, Override>> {
        self.overrides
    }

    /// The sign-off records.
    pub fn signoffs(&self) -> RwSignal<Vec<SignOffRecord>> {
        self.signoffs
    }

    /// Notes that an item or field changed.
    pub fn touch(&self, t: Touched) {
        self.touched.update_value(|v| v.push(t));
    }

    /// Every source may have changed (answers replaced wholesale): rebuild on the next read.
    pub fn reset(&self) {
        self.cache.set_value(None);
        self.touched.set_value(Vec::new());
    }

    /// Reads the current answers, bringing the cache up to date first (without subscribing).
    pub fn with<R>(&self, f: impl FnOnce(&Answers) -> R) -> R {
        self.refresh();
        self.cache.with_value(|a| match a {
            Some(a) => f(a),
            None => f(&Answers::default()),
        })
    }

    fn full(&self) -> Answers {
        let mut a = self.orphans.get_untracked();
        a.schema = ANSWERS_SCHEMA.to_string();
        self.stamps.with_value(|stamps| {
            for ((it, st), stamp) in self
                .checklist
                .items
                .iter()
                .zip(self.items.iter())
                .zip(stamps)
            {
                if let Some(answer) = item_answer(it, st, stamp.clone()) {
                    a.items.insert(it.id.clone(), answer);
                }
            }
        });
        for (f, sig) in self.checklist.fields.iter().zip(self.fields.iter()) {
            a.set_field(f, sig.get_untracked());
        }
        a.overrides = self.overrides.get_untracked();
        a.signoffs = self.signoffs.get_untracked();
        a.ready = self.ready.get_untracked();
        a.level = self.level.get_value();
        a
    }

    fn refresh(&self) {
        if self.cache.with_value(Option::is_none) {
            let a = self.full();
            self.cache.set_value(Some(a));
            self.touched.set_value(Vec::new());
            return;
        }
        let touched = std::mem::take(&mut *self.touched.write_value());
        let c = &self.checklist;
        self.cache.update_value(|a| {
            let Some(a) = a else {
                return;
            };
            for t in touched {
                match t {
                    Touched::Item(i) => {
                        let it = &c.items[i];
                        let stamp = self.stamps.with_value(|v| v[i].clone());
                        match item_answer(it, &self.items[i], stamp) {
                            Some(answer) => a.items.insert(it.id.clone(), answer),
                            None => a.items.remove(&it.id),
                        };
                    }
                    Touched::Field(f) => {
                        a.set_field(&c.fields[f], self.fields[f].get_untracked());
                    }
                }
            }
            a.overrides = self.overrides.get_untracked();
            a.signoffs = self.signoffs.get_untracked();
            a.ready = self.ready.get_untracked();
            a.level = self.level.get_value();
        });
    }
}
