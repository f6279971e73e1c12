//! `demarcate new`: writes a starting model.

use std::path::Path;

use super::{Exit, Outcome, Starter, fail};
use crate::diag::{Diagnostic, shown};
use crate::starter;

/// `demarcate new`.
pub(super) fn run(file: &Path, from: Starter) -> Outcome {
    let name = match from {
        Starter::Minimal => "minimal",
        Starter::Aws => "aws",
        Starter::Azure => "azure",
    };
    let stem = file
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("my-model");
    let id = match crate::model::Slug::suggest(stem) {
        s if s.is_empty() => "my-model".to_string(),
        s => s,
    };
    let text =
        starter::starter(name, &id, "demarcate.schema.json").expect("every starter is bundled");
    if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty())
        && let Err(e) = std::fs::create_dir_all(dir)
    {
        let d = Diagnostic::io_error(format!("cannot create the folder: {e}")).in_file(dir);
        return Err(fail(&d, Exit::Io));
    }
    let created = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(file)
        .and_then(|mut f| std::io::Write::write_all(&mut f, text.as_bytes()));
    match created {
        Ok(()) => {
            say!("wrote {} (from the {name} starter, id `{id}`)", shown(file));
            say!(
                "next: `demarcate build {}`; for editor completion: `demarcate schema > {}` beside it",
                shell_quote(&shown(file)),
                shell_quote(&shown(&file.with_file_name("demarcate.schema.json")))
            );
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            let d = Diagnostic::error("the file already exists")
                .in_file(file)
                .hint("pick another name; `new` never overwrites a file");
            Err(fail(&d, Exit::Invalid))
        }
        Err(e) => {
            let d = Diagnostic::io_error(format!("cannot write the file: {e}")).in_file(file);
            Err(fail(&d, Exit::Io))
        }
    }
}

/// `text` as one word for a POSIX shell: as it is when it holds only safe characters, else in
/// single quotes.
fn shell_quote(text: &str) -> String {
    let safe = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:=@%+,".contains(c));
    if safe {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}
