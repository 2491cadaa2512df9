//! `merge`: several people's exports or answers files of one checklist into one export.

use std::path::Path;

use readiness::domain::answers::merge::{merge_all, Prefer};
use readiness::domain::answers::Answers;
use readiness::domain::audit;
use readiness::domain::import::{read_incoming, Incoming};
use readiness::domain::Checklist;
use readiness::APP_VERSION;

use readiness::domain::answers::digest::answers_digest;
use readiness::domain::signoff::signing::Remembering;
use readiness::domain::signoff::standing::{Assessment, Line, LineState, Rules};
use readiness::native::DalekVerifier;

use super::{load_checklist, now_or, parse_args, read, signers_for, Fail, USAGE};

/// One input of `merge`: an export or an answers file, read by the domain's one reader.
pub(super) fn read_merge_input(path: &str) -> Result<Incoming, Fail> {
    let text = String::from_utf8_lossy(&read(Path::new(path))?).into_owned();
    read_incoming(path, &text).map_err(|e| Fail(e.to_string(), 2))
}

/// Refuses inputs that are not about the same checklist (by the template's SHA-256), naming both.
pub(super) fn same_checklist(
    inputs: &[Incoming],
    template: Option<&Checklist>,
) -> Result<(), Fail> {
    let mut first: Option<(&str, &str, &str)> =
        template.map(|c| ("--template", c.file.as_str(), c.sha256()));
    for i in inputs {
        let Some(r) = &i.record else { continue };
        let this = (
            i.name.as_str(),
            r.checklist.file.as_str(),
            r.checklist.sha256.as_str(),
        );
        match first {
            None => first = Some(this),
            Some((p, f, sha)) if sha != this.2 => {
                return Err(Fail(
                    format!(
                        "{} is about {} (sha256 {}…) but {p} is about {f} (sha256 {}…): not the same checklist",
                        this.0,
                        this.1,
                        &this.2[..12.min(this.2.len())],
                        &sha[..12.min(sha.len())]
                    ),
                    2,
                ))
            }
            Some(_) => {}
        }
    }
    Ok(())
}

pub(super) fn merge(args: &[String]) -> Result<u8, Fail> {
    let a = parse_args(
        args,
        &["require-current"],
        &["out", "prefer", "template", "now", "signers"],
    )?;
    if a.positional.len() < 2 {
        return Err(Fail(format!("merge needs two or more files\n\n{USAGE}"), 2));
    }
    let out = a
        .option("out")
        .ok_or_else(|| Fail("merge needs --out FILE".to_string(), 2))?;
    let prefer = match a.option("prefer") {
        Some(p) => Some(Prefer::parse(p).ok_or_else(|| {
            Fail(
                format!("--prefer {p:?}: expected mine, theirs or newest"),
                2,
            )
        })?),
        None => None,
    };
    let template = match a.option("template") {
        Some(t) => Some(load_checklist(Path::new(t))?.0),
        None => None,
    };
    let signers = signers_for(a.option("template").map(Path::new), a.option("signers"))?;
    let inputs = a
        .positional
        .iter()
        .map(|p| read_merge_input(p))
        .collect::<Result<Vec<_>, _>>()?;
    same_checklist(&inputs, template.as_ref())?;
    // Without --template, the checklist a record carries (every input is about the same one): the
    // merge is then an export of it, nothing taken from the records' own items and weights.
    let template = template.or_else(|| {
        inputs
            .iter()
            .find_map(|i| i.record.as_ref().and_then(|r| r.carried_template()))
    });
    let answers: Vec<Answers> = inputs.iter().map(|i| i.answers.clone()).collect();
    let merged = merge_all(&answers, prefer.unwrap_or(Prefer::Mine));
    for c in &merged.conflicts {
        eprintln!("conflict: {}: {} | {}", c.label(), c.mine, c.theirs);
    }
    if prefer.is_none() && !merged.conflicts.is_empty() {
        eprintln!(
            "readiness: {} conflict{}; nothing written (say which side wins with --prefer mine|theirs|newest)",
            merged.conflicts.len(),
            if merged.conflicts.len() == 1 { "" } else { "s" }
        );
        return Ok(1);
    }
    let now = now_or(a.option("now"))?;
    // Each signature is checked once, though the merge judges the records twice (writing, then
    // reporting).
    let checked = Remembering::new(&DalekVerifier);
    // The sign-offs as judged when writing (an export of the template), or none (a rebuilt
    // record, judged again by `verify` for the report).
    let mut judged = None;
    let record = match (&template, inputs.iter().find_map(|i| i.record.as_ref())) {
        (Some(c), _) => {
            // The signers file found as every command finds it, else the one a record was
            // judged by.
            let recorded = inputs
                .iter()
                .find_map(|i| i.record.as_ref().and_then(|r| r.rules.signers.clone()));
            let signers = signers.clone().or(recorded);
            let rules = Rules {
                verifier: &checked,
                as_of: now,
                signers: signers.as_ref(),
            };
            let exported = audit::export_noting(c, &merged.answers, APP_VERSION, &rules);
            report_left_out(&exported.left_out);
            judged = Some((exported.lines, exported.assessment));
            exported.record
        }
        (None, Some(base)) if inputs.iter().all(|i| i.record.is_some()) => {
            audit::rebuild(base, &merged.answers, APP_VERSION, now, &checked).ok_or_else(|| {
                Fail(
                    format!("{}: its score cannot be recomputed", inputs[0].name),
                    2,
                )
            })?
        }
        _ => {
            let file = inputs
                .iter()
                .find(|i| i.record.is_none())
                .map_or("", |i| i.name.as_str());
            return Err(Fail(
                format!(
                    "{file} is an answers file: give the checklist with --template CHECKLIST.md"
                ),
                2,
            ));
        }
    };
    let json = audit::to_json(&record);
    std::fs::write(out, &json).map_err(|e| Fail(format!("{out}: {e}"), 2))?;
    eprintln!(
        "merged {} files into {out}: {} answers (code {}), {} sign-off records, {} conflict{} resolved",
        inputs.len(),
        merged.answers.items.len(),
        readiness::domain::signoff::ready::code(&record.answers_digest),
        record.signoffs.len(),
        merged.conflicts.len(),
        if merged.conflicts.len() == 1 { "" } else { "s" }
    );
    let (lines, assessment) = match judged {
        Some(j) => j,
        None => {
            let v = audit::verify(&json, None, &checked);
            (v.lines, v.assessment.unwrap_or_default())
        }
    };
    let stale = report_signoffs(&record, &lines, &assessment, &inputs, template.as_ref());
    if a.flag("require-current") && stale > 0 {
        eprintln!(
            "readiness: {stale} signed role{} stale after the merge (--require-current): sign again over the merged answers",
            if stale == 1 { " is" } else { "s are" }
        );
        return Ok(1);
    }
    Ok(0)
}

/// Says which sign-offs were left out of the record and why: every one when there are a few, the
/// first 20 and a count when a file brings thousands.
pub(super) fn report_left_out(left_out: &[String]) {
    const SHOWN: usize = 20;
    for why in left_out.iter().take(SHOWN) {
        eprintln!("left out of the record: {why}");
    }
    if left_out.len() > SHOWN {
        eprintln!(
            "left out of the record: {} more sign-off records whose signature does not hold ({} in all)",
            left_out.len() - SHOWN,
            left_out.len()
        );
    }
}

/// Prints each sign-off line's state in the merged record (judged by `verify`'s own code), saying
/// which sign-offs the merge made stale: current in the file they came from, stale against the
/// merged answers. Returns how many signed lines are stale.
fn report_signoffs(
    record: &audit::AuditRecord,
    lines: &[Line],
    a: &Assessment,
    inputs: &[Incoming],
    template: Option<&Checklist>,
) -> usize {
    // Each input's own answers digest: a sign-off signed over one of these was current there.
    let own: Vec<(String, &str)> = inputs
        .iter()
        .filter_map(|i| match (&i.record, template) {
            (Some(r), _) => Some((r.answers_digest.clone(), i.name.as_str())),
            (None, Some(c)) => Some((answers_digest(c, &i.answers), i.name.as_str())),
            (None, None) => None,
        })
        .collect();
    let mut stale = 0;
    eprintln!("sign-offs after the merge:");
    for (line, state) in lines.iter().zip(&a.lines) {
        let rec = state.record().and_then(|k| record.signoffs.get(k));
        let who = rec.map_or(String::new(), |r| {
            format!(" — {} ({})", r.name, r.signed_at)
        });
        let what = match (state, rec) {
            (LineState::Missing, _) => "missing".to_string(),
            (LineState::Current { .. }, _) => "current".to_string(),
            (LineState::Stale { .. }, Some(r)) => {
                stale += 1;
                match own.iter().find(|(d, _)| *d == r.digest) {
                    Some((_, from)) => format!(
                        "stale: made stale by this merge (current in {from}, whose answers are not all the merged ones)"
                    ),
                    None => "stale: answers changed after signing".to_string(),
                }
            }
            (LineState::Stale { .. }, None) => "stale".to_string(),
            (LineState::NotCounted { fault, .. }, _) => format!("does not count: {fault}"),
        };
        eprintln!("  {}{who}: {what}", line.role);
    }
    stale
}
