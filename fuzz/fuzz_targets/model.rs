//! Any bytes as a model: load, validate, lay out every picture and render every template
//! (no rasterising). Must never panic; invalid input must give diagnostics; every SVG must be
//! well-formed XML; the Markdown handout must hold no image and no link other than http,
//! https, mailto or `#`.
#![no_main]

use std::path::Path;
use std::sync::LazyLock;

use demarcate::layout::{matrix::matrix, shift::shift, stack::stack};
use demarcate::limits::Limits;
use demarcate::load_str_with;
use demarcate::render::Renderer;
use demarcate::render::view::View;
use demarcate::theme::Theme;
use demarcate::words::Words;
use libfuzzer_sys::fuzz_target;

static RENDERER: LazyLock<Renderer> = LazyLock::new(|| Renderer::new(None).expect("bundled templates load"));
static WORDS: LazyLock<Words> = LazyLock::new(Words::default);

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    // Smaller limits than the defaults keep each run short; the logic is the same.
    let limits = Limits { max_cells: 2_000, max_text: 2_000, ..Limits::default() };
    let loaded = load_str_with(Path::new("fuzz.yaml"), text.to_string(), &limits);
    let model = match loaded.result {
        Ok(valid) => valid.value,
        Err(errors) => {
            assert!(errors.iter().any(|d| d.is_error()), "an invalid model must say why");
            return;
        }
    };
    let theme = Theme::light();
    let words = &WORDS;
    let mut scenes = vec![("stack.svg", stack(&model, None, &theme, words)), ("matrix.svg", matrix(&model, &theme, words)), ("shift.svg", shift(&model, &theme, words))];
    scenes.extend(model.service_ixs().map(|s| ("stack.svg", stack(&model, Some(s), &theme, words))));
    let mut svgs = Vec::new();
    for (i, (template, scene)) in scenes.iter().enumerate() {
        let svg = RENDERER.svg(template, scene, &format!("p{i}"), false).expect("bundled SVG templates render");
        if let Err(e) = roxmltree::Document::parse(&svg) {
            panic!("{template} is not well-formed XML: {e}");
        }
        svgs.push((format!("p{i}"), svg));
    }
    let view = View::new(&model, &theme, words);
    for doc in ["handout.md", "handout.html"] {
        let text = RENDERER.document(doc, &view, &svgs).expect("bundled documents render");
        if doc == "handout.md" {
            use pulldown_cmark::{Event, Parser, Tag};
            // The handout's own pictures are local names such as `stack-ec2.svg`.
            let own = |u: &str| u.ends_with(".svg") && !u.contains([':', '/', '\\']);
            for event in Parser::new_ext(&text, pulldown_cmark::Options::all()) {
                match event {
                    Event::Start(Tag::Image { dest_url, .. }) => assert!(own(&dest_url), "an image in the handout: {dest_url}"),
                    Event::Start(Tag::Link { dest_url, .. }) => {
                        let safe = ["https://", "http://", "mailto:", "#"].iter().any(|p| dest_url.to_ascii_lowercase().starts_with(p));
                        assert!(safe || own(&dest_url), "unsafe link in the handout: {dest_url}");
                    }
                    _ => {}
                }
            }
        }
    }
});
