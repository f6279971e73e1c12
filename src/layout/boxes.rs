//! The boxes of a stack: a band's paints, and one layer with its items.

use super::paint::SHARE_BAR;
use super::stack::GAP;
use super::text::{Style, Wrapped, wrap};
use super::*;
use crate::model::Owner;
use crate::theme::Rgb;

const LAYER: Style = Style::new(22.0, 18.0, false, 3);
const LAYER_HEAD: Style = Style::new(20.0, 18.0, true, 2);
const ITEM: Style = Style::new(19.0, 18.0, false, 3);
const ITEMS_PER_ROW: usize = 6;
/// The narrowest item box a row of items is split into.
const MIN_ITEM_W: f64 = 240.0;

/// The paints of a band: background, outline, layers, items and the strips over items.
pub(super) struct BandPaint {
    pub(super) back: Rgb,
    pub(super) stroke: Rgb,
    pub(super) layer: Paint,
    pub(super) item: Paint,
    pub(super) strip: Paint,
}

pub(super) fn band_paint(pal: &Palette, owner: Option<&Owner>) -> BandPaint {
    let (theme, t) = (pal.theme, pal.theme.tints);
    match owner {
        Some(o) if !o.is_shared() && !o.is_na() => {
            let p = o.parties()[0].0;
            BandPaint {
                back: pal.tint(p, t.band),
                stroke: if theme.patterns {
                    theme.line
                } else {
                    pal.party[p]
                },
                layer: pal.party_paint(p, t.layer),
                item: pal.party_paint(p, t.item),
                strip: pal.party_paint(p, t.strip),
            }
        }
        Some(o) => BandPaint {
            back: theme.neutral(0.05),
            stroke: theme.muted,
            layer: pal.paint(o, t.layer),
            item: pal.paint(o, t.item),
            strip: pal.paint(o, t.strip),
        },
        None => BandPaint {
            back: theme.neutral(0.05),
            stroke: theme.muted,
            layer: Paint::plain(theme.neutral(0.15)),
            item: Paint::plain(theme.neutral(0.1)),
            strip: Paint::plain(theme.neutral(0.25)),
        },
    }
}

/// Lays out one layer at `x`, `top`, `w` wide: a box with its label, or a strip with its
/// items under it; returns the y of its bottom edge.
pub(super) fn layer(
    s: &mut Scene,
    pal: &Palette,
    l: &crate::model::Layer,
    c: &BandPaint,
    x: f64,
    top: f64,
    w: f64,
) -> f64 {
    let text_pad = 16.0;
    // A shared box's colour bar runs along its bottom; its text keeps clear of it.
    let bar = |p: &Paint| if p.base.is_some() { SHARE_BAR } else { 0.0 };
    let above_bar = |b: Bounds, p: &Paint| Bounds {
        h: b.h - bar(p),
        ..b.inset(text_pad)
    };
    if l.items.is_empty() {
        let label = wrap(&l.label, w - 2.0 * text_pad, LAYER);
        let h = (label.height() + 2.0 * 12.0).max(52.0) + bar(&c.layer);
        let b = Bounds { x, y: top, w, h };
        split_box(&mut s.rects, b, &c.layer, c.stroke, Class::Layer);
        s.texts.push(filled_text(
            pal,
            &label,
            above_bar(b, &c.layer),
            &c.layer,
            Class::Layer,
        ));
        return top + h;
    }
    let label = wrap(&l.label, w - 2.0 * text_pad, LAYER_HEAD);
    let strip = Bounds {
        x,
        y: top,
        w,
        h: label.height() + 16.0 + bar(&c.strip),
    };
    split_box(&mut s.rects, strip, &c.strip, c.stroke, Class::Layer);
    s.texts.push(filled_text(
        pal,
        &label,
        above_bar(strip, &c.strip),
        &c.strip,
        Class::Layer,
    ));
    let mut y = strip.bottom() + GAP;
    // Six items to a full-width row; fewer in a narrower layer.
    let fit = ((w / MIN_ITEM_W) as usize).clamp(1, ITEMS_PER_ROW);
    // Rows as even as they can be: four items in rows of three become two rows of two.
    let rows = l.items.len().div_ceil(fit).max(1);
    let per_row = l.items.len().div_ceil(rows).max(1);
    let item_w = (w - GAP * (per_row - 1) as f64) / per_row as f64;
    for row in l.items.chunks(per_row) {
        let texts: Vec<Wrapped> = row.iter().map(|it| wrap(it, item_w - 24.0, ITEM)).collect();
        let h = texts.iter().map(|t| t.height() + 20.0).fold(48.0, f64::max) + bar(&c.item);
        for (i, t) in texts.iter().enumerate() {
            let b = Bounds {
                x: x + (item_w + GAP) * i as f64,
                y,
                w: item_w,
                h,
            };
            split_box(&mut s.rects, b, &c.item, c.stroke, Class::Item);
            let text_box = Bounds {
                h: b.h - bar(&c.item),
                ..b.inset(12.0)
            };
            s.texts
                .push(filled_text(pal, t, text_box, &c.item, Class::Item));
        }
        y += h + GAP;
    }
    y - GAP
}
