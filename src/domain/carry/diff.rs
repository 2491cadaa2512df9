//! A word diff of an item's old and new text, as a person reads it: unchanged words as they are,
//! removed ones in `[-…-]`, added ones in `{+…+}` (git's `--word-diff=plain` notation).

/// What a run of words in a diff is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// In both texts.
    Same,
    /// Only in the old text.
    Removed,
    /// Only in the new text.
    Added,
}

/// The word diff from `old` to `new` (words split on whitespace; the longest common subsequence
/// kept) as runs of words, each unchanged, removed or added. Texts are an item's line, so the
/// quadratic table stays small; beyond 400 words each, the whole texts are shown as replaced.
pub fn diff_runs(old: &str, new: &str) -> Vec<(Change, String)> {
    let (a, b): (Vec<&str>, Vec<&str>) = (
        old.split_whitespace().collect(),
        new.split_whitespace().collect(),
    );
    if a == b {
        return vec![(Change::Same, b.join(" "))];
    }
    if a.len() > 400 || b.len() > 400 {
        return vec![(Change::Removed, a.join(" ")), (Change::Added, b.join(" "))];
    }
    let (n, m) = (a.len(), b.len());
    let mut t = vec![0u16; (n + 1) * (m + 1)];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            t[i * (m + 1) + j] = if a[i] == b[j] {
                t[(i + 1) * (m + 1) + j + 1] + 1
            } else {
                t[(i + 1) * (m + 1) + j].max(t[i * (m + 1) + j + 1])
            };
        }
    }
    // Words in order; a removal before an addition where both replace the same place.
    let mut words: Vec<(Change, &str)> = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            words.push((Change::Same, a[i]));
            i += 1;
            j += 1;
        } else if j < m && (i == n || t[i * (m + 1) + j + 1] >= t[(i + 1) * (m + 1) + j]) {
            words.push((Change::Added, b[j]));
            j += 1;
        } else {
            words.push((Change::Removed, a[i]));
            i += 1;
        }
    }
    // Within each changed stretch, removed words first, then added ones.
    let mut runs: Vec<(Change, String)> = Vec::new();
    let mut k = 0;
    while k < words.len() {
        if words[k].0 == Change::Same {
            push(&mut runs, Change::Same, words[k].1);
            k += 1;
            continue;
        }
        let end = (k..words.len())
            .find(|&e| words[e].0 == Change::Same)
            .unwrap_or(words.len());
        for kind in [Change::Removed, Change::Added] {
            for w in words[k..end].iter().filter(|w| w.0 == kind) {
                push(&mut runs, kind, w.1);
            }
        }
        k = end;
    }
    runs
}

fn push(runs: &mut Vec<(Change, String)>, kind: Change, word: &str) {
    match runs.last_mut() {
        Some((k, text)) if *k == kind => {
            text.push(' ');
            text.push_str(word);
        }
        _ => runs.push((kind, word.to_string())),
    }
}

/// The word diff from `old` to `new` in git's `--word-diff=plain` notation: removed words in
/// `[-…-]`, added ones in `{+…+}` ([`diff_runs`]).
pub fn word_diff(old: &str, new: &str) -> String {
    diff_runs(old, new)
        .into_iter()
        .map(|(kind, text)| match kind {
            Change::Same => text,
            Change::Removed => format!("[-{text}-]"),
            Change::Added => format!("{{+{text}+}}"),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changed_words_are_marked_in_place() {
        assert_eq!(
            word_diff("Load test run weekly", "Load test run daily"),
            "Load test run [-weekly-] {+daily+}"
        );
        assert_eq!(word_diff("a b c", "a c"), "a [-b-] c");
        assert_eq!(word_diff("a c", "a b c"), "a {+b+} c");
        assert_eq!(word_diff("same  text", "same text"), "same text");
        assert_eq!(
            word_diff(
                "Rollback tested on staging",
                "Rollback rehearsed in production"
            ),
            "Rollback [-tested on staging-] {+rehearsed in production+}"
        );
    }
}
