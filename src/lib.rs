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
pub mod diag;
pub mod fonts;
pub mod layout;
pub mod load;
pub mod model;
pub mod raster;
pub mod render;
pub mod schema;
pub mod starter;
pub mod theme;
pub mod validate;
pub mod write;

use std::path::PathBuf;

use diag::Diagnostic;
use model::Model;
use render::Renderer;
use theme::Theme;
use write::Artefact;

/// How to build. Default: see [`BuildOptions::default`].
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// PNG width in pixels. Default: 1920.
    pub png_width: u32,
    /// The colours. Default: light.
    pub theme: Theme,
}

impl Default for BuildOptions {
    fn default() -> Self {
        BuildOptions {
            png_width: 1920,
            theme: Theme::light(),
        }
    }
}

/// Builds every artefact of one model in memory: pictures (SVG and PNG), then documents.
pub fn build(
    model: &Model,
    renderer: &Renderer,
    opts: &BuildOptions,
) -> Result<Vec<Artefact>, Diagnostic> {
    let dir = PathBuf::from(model.id.as_str());
    let mut scenes = vec![(
        "stack".to_string(),
        "stack.svg",
        layout::stack::stack(model, None, &opts.theme),
    )];
    for s in model.service_ixs() {
        let name = format!("stack-{}", model.services[s.0].id);
        scenes.push((
            name,
            "stack.svg",
            layout::stack::stack(model, Some(s), &opts.theme),
        ));
    }
    scenes.push((
        "matrix".to_string(),
        "matrix.svg",
        layout::matrix::matrix(model, &opts.theme),
    ));

    let mut svgs = Vec::new();
    let mut out = Vec::new();
    for (name, template, scene) in &scenes {
        let svg = renderer.svg(template, scene, name)?;
        let png = raster::png(&svg, opts.png_width).map_err(|e| {
            Diagnostic::error(format!("cannot draw {name}.png: {e}"))
                .hint("check the SVG templates given with --templates")
        })?;
        out.push(Artefact {
            path: dir.join(format!("{name}.svg")),
            bytes: svg.clone().into_bytes(),
        });
        out.push(Artefact {
            path: dir.join(format!("{name}.png")),
            bytes: png,
        });
        svgs.push((name.clone(), svg));
    }
    let view = render::view::View::new(model, &opts.theme);
    let docs = ["handout.md", "handout.html"]
        .into_iter()
        .map(str::to_string)
        .chain(renderer.extra.iter().cloned());
    for doc in docs {
        let text = renderer.document(&doc, &view, &svgs)?;
        out.push(Artefact {
            path: dir.join(&doc),
            bytes: text.into_bytes(),
        });
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}
