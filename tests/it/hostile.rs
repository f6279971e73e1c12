//! Hostile input: every file of `tests/hostile/` gives outputs or diagnostics (never a panic,
//! never a hang), with the outcome `tests/hostile/expected.txt` names; model text never becomes
//! markup; nothing is read or written outside where it should be.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::common::{demarcate, snapshot};
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
            // The per-service stacks are the same picture as `stack`: leave their PNGs out.
            .args([
                "build",
                "--no-slides",
                "--only",
                "stack,matrix,shift,handout",
                "-o",
            ])
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
    let scene = include_str!("../../templates/scene.svg.tera");
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

/// Runs the binary with `args` and the secret in its environment; returns (exit code, stdout,
/// stderr).
fn run_with_secret(args: &[&std::ffi::OsStr], secret: &str) -> (Option<i32>, String, String) {
    run_with_secret_in(Path::new("."), args, secret)
}

/// [`run_with_secret`] in the folder `dir`.
fn run_with_secret_in(
    dir: &Path,
    args: &[&std::ffi::OsStr],
    secret: &str,
) -> (Option<i32>, String, String) {
    let out = demarcate()
        .current_dir(dir)
        .args(args)
        .env("DEMARCATE_TEST_SECRET", secret)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Every byte under `dir`, as text, for looking for a secret.
fn all_text(dir: &Path) -> String {
    snapshot(dir)
        .values()
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .collect()
}

/// What the link tests plant and look for.
#[cfg(unix)]
const SECRET: &str = "canary-7f3e9d1c";

/// A folder holding `canary.txt`, a file whose only content is [`SECRET`].
#[cfg(unix)]
fn canary() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let canary = dir.path().join("canary.txt");
    std::fs::write(&canary, format!("{SECRET}\n")).unwrap();
    (dir, canary)
}

#[cfg(unix)]
#[test]
fn links_to_secrets_are_never_read_as_templates_or_words() {
    use std::ffi::OsStr;
    use std::os::unix::fs::symlink;
    let (dir, canary) = canary();
    let (secret, environ) = (SECRET, Path::new("/proc/self/environ"));

    // A template, or words.yaml, that is a link: exit 2, naming it; nothing written.
    for (name, target) in [
        ("handout.md.tera", environ),
        ("extra.txt.tera", canary.as_path()),
        ("words.yaml", canary.as_path()),
    ] {
        let t = dir.path().join(format!("t-{name}"));
        std::fs::create_dir(&t).unwrap();
        symlink(target, t.join(name)).unwrap();
        let out = dir.path().join(format!("out-{name}"));
        let (code, stdout, stderr) = run_with_secret(
            &[
                OsStr::new("build"),
                OsStr::new("model/aws.yaml"),
                OsStr::new("--no-slides"),
                OsStr::new("--templates"),
                t.as_os_str(),
                OsStr::new("-o"),
                out.as_os_str(),
            ],
            secret,
        );
        assert_eq!(code, Some(2), "{name}: {stderr}");
        assert!(
            stderr.contains("symbolic link") && stderr.contains(name),
            "{name}: {stderr}"
        );
        assert!(!stderr.contains(secret) && !stdout.contains(secret));
        assert!(!out.exists(), "{name}: files written");
    }
}

#[cfg(unix)]
#[test]
fn links_to_secrets_are_never_read_as_config_or_found_models() {
    use std::ffi::OsStr;
    use std::os::unix::fs::symlink;
    let (dir, canary) = canary();
    let (secret, environ) = (SECRET, Path::new("/proc/self/environ"));

    // A discovered demarcate.toml that is a link is refused; models found by a pattern that
    // are links are refused; a model named on the command line may be a link.
    let repo = dir.path().join("repo");
    std::fs::create_dir_all(repo.join("model")).unwrap();
    std::fs::copy("model/aws.yaml", repo.join("model/aws.yaml")).unwrap();
    symlink(&canary, repo.join("model/leak.yaml")).unwrap();
    let lint = [OsStr::new("lint")];
    let (code, stdout, stderr) = run_with_secret_in(&repo, &lint, secret);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains("model/leak.yaml") && stderr.contains("symbolic link"),
        "{stderr}"
    );
    assert!(!stderr.contains(secret) && !stdout.contains(secret));
    std::fs::remove_file(repo.join("model/leak.yaml")).unwrap();
    symlink(environ, repo.join("demarcate.toml")).unwrap();
    let (code, stdout, stderr) = run_with_secret_in(&repo, &lint, secret);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("demarcate.toml") && stderr.contains("symbolic link"));
    assert!(!stderr.contains(secret) && !stdout.contains(secret));
    std::fs::remove_file(repo.join("demarcate.toml")).unwrap();
    let named = dir.path().join("named.yaml");
    symlink(std::fs::canonicalize("model/aws.yaml").unwrap(), &named).unwrap();
    let out = demarcate().arg("lint").arg(&named).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "a named link is followed");
}

#[cfg(unix)]
#[test]
fn links_to_secrets_in_the_output_folder_are_never_read_by_check_or_build() {
    use std::ffi::OsStr;
    use std::os::unix::fs::symlink;
    let (dir, canary) = canary();
    let (secret, environ) = (SECRET, Path::new("/proc/self/environ"));

    // `check` and `build` with links in the output folder: reported, never read or followed.
    let out_dir = dir.path().join("out");
    let built = demarcate()
        .args([
            "build",
            "model/aws.yaml",
            "--no-slides",
            "--format",
            "md,svg",
            "-o",
        ])
        .arg(&out_dir)
        .output()
        .unwrap();
    assert!(built.status.success());
    std::fs::remove_file(out_dir.join("aws/handout.md")).unwrap();
    symlink(environ, out_dir.join("aws/handout.md")).unwrap();
    std::fs::remove_file(out_dir.join("aws/stack.svg")).unwrap();
    symlink(&canary, out_dir.join("aws/stack.svg")).unwrap();
    let before = snapshot(dir.path());
    for command in ["check", "build"] {
        let (code, stdout, stderr) = run_with_secret(
            &[
                OsStr::new(command),
                OsStr::new("model/aws.yaml"),
                OsStr::new("--no-slides"),
                OsStr::new("--format"),
                OsStr::new("md,svg"),
                OsStr::new("-o"),
                out_dir.as_os_str(),
            ],
            secret,
        );
        let expected = if command == "check" { 1 } else { 3 };
        assert_eq!(code, Some(expected), "{command}: {stderr}");
        assert!(
            stderr.contains("handout.md") || stderr.contains("stack.svg"),
            "{command}: {stderr}"
        );
        assert!(
            !stderr.contains(secret) && !stdout.contains(secret),
            "{command} printed the secret"
        );
        assert!(
            !stderr.contains("DEMARCATE_TEST_SECRET"),
            "{command}: {stderr}"
        );
    }
    assert!(
        snapshot(dir.path()) == before,
        "a link was followed or replaced"
    );
    assert_eq!(
        std::fs::read_to_string(&canary).unwrap(),
        format!("{secret}\n")
    );
    let text = all_text(&out_dir.join("aws"));
    assert_eq!(
        text.matches(secret).count(),
        1,
        "only the canary file holds it"
    );
}

#[test]
fn markdown_and_html_handouts_keep_only_safe_links_and_no_images() {
    use pulldown_cmark::{Event, Parser, Tag};
    let dir = tempfile::tempdir().unwrap();
    let out = demarcate()
        .args([
            "build",
            "tests/hostile/prose-links.yaml",
            "--format",
            "md,html",
            "-o",
        ])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = std::fs::read_to_string(dir.path().join("hostile/handout.md")).unwrap();
    let safe = |u: &str| {
        ["https://", "http://", "mailto:", "#"]
            .iter()
            .any(|p| u.starts_with(p))
    };
    let mut links = 0;
    for event in Parser::new_ext(&md, pulldown_cmark::Options::all()) {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => {
                assert!(safe(&dest_url), "unsafe link {dest_url} in\n{md}");
                links += 1;
            }
            // The handout's own pictures are local names; nothing else is an image.
            Event::Start(Tag::Image { dest_url, .. }) => assert!(
                dest_url.ends_with(".svg") && !dest_url.contains([':', '/']),
                "image {dest_url} in\n{md}"
            ),
            _ => {}
        }
    }
    assert!(links >= 1, "the safe link stays");
    assert!(
        !md.contains("tracker.invalid") && !md.contains("[evil]:"),
        "{md}"
    );
    let html = std::fs::read_to_string(dir.path().join("hostile/handout.html")).unwrap();
    for bad in [
        "<img",
        "tracker.invalid",
        "href=\"javascript",
        "href=\"data:",
        "href=\"VBScript",
        "href=\"\"",
    ] {
        assert!(!html.contains(bad), "`{bad}` in the HTML handout");
    }
    assert!(
        html.contains("href=\"https://aws.amazon.com/compliance/shared-responsibility-model/\"")
    );
}

#[test]
fn untrusted_text_never_reaches_the_terminal_raw() {
    let dir = tempfile::tempdir().unwrap();
    let odd_name = dir.path().join("m\u{1b}[31m\u{202e}.yaml");
    std::fs::copy("tests/hostile/terminal-escapes.yaml", &odd_name).unwrap();
    let long = dir.path().join("long.yaml");
    std::fs::write(
        &long,
        format!(
            "id: hostile\ntitle: {}\nparties: []\nlabel: x\n",
            "word ".repeat(20_000)
        ),
    )
    .unwrap();
    for json in [false, true] {
        for file in [
            Path::new("tests/hostile/terminal-escapes.yaml"),
            Path::new("tests/hostile/raw-escape.yaml"),
            odd_name.as_path(),
            long.as_path(),
        ] {
            let mut cmd = demarcate();
            if json {
                cmd.args(["--message-format", "json"]);
            }
            let out = cmd.arg("lint").arg(file).output().unwrap();
            assert_eq!(out.status.code(), Some(2), "{}", file.display());
            for stream in [&out.stdout, &out.stderr] {
                let text = String::from_utf8_lossy(stream);
                assert!(
                    !text
                        .chars()
                        .any(|c| (c.is_control() && c != '\n')
                            || ('\u{202a}'..='\u{202e}').contains(&c)),
                    "{}: raw control in {text:?}",
                    file.display()
                );
                assert!(
                    text.len() < 4000,
                    "{}: {} bytes printed",
                    file.display(),
                    text.len()
                );
            }
            let all = String::from_utf8_lossy(&out.stdout).into_owned()
                + &String::from_utf8_lossy(&out.stderr);
            if file != long.as_path() {
                assert!(all.contains("u{1b}"), "{}: {all}", file.display());
            }
        }
    }
}

#[cfg(unix)]
#[test]
fn model_paths_that_are_not_files_fail_fast_with_exit_3() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.yaml");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    let mut cases: Vec<(std::path::PathBuf, &str)> = vec![
        ("/dev/zero".into(), "a device"),
        (dir.path().into(), "model/*.yaml"),
        (dir.path().join("missing.yaml"), "cannot read the model"),
    ];
    if made.is_ok_and(|s| s.success()) {
        cases.push((fifo, "a named pipe"));
    }
    for (path, needle) in cases {
        let start = Instant::now();
        let out = demarcate()
            .arg("build")
            .arg(&path)
            .arg("-o")
            .arg(dir.path().join("out"))
            .timeout(Duration::from_secs(20))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(3), "{}: {stderr}", path.display());
        assert!(stderr.contains(needle), "{}: {stderr}", path.display());
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "{}",
            path.display()
        );
    }
    assert!(!dir.path().join("out").exists());
}

#[test]
fn numbers_are_kept_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let out = demarcate()
        .args(["build", "--format", "md", "-o"])
        .arg(dir.path())
        .args([
            "tests/hostile/numbers-as-written.yaml",
            "tests/hostile/hex-id.yaml",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(dir.path().join("0x10/handout.md").exists(), "hex id kept");
    let md = std::fs::read_to_string(dir.path().join("numbers/handout.md")).unwrap();
    for written in ["\\+12", "1\\_000", "1e3", "0o17", "-3.50"] {
        assert!(md.contains(written), "`{written}` missing from\n{md}");
    }
    for respelled in ["| 1000", "| 1000.0", "15", "26"] {
        assert!(!md.contains(respelled), "`{respelled}` in\n{md}");
    }
}

#[test]
fn cascading_errors_name_real_places_and_plurals() {
    let out = demarcate()
        .args(["lint", "tests/hostile/missing-ids.yaml"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        !stderr.contains("line 0") && !stderr.contains(":0:"),
        "{stderr}"
    );
    assert!(!stderr.contains("partys"), "{stderr}");
    assert!(stderr.contains("missing field `id`"), "{stderr}");
}

#[test]
fn a_refused_write_leaves_the_previous_outputs_as_they_were() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("out");
    let model = dir.path().join("m.yaml");
    let text = std::fs::read_to_string("model/managed.yaml").unwrap();
    std::fs::write(&model, &text).unwrap();
    let build = || {
        demarcate()
            .args(["build", "--no-slides", "--format", "md,html,svg", "-o"])
            .arg(&out_dir)
            .arg(&model)
            .output()
            .unwrap()
    };
    assert!(build().status.success());
    let id = text
        .lines()
        .find_map(|l| l.strip_prefix("id: "))
        .unwrap()
        .trim()
        .to_string();
    // A folder where a file goes (`stack.svg`, late in the order), and a changed model.
    let blocked = out_dir.join(&id).join("stack.svg");
    std::fs::remove_file(&blocked).unwrap();
    std::fs::create_dir(&blocked).unwrap();
    let before = snapshot(&out_dir);
    std::fs::write(&model, text.replacen("title:", "title: Changed", 1)).unwrap();
    let out = build();
    assert_eq!(
        out.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        snapshot(&out_dir) == before,
        "a refused build changed files"
    );
    let names: Vec<_> = std::fs::read_dir(out_dir.join(&id))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(
        names
            .iter()
            .all(|n| !n.to_string_lossy().starts_with(".demarcate")),
        "temporary files left: {names:?}"
    );
}
