//! The questions drawn from the matrix, one function per kind.

use super::{Draft, MAX_CHOICES, capitalise};
use crate::model::{Column, LayerIx, Model, Owner, ServiceIx};
use crate::render::view::owner_view;
use crate::words::Words;

/// Whether the row's name gives its owner away ("Customer data" owned by the customer).
fn giveaway(m: &Model, l: LayerIx, o: &Owner) -> bool {
    let label = m.layer(l).label.to_lowercase();
    o.parties().iter().any(|p| {
        let name = m.party(*p).label.to_lowercase();
        label
            .split(|c: char| !c.is_alphanumeric())
            .any(|word| word == name)
    })
}

/// The choices for a cell: each party alone, the owner, the neighbouring columns' owners and,
/// when no shared owner is among them yet, every party together; the owner always kept.
fn owner_choices(m: &Model, right: &Owner, neighbours: &[&Owner]) -> Vec<Owner> {
    let mut out: Vec<Owner> = vec![right.clone()];
    let all = Owner::new(m.party_ixs().collect());
    let singles = m.party_ixs().map(|p| Owner::new(vec![p]));
    let shared = neighbours
        .iter()
        .map(|o| (*o).clone())
        .filter(|o| !o.is_na())
        .chain(std::iter::once(all));
    for o in singles.chain(shared) {
        if out.len() < MAX_CHOICES && !out.contains(&o) {
            out.push(o);
        }
    }
    out.sort_by_key(|o| (o.parties().len(), o.parties().to_vec()));
    out
}

fn cell_draft(m: &Model, w: &Words, l: LayerIx, c: Column) -> Option<Draft> {
    let right = m.cell(l, c);
    if right.is_na() || giveaway(m, l, right) {
        return None;
    }
    let neighbours: Vec<&Owner> = match c.service() {
        Some(s) => [s.0.checked_sub(1), Some(s.0 + 1)]
            .into_iter()
            .flatten()
            .filter(|i| *i < m.services.len())
            .map(|i| &m.services[i].owners[l.0])
            .collect(),
        None => Vec::new(),
    };
    let choices = owner_choices(m, right, &neighbours);
    let layer = &m.layer(l).in_sentence;
    let owner = w.owner_in_sentence(m, right);
    let (stem, why) = match c.service() {
        Some(s) => {
            let service = &m.service(s).label;
            (
                Words::fill(&w.q_who, &[("layer", layer), ("service", service)]),
                Words::fill(
                    &w.q_why_cell,
                    &[("layer", layer), ("service", service), ("owner", &owner)],
                ),
            )
        }
        None => (
            Words::fill(&w.q_who_default, &[("layer", layer)]),
            Words::fill(&w.q_why_default, &[("layer", layer), ("owner", &owner)]),
        ),
    };
    let info = m.info(l, c);
    Some(Draft {
        kind: "who",
        stem,
        answer: choices.iter().position(|o| o == right).unwrap_or(0),
        options: choices.iter().map(|o| owner_label(m, w, o)).collect(),
        explanation: Some(why),
        note: info.note.clone(),
        source: info.sources.first().copied(),
        layers: vec![l],
        services: c.service().into_iter().collect(),
        answer_parties: right.parties().to_vec(),
        party: None,
    })
}

fn owner_label(m: &Model, w: &Words, o: &Owner) -> String {
    let view = owner_view(m, o, w);
    if view.shared {
        Words::fill(&w.shared_cell, &[("parties", &view.label)])
    } else {
        view.label
    }
}

/// Who secures each cell, the reference columns included.
pub(super) fn who(m: &Model, w: &Words) -> Vec<Draft> {
    m.layer_ixs()
        .flat_map(|l| m.columns().into_iter().map(move |c| (l, c)))
        .filter_map(|(l, c)| cell_draft(m, w, l, c))
        .collect()
}

/// The columns, as choices: the right one and its neighbours, in model order.
fn service_choices(m: &Model, right: ServiceIx) -> (Vec<String>, usize) {
    let n = m.services.len();
    let start = right
        .0
        .saturating_sub(MAX_CHOICES / 2)
        .min(n.saturating_sub(MAX_CHOICES));
    let range = start..(start + MAX_CHOICES).min(n);
    let options = range.clone().map(|i| m.services[i].label.clone()).collect();
    (options, right.0 - range.start)
}

/// Where a party first takes a part in a row (a progression), or the one column where it is
/// alone responsible for it (other axes).
pub(super) fn reverse(m: &Model, w: &Words) -> Vec<Draft> {
    if m.services.len() < 2 {
        return Vec::new();
    }
    let mut out = Vec::new();
    for l in m.layer_ixs() {
        for p in m.party_ixs() {
            let has = |s: &ServiceIx| m.service(*s).owners[l.0].includes(p);
            let alone = |s: &ServiceIx| m.service(*s).owners[l.0].parties() == [p];
            let (right, key) = if m.progression {
                // Only a party whose part grows along the progression: it has none in the
                // first column and some in a later one.
                let with: Vec<ServiceIx> = m.service_ixs().filter(has).collect();
                match with.first() {
                    Some(s) if s.0 > 0 => (*s, &w.q_reverse),
                    _ => continue,
                }
            } else {
                let only: Vec<ServiceIx> = m.service_ixs().filter(alone).collect();
                match only.as_slice() {
                    [s] => (*s, &w.q_reverse_only),
                    _ => continue,
                }
            };
            let layer = &m.layer(l).in_sentence;
            let party = &m.party(p).in_sentence;
            let (options, answer) = service_choices(m, right);
            let on: Vec<&str> = m
                .service_ixs()
                .filter(has)
                .map(|s| m.service(s).label.as_str())
                .collect();
            let info = &m.service(right).info[l.0];
            out.push(Draft {
                kind: "reverse",
                stem: Words::fill(
                    key,
                    &[
                        ("axis_lower", &m.axis_lower),
                        ("party", party),
                        ("layer", layer),
                    ],
                ),
                options,
                answer,
                explanation: Some(capitalise(&Words::fill(
                    &w.q_why_reverse,
                    &[
                        ("party", party),
                        ("layer", layer),
                        ("services", &w.list(&on)),
                    ],
                ))),
                note: None,
                source: info.sources.first().copied(),
                layers: vec![l],
                services: vec![right],
                answer_parties: Vec::new(),
                party: Some(p),
            });
        }
    }
    out
}

/// Whose a duty is, on the first column it names (or anywhere).
pub(super) fn scenario(m: &Model, w: &Words) -> Vec<Draft> {
    if m.duties.is_empty() {
        return Vec::new();
    }
    let options: Vec<String> = m.parties.iter().map(|p| p.label.clone()).collect();
    m.duties
        .iter()
        .map(|d| {
            let stem = match d.services.first() {
                Some(s) => Words::fill(
                    &w.q_scenario,
                    &[("service", &m.service(*s).label), ("duty", &d.text)],
                ),
                None => Words::fill(&w.q_scenario_any, &[("duty", &d.text)]),
            };
            Draft {
                kind: "scenario",
                stem,
                options: options.clone(),
                answer: d.party.0,
                explanation: Some(capitalise(&Words::fill(
                    &w.q_why_duty,
                    &[("party", &m.party(d.party).in_sentence)],
                ))),
                note: None,
                source: None,
                layers: d.layers.clone(),
                services: d.services.iter().take(1).copied().collect(),
                answer_parties: vec![d.party],
                party: None,
            }
        })
        .collect()
}

/// True or false on a step of the line: every other one names the wrong party.
pub(super) fn step(m: &Model, w: &Words) -> Vec<Draft> {
    if !m.progression {
        return Vec::new();
    }
    let mut out = Vec::new();
    for s in m.service_ixs().skip(1) {
        let prev = ServiceIx(s.0 - 1);
        for l in m.layer_ixs() {
            let (from, to) = (&m.service(prev).owners[l.0], &m.service(s).owners[l.0]);
            let ([f], [t]) = (from.parties(), to.parties()) else {
                continue;
            };
            if f == t {
                continue;
            }
            let truth = out.len() % 2 == 0;
            let named = if truth { *t } else { *f };
            let layer = &m.layer(l).in_sentence;
            let (a, b) = (&m.service(prev).label, &m.service(s).label);
            out.push(Draft {
                kind: "step",
                stem: Words::fill(
                    &w.q_step,
                    &[
                        ("from", a),
                        ("to", b),
                        ("party", &m.party(named).in_sentence),
                        ("layers", layer),
                    ],
                ),
                options: vec![w.q_true.clone(), w.q_false.clone()],
                answer: usize::from(!truth),
                explanation: Some(capitalise(&Words::fill(
                    &w.q_why_step,
                    &[
                        ("from", a),
                        ("to", b),
                        ("layers", layer),
                        ("owner", &m.party(*t).in_sentence),
                    ],
                ))),
                note: m.service(s).info[l.0].note.clone(),
                source: m.service(s).info[l.0].sources.first().copied(),
                layers: vec![l],
                services: vec![prev, s],
                answer_parties: Vec::new(),
                party: Some(named),
            });
        }
    }
    out
}
