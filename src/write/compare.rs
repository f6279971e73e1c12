//! Looking at the output folder without changing it: what stands at a path, how it differs
//! from a build, and which files a build no longer makes. Never through a link.

use std::path::{Component, Path, PathBuf};

use super::{Artefact, is_confined};

/// The most bytes read back from a file in the output folder to compare it (a PNG of
/// 8192×8192 pixels at scale 4 stays below it). Default: 256 MiB.
pub const MAX_OUTPUT_READ: u64 = 256 * 1024 * 1024;

/// What stands at a path inside the output folder, looked at without following any link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OnDisk {
    /// Nothing.
    Missing,
    /// A symbolic link, a folder, a device or a pipe, at the path or on the way to it; never
    /// read or followed. The text says what.
    Foreign(String),
    /// A regular file and its bytes (at most `limit`; `None` when it is larger).
    File(Option<Vec<u8>>),
}

/// Looks at `rel` under `root` without following a link on the way (each folder between
/// `root` and the file is checked) and reads it when it is a regular file of at most `limit`
/// bytes.
pub fn on_disk(root: &Path, rel: &Path, limit: u64) -> OnDisk {
    use crate::files::{self, Links, ReadError};
    if !is_confined(rel) {
        return OnDisk::Foreign("outside the output folder".into());
    }
    let mut at = root.to_path_buf();
    let parts: Vec<Component> = rel.components().collect();
    for (i, c) in parts.iter().enumerate() {
        at.push(c);
        let last = i + 1 == parts.len();
        match std::fs::symlink_metadata(&at) {
            Err(_) => return OnDisk::Missing,
            Ok(m) if m.file_type().is_symlink() => {
                return OnDisk::Foreign(format!("{} is a symbolic link", at.display()));
            }
            Ok(m) if !last && !m.is_dir() => {
                return OnDisk::Foreign(format!("{} is not a folder", at.display()));
            }
            Ok(_) => {}
        }
    }
    match files::read(&at, limit, Links::Refuse) {
        Ok(bytes) => OnDisk::File(Some(bytes)),
        Err(ReadError::TooLarge { .. }) => OnDisk::File(None),
        Err(e) => OnDisk::Foreign(format!("{}: {e}", at.display())),
    }
}

/// How a file on disk differs from what a build makes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Difference {
    /// The build makes it; the disk lacks it.
    Missing(PathBuf),
    /// Both have it, with other bytes; `old` is what the disk holds.
    Changed {
        /// The file, relative to the output folder.
        path: PathBuf,
        /// What the disk holds (empty for a PNG, compared by its stamp).
        old: Vec<u8>,
    },
    /// The disk has it inside a model's folder; the build no longer makes it.
    Extra(PathBuf),
    /// A symbolic link, a folder or a special file stands where the build puts a file (or on
    /// the way to it); it was neither read nor followed. The text says what.
    Foreign {
        /// The file, relative to the output folder.
        path: PathBuf,
        /// What stands there instead.
        what: String,
    },
}

/// Compares `artefacts` with the files under `root`, reading only, and never through a link.
pub fn compare(root: &Path, artefacts: &[Artefact]) -> Vec<Difference> {
    let mut out = Vec::new();
    for a in artefacts {
        match on_disk(root, &a.path, MAX_OUTPUT_READ) {
            OnDisk::File(Some(old)) if old == a.bytes => {}
            OnDisk::File(old) => out.push(Difference::Changed {
                path: a.path.clone(),
                old: old.unwrap_or_default(),
            }),
            OnDisk::Missing => out.push(Difference::Missing(a.path.clone())),
            OnDisk::Foreign(what) => out.push(Difference::Foreign {
                path: a.path.clone(),
                what,
            }),
        }
    }
    out
}

/// Whether the PNG at `rel` under `root` carries the stamp `key` (see
/// [`crate::raster::stamped_key`]); never read through a link.
pub fn png_is_current(root: &Path, rel: &Path, key: &str) -> bool {
    compare_stamped(root, rel, key).is_none()
}

/// Compares the PNG at `rel` under `root` with the one a build would draw with stamp `key`,
/// reading only, and never through a link. A changed PNG is reported without its old bytes.
pub fn compare_stamped(root: &Path, rel: &Path, key: &str) -> Option<Difference> {
    match on_disk(root, rel, MAX_OUTPUT_READ) {
        OnDisk::File(Some(bytes))
            if crate::raster::stamped_key(&bytes).is_some_and(|k| k == key) =>
        {
            None
        }
        OnDisk::File(_) => Some(Difference::Changed {
            path: rel.to_path_buf(),
            old: Vec::new(),
        }),
        OnDisk::Missing => Some(Difference::Missing(rel.to_path_buf())),
        OnDisk::Foreign(what) => Some(Difference::Foreign {
            path: rel.to_path_buf(),
            what,
        }),
    }
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
        // A model folder that is a link is never listed (nor pruned through).
        if std::fs::symlink_metadata(root.join(&rel)).map_or(true, |m| !m.is_dir()) {
            continue;
        }
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
