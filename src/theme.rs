//! Colours: parsing, WCAG contrast, and the palette that gives each party its colour.

use serde::Serialize;

/// A pattern drawn over a fill, telling parties apart without colour (the print theme); the
/// scene template defines one `<pattern>` per name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Pattern {
    /// Diagonal lines.
    Hatch,
    /// A grid of dots.
    Dots,
    /// Crossed lines.
    Cross,
}

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Serialize for Rgb {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.hex())
    }
}

impl Rgb {
    /// Parses `#rrggbb` or `#rgb` (either case).
    pub fn parse(s: &str) -> Option<Rgb> {
        let hex = s.strip_prefix('#')?;
        if !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        let digit = |i: usize, n: usize| u8::from_str_radix(&hex[i..i + n], 16).ok();
        match hex.len() {
            6 => Some(Rgb(digit(0, 2)?, digit(2, 2)?, digit(4, 2)?)),
            3 => Some(Rgb(digit(0, 1)? * 17, digit(1, 1)? * 17, digit(2, 1)? * 17)),
            _ => None,
        }
    }

    /// The colour as `#rrggbb`.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// Relative luminance as WCAG 2 defines it.
    pub fn luminance(self) -> f64 {
        0.2126 * linear(self.0) + 0.7152 * linear(self.1) + 0.0722 * linear(self.2)
    }

    /// `self` mixed with `other`; `t` = 0 gives `self`, 1 gives `other`.
    pub fn mix(self, other: Rgb, t: f64) -> Rgb {
        let m = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * t).round() as u8;
        Rgb(m(self.0, other.0), m(self.1, other.1), m(self.2, other.2))
    }
}

/// How far apart two colours look: the CIE 1976 colour difference ΔE*ab in CIELAB (D65).
/// About 2 is barely noticeable; under about 10, two fills side by side are easy to confuse.
pub fn difference(a: Rgb, b: Rgb) -> f64 {
    let (la, aa, ba) = a.lab();
    let (lb, ab, bb) = b.lab();
    ((la - lb).powi(2) + (aa - ab).powi(2) + (ba - bb).powi(2)).sqrt()
}

impl Rgb {
    /// The colour in CIELAB (D65 white), for [`difference`].
    fn lab(self) -> (f64, f64, f64) {
        let (r, g, b) = (linear(self.0), linear(self.1), linear(self.2));
        let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.950_47;
        let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
        let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.088_83;
        let f = |t: f64| {
            if t > 0.008_856 {
                t.cbrt()
            } else {
                7.787 * t + 16.0 / 116.0
            }
        };
        let (fx, fy, fz) = (f(x), f(y), f(z));
        (116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz))
    }
}

/// An sRGB channel (0–255) as linear light (0–1), the step that luminance and CIELAB share.
fn linear(c: u8) -> f64 {
    let c = f64::from(c) / 255.0;
    if c <= 0.04045 {
        c / 12.92
    } else {
        ((c + 0.055) / 1.055).powf(2.4)
    }
}

/// WCAG contrast ratio between two colours, from 1 to 21.
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (a.luminance(), b.luminance());
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

/// The WCAG AA threshold for normal text.
pub const AA: f64 = 4.5;

/// The dark ink of text on light fills.
pub const INK: Rgb = Rgb(0x1a, 0x1a, 0x1a);
/// White, the ink of text on dark fills.
pub const WHITE: Rgb = Rgb(0xff, 0xff, 0xff);

/// Dark ink or white, whichever reads better on `fill`.
pub fn text_on(fill: Rgb) -> Rgb {
    if contrast(INK, fill) >= contrast(WHITE, fill) {
        INK
    } else {
        WHITE
    }
}

/// How far each kind of box moves from the party colour towards the background
/// (0 = the party colour itself, 1 = the background).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Tints {
    /// How far a party's band moves towards the background.
    pub band: f64,
    /// … a layer box.
    pub layer: f64,
    /// … an item box.
    pub item: f64,
    /// … the strip under a layer's label.
    pub strip: f64,
    /// … a matrix or shift cell.
    pub cell: f64,
}

/// The colours a diagram is drawn with.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Theme {
    /// The theme's name, as `--theme` takes it.
    pub name: &'static str,
    /// The canvas colour.
    pub background: Rgb,
    /// The colour of text on the canvas.
    pub text: Rgb,
    /// The colour of secondary text on the canvas.
    pub muted: Rgb,
    /// The colour of the demarcation line.
    pub line: Rgb,
    /// Colours for parties without a colour of their own, in party order (repeating).
    pub palette: Vec<Rgb>,
    /// How far each kind of box moves towards the background.
    pub tints: Tints,
    /// Outline width of boxes, in px.
    pub stroke_width: f64,
    /// Parties are also told apart by patterns, and model colours are ignored (for print).
    pub patterns: bool,
}

/// The names `--theme` accepts.
pub const THEMES: &[&str] = &["light", "dark", "high-contrast", "print"];

/// The patterns that tell parties apart in the print theme, by party index (repeating);
/// the first party is plain.
const PATTERNS: &[Option<Pattern>] = &[
    None,
    Some(Pattern::Hatch),
    Some(Pattern::Dots),
    Some(Pattern::Cross),
];

impl Theme {
    /// A theme by name (see [`THEMES`]).
    pub fn named(name: &str) -> Option<Theme> {
        match name {
            "light" => Some(Theme::light()),
            "dark" => Some(Theme::dark()),
            "high-contrast" => Some(Theme::high_contrast()),
            "print" => Some(Theme::print()),
            _ => None,
        }
    }

    /// The default theme: light, with a palette told apart by the common colour-vision
    /// deficiencies (Okabe and Ito's).
    pub fn light() -> Theme {
        Theme {
            name: "light",
            background: WHITE,
            text: INK,
            muted: Rgb(0x4a, 0x4a, 0x4a),
            line: INK,
            palette: okabe_ito(),
            tints: Tints {
                band: 0.85,
                layer: 0.6,
                item: 0.75,
                strip: 0.0,
                cell: 0.35,
            },
            stroke_width: 1.5,
            patterns: false,
        }
    }

    /// Light text on a dark background, for dark slides.
    pub fn dark() -> Theme {
        Theme {
            name: "dark",
            background: Rgb(0x16, 0x18, 0x1c),
            text: Rgb(0xec, 0xec, 0xec),
            muted: Rgb(0xb8, 0xb8, 0xb8),
            line: Rgb(0xec, 0xec, 0xec),
            palette: okabe_ito(),
            tints: Tints {
                band: 0.82,
                layer: 0.55,
                item: 0.7,
                strip: 0.0,
                cell: 0.5,
            },
            stroke_width: 1.5,
            patterns: false,
        }
    }

    /// Full-strength dark fills with white text, black lines, thicker outlines.
    pub fn high_contrast() -> Theme {
        Theme {
            name: "high-contrast",
            background: WHITE,
            text: Rgb(0, 0, 0),
            muted: Rgb(0x1a, 0x1a, 0x1a),
            line: Rgb(0, 0, 0),
            palette: vec![
                Rgb(0x8a, 0x4a, 0x00),
                Rgb(0x00, 0x4a, 0x8f),
                Rgb(0x00, 0x5c, 0x3e),
                Rgb(0x7a, 0x1f, 0x5c),
            ],
            tints: Tints {
                band: 0.9,
                layer: 0.0,
                item: 0.85,
                strip: 0.0,
                cell: 0.0,
            },
            stroke_width: 3.0,
            patterns: false,
        }
    }

    /// Greyscale, with parties told apart by patterns as well as by shade.
    pub fn print() -> Theme {
        Theme {
            name: "print",
            background: WHITE,
            text: Rgb(0, 0, 0),
            muted: Rgb(0x33, 0x33, 0x33),
            line: Rgb(0, 0, 0),
            palette: vec![
                Rgb(0xd9, 0xd9, 0xd9),
                Rgb(0xa6, 0xa6, 0xa6),
                Rgb(0xc4, 0xc4, 0xc4),
                Rgb(0x94, 0x94, 0x94),
            ],
            tints: Tints {
                band: 0.7,
                layer: 0.0,
                item: 0.4,
                strip: 0.0,
                cell: 0.0,
            },
            stroke_width: 1.5,
            patterns: true,
        }
    }

    /// Whether the canvas is dark, so that a page around the pictures should be too.
    pub fn is_dark(&self) -> bool {
        self.background.luminance() < 0.2
    }

    /// The colour of the party at `index`: the model's own colour if it gives one (except in
    /// a patterned theme, which stays greyscale), else the palette's.
    pub fn party_color(&self, index: usize, own: Option<Rgb>) -> Rgb {
        match own {
            Some(c) if !self.patterns => c,
            _ => self.palette[index % self.palette.len()],
        }
    }

    /// The pattern of the party at `index`, in a patterned theme.
    pub fn party_pattern(&self, index: usize) -> Option<Pattern> {
        if self.patterns {
            PATTERNS[index % PATTERNS.len()]
        } else {
            None
        }
    }

    /// A neutral fill `t` of the way from the background towards the text colour.
    pub fn neutral(&self, t: f64) -> Rgb {
        self.background.mix(self.text, t)
    }
}

fn okabe_ito() -> Vec<Rgb> {
    vec![
        Rgb(0xe6, 0x9f, 0x00),
        Rgb(0x00, 0x72, 0xb2),
        Rgb(0x00, 0x9e, 0x73),
        Rgb(0xcc, 0x79, 0xa7),
        Rgb(0x56, 0xb4, 0xe9),
        Rgb(0xd5, 0x5e, 0x00),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_hex() {
        assert_eq!(Rgb::parse("#0072B2"), Some(Rgb(0, 0x72, 0xb2)));
        assert_eq!(Rgb::parse("#fff"), Some(WHITE));
        for bad in ["0072b2", "#12", "#gggggg", "#12345", "red"] {
            assert_eq!(Rgb::parse(bad), None, "{bad}");
        }
        assert_eq!(Rgb(1, 2, 255).hex(), "#0102ff");
    }

    #[test]
    fn contrast_matches_wcag() {
        assert!((contrast(Rgb(0, 0, 0), WHITE) - 21.0).abs() < 1e-9);
        assert!((contrast(WHITE, WHITE) - 1.0).abs() < 1e-9);
    }

    #[test]
    fn every_palette_fill_has_a_readable_text_colour() {
        for name in THEMES {
            let t = Theme::named(name).unwrap();
            let ti = t.tints;
            for c in &t.palette {
                for tint in [ti.band, ti.layer, ti.item, ti.strip, ti.cell] {
                    let fill = c.mix(t.background, tint);
                    assert!(
                        contrast(text_on(fill), fill) >= AA,
                        "{name}: {}",
                        fill.hex()
                    );
                }
            }
            assert!(
                contrast(t.text, t.background) >= AA && contrast(t.muted, t.neutral(0.08)) >= AA,
                "{name}"
            );
        }
    }
}
