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

thread_local! {
    /// The auditor view drawn by the auditor module, while it is shown.
    static AUDIT_VIEW: std::cell::RefCell<Option<Box<dyn std::any::Any>>> =
        const { std::cell::RefCell::new(None) };
}

/// The auditor module's entry (`src/audit_main.rs`): draws the auditor view into `parent`, an
/// element of the app's page. Only that module calls it, so the app's own module leaves the
/// auditor view out.
pub fn mount_audit(parent: web_sys::HtmlElement) {
    unmount_audit();
    platform::markup::install_policies();
    let handle = leptos::mount::mount_to(parent, audit::AuditPage);
    AUDIT_VIEW.with(|v| *v.borrow_mut() = Some(Box::new(handle)));
}

/// Removes the auditor view drawn by [`mount_audit`] (dropping its handle unmounts it).
pub fn unmount_audit() {
    AUDIT_VIEW.with(|v| v.borrow_mut().take());
}
