//! Flags over `demarcate.toml` over defaults: what one run builds and how.

use std::path::PathBuf;

use super::BuildArgs;
use crate::config::{self, Found, ModelFile};
use crate::diag::Diagnostic;
use crate::{Background, BuildOptions, Formats, ThemeName};

/// Everything a build, check, watch or inject run needs.
#[derive(Debug, Clone)]
pub(super) struct Settings {
    pub(super) models: Vec<ModelFile>,
    pub(super) output: PathBuf,
    pub(super) templates: Option<PathBuf>,
    pub(super) opts: BuildOptions,
    /// The config file in force, if any (watched by `watch`).
    pub(super) config: Option<PathBuf>,
    pub(super) limits: crate::limits::Limits,
    /// Only this language (`--lang`); `None`: every model and every translation beside it.
    pub(super) lang: Option<String>,
}

/// Resolves the settings of a run.
pub(super) fn resolve(args: &BuildArgs) -> Result<Settings, Diagnostic> {
    let found = config::load(args.input.config.as_deref())?;
    let c = &found.config;
    let models = if !args.models.is_empty() {
        config::expand(&args.models, !args.models_listed)?
    } else if let Some(list) = &c.models {
        let paths = list
            .iter()
            .enumerate()
            .map(|(i, m)| found.path(m, &format!("models[{i}]")))
            .collect::<Result<Vec<_>, _>>()?;
        config::expand(&paths, false)?
    } else {
        default_models(&found)?
    };
    let output = match (&args.output, &c.output) {
        (Some(o), _) => o.clone(),
        (None, Some(o)) => found.path(o, "output")?,
        (None, None) => found.default_path("output")?,
    };
    let templates = match (&args.input.templates, &c.templates) {
        (Some(t), _) => Some(t.clone()),
        (None, Some(t)) => Some(found.path(t, "templates")?),
        (None, None) => None,
    };
    let themes = themes(&args.theme, c.theme.as_ref())?;
    let mut opts = BuildOptions::with_theme(themes[0].theme());
    opts.also = themes[1..].iter().map(|t| t.theme()).collect();
    let png = c.png.clone().unwrap_or_default();
    opts.canvas.width = args.width.or(png.width).map_or(1920, |p| p.0);
    opts.canvas.height = args.height.or(png.height).map_or(1080, |p| p.0);
    opts.canvas.scale = args.scale.or(png.scale).map_or(1.0, |s| s.0);
    if args.background.or(png.background) == Some(Background::Transparent) {
        opts.canvas.background = None;
    }
    opts.canvas.compression = args.png_compression.or(png.compression).unwrap_or_default();
    opts.outline_text = args.outline_text || c.outline_text.unwrap_or(false);
    opts.paper = args.paper.or(c.paper).unwrap_or_default();
    if let Some(n) = args.max_stack_pngs.or(png.max_stack_pngs) {
        opts.max_stack_pngs = n;
    }
    opts.only = (!args.only.is_empty()).then(|| args.only.clone());
    opts.slides = !args.no_slides && c.slides.unwrap_or(true);
    opts.formats = if !args.format.is_empty() {
        Formats::of(&args.format)
    } else {
        c.formats
            .as_deref()
            .map_or_else(Formats::default, Formats::of)
    };
    Ok(Settings {
        models,
        output,
        templates,
        opts,
        config: found.path.clone(),
        limits: args.input.limits.limits(),
        lang: lang(args.input.lang.as_deref())?,
    })
}

/// The themes of a run, the main one first: `--theme`, else the config's, else light; each once.
fn themes(
    flag: &[ThemeName],
    config: Option<&config::Themes>,
) -> Result<Vec<ThemeName>, Diagnostic> {
    let mut themes = if flag.is_empty() {
        config.map(config::Themes::list).unwrap_or_default()
    } else {
        flag.to_vec()
    };
    if themes.is_empty() {
        themes.push(ThemeName::default());
    }
    let mut seen = Vec::new();
    for t in &themes {
        if seen.contains(t) {
            return Err(Diagnostic::error(format!(
                "the theme `{}` is named twice",
                t.theme().name
            ))
            .hint("name each theme once, e.g. `--theme light,dark`"));
        }
        seen.push(*t);
    }
    Ok(themes)
}

/// The `--lang` value, checked.
fn lang(lang: Option<&str>) -> Result<Option<String>, Diagnostic> {
    match lang {
        Some(l) if !crate::validate::is_lang(l) => {
            Err(Diagnostic::error(format!("`{l}` is not a language tag"))
                .hint("give a BCP 47 tag such as `fr`, `de` or `pt-BR`"))
        }
        other => Ok(other.map(str::to_string)),
    }
}

/// The models when none are named: every `model/*.yaml` beside the config, or here.
pub(super) fn default_models(found: &Found) -> Result<Vec<ModelFile>, Diagnostic> {
    let dir = found.default_path("model")?;
    let entries = std::fs::read_dir(&dir).map_err(|e| {
        Diagnostic::error(format!("no model given, and cannot read the folder `model`: {e}"))
            .hint("name model files, e.g. `demarcate build my-model.yaml`, list them under `models` in demarcate.toml, or run in a folder that has `model/`")
    })?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            config::is_candidate(p)
                && p.extension().is_some_and(|x| x == "yaml" || x == "yml")
                && crate::lang::translation_of(p).is_none()
        })
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(
            Diagnostic::error("the folder `model` holds no *.yaml model")
                .hint("create one with `demarcate new model/my-model.yaml`"),
        );
    }
    Ok(paths
        .into_iter()
        .map(|path| ModelFile {
            path,
            links: crate::files::Links::Refuse,
        })
        .collect())
}

/// Whether the config in force names the themes.
pub(super) fn config_names_themes(build: &BuildArgs) -> bool {
    config::load(build.input.config.as_deref()).is_ok_and(|f| f.config.theme.is_some())
}
