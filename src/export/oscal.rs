//! `component-definition.json`: the split as an OSCAL component definition.
//!
//! Each column (service) is a component of type `service` (its id in the property `column`);
//! its one control implementation
//! lists every layer as an implemented requirement whose `control-id` is the layer's id, with
//! the parties responsible for it as `responsible-roles` (the parties are the metadata's
//! roles), the cell's note as its remarks, its status and sharing as properties in
//! demarcate's namespace, and links to its sources (back-matter resources). Layers are not
//! controls of a published catalogue, so each implementation's `source` points at a
//! back-matter resource that names the model as the catalogue of its own layers.
//!
//! UUIDs are version 5 (name-based) from the model id and the part's path, so the same model
//! gives the same file on every machine, and a layer keeps its UUID across builds. The time
//! stamp is the model's `as_of` date (else the epoch): nothing depends on the clock.

use serde::Serialize;
use uuid::Uuid;

use crate::model::{Column, LayerIx, Model};

/// The OSCAL version written: the newest release (1.2.1), which compliance-trestle reads.
pub const OSCAL_VERSION: &str = "1.2.1";

/// The namespace of demarcate's properties.
const NS: &str = "urn:demarcate:oscal";

/// The namespace of demarcate's name-based UUIDs (a fixed random UUID).
const UUID_NS: Uuid = Uuid::from_u128(0x5d3c_1f0a_8b7e_4c62_9a41_7e2d_0b6f_c318);

#[derive(Serialize)]
struct Document {
    #[serde(rename = "component-definition")]
    definition: Definition,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct Definition {
    uuid: String,
    metadata: Metadata,
    components: Vec<Component>,
    back_matter: BackMatter,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct Metadata {
    title: String,
    last_modified: String,
    version: String,
    oscal_version: &'static str,
    roles: Vec<Role>,
    remarks: String,
}

#[derive(Serialize)]
struct Role {
    id: String,
    title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct Component {
    uuid: String,
    #[serde(rename = "type")]
    kind: &'static str,
    title: String,
    description: String,
    props: Vec<Prop>,
    control_implementations: Vec<Implementation>,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct Implementation {
    uuid: String,
    source: String,
    description: String,
    implemented_requirements: Vec<Requirement>,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct Requirement {
    uuid: String,
    control_id: String,
    description: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    props: Vec<Prop>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    links: Vec<Link>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    responsible_roles: Vec<ResponsibleRole>,
    #[serde(skip_serializing_if = "Option::is_none")]
    remarks: Option<String>,
}

#[derive(Serialize)]
struct Prop {
    name: &'static str,
    ns: &'static str,
    value: String,
}

#[derive(Serialize)]
struct Link {
    href: String,
    rel: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct ResponsibleRole {
    role_id: String,
}

#[derive(Serialize)]
struct BackMatter {
    resources: Vec<Resource>,
}

#[derive(Serialize)]
struct Resource {
    uuid: String,
    title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    rlinks: Vec<Rlink>,
}

#[derive(Serialize)]
struct Rlink {
    href: String,
}

/// The name-based UUID of `path` in `model`.
fn uuid(model: &Model, path: &str) -> String {
    Uuid::new_v5(&UUID_NS, format!("{}/{path}", model.id.as_str()).as_bytes()).to_string()
}

/// The UUID of source `i`, from its id (else its URL), so it keeps it when sources move.
fn source_uuid(model: &Model, i: usize) -> String {
    let s = &model.sources[i];
    let key = s.id.as_ref().map_or(s.url.as_str(), |id| id.as_str());
    uuid(model, &format!("source/{key}"))
}

/// Text OSCAL takes in a one-line field (a title): line breaks as spaces, trimmed.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The component definition of `model`, as pretty JSON ending in a newline.
pub(super) fn component_definition(model: &Model) -> String {
    let catalogue = uuid(model, "layers");
    let doc = Document {
        definition: Definition {
            uuid: uuid(model, "component-definition"),
            metadata: metadata(model),
            components: model
                .columns()
                .into_iter()
                .map(|c| component(model, c, &catalogue))
                .collect(),
            back_matter: back_matter(model, &catalogue),
        },
    };
    let mut out = serde_json::to_string_pretty(&doc).unwrap_or_default();
    out.push('\n');
    out
}

fn metadata(model: &Model) -> Metadata {
    let date = model.as_of.clone();
    Metadata {
        title: one_line(&model.title),
        last_modified: format!("{}T00:00:00Z", date.as_deref().unwrap_or("1970-01-01")),
        version: date.unwrap_or_else(|| "1".into()),
        oscal_version: OSCAL_VERSION,
        roles: model
            .parties
            .iter()
            .map(|p| Role {
                id: p.id.as_str().to_string(),
                title: one_line(&p.label),
                description: p.tagline.clone(),
            })
            .collect(),
        remarks: format!(
            "Written by demarcate from the model `{}`. Each component is a column of the split, each implemented requirement one of its layers (control-id: the layer's id), and its responsible roles the parties responsible for that layer under that column.{}",
            model.id.as_str(),
            model
                .follows
                .as_ref()
                .map(|f| format!(" The model follows: {f}."))
                .unwrap_or_default()
        ),
    }
}

fn component(model: &Model, c: Column, catalogue: &str) -> Component {
    let (id, title, description) = match c.service() {
        Some(s) => {
            let s = model.service(s);
            let what = [s.category.as_deref(), s.notes.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(". ");
            let description = if what.is_empty() {
                format!("{} in {}.", s.label, model.title)
            } else {
                what
            };
            (s.id.as_str().to_string(), s.label.clone(), description)
        }
        None => (
            "default".to_string(),
            model.title.clone(),
            model.summary.clone().unwrap_or_else(|| model.title.clone()),
        ),
    };
    Component {
        uuid: uuid(model, &format!("component/{id}")),
        kind: "service",
        title: one_line(&title),
        description,
        props: vec![Prop {
            name: "column",
            ns: NS,
            value: id.clone(),
        }],
        control_implementations: vec![Implementation {
            uuid: uuid(model, &format!("implementation/{id}")),
            source: format!("#{catalogue}"),
            description: format!(
                "Who is responsible for each layer of {} under {}.",
                one_line(&model.title),
                one_line(&title)
            ),
            implemented_requirements: model
                .layer_ixs()
                .map(|l| requirement(model, l, c, &id))
                .collect(),
        }],
    }
}

fn requirement(model: &Model, l: LayerIx, c: Column, column: &str) -> Requirement {
    let layer = model.layer(l);
    let owner = model.cell(l, c);
    let info = model.info(l, c);
    let labels: Vec<&str> = owner
        .parties()
        .iter()
        .map(|&p| model.party(p).label.as_str())
        .collect();
    let who = if owner.is_na() {
        "not applicable".to_string()
    } else {
        labels.join(" and ")
    };
    let mut props = vec![Prop {
        name: "responsibility",
        ns: NS,
        value: if owner.is_na() {
            "not-applicable".into()
        } else if owner.is_shared() {
            "shared".into()
        } else {
            "single".into()
        },
    }];
    if let Some(s) = info.status {
        props.push(Prop {
            name: "status",
            ns: NS,
            value: s.name().to_string(),
        });
    }
    Requirement {
        uuid: uuid(
            model,
            &format!("requirement/{column}/{}", layer.id.as_str()),
        ),
        control_id: layer.id.as_str().to_string(),
        description: format!("{}: {who}.", layer.label),
        props,
        links: info
            .sources
            .iter()
            .map(|&i| Link {
                href: format!("#{}", source_uuid(model, i)),
                rel: "reference",
            })
            .collect(),
        responsible_roles: owner
            .parties()
            .iter()
            .map(|&p| ResponsibleRole {
                role_id: model.party(p).id.as_str().to_string(),
            })
            .collect(),
        remarks: info.note.clone(),
    }
}

fn back_matter(model: &Model, catalogue: &str) -> BackMatter {
    let mut resources = vec![Resource {
        uuid: catalogue.to_string(),
        title: format!("The layers of {}", one_line(&model.title)),
        description: Some(format!(
            "The demarcate model `{}` serves as the catalogue: each layer id is a control-id. Its layers: {}.",
            model.id.as_str(),
            model
                .layers
                .iter()
                .map(|l| format!("{} ({})", l.id.as_str(), l.label))
                .collect::<Vec<_>>()
                .join("; ")
        )),
        rlinks: vec![],
    }];
    resources.extend(model.sources.iter().enumerate().map(|(i, s)| Resource {
        uuid: source_uuid(model, i),
        title: one_line(&s.title),
        description: s.retrieved.as_ref().map(|r| format!("Retrieved {r}.")),
        rlinks: vec![Rlink {
            href: s.url.clone(),
        }],
    }));
    BackMatter { resources }
}
