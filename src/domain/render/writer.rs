//! The one way the core writes HTML: a small writer whose only way to emit text escapes it, whose
//! tags and attributes come from closed enums (so nothing outside the allow-list can be written),
//! whose only link attribute passes the one link-safety rule, and whose nesting is bounded.

use crate::domain::text::safe_href;

/// How deep the writer nests elements; deeper content is dropped (the renderer folds such blocks
/// before they get here, so this is a backstop, never a crash).
pub const MAX_DEPTH: usize = 96;

/// Every element the core writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum Tag {
    Div,
    Span,
    P,
    H1,
    H2,
    H3,
    H4,
    H5,
    H6,
    Ul,
    Ol,
    Li,
    Label,
    Input,
    Pre,
    Code,
    Table,
    Thead,
    Tbody,
    Tr,
    Th,
    Td,
    Strong,
    Em,
    Del,
    Ins,
    B,
    I,
    Sub,
    Sup,
    Small,
    Center,
    Br,
    Hr,
    Blockquote,
    Details,
    Summary,
    A,
    Button,
    // The static page's frame (`page.rs`), never the body.
    Header,
    Main,
    Nav,
    Section,
    Aside,
    Article,
    Form,
    Textarea,
    Progress,
}

impl Tag {
    /// The element's name.
    pub fn name(self) -> &'static str {
        match self {
            Tag::Div => "div",
            Tag::Span => "span",
            Tag::P => "p",
            Tag::H1 => "h1",
            Tag::H2 => "h2",
            Tag::H3 => "h3",
            Tag::H4 => "h4",
            Tag::H5 => "h5",
            Tag::H6 => "h6",
            Tag::Ul => "ul",
            Tag::Ol => "ol",
            Tag::Li => "li",
            Tag::Label => "label",
            Tag::Input => "input",
            Tag::Pre => "pre",
            Tag::Code => "code",
            Tag::Table => "table",
            Tag::Thead => "thead",
            Tag::Tbody => "tbody",
            Tag::Tr => "tr",
            Tag::Th => "th",
            Tag::Td => "td",
            Tag::Strong => "strong",
            Tag::Em => "em",
            Tag::Del => "del",
            Tag::Ins => "ins",
            Tag::B => "b",
            Tag::I => "i",
            Tag::Sub => "sub",
            Tag::Sup => "sup",
            Tag::Small => "small",
            Tag::Center => "center",
            Tag::Br => "br",
            Tag::Hr => "hr",
            Tag::Blockquote => "blockquote",
            Tag::Details => "details",
            Tag::Summary => "summary",
            Tag::A => "a",
            Tag::Button => "button",
            Tag::Header => "header",
            Tag::Main => "main",
            Tag::Nav => "nav",
            Tag::Section => "section",
            Tag::Aside => "aside",
            Tag::Article => "article",
            Tag::Form => "form",
            Tag::Textarea => "textarea",
            Tag::Progress => "progress",
        }
    }

    /// An element with no content and no closing tag.
    fn void(self) -> bool {
        matches!(self, Tag::Input | Tag::Br | Tag::Hr)
    }

    /// The heading of a level (1–6; deeper is 6).
    pub fn heading(level: usize) -> Tag {
        [Tag::H1, Tag::H2, Tag::H3, Tag::H4, Tag::H5, Tag::H6][level.clamp(1, 6) - 1]
    }
}

/// Every attribute the core writes (links are written by [`Html::link`], never as an attribute).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum Attr {
    Id,
    Class,
    For,
    Type,
    Value,
    Start,
    Align,
    Title,
    AriaLabel,
    AriaLabelledby,
    AriaExpanded,
    Scope,
    Tabindex,
    Role,
    Name,
    DataItemId,
    DataFieldId,
    DataBlock,
    DataItem,
    DataRow,
    DataCol,
    DataSection,
    /// On a link to a heading of the checklist: the section's slug.
    DataAnchor,
    // The static page's frame (`page.rs`), never the body.
    DataTestid,
    DataFile,
    DataDoc,
    AriaLive,
    Max,
    Accept,
    Rows,
}

impl Attr {
    /// The attribute's name.
    pub fn name(self) -> &'static str {
        match self {
            Attr::Id => "id",
            Attr::Class => "class",
            Attr::For => "for",
            Attr::Type => "type",
            Attr::Value => "value",
            Attr::Start => "start",
            Attr::Align => "align",
            Attr::Title => "title",
            Attr::AriaLabel => "aria-label",
            Attr::AriaLabelledby => "aria-labelledby",
            Attr::AriaExpanded => "aria-expanded",
            Attr::Scope => "scope",
            Attr::Tabindex => "tabindex",
            Attr::Role => "role",
            Attr::Name => "name",
            Attr::DataItemId => "data-item-id",
            Attr::DataFieldId => "data-field-id",
            Attr::DataBlock => "data-block",
            Attr::DataItem => "data-item",
            Attr::DataRow => "data-row",
            Attr::DataCol => "data-col",
            Attr::DataSection => "data-section",
            Attr::DataAnchor => "data-anchor",
            Attr::DataTestid => "data-testid",
            Attr::DataFile => "data-file",
            Attr::DataDoc => "data-doc",
            Attr::AriaLive => "aria-live",
            Attr::Max => "max",
            Attr::Accept => "accept",
            Attr::Rows => "rows",
        }
    }
}

/// A boolean attribute, written bare when set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum Flag {
    Checked,
    Disabled,
    /// A score table's cell the app fills in live.
    Computed,
}

impl Flag {
    fn name(self) -> &'static str {
        match self {
            Flag::Checked => "checked",
            Flag::Disabled => "disabled",
            Flag::Computed => "data-computed",
        }
    }
}

/// HTML being written. Text and attribute values are escaped on the way in; what is open is
/// closed by [`Html::finish`].
#[derive(Debug, Default)]
pub struct Html {
    out: String,
    open: Vec<Tag>,
    /// Opens refused past [`MAX_DEPTH`], whose closes are then skipped.
    refused: usize,
}

impl Html {
    /// An empty document fragment.
    pub fn new() -> Self {
        Html::default()
    }

    /// Opens `tag` with `attrs` (values escaped) and `flags`.
    pub fn open(&mut self, tag: Tag, attrs: &[(Attr, &str)], flags: &[Flag]) {
        if self.refused > 0 || self.open.len() >= MAX_DEPTH {
            self.refused += usize::from(!tag.void());
            return;
        }
        self.out.push('<');
        self.out.push_str(tag.name());
        for (a, v) in attrs {
            self.out.push(' ');
            self.out.push_str(a.name());
            self.out.push_str("=\"");
            escape_into(&mut self.out, v);
            self.out.push('"');
        }
        for f in flags {
            self.out.push(' ');
            self.out.push_str(f.name());
        }
        self.out.push('>');
        if !tag.void() {
            self.open.push(tag);
        }
    }

    /// Closes the innermost open element.
    pub fn close(&mut self) {
        if self.refused > 0 {
            self.refused -= 1;
            return;
        }
        if let Some(tag) = self.open.pop() {
            self.out.push_str("</");
            self.out.push_str(tag.name());
            self.out.push('>');
        }
    }

    /// `<tag attrs>text</tag>`.
    pub fn element(&mut self, tag: Tag, attrs: &[(Attr, &str)], text: &str) {
        self.open(tag, attrs, &[]);
        self.text(text);
        self.close();
    }

    /// Text, escaped.
    pub fn text(&mut self, text: &str) {
        if self.refused == 0 {
            escape_into(&mut self.out, text);
        }
    }

    /// Opens a link to `href` when the one link-safety rule keeps it (a `<span>` otherwise, so the
    /// text still shows); close it with [`Html::close`].
    pub fn link(&mut self, href: &str) {
        self.link_with(href, None);
    }

    /// [`Html::link`] with a class on the link (or on the span standing for an unsafe one).
    pub fn link_with(&mut self, href: &str, class: Option<&str>) {
        match safe_href(href) {
            Some(h) if self.refused == 0 && self.open.len() < MAX_DEPTH => {
                self.out.push_str("<a href=\"");
                escape_into(&mut self.out, &h);
                self.out.push_str("\" rel=\"noopener noreferrer nofollow\"");
                if let Some(c) = class {
                    self.out.push_str(" class=\"");
                    escape_into(&mut self.out, c);
                    self.out.push('"');
                }
                self.out.push('>');
                self.open.push(Tag::A);
            }
            _ => self.open(
                Tag::Span,
                &[(Attr::Class, class.unwrap_or("unsafe-link"))],
                &[],
            ),
        }
    }

    /// Adds what another writer wrote (balanced: its open elements are closed first).
    pub fn append(&mut self, inner: Html) {
        if self.refused == 0 {
            self.out.push_str(&inner.finish());
        }
    }

    /// Opens a link to a heading of the checklist (`#Load-Balancing`): the address as written, and
    /// the section's slug for the app to scroll to (the address alone would leave the page).
    pub fn section_link(&mut self, href: &str, slug: &str) {
        if self.refused == 0 && self.open.len() < MAX_DEPTH {
            self.out.push_str("<a href=\"");
            escape_into(&mut self.out, href);
            self.out.push_str("\" data-anchor=\"");
            escape_into(&mut self.out, slug);
            self.out.push_str("\">");
            self.open.push(Tag::A);
        } else {
            self.refused += 1;
        }
    }

    /// Opens a link to one of the app's own routes (`#/…`), which needs no `rel`; any other
    /// address goes through [`Html::link`].
    pub fn route_link(&mut self, href: &str, class: Option<&str>) {
        if href.starts_with('#') && self.refused == 0 && self.open.len() < MAX_DEPTH {
            self.out.push_str("<a");
            if let Some(c) = class {
                self.out.push_str(" class=\"");
                escape_into(&mut self.out, c);
                self.out.push('"');
            }
            self.out.push_str(" href=\"");
            escape_into(&mut self.out, href);
            self.out.push_str("\">");
            self.open.push(Tag::A);
        } else {
            self.link_with(href, class);
        }
    }

    /// The HTML, every open element closed.
    pub fn finish(mut self) -> String {
        self.refused = 0;
        while !self.open.is_empty() {
            self.close();
        }
        self.out
    }
}

/// Escapes text for both element content and a double-quoted attribute value.
fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_values_are_escaped_and_links_pass_the_one_rule() {
        let mut h = Html::new();
        h.open(Tag::Div, &[(Attr::Title, "a\"><script>")], &[]);
        h.text("<img src=x onerror=alert(1)> & 'q'");
        h.link("javascript:alert(1)");
        h.text("x");
        h.close();
        h.link("https://ok.example/?a=1&b=2");
        h.text("ok");
        let out = h.finish();
        assert_eq!(
            out,
            "<div title=\"a&quot;&gt;&lt;script&gt;\">&lt;img src=x onerror=alert(1)&gt; &amp; &#39;q&#39;<span class=\"unsafe-link\">x</span><a href=\"https://ok.example/?a=1&amp;b=2\" rel=\"noopener noreferrer nofollow\">ok</a></div>"
        );
    }

    #[test]
    fn nesting_past_the_bound_is_dropped_and_closes_stay_balanced() {
        let mut h = Html::new();
        for _ in 0..(MAX_DEPTH + 50) {
            h.open(Tag::Div, &[], &[]);
            h.text("x");
        }
        for _ in 0..(MAX_DEPTH + 50) {
            h.close();
        }
        h.element(Tag::P, &[], "after");
        let out = h.finish();
        assert_eq!(out.matches("<div>").count(), MAX_DEPTH);
        assert_eq!(out.matches("</div>").count(), MAX_DEPTH);
        assert!(out.ends_with("<p>after</p>"));
    }
}
