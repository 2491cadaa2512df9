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
    /// Later modules being downloaded.
    static BUSY: Cell<u32> = const { Cell::new(0) };
    static AFTER: RefCell<Vec<Box<dyn FnOnce()>>> = RefCell::new(Vec::new());
}

/// A later module could not be downloaded (offline before the build was cached, or the host
/// failed): what a split point's `fallible` entry gives instead of a panic.
pub struct NotLoaded;

#[cfg(feature = "split")]
impl From<leptos::wasm_split::SplitLoaderError> for NotLoaded {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        NotLoaded
    }
}

/// A later module's download under way, until dropped.
pub struct Download(());

impl Drop for Download {
    fn drop(&mut self) {
        BUSY.with(|b| b.set(b.get().saturating_sub(1)));
        run_after();
    }
}

/// Says a later module's download is under way, until the value is dropped.
pub fn downloading() -> Download {
    BUSY.with(|b| b.set(b.get() + 1));
    Download(())
}

/// Runs `f` once a page has asked for the idle moment ([`when_idle`]), it has come, and the
/// downloads of later modules have ended (at once if all that is so), without asking itself: the
/// service worker's download of the whole build then finds those modules in the HTTP cache
/// instead of fetching them a second time.
pub fn after_idle(f: impl FnOnce() + 'static) {
    AFTER.with(|a| a.borrow_mut().push(Box::new(f)));
    run_after();
}

fn run_after() {
    if !IDLE.with(Cell::get) || BUSY.with(Cell::get) > 0 {
        return;
    }
    for f in AFTER.with(|a| std::mem::take(&mut *a.borrow_mut())) {
        f();
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
        // What those started is under way now (or nothing was).
        run_after();
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
