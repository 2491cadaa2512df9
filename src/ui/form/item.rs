//! An item's N/A reason, note and evidence controls: a live part Leptos draws inside the core's row
//! while its "more" toggle is open (mounted by `slots`).

use leptos::prelude::*;

use crate::domain::answers::validate::{parse_evidence, parse_na_reason, parse_until};
use crate::domain::answers::Status;
use crate::ui::doc::{use_doc, Extra};

/// An item's N/A reason, note and evidence, built only while its "more" toggle is open.
#[component]
pub(super) fn ItemControls(
    /// Item index.
    i: usize,
) -> impl IntoView {
    view! {
        <div class="controls">
            <NaControl i=i/>
            <NoteControl i=i/>
            <EvidenceControl i=i/>
        </div>
    }
}

/// Marks an item N/A with its reason (required) and, if given, the last day it holds; or
/// applicable again. Changing the date of an N/A already marked takes effect at once.
#[component]
fn NaControl(
    /// Item index.
    i: usize,
) -> impl IntoView {
    let doc = use_doc();
    let st = doc.items[i];
    let reason = RwSignal::new(st.extra.get_untracked().reason);
    let until = RwSignal::new(st.extra.get_untracked().until.unwrap_or_default());
    let error = RwSignal::new(None::<String>);
    let id = format!("item-{i}-reason");
    let until_id = format!("item-{i}-until");
    let mark_na = {
        let doc = doc.clone();
        move |_| {
            let typed = (
                reason.with_untracked(|r| parse_na_reason(r)),
                until.with_untracked(|u| parse_until(u)),
            );
            match typed {
                (Err(why), _) | (_, Err(why)) => error.set(Some(why.to_string())),
                (Ok(r), Ok(u)) => {
                    error.set(None);
                    doc.update_extra(i, |e: &mut Extra| {
                        e.reason = r;
                        e.until = u;
                    });
                    doc.set_status(i, Status::Na);
                }
            }
        }
    };
    let set_until = {
        let doc = doc.clone();
        move |ev: leptos::ev::Event| {
            let typed = event_target_value(&ev);
            until.set(typed.clone());
            if st.status.get_untracked() != Status::Na {
                return;
            }
            match parse_until(&typed) {
                Err(why) => error.set(Some(why.to_string())),
                Ok(u) => {
                    error.set(None);
                    doc.update_extra(i, |e: &mut Extra| e.until = u);
                }
            }
        }
    };
    let clear_na = move |_| {
        doc.update_extra(i, |e: &mut Extra| e.reason.clear());
        doc.set_status(i, Status::Open);
    };
    view! {
        <div class="na">
            <label for=id.clone()>"Not applicable because"</label>
            <input
                id=id
                type="text"
                prop:value=move || reason.get()
                on:input=move |ev| reason.set(event_target_value(&ev))
            />
            <label for=until_id.clone()>"until (optional)"</label>
            <input id=until_id type="date" prop:value=move || until.get() on:change=set_until/>
            {move || if st.status.get() == Status::Na {
                view! { <button type="button" on:click=clear_na.clone()>"Applicable again"</button> }.into_any()
            } else {
                view! { <button type="button" on:click=mark_na.clone()>"Mark N/A"</button> }.into_any()
            }}
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        </div>
    }
}

/// An item's free-text note, saved as it is typed.
#[component]
fn NoteControl(
    /// Item index.
    i: usize,
) -> impl IntoView {
    let doc = use_doc();
    let st = doc.items[i];
    let id = format!("item-{i}-note");
    let set_note = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        doc.update_extra(i, |e: &mut Extra| e.note = v);
    };
    view! {
        <div class="note">
            <label for=id.clone()>"Note"</label>
            <textarea
                id=id
                rows="2"
                prop:value=move || st.extra.with(|e| e.note.clone())
                on:input=set_note
            ></textarea>
        </div>
    }
}

/// An item's evidence links: listed with "remove", and a form to add one (http(s) only).
#[component]
fn EvidenceControl(
    /// Item index.
    i: usize,
) -> impl IntoView {
    let doc = use_doc();
    let st = doc.items[i];
    let new_link = RwSignal::new(String::new());
    let link_error = RwSignal::new(None::<String>);
    let id = format!("item-{i}-evidence");
    let add_link = {
        let doc = doc.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            match new_link.with_untracked(|v| parse_evidence(v)) {
                Err(why) => link_error.set(Some(why.to_string())),
                Ok(url) => {
                    link_error.set(None);
                    doc.update_extra(i, |e: &mut Extra| e.evidence.push(url));
                    new_link.set(String::new());
                }
            }
        }
    };
    let remove_link = move |k: usize| {
        doc.update_extra(i, |e: &mut Extra| {
            if k < e.evidence.len() {
                e.evidence.remove(k);
            }
        })
    };
    view! {
        <div class="evidence">
            <ul>
                {move || st.extra.with(|e| e.evidence.clone()).into_iter().enumerate().map(|(k, url)| {
                    let remove = remove_link.clone();
                    view! {
                        <li>
                            // Evidence may come from a table cell, an imported file or a share
                            // link: drawn as a link only under the one link-safety rule.
                            {match crate::domain::text::safe_href(&url) {
                                Some(href) => view! { <a href=href rel="noopener noreferrer nofollow" target="_blank">{url.clone()}</a> }.into_any(),
                                None => view! { <span class="unsafe-link" data-testid="unsafe-link" title="Not a link: only http, https, mailto and relative links are opened.">{url.clone()}</span> }.into_any(),
                            }}
                            " "
                            <button type="button" class="link" on:click=move |_| remove(k)>
                                "remove"
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <form on:submit=add_link>
                <label for=id.clone()>"Evidence link"</label>
                <input
                    id=id
                    type="url"
                    placeholder="https://"
                    prop:value=move || new_link.get()
                    on:input=move |ev| new_link.set(event_target_value(&ev))
                />
                <button type="submit">"Add"</button>
                {move || link_error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            </form>
        </div>
    }
}
