//! What an import does to the sign-offs, told honestly: which incoming ones will count, which come
//! in stale, which sign-offs here go stale because the import changes the answers they sign, and
//! which are displaced because their signer signed again over other answers ([`Resign`]) — a
//! newer sign-off of a line is its latest, and a line counts by its latest sign-off only while that
//! one is over the answers as they are. For each such re-sign the preview offers to keep the
//! current sign-off as the line's latest, the newer one kept as history only
//! (`Answers::set_aside`).

use super::{IncomingSignoff, SignoffFate};
use crate::domain::answers::digest::answers_digest;
use crate::domain::answers::{Answers, SignOffRecord};
use crate::domain::model::Checklist;
use crate::domain::signoff::ready::{code, SignedRole};
use crate::domain::signoff::standing::{assess_checklist, line_name, Line, LineState, Rules};

/// A signer who signed their line again over other answers than the sign-off that counts here:
/// taken as it is, the newer one becomes the line's latest and the current one stops counting.
#[derive(Debug, Clone, PartialEq)]
pub struct Resign {
    /// The line's role (with its section when two lines share it).
    pub role: String,
    /// The sign-off that counts here now.
    pub current: SignOffRecord,
    /// The newer incoming one, over other answers.
    pub newer: SignOffRecord,
    /// Which file brought it.
    pub from: usize,
}

impl Resign {
    /// What happened and what the rule makes of it, in the preview's words.
    pub fn describe(&self) -> String {
        format!(
            "{} signed {} again (signed {}), over other answers (code {}) than the sign-off that counts here ({}, code {}). A line counts by its latest sign-off, and only while that one is over the answers as they are: taken as it is, the newer sign-off becomes the line's latest, and the current one stops counting.",
            self.newer.name,
            self.role,
            self.newer.signed_at,
            code(&self.newer.digest),
            self.current.name,
            code(&self.current.digest)
        )
    }

    /// The offer to keep the current sign-off.
    pub fn keep_label(&self) -> String {
        format!(
            "Keep {}'s sign-off over {} as {}'s latest (the newer one, over {}, is kept as history only)",
            self.current.name,
            code(&self.current.digest),
            self.role,
            code(&self.newer.digest)
        )
    }
}

/// The re-signs among `incoming` (records that hold): for each line whose sign-off counts here
/// (`mine`), the newest incoming record of that line signed later and over other answers.
pub(super) fn resigns_of(
    checklist: &Checklist,
    lines: &[Line],
    mine: &Answers,
    incoming: &[IncomingSignoff],
    rules: &Rules<'_>,
) -> Vec<Resign> {
    let digest = answers_digest(checklist, mine);
    let now = assess_checklist(checklist, lines, &digest, &mine.signoffs, rules);
    let mut out = Vec::new();
    for (line, state) in now.lines.iter().enumerate() {
        let LineState::Current { record } = state else {
            continue;
        };
        let current = &mine.signoffs[*record];
        let newer = incoming
            .iter()
            .filter(|s| s.fate == SignoffFate::Added && s.record.item == lines[line].item)
            .filter(|s| s.record.signed_at > current.signed_at && s.record.digest != current.digest)
            .max_by(|a, b| a.record.signed_at.cmp(&b.record.signed_at));
        if let Some(s) = newer {
            out.push(Resign {
                role: line_name(lines, line),
                current: current.clone(),
                newer: s.record.clone(),
                from: s.from,
            });
        }
    }
    out
}

/// Which sign-offs count after applying, against before.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Incoming sign-offs that will count.
    pub added_current: Vec<SignedRole>,
    /// Incoming sign-offs that come in stale: signed over other answers than the result (a
    /// re-sign that displaces a sign-off here is told in `displaced` instead).
    pub added_stale: Vec<SignedRole>,
    /// Sign-offs that count here now and go stale because the import changes the answers they
    /// sign.
    pub made_stale: Vec<SignedRole>,
    /// Lines whose sign-off counts here now and will not, because a newer sign-off of the line
    /// over other answers becomes its latest: (the newer one, the code it signs).
    pub displaced: Vec<(SignedRole, String)>,
    /// Re-signs kept as history: (the sign-off kept as the line's latest, the newer one's code).
    pub kept: Vec<(SignedRole, String)>,
    /// The code of the answers after the import.
    pub code: String,
}

/// People as "Role — Name, Role — Name".
pub fn list(roles: &[SignedRole]) -> String {
    roles
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

impl Outcome {
    /// Before applying: what the sign-offs will be, one sentence per kind.
    pub fn summary(&self) -> String {
        let mut parts = vec![format!(
            "After applying, the answers' code is {}.",
            self.code
        )];
        let n = self.added_current.len();
        if n > 0 {
            parts.push(format!(
                "Adds {n} current sign-off{}: {}.",
                plural(n),
                list(&self.added_current)
            ));
        }
        let n = self.added_stale.len();
        if n > 0 {
            parts.push(format!(
                "Adds {n} stale sign-off{} (signed over other answers): {}.",
                plural(n),
                list(&self.added_stale)
            ));
        }
        parts.extend(self.displaced_and_kept());
        if self.made_stale.is_empty() && self.displaced.is_empty() {
            parts.push("No sign-off here goes stale.".to_string());
        } else if !self.made_stale.is_empty() {
            parts.push(format!(
                "The answers it changes make stale: {}.",
                list(&self.made_stale)
            ));
        }
        parts.join(" ")
    }

    /// After applying: what actually changed for the sign-offs (empty when nothing did).
    pub fn changed(&self) -> String {
        let mut parts = Vec::new();
        if !self.made_stale.is_empty() {
            parts.push(format!(
                "The import changed answers that {} signed: {} now stale.",
                list(&self.made_stale),
                if self.made_stale.len() == 1 {
                    "that sign-off is"
                } else {
                    "those sign-offs are"
                }
            ));
        }
        parts.extend(self.displaced_and_kept());
        parts.join(" ")
    }

    fn displaced_and_kept(&self) -> Vec<String> {
        let mut parts = Vec::new();
        for (who, newer) in &self.displaced {
            parts.push(format!(
                "{who} signed again over other answers (code {newer}): that sign-off is now the line's latest, and it is stale, so {} no longer counts.",
                who.role
            ));
        }
        for (who, newer) in &self.kept {
            parts.push(format!(
                "{who}'s sign-off stays {}'s latest; the newer one over {newer} is kept as history only.",
                who.role
            ));
        }
        parts
    }
}

/// The outcome of applying: `before` is this page's answers, `after` the merged ones, `incoming`
/// the records the import adds, `kept` the re-signs set aside.
pub(super) fn outcome_of(
    checklist: &Checklist,
    lines: &[Line],
    (before, after): (&Answers, &Answers),
    incoming: &[&SignOffRecord],
    kept: &[&Resign],
    rules: &Rules<'_>,
) -> Outcome {
    let judge = |a: &Answers| {
        let digest = answers_digest(checklist, a);
        let assessment = assess_checklist(checklist, lines, &digest, &a.signoffs, rules);
        (digest, assessment)
    };
    let (_, was) = judge(before);
    let (digest, now) = judge(after);
    let named = |line: usize, r: &SignOffRecord| SignedRole {
        role: line_name(lines, line),
        name: r.name.clone(),
    };
    let mut out = Outcome {
        code: code(&digest),
        ..Outcome::default()
    };
    let mut displacing: Vec<&SignOffRecord> = Vec::new();
    for (line, (w, is)) in was.lines.iter().zip(&now.lines).enumerate() {
        let (LineState::Current { record }, LineState::Stale { .. }) = (w, is) else {
            continue;
        };
        let held = &before.signoffs[*record];
        match is.record().map(|k| &after.signoffs[k]) {
            // A newer record of the line took over.
            Some(r) if r != held => {
                displacing.push(r);
                out.displaced.push((named(line, r), code(&r.digest)));
            }
            _ => out.made_stale.push(named(line, held)),
        }
    }
    for (line, state) in now.lines.iter().enumerate() {
        let Some(record) = state.record() else {
            continue;
        };
        let r = &after.signoffs[record];
        if !incoming.contains(&r) || displacing.contains(&r) {
            continue;
        }
        match state {
            LineState::Current { .. } => out.added_current.push(named(line, r)),
            LineState::Stale { .. } => out.added_stale.push(named(line, r)),
            _ => {}
        }
    }
    for k in kept {
        let line = lines.iter().position(|l| l.item == k.current.item);
        if let Some(line) = line {
            out.kept
                .push((named(line, &k.current), code(&k.newer.digest)));
        }
    }
    out
}
