//! The target level in the live page: what counts follows from it (`Doc::input`), so a new level,
//! chosen here or arriving with imported or another tab's answers, is saved and the page is built
//! again from the saved answers. The rule itself is the domain's (`domain::levels`).

use leptos::prelude::*;

use crate::domain::answers::session::LEVEL;

use super::Doc;

impl Doc {
    /// Chooses the target level: saved at once, and the page built again.
    pub fn set_level(&self, level: String) {
        if self.level.as_deref() == Some(level.as_str()) {
            return;
        }
        self.saved.set_level(Some(level));
        self.changed(LEVEL);
        self.level_moved.set_value(true);
        self.rebuild_if_level_moved();
    }

    /// After answers with another level are in: save them now and build the page again.
    pub(super) fn rebuild_if_level_moved(&self) {
        if self.level_moved.get_value() {
            self.level_moved.set_value(false);
            self.flush();
            self.reload.update(|n| *n += 1);
        }
    }

    /// After another tab's answers with another level: build the page again from what that tab
    /// saved (nothing to save here). Whether it will be.
    pub(super) fn rebuild_for_other_tab(&self) -> bool {
        let moved = self.level_moved.get_value();
        if moved {
            self.level_moved.set_value(false);
            self.reload.update(|n| *n += 1);
        }
        moved
    }
}
