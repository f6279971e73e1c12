//! OSCAL, in JSON, YAML or XML (`xml.rs` reads it into the JSON shape): a system security
//! plan or a component definition.
//!
//! A **system security plan**: each implemented requirement is a row. The system is the
//! provider (a leveraged system, exporting what others inherit) or the customer (a leveraging
//! system, inheriting); its by-components (of the requirement and of its statements) say who
//! does what: `export.provided` and `inherited` are the provider's part, `export.
//! responsibilities` and `satisfied` the customer's. Both: shared.
//!
//! A **component definition**: each implemented requirement of each component is a row, owned
//! by its `responsible-roles` (the metadata's roles as parties, at most 8).
//!
//! Each row's place is its UUID; errors name a JSON pointer.

use std::collections::HashMap;
use std::path::Path;

use serde_json::Value;

use super::{Catalogue, Leftover, Party, Row, clean, family};
use crate::diag::Diagnostic;

/// The OSCAL versions read: 1.x, whose shapes of these models are the same.
const MAJOR: &str = "1.";

/// Party ids for roles, which must be slugs: the first 8 roles get these.
const ROLE_IDS: [&str; 8] = [
    "role-1", "role-2", "role-3", "role-4", "role-5", "role-6", "role-7", "role-8",
];

fn error(pointer: &str, message: impl Into<String>) -> Diagnostic {
    Diagnostic::error(message).field(pointer.to_string())
}

/// The text at `pointer` below `v`, or an error naming it.
fn text<'a>(v: &'a Value, pointer: &str, base: &str) -> Result<&'a str, Diagnostic> {
    v.pointer(pointer).and_then(Value::as_str).ok_or_else(|| {
        error(
            &format!("{base}{pointer}"),
            format!("missing or not text: {base}{pointer}"),
        )
    })
}

/// The array at `key` of `v` (empty when absent).
fn list<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    v.get(key)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

pub(super) fn read(
    file: &Path,
    bytes: &[u8],
    bounds: &super::Bounds,
) -> Result<Catalogue, Diagnostic> {
    let doc = super::document::parse(bytes, bounds).map_err(|d| d.in_file(file))?;
    let name = file
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let (root, kind) = if let Some(r) = doc.get("system-security-plan") {
        (r, "system-security-plan")
    } else if let Some(r) = doc.get("component-definition") {
        (r, "component-definition")
    } else {
        return Err(error(
            "",
            "neither a system security plan nor a component definition",
        )
        .in_file(file)
        .hint("the document's root key must be `system-security-plan` or `component-definition`"));
    };
    let base = format!("/{kind}");
    let version = text(root, "/metadata/oscal-version", &base).map_err(|d| d.in_file(file))?;
    if !version.starts_with(MAJOR) {
        return Err(error(
            &format!("{base}/metadata/oscal-version"),
            format!(
                "OSCAL version {} is not read",
                crate::diag::visible(version)
            ),
        )
        .in_file(file)
        .hint("demarcate reads OSCAL 1.x (1.0 to 1.2)"));
    }
    let mut cat = Catalogue {
        title: root
            .pointer("/metadata/title")
            .and_then(Value::as_str)
            .and_then(clean),
        url: root
            .pointer("/metadata/links")
            .and_then(Value::as_array)
            .and_then(|ls| {
                ls.iter()
                    .filter_map(|l| l.get("href")?.as_str())
                    .find(|h| h.starts_with("https://") || h.starts_with("http://"))
            })
            .map(str::to_string),
        describes: format!(
            "the OSCAL {} {name} (OSCAL {version})",
            kind.replace('-', " ")
        ),
        ..Catalogue::default()
    };
    requirements_within(root, &base, bounds).map_err(|d| d.in_file(file))?;
    if kind == "system-security-plan" {
        ssp(root, &base, &mut cat)
    } else {
        component_definition(root, &base, &mut cat)
    }
    .map_err(|d| d.in_file(file))?;
    Ok(cat)
}

/// The most requirements a document may hold (`--max-rows`), counted before any is read.
fn requirements_within(root: &Value, base: &str, bounds: &super::Bounds) -> Result<(), Diagnostic> {
    let ssp = root
        .pointer("/control-implementation/implemented-requirements")
        .and_then(Value::as_array)
        .map_or(0, Vec::len);
    let cd: usize = list(root, "components")
        .iter()
        .flat_map(|c| list(c, "control-implementations"))
        .map(|imp| list(imp, "implemented-requirements").len())
        .sum();
    let n = ssp + cd;
    if n > bounds.max_rows {
        return Err(error(
            base,
            format!(
                "the document has {n} implemented requirements, more than {}",
                bounds.max_rows
            ),
        )
        .hint("a model has one layer per control; raise the bound with `--max-rows`, or split the document"));
    }
    Ok(())
}

/// Who a by-component says is responsible: (provider, customer).
fn parts_of(by: &Value) -> (bool, bool) {
    let export = by.get("export");
    let provided = export.is_some_and(|e| !list(e, "provided").is_empty());
    let responsibilities = export.is_some_and(|e| !list(e, "responsibilities").is_empty());
    let inherited = !list(by, "inherited").is_empty();
    let satisfied = !list(by, "satisfied").is_empty();
    (provided || inherited, responsibilities || satisfied)
}

fn ssp(root: &Value, base: &str, cat: &mut Catalogue) -> Result<(), Diagnostic> {
    let reqs_at = format!("{base}/control-implementation/implemented-requirements");
    let reqs = root
        .pointer("/control-implementation/implemented-requirements")
        .and_then(Value::as_array)
        .ok_or_else(|| error(&reqs_at, format!("missing: {reqs_at}")))?;
    cat.parties = vec![
        Party {
            id: "customer".into(),
            label: "Leveraging system (customer)".into(),
        },
        Party {
            id: "provider".into(),
            label: "Leveraged system (provider)".into(),
        },
    ];
    let mut seen = HashMap::new();
    for (i, req) in reqs.iter().enumerate() {
        let at = format!("{reqs_at}/{i}");
        let control = text(req, "/control-id", &at)?;
        let uuid = text(req, "/uuid", &at)?;
        let mut bys: Vec<&Value> = list(req, "by-components").iter().collect();
        for st in list(req, "statements") {
            bys.extend(list(st, "by-components"));
        }
        let (owners, notes, odd) = who_and_what(&bys);
        if odd > 0 {
            cat.leftovers.push(Leftover {
                at: at.clone(),
                why: format!(
                    "{control}: {odd} description{} of its by-components not text (an object or a list), so not in the model",
                    if odd == 1 { " is" } else { "s are" }
                ),
            });
        }
        if owners.is_empty() {
            cat.leftovers.push(Leftover {
                at: at.clone(),
                why: format!("{control}: no by-component provides, inherits, exports a responsibility or satisfies one"),
            });
            continue;
        }
        push(
            cat,
            &mut seen,
            Row {
                control: control.to_string(),
                title: None,
                description: None,
                owners,
                note: (!notes.is_empty()).then(|| notes.join("\n")),
                at: format!("UUID {uuid}"),
                group: family(control),
                column: None,
            },
            &at,
        );
    }
    Ok(())
}

/// The owners the by-components name (customer first), and what each does.
/// Also counts the descriptions that are not text (an object, a list, a number): they are not
/// imported, and the caller lists them.
fn who_and_what(bys: &[&Value]) -> (Vec<String>, Vec<String>, usize) {
    let (mut provider, mut customer) = (false, false);
    let mut notes = Vec::new();
    let mut odd = 0;
    let mut described = |items: &[Value], who: &str, notes: &mut Vec<String>| {
        for item in items {
            match item.get("description") {
                Some(Value::String(d)) => {
                    if let Some(d) = clean(d) {
                        notes.push(format!("{who}: {d}"));
                    }
                }
                None | Some(Value::Null) => {}
                Some(_) => odd += 1,
            }
        }
    };
    for by in bys {
        let (p, c) = parts_of(by);
        provider |= p;
        customer |= c;
        let export = by.get("export");
        let of_export = |key| export.map_or(&[][..], |e| list(e, key));
        described(of_export("provided"), "Provider", &mut notes);
        described(list(by, "inherited"), "Provider", &mut notes);
        described(of_export("responsibilities"), "Customer", &mut notes);
        described(list(by, "satisfied"), "Customer", &mut notes);
    }
    let owners = [("customer", customer), ("provider", provider)]
        .into_iter()
        .filter(|&(_, yes)| yes)
        .map(|(p, _)| p.to_string())
        .collect();
    (owners, notes, odd)
}

/// A leftover for each of `keys` of `v` that is there but not text: prose that is an object
/// or a list is not imported, and says so.
fn not_text(cat: &mut Catalogue, v: &Value, keys: &[&str], at: &str, control: &str) {
    for key in keys {
        let kind = match v.get(*key) {
            None | Some(Value::Null | Value::String(_)) => continue,
            Some(Value::Object(_)) => "an object",
            Some(Value::Array(_)) => "a list",
            Some(_) => "a number or a boolean",
        };
        cat.leftovers.push(Leftover {
            at: format!("{at}/{key}"),
            why: format!("{control}: its {key} is {kind}, not text, so it is not in the model"),
        });
    }
}

/// Adds `row` unless its control is there already in its column (then a leftover). `seen`
/// indexes the rows by control and column, so a document of thousands of requirements costs
/// no more than one of tens per requirement.
fn push(
    cat: &mut Catalogue,
    seen: &mut HashMap<(String, Option<usize>), usize>,
    row: Row,
    at: &str,
) {
    let key = (row.control.clone(), row.column);
    if let Some(&first) = seen.get(&key) {
        cat.leftovers.push(Leftover {
            at: at.to_string(),
            why: format!("{} again (first at {})", row.control, cat.rows[first].at),
        });
    } else {
        seen.insert(key, cat.rows.len());
        cat.rows.push(row);
    }
}

fn component_definition(root: &Value, base: &str, cat: &mut Catalogue) -> Result<(), Diagnostic> {
    let role_ids = roles(root, base, cat)?;
    let components = list(root, "components");
    let mut seen = HashMap::new();
    for (c, comp) in components.iter().enumerate() {
        let title = comp
            .get("title")
            .and_then(Value::as_str)
            .and_then(clean)
            .unwrap_or_else(|| format!("Component {}", c + 1));
        // With several components, each is a column.
        let column = (components.len() > 1).then(|| add_column(cat, comp, &title));
        for (k, imp) in list(comp, "control-implementations").iter().enumerate() {
            for (r, req) in list(imp, "implemented-requirements").iter().enumerate() {
                let at = format!(
                    "{base}/components/{c}/control-implementations/{k}/implemented-requirements/{r}"
                );
                let control = text(req, "/control-id", &at)?;
                let uuid = text(req, "/uuid", &at)?;
                let owners = responsible(req, &at, &role_ids)?;
                if owners.is_empty() && !is_not_applicable(req) {
                    cat.leftovers.push(Leftover {
                        at,
                        why: format!("{control} ({title}): no responsible role"),
                    });
                    continue;
                }
                not_text(cat, req, &["description", "remarks"], &at, control);
                let text_of = |key| req.get(key).and_then(Value::as_str).and_then(clean);
                // With columns, a requirement's description is its cell's, not the layer's.
                let (description, note) = match column {
                    None => (text_of("description"), text_of("remarks")),
                    Some(_) => {
                        let both: Vec<String> = [text_of("description"), text_of("remarks")]
                            .into_iter()
                            .flatten()
                            .collect();
                        (None, (!both.is_empty()).then(|| both.join(" ")))
                    }
                };
                let row = Row {
                    control: control.to_string(),
                    title: None,
                    description,
                    owners,
                    note,
                    at: format!("UUID {uuid}"),
                    group: family(control),
                    column,
                };
                push(cat, &mut seen, row, &at);
            }
        }
    }
    Ok(())
}

/// Adds a component as a column: its id from demarcate's own `column` property when it has
/// one (an export read back), else from its title; returns its index.
fn add_column(cat: &mut Catalogue, comp: &Value, title: &str) -> usize {
    let own = list(comp, "props").iter().find_map(|p| {
        (p.get("name")?.as_str()? == "column" && p.get("ns")?.as_str()? == "urn:demarcate:oscal")
            .then(|| p.get("value")?.as_str())
            .flatten()
    });
    let base = own
        .and_then(|id| crate::model::Slug::parse(id).ok())
        .map_or_else(
            || crate::model::Slug::suggest(title),
            |s| s.as_str().to_string(),
        );
    let base = if base.is_empty() {
        "component".to_string()
    } else {
        base
    };
    let mut id = base.clone();
    let mut n = 2;
    while cat.columns.iter().any(|c| c.id == id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    cat.columns.push(super::Column {
        id,
        label: title.to_string(),
    });
    cat.columns.len() - 1
}

/// The metadata's roles as parties; returns each role id with its party id.
fn roles(
    root: &Value,
    base: &str,
    cat: &mut Catalogue,
) -> Result<Vec<(String, String)>, Diagnostic> {
    let roles = list(root.get("metadata").unwrap_or(&Value::Null), "roles");
    if roles.len() > ROLE_IDS.len() {
        return Err(error(
            &format!("{base}/metadata/roles"),
            format!(
                "{} roles; a model takes at most {}",
                roles.len(),
                ROLE_IDS.len()
            ),
        ));
    }
    let mut role_ids = Vec::new();
    for (i, r) in roles.iter().enumerate() {
        let at = format!("{base}/metadata/roles/{i}");
        let id = text(r, "/id", &at)?;
        let title = r
            .get("title")
            .and_then(Value::as_str)
            .and_then(clean)
            .unwrap_or_else(|| id.to_string());
        // A role id that is a model id is kept (`customer`); others get `role-N`.
        let party = crate::model::Slug::parse(id)
            .map_or_else(|_| ROLE_IDS[i].to_string(), |s| s.as_str().to_string());
        role_ids.push((id.to_string(), party.clone()));
        cat.parties.push(Party {
            id: party,
            label: title,
        });
    }
    Ok(role_ids)
}

/// The parties of a requirement's responsible roles, each once.
fn responsible(
    req: &Value,
    at: &str,
    role_ids: &[(String, String)],
) -> Result<Vec<String>, Diagnostic> {
    let mut owners = Vec::new();
    for (n, rr) in list(req, "responsible-roles").iter().enumerate() {
        let role = text(rr, "/role-id", &format!("{at}/responsible-roles/{n}"))?;
        let Some((_, party)) = role_ids.iter().find(|(id, _)| id == role) else {
            return Err(error(
                &format!("{at}/responsible-roles/{n}/role-id"),
                format!(
                    "the role `{}` is not among the metadata's roles",
                    crate::diag::visible(role)
                ),
            ));
        };
        if !owners.contains(party) {
            owners.push(party.clone());
        }
    }
    Ok(owners)
}

/// Whether a requirement says it does not apply (demarcate's own export marks it so).
fn is_not_applicable(req: &Value) -> bool {
    list(req, "props").iter().any(|p| {
        p.get("name").and_then(Value::as_str) == Some("responsibility")
            && p.get("value").and_then(Value::as_str) == Some("not-applicable")
    })
}
