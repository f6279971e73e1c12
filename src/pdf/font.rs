//! The bundled faces as embedded PDF fonts: each face used becomes a Type 0 font over a
//! CID-keyed CFF subset (only the glyphs drawn), with the widths of those glyphs and a
//! ToUnicode map from each glyph to the text it was shaped from, so that text can be selected,
//! searched and copied.

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Chunk, Filter, Finish, Name, Rect, Ref, Str};
use resvg::usvg::fontdb;
use skrifa::MetadataProvider;
use subsetter::GlyphRemapper;

use super::deflate;

/// One face used in a document: the glyphs drawn with it, renumbered for the subset.
pub(super) struct UsedFont {
    data: &'static [u8],
    remapper: GlyphRemapper,
    /// The text each subset glyph stands for, by subset glyph id.
    text: Vec<Option<String>>,
}

/// The faces used in one document, in the order of first use (so names and numbers are the
/// same on every run).
#[derive(Default)]
pub(super) struct Fonts {
    used: Vec<(fontdb::ID, UsedFont)>,
}

impl Fonts {
    /// The resource index of `face` and the CID of glyph `glyph` in its subset; `text` is
    /// what the glyph was shaped from (the first glyph of a cluster carries it).
    pub(super) fn glyph(&mut self, face: fontdb::ID, glyph: u16, text: &str) -> (usize, u16) {
        let ix = match self.used.iter().position(|(id, _)| *id == face) {
            Some(ix) => ix,
            None => {
                self.used.push((
                    face,
                    UsedFont {
                        data: crate::fonts::data_of(face),
                        remapper: GlyphRemapper::new(),
                        text: vec![None],
                    },
                ));
                self.used.len() - 1
            }
        };
        let font = &mut self.used[ix].1;
        let cid = font.remapper.remap(glyph);
        let slot = usize::from(cid);
        if font.text.len() <= slot {
            font.text.resize(slot + 1, None);
        }
        if font.text[slot].is_none() && !text.is_empty() {
            font.text[slot] = Some(text.to_string());
        }
        (ix, cid)
    }

    /// How many faces were used.
    pub(super) fn len(&self) -> usize {
        self.used.len()
    }

    /// Writes every used face; `refs[i]` is the Type 0 font of face `i`, and `alloc` hands out
    /// the other references.
    pub(super) fn write(
        &self,
        chunk: &mut Chunk,
        refs: &[Ref],
        alloc: &mut impl FnMut() -> Ref,
    ) -> Result<(), String> {
        for ((_, font), &type0) in self.used.iter().zip(refs) {
            font.write(chunk, type0, alloc)?;
        }
        Ok(())
    }
}

const SYSTEM_INFO: SystemInfo = SystemInfo {
    registry: Str(b"Adobe"),
    ordering: Str(b"Identity"),
    supplement: 0,
};

impl UsedFont {
    /// The advance of each glyph of the subset, in thousandths of an em.
    fn widths(&self, font: &skrifa::FontRef, upem: f32) -> Vec<f32> {
        let to_pdf = |v: f32| v * 1000.0 / upem;
        let glyphs = font.glyph_metrics(
            skrifa::instance::Size::unscaled(),
            skrifa::instance::LocationRef::default(),
        );
        let widths: Vec<f32> = self
            .remapper
            .remapped_gids()
            .map(|old| {
                to_pdf(
                    glyphs
                        .advance_width(skrifa::GlyphId::new(u32::from(old)))
                        .unwrap_or(0.0),
                )
            })
            .collect();
        widths
    }

    fn write(
        &self,
        chunk: &mut Chunk,
        type0: Ref,
        alloc: &mut impl FnMut() -> Ref,
    ) -> Result<(), String> {
        let (cid_ref, descriptor_ref, file_ref, cmap_ref) = (alloc(), alloc(), alloc(), alloc());
        let font = skrifa::FontRef::new(self.data).map_err(|e| e.to_string())?;
        let subset = subsetter::subset(self.data, 0, &self.remapper).map_err(|e| e.to_string())?;
        let subset_font = skrifa::FontRef::new(&subset).map_err(|e| e.to_string())?;
        let cff = subset_font
            .table_data(skrifa::raw::types::Tag::new(b"CFF "))
            .ok_or("the font subset has no CFF table")?;
        let ps_name = postscript_name(&font);
        let base = format!("{}+{ps_name}", self.tag());

        chunk
            .type0_font(type0)
            .base_font(Name(format!("{base}-Identity-H").as_bytes()))
            .encoding_predefined(Name(b"Identity-H"))
            .descendant_font(cid_ref)
            .to_unicode(cmap_ref);

        let metrics = font.metrics(
            skrifa::instance::Size::unscaled(),
            skrifa::instance::LocationRef::default(),
        );
        let upem = f32::from(metrics.units_per_em);
        let to_pdf = |v: f32| v * 1000.0 / upem;
        let widths = self.widths(&font, upem);
        let mut cid = chunk.cid_font(cid_ref);
        cid.subtype(CidFontType::Type0)
            .base_font(Name(base.as_bytes()))
            .system_info(SYSTEM_INFO)
            .font_descriptor(descriptor_ref)
            .default_width(0.0);
        cid.widths().consecutive(0, widths.iter().copied());
        cid.finish();

        let b = metrics.bounds.unwrap_or_default();
        let ascent = to_pdf(metrics.ascent);
        let mut flags = FontFlags::SYMBOLIC;
        flags.set(FontFlags::FORCE_BOLD, false);
        chunk
            .font_descriptor(descriptor_ref)
            .name(Name(base.as_bytes()))
            .flags(flags)
            .bbox(Rect::new(
                to_pdf(b.x_min),
                to_pdf(b.y_min),
                to_pdf(b.x_max),
                to_pdf(b.y_max),
            ))
            .italic_angle(0.0)
            .ascent(ascent)
            .descent(to_pdf(metrics.descent))
            .cap_height(metrics.cap_height.map_or(ascent, to_pdf))
            .stem_v(if ps_name.contains("Bold") {
                140.0
            } else {
                80.0
            })
            .font_file3(file_ref);

        let packed = deflate(cff.as_bytes());
        let mut file = chunk.stream(file_ref, &packed);
        file.filter(Filter::FlateDecode);
        file.pair(Name(b"Subtype"), Name(b"CIDFontType0C"));
        file.finish();

        let mut cmap = UnicodeCmap::new(Name(b"Demarcate-UCS"), SYSTEM_INFO);
        for (cid, text) in self.text.iter().enumerate() {
            if let (Some(text), Ok(cid)) = (text, u16::try_from(cid)) {
                cmap.pair_with_multiple(cid, text.chars());
            }
        }
        let cmap = cmap.finish();
        chunk.cmap(cmap_ref, &cmap);
        Ok(())
    }

    /// The six-letter subset tag: from the glyphs in the subset, so the same text gives the same
    /// name on every run and different subsets of one face get different names.
    fn tag(&self) -> String {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        for g in self.remapper.remapped_gids() {
            h.update(g.to_be_bytes());
        }
        h.finalize()
            .iter()
            .take(6)
            .map(|b| char::from(b'A' + b % 26))
            .collect()
    }
}

/// The face's PostScript name, kept to the letters PDF names allow.
fn postscript_name(font: &skrifa::FontRef) -> String {
    let name = font
        .localized_strings(skrifa::string::StringId::POSTSCRIPT_NAME)
        .english_or_first()
        .map(|s| s.to_string())
        .unwrap_or_else(|| "Inter".to_string());
    name.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect()
}
