//! Answers marked ready for sign-off are asked about before they change: one listener on the
//! page, in the capture phase, stops the first click, keystroke or submit that would change an
//! answer until the person agrees ([`Doc::may_change`] names the sign-offs it makes stale). The
//! sign-off lines' own name and date, the filters and the import panel are not answers and are
//! never held up.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::ui::doc::Doc;

/// Elements whose input is never a change of the answers.
const NOT_ANSWERS: &str = ".toolbar, .signoff, .import-preview, .import-inputs, .handoff, .keys";

/// Clicks that change an answer: an item's checkbox, the N/A and evidence buttons, an override's.
const CHANGING_CLICKS: &str =
    "input[type=checkbox], input[type=radio], .na button, .evidence button, form.override button[type=button]";

/// Whether `ev`, on the page, would change an answer.
fn changes_answers(doc: &Doc, ev: &web_sys::Event) -> bool {
    let Some(el) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return false;
    };
    if el.closest(NOT_ANSWERS).ok().flatten().is_some() {
        return false;
    }
    match ev.type_().as_str() {
        "click" => el.closest(CHANGING_CLICKS).ok().flatten().is_some(),
        "submit" => el.matches("form.override").unwrap_or(false),
        "beforeinput" => {
            // A blank on a sign-off line (its signer's name or date) is not an answer.
            let field = el.get_attribute("data-field-id");
            let on_signoff_line = field.is_some_and(|id| {
                doc.checklist.fields.iter().any(|f| {
                    f.id == id
                        && f.item
                            .is_some_and(|i| doc.checklist.items[i].signoff.is_some())
                })
            });
            !on_signoff_line && el.closest(".note, input.blank").ok().flatten().is_some()
        }
        _ => false,
    }
}

/// Holds up changes to answers marked ready on the page `root` until the person agrees.
pub fn guard_changes(doc: Doc, root: web_sys::Element) {
    let handler = Closure::<dyn Fn(web_sys::Event)>::new(move |ev: web_sys::Event| {
        if doc.ready.with_untracked(Option::is_none) || !changes_answers(&doc, &ev) {
            return;
        }
        if !doc.may_change() {
            ev.prevent_default();
            ev.stop_propagation();
        }
    });
    let f: &js_sys::Function = handler.as_ref().unchecked_ref();
    for kind in ["click", "beforeinput", "submit"] {
        let _ = root.add_event_listener_with_callback_and_bool(kind, f, true);
    }
    let kept = StoredValue::new_local((root, handler));
    on_cleanup(move || {
        kept.with_value(|(root, handler)| {
            let f: &js_sys::Function = handler.as_ref().unchecked_ref();
            for kind in ["click", "beforeinput", "submit"] {
                let _ = root.remove_event_listener_with_callback_and_bool(kind, f, true);
            }
        })
    });
}
