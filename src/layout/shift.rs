//! The shift picture: the services side by side as slim stacks, and the demarcation line drawn
//! across them, so that the eye sees the line move (On-prem → IaaS → PaaS → SaaS).
//!
//! The line of a column lies below the last layer (top down) that the first party (by
//! convention the customer) has any part in.

use super::grid::{Grid, cell_text, column_label, label_width};
use super::text::{Style, Wrapped, wrap};
use super::*;
use crate::model::{Column, LayerIx, Model, PartyIx};
use crate::theme::{Theme, text_on};
use crate::words::Words;

const MARGIN: f64 = 40.0;
/// The label column's width: at least this, more for long labels (up to `LABEL_MAX`).
const LABEL_W: f64 = 320.0;
const LABEL_MAX: f64 = 560.0;
const COL_W: f64 = 190.0;
const COL_GAP: f64 = 40.0;
const GAP: f64 = 4.0;
const LINE_W: f64 = 6.0;
const MIN_WIDTH: f64 = 1200.0;

const TITLE: Style = Style::new(34.0, 22.0, true, 2);
// Text never shrinks below 18 px: a long label wraps instead (see `SLIDE_TEXT_FLOOR`).
const SUBTITLE: Style = Style::new(22.0, 18.0, false, 2);
const HEAD: Style = Style::new(19.0, 18.0, true, 3);
const ROW: Style = Style::new(18.0, 18.0, false, 3);
const CELL: Style = Style::new(18.0, 18.0, true, 3);
const LEGEND: Style = Style::new(18.0, 18.0, false, 3);

/// How many layers, from the top, the first party has a part in under `col`: below them it
/// has none (the lower line).
pub fn depth(model: &Model, col: Column) -> usize {
    model
        .layer_ixs()
        .filter(|l| model.cell(*l, col).includes(PartyIx(0)))
        .map(|l| l.0 + 1)
        .max()
        .unwrap_or(0)
}

/// How many layers, from the top, the first party secures alone under `col` (the upper line);
/// never more than [`depth`].
pub fn alone(model: &Model, col: Column) -> usize {
    model
        .layer_ixs()
        .take_while(|l| model.cell(*l, col).parties() == [PartyIx(0)])
        .count()
}

/// Lays out the shift picture. Presenting steps: the row labels, then one column at a time
/// with its part of the line.
pub fn shift(model: &Model, theme: &Theme, words: &Words) -> Scene {
    part(model, theme, words, &model.columns(), None)
}

/// The shift picture of some consecutive columns: the whole, or one page `(number, of)` of it;
/// its title, heading and description name the page and speak of its columns only.
pub(super) fn part(
    model: &Model,
    theme: &Theme,
    words: &Words,
    cols: &[Column],
    page: Option<(usize, usize)>,
) -> Scene {
    let cols = cols.to_vec();
    let label_w = label_width(model, ROW, LABEL_W, LABEL_MAX);
    let table_w = Grid::table_width(label_w, COL_W, COL_GAP, COL_GAP, cols.len());
    let width = (table_w + 2.0 * MARGIN).max(MIN_WIDTH);
    let grid = Grid {
        pal: Palette::new(model, theme),
        left: ((width - table_w) / 2.0).floor(),
        label_w,
        col_w: COL_W,
        first_gap: COL_GAP,
        col_gap: COL_GAP,
        pad: 8.0,
        row_pad: 12.0,
        min_row: 40.0,
        row_style: ROW,
        cell_style: CELL,
        stepped: true,
        offsets: Vec::new(),
    };
    let first = &model.parties[0].label;
    let with_party = [
        [("title", model.title.as_str()), ("party", first.as_str())].as_slice(),
        &axis(model),
    ]
    .concat();
    let page_words = super::pages::suffix(words, page);
    let title = Words::fill(&words.shift_title, &with_party) + &page_words;
    let mut s = Scene::new(width, title, describe_columns(model, words, &cols), theme);
    let mut y = MARGIN;
    for (text, style, fill) in [
        (format!("{}{page_words}", model.title), TITLE, theme.text),
        (
            Words::fill(&words.shift_subtitle, &with_party),
            SUBTITLE,
            theme.muted,
        ),
    ] {
        let w = wrap(&text, width - 2.0 * MARGIN, style);
        s.texts.push(Text::place(
            &w,
            Bounds {
                x: MARGIN,
                y,
                w: width - 2.0 * MARGIN,
                h: w.height(),
            },
            fill,
            Anchor::Middle,
            Class::Heading,
        ));
        y += w.height() + 6.0;
    }
    y += 22.0;

    y = column_heads(&mut s, &grid, model, words, &cols, y);

    // Rows: the layer label, then one cell per column.
    let mut row_tops = Vec::new();
    for l in model.layer_ixs() {
        let mark = |_: LayerIx, _: Column, o: &crate::model::Owner| cell_text(model, words, o);
        row_tops.push(y);
        y += grid.row(&mut s, model, l, &cols, y, mark) + GAP;
    }
    let table_bottom = y - GAP;

    demarcation(&mut s, &grid, model, &cols, &row_tops, table_bottom);

    let two_lines = cols.iter().any(|c| alone(model, *c) < depth(model, *c));
    let fill = |w: &str| Words::fill(w, &with_party);
    let entries = if two_lines {
        vec![
            (fill(&words.shift_legend_alone), None),
            (fill(&words.shift_legend_none), Some(Dash::Long)),
        ]
    } else {
        vec![(fill(&words.shift_legend), None)]
    };
    let entries: Vec<(&str, Option<Dash>)> =
        entries.iter().map(|(t, d)| (t.as_str(), *d)).collect();
    let y = legend(&mut s, theme, &entries, table_bottom + 28.0);
    s.finish(y + MARGIN)
}

/// The column heads, each shown at its column's step; returns the y below them.
fn column_heads(
    s: &mut Scene,
    grid: &Grid,
    model: &Model,
    words: &Words,
    cols: &[Column],
    mut y: f64,
) -> f64 {
    let theme = grid.pal.theme;
    let heads: Vec<Wrapped> = cols
        .iter()
        .map(|c| wrap(column_label(model, *c, words), COL_W - 16.0, HEAD))
        .collect();
    let head_h = heads.iter().map(|h| h.height() + 20.0).fold(48.0, f64::max);
    let head_fill = theme.neutral(0.08);
    for (i, h) in heads.iter().enumerate() {
        let b = grid.col_box(i, y, head_h);
        let mark = s.mark();
        s.rects.push(Rect::new(b, head_fill, None, Class::Header));
        s.texts.push(Text::place(
            h,
            b.inset(8.0),
            text_on(head_fill),
            Anchor::Middle,
            Class::Column,
        ));
        s.set_step(mark, grid.step(i));
    }
    y += head_h + GAP;
    y
}

/// The lines of each column, each part shown at its column's step, joined between columns:
/// a solid line below the layers the first party secures alone, and a dashed one below the
/// last layer it has a part in, where that is lower. So the legend holds for every column by
/// construction: above the solid line the first party alone; below the lower line, no part.
fn demarcation(
    s: &mut Scene,
    grid: &Grid,
    model: &Model,
    cols: &[Column],
    row_tops: &[f64],
    table_bottom: f64,
) {
    let theme = grid.pal.theme;
    let line_y = |d: usize| {
        r(if d < row_tops.len() {
            row_tops[d] - GAP / 2.0
        } else {
            table_bottom + GAP / 2.0
        })
    };
    let mut prev: [Option<(f64, f64)>; 2] = [None, None];
    for (i, c) in cols.iter().enumerate() {
        let (upper, lower) = (alone(model, *c), depth(model, *c));
        let (x1, x2) = (grid.col_x(i) - 8.0, grid.col_x(i) + COL_W + 8.0);
        for (k, (d, dash)) in [(upper, None), (lower, Some(Dash::Long))]
            .into_iter()
            .enumerate()
        {
            // One line where the two coincide; the lower one joins from where it stands.
            let ly = line_y(d);
            if k == 1 && lower == upper {
                prev[1] = Some((x2, ly));
                continue;
            }
            let line = |x1: f64, y1: f64, x2: f64, y2: f64| Line {
                x1: r(x1),
                y1: r(y1),
                x2: r(x2),
                y2: r(y2),
                stroke: theme.line,
                width: LINE_W,
                dash,
                class: Class::Demarcation,
                step: grid.step(i),
            };
            if let Some((px, py)) = prev[k] {
                s.lines.push(line(px, py, x1, ly));
            }
            s.lines.push(line(x1, ly, x2, ly));
            prev[k] = Some((x2, ly));
        }
    }
}

/// The legend: a sample of each kind of line drawn and what it means; returns the y below it.
fn legend(s: &mut Scene, theme: &Theme, entries: &[(&str, Option<Dash>)], mut y: f64) -> f64 {
    for (i, (text, dash)) in entries.iter().enumerate() {
        if i > 0 {
            y += 10.0;
        }
        let text = wrap(text, s.width - 2.0 * MARGIN - 80.0, LEGEND);
        s.lines.push(Line {
            x1: MARGIN,
            y1: r(y + 12.0),
            x2: MARGIN + 56.0,
            y2: r(y + 12.0),
            stroke: theme.line,
            width: LINE_W,
            dash: *dash,
            class: Class::Legend,
            step: 0,
        });
        s.texts.push(Text::place(
            &text,
            Bounds {
                x: MARGIN + 72.0,
                y,
                w: text.width + 1.0,
                h: text.height().max(24.0),
            },
            theme.text,
            Anchor::Start,
            Class::Legend,
        ));
        y += text.height().max(24.0);
    }
    y
}

/// The line's position in words.
pub fn describe(model: &Model, words: &Words) -> String {
    describe_columns(model, words, &model.columns())
}

/// The line's position in `cols`, in words.
fn describe_columns(model: &Model, words: &Words, cols: &[Column]) -> String {
    let first = model.parties[0].label.as_str();
    let parts: Vec<String> = cols
        .iter()
        .copied()
        .map(|c| {
            let service = column_label(model, c, words);
            let values = [("service", service), ("party", first)];
            let (upper, lower) = (alone(model, c), depth(model, c));
            let above = match upper {
                _ if upper == lower => String::new(),
                0 => format!("; {}", Words::fill(&words.desc_line_shares_top, &values)),
                u => format!(
                    "; {}",
                    Words::fill(
                        &words.desc_line_alone,
                        &[
                            values.as_slice(),
                            &[("layer", model.layer(LayerIx(u - 1)).label.as_str())]
                        ]
                        .concat(),
                    )
                ),
            };
            let ends = match lower {
                0 => Words::fill(&words.desc_line_none, &values),
                d if d == model.layers.len() => Words::fill(&words.desc_line_all, &values),
                d => Words::fill(
                    &words.desc_line_ends,
                    &[
                        values.as_slice(),
                        &[("layer", model.layer(LayerIx(d - 1)).label.as_str())],
                    ]
                    .concat(),
                ),
            };
            ends + &above
        })
        .collect();
    let mut text = parts.join("; ");
    if let Some(c) = text.get_mut(0..1) {
        c.make_ascii_uppercase();
    }
    text + "."
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{THREE_SERVICES, model};

    #[test]
    fn the_line_lies_below_the_last_layer_the_first_party_has_a_part_in() {
        let m = model(THREE_SERVICES);
        let depths: Vec<usize> = m.columns().into_iter().map(|c| depth(&m, c)).collect();
        // vm: data, identity, os; db: data, identity; saas: the shared data only.
        assert_eq!(depths, [3, 2, 1]);
        let none = model(&THREE_SERVICES.replace(
            "owners: {data: [customer, provider], identity: provider, os: provider}",
            "owners: {data: provider, identity: provider, os: provider}",
        ));
        assert_eq!(depth(&none, none.columns()[2]), 0);
    }

    #[test]
    fn the_solid_line_lies_below_the_layers_the_first_party_secures_alone() {
        let m = model(THREE_SERVICES);
        let alone: Vec<usize> = m.columns().into_iter().map(|c| alone(&m, c)).collect();
        // vm: data, identity, os alone; db: data, identity; saas: the data is shared.
        assert_eq!(alone, [3, 2, 0]);
        let s = shift(&m, &Theme::light(), &Words::default());
        let dashed = s
            .lines
            .iter()
            .filter(|l| l.class == Class::Demarcation && l.dash.is_some())
            .count();
        // Only saas has a second line (one segment, and the join from db's lower line).
        assert_eq!(dashed, 2);
        assert!(
            s.desc.contains("Customer shares even the top layer"),
            "{}",
            s.desc
        );
    }

    #[test]
    fn each_column_and_its_part_of_the_line_is_one_step() {
        let m = model(THREE_SERVICES);
        let s = shift(&m, &Theme::light(), &Words::default());
        assert_eq!(s.steps(), 3, "one step a column");
        let first = s.step(1);
        let lines: Vec<u32> = first.lines.iter().map(|l| l.step).collect();
        // The first column's line (one: there the customer alone secures every layer it has a
        // part in), and the legend's two sample lines (solid and dashed: saas has both).
        assert_eq!(lines, [1, 0, 0]);
        assert_eq!(first.width, s.width, "slides of a sequence line up");
        assert_eq!(first.height, s.height);
        assert_eq!(s.step(3).rects.len(), s.rects.len());
    }
}
