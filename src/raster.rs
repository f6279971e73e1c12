//! SVG → PNG with usvg and resvg, using the bundled font database only. Nothing named inside an
//! SVG (images, files, URLs) is ever loaded.

use resvg::tiny_skia;
use resvg::usvg::{self, ImageHrefResolver};

use crate::fonts;

/// The largest PNG edge drawn, to bound memory. Default: 16384 px.
pub const MAX_EDGE: u32 = 16_384;

/// Rasterises `svg` to a PNG `width` pixels wide (the height keeps the aspect ratio).
pub fn png(svg: &str, width: u32) -> Result<Vec<u8>, String> {
    let options = usvg::Options {
        font_family: fonts::FAMILY.to_string(),
        fontdb: fonts::database(),
        resources_dir: None,
        image_href_resolver: ImageHrefResolver {
            resolve_data: Box::new(|_, _, _| None),
            resolve_string: Box::new(|_, _| None),
        },
        ..usvg::Options::default()
    };
    let tree =
        usvg::Tree::from_str(svg, &options).map_err(|e| format!("the SVG cannot be read: {e}"))?;
    let size = tree.size();
    let scale = width as f32 / size.width();
    let height = (size.height() * scale).ceil() as u32;
    if width == 0 || width > MAX_EDGE || height == 0 || height > MAX_EDGE {
        return Err(format!(
            "a {width}×{height} px image is outside the limit of 1 to {MAX_EDGE} px a side"
        ));
    }
    let mut pixmap = tiny_skia::Pixmap::new(width, height).ok_or("cannot allocate the image")?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| format!("cannot encode the PNG: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_text_with_the_bundled_font_and_ignores_external_images() {
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="200" height="50"><rect width="200" height="50" fill="#fff"/><image href="/etc/passwd" width="10" height="10"/><text x="10" y="35" font-size="30" font-family="Inter">Hello</text></svg>"##;
        let bytes = png(svg, 400).unwrap();
        let img = tiny_skia::Pixmap::decode_png(&bytes).unwrap();
        assert_eq!((img.width(), img.height()), (400, 100));
        let dark = img.pixels().iter().filter(|p| p.red() < 128).count();
        assert!(dark > 200, "text was not drawn: {dark} dark pixels");
    }
}
