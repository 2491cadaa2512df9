//! The auditor view's per-role table: each sign-off line's latest signer, key, signers-file name
//! and state under the domain's one rule (current, stale, does not count and why, missing), with
//! keys that signed several roles and notes on records judged by earlier rules.

use leptos::prelude::*;

use crate::domain::audit::Verification;
use crate::domain::signoff::signing::short_fingerprint;
use crate::domain::signoff::standing::LineState;

/// One row per sign-off role of a verified record.
#[component]
pub fn RoleTable(
    /// The verification (its assessment is under the signers file, when one was loaded).
    verification: Verification,
) -> impl IntoView {
    let (Some(a), Some(record)) = (verification.assessment.clone(), verification.record.clone())
    else {
        return ().into_any();
    };
    let rows = verification
        .lines
        .iter()
        .zip(&a.lines)
        .map(|(line, state)| {
            let rec = state.record().and_then(|k| record.signoffs.get(k));
            let key = state
                .record()
                .and_then(|k| a.records.get(k))
                .and_then(|s| s.key.clone());
            let listed = state
                .record()
                .and_then(|k| verification.listed_as.get(k).cloned().flatten());
            let (label, class) = match state {
                LineState::Missing => ("missing".to_string(), "nogo"),
                LineState::Current { .. } => ("current: counts".to_string(), "go"),
                LineState::Stale { .. } => {
                    ("stale: answers changed after signing".to_string(), "nogo")
                }
                LineState::NotCounted { fault, .. } => (format!("does not count: {fault}"), "nogo"),
            };
            view! {
                <tr data-testid="role-row" data-role=line.role.clone()>
                    <th scope="row">{line.role.clone()}</th>
                    <td data-label="Latest signer">{rec.map(|r| format!("{} ({})", r.name, r.signed_at))}</td>
                    <td data-label="Key">{key.map(|k| view! { <code>{short_fingerprint(&k)}</code> })}</td>
                    <td data-label="Listed as">{listed}</td>
                    <td class=class data-label="State" data-testid="role-state">{label}</td>
                </tr>
            }
        })
        .collect_view();
    let shared = a
        .shared
        .iter()
        .map(|k| {
            let effect = if a.shared_blocks {
                " — each role needs its own signer: this blocks GO."
            } else {
                " — allowed by the checklist (shared-signers)."
            };
            view! { <li data-testid="shared-key">{format!("{k}{effect}")}</li> }
        })
        .collect_view();
    let notes = verification
        .notes
        .iter()
        .map(|n| view! { <li data-testid="rules-note">{n.clone()}</li> })
        .collect_view();
    view! {
        <h3>"Sign-off roles"</h3>
        <div class="table-wrap" tabindex="0" role="region" aria-label="Sign-off roles">
            <table class="roles">
                <thead><tr>
                    <th scope="col">"Role"</th><th scope="col">"Latest signer"</th>
                    <th scope="col">"Key"</th><th scope="col">"Listed as"</th><th scope="col">"State"</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <ul class="problems">{shared}{notes}</ul>
    }
    .into_any()
}
