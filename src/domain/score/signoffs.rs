//! Sign-off state: the one staleness rule, which sign-offs are current, and the state of each
//! sign-off line for the verdict.

use super::*;

/// The one staleness rule: a sign-off is stale when the answers digest it was signed over is not
/// the current answers digest. The app, the export and verification all ask this function.
pub fn is_stale(signed_over: &str, current: &str) -> bool {
    signed_over != current
}

/// Ids of the sign-off items whose latest record is current (signed over `digest`).
pub fn current_signoffs(records: &[SignOffRecord], digest: Option<&str>) -> BTreeSet<String> {
    let mut latest: BTreeMap<&str, &str> = BTreeMap::new();
    for r in records {
        latest.insert(r.item.as_str(), r.digest.as_str());
    }
    latest
        .into_iter()
        .filter(|(_, d)| digest.is_some_and(|now| !is_stale(d, now)))
        .map(|(k, _)| k.to_string())
        .collect()
}

/// Sign-off state of each of the sign-off items `items` (indices into the checklist): signed when a
/// record names it, stale when its latest record was signed over answers whose digest is not
/// `digest` (the current answers digest; `None` only when there are no records).
pub fn signoff_states(
    checklist: &Checklist,
    items: &[usize],
    records: &[SignOffRecord],
    digest: Option<&str>,
) -> Vec<SignoffState> {
    items
        .iter()
        .filter_map(|&i| {
            let it = &checklist.items[i];
            let spec = it.signoff.as_ref()?;
            let latest = records.iter().rev().find(|r| r.item == it.id);
            Some(SignoffState {
                item: it.id.clone(),
                role: spec.role.clone(),
                signed: latest.is_some(),
                stale: latest.is_some_and(|r| digest.is_none_or(|now| is_stale(&r.digest, now))),
            })
        })
        .collect()
}
