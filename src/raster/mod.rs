//! SVG → PNG with usvg and resvg, using the bundled font database only. Nothing named inside an
//! SVG (images, files, URLs) is ever loaded.

use resvg::tiny_skia;
use resvg::usvg::{self, ImageHrefResolver};

mod encode;
mod stamp;

use encode::encode;
use stamp::stamp;
pub use stamp::stamped_key;

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
    /// How hard to compress. Default: small.
    pub compression: Compression,
}

/// PNG compression: the trade between file size and time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Compression {
    /// DEFLATE level 3 on unfiltered rows: small files for a repository. Default.
    #[default]
    Small,
    /// fdeflate with adaptive filters: about 4× faster to encode, files about twice as large.
    Fast,
}

impl Default for Canvas {
    fn default() -> Self {
        Canvas {
            width: 1920,
            height: 1080,
            scale: 1.0,
            background: Some(crate::theme::WHITE),
            compression: Compression::Small,
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

/// Why an SVG could not be drawn or outlined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RasterError {
    /// usvg could not read the SVG; the text says why.
    Unreadable(String),
    /// The image would be empty or larger than [`MAX_EDGE`] pixels a side.
    Size {
        /// Its width in device pixels.
        width: u32,
        /// Its height in device pixels.
        height: u32,
    },
    /// The PNG encoder failed; the text says why.
    Encode(String),
    /// Outlining left no SVG.
    EmptyOutline,
}

impl std::fmt::Display for RasterError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RasterError::Unreadable(e) => write!(f, "the SVG cannot be read: {e}"),
            RasterError::Size { width, height } => write!(
                f,
                "a {width}×{height} px image is outside the limit of 1 to {MAX_EDGE} px a side"
            ),
            RasterError::Encode(e) => write!(f, "cannot encode the PNG: {e}"),
            RasterError::EmptyOutline => f.write_str("the outlined SVG is empty"),
        }
    }
}

impl std::error::Error for RasterError {}

/// Where a picture of `size` goes on a canvas of `width` × `height`: scaled to fit inside a
/// margin of 4% of the height, centred on whole pixels. PNGs and slide PDFs place it alike.
pub(crate) fn fit(size: usvg::Size, width: f32, height: f32) -> tiny_skia::Transform {
    let margin = 0.04 * height;
    let fit = ((width - 2.0 * margin) / size.width()).min((height - 2.0 * margin) / size.height());
    let (dx, dy) = (
        (width - size.width() * fit) / 2.0,
        (height - size.height() * fit) / 2.0,
    );
    tiny_skia::Transform::from_row(fit, 0.0, 0.0, fit, dx.round(), dy.round())
}

pub(crate) fn parse(svg: &str) -> Result<usvg::Tree, RasterError> {
    usvg::Tree::from_str(svg, &options()).map_err(|e| RasterError::Unreadable(e.to_string()))
}

/// What identifies a PNG: a hash of its SVG, its canvas and the renderer. A PNG carries its key
/// (see [`stamped_key`]), so that a build can tell a PNG on disk is current without drawing it again.
pub fn key(svg: &str, canvas: Canvas) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    h.update(concat!(
        "demarcate ",
        env!("CARGO_PKG_VERSION"),
        ", resvg 0.49, "
    ));
    h.update(ENCODER);
    h.update(format!(
        "{}x{}@{} {:?} {:?}\n",
        canvas.width,
        canvas.height,
        canvas.scale,
        canvas.background.map(Rgb::hex),
        canvas.compression
    ));
    h.update(svg.as_bytes());
    hex(&h.finalize())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// How PNGs are encoded; part of every key, so that a change here redraws every PNG.
const ENCODER: &str =
    "png 0.18, palette up to 256 colours else rgb(a), 8 bit, no filter, deflate 3, 1 MiB IDAT\n";

/// Rasterises `svg` onto `canvas`: the picture scaled to fit inside a margin of 4% of the
/// height, centred, stamped with its [`key`].
pub fn png(svg: &str, canvas: Canvas) -> Result<Vec<u8>, RasterError> {
    let bytes = draw(svg, canvas)?;
    Ok(stamp(bytes, &key(svg, canvas)))
}

thread_local! {
    /// One pixmap per thread, reused from picture to picture: a fresh 8 MB buffer for every
    /// PNG costs its page faults again.
    static PIXMAP: std::cell::RefCell<Option<tiny_skia::Pixmap>> =
        const { std::cell::RefCell::new(None) };
}

/// Draws and encodes without a stamp: what resvg alone would make.
pub fn draw(svg: &str, canvas: Canvas) -> Result<Vec<u8>, RasterError> {
    let tree = parse(svg)?;
    let (pw, ph) = (
        (canvas.width as f32 * canvas.scale).round() as u32,
        (canvas.height as f32 * canvas.scale).round() as u32,
    );
    if pw == 0 || ph == 0 || pw > MAX_EDGE || ph > MAX_EDGE {
        return Err(RasterError::Size {
            width: pw,
            height: ph,
        });
    }
    let transform = fit(tree.size(), pw as f32, ph as f32);
    PIXMAP.with_borrow_mut(|slot| {
        let pixmap = match slot {
            Some(p) if p.width() == pw && p.height() == ph => p,
            _ => slot.insert(tiny_skia::Pixmap::new(pw, ph).ok_or(RasterError::Size {
                width: pw,
                height: ph,
            })?),
        };
        pixmap.fill(match canvas.background {
            Some(Rgb(r, g, b)) => tiny_skia::Color::from_rgba8(r, g, b, 255),
            None => tiny_skia::Color::TRANSPARENT,
        });
        resvg::render(&tree, transform, &mut pixmap.as_mut());
        // An opaque background keeps every pixel opaque; without one, look.
        let opaque =
            canvas.background.is_some() || pixmap.data().chunks_exact(4).all(|p| p[3] == 255);
        encode(pixmap, opaque, canvas.compression)
    })
}

/// The SVG with every text turned into paths (for viewers without the font), keeping its
/// accessible name and description.
pub fn outline_text(svg: &str, title: &str, desc: &str) -> Result<String, RasterError> {
    let tree = parse(svg)?;
    let written = tree.to_string(&usvg::WriteOptions {
        coordinates_precision: 2,
        transforms_precision: 4,
        indent: usvg::Indent::None,
        ..usvg::WriteOptions::default()
    });
    let Some(end) = written.find('>') else {
        return Err(RasterError::EmptyOutline);
    };
    // usvg writes only width and height; without a viewBox an inlined, scaled SVG is cropped.
    let head = &written[..end];
    let view_box = if head.contains("viewBox=") {
        String::new()
    } else {
        let size = tree.size();
        format!(
            " viewBox=\"0 0 {} {}\"",
            crate::render::format_px(f64::from(size.width())),
            crate::render::format_px(f64::from(size.height()))
        )
    };
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    Ok(format!(
        "{head}{view_box} role=\"img\"><title>{}</title><desc>{}</desc>{}\n",
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
            compression: Compression::Small,
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
    fn a_png_carries_its_key_and_a_change_to_its_pixels_voids_it() {
        let canvas = Canvas {
            width: 100,
            height: 50,
            scale: 1.0,
            background: Some(crate::theme::WHITE),
            compression: Compression::Small,
        };
        let bytes = png(SVG, canvas).unwrap();
        assert_eq!(stamped_key(&bytes), Some(key(SVG, canvas)));
        assert!(
            tiny_skia::Pixmap::decode_png(&bytes).is_ok(),
            "still a valid PNG"
        );
        assert_ne!(
            key(
                SVG,
                Canvas {
                    width: 101,
                    ..canvas
                }
            ),
            key(SVG, canvas)
        );
        let mut edited = bytes.clone();
        let at = edited.windows(4).position(|w| w == b"IDAT").unwrap() + 10;
        edited[at] ^= 1;
        assert_eq!(stamped_key(&edited), None, "a broken CRC");
        assert_eq!(stamped_key(b"not a png"), None);
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
