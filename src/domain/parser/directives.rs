//! `<!-- readiness: ... -->` directives (section kind, weight, threshold, shared-signers) in HTML
//! comments, the YAML-style metadata block, and inline HTML: in a paragraph read through the
//! allow-list, in an item's text or a heading kept as literal text (ids are made from it).

use super::*;

impl Builder<'_> {
    pub(super) fn inline_html(&mut self, html: &str, at: usize) {
        let trimmed = html.trim();
        if trimmed.starts_with("<!--") {
            let target = self.heading.map(|_| usize::MAX).or(self.after_heading);
            self.directives_in(trimmed, at, target);
            return;
        }
        // Item text and headings keep inline HTML as text: their ids are made from it.
        let item_text = matches!(
            self.top().kind,
            FrameKind::Entry {
                item: Some(_),
                awaiting_text: true
            }
        );
        if item_text || self.heading.is_some() || self.table.is_some() {
            self.push_text(SpanKind::Html, html, at);
            return;
        }
        self.paragraph_html(trimmed, at);
    }

    /// Inline HTML in a paragraph, through the same allow-list as HTML blocks: a link stays a
    /// (safe) link, an image becomes its alt text (linked to its `https:` source when not already
    /// in a link), bold and italics stay, a line break is a space, and any other tag, allowed or
    /// not, is dropped with its text kept. Nothing is shown as source.
    fn paragraph_html(&mut self, tag: &str, at: usize) {
        use crate::domain::text::html::{inline_tag, InlineTag};
        let Some(t) = inline_tag(tag) else {
            return;
        };
        match &t {
            InlineTag::Open { tag: "a", .. } => {
                self.links.push(t.attr("href").map(str::to_string));
                self.html_links += 1;
            }
            InlineTag::Close("a") if self.html_links > 0 => {
                self.html_links -= 1;
                self.links.pop();
            }
            InlineTag::Open { tag: "img", .. } => {
                let alt = t
                    .attr("alt")
                    .filter(|a| !a.trim().is_empty())
                    .unwrap_or("image");
                let linked = self.links.last().is_some_and(Option::is_some);
                match t.attr("src").filter(|_| !linked) {
                    Some(src) => {
                        self.links.push(Some(src.to_string()));
                        self.push_text(SpanKind::Text, alt, at);
                        self.links.pop();
                    }
                    None => self.push_text(SpanKind::Text, alt, at),
                }
            }
            InlineTag::Open {
                tag: "b" | "strong",
                ..
            } => self.strong += 1,
            InlineTag::Close("b" | "strong") => self.strong = self.strong.saturating_sub(1),
            InlineTag::Open {
                tag: "i" | "em", ..
            } => self.emph += 1,
            InlineTag::Close("i" | "em") => self.emph = self.emph.saturating_sub(1),
            InlineTag::Open { tag: "br", .. } => self.push_text(SpanKind::Text, " ", at),
            _ => {}
        }
    }

    /// Handles the text of an HTML block: comments are dropped (their directives applied), the rest
    /// is kept as literal text.
    pub(super) fn html_block_text(&mut self, text: &str, start: usize) {
        let mut rest = text;
        let mut visible = String::new();
        while let Some(open) = rest.find("<!--") {
            visible.push_str(&rest[..open]);
            let after = &rest[open..];
            let (comment, next) = match after[4..].find("-->") {
                Some(close) => (&after[..close + 7], &after[close + 7..]),
                None => (after, ""),
            };
            let offset = start + (text.len() - rest.len()) + open;
            self.directives_in(comment, offset, self.after_heading);
            rest = next;
        }
        visible.push_str(rest);
        if self.first_h1.is_none() && self.html_title.is_none() && self.sections.len() == 1 {
            if let Some(title) = html_h1(&visible) {
                self.html_title = Some((title, start + text.len()));
            }
        }
        if !visible.trim().is_empty() {
            self.after_heading = None;
            self.top().blocks.push(Block::Html {
                text: visible.trim_end().to_string(),
            });
        }
    }

    /// Applies `<!-- readiness: ... -->` directives. `target` is the section a kind or weight applies
    /// to (`usize::MAX` = the heading being read); `None` means the comment is not next to a heading.
    pub(super) fn directives_in(&mut self, comment: &str, at: usize, target: Option<usize>) {
        let inner = comment
            .trim_start_matches("<!--")
            .trim_end_matches("-->")
            .trim();
        let Some(body) = inner
            .get(..10)
            .filter(|p| p.eq_ignore_ascii_case("readiness:"))
            .map(|_| &inner[10..])
        else {
            return;
        };
        for word in body
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|w| !w.is_empty())
        {
            let lower = word.to_ascii_lowercase();
            if let Some(value) = lower.strip_prefix("threshold=") {
                match parse_number(value) {
                    Some(v) if (0.0..=10.0).contains(&v) => {
                        self.threshold = Some((v * 100.0).round() as u32)
                    }
                    _ => self.diag(
                        Level::Error,
                        at,
                        format!("directive threshold={value:?}: expected a number from 0 to 10"),
                    ),
                }
                continue;
            }
            if lower == "shared-signers" {
                self.shared_signers = true;
                continue;
            }
            if lower.starts_with("level=") {
                // Checked against the level columns once the whole file is read.
                self.level_directive = Some(word["level=".len()..].to_string());
                continue;
            }
            let section = match target {
                Some(usize::MAX) => None,
                Some(s) => Some(s),
                None => {
                    self.diag(
                        Level::Error,
                        at,
                        format!("directive {word:?} must be on its heading's line or right after the heading"),
                    );
                    continue;
                }
            };
            if let Some(kind) = SectionKind::from_keyword(&lower) {
                match section {
                    Some(s) => self.set_kind(s, kind),
                    None => self.pending_heading_kind(kind),
                }
            } else if let Some(value) = lower.strip_prefix("weight=") {
                match parse_number(value.trim_end_matches('%')) {
                    Some(v) if v > 0.0 && v <= 100.0 => match section {
                        Some(s) => self.sections[s].weight_directive = Some(v),
                        None => self.pending_weight = Some(v),
                    },
                    _ => self.diag(
                        Level::Error,
                        at,
                        format!("directive weight={value:?}: expected a percentage above 0 and at most 100"),
                    ),
                }
            } else {
                self.diag(
                    Level::Error,
                    at,
                    format!("unknown directive {word:?}: expected readiness, trigger, procedure, weight=N, threshold=X, level=L or shared-signers"),
                );
            }
        }
    }
}

/// `key: value` lines of a YAML-style metadata block (scalars only; the rest is ignored).
pub(super) fn parse_metadata(text: &str) -> Vec<(String, String)> {
    text.lines()
        .filter_map(|l| {
            let (k, v) = l.split_once(':')?;
            if k.starts_with(' ') || k.trim().is_empty() {
                return None;
            }
            let v = v.trim().trim_matches('"').trim_matches('\'');
            Some((k.trim().to_string(), v.to_string()))
        })
        .collect()
}

/// The text of an HTML block's first `<h1>` (`<h1 align="center">Readiness</h1>`), tags dropped
/// and entities decoded, if it has one with text.
fn html_h1(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    let open = lower.find("<h1")?;
    if !matches!(
        lower.as_bytes().get(open + 3),
        Some(b'>' | b' ' | b'\t' | b'\n' | b'\r')
    ) {
        return None;
    }
    let from = open + lower[open..].find('>')? + 1;
    let to = from + lower[from..].find("</h1")?;
    let inner = &html[from..to];
    let text = match crate::domain::text::html::safe_html(inner) {
        Some(nodes) => text_of(&nodes),
        None => {
            // Tags outside the allow-list: their text, tags dropped.
            let mut out = String::new();
            let mut in_tag = false;
            for c in inner.chars() {
                match c {
                    '<' => in_tag = true,
                    '>' => in_tag = false,
                    c if !in_tag => out.push(c),
                    _ => {}
                }
            }
            out
        }
    };
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}

/// The text of HTML nodes, in order.
fn text_of(nodes: &[crate::domain::text::html::HtmlNode]) -> String {
    use crate::domain::text::html::HtmlNode;
    nodes
        .iter()
        .map(|n| match n {
            HtmlNode::Text(t) => t.clone(),
            HtmlNode::Element { children, .. } => text_of(children),
        })
        .collect()
}
