//! The app shell: the top bar, the page the route names (landing, auditor view, a checklist), the
//! update offer, and opening `?src=<url>`.

use leptos::prelude::*;

use super::doc_page::DocPage;
use super::landing::Landing;
use super::route::{current_route, local_href, Page, Route};
use super::transfer;

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let (route, set_route) = signal(current_route());
    let listener = window_event_listener(leptos::ev::hashchange, move |_| {
        set_route.set(current_route())
    });
    on_cleanup(move || listener.remove());
    // The page changes only when the checklist does; a section change just scrolls.
    let page = Memo::new(move |_| match route.get() {
        Route::Home => Page::Home,
        Route::Audit => Page::Audit,
        Route::Doc(key, _) => Page::Doc(key),
    });
    let section = Memo::new(move |_| match route.get() {
        Route::Doc(_, s) => s,
        _ => None,
    });
    let src_error = RwSignal::new(None::<String>);
    open_src_param(src_error, set_route);
    let update_ready = RwSignal::new(false);
    super::pwa::register(update_ready);
    view! {
        <a class="skip" href="#main" on:click=|ev| {
            ev.prevent_default();
            if let Some(m) = document().get_element_by_id("main") {
                m.scroll_into_view();
            }
        }>"Skip to content"</a>
        <header class="topbar">
            <a class="brand" href="#/">"Readiness"</a>
            <span class="tagline">"Production deployment sign-off"</span>
            <nav class="topnav" aria-label="Main">
                <a href="#/">"Checklists"</a>
                <a href="#/audit">"Audit an export"</a>
            </nav>
        </header>
        <super::pwa::UpdateBanner update_ready=update_ready/>
        <main id="main" tabindex="-1">
            {move || match page.get() {
                Page::Home => view! { <Landing src_error=src_error/> }.into_any(),
                Page::Audit => view! { <super::audit::AuditPage/> }.into_any(),
                Page::Doc(key) => view! { <DocPage key=key section=section/> }.into_any(),
            }}
        </main>
    }
}

/// Handles `?src=<url>`: fetch, validate, store, open; errors are shown on the landing page.
fn open_src_param(src_error: RwSignal<Option<String>>, set_route: WriteSignal<Route>) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let search = window.location().search().unwrap_or_default();
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(&search) else {
        return;
    };
    let Some(src) = params.get("src").filter(|s| !s.trim().is_empty()) else {
        return;
    };
    leptos::task::spawn_local(async move {
        let result = transfer::open_url(&src).await;
        let hash = match &result {
            Ok(doc) => local_href(doc, None),
            Err(_) => "#/".to_string(),
        };
        // Drop ?src from the address so a reload does not fetch it again.
        if let Some(w) = web_sys::window() {
            let path = w.location().pathname().unwrap_or_default();
            if let Ok(h) = w.history() {
                let _ = h.replace_state_with_url(
                    &wasm_bindgen::JsValue::NULL,
                    "",
                    Some(&format!("{path}{hash}")),
                );
            }
        }
        set_route.set(current_route());
        if let Err(e) = result {
            src_error.set(Some(format!("Could not open ?src: {e}")));
        }
    });
}
