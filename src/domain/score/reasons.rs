//! Why a verdict is NO-GO: each reason as data (for records, `--json` and the page) and the one
//! sentence every path says for it.

use super::*;

/// Why the verdict is NO-GO.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reason {
    /// Score below the threshold.
    BelowThreshold {
        /// Score in hundredths.
        score: u32,
        /// Threshold in hundredths.
        threshold: u32,
    },
    /// Nothing to score.
    NothingToScore,
    /// An open critical item.
    CriticalOpen {
        /// Item id.
        id: String,
        /// Item text.
        text: String,
    },
    /// An N/A or waiver whose end date has passed: the item counts as open.
    WaiverExpired {
        /// Item id.
        id: String,
        /// Item text.
        text: String,
        /// Its end date (the last day it held).
        on: String,
    },
    /// A checked trigger.
    TriggerChecked {
        /// Item id.
        id: String,
        /// Item text.
        text: String,
    },
    /// A sign-off without a record.
    SignoffMissing {
        /// Item id.
        id: String,
        /// Role.
        role: String,
    },
    /// A sign-off made before the answers last changed.
    SignoffStale {
        /// Item id.
        id: String,
        /// Role.
        role: String,
    },
    /// Records name the line, none of which counts.
    SignoffNotCounted {
        /// Item id.
        id: String,
        /// Role.
        role: String,
        /// Why the latest of them does not count.
        why: String,
    },
    /// One key signed several roles where each role needs its own signer.
    SharedSigner {
        /// The key's fingerprint.
        key: String,
        /// The roles it signed.
        roles: Vec<String>,
    },
}

impl Reason {
    /// Whether the reason is about sign-offs (what a change of the sign-off rules can add).
    pub fn is_signoff(&self) -> bool {
        matches!(
            self,
            Reason::SignoffMissing { .. }
                | Reason::SignoffStale { .. }
                | Reason::SignoffNotCounted { .. }
                | Reason::SharedSigner { .. }
        )
    }
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Reason::BelowThreshold { score, threshold } => write!(
                f,
                "score {} is below the minimum {}",
                centi(*score),
                centi(*threshold)
            ),
            Reason::NothingToScore => write!(f, "no applicable readiness items to score"),
            Reason::CriticalOpen { text, .. } => write!(f, "critical item open: {text}"),
            Reason::WaiverExpired { text, on, .. } => {
                write!(f, "waiver expired: {text} (on {on})")
            }
            Reason::TriggerChecked { text, .. } => write!(f, "failure trigger checked: {text}"),
            Reason::SignoffMissing { role, .. } => write!(f, "sign-off missing: {role}"),
            Reason::SignoffStale { role, .. } => {
                write!(f, "sign-off stale: {role} (answers changed after signing)")
            }
            Reason::SignoffNotCounted { role, why, .. } => {
                write!(f, "sign-off does not count: {role} ({why})")
            }
            Reason::SharedSigner { key, roles } => {
                let shared = SharedKey {
                    key: key.clone(),
                    roles: roles.clone(),
                };
                write!(f, "{shared}: each role needs its own signer")
            }
        }
    }
}
