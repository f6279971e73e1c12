use super::*;
use crate::testing::{THREE_SERVICES, model};

#[test]
fn a_model_against_itself_is_no_change() {
    let m = model(THREE_SERVICES);
    let d = diff(&m, &m);
    assert!(d.is_empty(), "{d:#?}");
    assert_eq!(text(&d, "a", "b"), "a → b: no change\n");
}

#[test]
fn an_owner_change_is_one_cell_with_old_and_new_owners() {
    let old = model(THREE_SERVICES);
    let new = model(&THREE_SERVICES.replace(
        "owners: {os: provider}}",
        "owners: {os: [customer, provider]}}",
    ));
    let d = diff(&old, &new);
    assert!(d.parts.is_empty() && d.text.is_empty(), "{d:#?}");
    assert_eq!(d.cells.len(), 1);
    let c = &d.cells[0];
    assert_eq!((c.layer.id.as_str(), c.column.id.as_str()), ("os", "db"));
    let owners = c.owners.as_ref().unwrap();
    let ids = |v: &[Named]| v.iter().map(|n| n.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&owners.old), ["provider"]);
    assert_eq!(ids(&owners.new), ["customer", "provider"]);
    assert!(c.note.is_none() && c.status.is_none() && c.sources.is_none());
    let t = text(&d, "old.yaml", "new.yaml");
    assert!(
        t.contains("OS × DB: owners Provider → Customer and Provider"),
        "{t}"
    );
    let md = markdown(&d, "old.yaml", "new.yaml");
    assert!(
        md.contains("| OS | DB | owners | Provider | Customer and Provider |"),
        "{md}"
    );
}

#[test]
fn renamed_ids_move_no_cell_and_are_listed_as_renames() {
    let old = model(THREE_SERVICES);
    let new = model(
        &THREE_SERVICES
            .replace(
                "{id: provider, label: Provider}",
                "{id: csp, label: Provider}",
            )
            .replace("owner: provider", "owner: csp")
            .replace("os: provider", "os: csp")
            .replace("identity: provider", "identity: csp")
            .replace("[customer, provider]", "[customer, csp]")
            .replace("{id: os, label: OS", "{id: guest-os, label: OS")
            .replace("{os: csp}", "{guest-os: csp}")
            .replace("identity: csp, os: csp", "identity: csp, guest-os: csp"),
    );
    let d = diff(&old, &new);
    assert!(d.cells.is_empty(), "{:#?}", d.cells);
    assert_eq!(
        d.parts,
        [
            PartChange::Renamed {
                part: Part::Party,
                from: "provider".into(),
                to: "csp".into(),
                label: "Provider".into()
            },
            PartChange::Renamed {
                part: Part::Layer,
                from: "os".into(),
                to: "guest-os".into(),
                label: "OS".into()
            },
        ]
    );
}

#[test]
fn added_and_removed_parts_and_text_edits_are_listed() {
    let old = model(THREE_SERVICES);
    let new = model(
        &THREE_SERVICES
            .replace("title: T", "title: T2")
            .replace("  - {id: vm, label: VM}\n", "")
            .replace("  - {id: hardware,", "  - {id: network, label: Network, owner: provider, description: \"Routers\\nand links\"}\n  - {id: hardware,"),
    );
    let d = diff(&old, &new);
    assert!(d.cells.is_empty());
    assert_eq!(
        d.parts,
        [
            PartChange::Added {
                part: Part::Layer,
                id: "network".into(),
                label: "Network".into()
            },
            PartChange::Removed {
                part: Part::Column,
                id: "vm".into(),
                label: "VM".into()
            },
        ]
    );
    assert_eq!(
        d.text,
        [TextChange {
            field: "title".into(),
            old: "T".into(),
            new: "T2".into()
        }]
    );
    let t = text(&d, "a", "b");
    assert!(
        t.starts_with("a → b: 1 part added, 1 part removed, 1 text edit\n"),
        "{t}"
    );
    assert!(
        t.contains("  - column vm \"VM\"") && t.contains("  + layer network \"Network\""),
        "{t}"
    );
}

#[test]
fn terminal_text_shows_control_characters_and_markdown_escapes_markup() {
    let d = Diff {
        text: vec![TextChange {
            field: "title".into(),
            old: "T".into(),
            new: "<b>|x|</b> \u{202e}\u{1b}[31m".into(),
        }],
        ..Diff::default()
    };
    let t = text(&d, "a", "b");
    assert!(!t.contains('\u{202e}') && !t.contains('\u{1b}'), "{t}");
    let md = markdown(&d, "a", "b");
    assert!(md.contains("&lt;b&gt;\\|x\\|&lt;/b&gt;"), "{md}");
}
