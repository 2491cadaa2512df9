//! The contents: every section with items, its progress from the running section counts, and a link
//! to it.

use std::sync::Arc;

use leptos::prelude::*;

use crate::domain::model::{Checklist, SectionKind};
use crate::domain::text::emoji::shortcodes;

use crate::ui::doc::use_doc;

/// Table of contents with per-section progress (readiness and procedure items done of total;
/// triggers shown as how many happened).
#[component]
pub fn Toc(href: Arc<dyn Fn(&str) -> String + Send + Sync>) -> impl IntoView {
    let doc = use_doc();
    let c: Arc<Checklist> = doc.checklist.clone();
    // Sign-off items of each section's subtree (few; they count as done when signed and current).
    let mut signoffs: Vec<Vec<String>> = vec![Vec::new(); c.sections.len()];
    for it in c.items.iter().filter(|it| it.signoff.is_some()) {
        for s in c.ancestors(it.section) {
            signoffs[s].push(it.id.clone());
        }
    }
    let entries = c
        .sections
        .iter()
        .enumerate()
        .skip(1)
        .filter(|(s, sec)| {
            let counts = doc.section_counts[*s].get_untracked();
            (counts.total > 0 || !signoffs[*s].is_empty())
                && Some(*s) != c.title_section
                && sec.level <= 4
        })
        .map(|(s, sec)| {
            let counts = doc.section_counts[s];
            let signoffs = signoffs[s].clone();
            let signed = doc.signed;
            let kind = sec.kind;
            // Done of applicable, from the section's running counts: a toggle touches only the
            // sections above its item.
            let progress = Memo::new(move |_| {
                let n = counts.get();
                let signed = if signoffs.is_empty() {
                    0
                } else {
                    signed.with(|set| signoffs.iter().filter(|id| set.contains(*id)).count())
                };
                (n.done + signed, n.total + signoffs.len() - n.na)
            });
            let depth = format!("toc-l{}", sec.level);
            let link = href(&sec.slug);
            let title = shortcodes(&sec.title).into_owned();
            let m = expect_context::<crate::ui::form::SectionMatches>();
            let unscored = doc.unscored[s]
                && !sec.parent.is_some_and(|p| doc.unscored[p])
                && kind == SectionKind::Readiness;
            view! {
                <li class=depth class:hidden=move || m.empty(s)>
                    <a href=link>{title}</a>
                    {unscored.then(|| view! { <span class="toc-unscored">" not in the score"</span> })}
                    <span class="toc-progress" class:complete=move || {
                        let (d, t) = progress.get();
                        kind != SectionKind::Trigger && d == t
                    }>
                        {move || {
                            if let Some(n) = m.count(s) {
                                return format!("{n} match{}", if n == 1 { "" } else { "es" });
                            }
                            let (d, t) = progress.get();
                            match kind {
                                SectionKind::Trigger => format!("{d} triggered"),
                                _ => format!("{d}/{t}"),
                            }
                        }}
                    </span>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav class="toc" aria-label="Sections">
            <h2 class="toc-title">"Sections"</h2>
            <ul>{entries}</ul>
        </nav>
    }
}

/// Below the width where the contents column shows: one "Sections" menu at the top of the page with
/// every section and the score panel, so a phone can get around without scrolling the whole form.
#[component]
pub fn JumpMenu(href: Arc<dyn Fn(&str) -> String + Send + Sync>) -> impl IntoView {
    let doc = use_doc();
    let c: Arc<Checklist> = doc.checklist.clone();
    let open = RwSignal::new(false);
    let links = c
        .sections
        .iter()
        .enumerate()
        .skip(1)
        .filter(|(s, sec)| {
            Some(*s) != c.title_section
                && sec.level <= 3
                && doc.section_counts[*s].get_untracked().total > 0
        })
        .map(|(_, sec)| {
            let link = href(&sec.slug);
            let depth = format!("toc-l{}", sec.level);
            view! { <li class=depth><a href=link on:click=move |_| open.set(false)>{shortcodes(&sec.title).into_owned()}</a></li> }
        })
        .collect_view();
    let to_score = move |_| {
        open.set(false);
        if let Some(el) = document().get_element_by_id("score-panel-title") {
            el.scroll_into_view();
        }
    };
    view! {
        <details class="jump-menu" prop:open=move || open.get() on:toggle=move |ev| {
            let d: web_sys::HtmlDetailsElement = wasm_bindgen::JsCast::unchecked_into(event_target::<web_sys::Element>(&ev));
            open.set(d.open());
        }>
            <summary data-testid="jump-menu">"Sections"</summary>
            <nav aria-label="Jump to a section">
                <p><button type="button" class="linklike" on:click=to_score>"Score and what is missing to pass"</button></p>
                <ul>{links}</ul>
            </nav>
        </details>
    }
}
