//! A matrix too large to read on a slide, split into pages that are not: bands of rows (in the
//! order the matrix shows them, classes kept) and of columns, each page with the header, its
//! rows' class bars, its cells' notes and the legend. A shift picture too wide to read is split
//! into bands of consecutive columns, every layer on each page, so that each page shows its
//! stretch of the line whole.

use super::matrix::{part, row_groups};
use super::scene::{SLIDE_AREA, Scene};
use super::shift;
use crate::model::{Column, LayerIx, Model};
use crate::theme::Theme;
use crate::words::Words;

/// What a page's title adds to the picture's: ` (page 2 of 5)`; nothing for a whole picture.
pub(super) fn suffix(words: &Words, page: Option<(usize, usize)>) -> String {
    page.map(|(n, of)| {
        let p = Words::fill(
            &words.page,
            &[("page", &n.to_string()), ("pages", &of.to_string())],
        );
        format!(" ({p})")
    })
    .unwrap_or_default()
}

/// The most pages a matrix is split into; past it the matrix stays one SVG, which a reader
/// can zoom, since a deck of dozens of pages is no way to read a table either.
pub const MAX_PAGES: usize = 12;

/// The pages of the matrix of `model`, each legible on a slide; empty when the whole matrix
/// is legible, or when it cannot be split into at most [`MAX_PAGES`] legible pages.
pub fn matrix_pages(model: &Model, theme: &Theme, words: &Words) -> Vec<Scene> {
    let rows: Vec<LayerIx> = row_groups(model, words)
        .into_iter()
        .flat_map(|(_, ls)| ls)
        .collect();
    let cols = model.columns();
    let lay = |r: &[LayerIx], c: &[Column], page| part(model, theme, words, (r, c), page);
    let (mut per_rows, mut per_cols) = (rows.len(), cols.len());
    loop {
        let probe = lay(&rows[..per_rows], &cols[..per_cols], Some((1, 1)));
        if probe.legible_on_a_slide() {
            break;
        }
        if per_rows == 1 && per_cols == 1 {
            return Vec::new();
        }
        // Halve the side that overflows the slide most.
        let (wide, tall) = (probe.width / SLIDE_AREA.0, probe.height / SLIDE_AREA.1);
        if (wide >= tall && per_cols > 1) || per_rows == 1 {
            per_cols = per_cols.div_ceil(2);
        } else {
            per_rows = per_rows.div_ceil(2);
        }
        let count = rows.len().div_ceil(per_rows) * cols.len().div_ceil(per_cols);
        if count > MAX_PAGES {
            return Vec::new();
        }
    }
    if per_rows == rows.len() && per_cols == cols.len() {
        return Vec::new();
    }
    let bands: Vec<(&[LayerIx], &[Column])> = rows
        .chunks(per_rows)
        .flat_map(|r| cols.chunks(per_cols).map(move |c| (r, c)))
        .collect();
    let n = bands.len();
    let pages: Vec<Scene> = bands
        .into_iter()
        .enumerate()
        .map(|(i, (r, c))| lay(r, c, Some((i + 1, n))))
        .collect();
    // A later band can be taller or wider than the first (longer labels): all or none.
    if pages.iter().all(Scene::legible_on_a_slide) {
        pages
    } else {
        Vec::new()
    }
}

/// The pages of the shift picture of `model`: bands of consecutive columns, each legible on a
/// slide; empty when the whole picture is legible, or when no split into at most
/// [`MAX_PAGES`] bands of columns is (a model with too many layers for one slide).
pub fn shift_pages(model: &Model, theme: &Theme, words: &Words) -> Vec<Scene> {
    let cols = model.columns();
    let lay = |c: &[Column], page| shift::part(model, theme, words, c, page);
    let mut per = cols.len();
    while !lay(&cols[..per], Some((1, 1))).legible_on_a_slide() {
        if per == 1 || cols.len().div_ceil(per.div_ceil(2)) > MAX_PAGES {
            return Vec::new();
        }
        per = per.div_ceil(2);
    }
    if per == cols.len() {
        return Vec::new();
    }
    let n = cols.len().div_ceil(per);
    let pages: Vec<Scene> = cols
        .chunks(per)
        .enumerate()
        .map(|(i, c)| lay(c, Some((i + 1, n))))
        .collect();
    if pages.iter().all(Scene::legible_on_a_slide) {
        pages
    } else {
        Vec::new()
    }
}
