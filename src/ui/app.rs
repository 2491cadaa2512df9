//! The app shell: hash routing (deep links per checklist and per section), the landing page, and
//! the page of one checklist with its summary, filters, contents, form and score panel.

use std::sync::Arc;

use leptos::prelude::*;

use crate::domain::answers::Answers;
use crate::domain::catalog::{Catalog, CatalogEntry};
use crate::domain::text::centi;
use crate::domain::{parse, Checklist};

use super::checklist::{scroll_to, ChecklistBody, Filters, Reveal, Toc};
use super::net::fetch_bytes;
use super::score::{ScorePanel, SummaryBar};
use super::state::{now, Doc, SaveStatus};
use super::storage::{self, Loaded};
use super::transfer::{self, download, ExportButtons, OpenOwn};

/// Where the catalogue generated at build time lives, relative to the page.
const CATALOG_URL: &str = "checklists/index.json";

/// Which checklist a page shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocKey {
    /// A bundled checklist, by file name.
    Bundled(String),
    /// An opened checklist, by document id (`l:<hash>`).
    Local(String),
}

impl DocKey {
    fn storage_id(&self) -> String {
        match self {
            DocKey::Bundled(f) => format!("c:{f}"),
            DocKey::Local(id) => id.clone(),
        }
    }
}

/// Which page is shown (the section of a checklist is handled separately: it only scrolls).
#[derive(Debug, Clone, PartialEq)]
enum Page {
    Home,
    Audit,
    Doc(DocKey),
}

/// A parsed location hash.
#[derive(Debug, Clone, PartialEq)]
enum Route {
    Home,
    Audit,
    Doc(DocKey, Option<String>),
}

fn decode(s: &str) -> String {
    js_sys::decode_uri_component(s)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| s.to_string())
}

fn encode(s: &str) -> String {
    js_sys::encode_uri_component(s)
        .as_string()
        .unwrap_or_default()
}

/// The route in the address. `index.html` reads the `#/c/<file>` form too, before the app has
/// loaded, to start downloading that checklist early (`net::fetch_bytes` takes it over): a change
/// to this form belongs in both places.
fn current_route() -> Route {
    let hash = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    let path = hash.trim_start_matches('#').trim_start_matches('/');
    let mut parts = path.splitn(3, '/');
    let (kind, id, section) = (parts.next(), parts.next(), parts.next());
    let section = section.filter(|s| !s.is_empty()).map(decode);
    match (kind, id) {
        (Some("c"), Some(file)) if !file.is_empty() => {
            Route::Doc(DocKey::Bundled(decode(file)), section)
        }
        (Some("l"), Some(id)) if !id.is_empty() => {
            Route::Doc(DocKey::Local(format!("l:{}", decode(id))), section)
        }
        (Some("audit"), _) => Route::Audit,
        _ => Route::Home,
    }
}

/// Link to a bundled checklist (and a section of it).
pub fn checklist_href(file: &str, section: Option<&str>) -> String {
    match section {
        Some(s) => format!("#/c/{}/{}", encode(file), encode(s)),
        None => format!("#/c/{}", encode(file)),
    }
}

/// Link to an opened checklist (and a section of it).
pub fn local_href(doc: &str, section: Option<&str>) -> String {
    let id = doc.strip_prefix("l:").unwrap_or(doc);
    match section {
        Some(s) => format!("#/l/{}/{}", encode(id), encode(s)),
        None => format!("#/l/{}", encode(id)),
    }
}

/// Goes to a hash route.
pub fn navigate(href: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_hash(href.trim_start_matches('#'));
    }
}

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

async fn load_catalog() -> Result<Catalog, String> {
    let bytes = fetch_bytes(CATALOG_URL).await?;
    serde_json::from_slice(&bytes).map_err(|e| format!("{CATALOG_URL}: not a catalogue ({e})"))
}

/// The landing page: bundled checklists, the user's opened ones, and ways to open another.
#[component]
fn Landing(src_error: RwSignal<Option<String>>) -> impl IntoView {
    let catalog = LocalResource::new(load_catalog);
    let opened = storage::load_opened();
    view! {
        {move || src_error.get().map(|e| view! { <p class="error banner" role="alert" data-testid="src-error">{e}</p> })}
        <h1>"Checklists"</h1>
        <Suspense fallback=|| view! { <p class="muted">"Loading checklists…"</p> }>
            {move || {
                catalog
                    .get()
                    .map(|result| match result {
                        Ok(c) => view! {
                            <ul class="cards" data-testid="catalog">
                                {c.checklists.into_iter().map(|e| view! { <Card entry=e/> }).collect_view()}
                            </ul>
                        }
                        .into_any(),
                        Err(e) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
                    })
            }}
        </Suspense>
        {(!opened.is_empty()).then(|| view! {
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
                    };
                    view! { <Card entry=entry doc=o.doc/> }
                }).collect_view()}
            </ul>
        })}
        <OpenOwn/>
        <super::keys::KeyPanel/>
    }
}

/// One checklist on the landing page, with its saved progress, score and verdict.
#[component]
fn Card(entry: CatalogEntry, #[prop(optional)] doc: Option<String>) -> impl IntoView {
    let (href, storage_id) = match &doc {
        Some(d) => (local_href(d, None), d.clone()),
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
            <p class="summary">{entry.summary}</p>
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

/// What loading a document found.
#[derive(Clone)]
struct Loaded2 {
    checklist: Arc<Checklist>,
    answers: Answers,
    save: SaveStatus,
    problem: Option<LoadProblem>,
}

/// Saved data that could not be used as it was.
#[derive(Clone)]
struct LoadProblem {
    message: String,
    raw: Option<String>,
}

async fn load_doc(key: DocKey) -> Result<Loaded2, String> {
    let (name, bytes) = match &key {
        DocKey::Bundled(file) => {
            let url = format!("checklists/{}", encode(file));
            (file.clone(), fetch_bytes(&url).await?)
        }
        DocKey::Local(id) => transfer::opened_source(id).ok_or_else(|| {
            "This checklist is not stored in this browser any more. Open it again from its file."
                .to_string()
        })?,
    };
    let checklist = super::perf::measure("readiness:parse", || parse(&name, &bytes))
        .map_err(|e| format!("{name}: {e}"))?;
    let id = key.storage_id();
    let stamp = now().to_rfc3339();
    let (answers, save, problem) = match storage::load_answers(&id, &stamp) {
        Loaded::Empty => (Answers::default(), SaveStatus::Saved(String::new()), None),
        Loaded::Answers(a) => (a, SaveStatus::Saved(String::new()), None),
        Loaded::Corrupt { raw, backup, error } => {
            let (save, where_) = match backup {
                Some(k) => (
                    SaveStatus::Saved(String::new()),
                    format!("It was kept in this browser under the backup key “{k}”."),
                ),
                None => (
                    SaveStatus::Disabled(
                        "the unreadable saved data could not be backed up, so it is not overwritten".to_string(),
                    ),
                    "It could not be backed up, so saving is off until you download it.".to_string(),
                ),
            };
            (
                Answers::default(),
                save,
                Some(LoadProblem {
                    message: format!(
                        "The answers saved for this checklist could not be read ({error}). {where_} You are starting from empty answers."
                    ),
                    raw: Some(raw),
                }),
            )
        }
        Loaded::Newer { schema } => (
            Answers::default(),
            SaveStatus::Disabled(format!(
                "these answers were saved by a newer version of Readiness ({schema}); this version will not overwrite them"
            )),
            None,
        ),
        Loaded::Unavailable => (
            Answers::default(),
            SaveStatus::Failed(storage::StorageError::Unavailable.to_string()),
            None,
        ),
    };
    Ok(Loaded2 {
        checklist: Arc::new(checklist),
        answers,
        save,
        problem,
    })
}

/// The page of one checklist.
#[component]
fn DocPage(key: DocKey, section: Memo<Option<String>>) -> impl IntoView {
    let key2 = key.clone();
    let loaded = LocalResource::new(move || load_doc(key2.clone()));
    view! {
        <p class="back"><a href="#/">"← All checklists"</a></p>
        <Suspense fallback=|| view! { <p class="muted">"Loading checklist…"</p> }>
            {move || {
                let key = key.clone();
                loaded.get().map(move |result| match result {
                    Ok(l) => {
                        let doc = super::perf::measure("readiness:state", || {
                            Doc::new(key.storage_id(), l.checklist, &l.answers)
                        });
                        doc.save.set(l.save);
                        view! { <DocView doc=doc key=key problem=l.problem section=section/> }.into_any()
                    }
                    Err(e) => view! { <p class="error" role="alert" data-testid="load-error">{e}</p> }.into_any(),
                })
            }}
        </Suspense>
    }
}

#[component]
fn DocView(
    doc: Doc,
    key: DocKey,
    problem: Option<LoadProblem>,
    section: Memo<Option<String>>,
) -> impl IntoView {
    let c = doc.checklist.clone();
    let filters = Filters::new();
    // Sync with the outside world: other tabs, page hide, deep-link scrolling.
    {
        let doc = doc.clone();
        let key = storage::answers_key(&doc.id);
        let h = window_event_listener_untyped("storage", move |ev| {
            let ev: web_sys::StorageEvent = wasm_bindgen::JsCast::unchecked_into(ev);
            if ev.key().as_deref() == Some(key.as_str()) {
                if let Some(v) = ev.new_value() {
                    doc.merge_remote(&v);
                }
            }
        });
        on_cleanup(move || h.remove());
    }
    for event in ["pagehide", "visibilitychange"] {
        let doc = doc.clone();
        let h = window_event_listener_untyped(event, move |_| doc.flush());
        on_cleanup(move || h.remove());
    }
    {
        let doc = doc.clone();
        on_cleanup(move || doc.flush());
    }
    let reveal = Reveal::new(&c);
    {
        // Printing shows the whole checklist, drawn or not.
        let reveal = reveal.clone();
        let h = window_event_listener_untyped("beforeprint", move |_| reveal.all());
        on_cleanup(move || h.remove());
    }
    {
        let (c, reveal) = (c.clone(), reveal.clone());
        Effect::new(move |_| {
            let Some(slug) = section.get() else {
                return;
            };
            // A large checklist draws the section's chunk first, then scrolls once it is there.
            if let Some(s) = c.sections.iter().position(|s| s.slug == slug) {
                reveal.section(s);
            }
            scroll_to(format!("s-{slug}"), false);
        });
    }
    let href: Arc<dyn Fn(&str) -> String + Send + Sync> = match key.clone() {
        DocKey::Bundled(file) => Arc::new(move |s: &str| checklist_href(&file, Some(s))),
        DocKey::Local(id) => Arc::new(move |s: &str| local_href(&id, Some(s))),
    };
    view! {
        <div class="doc" data-doc=doc.id.clone()>
            <SummaryBar doc=doc.clone()/>
            <Banners doc=doc.clone() problem=problem/>
            <div class="toolbar" role="search">
                <label><input type="checkbox" data-testid="filter-open"
                    on:change=move |ev| filters.open_only.set(event_target_checked(&ev))/>" Open only"</label>
                <label><input type="checkbox" data-testid="filter-critical"
                    on:change=move |ev| filters.critical_only.set(event_target_checked(&ev))/>" Critical only"</label>
                <label for="search">"Search "</label>
                <input id="search" type="search" data-testid="filter-search"
                    on:input=move |ev| filters.query.set(event_target_value(&ev))/>
                <ExportButtons doc=doc.clone()/>
                <ClearAnswers doc=doc.clone()/>
            </div>
            <div class="doc-columns">
                <Toc doc=doc.clone() href=href.clone()/>
                <div class="doc-main">
                    <p class="meta">
                        <span data-testid="item-total">{c.items.len()}</span>
                        " items · "
                        <code>{c.file.clone()}</code>
                        " · "
                        <SaveState doc=doc.clone()/>
                    </p>
                    <ChecklistBody doc=doc.clone() filters=filters reveal=reveal.clone()/>
                </div>
                <aside class="doc-side">
                    <ScorePanel doc=doc.clone() reveal=reveal.clone() href=href.clone()/>
                    <Orphans doc=doc.clone()/>
                </aside>
            </div>
        </div>
    }
}

#[component]
fn SaveState(doc: Doc) -> impl IntoView {
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
fn Banners(doc: Doc, problem: Option<LoadProblem>) -> impl IntoView {
    let save = doc.save;
    let notice = doc.notice;
    let undo_doc = doc.clone();
    let export_doc = doc.clone();
    let export_now = move |_| {
        let json = transfer::export_json(&export_doc);
        let _ = download(
            &transfer::export_filename(&export_doc.checklist),
            "application/json",
            &json,
        );
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
fn ClearAnswers(doc: Doc) -> impl IntoView {
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
fn Orphans(doc: Doc) -> impl IntoView {
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
