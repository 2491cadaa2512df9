//! Release after release in the live page (issue 37): what each item counts with today (an N/A or
//! waiver whose end date has passed counts as open, by the domain's one rule), and confirming the
//! answers carried from the last release, one, a section's or all of them, each confirmation
//! attributed to whoever confirms.

use super::*;
use crate::domain::answers::lapsed;

impl Doc {
    /// The end date of item `i`'s N/A or waiver when it has lapsed today (the domain's rule).
    fn lapsed_on(&self, i: usize) -> Option<String> {
        let st = self.items[i];
        let status = st.status.get_untracked();
        st.extra
            .with_untracked(|e| lapsed(status, e.until.as_deref(), &self.today).map(str::to_string))
    }

    /// The status item `i` counts with today: open once its N/A or waiver has lapsed.
    pub(super) fn counted(&self, i: usize) -> Status {
        match self.lapsed_on(i) {
            Some(_) => Status::Open,
            None => self.items[i].status.get_untracked(),
        }
    }

    /// Moves item `i` in the tally and its sections' counts from the status it counted with
    /// (`from`) to the one it counts with now, and notes whether its N/A or waiver has lapsed.
    pub(super) fn recount(&self, i: usize, from: Status) {
        let on = self.lapsed_on(i);
        let to = match on {
            Some(_) => Status::Open,
            None => self.items[i].status.get_untracked(),
        };
        self.tally.update(|t| {
            t.change(i, &self.input.items[i], from, to);
            t.set_expired(i, on);
        });
        if from != to {
            for s in counted_in(&self.checklist, &self.input, i) {
                self.section_counts[s].update(|n| n.change(from, to));
            }
        }
    }

    /// The tally of every item as it counts today, lapsed waivers noted.
    pub(super) fn tally_now(&self) -> Tally {
        let mut t = Tally::with_statuses(&self.input, |i| self.counted(i));
        for i in 0..self.items.len() {
            t.set_expired(i, self.lapsed_on(i));
        }
        t
    }

    /// How many answers carried from the last release wait here: (all, of them to re-review).
    pub fn carried_counts(&self) -> (usize, usize) {
        self.orphans.with(|o| {
            let review = o.carried.keys().filter(|id| o.awaits_review(id)).count();
            (o.carried.len(), review)
        })
    }

    /// Whether item `id` has a carried answer waiting.
    pub fn is_carried(&self, id: &str) -> bool {
        self.orphans.with_untracked(|o| o.carried.contains_key(id))
    }

    /// Confirms the carried answers of `ids` as this profile's person, now: one item (a
    /// re-review too) when `one`, else in bulk, where re-reviews are left (the domain's rule).
    /// Returns how many were confirmed.
    pub fn confirm_carried(&self, ids: &[String], one: bool) -> usize {
        let mut answers = self.snapshot();
        let who = crate::ui::platform::profile::person();
        let at = now().to_rfc3339();
        let n = match (one, ids) {
            (true, [id]) => usize::from(answers.confirm_carried(id, &who, &at)),
            _ => answers.confirm_carried_in_bulk(ids.iter().map(String::as_str), &who, &at),
        };
        if n > 0 {
            self.cause.set_value(Cause::Edit);
            self.replace_all(&answers);
            self.flush();
        }
        n
    }
}
