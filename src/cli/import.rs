//! `demarcate import`: a model from a compliance team's document, its leftovers listed.

use std::path::Path;

use super::{Exit, ImportArgs, Outcome, fail, report};
use crate::diag::{Diagnostic, shown, visible};
use crate::files::{self, Links};
use crate::model::Slug;

/// `demarcate import`.
pub(super) fn run(args: &ImportArgs) -> Outcome {
    let bytes = files::read(&args.file, args.max_input_bytes, Links::Follow).map_err(|e| {
        let d = e.diagnostic("document", &args.file).hint(format!(
            "documents are read up to {} bytes; raise the limit with `--max-input-bytes`",
            args.max_input_bytes
        ));
        fail(&d, Exit::of(&d))
    })?;
    let id = model_id(args)?;
    let opts = crate::import::Options {
        id,
        title: args.title.clone(),
        url: args.url.clone(),
        bounds: crate::import::Bounds {
            max_rows: args.max_rows,
            max_cells: args.max_cells,
            max_expanded_bytes: args.max_expanded_bytes,
        },
    };
    let (text, rows, leftovers) = crate::import::import(args.from, &args.file, bytes, &opts)
        .map_err(|d| {
            report(&d, None);
            Exit::of(&d)
        })?;
    for l in &leftovers {
        say!("not imported: {}: {}", visible(&l.at), visible(&l.why));
    }
    match &args.output {
        None => super::print_out(&text)?,
        Some(out) => write_new(out, &text)?,
    }
    let target = args
        .output
        .as_deref()
        .map_or_else(|| "standard output".to_string(), shown);
    say!(
        "{rows} row{} imported into {target}, {} not imported{}",
        if rows == 1 { "" } else { "s" },
        leftovers.len(),
        if leftovers.is_empty() {
            ""
        } else {
            " (listed above and at the top of the model)"
        }
    );
    Ok(())
}

/// The id given, else one from the output's (or the document's) file name.
fn model_id(args: &ImportArgs) -> Result<String, Exit> {
    if let Some(id) = &args.id {
        return Slug::parse(id)
            .map(|s| s.as_str().to_string())
            .map_err(|why| {
                let d = Diagnostic::error(format!("`--id {}`: {why}", visible(id)))
                    .hint("an id is lower-case letters, digits and hyphens, e.g. `vendor-caiq`");
                fail(&d, Exit::Invalid)
            });
    }
    let stem = args
        .output
        .as_deref()
        .unwrap_or(&args.file)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    match Slug::suggest(&stem) {
        s if Slug::parse(&s).is_ok() => Ok(s),
        _ => Ok("imported".into()),
    }
}

/// Writes `text` to `out`, a file that must not exist yet: to a temporary file beside it,
/// then renamed into place unless `out` appeared meanwhile, so no half-written model is left.
fn write_new(out: &Path, text: &str) -> Result<(), Exit> {
    let dir = out
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let io = |e: std::io::Error| {
        let d = if e.kind() == std::io::ErrorKind::AlreadyExists {
            Diagnostic::error("the file already exists")
                .in_file(out)
                .hint("pick another name; `import` never overwrites a file")
        } else {
            Diagnostic::io_error(format!("cannot write the model: {e}")).in_file(out)
        };
        fail(&d, Exit::of(&d))
    };
    if out.symlink_metadata().is_ok() {
        return Err(io(std::io::ErrorKind::AlreadyExists.into()));
    }
    let mut tmp = tempfile::Builder::new()
        .prefix(".demarcate-import-")
        .tempfile_in(dir)
        .map_err(io)?;
    std::io::Write::write_all(&mut tmp, text.as_bytes()).map_err(io)?;
    tmp.persist_noclobber(out).map_err(|e| io(e.error))?;
    Ok(())
}
