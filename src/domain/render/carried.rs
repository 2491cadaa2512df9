//! An earlier release's answer drawn under its item (issue 37): what it was, who gave it and
//! when, that it counts as open until someone confirms it, and, for an item whose text changed,
//! the word diff to re-review. The app's "Confirm" buttons act on it; the core draws it, so a row
//! drawn in the browser and one drawn again after an import agree.

use super::writer::{Attr, Html, Tag};
use super::{Facts, Renderer};
use crate::domain::answers::Answers;
use crate::domain::answers::Status;
use crate::domain::carry::{diff_runs, Change};
use crate::domain::model::Checklist;

/// The class of the block drawn under item `i` for its carried answer (`carried`, or `carried
/// review` for an item to re-review) and the block's content, if it has one waiting: what the
/// app inserts into a row drawn before the answer arrived (an import, "Start the next release").
pub fn carried_block(
    checklist: &Checklist,
    answers: &Answers,
    facts: &Facts<'_>,
    i: usize,
) -> Option<(&'static str, String)> {
    let mut r = Renderer {
        c: checklist,
        a: answers,
        f: *facts,
        h: Html::new(),
    };
    let class = r.carried_content(i)?;
    Some((class, r.h.finish()))
}

impl Renderer<'_> {
    /// The carried answer of item `i`, if it has one waiting.
    pub(super) fn carried(&mut self, i: usize) {
        let Some(c) = self.a.carried_item(&self.c.items[i].id) else {
            return;
        };
        let class = if c.review.is_some() {
            "carried review"
        } else {
            "carried"
        };
        self.h.open(Tag::Div, &[(Attr::Class, class)], &[]);
        self.carried_content(i);
        self.h.close();
    }

    /// The content of item `i`'s carried block and its class.
    fn carried_content(&mut self, i: usize) -> Option<&'static str> {
        let it = &self.c.items[i];
        let c = self.a.carried_item(&it.id)?;
        let a = &c.answer;
        let what = match a.status {
            Status::Done => "done".to_string(),
            Status::Na if a.waived => format!("waived: {}", a.reason),
            Status::Na => format!("N/A: {}", a.reason),
            Status::Open => "open".to_string(),
        };
        let who =
            a.by.last()
                .map(|b| format!(" by {}", b.person.label()))
                .unwrap_or_default();
        let when = a
            .changed_at
            .as_deref()
            .map(|t| format!(" on {}", t.get(..10).unwrap_or(t)))
            .unwrap_or_default();
        self.h.open(Tag::P, &[], &[]);
        self.h.text(&format!("Last release: {what}{who}{when}. "));
        if !a.note.is_empty() {
            self.h.text(&format!("Note: {}. ", a.note));
        }
        if let Some(r) = &c.review {
            self.h.text("Changed since: ");
            for (kind, text) in diff_runs(&r.before, &it.plain) {
                match kind {
                    Change::Same => self.h.text(&text),
                    Change::Removed => self.h.element(Tag::Del, &[], &text),
                    Change::Added => self.h.element(Tag::Ins, &[], &text),
                }
                self.h.text(" ");
            }
            self.h
                .text("Re-review it: it is confirmed only on its own. ");
        }
        self.h.text("Counts as open until confirmed.");
        self.h.close();
        let label = format!(
            "Confirm the last release's answer for: {}",
            self.c.item_label(i, self.f.repeated)
        );
        let text = if c.review.is_some() {
            "Confirm after re-review"
        } else {
            "Confirm"
        };
        self.h.element(
            Tag::Button,
            &[
                (Attr::Type, "button"),
                (Attr::Class, "confirm-carried"),
                (Attr::AriaLabel, &label),
            ],
            text,
        );
        Some(if c.review.is_some() {
            "carried review"
        } else {
            "carried"
        })
    }
}
