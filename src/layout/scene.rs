//! The scene: what layout hands to the SVG templates, and what it guarantees.
//!
//! A [`Scene`] is a flat list of boxes ([`Rect`]), lines ([`Line`]) and runs of wrapped text
//! ([`Text`]) on a canvas `width` × `height` pixels, drawn in that order (boxes, then lines,
//! then text; within each, in list order). Every scene that layout makes holds these:
//!
//! - **Measured text.** Each text line's `width` is its advance in the bundled font at the
//!   run's size and weight, and every line lies inside the run's `bounds`: text never
//!   overflows its box (the layout tests check it for every picture of random models).
//! - **Inside the canvas.** Every text run's bounds lie within `0..width` and `0..height`,
//!   and no two boxes overlap except a band and its layers, and a split box and its outline.
//! - **Stable numbers.** Every coordinate is rounded to 0.01 px ([`r`]), so output does not
//!   depend on float noise and is byte-identical across machines.
//! - **Readable colours.** Text in a layer, item or cell takes the more readable of dark ink
//!   and white on its fill (`theme::text_on`; every theme's tints keep that at WCAG AA, which
//!   the theme tests check); text over a split or patterned fill carries a halo in the
//!   opposite colour.
//! - **Steps only add.** Each element shows from its presenting `step`; [`Scene::step`] keeps
//!   the elements up to a step and the canvas size, so the slides of a sequence line up.
//! - **Closed vocabularies.** Classes, anchors, patterns and dashes are enums ([`Class`],
//!   [`Anchor`], [`Pattern`], [`Dash`]): a template can rely on the names it sees.

use serde::Serialize;

use super::text::{self, Wrapped};
pub use crate::theme::Pattern;
use crate::theme::{Rgb, Theme};

/// The smallest text a slide can show legibly, in pixels at 1920×1080: a picture whose text
/// would be smaller is written as SVG (which a reader can zoom) and not drawn as a PNG.
pub const LEGIBLE_PX: f64 = 18.0;

/// The area a picture is fitted into on a 1920×1080 slide: the slide less a margin of 4% of
/// its height on every side (as the PNGs are drawn).
pub const SLIDE_AREA: (f64, f64) = (1920.0 - 2.0 * 43.2, 1080.0 - 2.0 * 43.2);

/// A picture ready for an SVG template.
#[derive(Debug, Clone, Serialize)]
pub struct Scene {
    /// The canvas width in pixels.
    pub width: f64,
    /// The canvas height in pixels.
    pub height: f64,
    /// The picture's accessible name (`<title>`).
    pub title: String,
    /// The split stated in words (`<desc>`).
    pub desc: String,
    /// The canvas colour.
    pub background: Rgb,
    /// The colour patterns are drawn in; patterns are defined only when some box uses one.
    pub ink: Rgb,
    /// Whether some box uses a pattern, so the template defines the patterns.
    pub patterned: bool,
    /// The width of box outlines.
    pub stroke_width: f64,
    /// The boxes, drawn first.
    pub rects: Vec<Rect>,
    /// The lines, drawn over the boxes.
    pub lines: Vec<Line>,
    /// The text runs, drawn last.
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

    /// Whether its smallest text is at least [`LEGIBLE_PX`] on a slide.
    pub fn legible_on_a_slide(&self) -> bool {
        self.slide_text_px() >= LEGIBLE_PX
    }

    /// The size in pixels of its smallest text on a 1920×1080 slide, where the picture is
    /// scaled to fit inside a margin of 4% of the height (as the PNGs draw it).
    pub fn slide_text_px(&self) -> f64 {
        let fit = (SLIDE_AREA.0 / self.width).min(SLIDE_AREA.1 / self.height);
        let smallest = self.texts.iter().map(|t| t.size).fold(f64::MAX, f64::min);
        if smallest == f64::MAX {
            f64::MAX
        } else {
            smallest * fit
        }
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
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
    /// Corner radius; 0 for square corners.
    pub rx: f64,
    /// `None` for an outline only.
    pub fill: Option<Rgb>,
    /// A pattern drawn over the fill, in patterned themes.
    pub pattern: Option<Pattern>,
    /// The presenting step from which the box shows (see [`Scene::step`]).
    #[serde(skip)]
    pub step: u32,
    /// The outline colour; `None` for no outline.
    pub stroke: Option<Rgb>,
    /// What the box stands for.
    pub class: Class,
}

/// A straight line.
#[derive(Debug, Clone, Serialize)]
pub struct Line {
    /// Start x.
    pub x1: f64,
    /// Start y.
    pub y1: f64,
    /// End x.
    pub x2: f64,
    /// End y.
    pub y2: f64,
    /// The line's colour.
    pub stroke: Rgb,
    /// The line's width.
    pub width: f64,
    /// Its dash pattern; `None` for a solid line.
    pub dash: Option<Dash>,
    /// What the line stands for.
    pub class: Class,
    #[serde(skip)]
    /// The presenting step from which the line shows.
    pub step: u32,
}

/// A run of wrapped text, each line placed.
#[derive(Debug, Clone, Serialize)]
pub struct Text {
    /// The font size in pixels.
    pub size: f64,
    /// Whether the text is bold.
    pub bold: bool,
    /// The text colour.
    pub fill: Rgb,
    /// Whether each line's x is its start or its middle.
    pub anchor: Anchor,
    /// The lines, top to bottom.
    pub lines: Vec<TextLine>,
    /// The box the text must stay inside.
    pub bounds: Bounds,
    /// What the text stands for.
    pub class: Class,
    /// An outline colour drawn behind the glyphs, for text that crosses two fills.
    pub halo: Option<Rgb>,
    #[serde(skip)]
    /// The presenting step from which the text shows.
    pub step: u32,
}

#[derive(Debug, Clone, Serialize)]
/// One placed line of a text run.
pub struct TextLine {
    /// The anchor's x (see [`Text::anchor`]).
    pub x: f64,
    /// The baseline's y.
    pub y: f64,
    /// The measured width of this line.
    pub width: f64,
    /// The line's text.
    pub text: String,
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
/// An axis-aligned box.
pub struct Bounds {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

impl Bounds {
    /// The right edge.
    pub fn right(&self) -> f64 {
        self.x + self.w
    }
    /// The bottom edge.
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

/// What an element stands for; templates see it as the element's `class` (the kebab-case
/// name, e.g. `band-title`), and may style or select by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Class {
    /// The picture's title and subtitle.
    Heading,
    /// A party's band in the stack, and its title.
    Band,
    /// The title of a party's band.
    BandTitle,
    /// A layer box in the stack, an item inside it, a cell of the matrix or shift.
    Layer,
    /// An item inside a layer box.
    Item,
    /// A cell of the matrix or the shift picture.
    Cell,
    /// The owner beside a run of layers, in a stack where ownership alternates.
    Rail,
    /// The bar of the parties' colours along the bottom of a shared box.
    Share,
    /// The outline drawn around a split box.
    Outline,
    /// A header box; the axis name, a column head, its category, a row label.
    Header,
    /// The axis name in the matrix's corner.
    Axis,
    /// A column's head.
    Column,
    /// A column's category, under its head.
    Category,
    /// A row's label.
    Row,
    /// A row group's bar in the matrix.
    Group,
    /// A legend's swatch and text.
    Swatch,
    /// A cell's note under the matrix.
    Note,
    /// A legend's text and sample line.
    Legend,
    /// The line between the parties.
    Demarcation,
    /// The outline of a changed cell in the diff picture.
    Changed,
}

/// Where a text line's x stands: its start, or its middle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Anchor {
    /// x is where the line starts.
    Start,
    /// x is the line's middle.
    Middle,
}

/// A dash pattern of a line; templates see its SVG `stroke-dasharray`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Dash {
    /// Long dashes, 18 on and 8 off.
    #[serde(rename = "18 8")]
    Long,
}

/// Inter's cap height as a fraction of the font size.
pub const CAP_HEIGHT: f64 = 0.727;

/// Rounds a coordinate to 0.01 px so that output does not depend on float noise.
pub fn r(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

impl Rect {
    /// A box on `b` with a fill, an optional outline and a class; square corners, step 0.
    pub fn new(b: Bounds, fill: Rgb, stroke: Option<Rgb>, class: Class) -> Rect {
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
        anchor: Anchor,
        class: Class,
    ) -> Text {
        let lh = wrapped.line_height();
        let top = bounds.y + (bounds.h - wrapped.height()) / 2.0;
        // The baseline centres Inter's cap height (0.727 em) in each line box.
        let x = if anchor == Anchor::Middle {
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
