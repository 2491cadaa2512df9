//! The few live parts Leptos draws inside the core's rows: a sign-off line's controls, and an
//! item's N/A, note and evidence controls while its "more" toggle is open. Each is mounted into a
//! `div.slot` (laid out as if absent, `display: contents`) in its row, under a child of the form's
//! reactive owner, so it reads the page's context and its effects end when it is unmounted (its
//! toggle closed, or its chunk let go).

use std::collections::HashMap;

use leptos::prelude::*;
use leptos::tachys::view::{any_view::AnyViewState, Mountable, Render};
use wasm_bindgen::JsCast;

use super::item::ItemControls;
use crate::ui::team::later::{Later, Part};

struct Slot {
    owner: Owner,
    state: AnyViewState,
    el: web_sys::Element,
}

/// The parts mounted in rows, by item index.
#[derive(Clone)]
pub(super) struct Slots {
    owner: Owner,
    mounted: StoredValue<HashMap<usize, Slot>, LocalStorage>,
}

/// Item `i`'s row (`li`), if drawn.
pub(super) fn row_of(i: usize) -> Option<web_sys::Element> {
    let input = document().get_element_by_id(&format!("item-{i}"))?;
    input.parent_element()?.parent_element()
}

impl Slots {
    /// Slots under the current owner (the form's).
    pub(super) fn new() -> Self {
        Slots {
            owner: Owner::current().unwrap_or_default(),
            mounted: StoredValue::new_local(HashMap::new()),
        }
    }

    /// Whether item `i` has a part mounted.
    pub(super) fn has(&self, i: usize) -> bool {
        self.mounted.with_value(|m| m.contains_key(&i))
    }

    /// Mounts item `i`'s part: a sign-off line's controls at the end of its row, else the N/A,
    /// note and evidence controls right below its line.
    pub(super) fn mount(&self, i: usize, signoff: bool) {
        if self.has(i) {
            return;
        }
        let Some(li) = row_of(i) else {
            return;
        };
        let Ok(el) = document().create_element("div") else {
            return;
        };
        el.set_class_name("slot");
        let placed = if signoff {
            li.append_child(&el)
        } else {
            let after_line = li.first_element_child().and_then(|row| row.next_sibling());
            li.insert_before(&el, after_line.as_ref())
        };
        if placed.is_err() {
            return;
        }
        let owner = self.owner.child();
        let mut state = owner.with(|| {
            if signoff {
                view! { <Later part=Part::SignOff(i)/> }.into_any().build()
            } else {
                view! { <ItemControls i=i/> }.into_any().build()
            }
        });
        state.mount(&el, None);
        self.mounted
            .update_value(|m| drop(m.insert(i, Slot { owner, state, el })));
    }

    /// Unmounts item `i`'s part, if mounted.
    pub(super) fn unmount(&self, i: usize) {
        let slot = self.mounted.try_update_value(|m| m.remove(&i)).flatten();
        if let Some(mut s) = slot {
            s.state.unmount();
            s.owner.cleanup();
            s.el.remove();
        }
    }

    /// Unmounts every part of items in `range` (a chunk let go).
    pub(super) fn unmount_range(&self, range: std::ops::Range<usize>) {
        let inside: Vec<usize> = self
            .mounted
            .with_value(|m| m.keys().copied().filter(|i| range.contains(i)).collect());
        for i in inside {
            self.unmount(i);
        }
    }

    /// Mounts the parts rendered rows under `root` start with: each sign-off line's controls, and
    /// the controls of items whose toggle the renderer wrote open.
    pub(super) fn mount_under(&self, root: &web_sys::Element, signoffs: &[usize]) {
        for &i in signoffs {
            self.mount(i, true);
        }
        let Ok(open) = root.query_selector_all("button.more-toggle[aria-expanded=true]") else {
            return;
        };
        for k in 0..open.length() {
            let Some(li) = open
                .item(k)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
                .and_then(|b| b.closest("li[data-item]").ok().flatten())
            else {
                continue;
            };
            if let Some(i) = li
                .get_attribute("data-item")
                .and_then(|i| i.parse::<usize>().ok())
            {
                self.mount(i, false);
            }
        }
    }

    /// Unmounts everything (the page is left).
    pub(super) fn clear(&self) {
        let all: Vec<usize> = self
            .mounted
            .try_with_value(|m| m.keys().copied().collect())
            .unwrap_or_default();
        for i in all {
            self.unmount(i);
        }
    }
}
