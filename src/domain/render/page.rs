//! The static pages, written at build time without a browser (`readiness pages`, called by
//! `scripts/postbuild.mjs`): the landing page and each bundled checklist's first screen, so they
//! paint before the wasm arrives.
//!
//! A checklist's page is its form, written by the one renderer ([`super::render_body`], empty
//! answers) — the very markup the app then adopts and keeps live — inside a frame that stands in
//! for the live parts the app draws around it: the summary with the score, verdict and reasons of
//! empty answers, the toolbar (its controls disabled until the app is live), the contents with
//! each section's count, and the answers' code. The frame uses the live page's elements and
//! classes, so nothing moves when the app's own frame replaces it; a browser test holds the two to
//! the same text and figures. What only the app can show (saved answers, the score panel,
//! sign-off controls) is absent here and appears when the app is live.

use crate::domain::answers::digest::answers_digest;
use crate::domain::answers::Answers;
use crate::domain::model::catalog::Catalog;
use crate::domain::model::{Checklist, SectionKind};
use crate::domain::score::{counts_line, section_counts, Counts};
use crate::domain::signoff::ready;
use crate::domain::text::emoji::shortcodes;
use crate::domain::text::{centi, uri_component};

use super::writer::{Attr, Flag, Html, Tag};
use super::{blocks_html, Prepared};

/// One static page: its title and what goes inside its `<div id="boot" data-live="static">`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaticPage {
    /// The document's title, as the app sets it.
    pub title: String,
    /// The page's HTML.
    pub html: String,
}

/// The app's route to a bundled checklist, or to a section of it (as `route.rs` writes it).
fn route(file: &str, section: Option<&str>) -> String {
    match section {
        Some(s) => format!("#/c/{}/{}", uri_component(file), uri_component(s)),
        None => format!("#/c/{}", uri_component(file)),
    }
}

/// The landing page: the catalogue's cards ("Not started": saved progress is the app's to show),
/// how the score works, and the ways to open another checklist, which `public/boot.js` keeps
/// working until the app is live.
pub fn landing_page(catalog: &Catalog) -> StaticPage {
    let mut h = Html::new();
    top(&mut h);
    h.element(Tag::H1, &[], "Checklists");
    h.open(
        Tag::P,
        &[
            (Attr::Class, "intro"),
            (Attr::DataTestid, "how-scoring-works"),
        ],
        &[],
    );
    h.text("Each checklist is a form. Its score table weights categories of items; a category scores 10 × done ÷ applicable (N/A items drop out), and the score is the weighted mean out of 10. ");
    h.element(Tag::Strong, &[], "GO");
    h.text(" needs the score at or above the checklist's minimum, no critical item open, no failure trigger checked, and every sign-off signed over the current answers; anything else is ");
    h.element(Tag::Strong, &[], "NO-GO");
    h.text(", with the reasons listed.");
    h.close();
    h.element(Tag::H2, &[], "Bundled with this site");
    h.open(
        Tag::Ul,
        &[(Attr::Class, "cards"), (Attr::DataTestid, "catalog")],
        &[],
    );
    for e in catalog.distinct_titles() {
        h.open(
            Tag::Li,
            &[(Attr::Class, "card"), (Attr::DataFile, &e.file)],
            &[],
        );
        h.route_link(&route(&e.file, None), None);
        h.element(Tag::H3, &[], &e.title);
        h.close();
        h.open(Tag::P, &[(Attr::Class, "file")], &[]);
        h.element(Tag::Code, &[], &e.file);
        h.close();
        h.element(Tag::P, &[(Attr::Class, "card-summary")], &e.summary);
        h.open(Tag::P, &[(Attr::Class, "meta")], &[]);
        h.element(
            Tag::Span,
            &[(Attr::DataTestid, "item-count")],
            &e.items.to_string(),
        );
        h.text(" items");
        if e.signoffs > 0 {
            h.text(&format!(" · {} sign-offs", e.signoffs));
        }
        h.close();
        h.open(
            Tag::Progress,
            &[
                (Attr::Max, "100"),
                (Attr::Value, "0"),
                (Attr::AriaLabel, "Progress"),
            ],
            &[],
        );
        h.close();
        h.element(Tag::P, &[(Attr::Class, "meta muted")], "Not started");
        h.close();
    }
    h.close();
    open_own(&mut h);
    h.open(Tag::Details, &[(Attr::Class, "keys-later")], &[]);
    h.element(
        Tag::Summary,
        &[],
        "Signing key (created at your first sign-off; import one here)",
    );
    h.close();
    StaticPage {
        title: "Readiness — deployment sign-off checklists".to_string(),
        html: h.finish(),
    }
}

/// The skip link, the top bar (as on every page of the app) and the opening of `<main>`.
fn top(h: &mut Html) {
    h.route_link("#main", Some("skip"));
    h.text("Skip to content");
    h.close();
    h.open(Tag::Header, &[(Attr::Class, "topbar")], &[]);
    h.route_link("#/", Some("brand"));
    h.text("Readiness");
    h.close();
    h.element(
        Tag::Span,
        &[(Attr::Class, "tagline")],
        "Production deployment sign-off",
    );
    h.open(
        Tag::Nav,
        &[(Attr::Class, "topnav"), (Attr::AriaLabel, "Main")],
        &[],
    );
    for (href, label) in [("#/", "Checklists"), ("#/audit", "Audit an export")] {
        h.route_link(href, None);
        h.text(label);
        h.close();
    }
    h.close();
    h.close();
    h.open(
        Tag::Main,
        &[(Attr::Id, "main"), (Attr::Tabindex, "-1")],
        &[],
    );
}

/// "Open your own checklist": a file, a drop, a paste (kept by `boot.js` until the app is live).
fn open_own(h: &mut Html) {
    h.open(
        Tag::Section,
        &[
            (Attr::Class, "open-own"),
            (Attr::AriaLabelledby, "open-own-title"),
        ],
        &[],
    );
    h.element(
        Tag::H2,
        &[(Attr::Id, "open-own-title")],
        "Open your own checklist",
    );
    h.open(Tag::Div, &[(Attr::Class, "dropzone")], &[]);
    h.element(
        Tag::Label,
        &[(Attr::For, "open-file")],
        "Markdown file (or drop one here)",
    );
    h.open(
        Tag::Input,
        &[
            (Attr::Id, "open-file"),
            (Attr::Type, "file"),
            (Attr::Accept, ".md,.markdown,.txt,text/markdown,text/plain"),
            (Attr::DataTestid, "open-file"),
        ],
        &[],
    );
    h.close();
    h.open(Tag::Form, &[], &[]);
    h.element(Tag::Label, &[(Attr::For, "paste-md")], "…or paste Markdown");
    h.element(
        Tag::Textarea,
        &[
            (Attr::Id, "paste-md"),
            (Attr::Rows, "4"),
            (Attr::DataTestid, "paste-markdown"),
        ],
        "",
    );
    h.element(
        Tag::Button,
        &[(Attr::Type, "submit")],
        "Open pasted checklist",
    );
    h.close();
    h.open(Tag::P, &[(Attr::Class, "muted")], &[]);
    h.text("Or link to one: add ");
    h.element(Tag::Code, &[], "?src=https://…/checklist.md");
    h.text(" to this page's address (same origin, or a server that allows CORS).");
    h.close();
    h.close();
}

/// A bundled checklist's first screen: the frame of its live page around its form, every figure
/// that of empty answers.
pub fn checklist_page(c: &Checklist) -> StaticPage {
    let answers = Answers::default();
    let prepared = Prepared::new(c, &answers);
    let facts = prepared.facts();
    let b = &prepared.breakdown;
    let mut h = Html::new();
    top(&mut h);
    h.open(Tag::P, &[(Attr::Class, "back")], &[]);
    h.route_link("#/", None);
    h.text("← All checklists");
    h.close();
    h.close();
    let doc = format!("c:{}", c.file);
    h.open(
        Tag::Div,
        &[(Attr::Class, "doc"), (Attr::DataDoc, &doc)],
        &[],
    );

    // The summary.
    h.open(
        Tag::Section,
        &[
            (Attr::Class, "summary"),
            (Attr::AriaLabel, "Readiness summary"),
        ],
        &[],
    );
    h.open(Tag::Div, &[(Attr::Class, "score-box")], &[]);
    h.element(Tag::Span, &[(Attr::Class, "label")], "Score");
    h.element(
        Tag::Span,
        &[
            (Attr::Class, "score"),
            (Attr::DataTestid, "readiness-score"),
        ],
        &centi(b.score_centi),
    );
    h.element(
        Tag::Span,
        &[(Attr::Class, "of")],
        &format!("/ 10 · minimum {}", centi(b.threshold_centi)),
    );
    h.close();
    h.open(Tag::Div, &[(Attr::Class, "verdict-box")], &[]);
    let go = b.verdict.is_go();
    h.element(
        Tag::Span,
        &[
            (Attr::Class, if go { "verdict go" } else { "verdict nogo" }),
            (Attr::DataTestid, "verdict"),
        ],
        b.verdict.as_str(),
    );
    h.open(Tag::Details, &[(Attr::Class, "reasons")], &[]);
    h.element(Tag::Summary, &[], &b.reasons_label());
    h.open(
        Tag::Ul,
        &[
            (Attr::DataTestid, "verdict-reasons"),
            (Attr::Tabindex, "0"),
            (Attr::AriaLabel, "Reasons for the verdict"),
        ],
        &[],
    );
    for r in &b.reasons {
        h.element(Tag::Li, &[], &r.to_string());
    }
    h.close();
    h.close();
    h.close();
    let (done, applicable) = b.categories.iter().fold((0, 0), |(d, a), k| {
        (d + k.counts.done, a + k.counts.applicable())
    });
    h.open(Tag::Div, &[(Attr::Class, "progress-box")], &[]);
    h.element(
        Tag::Span,
        &[(Attr::Class, "label"), (Attr::DataTestid, "summary-counts")],
        &counts_line(b, 0, prepared.input.signoffs.len()),
    );
    let pct = (done * 100)
        .checked_div(applicable)
        .unwrap_or(0)
        .to_string();
    h.open(
        Tag::Progress,
        &[
            (Attr::Max, "100"),
            (Attr::AriaLabel, "Scored items done"),
            (Attr::Value, &pct),
        ],
        &[],
    );
    h.close();
    h.close();
    h.close();

    // Each section's counts of empty answers, for the menu and the contents.
    let counts = section_counts(c, &prepared.input, |i| prepared.input.items[i].status);
    toolbar(&mut h, c, &counts);
    // The hand-off bar: the code of these (empty) answers.
    let code = ready::code(&answers_digest(c, &answers));
    h.open(
        Tag::Div,
        &[
            (Attr::Class, "handoff folded"),
            (Attr::DataTestid, "handoff"),
        ],
        &[],
    );
    h.open(Tag::P, &[], &[]);
    h.element(
        Tag::Span,
        &[(Attr::DataTestid, "ready-state")],
        &format!("Answers {code}"),
    );
    h.text(" ");
    h.open(
        Tag::Button,
        &[
            (Attr::Type, "button"),
            (Attr::DataTestid, "mark-ready"),
            (Attr::Title, MARK_READY_TITLE),
        ],
        &[Flag::Disabled],
    );
    h.text("Mark ready for sign-off");
    h.close();
    h.close();
    h.close();

    h.open(Tag::Div, &[(Attr::Class, "doc-columns")], &[]);
    contents(&mut h, c, &prepared, &counts);
    h.open(Tag::Div, &[(Attr::Class, "doc-main")], &[]);
    h.open(Tag::P, &[(Attr::Class, "meta")], &[]);
    h.element(
        Tag::Span,
        &[(Attr::DataTestid, "item-total")],
        &c.items.len().to_string(),
    );
    h.text(" items · ");
    h.element(Tag::Code, &[], &c.file);
    h.close();
    h.open(
        Tag::Article,
        &[(Attr::Class, "checklist"), (Attr::DataFile, &c.file)],
        &[],
    );
    h.append(blocks_html(c, &answers, &facts, &c.blocks));
    h.close();
    h.close();
    h.open(Tag::Aside, &[(Attr::Class, "doc-side")], &[]);
    StaticPage {
        title: format!("{} · Readiness", shortcodes(&c.title)),
        html: h.finish(),
    }
}

/// The page's actions, in the toolbar's order: the first five are the team module's (issue 35),
/// whose places the app holds with these labels until it is there.
pub const ACTIONS: [&str; 7] = [
    "Export",
    "Copy as Markdown",
    "Print",
    "For auditors' tools…",
    "Share link",
    "Open answers…",
    "Clear answers",
];

/// What "Mark ready for sign-off" does, said on the button.
pub const MARK_READY_TITLE: &str =
    "Everyone then signs these exact answers; a later change asks first";

/// The toolbar: the "Sections" menu (plain links, which work before the app does) and the
/// filters and actions, disabled until the app is live.
fn toolbar(h: &mut Html, c: &Checklist, counts: &[Counts]) {
    h.open(
        Tag::Div,
        &[(Attr::Class, "toolbar"), (Attr::Role, "search")],
        &[],
    );
    h.open(Tag::Details, &[(Attr::Class, "jump-menu")], &[]);
    h.element(Tag::Summary, &[(Attr::DataTestid, "jump-menu")], "Sections");
    h.open(Tag::Nav, &[(Attr::AriaLabel, "Jump to a section")], &[]);
    h.open(Tag::Ul, &[], &[]);
    for (s, sec) in c.sections.iter().enumerate().skip(1) {
        if Some(s) != c.title_section && sec.level <= 3 && counts[s].total > 0 {
            h.open(
                Tag::Li,
                &[(Attr::Class, &format!("toc-l{}", sec.level))],
                &[],
            );
            h.route_link(&route(&c.file, Some(&sec.slug)), None);
            h.text(&shortcodes(&sec.title));
            h.close();
            h.close();
        }
    }
    h.close();
    h.close();
    h.close();
    for (id, label) in [
        ("filter-open", " Open only"),
        ("filter-critical", " Critical only"),
    ] {
        h.open(Tag::Label, &[], &[]);
        h.open(
            Tag::Input,
            &[(Attr::Type, "checkbox"), (Attr::DataTestid, id)],
            &[Flag::Disabled],
        );
        h.text(label);
        h.close();
    }
    h.element(Tag::Label, &[(Attr::For, "search")], "Search ");
    h.open(
        Tag::Input,
        &[
            (Attr::Id, "search"),
            (Attr::Type, "search"),
            (Attr::DataTestid, "filter-search"),
        ],
        &[Flag::Disabled],
    );
    h.element(
        Tag::Button,
        &[(Attr::Class, "actions-toggle"), (Attr::Type, "button")],
        "Export, share, open…",
    );
    h.open(Tag::Div, &[(Attr::Class, "actions")], &[]);
    for label in ACTIONS {
        h.open(Tag::Button, &[(Attr::Type, "button")], &[Flag::Disabled]);
        h.text(label);
        h.close();
    }
    h.close();
    h.close();
}

/// The contents column: every section with items and its count of empty answers.
fn contents(h: &mut Html, c: &Checklist, p: &Prepared, counts: &[Counts]) {
    let mut signoffs = vec![0usize; c.sections.len()];
    for it in c.items.iter().filter(|it| it.signoff.is_some()) {
        for s in c.ancestors(it.section) {
            signoffs[s] += 1;
        }
    }
    h.open(
        Tag::Nav,
        &[(Attr::Class, "toc"), (Attr::AriaLabel, "Sections")],
        &[],
    );
    h.element(Tag::H2, &[(Attr::Class, "toc-title")], "Sections");
    h.open(Tag::Ul, &[], &[]);
    for (s, sec) in c.sections.iter().enumerate().skip(1) {
        let n = counts[s];
        if (n.total == 0 && signoffs[s] == 0) || Some(s) == c.title_section || sec.level > 4 {
            continue;
        }
        h.open(
            Tag::Li,
            &[(Attr::Class, &format!("toc-l{}", sec.level))],
            &[],
        );
        h.route_link(&route(&c.file, Some(&sec.slug)), None);
        h.text(&shortcodes(&sec.title));
        h.close();
        let unscored = p.unscored[s]
            && !sec.parent.is_some_and(|q| p.unscored[q])
            && sec.kind == SectionKind::Readiness;
        if unscored {
            h.element(
                Tag::Span,
                &[(Attr::Class, "toc-unscored")],
                " not in the score",
            );
        }
        let (d, t) = (n.done, n.total + signoffs[s] - n.na);
        let complete = sec.kind != SectionKind::Trigger && d == t;
        let text = match sec.kind {
            SectionKind::Trigger => format!("{d} triggered"),
            _ => format!("{d}/{t}"),
        };
        h.element(
            Tag::Span,
            &[(
                Attr::Class,
                if complete {
                    "toc-progress complete"
                } else {
                    "toc-progress"
                },
            )],
            &text,
        );
        h.close();
    }
    h.close();
    h.close();
}
