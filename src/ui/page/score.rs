//! The sticky summary (score, verdict with reasons, progress, threshold) and the score panel
//! (per-category bars with weights, manual overrides with reasons, and what is missing to pass).
//! Both read the document's breakdown memo, which follows the incremental tally.

use std::sync::Arc;

use leptos::prelude::*;

use std::collections::BTreeSet;

use crate::domain::answers::validate::parse_override;
use crate::domain::score::{
    counts_line, items_to_pass, missing_to_pass_in, unscored_roots, Breakdown, MissingGroups,
    Reason,
};
use crate::domain::text::centi;

use crate::ui::doc::{use_doc, Cause};
use crate::ui::form::Reveal;
use crate::ui::platform::browser::now;

/// Score, verdict, progress and threshold, always in view.
#[component]
pub fn SummaryBar() -> impl IntoView {
    let doc = use_doc();
    let b = doc.breakdown;
    let signed = doc.signed;
    let signoffs = doc.input.signoffs.len();
    let scored = move || {
        b.with(|b| {
            b.categories.iter().fold((0, 0), |(d, a), c| {
                (d + c.counts.done, a + c.counts.applicable())
            })
        })
    };
    let pct = move || {
        let (d, a) = scored();
        (d * 100).checked_div(a).unwrap_or(0)
    };
    view! {
            <section class="summary" aria-label="Readiness summary">
                <div class="score-box">
                    <span class="label">"Score"</span>
                    <span class="score" data-testid="readiness-score">
                        {move || centi(b.with(|b| b.score_centi))}
                    </span>
                    <span class="of">{move || format!("/ 10 · minimum {}", centi(b.with(|b| b.threshold_centi)))}</span>
                </div>
                <div class="verdict-box">
                    <span
                        class="verdict"
                        class:go=move || b.with(|b| b.verdict.is_go())
                        class:nogo=move || !b.with(|b| b.verdict.is_go())
                        data-testid="verdict"
                    >
                        {move || b.with(|b| b.verdict.as_str())}
                    </span>
    // Where the score panel is not beside the form (phones, narrow windows).
                    <button type="button" class="linklike to-panel" data-testid="to-score-panel" on:click=|_| {
                        if let Some(el) = document().get_element_by_id("score-panel-title") {
                            el.scroll_into_view();
                        }
                    }>"Score details"</button>
                    <details class="reasons">
                        <summary>{move || b.with(Breakdown::reasons_label)}</summary>
                        <ul data-testid="verdict-reasons" tabindex="0" aria-label="Reasons for the verdict">
                            {move || b.with(|b| b.reasons.iter().map(|r| view! { <li>{r.to_string()}</li> }).collect_view())}
                        </ul>
                    </details>
                </div>
                <div class="progress-box">
                    <span class="label" data-testid="summary-counts">{move || b.with(|b| counts_line(b, signed.with(BTreeSet::len), signoffs))}</span>
                    <progress max="100" prop:value=pct aria-label="Scored items done"></progress>

                </div>
                <p class="sr-only" aria-live="polite" data-testid="score-announcement">
                    {move || b.with(|b| format!("Score {} of 10, {}", centi(b.score_centi), b.verdict.as_str()))}
                </p>
            </section>
            <StaleAlert/>
        }
}

/// Says at once, outside the sign-off line, when a change made a current sign-off stale, with a
/// link to it, and that undoing the change restores it; and when it is current again.
#[component]
fn StaleAlert() -> impl IntoView {
    let doc = use_doc();
    let signed = doc.signed;
    // (current sign-offs, the ones the latest changes made stale and that are still stale)
    let lost = Memo::new(move |prev: Option<&(BTreeSet<String>, Vec<String>)>| {
        let now = signed.get();
        let mut lost: Vec<String> = match prev {
            Some((before, still)) => {
                let mut l: Vec<String> = still
                    .iter()
                    .filter(|id| !now.contains(*id))
                    .cloned()
                    .collect();
                let new: Vec<String> = before
                    .difference(&now)
                    .filter(|id| !l.contains(id))
                    .cloned()
                    .collect();
                l.extend(new);
                l
            }
            None => Vec::new(),
        };
        lost.sort();
        (now, lost)
    });
    let c = doc.checklist.clone();
    let reveal = expect_context::<Reveal>();
    view! {
        <div class="stale-alert" role="status" aria-live="polite" data-testid="stale-alert">
            {move || {
                let ids = lost.with(|(_, l)| l.clone());
                (!ids.is_empty()).then(|| {
                    let mine = crate::ui::platform::crypto::current_fingerprint();
                    // Each stale line with its signer, and whether this profile's key signed it.
                    let lines: Vec<(usize, String, String, bool)> = ids.iter().filter_map(|id| {
                        let i = c.items.iter().position(|it| &it.id == id)?;
                        let role = c.items[i].signoff.as_ref()?.role.clone();
                        let line = doc.lines.iter().position(|l| &l.item == id)?;
                        let (name, own) = doc.assessment.with_untracked(|a| {
                            let k = a.lines.get(line)?.record()?;
                            let key = a.records.get(k)?.key.clone();
                            let name = doc.signoffs.with_untracked(|r| r.get(k).map(|r| r.name.clone()))?;
                            Some((name, key.is_some() && key == mine))
                        })?;
                        Some((i, role, name, own))
                    }).collect();
                    let own = lines.iter().any(|l| l.3);
                    let others: Vec<String> = lines.iter().filter(|l| !l.3).map(|l| l.2.clone()).collect();
                    let (they, them) = if lines.len() == 1 { ("it was", "it") } else { ("they were", "them") };
                    let links = lines.into_iter().map(|(i, role, name, _)| {
                        let reveal = reveal.clone();
                        view! { <button type="button" class="linklike" on:click=move |_| reveal.focus_signoff(i)>{format!("{role} — {name}")}</button>" " }
                    }).collect_view();
                    let cause = match doc.cause.get_value() {
                        Cause::Edit => format!("— your last change altered answers {they} signed over. Undo the change to make {them} current again"),
                        Cause::Import { answers_changed: true } => format!("— the import changed answers {they} signed over. \"Undo import\" makes {them} current again"),
                        Cause::Import { answers_changed: false } => format!("— the import brought a newer sign-off over other answers, which is now the line's latest. \"Undo import\" makes {them} current again"),
                        Cause::OtherTab => format!("— a change saved in another tab altered answers {they} signed over"),
                        Cause::Clear => format!("— clearing the answers altered what {they} signed over. Undo the clear to make {them} current again"),
                    };
                    let again = match (own, others.is_empty()) {
                        (true, true) => "; or sign again.".to_string(),
                        (true, false) => format!("; or sign yours again and ask {} to sign theirs again.", others.join(", ")),
                        (false, _) => format!("; or ask {} to sign again.", others.join(", ")),
                    };
                    view! {
                        <p class="banner warn">
                            <strong>"Sign-off now stale: "</strong>{links}
                            {format!("{cause}{again}")}
                        </p>
                    }
                })
            }}
        </div>
    }
}

/// Per-category bars, overrides and "what is missing to pass".
#[component]
pub fn ScorePanel(
    /// Draws and focuses an item (the "missing to pass" links).
    reveal: Reveal,
    /// Link to a section of this checklist, by slug.
    href: Arc<dyn Fn(&str) -> String + Send + Sync>,
) -> impl IntoView {
    let doc = use_doc();
    let b = doc.breakdown;
    let reveal_for_blocking = reveal.clone();
    // One row per category, built once: the categories of a checklist never change, only their
    // figures. Rebuilding the rows on every toggle would also close an override form being typed.
    let categories = (0..doc.input.categories.len())
        .map(|k| view! { <CategoryRow k=k/> })
        .collect_view();
    // The ranking is recomputed on every change (the tally is the cheap proxy for "a status
    // changed"), from groups built once, so it looks at a few items rather than all of them; the
    // list is only redrawn when the ranking itself changes.
    let gains = {
        let doc = doc.clone();
        let groups = MissingGroups::new(&doc.input);
        Memo::new(move |_| {
            doc.tally.track();
            b.with(|b| missing_to_pass_in(&groups, b, |i| doc.items[i].status.get_untracked(), 8))
        })
    };
    let missing = {
        let doc = doc.clone();
        move || {
            gains
                .get()
                .into_iter()
                .map(|g| {
                    let c = &doc.checklist;
                    let it = &c.items[g.item];
                    // A real link to the item's section (for a new tab); a click goes to the item.
                    let href = href(&c.sections[it.section].slug);
                    let (reveal, i) = (reveal.clone(), g.item);
                    let go = move |ev: leptos::ev::MouseEvent| {
                        if ev.button() == 0 && !ev.ctrl_key() && !ev.meta_key() && !ev.shift_key() {
                            ev.prevent_default();
                            reveal.focus_item(i);
                        }
                    };
                    let gain = if g.gain_centi > 0.0 {
                        format!("+{:.2}", g.gain_centi / 100.0)
                    } else {
                        String::new()
                    };
                    view! {
                        <li>
                            {g.critical.then(|| view! { <span class="badge critical">"critical"</span> " " })}
                            <a href=href on:click=go>{doc.label(g.item)}</a>
                            " "
                            <span class="gain">{gain}</span>
                        </li>
                    }
                })
                .collect_view()
        }
    };
    let unscored: Vec<(String, usize)> = unscored_roots(&doc.checklist, &doc.input)
        .into_iter()
        .map(|(s, n)| (doc.checklist.sections[s].title.clone(), n))
        .collect();
    view! {
        <section class="score-panel" aria-labelledby="score-panel-title">
            <h2 id="score-panel-title">"Score by category"</h2>
            <ul class="categories">{categories}</ul>
            {(!unscored.is_empty()).then(|| view! {
                <p class="unscored-note" data-testid="unscored-sections">
                    <strong>"Not in the score: "</strong>
                    {unscored.iter().map(|(t, n)| format!("{t} ({n})")).collect::<Vec<_>>().join(", ")}
                    ". These sections are outside the score table: their items are tracked, but checking them does not change the score."
                </p>
            })}
            <h3>"What is missing to pass"</h3>
            <Blocking reveal=reveal_for_blocking/>
            <ol class="missing" data-testid="missing-to-pass">{missing}</ol>
        </section>
    }
}

/// The score gap as how many items in which categories, and everything else that blocks GO (open
/// critical items, checked triggers, missing and stale sign-offs), each a link to its item.
#[component]
fn Blocking(reveal: Reveal) -> impl IntoView {
    let doc = use_doc();
    let b = doc.breakdown;
    let c = doc.checklist.clone();
    // Item index by id, built the first time a blocker needs it (not on every change).
    let index = Arc::new(std::sync::OnceLock::<
        std::collections::HashMap<String, usize>,
    >::new());
    let (labels, reveal_for_focus) = (doc.clone(), reveal);
    let gap = move || {
        b.with(|b| {
            if b.score_centi >= b.threshold_centi {
                return None;
            }
            Some(match items_to_pass(b) {
                Some(plan) => {
                    let n: usize = plan.iter().map(|p| p.1).sum();
                    let parts: Vec<String> = plan
                        .iter()
                        .map(|&(k, m)| format!("{m} in {}", b.categories[k].name))
                        .collect();
                    format!(
                        "Score {} of a minimum {}: {n} more item{} to pass — {}.",
                        centi(b.score_centi),
                        centi(b.threshold_centi),
                        if n == 1 { "" } else { "s" },
                        parts.join(", ")
                    )
                }
                None => format!(
                    "Score {} of a minimum {}: items alone cannot reach it (categories with a manual score do not move).",
                    centi(b.score_centi),
                    centi(b.threshold_centi)
                ),
            })
        })
    };
    // What blocks GO, as (item, kind, role): cheap to compare, so the list is redrawn only when it
    // changed, not on every toggle (every toggle changes the breakdown, and a large checklist can
    // have a hundred blockers, each a button).
    let blockers = Memo::new(move |_| {
        b.with(|b| {
            b.reasons
                .iter()
                .filter_map(|r| {
                    let (id, kind, role) = match r {
                        Reason::CriticalOpen { id, .. } => (id, "Critical, open", None),
                        Reason::TriggerChecked { id, .. } => (id, "Failure trigger checked", None),
                        Reason::SignoffMissing { id, role } => (id, "Sign-off missing", Some(role)),
                        Reason::SignoffStale { id, role } => (id, "Sign-off stale", Some(role)),
                        Reason::SignoffNotCounted { id, role, .. } => {
                            (id, "Sign-off does not count", Some(role))
                        }
                        _ => return None,
                    };
                    let i = *index
                        .get_or_init(|| {
                            c.items
                                .iter()
                                .enumerate()
                                .map(|(i, it)| (it.id.clone(), i))
                                .collect()
                        })
                        .get(id)?;
                    Some((i, kind, role.cloned()))
                })
                .collect::<Vec<_>>()
        })
    });
    let row = move |(i, kind, role): (usize, &'static str, Option<String>)| {
        let reveal = reveal_for_focus.clone();
        let signoff = labels.checklist.items[i].signoff.is_some();
        let what = role.unwrap_or_else(|| labels.label(i));
        let go = move |_| {
            if signoff {
                reveal.focus_signoff(i)
            } else {
                reveal.focus_item(i)
            }
        };
        view! { <li><button type="button" class="linklike" on:click=go>{format!("{kind}: {what}")}</button></li> }
    };
    view! {
        {move || gap().map(|g| view! { <p class="gap" data-testid="score-gap">{g}</p> })}
        <ul class="blocking" data-testid="blocking">
            {move || blockers.get().into_iter().map(row.clone()).collect_view()}
        </ul>
    }
}

/// One category: name, weight, score bar, counts and the manual override form. Its figures follow
/// the breakdown; the row itself (and an open override form) stays put.
#[component]
fn CategoryRow(k: usize) -> impl IntoView {
    let doc = use_doc();
    let b = doc.breakdown;
    let cat = Memo::new(move |_| b.with(|b| b.categories.get(k).cloned()));
    let name = doc.input.categories[k].0.clone();
    let weight = doc.input.categories[k].1;
    let overridden = move || cat.with(|c| c.as_ref().is_some_and(|c| c.override_centi.is_some()));
    let editing = RwSignal::new(false);
    let figure = move |f: fn(&crate::domain::score::CategoryScore) -> String| {
        move || cat.with(|c| c.as_ref().map(f).unwrap_or_default())
    };
    view! {
        <li class="category">
            <div class="category-head">
                <span class="name">{name.clone()}</span>
                <span class="weight">{format!("{weight}%")}</span>
                <span class="value">{figure(|c| c.score_centi.map_or("n/a".to_string(), centi))}</span>
            </div>
            <progress
                max="100"
                prop:value=move || cat.with(|c| c.as_ref().and_then(|c| c.score_centi).map_or(0, |s| s / 10))
                aria-label=format!("{name} score")
            ></progress>
            <div class="muted">
                {figure(|c| {
                    let na = if c.counts.na > 0 { format!(", {} N/A", c.counts.na) } else { String::new() };
                    let manual = if c.override_centi.is_some() { " · manual override" } else { "" };
                    format!("{}/{} done{na}{manual}", c.counts.done, c.counts.applicable())
                })}
                " "
                <button type="button" class="link" aria-expanded=move || editing.get().to_string()
                    on:click=move |_| editing.update(|e| *e = !*e)>
                    {move || if overridden() { "change override" } else { "override" }}
                </button>
            </div>
            {move || editing.get().then(|| view! { <OverrideForm k=k editing=editing/> })}
        </li>
    }
}

/// The form that sets or removes a category's manual score. It starts from the current override,
/// and the domain decides what may be kept (`validate::parse_override`).
#[component]
fn OverrideForm(
    /// Category index.
    k: usize,
    /// Whether the form is open (closed again on save or removal).
    editing: RwSignal<bool>,
) -> impl IntoView {
    let doc = use_doc();
    let name = doc.input.categories[k].0.clone();
    // The score as the panel shows it (hundredths), the reason as given.
    let score = doc
        .breakdown
        .with_untracked(|b| b.categories.get(k).and_then(|c| c.override_centi));
    let value = RwSignal::new(score.map(centi).unwrap_or_default());
    let reason = RwSignal::new(
        doc.overrides
            .with_untracked(|o| o.get(&name).map(|o| o.reason.clone()))
            .unwrap_or_default(),
    );
    let error = RwSignal::new(None::<String>);
    let save = {
        let (doc, name) = (doc.clone(), name.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let typed =
                value.with_untracked(|v| reason.with_untracked(|r| parse_override(v, r, now())));
            match typed {
                Err(why) => error.set(Some(why.to_string())),
                Ok(o) => {
                    error.set(None);
                    doc.set_override(&name, Some(o));
                    editing.set(false);
                }
            }
        }
    };
    let clear = {
        let name = name.clone();
        move |_| {
            doc.set_override(&name, None);
            editing.set(false);
        }
    };
    let id = format!("ovr-{}", crate::domain::text::slugify(&name));
    view! {
        <form class="override" on:submit=save>
            <label for=format!("{id}-score")>"Score (0-10)"</label>
            <input id=format!("{id}-score") type="text" inputmode="decimal" size="4"
                prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
            <label for=format!("{id}-reason")>"Reason"</label>
            <input id=format!("{id}-reason") type="text"
                prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev))/>
            <button type="submit">"Set"</button>
            <button type="button" on:click=clear>"Remove override"</button>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        </form>
    }
}
