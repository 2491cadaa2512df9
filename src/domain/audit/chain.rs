//! A record over time: its verdict judged on another day (`verify --as-of`, for N/A and waivers
//! with an end date) and the link to the record its answers were carried from (`verify
//! --previous`), release after release.

use super::record::AuditRecord;
use super::rescore::{as_of, rescore};
use super::verify::{judge, Verification};
use crate::domain::answers::Status;
use crate::domain::score::{self, Tally};
use crate::domain::signoff::signing::SignatureVerifier;
use crate::domain::text::time::{parse_date, Timestamp};

impl Verification {
    /// The day N/A and waivers are judged on: `--as-of`'s, else the record's own date.
    pub fn day(&self, record: &AuditRecord) -> String {
        self.as_of.clone().unwrap_or_else(|| as_of(record).date())
    }

    /// Judges the record's verdict again with N/A and waivers on `day` (`YYYY-MM-DD`), as a gate
    /// asks whether a record still holds today: a waiver whose end date is before `day` counts as
    /// open. Its sign-offs stay judged as of the record's time, under the record's own signers
    /// file (an auditor's is applied after, by [`Verification::check_signers`]). Returns the
    /// message for a day that is not a date.
    pub fn judge_as_of(
        &mut self,
        day: &str,
        verifier: &dyn SignatureVerifier,
    ) -> Result<(), String> {
        if parse_date(day).is_none() {
            return Err(format!("--as-of {day:?} is not a date (YYYY-MM-DD)"));
        }
        self.as_of = Some(day.to_string());
        let Some(record) = &self.record else {
            return Ok(());
        };
        let digest = super::record::record_answers_digest(record);
        let signers = record.rules.signers.as_ref();
        if let Some(template) = &self.template {
            let judged = judge(template, record, &digest, verifier, signers, day);
            self.breakdown = Some(judged.breakdown);
        } else if let Some(r) = rescore(record, &digest, verifier, signers, day, &mut Vec::new()) {
            self.breakdown = Some(score::breakdown(&r.input, &Tally::new(&r.input)));
        }
        Ok(())
    }
}

/// Every N/A or waiver with an end date in `record`: (item id, item text, end date, days left on
/// `day`, negative once it has lapsed), soonest first. The auditor view's list.
pub fn waivers(record: &AuditRecord, day: &str) -> Vec<(String, String, String, i64)> {
    let today = parse_date(day);
    let mut out: Vec<_> = record
        .items
        .iter()
        .filter(|it| it.status == Status::Na)
        .filter_map(|it| {
            let until = it.until.as_ref()?;
            let left = match (parse_date(until), today) {
                (Some(u), Some(t)) => (u - t).num_days(),
                _ => -1,
            };
            Some((it.id.clone(), it.text.clone(), until.clone(), left))
        })
        .collect();
    out.sort_by(|a, b| (a.3, &a.0).cmp(&(b.3, &b.0)));
    out
}

/// Why `record` is not carried from `previous` (the text of the file `name`, which verified), or
/// the line that says the link holds: the record names `previous` by its integrity digest, and
/// was made after it.
pub fn check_previous(
    record: &AuditRecord,
    previous: &AuditRecord,
    name: &str,
) -> Result<String, String> {
    let Some(link) = &record.previous else {
        return Err(
            "the record names no earlier record: its answers were not carried from one".to_string(),
        );
    };
    // `previous` verified, so its integrity block is there and holds.
    let theirs = previous
        .integrity
        .as_ref()
        .map(|i| i.digest.clone())
        .unwrap_or_default();
    if link.integrity != theirs {
        return Err(format!(
            "the record was carried from {} (integrity {}…), not from {name} (integrity {}…)",
            link.file,
            short(&link.integrity),
            short(&theirs)
        ));
    }
    let made = |r: &AuditRecord| Timestamp::parse_rfc3339(&r.generated_at);
    match (made(previous), made(record)) {
        (Some(p), Some(r)) if p < r => {}
        _ => {
            return Err(format!(
                "{name} was made at {}, not before this record ({}): a record cannot be carried from a later one",
                previous.generated_at, record.generated_at
            ))
        }
    }
    if link.at != previous.generated_at || link.sha256 != previous.checklist.sha256 {
        return Err(format!(
            "the record's link names {name} as made at {} from checklist sha256 {}…, but it was made at {} from {}…",
            link.at,
            short(&link.sha256),
            previous.generated_at,
            short(&previous.checklist.sha256)
        ));
    }
    Ok(format!(
        "carried from {name} (integrity {}…, made {}): the link holds",
        short(&theirs),
        previous.generated_at
    ))
}

/// Whether the record `text` is sealed: its integrity block names the digest of the rest of it,
/// exactly as it is (what `verify` checks first; nothing is re-serialized).
pub fn sealed(text: &str) -> bool {
    let Ok(mut value) = crate::domain::text::json::parse_strict(text) else {
        return false;
    };
    let claimed = value
        .as_object_mut()
        .and_then(|o| o.remove("integrity"))
        .and_then(|i| i.get("digest")?.as_str().map(str::to_string));
    claimed.is_some_and(|d| d == crate::domain::answers::digest::digest_value(&value))
}

fn short(digest: &str) -> &str {
    &digest[..12.min(digest.len())]
}
