//! The main job, run as a user runs it: `demarcate build` of the bundled models, compared with
//! the committed `output/` (the golden folder), built twice for determinism, and the schema,
//! starter and template commands around it.

use std::path::{Path, PathBuf};

use crate::common::{demarcate, snapshot};
use resvg::tiny_skia::Pixmap;

fn build_into(dir: &Path, extra: &[&str]) -> String {
    let out = demarcate()
        .arg("build")
        .arg("-o")
        .arg(dir)
        .args(extra)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(out.status.success(), "build failed:\n{stderr}");
    stderr
}

/// Largest per-channel difference between two PNGs of the same size.
fn pixel_diff(a: &[u8], b: &[u8]) -> Option<u8> {
    let (a, b) = (Pixmap::decode_png(a).ok()?, Pixmap::decode_png(b).ok()?);
    if (a.width(), a.height()) != (b.width(), b.height()) {
        return None;
    }
    a.data()
        .iter()
        .zip(b.data())
        .map(|(x, y)| x.abs_diff(*y))
        .max()
}

/// Writes the expected PNG, a map of the pixels that differ (red, over a faint copy of the
/// expected one) and the actual PNG side by side under `target/`, and returns the file. When
/// the sizes differ, the two images are written as they are, beside each other.
fn mismatch_report(path: &Path, want: &[u8], got: &[u8]) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("png-mismatches");
    std::fs::create_dir_all(&dir).unwrap();
    let name = path.to_string_lossy().replace(['/', '\\'], "-");
    let (Ok(a), Ok(b)) = (Pixmap::decode_png(want), Pixmap::decode_png(got)) else {
        std::fs::write(dir.join(format!("expected-{name}")), want).unwrap();
        std::fs::write(dir.join(format!("actual-{name}")), got).unwrap();
        return dir;
    };
    if (a.width(), a.height()) != (b.width(), b.height()) {
        std::fs::write(dir.join(format!("expected-{name}")), want).unwrap();
        std::fs::write(dir.join(format!("actual-{name}")), got).unwrap();
        return dir;
    }
    let (w, h) = (a.width(), a.height());
    let mut sheet = Pixmap::new(w * 3, h).unwrap();
    let stride = (w * 3) as usize * 4;
    for y in 0..h as usize {
        for x in 0..w as usize {
            let i = (y * w as usize + x) * 4;
            let (pa, pb) = (&a.data()[i..i + 4], &b.data()[i..i + 4]);
            let differs = pa.iter().zip(pb).any(|(p, q)| p.abs_diff(*q) > 2);
            let faint: Vec<u8> = pa.iter().map(|c| 255 - (255 - c) / 4).collect();
            let mid = if differs {
                [255, 0, 0, 255]
            } else {
                [faint[0], faint[1], faint[2], 255]
            };
            let row = y * stride;
            let data = sheet.data_mut();
            data[row + x * 4..row + x * 4 + 4].copy_from_slice(pa);
            data[row + (w as usize + x) * 4..row + (w as usize + x) * 4 + 4].copy_from_slice(&mid);
            data[row + (2 * w as usize + x) * 4..row + (2 * w as usize + x) * 4 + 4]
                .copy_from_slice(pb);
        }
    }
    let file = dir.join(name);
    sheet.save_png(&file).unwrap();
    file
}

#[test]
fn a_png_mismatch_report_shows_expected_difference_and_actual_side_by_side() {
    let mut a = Pixmap::new(4, 2).unwrap();
    a.fill(resvg::tiny_skia::Color::WHITE);
    let mut b = a.clone();
    b.data_mut()[0..4].copy_from_slice(&[0, 0, 0, 255]);
    let file = mismatch_report(
        Path::new("test/one.png"),
        &a.encode_png().unwrap(),
        &b.encode_png().unwrap(),
    );
    assert!(file.starts_with(env!("CARGO_TARGET_TMPDIR")));
    let sheet = Pixmap::load_png(&file).unwrap();
    assert_eq!((sheet.width(), sheet.height()), (12, 2));
    let px = |x: usize| sheet.data()[x * 4..x * 4 + 4].to_vec();
    assert_eq!(px(0), [255, 255, 255, 255], "expected");
    assert_eq!(px(4), [255, 0, 0, 255], "the differing pixel, in red");
    assert_ne!(px(5), [255, 0, 0, 255], "an equal pixel is not red");
    assert_eq!(px(8), [0, 0, 0, 255], "actual");
}

/// Builds one bundled model (in its own language, or in `lang` from its translation into
/// `<id>-<lang>/`) and compares it with its committed folder of `output/`: text byte for byte,
/// PNGs per channel with a tolerance of 2, no file missing or extra.
fn matches_the_committed_output_in(model: &str, lang: &str) {
    let dir = tempfile::tempdir().unwrap();
    let file = format!("model/{model}.yaml");
    let summary = build_into(dir.path(), &["--lang", lang, &file]);
    let id = if lang == "en" {
        model.to_string()
    } else {
        format!("{model}-{lang}")
    };
    let id = id.as_str();
    // The build record at the top is checked by tests/it/record.rs.
    let built: std::collections::BTreeMap<PathBuf, Vec<u8>> = snapshot(dir.path())
        .into_iter()
        .filter(|(p, _)| p.starts_with(id))
        .collect();
    let golden: std::collections::BTreeMap<PathBuf, Vec<u8>> = snapshot(Path::new("output"))
        .into_iter()
        .filter(|(p, _)| p.starts_with(id))
        .collect();
    let n = built.len();
    assert!(
        summary.contains(&format!("1 model, {n} files ({n} written, 0 unchanged)")),
        "{summary}"
    );
    let stale = "output/ is stale: run `cargo run --release -- build` and commit it";
    let missing: Vec<_> = built.keys().filter(|k| !golden.contains_key(*k)).collect();
    let extra: Vec<_> = golden.keys().filter(|k| !built.contains_key(*k)).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "{stale}\nnot committed: {missing:?}\nno longer built: {extra:?}"
    );
    for (path, bytes) in &built {
        let want = &golden[path];
        if path.extension().is_some_and(|x| x == "png") {
            let diff = pixel_diff(bytes, want);
            if diff.is_none_or(|d| d > 2) {
                let report = mismatch_report(path, want, bytes);
                panic!(
                    "{stale}\n{}: pixels differ by {diff:?}; expected | difference | actual in {}",
                    path.display(),
                    report.display()
                );
            }
        } else {
            assert!(bytes == want, "{stale}\n{} differs", path.display());
        }
    }
}

fn matches_the_committed_output(id: &str) {
    matches_the_committed_output_in(id, "en");
}

// One test a model, so that they run side by side and none runs for minutes.
#[test]
fn the_french_aws_model_matches_the_committed_output() {
    matches_the_committed_output_in("aws", "fr");
}

#[test]
fn the_aws_model_matches_the_committed_output() {
    matches_the_committed_output("aws");
}

#[test]
fn the_azure_model_matches_the_committed_output() {
    matches_the_committed_output("azure");
}

#[test]
fn the_managed_model_matches_the_committed_output() {
    matches_the_committed_output("managed");
}

#[test]
fn the_google_model_matches_the_committed_output() {
    matches_the_committed_output("google");
}

#[test]
fn the_oracle_model_matches_the_committed_output() {
    matches_the_committed_output("oracle");
}

#[test]
fn the_ibm_vpc_model_matches_the_committed_output() {
    matches_the_committed_output("ibm-vpc");
}

#[test]
fn the_aws_controls_model_matches_the_committed_output() {
    matches_the_committed_output("aws-controls");
}

#[test]
fn the_azure_classic_model_matches_the_committed_output() {
    matches_the_committed_output("azure-classic");
}

#[test]
fn output_holds_a_folder_for_each_bundled_model_and_nothing_else() {
    let names: Vec<String> = std::fs::read_dir("model")
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().into_string().unwrap();
            name.strip_suffix(".yaml").map(str::to_string)
        })
        .collect();
    // `aws.fr.yaml` is the French text of `aws.yaml`, built into `aws-fr/`.
    let (translations, mut models): (Vec<String>, Vec<String>) =
        names.into_iter().partition(|n| n.contains('.'));
    models.sort();
    assert_eq!(translations, ["aws.fr"]);
    let (dirs, files): (Vec<_>, Vec<_>) = std::fs::read_dir("output")
        .unwrap()
        .map(|e| e.unwrap())
        .partition(|e| e.file_type().unwrap().is_dir());
    let files: Vec<_> = files.iter().map(|e| e.file_name()).collect();
    assert_eq!(
        files,
        [".demarcate.record"],
        "beside the folders, the build record only"
    );
    let mut folders: Vec<String> = dirs
        .iter()
        .map(|e| e.file_name().into_string().unwrap())
        .collect();
    folders.sort();
    assert_eq!(models, crate::common::BUNDLED);
    let mut expected: Vec<String> = models
        .iter()
        .cloned()
        .chain(translations.iter().map(|t| t.replace('.', "-")))
        .collect();
    expected.sort();
    assert_eq!(
        folders, expected,
        "output/ has a folder per model, named by its id"
    );
}

#[test]
fn builds_are_deterministic_and_write_only_what_changed() {
    // Documents and SVGs of every bundled model, twice; the same two PNGs drawn twice. (The
    // golden test proves every PNG; drawing all of them twice would add nothing but time.)
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    for dir in [a.path(), b.path()] {
        build_into(dir, &["--format", "md,html,svg"]);
        build_into(
            &dir.join("png"),
            &[
                "model/aws.yaml",
                "--lang",
                "en",
                "--only",
                "stack,shift",
                "--no-slides",
            ],
        );
    }
    assert_eq!(snapshot(a.path()), snapshot(b.path()));
    let png = a.path().join("png/aws/stack.png");
    let stamp = std::fs::metadata(&png).unwrap().modified().unwrap();
    let again = build_into(
        &a.path().join("png"),
        &[
            "model/aws.yaml",
            "--lang",
            "en",
            "--only",
            "stack,shift",
            "--no-slides",
        ],
    );
    assert!(again.contains("(0 written, 6 unchanged)"), "{again}");
    assert_eq!(
        std::fs::metadata(&png).unwrap().modified().unwrap(),
        stamp,
        "an unchanged PNG keeps its modification time"
    );
}

#[test]
fn slide_size_scale_and_background_follow_the_flags() {
    let dir = tempfile::tempdir().unwrap();
    let args = [
        "model/aws.yaml",
        "--width",
        "640",
        "--height",
        "480",
        "--scale",
        "2",
        "--background",
        "transparent",
        "--no-slides",
    ];
    build_into(dir.path(), &args);
    let png =
        Pixmap::decode_png(&std::fs::read(dir.path().join("aws/stack.png")).unwrap()).unwrap();
    assert_eq!((png.width(), png.height()), (1280, 960));
    assert_eq!(
        png.pixel(0, 0).unwrap().alpha(),
        0,
        "transparent around the picture"
    );
    assert!(!dir.path().join("azure").exists());
    assert!(!dir.path().join("aws/slides").exists());
    let svg = std::fs::read_to_string(dir.path().join("aws/stack.svg")).unwrap();
    assert!(
        svg.contains(r#"<rect width="100%" height="100%""#),
        "the SVG file keeps its background"
    );
}

#[test]
fn slides_step_through_the_stack_then_the_shift() {
    let dir = tempfile::tempdir().unwrap();
    build_into(dir.path(), &["model/aws.yaml"]);
    let mut slides: Vec<String> = std::fs::read_dir(dir.path().join("aws/slides"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    slides.sort();
    // AWS: the AWS band, then eight customer layers one by one, then the line; then the shift
    // picture column by column (labels, EC2, RDS, S3).
    let want: Vec<String> = (1..=10)
        .map(|i| format!("{i:02}-stack"))
        .chain((11..=14).map(|i| format!("{i:02}-shift")))
        .collect();
    assert_eq!(
        slides,
        want.iter().map(|s| format!("{s}.png")).collect::<Vec<_>>()
    );
    let ink = |f: &str| {
        let p = Pixmap::decode_png(&std::fs::read(dir.path().join("aws/slides").join(f)).unwrap())
            .unwrap();
        p.pixels()
            .iter()
            .filter(|c| c.red() < 200 || c.blue() < 200)
            .count()
    };
    let counts: Vec<usize> = slides.iter().map(|f| ink(f)).collect();
    assert!(
        counts[..10].windows(2).all(|w| w[0] < w[1]),
        "each stack step adds to the picture: {counts:?}"
    );
    assert!(
        counts[10..].windows(2).all(|w| w[0] < w[1]),
        "each shift step adds a column: {counts:?}"
    );
}

#[test]
fn every_theme_builds_and_outline_text_leaves_no_text() {
    for theme in ["light", "dark", "high-contrast", "print"] {
        let dir = tempfile::tempdir().unwrap();
        build_into(
            dir.path(),
            &[
                "model/managed.yaml",
                "--theme",
                theme,
                "--no-slides",
                "--outline-text",
            ],
        );
        let svg = std::fs::read_to_string(dir.path().join("managed/matrix.svg")).unwrap();
        assert!(
            !svg.contains("<text"),
            "{theme}: text left in an outlined SVG"
        );
        assert!(
            svg.contains("<title>") && svg.contains("role=\"img\""),
            "{theme}"
        );
        let head = &svg[..svg.find('>').unwrap()];
        assert!(
            head.contains(" viewBox=\"0 0 ") && head.contains(" width=\""),
            "{theme}: an outlined SVG keeps its viewBox, so it scales when inlined: {head}"
        );
        let html = std::fs::read_to_string(dir.path().join("managed/handout.html")).unwrap();
        assert!(html.contains("<svg"), "{theme}");
    }
    let dir = tempfile::tempdir().unwrap();
    build_into(
        dir.path(),
        &["model/managed.yaml", "--theme", "print", "--no-slides"],
    );
    let svg = std::fs::read_to_string(dir.path().join("managed/matrix.svg")).unwrap();
    assert!(
        svg.contains("<pattern id=\"matrix-hatch\"") && svg.contains("url(#matrix-hatch)"),
        "print uses patterns"
    );
}

#[test]
fn the_committed_schema_is_fresh_and_accepts_every_bundled_model() {
    let out = demarcate().arg("schema").output().unwrap();
    assert!(out.status.success());
    let committed = std::fs::read_to_string("model/demarcate.schema.json").unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        committed,
        "run `cargo run -- schema > model/demarcate.schema.json`"
    );
    let schema: serde_json::Value = serde_json::from_str(&committed).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let mut models: Vec<PathBuf> = std::fs::read_dir("model")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        // A translation (`aws.fr.yaml`) is not a model.
        .filter(|p| demarcate::lang::translation_of(p).is_none())
        .collect();
    models.push("src/starters/minimal.yaml".into());
    for m in models {
        let value: serde_json::Value =
            serde_saphyr::from_str(&std::fs::read_to_string(&m).unwrap()).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", m.display());
        assert!(
            std::fs::read_to_string(&m)
                .unwrap()
                .starts_with("# yaml-language-server: $schema=demarcate.schema.json"),
            "{}",
            m.display()
        );
    }
    let bad: serde_json::Value = serde_saphyr::from_str(
        "id: x\ntitle: t\nparties: []\nlayers:\n  - {id: l, label: L, ownr: a}\n",
    )
    .unwrap();
    assert!(
        !validator.is_valid(&bad),
        "the schema must reject unknown keys"
    );
}

#[test]
fn new_writes_a_model_that_builds_and_never_overwrites() {
    for from in ["minimal", "aws", "azure"] {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("My Course.yaml");
        let out = demarcate()
            .args(["new", "--from", from])
            .arg(&file)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{from}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(text.contains("\nid: my-course\n"), "{from}");
        let out_dir = dir.path().join("out");
        // Pictures are proven elsewhere; here the starter must load, lay out and render.
        let formats = if from == "minimal" {
            "md,html,svg,png"
        } else {
            "md,html,svg"
        };
        build_into(
            &out_dir,
            &[file.to_str().unwrap(), "--no-slides", "--format", formats],
        );
        assert!(out_dir.join("my-course/handout.html").exists(), "{from}");
        let again = demarcate()
            .args(["new", "--from", from])
            .arg(&file)
            .output()
            .unwrap();
        assert_eq!(again.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
        assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
    }
}

#[test]
fn user_templates_override_by_name_and_add_outputs() {
    let dir = tempfile::tempdir().unwrap();
    let t = dir.path().join("templates");
    std::fs::create_dir(&t).unwrap();
    std::fs::write(
        t.join("handout.md.tera"),
        "# {{ model.title | md }} ({{ model.layers | length }} layers)\n",
    )
    .unwrap();
    std::fs::write(
        t.join("summary.txt.tera"),
        "{% for p in model.parties %}{{ p.label }};{% endfor %}\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    build_into(
        &out,
        &["model/aws.yaml", "--templates", t.to_str().unwrap()],
    );
    assert_eq!(
        std::fs::read_to_string(out.join("aws/handout.md")).unwrap(),
        "# The AWS Shared Responsibility Model (10 layers)\n"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("aws/summary.txt")).unwrap(),
        "Customer;AWS;\n"
    );
    assert!(
        std::fs::read_to_string(out.join("aws/handout.html"))
            .unwrap()
            .contains("<h1>The AWS Shared Responsibility Model</h1>")
    );
}

#[test]
fn a_broken_template_is_named_with_its_line_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let t = dir.path().join("templates");
    std::fs::create_dir(&t).unwrap();
    std::fs::write(
        t.join("handout.md.tera"),
        "# {{ model.title }}\n{% for x in model.layers %}\n",
    )
    .unwrap();
    let out = demarcate()
        .args(["build", "model/aws.yaml", "-o"])
        .arg(dir.path().join("out"))
        .arg("--templates")
        .arg(&t)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("template error"), "{stderr}");
    assert!(stderr.contains("handout.md.tera"), "{stderr}");
    assert!(stderr.contains("handout.md:3:1"), "no line in {stderr}");
    assert!(!dir.path().join("out").exists());
}

#[test]
fn no_model_and_no_model_folder_is_a_clear_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = demarcate()
        .current_dir(dir.path())
        .arg("build")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read the folder `model`"));
}

#[test]
fn new_picks_a_valid_id_creates_the_folder_and_quotes_the_next_command() {
    let dir = tempfile::tempdir().unwrap();
    for (name, id) in [
        ("con.yaml", "con-model"),
        ("Ünïcode.yaml", "unicode"),
        ("sub/folder/My Course.yaml", "my-course"),
    ] {
        let file = dir.path().join(name);
        let out = demarcate().arg("new").arg(&file).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{name}: {stderr}");
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(text.contains(&format!("\nid: {id}\n")), "{name}: {text}");
        let lint = demarcate().arg("lint").arg(&file).output().unwrap();
        assert_eq!(lint.status.code(), Some(0), "{name}: the new model lints");
        if name.contains(' ') {
            assert!(
                stderr.contains(&format!("`demarcate build '{}'`", file.display())),
                "{stderr}"
            );
        }
    }
}

#[test]
fn past_the_limit_per_service_stacks_are_svg_only_unless_named() {
    let dir = tempfile::tempdir().unwrap();
    let err = build_into(
        dir.path(),
        &[
            "model/aws.yaml",
            "--lang",
            "en",
            "--no-slides",
            "--format",
            "svg,png",
            "--max-stack-pngs",
            "2",
        ],
    );
    assert!(
        err.contains(
            "aws: per-service stacks as SVG only (3 services, more than --max-stack-pngs 2)"
        ),
        "{err}"
    );
    let aws = dir.path().join("aws");
    for s in ["ec2", "rds", "s3"] {
        assert!(aws.join(format!("stack-{s}.svg")).is_file());
        assert!(!aws.join(format!("stack-{s}.png")).exists(), "{s}");
    }
    assert!(aws.join("stack.png").is_file() && aws.join("matrix.png").is_file());
    let dir = tempfile::tempdir().unwrap();
    build_into(
        dir.path(),
        &[
            "model/aws.yaml",
            "--lang",
            "en",
            "--no-slides",
            "--max-stack-pngs",
            "2",
            "--only",
            "stack-rds",
        ],
    );
    assert!(
        dir.path().join("aws/stack-rds.png").is_file(),
        "a named stack is drawn"
    );
}

#[test]
fn a_picture_too_large_to_read_on_a_slide_is_svg_only() {
    let mut yaml = String::from(
        "id: big\ntitle: Big\nparties:\n  - {id: c, label: Customer}\n  - {id: p, label: Provider}\nlayers:\n",
    );
    for l in 0..40 {
        let owner = if l < 20 { "c" } else { "p" };
        yaml.push_str(&format!(
            "  - {{id: l{l}, label: Layer {l}, owner: {owner}}}\n"
        ));
    }
    yaml.push_str("services:\n");
    for s in 0..40 {
        yaml.push_str(&format!(
            "  - {{id: s{s}, label: Service {s}, owners: {{l{}: p}}}}\n",
            s % 20
        ));
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("big.yaml");
    std::fs::write(&file, yaml).unwrap();
    let out = dir.path().join("out");
    let err = build_into(&out, &[file.to_str().unwrap(), "--format", "svg,png"]);
    assert!(
        err.contains("pictures as SVG only, their text under 18 px on a slide"),
        "{err}"
    );
    assert!(
        err.contains("no slides for shift (text too small on a slide)"),
        "{err}"
    );
    for name in ["matrix", "shift"] {
        assert!(out.join(format!("big/{name}.svg")).is_file(), "{name}.svg");
        assert!(
            !out.join(format!("big/{name}.png")).exists(),
            "{name}.png drawn illegible"
        );
    }
    // Forty layers still read on a slide: the stack is drawn.
    assert!(out.join("big/stack.png").is_file());
}
