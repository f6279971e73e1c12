//! `matrix.csv`: the responsibility matrix, one row per cell, for spreadsheets and scripts.
//! Every field a spreadsheet would read as a formula (starting with `=`, `+`, `-`, `@`, a tab
//! or a carriage return) is neutralised with a leading apostrophe, as OWASP advises.

use crate::diag::Diagnostic;
use crate::model::{Column, Model};

/// The header row.
pub const CSV_HEADER: [&str; 9] = [
    "layer_id",
    "layer",
    "column_id",
    "column",
    "owner_ids",
    "owners",
    "status",
    "note",
    "sources",
];

/// `field` as a spreadsheet shows it and never runs it: one starting with `=`, `+`, `-`, `@`,
/// a tab or a carriage return gets a leading `'`.
pub fn neutralise(field: &str) -> String {
    if field.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{field}")
    } else {
        field.to_string()
    }
}

/// The matrix as CSV (comma-separated, `"`-quoted where needed, lines ending in `\n`).
pub(super) fn matrix(model: &Model) -> Result<Vec<u8>, Diagnostic> {
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let fail = |e: ::csv::Error| Diagnostic::error(format!("cannot write matrix.csv: {e}"));
    w.write_record(CSV_HEADER).map_err(fail)?;
    for l in model.layer_ixs() {
        for c in model.columns() {
            let row = row(model, l, c);
            w.write_record(row.iter().map(|f| neutralise(f)))
                .map_err(fail)?;
        }
    }
    w.into_inner()
        .map_err(|e| Diagnostic::error(format!("cannot write matrix.csv: {e}")))
}

/// One cell's fields, in [`CSV_HEADER`]'s order.
fn row(model: &Model, l: crate::model::LayerIx, c: Column) -> [String; 9] {
    let layer = model.layer(l);
    let (column_id, column) = match c.service() {
        Some(s) => (
            model.service(s).id.as_str().to_string(),
            model.service(s).label.clone(),
        ),
        None => ("default".to_string(), String::new()),
    };
    let owner = model.cell(l, c);
    let ids: Vec<&str> = owner
        .parties()
        .iter()
        .map(|&p| model.party(p).id.as_str())
        .collect();
    let labels: Vec<&str> = owner
        .parties()
        .iter()
        .map(|&p| model.party(p).label.as_str())
        .collect();
    let info = model.info(l, c);
    let sources: Vec<String> = info
        .sources
        .iter()
        .map(|&i| format!("{} <{}>", model.sources[i].title, model.sources[i].url))
        .collect();
    [
        layer.id.as_str().to_string(),
        layer.label.clone(),
        column_id,
        column,
        ids.join(" "),
        if labels.is_empty() {
            "not applicable".to_string()
        } else {
            labels.join("; ")
        },
        info.status
            .map(|s| s.name().to_string())
            .unwrap_or_default(),
        info.note.clone().unwrap_or_default(),
        sources.join("; "),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{THREE_SERVICES, model};

    #[test]
    fn formulas_are_neutralised_and_plain_text_is_not() {
        for f in ["=1+1", "+SUM(A1)", "-2", "@cmd", "\tx", "\rx"] {
            assert_eq!(neutralise(f), format!("'{f}"));
        }
        for f in ["Customer", "a=b", "", " =1"] {
            assert_eq!(neutralise(f), f);
        }
    }

    #[test]
    fn one_row_per_cell_with_owners_by_id_and_label() {
        let m = model(THREE_SERVICES);
        let text = String::from_utf8(matrix(&m).unwrap()).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 1 + 4 * 3);
        assert_eq!(lines[0], CSV_HEADER.join(","));
        assert!(
            lines.contains(&"data,Data,saas,SaaS,customer provider,Customer; Provider,,,"),
            "{text}"
        );
        assert!(text.ends_with('\n') && !text.contains('\r'));
    }
}
