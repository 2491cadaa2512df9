//! Loading the auditor view when `#/audit` is opened: it is the app's second module loaded on first
//! use (issue 35), split from the app where it is linked, as the team module is, so a checklist
//! page never downloads record reading, verification and comparison, and the auditor view shares
//! the first module's Leptos, parser and scoring instead of carrying its own. Offline it comes from
//! the service worker's cache like every other file of the build; a failed download says so and
//! is tried again when `#/audit` is opened again.

use leptos::prelude::*;

use crate::ui::platform::idle::{downloading, NotLoaded};

/// Draws the auditor view; the function lives in the module loaded on first use.
type Draw = fn() -> AnyView;

/// The entry of the auditor's module: hands back its drawing function.
#[cfg_attr(
    feature = "split",
    leptos::wasm_split::wasm_split(
        audit,
        wasm_split_path = ::leptos::wasm_split,
        fallible,
        preload(#[doc(hidden)] preload_audit)
    )
)]
#[cfg_attr(not(feature = "split"), allow(clippy::unnecessary_wraps))]
fn drawing() -> Result<Draw, NotLoaded> {
    Ok(|| view! { <super::AuditPage/> }.into_any())
}

/// The drawing function, once its module is downloaded (a build without the `split` feature has it
/// at hand).
async fn download() -> Result<Draw, NotLoaded> {
    #[cfg(feature = "split")]
    return drawing().await;
    #[cfg(not(feature = "split"))]
    drawing()
}

/// What the page shows while the module loads.
#[derive(Clone, Copy)]
enum State {
    Loading,
    Ready(Draw),
    Failed,
}

/// The auditor view, from its own module.
#[component]
pub fn AuditModule() -> impl IntoView {
    let state = RwSignal::new(State::Loading);
    // The idle moment the service worker waits for: this page has no part of the team module.
    Effect::new(|_| crate::ui::platform::idle::when_idle(|| ()));
    let busy = downloading();
    leptos::task::spawn_local(async move {
        let got = download().await;
        drop(busy);
        let next = match got {
            Ok(draw) => State::Ready(draw),
            Err(NotLoaded) => State::Failed,
        };
        // Left before the module arrived: nothing to draw.
        let _ = state.try_set(next);
    });
    move || {
        match state.get() {
        State::Loading => view! { <p class="muted" role="status">"Loading the auditor view…"</p> }.into_any(),
        State::Failed => view! {
            <p class="error" role="alert" data-testid="audit-module-error">
                "The auditor view could not be loaded (offline before this build was cached?). Open it again once online."
            </p>
        }
        .into_any(),
        State::Ready(draw) => view! { <div class="audit-module">{draw()}</div> }.into_any(),
    }
    }
}
