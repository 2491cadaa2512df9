//! "Make the signers file": the coordinator turns the sign-offs on this page into the checklist's
//! signers file, trusting each key on first use (as SSH's known_hosts) after reading its
//! fingerprint back to its holder. The same domain function as `readiness signers`.

use leptos::prelude::*;

use crate::domain::signoff::signers::Signers;
use crate::domain::signoff::signing::short_fingerprint;
use crate::domain::text::{base64_decode, fingerprint};

use crate::ui::doc::use_doc;
use crate::ui::platform::browser::download;

/// The button (while this checklist has no signers file and someone's genuine sign-off is here)
/// and the list to confirm before the file downloads.
#[component]
pub fn MakeSigners() -> impl IntoView {
    let doc = use_doc();
    let open = RwSignal::new(false);
    let made = {
        let doc = doc.clone();
        Memo::new(move |_| {
            doc.signoffs
                .with(|records| Signers::from_signoffs(&doc.lines, &doc.assessment.get(), records))
        })
    };
    let offered = {
        let doc = doc.clone();
        Memo::new(move |_| {
            doc.signers.with(Option::is_none) && made.with(|m| !m.signers.is_empty())
        })
    };
    let stem = doc
        .checklist
        .file
        .rsplit('/')
        .next()
        .unwrap_or(&doc.checklist.file)
        .trim_end_matches(".md")
        .to_string();
    let name = format!("{stem}.signers.json");
    let message = RwSignal::new(None::<String>);
    let save = {
        let name = name.clone();
        move |_| {
            let json = made.with_untracked(Signers::to_json);
            message.set(Some(match download(&name, "application/json", &json) {
                Ok(()) => format!("Downloaded {name}: commit it next to the checklist; every later record is held to these keys."),
                Err(e) => format!("Not downloaded: {e}"),
            }));
        }
    };
    view! {
        {move || offered.get().then(|| view! {
            <button type="button" data-testid="make-signers" aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)>"Make the signers file…"</button>
        })}
        {move || (open.get() && offered.get()).then(|| {
            let rows = made.get().signers.into_iter().map(|s| {
                let key = base64_decode(&s.public_key)
                    .map(|k| short_fingerprint(&fingerprint(&k)))
                    .unwrap_or_default();
                view! { <li>{format!("{}: {}, key {key}", s.role, s.name)}</li> }
            }).collect_view();
            view! {
                <div class="banner info share-made" data-testid="signers-confirm">
                    <p>"Read each key's fingerprint back to its holder. The file trusts these keys for these roles from now on: a later sign-off by another key does not count."</p>
                    <ul>{rows}</ul>
                    <button type="button" data-testid="signers-download" on:click=save.clone()>{format!("Download {name}")}</button>
                    <p class="muted" role="status">{move || message.get()}</p>
                </div>
            }
        })}
    }
}
