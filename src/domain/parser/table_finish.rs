//! What tables read as checklists need from the whole document, once it is read: the default
//! target level (a `level=` directive's, else the level requiring the most items) and the reasons
//! of N/A rows that give none in their own row, from a later "Exceptions" heading, paragraph or
//! list naming them.

use super::*;

/// The reason of a table row marked N/A that gives none.
const NO_REASON: &str = "marked N/A in the checklist";

impl Builder<'_> {
    /// Levels: each level's required items counted, and the default chosen (a `level=`
    /// directive's, else the level requiring the most items, the later on a tie).
    pub(super) fn finish_levels(&mut self) -> Option<String> {
        if self.levels.is_empty() {
            return None;
        }
        if let Some(want) = self.level_directive.clone() {
            // `level=2` names "L2" and "Level 2"; `level=L2` and `level=Level-2` too.
            let bare = |s: &str| {
                let s: String = s
                    .to_ascii_lowercase()
                    .chars()
                    .filter(|c| c.is_ascii_alphanumeric())
                    .collect();
                let s = s
                    .strip_prefix("level")
                    .or_else(|| s.strip_prefix("lvl"))
                    .unwrap_or(&s);
                match s.strip_prefix('l') {
                    Some(d) if !d.is_empty() && d.chars().all(|c| c.is_ascii_digit()) => d,
                    _ => s,
                }
                .to_string()
            };
            let w = bare(&want);
            let found = self.levels.iter().find(|l| bare(l) == w);
            match found {
                Some(l) => return Some(l.clone()),
                None => {
                    let names: Vec<String> = self.levels.iter().map(|l| format!("{l:?}")).collect();
                    self.diags.push(Diagnostic {
                        level: Level::Error,
                        line: 1,
                        column: 1,
                        message: format!(
                            "directive level={want:?} names no level column; the levels are {}",
                            names.join(", ")
                        ),
                    });
                }
            }
        }
        let count = |l: &String| {
            self.items
                .iter()
                .filter(|it| it.levels.as_ref().is_some_and(|v| v.contains(l)))
                .count()
        };
        let mut best: Option<(usize, &String)> = None;
        for l in &self.levels {
            let n = count(l);
            if best.is_none_or(|(b, _)| n >= b) {
                best = Some((n, l));
            }
        }
        let chosen = best.map(|(_, l)| l.clone());
        let each: Vec<String> = self
            .levels
            .iter()
            .map(|l| format!("{l} ({} items)", count(l)))
            .collect();
        let at = self.items.iter().find(|it| it.levels.is_some());
        let (line, column) = at.map_or((1, 1), |it| (it.line, it.column));
        self.diags.push(Diagnostic {
            level: Level::Note,
            line,
            column,
            message: format!(
                "levels: {}; the page starts at {} (the level requiring the most items)",
                each.join(", "),
                chosen.as_deref().unwrap_or("")
            ),
        });
        chosen
    }

    /// N/A rows without a reason take it from a later "Exceptions" paragraph or list naming them.
    pub(super) fn reasons_from_exceptions(&mut self) {
        let wanted: Vec<usize> = self
            .items
            .iter()
            .enumerate()
            .filter(|(_, it)| {
                it.preset.as_deref().is_some_and(|p| {
                    matches!(p.state, PresetState::Na | PresetState::Waived) && p.reason.is_empty()
                })
            })
            .map(|(i, _)| i)
            .collect();
        if wanted.is_empty() {
            return;
        }
        let exceptions = Exceptions::read(self.src, wanted.iter().map(|&i| &*self.items[i].plain));
        let mut missing = Vec::new();
        for i in wanted {
            let it = &mut self.items[i];
            let reason = exceptions.reason_for(it.line, &it.plain).or_else(|| {
                let own = exceptions.lines.get(it.line.checked_sub(1)?)?;
                exceptions.reason_by_reference(it.line, own)
            });
            let Some(p) = it.preset.as_deref_mut() else {
                continue;
            };
            match reason {
                Some(reason) => p.reason = reason,
                None => {
                    // Every N/A has a reason (records without one do not verify): say where
                    // this one came from, and ask for a better one.
                    p.reason = NO_REASON.to_string();
                    missing.push((it.line, it.column, it.plain.clone()));
                }
            }
        }
        for (line, column, text) in missing {
            self.diags.push(Diagnostic {
                level: Level::Warning,
                line,
                column,
                message: format!(
                    "{text:?} is N/A with no reason in a note column or an \"Exceptions\" paragraph; its reason reads {NO_REASON:?}"
                ),
            });
        }
    }
}

/// The words of a text, each lower-cased on its own with its byte range in the text: matching by
/// words never slices the text at a position found in a transformed copy (`İ` lower-cases to
/// three bytes from two).
fn words(text: &str) -> Vec<(String, usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (k, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(k),
            (false, Some(s)) => {
                out.push((text[s..k].to_lowercase(), s, k));
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// The "Exceptions" headings, paragraphs and lists of a document, read once: where each starts
/// and ends, and every line that names an item (its words, in order, at a word start), so finding
/// the reasons of N items in M lines takes time in proportion to N + M, not N × M.
struct Exceptions<'a> {
    lines: Vec<&'a str>,
    /// 0-based indices of the lines that open an Exceptions block, ascending.
    starts: Vec<usize>,
    /// For each of them, the first heading after it (or the end).
    ends: Vec<usize>,
    /// For each item's words (joined by a space): the lines naming them, ascending, with the byte
    /// offset in the line just after the name.
    named: std::collections::HashMap<String, Vec<(usize, usize)>>,
}

impl<'a> Exceptions<'a> {
    fn read<'t>(src: &'a str, items: impl Iterator<Item = &'t str>) -> Self {
        let lines: Vec<&str> = src.lines().collect();
        let starts: Vec<usize> = lines
            .iter()
            .enumerate()
            .filter(|(_, l)| {
                let t = l.trim_start_matches(|c: char| {
                    c == '#' || c == '*' || c == '-' || c.is_whitespace()
                });
                t.get(..9)
                    .is_some_and(|w| w.eq_ignore_ascii_case("exception"))
                    // A heading naming its exceptions (`### D1 Exceptions`).
                    || (l.trim_start().starts_with('#')
                        && words(l).iter().any(|(w, _, _)| w == "exception" || w == "exceptions"))
            })
            .map(|(k, _)| k)
            .collect();
        let is_heading = |k: usize| lines[k].trim_start().starts_with('#');
        let ends: Vec<usize> = starts
            .iter()
            .map(|&s| {
                ((s + 1)..lines.len())
                    .find(|&k| is_heading(k))
                    .unwrap_or(lines.len())
            })
            .collect();
        let mut named: std::collections::HashMap<String, Vec<(usize, usize)>> =
            std::collections::HashMap::new();
        let mut counts: Vec<usize> = Vec::new();
        for text in items {
            let w: Vec<String> = words(text).into_iter().map(|(w, _, _)| w).collect();
            if !w.is_empty() {
                if !counts.contains(&w.len()) {
                    counts.push(w.len());
                }
                named.entry(w.join(" ")).or_default();
            }
        }
        // Every line an Exceptions block covers, once: each word start, for each length of name.
        let mut covered = vec![false; lines.len()];
        for (&s, &e) in starts.iter().zip(&ends) {
            for c in &mut covered[s..e] {
                *c = true;
            }
        }
        let mut key = String::new();
        for (k, line) in lines.iter().enumerate().filter(|(k, _)| covered[*k]) {
            let w = words(line);
            for i in 0..w.len() {
                for &n in &counts {
                    let Some(run) = w.get(i..i + n) else {
                        continue;
                    };
                    key.clear();
                    for (j, (word, _, _)) in run.iter().enumerate() {
                        if j > 0 {
                            key.push(' ');
                        }
                        key.push_str(word);
                    }
                    if let Some(at) = named.get_mut(key.as_str()) {
                        if at.last().is_none_or(|&(l, _)| l != k) {
                            at.push((k, run[n - 1].2));
                        }
                    }
                }
            }
        }
        Exceptions {
            lines,
            starts,
            ends,
            named,
        }
    }

    /// The reason a later Exceptions block gives for the item `text` on (1-based) line `line`: the
    /// first line of the first block after it that names it, without its list marker and the
    /// item's own words.
    fn reason_for(&self, line: usize, text: &str) -> Option<String> {
        let key: Vec<String> = words(text).into_iter().map(|(w, _, _)| w).collect();
        let at = self.named.get(&key.join(" "))?;
        // The first block opening after the item's line (`line` is 1-based: index `line` is the
        // next line).
        let b = self.starts.partition_point(|&s| s < line);
        let (start, end) = (*self.starts.get(b)?, self.ends[b]);
        let first = at.partition_point(|&(k, _)| k < start);
        let &(k, after) = at.get(first).filter(|&&(k, _)| k < end)?;
        let l = self.lines[k];
        let rest = l[after..]
            .trim_start_matches(|c: char| {
                c.is_whitespace() || matches!(c, ':' | '-' | '—' | '–' | '*' | '`' | ')')
            })
            .trim();
        let whole = l
            .trim()
            .trim_start_matches(|c: char| c == '-' || c == '*' || c.is_whitespace());
        Some(if rest.is_empty() { whole } else { rest }.to_string())
    }

    /// The reason a later Exceptions block gives, by reference, for the item on (1-based) line
    /// `line` whose source line is `own`: the first line of the block with a collapsed reference
    /// (`[D1.2][] is waived as …`) to an id that `own` holds as a whole token (`| D1.2 | … |`).
    /// The reason is that line, the reference written as its id.
    fn reason_by_reference(&self, line: usize, own: &str) -> Option<String> {
        let b = self.starts.partition_point(|&s| s < line);
        let (start, end) = (*self.starts.get(b)?, self.ends[b]);
        self.lines[start + 1..end].iter().find_map(|l| {
            let ids = references(l);
            ids.iter().any(|id| holds_token(own, id)).then(|| {
                let mut text = l
                    .trim()
                    .trim_start_matches(['-', '*', '+', ' '])
                    .to_string();
                for id in &ids {
                    text = text.replace(&format!("[{id}][]"), id);
                }
                text
            })
        })
    }
}

/// The ids of a line's collapsed references (`[D1.2][]`).
fn references(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(k) = rest.find("][]") {
        let before = &rest[..k];
        if let Some(open) = before.rfind('[') {
            let id = before[open + 1..].trim();
            if !id.is_empty() && !id.contains(']') {
                out.push(id);
            }
        }
        rest = &rest[k + 3..];
    }
    out
}

/// Whether `id` stands in `line` as a whole token: not inside a longer word or id (`D1` is not in
/// `D1.2`, nor `1.2` in `D1.2`).
fn holds_token(line: &str, id: &str) -> bool {
    let part = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    line.match_indices(id).any(|(k, _)| {
        let mut before = line[..k].chars().rev();
        let (b1, b2) = (before.next(), before.next());
        let mut after = line[k + id.len()..].chars();
        let (a1, a2) = (after.next(), after.next());
        // Glued to a word, or continuing an id (`D1` of `D1.2`), on either side.
        let continues = |near: Option<char>, far: Option<char>| {
            part(near) || (matches!(near, Some('.' | '-')) && part(far))
        };
        !continues(b1, b2) && !continues(a1, a2)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_their_place_in_the_original_whatever_their_case_mapping() {
        let w = words("İstanbul ẞtraße: ﬁne, ΣΑΣ ok");
        let text = "İstanbul ẞtraße: ﬁne, ΣΑΣ ok";
        for (word, s, e) in &w {
            assert_eq!(&text[*s..*e].to_lowercase(), word);
        }
        assert_eq!(w.len(), 5);
        assert_eq!(w[0].0, "i\u{307}stanbul");
    }

    #[test]
    fn a_reference_names_an_id_only_as_a_whole_token() {
        assert_eq!(
            references("[D1.2][] and [D1.3][] are waived"),
            ["D1.2", "D1.3"]
        );
        assert!(references("[D1.2](x) [not a ref]").is_empty());
        assert!(holds_token("| D1.2 | Restores |", "D1.2"));
        assert!(!holds_token("| D1.2 | Restores |", "D1"));
        assert!(!holds_token("| D1.2 | Restores |", "1.2"));
        assert!(!holds_token("| D1.20 | Restores |", "D1.2"));
        assert!(holds_token("- [ ] D1.2: restores", "D1.2"));
    }

    #[test]
    fn a_reason_after_a_name_with_non_ascii_case_mappings_is_found_without_a_panic() {
        let src = "| A | Status |\n|---|---|\n| İzmir ẞ probe | N/A |\n\n## Exceptions\n\n- İzmir ß Probe: region closed\n";
        let e = Exceptions::read(src, ["İzmir ẞ probe"].into_iter());
        assert_eq!(
            e.reason_for(3, "İzmir ẞ probe").as_deref(),
            Some("region closed")
        );
    }
}
