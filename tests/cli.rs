//! The `readiness` binary as CI pipelines use it: real files, real exit codes, real output.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use readiness::domain::answers::{Answers, Status};
use readiness::domain::parse;
use readiness::domain::text::time::Timestamp;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_readiness"))
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("run readiness")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A fresh scratch directory under target/ for this test.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

#[test]
fn lint_summarises_each_bundled_checklist() {
    let o = run(&["lint", "checklists/"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let out = stdout(&o);
    for (file, items) in [
        ("dojopool-deployment-checklist.md", 91),
        ("dojopool-phased-rollout.md", 59),
        ("lfg-platform-checklist.md", 408),
        ("platform-deployment-checklist.md", 170),
        ("websocket-cluster-checklist.md", 211),
    ] {
        let line = out
            .lines()
            .find(|l| l.starts_with(&format!("checklists/{file}: ")))
            .unwrap_or_else(|| panic!("no summary for {file} in\n{out}"));
        assert!(line.contains(&format!("— {items} items")), "{line}");
    }
    assert!(out.contains(
        "checklists/lfg-platform-checklist.md:156:1: warning: section \"✅ Database\" has 22 readiness items in no score category"
    ));
}

#[test]
fn lint_json_has_one_object_per_file() {
    let o = run(&[
        "lint",
        "--json",
        "checklists/lfg-platform-checklist.md",
        "checklists/platform-deployment-checklist.md",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let lines: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert_eq!(lines.len(), 2);
    let lfg = &lines[0];
    assert_eq!(lfg["file"], "checklists/lfg-platform-checklist.md");
    assert_eq!(lfg["title"], "Production Deployment Checklist");
    assert_eq!(lfg["items"], 408);
    assert_eq!(lfg["signoffs"], 6);
    // 12 sign-off blanks + 21 empty emergency-contact cells (7 roles × name, phone, email).
    assert_eq!(lfg["fields"], 33);
    assert_eq!(lfg["threshold"], 8.0);
    let cats = lfg["categories"].as_array().expect("categories");
    let weights: Vec<f64> = cats
        .iter()
        .map(|c| c["weight"].as_f64().unwrap_or(-1.0))
        .collect();
    assert_eq!(weights, [20.0, 25.0, 15.0, 15.0, 10.0, 10.0, 5.0]);
    assert_eq!(cats[3]["name"], "Monitoring");
    assert_eq!(
        cats[3]["sections"],
        serde_json::json!(["✅ Monitoring & Observability"])
    );
    assert!(lines[0]["sections"].as_u64().unwrap_or(0) > 20);
    assert_eq!(lines[1]["signoffs"], 13);
}

#[test]
fn lint_fails_with_line_numbers_on_a_broken_checklist() {
    let dir = scratch("lint-broken");
    let bad = dir.join("team.md");
    std::fs::write(
        &bad,
        "# Team\n\n## Build\n\n- [ ] green\n\n| Category | Weight |\n|---|---|\n| Build | 50% |\n| Billing | 50% |\n\nText.\n\n<!-- readiness: trigger -->\n",
    )
    .expect("write");
    let o = run(&["lint", bad.to_str().expect("utf-8 path")]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.contains("team.md:10:3: error: score category \"Billing\" matches no section heading"),
        "{out}"
    );
    assert!(
        out.contains("team.md:14:1: error: directive \"trigger\" must be on its heading's line"),
        "{out}"
    );
    assert!(out.contains("2 errors"), "{out}");

    let latin1 = dir.join("latin1.md");
    std::fs::write(&latin1, b"- [ ] caf\xe9\n").expect("write");
    let o = run(&["lint", latin1.to_str().expect("path")]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("latin1.md:1:10: input is not valid UTF-8"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn score_exit_codes_follow_the_verdict_and_min() {
    let dir = scratch("score");
    let template = "checklists/dojopool-phased-rollout.md";
    let c = parse(
        "dojopool-phased-rollout.md",
        &std::fs::read(template).expect("seed"),
    )
    .expect("parses");
    let mut a = Answers::default();
    let now = Timestamp(1_795_323_000_000);
    for (i, it) in c.items.iter().enumerate() {
        if readiness::domain::score::item_role(&c, None, i)
            == readiness::domain::score::Role::Readiness
        {
            a.set_status(&it.id, Status::Done, "", now);
        }
    }
    let answers = dir.join("answers.json");
    std::fs::write(&answers, a.to_json()).expect("write");
    let ans = answers.to_str().expect("path");

    let o = run(&["score", template, ans]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("Score 10.00 / 10 (minimum 8.00)"));
    assert!(stdout(&o).contains("Verdict: GO"));

    // A checked failure criterion turns it into NO-GO, exit 1.
    let trigger = c
        .items
        .iter()
        .find(|i| i.plain == "Critical data loss or corruption")
        .expect("trigger");
    a.set_status(&trigger.id, Status::Done, "", now);
    std::fs::write(&answers, a.to_json()).expect("write");
    let o = run(&["score", template, ans, "--json"]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(v["verdict"], "NO-GO");
    assert_eq!(
        v["reasons"][0],
        "failure trigger checked: Critical data loss or corruption"
    );

    // --min on a blank checklist.
    let o = run(&[
        "score",
        "checklists/websocket-cluster-checklist.md",
        ans,
        "--min",
        "7",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("is below --min 7.00"), "{}", stdout(&o));
    assert!(stderr(&o).contains("answer for an item or field this checklist no longer has"));
}

#[test]
fn export_verify_and_tamper_from_the_command_line() {
    let dir = scratch("verify");
    let out = dir.join("export.json");
    let template = "checklists/lfg-platform-checklist.md";
    let o = run(&[
        "export",
        template,
        "--now",
        "2026-11-22T05:00:00Z",
        "--out",
        out.to_str().expect("path"),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));

    let o = run(&[
        "verify",
        out.to_str().expect("path"),
        "--template",
        template,
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).starts_with("verified: "));

    // One field changed.
    let text = std::fs::read_to_string(&out).expect("read");
    let tampered = dir.join("tampered.json");
    std::fs::write(
        &tampered,
        text.replacen("\"status\": \"open\"", "\"status\": \"done\"", 1),
    )
    .expect("write");
    let o = run(&["verify", tampered.to_str().expect("path")]);
    assert_eq!(o.status.code(), Some(1));
    let report = stdout(&o);
    assert!(report.starts_with("invalid: "), "{report}");
    assert!(report.contains("integrity digest mismatch"), "{report}");
    assert!(report.contains("answers_digest does not match"), "{report}");

    // Truncated.
    let truncated = dir.join("truncated.json");
    std::fs::write(&truncated, &text[..text.len() / 3]).expect("write");
    let o = run(&["verify", truncated.to_str().expect("path"), "--json"]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(v["verified"], false);
    assert!(v["problems"][0]
        .as_str()
        .unwrap_or("")
        .starts_with("not a readable export"));

    // Against another template.
    let o = run(&[
        "verify",
        out.to_str().expect("path"),
        "--template",
        "checklists/websocket-cluster-checklist.md",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("is not the one exported"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(run(&[]).status.code(), Some(2));
    assert_eq!(run(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(run(&["lint", "--bogus", "x.md"]).status.code(), Some(2));
    let o = run(&[
        "score",
        "checklists/lfg-platform-checklist.md",
        "/nonexistent/answers.json",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("/nonexistent/answers.json"));
    assert_eq!(run(&["--help"]).status.code(), Some(0));
}

#[test]
fn catalog_lists_every_checklist() {
    let dir = scratch("catalog");
    let out = dir.join("index.json");
    let o = run(&[
        "catalog",
        "checklists",
        "--out",
        out.to_str().expect("path"),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).expect("read")).expect("json");
    assert_eq!(v["schema"], "readiness-catalog/1");
    let files: Vec<&str> = v["checklists"]
        .as_array()
        .expect("array")
        .iter()
        .map(|e| e["file"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(
        files,
        [
            "dojopool-deployment-checklist.md",
            "dojopool-phased-rollout.md",
            "lfg-platform-checklist.md",
            "platform-deployment-checklist.md",
            "websocket-cluster-checklist.md"
        ]
    );
    assert_eq!(v["checklists"][2]["items"], 408);
    assert_eq!(
        v["checklists"][2]["sha256"].as_str().map(str::len),
        Some(64)
    );
}

#[test]
fn synth_makes_exactly_n_items_that_lint_clean() {
    let dir = scratch("synth");
    for n in [1, 7, 408, 1_000, 10_000] {
        let out = dir.join(format!("synth-{n}.md"));
        let o = run(&[
            "synth",
            &n.to_string(),
            "--out",
            out.to_str().expect("path"),
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let bytes = std::fs::read(&out).expect("read");
        let c = readiness::domain::parse("synth.md", &bytes).expect("parses");
        assert_eq!(c.items.len(), n);
        assert_eq!(
            readiness::domain::text::markdown::count_task_items(
                std::str::from_utf8(&bytes).expect("utf-8")
            ),
            n
        );
        assert!(!c.has_errors(), "{n}: {:?}", c.diagnostics);
        if n >= 1_000 {
            assert_eq!(c.categories.len(), 5);
            assert_eq!(c.signoff_count(), 4);
            assert!(c.items.iter().any(|i| i.depth == 1));
            assert!(c.fields.len() > n / 60);
        }
    }
    assert_eq!(run(&["synth", "0"]).status.code(), Some(2));
}

#[test]
fn bad_arguments_are_named_and_exit_2() {
    for (args, says) in [
        (
            &["lint", "--bogus", "checklists/"][..],
            "invalid option '--bogus'",
        ),
        (
            &["score", "a.md", "b.json", "--min"][..],
            "--min needs a value",
        ),
        (&["verify", "--template"][..], "--template needs a value"),
        (&["lint", "-x"][..], "invalid option '-x'"),
    ] {
        let o = run(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&o).starts_with(&format!("readiness: {says}")),
            "{args:?}: {}",
            stderr(&o)
        );
    }
    // Both option spellings are read: `--out FILE` and `--out=FILE`.
    let dir = scratch("option-spellings");
    let (a, b) = (dir.join("a.json"), dir.join("b.json"));
    for out in [
        vec!["--out".to_string(), a.display().to_string()],
        vec![format!("--out={}", b.display())],
    ] {
        let mut args = vec![
            "export",
            "checklists/websocket-cluster-checklist.md",
            "--now",
            "2026-11-22T00:00:00Z",
        ];
        args.extend(out.iter().map(String::as_str));
        assert_eq!(run(&args).status.code(), Some(0));
    }
    assert_eq!(std::fs::read(&a).expect("a"), std::fs::read(&b).expect("b"));
}
