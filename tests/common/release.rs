//! A release ready but for its sign-offs (lfg-platform), and sign-off records made for it by hand:
//! what the sign-off tests (`standing.rs`, `gate.rs`, the export property) build on.
#![allow(dead_code)]

use super::{rules, signed, NOW};
use readiness::domain::answers::digest::answers_digest;
use readiness::domain::answers::{Answers, Status};
use readiness::domain::audit::{integrity_digest, AuditRecord, Integrity};
use readiness::domain::score::score_checklist;
use readiness::domain::signoff::signers::Signers;
use readiness::domain::signoff::signing::base64_encode;
use readiness::domain::Checklist;

pub const LFG: &str = "lfg-platform-checklist.md";

/// Every lfg readiness and procedure item done, triggers open: GO but for the sign-offs.
pub fn ready(c: &Checklist) -> Answers {
    let mut a = Answers::default();
    for (i, it) in c.items.iter().enumerate() {
        let role = readiness::domain::score::item_role(c, c.default_level.as_deref(), i);
        if matches!(
            role,
            readiness::domain::score::Role::Readiness | readiness::domain::score::Role::Procedure
        ) {
            a.set_status(&it.id, Status::Done, "", NOW);
        }
    }
    a
}

/// The sign-off lines: (item id, role).
pub fn lines(c: &Checklist) -> Vec<(String, String)> {
    c.items
        .iter()
        .filter_map(|i| Some((i.id.clone(), i.signoff.as_ref()?.role.clone())))
        .collect()
}

/// Each line signed by its own key (seeds 1, 2, …), current, except those in `skip`.
pub fn sign_lines(c: &Checklist, a: &mut Answers, skip: &[usize]) {
    let digest = answers_digest(c, a);
    for (k, (id, role)) in lines(c).into_iter().enumerate() {
        if !skip.contains(&k) {
            a.signoffs.push(signed(
                c,
                &id,
                &role,
                &format!("Person {k}"),
                "2026-11-22",
                "2026-11-22T04:00:00Z",
                &digest,
                k as u8 + 1,
            ));
        }
    }
}

/// Line `line` signed over the current answers by the key of `seed`, as `role` (default: the
/// line's own role).
#[allow(clippy::too_many_arguments)]
pub fn sign_as(
    c: &Checklist,
    a: &mut Answers,
    line: usize,
    role: Option<&str>,
    name: &str,
    date: &str,
    signed_at: &str,
    seed: u8,
) {
    let (id, own) = lines(c)[line].clone();
    let digest = answers_digest(c, a);
    let role = role.unwrap_or(&own);
    a.signoffs
        .push(signed(c, &id, role, name, date, signed_at, &digest, seed));
}

/// Ready answers, every line signed by its own key but the CTO's, which the DevOps Lead's key
/// (seed 2) signs naming its own role.
pub fn cto_signed_as_devops_lead(c: &Checklist) -> Answers {
    let mut a = ready(c);
    sign_lines(c, &mut a, &[5]);
    let at = "2026-11-22T04:10:00Z";
    sign_as(
        c,
        &mut a,
        5,
        Some("DevOps Lead"),
        "Dev",
        "2026-11-22",
        at,
        2,
    );
    a
}

/// Every line signed by one key (`seed`), as its own role.
pub fn one_key_for_all(c: &Checklist, a: &mut Answers, seed: u8) {
    for k in 0..lines(c).len() {
        sign_as(
            c,
            a,
            k,
            None,
            "Solo",
            "2026-11-22",
            "2026-11-22T04:00:00Z",
            seed,
        );
    }
}

/// The integrity digest made again after a hand edit (anyone can: it is unkeyed).
pub fn reseal(r: &mut AuditRecord) {
    r.integrity = None;
    r.integrity = Some(Integrity {
        algorithm: "sha256-jcs".to_string(),
        digest: integrity_digest(r),
    });
}

pub fn reasons(c: &Checklist, a: &Answers) -> Vec<String> {
    let b = score_checklist(c, a, &rules());
    b.reasons.iter().map(ToString::to_string).collect()
}

pub fn key_of(seed: u8) -> String {
    let key = ed25519_dalek::SigningKey::from_bytes(&[seed; 32]);
    base64_encode(&key.verifying_key().to_bytes())
}

pub fn signers_file(entries: &[(&str, u8)]) -> Signers {
    Signers {
        schema: "readiness-signers/1".to_string(),
        signers: entries
            .iter()
            .map(|(role, seed)| readiness::domain::signoff::signers::Signer {
                role: role.to_string(),
                name: format!("Holder {seed}"),
                public_key: key_of(*seed),
            })
            .collect(),
    }
}
