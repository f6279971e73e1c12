//! `demarcate watch`: builds, then rebuilds whenever what the build reads changes.

use std::path::{Path, PathBuf};
use std::time::Duration;

use super::settings::Settings;
use super::{BuildArgs, Exit, Outcome, fail, plural};
use crate::diag::Diagnostic;

/// `demarcate watch`: builds, then rebuilds on every change until interrupted; one line a
/// build (the build's own, with its time).
pub(super) fn run(args: &BuildArgs) -> Outcome {
    let (settings, _) = super::run::settings_and_templates(args)?;
    let mut watcher = Watcher::new(&settings)?;
    if !args.quiet {
        say!(
            "watching {} folder{} for changes (Ctrl-C to stop)",
            watcher.folders,
            plural(watcher.folders)
        );
    }
    loop {
        // A failed build was reported; watching goes on.
        let _ = super::build::run(args);
        if watcher.next_change().is_none() {
            return Ok(());
        }
    }
}

/// Waits for changes to what a build reads: the models, the templates and `words.yaml`, the
/// config. Only a change of content counts: saving a file unchanged, touching it or reading it
/// (the build's own reads included) is no change.
pub(super) struct Watcher {
    _debouncer: notify_debouncer_full::Debouncer<
        notify::RecommendedWatcher,
        notify_debouncer_full::RecommendedCache,
    >,
    rx: std::sync::mpsc::Receiver<notify_debouncer_full::DebounceEventResult>,
    settings: Settings,
    output: PathBuf,
    last: [u8; 32],
    /// How many folders are watched.
    pub(super) folders: usize,
}

impl Watcher {
    /// Watches the folders of what a build with `settings` reads, as they are now.
    pub(super) fn new(settings: &Settings) -> Result<Watcher, Exit> {
        let paths = watched_folders(settings);
        let (tx, rx) = std::sync::mpsc::channel();
        let mut debouncer =
            notify_debouncer_full::new_debouncer(Duration::from_millis(150), None, tx).map_err(
                |e| {
                    fail(
                        &Diagnostic::error(format!("cannot watch files: {e}")),
                        Exit::Io,
                    )
                },
            )?;
        for p in &paths {
            debouncer
                .watch(p, notify::RecursiveMode::NonRecursive)
                .map_err(|e| {
                    let d = Diagnostic::error(format!("cannot watch the folder: {e}")).in_file(p);
                    fail(&d, Exit::Io)
                })?;
        }
        Ok(Watcher {
            _debouncer: debouncer,
            rx,
            output: std::fs::canonicalize(&settings.output)
                .unwrap_or_else(|_| settings.output.clone()),
            last: inputs_digest(settings),
            settings: settings.clone(),
            folders: paths.len(),
        })
    }

    /// Blocks until the content of an input differs from the last time; `None` when the
    /// watching stopped.
    pub(super) fn next_change(&mut self) -> Option<()> {
        loop {
            let Ok(events) = self.rx.recv().ok()? else {
                continue;
            };
            let relevant = events
                .iter()
                .filter(|e| !matches!(e.kind, notify::EventKind::Access(_)))
                .flat_map(|e| &e.paths)
                .any(|p| is_input(p, &self.output));
            if !relevant {
                continue;
            }
            let now = inputs_digest(&self.settings);
            if now != self.last {
                self.last = now;
                return Some(());
            }
        }
    }
}

/// The folders that hold what a build reads: the models', the templates', the config's.
fn watched_folders(settings: &Settings) -> Vec<PathBuf> {
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
    paths
}

/// Whether a changed file at `p` may be an input: a model, a template or the config, and not
/// inside the output folder.
fn is_input(p: &Path, output: &Path) -> bool {
    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    let inside_output =
        std::fs::canonicalize(p.parent().unwrap_or(p)).is_ok_and(|d| d.starts_with(output));
    !inside_output
        && !name.starts_with('.')
        && (name.ends_with(".yaml")
            || name.ends_with(".yml")
            || name.ends_with(".tera")
            || name == crate::config::FILE_NAME)
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
