//! Where a checklist's text comes from: the bundled file, the copy stored when it was opened from a
//! file or a paste, or its URL. A checklist opened from a URL is fetched each time it opens and the
//! copy is kept; offline (or when the URL no longer serves a checklist) the stored copy opens, with
//! a line saying from when. When the text at the URL changed since the answers were saved, answers
//! follow their items by id and the page lists what changed.

use std::sync::Arc;

use leptos::prelude::*;

use crate::domain::answers::Answers;
use crate::domain::audit::Drift;
use crate::domain::model::catalog::Catalog;
use crate::domain::signoff::signers::{Signers, SIGNERS_SCHEMA};
use crate::domain::{parse, Checklist};

use crate::ui::platform::browser::now;
use crate::ui::platform::net::fetch_bytes;
use crate::ui::platform::route::{encode, DocKey};
use crate::ui::platform::storage::{self, Source};
use crate::ui::team::transfer;

/// What the page says about where its text came from, when there is something to say.
#[derive(Clone, Debug, PartialEq)]
pub enum SourceNote {
    /// The URL could not be fetched (or did not serve a checklist): the stored copy is shown.
    Offline {
        /// When the copy was stored (RFC 3339).
        copied_at: String,
        /// Why the URL was not used.
        error: String,
    },
    /// The checklist's signers file cannot be used: no sign-off counts until it is fixed.
    SignersUnreadable(String),
    /// The text at the URL changed since the answers were saved.
    Changed {
        /// When the earlier copy was stored.
        copied_at: String,
        /// What changed.
        drift: Drift,
    },
}

/// A checklist's text, and what to say about it.
pub(super) struct Fetched {
    /// File name or URL.
    pub name: String,
    /// The Markdown.
    pub bytes: Vec<u8>,
    /// The Markdown already parsed, when it had to be to judge it (a URL's text), so it is parsed
    /// once.
    pub parsed: Option<Checklist>,
    /// The copy stored before this one, when a URL now serves different text.
    pub previous: Option<(String, Source)>,
    /// Offline copy note.
    pub note: Option<SourceNote>,
}

/// The text of the checklist `key` names.
pub(super) async fn fetch_source(key: &DocKey) -> Result<Fetched, String> {
    match key {
        DocKey::Bundled(file) => {
            let url = format!("checklists/{}", encode(file));
            Ok(Fetched {
                name: file.clone(),
                bytes: fetch_bytes(&url).await?,
                parsed: None,
                previous: None,
                note: None,
            })
        }
        DocKey::Local(id) => {
            let (name, bytes) = transfer::opened_source(id).ok_or_else(|| {
                "This checklist was opened from a file and is not stored in this browser any more. Open its file again."
                    .to_string()
            })?;
            Ok(Fetched {
                name,
                bytes,
                parsed: None,
                previous: None,
                note: None,
            })
        }
        DocKey::Url(url) => fetch_url(key, url).await,
    }
}

/// The stored copy of a URL's checklist and when it was stored.
fn stored_copy(doc: &str) -> Option<(String, Source)> {
    let source = storage::load_source(doc)?;
    let at = storage::load_opened()
        .into_iter()
        .find(|o| o.doc == doc)
        .map(|o| o.added_at)
        .unwrap_or_default();
    Some((at, source))
}

async fn fetch_url(key: &DocKey, url: &str) -> Result<Fetched, String> {
    let url = transfer::absolute_url(url)?;
    let doc = key.storage_id();
    let stored = stored_copy(&doc);
    // A fetched text counts only if it reads as a checklist (an error page served with 200 does not).
    let fresh = match fetch_bytes(&url).await {
        Ok(bytes) => {
            match crate::ui::platform::perf::measure("readiness:parse", || parse(&url, &bytes)) {
                Ok(c) if !c.items.is_empty() => Ok((bytes, c)),
                Ok(_) => Err(format!("{url}: no task items (`- [ ] …`) found")),
                Err(e) => Err(format!("{url}: {e}")),
            }
        }
        Err(e) => Err(e),
    };
    match (fresh, stored) {
        (Ok((bytes, c)), stored) => {
            let previous = stored.filter(|(_, s)| s.text.as_bytes() != bytes.as_slice());
            keep_copy(&doc, &url, &bytes, &c);
            Ok(Fetched {
                name: url,
                bytes,
                parsed: Some(c),
                previous,
                note: None,
            })
        }
        (Err(error), Some((copied_at, source))) => Ok(Fetched {
            name: url,
            bytes: source.text.into_bytes(),
            parsed: None,
            previous: None,
            note: Some(SourceNote::Offline { copied_at, error }),
        }),
        (Err(error), None) => Err(error),
    }
}

/// Stores the copy of a URL's checklist (listed on the landing page); if storage refuses, the
/// checklist still opens, it just will not open offline.
fn keep_copy(doc: &str, url: &str, bytes: &[u8], c: &Checklist) {
    let text = String::from_utf8_lossy(bytes).into_owned();
    if let Err(e) = storage::keep_source(doc, url, text, c, now().to_rfc3339()) {
        leptos::logging::warn!("{url}: no offline copy kept ({e})");
    }
}

/// The signers file bundled with a checklist, when the catalogue lists one. One that cannot be read
/// fails closed: an empty list (no sign-off counts) and a note saying why.
pub(super) async fn signers_for(key: &DocKey) -> (Option<Arc<Signers>>, Option<SourceNote>) {
    let DocKey::Bundled(file) = key else {
        return (None, None);
    };
    let Ok(catalog) = load_catalog().await else {
        return (None, None);
    };
    let Some(path) = catalog
        .checklists
        .into_iter()
        .find(|e| &e.file == file)
        .and_then(|e| e.signers)
    else {
        return (None, None);
    };
    let url = format!("checklists/{}", encode(&path));
    let read = match fetch_bytes(&url).await {
        Ok(bytes) => Signers::from_json(&String::from_utf8_lossy(&bytes))
            .map_err(|e| format!("checklists/{path}: {e}")),
        Err(e) => Err(e),
    };
    match read {
        Ok(s) => (Some(Arc::new(s)), None),
        Err(e) => (
            Some(Arc::new(Signers {
                schema: SIGNERS_SCHEMA.to_string(),
                signers: Vec::new(),
            })),
            Some(SourceNote::SignersUnreadable(e)),
        ),
    }
}

/// The copy the answers were saved against, when the text now at the URL may differ from it: when
/// it was stored and the checklist it was. What changed is worked out by the team module once it
/// is there (`later::changes`: the record the answers made of it, against the text now).
pub struct Earlier {
    /// When the earlier copy was stored.
    pub copied_at: String,
    /// The earlier copy, parsed.
    pub checklist: Arc<Checklist>,
    /// The answers saved against it.
    pub answers: Answers,
}

/// The earlier copy of the text at the URL, if there are answers to judge against it.
pub(super) fn earlier_copy(
    previous: Option<(String, Source)>,
    answers: &Answers,
) -> Option<Earlier> {
    let (copied_at, source) = previous?;
    if answers.items.is_empty() && answers.fields.is_empty() && answers.signoffs.is_empty() {
        return None;
    }
    let before = parse(&source.name, source.text.as_bytes()).ok()?;
    Some(Earlier {
        copied_at,
        checklist: Arc::new(before),
        answers: answers.clone(),
    })
}

/// What changed between the earlier copy and the checklist now (nothing to say when no item
/// changed, or until the team module is there), read reactively.
pub(super) fn changed_since(earlier: &Earlier, now: &Checklist) -> Option<SourceNote> {
    let d = crate::ui::team::later::changes(&earlier.checklist, &earlier.answers, now)?;
    (!d.is_empty()).then(|| SourceNote::Changed {
        copied_at: earlier.copied_at.clone(),
        drift: d,
    })
}

fn day(at: &str) -> String {
    at.replace('T', " ")
        .trim_end_matches('Z')
        .chars()
        .take(16)
        .collect()
}

/// For a checklist opened from a file or a paste: its address works only here, so the file is
/// offered instead.
#[component]
pub(super) fn LocalOnly() -> impl IntoView {
    let doc = crate::ui::doc::use_doc();
    let file = doc.checklist.file.clone();
    let download_source = {
        let doc = doc.id.clone();
        move |_| {
            if let Some((name, bytes)) = transfer::opened_source(&doc) {
                let name = name.rsplit('/').next().unwrap_or(&name).to_string();
                let text = String::from_utf8_lossy(&bytes).into_owned();
                let _ = crate::ui::platform::browser::download(&name, "text/markdown", &text);
            }
        }
    };
    view! {
        <p class="muted" data-testid="local-address">
            {format!("Opened from {file}: this page's address works only in this browser; to share it, send the checklist file and an export. ")}
            <button type="button" on:click=download_source>"Download the checklist file"</button>
        </p>
    }
}

/// The line about an offline copy or a changed source.
#[component]
pub(super) fn SourceBanner(
    /// What to say.
    note: SourceNote,
) -> impl IntoView {
    match note {
        SourceNote::Offline { copied_at, error } => view! {
            <p class="banner info" role="status" data-testid="offline-copy">
                {format!("Offline copy from {}. ", day(&copied_at))}
                <span class="muted">{format!("The checklist's address could not be used now ({error}).")}</span>
            </p>
        }
        .into_any(),
        SourceNote::SignersUnreadable(why) => view! {
            <p class="banner error" role="alert" data-testid="signers-unreadable">
                {format!("The checklist's signers file cannot be used ({why}), so no sign-off counts toward GO until it is fixed.")}
            </p>
        }
        .into_any(),
        SourceNote::Changed { copied_at, drift } => view! {
            <div class="banner info drift" role="status" data-testid="source-drift">
                <p>
                    <strong>{format!("This checklist changed at its address since your copy of {}", day(&copied_at))}</strong>
                    {format!(": {} Answers follow their items by id; answers for removed items are kept and listed.", crate::ui::page::drift::drift_counts(&drift))}
                </p>
                <crate::ui::page::drift::DriftList drift=drift/>
            </div>
        }
        .into_any(),
    }
}

/// Where the catalogue generated at build time lives, relative to the page.
const CATALOG_URL: &str = "checklists/index.json";

/// The catalogue of bundled checklists, generated at build time.
pub async fn load_catalog() -> Result<Catalog, String> {
    let bytes = fetch_bytes(CATALOG_URL).await?;
    serde_json::from_slice(&bytes).map_err(|e| format!("{CATALOG_URL}: not a catalogue ({e})"))
}
