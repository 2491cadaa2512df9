//! The one rule for what a sign-off counts for (issue 22), tried as an attacker would: records
//! built by hand and signed with real Ed25519 keys, in the wrong role, the wrong order, with
//! impossible dates, one key for every role; through `score`, `export`, the preview and `verify`,
//! each refused or not counted with its exact message. (The CLI's gate: `gate.rs`; the property
//! that export never writes a record verify rejects: `properties.rs`.)

mod common;

use common::release::*;
use common::{load, rules, signed};
use readiness::domain::answers::digest::answers_digest;
use readiness::domain::answers::validate::export_refusals;
use readiness::domain::answers::{Answers, ItemAnswer, Status};
use readiness::domain::audit::{export, export_noting, to_json, verify, AuditRecord};
use readiness::domain::import::{preview, read_incoming, SignoffFate};
use readiness::domain::parse;
use readiness::domain::score::{score_checklist, Verdict};
use readiness::domain::signoff::signing::base64_encode;
use readiness::domain::signoff::standing::Rules;
use readiness::native::DalekVerifier;

#[test]
fn every_line_signed_by_its_own_key_is_go() {
    let (_, c) = load(LFG);
    let mut a = ready(&c);
    sign_lines(&c, &mut a, &[]);
    assert_eq!(reasons(&c, &a), Vec::<String>::new());
}

#[test]
fn a_signature_on_the_cto_line_with_another_role_does_not_count_anywhere() {
    let (bytes, c) = load(LFG);
    let mut a = ready(&c);
    sign_lines(&c, &mut a, &[5]);
    let (cto, _) = lines(&c)[5].clone();
    let digest = answers_digest(&c, &a);
    // The DevOps Lead's key (seed 2) signs the CTO line, naming its own role.
    a.signoffs.push(signed(
        &c,
        &cto,
        "DevOps Lead",
        "Dev",
        "2026-11-22",
        "2026-11-22T04:10:00Z",
        &digest,
        2,
    ));
    let expected = "sign-off does not count: CTO/VP Engineering (signed as another role than its line's, \"CTO/VP Engineering\")";
    let got = reasons(&c, &a);
    assert!(got.contains(&expected.to_string()), "{got:?}");
    // Export writes it as history; verify agrees, with and without the template.
    let json = to_json(&export(&c, &a, "test", &rules()));
    let v = verify(&json, Some((LFG, &bytes)), &DalekVerifier);
    assert!(v.ok(), "{:?}", v.problems);
    let b = v.breakdown.clone().expect("breakdown");
    assert_eq!(b.verdict, Verdict::NoGo);
    assert!(b.reasons.iter().any(|r| r.to_string() == expected));
    // Under a signers file listing that key for DevOps Lead only: still not counted, still NO-GO.
    let mut v = verify(&json, Some((LFG, &bytes)), &DalekVerifier);
    let roles: Vec<(&str, u8)> = vec![
        ("Engineering Lead", 1),
        ("DevOps Lead", 2),
        ("Security Lead", 3),
        ("QA Lead", 4),
        ("Product Manager", 5),
        ("CTO/VP Engineering", 6),
    ];
    v.check_signers(&signers_file(&roles), &DalekVerifier);
    assert!(!v.go());
    // The preview says why it will not be added.
    let incoming = read_incoming("dev.json", &a.to_json()).expect("reads");
    let p = preview(&c, &Answers::default(), incoming, &rules()).expect("preview");
    let fate = &p.signoffs.last().expect("the forged line").fate;
    assert_eq!(
        fate,
        &SignoffFate::Invalid(
            "signed as another role than its line's, \"CTO/VP Engineering\"".to_string()
        )
    );
}

#[test]
fn a_key_listed_for_another_role_does_not_count_under_the_signers_file() {
    let (bytes, c) = load(LFG);
    let mut a = ready(&c);
    // Seed 2 (listed as DevOps Lead only) signs the CTO line as the CTO.
    sign_lines(&c, &mut a, &[5]);
    sign_as(
        &c,
        &mut a,
        5,
        None,
        "Dev",
        "2026-11-22",
        "2026-11-22T04:10:00Z",
        2,
    );
    let s = signers_file(&[
        ("Engineering Lead", 1),
        ("DevOps Lead", 2),
        ("Security Lead", 3),
        ("QA Lead", 4),
        ("Product Manager", 5),
        ("CTO/VP Engineering", 6),
    ]);
    let with = Rules {
        signers: Some(&s),
        ..rules()
    };
    let b = score_checklist(&c, &a, &with);
    let why: Vec<String> = b.reasons.iter().map(ToString::to_string).collect();
    assert!(
        why.iter().any(
            |r| r.starts_with("sign-off does not count: CTO/VP Engineering (key ")
                && r.ends_with(" is not on the signers list for this role)")
        ),
        "{why:?}"
    );
    // Without a signers file it counts for the verdict, but one key signed two roles.
    assert_eq!(
        reasons(&c, &a)
            .iter()
            .filter(|r| r.contains("signed 2 roles: DevOps Lead, CTO/VP Engineering"))
            .count(),
        1
    );
    // The record made with the signers file in force carries it, and verify agrees without it.
    let json = to_json(&export(&c, &a, "test", &with));
    let record: AuditRecord = serde_json::from_str(&json).expect("record");
    assert_eq!(record.rules.signers.as_ref(), Some(&s));
    let v = verify(&json, Some((LFG, &bytes)), &DalekVerifier);
    assert!(v.ok(), "{:?}", v.problems);
    assert_eq!(record.verdict.decision, Verdict::NoGo);
}

#[test]
fn unsigned_and_badly_signed_signoffs_never_count_and_never_reach_a_record() {
    let (bytes, c) = load(LFG);
    let mut a = ready(&c);
    sign_lines(&c, &mut a, &[4, 5]);
    let digest = answers_digest(&c, &a);
    let (pm, pm_role) = lines(&c)[4].clone();
    let (cto, cto_role) = lines(&c)[5].clone();
    let mut unsigned = signed(
        &c,
        &pm,
        &pm_role,
        "Pat",
        "2026-11-22",
        "2026-11-22T04:00:00Z",
        &digest,
        5,
    );
    unsigned.public_key = None;
    unsigned.envelope = None;
    let mut garbage = signed(
        &c,
        &cto,
        &cto_role,
        "Cy",
        "2026-11-22",
        "2026-11-22T04:00:00Z",
        &digest,
        6,
    );
    if let Some(env) = garbage.envelope.as_mut() {
        env.signatures[0].sig = base64_encode(&[7u8; 64]);
    }
    a.signoffs.push(unsigned);
    a.signoffs.push(garbage);
    let got = reasons(&c, &a);
    assert!(got.contains(&"sign-off does not count: Product Manager (sign-off Product Manager by \"Pat\" is not signed)".to_string()), "{got:?}");
    assert!(
        got.iter().any(|r| r.starts_with("sign-off does not count: CTO/VP Engineering (sign-off CTO/VP Engineering by \"Cy\": signature does not verify with key ")),
        "{got:?}"
    );
    let exported = export_noting(&c, &a, "test", &rules());
    assert_eq!(exported.left_out.len(), 2);
    assert_eq!(exported.record.signoffs.len(), 4);
    assert_eq!(exported.record.verdict.decision, Verdict::NoGo);
    let json = to_json(&exported.record);
    let v = verify(&json, Some((LFG, &bytes)), &DalekVerifier);
    assert!(v.ok(), "{:?}", v.problems);
    // A record carrying a forged sign-off (made by hand) is not genuine.
    let mut forged: AuditRecord = exported.record.clone();
    let mut bad = forged.signoffs[0].clone();
    bad.name = "Mallory".to_string();
    forged.signoffs.push(bad);
    reseal(&mut forged);
    let v = verify(&to_json(&forged), None, &DalekVerifier);
    assert!(!v.ok());
    assert!(
        v.problems
            .iter()
            .any(|p| p.contains("does not match this sign-off")),
        "{:?}",
        v.problems
    );
}

/// Two genuine records of one line: the older current, the newer stale. Whatever the list order,
/// the later `signed_at` decides.
#[test]
fn the_latest_signoff_is_chosen_by_time_in_either_order() {
    let (bytes, c) = load(LFG);
    let mut a = ready(&c);
    sign_lines(&c, &mut a, &[0]);
    let (eng, role) = lines(&c)[0].clone();
    let current = answers_digest(&c, &a);
    let early = signed(
        &c,
        &eng,
        &role,
        "Ada",
        "2026-11-22",
        "2026-11-22T03:00:00Z",
        &current,
        1,
    );
    let late = signed(
        &c,
        &eng,
        &role,
        "Ada",
        "2026-11-22",
        "2026-11-22T04:30:00Z",
        "0000",
        1,
    );
    for order in [[early.clone(), late.clone()], [late, early]] {
        let mut b = a.clone();
        b.signoffs.extend(order);
        let got = reasons(&c, &b);
        assert_eq!(
            got,
            vec!["sign-off stale: Engineering Lead (answers changed after signing)".to_string()]
        );
        let json = to_json(&export(&c, &b, "test", &rules()));
        let v = verify(&json, Some((LFG, &bytes)), &DalekVerifier);
        assert!(v.ok(), "{:?}", v.problems);
    }
}

#[test]
fn impossible_times_and_dates_do_not_count_with_their_reason() {
    let (bytes, c) = load(LFG);
    let cases: [(&str, &str, &str); 7] = [
        (
            "tomorrow",
            "2026-11-22",
            "signed_at \"tomorrow\" is not an RFC 3339 UTC time",
        ),
        (
            "2026-13-45T99:99:99Z",
            "2026-11-22",
            "signed_at \"2026-13-45T99:99:99Z\" is not an RFC 3339 UTC time",
        ),
        (
            "2026-11-22T04:50:00+02:00",
            "2026-11-22",
            "signed_at \"2026-11-22T04:50:00+02:00\" is not an RFC 3339 UTC time",
        ),
        (
            "2026-11-22T05:01:00Z",
            "2026-11-22",
            "signed at 2026-11-22T05:01:00Z, after the record was made (2026-11-22T04:50:00Z)",
        ),
        (
            "2026-11-22T04:00:00Z",
            "2026-02-30",
            "date \"2026-02-30\" is not a real calendar date (YYYY-MM-DD)",
        ),
        (
            "2026-11-22T04:00:00Z",
            "2099-01-01",
            "dated 2099-01-01, not the day it was signed (2026-11-22)",
        ),
        ("2026-11-22T04:00:00Z", "", "has no date"),
    ];
    for (signed_at, date, why) in cases {
        let mut a = ready(&c);
        sign_lines(&c, &mut a, &[3]);
        sign_as(&c, &mut a, 3, None, "Quinn", date, signed_at, 4);
        assert_eq!(
            reasons(&c, &a),
            vec![format!("sign-off does not count: QA Lead ({why})")],
            "{signed_at} {date}"
        );
        let json = to_json(&export(&c, &a, "test", &rules()));
        let v = verify(&json, Some((LFG, &bytes)), &DalekVerifier);
        assert!(v.ok(), "{signed_at} {date}: {:?}", v.problems);
        assert!(!v.go());
    }
    // Within the ten-minute clock skew, and a local date a day ahead: counts.
    let mut a = ready(&c);
    sign_lines(&c, &mut a, &[3]);
    sign_as(
        &c,
        &mut a,
        3,
        None,
        "Quinn",
        "2026-11-23",
        "2026-11-22T04:59:00Z",
        4,
    );
    assert_eq!(reasons(&c, &a), Vec::<String>::new());
}

#[test]
fn one_key_signing_every_role_is_no_go_unless_the_checklist_allows_it() {
    let (bytes, c) = load(LFG);
    let mut a = ready(&c);
    one_key_for_all(&c, &mut a, 9);
    let got = reasons(&c, &a);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].starts_with("one key ("));
    assert!(got[0].ends_with(") signed 6 roles: Engineering Lead, DevOps Lead, Security Lead, QA Lead, Product Manager, CTO/VP Engineering: each role needs its own signer"));
    let json = to_json(&export(&c, &a, "test", &rules()));
    let v = verify(&json, Some((LFG, &bytes)), &DalekVerifier);
    assert!(v.ok(), "{:?}", v.problems);
    assert_eq!(v.assessment.as_ref().map(|a| a.shared.len()), Some(1));
    assert!(!v.go());
    // The same checklist saying shared-signers: GO, and the shared key is still reported.
    let text = String::from_utf8(bytes).expect("utf-8") + "\n<!-- readiness: shared-signers -->\n";
    let shared = parse(LFG, text.as_bytes()).expect("parses");
    assert!(shared.shared_signers);
    let mut b = ready(&shared);
    one_key_for_all(&shared, &mut b, 9);
    assert_eq!(reasons(&shared, &b), Vec::<String>::new());
    let json = to_json(&export(&shared, &b, "test", &rules()));
    let v = verify(&json, Some((LFG, text.as_bytes())), &DalekVerifier);
    assert!(v.ok(), "{:?}", v.problems);
    assert!(v.go());
    let a = v.assessment.expect("assessment");
    assert_eq!((a.shared.len(), a.shared_blocks), (1, false));
}

/// A record made by the rules before issue 22 (a sign-off on the wrong line counted, GO) is
/// genuine, but its verdict is recomputed as NO-GO, with a note naming why.
#[test]
fn a_record_that_relied_on_a_defect_verifies_as_genuine_and_is_no_go() {
    let (bytes, c) = load(LFG);
    let a = cto_signed_as_devops_lead(&c);
    let mut old = export(&c, &a, "0.1.0", &rules());
    // What the earlier build wrote: GO, no reasons.
    old.verdict.decision = Verdict::Go;
    old.verdict.reasons.clear();
    reseal(&mut old);
    let v = verify(&to_json(&old), Some((LFG, &bytes)), &DalekVerifier);
    assert!(v.ok(), "{:?}", v.problems);
    assert!(!v.go());
    assert_eq!(v.notes.len(), 1, "{:?}", v.notes);
    assert!(v.notes[0].starts_with("the record says GO; under this build's sign-off rules it is NO-GO: sign-off does not count: CTO/VP Engineering"));
}

/// `- [ ] - [ ] **QA Lead**: ___ Date: ___` lints clean; its export verifies.
#[test]
fn regression_a_doubled_marker_signoff_line_exports_a_record_that_verifies() {
    let md = "# Release\n\n## Checks\n\n- [x] Built\n\n## Sign-off\n\n- [ ] - [ ] **QA Lead**: ___ Date: ___\n";
    let c = parse("doubled.md", md.as_bytes()).expect("parses");
    let json = to_json(&export(&c, &Answers::default(), "test", &rules()));
    let v = verify(&json, Some(("doubled.md", md.as_bytes())), &DalekVerifier);
    assert!(v.ok(), "{:?}", v.problems);
}

#[test]
fn an_na_without_a_reason_is_refused_by_export() {
    let (_, c) = load(LFG);
    let mut a = Answers::default();
    let id = c.items[0].id.clone();
    a.items.insert(
        id.clone(),
        ItemAnswer {
            status: Status::Na,
            ..ItemAnswer::default()
        },
    );
    let refused = export_refusals(&a, &c);
    assert_eq!(refused.len(), 1);
    assert_eq!(
        (refused[0].key.as_str(), refused[0].message.as_str()),
        (id.as_str(), "marked N/A without a reason")
    );
}

#[test]
fn the_markdown_report_does_not_tick_a_signoff_that_does_not_count() {
    let (_, c) = load(LFG);
    let a = cto_signed_as_devops_lead(&c);
    let b = score_checklist(&c, &a, &rules());
    let md = readiness::domain::report::to_markdown(&c, &a, &b);
    assert!(md.contains("- [ ] **CTO/VP Engineering**: _________________ Date: _______\n  - Not signed off (CTO/VP Engineering): a sign-off by Dev does not count: signed as another role than its line's, \"CTO/VP Engineering\"\n"), "{md}");
    assert!(md.contains("- [x] **QA Lead**: _________________ Date: _______\n  - Signed off by Person 3 (QA Lead) on 2026-11-22, recorded 2026-11-22T04:00:00Z\n"), "{md}");
}
