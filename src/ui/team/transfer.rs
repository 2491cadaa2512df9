//! Getting things in and out: the audit-record export, "Copy as Markdown", and opening your own
//! checklist from a file, a drop, a paste or a `?src=` URL. Bad input gets a message saying what
//! and where; nothing already open or saved is touched.

use leptos::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::domain::answers::validate::export_refusals;
use crate::domain::audit::{export, to_json};
use crate::domain::parse;
use crate::domain::report::write_back;
use crate::domain::text::sha256_hex;
use crate::APP_VERSION;

use crate::ui::doc::{use_doc, Doc};
use crate::ui::platform::browser::{download, now};
use crate::ui::platform::files::{read_bytes, DropZone};
use crate::ui::platform::storage;

/// `<checklist>-<time>-<person>-<role>-<code>-<hex6>.json` (`domain::ready::export_name`) for the
/// record `json`: the person is this profile's name, the role the one its key last signed on this
/// checklist, the last part the start of the file's own digest.
pub fn export_filename(doc: &Doc, json: &str) -> String {
    let mine = crate::ui::platform::crypto::stored().map(|k| k.public);
    let role = doc.signoffs.with_untracked(|r| {
        r.iter()
            .rev()
            .find(|r| r.public_key.is_some() && r.public_key == mine)
            .map(|r| r.role.clone())
    });
    crate::domain::signoff::ready::export_name(
        &doc.checklist.file,
        now(),
        &crate::ui::platform::profile::profile().name,
        role.as_deref(),
        &doc.digest(),
        json.as_bytes(),
    )
}

/// The audit record of the document's current answers, as JSON (sign-offs judged by the rules in
/// force here; one whose signature does not hold is left out, as the CLI's `export` leaves it).
pub fn export_json(doc: &Doc) -> String {
    let snapshot = doc.snapshot();
    to_json(&doc.with_rules(|rules| export(&doc.checklist, &snapshot, APP_VERSION, rules)))
}

/// The current record (its file name and JSON) for `then`, once saved and every signature checked;
/// a record that would not verify is refused in `message`, starting with `refused`.
fn with_record(
    doc: &Doc,
    message: RwSignal<Option<String>>,
    refused: &'static str,
    then: impl FnOnce(String, String) + 'static,
) {
    doc.flush();
    let problems = export_refusals(&doc.snapshot(), &doc.checklist);
    if !problems.is_empty() {
        let what: Vec<String> = problems
            .iter()
            .map(|p| format!("{}: {}", p.key, p.message))
            .collect();
        message.set(Some(format!(
            "{refused}: the record would not verify ({}). Give each N/A a reason first.",
            what.join("; ")
        )));
        return;
    }
    let doc = doc.clone();
    leptos::task::spawn_local(async move {
        doc.signatures_checked().await;
        let json = export_json(&doc);
        then(export_filename(&doc, &json), json);
    });
}

/// Asked once, before a first export or share link from a profile with no name: one field, and the
/// name is remembered (answers from now on are attributed to it, and the file is named after it);
/// going on without one is remembered too. `then` runs once answered.
#[component]
pub fn AskName(
    /// Shown while asking.
    asking: RwSignal<bool>,
    /// What to do once a name is given or declined.
    then: Callback<()>,
) -> impl IntoView {
    let typed = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let name = typed.get_untracked();
        if name.trim().is_empty() {
            error.set(Some("Type your name, or go on without one.".to_string()));
            return;
        }
        match crate::ui::platform::profile::set_name(&name) {
            Ok(()) => {
                asking.set(false);
                then.run(());
            }
            Err(e) => error.set(Some(e)),
        }
    };
    let skip = move |_| {
        let _ = crate::ui::platform::profile::decline_name();
        asking.set(false);
        then.run(());
    };
    move || {
        asking.get().then(|| {
            view! {
                <form class="ask-name banner info" data-testid="ask-name" on:submit=save>
                    <label for="ask-name">"Your name, so the record says who answered: "</label>
                    <input id="ask-name" type="text" autocomplete="name" data-testid="ask-name-input"
                        prop:value=move || typed.get() on:input=move |ev| typed.set(event_target_value(&ev))/>
                    " "
                    <button type="submit">"Save and go on"</button>
                    " "
                    <button type="button" class="linklike" on:click=skip>"Go on without a name"</button>
                    {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
                </form>
            }
        })
    }
}

/// The Export, Copy as Markdown, Print and "For auditors' tools…" buttons.
#[component]
pub fn ExportButtons() -> impl IntoView {
    let doc = use_doc();
    let message = RwSignal::new(None::<String>);
    let fallback = RwSignal::new(None::<String>);
    let export_now = {
        let doc = doc.clone();
        Callback::new(move |()| {
            with_record(
                &doc,
                message,
                "Not exported",
                move |name, json| match download(&name, "application/json", &json) {
                    Ok(()) => message.set(Some(format!("Exported {name}"))),
                    Err(e) => message.set(Some(format!("Export failed: {e}"))),
                },
            )
        })
    };
    let asking = RwSignal::new(false);
    let do_export = move |_| {
        if crate::ui::platform::profile::ask_name_first() {
            asking.set(true);
        } else {
            export_now.run(());
        }
    };
    // The record in auditors' own formats: the auditor view (loaded on first use) makes them.
    let to_audit = {
        let doc = doc.clone();
        move |_| {
            with_record(&doc, message, "Not converted", move |name, json| {
                match crate::ui::platform::storage::hand_to_audit(&name, &json) {
                    Ok(()) => {
                        let _ = web_sys::window().map(|w| w.location().set_hash("#/audit"));
                    }
                    Err(e) => message.set(Some(format!("Not converted: {e}"))),
                }
            })
        }
    };
    let copy_md = {
        let doc = doc.clone();
        move |_| {
            let (c, a, b) = (
                doc.checklist.clone(),
                doc.snapshot(),
                doc.breakdown.get_untracked(),
            );
            leptos::task::spawn_local(async move {
                let written = write_back(&c, &a, &b);
                let (said, md) = (written.message(), written.markdown);
                let clipboard = web_sys::window().map(|w| w.navigator().clipboard());
                match clipboard {
                    Some(cb) => {
                        let promise = cb.write_text(&md);
                        leptos::task::spawn_local(async move {
                            match JsFuture::from(promise).await {
                                Ok(_) => message.set(Some(said)),
                                Err(_) => {
                                    message.set(Some(
                                        "The browser blocked the clipboard; copy the text below."
                                            .to_string(),
                                    ));
                                    fallback.set(Some(md));
                                }
                            }
                        });
                    }
                    None => fallback.set(Some(md)),
                }
            });
        }
    };
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    view! {
        <div class="export-buttons">
            <button type="button" on:click=do_export>"Export"</button>
            <button type="button" on:click=copy_md>"Copy as Markdown"</button>
            <button type="button" on:click=print>"Print"</button>
            <button type="button" data-testid="to-auditor-tools" on:click=to_audit
                title="JUnit, CSV, Heimdall (HDF), OSCAL, in-toto test result">"For auditors' tools…"</button>
            <span class="muted" role="status">{move || message.get()}</span>
            <AskName asking=asking then=export_now/>
            {move || fallback.get().map(|md| view! {
                <div class="md-fallback">
                    <label for="md-fallback">"Markdown report"</label>
                    <textarea id="md-fallback" readonly rows="8" prop:value=md></textarea>
                    <button type="button" on:click=move |_| fallback.set(None)>"Close"</button>
                </div>
            })}
        </div>
    }
}

/// Document id of an opened checklist: from its content, so reopening it finds its answers.
pub fn local_doc_id(bytes: &[u8]) -> String {
    format!("l:{}", &sha256_hex(bytes)[..16])
}

/// Validates and stores an opened checklist; returns the document id to navigate to.
pub fn open_source(name: &str, bytes: Vec<u8>) -> Result<String, String> {
    if bytes.is_empty() {
        return Err(format!("{name}: the file is empty"));
    }
    let checklist = parse(name, &bytes).map_err(|e| format!("{name}: {e}"))?;
    if checklist.items.is_empty() {
        return Err(format!(
            "{name}: no task items (`- [ ] …`) found; this does not look like a checklist"
        ));
    }
    let text = String::from_utf8(bytes.clone()).map_err(|_| format!("{name}: not UTF-8"))?;
    let doc = local_doc_id(&bytes);
    // Remember the source for offline reopening; if storage refuses, it still opens in this tab.
    if let Err(e) = storage::keep_source(&doc, name, text, &checklist, now().to_rfc3339()) {
        OPENED_UNSAVED.with(|m| {
            m.borrow_mut()
                .insert(doc.clone(), (name.to_string(), bytes))
        });
        leptos::logging::warn!("{name}: not stored ({e}); open in this tab only");
    }
    Ok(doc)
}

thread_local! {
    /// Opened sources that storage refused, kept for this tab.
    pub static OPENED_UNSAVED: std::cell::RefCell<std::collections::HashMap<String, (String, Vec<u8>)>> =
        std::cell::RefCell::new(std::collections::HashMap::new());
}

/// The source of an opened checklist: from storage, or from this tab's memory.
pub fn opened_source(doc: &str) -> Option<(String, Vec<u8>)> {
    if let Some(s) = storage::load_source(doc) {
        return Some((s.name, s.text.into_bytes()));
    }
    OPENED_UNSAVED.with(|m| m.borrow().get(doc).cloned())
}

/// `url` resolved against this page, if it is an http or https URL.
pub fn absolute_url(url: &str) -> Result<String, String> {
    let parsed = web_sys::Url::new_with_base(
        url,
        &web_sys::window()
            .and_then(|w| w.location().href().ok())
            .unwrap_or_default(),
    )
    .map_err(|_| format!("{url}: not a valid URL"))?;
    let proto = parsed.protocol();
    if proto != "https:" && proto != "http:" {
        return Err(format!("{url}: only http and https URLs can be opened"));
    }
    Ok(parsed.href())
}

/// Goes to the checklist just opened, or shows why it could not be opened.
fn go_to_opened(result: Result<String, String>, error: RwSignal<Option<String>>) -> bool {
    match result {
        Ok(doc) => {
            error.set(None);
            crate::ui::platform::route::navigate(
                &crate::ui::platform::route::DocKey::Local(doc).href(None),
            );
            true
        }
        Err(e) => {
            error.set(Some(e));
            false
        }
    }
}

/// File picker, drop zone and paste box for opening your own checklist.
#[component]
pub fn OpenOwn() -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    let open_files = move |files: Vec<web_sys::File>| {
        let Some(file) = files.into_iter().next() else {
            return;
        };
        leptos::task::spawn_local(async move {
            let result = match read_bytes(file).await {
                Ok((name, bytes)) => open_source(&name, bytes),
                Err(e) => Err(e),
            };
            go_to_opened(result, error);
        });
    };
    // What was given to the static copy before the app was live is opened now, as if given here.
    use crate::ui::platform::prerender::{take_early, Early};
    let mut draft = String::new();
    match take_early() {
        Some(Early::File(f)) => open_files(vec![f]),
        Some(Early::Text(text)) => leptos::task::spawn_local(async move {
            go_to_opened(open_source("pasted.md", text.into_bytes()), error);
        }),
        Some(Early::Draft(text)) => draft = text,
        None => {}
    }
    view! {
        <section class="open-own" aria-labelledby="open-own-title">
            <h2 id="open-own-title">"Open your own checklist"</h2>
            <DropZone id="open-file" label="Markdown file (or drop one here)"
                accept=".md,.markdown,.txt,text/markdown,text/plain" testid="open-file" on_files=open_files/>
            <PasteBox error=error draft=draft/>
            <p class="muted">
                "Or link to one: add "<code>"?src=https://…/checklist.md"</code>
                " to this page's address (same origin, or a server that allows CORS)."
            </p>
            {move || error.get().map(|e| view! { <p class="error" role="alert" data-testid="open-error">{e}</p> })}
        </section>
    }
}

/// Opening a checklist pasted as Markdown.
#[component]
fn PasteBox(
    /// Where a problem is shown.
    error: RwSignal<Option<String>>,
    /// Markdown already typed (into the static copy, before the app was live).
    draft: String,
) -> impl IntoView {
    let pasted = RwSignal::new(draft);
    let on_paste_open = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = pasted.get_untracked();
        if text.trim().is_empty() {
            error.set(Some("Paste some Markdown first.".to_string()));
            return;
        }
        if go_to_opened(open_source("pasted.md", text.into_bytes()), error) {
            pasted.set(String::new());
        }
    };
    view! {
        <form on:submit=on_paste_open>
            <label for="paste-md">"…or paste Markdown"</label>
            <textarea
                id="paste-md"
                rows="4"
                data-testid="paste-markdown"
                prop:value=move || pasted.get()
                on:input=move |ev| pasted.set(event_target_value(&ev))
            ></textarea>
            <button type="submit">"Open pasted checklist"</button>
        </form>
    }
}
