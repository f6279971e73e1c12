//! Gives the binary a digest of the sources it was built from (`DEMARCATE_SOURCE_DIGEST`), so
//! that a build record (see `src/cli/record.rs`) written by one build of demarcate is trusted
//! only by a build of the same sources, on any machine.

use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let path = e.path();
        match e.file_type() {
            Ok(t) if t.is_dir() => files(&path, out),
            Ok(t) if t.is_file() => out.push(path),
            _ => {}
        }
    }
}

fn main() {
    let mut list = Vec::new();
    for dir in ["src", "templates"] {
        println!("cargo::rerun-if-changed={dir}");
        files(Path::new(dir), &mut list);
    }
    for file in ["Cargo.toml", "Cargo.lock", "build.rs"] {
        println!("cargo::rerun-if-changed={file}");
        list.push(PathBuf::from(file));
    }
    list.sort();
    let mut h = Sha256::new();
    for path in &list {
        // Names with `/` on every system, then the bytes: the same digest on any machine.
        let name = path.to_string_lossy().replace('\\', "/");
        let bytes = std::fs::read(path).unwrap_or_default();
        h.update((name.len() as u64).to_le_bytes());
        h.update(name.as_bytes());
        h.update((bytes.len() as u64).to_le_bytes());
        h.update(&bytes);
    }
    let digest: String = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
    println!("cargo::rustc-env=DEMARCATE_SOURCE_DIGEST={digest}");
}
