//! Paint helpers: the parties' colours in a theme, boxes split between sharing parties, and text
//! kept readable on them.

use super::scene::{Anchor, Bounds, Class, Pattern, Rect, Scene, Text};
use super::text::{Style, Wrapped, wrap};
use crate::model::{Model, Owner};
use crate::theme::{Rgb, Theme, text_on};

/// What a box is painted with: one fill per owning party (left to right), each with the
/// party's pattern in a patterned theme.
#[derive(Debug, Clone, PartialEq)]
pub struct Paint {
    /// The fills, left to right.
    pub fills: Vec<Rgb>,
    /// The pattern over each fill, in a patterned theme.
    pub patterns: Vec<Option<Pattern>>,
    /// For a shared box, the plain fill its text stands on; the parties' fills then make a
    /// bar along its bottom edge, so the text needs no halo.
    pub base: Option<Rgb>,
}

impl Paint {
    /// One fill, no pattern.
    pub fn plain(color: Rgb) -> Paint {
        Paint {
            fills: vec![color],
            patterns: vec![None],
            base: None,
        }
    }

    /// Text over a pattern needs a halo to stay readable (text over a shared box stands on
    /// its plain base).
    pub fn is_busy(&self) -> bool {
        self.base.is_none() && (self.fills.len() > 1 || self.patterns.iter().any(Option::is_some))
    }
}

/// The colours of the parties of one model in one theme.
pub struct Palette<'a> {
    /// The theme the colours belong to.
    pub theme: &'a Theme,
    /// Each party's full colour, by party index.
    pub party: Vec<Rgb>,
}

impl<'a> Palette<'a> {
    /// The palette of `model`'s parties in `theme`.
    pub fn new(model: &Model, theme: &'a Theme) -> Palette<'a> {
        let party = model
            .parties
            .iter()
            .enumerate()
            .map(|(i, p)| theme.party_color(i, p.color))
            .collect();
        Palette { theme, party }
    }

    /// A party colour moved towards the background by `t`.
    pub fn tint(&self, p: usize, t: f64) -> Rgb {
        self.party[p].mix(self.theme.background, t)
    }

    /// The paint of a box owned by party `p`.
    pub fn party_paint(&self, p: usize, t: f64) -> Paint {
        Paint {
            fills: vec![self.tint(p, t)],
            patterns: vec![self.theme.party_pattern(p)],
            base: None,
        }
    }

    /// The paint of a box owned by `owner`: one fill, or one per sharing party.
    pub fn paint(&self, owner: &Owner, t: f64) -> Paint {
        if owner.is_na() {
            return Paint::plain(self.theme.neutral(0.12));
        }
        Paint {
            fills: owner.parties().iter().map(|p| self.tint(p.0, t)).collect(),
            patterns: owner
                .parties()
                .iter()
                .map(|p| self.theme.party_pattern(p.0))
                .collect(),
            base: owner.is_shared().then(|| self.theme.neutral(0.06)),
        }
    }

    /// Dark ink or white, whichever is the more readable on the least readable of `fills`.
    pub fn text_on_all(&self, fills: &[Rgb]) -> Rgb {
        let worst = |c: Rgb| {
            fills
                .iter()
                .map(|f| crate::theme::contrast(c, *f))
                .fold(f64::MAX, f64::min)
        };
        match fills {
            [one] => text_on(*one),
            _ if worst(crate::theme::INK) >= worst(crate::theme::WHITE) => crate::theme::INK,
            _ => crate::theme::WHITE,
        }
    }
}

/// The opposite of a text colour, for its halo.
pub fn halo_for(ink: Rgb) -> Rgb {
    if ink == crate::theme::WHITE {
        crate::theme::INK
    } else {
        crate::theme::WHITE
    }
}

/// Text centred in a box painted with `paint`, in a colour readable on its fill (a shared
/// box's base), with a halo in the opposite colour when it stands on a pattern.
pub fn filled_text(
    pal: &Palette,
    wrapped: &Wrapped,
    bounds: Bounds,
    paint: &Paint,
    class: Class,
) -> Text {
    let ink = match paint.base {
        Some(base) => text_on(base),
        None => pal.text_on_all(&paint.fills),
    };
    let mut t = Text::place(wrapped, bounds, ink, Anchor::Middle, class);
    if paint.is_busy() {
        t.halo = Some(halo_for(ink));
    }
    t
}

/// The height of the bar of parties' colours along the bottom of a shared box.
pub const SHARE_BAR: f64 = 8.0;

/// Draws a box in `paint`: one fill, or for a shared box its base with a bar split evenly
/// between the parties' fills (left to right) along the bottom; patterns over the fills, and
/// one outline around the whole.
pub fn split_box(rects: &mut Vec<Rect>, b: Bounds, paint: &Paint, stroke: Rgb, class: Class) {
    let n = paint.fills.len().max(1) as f64;
    // A shared box: its base under the text, the parties' fills as a bar along the bottom.
    let bar = paint.base.map(|base| {
        rects.push(Rect::new(b, base, None, class));
        SHARE_BAR.min(b.h / 4.0)
    });
    for (i, (f, pattern)) in paint.fills.iter().zip(&paint.patterns).enumerate() {
        let part = Bounds {
            x: b.x + b.w * i as f64 / n,
            y: bar.map_or(b.y, |h| b.bottom() - h),
            w: b.w / n,
            h: bar.unwrap_or(b.h),
        };
        let class = if bar.is_some() { Class::Share } else { class };
        rects.push(Rect {
            pattern: *pattern,
            ..Rect::new(part, *f, None, class)
        });
    }
    rects.push(Rect {
        fill: None,
        ..Rect::new(b, stroke, Some(stroke), Class::Outline)
    });
}

/// One swatch and name per party, flowing left to right; returns the y below the legend.
pub fn party_legend(
    s: &mut Scene,
    (pal, style): (&Palette, Style),
    model: &Model,
    left: f64,
    top: f64,
    width: f64,
) -> f64 {
    let (sw, gap) = (28.0, 32.0);
    let mut x = left;
    let mut y = top;
    for (i, p) in model.parties.iter().enumerate() {
        let label = wrap(&p.label, (width - sw - 10.0).min(360.0), style);
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
        split_box(
            &mut s.rects,
            swatch,
            &pal.party_paint(i, pal.theme.tints.cell),
            pal.theme.text,
            Class::Swatch,
        );
        let tb = Bounds {
            x: x + sw + 10.0,
            y,
            w: label.width + 1.0,
            h: label.height().max(sw + 4.0),
        };
        s.texts.push(Text::place(
            &label,
            tb,
            pal.theme.text,
            Anchor::Start,
            Class::Legend,
        ));
        x += w + gap;
    }
    y + 40.0
}
