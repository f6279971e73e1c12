//! Node tree → raw model: checks the shape (known keys, types, required fields) and reports
//! every problem at once, each with its position, field path and a hint.

mod shape;
mod translation;

pub use translation::{RawTranslation, Texts, read_translation};

use super::node::{Node, Value};
use super::raw::*;
use crate::diag::Diagnostic;
use shape::key_path;

/// Reads the raw model out of a parsed document. The diagnostics are all shape errors found.
pub fn read(root: &Node) -> (RawModel, Vec<Diagnostic>) {
    let mut r = Reader::default();
    let model = r.model(root);
    (model, r.diags)
}

#[derive(Default)]
struct Reader {
    pub(super) diags: Vec<Diagnostic>,
}

impl Reader {
    fn model(&mut self, root: &Node) -> RawModel {
        let Some(mut f) = self.map(root, "") else {
            return RawModel::default();
        };
        let mut m = RawModel {
            id: self.required_string(&mut f, "id"),
            title: self.required_string(&mut f, "title"),
            subtitle: self.optional_string(&mut f, "subtitle"),
            summary: self.optional_string(&mut f, "summary"),
            axis: self.optional_string(&mut f, "axis"),
            ..RawModel::default()
        };
        m.progression = self.optional_bool(&mut f, "progression");
        m.pictures = self.optional_list(&mut f, "pictures", |r, n, p| r.string(n, p));
        if let Some(n) = f.take("classes") {
            m.classes = Some(self.string_map(n, "classes"));
        }
        m.follows = self.optional_string(&mut f, "follows");
        m.as_of = self.optional_string(&mut f, "as_of");
        match f.take("parties") {
            Some(n) => m.parties = self.list(n, "parties", Self::party),
            None => self.missing(f.pos, "", "parties"),
        }
        match f.take("layers") {
            Some(n) => m.layers = self.list(n, "layers", Self::layer),
            None => self.missing(f.pos, "", "layers"),
        }
        m.services = self.optional_list(&mut f, "services", Self::service);
        if let Some(n) = f.take("duties") {
            m.duties = Some(self.duties(n, "duties"));
        }
        m.assurance = self.optional_list(&mut f, "assurance", |r, n, p| r.string(n, p));
        m.analogy = self.optional_string(&mut f, "analogy");
        m.sources = self.optional_list(&mut f, "sources", Self::source);
        m.objectives = self.optional_list(&mut f, "objectives", |r, n, p| r.string(n, p));
        if let Some(n) = f.take("quiz") {
            m.quiz = self.quiz(n, "quiz");
        }
        m.keys = f
            .entries
            .iter()
            .map(|(k, _)| (k.name.clone(), k.pos))
            .collect();
        self.finish(f);
        m
    }

    fn party(&mut self, node: &Node, path: &str) -> Option<RawParty> {
        let mut f = self.map(node, path)?;
        let p = RawParty {
            pos: node.pos,
            id: self.required_string(&mut f, "id"),
            label: self.required_string(&mut f, "label"),
            tagline: self.optional_string(&mut f, "tagline"),
            in_sentence: self.optional_string(&mut f, "in_sentence"),
            color: self.optional_string(&mut f, "color"),
        };
        self.finish(f);
        Some(p)
    }

    fn layer(&mut self, node: &Node, path: &str) -> Option<RawLayer> {
        let mut f = self.map(node, path)?;
        let mut l = RawLayer {
            pos: node.pos,
            id: self.required_string(&mut f, "id"),
            label: self.required_string(&mut f, "label"),
            description: self.optional_string(&mut f, "description"),
            in_sentence: self.optional_string(&mut f, "in_sentence"),
            group: self.optional_string(&mut f, "group"),
            ..RawLayer::default()
        };
        l.items = self.optional_list(&mut f, "items", |r, n, p| r.string(n, p));
        if let Some(n) = f.take("owner") {
            l.owner = self.owner(n, &f.child("owner"));
        }
        l.status = self.optional_string(&mut f, "status");
        l.sources = self.optional_list(&mut f, "sources", |r, n, p| r.string(n, p));
        l.note = self.optional_string(&mut f, "note");
        self.finish(f);
        Some(l)
    }

    fn service(&mut self, node: &Node, path: &str) -> Option<RawService> {
        let mut f = self.map(node, path)?;
        let mut s = RawService {
            pos: node.pos,
            id: self.required_string(&mut f, "id"),
            label: self.required_string(&mut f, "label"),
            category: self.optional_string(&mut f, "category"),
            notes: self.optional_string(&mut f, "notes"),
            ..RawService::default()
        };
        if let Some(n) = f.take("owners") {
            let path = f.child("owners");
            if let Some(owners) = self.map(n, &path) {
                let mut out = Vec::new();
                for (key, value) in owners.entries {
                    if let Some(cell) = self.cell(value, &key_path(&path, &key.name)) {
                        let layer = At {
                            value: key.name.clone(),
                            pos: key.pos,
                        };
                        out.push((layer, cell));
                    }
                }
                s.owners = Some(out);
            }
        }
        s.reference = self.optional_bool(&mut f, "reference");
        self.finish(f);
        Some(s)
    }

    /// A cell under a service's `owners`: an owner, or a mapping with its details.
    fn cell(&mut self, node: &Node, path: &str) -> Option<RawCell> {
        if !matches!(node.value, Value::Map(_)) {
            return Some(RawCell {
                owner: Some(self.owner(node, path)?),
                ..RawCell::default()
            });
        }
        let mut f = self.map(node, path)?;
        let owner = match f.take("owner") {
            Some(n) => self.owner(n, &f.child("owner")),
            None => {
                self.missing(node.pos, path, "owner");
                None
            }
        };
        let cell = RawCell {
            owner,
            status: self.optional_string(&mut f, "status"),
            sources: self.optional_list(&mut f, "sources", |r, n, p| r.string(n, p)),
            note: self.optional_string(&mut f, "note"),
        };
        self.finish(f);
        Some(cell)
    }

    fn duties(&mut self, node: &Node, path: &str) -> Vec<(At<String>, Vec<RawDuty>)> {
        let Some(f) = self.map(node, path) else {
            return Vec::new();
        };
        f.entries
            .iter()
            .map(|(key, value)| {
                let party = At {
                    value: key.name.clone(),
                    pos: key.pos,
                };
                let list = self.list(value, &key_path(path, &key.name), Self::duty);
                (party, list)
            })
            .collect()
    }

    fn duty(&mut self, node: &Node, path: &str) -> Option<RawDuty> {
        if !matches!(node.value, Value::Map(_)) {
            return self.string(node, path).map(RawDuty::Text);
        }
        let mut f = self.map(node, path)?;
        let mut d = RawDutyDetail {
            pos: node.pos,
            text: self.required_string(&mut f, "text"),
            ..RawDutyDetail::default()
        };
        d.layers = self.optional_list(&mut f, "layers", |r, n, p| r.string(n, p));
        d.services = self.optional_list(&mut f, "services", |r, n, p| r.string(n, p));
        self.finish(f);
        Some(RawDuty::Detailed(d))
    }

    fn quiz(&mut self, node: &Node, path: &str) -> Option<RawQuiz> {
        let mut f = self.map(node, path)?;
        let mut q = RawQuiz {
            pos: node.pos,
            ..RawQuiz::default()
        };
        if let Some(n) = f.take("length") {
            q.length = self.integer(n, &f.child("length"));
        }
        q.questions = self.optional_list(&mut f, "questions", Self::question);
        self.finish(f);
        Some(q)
    }

    fn question(&mut self, node: &Node, path: &str) -> Option<RawQuestion> {
        let mut f = self.map(node, path)?;
        let mut q = RawQuestion {
            pos: node.pos,
            stem: self.required_string(&mut f, "stem"),
            ..RawQuestion::default()
        };
        match f.take("options") {
            Some(n) => q.options = self.strings(n, &f.child("options")),
            None => self.missing(f.pos, path, "options"),
        }
        q.answer = self.required_string(&mut f, "answer");
        q.explanation = self.optional_string(&mut f, "explanation");
        self.finish(f);
        Some(q)
    }

    fn source(&mut self, node: &Node, path: &str) -> Option<RawSource> {
        let mut f = self.map(node, path)?;
        let s = RawSource {
            pos: node.pos,
            title: self.required_string(&mut f, "title"),
            url: self.required_string(&mut f, "url"),
            id: self.optional_string(&mut f, "id"),
            retrieved: self.optional_string(&mut f, "retrieved"),
        };
        self.finish(f);
        Some(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::node::parse;

    fn problems(yaml: &str) -> Vec<String> {
        let (_, diags) = read(&parse(yaml, &Default::default()).unwrap());
        diags
            .iter()
            .map(|d| {
                format!(
                    "{}:{} {} [{}] {:?}",
                    d.pos.line, d.pos.column, d.message, d.field, d.hints
                )
            })
            .collect()
    }

    #[test]
    fn reports_every_shape_problem_at_once() {
        let got = problems(
            "id: x\ntitle: T\nparties:\n  - id: a\n    lable: A\nlayers:\n  - id: l\n    label: [1]\n    ownr: a\n",
        );
        assert_eq!(got.len(), 4, "{got:#?}");
        assert!(
            got[0].starts_with("4:5 missing field `label` in `parties[0]`"),
            "{got:#?}"
        );
        assert!(
            got[1].contains("unknown field `lable`") && got[1].contains("did you mean `label`?")
        );
        assert!(got[2].starts_with("8:12 expected a string, found a list [layers[0].label]"));
        assert!(got[3].starts_with("9:5 unknown field `ownr`") && got[3].contains("`owner`"));
    }

    #[test]
    fn the_known_fields_in_a_hint_are_the_fields_the_reader_reads() {
        let got = problems(
            "id: x\ntitle: T\nzzzzzz: 1\nparties:\n  - {id: a, label: A, qqqqqq: 1}\nlayers: []\n",
        );
        assert!(
            got[1].contains("known fields here: id, title, subtitle, summary, axis, progression, pictures, classes, follows, as_of, parties, layers, services, duties, assurance, analogy, sources, objectives, quiz"),
            "{got:#?}"
        );
        assert!(
            got[0].contains("known fields here: id, label, tagline, in_sentence, color"),
            "{got:#?}"
        );
    }

    #[test]
    fn reads_shared_owners_and_detailed_duties() {
        let yaml = "id: x\ntitle: T\nparties: []\nlayers:\n  - {id: l, label: L, owner: [a, b]}\nduties:\n  a:\n    - plain\n    - {text: t, layers: [l]}\n";
        let (m, diags) = read(&parse(yaml, &Default::default()).unwrap());
        assert!(diags.is_empty(), "{diags:?}");
        assert!(
            matches!(&m.layers[0].owner.as_ref().unwrap().value, RawOwner::Shared(v) if v.len() == 2)
        );
        let duties = m.duties.unwrap();
        assert_eq!(duties[0].1.len(), 2);
    }
}
