//! Synthetic checklists of any size, for benchmarks and scale tests: sections and subsections,
//! nested items, blanks, critical markers, a score table and sign-offs, like the real seeds but
//! with exactly the number of task items asked for. Deterministic: the same `n` gives the same
//! bytes.

/// Markdown of a synthetic checklist with exactly `n` task items.
pub fn checklist(n: usize) -> String {
    let mut out = format!(
        "# Synthetic readiness checklist ({n} items)\n\nGenerated for benchmarks: sections, nesting, blanks and sign-offs.\n\n"
    );
    let mut made = 0;
    let signoffs = n.min(4);
    let body = n - signoffs;
    let mut area = 0;
    while made < body {
        area += 1;
        out.push_str(&format!("## Area {area}\n\n"));
        let mut part = 0;
        while made < body && part < 4 {
            part += 1;
            out.push_str(&format!("### Part {area}.{part}\n\n"));
            let mut k = 0;
            while made < body && k < 25 {
                k += 1;
                made += 1;
                let critical = if made % 97 == 0 { "(critical) " } else { "" };
                if made % 50 == 0 {
                    out.push_str(&format!(
                        "- [ ] {critical}Owner of check {area}.{part}.{k}: ______\n"
                    ));
                } else {
                    out.push_str(&format!(
                        "- [ ] {critical}Check {area}.{part}.{k}: service {made} answers health probes within {} ms\n",
                        50 + made % 400
                    ));
                }
                // Every tenth item gets up to two children.
                if made % 10 == 0 {
                    for c in 1..=2 {
                        if made < body {
                            made += 1;
                            out.push_str(&format!(
                                "  - [ ] Sub-check {area}.{part}.{k}.{c} verified in staging\n"
                            ));
                        }
                    }
                }
            }
            out.push('\n');
        }
    }
    // The first (up to) five areas are weighted; the rest are tracked, as in real checklists.
    let weighted = area.min(5);
    if weighted > 0 {
        out.push_str("## Readiness Score\n\n| Category | Weight |\n|---|---|\n");
        let base = 100 / weighted;
        for a in 1..=weighted {
            let w = if a == weighted {
                100 - base * (weighted - 1)
            } else {
                base
            };
            out.push_str(&format!("| Area {a} | {w}% |\n"));
        }
        out.push_str("\n**Minimum Score for Production**: 8.0/10\n\n");
    }
    out.push_str("## Sign-off\n\n");
    for role in [
        "Engineering Lead",
        "Operations Lead",
        "Security Lead",
        "Product Owner",
    ]
    .iter()
    .take(signoffs)
    {
        out.push_str(&format!("- [ ] **{role}**: ____________ Date: ______\n"));
    }
    out
}
