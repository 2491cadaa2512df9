//! Target levels (issue 24): a table with level columns (`Level 1`, `L2`, `Level C`) marks the
//! levels each row is required at. The answers choose one level; only the items required at it
//! count toward progress and the score. This is the one place that says which level holds and
//! whether an item is required at it.

use crate::domain::model::{Checklist, ItemIdx};

impl Checklist {
    /// The level that holds for answers that chose `chosen`: the choice when the checklist has
    /// that level, else its default. `None` when the checklist has no levels.
    pub fn level<'a>(&'a self, chosen: Option<&'a str>) -> Option<&'a str> {
        match chosen {
            Some(l) if self.levels.iter().any(|x| x == l) => Some(l),
            _ => self.default_level.as_deref(),
        }
    }

    /// Whether `item` is required at `level` (an item outside level tables always is).
    pub fn required_at(&self, item: ItemIdx, level: Option<&str>) -> bool {
        match (&self.items[item].levels, level) {
            (Some(levels), Some(l)) => levels.iter().any(|x| x == l),
            _ => true,
        }
    }
}

/// Whether a table header names a level column: `Level 1`, `Level A`, `L2`, `Lvl 3`.
pub fn is_level_header(header: &str) -> bool {
    let h = header.trim();
    let lower = h.to_ascii_lowercase();
    let rest = ["level", "lvl"]
        .iter()
        .find_map(|p| lower.strip_prefix(p))
        .map(str::trim);
    match rest {
        Some(r) => !r.is_empty() && r.len() <= 3 && r.chars().all(|c| c.is_ascii_alphanumeric()),
        None => {
            lower.len() >= 2
                && lower.len() <= 3
                && lower.starts_with('l')
                && lower[1..].chars().all(|c| c.is_ascii_digit())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_level_header;

    #[test]
    fn level_headers() {
        for h in ["Level 1", "Level A", "L2", "L10", "level c", "Lvl 3"] {
            assert!(is_level_header(h), "{h}");
        }
        for h in ["Level", "Levels of access", "Lead", "Loc", "L", "Status"] {
            assert!(!is_level_header(h), "{h}");
        }
    }
}
