//! `readiness`: the command-line tool for CI pipelines and auditors, on the same domain code as the
//! browser app, so both agree byte for byte.
//!
//! Exit codes: 0 success, 1 a check failed (lint errors, NO-GO or below `--min`, verification
//! failed), 2 usage or I/O error, 3 a genuine record that is NO-GO under `verify --require-go`.
//!
//! `score`, `export` and `merge --template` use the signers file beside the checklist
//! (`<stem>.signers.json`) when there is one, as the app does for a bundled checklist, or
//! `--signers FILE`.

mod carry;
mod check;
mod convert;
mod merge;
mod signers;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use readiness::domain::answers::Answers;
use readiness::domain::audit::{self, AuditRecord, AUDIT_SCHEMA};
use readiness::domain::model::catalog::{Catalog, CatalogEntry};
use readiness::domain::signoff::signers::Signers;
use readiness::domain::signoff::standing::Rules;
use readiness::domain::text::json::parse_strict;
use readiness::domain::text::time::Timestamp;
use readiness::domain::{parse, Checklist};
use readiness::native::DalekVerifier;
use readiness::APP_VERSION;

const USAGE: &str = "\
readiness — production-deployment sign-off from Markdown checklists

USAGE:
  readiness lint [--json] FILE_OR_DIR...
      Check checklists: diagnostics with line:column, then a summary per file.
      --json prints one JSON object per file per line. Exit 1 on errors.
  readiness score TEMPLATE [ANSWERS_OR_EXPORT] [--min X] [--signers FILE]
                  [--now RFC3339] [--json]
      Score answers (an answers file or an exported record) against a checklist;
      with none, the answers the checklist's own ticks and status cells give.
      A sign-off counts only when it is signed, for its line's role, current,
      validly dated and (with a signers file) by a listed key.
      Exit 1 on NO-GO or when the score is below X.
  readiness verify EXPORT [--template FILE] [--signers FILE] [--require-go] [--json]
                  [--as-of YYYY-MM-DD] [--previous FILE]
      Verify an exported audit record: integrity digest, answers digest, sign-off
      signatures and flags, and the score and verdict rebuilt from the checklist
      (the --template given, checked against the record's SHA-256, else the copy
      the record carries); with --signers (readiness-signers/1; else the
      <stem>.signers.json beside --template, else the record's own), that every
      sign-off's key is listed for its role. Exit 0 when the record is genuine;
      with --require-go, exit 3 when it is genuine but NO-GO (or made before
      records carried their checklist, and no --template is given). Waivers
      with an end date are judged on the record's date, or on --as-of's (does
      the record still hold that day?). --previous FILE: that the record was
      carried from FILE (which must verify, and be earlier); exit 1 if not.
  readiness export TEMPLATE [ANSWERS] [--now RFC3339] [--signers FILE] [--out FILE]
      Write the audit record of answers (none: a blank checklist). Refuses
      answers that would not verify (N/A without a reason); leaves out sign-offs
      whose signature does not hold, saying so.
  readiness merge FILE FILE... --out FILE [--prefer mine|theirs|newest]
                  [--template TEMPLATE] [--signers FILE] [--now RFC3339]
                  [--require-current]
      Merge exports or answers files of one checklist: answers unioned by item
      id, sign-off records unioned. Conflicts are listed; exit 1 unless --prefer
      says which side wins. Writes an export (answers files need --template),
      then prints each sign-off's state (current, stale, made stale by this
      merge, does not count). --require-current: exit 1 when a signed role is
      stale after the merge.
  readiness convert EXPORT --to junit|csv|csv-signoffs|hdf|oscal|test-result
                  [--template FILE] [--signers FILE] [--require-go]
                  [--out FILE] [--key FILE]
      Write a record that verifies in an auditor's own format: JUnit XML, CSV
      (items, or sign-offs), Heimdall HDF, OSCAL assessment results, or an
      in-toto test-result statement (with --key, the app's exported key file or
      an Ed25519 JWK: a signed DSSE envelope). Judged as verify judges it with
      the same options: refuses a record that does not verify, with the reasons
      (exit 1), and with --require-go one that is NO-GO (exit 3). A NO-GO is
      always a failing Verdict test, control or finding, with every reason.
  readiness report TEMPLATE [ANSWERS_OR_EXPORT] [--signers FILE] [--now RFC3339]
                   [--out FILE]
      Copy as Markdown: the checklist's own text with the answers written in,
      in the notation it already uses (only answered lines change; a column is
      added to a table that has no cell for an answer), and the score summary
      after its title. The same function as the app's Copy as Markdown.
  readiness signers RECORD [--template FILE] --out FILE
      Write a signers file from the record's genuine sign-offs (each role, the
      signer's name and key, printed for you to confirm with each holder): trust
      on first use, so a later record is held to these keys with --signers.
  readiness carry PREVIOUS_RECORD --template NEW.md --out ANSWERS
      Start the next release from the last record (it must verify): unchanged
      items carried with their earlier answer, open until someone confirms
      them; N/A and waivers with a reason carried and counting; changed items
      to re-review, with a word diff; new items open; removed ones listed;
      sign-offs never carried. The answers name the record they came from.
  readiness render TEMPLATE [ANSWERS_OR_EXPORT] [--out FILE]
      Write the checklist's body as HTML, answers in place, from the same
      renderer the app is moving to (escaped by construction, allow-listed
      tags and links only).
  readiness catalog DIR --out FILE
      Write the catalogue of the checklists in DIR (used by the build).
  readiness pages DIR [--out FILE]
      Write the static first screens of the landing page and of each
      checklist in DIR as JSON (used by the build; no browser needed).
  readiness synth N [--out FILE]
      Write a synthetic checklist with exactly N task items (benchmarks).
";

/// A failure that ends the command: message and exit code.
struct Fail(String, u8);

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("lint") => check::lint(&args[1..]),
        Some("score") => check::score(&args[1..]),
        Some("verify") => check::verify(&args[1..]),
        Some("export") => export(&args[1..]),
        Some("merge") => merge::merge(&args[1..]),
        Some("convert") => convert::convert(&args[1..]),
        Some("catalog") => catalog(&args[1..]),
        Some("pages") => pages(&args[1..]),
        Some("synth") => synth(&args[1..]),
        Some("render") => render(&args[1..]),
        Some("report") => check::report(&args[1..]),
        Some("signers") => signers::signers(&args[1..]),
        Some("carry") => carry::carry(&args[1..]),
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

impl Args {
    /// `TEMPLATE [ANSWERS_OR_EXPORT]`, as `score`, `report` and `render` take them.
    fn template_and_answers(&self, command: &str) -> Result<(&str, Option<&str>), Fail> {
        match self.positional.as_slice() {
            [t] => Ok((t, None)),
            [t, answers] => Ok((t, Some(answers))),
            _ => Err(Fail(
                format!("{command} needs TEMPLATE [ANSWERS_OR_EXPORT]\n\n{USAGE}"),
                2,
            )),
        }
    }
}

/// The answers in the file at `path`, or none: the checklist's own ticks and cells then count.
fn answers_or_none(path: Option<&str>) -> Result<Answers, Fail> {
    match path {
        Some(p) => load_answers(Path::new(p)),
        None => Ok(Answers::default()),
    }
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

fn export(args: &[String]) -> Result<u8, Fail> {
    let a = parse_args(args, &[], &["now", "out", "signers"])?;
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
    let refused = readiness::domain::answers::validate::export_refusals(&answers, &c);
    if !refused.is_empty() {
        for p in &refused {
            eprintln!("error: {}: {}", p.key, p.message);
        }
        return Err(Fail(
            format!(
                "export: {} answer{} would make a record that does not verify; nothing written",
                refused.len(),
                if refused.len() == 1 { "" } else { "s" }
            ),
            1,
        ));
    }
    let signers = signers_for(Some(Path::new(template)), a.option("signers"))?;
    let rules = Rules {
        verifier: &DalekVerifier,
        as_of: now,
        signers: signers.as_ref(),
    };
    let exported = audit::export_noting(&c, &answers, APP_VERSION, &rules);
    merge::report_left_out(&exported.left_out);
    let json = audit::to_json(&exported.record);
    emit(a.option("out"), &json)?;
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
    let (catalog, _) = catalogue(dir)?;
    let json = serde_json::to_string_pretty(&catalog).unwrap_or_default();
    write_out(out, &(json + "\n"))?;
    eprintln!(
        "readiness: catalogued {} checklists into {out}",
        catalog.checklists.len()
    );
    Ok(0)
}

/// The checklists in `dir` (each parsed once) and their catalogue.
fn catalogue(dir: &str) -> Result<(Catalog, Vec<Checklist>), Fail> {
    let mut entries = Vec::new();
    let mut parsed = Vec::new();
    for path in expand(&[dir.to_string()])? {
        let (mut c, bytes) = load_checklist(&path)?;
        let base = Path::new(dir);
        let rel = path.strip_prefix(base).unwrap_or(&path);
        let mut entry = CatalogEntry::new(&c, bytes.len());
        entry.file = rel.to_string_lossy().replace('\\', "/");
        entry.signers = signers_next_to(&path, base)?;
        c.file = entry.file.clone();
        entries.push(entry);
        parsed.push(c);
    }
    parsed.sort_by(|a, b| a.file.cmp(&b.file));
    Ok((Catalog::new(entries), parsed))
}

/// `text` to the file `out` (its folder created), or to standard output when there is none.
fn emit(out: Option<&str>, text: &str) -> Result<(), Fail> {
    match out {
        Some(out) => write_out(out, text),
        None => {
            print!("{text}");
            Ok(())
        }
    }
}

/// Writes `text` to `out`, creating its folder.
fn write_out(out: &str, text: &str) -> Result<(), Fail> {
    if let Some(parent) = Path::new(out).parent() {
        if !parent.as_os_str().is_empty() {
            std::fs::create_dir_all(parent).map_err(|e| Fail(format!("{out}: {e}"), 2))?;
        }
    }
    std::fs::write(out, text).map_err(|e| Fail(format!("{out}: {e}"), 2))
}

/// `pages`: the static first screens of the landing page and of every checklist in DIR, written
/// natively by the core (no browser), as JSON for `scripts/postbuild.mjs` to place in the build.
fn pages(args: &[String]) -> Result<u8, Fail> {
    let a = parse_args(args, &[], &["out"])?;
    let [dir] = a.positional.as_slice() else {
        return Err(Fail(format!("pages needs one DIR\n\n{USAGE}"), 2));
    };
    let (catalog, parsed) = catalogue(dir)?;
    let docs: Vec<_> = parsed
        .iter()
        .map(|c| {
            let p = readiness::domain::render::checklist_page(c);
            serde_json::json!({ "file": c.file, "title": p.title, "html": p.html })
        })
        .collect();
    let home = readiness::domain::render::landing_page(&catalog);
    let json = serde_json::json!({
        "home": { "title": home.title, "html": home.html },
        "docs": docs,
    })
    .to_string();
    emit(a.option("out"), &json)?;
    Ok(0)
}

/// The signers file in force, found the one way every command finds it: `--signers FILE`, else
/// `<stem>.signers.json` beside the template (as the app uses a bundled checklist's), else none
/// (a record's own, where there is a record, is the caller's to fall back on).
fn signers_for(template: Option<&Path>, given: Option<&str>) -> Result<Option<Signers>, Fail> {
    let path = match (given, template) {
        (Some(p), _) => PathBuf::from(p),
        (None, None) => return Ok(None),
        (None, Some(template)) => {
            let beside = template.with_extension("signers.json");
            if !beside.exists() {
                return Ok(None);
            }
            beside
        }
    };
    let text = String::from_utf8_lossy(&read(&path)?).into_owned();
    Signers::from_json(&text)
        .map(Some)
        .map_err(|e| Fail(format!("{}: {e}", path.display()), 2))
}

/// The signers file next to a checklist (`<stem>.signers.json`), checked, relative to `base`.
fn signers_next_to(checklist: &Path, base: &Path) -> Result<Option<String>, Fail> {
    let path = checklist.with_extension("signers.json");
    if !path.exists() {
        return Ok(None);
    }
    let text = String::from_utf8_lossy(&read(&path)?).into_owned();
    Signers::from_json(&text).map_err(|e| Fail(format!("{}: {e}", path.display()), 1))?;
    let rel = path.strip_prefix(base).unwrap_or(&path);
    Ok(Some(rel.to_string_lossy().replace('\\', "/")))
}

/// `render`: the checklist's body HTML from the core's one renderer, answers in place.
fn render(args: &[String]) -> Result<u8, Fail> {
    let a = parse_args(args, &[], &["out"])?;
    let (template, answers) = a.template_and_answers("render")?;
    let (c, _) = load_checklist(Path::new(template))?;
    let answers = answers_or_none(answers)?;
    let mut html = readiness::domain::render::render_body(&c, &answers);
    html.push('\n');
    emit(a.option("out"), &html)?;
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
    emit(a.option("out"), &md)?;
    Ok(0)
}
