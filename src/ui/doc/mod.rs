//! The live state of one open checklist: a signal per item (so a toggle re-renders that item and
//! the summary only), the incremental score tally, and saving that never loses an answer:
//! every change is written within 300 ms, flushed when the page is hidden, merged with other tabs.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Deref;
use std::sync::Arc;
use std::time::Duration;

use leptos::prelude::*;

use crate::domain::answers::digest::answers_digest;
use crate::domain::answers::session::{cleared, merge, undo_clear, Dirty, OVERRIDES, SIGNOFFS};
use crate::domain::answers::{attribute, Answers, Override, Ready, SignOffRecord, Status};
use crate::domain::model::Checklist;
use crate::domain::score::{
    counted_in, section_counts, unscored_sections, Breakdown, Counts, ScoreInput, Tally,
};
use crate::domain::signoff::signers::Signers;
use crate::domain::signoff::signing::{signature_check, Precomputed};
use crate::domain::signoff::standing::{lines_of, Assessment, Line, Rules};

mod level;
mod ready;
mod release;
pub mod rows;
mod save;
pub mod saved;
mod verdict;

use crate::ui::platform::browser::now;
use crate::ui::platform::storage::{self, Meta};
pub use rows::{RowLog, Rows};
pub use saved::{Extra, ItemState, Touched};
use saved::{SavedAnswers, Stamp};
use verdict::verdict_memos;

/// How long a change may wait before it is written.
const SAVE_DELAY: Duration = Duration::from_millis(300);

/// The document of the checklist page being shown, provided once by the page
/// (`doc_page::DocView`) for every component under it.
pub fn use_doc() -> Doc {
    expect_context::<Doc>()
}

/// Where saving stands.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveStatus {
    /// Everything is saved (at this time).
    Saved(String),
    /// A save is scheduled.
    Pending,
    /// The last save failed: answers live in memory only.
    Failed(String),
    /// Saving is off for this document (data from a newer version, or unsafe to overwrite).
    Disabled(String),
}

/// A checklist with its live answers.
#[derive(Clone)]
pub struct Doc(Arc<DocInner>);

impl Deref for Doc {
    type Target = DocInner;
    fn deref(&self) -> &DocInner {
        &self.0
    }
}

/// What last changed the answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cause {
    /// An edit on this page.
    Edit,
    /// An import ("Open answers…" or a share link): whether it changed the answers (else a line
    /// went stale because a newer sign-off of it, over other answers, came in).
    Import {
        /// The answers' digest differs from before the import.
        answers_changed: bool,
    },
    /// Another tab's save.
    OtherTab,
    /// "Clear answers".
    Clear,
}

/// See [`Doc`].
pub struct DocInner {
    /// Storage id (`c:<file>` or `l:<hash>`).
    pub id: String,
    /// The parsed checklist.
    pub checklist: Arc<Checklist>,
    /// Fixed scoring facts (role, category, criticality) per item.
    pub input: Arc<ScoreInput>,
    /// Per section: outside the score table (its readiness items do not move the score).
    pub unscored: Arc<Vec<bool>>,
    /// Item texts that more than one item has (their labels out of context name a parent).
    pub repeated: Arc<std::collections::HashSet<String>>,
    /// Per-item state.
    pub items: Arc<Vec<ItemState>>,
    /// Field values.
    pub fields: Arc<Vec<RwSignal<String>>>,
    /// Manual category scores.
    pub overrides: RwSignal<BTreeMap<String, Override>>,
    /// Sign-off records.
    pub signoffs: RwSignal<Vec<SignOffRecord>>,
    /// The "ready for sign-off" mark.
    pub ready: RwSignal<Option<Ready>>,
    /// The code of the answers as last saved (`ready::code`), brought up to date with each save.
    pub code: RwSignal<String>,
    /// What last changed the answers (the stale banner says so).
    pub cause: StoredValue<Cause>,
    /// The mark whose change the person already agreed to (its digest): asked once per mark.
    edit_agreed: StoredValue<Option<String>>,
    /// The checklist's signers file: with one, only records whose key it lists for their role
    /// count.
    pub signers: RwSignal<Option<Arc<Signers>>>,
    /// What the page keeps without drawing it ([`Answers::kept_unshown`]): answers whose item or
    /// field the checklist no longer has (kept, listed, exported) and the sign-offs set aside.
    pub orphans: RwSignal<Answers>,
    /// Counts for the score, updated by delta.
    pub tally: RwSignal<Tally>,
    /// Per-section counts (sign-offs aside), updated by delta: a toggle notifies only the
    /// sections above its item.
    pub section_counts: Arc<Vec<RwSignal<Counts>>>,
    /// Bumped on every change of the answers (not of sign-offs).
    pub revision: RwSignal<u64>,
    /// Rows whose drawn state is behind the answers (the form writes them in place).
    pub rows: RowLog,
    /// Score and verdict.
    pub breakdown: Memo<Breakdown>,
    /// Ids of sign-off items whose sign-off counts (the domain's one rule).
    pub signed: Memo<BTreeSet<String>>,
    /// The sign-off lines, in document order.
    pub lines: Arc<Vec<Line>>,
    /// Every sign-off record's standing and every line's state under the domain's one rule.
    pub assessment: Memo<Assessment>,
    /// WebCrypto's answers for the records' signatures, filled in as records arrive.
    pub verified: RwSignal<Precomputed>,
    /// Saving state.
    pub save: RwSignal<SaveStatus>,
    /// A message for the user (tab sync, clear/undo).
    pub notice: RwSignal<Option<String>>,
    /// Answers before the last "Clear answers", for undo.
    pub undo: RwSignal<Option<Answers>>,
    pending: StoredValue<bool>,
    dirty: StoredValue<Dirty>,
    /// The answers as saved, kept up to date per touched item or field.
    saved: SavedAnswers,
    /// The target level in force (a checklist with level columns): fixed for this document, since
    /// what counts (`input`) follows from it.
    pub level: Option<String>,
    /// The day N/A and waivers are judged on (`YYYY-MM-DD`, UTC, as an export made now): fixed
    /// when the page is built.
    pub today: String,
    /// Bumped to build the page again from the saved answers (after the level changes).
    reload: RwSignal<u64>,
    /// Answers applied with another level: the page is built again once they are saved.
    level_moved: StoredValue<bool>,
}

impl Doc {
    /// Builds the live state of `checklist` from saved `answers`.
    pub fn new(
        id: String,
        checklist: Arc<Checklist>,
        answers: &Answers,
        signers: Option<Arc<Signers>>,
        reload: RwSignal<u64>,
    ) -> Doc {
        let c = checklist.clone();
        let lines = Arc::new(lines_of(&c));
        // Fixed scoring facts only: the sign-offs are judged live (`verdict_memos`).
        let today = now().date();
        let input = Arc::new(ScoreInput::judged(
            &c,
            answers,
            &lines,
            &Assessment::default(),
            &today,
        ));
        let unscored = Arc::new(unscored_sections(&c, &input));
        let repeated = Arc::new(c.repeated_texts());
        // When each item last changed and who changed it are saved but never drawn: one store for
        // all items rather than one reactive node each. Both come from one pass over the answers.
        let (items, stamps): (Vec<ItemState>, Vec<Stamp>) = c
            .items
            .iter()
            .enumerate()
            .map(|(i, it)| {
                let a = answers.answer(&c, i);
                let state = ItemState {
                    status: RwSignal::new(a.status),
                    extra: RwSignal::new(Extra::of(Some(&a))),
                };
                (state, Stamp::of(answers.items.get(&it.id)))
            })
            .unzip();
        let items = Arc::new(items);
        let stamps = StoredValue::new(stamps);
        let fields: Arc<Vec<RwSignal<String>>> = Arc::new(
            c.fields
                .iter()
                .map(|f| RwSignal::new(answers.field_value(f).to_string()))
                .collect(),
        );
        let orphans = RwSignal::new(answers.kept_unshown(&c));
        let overrides = RwSignal::new(answers.overrides.clone());
        let signoffs = RwSignal::new(answers.signoffs.clone());
        let ready = RwSignal::new(answers.ready.clone());
        let tally = RwSignal::new(Tally::new(&input));
        let section_counts = Arc::new(
            section_counts(&c, &input, |i| input.items[i].counted())
                .into_iter()
                .map(RwSignal::new)
                .collect(),
        );
        let revision = RwSignal::new(0_u64);
        let saved = SavedAnswers::new(
            c.clone(),
            items.clone(),
            stamps,
            fields.clone(),
            overrides,
            signoffs,
            ready,
            orphans,
        );
        saved.set_level(answers.level.clone());
        let level = answers.level(&c).map(str::to_string);
        let signers = RwSignal::new(signers);
        let verified = RwSignal::new(Precomputed::default());
        let (breakdown, signed, assessment) =
            verdict_memos(&input, &lines, signers, verified, &saved, revision, tally);
        let doc = Doc(Arc::new(DocInner {
            id,
            signed,
            lines,
            assessment,
            verified,
            checklist,
            input,
            unscored,
            repeated,
            items,
            fields,
            overrides,
            signoffs,
            ready,
            code: RwSignal::new(crate::domain::signoff::ready::code(&answers_digest(
                &c, answers,
            ))),
            edit_agreed: StoredValue::new(None),
            cause: StoredValue::new(Cause::Edit),
            signers,
            orphans,
            tally,
            section_counts,
            revision,
            rows: RowLog::new(),
            breakdown,
            save: RwSignal::new(SaveStatus::Saved(String::new())),
            notice: RwSignal::new(None),
            undo: RwSignal::new(None),
            pending: StoredValue::new(false),
            dirty: StoredValue::new(Dirty::default()),
            saved,
            level,
            today,
            reload,
            level_moved: StoredValue::new(false),
        }));
        doc.check_signatures();
        doc
    }

    /// Checks with WebCrypto every record's signature not checked yet, in the background; the
    /// assessment follows.
    pub fn check_signatures(&self) {
        let doc = self.clone();
        leptos::task::spawn_local(async move { doc.signatures_checked().await });
    }

    /// Checks with WebCrypto every record's signature not checked yet, and returns once all are:
    /// what an export waits for, so a record just signed is never left out as unchecked.
    pub async fn signatures_checked(&self) {
        let wanted: Vec<_> = self.signoffs.with_untracked(|r| {
            self.verified.with_untracked(|v| {
                r.iter()
                    .filter_map(|r| signature_check(r.public_key.as_deref(), r.envelope.as_ref()))
                    .filter(|c| !v.0.contains_key(c))
                    .collect()
            })
        });
        if wanted.is_empty() {
            return;
        }
        let mut results = Vec::with_capacity(wanted.len());
        for check in wanted {
            let ok = crate::ui::platform::crypto::verify(&check).await;
            results.push((check, ok));
        }
        // The page may have been left while WebCrypto answered.
        let _ = self.verified.try_update(|v| v.0.extend(results));
    }

    /// The judging rules in force here now: WebCrypto's answers, the clock, the signers file.
    pub fn with_rules<T>(&self, f: impl FnOnce(&Rules<'_>) -> T) -> T {
        self.verified.with_untracked(|v| {
            self.signers.with_untracked(|s| {
                f(&Rules {
                    verifier: v,
                    as_of: now(),
                    signers: s.as_deref(),
                })
            })
        })
    }

    /// Item `i`'s text out of context: with its parent or section when another item has the same.
    pub fn label(&self, i: usize) -> String {
        self.checklist.item_label(i, &self.repeated)
    }

    /// The current answers, read without subscribing.
    pub fn snapshot(&self) -> Answers {
        self.saved.with(Answers::clone)
    }

    /// Reads the current answers without copying them (rendering a chunk of the form).
    pub fn with_answers<T>(&self, f: impl FnOnce(&Answers) -> T) -> T {
        self.saved.with(f)
    }

    fn changed(&self, key: &str) {
        self.cause.set_value(Cause::Edit);
        self.revision.update(|r| *r += 1);
        self.dirty.update_value(|d| d.mark(key));
        self.schedule_save();
    }

    /// Sets an item's status (an N/A needs its reason already in `extra`).
    pub fn set_status(&self, i: usize, to: Status) {
        let st = self.items[i];
        if st.status.get_untracked() == to {
            return;
        }
        let counted = self.counted(i);
        st.status.set(to);
        if st.extra.with_untracked(|e| e.waived) {
            st.extra.update(|e| e.waived = false);
        }
        if to != Status::Na && st.extra.with_untracked(|e| e.until.is_some()) {
            st.extra.update(|e| e.until = None);
        }
        self.recount(i, counted);
        self.stamp(i);
        self.saved.touch(Touched::Item(i));
        self.rows.touch(Touched::Item(i));
        self.changed(&self.checklist.items[i].id);
    }

    /// Notes that this profile's person changed item `i` now; an answer back where the checklist
    /// left it that only they touched is no answer again (the domain's `settles`).
    fn stamp(&self, i: usize) {
        let at = now();
        let who = crate::ui::platform::profile::person();
        let st = self.items[i];
        let (status, extra) = (st.status.get_untracked(), st.extra.get_untracked());
        self.saved.stamps.update_value(|v| {
            v[i].changed_at = Some(at.to_rfc3339());
            attribute(&mut v[i].by, &who, at);
            let now_answered = crate::domain::answers::ItemAnswer {
                status,
                reason: extra.reason,
                waived: extra.waived,
                until: extra.until,
                note: extra.note,
                evidence: extra.evidence,
                changed_at: None,
                by: v[i].by.clone(),
            };
            if crate::domain::answers::settles(&self.checklist.items[i], &now_answered) {
                v[i] = Default::default();
            }
        });
    }

    /// Changes an item's reason, end date, note or evidence.
    pub fn update_extra(&self, i: usize, f: impl FnOnce(&mut Extra)) {
        let st = self.items[i];
        let counted = self.counted(i);
        st.extra.update(f);
        self.recount(i, counted);
        self.stamp(i);
        self.saved.touch(Touched::Item(i));
        self.rows.touch(Touched::Item(i));
        self.changed(&self.checklist.items[i].id);
    }

    /// Sets a field's value.
    pub fn set_field(&self, f: usize, value: String) {
        if self.fields[f].get_untracked() == value {
            return;
        }
        let status = crate::domain::answers::answer_status(&value);
        self.fields[f].set(value);
        self.saved.touch(Touched::Field(f));
        self.rows.touch(Touched::Field(f));
        self.changed(&self.checklist.fields[f].id);
        // An answer column's field decides its row's status (the domain's rule).
        let c = self.checklist.clone();
        if let Some(i) = c.fields[f].item.filter(|&i| c.items[i].answer == Some(f)) {
            if status == Status::Na {
                self.update_extra(i, |e| e.reason = "answered N/A".to_string());
            }
            self.set_status(i, status);
        }
    }

    /// Sets or clears a manual category score.
    pub fn set_override(&self, category: &str, value: Option<Override>) {
        self.overrides.update(|o| match value {
            Some(v) => {
                o.insert(category.to_string(), v);
            }
            None => {
                o.remove(category);
            }
        });
        self.changed(OVERRIDES);
    }

    /// A sign-off record for item `i` with the current answers digest (not yet signed or kept).
    pub fn prepare_signoff(&self, i: usize, name: String, date: String) -> Option<SignOffRecord> {
        let it = &self.checklist.items[i];
        let spec = it.signoff.as_ref()?;
        let digest = self.saved.with(|a| answers_digest(&self.checklist, a));
        Some(SignOffRecord {
            item: it.id.clone(),
            role: spec.role.clone(),
            name,
            date,
            signed_at: now().to_rfc3339(),
            digest,
            public_key: None,
            envelope: None,
        })
    }

    /// Keeps a sign-off record (appended: earlier records stay).
    pub fn push_signoff(&self, record: SignOffRecord) {
        self.signoffs.update(|s| s.push(record));
        self.check_signatures();
        self.dirty.update_value(|d| d.mark(SIGNOFFS));
        self.schedule_save();
    }

    /// Shows `answers` (already merged or cleared by the domain's policy): every item, field,
    /// override, sign-off record and orphan is set from it.
    pub fn apply(&self, answers: &Answers) {
        let c = &self.checklist;
        self.saved.reset();
        // Before anything reads the answers again (the code below does): the saved answers are
        // rebuilt from it.
        self.orphans.set(answers.kept_unshown(c));
        for (i, it) in c.items.iter().enumerate() {
            let st = self.items[i];
            let a = answers.answer(c, i);
            let status = a.status;
            if st.status.get_untracked() != status {
                st.status.set(status);
            }
            let extra = Extra::of(Some(&a));
            if st.extra.get_untracked() != extra {
                st.extra.set(extra);
            }
            self.saved
                .stamps
                .update_value(|v| v[i] = Stamp::of(answers.items.get(&it.id)));
        }
        for (f, field) in c.fields.iter().enumerate() {
            let v = answers.field_value(field).to_string();
            if self.fields[f].get_untracked() != v {
                self.fields[f].set(v);
            }
        }
        self.overrides.set(answers.overrides.clone());
        self.signoffs.set(answers.signoffs.clone());
        self.ready.set(answers.ready.clone());
        self.saved.set_level(answers.level.clone());
        if answers.level(c) != self.level.as_deref() {
            self.level_moved.set_value(true);
        }
        self.refresh_code();
        self.check_signatures();
        self.tally.set(self.tally_now());
        let counts = section_counts(c, &self.input, |i| self.counted(i));
        for (sig, n) in self.section_counts.iter().zip(counts) {
            if sig.get_untracked() != n {
                sig.set(n);
            }
        }
        self.rows.everything();
        self.revision.update(|r| *r += 1);
    }

    /// Takes over what was entered on the checklist's static page before the app started, as if it
    /// had been entered here (saved the same way).
    pub fn take_entries(&self, entered: crate::ui::platform::prerender::Harvest) {
        let c = self.checklist.clone();
        for id in entered.done {
            if let Some(i) = c.items.iter().position(|it| it.id == id) {
                if self.items[i].status.get_untracked() == Status::Open {
                    self.set_status(i, Status::Done);
                }
            }
        }
        for (id, value) in entered.fields {
            if let Some(f) = c.fields.iter().position(|x| x.id == id) {
                self.set_field(f, value);
            }
        }
    }

    /// Replaces every answer with `answers` (an import, or its undo), saved as any change is.
    pub fn replace_all(&self, answers: &Answers) {
        self.apply(answers);
        self.mark_all_dirty();
        self.rebuild_if_level_moved();
    }
}
