//! The command line: clap types (`args.rs`), resolving flags and `demarcate.toml` into settings,
//! one file per command, printing diagnostics, and exit codes (see [`Exit`]).

/// `eprintln!` that never panics: a closed or full standard error loses the message, and the
/// exit code still says what happened.
macro_rules! say {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr().lock(), $($t)*);
    }};
}

/// `eprint!` that never panics (see `say!`).
macro_rules! say_part {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stderr().lock(), $($t)*);
    }};
}

mod args;
mod build;
mod check;
mod diff;
mod export;
#[doc(hidden)]
pub mod fuzzing;
mod import;
mod inject;
mod lint;
mod mdbook;
mod new;
mod record;
mod run;
mod serve;
mod settings;
mod watch;

use std::io::IsTerminal as _;
use std::process::ExitCode;

use clap::Parser as _;

use crate::diag::Diagnostic;
use args::*;

/// Why a command stopped short. Each maps to one exit code; success is 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// `check` or `inject --check` found stale files: exit 1.
    Stale,
    /// An invalid model, template, config or command line: exit 2.
    Invalid,
    /// A file could not be read or written: exit 3.
    Io,
}

impl Exit {
    /// The process exit code.
    pub fn code(self) -> u8 {
        match self {
            Exit::Stale => 1,
            Exit::Invalid => 2,
            Exit::Io => 3,
        }
    }

    /// The exit for a run stopped by `d`: [`Exit::Io`] when a file could not be read or
    /// written, else [`Exit::Invalid`].
    fn of(d: &Diagnostic) -> Exit {
        if d.io { Exit::Io } else { Exit::Invalid }
    }
}

/// What a command returns.
type Outcome = Result<(), Exit>;

/// Reports `d` (without a source text) and returns the exit it calls for.
fn stop(d: &Diagnostic) -> Exit {
    report(d, None);
    Exit::of(d)
}

/// Reports `d` (without a source text) and returns `exit`.
fn fail(d: &Diagnostic, exit: Exit) -> Exit {
    report(d, None);
    exit
}

/// Runs the command line; returns the process exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    JSON.store(
        cli.message_format == MessageFormat::Json,
        std::sync::atomic::Ordering::Relaxed,
    );
    let outcome = match cli.command {
        Command::Build(args) => build::run(&args),
        Command::Check(args) => check::run(&args),
        Command::Watch(args) => watch::run(&args),
        Command::Serve(args) => serve::run(&args),
        Command::Inject(args) => inject::run(&args),
        Command::Lint(args) => lint::run(&args),
        Command::Diff(args) => diff::run(&args),
        Command::Import(args) => import::run(&args),
        Command::Mdbook(args) => mdbook::run(&args),
        Command::Schema => print_out(&crate::schema::json()),
        Command::New { file, from } => new::run(&file, from),
        Command::Templates(TemplatesCommand::Export { dir }) => export::run(&dir),
    };
    ExitCode::from(outcome.err().map_or(0, Exit::code))
}

fn color() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Whether diagnostics go out as JSON lines (`--message-format json`).
static JSON: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Whether diagnostics go out as JSON lines.
fn json_mode() -> bool {
    JSON.load(std::sync::atomic::Ordering::Relaxed)
}

/// Prints a diagnostic: as a JSON line on stdout with `--message-format json`, else to stderr
/// with its source line when the file can be read.
fn report(d: &Diagnostic, source: Option<&str>) {
    if json_mode() {
        // A closed or full standard output: the exit code still tells the failure.
        let _ = write_out(&format!("{}\n", d.to_json()));
        return;
    }
    let read: Option<String>;
    let source = match source {
        Some(s) => Some(s),
        None if d.pos.is_known() => {
            // Never through a link: the snippet would print whatever the link points at.
            read = crate::files::read_text(
                &d.file,
                crate::files::MAX_SMALL_FILE,
                crate::files::Links::Refuse,
            )
            .ok();
            read.as_deref()
        }
        None => None,
    };
    if let Some(captured) = CAPTURED
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .as_mut()
    {
        captured.push(Captured {
            text: d.render(source, false),
            error: d.is_error(),
        });
    }
    say_part!("{}", d.render(source, color()));
}

/// Writes `text` to standard output and flushes it.
fn write_out(text: &str) -> std::io::Result<()> {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()
}

/// Prints a command's result on standard output. A closed pipe (`demarcate schema | head -1`)
/// is no error: the reader has what it wanted, and the command exits as it would have. Any
/// other failure (a full disk) stops the command with exit 3.
fn print_out(text: &str) -> Outcome {
    match write_out(text) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(fail(
            &Diagnostic::io_error(format!(
                "cannot write to standard output: {}",
                crate::files::os_message(&e)
            ))
            .hint("free some space, or send the output elsewhere"),
            Exit::Io,
        )),
    }
}

/// A diagnostic as a run reported it, for `serve` to show in the page.
#[derive(Debug, Clone)]
struct Captured {
    /// As printed, without colour: the message, file:line:column, the source line, hints.
    text: String,
    error: bool,
}

/// The diagnostics reported while [`capturing`] runs, besides printing them.
static CAPTURED: std::sync::Mutex<Option<Vec<Captured>>> = std::sync::Mutex::new(None);

/// Runs `f`, and returns with its result every diagnostic it reported.
fn capturing<T>(f: impl FnOnce() -> T) -> (T, Vec<Captured>) {
    let slot = || {
        CAPTURED
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    };
    *slot() = Some(Vec::new());
    let out = f();
    let captured = slot().take().unwrap_or_default();
    (out, captured)
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
