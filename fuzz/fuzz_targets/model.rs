//! Any bytes as a model: load, validate, lay out every picture and render every template
//! (no rasterising). Must never panic; invalid input must give diagnostics.
#![no_main]

use std::path::Path;
use std::sync::LazyLock;

use demarcate::layout::{matrix::matrix, shift::shift, stack::stack};
use demarcate::load::{Limits, load_str_with};
use demarcate::render::Renderer;
use demarcate::render::view::View;
use demarcate::theme::Theme;
use libfuzzer_sys::fuzz_target;

static RENDERER: LazyLock<Renderer> = LazyLock::new(|| Renderer::new(None).expect("bundled templates load"));

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    // Smaller limits than the defaults keep each run short; the logic is the same.
    let limits = Limits { max_cells: 2_000, max_text: 2_000, ..Limits::default() };
    let loaded = load_str_with(Path::new("fuzz.yaml"), text.to_string(), &limits);
    let Some(model) = loaded.model else {
        assert!(loaded.diags.iter().any(|d| d.is_error()), "an invalid model must say why");
        return;
    };
    let theme = Theme::light();
    let words = &RENDERER.words;
    let mut scenes = vec![("stack.svg", stack(&model, None, &theme, words)), ("matrix.svg", matrix(&model, &theme, words)), ("shift.svg", shift(&model, &theme, words))];
    scenes.extend(model.service_ixs().map(|s| ("stack.svg", stack(&model, Some(s), &theme, words))));
    let mut svgs = Vec::new();
    for (i, (template, scene)) in scenes.iter().enumerate() {
        let svg = RENDERER.svg(template, scene, &format!("p{i}"), false).expect("bundled SVG templates render");
        svgs.push((format!("p{i}"), svg));
    }
    let view = View::new(&model, &theme, words);
    for doc in ["handout.md", "handout.html"] {
        RENDERER.document(doc, &view, &svgs).expect("bundled documents render");
    }
});
