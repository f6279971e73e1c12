//! The quiz for learning platforms: a Moodle GIFT file and an IMS QTI 2.1 content package
//! (a zip of a manifest, a test and one item per question), both rendered through templates.
//! The zip is deterministic: fixed entry order, times and permissions.

use std::io::Write;

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use std::path::Path;

use crate::BuildOptions;
use crate::diag::Diagnostic;
use crate::render::Renderer;
use crate::render::view::View;
use crate::write::Artefact;

/// The quiz for learning platforms, when the handout has one.
pub fn files(
    dir: &Path,
    renderer: &Renderer,
    view: &View,
    opts: &BuildOptions,
) -> Result<Vec<Artefact>, Diagnostic> {
    let mut out = Vec::new();
    if view.quiz.is_empty() {
        return Ok(out);
    }
    if opts.formats.gift && opts.wants("quiz") {
        out.push(Artefact {
            path: dir.join("quiz.gift"),
            bytes: gift(renderer, view)?.into_bytes(),
        });
    }
    if opts.formats.qti && opts.wants("quiz-qti") {
        out.push(Artefact {
            path: dir.join("quiz-qti.zip"),
            bytes: qti(renderer, view)?,
        });
    }
    Ok(out)
}

/// The GIFT file of the quiz.
pub fn gift(renderer: &Renderer, view: &View) -> Result<String, Diagnostic> {
    renderer.document("quiz.gift", view, &[])
}

/// The QTI 2.1 content package of the quiz, as the bytes of a zip file.
pub fn qti(renderer: &Renderer, view: &View) -> Result<Vec<u8>, Diagnostic> {
    let mut files: Vec<(String, String)> = vec![
        (
            "imsmanifest.xml".into(),
            renderer.document_with("qti-manifest.xml", view, &[])?,
        ),
        (
            "test.xml".into(),
            renderer.document_with("qti-test.xml", view, &[])?,
        ),
    ];
    for q in &view.quiz {
        let question = serde_json::to_value(q).map_err(|e| Diagnostic::error(e.to_string()))?;
        files.push((
            format!("items/q{}.xml", q.number),
            renderer.document_with("qti-item.xml", view, &[("question", question)])?,
        ));
    }
    zip_files(&files).map_err(|e| {
        Diagnostic::error(format!("cannot write the QTI package: {e}"))
            .hint("this is a bug in demarcate: please report it with the model")
    })
}

fn zip_files(files: &[(String, String)]) -> zip::result::ZipResult<Vec<u8>> {
    let mut zip = ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Stored)
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    for (name, text) in files {
        zip.start_file(name.as_str(), options)?;
        zip.write_all(text.as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}
