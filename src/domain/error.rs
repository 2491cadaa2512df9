//! Errors and diagnostics, each naming what is wrong and, where the input is at fault, where.
//!
//! Fatal problems (the input cannot be read as a checklist at all) are [`ParseError`]s; everything
//! the parser can recover from becomes a [`Diagnostic`] on the checklist so a lint run lists all of
//! them at once instead of stopping at the first.

use serde::Serialize;
use thiserror::Error;

/// The largest checklist source accepted, in bytes (5 MiB).
pub const MAX_INPUT_BYTES: usize = 5 * 1024 * 1024;
/// The deepest block nesting (lists, quotes) accepted.
pub const MAX_NESTING: usize = 64;

/// Why a source could not be read as a checklist at all.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ParseError {
    /// The source is over [`MAX_INPUT_BYTES`].
    #[error("input is {size} bytes, over the {limit}-byte limit for a checklist")]
    TooLarge {
        /// Size of the input.
        size: usize,
        /// The limit.
        limit: usize,
    },
    /// The source is not UTF-8.
    #[error(
        "{line}:{column}: input is not valid UTF-8 (byte 0x{byte:02x}); save the file as UTF-8"
    )]
    InvalidUtf8 {
        /// 1-based line of the bad byte.
        line: usize,
        /// 1-based column (in characters) of the bad byte.
        column: usize,
        /// The offending byte.
        byte: u8,
    },
    /// The source has a NUL byte or other binary content.
    #[error(
        "{line}:{column}: input contains a NUL byte; this looks like a binary file, not Markdown"
    )]
    Binary {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
    },
    /// The source is an HTML page (for instance an error page served instead of the file).
    #[error("1:1: input is an HTML page, not a Markdown checklist")]
    HtmlPage,
    /// Lists or quotes nested deeper than [`MAX_NESTING`].
    #[error("{line}:{column}: lists or quotes are nested more than {limit} levels deep")]
    TooDeep {
        /// 1-based line where the limit was crossed.
        line: usize,
        /// 1-based column.
        column: usize,
        /// The limit.
        limit: usize,
    },
}

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// What was read, and why (a table read as a checklist): `lint` shows it, counts it as nothing.
    Note,
    /// Worth a look; the checklist still works.
    Warning,
    /// The checklist works, but scoring or sign-off rules are broken; `lint` exits 1.
    Error,
}

/// A recoverable problem in a checklist, with its position.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    /// Warning or error.
    pub level: Level,
    /// 1-based line.
    pub line: usize,
    /// 1-based column in characters.
    pub column: usize,
    /// What is wrong, in a sentence.
    pub message: String,
}

impl Diagnostic {
    /// Whether this diagnostic is an error.
    pub fn is_error(&self) -> bool {
        self.level == Level::Error
    }
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let level = match self.level {
            Level::Note => "note",
            Level::Warning => "warning",
            Level::Error => "error",
        };
        write!(
            f,
            "{}:{}: {level}: {}",
            self.line, self.column, self.message
        )
    }
}

/// Why answers or an audit record could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DataError {
    /// Not JSON, or cut short.
    #[error(
        "{line}:{column}: not valid JSON ({message}); the file may be truncated or not an export"
    )]
    Json {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What serde_json reported.
        message: String,
    },
    /// JSON, but not the expected shape.
    #[error("{0}")]
    Shape(String),
    /// A schema version this build does not know.
    #[error("unknown schema {found:?}; this build reads {expected}")]
    UnknownSchema {
        /// Schema found.
        found: String,
        /// Schemas understood.
        expected: String,
    },
}

impl DataError {
    /// Wraps a serde_json error with its position.
    pub fn from_json(e: &serde_json::Error) -> Self {
        let message = e.to_string();
        // serde_json appends " at line L column C"; keep only the reason.
        let message = match message.find(" at line ") {
            Some(i) => message[..i].to_string(),
            None => message,
        };
        DataError::Json {
            line: e.line(),
            column: e.column(),
            message,
        }
    }
}
