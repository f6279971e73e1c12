//! The one rule for paths that come from files in a repository (a `demarcate.toml`, a
//! book.toml): after `..` and symbolic links they must stay inside the repository that holds
//! the file (its git work tree; the file's own folder when it is in none). Paths typed on the command line are the user's own choice and never come here.

use std::path::{Component, Path, PathBuf};

use crate::diag::Diagnostic;

/// Why a path written in a repository's file may not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why {
    /// It is absolute (`/proc/self/environ`, `C:\x`).
    Absolute,
    /// Its `..` climb above the folder it must stay in.
    Climbs,
    /// It goes through a symbolic link (the path of the link as written) that leads outside
    /// the folder, or nowhere.
    Link(PathBuf),
    /// The folder itself cannot be resolved.
    Root(String),
}

/// A path that leaves the folder it must stay in, and which folder that is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Escape {
    /// Why.
    pub why: Why,
    /// Whether the folder is a git repository's work tree (else the file's own folder).
    pub in_repository: bool,
}

impl Escape {
    /// "`what = "value"` leaves the repository: …" with a hint; `folder` names the file's
    /// folder for when it is in no repository ("the config's folder").
    pub fn diagnostic(&self, what: &str, value: &str, folder: &str) -> Diagnostic {
        let subject = format!(
            "`{} = \"{}\"`",
            crate::diag::visible(what),
            crate::diag::visible(value)
        );
        self.about(&subject, folder)
    }

    /// "SUBJECT leaves ROOT: why", with a hint.
    pub fn about(&self, subject: &str, folder: &str) -> Diagnostic {
        let root = if self.in_repository {
            "the repository"
        } else {
            folder
        };
        let why = match &self.why {
            Why::Absolute => "it is an absolute path".to_string(),
            Why::Climbs => "its `..` climb above it".to_string(),
            Why::Link(at) => format!(
                "`{}` is a symbolic link that leads outside it (or nowhere)",
                crate::diag::shown(at)
            ),
            Why::Root(e) => format!("the folder cannot be resolved: {e}"),
        };
        Diagnostic::error(format!("{subject} leaves {root}: {why}")).hint(format!(
            "paths in a repository's files must stay inside {root}, after `..` and symbolic links; \
             name a path outside it on the command line instead, where it is your own choice"
        ))
    }
}

/// The folder a path written in a file of `here` (canonical) must stay in: the top of the git
/// work tree that holds it (the nearest folder above with a `.git`), else `here` itself. So a
/// book in `docs/` may name `../model/*.yaml` of its repository, and nothing outside it.
fn root_of(here: &Path) -> (PathBuf, bool) {
    match here
        .ancestors()
        .find(|d| std::fs::symlink_metadata(d.join(".git")).is_ok())
    {
        Some(top) => (top.to_path_buf(), true),
        None => (here.to_path_buf(), false),
    }
}

/// `value`, a path written in a file of the repository (a config, book.toml), joined to `base`
/// (the folder holding that file, relative to the current folder) only when it stays inside
/// the repository ([`root_of`]): relative, no `..` above it, and no symbolic link on the way
/// that leads outside it (or nowhere). The parts that do not exist yet cannot be links; a
/// pattern's `*` part never exists. So a committed `models = ["/proc/self/environ"]`,
/// `output = "../victim"` or a committed folder link `model -> ../outside` is refused before
/// anything is read or written.
pub fn confine(base: &Path, value: &str) -> Result<PathBuf, Escape> {
    let here = if base.as_os_str().is_empty() {
        Path::new(".")
    } else {
        base
    };
    let here = std::fs::canonicalize(here).map_err(|e| Escape {
        why: Why::Root(crate::files::os_message(&e)),
        in_repository: false,
    })?;
    let (root, in_repository) = root_of(&here);
    let escape = |why| Escape { why, in_repository };
    // A Windows-style absolute path written on Unix is one plain name; refuse it too.
    if value.starts_with(['/', '\\']) || value.get(1..3).is_some_and(|s| s == ":\\" || s == ":/") {
        return Err(escape(Why::Absolute));
    }
    let mut at = here;
    // Whether `at` exists: below a part that does not, no part can be a link.
    let mut exists = true;
    let mut walked = PathBuf::new();
    for c in Path::new(value).components() {
        match c {
            Component::Normal(part) => {
                at.push(part);
                walked.push(part);
                if !exists {
                    continue;
                }
                match std::fs::symlink_metadata(&at) {
                    Err(_) => exists = false,
                    Ok(m) if m.file_type().is_symlink() => match std::fs::canonicalize(&at) {
                        Ok(real) if real.starts_with(&root) => at = real,
                        _ => return Err(escape(Why::Link(walked))),
                    },
                    Ok(_) => {}
                }
            }
            Component::CurDir => {}
            Component::ParentDir => {
                if at == root || !at.pop() {
                    return Err(escape(Why::Climbs));
                }
                walked.push("..");
            }
            Component::RootDir | Component::Prefix(_) => return Err(escape(Why::Absolute)),
        }
    }
    Ok(base.join(value))
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
        let ok = |v: &str| confine(&base, v).map_err(|e| e.why);
        assert_eq!(ok("docs/out").unwrap(), base.join("docs/out"));
        assert_eq!(
            ok("./docs/../model/*.yaml").unwrap(),
            base.join("./docs/../model/*.yaml")
        );
        assert_eq!(ok("/proc/self/environ"), Err(Why::Absolute));
        assert_eq!(ok("C:\\secret.txt"), Err(Why::Absolute));
        assert_eq!(ok("../secret.txt"), Err(Why::Climbs));
        assert_eq!(ok("docs/../../secret.txt"), Err(Why::Climbs));
        #[cfg(unix)]
        {
            use std::os::unix::fs::symlink;
            symlink(dir.path().join("outside"), base.join("model")).unwrap();
            symlink(base.join("docs"), base.join("inside")).unwrap();
            symlink(dir.path().join("gone"), base.join("dangling")).unwrap();
            assert_eq!(ok("model/*.yaml"), Err(Why::Link("model".into())));
            assert_eq!(ok("model"), Err(Why::Link("model".into())));
            assert_eq!(ok("dangling/x"), Err(Why::Link("dangling".into())));
            assert_eq!(
                ok("inside/model/a.yaml").unwrap(),
                base.join("inside/model/a.yaml")
            );
        }
    }
}
