//! A write in progress: files are staged one by one (from any thread, as soon as each is
//! made) as temporary files beside their targets, and renamed into place together by
//! [`Batch::commit`]. A batch dropped without a commit removes what it staged and the folders
//! it created, so a failed build leaves the previous outputs as they were.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::{
    Artefact, OnDisk, WriteError, WriteErrorKind, Written, check_dirs, ensure_dir, fail, io_fail,
    is_confined, on_disk,
};

/// How the temporary files a build writes beside its targets begin; no target's name does.
pub(super) const SCRATCH_PREFIX: &str = ".demarcate-";

/// Files staged for one output folder, renamed into place by [`Batch::commit`].
pub struct Batch {
    root: PathBuf,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    staged: Vec<(tempfile::TempPath, PathBuf)>,
    created: Vec<PathBuf>,
    unchanged: usize,
}

impl Batch {
    /// A batch writing under `root` (created when the first file is staged).
    pub fn new(root: &Path) -> Batch {
        Batch {
            root: root.to_path_buf(),
            state: Mutex::new(State::default()),
        }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        // A panic in another stager leaves the lists whole: each change is one push.
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Checks, writing nothing, that `rel` can be written: a plain relative path, no symbolic
    /// link or file on the way, and nothing but a regular file at it.
    pub fn check(&self, rel: &Path) -> Result<(), WriteError> {
        if !is_confined(rel) {
            return Err(fail(rel, WriteErrorKind::Outside));
        }
        let target = self.root.join(rel);
        check_dirs(&self.root, target.parent().unwrap_or(&self.root))?;
        match std::fs::symlink_metadata(&target) {
            Ok(m) if m.file_type().is_symlink() => Err(fail(&target, WriteErrorKind::Link)),
            Ok(m) if !m.is_file() => Err(fail(&target, WriteErrorKind::NotRegular)),
            _ => Ok(()),
        }
    }

    /// Stages `a` unless the file on disk already holds its bytes (then it only counts it as
    /// unchanged); returns whether it was staged.
    pub fn put(&self, a: &Artefact) -> Result<bool, WriteError> {
        match on_disk(&self.root, &a.path, a.bytes.len() as u64) {
            OnDisk::File(Some(old)) if old == a.bytes => {
                self.state().unchanged += 1;
                Ok(false)
            }
            OnDisk::Foreign(_) => Err(fail(&self.root.join(&a.path), WriteErrorKind::NotRegular)),
            OnDisk::Missing | OnDisk::File(_) => self.stage(&a.path, &a.bytes).map(|()| true),
        }
    }

    /// Writes `bytes` to a temporary file beside `rel`'s target, to be renamed into place by
    /// [`Batch::commit`]. Safe to call from many threads at once.
    pub fn stage(&self, rel: &Path, bytes: &[u8]) -> Result<(), WriteError> {
        self.check(rel)?;
        let target = self.root.join(rel);
        let dir = target.parent().unwrap_or(&self.root).to_path_buf();
        ensure_dir(&self.root, &dir, &mut self.state().created)?;
        let tmp = write_temp(&dir, &target, bytes)?;
        self.state().staged.push((tmp, target));
        Ok(())
    }

    /// Renames every staged file into place, in the order of their paths.
    pub fn commit(self) -> Result<Written, WriteError> {
        let mut state = std::mem::take(&mut *self.state());
        state.staged.sort_by(|a, b| a.1.cmp(&b.1));
        let mut done = Written {
            changed: 0,
            unchanged: state.unchanged,
        };
        for (tmp, target) in state.staged.drain(..) {
            tmp.persist(&target)
                .map_err(|e| io_fail(&target, &e.error))?;
            done.changed += 1;
        }
        Ok(done)
    }
}

impl Drop for Batch {
    fn drop(&mut self) {
        let state = std::mem::take(&mut *self.state());
        // Staged files go first (a TempPath removes its file when dropped), then the folders
        // this batch created, deepest first; a committed batch has neither.
        drop(state.staged);
        for d in state.created.iter().rev() {
            let _ = std::fs::remove_dir(d);
        }
    }
}

/// Writes `bytes` to a new temporary file in `dir`, readable by all (0644 on Unix). No fsync:
/// the rename keeps each file whole, and a file lost to a crash fails `check` and is rewritten
/// by the next build (see ARCHITECTURE.md, "Writing").
fn write_temp(dir: &Path, target: &Path, bytes: &[u8]) -> Result<tempfile::TempPath, WriteError> {
    let mut tmp = tempfile::Builder::new()
        .prefix(SCRATCH_PREFIX)
        .tempfile_in(dir)
        .map_err(|e| io_fail(target, &e))?;
    tmp.write_all(bytes).map_err(|e| io_fail(target, &e))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o644))
            .map_err(|e| io_fail(target, &e))?;
    }
    Ok(tmp.into_temp_path())
}
