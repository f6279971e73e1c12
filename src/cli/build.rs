//! `demarcate build`: builds every model, draws the PNGs that are not current, writes what
//! changed, and tidies the model folders.

use std::time::Instant;

use super::run::{Made, make, settings_and_templates};
use super::settings::Settings;
use super::{BuildArgs, Exit, Outcome, fail, plural};
use crate::PngJob;
use crate::diag::{Diagnostic, shown};
use crate::write::{self, Artefact, WriteError};

/// `demarcate build`.
pub(super) fn run(args: &BuildArgs) -> Outcome {
    let start = Instant::now();
    let (settings, templates) = settings_and_templates(args)?;
    let made = make(&settings, &templates, args.quiet).inspect_err(|_| {
        eprintln!("no files written");
    })?;
    if let Some(dir) = &args.emit_png_sources {
        let sources: Vec<Artefact> = made
            .pngs
            .iter()
            .map(|j| Artefact {
                path: j.path.with_extension("svg"),
                bytes: j.svg.clone().into_bytes(),
            })
            .collect();
        write::write_all(dir, &sources)
            .map_err(|e| io_failure("cannot write the PNG sources", &e))?;
    }
    let (written, current) = draw_and_write(&settings, &made)?;
    if args.verbose {
        for p in made.paths() {
            eprintln!("  {}", shown(&settings.output.join(p)));
        }
    }
    if !args.quiet {
        for n in &made.notes {
            eprintln!("note: {n}");
        }
    }
    let pruned = tidy(&settings, args, &made)?;
    if !args.quiet {
        let n = made.models;
        let pruned = if pruned > 0 {
            format!(", {pruned} removed")
        } else {
            String::new()
        };
        eprintln!(
            "{n} model{}, {} file{} ({} written, {} unchanged{pruned}) in {}, {} ms",
            plural(n),
            made.count(),
            plural(made.count()),
            written.changed,
            written.unchanged + current,
            shown(&settings.output),
            start.elapsed().as_millis()
        );
    }
    Ok(())
}

fn io_failure(what: &str, e: &WriteError) -> Exit {
    let d = Diagnostic::error(format!("{what}: {}", e.kind)).in_file(&e.path);
    fail(&d, Exit::Io)
}

/// Draws the PNGs whose stamp on disk does not match (the rest are current) and writes every
/// file; returns what the write did and how many PNGs were current.
fn draw_and_write(settings: &Settings, made: &Made) -> Result<(write::Written, usize), Exit> {
    let out = &settings.output;
    let stale: Vec<PngJob> = made
        .pngs
        .iter()
        .filter(|j| !write::png_is_current(out, &j.path, &j.key))
        .cloned()
        .collect();
    let current = made.pngs.len() - stale.len();
    let io = |e: WriteError| io_failure("cannot write the output", &e);
    // Every target is checked before anything is written; the PNGs are staged by the threads
    // that draw them, and nothing is renamed into place until all are.
    let batch = write::Batch::new(out);
    for p in made
        .files
        .iter()
        .map(|a| &a.path)
        .chain(stale.iter().map(|j| &j.path))
    {
        batch.check(p).map_err(io)?;
    }
    for a in &made.files {
        batch.put(a).map_err(io)?;
    }
    crate::draw(&stale, settings.opts.canvas, |j, bytes| {
        batch.stage(&j.path, &bytes)
    })
    .map_err(|failure| match failure {
        crate::DrawFailure::Draw(d) => {
            let exit = fail(&d, Exit::Invalid);
            eprintln!("no files written");
            exit
        }
        crate::DrawFailure::Sink(e) => io(e),
    })?;
    let written = batch.commit().map_err(io)?;
    Ok((written, current))
}

/// Removes the temporary files an interrupted build left, then lists (or with `--prune`
/// removes) the files the models no longer make; returns how many it removed.
fn tidy(settings: &Settings, args: &BuildArgs, made: &Made) -> Result<usize, Exit> {
    let out = &settings.output;
    // This build's own temporary files are all renamed into place by now.
    let leftovers = write::extra(out, &[], &made.dirs, write::is_scratch);
    write::prune(out, &leftovers).map_err(|e| io_failure("cannot remove a temporary file", &e))?;
    let extra = write::extra(out, &made.paths(), &made.dirs, |p| settings.opts.owns(p));
    if args.prune && !extra.is_empty() {
        return write::prune(out, &extra).map_err(|e| io_failure("cannot remove a stale file", &e));
    }
    if !extra.is_empty() && !args.quiet {
        eprintln!(
            "{} file{} no longer made by the models (remove with --prune):",
            extra.len(),
            plural(extra.len())
        );
        for f in &extra {
            eprintln!("  {}", shown(&out.join(f)));
        }
    }
    Ok(0)
}
