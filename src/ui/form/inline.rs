//! Inline content: text, code, links (only the targets the parser judged safe) and blanks as inputs
//! bound to their field. Text is only ever inserted as text nodes, never as HTML.

use leptos::prelude::*;

use crate::domain::model::{FieldKind, Span, SpanKind};

use super::ctx::Ctx;
use crate::ui::doc::Doc;

pub(super) fn render_spans(ctx: &Ctx, spans: &[Span]) -> AnyView {
    match spans {
        // Most text is one span: no list (and no list marker node) for it.
        [one] => render_span(ctx, one),
        _ => spans
            .iter()
            .map(|s| render_span(ctx, s))
            .collect_view()
            .into_any(),
    }
}

pub(super) fn render_span(ctx: &Ctx, span: &Span) -> AnyView {
    let inner: AnyView = match &span.kind {
        SpanKind::Text | SpanKind::Html => span.text.clone().into_any(),
        SpanKind::Code => view! { <code>{span.text.clone()}</code> }.into_any(),
        SpanKind::Break => view! { <br/> }.into_any(),
        SpanKind::SoftBreak => " ".into_any(),
        SpanKind::Blank(f) => blank_input(&ctx.doc, *f),
    };
    let mut view = inner;
    if span.style.strike {
        view = view! { <del>{view}</del> }.into_any();
    }
    if span.style.emph {
        view = view! { <em>{view}</em> }.into_any();
    }
    if span.style.strong {
        view = view! { <strong>{view}</strong> }.into_any();
    }
    if let Some(href) = &span.href {
        view =
            view! { <a href=href.clone() rel="noopener noreferrer nofollow">{view}</a> }.into_any();
    }
    view
}

/// A blank or empty table cell as an input of the right type, saved as it is typed.
pub(super) fn blank_input(doc: &Doc, f: usize) -> AnyView {
    let field = &doc.checklist.fields[f];
    let kind = match field.kind {
        FieldKind::Date => "date",
        FieldKind::Number => "number",
        FieldKind::Text => "text",
        FieldKind::Choice => return choice_input(doc, f),
    };
    let sig = doc.fields[f];
    let doc = doc.clone();
    let label = match &field.unit {
        Some(u) => format!("{} ({u})", field.label),
        None => field.label.clone(),
    };
    view! {
        <input
            class="blank"
            type=kind
            data-field-id=field.id.clone()
            aria-label=label
            prop:value=move || sig.get()
            on:input=move |ev| doc.set_field(f, event_target_value(&ev))
        />
    }
    .into_any()
}

/// A line of `☐` choices as one radio group: choosing one saves its text as the field's value.
fn choice_input(doc: &Doc, f: usize) -> AnyView {
    let field = &doc.checklist.fields[f];
    let sig = doc.fields[f];
    let name = format!("choice-{f}");
    let choices = field
        .choices
        .iter()
        .map(|(text, _)| {
            let (doc, text, name) = (doc.clone(), text.clone(), name.clone());
            let (value, chosen, shown) = (text.clone(), text.clone(), text.clone());
            view! {
                <label class="choice">
                    <input
                        type="radio"
                        name=name
                        value=value
                        prop:checked=move || sig.with(|v| *v == chosen)
                        on:change=move |_| doc.set_field(f, text.clone())
                    />
                    " "{shown}
                </label>
                " "
            }
        })
        .collect_view();
    view! {
        <span class="choices" role="radiogroup" aria-label=field.label.clone() data-field-id=field.id.clone()>
            {choices}
        </span>
    }
    .into_any()
}
