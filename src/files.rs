//! Reading a file on a user's behalf: every file demarcate reads (a model, a template,
//! `words.yaml`, the config, a file in the output folder) is treated as hostile.
//!
//! [`read`] reads at most a limit plus one byte (so `/dev/zero` or a 4 GB file costs no more
//! than the limit), refuses anything but a regular file (a folder, a FIFO, a device, a socket)
//! without blocking on it, and refuses a symbolic link unless the caller allows one (a path the
//! user named on the command line). The checks are made on the opened file, so a file swapped
//! between the check and the read cannot slip through.

use std::fmt;
use std::fs::{File, Metadata, OpenOptions};
use std::io::Read as _;
use std::path::Path;

/// Whether a symbolic link may be followed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Links {
    /// The user named this path on the command line: a link is read like its target.
    Follow,
    /// The path was found by a pattern, listed in a file, or lies in a folder: a link is refused.
    Refuse,
}

/// Why a file was not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// The operating system refused (missing, no permission, …); the text is its message.
    Io(String),
    /// The path is a symbolic link and links are refused here.
    Link,
    /// The path is not a regular file; the text says what it is ("a folder", "a named pipe").
    NotRegular(&'static str),
    /// The file holds more than the limit; the size is known when the file system says it.
    TooLarge {
        /// The most bytes that may be read.
        limit: u64,
    },
}

impl ReadError {
    /// Whether this is an input/output failure (exit 3) rather than a refusal (exit 2).
    pub fn is_io(&self) -> bool {
        matches!(self, ReadError::Io(_) | ReadError::NotRegular(_))
    }

    /// "cannot read `what`: …" as a diagnostic in `path`: an I/O error (exit 3) or an invalid
    /// input (exit 2), as [`ReadError::is_io`] says.
    pub fn diagnostic(&self, what: &str, path: &Path) -> crate::diag::Diagnostic {
        use crate::diag::Diagnostic;
        let message = format!("cannot read {what}: {self}");
        let d = if self.is_io() {
            Diagnostic::io_error(message)
        } else {
            Diagnostic::error(message)
        };
        d.in_file(path)
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Io(m) => f.write_str(m),
            ReadError::Link => f.write_str("it is a symbolic link, which is not followed here"),
            ReadError::NotRegular(what) => write!(f, "it is {what}, not a regular file"),
            ReadError::TooLarge { limit } => {
                write!(f, "it is larger than the limit of {limit} bytes")
            }
        }
    }
}

fn io(e: std::io::Error) -> ReadError {
    ReadError::Io(os_message(&e))
}

/// An I/O error's text ("No such file or directory") without "(os error 2)".
pub fn os_message(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.find(" (os error") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

/// What a non-regular file is, in words.
fn kind(meta: &Metadata) -> Option<&'static str> {
    let t = meta.file_type();
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if t.is_fifo() {
            return Some("a named pipe");
        }
        if t.is_char_device() || t.is_block_device() {
            return Some("a device");
        }
        if t.is_socket() {
            return Some("a socket");
        }
    }
    Some("not a regular file")
}

/// Whether `path` itself (not what it points to) is a symbolic link.
pub fn is_link(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

fn open(path: &Path, links: Links) -> Result<File, ReadError> {
    let meta = std::fs::symlink_metadata(path).map_err(io)?;
    if meta.file_type().is_symlink() {
        if links == Links::Refuse {
            return Err(ReadError::Link);
        }
        let target = std::fs::metadata(path).map_err(io)?;
        if let Some(what) = kind(&target) {
            return Err(ReadError::NotRegular(what));
        }
    } else if let Some(what) = kind(&meta) {
        return Err(ReadError::NotRegular(what));
    }
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        // Never block on a FIFO swapped in after the check; never follow a link swapped in.
        let nofollow = if links == Links::Refuse {
            libc::O_NOFOLLOW
        } else {
            0
        };
        options.custom_flags(libc::O_NONBLOCK | nofollow);
    }
    let file = options.open(path).map_err(|e| {
        if links == Links::Refuse && is_link(path) {
            ReadError::Link
        } else {
            io(e)
        }
    })?;
    let meta = file.metadata().map_err(io)?;
    if let Some(what) = kind(&meta) {
        return Err(ReadError::NotRegular(what));
    }
    Ok(file)
}

/// Reads the regular file at `path`, at most `limit` bytes.
pub fn read(path: &Path, limit: u64, links: Links) -> Result<Vec<u8>, ReadError> {
    let file = open(path, links)?;
    let size = file.metadata().map_err(io)?.len();
    if size > limit {
        return Err(ReadError::TooLarge { limit });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0).saturating_add(1));
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { limit });
    }
    Ok(bytes)
}

/// Reads the regular file at `path` as UTF-8 text, at most `limit` bytes.
pub fn read_text(path: &Path, limit: u64, links: Links) -> Result<String, ReadError> {
    let bytes = read(path, limit, links)?;
    String::from_utf8(bytes).map_err(|e| {
        ReadError::Io(format!(
            "it is not valid UTF-8 (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        ))
    })
}

/// The largest template, `words.yaml` or config file read. Default: 1 MiB.
pub const MAX_SMALL_FILE: u64 = 1024 * 1024;

/// Reads a template or `words.yaml` of the user's templates folder: a regular file (never a
/// link) of at most [`MAX_SMALL_FILE`] in UTF-8; the error names `what` and hints a fix.
pub fn read_user_text(path: &Path, what: &str) -> Result<String, crate::diag::Diagnostic> {
    read_text(path, MAX_SMALL_FILE, Links::Refuse).map_err(|e| {
        let hint = match e {
            ReadError::Link => "templates and words.yaml must be regular files inside the templates folder; copy the file in place of the link",
            ReadError::TooLarge { .. } => "a template is text of at most 1 MiB",
            _ => "check the file",
        };
        e.diagnostic(what, path).hint(hint)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_regular_files_within_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        std::fs::write(&p, "hello").unwrap();
        assert_eq!(read(&p, 5, Links::Refuse).unwrap(), b"hello");
        assert_eq!(
            read(&p, 4, Links::Refuse),
            Err(ReadError::TooLarge { limit: 4 })
        );
        assert_eq!(
            read(dir.path(), 10, Links::Follow),
            Err(ReadError::NotRegular("a folder"))
        );
        assert!(matches!(
            read(&dir.path().join("missing"), 10, Links::Follow),
            Err(ReadError::Io(_))
        ));
    }

    #[cfg(unix)]
    #[test]
    fn refuses_links_devices_and_pipes() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("secret");
        std::fs::write(&target, "canary").unwrap();
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        assert_eq!(read(&link, 100, Links::Refuse), Err(ReadError::Link));
        assert_eq!(read(&link, 100, Links::Follow).unwrap(), b"canary");
        assert_eq!(
            read(Path::new("/dev/zero"), 100, Links::Follow),
            Err(ReadError::NotRegular("a device"))
        );
        let fifo = dir.path().join("fifo");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            assert_eq!(
                read(&fifo, 100, Links::Follow),
                Err(ReadError::NotRegular("a named pipe"))
            );
        }
    }
}
