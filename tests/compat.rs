//! Records exported by earlier builds keep verifying, years later.
//!
//! `tests/records/lfg-platform-checklist.2026-11-22.json` was exported (with four Ed25519-signed
//! sign-offs, one of them stale, an override, N/A items, notes, evidence, fields and an orphaned
//! answer) by the build before the domain was split into modules (issue 13). Every later build must
//! verify it, print the same report, and export the same answers byte for byte.

use readiness::domain::audit::{answers_from_record, export, to_json, verify};
use readiness::domain::parse;
use readiness::domain::time::Timestamp;
use readiness::native::DalekVerifier;

const RECORD: &str = "tests/records/lfg-platform-checklist.2026-11-22.json";
const TEMPLATE: &str = "checklists/lfg-platform-checklist.md";

#[test]
fn a_record_from_the_build_before_issue_13_verifies() {
    let text = std::fs::read_to_string(RECORD).expect("fixture");
    let bytes = std::fs::read(TEMPLATE).expect("seed");
    let v = verify(
        &text,
        Some(("lfg-platform-checklist.md", &bytes)),
        &DalekVerifier,
    );
    assert_eq!(v.problems, Vec::<String>::new());
    assert_eq!(v.drift, None);
    assert_eq!(v.signers.iter().filter(|s| s.is_some()).count(), 4);
    let record = v.record.expect("record");
    assert_eq!(record.signoffs.iter().filter(|s| s.stale).count(), 1);
    assert_eq!(
        record.answers_digest,
        "fa3910a34c5f683ff1a48a1ae8333c52f64a069138865d90bd551505edf88a21"
    );
}

#[test]
fn re_exporting_its_answers_gives_the_same_bytes() {
    let text = std::fs::read_to_string(RECORD).expect("fixture");
    let bytes = std::fs::read(TEMPLATE).expect("seed");
    let c = parse("lfg-platform-checklist.md", &bytes).expect("parses");
    let record = verify(&text, None, &DalekVerifier).record.expect("record");
    let again = export(
        &c,
        &answers_from_record(&record),
        &record.app_version,
        &readiness::domain::standing::Rules {
            verifier: &DalekVerifier,
            as_of: Timestamp::parse_rfc3339(&record.generated_at).expect("time"),
            signers: None,
        },
    );
    assert_eq!(to_json(&again), text);
}

#[test]
fn the_cli_prints_the_same_report() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_readiness"))
        .args(["verify", RECORD, "--template", TEMPLATE])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let expected = std::fs::read_to_string(RECORD.replace(".json", ".verify.txt")).expect("golden");
    assert_eq!(String::from_utf8_lossy(&out.stdout), expected);
}
