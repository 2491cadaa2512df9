//! `lint`, `score` and `verify`: the checks a pipeline gates on, and their reports.

use std::path::Path;

use readiness::domain::answers::Answers;
use readiness::domain::audit;
use readiness::domain::score::{score_checklist, Breakdown};
use readiness::domain::signoff::signing::short_fingerprint;
use readiness::domain::text::centi;
use readiness::domain::{parse, Checklist};
use readiness::native::DalekVerifier;
use serde_json::json;

use readiness::domain::signoff::standing::{LineState, Rules};

use super::{
    answers_or_none, emit, expand, file_name, load_checklist, now_or, parse_args, read,
    signers_for, Fail, USAGE,
};

pub(super) fn lint(args: &[String]) -> Result<u8, Fail> {
    let a = parse_args(args, &["json"], &[])?;
    if a.positional.is_empty() {
        return Err(Fail(format!("lint needs at least one file\n\n{USAGE}"), 2));
    }
    let json = a.flag("json");
    let mut failed = false;
    for path in expand(&a.positional)? {
        let shown = path.display().to_string();
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                failed = true;
                report_lint_error(json, &shown, &e.to_string());
                continue;
            }
        };
        let c = match parse(&file_name(&path), &bytes) {
            Ok(c) => c,
            Err(e) => {
                failed = true;
                report_lint_error(json, &shown, &e.to_string());
                continue;
            }
        };
        let errors = c.diagnostics.iter().filter(|d| d.is_error()).count();
        let warnings = c
            .diagnostics
            .iter()
            .filter(|d| d.level == readiness::domain::Level::Warning)
            .count();
        failed |= errors > 0;
        if json {
            println!("{}", lint_json(&shown, &c, errors, warnings));
        } else {
            for d in &c.diagnostics {
                println!("{shown}:{d}");
            }
            println!(
                "{shown}: {} — {} items, {} sections, {} sign-offs, {} fields, {} score categories, minimum {}; {} error{}, {} warning{}",
                c.title,
                c.items.len(),
                c.sections.len() - 1,
                c.signoff_count(),
                c.fields.len(),
                c.categories.len(),
                centi(c.threshold_centi),
                errors,
                if errors == 1 { "" } else { "s" },
                warnings,
                if warnings == 1 { "" } else { "s" },
            );
        }
    }
    Ok(u8::from(failed))
}

/// One file's lint result as one JSON object (`lint --json`).
pub(super) fn lint_json(
    shown: &str,
    c: &Checklist,
    errors: usize,
    warnings: usize,
) -> serde_json::Value {
    let categories: Vec<_> = c
        .categories
        .iter()
        .map(|k| {
            json!({
                "name": k.name,
                "weight": k.weight,
                "sections": k.sections.iter().map(|&s| c.sections[s].title.clone()).collect::<Vec<_>>(),
            })
        })
        .collect();
    let diagnostics: Vec<_> = c
        .diagnostics
        .iter()
        .map(
            |d| json!({"line": d.line, "column": d.column, "level": d.level, "message": d.message}),
        )
        .collect();
    json!({
        "file": shown,
        "title": c.title,
        "items": c.items.len(),
        "sections": c.sections.len() - 1,
        "signoffs": c.signoff_count(),
        "fields": c.fields.len(),
        "categories": categories,
        "threshold": f64::from(c.threshold_centi) / 100.0,
        "sha256": c.sha256(),
        "errors": errors,
        "warnings": warnings,
        "diagnostics": diagnostics,
    })
}

pub(super) fn report_lint_error(json: bool, file: &str, message: &str) {
    if json {
        println!("{}", json!({"file": file, "error": message}));
    } else {
        println!("{file}:{message}");
    }
}

pub(super) fn score(args: &[String]) -> Result<u8, Fail> {
    let a = parse_args(args, &["json"], &["min", "signers", "now"])?;
    let (template, answers) = a.template_and_answers("score")?;
    let min = match a.option("min") {
        Some(m) => Some(
            m.parse::<f64>()
                .ok()
                .filter(|v| (0.0..=10.0).contains(v))
                .map(|v| (v * 100.0).round() as u32)
                .ok_or_else(|| Fail(format!("--min {m:?}: expected a number from 0 to 10"), 2))?,
        ),
        None => None,
    };
    let (c, _, b) = scored(template, answers, a.option("signers"), a.option("now"))?;
    let below = min.is_some_and(|m| b.score_centi < m);
    if a.flag("json") {
        println!(
            "{}",
            serde_json::to_string_pretty(&json!({
                "file": c.file,
                "title": c.title,
                "score": f64::from(b.score_centi) / 100.0,
                "threshold": f64::from(b.threshold_centi) / 100.0,
                "verdict": b.verdict.as_str(),
                "reasons": b.reasons.iter().map(ToString::to_string).collect::<Vec<_>>(),
                "breakdown": b,
            }))
            .unwrap_or_default()
        );
    } else {
        print_breakdown(&c, &b);
        if let Some(m) = min {
            if below {
                println!("Score {} is below --min {}", centi(b.score_centi), centi(m));
            }
        }
    }
    Ok(u8::from(!b.verdict.is_go() || below))
}

/// The checklist at `template` with the answers at `answers` (none: the answers its own cells and
/// ticks give), judged as `score` judges them; problems with the answers are warned about.
fn scored(
    template: &str,
    answers: Option<&str>,
    signers: Option<&str>,
    now: Option<&str>,
) -> Result<(Checklist, Answers, Breakdown), Fail> {
    let (c, _) = load_checklist(Path::new(template))?;
    let answers = answers_or_none(answers)?;
    for p in readiness::domain::answers::validate::problems(&answers, &c) {
        eprintln!("warning: {}: {}", p.key, p.message);
    }
    let signers = signers_for(Some(Path::new(template)), signers)?;
    let rules = Rules {
        verifier: &DalekVerifier,
        as_of: now_or(now)?,
        signers: signers.as_ref(),
    };
    let b = score_checklist(&c, &answers, &rules);
    Ok((c, answers, b))
}

/// `report`: Copy as Markdown on the CLI — the checklist's source with the answers written in
/// (only what was answered changes) and the score summary after its title.
pub(super) fn report(args: &[String]) -> Result<u8, Fail> {
    let a = parse_args(args, &[], &["signers", "now", "out"])?;
    let (template, answers) = a.template_and_answers("report")?;
    let (c, answers, b) = scored(template, answers, a.option("signers"), a.option("now"))?;
    let md = readiness::domain::report::to_markdown(&c, &answers, &b);
    emit(a.option("out"), &md)?;
    Ok(0)
}

pub(super) fn print_breakdown(c: &Checklist, b: &Breakdown) {
    println!("{} ({})", c.title, c.file);
    let width = b
        .categories
        .iter()
        .map(|k| k.name.chars().count())
        .max()
        .unwrap_or(0);
    for k in &b.categories {
        let score = match (k.override_centi, k.score_centi) {
            (Some(o), _) => format!("{} (override)", centi(o)),
            (None, Some(s)) => centi(s),
            (None, None) => "n/a".to_string(),
        };
        println!(
            "  {:width$}  {:>5}%  {:>4}/{:<4} done  {:>3} N/A  {score}",
            k.name,
            k.weight,
            k.counts.done,
            k.counts.applicable(),
            k.counts.na,
        );
    }
    if b.uncategorised.total > 0 {
        println!(
            "  ({} readiness items in no category, {} done: tracked, not scored)",
            b.uncategorised.total, b.uncategorised.done
        );
    }
    if b.procedures.total > 0 {
        println!(
            "  Procedures: {}/{} done (not scored)",
            b.procedures.done, b.procedures.total
        );
    }
    println!(
        "Score {} / 10 (minimum {})",
        centi(b.score_centi),
        centi(b.threshold_centi)
    );
    println!("Verdict: {}", b.verdict.as_str());
    for r in &b.reasons {
        println!("  - {r}");
    }
}

pub(super) fn verify(args: &[String]) -> Result<u8, Fail> {
    let a = parse_args(
        args,
        &["json", "require-go"],
        &["template", "signers", "as-of", "previous"],
    )?;
    let [export] = a.positional.as_slice() else {
        return Err(Fail(format!("verify needs one EXPORT file\n\n{USAGE}"), 2));
    };
    // One way to find the signers file, on every command: --signers, else the one beside the
    // template, else the record's own (judged by in `verify` itself).
    let (_, v) = verified(
        export,
        a.option("template"),
        a.option("signers"),
        a.option("as-of"),
    )?;
    let link = match (a.option("previous"), &v.record) {
        (Some(p), Some(r)) => Some(previous_link(r, p)?),
        _ => None,
    };
    let b = v.breakdown.as_ref();
    if a.flag("json") {
        println!(
            "{}",
            json!({
                "file": export,
                "verified": v.ok(),
                "go": v.go(),
                "judged_by": v.judged_by,
                "verdict": b.map(|b| b.verdict.as_str()),
                "reasons": b.map(|b| b.reasons.iter().map(ToString::to_string).collect::<Vec<_>>()),
                "problems": v.problems,
                "notes": v.notes,
                "drift": v.drift,
                "signers": v.signers,
                "listed_as": v.listed_as,
                "lines": v.lines,
                "standing": v.assessment,
                "as_of": v.as_of,
                "waivers": v.record.as_ref().map(|r| audit::waivers(r, &v.day(r)).into_iter()
                    .map(|(id, _, until, left)| json!({"item": id, "until": until, "days_left": left}))
                    .collect::<Vec<_>>()),
                "previous": link.as_ref().map(|l| match l {
                    Ok(m) => json!({"holds": true, "message": m}),
                    Err(m) => json!({"holds": false, "message": m}),
                }),
            })
        );
    } else if v.ok() {
        print_verified(export, &v);
    } else {
        print_invalid(export, &v);
    }
    if !a.flag("json") {
        match &link {
            Some(Ok(m)) => println!("  previous: {m}"),
            Some(Err(m)) => println!("  previous: does not hold: {m}"),
            None => {}
        }
    }
    if !v.ok() || matches!(link, Some(Err(_))) {
        return Ok(1);
    }
    if a.flag("require-go") && !v.go() {
        if !a.flag("json") {
            println!("{}", not_go(&v));
            for r in not_go_reasons(&v) {
                println!("  - {r}");
            }
        }
        return Ok(3);
    }
    Ok(0)
}

/// Why `--require-go` refuses a genuine record, in one line (`verify` and `convert` say the same).
pub(super) fn not_go(v: &audit::Verification) -> &'static str {
    if v.needs_template() {
        "not proven GO: this record was made before records carried their checklist, so its items, weights and sign-off lines are its own claims; give the checklist with --template to prove its verdict"
    } else {
        "not GO: --require-go refuses this record"
    }
}

/// The verdict's reasons behind [`not_go`] (none for a record whose GO is only unproven).
pub(super) fn not_go_reasons(v: &audit::Verification) -> Vec<String> {
    v.breakdown
        .as_ref()
        .map(|b| b.reasons.iter().map(ToString::to_string).collect())
        .unwrap_or_default()
}

/// Reads and verifies the record at `export`, as `verify` and `convert` both do: against the
/// template given, or the one it carries; sign-offs judged under the signers file found the one
/// way (`--signers`, else beside the template, else the record's own). Returns its text too.
pub(super) fn verified(
    export: &str,
    template: Option<&str>,
    signers: Option<&str>,
    as_of: Option<&str>,
) -> Result<(String, audit::Verification), Fail> {
    let signers = signers_for(template.map(Path::new), signers)?;
    let bytes = read(Path::new(export))?;
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let template = match template {
        Some(t) => Some((file_name(Path::new(t)), read(Path::new(t))?)),
        None => None,
    };
    let mut v = audit::verify(
        &text,
        template.as_ref().map(|(n, b)| (n.as_str(), b.as_slice())),
        &DalekVerifier,
    );
    if let Some(day) = as_of {
        v.judge_as_of(day, &DalekVerifier).map_err(|e| Fail(e, 2))?;
    }
    if let Some(s) = &signers {
        v.check_signers(s, &DalekVerifier);
    }
    Ok((text, v))
}

/// `--previous FILE`: whether the record names that file, which must verify itself, as the
/// record its answers were carried from (`Err` with why not).
fn previous_link(record: &audit::AuditRecord, file: &str) -> Result<Result<String, String>, Fail> {
    let text = String::from_utf8_lossy(&read(Path::new(file))?).into_owned();
    let p = audit::verify(&text, None, &DalekVerifier);
    let name = file_name(Path::new(file));
    Ok(match &p.record {
        Some(prev) if p.ok() => audit::check_previous(record, prev, &name),
        _ => Err(format!("{name} does not verify: {}", p.problems.join("; "))),
    })
}

/// The report of a record that verified: what it is, its verdict as recomputed, each sign-off with
/// its key and whether it counts, keys that signed several roles, and notes.
pub(super) fn print_verified(export: &str, v: &audit::Verification) {
    let verdict = |r: &audit::AuditRecord| {
        let decided = v
            .breakdown
            .as_ref()
            .map_or(r.verdict.decision.as_str(), |b| b.verdict.as_str());
        if v.needs_template() {
            format!("{decided} (its own claim: not proven without its checklist)")
        } else {
            decided.to_string()
        }
    };
    match &v.record {
        Some(r) => println!(
            "verified: {export} — {} ({}), exported {}, score {}, {}, answers {}{}",
            r.checklist.title,
            r.checklist.file,
            r.generated_at,
            r.score.value,
            verdict(r),
            readiness::domain::signoff::ready::code(&r.answers_digest),
            r.ready
                .as_ref()
                .map(|m| if m.digest == r.answers_digest {
                    " (marked ready)".to_string()
                } else {
                    format!(" (marked ready at {}, changed since)", m.code())
                })
                .unwrap_or_default()
        ),
        None => println!("verified: {export}"),
    }
    let Some(a) = &v.assessment else {
        return;
    };
    if let Some(r) = &v.record {
        let deciding: Vec<Option<usize>> = a.lines.iter().map(LineState::record).collect();
        for (k, (s, fp)) in r.signoffs.iter().zip(&v.signers).enumerate() {
            let listed = v.listed_as.get(k).cloned().flatten();
            let standing = match a.records.get(k).and_then(|st| st.fault.as_ref()) {
                Some(f) => format!(" — does not count: {f}"),
                None if !s.stale && !deciding.contains(&Some(k)) => {
                    " — superseded by a later sign-off of its line".to_string()
                }
                None => String::new(),
            };
            println!(
                "  signed: {} — {} on {} (recorded {}), key {}{}{}{standing}",
                s.role,
                s.name,
                s.date,
                s.signed_at,
                fp.as_deref().map(short_fingerprint).unwrap_or_default(),
                listed
                    .map(|n| format!(", on the signers list as {n}"))
                    .unwrap_or_default(),
                if s.stale {
                    " — stale: answers changed after signing"
                } else {
                    ""
                }
            );
        }
    }
    for k in &a.shared {
        let effect = if a.shared_blocks {
            "each role needs its own signer: NO-GO"
        } else {
            "allowed by the checklist's shared-signers directive"
        };
        println!("  separation of duties: {k} ({effect})");
    }
    if let Some(r) = &v.record {
        let day = v.day(r);
        for (id, text, until, left) in audit::waivers(r, &day) {
            let state = match left {
                l if l < 0 => "lapsed: counts as open".to_string(),
                1 => "1 day left".to_string(),
                l => format!("{l} days left"),
            };
            println!("  waiver: {id} {text:?} until {until} ({state} on {day})");
        }
        if let (Some(day), Some(b)) = (&v.as_of, &v.breakdown) {
            println!("  judged as of {day}: {}", b.verdict.as_str());
            for reason in &b.reasons {
                println!("    - {reason}");
            }
        }
    }
    for n in &v.notes {
        println!("  note: {n}");
    }
}

/// The report of a record that did not verify: every problem, and the drift if any.
pub(super) fn print_invalid(export: &str, v: &audit::Verification) {
    println!("invalid: {export}");
    for p in &v.problems {
        println!("  - {p}");
    }
    if let Some(d) = &v.drift {
        for (id, text) in &d.added {
            println!("  + added   {id}: {text}");
        }
        for (id, text) in &d.removed {
            println!("  - removed {id}: {text}");
        }
        for (old, new, what) in &d.changed {
            println!("  ~ changed {old} → {new}: {what}");
        }
    }
}
