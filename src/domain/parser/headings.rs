//! Headings: sections with unique slugs, section kinds from heading words, the document title
//! and summary, and the metadata that is not prose.

use super::*;

impl Builder<'_> {
    pub(super) fn finish_heading(&mut self) {
        let Some((level, at)) = self.heading.take() else {
            return;
        };
        let mut buf = self.inline.take().unwrap_or_default();
        finish_spans(&mut buf.spans);
        let title = plain_text(&buf.spans);
        let idx = self.push_section(level, title, at);
        if let Some(k) = self.pending_kind.take() {
            self.set_kind(idx, k);
        }
        if let Some(w) = self.pending_weight.take() {
            self.sections[idx].weight_directive = Some(w);
        }
        self.after_heading = Some(idx);
    }

    /// Opens a section titled `title` at heading level `level` (closing those at the same or a
    /// deeper level), with its heading block: a `#` heading, or a table's first header cell.
    pub(super) fn push_section(&mut self, level: u8, title: String, at: usize) -> SectionIdx {
        while let Some(&top) = self.open_sections.last() {
            if self.sections[top].level >= level {
                self.open_sections.pop();
            } else {
                break;
            }
        }
        let parent = self.current_section();
        let (kind, explicit) = match detect_kind(&title) {
            Some(k) => (k, false),
            None => (self.sections[parent].kind, false),
        };
        let base = {
            let s = slugify(&title);
            if s.is_empty() {
                "section".to_string()
            } else {
                s
            }
        };
        let n = self.slug_counts.entry(base.clone()).or_insert(0);
        let slug = if *n == 0 {
            base.clone()
        } else {
            format!("{base}-{n}")
        };
        *n += 1;
        let (line, _) = self.lines.position(at);
        let idx = self.sections.len();
        if level == 1 && self.first_h1.is_none() {
            self.first_h1 = Some((title.clone(), idx));
        }
        self.sections.push(Section {
            level,
            title,
            slug,
            parent: Some(parent),
            kind,
            kind_from_directive: explicit,
            weight_directive: None,
            line,
        });
        self.open_sections.push(idx);
        self.top().blocks.push(Block::Heading { section: idx });
        idx
    }

    /// The first level-1 heading, when it is the document's title (no metadata `title`).
    pub(super) fn title_section(&self) -> Option<SectionIdx> {
        let has_meta_title = self
            .metadata
            .iter()
            .any(|(k, _)| k.eq_ignore_ascii_case("title"));
        if has_meta_title {
            return None;
        }
        self.first_h1.as_ref().map(|(_, s)| *s)
    }

    pub(super) fn pending_heading_kind(&mut self, kind: SectionKind) {
        self.pending_kind = Some(kind);
    }

    pub(super) fn set_kind(&mut self, section: SectionIdx, kind: SectionKind) {
        self.sections[section].kind = kind;
        self.sections[section].kind_from_directive = true;
    }
}

/// Heading words that make a section a trigger or a procedure (or explicitly readiness).
pub(super) fn detect_kind(title: &str) -> Option<SectionKind> {
    let words = name_words(title);
    // A phrase matches when its words appear in the title as consecutive whole words.
    let has = |p: &str| {
        words
            .windows(p.split(' ').count())
            .any(|w| w.iter().map(String::as_str).eq(p.split(' ')))
    };
    const TRIGGER: &[&str] = &[
        "failure criteria",
        "failure conditions",
        "rollback trigger",
        "rollback triggers",
        "abort criteria",
        "abort conditions",
        "no go criteria",
        "nogo criteria",
        "stop criteria",
        "kill criteria",
    ];
    const PROCEDURE: &[&str] = &[
        "rollback procedure",
        "rollback procedures",
        "rollback steps",
        "rollback checklist",
        "manual rollback",
        "automated rollback",
        "post mortem",
        "postmortem",
        "troubleshooting",
        "maintenance",
        "emergency procedures",
        "incident response",
        "lessons learned",
    ];
    const READINESS: &[&str] = &["readiness", "prepare", "preparation"];
    if TRIGGER.iter().any(|p| has(p)) {
        Some(SectionKind::Trigger)
    } else if PROCEDURE.iter().any(|p| has(p)) {
        Some(SectionKind::Procedure)
    } else if READINESS.iter().any(|p| has(p)) {
        Some(SectionKind::Readiness)
    } else {
        None
    }
}

/// Whether a heading is about sign-off or approval.
pub(super) fn is_signoff_heading(title: &str) -> bool {
    let words = name_words(title);
    words
        .windows(2)
        .any(|w| w[0] == "sign" && (w[1] == "off" || w[1] == "offs"))
        || words.iter().any(|w| {
            matches!(
                w.as_str(),
                "signoff" | "signoffs" | "approval" | "approvals"
            )
        })
}

/// Removes leading and trailing symbols (emoji, punctuation) from a title.
pub(super) fn strip_symbols(s: &str) -> String {
    s.trim_matches(|c: char| !c.is_alphanumeric() && c != '(' && c != ')')
        .to_string()
}

/// A paragraph that is only `**Key**: value` lines (document metadata, not prose).
pub(super) fn looks_like_metadata(spans: &[Span]) -> bool {
    let mut lines = vec![String::new()];
    for s in spans {
        match s.kind {
            SpanKind::Break | SpanKind::SoftBreak => lines.push(String::new()),
            _ => {
                if let Some(l) = lines.last_mut() {
                    l.push_str(&s.text);
                }
            }
        }
    }
    let keyish = |l: &str| {
        let l = l.trim();
        match l.find(':') {
            Some(i) => l[..i].split_whitespace().count() <= 5,
            None => false,
        }
    };
    let has_strong_key = spans.first().is_some_and(|s| s.style.strong)
        || spans.get(1).is_some_and(|s| s.style.strong);
    lines.iter().all(|l| keyish(l)) && has_strong_key
}

/// First sentence of a paragraph's plain text (up to 200 characters).
pub(super) fn first_sentence(plain: &str) -> String {
    let end = plain
        .match_indices(". ")
        .next()
        .map(|(i, _)| i + 1)
        .unwrap_or(plain.len());
    let s = &plain[..end];
    if s.chars().count() > 200 {
        let cut: String = s.chars().take(199).collect();
        format!("{cut}…")
    } else {
        s.to_string()
    }
}
