//! The handout typeset for print: its Markdown (rendered from the `handout.md` template, so
//! user templates and translations apply) cut into atoms — a line of text, a table row, a
//! picture, a rule — that are then laid on pages (see [`page`]). A heading keeps with what
//! follows, a paragraph never leaves one line alone at a page's foot or head, a table row is
//! never cut and a table's header repeats on each page it runs onto, a picture is never split
//! and goes on a landscape page of its own when portrait would print its smallest text too
//! small to read.

mod blocks;
mod lines;
mod page;
mod table;

use std::fmt::Write as _;

use resvg::usvg::{self, Transform};

use crate::options::Paper;
use crate::raster::RasterError;
use blocks::{Block, Run, Style};
use lines::Seg;

/// The margin around a page's content, in CSS pixels (about 17 mm).
const MARGIN: f32 = 64.0;
/// The size of body text, in CSS pixels (10.5 pt).
const BODY: f32 = 14.0;
/// Line height as a multiple of the font size.
const LEADING: f32 = 1.45;
/// The smallest text a picture may print at, in CSS pixels (6.75 pt), before it gets a
/// landscape page.
const SMALLEST_TEXT: f32 = 9.5;

const INK: &str = "#1f2328";
const MUTED: &str = "#4b5563";
const LINK: &str = "#0b57d0";
const LINE: &str = "#c4ccd5";
const TINT: &str = "#edf1f5";

/// One indivisible piece of the handout, laid out from its own top left.
#[derive(Default)]
struct Atom {
    height: f32,
    /// Space above it, dropped at the top of a page.
    before: f32,
    /// Whether it goes on the same page as the atom after it.
    keep: bool,
    /// Whether it goes on a landscape page.
    landscape: bool,
    /// Whether it starts a new page.
    page_break: bool,
    /// Its drawing: an SVG fragment.
    svg: String,
    /// Pictures painted over it: an index into the handout's pictures and where it goes.
    pictures: Vec<(usize, Transform)>,
    /// Clickable areas (left, top, right, bottom) and their addresses.
    links: Vec<([f32; 4], String)>,
    /// An outline entry starting here.
    heading: Option<(u8, String)>,
    /// A table header to repeat above it when it starts a page.
    head: Option<usize>,
}

/// The page size and the content width of a page of either orientation.
#[derive(Clone, Copy)]
struct Frame {
    width: f32,
    height: f32,
}

impl Frame {
    fn of(paper: Paper, landscape: bool) -> Frame {
        let (w, h) = paper.size();
        let (width, height) = if landscape { (h, w) } else { (w, h) };
        Frame { width, height }
    }

    fn content(self) -> (f32, f32) {
        (self.width - 2.0 * MARGIN, self.height - 2.0 * MARGIN)
    }
}

/// What is being set: the atoms so far, the table headers they repeat, and the pictures.
struct Setter<'a> {
    frame: Frame,
    landscape: Frame,
    atoms: Vec<Atom>,
    heads: Vec<Atom>,
    inline: &'a [(String, String)],
    trees: Vec<usvg::Tree>,
}

use crate::render::markup::escape_html as esc;

/// Whether a link may be clickable in print: web and mail addresses, and files beside the
/// handout (no scheme); never a script or a local program.
fn clickable(uri: &str) -> bool {
    let lower = uri.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("mailto:")
    {
        return true;
    }
    let scheme_end = uri.find(':');
    let path_start = uri.find(['/', '?', '#']).unwrap_or(uri.len());
    !uri.starts_with('#') && scheme_end.is_none_or(|c| c > path_start)
}

/// Draws one line of segments with its baseline at `baseline`, from `x`; returns its links.
fn draw_line(
    svg: &mut String,
    line: &[Seg],
    (x, baseline, size): (f32, f32, f32),
    colour: &str,
) -> Vec<([f32; 4], String)> {
    let mut links = Vec::new();
    for seg in line {
        let text = seg.text.trim_end();
        if text.is_empty() {
            continue;
        }
        let sx = x + seg.x;
        let fill = if seg.link.is_some() { LINK } else { colour };
        let weight = if seg.style.bold { "bold" } else { "normal" };
        if seg.style.code {
            let _ = write!(
                svg,
                r#"<rect x="{:.2}" y="{:.2}" width="{:.2}" height="{:.2}" rx="2" fill="{TINT}"/>"#,
                sx - 1.5,
                baseline - size * 0.95,
                seg.width + 3.0,
                size * 1.25
            );
        }
        let place = if seg.style.italic {
            format!(r#"transform="translate({sx:.2} {baseline:.2}) skewX(-12)""#)
        } else {
            format!(r#"x="{sx:.2}" y="{baseline:.2}""#)
        };
        let _ = write!(
            svg,
            r#"<text {place} font-size="{size}" font-weight="{weight}" fill="{fill}" xml:space="preserve">{}</text>"#,
            esc(text)
        );
        if let Some(uri) = &seg.link {
            let w = lines::measure(text, seg.style, size);
            let _ = write!(
                svg,
                r#"<rect x="{sx:.2}" y="{:.2}" width="{w:.2}" height="0.8" fill="{LINK}"/>"#,
                baseline + size * 0.16
            );
            if clickable(uri) {
                links.push((
                    [sx, baseline - size, sx + w, baseline + size * 0.3],
                    uri.clone(),
                ));
            }
        }
    }
    links
}

/// The plain text of runs, for the outline.
fn plain(runs: &[Run]) -> String {
    runs.iter().map(|r| r.text.as_str()).collect::<String>()
}

impl Setter<'_> {
    fn width(&self) -> f32 {
        self.frame.content().0
    }

    /// Sets `runs` as lines at `indent`, each line an atom; `first` is the space above the
    /// first line. Returns the range of atoms made.
    fn text(&mut self, runs: &[Run], size: f32, indent: f32, first: f32) -> std::ops::Range<usize> {
        self.text_in(runs, (size, indent, first), INK, |_, _| {})
    }

    fn text_in(
        &mut self,
        runs: &[Run],
        (size, indent, first): (f32, f32, f32),
        colour: &str,
        mut decorate: impl FnMut(usize, &mut Atom),
    ) -> std::ops::Range<usize> {
        let start = self.atoms.len();
        let height = size * LEADING;
        let baseline = size * (LEADING - 1.0) / 2.0 + size * 0.97;
        let lines = lines::break_lines(runs, size, self.width() - indent);
        let n = lines.len();
        for (i, line) in lines.iter().enumerate() {
            let mut atom = Atom {
                height,
                before: if i == 0 { first } else { 0.0 },
                // No line alone at a page's foot (the first) or head (the last).
                keep: n > 1 && (i == 0 || i + 2 == n),
                ..Atom::default()
            };
            atom.links = draw_line(&mut atom.svg, line, (indent, baseline, size), colour);
            decorate(i, &mut atom);
            self.atoms.push(atom);
        }
        start..self.atoms.len()
    }

    fn heading(&mut self, level: u8, runs: &[Run]) {
        let (size, before) = match level {
            1 => (28.0, 0.0),
            2 => (21.0, 26.0),
            3 => (17.0, 18.0),
            _ => (15.0, 14.0),
        };
        let runs: Vec<Run> = runs
            .iter()
            .map(|r| Run {
                style: Style {
                    bold: true,
                    ..r.style
                },
                ..r.clone()
            })
            .collect();
        let title = plain(&runs);
        let made = self.text(&runs, size, 0.0, before);
        for i in made.clone() {
            self.atoms[i].keep = true;
        }
        if level <= 3 {
            self.atoms[made.start].heading = Some((level, title));
        }
        if level == 1
            && let Some(last) = self.atoms.get_mut(made.end - 1)
        {
            let _ = write!(
                last.svg,
                r#"<rect x="0" y="{:.2}" width="{:.2}" height="1.5" fill="{LINE}"/>"#,
                last.height + 4.0,
                self.frame.content().0
            );
            last.height += 8.0;
        }
    }

    fn para(&mut self, runs: &[Run], depth: usize, marker: Option<&str>, quote: bool) {
        let indent = depth as f32 * 24.0 + if quote { 18.0 } else { 0.0 };
        let before = if depth > 0 { 4.0 } else { 9.0 };
        let size = BODY;
        let colour = if quote { MUTED } else { INK };
        self.text_in(runs, (size, indent, before), colour, |i, atom| {
            let baseline = size * (LEADING - 1.0) / 2.0 + size * 0.97;
            if let (0, Some(m)) = (i, marker) {
                let w = lines::measure(m, Style::default(), size);
                let _ = write!(
                    atom.svg,
                    r#"<text x="{:.2}" y="{baseline:.2}" font-size="{size}" fill="{INK}">{}</text>"#,
                    indent - 6.0 - w,
                    esc(m)
                );
            }
            if quote {
                let _ = write!(
                    atom.svg,
                    r#"<rect x="{:.2}" y="0" width="3" height="{:.2}" fill="{LINE}"/>"#,
                    indent - 14.0,
                    atom.height
                );
            }
        });
    }

    /// The height the atoms that must go on the page of the next one take.
    fn kept_height(&self) -> f32 {
        self.atoms
            .iter()
            .rev()
            .take_while(|a| a.keep)
            .map(|a| a.height + a.before)
            .sum()
    }

    fn picture(&mut self, src: &str, alt: &str) -> Result<(), RasterError> {
        let name = src.strip_suffix(".svg").unwrap_or(src);
        let Some((_, svg)) = self.inline.iter().find(|(n, _)| n == name) else {
            let runs = [Run {
                text: alt.to_string(),
                style: Style {
                    italic: true,
                    ..Style::default()
                },
                link: None,
            }];
            self.para(&runs, 0, None, false);
            return Ok(());
        };
        let tree = crate::raster::parse(svg)?;
        let size = tree.size();
        let smallest = smallest_text(tree.root()).unwrap_or(BODY);
        let kept = self.kept_height();
        let scale_in = |frame: Frame| {
            let (w, h) = frame.content();
            (w / size.width())
                .min((h - kept - 12.0) / size.height())
                .min(1.0)
        };
        let portrait = scale_in(self.frame);
        let landscape = smallest * portrait < SMALLEST_TEXT && scale_in(self.landscape) > portrait;
        let (frame, scale) = if landscape {
            (self.landscape, scale_in(self.landscape))
        } else {
            (self.frame, portrait)
        };
        let (w, h) = (size.width() * scale, size.height() * scale);
        let x = (frame.content().0 - w) / 2.0;
        if landscape {
            for a in self.atoms.iter_mut().rev().take_while(|a| a.keep) {
                a.landscape = true;
            }
        }
        self.trees.push(tree);
        self.atoms.push(Atom {
            height: h,
            before: 12.0,
            landscape,
            pictures: vec![(
                self.trees.len() - 1,
                Transform::from_row(scale, 0.0, 0.0, scale, x, 0.0),
            )],
            ..Atom::default()
        });
        Ok(())
    }

    fn block(&mut self, block: &Block) -> Result<(), RasterError> {
        match block {
            Block::Heading { level, runs } => self.heading(*level, runs),
            Block::Para {
                runs,
                depth,
                marker,
                quote,
            } => self.para(runs, *depth, marker.as_deref(), *quote),
            Block::Table { align, head, rows } => table::table(self, align, head, rows),
            Block::Picture { src, alt } => self.picture(src, alt)?,
            Block::Rule => self.atoms.push(Atom {
                height: 1.0,
                before: 14.0,
                svg: format!(
                    r#"<rect x="0" y="0" width="{:.2}" height="1" fill="{LINE}"/>"#,
                    self.width()
                ),
                ..Atom::default()
            }),
            Block::PageBreak => {
                if let Some(last) = self.atoms.last_mut() {
                    last.keep = false;
                }
                self.atoms.push(Atom {
                    page_break: true,
                    ..Atom::default()
                });
            }
        }
        Ok(())
    }
}

/// The smallest font size of the text in `group`, in the picture's own units.
fn smallest_text(group: &usvg::Group) -> Option<f32> {
    group
        .children()
        .iter()
        .filter_map(|node| match node {
            usvg::Node::Group(g) => smallest_text(g),
            usvg::Node::Text(t) => t
                .chunks()
                .iter()
                .flat_map(|c| c.spans().iter().map(|s| s.font_size().get()))
                .reduce(f32::min)
                .map(|s| s * t.abs_transform().get_scale().1),
            _ => None,
        })
        .reduce(f32::min)
}

/// `markdown` typeset on pages of `paper`, its pictures (`![…](name.svg)`) drawn from
/// `inline` (name, SVG) as vectors.
pub fn handout(
    markdown: &str,
    inline: &[(String, String)],
    paper: Paper,
    meta: super::Meta,
) -> Result<Vec<u8>, RasterError> {
    let mut setter = Setter {
        frame: Frame::of(paper, false),
        landscape: Frame::of(paper, true),
        atoms: Vec::new(),
        heads: Vec::new(),
        inline,
        trees: Vec::new(),
    };
    let mut depth_before = None;
    for block in blocks::blocks(markdown) {
        let depth = match &block {
            Block::Para { depth, .. } => Some(*depth),
            _ => None,
        };
        // An item stays with its first sub-item, and sub-items stay together (a question
        // and its options).
        if let (Some(d), Some(before)) = (depth, depth_before)
            && (d > before || d > 1 && d == before)
            && let Some(last) = setter.atoms.last_mut()
        {
            last.keep = true;
        }
        depth_before = depth;
        setter.block(&block)?;
    }
    page::pages(&setter, meta)
}
