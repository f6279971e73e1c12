//! The build record: `check` and a build with nothing to do trust it only while the inputs are
//! the ones it was made from and every file is on disk as it says; anything else goes the
//! full way, so the record never hides a difference.

use std::path::Path;

use crate::common::run_in as run;

/// A docs repository with the AWS model and its translation, built.
fn built_repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("model")).unwrap();
    for f in ["aws.yaml", "aws.fr.yaml"] {
        std::fs::copy(Path::new("model").join(f), dir.path().join("model").join(f)).unwrap();
    }
    let (code, err) = run(dir.path(), &["build"]);
    assert_eq!(code, Some(0), "{err}");
    dir
}

/// Whether `check -v` took the build record's word.
fn by_record(d: &Path) -> (Option<i32>, bool) {
    let (code, err) = run(d, &["check", "--verbose"]);
    (code, err.contains("(by the build record)"))
}

fn record(d: &Path) -> Vec<u8> {
    std::fs::read(d.join("output/.demarcate.record")).unwrap()
}

#[test]
fn check_trusts_the_record_only_while_every_file_and_input_is_as_recorded() {
    let repo = built_repo();
    let d = repo.path();
    assert_eq!(by_record(d), (Some(0), true));
    let (code, err) = run(d, &["build"]);
    assert_eq!(code, Some(0));
    assert!(err.contains("(0 written, "), "nothing to do: {err}");

    // An output edited by hand, a PNG with one flipped byte, an extra file, a stray temporary
    // file: each fails the check, which then explains it the full way.
    let md = d.join("output/aws/handout.md");
    let text = std::fs::read_to_string(&md).unwrap();
    std::fs::write(&md, text.replacen("Duties", "Dutys", 1)).unwrap();
    let (code, err) = run(d, &["check"]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("stale:   output/aws/handout.md"), "{err}");
    std::fs::write(&md, &text).unwrap();
    assert_eq!(by_record(d), (Some(0), true));

    let png = d.join("output/aws/stack.png");
    let mut bytes = std::fs::read(&png).unwrap();
    let at = bytes.windows(4).position(|w| w == b"IDAT").unwrap() + 40;
    bytes[at] ^= 1;
    std::fs::write(&png, &bytes).unwrap();
    assert_eq!(by_record(d), (Some(1), false));
    assert_eq!(run(d, &["build", "-q"]).0, Some(0));
    assert_eq!(by_record(d), (Some(0), true));

    for stray in [
        "output/aws/old.svg",
        "output/aws/.demarcate-xyz",
        "output/.demarcate-xyz",
    ] {
        std::fs::write(d.join(stray), "x").unwrap();
        assert_eq!(by_record(d), (Some(1), false), "{stray}");
        std::fs::remove_file(d.join(stray)).unwrap();
    }

    // A changed model, or a changed translation beside it: stale, found the full way.
    for model in ["model/aws.yaml", "model/aws.fr.yaml"] {
        let path = d.join(model);
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, format!("{text}\n# a comment changes no output\n")).unwrap();
        assert_eq!(by_record(d), (Some(0), false), "{model}: inputs differ");
        std::fs::write(&path, &text).unwrap();
        assert_eq!(by_record(d), (Some(0), true));
    }
    let path = d.join("model/aws.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replacen("Amazon EC2", "Amazon EC3", 1)).unwrap();
    assert_eq!(by_record(d), (Some(1), false));
}

#[test]
fn other_settings_or_templates_are_other_inputs_and_a_bad_record_is_no_record() {
    let repo = built_repo();
    let d = repo.path();
    let before = record(d);
    assert_eq!(run(d, &["check", "--theme", "dark"]).0, Some(1));
    std::fs::create_dir(d.join("tpl")).unwrap();
    std::fs::write(d.join("tpl/handout.md.tera"), "# {{ model.title }}\n").unwrap();
    let (code, err) = run(d, &["check", "--templates", "tpl", "--verbose"]);
    assert_eq!(code, Some(1), "{err}");
    assert!(!err.contains("by the build record"), "{err}");

    for bad in [
        &b"demarcate build record 1\ninputs x\n"[..],
        b"",
        b"\xff\xfe",
    ] {
        std::fs::write(d.join("output/.demarcate.record"), bad).unwrap();
        assert_eq!(by_record(d), (Some(0), false), "the full way still passes");
    }
    std::fs::remove_file(d.join("output/.demarcate.record")).unwrap();
    assert_eq!(by_record(d), (Some(0), false));
    assert_eq!(run(d, &["build", "-q"]).0, Some(0));
    assert_eq!(record(d), before, "the same record again");
}

#[test]
fn the_record_is_the_same_wherever_the_models_are() {
    let a = built_repo();
    let b = tempfile::tempdir().unwrap();
    let models = b.path().join("elsewhere/models");
    std::fs::create_dir_all(&models).unwrap();
    for f in ["aws.yaml", "aws.fr.yaml"] {
        std::fs::copy(Path::new("model").join(f), models.join(f)).unwrap();
    }
    let out = b.path().join("out");
    let (code, err) = run(
        b.path(),
        &[
            "build",
            "elsewhere/models/aws.yaml",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(
        std::fs::read(out.join(".demarcate.record")).unwrap(),
        record(a.path())
    );
}

#[cfg(unix)]
#[test]
fn a_link_where_the_record_goes_stops_the_build_before_any_file_changes() {
    let repo = built_repo();
    let d = repo.path();
    let secret = d.join("secret.txt");
    std::fs::write(&secret, "keep").unwrap();
    std::fs::remove_file(d.join("output/.demarcate.record")).unwrap();
    std::os::unix::fs::symlink(&secret, d.join("output/.demarcate.record")).unwrap();
    let path = d.join("model/aws.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replacen("Amazon EC2", "Amazon EC3", 1)).unwrap();
    let before = crate::common::snapshot(&d.join("output/aws"));
    let (code, err) = run(d, &["build"]);
    assert_ne!(code, Some(0), "{err}");
    assert!(err.contains(".demarcate.record"), "{err}");
    assert_eq!(crate::common::snapshot(&d.join("output/aws")), before);
    assert_eq!(std::fs::read_to_string(&secret).unwrap(), "keep");
}
