//! `demarcate templates export`: writes the bundled templates and words as a starting point.

use std::path::Path;

use super::{Exit, Outcome, fail};
use crate::diag::{Diagnostic, shown};

/// `demarcate templates export`.
pub(super) fn run(dir: &Path) -> Outcome {
    let mut files: Vec<(String, String)> = crate::render::BUILTIN
        .iter()
        .map(|(name, text)| (format!("{name}.tera"), text.to_string()))
        .collect();
    files.push((
        "words.yaml".to_string(),
        crate::words::Words::default().to_yaml(),
    ));
    std::fs::create_dir_all(dir).map_err(|e| {
        let d = Diagnostic::io_error(format!("cannot create the folder: {e}")).in_file(dir);
        fail(&d, Exit::Io)
    })?;
    let existing: Vec<&str> = files
        .iter()
        .filter(|(n, _)| dir.join(n).exists())
        .map(|(n, _)| n.as_str())
        .collect();
    if !existing.is_empty() {
        let d = Diagnostic::error(format!(
            "{} already exist{} there",
            existing.join(", "),
            if existing.len() == 1 { "s" } else { "" }
        ))
        .in_file(dir)
        .hint("export into an empty folder; `templates export` never overwrites a file");
        return Err(fail(&d, Exit::Invalid));
    }
    for (name, text) in &files {
        std::fs::write(dir.join(name), text).map_err(|e| {
            let d = Diagnostic::io_error(format!("cannot write the template: {e}"))
                .in_file(&dir.join(name));
            fail(&d, Exit::Io)
        })?;
    }
    say!(
        "wrote {} files to {}; build with them: `demarcate build --templates {}`",
        files.len(),
        shown(dir),
        shown(dir)
    );
    Ok(())
}
