//! The app shell: hash routing, the landing page with the bundled checklists, and the checklist
//! route.

use leptos::prelude::*;

use crate::domain::catalog::{Catalog, CatalogEntry};

use super::checklist::ChecklistPage;
use super::net::fetch_bytes;

/// Where the catalogue generated at build time lives, relative to the page.
const CATALOG_URL: &str = "checklists/index.json";

/// A parsed location hash.
#[derive(Debug, Clone, PartialEq)]
enum Route {
    /// `#/` or nothing: the landing page.
    Home,
    /// `#/c/<file>`: a bundled checklist.
    Checklist(String),
}

fn current_route() -> Route {
    let hash = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    let path = hash.trim_start_matches('#').trim_start_matches('/');
    match path.strip_prefix("c/") {
        Some(file) if !file.is_empty() => {
            let file = js_sys::decode_uri_component(file)
                .ok()
                .and_then(|s| s.as_string())
                .unwrap_or_else(|| file.to_string());
            Route::Checklist(file)
        }
        _ => Route::Home,
    }
}

/// Link to a bundled checklist.
pub fn checklist_href(file: &str) -> String {
    let encoded = js_sys::encode_uri_component(file)
        .as_string()
        .unwrap_or_default();
    format!("#/c/{encoded}")
}

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let (route, set_route) = signal(current_route());
    let listener = window_event_listener(leptos::ev::hashchange, move |_| {
        set_route.set(current_route())
    });
    on_cleanup(move || listener.remove());
    view! {
        <header class="topbar">
            <a class="brand" href="#/">"Readiness"</a>
            <span class="tagline">"Production deployment sign-off"</span>
        </header>
        <main id="main">
            {move || match route.get() {
                Route::Home => view! { <Landing/> }.into_any(),
                Route::Checklist(file) => view! { <ChecklistPage file=file/> }.into_any(),
            }}
        </main>
    }
}

async fn load_catalog() -> Result<Catalog, String> {
    let bytes = fetch_bytes(CATALOG_URL).await?;
    serde_json::from_slice(&bytes).map_err(|e| format!("{CATALOG_URL}: not a catalogue ({e})"))
}

/// The landing page: one card per bundled checklist.
#[component]
fn Landing() -> impl IntoView {
    let catalog = LocalResource::new(load_catalog);
    view! {
        <h1>"Checklists"</h1>
        <Suspense fallback=|| view! { <p class="muted">"Loading checklists…"</p> }>
            {move || {
                catalog
                    .get()
                    .map(|result| match result {
                        Ok(c) => {
                            view! {
                                <ul class="cards" data-testid="catalog">
                                    {c.checklists.into_iter().map(|e| view! { <Card entry=e/> }).collect_view()}
                                </ul>
                            }
                                .into_any()
                        }
                        Err(e) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
                    })
            }}
        </Suspense>
    }
}

/// One bundled checklist on the landing page.
#[component]
fn Card(entry: CatalogEntry) -> impl IntoView {
    let href = checklist_href(&entry.file);
    view! {
        <li class="card" data-file=entry.file.clone()>
            <a href=href>
                <h2>{entry.title}</h2>
            </a>
            <p class="file"><code>{entry.file.clone()}</code></p>
            <p class="summary">{entry.summary}</p>
            <p class="meta">
                <span data-testid="item-count">{entry.items}</span>
                " items"
                {(entry.signoffs > 0).then(|| format!(" · {} sign-offs", entry.signoffs))}
            </p>
        </li>
    }
}
