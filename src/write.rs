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
