//! The raw model: a plain mirror of the YAML with positions, no rules beyond shape.
//!
//! These types are also the source of the JSON Schema (`demarcate schema`): their doc comments
//! are the model reference that editors show.

use std::borrow::Cow;
use std::collections::BTreeMap;

use schemars::{JsonSchema, Schema, SchemaGenerator};

use crate::diag::Pos;

/// A value and the position where it stands in the YAML source.
#[derive(Debug, Clone, PartialEq)]
pub struct At<T> {
    /// The value read.
    pub value: T,
    /// Where it was read.
    pub pos: Pos,
}

impl<T: JsonSchema> JsonSchema for At<T> {
    fn schema_name() -> Cow<'static, str> {
        T::schema_name()
    }
    fn inline_schema() -> bool {
        T::inline_schema()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        T::json_schema(generator)
    }
}

/// A model of who secures what: parties, the layers of the stack, and the services (or service
/// models) that move the line between them.
#[derive(Debug, Clone, Default, JsonSchema)]
#[schemars(deny_unknown_fields, title = "demarcate model")]
pub struct RawModel {
    /// Where each top-level key stands, for errors about a whole list.
    #[schemars(skip)]
    pub keys: Vec<(String, Pos)>,
    /// Slug naming the output folder: lowercase letters, digits and `-`, at most 64 characters.
    pub id: At<String>,
    /// The model's title, e.g. "The AWS Shared Responsibility Model".
    pub title: At<String>,
    /// A line under the title.
    pub subtitle: Option<At<String>>,
    /// An introduction; Markdown allowed.
    pub summary: Option<At<String>>,
    /// What the columns are called: "Service", "Service model", "Activity". Default: "Service".
    pub axis: Option<At<String>>,
    /// The parties that share the responsibility, two or more; their order is the legend order.
    pub parties: Vec<RawParty>,
    /// The layers of the stack, drawn top to bottom.
    pub layers: Vec<RawLayer>,
    /// Columns (services, service models or activities); each may move the line.
    pub services: Option<Vec<RawService>>,
    /// Concrete duties, listed under the id of the party that carries them.
    #[schemars(with = "Option<BTreeMap<String, Vec<RawDuty>>>")]
    pub duties: Option<Vec<(At<String>, Vec<RawDuty>)>>,
    /// Audits, reports and certifications that attest the provider's part.
    pub assurance: Option<Vec<At<String>>>,
    /// An everyday comparison that makes the split memorable.
    pub analogy: Option<At<String>>,
    /// Where the facts come from.
    pub sources: Option<Vec<RawSource>>,
}

/// A party that carries part of the responsibility.
#[derive(Debug, Clone, Default, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RawParty {
    #[schemars(skip)]
    /// Where the entry starts.
    pub pos: Pos,
    /// Slug used to refer to the party from layers, services and duties.
    pub id: At<String>,
    /// Name shown to readers, e.g. "Customer".
    pub label: At<String>,
    /// A short line under the name, e.g. "Responsible for security IN the cloud".
    pub tagline: Option<At<String>>,
    /// Colour as `#rrggbb` (or `#rgb`); default: the theme's palette.
    pub color: Option<At<String>>,
}

/// One or several party ids; several mean the layer is shared.
#[derive(Debug, Clone, PartialEq, JsonSchema)]
#[schemars(untagged)]
pub enum RawOwner {
    /// One party.
    One(At<String>),
    /// Several parties sharing the layer.
    Shared(Vec<At<String>>),
}

/// A layer of the stack.
#[derive(Debug, Clone, Default, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RawLayer {
    #[schemars(skip)]
    /// Where the entry starts.
    pub pos: Pos,
    /// Slug used to refer to the layer from services and duties.
    pub id: At<String>,
    /// Name shown in the diagrams.
    pub label: At<String>,
    /// A sentence of explanation, shown in the handouts.
    pub description: Option<At<String>>,
    /// Parts of the layer, drawn as sub-boxes.
    pub items: Option<Vec<At<String>>>,
    /// Who secures this layer by default. Leave it out only when every service says.
    pub owner: Option<At<RawOwner>>,
}

/// A column: a service, a service model or an activity.
#[derive(Debug, Clone, Default, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RawService {
    #[schemars(skip)]
    /// Where the entry starts.
    pub pos: Pos,
    /// Slug naming the column and its `stack-<id>` pictures.
    pub id: At<String>,
    /// Name shown to readers, e.g. "Amazon EC2".
    pub label: At<String>,
    /// A kind, e.g. "Infrastructure service".
    pub category: Option<At<String>>,
    /// Owners that differ from the layers' defaults, by layer id.
    #[schemars(with = "Option<BTreeMap<String, RawOwner>>")]
    pub owners: Option<Vec<(At<String>, At<RawOwner>)>>,
    /// Remarks shown in the handouts.
    pub notes: Option<At<String>>,
}

/// A duty: plain text, or text tied to layers and services.
#[derive(Debug, Clone, PartialEq, JsonSchema)]
#[schemars(untagged)]
pub enum RawDuty {
    /// Just the text.
    Text(At<String>),
    /// Text with the layers and services it concerns.
    Detailed(RawDutyDetail),
}

/// A duty with the layers and services it concerns.
#[derive(Debug, Clone, PartialEq, Default, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RawDutyDetail {
    #[schemars(skip)]
    /// Where the entry starts.
    pub pos: Pos,
    /// What the party does.
    pub text: At<String>,
    /// Ids of the layers the duty belongs to.
    pub layers: Option<Vec<At<String>>>,
    /// Ids of the services it applies to; none means all.
    pub services: Option<Vec<At<String>>>,
}

/// A reference.
#[derive(Debug, Clone, Default, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RawSource {
    #[schemars(skip)]
    /// Where the entry starts.
    pub pos: Pos,
    /// Title of the page or document.
    pub title: At<String>,
    /// Address: http, https or mailto only.
    pub url: At<String>,
}

impl Default for At<String> {
    fn default() -> Self {
        At {
            value: String::new(),
            pos: Pos::UNKNOWN,
        }
    }
}
