//! Issue 25: a verified record in auditors' own formats. Every seed's export (blank, partly
//! answered, fully answered and signed) converts to every format, twice to the same bytes, and the
//! real validators accept each file (xmlschema and junitparser, Python's csv, compliance-trestle,
//! in-toto-attestation and securesystemslib, ajv and inspecjs); deliberately broken copies they
//! reject. One record per format is pinned as a golden file.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::release::ready;
use common::{cli_text, load, sign_all, NOW};
use readiness::domain::answers::{Answers, Attribution, Person, Status};
use readiness::domain::audit::{export, to_json};
use readiness::domain::convert::{convert, ConvertError, Format};
use readiness::native::{sign_dsse, DalekVerifier};

const SEEDS: [&str; 5] = [
    "dojopool-deployment-checklist.md",
    "dojopool-phased-rollout.md",
    "lfg-platform-checklist.md",
    "platform-deployment-checklist.md",
    "websocket-cluster-checklist.md",
];

/// Where the converted files are written (and left, to look at).
fn out_dir() -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("convert");
    std::fs::create_dir_all(&d).expect("out dir");
    d
}

/// A seed's record in one of three states.
fn record(seed: &str, state: &str) -> String {
    let (_, c) = load(seed);
    let a = match state {
        "blank" => Answers::default(),
        "partly" => {
            let mut a = Answers::default();
            for it in c.items.iter().filter(|i| i.signoff.is_none()).step_by(3) {
                a.set_status(&it.id, Status::Done, "", NOW);
            }
            if let Some(it) = c.items.iter().filter(|i| i.signoff.is_none()).nth(1) {
                a.set_status(
                    &it.id,
                    Status::Na,
                    "not in this release, see \"RFC-7\"",
                    NOW,
                );
            }
            // Two waivers with an end date: one still holding at the record's time, one lapsed.
            for (k, until) in [(4, "2027-01-31"), (7, "2026-11-01")] {
                if let Some(it) = c.items.iter().filter(|i| i.signoff.is_none()).nth(k) {
                    a.set_status(&it.id, Status::Na, "accepted risk, ticket RISK-9", NOW);
                    let w = a.items.get_mut(&it.id).expect("answered");
                    w.waived = true;
                    w.until = Some(until.to_string());
                }
            }
            a
        }
        _ => {
            let mut a = ready(&c);
            sign_all(&c, &mut a);
            a
        }
    };
    to_json(&export(&c, &a, "test", &common::rules()))
}

/// The DSSE-signing key of these tests and its public key in hex.
fn key() -> (ed25519_dalek::SigningKey, String) {
    let key = ed25519_dalek::SigningKey::from_bytes(&[42; 32]);
    let public: String = key
        .verifying_key()
        .to_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    (key, public)
}

/// Every format of `text`, written under `stem`; the same bytes twice. Returns the files.
fn convert_all(text: &str, stem: &str) -> Vec<PathBuf> {
    let dir = out_dir();
    let mut files = Vec::new();
    for f in Format::ALL {
        let once = convert(text, f, &DalekVerifier).expect("a verified record converts");
        let twice = convert(text, f, &DalekVerifier).expect("converts");
        assert_eq!(
            once,
            twice,
            "{stem} {}: the same record, the same bytes",
            f.name()
        );
        let path = dir.join(format!("{stem}{}", f.suffix()));
        std::fs::write(&path, &once).expect("write");
        files.push(path);
        if f == Format::TestResult {
            let payload =
                readiness::domain::convert::statement_payload(&once).expect("statement JSON");
            let env = sign_dsse(&key().0, &payload);
            let path = dir.join(format!("{stem}.test-result.dsse.json"));
            std::fs::write(&path, serde_json::to_string_pretty(&env).expect("json"))
                .expect("write");
            files.push(path);
        }
    }
    files
}

/// The validators' virtual environment, made by scripts/setup.sh.
fn python() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join(".venv-validators/bin/python");
    if p.exists() {
        return Some(p);
    }
    if std::env::var_os("READINESS_REQUIRE_VALIDATORS").is_some() {
        panic!("the validators are required but .venv-validators is missing: run scripts/setup.sh");
    }
    eprintln!(
        "\n*** SKIPPED: third-party validators not installed (.venv-validators missing: scripts/setup.sh could not reach PyPI) ***\n"
    );
    None
}

/// Runs both validators on `files`: (whether every file passed, the output).
fn validate(files: &[PathBuf]) -> Option<(bool, String)> {
    let py = python()?;
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (hdf, rest): (Vec<&PathBuf>, Vec<&PathBuf>) = files
        .iter()
        .partition(|f| f.to_string_lossy().ends_with(".hdf.json"));
    let mut ok = true;
    let mut out = String::new();
    if !rest.is_empty() {
        let o = Command::new(py)
            .arg(root.join("tests/validators/validate.py"))
            .args(&rest)
            .args(["--dsse-public-key", &key().1])
            .output()
            .expect("python runs");
        ok &= o.status.success();
        out.push_str(&String::from_utf8_lossy(&o.stdout));
        out.push_str(&String::from_utf8_lossy(&o.stderr));
    }
    if !hdf.is_empty() {
        let o = Command::new("node")
            .arg(root.join("tests/validators/validate-hdf.mjs"))
            .args(&hdf)
            .current_dir(root)
            .output()
            .expect("node runs");
        ok &= o.status.success();
        out.push_str(&String::from_utf8_lossy(&o.stdout));
        out.push_str(&String::from_utf8_lossy(&o.stderr));
    }
    Some((ok, out))
}

#[test]
fn every_seed_in_every_state_converts_to_every_format_and_validates() {
    let mut files = Vec::new();
    for seed in SEEDS {
        for state in ["blank", "partly", "signed"] {
            let stem = format!("{}-{state}", seed.trim_end_matches(".md"));
            files.extend(convert_all(&record(seed, state), &stem));
        }
    }
    assert_eq!(files.len(), 5 * 3 * 7);
    let Some((ok, out)) = validate(&files) else {
        return;
    };
    assert!(ok, "{out}");
    assert_eq!(
        out.lines().filter(|l| l.starts_with("ok ")).count(),
        files.len(),
        "{out}"
    );
}

#[test]
fn the_validators_reject_broken_files() {
    // A control for the second opinions: each must be able to say no.
    let text = record("lfg-platform-checklist.md", "signed");
    let good = convert_all(&text, "broken-control");
    let dir = out_dir();
    let breaks: [(&str, &str, &str); 6] = [
        (".junit.xml", " errors=\"0\" skipped=", " skipped="),
        (".items.csv", "id,section", "id,section,extra"),
        (".hdf.json", "\"impact\": 0.5", "\"impact\": 5"),
        (".oscal-ar.json", "\"objective-id\"", "\"objective\""),
        (".test-result.json", "\"passedTests\"", "\"passed\""),
        (".test-result.dsse.json", "\"sig\": \"", "\"sig\": \"AAAA"),
    ];
    let mut broken = Vec::new();
    for (suffix, from, to) in breaks {
        let src = good
            .iter()
            .find(|p| p.to_string_lossy().ends_with(suffix))
            .expect("file");
        let text = std::fs::read_to_string(src).expect("read");
        assert!(text.contains(from), "{suffix}: {from:?} is in the file");
        let path = dir.join(format!("broken{suffix}"));
        std::fs::write(&path, text.replacen(from, to, 1)).expect("write");
        broken.push(path);
    }
    for path in broken {
        let Some((ok, out)) = validate(std::slice::from_ref(&path)) else {
            return;
        };
        assert!(!ok, "{} passed: {out}", path.display());
        assert!(out.contains("FAILED"), "{out}");
    }
}

#[test]
fn golden_files_pin_each_format_of_one_record() {
    let text = std::fs::read_to_string("tests/records/lfg-platform-checklist.2026-11-22.json")
        .expect("golden record");
    for f in Format::ALL {
        let out = convert(&text, f, &DalekVerifier).expect("converts");
        let golden = format!(
            "tests/records/convert/lfg-platform-checklist.2026-11-22{}",
            f.suffix()
        );
        if std::env::var_os("UPDATE_EXPECT").is_some() {
            std::fs::create_dir_all("tests/records/convert").expect("dir");
            std::fs::write(&golden, &out).expect("write golden");
        }
        let want = std::fs::read_to_string(&golden).unwrap_or_default();
        assert!(
            want == out,
            "{golden} differs (UPDATE_EXPECT=1 rewrites it)"
        );
    }
    // The JUnit counts, exactly: 408 items and the verdict; open readiness items, checked
    // triggers, sign-off lines that do not count and the NO-GO verdict fail; N/A, not-required and
    // open procedures are skipped.
    let junit = convert(&text, Format::Junit, &DalekVerifier).expect("converts");
    assert!(junit.contains(
        "<testsuites name=\"Production Deployment Checklist — NO-GO\" tests=\"409\" failures=\"112\" errors=\"0\">"
    ));
    assert_eq!(junit.matches("<testcase ").count(), 409);
    assert_eq!(junit.matches("<failure ").count(), 112);
    assert_eq!(junit.matches("<skipped ").count(), 63);
}

#[test]
fn csv_keeps_commas_quotes_line_breaks_and_names_in_any_script() {
    let (_, c) = load("lfg-platform-checklist.md");
    let mut a = Answers::default();
    let id = c.items[0].id.clone();
    a.set_status(&id, Status::Done, "", NOW);
    a.set_note(&id, "checked twice, \"really\"\nsecond line", NOW);
    let who = Person {
        name: "Zoë Ōtsuka-Øster".to_string(),
        key: None,
    };
    a.attribute(&id, &who, NOW);
    let text = to_json(&export(&c, &a, "test", &common::rules()));
    let out = convert(&text, Format::Csv, &DalekVerifier).expect("converts");
    assert!(out.starts_with('\u{FEFF}'));
    let mut r = csv::Reader::from_reader(out.trim_start_matches('\u{FEFF}').as_bytes());
    let header = r.headers().expect("header").clone();
    let col = |name: &str| header.iter().position(|h| h == name).expect(name);
    let first = r.records().next().expect("a row").expect("parses");
    assert_eq!(&first[col("id")], id.as_str());
    assert_eq!(
        &first[col("note")],
        "checked twice, \"really\"\nsecond line"
    );
    let by = Attribution {
        person: who,
        at: NOW.to_rfc3339(),
    };
    assert_eq!(
        &first[col("answered_by")],
        readiness::domain::answers::describe_by(&[by]).as_str()
    );
    assert!(out.contains("\"checked twice, \"\"really\"\"\nsecond line\""));
    // Every other item, then the verdict's own row.
    assert_eq!(r.records().count(), c.items.len() - 1 + 1);
}

#[test]
fn a_record_that_does_not_verify_is_not_converted() {
    let text = record("lfg-platform-checklist.md", "signed");
    let forged = text.replacen("\"status\": \"open\"", "\"status\": \"done\"", 1);
    assert_ne!(forged, text);
    for f in Format::ALL {
        match convert(&forged, f, &DalekVerifier) {
            Err(ConvertError::NotVerified(why)) => {
                assert!(why.iter().any(|w| w.contains("integrity")), "{why:?}")
            }
            Ok(_) => panic!("{} converted a forged record", f.name()),
        }
    }
    let e = convert("{", Format::Junit, &DalekVerifier).unwrap_err();
    assert!(e
        .to_string()
        .starts_with("the record does not verify, so it is not converted: "));
}

#[test]
fn the_cli_converts_signs_with_the_apps_key_file_and_refuses_what_does_not_verify() {
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;
    let dir = out_dir();
    let record = "tests/records/lfg-platform-checklist.2026-11-22.json";
    // The key file "Export key" writes: the raw public key and the private JWK.
    let (key, _) = key();
    let public = key.verifying_key().to_bytes();
    let key_file = dir.join("readiness-signing-key.json");
    let jwk = serde_json::json!({
        "public": readiness::domain::signoff::signing::base64_encode(&public),
        "private_jwk": {
            "kty": "OKP", "crv": "Ed25519", "ext": true, "key_ops": ["sign"],
            "d": URL_SAFE_NO_PAD.encode(key.to_bytes()),
            "x": URL_SAFE_NO_PAD.encode(public),
        },
    });
    std::fs::write(&key_file, jwk.to_string()).expect("write key");
    let signed = dir.join("cli.test-result.dsse.json");
    let (code, out) = cli_text(&[
        "convert",
        record,
        "--to",
        "test-result",
        "--key",
        key_file.to_str().expect("path"),
        "--out",
        signed.to_str().expect("path"),
    ]);
    assert_eq!(code, 0, "{out}");
    // Natively: the envelope's payload is the statement's canonical bytes, signed by that key.
    let env: readiness::domain::signoff::signing::Envelope =
        serde_json::from_str(&std::fs::read_to_string(&signed).expect("read")).expect("envelope");
    let statement = convert(
        &std::fs::read_to_string(record).expect("record"),
        Format::TestResult,
        &DalekVerifier,
    )
    .expect("converts");
    let payload = readiness::domain::convert::statement_payload(&statement).expect("payload");
    assert_eq!(
        readiness::domain::signoff::signing::base64_decode(&env.payload),
        Some(payload)
    );
    assert_eq!(
        env.signatures[0].keyid,
        readiness::domain::signoff::signing::fingerprint(&public)
    );
    // And by securesystemslib, when installed.
    if let Some((ok, out)) = validate(std::slice::from_ref(&signed)) {
        assert!(ok, "{out}");
        assert!(out.contains("signature verifies; FAILED"), "{out}");
    }
    // Usage errors (exit 2) and a record that does not verify (exit 1).
    let (code, out) = cli_text(&["convert", record, "--to", "pdf"]);
    assert_eq!(code, 2);
    assert!(out.contains(
        "convert --to \"pdf\": expected one of junit, csv, csv-signoffs, hdf, oscal, test-result"
    ));
    let (code, out) = cli_text(&["convert", record, "--to", "junit", "--key", "k.json"]);
    assert_eq!(
        (code, out.trim()),
        (
            2,
            "readiness: convert --key signs a test result: use it with --to test-result"
        )
    );
    let forged = dir.join("forged.json");
    std::fs::write(
        &forged,
        std::fs::read_to_string(record).expect("record").replacen(
            "\"status\": \"open\"",
            "\"status\": \"done\"",
            1,
        ),
    )
    .expect("write");
    let (code, out) = cli_text(&["convert", forged.to_str().expect("path"), "--to", "junit"]);
    assert_eq!(code, 1);
    assert!(
        out.contains(
            "the record does not verify, so it is not converted: integrity digest mismatch"
        ),
        "{out}"
    );
    let bad_key = dir.join("bad-key.json");
    std::fs::write(&bad_key, r#"{"kty":"RSA"}"#).expect("write");
    let (code, out) = cli_text(&[
        "convert",
        record,
        "--to",
        "test-result",
        "--key",
        bad_key.to_str().expect("path"),
    ]);
    assert_eq!(code, 2);
    assert!(out.contains("not an Ed25519 key"), "{out}");
}
