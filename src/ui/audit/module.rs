//! Loading the auditor view, a second wasm module (`src/audit_main.rs`), when `#/audit` is opened:
//! its file names come from `<meta name="readiness-audit">` (written by `scripts/postbuild.mjs`),
//! the module is imported through `boot.js` (`import()` from a script the CSP allows), initialised
//! once, and drawn into this page's `<main>`. Offline it comes from the service worker's cache like
//! every other file of the build.

use std::cell::RefCell;

use js_sys::{Function, Object, Promise, Reflect};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

thread_local! {
    /// The module, once imported and initialised.
    static MODULE: RefCell<Option<JsValue>> = const { RefCell::new(None) };
}

/// Where the auditor module is, relative to the app's page: its JavaScript and its wasm.
fn file_names() -> Result<(String, String), String> {
    let meta = document()
        .query_selector("meta[name=readiness-audit]")
        .ok()
        .flatten()
        .and_then(|m| m.get_attribute("content"))
        .ok_or("this build names no auditor module (<meta name=\"readiness-audit\">)")?;
    let mut parts = meta.split_whitespace();
    match (parts.next(), parts.next()) {
        (Some(js), Some(wasm)) => Ok((js.to_string(), wasm.to_string())),
        _ => Err(format!(
            "<meta name=\"readiness-audit\"> names no module: {meta:?}"
        )),
    }
}

fn absolute(name: &str) -> Result<String, String> {
    let here = window().location().href().map_err(|_| "no address")?;
    web_sys::Url::new_with_base(name, &here)
        .map(|u| u.href())
        .map_err(|_| format!("{name}: not a URL"))
}

fn function(of: &JsValue, name: &str) -> Result<Function, String> {
    Reflect::get(of, &JsValue::from_str(name))
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
        .ok_or_else(|| format!("{name} is not a function"))
}

async fn call(f: &Function, arg: &JsValue) -> Result<JsValue, JsValue> {
    let promise: Promise = f.call1(&JsValue::NULL, arg)?.dyn_into()?;
    JsFuture::from(promise).await
}

/// The auditor module, imported and initialised on first use.
async fn module() -> Result<JsValue, String> {
    if let Some(m) = MODULE.with(|m| m.borrow().clone()) {
        return Ok(m);
    }
    let (js, wasm) = file_names()?;
    let (js, wasm) = (absolute(&js)?, absolute(&wasm)?);
    let import = function(&window(), "__readinessImport").map_err(|_| {
        "boot.js did not load, so the auditor module cannot be imported".to_string()
    })?;
    let unreachable =
        |_| format!("{js}: could not be loaded (offline before this build was cached?)");
    let m = call(&import, &JsValue::from_str(&js))
        .await
        .map_err(unreachable)?;
    let options = Object::new();
    let _ = Reflect::set(
        &options,
        &"module_or_path".into(),
        &JsValue::from_str(&wasm),
    );
    call(&function(&m, "default")?, &options)
        .await
        .map_err(|_| format!("{wasm}: could not be loaded or started"))?;
    MODULE.with(|c| *c.borrow_mut() = Some(m.clone()));
    Ok(m)
}

/// What the page shows while the module loads.
#[derive(Clone, PartialEq)]
enum State {
    Loading,
    Ready,
    Failed(String),
}

/// The auditor view, from its own module.
#[component]
pub fn AuditModule() -> impl IntoView {
    let state = RwSignal::new(State::Loading);
    let root = NodeRef::<leptos::html::Div>::new();
    // Left before the module arrived: it is not drawn.
    let gone = StoredValue::new(false);
    on_cleanup(move || {
        gone.set_value(true);
        if state.get_untracked() == State::Ready {
            if let Some(m) = MODULE.with(|m| m.borrow().clone()) {
                if let Ok(unmount) = function(&m, "unmount_audit") {
                    let _ = unmount.call0(&JsValue::NULL);
                }
            }
        }
    });
    // Drawing into an element of this page: the outside world, so an effect.
    Effect::new(move |_| {
        let Some(el) = root.get() else {
            return;
        };
        leptos::task::spawn_local(async move {
            let drawn = async {
                let m = module().await?;
                if gone.get_value() {
                    return Ok(());
                }
                function(&m, "mount_audit")?
                    .call1(&JsValue::NULL, &el)
                    .map_err(|_| "the auditor view failed to start".to_string())?;
                Ok::<_, String>(())
            };
            match drawn.await {
                Ok(()) => state.set(State::Ready),
                Err(e) => state.set(State::Failed(e)),
            }
        });
    });
    view! {
        {move || match state.get() {
            State::Loading => view! { <p class="muted" role="status">"Loading the auditor view…"</p> }.into_any(),
            State::Failed(e) => view! { <p class="error" role="alert" data-testid="audit-module-error">"The auditor view could not be loaded: "{e}</p> }.into_any(),
            State::Ready => ().into_any(),
        }}
        <div class="audit-module" node_ref=root></div>
    }
}
