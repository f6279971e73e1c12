//! Paints a usvg tree into a PDF content stream: the same tree resvg rasterises, so a PDF has
//! the geometry of its PNG. Paths stay paths, text is drawn as the glyphs usvg shaped (real
//! text, selectable), patterns become tiling patterns.

use pdf_writer::types::{LineCapStyle, LineJoinStyle};
use pdf_writer::{Content, Name, Str};
use resvg::usvg::{
    self, Fill, FillRule, Group, LineCap, LineJoin, Node, Paint, PaintOrder, Path, Stroke,
    Transform, tiny_skia_path::PathSegment,
};

use super::font::Fonts;

/// A tiling pattern as used at one place: its tile, its content, and the matrix from pattern
/// space to the page's default space.
pub(super) struct TilingUse {
    pub(super) rect: [f32; 4],
    pub(super) content: Vec<u8>,
    pub(super) matrix: [f32; 6],
}

/// What the content streams of one document refer to, shared by all its pages.
#[derive(Default)]
pub(super) struct Resources {
    pub(super) fonts: Fonts,
    /// Fill and stroke opacity of each graphics state, as 0–255.
    pub(super) states: Vec<(u8, u8)>,
    pub(super) patterns: Vec<TilingUse>,
}

impl Resources {
    fn state(&mut self, fill: f32, stroke: f32) -> String {
        let key = (to_u8(fill), to_u8(stroke));
        let ix = match self.states.iter().position(|s| *s == key) {
            Some(ix) => ix,
            None => {
                self.states.push(key);
                self.states.len() - 1
            }
        };
        format!("G{ix}")
    }
}

fn to_u8(alpha: f32) -> u8 {
    (alpha.clamp(0.0, 1.0) * 255.0).round() as u8
}

/// Paints the children of `group` into `content`; `base` is the transform from the tree's user
/// space to the page's default space (patterns are placed in the latter).
pub(super) fn paint_group(
    group: &Group,
    content: &mut Content,
    res: &mut Resources,
    base: Transform,
) {
    for node in group.children() {
        match node {
            Node::Group(g) => {
                content.save_state();
                let ts = g.transform();
                if !ts.is_identity() {
                    content.transform(matrix(ts));
                }
                if g.opacity().get() < 1.0 {
                    // The bundled templates give opacity to fills and strokes, not groups;
                    // a user's group opacity is applied to each member.
                    let name = res.state(g.opacity().get(), g.opacity().get());
                    content.set_parameters(Name(name.as_bytes()));
                }
                paint_group(g, content, res, base.pre_concat(ts));
                content.restore_state();
            }
            Node::Path(p) => paint_path(p, content, res, base),
            Node::Text(t) => paint_text(t, content, res, base),
            // Images are never loaded (see `raster`), so there are none to paint.
            Node::Image(_) => {}
        }
    }
}

pub(super) fn matrix(ts: Transform) -> [f32; 6] {
    [ts.sx, ts.ky, ts.kx, ts.sy, ts.tx, ts.ty]
}

fn paint_path(path: &Path, content: &mut Content, res: &mut Resources, base: Transform) {
    if !path.is_visible() {
        return;
    }
    let fill = path.fill();
    let stroke = path.stroke();
    match path.paint_order() {
        PaintOrder::FillAndStroke => {
            fill_path(path.data(), fill, content, res, base);
            stroke_path(path.data(), stroke, content, res);
        }
        PaintOrder::StrokeAndFill => {
            stroke_path(path.data(), stroke, content, res);
            fill_path(path.data(), fill, content, res, base);
        }
    }
}

fn trace(data: &usvg::tiny_skia_path::Path, content: &mut Content) {
    let mut last = (0.0, 0.0);
    for seg in data.segments() {
        match seg {
            PathSegment::MoveTo(p) => {
                content.move_to(p.x, p.y);
                last = (p.x, p.y);
            }
            PathSegment::LineTo(p) => {
                content.line_to(p.x, p.y);
                last = (p.x, p.y);
            }
            PathSegment::QuadTo(c, p) => {
                // The quadratic as the cubic with the same curve.
                let (x0, y0) = last;
                content.cubic_to(
                    x0 + 2.0 / 3.0 * (c.x - x0),
                    y0 + 2.0 / 3.0 * (c.y - y0),
                    p.x + 2.0 / 3.0 * (c.x - p.x),
                    p.y + 2.0 / 3.0 * (c.y - p.y),
                    p.x,
                    p.y,
                );
                last = (p.x, p.y);
            }
            PathSegment::CubicTo(c1, c2, p) => {
                content.cubic_to(c1.x, c1.y, c2.x, c2.y, p.x, p.y);
                last = (p.x, p.y);
            }
            PathSegment::Close => {
                content.close_path();
            }
        }
    }
}

/// Sets the fill colour (or pattern) and opacity; false when nothing is to be filled.
fn set_fill(fill: &Fill, content: &mut Content, res: &mut Resources, base: Transform) -> bool {
    let opacity = fill.opacity().get();
    match fill.paint() {
        Paint::Color(c) => {
            content.set_fill_rgb(rgb(c.red), rgb(c.green), rgb(c.blue));
        }
        Paint::Pattern(p) => {
            let ix = pattern(p, res, base);
            content.set_fill_color_space(pdf_writer::types::ColorSpaceOperand::Pattern);
            content.set_fill_pattern(None, Name(format!("P{ix}").as_bytes()));
        }
        Paint::LinearGradient(g) => gradient_colour(g.stops(), content),
        Paint::RadialGradient(g) => gradient_colour(g.stops(), content),
    }
    if opacity < 1.0 {
        let name = res.state(opacity, 1.0);
        content.set_parameters(Name(name.as_bytes()));
    }
    opacity > 0.0
}

/// A gradient (which the bundled templates never use) filled with the mean of its stops.
fn gradient_colour(stops: &[usvg::Stop], content: &mut Content) {
    let n = stops.len().max(1) as f32;
    let mean = |f: fn(&usvg::Stop) -> u8| stops.iter().map(|s| f32::from(f(s))).sum::<f32>() / n;
    content.set_fill_rgb(
        mean(|s| s.color().red) / 255.0,
        mean(|s| s.color().green) / 255.0,
        mean(|s| s.color().blue) / 255.0,
    );
}

fn rgb(v: u8) -> f32 {
    f32::from(v) / 255.0
}

fn fill_path(
    data: &usvg::tiny_skia_path::Path,
    fill: Option<&Fill>,
    content: &mut Content,
    res: &mut Resources,
    base: Transform,
) {
    let Some(fill) = fill else { return };
    content.save_state();
    if set_fill(fill, content, res, base) {
        trace(data, content);
        match fill.rule() {
            FillRule::NonZero => content.fill_nonzero(),
            FillRule::EvenOdd => content.fill_even_odd(),
        };
    }
    content.restore_state();
}

fn stroke_path(
    data: &usvg::tiny_skia_path::Path,
    stroke: Option<&Stroke>,
    content: &mut Content,
    res: &mut Resources,
) {
    let Some(stroke) = stroke else { return };
    content.save_state();
    match stroke.paint() {
        Paint::Color(c) => {
            content.set_stroke_rgb(rgb(c.red), rgb(c.green), rgb(c.blue));
        }
        _ => {
            // Strokes in the bundled templates are plain colours; others are drawn in ink.
            content.set_stroke_rgb(0.0, 0.0, 0.0);
        }
    }
    if stroke.opacity().get() < 1.0 {
        let name = res.state(1.0, stroke.opacity().get());
        content.set_parameters(Name(name.as_bytes()));
    }
    content.set_line_width(stroke.width().get());
    content.set_line_cap(match stroke.linecap() {
        LineCap::Butt => LineCapStyle::ButtCap,
        LineCap::Round => LineCapStyle::RoundCap,
        LineCap::Square => LineCapStyle::ProjectingSquareCap,
    });
    content.set_line_join(match stroke.linejoin() {
        LineJoin::Miter | LineJoin::MiterClip => LineJoinStyle::MiterJoin,
        LineJoin::Round => LineJoinStyle::RoundJoin,
        LineJoin::Bevel => LineJoinStyle::BevelJoin,
    });
    content.set_miter_limit(stroke.miterlimit().get());
    if let Some(dash) = stroke.dasharray() {
        content.set_dash_pattern(dash.iter().copied(), stroke.dashoffset());
    }
    trace(data, content);
    content.stroke();
    content.restore_state();
}

/// Registers the tiling pattern `p` as used under `base`; its resource index.
fn pattern(p: &usvg::Pattern, res: &mut Resources, base: Transform) -> usize {
    let mut inner = Content::new();
    paint_group(p.root(), &mut inner, res, Transform::identity());
    let r = p.rect();
    let ts = base.pre_concat(p.transform());
    res.patterns.push(TilingUse {
        rect: [r.x(), r.y(), r.right(), r.bottom()],
        content: inner.finish().into_vec(),
        matrix: matrix(ts),
    });
    res.patterns.len() - 1
}

/// Text: the halo (a stroke painted under the fill) from usvg's outlines, the fill as the
/// glyphs usvg shaped, one text matrix per glyph (so every glyph sits where resvg draws it).
fn paint_text(text: &usvg::Text, content: &mut Content, res: &mut Resources, base: Transform) {
    let strokes_first = text
        .layouted()
        .iter()
        .any(|s| s.paint_order == PaintOrder::StrokeAndFill);
    let outline_strokes = |content: &mut Content, res: &mut Resources| {
        for node in text.flattened().children() {
            // Outline glyphs are paths at the top of the flattened text (the bundled font
            // has no colour or bitmap glyphs, which usvg nests in groups).
            if let Node::Path(p) = node {
                stroke_path(p.data(), p.stroke(), content, res);
            }
        }
    };
    if strokes_first {
        outline_strokes(content, res);
    }
    for span in text.layouted().iter().filter(|s| s.visible) {
        for line in [&span.underline, &span.overline, &span.line_through]
            .into_iter()
            .flatten()
        {
            paint_path(line, content, res, base);
        }
        let Some(fill) = &span.fill else { continue };
        content.save_state();
        if set_fill(fill, content, res, base) {
            content.begin_text();
            let mut current: Option<usize> = None;
            for glyph in &span.positioned_glyphs {
                let (font, cid) = res.fonts.glyph(
                    glyph.font,
                    u16::try_from(glyph.id.0).unwrap_or(0),
                    &glyph.text,
                );
                if current != Some(font) {
                    content.set_font(Name(format!("F{font}").as_bytes()), 1.0);
                    current = Some(font);
                }
                let upem = crate::fonts::units_per_em(glyph.font);
                let ts = glyph
                    .outline_transform()
                    .pre_concat(Transform::from_scale(upem, upem));
                content.set_text_matrix(matrix(ts));
                content.show(Str(&cid.to_be_bytes()));
            }
            content.end_text();
        }
        content.restore_state();
    }
    if !strokes_first {
        outline_strokes(content, res);
    }
}
