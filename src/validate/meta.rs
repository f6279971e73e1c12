//! What a model says about itself and its cells: statuses, sources, notes, dates, the pictures
//! it wants and the names of its row classes.

use super::*;

/// What a layer or cell says about how it is known.
pub(super) struct RawInfo<'a> {
    pub status: Option<&'a At<String>>,
    pub sources: Option<&'a [At<String>]>,
    pub note: Option<&'a At<String>>,
}

impl Validator {
    /// The cell information `raw` gives, over `inherited` (a row's defaults).
    pub(super) fn cell_info(
        &mut self,
        sources: &Ids,
        raw: &RawInfo,
        inherited: &CellInfo,
        field: &str,
    ) -> CellInfo {
        let status = match raw.status {
            None => inherited.status,
            Some(s) => Status::parse(s.value.trim()).or_else(|| {
                let hint = crate::diag::suggest(&s.value, Status::NAMES.iter().copied(), || {
                    format!("write one of {}", Status::NAMES.join(", "))
                });
                self.error(
                    s.pos,
                    format!("{field}.status"),
                    format!("unknown status `{}`", s.value),
                    hint,
                );
                None
            }),
        };
        let cited = match raw.sources {
            None => inherited.sources.clone(),
            Some(list) => self.resolve_all(sources, Some(list), &format!("{field}.sources")),
        };
        let note = match raw.note {
            None => inherited.note.clone(),
            Some(n) => Some(self.text(n, &format!("{field}.note"))),
        };
        CellInfo {
            status,
            sources: cited,
            note,
        }
    }

    /// A date as `YYYY-MM-DD`.
    pub(super) fn date(&mut self, d: Option<&At<String>>, field: &str) -> Option<String> {
        let d = d?;
        let v = d.value.trim();
        let b = v.as_bytes();
        let shape = b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && b.iter()
                .enumerate()
                .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
        let valid = shape && {
            let month: u32 = v[5..7].parse().unwrap_or(0);
            let day: u32 = v[8..10].parse().unwrap_or(0);
            (1..=12).contains(&month) && (1..=31).contains(&day)
        };
        if valid {
            Some(v.to_string())
        } else {
            self.error(
                d.pos,
                field.to_string(),
                format!("`{v}` is not a date"),
                "write it as YYYY-MM-DD, e.g. 2026-11-28",
            );
            None
        }
    }

    /// The pictures the model wants: as it lists them, or chosen from its shape (a stack
    /// always; a matrix when it has columns; a shift when two or more columns form a
    /// progression).
    pub(super) fn pictures(&mut self, raw: &RawModel, progression: bool) -> Vec<PictureKind> {
        let columns = raw
            .services
            .iter()
            .flatten()
            .filter(|s| !s.reference.as_ref().is_some_and(|r| r.value))
            .count();
        let Some(list) = &raw.pictures else {
            let mut kinds = vec![PictureKind::Stack];
            if raw.services.as_ref().is_some_and(|s| !s.is_empty()) {
                kinds.push(PictureKind::Matrix);
            }
            if progression && columns >= 2 {
                kinds.push(PictureKind::Shift);
            }
            return kinds;
        };
        let mut kinds = Vec::new();
        for (i, name) in list.iter().enumerate() {
            let field = format!("pictures[{i}]");
            match PictureKind::parse(name.value.trim()) {
                Some(PictureKind::Shift) if !progression => self.error(
                    name.pos,
                    field,
                    "a shift picture needs columns that form a progression",
                    "drop `shift`, or say `progression: true` if the columns are one",
                ),
                Some(kind) if !kinds.contains(&kind) => kinds.push(kind),
                Some(_) => {}
                None => {
                    let hint = crate::diag::suggest(
                        &name.value,
                        PictureKind::NAMES.iter().copied(),
                        || format!("pictures are {}", PictureKind::NAMES.join(", ")),
                    );
                    self.error(
                        name.pos,
                        field,
                        format!("unknown picture `{}`", name.value),
                        hint,
                    );
                }
            }
        }
        kinds
    }

    /// The model's names for its row classes, keyed by party id, `shared` or `varies`.
    pub(super) fn classes(&mut self, raw: &RawModel, parties: &Ids) -> ClassNames {
        let mut names = ClassNames {
            party: vec![None; parties.ids.len()],
            ..ClassNames::default()
        };
        for (key, name) in raw.classes.iter().flatten() {
            let field = format!("classes.{}", key.value);
            let text = self.text(name, &field);
            match key.value.as_str() {
                "shared" => names.shared = Some(text),
                "varies" => names.varies = Some(text),
                id => match parties.find(id) {
                    Some(p) => names.party[p] = Some(text),
                    None => {
                        let known: Vec<&str> = parties
                            .ids
                            .iter()
                            .copied()
                            .chain(["shared", "varies"])
                            .collect();
                        let hint = crate::diag::suggest(id, known.iter().copied(), || {
                            format!("keys are {}", known.join(", "))
                        });
                        self.error(
                            key.pos,
                            field,
                            format!("`{id}` is not a party, `shared` or `varies`"),
                            hint,
                        );
                    }
                },
            }
        }
        names
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{THREE_SERVICES, model};
    use crate::{PictureKind, model::Status};

    fn errors(yaml: &str) -> Vec<String> {
        let loaded = crate::load_str(std::path::Path::new("t.yaml"), yaml.to_string());
        match loaded.result {
            Ok(_) => Vec::new(),
            Err(e) => e
                .iter()
                .map(|d| format!("{} [{}] {:?}", d.message, d.field, d.hints))
                .collect(),
        }
    }

    #[test]
    fn cells_carry_a_status_sources_and_a_note_over_their_rows_defaults() {
        let yaml = THREE_SERVICES
            .replace(
                "  - {id: os, label: OS, owner: customer}",
                "  - {id: os, label: OS, owner: customer, status: published, sources: [srm]}",
            )
            .replace(
                "owners: {os: provider}",
                "owners: {os: {owner: provider, status: derived, note: The provider patches it}}",
            )
            + "sources:\n  - {id: srm, title: SRM, url: \"https://example.com/\", retrieved: 2026-11-28}\n";
        let m = model(&yaml);
        let cols = m.columns();
        let os = crate::model::LayerIx(2);
        let vm = m.info(os, cols[0]);
        assert_eq!(
            (vm.status, vm.sources.as_slice()),
            (Some(Status::Published), &[0][..])
        );
        let db = m.info(os, cols[1]);
        assert_eq!(db.status, Some(Status::Derived));
        assert_eq!(db.sources, [0], "inherited from the row");
        assert_eq!(db.note.as_deref(), Some("The provider patches it"));
        assert_eq!(m.sources[0].retrieved.as_deref(), Some("2026-11-28"));
    }

    #[test]
    fn a_rows_note_is_listed_once_and_not_kept_by_a_cell_that_names_its_own_owner() {
        let yaml = THREE_SERVICES.replace(
            "  - {id: data, label: Data, owner: customer}",
            "  - {id: data, label: Data, owner: customer, note: Only the customer sees it}",
        );
        let m = model(&yaml);
        let notes = m.cell_notes();
        // vm and db keep the row's owner and its note; saas names its own (shared) owner.
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert_eq!(notes[0].1.len(), 2);
        let data = crate::model::LayerIx(0);
        let cols = m.columns();
        assert_eq!(m.note_number(data, cols[0]), Some(1));
        assert_eq!(m.note_number(data, cols[1]), Some(1));
        assert_eq!(m.note_number(data, cols[2]), None);
    }

    #[test]
    fn bad_statuses_sources_dates_pictures_and_class_keys_are_named() {
        let yaml = THREE_SERVICES.replace(
            "  - {id: vm, label: VM}",
            "  - {id: vm, label: VM, owners: {os: {owner: customer, status: publshed, sources: [nope]}}}",
        ) + "as_of: 2026-13-01\npictures: [stack, matrx]\nclasses: {customr: Mine}\n";
        let got = errors(&yaml);
        let has = |s: &str| got.iter().any(|g| g.contains(s));
        assert!(
            has("unknown status `publshed`") && has("did you mean `published`?"),
            "{got:#?}"
        );
        assert!(has("unknown source `nope`"), "{got:#?}");
        assert!(has("`2026-13-01` is not a date"), "{got:#?}");
        assert!(
            has("unknown picture `matrx`") && has("did you mean `matrix`?"),
            "{got:#?}"
        );
        assert!(
            has("`customr` is not a party") && has("did you mean `customer`?"),
            "{got:#?}"
        );
        let shift =
            errors(&(THREE_SERVICES.to_string() + "progression: false\npictures: [shift]\n"));
        assert!(
            shift[0].contains("needs columns that form a progression"),
            "{shift:#?}"
        );
    }

    #[test]
    fn the_pictures_follow_the_models_shape_unless_it_lists_them() {
        use PictureKind::*;
        assert_eq!(model(THREE_SERVICES).pictures, [Stack, Matrix, Shift]);
        let activities = THREE_SERVICES.to_string() + "progression: false\n";
        assert_eq!(model(&activities).pictures, [Stack, Matrix]);
        let lists = THREE_SERVICES.split("services:").next().unwrap();
        assert_eq!(model(lists).pictures, [Stack]);
        let one_real = THREE_SERVICES
            .replace(
                "{id: vm, label: VM}",
                "{id: vm, label: VM, reference: true}",
            )
            .replace(
                "{id: db, label: DB,",
                "{id: db, label: DB, reference: true,",
            );
        assert_eq!(model(&one_real).pictures, [Stack, Matrix]);
        let listed = THREE_SERVICES.to_string() + "pictures: [matrix]\n";
        assert_eq!(model(&listed).pictures, [Matrix]);
    }
}
