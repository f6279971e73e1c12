//! The matrix picture: layers as rows, services as columns, each cell filled with its owner's
//! colour and marked with the owner's name (or "Shared"), with a legend.

use super::text::{Style, wrap};
use super::*;
use crate::model::{Model, ServiceIx};

const MARGIN: f64 = 40.0;
const LABEL_W: f64 = 380.0;
const COL_W: f64 = 220.0;
const GAP: f64 = 4.0;
const MIN_WIDTH: f64 = 1200.0;

const TITLE: Style = Style::new(34.0, 22.0, true, 2);
const HEAD: Style = Style::new(20.0, 13.0, true, 3);
const CATEGORY: Style = Style::new(15.0, 12.0, false, 2);
const ROW: Style = Style::new(19.0, 13.0, false, 3);
const CELL: Style = Style::new(17.0, 12.0, true, 3);
const LEGEND: Style = Style::new(18.0, 12.0, false, 2);

/// Lays out the layer × service matrix. A model without services gets one column of defaults.
pub fn matrix(model: &Model, theme: &Theme) -> Scene {
    let pal = Palette::new(model, theme);
    let cols: Vec<Option<ServiceIx>> = if model.services.is_empty() {
        vec![None]
    } else {
        model.service_ixs().map(Some).collect()
    };
    let table_w = LABEL_W + cols.len() as f64 * (COL_W + GAP);
    let width = (table_w + 2.0 * MARGIN).max(MIN_WIDTH);
    let left = ((width - table_w) / 2.0).floor();
    let mut s = Scene {
        width,
        height: 0.0,
        title: format!(
            "{}: who secures what, by {}",
            model.title,
            model.axis.to_lowercase()
        ),
        desc: describe(model),
        background: theme.background,
        rects: vec![],
        lines: vec![],
        texts: vec![],
    };
    let title = wrap(&model.title, width - 2.0 * MARGIN, TITLE);
    s.texts.push(Text::place(
        &title,
        Bounds {
            x: MARGIN,
            y: MARGIN,
            w: width - 2.0 * MARGIN,
            h: title.height(),
        },
        theme.text,
        "middle",
        "heading",
    ));
    let mut y = MARGIN + title.height() + 28.0;

    let header_fill = theme.background.mix(theme.text, 0.08);
    let heads: Vec<(text::Wrapped, Option<text::Wrapped>)> = cols
        .iter()
        .map(|c| match c {
            Some(sv) => {
                let svc = &model.services[sv.0];
                (
                    wrap(&svc.label, COL_W - 20.0, HEAD),
                    svc.category
                        .as_ref()
                        .map(|cat| wrap(cat, COL_W - 20.0, CATEGORY)),
                )
            }
            None => (wrap("Default", COL_W - 20.0, HEAD), None),
        })
        .collect();
    let head_h = heads
        .iter()
        .map(|(l, c)| l.height() + c.as_ref().map_or(0.0, |c| c.height() + 6.0) + 24.0)
        .fold(56.0, f64::max);
    let axis = wrap(&model.axis, LABEL_W - 24.0, HEAD);
    let corner = Bounds {
        x: left,
        y,
        w: LABEL_W,
        h: head_h,
    };
    s.rects.push(Rect::new(corner, header_fill, None, "header"));
    s.texts.push(Text::place(
        &axis,
        Bounds::inset(corner, 12.0),
        text_on(header_fill),
        "start",
        "axis",
    ));
    for (i, (label, cat)) in heads.iter().enumerate() {
        let b = Bounds {
            x: left + LABEL_W + GAP + i as f64 * (COL_W + GAP),
            y,
            w: COL_W,
            h: head_h,
        };
        s.rects.push(Rect::new(b, header_fill, None, "header"));
        let block = label.height() + cat.as_ref().map_or(0.0, |c| c.height() + 6.0);
        let top = y + (head_h - block) / 2.0;
        s.texts.push(Text::place(
            label,
            Bounds {
                x: b.x + 10.0,
                y: top,
                w: b.w - 20.0,
                h: label.height(),
            },
            text_on(header_fill),
            "middle",
            "column",
        ));
        if let Some(c) = cat {
            let cb = Bounds {
                x: b.x + 10.0,
                y: top + label.height() + 6.0,
                w: b.w - 20.0,
                h: c.height(),
            };
            s.texts
                .push(Text::place(c, cb, theme.muted, "middle", "category"));
        }
    }
    y += head_h + GAP;

    for l in model.layer_ixs() {
        let label = wrap(&model.layers[l.0].label, LABEL_W - 24.0, ROW);
        let marks: Vec<(text::Wrapped, Vec<Rgb>)> = cols
            .iter()
            .map(|c| {
                let owner = model
                    .owner(l, *c)
                    .expect("validation gives every cell an owner");
                (
                    wrap(&mark(model, owner), COL_W - 20.0, CELL),
                    pal.fills(owner, 0.35),
                )
            })
            .collect();
        let h = marks
            .iter()
            .map(|(m, _)| m.height() + 20.0)
            .fold(label.height() + 20.0, f64::max)
            .max(52.0);
        let lb = Bounds {
            x: left,
            y,
            w: LABEL_W,
            h,
        };
        s.rects.push(Rect::new(lb, header_fill, None, "header"));
        s.texts.push(Text::place(
            &label,
            Bounds::inset(lb, 12.0),
            text_on(header_fill),
            "start",
            "row",
        ));
        for (i, (m, fills)) in marks.iter().enumerate() {
            let b = Bounds {
                x: left + LABEL_W + GAP + i as f64 * (COL_W + GAP),
                y,
                w: COL_W,
                h,
            };
            split_box(&mut s.rects, b, fills, theme.background, "cell");
            s.texts
                .push(filled_text(&pal, m, Bounds::inset(b, 10.0), fills, "cell"));
        }
        y += h + GAP;
    }
    y = legend(&mut s, &pal, model, left, y + 20.0, width - left - MARGIN);
    s.height = r(y + MARGIN);
    s
}

/// The text mark of a cell: the owner's name, or "Shared: A + B".
fn mark(model: &Model, owner: &Owner) -> String {
    if owner.is_shared() {
        let names: Vec<&str> = owner
            .parties()
            .iter()
            .map(|p| model.party(*p).label.as_str())
            .collect();
        format!("Shared: {}", names.join(" + "))
    } else {
        model.party(owner.parties()[0]).label.clone()
    }
}

/// One swatch and name per party, flowing left to right; returns the y below the legend.
fn legend(s: &mut Scene, pal: &Palette, model: &Model, left: f64, top: f64, width: f64) -> f64 {
    let (sw, gap) = (28.0, 32.0);
    let mut x = left;
    let mut y = top;
    for (i, p) in model.parties.iter().enumerate() {
        let label = wrap(&p.label, (width - sw - 10.0).min(360.0), LEGEND);
        let w = sw + 10.0 + label.width;
        if x > left && x + w > left + width {
            x = left;
            y += 40.0;
        }
        let swatch = Bounds {
            x,
            y: y + 2.0,
            w: sw,
            h: sw,
        };
        s.rects.push(Rect::new(
            swatch,
            pal.tint(i, 0.35),
            Some(pal.theme.text),
            "swatch",
        ));
        let tb = Bounds {
            x: x + sw + 10.0,
            y,
            w: label.width + 1.0,
            h: label.height().max(sw + 4.0),
        };
        s.texts
            .push(Text::place(&label, tb, pal.theme.text, "start", "legend"));
        x += w + gap;
    }
    y + 40.0
}

/// The matrix in words.
pub fn describe(model: &Model) -> String {
    let mut out = Vec::new();
    for l in model.layer_ixs() {
        let layer = &model.layers[l.0];
        let cells: Vec<String> = if model.services.is_empty() {
            vec![model.owner_label(model.owner(l, None).expect("owned"))]
        } else {
            model
                .service_ixs()
                .map(|sv| {
                    format!(
                        "{} on {}",
                        model.owner_label(&model.services[sv.0].owners[l.0]),
                        model.services[sv.0].label
                    )
                })
                .collect()
        };
        out.push(format!("{}: {}.", layer.label, cells.join(", ")));
    }
    out.join(" ")
}
