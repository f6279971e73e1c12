//! Micro-benchmarks of each pipeline stage on the bundled AWS model: load + validate, layout,
//! template rendering (SVG and documents), rasterising one picture. `cargo bench --bench stages`.

use std::path::Path;
use std::sync::LazyLock;

use demarcate::layout::{Scene, matrix::matrix, shift::shift, stack::stack};
use demarcate::load_str;
use demarcate::model::Model;
use demarcate::raster::{self, Canvas};
use demarcate::render::Renderer;
use demarcate::render::view::View;
use demarcate::theme::Theme;
use demarcate::words::Words;

static TEXT: LazyLock<String> =
    LazyLock::new(|| std::fs::read_to_string("model/aws.yaml").unwrap());
static MODEL: LazyLock<Model> = LazyLock::new(|| {
    load_str(Path::new("aws.yaml"), TEXT.clone())
        .result
        .unwrap()
        .value
});
static RENDERER: LazyLock<Renderer> = LazyLock::new(|| Renderer::new(None).unwrap());
static WORDS: LazyLock<Words> = LazyLock::new(Words::default);

fn scenes() -> Vec<Scene> {
    let (m, t, w) = (&*MODEL, Theme::light(), &WORDS);
    let mut out = vec![stack(m, None, &t, w), matrix(m, &t, w), shift(m, &t, w)];
    out.extend(m.service_ixs().map(|s| stack(m, Some(s), &t, w)));
    out
}

#[divan::bench]
fn load_and_validate() -> Model {
    load_str(Path::new("aws.yaml"), TEXT.clone())
        .result
        .unwrap()
        .value
}

#[divan::bench]
fn layout_all_pictures() -> Vec<Scene> {
    scenes()
}

#[divan::bench]
fn render_svgs(bencher: divan::Bencher) {
    let scenes = scenes();
    bencher.bench(|| {
        scenes
            .iter()
            .map(|s| RENDERER.svg("stack.svg", s, "b", false).unwrap())
            .collect::<Vec<_>>()
    });
}

#[divan::bench]
fn render_documents(bencher: divan::Bencher) {
    let view = View::new(&MODEL, &Theme::light(), &WORDS);
    bencher.bench(|| {
        (
            RENDERER.document("handout.md", &view, &[]).unwrap(),
            RENDERER.document("handout.html", &view, &[]).unwrap(),
        )
    });
}

#[divan::bench(sample_count = 20)]
fn rasterise_stack_png(bencher: divan::Bencher) {
    let svg = RENDERER.svg("stack.svg", &scenes()[0], "b", false).unwrap();
    bencher.bench(|| raster::png(&svg, Canvas::default()).unwrap());
}

fn main() {
    divan::main();
}
