//! Loading: file bytes → YAML node tree → raw model → validated [`Model`], with diagnostics.

pub mod node;
pub mod raw;
pub mod read;

use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Pos};
use crate::files::{self, Links, ReadError};
use crate::model::Model;

/// What a model may cost. Each limit has a flag to raise it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The largest model file read (`--max-input-bytes`). Default: 8 MiB.
    pub max_input_bytes: usize,
    /// How deep mappings and lists may nest (`--max-depth`). Default: 32.
    pub max_depth: usize,
    /// How many values alias expansion may produce in all (`--max-alias-events`). Default: 100,000.
    pub max_alias_events: usize,
    /// How many YAML nodes a model may have (`--max-nodes`). Default: 250,000.
    pub max_nodes: usize,
    /// Layers × services (`--max-cells`). Default: 20,000.
    pub max_cells: usize,
    /// Characters in one text field (`--max-text`). Default: 10,000.
    pub max_text: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_input_bytes: 8 * 1024 * 1024,
            max_depth: 32,
            max_alias_events: 100_000,
            max_nodes: 250_000,
            max_cells: 20_000,
            max_text: 10_000,
        }
    }
}

/// One model file after loading: its text (for rendering diagnostics), the model when valid,
/// and every diagnostic (errors and warnings) with the file set.
#[derive(Debug)]
pub struct Loaded {
    pub path: PathBuf,
    pub source: String,
    pub model: Option<Model>,
    pub diags: Vec<Diagnostic>,
}

impl Loaded {
    pub fn has_errors(&self) -> bool {
        self.model.is_none() || self.diags.iter().any(Diagnostic::is_error)
    }

    /// Whether the file could not be read at all (exit 3 rather than 2).
    pub fn unreadable(&self) -> bool {
        self.diags.iter().any(|d| d.io)
    }
}

/// Reads and validates the model at `path` with the default limits, following a link.
pub fn load_file(path: &Path) -> Loaded {
    load_file_with(path, &Limits::default(), Links::Follow)
}

/// Reads and validates the model at `path`: a regular file of at most
/// [`Limits::max_input_bytes`], read through a symbolic link only when `links` allows it.
pub fn load_file_with(path: &Path, limits: &Limits, links: Links) -> Loaded {
    let fail = |d: Diagnostic| Loaded {
        path: path.to_path_buf(),
        source: String::new(),
        model: None,
        diags: vec![d.in_file(path)],
    };
    let bytes = match files::read(path, limits.max_input_bytes as u64, links) {
        Ok(b) => b,
        Err(e) => return fail(read_error(&e, limits)),
    };
    match decode(bytes) {
        Ok(text) => load_str_with(path, text, limits),
        Err(d) => fail(d),
    }
}

/// The diagnostic for a model file that could not be read.
fn read_error(e: &ReadError, limits: &Limits) -> Diagnostic {
    match e {
        ReadError::TooLarge { .. } => Diagnostic::error(format!(
            "the model file is more than the limit of {} bytes",
            limits.max_input_bytes
        ))
        .hint("check that this is the right file; raise the limit with --max-input-bytes if it is"),
        ReadError::Link => Diagnostic::error(
            "the model is a symbolic link, which is followed only when named on the command line",
        )
        .hint("name the file itself on the command line, or replace the link with the file"),
        ReadError::NotRegular("a folder") => {
            Diagnostic::io_error("cannot read the model: it is a folder")
                .hint("give model files, or a pattern such as `model/*.yaml`")
        }
        ReadError::NotRegular(what) => {
            Diagnostic::io_error(format!("cannot read the model: it is {what}, not a file"))
                .hint("give a model file saved on disk")
        }
        ReadError::Io(m) => {
            Diagnostic::io_error(format!("cannot read the model: {m}")).hint("check the path")
        }
    }
}

/// Checks size and encoding; the error names the byte offset of the first invalid byte.
fn decode(bytes: Vec<u8>) -> Result<String, Diagnostic> {
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(&e.as_bytes()[..offset]);
        let line = text.matches('\n').count() as u32 + 1;
        let column = text.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u32 + 1;
        Diagnostic::error(format!(
            "the model is not valid UTF-8 (invalid byte at offset {offset})"
        ))
        .at(Pos { line, column })
        .hint("save the file as UTF-8")
    })
}

/// Validates model `text` that came from `path` (used for messages only), with the default
/// limits.
pub fn load_str(path: &Path, text: String) -> Loaded {
    load_str_with(path, text, &Limits::default())
}

/// Validates model `text` that came from `path` (used for messages only).
pub fn load_str_with(path: &Path, text: String, limits: &Limits) -> Loaded {
    let (model, diags) = match node::parse(&text, limits) {
        Err(d) => (None, vec![d]),
        Ok(root) => {
            let (raw, mut diags) = read::read(&root);
            let (model, more) = crate::validate::validate(&raw, limits);
            diags.extend(more);
            (model, diags)
        }
    };
    let mut diags: Vec<Diagnostic> = diags.into_iter().map(|d| d.in_file(path)).collect();
    diags.sort_by_key(|d| (d.pos, d.severity));
    let has_errors = diags.iter().any(Diagnostic::is_error);
    if has_errors {
        // Warnings about a model that does not load are noise next to its errors.
        diags.retain(Diagnostic::is_error);
    }
    Loaded {
        path: path.to_path_buf(),
        source: text,
        model: model.filter(|_| !has_errors),
        diags,
    }
}

/// Reads a `words.yaml` (a flat mapping of word keys to text) over the default words.
pub fn words(path: &Path, text: &str) -> Result<crate::words::Words, Vec<Diagnostic>> {
    use crate::words::Words;
    let fail = |d: Diagnostic| vec![d.in_file(path)];
    let root = node::parse(text, &Limits::default()).map_err(fail)?;
    let node::Value::Map(entries) = &root.value else {
        return Err(fail(
            Diagnostic::error("expected a mapping of `key: \"text\"` lines")
                .at(root.pos)
                .hint("see `demarcate templates export DIR` for a complete words.yaml"),
        ));
    };
    let mut words = Words::default();
    let mut diags = Vec::new();
    for (key, value) in entries {
        let node::Value::Str(v) = &value.value else {
            diags.push(
                Diagnostic::error(format!("expected text, found {}", value.value.kind()))
                    .at(value.pos)
                    .field(&key.name)
                    .hint("put the text in quotes")
                    .in_file(path),
            );
            continue;
        };
        if !words.set(&key.name, v.clone()) {
            let hint = crate::diag::suggest(&key.name, Words::KEYS.iter().copied(), || {
                format!("known words: {}", Words::KEYS.join(", "))
            });
            diags.push(
                Diagnostic::error(format!("unknown word `{}`", key.name))
                    .at(key.pos)
                    .field(&key.name)
                    .hint(hint)
                    .in_file(path),
            );
        }
    }
    if diags.is_empty() {
        Ok(words)
    } else {
        Err(diags)
    }
}
