//! Validation of answers, in one place: what the form accepts as it is typed (an override's score
//! and reason, an evidence link) and everything wrong with a whole set of answers for a checklist
//! (N/A without a reason, overrides out of range, unknown categories, bad dates, orphans). The UI
//! asks these functions; it has no rules of its own.

use crate::domain::answers::{Answers, Override, Status};
use crate::domain::model::category_list;
use crate::domain::model::{Checklist, FieldKind};
use crate::domain::text::safe_href;
use crate::domain::text::time::{parse_date, Timestamp};

/// A problem with answers, reported by [`problems`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerProblem {
    /// Item, field or category concerned.
    pub key: String,
    /// What is wrong.
    pub message: String,
}

/// Why an override cannot be kept.
pub const OVERRIDE_SCORE: &str = "Score must be a number from 0 to 10.";
/// Why an override cannot be kept.
pub const OVERRIDE_REASON: &str = "Give a reason for the override.";

/// An override from what was typed: the score as written (a decimal comma is read as a point,
/// rounded to hundredths) and a non-empty reason; else the message to show.
pub fn parse_override(score: &str, reason: &str, now: Timestamp) -> Result<Override, &'static str> {
    let score = score.trim().replace(',', ".");
    let mut typed = Override {
        score: score.parse::<f64>().map_err(|_| OVERRIDE_SCORE)?,
        reason: reason.trim().to_string(),
        set_at: Some(now.to_rfc3339()),
    };
    if !typed.in_range() {
        return Err(OVERRIDE_SCORE);
    }
    if typed.reason.is_empty() {
        return Err(OVERRIDE_REASON);
    }
    typed.score = (typed.score * 100.0).round() / 100.0;
    Ok(typed)
}

/// An item is N/A only with a reason; returns it trimmed, else the message to show.
pub fn parse_na_reason(reason: &str) -> Result<String, &'static str> {
    let reason = reason.trim();
    if reason.is_empty() {
        Err("Give a reason to mark this item N/A.")
    } else {
        Ok(reason.to_string())
    }
}

/// The end date of an N/A or waiver as typed: empty is none; else a `YYYY-MM-DD` date, or the
/// message to show.
pub fn parse_until(typed: &str) -> Result<Option<String>, &'static str> {
    let typed = typed.trim();
    match typed {
        "" => Ok(None),
        d if parse_date(d).is_some() => Ok(Some(d.to_string())),
        _ => Err("An end date must be a date (YYYY-MM-DD)."),
    }
}

/// Evidence must be an http(s) link the parser would keep as safe; returns it trimmed, else the
/// message to show.
pub fn parse_evidence(url: &str) -> Result<String, &'static str> {
    let url = url.trim();
    let ok = safe_href(url).is_some_and(|u| {
        let l = u.to_ascii_lowercase();
        l.starts_with("https://") || l.starts_with("http://")
    });
    if ok {
        Ok(url.to_string())
    } else {
        Err("Evidence must be an http(s) link.")
    }
}

/// The problems that would make an exported record fail verification (an N/A without a reason):
/// `export` refuses answers with any of these rather than write a record `verify` rejects.
pub fn export_refusals(answers: &Answers, checklist: &Checklist) -> Vec<AnswerProblem> {
    let ids: std::collections::HashSet<&str> =
        checklist.items.iter().map(|i| i.id.as_str()).collect();
    answers
        .items
        .iter()
        .filter(|(id, a)| {
            ids.contains(id.as_str())
                && a.status == Status::Na
                && parse_na_reason(&a.reason).is_err()
        })
        .map(|(id, _)| AnswerProblem {
            key: id.clone(),
            message: "marked N/A without a reason".to_string(),
        })
        .collect()
}

/// Everything wrong with `answers` for `checklist`: N/A without a reason, overrides out of range
/// or without a reason, overrides naming no category, bad dates, unknown ids.
pub fn problems(answers: &Answers, checklist: &Checklist) -> Vec<AnswerProblem> {
    let problem = |key: &str, message: String| AnswerProblem {
        key: key.to_string(),
        message,
    };
    let mut out = Vec::new();
    for (id, a) in &answers.items {
        if a.status == Status::Na && parse_na_reason(&a.reason).is_err() {
            out.push(problem(id, "marked N/A without a reason".to_string()));
        }
        match &a.until {
            Some(u) if parse_date(u).is_none() => out.push(problem(
                id,
                format!("{u:?} is not a date (YYYY-MM-DD): the N/A counts as open"),
            )),
            Some(_) if a.status != Status::Na => out.push(problem(
                id,
                "has an end date but is not N/A or waived (the date is ignored)".to_string(),
            )),
            _ => {}
        }
    }
    let categories = category_list(checklist);
    for (name, o) in &answers.overrides {
        if !o.in_range() {
            out.push(problem(
                name,
                format!("override score {} is outside 0-10", o.score),
            ));
        }
        if o.reason.trim().is_empty() {
            out.push(problem(name, "override has no reason".to_string()));
        }
        if !categories.iter().any(|(c, _)| c == name) {
            out.push(problem(
                name,
                "override names no score category of this checklist".to_string(),
            ));
        }
    }
    for f in &checklist.fields {
        if let Some(v) = answers.fields.get(&f.id) {
            if f.kind == FieldKind::Date && !v.is_empty() && parse_date(v).is_none() {
                out.push(problem(&f.id, format!("{v:?} is not a date (YYYY-MM-DD)")));
            }
        }
    }
    for id in answers.orphans(checklist) {
        out.push(problem(
            &id,
            "answer for an item or field this checklist no longer has (kept)".to_string(),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_as_typed() {
        let now = Timestamp(0);
        let o = parse_override(" 7,456 ", " checked ", now).expect("valid");
        assert_eq!((o.score, o.reason.as_str()), (7.46, "checked"));
        assert_eq!(parse_override("10", "r", now).map(|o| o.score), Ok(10.0));
        assert_eq!(parse_override("0", "r", now).map(|o| o.score), Ok(0.0));
        for bad in ["10.01", "-1", "NaN", "inf", "", "x"] {
            assert_eq!(parse_override(bad, "r", now), Err(OVERRIDE_SCORE), "{bad}");
        }
        assert_eq!(parse_override("5", "  ", now), Err(OVERRIDE_REASON));
    }

    #[test]
    fn na_needs_a_reason() {
        assert_eq!(parse_na_reason("  not used  ").as_deref(), Ok("not used"));
        assert!(parse_na_reason(" \t ").is_err());
    }

    #[test]
    fn evidence_links() {
        assert_eq!(
            parse_evidence(" https://ci.example/1 ").as_deref(),
            Ok("https://ci.example/1")
        );
        assert!(parse_evidence("HTTP://x.example").is_ok());
        for bad in [
            "javascript:alert(1)",
            "ftp://x",
            "/relative",
            "mailto:a@b",
            "",
        ] {
            assert!(parse_evidence(bad).is_err(), "{bad}");
        }
    }
}
