//! `carry`: the next release's answers started from the last record (issue 37), by the core's
//! one function (`domain::carry`), the page's own once it offers it.

use std::path::Path;

use readiness::domain::audit;
use readiness::domain::carry::carry as carry_forward;
use readiness::native::DalekVerifier;

use super::{file_name, parse_args, read, write_out, Fail, USAGE};

/// `readiness carry PREVIOUS_RECORD --template NEW.md --out ANSWERS`: a record that verifies,
/// carried into the new template; what was carried, what counts, what to re-review, what is new
/// and what was removed, printed; the answers written.
pub(super) fn carry(args: &[String]) -> Result<u8, Fail> {
    let a = parse_args(args, &[], &["template", "out"])?;
    let [record] = a.positional.as_slice() else {
        return Err(Fail(
            format!("carry needs one PREVIOUS_RECORD\n\n{USAGE}"),
            2,
        ));
    };
    let (Some(template), Some(out)) = (a.option("template"), a.option("out")) else {
        return Err(Fail(
            "carry needs --template NEW.md and --out FILE".to_string(),
            2,
        ));
    };
    let text = String::from_utf8_lossy(&read(Path::new(record))?).into_owned();
    let v = audit::verify(&text, None, &DalekVerifier);
    if !v.problems.is_empty() {
        return Err(Fail(
            format!(
                "{record} does not verify, so nothing is carried from it:\n  - {}",
                v.problems.join("\n  - ")
            ),
            1,
        ));
    }
    let Some(previous) = &v.record else {
        return Err(Fail(format!("{record}: not an audit record"), 1));
    };
    let name = file_name(Path::new(template));
    let checklist = readiness::domain::parse(&name, &read(Path::new(template))?)
        .map_err(|e| Fail(format!("{template}: {e}"), 1))?;
    let c = carry_forward(previous, record, &checklist).map_err(|e| Fail(e.to_string(), 1))?;
    let r = &c.report;
    let from = c.answers.carried_from();
    let from = from.as_ref();
    println!(
        "Carried from {} (integrity {}…, made {}) into {name}:",
        from.map_or("", |f| f.file.as_str()),
        from.map_or("", |f| &f.integrity[..12.min(f.integrity.len())]),
        from.map_or("", |f| f.at.as_str())
    );
    println!(
        "  {} carried: the earlier answer, to confirm (open until confirmed)",
        r.carried.len()
    );
    println!(
        "  {} N/A or waived with a reason: carried, and counting",
        r.counted.len()
    );
    println!(
        "  {} changed: to re-review one by one (never confirmed in bulk)",
        r.review.len()
    );
    for (id, diff) in &r.review {
        println!("    - {id}: {diff}");
    }
    println!("  {} new: open", r.added.len());
    for id in &r.added {
        println!("    - {id}");
    }
    println!("  {} removed: listed, not applied", r.removed.len());
    for (id, text, status) in &r.removed {
        println!("    - {id}: {text:?} ({})", status.as_str());
    }
    println!(
        "  {} sign-off record{} not carried: this release is signed again",
        r.signoffs_left,
        if r.signoffs_left == 1 { "" } else { "s" }
    );
    write_out(out, &c.answers.to_json())?;
    println!("Wrote {out}");
    Ok(0)
}
