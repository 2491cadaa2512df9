//! Release records for the browser test of release after release (issue 37,
//! `tests/e2e/release.test.mjs`), signed as the browser signs them, each sign-off line by its own
//! key, so the test needs no six browser profiles to reach GO:
//!
//! - `release_record go TEMPLATE OUT`: every readiness and procedure item done, triggers open,
//!   every line signed: the record of a GO release, made 2026-11-22.
//! - `release_record sign EXPORT OUT`: the answers of `EXPORT` (a page's export) with every line
//!   of the checklist it carries signed over them, as the release's signers would each in their
//!   own browser: an answers file to open on that page.

use readiness::domain::answers::{Answers, Status};
use readiness::domain::audit::{export, to_json};
use readiness::domain::import::read_incoming;
use readiness::domain::score::{item_role, score_checklist, Role};
use readiness::domain::signoff::standing::Rules;
use readiness::domain::text::time::Timestamp;
use readiness::domain::{parse, Checklist};
use readiness::native::{sign_every_line, DalekVerifier};

fn fail(why: String) -> ! {
    eprintln!("release_record: {why}");
    std::process::exit(2)
}

fn read(path: &str) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| fail(format!("{path}: {e}")))
}

fn template(path: &str) -> Checklist {
    let name = path.rsplit('/').next().unwrap_or(path);
    parse(name, &read(path)).unwrap_or_else(|e| fail(format!("{path}: {e}")))
}

/// Every line of `c` signed over `a` as it is, at `at`, line `k` by the key of seed `k + 1`.
fn sign_all(c: &Checklist, a: &mut Answers, at: Timestamp) {
    sign_every_line(
        c,
        a,
        (&at.date(), &at.to_rfc3339()),
        |k| format!("Signer {}", k + 1),
        |k| ed25519_dalek::SigningKey::from_bytes(&[k as u8 + 1; 32]),
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["go", path, out] => {
            let c = template(path);
            let at = Timestamp(1_795_323_000_000);
            let mut a = Answers::default();
            for (i, it) in c.items.iter().enumerate() {
                let role = item_role(&c, c.default_level.as_deref(), i);
                if matches!(role, Role::Readiness | Role::Procedure) {
                    a.set_status(&it.id, Status::Done, "", at);
                }
            }
            sign_all(&c, &mut a, at);
            let rules = Rules {
                verifier: &DalekVerifier,
                as_of: at,
                signers: None,
            };
            let b = score_checklist(&c, &a, &rules);
            if !b.verdict.is_go() {
                fail(format!("not GO: {:?}", b.reasons));
            }
            let record = export(&c, &a, "release-record", &rules);
            std::fs::write(out, to_json(&record)).unwrap_or_else(|e| fail(format!("{out}: {e}")));
        }
        ["sign", export, out] => {
            let text = String::from_utf8_lossy(&read(export)).into_owned();
            let incoming = read_incoming(export, &text).unwrap_or_else(|e| fail(e.to_string()));
            let c = incoming
                .record
                .as_ref()
                .and_then(|r| r.carried_template())
                .unwrap_or_else(|| fail(format!("{export}: not a record carrying its checklist")));
            let mut a = incoming.answers;
            a.signoffs.clear();
            sign_all(
                &c,
                &mut a,
                Timestamp::parse_rfc3339("2026-12-05T09:00:00Z").unwrap_or(Timestamp(0)),
            );
            std::fs::write(out, a.to_json()).unwrap_or_else(|e| fail(format!("{out}: {e}")));
        }
        _ => fail("usage: release_record go TEMPLATE OUT | sign EXPORT OUT".to_string()),
    }
}
