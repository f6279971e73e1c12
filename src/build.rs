//! Stages 3–5 for one model: lay out its pictures, render them and its documents, and list the
//! PNGs to draw; [`draw`] rasterises those on every core.

use std::path::{Path, PathBuf};

mod only;

use crate::diag::Diagnostic;
use crate::draw::draw_error;
use crate::layout::Scene;
use crate::model::Model;
use crate::options::BuildOptions;
use crate::picture::Picture;
use crate::raster;
use crate::render::{Named, Renderer, Schemes, view::View};
use crate::words::Words;
use crate::write::Artefact;

/// A PNG still to draw: its file, the SVG it shows, and its [`raster::key`].
#[derive(Debug, Clone)]
pub struct PngJob {
    /// The PNG's path under the output folder.
    pub path: PathBuf,
    /// The SVG the PNG is drawn from.
    pub svg: String,
    /// The stamp the drawn PNG carries, from its SVG and canvas.
    pub key: String,
}

/// One model's outputs in memory: the finished files, and the PNGs to draw (drawing is by far
/// the dearest step, so the caller draws only those not already current on disk).
#[derive(Debug, Default)]
pub struct Built {
    /// Finished files, by path under the output folder.
    pub files: Vec<Artefact>,
    /// PNGs still to draw, by path under the output folder.
    pub pngs: Vec<PngJob>,
    /// Things worth telling the user, e.g. slides left out of a very large model.
    pub notes: Vec<String>,
}

/// The most presenting steps one slide sequence may have; a larger model gets no slides for
/// that picture (nobody presents 200 build steps), and a note says so.
pub const MAX_SLIDES: u32 = 24;

/// A picture laid out: which one, its file stem, and its scene.
struct Laid {
    picture: Picture,
    name: String,
    scene: Scene,
    /// For a page of a picture (`matrix-2`), the picture's name (`matrix`): what `--only`
    /// names, and what documents inline.
    page_of: Option<String>,
}

/// The file stem of a template or output name: `handout` of `handout.md`.
fn stem(file: &str) -> &str {
    file.split('.').next().unwrap_or_default()
}

/// Builds every output of one model in memory, except the drawing of PNGs: pictures, slides,
/// documents. See [`draw`].
pub fn build(
    model: &Model,
    renderer: &Renderer,
    words: &Words,
    opts: &BuildOptions,
) -> Result<Built, Diagnostic> {
    only::check_only(model, renderer, opts)?;
    let dir = PathBuf::from(model.id.as_str());
    let laid = lay_out(model, renderer, words, opts);
    let mut built = Built::default();
    let mut pngs = Vec::new();
    // The pages each picture is drawn in, for the handouts to link: (picture, page).
    let pages: Vec<(String, String)> = laid
        .iter()
        .filter(|_| opts.formats.svg)
        .filter_map(|p| Some((p.page_of.clone()?, p.name.clone())))
        .collect();
    let inline = picture_files(
        &laid,
        (&dir, &model.lang, ""),
        renderer,
        opts,
        (&mut built.files, &mut pngs),
        &mut built.notes,
    )?;
    let mut by_theme = vec![(opts.theme.name, inline.clone())];
    by_theme.extend(other_themes(
        model,
        (renderer, words),
        opts,
        &dir,
        (&mut built.files, &mut pngs),
    )?);
    limit_stack_pngs(model, opts, &mut pngs, &mut built.notes);
    if (opts.formats.png || opts.formats.pdf) && opts.slides && opts.wants("slides") {
        let steps = slides(model, &laid, &dir, renderer, opts, &mut built.notes)?;
        if opts.formats.pdf && !steps.is_empty() {
            built.files.push(deck(model, &dir, &steps, opts)?);
        }
        if opts.formats.png {
            pngs.extend(steps);
        }
    }
    built.pngs = pngs
        .into_iter()
        .map(|(path, svg)| PngJob {
            key: raster::key(&svg, opts.canvas),
            path,
            svg,
        })
        .collect();
    built.files.extend(documents(
        model,
        &dir,
        renderer,
        words,
        opts,
        (&inline, pages),
        schemes(&by_theme),
    )?);
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

/// Past `--max-stack-pngs`, the per-service stacks stay SVG (one named in `--only` is still
/// drawn), and a note says so.
fn limit_stack_pngs(
    model: &Model,
    opts: &BuildOptions,
    pngs: &mut Vec<(PathBuf, String)>,
    notes: &mut Vec<String>,
) {
    if model.services.len() > opts.max_stack_pngs {
        let before = pngs.len();
        pngs.retain(|(path, _)| {
            let stem = path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or_default();
            !stem.starts_with("stack-")
                || opts
                    .only
                    .as_ref()
                    .is_some_and(|o| o.iter().any(|n| n == stem))
        });
        if pngs.len() < before {
            notes.push(format!(
                "{}: per-service stacks as SVG only ({} services, more than --max-stack-pngs {}); name one with --only stack-<service> to draw its PNG",
                model.id,
                model.services.len(),
                opts.max_stack_pngs
            ));
        }
    }
}

/// The slides as one PDF.
fn deck(
    model: &Model,
    dir: &Path,
    steps: &[(PathBuf, String)],
    opts: &BuildOptions,
) -> Result<Artefact, Diagnostic> {
    let svgs: Vec<String> = steps.iter().map(|(_, svg)| svg.clone()).collect();
    let meta = crate::pdf::Meta {
        title: &model.title,
        lang: &model.lang,
    };
    Ok(Artefact {
        path: dir.join("slides.pdf"),
        bytes: crate::pdf::deck(&svgs, opts.canvas, meta)
            .map_err(|e| draw_error("slides.pdf", &e))?,
    })
}

/// The pictures the build needs, laid out: those wanted, those the documents show, and those
/// the slides step through.
fn lay_out(model: &Model, renderer: &Renderer, words: &Words, opts: &BuildOptions) -> Vec<Laid> {
    let documents = opts.wants("handout") || renderer.extra.iter().any(|e| opts.wants(stem(e)));
    let slides = opts.slides && opts.wants("slides");
    Picture::all(model)
        .into_iter()
        .map(|picture| (picture, picture.name(model)))
        .filter(|(p, name)| documents || opts.wants(name) || (slides && p.has_slides()))
        .flat_map(|(picture, name)| {
            let scene = picture.layout(model, &opts.theme, words);
            // A matrix too large for a slide is also drawn as legible pages.
            let pages = match picture {
                _ if scene.legible_on_a_slide() => Vec::new(),
                Picture::Matrix => crate::layout::pages::matrix_pages(model, &opts.theme, words),
                Picture::Shift => crate::layout::pages::shift_pages(model, &opts.theme, words),
                _ => Vec::new(),
            };
            let pages = pages.into_iter().enumerate().map(|(i, scene)| Laid {
                picture,
                scene,
                name: format!("{name}-{}", i + 1),
                page_of: Some(name.clone()),
            });
            std::iter::once(Laid {
                picture,
                scene,
                name: name.clone(),
                page_of: None,
            })
            .chain(pages.collect::<Vec<_>>())
        })
        .collect()
}

/// The pictures in each further theme, beside the main theme's (`stack.dark.svg`); returns
/// each theme's inlined pictures. Their notes would repeat the main theme's.
fn other_themes(
    model: &Model,
    (renderer, words): (&Renderer, &Words),
    opts: &BuildOptions,
    dir: &Path,
    (files, pngs): (&mut Vec<Artefact>, &mut Vec<(PathBuf, String)>),
) -> Result<Vec<(&'static str, Vec<Named>)>, Diagnostic> {
    let mut out = Vec::new();
    for theme in &opts.also {
        let alt = opts.in_theme(theme.clone());
        let laid = lay_out(model, renderer, words, &alt);
        let suffix = format!(".{}", theme.name);
        let svgs = picture_files(
            &laid,
            (dir, &model.lang, &suffix),
            renderer,
            &alt,
            (&mut *files, &mut *pngs),
            &mut Vec::new(),
        )?;
        out.push((theme.name, svgs));
    }
    Ok(out)
}

/// The pictures for readers who prefer a light and a dark colour scheme, when the build has a
/// dark theme and another: (light, dark). The light one is the first theme that is not dark.
fn schemes<'a>(by_theme: &'a [(&str, Vec<Named>)]) -> Schemes<'a> {
    let dark = by_theme.iter().find(|(name, _)| *name == "dark")?;
    let light = by_theme.iter().find(|(name, _)| *name != "dark")?;
    Some((&light.1, &dark.1))
}

/// Renders each picture: its SVG file when wanted, its PNG source when wanted; returns every
/// picture's SVG by name, for the documents to inline. `suffix` goes between a file's stem and
/// its extension (`.dark` for a further theme's `stack.dark.svg`).
fn picture_files(
    laid: &[Laid],
    (dir, lang, suffix): (&Path, &str, &str),
    renderer: &Renderer,
    opts: &BuildOptions,
    (files, pngs): (&mut Vec<Artefact>, &mut Vec<(PathBuf, String)>),
    notes: &mut Vec<String>,
) -> Result<Vec<(String, String)>, Diagnostic> {
    let transparent = opts.canvas.background.is_none();
    let mut inline = Vec::new();
    let mut illegible: Vec<String> = Vec::new();
    for p in laid {
        let template = p.picture.template();
        // Element ids stay unique when several themes' pictures share a page.
        let prefix = format!("{}{}", p.name, suffix.replace('.', "-"));
        let svg = renderer.svg(template, &p.scene, &prefix, false)?;
        if opts.wants(p.page_of.as_deref().unwrap_or(&p.name)) {
            let file_svg = if opts.outline_text {
                raster::outline_text(&svg, &p.scene.title, &p.scene.desc)
                    .map_err(|e| draw_error(&p.name, &e))?
            } else {
                svg.clone()
            };
            files.push(Artefact {
                path: dir.join(format!("{}{suffix}.svg", p.name)),
                bytes: file_svg.into_bytes(),
            });
            if opts.formats.pdf {
                let meta = crate::pdf::Meta {
                    title: &p.scene.title,
                    lang,
                };
                files.push(Artefact {
                    path: dir.join(format!("{}{suffix}.pdf", p.name)),
                    bytes: crate::pdf::picture(&svg, meta).map_err(|e| draw_error(&p.name, &e))?,
                });
            }
            if opts.formats.png && !p.scene.legible_on_a_slide() {
                illegible.push(format!("{} {:.0} px", p.name, p.scene.slide_text_px()));
            } else if opts.formats.png {
                let png_svg = if transparent {
                    renderer.svg(template, &p.scene, &prefix, true)?
                } else {
                    svg.clone()
                };
                pngs.push((dir.join(format!("{}{suffix}.png", p.name)), png_svg));
            }
        }
        if p.page_of.is_none() {
            inline.push((p.name.clone(), svg));
        }
    }
    for picture in ["matrix", "shift"] {
        let pages: Vec<&str> = laid
            .iter()
            .filter(|p| p.page_of.as_deref() == Some(picture))
            .map(|p| p.name.as_str())
            .collect();
        if let (Some(first), Some(last)) = (pages.first(), pages.last()) {
            notes.push(format!(
                "{}: the {picture} picture is also drawn as {} pages that read on a slide ({first} to {last})",
                dir.display(),
                pages.len()
            ));
        }
    }
    if !illegible.is_empty() {
        let n = illegible.len();
        let shown: Vec<&str> = illegible.iter().take(3).map(String::as_str).collect();
        let more = if n > 3 {
            format!(", and {} more", n - 3)
        } else {
            String::new()
        };
        notes.push(format!(
            "{}: {n} picture{} as SVG only, their text under {} px on a slide ({}{more})",
            dir.display(),
            if n == 1 { "" } else { "s" },
            crate::layout::LEGIBLE_PX,
            shown.join(", ")
        ));
    }
    Ok(inline)
}

/// The PNG sources of the presenting steps, numbered across the pictures that have slides; a
/// picture with more than [`MAX_SLIDES`] steps gets none, and a note.
fn slides(
    model: &Model,
    laid: &[Laid],
    dir: &Path,
    renderer: &Renderer,
    opts: &BuildOptions,
    notes: &mut Vec<String>,
) -> Result<Vec<(PathBuf, String)>, Diagnostic> {
    let transparent = opts.canvas.background.is_none();
    let mut out = Vec::new();
    let mut number = 0;
    // Pages are for reading; a talk presents the whole picture, or nothing.
    for p in laid
        .iter()
        .filter(|p| p.picture.has_slides() && p.page_of.is_none())
    {
        if !p.scene.legible_on_a_slide() {
            notes.push(format!(
                "{}: no slides for {} (text too small on a slide)",
                model.id, p.name
            ));
            continue;
        }
        let steps = p.scene.steps();
        if steps + 1 > MAX_SLIDES {
            notes.push(format!(
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
            let svg = renderer.svg(
                p.picture.template(),
                &p.scene.step(k),
                &format!("{}-{k}", p.name),
                transparent,
            )?;
            out.push((file, svg));
        }
    }
    Ok(out)
}

/// The wanted documents: the handout in Markdown and HTML, and the user's extra templates.
fn documents(
    model: &Model,
    dir: &Path,
    renderer: &Renderer,
    words: &Words,
    opts: &BuildOptions,
    (inline, pages): (&[Named], Vec<Named>),
    schemes: Schemes<'_>,
) -> Result<Vec<Artefact>, Diagnostic> {
    let mut view = View::new(model, &opts.theme, words);
    let of = |picture: &str| {
        pages
            .iter()
            .filter(|(p, _)| p == picture)
            .map(|(_, name)| name.clone())
            .collect()
    };
    view.matrix_pages = of("matrix");
    view.shift_pages = of("shift");
    let mut out = crate::lms::files(dir, renderer, &view, opts)?;
    out.extend(crate::export::files(model, dir, opts)?);
    let handouts: Result<Vec<Artefact>, Diagnostic> = ["handout.md", "handout.html"]
        .into_iter()
        .map(str::to_string)
        .chain(renderer.extra.iter().cloned())
        .filter(|d| opts.wants(stem(d)))
        .map(|doc| {
            let text = renderer.document_in(&doc, &view, inline, schemes)?;
            Ok(Artefact {
                path: dir.join(&doc),
                bytes: text.into_bytes(),
            })
        })
        .collect();
    out.splice(0..0, handouts?);
    if opts.formats.pdf && opts.wants("handout") {
        let text = renderer.document("handout.md", &view, inline)?;
        let meta = crate::pdf::Meta {
            title: &model.title,
            lang: &model.lang,
        };
        out.push(Artefact {
            path: dir.join("handout.pdf"),
            bytes: crate::pdf::typeset::handout(&text, inline, opts.paper, meta)
                .map_err(|e| draw_error("handout.pdf", &e))?,
        });
    }
    Ok(out)
}

#[cfg(test)]
#[path = "build_tests.rs"]
mod tests;
