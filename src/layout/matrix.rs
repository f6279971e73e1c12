//! The matrix picture: layers as rows, services as columns, each cell filled with its owner's
//! colour and marked with the owner's name (or "Shared"), rows grouped as the vendors' charts
//! group them (always one party's, varies by service), and a legend.

use super::grid::{Grid, cell_text, column_label, label_width, ref_offsets};
use super::matrix_words::describe_part;
pub use super::matrix_words::{describe, note_text};
use super::text::{Style, Wrapped, wrap};
use super::*;
use crate::model::{Column, LayerIx, Model, Owner, note_number_in, superscript};
use crate::theme::{Theme, text_on};
use crate::words::Words;

const MARGIN: f64 = 40.0;
/// The space above the title and below the legend; the slide adds its own margin.
const V_MARGIN: f64 = 24.0;
/// The label column's width: at least this, more for long labels (up to `LABEL_MAX`).
const LABEL_W: f64 = 380.0;
const LABEL_MAX: f64 = 620.0;
const COL_W: f64 = 220.0;
/// The widest a column grows so that its head takes at most two lines.
const COL_MAX: f64 = 300.0;
const GAP: f64 = 4.0;
const MIN_WIDTH: f64 = 1200.0;

const TITLE: Style = Style::new(34.0, 22.0, true, 2);
// Text never shrinks below 18 px: a long label wraps instead (see `SLIDE_TEXT_FLOOR`).
const HEAD: Style = Style::new(19.0, 18.0, true, 3);
const CATEGORY: Style = Style::new(18.0, 18.0, false, 2);
const GROUP: Style = Style::new(18.0, 18.0, true, 2);
const ROW: Style = Style::new(19.0, 18.0, false, 3);
const CELL: Style = Style::new(18.0, 18.0, true, 3);
const LEGEND: Style = Style::new(18.0, 18.0, false, 2);
const NOTE: Style = Style::new(18.0, 18.0, false, 4);

/// Lays out the layer × service matrix.
pub fn matrix(model: &Model, theme: &Theme, words: &Words) -> Scene {
    let rows: Vec<LayerIx> = model.layer_ixs().collect();
    part(model, theme, words, (&rows, &model.columns()), None)
}

/// A cell to outline as changed, with the text to show in it (old → new owners), or `None`
/// to keep its own.
#[derive(Debug, Clone)]
pub struct Mark {
    /// The cell's layer.
    pub layer: LayerIx,
    /// The cell's column.
    pub column: Column,
    /// What the cell reads instead of its owner, if anything.
    pub text: Option<String>,
}

/// The whole matrix with `marks` outlined (the diff picture).
pub fn marked(model: &Model, theme: &Theme, words: &Words, marks: &[Mark]) -> Scene {
    let rows: Vec<LayerIx> = model.layer_ixs().collect();
    lay(
        model,
        theme,
        words,
        (&rows, &model.columns()),
        (None, marks),
    )
}

/// The matrix of some rows and columns: the whole, or one page `(number, of)` of it. Rows keep
/// the class the whole matrix gives them, and notes keep their numbers.
pub(super) fn part(
    model: &Model,
    theme: &Theme,
    words: &Words,
    (rows, cols): (&[LayerIx], &[Column]),
    page: Option<(usize, usize)>,
) -> Scene {
    lay(model, theme, words, (rows, cols), (page, &[]))
}

fn lay(
    model: &Model,
    theme: &Theme,
    words: &Words,
    (rows, cols): (&[LayerIx], &[Column]),
    (page, marks): (Option<(usize, usize)>, &[Mark]),
) -> Scene {
    let cols = cols.to_vec();
    let (offsets, extra) = ref_offsets(model, &cols);
    let label_w = label_width(model, ROW, LABEL_W, LABEL_MAX);
    let col_w = column_width(model, &cols, words, label_w);
    let table_w = Grid::table_width(label_w, col_w, GAP, GAP, cols.len()) + extra;
    let width = (table_w + 2.0 * MARGIN).max(MIN_WIDTH);
    let grid = Grid {
        pal: Palette::new(model, theme),
        left: ((width - table_w) / 2.0).floor(),
        label_w,
        col_w,
        first_gap: GAP,
        col_gap: GAP,
        pad: 10.0,
        row_pad: 12.0,
        min_row: 36.0,
        row_style: ROW,
        cell_style: CELL,
        stepped: false,
        offsets,
    };
    let (title, heading) = titles(model, words, page);
    let mut s = Scene::new(
        width,
        title,
        describe_part(model, words, rows, &cols),
        theme,
    );
    let heading = wrap(&heading, width - 2.0 * MARGIN, TITLE);
    let hb = Bounds {
        x: MARGIN,
        y: V_MARGIN,
        w: width - 2.0 * MARGIN,
        h: heading.height(),
    };
    s.texts.push(Text::place(
        &heading,
        hb,
        theme.text,
        Anchor::Middle,
        Class::Heading,
    ));
    let mut y = header(
        &mut s,
        &grid,
        model,
        words,
        &cols,
        V_MARGIN + heading.height() + 20.0,
    );
    y = body(
        &mut s,
        (&grid, marks),
        model,
        words,
        (rows, &cols),
        y,
        table_w,
    );
    y = notes(
        &mut s,
        model,
        words,
        (rows, &cols),
        grid.left,
        y + 12.0,
        table_w,
    );
    y = super::paint::party_legend(
        &mut s,
        (&grid.pal, LEGEND),
        model,
        grid.left,
        y + 8.0,
        width - grid.left - MARGIN,
    );
    s.finish(y + V_MARGIN)
}

/// The rows, class by class (each class bar once, above the rows of the part that are in
/// it); returns the y below them.
fn body(
    s: &mut Scene,
    (grid, marks): (&Grid, &[Mark]),
    model: &Model,
    words: &Words,
    (rows, cols): (&[LayerIx], &[Column]),
    mut y: f64,
    table_w: f64,
) -> f64 {
    let cell_notes = model.cell_notes();
    for (title, layers) in row_groups(model, words) {
        let layers: Vec<LayerIx> = layers.into_iter().filter(|l| rows.contains(l)).collect();
        if layers.is_empty() {
            continue;
        }
        if cols.len() > 1 {
            y = grid.group_bar(s, &title, (table_w, GROUP), y) + GAP;
        }
        for l in layers {
            let mark = |c: Column| marks.iter().find(|m| m.layer == l && m.column == c);
            let noted = |l, c, o: &Owner| {
                let text = match mark(c).and_then(|m| m.text.clone()) {
                    Some(t) => t,
                    None => cell_text(model, words, o),
                };
                match note_number_in(&cell_notes, l, c) {
                    Some(n) => format!("{text}{}", superscript(n)),
                    None => text,
                }
            };
            let h = grid.row(s, model, l, cols, y, noted);
            for (i, _) in cols.iter().enumerate().filter(|(_, c)| mark(**c).is_some()) {
                grid.outline(s, i, y, h);
            }
            y += h + GAP;
        }
    }
    y
}

/// The accessible name and the heading of the matrix, or of one page `(number, of)` of it.
fn titles(model: &Model, words: &Words, page: Option<(usize, usize)>) -> (String, String) {
    let title = Words::fill(
        &words.matrix_title,
        &[[("title", model.title.as_str())].as_slice(), &axis(model)].concat(),
    );
    let p = super::pages::suffix(words, page);
    (format!("{title}{p}"), format!("{}{p}", model.title))
}

/// The column width: [`COL_W`], or wider (up to [`COL_MAX`], and within a slide's width) when
/// a column head would take more than two lines or a cell more than one, since a taller table
/// shrinks the whole picture on a slide.
fn column_width(model: &Model, cols: &[Column], words: &Words, label_w: f64) -> f64 {
    // Never wider than lets the table keep to a slide's width.
    let room = (SLIDE_AREA.0 - 2.0 * MARGIN - label_w) / cols.len() as f64 - GAP;
    let max = COL_MAX.min(room).max(COL_W);
    let mut w = COL_W;
    for c in cols {
        let label = column_label(model, *c, words);
        while w < max && wrap(label, w - 20.0, HEAD).lines.len() > 2 {
            w += 10.0;
        }
        // A cell's text on one line where the room allows: two-line rows make a tall table.
        for l in model.layer_ixs() {
            let text = cell_text(model, words, model.cell(l, *c));
            while w < max && wrap(&text, w - 20.0, CELL).lines.len() > 1 {
                w += 10.0;
            }
        }
    }
    w
}

/// The header row: the axis name, then each column's label and category.
fn header(
    s: &mut Scene,
    grid: &Grid,
    model: &Model,
    words: &Words,
    cols: &[Column],
    y: f64,
) -> f64 {
    let theme_fill = s.background.mix(s.ink, 0.08);
    let heads: Vec<(Wrapped, Option<Wrapped>)> = cols
        .iter()
        .map(|c| match c.service() {
            Some(sv) => {
                let svc = model.service(sv);
                // A reference column says so under its name.
                let category = match (&svc.category, svc.reference) {
                    (Some(cat), true) => {
                        Some(Words::fill(&words.reference_of, &[("category", cat)]))
                    }
                    (None, true) => Some(words.reference.clone()),
                    (cat, false) => cat.clone(),
                };
                (
                    wrap(&svc.label, grid.col_w - 20.0, HEAD),
                    category.map(|cat| wrap(&cat, grid.col_w - 20.0, CATEGORY)),
                )
            }
            None => (wrap(&words.default_column, grid.col_w - 20.0, HEAD), None),
        })
        .collect();
    let block = |l: &Wrapped, c: &Option<Wrapped>| {
        l.height() + c.as_ref().map_or(0.0, |c| c.height() + 6.0)
    };
    let head_h = heads
        .iter()
        .map(|(l, c)| block(l, c) + 16.0)
        .fold(56.0, f64::max);
    let axis = wrap(&model.axis, grid.label_w - 24.0, HEAD);
    let corner = Bounds {
        x: grid.left,
        y,
        w: grid.label_w,
        h: head_h,
    };
    s.rects
        .push(Rect::new(corner, theme_fill, None, Class::Header));
    s.texts.push(Text::place(
        &axis,
        corner.inset(12.0),
        text_on(theme_fill),
        Anchor::Start,
        Class::Axis,
    ));
    let muted = if crate::theme::contrast(s.ink, theme_fill) >= crate::theme::AA {
        s.ink
    } else {
        text_on(theme_fill)
    };
    for (i, (label, cat)) in heads.iter().enumerate() {
        let b = grid.col_box(i, y, head_h);
        s.rects.push(Rect::new(b, theme_fill, None, Class::Header));
        let top = y + (head_h - block(label, cat)) / 2.0;
        let lb = Bounds {
            x: b.x + 10.0,
            y: top,
            w: b.w - 20.0,
            h: label.height(),
        };
        s.texts.push(Text::place(
            label,
            lb,
            text_on(theme_fill),
            Anchor::Middle,
            Class::Column,
        ));
        if let Some(c) = cat {
            let cb = Bounds {
                x: b.x + 10.0,
                y: top + label.height() + 6.0,
                w: b.w - 20.0,
                h: c.height(),
            };
            s.texts
                .push(Text::place(c, cb, muted, Anchor::Middle, Class::Category));
        }
    }
    y + head_h + GAP
}

/// The rows by class, each class once: its title (the model's name for it, or "Always
/// Customer", "Varies by service"), and its layers in stack order; classes in the order they
/// first appear. A row's class comes from the columns that classify (not the reference ones):
/// one owner in all of them, or "varies".
pub fn row_groups(model: &Model, words: &Words) -> Vec<(String, Vec<LayerIx>)> {
    let cols = model.classifying_columns();
    let mut groups: Vec<(String, Vec<LayerIx>)> = Vec::new();
    for l in model.layer_ixs() {
        let first = model.cell(l, cols[0]);
        let key = cols
            .iter()
            .all(|c| model.cell(l, *c) == first)
            .then_some(first);
        let title = group_title(model, key, words);
        match groups.iter_mut().find(|(t, _)| *t == title) {
            Some((_, ls)) => ls.push(l),
            None => groups.push((title, vec![l])),
        }
    }
    groups
}

fn group_title(model: &Model, key: Option<&Owner>, words: &Words) -> String {
    let named = match key {
        Some(o) if o.is_shared() => model.classes.shared.as_ref(),
        Some(o) if o.is_na() => None,
        Some(o) => model.classes.party[o.parties()[0].0].as_ref(),
        None => model.classes.varies.as_ref(),
    };
    if let Some(name) = named {
        return name.clone();
    }
    match key {
        Some(o) if o.is_shared() => {
            Words::fill(&words.always_shared, &[("parties", &words.owner(model, o))])
        }
        Some(o) if o.is_na() => words.not_applicable.clone(),
        Some(o) => Words::fill(&words.always, &[("parties", &words.owner(model, o))]),
        None => Words::fill(&words.varies, &axis(model)),
    }
}

/// The notes of the cells, numbered as their markers, under the table; returns the y below.
fn notes(
    s: &mut Scene,
    model: &Model,
    words: &Words,
    (rows, cols): (&[LayerIx], &[Column]),
    left: f64,
    mut y: f64,
    w: f64,
) -> f64 {
    for (i, (l, cs, note)) in model.cell_notes().into_iter().enumerate() {
        // A page lists the notes of its own cells, by their numbers in the whole matrix.
        if !rows.contains(&l) || !cs.iter().any(|c| cols.contains(c)) {
            continue;
        }
        let text = note_text(model, words, i + 1, l, &cs, note);
        let wrapped = wrap(&text, w, NOTE);
        let b = Bounds {
            x: left,
            y,
            w,
            h: wrapped.height(),
        };
        s.texts
            .push(Text::place(&wrapped, b, s.ink, Anchor::Start, Class::Note));
        y += wrapped.height() + 6.0;
    }
    y
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{THREE_SERVICES, model};

    #[test]
    fn a_cell_that_does_not_apply_says_so_and_belongs_to_no_party() {
        let m = model(&THREE_SERVICES.replace("owners: {os: provider}", "owners: {os: n/a}"));
        let os = LayerIx(2);
        let db = m.columns()[1];
        assert!(m.cell(os, db).is_na() && !m.cell(os, db).includes(crate::model::PartyIx(0)));
        let w = Words::default();
        let s = matrix(&m, &Theme::light(), &w);
        assert!(
            s.texts
                .iter()
                .any(|t| t.class == Class::Cell && t.lines[0].text == "Not applicable")
        );
        assert!(describe(&m, &w).contains("Not applicable (DB)"));
        // The shift's claims hold: the customer has no part in it.
        let shift = super::super::shift::shift(&m, &Theme::light(), &w);
        assert!(shift.desc.contains("DB"));
    }
}
