//! OSCAL XML, read with quick-xml's streaming reader into the JSON shape of the same model
//! (`oscal.rs` reads only that): attributes become fields; the elements OSCAL repeats become
//! the JSON arrays named for them (`implemented-requirement` → `implemented-requirements`);
//! prose elements (`title`, `description`, `remarks`, …) become their text, paragraphs on
//! lines of their own. No DTD or external entity is ever read: only the five predefined
//! entities and character references are resolved. Depth and element counts are bounded.

use quick_xml::events::{BytesStart, Event};
use serde_json::{Map, Value};

use crate::diag::{Diagnostic, Pos};

/// The deepest nesting read (OSCAL needs about 12).
const MAX_DEPTH: usize = 64;

/// Elements whose content is prose: read as text.
const PROSE: &[&str] = &[
    "title",
    "description",
    "remarks",
    "oscal-version",
    "version",
    "last-modified",
    "published",
];

/// Block elements of prose, each on a line of its own.
const BLOCKS: &[&str] = &["p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "tr"];

/// The JSON array an element repeats into, by its parent: `None` for a single object.
fn plural(parent: &str, name: &str) -> Option<&'static str> {
    Some(match name {
        "implemented-requirement" => "implemented-requirements",
        "by-component" => "by-components",
        "statement" => "statements",
        "provided" => "provided",
        "responsibility" => "responsibilities",
        "inherited" => "inherited",
        "satisfied" => "satisfied",
        "component" => "components",
        "control-implementation" if parent == "component" => "control-implementations",
        "responsible-role" => "responsible-roles",
        "role" => "roles",
        "link" => "links",
        "prop" => "props",
        "party" => "parties",
        "resource" => "resources",
        _ => return None,
    })
}

struct Node {
    name: String,
    attrs: Vec<(String, String)>,
    children: Vec<Node>,
    /// Text and child elements in order, for prose: `None` marks where a child stands.
    text: Vec<Option<String>>,
}

fn node(e: &BytesStart) -> Result<Node, String> {
    let name = e.local_name().into_inner().to_string();
    let mut attrs = Vec::new();
    for a in e.attributes() {
        let a = a.map_err(|err| err.to_string())?;
        let key = a.key.local_name().into_inner().to_string();
        let value = a
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|err| err.to_string())?;
        attrs.push((key, value.into_owned()));
    }
    Ok(Node {
        name,
        attrs,
        children: Vec::new(),
        text: Vec::new(),
    })
}

/// An error past the bounds of depth and size.
fn bounded(depth: usize, elements: usize, max_elements: usize) -> Result<(), String> {
    if depth >= MAX_DEPTH {
        Err(format!("elements nested deeper than {MAX_DEPTH}"))
    } else if elements > max_elements {
        Err(format!(
            "more than {max_elements} elements (raise the bound with `--max-cells`)"
        ))
    } else {
        Ok(())
    }
}

/// Line and column of byte `offset` of `text`.
fn pos(text: &str, offset: u64) -> Pos {
    let offset = (offset as usize).min(text.len());
    Pos::at_offset(text, offset)
}

/// The document `text` as the JSON value of the same OSCAL model.
pub(super) fn to_json(text: &str, max_elements: usize) -> Result<Value, Diagnostic> {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut stack: Vec<Node> = Vec::new();
    let mut root: Option<Node> = None;
    let mut elements = 0usize;
    let fail =
        |why: String, at: u64| Diagnostic::error(format!("not OSCAL XML: {why}")).at(pos(text, at));
    loop {
        let at = reader.buffer_position();
        let event = reader
            .read_event()
            .map_err(|e| fail(e.to_string(), reader.error_position()))?;
        let push_text = |stack: &mut Vec<Node>, s: &str| {
            if let Some(top) = stack.last_mut() {
                top.text.push(Some(s.to_string()));
            }
        };
        match event {
            Event::Start(e) => {
                elements += 1;
                bounded(stack.len(), elements, max_elements).map_err(|why| fail(why, at))?;
                stack.push(node(&e).map_err(|why| fail(why, at))?);
            }
            Event::Empty(e) => {
                elements += 1;
                bounded(stack.len(), elements, max_elements).map_err(|why| fail(why, at))?;
                let n = node(&e).map_err(|why| fail(why, at))?;
                match stack.last_mut() {
                    Some(top) => {
                        top.text.push(None);
                        top.children.push(n);
                    }
                    None => root = Some(n),
                }
            }
            Event::End(_) => {
                let n = stack
                    .pop()
                    .ok_or_else(|| fail("an end tag without a start".into(), at))?;
                match stack.last_mut() {
                    Some(top) => {
                        top.text.push(None);
                        top.children.push(n);
                    }
                    None => root = Some(n),
                }
            }
            Event::Text(t) => push_text(&mut stack, &t.xml10_content()),
            Event::CData(t) => push_text(&mut stack, &t.xml10_content()),
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => quick_xml::escape::resolve_predefined_entity(&r)
                        .ok_or_else(|| {
                            fail(
                                format!(
                                    "the entity `&{};` is not one XML predefines",
                                    crate::diag::visible(&r)
                                ),
                                at,
                            )
                        })?
                        .to_string(),
                };
                push_text(&mut stack, &resolved);
            }
            Event::DocType(_) => {
                return Err(fail(
                    "a DOCTYPE (OSCAL XML has none; DTDs are not read)".into(),
                    at,
                ));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let root = root.ok_or_else(|| fail("no root element".into(), 0))?;
    let mut doc = Map::new();
    doc.insert(root.name.clone(), convert(&root));
    Ok(Value::Object(doc))
}

/// An element as JSON: prose as text, others as objects of attributes and children.
fn convert(n: &Node) -> Value {
    if PROSE.contains(&n.name.as_str()) {
        return Value::String(prose(n).trim().to_string());
    }
    let mut map = Map::new();
    for (k, v) in &n.attrs {
        map.insert(k.clone(), Value::String(v.clone()));
    }
    for c in &n.children {
        match plural(&n.name, &c.name) {
            Some(key) => {
                let entry = map
                    .entry(key.to_string())
                    .or_insert_with(|| Value::Array(Vec::new()));
                if let Value::Array(a) = entry {
                    a.push(convert(c));
                }
            }
            None => {
                map.entry(c.name.clone()).or_insert_with(|| convert(c));
            }
        }
    }
    Value::Object(map)
}

/// The text of a prose element, its blocks on lines of their own.
fn prose(n: &Node) -> String {
    let mut out = String::new();
    let mut children = n.children.iter();
    for part in &n.text {
        match part {
            Some(t) => out.push_str(t),
            None => {
                if let Some(c) = children.next() {
                    let inner = prose(c);
                    if BLOCKS.contains(&c.name.as_str()) {
                        if !out.trim().is_empty() {
                            out.push('\n');
                        }
                        out.push_str(inner.trim());
                        out.push('\n');
                    } else {
                        out.push_str(&inner);
                    }
                }
            }
        }
    }
    out
}
