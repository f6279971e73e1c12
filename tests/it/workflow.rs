//! The docs-repository workflow, run as a user runs it: check mode, pruning, demarcate.toml,
//! formats, Markdown injection, watch, terminal manners, and a build killed mid-way.

use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use crate::common::{demarcate_in, run_in as run, snapshot, spawn_in};

/// A docs repository: `model/` with the AWS model only.
fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("model")).unwrap();
    std::fs::copy("model/aws.yaml", dir.path().join("model/aws.yaml")).unwrap();
    dir
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from}");
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn check_passes_when_fresh_and_lists_stale_missing_and_extra_files() {
    let repo = repo();
    let d = repo.path();
    assert_eq!(
        run(d, &["check"]).0,
        Some(1),
        "nothing built yet: everything is missing"
    );
    assert_eq!(run(d, &["build", "--quiet"]).0, Some(0));
    let (code, err) = run(d, &["check"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains("all fresh"), "{err}");

    let md = d.join("output/aws/handout.md");
    let stamp = std::fs::metadata(&md).unwrap().modified().unwrap();
    edit(&md, "## Duties", "## Dutys");
    std::fs::remove_file(d.join("output/aws/matrix.svg")).unwrap();
    std::fs::write(d.join("output/aws/stack-old.svg"), "<svg/>").unwrap();
    let (code, err) = run(d, &["check"]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("stale:   output/aws/handout.md"), "{err}");
    assert!(
        err.contains("-## Dutys") && err.contains("+## Duties"),
        "a unified diff: {err}"
    );
    assert!(err.contains("missing: output/aws/matrix.svg"), "{err}");
    assert!(err.contains("extra:   output/aws/stack-old.svg"), "{err}");
    assert!(err.contains("3 of "), "{err}");
    assert!(
        !d.join("output/aws/matrix.svg").exists(),
        "check writes nothing"
    );
    assert_ne!(std::fs::metadata(&md).unwrap().modified().unwrap(), stamp);
}

#[test]
fn build_lists_files_it_no_longer_makes_and_prune_removes_them() {
    let repo = repo();
    let d = repo.path();
    run(d, &["build", "-q"]);
    let model = d.join("model/aws.yaml");
    edit(&model, "  - id: s3\n", "  - id: s3-renamed\n");
    let (code, err) = run(d, &["build"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        err.contains("no longer made by the models (remove with --prune)")
            && err.contains("output/aws/stack-s3.svg"),
        "{err}"
    );
    assert!(
        d.join("output/aws/stack-s3.svg").exists(),
        "listed, not removed"
    );
    let (_, err) = run(d, &["build", "--prune"]);
    assert!(err.contains("removed"), "{err}");
    assert!(
        !d.join("output/aws/stack-s3.svg").exists() && !d.join("output/aws/stack-s3.png").exists()
    );
    assert!(d.join("output/aws/stack-s3-renamed.svg").exists());
    assert_eq!(run(d, &["check"]).0, Some(0));
}

#[test]
fn config_is_found_from_a_subfolder_and_flags_override_it() {
    let repo = repo();
    let d = repo.path();
    std::fs::write(d.join("demarcate.toml"), "models = [\"model/*.yaml\"]\noutput = \"docs/generated\"\nformats = [\"svg\", \"md\"]\ntheme = \"dark\"\nslides = false\n[png]\nwidth = 640\nheight = 360\n").unwrap();
    let sub = d.join("docs/chapter");
    std::fs::create_dir_all(&sub).unwrap();
    let (code, err) = run(&sub, &["build"]);
    assert_eq!(code, Some(0), "{err}");
    // Paths from the config print relative to the current folder, never absolute.
    assert!(err.contains("in ../../docs/generated,"), "{err}");
    assert!(!err.contains(&d.display().to_string()), "{err}");
    let out = d.join("docs/generated/aws");
    assert!(out.join("stack.svg").exists() && out.join("handout.md").exists());
    assert!(
        !out.join("stack.png").exists() && !out.join("handout.html").exists(),
        "formats from the config"
    );
    assert!(
        std::fs::read_to_string(out.join("stack.svg"))
            .unwrap()
            .contains("#16181c"),
        "the dark theme"
    );
    // Flags win: PNGs at the configured size.
    let (code, err) = run(&sub, &["build", "--format", "png", "--no-slides"]);
    assert_eq!(code, Some(0), "{err}");
    let png = resvg::tiny_skia::Pixmap::decode_png(&std::fs::read(out.join("stack.png")).unwrap())
        .unwrap();
    assert_eq!((png.width(), png.height()), (640, 360));
    assert_eq!(
        run(&sub, &["check", "--format", "png", "--no-slides"]).0,
        Some(0)
    );
    // Another config with --config.
    std::fs::write(
        d.join("other.toml"),
        "output = \"elsewhere\"\nformats = [\"md\"]\n",
    )
    .unwrap();
    assert_eq!(run(d, &["build", "--config", "other.toml"]).0, Some(0));
    assert!(d.join("elsewhere/aws/handout.md").exists());
}

#[test]
fn a_bad_config_names_the_line_and_the_nearest_key() {
    let repo = repo();
    let d = repo.path();
    std::fs::write(
        d.join("demarcate.toml"),
        "output = \"o\"\nfromats = [\"svg\"]\n",
    )
    .unwrap();
    let (code, err) = run(d, &["build"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("demarcate.toml:2:1")
            && err.contains("unknown field `fromats`")
            && err.contains("did you mean `formats`?"),
        "{err}"
    );
    std::fs::write(d.join("demarcate.toml"), "theme = \"drak\"\n").unwrap();
    let (code, err) = run(d, &["build"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("demarcate.toml:1:9")
            && err.contains("unknown value `drak`")
            && err.contains("did you mean `dark`?"),
        "{err}"
    );
    std::fs::write(d.join("demarcate.toml"), "formats = [\"svg\", \"pgn\"]\n").unwrap();
    let (code, err) = run(d, &["build"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("demarcate.toml:1:19") && err.contains("did you mean `png`?"),
        "{err}"
    );
    // Numbers are checked, not clamped: the same range as the flag's.
    std::fs::write(d.join("demarcate.toml"), "[png]\nwidth = 5\n").unwrap();
    let (code, err) = run(d, &["build"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("demarcate.toml:2:9") && err.contains("give 16 to 8192"),
        "{err}"
    );
    std::fs::remove_file(d.join("demarcate.toml")).unwrap();
    let (code, err) = run(d, &["build", "--width", "5"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("give 16 to 8192"), "{err}");
    let (code, err) = run(d, &["build", "--format", "svg,pgn"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("invalid value 'pgn'") && err.contains("md, html, svg, png"),
        "{err}"
    );
}

#[test]
fn inject_replaces_only_marked_regions_and_check_reports_staleness() {
    let repo = repo();
    let d = repo.path();
    let readme = d.join("README.md");
    let before = "# Notes\n\nKeep *this* text.\n\n<!-- demarcate:begin matrix model=aws -->\nold table\n<!-- demarcate:end -->\n\nAnd this.\n<!-- demarcate:begin image model=aws picture=stack-rds -->\n<!-- demarcate:end -->\n<!-- demarcate:begin duties model=aws -->\n<!-- demarcate:end -->\n";
    std::fs::write(&readme, before).unwrap();
    let (code, err) = run(d, &["inject", "--check", "README.md"]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("stale: README.md"));
    assert_eq!(
        std::fs::read_to_string(&readme).unwrap(),
        before,
        "--check writes nothing"
    );
    assert_eq!(run(d, &["inject", "README.md"]).0, Some(0));
    let after = std::fs::read_to_string(&readme).unwrap();
    assert!(after.starts_with("# Notes\n\nKeep *this* text.\n\n<!-- demarcate:begin matrix model=aws -->\n\n| Layer | Amazon EC2 |"), "{after}");
    assert!(after.contains("\n\nAnd this.\n") && !after.contains("old table"));
    assert!(after.contains("](<output/aws/stack-rds.svg>)"), "{after}");
    assert!(
        after.contains("- Select, configure and patch the guest operating system"),
        "{after}"
    );
    assert_eq!(
        run(d, &["inject", "--check", "README.md"]).0,
        Some(0),
        "fresh after inject"
    );

    std::fs::write(&readme, "a\n<!-- demarcate:begin matrix model=aws -->\nb\n").unwrap();
    let (code, err) = run(d, &["inject", "README.md"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("README.md:2:1") && err.contains("never closed"),
        "{err}"
    );
    std::fs::write(
        &readme,
        "<!-- demarcate:begin matrix model=aws2 -->\n<!-- demarcate:end -->\n",
    )
    .unwrap();
    let (_, err) = run(d, &["inject", "README.md"]);
    assert!(
        err.contains("no model has the id `aws2`") && err.contains("did you mean `aws`?"),
        "{err}"
    );
    std::fs::write(
        &readme,
        "<!-- demarcate:begin image model=aws picture=stack-rsd -->\n<!-- demarcate:end -->\n",
    )
    .unwrap();
    let (code, err) = run(d, &["inject", "README.md"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("`stack-rsd` is not a picture of `aws`")
            && err.contains("did you mean `stack-rds`?"),
        "{err}"
    );
}

#[test]
fn inject_reads_only_regular_markdown_files() {
    let repo = repo();
    let d = repo.path();
    std::fs::create_dir(d.join("docs.md")).unwrap();
    let (code, err) = run(d, &["inject", "docs.md"]);
    assert_eq!(code, Some(3), "{err}");
    assert!(
        err.contains("docs.md") && err.contains("cannot read the file"),
        "{err}"
    );
    #[cfg(unix)]
    if std::process::Command::new("mkfifo")
        .arg(d.join("pipe.md"))
        .status()
        .is_ok_and(|s| s.success())
    {
        // A pipe is refused without being opened for reading, so this returns at once.
        let (code, err) = run(d, &["inject", "pipe.md"]);
        assert_eq!(code, Some(3), "{err}");
        assert!(err.contains("pipe.md"), "{err}");
    }
}

#[test]
fn lint_checks_the_templates_in_force_as_well_as_the_models() {
    let repo = repo();
    let d = repo.path();
    std::fs::create_dir(d.join("tpl")).unwrap();
    std::fs::write(d.join("tpl/handout.md.tera"), "{% if %}").unwrap();
    let (code, err) = run(d, &["lint", "--templates", "tpl"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("handout.md.tera"), "{err}");
    assert!(err.contains("1 model: 1 error, 0 warnings"), "{err}");
    std::fs::write(d.join("tpl/handout.md.tera"), "{{ model.title }}").unwrap();
    let (code, err) = run(d, &["lint", "--templates", "tpl"]);
    assert_eq!(code, Some(0), "{err}");
}

#[test]
fn quiet_prints_nothing_and_verbose_lists_files() {
    let repo = repo();
    let d = repo.path();
    let (code, err) = run(d, &["build", "--quiet"]);
    assert_eq!((code, err.as_str()), (Some(0), ""));
    let (_, err) = run(d, &["build", "--verbose", "--no-slides"]);
    assert!(
        err.contains("output/aws/stack.png") && err.contains("1 model, "),
        "{err}"
    );
    assert!(!err.contains('\u{1b}'), "no colour without a terminal");
}

/// Waits until `cond` holds, for at most `secs` seconds.
fn wait_for(secs: u64, mut cond: impl FnMut() -> bool) -> bool {
    let end = Instant::now() + Duration::from_secs(secs);
    while Instant::now() < end {
        if cond() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    false
}

struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn watch_rebuilds_on_change_and_survives_an_invalid_model() {
    let repo = repo();
    let d = repo.path();
    let child = spawn_in(d)
        .args(["watch", "--no-slides", "--format", "md"])
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let _guard = Killed(child);
    let md = d.join("output/aws/handout.md");
    assert!(wait_for(30, || md.exists()), "no first build");
    let model = d.join("model/aws.yaml");
    std::thread::sleep(Duration::from_millis(300));
    edit(
        &model,
        "title: The AWS Shared Responsibility Model",
        "title: [broken",
    );
    std::thread::sleep(Duration::from_millis(1000));
    edit(&model, "title: [broken", "title: Watched model");
    let read = || std::fs::read_to_string(&md).unwrap_or_default();
    assert!(
        wait_for(30, || read().starts_with("# Watched model")),
        "no rebuild after the fix:\n{}",
        read()
    );
}

#[test]
fn a_build_killed_at_any_moment_leaves_every_file_whole() {
    let repo = repo();
    let d = repo.path();
    let start = Instant::now();
    assert_eq!(run(d, &["build", "-q", "--no-slides"]).0, Some(0));
    let full = start.elapsed().as_millis() as u64;
    let model = d.join("model/aws.yaml");
    let mut title = String::from("The AWS Shared Responsibility Model");
    // Kill points spread over a whole build, most of them late, where the files are written.
    for (i, fraction) in [0.3, 0.6, 0.8, 0.9, 0.95, 1.0].iter().enumerate() {
        let old = snapshot(&d.join("output"));
        let next = format!("Title {i}");
        edit(
            &model,
            &format!("title: {title}"),
            &format!("title: {next}"),
        );
        title = next;
        let new_dir = d.join(format!("new-{i}"));
        assert_eq!(
            run(
                d,
                &[
                    "build",
                    "-q",
                    "--no-slides",
                    "-o",
                    new_dir.to_str().unwrap()
                ]
            )
            .0,
            Some(0)
        );
        let new = snapshot(&new_dir);
        let mut child = spawn_in(d)
            .args(["build", "-q", "--no-slides"])
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis((full as f64 * fraction) as u64));
        let _ = child.kill();
        let _ = child.wait();
        for (rel, bytes) in snapshot(&d.join("output")) {
            if rel
                .file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(".demarcate-")
            {
                continue; // a temporary file the kill left behind; never a target name
            }
            let whole = old.get(&rel) == Some(&bytes) || new.get(&rel) == Some(&bytes);
            assert!(
                whole,
                "{} is neither the old nor the new file after a kill at {fraction} of a build",
                rel.display()
            );
        }
    }
    // A kill leaves temporary files behind at some moments; plant one so that the clean-up is
    // tested on every run, not only when the timing hits.
    std::fs::write(d.join("output/aws/.demarcate-left"), "half").unwrap();
    let (code, err) = run(d, &["check", "--no-slides"]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("left by an interrupted build"), "{err}");
    assert!(
        d.join("output/aws/.demarcate-left").exists(),
        "check only reads; it never removes a file"
    );
    assert_eq!(run(d, &["build", "-q", "--no-slides"]).0, Some(0));
    let (code, err) = run(d, &["check", "--no-slides"]);
    assert_eq!(code, Some(0), "a full build repairs everything:\n{err}");
    let left: Vec<_> = snapshot(&d.join("output"))
        .into_keys()
        .filter(|p| p.to_string_lossy().contains(".demarcate-"))
        .collect();
    assert!(left.is_empty(), "temporary files remain: {left:?}");
}

#[test]
fn watch_builds_once_until_content_changes_and_quiet_silences_it() {
    let repo = repo();
    let d = repo.path();
    let log = d.join("watch.log");
    let child = spawn_in(d)
        .env("NO_COLOR", "1")
        .args(["watch", "--no-slides", "--format", "md"])
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .unwrap();
    let guard = Killed(child);
    let builds = || {
        std::fs::read_to_string(&log)
            .unwrap_or_default()
            .lines()
            .filter(|l| l.starts_with("1 model,"))
            .count()
    };
    assert!(wait_for(30, || builds() == 1), "no first build");
    let model = d.join("model/aws.yaml");
    // Reading and re-saving the same bytes are no change.
    let text = std::fs::read_to_string(&model).unwrap();
    std::fs::write(&model, &text).unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(builds(), 1, "rebuilt with nothing changed");
    edit(
        &model,
        "title: The AWS Shared Responsibility Model",
        "title: Watched",
    );
    assert!(wait_for(30, || builds() == 2), "no rebuild after a change");
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(builds(), 2, "rebuilt in a loop");
    drop(guard);

    let quiet_log = d.join("quiet.log");
    let child = spawn_in(d)
        .args(["watch", "-q", "--no-slides", "--format", "md"])
        .stderr(std::fs::File::create(&quiet_log).unwrap())
        .spawn()
        .unwrap();
    let _guard = Killed(child);
    std::fs::remove_file(d.join("output/aws/handout.md")).unwrap();
    assert!(
        wait_for(30, || d.join("output/aws/handout.md").exists()),
        "no build"
    );
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(std::fs::read_to_string(&quiet_log).unwrap(), "");
}

#[test]
fn every_example_of_the_readme_exit_code_table_exits_as_it_says() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let mut rows = 0;
    for line in readme.lines() {
        let cells: Vec<&str> = line.split(" | ").collect();
        let Some(code) = cells
            .first()
            .and_then(|c| c.strip_prefix("| `"))
            .and_then(|c| c.strip_suffix('`'))
            .and_then(|c| c.parse::<i32>().ok())
        else {
            continue;
        };
        let examples = cells.last().unwrap().trim_end_matches(" |");
        let commands: Vec<&str> = examples
            .split('`')
            .skip(1)
            .step_by(2)
            .filter(|c| c.starts_with("demarcate "))
            .collect();
        assert!(!commands.is_empty(), "no example in: {line}");
        for command in commands {
            let args: Vec<&str> = command.split_whitespace().skip(1).collect();
            let out = crate::common::demarcate().args(&args).output().unwrap();
            assert_eq!(
                out.status.code(),
                Some(code),
                "`{command}`:\n{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        rows += 1;
    }
    assert_eq!(rows, 4, "the table has a row for each of 0, 1, 2 and 3");
    assert!(
        !Path::new("no-such-folder").exists(),
        "an example wrote files"
    );
}

#[test]
fn build_counts_warnings_and_check_reports_differences_as_json() {
    let repo = repo();
    let d = repo.path();
    std::fs::write(
        d.join("model/warn.yaml"),
        "id: warn\ntitle: Warnings\nparties:\n  - {id: a, label: A}\n  - {id: b, label: B}\n  - {id: idle, label: Idle}\nlayers:\n  - {id: l, label: L, owner: a}\n  - {id: m, label: M, owner: b}\n",
    )
    .unwrap();
    let (code, err) = run(d, &["build", "--format", "md"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        err.contains("1 warning in the models; `demarcate lint` shows it"),
        "{err}"
    );
    assert!(
        !run(d, &["build", "-q", "--format", "md"])
            .1
            .contains("warning")
    );
    std::fs::write(d.join("output/warn/handout.md"), "edited\n").unwrap();
    let out = demarcate_in(d)
        .args(["--message-format", "json", "check", "--format", "md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(
        lines.iter().any(|l| l["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("stale"))
            && l["file"] == "output/warn/handout.md"),
        "{lines:?}"
    );
    assert!(
        lines.iter().any(|l| l["severity"] == "warning"),
        "the warning as JSON: {lines:?}"
    );
}

#[test]
fn lint_strict_passes_on_every_bundled_model_and_names_untraced_cells() {
    let out = crate::common::demarcate()
        .args([
            "lint",
            "--strict",
            "model/aws.yaml",
            "model/azure.yaml",
            "model/managed.yaml",
        ])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    // The three models and the French text of aws.yaml.
    assert!(err.contains("4 models: 0 errors, 0 warnings"), "{err}");
    let repo = repo();
    let d = repo.path();
    edit(
        &d.join("model/aws.yaml"),
        "      guest-os: {owner: aws, status: derived, sources: [prescriptive]}\n",
        "      guest-os: aws\n",
    );
    let (code, err) = run(d, &["lint", "--strict"]);
    assert_eq!(
        code,
        Some(0),
        "the OS cell inherits the row's status and sources: {err}"
    );
    edit(
        &d.join("model/aws.yaml"),
        "      guest-os: aws\n",
        "      guest-os: {owner: aws, status: derived, sources: []}\n",
    );
    let (code, err) = run(d, &["lint", "--strict"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("the cell of `guest-os` on `rds` cites no source"),
        "{err}"
    );
    let (code, _) = run(d, &["lint"]);
    assert_eq!(code, Some(0), "without --strict it is no error");
}

#[test]
fn help_names_every_format_it_takes() {
    // The one-line list in `--format`'s help must be the values clap accepts.
    for command in ["build", "serve", "check", "watch"] {
        let out = crate::common::demarcate()
            .args([command, "--help"])
            .output()
            .unwrap();
        let help = String::from_utf8_lossy(&out.stdout);
        let at = help.find("--format <FORMAT>").expect("a --format flag");
        let section = &help[at..];
        let listed: Vec<&str> = section
            .split("comma-separated:")
            .nth(1)
            .and_then(|s| s.split("Default").next())
            .unwrap_or_default()
            .split(',')
            .map(|f| f.trim().trim_end_matches('.'))
            .collect();
        let values: Vec<&str> = section
            .split("Possible values:")
            .nth(1)
            .unwrap_or_default()
            .lines()
            .skip(1)
            .map_while(|l| l.trim().strip_prefix("- "))
            .filter_map(|l| l.split(':').next())
            .collect();
        assert!(values.len() >= 9, "{command}: {values:?}");
        assert_eq!(listed, values, "{command} --help");
    }
}
