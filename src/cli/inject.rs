//! `demarcate inject`: refreshes the marked regions of Markdown files.

use std::path::{Path, PathBuf};

use super::run::{Templates, models_for_regions, settings_and_templates};
use super::settings::Settings;
use super::{BuildArgs, Exit, InjectArgs, Outcome, fail, plural, report};
use crate::diag::{Diagnostic, shown};
use crate::files::{self, Links};
use crate::model::Model;
use crate::write::{self, Artefact};
use crate::{Loaded, inject};

/// The largest Markdown file `inject` reads. Default: 16 MiB.
const MAX_MARKDOWN: u64 = 16 * 1024 * 1024;

/// `demarcate inject`.
pub(super) fn run(args: &InjectArgs) -> Outcome {
    let build = BuildArgs {
        models: args.models.clone(),
        input: args.input.clone(),
        output: args.output.clone(),
        theme: args.theme.clone(),
        ..BuildArgs::default()
    };
    let (settings, templates) = settings_and_templates(&build)?;
    let loaded = models_for_regions(&settings)?;
    let models: Vec<&Model> = loaded.iter().filter_map(Loaded::model).collect();
    let mut stale = Vec::new();
    for file in &args.files {
        if refresh(file, &models, &templates, &settings, args.check)? {
            stale.push(file.clone());
        }
    }
    let n = args.files.len();
    if stale.is_empty() {
        if !args.quiet {
            say!("{n} file{}: every region is fresh", plural(n));
        }
        return Ok(());
    }
    if args.check {
        for f in &stale {
            say!("stale: {}", shown(f));
        }
        say!(
            "{} of {n} file{} have stale regions; run `demarcate inject` to update",
            stale.len(),
            plural(n)
        );
        return Err(Exit::Stale);
    }
    if !args.quiet {
        say!("{} of {n} file{} updated", stale.len(), plural(n));
    }
    Ok(())
}

/// Regenerates the regions of one file and, unless `check`, writes it when it changed; returns
/// whether it had stale regions.
fn refresh(
    file: &Path,
    models: &[&Model],
    templates: &Templates,
    settings: &Settings,
    check: bool,
) -> Result<bool, Exit> {
    let text = files::read_text(file, MAX_MARKDOWN, Links::Follow).map_err(|e| {
        let d = Diagnostic::io_error(format!("cannot read the file: {e}")).in_file(file);
        fail(&d, Exit::Io)
    })?;
    let new = inject::inject(&text, |region| {
        inject::region_text(
            region,
            models,
            &templates.renderer,
            &templates.words,
            &settings.opts,
            &settings.output,
            file,
        )
    })
    .map_err(|d| {
        report(&d.in_file(file), Some(&text));
        Exit::Invalid
    })?;
    if new == text {
        return Ok(false);
    }
    if !check {
        let dir = file
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let name = PathBuf::from(file.file_name().unwrap_or_default());
        let written = write::write_all(
            dir,
            &[Artefact {
                path: name,
                bytes: new.into_bytes(),
            }],
        );
        written.map_err(|e| {
            let d =
                Diagnostic::error(format!("cannot write the file: {}", e.kind)).in_file(&e.path);
            fail(&d, Exit::Io)
        })?;
    }
    Ok(true)
}
