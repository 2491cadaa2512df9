//! A team's answers to one checklist: item statuses, notes, evidence, field values, score overrides
//! and sign-off records, in a versioned schema keyed by stable ids.
//!
//! Answers are kept apart from the checklist so the template can change underneath them: answers
//! follow their items by id, and answers whose item no longer exists are kept and reported
//! ([`Answers::orphans`]), never dropped.
//!
//! The folder owns everything about answers, below the sign-off rules that judge them: this file
//! (the schema, sign-off records as data, the ready mark's type), the digest every signature
//! attests to (`digest`), every rule on answers as typed (`validate`), the editing session
//! (`session`), merging people's answers (`merge`) and share links (`share`). It uses only `model`,
//! `text` and `error`, so the sign-off rules (`signoff`) can use it and it never uses them.

pub mod digest;
pub mod merge;
pub mod session;
pub mod share;
mod signoffs;
pub mod validate;

pub use signoffs::{Envelope, EnvelopeSignature, SignOffRecord};

use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::domain::error::DataError;
use crate::domain::model::{Checklist, Field, Item, ItemIdx, PresetState};
use crate::domain::text::time::Timestamp;

/// Schema identifier of an answers document.
pub const ANSWERS_SCHEMA: &str = "readiness-answers/1";

/// State of one item.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Not done yet (for a trigger: has not happened).
    #[default]
    Open,
    /// Done (for a trigger: has happened).
    Done,
    /// Not applicable; needs a reason.
    Na,
}

impl Status {
    /// `open`, `done` or `na`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::Done => "done",
            Status::Na => "na",
        }
    }

    /// Parses `open`, `done` or `na`.
    pub fn parse(s: &str) -> Option<Status> {
        match s {
            "open" => Some(Status::Open),
            "done" => Some(Status::Done),
            "na" => Some(Status::Na),
            _ => None,
        }
    }
}

/// The status an unanswered item has: its source's status cell, `done` for `[x]`, else open.
pub fn preset_status(it: &Item) -> Status {
    match it.preset.as_deref().map(|p| p.state) {
        Some(PresetState::Done) => Status::Done,
        Some(PresetState::Na | PresetState::Waived) => Status::Na,
        Some(PresetState::Open) => Status::Open,
        None if it.prechecked => Status::Done,
        None => Status::Open,
    }
}

/// The answer an unanswered item has: its source's status, N/A reason, waiver, note and evidence
/// (a table row's cells), or just its `[x]`.
pub fn preset_answer(it: &Item) -> ItemAnswer {
    let mut a = ItemAnswer {
        status: preset_status(it),
        ..ItemAnswer::default()
    };
    if let Some(p) = it.preset.as_deref() {
        a.reason = p.reason.clone();
        a.waived = p.state == PresetState::Waived;
        a.until = p.until.clone();
        a.note = p.note.clone();
        a.evidence = p.evidence.clone();
    }
    a
}

/// Whether an answer is back where the checklist left it (its preset answer: status, reason,
/// waiver, note and evidence) and was only ever touched by one person: then it is no answer at all.
/// Undoing your own edit (ticking and unticking) restores the answers, and their digest, exactly;
/// an answer that several people touched stays, attributed (the digest attests who answered every
/// answered item, open ones included).
pub fn settles(it: &Item, a: &ItemAnswer) -> bool {
    let p = preset_answer(it);
    a.by.len() <= 1
        && a.status == p.status
        && a.reason == p.reason
        && (a.waived && a.status == Status::Na) == p.waived
        && a.until == p.until
        && a.note == p.note
        && a.evidence == p.evidence
}

/// The status an answer field's value gives its item (a table's answer column): empty is open;
/// `no` is open with the answer kept; `n/a` is not applicable; anything else (`yes`, a number, a
/// name) is done.
pub fn answer_status(value: &str) -> Status {
    let v = value.trim().trim_end_matches('.').to_ascii_lowercase();
    match v.as_str() {
        "" | "no" | "n" => Status::Open,
        "n/a" | "na" | "not applicable" => Status::Na,
        _ => Status::Done,
    }
}

/// The answer to one item.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ItemAnswer {
    /// Status.
    #[serde(default)]
    pub status: Status,
    /// Why the item is not applicable (required when `status` is `na`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
    /// An N/A that is a waiver (a table's `Waived` status): reports and exports say so.
    #[serde(default, skip_serializing_if = "is_false")]
    pub waived: bool,
    /// The last day an N/A or waiver holds (`YYYY-MM-DD`): after it the item counts as open
    /// ([`ItemAnswer::lapsed`]). Absent: it holds until someone changes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
    /// Free-text note.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// Evidence links.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
    /// When the answer last changed (RFC 3339 UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changed_at: Option<String>,
    /// Who changed it, oldest first: one entry per run of changes by one person (see
    /// [`Attribution`]). Empty for answers made before attribution existed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub by: Vec<Attribution>,
}

/// The person a browser profile says it is: the name they gave and their signing key's id.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Person {
    /// The name they gave.
    pub name: String,
    /// Their signing key's fingerprint (hex SHA-256 of the raw public key), when they have one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
}

impl Person {
    /// Whether it says nothing about anyone (no name, no key): such a person attributes nothing.
    pub fn is_nobody(&self) -> bool {
        self.name.trim().is_empty() && self.key.is_none()
    }

    /// The name with the key's short fingerprint (`Ann, key 1a2b 3c4d 5e6f 7a8b`), as auditors'
    /// reports name an answerer.
    pub fn label_with_key(&self) -> String {
        match (self.name.trim(), &self.key) {
            (name, Some(k)) if !name.is_empty() => {
                format!("{name}, key {}", crate::domain::text::short_fingerprint(k))
            }
            _ => self.label(),
        }
    }

    /// The name, or the key's short fingerprint when there is no name.
    pub fn label(&self) -> String {
        match (self.name.trim(), &self.key) {
            ("", Some(k)) => format!("key {}", crate::domain::text::short_fingerprint(k)),
            ("", None) => "someone unnamed".to_string(),
            (name, _) => name.to_string(),
        }
    }
}

/// One run of changes to an answer by one person: who their browser said they were, and when they
/// last changed it. What a browser claims, not proven by itself: the sign-offs over the answers
/// attest to it (docs/FORMAT.md, "Attribution").
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(from = "AttributionJson", into = "AttributionJson")]
pub struct Attribution {
    /// Who.
    pub person: Person,
    /// When their last change in this run was made (RFC 3339 UTC).
    pub at: String,
}

/// An [`Attribution`] as written: `{"name", "key", "at"}` in one flat object. (Spelled out
/// rather than `#[serde(flatten)]`, which costs the wasm about 30 KB.)
#[derive(Serialize, Deserialize)]
struct AttributionJson {
    name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    key: Option<String>,
    at: String,
}

impl From<AttributionJson> for Attribution {
    fn from(j: AttributionJson) -> Self {
        Attribution {
            person: Person {
                name: j.name,
                key: j.key,
            },
            at: j.at,
        }
    }
}

impl From<Attribution> for AttributionJson {
    fn from(a: Attribution) -> Self {
        AttributionJson {
            name: a.person.name,
            key: a.person.key,
            at: a.at,
        }
    }
}

/// Who answered, in order, as people read it: `Alice (2026-12-01T09:30:00Z), then Bob (…)`.
pub fn describe_by(by: &[Attribution]) -> String {
    by.iter()
        .map(|a| format!("{} ({})", a.person.label_with_key(), a.at))
        .collect::<Vec<_>>()
        .join(", then ")
}

/// Everyone named in `runs` (each an answer's attribution), in the order first met.
pub fn people<'a>(runs: impl IntoIterator<Item = &'a [Attribution]>) -> Vec<Person> {
    let mut out: Vec<Person> = Vec::new();
    for a in runs.into_iter().flatten() {
        if !out.contains(&a.person) {
            out.push(a.person.clone());
        }
    }
    out
}

/// Notes that `who` changed an answer at `now`: their run goes on (its time moves) when they made
/// the last change too, and a new run starts otherwise. Nobody (no name, no key) leaves it as is.
pub fn attribute(by: &mut Vec<Attribution>, who: &Person, now: Timestamp) {
    if who.is_nobody() {
        return;
    }
    let at = now.to_rfc3339();
    match by.last_mut() {
        Some(last) if last.person == *who => last.at = at,
        _ => by.push(Attribution {
            person: who.clone(),
            at,
        }),
    }
}

impl ItemAnswer {
    /// The end date of this N/A or waiver when it no longer holds on `today` (`YYYY-MM-DD`, the
    /// day judged: a record's time, `verify --as-of`, or the page's today): see [`lapsed`].
    pub fn lapsed(&self, today: &str) -> Option<&str> {
        lapsed(self.status, self.until.as_deref(), today)
    }
}

/// The one rule for when an N/A or waiver stops counting: it has an end date (`until`, the last
/// day it holds) and `today` is after it. An end date that is not a `YYYY-MM-DD` date has lapsed
/// too (validation names it), so a mistyped date never extends a waiver. Returns the end date.
pub fn lapsed<'a>(status: Status, until: Option<&'a str>, today: &str) -> Option<&'a str> {
    let until = until.filter(|_| status == Status::Na)?;
    let readable = crate::domain::text::time::parse_date(until).is_some();
    (!readable || until < today).then_some(until)
}

/// A manual category score with its justification.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Override {
    /// Score from 0 to 10.
    pub score: f64,
    /// Why the computed completion does not tell the truth.
    pub reason: String,
    /// When it was set (RFC 3339 UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub set_at: Option<String>,
}

impl Override {
    /// Whether its score is usable: a finite number from 0 to 10 (an override outside that range
    /// is reported by validation and ignored by scoring).
    pub fn in_range(&self) -> bool {
        self.score.is_finite() && (0.0..=10.0).contains(&self.score)
    }
}

/// The mark "these answers are ready for sign-off".
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Ready {
    /// The answers digest marked ready.
    pub digest: String,
    /// When it was marked (RFC 3339 UTC).
    pub at: String,
    /// Who marked it, when their browser named them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<Person>,
    /// The sign-off lines that will sign these answers (each as people tell it apart: its role,
    /// with its section when two lines share one), so any browser knows how many signatures a
    /// change would make stale, including those held by others. Absent from marks made before.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lines: Vec<String>,
}

impl Ready {
    /// A mark of `digest` by `who` at `now`, handed to the sign-off `lines`.
    pub fn new(digest: &str, who: &Person, now: Timestamp, lines: Vec<String>) -> Ready {
        Ready {
            digest: digest.to_string(),
            at: now.to_rfc3339(),
            by: (!who.is_nobody()).then(|| who.clone()),
            lines,
        }
    }

    /// Its code (`xxxx-xxxx`).
    pub fn code(&self) -> String {
        digest::code(&self.digest)
    }

    /// Whether it marks the answers whose digest is `current`.
    pub fn holds(&self, current: &str) -> bool {
        self.digest == current
    }
}

/// Everything a team answered for one checklist.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Answers {
    /// Always [`ANSWERS_SCHEMA`].
    pub schema: String,
    /// Answers by item id.
    #[serde(default)]
    pub items: BTreeMap<String, ItemAnswer>,
    /// Field (blank) values by field id.
    #[serde(default)]
    pub fields: BTreeMap<String, String>,
    /// Manual category scores by category name.
    #[serde(default)]
    pub overrides: BTreeMap<String, Override>,
    /// Sign-off records in the order they were made.
    #[serde(default)]
    pub signoffs: Vec<SignOffRecord>,
    /// Sign-off records kept as history only, never judged: a newer sign-off over other answers
    /// that the team chose not to take as its line's latest (an import's "Keep the current
    /// sign-off"). A record here is never in `signoffs`, and an import never brings it back.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub set_aside: Vec<SignOffRecord>,
    /// The record these answers were carried from, release after release: a
    /// [`CarriedFrom`](crate::domain::carry::CarriedFrom), read with `Answers::carried_from`
    /// (kept as JSON here, so the browser's module carries no reader of its own for it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carried_from: Option<Value>,
    /// Earlier answers carried into this release, by item id, waiting to be confirmed (they
    /// count as open until then) or re-reviewed: each a [`Carried`](crate::domain::carry::Carried),
    /// read with `Answers::carried_item` (JSON here, as `carried_from`).
    #[serde(default, skip_serializing_if = "serde_json::Map::is_empty")]
    pub carried: serde_json::Map<String, Value>,
    /// The "ready for sign-off" mark, when one was set (`ready.rs`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ready: Option<Ready>,
    /// The target level chosen for a checklist with level columns (`None`: its default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl Default for Answers {
    fn default() -> Self {
        Answers {
            schema: ANSWERS_SCHEMA.to_string(),
            items: BTreeMap::new(),
            fields: BTreeMap::new(),
            overrides: BTreeMap::new(),
            signoffs: Vec::new(),
            set_aside: Vec::new(),
            carried_from: None,
            carried: serde_json::Map::new(),
            ready: None,
            level: None,
        }
    }
}

impl Answers {
    /// Reads an answers document, checking its schema.
    pub fn from_json(text: &str) -> Result<Answers, DataError> {
        let value = crate::domain::text::json::parse_strict(text)?;
        Self::from_value(value)
    }

    /// Reads an answers document from parsed JSON.
    pub fn from_value(value: Value) -> Result<Answers, DataError> {
        let schema = value
            .get("schema")
            .and_then(Value::as_str)
            .ok_or_else(|| DataError::Shape("answers: missing \"schema\"".to_string()))?;
        if schema != ANSWERS_SCHEMA {
            return Err(DataError::UnknownSchema {
                found: schema.to_string(),
                expected: ANSWERS_SCHEMA.to_string(),
            });
        }
        if let Some(from) = value.get("carried_from") {
            let keys = ["integrity", "file", "checklist", "sha256", "at"];
            let whole = from.as_object().is_some_and(|o| {
                o.len() == keys.len()
                    && keys.iter().all(|k| o.get(*k).is_some_and(Value::is_string))
            });
            if !whole {
                return Err(DataError::Shape(format!(
                    "answers: \"carried_from\" must name the record by {}",
                    keys.join(", ")
                )));
            }
        }
        serde_json::from_value(value).map_err(|e| DataError::Shape(format!("answers: {e}")))
    }

    /// Pretty JSON of the answers document.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Effective status of an item: its answer, else what its source says ([`preset_answer`]).
    pub fn status(&self, checklist: &Checklist, item: ItemIdx) -> Status {
        let it = &checklist.items[item];
        match self.items.get(&it.id) {
            Some(a) => a.status,
            None => preset_status(it),
        }
    }

    /// Effective answer of an item: its answer, else what its source says ([`preset_answer`]).
    pub fn answer<'a>(&'a self, checklist: &Checklist, item: ItemIdx) -> Cow<'a, ItemAnswer> {
        let it = &checklist.items[item];
        match self.items.get(&it.id) {
            Some(a) => Cow::Borrowed(a),
            None => Cow::Owned(preset_answer(it)),
        }
    }

    /// The value of a blank: the answer typed into it, or else the value the checklist gives it
    /// ([`Field::preset`]), or else empty.
    pub fn field_value<'a>(&'a self, field: &'a Field) -> &'a str {
        match self.fields.get(&field.id) {
            Some(v) => v,
            None => field.preset.as_deref().unwrap_or(""),
        }
    }

    /// Puts `value` in `field`'s blank: kept as an answer only where it differs from what the
    /// checklist itself gives the blank (nothing, or [`Field::preset`]), so clearing a filled
    /// blank is an answer too, and retyping its own value is none.
    pub fn set_field(&mut self, field: &Field, value: String) {
        if value == field.preset.as_deref().unwrap_or("") {
            self.fields.remove(&field.id);
        } else {
            self.fields.insert(field.id.clone(), value);
        }
    }

    /// The level that holds for these answers ([`Checklist::level`]).
    pub fn level<'a>(&'a self, checklist: &'a Checklist) -> Option<&'a str> {
        checklist.level(self.level.as_deref())
    }

    /// Sets an item's status (and N/A reason), stamping `changed_at` (who changed it is [`Answers::attribute`]'s).
    pub fn set_status(&mut self, id: &str, status: Status, reason: &str, now: Timestamp) {
        let a = self.items.entry(id.to_string()).or_default();
        a.status = status;
        a.waived = false;
        if status != Status::Na {
            a.until = None;
        }
        a.reason = if status == Status::Na {
            reason.trim().to_string()
        } else {
            String::new()
        };
        a.changed_at = Some(now.to_rfc3339());
    }

    /// Sets an item's note, stamping `changed_at` (who changed it is [`Answers::attribute`]'s).
    pub fn set_note(&mut self, id: &str, note: &str, now: Timestamp) {
        let a = self.items.entry(id.to_string()).or_default();
        a.note = note.to_string();
        a.changed_at = Some(now.to_rfc3339());
    }

    /// Notes that `who` made the last change to item `id`'s answer at `now` (see [`attribute`]).
    pub fn attribute(&mut self, id: &str, who: &Person, now: Timestamp) {
        let a = self.items.entry(id.to_string()).or_default();
        attribute(&mut a.by, who, now);
    }

    /// The answers whose item or field the checklist no longer has (kept, never dropped).
    pub fn orphaned(&self, checklist: &Checklist) -> Answers {
        let items: HashSet<&str> = checklist.items.iter().map(|i| i.id.as_str()).collect();
        let fields: HashSet<&str> = checklist.fields.iter().map(|f| f.id.as_str()).collect();
        self.orphaned_among(&items, &fields)
    }

    /// What of these answers a page keeps without drawing it: the answers to items and fields
    /// the checklist does not have ([`Answers::orphaned`]), the sign-offs set aside, and the
    /// answers carried from an earlier release with the record they came from. A page starts its
    /// saved answers from it, so none is lost when it saves.
    pub fn kept_unshown(&self, checklist: &Checklist) -> Answers {
        Answers {
            set_aside: self.set_aside.clone(),
            carried_from: self.carried_from.clone(),
            carried: self.carried.clone(),
            ..self.orphaned(checklist)
        }
    }

    /// The answers whose item id is not in `items` or whose field id is not in `fields`.
    pub fn orphaned_among(&self, items: &HashSet<&str>, fields: &HashSet<&str>) -> Answers {
        Answers {
            items: self
                .items
                .iter()
                .filter(|(k, _)| !items.contains(k.as_str()))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
            fields: self
                .fields
                .iter()
                .filter(|(k, _)| !fields.contains(k.as_str()))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
            ..Answers::default()
        }
    }

    /// Ids of answered items and fields that the checklist no longer has.
    pub fn orphans(&self, checklist: &Checklist) -> Vec<String> {
        let o = self.orphaned(checklist);
        o.items.into_keys().chain(o.fields.into_keys()).collect()
    }
}

/// Of two marks, the later (by time, then by digest): merging is order-independent.
pub fn later_mark(a: Option<&Ready>, b: Option<&Ready>) -> Option<Ready> {
    match (a, b) {
        (Some(a), Some(b)) => Some(if (&b.at, b) > (&a.at, a) { b } else { a }.clone()),
        (a, b) => a.or(b).cloned(),
    }
}
