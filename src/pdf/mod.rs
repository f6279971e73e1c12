//! Vector PDF: each picture beside its SVG, the slides as one deck, and the handout typeset for
//! print. Every page is painted from usvg trees (see [`paint`]), the trees resvg rasterises
//! for the PNGs, so a PDF has its PNG's geometry and text shaped by the same shaper; text stays
//! text in the bundled font, embedded as a subset. Written with pdf-writer; no dates, and the
//! file identifier is a hash of the content, so the same model gives the same bytes.

mod font;
mod paint;
pub mod typeset;

use pdf_writer::types::ColorSpaceOperand;
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};
use resvg::usvg::{self, Transform};

use crate::raster::{Canvas, RasterError};
use crate::theme::Rgb;
use paint::Resources;

/// Points per CSS pixel: PDF's unit is 1/72 in, CSS's 1/96 in.
pub const PT_PER_PX: f32 = 0.75;

/// What a document says of itself.
#[derive(Debug, Clone, Copy)]
pub struct Meta<'a> {
    /// The document title, shown by viewers in place of the file name.
    pub title: &'a str,
    /// Its language, as a BCP 47 tag (`en`, `fr`).
    pub lang: &'a str,
}

/// A clickable area of a page, in page pixels, and where it leads.
#[derive(Debug, Clone)]
pub struct Link {
    /// Left, top, right, bottom, in CSS pixels from the page's top left.
    pub rect: [f32; 4],
    /// The address.
    pub uri: String,
}

/// An entry of the outline (bookmarks).
#[derive(Debug, Clone)]
pub struct Heading {
    /// 1 for a title, 2 for a section, …
    pub level: u8,
    /// Its text.
    pub title: String,
    /// The page it is on, from 0.
    pub page: usize,
    /// Its top, in CSS pixels from the page's top.
    pub y: f32,
}

struct Page {
    /// Width and height in points.
    size: (f32, f32),
    content: Vec<u8>,
    links: Vec<Link>,
}

/// A PDF being made, page by page.
#[derive(Default)]
pub struct Doc {
    res: Resources,
    pages: Vec<Page>,
    outline: Vec<Heading>,
}

/// One page being painted, in CSS pixels from its top left.
pub struct PageCanvas<'d> {
    doc: &'d mut Doc,
    content: Content,
    /// From page pixels to the page's default space (points, y up).
    base: Transform,
    size: (f32, f32),
    links: Vec<Link>,
}

impl PageCanvas<'_> {
    /// Fills a rectangle with a colour.
    pub fn rect(&mut self, [x, y, w, h]: [f32; 4], colour: Rgb) {
        let Rgb(r, g, b) = colour;
        self.content
            .set_fill_color_space(ColorSpaceOperand::DeviceRgb);
        self.content.set_fill_rgb(
            f32::from(r) / 255.0,
            f32::from(g) / 255.0,
            f32::from(b) / 255.0,
        );
        self.content.rect(x, y, w, h).fill_nonzero();
    }

    /// Paints `tree` through `place` (from the tree's user space to page pixels).
    pub fn tree(&mut self, tree: &usvg::Tree, place: Transform) {
        self.content.save_state();
        self.content.transform(paint::matrix(place));
        paint::paint_group(
            tree.root(),
            &mut self.content,
            &mut self.doc.res,
            self.base.pre_concat(place),
        );
        self.content.restore_state();
    }

    /// Makes `rect` (page pixels: left, top, right, bottom) a link to `uri`.
    pub fn link(&mut self, rect: [f32; 4], uri: &str) {
        self.links.push(Link {
            rect,
            uri: uri.to_string(),
        });
    }

    /// Ends the page.
    pub fn finish(mut self) {
        self.content.restore_state();
        self.doc.pages.push(Page {
            size: self.size,
            content: self.content.finish().into_vec(),
            links: self.links,
        });
    }
}

impl Doc {
    /// An empty document.
    pub fn new() -> Doc {
        Doc::default()
    }

    /// Starts a page of `width` × `height` CSS pixels.
    pub fn page(&mut self, width: f32, height: f32) -> PageCanvas<'_> {
        let size = (width * PT_PER_PX, height * PT_PER_PX);
        let base = Transform::from_row(PT_PER_PX, 0.0, 0.0, -PT_PER_PX, 0.0, size.1);
        let mut content = Content::new();
        content.save_state();
        content.transform(paint::matrix(base));
        PageCanvas {
            doc: self,
            content,
            base,
            size,
            links: Vec::new(),
        }
    }

    /// Adds an outline entry.
    pub fn heading(&mut self, heading: Heading) {
        self.outline.push(heading);
    }

    /// The number of pages so far.
    pub fn len(&self) -> usize {
        self.pages.len()
    }

    /// Whether no page was added yet.
    pub fn is_empty(&self) -> bool {
        self.pages.is_empty()
    }

    /// The finished file.
    pub fn finish(self, meta: Meta) -> Result<Vec<u8>, RasterError> {
        write(self, meta).map_err(RasterError::Encode)
    }
}

/// DEFLATE at level 6: content streams and font programs.
fn deflate(data: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(6));
    e.write_all(data).expect("writing to memory");
    e.finish().expect("writing to memory")
}

/// A link annotation: `link`'s page-pixel rectangle on a page `height` points tall.
fn write_link(pdf: &mut Pdf, id: Ref, link: &Link, height: f32) {
    let [l, t, r, b] = link.rect;
    let k = PT_PER_PX;
    let mut a = pdf.annotation(id);
    a.subtype(pdf_writer::types::AnnotationType::Link)
        .rect(Rect::new(l * k, height - b * k, r * k, height - t * k))
        .border(0.0, 0.0, 0.0, None)
        .contents(TextStr(&link.uri));
    a.action()
        .action_type(pdf_writer::types::ActionType::Uri)
        .uri(Str(link.uri.as_bytes()));
}

/// The transparency states and tiling patterns the pages use.
fn write_paints(
    pdf: &mut Pdf,
    res: &Resources,
    (states, patterns): (&[Ref], &[Ref]),
    resources: Ref,
) {
    for (&(fill, stroke), r) in res.states.iter().zip(states) {
        pdf.ext_graphics(*r)
            .non_stroking_alpha(f32::from(fill) / 255.0)
            .stroking_alpha(f32::from(stroke) / 255.0);
    }
    for (p, r) in res.patterns.iter().zip(patterns) {
        let data = deflate(&p.content);
        let mut t = pdf.tiling_pattern(*r, &data);
        t.filter(Filter::FlateDecode);
        t.tiling_type(pdf_writer::types::TilingType::ConstantSpacing)
            .paint_type(pdf_writer::types::PaintType::Colored)
            .bbox(Rect::new(p.rect[0], p.rect[1], p.rect[2], p.rect[3]))
            .x_step(p.rect[2] - p.rect[0])
            .y_step(p.rect[3] - p.rect[1])
            .matrix(p.matrix)
            .pair(Name(b"Resources"), resources);
    }
}

fn write(doc: Doc, meta: Meta) -> Result<Vec<u8>, String> {
    let mut next = Ref::new(1);
    let mut alloc = || next.bump();
    let (catalog, tree, resources, info) = (alloc(), alloc(), alloc(), alloc());
    let page_refs: Vec<(Ref, Ref)> = doc.pages.iter().map(|_| (alloc(), alloc())).collect();
    let font_refs: Vec<Ref> = (0..doc.res.fonts.len()).map(|_| alloc()).collect();
    let state_refs: Vec<Ref> = doc.res.states.iter().map(|_| alloc()).collect();
    let pattern_refs: Vec<Ref> = doc.res.patterns.iter().map(|_| alloc()).collect();

    let mut pdf = Pdf::new();
    let mut hash = sha2::Sha256::default();
    for ((page_ref, content_ref), page) in page_refs.iter().zip(&doc.pages) {
        use sha2::Digest;
        hash.update(&page.content);
        let annots: Vec<Ref> = page.links.iter().map(|_| alloc()).collect();
        let mut p = pdf.page(*page_ref);
        p.media_box(Rect::new(0.0, 0.0, page.size.0, page.size.1))
            .parent(tree)
            .contents(*content_ref)
            .pair(Name(b"Resources"), resources);
        if !annots.is_empty() {
            p.annotations(annots.iter().copied());
        }
        p.finish();
        pdf.stream(*content_ref, &deflate(&page.content))
            .filter(Filter::FlateDecode);
        for (link, id) in page.links.iter().zip(annots) {
            write_link(&mut pdf, id, link, page.size.1);
        }
    }
    pdf.pages(tree)
        .kids(page_refs.iter().map(|(p, _)| *p))
        .count(i32::try_from(doc.pages.len()).map_err(|e| e.to_string())?);

    let mut res = pdf
        .indirect(resources)
        .start::<pdf_writer::writers::Resources>();
    let mut fonts = res.fonts();
    for (i, r) in font_refs.iter().enumerate() {
        fonts.pair(Name(format!("F{i}").as_bytes()), *r);
    }
    fonts.finish();
    let mut states = res.ext_g_states();
    for (i, r) in state_refs.iter().enumerate() {
        states.pair(Name(format!("G{i}").as_bytes()), *r);
    }
    states.finish();
    let mut patterns = res.patterns();
    for (i, r) in pattern_refs.iter().enumerate() {
        patterns.pair(Name(format!("P{i}").as_bytes()), *r);
    }
    patterns.finish();
    res.finish();

    write_paints(&mut pdf, &doc.res, (&state_refs, &pattern_refs), resources);
    let mut chunk = pdf_writer::Chunk::new();
    doc.res.fonts.write(&mut chunk, &font_refs, &mut alloc)?;
    pdf.extend(&chunk);

    let outline = write_outline(&mut pdf, &doc.outline, &page_refs, &doc.pages, &mut alloc);
    pdf.document_info(info)
        .title(TextStr(meta.title))
        .producer(TextStr(concat!("demarcate ", env!("CARGO_PKG_VERSION"))));
    let mut cat = pdf.catalog(catalog);
    cat.pages(tree).lang(TextStr(meta.lang));
    cat.viewer_preferences().display_doc_title(true);
    if let Some(outline) = outline {
        cat.outlines(outline)
            .page_mode(pdf_writer::types::PageMode::UseOutlines);
    }
    cat.finish();
    {
        use sha2::Digest;
        hash.update(meta.title.as_bytes());
        let id = hash.finalize()[..16].to_vec();
        pdf.set_file_id((id.clone(), id));
    }
    Ok(pdf.finish())
}

/// Writes the outline of `headings` (a tree by level); its root, if there are headings.
fn write_outline(
    pdf: &mut Pdf,
    headings: &[Heading],
    pages: &[(Ref, Ref)],
    sizes: &[Page],
    alloc: &mut impl FnMut() -> Ref,
) -> Option<Ref> {
    if headings.is_empty() {
        return None;
    }
    let root = alloc();
    let refs: Vec<Ref> = headings.iter().map(|_| alloc()).collect();
    // Each heading's parent: the nearest earlier heading of a lower level.
    let parent: Vec<Option<usize>> = (0..headings.len())
        .map(|i| {
            (0..i)
                .rev()
                .find(|&j| headings[j].level < headings[i].level)
        })
        .collect();
    let children = |p: Option<usize>| -> Vec<usize> {
        (0..headings.len()).filter(|&i| parent[i] == p).collect()
    };
    let descendants = |i: usize| -> i32 {
        let mut n = 0;
        let mut stack = children(Some(i));
        while let Some(c) = stack.pop() {
            n += 1;
            stack.extend(children(Some(c)));
        }
        n
    };
    let top = children(None);
    let mut o = pdf.outline(root);
    if let (Some(f), Some(l)) = (top.first(), top.last()) {
        o.first(refs[*f]).last(refs[*l]);
    }
    o.count(i32::try_from(top.len()).unwrap_or(i32::MAX));
    o.finish();
    for (i, h) in headings.iter().enumerate() {
        let siblings = children(parent[i]);
        let at = siblings.iter().position(|&s| s == i).unwrap_or(0);
        let mine = children(Some(i));
        let mut item = pdf.outline_item(refs[i]);
        item.title(TextStr(&h.title))
            .parent(parent[i].map_or(root, |p| refs[p]));
        if at > 0 {
            item.prev(refs[siblings[at - 1]]);
        }
        if let Some(n) = siblings.get(at + 1) {
            item.next(refs[*n]);
        }
        if let (Some(f), Some(l)) = (mine.first(), mine.last()) {
            item.first(refs[*f]).last(refs[*l]);
            // Open: positive count of the visible descendants.
            item.count(descendants(i));
        }
        let page_height = sizes.get(h.page).map_or(0.0, |p| p.size.1);
        item.dest().page(pages[h.page.min(pages.len() - 1)].0).xyz(
            0.0,
            page_height - h.y * PT_PER_PX,
            None,
        );
    }
    Some(root)
}

/// A picture as a one-page PDF of its own size, its text in the bundled font.
pub fn picture(svg: &str, meta: Meta) -> Result<Vec<u8>, RasterError> {
    let tree = crate::raster::parse(svg)?;
    let size = tree.size();
    let mut doc = Doc::new();
    let mut page = doc.page(size.width(), size.height());
    page.tree(&tree, Transform::identity());
    page.finish();
    doc.finish(meta)
}

/// The slides as one PDF: a page of `canvas`'s size and shape for each, every picture placed
/// as on its PNG (fitted inside a margin, centred, on the canvas's background).
pub fn deck(svgs: &[String], canvas: Canvas, meta: Meta) -> Result<Vec<u8>, RasterError> {
    let mut doc = Doc::new();
    let (w, h) = (canvas.width as f32, canvas.height as f32);
    for svg in svgs {
        let tree = crate::raster::parse(svg)?;
        let mut page = doc.page(w, h);
        if let Some(bg) = canvas.background {
            page.rect([0.0, 0.0, w, h], bg);
        }
        page.tree(&tree, crate::raster::fit(tree.size(), w, h));
        page.finish();
    }
    doc.finish(meta)
}
