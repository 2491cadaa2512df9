//! Sign-off lines as scoring sees them: the one staleness rule, and each line's state from the
//! domain's one rule for what counts ([`crate::domain::signoff::standing`]).

use super::*;
pub use crate::domain::signoff::standing::is_stale;
use crate::domain::signoff::standing::{Assessment, Line, LineState, SharedKey};

/// Each sign-off line's state for the verdict, from an assessment of its records (a line the
/// assessment does not reach, as in an empty one, is missing).
pub fn signoff_states(lines: &[Line], a: &Assessment) -> Vec<SignoffState> {
    lines
        .iter()
        .enumerate()
        .map(|(k, l)| SignoffState {
            item: l.item.clone(),
            role: l.role.clone(),
            state: a.lines.get(k).cloned().unwrap_or(LineState::Missing),
        })
        .collect()
}

/// The shared keys that block GO (none when the checklist allows shared signers).
pub fn blocking_shared(a: &Assessment) -> Vec<SharedKey> {
    if a.shared_blocks {
        a.shared.clone()
    } else {
        Vec::new()
    }
}

/// Ids of the sign-off lines whose sign-off counts.
pub fn current_signoffs(states: &[SignoffState]) -> BTreeSet<String> {
    states
        .iter()
        .filter(|s| s.state.counts())
        .map(|s| s.item.clone())
        .collect()
}

impl SignoffState {
    /// No record names the line.
    pub fn missing(&self) -> bool {
        self.state == LineState::Missing
    }
}
