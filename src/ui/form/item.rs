//! One task item: its checkbox (reading only its own signals, so a toggle re-renders that item and
//! the summary), the "more" toggle, and N/A reason, note and evidence.

use leptos::prelude::*;

use crate::domain::answers::{preset_answer, preset_status, Status};
use crate::domain::model::Severity;
use crate::domain::score::Role;

use super::ctx::Ctx;
use super::filters::matches;
use super::inline::render_spans;
use crate::domain::answers::validate::{parse_evidence, parse_na_reason};
use crate::ui::doc::{use_doc, Extra};
use crate::ui::team::signoff::SignoffControls;

/// One task item: checkbox, text, marks, and its N/A / note / evidence controls.
///
/// Built to be cheap, since a checklist may have thousands: one reactive class (done, N/A,
/// filtered out), the checkbox's checked and disabled state, the "more" toggle at the end of the
/// line and the panel it opens (built only while open); the N/A mark is drawn by CSS from the
/// class, and static parts carry no reactive code at all.
#[component]
pub(super) fn ItemRow(ctx: Ctx, i: usize, children: Children) -> impl IntoView {
    let doc = ctx.doc.clone();
    let c = doc.checklist.clone();
    let it = &c.items[i];
    let st = doc.items[i];
    let kind = c.sections[it.section].kind;
    let is_signoff = it.signoff.is_some();
    let visible = {
        let (doc, filters, desc) = (doc.clone(), ctx.filters, ctx.descendants.clone());
        move || matches(&doc, filters, i) || desc[i].iter().any(|&d| matches(&doc, filters, d))
    };
    let not_required = doc.input.items[i].role == Role::NotRequired;
    let base = format!(
        "item kind-{}{}{}",
        kind.as_str(),
        match it.severity {
            Severity::Critical => " critical",
            _ => "",
        },
        if not_required { " not-required" } else { "" }
    );
    let badge = not_required.then(|| {
        let level = doc.level.clone().unwrap_or_default();
        view! { <span class="badge not-required">{format!("not required at {level}")}</span>" " }
    });
    let class = move || {
        let mut class = base.clone();
        match st.status.get() {
            Status::Done => class.push_str(" done"),
            Status::Na if st.extra.with(|e| e.waived) => class.push_str(" na waived"),
            Status::Na => class.push_str(" na"),
            Status::Open => {}
        }
        if !visible() {
            class.push_str(" hidden");
        }
        class
    };
    let (checkbox, label) = checkbox_and_label(&ctx, i);
    // The "more" toggle sits at the end of the item's own line and its panel below the line, so
    // an item is one line until it is opened; sign-off lines have their own controls instead.
    // What a table's own cells say (an N/A reason, a note) shows in the toggle's label; the
    // panel opens by itself only for what someone recorded here.
    let from_source = it.preset.is_some()
        && st.status.get_untracked() == preset_status(it)
        && st
            .extra
            .with_untracked(|e| *e == Extra::of(Some(&preset_answer(it))));
    let open = RwSignal::new(
        !is_signoff
            && !from_source
            && (st.status.get_untracked() == Status::Na
                || st
                    .extra
                    .with_untracked(|e| !e.note.is_empty() || !e.evidence.is_empty())),
    );
    let more = (!is_signoff).then(|| view! { <MoreToggle i=i open=open/> });
    let row = match it.severity {
        Severity::Critical => view! {
            <div class="item-row">{checkbox}<span class="item-body">{label}" "<span class="badge critical">"critical"</span>" "{badge}{more}</span></div>
        }
        .into_any(),
        Severity::Important => view! {
            <div class="item-row">{checkbox}<span class="item-body">{label}" "<span class="badge important">"important"</span>" "{badge}{more}</span></div>
        }
        .into_any(),
        Severity::Normal => view! { <div class="item-row">{checkbox}<span class="item-body">{label}" "{badge}{more}</span></div> }.into_any(),
    };
    let (before, after) = if is_signoff {
        (Some(children()), None)
    } else {
        (None, Some(children()))
    };
    view! {
        <li class=class>
            {row}
            // A sign-off row of a table has its name and date cells under it: they come before
            // the button that signs with them.
            {before}
            {if is_signoff {
                view! { <SignoffControls i=i/> }.into_any()
            } else {
                (move || open.get().then(|| view! { <ItemControls i=i/> })).into_any()
            }}
            {after}
        </li>
    }
}

/// An item's checkbox and the text that names it. Items whose line holds inputs cannot sit in a
/// `<label>` (a label may contain only its own control); they are named with `aria-labelledby`.
/// A sign-off line's box is ticked by a current sign-off, never by hand.
fn checkbox_and_label(ctx: &Ctx, i: usize) -> (impl IntoView + use<>, AnyView) {
    let doc = ctx.doc.clone();
    let it = &doc.checklist.items[i];
    let st = doc.items[i];
    let input_id = format!("item-{i}");
    let is_signoff = it.signoff.is_some();
    let (signed, item_id) = (doc.signed, it.id.clone());
    let text = render_spans(ctx, &it.text);
    let (label, labelledby) = if it.fields.is_empty() {
        let label = view! { <label for=input_id.clone() class="item-text">{text}</label> };
        (label.into_any(), None)
    } else {
        let text_id = format!("item-{i}-text");
        let label = view! { <span id=text_id.clone() class="item-text">{text}</span> };
        (label.into_any(), Some(text_id))
    };
    let on_toggle = {
        let doc = doc.clone();
        move |ev: leptos::ev::Event| {
            let checked = event_target_checked(&ev);
            doc.set_status(i, if checked { Status::Done } else { Status::Open });
        }
    };
    let checkbox = view! {
        <input
            type="checkbox"
            id=input_id
            data-item-id=it.id.clone()
            aria-labelledby=labelledby
            prop:checked=move || if is_signoff {
                signed.with(|s| s.contains(&item_id))
            } else {
                st.status.get() == Status::Done
            }
            disabled=move || is_signoff || st.status.get() == Status::Na
            on:change=on_toggle
        />
    };
    (checkbox, label)
}

/// The disclosure button of an item's N/A, note and evidence controls: its label says what is
/// recorded, and `open` (owned by the row) decides whether the controls are built. A button at the
/// end of the item's line rather than a `<details>` below it: with one per item, the `<details>`
/// rows were about a third of a 408-item page's style and layout time (BENCHMARKS.md). Items with
/// something recorded start open.
#[component]
pub(super) fn MoreToggle(i: usize, open: RwSignal<bool>) -> impl IntoView {
    let doc = use_doc();
    let st = doc.items[i];
    let summary = move || {
        let mut parts = Vec::new();
        st.extra.with(|e| {
            if st.status.get() == Status::Na {
                let what = if e.waived { "Waived" } else { "N/A" };
                parts.push(format!("{what}: {}", e.reason));
            }
            if !e.note.is_empty() {
                parts.push("note".to_string());
            }
            if !e.evidence.is_empty() {
                parts.push(format!("{} evidence", e.evidence.len()));
            }
        });
        if parts.is_empty() {
            "N/A · note · evidence".to_string()
        } else {
            parts.join(" · ")
        }
    };
    let name = {
        let text = doc.label(i);
        move || format!("{} for: {text}", summary())
    };
    view! {
        <button
            type="button"
            class="more-toggle"
            aria-label=name
            aria-expanded=move || if open.get() { "true" } else { "false" }
            on:click=move |_| open.update(|o| *o = !*o)
        >
            {summary}
        </button>
    }
}

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

/// Marks an item N/A with its reason (required), or applicable again.
#[component]
fn NaControl(
    /// Item index.
    i: usize,
) -> impl IntoView {
    let doc = use_doc();
    let st = doc.items[i];
    let reason = RwSignal::new(st.extra.get_untracked().reason);
    let error = RwSignal::new(None::<String>);
    let id = format!("item-{i}-reason");
    let mark_na = {
        let doc = doc.clone();
        move |_| match reason.with_untracked(|r| parse_na_reason(r)) {
            Err(why) => error.set(Some(why.to_string())),
            Ok(r) => {
                error.set(None);
                doc.update_extra(i, |e: &mut Extra| e.reason = r);
                doc.set_status(i, Status::Na);
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
