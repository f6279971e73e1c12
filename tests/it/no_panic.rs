//! The fuzz target's property, run in `cargo test`: any text as a model gives a model or
//! diagnostics, and a valid model always lays out and renders. Random bytes, YAML-shaped noise
//! and mutations of the bundled models.

use std::path::Path;
use std::sync::LazyLock;

use demarcate::layout::{matrix::matrix, shift::shift, stack::stack};
use demarcate::load_str;
use demarcate::render::Renderer;
use demarcate::render::view::View;
use demarcate::theme::Theme;
use demarcate::words::Words;
use proptest::prelude::*;

static RENDERER: LazyLock<Renderer> = LazyLock::new(|| Renderer::new(None).unwrap());
static WORDS: LazyLock<Words> = LazyLock::new(Words::default);

fn exercise(text: &str) {
    let loaded = load_str(Path::new("p.yaml"), text.to_string());
    let model = match loaded.result {
        Ok(valid) => valid.value,
        Err(errors) => {
            assert!(
                errors.iter().any(|d| d.is_error() && !d.hints.is_empty()),
                "an invalid model says why, with a hint: {errors:?}"
            );
            return;
        }
    };
    let (theme, words) = (Theme::light(), &WORDS);
    let scenes = [
        stack(&model, None, &theme, words),
        matrix(&model, &theme, words),
        shift(&model, &theme, words),
    ];
    let svgs: Vec<(String, String)> = scenes
        .iter()
        .enumerate()
        .map(|(i, s)| {
            (
                format!("p{i}"),
                RENDERER
                    .svg("stack.svg", s, &format!("p{i}"), false)
                    .unwrap(),
            )
        })
        .collect();
    let view = View::new(&model, &theme, words);
    RENDERER.document("handout.md", &view, &svgs).unwrap();
    RENDERER.document("handout.html", &view, &svgs).unwrap();
}

/// Bundled model texts to mutate.
fn seeds() -> Vec<String> {
    [
        "model/aws.yaml",
        "model/azure.yaml",
        "model/managed.yaml",
        "src/starters/minimal.yaml",
    ]
    .iter()
    .map(|p| std::fs::read_to_string(p).unwrap())
    .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, rng_seed: proptest::test_runner::RngSeed::Fixed(0x64656d61), .. ProptestConfig::default() })]

    #[test]
    fn any_text_gives_a_model_or_diagnostics(text in "\\PC{0,400}") {
        exercise(&text);
    }

    #[test]
    fn yaml_shaped_noise_never_panics(lines in prop::collection::vec("[ -]{0,6}[a-z_]{1,8}: ?(\\[|\\{|&a |\\*a|~|\"|'|[a-z0-9 ]{0,10})", 0..40)) {
        exercise(&lines.join("\n"));
    }

    #[test]
    fn mutated_bundled_models_never_panic(seed in 0usize..4, cuts in prop::collection::vec((any::<prop::sample::Index>(), 0usize..40, "\\PC{0,12}"), 1..6)) {
        let mut text = seeds()[seed].clone();
        for (at, len, insert) in cuts {
            let start = at.index(text.len().max(1));
            let start = (0..=start).rev().find(|i| text.is_char_boundary(*i)).unwrap_or(0);
            let end = (start + len).min(text.len());
            let end = (end..=text.len()).find(|i| text.is_char_boundary(*i)).unwrap_or(text.len());
            text.replace_range(start..end, &insert);
        }
        exercise(&text);
    }
}
