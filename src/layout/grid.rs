//! The table that the matrix and shift pictures share: a label column of layers, then one
//! column of owner cells per [`Column`] of the model.

use super::paint::SHARE_BAR;
use super::text::{Style, Wrapped, wrap};
use super::{Anchor, Bounds, Class, Paint, Palette, Rect, Scene, Text, filled_text, split_box};
use crate::model::{Column, LayerIx, Model};
use crate::theme::text_on;
use crate::words::Words;

/// The measures of a grid: where its columns stand and how its cells are padded.
pub struct Grid<'a> {
    /// The parties' colours.
    pub pal: Palette<'a>,
    /// The x of the label column.
    pub left: f64,
    /// The width of the label column.
    pub label_w: f64,
    /// The width of each owner column.
    pub col_w: f64,
    /// Between the label column and the first column.
    pub first_gap: f64,
    /// Between two columns.
    pub col_gap: f64,
    /// The text inset of a cell, left and right; the cell text wraps to `col_w - 2 × pad`.
    pub pad: f64,
    /// Space above and below a row's tallest text, and the least row height.
    pub row_pad: f64,
    /// The least height of a row.
    pub min_row: f64,
    /// The styles of a row's label and of its cells.
    pub row_style: Style,
    /// The style of a cell's owner mark.
    pub cell_style: Style,
    /// Whether each column is its own presenting step (column `i` shows at step `i + 1`).
    pub stepped: bool,
    /// Extra space before each column, setting reference columns apart (see [`ref_offsets`]).
    pub offsets: Vec<f64>,
}

/// The space that sets reference columns apart from the others.
pub const REF_GAP: f64 = 28.0;

/// The extra space before each of `cols`: [`REF_GAP`] wherever a reference column and an
/// ordinary one meet, summed from the left; and the total.
pub fn ref_offsets(model: &Model, cols: &[Column]) -> (Vec<f64>, f64) {
    let is_ref = |c: &Column| c.service().is_some_and(|s| model.service(s).reference);
    let mut offsets = Vec::with_capacity(cols.len());
    let mut extra = 0.0;
    for (i, c) in cols.iter().enumerate() {
        if i > 0 && is_ref(c) != is_ref(&cols[i - 1]) {
            extra += REF_GAP;
        }
        offsets.push(extra);
    }
    (offsets, extra)
}

impl Grid<'_> {
    /// The width of the label column and `n` columns.
    pub fn table_width(label_w: f64, col_w: f64, first_gap: f64, col_gap: f64, n: usize) -> f64 {
        let n = n as f64;
        label_w + first_gap + n * col_w + (n - 1.0) * col_gap
    }

    /// The x of column `i`.
    pub fn col_x(&self, i: usize) -> f64 {
        let extra = self.offsets.get(i).copied().unwrap_or(0.0);
        self.left + self.label_w + self.first_gap + i as f64 * (self.col_w + self.col_gap) + extra
    }

    /// The box of column `i` from `y`, `h` tall.
    pub fn col_box(&self, i: usize, y: f64, h: f64) -> Bounds {
        Bounds {
            x: self.col_x(i),
            y,
            w: self.col_w,
            h,
        }
    }

    /// The bar that opens a group of rows, `width` wide in `style`; returns the y below it.
    pub fn group_bar(
        &self,
        s: &mut Scene,
        title: &str,
        (width, style): (f64, Style),
        y: f64,
    ) -> f64 {
        let theme = self.pal.theme;
        let label = wrap(title, width - 24.0, style);
        let b = Bounds {
            x: self.left,
            y,
            w: width,
            h: label.height() + 8.0,
        };
        s.rects
            .push(Rect::new(b, theme.neutral(0.18), None, Class::Group));
        s.texts.push(Text::place(
            &label,
            b.inset(12.0),
            text_on(theme.neutral(0.18)),
            Anchor::Start,
            Class::Group,
        ));
        y + b.h
    }

    /// A thick outline around the cell of column `i` in the row at `y`, `h` tall (a changed
    /// cell in the diff picture), drawn over the cell's own edge.
    pub fn outline(&self, s: &mut Scene, i: usize, y: f64, h: f64) {
        let b = self.col_box(i, y, h);
        let stroke = self.pal.theme.text;
        let corners = [
            (b.x, b.y, b.right(), b.y),
            (b.right(), b.y, b.right(), b.bottom()),
            (b.right(), b.bottom(), b.x, b.bottom()),
            (b.x, b.bottom(), b.x, b.y),
        ];
        for (x1, y1, x2, y2) in corners {
            s.lines.push(super::Line {
                x1: super::r(x1),
                y1: super::r(y1),
                x2: super::r(x2),
                y2: super::r(y2),
                stroke,
                width: 5.0,
                dash: None,
                step: 0,
                class: Class::Changed,
            });
        }
    }

    /// The presenting step of column `i`.
    pub fn step(&self, i: usize) -> u32 {
        if self.stepped { i as u32 + 1 } else { 0 }
    }

    /// The label cell of a row, on the neutral header fill.
    pub fn row_label(&self, s: &mut Scene, label: &Wrapped, y: f64, h: f64) {
        let b = Bounds {
            x: self.left,
            y,
            w: self.label_w,
            h,
        };
        let fill = self.pal.theme.neutral(0.08);
        s.rects.push(Rect::new(b, fill, None, Class::Header));
        s.texts.push(Text::place(
            label,
            b.inset(12.0),
            text_on(fill),
            Anchor::Start,
            Class::Row,
        ));
    }

    /// The row of `layer`: its label, then one cell per column marked with `mark` of the
    /// cell's owner; returns the row's height.
    pub fn row(
        &self,
        s: &mut Scene,
        model: &Model,
        layer: LayerIx,
        cols: &[Column],
        y: f64,
        mark: impl Fn(LayerIx, Column, &crate::model::Owner) -> String,
    ) -> f64 {
        let (row_style, cell_style) = (self.row_style, self.cell_style);
        let theme = self.pal.theme;
        let label = wrap(&model.layer(layer).label, self.label_w - 24.0, row_style);
        let cells: Vec<(Wrapped, Paint)> = cols
            .iter()
            .map(|c| {
                let owner = model.cell(layer, *c);
                (
                    wrap(
                        &mark(layer, *c, owner),
                        self.col_w - 2.0 * self.pad,
                        cell_style,
                    ),
                    self.pal.paint(owner, theme.tints.cell),
                )
            })
            .collect();
        // A row with a shared cell is taller by the cell's colour bar, which its text keeps
        // clear of.
        let bar = if cells.iter().any(|(_, p)| p.base.is_some()) {
            SHARE_BAR
        } else {
            0.0
        };
        let h = cells
            .iter()
            .map(|(t, _)| t.height() + self.row_pad)
            .fold(label.height() + self.row_pad, f64::max)
            .max(self.min_row)
            + bar;
        self.row_label(s, &label, y, h);
        for (i, (t, paint)) in cells.iter().enumerate() {
            let b = self.col_box(i, y, h);
            let mark = s.mark();
            split_box(&mut s.rects, b, paint, theme.background, Class::Cell);
            let own_bar = if paint.base.is_some() { bar } else { 0.0 };
            let text_box = Bounds {
                h: b.h - own_bar,
                ..b.inset(self.pad)
            };
            s.texts
                .push(filled_text(&self.pal, t, text_box, paint, Class::Cell));
            s.set_step(mark, self.step(i));
        }
        h
    }
}

/// A label column wide enough for the model's longest layer label on one line (plus its
/// inset), within `min..=max`: wide tables have the room, and one-line rows keep the picture
/// short enough for its text to stay large on a slide.
pub fn label_width(model: &Model, style: Style, min: f64, max: f64) -> f64 {
    let widest = model
        .layers
        .iter()
        .map(|l| super::text::measure(&l.label, style.size, style.bold))
        .fold(0.0, f64::max);
    (widest + 26.0).ceil().clamp(min, max)
}

/// The text of a cell: its party, "Shared: A and B", or "Not applicable": the words the
/// stack, the matrix, the shift and the handouts all use.
pub fn cell_text(model: &Model, words: &Words, owner: &crate::model::Owner) -> String {
    if owner.is_na() {
        words.not_applicable.clone()
    } else if owner.is_shared() {
        Words::fill(
            &words.shared_cell,
            &[("parties", &words.owner(model, owner))],
        )
    } else {
        words.owner(model, owner)
    }
}

/// The heading of a column: its service's label, or the default column's name.
pub fn column_label<'a>(model: &'a Model, col: Column, words: &'a Words) -> &'a str {
    col.service().map_or(words.default_column.as_str(), |s| {
        model.service(s).label.as_str()
    })
}
