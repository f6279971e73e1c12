//! The data every handout template receives: the model, flattened for templates, with owners
//! spelled out and per-service changes and review questions derived from the matrix.

use serde::Serialize;

pub use super::lessons::{Kept, Step};
use crate::model::{Model, Owner, ServiceIx, Status, note_number_in, superscript};
use crate::theme::{Rgb, Theme, text_on};
use crate::words::Words;

#[derive(Debug, Serialize)]
/// What the document templates see as `model`: every text as written, colours resolved.
pub struct View {
    /// The model's id.
    pub id: String,
    /// The model's title.
    pub title: String,
    /// The line under the title.
    pub subtitle: Option<String>,
    /// The opening paragraph, as Markdown.
    pub summary: Option<String>,
    /// What the columns are called.
    pub axis: String,
    /// The parties, in model order.
    pub parties: Vec<PartyView>,
    /// The layers, top first.
    pub layers: Vec<LayerView>,
    /// The services, in model order.
    pub services: Vec<ServiceView>,
    /// True when some layer is shared by default (the table of default owners then has a
    /// Shared column).
    pub has_shared: bool,
    /// Whether some layer has no default owner (its owner varies by column).
    pub has_varies: bool,
    /// The duties, by party.
    pub duties: Vec<DutyGroup>,
    /// How the provider shows it does its part.
    pub assurance: Vec<String>,
    /// A comparison from everyday life.
    pub analogy: Option<String>,
    /// Where the facts come from.
    pub sources: Vec<SourceView>,
    /// The quiz questions.
    pub quiz: Vec<super::quiz::Question>,
    /// The cells' notes, numbered in reading order (layer by layer, then column).
    pub notes: Vec<NoteView>,
    /// The file stems of the pictures the build makes (`stack`, `stack-<id>`, `matrix`,
    /// `shift`), so that a template links only to pictures that exist.
    pub pictures: Vec<String>,
    /// What the model follows, and when its sources were read.
    pub follows: Option<String>,
    /// When the sources were read (`YYYY-MM-DD`).
    pub as_of: Option<String>,
    /// The model's learning objectives; empty when the template should derive them.
    pub objectives: Vec<String>,
    /// For each party, the layers it secures alone in every column.
    pub kept: Vec<Kept>,
    /// Whether the pictures are drawn in a dark theme (the page follows them).
    pub dark: bool,
    /// Every party, as a sentence lists them ("the customer and AWS").
    pub all_parties: String,
    /// Every party as the choices of a question ("the customer or AWS").
    pub either: String,
    /// Whether the columns form a progression.
    pub progression: bool,
    /// The pages of a matrix too large for a slide (`matrix-1`, …), when the build draws them.
    pub matrix_pages: Vec<String>,
    /// The pages of a shift picture too wide for a slide (`shift-1`, …), when drawn.
    pub shift_pages: Vec<String>,
    /// The language of the model's text, as a BCP 47 tag (`en` unless a translation says).
    pub lang: String,
    /// The ids of the parties that own some layer by default: the columns of the table of
    /// default owners (no column stays empty).
    pub default_parties: Vec<String>,
    /// Whether some party has a tagline.
    pub has_taglines: bool,
    /// Whether some layer has a description or items (the handout then has a glossary).
    pub has_glossary: bool,
    /// This view as a template value, made once for every document: set the fields first.
    #[serde(skip)]
    value: std::sync::OnceLock<tera::Value>,
}

#[derive(Debug, Serialize)]
/// A party as templates see it.
pub struct PartyView {
    /// Its id.
    pub id: String,
    /// Its name.
    pub label: String,
    /// The line under its name.
    pub tagline: Option<String>,
    /// How a sentence writes it ("the customer").
    pub in_sentence: String,
    /// Its colour in the theme.
    pub color: Rgb,
    /// A readable text colour on that colour.
    pub text_color: Rgb,
}

#[derive(Debug, Clone, Serialize)]
/// An owner as templates see it.
pub struct OwnerView {
    /// "Customer", or "Customer and AWS".
    pub label: String,
    /// The owning parties' ids.
    pub ids: Vec<String>,
    /// The owning parties' names.
    pub labels: Vec<String>,
    /// Whether more than one party owns it.
    pub shared: bool,
    /// How a sentence writes it: "the customer and AWS".
    pub in_sentence: String,
}

#[derive(Debug, Clone, Serialize)]
/// A cell as templates see it: its owner, and how it is known.
pub struct CellView {
    /// "Customer", or "Customer and AWS".
    pub label: String,
    /// The owning parties' ids.
    pub ids: Vec<String>,
    /// Whether more than one party owns it.
    pub shared: bool,
    /// The superscript number of its note ("¹"), when it has one; see [`View::notes`].
    pub note: Option<String>,
    /// `published`, `derived` or `illustrative`, when the model says.
    pub status: Option<&'static str>,
}

#[derive(Debug, Serialize)]
/// A cell's note, numbered as its marker.
pub struct NoteView {
    /// The superscript marker ("¹").
    pub mark: String,
    /// The layer's name.
    pub layer: String,
    /// The column's name; `None` for a model without services.
    pub service: Option<String>,
    /// Who does what in the cell.
    pub text: String,
}

#[derive(Debug, Serialize)]
/// A layer as templates see it.
pub struct LayerView {
    /// Its id.
    pub id: String,
    /// Its name.
    pub label: String,
    /// What it covers.
    pub description: Option<String>,
    /// How a sentence writes it.
    pub in_sentence: String,
    /// What it holds.
    pub items: Vec<String>,
    /// `None` when the owner varies by service.
    pub owner: Option<OwnerView>,
}

#[derive(Debug, Serialize)]
/// A service as templates see it.
pub struct ServiceView {
    /// Its id.
    pub id: String,
    /// Its name.
    pub label: String,
    /// Its category.
    pub category: Option<String>,
    /// Its notes.
    pub notes: Option<String>,
    /// One per layer, in layer order.
    pub cells: Vec<CellView>,
    /// Layers whose owner differs from the default.
    pub changes: Vec<Change>,
    /// The column this one is compared with in `steps`: the one before it in a progression;
    /// `None` for the first column, and for every column of other axes (compared with the
    /// default owners).
    pub previous: Option<String>,
    /// What changes from that column (or from the default owners), grouped by old and new
    /// owner.
    pub steps: Vec<Step>,
    /// File name of this service's stack picture, without extension.
    pub stack: String,
}

#[derive(Debug, Serialize)]
/// A layer whose owner under a service differs from its default.
pub struct Change {
    /// The layer's name.
    pub layer: String,
    /// `None` when the layer has no default owner.
    pub from: Option<OwnerView>,
    /// The owner under the service.
    pub to: OwnerView,
}

#[derive(Debug, Serialize)]
/// The duties of one party.
pub struct DutyGroup {
    /// The party's name.
    pub party: String,
    /// The party's id.
    pub party_id: String,
    /// Every duty of the party, in model order.
    pub duties: Vec<DutyView>,
    /// The same duties grouped by the first layer each names, in layer order; duties that
    /// name no layer come last, in a section whose `layer` is `None`.
    pub sections: Vec<DutySection>,
}

#[derive(Debug, Serialize)]
/// A party's duties about one layer, or about none in particular.
pub struct DutySection {
    /// The layer's name; `None` for duties about no layer in particular.
    pub layer: Option<String>,
    /// The duties.
    pub duties: Vec<DutyView>,
}

#[derive(Debug, Clone, Serialize)]
/// One duty as templates see it.
pub struct DutyView {
    /// What must be done.
    pub text: String,
    /// The names of the layers it concerns.
    pub layers: Vec<String>,
    /// The names of the services it applies to; empty for all.
    pub services: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
/// A source as templates see it.
pub struct SourceView {
    /// The page's title.
    pub title: String,
    /// The page's address.
    pub url: String,
    /// When it was read (`YYYY-MM-DD`).
    pub retrieved: Option<String>,
}

pub(crate) fn owner_view(m: &Model, o: &Owner, w: &Words) -> OwnerView {
    OwnerView {
        label: w.owner(m, o),
        ids: o
            .parties()
            .iter()
            .map(|p| m.party(*p).id.to_string())
            .collect(),
        labels: o
            .parties()
            .iter()
            .map(|p| m.party(*p).label.clone())
            .collect(),
        shared: o.is_shared(),
        in_sentence: w.owner_in_sentence(m, o),
    }
}

impl View {
    /// This view as a template value, serialised once.
    pub fn value(&self) -> tera::Value {
        self.value
            .get_or_init(|| tera::Value::from_serializable(self))
            .clone()
    }

    /// The view of `m` in `theme`, with the fixed words `w`.
    pub fn new(m: &Model, theme: &Theme, w: &Words) -> View {
        let in_sentence: Vec<&str> = m.parties.iter().map(|p| p.in_sentence.as_str()).collect();
        let services: Vec<ServiceView> = m.service_ixs().map(|s| service_view(m, s, w)).collect();
        // The columns of the table of default owners: no column stays empty.
        let has_shared = m
            .layers
            .iter()
            .filter_map(|l| l.owner.as_ref())
            .any(Owner::is_shared);
        View {
            id: m.id.to_string(),
            title: m.title.clone(),
            subtitle: m.subtitle.clone(),
            summary: m.summary.clone(),
            axis: m.axis.clone(),
            parties: party_views(m, theme),
            layers: m
                .layers
                .iter()
                .map(|l| LayerView {
                    id: l.id.to_string(),
                    label: l.label.clone(),
                    description: l.description.clone(),
                    in_sentence: l.in_sentence.clone(),
                    items: l.items.clone(),
                    owner: l.owner.as_ref().map(|o| owner_view(m, o, w)),
                })
                .collect(),
            services,
            has_shared,
            has_varies: m.layers.iter().any(|l| l.owner.is_none()),
            duties: super::lessons::duty_groups(m),
            assurance: m.assurance.clone(),
            analogy: m.analogy.clone(),
            sources: m
                .sources
                .iter()
                .map(|s| SourceView {
                    title: s.title.clone(),
                    url: s.url.clone(),
                    retrieved: s.retrieved.clone(),
                })
                .collect(),
            quiz: super::quiz::quiz(m, w),
            notes: note_views(m),
            pictures: crate::picture::Picture::all(m)
                .into_iter()
                .map(|p| p.name(m))
                .collect(),
            follows: m.follows.clone(),
            as_of: m.as_of.clone(),
            objectives: m.objectives.clone(),
            kept: super::lessons::kept(m, w),
            dark: theme.is_dark(),
            progression: m.progression,
            matrix_pages: Vec::new(),
            shift_pages: Vec::new(),
            lang: m.lang.clone(),
            default_parties: m
                .party_ixs()
                .filter(|p| {
                    m.layers
                        .iter()
                        .any(|l| l.owner.as_ref().is_some_and(|o| o.includes(*p)))
                })
                .map(|p| m.party(p).id.to_string())
                .collect(),
            has_taglines: m.parties.iter().any(|p| p.tagline.is_some()),
            has_glossary: m
                .layers
                .iter()
                .any(|l| l.description.is_some() || !l.items.is_empty()),
            all_parties: w.list(&in_sentence),
            either: w.either(&in_sentence),
            value: std::sync::OnceLock::new(),
        }
    }
}

fn party_views(m: &Model, theme: &Theme) -> Vec<PartyView> {
    m.parties
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let color = theme.party_color(i, p.color);
            PartyView {
                id: p.id.to_string(),
                label: p.label.clone(),
                tagline: p.tagline.clone(),
                in_sentence: p.in_sentence.clone(),
                color,
                text_color: text_on(color),
            }
        })
        .collect()
}

fn note_views(m: &Model) -> Vec<NoteView> {
    m.cell_notes()
        .into_iter()
        .enumerate()
        .map(|(i, (l, cs, text))| NoteView {
            mark: superscript(i + 1),
            layer: m.layer(l).label.clone(),
            // A note of one cell names its column; a note several share, only the row.
            service: match cs.as_slice() {
                [one] => one.service().map(|s| m.service(s).label.clone()),
                _ => None,
            },
            text: text.to_string(),
        })
        .collect()
}

fn service_view(m: &Model, s: ServiceIx, w: &Words) -> ServiceView {
    let col = m.columns()[s.0];
    let notes = m.cell_notes();
    let svc = &m.service(s);
    let changes = m
        .layer_ixs()
        .filter(|l| m.layer(*l).owner.as_ref() != Some(&svc.owners[l.0]))
        .map(|l| Change {
            layer: m.layer(l).label.clone(),
            from: m.layer(l).owner.as_ref().map(|o| owner_view(m, o, w)),
            to: owner_view(m, &svc.owners[l.0], w),
        })
        .collect();
    ServiceView {
        id: svc.id.to_string(),
        label: svc.label.clone(),
        category: svc.category.clone(),
        notes: svc.notes.clone(),
        cells: m
            .layer_ixs()
            .map(|l| {
                let owner = owner_view(m, m.cell(l, col), w);
                let info = m.info(l, col);
                CellView {
                    label: owner.label,
                    ids: owner.ids,
                    shared: owner.shared,
                    note: note_number_in(&notes, l, col).map(superscript),
                    status: info.status.map(Status::name),
                }
            })
            .collect(),
        changes,
        previous: (m.progression && s.0 > 0).then(|| m.service(ServiceIx(s.0 - 1)).label.clone()),
        steps: super::lessons::steps(m, s, w),
        stack: format!("stack-{}", svc.id),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{THREE_SERVICES, model};

    #[test]
    fn a_services_changes_are_the_layers_whose_owner_differs_from_the_default() {
        let m = model(THREE_SERVICES);
        let v = View::new(&m, &Theme::light(), &Words::default());
        let changes = |i: usize| -> Vec<(String, Vec<String>)> {
            v.services[i]
                .changes
                .iter()
                .map(|c| (c.layer.clone(), c.to.ids.clone()))
                .collect()
        };
        assert!(changes(0).is_empty(), "vm is the default split");
        assert_eq!(
            changes(1),
            [("OS".to_string(), vec!["provider".to_string()])]
        );
        let saas = changes(2);
        assert_eq!(saas.len(), 3);
        assert_eq!(saas[0].1, ["customer", "provider"], "shared data");
        let from = v.services[1].changes[0].from.as_ref().unwrap();
        assert_eq!(from.ids, ["customer"]);
    }
}
