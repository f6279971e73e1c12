//! Workbooks read within bounds on what they expand to, not only on their size: a 2 MB `.xlsx`
//! can inflate to gigabytes, and one cell at `XFD1048576` makes a dense sheet of 17 billion
//! cells. So, before a workbook is parsed, every zip entry is inflated once into nothing,
//! counting the bytes it really yields (the central directory can lie), refusing a DOCTYPE
//! anywhere and counting the shared strings; then an `.xlsx` sheet is read as a stream of
//! cells that stops at the row, cell and text bounds, and an `.ods` sheet is measured by a
//! streaming pass over `content.xml` (repeated rows and columns multiplied out) before calamine
//! builds it. Legacy `.xls` and binary `.xlsb` have no such stream and are refused with a hint.

use std::io::{Cursor, Read};

use calamine::{Data, Reader as _, Xlsx};

use super::Bounds;
use super::sheet::{Table, column_letters};
use crate::diag::{Diagnostic, visible};

/// The signature of an OLE compound file (legacy `.xls`).
const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// The most zip entries a workbook may have: a few a sheet, and a few hundred sheets.
const MAX_ENTRIES: usize = 10_000;

/// What a zip holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Xlsx,
    Ods,
}

/// Which workbook `bytes` are, after every entry was inflated once within the bounds (see
/// [`scan`]); a legacy `.xls` is refused here.
pub(super) fn kind(bytes: &[u8], bounds: &Bounds) -> Result<Kind, Diagnostic> {
    if bytes.starts_with(OLE) {
        return Err(Diagnostic::error(
            "a legacy Excel 97–2003 workbook (.xls) is not read: its cells cannot be read within bounds",
        )
        .hint("open it and save it as .xlsx (Excel Workbook), or save the sheet as .csv"));
    }
    scan(bytes, bounds)
}

/// The bound on what a workbook expands to, as an error naming the entry and the flag.
fn expands(bounds: &Bounds, entry: &str) -> Diagnostic {
    Diagnostic::error(format!(
        "the workbook expands to more than {} bytes (bound reached in `{}`)",
        bounds.max_expanded_bytes,
        visible(entry)
    ))
    .hint("a zip that inflates this far is not a catalogue; if it is one, raise the bound with `--max-expanded-bytes`")
}

/// Inflates every entry of the zip once, within [`Bounds::max_expanded_bytes`] in all, and
/// refuses DOCTYPEs and encrypted entries; says which kind of workbook it is.
fn scan(bytes: &[u8], bounds: &Bounds) -> Result<Kind, Diagnostic> {
    // The zip reader keeps every entry of the central directory in memory: count them first
    // (a central directory header starts with `PK\x01\x02`).
    let entries = memchr::memmem::find_iter(bytes, b"PK\x01\x02").count();
    if entries > MAX_ENTRIES {
        return Err(Diagnostic::error(format!(
            "the workbook has {entries} zip entries, more than {MAX_ENTRIES}"
        ))
        .hint("a spreadsheet program writes a few entries a sheet; this is no workbook"));
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        Diagnostic::error(format!("not a workbook: {e}"))
            .hint("give an .xlsx or .ods workbook, or the sheet saved as .csv")
    })?;
    let mut left = bounds.max_expanded_bytes;
    let (mut xlsx, mut xlsb, mut ods) = (false, false, false);
    let mut buf = vec![0u8; 64 * 1024];
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).map_err(|e| damaged(&e.to_string()))?;
        let name = entry.name().map(|n| n.into_owned()).unwrap_or_default();
        if entry.encrypted() {
            return Err(Diagnostic::error(format!(
                "the workbook's entry `{}` is encrypted",
                visible(&name)
            ))
            .hint("save the workbook without a password"));
        }
        let mut seen = Seen::default();
        loop {
            let n = entry.read(&mut buf).map_err(|e| damaged(&e.to_string()))?;
            if n == 0 {
                break;
            }
            if n as u64 > left {
                return Err(expands(bounds, &name));
            }
            left -= n as u64;
            seen.feed(&buf[..n], name == "mimetype");
        }
        if seen.doctype {
            return Err(Diagnostic::error(format!(
                "the workbook's `{}` holds a DOCTYPE, which is refused",
                visible(&name)
            ))
            .hint("a DOCTYPE can declare entities that read files or expand without bound; no spreadsheet program writes one: save the workbook again"));
        }
        if name.ends_with("sharedStrings.xml") && seen.strings > bounds.max_cells {
            return Err(Diagnostic::error(format!(
                "the workbook has more than {} shared strings (`{}`)",
                bounds.max_cells,
                visible(&name)
            ))
            .hint("raise the bound with `--max-cells`"));
        }
        xlsx |= name == "xl/workbook.xml";
        xlsb |= name == "xl/workbook.bin";
        ods |= name == "mimetype" && seen.ods_mimetype;
    }
    if xlsb && !xlsx {
        return Err(
            Diagnostic::error("a binary Excel workbook (.xlsb) is not read")
                .hint("open it and save it as .xlsx (Excel Workbook), or save the sheet as .csv"),
        );
    }
    let kind = match (xlsx, ods) {
        (true, _) => Kind::Xlsx,
        (false, true) => Kind::Ods,
        (false, false) => {
            return Err(
                Diagnostic::error("a zip file, but neither an .xlsx nor an .ods workbook")
                    .hint("give an .xlsx or .ods workbook, or the sheet saved as .csv"),
            );
        }
    };
    Ok(kind)
}

pub(super) fn damaged(e: &str) -> Diagnostic {
    Diagnostic::error(format!("the workbook is damaged: {}", visible(e)))
        .hint("open it in a spreadsheet program and save it again")
}

/// What the bytes of one entry showed: a DOCTYPE, how many shared strings (`<si>`), and
/// whether it is the ODF spreadsheet mimetype. Fed chunk by chunk; a pattern split between
/// two chunks is found through the tail kept from the last one.
#[derive(Default)]
struct Seen {
    tail: Vec<u8>,
    doctype: bool,
    strings: usize,
    ods_mimetype: bool,
    first: bool,
}

impl Seen {
    fn feed(&mut self, chunk: &[u8], mimetype: bool) {
        use memchr::memmem;
        if mimetype && !self.first {
            self.ods_mimetype =
                chunk.starts_with(b"application/vnd.oasis.opendocument.spreadsheet");
        }
        self.first = true;
        let mut window = std::mem::take(&mut self.tail);
        let carried = window.len();
        window.extend_from_slice(chunk);
        // XML spells DOCTYPE in capitals only.
        self.doctype |= memmem::find(&window, b"<!DOCTYPE").is_some();
        // `<si>`, `<si ` or a prefixed `:si>`; a match that starts in the carried tail was
        // counted with the last chunk.
        self.strings += memmem::find_iter(&window, b"si")
            .filter(|&i| {
                i >= 1
                    && i + 2 < window.len()
                    && i + 2 >= carried
                    && matches!(window[i - 1], b'<' | b':')
                    && matches!(window[i + 2], b'>' | b' ' | b'\t' | b'\r' | b'\n')
            })
            .count();
        let keep = window.len().min(TAIL);
        self.tail = window[window.len() - keep..].to_vec();
    }
}

/// Bytes kept from one chunk to the next: one less than `<!DOCTYPE`.
const TAIL: usize = 8;

/// Cells gathered row by row within the bounds: ragged rows as long as their last value.
pub(super) struct Grid<'a> {
    sheet: String,
    bounds: &'a Bounds,
    rows: Vec<Vec<String>>,
    cells: usize,
    text: u64,
}

impl<'a> Grid<'a> {
    pub(super) fn new(sheet: String, bounds: &'a Bounds) -> Grid<'a> {
        Grid {
            sheet,
            bounds,
            rows: Vec::new(),
            cells: 0,
            text: 0,
        }
    }

    /// Puts `value` at 0-based (`row`, `col`).
    pub(super) fn put(&mut self, row: usize, col: usize, value: String) -> Result<(), Diagnostic> {
        let at = || {
            format!(
                "{}!{}{}",
                visible(&self.sheet),
                column_letters(col),
                row + 1
            )
        };
        if row >= self.bounds.max_rows {
            return Err(Diagnostic::error(format!(
                "the sheet has a value at {}, below row {}",
                at(),
                self.bounds.max_rows
            ))
            .hint("a responsibility matrix has one row per control; raise the bound with `--max-rows`, or split the workbook"));
        }
        if self.rows.len() <= row {
            self.rows.resize_with(row + 1, Vec::new);
        }
        let cells = &mut self.rows[row];
        if cells.len() <= col {
            self.cells += col + 1 - cells.len();
            if self.cells > self.bounds.max_cells {
                return Err(Diagnostic::error(format!(
                    "the sheet `{}` spans more than {} cells (counting each row up to its last value; bound reached at {})",
                    visible(&self.sheet),
                    self.bounds.max_cells,
                    at()
                ))
                .hint("delete stray values far to the right or below the table, or raise the bound with `--max-cells`"));
            }
            cells.resize(col + 1, String::new());
        }
        self.text += value.len() as u64;
        if self.text > self.bounds.max_expanded_bytes {
            return Err(Diagnostic::error(format!(
                "the sheet `{}` holds more than {} bytes of text (bound reached at {})",
                visible(&self.sheet),
                self.bounds.max_expanded_bytes,
                at()
            ))
            .hint("raise the bound with `--max-expanded-bytes`"));
        }
        cells[col] = value;
        Ok(())
    }

    /// The table: the rows from the first that holds a value.
    pub(super) fn table(self, merged: Vec<(usize, usize, usize, usize)>) -> Table {
        let first = self.rows.iter().position(|r| !r.is_empty()).unwrap_or(0);
        let merged = merged
            .into_iter()
            .map(|(r0, c0, r1, c1)| (r0.saturating_sub(first), c0, r1.saturating_sub(first), c1))
            .collect();
        Table {
            name: self.sheet,
            rows: self.rows.into_iter().skip(first).collect(),
            first_row: first + 1,
            merged,
        }
    }
}

/// The sheets of an `.xlsx`, each read as a stream of cells.
pub(super) fn xlsx(bytes: Vec<u8>, bounds: &Bounds) -> Result<Vec<Table>, Diagnostic> {
    let mut book = Xlsx::new(Cursor::new(bytes)).map_err(|e| damaged(&e.to_string()))?;
    let mut tables = Vec::new();
    for name in book.sheet_names() {
        let mut grid = Grid::new(name.clone(), bounds);
        let mut cells = book
            .worksheet_cells_reader(&name)
            .map_err(|e| sheet_error(&name, &e.to_string()))?;
        while let Some(cell) = cells
            .next_cell()
            .map_err(|e| sheet_error(&name, &e.to_string()))?
        {
            let (row, col) = cell.get_position();
            let value = super::sheet::text(&Data::from(cell.get_value().clone()));
            if !value.is_empty() {
                grid.put(row as usize, col as usize, value)?;
            }
        }
        drop(cells);
        let merged = book
            .merge_cells_by_sheet_name(&name)
            .unwrap_or_default()
            .into_iter()
            .map(|d| {
                (
                    d.start.0 as usize,
                    d.start.1 as usize,
                    d.end.0 as usize,
                    d.end.1 as usize,
                )
            })
            .collect();
        tables.push(grid.table(merged));
    }
    Ok(tables)
}

pub(super) fn sheet_error(name: &str, e: &str) -> Diagnostic {
    Diagnostic::error(format!(
        "cannot read the sheet `{}`: {}",
        visible(name),
        visible(e)
    ))
    .hint("open the workbook in a spreadsheet program and save it again")
}
