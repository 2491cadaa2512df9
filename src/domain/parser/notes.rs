//! Answers written back under task items: Copy as Markdown (`report`) writes an item's N/A reason,
//! waiver and note as bullets right under it (`- N/A: …`, `- Waived: …`, `- Note: …`,
//! `- Evidence: <…>`), so a checklist that went back into Git reads again with those answers as
//! its own — the same way a table's status and note cells give a row its answer.

use super::*;

/// One bullet written under an item, read back.
enum Said {
    Na(String, Option<String>),
    Waived(String, Option<String>),
    Note(String),
    Evidence(String),
}

/// A bullet line (`- N/A: reason`) as what it says, if it is one of the answer bullets.
fn said(line: &str) -> Option<Said> {
    let t = line.trim_start();
    let rest = t
        .strip_prefix("- ")
        .or_else(|| t.strip_prefix("* "))
        .or_else(|| t.strip_prefix("+ "))?;
    let unescape = |s: &str| s.trim().replace("\\|", "|");
    // `N/A: reason`, or with its end date `Waived until 2027-01-31: reason`.
    let na = |word: &str| -> Option<(String, Option<String>)> {
        let r = rest.strip_prefix(word)?;
        if let Some(r) = r.strip_prefix(": ") {
            return Some((unescape(r), None));
        }
        let (until, r) = r.strip_prefix(" until ")?.split_once(": ")?;
        Some((unescape(r), Some(until.trim().to_string())))
    };
    if let Some((r, until)) = na("N/A") {
        return Some(Said::Na(r, until));
    }
    if let Some((r, until)) = na("Waived") {
        return Some(Said::Waived(r, until));
    }
    if let Some(r) = rest.strip_prefix("Note: ") {
        return Some(Said::Note(unescape(r)));
    }
    let r = rest.strip_prefix("Evidence: <")?.strip_suffix('>')?;
    Some(Said::Evidence(r.replace("%3E", ">")))
}

/// Whether `line` is one of the bullets Copy as Markdown writes under a task item: the answer
/// bullets read back above, and the "Answered by …" and sign-off state lines it adds.
pub(crate) fn is_written_bullet(line: &str) -> bool {
    if said(line).is_some() {
        return true;
    }
    let t = line.trim_start();
    ["- ", "* ", "+ "].iter().any(|b| {
        t.strip_prefix(b).is_some_and(|r| {
            r.starts_with("Answered by ")
                || r.starts_with("Signed off by ")
                || r.starts_with("Not signed off (")
        })
    })
}

impl Builder<'_> {
    /// Reads the answer bullets right under each task item (more indented than its line, before
    /// anything else under it) into the item's preset answer.
    pub(super) fn answers_from_notes(&mut self) {
        let src = self.src;
        for it in &mut self.items {
            if it.row.is_some() || it.signoff.is_some() || it.marker >= src.len() {
                continue;
            }
            let line_start = src[..it.marker].rfind('\n').map_or(0, |p| p + 1);
            let indent =
                src[line_start..it.marker].len() - src[line_start..it.marker].trim_start().len();
            // The item's text runs to the first line that starts a block; the bullets follow it.
            let mut at = src[it.marker..]
                .find('\n')
                .map_or(src.len(), |i| it.marker + i + 1);
            let mut found = Vec::new();
            while at < src.len() {
                let end = src[at..].find('\n').map_or(src.len(), |i| at + i + 1);
                let line = src[at..end].trim_end_matches(['\n', '\r']);
                let deeper = line.len() - line.trim_start().len() > indent;
                match said(line).filter(|_| deeper) {
                    Some(s) => found.push(s),
                    None if found.is_empty()
                        && deeper
                        && !line.trim_start().starts_with(['-', '*', '+']) =>
                    {
                        // A continuation line of the item's text.
                    }
                    None => break,
                }
                at = end;
            }
            if found.is_empty() {
                continue;
            }
            let p = it.preset.get_or_insert_with(Default::default);
            if it.prechecked && p.state == PresetState::Open {
                p.state = PresetState::Done;
            }
            for s in found {
                match s {
                    Said::Na(r, until) => {
                        p.state = PresetState::Na;
                        p.reason = r;
                        p.until = until;
                    }
                    Said::Waived(r, until) => {
                        p.state = PresetState::Waived;
                        p.reason = r;
                        p.until = until;
                    }
                    Said::Note(n) => p.note = n,
                    Said::Evidence(e) => p.evidence.push(e),
                }
            }
            it.prechecked = p.state == PresetState::Done;
        }
    }
}
