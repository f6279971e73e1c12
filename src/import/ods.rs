//! `.ods` workbooks within bounds: calamine lays a sheet out densely with its repeated rows
//! and columns written out, so `content.xml` is first measured in one streaming pass
//! (repeats multiplied out), and only a sheet within the bounds is read.

use std::io::Cursor;

use calamine::{Ods, Reader as _};
use quick_xml::events::Event;

use super::Bounds;
use super::sheet::Table;
use super::workbook::{Grid, damaged, sheet_error};
use crate::diag::{Diagnostic, visible};

/// The sheets of an `.ods`: measured first (see [`measure_ods`]), then read by calamine.
pub(super) fn read(bytes: Vec<u8>, bounds: &Bounds) -> Result<Vec<Table>, Diagnostic> {
    measure_ods(&bytes, bounds)?;
    let mut book = Ods::new(Cursor::new(bytes)).map_err(|e| damaged(&e.to_string()))?;
    let mut tables = Vec::new();
    for name in book.sheet_names() {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| sheet_error(&name, &e.to_string()))?;
        let mut grid = Grid::new(name.clone(), bounds);
        let (r0, c0) = range.start().unwrap_or((0, 0));
        for (row, col, value) in range.used_cells() {
            let value = super::sheet::text(value);
            if !value.is_empty() {
                grid.put(r0 as usize + row, c0 as usize + col, value)?;
            }
        }
        tables.push(grid.table(Vec::new()));
    }
    Ok(tables)
}

/// One sheet of `content.xml` as calamine will lay it out: the rows and columns that hold a
/// value (repeats multiplied out), and the text it will hold.
#[derive(Default)]
struct Extent {
    name: String,
    first_row: Option<u64>,
    last_row: u64,
    first_col: Option<u64>,
    last_col: u64,
    text: u64,
}

impl Extent {
    fn check(&self, bounds: &Bounds) -> Result<(), Diagnostic> {
        let (Some(r0), Some(c0)) = (self.first_row, self.first_col) else {
            return Ok(());
        };
        let name = visible(&self.name);
        if self.last_row >= bounds.max_rows as u64 {
            return Err(Diagnostic::error(format!(
                "the sheet `{name}` has values down to row {}, below row {}",
                self.last_row.saturating_add(1),
                bounds.max_rows
            ))
            .hint("a responsibility matrix has one row per control; raise the bound with `--max-rows`, or split the workbook"));
        }
        let area = (self.last_row - r0 + 1).saturating_mul(self.last_col - c0 + 1);
        if area > bounds.max_cells as u64 {
            return Err(Diagnostic::error(format!(
                "the sheet `{name}` spans {area} cells ({} rows × {} columns), more than {}",
                self.last_row - r0 + 1,
                self.last_col - c0 + 1,
                bounds.max_cells
            ))
            .hint("delete stray values far to the right or below the table, or raise the bound with `--max-cells`"));
        }
        if self.text > bounds.max_expanded_bytes {
            return Err(Diagnostic::error(format!(
                "the sheet `{name}` holds more than {} bytes of text once its repeated cells are written out",
                bounds.max_expanded_bytes
            ))
            .hint("raise the bound with `--max-expanded-bytes`"));
        }
        Ok(())
    }
}

/// A repeat attribute's count (1 when absent or not a number).
fn repeat(e: &quick_xml::events::BytesStart, key: &str) -> u64 {
    attr(e, key)
        .and_then(|v| v.parse().ok())
        .unwrap_or(1u64)
        .max(1)
}

/// Measures every sheet of an `.ods`'s `content.xml` in one streaming pass, before calamine
/// lays it out densely: `table:number-rows-repeated`, `table:number-columns-repeated` and
/// `text:s`'s `text:c` multiply what a few bytes say, up to a million rows of a long text.
fn measure_ods(bytes: &[u8], bounds: &Bounds) -> Result<(), Diagnostic> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| damaged(&e.to_string()))?;
    let content = zip
        .by_name("content.xml")
        .map_err(|_| damaged("it has no content.xml"))?;
    let mut xml = quick_xml::Reader::from_reader(std::io::BufReader::new(content));
    let mut buf = Vec::new();
    let mut at = Walk::default();
    loop {
        let event = xml
            .read_event_into(&mut buf)
            .map_err(|e| damaged(&format!("content.xml: {e}")))?;
        let done = matches!(event, Event::Eof);
        at.step(event, bounds)?;
        if done {
            return Ok(());
        }
        buf.clear();
    }
}

/// Where the pass over `content.xml` is: the sheet so far, the row and column, their
/// repeats, and the text of the open cell.
#[derive(Default)]
struct Walk {
    sheet: Extent,
    row: u64,
    rows_rep: u64,
    col: u64,
    cols_rep: u64,
    cell: Option<u64>,
}

const CELLS: [&str; 2] = ["table:table-cell", "table:covered-table-cell"];

impl Walk {
    fn step(&mut self, event: Event, bounds: &Bounds) -> Result<(), Diagnostic> {
        match event {
            Event::Start(e) if e.name().0 == "table:table" => {
                self.sheet = Extent {
                    name: attr(&e, "table:name").unwrap_or_default(),
                    ..Extent::default()
                };
                self.row = 0;
            }
            Event::End(e) if e.name().0 == "table:table" => self.sheet.check(bounds)?,
            Event::Start(e) if e.name().0 == "table:table-row" => {
                self.rows_rep = repeat(&e, "table:number-rows-repeated");
                self.col = 0;
            }
            Event::Empty(e) if e.name().0 == "table:table-row" => {
                self.row = self
                    .row
                    .saturating_add(repeat(&e, "table:number-rows-repeated"));
            }
            Event::End(e) if e.name().0 == "table:table-row" => {
                self.row = self.row.saturating_add(self.rows_rep);
            }
            Event::Start(e) if CELLS.contains(&e.name().0) => {
                self.cols_rep = repeat(&e, "table:number-columns-repeated");
                self.cell = Some(valued(&e));
            }
            Event::Empty(e) if CELLS.contains(&e.name().0) => {
                self.cols_rep = repeat(&e, "table:number-columns-repeated");
                self.cell = Some(valued(&e));
                self.close_cell();
            }
            Event::End(e) if CELLS.contains(&e.name().0) => self.close_cell(),
            Event::Start(e) | Event::Empty(e) if e.name().0 == "text:s" => {
                let spaces = attr(&e, "text:c")
                    .and_then(|c| c.parse().ok())
                    .unwrap_or(1u64);
                self.add(spaces);
            }
            Event::Text(t) => self.add(t.len() as u64),
            Event::CData(t) => self.add(t.len() as u64),
            Event::GeneralRef(_) => self.add(1),
            _ => {}
        }
        Ok(())
    }

    fn add(&mut self, n: u64) {
        if let Some(c) = self.cell.as_mut() {
            *c = c.saturating_add(n);
        }
    }

    /// Counts the cell that ended: with a value or text, it extends the sheet by its repeats.
    fn close_cell(&mut self) {
        let Some(len) = self.cell.take() else {
            return;
        };
        let (row, col) = (self.row, self.col);
        let (rows_rep, cols_rep) = (self.rows_rep.max(1), self.cols_rep.max(1));
        self.col = col.saturating_add(cols_rep);
        if len == 0 {
            return;
        }
        let s = &mut self.sheet;
        s.first_row = Some(s.first_row.map_or(row, |r| r.min(row)));
        s.first_col = Some(s.first_col.map_or(col, |c| c.min(col)));
        s.last_row = s.last_row.max(row.saturating_add(rows_rep - 1));
        s.last_col = s.last_col.max(col.saturating_add(cols_rep - 1));
        s.text = s
            .text
            .saturating_add(len.saturating_mul(rows_rep).saturating_mul(cols_rep));
    }
}

/// An attribute's value as text.
fn attr(e: &quick_xml::events::BytesStart, key: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.0 == key)
        .map(|a| a.value.to_string())
}

/// The bytes of a cell's `office:…value` attributes (a number, a date, a text value).
fn valued(e: &quick_xml::events::BytesStart) -> u64 {
    e.attributes()
        .flatten()
        .filter(|a| a.key.0.starts_with("office:") && a.key.0.ends_with("value"))
        .map(|a| a.value.len() as u64)
        .sum()
}
