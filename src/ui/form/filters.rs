//! The filters above the form (open only, critical only, search) and the one test of whether an
//! item passes them.

use leptos::prelude::*;

use crate::domain::answers::Status;
use crate::domain::model::Severity;

use crate::ui::state::Doc;

/// What the filters show.
#[derive(Clone, Copy)]
pub struct Filters {
    /// Only open items.
    pub open_only: RwSignal<bool>,
    /// Only critical items.
    pub critical_only: RwSignal<bool>,
    /// Text search as typed.
    pub query: RwSignal<String>,
    /// The search, trimmed and lower-cased once per change (not once per item).
    pub(super) needle: Memo<String>,
}

impl Filters {
    /// No filter active.
    pub fn new() -> Self {
        let query = RwSignal::new(String::new());
        Filters {
            open_only: RwSignal::new(false),
            critical_only: RwSignal::new(false),
            query,
            needle: Memo::new(move |_| query.with(|q| q.trim().to_lowercase())),
        }
    }

    /// Whether any filter is on.
    pub fn active(&self) -> bool {
        self.open_only.get() || self.critical_only.get() || !self.query.with(String::is_empty)
    }

    /// [`Filters::active`] without subscribing.
    pub fn active_untracked(&self) -> bool {
        untrack(|| self.active())
    }
}

/// Whether item `i` passes the filters (reads its status signal and the filter signals).
pub(super) fn matches(doc: &Doc, filters: Filters, i: usize) -> bool {
    let it = &doc.checklist.items[i];
    if filters.open_only.get() && doc.items[i].status.get() != Status::Open {
        return false;
    }
    if filters.critical_only.get() && it.severity != Severity::Critical {
        return false;
    }
    filters
        .needle
        .with(|q| q.is_empty() || it.plain.to_lowercase().contains(q.as_str()))
}
