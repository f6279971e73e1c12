//! The exports read back: `matrix.csv` with a CSV reader and `component-definition.json` as
//! JSON, each checked against the model's cells, for every bundled model; formulas in model
//! text neutralised; the same model gives the same bytes.

use std::path::Path;

use demarcate::model::{LayerIx, Model};

use crate::common::{BUNDLED, demarcate};

fn load(path: &Path) -> Model {
    demarcate::load_file(path).result.unwrap().value
}

fn build(model: &str, out: &Path) {
    let o = demarcate()
        .args(["build", model, "--format", "csv,oscal", "-q", "-o"])
        .arg(out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

/// The party ids of a cell, sorted.
fn owners(m: &Model, l: LayerIx, c: demarcate::model::Column) -> Vec<String> {
    let mut v: Vec<String> = m
        .cell(l, c)
        .parties()
        .iter()
        .map(|&p| m.party(p).id.as_str().to_string())
        .collect();
    v.sort();
    v
}

fn column_id(m: &Model, c: demarcate::model::Column) -> String {
    c.service()
        .map_or("default".into(), |s| m.service(s).id.as_str().to_string())
}

#[test]
fn both_exports_hold_every_cell_of_every_bundled_model() {
    let dir = tempfile::tempdir().unwrap();
    for id in BUNDLED {
        let file = format!("model/{id}.yaml");
        build(&file, dir.path());
        let m = load(Path::new(&file));
        let mut expected = Vec::new();
        for l in m.layer_ixs() {
            for c in m.columns() {
                expected.push((
                    m.layer(l).id.as_str().to_string(),
                    column_id(&m, c),
                    owners(&m, l, c),
                ));
            }
        }
        let mut rdr = csv::Reader::from_path(dir.path().join(id).join("matrix.csv")).unwrap();
        let rows: Vec<(String, String, Vec<String>)> = rdr
            .records()
            .map(|r| {
                let r = r.unwrap();
                let mut ids: Vec<String> = r[4].split_whitespace().map(str::to_string).collect();
                ids.sort();
                (r[0].to_string(), r[2].to_string(), ids)
            })
            .collect();
        assert_eq!(rows, expected, "{id}: matrix.csv");
        let text =
            std::fs::read_to_string(dir.path().join(id).join("component-definition.json")).unwrap();
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        let def = &json["component-definition"];
        assert_eq!(def["metadata"]["oscal-version"], "1.2.1");
        let mut reqs = Vec::new();
        let mut uuids = vec![def["uuid"].as_str().unwrap().to_string()];
        for comp in def["components"].as_array().unwrap() {
            let column = comp["props"][0]["value"].as_str().unwrap();
            uuids.push(comp["uuid"].as_str().unwrap().into());
            for r in comp["control-implementations"][0]["implemented-requirements"]
                .as_array()
                .unwrap()
            {
                uuids.push(r["uuid"].as_str().unwrap().into());
                let mut roles: Vec<String> = r["responsible-roles"]
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .map(|x| x["role-id"].as_str().unwrap().to_string())
                            .collect()
                    })
                    .unwrap_or_default();
                roles.sort();
                reqs.push((
                    r["control-id"].as_str().unwrap().to_string(),
                    column.to_string(),
                    roles,
                ));
            }
        }
        reqs.sort();
        expected.sort();
        assert_eq!(reqs, expected, "{id}: component-definition.json");
        let n = uuids.len();
        uuids.sort();
        uuids.dedup();
        assert_eq!(uuids.len(), n, "{id}: every UUID once");
        assert!(
            uuids.iter().all(|u| u.len() == 36 && &u[14..15] == "5"),
            "{id}: version 5"
        );
    }
}

#[test]
fn formulas_in_model_text_are_neutralised_and_exports_are_deterministic() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let hostile = "tests/hostile/spreadsheet-formulas.yaml";
    build(hostile, a.path());
    build(hostile, b.path());
    for f in ["matrix.csv", "component-definition.json"] {
        let x = std::fs::read(a.path().join("spreadsheet-formulas").join(f)).unwrap();
        let y = std::fs::read(b.path().join("spreadsheet-formulas").join(f)).unwrap();
        assert_eq!(x, y, "{f}");
    }
    let mut rdr = csv::Reader::from_path(a.path().join("spreadsheet-formulas/matrix.csv")).unwrap();
    let mut fields = Vec::new();
    for r in rdr.records() {
        fields.extend(r.unwrap().iter().map(str::to_string));
    }
    for f in &fields {
        assert!(
            !f.starts_with(['=', '+', '-', '@', '\t', '\r']),
            "runs as a formula: {f:?}"
        );
    }
    for shown in [
        "'=1+1",
        "'-2+3",
        "'@db",
        "'=cmd|' /C notepad'!A1",
        "'+cmd|' /C calc'!A0",
    ] {
        assert!(fields.iter().any(|f| f == shown), "{shown} in {fields:?}");
    }
    assert!(
        fields.iter().any(|f| f.starts_with("'=IMPORTXML(")),
        "the note"
    );
}
