//! The handouts as a reader gets them: the Markdown renders as GitHub-flavoured Markdown with
//! every table intact, the HTML is self-contained with landmarks, one h1, ordered headings and
//! scoped table headers, and a translated template set translates every fixed word.

use std::path::{Path, PathBuf};

use crate::common::demarcate;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

fn build(args: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = demarcate()
        .arg("build")
        .arg("-o")
        .arg(dir.path())
        .args(args)
        // Documents and the SVGs they link; PNGs are proven by the build tests.
        .args(["--no-slides", "--format", "md,html,svg"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let path = dir.path().to_path_buf();
    (dir, path)
}

/// The tables of a Markdown document as rows of cell texts.
fn tables(markdown: &str) -> Vec<Vec<Vec<String>>> {
    let mut tables = Vec::new();
    let (mut table, mut row, mut cell): (Vec<Vec<String>>, Vec<String>, Option<String>) =
        (vec![], vec![], None);
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Table(_)) => table = vec![],
            Event::Start(Tag::TableCell) => cell = Some(String::new()),
            Event::Text(t) | Event::Code(t) => {
                if let Some(c) = cell.as_mut() {
                    c.push_str(&t);
                }
            }
            Event::End(TagEnd::TableCell) => row.push(cell.take().unwrap_or_default()),
            Event::End(TagEnd::TableHead) | Event::End(TagEnd::TableRow) => {
                table.push(std::mem::take(&mut row))
            }
            Event::End(TagEnd::Table) => tables.push(std::mem::take(&mut table)),
            _ => {}
        }
    }
    tables
}

#[test]
fn markdown_handouts_render_every_table_and_link_existing_pictures() {
    let (_dir, out) = build(&[]);
    for (model, layers, services) in [("aws", 10, 3), ("azure", 10, 4), ("managed", 7, 3)] {
        let md = std::fs::read_to_string(out.join(model).join("handout.md")).unwrap();
        let found = tables(&md);
        assert_eq!(
            found.len(),
            2,
            "{model}: want the split table and the matrix table"
        );
        assert_eq!(
            found[0].len(),
            layers + 1,
            "{model}: a row per layer and a header"
        );
        assert_eq!(found[1].len(), layers + 1);
        assert!(
            found[1].iter().all(|r| r.len() == services + 1),
            "{model}: every matrix row has a cell per service"
        );
        assert_eq!(found[1][0][0], "Layer");
        for event in Parser::new_ext(&md, Options::ENABLE_TABLES) {
            if let Event::Start(Tag::Image { dest_url, .. } | Tag::Link { dest_url, .. }) = event {
                if !dest_url.starts_with("http") && !dest_url.starts_with("mailto:") {
                    assert!(
                        out.join(model).join(dest_url.as_ref()).exists(),
                        "{model}: broken link {dest_url}"
                    );
                }
            }
        }
        for heading in [
            "## Who is responsible for what",
            "## Duties",
            "## Review questions",
            "### Answer key",
            "## Sources",
        ] {
            assert!(md.contains(heading), "{model}: no `{heading}`");
        }
    }
}

#[test]
fn html_handouts_are_self_contained_and_well_structured() {
    let (_dir, out) = build(&[]);
    for model in crate::common::BUNDLED {
        let html = std::fs::read_to_string(out.join(model).join("handout.html")).unwrap();
        assert_eq!(html.matches("<h1").count(), 1, "{model}: one h1");
        let mut last = 1;
        for level in html
            .match_indices("<h")
            .filter_map(|(i, _)| html[i + 2..].chars().next()?.to_digit(10))
        {
            assert!(
                level <= last + 1,
                "{model}: heading level jumps from {last} to {level}"
            );
            last = level;
        }
        for tag in [
            "<main>",
            "<header>",
            "<footer>",
            "<caption>",
            "@media print",
            "prefers-color-scheme: dark",
            "break-inside: avoid",
        ] {
            assert!(html.contains(tag), "{model}: no {tag}");
        }
        let th = html.matches("<th ").count() + html.matches("<th>").count();
        assert_eq!(
            th,
            html.matches("<th scope=").count(),
            "{model}: every th has a scope"
        );
        assert_eq!(
            html.matches("<table>").count(),
            html.matches("<caption>").count(),
            "{model}: every table has a caption"
        );
        assert!(
            !html.contains("<script") && !html.contains("src=") && !html.contains("<link"),
            "{model}: nothing loaded from elsewhere"
        );
        // ARIA: a label on a plain span is invalid and ignored; the marks are images.
        assert_eq!(
            html.matches("aria-label=").count(),
            html.matches("<section aria-label=").count()
                + html.matches("<span role=\"img\" aria-label=").count(),
            "{model}: aria-label only on landmarks and role=img"
        );
        // The handout's CSS must not reach the inline SVGs (the legend's `swatch` rects).
        let style = &html[html.find("<style>").unwrap()..html.find("</style>").unwrap()];
        assert!(
            !style.contains("\n.swatch") && style.contains("span.swatch"),
            "{model}: swatch CSS scoped to the table's spans"
        );
        // The stack; with columns the matrix; along a progression the shift.
        let model_yaml = std::fs::read_to_string(format!("model/{model}.yaml")).unwrap();
        let m = demarcate::load_str(Path::new("m.yaml"), model_yaml)
            .result
            .unwrap()
            .value;
        let pictures = 1
            + usize::from(m.wants(demarcate::PictureKind::Matrix))
            + usize::from(m.wants(demarcate::PictureKind::Shift));
        assert_eq!(
            html.matches("<svg").count(),
            pictures,
            "{model}: the stack, matrix and shift it makes are inline"
        );
        // Ids of the inlined pictures do not collide.
        let ids: Vec<&str> = html
            .match_indices(" id=\"")
            .map(|(i, _)| html[i + 5..].split('"').next().unwrap())
            .collect();
        let mut unique = ids.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(ids.len(), unique.len(), "{model}: duplicate ids");
    }
}

#[test]
fn a_translated_template_set_translates_every_fixed_word() {
    let (_dir, out) = build(&["model/azure.yaml", "--templates", "templates/fr"]);
    let md = std::fs::read_to_string(out.join("azure/handout.md")).unwrap();
    let html = std::fs::read_to_string(out.join("azure/handout.html")).unwrap();
    let svg = std::fs::read_to_string(out.join("azure/matrix.svg")).unwrap();
    for heading in [
        "## Qui est responsable de quoi",
        "## Obligations",
        "## Questions de révision",
        "### Corrigé",
    ] {
        assert!(md.contains(heading), "no `{heading}`");
    }
    assert!(html.contains("<html lang=\"fr\">"));
    // Azure names its own row classes (model text, not fixed words); AWS uses the words.
    let (_aws_dir, aws_out) = build(&["model/aws.yaml", "--templates", "templates/fr"]);
    let aws_svg = std::fs::read_to_string(aws_out.join("aws/matrix.svg")).unwrap();
    assert!(
        aws_svg.contains("Toujours Customer")
            && aws_svg.contains("Varie selon le service")
            && svg.contains("Référence :")
            && svg.contains("Partagé :"),
        "the pictures speak French"
    );
    // The model's own text is English; none of the handout's fixed words may be.
    let model_text = std::fs::read_to_string("model/azure.yaml").unwrap();
    for english in [
        "Who is responsible",
        "Duties",
        "Review questions",
        "Answer key",
        "by default",
        "Varies by",
        "Always ",
        "Shared",
        "Generated by",
        "Layer",
    ] {
        for doc in [&md, &html, &svg] {
            let hits = doc.matches(english).count();
            assert!(
                hits == 0 || model_text.contains(english),
                "`{english}` left untranslated"
            );
        }
    }
}

#[test]
fn templates_export_round_trips_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let t = dir.path().join("t");
    let export = || {
        demarcate()
            .args(["templates", "export"])
            .arg(&t)
            .output()
            .unwrap()
    };
    assert!(export().status.success());
    for name in [
        "handout.md.tera",
        "handout.html.tera",
        "stack.svg.tera",
        "matrix.svg.tera",
        "shift.svg.tera",
        "scene.svg.tera",
        "words.yaml",
    ] {
        assert!(t.join(name).exists(), "{name}");
    }
    let again = export();
    assert_eq!(again.status.code(), Some(2));
    let (_a, plain) = build(&["model/aws.yaml"]);
    let (_b, custom) = build(&["model/aws.yaml", "--templates", t.to_str().unwrap()]);
    for file in [
        "handout.md",
        "handout.html",
        "stack.svg",
        "matrix.svg",
        "shift.svg",
    ] {
        assert_eq!(
            std::fs::read(plain.join("aws").join(file)).unwrap(),
            std::fs::read(custom.join("aws").join(file)).unwrap(),
            "{file}"
        );
    }
}

#[test]
fn a_bad_words_file_is_reported_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("words.yaml"),
        "and: \" und \"\nshraed_cell: x\n",
    )
    .unwrap();
    let out = demarcate()
        .args(["build", "model/aws.yaml", "-o"])
        .arg(dir.path().join("out"))
        .arg("--templates")
        .arg(dir.path())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("unknown word `shraed_cell`")
            && stderr.contains("words.yaml:2:1")
            && stderr.contains("did you mean `shared_cell`?"),
        "{stderr}"
    );
}

#[test]
fn no_generated_line_ends_in_whitespace() {
    // The committed outputs of the bundled models, and a starter model without a shared layer
    // (whose split table once ended its rows with a space).
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("course.yaml");
    let new = crate::common::demarcate()
        .arg("new")
        .arg(&model)
        .output()
        .unwrap();
    assert!(new.status.success());
    let out = crate::common::demarcate()
        .args(["build", "--format", "md,html,svg", "-o"])
        .arg(dir.path().join("out"))
        .arg(&model)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut files = crate::common::snapshot(&dir.path().join("out"));
    files.extend(crate::common::snapshot(Path::new("output")));
    let mut checked = 0;
    for (path, bytes) in files {
        if path
            .extension()
            .is_some_and(|x| x == "png" || x == "zip" || x == "pdf")
        {
            continue;
        }
        let text = String::from_utf8(bytes).unwrap();
        for (i, line) in text.lines().enumerate() {
            assert!(
                !line.ends_with([' ', '\t']),
                "{}:{}: trailing whitespace: {line:?}",
                path.display(),
                i + 1
            );
        }
        checked += 1;
    }
    assert!(checked > 20, "{checked} files");
}

/// The phrasings a course author would have to rewrite, checked in one Markdown or HTML
/// handout of `m`: a doubled preposition, tool jargon, a proper name lowercased, a party
/// written bare where the model gives its sentence form, a table column with nothing in it.
fn reads_as_written(m: &demarcate::model::Model, doc: &str, text: &str) {
    let at = format!("{}/{doc}", m.id);
    for phrase in ["On On-", "on On-", "(by default:"] {
        assert!(!text.contains(phrase), "{at}: `{phrase}`");
    }
    for l in &m.layers {
        // Labels with a proper name or an acronym in them ("Hardware / AWS Global
        // Infrastructure", "The IAM framework") must never appear lowercased.
        let lower = l.label.to_lowercase();
        if l.label.chars().skip(1).any(char::is_uppercase) {
            assert!(!text.contains(&lower), "{at}: `{lower}` is lowercased");
        }
    }
    if !doc.ends_with(".md") {
        return;
    }
    // The sentences the handout writes itself: what changes, what each party keeps, the
    // framing question and the objectives.
    let mut in_changes = false;
    let mut sentences = Vec::new();
    for line in text.lines() {
        if line.starts_with('#') {
            in_changes = line.starts_with("### What changes");
        }
        let own = line.starts_with("Whatever the ")
            || line.starts_with("For every layer")
            || (line.starts_with("- ") && !line.starts_with("- **") && in_changes);
        if own {
            sentences.push(line);
        }
    }
    for p in m.parties.iter().filter(|p| p.in_sentence != p.label) {
        for line in &sentences {
            let bare = line
                .split(|c: char| !c.is_alphanumeric() && c != '-')
                .any(|w| w == p.label);
            assert!(!bare, "{at}: `{}` without its article in {line:?}", p.label);
        }
    }
    for table in tables(text) {
        let (head, body) = table.split_first().unwrap();
        for (c, name) in head.iter().enumerate() {
            assert!(
                body.iter().any(|row| !row[c].trim().is_empty()),
                "{at}: column {name:?} is empty"
            );
        }
    }
}

#[test]
fn bundled_handouts_read_as_written() {
    let (_dir, out) = build(&[]);
    for model in crate::common::BUNDLED {
        let yaml = std::fs::read_to_string(format!("model/{model}.yaml")).unwrap();
        let m = demarcate::load_str(Path::new("m.yaml"), yaml)
            .result
            .unwrap()
            .value;
        for doc in ["handout.md", "handout.html"] {
            let text = std::fs::read_to_string(out.join(model).join(doc)).unwrap();
            reads_as_written(&m, doc, &text);
        }
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 32, failure_persistence: None, rng_seed: proptest::test_runner::RngSeed::Fixed(0x68616e64), .. proptest::prelude::ProptestConfig::default() })]
    /// Random models of two and three parties, each written with its article, columns that
    /// form a progression or not, shared and unshared cells.
    #[test]
    fn random_handouts_read_as_written(
        parties in 2usize..4,
        progression in proptest::prelude::any::<bool>(),
        owners in proptest::collection::vec((0usize..3, proptest::prelude::any::<bool>()), 1..=8),
        moves in proptest::collection::vec((0usize..8, 0usize..3, 0usize..5), 0..12),
    ) {
        let names = ["Client", "Vendor", "Integrator"];
        let mut y = format!("id: r\ntitle: R\nprogression: {progression}\nparties:\n");
        for (p, name) in names.iter().enumerate().take(parties) {
            y.push_str(&format!("  - {{id: p{p}, label: {name}, in_sentence: the {}}}\n", name.to_lowercase()));
        }
        y.push_str("layers:\n");
        for (i, (o, shared)) in owners.iter().enumerate() {
            let o = if *shared { format!("[p{}, p{}]", o % parties, (o + 1) % parties) } else { format!("p{}", o % parties) };
            y.push_str(&format!("  - {{id: l{i}, label: Layer {i} of the AWS stack, owner: {o}}}\n"));
        }
        y.push_str("services:\n");
        for s in 0..4 {
            let cells: std::collections::BTreeMap<usize, usize> = moves
                .iter()
                .filter(|(_, _, col)| *col <= s)
                .map(|(l, p, _)| (l % owners.len(), p % parties))
                .collect();
            let cells: Vec<String> = cells.iter().map(|(l, p)| format!("l{l}: p{p}")).collect();
            y.push_str(&format!("  - {{id: s{s}, label: On-site {s}, owners: {{{}}}}}\n", cells.join(", ")));
        }
        let m = demarcate::load_str(Path::new("r.yaml"), y).result.unwrap().value;
        let w = demarcate::words::Words::default();
        let view = demarcate::render::view::View::new(&m, &demarcate::theme::Theme::light(), &w);
        let renderer = demarcate::render::Renderer::new(None).unwrap();
        for doc in ["handout.md", "handout.html"] {
            let text = renderer.document(doc, &view, &[]).unwrap();
            reads_as_written(&m, doc, &text);
        }
    }
}
