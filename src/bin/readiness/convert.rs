//! `readiness convert`: a verified record in an auditor's own format (JUnit, CSV, HDF, OSCAL, an
//! in-toto test result, signed with `--key`), made by the domain's converters.

use std::path::Path;

use readiness::domain::convert::{convert_verified, statement_payload, Format};
use readiness::native::{sign_dsse, signing_key_from_json};

use super::check::{not_go, not_go_reasons, verified};
use super::{emit, parse_args, read, Fail, USAGE};

pub(super) fn convert(args: &[String]) -> Result<u8, Fail> {
    let a = parse_args(
        args,
        &["require-go"],
        &["to", "out", "key", "template", "signers"],
    )?;
    let [export] = a.positional.as_slice() else {
        return Err(Fail(format!("convert needs one EXPORT file\n\n{USAGE}"), 2));
    };
    let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
    let format = match a.option("to") {
        Some(t) => Format::parse(t).ok_or_else(|| {
            Fail(
                format!("convert --to {t:?}: expected one of {}", names.join(", ")),
                2,
            )
        })?,
        None => return Err(Fail(format!("convert needs --to {}", names.join("|")), 2)),
    };
    let key = match a.option("key") {
        Some(_) if format != Format::TestResult => {
            return Err(Fail(
                "convert --key signs a test result: use it with --to test-result".to_string(),
                2,
            ))
        }
        Some(p) => {
            let text = String::from_utf8_lossy(&read(Path::new(p))?).into_owned();
            Some(signing_key_from_json(&text).map_err(|e| Fail(format!("{p}: {e}"), 2))?)
        }
        None => None,
    };
    // Judged exactly as `verify` with the same options judges it.
    let (text, v) = verified(export, a.option("template"), a.option("signers"), None)?;
    if v.ok() && a.flag("require-go") && !v.go() {
        let reasons = not_go_reasons(&v);
        let why = if reasons.is_empty() {
            String::new()
        } else {
            format!(": {}", reasons.join("; "))
        };
        return Err(Fail(
            format!("{export}: {}, nothing written{why}", not_go(&v)),
            3,
        ));
    }
    let mut out =
        convert_verified(&text, &v, format).map_err(|e| Fail(format!("{export}: {e}"), 1))?;
    if let Some(key) = key {
        let payload = statement_payload(&out)
            .ok_or_else(|| Fail("the test result is not a JSON object".to_string(), 2))?;
        let envelope = sign_dsse(&key, &payload);
        out = serde_json::to_string_pretty(&envelope).unwrap_or_default() + "\n";
    }
    emit(a.option("out"), &out)?;
    Ok(0)
}
