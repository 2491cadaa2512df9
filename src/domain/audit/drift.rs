//! Template drift: which items a newer template added, removed or changed since a record was
//! exported (a removed and an added item at the same place are one edited item).

use std::collections::HashMap;

use serde::Serialize;

use super::record::AuditRecord;
use crate::domain::answers::Answers;
use crate::domain::model::Checklist;
use crate::domain::score::{Role, ScoreInput};
use crate::domain::signoff::standing::Assessment;

/// What changed in a template since a record was exported.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Drift {
    /// Items in the template but not in the record: (id, text).
    pub added: Vec<(String, String)>,
    /// Items in the record but not in the template: (id, text).
    pub removed: Vec<(String, String)>,
    /// Items whose text, section or role changed: (record id, template id, what changed).
    pub changed: Vec<(String, String, String)>,
}

/// Compares the items of a record with a (possibly newer) template.
pub fn drift(record: &AuditRecord, template: &Checklist) -> Drift {
    // Roles and categories only: no sign-off records to judge.
    // The record's target level decides which items are required.
    let answers = Answers {
        level: record.level.clone(),
        ..Answers::default()
    };
    let input = ScoreInput::judged(template, &answers, &[], &Assessment::default(), "");
    let tmpl: Vec<ItemView> = template
        .items
        .iter()
        .enumerate()
        .map(|(i, it)| ItemView {
            id: it.id.clone(),
            text: it.plain.clone(),
            section: template.section_titles(it.section),
            role: input.items[i].role,
            critical: input.items[i].critical,
        })
        .collect();
    let rec: Vec<ItemView> = record
        .items
        .iter()
        .map(|it| ItemView {
            id: it.id.clone(),
            text: it.text.clone(),
            section: it.section.clone(),
            role: it.role,
            critical: it.critical,
        })
        .collect();
    let tmpl_ids: HashMap<&str, &ItemView> = tmpl.iter().map(|v| (v.id.as_str(), v)).collect();
    let rec_ids: HashMap<&str, &ItemView> = rec.iter().map(|v| (v.id.as_str(), v)).collect();
    let mut d = Drift::default();
    for r in &rec {
        match tmpl_ids.get(r.id.as_str()) {
            Some(t) => {
                let mut what = Vec::new();
                if t.text != r.text {
                    what.push(format!("text {:?} → {:?}", r.text, t.text));
                }
                if t.section != r.section {
                    what.push(format!(
                        "section {:?} → {:?}",
                        r.section.join(" / "),
                        t.section.join(" / ")
                    ));
                }
                if t.role != r.role {
                    what.push(format!("role {} → {}", r.role.as_str(), t.role.as_str()));
                }
                if t.critical != r.critical {
                    what.push(format!("critical {} → {}", r.critical, t.critical));
                }
                if !what.is_empty() {
                    d.changed
                        .push((r.id.clone(), t.id.clone(), what.join("; ")));
                }
            }
            None => d.removed.push((r.id.clone(), r.text.clone())),
        }
    }
    for t in &tmpl {
        if !rec_ids.contains_key(t.id.as_str()) {
            d.added.push((t.id.clone(), t.text.clone()));
        }
    }
    pair_edits(&mut d, &rec, &tmpl);
    d
}

/// A removed and an added item at the same place of the same section is one edited item: moves
/// such pairs from `removed` and `added` to `changed`.
fn pair_edits(d: &mut Drift, rec: &[ItemView], tmpl: &[ItemView]) {
    let ordinal = |views: &[ItemView], id: &str| -> Option<(Vec<String>, usize)> {
        let v = views.iter().find(|v| v.id == id)?;
        let n = views
            .iter()
            .filter(|o| o.section == v.section)
            .position(|o| o.id == id)?;
        Some((v.section.clone(), n))
    };
    let mut still_removed = Vec::new();
    for (rid, rtext) in std::mem::take(&mut d.removed) {
        let place = ordinal(rec, &rid);
        let pos = d
            .added
            .iter()
            .position(|(aid, _)| place.is_some() && ordinal(tmpl, aid) == place);
        match pos {
            Some(p) => {
                let (aid, atext) = d.added.remove(p);
                d.changed
                    .push((rid, aid, format!("text {rtext:?} → {atext:?}")));
            }
            None => still_removed.push((rid, rtext)),
        }
    }
    d.removed = still_removed;
}

pub(super) struct ItemView {
    id: String,
    text: String,
    section: Vec<String>,
    role: Role,
    critical: bool,
}

impl Drift {
    /// No differences.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}
