//! demarcate turns a YAML model of a cloud shared-responsibility split into Markdown and HTML
//! handouts, SVG diagrams and PNG slide images.
//!
//! The pipeline runs in one direction; each stage takes the previous stage's value:
//!
//! 1. **load** ([`load`]): file → YAML node tree with positions → raw model ([`load::raw`]).
//! 2. **validate** ([`validate`]): raw model → [`model::Model`] (checked ids, resolved
//!    references, every cell owned) plus diagnostics ([`diag`]).
//! 3. **layout** ([`layout`]): model + bundled font ([`fonts`]) → a [`layout::Scene`] per
//!    diagram, every box and text line measured.
//! 4. **render** ([`render`]): scenes and the model through tera templates → SVG, Markdown and
//!    HTML strings.
//! 5. **raster** ([`raster`]): SVG → PNG with resvg and the same font.
//! 6. **write** ([`write`]): artefacts → `output/<model-id>/…`, atomically, changed files only.
//!
//! [`build`] runs stages 3–5 for one model and returns the artefacts in memory; the CLI
//! ([`cli`]) loads, builds and writes.

#![forbid(unsafe_code)]

pub mod cli;
pub mod config;
pub mod diag;
pub mod files;
pub mod fonts;
pub mod inject;
pub mod layout;
pub mod limits;
pub mod load;
pub mod model;
pub mod raster;
pub mod render;
pub mod schema;
pub mod starter;
pub mod theme;
pub mod validate;
pub mod words;
pub mod write;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use diag::{Diagnostic, Warned};
use files::Links;
use layout::Scene;
use limits::Limits;
use model::Model;
use raster::Canvas;
use render::Renderer;
use theme::Theme;
use write::Artefact;

/// One model file after loading: its text (for showing diagnostics), and either the valid model
/// with its warnings or every error found, each with the file set and in source order.
#[derive(Debug)]
pub struct Loaded {
    pub path: PathBuf,
    pub source: String,
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
/// read ([`load::raw`]), then validate ([`validate::validate`]). The reader's errors and the
/// validator's are reported together, so one run shows every problem.
pub fn load_str_with(path: &Path, text: String, limits: &Limits) -> Loaded {
    let result = load::raw(&text, limits)
        .map_err(|d| vec![d])
        .and_then(|(raw, mut errors)| match validate::validate(&raw, limits) {
            Ok(valid) if errors.is_empty() => Ok(valid),
            Ok(_) => Err(errors),
            Err(more) => {
                errors.extend(more);
                Err(errors)
            }
        });
    let in_file = |diags: Vec<Diagnostic>| {
        let mut diags: Vec<Diagnostic> = diags.into_iter().map(|d| d.in_file(path)).collect();
        diags.sort_by_key(|d| (d.pos, d.severity));
        diags
    };
    let result = match result {
        Ok(w) => Ok(Warned {
            value: w.value,
            warnings: in_file(w.warnings),
        }),
        Err(errors) => Err(in_file(errors)),
    };
    Loaded {
        path: path.to_path_buf(),
        source: text,
        result,
    }
}

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
    pub fn owns(&self, path: &std::path::Path) -> bool {
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

/// One picture of a model: its file stem, its template and its scene.
struct Picture {
    name: String,
    template: &'static str,
    scene: Scene,
}

/// The pictures of a model, in the order they are listed: stack, one stack per service,
/// matrix, shift.
fn pictures(
    model: &Model,
    theme: &Theme,
    words: &words::Words,
    keep: impl Fn(&str) -> bool,
) -> Vec<Picture> {
    let mut out = Vec::new();
    for name in picture_names(model) {
        if !keep(&name) {
            continue;
        }
        let (template, scene) = match name.as_str() {
            "stack" => ("stack.svg", layout::stack::stack(model, None, theme, words)),
            "matrix" => ("matrix.svg", layout::matrix::matrix(model, theme, words)),
            "shift" => ("shift.svg", layout::shift::shift(model, theme, words)),
            other => {
                let id = other.strip_prefix("stack-").unwrap_or(other);
                let s = model
                    .service_ixs()
                    .find(|s| model.services[s.0].id.as_str() == id)
                    .expect("a service's picture");
                (
                    "stack.svg",
                    layout::stack::stack(model, Some(s), theme, words),
                )
            }
        };
        out.push(Picture {
            name,
            template,
            scene,
        });
    }
    out
}

/// The names of a model's pictures, in order: stack, one stack per service, matrix, shift.
pub fn picture_names(model: &Model) -> Vec<String> {
    let mut names = vec!["stack".to_string()];
    names.extend(model.services.iter().map(|s| format!("stack-{}", s.id)));
    names.extend(["matrix".to_string(), "shift".to_string()]);
    names
}

/// A PNG still to draw: its file, the SVG it shows, and its [`raster::key`].
#[derive(Debug, Clone)]
pub struct PngJob {
    pub path: PathBuf,
    pub svg: String,
    pub key: String,
}

/// One model's outputs in memory: the finished files, and the PNGs to draw (drawing is by far
/// the dearest step, so the caller draws only those not already current on disk).
#[derive(Debug, Default)]
pub struct Built {
    pub files: Vec<Artefact>,
    pub pngs: Vec<PngJob>,
    /// Things worth telling the user, e.g. slides left out of a very large model.
    pub notes: Vec<String>,
}

/// The most presenting steps one slide sequence may have; a larger model gets no slides for
/// that picture (nobody presents 200 build steps), and a note says so.
pub const MAX_SLIDES: u32 = 24;

/// Builds every output of one model in memory, except the drawing of PNGs: pictures, slides,
/// documents. See [`draw`].
pub fn build(model: &Model, renderer: &Renderer, opts: &BuildOptions) -> Result<Built, Diagnostic> {
    let dir = PathBuf::from(model.id.as_str());
    let names = picture_names(model);
    let stem = |file: &str| file.split('.').next().unwrap_or_default().to_string();
    let documents = opts.wants("handout") || renderer.extra.iter().any(|e| opts.wants(&stem(e)));
    let slides = opts.slides && opts.wants("slides");
    let keep = |name: &str| {
        documents || opts.wants(name) || (slides && (name == "stack" || name == "shift"))
    };
    let pics = pictures(model, &opts.theme, &renderer.words, keep);
    if let Some(only) = &opts.only {
        let mut known: Vec<&str> = names
            .iter()
            .map(|p| p.as_str())
            .chain(["handout", "slides"])
            .collect();
        known.extend(
            renderer
                .extra
                .iter()
                .map(|e| e.split('.').next().unwrap_or_default()),
        );
        if let Some(unknown) = only.iter().find(|o| !known.contains(&o.as_str())) {
            let hint = diag::suggest(unknown, known.iter().copied(), || {
                format!("outputs of `{}`: {}", model.id, known.join(", "))
            });
            return Err(Diagnostic::error(format!(
                "`--only {unknown}` names no output of `{}`",
                model.id
            ))
            .hint(hint));
        }
    }
    let transparent = opts.canvas.background.is_none();
    let mut built = Built::default();
    let mut inline = Vec::new();
    let mut png_sources: Vec<(PathBuf, String)> = Vec::new();
    for p in &pics {
        let svg = renderer.svg(p.template, &p.scene, &p.name, false)?;
        let file_svg = if opts.outline_text {
            raster::outline_text(&svg, &p.scene.title, &p.scene.desc)
                .map_err(|e| draw_error(&p.name, &e))?
        } else {
            svg.clone()
        };
        if opts.wants(&p.name) {
            built.files.push(Artefact {
                path: dir.join(format!("{}.svg", p.name)),
                bytes: file_svg.into_bytes(),
            });
        }
        if opts.formats.png && opts.wants(&p.name) {
            let png_svg = if transparent {
                renderer.svg(p.template, &p.scene, &p.name, true)?
            } else {
                svg.clone()
            };
            png_sources.push((dir.join(format!("{}.png", p.name)), png_svg));
        }
        inline.push((p.name.clone(), svg));
    }
    if opts.formats.png && opts.slides && opts.wants("slides") {
        let mut number = 0;
        for p in pics
            .iter()
            .filter(|p| p.name == "stack" || p.name == "shift")
        {
            let steps = p.scene.steps();
            if steps + 1 > MAX_SLIDES {
                built.notes.push(format!(
                    "{}: no slides for {} ({} steps, more than {MAX_SLIDES})",
                    model.id,
                    p.name,
                    steps + 1
                ));
                continue;
            }
            for k in 0..=steps {
                number += 1;
                let file = dir
                    .join("slides")
                    .join(format!("{number:02}-{}.png", p.name));
                png_sources.push((
                    file,
                    renderer.svg(
                        p.template,
                        &p.scene.step(k),
                        &format!("{}-{k}", p.name),
                        transparent,
                    )?,
                ));
            }
        }
    }
    built.pngs = png_sources
        .into_iter()
        .map(|(path, svg)| PngJob {
            key: raster::key(&svg, opts.canvas),
            path,
            svg,
        })
        .collect();
    let view = render::view::View::new(model, &opts.theme, &renderer.words);
    let docs = ["handout.md", "handout.html"]
        .into_iter()
        .map(str::to_string)
        .chain(renderer.extra.iter().cloned());
    for doc in docs.filter(|d| opts.wants(d.split('.').next().unwrap_or_default())) {
        let text = renderer.document(&doc, &view, &inline)?;
        built.files.push(Artefact {
            path: dir.join(&doc),
            bytes: text.into_bytes(),
        });
    }
    built.files.retain(|a| {
        opts.formats.wants(
            a.path
                .extension()
                .and_then(|x| x.to_str())
                .unwrap_or_default(),
        )
    });
    built.files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(built)
}

/// Draws PNG jobs on every core; the results keep the jobs' order.
pub fn draw(jobs: &[PngJob], canvas: Canvas) -> Result<Vec<Artefact>, Diagnostic> {
    jobs.par_iter()
        .map(|j| {
            let bytes = raster::png(&j.svg, canvas)
                .map_err(|e| draw_error(&j.path.display().to_string(), &e))?;
            Ok(Artefact {
                path: j.path.clone(),
                bytes,
            })
        })
        .collect()
}

fn draw_error(name: &str, e: &str) -> Diagnostic {
    Diagnostic::error(format!("cannot draw {name}: {e}")).hint(
        "with --templates, check the SVG templates there; with the bundled templates this is a bug in demarcate: please report it with the model",
    )
}
