//! `demarcate import`: a model from the forms compliance teams already hold: a CSA CAIQ v4 /
//! CCM v4 sheet (`ccm.rs`), a FedRAMP customer responsibility matrix (`fedramp.rs`), an OSCAL
//! component definition or system security plan (`oscal.rs`). Sheets are read by `sheet.rs`.
//!
//! Each format is mapped onto a [`Catalogue`]: parties, and one row per control (or question)
//! with its owners, a note, and where it came from. A catalogue is written as a model with
//! one column (every layer's `owner`), its rows as layers, one source (the document) cited by
//! every cell, and each cell's place in the document (sheet row, OSCAL UUID) at the head of its
//! note. What cannot be mapped is never dropped silently: it is a [`Leftover`] with its reason,
//! listed by the command and at the top of the written model.

mod ccm;
mod document;
mod fedramp;
mod ods;
mod oscal;
mod sheet;
mod workbook;
mod xml;
mod yaml;

use std::path::Path;

use crate::diag::Diagnostic;

/// The formats `import --from` takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum From {
    /// A CSA CAIQ v4 sheet with the CCM v4 SSRM control ownership (xlsx, ods or csv).
    Ccm,
    /// A FedRAMP customer responsibility matrix (xlsx, ods or csv).
    FedrampCrm,
    /// An OSCAL component definition or system security plan (JSON, YAML or XML).
    Oscal,
}

/// A party of a catalogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Party {
    /// Its id in the model (a slug).
    pub id: String,
    /// Its label.
    pub label: String,
}

/// One control (or question) and who owns it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The control's id as the document writes it (`IAM-01.1`, `ac-2`).
    pub control: String,
    /// A title for it, if the document gives one.
    pub title: Option<String>,
    /// Its text (the question, the control statement), if any.
    pub description: Option<String>,
    /// The owners' party ids; empty when not applicable.
    pub owners: Vec<String>,
    /// What each party does, as the document says.
    pub note: Option<String>,
    /// Where it is in the document: `row 14`, `UUID …`.
    pub at: String,
    /// Its group (a CCM domain, a control family), for the coverage picture.
    pub group: Option<String>,
    /// The column it is a cell of, in a catalogue with columns (an index into
    /// [`Catalogue::columns`]).
    pub column: Option<usize>,
}

/// A column of a catalogue that has several (an OSCAL component definition's components).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// Its id in the model (a slug).
    pub id: String,
    /// Its label.
    pub label: String,
}

/// Something of the document that is not in the model, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leftover {
    /// Where it is: `sheet CAIQv4.0.3, row 17`, `/system-security-plan/…/3`.
    pub at: String,
    /// Why it is not in the model.
    pub why: String,
}

/// What a document holds, ready to be written as a model.
#[derive(Debug, Clone, Default)]
pub struct Catalogue {
    /// The parties, the customer first.
    pub parties: Vec<Party>,
    /// The controls, in the document's order; with columns, one row per control and column.
    pub rows: Vec<Row>,
    /// The columns, when the document has several (else the model has one).
    pub columns: Vec<Column>,
    /// Everything not imported.
    pub leftovers: Vec<Leftover>,
    /// What the document is (`CAIQ v4 sheet CAIQv4.0.3 of vendor.xlsx`), for `follows`.
    pub describes: String,
    /// A title the document gives itself, if any.
    pub title: Option<String>,
    /// A web page the document names for itself, if any.
    pub url: Option<String>,
}

/// What reading a document may cost, whatever its size on disk: each bound stops the import
/// with an error naming it and the flag that raises it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bounds {
    /// Rows of a sheet, requirements of an OSCAL document (`--max-rows`). Default: 20,000.
    pub max_rows: usize,
    /// Cells of a sheet, each row counted up to its last value; shared strings; fields of a
    /// CSV (`--max-cells`). Default: 1,000,000.
    pub max_cells: usize,
    /// Bytes a workbook's zip entries inflate to, and bytes of text its cells hold once
    /// shared and repeated cells are written out (`--max-expanded-bytes`). Default: 32 MiB.
    pub max_expanded_bytes: u64,
}

impl Default for Bounds {
    fn default() -> Bounds {
        Bounds {
            max_rows: 20_000,
            max_cells: 1_000_000,
            max_expanded_bytes: 32 * 1024 * 1024,
        }
    }
}

/// What the user says about the document.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The model's id.
    pub id: String,
    /// The model's title; default: the document's, else one made from the file name.
    pub title: Option<String>,
    /// Where the document is published (the model's source).
    pub url: Option<String>,
    /// What reading it may cost.
    pub bounds: Bounds,
}

/// Reads `bytes` (the file `file`) as `from` and writes the model; returns its YAML text,
/// how many of the document's rows it holds, and the leftovers.
pub fn import(
    from: From,
    file: &Path,
    bytes: Vec<u8>,
    opts: &Options,
) -> Result<(String, usize, Vec<Leftover>), Diagnostic> {
    let catalogue = match from {
        From::Ccm => ccm::read(file, bytes, &opts.bounds)?,
        From::FedrampCrm => fedramp::read(file, bytes, &opts.bounds)?,
        From::Oscal => oscal::read(file, &bytes, &opts.bounds)?,
    };
    let text = yaml::model(&catalogue, file, opts)?;
    Ok((text, catalogue.rows.len(), catalogue.leftovers))
}

/// How a sheet's rows become a catalogue's: which columns hold the control's id and its
/// owners, what the owners' column is called, and the parties it can name (customer first).
struct SheetShape<'a> {
    id: usize,
    value: usize,
    id_name: &'a str,
    value_name: &'a str,
    parties: &'a [(&'static str, &'static str)],
}

/// The data rows of `found` as rows of `cat`: a row without an id, or without an owners'
/// value, is a leftover (a blank row is nothing), a repeated id too; `owners_of` names the
/// parties of a value or says why it cannot; `make` writes a row. Then the parties named.
fn sheet_rows(
    found: &sheet::Found,
    cat: &mut Catalogue,
    shape: &SheetShape,
    owners_of: impl Fn(usize, &str) -> Result<&'static [&'static str], Diagnostic>,
    make: impl Fn(usize, String, &[&'static str]) -> Row,
) -> Result<(), Diagnostic> {
    let mut used: Vec<&str> = Vec::new();
    // Each control's first row, by id: one look-up a row, not a scan of the rows so far.
    let mut first_at: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for i in found.header + 1..found.table.rows.len() {
        let leftover = |why: String| Leftover {
            at: found.at(i),
            why,
        };
        let Some(id) = clean(found.cell(i, shape.id)) else {
            if found.table.rows[i].iter().any(|c| !c.trim().is_empty()) {
                let why = format!("no {} (a heading or a note row)", shape.id_name);
                cat.leftovers.push(leftover(why));
            }
            continue;
        };
        let value = found.cell(i, shape.value);
        if clean(value).is_none() {
            let why = format!("{id}: no {} given", shape.value_name);
            cat.leftovers.push(leftover(why));
            continue;
        }
        let parties = owners_of(i, value)?;
        if let Some(&first) = first_at.get(&id) {
            let why = format!("{id} again (first at {})", cat.rows[first].at);
            cat.leftovers.push(leftover(why));
            continue;
        }
        for p in parties {
            if !used.contains(p) {
                used.push(p);
            }
        }
        first_at.insert(id.clone(), cat.rows.len());
        cat.rows.push(make(i, id, parties));
    }
    // The parties the rows name; a model needs two, so a document where one party owns every
    // control keeps the format's first other party too (the customer, else the provider),
    // owning nothing.
    let named = shape
        .parties
        .iter()
        .filter(|(id, _)| used.contains(id))
        .count();
    let mut missing = 2usize.saturating_sub(named);
    cat.parties = shape
        .parties
        .iter()
        .filter(|(id, _)| {
            let keep = used.contains(id) || missing > 0;
            if keep && !used.contains(id) {
                missing -= 1;
            }
            keep
        })
        .map(|(id, label)| Party {
            id: (*id).to_string(),
            label: (*label).to_string(),
        })
        .collect();
    Ok(())
}

/// The family of a control id: what comes before its first hyphen, in capitals (`IAM-01.1`
/// → `IAM`, `ac-2` → `AC`); `None` when the id is not letters, a hyphen and a number.
pub(crate) fn family(control: &str) -> Option<String> {
    let (head, tail) = control.split_once('-')?;
    let numbered = tail.starts_with(|c: char| c.is_ascii_digit());
    let letters = !head.is_empty() && head.chars().all(|c| c.is_alphabetic() || c == '&');
    (numbered && letters).then(|| head.to_uppercase())
}

/// Whether a model may not hold `c` in its text: control characters (but line breaks), the
/// bidirectional embedding, override and isolate controls, and noncharacters.
fn unsafe_in_model(c: char) -> bool {
    let n = c as u32;
    (c.is_control() && c != '\n')
        || (0x202A..=0x202E).contains(&n)
        || (0x2066..=0x2069).contains(&n)
        || (0xFDD0..=0xFDEF).contains(&n)
        || n & 0xFFFE == 0xFFFE
}

/// A document's text as model text: what a model may not hold becomes U+FFFD (white space
/// aside, which is folded).
fn safe(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_whitespace() && c != '\n' {
                ' '
            } else if unsafe_in_model(c) {
                '\u{fffd}'
            } else {
                c
            }
        })
        .collect()
}

/// `s` trimmed, with runs of white space as one space; `None` when empty.
pub(crate) fn clean(s: &str) -> Option<String> {
    let t = safe(s).split_whitespace().collect::<Vec<_>>().join(" ");
    (!t.is_empty()).then_some(t)
}

#[cfg(test)]
mod tests;
