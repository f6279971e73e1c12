//! Colours: parsing, WCAG contrast, and the palette that gives each party its colour.

use serde::Serialize;

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

    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// Relative luminance as WCAG 2 defines it.
    pub fn luminance(self) -> f64 {
        let lin = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(self.0) + 0.7152 * lin(self.1) + 0.0722 * lin(self.2)
    }

    /// `self` mixed with `other`; `t` = 0 gives `self`, 1 gives `other`.
    pub fn mix(self, other: Rgb, t: f64) -> Rgb {
        let m = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * t).round() as u8;
        Rgb(m(self.0, other.0), m(self.1, other.1), m(self.2, other.2))
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

pub const INK: Rgb = Rgb(0x1a, 0x1a, 0x1a);
pub const WHITE: Rgb = Rgb(0xff, 0xff, 0xff);

/// Dark ink or white, whichever reads better on `fill`.
pub fn text_on(fill: Rgb) -> Rgb {
    if contrast(INK, fill) >= contrast(WHITE, fill) {
        INK
    } else {
        WHITE
    }
}

/// The colours a diagram is drawn with.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Theme {
    pub name: &'static str,
    pub background: Rgb,
    pub text: Rgb,
    pub muted: Rgb,
    pub line: Rgb,
    /// Colours for parties without a colour of their own, in party order (repeating).
    pub palette: Vec<Rgb>,
    /// How far a band's background moves from the party colour towards the background.
    pub band_tint: f64,
}

impl Theme {
    /// The default theme: light, with a palette told apart by the common colour-vision
    /// deficiencies (Okabe and Ito's).
    pub fn light() -> Theme {
        Theme {
            name: "light",
            background: WHITE,
            text: INK,
            muted: Rgb(0x4a, 0x4a, 0x4a),
            line: Rgb(0x1a, 0x1a, 0x1a),
            palette: vec![
                Rgb(0xe6, 0x9f, 0x00),
                Rgb(0x00, 0x72, 0xb2),
                Rgb(0x00, 0x9e, 0x73),
                Rgb(0xcc, 0x79, 0xa7),
                Rgb(0x56, 0xb4, 0xe9),
                Rgb(0xd5, 0x5e, 0x00),
            ],
            band_tint: 0.85,
        }
    }

    /// The colour of the party at `index`, from the model if given, else from the palette.
    pub fn party_color(&self, index: usize, own: Option<Rgb>) -> Rgb {
        own.unwrap_or(self.palette[index % self.palette.len()])
    }
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
    fn palette_text_meets_aa() {
        let t = Theme::light();
        for c in &t.palette {
            assert!(contrast(text_on(*c), *c) >= AA, "{}", c.hex());
            let band = c.mix(t.background, t.band_tint);
            assert!(contrast(t.text, band) >= AA, "band {}", band.hex());
        }
    }
}
