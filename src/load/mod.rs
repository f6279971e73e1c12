//! Loading: file bytes → text → YAML node tree → [`RawModel`], with diagnostics.
//! Validation is the next stage, which this module never calls; `load_file` in the crate's
//! root composes the two.

pub mod node;
pub mod raw;
pub mod read;

use std::path::Path;

use crate::diag::{Diagnostic, Pos};
use crate::files::{self, Links, ReadError};
use crate::limits::Limits;
use raw::RawModel;

/// Reads the model text at `path`: a regular file of at most [`Limits::max_input_bytes`], in
/// UTF-8, read through a symbolic link only when `links` allows it.
pub fn read_text(path: &Path, limits: &Limits, links: Links) -> Result<String, Diagnostic> {
    let bytes = files::read(path, limits.max_input_bytes as u64, links)
        .map_err(|e| read_error(&e, limits))?;
    decode(bytes)
}

/// Parses model `text` into a raw model; the diagnostics are the reader's errors (unknown keys,
/// wrong types), and the raw model holds whatever could be read. Fails only when the text is
/// not YAML at all or exceeds a limit.
pub fn parse(text: &str, limits: &Limits) -> Result<(RawModel, Vec<Diagnostic>), Diagnostic> {
    let root = node::parse(text, limits)?;
    Ok(read::read(&root))
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
pub fn decode(bytes: Vec<u8>) -> Result<String, Diagnostic> {
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(&e.as_bytes()[..offset]);
        Diagnostic::error(format!(
            "the model is not valid UTF-8 (invalid byte at offset {offset})"
        ))
        .at(Pos::at_offset(&text, offset))
        .hint("save the file as UTF-8")
    })
}
