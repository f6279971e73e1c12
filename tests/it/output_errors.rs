//! Output errors are errors, never panics: every subcommand runs with its standard output (and
//! error) as a closed pipe (`demarcate schema | head -c1`) and as `/dev/full` (a full disk).
//! A closed pipe ends the output quietly and the command exits as it would have; a full disk
//! that loses a command's result exits 3.

use std::io::Read as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::common::spawn_in;

/// Where a stream goes.
#[derive(Debug, Clone, Copy)]
enum Sink {
    /// A pipe whose reader has closed it before anything is written.
    Closed,
    /// `/dev/full`: every write fails with "no space left on device".
    Full,
}

fn sink(s: Sink) -> Stdio {
    match s {
        Sink::Closed => Stdio::piped(),
        Sink::Full => std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap()
            .into(),
    }
}

/// Runs `args` in `dir` with standard output to `out` and standard error to `err` (or
/// captured when `None`): the exit code, and standard error when captured.
fn run(dir: &Path, args: &[&str], out: Sink, err: Option<Sink>) -> (Option<i32>, String) {
    let mut cmd: Command = spawn_in(dir);
    cmd.args(args)
        .stdin(Stdio::null())
        .stdout(sink(out))
        .stderr(err.map_or_else(Stdio::piped, sink));
    let mut child = cmd.spawn().unwrap();
    // Close our end of each closed pipe before the child writes.
    drop(child.stdout.take());
    let mut text = String::new();
    if err.is_none() {
        let _ = child.stderr.take().unwrap().read_to_string(&mut text);
    } else {
        drop(child.stderr.take());
    }
    let status = child.wait().unwrap();
    (status.code(), text)
}

/// A folder with `model/aws.yaml`, the CAIQ fixture, a Markdown file with a region, and a
/// model with an error.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("model")).unwrap();
    std::fs::copy("model/aws.yaml", d.join("model/aws.yaml")).unwrap();
    std::fs::copy("tests/import/caiq-v4-excerpt.csv", d.join("caiq.csv")).unwrap();
    std::fs::copy("tests/invalid/unknown-party.yaml", d.join("bad.yaml")).unwrap();
    std::fs::write(
        d.join("README.md"),
        "# Split\n\n<!-- demarcate:begin split model=aws -->\n<!-- demarcate:end -->\n",
    )
    .unwrap();
    dir
}

/// Each command, with its exit code when its standard output is a closed pipe and when it is
/// `/dev/full`.
const CASES: &[(&[&str], i32, i32)] = &[
    (&["schema"], 0, 3),
    (&["diff", "model/aws.yaml", "model/aws.yaml"], 0, 3),
    (&["diff", "model/aws.yaml", "bad.yaml"], 2, 2),
    (
        &[
            "import",
            "--from",
            "ccm",
            "caiq.csv",
            "--url",
            "https://example.com/caiq",
        ],
        0,
        3,
    ),
    (&["lint", "model/aws.yaml"], 0, 0),
    (&["--message-format", "json", "lint", "bad.yaml"], 2, 2),
    (
        &["build", "--format", "svg", "--no-slides", "-o", "out"],
        0,
        0,
    ),
    (
        &[
            "--message-format",
            "json",
            "build",
            "-o",
            "out2",
            "--format",
            "svg",
        ],
        0,
        0,
    ),
    // Nothing built in the fresh folder: every file is missing, listed on standard error.
    (
        &["check", "--format", "svg", "--no-slides", "-o", "out"],
        1,
        1,
    ),
    (&["inject", "README.md"], 0, 0),
    // The region is empty in the fresh folder: stale.
    (&["inject", "--check", "README.md"], 1, 1),
    (&["new", "fresh.yaml"], 0, 0),
    (&["templates", "export", "tpl"], 0, 0),
    (&["mdbook", "supports", "html"], 0, 0),
    (&["--help"], 0, 0),
    (&["build", "--help"], 0, 0),
];

#[test]
fn every_command_survives_a_closed_pipe_and_a_full_disk() {
    for (args, closed, full) in CASES {
        for (out, want) in [(Sink::Closed, *closed), (Sink::Full, *full)] {
            let dir = folder();
            // Standard error captured: the message, and no panic.
            let (code, err) = run(dir.path(), args, out, None);
            assert_eq!(code, Some(want), "{args:?} into {out:?}: {err}");
            assert!(!err.contains("panicked"), "{args:?} into {out:?}: {err}");
            if matches!(out, Sink::Full) && want == 3 {
                assert!(
                    err.contains("cannot write to standard output: No space left on device"),
                    "{args:?}: {err}"
                );
            }
            // Standard error the same sink as standard output: the exit code still tells.
            let dir = folder();
            let (code, _) = run(dir.path(), args, out, Some(out));
            assert_eq!(code, Some(want), "{args:?} with both into {out:?}");
        }
    }
}

#[test]
fn serve_and_watch_run_on_with_nowhere_to_print() {
    for args in [
        &["serve", "--port", "0", "--format", "svg", "--no-slides"][..],
        &["watch", "--format", "svg", "--no-slides", "-o", "out"],
    ] {
        for out in [Sink::Closed, Sink::Full] {
            let dir = folder();
            let mut child = spawn_in(dir.path())
                .args(args)
                .stdin(Stdio::null())
                .stdout(sink(out))
                .stderr(sink(out))
                .spawn()
                .unwrap();
            drop(child.stdout.take());
            drop(child.stderr.take());
            std::thread::sleep(Duration::from_secs(3));
            let alive = child.try_wait().unwrap();
            let _ = child.kill();
            let _ = child.wait();
            assert_eq!(alive, None, "{args:?} into {out:?} exited: {alive:?}");
        }
    }
}
