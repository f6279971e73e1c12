//! `demarcate check`: builds in memory and compares with the output folder; writes nothing.

use std::path::Path;
use std::time::Instant;

use super::run::{Made, current_record, make, say_warnings, templates_of};
use super::settings::resolve;
use super::{BuildArgs, Exit, Outcome, plural, report, stop};
use crate::diag::{Diagnostic, shown, visible};
use crate::write::{self, Difference};

/// `demarcate check`.
pub(super) fn run(args: &BuildArgs) -> Outcome {
    let start = Instant::now();
    let settings = resolve(args).map_err(|d| stop(&d))?;
    let out = &settings.output;
    if let (_, Some(record)) = current_record(&settings) {
        if !args.quiet {
            say_warnings(record.warnings);
        }
        if args.verbose {
            for p in record.paths() {
                say!("  compared {} (by the build record)", shown(&out.join(p)));
            }
        }
        if !args.quiet {
            say_fresh(record.models, record.files.len(), out, start);
        }
        return Ok(());
    }
    let templates = templates_of(&settings)?;
    let made = make(&settings, &templates, args.quiet)?;
    let mut diffs = write::compare(out, &made.files);
    diffs.extend(
        made.pngs
            .iter()
            .filter_map(|j| write::compare_stamped(out, &j.path, &j.key)),
    );
    diffs.extend(
        write::extra(out, &made.paths(), &made.dirs, |p| settings.opts.owns(p))
            .into_iter()
            .chain(write::scratch_at_top(out))
            .map(Difference::Extra),
    );
    for d in &diffs {
        if super::json_mode() {
            report(&difference_diagnostic(out, d), None);
        } else {
            print_difference(out, d, &made);
        }
    }
    if args.verbose {
        for p in made.paths() {
            say!("  compared {}", shown(&out.join(p)));
        }
    }
    let n = made.count();
    if diffs.is_empty() {
        if !args.quiet {
            say_fresh(made.models, n, out, start);
        }
        return Ok(());
    }
    let prune = diffs
        .iter()
        .any(|d| matches!(d, Difference::Extra(p) if !write::is_scratch(p)));
    say!(
        "{} of {n} files differ in {}; run `demarcate build{}` to update",
        diffs.len(),
        shown(out),
        if prune { " --prune" } else { "" }
    );
    Err(Exit::Stale)
}

fn say_fresh(models: usize, files: usize, out: &Path, start: Instant) {
    say!(
        "{models} model{}, {files} files: all fresh in {}, {} ms",
        plural(models),
        shown(out),
        start.elapsed().as_millis()
    );
}

/// Prints one difference for people, with a short diff of a changed text file.
fn print_difference(out: &Path, d: &Difference, made: &Made) {
    match d {
        Difference::Missing(p) => say!("missing: {}", shown(&out.join(p))),
        Difference::Extra(p) if write::is_scratch(p) => say!(
            "extra:   {} (left by an interrupted build; `demarcate build` removes it)",
            shown(&out.join(p))
        ),
        Difference::Extra(p) => say!("extra:   {}", shown(&out.join(p))),
        Difference::Foreign { path, what } => say!(
            "foreign: {} (not read: {})",
            shown(&out.join(path)),
            visible(what)
        ),
        Difference::Changed { path, old } => {
            say!("stale:   {}", shown(&out.join(path)));
            let new = made
                .files
                .iter()
                .find(|a| &a.path == path)
                .map(|a| a.bytes.as_slice());
            if let (Ok(old), Some(Ok(new))) =
                (std::str::from_utf8(old), new.map(std::str::from_utf8))
            {
                say_part!("{}", short_diff(old, new, &out.join(path)));
            }
        }
    }
}

/// A difference as a diagnostic, for `--message-format json`.
fn difference_diagnostic(out: &Path, d: &Difference) -> Diagnostic {
    let (path, message, hint) = match d {
        Difference::Missing(p) => (
            p,
            "missing: the build makes this file".to_string(),
            "run `demarcate build`",
        ),
        Difference::Extra(p) if write::is_scratch(p) => (
            p,
            "extra: a temporary file that an interrupted build left".to_string(),
            "run `demarcate build`; it removes such files",
        ),
        Difference::Extra(p) => (
            p,
            "extra: the models no longer make this file".to_string(),
            "run `demarcate build --prune`, which removes it if an earlier build made it; delete it by hand if it is yours",
        ),
        Difference::Changed { path, .. } => (
            path,
            "stale: the build makes other bytes".to_string(),
            "run `demarcate build`",
        ),
        Difference::Foreign { path, what } => (
            path,
            format!("foreign: not read ({what})"),
            "replace it with the file `demarcate build` makes",
        ),
    };
    Diagnostic::error(message)
        .in_file(&out.join(path))
        .hint(hint)
}

/// A unified diff of at most 40 lines.
fn short_diff(old: &str, new: &str, path: &Path) -> String {
    const MAX: usize = 40;
    let name = path.display().to_string();
    let diff = similar::TextDiff::from_lines(old, new);
    let text = diff
        .unified_diff()
        .context_radius(2)
        .header(&format!("{name} (on disk)"), &format!("{name} (built)"))
        .to_string();
    let lines: Vec<&str> = text.lines().collect();
    let mut out: String = lines
        .iter()
        .take(MAX)
        .map(|l| format!("    {}\n", visible(l)))
        .collect();
    if lines.len() > MAX {
        out.push_str(&format!("    … {} more lines\n", lines.len() - MAX));
    }
    out
}
