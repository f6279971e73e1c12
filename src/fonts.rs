//! The one font: Inter Regular and Bold, bundled in the binary. The same bytes measure text for
//! layout (shaped with harfrust, as usvg shapes it) and draw it in resvg, so measured widths are
//! drawn widths. System fonts are never scanned.

use std::sync::{Arc, LazyLock};

use harfrust::{FontRef, ShapeOptions, ShapePlan, ShaperData, UnicodeBuffer};
use resvg::usvg::fontdb;
use skrifa::MetadataProvider;

static REGULAR: &[u8] = include_bytes!("fonts/Inter-Regular.otf");
static BOLD: &[u8] = include_bytes!("fonts/Inter-Bold.otf");

/// The family name the SVGs ask for first.
pub const FAMILY: &str = "Inter";

struct Face {
    font: FontRef<'static>,
    shaper: ShaperData,
    upem: f64,
}

impl Face {
    fn new(data: &'static [u8]) -> Face {
        let font = FontRef::new(data).expect("the bundled font parses");
        let upem = f64::from(
            skrifa::FontRef::new(data)
                .expect("the bundled font parses")
                .metrics(
                    skrifa::instance::Size::unscaled(),
                    skrifa::instance::LocationRef::default(),
                )
                .units_per_em,
        );
        Face {
            shaper: ShaperData::new(&font),
            font,
            upem,
        }
    }
}

static FACES: LazyLock<[Face; 2]> = LazyLock::new(|| [Face::new(REGULAR), Face::new(BOLD)]);

static DATABASE: LazyLock<Arc<fontdb::Database>> = LazyLock::new(|| {
    let mut db = fontdb::Database::new();
    db.load_font_data(REGULAR.to_vec());
    db.load_font_data(BOLD.to_vec());
    db.set_sans_serif_family(FAMILY);
    Arc::new(db)
});

/// The font database handed to usvg: the bundled faces only.
pub fn database() -> Arc<fontdb::Database> {
    DATABASE.clone()
}

/// Whether the face `id` of [`database`] is the bold one.
fn is_bold(id: fontdb::ID) -> bool {
    DATABASE.face(id).is_some_and(|f| f.weight.0 >= 600)
}

/// The bytes of the face `id` of [`database`], for embedding.
pub fn data_of(id: fontdb::ID) -> &'static [u8] {
    if is_bold(id) { BOLD } else { REGULAR }
}

/// The units per em of the face `id` of [`database`].
pub fn units_per_em(id: fontdb::ID) -> f32 {
    FACES[usize::from(is_bold(id))].upem as f32
}

/// The advance width of `text` at `size` px, shaped with kerning and ligatures.
pub fn width(text: &str, size: f64, bold: bool) -> f64 {
    if text.is_empty() {
        return 0.0;
    }
    let face = &FACES[usize::from(bold)];
    let units = WIDTHS.with_borrow_mut(|widths| {
        let known = &mut widths[usize::from(bold)];
        if let Some(units) = known.get(text) {
            return *units;
        }
        let units = shaped_units(face, usize::from(bold), text);
        known.insert(text.to_string(), units);
        units
    });
    units as f64 * size / face.upem
}

thread_local! {
    /// Shaped widths in font units, by weight and text: layouts measure the same labels many
    /// times (every picture, every wrap attempt), and shaping is the dear part.
    static WIDTHS: std::cell::RefCell<[std::collections::HashMap<String, i64>; 2]> =
        std::cell::RefCell::new([std::collections::HashMap::new(), std::collections::HashMap::new()]);
}

/// The advance of `text` in font units of `face` (index `weight` of [`FACES`]).
fn shaped_units(face: &Face, weight: usize, text: &str) -> i64 {
    let shaper = face.shaper.shaper(&face.font).build();
    let mut buffer = UnicodeBuffer::new();
    buffer.push_str(text);
    buffer.guess_segment_properties();
    // The buffer's script as `shape` sees it: none when every character is common.
    let script = Some(buffer.script()).filter(|s| *s != harfrust::script::UNKNOWN);
    let key = (weight, buffer.direction(), script, buffer.language());
    PLANS.with_borrow_mut(|plans| {
        // A plan is compiled once for each weight, direction, script and language: the same
        // plan `shape` would compile for this buffer on every call.
        let plan = match plans.iter().position(|(k, _)| *k == key) {
            Some(i) => &plans[i].1,
            None => {
                let plan = ShapePlan::new(&shaper, key.1, key.2, key.3.as_ref(), &[]);
                plans.push((key.clone(), plan));
                &plans[plans.len() - 1].1
            }
        };
        shaper
            .shape(buffer, ShapeOptions::new().plan(Some(plan)))
            .glyph_positions()
            .iter()
            .map(|p| i64::from(p.x_advance))
            .sum()
    })
}

/// What selects a shaping plan: weight, direction, script, language.
type PlanKey = (
    usize,
    harfrust::Direction,
    Option<harfrust::Script>,
    Option<harfrust::Language>,
);

thread_local! {
    static PLANS: std::cell::RefCell<Vec<(PlanKey, ShapePlan)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// The characters of `text` that the bundled font cannot draw (shown as empty boxes).
pub fn missing_chars(text: &str) -> Vec<char> {
    let font = skrifa::FontRef::new(REGULAR).expect("the bundled font parses");
    let charmap = font.charmap();
    let mut out: Vec<char> = text
        .chars()
        .filter(|c| !c.is_control() && charmap.map(*c).is_none())
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_with_the_bundled_font() {
        let w = width("Customer data", 20.0, false);
        assert!(w > 100.0 && w < 160.0, "{w}");
        assert!(width("Customer data", 20.0, true) > w);
        assert!((width("ab", 40.0, false) - 2.0 * width("ab", 20.0, false)).abs() < 1e-6);
        assert_eq!(width("", 20.0, false), 0.0);
    }

    #[test]
    fn finds_characters_the_font_lacks() {
        assert_eq!(missing_chars("Données — ok"), Vec::<char>::new());
        assert_eq!(missing_chars("数据"), vec!['据', '数']);
    }
}
