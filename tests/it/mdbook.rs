//! `demarcate mdbook`, the mdBook preprocessor: the protocol by hand (the JSON mdBook 0.5
//! sends), and a real `mdbook build` of a small book whose HTML must hold the tables and the
//! pictures. The real build needs mdBook 0.5: `DEMARCATE_MDBOOK` (which `.ci/run` sets to the
//! pinned release it installs) or `mdbook` on the PATH; it is skipped without one, unless
//! `DEMARCATE_WEB_TOOLS` is set (as in CI), where a missing mdBook fails.

use std::path::{Path, PathBuf};
use std::process::Stdio;

use crate::common::spawn_in;

/// A chapter with a marked region, inline directives, an escaped one, and one in code.
const CHAPTER: &str = "# The split\n\n<!-- demarcate:begin matrix model=aws -->\n<!-- demarcate:end -->\n\n{{#demarcate image model=aws picture=stack theme=auto}}\n\n{{#demarcate image model=aws picture=matrix}}\n\nWritten as \\{{#demarcate split model=aws}} in the source.\n\n```\n{{#demarcate split model=aws}}\n```\n";

/// A book folder: `book.toml` with `table` under `[preprocessor.demarcate]`, a model whose
/// label tries mdBook's include, a secret beside it, and one chapter.
fn book(table: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("src")).unwrap();
    std::fs::create_dir_all(d.join("model")).unwrap();
    let aws = std::fs::read_to_string("model/aws.yaml").unwrap();
    let hostile = aws.replacen(
        "label: Customer data",
        "label: \"Customer data {{#include ../secret.txt}}\"",
        1,
    );
    assert_ne!(aws, hostile);
    std::fs::write(d.join("model/aws.yaml"), hostile).unwrap();
    std::fs::write(d.join("secret.txt"), "SECRET-42").unwrap();
    std::fs::write(
        d.join("book.toml"),
        format!("[book]\ntitle = \"Shared responsibility\"\n\n[preprocessor.demarcate]\n{table}"),
    )
    .unwrap();
    std::fs::write(
        d.join("src/SUMMARY.md"),
        "# Summary\n\n- [The split](split.md)\n",
    )
    .unwrap();
    std::fs::write(d.join("src/split.md"), CHAPTER).unwrap();
    dir
}

/// What mdBook 0.5 sends a preprocessor for the book in `root`.
fn input(root: &Path, table: serde_json::Value, content: &str) -> String {
    serde_json::json!([
        {
            "root": root,
            "config": {
                "book": { "title": "T", "authors": [], "language": "en" },
                "preprocessor": { "demarcate": table }
            },
            "renderer": "html",
            "mdbook_version": "0.5.4"
        },
        { "items": [ { "Chapter": {
            "name": "The split", "content": content, "number": [1], "sub_items": [],
            "path": "split.md", "source_path": "split.md", "parent_names": []
        } } ] }
    ])
    .to_string()
}

/// Runs `demarcate mdbook` in `dir` with `stdin`: exit code, stdout, stderr.
fn preprocess(dir: &Path, stdin: &str) -> (Option<i32>, String, String) {
    use std::io::Write as _;
    let mut child = spawn_in(dir)
        .arg("mdbook")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_preprocessor_fills_regions_and_directives_and_draws_the_pictures() {
    let dir = book("");
    let d = dir.path();
    let supports = crate::common::demarcate_in(d)
        .args(["mdbook", "supports", "html"])
        .output()
        .unwrap();
    assert!(supports.status.success() && supports.stdout.is_empty());
    // Run from elsewhere: the book's root comes from mdBook's context.
    let elsewhere = tempfile::tempdir().unwrap();
    let (code, out, err) = preprocess(elsewhere.path(), &input(d, serde_json::json!({}), CHAPTER));
    assert_eq!(code, Some(0), "{err}");
    assert!(err.is_empty(), "{err}");
    let book: serde_json::Value = serde_json::from_str(&out).unwrap();
    let content = book["items"][0]["Chapter"]["content"].as_str().unwrap();
    assert!(
        content.contains("Customer data \\{{#include ../secret.txt}}"),
        "{content}"
    );
    assert!(
        content.contains("srcset=\"demarcate/aws/stack.dark.svg\""),
        "{content}"
    );
    assert!(
        content.contains("](<demarcate/aws/matrix.svg>)"),
        "{content}"
    );
    assert!(content.contains("Written as {{#demarcate split model=aws}} in the source."));
    assert!(content.contains("```\n{{#demarcate split model=aws}}\n```"));
    assert!(!content.contains("SECRET"));
    for f in [
        "stack.svg",
        "stack.dark.svg",
        "matrix.svg",
        "shift.dark.svg",
    ] {
        assert!(d.join("src/demarcate/aws").join(f).is_file(), "{f}");
    }
    assert!(!d.join("src/demarcate/aws/stack.png").exists(), "SVG only");
}

#[test]
fn the_preprocessor_reports_chapters_and_settings_with_positions() {
    let dir = book("");
    let d = dir.path();
    let broken = "# T\n\nText.\n{{#demarcate matrix model=azure}}\n";
    let (code, out, err) = preprocess(d, &input(d, serde_json::json!({}), broken));
    assert_eq!(code, Some(2), "{err}");
    assert!(out.is_empty(), "no book on stdout after an error: {out}");
    assert!(err.contains("split.md:4:1"), "{err}");
    assert!(err.contains("no model has the id `azure`"), "{err}");
    let (code, _, err) = preprocess(d, &input(d, serde_json::json!({"themes": "dark"}), "x"));
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("book.toml") && err.contains("unknown field `themes`"),
        "{err}"
    );
    let (code, _, err) = preprocess(d, &input(d, serde_json::json!({"output": "../out"}), "x"));
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("leaves the book's source folder"), "{err}");
    assert!(!d.join("out").exists());
    let (code, _, err) = preprocess(d, "[{\"root\": 1}]");
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("cannot read the book mdBook sent"), "{err}");
}

#[test]
fn book_toml_paths_stay_inside_the_book() {
    // The secret sits beside the book; book.toml names it, a pattern for it, an absolute
    // path, or templates outside: each is refused with book.toml's line, and never printed.
    let outer = tempfile::tempdir().unwrap();
    std::fs::write(
        outer.path().join("secret.yaml"),
        "id: OUTER-SECRET-77\ntitle: [\n",
    )
    .unwrap();
    for (table, field) in [
        (
            "models = [\"../secret.yaml\"]\n",
            "preprocessor.demarcate.models[0]",
        ),
        (
            "models = [\"model/aws.yaml\", \"../*.yaml\"]\n",
            "preprocessor.demarcate.models[1]",
        ),
        (
            "models = [\"/proc/self/environ\"]\n",
            "preprocessor.demarcate.models[0]",
        ),
        ("templates = \"..\"\n", "preprocessor.demarcate.templates"),
    ] {
        let book_dir = outer.path().join("book");
        let _ = std::fs::remove_dir_all(&book_dir);
        let made = book(table);
        std::fs::rename(made.path(), &book_dir).unwrap();
        let value: toml::Table = toml::from_str(table).unwrap();
        let json = serde_json::to_value(value).unwrap();
        let (code, out, err) = preprocess(&book_dir, &input(&book_dir, json, CHAPTER));
        assert_eq!(code, Some(2), "{table}: {err}");
        assert!(out.is_empty());
        assert!(
            err.contains("leaves the book's folder") && err.contains(field),
            "{table}: {err}"
        );
        assert!(err.contains("book.toml:5:"), "names the line: {err}");
        assert!(
            !err.contains("OUTER-SECRET") && !err.contains("PATH="),
            "{err}"
        );
    }
}

/// The mdBook to run, if any.
fn mdbook() -> Option<PathBuf> {
    let found = std::env::var_os("DEMARCATE_MDBOOK")
        .map(PathBuf::from)
        .filter(|p| p.is_file())
        .or_else(|| {
            let ok = std::process::Command::new("mdbook")
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success());
            ok.then(|| PathBuf::from("mdbook"))
        });
    if found.is_none() {
        assert!(
            std::env::var_os("DEMARCATE_WEB_TOOLS").is_none(),
            "DEMARCATE_WEB_TOOLS is set but no mdBook was found (install it as .ci/run does)"
        );
        eprintln!("skipped: no mdBook (see .ci/run)");
    }
    found
}

#[test]
fn mdbook_builds_a_book_with_the_tables_and_the_pictures() {
    let Some(mdbook) = mdbook() else { return };
    let exe = PathBuf::from(env!("CARGO_BIN_EXE_demarcate"));
    let dir = book(&format!("command = \"{} mdbook\"\n", exe.display()));
    let d = dir.path();
    let run = |what: &str| {
        let out = std::process::Command::new(&mdbook)
            .arg("build")
            .current_dir(d)
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(out.status.success(), "{what}: {err}");
        err
    };
    run("first build");
    let html = std::fs::read_to_string(d.join("book/split.html")).unwrap();
    assert!(html.contains("<table>"), "{html}");
    assert!(
        html.contains("Customer data {{#include ../secret.txt}}"),
        "{html}"
    );
    assert!(
        !html.contains("SECRET-42"),
        "model text never includes a file"
    );
    assert!(html.contains("<source media=\"(prefers-color-scheme: dark)\" srcset=\"demarcate/aws/stack.dark.svg\">"), "{html}");
    assert!(
        html.contains("<img src=\"demarcate/aws/matrix.svg\""),
        "{html}"
    );
    assert!(html.contains("Written as {{#demarcate split model=aws}} in the source."));
    for f in ["stack.svg", "stack.dark.svg", "matrix.svg"] {
        let svg = std::fs::read_to_string(d.join("book/demarcate/aws").join(f)).unwrap();
        assert!(svg.starts_with("<svg"), "{f}");
    }
    // A second build draws nothing again, so `mdbook serve` never sees a change of ours.
    let picture = d.join("src/demarcate/aws/matrix.svg");
    let before = std::fs::metadata(&picture).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    run("second build");
    assert_eq!(
        std::fs::metadata(&picture).unwrap().modified().unwrap(),
        before
    );
}
