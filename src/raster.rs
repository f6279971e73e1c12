//! SVG → PNG with usvg and resvg, using the bundled font database only. Nothing named inside an
//! SVG (images, files, URLs) is ever loaded.

use resvg::tiny_skia;
use resvg::usvg::{self, ImageHrefResolver};

use crate::fonts;
use crate::theme::Rgb;

/// The largest PNG edge drawn, to bound memory. Default: 16384 px.
pub const MAX_EDGE: u32 = 16_384;

/// The slide a picture is drawn on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Canvas {
    /// Width in CSS pixels. Default: 1920.
    pub width: u32,
    /// Height in CSS pixels. Default: 1080.
    pub height: u32,
    /// Device pixels per CSS pixel (2 for high-DPI screens). Default: 1.
    pub scale: f32,
    /// The colour around the picture; `None` leaves it transparent. Default: the theme's.
    pub background: Option<Rgb>,
}

impl Default for Canvas {
    fn default() -> Self {
        Canvas {
            width: 1920,
            height: 1080,
            scale: 1.0,
            background: Some(crate::theme::WHITE),
        }
    }
}

/// The usvg options every SVG is read with: the bundled fonts, no file or URL loading.
fn options() -> usvg::Options<'static> {
    usvg::Options {
        font_family: fonts::FAMILY.to_string(),
        fontdb: fonts::database(),
        resources_dir: None,
        image_href_resolver: ImageHrefResolver {
            resolve_data: Box::new(|_, _, _| None),
            resolve_string: Box::new(|_, _| None),
        },
        ..usvg::Options::default()
    }
}

fn parse(svg: &str) -> Result<usvg::Tree, String> {
    usvg::Tree::from_str(svg, &options()).map_err(|e| format!("the SVG cannot be read: {e}"))
}

/// Rasterises `svg` onto `canvas`: the picture scaled to fit inside a margin of 4% of the
/// height, centred.
pub fn png(svg: &str, canvas: Canvas) -> Result<Vec<u8>, String> {
    let tree = parse(svg)?;
    let (pw, ph) = (
        (canvas.width as f32 * canvas.scale).round() as u32,
        (canvas.height as f32 * canvas.scale).round() as u32,
    );
    if pw == 0 || ph == 0 || pw > MAX_EDGE || ph > MAX_EDGE {
        return Err(format!(
            "a {pw}×{ph} px image is outside the limit of 1 to {MAX_EDGE} px a side"
        ));
    }
    let margin = 0.04 * ph as f32;
    let size = tree.size();
    let fit =
        ((pw as f32 - 2.0 * margin) / size.width()).min((ph as f32 - 2.0 * margin) / size.height());
    let (dx, dy) = (
        (pw as f32 - size.width() * fit) / 2.0,
        (ph as f32 - size.height() * fit) / 2.0,
    );
    let mut pixmap = tiny_skia::Pixmap::new(pw, ph).ok_or("cannot allocate the image")?;
    if let Some(Rgb(r, g, b)) = canvas.background {
        pixmap.fill(tiny_skia::Color::from_rgba8(r, g, b, 255));
    }
    let transform = tiny_skia::Transform::from_row(fit, 0.0, 0.0, fit, dx.round(), dy.round());
    resvg::render(&tree, transform, &mut pixmap.as_mut());
    pixmap
        .encode_png()
        .map_err(|e| format!("cannot encode the PNG: {e}"))
}

/// The SVG with every text turned into paths (for viewers without the font), keeping its
/// accessible name and description.
pub fn outline_text(svg: &str, title: &str, desc: &str) -> Result<String, String> {
    let tree = parse(svg)?;
    let written = tree.to_string(&usvg::WriteOptions {
        coordinates_precision: 2,
        transforms_precision: 4,
        indent: usvg::Indent::None,
        ..usvg::WriteOptions::default()
    });
    let Some(end) = written.find('>') else {
        return Err("the outlined SVG is empty".into());
    };
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    Ok(format!(
        "{} role=\"img\"><title>{}</title><desc>{}</desc>{}\n",
        &written[..end],
        esc(title),
        esc(desc),
        &written[end + 1..]
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="200" height="50"><rect width="200" height="50" fill="#fff"/><image href="/etc/passwd" width="10" height="10"/><text x="10" y="35" font-size="30" font-family="Inter">Hello</text></svg>"##;

    #[test]
    fn draws_text_with_the_bundled_font_centred_on_the_canvas() {
        let canvas = Canvas {
            width: 400,
            height: 300,
            scale: 2.0,
            background: None,
        };
        let img = tiny_skia::Pixmap::decode_png(&png(SVG, canvas).unwrap()).unwrap();
        assert_eq!((img.width(), img.height()), (800, 600));
        let dark = img
            .pixels()
            .iter()
            .filter(|p| p.alpha() > 200 && p.red() < 128)
            .count();
        assert!(dark > 200, "text was not drawn: {dark} dark pixels");
        assert_eq!(
            img.pixel(0, 0).unwrap().alpha(),
            0,
            "the margin stays transparent"
        );
    }

    #[test]
    fn outlined_text_has_no_text_elements_but_keeps_its_title() {
        let out = outline_text(SVG, "A <title>", "Desc").unwrap();
        assert!(!out.contains("<text"), "{out}");
        assert!(out.contains("<path"));
        assert!(out.contains("<title>A &lt;title&gt;</title>"));
        assert!(!out.contains("passwd"));
    }
}
