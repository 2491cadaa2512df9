//! Readiness: production-deployment sign-off from Markdown checklists.
//!
//! [`domain`] is the pure core shared by the browser app and the `readiness` CLI; [`ui`] is the
//! Leptos app, compiled only for `wasm32`.

pub mod domain;
pub mod synth;

#[cfg(target_arch = "wasm32")]
pub mod ui;

#[cfg(not(target_arch = "wasm32"))]
pub mod native;

/// The version written into every export (`app_version`).
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");
