//! Issue 32: a forger holding real Ed25519 keys edits a genuinely signed record so that its own
//! items, weights, threshold, sign-off lines or title say GO. Each edit is self-consistent (the
//! forger re-scores the record from its own claims and reseals the unkeyed integrity digest), so a
//! record read alone would pass; the record carries its checklist, so verification rebuilds the
//! verdict from it and catches every one, with and without `--template`, in the library and on the
//! CLI (`verify --require-go`, `convert --require-go`).

mod common;

use common::release::*;
use common::{cli, load, rules, scratch, NOW};
use readiness::domain::answers::Status;
use readiness::domain::audit::{
    answers_from_record, export, rebuild, to_json, verify, AuditRecord, JudgedBy,
};
use readiness::domain::score::{Role, Verdict};
use readiness::domain::Checklist;
use readiness::native::DalekVerifier;

/// The record after the forger's edit, re-scored from its own claims (as a record read alone is
/// judged) and resealed: self-consistent.
fn forge(record: &AuditRecord, edit: impl FnOnce(&mut AuditRecord)) -> AuditRecord {
    let mut r = record.clone();
    edit(&mut r);
    let answers = answers_from_record(&r);
    rebuild(&r, &answers, &r.app_version.clone(), NOW, &DalekVerifier).expect("rescored")
}

/// The same forgery in the form records had before they carried their checklist.
fn old_form(r: &AuditRecord) -> AuditRecord {
    let mut r = r.clone();
    r.revision = None;
    r.checklist.source = None;
    reseal(&mut r);
    r
}

/// Every sign-off line signed by its own key over `a`: the record exported.
fn signed_record(c: &Checklist, mut a: readiness::domain::answers::Answers) -> AuditRecord {
    sign_lines(c, &mut a, &[]);
    export(c, &a, "test", &rules())
}

/// Asserts the forgery claims GO, that its old form would have passed a gate reading it alone
/// (the attack is real), and that the record as it is, and against the template, is refused.
fn caught(name: &str, genuine: &AuditRecord, forged: &AuditRecord, expect: &str) {
    caught_with(name, &format!("checklists/{LFG}"), genuine, forged, expect);
}

/// [`caught`] for a checklist kept at `template`.
fn caught_with(
    name: &str,
    template: &str,
    genuine: &AuditRecord,
    forged: &AuditRecord,
    expect: &str,
) {
    assert_eq!(
        genuine.verdict.decision,
        Verdict::NoGo,
        "{name}: starts NO-GO"
    );
    assert_eq!(forged.verdict.decision, Verdict::Go, "{name}: forged to GO");
    let alone = verify(&to_json(&old_form(forged)), None, &DalekVerifier);
    assert!(alone.ok(), "{name}: consistent alone: {:?}", alone.problems);
    assert!(
        !alone.go() && alone.needs_template(),
        "{name}: GO alone is not proven"
    );
    let json = to_json(forged);
    let v = verify(&json, None, &DalekVerifier);
    assert!(
        !v.ok() && !v.go(),
        "{name}: caught by the carried checklist"
    );
    assert_eq!(v.judged_by, JudgedBy::Carried);
    assert!(
        v.problems.iter().any(|p| p.contains(expect)),
        "{name}: expected {expect:?} among {:?}",
        v.problems
    );
    let bytes = std::fs::read(template).expect("template");
    let t = verify(
        &json,
        Some((&forged.checklist.file, &bytes)),
        &DalekVerifier,
    );
    assert!(!t.ok(), "{name}: caught with --template");
    let path = scratch(&format!("{name}.json"), &json);
    let (code, out, _) = cli(&["verify", &path, "--require-go"]);
    assert_eq!(code, Some(1), "{name}: {out}");
    assert!(out.starts_with("invalid: "), "{name}: {out}");
    let (code, _, err) = cli(&["convert", &path, "--to", "junit"]);
    assert_eq!(code, Some(1), "{name}: convert refuses: {err}");
    let old = scratch(&format!("{name}.old.json"), &to_json(&old_form(forged)));
    let (code, out, _) = cli(&["verify", &old, "--require-go"]);
    assert_eq!(code, Some(3), "{name}: {out}");
    assert!(
        out.contains("not proven GO: this record was made before records carried their checklist"),
        "{name}: {out}"
    );
    let (code, out, _) = cli(&["verify", &old, "--require-go", "--template", template]);
    assert_eq!(
        code,
        Some(1),
        "{name}: the template catches the old form: {out}"
    );
}

fn id_where(r: &AuditRecord, f: impl Fn(&readiness::domain::audit::ItemRecord) -> bool) -> String {
    r.items
        .iter()
        .find(|i| f(i))
        .expect("such an item")
        .id
        .clone()
}

/// A small checklist with a critical item and a failure trigger (no seed has a critical item).
const MINI: &str = "# Mini two

| Category | Weight |
|---|---|
| Build | 50% |
| Ops | 50% |

Minimum score: 5/10

## Build
- [ ] Tests pass (critical)
- [ ] Lint clean

## Ops
- [ ] Runbook written

## Rollback triggers
- [ ] Error rate above 5%

## Sign-off
- [ ] **Engineering Lead**: ___ Date: ___
";

/// The mini checklist kept as a file, and read.
fn mini() -> (String, Checklist) {
    let path = scratch("mini-two.md", MINI);
    let c = readiness::domain::parse("mini-two.md", MINI.as_bytes()).expect("parses");
    (path, c)
}

#[test]
fn a_critical_item_moved_to_procedure_is_caught() {
    let (path, c) = mini();
    let mut a = readiness::domain::answers::Answers::default();
    let ids: Vec<String> = c.items.iter().map(|i| i.id.clone()).collect();
    a.set_status(&ids[1], Status::Done, "", NOW);
    a.set_status(&ids[2], Status::Done, "", NOW);
    let genuine = signed_record(&c, a);
    let critical = id_where(&genuine, |i| i.critical);
    let forged = forge(&genuine, |r| {
        for it in r.items.iter_mut().filter(|i| i.id == critical) {
            it.role = Role::Procedure;
            it.category = None;
        }
    });
    caught_with(
        "critical",
        &path,
        &genuine,
        &forged,
        "role procedure → readiness",
    );
}

#[test]
fn a_fired_trigger_moved_to_procedure_is_caught() {
    let (path, c) = mini();
    let mut a = readiness::domain::answers::Answers::default();
    for it in &c.items {
        a.set_status(&it.id, Status::Done, "", NOW);
    }
    let genuine = signed_record(&c, a);
    let trigger = id_where(&genuine, |i| i.role == Role::Trigger);
    let forged = forge(&genuine, |r| {
        for it in r.items.iter_mut().filter(|i| i.id == trigger) {
            it.role = Role::Procedure;
        }
    });
    caught_with(
        "trigger",
        &path,
        &genuine,
        &forged,
        "role procedure → trigger",
    );
}

#[test]
fn a_signoff_line_moved_to_procedure_or_deleted_is_caught() {
    let (_, c) = load(LFG);
    let mut a = ready(&c);
    sign_lines(&c, &mut a, &[0]);
    let genuine = export(&c, &a, "test", &rules());
    let line = lines(&c)[0].0.clone();
    let moved = forge(&genuine, |r| {
        for it in r.items.iter_mut().filter(|i| i.id == line) {
            it.role = Role::Procedure;
        }
    });
    caught("moved-line", &genuine, &moved, "role procedure → signoff");
    let deleted = forge(&genuine, |r| {
        r.items.retain(|i| i.id != line);
        r.checklist.items -= 1;
    });
    caught(
        "deleted-line",
        &genuine,
        &deleted,
        &format!("item {line} of the template is missing from the record"),
    );
}

#[test]
fn weights_threshold_and_a_dropped_category_are_caught() {
    let (_, c) = load(LFG);
    let mut a = ready(&c);
    // Only Security done: a low score.
    let security = common::ids_in(&c, "✅ Security");
    for it in &c.items {
        if !security.contains(&it.id) && a.items.contains_key(&it.id) {
            a.set_status(&it.id, Status::Open, "", NOW);
        }
    }
    let genuine = signed_record(&c, a);
    let weights = forge(&genuine, |r| {
        for k in &mut r.score.categories {
            k.weight = if k.name == "Security" { 100.0 } else { 0.0 };
        }
    });
    caught("weights", &genuine, &weights, "recorded as weight 100");
    let threshold = forge(&genuine, |r| r.score.threshold = 0.0);
    caught(
        "threshold",
        &genuine,
        &threshold,
        "threshold 0 differs from the template",
    );
    let dropped = forge(&genuine, |r| {
        r.score.categories.retain(|k| k.name == "Security");
        for it in &mut r.items {
            if it.category.as_deref().is_some_and(|k| k != "Security") {
                it.category = None;
            }
        }
    });
    caught(
        "dropped",
        &genuine,
        &dropped,
        "1 score categories recorded, 7 expected from the template",
    );
}

#[test]
fn a_rewritten_title_is_caught() {
    let (_, c) = load(LFG);
    let mut a = ready(&c);
    sign_lines(&c, &mut a, &[]);
    let genuine = export(&c, &a, "test", &rules());
    assert_eq!(genuine.verdict.decision, Verdict::Go);
    let mut forged = genuine.clone();
    forged.checklist.title = "Production Deployment Checklist — APPROVED by CISO".to_string();
    reseal(&mut forged);
    let v = verify(&to_json(&forged), None, &DalekVerifier);
    assert_eq!(
        v.problems,
        vec![
            "the record's title \"Production Deployment Checklist — APPROVED by CISO\" is not the template's \"Production Deployment Checklist\"".to_string()
        ]
    );
}

#[test]
fn an_item_set_not_required_at_the_level_is_caught() {
    let bytes = std::fs::read("tests/fixtures/table-release.md").expect("fixture");
    let c = readiness::domain::parse("table-release.md", &bytes).expect("parses");
    let mut a = readiness::domain::answers::Answers {
        level: Some("L2".to_string()),
        ..Default::default()
    };
    let record = export(&c, &a, "test", &rules());
    let open: Vec<String> = record
        .items
        .iter()
        .filter(|i| i.role == Role::Readiness && i.status == Status::Open)
        .map(|i| i.id.clone())
        .collect();
    // Everything done but the two items required at L2 only.
    let chaos = id_where(&record, |i| i.text == "Chaos drill");
    let vault = id_where(&record, |i| i.text == "Secrets in a vault");
    for id in open.iter().filter(|id| **id != chaos && **id != vault) {
        a.set_status(id, Status::Done, "", NOW);
    }
    // shared-signers: one key signs both lines.
    let digest = readiness::domain::answers::digest::answers_digest(&c, &a);
    for (id, role) in lines(&c) {
        a.signoffs.push(common::signed(
            &c,
            &id,
            &role,
            "Rel",
            "2026-11-22",
            "2026-11-22T04:00:00Z",
            &digest,
            7,
        ));
    }
    let genuine = export(&c, &a, "test", &rules());
    assert_eq!(
        genuine.verdict.decision,
        Verdict::NoGo,
        "{:?}",
        genuine.verdict
    );
    let forged = forge(&genuine, |r| {
        for it in r
            .items
            .iter_mut()
            .filter(|i| i.id == chaos || i.id == vault)
        {
            it.role = Role::NotRequired;
            it.category = None;
        }
    });
    assert_eq!(forged.verdict.decision, Verdict::Go, "{:?}", forged.verdict);
    let v = verify(&to_json(&forged), None, &DalekVerifier);
    assert!(!v.ok() && !v.go());
    assert!(
        v.problems.iter().any(|p| p.contains(&format!(
            "item {chaos} differs from the template: role not-required → readiness"
        ))),
        "{:?}",
        v.problems
    );
}

#[test]
fn a_carried_checklist_edited_to_match_the_forgery_is_caught() {
    let (_, c) = load(LFG);
    let mut a = ready(&c);
    sign_lines(&c, &mut a, &[0]);
    let genuine = export(&c, &a, "test", &rules());
    // The forger deletes the unsigned line from the carried checklist too.
    let mut forged = genuine.clone();
    let source = forged.checklist.source.clone().unwrap_or_default();
    forged.checklist.source = Some(source.replacen("Security Lead", "Security Person", 1));
    reseal(&mut forged);
    let v = verify(&to_json(&forged), None, &DalekVerifier);
    assert!(!v.ok());
    assert!(
        v.problems[0].starts_with("the checklist source the record carries is not its template"),
        "{:?}",
        v.problems
    );
}

/// A genuine signed export and a hostile one of the same checklist whose sign-offs are `n` copies
/// of the genuine signature claiming other names (and, every other one, unsigned records).
fn genuine_and_hostile(n: usize) -> (String, String, String) {
    let (_, c) = load(LFG);
    let mut a = ready(&c);
    sign_lines(&c, &mut a, &[1, 2, 3, 4, 5]);
    let genuine = export(&c, &a, "test", &rules());
    let mut hostile = export(&c, &ready(&c), "test", &rules());
    for k in 0..n {
        let mut s = genuine.signoffs[0].clone();
        s.name = format!("Mallory {k}");
        if k % 2 == 1 {
            s.public_key = None;
            s.envelope = None;
        }
        hostile.signoffs.push(s);
    }
    reseal(&mut hostile);
    let name = genuine.signoffs[0].name.clone();
    (to_json(&genuine), to_json(&hostile), name)
}

#[test]
fn merge_keeps_a_genuine_signature_whatever_copies_claim_and_in_either_order() {
    let (genuine, hostile, name) = genuine_and_hostile(1);
    let g = scratch("merge-genuine.json", &genuine);
    let h = scratch("merge-hostile.json", &hostile);
    for (first, second) in [(&h, &g), (&g, &h)] {
        let out = scratch("merge-out.json", "");
        let (code, _, err) = cli(&["merge", first, second, "--out", &out]);
        assert_eq!(code, Some(0), "{err}");
        assert!(
            err.contains("left out of the record: sign-off Engineering Lead by \"Mallory 0\""),
            "the copy is refused and reported: {err}"
        );
        assert!(
            err.contains(&format!(
                "  Engineering Lead — {name} (2026-11-22T04:00:00Z): current"
            )),
            "{err}"
        );
        let merged = verify(
            &std::fs::read_to_string(&out).expect("written"),
            None,
            &DalekVerifier,
        );
        assert!(merged.ok(), "{:?}", merged.problems);
        let r = merged.record.expect("record");
        assert_eq!(r.signoffs.len(), 1);
        assert_eq!(r.signoffs[0].name, name);
    }
}

#[test]
fn merge_of_thousands_of_hostile_signoffs_keeps_the_genuine_one() {
    let (genuine, hostile, name) = genuine_and_hostile(4000);
    let g = scratch("many-genuine.json", &genuine);
    let h = scratch("many-hostile.json", &hostile);
    let out = scratch("many-out.json", "");
    let (code, _, err) = cli(&["merge", &h, &g, "--out", &out]);
    assert_eq!(code, Some(0), "{err}");
    // Twenty named, then the count: stderr stays readable.
    assert_eq!(err.matches("left out of the record: sign-off").count(), 20);
    assert!(
        err.contains("left out of the record: 3980 more sign-off records whose signature does not hold (4000 in all)"),
        "{err}"
    );
    assert!(err.contains(&format!("Engineering Lead — {name}")), "{err}");
    let merged = verify(
        &std::fs::read_to_string(&out).expect("written"),
        None,
        &DalekVerifier,
    );
    assert!(merged.ok());
    assert_eq!(merged.record.expect("record").signoffs.len(), 1);
}

/// Issue 32, attack 3: a record whose embedded signers file was stripped. `verify --template`
/// finds `<stem>.signers.json` beside the template (as `score`, `export` and `merge` do), so the
/// sign-offs by keys it does not list do not count; `convert` finds it the same way.
#[test]
fn the_signers_file_beside_the_template_is_used_when_the_record_lost_its_own() {
    let (bytes, c) = load(LFG);
    let mut a = ready(&c);
    sign_lines(&c, &mut a, &[]);
    // The team's file lists the real keys for two roles, and other keys for the rest.
    let signers = signers_file(&[
        ("Engineering Lead", 1),
        ("DevOps Lead", 2),
        ("Security Lead", 40),
        ("QA Lead", 41),
        ("Product Manager", 42),
        ("CTO/VP Engineering", 43),
    ]);
    let with_rules = readiness::domain::signoff::standing::Rules {
        signers: Some(&signers),
        ..rules()
    };
    let mut stripped = export(&c, &a, "test", &with_rules);
    assert_eq!(stripped.verdict.decision, Verdict::NoGo);
    stripped.rules.signers = None;
    // The forger also claims GO, consistent with the (now absent) file's absence.
    let stripped = forge(&stripped, |_| {});
    assert_eq!(stripped.verdict.decision, Verdict::Go);
    let dir = std::path::Path::new(&scratch("beside.keep", ""))
        .parent()
        .expect("dir")
        .join("beside");
    std::fs::create_dir_all(&dir).expect("dir");
    let template = dir.join(LFG);
    std::fs::write(&template, &bytes).expect("write");
    std::fs::write(
        dir.join("lfg-platform-checklist.signers.json"),
        serde_json::to_string(&signers).expect("json"),
    )
    .expect("write");
    let record = dir.join("stripped.json");
    std::fs::write(&record, to_json(&stripped)).expect("write");
    let record = record.to_string_lossy().into_owned();
    let t = template.to_string_lossy().into_owned();
    let (code, out, _) = cli(&["verify", &record, "--template", &t, "--require-go"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("is not on the signers list for this role"),
        "{out}"
    );
    let (code, _, err) = cli(&["convert", &record, "--to", "test-result", "--template", &t]);
    assert_eq!(code, Some(1), "{err}");
    // Without the file beside it, only the record's own (stripped) rules: genuine, and GO.
    std::fs::remove_file(dir.join("lfg-platform-checklist.signers.json")).expect("rm");
    let (code, out, _) = cli(&["verify", &record, "--template", &t, "--require-go"]);
    assert_eq!(code, Some(0), "{out}");
}

/// Issue 32, attack 4: who answered an open item is attested. Rewriting it (and the answers
/// digest, and every stale flag) leaves a record that verifies but whose sign-offs are all stale.
#[test]
fn rewriting_who_answered_an_open_item_makes_every_signoff_stale() {
    let (_, c) = load(LFG);
    let mut a = ready(&c);
    // One readiness item ticked and unticked again by Ann: open, but answered.
    let open = c.items[0].id.clone();
    let ann = readiness::domain::answers::Person {
        name: "Ann".to_string(),
        key: Some("aa".repeat(32)),
    };
    a.set_status(&open, Status::Done, "", NOW);
    a.attribute(&open, &ann, NOW);
    a.set_status(&open, Status::Open, "", NOW);
    sign_lines(&c, &mut a, &[]);
    let genuine = export(&c, &a, "test", &rules());
    assert_eq!(genuine.verdict.decision, Verdict::Go);
    let mut forged = genuine.clone();
    for it in forged.items.iter_mut().filter(|i| i.id == open) {
        it.by[0].person.name = "Bo".to_string();
    }
    forged.answers_digest = readiness::domain::audit::record_answers_digest(&forged);
    assert_ne!(
        forged.answers_digest, genuine.answers_digest,
        "attribution is content"
    );
    for s in &mut forged.signoffs {
        s.stale = true;
    }
    let forged = forge(&forged, |_| {});
    let v = verify(&to_json(&forged), None, &DalekVerifier);
    assert!(v.ok(), "{:?}", v.problems);
    assert!(!v.go());
    let reasons: Vec<String> = v
        .breakdown
        .expect("breakdown")
        .reasons
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        reasons
            .iter()
            .filter(|r| r.starts_with("sign-off stale:"))
            .count(),
        6,
        "{reasons:?}"
    );
}
