//! The list of what changed in a checklist between two versions: shown by the auditor view (a
//! record against today's template) and by a checklist opened from a URL whose source changed
//! since the answers were saved.

use leptos::prelude::*;

use crate::domain::audit::Drift;

/// Each added, removed and changed item, with its id.
#[component]
pub fn DriftList(
    /// What changed.
    drift: Drift,
) -> impl IntoView {
    view! {
        <ul>
            {drift.added.into_iter().map(|(id, t)| view! { <li class="added">"Added: "{t}" "<code>{id}</code></li> }).collect_view()}
            {drift.removed.into_iter().map(|(id, t)| view! { <li class="removed">"Removed: "{t}" "<code>{id}</code></li> }).collect_view()}
            {drift.changed.into_iter().map(|(old, _, what)| view! { <li class="changed">"Changed: "<code>{old}</code>" "{what}</li> }).collect_view()}
        </ul>
    }
}

/// "N added, M removed, K changed."
pub fn drift_counts(d: &Drift) -> String {
    format!(
        "{} added, {} removed, {} changed.",
        d.added.len(),
        d.removed.len(),
        d.changed.len()
    )
}
