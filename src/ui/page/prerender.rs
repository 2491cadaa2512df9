//! Taking over a page drawn at build time. `scripts/prerender.mjs` saves what this app draws for
//! the landing page and each bundled checklist (empty answers) as static HTML, so the first screen
//! paints before the wasm arrives. That copy (`<div id="boot" data-live="static">`, with
//! `<html data-prerendered="home|c:<file>">`) stays on screen, and usable, until the app has drawn
//! the same page (hidden by CSS meanwhile, so building it costs no layout); then it gives way in
//! one step, handing over every box ticked and blank filled in on it, the focus and the scroll
//! position. Nothing typed before the app started is lost.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement};

use crate::ui::platform::route::{current_route, DocKey, Route};

/// What was entered on the static copy before the app started.
#[derive(Debug, Default)]
pub struct Harvest {
    /// Ids of items ticked there.
    pub done: Vec<String>,
    /// Blanks filled in there: field id and value.
    pub fields: Vec<(String, String)>,
}

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// The static copy, if this page has one.
fn static_copy() -> Option<Element> {
    let boot = document()?.get_element_by_id("boot")?;
    (boot.get_attribute("data-live").as_deref() == Some("static")).then_some(boot)
}

/// Removes the start-up placeholder or static copy.
fn remove_boot() {
    if let Some(boot) = document().and_then(|d| d.get_element_by_id("boot")) {
        boot.remove();
    }
}

/// At start, before the route is read. A checklist's static page lives beside the checklist
/// (`checklists/<stem>.html`); the address moves to the app's own page (`../#/c/<file>`, without
/// reloading), so links, downloads and the service worker resolve as on any other page. The copy
/// stays only when it shows the page the address names; otherwise it is removed at once. Returns
/// whether the app must call [`hand_over`] once that page is drawn.
pub fn adopt() -> bool {
    let shown = document()
        .and_then(|d| d.document_element())
        .and_then(|e| e.get_attribute("data-prerendered"));
    let (Some(shown), Some(_)) = (shown, static_copy()) else {
        remove_boot();
        return false;
    };
    if let Some(file) = shown.strip_prefix("c:") {
        move_to_app_page(file);
    }
    let same = match current_route() {
        Route::Home => shown == "home",
        Route::Doc(DocKey::Bundled(f), _, _) => shown == format!("c:{f}"),
        _ => false,
    };
    if !same {
        remove_boot();
    }
    same
}

/// `checklists/<stem>.html#…` → `../#…` (the hash kept, or the checklist's route when empty).
fn move_to_app_page(file: &str) {
    let Some(w) = web_sys::window() else {
        return;
    };
    let l = w.location();
    let hash = l
        .hash()
        .ok()
        .filter(|h| h.len() > 1)
        .unwrap_or_else(|| DocKey::Bundled(file.to_string()).href(None));
    let Ok(here) = l.href() else {
        return;
    };
    let Ok(app) = web_sys::Url::new_with_base("../", &here) else {
        return;
    };
    app.set_hash(&hash);
    if let Ok(h) = w.history() {
        let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&app.href()));
    }
}

/// What the visitor entered on the static copy: boxes ticked and blanks filled in (an entry differs
/// from the value the copy was drawn with).
fn harvest(boot: &Element) -> Harvest {
    let mut h = Harvest::default();
    let Ok(inputs) = boot.query_selector_all("input[data-item-id], input[data-field-id]") else {
        return h;
    };
    for k in 0..inputs.length() {
        let Some(input) = inputs
            .item(k)
            .and_then(|n| n.dyn_into::<HtmlInputElement>().ok())
        else {
            continue;
        };
        if let Some(id) = input.get_attribute("data-item-id") {
            if input.checked() && !input.default_checked() {
                h.done.push(id);
            }
        } else if let Some(id) = input.get_attribute("data-field-id") {
            let value = input.value();
            if value != input.default_value() {
                h.fields.push((id, value));
            }
        }
    }
    h
}

/// Called by the page the static copy shows once its own copy is complete (a checklist drawn in
/// steps: after the last step), in the task that completed it, so no frame shows neither. Removes
/// the copy and gives `apply` what was entered on it; focus and scroll position follow in the next
/// frame.
pub fn hand_over(apply: impl FnOnce(Harvest)) {
    let Some(boot) = static_copy() else {
        return;
    };
    let entered = harvest(&boot);
    let focused = document()
        .and_then(|d| d.active_element())
        .filter(|e| boot.contains(Some(e)))
        .map(|e| e.id())
        .filter(|id| !id.is_empty());
    let scroll =
        web_sys::window().map(|w| (w.scroll_x().unwrap_or(0.0), w.scroll_y().unwrap_or(0.0)));
    boot.remove();
    apply(entered);
    leptos::prelude::request_animation_frame(move || {
        // Focus first: focusing scrolls its element into view, and the reader's place wins.
        if let Some(el) = focused
            .and_then(|id| document()?.get_element_by_id(&id))
            .and_then(|e| e.dyn_into::<HtmlElement>().ok())
        {
            let _ = el.focus();
        }
        if let (Some(w), Some((x, y))) = (web_sys::window(), scroll) {
            if (w.scroll_y().unwrap_or(0.0) - y).abs() > 0.5 {
                w.scroll_to_with_x_and_y(x, y);
            }
        }
    });
}
