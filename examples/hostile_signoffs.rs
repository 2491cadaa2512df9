//! Writes a genuine signed export of a checklist with one sign-off line, and a hostile export of
//! the same checklist carrying N extra sign-off records: a third unsigned under other names, a
//! third signed for real by other keys over other answers (stale), and a third copies of the
//! genuine signature claiming other names. For timing `readiness merge` against
//! them (`scripts/bench.sh`, BENCHMARKS.md "Merging hostile sign-offs").
//!
//! `cargo run --release --example hostile_signoffs -- N DIR [MODE]` writes `DIR/hostile.md`,
//! `DIR/genuine.json` and `DIR/hostile-MODE-N.json`; MODE is `mixed` (the default: a third of
//! each kind), `unsigned`, `stale` or `copies` (all of one kind).

use readiness::domain::answers::digest::answers_digest;
use readiness::domain::answers::{Answers, SignOffRecord};
use readiness::domain::audit::{export, integrity_digest, to_json, Integrity, SignoffOut};
use readiness::domain::parse;
use readiness::domain::signoff::standing::Rules;
use readiness::domain::text::time::Timestamp;
use readiness::native::{sign_record, DalekVerifier};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(n), Some(dir)) = (
        args.first().and_then(|n| n.parse::<usize>().ok()),
        args.get(1),
    ) else {
        eprintln!("usage: hostile_signoffs N DIR [mixed|unsigned|copies|stale]");
        std::process::exit(2);
    };
    let mode = args.get(2).map_or("mixed", String::as_str);
    let md = "# Hostile merge\n\n## Checks\n\n- [x] Built\n\n## Sign-off\n\n- [ ] Engineering Lead: ___ Date: ___\n";
    let c = parse("hostile.md", md.as_bytes()).expect("parses");
    let mut answers = Answers::default();
    let digest = answers_digest(&c, &answers);
    let now = Timestamp(1_795_323_000_000);
    let line = c
        .items
        .iter()
        .find(|i| i.signoff.is_some())
        .expect("a line");
    let mut genuine = SignOffRecord {
        item: line.id.clone(),
        role: "Engineering Lead".to_string(),
        name: "Grace Hopper".to_string(),
        date: "2026-11-22".to_string(),
        signed_at: now.to_rfc3339(),
        digest,
        public_key: None,
        envelope: None,
    };
    let key = ed25519_dalek::SigningKey::from_bytes(&[3; 32]);
    sign_record(&key, &c.file, c.sha256(), &mut genuine);
    answers.signoffs.push(genuine.clone());
    let rules = Rules {
        verifier: &DalekVerifier,
        as_of: now,
        signers: None,
    };
    let record = export(&c, &answers, "bench", &rules);
    std::fs::write(format!("{dir}/hostile.md"), md).expect("write");
    std::fs::write(format!("{dir}/genuine.json"), to_json(&record)).expect("write");
    let mut hostile = export(&c, &Answers::default(), "bench", &rules);
    for k in 0..n {
        let mut r = genuine.clone();
        r.name = format!("Mallory {k}");
        let kind = match mode {
            "unsigned" => 0,
            "stale" => 1,
            "copies" => 2,
            _ => k % 3,
        };
        match kind {
            0 => {
                // Unsigned, another name.
                r.public_key = None;
                r.envelope = None;
            }
            1 => {
                // Signed for real by another key, over other answers: genuine but stale.
                r.digest = format!("{k:064x}");
                r.signed_at = Timestamp(now.0 - 1000 * (k as i64 + 1)).to_rfc3339();
                let mut seed = [9u8; 32];
                seed[..8].copy_from_slice(&(k as u64).to_le_bytes());
                let key = ed25519_dalek::SigningKey::from_bytes(&seed);
                sign_record(&key, &c.file, c.sha256(), &mut r);
            }
            // The genuine signature copied under another name.
            _ => {}
        }
        hostile.signoffs.push(SignoffOut::of(&r, false));
    }
    hostile.integrity = None;
    hostile.integrity = Some(Integrity {
        algorithm: "sha256-jcs".to_string(),
        digest: integrity_digest(&hostile),
    });
    std::fs::write(format!("{dir}/hostile-{mode}-{n}.json"), to_json(&hostile)).expect("write");
}
