//! The diff picture: the new model's matrix with every changed cell outlined, and a cell whose
//! owners changed reading old → new; a note under it says what the outlines mean and what the
//! picture cannot show (parts added, removed or renamed).

use super::{CellChange, Diff, Named};
use crate::layout::matrix::{Mark, marked};
use crate::layout::text::{Style, wrap};
use crate::layout::{Anchor, Bounds, Class, Scene, Text, r};
use crate::model::Model;
use crate::theme::Theme;
use crate::words::Words;

const NOTE: Style = Style::new(19.0, 18.0, false, 4);
const MARGIN: f64 = 40.0;

/// How a cell's owners read in the matrix, from their labels.
fn owners_text(owners: &[Named], words: &Words) -> String {
    let labels: Vec<&str> = owners.iter().map(|n| n.label.as_str()).collect();
    match labels.as_slice() {
        [] => words.not_applicable.clone(),
        [one] => (*one).to_string(),
        many => Words::fill(&words.shared_cell, &[("parties", &words.list(many))]),
    }
}

/// The mark of one changed cell of `new`, if its layer and column are in it.
fn mark(new: &Model, c: &CellChange, words: &Words) -> Option<Mark> {
    let layer = new
        .layer_ixs()
        .find(|l| new.layer(*l).id.as_str() == c.layer.id)?;
    let column = new.columns().into_iter().find(|col| match col.service() {
        Some(s) => new.service(s).id.as_str() == c.column.id,
        None => c.column.id == "default",
    })?;
    let text = c.owners.as_ref().map(|m| {
        format!(
            "{} → {}",
            owners_text(&m.old, words),
            owners_text(&m.new, words)
        )
    });
    Some(Mark {
        layer,
        column,
        text,
    })
}

/// The diff picture of `d` (from the model named `old` to `new_model`, named `new`).
pub fn picture(
    d: &Diff,
    new_model: &Model,
    (old, new): (&str, &str),
    theme: &Theme,
    words: &Words,
) -> Scene {
    let marks: Vec<Mark> = d
        .cells
        .iter()
        .filter_map(|c| mark(new_model, c, words))
        .collect();
    let mut s = marked(new_model, theme, words, &marks);
    let names = [("old", old), ("new", new)];
    let mut note = Words::fill(&words.diff_legend, &names);
    if !d.parts.is_empty() {
        let n = d.parts.len().to_string();
        note.push(' ');
        note.push_str(&Words::fill(&words.diff_parts, &[("count", n.as_str())]));
    }
    let w = wrap(&note, s.width - 2.0 * MARGIN, NOTE);
    let top = s.height - 12.0;
    let b = Bounds {
        x: MARGIN,
        y: top,
        w: s.width - 2.0 * MARGIN,
        h: w.height(),
    };
    s.texts
        .push(Text::place(&w, b, theme.text, Anchor::Start, Class::Legend));
    s.height = r(top + w.height() + 24.0);
    s.title = Words::fill(
        &words.diff_title,
        &[("title", &new_model.title), ("old", old), ("new", new)],
    );
    s.desc = format!("{note} {}", super::text(d, old, new).replace('\n', " "));
    s
}
