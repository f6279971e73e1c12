//! demarcate turns a YAML model of a cloud shared-responsibility split into Markdown and HTML
//! handouts, SVG diagrams and PNG slide images.
//!
//! The pipeline runs in one direction; each stage takes the previous stage's value:
//!
//! 1. **load** ([`load`]): file → text ([`load::read_text`]) → YAML node tree with positions
//!    → raw model ([`load::parse`]).
//! 2. **validate** ([`validate`]): raw model → [`model::Model`] with its warnings (checked ids,
//!    resolved references, every cell owned), or every error ([`diag`]).
//!
//! [`load_file`] and [`load_str`] compose stages 1 and 2.
//!
//! 3. **layout** ([`layout`]): model + bundled font ([`fonts`]) → a [`layout::Scene`] per
//!    diagram, every box and text line measured.
//! 4. **render** ([`render`]): scenes and the model through tera templates → SVG, Markdown and
//!    HTML strings.
//! 5. **raster** ([`raster`]): SVG → PNG with resvg and the same font.
//! 6. **write** ([`mod@write`]): artefacts → `output/<model-id>/…`, atomically, changed files only.
//!
//! [`build()`] runs stages 3–4 for one model and returns the files in memory with the PNGs
//! still to draw; [`draw`] runs stage 5. The CLI ([`cli`]) loads, builds, draws and writes.

#![forbid(unsafe_code)]

mod build;
pub mod cli;
pub mod config;
pub mod confine;
pub mod diag;
pub mod diff;
mod draw;
pub mod export;
pub mod files;
pub mod fonts;
pub mod import;
pub mod inject;
pub mod lang;
pub mod layout;
pub mod limits;
pub mod lms;
pub mod load;
pub mod model;
mod options;
pub mod pdf;
pub mod picture;
pub mod raster;
pub mod render;
pub mod schema;
pub mod starter;
#[cfg(test)]
mod testing;
pub mod theme;
pub mod validate;
pub mod words;
pub mod write;

use std::path::{Path, PathBuf};

use diag::{Diagnostic, Warned};
use files::Links;
use limits::Limits;
use model::Model;

pub use build::{Built, MAX_SLIDES, PngJob, build};
pub use draw::{DrawFailure, draw};
pub use model::PictureKind;
pub use options::{
    Background, BuildOptions, Format, Formats, MAX_STACK_PNGS, Paper, Pixels, Scale, ThemeName,
};

/// One model file after loading: its text (for showing diagnostics), and either the valid model
/// with its warnings or every error found, each with the file set and in source order.
#[derive(Debug)]
pub struct Loaded {
    /// The file as named.
    pub path: PathBuf,
    /// Its text; empty when it could not be read.
    pub source: String,
    /// The valid model with its warnings, or the errors.
    pub result: Result<Warned<Model>, Vec<Diagnostic>>,
}

impl Loaded {
    /// The model, when it is valid.
    pub fn model(&self) -> Option<&Model> {
        self.result.as_ref().ok().map(|w| &w.value)
    }

    /// The warnings of a valid model, or the errors of an invalid one.
    pub fn diags(&self) -> &[Diagnostic] {
        match &self.result {
            Ok(w) => &w.warnings,
            Err(errors) => errors,
        }
    }

    /// Whether the model is invalid (or could not be read).
    pub fn has_errors(&self) -> bool {
        self.result.is_err()
    }

    /// Whether the file could not be read at all (exit 3 rather than 2).
    pub fn unreadable(&self) -> bool {
        self.result.as_ref().is_err_and(|e| e.iter().any(|d| d.io))
    }
}

/// Stages 1 and 2 for the model at `path`, with the default limits, following a link.
pub fn load_file(path: &Path) -> Loaded {
    load_file_with(path, &Limits::default(), Links::Follow)
}

/// Stages 1 and 2 for the model at `path`: read (see [`load::read_text`]), parse, validate.
pub fn load_file_with(path: &Path, limits: &Limits, links: Links) -> Loaded {
    match load::read_text(path, limits, links) {
        Ok(text) => load_str_with(path, text, limits),
        Err(d) => Loaded {
            path: path.to_path_buf(),
            source: String::new(),
            result: Err(vec![d.in_file(path)]),
        },
    }
}

/// Stages 1 and 2 for model `text` that came from `path` (used for messages only), with the
/// default limits.
pub fn load_str(path: &Path, text: String) -> Loaded {
    load_str_with(path, text, &Limits::default())
}

/// Stages 1 and 2 for model `text` that came from `path` (used for messages only): parse and
/// read ([`load::parse`]), then validate ([`validate::validate`]). The reader's errors and the
/// validator's are reported together, so one run shows every problem.
pub fn load_str_with(path: &Path, text: String, limits: &Limits) -> Loaded {
    let result = load::parse(&text, limits)
        .map_err(|d| vec![d])
        .and_then(|(raw, mut errors)| match validate::validate(&raw, limits) {
            Ok(valid) if errors.is_empty() => Ok(valid),
            Ok(_) => Err(errors),
            Err(more) => {
                errors.extend(more);
                Err(errors)
            }
        });
    Loaded {
        path: path.to_path_buf(),
        source: text,
        result: in_file_sorted(result, path),
    }
}

/// The diagnostics of a load, each with the file set, in source order.
fn in_file_sorted(
    result: Result<Warned<Model>, Vec<Diagnostic>>,
    path: &Path,
) -> Result<Warned<Model>, Vec<Diagnostic>> {
    let in_file = |diags: Vec<Diagnostic>| {
        let mut diags: Vec<Diagnostic> = diags.into_iter().map(|d| d.in_file(path)).collect();
        diags.sort_by_key(|d| (d.pos, d.severity));
        diags
    };
    match result {
        Ok(w) => Ok(Warned {
            value: w.value,
            warnings: in_file(w.warnings),
        }),
        Err(errors) => Err(in_file(errors)),
    }
}
