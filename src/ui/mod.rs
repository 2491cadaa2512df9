//! The browser app (Leptos, client-side rendered). Thin by design: parsing, scoring and export
//! live in [`crate::domain`]; this module fetches, stores and draws.

mod app;
mod audit;
mod banners;
mod browser;
mod deflate;
mod doc_page;
mod drift;
mod files;
mod form;
mod import;
mod import_preview;
mod keys;
mod landing;
mod net;
mod perf;
mod pwa;
mod route;
mod saved;
mod score;
mod share;
mod signoff;
mod source;
mod state;
mod storage;
mod transfer;

pub use app::App;

/// Mounts the app on `<body>`.
pub fn mount() {
    leptos::mount::mount_to_body(App);
}
