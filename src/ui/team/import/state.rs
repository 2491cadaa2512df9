//! The import under way on a checklist page: the incoming answers read and their signatures checked
//! with WebCrypto, the preview waiting for "Apply", the backup kept first, and "Undo import".

use std::sync::Arc;

use leptos::prelude::*;

use crate::domain::answers::share::decode_payload;
use crate::domain::answers::Answers;
use crate::domain::carry::next_release;
use crate::domain::import::{preview_all, read_incoming, Outcome, Preview, SignoffFate};
use crate::domain::signoff::signing::Precomputed;
use crate::domain::signoff::standing::Rules;

use crate::ui::doc::Doc;
use crate::ui::platform::browser::now;
use crate::ui::platform::storage;

/// The name a share link's answers go by in the preview ("Answers from the share link").
pub(super) const SHARE_LINK: &str = "the share link";

/// The import in progress on a checklist page, shared by the button, the panel and share links.
#[derive(Clone, Copy)]
pub struct ImportState {
    /// Whether the file, drop and paste panel is open.
    pub open: RwSignal<bool>,
    /// What importing would change, waiting for "Apply".
    pub preview: RwSignal<Option<Arc<Preview>>>,
    /// Per conflict: the side chosen (0, the first, is this page's when it has an answer).
    pub choice: RwSignal<Vec<usize>>,
    /// Per re-sign over other answers: whether to keep the current sign-off as its line's latest.
    pub keep: RwSignal<Vec<bool>>,
    /// WebCrypto's answers for this page's and the incoming sign-offs, for the outcome.
    verified: StoredValue<Precomputed>,
    /// Why the last input could not be used.
    pub error: RwSignal<Option<String>>,
    /// After "Apply": what was done, and the backup key "Undo import" restores.
    pub applied: RwSignal<Option<(String, String)>>,
    /// The files of the preview shown, as read (name, text): "Start the next release from this
    /// record" reads the record again.
    files: StoredValue<Vec<(String, String)>>,
}

impl ImportState {
    /// A state with nothing under way.
    pub fn new() -> Self {
        ImportState {
            open: RwSignal::new(false),
            preview: RwSignal::new(None),
            choice: RwSignal::new(Vec::new()),
            keep: RwSignal::new(Vec::new()),
            verified: StoredValue::new(Precomputed::default()),
            error: RwSignal::new(None),
            applied: RwSignal::new(None),
            files: StoredValue::new(Vec::new()),
        }
    }

    /// Previews the files (each a name for messages and its text) against the document's
    /// current answers, all in one preview.
    pub fn start(self, doc: Doc, files: Vec<(String, String)>) {
        self.files.set_value(files.clone());
        leptos::task::spawn_local(async move {
            match self.incoming_preview(&doc, &files).await {
                Ok(p) => {
                    self.choice.set(vec![0; p.clashes.len()]);
                    self.keep.set(vec![false; p.resigns.len()]);
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
                    Ok(text) => self.start(doc, vec![(SHARE_LINK.to_string(), text)]),
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
        let Some(key) = self.backup(doc) else {
            return;
        };
        let choice = self.choice.get_untracked();
        let keep = self.keep.get_untracked();
        let outcome = self.outcome(doc, &p, &choice, &keep);
        let merged = p.apply(&choice, &keep);
        let answers_changed = doc.code.get_untracked() != outcome.code;
        doc.cause
            .set_value(crate::ui::doc::Cause::Import { answers_changed });
        doc.replace_all(&merged);
        doc.flush();
        let taken = p
            .clashes
            .iter()
            .zip(&choice)
            .filter(|(c, &k)| c.sides.get(k).is_some_and(|s| !s.from.contains(&None)))
            .count();
        // A re-sign kept as history only is not added.
        let added = p
            .signoffs
            .iter()
            .filter(|s| s.fate == SignoffFate::Added)
            .count()
            - outcome.kept.len();
        let stale = match outcome.changed() {
            s if s.is_empty() => s,
            s => format!(" {s}"),
        };
        self.applied.set(Some((
            format!(
                "Imported {}: {} new answer{}, {} conflict{} taken from theirs, {} sign-off{} added.{stale}",
                names(&p),
                p.new - p.new_signoff_blanks,
                plural(p.new - p.new_signoff_blanks),
                taken,
                plural(taken),
                added,
                plural(added)
            ),
            key,
        )));
        self.close();
    }

    /// "Start the next release from this record": the record previewed, carried into this
    /// checklist by the domain's one function (answers given here stay), after a backup, with
    /// "Undo import" as for any import.
    pub fn next_release(self, doc: &Doc) {
        let files = self.files.get_value();
        let [(name, text)] = files.as_slice() else {
            return;
        };
        let (doc, text, name) = (doc.clone(), text.clone(), name.clone());
        leptos::task::spawn_local(async move {
            let carried = next_release(&doc.snapshot(), &text, &name, &doc.checklist);
            let (answers, report) = match carried {
                Ok(r) => r,
                Err(e) => {
                    self.error.set(Some(e.to_string()));
                    return;
                }
            };
            let Some(key) = self.backup(&doc) else {
                return;
            };
            doc.cause.set_value(crate::ui::doc::Cause::Import {
                answers_changed: true,
            });
            doc.replace_all(&answers);
            doc.flush();
            self.applied.set(Some((
                format!("Started the next release from {name}: {}", report.summary()),
                key,
            )));
            self.close();
        });
    }

    /// Keeps the current answers under a backup key first; `None` (and the error shown) when
    /// they could not be kept, so nothing is changed.
    fn backup(self, doc: &Doc) -> Option<String> {
        let key = format!(
            "{}import-{}",
            storage::backup_prefix(&doc.id),
            now().to_rfc3339()
        );
        match storage::set_json(&key, &doc.snapshot()) {
            Ok(()) => Some(key),
            Err(e) => {
                self.error.set(Some(format!(
                    "Nothing was imported: your current answers could not be backed up first ({e})."
                )));
                None
            }
        }
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

/// "a.json", or "3 files" when there are several.
fn names(p: &Preview) -> String {
    match p.files.as_slice() {
        [one] => one.name.clone(),
        many => format!("{} files", many.len()),
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

impl ImportState {
    /// Reads the files, checks their sign-offs' signatures with WebCrypto, and previews them.
    async fn incoming_preview(
        self,
        doc: &Doc,
        files: &[(String, String)],
    ) -> Result<Preview, String> {
        let read: Vec<_> = files
            .iter()
            .map(|(name, text)| read_incoming(name, text))
            .collect();
        doc.signatures_checked().await;
        let mut results = doc.verified.get_untracked();
        for incoming in read.iter().flatten() {
            for check in incoming.signature_checks() {
                if let std::collections::hash_map::Entry::Vacant(slot) = results.0.entry(check) {
                    let ok = crate::ui::platform::crypto::verify(slot.key()).await;
                    slot.insert(ok);
                }
            }
        }
        let signers = doc.signers.get_untracked();
        let rules = Rules {
            verifier: &results,
            as_of: now(),
            signers: signers.as_deref(),
        };
        let p = preview_all(&doc.checklist, &doc.snapshot(), read, &rules)
            .map_err(|e| format!("{e}. Nothing was changed."))?;
        self.verified.set_value(results);
        Ok(p)
    }

    /// Which sign-offs count after applying `p` with `choice`, and which it makes stale.
    pub fn outcome(self, doc: &Doc, p: &Preview, choice: &[usize], keep: &[bool]) -> Outcome {
        let signers = doc.signers.get_untracked();
        self.verified.with_value(|v| {
            p.outcome(
                &doc.checklist,
                choice,
                keep,
                &Rules {
                    verifier: v,
                    as_of: now(),
                    signers: signers.as_deref(),
                },
            )
        })
    }
}
