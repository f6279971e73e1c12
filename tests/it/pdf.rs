//! PDF output: every picture beside its SVG, the handout and the deck, byte-identical from
//! build to build, and (where poppler-utils and qpdf are installed, always in CI) valid, with
//! only the bundled font embedded, text kept as text and pages of the expected size and count.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use crate::common::demarcate;

fn build(out: &Path, models: &[&str]) {
    let mut args = vec![
        "build",
        "--format",
        "pdf",
        "--output",
        out.to_str().unwrap(),
    ];
    args.extend(models);
    demarcate().args(&args).assert().success();
}

fn pdfs(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".pdf"))
        .collect()
}

#[test]
fn every_picture_the_handout_and_the_slides_as_identical_pdfs() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    build(a.path(), &["model/aws.yaml", "model/azure.yaml"]);
    build(b.path(), &["model/aws.yaml", "model/azure.yaml"]);
    for id in ["aws", "azure"] {
        let made = pdfs(&a.path().join(id));
        let mut want: BTreeSet<String> = std::fs::read_dir(Path::new("output").join(id))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter_map(|n| n.strip_suffix(".svg").map(|s| format!("{s}.pdf")))
            .collect();
        want.extend(["handout.pdf".to_string(), "slides.pdf".to_string()]);
        assert_eq!(made, want, "{id}");
        for name in &made {
            let x = std::fs::read(a.path().join(id).join(name)).unwrap();
            let y = std::fs::read(b.path().join(id).join(name)).unwrap();
            assert!(x.starts_with(b"%PDF-") && x.trim_ascii_end().ends_with(b"%%EOF"));
            assert!(x == y, "{id}/{name} differs between two builds");
        }
    }
}

/// Runs a tool and gives its standard output, or `None` when it is not installed.
fn tool(name: &str, args: &[&str], file: &Path) -> Option<String> {
    let out = Command::new(name).args(args).arg(file).output().ok()?;
    assert!(
        out.status.success(),
        "{name} {args:?} {}: {}",
        file.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The words of the text elements of an SVG, entities decoded.
fn svg_words(svg: &str) -> BTreeSet<String> {
    let tree = roxmltree::Document::parse(svg).unwrap();
    tree.descendants()
        .filter(|n| n.has_tag_name("text") || n.has_tag_name("tspan"))
        .flat_map(|n| n.children().filter_map(|c| c.text()).collect::<Vec<_>>())
        .flat_map(|t| t.split_whitespace().map(str::to_string).collect::<Vec<_>>())
        .collect()
}

fn words(text: &str) -> BTreeSet<String> {
    text.split_whitespace().map(str::to_string).collect()
}

#[test]
fn real_pdf_tools_accept_every_pdf_and_find_its_text() {
    let required = std::env::var_os("DEMARCATE_PDF_TOOLS").is_some();
    if Command::new("qpdf").arg("--version").output().is_err() {
        assert!(!required, "DEMARCATE_PDF_TOOLS is set but qpdf is missing");
        eprintln!("SKIPPED: qpdf and poppler-utils are not installed (CI installs them)");
        return;
    }
    let out = tempfile::tempdir().unwrap();
    build(out.path(), &["model/aws.yaml", "model/azure.yaml"]);
    for id in ["aws", "azure", "aws-fr"] {
        let dir = out.path().join(id);
        for name in pdfs(&dir) {
            let file = dir.join(&name);
            tool("qpdf", &["--check"], &file).unwrap();
            let fonts = tool("pdffonts", &[], &file).unwrap();
            for line in fonts.lines().skip(2) {
                assert!(
                    line.contains("+Inter-") && line.contains(" yes yes yes "),
                    "{id}/{name}: a font that is not the bundled one, embedded and subset: {line}"
                );
            }
            let info = tool("pdfinfo", &[], &file).unwrap();
            let o = Command::new("pdftotext")
                .arg(&file)
                .arg("-")
                .output()
                .unwrap();
            let text = words(&String::from_utf8_lossy(&o.stdout));
            if let Some(stem) = name
                .strip_suffix(".pdf")
                .filter(|s| *s != "handout" && *s != "slides")
            {
                let svg = std::fs::read_to_string(
                    Path::new("output").join(id).join(format!("{stem}.svg")),
                )
                .unwrap();
                let missing: Vec<_> = svg_words(&svg).difference(&text).cloned().collect();
                assert!(missing.is_empty(), "{id}/{name} lacks the text {missing:?}");
                let size = roxmltree::Document::parse(&svg).unwrap();
                let root = size.root_element();
                let w: f32 = root.attribute("width").unwrap().parse().unwrap();
                let h: f32 = root.attribute("height").unwrap().parse().unwrap();
                assert!(
                    info.contains(&format!("Page size:       {} x {} pts", w * 0.75, h * 0.75)),
                    "{id}/{name}: {info}"
                );
                assert!(info.contains("Pages:           1\n"), "{id}/{name}: {info}");
            }
            if name == "handout.pdf" {
                assert!(info.contains("(A4)"), "{info}");
                let md = std::fs::read_to_string(Path::new("output").join(id).join("handout.md"))
                    .unwrap();
                for heading in md.lines().filter(|l| l.starts_with('#')) {
                    let missing: Vec<_> = words(heading.trim_start_matches('#'))
                        .difference(&text)
                        .cloned()
                        .collect();
                    assert!(
                        missing.is_empty(),
                        "{id}/handout.pdf lacks the heading {heading:?}: {missing:?}"
                    );
                }
            }
            if name == "slides.pdf" {
                let slides = std::fs::read_dir(Path::new("output").join(id).join("slides"))
                    .unwrap()
                    .count();
                assert!(
                    info.contains(&format!("Pages:           {slides}\n")),
                    "{id}: {info}"
                );
            }
        }
    }
}

/// The pixels of a binary PPM (what pdftoppm writes): width, height, RGB bytes.
fn ppm(bytes: &[u8]) -> (usize, usize, Vec<u8>) {
    let mut fields = Vec::new();
    let mut i = 0;
    while fields.len() < 4 {
        while bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let start = i;
        while !bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        fields.push(String::from_utf8_lossy(&bytes[start..i]).into_owned());
    }
    assert_eq!(fields[0], "P6");
    let (w, h) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    (w, h, bytes[i + 1..].to_vec())
}

/// The pixels of a PNG as RGB.
fn png_rgb(path: &Path) -> (usize, usize, Vec<u8>) {
    let mut decoder =
        png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path).unwrap()));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = info.color_type.samples();
    let rgb = buf[..info.buffer_size()]
        .chunks(channels)
        .flat_map(|p| match channels {
            1 | 2 => [p[0], p[0], p[0]],
            _ => [p[0], p[1], p[2]],
        })
        .collect();
    (info.width as usize, info.height as usize, rgb)
}

/// Poppler hints and antialiases text unlike resvg, so pixels differ along glyph edges (a mean
/// of 2–4 of 255, under 1% of pixels far apart); a picture misplaced by 4 pixels measures a mean
/// of 28 and 11% far apart.
#[test]
fn a_picture_pdf_rasterised_by_poppler_matches_its_png() {
    let required = std::env::var_os("DEMARCATE_PDF_TOOLS").is_some();
    if Command::new("pdftoppm").arg("-v").output().is_err() {
        assert!(
            !required,
            "DEMARCATE_PDF_TOOLS is set but pdftoppm is missing"
        );
        eprintln!("SKIPPED: poppler-utils is not installed (CI installs it)");
        return;
    }
    let out = tempfile::tempdir().unwrap();
    build(out.path(), &["model/aws.yaml", "--lang", "en"]);
    for name in ["stack", "matrix", "shift"] {
        let (pw, ph, png) = png_rgb(&Path::new("output/aws").join(format!("{name}.png")));
        let svg = std::fs::read_to_string(format!("output/aws/{name}.svg")).unwrap();
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let size = |a: &str| -> f32 { doc.root_element().attribute(a).unwrap().parse().unwrap() };
        let (w, h) = (size("width"), size("height"));
        // Where the PNG places the picture: fitted inside a margin of 4% of the height, centred.
        let margin = 0.04 * ph as f32;
        let fit = ((pw as f32 - 2.0 * margin) / w).min((ph as f32 - 2.0 * margin) / h);
        let (dx, dy) = (
            ((pw as f32 - w * fit) / 2.0).round() as usize,
            ((ph as f32 - h * fit) / 2.0).round() as usize,
        );
        let (sw, sh) = ((w * fit).round() as usize, (h * fit).round() as usize);
        let pdf = out.path().join(format!("aws/{name}.pdf"));
        let raster = Command::new("pdftoppm")
            .args([
                "-scale-to-x",
                &sw.to_string(),
                "-scale-to-y",
                &sh.to_string(),
            ])
            .arg(&pdf)
            .output()
            .unwrap();
        assert!(raster.status.success());
        let (rw, rh, rgb) = ppm(&raster.stdout);
        assert_eq!((rw, rh), (sw, sh));
        let (mut total, mut far) = (0u64, 0usize);
        for y in 0..sh.min(ph - dy) {
            for x in 0..sw.min(pw - dx) {
                let a = &rgb[(y * rw + x) * 3..][..3];
                let b = &png[((y + dy) * pw + x + dx) * 3..][..3];
                let d = a.iter().zip(b).map(|(p, q)| p.abs_diff(*q)).max().unwrap();
                total += u64::from(d);
                far += usize::from(d > 96);
            }
        }
        let n = (sw * sh) as f64;
        let mean = total as f64 / n;
        assert!(mean < 6.0, "{name}: mean difference {mean:.2} of 255");
        assert!(
            (far as f64) / n < 0.01,
            "{name}: {far} pixels differ by more than 96"
        );
    }
}
