//! `demarcate diff`: the cells it lists are exactly the cells that differ (checked against the
//! models cell by cell), its exit codes are `diff`'s, it reads `REV:PATH` from git, and its
//! Markdown is a table in GitHub's renderer.

use std::collections::BTreeSet;
use std::path::Path;

use demarcate::model::{LayerIx, Model};

use crate::common::{demarcate, demarcate_in};

fn load(path: &str) -> Model {
    demarcate::load_file(Path::new(path))
        .result
        .unwrap_or_else(|e| panic!("{e:#?}"))
        .value
}

/// Every (layer id, column id) whose owners, status, note or sources differ between two
/// models, over the layers and services both have, computed here from the cells.
fn differing_cells(a: &Model, b: &Model) -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    let say = |m: &Model, l: LayerIx, c| {
        let mut owners: Vec<&str> = m
            .cell(l, c)
            .parties()
            .iter()
            .map(|&p| m.party(p).id.as_str())
            .collect();
        owners.sort();
        let info = m.info(l, c);
        let mut sources: Vec<String> = info
            .sources
            .iter()
            .map(|&i| {
                m.sources[i]
                    .id
                    .as_ref()
                    .map_or(m.sources[i].url.clone(), |s| s.as_str().to_string())
            })
            .collect();
        sources.sort();
        format!(
            "{owners:?} {:?} {:?} {sources:?}",
            info.status.map(|s| s.name()),
            info.note
        )
    };
    for (li, layer) in b.layers.iter().enumerate() {
        let Some(lo) = a.layers.iter().position(|x| x.id == layer.id) else {
            continue;
        };
        for cb in b.columns() {
            let Some(sb) = cb.service() else { continue };
            let id = b.service(sb).id.as_str();
            let Some(ca) = a
                .columns()
                .into_iter()
                .find(|c| c.service().is_some_and(|s| a.service(s).id.as_str() == id))
            else {
                continue;
            };
            if say(a, LayerIx(lo), ca) != say(b, LayerIx(li), cb) {
                out.insert((layer.id.as_str().to_string(), id.to_string()));
            }
        }
    }
    out
}

fn json_of(out: &[u8]) -> serde_json::Value {
    serde_json::from_slice(out).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(out)))
}

#[test]
fn the_azure_models_differ_in_exactly_the_cells_the_diff_lists() {
    for (old, new) in [
        ("model/azure-classic.yaml", "model/azure.yaml"),
        ("model/aws.yaml", "model/aws-controls.yaml"),
    ] {
        let out = demarcate()
            .args(["diff", "--format", "json", old, new])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{old} {new}");
        let json = json_of(&out.stdout);
        assert_eq!(json["equal"], false);
        let listed: BTreeSet<(String, String)> = json["cells"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                (
                    c["layer"]["id"].as_str().unwrap().into(),
                    c["column"]["id"].as_str().unwrap().into(),
                )
            })
            .collect();
        let expected = differing_cells(&load(old), &load(new));
        assert_eq!(listed, expected, "{old} → {new}");
        assert!(
            !expected.is_empty() || old.contains("aws"),
            "the Azure models differ in cells"
        );
    }
}

#[test]
fn equal_models_exit_zero_and_bad_input_gets_diagnostics() {
    let out = demarcate()
        .args(["diff", "model/aws.yaml", "model/aws.yaml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "model/aws.yaml → model/aws.yaml: no change\n"
    );
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("bad.yaml"), "id: x\ntitle: [\n").unwrap();
    let out = demarcate_in(d.path())
        .args(["diff", "bad.yaml", "missing.yaml"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.yaml:"), "{err}");
    assert!(err.contains("missing.yaml"), "{err}");
    assert_eq!(
        out.status.code(),
        Some(3),
        "a file that cannot be read: exit 3\n{err}"
    );
    let out = demarcate_in(d.path())
        .args(["diff", "bad.yaml", "bad.yaml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
}

/// Runs git in `dir`.
fn git(dir: &Path, args: &[&str]) {
    let ok = std::process::Command::new("git")
        .args([
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@example.com",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        ok.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&ok.stderr)
    );
}

#[test]
fn a_revision_is_read_from_git_and_the_markdown_is_a_table() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    std::fs::create_dir(dir.join("model")).unwrap();
    let aws = std::fs::read_to_string("model/aws.yaml").unwrap();
    std::fs::write(dir.join("model/aws.yaml"), &aws).unwrap();
    git(dir, &["init", "-q"]);
    git(dir, &["add", "."]);
    git(dir, &["commit", "-q", "-m", "first"]);
    // A title with Markdown and HTML in it: one text edit, escaped in the table.
    let changed = aws.replacen(
        "title: The AWS Shared Responsibility Model",
        "title: \"AWS | <b>shared</b>\"",
        1,
    );
    assert_ne!(changed, aws);
    std::fs::write(dir.join("model/aws.yaml"), &changed).unwrap();
    let out = demarcate_in(dir)
        .args([
            "diff",
            "--format",
            "md",
            "HEAD:model/aws.yaml",
            "model/aws.yaml",
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(
        md.starts_with("**HEAD:model/aws.yaml → model/aws.yaml**: 1 text edit\n"),
        "{md}"
    );
    assert!(md.contains("| title | \"The AWS Shared Responsibility Model\" | \"AWS \\| &lt;b&gt;shared&lt;/b&gt;\" |"), "{md}");
    std::fs::write(dir.join("diff.md"), &md).unwrap();
    if let Some(html) = crate::common::cmark_gfm(&dir.join("diff.md")) {
        assert!(html.contains("<table>"), "{html}");
        assert!(
            html.contains("<td>&quot;AWS | &lt;b&gt;shared&lt;/b&gt;&quot;</td>"),
            "{html}"
        );
        assert!(!html.contains("<b>"), "{html}");
    }
    let out = demarcate_in(dir)
        .args(["diff", "NOPE:model/aws.yaml", "model/aws.yaml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("git cannot read `NOPE:model/aws.yaml`"),
        "{err}"
    );
    let out = demarcate_in(dir)
        .args([
            "diff",
            "--",
            "--upload-pack=x:model/aws.yaml",
            "model/aws.yaml",
        ])
        .output()
        .unwrap();
    // Not a revision: an invalid command line (2), as the README's table says.
    assert_eq!(out.status.code(), Some(2));
    // A blob over the size limit is a file too large (2), as for a file on disk.
    let out = demarcate_in(dir)
        .args([
            "diff",
            "--max-input-bytes",
            "100",
            "HEAD:model/aws.yaml",
            "model/aws.yaml",
        ])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("is over 100 bytes"), "{err}");
}

#[test]
fn the_diff_picture_outlines_exactly_the_changed_cells() {
    let d = tempfile::tempdir().unwrap();
    let svg = d.path().join("diff.svg");
    let out = demarcate()
        .args(["diff", "--format", "json", "--picture"])
        .arg(&svg)
        .args(["model/azure-classic.yaml", "model/azure.yaml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let json = json_of(&out.stdout);
    let cells = json["cells"].as_array().unwrap();
    let owner_changes = cells.iter().filter(|c| c.get("owners").is_some()).count();
    let text = std::fs::read_to_string(&svg).unwrap();
    assert_eq!(
        text.matches("<line class=\"changed\"").count(),
        4 * cells.len(),
        "four sides a cell"
    );
    // The drawn lines of text (not the description): old → new only in cells whose owners
    // changed, besides the note that explains it.
    let arrows = text
        .split("<tspan")
        .skip(1)
        .filter_map(|t| t.split("</tspan>").next())
        .filter(|t| t.contains(" → ") && !t.contains("old → new"))
        .count();
    assert_eq!(arrows, owner_changes, "old → new where owners changed");
    assert!(
        text.contains(">Microsoft → Shared: Customer<"),
        "the SaaS applications cell"
    );
    // Unchanged models: nothing outlined.
    let same = d.path().join("same.png");
    let out = demarcate()
        .args(["diff", "model/aws.yaml", "model/aws.yaml", "--picture"])
        .arg(&same)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(std::fs::read(&same).unwrap().starts_with(b"\x89PNG"));
    // A dark picture's slide is dark to its edge.
    let dark = d.path().join("dark.png");
    let out = demarcate()
        .args([
            "diff",
            "model/aws.yaml",
            "model/aws.yaml",
            "--theme",
            "dark",
            "--picture",
        ])
        .arg(&dark)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let mut decoder =
        png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&dark).unwrap()));
    decoder.set_transformations(png::Transformations::EXPAND);
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    reader.next_frame(&mut buf).unwrap();
    assert!(
        buf[..3].iter().all(|c| *c < 64),
        "the corner pixel {:?}",
        &buf[..3]
    );
}
