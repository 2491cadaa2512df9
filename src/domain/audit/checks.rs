//! What verification checks a record against itself, item by item: the item count, repeated ids,
//! N/A reasons, end dates, levels, and each sign-off's stale flag against the answers digest.

use std::collections::HashSet;

use super::record::AuditRecord;
use crate::domain::answers::Status;
use crate::domain::score::is_stale;

/// The item count, repeated ids and N/A reasons.
pub(super) fn check_items(record: &AuditRecord, problems: &mut Vec<String>) {
    if record.checklist.items != record.items.len() {
        problems.push(format!(
            "checklist.items says {} but the record lists {} items",
            record.checklist.items,
            record.items.len()
        ));
    }
    let mut seen = HashSet::new();
    for it in &record.items {
        if !seen.insert(it.id.as_str()) {
            problems.push(format!("item {} appears twice", it.id));
        }
        if it.status == Status::Na && it.reason.trim().is_empty() {
            problems.push(format!("item {} is N/A without a reason", it.id));
        }
        match &it.until {
            Some(u) if crate::domain::text::time::parse_date(u).is_none() => problems.push(
                format!("item {}'s end date {u:?} is not a date (YYYY-MM-DD)", it.id),
            ),
            Some(_) if it.status != Status::Na => problems.push(format!(
                "item {} has an end date but is not N/A or waived",
                it.id
            )),
            _ => {}
        }
        if it.role == crate::domain::score::Role::NotRequired && record.level.is_none() {
            problems.push(format!(
                "item {} is not required at a level, but the record names no level",
                it.id
            ));
        }
    }
}

/// Every sign-off's stale flag is what the answers digest says.
pub(super) fn check_stale_flags(record: &AuditRecord, digest: &str, problems: &mut Vec<String>) {
    for s in &record.signoffs {
        let stale = is_stale(&s.digest, digest);
        if stale != s.stale {
            problems.push(format!(
                "sign-off {} by {:?} is marked {} but is {}",
                s.role,
                s.name,
                if s.stale { "stale" } else { "current" },
                if stale { "stale" } else { "current" }
            ));
        }
    }
}
