//! Sign-off lines: the signer's name and date (default today) come from the line's own blanks;
//! "Sign off" records the time and the digest of the answers at that moment. A later edit makes
//! the sign-off stale until it is signed again; every record is kept.

use leptos::prelude::*;

use super::browser::today;
use super::state::use_doc;

/// Sign-off state and action for sign-off item `i`.
#[component]
pub fn SignoffControls(i: usize) -> impl IntoView {
    let doc = use_doc();
    let c = doc.checklist.clone();
    let it = &c.items[i];
    let Some(spec) = it.signoff.clone() else {
        return ().into_any();
    };
    let item_id = it.id.clone();
    // Name and date live in the line's blanks when it has them; otherwise in local inputs.
    let own_name = RwSignal::new(String::new());
    let own_date = RwSignal::new(today());
    let name_sig = spec.name_field.map(|f| doc.fields[f]);
    let date_sig = spec.date_field.map(|f| doc.fields[f]);
    let error = RwSignal::new(None::<String>);
    let records = {
        let item_id = item_id.clone();
        let signoffs = doc.signoffs;
        Memo::new(move |_| {
            signoffs.with(|s| {
                s.iter()
                    .filter(|r| r.item == item_id)
                    .cloned()
                    .collect::<Vec<_>>()
            })
        })
    };
    let stale = {
        let doc = doc.clone();
        move || {
            let digest = doc.digest.get();
            records.with(|r| {
                r.last().is_some_and(|l| {
                    digest
                        .as_deref()
                        .is_none_or(|now| crate::domain::score::is_stale(&l.digest, now))
                })
            })
        }
    };
    let role = spec.role.clone();
    let sign = {
        let doc = doc.clone();
        let role = role.clone();
        move |_| {
            let name = name_sig
                .map(|s| s.get_untracked())
                .unwrap_or_else(|| own_name.get_untracked());
            let name = name.trim().to_string();
            if name.is_empty() {
                error.set(Some(format!("Enter the name of the {role} to sign off.")));
                return;
            }
            let date = date_sig
                .map(|s| s.get_untracked())
                .unwrap_or_else(|| own_date.get_untracked());
            let date = if date.trim().is_empty() {
                today()
            } else {
                date
            };
            if let (Some(f), Some(d)) = (spec.date_field, date_sig) {
                if d.get_untracked() != date {
                    doc.set_field(f, date.clone());
                }
            }
            error.set(None);
            let Some(mut record) = doc.prepare_signoff(i, name, date) else {
                return;
            };
            let doc = doc.clone();
            leptos::task::spawn_local(async move {
                let c = doc.checklist.clone();
                if let Err(e) = super::keys::sign_record(&c.file, c.sha256(), &mut record).await {
                    error.set(Some(format!(
                        "Recorded without a signature: {e}. An export will not verify until this sign-off is signed again in a browser that can sign."
                    )));
                }
                doc.push_signoff(record);
            });
        }
    };
    let name_input = name_sig
        .is_none()
        .then(|| own_input("Name ", "text", own_name));
    let date_input = date_sig
        .is_none()
        .then(|| own_input("Date ", "date", own_date));
    let stale2 = stale.clone();
    view! {
        <div class="signoff" data-role=role.clone()>
            {name_input}
            {date_input}
            {date_sig.map(|d| view! {
                <span class="muted">{move || d.with(String::is_empty).then(|| format!("dated today ({}) unless set ", today()))}</span>
            })}
            <button type="button" class="sign" on:click=sign>
                {move || if records.with(Vec::is_empty) { "Sign off" } else { "Sign again" }}
            </button>
            <span class="signoff-state" role="status">
                {move || match records.with(|r| r.last().cloned()) {
                    None => view! { <span class="unsigned">"Not signed"</span> }.into_any(),
                    Some(r) => view! {
                        <span class="signed" class:stale=stale2.clone()>
                            {format!("Signed by {} on {} (recorded {})", r.name, r.date, r.signed_at)}
                            {r.envelope.as_ref().and_then(|e| e.signatures.first()).map(|s| view! {
                                <span class="key" title="Signing key fingerprint">
                                    {format!(" · key {}", crate::domain::signing::short_fingerprint(&s.keyid))}
                                </span>
                            })}
                            {r.envelope.is_none().then(|| view! { <strong class="stale-flag">" unsigned"</strong> })}
                            {stale.clone()().then(|| view! {
                                <strong class="stale-flag">" stale: answers changed after signing"</strong>
                            })}
                        </span>
                    }.into_any(),
                }}
            </span>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            {move || (records.with(Vec::len) > 1).then(|| view! {
                <details class="history">
                    <summary>{format!("{} sign-off records", records.with(Vec::len))}</summary>
                    <ul>
                        {records.get().into_iter().map(|r| view! {
                            <li>{format!("{} — {} on {}, recorded {}", r.role, r.name, r.date, r.signed_at)}</li>
                        }).collect_view()}
                    </ul>
                </details>
            })}
        </div>
    }
    .into_any()
}

/// A name or date input for a sign-off line that has no blank for it.
fn own_input(label: &'static str, kind: &'static str, value: RwSignal<String>) -> impl IntoView {
    view! {
        <label>
            {label}
            <input
                type=kind
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        </label>
    }
}
