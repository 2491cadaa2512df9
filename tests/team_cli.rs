//! Issue 23's flow through the CLI: six people answer their parts in parallel (round 1), the
//! coordinator merges them; the six sign the merged answers in parallel (round 2), the coordinator
//! merges the signed files to GO with six current sign-offs and six keys, and `verify --signers`
//! passes. Who answered each item survives both merges.

mod common;

use common::release::{key_of, lines, LFG};
use common::{cli, load, scratch, signed, NOW};
use readiness::domain::answers::digest::answers_digest;
use readiness::domain::answers::{Answers, Person, Status};
use readiness::domain::audit::{answers_from_record, export, to_json, AuditRecord};
use readiness::domain::score::{item_role, Role};
use readiness::domain::signoff::ready::code;
use readiness::domain::signoff::signers::{Signer, Signers};
use readiness::domain::signoff::standing::Rules;
use readiness::native::DalekVerifier;

#[test]
fn six_people_reach_go_through_the_cli_in_two_parallel_rounds() {
    let (_, c) = load(LFG);
    let template = format!("checklists/{LFG}");
    let roles = lines(&c);
    assert_eq!(roles.len(), 6);
    let signers = Signers {
        schema: "readiness-signers/1".to_string(),
        signers: roles
            .iter()
            .enumerate()
            .map(|(k, (_, role))| Signer {
                role: role.clone(),
                name: format!("Person {k}"),
                public_key: key_of(k as u8 + 1),
            })
            .collect(),
    };
    let signers_path = scratch(
        "signers.json",
        &serde_json::to_string_pretty(&signers).expect("json"),
    );
    let people: Vec<Person> = (0..6)
        .map(|k| Person {
            name: format!("Person {k}"),
            key: Some(readiness::domain::signoff::signing::fingerprint(
                &ed25519_dalek::SigningKey::from_bytes(&[k as u8 + 1; 32])
                    .verifying_key()
                    .to_bytes(),
            )),
        })
        .collect();
    let work: Vec<usize> = (0..c.items.len())
        .filter(|&i| {
            matches!(
                item_role(&c, c.default_level.as_deref(), i),
                Role::Readiness | Role::Procedure
            )
        })
        .collect();

    // Round 1, in parallel: person k answers every sixth item from k, in an answers file.
    let part_files: Vec<String> = (0..6)
        .map(|k| {
            let mut a = Answers::default();
            for &i in work.iter().skip(k).step_by(6) {
                a.set_status(&c.items[i].id, Status::Done, "", NOW);
                a.attribute(&c.items[i].id, &people[k], NOW);
            }
            scratch(&format!("part-{k}.json"), &a.to_json())
        })
        .collect();
    let merged = scratch("merged.json", "");
    let mut args = vec!["merge"];
    args.extend(part_files.iter().map(String::as_str));
    args.extend(["--template", &template, "--now", "2026-11-22T05:00:00Z"]);
    args.extend(["--signers", &signers_path, "--out", &merged]);
    let (status, _, err) = cli(&args);
    assert_eq!(status, Some(0), "{err}");
    assert!(
        err.contains(", 0 sign-off records, 0 conflicts resolved"),
        "{err}"
    );
    let record: AuditRecord =
        serde_json::from_str(&std::fs::read_to_string(&merged).expect("read")).expect("record");
    let ready_code = code(&record.answers_digest);
    assert!(err.contains(&format!("(code {ready_code})")), "{err}");
    for (n, &i) in work.iter().enumerate() {
        let it = record
            .items
            .iter()
            .find(|r| r.id == c.items[i].id)
            .expect("item");
        assert_eq!(it.by.len(), 1);
        assert_eq!(it.by[0].person, people[n % 6], "{}", it.id);
    }

    // Round 2, in parallel: each signs their own role over the merged answers, from the file.
    let base = answers_from_record(&record);
    let digest = answers_digest(&c, &base);
    assert_eq!(digest, record.answers_digest);
    let rules = Rules {
        verifier: &DalekVerifier,
        as_of: NOW,
        signers: Some(&signers),
    };
    let signed_files: Vec<String> = roles
        .iter()
        .enumerate()
        .map(|(k, (id, role))| {
            let mut mine = base.clone();
            mine.signoffs.push(signed(
                &c,
                id,
                role,
                &format!("Person {k}"),
                "2026-11-22",
                "2026-11-22T05:10:00Z",
                &digest,
                k as u8 + 1,
            ));
            scratch(
                &format!("signed-{k}.json"),
                &to_json(&export(&c, &mine, "test", &rules)),
            )
        })
        .collect();
    let done = scratch("final.json", "");
    let mut args = vec!["merge"];
    args.extend(signed_files.iter().map(String::as_str));
    args.extend([
        "--now",
        "2026-11-22T05:20:00Z",
        "--out",
        &done,
        "--require-current",
    ]);
    let (status, _, err) = cli(&args);
    assert_eq!(status, Some(0), "{err}");
    assert_eq!(err.matches("): current\n").count(), 6, "{err}");
    assert!(err.contains(&format!("(code {ready_code})")), "{err}");
    let (status, out, _) = cli(&[
        "verify",
        &done,
        "--template",
        &template,
        "--signers",
        &signers_path,
        "--require-go",
    ]);
    assert_eq!(status, Some(0), "{out}");
    assert!(
        out.contains(&format!(", GO, answers {ready_code}")),
        "{out}"
    );
    assert_eq!(
        out.matches(", on the signers list as Person ").count(),
        6,
        "{out}"
    );
    // Who answered survives both merges.
    let last: AuditRecord =
        serde_json::from_str(&std::fs::read_to_string(&done).expect("read")).expect("record");
    let kept: Vec<_> = last.items.iter().map(|i| i.by.clone()).collect();
    let first: Vec<_> = record.items.iter().map(|i| i.by.clone()).collect();
    assert_eq!(kept, first);
}
