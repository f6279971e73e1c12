//! A model in another language: `--lang fr` gives a handout with no English left but names,
//! a translation's mistakes are reported where they stand, and `lint` lists what is left
//! untranslated.

use std::path::Path;

use demarcate::files::Links;
use demarcate::limits::Limits;
use demarcate::model::Model;

use crate::common::demarcate;

fn model(path: &str) -> Model {
    demarcate::load_file(Path::new(path)).result.unwrap().value
}

/// Every text of `m` a reader sees, with where it comes from.
fn texts(m: &Model) -> Vec<String> {
    let mut out = vec![m.title.clone()];
    out.extend(m.subtitle.clone());
    out.extend(m.summary.clone());
    out.extend(m.analogy.clone());
    out.extend(m.assurance.iter().cloned());
    for p in &m.parties {
        out.push(p.label.clone());
        out.extend(p.tagline.clone());
    }
    for l in &m.layers {
        out.push(l.label.clone());
        out.extend(l.description.clone());
        out.extend(l.items.iter().cloned());
    }
    for s in &m.services {
        out.push(s.label.clone());
        out.extend(s.category.clone());
        out.extend(s.notes.clone());
        out.extend(s.info.iter().filter_map(|i| i.note.clone()));
    }
    out.extend(m.duties.iter().map(|d| d.text.clone()));
    out
}

#[test]
fn the_french_aws_handout_has_no_english_left_but_names() {
    let dir = tempfile::tempdir().unwrap();
    let out = demarcate()
        .args(["build", "--lang", "fr", "--no-slides", "-o"])
        .arg(dir.path())
        .arg("model/aws.yaml")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let built: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into())
        .filter(|n: &String| n != ".demarcate.record")
        .collect();
    assert_eq!(built, ["aws-fr"], "only the French model");
    let en = model("model/aws.yaml");
    let fr = demarcate::lang::load_translation(
        &en,
        Path::new("model/aws.fr.yaml"),
        &Limits::default(),
        Links::Follow,
    );
    let fr = fr.result.unwrap();
    assert!(fr.warnings.is_empty(), "untranslated: {:#?}", fr.warnings);
    let (en_texts, fr_texts) = (texts(&en), texts(&fr.value));
    assert_eq!(en_texts.len(), fr_texts.len());
    // The English of the model, except what is the same in both (names: AWS, Amazon EC2).
    let english: Vec<&String> = en_texts
        .iter()
        .zip(&fr_texts)
        .filter(|(e, f)| e != f)
        .map(|(e, _)| e)
        .collect();
    assert!(english.len() > 40, "{}", english.len());
    for doc in ["handout.md", "handout.html", "quiz.gift"] {
        let text = std::fs::read_to_string(dir.path().join("aws-fr").join(doc)).unwrap();
        let text = text
            .replace("&#x27;", "'")
            .replace("&#39;", "'")
            .replace("\\:", ":");
        for e in &english {
            // A label kept inside a longer French text is a name (a word of "Amazon S3").
            if e.split_whitespace().count() > 1 || e.len() > 12 {
                assert!(!text.contains(e.as_str()), "{doc}: English left: {e:?}");
            }
        }
        // And none of the English templates' words.
        for phrase in [
            "Who is responsible",
            "What changes",
            "Answer key",
            "Review questions",
            "takes over",
            "the customer",
            "Shared:",
            "who is responsible for",
        ] {
            assert!(!text.contains(phrase), "{doc}: {phrase:?}");
        }
    }
    let svg = std::fs::read_to_string(dir.path().join("aws-fr/matrix.svg")).unwrap();
    for phrase in ["Always", "Varies by", "Shared:"] {
        assert!(!svg.contains(phrase), "matrix.svg: {phrase:?}");
    }
}

fn check(files: &[(&str, &str)], args: &[&str]) -> (Option<i32>, String) {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let out = demarcate()
        .current_dir(dir.path())
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

const MODEL: &str = "id: m\ntitle: T\nparties:\n  - {id: customer, label: Customer}\n  - {id: provider, label: Provider}\nlayers:\n  - {id: data, label: Data, owner: customer, description: What is stored}\n  - {id: os, label: Operating system, owner: provider}\nduties:\n  customer:\n    - Keep the keys\n";

#[test]
fn a_translations_mistakes_are_reported_where_they_stand() {
    let bad = "lang: fr\ntitle: T fr\nlayers:\n  dta: {label: Données}\n  os: {label: Système, colour: red}\nduties:\n  customer: [Garder les clés, Une de trop]\n";
    let (code, err) = check(
        &[("m.yaml", MODEL), ("m.fr.yaml", bad)],
        &["check", "--lang", "fr", "m.yaml"],
    );
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("m.fr.yaml:5:"), "{err}");
    assert!(err.contains("unknown field `colour`"), "{err}");
    let bad = "lang: fr\nlayers:\n  dta: {label: Données}\nduties:\n  customer: [Garder les clés, Une de trop]\n";
    let (code, err) = check(
        &[("m.yaml", MODEL), ("m.fr.yaml", bad)],
        &["check", "--lang", "fr", "m.yaml"],
    );
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("m.fr.yaml:3:3") && err.contains("unknown layer `dta`"),
        "{err}"
    );
    assert!(err.contains("did you mean `data`?"), "{err}");
    assert!(
        err.contains("the model has 1 entries here, the translation 2"),
        "{err}"
    );
    let (code, err) = check(
        &[("m.yaml", MODEL), ("m.fr.yaml", "lang: de\n")],
        &["check", "--lang", "fr", "m.yaml"],
    );
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("its name says `fr`"), "{err}");
    let (code, err) = check(&[("m.yaml", MODEL)], &["build", "--lang", "fr", "m.yaml"]);
    assert_eq!(code, Some(3), "{err}");
    assert!(err.contains("m.fr.yaml"), "{err}");
    let (code, err) = check(
        &[("m.yaml", MODEL)],
        &["build", "--lang", "français", "m.yaml"],
    );
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("not a language tag"), "{err}");
    let (code, err) = check(
        &[("m.yaml", MODEL), ("m.de.yaml", "lang: de\n")],
        &["build", "--lang", "de", "m.yaml"],
    );
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("no bundled templates in `de`"), "{err}");
}

#[test]
fn lint_lists_what_is_left_untranslated_and_build_finds_translations() {
    let partial = "lang: fr\ntitle: T fr\nlayers:\n  data: {label: Données}\n";
    let (code, err) = check(
        &[("m.yaml", MODEL), ("m.fr.yaml", partial)],
        &["lint", "m.yaml"],
    );
    assert_eq!(code, Some(0), "{err}");
    for field in [
        "layers.data.description",
        "layers.os.label",
        "parties.customer.label",
        "duties.customer",
        "axis",
    ] {
        assert!(
            err.contains(&format!("`{field}` is not translated")),
            "{field}: {err}"
        );
    }
    assert!(err.contains("2 models"), "{err}");
    // A plain build makes the model and every translation beside it; a pattern of models
    // does not take a translation for a model.
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("model")).unwrap();
    std::fs::write(dir.path().join("model/m.yaml"), MODEL).unwrap();
    std::fs::write(dir.path().join("model/m.fr.yaml"), partial).unwrap();
    let out = demarcate()
        .current_dir(dir.path())
        .arg("build")
        .arg("--no-slides")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(dir.path().join("output/m/handout.md").is_file());
    let fr = std::fs::read_to_string(dir.path().join("output/m-fr/handout.md")).unwrap();
    assert!(
        fr.starts_with("# T fr") && fr.contains("Qui est responsable de quoi"),
        "{fr}"
    );
}
