//! The only module that touches the output folder: writes each artefact atomically (temporary
//! file in the same folder, then rename), and only when its bytes changed.

mod batch;
mod compare;

pub use batch::Batch;
use batch::SCRATCH_PREFIX;
pub use compare::*;

use std::path::{Component, Path, PathBuf};

/// A generated file: its path under the output folder and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Artefact {
    /// Relative, e.g. `aws/stack.svg`; made only of validated ids and fixed names.
    pub path: PathBuf,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

/// What a write pass did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    /// Files written because their bytes changed.
    pub changed: usize,
    /// Files left alone because their bytes were already there.
    pub unchanged: usize,
}

/// A failure to write, with the path it happened at.
#[derive(Debug)]
pub struct WriteError {
    /// The path the failure happened at.
    pub path: PathBuf,
    /// What went wrong.
    pub kind: WriteErrorKind,
}

/// What went wrong in a write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WriteErrorKind {
    /// The path leads outside the output folder.
    Outside,
    /// A removal would reach outside the output folder.
    RemoveOutside,
    /// A folder, device or pipe stands where a file goes.
    NotRegular,
    /// A symbolic link stands on the way.
    Link,
    /// A file stands where a folder goes.
    NotFolder,
    /// The operating system refused; the text says why.
    Io(String),
}

impl std::fmt::Display for WriteErrorKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteErrorKind::Outside => f.write_str("refusing to write outside the output folder"),
            WriteErrorKind::RemoveOutside => {
                f.write_str("refusing to remove outside the output folder")
            }
            WriteErrorKind::NotRegular => {
                f.write_str("exists and is not a regular file; refusing to replace it")
            }
            WriteErrorKind::Link => f.write_str("is a symbolic link; refusing to write through it"),
            WriteErrorKind::NotFolder => f.write_str("exists and is not a folder"),
            WriteErrorKind::Io(text) => f.write_str(text),
        }
    }
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.kind)
    }
}

/// An I/O error's text without the temporary file's name that tempfile adds (it would leak a
/// random name into messages and logs) and without "(os error N)".
fn io_text(e: &std::io::Error) -> String {
    let text = e.to_string();
    let cut = [" at path ", " (os error"]
        .iter()
        .filter_map(|m| text.find(m))
        .min()
        .unwrap_or(text.len());
    text[..cut].to_string()
}

fn fail(path: &Path, kind: WriteErrorKind) -> WriteError {
    WriteError {
        path: path.to_path_buf(),
        kind,
    }
}

fn io_fail(path: &Path, e: &std::io::Error) -> WriteError {
    fail(path, WriteErrorKind::Io(io_text(e)))
}

/// Writes `artefacts` under `root`. Never writes outside `root`, and never through a symbolic
/// link inside it. All or nothing: every target is checked and every changed file is written
/// to a temporary file first, and only then are they renamed into place, so a refused or
/// failed write leaves the previous outputs as they were. See [`Batch`] to stage files as
/// they are made.
pub fn write_all(root: &Path, artefacts: &[Artefact]) -> Result<Written, WriteError> {
    let batch = Batch::new(root);
    for a in artefacts {
        batch.check(&a.path)?;
    }
    for a in artefacts {
        batch.put(a)?;
    }
    batch.commit()
}

/// True when `path` is relative and made only of plain names (no `..`, no root, no prefix).
pub fn is_confined(path: &Path) -> bool {
    path.components().count() > 0 && path.components().all(|c| matches!(c, Component::Normal(_)))
}

/// The folders from just below `root` down to `dir`, in order.
fn folders_between(root: &Path, dir: &Path) -> Result<Vec<PathBuf>, WriteError> {
    let rel = dir
        .strip_prefix(root)
        .map_err(|_| fail(dir, WriteErrorKind::Outside))?;
    Ok(rel
        .components()
        .scan(root.to_path_buf(), |at, c| {
            at.push(c);
            Some(at.clone())
        })
        .collect())
}

/// Checks, without creating anything, that `dir` (inside `root`) can be made or used: no
/// symbolic link and no file on the way.
fn check_dirs(root: &Path, dir: &Path) -> Result<(), WriteError> {
    for at in folders_between(root, dir)? {
        match std::fs::symlink_metadata(&at) {
            Ok(m) if m.file_type().is_symlink() => {
                return Err(fail(&at, WriteErrorKind::Link));
            }
            Ok(m) if m.is_dir() => {}
            Ok(_) => return Err(fail(&at, WriteErrorKind::NotFolder)),
            Err(_) => return Ok(()),
        }
    }
    Ok(())
}

/// Creates `dir` (inside `root`), refusing symbolic links on the way; records each folder it
/// creates in `created`.
fn ensure_dir(root: &Path, dir: &Path, created: &mut Vec<PathBuf>) -> Result<(), WriteError> {
    if std::fs::symlink_metadata(root).is_err() {
        std::fs::create_dir_all(root).map_err(|e| io_fail(root, &e))?;
    }
    check_dirs(root, dir)?;
    for at in folders_between(root, dir)? {
        if std::fs::symlink_metadata(&at).is_err() {
            std::fs::create_dir(&at).map_err(|e| io_fail(&at, &e))?;
            created.push(at.clone());
        }
    }
    Ok(())
}

/// Whether `path` names a temporary file of a build (one that a killed build leaves behind).
pub fn is_scratch(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with(SCRATCH_PREFIX))
}

/// The temporary files an interrupted build left at the top of `root` (where the build
/// record is staged), relative to `root`; links are listed too, never followed.
pub fn scratch_at_top(root: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(root)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| !t.is_dir()))
        .map(|e| PathBuf::from(e.file_name()))
        .filter(|p| is_scratch(p))
        .collect();
    out.sort();
    out
}

/// Removes `files` (relative to `root`, from [`extra`]), then any model subfolder left empty.
pub fn prune(root: &Path, files: &[PathBuf]) -> Result<usize, WriteError> {
    for f in files {
        if !is_confined(f) {
            return Err(fail(f, WriteErrorKind::RemoveOutside));
        }
        std::fs::remove_file(root.join(f)).map_err(|e| io_fail(&root.join(f), &e))?;
        let mut dir = f.parent();
        while let Some(d) = dir.filter(|d| d.components().count() > 1) {
            if std::fs::remove_dir(root.join(d)).is_err() {
                break;
            }
            dir = d.parent();
        }
    }
    Ok(files.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn art(path: &str, bytes: &[u8]) -> Artefact {
        Artefact {
            path: path.into(),
            bytes: bytes.to_vec(),
        }
    }

    #[test]
    fn writes_only_changes_and_stays_inside() {
        let dir = tempfile::tempdir().unwrap();
        let a = art("m/a.txt", b"one");
        assert_eq!(
            write_all(dir.path(), std::slice::from_ref(&a)).unwrap(),
            Written {
                changed: 1,
                unchanged: 0
            }
        );
        assert_eq!(
            write_all(dir.path(), std::slice::from_ref(&a)).unwrap(),
            Written {
                changed: 0,
                unchanged: 1
            }
        );
        assert_eq!(std::fs::read(dir.path().join("m/a.txt")).unwrap(), b"one");
        let bad = art("../escape.txt", b"");
        assert!(write_all(dir.path(), &[bad]).is_err());
        assert!(!dir.path().parent().unwrap().join("escape.txt").exists());
    }

    #[test]
    fn compares_and_prunes() {
        let dir = tempfile::tempdir().unwrap();
        let a = art("m/a.txt", b"new");
        let b = art("m/b.txt", b"b");
        std::fs::create_dir_all(dir.path().join("m/slides")).unwrap();
        std::fs::write(dir.path().join("m/a.txt"), "old").unwrap();
        std::fs::write(dir.path().join("m/slides/gone.png"), "x").unwrap();
        std::fs::write(dir.path().join("other.txt"), "not a model folder").unwrap();
        let diffs = compare(dir.path(), &[a.clone(), b.clone()]);
        let changed = Difference::Changed {
            path: "m/a.txt".into(),
            old: b"old".to_vec(),
        };
        assert_eq!(diffs, vec![changed, Difference::Missing("m/b.txt".into())]);
        let made = [a.path.as_path(), b.path.as_path()];
        assert_eq!(
            extra(dir.path(), &made, &["m".into()], |_| true),
            vec![PathBuf::from("m/slides/gone.png")]
        );
        assert!(
            extra(dir.path(), &made, &["m".into()], |p| p
                .extension()
                .is_some_and(|x| x == "svg"))
            .is_empty()
        );
        assert_eq!(prune(dir.path(), &["m/slides/gone.png".into()]).unwrap(), 1);
        assert!(!dir.path().join("m/slides").exists());
        assert!(dir.path().join("other.txt").exists());
    }

    #[test]
    fn a_refused_write_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("m/z.txt")).unwrap();
        let a = art("m/a.txt", b"new");
        let n = art("n/new.txt", b"new");
        let z = art("m/z.txt", b"z");
        std::fs::write(dir.path().join("m/a.txt"), "old").unwrap();
        assert!(write_all(dir.path(), &[a, n, z]).is_err());
        assert_eq!(std::fs::read(dir.path().join("m/a.txt")).unwrap(), b"old");
        assert!(!dir.path().join("n").exists());
        assert_eq!(std::fs::read_dir(dir.path().join("m")).unwrap().count(), 2);
    }

    #[cfg(unix)]
    #[test]
    fn compare_never_reads_through_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let secret = dir.path().join("secret.txt");
        std::fs::write(&secret, "canary").unwrap();
        let root = dir.path().join("out");
        std::fs::create_dir_all(root.join("m")).unwrap();
        std::os::unix::fs::symlink(&secret, root.join("m/a.txt")).unwrap();
        std::os::unix::fs::symlink(dir.path(), root.join("n")).unwrap();
        let a = art("m/a.txt", b"canary");
        let b = art("n/secret.txt", b"x");
        let diffs = compare(&root, &[a, b]);
        assert_eq!(diffs.len(), 2);
        assert!(
            diffs
                .iter()
                .all(|d| matches!(d, Difference::Foreign { .. })),
            "{diffs:?}"
        );
        assert!(extra(&root, &[], &["n".into()], |_| true).is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn refuses_symlinks_inside_the_output() {
        let dir = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(elsewhere.path(), dir.path().join("m")).unwrap();
        let a = art("m/a.txt", b"x");
        assert!(write_all(dir.path(), &[a]).is_err());
        assert!(!elsewhere.path().join("a.txt").exists());
    }
}
