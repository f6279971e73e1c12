//! How to build: the options a build takes, resolved from flags, `demarcate.toml` and
//! defaults by the CLI.

use std::path::Path;

use crate::diag::{self, Diagnostic};
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
}

/// The kinds of output file. Default: all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Formats {
    pub md: bool,
    pub html: bool,
    pub svg: bool,
    pub png: bool,
}

impl Default for Formats {
    fn default() -> Self {
        Formats {
            md: true,
            html: true,
            svg: true,
            png: true,
        }
    }
}

impl Formats {
    pub const NAMES: &[&str] = &["md", "html", "svg", "png"];

    /// Parses names such as `md`, `svg`; an unknown name is an error with the nearest one.
    pub fn parse<'a>(names: impl IntoIterator<Item = &'a str>) -> Result<Formats, Diagnostic> {
        let mut f = Formats {
            md: false,
            html: false,
            svg: false,
            png: false,
        };
        for name in names {
            match name.trim() {
                "md" => f.md = true,
                "html" => f.html = true,
                "svg" => f.svg = true,
                "png" => f.png = true,
                other => {
                    let hint = diag::suggest(other, Self::NAMES.iter().copied(), || {
                        format!("formats are {}", Self::NAMES.join(", "))
                    });
                    return Err(Diagnostic::error(format!("unknown format `{other}`")).hint(hint));
                }
            }
        }
        Ok(f)
    }

    /// Whether a file with extension `ext` is wanted; other extensions (user templates' extra
    /// outputs) always are.
    pub fn wants(&self, ext: &str) -> bool {
        match ext {
            "md" => self.md,
            "html" => self.html,
            "svg" => self.svg,
            "png" => self.png,
            _ => true,
        }
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
