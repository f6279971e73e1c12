//! Layout quality: every text line lies inside its box and every box inside the picture, for
//! the bundled models, a model of hostile label lengths, and random models (property test).

use std::path::Path;

use demarcate::layout::{Anchor, Bounds, Class, Scene, matrix::matrix, shift::shift, stack::stack};
use demarcate::load_str;
use demarcate::model::Model;
static W: std::sync::LazyLock<demarcate::words::Words> = std::sync::LazyLock::new(Default::default);
use demarcate::theme::{AA, Rgb, THEMES, Theme, contrast, text_on};
use proptest::prelude::*;

fn load(text: &str) -> Model {
    let l = load_str(Path::new("test.yaml"), text.to_string());
    l.result.unwrap_or_else(|e| panic!("{e:#?}")).value
}

fn scenes_in(m: &Model, theme: &Theme) -> Vec<Scene> {
    let mut out = vec![
        stack(m, None, theme, &W),
        matrix(m, theme, &W),
        shift(m, theme, &W),
        demarcate::layout::coverage::coverage(m, theme, &W),
    ];
    out.extend(m.service_ixs().map(|s| stack(m, Some(s), theme, &W)));
    out
}

fn scenes(m: &Model) -> Vec<Scene> {
    scenes_in(m, &Theme::light())
}

/// No two boxes overlap, except a band and the layers inside it, a box's outline, and the
/// colour bar of a shared box.
fn no_overlap(scene: &Scene) {
    let boxes: Vec<(Bounds, Class)> = scene
        .rects
        .iter()
        .filter(|r| ![Class::Band, Class::Outline, Class::Share].contains(&r.class))
        .map(|r| {
            (
                Bounds {
                    x: r.x,
                    y: r.y,
                    w: r.w,
                    h: r.h,
                },
                r.class,
            )
        })
        .collect();
    for (i, (a, ca)) in boxes.iter().enumerate() {
        for (b, cb) in &boxes[i + 1..] {
            assert!(
                !a.overlaps(b),
                "{}: {ca:?} {a:?} overlaps {cb:?} {b:?}",
                scene.title
            );
        }
    }
}

/// The fill drawn under the middle of a text run.
fn under(scene: &Scene, t: &demarcate::layout::Text) -> Rgb {
    let (cx, cy) = (t.bounds.x + t.bounds.w / 2.0, t.bounds.y + t.bounds.h / 2.0);
    scene
        .rects
        .iter()
        .rev()
        .find(|r| r.fill.is_some() && r.x <= cx && cx <= r.x + r.w && r.y <= cy && cy <= r.y + r.h)
        .and_then(|r| r.fill)
        .unwrap_or(scene.background)
}

/// Every text run reaches WCAG AA against the box it stands on (or its halo, when it has one).
fn readable(scene: &Scene) {
    for t in &scene.texts {
        let against = t.halo.unwrap_or_else(|| under(scene, t));
        let ratio = contrast(t.fill, against);
        assert!(
            ratio >= AA,
            "{}: `{}` has contrast {ratio:.2} on {}",
            scene.title,
            t.lines.first().map_or("", |l| l.text.as_str()),
            against.hex()
        );
    }
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
            let (left, right) = if t.anchor == Anchor::Middle {
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
    for name in crate::common::BUNDLED {
        let m = load(&std::fs::read_to_string(format!("model/{name}.yaml")).unwrap());
        for scene in scenes(&m) {
            check(&scene);
            no_overlap(&scene);
        }
    }
}

/// The shift picture's legend holds in every column, checked against the model's cells: above
/// the solid line the first party alone secures each layer; below the lower line (the dashed
/// one, or the solid one where it is alone) the first party has no part.
fn shift_legend_holds(m: &Model, scene: &Scene) {
    use demarcate::model::{LayerIx, PartyIx};
    let cells: Vec<&demarcate::layout::Text> = scene
        .texts
        .iter()
        .filter(|t| t.class == Class::Cell)
        .collect();
    let mut xs: Vec<f64> = cells.iter().map(|t| t.bounds.x).collect();
    xs.sort_by(f64::total_cmp);
    xs.dedup();
    let mut ys: Vec<f64> = cells.iter().map(|t| t.bounds.y).collect();
    ys.sort_by(f64::total_cmp);
    ys.dedup();
    let cols = m.columns();
    assert_eq!(
        (xs.len(), ys.len()),
        (cols.len(), m.layers.len()),
        "{}",
        scene.title
    );
    for (i, x) in xs.iter().enumerate() {
        let over = |l: &&demarcate::layout::Line| {
            l.class == Class::Demarcation && l.y1 == l.y2 && l.x1 <= *x && l.x2 >= *x
        };
        let solid: Vec<f64> = scene
            .lines
            .iter()
            .filter(over)
            .filter(|l| l.dash.is_none())
            .map(|l| l.y1)
            .collect();
        let dashed: Vec<f64> = scene
            .lines
            .iter()
            .filter(over)
            .filter(|l| l.dash.is_some())
            .map(|l| l.y1)
            .collect();
        assert_eq!(
            solid.len(),
            1,
            "{}: column {i} has one solid line",
            scene.title
        );
        assert!(dashed.len() <= 1, "{}: column {i}", scene.title);
        let upper = solid[0];
        let lower = dashed.first().copied().unwrap_or(upper);
        assert!(upper <= lower, "{}: column {i}", scene.title);
        for (r, y) in ys.iter().enumerate() {
            let t = cells
                .iter()
                .find(|t| t.bounds.x == *x && t.bounds.y == *y)
                .unwrap();
            let owner = m.cell(LayerIx(r), cols[i]);
            if t.bounds.bottom() < upper {
                assert_eq!(
                    owner.parties(),
                    [PartyIx(0)],
                    "{}: row {r}, column {i} is above the solid line",
                    scene.title
                );
            }
            if t.bounds.y > lower {
                assert!(
                    !owner.includes(PartyIx(0)),
                    "{}: row {r}, column {i} is below the lower line",
                    scene.title
                );
            }
        }
    }
}

/// The texts of `class` in `scene`, each run's lines joined.
pub(crate) fn texts_of(scene: &Scene, class: Class) -> Vec<String> {
    scene
        .texts
        .iter()
        .filter(|t| t.class == class)
        .map(|t| {
            t.lines
                .iter()
                .map(|l| l.text.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// A stack shows no band twice and draws fewer lines than bands; a matrix names each class
/// once; and (in the light theme these are drawn in) no text needs a halo.
fn nothing_repeats(stack: &Scene, matrix: &Scene) {
    let bands = texts_of(stack, Class::BandTitle);
    let mut unique = bands.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(
        unique.len(),
        bands.len(),
        "{}: a band repeats: {bands:?}",
        stack.title
    );
    let lines = stack
        .lines
        .iter()
        .filter(|l| l.class == Class::Demarcation)
        .count();
    assert!(
        lines < bands.len().max(1),
        "{}: {lines} lines for {} bands",
        stack.title,
        bands.len()
    );
    // Shared boxes stand on a plain base: no text needs a halo outside patterned themes.
    for scene in [stack, matrix] {
        let haloed: Vec<String> = scene
            .texts
            .iter()
            .filter(|t| t.halo.is_some())
            .map(|t| {
                t.lines
                    .iter()
                    .map(|l| l.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        assert!(haloed.is_empty(), "{}: haloed {haloed:?}", scene.title);
    }
    let groups = texts_of(matrix, Class::Group);
    let mut unique = groups.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(
        unique.len(),
        groups.len(),
        "{}: a class repeats: {groups:?}",
        matrix.title
    );
}

/// Every presenting step of a picture adds something (no two consecutive slides alike, no
/// empty first one), and every step keeps the canvas, so a sequence keeps one title size.
fn steps_add(scene: &Scene) {
    let count = |k: u32| {
        let s = scene.step(k);
        assert_eq!(
            (s.width, s.height),
            (scene.width, scene.height),
            "{}",
            scene.title
        );
        s.rects.len() + s.lines.len() + s.texts.len()
    };
    let mut last = count(0);
    assert!(
        scene
            .step(0)
            .texts
            .iter()
            .any(|t| t.class != Class::Heading),
        "{}: the first step shows more than the title",
        scene.title
    );
    for k in 1..=scene.steps() {
        let now = count(k);
        assert!(now > last, "{}: step {k} adds nothing", scene.title);
        last = now;
    }
}

#[test]
fn no_picture_of_a_bundled_model_repeats_a_band_or_a_class() {
    for name in crate::common::BUNDLED {
        let m = load(&std::fs::read_to_string(format!("model/{name}.yaml")).unwrap());
        let t = Theme::light();
        let matrix = matrix(&m, &t, &W);
        nothing_repeats(&stack(&m, None, &t, &W), &matrix);
        // On a 1920×1080 slide the smallest text of every picture the model makes stays at
        // 18 px or more.
        for picture in demarcate::picture::Picture::all(&m) {
            let scene = picture.layout(&m, &t, &W);
            let px = scene.slide_text_px();
            assert!(
                px >= 18.0,
                "{}: smallest text {px:.1} px on a slide",
                scene.title
            );
        }
        steps_add(&stack(&m, None, &t, &W));
        steps_add(&shift(&m, &t, &W));
        for s in m.service_ixs() {
            nothing_repeats(&stack(&m, Some(s), &t, &W), &matrix);
        }
    }
}

#[test]
fn the_shift_legend_holds_in_every_column_of_the_bundled_models() {
    for name in crate::common::BUNDLED {
        let m = load(&std::fs::read_to_string(format!("model/{name}.yaml")).unwrap());
        shift_legend_holds(&m, &shift(&m, &Theme::light(), &W));
    }
}

#[test]
fn every_text_meets_wcag_aa_in_every_theme() {
    for name in crate::common::BUNDLED {
        let m = load(&std::fs::read_to_string(format!("model/{name}.yaml")).unwrap());
        for theme in THEMES {
            scenes_in(&m, &Theme::named(theme).unwrap())
                .iter()
                .for_each(readable);
        }
    }
}

#[test]
fn a_model_colour_gets_the_more_readable_text_colour() {
    for color in ["#232f3e", "#ffeb3b", "#777777", "#ff0000"] {
        let yaml = format!(
            "id: c\ntitle: T\nparties:\n  - {{id: a, label: A, color: \"{color}\"}}\n  - {{id: b, label: B}}\nlayers:\n  - {{id: l, label: L, owner: a, items: [one, two]}}\n  - {{id: m, label: M, owner: b}}\n"
        );
        let m = load(&yaml);
        for scene in scenes(&m) {
            for t in scene.texts.iter().filter(|t| {
                t.halo.is_none() && [Class::Layer, Class::Item, Class::Cell].contains(&t.class)
            }) {
                assert_eq!(
                    t.fill,
                    text_on(under(&scene, t)),
                    "{color}: {}",
                    scene.title
                );
            }
        }
    }
}

#[test]
fn long_labels_and_unbroken_words_stay_inside() {
    let long = "Operating system, network and firewall configuration for every workload ".repeat(3);
    assert!(long.len() >= 150);
    let word = "x".repeat(60);
    let scripts = "数据和访问控制 — البيانات والوصول — 🔐🛡️☁️";
    let yaml = format!(
        "id: stress\ntitle: \"{long}\"\nparties:\n  - {{id: a, label: \"{word}\", tagline: \"{long}\"}}\n  - {{id: b, label: B}}\nlayers:\n  - {{id: l1, label: \"{long}\", owner: a, items: [\"{word}\", \"{long}\", c, d, e, f, g, h]}}\n  - {{id: l2, label: \"{word}\", owner: [a, b]}}\n  - {{id: l3, label: \"{scripts}\", owner: b, items: [\"{scripts}\", \"{scripts}\"]}}\nservices:\n  - {{id: s1, label: \"{long}\", category: \"{word}\", owners: {{l1: b}}}}\n"
    );
    let m = load(&yaml);
    for scene in scenes(&m) {
        check(&scene);
        no_overlap(&scene);
    }
}

fn label() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-z]{1,12}( [A-Za-z]{1,12}){0,12}",
        "[A-Za-z]{30,70}",
        Just("Données & accès <privés> | \"quoted\"".to_string()),
        Just("数据 البيانات 🔐".to_string()),
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
            // Now and then a cell that does not apply.
            let owner = if moved % 7 == 3 { "n/a" } else { "p0" };
            y.push_str(&format!(
                "  - {{id: s{i}, label: {s:?}, owners: {{l{layer}: {owner}}}}}\n"
            ));
        }
    }
    y
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, failure_persistence: None, rng_seed: proptest::test_runner::RngSeed::Fixed(0x64656d61), .. ProptestConfig::default() })]
    #[test]
    fn random_models_lay_out_inside_their_boxes(
        parties in 2usize..5,
        layers in prop::collection::vec((label(), 0usize..4, 0usize..8, any::<bool>()), 1..=60),
        services in prop::collection::vec((label(), 0usize..60), 0..=40),
    ) {
        let m = load(&model_yaml(parties, layers, services));
        let theme = Theme::light();
        let mut all = vec![stack(&m, None, &theme, &W), matrix(&m, &theme, &W), shift(&m, &theme, &W)];
        if !m.services.is_empty() {
            all.push(stack(&m, Some(demarcate::model::ServiceIx(0)), &theme, &W));
        }
        for scene in &all {
            check(scene);
            no_overlap(scene);
        }
        shift_legend_holds(&m, &all[2]);
        nothing_repeats(&all[0], &all[1]);
        steps_add(&all[0]);
        steps_add(&all[2]);
        if all.len() > 3 {
            nothing_repeats(&all[3], &all[1]);
        }
        // More layers make the stack taller; more services make the matrix wider.
        prop_assert!(all[0].height >= 100.0 + 40.0 * m.layers.len() as f64);
        prop_assert!(all[1].width >= 380.0 + 220.0 * m.services.len() as f64);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, failure_persistence: None, rng_seed: proptest::test_runner::RngSeed::Fixed(0x666c6f6f), .. ProptestConfig::default() })]
    /// Models of the size a slide is made for (up to 6 layers with up to 2 items each, 5
    /// columns, labels of a few words, two or three parties, ownership alternating or not) keep
    /// every picture's text at 18 px or more on a slide.
    #[test]
    fn slide_sized_random_models_keep_text_at_18_px(
        parties in 2usize..4,
        layers in prop::collection::vec(("[A-Z][a-z]{2,9}( [a-z]{2,9}){0,3}", 0usize..4, 0usize..3, any::<bool>()), 1..=6),
        services in prop::collection::vec(("[A-Z][a-z]{2,9}( [A-Z][a-z]{1,6}){0,2}", 0usize..12), 0..=5),
    ) {
        let m = load(&model_yaml(parties, layers, services));
        // The pictures the model makes (no matrix or shift without columns).
        for picture in demarcate::picture::Picture::all(&m) {
            let scene = picture.layout(&m, &Theme::light(), &W);
            let px = scene.slide_text_px();
            prop_assert!(px >= 18.0, "{}: {px:.1} px", scene.title);
        }
    }
}
