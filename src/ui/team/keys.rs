//! The key panel, on the landing page and behind "You" on a checklist page: the name this profile
//! answers and signs as, its signing key (fingerprint, export, import), its entry for a checklist's
//! signers file filled with the role it last signed, and the keys it used before. Importing a key
//! when one exists asks first, and the replaced key stays in "Earlier keys". The key itself lives
//! in [`crate::ui::platform::crypto`], the name in [`crate::ui::platform::profile`].

use leptos::prelude::*;

use crate::domain::signoff::signers::Signer;
use crate::domain::signoff::signing::short_fingerprint;
use crate::ui::platform::crypto::{
    can_sign, current_fingerprint, earlier, ensure_key, export_json, fingerprint_of, install,
    read_key, stored, StoredKey,
};
use crate::ui::platform::profile;

/// "Your name and signing key": name, fingerprint, signers entry, export, import, earlier keys.
#[component]
pub fn KeyPanel(
    /// Told when the name or the key changed (the page's "You" says who it is).
    #[prop(optional)]
    on_change: Option<Callback<()>>,
) -> impl IntoView {
    let changed = move || {
        if let Some(c) = on_change {
            c.run(());
        }
    };
    let fp = RwSignal::new(current_fingerprint());
    let me = RwSignal::new(profile::profile());
    let name = RwSignal::new(me.get_untracked().name);
    let message = RwSignal::new(None::<String>);
    // A key read from a file, waiting for "Replace" because this profile has one.
    let incoming = RwSignal::new(None::<StoredKey>);
    let past = RwSignal::new(earlier());
    let support = can_sign().err();
    let installed = move |key: StoredKey, what: &str| match install(key) {
        Ok(new_fp) => {
            fp.set(Some(new_fp));
            past.set(earlier());
            message.set(Some(what.to_string()));
            changed();
        }
        Err(e) => message.set(Some(format!("Key not changed: {e}."))),
    };
    let save_name = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = name.get_untracked();
        match profile::set_name(&typed) {
            Ok(()) => {
                me.set(profile::profile());
                leptos::task::spawn_local(async move {
                    let key = ensure_key().await;
                    if let Ok(f) = &key {
                        fp.set(Some(f.clone()));
                    }
                    changed();
                    message.set(Some(match key {
                        Ok(_) => format!(
                            "Saved: your answers here are now attributed to {}.",
                            typed.trim()
                        ),
                        Err(e) => format!("Saved your name; no key: {e}."),
                    }));
                });
            }
            Err(e) => message.set(Some(e)),
        }
    };
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
            "No key yet: one is created when you save your name or sign off.".to_string(),
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
            match read_key(&text).await {
                Ok(key) if stored().is_some_and(|k| k.public != key.public) => {
                    message.set(None);
                    incoming.set(Some(key));
                }
                Ok(key) => installed(key, "Key imported: your next sign-offs are signed with it."),
                Err(e) => message.set(Some(format!("Key not imported: {e}."))),
            }
        });
    };
    let entry = move || {
        fp.get().and_then(|_| stored()).map(|k| {
            let p = me.get();
            Signer::entry_for(&k.public, p.role.as_deref(), &p.name).to_json()
        })
    };
    view! {
        <section class="keys" aria-labelledby="keys-title">
            <h2 id="keys-title">"Your name and signing key"</h2>
            {support.map(|e| view! { <p class="error" role="alert">{format!("Sign-offs here will be unsigned: {e}.")}</p> })}
            <form class="profile-name" on:submit=save_name>
                <label for="profile-name">"Your name "</label>
                <input id="profile-name" type="text" autocomplete="name" data-testid="profile-name"
                    prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                " "
                <button type="submit" data-testid="profile-save">"Save"</button>
                <span class="muted">" Every answer you change is attributed to this name and your key."</span>
            </form>
            <p data-testid="key-fingerprint">
                {move || match fp.get() {
                    Some(f) => format!("Fingerprint {} (share it so auditors can match your sign-offs to you)", short_fingerprint(&f)),
                    None => "No key yet: this browser creates one when you save your name or sign off.".to_string(),
                }}
            </p>
            {move || entry().map(|json| {
                let text = json.clone();
                let copy = move |_| {
                    let text = text.clone();
                    leptos::task::spawn_local(async move {
                        message.set(Some(if crate::ui::platform::browser::copy_text(&text).await {
                            "Copied your entry for a signers file.".to_string()
                        } else {
                            "The browser blocked the clipboard; select the entry and copy it.".to_string()
                        }));
                    });
                };
                view! {
                    <details class="signers-entry">
                        <summary>"Your entry for a signers file"</summary>
                        <p class="muted">"Send it to whoever keeps the checklist's signers file: sign-offs with your key then count for that role. "
                            <button type="button" data-testid="copy-signers-entry" on:click=copy>"Copy entry"</button>
                        </p>
                        <pre data-testid="signers-entry">{json}</pre>
                    </details>
                }
            })}
            <button type="button" on:click=export>"Export key"</button>
            " "
            <label for="import-key">"Import key"</label>
            <input id="import-key" type="file" accept=".json,application/json" data-testid="import-key" on:change=import/>
            {move || incoming.get().map(|key| {
                let new_fp = short_fingerprint(&fingerprint_of(&key));
                let old_fp = fp.get().map(|f| short_fingerprint(&f)).unwrap_or_default();
                view! {
                    <div class="banner warn" role="alertdialog" aria-labelledby="replace-key-q" data-testid="replace-key">
                        <p id="replace-key-q">{format!("This browser already signs with key {old_fp}. Replace it with {new_fp}? Your current key is kept under \"Earlier keys\" and can be used again.")}</p>
                        <button type="button" data-testid="replace-key-yes" on:click=move |_| {
                            if let Some(k) = incoming.get_untracked() {
                                incoming.set(None);
                                installed(k, "Key replaced: your next sign-offs are signed with it; the previous key is under \"Earlier keys\".");
                            }
                        }>"Replace"</button>
                        " "
                        <button type="button" on:click=move |_| { incoming.set(None); message.set(Some("Key not imported: your current key is unchanged.".to_string())); }>"Keep my key"</button>
                    </div>
                }
            })}
            {move || (!past.with(Vec::is_empty)).then(|| view! {
                <details class="earlier-keys" data-testid="earlier-keys">
                    <summary>"Earlier keys"</summary>
                    <ul>
                        {past.get().into_iter().map(|k| {
                            let f = short_fingerprint(&fingerprint_of(&k));
                            view! {
                                <li>{format!("{f} ")}
                                    <button type="button" on:click=move |_| installed(k.clone(), "Key restored: your next sign-offs are signed with it.")>"Use this key again"</button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </details>
            })}
            <p class="muted" role="status">{move || message.get()}</p>
        </section>
    }
}

/// The signing key: in view once this browser has one; before the first sign-off, folded away.
#[component]
pub fn Keys() -> impl IntoView {
    if crate::ui::platform::crypto::current_fingerprint().is_some() {
        view! { <KeyPanel/> }.into_any()
    } else {
        view! {
            <details class="keys-later">
                <summary>"Signing key (created at your first sign-off; import one here)"</summary>
                <KeyPanel/>
            </details>
        }
        .into_any()
    }
}
