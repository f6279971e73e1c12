//! Lays the atoms on pages and paints them: each page is one SVG (its text, rules and tints)
//! painted like any picture, with the handout's pictures painted over it as vectors, its links
//! made clickable and its headings added to the outline.

use std::fmt::Write as _;

use resvg::usvg::Transform;

use super::{Atom, Frame, MARGIN, MUTED, Setter, esc, lines};
use crate::pdf::{Doc, Heading, Meta};
use crate::raster::RasterError;

/// An atom placed on a page, `y` pixels from the page's top.
struct Placed<'a> {
    atom: &'a Atom,
    y: f32,
}

/// A page being filled.
#[derive(Default)]
struct Sheet<'a> {
    landscape: bool,
    placed: Vec<Placed<'a>>,
}

/// The height atoms `i..` need on one page: up to and with the first that need not keep with
/// the next, stopping before a page break or a change of orientation.
fn chain(atoms: &[Atom], i: usize) -> f32 {
    let mut need = atoms[i].height;
    for (j, a) in atoms.iter().enumerate().skip(i + 1) {
        if !atoms[j - 1].keep || a.page_break || a.landscape != atoms[i].landscape {
            break;
        }
        need += a.before + a.height;
    }
    need
}

/// The pages: atoms in order, a new page where the next chain does not fit, at a page break,
/// and where the orientation changes.
fn paginate<'a>(setter: &'a Setter) -> Vec<Sheet<'a>> {
    let mut sheets = vec![Sheet::default()];
    let mut y = MARGIN;
    for (i, atom) in setter.atoms.iter().enumerate() {
        let sheet = sheets.last_mut().expect("one page at least");
        let frame = if sheet.landscape {
            setter.landscape
        } else {
            setter.frame
        };
        let (_, room) = frame.content();
        let bottom = MARGIN + room;
        let empty = sheet.placed.is_empty();
        let need = match chain(&setter.atoms, i) {
            // A chain longer than a page breaks where it must.
            n if n > room => atom.height,
            n => n,
        };
        let turn = atom.landscape != sheet.landscape;
        if !empty && (atom.page_break || turn || y + atom.before + need > bottom) {
            sheets.push(Sheet {
                landscape: atom.landscape,
                placed: Vec::new(),
            });
            y = MARGIN;
        } else if empty {
            sheet.landscape = atom.landscape;
        }
        if atom.page_break {
            continue;
        }
        let sheet = sheets.last_mut().expect("one page at least");
        if sheet.placed.is_empty() {
            if let Some(head) = atom.head.and_then(|h| setter.heads.get(h)) {
                sheet.placed.push(Placed { atom: head, y });
                y += head.height;
            }
        } else {
            y += atom.before;
        }
        sheet.placed.push(Placed { atom, y });
        y += atom.height;
    }
    if sheets.len() > 1 && sheets.last().is_some_and(|s| s.placed.is_empty()) {
        sheets.pop();
    }
    sheets
}

/// The foot of a page: the document's title and the page number.
fn footer(svg: &mut String, frame: Frame, title: &str, (n, of): (usize, usize)) {
    const SIZE: f32 = 10.0;
    let y = frame.height - MARGIN / 2.0;
    let right = frame.width - MARGIN;
    let number = format!("{n} / {of}");
    let room = frame.content().0 - lines::measure(&number, Default::default(), SIZE) - 24.0;
    let mut shown = title.to_string();
    while !shown.is_empty() && lines::measure(&shown, Default::default(), SIZE) > room {
        shown.pop();
        while shown.ends_with(' ') {
            shown.pop();
        }
        if lines::measure(&format!("{shown}…"), Default::default(), SIZE) <= room {
            shown.push('…');
            break;
        }
    }
    let _ = write!(
        svg,
        r#"<text x="{MARGIN}" y="{y}" font-size="{SIZE}" fill="{MUTED}">{}</text><text x="{right}" y="{y}" font-size="{SIZE}" fill="{MUTED}" text-anchor="end">{number}</text>"#,
        esc(&shown)
    );
}

/// Paints the pages into a PDF.
pub(super) fn pages(setter: &Setter, meta: Meta) -> Result<Vec<u8>, RasterError> {
    let sheets = paginate(setter);
    let mut doc = Doc::new();
    for (n, sheet) in sheets.iter().enumerate() {
        let frame = if sheet.landscape {
            setter.landscape
        } else {
            setter.frame
        };
        let mut svg = format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="Inter">"#,
            w = frame.width,
            h = frame.height
        );
        for p in &sheet.placed {
            let _ = write!(
                svg,
                r#"<g transform="translate({MARGIN} {:.2})">{}</g>"#,
                p.y, p.atom.svg
            );
        }
        footer(&mut svg, frame, meta.title, (n + 1, sheets.len()));
        svg.push_str("</svg>");
        let tree = crate::raster::parse(&svg)?;
        let mut page = doc.page(frame.width, frame.height);
        page.tree(&tree, Transform::identity());
        for p in &sheet.placed {
            let at = Transform::from_translate(MARGIN, p.y);
            for (index, place) in &p.atom.pictures {
                page.tree(&setter.trees[*index], at.pre_concat(*place));
            }
            for ([l, t, r, b], uri) in &p.atom.links {
                page.link([l + MARGIN, t + p.y, r + MARGIN, b + p.y], uri);
            }
        }
        page.finish();
        for p in &sheet.placed {
            if let Some((level, title)) = &p.atom.heading {
                doc.heading(Heading {
                    level: *level,
                    title: title.clone(),
                    page: n,
                    y: p.y,
                });
            }
        }
    }
    doc.finish(meta)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::options::Paper;

    fn setter(markdown: &str) -> Setter<'static> {
        let mut s = Setter {
            frame: Frame::of(Paper::A4, false),
            landscape: Frame::of(Paper::A4, true),
            atoms: Vec::new(),
            heads: Vec::new(),
            inline: &[],
            trees: Vec::new(),
        };
        for block in super::super::blocks::blocks(markdown) {
            s.block(&block).unwrap();
        }
        s
    }

    #[test]
    fn pages_keep_headings_with_text_fit_every_atom_and_repeat_table_headers() {
        let mut md = String::from("# Title\n\n");
        for i in 0..40 {
            md.push_str(&format!(
                "## Section {i}\n\n{}\n\n",
                "A sentence that runs on. ".repeat(i % 7 * 9 + 1)
            ));
            if i % 9 == 4 {
                md.push_str("| Layer | Customer | Provider |\n| --- | :---: | :---: |\n");
                for r in 0..60 {
                    md.push_str(&format!("| Layer {r} with a name | ✓ | |\n"));
                }
                md.push('\n');
            }
        }
        let s = setter(&md);
        let sheets = paginate(&s);
        assert!(sheets.len() > 10, "{} pages", sheets.len());
        let bottom = s.frame.height - MARGIN;
        let mut continued = 0;
        for (n, sheet) in sheets.iter().enumerate() {
            assert!(!sheet.placed.is_empty(), "page {n} is empty");
            for p in &sheet.placed {
                assert!(
                    p.y >= MARGIN && p.y + p.atom.height <= bottom + 0.01,
                    "page {n} overflows"
                );
            }
            let last = sheet.placed.last().unwrap().atom;
            assert!(
                n + 1 == sheets.len() || !last.keep,
                "page {n} ends on a heading, a paragraph's first line or a table header"
            );
            let first = sheet.placed[0].atom;
            if s.heads.iter().any(|h| std::ptr::eq(h, first)) {
                continued += 1;
            }
            assert!(
                sheet
                    .placed
                    .iter()
                    .all(|p| p.atom.head.is_none() || !std::ptr::eq(p.atom, sheet.placed[0].atom)),
                "page {n} starts a table's row without its header"
            );
        }
        assert!(
            continued >= 4,
            "tables that run over pages repeat their header ({continued})"
        );
    }
}
