//! The matrix in words: its description (the alt text of the picture) and its notes' text.

use super::grid::column_label;
use crate::model::{Column, LayerIx, Model, superscript};
use crate::words::Words;

/// "¹ Amazon RDS, Server-side encryption: AWS provides encryption at rest; …".
pub fn note_text(
    model: &Model,
    words: &Words,
    number: usize,
    layer: LayerIx,
    columns: &[Column],
    note: &str,
) -> String {
    // A note of one cell names its column; a note several cells of the row share, only the row.
    let place = match columns {
        [one] if one.service().is_some() => format!(
            "{}, {}",
            column_label(model, *one, words),
            model.layer(layer).label
        ),
        _ => model.layer(layer).label.clone(),
    };
    format!("{} {place}{}{note}", superscript(number), words.colon)
}

/// The matrix in words.
pub fn describe(model: &Model, words: &Words) -> String {
    let rows: Vec<LayerIx> = model.layer_ixs().collect();
    describe_part(model, words, &rows, &model.columns())
}

/// Some rows and columns of the matrix in words.
pub(super) fn describe_part(
    model: &Model,
    words: &Words,
    rows: &[LayerIx],
    cols: &[Column],
) -> String {
    let mut out = Vec::new();
    for &l in rows {
        let layer = model.layer(l);
        let cells: Vec<String> = cols
            .iter()
            .copied()
            .map(|c| {
                let owner = words.owner(model, model.cell(l, c));
                match c.service() {
                    Some(sv) => Words::fill(
                        &words.desc_cell,
                        &[("parties", &owner), ("service", &model.service(sv).label)],
                    ),
                    None => owner,
                }
            })
            .collect();
        out.push(format!(
            "{}{}{}.",
            layer.label,
            words.colon,
            cells.join(", ")
        ));
    }
    for (i, (l, cs, note)) in model.cell_notes().into_iter().enumerate() {
        if rows.contains(&l) && cs.iter().any(|c| cols.contains(c)) {
            out.push(note_text(model, words, i + 1, l, &cs, note));
        }
    }
    out.join(" ")
}
