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
        let src = self.src;
        let lines: Vec<&str> = src.lines().collect();
        let mut missing = Vec::new();
        for it in &mut self.items {
            let Some(p) = it.preset.as_deref_mut() else {
                continue;
            };
            if !matches!(p.state, PresetState::Na | PresetState::Waived) || !p.reason.is_empty() {
                continue;
            }
            match exception_for(&lines, it.line, &it.plain) {
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

/// The reason a later "Exceptions" paragraph or list gives for the item `text` on line `line`:
/// the line naming it, without its list marker and the item's own words.
fn exception_for(lines: &[&str], line: usize, text: &str) -> Option<String> {
    let key = text.trim().to_lowercase();
    if key.is_empty() {
        return None;
    }
    let start = lines.iter().enumerate().skip(line).find_map(|(k, l)| {
        let t = l
            .trim_start_matches(|c: char| c == '#' || c == '*' || c == '-' || c.is_whitespace())
            .to_lowercase();
        t.starts_with("exception").then_some(k)
    })?;
    for (k, l) in lines.iter().enumerate().skip(start) {
        if k > start && l.trim_start().starts_with('#') {
            break;
        }
        let lower = l.to_lowercase();
        let Some(pos) = lower.find(&key) else {
            continue;
        };
        let rest = l[pos + key.len()..]
            .trim_start_matches(|c: char| {
                c.is_whitespace() || matches!(c, ':' | '-' | '—' | '–' | '*' | '`' | ')')
            })
            .trim();
        let whole = l
            .trim()
            .trim_start_matches(|c: char| c == '-' || c == '*' || c.is_whitespace());
        return Some(if rest.is_empty() { whole } else { rest }.to_string());
    }
    None
}
