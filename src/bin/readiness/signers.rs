//! `signers`: a signers file made from the sign-offs a record holds (trust on first use), so
//! nobody assembles one by hand from retyped keys.

use std::path::Path;

use readiness::domain::audit;
use readiness::domain::signoff::signers::Signers;
use readiness::domain::signoff::signing::short_fingerprint;
use readiness::domain::text::fingerprint;
use readiness::native::DalekVerifier;

use super::{file_name, parse_args, read, write_out, Fail, USAGE};

/// `readiness signers RECORD [--template FILE] --out FILE`: each role, name and key of the
/// record's genuine sign-offs, printed for confirmation and written as a signers file.
pub(super) fn signers(args: &[String]) -> Result<u8, Fail> {
    let a = parse_args(args, &[], &["template", "out"])?;
    let [record] = a.positional.as_slice() else {
        return Err(Fail(format!("signers needs one RECORD\n\n{USAGE}"), 2));
    };
    let out = a
        .option("out")
        .ok_or_else(|| Fail("signers needs --out FILE".to_string(), 2))?;
    let text = String::from_utf8_lossy(&read(Path::new(record))?).into_owned();
    let template = match a.option("template") {
        Some(t) => Some((file_name(Path::new(t)), read(Path::new(t))?)),
        None => None,
    };
    // Judged with no signers file: this is where the first one comes from.
    let v = audit::verify(
        &text,
        template.as_ref().map(|(n, b)| (n.as_str(), b.as_slice())),
        &DalekVerifier,
    );
    if !v.problems.is_empty() {
        return Err(Fail(
            format!(
                "{record} does not verify, so no signers file is made from it:\n  - {}",
                v.problems.join("\n  - ")
            ),
            1,
        ));
    }
    let (Some(assessment), Some(r)) = (&v.assessment, &v.record) else {
        return Err(Fail(format!("{record}: no sign-offs to judge"), 1));
    };
    let records: Vec<_> = r.signoffs.iter().map(|s| s.to_record()).collect();
    let made = Signers::from_signoffs(&v.lines, assessment, &records);
    if made.signers.is_empty() {
        return Err(Fail(
            format!("{record}: no genuine sign-off with a key, so there is no one to list"),
            1,
        ));
    }
    for s in &made.signers {
        let key = readiness::domain::text::base64_decode(&s.public_key)
            .map(|k| short_fingerprint(&fingerprint(&k)))
            .unwrap_or_default();
        println!("{}: {}, key {key}", s.role, s.name);
    }
    write_out(out, &made.to_json())?;
    eprintln!(
        "readiness: {} signer{} written to {out}; check each key with its holder before relying on it",
        made.signers.len(),
        if made.signers.len() == 1 { "" } else { "s" }
    );
    Ok(0)
}
