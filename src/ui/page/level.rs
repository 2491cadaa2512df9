//! The target level of a checklist with level columns (`L1`, `Level 2`): the page offers each
//! level with how many items it requires; choosing one saves it with the answers and builds the
//! page again, since what counts toward progress and the score follows from it (the domain's
//! `Checklist::required_at`).

use std::cell::Cell;

use leptos::prelude::*;

use crate::ui::doc::use_doc;

thread_local! {
    /// Set when the picker rebuilds the page: the new picker takes the focus back, so a keyboard
    /// user stays where they were.
    static REFOCUS: Cell<bool> = const { Cell::new(false) };
}

/// The level picker, shown only when the checklist has levels.
#[component]
pub fn LevelPicker() -> impl IntoView {
    let doc = use_doc();
    let c = doc.checklist.clone();
    (!c.levels.is_empty()).then(move || {
        let current = doc.level.clone().unwrap_or_default();
        let select = NodeRef::<leptos::html::Select>::new();
        // Focus is outside the app's state: an effect gives it back once the element exists.
        Effect::new(move |_| {
            if let Some(el) = select.get() {
                if REFOCUS.with(|r| r.replace(false)) {
                    let _ = el.focus();
                }
            }
        });
        let options = c
            .levels
            .iter()
            .map(|l| {
                let n = (0..c.items.len())
                    .filter(|&i| c.items[i].levels.is_some() && c.required_at(i, Some(l)))
                    .count();
                let selected = *l == current;
                view! {
                    <option value=l.clone() selected=selected>
                        {format!("{l} ({n} item{})", if n == 1 { "" } else { "s" })}
                    </option>
                }
            })
            .collect_view();
        view! {
            <p class="level-picker">
                <label for="target-level">"Target level "</label>
                <select
                    id="target-level"
                    data-testid="target-level"
                    node_ref=select
                    on:change=move |ev| {
                        let chosen = event_target_value(&ev);
                        if doc.level.as_deref() != Some(chosen.as_str()) {
                            REFOCUS.with(|r| r.set(true));
                        }
                        doc.set_level(chosen);
                    }
                >
                    {options}
                </select>
                " Items not required at this level are shown but do not count."
            </p>
        }
    })
}
