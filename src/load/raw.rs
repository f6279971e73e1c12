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
    /// Whether the columns form a progression (on-premises → IaaS → PaaS → SaaS), so that a
    /// picture of the line moving across them means something. False for activities or
    /// products side by side. Default: true.
    pub progression: Option<At<bool>>,
    /// Which pictures to make: any of `stack`, `matrix`, `shift`. Default: from the model's
    /// shape (no matrix or shift without columns, no shift unless the columns are a progression).
    pub pictures: Option<Vec<At<String>>>,
    /// Names of the row classes, e.g. Azure's "Responsibility always retained by the
    /// customer": keys are a party id (rows always that party's), `shared` (rows always shared
    /// the same way) and `varies` (rows whose owner changes across the columns).
    #[schemars(with = "Option<BTreeMap<String, String>>")]
    pub classes: Option<Vec<(At<String>, At<String>)>>,
    /// What the model follows, e.g. "Microsoft Learn, Shared responsibility in the cloud,
    /// responsibility matrix (January 2026)".
    pub follows: Option<At<String>>,
    /// When the sources were last read, as `YYYY-MM-DD`.
    pub as_of: Option<At<String>>,
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
    /// What a reader of the handout should be able to do afterwards, one sentence each.
    /// Default: objectives derived from the model's shape.
    pub objectives: Option<Vec<At<String>>>,
    /// The review questions: how many, and the author's own questions, asked first.
    pub quiz: Option<RawQuiz>,
}

/// The handout's quiz.
#[derive(Debug, Clone, Default, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RawQuiz {
    #[schemars(skip)]
    /// Where the entry starts.
    pub pos: Pos,
    /// How many questions to ask, 0 to 100 (0: no quiz). Default: 10.
    pub length: Option<At<i64>>,
    /// The author's questions, asked before the questions drawn from the matrix.
    pub questions: Option<Vec<RawQuestion>>,
}

/// A multiple-choice question written by the model's author.
#[derive(Debug, Clone, Default, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RawQuestion {
    #[schemars(skip)]
    /// Where the entry starts.
    pub pos: Pos,
    /// The question.
    pub stem: At<String>,
    /// The choices, two to six.
    pub options: Vec<At<String>>,
    /// The right choice, as its text (one of `options`).
    pub answer: At<String>,
    /// Why it is right, shown in the answer key.
    pub explanation: Option<At<String>>,
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
    /// How the handouts write the party inside a sentence, e.g. "the customer". Default:
    /// the label as it is.
    pub in_sentence: Option<At<String>>,
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
    /// How the handouts write the layer inside a sentence, e.g. "the operating system".
    /// Default: the label with its first letter in lower case, unless its first word is an
    /// acronym or a name ("IaaS", "AWS").
    pub in_sentence: Option<At<String>>,
    /// Parts of the layer, drawn as sub-boxes.
    pub items: Option<Vec<At<String>>>,
    /// The group the layer belongs to in a long catalogue (a CCM domain, a NIST control
    /// family, e.g. `IAM`): the coverage picture draws one bar per group.
    pub group: Option<At<String>>,
    /// Who secures this layer by default: a party id, a list of them for a shared layer, or
    /// `n/a` where the layer does not apply. Leave it out only when every service says.
    pub owner: Option<At<RawOwner>>,
    /// How the row's cells are known, unless a cell says otherwise.
    pub status: Option<At<String>>,
    /// Ids of the sources the row's cells rest on, unless a cell says otherwise.
    pub sources: Option<Vec<At<String>>>,
    /// Who does what in the default cell, e.g. in a shared layer.
    pub note: Option<At<String>>,
}

/// One cell of a column: its owner, and optionally how it is known and who does what.
#[derive(Debug, Clone, Default, PartialEq, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RawCell {
    /// One party id, a list of party ids for a shared cell, or `n/a` where the layer does not
    /// apply to this column.
    pub owner: Option<At<RawOwner>>,
    /// How the cell is known: `published` (the vendor says so), `derived` (inferred from the
    /// vendor's text) or `illustrative` (the author's example).
    pub status: Option<At<String>>,
    /// Ids of the sources the cell rests on.
    pub sources: Option<Vec<At<String>>>,
    /// Who does what in the cell, e.g. "AWS provides encryption at rest; the customer turns
    /// it on".
    pub note: Option<At<String>>,
}

/// A cell given as just its owner, or with details.
#[derive(Debug, Clone, PartialEq, JsonSchema)]
#[schemars(untagged)]
pub enum RawCellValue {
    /// One party id, or a list of them.
    Owner(RawOwner),
    /// The owner with its status, sources and note.
    Detailed(RawCell),
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
    /// Cells that differ from the layers' defaults, by layer id: an owner, or an owner with
    /// its status, sources and note.
    #[schemars(with = "Option<BTreeMap<String, RawCellValue>>")]
    pub owners: Option<Vec<(At<String>, RawCell)>>,
    /// Remarks shown in the handouts.
    pub notes: Option<At<String>>,
    /// A reference column (e.g. on-premises): drawn, but not used to classify rows, and set
    /// apart in the matrix. Default: false.
    pub reference: Option<At<bool>>,
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
    /// Slug for citing the source from a layer or cell.
    pub id: Option<At<String>>,
    /// When the page was read, as `YYYY-MM-DD`.
    pub retrieved: Option<At<String>>,
}

impl Default for At<String> {
    fn default() -> Self {
        At {
            value: String::new(),
            pos: Pos::UNKNOWN,
        }
    }
}
