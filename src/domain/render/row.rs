//! A task row and inline content as the core renders them: the row's class (kind, criticality,
//! level, answer), its checkbox in the answered state, its text with blanks as inputs holding their
//! values, its badges, and the "more" toggle whose label says what is recorded. The app writes the
//! same class and label in place when an answer changes, through the functions here, so a row
//! drawn at build time, drawn in the browser and kept live agree.

use super::writer::{Attr, Flag, Tag};
use super::Renderer;
use crate::domain::answers::{preset_answer, preset_status, ItemAnswer, Status};
use crate::domain::model::{Block, Checklist, FieldKind, Item, Severity};
use crate::domain::score::{Role, ScoreInput};
use crate::domain::text::emoji::shortcodes;
use crate::domain::text::spans::{Span, SpanKind};

/// The class of item `i`'s row with `status` (and `waived`): `item`, its section's kind,
/// `critical`, `not-required` at the level in force, and `done`, `na` or `na waived` (with
/// `expired` once the N/A or waiver has `lapsed`). (The app adds `hidden` while the filters leave
/// the row out.)
pub fn row_class(
    c: &Checklist,
    input: &ScoreInput,
    i: usize,
    status: Status,
    waived: bool,
    lapsed: bool,
) -> String {
    let it = &c.items[i];
    let mut class = format!("item kind-{}", c.sections[it.section].kind.as_str());
    if it.severity == Severity::Critical {
        class.push_str(" critical");
    }
    if input.items[i].role == Role::NotRequired {
        class.push_str(" not-required");
    }
    match status {
        Status::Done => class.push_str(" done"),
        Status::Na if waived => class.push_str(" na waived"),
        Status::Na => class.push_str(" na"),
        Status::Open => {}
    }
    if lapsed && status == Status::Na {
        class.push_str(" expired");
    }
    class
}

/// What the "more" toggle shows: what is recorded (the N/A or waiver, its end date, whether it
/// has `lapsed`, and its reason; a note; the number of evidence links), or what can be.
pub fn more_summary(
    status: Status,
    waived: bool,
    until: Option<&str>,
    lapsed: bool,
    reason: &str,
    has_note: bool,
    evidence: usize,
) -> String {
    let mut parts = Vec::new();
    if status == Status::Na {
        let what = if waived { "Waived" } else { "N/A" };
        parts.push(match until {
            Some(u) if lapsed => format!("{what} expired {u}: {reason}"),
            Some(u) => format!("{what} until {u}: {reason}"),
            None => format!("{what}: {reason}"),
        });
    }
    if has_note {
        parts.push("note".to_string());
    }
    if evidence > 0 {
        parts.push(format!("{evidence} evidence"));
    }
    if parts.is_empty() {
        "N/A · note · evidence".to_string()
    } else {
        parts.join(" · ")
    }
}

/// The toggle's accessible name: its summary and the item it is for.
pub fn more_label(summary: &str, item_label: &str) -> String {
    format!("{summary} for: {item_label}")
}

/// Whether an item's N/A, note and evidence controls start open: when someone recorded an N/A, a
/// note or evidence here (what a table's own cells say shows in the toggle's label only). Sign-off
/// lines have no such controls.
pub fn starts_open(it: &Item, answer: &ItemAnswer) -> bool {
    if it.signoff.is_some() {
        return false;
    }
    let from_source = it.preset.is_some() && answer.status == preset_status(it) && {
        let p = preset_answer(it);
        (&p.reason, p.waived, &p.note, &p.evidence)
            == (
                &answer.reason,
                answer.waived,
                &answer.note,
                &answer.evidence,
            )
    };
    !from_source
        && (answer.status == Status::Na || !answer.note.is_empty() || !answer.evidence.is_empty())
}

impl Renderer<'_> {
    /// Task row `i` with its nested `blocks`.
    pub(super) fn item(&mut self, i: usize, blocks: &[Block]) {
        let it = &self.c.items[i];
        let answer = self.a.answer(self.c, i);
        let is_signoff = it.signoff.is_some();
        let lapsed = answer.lapsed(self.f.today).is_some();
        let class = row_class(
            self.c,
            self.f.input,
            i,
            answer.status,
            answer.waived,
            lapsed,
        );
        let index = i.to_string();
        self.h.open(
            Tag::Li,
            &[(Attr::Class, &class), (Attr::DataItem, &index)],
            &[],
        );
        self.h.open(Tag::Div, &[(Attr::Class, "item-row")], &[]);
        let input = format!("item-{i}");
        let text_id = format!("item-{i}-text");
        let mut attrs = vec![
            (Attr::Type, "checkbox"),
            (Attr::Id, input.as_str()),
            (Attr::DataItemId, it.id.as_str()),
        ];
        if !it.fields.is_empty() {
            attrs.push((Attr::AriaLabelledby, &text_id));
        }
        let checked = if is_signoff {
            self.f.signed.contains(&it.id)
        } else {
            answer.status == Status::Done
        };
        let mut flags = Vec::new();
        if checked {
            flags.push(Flag::Checked);
        }
        if is_signoff || answer.status == Status::Na {
            flags.push(Flag::Disabled);
        }
        self.h.open(Tag::Input, &attrs, &flags);
        self.h.open(Tag::Span, &[(Attr::Class, "item-body")], &[]);
        // Items whose line holds inputs cannot sit in a `<label>` (a label may contain only its
        // own control): they are named with `aria-labelledby`.
        if it.fields.is_empty() {
            self.h.open(
                Tag::Label,
                &[(Attr::For, &input), (Attr::Class, "item-text")],
                &[],
            );
        } else {
            self.h.open(
                Tag::Span,
                &[(Attr::Id, &text_id), (Attr::Class, "item-text")],
                &[],
            );
        }
        self.spans(&it.text);
        self.h.close();
        self.h.text(" ");
        match it.severity {
            Severity::Critical => self.badge("badge critical", "critical"),
            Severity::Important => self.badge("badge important", "important"),
            Severity::Normal => {}
        }
        if self.f.input.items[i].role == Role::NotRequired {
            let text = format!("not required at {}", self.f.level.unwrap_or_default());
            self.badge("badge not-required", &text);
        }
        if !is_signoff {
            let summary = more_summary(
                answer.status,
                answer.waived,
                answer.until.as_deref(),
                lapsed,
                &answer.reason,
                !answer.note.is_empty(),
                answer.evidence.len(),
            );
            let label = more_label(&summary, &self.c.item_label(i, self.f.repeated));
            let open = if starts_open(it, &answer) {
                "true"
            } else {
                "false"
            };
            self.h.element(
                Tag::Button,
                &[
                    (Attr::Type, "button"),
                    (Attr::Class, "more-toggle"),
                    (Attr::AriaLabel, &label),
                    (Attr::AriaExpanded, open),
                ],
                &summary,
            );
        }
        self.h.close();
        self.h.close();
        if let Some(said) = crate::domain::signoff::standing::recorded_in_checklist(self.c, i) {
            let text = format!("{said}. Not a signature: it does not count toward GO.");
            self.h.element(Tag::P, &[(Attr::Class, "recorded")], &text);
        }
        self.carried(i);
        for b in blocks {
            self.block(b);
        }
        self.h.close();
    }

    fn badge(&mut self, class: &str, text: &str) {
        self.h.element(Tag::Span, &[(Attr::Class, class)], text);
        self.h.text(" ");
    }

    /// Inline content: styled text, safe links, code, blanks as inputs holding their answer.
    pub(super) fn spans(&mut self, spans: &[Span]) {
        for s in spans {
            let mut opened = 0;
            if let Some(href) = &s.href {
                match self.c.section_for_anchor(href) {
                    Some(section) => self.h.section_link(href, &section.slug),
                    None => self.h.link(href),
                }
                opened += 1;
            }
            for (on, tag) in [
                (s.style.strong, Tag::Strong),
                (s.style.emph, Tag::Em),
                (s.style.strike, Tag::Del),
            ] {
                if on {
                    self.h.open(tag, &[], &[]);
                    opened += 1;
                }
            }
            match &s.kind {
                SpanKind::Break => self.h.open(Tag::Br, &[], &[]),
                SpanKind::SoftBreak => self.h.text(" "),
                SpanKind::Blank(f) => self.blank(*f),
                SpanKind::Code => self.h.element(Tag::Code, &[], &s.text),
                SpanKind::Text => self.h.text(&shortcodes(&s.text)),
                SpanKind::Html => self.h.text(&s.text),
            }
            for _ in 0..opened {
                self.h.close();
            }
        }
    }

    /// A blank or empty table cell as an input of its kind holding its value; a line of `☐`
    /// choices as one radio group.
    fn blank(&mut self, f: usize) {
        let field = &self.c.fields[f];
        let value = self.a.field_value(field);
        let kind = match field.kind {
            FieldKind::Date => "date",
            FieldKind::Number => "number",
            FieldKind::Text => "text",
            FieldKind::Choice => return self.choices(f, value),
        };
        let label = match &field.unit {
            Some(u) => format!("{} ({u})", field.label),
            None => field.label.clone(),
        };
        let id = format!("field-{f}");
        self.h.open(
            Tag::Input,
            &[
                (Attr::Class, "blank"),
                (Attr::Type, kind),
                (Attr::Id, &id),
                (Attr::DataFieldId, &field.id),
                (Attr::AriaLabel, &label),
                (Attr::Value, value),
            ],
            &[],
        );
    }

    fn choices(&mut self, f: usize, value: &str) {
        let field = &self.c.fields[f];
        let name = format!("choice-{f}");
        self.h.open(
            Tag::Span,
            &[
                (Attr::Class, "choices"),
                (Attr::Role, "radiogroup"),
                (Attr::AriaLabel, &field.label),
                (Attr::DataFieldId, &field.id),
            ],
            &[],
        );
        for (text, _) in &field.choices {
            self.h.open(Tag::Label, &[(Attr::Class, "choice")], &[]);
            let flags: &[Flag] = if text == value { &[Flag::Checked] } else { &[] };
            self.h.open(
                Tag::Input,
                &[
                    (Attr::Type, "radio"),
                    (Attr::Name, &name),
                    (Attr::Value, text),
                ],
                flags,
            );
            self.h.text(" ");
            self.h.text(text);
            self.h.close();
            self.h.text(" ");
        }
        self.h.close();
    }
}
