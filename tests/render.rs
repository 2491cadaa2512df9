//! Issue 31's first step: the core renders the checklist's HTML through one writer. Over hostile
//! Markdown (every fixture, every seed, and generated input with scripts, event handlers, unsafe
//! URL schemes and deep nesting), the output holds no tag outside the writer's allow-list, no
//! `on*` attribute, no link outside http, https, mailto and relative ones, and balanced elements.

mod common;

use proptest::prelude::*;
use readiness::domain::answers::{Answers, Status};
use readiness::domain::model::catalog::{Catalog, CatalogEntry};
use readiness::domain::parse;
use readiness::domain::render::{checklist_page, landing_page, render_body};

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
    "data-anchor",
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
    assert_within(md, html, &[], &[]);
}

/// [`assert_safe`]'s allow-list check, with `more_tags` and `more_attrs` allowed too.
fn assert_within(md: &str, html: &str, more_tags: &[&str], more_attrs: &[&str]) {
    let mut open: Vec<String> = Vec::new();
    for (closing, name, attrs) in tags(html) {
        assert!(
            TAGS.contains(&name.as_str()) || more_tags.contains(&name.as_str()),
            "tag {name:?} from {md:?}"
        );
        for (k, v) in &attrs {
            assert!(
                ATTRS.contains(&k.as_str()) || more_attrs.contains(&k.as_str()),
                "attribute {k:?} from {md:?}"
            );
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

/// The frame's own elements and attributes (`render/page.rs`), never written in a body.
const PAGE_TAGS: &[&str] = &[
    "header", "main", "nav", "section", "aside", "article", "form", "textarea", "progress",
];
const PAGE_ATTRS: &[&str] = &[
    "data-testid",
    "data-file",
    "data-doc",
    "aria-live",
    "max",
    "accept",
    "rows",
];

#[test]
fn each_static_page_is_its_form_in_the_live_pages_frame_with_the_figures_of_empty_answers() {
    let (catalog, checklists) = bundled();
    for c in &checklists {
        let page = checklist_page(c);
        assert_eq!(page.title, format!("{} · Readiness", c.title));
        assert_within(&c.file, &page.html, PAGE_TAGS, PAGE_ATTRS);
        // The form is the one renderer's, byte for byte, with empty answers.
        let form = format!(
            "<article class=\"checklist\" data-file=\"{}\">{}</article>",
            c.file,
            render_body(c, &Answers::default())
        );
        assert_eq!(page.html.matches(&form).count(), 1, "{}", c.file);
        assert_eq!(page.html.matches("<article").count(), 1);
    }
    let lfg = &checklists[2];
    assert_eq!(lfg.file, "lfg-platform-checklist.md");
    let html = checklist_page(lfg).html;
    for shown in [
        r#"<span class="score" data-testid="readiness-score">0.00</span>"#,
        r#"<span class="of">/ 10 · minimum 8.00</span>"#,
        r#"<span class="verdict nogo" data-testid="verdict">NO-GO</span>"#,
        "<summary>7 reasons</summary>",
        "<li>sign-off missing: CTO/VP Engineering</li>",
        "0 of 183 scored items done · 197 unscored · 22 procedure steps · 0 of 6 sign-offs current",
        r#"<span data-testid="item-total">408</span> items · <code>lfg-platform-checklist.md</code>"#,
        r##"<a href="#/c/lfg-platform-checklist.md/pre-deployment-requirements">Pre-Deployment Requirements</a><span class="toc-progress">0/323</span>"##,
        r#"<span class="toc-unscored"> not in the score</span><span class="toc-progress">0/22</span>"#,
        r##"<a href="#/c/lfg-platform-checklist.md/sign-off">Sign-off</a><span class="toc-progress">0/6</span>"##,
    ] {
        assert_eq!(html.matches(shown).count(), 1, "{shown}");
    }
    // 26 sections in the contents, 25 in the menu (the sign-off section's items are all
    // sign-off lines, which only the contents lists).
    assert_eq!(html.matches(r#"<span class="toc-progress">"#).count(), 26);
    assert_eq!(
        html.split(r#"<details class="jump-menu">"#)
            .nth(1)
            .map(|m| m
                .split("</details>")
                .next()
                .unwrap_or("")
                .matches("<li ")
                .count()),
        Some(25)
    );
    // The code of empty answers, as the app shows it before anyone answers.
    let code = readiness::domain::signoff::ready::code(
        &readiness::domain::answers::digest::answers_digest(lfg, &Answers::default()),
    );
    assert_eq!(html.matches(&format!("Answers {code}")).count(), 1);
    // Every control of the toolbar waits for the app, except the menu's plain links.
    assert_eq!(html.matches(" disabled>").count() - 6, 3 + 7 + 1);

    let home = landing_page(&catalog);
    assert_eq!(home.title, "Readiness — deployment sign-off checklists");
    assert_within("landing", &home.html, PAGE_TAGS, PAGE_ATTRS);
    assert_eq!(home.html.matches(r#"<li class="card""#).count(), 5);
    assert_eq!(
        home.html
            .matches("<h3>Production Deployment Checklist — lfg-platform-checklist</h3>")
            .count(),
        1
    );
    for control in [
        r#"<input id="open-file" type="file""#,
        r#"<textarea id="paste-md" rows="4" data-testid="paste-markdown"></textarea>"#,
        r#"<button type="submit">Open pasted checklist</button>"#,
        r#"data-testid="how-scoring-works""#,
    ] {
        assert_eq!(home.html.matches(control).count(), 1, "{control}");
    }
}

#[test]
fn a_hostile_title_and_headings_stay_text_on_the_static_page() {
    let md = "# <script>alert(1)</script> \"Deploy\"\n\n## <img src=x onerror=alert(2)> Section\n\n- [ ] one\n";
    let c = parse("x\"><script>.md", md.as_bytes()).expect("parses");
    let page = checklist_page(&c);
    assert_within(md, &page.html, PAGE_TAGS, PAGE_ATTRS);
    assert!(!page.html.contains("<script"), "{}", page.html);
    assert!(!page.html.contains("<img"), "{}", page.html);
    assert!(page
        .html
        .contains("&lt;img src=x onerror=alert(2)&gt; Section"));
    assert!(page
        .html
        .contains(r#"data-doc="c:x&quot;&gt;&lt;script&gt;.md""#));
    assert!(page.html.contains("#/c/x%22%3E%3Cscript%3E.md/"));
}

#[test]
fn the_cli_writes_the_pages_the_library_writes() {
    let (catalog, checklists) = bundled();
    let (code, out, err) = common::cli(&["pages", "checklists"]);
    assert_eq!(code, Some(0), "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(v["home"]["html"], landing_page(&catalog).html);
    let docs = v["docs"].as_array().expect("docs");
    assert_eq!(docs.len(), 5);
    for (d, c) in docs.iter().zip(&checklists) {
        assert_eq!(d["file"], c.file);
        assert_eq!(d["html"], checklist_page(c).html);
        assert_eq!(d["title"], checklist_page(c).title);
    }
    let (code, _, err) = common::cli(&["pages"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("pages needs one DIR"), "{err}");
}

/// The bundled checklists, in file order, and their catalogue.
fn bundled() -> (Catalog, Vec<readiness::domain::Checklist>) {
    let mut entries = Vec::new();
    let mut checklists = Vec::new();
    for file in [
        "dojopool-deployment-checklist.md",
        "dojopool-phased-rollout.md",
        "lfg-platform-checklist.md",
        "platform-deployment-checklist.md",
        "websocket-cluster-checklist.md",
    ] {
        let (bytes, c) = common::load(file);
        entries.push(CatalogEntry::new(&c, bytes.len()));
        checklists.push(c);
    }
    (Catalog::new(entries), checklists)
}

#[test]
fn a_link_to_one_of_the_checklists_headings_names_its_section() {
    let md = "# Runbook\n\n- [Load Balancing](#Load-Balancing)\n- [Caches](#caches)\n- [Elsewhere](#nowhere)\n- [Site](https://example.com/#Load-Balancing)\n\n## Load Balancing\n\n- [ ] Health checks on\n\n## Caches\n\n- [ ] Warm\n";
    let c = parse("contents.md", md.as_bytes()).expect("parses");
    let html = render_body(&c, &Answers::default());
    assert_safe(md, &html);
    assert!(
        html.contains(
            r##"<a href="#Load-Balancing" data-anchor="load-balancing">Load Balancing</a>"##
        ),
        "{html}"
    );
    assert!(
        html.contains(r##"<a href="#caches" data-anchor="caches">Caches</a>"##),
        "{html}"
    );
    // An anchor that names no heading, and another page's, stay plain links.
    assert!(
        html.contains(r##"<a href="#nowhere" rel="noopener noreferrer nofollow">Elsewhere</a>"##),
        "{html}"
    );
    assert!(html.contains(r##"<a href="https://example.com/#Load-Balancing" rel="noopener noreferrer nofollow">Site</a>"##), "{html}");
    assert_eq!(html.matches("data-anchor=").count(), 2);
    assert_eq!(
        c.section_for_anchor("#Load%20Balancing")
            .map(|s| s.slug.as_str()),
        Some("load-balancing")
    );
    assert_eq!(c.section_for_anchor("#/c/x.md"), None);
}

#[test]
fn names_and_a_date_a_sign_off_table_records_show_on_the_line_and_never_count() {
    let md = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/table-recorded-signoffs.md"),
    )
    .expect("fixture");
    let c = parse("table-recorded-signoffs.md", md.as_bytes()).expect("parses");
    let html = render_body(&c, &Answers::default());
    assert_safe(&md, &html);
    assert_eq!(
        html.matches(r#"<p class="recorded">"#).count(),
        1,
        "only the line that records something: {html}"
    );
    assert!(html.contains(r#"<p class="recorded">Recorded in the checklist: alice@ bob@, 2022-06-16. Not a signature: it does not count toward GO.</p>"#), "{html}");
    // The name and date inputs hold what the table records.
    assert!(html.contains(r#"value="alice@ bob@""#), "{html}");
    assert!(html.contains(r#"value="2022-06-16""#), "{html}");
    // Not a signature: both lines are missing, each told apart by its section, and the line is
    // not ticked by the row's "Done".
    let b = readiness::domain::score::score_checklist(&c, &Answers::default(), &common::rules());
    let reasons: Vec<String> = b.reasons.iter().map(|r| r.to_string()).collect();
    assert_eq!(
        reasons
            .iter()
            .filter(|r| r.starts_with("sign-off missing: Reviewer"))
            .count(),
        2,
        "{reasons:?}"
    );
    let line = c
        .items
        .iter()
        .position(|i| i.id == "design-review/reviewer-s")
        .expect("line");
    assert!(!c.items[line].prechecked);
    // The record keeps them as the line's fields, and its verdict is NO-GO.
    let r = readiness::domain::audit::export(&c, &Answers::default(), "test", &common::rules());
    let rec = r
        .items
        .iter()
        .find(|i| i.id == "design-review/reviewer-s")
        .expect("line");
    let fields: Vec<(&str, &str)> = rec
        .fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(
        fields,
        [
            ("design-review/reviewer-s#date", "2022-06-16"),
            ("design-review/reviewer-s#name", "alice@ bob@")
        ]
    );
    assert_eq!(r.verdict.decision, readiness::domain::score::Verdict::NoGo);
}

#[test]
fn emoji_shortcodes_show_as_github_shows_them_and_ids_keep_the_text_as_written() {
    let md = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/emoji-shortcodes.md"),
    )
    .expect("fixture");
    let c = parse("emoji-shortcodes.md", md.as_bytes()).expect("parses");
    let html = render_body(&c, &Answers::default());
    assert_safe(&md, &html);
    assert!(html.contains(">🔧 Maintainability</h2>"), "{html}");
    assert!(html.contains("Dependencies updated ✅ in CI"), "{html}");
    assert!(html.contains("<code>:wrench:</code>"), "{html}");
    assert!(html.contains("at 10:30:00, :not_an_emoji:"), "{html}");
    assert!(html.contains("Secrets rotated 👍"), "{html}");
    // Anchors and ids are GitHub's, from the text as written.
    assert!(html.contains(r#"id="s-wrench-maintainability""#), "{html}");
    assert_eq!(
        c.items[0].id,
        "wrench-maintainability/dependencies-updated-white-check-mark-in-ci"
    );
    // The static page's title and contents show them too.
    let page = checklist_page(&c);
    assert_eq!(page.title, "🚀 Launch review · Readiness");
    assert!(page.html.contains("🔒 Security"), "{}", page.html);
}
