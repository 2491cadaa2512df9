//! Local storage, treated as the fragile outside world it is: it may be missing (private mode,
//! disabled), full (quota), hold corrupt data, or hold data from a newer version. Nothing already
//! saved is ever overwritten blindly: corrupt data is backed up first, newer data never touched.
//!
//! Access goes through gloo-storage; the policy (availability, quota, backups, newer data) is ours.
//!
//! Keys: `readiness:v1:<kind>:<doc>` where `<doc>` is `c:<file>` for a bundled checklist and
//! `l:<hash>` for one the user opened; `v1` is the storage layout version.

use gloo_storage::errors::StorageError as GlooError;
use gloo_storage::{LocalStorage, Storage};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::domain::answers::session::is_newer_schema;
use crate::domain::answers::Answers;
use crate::domain::Checklist;

const PREFIX: &str = "readiness:v1";

/// Storage key of a document's answers. `public/boot.js` looks for it (and for the `meta` and
/// `opened` keys below) before the app starts, to know whether a static page would show the wrong
/// answers: a change to these keys belongs there too.
pub fn answers_key(doc: &str) -> String {
    format!("{PREFIX}:answers:{doc}")
}

/// Storage key of a document's summary for the landing page.
pub fn meta_key(doc: &str) -> String {
    format!("{PREFIX}:meta:{doc}")
}

/// Storage key of an opened checklist's source.
pub fn source_key(doc: &str) -> String {
    format!("{PREFIX}:source:{doc}")
}

/// Storage key of the list of opened checklists.
pub fn opened_key() -> String {
    format!("{PREFIX}:opened")
}

/// Prefix of backup keys for a document.
pub fn backup_prefix(doc: &str) -> String {
    format!("{PREFIX}:backup:{doc}:")
}

/// Why a storage operation failed.
#[derive(Debug, Clone, PartialEq)]
pub enum StorageError {
    /// No local storage at all (private mode, disabled, sandboxed).
    Unavailable,
    /// The write was refused, usually because the quota is exhausted.
    Refused(String),
}

impl std::fmt::Display for StorageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StorageError::Unavailable => {
                write!(f, "local storage is not available in this browser")
            }
            StorageError::Refused(why) => write!(f, "the browser refused to save ({why})"),
        }
    }
}

/// Whether there is a local storage at all. gloo-storage assumes there is (it throws otherwise),
/// so every access asks this first.
fn available() -> Result<(), StorageError> {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .map(|_| ())
        .ok_or(StorageError::Unavailable)
}

/// A refused write, by the name of the browser's exception.
fn refused(name: &str) -> StorageError {
    StorageError::Refused(if name == "QuotaExceededError" {
        "storage is full".to_string()
    } else {
        name.to_string()
    })
}

/// Reads a key's raw text (for data that must be looked at before it is trusted).
pub fn get(key: &str) -> Result<Option<String>, StorageError> {
    available()?;
    LocalStorage::raw()
        .get_item(key)
        .map_err(|_| StorageError::Unavailable)
}

/// Writes a key's raw text (a backup of unreadable data, kept byte for byte).
pub fn set(key: &str, value: &str) -> Result<(), StorageError> {
    available()?;
    LocalStorage::raw().set_item(key, value).map_err(|e| {
        let name = js_sys::Reflect::get(&e, &"name".into())
            .ok()
            .and_then(|n| n.as_string())
            .unwrap_or_else(|| "error".to_string());
        refused(&name)
    })
}

/// Reads a key written by [`set_json`]; `None` when missing, unavailable or unreadable.
pub fn get_json<T: DeserializeOwned>(key: &str) -> Option<T> {
    available().ok()?;
    LocalStorage::get(key).ok()
}

/// Writes a value as JSON.
pub fn set_json<T: Serialize>(key: &str, value: &T) -> Result<(), StorageError> {
    available()?;
    LocalStorage::set(key, value).map_err(|e| match e {
        GlooError::JsError(js) => refused(&js.name),
        other => StorageError::Refused(other.to_string()),
    })
}

/// What was found under a document's answers key.
#[derive(Debug, Clone)]
pub enum Loaded {
    /// Nothing saved yet.
    Empty,
    /// Answers read fine.
    Answers(Answers),
    /// Unreadable data; the raw text was copied to `backup` (or could not be, `None`).
    Corrupt {
        /// The raw text.
        raw: String,
        /// Where it was backed up.
        backup: Option<String>,
        /// What was wrong.
        error: String,
    },
    /// Saved by a newer version: left untouched.
    Newer {
        /// The schema found.
        schema: String,
    },
    /// Storage itself is unavailable.
    Unavailable,
}

/// Reads a document's answers, classifying what is there. Corrupt data is backed up under a
/// timestamped key before anything else can overwrite it.
pub fn load_answers(doc: &str, now_iso: &str) -> Loaded {
    let raw = match get(&answers_key(doc)) {
        Ok(Some(raw)) => raw,
        Ok(None) => return Loaded::Empty,
        Err(_) => return Loaded::Unavailable,
    };
    let value: Result<Value, _> = serde_json::from_str(&raw);
    let error = match value {
        Ok(v) => {
            let schema = v
                .get("schema")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            if is_newer_schema(&schema) {
                return Loaded::Newer { schema };
            }
            match Answers::from_value(v) {
                Ok(a) => return Loaded::Answers(a),
                Err(e) => e.to_string(),
            }
        }
        Err(e) => format!("not JSON: {e}"),
    };
    let backup = format!("{}{now_iso}", backup_prefix(doc));
    let backup = set(&backup, &raw).ok().map(|_| backup);
    Loaded::Corrupt { raw, backup, error }
}

/// The landing page's summary of a document's answers.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    /// Last save, RFC 3339.
    pub saved_at: String,
    /// Readiness items done.
    pub done: usize,
    /// Readiness items applicable.
    pub applicable: usize,
    /// Score in hundredths.
    pub score_centi: u32,
    /// Verdict.
    pub go: bool,
}

/// Reads a document's landing-page summary.
pub fn load_meta(doc: &str) -> Option<Meta> {
    get_json(&meta_key(doc))
}

/// A checklist the user opened (file, paste or URL), listed on the landing page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Opened {
    /// Document id (`l:<hash>`).
    pub doc: String,
    /// File name or URL it came from.
    pub name: String,
    /// Title.
    pub title: String,
    /// Item count.
    pub items: usize,
    /// When it was opened, RFC 3339.
    pub added_at: String,
}

/// The list of opened checklists (empty when unreadable).
pub fn load_opened() -> Vec<Opened> {
    get_json(&opened_key()).unwrap_or_default()
}

/// An opened checklist's stored source: its name and exact text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    /// File name or URL.
    pub name: String,
    /// The Markdown text.
    pub text: String,
}

/// Stores an opened checklist's source and lists it (replacing an entry for the same document).
pub fn save_opened(entry: Opened, source: &Source) -> Result<(), StorageError> {
    set_json(&source_key(&entry.doc), source)?;
    let mut list = load_opened();
    list.retain(|o| o.doc != entry.doc);
    list.insert(0, entry);
    set_json(&opened_key(), &list)
}

/// Stores the source of checklist `c`, opened as `name` (a file name or URL) under document id
/// `doc`, stamped `at`, and lists it on the landing page.
pub fn keep_source(
    doc: &str,
    name: &str,
    text: String,
    c: &Checklist,
    at: String,
) -> Result<(), StorageError> {
    let entry = Opened {
        doc: doc.to_string(),
        name: name.to_string(),
        title: c.title.clone(),
        items: c.items.len(),
        added_at: at,
    };
    save_opened(
        entry,
        &Source {
            name: name.to_string(),
            text,
        },
    )
}

/// Reads an opened checklist's source.
pub fn load_source(doc: &str) -> Option<Source> {
    get_json(&source_key(doc))
}

/// The session-storage key of a record handed from a checklist page to the auditor view.
const AUDIT_HANDOFF: &str = "readiness:audit-handoff";

/// Hands a record (its file name and exact text) to the auditor view, for this tab only.
pub fn hand_to_audit(name: &str, text: &str) -> Result<(), String> {
    let store = web_sys::window()
        .and_then(|w| w.session_storage().ok().flatten())
        .ok_or("this browser keeps no session storage")?;
    let value = serde_json::json!({ "name": name, "text": text }).to_string();
    store
        .set_item(AUDIT_HANDOFF, &value)
        .map_err(|_| "the record is too large for this browser's session storage".to_string())
}

/// The record handed over by [`hand_to_audit`], taken (it is read once).
pub fn take_audit_handoff() -> Option<(String, String)> {
    let store = web_sys::window()?.session_storage().ok().flatten()?;
    let value = store.get_item(AUDIT_HANDOFF).ok().flatten()?;
    let _ = store.remove_item(AUDIT_HANDOFF);
    let v: serde_json::Value = serde_json::from_str(&value).ok()?;
    Some((
        v.get("name")?.as_str()?.to_string(),
        v.get("text")?.as_str()?.to_string(),
    ))
}
