//! Spec-style fixture tests: every `tests/fixtures/<case>.md` is parsed and summarised, and the
//! summary must equal `tests/fixtures/<case>.expected` line for line.
//!
//! The summary lists everything the dialect gives meaning to (sections and kinds, items with ids,
//! severity and sign-offs, fields, categories, threshold, diagnostics, links and raw HTML), so a
//! change in behaviour shows up as a readable diff. After an intended change, regenerate with
//! `UPDATE_EXPECT=1 cargo test --test fixtures` and review the diff before committing.

use std::fmt::Write as _;
use std::path::Path;

use readiness::domain::model::*;
use readiness::domain::parse;
use readiness::domain::text::centi;

fn spans_links(spans: &[Span], out: &mut String) {
    for s in spans {
        match (&s.kind, &s.href) {
            (SpanKind::Html, _) => {
                let _ = writeln!(out, "  html-as-text {:?}", s.text);
            }
            (_, Some(h)) => {
                let _ = writeln!(out, "  link {h:?} {:?}", s.text);
            }
            _ => {}
        }
    }
}

fn walk(blocks: &[Block], out: &mut String) {
    for b in blocks {
        match b {
            Block::Paragraph { spans } => spans_links(spans, out),
            Block::List { entries, .. } => {
                for e in entries {
                    walk(&e.blocks, out);
                }
            }
            Block::Quote { blocks } => walk(blocks, out),
            Block::Html { text } => {
                let _ = writeln!(out, "  html-block-as-text {text:?}");
            }
            Block::Code { lang, text } => {
                let _ = writeln!(out, "  code {lang:?} {} lines", text.lines().count());
            }
            Block::Table {
                rows, score_table, ..
            } => {
                let _ = writeln!(out, "  table rows={} score_table={score_table}", rows.len());
            }
            Block::Heading { .. } | Block::Rule => {}
        }
    }
}

/// A readable summary of everything the parser decided.
pub fn summarize(c: &Checklist) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "title {:?}", c.title);
    let _ = writeln!(out, "summary {:?}", c.summary);
    for (k, v) in &c.metadata {
        let _ = writeln!(out, "meta {k:?} {v:?}");
    }
    let _ = writeln!(out, "threshold {}", centi(c.threshold_centi));
    if !c.levels.is_empty() {
        let _ = writeln!(out, "levels {:?} default {:?}", c.levels, c.default_level);
    }
    for s in c.sections.iter().skip(1) {
        let _ = writeln!(
            out,
            "section h{} {:?} #{} {}{}",
            s.level,
            s.title,
            s.slug,
            s.kind.as_str(),
            if s.kind_from_directive {
                " (directive)"
            } else {
                ""
            }
        );
    }
    for it in &c.items {
        let mut flags = Vec::new();
        if it.prechecked {
            flags.push("[x]".to_string());
        }
        match it.severity {
            Severity::Critical => flags.push("critical".to_string()),
            Severity::Important => flags.push("important".to_string()),
            Severity::Normal => {}
        }
        if let Some(so) = &it.signoff {
            let label = |f: Option<usize>| f.map(|f| c.fields[f].label.clone());
            flags.push(format!(
                "signoff(role={:?}, group={:?}, name={:?}, date={:?})",
                so.role,
                so.group,
                label(so.name_field),
                label(so.date_field)
            ));
        }
        if let Some(r) = &it.row {
            let mark = c.source.get(r.start..r.end).unwrap_or("?");
            flags.push(format!("row({:?} {mark:?})", r.kind));
        }
        if let Some(p) = &it.preset {
            flags.push(format!(
                "preset({:?} reason={:?} note={:?} evidence={:?}{})",
                p.state,
                p.reason,
                p.note,
                p.evidence,
                p.until
                    .as_ref()
                    .map(|u| format!(" until={u:?}"))
                    .unwrap_or_default()
            ));
        }
        if let Some(l) = &it.levels {
            flags.push(format!("levels={l:?}"));
        }
        if let Some(f) = it.answer {
            flags.push(format!("answer={:?}", c.fields[f].label));
        }
        let _ = writeln!(
            out,
            "item {}:{} {} depth={} {}{} :: {}",
            it.line,
            it.column,
            it.id,
            it.depth,
            c.item_kind_str(it),
            if flags.is_empty() {
                String::new()
            } else {
                format!(" {}", flags.join(" "))
            },
            it.plain
        );
    }
    for f in &c.fields {
        let _ = writeln!(
            out,
            "field {}:{} {} {:?} label={:?} unit={:?}{}{}",
            f.line,
            f.column,
            f.id,
            f.kind,
            f.label,
            f.unit,
            if f.choices.is_empty() {
                String::new()
            } else {
                let names: Vec<&str> = f.choices.iter().map(|(t, _)| t.as_str()).collect();
                format!(" choices={names:?}")
            },
            match &f.preset {
                Some(v) => format!(" preset={v:?}"),
                None => String::new(),
            }
        );
    }
    for k in &c.categories {
        let names: Vec<&str> = k
            .sections
            .iter()
            .map(|&s| c.sections[s].title.as_str())
            .collect();
        let _ = writeln!(out, "category {:?} {}% -> {:?}", k.name, k.weight, names);
    }
    for d in &c.diagnostics {
        let _ = writeln!(out, "diagnostic {d}");
    }
    out.push_str("blocks\n");
    walk(&c.blocks, &mut out);
    for it in &c.items {
        spans_links(&it.text, &mut out);
    }
    out
}

trait KindStr {
    fn item_kind_str(&self, it: &Item) -> &'static str;
}

impl KindStr for Checklist {
    fn item_kind_str(&self, it: &Item) -> &'static str {
        self.sections[it.section].kind.as_str()
    }
}

#[test]
fn fixtures_match_expectations() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut cases: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/fixtures exists")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    cases.sort();
    assert!(
        cases.len() >= 8,
        "expected the dialect fixtures, found {}",
        cases.len()
    );
    let mut failures = Vec::new();
    for md in &cases {
        let name = md.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let bytes = std::fs::read(md).expect("fixture readable");
        let c = parse(name, &bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        let got = summarize(&c);
        let expected_path = md.with_extension("expected");
        if update {
            std::fs::write(&expected_path, &got).expect("write expectation");
            continue;
        }
        let want = std::fs::read_to_string(&expected_path).unwrap_or_else(|_| {
            panic!(
                "{} missing; run with UPDATE_EXPECT=1",
                expected_path.display()
            )
        });
        if got != want {
            let mut diff = String::new();
            for (i, (g, w)) in got.lines().zip(want.lines()).enumerate() {
                if g != w {
                    let _ = writeln!(diff, "line {}:\n  want {w}\n  got  {g}", i + 1);
                }
            }
            let _ = writeln!(
                diff,
                "({} lines expected, {} produced)",
                want.lines().count(),
                got.lines().count()
            );
            failures.push(format!("{name}:\n{diff}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
