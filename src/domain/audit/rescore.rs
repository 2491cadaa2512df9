//! Re-scoring a record from its own items, weights, threshold and sign-offs, as verification and a
//! rebuilt (merged) record both need.

use std::collections::HashMap;

use super::record::*;
use crate::domain::score::{is_stale, Role, ScoreInput, ScoreItem, SignoffState};

/// The score input the record's own items, weights and sign-offs give, to re-score it (`None`
/// when its threshold is unusable).
pub(super) fn rescore_input(
    record: &AuditRecord,
    digest: &str,
    problems: &mut Vec<String>,
) -> Option<ScoreInput> {
    let names: Vec<(String, f64)> = record
        .score
        .categories
        .iter()
        .map(|c| (c.name.clone(), c.weight))
        .collect();
    let index: HashMap<&str, usize> = names
        .iter()
        .enumerate()
        .map(|(i, (n, _))| (n.as_str(), i))
        .collect();
    let mut items = Vec::with_capacity(record.items.len());
    for it in &record.items {
        let category = it.category.as_ref().and_then(|c| {
            let found = index.get(c.as_str()).copied();
            if found.is_none() {
                problems.push(format!("item {} names unknown category {c:?}", it.id));
            }
            found
        });
        items.push(ScoreItem {
            id: it.id.clone(),
            text: it.text.clone(),
            role: it.role,
            critical: it.critical,
            category,
            status: it.status,
        });
    }
    let mut latest: HashMap<&str, &SignoffOut> = HashMap::new();
    for s in &record.signoffs {
        latest.insert(s.item.as_str(), s);
    }
    let signoffs = record
        .items
        .iter()
        .filter(|i| i.role == Role::Signoff)
        .map(|i| {
            let l = latest.get(i.id.as_str());
            SignoffState {
                item: i.id.clone(),
                role: role_of(record, &i.id),
                signed: l.is_some(),
                stale: l.is_some_and(|s| is_stale(&s.digest, digest)),
            }
        })
        .collect();
    let Some(threshold_centi) = to_centi(record.score.threshold) else {
        problems.push("score.threshold is not a number from 0 to 10".to_string());
        return None;
    };
    Some(ScoreInput {
        items,
        categories: names,
        overrides: record.overrides.clone(),
        threshold_centi,
        signoffs,
    })
}

/// The role named by the sign-off item: the latest record's role, else the item's text.
fn role_of(record: &AuditRecord, item: &str) -> String {
    record
        .signoffs
        .iter()
        .rev()
        .find(|s| s.item == item)
        .map(|s| s.role.clone())
        .or_else(|| {
            record.items.iter().find(|i| i.id == item).map(|i| {
                i.text
                    .split(':')
                    .next()
                    .unwrap_or(&i.text)
                    .trim()
                    .to_string()
            })
        })
        .unwrap_or_default()
}
