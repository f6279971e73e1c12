//! The commands: each resolves its settings, calls the library, prints, and returns an exit
//! code.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::settings::{Settings, resolve};
use super::{
    BuildArgs, EXIT_INVALID, EXIT_IO, EXIT_STALE, InjectArgs, Starter, exit_for, plural, report,
};
use crate::config::ModelFile;
use crate::diag::{Diagnostic, shown, suggest, visible};
use crate::model::Model;
use crate::render::Renderer;
use crate::write::{self, Artefact, Difference};
use crate::{Loaded, PngJob, build as build_model, load_file_with, starter};

/// A build in memory: every finished file and every PNG still to draw.
struct Made {
    models: usize,
    /// Model output folders, relative to the output folder.
    dirs: Vec<PathBuf>,
    files: Vec<Artefact>,
    pngs: Vec<PngJob>,
    notes: Vec<String>,
}

impl Made {
    fn paths(&self) -> Vec<&Path> {
        self.files
            .iter()
            .map(|a| a.path.as_path())
            .chain(self.pngs.iter().map(|p| p.path.as_path()))
            .collect()
    }

    fn count(&self) -> usize {
        self.files.len() + self.pngs.len()
    }
}

/// Whether the PNG on disk for `job` is the one it would draw (its stamp matches).
fn png_is_current(out: &Path, job: &PngJob) -> bool {
    write::png_is_current(out, &job.path, &job.key)
}

/// Loads every model (printing its errors), or returns the exit code.
fn load_models(
    files: &[ModelFile],
    limits: &crate::limits::Limits,
    warnings: bool,
) -> Result<Vec<Loaded>, u8> {
    let loaded: Vec<Loaded> = files
        .iter()
        .map(|f| load_file_with(&f.path, limits, f.links))
        .collect();
    for l in &loaded {
        for d in l.diags().iter().filter(|d| warnings || d.is_error()) {
            report(d, Some(&l.source));
        }
    }
    let bad = loaded.iter().filter(|l| l.has_errors()).count();
    if bad > 0 {
        eprintln!(
            "{bad} of {} model{} invalid",
            loaded.len(),
            plural(loaded.len())
        );
        if loaded.iter().any(Loaded::unreadable) {
            return Err(EXIT_IO);
        }
        return Err(EXIT_INVALID);
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
            report(
                &Diagnostic::error(format!("two models have the id `{id}`"))
                    .in_file(&l.path)
                    .hint(hint),
                None,
            );
            return Err(EXIT_INVALID);
        }
    }
    Ok(loaded)
}

fn settings_and_renderer(args: &BuildArgs) -> Result<(Settings, Renderer), u8> {
    let settings = resolve(args).map_err(|d| {
        report(&d, None);
        exit_for(&d)
    })?;
    let renderer = Renderer::new(settings.templates.as_deref()).map_err(|d| {
        report(&d, None);
        exit_for(&d)
    })?;
    Ok((settings, renderer))
}

fn make(settings: &Settings, renderer: &Renderer, quiet: bool) -> Result<Made, u8> {
    // Warnings do not stop a build; JSON consumers get them whole, people a count.
    let loaded = load_models(&settings.models, &settings.limits, super::json_mode())?;
    let warnings: usize = loaded.iter().map(|l| l.diags().len()).sum();
    if warnings > 0 && !quiet && !super::json_mode() {
        eprintln!(
            "{warnings} warning{} in the models; `demarcate lint` shows {}",
            plural(warnings),
            if warnings == 1 { "it" } else { "them" }
        );
    }
    let mut made = Made {
        models: loaded.len(),
        dirs: Vec::new(),
        files: Vec::new(),
        pngs: Vec::new(),
        notes: Vec::new(),
    };
    for m in loaded.iter().filter_map(Loaded::model) {
        made.dirs.push(PathBuf::from(m.id.as_str()));
        let built = build_model(m, renderer, &settings.opts).map_err(|d| {
            report(&d, None);
            EXIT_INVALID
        })?;
        made.files.extend(built.files);
        made.pngs.extend(built.pngs);
        made.notes.extend(built.notes);
    }
    Ok(made)
}

/// `demarcate build`.
pub fn build(args: &BuildArgs) -> u8 {
    let start = Instant::now();
    let (settings, renderer) = match settings_and_renderer(args) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let made = match make(&settings, &renderer, args.quiet) {
        Ok(m) => m,
        Err(code) => {
            eprintln!("no files written");
            return code;
        }
    };
    if let Some(dir) = &args.emit_png_sources {
        let sources: Vec<Artefact> = made
            .pngs
            .iter()
            .map(|j| Artefact {
                path: j.path.with_extension("svg"),
                bytes: j.svg.clone().into_bytes(),
            })
            .collect();
        if let Err(e) = write::write_all(dir, &sources) {
            report(
                &Diagnostic::error(format!("cannot write the PNG sources: {}", e.message))
                    .in_file(&e.path),
                None,
            );
            return EXIT_IO;
        }
    }
    write_out(&settings, args, &made, start)
}

fn write_out(settings: &Settings, args: &BuildArgs, made: &Made, start: Instant) -> u8 {
    let out = &settings.output;
    // Draw only the PNGs whose stamp on disk does not match: the rest are current.
    let stale: Vec<PngJob> = made
        .pngs
        .iter()
        .filter(|j| !png_is_current(out, j))
        .cloned()
        .collect();
    let current = made.pngs.len() - stale.len();
    let mut files = made.files.clone();
    match crate::draw(&stale, settings.opts.canvas) {
        Ok(drawn) => files.extend(drawn),
        Err(d) => {
            report(&d, None);
            eprintln!("no files written");
            return EXIT_INVALID;
        }
    }
    let written = match write::write_all(out, &files) {
        Ok(w) => w,
        Err(e) => {
            report(
                &Diagnostic::error(format!("cannot write the output: {}", e.message))
                    .in_file(&e.path),
                None,
            );
            return EXIT_IO;
        }
    };
    // Temporary files that an interrupted build left in the model folders (this build's own
    // are all renamed into place by now).
    let leftovers = write::extra(out, &[], &made.dirs, write::is_scratch);
    if let Err(e) = write::prune(out, &leftovers) {
        report(
            &Diagnostic::error(format!("cannot remove a temporary file: {}", e.message))
                .in_file(&e.path),
            None,
        );
        return EXIT_IO;
    }
    if args.verbose {
        for p in made.paths() {
            eprintln!("  {}", shown(&out.join(p)));
        }
    }
    if !args.quiet {
        for n in &made.notes {
            eprintln!("note: {n}");
        }
    }
    let extra = write::extra(out, &made.paths(), &made.dirs, |p| settings.opts.owns(p));
    let mut pruned = 0;
    if args.prune && !extra.is_empty() {
        match write::prune(out, &extra) {
            Ok(n) => pruned = n,
            Err(e) => {
                report(
                    &Diagnostic::error(format!("cannot remove a stale file: {}", e.message))
                        .in_file(&e.path),
                    None,
                );
                return EXIT_IO;
            }
        }
    } else if !extra.is_empty() && !args.quiet {
        eprintln!(
            "{} file{} no longer made by the models (remove with --prune):",
            extra.len(),
            plural(extra.len())
        );
        for f in &extra {
            eprintln!("  {}", shown(&out.join(f)));
        }
    }
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
            shown(out),
            start.elapsed().as_millis()
        );
    }
    0
}

/// `demarcate check`.
pub fn check(args: &BuildArgs) -> u8 {
    let start = Instant::now();
    let (settings, renderer) = match settings_and_renderer(args) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let made = match make(&settings, &renderer, args.quiet) {
        Ok(m) => m,
        Err(code) => return code,
    };
    let out = &settings.output;
    let mut diffs = write::compare(out, &made.files);
    for job in &made.pngs {
        match write::on_disk(out, &job.path, write::MAX_OUTPUT_READ) {
            write::OnDisk::Missing => diffs.push(Difference::Missing(job.path.clone())),
            write::OnDisk::Foreign(what) => diffs.push(Difference::Foreign {
                path: job.path.clone(),
                what,
            }),
            write::OnDisk::File(Some(bytes))
                if crate::raster::stamped_key(&bytes).is_some_and(|k| k == job.key) => {}
            write::OnDisk::File(_) => diffs.push(Difference::Changed {
                path: job.path.clone(),
                old: Vec::new(),
            }),
        }
    }
    diffs.extend(
        write::extra(out, &made.paths(), &made.dirs, |p| settings.opts.owns(p))
            .into_iter()
            .map(Difference::Extra),
    );
    for d in &diffs {
        if super::json_mode() {
            report(&difference_diagnostic(out, d), None);
            continue;
        }
        match d {
            Difference::Missing(p) => eprintln!("missing: {}", shown(&out.join(p))),
            Difference::Extra(p) if write::is_scratch(p) => eprintln!(
                "extra:   {} (left by an interrupted build; `demarcate build` removes it)",
                shown(&out.join(p))
            ),
            Difference::Extra(p) => eprintln!("extra:   {}", shown(&out.join(p))),
            Difference::Foreign { path, what } => eprintln!(
                "foreign: {} (not read: {})",
                shown(&out.join(path)),
                visible(what)
            ),
            Difference::Changed { path, old } => {
                eprintln!("stale:   {}", shown(&out.join(path)));
                let new = made
                    .files
                    .iter()
                    .find(|a| &a.path == path)
                    .map(|a| a.bytes.as_slice());
                if let (Ok(old), Some(Ok(new))) =
                    (std::str::from_utf8(old), new.map(std::str::from_utf8))
                {
                    eprint!("{}", short_diff(old, new, &out.join(path)));
                }
            }
        }
    }
    if args.verbose {
        for p in made.paths() {
            eprintln!("  compared {}", shown(&out.join(p)));
        }
    }
    let n = made.count();
    if diffs.is_empty() {
        if !args.quiet {
            eprintln!(
                "{} model{}, {n} files: all fresh in {}, {} ms",
                made.models,
                plural(made.models),
                shown(out),
                start.elapsed().as_millis()
            );
        }
        0
    } else {
        eprintln!(
            "{} of {n} files differ in {}; run `demarcate build{}` to update",
            diffs.len(),
            shown(out),
            if diffs
                .iter()
                .any(|d| matches!(d, Difference::Extra(p) if !write::is_scratch(p)))
            {
                " --prune"
            } else {
                ""
            }
        );
        EXIT_STALE
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
            "run `demarcate build --prune`",
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

/// `demarcate watch`: builds, then rebuilds on every change until interrupted.
pub fn watch(args: &BuildArgs) -> u8 {
    let (settings, _) = match settings_and_renderer(args) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let mut paths: Vec<PathBuf> = settings
        .models
        .iter()
        .map(|m| {
            m.path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."))
                .to_path_buf()
        })
        .collect();
    paths.extend(settings.templates.clone());
    paths.extend(
        settings
            .config
            .iter()
            .filter_map(|c| c.parent().map(Path::to_path_buf)),
    );
    paths.sort();
    paths.dedup();
    let (tx, rx) = std::sync::mpsc::channel();
    let mut debouncer =
        match notify_debouncer_full::new_debouncer(Duration::from_millis(200), None, tx) {
            Ok(d) => d,
            Err(e) => {
                report(&Diagnostic::error(format!("cannot watch files: {e}")), None);
                return EXIT_IO;
            }
        };
    for p in &paths {
        if let Err(e) = debouncer.watch(p, notify::RecursiveMode::NonRecursive) {
            report(
                &Diagnostic::error(format!("cannot watch the folder: {e}")).in_file(p),
                None,
            );
            return EXIT_IO;
        }
    }
    let output = std::fs::canonicalize(&settings.output).unwrap_or(settings.output.clone());
    let mut last = inputs_digest(&settings);
    let rebuild = || {
        build(args);
        if !args.quiet {
            eprintln!(
                "watching {} folder{} for changes (Ctrl-C to stop)",
                paths.len(),
                plural(paths.len())
            );
        }
    };
    rebuild();
    for events in rx {
        let Ok(events) = events else { continue };
        // Reading a file (the build's own reads included) is no change.
        let relevant = events
            .iter()
            .filter(|e| !matches!(e.kind, notify::EventKind::Access(_)))
            .flat_map(|e| &e.paths)
            .any(|p| {
                let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
                let inside_output = std::fs::canonicalize(p.parent().unwrap_or(p))
                    .is_ok_and(|d| d.starts_with(&output));
                !inside_output
                    && !name.starts_with('.')
                    && (name.ends_with(".yaml")
                        || name.ends_with(".yml")
                        || name.ends_with(".tera")
                        || name == crate::config::FILE_NAME)
            });
        if !relevant {
            continue;
        }
        // Rebuild only when what the build reads changed: saving a file unchanged, or touching
        // it, builds nothing.
        let now = inputs_digest(&settings);
        if now != last {
            last = now;
            rebuild();
        }
    }
    0
}

/// A digest of everything a build reads: the models, the config, and the templates folder's
/// `*.tera` files and `words.yaml`. Files that cannot be read count by their error.
fn inputs_digest(settings: &Settings) -> [u8; 32] {
    use crate::files::{self, Links};
    use sha2::{Digest as _, Sha256};
    let mut files: Vec<(PathBuf, u64, Links)> = settings
        .models
        .iter()
        .map(|m| {
            (
                m.path.clone(),
                settings.limits.max_input_bytes as u64,
                m.links,
            )
        })
        .collect();
    files.extend(
        settings
            .config
            .iter()
            .map(|c| (c.clone(), files::MAX_SMALL_FILE, Links::Follow)),
    );
    if let Some(dir) = &settings.templates {
        let mut names: Vec<PathBuf> = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.ends_with(".tera") || n == "words.yaml")
            })
            .collect();
        names.sort();
        files.extend(
            names
                .into_iter()
                .map(|p| (p, files::MAX_SMALL_FILE, Links::Refuse)),
        );
    }
    let mut h = Sha256::new();
    for (path, limit, links) in files {
        h.update(path.as_os_str().as_encoded_bytes());
        h.update([0]);
        match files::read(&path, limit, links) {
            Ok(bytes) => h.update(&bytes),
            Err(e) => h.update(format!("\0error: {e}").as_bytes()),
        }
        h.update([0]);
    }
    h.finalize().into()
}

/// `demarcate inject`.
pub fn inject(args: &InjectArgs) -> u8 {
    let build = BuildArgs {
        models: args.models.clone(),
        config: args.config.clone(),
        output: args.output.clone(),
        templates: args.templates.clone(),
        ..empty_args()
    };
    let (settings, renderer) = match settings_and_renderer(&build) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let loaded = match load_models(&settings.models, &settings.limits, false) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let models: Vec<&Model> = loaded.iter().filter_map(Loaded::model).collect();
    let mut stale = Vec::new();
    for file in &args.files {
        let text = match std::fs::read_to_string(file) {
            Ok(t) => t,
            Err(e) => {
                report(
                    &Diagnostic::error(format!("cannot read the file: {e}")).in_file(file),
                    None,
                );
                return EXIT_IO;
            }
        };
        let result = crate::inject::inject(&text, |region| {
            region_text(region, &models, &renderer, &settings, file)
        });
        let new = match result {
            Ok(t) => t,
            Err(d) => {
                report(&d.in_file(file), Some(&text));
                return EXIT_INVALID;
            }
        };
        if new == text {
            continue;
        }
        stale.push(file.clone());
        if !args.check {
            let dir = file
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            let name = PathBuf::from(file.file_name().unwrap_or_default());
            if let Err(e) = write::write_all(
                dir,
                &[Artefact {
                    path: name,
                    bytes: new.into_bytes(),
                }],
            ) {
                report(
                    &Diagnostic::error(format!("cannot write the file: {}", e.message))
                        .in_file(&e.path),
                    None,
                );
                return EXIT_IO;
            }
        }
    }
    let n = args.files.len();
    match (args.check, stale.is_empty()) {
        (_, true) => {
            if !args.quiet {
                eprintln!("{n} file{}: every region is fresh", plural(n));
            }
            0
        }
        (true, false) => {
            for f in &stale {
                eprintln!("stale: {}", shown(f));
            }
            eprintln!(
                "{} of {n} file{} have stale regions; run `demarcate inject` to update",
                stale.len(),
                plural(n)
            );
            EXIT_STALE
        }
        (false, false) => {
            if !args.quiet {
                eprintln!("{} of {n} file{} updated", stale.len(), plural(n));
            }
            0
        }
    }
}

/// The generated text of one marked region.
fn region_text(
    region: &crate::inject::Region,
    models: &[&Model],
    renderer: &Renderer,
    settings: &Settings,
    file: &Path,
) -> Result<String, Diagnostic> {
    let at = crate::diag::Pos {
        line: region.line,
        column: 1,
    };
    let Some(id) = region.params.get("model") else {
        return Err(Diagnostic::error("the marker names no model")
            .at(at)
            .hint("add `model=ID`, e.g. `<!-- demarcate:begin matrix model=aws -->`"));
    };
    let ids: Vec<&str> = models.iter().map(|m| m.id.as_str()).collect();
    let Some(model) = models.iter().find(|m| m.id.as_str() == id) else {
        let hint = suggest(id, ids.iter().copied(), || {
            format!("the models are: {}", ids.join(", "))
        });
        return Err(Diagnostic::error(format!("no model has the id `{id}`"))
            .at(at)
            .hint(hint));
    };
    let view = crate::render::view::View::new(model, &settings.opts.theme, &renderer.words);
    match region.kind.as_str() {
        "image" => {
            let picture = region.params.get("picture").map_or("stack", String::as_str);
            let dir = relative(
                file.parent().unwrap_or(Path::new(".")),
                &settings.output.join(model.id.as_str()),
            );
            let alt = crate::render::markup::escape_markdown(
                &crate::picture::Picture::parse(picture, model)
                    .map(|p| p.describe(model, &renderer.words))
                    .ok_or_else(|| {
                        Diagnostic::error(format!("`{picture}` is not a picture of `{id}`"))
                            .at(at)
                            .hint("pictures are stack, matrix, shift and stack-<service id>")
                    })?,
            );
            let target = format!("{}/{picture}.svg", dir.display()).replace('\\', "/");
            Ok(format!(
                "![{alt}]({})",
                crate::render::markup::markdown_url(&target)
            ))
        }
        kind if crate::inject::KINDS.contains(&kind) => renderer
            .block("handout.md", kind, &view)
            .map_err(|d| d.at(at)),
        kind => {
            let hint = suggest(kind, crate::inject::KINDS.iter().copied(), || {
                format!("kinds are: {}", crate::inject::KINDS.join(", "))
            });
            Err(Diagnostic::error(format!("unknown region kind `{kind}`"))
                .at(at)
                .hint(hint))
        }
    }
}

/// `to` as seen from the folder `from` (both relative to the current folder, or absolute).
fn relative(from: &Path, to: &Path) -> PathBuf {
    use std::ffi::OsString;
    use std::path::Component;
    let parts = |p: &Path| -> Vec<OsString> {
        let p = if p.as_os_str().is_empty() {
            Path::new(".")
        } else {
            p
        };
        let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
        let mut out: Vec<OsString> = Vec::new();
        for c in abs.components() {
            match c {
                Component::ParentDir => {
                    out.pop();
                }
                Component::Normal(n) => out.push(n.to_os_string()),
                Component::CurDir | Component::RootDir | Component::Prefix(_) => {}
            }
        }
        out
    };
    let (f, t) = (parts(from), parts(to));
    let common = f.iter().zip(&t).take_while(|(a, b)| a == b).count();
    let mut out = PathBuf::new();
    for _ in common..f.len() {
        out.push("..");
    }
    for c in &t[common..] {
        out.push(c);
    }
    if out.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        out
    }
}

/// `demarcate lint`.
pub fn lint(lint: &super::LintArgs) -> u8 {
    let args = BuildArgs {
        models: lint.models.clone(),
        config: lint.config.clone(),
        limits: lint.limits.clone(),
        ..empty_args()
    };
    let settings = match resolve(&args) {
        Ok(s) => s,
        Err(d) => {
            report(&d, None);
            return exit_for(&d);
        }
    };
    let loaded: Vec<Loaded> = settings
        .models
        .iter()
        .map(|f| load_file_with(&f.path, &settings.limits, f.links))
        .collect();
    for l in &loaded {
        for d in l.diags() {
            report(d, Some(&l.source));
        }
    }
    let errors: usize = loaded
        .iter()
        .filter(|l| l.has_errors())
        .map(|l| l.diags().len())
        .sum();
    let warnings: usize = loaded.iter().map(|l| l.diags().len()).sum::<usize>() - errors;
    let n = loaded.len();
    eprintln!(
        "{n} model{}: {errors} error{}, {warnings} warning{}",
        plural(n),
        plural(errors),
        plural(warnings)
    );
    if loaded.iter().any(Loaded::unreadable) {
        EXIT_IO
    } else if errors > 0 {
        EXIT_INVALID
    } else {
        0
    }
}

fn empty_args() -> BuildArgs {
    BuildArgs {
        models: vec![],
        config: None,
        output: None,
        templates: None,
        format: vec![],
        theme: None,
        width: None,
        height: None,
        scale: None,
        background: None,
        png_compression: None,
        outline_text: false,
        no_slides: false,
        only: vec![],
        emit_png_sources: None,
        prune: false,
        quiet: false,
        verbose: false,
        limits: super::LimitArgs::default(),
    }
}

/// `demarcate new`.
pub fn new(file: &Path, from: Starter) -> u8 {
    let name = match from {
        Starter::Minimal => "minimal",
        Starter::Aws => "aws",
        Starter::Azure => "azure",
    };
    let stem = file
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("my-model");
    let id = match crate::model::Slug::suggest(stem) {
        s if s.is_empty() => "my-model".to_string(),
        s => s,
    };
    let text =
        starter::starter(name, &id, "demarcate.schema.json").expect("every starter is bundled");
    if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty())
        && let Err(e) = std::fs::create_dir_all(dir)
    {
        report(
            &Diagnostic::io_error(format!("cannot create the folder: {e}")).in_file(dir),
            None,
        );
        return EXIT_IO;
    }
    let created = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(file)
        .and_then(|mut f| std::io::Write::write_all(&mut f, text.as_bytes()));
    match created {
        Ok(()) => {
            eprintln!("wrote {} (from the {name} starter, id `{id}`)", shown(file));
            eprintln!(
                "next: `demarcate build {}`; for editor completion: `demarcate schema > {}` beside it",
                shell_quote(&shown(file)),
                shell_quote(&shown(&file.with_file_name("demarcate.schema.json")))
            );
            0
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            report(
                &Diagnostic::error("the file already exists")
                    .in_file(file)
                    .hint("pick another name; `new` never overwrites a file"),
                None,
            );
            EXIT_INVALID
        }
        Err(e) => {
            report(
                &Diagnostic::error(format!("cannot write the file: {e}")).in_file(file),
                None,
            );
            EXIT_IO
        }
    }
}

/// `text` as one word for a POSIX shell: as it is when it holds only safe characters, else in
/// single quotes.
fn shell_quote(text: &str) -> String {
    let safe = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:=@%+,".contains(c));
    if safe {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}

/// `demarcate templates export`.
pub fn export(dir: &Path) -> u8 {
    let mut files: Vec<(String, String)> = crate::render::BUILTIN
        .iter()
        .map(|(name, text)| (format!("{name}.tera"), text.to_string()))
        .collect();
    files.push((
        "words.yaml".to_string(),
        crate::words::Words::default().to_yaml(),
    ));
    if let Err(e) = std::fs::create_dir_all(dir) {
        report(
            &Diagnostic::error(format!("cannot create the folder: {e}")).in_file(dir),
            None,
        );
        return EXIT_IO;
    }
    let existing: Vec<&str> = files
        .iter()
        .filter(|(n, _)| dir.join(n).exists())
        .map(|(n, _)| n.as_str())
        .collect();
    if !existing.is_empty() {
        let d = Diagnostic::error(format!(
            "{} already exist{} there",
            existing.join(", "),
            if existing.len() == 1 { "s" } else { "" }
        ))
        .in_file(dir)
        .hint("export into an empty folder; `templates export` never overwrites a file");
        report(&d, None);
        return EXIT_INVALID;
    }
    for (name, text) in &files {
        if let Err(e) = std::fs::write(dir.join(name), text) {
            report(
                &Diagnostic::error(format!("cannot write the template: {e}"))
                    .in_file(&dir.join(name)),
                None,
            );
            return EXIT_IO;
        }
    }
    eprintln!(
        "wrote {} files to {}; build with them: `demarcate build --templates {}`",
        files.len(),
        shown(dir),
        shown(dir)
    );
    0
}
