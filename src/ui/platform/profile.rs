//! Who this browser profile says it is: the name the person gave (and the role they last signed),
//! with their signing key's id. Every answer they change is attributed to it, every file they
//! export is named after it, and their entry for a signers file is filled from it.

use std::cell::RefCell;

use serde::{Deserialize, Serialize};

use crate::domain::answers::Person;
use crate::ui::platform::{crypto, storage};

const KEY: &str = "readiness:v1:profile";

/// What is stored.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    /// The person's name.
    #[serde(default)]
    pub name: String,
    /// The role they last signed for here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Asked for a name before a first export or share link, and chose to go on without one: not
    /// asked again.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub declined_name: bool,
}

/// Whether an export or share link should first ask for a name: none given, and never declined.
pub fn ask_name_first() -> bool {
    let p = profile();
    p.name.trim().is_empty() && !p.declined_name
}

/// Remembers that this person goes on without a name.
pub fn decline_name() -> Result<(), String> {
    save(&Profile {
        declined_name: true,
        ..profile()
    })
}

thread_local! {
    /// The profile as last read or written (a toggle reads it; storage is read once).
    static CACHE: RefCell<Option<Profile>> = const { RefCell::new(None) };
}

/// The stored profile (empty when none).
pub fn profile() -> Profile {
    CACHE.with(|c| {
        c.borrow_mut()
            .get_or_insert_with(|| storage::get_json(KEY).unwrap_or_default())
            .clone()
    })
}

/// Saves the profile.
pub fn save(p: &Profile) -> Result<(), String> {
    storage::set_json(KEY, p).map_err(|e| format!("your name could not be saved ({e})"))?;
    CACHE.with(|c| *c.borrow_mut() = Some(p.clone()));
    Ok(())
}

/// Remembers `name` (trimmed) as this profile's name.
pub fn set_name(name: &str) -> Result<(), String> {
    save(&Profile {
        name: name.trim().to_string(),
        ..profile()
    })
}

/// Remembers a sign-off: its name becomes the profile's when none was given, and its role the
/// last role signed.
pub fn signed(name: &str, role: &str) {
    let mut p = profile();
    if p.name.trim().is_empty() {
        p.name = name.trim().to_string();
    }
    p.role = Some(role.to_string());
    let _ = save(&p);
}

/// Drops what this page cached of the profile (another tab changed it): the next ask reads
/// storage.
pub fn forget() {
    CACHE.with(|c| *c.borrow_mut() = None);
    crypto::forget_key();
}

/// Whether a storage key holds this profile or its signing key.
pub fn is_profile_entry(key: &str) -> bool {
    key == KEY || crypto::is_key_entry(key)
}

/// The person this profile is: its name and its key's fingerprint (both cached for the page, so
/// a toggle reads no storage).
pub fn person() -> Person {
    Person {
        name: profile().name,
        key: crypto::current_fingerprint(),
    }
}
