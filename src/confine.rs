//! The one rule for paths that come from files in a repository (a `demarcate.toml`, a
//! book.toml): after `..` and symbolic links they must stay inside the folder that holds the
//! file. Paths typed on the command line are the user's own choice and never come here.

use std::path::{Component, Path, PathBuf};

use crate::diag::Diagnostic;

/// Why a path written in a repository's file may not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Escape {
    /// It is absolute (`/proc/self/environ`, `C:\x`).
    Absolute,
    /// Its `..` climb above the folder.
    Climbs,
    /// It goes through a symbolic link (the path of the link, relative to the folder) that
    /// leads outside the folder, or nowhere.
    Link(PathBuf),
    /// The folder itself cannot be resolved.
    Root(String),
}

impl Escape {
    /// "`what = "value"` leaves the config's folder: …" with a hint.
    pub fn diagnostic(&self, what: &str, value: &str, root: &str) -> Diagnostic {
        let subject = format!(
            "`{} = \"{}\"`",
            crate::diag::visible(what),
            crate::diag::visible(value)
        );
        self.about(&subject, root)
    }

    /// "SUBJECT leaves ROOT: why", with a hint.
    pub fn about(&self, subject: &str, root: &str) -> Diagnostic {
        let head = format!("{subject} leaves {root}");
        let why = match self {
            Escape::Absolute => "it is an absolute path".to_string(),
            Escape::Climbs => "its `..` climb above it".to_string(),
            Escape::Link(at) => format!(
                "`{}` is a symbolic link that leads outside it (or nowhere)",
                crate::diag::shown(at)
            ),
            Escape::Root(e) => format!("the folder cannot be resolved: {e}"),
        };
        Diagnostic::error(format!("{head}: {why}")).hint(format!(
            "paths in a repository's files must stay inside {root}, after `..` and symbolic links; \
             name a path outside it on the command line instead, where it is your own choice"
        ))
    }
}

/// `value`, a path written in a file of the repository (a config, book.toml), joined to `base`
/// (the folder holding that file, relative to the current folder) only when it stays inside
/// `base`: relative, no `..` above it, and no symbolic link on the way that leads outside it
/// (or nowhere). The parts that do not exist yet cannot be links; a pattern's `*` part never
/// exists. So a committed `models = ["/proc/self/environ"]`, `output = "../victim"` or a
/// committed folder link `model -> ../outside` is refused before anything is read or written.
pub fn confine(base: &Path, value: &str) -> Result<PathBuf, Escape> {
    let mut plain = PathBuf::new();
    for c in Path::new(value).components() {
        match c {
            Component::Normal(n) => plain.push(n),
            Component::CurDir => {}
            Component::ParentDir => {
                if !plain.pop() {
                    return Err(Escape::Climbs);
                }
            }
            Component::RootDir | Component::Prefix(_) => return Err(Escape::Absolute),
        }
    }
    // A Windows-style absolute path written on Unix is one plain name; refuse it too.
    if value.starts_with(['/', '\\']) || value.get(1..3).is_some_and(|s| s == ":\\" || s == ":/") {
        return Err(Escape::Absolute);
    }
    let here = if base.as_os_str().is_empty() {
        Path::new(".")
    } else {
        base
    };
    let root =
        std::fs::canonicalize(here).map_err(|e| Escape::Root(crate::files::os_message(&e)))?;
    let mut at = root.clone();
    let mut walked = PathBuf::new();
    for part in plain.components() {
        at.push(part);
        walked.push(part);
        match std::fs::symlink_metadata(&at) {
            // Nothing there yet: nothing below it can be a link.
            Err(_) => break,
            Ok(m) if m.file_type().is_symlink() => match std::fs::canonicalize(&at) {
                Ok(real) if real.starts_with(&root) => at = real,
                _ => return Err(Escape::Link(walked)),
            },
            Ok(_) => {}
        }
    }
    Ok(base.join(plain))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_inside_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path().join("repo");
        std::fs::create_dir_all(base.join("docs/model")).unwrap();
        std::fs::create_dir(dir.path().join("outside")).unwrap();
        let ok = |v: &str| confine(&base, v);
        assert_eq!(ok("docs/out").unwrap(), base.join("docs/out"));
        assert_eq!(
            ok("./docs/../model/*.yaml").unwrap(),
            base.join("model/*.yaml")
        );
        assert_eq!(ok("/proc/self/environ"), Err(Escape::Absolute));
        assert_eq!(ok("C:\\secret.txt"), Err(Escape::Absolute));
        assert_eq!(ok("../secret.txt"), Err(Escape::Climbs));
        assert_eq!(ok("docs/../../secret.txt"), Err(Escape::Climbs));
        #[cfg(unix)]
        {
            use std::os::unix::fs::symlink;
            symlink(dir.path().join("outside"), base.join("model")).unwrap();
            symlink(base.join("docs"), base.join("inside")).unwrap();
            symlink(dir.path().join("gone"), base.join("dangling")).unwrap();
            assert_eq!(ok("model/*.yaml"), Err(Escape::Link("model".into())));
            assert_eq!(ok("model"), Err(Escape::Link("model".into())));
            assert_eq!(ok("dangling/x"), Err(Escape::Link("dangling".into())));
            assert_eq!(
                ok("inside/model/a.yaml").unwrap(),
                base.join("inside/model/a.yaml")
            );
        }
    }
}
