//! Layout: model + bundled font → scenes. Every coordinate is computed here; templates only
//! place what was measured. A scene is a list of boxes, lines and wrapped text runs.

pub mod matrix;
pub mod stack;
pub mod text;

use serde::Serialize;

use crate::model::{Model, Owner};
use crate::theme::{Rgb, Theme, text_on};
use text::Wrapped;

/// A picture ready for an SVG template.
#[derive(Debug, Clone, Serialize)]
pub struct Scene {
    pub width: f64,
    pub height: f64,
    /// The picture's accessible name (`<title>`).
    pub title: String,
    /// The split stated in words (`<desc>`).
    pub desc: String,
    pub background: Rgb,
    pub rects: Vec<Rect>,
    pub lines: Vec<Line>,
    pub texts: Vec<Text>,
}

/// A filled box.
#[derive(Debug, Clone, Serialize)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
    pub rx: f64,
    /// `None` for an outline only.
    pub fill: Option<Rgb>,
    pub stroke: Option<Rgb>,
    /// What the box stands for: `band`, `layer`, `item`, `cell`, `header`, `swatch`.
    pub class: &'static str,
}

/// A straight line.
#[derive(Debug, Clone, Serialize)]
pub struct Line {
    pub x1: f64,
    pub y1: f64,
    pub x2: f64,
    pub y2: f64,
    pub stroke: Rgb,
    pub width: f64,
    pub dash: Option<&'static str>,
    pub class: &'static str,
}

/// A run of wrapped text, each line placed.
#[derive(Debug, Clone, Serialize)]
pub struct Text {
    pub size: f64,
    pub bold: bool,
    pub fill: Rgb,
    /// `start` or `middle`.
    pub anchor: &'static str,
    pub lines: Vec<TextLine>,
    /// The box the text must stay inside.
    pub bounds: Bounds,
    pub class: &'static str,
    /// An outline colour drawn behind the glyphs, for text that crosses two fills.
    pub halo: Option<Rgb>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TextLine {
    pub x: f64,
    pub y: f64,
    /// The measured width of this line.
    pub width: f64,
    pub text: String,
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
pub struct Bounds {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Bounds {
    pub fn right(&self) -> f64 {
        self.x + self.w
    }
    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }
    /// The same box narrowed by `pad` on the left and the right.
    pub fn inset(self, pad: f64) -> Bounds {
        Bounds {
            x: self.x + pad,
            y: self.y,
            w: self.w - 2.0 * pad,
            h: self.h,
        }
    }
    pub fn overlaps(&self, o: &Bounds) -> bool {
        self.x < o.right() - 0.01
            && o.x < self.right() - 0.01
            && self.y < o.bottom() - 0.01
            && o.y < self.bottom() - 0.01
    }
}

/// Inter's cap height as a fraction of the font size.
pub const CAP_HEIGHT: f64 = 0.727;

/// Rounds a coordinate to 0.01 px so that output does not depend on float noise.
pub fn r(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

impl Rect {
    pub fn new(b: Bounds, fill: Rgb, stroke: Option<Rgb>, class: &'static str) -> Rect {
        Rect {
            x: r(b.x),
            y: r(b.y),
            w: r(b.w),
            h: r(b.h),
            rx: 0.0,
            fill: Some(fill),
            stroke,
            class,
        }
    }
}

impl Text {
    /// Places `wrapped` centred (or left-aligned) in `bounds`, vertically centred.
    pub fn place(
        wrapped: &Wrapped,
        bounds: Bounds,
        fill: Rgb,
        anchor: &'static str,
        class: &'static str,
    ) -> Text {
        let lh = wrapped.line_height();
        let top = bounds.y + (bounds.h - wrapped.height()) / 2.0;
        // The baseline centres Inter's cap height (0.727 em) in each line box.
        let x = if anchor == "middle" {
            bounds.x + bounds.w / 2.0
        } else {
            bounds.x
        };
        let lines = wrapped
            .lines
            .iter()
            .enumerate()
            .map(|(i, t)| TextLine {
                x: r(x),
                y: r(top + lh * i as f64 + (lh + CAP_HEIGHT * wrapped.size) / 2.0),
                width: r(crate::fonts::width(t, wrapped.size, wrapped.bold)),
                text: t.clone(),
            })
            .collect();
        Text {
            size: wrapped.size,
            bold: wrapped.bold,
            fill,
            anchor,
            lines,
            bounds,
            class,
            halo: None,
        }
    }

    /// Adds a halo in `color` when the text lies over more than one fill.
    pub fn with_halo(mut self, fills: &[Rgb], color: Rgb) -> Text {
        if fills.len() > 1 {
            self.halo = Some(color);
        }
        self
    }
}

/// The colours of the parties of one model in one theme.
pub struct Palette<'a> {
    pub theme: &'a Theme,
    pub party: Vec<Rgb>,
}

impl<'a> Palette<'a> {
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

    /// The fills of a cell owned by `owner`: one colour, or one per sharing party.
    pub fn fills(&self, owner: &Owner, t: f64) -> Vec<Rgb> {
        owner.parties().iter().map(|p| self.tint(p.0, t)).collect()
    }

    /// Text colour readable on every one of `fills`.
    pub fn text_on_all(&self, fills: &[Rgb]) -> Rgb {
        let ink = self.theme.text;
        let alt = if ink == crate::theme::WHITE {
            crate::theme::INK
        } else {
            crate::theme::WHITE
        };
        let worst = |c: Rgb| {
            fills
                .iter()
                .map(|f| crate::theme::contrast(c, *f))
                .fold(f64::MAX, f64::min)
        };
        match fills {
            [one] => text_on(*one),
            _ if worst(ink) >= worst(alt) => ink,
            _ => alt,
        }
    }
}

/// Text centred in a box over `fills`, in a colour readable on all of them, with a halo in the
/// opposite colour when the box is split between several fills.
pub fn filled_text(
    pal: &Palette,
    wrapped: &Wrapped,
    bounds: Bounds,
    fills: &[Rgb],
    class: &'static str,
) -> Text {
    let ink = pal.text_on_all(fills);
    let halo = if ink == crate::theme::WHITE {
        crate::theme::INK
    } else {
        crate::theme::WHITE
    };
    Text::place(wrapped, bounds, ink, "middle", class).with_halo(fills, halo)
}

/// Draws a box that is split evenly between `fills` (left to right); one fill gives one box.
pub fn split_box(
    rects: &mut Vec<Rect>,
    b: Bounds,
    fills: &[Rgb],
    stroke: Rgb,
    class: &'static str,
) {
    let n = fills.len().max(1) as f64;
    for (i, f) in fills.iter().enumerate() {
        let part = Bounds {
            x: b.x + b.w * i as f64 / n,
            y: b.y,
            w: b.w / n,
            h: b.h,
        };
        rects.push(Rect::new(part, *f, None, class));
    }
    rects.push(Rect {
        fill: None,
        ..Rect::new(b, stroke, Some(stroke), "outline")
    });
}
