//! A word diff of an item's old and new text, as a person reads it: unchanged words as they are,
//! removed ones in `[-…-]`, added ones in `{+…+}` (git's `--word-diff=plain` notation).

/// The word diff from `old` to `new` (words split on whitespace; the longest common subsequence
/// kept). Texts are an item's line, so the quadratic table stays small; beyond 400 words each,
/// the whole texts are shown as replaced.
pub fn word_diff(old: &str, new: &str) -> String {
    let (a, b): (Vec<&str>, Vec<&str>) = (
        old.split_whitespace().collect(),
        new.split_whitespace().collect(),
    );
    if a == b {
        return new.to_string();
    }
    if a.len() > 400 || b.len() > 400 {
        return format!("[-{old}-]{{+{new}+}}");
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
    let mut out: Vec<String> = Vec::new();
    let (mut removed, mut added): (Vec<&str>, Vec<&str>) = (Vec::new(), Vec::new());
    let flush = |out: &mut Vec<String>, removed: &mut Vec<&str>, added: &mut Vec<&str>| {
        if !removed.is_empty() {
            out.push(format!("[-{}-]", removed.join(" ")));
            removed.clear();
        }
        if !added.is_empty() {
            out.push(format!("{{+{}+}}", added.join(" ")));
            added.clear();
        }
    };
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            flush(&mut out, &mut removed, &mut added);
            out.push(a[i].to_string());
            i += 1;
            j += 1;
        } else if j < m && (i == n || t[i * (m + 1) + j + 1] >= t[(i + 1) * (m + 1) + j]) {
            added.push(b[j]);
            j += 1;
        } else {
            removed.push(a[i]);
            i += 1;
        }
    }
    flush(&mut out, &mut removed, &mut added);
    out.join(" ")
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
    }
}
