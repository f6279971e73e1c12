//! Tests of the build: slide names, notes and the files each option makes.
use super::*;
use crate::options::{Format, Formats};
use crate::testing::{THREE_SERVICES, model};

fn slide_names(m: &Model) -> (Vec<String>, Vec<String>) {
    let renderer = Renderer::new(None).unwrap();
    let opts = BuildOptions {
        formats: Formats::of(&[Format::Png]),
        only: Some(vec!["slides".into()]),
        ..BuildOptions::default()
    };
    let built = build(m, &renderer, &Words::default(), &opts).unwrap();
    assert!(
        built.files.is_empty(),
        "PNGs only, and those are still to draw"
    );
    let names = built
        .pngs
        .iter()
        .map(|j| j.path.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    (names, built.notes)
}

#[test]
fn slides_are_numbered_across_the_stack_and_then_the_shift() {
    let (names, notes) = slide_names(&model(THREE_SERVICES));
    // The stack's 5 steps (0 to 4), then the shift's 4 (0 to 3).
    let expected: Vec<String> = (1..=5)
        .map(|i| format!("{i:02}-stack.png"))
        .chain((6..=9).map(|i| format!("{i:02}-shift.png")))
        .collect();
    assert_eq!(names, expected);
    assert!(notes.is_empty());
}

#[test]
fn a_picture_with_more_steps_than_a_talk_has_slides_gets_a_note_instead() {
    let services: String = (0..MAX_SLIDES)
        .map(|i| format!("  - {{id: s{i}, label: S{i}}}\n"))
        .collect();
    let yaml = THREE_SERVICES
        .split("services:")
        .next()
        .unwrap()
        .to_string()
        + "services:\n"
        + &services;
    let (names, notes) = slide_names(&model(&yaml));
    assert!(names.iter().all(|n| n.ends_with("-stack.png")), "{names:?}");
    // Twenty-four columns are also too many to read on a slide, which is said first.
    assert!(
        notes.iter().any(|n| n.contains("no slides for shift")),
        "{notes:?}"
    );
}
