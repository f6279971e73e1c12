//! A [`Catalogue`] written as a model: every scalar a JSON string (valid YAML, nothing in it
//! read as YAML syntax), the leftovers in a comment at the top, and the text loaded back
//! before it is returned, so an import never writes a model that does not validate.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::path::Path;

use super::{Catalogue, Options, Row};
use crate::diag::{Diagnostic, visible};
use crate::model::Slug;

/// A JSON string: a YAML double-quoted scalar with every special character escaped.
fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// One line of a YAML comment: line breaks as spaces, control characters made visible.
fn comment(s: &str) -> String {
    visible(&s.split_whitespace().collect::<Vec<_>>().join(" ")).into_owned()
}

/// Unique layer ids from the controls' ids (`IAM-01.1` → `iam-01-1`).
fn layer_ids(rows: &[&Row]) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    let mut taken: HashSet<String> = HashSet::new();
    for (n, row) in rows.iter().enumerate() {
        let base = Slug::suggest(&row.control);
        let base = if Slug::parse(&base).is_ok() {
            base
        } else {
            format!("row-{}", n + 1)
        };
        let mut id = base.clone();
        let mut k = 2;
        while taken.contains(&id) {
            id = format!(
                "{}-{k}",
                base.chars().take(Slug::MAX_LEN - 4).collect::<String>()
            );
            k += 1;
        }
        taken.insert(id.clone());
        ids.push(id);
    }
    ids
}

/// The model text of `cat`, read from `file`.
pub(super) fn model(cat: &Catalogue, file: &Path, opts: &Options) -> Result<String, Diagnostic> {
    let name = file
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let url = check(cat, file, opts)?;
    let title = opts
        .title
        .clone()
        .or_else(|| cat.title.clone())
        .unwrap_or_else(|| format!("Shared responsibility: {name}"));
    let mut y = header(cat, &name);
    let _ = writeln!(y, "id: {}", q(&opts.id));
    let _ = writeln!(y, "title: {}", q(&title));
    let _ = writeln!(y, "axis: {}", q("Document"));
    let _ = writeln!(
        y,
        "follows: {}",
        q(&format!("{}, as imported by demarcate", cat.describes))
    );
    let _ = writeln!(y, "pictures: [matrix, coverage]");
    parties(&mut y, cat);
    y.push_str("layers:\n");
    // One layer per control: the first row of each (with columns, a control has a row per
    // column it is in).
    let mut controls: Vec<&Row> = Vec::new();
    let mut listed: HashSet<&str> = HashSet::new();
    for row in &cat.rows {
        if listed.insert(row.control.as_str()) {
            controls.push(row);
        }
    }
    let cells: HashMap<(&str, Option<usize>), &Row> = cat
        .rows
        .iter()
        .map(|r| ((r.control.as_str(), r.column), r))
        .collect();
    let ids = layer_ids(&controls);
    for (row, id) in controls.iter().zip(&ids) {
        layer(&mut y, row, id, cat.columns.is_empty());
    }
    if !cat.columns.is_empty() {
        y.push_str("services:\n");
        for (c, column) in cat.columns.iter().enumerate() {
            let _ = writeln!(y, "  - id: {}", q(&column.id));
            let _ = writeln!(y, "    label: {}", q(&column.label));
            y.push_str("    owners:\n");
            for (control, id) in controls.iter().zip(&ids) {
                let row = cells.get(&(control.control.as_str(), Some(c)));
                let cell = match row {
                    Some(r) => cell(r),
                    None => format!(
                        "owner: \"n/a\", note: {}",
                        q("Not in this component of the document.")
                    ),
                };
                let _ = writeln!(y, "      {}: {{{cell}}}", q(id));
            }
        }
    }
    y.push_str("sources:\n");
    let document = cat.title.clone().unwrap_or(name);
    let _ = writeln!(
        y,
        "  - {{id: document, title: {}, url: {}}}",
        q(&document),
        q(&url)
    );
    validated(file, &y)?;
    Ok(y)
}

/// The `parties:` list; a document that names one party gets a second, owning nothing.
fn parties(y: &mut String, cat: &Catalogue) {
    y.push_str("parties:\n");
    for p in &cat.parties {
        let _ = writeln!(y, "  - {{id: {}, label: {}}}", q(&p.id), q(&p.label));
    }
    if cat.parties.len() < 2 {
        // A model needs two parties; the document names one (an OSCAL component definition
        // with one role): the other owns nothing here, and says so.
        let id = if cat.parties.iter().any(|p| p.id == "other") {
            "other-party"
        } else {
            "other"
        };
        let _ = writeln!(
            y,
            "  - {{id: {}, label: {}}}",
            q(id),
            q("Any other party (named nowhere in the document)")
        );
    }
}

/// An error when the model text does not load and validate: the first error, with its
/// field and hints.
fn validated(file: &Path, y: &str) -> Result<(), Diagnostic> {
    if let Err(errors) = &crate::load_str(file, y.to_string()).result {
        let Some(first) = errors.first() else {
            return Ok(());
        };
        let mut d = Diagnostic::error(format!(
            "the imported model does not validate: {}",
            first.message
        ))
        .in_file(file);
        if !first.field.is_empty() {
            d = d.field(first.field.clone());
        }
        for h in &first.hints {
            if h.contains("raise the limit with --max-") {
                // A model's own limit: import has no such flag, build and lint have.
                d = d.hint(format!(
                    "{h} (a flag of build, check and lint: the model is within it only for a run that raises it); or split the document and import each part"
                ));
            } else {
                d = d.hint(h.clone());
            }
        }
        if first.hints.is_empty() {
            d = d.hint("the document holds something a model cannot; please report it with the document's shape");
        }
        return Err(d);
    }
    Ok(())
}

/// The checks before writing: rows to write, a web address for the source, texts a model
/// takes; returns the address.
fn check(cat: &Catalogue, file: &Path, opts: &Options) -> Result<String, Diagnostic> {
    if cat.rows.is_empty() {
        let mut d =
            Diagnostic::error("nothing to import: no row says who is responsible").in_file(file);
        for l in cat.leftovers.iter().take(5) {
            d = d.hint(format!("{}: {}", l.at, l.why));
        }
        return Err(d);
    }
    let url = opts
        .url
        .clone()
        .or_else(|| cat.url.clone())
        .ok_or_else(|| {
            Diagnostic::error(
                "no web address for the document, which the model cites as its source",
            )
            .in_file(file)
            .hint("give the page the document is published on with `--url https://…`")
        })?;
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        return Err(
            Diagnostic::error(format!("`{}` is not a web address", visible(&url)))
                .in_file(file)
                .hint("give an http or https address with `--url`"),
        );
    }
    let max = crate::limits::Limits::default().max_text;
    for row in &cat.rows {
        let texts = [
            Some(&row.control),
            row.title.as_ref(),
            row.description.as_ref(),
            row.note.as_ref(),
        ];
        if texts.into_iter().flatten().any(|t| t.chars().count() > max) {
            return Err(Diagnostic::error(format!(
                "{}: a text of more than {max} characters",
                row.at
            ))
            .in_file(file)
            .hint("shorten it in the document: a model's texts are read aloud and drawn"));
        }
    }
    Ok(url)
}

/// The comment at the top: where the model comes from and what was not imported.
fn header(cat: &Catalogue, name: &str) -> String {
    let mut y = String::new();
    let _ = writeln!(y, "# yaml-language-server: $schema=demarcate.schema.json");
    let n = cat.rows.len();
    let _ = writeln!(
        y,
        "# Imported by demarcate from {}: {n} row{}.",
        comment(name),
        if n == 1 { "" } else { "s" }
    );
    if cat.leftovers.is_empty() {
        let _ = writeln!(y, "# Every row of the document is in the model.");
    } else {
        let _ = writeln!(y, "# Not imported ({}):", cat.leftovers.len());
        for l in &cat.leftovers {
            let _ = writeln!(y, "#   {}: {}", comment(&l.at), comment(&l.why));
        }
    }
    y
}

/// One control as a layer: with its owner, status, source and note when the model has one
/// column (`owned`), else only what the columns share.
fn layer(y: &mut String, row: &Row, id: &str, owned: bool) {
    let label = match &row.title {
        Some(t) => format!("{} {t}", row.control),
        None => row.control.clone(),
    };
    let _ = writeln!(y, "  - id: {}", q(id));
    let _ = writeln!(y, "    label: {}", q(&label));
    if let Some(d) = &row.description {
        let _ = writeln!(y, "    description: {}", q(d));
    }
    if let Some(g) = &row.group {
        let _ = writeln!(y, "    group: {}", q(g));
    }
    if owned {
        for (key, value) in fields(row) {
            let _ = writeln!(y, "    {key}: {value}");
        }
    }
}

/// A row's cell as a flow mapping's fields.
fn cell(row: &Row) -> String {
    fields(row)
        .iter()
        .map(|(k, v)| format!("{k}: {v}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A row's cell: owner, status, source and note, each as YAML.
fn fields(row: &Row) -> [(&'static str, String); 4] {
    let owner = match row.owners.as_slice() {
        [] => q("n/a"),
        [one] => q(one),
        many => format!(
            "[{}]",
            many.iter().map(|o| q(o)).collect::<Vec<_>>().join(", ")
        ),
    };
    let at = capital(&row.at);
    let note = match &row.note {
        Some(n) => format!("{at} of the document. {n}"),
        None => format!("{at} of the document."),
    };
    [
        ("owner", owner),
        ("status", "published".into()),
        ("sources", "[document]".into()),
        ("note", q(&note)),
    ]
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}
