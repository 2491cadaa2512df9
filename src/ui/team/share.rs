//! "Share link": an address that opens this checklist in any browser and carries, in the part after
//! `#` (never sent to a server), this browser's answers and sign-off records, compressed. Whoever
//! opens it sees the same preview as for an imported file. Too long for a link, or a checklist
//! opened from a file (which has no address), and the button says so and offers the file instead.

use leptos::prelude::*;

use crate::domain::answers::share::{
    encode_payload, fits, share_json, signoffs_only, SHARE_LIMIT, SHARE_PARAM,
};

use crate::ui::doc::{use_doc, Doc};
use crate::ui::platform::browser::download;
use crate::ui::platform::route::{absolute, DocKey};
use crate::ui::team::transfer::{export_filename, export_json};

/// What the last click made.
#[derive(Clone, PartialEq)]
enum Made {
    /// A link, whether it was copied, and the answers' code when it carries only sign-offs.
    Link(String, bool, Option<String>),
    /// Why there is no link, with the file offered instead.
    NoLink(String),
}

async fn make_link(doc: &Doc, key: &DocKey) -> Made {
    if !key.portable() {
        return Made::NoLink(
            "This checklist was opened from a file or a paste, so its address works only in this browser. Send the checklist file, with an export of your answers, instead."
                .to_string(),
        );
    }
    doc.flush();
    // Answers marked ready and unchanged: everyone has them, so only the sign-offs travel.
    let only_signoffs = doc.ready_holds();
    let carried = if only_signoffs {
        signoffs_only(&doc.snapshot(), &doc.digest())
    } else {
        doc.snapshot()
    };
    let compressed = match crate::ui::platform::deflate::deflate(&share_json(&carried)).await {
        Ok(c) => c,
        Err(e) => return Made::NoLink(format!("No link: {e}. Send the exported file instead.")),
    };
    let payload = encode_payload(&compressed);
    if !fits(&payload) {
        return Made::NoLink(format!(
            "Too long for a link: the answers take {:.1} KB, over the {} KB a link may carry. Send the exported file instead.",
            payload.len() as f64 / 1024.0,
            SHARE_LIMIT / 1024
        ));
    }
    let url = absolute(&format!("{}?{SHARE_PARAM}={payload}", key.href(None)));
    let url = (url, only_signoffs.then(|| doc.code.get_untracked()));
    let copied = crate::ui::platform::browser::copy_text(&url.0).await;
    Made::Link(url.0, copied, url.1)
}

/// The "Share link" button and what it made.
#[component]
pub fn ShareLink(
    /// The checklist shown.
    key: DocKey,
) -> impl IntoView {
    let doc = use_doc();
    let made = RwSignal::new(None::<Made>);
    let make = {
        let doc = doc.clone();
        Callback::new(move |()| {
            let (doc, key) = (doc.clone(), key.clone());
            leptos::task::spawn_local(async move { made.set(Some(make_link(&doc, &key).await)) });
        })
    };
    // A first link from a profile with no name asks for one first (as Export does).
    let asking = RwSignal::new(false);
    let on_click = move |_| {
        if crate::ui::platform::profile::ask_name_first() {
            asking.set(true);
        } else {
            make.run(());
        }
    };
    let export_doc = doc.clone();
    let export = move |_| {
        let json = export_json(&export_doc);
        let _ = download(
            &export_filename(&export_doc, &json),
            "application/json",
            &json,
        );
    };
    view! {
        <button type="button" data-testid="share-link" on:click=on_click>"Share link"</button>
        <crate::ui::team::transfer::AskName asking=asking then=make/>
        {move || made.get().map(|m| match m {
            Made::Link(url, copied, only) => view! {
                <div class="share-made" role="status">
                    <label for="share-url">{format!("{} It carries {} after the #, which is never sent to a server:",
                        if copied { "Link copied." } else { "Copy this link." },
                        match &only {
                            Some(code) => format!("only the sign-offs over the answers marked ready ({code}), for people who have them"),
                            None => "your answers and sign-offs".to_string(),
                        })}</label>
                    <input id="share-url" type="text" readonly data-testid="share-url" prop:value=url/>
                </div>
            }.into_any(),
            Made::NoLink(why) => view! {
                <div class="share-made" role="status" data-testid="share-too-long">
                    <p>{why}</p>
                    <button type="button" on:click=export.clone()>"Export file"</button>
                </div>
            }.into_any(),
        })}
    }
}
