//! JUnit XML in the common `junit-10.xsd` shape, for CI test-report panels: one `testsuite` per
//! section, one `testcase` per item (open → `failure`, N/A, waived and not required → `skipped`),
//! the score, verdict, template SHA-256 and each sign-off as suite properties. Written by hand:
//! the shape is small, and characters XML 1.0 forbids are dropped, which an escaping helper alone
//! does not do.

use super::{short_key, Outcome, Source};

/// The JUnit XML of a verified record.
pub(super) fn junit(src: &Source<'_>) -> String {
    let r = src.record;
    // Suites in the order their first item appears.
    let mut suites: Vec<(String, Vec<usize>)> = Vec::new();
    for (k, it) in r.items.iter().enumerate() {
        let name = Source::section(it);
        let name = if name.is_empty() {
            r.checklist.title.clone()
        } else {
            name
        };
        match suites.iter_mut().find(|(n, _)| *n == name) {
            Some((_, v)) => v.push(k),
            None => suites.push((name, vec![k])),
        }
    }
    let mut properties = vec![
        ("readiness.checklist".to_string(), r.checklist.title.clone()),
        ("readiness.file".to_string(), r.checklist.file.clone()),
        (
            "readiness.template_sha256".to_string(),
            r.checklist.sha256.clone(),
        ),
        ("readiness.verdict".to_string(), src.verdict().to_string()),
        ("readiness.score".to_string(), format!("{:.2}", src.score())),
        (
            "readiness.threshold".to_string(),
            format!("{:.2}", f64::from(src.breakdown.threshold_centi) / 100.0),
        ),
        ("readiness.generated_at".to_string(), r.generated_at.clone()),
        (
            "readiness.record_sha256".to_string(),
            src.record_sha256.clone(),
        ),
    ];
    if let Some(l) = &r.level {
        properties.push(("readiness.level".to_string(), l.clone()));
    }
    for (k, s) in src.signoffs().iter().enumerate() {
        properties.push((
            format!("readiness.signoff.{}", k + 1),
            format!(
                "{} — {} on {} (key {}): {}",
                s.role,
                s.name,
                s.date,
                short_key(&s.key),
                s.state
            ),
        ));
    }
    let (mut tests, mut failures) = (0, 0);
    let mut body = String::new();
    for (k, (name, items)) in suites.iter().enumerate() {
        let mut cases = String::new();
        let (mut failed, mut skipped) = (0, 0);
        for &i in items {
            let it = &r.items[i];
            let case = format!(
                "    <testcase name=\"{}\" classname=\"{}\"",
                esc(&format!("{} [{}]", src.title(it), it.id)),
                esc(name)
            );
            match src.outcome(it) {
                Outcome::Passed => cases.push_str(&format!("{case}/>\n")),
                Outcome::Failed(why) => {
                    failed += 1;
                    cases.push_str(&format!(
                        "{case}>\n      <failure type=\"{}\" message=\"{}\"/>\n    </testcase>\n",
                        if it.critical { "critical" } else { "open" },
                        esc(&why)
                    ));
                }
                Outcome::Skipped(why) => {
                    skipped += 1;
                    cases.push_str(&format!(
                        "{case}>\n      <skipped message=\"{}\"/>\n    </testcase>\n",
                        esc(&why)
                    ));
                }
            }
        }
        tests += items.len();
        failures += failed;
        body.push_str(&format!(
            "  <testsuite name=\"{}\" id=\"{k}\" tests=\"{}\" failures=\"{failed}\" errors=\"0\" skipped=\"{skipped}\" timestamp=\"{}\" file=\"{}\">\n    <properties>\n",
            esc(name),
            items.len(),
            esc(&r.generated_at),
            esc(&r.checklist.file),
        ));
        for (n, v) in &properties {
            body.push_str(&format!(
                "      <property name=\"{}\" value=\"{}\"/>\n",
                esc(n),
                esc(v)
            ));
        }
        body.push_str("    </properties>\n");
        body.push_str(&cases);
        body.push_str("  </testsuite>\n");
    }
    // The verdict is a test of its own, last: a NO-GO fails it with every reason, whatever the
    // items say (a shared key, an override under the minimum, nothing scored).
    let k = suites.len();
    let name = "Verdict";
    let case = format!(
        "    <testcase name=\"{}\" classname=\"{name}\"",
        esc(&format!("{} [{}]", src.verdict_title(), super::VERDICT_ID))
    );
    let (case, failed) = match src.verdict_outcome() {
        Outcome::Failed(why) => {
            let body: String = src
                .reasons()
                .iter()
                .map(|r| format!("{}\n", esc_text(r)))
                .collect();
            (
                format!(
                    "{case}>\n      <failure type=\"verdict\" message=\"{}\">{body}</failure>\n    </testcase>\n",
                    esc(&why)
                ),
                1,
            )
        }
        _ => (format!("{case}/>\n"), 0),
    };
    tests += 1;
    failures += failed;
    body.push_str(&format!(
        "  <testsuite name=\"{name}\" id=\"{k}\" tests=\"1\" failures=\"{failed}\" errors=\"0\" skipped=\"0\" timestamp=\"{}\" file=\"{}\">\n",
        esc(&r.generated_at),
        esc(&r.checklist.file),
    ));
    body.push_str(&case);
    body.push_str("  </testsuite>\n");
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"{}\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\">\n{body}</testsuites>\n",
        esc(&format!("{} — {}", r.checklist.title, src.verdict()))
    )
}

/// Text for an XML attribute: markup escaped, line breaks kept as character references, and the
/// characters XML 1.0 does not allow dropped.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if (c as u32) < 0x20 || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {}
            c => out.push(c),
        }
    }
    out
}

/// Text for an XML element: markup escaped, the characters XML 1.0 does not allow dropped.
fn esc_text(s: &str) -> String {
    s.chars()
        .filter(|&c| {
            !((c as u32) < 0x20 && c != '\n' && c != '\t') && c != '\u{FFFE}' && c != '\u{FFFF}'
        })
        .fold(String::with_capacity(s.len()), |mut out, c| {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                c => out.push(c),
            }
            out
        })
}

#[cfg(test)]
mod tests {
    use super::esc;

    #[test]
    fn attributes_are_escaped_and_forbidden_characters_dropped() {
        assert_eq!(
            esc("a<b & \"c\" 'd'\n\u{1}e"),
            "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&#10;e"
        );
    }
}
