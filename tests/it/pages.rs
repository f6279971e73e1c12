//! A matrix too large for a slide is split into pages that tell the same truth: every cell on
//! exactly one page with the same text, every row under the class the whole matrix gives it,
//! every page legible. A shift picture too wide is split into bands of consecutive columns: the
//! same columns in the same order, the same cells, each page described by its own columns.

use std::collections::BTreeMap;

use demarcate::layout::pages::{MAX_PAGES, matrix_pages, shift_pages};
use demarcate::layout::{Class, matrix::matrix, shift::shift};
use demarcate::theme::Theme;
use demarcate::words::Words;

use crate::layout::texts_of as texts;

fn model(layers: usize, services: usize, seed: usize) -> demarcate::model::Model {
    let mut y = String::from(
        "id: big\ntitle: Big\nparties:\n  - {id: c, label: Customer}\n  - {id: p, label: Provider}\n  - {id: m, label: Partner}\nlayers:\n",
    );
    for l in 0..layers {
        let owner = ["c", "p", "[c, p]"][(l * 7 + seed) % 3];
        y.push_str(&format!(
            "  - {{id: l{l}, label: Layer {l}, owner: {owner}}}\n"
        ));
    }
    y.push_str("services:\n");
    for s in 0..services {
        let moved = (s * 5 + seed) % layers;
        let note = if s % 4 == 0 { ", note: A note" } else { "" };
        y.push_str(&format!(
            "  - {{id: s{s}, label: Service {s:02}, owners: {{l{moved}: {{owner: m{note}}}}}}}\n"
        ));
    }
    demarcate::load_str(std::path::Path::new("m.yaml"), y)
        .result
        .unwrap()
        .value
}

fn holds(m: &demarcate::model::Model) {
    let (theme, w) = (Theme::light(), Words::default());
    let whole = matrix(m, &theme, &w);
    let pages = matrix_pages(m, &theme, &w);
    if whole.legible_on_a_slide() {
        assert!(pages.is_empty(), "a legible matrix is not split");
        return;
    }
    if pages.is_empty() {
        return; // More than the page limit: SVG only.
    }
    assert!(pages.len() <= MAX_PAGES);
    let mut cells: BTreeMap<String, usize> = BTreeMap::new();
    for p in &pages {
        assert!(
            p.legible_on_a_slide(),
            "{}: {:.1} px",
            p.title,
            p.slide_text_px()
        );
        for c in texts(p, Class::Cell) {
            *cells.entry(c).or_default() += 1;
        }
        // Each page's class bars are classes of the whole matrix.
        let whole_groups = texts(&whole, Class::Group);
        for g in texts(p, Class::Group) {
            assert!(whole_groups.contains(&g), "{g}");
        }
    }
    let mut want: BTreeMap<String, usize> = BTreeMap::new();
    for c in texts(&whole, Class::Cell) {
        *want.entry(c).or_default() += 1;
    }
    assert_eq!(cells, want, "every cell once, with its text");
}

#[test]
fn a_large_matrix_is_split_into_pages_that_tell_the_same_truth() {
    let m = model(20, 12, 0);
    assert!(!matrix_pages(&m, &Theme::light(), &Words::default()).is_empty());
    holds(&m);
}

#[test]
fn matrices_of_many_sizes_split_truthfully() {
    let mut split = 0;
    for layers in [6, 12, 20, 28] {
        for services in [4, 8, 12, 16] {
            for seed in 0..3 {
                let m = model(layers, services, seed);
                holds(&m);
                split +=
                    usize::from(!matrix_pages(&m, &Theme::light(), &Words::default()).is_empty());
            }
        }
    }
    assert!(split >= 8, "only {split} of 48 were split");
}

#[test]
fn the_build_draws_the_pages_and_the_handouts_link_them() {
    let mut yaml = String::from(
        "id: mid\ntitle: Mid\nparties:\n  - {id: c, label: Customer}\n  - {id: p, label: Provider}\nlayers:\n",
    );
    for l in 0..20 {
        let owner = if l < 10 { "c" } else { "p" };
        yaml.push_str(&format!(
            "  - {{id: l{l}, label: Layer number {l} of the stack, owner: {owner}}}\n"
        ));
    }
    yaml.push_str("services:\n");
    for s in 0..12 {
        yaml.push_str(&format!(
            "  - {{id: s{s}, label: Service number {s}, owners: {{l{}: [c, p]}}}}\n",
            s + 4
        ));
    }
    pages_are_drawn_and_linked(&yaml, "mid", "matrix");
}

/// Builds the model `yaml` (id `id`): `picture` is SVG only, drawn in at least two pages as
/// PNGs, and both handouts link every page.
fn pages_are_drawn_and_linked(yaml: &str, id: &str, picture: &str) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("m.yaml");
    std::fs::write(&file, yaml).unwrap();
    let out = dir.path().join("out");
    crate::common::build_formats(file.to_str().unwrap(), &out, "md,html,svg,png");
    let built = out.join(id);
    assert!(!built.join(format!("{picture}.png")).exists());
    assert!(built.join(format!("{picture}.svg")).is_file());
    let pages: Vec<String> = (1..)
        .take_while(|n| built.join(format!("{picture}-{n}.png")).is_file())
        .map(|n| format!("{picture}-{n}.svg"))
        .collect();
    assert!(pages.len() >= 2, "{pages:?}");
    for doc in ["handout.md", "handout.html"] {
        let text = std::fs::read_to_string(built.join(doc)).unwrap();
        for p in &pages {
            assert!(text.contains(p.as_str()), "{doc} does not link {p}");
        }
    }
}

fn shift_holds(m: &demarcate::model::Model) -> bool {
    let (theme, w) = (Theme::light(), Words::default());
    let whole = shift(m, &theme, &w);
    let pages = shift_pages(m, &theme, &w);
    if whole.legible_on_a_slide() {
        assert!(pages.is_empty(), "a legible shift picture is not split");
    }
    if pages.is_empty() {
        return false;
    }
    assert!(pages.len() >= 2 && pages.len() <= MAX_PAGES);
    let heads: Vec<String> = pages.iter().flat_map(|p| texts(p, Class::Column)).collect();
    assert_eq!(
        heads,
        texts(&whole, Class::Column),
        "the columns, in order, once each"
    );
    let mut cells: Vec<String> = pages.iter().flat_map(|p| texts(p, Class::Cell)).collect();
    let mut want = texts(&whole, Class::Cell);
    cells.sort();
    want.sort();
    assert_eq!(cells, want, "every cell once, with its text");
    for (i, p) in pages.iter().enumerate() {
        assert!(
            p.legible_on_a_slide(),
            "{}: {:.1} px",
            p.title,
            p.slide_text_px()
        );
        assert!(
            p.title
                .contains(&format!("page {} of {}", i + 1, pages.len()))
        );
        // The description speaks of this page's columns and of no other.
        for (j, q) in pages.iter().enumerate() {
            for head in texts(q, Class::Column) {
                assert_eq!(p.desc.contains(&head), i == j, "page {}: {head}", i + 1);
            }
        }
    }
    true
}

#[test]
fn a_wide_shift_picture_is_split_into_bands_of_columns_that_tell_the_same_truth() {
    let mut split = 0;
    for layers in [4, 6, 8] {
        for services in [10, 16, 24, 40] {
            for seed in 0..3 {
                split += usize::from(shift_holds(&model(layers, services, seed)));
            }
        }
    }
    assert!(split >= 12, "only {split} of 36 were split");
}

#[test]
fn the_build_draws_the_shift_pages_and_the_handouts_link_them() {
    let mut yaml = String::from(
        "id: wide\ntitle: Wide\nparties:\n  - {id: c, label: Customer}\n  - {id: p, label: Provider}\nlayers:\n",
    );
    for l in 0..6 {
        yaml.push_str(&format!("  - {{id: l{l}, label: Layer {l}, owner: p}}\n"));
    }
    yaml.push_str("services:\n");
    for s in 0..24 {
        yaml.push_str(&format!(
            "  - {{id: s{s}, label: Service {s:02}, owners: {{l{}: c}}}}\n",
            s % 6
        ));
    }
    pages_are_drawn_and_linked(&yaml, "wide", "shift");
}
