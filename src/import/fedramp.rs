//! A FedRAMP customer responsibility matrix (the CRM sheet of the CIS/CRM workbook, SSP
//! Appendix J): one row per control, whether it can be inherited from the cloud service
//! provider (Yes, No, Partial), and the specific inheritance and customer responsibilities.
//! Yes: the provider's; No: the customer's; Partial: shared. A sheet with a `Control
//! Origination` column instead (the SSP template's values: service provider corporate, system
//! specific or hybrid; configured or provided by customer; shared; inherited from a
//! pre-existing FedRAMP authorization) is read the same way, an inherited control being the
//! leveraged authorization's.

use std::path::Path;

use super::sheet;
use super::{Catalogue, Row, SheetShape, clean, family, sheet_rows};
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

/// The values of "Control Origination" (compared up to a parenthesis, as a prefix: "Inherited
/// from pre-existing FedRAMP Authorization for …") and the parties they name.
const ORIGINATION: &[(&str, &[&str])] = &[
    ("Service Provider Corporate", &["csp"]),
    ("Service Provider System Specific", &["csp"]),
    ("Service Provider Hybrid", &["csp"]),
    ("Configured by Customer", &["customer"]),
    ("Provided by Customer", &["customer"]),
    ("Shared", &["customer", "csp"]),
    ("Inherited", &["leveraged"]),
    ("N/A", &[]),
    ("Not applicable", &[]),
];

/// The parties `value` names among `values`: equal without case, or for origination values
/// the start of the value up to a parenthesis.
fn lookup(
    values: &[(&str, &'static [&'static str])],
    value: &str,
    prefix: bool,
) -> Option<&'static [&'static str]> {
    let v = value
        .split('(')
        .next()
        .unwrap_or_default()
        .trim()
        .to_lowercase();
    values
        .iter()
        .find(|(name, _)| {
            let name = name.to_lowercase();
            if prefix {
                v.starts_with(&name)
            } else {
                v == name || value.trim().eq_ignore_ascii_case(&name)
            }
        })
        .map(|(_, p)| *p)
}

/// The CRM's sheet and whether it gives the control origination rather than the CRM's
/// Yes/No/Partial.
fn find_form<'a>(
    tables: &'a [sheet::Table],
    file: &Path,
) -> Result<(sheet::Found<'a>, bool), Diagnostic> {
    let optional = [
        "Specific Inheritance and Customer Agency/CSP Responsibilities",
        "Control Name",
    ];
    match sheet::find(
        tables,
        &["Control ID", "Can Be Inherited from CSP"],
        &optional,
    ) {
        Ok(f) => Ok((f, false)),
        Err(first) => sheet::find(tables, &["Control ID", "Control Origination"], &optional)
            .map(|f| (f, true))
            .map_err(|_| {
                first
                    .in_file(file)
                    .hint("or a `Control Origination` column with the SSP template's values")
            }),
    }
}

pub(super) fn read(
    file: &Path,
    bytes: Vec<u8>,
    bounds: &super::Bounds,
) -> Result<Catalogue, Diagnostic> {
    let tables = sheet::read(file, bytes, bounds).map_err(|d| d.in_file(file))?;
    let (found, origination) = find_form(&tables, file)?;
    let (values, column) = if origination {
        (ORIGINATION, "Control Origination")
    } else {
        (VALUES, "Can Be Inherited from CSP")
    };
    let mut cat = Catalogue {
        describes: format!(
            "the FedRAMP {} in the sheet `{}` of {}",
            if origination {
                "control origination"
            } else {
                "customer responsibility matrix"
            },
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
        value_name: if origination {
            "control origination"
        } else {
            "\"Can Be Inherited from CSP\""
        },
        parties: &[
            ("customer", "Customer agency"),
            ("csp", "Provider (CSP)"),
            ("leveraged", "Leveraged authorization"),
        ],
    };
    let owners_of = |i: usize, value: &str| {
        let value = value.trim();
        lookup(values, value, origination).ok_or_else(|| {
            let names: Vec<&str> = values.iter().map(|(n, _)| *n).collect();
            let shown = crate::diag::visible(value).into_owned();
            Diagnostic::error(format!(
                "{}: `{shown}` is not a value of \"{column}\"",
                found.cell_ref(i, INHERITED)
            ))
            .in_file(file)
            .field(format!("{}.{column}", found.at(i)))
            .hint(crate::diag::suggest(&shown, names.iter().copied(), || {
                format!("the values: {}", names.join(", "))
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
        note: clean(found.cell(i, RESPONSIBILITIES)),
        at: found.at(i),
    };
    sheet_rows(&found, &mut cat, &shape, owners_of, make)?;
    Ok(cat)
}
