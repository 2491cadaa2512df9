//! The contents: every section with items, its progress from the running section counts, and a link
//! to it.

use std::sync::Arc;

use leptos::prelude::*;

use crate::domain::model::{Checklist, SectionKind};

use crate::ui::state::use_doc;

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
            let title = sec.title.clone();
            view! {
                <li class=depth>
                    <a href=link>{title}</a>
                    <span class="toc-progress" class:complete=move || {
                        let (d, t) = progress.get();
                        kind != SectionKind::Trigger && d == t
                    }>
                        {move || {
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
