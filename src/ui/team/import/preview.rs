//! The preview of an import: counts of new, same and conflicting answers, each conflict with both
//! sides and a choice, the answers for items this checklist does not have, and every incoming
//! sign-off with what its signature says. "Apply" or "Cancel"; nothing changes before.

use std::sync::Arc;

use leptos::prelude::*;

use crate::domain::import::{Preview, SignoffFate, Version};
use crate::domain::merge::{Conflict, ConflictKind};
use crate::domain::model::Checklist;
use crate::domain::signing::{base64_decode, fingerprint, short_fingerprint};

use super::state::ImportState;
use crate::ui::doc::use_doc;

/// What a conflict is about, in the checklist's words.
fn subject(c: &Checklist, k: &Conflict) -> String {
    match k.kind {
        ConflictKind::Item => c
            .items
            .iter()
            .find(|i| i.id == k.key)
            .map_or_else(|| k.key.clone(), |i| i.plain.clone()),
        ConflictKind::Field => c
            .fields
            .iter()
            .find(|f| f.id == k.key)
            .map_or_else(|| k.key.clone(), |f| format!("Field “{}”", f.label)),
        ConflictKind::Override => format!("Score of {}", k.key),
    }
}

fn version_line(v: &Version) -> String {
    match v {
        Version::Same => "Made with this exact checklist (same SHA-256).".to_string(),
        Version::Other { sha256 } => format!(
            "Made with another version of this checklist (SHA-256 {}…): answers follow their items by id.",
            &sha256[..12.min(sha256.len())]
        ),
        Version::Unknown => "An answers file: its answers are matched to this checklist's items by id.".to_string(),
    }
}

fn fate_line(fate: &SignoffFate) -> (&'static str, String) {
    match fate {
        SignoffFate::Added => ("added", "valid sign-off; will be added".to_string()),
        SignoffFate::AlreadyHere => ("already", "already here".to_string()),
        SignoffFate::OtherVersion => (
            "other-version",
            "signed for another version of the checklist; not carried over".to_string(),
        ),
        SignoffFate::Invalid(why) => ("invalid", format!("invalid, not imported: {why}")),
    }
}

/// The preview panel.
#[component]
pub fn PreviewPanel(
    /// What importing would change.
    preview: Arc<Preview>,
) -> impl IntoView {
    let state = expect_context::<ImportState>();
    let doc = use_doc();
    let c = doc.checklist.clone();
    let p = preview;
    let counts = format!(
        "{} new · {} the same · {} in conflict",
        p.new,
        p.same,
        p.conflicts.len()
    );
    let conflicts = p
        .conflicts
        .iter()
        .enumerate()
        .map(|(k, x)| view! { <ConflictRow k=k subject=subject(&c, x) conflict=x.clone()/> })
        .collect_view();
    let signoffs = p
        .signoffs
        .iter()
        .map(|s| {
            let (class, what) = fate_line(&s.fate);
            let key = s
                .record
                .public_key
                .as_deref()
                .and_then(base64_decode)
                .map(|k| format!(" · key {}", short_fingerprint(&fingerprint(&k))))
                .unwrap_or_default();
            view! {
                <li data-fate=class>
                    <strong>{s.record.role.clone()}</strong>
                    {format!(" — {} ({}, signed {}){key}: ", s.record.name, s.record.date, s.record.signed_at)}
                    <span class=class>{what}</span>
                </li>
            }
        })
        .collect_view();
    let has_conflicts = !p.conflicts.is_empty();
    let n = p.conflicts.len();
    let orphans = p.orphans.clone();
    let nothing = p.changes_nothing();
    let apply_doc = doc.clone();
    view! {
        <section class="import-preview banner info" aria-labelledby="preview-title" data-testid="import-preview">
            <h2 id="preview-title">{format!("Answers from {}", p.name)}</h2>
            <p>{version_line(&p.version)}</p>
            <p data-testid="import-counts"><strong>{counts}</strong></p>
            {nothing.then(|| view! { <p>"Nothing new: everything in it is already here."</p> })}
            {(!orphans.is_empty()).then(|| view! {
                <p data-testid="import-orphans">{format!("{} answer{} for items this checklist does not have; kept and listed with the answers for removed items: ", orphans.len(), if orphans.len() == 1 { " is" } else { "s are" })}
                    {orphans.iter().map(|o| view! { <code>{o.clone()}</code>" " }).collect_view()}</p>
            })}
            {has_conflicts.then(|| view! {
                <div class="conflicts">
                    <p>
                        <button type="button" on:click=move |_| state.take_theirs.set(vec![false; n])>"Keep all mine"</button>
                        <button type="button" on:click=move |_| state.take_theirs.set(vec![true; n])>"Take all theirs"</button>
                    </p>
                    <table data-testid="import-conflicts">
                        <thead><tr><th scope="col">"Item"</th><th scope="col">"Here (mine)"</th><th scope="col">"In the file (theirs)"</th></tr></thead>
                        <tbody>{conflicts}</tbody>
                    </table>
                </div>
            })}
            {(!p.signoffs.is_empty()).then(|| view! {
                <h3>"Sign-offs in it"</h3>
                <ul data-testid="import-signoffs">{signoffs}</ul>
            })}
            <p>
                <button type="button" class="primary" data-testid="import-apply" disabled=nothing
                    on:click=move |_| state.apply(&apply_doc)>"Apply"</button>
                " "
                <button type="button" on:click=move |_| state.close()>"Cancel"</button>
            </p>
        </section>
    }
}

/// One conflict: both sides, and which to keep.
#[component]
fn ConflictRow(k: usize, subject: String, conflict: Conflict) -> impl IntoView {
    let state = expect_context::<ImportState>();
    let theirs = move || {
        state
            .take_theirs
            .with(|t| t.get(k).copied().unwrap_or(false))
    };
    let set = move |v: bool| {
        state.take_theirs.update(|t| {
            if let Some(x) = t.get_mut(k) {
                *x = v;
            }
        })
    };
    let name = format!("conflict-{k}");
    view! {
        <tr data-conflict=conflict.key.clone()>
            <th scope="row">{subject}</th>
            <td><label><input type="radio" name=name.clone() prop:checked=move || !theirs() on:change=move |_| set(false)/><span><span class="side">"Keep mine: "</span>{conflict.mine}</span></label></td>
            <td><label><input type="radio" name=name prop:checked=theirs on:change=move |_| set(true)/><span><span class="side">"Take theirs: "</span>{conflict.theirs}</span></label></td>
        </tr>
    }
}
