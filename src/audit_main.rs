//! Entry point of the auditor module: the auditor view (`#/audit`) built as a second wasm module,
//! so a checklist page never downloads record reading, verification and comparison. Trunk builds
//! it from `index.html` (`data-type="worker"`: built, not loaded); the app loads it on `#/audit`
//! (`src/ui/audit/module.rs`) and calls [`mount_audit`].

/// Draws the auditor view into `parent`.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn mount_audit(parent: web_sys::HtmlElement) {
    readiness::ui::mount_audit(parent);
}

/// Removes the auditor view (the app left `#/audit`).
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn unmount_audit() {
    readiness::ui::unmount_audit();
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("readiness-audit is the browser app's auditor module; `trunk build` builds it (see README.md).");
    std::process::exit(2);
}
