//! When the page is live and the browser idle (issue 35). The parts of the app in modules loaded
//! on first use (signing off, the team's actions and panels, Copy as Markdown, an import's
//! preview) start downloading then and not before, so a first visit fetches the first module
//! alone until the page works, and a later click does not wait for the network.

use std::cell::{Cell, RefCell};

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// How long the browser may put off saying it is idle (ms): a page kept busy still gets its parts.
const AT_THE_LATEST_MS: i32 = 3000;

thread_local! {
    static IDLE: Cell<bool> = const { Cell::new(false) };
    static ASKED: Cell<bool> = const { Cell::new(false) };
    static THEN: RefCell<Vec<Box<dyn FnOnce()>>> = RefCell::new(Vec::new());
}

/// Runs `f` once a page has asked for the idle moment ([`when_idle`]) and it has come (at once
/// if it has), without asking itself: for work that must not start before a page is live.
pub fn after_idle(f: impl FnOnce() + 'static) {
    if IDLE.with(Cell::get) {
        f();
    } else {
        THEN.with(|t| t.borrow_mut().push(Box::new(f)));
    }
}

/// Runs `f` once the browser is idle (at once if it has been), and asks the browser to say when
/// it is, once per visit: `requestIdleCallback` where there is one, a short timer elsewhere. Call
/// it once the page is live; the moment is marked `readiness:idle` for the tests and benchmarks.
pub fn when_idle(f: impl FnOnce() + 'static) {
    if IDLE.with(Cell::get) {
        f();
        return;
    }
    THEN.with(|t| t.borrow_mut().push(Box::new(f)));
    if ASKED.with(|a| a.replace(true)) {
        return;
    }
    let Some(w) = web_sys::window() else {
        return;
    };
    let ready = Closure::once_into_js(|| {
        if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
            let _ = p.mark("readiness:idle");
        }
        IDLE.with(|s| s.set(true));
        for f in THEN.with(|t| std::mem::take(&mut *t.borrow_mut())) {
            f();
        }
    });
    let ric = js_sys::Reflect::get(&w, &"requestIdleCallback".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let asked = match ric {
        Some(f) => {
            let options = js_sys::Object::new();
            let _ = js_sys::Reflect::set(
                &options,
                &"timeout".into(),
                &JsValue::from(AT_THE_LATEST_MS),
            );
            f.call2(&w, &ready, &options).is_ok()
        }
        None => false,
    };
    if !asked {
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(ready.unchecked_ref(), 200);
    }
}
