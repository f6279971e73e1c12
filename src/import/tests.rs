use super::*;

#[test]
fn text_from_documents_is_made_safe_for_a_model() {
    assert_eq!(clean("  a\t b\r\n c "), Some("a b c".into()));
    assert_eq!(
        clean("\u{1b}[31mred\u{202e}"),
        Some("\u{fffd}[31mred\u{fffd}".into())
    );
    assert_eq!(clean(" \n "), None);
    assert_eq!(clean("one\nline"), Some("one line".into()));
}

#[test]
fn spreadsheet_columns_are_lettered_as_spreadsheets_letter_them() {
    let l = sheet::column_letters;
    assert_eq!(
        (l(0), l(25), l(26), l(27), l(701), l(702)),
        (
            "A".into(),
            "Z".into(),
            "AA".into(),
            "AB".into(),
            "ZZ".into(),
            "AAA".into()
        )
    );
}

#[test]
fn a_catalogue_is_written_as_a_model_that_validates() {
    let cat = Catalogue {
        parties: vec![
            Party {
                id: "csc".into(),
                label: "Customer".into(),
            },
            Party {
                id: "csp".into(),
                label: "Provider: \"quoted\" #not-a-comment".into(),
            },
        ],
        rows: vec![
            Row {
                control: "X-1".into(),
                title: Some("First: yes".into()),
                description: None,
                owners: vec!["csc".into(), "csp".into()],
                note: Some("- a list? no".into()),
                at: "row 2".into(),
                group: Some("X".into()),
                column: None,
            },
            Row {
                control: "x 1".into(),
                title: None,
                description: Some("{{ tera }}".into()),
                owners: vec![],
                note: None,
                at: "row 3".into(),
                group: None,
                column: None,
            },
        ],
        columns: vec![],
        leftovers: vec![Leftover {
            at: "row 4".into(),
            why: "a heading\nover two lines".into(),
        }],
        describes: "a test".into(),
        title: None,
        url: None,
    };
    let opts = Options {
        id: "t".into(),
        title: None,
        url: Some("https://example.com/".into()),
        ..Options::default()
    };
    let text = yaml::model(&cat, std::path::Path::new("t.csv"), &opts).unwrap();
    assert!(
        text.contains("#   row 4: a heading over two lines\n"),
        "{text}"
    );
    let m = crate::load_str(std::path::Path::new("t.yaml"), text)
        .result
        .unwrap()
        .value;
    assert_eq!(m.layers.len(), 2);
    assert_eq!(m.layers[0].id.as_str(), "x-1");
    assert_eq!(m.layers[1].id.as_str(), "x-1-2", "ids made unique");
    assert_eq!(m.parties[1].label, "Provider: \"quoted\" #not-a-comment");
    let bad = Options {
        url: Some("javascript:alert(1)".into()),
        ..opts
    };
    assert!(yaml::model(&cat, std::path::Path::new("t.csv"), &bad).is_err());
}
