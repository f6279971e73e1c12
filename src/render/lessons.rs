//! The parts of the handout that teach: duties grouped by party and layer, and the quiz.

use serde::Serialize;

use super::view::*;
use crate::model::{LayerIx, Model, Owner, ServiceIx};
use crate::words::Words;

pub(super) fn duty_groups(m: &Model) -> Vec<DutyGroup> {
    m.party_ixs()
        .filter_map(|p| {
            let mine: Vec<&crate::model::Duty> = m.duties.iter().filter(|d| d.party == p).collect();
            let view = |d: &crate::model::Duty| DutyView {
                text: d.text.clone(),
                layers: d.layers.iter().map(|l| m.layer(*l).label.clone()).collect(),
                services: d
                    .services
                    .iter()
                    .map(|s| m.service(*s).label.clone())
                    .collect(),
            };
            let mut sections: Vec<DutySection> = m
                .layer_ixs()
                .map(|l| DutySection {
                    layer: Some(m.layer(l).label.clone()),
                    duties: mine
                        .iter()
                        .filter(|d| d.layers.first() == Some(&l))
                        .map(|d| view(d))
                        .collect(),
                })
                .collect();
            sections.push(DutySection {
                layer: None,
                duties: mine
                    .iter()
                    .filter(|d| d.layers.is_empty())
                    .map(|d| view(d))
                    .collect(),
            });
            sections.retain(|s| !s.duties.is_empty());
            let party = m.party(p);
            (!mine.is_empty()).then(|| DutyGroup {
                party: party.label.clone(),
                party_id: party.id.to_string(),
                duties: mine.iter().map(|d| view(d)).collect(),
                sections,
            })
        })
        .collect()
}

/// For each party, the layers it secures alone in every column (the classifying ones).
pub(super) fn kept(m: &Model, w: &Words) -> Vec<Kept> {
    let cols = m.classifying_columns();
    m.party_ixs()
        .filter_map(|p| {
            let layers: Vec<&str> = m
                .layer_ixs()
                .filter(|l| cols.iter().all(|c| m.cell(*l, *c).parties() == [p]))
                .map(|l| m.layer(l).in_sentence.as_str())
                .collect();
            (!layers.is_empty()).then(|| Kept {
                party: m.party(p).in_sentence.clone(),
                label: m.party(p).label.clone(),
                layers: w.list(&layers),
                count: layers.len(),
            })
        })
        .collect()
}

/// What changes in column `s`: from the column before it in a progression (the first column:
/// every layer), else from the default owners; grouped by (old owner, new owner) in the order the layers first appear.
pub(super) fn steps(m: &Model, s: ServiceIx, w: &Words) -> Vec<Step> {
    // The first column of a progression is where the line starts: every layer, by owner.
    let before = |l: LayerIx| -> Option<&Owner> {
        match (m.progression, s.0) {
            (true, 0) => None,
            (true, _) => Some(&m.service(ServiceIx(s.0 - 1)).owners[l.0]),
            (false, _) => m.layer(l).owner.as_ref(),
        }
    };
    let mut groups: Vec<(Option<&Owner>, &Owner, Vec<LayerIx>)> = Vec::new();
    for l in m.layer_ixs() {
        let (from, to) = (before(l), &m.service(s).owners[l.0]);
        if from == Some(to) {
            continue;
        }
        match groups.iter_mut().find(|(f, t, _)| *f == from && *t == to) {
            Some((_, _, ls)) => ls.push(l),
            None => groups.push((from, to, vec![l])),
        }
    }
    groups
        .into_iter()
        .map(|(from, to, ls)| {
            let names: Vec<&str> = ls
                .iter()
                .map(|l| m.layer(*l).in_sentence.as_str())
                .collect();
            Step {
                from: from.map(|o| owner_view(m, o, w)),
                to: owner_view(m, to, w),
                layers: w.list(&names),
                count: ls.len(),
            }
        })
        .collect()
}

#[derive(Debug, Serialize)]
/// The layers one party secures alone whatever the column.
pub struct Kept {
    /// The party as a sentence writes it.
    pub party: String,
    /// The party's name.
    pub label: String,
    /// The layers, as a sentence lists them ("customer data and identities").
    pub layers: String,
    /// How many.
    pub count: usize,
}

#[derive(Debug, Serialize)]
/// Layers that pass from one owner to another between two neighbouring columns.
pub struct Step {
    /// Their owner in the column before; `None` in a column compared with default owners
    /// that vary.
    pub from: Option<OwnerView>,
    /// Their owner in this column.
    pub to: OwnerView,
    /// The layers, as a sentence lists them.
    pub layers: String,
    /// How many.
    pub count: usize,
}
