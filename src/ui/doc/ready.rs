//! Answers handed over for signing: their code, the "ready for sign-off" mark, and the question
//! asked before the first change to answers marked ready (naming the sign-offs it makes stale).
//! The rules are the domain's (`domain::ready`); this is their place in the live page.

use leptos::prelude::*;

use crate::domain::answers::digest::answers_digest;
use crate::domain::answers::session::READY;
use crate::domain::answers::Ready;
use crate::domain::signoff::ready::{at_risk, change_question, code, line_names};

use super::Doc;
use crate::ui::platform::browser::now;
use crate::ui::platform::profile;

impl Doc {
    /// The answers digest now.
    pub fn digest(&self) -> String {
        self.saved.with(|a| answers_digest(&self.checklist, a))
    }

    /// Brings [`Doc::code`] up to date with the answers.
    pub(super) fn refresh_code(&self) {
        let now_code = code(&self.digest());
        if self.code.get_untracked() != now_code {
            self.code.set(now_code);
        }
    }

    /// Marks the current answers ready for sign-off, by this profile's person.
    pub fn mark_ready(&self) {
        let digest = self.digest();
        self.ready.set(Some(Ready::new(
            &digest,
            &profile::person(),
            now(),
            line_names(&self.lines),
        )));
        self.code.set(code(&digest));
        self.dirty.update_value(|d| d.mark(READY));
        self.schedule_save();
    }

    /// Whether the "ready" mark holds for the answers as they are.
    pub fn ready_holds(&self) -> bool {
        self.ready
            .with_untracked(|r| r.as_ref().map(|r| r.digest.clone()))
            .is_some_and(|d| d == self.digest())
    }

    /// Asked before a change of the answers: while they are marked ready, the person is asked once
    /// (naming every sign-off the change makes stale) and `false` means they chose not to change.
    pub fn may_change(&self) -> bool {
        let Some(mark) = self.ready.get_untracked() else {
            return true;
        };
        if self
            .edit_agreed
            .with_value(|a| a.as_deref() == Some(&mark.digest))
        {
            return true;
        }
        if !self.ready_holds() {
            self.edit_agreed.set_value(Some(mark.digest));
            return true;
        }
        let risk = self
            .assessment
            .with_untracked(|a| self.signoffs.with_untracked(|r| at_risk(&self.lines, a, r)));
        let question = change_question(&mark, &line_names(&self.lines), &risk);
        let yes = web_sys::window()
            .and_then(|w| w.confirm_with_message(&question).ok())
            .unwrap_or(true);
        if yes {
            self.edit_agreed.set_value(Some(mark.digest));
        }
        yes
    }
}
