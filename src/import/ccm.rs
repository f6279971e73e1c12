//! A CSA CAIQ v4 sheet: one row per question, with the CCM v4 SSRM control ownership (STA-04's
//! values: CSP-owned, CSC-owned, third-party outsourced, shared CSP and CSC, shared CSP and
//! third party, not applicable), the provider's implementation and the customer's
//! responsibilities. Each question becomes a row of the catalogue.

use std::path::Path;

use super::sheet::{self, Found};
use super::{Catalogue, Row, SheetShape, clean, family, sheet_rows};
use crate::diag::Diagnostic;

const QUESTION_ID: usize = 0;
const OWNERSHIP: usize = 1;
const QUESTION: usize = 2;
const CSP_DOES: usize = 3;
const CSC_DOES: usize = 4;
const CONTROL: usize = 5;
const TITLE: usize = 6;

/// The ownership values, as CAIQ v4 writes them (compared without case, hyphens or spaces),
/// and the parties they name.
const OWNERSHIP_VALUES: &[(&str, &[&str])] = &[
    ("CSP-owned", &["csp"]),
    ("CSC-owned", &["csc"]),
    ("Third-party outsourced", &["third-party"]),
    ("Shared CSP and CSC", &["csc", "csp"]),
    ("Shared CSP and third-party", &["third-party", "csp"]),
    ("Shared CSP and 3rd-party", &["third-party", "csp"]),
    ("3rd-party outsourced", &["third-party"]),
    ("N/A", &[]),
    ("NA", &[]),
    ("Not applicable", &[]),
];

fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric() || *c == '/')
        .flat_map(char::to_lowercase)
        .collect()
}

/// The parties an ownership value names; `None` for an unknown value.
fn owners(value: &str) -> Option<&'static [&'static str]> {
    let v = norm(value);
    // "Shared CSP and CSC (Dependent)" and "(Independent)" qualify the shared value.
    let v = v
        .strip_suffix("dependent")
        .map(|s| s.strip_suffix("in").unwrap_or(s).to_string())
        .unwrap_or(v);
    OWNERSHIP_VALUES
        .iter()
        .find(|(name, _)| norm(name) == v)
        .map(|(_, p)| *p)
}

pub(super) fn read(
    file: &Path,
    bytes: Vec<u8>,
    bounds: &super::Bounds,
) -> Result<Catalogue, Diagnostic> {
    let tables = sheet::read(file, bytes, bounds).map_err(|d| d.in_file(file))?;
    let found = sheet::find(
        &tables,
        &["Question ID", "SSRM Control Ownership"],
        &[
            "Question",
            "CSP Implementation Description",
            "CSC Responsibilities",
            "CCM Control ID",
            "CCM Control Title",
        ],
    )
    .map_err(|d| d.in_file(file))?;
    let mut cat = Catalogue {
        describes: format!(
            "the SSRM control ownership of the CSA CAIQ v4 sheet `{}` of {}",
            found.table.name,
            file.file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
        ),
        ..Catalogue::default()
    };
    let shape = SheetShape {
        id: QUESTION_ID,
        value: OWNERSHIP,
        id_name: "question ID",
        value_name: "SSRM control ownership",
        parties: &[
            ("csc", "Customer (CSC)"),
            ("third-party", "Third party"),
            ("csp", "Provider (CSP)"),
        ],
    };
    sheet_rows(
        &found,
        &mut cat,
        &shape,
        |i, value| owners(value).ok_or_else(|| unknown(&found, i, value, file)),
        |i, id, parties| row(&found, i, id, parties),
    )?;
    Ok(cat)
}

fn row(found: &Found, i: usize, id: String, parties: &[&str]) -> Row {
    let csp = clean(found.cell(i, CSP_DOES));
    let csc = clean(found.cell(i, CSC_DOES));
    let note = match (csp, csc) {
        (None, None) => None,
        (a, b) => Some(
            [
                a.map(|t| format!("CSP: {t}")),
                b.map(|t| format!("Customer: {t}")),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join("\n"),
        ),
    };
    let title = clean(found.cell(i, TITLE));
    Row {
        column: None,
        group: family(found.cell(i, CONTROL)).or_else(|| family(&id)),
        control: id,
        title,
        description: clean(found.cell(i, QUESTION)),
        owners: parties.iter().map(|p| p.to_string()).collect(),
        note,
        at: found.at(i),
    }
}

fn unknown(found: &Found, i: usize, value: &str, file: &Path) -> Diagnostic {
    let names: Vec<&str> = OWNERSHIP_VALUES.iter().map(|(n, _)| *n).collect();
    let shown = crate::diag::visible(value.trim()).into_owned();
    Diagnostic::error(format!(
        "{}: `{shown}` is not an SSRM control ownership value",
        found.cell_ref(i, OWNERSHIP)
    ))
    .in_file(file)
    .field(format!("{}.SSRM Control Ownership", found.at(i)))
    .hint(crate::diag::suggest(&shown, names.iter().copied(), || {
        format!("CCM v4 STA-04's values: {}", names.join(", "))
    }))
}
