//! The page's panel for answers carried from the last release (issue 37): where they came from,
//! how many wait, "Confirm all carried", a "Confirm this section" per section holding some, and
//! how many changed items wait for a re-review, which only their own row's button confirms.

use leptos::prelude::*;

use crate::ui::doc::use_doc;

/// Shown while carried answers wait for confirmation.
#[component]
pub fn CarriedPanel() -> impl IntoView {
    let doc = use_doc();
    move || {
        let (all, review) = doc.carried_counts();
        (all > 0).then(|| {
            let c = doc.checklist.clone();
            let from = doc.orphans.with(|o| {
                let v = o.carried_from.as_ref();
                let s = |k: &str| v.and_then(|v| v.get(k)?.as_str()).unwrap_or("").to_string();
                (s("file"), s("at"))
            });
            // Each section holding carried answers, in document order, with its item ids.
            let sections: Vec<(String, Vec<String>, usize)> = doc.orphans.with(|o| {
                let mut out: Vec<(usize, Vec<String>, usize)> = Vec::new();
                for it in c.items.iter().filter(|it| o.carried.contains_key(&it.id)) {
                    let is_review = o.awaits_review(&it.id);
                    match out.iter_mut().find(|(s, _, _)| *s == it.section) {
                        Some((_, ids, r)) => {
                            ids.push(it.id.clone());
                            *r += usize::from(is_review);
                        }
                        None => out.push((it.section, vec![it.id.clone()], usize::from(is_review))),
                    }
                }
                out.into_iter()
                    .map(|(s, ids, r)| (c.section_titles(s).join(" › "), ids, r))
                    .collect()
            });
            let bulk = all - review;
            let all_ids: Vec<String> = sections.iter().flat_map(|(_, ids, _)| ids.clone()).collect();
            let confirm_all = {
                let doc = doc.clone();
                move |_| {
                    doc.confirm_carried(&all_ids, false);
                }
            };
            let list = sections
                .into_iter()
                .map(|(title, ids, r)| {
                    let doc = doc.clone();
                    let n = ids.len() - r;
                    let label = format!("Confirm this section: {title}");
                    view! {
                        <li>
                            {format!("{title}: {} carried{}", ids.len(), if r > 0 { format!(", {r} to re-review") } else { String::new() })}
                            " "
                            <button type="button" aria-label=label disabled=n == 0
                                on:click=move |_| { doc.confirm_carried(&ids, false); }>
                                {format!("Confirm this section ({n})")}
                            </button>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="banner info carried-panel" data-testid="carried-panel" aria-label="Carried from the last release">
                    <p>{format!(
                        "{all} answer{} carried from {} (made {}) wait for confirmation: they count as open until someone confirms them.",
                        if all == 1 { "" } else { "s" },
                        from.0,
                        from.1
                    )}</p>
                    {(review > 0).then(|| view! {
                        <p data-testid="carried-review">{format!(
                            "{review} changed item{} must be re-reviewed: each is confirmed only on its own row.",
                            if review == 1 { "" } else { "s" }
                        )}</p>
                    })}
                    <button type="button" data-testid="confirm-all-carried" disabled=bulk == 0
                        on:click=confirm_all>{format!("Confirm all carried ({bulk})")}</button>
                    <details>
                        <summary>"Confirm by section"</summary>
                        <ul>{list}</ul>
                    </details>
                </section>
            }
        })
    }
}
