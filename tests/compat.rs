//! Records exported by earlier builds keep verifying, years later.
//!
//! `tests/records/lfg-platform-checklist.2026-11-22.json` was exported (with four Ed25519-signed
//! sign-offs, one of them stale, an override, N/A items, notes, evidence, fields and an orphaned
//! answer) by the build before the domain was split into modules (issue 13). Every later build must
//! verify it, print the same report, and export the same answers byte for byte (but for what
//! revision 2 adds: the record's revision and the checklist it carries). Without its template it
//! still verifies, but a gate cannot take its GO on its own word (it carries no checklist).

use readiness::domain::audit::{
    answers_from_record, export, integrity_digest, to_json, verify, Integrity, JudgedBy,
};
use readiness::domain::parse;
use readiness::domain::text::time::Timestamp;
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
        &readiness::domain::signoff::standing::Rules {
            verifier: &DalekVerifier,
            as_of: Timestamp::parse_rfc3339(&record.generated_at).expect("time"),
            signers: None,
        },
    );
    // Revision 2 adds the revision and the checklist's source, and nothing else: the answers
    // digest (no open item names who answered it) and every other byte are the same.
    assert_eq!(again.revision, Some(2));
    assert_eq!(
        again.checklist.source.as_deref().map(str::as_bytes),
        Some(&bytes[..])
    );
    assert_eq!(again.answers_digest, record.answers_digest);
    let mut old_form = again.clone();
    old_form.revision = None;
    old_form.checklist.source = None;
    old_form.integrity = None;
    old_form.integrity = Some(Integrity {
        algorithm: "sha256-jcs".to_string(),
        digest: integrity_digest(&old_form),
    });
    assert_eq!(to_json(&old_form), text);
    // The new record proves itself: verified against the checklist it carries.
    let v = verify(&to_json(&again), None, &DalekVerifier);
    assert_eq!(v.problems, Vec::<String>::new());
    assert_eq!(v.judged_by, JudgedBy::Carried);
}

#[test]
fn without_its_template_it_verifies_but_a_gate_asks_for_the_template() {
    let text = std::fs::read_to_string(RECORD).expect("fixture");
    let v = verify(&text, None, &DalekVerifier);
    assert_eq!(v.problems, Vec::<String>::new());
    assert_eq!(v.judged_by, JudgedBy::RecordAlone);
    assert!(!v.go());
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_readiness"))
        .args(["verify", RECORD, "--require-go"])
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    // Its own verdict is NO-GO (a stale sign-off), so the gate refuses it as NO-GO.
    assert_eq!(out.status.code(), Some(3), "{stdout}");
    assert!(
        stdout.contains("not GO: --require-go refuses this record"),
        "{stdout}"
    );
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
