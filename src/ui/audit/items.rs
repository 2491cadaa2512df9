//! The auditor view's list of every item: its status, who answered it and when (each person in
//! order, as their browser claimed and the sign-offs attest), and its details; filtered by person.

use leptos::prelude::*;

use crate::domain::answers::{describe_by, people};
use crate::domain::audit::{waivers, AuditRecord, ItemRecord};

/// Every item of a record, with a filter by the person who answered.
#[component]
pub fn ItemTable(
    /// The record's items.
    items: Vec<ItemRecord>,
) -> impl IntoView {
    let everyone = people(items.iter().map(|i| i.by.as_slice()));
    let chosen = RwSignal::new(None::<usize>);
    let options = everyone
        .iter()
        .enumerate()
        .map(|(k, p)| view! { <option value=k.to_string()>{p.label()}</option> })
        .collect_view();
    let filter = (!everyone.is_empty()).then(|| {
        view! {
            <p>
                <label>"Answered by "
                    <select data-testid="audit-person" on:change=move |ev| chosen.set(event_target_value(&ev).parse().ok())>
                        <option value="">"anyone"</option>
                        {options}
                    </select>
                </label>
            </p>
        }
    });
    let rows = items
        .iter()
        .map(|it| {
            let mut details = Vec::new();
            if !it.reason.is_empty() {
                details.push(format!("N/A: {}", it.reason));
            }
            if !it.note.is_empty() {
                details.push(format!("Note: {}", it.note));
            }
            for e in &it.evidence {
                details.push(format!("Evidence: {e}"));
            }
            for (k, v) in &it.fields {
                if !v.is_empty() {
                    details.push(format!("{k}: {v}"));
                }
            }
            let mine: Vec<usize> = everyone
                .iter()
                .enumerate()
                .filter(|(_, p)| it.by.iter().any(|a| &a.person == *p))
                .map(|(k, _)| k)
                .collect();
            let shown = move || chosen.get().is_none_or(|k| mine.contains(&k));
            view! {
                <tr data-item-id=it.id.clone() hidden=move || !shown()>
                    <td>{it.section.last().cloned().map(|s| format!("{s} › "))}{it.text.clone()}</td>
                    <td>{if it.waived { "na (waived)" } else { it.status.as_str() }}</td>
                    <td data-testid="answered-by">{describe_by(&it.by)}</td>
                    <td>{details.join(" · ")}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        {filter}
        <div class="table-wrap" tabindex="0" role="region" aria-label="Items">
            <table class="items">
                <thead><tr><th scope="col">"Item"</th><th scope="col">"Status"</th><th scope="col">"Answered by"</th><th scope="col">"Details"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// Every N/A or waiver of a record with an end date: the date, and the days left today (or since
/// when it lapsed), soonest first. The verdict judged them on the record's own date.
#[component]
pub fn Waivers(
    /// The record.
    record: AuditRecord,
) -> impl IntoView {
    let today = crate::ui::platform::browser::now().date();
    let list = waivers(&record, &today);
    (!list.is_empty()).then(|| {
        let rows = list
            .into_iter()
            .map(|(id, text, until, left)| {
                let state = match left {
                    l if l < 0 => format!("lapsed {} day{} ago", -l, if l == -1 { "" } else { "s" }),
                    0 => "last day today".to_string(),
                    l => format!("{l} day{} left", if l == 1 { "" } else { "s" }),
                };
                view! {
                    <tr data-testid="audit-waiver" class:expired=left < 0>
                        <td><code>{id}</code></td><td>{text}</td><td>{until}</td><td>{state}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <h3>"Waivers and N/A with an end date"</h3>
            <p class="muted">{format!("Days left as of today, {today}. The record's verdict judged them on its own date; readiness verify --as-of asks about another day.")}</p>
            <table class="waivers">
                <thead><tr><th scope="col">"Item"</th><th scope="col">"Text"</th><th scope="col">"Until"</th><th scope="col">"Today"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        }
    })
}
