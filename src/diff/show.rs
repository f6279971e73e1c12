//! A [`Diff`] for people: plain text for a terminal (model text made visible: control and
//! bidirectional characters escaped), and Markdown for a pull-request comment (model text
//! escaped, one table per kind of change).

use std::fmt::Write as _;

use super::{CellChange, Diff, Moved, Named, PartChange, TextChange};
use crate::diag::visible;
use crate::render::markup::escape_markdown;

/// "3 cells changed, 1 part added, removed or renamed, 2 text edits", or "no change".
fn summary(d: &Diff) -> String {
    let count =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut parts = Vec::new();
    if !d.cells.is_empty() {
        parts.push(count(d.cells.len(), "cell changed", "cells changed"));
    }
    for (verb, n) in [
        (
            "added",
            d.parts
                .iter()
                .filter(|p| matches!(p, PartChange::Added { .. }))
                .count(),
        ),
        (
            "removed",
            d.parts
                .iter()
                .filter(|p| matches!(p, PartChange::Removed { .. }))
                .count(),
        ),
        (
            "renamed",
            d.parts
                .iter()
                .filter(|p| matches!(p, PartChange::Renamed { .. }))
                .count(),
        ),
    ] {
        if n > 0 {
            parts.push(format!("{} {verb}", count(n, "part", "parts")));
        }
    }
    if !d.text.is_empty() {
        parts.push(count(d.text.len(), "text edit", "text edits"));
    }
    if parts.is_empty() {
        "no change".into()
    } else {
        parts.join(", ")
    }
}

/// The owners as their labels joined with "and"; "not applicable" when none.
fn owners(o: &[Named]) -> String {
    if o.is_empty() {
        return "not applicable".into();
    }
    o.iter()
        .map(|n| n.label.as_str())
        .collect::<Vec<_>>()
        .join(" and ")
}

fn optional(v: &Option<String>) -> String {
    v.as_deref()
        .map_or_else(|| "(none)".into(), |s| format!("\"{s}\""))
}

fn list(v: &[String]) -> String {
    if v.is_empty() {
        "(none)".into()
    } else {
        v.join(", ")
    }
}

/// The changed fields of a cell as `(field, old, new)`, in a fixed order.
fn fields(c: &CellChange) -> Vec<(&'static str, String, String)> {
    fn pair<T>(m: &Moved<T>, f: impl Fn(&T) -> String) -> (String, String) {
        (f(&m.old), f(&m.new))
    }
    [
        ("owners", c.owners.as_ref().map(|m| pair(m, |o| owners(o)))),
        ("status", c.status.as_ref().map(|m| pair(m, optional))),
        ("note", c.note.as_ref().map(|m| pair(m, optional))),
        ("sources", c.sources.as_ref().map(|m| pair(m, |v| list(v)))),
    ]
    .into_iter()
    .filter_map(|(name, m)| m.map(|(a, b)| (name, a, b)))
    .collect()
}

/// A part change as (sign, sentence).
fn part_line(p: &PartChange) -> (char, String) {
    match p {
        PartChange::Added { part, id, label } => ('+', format!("{} {id} \"{label}\"", part.name())),
        PartChange::Removed { part, id, label } => {
            ('-', format!("{} {id} \"{label}\"", part.name()))
        }
        PartChange::Renamed {
            part,
            from,
            to,
            label,
        } => (
            '~',
            format!("{} {from} is now {to} \"{label}\"", part.name()),
        ),
    }
}

/// The diff as plain text for a terminal; `old` and `new` name the two sides.
pub fn text(d: &Diff, old: &str, new: &str) -> String {
    let mut out = format!("{} → {}: {}\n", visible(old), visible(new), summary(d));
    if !d.cells.is_empty() {
        out.push_str("\ncells:\n");
        for c in &d.cells {
            let what: Vec<String> = fields(c)
                .into_iter()
                .map(|(f, a, b)| format!("{f} {a} → {b}"))
                .collect();
            let line = format!(
                "  {} × {}: {}",
                c.layer.label,
                c.column.label,
                what.join("; ")
            );
            let _ = writeln!(out, "{}", visible(&one_line(&line)));
        }
    }
    if !d.parts.is_empty() {
        out.push_str("\nlayers, columns, parties and sources:\n");
        for p in &d.parts {
            let (sign, line) = part_line(p);
            let _ = writeln!(out, "  {sign} {}", visible(&line));
        }
    }
    if !d.text.is_empty() {
        out.push_str("\ntext:\n");
        for TextChange { field, old, new } in &d.text {
            let line = format!("  {field}: {} → {}", quoted(old), quoted(new));
            let _ = writeln!(out, "{}", visible(&one_line(&line)));
        }
    }
    out
}

/// A text's line breaks as spaces, so each change is one line.
fn one_line(s: &str) -> String {
    s.split(['\n', '\r'])
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn quoted(s: &str) -> String {
    if s.is_empty() {
        "(none)".into()
    } else {
        format!("\"{s}\"")
    }
}

/// The diff as Markdown for a pull-request comment: a summary line and one table per kind of
/// change, every model text escaped.
pub fn markdown(d: &Diff, old: &str, new: &str) -> String {
    let e = |s: &str| escape_markdown(s);
    let mut out = format!("**{} → {}**: {}\n", e(old), e(new), e(&summary(d)));
    if !d.cells.is_empty() {
        out.push_str(
            "\n| Layer | Column | Changed | Old | New |\n| --- | --- | --- | --- | --- |\n",
        );
        for c in &d.cells {
            for (i, (f, a, b)) in fields(c).into_iter().enumerate() {
                let (layer, column) = if i == 0 {
                    (e(&c.layer.label), e(&c.column.label))
                } else {
                    (String::new(), String::new())
                };
                let _ = writeln!(out, "| {layer} | {column} | {f} | {} | {} |", e(&a), e(&b));
            }
        }
    }
    if !d.parts.is_empty() {
        out.push_str("\n| Change | What |\n| --- | --- |\n");
        for p in &d.parts {
            let (sign, line) = part_line(p);
            let verb = match sign {
                '+' => "added",
                '-' => "removed",
                _ => "renamed",
            };
            let _ = writeln!(out, "| {verb} | {} |", e(&line));
        }
    }
    if !d.text.is_empty() {
        out.push_str("\n| Text | Old | New |\n| --- | --- | --- |\n");
        for t in &d.text {
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                e(&t.field),
                e(&quoted(&t.old)),
                e(&quoted(&t.new))
            );
        }
    }
    out
}
