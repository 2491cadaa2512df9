//! The filters above the form (open only, critical only, search) and the one test of whether an
//! item passes them.

use std::sync::Arc;

use leptos::prelude::*;

use crate::domain::answers::Status;
use crate::domain::model::Severity;

use crate::ui::doc::Doc;

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

/// While filtering, how many items pass in each section's subtree (empty when no filter is on):
/// the contents show these counts and hide sections without a match, and so do the headings.
#[derive(Clone, Copy)]
pub struct SectionMatches(pub Memo<Arc<Vec<usize>>>);

impl SectionMatches {
    /// Follows the filters over the document's items.
    pub fn new(doc: &Doc, filters: Filters) -> Self {
        let doc = doc.clone();
        SectionMatches(Memo::new(move |_| {
            if !filters.active() {
                return Arc::new(Vec::new());
            }
            let c = &doc.checklist;
            let mut n = vec![0_usize; c.sections.len()];
            for i in 0..c.items.len() {
                if matches(&doc, filters, i) {
                    for s in c.ancestors(c.items[i].section) {
                        n[s] += 1;
                    }
                }
            }
            Arc::new(n)
        }))
    }

    /// Whether section `s` has nothing to show under the current filters.
    pub fn empty(&self, s: usize) -> bool {
        self.0.with(|n| n.get(s).is_some_and(|&k| k == 0))
    }

    /// [`SectionMatches::empty`] without subscribing.
    pub fn empty_untracked(&self, s: usize) -> bool {
        self.0.with_untracked(|n| n.get(s).is_some_and(|&k| k == 0))
    }

    /// Items passing the filters in section `s` (`None` when no filter is on).
    pub fn count(&self, s: usize) -> Option<usize> {
        self.0.with(|n| n.get(s).copied())
    }
}

/// "N items match", or "No items match", while a filter is on.
#[component]
pub fn FilterCount() -> impl IntoView {
    let m = expect_context::<SectionMatches>();
    view! {
        <span class="filter-count" role="status" data-testid="filter-count">
            {move || m.count(0).map(|n| match n {
                0 => "No items match".to_string(),
                1 => "1 item matches".to_string(),
                n => format!("{n} items match"),
            })}
        </span>
    }
}
