//! The checklist's own score table, filled in: each category row's score and weighted score, and the
//! total, computed from the same breakdown as the score panel, for the page, print and "Copy as
//! Markdown" (where the table would otherwise still read `___/10`).

use super::*;

/// A computed figure a score-table column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScoreColumn {
    /// The category's score out of 10 ("Score (0-10)").
    Score,
    /// Its part of the total, weight × score ("Weighted Score").
    Weighted,
}

fn words(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .collect::<String>()
        .to_lowercase()
}

/// Which computed figure each column of a score table holds, from its header texts.
pub fn score_columns(header: &[String]) -> Vec<Option<ScoreColumn>> {
    header
        .iter()
        .map(|h| {
            let w = words(h);
            if w.contains("weighted") {
                Some(ScoreColumn::Weighted)
            } else if w.split_whitespace().next() == Some("score") {
                Some(ScoreColumn::Score)
            } else {
                None
            }
        })
        .collect()
}

/// The figure for the row labelled `row` (its first cell) in a `column` column: a category's score
/// or weighted part, or, on the "Total" row, the score. `None` for any other cell.
pub fn score_cell(b: &Breakdown, row: &str, column: ScoreColumn) -> Option<String> {
    let label = words(row);
    let label = label.trim();
    if label.starts_with("total") {
        return (column == ScoreColumn::Weighted).then(|| format!("{}/10", centi(b.score_centi)));
    }
    let c = b
        .categories
        .iter()
        .find(|c| words(&c.name).trim() == label)?;
    let weights = b.scored_weight();
    Some(match (column, c.score_centi) {
        (_, None) => "n/a".to_string(),
        (ScoreColumn::Score, Some(s)) => format!("{}/10", centi(s)),
        (ScoreColumn::Weighted, Some(s)) => {
            format!(
                "{:.2}",
                f64::from(s) / 100.0 * c.weight / weights.max(f64::MIN_POSITIVE)
            )
        }
    })
}
