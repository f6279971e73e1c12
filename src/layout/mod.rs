//! Layout: model + bundled font → scenes. Every coordinate is computed here; templates only
//! place what was measured. A scene is a list of boxes, lines and wrapped text runs.

pub mod matrix;
pub mod shift;
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
    /// The colour patterns are drawn in; patterns are defined only when some box uses one.
    pub ink: Rgb,
    pub patterned: bool,
    pub stroke_width: f64,
    pub rects: Vec<Rect>,
    pub lines: Vec<Line>,
    pub texts: Vec<Text>,
}

impl Scene {
    /// An empty scene `width` wide in `theme`.
    pub fn new(width: f64, title: String, desc: String, theme: &Theme) -> Scene {
        Scene {
            width,
            height: 0.0,
            title,
            desc,
            background: theme.background,
            ink: theme.text,
            patterned: false,
            stroke_width: theme.stroke_width,
            rects: vec![],
            lines: vec![],
            texts: vec![],
        }
    }

    /// Marks the scene as patterned if a box uses a pattern; call when the scene is complete.
    pub fn finish(mut self, height: f64) -> Scene {
        self.height = r(height);
        self.patterned = self.rects.iter().any(|b| b.pattern.is_some());
        self
    }

    /// The last presenting step any element belongs to.
    pub fn steps(&self) -> u32 {
        let rects = self.rects.iter().map(|x| x.step);
        let lines = self.lines.iter().map(|x| x.step);
        rects
            .chain(lines)
            .chain(self.texts.iter().map(|x| x.step))
            .max()
            .unwrap_or(0)
    }

    /// The scene as shown at presenting step `k`: elements of later steps are left out, the
    /// size stays, so that slides of one sequence line up.
    pub fn step(&self, k: u32) -> Scene {
        let mut s = self.clone();
        s.rects.retain(|x| x.step <= k);
        s.lines.retain(|x| x.step <= k);
        s.texts.retain(|x| x.step <= k);
        s
    }

    /// Sets the step of every element added since the counts in `from`.
    pub fn set_step(&mut self, from: (usize, usize, usize), step: u32) {
        self.rects[from.0..].iter_mut().for_each(|x| x.step = step);
        self.lines[from.1..].iter_mut().for_each(|x| x.step = step);
        self.texts[from.2..].iter_mut().for_each(|x| x.step = step);
    }

    /// How many elements there are now, for [`Scene::set_step`].
    pub fn mark(&self) -> (usize, usize, usize) {
        (self.rects.len(), self.lines.len(), self.texts.len())
    }
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
    /// A pattern drawn over the fill (`hatch`, `dots`, `cross`), in patterned themes.
    pub pattern: Option<&'static str>,
    /// The presenting step from which the box shows (see [`Scene::step`]).
    #[serde(skip)]
    pub step: u32,
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
    #[serde(skip)]
    pub step: u32,
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
    #[serde(skip)]
    pub step: u32,
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
    /// True when the boxes share more than rounding (0.05 px) of area.
    pub fn overlaps(&self, o: &Bounds) -> bool {
        self.x < o.right() - 0.05
            && o.x < self.right() - 0.05
            && self.y < o.bottom() - 0.05
            && o.y < self.bottom() - 0.05
    }
}

/// The `{axis}` and `{axis_lower}` placeholders of a model.
pub fn axis(model: &Model) -> [(&'static str, &str); 2] {
    [
        ("axis", model.axis.as_str()),
        ("axis_lower", model.axis_lower.as_str()),
    ]
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
            pattern: None,
            stroke,
            class,
            step: 0,
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
                width: r(text::measure(t, wrapped.size, wrapped.bold)),
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
            step: 0,
        }
    }
}

/// What a box is painted with: one fill per owning party (left to right), each with the
/// party's pattern in a patterned theme.
#[derive(Debug, Clone, PartialEq)]
pub struct Paint {
    pub fills: Vec<Rgb>,
    pub patterns: Vec<Option<&'static str>>,
}

impl Paint {
    pub fn plain(color: Rgb) -> Paint {
        Paint {
            fills: vec![color],
            patterns: vec![None],
        }
    }

    /// Text over several fills or a pattern needs a halo to stay readable.
    pub fn is_busy(&self) -> bool {
        self.fills.len() > 1 || self.patterns.iter().any(Option::is_some)
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

    /// The paint of a box owned by party `p`.
    pub fn party_paint(&self, p: usize, t: f64) -> Paint {
        Paint {
            fills: vec![self.tint(p, t)],
            patterns: vec![self.theme.party_pattern(p)],
        }
    }

    /// The paint of a box owned by `owner`: one fill, or one per sharing party.
    pub fn paint(&self, owner: &Owner, t: f64) -> Paint {
        Paint {
            fills: owner.parties().iter().map(|p| self.tint(p.0, t)).collect(),
            patterns: owner
                .parties()
                .iter()
                .map(|p| self.theme.party_pattern(p.0))
                .collect(),
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

/// Text centred in a box painted with `paint`, in a colour readable on every fill, with a halo
/// in the opposite colour when the box is split or patterned.
pub fn filled_text(
    pal: &Palette,
    wrapped: &Wrapped,
    bounds: Bounds,
    paint: &Paint,
    class: &'static str,
) -> Text {
    let ink = pal.text_on_all(&paint.fills);
    let mut t = Text::place(wrapped, bounds, ink, "middle", class);
    if paint.is_busy() {
        t.halo = Some(halo_for(ink));
    }
    t
}

/// Draws a box split evenly between the fills of `paint` (left to right), patterns over them,
/// and one outline around the whole.
pub fn split_box(
    rects: &mut Vec<Rect>,
    b: Bounds,
    paint: &Paint,
    stroke: Rgb,
    class: &'static str,
) {
    let n = paint.fills.len().max(1) as f64;
    for (i, (f, pattern)) in paint.fills.iter().zip(&paint.patterns).enumerate() {
        let part = Bounds {
            x: b.x + b.w * i as f64 / n,
            y: b.y,
            w: b.w / n,
            h: b.h,
        };
        rects.push(Rect {
            pattern: *pattern,
            ..Rect::new(part, *f, None, class)
        });
    }
    rects.push(Rect {
        fill: None,
        ..Rect::new(b, stroke, Some(stroke), "outline")
    });
}
