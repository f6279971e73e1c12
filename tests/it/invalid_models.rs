//! Each file in `tests/invalid/` is a broken model whose first line says the diagnostic it must
//! produce: `# error: LINE:COL FIELD | message part | hint part`. `demarcate lint` must exit 2
//! and print that diagnostic; `demarcate build` must exit 2 and write nothing.

use std::path::Path;

use crate::common::demarcate;

struct Expected {
    location: String,
    field: String,
    message: String,
    hint: String,
}

fn expected(path: &Path) -> Expected {
    let text = std::fs::read_to_string(path).unwrap();
    let header = text
        .lines()
        .next()
        .and_then(|l| l.strip_prefix("# error: "))
        .unwrap_or_else(|| panic!("{} has no `# error:` line", path.display()));
    let parts: Vec<&str> = header.split(" | ").collect();
    assert_eq!(
        parts.len(),
        3,
        "{}: want `LINE:COL FIELD | message | hint`",
        path.display()
    );
    let (location, field) = parts[0].split_once(' ').unwrap_or((parts[0], ""));
    Expected {
        location: location.to_string(),
        field: field.trim().to_string(),
        message: parts[1].to_string(),
        hint: parts[2].to_string(),
    }
}

fn invalid_models() -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir("tests/invalid")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_invalid_model_is_reported_with_line_field_and_hint() {
    let files = invalid_models();
    assert!(
        files.len() >= 10,
        "want at least ten invalid-model cases, found {}",
        files.len()
    );
    for file in files {
        let want = expected(&file);
        let out = demarcate()
            .arg("lint")
            .arg(&file)
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        let name = file.display();
        assert_eq!(out.status.code(), Some(2), "{name}: exit code\n{stderr}");
        assert!(
            stderr.contains(&format!("--> {name}:{}", want.location)),
            "{name}: no `{name}:{}` in\n{stderr}",
            want.location
        );
        if !want.field.is_empty() {
            assert!(
                stderr.contains(&format!("= field: {}\n", want.field)),
                "{name}: no field `{}` in\n{stderr}",
                want.field
            );
        }
        assert!(
            stderr.contains(&want.message),
            "{name}: no message `{}` in\n{stderr}",
            want.message
        );
        assert!(
            stderr.contains("= hint: ") && stderr.contains(&want.hint),
            "{name}: no hint `{}` in\n{stderr}",
            want.hint
        );
        assert!(!stderr.contains("panicked"), "{name}: panicked\n{stderr}");
    }
}

#[test]
fn an_invalid_model_writes_nothing() {
    let out_dir = tempfile::tempdir().unwrap();
    let out = demarcate()
        .args([
            "build",
            "model/aws.yaml",
            "tests/invalid/unknown-party.yaml",
            "-o",
        ])
        .arg(out_dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no files written"));
    assert_eq!(std::fs::read_dir(out_dir.path()).unwrap().count(), 0);
}

/// Runs `demarcate lint` on a model written from `yaml`; returns the exit code and stderr.
fn lint_text(yaml: &str) -> (Option<i32>, String) {
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("model.yaml");
    std::fs::write(&model, yaml).unwrap();
    let out = demarcate()
        .arg("lint")
        .arg(&model)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn all_problems_of_a_model_are_reported_in_one_run() {
    let (code, stderr) = lint_text(
        "id: Many Problems\ntitle: T\nparties:\n  - id: customer\n    label: Customer\n    colour: red\nlayers:\n  - id: data\n    label: Data\n    owner: custmer\n  - id: data\n    label: [x]\n    owner: customer\n",
    );
    assert_eq!(code, Some(2));
    for part in [
        "not a valid id",
        "at least two parties",
        "unknown field `colour`",
        "did you mean `color`?",
        "unknown party `custmer`",
        "duplicate layer id `data`",
        "expected a string, found a list",
    ] {
        assert!(stderr.contains(part), "missing `{part}` in\n{stderr}");
    }
    assert!(stderr.contains("6 errors"), "{stderr}");
}

#[test]
fn a_diagnostic_renders_like_rustc() {
    let out = demarcate()
        .args(["lint", "tests/invalid/unknown-party.yaml"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    insta::assert_snapshot!(String::from_utf8_lossy(&out.stderr));
}

#[test]
fn lint_warns_without_failing() {
    let (code, stderr) = lint_text(
        "id: warn\ntitle: Warnings\nparties:\n  - {id: a, label: A, color: \"#777777\"}\n  - {id: b, label: B}\n  - {id: idle, label: 数据}\nlayers:\n  - {id: l, label: L, owner: a}\n  - {id: m, label: M, owner: b}\nservices:\n  - {id: s, label: S, owners: {l: a}}\n",
    );
    assert_eq!(code, Some(0), "{stderr}");
    for part in [
        "warning: party `idle` owns no layer",
        "contrast of only",
        "service `s` has the same owners as the layer defaults",
        "cannot draw 据数",
        "0 errors, 4 warnings",
    ] {
        assert!(stderr.contains(part), "missing `{part}` in\n{stderr}");
    }
}
