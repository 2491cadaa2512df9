//! The landing page: bundled checklists with saved progress, the ones opened here, and ways to
//! open another.

use leptos::prelude::*;

use crate::domain::model::catalog::CatalogEntry;
use crate::domain::text::centi;

use crate::ui::platform::route::{checklist_href, DocKey};
use crate::ui::platform::storage;
use crate::ui::team::later::{Later, Part};
use crate::ui::team::transfer::OpenOwn;

/// The landing page: bundled checklists, the user's opened ones, and ways to open another.
#[component]
pub fn Landing(src_error: RwSignal<Option<String>>) -> impl IntoView {
    let catalog = LocalResource::new(crate::ui::page::source::load_catalog);
    let opened = storage::load_opened();
    view! {
        {move || src_error.get().map(|e| view! { <p class="error banner" role="alert" data-testid="src-error">{e}</p> })}
        <h1>"Checklists"</h1>
        <p class="intro" data-testid="how-scoring-works">
            "Each checklist is a form. Its score table weights categories of items; a category scores 10 × done ÷ applicable (N/A items drop out), and the score is the weighted mean out of 10. "
            <strong>"GO"</strong>" needs the score at or above the checklist's minimum, no critical item open, no failure trigger checked, and every sign-off signed over the current answers; anything else is "<strong>"NO-GO"</strong>", with the reasons listed."
        </p>
        <h2>"Bundled with this site"</h2>
        // Everything below the cards waits for them, so nothing jumps when they arrive.
        <Suspense fallback=|| view! { <p class="muted">"Loading checklists…"</p> }>
            {move || {
                let opened = opened.clone();
                catalog.get().map(move |result| {
                    crate::ui::platform::prerender::hand_over(|_| ());
                    view! {
                    {match result {
                        Ok(c) => view! {
                            <ul class="cards" data-testid="catalog">
                                {c.distinct_titles().into_iter().map(|e| view! { <Card entry=e/> }).collect_view()}
                            </ul>
                        }
                        .into_any(),
                        Err(e) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
                    }}
                    <OpenedCards opened=opened/>
                    <OpenOwn/>
                    <Later part=Part::Keys/>
                }})
            }}
        </Suspense>
    }
}

/// The checklists opened here (file, paste, URL).
#[component]
fn OpenedCards(opened: Vec<storage::Opened>) -> impl IntoView {
    (!opened.is_empty()).then(|| {
        view! {
            <h2>"Opened by you"</h2>
            <ul class="cards" data-testid="opened">
                {opened.into_iter().map(|o| {
                    let entry = CatalogEntry {
                        file: o.name.clone(),
                        title: o.title.clone(),
                        summary: format!("Opened {}", &o.added_at[..10.min(o.added_at.len())]),
                        items: o.items,
                        signoffs: 0,
                        sha256: String::new(),
                        bytes: 0,
                        signers: None,
                    };
                    view! { <Card entry=entry doc=o.doc/> }
                }).collect_view()}
            </ul>
        }
    })
}

/// One checklist on the landing page, with its saved progress, score and verdict.
#[component]
pub fn Card(entry: CatalogEntry, #[prop(optional)] doc: Option<String>) -> impl IntoView {
    let (href, storage_id) = match &doc {
        Some(d) => (DocKey::of_stored(d, &entry.file).href(None), d.clone()),
        None => (
            checklist_href(&entry.file, None),
            format!("c:{}", entry.file),
        ),
    };
    let meta = storage::load_meta(&storage_id);
    let pct = meta
        .as_ref()
        .and_then(|m| (m.done * 100).checked_div(m.applicable))
        .unwrap_or(0);
    view! {
        <li class="card" data-file=entry.file.clone()>
            <a href=href>
                <h3>{entry.title}</h3>
            </a>
            <p class="file"><code>{entry.file.clone()}</code></p>
            <p class="card-summary">{entry.summary}</p>
            <p class="meta">
                <span data-testid="item-count">{entry.items}</span>
                " items"
                {(entry.signoffs > 0).then(|| format!(" · {} sign-offs", entry.signoffs))}
            </p>
            <progress max="100" value=pct aria-label="Progress"></progress>
            {match meta {
                Some(m) => view! {
                    <p class="meta">
                        {format!("{}/{} done · score ", m.done, m.applicable)}
                        <strong>{centi(m.score_centi)}</strong>
                        " · "
                        <span class:go=m.go class:nogo=!m.go class="verdict-small">{if m.go { "GO" } else { "NO-GO" }}</span>
                        {format!(" · last edited {}", m.saved_at.replace('T', " ").trim_end_matches('Z'))}
                    </p>
                }.into_any(),
                None => view! { <p class="meta muted">"Not started"</p> }.into_any(),
            }}
        </li>
    }
}
