//! The hand-off bar on a checklist page: the code of the answers (what people read to each other
//! to know they hold the same answers), the "ready for sign-off" mark, and who this profile is,
//! with the key panel a click away.

use leptos::prelude::*;

use crate::domain::render::MARK_READY_TITLE;
use crate::ui::doc::use_doc;
use crate::ui::platform::profile;

/// Answers code, ready mark, and "You".
#[component]
pub fn HandOff(
    /// Folded away on a phone with the page's other actions (CSS), until they are opened.
    folded: Signal<bool>,
) -> impl IntoView {
    let doc = use_doc();
    let (code, ready) = (doc.code, doc.ready);
    let you_open = RwSignal::new(false);
    // Bumped when the key panel saves a name or changes the key.
    let renamed = RwSignal::new(0_u32);
    let who = move || {
        renamed.track();
        let p = profile::person();
        if p.is_nobody() {
            "You: not named yet".to_string()
        } else {
            format!("You: {}", p.label())
        }
    };
    let state = move || {
        let code = code.get();
        ready.with(|r| match r {
            None => ("none", format!("Answers {code}")),
            Some(m) if m.code() == code => {
                let by =
                    m.by.as_ref()
                        .map(|p| format!(" by {}", p.label()))
                        .unwrap_or_default();
                (
                    "current",
                    format!("Ready for sign-off at {code} (marked{by}, {})", m.at),
                )
            }
            Some(m) => (
                "outdated",
                format!(
                    "Answers {code}: changed since they were marked ready at {}",
                    m.code()
                ),
            ),
        })
    };
    let mark = {
        let doc = doc.clone();
        move |_| {
            doc.flush();
            doc.mark_ready();
        }
    };
    view! {
        <div class="handoff" class:folded=move || folded.get() data-testid="handoff">
            <p>
                <span data-testid="ready-state" data-ready=move || state().0>{move || state().1}</span>
                " "
                <code class="code" data-testid="answers-code" hidden>{move || code.get()}</code>
                {move || (state().0 != "current").then(|| view! {
                    <button type="button" data-testid="mark-ready" on:click=mark.clone()
                        title=MARK_READY_TITLE>"Mark ready for sign-off"</button>
                })}
                " "
                <button type="button" class="linklike" data-testid="you" aria-expanded=move || you_open.get().to_string()
                    on:click=move |_| you_open.update(|o| *o = !*o)>{who}</button>
            </p>
            {move || you_open.get().then(|| view! {
                <crate::ui::team::keys::KeyPanel on_change=Callback::new(move |()| renamed.update(|n| *n += 1))/>
            })}
        </div>
    }
}
