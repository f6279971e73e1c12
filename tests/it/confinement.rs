//! A repository's own files never reach outside it. A pull request can commit a
//! `demarcate.toml`, a folder link or a build record; none of them may make demarcate read,
//! print, write or delete a file outside the folder that holds the config (the repository),
//! whatever the command and the message format. Paths typed on the command line stay the
//! user's own choice.

use std::path::Path;

use crate::common::{demarcate_in, snapshot};

/// A secret outside the repository, in a file and in the environment.
const CANARY: &str = "CANARY-7f3a91-SECRET";

/// `outside/` (holding `secret.txt` and `secret.yaml` with the canary, and `victim/` with
/// three files), and `repo/` with `model/aws.yaml`; returns the temporary folder.
fn layout() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("outside/victim/aws")).unwrap();
    std::fs::create_dir_all(d.join("repo/model")).unwrap();
    std::fs::write(d.join("outside/secret.txt"), format!("{CANARY}\n")).unwrap();
    std::fs::write(
        d.join("outside/secret.yaml"),
        format!("id: {CANARY}\ntitle: [{CANARY}\n"),
    )
    .unwrap();
    for f in ["aws/stack.svg", "aws/handout.md", "notes.txt"] {
        std::fs::write(d.join("outside/victim").join(f), "theirs").unwrap();
    }
    std::fs::copy("model/aws.yaml", d.join("repo/model/aws.yaml")).unwrap();
    dir
}

/// Runs demarcate in `repo` with the canary in its environment: exit code, and everything it
/// printed (standard output and error).
fn run(repo: &Path, args: &[&str]) -> (Option<i32>, String) {
    let out = demarcate_in(repo)
        .env("DEMARCATE_TEST_CANARY", CANARY)
        .args(args)
        .output()
        .unwrap();
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code(), all)
}

/// Every command that reads the config, in both message formats.
const COMMANDS: [&[&str]; 8] = [
    &["check"],
    &["build"],
    &["lint"],
    &["build", "--prune"],
    &["--message-format", "json", "check"],
    &["--message-format", "json", "build"],
    &["--message-format", "json", "lint"],
    &["inject", "--check", "README.md"],
];

/// With `config` as the repository's demarcate.toml, every command is refused (exit 2) with
/// the config's line and `says`, prints no canary, and changes nothing outside.
fn refused_everywhere(config: &str, field: &str) {
    let dir = layout();
    let d = dir.path();
    let repo = d.join("repo");
    std::fs::write(repo.join("demarcate.toml"), config).unwrap();
    std::fs::write(repo.join("README.md"), "# Readme\n").unwrap();
    let before = snapshot(&d.join("outside"));
    for args in COMMANDS {
        let (code, out) = run(&repo, args);
        assert_eq!(code, Some(2), "{config} {args:?}: {out}");
        assert!(
            !out.contains(CANARY),
            "{config} {args:?} printed the canary: {out}"
        );
        assert!(
            out.contains("leaves the config's folder") && out.contains(field),
            "{config} {args:?}: {out}"
        );
        if !args.contains(&"json") {
            assert!(out.contains("demarcate.toml:"), "names the line: {out}");
        }
    }
    assert_eq!(snapshot(&d.join("outside")), before, "{config}");
    assert!(!repo.join("output").exists(), "{config}: nothing written");
}

#[test]
fn a_config_cannot_name_models_outside_the_repository() {
    for models in [
        r#"["/proc/self/environ"]"#,
        r#"["/proc/self/env*"]"#,
        r#"["../outside/secret.yaml"]"#,
        r#"["model/../../outside/secret.txt"]"#,
        r#"["../outside/*.yaml"]"#,
    ] {
        refused_everywhere(&format!("models = {models}\n"), "models[0]");
    }
    // An absolute path to a file outside, whichever the machine.
    let dir = layout();
    let secret = dir.path().join("outside/secret.yaml");
    let config = format!(
        "models = [\"model/aws.yaml\", {}]\n",
        serde_json::to_string(&secret.display().to_string()).unwrap()
    );
    refused_everywhere(&config, "models[1]");
}

#[test]
fn a_config_cannot_write_templates_or_outputs_outside_it() {
    refused_everywhere("output = \"../outside/victim\"\n", "output");
    refused_everywhere("templates = \"../outside\"\n", "templates");
}

#[cfg(unix)]
#[test]
fn a_committed_folder_link_leads_nowhere() {
    use std::os::unix::fs::symlink;
    // `model -> ../outside`: found by the default pattern.
    let dir = layout();
    let d = dir.path();
    let repo = d.join("repo");
    std::fs::remove_dir_all(repo.join("model")).unwrap();
    symlink(d.join("outside"), repo.join("model")).unwrap();
    for args in [&["check"][..], &["lint"], &["build"]] {
        let (code, out) = run(&repo, args);
        assert_eq!(code, Some(2), "{out}");
        assert!(!out.contains(CANARY), "{out}");
        assert!(out.contains("`model` is a symbolic link"), "{out}");
    }
    // A config's folder of models through a link, and an output folder that is a link.
    std::fs::remove_file(repo.join("model")).unwrap();
    std::fs::create_dir(repo.join("model")).unwrap();
    std::fs::copy("model/aws.yaml", repo.join("model/aws.yaml")).unwrap();
    symlink(d.join("outside"), repo.join("docs")).unwrap();
    std::fs::write(repo.join("demarcate.toml"), "models = [\"docs/*.yaml\"]\n").unwrap();
    let (code, out) = run(&repo, &["lint"]);
    assert_eq!(code, Some(2), "{out}");
    assert!(
        out.contains("`docs` is a symbolic link") && !out.contains(CANARY),
        "{out}"
    );
    std::fs::write(repo.join("demarcate.toml"), "output = \"docs/victim\"\n").unwrap();
    let before = snapshot(&d.join("outside"));
    let (code, out) = run(&repo, &["build", "--prune"]);
    assert_eq!(code, Some(2), "{out}");
    std::fs::remove_file(repo.join("demarcate.toml")).unwrap();
    symlink(d.join("outside/victim"), repo.join("output")).unwrap();
    let (code, out) = run(&repo, &["build", "--prune"]);
    assert_eq!(code, Some(2), "{out}");
    assert!(out.contains("`output` is a symbolic link"), "{out}");
    assert_eq!(snapshot(&d.join("outside")), before);
}

#[test]
fn paths_inside_the_repository_and_on_the_command_line_still_work() {
    let dir = layout();
    let d = dir.path();
    let repo = d.join("repo");
    std::fs::create_dir_all(repo.join("docs")).unwrap();
    std::fs::write(
        repo.join("demarcate.toml"),
        "models = [\"./model/../model/*.yaml\"]\noutput = \"docs/out\"\nformats = [\"svg\"]\nslides = false\n",
    )
    .unwrap();
    let (code, out) = run(&repo, &["build", "-q"]);
    assert_eq!(code, Some(0), "{out}");
    assert!(repo.join("docs/out/aws/stack.svg").exists());
    // Typed by the user: a model and an output folder outside the repository.
    std::fs::copy("model/aws.yaml", d.join("outside/aws.yaml")).unwrap();
    let (code, out) = run(
        &repo,
        &[
            "build",
            "../outside/aws.yaml",
            "-o",
            "../outside/built",
            "--format",
            "svg",
            "--no-slides",
            "-q",
        ],
    );
    assert_eq!(code, Some(0), "{out}");
    assert!(d.join("outside/built/aws/stack.svg").exists());
}

#[test]
fn prune_removes_only_files_the_build_record_lists() {
    let dir = layout();
    let repo = dir.path().join("repo");
    let (code, out) = run(&repo, &["build", "-q", "--format", "svg,md", "--no-slides"]);
    assert_eq!(code, Some(0), "{out}");
    // A file of the user's own, named like an output, in the model's folder.
    std::fs::write(repo.join("output/aws/stack-mine.svg"), "mine").unwrap();
    let model = repo.join("model/aws.yaml");
    let text = std::fs::read_to_string(&model).unwrap();
    std::fs::write(
        &model,
        text.replacen("  - id: s3\n", "  - id: s3-renamed\n", 1),
    )
    .unwrap();
    // A build without --prune leaves the stale file and records it as demarcate's.
    let (code, out) = run(&repo, &["build", "--format", "svg,md", "--no-slides"]);
    assert_eq!(code, Some(0), "{out}");
    assert!(repo.join("output/aws/stack-s3.svg").exists());
    let (code, out) = run(
        &repo,
        &["build", "--prune", "--format", "svg,md", "--no-slides"],
    );
    assert_eq!(code, Some(0), "{out}");
    assert!(!repo.join("output/aws/stack-s3.svg").exists(), "{out}");
    assert_eq!(
        std::fs::read(repo.join("output/aws/stack-mine.svg")).unwrap(),
        b"mine",
        "a file demarcate did not make is never pruned: {out}"
    );
    assert!(
        out.contains("not made by the last build") && out.contains("stack-mine.svg"),
        "{out}"
    );
}

#[test]
fn in_a_git_work_tree_the_repository_is_the_bound() {
    // A config in `docs/` may name the repository's `../model`, and nothing above it.
    let dir = layout();
    let d = dir.path();
    let repo = d.join("repo");
    std::fs::create_dir(repo.join(".git")).unwrap();
    std::fs::create_dir(repo.join("docs")).unwrap();
    std::fs::write(
        repo.join("docs/demarcate.toml"),
        "models = [\"../model/*.yaml\"]\noutput = \"built\"\nformats = [\"svg\"]\nslides = false\n",
    )
    .unwrap();
    let (code, out) = run(&repo.join("docs"), &["build", "-q"]);
    assert_eq!(code, Some(0), "{out}");
    assert!(repo.join("docs/built/aws/stack.svg").exists());
    std::fs::write(
        repo.join("docs/demarcate.toml"),
        "models = [\"../../outside/secret.yaml\"]\n",
    )
    .unwrap();
    let (code, out) = run(&repo.join("docs"), &["lint"]);
    assert_eq!(code, Some(2), "{out}");
    assert!(
        out.contains("leaves the repository: its `..` climb above it") && !out.contains(CANARY),
        "{out}"
    );
}
