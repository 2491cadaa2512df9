//! The CLI as a deploy gate (issue 22): `score` never counts an unsigned sign-off, `export` leaves
//! it out and refuses an N/A without a reason, `merge` of a forged record writes NO-GO, and
//! `verify --require-go` exits 3 on a genuine NO-GO record and names a key that signed several
//! roles.

mod common;

use common::release::*;
use common::{cli, load, rules, scratch};
use readiness::domain::answers::{Answers, ItemAnswer, Status};
use readiness::domain::audit::{export, to_json};
use readiness::domain::signoff::signing::base64_encode;

#[test]
fn the_cli_never_counts_an_unsigned_signoff_and_gates_on_go() {
    let (_, c) = load(LFG);
    let mut a = ready(&c);
    sign_lines(&c, &mut a, &[]);
    let template = format!("checklists/{LFG}");
    let now = "2026-11-22T04:50:00Z";
    // Every sign-off genuine: score GO, export GO, verify --require-go 0.
    let good = scratch("good.json", &a.to_json());
    assert_eq!(cli(&["score", &template, &good, "--now", now]).0, Some(0));
    let record = scratch("good-record.json", "");
    let (code, _, err) = cli(&["export", &template, &good, "--now", now, "--out", &record]);
    assert_eq!(code, Some(0), "{err}");
    let (code, out, _) = cli(&["verify", &record, "--template", &template, "--require-go"]);
    assert_eq!(code, Some(0), "{out}");
    // Strip every envelope: score says NO-GO and why; export leaves them out and says so; the
    // record is genuine, and the gate refuses it with exit 3.
    for r in &mut a.signoffs {
        r.envelope = None;
    }
    let bare = scratch("bare.json", &a.to_json());
    let (code, out, _) = cli(&["score", &template, &bare, "--now", now]);
    assert_eq!(code, Some(1));
    assert!(out.contains("Verdict: NO-GO"), "{out}");
    assert!(
        out.contains(
            "  - sign-off does not count: QA Lead (sign-off QA Lead by \"Person 3\" is not signed)"
        ),
        "{out}"
    );
    let (code, _, err) = cli(&["export", &template, &bare, "--now", now, "--out", &record]);
    assert_eq!(code, Some(0));
    assert_eq!(
        err.matches("left out of the record: sign-off ").count(),
        6,
        "{err}"
    );
    let (code, out, _) = cli(&["verify", &record, "--template", &template]);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains(", NO-GO, answers "), "{out}");
    let (code, out, _) = cli(&["verify", &record, "--template", &template, "--require-go"]);
    assert_eq!(code, Some(3), "{out}");
    assert!(
        out.contains(
            "not GO: --require-go refuses this record\n  - sign-off missing: Engineering Lead\n"
        ),
        "{out}"
    );
    // An N/A without a reason: export refuses, naming the item, and writes nothing.
    let mut na = Answers::default();
    na.items.insert(
        c.items[0].id.clone(),
        ItemAnswer {
            status: Status::Na,
            ..ItemAnswer::default()
        },
    );
    let na = scratch("na.json", &na.to_json());
    let fresh = scratch("never.json", "untouched");
    let (code, _, err) = cli(&["export", &template, &na, "--out", &fresh]);
    assert_eq!(code, Some(1));
    assert!(
        err.contains(&format!(
            "error: {}: marked N/A without a reason",
            c.items[0].id
        )),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&fresh).expect("read"), "untouched");
}

#[test]
fn merging_a_forged_record_with_a_clean_one_writes_no_go() {
    let (_, c) = load(LFG);
    let mut a = ready(&c);
    sign_lines(&c, &mut a, &[]);
    let clean = export(&c, &a, "test", &rules());
    // A hand-made copy whose every signature is garbage, integrity recomputed.
    let mut forged = clean.clone();
    for (k, s) in forged.signoffs.iter_mut().enumerate() {
        if let Some(env) = s.envelope.as_mut() {
            env.signatures[0].sig = base64_encode(&[k as u8 + 1; 64]);
        }
        s.signed_at = "2026-11-22T04:20:00Z".to_string();
    }
    reseal(&mut forged);
    let only_forged = forged;
    let a_path = scratch(
        "m-a.json",
        &to_json(&export(&c, &ready(&c), "test", &rules())),
    );
    let b_path = scratch("m-b.json", &to_json(&only_forged));
    let out = scratch("m-out.json", "");
    let template = format!("checklists/{LFG}");
    let (code, _, err) = cli(&[
        "merge",
        &a_path,
        &b_path,
        "--template",
        &template,
        "--now",
        "2026-11-22T04:50:00Z",
        "--out",
        &out,
    ]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(err.matches("left out of the record: ").count(), 6, "{err}");
    let (code, stdout, _) = cli(&["verify", &out, "--template", &template, "--require-go"]);
    assert_eq!(code, Some(3), "{stdout}");
    // Without a template (rebuilt from the records), the same.
    let (code, _, err) = cli(&[
        "merge",
        &a_path,
        &b_path,
        "--now",
        "2026-11-22T04:50:00Z",
        "--out",
        &out,
    ]);
    assert_eq!(code, Some(0), "{err}");
    let (code, stdout, _) = cli(&["verify", &out, "--require-go"]);
    assert_eq!(code, Some(3), "{stdout}");
}

/// Copy as Markdown ticks a sign-off line only when its sign-off counts, and says why not.

#[test]
fn verify_names_a_key_that_signed_several_roles() {
    let (_, c) = load(LFG);
    let mut a = ready(&c);
    one_key_for_all(&c, &mut a, 9);
    let path = scratch(
        "solo-record.json",
        &to_json(&export(&c, &a, "test", &rules())),
    );
    let (code, out, _) = cli(&["verify", &path, "--template", &format!("checklists/{LFG}")]);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains(", NO-GO, answers "), "{out}");
    assert!(out.contains(") signed 6 roles: Engineering Lead, DevOps Lead, Security Lead, QA Lead, Product Manager, CTO/VP Engineering (each role needs its own signer: NO-GO)\n"), "{out}");
    assert!(out.contains("  separation of duties: one key ("), "{out}");
}

/// `merge` says what it did to each sign-off: signed over different answers, both are made stale
/// by the merge (and `--require-current` refuses); signed over the same ready answers, both stay
/// current and the merge is GO.
#[test]
fn merge_prints_each_signoffs_state_and_require_current_refuses_stale_ones() {
    let (_, c) = load(LFG);
    let template = format!("checklists/{LFG}");
    let now = "2026-11-22T04:50:00Z";
    // Two people, each with part of the answers, each signing their own role over their part.
    let ready_all = ready(&c);
    let ids: Vec<&String> = ready_all.items.keys().collect();
    let (half_a, half_b) = ids.split_at(ids.len() / 2);
    let part = |keys: &[&String]| {
        let mut a = Answers::default();
        for k in keys {
            a.items.insert((*k).clone(), ready_all.items[*k].clone());
        }
        a
    };
    let (mut a, mut b) = (part(half_a), part(half_b));
    sign_as(
        &c,
        &mut a,
        0,
        None,
        "Ada",
        "2026-11-22",
        "2026-11-22T04:00:00Z",
        1,
    );
    sign_as(
        &c,
        &mut b,
        1,
        None,
        "Bo",
        "2026-11-22",
        "2026-11-22T04:01:00Z",
        2,
    );
    let pa = scratch("relay-a.json", &to_json(&export(&c, &a, "test", &rules())));
    let pb = scratch("relay-b.json", &to_json(&export(&c, &b, "test", &rules())));
    let out = scratch("relay-out.json", "");
    let (code, _, err) = cli(&["merge", &pa, &pb, "--now", now, "--out", &out]);
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains(&format!("  Engineering Lead — Ada (2026-11-22T04:00:00Z): stale: made stale by this merge (current in {pa}, whose answers are not all the merged ones)\n")), "{err}");
    assert!(err.contains(&format!("  DevOps Lead — Bo (2026-11-22T04:01:00Z): stale: made stale by this merge (current in {pb}, whose answers are not all the merged ones)\n")), "{err}");
    assert!(err.contains("  Security Lead: missing\n"), "{err}");
    let (code, _, err) = cli(&[
        "merge",
        &pa,
        &pb,
        "--now",
        now,
        "--out",
        &out,
        "--require-current",
    ]);
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("readiness: 2 signed roles are stale after the merge (--require-current)"),
        "{err}"
    );
    // Everyone signs the same ready answers at the same time: the merge keeps them all current.
    let mut files = Vec::new();
    for k in 0..6 {
        let mut mine = ready(&c);
        sign_as(
            &c,
            &mut mine,
            k,
            None,
            &format!("P{k}"),
            "2026-11-22",
            "2026-11-22T04:00:00Z",
            k as u8 + 1,
        );
        files.push(scratch(
            &format!("round2-{k}.json"),
            &to_json(&export(&c, &mine, "test", &rules())),
        ));
    }
    let mut args: Vec<&str> = vec!["merge"];
    args.extend(files.iter().map(String::as_str));
    args.extend(["--now", now, "--out", &out, "--require-current"]);
    let (code, _, err) = cli(&args);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(err.matches("): current\n").count(), 6, "{err}");
    let (code, stdout, _) = cli(&["verify", &out, "--template", &template, "--require-go"]);
    assert_eq!(code, Some(0), "{stdout}");
}

/// `score` and `export` use the signers file beside the checklist, as the app uses a bundled
/// checklist's; `--signers` names another.
#[test]
fn the_cli_uses_the_signers_file_beside_the_checklist() {
    let (bytes, c) = load(LFG);
    let dir = std::env::temp_dir().join(format!("readiness-beside-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let template = dir.join(LFG);
    std::fs::write(&template, &bytes).expect("template");
    let listed: Vec<(&str, u8)> = [
        "Engineering Lead",
        "DevOps Lead",
        "Security Lead",
        "QA Lead",
    ]
    .into_iter()
    .zip(1..)
    .collect();
    let four = serde_json::to_string(&signers_file(&listed)).expect("json");
    std::fs::write(dir.join("lfg-platform-checklist.signers.json"), four).expect("signers");
    let mut all = listed.clone();
    all.extend([("Product Manager", 5), ("CTO/VP Engineering", 6)]);
    let six = scratch(
        "six.signers.json",
        &serde_json::to_string(&signers_file(&all)).expect("json"),
    );
    let mut a = ready(&c);
    sign_lines(&c, &mut a, &[]);
    let answers = scratch("beside.json", &a.to_json());
    let t = template.to_string_lossy().into_owned();
    let now = "2026-11-22T04:50:00Z";
    let (code, out, _) = cli(&["score", &t, &answers, "--now", now]);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("  - sign-off does not count: Product Manager (key "),
        "{out}"
    );
    let (code, out, _) = cli(&["score", &t, &answers, "--now", now, "--signers", &six]);
    assert_eq!(code, Some(0), "{out}");
    // The record made beside the file carries it, and verifies NO-GO without being given it.
    let record = scratch("beside-record.json", "");
    assert_eq!(
        cli(&["export", &t, &answers, "--now", now, "--out", &record]).0,
        Some(0)
    );
    let (code, out, _) = cli(&["verify", &record, "--require-go"]);
    assert_eq!(code, Some(3), "{out}");
}

/// Issue 34: the coordinator makes the signers file from the GO record itself — no key retyped,
/// no hand editing — and `verify --signers --require-go` passes with it; a record signed by another
/// key for a role then fails it.
#[test]
fn a_signers_file_made_from_a_go_record_gates_the_next_one() {
    let (_, c) = load(LFG);
    let mut a = ready(&c);
    sign_lines(&c, &mut a, &[]);
    let template = format!("checklists/{LFG}");
    let now = "2026-11-22T04:50:00Z";
    let good = scratch("signers-good.json", &a.to_json());
    let record = scratch("signers-good-record.json", "");
    assert_eq!(
        cli(&["export", &template, &good, "--now", now, "--out", &record]).0,
        Some(0)
    );
    let file = scratch("made.signers.json", "");
    let (code, out, err) = cli(&["signers", &record, "--out", &file]);
    assert_eq!(code, Some(0), "{err}");
    // One line per role, for the coordinator to confirm with each holder.
    assert_eq!(out.lines().count(), 6, "{out}");
    assert!(
        out.lines()
            .any(|l| l.starts_with("QA Lead: Person 3, key ")),
        "{out}"
    );
    assert!(err.contains("6 signers written to"), "{err}");
    let made = readiness::domain::signoff::signers::Signers::from_json(
        &std::fs::read_to_string(&file).expect("written"),
    )
    .expect("a valid signers file");
    assert_eq!(made.signers.len(), 6);
    let (code, out, _) = cli(&[
        "verify",
        &record,
        "--template",
        &template,
        "--signers",
        &file,
        "--require-go",
    ]);
    assert_eq!(code, Some(0), "{out}");
    // The next release's record, QA Lead signed by someone else's key: refused against the file.
    let mut b = ready(&c);
    sign_lines(&c, &mut b, &[3]);
    let (id, role) = lines(&c).swap_remove(3);
    let digest = readiness::domain::answers::digest::answers_digest(&c, &b);
    b.signoffs.push(common::signed(
        &c,
        &id,
        &role,
        "Mallory",
        "2026-11-22",
        "2026-11-22T04:00:00Z",
        &digest,
        99,
    ));
    let other = scratch("signers-other.json", &b.to_json());
    let other_record = scratch("signers-other-record.json", "");
    assert_eq!(
        cli(&[
            "export",
            &template,
            &other,
            "--now",
            now,
            "--out",
            &other_record
        ])
        .0,
        Some(0)
    );
    let (code, out, _) = cli(&[
        "verify",
        &other_record,
        "--template",
        &template,
        "--signers",
        &file,
        "--require-go",
    ]);
    assert_ne!(code, Some(0), "{out}");
    // A record that does not verify makes no file.
    let broken = scratch("signers-broken.json", "{\"schema\": \"readiness-audit/1\"}");
    let (code, _, err) = cli(&["signers", &broken, "--out", &scratch("never.json", "")]);
    assert_eq!(code, Some(1));
    assert!(
        err.contains("does not verify, so no signers file is made from it"),
        "{err}"
    );
}
