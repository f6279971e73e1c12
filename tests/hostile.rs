//! Hostile input: every file of `tests/hostile/` gives outputs or diagnostics (never a panic,
//! never a hang), with the outcome `tests/hostile/expected.txt` names; model text never becomes
//! markup; nothing is read or written outside where it should be.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

mod common;

use common::{demarcate, snapshot};
use resvg::usvg::roxmltree;

#[test]
fn every_hostile_file_gives_its_expected_outcome() {
    let expected = std::fs::read_to_string("tests/hostile/expected.txt").unwrap();
    let cases: Vec<(&str, i32, &str)> = expected
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let parts: Vec<&str> = l.split(" | ").collect();
            (
                parts[0].trim(),
                parts[1].trim().parse().unwrap(),
                parts.get(2).map_or("", |s| s.trim()),
            )
        })
        .collect();
    assert!(
        cases.len() >= 30,
        "at least 30 hostile files, found {}",
        cases.len()
    );
    let listed: Vec<&str> = cases.iter().map(|c| c.0).collect();
    for entry in std::fs::read_dir("tests/hostile").unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        assert!(
            name == "expected.txt" || listed.contains(&name.as_str()),
            "{name} has no expected outcome"
        );
    }
    for (file, code, needle) in cases {
        let out_dir = tempfile::tempdir().unwrap();
        let start = Instant::now();
        let out = demarcate()
            .args(["build", "--no-slides", "-o"])
            .arg(out_dir.path())
            .arg(Path::new("tests/hostile").join(file))
            .timeout(Duration::from_secs(60))
            .output()
            .unwrap();
        let elapsed = start.elapsed();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(code), "{file}: exit code\n{stderr}");
        assert!(
            stderr.contains(needle),
            "{file}: no `{needle}` in\n{stderr}"
        );
        assert!(!stderr.contains("panicked"), "{file}: panicked\n{stderr}");
        assert!(
            elapsed < Duration::from_secs(30),
            "{file}: took {elapsed:?}"
        );
        let files = snapshot(out_dir.path());
        if code != 0 {
            assert!(files.is_empty(), "{file}: a rejected model wrote files");
            assert!(stderr.contains("= hint: "), "{file}: no hint\n{stderr}");
            continue;
        }
        for (path, bytes) in files {
            match path.extension().and_then(|x| x.to_str()) {
                Some("svg") => check_svg(
                    &format!("{file}: {}", path.display()),
                    &String::from_utf8(bytes).unwrap(),
                ),
                Some("png") => assert!(
                    resvg::tiny_skia::Pixmap::decode_png(&bytes).is_ok(),
                    "{file}: {}",
                    path.display()
                ),
                _ => {}
            }
        }
    }
}

/// A well-formed SVG with no script, no event handler and no reference to anything outside.
fn check_svg(name: &str, svg: &str) {
    let doc =
        roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("{name}: not well-formed: {e}"));
    for n in doc.descendants().filter(|n| n.is_element()) {
        let tag = n.tag_name().name();
        assert!(
            !["script", "foreignObject", "image", "use", "a"].contains(&tag),
            "{name}: <{tag}>"
        );
        for a in n.attributes() {
            assert!(
                !a.name().starts_with("on") && a.name() != "href",
                "{name}: attribute {}",
                a.name()
            );
            assert!(
                !a.value().contains("url(") || a.value().starts_with("url(#"),
                "{name}: {}={}",
                a.name(),
                a.value()
            );
        }
    }
}

/// The markup of an HTML or SVG text with all text and attribute values taken out: the tag
/// names and attribute names in order. Runs of `tspan` collapse, since wrapping longer text
/// makes more lines.
fn skeleton(markup: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut rest = markup;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let end = rest.find('>').unwrap_or(rest.len());
        let tag = &rest[..end];
        rest = &rest[end..];
        let mut words = tag.split_whitespace();
        let name = words.next().unwrap_or_default().to_string();
        let mut attrs: Vec<String> = Vec::new();
        let mut in_value = false;
        for w in tag
            .split('"')
            .enumerate()
            .filter(|(i, _)| i % 2 == 0)
            .map(|(_, w)| w)
        {
            for part in w.split_whitespace().skip(usize::from(
                !in_value && attrs.is_empty() && w.starts_with(&name),
            )) {
                if let Some(a) = part.strip_suffix('=') {
                    attrs.push(a.to_string());
                }
            }
            in_value = true;
        }
        let entry = format!("{name} {}", attrs.join(" "));
        if (name == "tspan" || name == "/tspan")
            && out
                .iter()
                .rev()
                .take(2)
                .any(|e| e.starts_with("tspan") || e.starts_with("/tspan"))
        {
            continue;
        }
        out.push(entry);
    }
    out
}

/// The structure of a Markdown text as a GFM renderer sees it, without the text itself.
fn md_skeleton(md: &str) -> Vec<String> {
    use pulldown_cmark::{Event, Options, Parser};
    Parser::new_ext(md, Options::ENABLE_TABLES)
        .filter_map(|e| match e {
            Event::Text(_) | Event::SoftBreak | Event::HardBreak => None,
            Event::Start(t) => Some(format!("start {:?}", std::mem::discriminant(&t))),
            Event::End(t) => Some(format!("end {t:?}")),
            other => Some(format!("{other:?}")),
        })
        .collect()
}

#[test]
fn model_text_never_becomes_markup() {
    let build = |file: &str| {
        let dir = tempfile::tempdir().unwrap();
        let out = demarcate()
            .args(["build", "--no-slides", "--format", "md,html,svg", "-o"])
            .arg(dir.path())
            .arg(file)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{file}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let files = snapshot(dir.path());
        files
            .into_iter()
            .map(|(p, b)| {
                (
                    p.file_name().unwrap().to_string_lossy().to_string(),
                    String::from_utf8(b).unwrap(),
                )
            })
            .collect::<BTreeMap<_, _>>()
    };
    let plain = build("tests/hostile/number-label.yaml");
    for payload in [
        "html-payloads.yaml",
        "tera-syntax.yaml",
        "markdown-breakers.yaml",
    ] {
        let hostile = build(&format!("tests/hostile/{payload}"));
        assert_eq!(
            plain.keys().collect::<Vec<_>>(),
            hostile.keys().collect::<Vec<_>>()
        );
        for (name, text) in &hostile {
            let clean = &plain[name];
            if name.ends_with(".md") {
                assert_eq!(
                    md_skeleton(clean),
                    md_skeleton(text),
                    "{payload}: {name} has another Markdown structure"
                );
            } else {
                assert_eq!(
                    skeleton(clean),
                    skeleton(text),
                    "{payload}: {name} has other markup"
                );
            }
            if name.ends_with(".svg") {
                check_svg(&format!("{payload}: {name}"), text);
            }
        }
    }
    let tera = build("tests/hostile/tera-syntax.yaml");
    assert!(
        tera["handout.md"].contains("{{ 7\\*7 }}") && tera["handout.html"].contains("{{ 7*7 }}"),
        "tera syntax in a model is shown, not run"
    );
}

#[test]
fn an_oversized_model_is_refused_unless_the_limit_is_raised() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.yaml");
    let mut text = std::fs::read_to_string("model/aws.yaml").unwrap();
    text.push_str(&format!("# {}\n", "x".repeat(9 * 1024 * 1024)));
    std::fs::write(&big, text).unwrap();
    let out = demarcate().arg("lint").arg(&big).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr.contains("more than the limit of 8388608") && stderr.contains("--max-input-bytes"),
        "{stderr}"
    );
    let out = demarcate()
        .args(["lint", "--max-input-bytes", "20000000"])
        .arg(&big)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = demarcate()
        .args([
            "lint",
            "--max-alias-events",
            "10000000",
            "tests/hostile/billion-laughs.yaml",
        ])
        .output()
        .unwrap();
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("alias replay limit"),
        "a raised limit lets aliases expand"
    );
}

#[test]
fn templates_cannot_reach_outside_their_folder_or_load_files_when_drawn() {
    let dir = tempfile::tempdir().unwrap();
    let t = dir.path().join("t");
    std::fs::create_dir(&t).unwrap();
    std::fs::write(
        t.join("handout.md.tera"),
        "{% include \"../../../../etc/passwd\" %}\n",
    )
    .unwrap();
    let out = demarcate()
        .args(["build", "model/aws.yaml", "--no-slides", "-o"])
        .arg(dir.path().join("out"))
        .arg("--templates")
        .arg(&t)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(!stderr.contains("root:"), "{stderr}");
    assert!(!dir.path().join("out").exists());

    // A picture template that names local files and URLs draws the same PNG as one that does not.
    std::fs::remove_file(t.join("handout.md.tera")).unwrap();
    let scene = include_str!("../templates/scene.svg.tera");
    let with_images = scene.replace("</svg>", "<image href=\"/etc/hostname\" width=\"500\" height=\"500\"/><image href=\"file:///etc/passwd\" width=\"500\" height=\"500\"/><image href=\"https://example.com/x.png\" width=\"500\" height=\"500\"/></svg>");
    std::fs::write(t.join("scene.svg.tera"), with_images).unwrap();
    let plain_dir = dir.path().join("plain");
    let image_dir = dir.path().join("images");
    assert!(
        demarcate()
            .args([
                "build",
                "model/aws.yaml",
                "--no-slides",
                "--format",
                "png",
                "-o"
            ])
            .arg(&plain_dir)
            .output()
            .unwrap()
            .status
            .success()
    );
    let out = demarcate()
        .args([
            "build",
            "model/aws.yaml",
            "--no-slides",
            "--format",
            "png",
            "-o",
        ])
        .arg(&image_dir)
        .arg("--templates")
        .arg(&t)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pixels = |d: &Path| {
        resvg::tiny_skia::Pixmap::decode_png(&std::fs::read(d.join("aws/stack.png")).unwrap())
            .unwrap()
            .data()
            .to_vec()
    };
    assert!(
        pixels(&plain_dir) == pixels(&image_dir),
        "an image named in an SVG was drawn"
    );
}

#[cfg(unix)]
#[test]
fn a_symlink_in_the_output_folder_is_never_followed() {
    let dir = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), out_dir.join("aws")).unwrap();
    let out = demarcate()
        .args(["build", "model/aws.yaml", "--no-slides", "-o"])
        .arg(&out_dir)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(stderr.contains("symbolic link"), "{stderr}");
    assert_eq!(std::fs::read_dir(elsewhere.path()).unwrap().count(), 0);
}

#[test]
fn a_failed_build_leaves_the_previous_outputs_as_they_were() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("out");
    assert!(
        demarcate()
            .args(["build", "model/aws.yaml", "--no-slides", "-o"])
            .arg(&out_dir)
            .output()
            .unwrap()
            .status
            .success()
    );
    let before = snapshot(&out_dir);
    let t = dir.path().join("t");
    std::fs::create_dir(&t).unwrap();
    std::fs::write(t.join("matrix.svg.tera"), "{{ scene.nothing.here }}").unwrap();
    let out = demarcate()
        .args(["build", "model/aws.yaml", "--no-slides", "-o"])
        .arg(&out_dir)
        .arg("--templates")
        .arg(&t)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(snapshot(&out_dir), before);
}

#[test]
fn diagnostics_are_available_as_json() {
    let out = demarcate()
        .args([
            "--message-format",
            "json",
            "lint",
            "tests/invalid/unknown-key.yaml",
            "tests/invalid/bad-color.yaml",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(lines.len() >= 2);
    let typo = lines
        .iter()
        .find(|d| d["field"] == "layers[0].ownr")
        .expect("the unknown key");
    assert_eq!(
        (typo["line"].as_u64(), typo["column"].as_u64()),
        (Some(12), Some(5))
    );
    assert_eq!(typo["severity"], "error");
    assert_eq!(typo["file"], "tests/invalid/unknown-key.yaml");
    assert_eq!(typo["hints"][0], "did you mean `owner`?");
}
