//! `demarcate diff OLD NEW`: what moved between two versions of a model, each a file or
//! `REV:PATH` read from git; exit 0 when they say the same, 1 when they differ.

use std::io::Read as _;
use std::path::Path;
use std::process::{Command, Stdio};

use super::{DiffArgs, DiffFormat, Exit, Outcome, fail, report};
use crate::Loaded;
use crate::diag::{Diagnostic, visible};
use crate::files::Links;
use crate::limits::Limits;

/// `demarcate diff`.
pub(super) fn run(args: &DiffArgs) -> Outcome {
    let limits = args.limits.limits();
    let old = side(&args.old, &limits)?;
    let new = side(&args.new, &limits)?;
    let mut bad = false;
    for l in [&old, &new] {
        for d in l.diags().iter().filter(|d| d.is_error()) {
            report(d, Some(&l.source));
            bad = true;
        }
    }
    let (Some(a), Some(b)) = (old.model(), new.model()) else {
        debug_assert!(bad);
        return Err(super::run::exit_of(&[old, new]));
    };
    let d = crate::diff::diff(a, b);
    let out = match args.format {
        DiffFormat::Text => crate::diff::text(&d, &args.old, &args.new),
        DiffFormat::Md => crate::diff::markdown(&d, &args.old, &args.new),
        DiffFormat::Json => {
            let doc = serde_json::json!({
                "old": args.old,
                "new": args.new,
                "equal": d.is_empty(),
                "cells": d.cells,
                "parts": d.parts,
                "text": d.text,
            });
            format!("{doc:#}\n")
        }
    };
    super::print_out(&out)?;
    if let Some(file) = &args.picture {
        draw(&d, b, args, file)?;
    }
    if d.is_empty() {
        Ok(())
    } else {
        Err(Exit::Stale)
    }
}

/// One side: the file `spec` names, else, when `spec` is `REV:PATH` and no such file exists,
/// the blob git has for it.
fn side(spec: &str, limits: &Limits) -> Result<Loaded, Exit> {
    let path = Path::new(spec);
    match spec.split_once(':') {
        Some((rev, file)) if !path.exists() && !rev.is_empty() && !file.is_empty() => {
            let text = from_git(spec, rev, limits)?;
            Ok(crate::load_str_with(path, text, limits))
        }
        _ => Ok(crate::load_file_with(path, limits, Links::Follow)),
    }
}

/// The text of `REV:PATH` in the git repository around the current folder.
fn from_git(spec: &str, rev: &str, limits: &Limits) -> Result<String, Exit> {
    // git failing is an input/output error (exit 3); a revision that cannot be one, or a blob
    // over the size limit, is an invalid input (exit 2), as for a file.
    let refuse_as = |exit: Exit, why: String, hint: &str| {
        fail(
            &Diagnostic::error(why).in_file(Path::new(spec)).hint(hint),
            exit,
        )
    };
    let refuse = |why: String, hint: &str| refuse_as(Exit::Io, why, hint);
    if rev.starts_with('-') {
        return Err(refuse_as(
            Exit::Invalid,
            format!("`{}` is not a revision", visible(rev)),
            "write `REV:PATH`, e.g. `HEAD~1:model/aws.yaml`",
        ));
    }
    let child = Command::new("git")
        .args(["cat-file", "blob", spec])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = child.map_err(|e| {
        refuse(
            format!("cannot run git to read `{}`: {e}", visible(spec)),
            "install git, or give the old model as a file",
        )
    })?;
    let mut bytes = Vec::new();
    let limit = limits.max_input_bytes as u64;
    let read = child
        .stdout
        .take()
        .map(|s| s.take(limit + 1).read_to_end(&mut bytes));
    let mut err = String::new();
    if let Some(mut e) = child.stderr.take() {
        let _ = (&mut e).take(4096).read_to_string(&mut err);
    }
    let _ = child.kill();
    let status = child.wait();
    let ok = matches!(read, Some(Ok(_))) && status.is_ok_and(|s| s.success());
    if bytes.len() as u64 > limit {
        return Err(refuse_as(
            Exit::Invalid,
            format!("`{}` is over {} bytes", visible(spec), limit),
            "raise the limit with `--max-input-bytes`",
        ));
    }
    if !ok {
        return Err(refuse(
            format!(
                "git cannot read `{}`: {}",
                visible(spec),
                visible(err.trim())
            ),
            "name a revision and a path in it, e.g. `HEAD~1:model/aws.yaml`, from inside the repository",
        ));
    }
    crate::load::decode(bytes).map_err(|d| fail(&d.in_file(Path::new(spec)), Exit::Invalid))
}

/// Writes the diff picture to `file`: SVG, or PNG when its name ends in `.png`.
fn draw(d: &crate::diff::Diff, new: &crate::model::Model, args: &DiffArgs, file: &Path) -> Outcome {
    let theme = args.theme.theme();
    let words = crate::words::Words::default();
    let scene = crate::diff::picture(d, new, (&args.old, &args.new), &theme, &words);
    let renderer = crate::render::Renderer::new(None).map_err(|d| fail(&d, Exit::Invalid))?;
    let svg = renderer
        .svg("matrix.svg", &scene, "diff", false)
        .map_err(|d| fail(&d, Exit::Invalid))?;
    let png = file
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("png"));
    let bytes = if png {
        // The slide around the picture in the picture's own background.
        let canvas = crate::BuildOptions::default()
            .in_theme(theme.clone())
            .canvas;
        crate::raster::png(&svg, canvas).map_err(|e| {
            fail(
                &Diagnostic::error(format!("cannot draw the PNG: {e}")),
                Exit::Invalid,
            )
        })?
    } else {
        svg.into_bytes()
    };
    let dir = file
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = file
        .file_name()
        .map(std::path::PathBuf::from)
        .unwrap_or_default();
    crate::write::write_all(dir, &[crate::write::Artefact { path: name, bytes }]).map_err(|e| {
        let d = Diagnostic::error(format!("cannot write the picture: {}", e.kind)).in_file(&e.path);
        fail(&d, Exit::Io)
    })?;
    Ok(())
}
