//! `demarcate serve`: builds into a folder of its own, serves an index of what it built on
//! 127.0.0.1, and rebuilds when what the build reads changes, telling open pages to reload
//! (server-sent events). The server is in `http.rs`, the pages it makes in `page.rs`.

mod http;
mod page;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Instant;

use super::watch::Watcher;
use super::{BuildArgs, Captured, Exit, Outcome, ServeArgs, capturing, fail, plural};
use crate::diag::{Diagnostic, shown};

/// What the pages show of the builds so far.
#[derive(Debug, Clone, Default)]
struct Status {
    /// How many builds ran; a page built from an older one reloads.
    generation: u64,
    /// Whether the last build succeeded (else the files are the last good build's).
    ok: bool,
    /// The last build's diagnostics, as printed.
    problems: Vec<Captured>,
    /// How long the last build took.
    millis: u128,
}

/// What the server and the builder share.
struct Shared {
    /// The folder the builds write into and the server serves.
    root: PathBuf,
    /// The name of the build's main theme (the pictures without a theme in their name).
    main_theme: &'static str,
    status: Mutex<Status>,
    /// Told each build's generation, for the event streams.
    builds: tokio::sync::watch::Sender<u64>,
    /// Told when the server stops, so the event streams end.
    stop: tokio::sync::watch::Sender<bool>,
    /// The `Host` values a request may carry (DNS rebinding defence).
    hosts: Vec<String>,
    /// Held while a build writes, so the folder is not removed under it.
    building: Mutex<()>,
}

impl Shared {
    fn status(&self) -> Status {
        self.status
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

/// A request path as the server resolves it (for the fuzz target).
pub(super) fn resolve_path(path: &str) -> Option<Vec<String>> {
    http::resolve(path)
}

/// `demarcate serve`.
pub(super) fn run(args: &ServeArgs) -> Outcome {
    let (build, _temp) = build_args(args)?;
    let (settings, _) = super::run::settings_and_templates(&build)?;
    let mut watcher = Watcher::new(&settings)?;
    let addr = SocketAddr::new(args.address, args.port);
    if !args.address.is_loopback() {
        say!(
            "warning: serving on {}: anyone who can reach this machine on that address can read the built files",
            args.address
        );
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| {
            fail(
                &Diagnostic::io_error(format!("cannot start: {e}")),
                Exit::Io,
            )
        })?;
    let signals = {
        let _entered = runtime.enter();
        http::Signals::new()
    };
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind(addr))
        .map_err(|e| {
            let d = Diagnostic::io_error(format!("cannot listen on {addr}: {e}"))
                .hint("give another port with `--port`, or `--port 0` for any free one");
            fail(&d, Exit::Io)
        })?;
    let port = listener.local_addr().map_or(args.port, |a| a.port());
    let shared = Arc::new(Shared {
        root: settings.output.clone(),
        main_theme: settings.opts.theme.name,
        status: Mutex::new(Status::default()),
        builds: tokio::sync::watch::Sender::new(0),
        stop: tokio::sync::watch::Sender::new(false),
        hosts: http::allowed_hosts(args.address, port),
        building: Mutex::new(()),
    });
    rebuild(&shared, &build, args.build.quiet);
    // Printed even with `-q`: it names the port.
    say!(
        "serving {} on http://{} (Ctrl-C to stop)",
        shown(&settings.output),
        http::authority(args.address, port)
    );
    let builder = Arc::clone(&shared);
    let quiet = args.build.quiet;
    std::thread::spawn(move || {
        while watcher.next_change().is_some() {
            rebuild(&builder, &build, quiet);
        }
    });
    let served = runtime.block_on(http::serve(listener, Arc::clone(&shared), signals));
    // No build may be writing while the folder is removed.
    let _held = shared
        .building
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    if !args.build.quiet {
        say!("stopped");
    }
    served.map_err(|e| {
        fail(
            &Diagnostic::io_error(format!("the server failed: {e}")),
            Exit::Io,
        )
    })
}

/// The build's arguments: the output folder given, else a new temporary one (removed when
/// the returned guard drops); themes light and dark unless some are given.
fn build_args(args: &ServeArgs) -> Result<(BuildArgs, Option<tempfile::TempDir>), Exit> {
    let mut build = args.build.clone();
    build.quiet = true;
    build.verbose = false;
    build.prune = true;
    let temp = match &build.output {
        Some(_) => None,
        None => {
            let t = tempfile::Builder::new()
                .prefix("demarcate-serve-")
                .tempdir()
                .map_err(|e| {
                    let d = Diagnostic::io_error(format!("cannot make a temporary folder: {e}"))
                        .hint("give an output folder with `-o DIR`");
                    fail(&d, Exit::Io)
                })?;
            build.output = Some(t.path().to_path_buf());
            Some(t)
        }
    };
    if build.theme.is_empty() && !super::settings::config_names_themes(&build) {
        build.theme = vec![crate::ThemeName::Light, crate::ThemeName::Dark];
    }
    Ok((build, temp))
}

/// Builds, records the outcome for the pages, tells the open pages, and prints one line.
fn rebuild(shared: &Shared, build: &BuildArgs, quiet: bool) {
    let start = Instant::now();
    let (outcome, problems) = {
        let _held = shared
            .building
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        capturing(|| super::build::run(build))
    };
    let millis = start.elapsed().as_millis();
    let errors = problems.iter().filter(|p| p.error).count();
    let generation = {
        let mut status = shared.status.lock().unwrap_or_else(PoisonError::into_inner);
        status.generation += 1;
        status.ok = outcome.is_ok();
        status.problems = problems;
        status.millis = millis;
        status.generation
    };
    shared.builds.send_replace(generation);
    match outcome {
        // `-q`: errors only, and those were printed as they came.
        _ if quiet => {}
        Ok(()) => say!("build {generation}: done in {millis} ms"),
        Err(_) => say!(
            "build {generation}: failed in {millis} ms with {errors} error{}; the page shows {} and the last good files",
            plural(errors),
            if errors == 1 { "it" } else { "them" }
        ),
    }
}
