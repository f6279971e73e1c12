//! Tables: columns sized to their content within the page, each row an atom, the header an
//! atom repeated on every page the table runs onto.

use std::fmt::Write as _;

use pulldown_cmark::Alignment;

use super::blocks::{Run, Style};
use super::lines::{self, Seg};
use super::{Atom, INK, LEADING, LINE, Setter, TINT, draw_line};

/// Cell padding, left and right, and above and below.
const PAD: (f32, f32) = (6.0, 4.0);
/// Table text sizes tried in turn until the columns fit.
const SIZES: [f32; 3] = [12.5, 11.0, 10.0];

/// The width of each column: as wide as its content on one line if all fit, else its longest
/// word plus a share of the room left; at the smallest size, shares of the page.
fn widths(cells: &[&[Vec<Run>]], columns: usize, room: f32) -> (f32, Vec<f32>) {
    let mut last = (SIZES[0], Vec::new());
    for size in SIZES {
        let mut min = vec![0.0f32; columns];
        let mut max = vec![0.0f32; columns];
        for row in cells {
            for (c, cell) in row.iter().enumerate().take(columns) {
                let (lo, hi) = lines::min_max(cell, size);
                min[c] = min[c].max(lo + 2.0 * PAD.0);
                max[c] = max[c].max(hi + 2.0 * PAD.0);
            }
        }
        let (sum_min, sum_max): (f32, f32) = (min.iter().sum(), max.iter().sum());
        if sum_max <= room {
            return (size, max);
        }
        if sum_min <= room {
            let share = (room - sum_min) / (sum_max - sum_min).max(f32::EPSILON);
            return (
                size,
                min.iter()
                    .zip(&max)
                    .map(|(lo, hi)| lo + (hi - lo) * share)
                    .collect(),
            );
        }
        last = (size, min.iter().map(|m| room * m / sum_min).collect());
    }
    last
}

/// One row as an atom: its cells' lines, aligned, on a tint when it is the header.
fn row(cells: &[Vec<Run>], align: &[Alignment], widths: &[f32], size: f32, head: bool) -> Atom {
    let set: Vec<Vec<Vec<Seg>>> = widths
        .iter()
        .enumerate()
        .map(|(c, w)| {
            let runs: Vec<Run> = cells
                .get(c)
                .map(|cell| {
                    cell.iter()
                        .map(|r| Run {
                            style: Style {
                                bold: r.style.bold || head,
                                ..r.style
                            },
                            ..r.clone()
                        })
                        .collect()
                })
                .unwrap_or_default();
            lines::break_lines(&runs, size, w - 2.0 * PAD.0)
        })
        .collect();
    let line_height = size * LEADING;
    let most = set.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let height = most as f32 * line_height + 2.0 * PAD.1;
    let total: f32 = widths.iter().sum();
    let mut atom = Atom {
        height,
        keep: head,
        ..Atom::default()
    };
    if head {
        let _ = write!(
            atom.svg,
            r#"<rect x="0" y="0" width="{total:.2}" height="{height:.2}" fill="{TINT}"/>"#
        );
    }
    let _ = write!(
        atom.svg,
        r#"<rect x="0" y="{:.2}" width="{total:.2}" height="{:.2}" fill="{LINE}"/>"#,
        height - if head { 1.2 } else { 0.6 },
        if head { 1.2 } else { 0.6 }
    );
    let mut x = 0.0;
    for (c, cell_lines) in set.iter().enumerate() {
        for (i, line) in cell_lines.iter().enumerate() {
            let used = line.last().map_or(0.0, |s| s.x + s.width);
            let inner = widths[c] - 2.0 * PAD.0;
            let dx = match align.get(c) {
                Some(Alignment::Center) => (inner - used) / 2.0,
                Some(Alignment::Right) => inner - used,
                _ => 0.0,
            };
            let top = PAD.1 + i as f32 * line_height;
            let baseline = top + size * (LEADING - 1.0) / 2.0 + size * 0.97;
            let links = draw_line(&mut atom.svg, line, (x + PAD.0 + dx, baseline, size), INK);
            atom.links.extend(links);
        }
        x += widths[c];
    }
    atom
}

/// Sets a table: a header atom kept with the first row and repeated where the table breaks.
pub(super) fn table(
    setter: &mut Setter,
    align: &[Alignment],
    head: &[Vec<Run>],
    rows: &[Vec<Vec<Run>>],
) {
    let columns = head.len().max(rows.iter().map(Vec::len).max().unwrap_or(0));
    if columns == 0 {
        return;
    }
    // The header is set in bold, so it is measured in bold.
    let head: &[Vec<Run>] = &head
        .iter()
        .map(|cell| {
            cell.iter()
                .map(|r| Run {
                    style: Style {
                        bold: true,
                        ..r.style
                    },
                    ..r.clone()
                })
                .collect()
        })
        .collect::<Vec<Vec<Run>>>();
    let cells: Vec<&[Vec<Run>]> = std::iter::once(head)
        .chain(rows.iter().map(Vec::as_slice))
        .collect();
    let (size, widths) = widths(&cells, columns, setter.width());
    let mut header = row(head, align, &widths, size, true);
    header.before = 12.0;
    let index = setter.heads.len();
    setter.heads.push(row(head, align, &widths, size, true));
    setter.atoms.push(header);
    for (i, cells) in rows.iter().enumerate() {
        let mut atom = row(cells, align, &widths, size, false);
        if i > 0 {
            atom.head = Some(index);
        }
        setter.atoms.push(atom);
    }
    if let Some(last) = setter.atoms.last_mut() {
        last.height += 4.0;
    }
}
