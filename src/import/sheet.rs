//! Spreadsheets as tables of text: CSV through the csv crate, xlsx and ods through calamine
//! within bounds (`workbook.rs`). A format finds its sheet by its header row ([`find`]); every error names the
//! sheet, the row and the column as a spreadsheet shows them (`C14`).

use std::path::Path;

use calamine::Data;

use crate::diag::Diagnostic;

/// How far down a sheet its header row may be (title rows above it are common).
const HEADER_WITHIN: usize = 20;

/// One sheet: its name and its cells as text.
pub(super) struct Table {
    pub name: String,
    /// The cells, row by row; `rows[0]` is the spreadsheet's row `first_row`.
    pub rows: Vec<Vec<String>>,
    pub first_row: usize,
    /// Merged regions as (first row, first column, last row, last column), 0-based in `rows`.
    pub merged: Vec<(usize, usize, usize, usize)>,
}

/// A sheet with the columns a format needs: the header's row and where each column is.
pub(super) struct Found<'a> {
    pub table: &'a Table,
    /// The index of the header row in `table.rows`.
    pub header: usize,
    /// The column index of each wanted column, `None` when optional and absent.
    pub columns: Vec<Option<usize>>,
}

impl Found<'_> {
    /// The spreadsheet's number of row `i` of the table.
    pub(super) fn row_number(&self, i: usize) -> usize {
        self.table.first_row + i
    }

    /// The text of wanted column `c` in row `i` (empty when the column is absent).
    pub(super) fn cell(&self, i: usize, c: usize) -> &str {
        self.columns[c]
            .and_then(|col| self.table.rows[i].get(col))
            .map_or("", String::as_str)
    }

    /// `sheet NAME, row N`.
    pub(super) fn at(&self, i: usize) -> String {
        format!("sheet {}, row {}", self.table.name, self.row_number(i))
    }

    /// `NAME!C14` for wanted column `c` in row `i`.
    pub(super) fn cell_ref(&self, i: usize, c: usize) -> String {
        format!(
            "{}!{}{}",
            self.table.name,
            column_letters(self.columns[c].unwrap_or(0)),
            self.row_number(i)
        )
    }
}

/// `0` → `A`, `25` → `Z`, `26` → `AA`.
pub(super) fn column_letters(mut i: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// The sheets of `bytes`: CSV when `file` ends in `.csv`, else a workbook (`workbook.rs`).
pub(super) fn read(
    file: &Path,
    bytes: Vec<u8>,
    bounds: &super::Bounds,
) -> Result<Vec<Table>, Diagnostic> {
    let csv = file
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    if csv {
        return read_csv(file, &bytes, bounds).map(|t| vec![t]);
    }
    use super::workbook::{self, Kind};
    match workbook::kind(&bytes, bounds)? {
        Kind::Xlsx => workbook::xlsx(bytes, bounds),
        Kind::Ods => super::ods::read(bytes, bounds),
    }
}

/// A cell's value as text: numbers as a spreadsheet shows them (`3`, not `3.0`).
pub(super) fn text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        other => other.to_string(),
    }
}

fn read_csv(file: &Path, bytes: &[u8], bounds: &super::Bounds) -> Result<Table, Diagnostic> {
    // Every field ends at a comma or a line end: more of them than the cell bound, and a row
    // of commas alone could ask for millions of fields at once.
    let ends = bytes.iter().filter(|b| matches!(b, b',' | b'\n')).count();
    if ends > bounds.max_cells {
        return Err(Diagnostic::error(format!(
            "the CSV may hold more than {} fields ({ends} commas and line ends)",
            bounds.max_cells
        ))
        .hint("raise the bound with `--max-cells`"));
    }
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut rows = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let rec = rec.map_err(|e| {
            Diagnostic::error(format!("row {} is not CSV: {e}", i + 1))
                .hint("save the sheet as CSV (UTF-8, comma-separated)")
        })?;
        if rows.len() == bounds.max_rows {
            return Err(Diagnostic::error(format!(
                "the CSV has more than {} rows",
                bounds.max_rows
            ))
            .hint("a responsibility matrix has one row per control; raise the bound with `--max-rows`, or split the file"));
        }
        rows.push(rec.iter().map(str::to_string).collect());
    }
    let name = file
        .file_stem()
        .map_or_else(|| "csv".into(), |s| s.to_string_lossy().into_owned());
    Ok(Table {
        name,
        rows,
        first_row: 1,
        merged: Vec::new(),
    })
}

/// A header as compared: lower case, a parenthetical at the end dropped, white space as
/// single spaces (`CSP Implementation Description (Optional/Recommended)` →
/// `csp implementation description`).
fn key(header: &str) -> String {
    let h = header.trim();
    let h = match h.rfind('(') {
        Some(i) if h.ends_with(')') && i > 0 => &h[..i],
        _ => h,
    };
    h.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The first sheet whose header row has every `required` column; `optional` ones are found
/// if there. Columns are named as the format's documents name them; the error names the
/// sheet that came closest and what it lacks.
pub(super) fn find<'a>(
    tables: &'a [Table],
    required: &[&str],
    optional: &[&str],
) -> Result<Found<'a>, Diagnostic> {
    let mut best: Option<(usize, &Table, usize, Vec<&str>)> = None;
    for t in tables {
        for (i, row) in t.rows.iter().take(HEADER_WITHIN).enumerate() {
            let keys: Vec<String> = row.iter().map(|h| key(h)).collect();
            let at = |name: &str| keys.iter().position(|k| *k == key(name));
            let missing: Vec<&str> = required
                .iter()
                .copied()
                .filter(|c| at(c).is_none())
                .collect();
            if missing.is_empty() {
                let columns = required.iter().chain(optional).map(|c| at(c)).collect();
                let found = Found {
                    table: t,
                    header: i,
                    columns,
                };
                check_merged(&found)?;
                return Ok(found);
            }
            let have = required.len() - missing.len();
            if have > 0 && best.as_ref().is_none_or(|b| have > b.0) {
                best = Some((have, t, i, missing));
            }
        }
    }
    let want = required
        .iter()
        .map(|c| format!("`{c}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let d = match best {
        Some((_, t, i, missing)) => Diagnostic::error(format!(
            "the sheet `{}` has a header in row {} but no column {}",
            t.name,
            t.first_row + i,
            missing
                .iter()
                .map(|c| format!("`{c}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
        None => Diagnostic::error(format!("no sheet has the columns {want}")),
    };
    Err(d.hint(format!(
        "the header row (within the first {HEADER_WITHIN} rows) needs the columns {want}, spelt as the format's template spells them"
    )))
}

/// An error when a merged region covers a data row (below the header) in a wanted column:
/// its value would belong to one row only.
fn check_merged(f: &Found) -> Result<(), Diagnostic> {
    let wanted: Vec<usize> = f.columns.iter().flatten().copied().collect();
    for &(r0, c0, r1, c1) in &f.table.merged {
        if r1 <= f.header || !wanted.iter().any(|c| (c0..=c1).contains(c)) {
            continue;
        }
        return Err(Diagnostic::error(format!(
            "merged cells {}{}:{}{} in the sheet `{}`",
            column_letters(c0),
            f.table.first_row + r0,
            column_letters(c1),
            f.table.first_row + r1,
            f.table.name
        ))
        .hint(
            "unmerge them: each row needs its own value (copy it into every row the merge spans)",
        ));
    }
    Ok(())
}
