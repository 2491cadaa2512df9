//! Issue 32: converters judge as `verify` does. Three genuine NO-GO records whose items alone look
//! fine (one key signed every role; an override under the minimum; every item N/A) convert to a
//! failing verdict in every format, with every reason; a sign-off under a shared key fails and says
//! why; sign-off lines are named by their role; the sign-offs CSV has a row for every line; and
//! `convert` takes `--template`, `--signers` and `--require-go`, refusing what `verify` refuses.

mod common;

use common::release::*;
use common::{cli, load, rules, scratch, NOW};
use readiness::domain::answers::{Answers, Override, Status};
use readiness::domain::audit::{export, to_json};
use readiness::domain::convert::{convert, Format};
use readiness::domain::Checklist;
use readiness::native::DalekVerifier;
use serde_json::Value;

/// A record's conversions in every format, by format.
fn all_formats(json: &str) -> Vec<(Format, String)> {
    Format::ALL
        .iter()
        .map(|&f| (f, convert(json, f, &DalekVerifier).expect("converts")))
        .collect()
}

/// Asserts that every format shows the record as NO-GO, failing, with each of `reasons`.
fn fails_everywhere(json: &str, reasons: &[&str]) {
    for (f, out) in all_formats(json) {
        match f {
            Format::Junit => {
                assert!(out.contains("<testcase name=\"Verdict: NO-GO [readiness-verdict]\" classname=\"Verdict\">"), "{out}");
                let total = out.lines().nth(1).unwrap_or_default();
                assert!(!total.contains("failures=\"0\""), "{total}");
            }
            Format::Hdf => {
                let v: Value = serde_json::from_str(&out).expect("json");
                let failed = v["statistics"]["controls"]["failed"]["total"].as_u64();
                assert!(failed.is_some_and(|n| n >= 1), "{failed:?}");
                let controls = v["profiles"][0]["controls"].as_array().expect("controls");
                let verdict = controls.last().expect("verdict control");
                assert_eq!(verdict["id"], "readiness-verdict");
                assert_eq!(verdict["results"][0]["status"], "failed");
            }
            Format::Oscal => {
                let v: Value = serde_json::from_str(&out).expect("json");
                let findings = v["assessment-results"]["results"][0]["findings"]
                    .as_array()
                    .expect("findings");
                let verdict = findings.last().expect("verdict finding");
                assert_eq!(verdict["title"], "Verdict: NO-GO");
                assert_eq!(verdict["target"]["status"]["state"], "not-satisfied");
            }
            Format::TestResult => {
                let v: Value = serde_json::from_str(&out).expect("json");
                assert_eq!(v["predicate"]["result"], "FAILED");
                let failed = v["predicate"]["failedTests"].as_array().expect("failed");
                assert!(failed.iter().any(|t| t == "readiness-verdict"));
            }
            Format::Csv => {
                let last = out.trim_end().lines().last().unwrap_or_default();
                assert!(
                    last.starts_with("readiness-verdict,,Verdict: NO-GO,verdict,,true,no-go,"),
                    "{last}"
                );
            }
            Format::CsvSignoffs => {}
        }
        if f != Format::CsvSignoffs {
            for r in reasons {
                assert!(out.contains(r), "{}: {r:?} missing", f.name());
            }
        }
    }
}

#[test]
fn one_key_for_every_role_fails_the_verdict_and_each_line_in_every_format() {
    let (_, c) = load(LFG);
    let mut a = ready(&c);
    one_key_for_all(&c, &mut a, 9);
    let record = export(&c, &a, "test", &rules());
    let json = to_json(&record);
    let reason = record.verdict.reasons[0].clone();
    assert!(reason.starts_with("one key ("), "{reason}");
    assert!(reason.ends_with("signed 6 roles: Engineering Lead, DevOps Lead, Security Lead, QA Lead, Product Manager, CTO/VP Engineering: each role needs its own signer"), "{reason}");
    fails_everywhere(&json, &[&reason]);
    let junit = convert(&json, Format::Junit, &DalekVerifier).expect("converts");
    // Each of the six lines fails, named by its role, saying why.
    let shared = reason.trim_end_matches(": each role needs its own signer");
    let blocked = format!("sign-off does not count: {shared}");
    assert_eq!(junit.matches(&blocked).count(), 6, "{junit}");
    assert!(junit.contains("<testcase name=\"Sign-off: Security Lead [sign-off/security-lead-date]\" classname=\"Sign-off\">"));
    assert!(!junit.contains("___"));
    let csv = convert(&json, Format::CsvSignoffs, &DalekVerifier).expect("converts");
    assert_eq!(csv.matches(",false\r\n").count(), 6, "{csv}");
    assert_eq!(csv.matches(",true\r\n").count(), 0, "{csv}");
}

#[test]
fn an_override_under_the_minimum_fails_the_verdict_in_every_format() {
    let (_, c) = load(LFG);
    let mut a = ready(&c);
    a.overrides.insert(
        "Security".to_string(),
        Override {
            score: 0.0,
            reason: "pen test found a hole".to_string(),
            set_at: Some(NOW.to_rfc3339()),
        },
    );
    sign_lines(&c, &mut a, &[]);
    let record = export(&c, &a, "test", &rules());
    assert_eq!(
        record.verdict.reasons,
        vec!["score 7.50 is below the minimum 8.00".to_string()]
    );
    fails_everywhere(&to_json(&record), &["score 7.50 is below the minimum 8.00"]);
}

/// Every item N/A with a reason and each line signed: nothing is scored, so NO-GO.
fn all_na(c: &Checklist) -> Answers {
    let mut a = Answers::default();
    for it in c.items.iter().filter(|i| i.signoff.is_none()) {
        a.set_status(&it.id, Status::Na, "not in this release", NOW);
    }
    sign_lines(c, &mut a, &[]);
    a
}

#[test]
fn every_item_na_fails_the_verdict_in_every_format() {
    let (_, c) = load(LFG);
    let record = export(&c, &all_na(&c), "test", &rules());
    assert_eq!(
        record.verdict.reasons,
        vec!["no applicable readiness items to score".to_string()]
    );
    fails_everywhere(
        &to_json(&record),
        &["no applicable readiness items to score"],
    );
}

#[test]
fn the_signoffs_csv_has_a_row_for_every_line_missing_ones_included() {
    let (_, c) = load(LFG);
    let mut a = ready(&c);
    sign_lines(&c, &mut a, &[1, 4]);
    let json = to_json(&export(&c, &a, "test", &rules()));
    let csv = convert(&json, Format::CsvSignoffs, &DalekVerifier).expect("converts");
    let rows: Vec<&str> = csv.trim_end().split("\r\n").skip(1).collect();
    assert_eq!(rows.len(), 6, "{csv}");
    assert_eq!(
        rows.iter()
            .filter(|r| r.ends_with(",,,,,missing: no one has signed,false"))
            .count(),
        2,
        "{csv}"
    );
    assert!(rows
        .iter()
        .any(|r| r.starts_with("sign-off/devops-lead-date,DevOps Lead,,")));
}

#[test]
fn convert_takes_template_signers_and_require_go_and_refuses_what_verify_refuses() {
    let (_, c) = load(LFG);
    let template = format!("checklists/{LFG}");
    // GO, every line by its own key (seeds 1..6).
    let mut a = ready(&c);
    sign_lines(&c, &mut a, &[]);
    let go = scratch("go.json", &to_json(&export(&c, &a, "test", &rules())));
    let (code, out, err) = cli(&[
        "convert",
        &go,
        "--to",
        "test-result",
        "--require-go",
        "--template",
        &template,
    ]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("\"result\": \"PASSED\""));
    // A signers file listing other keys: verify --signers refuses, and so does convert.
    let signers = signers_file(&[("Engineering Lead", 40), ("DevOps Lead", 41)]);
    let signers_path = scratch(
        "signers.json",
        &serde_json::to_string(&signers).expect("json"),
    );
    let (vcode, _, _) = cli(&["verify", &go, "--signers", &signers_path]);
    let (ccode, _, cerr) = cli(&["convert", &go, "--to", "junit", "--signers", &signers_path]);
    assert_eq!((vcode, ccode), (Some(1), Some(1)), "{cerr}");
    assert!(cerr.contains("does not verify"), "{cerr}");
    // A genuine NO-GO: converted without --require-go (as a failing verdict), refused with it.
    let nogo = scratch(
        "nogo.json",
        &to_json(&export(&c, &all_na(&c), "test", &rules())),
    );
    let (code, out, _) = cli(&["convert", &nogo, "--to", "junit"]);
    assert_eq!(code, Some(0));
    assert!(out.contains("Verdict: NO-GO"));
    let out_path = scratch("nogo.junit.xml", "");
    std::fs::remove_file(&out_path).ok();
    let (code, _, err) = cli(&[
        "convert",
        &nogo,
        "--to",
        "junit",
        "--require-go",
        "--out",
        &out_path,
    ]);
    assert_eq!(code, Some(3), "{err}");
    assert!(
        err.contains("not GO: --require-go refuses this record, nothing written: no applicable readiness items to score"),
        "{err}"
    );
    assert!(!std::path::Path::new(&out_path).exists());
    // --template that is not the record's: refused as verify refuses it.
    let (code, _, err) = cli(&[
        "convert",
        &go,
        "--to",
        "csv",
        "--template",
        "checklists/websocket-cluster-checklist.md",
    ]);
    assert_eq!(code, Some(1));
    assert!(err.contains("is not the one exported"), "{err}");
}

#[test]
fn the_answerers_key_fingerprint_stands_beside_their_name_in_every_format_that_names_them() {
    let (_, c) = load(LFG);
    let mut a = ready(&c);
    let ann = readiness::domain::answers::Person {
        name: "Ann".to_string(),
        key: Some("ab".repeat(32)),
    };
    a.attribute(&c.items[0].id, &ann, NOW);
    let json = to_json(&export(&c, &a, "test", &rules()));
    for f in [Format::Csv, Format::Hdf, Format::Oscal] {
        let out = convert(&json, f, &DalekVerifier).expect("converts");
        assert!(
            out.contains("Ann, key abab abab abab abab ("),
            "{}: the answerer with their key",
            f.name()
        );
    }
}
