//! The team's parts of the page, in one module loaded on first use (issue 35): signing off, the
//! export and share buttons, the signers file, the hand-off bar with the key panel, the import
//! panel (share links included), the note that a checklist's text changed since the answers, and,
//! on the landing page, the signing key.
//! A first visit ticks, types, scores and reads its verdict without them. They start downloading
//! once the browser is idle after the page is live, so a click on "Sign off" or "Open answers…"
//! finds them there; until then each part holds its place, and a part that could not be
//! downloaded says so and is tried again when the browser is back online.

use leptos::prelude::*;

use crate::domain::answers::Answers;
use crate::domain::audit::{drift, export, Drift};
use crate::domain::render::{ACTIONS, MARK_READY_TITLE};
use crate::domain::signoff::signing::Precomputed;
use crate::domain::signoff::standing::Rules;
use crate::domain::Checklist;
use crate::ui::doc::{use_doc, Doc};
use crate::ui::platform::idle::{downloading, when_idle, NotLoaded};
use crate::ui::platform::route::DocKey;

/// One part of the page drawn by the module loaded on first use.
#[derive(Clone)]
pub enum Part {
    /// Export, Copy as Markdown, print, the converters and the share link of the checklist shown.
    Exports(DocKey),
    /// "Make a signers file…".
    Signers,
    /// The hand-off bar: answers code, ready mark, "You" and the key panel.
    HandOff(Signal<bool>),
    /// What "Open answers…" opens, the carried answers, and the page's share link followed.
    Import(Memo<Option<String>>),
    /// Sign-off item `i`'s controls.
    SignOff(usize),
    /// The landing page's signing key.
    Keys,
}

/// What the module hands back: functions that live in it.
#[derive(Clone, Copy)]
struct Module {
    /// Draws a part.
    draw: fn(Part) -> AnyView,
    /// The audit record of a document: its file name and JSON.
    record: fn(&Doc) -> (String, String),
    /// What changed in a checklist since answers were given to an earlier copy of it.
    changes: fn(&Checklist, &Answers, &Checklist) -> Drift,
}

/// Where the module stands.
#[derive(Clone, Copy)]
enum State {
    Waiting,
    Failed,
    Ready(Module),
}

thread_local! {
    static STATE: ArcRwSignal<State> = ArcRwSignal::new(State::Waiting);
    /// Set once a download is asked for; cleared when it fails, so it is asked for again.
    static STARTED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// Set once the page listens for the browser coming back online.
    static RETRYING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The entry of the module loaded on first use: hands back the functions that live in it.
#[cfg_attr(
    feature = "split",
    leptos::wasm_split::wasm_split(
        team,
        wasm_split_path = ::leptos::wasm_split,
        fallible,
        preload(#[doc(hidden)] preload_team)
    )
)]
#[cfg_attr(not(feature = "split"), allow(clippy::unnecessary_wraps))]
fn drawing() -> Result<Module, NotLoaded> {
    Ok(Module {
        draw,
        record: |doc| {
            let json = crate::ui::team::transfer::export_json(doc);
            (crate::ui::team::transfer::export_filename(doc, &json), json)
        },
        changes: |before, answers, now| {
            // Only the items are compared: no sign-off needs judging.
            let unchecked = Precomputed::default();
            let rules = Rules {
                verifier: &unchecked,
                as_of: crate::ui::platform::browser::now(),
                signers: None,
            };
            drift(&export(before, answers, crate::APP_VERSION, &rules), now)
        },
    })
}

/// The module's functions, once it is downloaded (a build without the `split` feature has them at
/// hand).
async fn download() -> Result<Module, NotLoaded> {
    #[cfg(feature = "split")]
    return drawing().await;
    #[cfg(not(feature = "split"))]
    drawing()
}

/// Every part, drawn.
fn draw(part: Part) -> AnyView {
    use crate::ui::team::{handoff, import, keys, share, signers_file, signoff, transfer};
    match part {
        Part::Exports(key) => view! {
            <transfer::ExportButtons/>
            <share::ShareLink key=key/>
        }
        .into_any(),
        Part::Signers => view! { <signers_file::MakeSigners/> }.into_any(),
        Part::HandOff(folded) => view! { <handoff::HandOff folded=folded/> }.into_any(),
        Part::Import(share) => view! { <import::ImportPanel share=share/> }.into_any(),
        Part::SignOff(i) => view! { <signoff::SignoffControls i=i/> }.into_any(),
        Part::Keys => view! { <keys::Keys/> }.into_any(),
    }
}

/// Downloads the module once the browser is idle (or now, if it has been); a failure is tried
/// again when the browser is back online.
fn load() {
    if STARTED.with(|s| s.replace(true)) {
        return;
    }
    when_idle(|| {
        let busy = downloading();
        leptos::task::spawn_local(async move {
            let got = download().await;
            drop(busy);
            let state = match got {
                Ok(d) => State::Ready(d),
                Err(NotLoaded) => {
                    STARTED.with(|s| s.set(false));
                    // One listener for the page's life, however often a download fails.
                    if !RETRYING.with(|r| r.replace(true)) {
                        let h = window_event_listener_untyped("online", |_| load());
                        std::mem::forget(h);
                    }
                    State::Failed
                }
            };
            STATE.with(|s| s.set(state));
        });
    });
}

/// A part of the page from the module loaded on first use: its place held until the module is
/// there, then the part itself.
#[component]
pub fn Later(
    /// Which part.
    part: Part,
) -> impl IntoView {
    // After the first draw: by then the page's own task has finished.
    Effect::new(move |_| load());
    // Once the module is there, each part is drawn in a task of its own, so no one long task
    // draws them all (it would count against the page's responsiveness).
    let shown = RwSignal::new(STATE.with(|s| s.get_untracked()));
    Effect::new(move |_| {
        let now = STATE.with(|s| s.get());
        match now {
            State::Ready(_) if !matches!(shown.get_untracked(), State::Ready(_)) => {
                set_timeout(
                    move || {
                        // The part may be gone by then (its page left).
                        let _ = shown.try_set(now);
                    },
                    std::time::Duration::ZERO,
                );
            }
            State::Ready(_) => {}
            State::Waiting | State::Failed => shown.set(now),
        }
    });
    move || match shown.get() {
        State::Ready(m) => {
            keep_focus(&part);
            (m.draw)(part.clone())
        }
        State::Waiting => placeholder(&part),
        State::Failed => view! {
            <span class="muted later-failed" role="status">
                "Not downloaded yet (offline?): tried again when the browser is online."
            </span>
        }
        .into_any(),
    }
}

/// A sign-off line's place holder that has the keyboard focus hands it to the real button, which
/// takes its place (and its id) in this frame.
fn keep_focus(part: &Part) {
    let Part::SignOff(i) = part else {
        return;
    };
    let id = format!("sign-{i}");
    let focused = document().active_element().is_some_and(|e| e.id() == id);
    if focused {
        request_animation_frame(move || {
            if let Some(el) = document().get_element_by_id(&id) {
                let _ = wasm_bindgen::JsCast::unchecked_into::<web_sys::HtmlElement>(el).focus();
            }
        });
    }
}

/// The audit record of `doc` (file name, JSON), once the module is there: "Export now" when
/// saving fails gives the answers file until then, which "Open answers…" reads as well.
pub fn record_file(doc: &Doc) -> Option<(String, String)> {
    match STATE.with(|s| s.get_untracked()) {
        State::Ready(m) => Some((m.record)(doc)),
        State::Waiting | State::Failed => None,
    }
}

/// What changed in `now` since `answers` were given to `before` (the checklist's earlier copy),
/// once the module is there (read reactively): the record the answers made of the earlier copy,
/// against the checklist now.
pub fn changes(before: &Checklist, answers: &Answers, now: &Checklist) -> Option<Drift> {
    match STATE.with(|s| s.get()) {
        State::Ready(m) => Some((m.changes)(before, answers, now)),
        State::Waiting | State::Failed => None,
    }
}

/// What holds a part's place while its module downloads: what the page drawn at build time shows
/// there (the core's labels), disabled, so nothing moves when the page goes live or the part
/// arrives.
fn placeholder(part: &Part) -> AnyView {
    let button = |label: &'static str| view! { <button type="button" disabled>{label}</button> };
    match part {
        Part::Exports(_) => view! {
            <div class="export-buttons">{ACTIONS[..4].iter().map(|l| button(l)).collect_view()}</div>
            {button(ACTIONS[4])}
        }
        .into_any(),
        Part::HandOff(folded) => {
            let (code, folded) = (use_doc().code, *folded);
            view! {
                <div class="handoff" class:folded=move || folded.get() data-testid="handoff">
                    <p>
                        <span data-testid="ready-state" data-ready="none">{move || format!("Answers {}", code.get())}</span>
                        " "
                        <button type="button" data-testid="mark-ready" disabled title=MARK_READY_TITLE>"Mark ready for sign-off"</button>
                    </p>
                </div>
            }
            .into_any()
        }
        // Focusable, as the real one is: "Sign-off missing" links focus it by its id.
        Part::SignOff(i) => view! {
            <button type="button" id=format!("sign-{i}") aria-disabled="true" aria-busy="true">"Sign off"</button>
        }
        .into_any(),
        Part::Signers | Part::Import(_) | Part::Keys => ().into_any(),
    }
}
