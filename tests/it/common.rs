//! Helpers shared by the CLI tests: one builder for running the binary.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use assert_cmd::cargo::CommandCargoExt as _;

/// The binary, without colour, run in the package's folder (where `model/` is).
pub(crate) fn demarcate() -> Command {
    let mut c = Command::cargo_bin("demarcate").unwrap();
    c.env("NO_COLOR", "1");
    c
}

/// The binary, without colour, run in `dir`.
pub(crate) fn demarcate_in(dir: &Path) -> Command {
    let mut c = demarcate();
    c.current_dir(dir);
    c
}

/// Runs the binary in `dir` with `args`: its exit code and its standard error.
pub(crate) fn run_in(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let out = demarcate_in(dir).args(args).output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The binary as a process to spawn (watch, a build to kill), without colour, run in `dir`.
pub(crate) fn spawn_in(dir: &Path) -> std::process::Command {
    let mut c = std::process::Command::cargo_bin("demarcate").unwrap();
    c.current_dir(dir).env("NO_COLOR", "1");
    c
}

/// The bundled models, by id (each `model/<id>.yaml`).
pub(crate) const BUNDLED: [&str; 8] = [
    "aws",
    "aws-controls",
    "azure",
    "azure-classic",
    "google",
    "ibm-vpc",
    "managed",
    "oracle",
];

/// Every file under `dir` with its bytes, by path relative to `dir`.
pub(crate) fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(
                    p.strip_prefix(dir).unwrap().to_path_buf(),
                    std::fs::read(&p).unwrap(),
                );
            }
        }
    }
    out
}

/// Builds `file` into `dir` with `formats` and no slides; a failed build fails the test with
/// its error output.
pub(crate) fn build_formats(file: &str, dir: &Path, formats: &str) {
    let out = demarcate()
        .args(["build", "--no-slides", "--format", formats, "-o"])
        .arg(dir)
        .arg(file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{file}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// GitHub's Markdown renderer (cmark-gfm with its table and tag-filter extensions, raw HTML
/// kept) over `markdown`; `None` when it is not installed, which fails when
/// `DEMARCATE_WEB_TOOLS` is set (as in CI).
pub(crate) fn cmark_gfm(markdown: &Path) -> Option<String> {
    let Ok(out) = std::process::Command::new("cmark-gfm")
        .args(["--unsafe", "-e", "tagfilter", "-e", "table"])
        .arg(markdown)
        .output()
    else {
        assert!(
            std::env::var_os("DEMARCATE_WEB_TOOLS").is_none(),
            "DEMARCATE_WEB_TOOLS is set but cmark-gfm is missing"
        );
        eprintln!("SKIPPED: cmark-gfm is not installed (CI installs it)");
        return None;
    };
    assert!(out.status.success());
    Some(String::from_utf8(out.stdout).unwrap())
}
