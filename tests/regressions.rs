//! Regression tests named after the hostile inputs they stop: each must end with a clear result
//! (a checklist or a [`ParseError`]), never a hang, a stack overflow or a panic.
//!
//! Each parse runs on a thread with a deliberately small stack (so unbounded recursion would crash
//! the test) and a generous watchdog (a hang detector, not a speed goal: speed lives in the
//! benchmarks).

use std::sync::mpsc;
use std::time::Duration;

use readiness::domain::error::{MAX_INPUT_BYTES, MAX_NESTING};
use readiness::domain::model::{Block, Checklist, SpanKind};
use readiness::domain::text::sha256_hex;
use readiness::domain::{parse, ParseError};

/// Parses on a 256 KiB-stack thread; fails the test if it takes longer than `limit`.
fn parse_bounded(name: &str, input: Vec<u8>, limit: Duration) -> Result<Checklist, ParseError> {
    let (tx, rx) = mpsc::channel();
    let name = name.to_string();
    std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || {
            let _ = tx.send(parse(&name, &input));
        })
        .expect("spawn parser thread");
    rx.recv_timeout(limit)
        .unwrap_or_else(|_| panic!("parser did not finish within {limit:?} (hang or crash)"))
}

const WATCHDOG: Duration = Duration::from_secs(60);

#[test]
fn deeply_nested_blockquotes_50000_are_a_clear_error() {
    let input = format!("{} - [ ] deep\n", ">".repeat(50_000)).into_bytes();
    match parse_bounded("quotes.md", input, WATCHDOG) {
        Err(ParseError::TooDeep { line, limit, .. }) => {
            assert_eq!(line, 1);
            assert_eq!(limit, MAX_NESTING);
        }
        other => panic!("expected TooDeep, got {other:?}"),
    }
}

#[test]
fn deeply_nested_lists_are_a_clear_error() {
    let mut s = String::new();
    for depth in 0..200 {
        s.push_str(&"  ".repeat(depth));
        s.push_str("- [ ] level\n");
    }
    let err = parse_bounded("lists.md", s.into_bytes(), WATCHDOG).unwrap_err();
    assert!(matches!(err, ParseError::TooDeep { .. }), "{err}");
    assert!(
        err.to_string().contains("nested more than 64 levels"),
        "{err}"
    );
}

#[test]
fn nesting_just_under_the_limit_parses() {
    let mut s = String::new();
    for depth in 0..20 {
        s.push_str(&"  ".repeat(depth));
        s.push_str("- [ ] level\n");
    }
    let c = parse_bounded("lists.md", s.into_bytes(), WATCHDOG).expect("20 levels are fine");
    assert_eq!(c.items.len(), 20);
    assert_eq!(c.items[19].depth, 19);
}

#[test]
fn unclosed_angle_link_destinations_50000() {
    let input = "[a](<b".repeat(50_000).into_bytes();
    let c = parse_bounded("links.md", input, WATCHDOG).expect("parses as text");
    assert!(c.items.is_empty());
}

#[test]
fn ten_megabyte_file_is_rejected_before_parsing() {
    let line = "- [ ] an item that is repeated to make a very large checklist\n";
    let input = line.repeat(10 * 1024 * 1024 / line.len() + 1).into_bytes();
    let size = input.len();
    match parse_bounded("huge.md", input, WATCHDOG) {
        Err(ParseError::TooLarge { size: s, limit }) => {
            assert_eq!(s, size);
            assert_eq!(limit, MAX_INPUT_BYTES);
        }
        other => panic!("expected TooLarge, got {:?}", other.map(|c| c.items.len())),
    }
}

#[test]
fn file_just_under_the_size_limit_parses() {
    let line = "- [ ] an item in a large but acceptable checklist\n";
    let n = (MAX_INPUT_BYTES - 100) / line.len();
    let input = format!("# Big\n\n{}", line.repeat(n)).into_bytes();
    let c = parse_bounded("big.md", input, WATCHDOG).expect("under the limit");
    assert_eq!(c.items.len(), n);
}

#[test]
fn script_tags_are_text_not_html() {
    let input =
        b"# T\n\n<script>alert(1)</script>\n\n- [ ] a <script>alert(2)</script> b\n".to_vec();
    let c = parse_bounded("script.md", input, WATCHDOG).expect("parses");
    assert!(c
        .blocks
        .iter()
        .any(|b| matches!(b, Block::Html { text } if text == "<script>alert(1)</script>")));
    let html: Vec<&str> = c.items[0]
        .text
        .iter()
        .filter(|s| s.kind == SpanKind::Html)
        .map(|s| s.text.as_str())
        .collect();
    assert_eq!(html, ["<script>", "</script>"]);
}

#[test]
fn img_onerror_is_text_not_html() {
    let input = b"- [ ] x <img src=x onerror=\"alert(1)\"> y\n".to_vec();
    let c = parse_bounded("img.md", input, WATCHDOG).expect("parses");
    assert!(c.items[0]
        .text
        .iter()
        .any(|s| s.kind == SpanKind::Html && s.text.contains("onerror")));
    assert_eq!(c.items[0].plain, "x <img src=x onerror=\"alert(1)\"> y");
}

#[test]
fn javascript_links_mixed_case_and_embedded_tab_are_dropped() {
    for dest in [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "<java\tscript:alert(1)>",
        "java&#9;script:alert(1)",
        "java&#10;script:alert(1)",
        "&#x6A;avascript:alert(1)",
        " vbscript:msgbox(1)",
        "data:text/html,<script>alert(1)</script>",
        "file:///etc/passwd",
    ] {
        let input = format!("- [ ] [click]({dest})\n").into_bytes();
        let c = parse_bounded("js.md", input, WATCHDOG).expect("parses");
        let hrefs: Vec<_> = c.items[0]
            .text
            .iter()
            .filter_map(|s| s.href.clone())
            .collect();
        assert!(hrefs.is_empty(), "{dest:?} kept as {hrefs:?}");
        assert!(
            c.diagnostics.iter().any(|d| d.message.contains("removed")),
            "{dest:?}: no diagnostic"
        );
    }
}

#[test]
fn invalid_utf8_names_line_and_column() {
    let input = b"# Title\n\n- [ ] ok\n- [ ] bad \xff byte\n".to_vec();
    match parse_bounded("latin1.md", input, WATCHDOG) {
        Err(ParseError::InvalidUtf8 { line, column, byte }) => {
            assert_eq!((line, column, byte), (4, 11, 0xff));
        }
        other => panic!("expected InvalidUtf8, got {other:?}"),
    }
}

#[test]
fn html_page_instead_of_markdown_is_rejected() {
    let input = b"\n  <!DOCTYPE html><html><body>404</body></html>".to_vec();
    assert_eq!(
        parse_bounded("page.md", input, WATCHDOG).unwrap_err(),
        ParseError::HtmlPage
    );
}

#[test]
fn binary_input_is_rejected() {
    let input = b"- [ ] a\n\0\x01\x02".to_vec();
    assert!(matches!(
        parse_bounded("bin.md", input, WATCHDOG).unwrap_err(),
        ParseError::Binary { line: 2, column: 1 }
    ));
}

#[test]
fn byte_order_mark_is_ignored() {
    let input = b"\xEF\xBB\xBF# Title\n\n- [ ] a\n".to_vec();
    let c = parse_bounded("bom.md", input.clone(), WATCHDOG).expect("parses");
    assert_eq!(c.title, "Title");
    assert_eq!(c.items.len(), 1);
    // The source shown and patched has no mark; the template digest covers the exact bytes.
    assert_eq!(&*c.source, "# Title\n\n- [ ] a\n");
    assert_eq!(c.sha256(), sha256_hex(&input));
    assert_ne!(c.sha256(), sha256_hex(&input[3..]));
}

/// The template digest is computed when first asked for (issue 5: it was a fifth of parsing a
/// large file in the browser); it must still be the SHA-256 of the exact bytes, every time.
#[test]
fn template_digest_is_computed_lazily_and_exactly() {
    let input = b"# T\n\n- [ ] a\n".to_vec();
    let a = parse_bounded("a.md", input.clone(), WATCHDOG).expect("parses");
    let b = a.clone();
    assert_eq!(a.sha256(), sha256_hex(&input));
    // One has computed it and the clone has not: still equal, and the clone gets the same value.
    assert_eq!(a, b);
    assert_eq!(b.sha256(), a.sha256());
    // `printf '# T\n\n- [ ] a\n' | sha256sum`
    assert_eq!(
        a.sha256(),
        "d1b1e1ad4c3963a46cbc66622b9d5bc6c59e2683e0b442001f8ba2e577a3fcb8"
    );
}

#[test]
fn many_blanks_and_pathological_emphasis() {
    let input = format!("- [ ] {}\n{}\n", "___ ".repeat(5_000), "*_".repeat(50_000)).into_bytes();
    let c = parse_bounded("blanks.md", input, WATCHDOG).expect("parses");
    assert_eq!(c.fields.len(), 5_000);
}

/// Saved answers are keyed by item id, so ids must never change between versions. The id
/// builder was rewritten for speed (issue 5); these pin its edge cases as they always were: a
/// parent item whose text has no slug still contributes an (empty) segment, a heading of symbols
/// contributes none.
#[test]
fn ids_under_a_parent_without_a_slug_are_unchanged() {
    let c = parse(
        "ids.md",
        "- [ ] 🚀\n  - [ ] child\n\n## ✅\n\n- [ ] 🔥\n  - [ ] kid\n\n## Go\n\n- [ ] top\n  - [ ] sub\n".as_bytes(),
    )
    .unwrap();
    let ids: Vec<&str> = c.items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(
        ids,
        ["item", "/child", "item~2", "/kid", "go/top", "go/top/sub"]
    );
}

/// Items and labelled fields share one numbering rule for repeats (`~2`, `~3`…); field ids are
/// saved answers too, so this pins them as they always were.
#[test]
fn repeated_field_labels_are_numbered_like_items() {
    let c = parse(
        "f.md",
        "## Rollout\n\nOwner: ___\n\nOwner: ___\n\nOwner: ___\n\n- [ ] Check\n- [ ] Check\n"
            .as_bytes(),
    )
    .unwrap();
    let fields: Vec<&str> = c.fields.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(
        fields,
        ["rollout/owner", "rollout/owner~2", "rollout/owner~3"]
    );
    let items: Vec<&str> = c.items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(items, ["rollout/check", "rollout/check~2"]);
}

/// Issue 32: one link-safety rule for every link the app draws. Table Evidence cells keep what
/// they say as evidence (an auditor should see it), but no `javascript:`, `data:` or `vbscript:`
/// target, in any case or with embedded whitespace, passes the rule, in Markdown, in allow-listed
/// HTML, or as evidence.
#[test]
fn unsafe_link_schemes_never_pass_the_one_rule_from_any_source() {
    use readiness::domain::text::html::{safe_html, HtmlNode};
    use readiness::domain::text::safe_href;
    let hostile = [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "java\tscript:alert(1)",
        " \u{1}javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "DATA:image/svg+xml,x",
        "vbscript:msgbox(1)",
        "VBScript:x",
    ];
    for h in hostile {
        assert_eq!(safe_href(h), None, "{h:?}");
    }
    // From a table's Evidence column: kept as the item's evidence, never a safe link.
    let md = "# T\n\n| Task | Status | Evidence |\n|---|---|---|\n| A | Done | javascript:alert(1) |\n| B | Done | data:text/html,x |\n| C | Done | vbscript:x |\n| D | Done | https://ci.example/d |\n";
    let c = parse("t.md", md.as_bytes()).expect("parses");
    let evidence: Vec<String> = c
        .items
        .iter()
        .flat_map(|i| {
            i.preset
                .as_ref()
                .map(|p| p.evidence.clone())
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(evidence.len(), 4, "{evidence:?}");
    let drawn: Vec<String> = evidence.iter().filter_map(|e| safe_href(e)).collect();
    assert_eq!(drawn, vec!["https://ci.example/d".to_string()]);
    // In allow-listed HTML: the attribute is dropped, the text stays.
    for h in hostile {
        let html = format!("<a href=\"{}\">x</a>", h.replace('"', ""));
        let nodes = safe_html(&html).unwrap_or_default();
        fn hrefs(n: &[HtmlNode], out: &mut Vec<String>) {
            for n in n {
                if let HtmlNode::Element {
                    attrs, children, ..
                } = n
                {
                    out.extend(
                        attrs
                            .iter()
                            .filter(|(k, _)| *k == "href")
                            .map(|(_, v)| v.clone()),
                    );
                    hrefs(children, out);
                }
            }
        }
        let mut found = Vec::new();
        hrefs(&nodes, &mut found);
        assert!(found.is_empty(), "{h:?} gave {found:?}");
    }
}

/// Issue 31: a checklist with an HTML block nested 5,000 (and 50,000) `<div>`s deep crashed the
/// tab. The block is read (the CLI took 0.02 s), and past the nesting bound it is not markup: the
/// page folds it with its source instead of drawing thousands of nested elements.
#[test]
fn an_html_block_nested_thousands_deep_is_folded_not_drawn() {
    use readiness::domain::text::html::{safe_html, MAX_HTML_NESTING};
    for depth in [5_000usize, 50_000] {
        let block = format!("{}x{}", "<div>".repeat(depth), "</div>".repeat(depth));
        let md = format!("# Deep\n\n- [ ] Real item\n\n{block}\n\n- [ ] After\n");
        let c = parse_bounded("deep.md", md.into_bytes(), Duration::from_secs(5)).expect("parses");
        assert_eq!(c.items.len(), 2);
        assert_eq!(safe_html(&block), None, "{depth} deep is folded");
    }
    let within = format!(
        "{}x{}",
        "<div>".repeat(MAX_HTML_NESTING),
        "</div>".repeat(MAX_HTML_NESTING)
    );
    assert!(safe_html(&within).is_some());
    let over = format!(
        "{}x{}",
        "<div>".repeat(MAX_HTML_NESTING + 1),
        "</div>".repeat(MAX_HTML_NESTING + 1)
    );
    assert_eq!(safe_html(&over), None);
}
