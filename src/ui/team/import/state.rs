//! The import under way on a checklist page: the incoming answers read and their signatures checked
//! with WebCrypto, the preview waiting for "Apply", the backup kept first, and "Undo import".

use std::sync::Arc;

use leptos::prelude::*;

use crate::domain::answers::Answers;
use crate::domain::import::{preview, read_incoming, Incoming, Preview};
use crate::domain::share::decode_payload;
use crate::domain::signing::Precomputed;
use crate::domain::standing::Rules;

use crate::ui::doc::Doc;
use crate::ui::platform::browser::now;
use crate::ui::platform::storage;

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
    pub fn apply(self, doc: &Doc) {
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
    pub fn undo(self, doc: &Doc) {
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
    pub fn close(self) {
        self.preview.set(None);
        self.open.set(false);
        if let Some(w) = web_sys::window() {
            let hash = w.location().hash().unwrap_or_default();
            if let Some((path, _)) = hash.split_once('?') {
                crate::ui::platform::route::replace_hash(path);
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
    let json = crate::ui::platform::deflate::inflate(&bytes)
        .await
        .map_err(damaged)?;
    String::from_utf8(json).map_err(|_| damaged("its answers are not UTF-8".to_string()))
}

/// Reads, checks the signatures of, and previews an incoming file.
async fn incoming_preview(doc: &Doc, name: &str, text: &str) -> Result<Preview, String> {
    let incoming: Incoming = read_incoming(name, text).map_err(|e| e.to_string())?;
    let mut results = std::collections::HashMap::new();
    for check in incoming.signature_checks() {
        let ok = crate::ui::platform::crypto::verify(&check).await;
        results.insert(check, ok);
    }
    let verifier = Precomputed(results);
    let signers = doc.signers.get_untracked();
    let rules = Rules {
        verifier: &verifier,
        as_of: crate::ui::platform::browser::now(),
        signers: signers.as_deref(),
    };
    preview(&doc.checklist, &doc.snapshot(), incoming, &rules)
        .map_err(|e| format!("{e}. Nothing was changed."))
}
