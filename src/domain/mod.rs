//! The pure core of Readiness: Markdown checklist → model, answers, score, verdict, audit records.
//!
//! Nothing here touches the browser, the file system or the clock: callers pass bytes in and the
//! current time as a [`time::Timestamp`], so the browser app and the CLI compute byte-identical
//! results and everything is tested natively.

pub mod answers;
pub mod audit;
pub mod catalog;
pub mod convert;
pub mod digest;
pub mod error;
pub mod html;
pub mod import;
pub mod json;
pub mod levels;
pub mod markdown;
pub mod merge;
pub mod model;
pub mod parser;
pub mod ready;
pub mod report;
pub mod rows;
pub mod score;
pub mod session;
pub mod share;
pub mod signers;
pub mod signing;
pub mod spans;
pub mod standing;
pub mod text;
pub mod time;
pub mod validate;

pub use error::{DataError, Diagnostic, Level, ParseError};
pub use model::Checklist;
pub use parser::parse;
