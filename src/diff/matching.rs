//! Matching the parts of two models: by id, then the unmatched by label (a rename).

use super::{Part, PartChange};

/// How the parts of the old model map onto the new one: `map[old index] = new index`.
pub(super) struct Matching {
    /// `map[old index]`: the new index it matches, if any.
    pub(super) map: Vec<Option<usize>>,
}

impl Matching {
    /// Matches by id, then the rest by label; records the added, removed and renamed parts.
    pub(super) fn of(
        part: Part,
        old: &[(String, String)],
        new: &[(String, String)],
        out: &mut Vec<PartChange>,
    ) -> Matching {
        let mut map: Vec<Option<usize>> = old
            .iter()
            .map(|(id, _)| new.iter().position(|(n, _)| n == id))
            .collect();
        let taken = |map: &[Option<usize>], j: usize| map.contains(&Some(j));
        for i in 0..old.len() {
            if map[i].is_some() {
                continue;
            }
            let by_label = (0..new.len()).find(|&j| {
                !taken(&map, j)
                    && new[j].1 == old[i].1
                    && !old.iter().any(|(id, _)| *id == new[j].0)
            });
            if let Some(j) = by_label {
                map[i] = Some(j);
                out.push(PartChange::Renamed {
                    part,
                    from: old[i].0.clone(),
                    to: new[j].0.clone(),
                    label: new[j].1.clone(),
                });
            }
        }
        for (i, (id, label)) in old.iter().enumerate() {
            if map[i].is_none() {
                out.push(PartChange::Removed {
                    part,
                    id: id.clone(),
                    label: label.clone(),
                });
            }
        }
        for (j, (id, label)) in new.iter().enumerate() {
            if !taken(&map, j) {
                out.push(PartChange::Added {
                    part,
                    id: id.clone(),
                    label: label.clone(),
                });
            }
        }
        Matching { map }
    }

    /// The matched (old, new) index pairs.
    pub(super) fn pairs(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.map
            .iter()
            .enumerate()
            .filter_map(|(i, j)| j.map(|j| (i, j)))
    }
}
