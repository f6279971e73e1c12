//! A FedRAMP customer responsibility matrix (the CRM sheet of the CIS/CRM workbook, SSP
//! Appendix J): one row per control, whether it can be inherited from the cloud service
//! provider (Yes, No, Partial), and the specific inheritance and customer responsibilities.
//! Yes: the provider's; No: the customer's; Partial: shared.

use std::path::Path;

use super::sheet;
use super::{Catalogue, Row, SheetShape, clean, family, paragraph, sheet_rows};
use crate::diag::Diagnostic;

const CONTROL: usize = 0;
const INHERITED: usize = 1;
const RESPONSIBILITIES: usize = 2;
const NAME: usize = 3;

/// The values of "Can Be Inherited from CSP" and the parties they name.
const VALUES: &[(&str, &[&str])] = &[
    ("Yes", &["csp"]),
    ("No", &["customer"]),
    ("Partial", &["customer", "csp"]),
    ("N/A", &[]),
    ("Not applicable", &[]),
];

pub(super) fn read(file: &Path, bytes: Vec<u8>) -> Result<Catalogue, Diagnostic> {
    let tables = sheet::read(file, bytes).map_err(|d| d.in_file(file))?;
    let found = sheet::find(
        &tables,
        &["Control ID", "Can Be Inherited from CSP"],
        &[
            "Specific Inheritance and Customer Agency/CSP Responsibilities",
            "Control Name",
        ],
    )
    .map_err(|d| d.in_file(file))?;
    let mut cat = Catalogue {
        describes: format!(
            "the FedRAMP customer responsibility matrix in the sheet `{}` of {}",
            found.table.name,
            file.file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
        ),
        ..Catalogue::default()
    };
    let shape = SheetShape {
        id: CONTROL,
        value: INHERITED,
        id_name: "control ID",
        value_name: "\"Can Be Inherited from CSP\"",
        parties: &[("customer", "Customer agency"), ("csp", "Provider (CSP)")],
    };
    let owners_of = |i: usize, value: &str| {
        let value = value.trim();
        VALUES
            .iter()
            .find(|(v, _)| v.eq_ignore_ascii_case(value))
            .map(|(_, p)| *p)
            .ok_or_else(|| {
                let names: Vec<&str> = VALUES.iter().map(|(n, _)| *n).collect();
                let shown = crate::diag::visible(value).into_owned();
                Diagnostic::error(format!(
                    "{}: `{shown}` is not a value of \"Can Be Inherited from CSP\"",
                    found.cell_ref(i, INHERITED)
                ))
                .in_file(file)
                .field(format!("{}.Can Be Inherited from CSP", found.at(i)))
                .hint(crate::diag::suggest(&shown, names.iter().copied(), || {
                    format!("the CRM's values: {}", names.join(", "))
                }))
            })
    };
    let make = |i: usize, control: String, parties: &[&str]| Row {
        column: None,
        group: family(&control),
        control,
        title: clean(found.cell(i, NAME)),
        description: None,
        owners: parties.iter().map(|p| p.to_string()).collect(),
        note: paragraph(found.cell(i, RESPONSIBILITIES)),
        at: found.at(i),
    };
    sheet_rows(&found, &mut cat, &shape, owners_of, make)?;
    Ok(cat)
}
