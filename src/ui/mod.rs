//! The browser app (Leptos, client-side rendered). Thin by design: parsing, scoring and export
//! live in [`crate::domain`]; this module fetches, stores and draws.

mod audit;
mod doc;
mod form;
mod page;
mod platform;
mod shell;
mod team;

pub use shell::app::App;

/// Mounts the app on `<body>`.
pub fn mount() {
    // Before the first view: Leptos builds static parts of views through an HTML sink.
    platform::markup::install_policies();
    leptos::mount::mount_to_body(App);
}
