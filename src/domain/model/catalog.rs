//! The catalogue of bundled checklists (`checklists/index.json`), generated at build time by
//! `readiness catalog` so the landing page can list every checklist without downloading them.

use serde::{Deserialize, Serialize};

use crate::domain::model::Checklist;

/// Schema identifier of the catalogue.
pub const CATALOG_SCHEMA: &str = "readiness-catalog/1";

/// One bundled checklist.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CatalogEntry {
    /// File name inside `checklists/`.
    pub file: String,
    /// Title.
    pub title: String,
    /// First sentence, to tell same-titled checklists apart.
    pub summary: String,
    /// Number of task items.
    pub items: usize,
    /// Number of sign-off lines.
    pub signoffs: usize,
    /// SHA-256 of the file (also a cache key for the offline copy).
    pub sha256: String,
    /// Size in bytes.
    pub bytes: usize,
    /// Its signers file (`<stem>.signers.json`, next to it), when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signers: Option<String>,
}

/// The catalogue document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Catalog {
    /// Always [`CATALOG_SCHEMA`].
    pub schema: String,
    /// Entries sorted by file name.
    pub checklists: Vec<CatalogEntry>,
}

impl CatalogEntry {
    /// Describes a parsed checklist of `bytes` bytes.
    pub fn new(checklist: &Checklist, bytes: usize) -> Self {
        CatalogEntry {
            file: checklist.file.clone(),
            title: checklist.title.clone(),
            summary: checklist.summary.clone(),
            items: checklist.items.len(),
            signoffs: checklist.signoff_count(),
            sha256: checklist.sha256().to_string(),
            bytes,
            signers: None,
        }
    }
}

impl Catalog {
    /// A catalogue of these entries, sorted by file name.
    pub fn new(mut checklists: Vec<CatalogEntry>) -> Self {
        checklists.sort_by(|a, b| a.file.cmp(&b.file));
        Catalog {
            schema: CATALOG_SCHEMA.to_string(),
            checklists,
        }
    }

    /// The entries as cards show them: a title that more than one entry has gets the entry's file
    /// name after it, so each card reads differently.
    pub fn distinct_titles(&self) -> Vec<CatalogEntry> {
        let mut entries = self.checklists.clone();
        for e in &mut entries {
            let same = self
                .checklists
                .iter()
                .filter(|o| o.title == e.title)
                .count();
            if same > 1 {
                let stem = e.file.strip_suffix(".md").unwrap_or(&e.file);
                e.title = format!("{} — {stem}", e.title);
            }
        }
        entries
    }
}
