//! The preview of an import of one file or a team's files: per file who it came from, what it adds
//! and the code of its answers; counts of new, same and conflicting answers; each conflict with all
//! its sides and a choice; the answers for items this checklist does not have; every incoming
//! sign-off with what its signature says; and, for the sides chosen, which sign-offs will count and
//! which the import makes stale. "Apply" or "Cancel"; nothing changes before.

use std::sync::Arc;

use leptos::prelude::*;

use crate::domain::answers::merge::ConflictKind;
use crate::domain::import::{Clash, FilePart, Preview, SignoffFate, Version};
use crate::domain::model::Checklist;
use crate::domain::signoff::signing::{base64_decode, fingerprint, short_fingerprint};

use super::state::ImportState;
use crate::ui::doc::use_doc;

/// What a conflict is about, in the checklist's words.
fn subject(c: &Checklist, k: &Clash) -> String {
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

fn version_line(f: &FilePart) -> String {
    match &f.version {
        Version::Unknown if f.name == super::state::SHARE_LINK => {
            "Carried by a share link: its answers are matched to this checklist's items by id.".to_string()
        }
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
        SignoffFate::Added => (
            "added",
            "valid sign-off; will be added, with the name and date on its line".to_string(),
        ),
        SignoffFate::AlreadyHere => ("already", "already here".to_string()),
        SignoffFate::SetAside => (
            "set-aside",
            "set aside here at an earlier import: stays history only".to_string(),
        ),
        SignoffFate::OtherVersion => (
            "other-version",
            "signed for another version of the checklist; not carried over".to_string(),
        ),
        SignoffFate::Invalid(why) => ("invalid", format!("invalid, not imported: {why}")),
    }
}

/// One file's line: its name, version, who answered in it, what it adds, its code.
fn file_line(f: &FilePart) -> String {
    let who = if f.people.is_empty() {
        String::new()
    } else {
        let names: Vec<String> = f.people.iter().map(|p| p.label()).collect();
        format!(" · answered by {}", names.join(", "))
    };
    let ready = f
        .ready
        .as_ref()
        .map(|r| format!(" · marked ready at {}", r.code()))
        .unwrap_or_default();
    // A sign-off line's own name and date come with its sign-off, not as answers.
    format!(
        "{}: {} · {} the same{who} · answers {}{ready}",
        f.name,
        adds(f.new - f.new_signoff_blanks),
        f.same,
        f.code
    )
}

/// "adds 68 answers".
fn adds(n: usize) -> String {
    format!("adds {n} answer{}", if n == 1 { "" } else { "s" })
}

/// Where a side of a conflict comes from, as its label says it.
fn side_label(p: &Preview, from: &[Option<usize>]) -> String {
    if from.contains(&None) {
        return "Keep mine".to_string();
    }
    if p.files.len() == 1 {
        return "Take theirs".to_string();
    }
    let names: Vec<&str> = from
        .iter()
        .flatten()
        .filter_map(|&k| p.files.get(k).map(|f| f.name.as_str()))
        .collect();
    format!("Take {}", names.join(", "))
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
        "In all, it {} to this checklist · {} already here · {} in conflict",
        adds(p.new - p.new_signoff_blanks),
        p.same,
        p.clashes.len()
    );
    let title = match p.files.as_slice() {
        // One file or link: from whom, too.
        [one] if !one.people.is_empty() => {
            let names: Vec<String> = one.people.iter().map(|p| p.label()).collect();
            format!("Answers from {}, by {}", one.name, names.join(", "))
        }
        [one] => format!("Answers from {}", one.name),
        many => format!("Answers from {} files", many.len()),
    };
    let versions = {
        let mut v: Vec<String> = p.files.iter().map(version_line).collect();
        v.dedup();
        v.join(" ")
    };
    let files = (p.files.len() > 1 || p.files.iter().any(|f| !f.people.is_empty())).then(|| {
        p.files
            .iter()
            .map(|f| view! { <li>{file_line(f)}</li> })
            .collect_view()
    });
    let refused = p
        .refused
        .iter()
        .map(|e| view! { <li>{format!("{e}: left out.")}</li> })
        .collect_view();
    let conflicts = p
        .clashes
        .iter()
        .enumerate()
        .map(|(k, x)| {
            let sides: Vec<(String, String)> = x
                .sides
                .iter()
                .map(|s| (side_label(&p, &s.from), s.text.clone()))
                .collect();
            view! { <ConflictRow k=k subject=subject(&c, x) key=x.key.clone() sides=sides/> }
        })
        .collect_view();
    let multi = p.files.len() > 1;
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
            let from = if multi {
                p.files.get(s.from).map(|f| format!(" · in {}", f.name)).unwrap_or_default()
            } else {
                String::new()
            };
            view! {
                <li data-fate=class>
                    <strong>{s.record.role.clone()}</strong>
                    {format!(" — {} ({}, signed {}){key}{from}: ", s.record.name, s.record.date, s.record.signed_at)}
                    <span class=class>{what}</span>
                </li>
            }
        })
        .collect_view();
    let resigns = p
        .resigns
        .iter()
        .enumerate()
        .map(|(k, r)| {
            let keep = move || state.keep.with(|v| v.get(k).copied().unwrap_or(false));
            let set = move |ev: leptos::ev::Event| {
                let on = event_target_checked(&ev);
                state.keep.update(|v| {
                    if let Some(x) = v.get_mut(k) {
                        *x = on;
                    }
                })
            };
            view! {
                <li data-testid="import-resign">
                    <p>{r.describe()}</p>
                    <label><input type="checkbox" prop:checked=keep on:change=set/>" "{r.keep_label()}</label>
                </li>
            }
        })
        .collect_view();
    let has_resigns = !p.resigns.is_empty();
    let n = p.clashes.len();
    let widest = p
        .clashes
        .iter()
        .map(|x| x.sides.len())
        .max()
        .unwrap_or(2)
        .to_string();
    let has_conflicts = n > 0;
    let last_sides: Vec<usize> = p.clashes.iter().map(|x| x.sides.len() - 1).collect();
    let orphans = p.orphans.clone();
    let nothing = p.changes_nothing();
    let apply_doc = doc.clone();
    let next_doc = doc.clone();
    let a_record = matches!(p.files.as_slice(), [f] if f.version != Version::Unknown);
    let outcome = {
        let p = p.clone();
        let doc = doc.clone();
        Memo::new(move |_| {
            let keep = state.keep.get();
            state.choice.with(|ch| state.outcome(&doc, &p, ch, &keep))
        })
    };
    view! {
        <section class="import-preview banner info" aria-labelledby="preview-title" data-testid="import-preview">
            <h2 id="preview-title">{title}</h2>
            <p>{versions}</p>
            {files.map(|f| view! { <ul class="import-files" data-testid="import-files">{f}</ul> })}
            {(!p.refused.is_empty()).then(|| view! {
                <ul class="error" role="alert" data-testid="import-refused">{refused}</ul>
            })}
            <div class="import-totals">
                <p data-testid="import-counts"><strong>{counts}</strong></p>
                {(p.carried > 0).then(|| view! {
                    <p data-testid="import-carried">{format!("It carries {} earlier answer{} from a past release, to confirm: until someone does, those items count as open.", p.carried, if p.carried == 1 { "" } else { "s" })}</p>
                })}
            </div>
            {nothing.then(|| view! { <p>"Nothing new: everything in it is already here."</p> })}
            {(!orphans.is_empty()).then(|| view! {
                <p data-testid="import-orphans">{format!("{} answer{} for items this checklist does not have; kept and listed with the answers for removed items: ", orphans.len(), if orphans.len() == 1 { " is" } else { "s are" })}
                    {orphans.iter().map(|o| view! { <code>{o.clone()}</code>" " }).collect_view()}</p>
            })}
            {has_conflicts.then(|| view! {
                <div class="conflicts">
                    <p>
                        <button type="button" on:click=move |_| state.choice.set(vec![0; n])>"Keep all mine"</button>
                        <button type="button" on:click=move |_| state.choice.set(last_sides.clone())>"Take all theirs"</button>
                    </p>
                    <table data-testid="import-conflicts">
                        <thead><tr><th scope="col">"Item"</th><th scope="col" colspan=widest>"Answers"</th></tr></thead>
                        <tbody>{conflicts}</tbody>
                    </table>
                </div>
            })}
            {(!p.signoffs.is_empty()).then(|| view! {
                <h3>"Sign-offs in it"</h3>
                <ul data-testid="import-signoffs">{signoffs}</ul>
                // A re-sign is always among the sign-offs in it.
                {has_resigns.then(|| view! {
                    <h3>"Signed again over other answers"</h3>
                    <ul class="resigns">{resigns}</ul>
                })}
            })}
            <p data-testid="import-outcome">{move || outcome.get().summary()}</p>
            <p>
                <button type="button" class="primary" data-testid="import-apply" disabled=nothing
                    on:click=move |_| state.apply(&apply_doc)>"Apply"</button>
                " "
                <button type="button" on:click=move |_| state.close()>"Cancel"</button>
                {a_record.then(|| view! {
                    <span class="next-release">
                        " Or, for a new release of this checklist: "
                        <button type="button" data-testid="start-next-release"
                            on:click=move |_| state.next_release(&next_doc)>"Start the next release from this record"</button>
                        " Unchanged answers arrive carried (open until someone confirms them), changed items to re-review, new items open; N/A and waivers with a reason count; sign-offs never carry."
                    </span>
                })}
            </p>
        </section>
    }
}

/// One conflict: every side, and which to keep.
#[component]
fn ConflictRow(
    k: usize,
    subject: String,
    key: String,
    sides: Vec<(String, String)>,
) -> impl IntoView {
    let state = expect_context::<ImportState>();
    let name = format!("conflict-{k}");
    let cells = sides
        .into_iter()
        .enumerate()
        .map(|(j, (label, text))| {
            let chosen = move || state.choice.with(|c| c.get(k).copied().unwrap_or(0) == j);
            let set = move |_| {
                state.choice.update(|c| {
                    if let Some(x) = c.get_mut(k) {
                        *x = j;
                    }
                })
            };
            view! {
                <td><label><input type="radio" name=name.clone() prop:checked=chosen on:change=set/><span><span class="side">{format!("{label}: ")}</span>{text}</span></label></td>
            }
        })
        .collect_view();
    view! {
        <tr data-conflict=key>
            <th scope="row">{subject}</th>
            {cells}
        </tr>
    }
}
