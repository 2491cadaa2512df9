//! Sign-off lines: the signer's name and date (default today) come from the line's own blanks;
//! "Sign off" records the time and the digest of the answers at that moment. A later edit makes
//! the sign-off stale until it is signed again; every record is kept. Which record decides the
//! line, and whether it counts, comes from the document's assessment (the domain's one rule);
//! every other record is history, with the reason it does not count.

use leptos::prelude::*;

use crate::domain::answers::SignOffRecord;
use crate::domain::model::SignOffSpec;
use crate::domain::signoff::signers::SignerCheck;
use crate::domain::signoff::signing::short_fingerprint;
use crate::domain::signoff::standing::{date_fault, Fault, LineState};

use crate::ui::doc::{use_doc, Doc};
use crate::ui::platform::browser::{now, today};
use crate::ui::platform::profile;

/// Sign-off state and action for sign-off item `i`.
#[component]
pub fn SignoffControls(
    /// Index of the sign-off item.
    i: usize,
) -> impl IntoView {
    let doc = use_doc();
    let it = &doc.checklist.items[i];
    let Some(spec) = it.signoff.clone() else {
        return ().into_any();
    };
    let item_id = it.id.clone();
    // Name and date live in the line's blanks when it has them; otherwise in local inputs.
    let own_name = RwSignal::new(profile::profile().name);
    let own_date = RwSignal::new(today());
    let name_sig = spec.name_field.map(|f| doc.fields[f]);
    let date_sig = spec.date_field.map(|f| doc.fields[f]);
    let error = RwSignal::new(None::<String>);
    // Each record of this line with why it does not count, if it does not.
    let records = {
        let (item_id, signoffs, assessment) = (item_id.clone(), doc.signoffs, doc.assessment);
        Memo::new(move |_| {
            assessment.with(|a| {
                signoffs.with(|s| {
                    s.iter()
                        .enumerate()
                        .filter(|(_, r)| r.item == item_id)
                        .map(|(k, r)| {
                            let why = a.records.get(k).and_then(|st| st.fault.as_ref());
                            (r.clone(), why.map(ToString::to_string))
                        })
                        .collect::<Vec<_>>()
                })
            })
        })
    };
    let line = doc.lines.iter().position(|l| l.item == item_id);
    let state = {
        let (assessment, signoffs, verified) = (doc.assessment, doc.signoffs, doc.verified);
        Memo::new(move |_| {
            let a = assessment.get();
            let state = line.and_then(|l| a.lines.get(l).cloned())?;
            let record = signoffs.with(|s| state.record().and_then(|k| s.get(k).cloned()));
            // Not judged yet: WebCrypto has not answered for its signature.
            let checking = record.as_ref().is_some_and(|r| {
                crate::domain::signoff::signing::signature_check(
                    r.public_key.as_deref(),
                    r.envelope.as_ref(),
                )
                .is_some_and(|c| verified.with(|v| !v.0.contains_key(&c)))
            });
            let shared: Vec<String> = state
                .record()
                .and_then(|k| a.records.get(k)?.key.clone())
                .and_then(|key| a.shared.iter().find(|s| s.key == key).cloned())
                .map(|s| s.roles)
                .unwrap_or_default();
            Some((state, record, checking, shared))
        })
    };
    let role = spec.role.clone();
    let doc_signers = doc.signers;
    let role_label = spec.role.clone();
    let sign = {
        let doc = doc.clone();
        move |_| {
            let name = name_sig.unwrap_or(own_name).get_untracked();
            let date = date_sig.unwrap_or(own_date).get_untracked();
            sign_off(&doc, i, &spec, name, date, error);
        }
    };
    let name_input = name_sig
        .is_none()
        .then(|| own_input("Name ", "text", own_name));
    let date_input = date_sig
        .is_none()
        .then(|| own_input("Date ", "date", own_date));
    view! {
        <div class="signoff" data-role=role>
            {name_input}
            {date_input}
            {date_sig.map(|d| view! {
                <span class="muted">{move || d.with(String::is_empty).then(|| view! { "dated today (" <time class="today">{today()}</time> ") unless set " })}</span>
            })}
            <button type="button" class="sign" id=format!("sign-{i}") on:click=sign
                aria-label=move || format!("{} as {role_label}", again_or_first(&state.get()))>
                {move || again_or_first(&state.get())}
            </button>
            <span class="signoff-state" role="status">
                {move || match state.get() {
                    None | Some((LineState::Missing, ..)) | Some((_, None, ..)) => {
                        view! { <span class="unsigned">"Not signed"</span> }.into_any()
                    }
                    Some((st, Some(r), checking, shared)) => {
                        // Only a listed key's name: an unlisted one is the line's fault, said once.
                        let listed = doc_signers.with(|s| match s.as_ref().map(|s| s.check_record(&r)) {
                            Some(SignerCheck::Listed { name }) => Some(name),
                            _ => None,
                        });
                        view! { <LatestRecord record=r state=st checking=checking shared=shared listed=listed/> }.into_any()
                    }
                }}
            </span>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            <History records=records/>
        </div>
    }
    .into_any()
}

/// "Sign again" where this profile's key made the line's latest record, "Sign off" otherwise: a
/// person is never invited to re-sign someone else's role.
type Shown = Option<(LineState, Option<SignOffRecord>, bool, Vec<String>)>;

fn again_or_first(state: &Shown) -> &'static str {
    let mine = crate::ui::platform::crypto::stored().map(|k| k.public);
    match state {
        Some((_, Some(r), ..)) if r.public_key.is_some() && r.public_key == mine => "Sign again",
        _ => "Sign off",
    }
}

/// Records a sign-off of item `i` by `name` on `date` (today when empty), signed with this
/// browser's key when it can sign; what went wrong goes to `error`.
fn sign_off(
    doc: &Doc,
    i: usize,
    spec: &SignOffSpec,
    name: String,
    date: String,
    error: RwSignal<Option<String>>,
) {
    let mut name = name.trim().to_string();
    if name.is_empty() {
        name = profile::profile().name.trim().to_string();
    }
    if name.is_empty() {
        error.set(Some(format!(
            "Enter the name of the {} to sign off.",
            spec.role
        )));
        return;
    }
    let date = if date.trim().is_empty() {
        today()
    } else {
        date.trim().to_string()
    };
    // The one rule's date check, before anything is recorded: a sign-off it would not count is
    // never made.
    if let Some(fault) = date_fault(&date, now()) {
        error.set(Some(format!(
            "Cannot sign as {}: the sign-off {fault}. Use today's date ({}), YYYY-MM-DD.",
            spec.role,
            today()
        )));
        return;
    }
    if let Some(f) = spec.date_field {
        if doc.fields[f].get_untracked() != date {
            doc.set_field(f, date.clone());
        }
    }
    error.set(None);
    let Some(mut record) = doc.prepare_signoff(i, name.clone(), date) else {
        return;
    };
    profile::signed(&name, &spec.role);
    let doc = doc.clone();
    leptos::task::spawn_local(async move {
        let c = doc.checklist.clone();
        if let Err(e) =
            crate::ui::platform::crypto::sign_record(&c.file, c.sha256(), &mut record).await
        {
            error.set(Some(format!(
                "Recorded without a signature: {e}. An export will not verify until this sign-off is signed again in a browser that can sign."
            )));
        }
        doc.push_signoff(record);
    });
}

/// The record that decides a line: who, when, with which key, and whether it counts.
#[component]
fn LatestRecord(
    /// The record.
    record: SignOffRecord,
    /// The line's state (current, stale, or not counted and why).
    state: LineState,
    /// WebCrypto has not answered for its signature yet.
    checking: bool,
    /// When its key also signed other roles: every role that key signed.
    shared: Vec<String>,
    /// The name the checklist's signers file gives its key, when it lists it for this role.
    listed: Option<String>,
) -> impl IntoView {
    let stale = matches!(state, LineState::Stale { .. });
    let (not_counted, testid) = match (&state, checking) {
        (_, true) => (
            Some("checking the signature…".to_string()),
            "signoff-not-counted",
        ),
        (LineState::NotCounted { fault, .. }, false) => (
            Some(format!("does not count: {fault}")),
            if matches!(fault, Fault::NotListed(_)) {
                "signer-not-listed"
            } else {
                "signoff-not-counted"
            },
        ),
        _ => (None, "signoff-not-counted"),
    };
    let counts_not = not_counted.is_some();
    let key = record
        .envelope
        .as_ref()
        .and_then(|e| e.signatures.first())
        .map(|s| short_fingerprint(&s.keyid));
    view! {
        <span class="signed" class:stale=stale class:not-counted=counts_not>
            {format!("{} {} on {} (recorded {})", if counts_not { "Record by" } else { "Signed by" }, record.name, record.date, record.signed_at)}
            {key.map(|k| view! {
                <span class="key" title="Signing key fingerprint">{format!(" · key {k}")}</span>
            })}
            {listed.map(|name| view! {
                <span class="listed" data-testid="signer-listed">{format!(" · on the signers list as {name}")}</span>
            })}
            {stale.then(|| view! {
                <strong class="stale-flag">" stale: answers changed after signing"</strong>
            })}
            {not_counted.map(|why| view! {
                <strong class="stale-flag" data-testid=testid>{format!(" {why}")}</strong>
            })}
            {(shared.len() > 1).then(|| view! {
                <strong class="shared-flag" data-testid="shared-key">{format!(" · this key signed {} roles: {}", shared.len(), shared.join(", "))}</strong>
            })}
        </span>
    }
}

/// Every record of a line, once there is more than one, each with why it does not count.
#[component]
fn History(
    /// The line's records, as kept, each with why it does not count (if it does not).
    records: Memo<Vec<(SignOffRecord, Option<String>)>>,
) -> impl IntoView {
    move || {
        (records.with(Vec::len) > 1).then(|| {
            view! {
                <details class="history">
                    <summary>{format!("{} sign-off records", records.with(Vec::len))}</summary>
                    <ul>
                        {records.get().into_iter().map(|(r, why)| view! {
                            <li>
                                {format!("{} — {} on {}, recorded {}", r.role, r.name, r.date, r.signed_at)}
                                {why.map(|w| view! { <strong class="stale-flag">{format!(" — does not count: {w}")}</strong> })}
                            </li>
                        }).collect_view()}
                    </ul>
                </details>
            }
        })
    }
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
