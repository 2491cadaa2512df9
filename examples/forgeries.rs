//! Writes the records issue 32's browser tests hold up to the auditor view and an import: genuine
//! ones, and ones a forger with real Ed25519 keys edited to say GO (each re-scored from its own
//! claims and resealed, so it is consistent with itself). Built by `cargo test` with the other
//! examples; `tests/e2e/attacks.test.mjs` runs it.
//!
//! `forgeries DIR` writes into DIR:
//! - `mini-two.md`: a small checklist no bundle has, with a failure trigger;
//! - `mini-go.json` (genuine GO, carrying its checklist) and `mini-go-old.json` (the same in the
//!   form records had before they carried it: GO not provable without the checklist);
//! - `mini-trigger.json`: a fired trigger moved to `procedure`;
//! - `lfg-threshold.json`: a NO-GO lfg record whose threshold was lowered to 0;
//! - `lfg-title.json`: a GO lfg record retitled "… — APPROVED by CISO";
//! - `lfg-unsafe-evidence.json`: an answers file whose evidence holds `javascript:`, `data:` and
//!   `vbscript:` targets beside an https one.

use readiness::domain::answers::{Answers, Status};
use readiness::domain::audit::{
    answers_from_record, export, integrity_digest, rebuild, to_json, AuditRecord, Integrity,
};
use readiness::domain::score::Role;
use readiness::domain::signoff::standing::Rules;
use readiness::domain::text::time::Timestamp;
use readiness::domain::{parse, Checklist};
use readiness::native::{sign_every_line, DalekVerifier};

const NOW: Timestamp = Timestamp(1_795_323_000_000);

const MINI: &str = "# Mini two\n\n| Category | Weight |\n|---|---|\n| Build | 100% |\n\nMinimum score: 5/10\n\n## Build\n- [ ] Tests pass\n- [ ] Lint clean\n\n## Rollback triggers\n- [ ] Error rate above 5%\n\n## Sign-off\n- [ ] **Engineering Lead**: ___ Date: ___\n";

fn rules() -> Rules<'static> {
    Rules {
        verifier: &DalekVerifier,
        as_of: NOW,
        signers: None,
    }
}

/// Every sign-off line signed over `a` by its own key.
fn sign_all(c: &Checklist, a: &mut Answers) {
    sign_every_line(
        c,
        a,
        ("2026-11-22", "2026-11-22T04:00:00Z"),
        |k| format!("Signer {k}"),
        |k| ed25519_dalek::SigningKey::from_bytes(&[k as u8 + 1; 32]),
    );
}

fn reseal(r: &mut AuditRecord) {
    r.integrity = None;
    r.integrity = Some(Integrity {
        algorithm: "sha256-jcs".to_string(),
        digest: integrity_digest(r),
    });
}

/// The forger's edit, re-scored from the record's own claims and resealed.
fn forge(r: &AuditRecord, edit: impl FnOnce(&mut AuditRecord)) -> AuditRecord {
    let mut r = r.clone();
    edit(&mut r);
    let answers = answers_from_record(&r);
    rebuild(&r, &answers, &r.app_version.clone(), NOW, &DalekVerifier).expect("rescored")
}

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: forgeries DIR");
        std::process::exit(2);
    };
    let write = |name: &str, text: &str| {
        std::fs::write(format!("{dir}/{name}"), text).expect("write");
    };
    let mini = parse("mini-two.md", MINI.as_bytes()).expect("parses");
    write("mini-two.md", MINI);
    let mut a = Answers::default();
    for it in mini.items.iter().filter(|i| i.signoff.is_none()) {
        a.set_status(&it.id, Status::Done, "", NOW);
    }
    let trigger = mini.items[2].id.clone();
    a.set_status(&trigger, Status::Open, "", NOW);
    let mut go = a.clone();
    sign_all(&mini, &mut go);
    let genuine = export(&mini, &go, "forgeries", &rules());
    write("mini-go.json", &to_json(&genuine));
    let mut old = genuine.clone();
    old.revision = None;
    old.checklist.source = None;
    reseal(&mut old);
    write("mini-go-old.json", &to_json(&old));
    let mut fired = a.clone();
    fired.set_status(&trigger, Status::Done, "", NOW);
    sign_all(&mini, &mut fired);
    let nogo = export(&mini, &fired, "forgeries", &rules());
    let forged = forge(&nogo, |r| {
        for it in r.items.iter_mut().filter(|i| i.id == trigger) {
            it.role = Role::Procedure;
        }
    });
    write("mini-trigger.json", &to_json(&forged));

    let bytes = std::fs::read("checklists/lfg-platform-checklist.md").expect("lfg");
    let lfg = parse("lfg-platform-checklist.md", &bytes).expect("parses");
    let mut some = Answers::default();
    for it in lfg.items.iter().take(30) {
        some.set_status(&it.id, Status::Done, "", NOW);
    }
    sign_all(&lfg, &mut some);
    let low = export(&lfg, &some, "forgeries", &rules());
    write(
        "lfg-threshold.json",
        &to_json(&forge(&low, |r| r.score.threshold = 0.0)),
    );
    let mut all = Answers::default();
    for (i, it) in lfg.items.iter().enumerate() {
        let role = readiness::domain::score::item_role(&lfg, None, i);
        if matches!(role, Role::Readiness | Role::Procedure) {
            all.set_status(&it.id, Status::Done, "", NOW);
        }
    }
    sign_all(&lfg, &mut all);
    let mut retitled = export(&lfg, &all, "forgeries", &rules());
    retitled.checklist.title = "Production Deployment Checklist — APPROVED by CISO".to_string();
    reseal(&mut retitled);
    write("lfg-title.json", &to_json(&retitled));

    let mut unsafe_evidence = Answers::default();
    let first = lfg.items[0].id.clone();
    unsafe_evidence.set_status(&first, Status::Done, "", NOW);
    if let Some(item) = unsafe_evidence.items.get_mut(&first) {
        item.evidence = vec![
            "javascript:alert(document.domain)".to_string(),
            "data:text/html,<script>alert(1)</script>".to_string(),
            "VBScript:msgbox(1)".to_string(),
            "https://ci.example/run/1".to_string(),
        ];
    }
    write("lfg-unsafe-evidence.json", &unsafe_evidence.to_json());
}
