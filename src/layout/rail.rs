//! The stack where ownership alternates: layers beside a rail that names each run's owner, so
//! that no party's band is drawn twice.

use super::boxes::{band_paint, layer};
use super::stack::{GAP, MARGIN, Steps, WIDTH};
use super::text::{Style, wrap};
use super::*;
use crate::model::{LayerIx, Model, Owner};
use crate::words::Words;

/// The width of the owner rail beside the layers.
const RAIL_W: f64 = 300.0;
const RAIL: Style = Style::new(22.0, 18.0, true, 3);

/// What a rail needs to name its owners.
pub(super) struct RailLabels<'a> {
    pub(super) model: &'a Model,
    pub(super) words: &'a Words,
    /// How many layers stand side by side in a row.
    pub(super) columns: usize,
}

/// The stack as layers beside a rail: each run of layers gets one rail box, in its owner's
/// colours, naming its owner; no bands, so no band repeats, and no demarcation line (where
/// ownership alternates there is no one line between the parties). Returns the y below.
pub(super) fn rails(
    s: &mut Scene,
    pal: &Palette,
    labels: &RailLabels,
    groups: &[(Option<Owner>, Vec<LayerIx>)],
    mut y: f64,
    steps: &Steps,
) -> f64 {
    let x = MARGIN + RAIL_W + GAP;
    let w = WIDTH - MARGIN - x;
    for (gi, (owner, layers)) in groups.iter().enumerate() {
        if gi > 0 {
            y += GAP;
        }
        let paint = band_paint(pal, owner.as_ref());
        let top = y;
        for row in layers.chunks(labels.columns) {
            let lw = (w - GAP * (row.len() - 1) as f64) / row.len() as f64;
            let mut bottom = y;
            for (i, l) in row.iter().enumerate() {
                let mark = s.mark();
                let lx = x + (lw + GAP) * i as f64;
                bottom = bottom.max(layer(s, pal, labels.model.layer(*l), &paint, lx, y, lw));
                s.set_step(mark, steps.of(*l));
            }
            y = bottom + GAP;
        }
        y -= GAP;
        let name = rail_name(labels, owner.as_ref());
        let text = wrap(&name, RAIL_W - 32.0, RAIL);
        // The rail is at least as tall as its name.
        y = y.max(top + text.height() + 28.0);
        let b = Bounds {
            x: MARGIN,
            y: top,
            w: RAIL_W,
            h: y - top,
        };
        let mark = s.mark();
        split_box(&mut s.rects, b, &paint.layer, paint.stroke, Class::Rail);
        s.texts.push(filled_text(
            pal,
            &text,
            b.inset(16.0),
            &paint.layer,
            Class::Rail,
        ));
        let first = layers.iter().map(|l| steps.of(*l)).min().unwrap_or(0);
        s.set_step(mark, first);
    }
    y
}

/// A rail box's text: the party, "Shared: A and B", or "Varies by service".
fn rail_name(labels: &RailLabels, owner: Option<&Owner>) -> String {
    let (model, words) = (labels.model, labels.words);
    match owner {
        None => Words::fill(&words.varies, &axis(model)),
        Some(o) if o.is_shared() => {
            Words::fill(&words.shared_cell, &[("parties", &words.owner(model, o))])
        }
        Some(o) => words.owner(model, o),
    }
}
