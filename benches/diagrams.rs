//! Diagram benchmarks: layout + SVG rendering of every picture of the bundled models, and the
//! PNG step against resvg's own parse + render + encode of the same SVG on the same canvas,
//! timed alternately in one run so that machine noise hits both alike. Prints medians and the
//! ratio. Run with `cargo bench --bench diagrams`.

use std::path::Path;
use std::time::{Duration, Instant};

use demarcate::layout::{matrix::matrix, shift::shift, stack::stack};
use demarcate::load_file;
use demarcate::raster::{self, Canvas};
use demarcate::render::Renderer;
static W: std::sync::LazyLock<demarcate::words::Words> = std::sync::LazyLock::new(Default::default);
use demarcate::theme::Theme;
use resvg::{tiny_skia, usvg};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// resvg alone: parse with the same font database, render at the same fit, encode.
fn resvg_alone(svg: &str, canvas: Canvas) -> Vec<u8> {
    let opt = usvg::Options {
        fontdb: demarcate::fonts::database(),
        font_family: "Inter".into(),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &opt).unwrap();
    let (w, h) = (canvas.width, canvas.height);
    let margin = 0.04 * h as f32;
    let size = tree.size();
    let fit =
        ((w as f32 - 2.0 * margin) / size.width()).min((h as f32 - 2.0 * margin) / size.height());
    let mut pixmap = tiny_skia::Pixmap::new(w, h).unwrap();
    let t = tiny_skia::Transform::from_row(
        fit,
        0.0,
        0.0,
        fit,
        ((w as f32 - size.width() * fit) / 2.0).round(),
        ((h as f32 - size.height() * fit) / 2.0).round(),
    );
    resvg::render(&tree, t, &mut pixmap.as_mut());
    pixmap.encode_png().unwrap()
}

fn main() {
    let theme = Theme::light();
    let renderer = Renderer::new(None).unwrap();
    let models: Vec<_> = ["aws", "azure", "managed"]
        .iter()
        .map(|m| {
            load_file(Path::new(&format!("model/{m}.yaml")))
                .result
                .unwrap()
                .value
        })
        .collect();
    let svgs = || {
        let mut out = Vec::new();
        for m in &models {
            let mut scenes = vec![
                ("stack.svg", stack(m, None, &theme, &W)),
                ("matrix.svg", matrix(m, &theme, &W)),
                ("shift.svg", shift(m, &theme, &W)),
            ];
            scenes.extend(
                m.service_ixs()
                    .map(|s| ("stack.svg", stack(m, Some(s), &theme, &W))),
            );
            for (t, s) in scenes {
                out.push(renderer.svg(t, &s, "b", false).unwrap());
            }
        }
        out
    };
    let all = svgs();
    let runs = 30;
    let layout: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(svgs());
            t.elapsed()
        })
        .collect();
    println!(
        "machine: {} cores",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    println!(
        "layout + SVG render, {} pictures of 3 models: median {:.2} ms over {runs} runs",
        all.len(),
        ms(median(layout))
    );

    let canvas = Canvas::default();
    let (mut ours, mut floor) = (Vec::new(), Vec::new());
    for _ in 0..5 {
        for svg in &all {
            let t = Instant::now();
            std::hint::black_box(raster::png(svg, canvas).unwrap());
            ours.push(t.elapsed());
            let t = Instant::now();
            std::hint::black_box(resvg_alone(svg, canvas));
            floor.push(t.elapsed());
        }
    }
    let (o, f) = (median(ours), median(floor));
    println!(
        "PNG 1920x1080, per picture: demarcate {:.2} ms, resvg alone {:.2} ms, ratio {:.3}",
        ms(o),
        ms(f),
        o.as_secs_f64() / f.as_secs_f64()
    );
}
