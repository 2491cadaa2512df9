//! Sign-offs: what a signature covers and how it is checked (`signing`), which keys may sign for
//! which role (`signers`), the one rule for when a sign-off counts toward GO (`standing`), and the
//! "ready for sign-off" mark's rules and export names (`ready`).
//!
//! It sits above `answers` (whose sign-off records and digest it judges) and below `score`,
//! `audit`, `import` and `convert`, which ask it; nothing here imports back.

pub mod ready;
pub mod signers;
pub mod signing;
pub mod standing;
