//! The only module that touches the output folder: writes each artefact atomically (temporary
//! file in the same folder, then rename), and only when its bytes changed.

use std::io::Write as _;
use std::path::{Component, Path, PathBuf};

/// A generated file: its path under the output folder and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Artefact {
    /// Relative, e.g. `aws/stack.svg`; made only of validated ids and fixed names.
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

/// What a write pass did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    pub changed: usize,
    pub unchanged: usize,
}

/// An I/O failure, with the path it happened at.
#[derive(Debug)]
pub struct WriteError {
    pub path: PathBuf,
    pub message: String,
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

fn fail(path: &Path, message: impl ToString) -> WriteError {
    WriteError {
        path: path.to_path_buf(),
        message: message.to_string(),
    }
}

/// Writes `artefacts` under `root`. Never writes outside `root`, and never through a symbolic
/// link inside it.
pub fn write_all(root: &Path, artefacts: &[Artefact]) -> Result<Written, WriteError> {
    let mut done = Written::default();
    for a in artefacts {
        if !is_confined(&a.path) {
            return Err(fail(&a.path, "refusing to write outside the output folder"));
        }
        let target = root.join(&a.path);
        let dir = target.parent().unwrap_or(root);
        ensure_dir(root, dir)?;
        if let Ok(meta) = std::fs::symlink_metadata(&target) {
            if meta.file_type().is_symlink() || !meta.is_file() {
                return Err(fail(
                    &target,
                    "exists and is not a regular file; refusing to replace it",
                ));
            }
            if std::fs::read(&target).is_ok_and(|old| old == a.bytes) {
                done.unchanged += 1;
                continue;
            }
        }
        write_atomic(dir, &target, &a.bytes)?;
        done.changed += 1;
    }
    Ok(done)
}

/// True when `path` is relative and made only of plain names (no `..`, no root, no prefix).
pub fn is_confined(path: &Path) -> bool {
    path.components().count() > 0 && path.components().all(|c| matches!(c, Component::Normal(_)))
}

/// Creates `dir` (inside `root`), refusing symbolic links on the way.
fn ensure_dir(root: &Path, dir: &Path) -> Result<(), WriteError> {
    std::fs::create_dir_all(root).map_err(|e| fail(root, e))?;
    let rel = dir
        .strip_prefix(root)
        .map_err(|_| fail(dir, "outside the output folder"))?;
    let mut at = root.to_path_buf();
    for c in rel.components() {
        at.push(c);
        match std::fs::symlink_metadata(&at) {
            Ok(m) if m.file_type().is_symlink() => {
                return Err(fail(
                    &at,
                    "is a symbolic link; refusing to write through it",
                ));
            }
            Ok(m) if m.is_dir() => {}
            Ok(_) => return Err(fail(&at, "exists and is not a folder")),
            Err(_) => std::fs::create_dir(&at).map_err(|e| fail(&at, e))?,
        }
    }
    Ok(())
}

fn write_atomic(dir: &Path, target: &PathBuf, bytes: &[u8]) -> Result<(), WriteError> {
    let mut tmp = tempfile::Builder::new()
        .prefix(".demarcate-")
        .tempfile_in(dir)
        .map_err(|e| fail(dir, e))?;
    tmp.write_all(bytes).map_err(|e| fail(target, e))?;
    tmp.as_file().sync_all().map_err(|e| fail(target, e))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o644))
            .map_err(|e| fail(target, e))?;
    }
    tmp.persist(target).map_err(|e| fail(target, e.error))?;
    Ok(())
}

/// How a file on disk differs from what a build makes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Difference {
    /// The build makes it; the disk lacks it.
    Missing(PathBuf),
    /// Both have it, with other bytes; `old` is what the disk holds.
    Changed { path: PathBuf, old: Vec<u8> },
    /// The disk has it inside a model's folder; the build no longer makes it.
    Extra(PathBuf),
}

/// Compares `artefacts` with the files under `root`, reading only.
pub fn compare(root: &Path, artefacts: &[Artefact]) -> Vec<Difference> {
    let mut out = Vec::new();
    for a in artefacts {
        match std::fs::read(root.join(&a.path)) {
            Ok(old) if old == a.bytes => {}
            Ok(old) => out.push(Difference::Changed {
                path: a.path.clone(),
                old,
            }),
            Err(_) => out.push(Difference::Missing(a.path.clone())),
        }
    }
    out
}

/// Files under the model folders `dirs` of `root` that are not among `made`, sorted, relative
/// to `root`, among those that `owned` says this build is responsible for (a build of SVGs only
/// does not own the PNGs of an earlier build). Symbolic links are listed, never followed.
pub fn extra(
    root: &Path,
    made: &[&Path],
    dirs: &[PathBuf],
    owned: impl Fn(&Path) -> bool,
) -> Vec<PathBuf> {
    let made: std::collections::BTreeSet<&Path> = made.iter().copied().collect();
    let mut out = Vec::new();
    let mut stack: Vec<PathBuf> = dirs.to_vec();
    while let Some(rel) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(root.join(&rel)) else {
            continue;
        };
        for e in entries.flatten() {
            let rel_path = rel.join(e.file_name());
            match e.file_type() {
                Ok(t) if t.is_dir() => stack.push(rel_path),
                Ok(_) if !made.contains(rel_path.as_path()) && owned(&rel_path) => {
                    out.push(rel_path)
                }
                _ => {}
            }
        }
    }
    out.sort();
    out
}

/// Removes `files` (relative to `root`, from [`extra`]), then any model subfolder left empty.
pub fn prune(root: &Path, files: &[PathBuf]) -> Result<usize, WriteError> {
    for f in files {
        if !is_confined(f) {
            return Err(fail(f, "refusing to remove outside the output folder"));
        }
        std::fs::remove_file(root.join(f)).map_err(|e| fail(&root.join(f), e))?;
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

    #[test]
    fn writes_only_changes_and_stays_inside() {
        let dir = tempfile::tempdir().unwrap();
        let a = Artefact {
            path: "m/a.txt".into(),
            bytes: b"one".to_vec(),
        };
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
        let bad = Artefact {
            path: "../escape.txt".into(),
            bytes: vec![],
        };
        assert!(write_all(dir.path(), &[bad]).is_err());
        assert!(!dir.path().parent().unwrap().join("escape.txt").exists());
    }

    #[test]
    fn compares_and_prunes() {
        let dir = tempfile::tempdir().unwrap();
        let a = Artefact {
            path: "m/a.txt".into(),
            bytes: b"new".to_vec(),
        };
        let b = Artefact {
            path: "m/b.txt".into(),
            bytes: b"b".to_vec(),
        };
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

    #[cfg(unix)]
    #[test]
    fn refuses_symlinks_inside_the_output() {
        let dir = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(elsewhere.path(), dir.path().join("m")).unwrap();
        let a = Artefact {
            path: "m/a.txt".into(),
            bytes: b"x".to_vec(),
        };
        assert!(write_all(dir.path(), &[a]).is_err());
        assert!(!elsewhere.path().join("a.txt").exists());
    }
}
