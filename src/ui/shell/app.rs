//! The app shell: the top bar, the page the route names (landing, auditor view, a checklist), the
//! update offer, and opening `?src=<url>`.

use leptos::prelude::*;

use crate::ui::page::DocPage;
use crate::ui::platform::route::{current_route, replace_hash, DocKey, Page, Route};
use crate::ui::shell::landing::Landing;
use crate::ui::team::transfer;

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    // ?src= first: it decides the route, and so whether a page drawn at build time shows it.
    let src_error = RwSignal::new(None::<String>);
    open_src_param(src_error);
    // A page drawn at build time stays until the app has drawn the same page.
    crate::ui::platform::prerender::adopt();
    let (route, set_route) = signal(current_route());
    let listener = window_event_listener(leptos::ev::hashchange, move |_| {
        set_route.set(current_route())
    });
    on_cleanup(move || listener.remove());
    // The page changes only when the checklist does; a section change just scrolls.
    let page = Memo::new(move |_| match route.get() {
        Route::Home => Page::Home,
        Route::Audit => Page::Audit,
        Route::Doc(key, _, _) => Page::Doc(key),
    });
    let section = Memo::new(move |_| match route.get() {
        Route::Doc(_, s, _) => s,
        _ => None,
    });
    let share = Memo::new(move |_| match route.get() {
        Route::Doc(_, _, s) => s,
        _ => None,
    });
    // Another page starts at its top (a checklist opened from the paste box below the landing
    // page's fold would otherwise open scrolled down), unless the address names a section. Not on
    // the first page: a static page handed over keeps the reader's place.
    Effect::new(move |before: Option<()>| {
        page.track();
        if before.is_some() && section.get_untracked().is_none() {
            if let Some(w) = web_sys::window() {
                w.scroll_to_with_x_and_y(0.0, 0.0);
            }
        }
    });
    let update_ready = RwSignal::new(false);
    // The service worker downloads the whole build to keep it offline: not before the page shown
    // is live, the browser idle and the later modules it started downloaded, so a first visit's
    // first module has the network to itself and nothing is fetched twice.
    crate::ui::platform::idle::after_idle(move || crate::ui::platform::pwa::register(update_ready));
    // The tab says where you are; a checklist's page names its checklist.
    Effect::new(move |_| match page.get() {
        Page::Home => document().set_title("Readiness — deployment sign-off checklists"),
        Page::Audit => document().set_title("Audit an export · Readiness"),
        Page::Doc(_) => {}
    });
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
        <crate::ui::platform::pwa::UpdateBanner update_ready=update_ready/>
        <main id="main" tabindex="-1">
            {move || match page.get() {
                Page::Home => view! { <Landing src_error=src_error/> }.into_any(),
                Page::Audit => view! { <crate::ui::audit::module::AuditModule/> }.into_any(),
                Page::Doc(key) => view! { <DocPage key=key section=section share=share/> }.into_any(),
            }}
        </main>
    }
}

/// Handles `?src=<url>`: the URL, made absolute, moves into the address (`#/u/<url>`), so the
/// address bar holds what opens the checklist in any browser; a URL that cannot be opened at all is
/// reported on the landing page. (Fetching, and the offline copy, are the checklist page's.)
fn open_src_param(src_error: RwSignal<Option<String>>) {
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
    let (hash, error) = match transfer::absolute_url(&src) {
        Ok(url) => (DocKey::Url(url).href(None), None),
        Err(e) => ("#/".to_string(), Some(format!("Could not open ?src: {e}"))),
    };
    // Drop ?src from the address: the hash now says everything.
    replace_hash(&hash);
    src_error.set(error);
}
