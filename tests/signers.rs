//! Signers pinned to roles (`readiness-signers/1`, issue 14): `readiness verify --signers` accepts
//! a record whose every signing key is listed for its role, names a key that is not, and refuses a
//! malformed signers file.

mod common;

use std::path::PathBuf;

use common::scratch_path;
use std::process::{Command, Output};

use readiness::domain::audit::verify;
use readiness::domain::signoff::signers::{SignerCheck, Signers};
use readiness::domain::signoff::signing::{base64_decode, fingerprint};
use readiness::native::DalekVerifier;
use serde_json::json;

const RECORD: &str = "tests/records/lfg-platform-checklist.2026-11-22.json";

/// (role, name, public key) of each sign-off in the fixture record, in order.
fn signed() -> Vec<(String, String, String)> {
    let r: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(RECORD).expect("fixture")).expect("json");
    r["signoffs"]
        .as_array()
        .expect("signoffs")
        .iter()
        .map(|s| {
            let f = |k: &str| s[k].as_str().expect("string").to_string();
            (f("role"), f("name"), f("public_key"))
        })
        .collect()
}

fn signers_file(entries: &[(String, String, String)]) -> String {
    let signers: Vec<_> = entries
        .iter()
        .map(|(role, name, key)| json!({"role": role, "name": name, "public_key": key}))
        .collect();
    json!({"schema": "readiness-signers/1", "signers": signers}).to_string()
}

fn cli_verify(signers: &PathBuf) -> Output {
    Command::new(env!("CARGO_BIN_EXE_readiness"))
        .args(["verify", RECORD, "--signers"])
        .arg(signers)
        .output()
        .expect("runs")
}

#[test]
fn every_key_listed_for_its_role_verifies_with_the_names_from_the_file() {
    let entries: Vec<_> = signed()
        .into_iter()
        .map(|(role, _, key)| (role.to_uppercase(), format!("Holder of {role}"), key))
        .collect();
    let out = cli_verify(&scratch_path("all.json", &signers_file(&entries)));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    for (role, _, _) in signed() {
        assert!(
            stdout.contains(&format!("on the signers list as Holder of {role}")),
            "{stdout}"
        );
    }
}

#[test]
fn a_key_listed_for_another_role_is_named_and_fails() {
    let mut entries = signed();
    // The QA Lead's key is listed, but for the DevOps Lead role instead of its own.
    let qa = entries
        .iter()
        .position(|e| e.0 == "QA Lead")
        .expect("QA Lead");
    entries[qa].0 = "DevOps Lead".to_string();
    let out = cli_verify(&scratch_path("moved.json", &signers_file(&entries)));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    let problems: Vec<&str> = stdout.lines().filter(|l| l.starts_with("  - ")).collect();
    assert_eq!(problems.len(), 1, "{stdout}");
    assert!(
        problems[0].contains("sign-off QA Lead by \"Signer 3\": key ")
            && problems[0].ends_with("is not on the signers list for this role"),
        "{stdout}"
    );
}

#[test]
fn a_malformed_signers_file_is_refused_with_the_entry_at_fault() {
    let mut entries = signed();
    entries[1].2 = "Zm9v".to_string();
    let out = cli_verify(&scratch_path("bad.json", &signers_file(&entries)));
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("signers[1] (Signer 1 for \"DevOps Lead\")"),
        "{stderr}"
    );
    let dup = r#"{"schema":"readiness-signers/1","signers":[],"signers":[]}"#;
    let out = cli_verify(&scratch_path("dup.json", dup));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("duplicate key \"signers\""));
}

#[test]
fn the_domain_check_matches_roles_without_case_and_keys_by_fingerprint() {
    let entries = signed();
    let s = Signers::from_json(&signers_file(&entries[..1])).expect("valid");
    let key = base64_decode(&entries[0].2).expect("key");
    let fp = fingerprint(&key);
    assert_eq!(
        s.check(" engineering lead ", &fp),
        SignerCheck::Listed {
            name: "Signer 0".to_string()
        }
    );
    assert_eq!(s.check("Security Lead", &fp), SignerCheck::NotListed);
    let mut v = verify(
        &std::fs::read_to_string(RECORD).expect("fixture"),
        None,
        &DalekVerifier,
    );
    v.check_signers(&s, &readiness::native::DalekVerifier);
    assert_eq!(v.listed_as.iter().filter(|n| n.is_some()).count(), 1);
    assert_eq!(v.problems.len(), 3, "{:?}", v.problems);
}

/// `readiness catalog` over a folder with one checklist and its signers file.
fn catalog_with(signers_text: &str, tag: &str) -> (Output, PathBuf) {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("catalog-{tag}"));
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::copy(
        "checklists/lfg-platform-checklist.md",
        dir.join("lfg-platform-checklist.md"),
    )
    .expect("copy");
    std::fs::write(
        dir.join("lfg-platform-checklist.signers.json"),
        signers_text,
    )
    .expect("write");
    let out = dir.join("index.json");
    let o = Command::new(env!("CARGO_BIN_EXE_readiness"))
        .arg("catalog")
        .arg(&dir)
        .arg("--out")
        .arg(&out)
        .output()
        .expect("runs");
    (o, out)
}

#[test]
fn a_bundled_signers_file_is_listed_in_the_catalogue_and_a_bad_one_fails_the_build() {
    let (o, out) = catalog_with(&signers_file(&signed()), "good");
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let catalog: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out).expect("written")).expect("json");
    assert_eq!(catalog["checklists"].as_array().map(Vec::len), Some(1));
    assert_eq!(
        catalog["checklists"][0]["signers"],
        "lfg-platform-checklist.signers.json"
    );

    let (o, _) = catalog_with(
        r#"{"schema":"readiness-signers/1","signers":[{"role":"QA Lead","name":"Q","public_key":"AAAA"}]}"#,
        "bad",
    );
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("lfg-platform-checklist.signers.json: signers[0] (Q for \"QA Lead\"): public_key is not the canonical base64"),
        "{err}"
    );
}
