//! Issue 31's first step: the core renders the checklist's HTML through one writer. Over hostile
//! Markdown (every fixture, every seed, and generated input with scripts, event handlers, unsafe
//! URL schemes and deep nesting), the output holds no tag outside the writer's allow-list, no
//! `on*` attribute, no link outside http, https, mailto and relative ones, and balanced elements.

mod common;

use proptest::prelude::*;
use readiness::domain::answers::{Answers, Status};
use readiness::domain::parse;
use readiness::domain::render::render_body;

const TAGS: &[&str] = &[
    "div",
    "span",
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "label",
    "input",
    "pre",
    "code",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "strong",
    "em",
    "del",
    "b",
    "i",
    "sub",
    "sup",
    "small",
    "center",
    "br",
    "hr",
    "blockquote",
    "details",
    "summary",
    "a",
    "button",
];
const ATTRS: &[&str] = &[
    "id",
    "class",
    "for",
    "type",
    "value",
    "start",
    "align",
    "title",
    "aria-label",
    "data-item-id",
    "data-field-id",
    "data-block",
    "aria-labelledby",
    "aria-expanded",
    "scope",
    "tabindex",
    "role",
    "name",
    "data-item",
    "data-row",
    "data-col",
    "data-section",
    "data-computed",
    "href",
    "rel",
    "checked",
    "disabled",
];

/// One tag as written: closing or not, its name, its attributes as (name, value).
type TagSeen = (bool, String, Vec<(String, String)>);

/// Every tag in `html`.
fn tags(html: &str) -> Vec<TagSeen> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        let tail = &rest[lt + 1..];
        let gt = tail.find('>').expect("every < opens a tag that closes");
        let inner = &tail[..gt];
        let closing = inner.starts_with('/');
        let inner = inner.trim_start_matches('/');
        let name_end = inner.find(' ').unwrap_or(inner.len());
        let name = inner[..name_end].to_string();
        let mut attrs = Vec::new();
        let mut a = &inner[name_end..];
        while let Some(s) = a.strip_prefix(' ') {
            let end = s.find(['=', ' ']).unwrap_or(s.len());
            let key = s[..end].to_string();
            let after = &s[end..];
            if let Some(v) = after.strip_prefix("=\"") {
                let q = v.find('"').expect("quoted value");
                attrs.push((key, v[..q].to_string()));
                a = &v[q + 1..];
            } else {
                attrs.push((key, String::new()));
                a = after;
            }
        }
        out.push((closing, name, attrs));
        rest = &tail[gt + 1..];
    }
    out
}

/// Asserts the output's tags, attributes and links are the allow-list's, and elements balance.
fn assert_safe(md: &str, html: &str) {
    // The browser's default Trusted Types policy would let it through, too.
    assert!(
        readiness::domain::text::html::inert(html),
        "not inert from {md:?}"
    );
    let mut open: Vec<String> = Vec::new();
    for (closing, name, attrs) in tags(html) {
        assert!(TAGS.contains(&name.as_str()), "tag {name:?} from {md:?}");
        for (k, v) in &attrs {
            assert!(ATTRS.contains(&k.as_str()), "attribute {k:?} from {md:?}");
            assert!(!k.starts_with("on"), "{k}");
            if k == "href" {
                let lower = v.to_ascii_lowercase();
                let scheme = lower.split_once(':').map(|(s, _)| s);
                assert!(
                    matches!(scheme, None | Some("http" | "https" | "mailto"))
                        || scheme
                            .is_some_and(|s| s.contains('/') || s.contains('?') || s.contains('#')),
                    "href {v:?} from {md:?}"
                );
            }
        }
        if matches!(name.as_str(), "input" | "br" | "hr") {
            continue;
        }
        if closing {
            assert_eq!(
                open.pop().as_deref(),
                Some(name.as_str()),
                "balanced in {md:?}"
            );
        } else {
            open.push(name);
        }
    }
    assert!(open.is_empty(), "all closed: {open:?}");
}

fn render(md: &str) -> Option<String> {
    let c = parse("hostile.md", md.as_bytes()).ok()?;
    Some(render_body(&c, &Answers::default()))
}

#[test]
fn every_fixture_and_seed_renders_inside_the_allow_list() {
    let mut n = 0;
    for dir in ["tests/fixtures", "checklists"] {
        for e in std::fs::read_dir(dir).expect("dir").flatten() {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "md") {
                let md = std::fs::read_to_string(&p).expect("read");
                if let Some(html) = render(&md) {
                    assert_safe(&p.display().to_string(), &html);
                    n += 1;
                }
            }
        }
    }
    assert!(n >= 20, "{n} files rendered");
}

#[test]
fn answers_are_in_the_markup() {
    let (_, c) = common::load("lfg-platform-checklist.md");
    let mut a = Answers::default();
    a.set_status(&c.items[0].id, Status::Done, "", common::NOW);
    a.set_status(&c.items[1].id, Status::Na, "no API", common::NOW);
    let html = render_body(&c, &a);
    assert_safe("lfg", &html);
    let rows = html.matches("<input type=\"checkbox\"").count();
    assert_eq!(rows, c.items.len());
    assert_eq!(html.matches(" checked>").count(), 1);
    // The N/A item and every sign-off line (ticked only by a signature).
    assert_eq!(html.matches(" disabled>").count(), 1 + c.signoff_count());
    assert!(html.contains(&format!(
        "<li class=\"item kind-readiness done\" data-item=\"0\"><div class=\"item-row\"><input type=\"checkbox\" id=\"item-0\" data-item-id=\"{}\" checked>",
        c.items[0].id
    )), "{}", &html[..html.find("data-item=\"1\"").unwrap_or(600).min(2000)]);
    assert!(html.contains("aria-expanded=\"true\">N/A: no API</button>"));
}

#[test]
fn an_html_block_5000_deep_is_folded_with_its_source() {
    let md = format!(
        "# Deep\n\n- [ ] One\n\n{}x{}\n",
        "<div>".repeat(5000),
        "</div>".repeat(5000)
    );
    let html = render(&md).expect("renders");
    assert_safe("deep", &html);
    assert_eq!(
        html.matches("<details class=\"raw-html context\">").count(),
        1
    );
    assert!(html.matches("<div").count() < 10);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Generated hostile Markdown: scripts, handlers, unsafe schemes, entities, nesting.
    #[test]
    fn hostile_markdown_never_escapes_the_allow_list(parts in prop::collection::vec(prop_oneof![
        Just("<script>alert(1)</script>".to_string()),
        Just("<img src=x onerror=alert(1)>".to_string()),
        Just("<a href=\"javascript:alert(1)\">x</a>".to_string()),
        Just("<a href=\"JaVaScRiPt:alert(1)\">x</a>".to_string()),
        Just("[x](data:text/html,<b>)".to_string()),
        Just("[x](vbscript:msgbox)".to_string()),
        Just("<div onclick=\"x\" style=\"y\"><p align=center>t</p></div>".to_string()),
        Just("<details><summary>s</summary><b>b</b></details>".to_string()),
        Just("\"'><svg onload=alert(1)>".to_string()),
        Just("&lt;script&gt;".to_string()),
        Just("- [ ] item <b onmouseover=x>bold</b> ___\n".to_string()),
        Just("| a | b |\n|---|---|\n| <i>x</i> | [y](https://ok) |\n".to_string()),
        Just("```\n<script>\n```\n".to_string()),
        Just("> quote <iframe src=x>\n".to_string()),
        "[a-z <>\"'=/]{0,20}",
        Just("\n\n".to_string()),
        Just("# Heading <u>x</u>\n".to_string()),
    ], 1..14)) {
        let md = format!("- [ ] first\n\n{}", parts.join(" "));
        if let Some(html) = render(&md) {
            assert_safe(&md, &html);
        }
    }
}

#[test]
fn the_cli_renders_the_same_html_as_the_library() {
    let (bytes, c) = common::load("websocket-cluster-checklist.md");
    let mut a = Answers::default();
    a.set_status(&c.items[2].id, Status::Done, "", common::NOW);
    let answers = common::scratch("render-answers.json", &a.to_json());
    let (code, out, err) = common::cli(&[
        "render",
        "checklists/websocket-cluster-checklist.md",
        &answers,
    ]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(out, format!("{}\n", render_body(&c, &a)));
    assert_eq!(out.matches(" checked>").count(), 1);
    assert!(!bytes.is_empty());
    let (code, _, err) = common::cli(&["render"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("render needs TEMPLATE [ANSWERS_OR_EXPORT]"),
        "{err}"
    );
}
