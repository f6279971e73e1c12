//! PNG encoding of a drawn pixmap: a palette when the colours allow, else RGB(A), rows
//! streamed into the encoder.

use resvg::tiny_skia;

use super::{Compression, RasterError};

/// The pixels of an opaque image as palette indices, with its palette (colours in order of
/// first appearance, as RGB bytes), when it has at most 256 colours; `None` otherwise. Flat
/// diagrams often qualify (about half the bundled PNGs); anti-aliased edges between many
/// colour pairs do not.
fn indexed(rgba: &[u8], width: usize, indices: &mut Vec<u8>) -> Option<Vec<u8>> {
    let mut seen: std::collections::HashMap<u32, u8> = std::collections::HashMap::new();
    let mut palette = Vec::new();
    indices.clear();
    indices.resize(rgba.len() / 4, 0);
    let rows = rgba.chunks_exact(width * 4);
    let mut previous: Option<&[u8]> = None;
    for (y, row) in rows.enumerate() {
        let at = y * width;
        // A row like the one above (most rows of a flat diagram) takes its indices.
        if previous == Some(row) {
            indices.copy_within(at - width..at, at);
            continue;
        }
        previous = Some(row);
        // Runs of one colour are the rule: look a colour up only when it changes.
        let mut last: Option<(u32, u8)> = None;
        for (px, index) in row.chunks_exact(4).zip(&mut indices[at..at + width]) {
            let c = u32::from_ne_bytes([px[0], px[1], px[2], px[3]]);
            *index = match last {
                Some((colour, i)) if colour == c => i,
                _ => {
                    let next = seen.len();
                    let i = match seen.get(&c) {
                        Some(i) => *i,
                        None => {
                            let i = u8::try_from(next).ok()?;
                            seen.insert(c, i);
                            palette.extend_from_slice(&px[..3]);
                            i
                        }
                    };
                    last = Some((c, i));
                    i
                }
            };
        }
    }
    Some(palette)
}

thread_local! {
    /// The palette indices of the image being encoded, reused from picture to picture.
    static INDICES: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// PNG bytes of `pixmap`, lossless: 8-bit palette when an opaque image has at most 256
/// colours (a third of the bytes to compress), else 8-bit RGB (RGBA when anything is
/// transparent); unfiltered rows, DEFLATE level 3. Measured on the bundled pictures: plain
/// RGB at level 3 is a third faster than resvg's own encoder (adaptive filters, level 6) and
/// 15-20% smaller, because diagrams are flat colours where row filters only add noise. RGB
/// rows are converted one at a time into the encoder's stream, so no copy of the image is made.
pub(super) fn encode(
    pixmap: &tiny_skia::Pixmap,
    opaque: bool,
    compression: Compression,
) -> Result<Vec<u8>, RasterError> {
    INDICES.with_borrow_mut(|indices| {
        let palette = if opaque {
            indexed(pixmap.data(), pixmap.width() as usize, indices)
        } else {
            None
        };
        let (w, h) = (pixmap.width(), pixmap.height());
        let mut out = Vec::new();
        let mut encoder = png::Encoder::new(&mut out, w, h);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.set_color(match (&palette, opaque) {
            (Some(_), _) => png::ColorType::Indexed,
            (None, true) => png::ColorType::Rgb,
            (None, false) => png::ColorType::Rgba,
        });
        if let Some(p) = palette.as_ref() {
            encoder.set_palette(p.clone());
        }
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
        let err = |e: png::EncodingError| RasterError::Encode(e.to_string());
        let mut writer = encoder.write_header().map_err(err)?;
        if palette.is_some() {
            writer.write_image_data(indices).map_err(err)?;
        } else {
            write_rows(&mut writer, pixmap, opaque)?;
        }
        writer.finish().map_err(err)?;
        Ok(out)
    })
}

/// Streams `pixmap`'s rows as RGB (`opaque`) or plain RGBA into `writer`.
fn write_rows<W: std::io::Write>(
    writer: &mut png::Writer<W>,
    pixmap: &tiny_skia::Pixmap,
    opaque: bool,
) -> Result<(), RasterError> {
    use std::io::Write as _;
    let err = |e: png::EncodingError| RasterError::Encode(e.to_string());
    let mut stream = writer.stream_writer_with_size(IDAT_BYTES).map_err(err)?;
    let w = pixmap.width() as usize;
    let mut row: Vec<u8> = Vec::with_capacity(w * 4);
    for line in pixmap.data().chunks_exact(w * 4) {
        row.clear();
        if opaque {
            // Premultiplied and plain colours agree where alpha is full: take RGB as it is.
            row.resize(w * 3, 0);
            for (rgb, px) in row.chunks_exact_mut(3).zip(line.chunks_exact(4)) {
                rgb.copy_from_slice(&px[..3]);
            }
        } else {
            for px in line.chunks_exact(4) {
                let c = tiny_skia::PremultipliedColorU8::from_rgba(px[0], px[1], px[2], px[3])
                    .map(|p| p.demultiply())
                    .unwrap_or(tiny_skia::ColorU8::from_rgba(0, 0, 0, 0));
                row.extend_from_slice(&[c.red(), c.green(), c.blue(), c.alpha()]);
            }
        }
        stream
            .write_all(&row)
            .map_err(|e| RasterError::Encode(e.to_string()))?;
    }
    stream.finish().map_err(err)
}

/// The most image data one `IDAT` chunk holds.
const IDAT_BYTES: usize = 1 << 20;

#[cfg(test)]
mod tests {
    use super::*;

    /// An opaque pixmap of `colours` distinct colours (one per pixel, the rest white), repeated
    /// rows included.
    fn pixmap_of(colours: u32) -> tiny_skia::Pixmap {
        let mut p = tiny_skia::Pixmap::new(64, 32).unwrap();
        p.fill(tiny_skia::Color::WHITE);
        for (i, px) in p.pixels_mut().iter_mut().take(colours as usize).enumerate() {
            let i = i as u32;
            *px = tiny_skia::PremultipliedColorU8::from_rgba(
                (i % 7 * 30) as u8,
                (i / 7 % 13 * 19) as u8,
                (i / 91 * 60) as u8,
                255,
            )
            .unwrap();
        }
        p
    }

    #[test]
    fn few_colours_give_a_palette_png_many_give_rgb_and_both_are_lossless() {
        for (colours, kind) in [
            (1, png::ColorType::Indexed),
            (255, png::ColorType::Indexed),
            (300, png::ColorType::Rgb),
        ] {
            let pixmap = pixmap_of(colours);
            let bytes = encode(&pixmap, true, Compression::Small).unwrap();
            let info = png::Decoder::new(std::io::Cursor::new(&bytes))
                .read_info()
                .unwrap();
            assert_eq!(info.info().color_type, kind, "{colours} colours");
            let back = tiny_skia::Pixmap::decode_png(&bytes).unwrap();
            assert_eq!(
                back.data(),
                pixmap.data(),
                "{colours} colours: pixels changed"
            );
        }
    }
}
