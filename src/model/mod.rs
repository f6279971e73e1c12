//! The validated model: ids are checked slugs, references are resolved to indices, and every
//! (layer, service) cell has an owner. Later stages rely on these guarantees and never re-check.

mod meta;

pub use meta::{
    AuthorQuestion, CellInfo, ClassNames, PictureKind, Status, in_sentence, superscript,
};

use serde::Serialize;

use crate::theme::Rgb;

/// Names Windows reserves for devices, in any case and with any extension.
const RESERVED: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// A checked id: `[a-z0-9][a-z0-9-]*`, at most [`Slug::MAX_LEN`] characters. Safe as a file name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Slug(String);

impl Slug {
    /// The longest id, in characters.
    pub const MAX_LEN: usize = 64;

    /// Checks `s`; the error says what is wrong with it.
    pub fn parse(s: &str) -> Result<Slug, String> {
        if s.is_empty() {
            return Err("an id cannot be empty".into());
        }
        if s.len() > Self::MAX_LEN {
            return Err(format!(
                "an id has at most {} characters, this one has {}",
                Self::MAX_LEN,
                s.len()
            ));
        }
        let first_ok = s.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit());
        let rest_ok = s
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !(first_ok && rest_ok) {
            return Err(format!("`{}` is not a valid id", s.escape_debug()));
        }
        if RESERVED.contains(&s) {
            return Err(format!(
                "`{s}` is a reserved device name on Windows and cannot name a folder"
            ));
        }
        Ok(Slug(s.to_string()))
    }

    /// The nearest valid slug to `s`, offered as a hint: letters transliterated to ASCII
    /// (`Ünïcode` → `unicode`), other runs of characters as `-`, a Windows device name given
    /// a `-model` suffix (`con` → `con-model`). Empty when `s` has no letter or digit.
    pub fn suggest(s: &str) -> String {
        let mut out = String::new();
        let ascii = deunicode::deunicode(s.trim());
        for c in ascii.chars().flat_map(char::to_lowercase) {
            if c.is_ascii_alphanumeric() {
                out.push(c);
            } else if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
        }
        let out = out.trim_end_matches('-');
        let out = out
            .chars()
            .take(Self::MAX_LEN)
            .collect::<String>()
            .trim_end_matches('-')
            .to_string();
        if RESERVED.contains(&out.as_str()) {
            format!("{out}-model")
        } else {
            out
        }
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Slug {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Index of a party in [`Model::parties`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct PartyIx(pub usize);
/// Index of a layer in [`Model::layers`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct LayerIx(pub usize);
/// Index of a service in [`Model::services`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct ServiceIx(pub usize);

/// Who secures a cell: one party, or several (a shared cell), in party order, never empty.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Owner(Vec<PartyIx>);

impl Owner {
    /// `parties` must not be empty; duplicates are dropped and the order becomes party order.
    pub fn new(mut parties: Vec<PartyIx>) -> Owner {
        assert!(!parties.is_empty(), "an owner names at least one party");
        parties.sort();
        parties.dedup();
        Owner(parties)
    }

    /// A cell that does not apply (`n/a` in a model): no party has a part in it.
    pub fn not_applicable() -> Owner {
        Owner(Vec::new())
    }

    /// Whether the cell does not apply.
    pub fn is_na(&self) -> bool {
        self.0.is_empty()
    }

    /// The parties, in model order; none for a cell that does not apply.
    pub fn parties(&self) -> &[PartyIx] {
        &self.0
    }

    /// Whether more than one party owns it.
    pub fn is_shared(&self) -> bool {
        self.0.len() > 1
    }

    /// Whether party `p` has a part in it.
    pub fn includes(&self, p: PartyIx) -> bool {
        self.0.contains(&p)
    }
}

#[derive(Debug, Clone, PartialEq)]
/// One side of the split, e.g. the customer or the provider.
pub struct Party {
    /// Its id, unique among the parties.
    pub id: Slug,
    /// Its name as shown.
    pub label: String,
    /// A line under its name in the stack, e.g. "Security in the cloud".
    pub tagline: Option<String>,
    /// How a sentence writes it, e.g. "the customer".
    pub in_sentence: String,
    /// The model's own colour, if it gives one; else the theme decides.
    pub color: Option<Rgb>,
}

#[derive(Debug, Clone, PartialEq)]
/// One layer of the stack, top (closest to the data) first.
pub struct Layer {
    /// Its id, unique among the layers.
    pub id: Slug,
    /// Its name as shown.
    pub label: String,
    /// A sentence on what it covers, for the handout.
    pub description: Option<String>,
    /// How a sentence writes it, e.g. "customer data" or "the IAM framework".
    pub in_sentence: String,
    /// What it holds, drawn as boxes inside it in the stack.
    pub items: Vec<String>,
    /// Its group in a long catalogue (a CCM domain, a control family), for the coverage
    /// picture.
    pub group: Option<String>,
    /// How the row's default cell is known, its sources and its note; the row's cells in the
    /// services take these unless they say otherwise.
    pub info: CellInfo,
    /// The default owner; `None` means the owner varies and every service names it.
    pub owner: Option<Owner>,
}

#[derive(Debug, Clone, PartialEq)]
/// One column of the split, e.g. a service or a service model.
pub struct Service {
    /// Its id, unique among the services; it names the service's stack picture.
    pub id: Slug,
    /// Its name as shown.
    pub label: String,
    /// A category shown under its name, e.g. "IaaS".
    pub category: Option<String>,
    /// Notes for the handout.
    pub notes: Option<String>,
    /// A reference column (e.g. on-premises): drawn, set apart, and not used to classify rows.
    pub reference: bool,
    /// How each cell is known, its sources and its note, indexed like [`Model::layers`].
    pub info: Vec<CellInfo>,
    /// The resolved owner of each layer for this service, indexed like [`Model::layers`].
    pub owners: Vec<Owner>,
}

#[derive(Debug, Clone, PartialEq)]
/// Something one party must do.
pub struct Duty {
    /// Who must do it.
    pub party: PartyIx,
    /// What they must do.
    pub text: String,
    /// The layers it concerns; empty for none in particular.
    pub layers: Vec<LayerIx>,
    /// Empty means the duty applies whatever the service.
    pub services: Vec<ServiceIx>,
}

#[derive(Debug, Clone, PartialEq)]
/// Where the model's facts come from.
pub struct Source {
    /// The page's real title.
    pub title: String,
    /// The page's address.
    pub url: String,
    /// The id cells cite it by.
    pub id: Option<Slug>,
    /// When the page was read (`YYYY-MM-DD`).
    pub retrieved: Option<String>,
}

/// The number of the note of the cell of `layer` in `column` among `notes` (from
/// [`Model::cell_notes`], computed once when many cells are asked about).
pub fn note_number_in(
    notes: &[(LayerIx, Vec<Column>, &str)],
    layer: LayerIx,
    column: Column,
) -> Option<usize> {
    notes
        .iter()
        .position(|(l, cs, _)| *l == layer && cs.contains(&column))
        .map(|i| i + 1)
}

/// A whole validated model.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// Its id; it names the model's output folder.
    pub id: Slug,
    /// Its title.
    pub title: String,
    /// A line under the title.
    pub subtitle: Option<String>,
    /// A paragraph that opens the handout (Markdown).
    pub summary: Option<String>,
    /// What the columns are called, e.g. "Service model".
    pub axis: String,
    /// The axis name in lower case, for use inside a sentence ("varies by service model").
    pub axis_lower: String,
    /// The parties, the first by convention the customer.
    pub parties: Vec<Party>,
    /// The layers, top first.
    pub layers: Vec<Layer>,
    /// The services; empty for a model of one split.
    pub services: Vec<Service>,
    /// What each party must do.
    pub duties: Vec<Duty>,
    /// How the provider shows it does its part (audits, reports).
    pub assurance: Vec<String>,
    /// A comparison from everyday life, for the handout.
    pub analogy: Option<String>,
    /// The sources of the model's facts.
    pub sources: Vec<Source>,
    /// Whether the columns form a progression, so that the line moving across them means
    /// something.
    pub progression: bool,
    /// Which kinds of picture the model wants.
    pub pictures: Vec<PictureKind>,
    /// The model's own names for its row classes.
    pub classes: ClassNames,
    /// What the model follows (a vendor's page and its version).
    pub follows: Option<String>,
    /// When its sources were last read (`YYYY-MM-DD`).
    pub as_of: Option<String>,
    /// What a reader should be able to do afterwards; empty: the handout derives them.
    pub objectives: Vec<String>,
    /// How many review questions a handout asks.
    pub quiz_length: usize,
    /// The author's own questions, asked first.
    pub questions: Vec<AuthorQuestion>,
    /// The language of its text (`en`, or the language of the translation applied).
    pub lang: String,
}

/// A column of the split: one service, or, in a model without services, its default owners.
/// Only [`Model::columns`] makes one, so [`Model::cell`] has an owner for every column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column(Option<ServiceIx>);

impl Column {
    /// The column's service; `None` for the default column of a model without services.
    pub fn service(self) -> Option<ServiceIx> {
        self.0
    }
}

impl Model {
    /// Party `p`.
    pub fn party(&self, p: PartyIx) -> &Party {
        &self.parties[p.0]
    }

    /// Layer `l`.
    pub fn layer(&self, l: LayerIx) -> &Layer {
        &self.layers[l.0]
    }

    /// Service `s`.
    pub fn service(&self, s: ServiceIx) -> &Service {
        &self.services[s.0]
    }

    /// The columns of the split: the services, or the default owners when there are none.
    pub fn columns(&self) -> Vec<Column> {
        if self.services.is_empty() {
            vec![Column(None)]
        } else {
            self.service_ixs().map(|s| Column(Some(s))).collect()
        }
    }

    /// What is known about the cell of `layer` in `column`.
    pub fn info(&self, layer: LayerIx, column: Column) -> &CellInfo {
        match column.0 {
            Some(s) => &self.services[s.0].info[layer.0],
            None => &self.layers[layer.0].info,
        }
    }

    /// The columns that classify rows: every column but the reference ones (all of them when
    /// every column is a reference).
    pub fn classifying_columns(&self) -> Vec<Column> {
        let all = self.columns();
        let used: Vec<Column> = all
            .iter()
            .copied()
            .filter(|c| c.0.is_none_or(|s| !self.services[s.0].reference))
            .collect();
        if used.is_empty() { all } else { used }
    }

    /// The cells that carry a note, numbered from 1 in reading order: layer by layer from the
    /// top, columns left to right within a layer.
    /// A note that several cells of a row share (a layer's note, kept by the columns that keep
    /// its owner) is listed once, with every column it belongs to.
    pub fn cell_notes(&self) -> Vec<(LayerIx, Vec<Column>, &str)> {
        let cols = self.columns();
        let mut out: Vec<(LayerIx, Vec<Column>, &str)> = Vec::new();
        for l in self.layer_ixs() {
            for c in &cols {
                let Some(note) = self.info(l, *c).note.as_deref() else {
                    continue;
                };
                match out.iter_mut().find(|(ol, _, n)| *ol == l && *n == note) {
                    Some((_, cs, _)) => cs.push(*c),
                    None => out.push((l, vec![*c], note)),
                }
            }
        }
        out
    }

    /// The number of the note of the cell of `layer` in `column`, if it has one.
    pub fn note_number(&self, layer: LayerIx, column: Column) -> Option<usize> {
        note_number_in(&self.cell_notes(), layer, column)
    }

    /// Whether the model wants pictures of `kind`.
    pub fn wants(&self, kind: PictureKind) -> bool {
        self.pictures.contains(&kind)
    }

    /// The owner of `layer` in `column`.
    pub fn cell(&self, layer: LayerIx, column: Column) -> &Owner {
        match column.0 {
            Some(s) => &self.services[s.0].owners[layer.0],
            // A model without services gives every layer an owner (validation checks it).
            None => self.layers[layer.0]
                .owner
                .as_ref()
                .expect("a model without services has an owner for every layer"),
        }
    }

    /// The owner of `layer` under `service`, or its default owner when `service` is `None`.
    pub fn owner(&self, layer: LayerIx, service: Option<ServiceIx>) -> Option<&Owner> {
        match service {
            Some(s) => Some(&self.services[s.0].owners[layer.0]),
            None => self.layers[layer.0].owner.as_ref(),
        }
    }

    /// Every layer, top first.
    pub fn layer_ixs(&self) -> impl Iterator<Item = LayerIx> + use<> {
        (0..self.layers.len()).map(LayerIx)
    }

    /// Every service, in model order.
    pub fn service_ixs(&self) -> impl Iterator<Item = ServiceIx> + use<> {
        (0..self.services.len()).map(ServiceIx)
    }

    /// Every party, in model order.
    pub fn party_ixs(&self) -> impl Iterator<Item = PartyIx> + use<> {
        (0..self.parties.len()).map(PartyIx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_checked_and_suggested() {
        assert!(Slug::parse("aws-2").is_ok());
        for bad in [
            "", "-a", "A", "a_b", "../x", "a/b", "a b", "é", "con", "nul", "lpt1", "a\0b", "/etc",
        ] {
            assert!(Slug::parse(bad).is_err(), "{bad}");
        }
        assert!(Slug::parse(&"a".repeat(65)).is_err());
        assert_eq!(Slug::suggest("Customer Data!"), "customer-data");
        assert_eq!(Slug::suggest("Ünïcode Straße"), "unicode-strasse");
        assert_eq!(Slug::suggest("CON"), "con-model");
        assert!(Slug::parse(&Slug::suggest("lpt1")).is_ok());
    }

    #[test]
    fn a_label_in_a_sentence_keeps_acronyms_and_names() {
        assert_eq!(in_sentence("Customer data"), "customer data");
        assert_eq!(
            in_sentence("Hardware / AWS Global Infrastructure"),
            "hardware / AWS Global Infrastructure"
        );
        assert_eq!(
            in_sentence("OCI security services"),
            "OCI security services"
        );
        assert_eq!(in_sentence("IaaS"), "IaaS");
        assert_eq!(in_sentence("Élément"), "élément");
        assert_eq!(in_sentence(""), "");
    }
}
