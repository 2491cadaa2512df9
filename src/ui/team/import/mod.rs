//! "Open answers…": continuing from someone else's export or answers file (a file, a drop, a
//! paste) or from a share link. The domain reads it and previews what would change; the sign-offs'
//! signatures are checked with WebCrypto first, so a forged or altered one is shown as invalid and
//! never counted. Nothing changes before "Apply"; the answers from before are kept under a backup
//! key and "Undo import" brings them back.

mod preview;
mod state;

use leptos::prelude::*;

pub use state::ImportState;

use crate::ui::doc::use_doc;
use crate::ui::platform::files::{read_text, DropZone};

/// The "Open answers…" button in the toolbar.
#[component]
pub fn ImportButton() -> impl IntoView {
    let state = expect_context::<ImportState>();
    view! {
        <button type="button" data-testid="open-answers" aria-expanded=move || state.open.get().to_string()
            on:click=move |_| state.open.update(|o| *o = !*o)>"Open answers…"</button>
    }
}

/// The file, drop and paste inputs, the preview, and what was imported (with undo).
#[component]
pub fn ImportPanel(
    /// The share link in the page's address, if any: followed into a preview.
    share: Memo<Option<String>>,
) -> impl IntoView {
    let state = expect_context::<ImportState>();
    let doc = use_doc();
    state.follow_share_links(&doc, share);
    let undo_doc = doc.clone();
    view! {
        {move || state.open.get().then(|| view! { <ImportInputs/> })}
        {move || state.error.get().map(|e| view! {
            <p class="banner error" role="alert" data-testid="import-error">{e}</p>
        })}
        {move || state.preview.get().map(|p| view! { <preview::PreviewPanel preview=p/> })}
        <crate::ui::team::carried::CarriedPanel/>
        {move || state.applied.get().map(|(msg, _)| {
            let doc = undo_doc.clone();
            view! {
                <div class="banner info" role="status" data-testid="import-done">
                    <p>{msg}</p>
                    <button type="button" on:click=move |_| state.undo(&doc)>"Undo import"</button>
                </div>
            }
        })}
    }
}

#[component]
fn ImportInputs() -> impl IntoView {
    let state = expect_context::<ImportState>();
    let doc = use_doc();
    let pasted = RwSignal::new(String::new());
    let take = {
        let doc = doc.clone();
        move |files: Vec<web_sys::File>| {
            if files.is_empty() {
                return;
            }
            let doc = doc.clone();
            leptos::task::spawn_local(async move {
                let mut texts = Vec::with_capacity(files.len());
                for file in files {
                    match read_text(file).await {
                        (name, Ok(text)) => texts.push((name, text)),
                        (_, Err(e)) => {
                            state.error.set(Some(format!("{e}; nothing was opened.")));
                            return;
                        }
                    }
                }
                state.start(doc, texts);
            });
        }
    };
    let on_paste = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        state.start(
            doc.clone(),
            vec![("the pasted answers".to_string(), pasted.get_untracked())],
        );
    };
    view! {
        <section class="import-inputs" aria-labelledby="import-title">
            <h2 id="import-title">"Open answers"</h2>
            <p class="muted">"Exports ("<code>".json"</code>") or answers files people made with this checklist: one, or a whole team's at once. You see what they would change, file by file, before anything does."</p>
            <DropZone id="import-file" label="Export or answers files (or drop them here)"
                accept=".json,application/json" testid="import-answers" multiple=true on_files=take/>
            <form on:submit=on_paste>
                <label for="import-paste">"…or paste one"</label>
                <textarea id="import-paste" rows="3" data-testid="import-paste"
                    prop:value=move || pasted.get()
                    on:input=move |ev| pasted.set(event_target_value(&ev))></textarea>
                <button type="submit">"Preview pasted answers"</button>
            </form>
        </section>
    }
}
