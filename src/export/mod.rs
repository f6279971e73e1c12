//! The split as data for other tools: `matrix.csv`, one row per cell, safe to open in a
//! spreadsheet (`csv.rs`), and `component-definition.json`, an OSCAL component definition
//! whose components are the columns and whose implemented requirements carry each cell's
//! owners as responsible roles (`oscal.rs`).

mod csv;
mod oscal;

use std::path::Path;

use crate::diag::Diagnostic;
use crate::model::Model;
use crate::options::BuildOptions;
use crate::write::Artefact;

pub use csv::{CSV_HEADER, neutralise};
pub use oscal::OSCAL_VERSION;

/// The export files `opts` asks for, in `dir`.
pub fn files(model: &Model, dir: &Path, opts: &BuildOptions) -> Result<Vec<Artefact>, Diagnostic> {
    let mut out = Vec::new();
    if opts.formats.csv && opts.wants("matrix") {
        out.push(Artefact {
            path: dir.join("matrix.csv"),
            bytes: csv::matrix(model)?,
        });
    }
    if opts.formats.oscal && opts.wants("component-definition") {
        out.push(Artefact {
            path: dir.join("component-definition.json"),
            bytes: oscal::component_definition(model).into_bytes(),
        });
    }
    Ok(out)
}
