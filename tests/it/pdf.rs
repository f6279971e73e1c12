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
