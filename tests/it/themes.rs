//! Several themes in one build (`--theme light,dark`): every picture in each theme, saying the
//! same thing; the HTML handout following the reader's colour scheme; `inject`'s `theme=auto`
//! writing a `<picture>` that GitHub's Markdown renderer (cmark-gfm) keeps whole.

use std::collections::BTreeSet;
use std::path::Path;

use crate::common::{demarcate, run_in};

/// The dark theme's canvas colour.
const DARK_CANVAS: &str = "fill=\"#16181c\"";

/// Builds `models` into `out` as SVG, PNG and HTML in `themes`.
fn build(out: &Path, themes: &str, models: &[&str]) {
    let o = demarcate()
        .args([
            "build",
            "--no-slides",
            "--format",
            "svg,png,html",
            "--theme",
            themes,
            "-o",
        ])
        .arg(out)
        .args(models)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

/// The text of an SVG, word by word in document order: what the picture says.
fn text_of(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).unwrap();
    doc.descendants()
        .filter(|n| n.is_text())
        .flat_map(|n| n.text().unwrap_or_default().split_whitespace())
        .map(str::to_string)
        .collect()
}

/// Every `id` attribute of an XML or HTML text (attribute values never hold `id="`).
fn ids(text: &str) -> Vec<&str> {
    text.match_indices(" id=\"")
        .map(|(i, m)| {
            let rest = &text[i + m.len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect()
}

#[test]
fn every_picture_in_each_theme_says_the_same_and_the_handout_follows_the_scheme() {
    let out = tempfile::tempdir().unwrap();
    // Two parties (aws) and three (managed), one of them with a service column per stack.
    build(
        out.path(),
        "light,dark",
        &["model/aws.yaml", "model/managed.yaml"],
    );
    for id in ["aws", "managed"] {
        let dir = out.path().join(id);
        let names: BTreeSet<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        let main: Vec<&String> = names
            .iter()
            .filter(|n| n.ends_with(".svg") && !n.ends_with(".dark.svg"))
            .collect();
        assert!(main.len() >= 3, "{id}: {names:?}");
        for light in main {
            let stem = light.trim_end_matches(".svg");
            let dark = format!("{stem}.dark.svg");
            assert!(names.contains(&dark), "{id}: no {dark}");
            assert!(
                names.contains(&format!("{stem}.png")),
                "{id}: no {stem}.png"
            );
            assert!(
                names.contains(&format!("{stem}.dark.png")),
                "{id}: no {stem}.dark.png"
            );
            let (l, d) = (
                std::fs::read_to_string(dir.join(light)).unwrap(),
                std::fs::read_to_string(dir.join(&dark)).unwrap(),
            );
            // The same words in the same order: only the colours differ.
            assert_eq!(text_of(&l), text_of(&d), "{id}/{stem}");
            // The dark canvas colour is in the dark picture only.
            assert!(!l.contains(DARK_CANVAS), "{id}/{light}");
            assert!(d.contains(DARK_CANVAS), "{id}/{dark}");
            assert_ne!(l, d, "{id}/{stem}: the dark picture is the light one");
        }
        // The handout inlines both sets, each shown to one colour scheme, and its ids stay
        // unique with both in the page.
        let html = std::fs::read_to_string(dir.join("handout.html")).unwrap();
        assert_eq!(
            html.matches("<div class=\"scheme-light\">").count(),
            html.matches("<div class=\"scheme-dark\">").count()
        );
        assert!(
            html.matches("<div class=\"scheme-dark\">").count() >= 2,
            "{id}"
        );
        assert!(html.contains("@media (prefers-color-scheme: dark)"));
        let all = ids(&html);
        let unique: BTreeSet<&str> = all.iter().copied().collect();
        assert_eq!(all.len(), unique.len(), "{id}: an id is repeated");
    }
}

#[test]
fn one_theme_builds_no_scheme_switch_and_a_theme_named_twice_is_an_error() {
    let out = tempfile::tempdir().unwrap();
    build(out.path(), "dark", &["model/aws.yaml"]);
    let dir = out.path().join("aws");
    assert!(dir.join("stack.svg").exists());
    assert!(!dir.join("stack.dark.svg").exists());
    let html = std::fs::read_to_string(dir.join("handout.html")).unwrap();
    assert!(!html.contains("<div class=\"scheme-dark\">"));
    let (code, err) = run_in(
        Path::new("."),
        &["build", "--theme", "light,dark,light", "-o", "unused"],
    );
    assert_eq!(code, Some(2));
    assert!(err.contains("the theme `light` is named twice"), "{err}");
}

#[test]
fn the_config_takes_a_list_of_themes_and_names_a_bad_one() {
    let d = tempfile::tempdir().unwrap();
    let d = d.path();
    std::fs::create_dir(d.join("model")).unwrap();
    std::fs::copy("model/aws.yaml", d.join("model/aws.yaml")).unwrap();
    std::fs::write(
        d.join("demarcate.toml"),
        "theme = [\"dark\", \"light\"]\nformats = [\"svg\"]\nslides = false\n",
    )
    .unwrap();
    let (code, err) = run_in(d, &["build"]);
    assert_eq!(code, Some(0), "{err}");
    let stack = std::fs::read_to_string(d.join("output/aws/stack.svg")).unwrap();
    let light = std::fs::read_to_string(d.join("output/aws/stack.light.svg")).unwrap();
    assert!(stack.contains(DARK_CANVAS) && !light.contains(DARK_CANVAS));
    std::fs::write(d.join("demarcate.toml"), "theme = [\"light\", \"blue\"]\n").unwrap();
    let (code, err) = run_in(d, &["build"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("demarcate.toml:1:19") && err.contains("unknown value `blue`"),
        "{err}"
    );
}

/// The README of a docs repository with one `image` region of each form.
const README: &str = "# Docs\n\n<!-- demarcate:begin image model=aws picture=stack theme=auto -->\n<!-- demarcate:end -->\n\nText between.\n\n<!-- demarcate:begin image model=aws picture=matrix theme=dark -->\n<!-- demarcate:end -->\n";

#[test]
fn inject_theme_auto_writes_a_picture_that_github_renders() {
    let d = tempfile::tempdir().unwrap();
    // A folder whose name a srcset would split, and HTML would end an attribute at.
    let d = d.path().join("my docs, \"v2\"");
    std::fs::create_dir_all(d.join("model")).unwrap();
    std::fs::copy("model/aws.yaml", d.join("model/aws.yaml")).unwrap();
    std::fs::write(d.join("README.md"), README).unwrap();
    let (code, err) = run_in(&d, &["inject", "README.md"]);
    assert_eq!(code, Some(2), "one theme cannot serve theme=auto");
    assert!(
        err.contains("needs a light and a dark theme") && err.contains("README.md:3:1"),
        "{err}"
    );
    let (code, err) = run_in(&d, &["inject", "--theme", "light,dark", "README.md"]);
    assert_eq!(code, Some(0), "{err}");
    let md = std::fs::read_to_string(d.join("README.md")).unwrap();
    assert!(
        md.contains(
            "<source media=\"(prefers-color-scheme: dark)\" srcset=\"output/aws/stack.dark.svg\">"
        ),
        "{md}"
    );
    assert!(
        md.contains(
            "<source media=\"(prefers-color-scheme: light)\" srcset=\"output/aws/stack.svg\">"
        ),
        "{md}"
    );
    assert!(md.contains("](<output/aws/matrix.dark.svg>)"), "{md}");
    // The linked files are the ones a build in the same themes makes.
    let (code, err) = run_in(
        &d,
        &[
            "build",
            "--theme",
            "light,dark",
            "--format",
            "svg",
            "--no-slides",
        ],
    );
    assert_eq!(code, Some(0), "{err}");
    for f in ["stack.svg", "stack.dark.svg", "matrix.dark.svg"] {
        assert!(d.join("output/aws").join(f).exists(), "{f}");
    }
    let (code, _) = run_in(
        &d,
        &["inject", "--check", "--theme", "light,dark", "README.md"],
    );
    assert_eq!(code, Some(0), "fresh after inject");

    let Some(html) = crate::common::cmark_gfm(&d.join("README.md")) else {
        return;
    };
    // One raw HTML block, passed through whole: not a paragraph, nothing escaped.
    let start = html.find("<picture>").expect("the <picture> is kept");
    let end = html.find("</picture>").expect("and closed");
    let block = &html[start..end];
    assert_eq!(block.matches("<source media=").count(), 2, "{html}");
    assert!(block.contains("<img alt=\"Customer secures: "), "{html}");
    assert!(!html[..start].ends_with("<p>"), "{html}");
    assert!(!block.contains("&lt;"), "{html}");
    assert!(
        html.contains("<img src=\"output/aws/matrix.dark.svg\""),
        "{html}"
    );
}

#[test]
fn picture_urls_are_percent_encoded_for_srcset_and_attributes() {
    let d = tempfile::tempdir().unwrap();
    let d = d.path();
    std::fs::create_dir_all(d.join("model")).unwrap();
    std::fs::copy("model/aws.yaml", d.join("model/aws.yaml")).unwrap();
    std::fs::write(d.join("README.md"), README).unwrap();
    let (code, err) = run_in(
        d,
        &[
            "inject",
            "--theme",
            "light,dark",
            "-o",
            "out, \"x\" <y>",
            "README.md",
        ],
    );
    assert_eq!(code, Some(0), "{err}");
    let md = std::fs::read_to_string(d.join("README.md")).unwrap();
    assert!(
        md.contains("srcset=\"out%2C%20%22x%22%20%3Cy%3E/aws/stack.dark.svg\""),
        "{md}"
    );
}
