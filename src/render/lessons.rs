//! The parts of the handout that teach: duties grouped by party and layer, and the quiz.

use super::view::*;
use crate::model::{LayerIx, Model, ServiceIx};
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

/// Questions about the cells that teach the most: first the layers whose owner moves between
/// services (one question per service), then the fixed layers, up to [`MAX_QUESTIONS`].
pub(super) fn quiz(m: &Model, w: &Words) -> Vec<Question> {
    let moves = |l: LayerIx| {
        m.services
            .iter()
            .any(|s| Some(&s.owners[l.0]) != m.services.first().map(|f| &f.owners[l.0]))
    };
    let mut cells: Vec<(LayerIx, Option<ServiceIx>)> = Vec::new();
    for l in m.layer_ixs().filter(|l| moves(*l)) {
        cells.extend(m.service_ixs().map(|s| (l, Some(s))));
    }
    for l in m.layer_ixs().filter(|l| !moves(*l)) {
        cells.push((l, None));
    }
    cells
        .into_iter()
        .filter_map(|(l, s)| {
            Some((
                l,
                s,
                m.owner(l, s)
                    .or_else(|| m.services.first().map(|f| &f.owners[l.0]))?,
            ))
        })
        .take(MAX_QUESTIONS)
        .enumerate()
        .map(|(i, (l, s, o))| Question {
            number: i + 1,
            layer: m.layer(l).label.clone(),
            service: s.map(|s| m.service(s).label.clone()),
            answer: owner_view(m, o, w),
        })
        .collect()
}
