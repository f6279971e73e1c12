//! Node tree → raw model: checks the shape (known keys, types, required fields) and reports
//! every problem at once, each with its position, field path and a hint.

use super::node::{Key, Node, Value};
use super::raw::*;
use crate::diag::{Diagnostic, Pos, suggest};

/// Reads the raw model out of a parsed document. The diagnostics are all shape errors found.
pub fn read(root: &Node) -> (RawModel, Vec<Diagnostic>) {
    let mut r = Reader::default();
    let model = r.model(root);
    (model, r.diags)
}

#[derive(Default)]
struct Reader {
    diags: Vec<Diagnostic>,
}

/// The entries of one mapping, with a note of which keys were read and which were asked for:
/// the keys asked for are the known ones, so the list in a hint cannot drift from the reader.
struct Fields<'a> {
    pos: Pos,
    path: String,
    entries: &'a [(Key, Node)],
    used: Vec<bool>,
    known: Vec<String>,
}

impl<'a> Fields<'a> {
    fn take(&mut self, name: &str) -> Option<&'a Node> {
        if !self.known.iter().any(|k| k == name) {
            self.known.push(name.to_string());
        }
        let i = self.entries.iter().position(|(k, _)| k.name == name)?;
        self.used[i] = true;
        Some(&self.entries[i].1)
    }

    fn child(&self, name: &str) -> String {
        if self.path.is_empty() {
            name.to_string()
        } else {
            format!("{}.{name}", self.path)
        }
    }
}

fn index(path: &str, i: usize) -> String {
    format!("{path}[{i}]")
}

fn key_path(path: &str, key: &str) -> String {
    format!("{path}.{key}")
}

impl Reader {
    fn error(&mut self, pos: Pos, field: &str, message: String, hint: Option<String>) {
        let mut d = Diagnostic::error(message).at(pos).field(field);
        if let Some(h) = hint {
            d = d.hint(h);
        }
        self.diags.push(d);
    }

    fn wrong_type(&mut self, node: &Node, path: &str, expected: &str, hint: Option<String>) {
        let found = node.value.kind();
        self.error(
            node.pos,
            path,
            format!("expected {expected}, found {found}"),
            hint,
        );
    }

    fn map<'a>(&mut self, node: &'a Node, path: &str) -> Option<Fields<'a>> {
        match &node.value {
            Value::Map(entries) => Some(Fields {
                pos: node.pos,
                path: path.to_string(),
                entries,
                used: vec![false; entries.len()],
                known: Vec::new(),
            }),
            _ => {
                self.wrong_type(
                    node,
                    path,
                    "a mapping of `key: value` lines",
                    Some("indent the fields under this entry, one `key: value` a line".into()),
                );
                None
            }
        }
    }

    /// Reports every key of `fields` that was not taken, with the nearest key asked for.
    fn finish(&mut self, fields: Fields) {
        let known: Vec<&str> = fields.known.iter().map(String::as_str).collect();
        for ((key, _), used) in fields.entries.iter().zip(&fields.used) {
            if *used {
                continue;
            }
            let hint = suggest(&key.name, known.iter().copied(), || {
                format!("known fields here: {}", known.join(", "))
            });
            let place = if fields.path.is_empty() {
                "the model".to_string()
            } else {
                format!("`{}`", fields.path)
            };
            self.error(
                key.pos,
                &fields.child(&key.name),
                format!("unknown field `{}` in {place}", key.name),
                Some(hint),
            );
        }
    }

    fn string(&mut self, node: &Node, path: &str) -> Option<At<String>> {
        let value = match &node.value {
            // A number where text is expected is the text the author wrote.
            Value::Str(s) | Value::Number(s) => s.clone(),
            Value::Null => {
                self.wrong_type(
                    node,
                    path,
                    "a string",
                    Some("write the text after the colon, or remove the field".into()),
                );
                return None;
            }
            Value::Bool(_) => {
                self.wrong_type(
                    node,
                    path,
                    "a string",
                    Some("put the value in quotes to keep it as text".into()),
                );
                return None;
            }
            Value::Seq(_) | Value::Map(_) => {
                self.wrong_type(node, path, "a string", Some("write the text after the colon; quote it if it starts with `[`, `{` or `-`".into()));
                return None;
            }
        };
        Some(At {
            value,
            pos: node.pos,
        })
    }

    fn required_string(&mut self, f: &mut Fields, name: &str) -> At<String> {
        match f.take(name) {
            Some(node) => self.string(node, &f.child(name)).unwrap_or_default(),
            None => {
                let path = f.path.clone();
                self.missing(f.pos, &path, name);
                At::default()
            }
        }
    }

    fn missing(&mut self, pos: Pos, path: &str, name: &str) {
        let place = if path.is_empty() {
            "the model".to_string()
        } else {
            format!("`{path}`")
        };
        let field = if path.is_empty() {
            name.to_string()
        } else {
            key_path(path, name)
        };
        self.error(
            pos,
            &field,
            format!("missing field `{name}` in {place}"),
            Some(format!("add a `{name}:` line")),
        );
    }

    fn optional_string(&mut self, f: &mut Fields, name: &str) -> Option<At<String>> {
        let node = f.take(name)?;
        self.string(node, &f.child(name))
    }

    /// A list, read item by item with `item`. A single value where a list is expected is an error.
    fn list<T>(
        &mut self,
        node: &Node,
        path: &str,
        mut item: impl FnMut(&mut Self, &Node, &str) -> Option<T>,
    ) -> Vec<T> {
        match &node.value {
            Value::Seq(items) => items
                .iter()
                .enumerate()
                .filter_map(|(i, n)| item(self, n, &index(path, i)))
                .collect(),
            Value::Null => Vec::new(),
            _ => {
                self.wrong_type(
                    node,
                    path,
                    "a list",
                    Some("write each entry on its own line starting with `- `".into()),
                );
                Vec::new()
            }
        }
    }

    fn strings(&mut self, node: &Node, path: &str) -> Vec<At<String>> {
        self.list(node, path, |r, n, p| r.string(n, p))
    }

    fn optional_list<T>(
        &mut self,
        f: &mut Fields,
        name: &str,
        item: impl FnMut(&mut Self, &Node, &str) -> Option<T>,
    ) -> Option<Vec<T>> {
        let node = f.take(name)?;
        Some(self.list(node, &f.child(name), item))
    }

    fn owner(&mut self, node: &Node, path: &str) -> Option<At<RawOwner>> {
        let value = match &node.value {
            Value::Seq(_) => RawOwner::Shared(self.strings(node, path)),
            _ => RawOwner::One(self.string(node, path)?),
        };
        Some(At {
            value,
            pos: node.pos,
        })
    }

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
            ..RawLayer::default()
        };
        l.items = self.optional_list(&mut f, "items", |r, n, p| r.string(n, p));
        if let Some(n) = f.take("owner") {
            l.owner = self.owner(n, &f.child("owner"));
        }
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
                    let owner = self.owner(value, &key_path(&path, &key.name));
                    if let Some(owner) = owner {
                        out.push((
                            At {
                                value: key.name.clone(),
                                pos: key.pos,
                            },
                            owner,
                        ));
                    }
                }
                s.owners = Some(out);
            }
        }
        self.finish(f);
        Some(s)
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

    fn source(&mut self, node: &Node, path: &str) -> Option<RawSource> {
        let mut f = self.map(node, path)?;
        let s = RawSource {
            pos: node.pos,
            title: self.required_string(&mut f, "title"),
            url: self.required_string(&mut f, "url"),
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
            got[1].contains("known fields here: id, title, subtitle, summary, axis, parties, layers, services, duties, assurance, analogy, sources"),
            "{got:#?}"
        );
        assert!(
            got[0].contains("known fields here: id, label, tagline, color"),
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
