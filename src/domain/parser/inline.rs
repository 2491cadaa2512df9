//! Inline content: text, code and HTML spans with their style and (safe) link, collected with their
//! source offsets, and where a finished run goes: an item's text or a paragraph.

use super::*;

impl Builder<'_> {
    /// A link or image: its target kept only when safe (else a warning, and the text stays).
    pub(super) fn start_link(&mut self, dest_url: &str, at: usize) {
        let safe = safe_href(dest_url);
        if safe.is_none() {
            self.diag(
                Level::Warning,
                at,
                format!(
                    "link to {dest_url:?} removed: only http, https, mailto and relative links are kept"
                ),
            );
        }
        self.links.push(safe);
    }

    pub(super) fn style(&self) -> Style {
        Style {
            strong: self.strong > 0,
            emph: self.emph > 0,
            strike: self.strike > 0,
        }
    }

    pub(super) fn push_text(&mut self, kind: SpanKind, text: &str, at: usize) {
        let style = self.style();
        let href = self.links.last().cloned().flatten();
        let merge = !std::mem::take(&mut self.no_merge);
        let buf = self.inline.get_or_insert_with(|| InlineBuf {
            start: at,
            ..InlineBuf::default()
        });
        if kind == SpanKind::Text && merge {
            if let Some(last) = buf.spans.last_mut() {
                if last.kind == SpanKind::Text && last.style == style && last.href == href {
                    last.text.push_str(text);
                    return;
                }
            }
        }
        buf.spans.push(Span {
            kind,
            text: text.to_string(),
            style,
            href,
        });
        buf.offsets.push(at);
    }

    /// Ends the current run of inline content: it becomes the awaiting item's text or a paragraph.
    pub(super) fn flush_inline(&mut self) {
        if self.heading.is_some() || self.table.is_some() {
            return;
        }
        let buf = self.inline.take();
        // An inline `<a>` left open ends with its paragraph.
        for _ in 0..std::mem::take(&mut self.html_links) {
            self.links.pop();
        }
        let awaiting = match &mut self.top().kind {
            FrameKind::Entry {
                item: Some(i),
                awaiting_text,
            } if *awaiting_text => {
                *awaiting_text = false;
                Some(*i)
            }
            _ => None,
        };
        let Some(mut buf) = buf else {
            if let Some(item) = awaiting {
                self.set_item_text(item, InlineBuf::default());
            }
            return;
        };
        finish_spans(&mut buf.spans);
        if let Some(item) = awaiting {
            self.set_item_text(item, buf);
            return;
        }
        if buf.spans.is_empty() {
            return;
        }
        let section = self.current_section();
        let start = buf.start;
        let spans = self.split_blanks(buf, section, None, None);
        let Some(spans) = self.form_lines(spans, start) else {
            return;
        };
        let plain = plain_text(&spans);
        self.scan_threshold(&plain);
        if self.summary.is_none() && self.frames.len() == 1 && !looks_like_metadata(&spans) {
            self.summary = Some(first_sentence(&plain));
        }
        self.top().blocks.push(Block::Paragraph { spans });
    }
}
