//! The page of one checklist: loading it and its saved answers (with what to say when they cannot
//! be used), then the summary, filters, contents, form and score panel around one [`Doc`], which
//! every component below reads from context.

pub mod banners;
pub mod drift;
mod guard;
pub mod level;
pub mod score;
pub mod source;

use std::sync::Arc;

use leptos::prelude::*;

use crate::domain::answers::Answers;
use crate::domain::signoff::signers::Signers;
use crate::domain::text::emoji::shortcodes;
use crate::domain::{parse, Checklist};

use crate::ui::doc::{Doc, SaveStatus};
use crate::ui::form::{
    scroll_to, ChecklistBody, FilterCount, Filters, JumpMenu, Reveal, SectionMatches, Toc,
};
use crate::ui::page::banners::{Banners, ClearAnswers, LoadProblem, Orphans, SaveState};
use crate::ui::page::score::{ScorePanel, SummaryBar};
use crate::ui::page::source::{
    changed_since, earlier_copy, fetch_source, signers_for, Earlier, SourceBanner, SourceNote,
};
use crate::ui::platform::browser::now;
use crate::ui::platform::route::DocKey;
use crate::ui::platform::storage::{self, Loaded};
use crate::ui::team::later::{Later, Part};

/// What loading a document found.
#[derive(Clone)]
pub(super) struct DocLoad {
    checklist: Arc<Checklist>,
    answers: Answers,
    save: SaveStatus,
    problem: Option<LoadProblem>,
    notes: Vec<SourceNote>,
    /// The copy the answers were saved against, when the text at the URL may have changed since.
    earlier: Option<Arc<Earlier>>,
    signers: Option<Arc<Signers>>,
    /// The signers file is read after the page is drawn (no sign-off record needs it yet).
    signers_later: bool,
}

/// GitHub's emoji shortcode table (`emoji.tsv`, 12.6 KB brotli), fetched before drawing a
/// checklist that may use shortcodes, and never otherwise; the service worker keeps it offline.
/// If it cannot be had, shortcodes show as written.
async fn load_emoji_for(c: &Checklist) {
    use crate::domain::text::emoji;
    if emoji::installed() || !emoji::may_have_shortcodes(&c.source) {
        return;
    }
    if let Ok(bytes) = crate::ui::platform::net::fetch_bytes("emoji.tsv").await {
        emoji::install(&String::from_utf8_lossy(&bytes));
    }
}

pub(super) async fn load_doc(key: DocKey) -> Result<DocLoad, String> {
    let mut source = fetch_source(&key).await?;
    let checklist = match source.parsed.take() {
        Some(c) => c,
        None => {
            let (name, bytes) = (&source.name, &source.bytes);
            crate::ui::platform::perf::measure("readiness:parse", || parse(name, bytes))
                .map_err(|e| format!("{name}: {e}"))?
        }
    };
    load_emoji_for(&checklist).await;
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
    // Only sign-off records need the signers file: without any, the page does not wait for it.
    let signers_later = answers.signoffs.is_empty();
    let (signers, signers_note) = if signers_later {
        (None, None)
    } else {
        signers_for(&key).await
    };
    let notes = source.note.into_iter().chain(signers_note).collect();
    let earlier = earlier_copy(source.previous, &answers).map(Arc::new);
    Ok(DocLoad {
        checklist: Arc::new(checklist),
        answers,
        save,
        problem,
        notes,
        earlier,
        signers,
        signers_later,
    })
}

/// Syncs a document with the world outside the app, for as long as its page is shown: saves from
/// other tabs are merged, pending changes are written when the page is hidden or left, printing
/// draws every chunk, and a section in the address is drawn and scrolled to.
fn sync_with_the_page(doc: &Doc, reveal: &Reveal, section: Memo<Option<String>>) {
    {
        let doc = doc.clone();
        let key = storage::answers_key(&doc.id);
        let h = window_event_listener_untyped("storage", move |ev| {
            let ev: web_sys::StorageEvent = wasm_bindgen::JsCast::unchecked_into(ev);
            if ev
                .key()
                .is_some_and(|k| crate::ui::platform::profile::is_profile_entry(&k))
            {
                crate::ui::platform::profile::forget();
            }
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
        on_cleanup(move || doc.flush_on_leave());
    }
    {
        // Printing shows the whole checklist, drawn or not.
        let reveal = reveal.clone();
        let h = window_event_listener_untyped("beforeprint", move |_| {
            reveal.all();
            // The verdict's reasons print expanded.
            if let Ok(list) = document().query_selector_all("details.reasons") {
                for k in 0..list.length() {
                    if let Some(d) = list.item(k) {
                        let _ = wasm_bindgen::JsCast::unchecked_into::<web_sys::Element>(d)
                            .set_attribute("open", "");
                    }
                }
            }
        });
        on_cleanup(move || h.remove());
    }
    {
        let (c, reveal) = (doc.checklist.clone(), reveal.clone());
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
}

/// Reads the checklist's signers file once the page is drawn; a problem with it shows as the
/// document's notice.
fn read_signers_later(doc: &Doc, key: &DocKey) {
    let (doc, key) = (doc.clone(), key.clone());
    leptos::task::spawn_local(async move {
        let (signers, note) = signers_for(&key).await;
        if let Some(SourceNote::SignersUnreadable(why)) = note {
            doc.notice.set(Some(format!(
                "The checklist's signers file cannot be used ({why}), so no sign-off counts toward GO until it is fixed."
            )));
        }
        if signers.is_some() {
            doc.signers.set(signers);
        }
    });
}

/// The page of one checklist.
#[component]
pub(super) fn DocPage(
    key: DocKey,
    section: Memo<Option<String>>,
    share: Memo<Option<String>>,
) -> impl IntoView {
    let key2 = key.clone();
    // Bumped to build the page again from the saved answers (a new target level).
    let reload = RwSignal::new(0_u64);
    let loaded = LocalResource::new(move || {
        reload.track();
        load_doc(key2.clone())
    });
    view! {
        <p class="back"><a href="#/">"← All checklists"</a></p>
        <Suspense fallback=|| view! { <p class="muted">"Loading checklist…"</p> }>
            {move || {
                let key = key.clone();
                loaded.get().map(move |result| match result {
                    Ok(l) => {
                        let doc = crate::ui::platform::perf::measure("readiness:state", || {
                            Doc::new(key.storage_id(), l.checklist, &l.answers, l.signers, reload)
                        });
                        doc.save.set(l.save);
                        if l.signers_later {
                            read_signers_later(&doc, &key);
                        }
                        view! { <DocView doc=doc key=key problem=l.problem notes=l.notes earlier=l.earlier section=section share=share/> }.into_any()
                    }
                    Err(e) => {
                        crate::ui::platform::prerender::hand_over(|_| ());
                        view! { <p class="error" role="alert" data-testid="load-error">{e}</p> }.into_any()
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
pub(super) fn DocView(
    doc: Doc,
    key: DocKey,
    problem: Option<LoadProblem>,
    notes: Vec<SourceNote>,
    earlier: Option<Arc<Earlier>>,
    section: Memo<Option<String>>,
    share: Memo<Option<String>>,
) -> impl IntoView {
    // Every component below reads the document from context instead of a prop.
    provide_context(doc.clone());
    let c = doc.checklist.clone();
    let filters = Filters::new();
    provide_context(filters);
    provide_context(SectionMatches::new(&doc, filters));
    let reveal = Reveal::new(&c);
    provide_context(reveal.clone());
    {
        let title = format!("{} · Readiness", shortcodes(&c.title));
        Effect::new(move |_| document().set_title(&title));
    }
    let first_item = c.items.iter().position(|it| it.signoff.is_none());
    // On a phone the actions fold behind one button, so the first item is on the first screen.
    let actions_open = RwSignal::new(false);
    let skip_reveal = reveal.clone();
    sync_with_the_page(&doc, &reveal, section);
    let href: Arc<dyn Fn(&str) -> String + Send + Sync> = {
        let key = key.clone();
        Arc::new(move |s: &str| key.href(Some(s)))
    };
    let import = crate::ui::team::import::ImportState::new();
    provide_context(import);
    let root = NodeRef::<leptos::html::Div>::new();
    {
        let doc = doc.clone();
        Effect::new(move |_| {
            if let Some(el) = root.get() {
                guard::guard_changes(doc.clone(), el.into());
            }
        });
    }
    view! {
        <div class="doc" data-doc=doc.id.clone() node_ref=root>
            {first_item.map(|i| view! {
                <a class="skip" href="#main" on:click=move |ev| { ev.prevent_default(); skip_reveal.focus_item(i); }>"Skip to the first item"</a>
            })}
            <SummaryBar/>
            {notes.into_iter().map(|n| view! { <SourceBanner note=n/> }).collect_view()}
            {earlier.map(|e| {
                let c = c.clone();
                move || changed_since(&e, &c).map(|n| view! { <SourceBanner note=n/> })
            })}
            <Banners problem=problem/>
            <div class="toolbar" role="search">
                <JumpMenu href=href.clone()/>
                <label><input type="checkbox" data-testid="filter-open"
                    on:change=move |ev| filters.open_only.set(event_target_checked(&ev))/>" Open only"</label>
                <label><input type="checkbox" data-testid="filter-critical"
                    on:change=move |ev| filters.critical_only.set(event_target_checked(&ev))/>" Critical only"</label>
                <label for="search">"Search "</label>
                <input id="search" type="search" data-testid="filter-search"
                    on:input=move |ev| filters.query.set(event_target_value(&ev))/>
                <FilterCount/>
                <button type="button" class="actions-toggle" aria-expanded=move || actions_open.get().to_string()
                    on:click=move |_| actions_open.update(|o| *o = !*o)>"Export, share, open…"</button>
                <div class="actions" class:open=move || actions_open.get()>
                    <Later part=Part::Exports(key.clone())/>
                    <crate::ui::team::import::ImportButton/>
                    <Later part=Part::Signers/>
                    <ClearAnswers/>
                </div>
            </div>
            <Later part=Part::HandOff(Signal::derive(move || !actions_open.get()))/>
            <Later part=Part::Import(share)/>
            <div class="doc-columns">
                <Toc href=href.clone()/>
                <div class="doc-main">
                    <p class="meta">
                        <span data-testid="item-total">{c.items.len()}</span>
                        " items · "
                        <code>{c.file.clone()}</code>
                        " · "
                        <SaveState/>
                    </p>
                    {(!key.portable()).then(|| view! { <crate::ui::page::source::LocalOnly/> })}
                    <crate::ui::page::level::LevelPicker/>
                    <ChecklistBody filters=filters reveal=reveal.clone()/>
                </div>
                <aside class="doc-side">
                    <ScorePanel reveal=reveal.clone() href=href.clone()/>
                    <Orphans/>
                </aside>
            </div>
        </div>
    }
}
