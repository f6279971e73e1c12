//! `demarcate import`: every fixture (made here in the shapes of the published formats)
//! becomes a model that validates and builds, with every row either in the model or listed as
//! not imported (counted here from the document itself); malformed documents get errors that
//! name the sheet, row and column or the JSON pointer, in bounded time.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::common::demarcate_in;

/// Imports `fixture` into `dir/name.yaml`: the exit code, and standard error.
fn import(dir: &Path, from: &str, fixture: &str, extra: &[&str]) -> (Option<i32>, String) {
    let fixture = std::path::absolute(Path::new("tests/import").join(fixture)).unwrap();
    let out = demarcate_in(dir)
        .args(["import", "--from", from])
        .arg(&fixture)
        .args(extra)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The data rows of a CSV fixture: non-empty rows below the header (the row with `first`).
fn csv_rows(fixture: &str, first: &str) -> usize {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_path(Path::new("tests/import").join(fixture))
        .unwrap();
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    let header = rows.iter().position(|r| r.get(0) == Some(first)).unwrap();
    rows[header + 1..]
        .iter()
        .filter(|r| r.iter().any(|c| !c.trim().is_empty()))
        .count()
}

/// How many layers the model at `path` has, after checking that it builds.
fn layers_of_built(dir: &Path, model: &str) -> usize {
    let args = [
        "build",
        model,
        "--format",
        "svg,md,csv",
        "--no-slides",
        "-q",
        "-o",
        "out",
    ];
    let (code, err) = crate::common::run_in(dir, &args);
    assert_eq!(code, Some(0), "{err}");
    demarcate::load_file(&dir.join(model))
        .result
        .unwrap()
        .value
        .layers
        .len()
}

fn count(stderr: &str, what: &str) -> usize {
    stderr.lines().filter(|l| l.starts_with(what)).count()
}

#[test]
fn every_fixture_row_is_in_the_model_or_listed() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    let cases = [
        (
            "ccm",
            "caiq-v4-excerpt.csv",
            csv_rows("caiq-v4-excerpt.csv", "Question ID"),
        ),
        (
            "ccm",
            "caiq-v4-excerpt.xlsx",
            csv_rows("caiq-v4-excerpt.csv", "Question ID"),
        ),
        (
            "fedramp-crm",
            "fedramp-crm-excerpt.csv",
            csv_rows("fedramp-crm-excerpt.csv", "Control ID"),
        ),
        (
            "fedramp-crm",
            "fedramp-origination-excerpt.csv",
            csv_rows("fedramp-origination-excerpt.csv", "Control ID"),
        ),
        ("oscal", "oscal-leveraged-ssp-excerpt.json", 4),
        ("oscal", "oscal-leveraged-ssp-excerpt.xml", 4),
        ("oscal", "oscal-leveraging-ssp-excerpt.yaml", 2),
    ];
    for (n, (from, fixture, rows)) in cases.into_iter().enumerate() {
        let model = format!("m{n}.yaml");
        let (code, err) = import(
            dir,
            from,
            fixture,
            &["--url", "https://example.com/doc", "-o", &model],
        );
        assert_eq!(code, Some(0), "{fixture}: {err}");
        let layers = layers_of_built(dir, &model);
        let left = count(&err, "not imported: ");
        assert_eq!(
            layers + left,
            rows,
            "{fixture}: {layers} imported + {left} listed\n{err}"
        );
        let text = std::fs::read_to_string(dir.join(&model)).unwrap();
        assert_eq!(
            text.matches("\n#   ").count(),
            left,
            "{fixture}: the model lists them too"
        );
        assert_eq!(
            text.matches("    sources: [document]").count(),
            layers,
            "a source for every cell"
        );
    }
}

#[test]
fn every_ownership_value_of_sta_04_maps_to_its_parties() {
    let d = tempfile::tempdir().unwrap();
    let (code, err) = import(
        d.path(),
        "ccm",
        "caiq-v4-excerpt.csv",
        &["--url", "https://example.com/c", "-o", "c.yaml"],
    );
    assert_eq!(code, Some(0), "{err}");
    let m = demarcate::load_file(&d.path().join("c.yaml"))
        .result
        .unwrap()
        .value;
    let owner = |label: &str| {
        let (i, _) = m
            .layers
            .iter()
            .enumerate()
            .find(|(_, l)| l.label == label)
            .unwrap();
        let c = m.columns()[0];
        let mut ids: Vec<&str> = m
            .cell(demarcate::model::LayerIx(i), c)
            .parties()
            .iter()
            .map(|&p| m.party(p).id.as_str())
            .collect();
        ids.sort();
        ids.join("+")
    };
    assert_eq!(owner("A&A-01.1"), "csp");
    assert_eq!(owner("DSP-01.1"), "csc");
    assert_eq!(owner("IAM-02.1"), "csc+csp");
    assert_eq!(owner("IAM-16.1"), "csc+csp", "(Dependent) qualifies shared");
    assert_eq!(owner("DCS-07.1"), "third-party");
    assert_eq!(owner("DCS-09.1"), "csp+third-party");
    assert_eq!(owner("HRS-01.1"), "", "N/A");
}

#[test]
fn a_component_definition_s_components_become_columns() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    let (code, err) = import(
        dir,
        "oscal",
        "oscal-component-definition-excerpt.yaml",
        &["--url", "https://example.com/cd", "-o", "cd.yaml"],
    );
    assert_eq!(code, Some(0), "{err}");
    // Four requirements: three cells, and one without a responsible role, listed.
    assert!(
        err.contains("3 rows imported") && count(&err, "not imported: ") == 1,
        "{err}"
    );
    assert_eq!(layers_of_built(dir, "cd.yaml"), 2);
    let m = demarcate::load_file(&dir.join("cd.yaml"))
        .result
        .unwrap()
        .value;
    let cell = |layer: &str, service: &str| {
        let l = m
            .layer_ixs()
            .find(|l| m.layer(*l).id.as_str() == layer)
            .unwrap();
        let c = m
            .columns()
            .into_iter()
            .find(|c| {
                c.service()
                    .is_some_and(|s| m.service(s).id.as_str() == service)
            })
            .unwrap();
        let mut ids: Vec<&str> = m
            .cell(l, c)
            .parties()
            .iter()
            .map(|&p| m.party(p).id.as_str())
            .collect();
        ids.sort();
        (ids.join("+"), m.info(l, c).note.clone().unwrap_or_default())
    };
    assert_eq!(cell("ac-2", "managed-database").0, "customer+provider");
    assert_eq!(cell("ac-2", "virtual-machines").0, "customer");
    assert_eq!(cell("sc-28", "managed-database").0, "provider");
    let (owner, note) = cell("sc-28", "virtual-machines");
    assert_eq!(owner, "", "not in that component: not applicable");
    assert!(note.contains("Not in this component"), "{note}");
    assert!(
        cell("ac-2", "managed-database")
            .1
            .contains("Database users are managed"),
        "the description is the cell's"
    );
}

#[test]
fn our_own_oscal_export_imports_back_whole() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    let exported = std::path::absolute("output/aws/component-definition.json").unwrap();
    let out = demarcate_in(dir)
        .args([
            "import",
            "--from",
            "oscal",
            "--url",
            "https://example.com/aws",
            "-o",
            "back.yaml",
        ])
        .arg(&exported)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert_eq!(count(&err, "not imported: "), 0, "{err}");
    let aws = demarcate::load_file(Path::new("model/aws.yaml"))
        .result
        .unwrap()
        .value;
    assert_eq!(
        layers_of_built(dir, "back.yaml"),
        aws.layers.len(),
        "one layer per control"
    );
    // Components are columns again, under their own ids: no cell's owners moved.
    let original = std::path::absolute("model/aws.yaml").unwrap();
    let out = demarcate_in(dir)
        .args(["diff", "--format", "json"])
        .arg(&original)
        .arg("back.yaml")
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let moved: Vec<&serde_json::Value> = json["cells"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c.get("owners").is_some())
        .collect();
    assert!(moved.is_empty(), "{moved:#?}");
    let columns = json["parts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["part"] == "column")
        .count();
    assert_eq!(columns, 0, "the same columns: {}", json["parts"]);
    assert_eq!(
        json["cells"].as_array().unwrap().len(),
        aws.layers.len() * aws.services.len(),
        "every cell: status and note differ, not owners"
    );
}

#[test]
fn malformed_documents_get_positioned_errors() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    let url = ["--url", "https://example.com/x"];
    let (code, err) = import(dir, "ccm", "caiq-v4-merged.xlsx", &url);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("merged cells D5:D6 in the sheet `CAIQv4.0.3`"),
        "{err}"
    );
    let (code, err) = import(dir, "fedramp-crm", "caiq-v4-excerpt.csv", &url);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("no column `Control ID`") || err.contains("no sheet has the columns"),
        "{err}"
    );
    std::fs::write(
        dir.join("odd.csv"),
        "Question ID,SSRM Control Ownership\nIAM-01.1,Mostly CSP\n",
    )
    .unwrap();
    let (code, err) = run(
        dir,
        &[
            "import",
            "--from",
            "ccm",
            "odd.csv",
            "--url",
            "https://example.com/x",
        ],
    );
    assert_eq!(code, Some(2));
    assert!(
        err.contains("odd!B2: `Mostly CSP` is not an SSRM control ownership value"),
        "{err}"
    );
    assert!(
        err.contains("CSP-owned"),
        "the hint lists the values: {err}"
    );
}

#[test]
fn malformed_oscal_gets_json_pointers() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    std::fs::write(
        dir.join("v2.json"),
        r#"{"component-definition": {"metadata": {"oscal-version": "2.0.0"}}}"#,
    )
    .unwrap();
    let (code, err) = oscal(dir, "v2.json");
    assert_eq!(code, Some(2));
    assert!(
        err.contains("OSCAL version 2.0.0 is not read")
            && err.contains("/component-definition/metadata/oscal-version"),
        "{err}"
    );
    std::fs::write(dir.join("noid.json"), r#"{"system-security-plan": {"metadata": {"oscal-version": "1.1.2"}, "control-implementation": {"implemented-requirements": [{"uuid": "x"}]}}}"#).unwrap();
    let (code, err) = oscal(dir, "noid.json");
    assert_eq!(code, Some(2));
    assert!(
        err.contains(
            "/system-security-plan/control-implementation/implemented-requirements/0/control-id"
        ),
        "{err}"
    );
    let (code, err) = import(dir, "ccm", "caiq-v4-excerpt.csv", &[]);
    assert_eq!(code, Some(2));
    assert!(err.contains("--url"), "{err}");
}

#[test]
fn oscal_xml_reads_no_dtd_and_names_the_line_of_an_error() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    // XML: no DTD is read (an external entity could read a file), and a broken document
    // names the line.
    std::fs::write(
        dir.join("xxe.xml"),
        "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n<system-security-plan>&e;</system-security-plan>\n",
    )
    .unwrap();
    let (code, err) = oscal(dir, "xxe.xml");
    assert_eq!(code, Some(2));
    assert!(
        err.contains("DOCTYPE") && err.contains("xxe.xml:2:"),
        "{err}"
    );
    assert!(!err.contains("root:"), "{err}");
    std::fs::write(
        dir.join("broken.xml"),
        "<system-security-plan>\n<metadata>\n</system-security-plan>\n",
    )
    .unwrap();
    let (code, err) = oscal(dir, "broken.xml");
    assert_eq!(code, Some(2));
    assert!(
        err.contains("not OSCAL XML") && err.contains("broken.xml:3:"),
        "{err}"
    );
}

/// Imports the OSCAL document `name` of `dir`.
fn oscal(dir: &Path, name: &str) -> (Option<i32>, String) {
    run(
        dir,
        &[
            "import",
            "--from",
            "oscal",
            name,
            "--url",
            "https://example.com/x",
        ],
    )
}

fn run(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    crate::common::run_in(dir, args)
}

#[test]
fn a_huge_document_is_refused_at_once_and_nothing_is_overwritten() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    let big = std::fs::File::create(dir.join("big.xlsx")).unwrap();
    big.set_len(100 * 1024 * 1024).unwrap();
    let start = Instant::now();
    let (code, err) = run(
        dir,
        &[
            "import",
            "--from",
            "ccm",
            "big.xlsx",
            "--url",
            "https://example.com/x",
        ],
    );
    assert!(start.elapsed() < Duration::from_secs(20), "bounded time");
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("--max-input-bytes"), "{err}");
    std::fs::write(dir.join("kept.yaml"), "mine").unwrap();
    let (code, err) = import(
        dir,
        "ccm",
        "caiq-v4-excerpt.csv",
        &["--url", "https://example.com/x", "-o", "kept.yaml"],
    );
    assert_eq!(code, Some(2));
    assert!(err.contains("already exists"), "{err}");
    assert_eq!(
        std::fs::read_to_string(dir.join("kept.yaml")).unwrap(),
        "mine"
    );
}

#[test]
fn one_owner_everywhere_imports_and_odd_prose_is_listed() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    // Every control owned by the provider: the customer is kept as a party that owns nothing.
    std::fs::write(
        dir.join("all-csp.csv"),
        "Question ID,SSRM Control Ownership\nIAM-01.1,CSP-owned\nIAM-02.1,CSP-owned\n",
    )
    .unwrap();
    let (code, err) = run(
        dir,
        &[
            "import",
            "--from",
            "ccm",
            "all-csp.csv",
            "--url",
            "https://example.com/caiq",
            "-o",
            "all-csp.yaml",
        ],
    );
    assert_eq!(code, Some(0), "{err}");
    let model = demarcate::load_file(&dir.join("all-csp.yaml"))
        .result
        .unwrap()
        .value;
    assert_eq!(model.parties.len(), 2);
    // A component definition with one role, and a description that is an object.
    std::fs::write(
        dir.join("one-role.json"),
        r#"{"component-definition": {"uuid": "u", "metadata": {"title": "t", "oscal-version": "1.1.2",
        "roles": [{"id": "provider", "title": "Provider"}]},
        "components": [{"uuid": "c", "title": "Service", "control-implementations": [{"uuid": "i",
        "implemented-requirements": [
          {"uuid": "r1", "control-id": "ac-2", "description": {"prose": "hidden"}, "responsible-roles": [{"role-id": "provider"}]},
          {"uuid": "r2", "control-id": "ac-3", "description": "Plain text.", "responsible-roles": [{"role-id": "provider"}]}
        ]}]}]}}"#,
    )
    .unwrap();
    let (code, err) = oscal(dir, "one-role.json");
    assert_eq!(code, Some(0), "{err}");
    assert!(
        err.contains("not imported:")
            && err.contains("implemented-requirements/0/description")
            && err.contains("ac-2: its description is an object, not text"),
        "{err}"
    );
}
