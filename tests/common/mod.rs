//! Helpers shared by the test suites.

pub mod release;

use readiness::domain::answers::Answers;
use readiness::domain::answers::SignOffRecord;
use readiness::domain::parse;
use readiness::domain::text::time::Timestamp;
use readiness::domain::Checklist;

/// The time every test that needs one uses: 2026-11-22T04:50:00Z.
#[allow(dead_code)]
pub const NOW: Timestamp = Timestamp(1_795_323_000_000);

/// A sign-off record signed the way the browser signs it, with a key derived from `seed`.
#[allow(clippy::too_many_arguments, dead_code)]
pub fn signed(
    c: &Checklist,
    item: &str,
    role: &str,
    name: &str,
    date: &str,
    signed_at: &str,
    digest: &str,
    seed: u8,
) -> SignOffRecord {
    let mut r = SignOffRecord {
        item: item.to_string(),
        role: role.to_string(),
        name: name.to_string(),
        date: date.to_string(),
        signed_at: signed_at.to_string(),
        digest: digest.to_string(),
        public_key: None,
        envelope: None,
    };
    let key = ed25519_dalek::SigningKey::from_bytes(&[seed; 32]);
    readiness::native::sign_record(&key, &c.file, c.sha256(), &mut r);
    r
}

/// A bundled checklist: its bytes and its model.
#[allow(dead_code)]
pub fn load(name: &str) -> (Vec<u8>, Checklist) {
    let bytes = std::fs::read(format!("checklists/{name}")).expect("seed");
    let c = parse(name, &bytes).expect("parses");
    (bytes, c)
}

/// Ids of the items directly under the section titled `section_title`.
#[allow(dead_code)]
pub fn ids_in(c: &Checklist, section_title: &str) -> Vec<String> {
    c.items
        .iter()
        .filter(|i| c.sections[i.section].title == section_title)
        .map(|i| i.id.clone())
        .collect()
}

/// The role of each sign-off line, in document order.
#[allow(dead_code)]
pub fn signoff_roles(c: &Checklist) -> Vec<&str> {
    c.items
        .iter()
        .filter_map(|i| i.signoff.as_ref().map(|s| s.role.as_str()))
        .collect()
}

/// lfg with every Security item done and nothing else.
#[allow(dead_code)]
pub fn security_done(c: &Checklist) -> Answers {
    let mut a = Answers::default();
    for id in ids_in(c, "✅ Security") {
        a.set_status(&id, readiness::domain::answers::Status::Done, "", NOW);
    }
    a
}

/// A current, signed sign-off on every sign-off line (keys from seeds 1, 2, …).
#[allow(dead_code)]
pub fn sign_all(c: &Checklist, a: &mut Answers) {
    readiness::native::sign_every_line(
        c,
        a,
        ("2026-11-22", &NOW.to_rfc3339()),
        |_| "Grace Hopper".to_string(),
        |k| ed25519_dalek::SigningKey::from_bytes(&[k as u8 + 1; 32]),
    );
}

/// Sign-offs judged at `now` with ed25519-dalek and no signers file.
#[allow(dead_code)]
pub fn at(now: Timestamp) -> readiness::domain::signoff::standing::Rules<'static> {
    readiness::domain::signoff::standing::Rules {
        verifier: &readiness::native::DalekVerifier,
        as_of: now,
        signers: None,
    }
}

/// Sign-offs judged at [`NOW`].
#[allow(dead_code)]
pub fn rules() -> readiness::domain::signoff::standing::Rules<'static> {
    at(NOW)
}

/// Runs the `readiness` CLI: its whole output.
#[allow(dead_code)]
pub fn run(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_readiness"))
        .args(args)
        .output()
        .expect("runs")
}

/// Runs the `readiness` CLI: (exit code, stdout, stderr).
#[allow(dead_code)]
pub fn cli(args: &[&str]) -> (Option<i32>, String, String) {
    let out = run(args);
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Runs the `readiness` CLI: (exit code, stdout then stderr as one text).
#[allow(dead_code)]
pub fn cli_text(args: &[&str]) -> (i32, String) {
    let (code, out, err) = cli(args);
    (code.unwrap_or(-1), format!("{out}{err}"))
}

/// Writes `text` to `name` in this test binary's own scratch folder (under the target
/// directory's temporary folder); returns the path.
#[allow(dead_code)]
pub fn scratch_path(name: &str, text: &str) -> std::path::PathBuf {
    let exe = std::env::current_exe().ok();
    let stem = exe
        .as_deref()
        .and_then(|p| p.file_stem())
        .map_or("tests".into(), |s| s.to_string_lossy().into_owned());
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(stem);
    std::fs::create_dir_all(&dir).expect("dir");
    let p = dir.join(name);
    std::fs::write(&p, text).expect("write");
    p
}

/// [`scratch_path`] as a string, for command lines.
#[allow(dead_code)]
pub fn scratch(name: &str, text: &str) -> String {
    scratch_path(name, text).to_string_lossy().into_owned()
}
