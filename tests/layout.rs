//! Layout quality: every text line lies inside its box and every box inside the picture, for
//! the bundled models, a model of hostile label lengths, and random models (property test).

use std::path::Path;

use demarcate::layout::{Scene, matrix::matrix, stack::stack};
use demarcate::load::load_str;
use demarcate::model::Model;
use demarcate::theme::Theme;
use proptest::prelude::*;

fn load(text: &str) -> Model {
    let l = load_str(Path::new("test.yaml"), text.to_string());
    assert!(!l.has_errors(), "{:#?}", l.diags);
    l.model.unwrap()
}

fn scenes(m: &Model) -> Vec<Scene> {
    let theme = Theme::light();
    let mut out = vec![stack(m, None, &theme), matrix(m, &theme)];
    out.extend(m.service_ixs().map(|s| stack(m, Some(s), &theme)));
    out
}

fn check(scene: &Scene) {
    let eps = 0.5;
    for r in &scene.rects {
        assert!(
            r.x >= -eps
                && r.y >= -eps
                && r.x + r.w <= scene.width + eps
                && r.y + r.h <= scene.height + eps,
            "{}: box outside the picture: {r:?}",
            scene.title
        );
    }
    for t in &scene.texts {
        let b = t.bounds;
        assert!(
            b.x >= -eps
                && b.right() <= scene.width + eps
                && b.y >= -eps
                && b.bottom() <= scene.height + eps,
            "{}: text box outside: {b:?}",
            scene.title
        );
        for line in &t.lines {
            let (left, right) = if t.anchor == "middle" {
                (line.x - line.width / 2.0, line.x + line.width / 2.0)
            } else {
                (line.x, line.x + line.width)
            };
            assert!(
                left >= b.x - eps && right <= b.right() + eps,
                "{}: `{}` ({:.1} px) overflows its box {b:?}",
                scene.title,
                line.text,
                line.width
            );
            let top = line.y - t.size * demarcate::layout::CAP_HEIGHT;
            assert!(
                top >= b.y - 1.0 && line.y <= b.bottom() + 1.0,
                "{}: `{}` is outside its box vertically {b:?}",
                scene.title,
                line.text
            );
        }
    }
}

#[test]
fn bundled_models_lay_out_inside_their_boxes() {
    for name in ["aws", "azure", "managed"] {
        let m = load(&std::fs::read_to_string(format!("model/{name}.yaml")).unwrap());
        scenes(&m).iter().for_each(check);
    }
}

#[test]
fn long_labels_and_unbroken_words_stay_inside() {
    let long = "Operating system, network and firewall configuration for every workload ".repeat(2);
    let word = "x".repeat(60);
    let yaml = format!(
        "id: stress\ntitle: \"{long}\"\nparties:\n  - {{id: a, label: \"{word}\", tagline: \"{long}\"}}\n  - {{id: b, label: B}}\nlayers:\n  - {{id: l1, label: \"{long}\", owner: a, items: [\"{word}\", \"{long}\", c, d, e, f, g, h]}}\n  - {{id: l2, label: \"{word}\", owner: [a, b]}}\nservices:\n  - {{id: s1, label: \"{long}\", category: \"{word}\", owners: {{l1: b}}}}\n"
    );
    let m = load(&yaml);
    scenes(&m).iter().for_each(check);
}

fn label() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-z]{1,12}( [A-Za-z]{1,12}){0,12}",
        "[A-Za-z]{30,70}",
        Just("Données & accès <privés> | \"quoted\"".to_string()),
    ]
}

fn model_yaml(
    parties: usize,
    layers: Vec<(String, usize, usize, bool)>,
    services: Vec<(String, usize)>,
) -> String {
    let mut y = String::from("id: random\ntitle: Random model\nparties:\n");
    for p in 0..parties {
        y.push_str(&format!("  - {{id: p{p}, label: Party {p}}}\n"));
    }
    y.push_str("layers:\n");
    for (i, (l, owner, items, shared)) in layers.iter().enumerate() {
        let owner = if *shared {
            format!("[p{}, p{}]", owner % parties, (owner + 1) % parties)
        } else {
            format!("p{}", owner % parties)
        };
        let items: Vec<String> = (0..*items)
            .map(|k| format!("{:?}", format!("{l} {k}")))
            .collect();
        y.push_str(&format!(
            "  - {{id: l{i}, label: {l:?}, owner: {owner}, items: [{}]}}\n",
            items.join(", ")
        ));
    }
    if !services.is_empty() {
        y.push_str("services:\n");
        for (i, (s, moved)) in services.iter().enumerate() {
            let layer = moved % layers.len();
            y.push_str(&format!(
                "  - {{id: s{i}, label: {s:?}, owners: {{l{layer}: p0}}}}\n"
            ));
        }
    }
    y
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, failure_persistence: None, .. ProptestConfig::default() })]
    #[test]
    fn random_models_lay_out_inside_their_boxes(
        parties in 2usize..5,
        layers in prop::collection::vec((label(), 0usize..4, 0usize..8, any::<bool>()), 1..25),
        services in prop::collection::vec((label(), 0usize..60), 0..12),
    ) {
        let m = load(&model_yaml(parties, layers, services));
        let theme = Theme::light();
        check(&stack(&m, None, &theme));
        check(&matrix(&m, &theme));
        if !m.services.is_empty() {
            check(&stack(&m, Some(demarcate::model::ServiceIx(0)), &theme));
        }
    }
}
