//! Sign-off lines as scoring sees them: the one staleness rule, and each line's state from the
//! domain's one rule for what counts ([`crate::domain::signoff::standing`]).

use super::*;
pub use crate::domain::signoff::standing::is_stale;
use crate::domain::signoff::standing::{Assessment, Line, LineState, SharedKey};

/// Each sign-off line's state for the verdict, from an assessment of its records (a line the
/// assessment does not reach, as in an empty one, is missing).
///
/// Where two lines sign for the same role (a "Reviewer" table in two sections), each line's
/// `section` names its section, so every reason and report tells them apart.
pub fn signoff_states(lines: &[Line], a: &Assessment) -> Vec<SignoffState> {
    lines
        .iter()
        .enumerate()
        .map(|(k, l)| SignoffState {
            item: l.item.clone(),
            role: l.role.clone(),
            section: apart(lines, l),
            state: a.lines.get(k).cloned().unwrap_or(LineState::Missing),
        })
        .collect()
}

/// The section that tells line `l` apart from the other lines for its role: the first title, from
/// the outermost, where their section paths differ ("Code review" › "Approval" against "Security
/// review" › "Approval"); none when no other line has its role.
fn apart(lines: &[Line], l: &Line) -> Option<String> {
    let same: Vec<&Line> = lines.iter().filter(|o| o.role == l.role).collect();
    if same.len() < 2 {
        return None;
    }
    let differs = (0..l.section.len()).find(|&k| {
        same.iter()
            .any(|o| o.item != l.item && o.section.get(k) != l.section.get(k))
    });
    differs
        .or_else(|| l.section.len().checked_sub(1))
        .and_then(|k| l.section.get(k).cloned())
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
