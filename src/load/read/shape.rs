//! The reader's tools: a mapping's fields (which were read, which were asked for), scalars,
//! lists and owners, each reporting a wrong type with a hint.

use super::super::node::{Key, Node, Value};
use super::super::raw::*;
use super::Reader;
use crate::diag::{Diagnostic, Pos, suggest};

/// The entries of one mapping, with a note of which keys were read and which were asked for:
/// the keys asked for are the known ones, so the list in a hint cannot drift from the reader.
pub(super) struct Fields<'a> {
    pub(super) pos: Pos,
    pub(super) path: String,
    pub(super) entries: &'a [(Key, Node)],
    used: Vec<bool>,
    known: Vec<String>,
}

impl<'a> Fields<'a> {
    pub(super) fn take(&mut self, name: &str) -> Option<&'a Node> {
        if !self.known.iter().any(|k| k == name) {
            self.known.push(name.to_string());
        }
        let i = self.entries.iter().position(|(k, _)| k.name == name)?;
        self.used[i] = true;
        Some(&self.entries[i].1)
    }

    pub(super) fn child(&self, name: &str) -> String {
        if self.path.is_empty() {
            name.to_string()
        } else {
            format!("{}.{name}", self.path)
        }
    }
}

pub(super) fn index(path: &str, i: usize) -> String {
    format!("{path}[{i}]")
}

pub(super) fn key_path(path: &str, key: &str) -> String {
    format!("{path}.{key}")
}

impl Reader {
    pub(super) fn error(&mut self, pos: Pos, field: &str, message: String, hint: Option<String>) {
        let mut d = Diagnostic::error(message).at(pos).field(field);
        if let Some(h) = hint {
            d = d.hint(h);
        }
        self.diags.push(d);
    }

    pub(super) fn wrong_type(
        &mut self,
        node: &Node,
        path: &str,
        expected: &str,
        hint: Option<String>,
    ) {
        let found = node.value.kind();
        self.error(
            node.pos,
            path,
            format!("expected {expected}, found {found}"),
            hint,
        );
    }

    pub(super) fn map<'a>(&mut self, node: &'a Node, path: &str) -> Option<Fields<'a>> {
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
    pub(super) fn finish(&mut self, fields: Fields) {
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

    pub(super) fn string(&mut self, node: &Node, path: &str) -> Option<At<String>> {
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

    pub(super) fn required_string(&mut self, f: &mut Fields, name: &str) -> At<String> {
        match f.take(name) {
            Some(node) => self.string(node, &f.child(name)).unwrap_or_default(),
            None => {
                let path = f.path.clone();
                self.missing(f.pos, &path, name);
                At::default()
            }
        }
    }

    pub(super) fn missing(&mut self, pos: Pos, path: &str, name: &str) {
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

    pub(super) fn optional_string(&mut self, f: &mut Fields, name: &str) -> Option<At<String>> {
        let node = f.take(name)?;
        self.string(node, &f.child(name))
    }

    /// A list, read item by item with `item`. A single value where a list is expected is an error.
    pub(super) fn list<T>(
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

    pub(super) fn strings(&mut self, node: &Node, path: &str) -> Vec<At<String>> {
        self.list(node, path, |r, n, p| r.string(n, p))
    }

    pub(super) fn optional_list<T>(
        &mut self,
        f: &mut Fields,
        name: &str,
        item: impl FnMut(&mut Self, &Node, &str) -> Option<T>,
    ) -> Option<Vec<T>> {
        let node = f.take(name)?;
        Some(self.list(node, &f.child(name), item))
    }

    pub(super) fn owner(&mut self, node: &Node, path: &str) -> Option<At<RawOwner>> {
        let value = match &node.value {
            Value::Seq(_) => RawOwner::Shared(self.strings(node, path)),
            _ => RawOwner::One(self.string(node, path)?),
        };
        Some(At {
            value,
            pos: node.pos,
        })
    }

    pub(super) fn boolean(&mut self, node: &Node, path: &str) -> Option<At<bool>> {
        match &node.value {
            Value::Bool(b) => Some(At {
                value: *b,
                pos: node.pos,
            }),
            _ => {
                self.wrong_type(node, path, "true or false", None);
                None
            }
        }
    }

    /// A whole number, written as digits.
    pub(super) fn integer(&mut self, node: &Node, path: &str) -> Option<At<i64>> {
        match &node.value {
            Value::Number(n) if n.parse::<i64>().is_ok() => Some(At {
                value: n.parse().unwrap_or_default(),
                pos: node.pos,
            }),
            _ => {
                self.wrong_type(
                    node,
                    path,
                    "a whole number",
                    Some("write it in digits, e.g. `12`".into()),
                );
                None
            }
        }
    }

    pub(super) fn optional_bool(&mut self, f: &mut Fields, name: &str) -> Option<At<bool>> {
        let node = f.take(name)?;
        self.boolean(node, &f.child(name))
    }

    /// A mapping of keys to text, e.g. the names of the row classes.
    pub(super) fn string_map(&mut self, node: &Node, path: &str) -> Vec<(At<String>, At<String>)> {
        let Some(f) = self.map(node, path) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (key, value) in f.entries {
            if let Some(text) = self.string(value, &key_path(path, &key.name)) {
                let key = At {
                    value: key.name.clone(),
                    pos: key.pos,
                };
                out.push((key, text));
            }
        }
        out
    }
}
