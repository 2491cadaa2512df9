//! Exact expectations on the five real checklists bundled in `checklists/` (customer input, kept
//! byte for byte as found; see ../shared/seeds/README.md).

mod common;

use std::path::Path;

use readiness::domain::model::{Block, Checklist, SectionKind};
use readiness::domain::parse;
use readiness::domain::text::markdown::count_task_items;

fn load(name: &str) -> Checklist {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("checklists")
        .join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    parse(name, &bytes).unwrap_or_else(|e| panic!("{name}: {e}"))
}

const SEEDS: [(&str, usize); 5] = [
    ("dojopool-deployment-checklist.md", 91),
    ("dojopool-phased-rollout.md", 59),
    ("lfg-platform-checklist.md", 408),
    ("platform-deployment-checklist.md", 170),
    ("websocket-cluster-checklist.md", 211),
];

#[test]
fn item_counts_equal_gfm_task_lists() {
    for (name, expected) in SEEDS {
        let c = load(name);
        assert_eq!(c.items.len(), expected, "{name}");
        let src = std::fs::read_to_string(Path::new("checklists").join(name)).unwrap_or_default();
        assert_eq!(
            count_task_items(&src),
            expected,
            "{name}: pulldown-cmark's own count"
        );
        assert!(!c.has_errors(), "{name}: {:?}", c.diagnostics);
    }
}

#[test]
fn bundled_copies_are_byte_identical_to_the_seeds() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    if !seeds.is_dir() {
        // A checkout without the shared folder beside it (e.g. a packaged crate) has nothing to compare.
        eprintln!("skipped: {} not present", seeds.display());
        return;
    }
    for (name, _) in SEEDS {
        let ours = std::fs::read(Path::new("checklists").join(name)).unwrap_or_default();
        let theirs = std::fs::read(seeds.join(name)).unwrap_or_default();
        assert!(
            !ours.is_empty() && ours == theirs,
            "{name} differs from the seed"
        );
    }
}

#[test]
fn signoff_lines() {
    let lfg = load("lfg-platform-checklist.md");
    let roles = common::signoff_roles(&lfg);
    assert_eq!(
        roles,
        [
            "Engineering Lead",
            "DevOps Lead",
            "Security Lead",
            "QA Lead",
            "Product Manager",
            "CTO/VP Engineering"
        ]
    );

    let platform = load("platform-deployment-checklist.md");
    assert_eq!(platform.signoff_count(), 13);
    let mut groups: Vec<(String, usize)> = Vec::new();
    for so in platform.items.iter().filter_map(|i| i.signoff.as_ref()) {
        match groups.last_mut() {
            Some((g, n)) if *g == so.group => *n += 1,
            _ => groups.push((so.group.clone(), 1)),
        }
        assert!(
            so.name_field.is_some() && so.date_field.is_some(),
            "{}",
            so.role
        );
    }
    assert_eq!(
        groups,
        [
            ("Development Team".to_string(), 4),
            ("Quality Assurance".to_string(), 3),
            ("Operations".to_string(), 3),
            ("Management".to_string(), 3)
        ]
    );

    // Contact blanks are fill-in items, not sign-offs.
    let ws = load("websocket-cluster-checklist.md");
    assert_eq!(ws.signoff_count(), 0);
    let contacts: Vec<&str> = ws
        .items
        .iter()
        .filter(|i| !i.fields.is_empty())
        .map(|i| i.plain.as_str())
        .collect();
    assert_eq!(contacts.len(), 5);
    assert_eq!(contacts[0], "On-call engineer: ___");
    for name in [
        "dojopool-deployment-checklist.md",
        "dojopool-phased-rollout.md",
    ] {
        assert_eq!(load(name).signoff_count(), 0, "{name}");
    }
}

#[test]
fn lfg_score_table() {
    let c = load("lfg-platform-checklist.md");
    let got: Vec<(&str, f64, Vec<&str>)> = c
        .categories
        .iter()
        .map(|k| {
            (
                k.name.as_str(),
                k.weight,
                k.sections
                    .iter()
                    .map(|&s| c.sections[s].title.as_str())
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "Code Quality & Testing",
                20.0,
                vec!["✅ Code Quality & Testing"]
            ),
            ("Security", 25.0, vec!["✅ Security"]),
            ("Infrastructure", 15.0, vec!["✅ Infrastructure"]),
            ("Monitoring", 15.0, vec!["✅ Monitoring & Observability"]),
            ("CI/CD", 10.0, vec!["✅ CI/CD Pipeline"]),
            (
                "Disaster Recovery",
                10.0,
                vec!["✅ Disaster Recovery & Business Continuity"]
            ),
            ("Documentation", 5.0, vec!["✅ Documentation"]),
        ]
    );
    assert_eq!(c.threshold_centi, 800);
    // The score table's `___/10` cells are computed, not fields; the sign-offs' blanks are, and so
    // are the emergency-contacts table's 21 empty cells.
    let (cells, blanks): (Vec<_>, Vec<_>) = c.fields.iter().partition(|f| f.id.contains("/table-"));
    assert_eq!(blanks.len(), 12);
    assert_eq!(cells.len(), 21);
    assert_eq!(
        cells[0].id,
        "emergency-contacts/table-1/engineering-lead/name"
    );
    assert_eq!(cells[0].label, "Engineering Lead — Name");
    assert_eq!(cells[20].label, "Escalation — Email");
    let score_tables = c
        .blocks
        .iter()
        .filter(|b| {
            matches!(
                b,
                Block::Table {
                    score_table: true,
                    ..
                }
            )
        })
        .count();
    assert_eq!(score_tables, 1);
    // Unweighted sections are reported, not silently dropped.
    let unweighted = c
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("in no score category"))
        .count();
    assert_eq!(unweighted, 13);
}

#[test]
fn phased_rollout_failure_criteria_are_triggers() {
    let c = load("dojopool-phased-rollout.md");
    let triggers: Vec<(String, Vec<String>)> = c
        .sections
        .iter()
        .enumerate()
        .filter(|(_, s)| s.kind == SectionKind::Trigger && s.title == "Failure Criteria")
        .map(|(i, _)| {
            // The enclosing phase is the level-2 ancestor.
            let phase = c
                .section_path(i)
                .into_iter()
                .find(|&a| c.sections[a].level == 2)
                .map(|a| c.sections[a].title.clone())
                .unwrap_or_default();
            let items = c
                .items
                .iter()
                .filter(|it| it.section == i)
                .map(|it| it.plain.clone())
                .collect();
            (phase, items)
        })
        .collect();
    assert_eq!(triggers.len(), 3);
    assert_eq!(triggers[0].0, "Phase 1: Internal/Dogfooding (Week 1)");
    assert_eq!(triggers[2].0, "Phase 3: Open Beta (Week 4-5)");
    assert_eq!(
        triggers.iter().map(|(_, i)| i.len()).collect::<Vec<_>>(),
        [4, 5, 5]
    );
    let trigger_items = c
        .items
        .iter()
        .filter(|it| c.sections[it.section].kind == SectionKind::Trigger)
        .count();
    assert_eq!(trigger_items, 14);
    // The success criteria stay readiness items.
    let success = c
        .sections
        .iter()
        .filter(|s| s.title == "Success Criteria")
        .all(|s| s.kind == SectionKind::Readiness);
    assert!(success);
}

#[test]
fn fenced_shell_comment_is_not_a_heading() {
    let c = load("dojopool-phased-rollout.md");
    assert!(!c
        .sections
        .iter()
        .any(|s| s.title.contains("Execute automated rollback script")));
    let code = c.blocks.iter().find_map(|b| match b {
        Block::Code { lang, text } if text.contains("# Execute automated rollback script") => {
            Some(lang.clone())
        }
        _ => None,
    });
    assert_eq!(code.as_deref(), Some("bash"));
}

#[test]
fn mojibake_headings_are_repaired() {
    let d = load("dojopool-deployment-checklist.md");
    assert_eq!(d.title, "🚀 DojoPool Production Deployment Checklist");
    let titles: Vec<&str> = d.sections.iter().map(|s| s.title.as_str()).collect();
    assert!(
        titles.contains(&"📋 Pre-Deployment Validation"),
        "{titles:?}"
    );
    assert!(titles.contains(&"✅ Chaos Testing Results Review"));
    assert!(titles.contains(&"📞 Emergency Contacts & Procedures"));
    let lfg = load("lfg-platform-checklist.md");
    assert!(lfg
        .sections
        .iter()
        .any(|s| s.title == "✅ Code Quality & Testing"));
    for c in [&d, &lfg] {
        for s in &c.sections {
            assert!(
                !s.title.contains('ð') && !s.title.contains('â'),
                "{}: unrepaired {:?}",
                c.file,
                s.title
            );
        }
    }
    // Already-correct emoji in another seed are untouched.
    let p = load("platform-deployment-checklist.md");
    assert!(p
        .sections
        .iter()
        .any(|s| s.title == "🔍 Staging Environment Validation"));
}

#[test]
fn section_kinds_of_the_seeds() {
    let kinds = |name: &str, kind: SectionKind| -> Vec<String> {
        let c = load(name);
        c.sections
            .iter()
            .filter(|s| s.kind == kind)
            .map(|s| s.title.clone())
            .collect()
    };
    assert_eq!(
        kinds("websocket-cluster-checklist.md", SectionKind::Trigger),
        ["Rollback Triggers"]
    );
    let ws_proc = kinds("websocket-cluster-checklist.md", SectionKind::Procedure);
    assert!(ws_proc.contains(&"Rollback Steps".to_string()));
    assert!(ws_proc.contains(&"Troubleshooting Checklist".to_string()));
    assert!(ws_proc.contains(&"Quarterly".to_string()));
    assert!(!ws_proc.contains(&"Prepare for Rollback".to_string()));
    let lfg_proc = kinds("lfg-platform-checklist.md", SectionKind::Procedure);
    assert_eq!(
        lfg_proc,
        [
            "Rollback Checklist",
            "Immediate Actions",
            "Rollback Procedure",
            "Post-Mortem Template"
        ]
    );
    // "Rollback Readiness" is preparation, scored as readiness.
    assert!(
        kinds("dojopool-deployment-checklist.md", SectionKind::Readiness)
            .contains(&"Rollback Readiness".to_string())
    );
}

#[test]
fn metric_blanks_outside_items_are_fields() {
    let c = load("platform-deployment-checklist.md");
    let metrics: Vec<(String, Option<String>)> = c
        .fields
        .iter()
        .filter(|f| f.item.is_none() && !f.id.contains("/table-"))
        .map(|f| (f.label.clone(), f.unit.clone()))
        .collect();
    let s = |a: &str, b: Option<&str>| (a.to_string(), b.map(str::to_string));
    assert_eq!(
        metrics,
        vec![
            s("Deployment Duration", Some("minutes")),
            s("Downtime", Some("minutes")),
            s("Rollback Time", Some("minutes")),
            s("Post-Deployment Issues", Some("critical")),
            s("Post-Deployment Issues", Some("major")),
            s("Post-Deployment Issues", Some("minor")),
            s("User Impact", Some("affected users")),
            s("Performance Impact", Some("% change")),
            s("Approved by", None),
        ]
    );
}

#[test]
fn ids_are_unique_and_titles_distinguishable() {
    let mut summaries = Vec::new();
    for (name, _) in SEEDS {
        let c = load(name);
        let mut ids: Vec<&str> = c.items.iter().map(|i| i.id.as_str()).collect();
        ids.sort_unstable();
        let before = ids.len();
        ids.dedup();
        assert_eq!(ids.len(), before, "{name}: duplicate ids");
        assert!(!c.summary.is_empty(), "{name}: no summary");
        summaries.push(c.summary);
    }
    let mut unique = summaries.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), summaries.len(), "{summaries:?}");
}
