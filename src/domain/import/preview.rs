//! The preview of one or several incoming files against the answers here: per file who it came
//! from and what it adds; every answer given differently anywhere (here or in any file) as one
//! [`Clash`] with each side and where it came from; and, for the sides chosen, which sign-offs will
//! count afterwards and which the import makes stale ([`Preview::outcome`]).

use std::collections::BTreeMap;

use super::outcome::{outcome_of, resigns_of, Outcome, Resign};
use super::{fate_of, version_of, ImportError, Incoming, IncomingSignoff, SignoffFate, Version};
use crate::domain::answers::digest::answers_digest;
use crate::domain::answers::merge::{
    describe, keep_set_aside_apart, merge_all, same_answer, union_of_records, ConflictKind, Prefer,
};
use crate::domain::answers::{people, Answers, Person, Ready, SignOffRecord};
use crate::domain::model::Checklist;
use crate::domain::signoff::ready::code;
use crate::domain::signoff::standing::{ground_of, lines_of, Rules};

/// One incoming file, as the preview tells it.
#[derive(Debug, Clone, PartialEq)]
pub struct FilePart {
    /// Its name (or "the share link").
    pub name: String,
    /// Which version of the checklist it was made with.
    pub version: Version,
    /// Who answered in it (everyone its answers are attributed to): those who signed a line in
    /// it in role order, then the others in the checklist's order of the items they answered.
    pub people: Vec<Person>,
    /// Answers it brings that neither this page nor an earlier file has.
    pub new: usize,
    /// Of `new`, how many are the blanks of a sign-off line (its signer's name and date): they
    /// come with a sign-off and are not answers any signature covers.
    pub new_signoff_blanks: usize,
    /// Answers it has exactly as this page (or an earlier file) does.
    pub same: usize,
    /// The code of its answers (`ready::code`), to compare with the code others read out.
    pub code: String,
    /// The "ready for sign-off" mark it carries, if any.
    pub ready: Option<Ready>,
}

/// One side of a [`Clash`]: an answer and everywhere it was given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Side {
    /// Where: `None` is this page, `Some(k)` file `k`.
    pub from: Vec<Option<usize>>,
    /// The answer as people read it (with who gave it, when known).
    pub text: String,
}

/// An item, field or score answered differently by this page and the files, or among the files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clash {
    /// What it is about.
    pub kind: ConflictKind,
    /// Item id, field id, or category name.
    pub key: String,
    /// Each different answer, this page's first when it has one, then in file order.
    pub sides: Vec<Side>,
}

/// What importing would change, shown before anything does.
#[derive(Debug, Clone, PartialEq)]
pub struct Preview {
    /// The files, in the order given.
    pub files: Vec<FilePart>,
    /// Files that cannot be used, each with why; the others are previewed without them.
    pub refused: Vec<ImportError>,
    /// Answers new here, each counted once however many files hold it.
    pub new: usize,
    /// Incoming answers already here exactly, each counted once.
    pub same: usize,
    /// Every answer given differently, each with all its sides.
    pub clashes: Vec<Clash>,
    /// Ids of incoming answers whose item or field this checklist does not have (kept and listed,
    /// as orphans are).
    pub orphans: Vec<String>,
    /// Every incoming sign-off record, file by file.
    pub signoffs: Vec<IncomingSignoff>,
    /// Of the answers new here, how many are the blanks of a sign-off line (its signer's name and
    /// date): they come with their sign-off, and are not answers any signature covers.
    pub new_signoff_blanks: usize,
    /// Earlier answers carried from a past release (`carry`) that the files bring and this page
    /// has neither carried nor answered: they come along, to be confirmed.
    pub carried: usize,
    /// Signers who signed their line again over other answers than the sign-off that counts
    /// here; each may be kept as history only ([`Preview::apply`]'s `keep`).
    pub resigns: Vec<Resign>,
    mine: Answers,
    theirs: Vec<Answers>,
}

/// What importing one file would change (see [`preview_all`]).
pub fn preview(
    checklist: &Checklist,
    mine: &Answers,
    incoming: Incoming,
    rules: &Rules<'_>,
) -> Result<Preview, ImportError> {
    preview_all(checklist, mine, vec![Ok(incoming)], rules)
}

/// What importing `files` into `checklist`, whose answers here are `mine`, would change. A file
/// that could not be read, or is not about this checklist, is refused with its reason and the
/// others are previewed; when none can be used, the first file's error is returned. Incoming sign-offs are judged by `rules`
/// (its verifier answers the signature checks, run beforehand by the browser's WebCrypto).
pub fn preview_all(
    checklist: &Checklist,
    mine: &Answers,
    files: Vec<Result<Incoming, ImportError>>,
    rules: &Rules<'_>,
) -> Result<Preview, ImportError> {
    let lines = lines_of(checklist);
    // Staleness is not a fate: the digest here is not the merged one.
    let g = ground_of(checklist, &lines, "", rules);
    let mut refused = Vec::new();
    let mut parts = Vec::new();
    let mut theirs = Vec::new();
    let mut signoffs = Vec::new();
    let mut known: Vec<SignOffRecord> = mine.signoffs.clone();
    for incoming in files {
        let incoming = match incoming {
            Ok(i) => i,
            Err(e) => {
                refused.push(e);
                continue;
            }
        };
        let version = match version_of(checklist, &incoming) {
            Ok(v) => v,
            Err(e) => {
                refused.push(e);
                continue;
            }
        };
        let k = parts.len();
        let base = Answers {
            signoffs: known.clone(),
            set_aside: mine.set_aside.clone(),
            ..Answers::default()
        };
        let mut answers = incoming.answers;
        for r in &answers.signoffs {
            let fate = fate_of(&g, &base, r, &version);
            if fate == SignoffFate::Added {
                known.push(r.clone());
            }
            signoffs.push(IncomingSignoff {
                record: r.clone(),
                fate,
                from: k,
            });
        }
        // Only sign-offs whose signature holds come along.
        answers.signoffs = signoffs
            .iter()
            .filter(|s| s.from == k && s.fate == SignoffFate::Added)
            .map(|s| s.record.clone())
            .collect();
        parts.push(FilePart {
            name: incoming.name,
            version,
            people: people_of(checklist, &answers),
            new: 0,
            new_signoff_blanks: 0,
            same: 0,
            code: code(&answers_digest(checklist, &answers)),
            ready: answers.ready.clone(),
        });
        theirs.push(answers);
    }
    if parts.is_empty() {
        return Err(refused.remove(0));
    }
    let clashes = clashes_of(mine, &theirs);
    let (mut new, mut same) = (0, 0);
    let mut so_far = vec![mine.clone()];
    // The blanks of sign-off lines (a signer's name and date).
    let signoff_fields: Vec<&str> = checklist
        .fields
        .iter()
        .filter(|f| f.item.is_some_and(|i| checklist.items[i].signoff.is_some()))
        .map(|f| f.id.as_str())
        .collect();
    // What this page and the files before each one hold, merged.
    let mut known = mine.clone();
    for (part, answers) in parts.iter_mut().zip(&theirs) {
        part.new_signoff_blanks = answers
            .fields
            .keys()
            .filter(|id| !known.fields.contains_key(*id) && signoff_fields.contains(&id.as_str()))
            .count();
        so_far.push(answers.clone());
        let m = merge_all(&so_far, Prefer::Mine);
        part.new = m.new - new;
        part.same = m.same - same;
        (new, same) = (m.new, m.same);
        known = m.answers;
    }
    // The totals count each answer once, however many files hold it: new here, or as here.
    let clashing =
        |kind: ConflictKind, key: &str| clashes.iter().any(|c| c.kind == kind && c.key == key);
    let merged = known;
    new = merged
        .items
        .keys()
        .filter(|k| !mine.items.contains_key(*k))
        .count()
        + merged
            .fields
            .keys()
            .filter(|k| !mine.fields.contains_key(*k))
            .count()
        + merged
            .overrides
            .keys()
            .filter(|k| !mine.overrides.contains_key(*k))
            .count();
    let in_theirs = |kind: ConflictKind, key: &str| {
        theirs.iter().any(|a| match kind {
            ConflictKind::Item => a.items.contains_key(key),
            ConflictKind::Field => a.fields.contains_key(key),
            ConflictKind::Override => a.overrides.contains_key(key),
        })
    };
    let as_here = |kind: ConflictKind, key: &str| in_theirs(kind, key) && !clashing(kind, key);
    same = mine
        .items
        .keys()
        .filter(|k| as_here(ConflictKind::Item, k))
        .count()
        + mine
            .fields
            .keys()
            .filter(|k| as_here(ConflictKind::Field, k))
            .count()
        + mine
            .overrides
            .keys()
            .filter(|k| as_here(ConflictKind::Override, k))
            .count();
    let new_signoff_blanks = merged
        .fields
        .keys()
        .filter(|k| !mine.fields.contains_key(*k) && signoff_fields.contains(&k.as_str()))
        .count();
    let resigns = resigns_of(checklist, &lines, mine, &signoffs, rules);
    let carried = merged
        .carried
        .keys()
        .filter(|k| !mine.carried.contains_key(*k) && !mine.items.contains_key(*k))
        .count();
    let mut orphans: Vec<String> = theirs.iter().flat_map(|a| a.orphans(checklist)).collect();
    orphans.sort();
    orphans.dedup();
    Ok(Preview {
        files: parts,
        refused,
        new,
        same,
        clashes,
        orphans,
        signoffs,
        new_signoff_blanks,
        carried,
        resigns,
        mine: mine.clone(),
        theirs,
    })
}

/// Everyone a file's answers are attributed to, in the order first met (items in id order).
/// Who answered in `a`: first those who signed a line in it, in the order of the lines they
/// signed (role order), then the others in the order of the items they answered.
fn people_of(checklist: &Checklist, a: &Answers) -> Vec<Person> {
    let mut all = people(
        checklist
            .items
            .iter()
            .filter_map(|it| a.items.get(&it.id))
            .map(|i| i.by.as_slice()),
    );
    let signer_keys: Vec<String> = checklist
        .items
        .iter()
        .filter(|it| it.signoff.is_some())
        .filter_map(|it| a.signoffs.iter().rev().find(|r| r.item == it.id))
        .filter_map(|r| r.public_key.as_deref())
        .filter_map(crate::domain::text::base64_decode)
        .map(|k| crate::domain::text::fingerprint(&k))
        .collect();
    // Signers first, by line; then the others, in document order (no sort: it costs the wasm).
    let mut out: Vec<Person> = Vec::with_capacity(all.len());
    for k in &signer_keys {
        if let Some(p) = all.iter().find(|p| p.key.as_ref() == Some(k)) {
            if !out.contains(p) {
                out.push(p.clone());
            }
        }
    }
    all.retain(|p| !out.contains(p));
    out.extend(all);
    out
}

/// One source's answer to one key, as text, and how to compare it.
struct Given {
    from: Option<usize>,
    text: String,
    same_as: Box<dyn Fn(&Answers) -> bool>,
}

/// Every key answered differently by two sources, with all its sides.
fn clashes_of(mine: &Answers, theirs: &[Answers]) -> Vec<Clash> {
    let sources: Vec<(Option<usize>, &Answers)> = std::iter::once((None, mine))
        .chain(theirs.iter().enumerate().map(|(k, a)| (Some(k), a)))
        .collect();
    let mut given: BTreeMap<(u8, String), Vec<Given>> = BTreeMap::new();
    for &(from, a) in &sources {
        for (id, ans) in &a.items {
            let ans2 = ans.clone();
            let id2 = id.clone();
            given.entry((0, id.clone())).or_default().push(Given {
                from,
                text: describe(ans),
                same_as: Box::new(move |o| {
                    o.items.get(&id2).is_some_and(|x| same_answer(x, &ans2))
                }),
            });
        }
        for (id, v) in &a.fields {
            let (v2, id2) = (v.clone(), id.clone());
            given.entry((1, id.clone())).or_default().push(Given {
                from,
                text: format!("{v:?}"),
                same_as: Box::new(move |o| o.fields.get(&id2) == Some(&v2)),
            });
        }
        for (name, o) in &a.overrides {
            let (o2, n2) = (o.clone(), name.clone());
            given.entry((2, name.clone())).or_default().push(Given {
                from,
                text: format!("{} ({:?})", o.score, o.reason),
                same_as: Box::new(move |x| {
                    x.overrides
                        .get(&n2)
                        .is_some_and(|y| y.score == o2.score && y.reason == o2.reason)
                }),
            });
        }
    }
    let source = |from: Option<usize>| match from {
        None => mine,
        Some(k) => &theirs[k],
    };
    let mut out = Vec::new();
    for ((kind, key), list) in given {
        let mut sides: Vec<(Side, &Given)> = Vec::new();
        for g in &list {
            match sides
                .iter_mut()
                .find(|(_, first)| (first.same_as)(source(g.from)))
            {
                Some((side, _)) => side.from.push(g.from),
                None => sides.push((
                    Side {
                        from: vec![g.from],
                        text: g.text.clone(),
                    },
                    g,
                )),
            }
        }
        if sides.len() > 1 {
            out.push(Clash {
                kind: [
                    ConflictKind::Item,
                    ConflictKind::Field,
                    ConflictKind::Override,
                ][usize::from(kind)],
                key,
                sides: sides.into_iter().map(|(s, _)| s).collect(),
            });
        }
    }
    out
}

impl Preview {
    /// Whether applying would change nothing.
    pub fn changes_nothing(&self) -> bool {
        self.new == 0
            && self.carried == 0
            && self.clashes.is_empty()
            && !self.signoffs.iter().any(|s| s.fate == SignoffFate::Added)
    }

    /// The merged answers: everything new comes in (where files disagree and this page has no
    /// answer, the earliest file's), each clash takes side `choice[k]` (missing means its first
    /// side: this page's when it has one), and valid sign-off records join the history — but the
    /// newer sign-off of each re-sign `k` with `keep[k]` is kept as history only (`set_aside`), so
    /// the sign-off that counts here stays its line's latest.
    pub fn apply(&self, choice: &[usize], keep: &[bool]) -> Answers {
        let mut inputs = vec![self.mine.clone()];
        inputs.extend(self.theirs.iter().cloned());
        let mut out = merge_all(&inputs, Prefer::Mine).answers;
        for (k, clash) in self.clashes.iter().enumerate() {
            let pick = choice.get(k).copied().unwrap_or(0);
            let Some(&from) = clash.sides.get(pick).and_then(|s| s.from.first()) else {
                continue;
            };
            let src = match from {
                None => &self.mine,
                Some(f) => &self.theirs[f],
            };
            match clash.kind {
                ConflictKind::Item => {
                    if let Some(t) = src.items.get(&clash.key) {
                        out.items.insert(clash.key.clone(), t.clone());
                    }
                }
                ConflictKind::Field => {
                    if let Some(t) = src.fields.get(&clash.key) {
                        out.fields.insert(clash.key.clone(), t.clone());
                    }
                }
                ConflictKind::Override => {
                    if let Some(t) = src.overrides.get(&clash.key) {
                        out.overrides.insert(clash.key.clone(), t.clone());
                    }
                }
            }
        }
        out.signoffs = union_of_records(inputs.iter().flat_map(|a| &a.signoffs));
        let aside = self.kept(keep).into_iter().map(|r| &r.newer);
        out.set_aside = union_of_records(out.set_aside.iter().chain(aside));
        keep_set_aside_apart(&mut out);
        out
    }

    /// The re-signs `keep` keeps as history.
    fn kept(&self, keep: &[bool]) -> Vec<&Resign> {
        self.resigns
            .iter()
            .zip(keep.iter().chain(std::iter::repeat(&false)))
            .filter(|(_, &k)| k)
            .map(|(r, _)| r)
            .collect()
    }

    /// Which sign-offs will count after applying with `choice` and `keep`, which the import makes
    /// stale, and which a re-sign displaces, by the one rule (`rules` must answer the signature
    /// checks of this page's records and the incoming ones).
    pub fn outcome(
        &self,
        checklist: &Checklist,
        choice: &[usize],
        keep: &[bool],
        rules: &Rules<'_>,
    ) -> Outcome {
        let after = self.apply(choice, keep);
        let incoming: Vec<&SignOffRecord> = self
            .signoffs
            .iter()
            .filter(|s| s.fate == SignoffFate::Added)
            .map(|s| &s.record)
            .collect();
        outcome_of(
            checklist,
            &lines_of(checklist),
            (&self.mine, &after),
            &incoming,
            &self.kept(keep),
            rules,
        )
    }
}
