//! The parts of a model: each raw party, layer, service, duty and source checked and resolved.

use super::meta::RawInfo;
use super::*;

impl Validator {
    /// The model, when its parts are whole enough to make one.
    pub(super) fn model(&mut self, raw: &RawModel) -> Option<Model> {
        let id = self.slug(&raw.id, "id");
        let title = self.text(&raw.title, "title");
        if !self.shape(raw) {
            return None;
        }
        let services_raw = raw.services.as_deref().unwrap_or_default();
        let [party_ids, layer_ids, service_ids, source_ids] = all_ids(raw);

        let parties = raw
            .parties
            .iter()
            .enumerate()
            .map(|(i, p)| self.party(p, i))
            .collect();
        let layers: Vec<Layer> = raw
            .layers
            .iter()
            .enumerate()
            .map(|(i, l)| self.layer(&party_ids, &source_ids, l, i, services_raw.is_empty()))
            .collect();
        let services = services_raw
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let ids = [&party_ids, &layer_ids, &source_ids];
                self.service(ids, &layers, raw, s, i)
            })
            .collect::<Option<Vec<_>>>();
        let duties = self.duties(raw, &party_ids, &layer_ids, &service_ids);
        let sources = raw
            .sources
            .iter()
            .flatten()
            .enumerate()
            .map(|(i, s)| self.source(s, i))
            .collect();
        let assurance = self.texts(raw.assurance.as_deref(), "assurance");
        let objectives = self.texts(raw.objectives.as_deref(), "objectives");
        let opt = |v: &mut Self, s: &Option<At<String>>, f: &str| s.as_ref().map(|s| v.text(s, f));
        let axis = opt(self, &raw.axis, "axis").unwrap_or_else(|| "Service".to_string());
        let progression = raw.progression.as_ref().is_none_or(|p| p.value);
        let pictures = self.pictures(raw, progression);
        let classes = self.classes(raw, &party_ids);
        let follows = opt(self, &raw.follows, "follows");
        let as_of = self.date(raw.as_of.as_ref(), "as_of");
        let (quiz_length, questions) = self.quiz(raw.quiz.as_ref());
        Some(Model {
            id,
            title,
            subtitle: opt(self, &raw.subtitle, "subtitle"),
            summary: opt(self, &raw.summary, "summary"),
            axis_lower: axis.to_lowercase(),
            axis,
            parties,
            layers,
            services: services?,
            duties,
            assurance,
            analogy: opt(self, &raw.analogy, "analogy"),
            sources,
            progression,
            pictures,
            classes,
            follows,
            as_of,
            objectives,
            quiz_length,
            questions,
            lang: "en".to_string(),
        })
    }

    /// Each text of an optional list, checked.
    pub(super) fn texts(&mut self, list: Option<&[At<String>]>, field: &str) -> Vec<String> {
        list.unwrap_or_default()
            .iter()
            .enumerate()
            .map(|(i, t)| self.text(t, &format!("{field}[{i}]")))
            .collect()
    }

    /// The checks of the model as a whole: enough parties and layers, not too many cells, no
    /// id twice. False when the model is too large to look at further.
    fn shape(&mut self, raw: &RawModel) -> bool {
        if raw.parties.len() < 2 && !raw.keys.is_empty() {
            let found = raw.parties.len();
            self.error(
                Self::key_pos(raw, "parties"),
                "parties",
                format!("a model needs at least two parties, this one has {found}"),
                "add the other side of the split, e.g. the customer and the provider",
            );
        }
        let cells = raw.layers.len() * raw.services.as_ref().map_or(1, |s| s.len().max(1));
        if cells > self.limits.max_cells {
            let pos = Self::key_pos(raw, "services");
            self.error(
                pos,
                "services",
                format!(
                    "{} layers × {} services make {cells} cells, more than the limit of {}",
                    raw.layers.len(),
                    raw.services.as_ref().map_or(0, Vec::len),
                    self.limits.max_cells
                ),
                "split the model; raise the limit with --max-cells if this is intended",
            );
            return false;
        }
        if raw.layers.is_empty() && !raw.keys.is_empty() {
            self.error(
                Self::key_pos(raw, "layers"),
                "layers",
                "a model needs at least one layer",
                "list the layers of the stack, top to bottom",
            );
        }
        self.unique(
            raw.parties
                .iter()
                .enumerate()
                .map(|(i, p)| (&p.id, format!("parties[{i}].id"))),
            "party",
        );
        self.unique(
            raw.layers
                .iter()
                .enumerate()
                .map(|(i, l)| (&l.id, format!("layers[{i}].id"))),
            "layer",
        );
        let services_raw = raw.services.as_deref().unwrap_or_default();
        self.unique(
            services_raw
                .iter()
                .enumerate()
                .map(|(i, s)| (&s.id, format!("services[{i}].id"))),
            "service",
        );
        true
    }

    fn party(&mut self, p: &RawParty, i: usize) -> Party {
        let field = format!("parties[{i}]");
        let color = p
            .color
            .as_ref()
            .and_then(|c| match Rgb::parse(c.value.trim()) {
                Some(rgb) => Some(rgb),
                None => {
                    self.error(
                        c.pos,
                        format!("{field}.color"),
                        format!("`{}` is not a colour", c.value),
                        "write it as `#rrggbb` in quotes, e.g. \"#232f3e\"",
                    );
                    None
                }
            });
        Party {
            id: self.slug(&p.id, &format!("{field}.id")),
            label: self.text(&p.label, &format!("{field}.label")),
            tagline: p
                .tagline
                .as_ref()
                .map(|t| self.text(t, &format!("{field}.tagline"))),
            in_sentence: match &p.in_sentence {
                Some(t) => self.text(t, &format!("{field}.in_sentence")),
                None => p.label.value.clone(),
            },
            color,
        }
    }

    fn layer(
        &mut self,
        parties: &Ids,
        sources: &Ids,
        l: &RawLayer,
        i: usize,
        no_services: bool,
    ) -> Layer {
        let field = format!("layers[{i}]");
        let raw_info = RawInfo {
            status: l.status.as_ref(),
            sources: l.sources.as_deref(),
            note: l.note.as_ref(),
        };
        let info = self.cell_info(sources, &raw_info, &CellInfo::default(), &field);
        let owner = l
            .owner
            .as_ref()
            .and_then(|o| self.owner(parties, o, &format!("{field}.owner")));
        if l.owner.is_none() && no_services {
            self.error(
                l.pos,
                format!("{field}.owner"),
                format!("layer `{}` has no owner", l.id.value),
                "add `owner: <party id>` (or a list of party ids for a shared layer)",
            );
        }
        Layer {
            id: self.slug(&l.id, &format!("{field}.id")),
            label: self.text(&l.label, &format!("{field}.label")),
            description: l
                .description
                .as_ref()
                .map(|d| self.text(d, &format!("{field}.description"))),
            in_sentence: match &l.in_sentence {
                Some(t) => self.text(t, &format!("{field}.in_sentence")),
                None => crate::model::in_sentence(&l.label.value),
            },
            group: l
                .group
                .as_ref()
                .map(|g| self.text(g, &format!("{field}.group"))),
            items: l
                .items
                .iter()
                .flatten()
                .enumerate()
                .map(|(j, it)| self.text(it, &format!("{field}.items[{j}]")))
                .collect(),
            info,
            owner,
        }
    }

    fn service(
        &mut self,
        [parties, layer_ids, sources]: [&Ids; 3],
        layers: &[Layer],
        raw: &RawModel,
        s: &RawService,
        i: usize,
    ) -> Option<Service> {
        let field = format!("services[{i}]");
        let mut owners: Vec<Option<Owner>> = layers.iter().map(|l| l.owner.clone()).collect();
        let mut info: Vec<CellInfo> = layers.iter().map(|l| l.info.clone()).collect();
        for (layer, cell) in s.owners.iter().flatten() {
            let f = format!("{field}.owners.{}", layer.value);
            let resolved = self.resolve(layer_ids, layer, &f);
            let owner = cell.owner.as_ref().and_then(|o| self.owner(parties, o, &f));
            let raw_info = RawInfo {
                status: cell.status.as_ref(),
                sources: cell.sources.as_deref(),
                note: cell.note.as_ref(),
            };
            if let (Some(li), Some(owner)) = (resolved, owner) {
                // A layer's note explains its default owner: a cell that names its own owner
                // keeps the row's status and sources, not that note.
                let inherited = CellInfo {
                    note: None,
                    ..layers[li].info.clone()
                };
                info[li] = self.cell_info(sources, &raw_info, &inherited, &f);
                owners[li] = Some(owner);
            }
        }
        let mut complete = Vec::new();
        for (li, owner) in owners.into_iter().enumerate() {
            match owner {
                Some(o) => complete.push(o),
                None if raw.layers[li].owner.is_some() => return None, // its own error was reported
                None => {
                    let layer = &raw.layers[li].id.value;
                    self.error(
                        s.pos,
                        format!("{field}.owners"),
                        format!("no owner for layer `{layer}` under service `{}`", s.id.value),
                        format!("add `{layer}: <party id>` under this service's `owners`, or give the layer a default `owner`"),
                    );
                    return None;
                }
            }
        }
        Some(Service {
            id: self.slug(&s.id, &format!("{field}.id")),
            label: self.text(&s.label, &format!("{field}.label")),
            category: s
                .category
                .as_ref()
                .map(|c| self.text(c, &format!("{field}.category"))),
            notes: s
                .notes
                .as_ref()
                .map(|c| self.text(c, &format!("{field}.notes"))),
            owners: complete,
            reference: s.reference.as_ref().is_some_and(|r| r.value),
            info,
        })
    }

    fn duties(&mut self, raw: &RawModel, parties: &Ids, layers: &Ids, services: &Ids) -> Vec<Duty> {
        let mut out = Vec::new();
        for (party, list) in raw.duties.iter().flatten() {
            let field = format!("duties.{}", party.value);
            let Some(p) = self.resolve(parties, party, &field) else {
                continue;
            };
            for (j, d) in list.iter().enumerate() {
                let f = format!("{field}[{j}]");
                let duty = match d {
                    RawDuty::Text(t) => Duty {
                        party: PartyIx(p),
                        text: self.text(t, &f),
                        layers: vec![],
                        services: vec![],
                    },
                    RawDuty::Detailed(d) => {
                        let ls =
                            self.resolve_all(layers, d.layers.as_deref(), &format!("{f}.layers"));
                        let ss = self.resolve_all(
                            services,
                            d.services.as_deref(),
                            &format!("{f}.services"),
                        );
                        Duty {
                            party: PartyIx(p),
                            text: self.text(&d.text, &format!("{f}.text")),
                            layers: ls.into_iter().map(LayerIx).collect(),
                            services: ss.into_iter().map(ServiceIx).collect(),
                        }
                    }
                };
                out.push(duty);
            }
        }
        out
    }

    fn source(&mut self, s: &RawSource, i: usize) -> Source {
        let field = format!("sources[{i}]");
        let url = s.url.value.trim();
        let scheme_ok = ["https://", "http://", "mailto:"].iter().any(|p| {
            url.len() > p.len()
                && url
                    .get(..p.len())
                    .is_some_and(|head| head.eq_ignore_ascii_case(p))
        });
        if s.url.pos.is_known()
            && (!scheme_ok || url.chars().any(|c| c.is_whitespace() || c.is_control()))
        {
            self.error(
                s.url.pos,
                format!("{field}.url"),
                format!("`{url}` is not an allowed link"),
                "links must start with https://, http:// or mailto: and contain no spaces",
            );
        }
        Source {
            title: self.text(&s.title, &format!("{field}.title")),
            url: url.to_string(),
            id: s
                .id
                .as_ref()
                .map(|id| self.slug(id, &format!("{field}.id"))),
            retrieved: self.date(s.retrieved.as_ref(), &format!("{field}.retrieved")),
        }
    }
}

/// The ids of a model's parties, layers, services and sources, for resolving references.
fn all_ids(raw: &RawModel) -> [Ids<'_>; 4] {
    let services_raw = raw.services.as_deref().unwrap_or_default();
    let party_ids = Ids {
        what: "party",
        list: "parties",
        ids: raw.parties.iter().map(|p| p.id.value.as_str()).collect(),
    };
    let layer_ids = Ids {
        what: "layer",
        list: "layers",
        ids: raw.layers.iter().map(|l| l.id.value.as_str()).collect(),
    };
    let service_ids = Ids {
        what: "service",
        list: "services",
        ids: services_raw.iter().map(|s| s.id.value.as_str()).collect(),
    };
    let source_ids = Ids {
        what: "source",
        list: "sources",
        ids: raw
            .sources
            .iter()
            .flatten()
            .map(|s| s.id.as_ref().map_or("\u{0}", |id| id.value.as_str()))
            .collect(),
    };

    [party_ids, layer_ids, service_ids, source_ids]
}
