//! What moved between two versions of a model: cells whose owners, status, note or sources
//! changed, parties, layers and columns added, removed or renamed, and text edits. Pure: two
//! models in, a [`Diff`] out; `show.rs` writes it as text, Markdown or JSON.
//!
//! Parties, layers, columns and sources are matched by id, then, among the unmatched, by
//! label (an id changed, the label kept: a rename). One whose id and label both changed reads
//! as removed and added. Cells are compared where both the layer and the column are matched,
//! with owners compared through the party matching, so renaming a party moves no cell.

mod matching;
mod picture;
mod show;

use matching::Matching;

use serde::Serialize;

use crate::model::{Column, LayerIx, Model, Owner, PartyIx};

pub use picture::picture;
pub use show::{markdown, text};

/// What differs between two models; empty when they say the same.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Diff {
    /// Cells of matched layers and columns whose owners, status, note or sources changed,
    /// layer by layer (new order), columns left to right.
    pub cells: Vec<CellChange>,
    /// Parties, layers, columns and sources added, removed or renamed.
    pub parts: Vec<PartChange>,
    /// Text edits: the model's own texts, and the labels and descriptions of matched parts.
    pub text: Vec<TextChange>,
}

impl Diff {
    /// Whether the models say the same.
    pub fn is_empty(&self) -> bool {
        self.cells.is_empty() && self.parts.is_empty() && self.text.is_empty()
    }
}

/// One cell that changed; a field is `None` when it did not.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CellChange {
    /// The layer's id and label in the new model.
    pub layer: Named,
    /// The column's id and label in the new model (`default` for a model without services).
    pub column: Named,
    /// The owners' party ids, old and new (empty: not applicable).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owners: Option<Moved<Vec<Named>>>,
    /// How the cell is known (`published`, `derived`, `illustrative`), old and new.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<Moved<Option<String>>>,
    /// The cell's note, old and new.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<Moved<Option<String>>>,
    /// The sources' ids (or URLs when they have none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sources: Option<Moved<Vec<String>>>,
}

/// An id with the label it shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Named {
    /// The id in the model.
    pub id: String,
    /// The label it shows.
    pub label: String,
}

/// A value before and after.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Moved<T> {
    /// In the old model.
    pub old: T,
    /// In the new model.
    pub new: T,
}

/// What kind of part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Part {
    /// A party (`parties`).
    Party,
    /// A layer (`layers`).
    Layer,
    /// A column: a service, or `default` in a model without services.
    Column,
    /// A source (`sources`).
    Source,
}

impl Part {
    /// Its name in sentences.
    pub fn name(self) -> &'static str {
        match self {
            Part::Party => "party",
            Part::Layer => "layer",
            Part::Column => "column",
            Part::Source => "source",
        }
    }
}

/// A part added, removed or given another id.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "change", rename_all = "lowercase")]
#[allow(
    missing_docs,
    reason = "the variants' fields are named for what they hold"
)]
pub enum PartChange {
    /// In the new model only.
    Added {
        part: Part,
        id: String,
        label: String,
    },
    /// In the old model only.
    Removed {
        part: Part,
        id: String,
        label: String,
    },
    /// The same label under another id.
    Renamed {
        part: Part,
        from: String,
        to: String,
        label: String,
    },
}

/// A text edited: `field` names it (`title`, `layer os label`, `duties`, …); a list's items
/// added or removed are one change each, with `old` or `new` empty.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TextChange {
    /// Which text.
    pub field: String,
    /// The old text; empty when an item was added.
    pub old: String,
    /// The new text; empty when an item was removed.
    pub new: String,
}

/// The columns of `m` with their ids and labels.
fn columns(m: &Model) -> Vec<(Column, String, String)> {
    m.columns()
        .into_iter()
        .map(|c| match c.service() {
            Some(s) => (
                c,
                m.service(s).id.as_str().to_string(),
                m.service(s).label.clone(),
            ),
            None => (c, "default".to_string(), "Default".to_string()),
        })
        .collect()
}

/// A source's identity: its id, else its URL.
fn source_key(m: &Model, i: usize) -> String {
    let s = &m.sources[i];
    s.id.as_ref()
        .map_or_else(|| s.url.clone(), |id| id.as_str().to_string())
}

/// What moved from `old` to `new`.
pub fn diff(old: &Model, new: &Model) -> Diff {
    let mut d = Diff::default();
    let parties = Matching::of(Part::Party, &party_ids(old), &party_ids(new), &mut d.parts);
    let layers = Matching::of(Part::Layer, &layer_ids(old), &layer_ids(new), &mut d.parts);
    let (old_cols, new_cols) = (columns(old), columns(new));
    let named = |cols: &[(Column, String, String)]| -> Vec<(String, String)> {
        cols.iter()
            .map(|(_, i, l)| (i.clone(), l.clone()))
            .collect()
    };
    let cols = Matching::of(
        Part::Column,
        &named(&old_cols),
        &named(&new_cols),
        &mut d.parts,
    );
    let source_list = |m: &Model| -> Vec<(String, String)> {
        (0..m.sources.len())
            .map(|i| (source_key(m, i), m.sources[i].title.clone()))
            .collect()
    };
    Matching::of(
        Part::Source,
        &source_list(old),
        &source_list(new),
        &mut d.parts,
    );
    let party_of = |p: PartyIx| -> String {
        match parties.map[p.0] {
            Some(j) => new.parties[j].id.as_str().to_string(),
            None => old.party(p).id.as_str().to_string(),
        }
    };
    let mut layer_pairs: Vec<(usize, usize)> = layers.pairs().collect();
    layer_pairs.sort_by_key(|&(_, j)| j);
    let mut col_pairs: Vec<(usize, usize)> = cols.pairs().collect();
    col_pairs.sort_by_key(|&(_, j)| j);
    for &(ol, nl) in &layer_pairs {
        for &(oc, nc) in &col_pairs {
            let was = CellSide::of(old, LayerIx(ol), old_cols[oc].0, &party_of);
            let is = CellSide::of(new, LayerIx(nl), new_cols[nc].0, &|p| {
                new.party(p).id.as_str().to_string()
            });
            let layer = Named {
                id: new.layers[nl].id.as_str().to_string(),
                label: new.layers[nl].label.clone(),
            };
            let column = Named {
                id: new_cols[nc].1.clone(),
                label: new_cols[nc].2.clone(),
            };
            d.cells.extend(was.compare(&is, layer, column));
        }
    }
    model_edits(old, new, &mut d.text);
    part_edits(old, new, &parties, &layers, &mut d.text);
    d
}

fn party_ids(m: &Model) -> Vec<(String, String)> {
    m.parties
        .iter()
        .map(|p| (p.id.as_str().to_string(), p.label.clone()))
        .collect()
}

fn layer_ids(m: &Model) -> Vec<(String, String)> {
    m.layers
        .iter()
        .map(|l| (l.id.as_str().to_string(), l.label.clone()))
        .collect()
}

/// Records `field` as edited when `a` and `b` differ (a missing text counts as empty).
fn edit(out: &mut Vec<TextChange>, field: String, a: Option<&str>, b: Option<&str>) {
    let (a, b) = (a.unwrap_or(""), b.unwrap_or(""));
    if a != b {
        out.push(TextChange {
            field,
            old: a.to_string(),
            new: b.to_string(),
        });
    }
}

/// What one cell says.
struct CellSide {
    /// Party ids in the new model's terms (sorted), with labels from the cell's own model.
    owners: Vec<Named>,
    status: Option<String>,
    note: Option<String>,
    sources: Vec<String>,
}

impl CellSide {
    fn of(m: &Model, l: LayerIx, c: Column, party_id: &dyn Fn(PartyIx) -> String) -> CellSide {
        let owner: &Owner = m.cell(l, c);
        let mut owners: Vec<Named> = owner
            .parties()
            .iter()
            .map(|&p| Named {
                id: party_id(p),
                label: m.party(p).label.clone(),
            })
            .collect();
        owners.sort_by(|a, b| a.id.cmp(&b.id));
        let info = m.info(l, c);
        let mut sources: Vec<String> = info.sources.iter().map(|&i| source_key(m, i)).collect();
        sources.sort();
        CellSide {
            owners,
            status: info.status.map(|s| s.name().to_string()),
            note: info.note.clone(),
            sources,
        }
    }

    fn compare(&self, now: &CellSide, layer: Named, column: Named) -> Option<CellChange> {
        fn moved<T: Clone + PartialEq>(a: &T, b: &T) -> Option<Moved<T>> {
            (a != b).then(|| Moved {
                old: a.clone(),
                new: b.clone(),
            })
        }
        let ids = |o: &[Named]| o.iter().map(|n| n.id.clone()).collect::<Vec<_>>();
        let owners = (ids(&self.owners) != ids(&now.owners)).then(|| Moved {
            old: self.owners.clone(),
            new: now.owners.clone(),
        });
        let change = CellChange {
            layer,
            column,
            owners,
            status: moved(&self.status, &now.status),
            note: moved(&self.note, &now.note),
            sources: moved(&self.sources, &now.sources),
        };
        let changed = change.owners.is_some()
            || change.status.is_some()
            || change.note.is_some()
            || change.sources.is_some();
        changed.then_some(change)
    }
}

/// The model's own texts, and its lists (duties, objectives, assurance) item by item.
fn model_edits(old: &Model, new: &Model, out: &mut Vec<TextChange>) {
    let pairs: [(&str, Option<&str>, Option<&str>); 7] = [
        ("title", Some(&old.title), Some(&new.title)),
        ("subtitle", old.subtitle.as_deref(), new.subtitle.as_deref()),
        ("summary", old.summary.as_deref(), new.summary.as_deref()),
        ("axis", Some(&old.axis), Some(&new.axis)),
        ("follows", old.follows.as_deref(), new.follows.as_deref()),
        ("as_of", old.as_of.as_deref(), new.as_of.as_deref()),
        ("analogy", old.analogy.as_deref(), new.analogy.as_deref()),
    ];
    for (field, a, b) in pairs {
        edit(out, field.to_string(), a, b);
    }
    let lists: [(&str, Vec<String>, Vec<String>); 3] = [
        ("duties", duties(old), duties(new)),
        ("objectives", old.objectives.clone(), new.objectives.clone()),
        ("assurance", old.assurance.clone(), new.assurance.clone()),
    ];
    for (field, a, b) in lists {
        for gone in a.iter().filter(|x| !b.contains(x)) {
            edit(out, field.to_string(), Some(gone), None);
        }
        for came in b.iter().filter(|x| !a.contains(x)) {
            edit(out, field.to_string(), None, Some(came));
        }
    }
}

/// The texts of matched parties, layers and columns.
fn part_edits(
    old: &Model,
    new: &Model,
    parties: &Matching,
    layers: &Matching,
    out: &mut Vec<TextChange>,
) {
    let party = |p: &crate::model::Party| {
        vec![
            ("label", Some(p.label.clone())),
            ("tagline", p.tagline.clone()),
        ]
    };
    let layer = |l: &crate::model::Layer| {
        vec![
            ("label", Some(l.label.clone())),
            ("description", l.description.clone()),
            ("items", Some(l.items.join("; "))),
        ]
    };
    let column = |c: &crate::model::Service| {
        vec![
            ("label", Some(c.label.clone())),
            ("category", c.category.clone()),
            ("notes", c.notes.clone()),
        ]
    };
    let mut texts = Vec::new();
    for (i, j) in parties.pairs() {
        let id = format!("party {}", new.parties[j].id.as_str());
        texts.push((id, party(&old.parties[i]), party(&new.parties[j])));
    }
    for (i, j) in layers.pairs() {
        let id = format!("layer {}", new.layers[j].id.as_str());
        texts.push((id, layer(&old.layers[i]), layer(&new.layers[j])));
    }
    for c in &new.services {
        if let Some(o) = old.services.iter().find(|o| o.id == c.id) {
            texts.push((format!("column {}", c.id.as_str()), column(o), column(c)));
        }
    }
    for (id, a, b) in texts {
        for ((name, a), (_, b)) in a.into_iter().zip(b) {
            edit(out, format!("{id} {name}"), a.as_deref(), b.as_deref());
        }
    }
}

/// Each duty as `party: text`.
fn duties(m: &Model) -> Vec<String> {
    m.duties
        .iter()
        .map(|d| format!("{}: {}", m.party(d.party).id.as_str(), d.text))
        .collect()
}

#[cfg(test)]
mod tests;
