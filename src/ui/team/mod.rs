//! Work that moves between people: opening someone's answers, share links, the signing key,
//! signing off, the files a person exports, and answers carried from the last release.

pub mod carried;
pub mod handoff;
pub mod import;
pub mod keys;
pub mod later;
pub mod share;
pub mod signers_file;
pub mod signoff;
pub mod transfer;
