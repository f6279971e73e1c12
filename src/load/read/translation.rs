//! Node tree → raw translation: the text of a model in another language, keyed by the ids of
//! the model it translates. Shape problems are reported like a model's: position, field path,
//! did-you-mean for unknown keys.

use super::super::node::Node;
use super::super::raw::{At, RawQuestion};
use super::Reader;
use super::shape::key_path;
use crate::diag::Diagnostic;

/// A translation file as written.
#[derive(Debug, Clone, Default)]
pub struct RawTranslation {
    /// The language, a BCP 47 tag such as `fr` or `pt-BR`.
    pub lang: At<String>,
    /// The texts of the model's top level, by key (`title`, `subtitle`, `summary`, `axis`,
    /// `follows`, `analogy`).
    pub top: Vec<(&'static str, At<String>)>,
    /// The learning objectives, replacing the model's.
    pub objectives: Option<Vec<At<String>>>,
    /// The assurance list, in the model's order.
    pub assurance: Option<Vec<At<String>>>,
    /// Names of the row classes, by the model's keys.
    pub classes: Vec<(At<String>, At<String>)>,
    /// Party texts by party id.
    pub parties: Vec<(At<String>, Texts)>,
    /// Layer texts by layer id.
    pub layers: Vec<(At<String>, Texts)>,
    /// Service texts by service id.
    pub services: Vec<(At<String>, Texts)>,
    /// Each party's duties, in the model's order.
    pub duties: Vec<(At<String>, Vec<At<String>>)>,
    /// The author's questions, in the model's order.
    pub questions: Option<Vec<RawQuestion>>,
}

/// The texts of one party, layer or service, by field name; `items` and `cells` apart.
#[derive(Debug, Clone, Default)]
pub struct Texts {
    /// Where the entry starts.
    pub pos: crate::diag::Pos,
    /// `label`, `in_sentence`, `tagline`, `description`, `note`, `category`, `notes`.
    pub fields: Vec<(&'static str, At<String>)>,
    /// A layer's items, in the model's order.
    pub items: Option<Vec<At<String>>>,
    /// A service's cell notes, by layer id.
    pub cells: Vec<(At<String>, At<String>)>,
}

impl Texts {
    /// The text given for `field`.
    pub fn get(&self, field: &str) -> Option<&At<String>> {
        self.fields
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, v)| v)
    }
}

const TOP: [&str; 6] = ["title", "subtitle", "summary", "axis", "follows", "analogy"];
const PARTY: [&str; 3] = ["label", "in_sentence", "tagline"];
const LAYER: [&str; 4] = ["label", "in_sentence", "description", "note"];
const SERVICE: [&str; 3] = ["label", "category", "notes"];

/// Reads a translation out of a parsed document. The diagnostics are all shape errors found.
pub fn read_translation(root: &Node) -> (RawTranslation, Vec<Diagnostic>) {
    let mut r = Reader::default();
    let t = r.translation(root).unwrap_or_default();
    (t, r.diags)
}

impl Reader {
    fn translation(&mut self, root: &Node) -> Option<RawTranslation> {
        let mut f = self.map(root, "")?;
        let mut t = RawTranslation {
            lang: self.required_string(&mut f, "lang"),
            ..RawTranslation::default()
        };
        for key in TOP {
            if let Some(v) = self.optional_string(&mut f, key) {
                t.top.push((key, v));
            }
        }
        t.objectives = self.optional_list(&mut f, "objectives", |r, n, p| r.string(n, p));
        t.assurance = self.optional_list(&mut f, "assurance", |r, n, p| r.string(n, p));
        if let Some(n) = f.take("classes") {
            t.classes = self.string_map(n, "classes");
        }
        for (key, fields) in [
            ("parties", &PARTY[..]),
            ("layers", &LAYER),
            ("services", &SERVICE),
        ] {
            let Some(n) = f.take(key) else { continue };
            let entries = self.by_id(n, key, fields);
            match key {
                "parties" => t.parties = entries,
                "layers" => t.layers = entries,
                _ => t.services = entries,
            }
        }
        if let Some(n) = f.take("duties") {
            t.duties = self.lists_by_id(n, "duties");
        }
        if let Some(n) = f.take("quiz") {
            let path = f.child("quiz");
            if let Some(mut q) = self.map(n, &path) {
                t.questions = self.optional_list(&mut q, "questions", Self::question);
                self.finish(q);
            }
        }
        self.finish(f);
        Some(t)
    }

    /// A mapping of ids to mappings of texts.
    fn by_id(
        &mut self,
        node: &Node,
        path: &str,
        fields: &[&'static str],
    ) -> Vec<(At<String>, Texts)> {
        let Some(m) = self.map(node, path) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (key, value) in m.entries {
            let p = key_path(path, &key.name);
            let Some(mut f) = self.map(value, &p) else {
                continue;
            };
            let mut texts = Texts {
                pos: value.pos,
                ..Texts::default()
            };
            for field in fields {
                if let Some(v) = self.optional_string(&mut f, field) {
                    texts.fields.push((field, v));
                }
            }
            if path == "layers" {
                texts.items = self.optional_list(&mut f, "items", |r, n, p| r.string(n, p));
            }
            if path == "services"
                && let Some(n) = f.take("cells")
            {
                texts.cells = self.string_map(n, &f.child("cells"));
            }
            self.finish(f);
            let id = At {
                value: key.name.clone(),
                pos: key.pos,
            };
            out.push((id, texts));
        }
        out
    }

    /// A mapping of ids to lists of texts (each party's duties).
    fn lists_by_id(&mut self, node: &Node, path: &str) -> Vec<(At<String>, Vec<At<String>>)> {
        let Some(m) = self.map(node, path) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (key, value) in m.entries {
            let list = self.strings(value, &key_path(path, &key.name));
            let id = At {
                value: key.name.clone(),
                pos: key.pos,
            };
            out.push((id, list));
        }
        out
    }
}
