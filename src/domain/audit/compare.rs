//! Comparison of two reviews of the same checklist: score, verdict, items, fields, sign-offs.

use std::collections::HashMap;

use serde::Serialize;

use super::record::{AuditRecord, ItemRecord};

/// One difference between two reviews of the same checklist.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// Item id, field id, `score`, `verdict` or `signoff`.
    pub key: String,
    /// What it was in the earlier record.
    pub before: String,
    /// What it is in the later record.
    pub after: String,
}

pub(super) fn item_state(it: &ItemRecord) -> String {
    let mut s = it.status.as_str().to_string();
    if !it.reason.is_empty() {
        s.push_str(&format!(" (N/A: {})", it.reason));
    }
    if !it.note.is_empty() {
        s.push_str(&format!(" · note: {}", it.note));
    }
    if !it.evidence.is_empty() {
        s.push_str(&format!(" · evidence: {}", it.evidence.join(", ")));
    }
    s
}

/// What changed between two exports of the same checklist (`a` the earlier, `b` the later):
/// score, verdict, every item whose state changed, every field whose value changed, items only
/// in one of them, and sign-offs added.
pub fn compare(a: &AuditRecord, b: &AuditRecord) -> Vec<Change> {
    let mut out = Vec::new();
    let change = |key: &str, before: String, after: String| Change {
        key: key.to_string(),
        before,
        after,
    };
    if a.score.value != b.score.value {
        out.push(change(
            "score",
            a.score.value.to_string(),
            b.score.value.to_string(),
        ));
    }
    if a.verdict.decision != b.verdict.decision {
        out.push(change(
            "verdict",
            a.verdict.decision.to_string(),
            b.verdict.decision.to_string(),
        ));
    }
    let later: HashMap<&str, &ItemRecord> = b.items.iter().map(|i| (i.id.as_str(), i)).collect();
    let earlier: HashMap<&str, &ItemRecord> = a.items.iter().map(|i| (i.id.as_str(), i)).collect();
    for ia in &a.items {
        match later.get(ia.id.as_str()) {
            Some(ib) => {
                let (sa, sb) = (item_state(ia), item_state(ib));
                if sa != sb {
                    out.push(change(&ia.id, sa, sb));
                }
                for (k, va) in &ia.fields {
                    let vb = ib.fields.get(k).cloned().unwrap_or_default();
                    if *va != vb {
                        out.push(change(k, va.clone(), vb));
                    }
                }
            }
            None => out.push(change(
                &ia.id,
                item_state(ia),
                "(not in the later checklist)".to_string(),
            )),
        }
    }
    for ib in &b.items {
        if !earlier.contains_key(ib.id.as_str()) {
            out.push(change(
                &ib.id,
                "(not in the earlier checklist)".to_string(),
                item_state(ib),
            ));
        }
    }
    for (k, vb) in &b.fields {
        let va = a.fields.get(k).cloned().unwrap_or_default();
        if va != *vb {
            out.push(change(k, va, vb.clone()));
        }
    }
    for s in &b.signoffs {
        if !a
            .signoffs
            .iter()
            .any(|x| x.item == s.item && x.signed_at == s.signed_at && x.name == s.name)
        {
            out.push(change(
                "signoff",
                String::new(),
                format!(
                    "{} signed by {} on {} ({})",
                    s.role, s.name, s.date, s.signed_at
                ),
            ));
        }
    }
    out
}
