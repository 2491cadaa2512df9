//! Rows written in place. The form is the core's HTML; when answers change, the rows that changed
//! (the `Doc`'s row log) are written by one effect: the row's class (the core's `row_class`, plus
//! `hidden` while the filters leave it out), its checkbox, its toggle's label, a field's value.
//! The filters, the headings, the sign-off boxes and a score table's figures each have one effect
//! over every drawn row, not one per row.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement};

use crate::domain::answers::{lapsed, Status};
use crate::domain::render::{carried_block, more_label, more_summary, row_class, score_column};
use crate::domain::score::score_cell;

use super::filters::{matches, Filters, SectionMatches};
use super::slots::row_of;
use crate::ui::doc::{Doc, Rows, Touched};
use crate::ui::platform::markup::insert_rendered;

/// What writing a row needs: the document, the filters and each item's descendants (a parent
/// stays visible while a child passes the filters).
#[derive(Clone)]
pub(super) struct Writer {
    pub(super) doc: Doc,
    pub(super) filters: Filters,
    pub(super) descendants: Arc<Vec<Vec<usize>>>,
    /// Whether this page has held carried answers: until it has, writing a row never looks for a
    /// carried block (a toggle stays one row's work).
    carried_seen: StoredValue<bool>,
}

fn elements(root: &Element, selector: &str) -> Vec<Element> {
    let Ok(list) = root.query_selector_all(selector) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|k| list.item(k)?.dyn_into::<Element>().ok())
        .collect()
}

/// The index in `attr` of `el` (`data-item`, `data-section`).
fn index(el: &Element, attr: &str) -> Option<usize> {
    el.get_attribute(attr)?.parse().ok()
}

impl Writer {
    pub(super) fn new(doc: Doc, filters: Filters) -> Self {
        let c = &doc.checklist;
        let mut children: Vec<Vec<usize>> = vec![Vec::new(); c.items.len()];
        for (i, it) in c.items.iter().enumerate() {
            let mut p = it.parent;
            while let Some(parent) = p {
                children[parent].push(i);
                p = c.items[parent].parent;
            }
        }
        let carried_seen = StoredValue::new(doc.orphans.with_untracked(|o| !o.carried.is_empty()));
        Writer {
            doc,
            filters,
            descendants: Arc::new(children),
            carried_seen,
        }
    }

    /// Whether the filters leave item `i` out (read without subscribing).
    fn hidden(&self, i: usize) -> bool {
        untrack(|| {
            self.filters.active()
                && !(matches(&self.doc, self.filters, i)
                    || self.descendants[i]
                        .iter()
                        .any(|&d| matches(&self.doc, self.filters, d)))
        })
    }

    /// Writes item `i`'s row, if drawn, from its answer.
    pub(super) fn row(&self, i: usize) {
        let Some(li) = row_of(i) else {
            return;
        };
        self.row_in(&li, i);
    }

    fn row_in(&self, li: &Element, i: usize) {
        let doc = &self.doc;
        let it = &doc.checklist.items[i];
        let st = doc.items[i];
        let status = st.status.get_untracked();
        let (waived, until, reason, note, evidence) = st.extra.with_untracked(|e| {
            (
                e.waived,
                e.until.clone(),
                e.reason.clone(),
                !e.note.is_empty(),
                e.evidence.len(),
            )
        });
        let lapsed = lapsed(status, until.as_deref(), &doc.today).is_some();
        let mut class = row_class(&doc.checklist, &doc.input, i, status, waived, lapsed);
        if self.hidden(i) {
            class.push_str(" hidden");
        }
        if li.class_name() != class {
            li.set_class_name(&class);
        }
        let Some(line) = li.first_element_child() else {
            return;
        };
        // Only a page that has held carried answers looks for their blocks (a toggle stays one
        // row's work).
        let carried = doc.is_carried(&it.id);
        if carried || self.carried_seen.get_value() {
            self.carried_seen.set_value(true);
            self.sync_carried(li, &line, i, carried);
        }
        if it.signoff.is_none() {
            if let Some(input) = line
                .first_element_child()
                .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
            {
                let checked = status == Status::Done;
                if input.checked() != checked {
                    input.set_checked(checked);
                }
                let disabled = status == Status::Na;
                if input.disabled() != disabled {
                    input.set_disabled(disabled);
                }
            }
            if let Ok(Some(toggle)) = line.query_selector("button.more-toggle") {
                let summary = more_summary(
                    status,
                    waived,
                    until.as_deref(),
                    lapsed,
                    &reason,
                    note,
                    evidence,
                );
                if toggle.text_content().as_deref() != Some(summary.as_str()) {
                    toggle.set_text_content(Some(&summary));
                    let _ =
                        toggle.set_attribute("aria-label", &more_label(&summary, &doc.label(i)));
                }
            }
        }
    }

    /// A carried answer confirmed leaves its row; one that arrived after the row was drawn (an
    /// import, "Start the next release") is drawn into it by the core.
    fn sync_carried(&self, li: &Element, line: &Element, i: usize, carried: bool) {
        let doc = &self.doc;
        let drawn = li.query_selector(":scope > div.carried").ok().flatten();
        match (carried, drawn) {
            (false, Some(block)) => block.remove(),
            (true, None) => {
                let block = super::with_facts(doc, |f| {
                    doc.with_answers(|a| carried_block(&doc.checklist, a, f, i))
                });
                if let (Some((class, html)), Ok(div)) = (block, document().create_element("div")) {
                    div.set_class_name(class);
                    insert_rendered(&div, &html);
                    let _ = line.after_with_node_1(&div);
                }
            }
            _ => {}
        }
    }

    /// Writes field `f`'s input (or choice), if drawn, from its value.
    pub(super) fn field(&self, f: usize) {
        let value = self.doc.fields[f].get_untracked();
        let d = document();
        if let Some(input) = d
            .get_element_by_id(&format!("field-{f}"))
            .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
        {
            if input.value() != value {
                input.set_value(&value);
            }
            return;
        }
        if let Ok(list) = d.query_selector_all(&format!("input[name=choice-{f}]")) {
            for k in 0..list.length() {
                if let Some(r) = list
                    .item(k)
                    .and_then(|n| n.dyn_into::<HtmlInputElement>().ok())
                {
                    let on = r.value() == value;
                    if r.checked() != on {
                        r.set_checked(on);
                    }
                }
            }
        }
    }

    /// Writes every drawn row under `root` (the filters changed, or answers were replaced).
    pub(super) fn rows_under(&self, root: &Element) {
        for li in elements(root, "li[data-item]") {
            if let Some(i) = index(&li, "data-item") {
                self.row_in(&li, i);
            }
        }
    }

    /// Every drawn field under `root`.
    fn fields_under(&self, root: &Element) {
        for input in elements(root, "input.blank[id^=field-]") {
            if let Some(f) = input
                .id()
                .strip_prefix("field-")
                .and_then(|f| f.parse().ok())
            {
                self.field(f);
            }
        }
        for radio in elements(root, "span.choices > label:first-child > input[type=radio]") {
            let name = radio.get_attribute("name").unwrap_or_default();
            if let Some(f) = name.strip_prefix("choice-").and_then(|f| f.parse().ok()) {
                self.field(f);
            }
        }
    }

    /// Hides headings whose section has nothing passing the filters.
    pub(super) fn headings_under(&self, root: &Element, m: SectionMatches) {
        for h in elements(root, "[data-section]") {
            if let Some(s) = index(&h, "data-section") {
                let hide = m.empty_untracked(s);
                if h.class_list().contains("hidden") != hide {
                    let _ = h.class_list().toggle_with_force("hidden", hide);
                }
            }
        }
    }

    /// Ticks each drawn sign-off line whose sign-off counts.
    pub(super) fn signoffs_under(&self, root: &Element) {
        let c = &self.doc.checklist;
        self.doc.signed.with_untracked(|signed| {
            for (i, it) in c.items.iter().enumerate() {
                if it.signoff.is_none() {
                    continue;
                }
                if let Some(input) = document()
                    .get_element_by_id(&format!("item-{i}"))
                    .filter(|e| root.contains(Some(e)))
                    .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
                {
                    let on = signed.contains(&it.id);
                    if input.checked() != on {
                        input.set_checked(on);
                    }
                }
            }
        });
    }

    /// A score table's figures from the score.
    pub(super) fn figures_under(&self, root: &Element) {
        self.doc.breakdown.with_untracked(|b| {
            for td in elements(root, "td[data-computed]") {
                let (Some(row), Some(col)) = (
                    td.get_attribute("data-row"),
                    td.get_attribute("data-col").and_then(|c| score_column(&c)),
                ) else {
                    continue;
                };
                let figure = score_cell(b, &row, col).unwrap_or_default();
                if td.text_content().as_deref() != Some(figure.as_str()) {
                    td.set_text_content(Some(&figure));
                }
            }
        });
    }

    /// Everything under `root` just inserted: what the renderer could not know (filters).
    pub(super) fn fresh(&self, root: &Element, m: SectionMatches) {
        if self.filters.active_untracked() {
            self.rows_under(root);
            self.headings_under(root, m);
        }
    }

    /// The form's effects, over the article `root`.
    pub(super) fn follow(&self, root: NodeRef<leptos::html::Article>, m: SectionMatches) {
        {
            // The rows the answers changed.
            let w = self.clone();
            Effect::new(move |_| {
                let rows = w.doc.rows.take();
                let Some(el) = root.get_untracked() else {
                    return;
                };
                let el: &Element = el.as_ref();
                match rows {
                    Rows::All => {
                        w.rows_under(el);
                        w.fields_under(el);
                    }
                    Rows::Some(list) => {
                        for t in list {
                            match t {
                                Touched::Item(i) => w.row(i),
                                Touched::Field(f) => w.field(f),
                            }
                        }
                    }
                }
            });
        }
        {
            // The filters: every drawn row and heading, when they change (and, while they are on,
            // when any answer does, since an answer may move a row in or out).
            let w = self.clone();
            Effect::new(move |was_active: Option<bool>| {
                let active = w.filters.active();
                if active {
                    w.filters.needle.track();
                    w.doc.revision.track();
                }
                m.0.track();
                if let Some(el) = root.get_untracked() {
                    if active || was_active == Some(true) {
                        w.rows_under(el.as_ref());
                    }
                    w.headings_under(el.as_ref(), m);
                }
                active
            });
        }
        {
            let w = self.clone();
            Effect::new(move |_| {
                w.doc.signed.track();
                if let Some(el) = root.get_untracked() {
                    w.signoffs_under(el.as_ref());
                }
            });
        }
        {
            let w = self.clone();
            Effect::new(move |_| {
                w.doc.breakdown.track();
                if let Some(el) = root.get_untracked() {
                    w.figures_under(el.as_ref());
                }
            });
        }
    }
}
