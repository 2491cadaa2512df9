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
            it.text.clone(),
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
    write(rows)
}

/// One row per sign-off record, with its standing under the one rule.
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
    for s in src.signoffs() {
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
    write(rows)
}
