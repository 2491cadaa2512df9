//! Saving a `Doc`: within 300 ms of a change, flushed when the page is hidden or left, merged with
//! another tab's save, and cleared with undo, each as the domain's session policy decides (split
//! from `mod.rs` so the live state and its saving read apart).

use super::*;

impl Doc {
    /// Whether saving is allowed at all.
    fn writable(&self) -> bool {
        !matches!(self.save.get_untracked(), SaveStatus::Disabled(_))
    }

    pub(super) fn schedule_save(&self) {
        if !self.writable() || self.pending.get_value() {
            return;
        }
        self.pending.set_value(true);
        if !matches!(self.save.get_untracked(), SaveStatus::Failed(_)) {
            self.save.set(SaveStatus::Pending);
        }
        let doc = self.clone();
        set_timeout(move || doc.flush(), SAVE_DELAY);
    }

    /// Writes pending changes now (also called on `pagehide` and when the page is hidden).
    pub fn flush(&self) {
        self.flush_with(true);
    }

    /// Writes pending changes as the page is left: the page is being taken down, so nothing on it
    /// is updated (a save status set now would wake views whose state is already gone).
    pub fn flush_on_leave(&self) {
        self.flush_with(false);
    }

    pub(super) fn flush_with(&self, show: bool) {
        // The save timer can outlive the page (left within 300 ms of an edit): the page's cleanup
        // has written everything by then, and its state is gone, so there is nothing to do.
        if self.pending.try_get_value() != Some(true) || !self.writable() {
            return;
        }
        self.pending.set_value(false);
        // User Timing: the save's main-thread time shows in DevTools and in the browser benchmark.
        crate::ui::platform::perf::measure("readiness:save", || self.write(show));
    }

    /// Writes the answers and the landing page's progress; `show` sets the save status.
    pub(super) fn write(&self, show: bool) {
        let key = storage::answers_key(&self.id);
        match self.saved.with(|a| storage::set_json(&key, a)) {
            Ok(()) => {
                self.dirty.update_value(Dirty::clear);
                let saved_at = now().to_rfc3339();
                let b = self.breakdown.get_untracked();
                let (done, applicable) = b.progress();
                let meta = Meta {
                    saved_at: saved_at.clone(),
                    done,
                    applicable,
                    score_centi: b.score_centi,
                    go: b.verdict.is_go(),
                };
                let _ = storage::set_json(&storage::meta_key(&self.id), &meta);
                if show {
                    self.save.set(SaveStatus::Saved(saved_at));
                    self.refresh_code();
                }
            }
            Err(e) if show => self.save.set(SaveStatus::Failed(e.to_string())),
            Err(_) => {}
        }
    }

    /// Another tab saved this document: take its answers, keeping this tab's unsaved changes.
    pub fn merge_remote(&self, raw: &str) {
        let Ok(remote) = Answers::from_json(raw) else {
            self.notice.set(Some(
                "Another tab saved answers this version cannot read; yours are kept.".to_string(),
            ));
            return;
        };
        let dirty = self.dirty.get_value();
        self.cause.set_value(Cause::OtherTab);
        let merged = self.saved.with(|mine| merge(mine, &remote, &dirty));
        self.apply(&merged);
        if self.rebuild_for_other_tab() {
            return;
        }
        if dirty.is_empty() {
            self.notice.set(Some(
                "Updated with changes made in another tab.".to_string(),
            ));
        } else {
            self.notice.set(Some(format!(
                "Merged changes from another tab; your {} unsaved change{} kept.",
                dirty.len(),
                if dirty.len() == 1 { " was" } else { "s were" }
            )));
            self.pending.set_value(false);
            self.schedule_save();
        }
    }

    /// Clears every answer (the previous ones are kept for undo; sign-off records stay).
    pub fn clear(&self) {
        self.cause.set_value(Cause::Clear);
        let before = self.snapshot();
        self.apply(&cleared(&before));
        self.undo.set(Some(before));
        self.mark_all_dirty();
        self.notice.set(Some("Answers cleared.".to_string()));
    }

    /// Restores the answers from before the last clear (keeping sign-offs recorded since).
    pub fn undo_clear(&self) {
        if let Some(before) = self.undo.get_untracked() {
            self.apply(&undo_clear(&before, &self.snapshot()));
            self.undo.set(None);
            self.mark_all_dirty();
            self.notice.set(Some("Answers restored.".to_string()));
        }
    }

    pub(super) fn mark_all_dirty(&self) {
        let c = &self.checklist;
        self.dirty.update_value(|d| d.mark_all(c));
        self.schedule_save();
    }
}
