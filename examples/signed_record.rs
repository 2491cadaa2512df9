//! Writes a checklist with N sign-off lines and its record with N signed sign-offs (one key per
//! role), for timing `readiness verify` (`scripts/bench.sh`, BENCHMARKS.md "Verifying sign-offs").
//!
//! `cargo run --release --example signed_record -- N DIR` writes `DIR/signoffs-N.md` and
//! `DIR/signoffs-N.json`.

use readiness::domain::answers::Answers;
use readiness::domain::audit::{export, to_json};
use readiness::domain::parse;
use readiness::domain::signoff::standing::Rules;
use readiness::domain::text::time::Timestamp;
use readiness::native::{sign_every_line, DalekVerifier};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(n), Some(dir)) = (
        args.first().and_then(|n| n.parse::<usize>().ok()),
        args.get(1),
    ) else {
        eprintln!("usage: signed_record N DIR");
        std::process::exit(2);
    };
    let mut md =
        String::from("# Sign-off benchmark\n\n## Checks\n\n- [x] Built\n\n## Sign-off\n\n");
    for k in 0..n {
        md.push_str(&format!("- [ ] Role {k}: ___ Date: ___\n"));
    }
    let file = format!("signoffs-{n}.md");
    let c = parse(&file, md.as_bytes()).expect("the generated checklist parses");
    let mut answers = Answers::default();
    let now = Timestamp(1_795_323_000_000);
    sign_every_line(
        &c,
        &mut answers,
        ("2026-11-22", &now.to_rfc3339()),
        |k| format!("Signer {k}"),
        |k| {
            let mut seed = [7u8; 32];
            seed[..8].copy_from_slice(&(k as u64).to_le_bytes());
            ed25519_dalek::SigningKey::from_bytes(&seed)
        },
    );
    let rules = Rules {
        verifier: &DalekVerifier,
        as_of: now,
        signers: None,
    };
    let record = export(&c, &answers, "bench", &rules);
    std::fs::write(format!("{dir}/{file}"), md).expect("writes the checklist");
    std::fs::write(format!("{dir}/signoffs-{n}.json"), to_json(&record))
        .expect("writes the record");
}
