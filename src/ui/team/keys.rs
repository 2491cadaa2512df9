//! The key panel: this profile's signing key (fingerprint, export, import) and its entry for a
//! checklist's signers file. The key itself lives in [`crate::ui::platform::crypto`].

use crate::domain::signers::Signer;
use crate::ui::platform::crypto::{
    can_sign, current_fingerprint, export_json, import_json, stored,
};

/// The landing page's "Your signing key" section: fingerprint, export, import.
#[leptos::component]
pub fn KeyPanel() -> impl leptos::IntoView {
    use leptos::prelude::*;
    let fp = RwSignal::new(current_fingerprint());
    let message = RwSignal::new(None::<String>);
    let support = can_sign().err();
    let export = move |_| match export_json() {
        Some(json) => {
            let _ = crate::ui::platform::browser::download(
                "readiness-signing-key.json",
                "application/json",
                &json,
            );
            message.set(Some(
                "Keep this file private: whoever holds it can sign as you.".to_string(),
            ));
        }
        None => message.set(Some(
            "No key yet: one is created at your first sign-off.".to_string(),
        )),
    };
    let import = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        leptos::task::spawn_local(async move {
            let text = crate::ui::platform::files::read_text(file)
                .await
                .1
                .unwrap_or_default();
            match import_json(&text).await {
                Ok(new_fp) => {
                    fp.set(Some(new_fp));
                    message.set(Some(
                        "Key imported: your next sign-offs are signed with it.".to_string(),
                    ));
                }
                Err(e) => message.set(Some(format!("Key not imported: {e}."))),
            }
        });
    };
    view! {
        <section class="keys" aria-labelledby="keys-title">
            <h2 id="keys-title">"Your signing key"</h2>
            {support.map(|e| view! { <p class="error" role="alert">{format!("Sign-offs here will be unsigned: {e}.")}</p> })}
            <p data-testid="key-fingerprint">
                {move || match fp.get() {
                    Some(f) => format!("Fingerprint {} (share it so auditors can match your sign-offs to you)", crate::domain::signing::short_fingerprint(&f)),
                    None => "No key yet: this browser creates one at your first sign-off.".to_string(),
                }}
            </p>
            {move || fp.get().and_then(|_| stored()).map(|k| view! {
                <details class="signers-entry">
                    <summary>"Your entry for a signers file"</summary>
                    <p class="muted">"Fill in your role and name, and send it to whoever keeps the checklist's signers file: sign-offs with your key then count for that role."</p>
                    <pre data-testid="signers-entry">{Signer::entry_for(&k.public).to_json()}</pre>
                </details>
            })}
            <button type="button" on:click=export>"Export key"</button>
            " "
            <label for="import-key">"Import key"</label>
            <input id="import-key" type="file" accept=".json,application/json" on:change=import/>
            <p class="muted" role="status">{move || message.get()}</p>
        </section>
    }
}
