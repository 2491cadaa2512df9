//! Taking over a page written at build time. `readiness pages` (the core's `render/page.rs`, no
//! browser) writes the landing page and each bundled checklist's first screen (empty answers) as
//! static HTML, so it paints before the wasm arrives. That copy (`<div id="boot"
//! data-live="static">`, with `<html data-prerendered="home|c:<file>">`) stays on screen, and
//! usable, until the app has drawn the same page (hidden by CSS meanwhile, so building it costs no
//! layout): a checklist's form moves into the app's page as it is ([`adopt_body`]), and the rest
//! of the copy then gives way in one step ([`hand_over`]), handing over every box ticked and blank
//! filled in on it, the focus and the scroll position. Nothing typed before the app started is
//! lost.

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

/// Attaches the app's form `el` to the body of the static copy of `file` (the core's HTML, drawn
/// at build time with no answers): its content moves into `el` as it is, boxes ticked and blanks
/// filled in meanwhile and the focus included, with no second drawing (the app then mounts its
/// live parts inside rows). Returns false when there is no such copy.
pub fn adopt_body(el: &Element, file: &str) -> bool {
    let Some(boot) = static_copy() else {
        return false;
    };
    let Ok(Some(body)) = boot.query_selector("article.checklist") else {
        return false;
    };
    if body.get_attribute("data-file").as_deref() != Some(file) {
        return false;
    }
    // The app's page is hidden while the copy shows: the reader's place and focus are taken now,
    // and given back by `hand_over` once the copy has given way.
    PLACE.with(|p| p.replace(Some(place_in(&body))));
    let Ok(range) = document().map_or(Err(wasm_bindgen::JsValue::NULL), |d| d.create_range())
    else {
        return false;
    };
    if range.select_node_contents(&body).is_err() {
        return false;
    }
    let Ok(content) = range.extract_contents() else {
        return false;
    };
    if el.append_child(&content).is_err() {
        return false;
    }
    let _ = el.set_attribute("data-adopted", "");
    true
}

/// The focus (an element's id) and scroll position taken when the form adopted the copy's body.
type Place = (Option<String>, Option<(f64, f64)>);

/// The reader's place: the focused element's id, if it is inside `within`, and the scroll position.
fn place_in(within: &Element) -> Place {
    let focused = document()
        .and_then(|d| d.active_element())
        .filter(|e| within.contains(Some(e)))
        .map(|e| e.id())
        .filter(|id| !id.is_empty());
    let scroll =
        web_sys::window().map(|w| (w.scroll_x().unwrap_or(0.0), w.scroll_y().unwrap_or(0.0)));
    (focused, scroll)
}

thread_local! {
    static PLACE: std::cell::RefCell<Option<Place>> = const { std::cell::RefCell::new(None) };
}

/// What the visitor entered on the static copy (or on its body, adopted by the form): boxes ticked
/// and blanks filled in (an entry differs from the value the copy was drawn with).
fn harvest(boot: &Element) -> Harvest {
    let mut h = Harvest::default();
    const ENTRIES: &str = "#boot input[data-item-id], #boot input[data-field-id], \
        article.checklist[data-adopted] input[data-item-id], \
        article.checklist[data-adopted] input[data-field-id]";
    let Some(list) = boot
        .owner_document()
        .and_then(|d| d.query_selector_all(ENTRIES).ok())
    else {
        return h;
    };
    let inputs: Vec<_> = (0..list.length()).filter_map(|k| list.item(k)).collect();
    if let Some(a) = document().and_then(|d| {
        d.query_selector("article.checklist[data-adopted]")
            .ok()
            .flatten()
    }) {
        let _ = a.remove_attribute("data-adopted");
    }
    for n in inputs {
        let Ok(input) = n.dyn_into::<HtmlInputElement>() else {
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
    let (focused, scroll) = PLACE.with(|p| p.take()).unwrap_or_else(|| place_in(&boot));
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

/// Input given to the landing page's static copy before the app was live (kept by `boot.js`).
pub enum Early {
    /// A file picked or dropped.
    File(web_sys::File),
    /// Markdown pasted and submitted.
    Text(String),
    /// Markdown typed into the paste box, not submitted.
    Draft(String),
}

/// Takes the input `boot.js` kept for the app, if any (once).
pub fn take_early() -> Option<Early> {
    let w = web_sys::window()?;
    let key = wasm_bindgen::JsValue::from_str("__readinessEarly");
    let kept = js_sys::Reflect::get(&w, &key)
        .ok()
        .filter(|v| v.is_object())?;
    let _ = js_sys::Reflect::delete_property(&w, &key);
    let get = |k: &str| js_sys::Reflect::get(&kept, &k.into()).ok();
    if let Some(f) = get("file").and_then(|f| f.dyn_into::<web_sys::File>().ok()) {
        return Some(Early::File(f));
    }
    if let Some(t) = get("text").and_then(|t| t.as_string()) {
        return Some(Early::Text(t));
    }
    get("draft").and_then(|t| t.as_string()).map(Early::Draft)
}
