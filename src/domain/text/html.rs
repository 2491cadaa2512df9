//! The little HTML real-world checklists carry (a centred title, `<p align>`, badges, `<details>`),
//! read through a strict allow-list: what GitHub would show, where it is safe. A block that holds
//! anything else (a script, a form, a style, an unknown tag) is not shown as markup at all; the page
//! folds it away with its source one click away. Nothing here is ever handed to the browser as HTML:
//! the page builds each allowed element and text node itself.
//!
//! Decisions: links keep only `https:`, `http:` and `mailto:` targets; images are not loaded (a
//! remote image in a shared checklist tells its host who opened it, and the app's CSP allows only
//! its own images), so an `<img>` becomes its alt text, linked to the image when its source is
//! `https:`.

/// A node of an allowed HTML fragment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HtmlNode {
    /// An allowed element with its allowed attributes.
    Element {
        /// Tag name, lower case, from the allow-list.
        tag: &'static str,
        /// Allowed attributes with checked values.
        attrs: Vec<(&'static str, String)>,
        /// Children.
        children: Vec<HtmlNode>,
    },
    /// Text, entities decoded.
    Text(String),
}

const ALLOWED: &[&str] = &[
    "p", "div", "span", "center", "h1", "h2", "h3", "h4", "h5", "h6", "br", "hr", "img", "a", "b",
    "strong", "i", "em", "code", "sub", "sup", "small", "details", "summary", "ul", "ol", "li",
];
const VOID: &[&str] = &["br", "hr", "img"];

/// The allowed attributes of one tag, values checked; anything else is dropped.
fn attributes(tag: &str, raw: &[(String, String)]) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    for (name, value) in raw {
        let v = value.trim();
        match (tag, name.as_str()) {
            (_, "align")
                if matches!(v.to_ascii_lowercase().as_str(), "left" | "center" | "right") =>
            {
                out.push(("align", v.to_ascii_lowercase()))
            }
            ("a", "href") => {
                if let Some(h) = crate::domain::text::safe_href(v) {
                    out.push(("href", h));
                }
            }
            ("img", "src") if v.starts_with("https://") => out.push(("src", v.to_string())),
            ("img", "alt") => out.push(("alt", v.to_string())),
            _ => {}
        }
    }
    out
}

/// Text with the common entities decoded (`&amp;`, `&lt;`, `&gt;`, `&quot;`, `&#39;`, `&nbsp;` and
/// numeric ones); an unknown entity stays as written.
fn decode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let end = tail.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let name = &tail[1..e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" | "#39" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            }?;
            Some((c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &tail[len..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// One tag as written.
struct Tag {
    /// `</…>`.
    closing: bool,
    /// Name, lower case.
    name: String,
    /// Attributes as written (names lower case, values decoded).
    attrs: Vec<(String, String)>,
    /// `<…/>`.
    self_closing: bool,
}

/// One tag (the text between `<` and `>`); `None` if it is not well formed.
fn read_tag(inner: &str) -> Option<Tag> {
    let (closing, inner) = match inner.strip_prefix('/') {
        Some(rest) => (true, rest),
        None => (false, inner),
    };
    let self_closing = inner.ends_with('/');
    let inner = inner.trim_end_matches('/');
    let name_end = inner
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(inner.len());
    let name = inner[..name_end].to_ascii_lowercase();
    if name.is_empty() {
        return None;
    }
    let mut attrs = Vec::new();
    let mut rest = inner[name_end..].trim_start();
    while !rest.is_empty() {
        let n_end = rest
            .find(|c: char| c.is_whitespace() || c == '=')
            .unwrap_or(rest.len());
        let attr = rest[..n_end].to_ascii_lowercase();
        rest = rest[n_end..].trim_start();
        let value = if let Some(r) = rest.strip_prefix('=') {
            let r = r.trim_start();
            let (v, after) = match r.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let close = r[1..].find(q)? + 1;
                    (&r[1..close], &r[close + 1..])
                }
                _ => {
                    let e = r.find(char::is_whitespace).unwrap_or(r.len());
                    (&r[..e], &r[e..])
                }
            };
            rest = after.trim_start();
            decode(v)
        } else {
            String::new()
        };
        if !attr.is_empty() {
            attrs.push((attr, value));
        }
    }
    Some(Tag {
        closing,
        name,
        attrs,
        self_closing,
    })
}

/// An open element while reading.
struct Open {
    tag: &'static str,
    attrs: Vec<(&'static str, String)>,
    children: Vec<HtmlNode>,
}

fn close(stack: &mut Vec<Open>) {
    if stack.len() > 1 {
        if let Some(o) = stack.pop() {
            let node = HtmlNode::Element {
                tag: o.tag,
                attrs: o.attrs,
                children: o.children,
            };
            if let Some(parent) = stack.last_mut() {
                parent.children.push(node);
            }
        }
    }
}

/// One tag of inline HTML (pulldown-cmark hands a paragraph's tags over one at a time).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InlineTag {
    /// An allowed opening (or void) tag with its allowed attributes.
    Open {
        /// Tag name, from the allow-list.
        tag: &'static str,
        /// Allowed attributes with checked values.
        attrs: Vec<(&'static str, String)>,
    },
    /// An allowed closing tag.
    Close(&'static str),
}

impl InlineTag {
    /// The value of an allowed attribute of an opening tag.
    pub fn attr(&self, name: &str) -> Option<&str> {
        match self {
            InlineTag::Open { attrs, .. } => attrs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.as_str()),
            InlineTag::Close(_) => None,
        }
    }
}

/// One inline tag read through the allow-list: `None` for a tag that is not on it, or not a tag.
pub fn inline_tag(src: &str) -> Option<InlineTag> {
    let inner = src.trim().strip_prefix('<')?.strip_suffix('>')?;
    let read = read_tag(inner)?;
    let tag = *ALLOWED.iter().find(|t| **t == read.name)?;
    Some(if read.closing {
        InlineTag::Close(tag)
    } else {
        InlineTag::Open {
            tag,
            attrs: attributes(tag, &read.attrs),
        }
    })
}

/// How deep allow-listed elements may nest in one HTML block. Real checklists nest a handful
/// (`<details><summary><b>`); a block nested deeper is folded with its source, as a block with an
/// unknown tag is, so no reader (the page's drawing, dropping the tree) ever recurses thousands of
/// levels: a 5,000-deep `<div>` block crashed the tab (issue 31).
pub const MAX_HTML_NESTING: usize = 32;

/// The nodes of an HTML block, if every tag in it is on the allow-list and well formed and it
/// nests at most [`MAX_HTML_NESTING`] deep; `None` means "do not show as markup". Unclosed
/// elements are closed at the end; a stray closing tag is ignored.
pub fn safe_html(src: &str) -> Option<Vec<HtmlNode>> {
    let mut stack = vec![Open {
        tag: "",
        attrs: Vec::new(),
        children: Vec::new(),
    }];
    let mut rest = src;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            push_text(&mut stack, rest);
            break;
        };
        push_text(&mut stack, &rest[..lt]);
        let tail = &rest[lt..];
        if let Some(after) = tail.strip_prefix("<!--") {
            let end = after.find("-->")?;
            rest = &after[end + 3..];
            continue;
        }
        let gt = tail.find('>')?;
        let read = read_tag(&tail[1..gt])?;
        rest = &tail[gt + 1..];
        let tag = *ALLOWED.iter().find(|t| **t == read.name)?;
        if read.closing {
            if let Some(depth) = stack.iter().rposition(|o| o.tag == tag) {
                while stack.len() > depth {
                    close(&mut stack);
                }
            }
            continue;
        }
        if stack.len() > MAX_HTML_NESTING {
            return None;
        }
        stack.push(Open {
            tag,
            attrs: attributes(tag, &read.attrs),
            children: Vec::new(),
        });
        if read.self_closing || VOID.contains(&tag) {
            close(&mut stack);
        }
    }
    while stack.len() > 1 {
        close(&mut stack);
    }
    stack.pop().map(|root| root.children)
}

fn push_text(stack: &mut [Open], text: &str) {
    if text.is_empty() {
        return;
    }
    if let Some(top) = stack.last_mut() {
        top.children.push(HtmlNode::Text(decode(text)));
    }
}

/// An attribute value with the character references that could spell a URL scheme decoded
/// (numeric ones, `&colon;`, `&tab;`, `&newline;`), as the browser reads it.
fn decode_refs(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    let mut rest = v;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let tail = &rest[at + 1..];
        let end = tail.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let name = &tail[..e];
            match name {
                "colon" => Some(':'),
                "tab" => Some('\t'),
                "newline" => Some('\n'),
                _ => {
                    let n = name.strip_prefix('#')?;
                    let code = match n.strip_prefix('x') {
                        Some(h) => u32::from_str_radix(h, 16).ok()?,
                        None => n.parse().ok()?,
                    };
                    char::from_u32(code)
                }
            }
        });
        match (decoded, end) {
            (Some(c), Some(e)) => {
                out.push(c);
                rest = &tail[e + 1..];
            }
            _ => {
                out.push('&');
                rest = tail;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Whether `html` holds nothing that can run script: no script, frame, object, embed, style, link,
/// meta, base, form, SVG, MathML or template element, no `on*` attribute, no `javascript:`,
/// `vbscript:` or `data:` URL. What the app's default Trusted Types policy lets reach an HTML sink
/// (Leptos' compile-time templates pass; checklist text with a handler in it does not).
pub fn inert(html: &str) -> bool {
    const ELEMENTS: &[&str] = &[
        "script", "iframe", "frame", "frameset", "object", "embed", "style", "link", "meta",
        "base", "form", "svg", "math", "template", "noscript",
    ];
    const SCHEMES: &[&str] = &["javascript:", "vbscript:", "data:"];
    let lower = html.to_ascii_lowercase();
    let b = lower.as_bytes();
    let ws = |c: u8| c.is_ascii_whitespace();
    let mut k = 0;
    while k < b.len() {
        if b[k] != b'<' {
            k += 1;
            continue;
        }
        let mut j = k + 1;
        if b.get(j) == Some(&b'/') {
            j += 1;
        }
        let name_start = j;
        while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'-') {
            j += 1;
        }
        if ELEMENTS.contains(&&lower[name_start..j]) {
            return false;
        }
        if name_start == j {
            // Not a tag (`<` in text, a comment): read on.
            k = j;
            continue;
        }
        // Attributes, read as the HTML tokenizer does: a name, then `=` and a value.
        loop {
            while j < b.len() && (ws(b[j]) || b[j] == b'/') {
                j += 1;
            }
            if j >= b.len() {
                return true;
            }
            if b[j] == b'>' {
                j += 1;
                break;
            }
            let name = j;
            while j < b.len() && !ws(b[j]) && !matches!(b[j], b'=' | b'>' | b'/') {
                j += 1;
            }
            if lower[name..j].starts_with("on") {
                return false;
            }
            while j < b.len() && ws(b[j]) {
                j += 1;
            }
            if b.get(j) != Some(&b'=') {
                continue;
            }
            j += 1;
            while j < b.len() && ws(b[j]) {
                j += 1;
            }
            let (from, to) = match b.get(j) {
                Some(&q) if q == b'"' || q == b'\'' => {
                    let end = lower[j + 1..]
                        .find(q as char)
                        .map_or(b.len(), |e| j + 1 + e);
                    let v = (j + 1, end);
                    j = (end + 1).min(b.len());
                    v
                }
                _ => {
                    let from = j;
                    while j < b.len() && !ws(b[j]) && b[j] != b'>' {
                        j += 1;
                    }
                    (from, j)
                }
            };
            let value: String = decode_refs(&lower[from..to])
                .chars()
                .filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control())
                .collect();
            if value.contains("&#") || SCHEMES.iter().any(|s| value.starts_with(s)) {
                return false;
            }
        }
        k = j;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inert_html_passes_and_anything_that_can_run_script_does_not() {
        for ok in [
            "<p class=\"muted\">Filled in live</p>",
            "<span class=\"label\">Score</span>",
            "<label>Only <b>open</b> items: one, two</label>",
            "<a href=\"#/\">← All checklists</a>",
            "Online: <button type=\"button\">Go</button>",
            "<span title=\"Turn on the metadata: here\">metadata: x</span>",
            "1 < 2 and <!-- a comment -->",
            "<input value=\"&quot;&#39;&gt; it&#39;s\">",
        ] {
            assert!(inert(ok), "{ok}");
        }
        for bad in [
            "<img src=x onerror=alert(1)>",
            "<b\tonmouseover=\"x\">b</b>",
            "<div/onclick=x>",
            "<p title='a'onclick=x>",
            "<a href=\"JavaScript:alert(1)\">x</a>",
            "<a href=\"data:text/html,x\">x</a>",
            "<SCRIPT>alert(1)</SCRIPT>",
            "<iframe src=x>",
            "<svg><g/></svg>",
            "<form action=x><input></form>",
            "<style>*{}</style>",
            "<a href=\"java&#115;cript:x\">x</a>",
            "<a href=\"javascript&colon;x\">x</a>",
            "<a href=\"&#x6A;avascript:x\">x</a>",
            "<a href=' javascript:x'>x</a>",
        ] {
            assert!(!inert(bad), "{bad}");
        }
    }

    fn el(tag: &'static str, attrs: &[(&'static str, &str)], children: Vec<HtmlNode>) -> HtmlNode {
        HtmlNode::Element {
            tag,
            attrs: attrs.iter().map(|(k, v)| (*k, v.to_string())).collect(),
            children,
        }
    }

    fn text(s: &str) -> HtmlNode {
        HtmlNode::Text(s.to_string())
    }

    #[test]
    fn a_centred_header_with_a_badge_and_a_link_is_read() {
        let src = r#"<p align="center"><a href="https://example.com/x?a=1&amp;b=2" onclick="evil()"><img src="https://img.shields.io/badge/x.svg" alt="build &amp; test" width=80></a><br/>Front&#8209;end</p>"#;
        assert_eq!(
            safe_html(src),
            Some(vec![el(
                "p",
                &[("align", "center")],
                vec![
                    el(
                        "a",
                        &[("href", "https://example.com/x?a=1&b=2")],
                        vec![el(
                            "img",
                            &[
                                ("src", "https://img.shields.io/badge/x.svg"),
                                ("alt", "build & test")
                            ],
                            vec![]
                        )]
                    ),
                    el("br", &[], vec![]),
                    text("Front\u{2011}end"),
                ]
            )])
        );
    }

    #[test]
    fn details_fold_and_unclosed_tags_close_at_the_end() {
        assert_eq!(
            safe_html("<details><summary>More</summary>\n<b>bold"),
            Some(vec![el(
                "details",
                &[],
                vec![
                    el("summary", &[], vec![text("More")]),
                    text("\n"),
                    el("b", &[], vec![text("bold")])
                ]
            )])
        );
    }

    #[test]
    fn anything_off_the_list_is_not_shown_as_markup() {
        for src in [
            "<script>alert(1)</script>",
            "<p>ok</p><iframe src=https://x></iframe>",
            "<style>p{}</style>",
            "<form><input></form>",
            "<p>ok</p><object data=x></object>",
            "<p>unterminated <b",
            "<!-- unterminated",
        ] {
            assert_eq!(safe_html(src), None, "{src}");
        }
        // Unsafe link targets and image sources are dropped, the elements kept.
        assert_eq!(
            safe_html(
                r#"<a href="javascript:alert(1)">x</a><img src="http://plain/x.png" alt="y">"#
            ),
            Some(vec![
                el("a", &[], vec![text("x")]),
                el("img", &[("alt", "y")], vec![])
            ])
        );
    }
}
