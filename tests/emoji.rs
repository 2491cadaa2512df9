//! The shortcode table the app and the CLI show emoji from (`public/emoji.tsv`) is GitHub's own
//! list, as the well-kept `emojis` crate carries it: every shortcode, and nothing else. Run
//! `cargo test --test emoji -- --ignored write` to write it again after updating the crate.

use std::path::Path;

fn from_crate() -> String {
    let mut rows: Vec<(String, String)> = emojis::iter()
        .flat_map(|e| {
            e.shortcodes()
                .map(move |s| (s.to_string(), e.as_str().to_string()))
        })
        .collect();
    rows.sort();
    rows.iter().map(|(s, e)| format!("{s}\t{e}\n")).collect()
}

fn path() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("public/emoji.tsv")
}

#[test]
fn the_table_is_githubs_list() {
    let ours = std::fs::read_to_string(path()).expect("public/emoji.tsv");
    let theirs = from_crate();
    assert_eq!(ours.lines().count(), theirs.lines().count());
    assert!(
        ours == theirs,
        "public/emoji.tsv differs from the emojis crate's list"
    );
    assert_eq!(
        readiness::domain::text::emoji::shortcodes(":wrench: :white_check_mark:"),
        "🔧 ✅"
    );
}

#[test]
#[ignore = "writes public/emoji.tsv"]
fn write() {
    std::fs::write(path(), from_crate()).expect("write");
}
