//! How to build: the options a build takes, resolved from flags, `demarcate.toml` and
//! defaults by the CLI.

use std::path::Path;
use std::str::FromStr;

use serde::Deserialize;

use crate::raster::Canvas;
use crate::theme::Theme;

/// How to build. Default: see [`BuildOptions::default`].
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The colours. Default: light.
    pub theme: Theme,
    /// The PNG slide size. Default: 1920×1080 at scale 1 on the theme's background.
    pub canvas: Canvas,
    /// Turn text into paths in the SVGs. Default: false.
    pub outline_text: bool,
    /// Write the presenting steps under `slides/`. Default: true.
    pub slides: bool,
    /// Which kinds of file to write. Default: all.
    pub formats: Formats,
    /// Only these outputs, by file stem (`stack`, `matrix`, `stack-ec2`, `handout`, `slides`).
    /// Default: all.
    pub only: Option<Vec<String>>,
    /// Most per-service stacks drawn as PNG; a model with more services gets them as SVG
    /// only, unless `only` names them. Default: [`MAX_STACK_PNGS`].
    pub max_stack_pngs: usize,
    /// The paper of `handout.pdf`. Default: A4.
    pub paper: Paper,
    /// More themes the pictures are also drawn in, each as `<picture>.<theme>.svg` (and
    /// `.png`, `.pdf`) beside the main theme's `<picture>.svg`; with a light and a dark theme
    /// among them, the HTML handout shows each reader the pictures of their colour scheme.
    /// Default: none.
    pub also: Vec<Theme>,
}

/// The most per-service stacks a build draws as PNG by default: each is a 1920×1080 image,
/// and past a couple of dozen they cost more than the rest of the build together.
pub const MAX_STACK_PNGS: usize = 24;

/// The kinds of output file. Default: all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Formats {
    /// Markdown handouts.
    pub md: bool,
    /// HTML handouts.
    pub html: bool,
    /// SVG pictures.
    pub svg: bool,
    /// PNG slide images.
    pub png: bool,
    /// The quiz for Moodle (`quiz.gift`).
    pub gift: bool,
    /// The quiz as an IMS QTI 2.1 content package (`quiz-qti.zip`).
    pub qti: bool,
    /// Vector PDF: each picture, the slides (`slides.pdf`) and the handout (`handout.pdf`).
    pub pdf: bool,
    /// `matrix.csv`.
    pub csv: bool,
    /// `component-definition.json` (OSCAL).
    pub oscal: bool,
}

impl Default for Formats {
    fn default() -> Self {
        Formats {
            md: true,
            html: true,
            svg: true,
            png: true,
            gift: true,
            qti: true,
            pdf: true,
            csv: true,
            oscal: true,
        }
    }
}

impl Formats {
    /// The formats named in `list`; an empty list names none.
    pub fn of(list: &[Format]) -> Formats {
        let has = |f: Format| list.contains(&f);
        Formats {
            md: has(Format::Md),
            html: has(Format::Html),
            svg: has(Format::Svg),
            png: has(Format::Png),
            gift: has(Format::Gift),
            qti: has(Format::Qti),
            pdf: has(Format::Pdf),
            csv: has(Format::Csv),
            oscal: has(Format::Oscal),
        }
    }

    /// Whether a file with extension `ext` is wanted; other extensions (user templates' extra
    /// outputs) always are.
    pub fn wants(&self, ext: &str) -> bool {
        match ext {
            "md" => self.md,
            "html" => self.html,
            "svg" => self.svg,
            "png" => self.png,
            "gift" => self.gift,
            "zip" => self.qti,
            "pdf" => self.pdf,
            "csv" => self.csv,
            "json" => self.oscal,
            _ => true,
        }
    }
}

/// A kind of output file, as named by `--format` and the config's `formats`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// Markdown handouts.
    Md,
    /// HTML handouts.
    Html,
    /// SVG pictures.
    Svg,
    /// PNG slide images.
    Png,
    /// The quiz for Moodle, in GIFT (`quiz.gift`).
    Gift,
    /// The quiz as an IMS QTI 2.1 content package (`quiz-qti.zip`).
    Qti,
    /// Vector PDF: pictures, `slides.pdf`, `handout.pdf`.
    Pdf,
    /// The responsibility matrix as CSV (`matrix.csv`), one row per cell.
    Csv,
    /// The split as an OSCAL component definition (`component-definition.json`).
    Oscal,
}

/// The paper the PDF handout is typeset for, as named by `--paper` and the config's `paper`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Paper {
    /// ISO A4, 210 × 297 mm. Default.
    #[default]
    A4,
    /// US Letter, 8.5 × 11 in.
    Letter,
}

impl Paper {
    /// Width and height in CSS pixels (96 to the inch).
    pub fn size(self) -> (f32, f32) {
        match self {
            Paper::A4 => (210.0 / 25.4 * 96.0, 297.0 / 25.4 * 96.0),
            Paper::Letter => (8.5 * 96.0, 11.0 * 96.0),
        }
    }
}

/// A colour theme, as named by `--theme` and the config's `theme`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ThemeName {
    /// Dark text on light tints. Default.
    #[default]
    Light,
    /// Light text on dark tints.
    Dark,
    /// Black and white with strong borders, for low vision and projectors.
    HighContrast,
    /// Greys and patterns that survive a black-and-white printer.
    Print,
}

impl ThemeName {
    /// The theme's colours.
    pub fn theme(self) -> Theme {
        match self {
            ThemeName::Light => Theme::light(),
            ThemeName::Dark => Theme::dark(),
            ThemeName::HighContrast => Theme::high_contrast(),
            ThemeName::Print => Theme::print(),
        }
    }
}

/// What surrounds the picture in PNGs, as named by `--background` and the config's
/// `png.background`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Background {
    /// The theme's background colour.
    Theme,
    /// No background: the PNG is transparent around and behind the picture.
    Transparent,
}

/// A PNG side in pixels: 16 to 8192 (`--width`, `--height`, the config's `png.width` and
/// `png.height`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(try_from = "u32")]
pub struct Pixels(pub u32);

impl TryFrom<u32> for Pixels {
    type Error = String;
    fn try_from(v: u32) -> Result<Pixels, String> {
        if (16..=8192).contains(&v) {
            Ok(Pixels(v))
        } else {
            Err(format!("{v} pixels is out of range: give 16 to 8192"))
        }
    }
}

impl FromStr for Pixels {
    type Err = String;
    fn from_str(s: &str) -> Result<Pixels, String> {
        let v: u32 = s
            .trim()
            .parse()
            .map_err(|_| format!("`{s}` is not a whole number of pixels: give 16 to 8192"))?;
        Pixels::try_from(v)
    }
}

/// Device pixels per pixel: 0.25 to 4, e.g. 2 for high-DPI screens (`--scale`, the config's
/// `png.scale`).
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(try_from = "f64")]
pub struct Scale(pub f32);

impl TryFrom<f64> for Scale {
    type Error = String;
    fn try_from(v: f64) -> Result<Scale, String> {
        if (0.25..=4.0).contains(&v) {
            Ok(Scale(v as f32))
        } else {
            Err(format!(
                "scale {v} is out of range: give a number from 0.25 to 4, e.g. 2 for high-DPI"
            ))
        }
    }
}

impl FromStr for Scale {
    type Err = String;
    fn from_str(s: &str) -> Result<Scale, String> {
        let v: f64 = s
            .trim()
            .parse()
            .map_err(|_| format!("`{s}` is not a number: give 0.25 to 4, e.g. 2 for high-DPI"))?;
        Scale::try_from(v)
    }
}

impl Default for BuildOptions {
    fn default() -> Self {
        BuildOptions {
            theme: Theme::light(),
            canvas: Canvas::default(),
            outline_text: false,
            slides: true,
            formats: Formats::default(),
            only: None,
            max_stack_pngs: MAX_STACK_PNGS,
            paper: Paper::A4,
            also: Vec::new(),
        }
    }
}

impl BuildOptions {
    /// Whether the output named `stem` (a picture, `handout`, `slides`, or an extra template's
    /// name) is wanted.
    pub fn wants(&self, stem: &str) -> bool {
        self.only
            .as_ref()
            .is_none_or(|only| only.iter().any(|o| o == stem))
    }

    /// Whether a build with these options makes files like `path` (relative to the output
    /// folder): its format is wanted, and it is not a slide when slides are off.
    pub fn owns(&self, path: &Path) -> bool {
        let ext = path
            .extension()
            .and_then(|x| x.to_str())
            .unwrap_or_default();
        let slide = path.components().any(|c| c.as_os_str() == "slides");
        let stem = if slide {
            "slides"
        } else {
            path.file_name()
                .and_then(|n| n.to_str())
                .and_then(|n| n.split('.').next())
                .unwrap_or_default()
        };
        self.formats.wants(ext) && (self.slides || !slide) && self.wants(stem)
    }

    /// These options in another theme: its colours, and the canvas on its background unless
    /// the canvas is transparent; no further themes.
    pub fn in_theme(&self, theme: Theme) -> BuildOptions {
        let mut canvas = self.canvas;
        if canvas.background.is_some() {
            canvas.background = Some(theme.background);
        }
        BuildOptions {
            theme,
            canvas,
            also: Vec::new(),
            only: self.only.clone(),
            ..*self
        }
    }

    /// Every theme of the build, the main one first.
    pub fn themes(&self) -> impl Iterator<Item = &Theme> {
        std::iter::once(&self.theme).chain(&self.also)
    }

    /// The options for `theme`, with the canvas on its background.
    pub fn with_theme(theme: Theme) -> BuildOptions {
        let canvas = Canvas {
            background: Some(theme.background),
            ..Canvas::default()
        };
        BuildOptions {
            theme,
            canvas,
            ..BuildOptions::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_of_a_list_want_only_what_it_names() {
        let f = Formats::of(&[Format::Svg, Format::Md]);
        assert!(f.wants("svg") && f.wants("md") && !f.wants("png") && !f.wants("html"));
        assert!(
            f.wants("txt"),
            "an extra template's output is always wanted"
        );
        assert_eq!(
            Formats::of(&[]),
            Formats {
                md: false,
                html: false,
                svg: false,
                png: false,
                gift: false,
                qti: false,
                pdf: false,
                csv: false,
                oscal: false,
            }
        );
        let all = [
            Format::Md,
            Format::Html,
            Format::Svg,
            Format::Png,
            Format::Gift,
            Format::Qti,
            Format::Pdf,
            Format::Csv,
            Format::Oscal,
        ];
        assert_eq!(Formats::of(&all), Formats::default());
    }

    #[test]
    fn sizes_and_scales_are_checked_not_clamped() {
        assert_eq!("16".parse::<Pixels>(), Ok(Pixels(16)));
        assert_eq!("8192".parse::<Pixels>(), Ok(Pixels(8192)));
        assert!("15".parse::<Pixels>().is_err() && "8193".parse::<Pixels>().is_err());
        assert!(
            "wide"
                .parse::<Pixels>()
                .unwrap_err()
                .contains("not a whole number")
        );
        assert_eq!("2".parse::<Scale>(), Ok(Scale(2.0)));
        assert!("0.2".parse::<Scale>().is_err() && "NaN".parse::<Scale>().is_err());
    }

    #[test]
    fn owns_the_files_its_formats_and_outputs_make() {
        let opts = BuildOptions {
            formats: Formats::of(&[Format::Svg, Format::Png]),
            only: Some(vec!["stack".into(), "slides".into()]),
            ..BuildOptions::default()
        };
        assert!(opts.owns(Path::new("aws/stack.svg")));
        assert!(opts.owns(Path::new("aws/slides/01-stack.png")));
        assert!(!opts.owns(Path::new("aws/matrix.svg")), "not among --only");
        assert!(
            !opts.owns(Path::new("aws/stack.md")),
            "not among the formats"
        );
        let no_slides = BuildOptions {
            slides: false,
            ..opts
        };
        assert!(!no_slides.owns(Path::new("aws/slides/01-stack.png")));
    }
}
