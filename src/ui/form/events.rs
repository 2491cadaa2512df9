//! Events by delegation: three listeners on the form's root reach the `Doc` by the row's index
//! (`id="item-N"`, `id="field-N"`, `name="choice-N"`, `li[data-item]`), with no closure per row.
//! What the live parts inside rows (`slots`) handle themselves is left to them. A link to one of
//! the checklist's own headings goes to that section by the app's route.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement};

use crate::domain::answers::Status;

use super::slots::Slots;
use crate::ui::doc::Doc;
use crate::ui::platform::route::{current_route, navigate, Route};

fn index(s: &str, prefix: &str) -> Option<usize> {
    s.strip_prefix(prefix)?.parse().ok()
}

/// A tick or a choice.
fn on_change(doc: &Doc, input: &HtmlInputElement) {
    let c = &doc.checklist;
    if input.type_() == "checkbox" {
        if let Some(i) = index(&input.id(), "item-").filter(|&i| i < c.items.len()) {
            if c.items[i].signoff.is_none() {
                let to = if input.checked() {
                    Status::Done
                } else {
                    Status::Open
                };
                doc.set_status(i, to);
            }
        }
    } else if input.type_() == "radio" {
        let name = input.get_attribute("name").unwrap_or_default();
        if let Some(f) = index(&name, "choice-").filter(|&f| f < c.fields.len()) {
            doc.set_field(f, input.value());
        }
    }
}

/// A blank typed in.
fn on_input(doc: &Doc, input: &HtmlInputElement) {
    if let Some(f) = index(&input.id(), "field-").filter(|&f| f < doc.checklist.fields.len()) {
        doc.set_field(f, input.value());
    }
}

/// The section a clicked link inside the checklist points at (`a[data-anchor]`, written by the
/// core's renderer), if it is one.
fn section_link(target: &Element) -> Option<String> {
    target
        .closest("a[data-anchor]")
        .ok()
        .flatten()?
        .get_attribute("data-anchor")
}

/// "Confirm" on a row's carried answer (drawn by the core): that one item, a re-review too.
fn on_confirm(doc: &Doc, target: &Element) -> bool {
    let Some(button) = target.closest("button.confirm-carried").ok().flatten() else {
        return false;
    };
    let item = button
        .closest("li[data-item]")
        .ok()
        .flatten()
        .and_then(|li| li.get_attribute("data-item")?.parse::<usize>().ok())
        .and_then(|i| doc.checklist.items.get(i));
    if let Some(it) = item {
        doc.confirm_carried(std::slice::from_ref(&it.id), true);
    }
    true
}

/// The "more" toggle: opens or closes the item's N/A, note and evidence controls.
fn on_click(slots: &Slots, target: &Element) {
    let Some(button) = target.closest("button.more-toggle").ok().flatten() else {
        return;
    };
    let Some(i) = button
        .closest("li[data-item]")
        .ok()
        .flatten()
        .and_then(|li| li.get_attribute("data-item")?.parse::<usize>().ok())
    else {
        return;
    };
    let open = !slots.has(i);
    if open {
        slots.mount(i, false);
    } else {
        slots.unmount(i);
    }
    let _ = button.set_attribute("aria-expanded", if open { "true" } else { "false" });
}

/// Listens on `root` for as long as the form is shown.
pub(super) fn delegate(root: &Element, doc: Doc, slots: Slots) {
    let handler = Closure::<dyn Fn(web_sys::Event)>::new(move |ev: web_sys::Event| {
        let Some(target) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
            return;
        };
        match ev.type_().as_str() {
            "change" => {
                if let Ok(input) = target.dyn_into::<HtmlInputElement>() {
                    on_change(&doc, &input);
                }
            }
            "input" => {
                if let Ok(input) = target.dyn_into::<HtmlInputElement>() {
                    on_input(&doc, &input);
                }
            }
            "click" => {
                if let Some(slug) = section_link(&target) {
                    // A link to one of the checklist's headings (`#Load-Balancing`): the section,
                    // by the app's own route (the bare anchor would leave the checklist).
                    ev.prevent_default();
                    if let Route::Doc(key, _, _) = current_route() {
                        navigate(&key.href(Some(&slug)));
                    }
                } else if !on_confirm(&doc, &target) {
                    on_click(&slots, &target);
                }
            }
            _ => {}
        }
    });
    let f: &js_sys::Function = handler.as_ref().unchecked_ref();
    for kind in ["change", "input", "click"] {
        let _ = root.add_event_listener_with_callback(kind, f);
    }
    let kept = StoredValue::new_local((root.clone(), handler));
    on_cleanup(move || {
        kept.with_value(|(root, handler)| {
            let f: &js_sys::Function = handler.as_ref().unchecked_ref();
            for kind in ["change", "input", "click"] {
                let _ = root.remove_event_listener_with_callback(kind, f);
            }
        })
    });
}
