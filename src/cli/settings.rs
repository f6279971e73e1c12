//! Flags over `demarcate.toml` over defaults: what one run builds and how.

use std::path::PathBuf;

use super::{Background, BuildArgs, ThemeName};
use crate::config::{self, Found, ModelFile};
use crate::diag::{Diagnostic, suggest};
use crate::theme::{THEMES, Theme};
use crate::{BuildOptions, Formats};

/// Everything a build, check, watch or inject run needs.
#[derive(Debug, Clone)]
pub struct Settings {
    pub models: Vec<ModelFile>,
    pub output: PathBuf,
    pub templates: Option<PathBuf>,
    pub opts: BuildOptions,
    /// The config file in force, if any (watched by `watch`).
    pub config: Option<PathBuf>,
    pub limits: crate::limits::Limits,
}

pub fn parse_scale(s: &str) -> Result<f32, String> {
    match s.parse::<f32>() {
        Ok(v) if (0.25..=4.0).contains(&v) => Ok(v),
        _ => Err("a number from 0.25 to 4, e.g. 2 for high-DPI".into()),
    }
}

fn config_error(found: &Found, message: String, hint: String) -> Diagnostic {
    let d = Diagnostic::error(message).hint(hint);
    match &found.path {
        Some(p) => d.in_file(p),
        None => d,
    }
}

/// Resolves the settings of a run.
pub fn resolve(args: &BuildArgs) -> Result<Settings, Diagnostic> {
    let found = config::load(args.input.config.as_deref())?;
    let c = &found.config;
    let models = if !args.models.is_empty() {
        config::expand(&args.models, true)?
    } else if let Some(list) = &c.models {
        config::expand(
            &list.iter().map(|m| found.resolve(m)).collect::<Vec<_>>(),
            false,
        )?
    } else {
        default_models(&found)?
    };
    let output = args
        .output
        .clone()
        .or_else(|| c.output.as_ref().map(|o| found.resolve(o)))
        .unwrap_or_else(|| found.resolve("output"));
    let templates = args
        .input
        .templates
        .clone()
        .or_else(|| c.templates.as_ref().map(|t| found.resolve(t)));
    let theme = match (args.theme, &c.theme) {
        (Some(t), _) => theme_of(t),
        (None, Some(name)) => Theme::named(name).ok_or_else(|| {
            let hint = suggest(name, THEMES.iter().copied(), || {
                format!("themes are {}", THEMES.join(", "))
            });
            config_error(
                &found,
                format!("unknown theme `{name}` in the config"),
                hint,
            )
        })?,
        (None, None) => Theme::light(),
    };
    let mut opts = BuildOptions::with_theme(theme);
    let png = c.png.clone().unwrap_or_default();
    opts.canvas.width = args.width.or(png.width).unwrap_or(1920).clamp(16, 8192);
    opts.canvas.height = args.height.or(png.height).unwrap_or(1080).clamp(16, 8192);
    opts.canvas.scale = args.scale.or(png.scale).unwrap_or(1.0).clamp(0.25, 4.0);
    let transparent = match (args.background, png.background.as_deref()) {
        (Some(b), _) => b == Background::Transparent,
        (None, Some("transparent")) => true,
        (None, Some("theme") | None) => false,
        (None, Some(other)) => {
            return Err(config_error(
                &found,
                format!("unknown background `{other}` in the config"),
                "write `theme` or `transparent`".into(),
            ));
        }
    };
    if transparent {
        opts.canvas.background = None;
    }
    opts.canvas.compression = match (args.png_compression, png.compression.as_deref()) {
        (Some(super::PngCompression::Fast), _) | (None, Some("fast")) => {
            crate::raster::Compression::Fast
        }
        (Some(super::PngCompression::Small), _) | (None, Some("small") | None) => {
            crate::raster::Compression::Small
        }
        (None, Some(other)) => {
            return Err(config_error(
                &found,
                format!("unknown PNG compression `{other}` in the config"),
                "write `small` or `fast`".into(),
            ));
        }
    };
    opts.outline_text = args.outline_text || c.outline_text.unwrap_or(false);
    opts.only = (!args.only.is_empty()).then(|| args.only.clone());
    opts.slides = !args.no_slides && c.slides.unwrap_or(true);
    opts.formats = if !args.format.is_empty() {
        Formats::parse(args.format.iter().map(String::as_str))?
    } else if let Some(list) = &c.formats {
        Formats::parse(list.iter().map(String::as_str)).map_err(|d| match &found.path {
            Some(p) => d.in_file(p),
            None => d,
        })?
    } else {
        Formats::default()
    };
    Ok(Settings {
        models,
        output,
        templates,
        opts,
        config: found.path.clone(),
        limits: args.input.limits.limits(),
    })
}

/// The models when none are named: every `model/*.yaml` beside the config, or here.
pub fn default_models(found: &Found) -> Result<Vec<ModelFile>, Diagnostic> {
    let dir = found.resolve("model");
    let entries = std::fs::read_dir(&dir).map_err(|e| {
        Diagnostic::error(format!("no model given, and cannot read the folder `model`: {e}"))
            .hint("name model files, e.g. `demarcate build my-model.yaml`, list them under `models` in demarcate.toml, or run in a folder that has `model/`")
    })?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            config::is_candidate(p) && p.extension().is_some_and(|x| x == "yaml" || x == "yml")
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

fn theme_of(t: ThemeName) -> Theme {
    match t {
        ThemeName::Light => Theme::light(),
        ThemeName::Dark => Theme::dark(),
        ThemeName::HighContrast => Theme::high_contrast(),
        ThemeName::Print => Theme::print(),
    }
}
