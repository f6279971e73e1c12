//! The YAML document as a tree of positioned nodes. Every detail of the YAML crate lives here,
//! so the crate could be swapped in this one file.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

use crate::diag::{Diagnostic, Pos};

/// A YAML value with the position where it stands in the source.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Where the node starts.
    pub pos: Pos,
    /// What it holds.
    pub value: Value,
    /// Where the value stands in the source, in bytes (start, length), when the parser says.
    pub span: Option<(usize, usize)>,
}

/// The kinds of YAML value a model can hold.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `null`, `~` or nothing.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, kept as the author wrote it (`0x1a`, `1_000`, `+12`, `1e3`): a model has no
    /// numeric field, and a number where text is expected is taken as written, never
    /// re-spelled.
    Number(String),
    /// A string, or a scalar read as text.
    Str(String),
    /// A list.
    Seq(Vec<Node>),
    /// Keys keep their source order and positions.
    Map(Vec<(Key, Node)>),
}

/// A mapping key and where it stands.
#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    /// Where the key stands.
    pub pos: Pos,
    /// The key's text.
    pub name: String,
}

impl Value {
    /// What the value is called in an error message ("a string", "a list", ...).
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "nothing (null)",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::Str(_) => "a string",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }
}

fn pos_of(loc: &serde_saphyr::Location) -> Pos {
    Pos {
        line: loc.line() as u32,
        column: loc.column() as u32,
    }
}

fn spanned_node(s: Spanned<Value>) -> Node {
    let span = s.referenced.span();
    let span = span
        .byte_offset()
        .zip(span.byte_len())
        .and_then(|(o, l)| Some((usize::try_from(o).ok()?, usize::try_from(l).ok()?)));
    Node {
        pos: pos_of(&s.referenced),
        value: s.value,
        span,
    }
}

/// Puts back the source text of every number (the visitor only sees the parsed value): the
/// bytes the parser says the scalar spans, when they spell a plain number.
fn respell(node: &mut Node, text: &str) {
    match &mut node.value {
        Value::Number(n) => {
            let written = node
                .span
                .and_then(|(start, len)| text.get(start..start.checked_add(len)?))
                .map(str::trim)
                .filter(|w| {
                    w.starts_with(|c: char| c.is_ascii_digit() || "+-.".contains(c))
                        && !w.contains(char::is_whitespace)
                });
            if let Some(w) = written {
                *n = w.to_string();
            }
        }
        Value::Seq(items) => items.iter_mut().for_each(|n| respell(n, text)),
        Value::Map(entries) => entries.iter_mut().for_each(|(_, n)| respell(n, text)),
        _ => {}
    }
}

/// A key may be any scalar in YAML; models only use strings, so others are kept as text.
struct KeyText(String);

impl<'de> Deserialize<'de> for KeyText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = Value::deserialize(d)?;
        Ok(KeyText(match v {
            Value::Str(s) | Value::Number(s) => s,
            Value::Bool(b) => b.to_string(),
            Value::Null => "null".to_string(),
            Value::Seq(_) | Value::Map(_) => {
                return Err(de::Error::custom("a mapping key must be a plain word"));
            }
        }))
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        Value::deserialize(d)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.to_string()))
    }
    fn visit_i128<E>(self, v: i128) -> Result<Value, E> {
        Ok(Value::Number(v.to_string()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.to_string()))
    }
    fn visit_u128<E>(self, v: u128) -> Result<Value, E> {
        Ok(Value::Number(v.to_string()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::Number(v.to_string()))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::Str(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::Str(v))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Spanned<Value>>()? {
            items.push(spanned_node(item));
        }
        Ok(Value::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Spanned<KeyText>>()? {
            let value: Spanned<Value> = map.next_value()?;
            entries.push((
                Key {
                    pos: pos_of(&key.referenced),
                    name: key.value.0,
                },
                spanned_node(value),
            ));
        }
        Ok(Value::Map(entries))
    }
}

/// Parses `text` into a node tree, or one diagnostic saying where the YAML is broken or which
/// limit it broke.
pub fn parse(text: &str, limits: &super::Limits) -> Result<Node, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty()
        || text
            .lines()
            .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
    {
        return Err(Diagnostic::error("the model file is empty")
            .hint("start from `demarcate new FILE`, which writes a complete example model"));
    }
    let mut options = serde_saphyr::Options::default();
    let mut budget = serde_saphyr::Budget::default();
    budget.max_depth = limits.max_depth;
    budget.max_aliases = limits.max_alias_events;
    budget.max_nodes = limits.max_nodes;
    options.budget = Some(budget);
    options.alias_limits.max_total_replayed_events = limits.max_alias_events;
    match serde_saphyr::from_str_with_options::<Spanned<Value>>(text, options) {
        Ok(node) => {
            let mut node = spanned_node(node);
            respell(&mut node, text);
            Ok(node)
        }
        Err(err) => {
            let mut pos = err.location().map(|l| pos_of(&l)).unwrap_or(Pos::UNKNOWN);
            let mut message = strip_position(&first_line(&err.to_string()));
            if message.contains("found a tab")
                || message.contains("tab") && message.contains("indent")
            {
                // The scanner reports where the scalar before the tab began; point at the tab.
                if let Some(tab) = first_tab_from(text, pos) {
                    pos = tab;
                }
                message = "a tab character in the indentation or between values".into();
            }
            let message = reword(message, limits);
            let lower = message.to_lowercase();
            let hint = if lower.contains("a tab character") {
                "YAML indents with spaces, not tabs: replace the tab with spaces".to_string()
            } else if lower.contains("appears twice") {
                "keep one of them".to_string()
            } else if lower.contains("more than one yaml document") {
                "keep one model per file".to_string()
            } else if lower.contains("depth") {
                format!(
                    "the model nests deeper than {} levels; raise the limit with --max-depth if this is intended",
                    limits.max_depth
                )
            } else if lower.contains("alias") || lower.contains("replay") {
                format!(
                    "aliases expand to more than {} values; raise the limit with --max-alias-events if this is intended",
                    limits.max_alias_events
                )
            } else if lower.contains("budget") || lower.contains("nodes") {
                format!(
                    "the model has more than {} YAML nodes; raise the limit with --max-nodes if this is intended",
                    limits.max_nodes
                )
            } else {
                "check the indentation and quoting near this position".to_string()
            };
            Err(Diagnostic::error(format!("invalid YAML: {message}"))
                .at(pos)
                .hint(hint))
        }
    }
}

/// The parser's message in the words a model's author knows.
fn reword(message: String, limits: &super::Limits) -> String {
    let lower = message.to_lowercase();
    if let Some(key) = message.split("duplicate mapping key: ").nth(1) {
        let key = key.split(',').next().unwrap_or_default().trim();
        format!("the key `{key}` appears twice in one mapping")
    } else if lower.contains("multiple yaml documents") {
        "the file holds more than one YAML document (a `---` line)".into()
    } else if lower.contains("budget breached") {
        // The reader names the bound as a debug print (`Nodes { nodes: 250001 }`).
        if lower.contains("depth") {
            format!(
                "the model's nesting depth is over {} levels",
                limits.max_depth
            )
        } else if lower.contains("alias") || lower.contains("replay") {
            format!(
                "the model's aliases expand to more than {} values",
                limits.max_alias_events
            )
        } else {
            format!("the model has more than {} YAML nodes", limits.max_nodes)
        }
    } else {
        message
    }
}

/// The parser's message without the `error:` and `line N column M:` it prefixes (the
/// diagnostic says both already).
fn strip_position(message: &str) -> String {
    let mut m = message.trim();
    loop {
        let before = m;
        m = m.strip_prefix("error:").unwrap_or(m).trim_start();
        if let Some(rest) = m.strip_prefix("line ") {
            let digits = rest.trim_start_matches(|c: char| c.is_ascii_digit());
            if let Some(rest) = digits.strip_prefix(" column ") {
                let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit());
                m = rest.strip_prefix(':').unwrap_or(rest).trim_start();
            }
        }
        if m == before {
            return m.to_string();
        }
    }
}

/// The position of the first tab on the line of `from` or after it in `text`.
fn first_tab_from(text: &str, from: Pos) -> Option<Pos> {
    text.lines()
        .enumerate()
        .skip(from.line.saturating_sub(1) as usize)
        .find_map(|(i, line)| {
            let col = line.chars().position(|c| c == '\t')?;
            Some(Pos {
                line: i as u32 + 1,
                column: col as u32 + 1,
            })
        })
}

fn first_line(message: &str) -> String {
    message.lines().next().unwrap_or("").trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_positions_and_order() {
        let n = parse("b: 1\na:\n  - x\n  - 2.5\n", &Default::default()).unwrap();
        let Value::Map(entries) = n.value else {
            panic!("not a map")
        };
        assert_eq!(entries[0].0.name, "b");
        assert_eq!(entries[0].1.value, Value::Number("1".into()));
        assert_eq!(entries[1].0.pos, Pos { line: 2, column: 1 });
        let Value::Seq(items) = &entries[1].1.value else {
            panic!("not a seq")
        };
        assert_eq!(items[0].pos, Pos { line: 3, column: 5 });
        assert_eq!(items[1].value, Value::Number("2.5".into()));
    }

    #[test]
    fn numbers_keep_their_spelling() {
        let n = parse(
            "a: 0x1a\nb: [+12, 1_000, 007, 1e3, 0o17]\nc: -3.50 # note\n",
            &Default::default(),
        )
        .unwrap();
        let Value::Map(entries) = n.value else {
            panic!("not a map")
        };
        assert_eq!(entries[0].1.value, Value::Number("0x1a".into()));
        let Value::Seq(items) = &entries[1].1.value else {
            panic!("not a seq")
        };
        let written: Vec<&Value> = items.iter().map(|n| &n.value).collect();
        for (v, w) in written.iter().zip(["+12", "1_000", "007", "1e3", "0o17"]) {
            assert_eq!(**v, Value::Number(w.into()));
        }
        assert_eq!(entries[2].1.value, Value::Number("-3.50".into()));
    }

    #[test]
    fn broken_yaml_has_a_position() {
        let e = parse("a: [1, 2\nb: 3\n", &Default::default()).unwrap_err();
        assert!(e.pos.is_known(), "{e:?}");
        assert!(e.message.starts_with("invalid YAML"));
    }

    #[test]
    fn a_tab_is_reported_where_it_stands_with_a_plain_hint() {
        let e = parse(
            "id: t\nparties:\n  - id: a\n\tlabel: A\n",
            &Default::default(),
        )
        .unwrap_err();
        assert_eq!(e.pos, Pos { line: 4, column: 1 }, "{e:?}");
        assert!(
            !e.message.contains("error:") && !e.message.contains("line "),
            "{e:?}"
        );
        assert!(e.hints[0].contains("spaces"), "{e:?}");
        let e = parse("a: [1, 2\nb: 3\n", &Default::default()).unwrap_err();
        assert!(
            !e.message.contains("error:") && !e.message.contains("column"),
            "{e:?}"
        );
    }

    #[test]
    fn empty_documents_are_reported() {
        assert!(parse("", &Default::default()).is_err());
        assert!(parse("# only a comment\n", &Default::default()).is_err());
    }
}
