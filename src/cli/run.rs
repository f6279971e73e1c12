//! What build, check, watch, inject and lint share: resolving the settings, loading the models
//! (printing their diagnostics), and building them in memory.

use std::path::{Path, PathBuf};

use super::settings::{Settings, resolve};
use super::{BuildArgs, Exit, fail, plural, report, stop};
use crate::config::ModelFile;
use crate::diag::{Diagnostic, shown};
use crate::limits::Limits;
use crate::render::Renderer;
use crate::words::Words;
use crate::write::Artefact;
use crate::{Loaded, PngJob, load_file_with};

/// A build in memory: every finished file and every PNG still to draw.
pub(super) struct Made {
    pub(super) models: usize,
    /// Model output folders, relative to the output folder.
    pub(super) dirs: Vec<PathBuf>,
    pub(super) files: Vec<Artefact>,
    pub(super) pngs: Vec<PngJob>,
    pub(super) notes: Vec<String>,
    /// Warnings in the models (a build goes on; `lint` shows them).
    pub(super) warnings: usize,
}

impl Made {
    /// Every file the build makes, relative to the output folder.
    pub(super) fn paths(&self) -> Vec<&Path> {
        self.files
            .iter()
            .map(|a| a.path.as_path())
            .chain(self.pngs.iter().map(|p| p.path.as_path()))
            .collect()
    }

    pub(super) fn count(&self) -> usize {
        self.files.len() + self.pngs.len()
    }
}

/// Loads every model file and its translations (every one beside it, or only `lang`'s),
/// printing each one's diagnostics (warnings only when `warnings`).
pub(super) fn load_all(
    files: &[ModelFile],
    limits: &Limits,
    lang: Option<&str>,
    warnings: bool,
) -> Vec<Loaded> {
    let loaded: Vec<Loaded> = files
        .iter()
        .flat_map(|f| with_translations(load_file_with(&f.path, limits, f.links), f, limits, lang))
        .collect();
    for l in &loaded {
        for d in l.diags().iter().filter(|d| warnings || d.is_error()) {
            report(d, Some(&l.source));
        }
    }
    loaded
}

/// A loaded model and the translations a run wants of it: all of them, or `lang`'s only
/// (the model itself for the source language).
fn with_translations(
    base: Loaded,
    file: &ModelFile,
    limits: &Limits,
    lang: Option<&str>,
) -> Vec<Loaded> {
    let Some(model) = base.model() else {
        return vec![base];
    };
    let wanted: Vec<PathBuf> = match lang {
        None => crate::lang::beside(&file.path)
            .into_iter()
            .map(|(_, p)| p)
            .collect(),
        Some(l) if l == model.lang => return vec![base],
        Some(l) => vec![crate::lang::translation_path(&file.path, l)],
    };
    let mut out: Vec<Loaded> = wanted
        .iter()
        .map(|p| crate::lang::load_translation(model, p, limits, file.links))
        .collect();
    if lang.is_none() {
        out.insert(0, base);
    }
    out
}

/// The exit for loaded models with errors: [`Exit::Io`] when a file could not be read.
pub(super) fn exit_of(loaded: &[Loaded]) -> Exit {
    if loaded.iter().any(Loaded::unreadable) {
        Exit::Io
    } else {
        Exit::Invalid
    }
}

/// The models of `settings`, without their warnings (a build prints those): for the commands
/// that fill Markdown regions.
pub(super) fn models_for_regions(settings: &Settings) -> Result<Vec<Loaded>, Exit> {
    load_models(
        &settings.models,
        &settings.limits,
        settings.lang.as_deref(),
        false,
    )
}

/// Loads every model (printing its diagnostics); stops when one is invalid or two share an id.
pub(super) fn load_models(
    files: &[ModelFile],
    limits: &Limits,
    lang: Option<&str>,
    warnings: bool,
) -> Result<Vec<Loaded>, Exit> {
    let loaded = load_all(files, limits, lang, warnings);
    let bad = loaded.iter().filter(|l| l.has_errors()).count();
    if bad > 0 {
        say!(
            "{bad} of {} model{} invalid",
            loaded.len(),
            plural(loaded.len())
        );
        return Err(exit_of(&loaded));
    }
    for (i, l) in loaded.iter().enumerate() {
        let Some(id) = l.model().map(|m| &m.id) else {
            continue;
        };
        if let Some(first) = loaded[..i]
            .iter()
            .find(|o| o.model().is_some_and(|m| &m.id == id))
        {
            let hint = format!(
                "`{}` has it too; ids name output folders, so they must differ",
                shown(&first.path)
            );
            let d = Diagnostic::error(format!("two models have the id `{id}`"))
                .in_file(&l.path)
                .hint(hint);
            return Err(fail(&d, Exit::Invalid));
        }
    }
    Ok(loaded)
}

/// What a run renders with: the templates and the fixed words of the pictures.
pub(super) struct Templates {
    pub renderer: Renderer,
    pub words: Words,
}

impl Templates {
    /// The templates of language `lang`: its bundled set with the templates folder over it.
    /// A language without a bundled set needs a templates folder, or its handouts would mix
    /// languages.
    pub(super) fn for_lang(lang: &str, dir: Option<&Path>) -> Result<Templates, Exit> {
        if dir.is_none() && lang != crate::lang::SOURCE && crate::lang::templates(lang).is_none() {
            let d = Diagnostic::error(format!("no bundled templates in `{lang}`"))
                .hint(format!(
                    "the bundled languages are {}; give --templates DIR with templates and a words.yaml in `{lang}`",
                    crate::lang::bundled().join(", ")
                ));
            return Err(stop(&d));
        }
        let renderer = Renderer::for_lang(lang, dir).map_err(|d| stop(&d))?;
        let words = Words::for_lang(lang, dir).map_err(|d| stop(&d))?;
        Ok(Templates { renderer, words })
    }
}

/// Tells people how many warnings the models have, if any.
pub(super) fn say_warnings(warnings: usize) {
    if warnings > 0 {
        say!(
            "{warnings} warning{} in the models; `demarcate lint` shows {}",
            plural(warnings),
            if warnings == 1 { "it" } else { "them" }
        );
    }
}

/// The settings of a run and the templates it renders with.
pub(super) fn settings_and_templates(args: &BuildArgs) -> Result<(Settings, Templates), Exit> {
    let settings = resolve(args).map_err(|d| stop(&d))?;
    let templates = templates_of(&settings)?;
    Ok((settings, templates))
}

/// The templates a run with `settings` renders with.
pub(super) fn templates_of(settings: &Settings) -> Result<Templates, Exit> {
    let dir = settings.templates.as_deref();
    let renderer = Renderer::new(dir).map_err(|d| stop(&d))?;
    let words = Words::load(dir).map_err(|d| stop(&d))?;
    Ok(Templates { renderer, words })
}

/// The record of the last build, when this run's inputs are the ones it was made from and
/// every file it lists is on disk as it says, with no extra file: then the run knows what a
/// build would make without building. Never in JSON mode (whose consumers get every warning
/// of the models as a diagnostic).
pub(super) fn current_record(
    settings: &Settings,
) -> (Option<String>, Option<super::record::Record>) {
    if super::json_mode() {
        return (None, None);
    }
    let Some(inputs) = super::record::inputs(settings) else {
        return (None, None);
    };
    let out = &settings.output;
    let record = super::record::Record::read(out, &inputs).filter(|r| {
        r.fresh(out)
            && write_extra(settings, &r.paths(), &r.dirs).is_empty()
            && crate::write::scratch_at_top(out).is_empty()
    });
    (Some(inputs), record)
}

/// The files in the model folders `dirs` of the output that a build making `paths` does not
/// make (temporary files of an interrupted build included).
pub(super) fn write_extra(settings: &Settings, paths: &[&Path], dirs: &[PathBuf]) -> Vec<PathBuf> {
    crate::write::extra(&settings.output, paths, dirs, |p| {
        settings.opts.owns(p) || crate::write::is_scratch(p)
    })
}

/// Loads and builds every model in memory.
pub(super) fn make(settings: &Settings, t: &Templates, quiet: bool) -> Result<Made, Exit> {
    // Warnings do not stop a build; JSON consumers get them whole, people a count.
    let lang = settings.lang.as_deref();
    let loaded = load_models(&settings.models, &settings.limits, lang, super::json_mode())?;
    let warnings: usize = loaded.iter().map(|l| l.diags().len()).sum();
    if !quiet && !super::json_mode() {
        say_warnings(warnings);
    }
    let mut made = Made {
        models: loaded.len(),
        dirs: Vec::new(),
        files: Vec::new(),
        pngs: Vec::new(),
        notes: Vec::new(),
        warnings,
    };
    let models: Vec<&crate::model::Model> = loaded.iter().filter_map(Loaded::model).collect();
    // The templates of each other language, once each; then every model on every core.
    let mut langs: Vec<(&str, Templates)> = Vec::new();
    for m in &models {
        if m.lang != crate::lang::SOURCE && !langs.iter().any(|(l, _)| *l == m.lang) {
            langs.push((
                &m.lang,
                Templates::for_lang(&m.lang, settings.templates.as_deref())?,
            ));
        }
    }
    let built: Vec<Result<crate::Built, Diagnostic>> = {
        use rayon::prelude::*;
        models
            .par_iter()
            .map(|m| {
                let t = langs
                    .iter()
                    .find(|(l, _)| *l == m.lang)
                    .map_or(t, |(_, own)| own);
                crate::build(m, &t.renderer, &t.words, &settings.opts)
            })
            .collect()
    };
    for (m, built) in models.iter().zip(built) {
        made.dirs.push(PathBuf::from(m.id.as_str()));
        let built = built.map_err(|d| fail(&d, Exit::Invalid))?;
        made.files.extend(built.files);
        made.pngs.extend(built.pngs);
        made.notes.extend(built.notes);
    }
    Ok(made)
}
