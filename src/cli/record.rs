//! The build record: what the last `build` made, and from which inputs. `build` writes it to
//! `.demarcate.record` in the output folder; a later `check` or `build` whose inputs digest
//! to the same value knows what a build would make without building it (outputs are a
//! function of their inputs), so it only compares the files on disk with the record: every
//! text file by its SHA-256, every PNG by its stamp. Any difference, a missing or unreadable
//! record, or inputs it cannot read sends it down the full path, which finds and explains
//! the difference. The record is deterministic (no times, no absolute paths), so it can be
//! committed with the outputs like any other file.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::run::Made;
use super::settings::Settings;
use crate::files::{self, Links};
use crate::write::{self, OnDisk};

/// The record's file name, at the top of the output folder (outside every model's folder).
pub(super) const FILE: &str = ".demarcate.record";

/// The first line of a record; a change to the format changes it.
const HEADER: &str = "demarcate build record 1";

/// What a build made: the digest of its inputs, and every file with what identifies it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Record {
    inputs: String,
    pub(super) models: usize,
    pub(super) warnings: usize,
    pub(super) notes: Vec<String>,
    pub(super) dirs: Vec<PathBuf>,
    /// Each file, relative to the output folder, with the SHA-256 of its bytes (text) or the
    /// key its stamp carries (PNG).
    pub(super) files: Vec<(PathBuf, Entry)>,
    /// Files an earlier build made that this one no longer makes and left in place (a build
    /// without `--prune`): still demarcate's, so a later `--prune` may remove them.
    pub(super) left: Vec<PathBuf>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Entry {
    Sha256(String),
    Stamp(String),
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// Feeds one length-prefixed part to `h`, so that parts cannot run into each other.
fn part(h: &mut Sha256, bytes: &[u8]) {
    h.update((bytes.len() as u64).to_le_bytes());
    h.update(bytes);
}

/// The digest of everything a build's outputs depend on: demarcate's own sources, the
/// settings, every model file and each translation beside it, and the templates folder.
/// `None` when any of them cannot be read (the full path then reports why).
pub(super) fn inputs(settings: &Settings) -> Option<String> {
    let mut h = Sha256::new();
    part(&mut h, env!("DEMARCATE_SOURCE_DIGEST").as_bytes());
    part(
        &mut h,
        format!(
            "{:?} {:?} {:?}",
            settings.opts, settings.limits, settings.lang
        )
        .as_bytes(),
    );
    let limit = settings.limits.max_input_bytes as u64;
    for m in &settings.models {
        part(&mut h, &files::read(&m.path, limit, m.links).ok()?);
        for (lang, path) in crate::lang::beside(&m.path) {
            part(&mut h, lang.as_bytes());
            part(&mut h, &files::read(&path, limit, Links::Refuse).ok()?);
        }
    }
    if let Some(dir) = &settings.templates {
        let mut names: Vec<PathBuf> = std::fs::read_dir(dir)
            .ok()?
            .map(|e| e.map(|e| e.path()))
            .collect::<Result<_, _>>()
            .ok()?;
        names.sort();
        for path in names {
            part(&mut h, path.file_name()?.as_encoded_bytes());
            match files::read(&path, limit, Links::Refuse) {
                Ok(bytes) => part(&mut h, &bytes),
                // Folders and links in the templates folder are not read by a build either.
                Err(files::ReadError::NotRegular(_)) => part(&mut h, b"-"),
                Err(_) => return None,
            }
        }
    }
    Some(hex(&h.finalize()))
}

impl Record {
    /// The record of `made`, built from `inputs` (model paths are not part of it: outputs
    /// depend on the files' contents only, and the record stays the same on every machine).
    pub(super) fn of(inputs: String, made: &Made, warnings: usize) -> Record {
        let mut files = Vec::new();
        for a in &made.files {
            files.push((
                a.path.clone(),
                Entry::Sha256(hex(&Sha256::digest(&a.bytes))),
            ));
        }
        for j in &made.pngs {
            files.push((j.path.clone(), Entry::Stamp(j.key.clone())));
        }
        files.sort_by(|a, b| a.0.cmp(&b.0));
        Record {
            inputs,
            models: made.models,
            warnings,
            notes: made.notes.clone(),
            dirs: made.dirs.clone(),
            files,
            left: Vec::new(),
        }
    }

    /// Every file this record says demarcate made: those of the build, and those it left.
    pub(super) fn made_by_demarcate(&self) -> Vec<PathBuf> {
        let mut all: Vec<PathBuf> = self.files.iter().map(|(p, _)| p.clone()).collect();
        all.extend(self.left.iter().cloned());
        all
    }

    /// The record as text: a header, then one line a fact (no line of the notes can break
    /// a line, as notes never hold a line break).
    pub(super) fn to_text(&self) -> String {
        let mut s = format!(
            "{HEADER}\ninputs {}\nmodels {}\nwarnings {}\n",
            self.inputs, self.models, self.warnings
        );
        for n in &self.notes {
            let _ = writeln!(s, "note {}", n.replace('\n', " "));
        }
        for d in &self.dirs {
            let _ = writeln!(s, "dir {}", d.display());
        }
        for (path, entry) in &self.files {
            let (kind, value) = match entry {
                Entry::Sha256(h) => ("sha256", h),
                Entry::Stamp(k) => ("stamp", k),
            };
            let _ = writeln!(s, "{kind} {value} {}", path.display());
        }
        for p in &self.left {
            let _ = writeln!(s, "left {}", p.display());
        }
        s
    }

    /// A record read back; `None` for anything that is not a whole record of this format.
    pub(super) fn parse(text: &str) -> Option<Record> {
        let mut lines = text.lines();
        (lines.next()? == HEADER).then_some(())?;
        let inputs = lines.next()?.strip_prefix("inputs ")?.to_string();
        let models = lines.next()?.strip_prefix("models ")?.parse().ok()?;
        let warnings = lines.next()?.strip_prefix("warnings ")?.parse().ok()?;
        let mut r = Record {
            inputs,
            models,
            warnings,
            notes: Vec::new(),
            dirs: Vec::new(),
            files: Vec::new(),
            left: Vec::new(),
        };
        for line in lines {
            let (kind, rest) = line.split_once(' ')?;
            match kind {
                "note" => r.notes.push(rest.to_string()),
                "dir" => r.dirs.push(confined(rest)?),
                "left" => r.left.push(confined(rest)?),
                "sha256" | "stamp" => {
                    let (value, path) = rest.split_once(' ')?;
                    let entry = if kind == "sha256" {
                        Entry::Sha256(value.to_string())
                    } else {
                        Entry::Stamp(value.to_string())
                    };
                    r.files.push((confined(path)?, entry));
                }
                _ => return None,
            }
        }
        Some(r)
    }

    /// The record in `root` made from `inputs`, if there is one.
    pub(super) fn read(root: &Path, inputs: &str) -> Option<Record> {
        Record::read_any(root).filter(|r| r.inputs == inputs)
    }

    /// The record in `root`, whatever inputs it was made from.
    pub(super) fn read_any(root: &Path) -> Option<Record> {
        let OnDisk::File(Some(bytes)) = write::on_disk(root, Path::new(FILE), 64 << 20) else {
            return None;
        };
        Record::parse(std::str::from_utf8(&bytes).ok()?)
    }

    /// Whether every recorded file is on disk with the recorded bytes or stamp (read without
    /// following links, like every look at the output folder).
    pub(super) fn fresh(&self, root: &Path) -> bool {
        self.files.iter().all(|(path, entry)| match entry {
            Entry::Stamp(key) => write::png_is_current(root, path, key),
            Entry::Sha256(want) => matches!(
                write::on_disk(root, path, write::MAX_OUTPUT_READ),
                OnDisk::File(Some(bytes)) if hex(&Sha256::digest(&bytes)) == *want
            ),
        })
    }

    /// Every recorded file, relative to the output folder.
    pub(super) fn paths(&self) -> Vec<&Path> {
        self.files.iter().map(|(p, _)| p.as_path()).collect()
    }
}

/// A path of a record, only when it is relative and plain (no `..`), like every output path.
fn confined(text: &str) -> Option<PathBuf> {
    let path = PathBuf::from(text);
    write::is_confined(&path).then_some(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Record {
        Record {
            inputs: "ab".repeat(32),
            models: 2,
            warnings: 1,
            notes: vec!["aws: a note".into()],
            dirs: vec!["aws".into(), "azure".into()],
            files: vec![
                ("aws/a b.md".into(), Entry::Sha256("00".repeat(32))),
                ("aws/stack.png".into(), Entry::Stamp("11".repeat(32))),
            ],
            left: vec!["aws/stack-gone.svg".into()],
        }
    }

    #[test]
    fn a_record_reads_back_as_written() {
        let r = sample();
        assert_eq!(Record::parse(&r.to_text()), Some(r));
    }

    #[test]
    fn a_damaged_or_escaping_record_is_no_record() {
        let text = sample().to_text();
        assert_eq!(Record::parse(&text.replace("record 1", "record 2")), None);
        assert_eq!(Record::parse(&text.replace("aws/stack.png", "../x")), None);
        assert_eq!(Record::parse(&text.replace("dir azure", "dir /etc")), None);
        assert_eq!(Record::parse(&format!("{text}what 1\n")), None);
        assert_eq!(Record::parse(&text[..20]), None);
    }
}
