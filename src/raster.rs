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

fn parse(svg: &str) -> Result<usvg::Tree, RasterError> {
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
const ENCODER: &str = "png 0.18, rgb(a) 8 bit, no filter, deflate 3\n";

/// The keyword of the text chunk that records a PNG's key and the hash of its image data.
const STAMP: &[u8] = b"demarcate";

/// Adds a `tEXt` chunk before `IEND` recording `key` and the SHA-256 of the image data, so that
/// [`stamped_key`] can vouch for both without decoding.
fn stamp(png: Vec<u8>, key: &str) -> Vec<u8> {
    let Some(idat) = image_hash(&png) else {
        return png;
    };
    let text = format!("source={key} pixels={idat}");
    let mut data = STAMP.to_vec();
    data.push(0);
    data.extend_from_slice(text.as_bytes());
    let iend = png.len() - 12;
    let mut out = png[..iend].to_vec();
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let mut crc = crc32fast::Hasher::new();
    crc.update(b"tEXt");
    crc.update(&data);
    out.extend_from_slice(b"tEXt");
    out.extend_from_slice(&data);
    out.extend_from_slice(&crc.finalize().to_be_bytes());
    out.extend_from_slice(&png[iend..]);
    out
}

/// The chunks of a PNG: (type, data). `None` when the bytes are not a well-formed PNG.
fn chunks(png: &[u8]) -> Option<Vec<(&[u8], &[u8])>> {
    let mut rest = png.strip_prefix(b"\x89PNG\r\n\x1a\n")?;
    let mut out = Vec::new();
    while !rest.is_empty() {
        let len = u32::from_be_bytes(rest.get(..4)?.try_into().ok()?) as usize;
        let kind = rest.get(4..8)?;
        let data = rest.get(8..8 + len)?;
        let crc = rest.get(8 + len..12 + len)?;
        let mut h = crc32fast::Hasher::new();
        h.update(kind);
        h.update(data);
        if h.finalize().to_be_bytes() != crc {
            return None;
        }
        out.push((kind, data));
        rest = &rest[12 + len..];
    }
    Some(out)
}

fn image_hash(png: &[u8]) -> Option<String> {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for (_, data) in chunks(png)?.into_iter().filter(|(k, _)| *k == b"IDAT") {
        h.update(data);
    }
    Some(hex(&h.finalize()))
}

/// The key a PNG made by demarcate carries, if its chunks are intact and its image data is the
/// data it was stamped with; `None` for any other file.
pub fn stamped_key(png: &[u8]) -> Option<String> {
    let chunks = chunks(png)?;
    let text = chunks
        .iter()
        .find(|(k, d)| *k == b"tEXt" && d.starts_with(STAMP) && d.get(STAMP.len()) == Some(&0))?
        .1;
    let text = std::str::from_utf8(&text[STAMP.len() + 1..]).ok()?;
    let (source, pixels) = text.strip_prefix("source=")?.split_once(" pixels=")?;
    (image_hash(png)? == pixels).then(|| source.to_string())
}

/// Rasterises `svg` onto `canvas`: the picture scaled to fit inside a margin of 4% of the
/// height, centred, stamped with its [`key`].
pub fn png(svg: &str, canvas: Canvas) -> Result<Vec<u8>, RasterError> {
    let bytes = draw(svg, canvas)?;
    Ok(stamp(bytes, &key(svg, canvas)))
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
    let margin = 0.04 * ph as f32;
    let size = tree.size();
    let fit =
        ((pw as f32 - 2.0 * margin) / size.width()).min((ph as f32 - 2.0 * margin) / size.height());
    let (dx, dy) = (
        (pw as f32 - size.width() * fit) / 2.0,
        (ph as f32 - size.height() * fit) / 2.0,
    );
    let mut pixmap = tiny_skia::Pixmap::new(pw, ph).ok_or(RasterError::Size {
        width: pw,
        height: ph,
    })?;
    if let Some(Rgb(r, g, b)) = canvas.background {
        pixmap.fill(tiny_skia::Color::from_rgba8(r, g, b, 255));
    }
    let transform = tiny_skia::Transform::from_row(fit, 0.0, 0.0, fit, dx.round(), dy.round());
    resvg::render(&tree, transform, &mut pixmap.as_mut());
    encode(&pixmap, canvas.compression)
}

/// PNG bytes of `pixmap`: 8-bit RGB (RGBA when anything is transparent), unfiltered rows,
/// DEFLATE level 3. Measured on the bundled pictures: a third faster than resvg's own encoder
/// (adaptive filters, level 6) and 15-20% smaller, because diagrams are flat colours where row
/// filters only add noise.
fn encode(pixmap: &tiny_skia::Pixmap, compression: Compression) -> Result<Vec<u8>, RasterError> {
    // Plain slice loops: fast even in an unoptimised test build.
    let rgba = pixmap.data();
    let opaque = rgba.chunks_exact(4).all(|p| p[3] == 255);
    let data: Vec<u8> = if opaque {
        // Premultiplied and plain colours agree where alpha is full: take RGB as it is.
        let mut rgb = Vec::with_capacity(rgba.len() / 4 * 3);
        for p in rgba.chunks_exact(4) {
            rgb.extend_from_slice(&p[..3]);
        }
        rgb
    } else {
        let mut out = Vec::with_capacity(rgba.len());
        for p in pixmap.pixels() {
            let c = p.demultiply();
            out.extend_from_slice(&[c.red(), c.green(), c.blue(), c.alpha()]);
        }
        out
    };
    let err = |e: png::EncodingError| RasterError::Encode(e.to_string());
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, pixmap.width(), pixmap.height());
    encoder.set_color(if opaque {
        png::ColorType::Rgb
    } else {
        png::ColorType::Rgba
    });
    encoder.set_depth(png::BitDepth::Eight);
    match compression {
        Compression::Small => {
            encoder.set_deflate_compression(png::DeflateCompression::Level(3));
            encoder.set_filter(png::Filter::NoFilter);
        }
        Compression::Fast => {
            encoder.set_compression(png::Compression::Fast);
            encoder.set_filter(png::Filter::Adaptive);
        }
    }
    let mut writer = encoder.write_header().map_err(err)?;
    writer.write_image_data(&data).map_err(err)?;
    writer.finish().map_err(err)?;
    Ok(out)
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
