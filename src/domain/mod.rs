//! The pure core of Readiness: Markdown checklist → model, answers, score, verdict, audit records.
//!
//! Nothing here touches the browser, the file system or the clock: callers pass bytes in and the
//! current time as a [`time::Timestamp`], so the browser app and the CLI compute byte-identical
//! results and everything is tested natively.

pub mod answers;
pub mod audit;
pub mod carry;
pub mod convert;
pub mod error;
pub mod import;
pub mod model;
pub mod parser;
pub mod render;
pub mod report;
pub mod score;
pub mod signoff;
pub mod text;

pub use error::{DataError, Diagnostic, Level, ParseError};
pub use model::Checklist;
pub use parser::parse;
