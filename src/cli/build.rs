//! `demarcate build`: builds every model, draws the PNGs that are not current, writes what
//! changed, and tidies the model folders.

use std::path::{Path, PathBuf};
use std::time::Instant;

use super::record::{self, Record};
use super::run::{Made, current_record, make, say_warnings, templates_of};
use super::settings::{Settings, resolve};
use super::{BuildArgs, Exit, Outcome, fail, plural, stop};
use crate::PngJob;
use crate::diag::{Diagnostic, shown};
use crate::write::{self, Artefact, WriteError};

/// `demarcate build`.
pub(super) fn run(args: &BuildArgs) -> Outcome {
    let start = Instant::now();
    let settings = resolve(args).map_err(|d| stop(&d))?;
    let (inputs, record) = if args.emit_png_sources.is_none() {
        current_record(&settings)
    } else {
        (None, None)
    };
    if let Some(record) = record {
        return nothing_to_do(&settings, args, &record, start);
    }
    let templates = templates_of(&settings)?;
    let made = make(&settings, &templates, args.quiet).inspect_err(|_| {
        say!("no files written");
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
    // What earlier builds made, as the last record says: `--prune` removes only those, and a
    // build without it records the ones it leaves, for a later `--prune`. Read before this
    // build's record replaces it.
    let made_before = Record::read_any(&settings.output)
        .map(|r| r.made_by_demarcate())
        .unwrap_or_default();
    let left: Vec<PathBuf> = if args.prune {
        Vec::new()
    } else {
        write::extra(&settings.output, &made.paths(), &made.dirs, |p| {
            settings.opts.owns(p)
        })
        .into_iter()
        .filter(|p| made_before.contains(p))
        .collect()
    };
    // The build record goes with the outputs: checked first, renamed in with them.
    let record = inputs.map(|inputs| {
        let mut r = Record::of(inputs, &made, made.warnings);
        r.left = left;
        Artefact {
            path: record::FILE.into(),
            bytes: r.to_text().into_bytes(),
        }
    });
    let (written, current) = draw_and_write(&settings, &made, record.as_ref())?;
    say_files_and_notes(settings.output.as_path(), args, &made.paths(), &made.notes);
    let pruned = tidy(&settings, args, &made.paths(), &made.dirs, &made_before)?;
    if !args.quiet {
        let summary = Summary {
            models: made.models,
            files: made.count(),
            changed: written.changed,
            unchanged: written.unchanged + current,
            pruned,
        };
        say_summary(&summary, &settings, start);
    }
    Ok(())
}

/// Lists the files a build makes (`--verbose`) and its notes (unless `--quiet`).
fn say_files_and_notes(out: &Path, args: &BuildArgs, paths: &[&Path], notes: &[String]) {
    if args.verbose {
        for p in paths {
            say!("  {}", shown(&out.join(p)));
        }
    }
    if !args.quiet {
        for n in notes {
            say!("note: {n}");
        }
    }
}

/// What a build did, for its last line.
struct Summary {
    models: usize,
    files: usize,
    changed: usize,
    unchanged: usize,
    pruned: usize,
}

fn say_summary(s: &Summary, settings: &Settings, start: Instant) {
    let pruned = if s.pruned > 0 {
        format!(", {} removed", s.pruned)
    } else {
        String::new()
    };
    say!(
        "{} model{}, {} file{} ({} written, {} unchanged{pruned}) in {}, {} ms",
        s.models,
        plural(s.models),
        s.files,
        plural(s.files),
        s.changed,
        s.unchanged,
        shown(&settings.output),
        start.elapsed().as_millis()
    );
}

/// A build whose inputs are those of the build record, with every file on disk as recorded:
/// it says what a build says, and writes nothing.
fn nothing_to_do(
    settings: &Settings,
    args: &BuildArgs,
    record: &Record,
    start: Instant,
) -> Outcome {
    if !args.quiet {
        say_warnings(record.warnings);
    }
    say_files_and_notes(&settings.output, args, &record.paths(), &record.notes);
    if !args.quiet {
        let summary = Summary {
            models: record.models,
            files: record.files.len(),
            changed: 0,
            unchanged: record.files.len(),
            pruned: 0,
        };
        say_summary(&summary, settings, start);
    }
    Ok(())
}

fn io_failure(what: &str, e: &WriteError) -> Exit {
    let d = Diagnostic::error(format!("{what}: {}", e.kind)).in_file(&e.path);
    fail(&d, Exit::Io)
}

/// Draws the PNGs whose stamp on disk does not match (the rest are current) and writes every
/// file, and `record` with them; returns what the write did to the outputs and how many PNGs
/// were current.
fn draw_and_write(
    settings: &Settings,
    made: &Made,
    record: Option<&Artefact>,
) -> Result<(write::Written, usize), Exit> {
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
        .chain(record.map(|r| &r.path))
    {
        batch.check(p).map_err(io)?;
    }
    for a in &made.files {
        batch.put(a).map_err(io)?;
    }
    let record_staged = record.map(|r| batch.put(r)).transpose().map_err(io)?;
    crate::draw(&stale, settings.opts.canvas, |j, bytes| {
        batch.stage(&j.path, &bytes)
    })
    .map_err(|failure| match failure {
        crate::DrawFailure::Draw(d) => {
            let exit = fail(&d, Exit::Invalid);
            say!("no files written");
            exit
        }
        crate::DrawFailure::Sink(e) => io(e),
    })?;
    let mut written = batch.commit().map_err(io)?;
    // The record is not one of the outputs the summary counts.
    match record_staged {
        Some(true) => written.changed -= 1,
        Some(false) => written.unchanged -= 1,
        None => {}
    }
    Ok((written, current))
}

/// Removes the temporary files an interrupted build left, then lists (or with `--prune`
/// removes) the files the models no longer make; returns how many it removed. `--prune`
/// removes only files that the last build's record (`made_before`) lists: a file demarcate
/// did not make is never deleted, whatever its name.
fn tidy(
    settings: &Settings,
    args: &BuildArgs,
    paths: &[&Path],
    dirs: &[PathBuf],
    made_before: &[PathBuf],
) -> Result<usize, Exit> {
    let out = &settings.output;
    // This build's own temporary files are all renamed into place by now.
    let mut leftovers = write::extra(out, &[], dirs, write::is_scratch);
    leftovers.extend(write::scratch_at_top(out));
    write::prune(out, &leftovers).map_err(|e| io_failure("cannot remove a temporary file", &e))?;
    let extra = write::extra(out, paths, dirs, |p| settings.opts.owns(p));
    let (ours, theirs): (Vec<PathBuf>, Vec<PathBuf>) = if args.prune {
        extra.into_iter().partition(|p| made_before.contains(p))
    } else {
        (Vec::new(), extra)
    };
    let pruned =
        write::prune(out, &ours).map_err(|e| io_failure("cannot remove a stale file", &e))?;
    if !theirs.is_empty() && !args.quiet {
        let why = if args.prune {
            "not made by the last build (its record does not list them), so left as they are"
        } else {
            "no longer made by the models (remove with --prune)"
        };
        say!("{} file{} {why}:", theirs.len(), plural(theirs.len()));
        for f in &theirs {
            say!("  {}", shown(&out.join(f)));
        }
    }
    Ok(pruned)
}
