//! The answers digest: the exact content every sign-off signature attests to, built by one typed
//! struct from either a live checklist with its answers or an exported record, so the app, the
//! export and verification can never disagree on what was signed.
//!
//! The content is the effective state of every item that is not plainly open or that someone
//! answered, every non-empty field outside sign-off lines, and every override's score and reason.
//! An item's entry names who answered it (each run's name and key, in order), so a sign-off attests
//! to who did what, open items included; when
//! they did it, like every other timestamp, is left out, as are sign-off records and the sign-off
//! lines' own name/date blanks, so signing one role never makes another stale and an undone edit is
//! no change. Its digest is the hex SHA-256 of its
//! RFC 8785 (JCS) canonical JSON (docs/FORMAT.md, "Answers digest").

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

use crate::domain::answers::{preset_answer, Answers, Attribution, ItemAnswer, Person, Status};
use crate::domain::model::Checklist;
use crate::domain::text::sha256_hex;

/// The answer of an item nobody answered and whose source says nothing.
static NO_ANSWER: ItemAnswer = ItemAnswer {
    status: Status::Open,
    reason: String::new(),
    waived: false,
    until: None,
    note: String::new(),
    evidence: Vec::new(),
    changed_at: None,
    by: Vec::new(),
};

/// One item's entry in the content.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemContent {
    /// Effective status.
    pub status: Status,
    /// N/A reason.
    pub reason: String,
    /// A waived N/A (left out when not, so earlier answers keep their digest).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub waived: bool,
    /// The last day an N/A or waiver holds (left out when it has none, so earlier answers keep
    /// their digest): extending a waiver changes what was signed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
    /// Note.
    pub note: String,
    /// Evidence links.
    pub evidence: Vec<String>,
    /// Who answered it, run by run (name and key; not when). Left out when no one is named, so
    /// answers from before attribution keep their digest.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub by: Vec<Person>,
}

impl ItemContent {
    /// The entry of an item in this state, `None` when it is plainly open and no one answered it
    /// (left out). Under [`Attest::Answerers`] an open item someone answered (unticked, say) is
    /// content too, so who answered every answered item is attested; under [`Attest::Answers`] (the
    /// rule of records made before it) it is left out.
    pub fn of<F>(it: &ItemFacts<'_, F>, attest: Attest) -> Option<Self> {
        let answered = attest == Attest::Answerers && !it.by.is_empty();
        if it.status == Status::Open
            && it.reason.is_empty()
            && it.note.is_empty()
            && it.evidence.is_empty()
            && !answered
        {
            return None;
        }
        let na = it.status == Status::Na;
        Some(ItemContent {
            status: it.status,
            reason: it.reason.to_string(),
            waived: it.waived && na,
            until: it.until.filter(|_| na).map(str::to_string),
            note: it.note.to_string(),
            evidence: it.evidence.to_vec(),
            by: it.by.iter().map(|a| a.person.clone()).collect(),
        })
    }
}

/// Which items' attribution the content covers: the one switch between the digest of records made
/// before attribution of open items was attested (`revision` 1) and every digest made since.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Attest {
    /// Who answered every answered item, open ones included (the current rule).
    #[default]
    Answerers,
    /// Who answered items that are not plainly open (records of revision 1 only).
    Answers,
}

/// One override's entry: its score and reason (not when it was set).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OverrideContent {
    /// Score from 0 to 10.
    pub score: f64,
    /// Reason.
    pub reason: String,
}

/// What sign-offs attest to (see the module documentation).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct AnswersContent {
    /// Items that are not plainly open, by id.
    pub items: BTreeMap<String, ItemContent>,
    /// Non-empty fields outside sign-off lines, by id.
    pub fields: BTreeMap<String, String>,
    /// Overrides by category name.
    pub overrides: BTreeMap<String, OverrideContent>,
    /// The level that holds, for a checklist with level columns (left out otherwise, so earlier
    /// answers keep their digest): choosing another level changes what counts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    /// The integrity digest of the record these answers were carried from, release after release
    /// (left out when they were not): signing them attests to the chain.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous: Option<String>,
}

/// One item as the content sees it, from whichever source.
pub struct ItemFacts<'a, F> {
    /// Stable id.
    pub id: &'a str,
    /// A sign-off line: its own blanks (name, date) are not content.
    pub signoff: bool,
    /// Effective status.
    pub status: Status,
    /// N/A reason.
    pub reason: &'a str,
    /// A waived N/A.
    pub waived: bool,
    /// The last day an N/A or waiver holds.
    pub until: Option<&'a str>,
    /// Note.
    pub note: &'a str,
    /// Evidence links.
    pub evidence: &'a [String],
    /// Who answered it.
    pub by: &'a [Attribution],
    /// The values of the blanks on the item's line, by field id.
    pub fields: F,
}

impl AnswersContent {
    /// The content from items (with their line's fields), the fields outside items and overrides.
    /// This is the one place that decides what is content.
    pub fn build<'a, F>(
        items: impl IntoIterator<Item = ItemFacts<'a, F>>,
        loose_fields: impl IntoIterator<Item = (&'a str, &'a str)>,
        overrides: &BTreeMap<String, crate::domain::answers::Override>,
        attest: Attest,
    ) -> Self
    where
        F: IntoIterator<Item = (&'a str, &'a str)>,
    {
        let mut content = AnswersContent::default();
        let add_field = |content: &mut AnswersContent, (id, v): (&str, &str)| {
            if !v.is_empty() {
                content.fields.insert(id.to_string(), v.to_string());
            }
        };
        for it in items {
            if let Some(entry) = ItemContent::of(&it, attest) {
                content.items.insert(it.id.to_string(), entry);
            }
            if !it.signoff {
                for f in it.fields {
                    add_field(&mut content, f);
                }
            }
        }
        for f in loose_fields {
            add_field(&mut content, f);
        }
        content.overrides = overrides
            .iter()
            .map(|(k, o)| {
                let entry = OverrideContent {
                    score: o.score,
                    reason: o.reason.clone(),
                };
                (k.clone(), entry)
            })
            .collect();
        content
    }

    /// The content of `answers` to `checklist` (effective statuses: a `[x]` item is done).
    pub fn of(checklist: &Checklist, answers: &Answers) -> Self {
        let mut by_item: Vec<Vec<(&str, &str)>> = vec![Vec::new(); checklist.items.len()];
        let mut loose = Vec::new();
        for f in &checklist.fields {
            let value = answers.field_value(f);
            match f.item {
                Some(i) => by_item[i].push((f.id.as_str(), value)),
                None => loose.push((f.id.as_str(), value)),
            }
        }
        // Only the few items whose answer comes from their source (`[x]`, a table's cells) need
        // one made; every other item borrows its saved answer, or the empty one.
        let presets: Vec<Option<ItemAnswer>> = checklist
            .items
            .iter()
            .map(|it| {
                ((it.prechecked || it.preset.is_some()) && !answers.items.contains_key(&it.id))
                    .then(|| preset_answer(it))
            })
            .collect();
        let facts =
            checklist
                .items
                .iter()
                .zip(by_item)
                .zip(&presets)
                .map(|((it, fields), preset)| {
                    let a = answers
                        .items
                        .get(&it.id)
                        .or(preset.as_ref())
                        .unwrap_or(&NO_ANSWER);
                    ItemFacts {
                        id: &it.id,
                        signoff: it.signoff.is_some(),
                        status: a.status,
                        reason: &a.reason,
                        waived: a.waived,
                        until: a.until.as_deref(),
                        note: &a.note,
                        evidence: &a.evidence,
                        by: &a.by,
                        fields,
                    }
                });
        let mut content = Self::build(facts, loose, &answers.overrides, Attest::Answerers);
        content.level = answers.level(checklist).map(str::to_string);
        content.previous = answers
            .carried_from
            .as_ref()
            .and_then(|v| v.get("integrity"))
            .and_then(Value::as_str)
            .map(str::to_string);
        content
    }

    /// The RFC 8785 canonical JSON of the content: the bytes that are hashed.
    pub fn canonical(&self) -> Vec<u8> {
        let value = serde_json::to_value(self).unwrap_or(Value::Null);
        serde_json_canonicalizer::to_vec(&value).unwrap_or_default()
    }

    /// Hex SHA-256 of [`AnswersContent::canonical`].
    pub fn digest(&self) -> String {
        sha256_hex(&self.canonical())
    }
}

/// The answers digest of `answers` to `checklist`.
pub fn answers_digest(checklist: &Checklist, answers: &Answers) -> String {
    AnswersContent::of(checklist, answers).digest()
}

/// SHA-256 (hex) of the RFC 8785 (JCS) canonical form of a JSON value.
pub fn digest_value(value: &Value) -> String {
    let canonical = serde_json_canonicalizer::to_vec(value).unwrap_or_default();
    sha256_hex(&canonical)
}

/// The short code of an answers digest: its first eight hex digits as `xxxx-xxxx`.
pub fn code(digest: &str) -> String {
    let head: String = digest.chars().take(8).collect();
    match head.len() {
        8 => format!("{}-{}", &head[..4], &head[4..]),
        _ => head,
    }
}
