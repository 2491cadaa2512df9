//! Strict inputs: a JSON document with a repeated key, and base64 that is not the one canonical
//! spelling, are rejected wherever a record, answers file or key is read (issue 13).

use readiness::domain::answers::Answers;
use readiness::domain::audit::{integrity_digest, to_json, verify, AuditRecord};
use readiness::domain::DataError;
use readiness::native::DalekVerifier;

const RECORD: &str = "tests/records/lfg-platform-checklist.2026-11-22.json";

fn record_text() -> String {
    std::fs::read_to_string(RECORD).expect("fixture")
}

/// The fixture with a forged `"verdict": GO` inserted before the real one: serde keeps the last
/// of two equal keys, so the integrity digest still matched and the record used to verify.
fn with_forged_verdict() -> String {
    let text = record_text();
    let at = text.find("  \"verdict\": {").expect("verdict");
    format!(
        "{}  \"verdict\": {{\"decision\": \"GO\", \"reasons\": []}},\n{}",
        &text[..at],
        &text[at..]
    )
}

#[test]
fn a_record_with_a_repeated_key_is_rejected_with_its_position() {
    let forged = with_forged_verdict();
    let line = forged[..forged.find("\"decision\": \"GO\"").expect("forged")]
        .lines()
        .count();
    let v = verify(&forged, None, &DalekVerifier);
    assert_eq!(v.problems.len(), 1, "{:?}", v.problems);
    let p = &v.problems[0];
    assert!(
        p.starts_with(&format!("not a readable export: {}:", line + 1)),
        "{p}"
    );
    assert!(p.contains("duplicate key \"verdict\""), "{p}");
    assert!(v.record.is_none());
}

#[test]
fn the_cli_refuses_a_record_with_a_repeated_key() {
    let dir = std::env::temp_dir().join(format!("readiness-strict-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp");
    let path = dir.join("forged.json");
    std::fs::write(&path, with_forged_verdict()).expect("write");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_readiness"))
        .arg("verify")
        .arg(&path)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(all.contains("duplicate key \"verdict\""), "{all}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn an_answers_file_with_a_repeated_key_is_rejected() {
    let text = r#"{"schema":"readiness-answers/1","items":{},"items":{"a":{"status":"done"}}}"#;
    match Answers::from_json(text) {
        Err(DataError::Json {
            line,
            column,
            message,
        }) => {
            assert_eq!((line, column), (1, 50));
            assert!(message.contains("duplicate key \"items\""), "{message}");
        }
        other => panic!("accepted: {other:?}"),
    }
}

/// Re-spells the last base64 character before the padding with other unused low bits: the same
/// bytes to a lax decoder, a different string (and so a different record) to everyone else.
fn respell(b64: &str) -> String {
    const ALPHABET: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let body = b64.trim_end_matches('=');
    let pad = b64.len() - body.len();
    assert!(pad > 0, "needs padding to have unused bits");
    let last = body.chars().last().expect("char");
    let v = ALPHABET.find(last).expect("base64");
    let unused = if pad == 2 { 0b1111 } else { 0b11 };
    let other = (v & !unused) | (!v & unused);
    let c = ALPHABET.as_bytes()[other] as char;
    format!("{}{c}{}", &body[..body.len() - 1], &b64[body.len()..])
}

#[test]
fn a_signature_respelled_with_other_trailing_bits_is_rejected() {
    let mut record: AuditRecord = serde_json::from_str(&record_text()).expect("record");
    let env = record.signoffs[0].envelope.as_mut().expect("signed");
    let sig = env.signatures[0].sig.clone();
    env.signatures[0].sig = respell(&sig);
    assert_ne!(env.signatures[0].sig, sig);
    record.integrity.as_mut().expect("integrity").digest = integrity_digest(&record);
    let v = verify(&to_json(&record), None, &DalekVerifier);
    assert_eq!(
        v.problems,
        vec![
            "sign-off Engineering Lead by \"Signer 0\": signature is not a 64-byte Ed25519 signature"
                .to_string()
        ]
    );
}

#[test]
fn a_public_key_respelled_with_other_trailing_bits_is_rejected() {
    let mut record: AuditRecord = serde_json::from_str(&record_text()).expect("record");
    let key = record.signoffs[1].public_key.clone().expect("key");
    record.signoffs[1].public_key = Some(respell(&key));
    record.integrity.as_mut().expect("integrity").digest = integrity_digest(&record);
    let v = verify(&to_json(&record), None, &DalekVerifier);
    assert_eq!(
        v.problems,
        vec!["sign-off DevOps Lead by \"Signer 1\": public key is not base64".to_string()]
    );
}
