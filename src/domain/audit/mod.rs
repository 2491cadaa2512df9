//! Audit records: the exported, self-checking JSON of a checklist's answers, score and verdict, and
//! its verification (by the CLI, by CI and in the browser, with this same code).
//!
//! Verification trusts nothing it can recompute: the integrity digest, the answers digest, every
//! sign-off's stale flag, each category's counts, the score and the verdict are all recomputed from
//! the answers in the record, and, given the template, from the template itself. Every discrepancy
//! is listed.

mod chain;
mod checks;
mod compare;
mod drift;
mod export;
mod rebuild;
mod record;
mod rescore;
mod verify;

pub use chain::{check_previous, sealed, waivers};
pub use compare::{compare, Change};
pub use drift::{drift, Drift};
pub use export::{export, export_noting, Exported};
pub use rebuild::rebuild;
pub use record::*;
pub use verify::{verify, JudgedBy, Verification};
