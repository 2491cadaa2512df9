//! Task items: a `[ ]` / `[x]` marker starts an item under its section and parent item; its text,
//! severity and, on sign-off lines, the role it signs for.

use super::blanks::signoff_role;
use super::*;

impl Builder<'_> {
    pub(super) fn task_marker(&mut self, checked: bool, at: usize) {
        let section = self.current_section();
        let mut parent = None;
        let mut depth = 0;
        for f in self.frames.iter().rev().skip(1) {
            if let FrameKind::Entry { item: Some(i), .. } = f.kind {
                if parent.is_none() {
                    parent = Some(i);
                }
                depth += 1;
            }
        }
        // The marker's own list item starts a little before the marker; report the marker.
        let (line, column) = self.lines.position(at);
        let idx = self.items.len();
        let mut item = Item::at(section, at, line, column);
        item.parent = parent;
        item.depth = depth;
        item.prechecked = checked;
        self.items.push(item);
        if let FrameKind::Entry {
            item,
            awaiting_text,
        } = &mut self.top().kind
        {
            *item = Some(idx);
            *awaiting_text = true;
        }
        // A task marker read inside an explicit paragraph: drop what that paragraph collected so far
        // (nothing, the marker comes first).
        if let Some(buf) = self.inline.as_mut() {
            buf.spans.clear();
            buf.offsets.clear();
            buf.start = at;
        }
    }

    pub(super) fn set_item_text(&mut self, item: ItemIdx, buf: InlineBuf) {
        let section = self.items[item].section;
        let mut buf = buf;
        if let Some(first) = buf.spans.first_mut() {
            if first.kind == SpanKind::Text {
                let lead = first.text.len() - first.text.trim_start().len();
                first.text.drain(..lead);
            }
        }
        let spans = self.split_blanks(buf, section, Some(item), None);
        let plain = plain_text(&spans);
        if plain.is_empty() {
            let (line, column) = (self.items[item].line, self.items[item].column);
            self.diags.push(Diagnostic {
                level: Level::Warning,
                line,
                column,
                message: "task item has no text".to_string(),
            });
        }
        let severity = if plain.contains('🔴') || contains_ascii_ci(&plain, "(critical)") {
            Severity::Critical
        } else if plain.contains('🟡') {
            Severity::Important
        } else {
            Severity::Normal
        };
        let fields = blanks(&spans);
        let signoff = self.signoff_spec(section, &fields, &plain, false);
        let it = &mut self.items[item];
        it.text = spans;
        it.plain = plain;
        it.severity = severity;
        it.fields = fields;
        it.signoff = signoff;
    }

    /// A task item with a blank is a sign-off when it sits under a sign-off/approval heading or has a
    /// `Date:` blank (or always, when `known`: a line read as one by its own form). Its role comes
    /// from its plain text ([`signoff_role`]), its name and date from its first blanks.
    pub(super) fn signoff_spec(
        &self,
        section: SectionIdx,
        fields: &[FieldIdx],
        plain: &str,
        known: bool,
    ) -> Option<SignOffSpec> {
        if fields.is_empty() {
            return None;
        }
        let date_field = fields
            .iter()
            .copied()
            .find(|&f| self.fields[f].kind == FieldKind::Date);
        let signoff_heading = self.signoff_ancestor(section);
        if signoff_heading.is_none() && date_field.is_none() && !known {
            return None;
        }
        let name_field = fields
            .iter()
            .copied()
            .find(|&f| self.fields[f].kind != FieldKind::Date);
        let role = signoff_role(plain);
        let group = match signoff_heading {
            Some(top) => {
                // The sub-heading directly below the sign-off heading, if the item is deeper.
                let mut cur = section;
                let mut group = top;
                while cur != top {
                    group = cur;
                    match self.sections[cur].parent {
                        Some(p) => cur = p,
                        None => break,
                    }
                }
                strip_symbols(&self.sections[group].title)
            }
            None => strip_symbols(&self.sections[section].title),
        };
        Some(SignOffSpec {
            role,
            group,
            name_field,
            date_field,
        })
    }

    /// The nearest enclosing sign-off/approval heading. The document-title heading does not count:
    /// a checklist titled "Release approval" does not make every fill-in line a sign-off.
    pub(super) fn signoff_ancestor(&self, section: SectionIdx) -> Option<SectionIdx> {
        let title_section = self.title_section();
        let mut cur = Some(section);
        while let Some(s) = cur {
            if s != 0 && Some(s) != title_section && is_signoff_heading(&self.sections[s].title) {
                return Some(s);
            }
            cur = self.sections[s].parent;
        }
        None
    }
}
