//! `readiness`: the command-line tool for CI pipelines and auditors, on the same domain code as the
//! browser app, so both agree byte for byte.
//!
//! Exit codes: 0 success, 1 a check failed (lint errors, NO-GO or below `--min`, verification
//! failed), 2 usage or I/O error.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use readiness::domain::answers::Answers;
use readiness::domain::audit::{self, AuditRecord, AUDIT_SCHEMA};
use readiness::domain::catalog::{Catalog, CatalogEntry};
use readiness::domain::json::parse_strict;
use readiness::domain::merge::{merge_all, Prefer};
use readiness::domain::score::{score_checklist, Breakdown};
use readiness::domain::signers::Signers;
use readiness::domain::signing::short_fingerprint;
use readiness::domain::text::centi;
use readiness::domain::time::Timestamp;
use readiness::domain::{parse, Checklist};
use readiness::native::DalekVerifier;
use readiness::APP_VERSION;
use serde_json::json;

const USAGE: &str = "\
readiness — production-deployment sign-off from Markdown checklists

USAGE:
  readiness lint [--json] FILE_OR_DIR...
      Check checklists: diagnostics with line:column, then a summary per file.
      --json prints one JSON object per file per line. Exit 1 on errors.
  readiness score TEMPLATE ANSWERS_OR_EXPORT [--min X] [--json]
      Score answers (an answers file or an exported record) against a checklist.
      Exit 1 on NO-GO or when the score is below X.
  readiness verify EXPORT [--template FILE] [--signers FILE] [--json]
      Verify an exported audit record: integrity digest, answers digest, sign-off
      flags, score and verdict; with --template, also the template's SHA-256 and
      drift; with --signers (readiness-signers/1), that every sign-off's key is
      listed for its role. Exit 0 only when everything checks.
  readiness export TEMPLATE [ANSWERS] [--now RFC3339] [--out FILE]
      Write the audit record of answers (none: a blank checklist).
  readiness merge FILE FILE... --out FILE [--prefer mine|theirs|newest]
                  [--template TEMPLATE] [--now RFC3339]
      Merge exports or answers files of one checklist: answers unioned by item
      id, sign-off records unioned. Conflicts are listed; exit 1 unless --prefer
      says which side wins. Writes an export (answers files need --template).
  readiness catalog DIR --out FILE
      Write the catalogue of the checklists in DIR (used by the build).
  readiness synth N [--out FILE]
      Write a synthetic checklist with exactly N task items (benchmarks).
";

/// A failure that ends the command: message and exit code.
struct Fail(String, u8);

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("lint") => lint(&args[1..]),
        Some("score") => score(&args[1..]),
        Some("verify") => verify(&args[1..]),
        Some("export") => export(&args[1..]),
        Some("merge") => merge(&args[1..]),
        Some("catalog") => catalog(&args[1..]),
        Some("synth") => synth(&args[1..]),
        Some("-h" | "--help" | "help") => {
            print!("{USAGE}");
            Ok(0)
        }
        Some("-V" | "--version") => {
            println!("readiness {APP_VERSION}");
            Ok(0)
        }
        Some(other) => Err(Fail(format!("unknown command {other:?}\n\n{USAGE}"), 2)),
        None => Err(Fail(USAGE.to_string(), 2)),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(Fail(msg, code)) => {
            eprintln!("readiness: {msg}");
            ExitCode::from(code)
        }
    }
}

/// A command's arguments: positionals, boolean flags and `--key value` (or `--key=value`) options,
/// read with lexopt.
struct Args {
    positional: Vec<String>,
    flags: Vec<String>,
    options: Vec<(String, String)>,
}

fn parse_args(args: &[String], bools: &[&str], valued: &[&str]) -> Result<Args, Fail> {
    use lexopt::Arg;
    let usage = |e: lexopt::Error| Fail(format!("{e}\n\n{USAGE}"), 2);
    let mut out = Args {
        positional: Vec::new(),
        flags: Vec::new(),
        options: Vec::new(),
    };
    let mut parser = lexopt::Parser::from_args(args.iter().map(String::as_str));
    while let Some(arg) = parser.next().map_err(usage)? {
        match arg {
            Arg::Long(name) if bools.contains(&name) => out.flags.push(name.to_string()),
            Arg::Long(name) if valued.contains(&name) => {
                let name = name.to_string();
                let value = parser
                    .value()
                    .map_err(|_| Fail(format!("--{name} needs a value"), 2))?;
                let value = value
                    .into_string()
                    .map_err(|_| Fail(format!("--{name}: not UTF-8"), 2))?;
                out.options.push((name, value));
            }
            Arg::Value(v) => out.positional.push(
                v.into_string()
                    .map_err(|_| Fail("an argument is not UTF-8".to_string(), 2))?,
            ),
            other => return Err(usage(other.unexpected())),
        }
    }
    Ok(out)
}

impl Args {
    fn flag(&self, name: &str) -> bool {
        self.flags.iter().any(|f| f == name)
    }
    fn option(&self, name: &str) -> Option<&str> {
        self.options
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// The time given with `--now` (RFC 3339), else the system clock.
fn now_or(given: Option<&str>) -> Result<Timestamp, Fail> {
    match given {
        Some(s) => Timestamp::parse_rfc3339(s)
            .ok_or_else(|| Fail(format!("--now {s:?}: expected an RFC 3339 time"), 2)),
        None => {
            let ms = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_millis() as i64)
                .unwrap_or(0);
            Ok(Timestamp(ms))
        }
    }
}

fn read(path: &Path) -> Result<Vec<u8>, Fail> {
    std::fs::read(path).map_err(|e| Fail(format!("{}: {e}", path.display()), 2))
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

fn load_checklist(path: &Path) -> Result<(Checklist, Vec<u8>), Fail> {
    let bytes = read(path)?;
    let c =
        parse(&file_name(path), &bytes).map_err(|e| Fail(format!("{}:{e}", path.display()), 1))?;
    Ok((c, bytes))
}

/// Markdown files named on the command line, directories expanded (sorted, recursive).
fn expand(paths: &[String]) -> Result<Vec<PathBuf>, Fail> {
    let mut out = Vec::new();
    for p in paths {
        let path = PathBuf::from(p);
        if path.is_dir() {
            let mut stack = vec![path];
            let mut found = Vec::new();
            while let Some(dir) = stack.pop() {
                let entries = std::fs::read_dir(&dir)
                    .map_err(|e| Fail(format!("{}: {e}", dir.display()), 2))?;
                for e in entries.flatten() {
                    let p = e.path();
                    if p.is_dir() {
                        stack.push(p);
                    } else if p.extension().is_some_and(|x| x == "md" || x == "markdown") {
                        found.push(p);
                    }
                }
            }
            found.sort();
            out.extend(found);
        } else {
            out.push(path);
        }
    }
    Ok(out)
}

fn lint(args: &[String]) -> Result<u8, Fail> {
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
        let warnings = c.diagnostics.len() - errors;
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
fn lint_json(shown: &str, c: &Checklist, errors: usize, warnings: usize) -> serde_json::Value {
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

fn report_lint_error(json: bool, file: &str, message: &str) {
    if json {
        println!("{}", json!({"file": file, "error": message}));
    } else {
        println!("{file}:{message}");
    }
}

/// Reads answers from an answers file or an exported record.
fn load_answers(path: &Path) -> Result<Answers, Fail> {
    let bytes = read(path)?;
    let text = String::from_utf8(bytes)
        .map_err(|_| Fail(format!("{}: not UTF-8 text", path.display()), 2))?;
    let value = parse_strict(&text).map_err(|e| Fail(format!("{}: {e}", path.display()), 2))?;
    if value.get("schema").and_then(|s| s.as_str()) == Some(AUDIT_SCHEMA) {
        let record: AuditRecord = serde_json::from_value(value)
            .map_err(|e| Fail(format!("{}: malformed export: {e}", path.display()), 2))?;
        return Ok(audit::answers_from_record(&record));
    }
    Answers::from_value(value).map_err(|e| Fail(format!("{}: {e}", path.display()), 2))
}

fn score(args: &[String]) -> Result<u8, Fail> {
    let a = parse_args(args, &["json"], &["min"])?;
    let [template, answers] = a.positional.as_slice() else {
        return Err(Fail(
            format!("score needs TEMPLATE and ANSWERS_OR_EXPORT\n\n{USAGE}"),
            2,
        ));
    };
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
    let (c, _) = load_checklist(Path::new(template))?;
    let answers = load_answers(Path::new(answers))?;
    for p in readiness::domain::validate::problems(&answers, &c) {
        eprintln!("warning: {}: {}", p.key, p.message);
    }
    let b = score_checklist(&c, &answers);
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

fn print_breakdown(c: &Checklist, b: &Breakdown) {
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

fn verify(args: &[String]) -> Result<u8, Fail> {
    let a = parse_args(args, &["json"], &["template", "signers"])?;
    let [export] = a.positional.as_slice() else {
        return Err(Fail(format!("verify needs one EXPORT file\n\n{USAGE}"), 2));
    };
    let signers = match a.option("signers") {
        Some(p) => {
            let text = String::from_utf8_lossy(&read(Path::new(p))?).into_owned();
            Some(Signers::from_json(&text).map_err(|e| Fail(format!("{p}: {e}"), 2))?)
        }
        None => None,
    };
    let bytes = read(Path::new(export))?;
    let text = String::from_utf8_lossy(&bytes);
    let template = match a.option("template") {
        Some(t) => Some((file_name(Path::new(t)), read(Path::new(t))?)),
        None => None,
    };
    let mut v = audit::verify(
        &text,
        template.as_ref().map(|(n, b)| (n.as_str(), b.as_slice())),
        &DalekVerifier,
    );
    if let Some(s) = &signers {
        v.check_signers(s);
    }
    if a.flag("json") {
        println!(
            "{}",
            json!({"file": export, "verified": v.ok(), "problems": v.problems, "drift": v.drift, "signers": v.signers, "listed_as": v.listed_as})
        );
    } else if v.ok() {
        print_verified(export, &v);
    } else {
        print_invalid(export, &v);
    }
    Ok(u8::from(!v.ok()))
}

/// The report of a record that verified: what it is, and each sign-off with its key.
fn print_verified(export: &str, v: &audit::Verification) {
    match &v.record {
        Some(r) => println!(
            "verified: {export} — {} ({}), exported {}, score {}, {}",
            r.checklist.title, r.checklist.file, r.generated_at, r.score.value, r.verdict.decision
        ),
        None => println!("verified: {export}"),
    }
    if let Some(r) = &v.record {
        for (k, (s, fp)) in r.signoffs.iter().zip(&v.signers).enumerate() {
            let listed = v.listed_as.get(k).cloned().flatten();
            println!(
                "  signed: {} — {} on {} (recorded {}), key {}{}{}",
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
}

/// The report of a record that did not verify: every problem, and the drift if any.
fn print_invalid(export: &str, v: &audit::Verification) {
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

fn export(args: &[String]) -> Result<u8, Fail> {
    let a = parse_args(args, &[], &["now", "out"])?;
    let (template, answers) = match a.positional.as_slice() {
        [t] => (t, None),
        [t, ans] => (t, Some(ans)),
        _ => {
            return Err(Fail(
                format!("export needs TEMPLATE [ANSWERS]\n\n{USAGE}"),
                2,
            ))
        }
    };
    let now = now_or(a.option("now"))?;
    let (c, _) = load_checklist(Path::new(template))?;
    let answers = match answers {
        Some(p) => load_answers(Path::new(p))?,
        None => Answers::default(),
    };
    let record = audit::export(&c, &answers, APP_VERSION, now);
    let json = audit::to_json(&record);
    match a.option("out") {
        Some(out) => std::fs::write(out, json).map_err(|e| Fail(format!("{out}: {e}"), 2))?,
        None => print!("{json}"),
    }
    Ok(0)
}

/// One input of `merge`: its answers and, for an export, the record they came from.
struct MergeInput {
    path: String,
    answers: Answers,
    record: Option<AuditRecord>,
}

fn read_merge_input(path: &str) -> Result<MergeInput, Fail> {
    let text = String::from_utf8_lossy(&read(Path::new(path))?).into_owned();
    let value = parse_strict(&text).map_err(|e| Fail(format!("{path}: {e}"), 2))?;
    if value.get("schema").and_then(|s| s.as_str()) == Some(AUDIT_SCHEMA) {
        let record: AuditRecord = serde_json::from_value(value)
            .map_err(|e| Fail(format!("{path}: malformed export: {e}"), 2))?;
        let answers = audit::answers_from_record(&record);
        return Ok(MergeInput {
            path: path.to_string(),
            answers,
            record: Some(record),
        });
    }
    let answers = Answers::from_value(value).map_err(|e| Fail(format!("{path}: {e}"), 2))?;
    Ok(MergeInput {
        path: path.to_string(),
        answers,
        record: None,
    })
}

/// Refuses inputs that are not about the same checklist (by the template's SHA-256), naming both.
fn same_checklist(inputs: &[MergeInput], template: Option<&Checklist>) -> Result<(), Fail> {
    let mut first: Option<(&str, &str, &str)> =
        template.map(|c| ("--template", c.file.as_str(), c.sha256()));
    for i in inputs {
        let Some(r) = &i.record else { continue };
        let this = (
            i.path.as_str(),
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

fn merge(args: &[String]) -> Result<u8, Fail> {
    let a = parse_args(args, &[], &["out", "prefer", "template", "now"])?;
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
    let inputs = a
        .positional
        .iter()
        .map(|p| read_merge_input(p))
        .collect::<Result<Vec<_>, _>>()?;
    same_checklist(&inputs, template.as_ref())?;
    let answers: Vec<Answers> = inputs.iter().map(|i| i.answers.clone()).collect();
    let merged = merge_all(&answers, prefer.unwrap_or(Prefer::Mine));
    for c in &merged.conflicts {
        eprintln!("conflict: {}: {} | {}", c.key, c.mine, c.theirs);
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
    let record = match (&template, inputs.iter().find_map(|i| i.record.as_ref())) {
        (Some(c), _) => audit::export(c, &merged.answers, APP_VERSION, now),
        (None, Some(base)) if inputs.iter().all(|i| i.record.is_some()) => {
            audit::rebuild(base, &merged.answers, APP_VERSION, now).ok_or_else(|| {
                Fail(
                    format!("{}: its score cannot be recomputed", inputs[0].path),
                    2,
                )
            })?
        }
        _ => {
            let file = inputs
                .iter()
                .find(|i| i.record.is_none())
                .map_or("", |i| i.path.as_str());
            return Err(Fail(
                format!(
                    "{file} is an answers file: give the checklist with --template CHECKLIST.md"
                ),
                2,
            ));
        }
    };
    std::fs::write(out, audit::to_json(&record)).map_err(|e| Fail(format!("{out}: {e}"), 2))?;
    eprintln!(
        "merged {} files into {out}: {} answers, {} sign-off records, {} conflict{} resolved",
        inputs.len(),
        merged.answers.items.len(),
        merged.answers.signoffs.len(),
        merged.conflicts.len(),
        if merged.conflicts.len() == 1 { "" } else { "s" }
    );
    Ok(0)
}

fn catalog(args: &[String]) -> Result<u8, Fail> {
    let a = parse_args(args, &[], &["out"])?;
    let [dir] = a.positional.as_slice() else {
        return Err(Fail(format!("catalog needs one DIR\n\n{USAGE}"), 2));
    };
    let out = a
        .option("out")
        .ok_or_else(|| Fail("catalog needs --out FILE".to_string(), 2))?;
    let mut entries = Vec::new();
    for path in expand(std::slice::from_ref(dir))? {
        let (c, bytes) = load_checklist(&path)?;
        let base = Path::new(dir);
        let rel = path.strip_prefix(base).unwrap_or(&path);
        let mut entry = CatalogEntry::new(&c, bytes.len());
        entry.file = rel.to_string_lossy().replace('\\', "/");
        entries.push(entry);
    }
    let catalog = Catalog::new(entries);
    let json = serde_json::to_string_pretty(&catalog).unwrap_or_default();
    if let Some(parent) = Path::new(out).parent() {
        if !parent.as_os_str().is_empty() {
            std::fs::create_dir_all(parent).map_err(|e| Fail(format!("{out}: {e}"), 2))?;
        }
    }
    std::fs::write(out, json + "\n").map_err(|e| Fail(format!("{out}: {e}"), 2))?;
    eprintln!(
        "readiness: catalogued {} checklists into {out}",
        catalog.checklists.len()
    );
    Ok(0)
}

fn synth(args: &[String]) -> Result<u8, Fail> {
    let a = parse_args(args, &[], &["out"])?;
    let [n] = a.positional.as_slice() else {
        return Err(Fail(format!("synth needs N\n\n{USAGE}"), 2));
    };
    let n: usize = n
        .parse()
        .ok()
        .filter(|n| (1..=1_000_000).contains(n))
        .ok_or_else(|| {
            Fail(
                format!("synth {n:?}: expected a count from 1 to 1000000"),
                2,
            )
        })?;
    let md = readiness::synth::checklist(n);
    match a.option("out") {
        Some(out) => std::fs::write(out, md).map_err(|e| Fail(format!("{out}: {e}"), 2))?,
        None => print!("{md}"),
    }
    Ok(0)
}
