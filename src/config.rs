//! `demarcate.toml`: where a docs repository keeps its models, output folder, formats, theme,
//! templates and PNG size, so that `demarcate build` and `demarcate check` need no flags.
//! Found by walking up from the current folder; `--config FILE` picks another. Paths in it are
//! relative to its folder, and must stay inside it (see [`confine`]). Precedence: flag >
//! config > default.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

pub use crate::confine::{Escape, Why, confine};
use crate::diag::{Diagnostic, Pos, suggest};
use crate::files::{self, Links, ReadError};
use crate::raster::Compression;
use crate::{Background, Format, Paper, Pixels, Scale, ThemeName};

/// The config file's name.
pub const FILE_NAME: &str = "demarcate.toml";

/// The contents of a `demarcate.toml`; every key is optional.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Model files or patterns (`*` and `?` in the file name), e.g. `["model/*.yaml"]`.
    pub models: Option<Vec<Spanned<String>>>,
    /// Output folder. Default: `output`.
    pub output: Option<Spanned<String>>,
    /// Folder of templates that replace the bundled ones.
    pub templates: Option<Spanned<String>>,
    /// Which outputs to write: any of `md`, `html`, `svg`, `png`, `gift`, `qti`, `pdf`, `csv`,
    /// `oscal`. Default: all.
    pub formats: Option<Vec<Format>>,
    /// `light`, `dark`, `high-contrast` or `print`, or a list of them (`["light", "dark"]`):
    /// the first is the main theme, the others draw the pictures again as
    /// `<picture>.<theme>.svg`. Default: `light`.
    pub theme: Option<Themes>,
    /// Write `slides/`. Default: true.
    pub slides: Option<bool>,
    /// Turn SVG text into paths. Default: false.
    pub outline_text: Option<bool>,
    /// The paper of `handout.pdf`: `a4` or `letter`. Default: `a4`.
    pub paper: Option<Paper>,
    /// PNG slide settings.
    pub png: Option<PngConfig>,
}

/// The config's `theme`: one theme, or several.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Themes {
    /// One theme.
    One(ThemeName),
    /// The main theme first, then the others.
    Many(Vec<ThemeName>),
}

impl<'de> Deserialize<'de> for Themes {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Themes, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Themes;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a theme (`light`, `dark`, `high-contrast`, `print`) or a list of them, e.g. `[\"light\", \"dark\"]`")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Themes, E> {
                use serde::de::IntoDeserializer as _;
                ThemeName::deserialize(v.into_deserializer()).map(Themes::One)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Themes, A::Error> {
                let mut themes = Vec::new();
                while let Some(t) = seq.next_element::<ThemeName>()? {
                    themes.push(t);
                }
                if themes.is_empty() {
                    return Err(serde::de::Error::invalid_length(0, &self));
                }
                Ok(Themes::Many(themes))
            }
        }
        d.deserialize_any(Visitor)
    }
}

impl Themes {
    /// The themes, the main one first.
    pub fn list(&self) -> Vec<ThemeName> {
        match self {
            Themes::One(t) => vec![*t],
            Themes::Many(ts) => ts.clone(),
        }
    }
}

/// The `[png]` table.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PngConfig {
    /// Slide width in pixels. Default: 1920.
    pub width: Option<Pixels>,
    /// Slide height in pixels. Default: 1080.
    pub height: Option<Pixels>,
    /// Device pixels per pixel. Default: 1.
    pub scale: Option<Scale>,
    /// `theme` or `transparent`.
    pub background: Option<Background>,
    /// `small` or `fast`.
    pub compression: Option<Compression>,
    /// Most per-service stacks drawn as PNG; past it they are SVG only. Default: 24.
    pub max_stack_pngs: Option<usize>,
}

const KEYS: &[&str] = &[
    "models",
    "output",
    "templates",
    "formats",
    "theme",
    "slides",
    "outline_text",
    "paper",
    "png",
];
const PNG_KEYS: &[&str] = &[
    "width",
    "height",
    "scale",
    "background",
    "compression",
    "max_stack_pngs",
];

/// A config file read from disk, with the folder its paths are relative to.
#[derive(Debug, Clone, Default)]
pub struct Found {
    /// The config file, when one was found.
    pub path: Option<PathBuf>,
    /// The folder that the config's paths are relative to.
    pub base: PathBuf,
    /// What the file says (all defaults when there is none).
    pub config: Config,
    /// The file's text, for the positions of its values.
    pub text: String,
}

impl Found {
    /// A path the config names under `field` (`output`, `models[2]`), made relative to the
    /// current folder and confined to the config's folder (see [`confine`]); an error names
    /// the config's line and column.
    pub fn path(&self, value: &Spanned<String>, field: &str) -> Result<PathBuf, Diagnostic> {
        confine(&self.base, value.get_ref()).map_err(|why| {
            let mut d = why
                .diagnostic(field, value.get_ref(), "the config's folder")
                .field(field);
            if let Some(path) = &self.path {
                d = d
                    .in_file(path)
                    .at(Pos::at_offset(&self.text, value.span().start));
            }
            d
        })
    }

    /// A folder demarcate looks for by default (`model`, `output`) beside the config, or in
    /// the current folder when there is none; confined like the config's own paths, so a
    /// committed link `model -> ../elsewhere` leads nowhere.
    pub fn default_path(&self, name: &str) -> Result<PathBuf, Diagnostic> {
        let root = if self.path.is_some() {
            "the config's folder"
        } else {
            "the current folder"
        };
        confine(&self.base, name).map_err(|why| {
            let d = why.about(&format!("the folder `{name}`"), root);
            match &self.path {
                Some(p) => d.in_file(p),
                None => d,
            }
        })
    }
}

/// The nearest `demarcate.toml` from `start` upwards.
pub fn discover(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|d| d.join(FILE_NAME))
        .find(|p| std::fs::symlink_metadata(p).is_ok_and(|m| !m.is_dir()))
}

/// `found` (a config discovered in the current folder or above it) as a path relative to the
/// current folder (`demarcate.toml`, `../demarcate.toml`), so that every path printed from
/// it is short and names no machine's folders.
fn relative_to_here(found: &Path) -> PathBuf {
    let Ok(here) = std::env::current_dir() else {
        return found.to_path_buf();
    };
    let Some(dir) = found.parent() else {
        return found.to_path_buf();
    };
    match here.strip_prefix(dir) {
        Ok(below) => below
            .components()
            .fold(PathBuf::new(), |p, _| p.join(".."))
            .join(FILE_NAME),
        Err(_) => found.to_path_buf(),
    }
}

/// Reads the config at `path` (or finds one from the current folder when `None`); no file
/// means the defaults.
pub fn load(path: Option<&Path>) -> Result<Found, Diagnostic> {
    // A config named with --config may be a link; a discovered one may not.
    let (path, links) = match path {
        Some(p) => (p.to_path_buf(), Links::Follow),
        None => match std::env::current_dir().ok().and_then(|d| discover(&d)) {
            Some(p) => (relative_to_here(&p), Links::Refuse),
            None => return Ok(Found::default()),
        },
    };
    let text = files::read_text(&path, files::MAX_SMALL_FILE, links).map_err(|e| {
        let hint = match e {
            ReadError::Link => "replace the link with the file, or name it with --config",
            _ if links == Links::Follow => "check the path given to --config",
            _ => "check the file, or name another with --config",
        };
        e.diagnostic("the config", &path).hint(hint)
    })?;
    let config = parse(&text).map_err(|d| d.in_file(&path))?;
    // Empty when the config is in the current folder, so paths print as `output`, not `./output`.
    let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
    Ok(Found {
        path: Some(path),
        base,
        config,
        text,
    })
}

/// Parses config text; an error names the line, the key and the nearest known key.
pub fn parse(text: &str) -> Result<Config, Diagnostic> {
    toml::from_str::<Config>(text).map_err(|e| {
        let pos = e
            .span()
            .map_or(Pos::UNKNOWN, |s| Pos::at_offset(text, s.start));
        let message = e
            .message()
            .lines()
            .next()
            .unwrap_or("invalid config")
            .trim()
            .to_string();
        let mut d = Diagnostic::error(format!("invalid config: {message}")).at(pos);
        if let Some(unknown) = message
            .strip_prefix("unknown field `")
            .and_then(|m| m.split('`').next())
        {
            let in_png = text[..e.span().map_or(0, |s| s.start)]
                .rfind("[png]")
                .is_some();
            let known = if in_png { PNG_KEYS } else { KEYS };
            d = d
                .field(unknown)
                .hint(suggest(unknown, known.iter().copied(), || {
                    format!("known keys: {}", known.join(", "))
                }));
        } else if let Some((value, expected)) = unknown_variant(&message) {
            d.message = format!("invalid config: unknown value `{value}`");
            d = d.hint(suggest(value, expected.iter().copied(), || {
                format!("write one of {}", expected.join(", "))
            }));
        } else {
            d = d.hint("see the README's demarcate.toml section for every key and its values");
        }
        d
    })
}

/// The value and the expected names of serde's "unknown variant `x`, expected one of `a`, `b`"
/// (or "expected `a` or `b`").
fn unknown_variant(message: &str) -> Option<(&str, Vec<&str>)> {
    let rest = message.strip_prefix("unknown variant `")?;
    let (value, rest) = rest.split_once('`')?;
    let expected: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
    Some((value, expected))
}

/// A model file to read, and whether a symbolic link there may be followed: only for a path
/// the user named on the command line. A link found by a pattern or listed in the config is
/// refused, so that a link committed to a repository cannot make demarcate read (and print in
/// a diagnostic) a file outside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelFile {
    /// The file, as named or matched.
    pub path: PathBuf,
    /// Whether a symbolic link there is followed.
    pub links: Links,
}

/// Whether a folder entry may be a model file: a regular file, or a link (which the reader
/// then refuses, naming it, rather than skip it silently).
pub fn is_candidate(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file() || m.file_type().is_symlink())
}

/// Expands model patterns: a path with `*` or `?` in its file name matches the files of its
/// folder, sorted; other paths are kept as they are. `named` says whether the paths come from
/// the command line (a plain path there may be a link) or from the config (never a link).
pub fn expand(patterns: &[PathBuf], named: bool) -> Result<Vec<ModelFile>, Diagnostic> {
    let mut out = Vec::new();
    for p in patterns {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        if !name.contains(['*', '?']) {
            out.push(ModelFile {
                path: p.clone(),
                links: if named { Links::Follow } else { Links::Refuse },
            });
            continue;
        }
        let dir = p
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let entries = std::fs::read_dir(dir).map_err(|e| {
            Diagnostic::error(format!("cannot read the folder of `{}`: {e}", p.display()))
                .hint("check the `models` patterns")
        })?;
        let mut found: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|f| {
                is_candidate(f)
                    && f.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| matches(name, n))
                    // A translation is built with its model, not as a model.
                    && crate::lang::translation_of(f).is_none()
            })
            .collect();
        found.sort();
        if found.is_empty() {
            return Err(
                Diagnostic::error(format!("no model matches `{}`", p.display()))
                    .hint("check the pattern; `*` stands for any characters of a file name"),
            );
        }
        out.extend(found.into_iter().map(|path| ModelFile {
            path,
            links: Links::Refuse,
        }));
    }
    Ok(out)
}

/// Wildcard match: `*` any run of characters, `?` one character.
fn matches(pattern: &str, name: &str) -> bool {
    let (p, n): (Vec<char>, Vec<char>) = (pattern.chars().collect(), name.chars().collect());
    let (mut pi, mut ni, mut star, mut mark) = (0, 0, None, 0);
    while ni < n.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == n[ni]) {
            pi += 1;
            ni += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ni;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ni = mark;
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|c| *c == '*')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_key() {
        let c = parse("models = [\"m/*.yaml\"]\noutput = \"docs/out\"\nformats = [\"svg\"]\ntheme = \"dark\"\nslides = false\n[png]\nwidth = 800\nbackground = \"transparent\"\n").unwrap();
        assert_eq!(
            c.output.map(Spanned::into_inner).as_deref(),
            Some("docs/out")
        );
        assert_eq!(c.png.unwrap().width, Some(crate::Pixels(800)));
    }

    #[test]
    fn unknown_keys_get_a_line_and_a_suggestion() {
        let d = parse("output = \"o\"\nouptut = \"x\"\n").unwrap_err();
        assert_eq!(d.pos.line, 2);
        assert!(d.message.contains("unknown field `ouptut`"), "{d:?}");
        assert_eq!(d.hints, vec!["did you mean `output`?".to_string()]);
        let d = parse("[png]\nwidht = 3\n").unwrap_err();
        assert_eq!(d.hints, vec!["did you mean `width`?".to_string()]);
    }

    #[test]
    fn wildcards() {
        assert!(matches("*.yaml", "aws.yaml"));
        assert!(matches("a?s.*", "aws.yaml"));
        assert!(!matches("*.yaml", "aws.yml"));
        assert!(matches("*", ""));
    }
}
