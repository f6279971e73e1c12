//! The quiz tells the truth: every answer is checked against the cells it rests on, over the
//! bundled models and random ones of two and three parties; the selection covers the rows and
//! columns and does not lean on one party.

use std::path::Path;

use demarcate::model::{LayerIx, Model, ServiceIx};
use demarcate::render::quiz::Question;
use demarcate::render::view::View;
use demarcate::theme::Theme;
use demarcate::words::Words;
use proptest::prelude::*;

use crate::common::{BUNDLED, build_formats, demarcate};

fn load(text: &str) -> Model {
    let l = demarcate::load_str(Path::new("test.yaml"), text.to_string());
    l.result.unwrap_or_else(|e| panic!("{e:#?}")).value
}

fn bundled(id: &str) -> Model {
    load(&std::fs::read_to_string(format!("model/{id}.yaml")).unwrap())
}

fn quiz(m: &Model) -> Vec<Question> {
    View::new(m, &Theme::light(), &Words::default()).quiz
}

fn layer(m: &Model, id: &str) -> LayerIx {
    LayerIx(m.layers.iter().position(|l| l.id.as_str() == id).unwrap())
}

fn service(m: &Model, id: &str) -> ServiceIx {
    ServiceIx(m.services.iter().position(|s| s.id.as_str() == id).unwrap())
}

fn party(m: &Model, id: &str) -> demarcate::model::PartyIx {
    demarcate::model::PartyIx(m.parties.iter().position(|p| p.id.as_str() == id).unwrap())
}

/// Every claim of every question holds in the cells.
fn holds(m: &Model, qs: &[Question]) {
    let w = Words::default();
    assert!(qs.len() <= m.quiz_length.max(m.questions.len()));
    for (i, q) in qs.iter().enumerate() {
        let at = format!("{}: question {} ({}) {:?}", m.id, q.number, q.kind, q.stem);
        assert_eq!(q.number, i + 1, "{at}");
        assert!(q.options.len() >= 2 && q.answer < q.options.len(), "{at}");
        for (j, o) in q.options.iter().enumerate() {
            assert!(
                !q.options[..j].iter().any(|p| p.text == o.text),
                "{at}: twice"
            );
        }
        let right = &q.options[q.answer].text;
        let l = q.layers.first().map(|id| layer(m, id));
        let cols: Vec<ServiceIx> = q.services.iter().map(|id| service(m, id)).collect();
        match q.kind {
            "who" => {
                let l = l.unwrap();
                let owner = m.owner(l, cols.first().copied()).unwrap();
                let label = w.owner(m, owner);
                let expected = if owner.is_shared() {
                    Words::fill(&w.shared_cell, &[("parties", &label)])
                } else {
                    label
                };
                assert_eq!(right, &expected, "{at}");
                // No giveaway: the row is not named after its owner.
                let row = m.layer(l).label.to_lowercase();
                for p in owner.parties() {
                    let name = m.party(*p).label.to_lowercase();
                    assert!(
                        !row.split(|c: char| !c.is_alphanumeric()).any(|w| w == name),
                        "{at}: gives itself away"
                    );
                }
            }
            "reverse" => {
                let (l, p) = (l.unwrap(), party(m, q.party.as_deref().unwrap()));
                let answer = cols[0];
                assert_eq!(right, &m.service(answer).label, "{at}");
                let has = |s: usize| m.services[s].owners[l.0].includes(p);
                if m.progression {
                    assert!(has(answer.0) && (0..answer.0).all(|s| !has(s)), "{at}");
                } else {
                    let alone: Vec<usize> = (0..m.services.len())
                        .filter(|s| m.services[*s].owners[l.0].parties() == [p])
                        .collect();
                    assert_eq!(alone, [answer.0], "{at}");
                }
            }
            "step" => {
                let (l, p) = (l.unwrap(), party(m, q.party.as_deref().unwrap()));
                let (a, b) = (
                    &m.service(cols[0]).owners[l.0],
                    &m.service(cols[1]).owners[l.0],
                );
                assert_eq!(cols[1].0, cols[0].0 + 1, "{at}: neighbours");
                let truth = a != b && b.parties() == [p];
                assert_eq!(q.answer == 0, truth, "{at}");
            }
            "scenario" => {
                let p = party(m, &q.answer_parties[0]);
                assert_eq!(right, &m.party(p).label, "{at}");
                assert!(
                    m.duties
                        .iter()
                        .any(|d| d.party == p && q.stem.contains(&d.text)),
                    "{at}: no such duty"
                );
            }
            "author" => {}
            other => panic!("{at}: unknown kind {other}"),
        }
    }
    // The first party is the right answer of at most half the questions.
    let first = m.parties[0].id.as_str();
    let firsts = qs.iter().filter(|q| q.answer_parties == [first]).count();
    assert!(2 * firsts <= qs.len(), "{}: {firsts} of {}", m.id, qs.len());
}

#[test]
fn every_bundled_quiz_holds_in_the_cells_and_is_balanced() {
    for id in BUNDLED {
        let m = bundled(id);
        let qs = quiz(&m);
        if !m.services.is_empty() {
            assert_eq!(qs.len(), m.quiz_length, "{id}");
        }
        holds(&m, &qs);
        // More than one kind of question wherever the model allows it.
        let kinds: std::collections::BTreeSet<&str> = qs.iter().map(|q| q.kind).collect();
        if m.progression && m.services.len() > 1 && !m.duties.is_empty() {
            assert!(kinds.len() >= 3, "{id}: {kinds:?}");
        }
    }
}

#[test]
fn azures_quiz_covers_every_row_and_column() {
    let m = bundled("azure");
    let qs = quiz(&m);
    for l in &m.layers {
        assert!(
            qs.iter()
                .any(|q| q.layers.iter().any(|id| id == l.id.as_str())),
            "row {} never asked",
            l.id
        );
    }
    for s in &m.services {
        assert!(
            qs.iter()
                .any(|q| q.services.iter().any(|id| id == s.id.as_str())),
            "column {} never asked",
            s.id
        );
    }
}

#[test]
fn author_questions_come_first_and_the_length_is_the_models() {
    let yaml = "id: q\ntitle: Q\nparties:\n  - {id: c, label: Customer, in_sentence: the customer}\n  - {id: p, label: Provider}\nlayers:\n  - {id: data, label: Data, owner: c}\n  - {id: os, label: Operating system, owner: c}\n  - {id: hw, label: Hardware, owner: p}\nservices:\n  - {id: vm, label: VM}\n  - {id: db, label: DB, owners: {os: p}}\nquiz:\n  length: 4\n  questions:\n    - stem: Which column patches the operating system for you?\n      options: [VM, DB]\n      answer: DB\n      explanation: On DB the provider patches it.\n";
    let m = load(yaml);
    let qs = quiz(&m);
    assert_eq!(qs.len(), 4);
    assert_eq!(qs[0].kind, "author");
    assert_eq!(qs[0].options[qs[0].answer].text, "DB");
    holds(&m, &qs);
    let none = load(&yaml.replace("length: 4", "length: 0"));
    assert!(quiz(&none).is_empty());
}

#[test]
fn a_wrong_author_answer_is_reported_where_it_stands() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("m.yaml");
    std::fs::write(
        &file,
        "id: q\ntitle: Q\nparties:\n  - {id: c, label: C}\n  - {id: p, label: P}\nlayers:\n  - {id: data, label: Data, owner: c}\nquiz:\n  length: 200\n  questions:\n    - stem: Who?\n      options: [Customer, Provider]\n      answer: Custmer\n",
    )
    .unwrap();
    let out = demarcate().arg("check").arg(&file).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("m.yaml:9:11"), "{err}");
    assert!(err.contains("0 to 100"), "{err}");
    assert!(err.contains("m.yaml:13:15"), "{err}");
    assert!(err.contains("did you mean `Customer`?"), "{err}");
}

fn random_yaml(
    parties: usize,
    progression: bool,
    layers: &[(usize, bool)],
    services: &[Vec<usize>],
) -> String {
    let mut y = format!("id: random\ntitle: Random\nprogression: {progression}\nparties:\n");
    for p in 0..parties {
        y.push_str(&format!("  - {{id: p{p}, label: Party {p}}}\n"));
    }
    y.push_str("layers:\n");
    for (i, (owner, shared)) in layers.iter().enumerate() {
        let o = if *shared {
            format!("[p{}, p{}]", owner % parties, (owner + 1) % parties)
        } else {
            format!("p{}", owner % parties)
        };
        y.push_str(&format!("  - {{id: l{i}, label: Layer {i}, owner: {o}}}\n"));
    }
    y.push_str("services:\n");
    for (i, moves) in services.iter().enumerate() {
        // One owner per layer: the last move of a layer wins.
        let owners: Vec<String> = moves
            .iter()
            .map(|m| (m % layers.len(), (m / 7) % parties))
            .collect::<std::collections::BTreeMap<_, _>>()
            .into_iter()
            .map(|(l, p)| format!("l{l}: p{p}"))
            .collect();
        y.push_str(&format!(
            "  - {{id: s{i}, label: Column {i}, owners: {{{}}}}}\n",
            owners.join(", ")
        ));
    }
    y.push_str("duties:\n  p0:\n    - {text: Keep the keys, layers: [l0]}\n  p1:\n    - {text: Guard the doors, services: [s0]}\n");
    y
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, rng_seed: proptest::test_runner::RngSeed::Fixed(0x7175697a), .. ProptestConfig::default() })]
    #[test]
    fn random_quizzes_hold_in_the_cells(
        parties in 2usize..4,
        progression in any::<bool>(),
        layers in prop::collection::vec((0usize..3, any::<bool>()), 1..=10),
        services in prop::collection::vec(prop::collection::vec(0usize..60, 0..4), 1..=6),
    ) {
        let m = load(&random_yaml(parties, progression, &layers, &services));
        holds(&m, &quiz(&m));
    }
}

#[test]
fn quiz_files_are_written_deterministically_and_escape_model_text() {
    let build = |file: &str, dir: &Path| build_formats(file, dir, "gift,qti");
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    build("model/azure.yaml", a.path());
    build("model/azure.yaml", b.path());
    let files = |d: &Path| -> Vec<(String, Vec<u8>)> {
        let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(d.join("azure"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .map(|p| {
                (
                    p.file_name().unwrap().to_string_lossy().into(),
                    std::fs::read(&p).unwrap(),
                )
            })
            .collect();
        v.sort();
        v
    };
    let (fa, fb) = (files(a.path()), files(b.path()));
    assert_eq!(
        fa.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(),
        ["quiz-qti.zip", "quiz.gift"],
        "only the quiz formats"
    );
    assert_eq!(fa, fb, "byte-identical builds");
    // The package: the manifest at the root, the test, one item per question, in order.
    let zip = &fa[0].1;
    let names: Vec<String> = (0..)
        .scan(0usize, |at, _| {
            let pos = zip[*at..].windows(4).position(|w| w == b"PK\x01\x02")?;
            let header = *at + pos;
            let len = u16::from_le_bytes([zip[header + 28], zip[header + 29]]) as usize;
            let name = String::from_utf8(zip[header + 46..header + 46 + len].to_vec()).unwrap();
            *at = header + 46 + len;
            Some(name)
        })
        .collect();
    let m = bundled("azure");
    let mut expected = vec!["imsmanifest.xml".to_string(), "test.xml".to_string()];
    expected.extend((1..=m.quiz_length).map(|n| format!("items/q{n}.xml")));
    assert_eq!(names, expected);
    // Hostile text stays text: every question has one opening and one closing brace of its
    // own, and no raw markup.
    let c = tempfile::tempdir().unwrap();
    build("tests/hostile/tera-syntax.yaml", c.path());
    build("tests/hostile/html-payloads.yaml", c.path());
    let gift = std::fs::read_to_string(c.path().join("hostile/quiz.gift")).unwrap();
    assert!(!gift.contains('<'), "{gift}");
    for q in gift.split("\n\n").filter(|q| q.starts_with("::")) {
        let unescaped = |ch: char| {
            let b: Vec<char> = q.chars().collect();
            (0..b.len())
                .filter(|i| b[*i] == ch && (*i == 0 || b[i - 1] != '\\'))
                .count()
        };
        assert_eq!((unescaped('{'), unescaped('}')), (1, 1), "{q}");
    }
}
