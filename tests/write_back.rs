//! Copy as Markdown changes only what was answered (issue 33): over every bundled checklist and
//! every fixture, with no answers the file comes back byte for byte but for the one summary block;
//! with random answers, a line diff against the source touches only the answered rows, their note
//! lines, the summary and, where a table has no cell for an answer, its first two lines; and
//! reading the file back gives every answered item the status it was given (and, in tables, its
//! reason and note), and every blank filled the value typed into it, with no blank more or less.

mod common;

use std::path::Path;

use readiness::domain::answers::{preset_answer, Answers, Status};
use readiness::domain::model::FieldKind;
use readiness::domain::parse;
use readiness::domain::report::{to_markdown, write_back};
use readiness::domain::score::score_checklist;
use readiness::domain::Checklist;

/// Every bundled checklist and every fixture: (name, source).
fn corpus() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for dir in ["checklists", "tests/fixtures"] {
        let mut files: Vec<_> = std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(dir))
            .expect("dir")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "md"))
            .collect();
        files.sort();
        for p in files {
            let text = String::from_utf8(std::fs::read(&p).expect("read")).expect("utf-8");
            out.push((p.file_name().unwrap().to_string_lossy().into_owned(), text));
        }
    }
    assert!(out.len() >= 20, "{} files", out.len());
    out
}

/// The summary block the write-back adds (its quote lines and the blank line after them).
fn without_summary(md: &str) -> String {
    let mut out = Vec::new();
    let mut lines = md.split_inclusive('\n').peekable();
    let mut removed = false;
    while let Some(l) = lines.next() {
        if !removed && l.starts_with("> **Readiness ") {
            removed = true;
            while lines.peek().is_some_and(|l| l.starts_with("> ")) {
                lines.next();
            }
            // The blank line written before it.
            if out.last().is_some_and(|p: &&str| p.trim().is_empty()) {
                out.pop();
            }
            continue;
        }
        out.push(l);
    }
    out.concat()
}

/// Lines a write-back may change with no answer given: sign-off lines (ticked only when signed).
fn signoff_lines(c: &Checklist) -> Vec<usize> {
    c.items
        .iter()
        .filter(|it| it.signoff.is_some())
        .map(|it| it.line)
        .collect()
}

/// Whether two lines differ only in figures: the checklist's own score table, filled in with the
/// score.
fn only_figures_differ(old: &str, new: &str) -> bool {
    let strip = |s: &str| -> String {
        s.replace("n/a", "")
            .chars()
            .filter(|c| !c.is_ascii_digit() && !matches!(c, '.' | '/' | ' ' | '_'))
            .collect()
    };
    old.contains('|') && strip(old) == strip(new)
}

#[test]
fn with_no_answers_the_file_comes_back_byte_for_byte_but_for_the_summary() {
    let mut html_titles = 0;
    for (name, src) in corpus() {
        let Ok(c) = parse(&name, src.as_bytes()) else {
            continue;
        };
        let a = Answers::default();
        let b = score_checklist(&c, &a, &common::rules());
        let md = to_markdown(&c, &a, &b);
        assert_eq!(md.matches("> **Readiness ").count(), 1, "{name}");
        let back = without_summary(&md);
        let src = src.strip_prefix('\u{feff}').unwrap_or(&src);
        let skip = signoff_lines(&c);
        let (old, new): (Vec<&str>, Vec<&str>) = (src.lines().collect(), back.lines().collect());
        assert_eq!(old.len(), new.len(), "{name}: same lines");
        for (k, (o, n)) in old.iter().zip(&new).enumerate() {
            if !skip.contains(&(k + 1)) && !only_figures_differ(o, n) {
                assert_eq!(o, n, "{name}: line {}", k + 1);
            }
        }
        // The summary is after the title, never before it (an HTML `<h1>` block's too).
        if let Some(end) = c.title_html_end {
            html_titles += 1;
            let block_lines = src[..end].lines().count();
            let at = md
                .lines()
                .position(|l| l.starts_with("> **Readiness "))
                .unwrap_or(0);
            assert_eq!(
                at,
                block_lines + 1,
                "{name}: right after the title's block and a blank line"
            );
        }
        if let Some(t) = c.title_section {
            let title_line = c.sections[t].line;
            let at = md
                .lines()
                .position(|l| l.starts_with("> **Readiness "))
                .unwrap_or(0);
            assert!(
                at >= title_line,
                "{name}: summary at line {} before the title at {title_line}",
                at + 1
            );
        }
    }
    assert_eq!(html_titles, 1, "html-title.md");
}

/// A small deterministic generator (xorshift), so a failure names its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// Answers for about a third of the items: done, open, N/A with a reason, waived, with or
/// without a note. Sign-off lines are left alone (signing is its own path).
fn random_answers(c: &Checklist, seed: u64) -> (Answers, Vec<usize>) {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut a = Answers::default();
    let mut answered = Vec::new();
    for (i, it) in c.items.iter().enumerate() {
        if it.signoff.is_some() || rng.below(3) != 0 {
            continue;
        }
        let id = it.id.clone();
        match rng.below(4) {
            0 => a.set_status(&id, Status::Done, "", common::NOW),
            1 => a.set_status(&id, Status::Open, "", common::NOW),
            2 => a.set_status(&id, Status::Na, &format!("not here {i}"), common::NOW),
            _ => {
                a.set_status(&id, Status::Na, &format!("accepted risk {i}"), common::NOW);
                if let Some(x) = a.items.get_mut(&id) {
                    x.waived = true;
                }
            }
        }
        if rng.below(3) == 0 {
            a.set_note(&id, &format!("see ticket OPS-{i}"), common::NOW);
        }
        answered.push(i);
    }
    (a, answered)
}

/// Values typed into about a third of the blanks outside sign-off lines (a choice takes one of
/// its own choices), some with Markdown punctuation in them. Returns the fields filled.
fn random_fields(c: &Checklist, a: &mut Answers, seed: u64) -> Vec<usize> {
    const VALUES: [&str; 6] = [
        "Dana Reyes",
        "15",
        "2026-12-04",
        "a*b_c [x] `y`",
        "p | q & <r>",
        "~50% $5!",
    ];
    let mut rng = Rng(seed.wrapping_mul(0xD1B5_4A32_D192_ED03) | 1);
    let mut filled = Vec::new();
    for (k, f) in c.fields.iter().enumerate() {
        let on_signoff = f.item.is_some_and(|i| c.items[i].signoff.is_some());
        if on_signoff || f.source.is_none() || rng.below(3) != 0 {
            continue;
        }
        let v = if f.kind == FieldKind::Choice {
            let n = f.choices.len() as u64;
            f.choices[rng.below(n) as usize].0.clone()
        } else {
            VALUES[rng.below(VALUES.len() as u64) as usize].to_string()
        };
        a.fields.insert(f.id.clone(), v);
        filled.push(k);
    }
    filled
}

/// Each GFM table of a text, as pulldown-cmark reads it (the one configuration the parser uses):
/// its columns and its body rows.
fn tables(md: &str) -> Vec<(usize, usize)> {
    use pulldown_cmark::{Event, Tag, TagEnd};
    let mut out = Vec::new();
    let mut head = false;
    for (e, _) in readiness::domain::text::markdown::events(md) {
        match e {
            Event::Start(Tag::Table(align)) => out.push((align.len(), 0)),
            Event::Start(Tag::TableHead) => head = true,
            Event::End(TagEnd::TableHead) => head = false,
            Event::End(TagEnd::TableRow) if !head => {
                if let Some(t) = out.last_mut() {
                    t.1 += 1;
                }
            }
            _ => {}
        }
    }
    out
}

/// The longest common subsequence of two line lists, as pairs of indexes.
fn common_lines(old: &[&str], new: &[&str]) -> Vec<(usize, usize)> {
    let (n, m) = (old.len(), new.len());
    let mut t = vec![0u32; (n + 1) * (m + 1)];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            t[i * (m + 1) + j] = if old[i] == new[j] {
                t[(i + 1) * (m + 1) + j + 1] + 1
            } else {
                t[(i + 1) * (m + 1) + j].max(t[i * (m + 1) + j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < n && j < m {
        if old[i] == new[j] {
            out.push((i, j));
            i += 1;
            j += 1;
        } else if t[(i + 1) * (m + 1) + j] >= t[i * (m + 1) + j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

#[test]
fn random_answers_change_only_their_own_lines_and_read_back() {
    let mut widened = 0;
    let mut checked = 0;
    let mut fields_checked = 0;
    for (name, src) in corpus() {
        let Ok(c) = parse(&name, src.as_bytes()) else {
            continue;
        };
        let src = src.strip_prefix('\u{feff}').unwrap_or(&src).to_string();
        for seed in 1..=4 {
            let (mut a, answered) = random_answers(&c, seed);
            let filled = random_fields(&c, &mut a, seed);
            let b = score_checklist(&c, &a, &common::rules());
            let w = write_back(&c, &a, &b);
            widened += w.tables_widened;
            let md = without_summary(&w.markdown);
            let (old, new): (Vec<&str>, Vec<&str>) = (src.lines().collect(), md.lines().collect());
            // Lines the answers may touch: the answered items' own lines, and what the score
            // fills in.
            let mut own: Vec<usize> = answered.iter().map(|&i| c.items[i].line).collect();
            own.extend(signoff_lines(&c));
            own.extend(filled.iter().map(|&f| c.fields[f].line));
            // The bullets written under an answered item are its answer too: written again.
            let bullet = |l: &str| {
                [
                    "- N/A",
                    "- Waived",
                    "- Note: ",
                    "- Evidence: <",
                    "- Answered by ",
                ]
                .iter()
                .any(|p| l.trim_start().starts_with(p))
            };
            for k in 0..old.len() {
                let mut above = k;
                while above > 0 && bullet(old[above - 1]) {
                    above -= 1;
                }
                if bullet(old[k]) && above > 0 && own.contains(&above) {
                    own.push(k + 1);
                }
            }
            let kept = common_lines(&old, &new);
            let kept_old: Vec<usize> = kept.iter().map(|p| p.0).collect();
            let kept_new: Vec<usize> = kept.iter().map(|p| p.1).collect();
            for (k, line) in old.iter().enumerate() {
                if kept_old.contains(&k) || own.contains(&(k + 1)) {
                    continue;
                }
                if new.iter().any(|n| only_figures_differ(line, n)) {
                    continue;
                }
                // A table's header or delimiter row, with a column added at its end.
                let widened = new.iter().any(|n| {
                    n.len() > line.trim_end().len()
                        && n.starts_with(line.trim_end())
                        && line.contains('|')
                });
                assert!(
                    widened,
                    "{name} seed {seed}: line {} changed: {line:?}",
                    k + 1
                );
            }
            // Every other new line is a note written under an item, or stands for one changed
            // line above: none is added from nowhere.
            let added: Vec<&str> = (0..new.len())
                .filter(|k| !kept_new.contains(k))
                .map(|k| new[k])
                .collect();
            let notes = added.iter().filter(|l| bullet(l)).count();
            // (Bullets written again in place of earlier ones count as notes on both sides.)
            let notes_before = (0..old.len())
                .filter(|k| !kept_old.contains(k) && bullet(old[*k]))
                .count();
            assert_eq!(
                added.len() - notes,
                old.len() - kept_old.len() - notes_before,
                "{name} seed {seed}: lines added: {added:#?}"
            );
            // The same tables with the same rows, each with the same columns or, where one was
            // added for answers with no cell, one or two more.
            let (before, after) = (tables(&src), tables(&w.markdown));
            assert_eq!(before.len(), after.len(), "{name} seed {seed}: tables");
            let mut grown = 0;
            for (k, (b, a)) in before.iter().zip(&after).enumerate() {
                assert_eq!(b.1, a.1, "{name} seed {seed}: rows of table {k}");
                assert!(
                    a.0 == b.0 || (a.0 > b.0 && a.0 <= b.0 + 2),
                    "{name} seed {seed}: table {k} had {} columns, has {}",
                    b.0,
                    a.0
                );
                grown += usize::from(a.0 > b.0);
            }
            assert!(
                grown <= w.tables_widened * 2,
                "{name} seed {seed}: {grown} tables grew"
            );
            assert!(
                grown >= w.tables_widened.min(1),
                "{name} seed {seed}: none grew"
            );
            // Read back: every answered item has the status it was given; in a table, its reason
            // and note too.
            let again = parse(&name, w.markdown.as_bytes()).unwrap_or_else(|e| {
                panic!("{name} seed {seed}: written back, it does not parse: {e}")
            });
            assert_eq!(
                again.items.len(),
                c.items.len(),
                "{name} seed {seed}:\n{}",
                w.markdown
            );
            for &i in &answered {
                let it = &c.items[i];
                let back = again
                    .items
                    .iter()
                    .find(|x| x.id == it.id)
                    .unwrap_or_else(|| panic!("{name} seed {seed}: {} is gone", it.id));
                let given = a.answer(&c, i);
                let read = preset_answer(back);
                assert_eq!(read.status, given.status, "{name} seed {seed}: {}", it.id);
                if given.status == Status::Na {
                    assert_eq!(read.waived, given.waived, "{name} seed {seed}: {}", it.id);
                    if it.row.is_some() && !given.note.is_empty() {
                        // One note cell: `reason · Note: note`.
                        assert_eq!(
                            read.reason,
                            format!("{} · Note: {}", given.reason, given.note),
                            "{name} seed {seed}: {}",
                            it.id
                        );
                    } else {
                        assert_eq!(read.reason, given.reason, "{name} seed {seed}: {}", it.id);
                    }
                }
                if it.row.is_none() || given.status != Status::Na {
                    assert_eq!(read.note, given.note, "{name} seed {seed}: {}", it.id);
                }
                checked += 1;
            }
            // Every blank filled reads back as the same blank, holding its value.
            for &k in &filled {
                let f = &c.fields[k];
                let back = again
                    .fields
                    .iter()
                    .find(|x| x.id == f.id)
                    .unwrap_or_else(|| panic!("{name} seed {seed}: blank {} is gone", f.id));
                assert_eq!(
                    Answers::default().field_value(back),
                    a.fields[&f.id],
                    "{name} seed {seed}: blank {} on line {}",
                    f.id,
                    f.line
                );
                fields_checked += 1;
            }
            assert_eq!(
                again.fields.len(),
                c.fields.len(),
                "{name} seed {seed}: blanks read back\n{}",
                w.markdown
            );
        }
    }
    assert!(checked > 1000, "{checked} answers read back");
    assert!(fields_checked > 100, "{fields_checked} blanks read back");
    assert!(widened > 0, "no table was widened");
}

#[test]
fn the_cli_reports_what_the_app_copies_and_scores_a_checklist_alone() {
    let (_, c) = common::load("lfg-platform-checklist.md");
    let a = common::security_done(&c);
    let answers = common::scratch("write-back-answers.json", &a.to_json());
    let (code, out, err) = common::cli(&[
        "report",
        "checklists/lfg-platform-checklist.md",
        &answers,
        "--now",
        "2026-12-05T10:00:00Z",
    ]);
    assert_eq!(code, Some(0), "{err}");
    let b = score_checklist(&c, &a, &common::at(common::NOW));
    assert_eq!(out, to_markdown(&c, &a, &b));
    assert_eq!(
        out.matches("- [x] ").count(),
        21,
        "the 21 security items ticked"
    );
    let (code, _, err) = common::cli(&["report"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("report needs TEMPLATE [ANSWERS_OR_EXPORT]"),
        "{err}"
    );
    // A table's own status cells make a score: `score` needs no answers file.
    let (code, out, err) = common::cli(&["score", "tests/fixtures/table-status.md"]);
    assert_eq!(code, Some(1), "{err}");
    assert!(
        out.contains("All readiness items    100%     3/7    done    4 N/A  4.29"),
        "{out}"
    );
    assert!(out.contains("Verdict: NO-GO"), "{out}");
}
