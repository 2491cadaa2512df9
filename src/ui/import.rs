//! "Open answers…": continuing from someone else's export or answers file (a file, a drop, a
//! paste) or from a share link. The domain reads it and previews what would change; the sign-offs'
//! signatures are checked with WebCrypto first, so a forged or altered one is shown as invalid and
//! never counted. Nothing changes before "Apply"; the answers from before are kept under a backup
//! key and "Undo import" brings them back.

use std::sync::Arc;

use leptos::prelude::*;

use crate::domain::answers::Answers;
use crate::domain::import::{preview, read_incoming, Incoming, Preview};
use crate::domain::share::decode_payload;
use crate::domain::signing::Precomputed;
use crate::domain::standing::Rules;

use super::browser::now;
use super::files::{read_text, DropZone};
use super::state::{use_doc, Doc};
use super::storage;

/// The import in progress on a checklist page, shared by the button, the panel and share links.
#[derive(Clone, Copy)]
pub struct ImportState {
    /// Whether the file, drop and paste panel is open.
    pub open: RwSignal<bool>,
    /// What importing would change, waiting for "Apply".
    pub preview: RwSignal<Option<Arc<Preview>>>,
    /// Per conflict: take theirs.
    pub take_theirs: RwSignal<Vec<bool>>,
    /// Why the last input could not be used.
    pub error: RwSignal<Option<String>>,
    /// After "Apply": what was done, and the backup key "Undo import" restores.
    pub applied: RwSignal<Option<(String, String)>>,
}

impl ImportState {
    /// A state with nothing under way.
    pub fn new() -> Self {
        ImportState {
            open: RwSignal::new(false),
            preview: RwSignal::new(None),
            take_theirs: RwSignal::new(Vec::new()),
            error: RwSignal::new(None),
            applied: RwSignal::new(None),
        }
    }

    /// Previews `text` (named `name` in messages) against the document's current answers.
    pub fn start(self, doc: Doc, name: String, text: String) {
        leptos::task::spawn_local(async move {
            match incoming_preview(&doc, &name, &text).await {
                Ok(p) => {
                    self.take_theirs.set(vec![false; p.conflicts.len()]);
                    self.error.set(None);
                    self.open.set(false);
                    self.preview.set(Some(Arc::new(p)));
                }
                Err(e) => {
                    self.preview.set(None);
                    self.error.set(Some(e));
                }
            }
        });
    }

    /// Opens the preview of a share link's answers whenever the address carries one.
    pub fn follow_share_links(self, doc: &Doc, share: Memo<Option<String>>) {
        let doc = doc.clone();
        Effect::new(move |_| {
            let Some(payload) = share.get() else { return };
            let doc = doc.clone();
            leptos::task::spawn_local(async move {
                match share_text(&payload).await {
                    Ok(text) => self.start(doc, "the share link".to_string(), text),
                    Err(e) => self.error.set(Some(e)),
                }
            });
        });
    }

    /// Applies the preview with the sides chosen, after keeping the current answers in a backup.
    pub(super) fn apply(self, doc: &Doc) {
        let Some(p) = self.preview.get_untracked() else {
            return;
        };
        let before = doc.snapshot();
        let key = format!(
            "{}import-{}",
            storage::backup_prefix(&doc.id),
            now().to_rfc3339()
        );
        if let Err(e) = storage::set_json(&key, &before) {
            self.error.set(Some(format!(
                "Nothing was imported: your current answers could not be backed up first ({e})."
            )));
            return;
        }
        let merged = p.apply(&self.take_theirs.get_untracked());
        doc.replace_all(&merged);
        doc.flush();
        let taken = self
            .take_theirs
            .with_untracked(|t| t.iter().filter(|&&x| x).count());
        let added = p
            .signoffs
            .iter()
            .filter(|s| s.fate == crate::domain::import::SignoffFate::Added)
            .count();
        self.applied.set(Some((
            format!(
                "Imported {}: {} new answer{}, {} conflict{} taken from theirs, {} sign-off{} added.",
                p.name,
                p.new,
                plural(p.new),
                taken,
                plural(taken),
                added,
                plural(added)
            ),
            key,
        )));
        self.close();
    }

    /// Restores the answers from before the last import.
    fn undo(self, doc: &Doc) {
        let Some((_, key)) = self.applied.get_untracked() else {
            return;
        };
        match storage::get(&key)
            .ok()
            .flatten()
            .map(|raw| Answers::from_json(&raw))
        {
            Some(Ok(before)) => {
                doc.replace_all(&before);
                doc.flush();
                self.applied.set(None);
                doc.notice.set(Some(
                    "Import undone: your answers are as before it.".to_string(),
                ));
            }
            _ => self.error.set(Some(format!(
                "The backup {key} could not be read; nothing was changed."
            ))),
        }
    }

    /// Ends the preview and drops a share link's payload from the address.
    pub(super) fn close(self) {
        self.preview.set(None);
        self.open.set(false);
        if let Some(w) = web_sys::window() {
            let hash = w.location().hash().unwrap_or_default();
            if let Some((path, _)) = hash.split_once('?') {
                super::route::replace_hash(path);
            }
        }
    }
}

impl Default for ImportState {
    fn default() -> Self {
        Self::new()
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// The answers a share link carries, as text.
async fn share_text(payload: &str) -> Result<String, String> {
    let damaged = |why: String| {
        format!("This share link is damaged ({why}); nothing was changed. Ask for the link again, or for the exported file.")
    };
    let bytes = decode_payload(payload).map_err(|e| e.to_string())?;
    let json = super::deflate::inflate(&bytes).await.map_err(damaged)?;
    String::from_utf8(json).map_err(|_| damaged("its answers are not UTF-8".to_string()))
}

/// Reads, checks the signatures of, and previews an incoming file.
async fn incoming_preview(doc: &Doc, name: &str, text: &str) -> Result<Preview, String> {
    let incoming: Incoming = read_incoming(name, text).map_err(|e| e.to_string())?;
    let mut results = std::collections::HashMap::new();
    for check in incoming.signature_checks() {
        let ok = super::keys::verify(&check).await;
        results.insert(check, ok);
    }
    let verifier = Precomputed(results);
    let signers = doc.signers.get_untracked();
    let rules = Rules {
        verifier: &verifier,
        as_of: super::browser::now(),
        signers: signers.as_deref(),
    };
    preview(&doc.checklist, &doc.snapshot(), incoming, &rules)
        .map_err(|e| format!("{e}. Nothing was changed."))
}

/// The "Open answers…" button in the toolbar.
#[component]
pub fn ImportButton() -> impl IntoView {
    let state = expect_context::<ImportState>();
    view! {
        <button type="button" data-testid="open-answers" aria-expanded=move || state.open.get().to_string()
            on:click=move |_| state.open.update(|o| *o = !*o)>"Open answers…"</button>
    }
}

/// The file, drop and paste inputs, the preview, and what was imported (with undo).
#[component]
pub fn ImportPanel() -> impl IntoView {
    let state = expect_context::<ImportState>();
    let doc = use_doc();
    let undo_doc = doc.clone();
    view! {
        {move || state.open.get().then(|| view! { <ImportInputs/> })}
        {move || state.error.get().map(|e| view! {
            <p class="banner error" role="alert" data-testid="import-error">{e}</p>
        })}
        {move || state.preview.get().map(|p| view! { <super::import_preview::PreviewPanel preview=p/> })}
        {move || state.applied.get().map(|(msg, _)| {
            let doc = undo_doc.clone();
            view! {
                <div class="banner info" role="status" data-testid="import-done">
                    <p>{msg}</p>
                    <button type="button" on:click=move |_| state.undo(&doc)>"Undo import"</button>
                </div>
            }
        })}
    }
}

#[component]
fn ImportInputs() -> impl IntoView {
    let state = expect_context::<ImportState>();
    let doc = use_doc();
    let pasted = RwSignal::new(String::new());
    let take = {
        let doc = doc.clone();
        move |files: Vec<web_sys::File>| {
            let Some(file) = files.into_iter().next() else {
                return;
            };
            let doc = doc.clone();
            leptos::task::spawn_local(async move {
                match read_text(file).await {
                    (name, Ok(text)) => state.start(doc, name, text),
                    (_, Err(e)) => state.error.set(Some(e)),
                }
            });
        }
    };
    let on_paste = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        state.start(
            doc.clone(),
            "the pasted answers".to_string(),
            pasted.get_untracked(),
        );
    };
    view! {
        <section class="import-inputs" aria-labelledby="import-title">
            <h2 id="import-title">"Open answers"</h2>
            <p class="muted">"An export ("<code>".json"</code>") or answers file someone made with this checklist. You see what it would change before anything does."</p>
            <DropZone id="import-file" label="Export or answers file (or drop one here)"
                accept=".json,application/json" testid="import-answers" on_files=take/>
            <form on:submit=on_paste>
                <label for="import-paste">"…or paste one"</label>
                <textarea id="import-paste" rows="3" data-testid="import-paste"
                    prop:value=move || pasted.get()
                    on:input=move |ev| pasted.set(event_target_value(&ev))></textarea>
                <button type="submit">"Preview pasted answers"</button>
            </form>
        </section>
    }
}
