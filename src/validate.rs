//! Raw model → [`Model`]: checks ids, resolves references, gives every cell an owner, and
//! reports all problems at once. Warnings (lint) travel beside a successful result.

use std::collections::BTreeMap;

use crate::diag::{Diagnostic, Pos, Warned, did_you_mean};
use crate::limits::Limits;
use crate::load::raw::*;
use crate::model::*;
use crate::theme::{AA, Rgb, contrast, text_on};

/// Validates `raw`: the model with its warnings when there is no error, else every error found
/// (in no particular order).
pub fn validate(raw: &RawModel, limits: &Limits) -> Result<Warned<Model>, Vec<Diagnostic>> {
    let mut v = Validator {
        diags: Vec::new(),
        limits: *limits,
    };
    let model = v.model(raw);
    match model {
        Some(m) if !v.diags.iter().any(Diagnostic::is_error) => {
            v.lint(&m, raw);
            Ok(Warned {
                value: m,
                warnings: v.diags,
            })
        }
        _ => {
            // Warnings about a model that does not load are noise next to its errors.
            v.diags.retain(Diagnostic::is_error);
            if v.diags.is_empty() {
                v.diags.push(Diagnostic::error("the model is incomplete"));
            }
            Err(v.diags)
        }
    }
}

struct Validator {
    diags: Vec<Diagnostic>,
    limits: Limits,
}

/// Ids defined in one list, for resolving references to them.
struct Ids<'a> {
    what: &'static str,
    list: &'static str,
    ids: Vec<&'a str>,
}

impl Ids<'_> {
    fn find(&self, id: &str) -> Option<usize> {
        self.ids.iter().position(|x| *x == id)
    }
}

impl Validator {
    fn error(
        &mut self,
        pos: Pos,
        field: impl Into<String>,
        msg: impl Into<String>,
        hint: impl Into<String>,
    ) {
        self.push(Diagnostic::error(msg), pos, field.into(), hint.into());
    }

    fn warn(
        &mut self,
        pos: Pos,
        field: impl Into<String>,
        msg: impl Into<String>,
        hint: impl Into<String>,
    ) {
        self.push(Diagnostic::warning(msg), pos, field.into(), hint.into());
    }

    fn push(&mut self, d: Diagnostic, pos: Pos, field: String, hint: String) {
        self.diags.push(d.at(pos).field(field).hint(hint));
    }

    fn slug(&mut self, id: &At<String>, field: &str) -> Slug {
        match Slug::parse(&id.value) {
            Ok(s) => s,
            Err(msg) => {
                let hint = match Slug::suggest(&id.value) {
                    s if s.is_empty() => "use lowercase letters, digits and `-`".to_string(),
                    s => format!("use lowercase letters, digits and `-`, e.g. `{s}`"),
                };
                if id.pos.is_known() {
                    self.error(id.pos, field, msg, hint);
                }
                Slug::parse("invalid").expect("a valid literal")
            }
        }
    }

    fn text(&mut self, s: &At<String>, field: &str) -> String {
        if !s.pos.is_known() {
            return String::new();
        }
        if s.value.trim().is_empty() {
            self.error(
                s.pos,
                field,
                "this text is empty",
                "write something, or remove the field",
            );
        }
        let chars = s.value.chars().count();
        if chars > self.limits.max_text {
            self.error(
                s.pos,
                field,
                format!(
                    "this text has {chars} characters, more than the limit of {}",
                    self.limits.max_text
                ),
                "shorten it; raise the limit with --max-text if it must be this long",
            );
        }
        if let Some((what, c, hint)) = s.value.chars().find_map(refused_char) {
            self.error(
                s.pos,
                field,
                format!("this text contains the {what} U+{:04X}", c as u32),
                hint,
            );
        }
        s.value.trim().to_string()
    }

    /// Resolves a reference; an unknown one is reported with the nearest defined id.
    fn resolve(&mut self, ids: &Ids, r: &At<String>, field: &str) -> Option<usize> {
        if let Some(i) = ids.find(&r.value) {
            return Some(i);
        }
        let hint = match did_you_mean(&r.value, ids.ids.iter().copied()) {
            Some(near) => format!("did you mean `{near}`?"),
            None if ids.ids.is_empty() => format!("define it under `{}` first", ids.list),
            None => format!("the {} are: {}", plural_of(ids.what), ids.ids.join(", ")),
        };
        self.error(
            r.pos,
            field,
            format!("unknown {} `{}`", ids.what, r.value),
            hint,
        );
        None
    }

    /// Resolves each reference of an optional list; unknown ones are reported and left out.
    fn resolve_all(&mut self, ids: &Ids, refs: Option<&[At<String>]>, field: &str) -> Vec<usize> {
        refs.unwrap_or_default()
            .iter()
            .enumerate()
            .filter_map(|(k, r)| self.resolve(ids, r, &format!("{field}[{k}]")))
            .collect()
    }

    fn unique<'a>(&mut self, ids: impl Iterator<Item = (&'a At<String>, String)>, what: &str) {
        let mut seen: BTreeMap<&str, Pos> = BTreeMap::new();
        // An id without a place was missing and is reported as such already.
        for (id, field) in ids.filter(|(id, _)| id.pos.is_known()) {
            if let Some(first) = seen.get(id.value.as_str()) {
                self.error(
                    id.pos,
                    field,
                    format!("duplicate {what} id `{}`", id.value),
                    format!(
                        "it is already used at line {}; give each {what} its own id",
                        first.line
                    ),
                );
            } else {
                seen.insert(&id.value, id.pos);
            }
        }
    }

    fn owner(&mut self, parties: &Ids, raw: &At<RawOwner>, field: &str) -> Option<Owner> {
        let refs: Vec<(&At<String>, String)> = match &raw.value {
            RawOwner::One(p) => vec![(p, field.to_string())],
            RawOwner::Shared(ps) => ps
                .iter()
                .enumerate()
                .map(|(i, p)| (p, format!("{field}[{i}]")))
                .collect(),
        };
        if refs.is_empty() {
            self.error(
                raw.pos,
                field,
                "an owner list cannot be empty",
                "name one party, or several for a shared layer",
            );
            return None;
        }
        let resolved: Vec<Option<usize>> = refs
            .iter()
            .map(|(r, f)| self.resolve(parties, r, f))
            .collect();
        let ixs: Option<Vec<PartyIx>> = resolved.into_iter().map(|o| o.map(PartyIx)).collect();
        ixs.map(Owner::new)
    }

    fn key_pos(raw: &RawModel, key: &str) -> Pos {
        raw.keys
            .iter()
            .find(|(k, _)| k == key)
            .map_or(Pos { line: 1, column: 1 }, |(_, p)| *p)
    }

    fn model(&mut self, raw: &RawModel) -> Option<Model> {
        let id = self.slug(&raw.id, "id");
        let title = self.text(&raw.title, "title");
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
            return None;
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
            .map(|(i, l)| self.layer(&party_ids, l, i, services_raw.is_empty()))
            .collect();
        let services = services_raw
            .iter()
            .enumerate()
            .map(|(i, s)| self.service(&party_ids, &layer_ids, &layers, raw, s, i))
            .collect::<Option<Vec<_>>>();
        let duties = self.duties(raw, &party_ids, &layer_ids, &service_ids);
        let sources = raw
            .sources
            .iter()
            .flatten()
            .enumerate()
            .map(|(i, s)| self.source(s, i))
            .collect();
        let assurance = raw
            .assurance
            .iter()
            .flatten()
            .enumerate()
            .map(|(i, a)| self.text(a, &format!("assurance[{i}]")))
            .collect();
        let opt = |v: &mut Self, s: &Option<At<String>>, f: &str| s.as_ref().map(|s| v.text(s, f));
        let axis = opt(self, &raw.axis, "axis").unwrap_or_else(|| "Service".to_string());
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
        })
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
            color,
        }
    }

    fn layer(&mut self, parties: &Ids, l: &RawLayer, i: usize, no_services: bool) -> Layer {
        let field = format!("layers[{i}]");
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
            items: l
                .items
                .iter()
                .flatten()
                .enumerate()
                .map(|(j, it)| self.text(it, &format!("{field}.items[{j}]")))
                .collect(),
            owner,
        }
    }

    fn service(
        &mut self,
        parties: &Ids,
        layer_ids: &Ids,
        layers: &[Layer],
        raw: &RawModel,
        s: &RawService,
        i: usize,
    ) -> Option<Service> {
        let field = format!("services[{i}]");
        let mut owners: Vec<Option<Owner>> = layers.iter().map(|l| l.owner.clone()).collect();
        let mut seen = Vec::new();
        for (layer, owner) in s.owners.iter().flatten() {
            let f = format!("{field}.owners.{}", layer.value);
            let resolved = self.resolve(layer_ids, layer, &f);
            let owner = self.owner(parties, owner, &f);
            if let (Some(li), Some(owner)) = (resolved, owner) {
                seen.push(li);
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
        }
    }

    /// Warns about drawn text with characters the bundled font lacks.
    fn lint_glyphs(&mut self, raw: &RawModel) {
        let mut drawn: Vec<(&At<String>, String)> = vec![(&raw.title, "title".into())];
        drawn.extend(raw.subtitle.iter().map(|s| (s, "subtitle".into())));
        for (i, p) in raw.parties.iter().enumerate() {
            drawn.push((&p.label, format!("parties[{i}].label")));
            drawn.extend(
                p.tagline
                    .iter()
                    .map(|t| (t, format!("parties[{i}].tagline"))),
            );
        }
        for (i, l) in raw.layers.iter().enumerate() {
            drawn.push((&l.label, format!("layers[{i}].label")));
            drawn.extend(
                l.items
                    .iter()
                    .flatten()
                    .enumerate()
                    .map(|(j, it)| (it, format!("layers[{i}].items[{j}]"))),
            );
        }
        for (i, s) in raw.services.iter().flatten().enumerate() {
            drawn.push((&s.label, format!("services[{i}].label")));
            drawn.extend(
                s.category
                    .iter()
                    .map(|c| (c, format!("services[{i}].category"))),
            );
        }
        for (text, field) in drawn {
            let missing = crate::fonts::missing_chars(&text.value);
            if !missing.is_empty() {
                let shown: String = missing.iter().take(12).collect();
                self.warn(text.pos, field, format!("the bundled font cannot draw {shown}"), "these characters show as empty boxes in the PNGs; the SVGs and handouts use the viewer's fonts");
            }
        }
    }

    /// Warnings that do not block a build.
    fn lint(&mut self, m: &Model, raw: &RawModel) {
        self.lint_glyphs(raw);
        for p in m.party_ixs() {
            let owns = m
                .layers
                .iter()
                .filter_map(|l| l.owner.as_ref())
                .chain(m.services.iter().flat_map(|s| &s.owners))
                .any(|o| o.includes(p));
            let has_duties = m.duties.iter().any(|d| d.party == p);
            if !owns {
                let hint = if has_duties {
                    "it has duties but no layer; give it a layer or a shared cell"
                } else {
                    "give it a layer, or remove it"
                };
                self.warn(
                    raw.parties[p.0].pos,
                    format!("parties[{}]", p.0),
                    format!("party `{}` owns no layer under any service", m.party(p).id),
                    hint,
                );
            }
            if let Some(c) = m.party(p).color {
                let ratio = contrast(text_on(c), c);
                if ratio < AA {
                    let pos = raw.parties[p.0]
                        .color
                        .as_ref()
                        .map_or(Pos::UNKNOWN, |c| c.pos);
                    self.warn(pos, format!("parties[{}].color", p.0), format!("text on `{}` reaches a contrast of only {ratio:.2}:1 (WCAG AA asks 4.5:1)", c.hex()), "pick a darker or a lighter colour");
                }
            }
        }
        // A service without `owners:` is meant as the default split (EC2 in the AWS model); it
        // is worth a warning only when its overrides change nothing, or when a second one is.
        let mut default_like = 0;
        for (i, s) in m.services.iter().enumerate() {
            let same = m
                .layers
                .iter()
                .zip(&s.owners)
                .all(|(l, o)| l.owner.as_ref() == Some(o));
            let raw_s = &raw.services.as_deref().unwrap_or_default()[i];
            if !same {
                continue;
            }
            default_like += 1;
            if raw_s.owners.as_ref().is_some_and(|o| !o.is_empty()) || default_like > 1 {
                self.warn(
                    raw_s.pos,
                    format!("services[{i}]"),
                    format!(
                        "service `{}` has the same owners as the layer defaults",
                        s.id
                    ),
                    "add `owners:` for the layers whose owner moves, or drop the service",
                );
            }
        }
    }
}

/// A character that model text may not hold, with what it is called and a hint: control
/// characters (XML cannot carry most of them), noncharacters (U+FFFE, U+FFFF, U+FDD0–U+FDEF
/// and the last two of every plane: not text, and malformed in XML), and the bidirectional
/// embedding, override and isolate controls (they would reverse how a label reads in a
/// picture or handout; the direction of each label comes from its own letters).
fn refused_char(c: char) -> Option<(&'static str, char, &'static str)> {
    let n = c as u32;
    if c.is_control() && !matches!(c, '\n' | '\t' | '\r') {
        Some((
            "control character",
            c,
            "remove it; control characters cannot appear in SVG or HTML",
        ))
    } else if (0xFDD0..=0xFDEF).contains(&n) || n & 0xFFFE == 0xFFFE {
        Some((
            "noncharacter",
            c,
            "remove it; noncharacters are not text and cannot appear in SVG or HTML",
        ))
    } else if matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}') {
        Some((
            "bidirectional control",
            c,
            "remove it; each text is laid out in the direction of its own letters, and an override would make it read reversed",
        ))
    } else {
        None
    }
}

/// The plural of a kind of id in a hint: "parties", "layers", "services".
fn plural_of(what: &str) -> String {
    match what.strip_suffix('y') {
        Some(stem) => format!("{stem}ies"),
        None => format!("{what}s"),
    }
}
