//! Entry point of the browser app: mounts the Leptos UI. Built for wasm32 by trunk
//! (`index.html` names this binary with `data-bin`).

#[cfg(target_arch = "wasm32")]
fn main() {
    readiness::ui::mount();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("readiness-app is the browser app; build it with `trunk build` (see README.md).");
    std::process::exit(2);
}
