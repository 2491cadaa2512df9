//! Time without a clock: the caller passes `now` in; this module owns chrono's options for the
//! whole crate, formatting and parsing RFC 3339 UTC times and civil dates (`YYYY-MM-DD`).
//!
//! chrono is built without its clock feature (`default-features = false`): the domain never
//! reads the time. Every caller passes the current [`Timestamp`] in; the browser shell and the CLI
//! each take it from their own platform.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};

/// Milliseconds since 1970-01-01T00:00:00Z.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(pub i64);

impl Timestamp {
    fn utc(self) -> DateTime<Utc> {
        DateTime::from_timestamp_millis(self.0).unwrap_or(DateTime::UNIX_EPOCH)
    }

    /// `2026-11-22T04:50:00Z` (whole seconds; milliseconds are dropped).
    pub fn to_rfc3339(self) -> String {
        self.utc().to_rfc3339_opts(SecondsFormat::Secs, true)
    }

    /// The calendar date in UTC, `2026-11-22`.
    pub fn date(self) -> String {
        self.utc().date_naive().format("%Y-%m-%d").to_string()
    }

    /// The second in UTC for file names, `2026-11-22T045012Z`.
    pub fn file_second(self) -> String {
        self.utc().format("%Y-%m-%dT%H%M%SZ").to_string()
    }

    /// Parses an RFC 3339 time: `YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)`.
    pub fn parse_rfc3339(s: &str) -> Option<Timestamp> {
        DateTime::parse_from_rfc3339(s)
            .ok()
            .map(|t| Timestamp(t.timestamp_millis()))
    }
}

/// Parses a calendar date written exactly `YYYY-MM-DD` (the day must exist).
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape {
        return None;
    }
    let n = |r: std::ops::Range<usize>| s[r].parse::<u32>().ok();
    NaiveDate::from_ymd_opt(i32::try_from(n(0..4)?).ok()?, n(5..7)?, n(8..10)?)
}

/// A civil date as `YYYY-MM-DD` (for the browser's local "today").
pub fn format_date(year: i32, month: u32, day: u32) -> Option<String> {
    NaiveDate::from_ymd_opt(year, month, day).map(|d| d.format("%Y-%m-%d").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_and_parses() {
        let t = Timestamp(1_795_323_000_000);
        let s = t.to_rfc3339();
        assert_eq!(s, "2026-11-22T04:50:00Z");
        assert_eq!(Timestamp::parse_rfc3339(&s), Some(t));
        assert_eq!(t.date(), "2026-11-22");
        assert_eq!(Timestamp(0).to_rfc3339(), "1970-01-01T00:00:00Z");
        assert_eq!(
            Timestamp::parse_rfc3339("2026-11-22T06:50:00.5+02:00"),
            Some(Timestamp(1_795_323_000_500))
        );
        assert_eq!(Timestamp(-1000).to_rfc3339(), "1969-12-31T23:59:59Z");
        assert_eq!(Timestamp(-1).to_rfc3339(), "1969-12-31T23:59:59Z");
        assert_eq!(
            Timestamp(1_795_323_000_999).to_rfc3339(),
            "2026-11-22T04:50:00Z"
        );
    }

    #[test]
    fn rejects_bad_times() {
        for s in [
            "",
            "2026-11-22",
            "2026-13-01T00:00:00Z",
            "2026-02-30T00:00:00Z",
            "2026-11-22T24:00:00Z",
            "2026-11-22T04:50:00",
            "2026-11-22T04:50:00Zjunk",
            "２０２６-11-22T04:50:00Z",
        ] {
            assert_eq!(Timestamp::parse_rfc3339(s), None, "{s}");
        }
    }

    #[test]
    fn dates_are_exactly_yyyy_mm_dd_and_exist() {
        assert!(parse_date("2024-02-29").is_some());
        for s in [
            "2023-02-29",
            "2026-1-05",
            "2026-01-5 ",
            "+026-01-05",
            "2026/01/05",
            "2026-00-10",
        ] {
            assert!(parse_date(s).is_none(), "{s}");
        }
        assert_eq!(format_date(2026, 3, 7).as_deref(), Some("2026-03-07"));
        assert_eq!(format_date(2026, 2, 30), None);
    }
}
