//! The one place the app sets markup: HTML that the core's renderer wrote (escaped by construction,
//! allow-listed tags, attributes and links, bounded nesting) is inserted here and nowhere else, so
//! checklist text reaches the page as markup only through `domain::render`.
//!
//! It is also where the page's Trusted Types policies live. The release build's CSP says
//! `require-trusted-types-for 'script'; trusted-types readiness default 'allow-duplicates'`:
//! - `readiness` passes the renderer's output to [`insert_rendered`], and the service worker's URL
//!   (the only script URL the app loads);
//! - `default` stands at every other sink. Leptos builds the static parts of its views from
//!   compile-time HTML through a `<template>` (its "inert elements"), so CSR cannot run without
//!   one; it passes HTML only when it holds nothing that can run script (`domain::text::html::inert`: no script,
//!   frame, object, embed, style, link, meta, base or form element, no `on*` attribute, no
//!   `javascript:`, `vbscript:` or `data:` URL) and refuses every script and script URL. A stray
//!   `innerHTML` of checklist text with a handler in it throws instead of parsing.

use js_sys::{Function, Object, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// The service worker's script, relative to the app's page.
pub const SERVICE_WORKER: &str = "sw.js";

thread_local! {
    /// The `readiness` policy, where the browser has Trusted Types.
    static POLICY: Option<JsValue> = make_policy();
}

/// Creates a policy named `name` with `createHTML` and `createScriptURL` (and a `createScript` that
/// refuses).
fn create_policy(
    tt: &JsValue,
    name: &str,
    html: impl Fn(String) -> Option<String> + 'static,
    script_url: impl Fn(String) -> Option<String> + 'static,
) -> Option<JsValue> {
    let options = Object::new();
    let html = Closure::<dyn Fn(String) -> Option<String>>::new(html);
    let script_url = Closure::<dyn Fn(String) -> Option<String>>::new(script_url);
    let script = Closure::<dyn Fn(String) -> Option<String>>::new(|_: String| None);
    Reflect::set(&options, &"createHTML".into(), html.as_ref()).ok()?;
    Reflect::set(&options, &"createScriptURL".into(), script_url.as_ref()).ok()?;
    Reflect::set(&options, &"createScript".into(), script.as_ref()).ok()?;
    // Policies live as long as the page.
    html.forget();
    script_url.forget();
    script.forget();
    let create: Function = Reflect::get(tt, &"createPolicy".into())
        .ok()?
        .dyn_into()
        .ok()?;
    create.call2(tt, &JsValue::from_str(name), &options).ok()
}

fn make_policy() -> Option<JsValue> {
    let window = web_sys::window()?;
    let tt = Reflect::get(&window, &JsValue::from_str("trustedTypes"))
        .ok()
        .filter(|v| v.is_object())?;
    // One default policy per page: made once, kept if the page already has one.
    let has_default = Reflect::get(&tt, &"defaultPolicy".into())
        .ok()
        .is_some_and(|p| p.is_object());
    if !has_default {
        create_policy(
            &tt,
            "default",
            |s| crate::domain::text::html::inert(&s).then_some(s),
            |_| None,
        );
    }
    create_policy(
        &tt,
        "readiness",
        // Only ever called by `insert_rendered` with the renderer's output.
        Some,
        |s| (s == SERVICE_WORKER).then_some(s),
    )
}

/// Makes the page's Trusted Types policies now (idempotent): before anything reaches a sink.
pub fn install_policies() {
    POLICY.with(|_| ());
}

/// `value` passed through the policy's `method`, or as it is without Trusted Types.
fn trusted(method: &str, value: &str) -> JsValue {
    POLICY.with(|p| {
        p.as_ref()
            .and_then(|p| {
                let f: Function = Reflect::get(p, &method.into()).ok()?.dyn_into().ok()?;
                f.call1(p, &JsValue::from_str(value)).ok()
            })
            .unwrap_or_else(|| JsValue::from_str(value))
    })
}

/// Replaces the content of `el` with `html`, which must come from `crate::domain::render`.
pub fn insert_rendered(el: &web_sys::Element, html: &str) {
    if html.is_empty() {
        el.set_text_content(None);
        return;
    }
    let _ = Reflect::set(el, &"innerHTML".into(), &trusted("createHTML", html));
}

/// The service worker's script URL as the registration takes it (a TrustedScriptURL where the
/// browser has Trusted Types).
pub fn service_worker_url() -> JsValue {
    trusted("createScriptURL", SERVICE_WORKER)
}
