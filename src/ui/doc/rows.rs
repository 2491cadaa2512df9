//! Which rows' drawn state is behind the answers. The form is the core's HTML, so nothing redraws
//! a row by itself: every change of an item or a field is logged here, and the form's one effect
//! takes the log and writes those rows in place.

use leptos::prelude::*;

use super::saved::Touched;

/// The log of rows to write, and the trigger the form's effect follows.
#[derive(Clone, Copy)]
pub struct RowLog {
    touched: StoredValue<Vec<Touched>>,
    /// Every row (answers replaced as a whole).
    all: StoredValue<bool>,
    /// Notified on every change logged.
    pub changed: Trigger,
}

/// What to write: every row, or these.
pub enum Rows {
    /// Every row and field drawn.
    All,
    /// Only these items and fields.
    Some(Vec<Touched>),
}

impl RowLog {
    pub(super) fn new() -> Self {
        RowLog {
            touched: StoredValue::new(Vec::new()),
            all: StoredValue::new(false),
            changed: Trigger::new(),
        }
    }

    /// Logs an item or a field whose drawn state is behind.
    pub(super) fn touch(&self, t: Touched) {
        if !self.all.get_value() {
            self.touched.update_value(|v| v.push(t));
        }
        self.changed.notify();
    }

    /// Logs that every row is behind.
    pub(super) fn everything(&self) {
        self.all.set_value(true);
        self.touched.update_value(Vec::clear);
        self.changed.notify();
    }

    /// Takes what is logged (tracking the trigger).
    pub fn take(&self) -> Rows {
        self.changed.track();
        if self.all.get_value() {
            self.all.set_value(false);
            return Rows::All;
        }
        let mut v = Vec::new();
        self.touched.update_value(|t| std::mem::swap(t, &mut v));
        Rows::Some(v)
    }
}
