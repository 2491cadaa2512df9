//! Offline use: registers the service worker (release builds only; scripts/postbuild.mjs marks
//! them) and offers a new version when one has been installed — it is never forced.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{ServiceWorkerRegistration, ServiceWorkerState};

fn container() -> Option<web_sys::ServiceWorkerContainer> {
    let window = web_sys::window()?;
    let nav = window.navigator();
    // Not every context has service workers (insecure origins, some private modes).
    js_sys::Reflect::has(&nav, &"serviceWorker".into())
        .ok()
        .filter(|has| *has)?;
    Some(nav.service_worker())
}

fn is_release_build() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| {
            d.query_selector(r#"meta[name="readiness-build"][content="release"]"#)
                .ok()
                .flatten()
        })
        .is_some()
}

/// Registers `sw.js`; sets `update_ready` when a new version is installed and waiting.
pub fn register(update_ready: RwSignal<bool>) {
    if !is_release_build() {
        return;
    }
    let Some(sw) = container() else {
        return;
    };
    leptos::task::spawn_local(async move {
        // Checked, not assumed: a blocked or shimmed `register` may resolve to no registration.
        // Through the page's Trusted Types policy: `register` is a script-URL sink.
        let register = js_sys::Reflect::get(&sw, &"register".into())
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
            .and_then(|f| {
                f.call1(&sw, &crate::ui::platform::markup::service_worker_url())
                    .ok()
            })
            .and_then(|p| p.dyn_into::<js_sys::Promise>().ok());
        let Some(register) = register else {
            leptos::logging::warn!("service worker not registered: offline use unavailable");
            return;
        };
        let Some(reg) = JsFuture::from(register)
            .await
            .ok()
            .and_then(|r| r.dyn_into::<ServiceWorkerRegistration>().ok())
        else {
            leptos::logging::warn!("service worker not registered: offline use unavailable");
            return;
        };
        let has_controller = move || container().and_then(|c| c.controller()).is_some();
        if reg.waiting().is_some() && has_controller() {
            update_ready.set(true);
        }
        let reg2 = reg.clone();
        let on_update = Closure::<dyn FnMut()>::new(move || {
            let Some(installing) = reg2.installing() else {
                return;
            };
            let worker = installing.clone();
            let on_state = Closure::<dyn FnMut()>::new(move || {
                if worker.state() == ServiceWorkerState::Installed && has_controller() {
                    update_ready.set(true);
                }
            });
            installing.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
            on_state.forget();
        });
        reg.set_onupdatefound(Some(on_update.as_ref().unchecked_ref()));
        on_update.forget();
    });
}

/// Activates the waiting version and reloads once it has taken over.
pub fn apply_update() {
    let Some(sw) = container() else {
        return;
    };
    let reload = Closure::<dyn FnMut()>::new(|| {
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    });
    sw.set_oncontrollerchange(Some(reload.as_ref().unchecked_ref()));
    reload.forget();
    leptos::task::spawn_local(async move {
        if let Ok(reg) = JsFuture::from(sw.get_registration()).await {
            if let Some(waiting) = reg
                .dyn_into::<ServiceWorkerRegistration>()
                .ok()
                .and_then(|r| r.waiting())
            {
                let _ = waiting.post_message(&"skip-waiting".into());
            }
        }
    });
}

/// "Update available" offer.
#[component]
pub fn UpdateBanner(update_ready: RwSignal<bool>) -> impl IntoView {
    move || {
        update_ready.get().then(|| {
            view! {
                <div class="banner info update" role="status" data-testid="update-available">
                    <p>"A new version of Readiness is available."</p>
                    <button type="button" on:click=|_| apply_update()>"Update now"</button>
                    <button type="button" class="link" on:click=move |_| update_ready.set(false)>"Later"</button>
                </div>
            }
        })
    }
}
