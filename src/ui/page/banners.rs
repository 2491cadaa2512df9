//! What the checklist page says about saving: the save state, storage problems and notices (each
//! with what to do), "Clear answers" with undo, and answers kept for removed items.

use leptos::prelude::*;

use crate::ui::doc::{use_doc, SaveStatus};
use crate::ui::platform::browser::download;
use crate::ui::team::later;

/// Saved data that could not be used as it was.
#[derive(Clone)]
pub struct LoadProblem {
    /// What to say.
    pub message: String,
    /// The unreadable text, offered as a download.
    pub raw: Option<String>,
}

#[component]
pub(super) fn SaveState() -> impl IntoView {
    let doc = use_doc();
    let save = doc.save;
    view! {
        <span class="save-state" data-testid="save-status" role="status">
            {move || match save.get() {
                SaveStatus::Saved(t) if t.is_empty() => "Saved in this browser".to_string(),
                SaveStatus::Saved(t) => format!("Saved {}", t.replace('T', " ").trim_end_matches('Z')),
                SaveStatus::Pending => "Saving…".to_string(),
                SaveStatus::Failed(_) => "Not saved".to_string(),
                SaveStatus::Disabled(_) => "Not saved (read-only)".to_string(),
            }}
        </span>
    }
}

/// Storage problems and notices, each with what to do about it.
#[component]
pub(super) fn Banners(problem: Option<LoadProblem>) -> impl IntoView {
    let doc = use_doc();
    let save = doc.save;
    let notice = doc.notice;
    let undo_doc = doc.clone();
    let export_doc = doc.clone();
    let export_now = move |_| {
        let (name, json) = later::record_file(&export_doc).unwrap_or_else(|| {
            let name = format!("{}-answers.json", export_doc.id.replace([':', '/'], "-"));
            (name, export_doc.snapshot().to_json())
        });
        let _ = download(&name, "application/json", &json);
    };
    let problem_view = problem.map(|p| {
        let raw = p.raw.clone();
        let file = format!("{}-unreadable-answers.json", doc.id.replace([':', '/'], "-"));
        view! {
            <div class="banner warn" role="alert" data-testid="corrupt-banner">
                <p>{p.message}</p>
                {raw.map(|raw| view! {
                    <button type="button" on:click=move |_| { let _ = download(&file, "application/json", &raw); }>
                        "Download the unreadable data"
                    </button>
                })}
            </div>
        }
    });
    view! {
        {problem_view}
        {move || {
            let export_now = export_now.clone();
            let (class, why) = match save.get() {
                SaveStatus::Failed(why) => ("banner error", format!(" {why}; your answers are kept in this tab only.")),
                SaveStatus::Disabled(why) => ("banner warn", format!(" Saving is off: {why}.")),
                _ => return None,
            };
            Some(view! {
                <div class=class role="alert" data-testid="storage-banner">
                    <p><strong>"Not saved — export now."</strong>{why}</p>
                    <button type="button" on:click=export_now>"Export now"</button>
                </div>
            })
        }}
        {move || notice.get().map(|n| {
            let undo_doc = undo_doc.clone();
            view! {
                <div class="banner info" role="status" data-testid="notice">
                    <p>{n}</p>
                    {move || undo_doc.undo.with(Option::is_some).then(|| {
                        let d = undo_doc.clone();
                        view! { <button type="button" on:click=move |_| d.undo_clear()>"Undo"</button> }
                    })}
                    <button type="button" class="link" on:click=move |_| notice.set(None)>"Dismiss"</button>
                </div>
            }
        })}
    }
}

/// "Clear answers", asking first; undo is offered afterwards.
#[component]
pub(super) fn ClearAnswers() -> impl IntoView {
    let doc = use_doc();
    let confirming = RwSignal::new(false);
    view! {
        {move || if confirming.get() {
            let doc = doc.clone();
            view! {
                <span class="confirm" role="group" aria-label="Confirm clearing">
                    "Clear every answer? "
                    <button type="button" class="danger" on:click=move |_| { doc.clear(); confirming.set(false); }>
                        "Clear"
                    </button>
                    <button type="button" on:click=move |_| confirming.set(false)>"Cancel"</button>
                </span>
            }.into_any()
        } else {
            view! {
                <button type="button" on:click=move |_| confirming.set(true)>"Clear answers"</button>
            }.into_any()
        }}
    }
}

/// Answers for items the checklist no longer has: kept, listed, exported.
#[component]
pub(super) fn Orphans() -> impl IntoView {
    let doc = use_doc();
    let orphans = doc.orphans;
    move || {
        orphans.with(|o| {
            let n = o.items.len() + o.fields.len();
            (n > 0).then(|| {
                let items: Vec<String> = o
                    .items
                    .iter()
                    .map(|(k, a)| format!("{k}: {}", a.status.as_str()))
                    .chain(o.fields.iter().map(|(k, v)| format!("{k}: {v}")))
                    .collect();
                view! {
                    <section class="orphans" data-testid="orphans">
                        <h2>"Answers for removed items"</h2>
                        <p class="muted">{format!(
                            "{n} saved answer{} belong to items this version of the checklist no longer has. They are kept and included in exports.",
                            if n == 1 { "" } else { "s" }
                        )}</p>
                        <ul>{items.into_iter().map(|t| view! { <li><code>{t}</code></li> }).collect_view()}</ul>
                    </section>
                }
            })
        })
    }
}
