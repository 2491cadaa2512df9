//! CSV for spreadsheets (RFC 4180 through the `csv` crate: CRLF line ends, fields quoted when they
//! hold a comma, a quote or a line break), UTF-8 with a byte-order mark so spreadsheet programs do
//! not mangle non-ASCII names. One file of items, one of sign-offs.

use super::Source;

/// The UTF-8 byte-order mark spreadsheet programs look for.
const BOM: &str = "\u{FEFF}";

fn write(rows: Vec<Vec<String>>) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    for row in rows {
        // Writing to memory cannot fail.
        let _ = w.write_record(&row);
    }
    let bytes = w.into_inner().unwrap_or_default();
    format!("{BOM}{}", String::from_utf8_lossy(&bytes))
}

/// One row per item: what it is, its answer, and who answered it when the record says.
pub(super) fn items(src: &Source<'_>) -> String {
    let r = src.record;
    let attributed = r.items.iter().any(|it| !it.by.is_empty());
    let mut header: Vec<String> = [
        "id",
        "section",
        "text",
        "role",
        "category",
        "critical",
        "status",
        "waived",
        "reason",
        "note",
        "evidence",
        "changed_at",
    ]
    .map(str::to_string)
    .to_vec();
    if attributed {
        header.push("answered_by".to_string());
    }
    let mut rows = vec![header];
    for it in &r.items {
        let mut row = vec![
            it.id.clone(),
            Source::section(it),
            src.title(it),
            it.role.as_str().to_string(),
            it.category.clone().unwrap_or_default(),
            it.critical.to_string(),
            it.status.as_str().to_string(),
            it.waived.to_string(),
            it.reason.clone(),
            it.note.clone(),
            it.evidence.join("\n"),
            it.changed_at.clone().unwrap_or_default(),
        ];
        if attributed {
            row.push(Source::answered_by(it));
        }
        rows.push(row);
    }
    // The verdict is a row of its own, last: NO-GO with every reason.
    let mut row = vec![
        super::VERDICT_ID.to_string(),
        String::new(),
        src.verdict_title(),
        "verdict".to_string(),
        String::new(),
        "true".to_string(),
        src.verdict().to_ascii_lowercase(),
        "false".to_string(),
        src.reasons().join("; "),
        String::new(),
        String::new(),
        r.generated_at.clone(),
    ];
    if attributed {
        row.push(String::new());
    }
    rows.push(row);
    write(rows)
}

/// One row per sign-off record, with its standing under the one rule, then one per sign-off line
/// nobody signed (so every line of the checklist has a row).
pub(super) fn signoffs(src: &Source<'_>) -> String {
    let mut rows = vec![[
        "item",
        "role",
        "name",
        "date",
        "signed_at",
        "key",
        "state",
        "counts",
    ]
    .map(str::to_string)
    .to_vec()];
    let signoffs = src.signoffs();
    for s in &signoffs {
        rows.push(vec![
            s.item.to_string(),
            s.role.to_string(),
            s.name.to_string(),
            s.date.to_string(),
            s.signed_at.to_string(),
            s.key.clone().unwrap_or_default(),
            s.state.clone(),
            s.counts.to_string(),
        ]);
    }
    for line in src.lines {
        if !signoffs.iter().any(|s| s.item == line.item) {
            let why = src.line_standing(&line.item).err().unwrap_or_default();
            rows.push(vec![
                line.item.clone(),
                line.role.clone(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                why,
                "false".to_string(),
            ]);
        }
    }
    write(rows)
}
