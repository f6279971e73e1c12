//! An OSCAL document's text as JSON values, within bounds: XML through `xml.rs`, JSON
//! counted before it is parsed, YAML within serde-saphyr's budget.

use serde_json::Value;

use crate::diag::Diagnostic;
use crate::limits::Limits;

/// How many values JSON text holds at most: one for each `[`, `{`, `,` and `:` outside
/// strings, plus one. Counted before parsing, so a file of a million small numbers is refused
/// before it is built as a million values.
fn json_values(text: &str) -> usize {
    let (mut n, mut in_string, mut escaped) = (1usize, false, false);
    for b in text.bytes() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
        } else {
            match b {
                b'"' => in_string = true,
                b'[' | b'{' | b',' | b':' => n += 1,
                _ => {}
            }
        }
    }
    n
}

/// XML when it starts with `<`, JSON when it starts with `{`, else YAML; at most
/// [`super::Bounds::max_cells`] values (elements, nodes) in each.
pub(super) fn parse(bytes: &[u8], bounds: &super::Bounds) -> Result<Value, Diagnostic> {
    let text = std::str::from_utf8(bytes)
        .map_err(|e| Diagnostic::error(format!("not UTF-8 text: {e}")))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim_start().starts_with('<') {
        return super::xml::to_json(text, bounds.max_cells);
    }
    if text.trim_start().starts_with('{') {
        let values = json_values(text);
        if values > bounds.max_cells {
            return Err(Diagnostic::error(format!(
                "the document holds about {values} JSON values, more than {}",
                bounds.max_cells
            ))
            .hint("raise the bound with `--max-cells`"));
        }
        return serde_json::from_str(text).map_err(|e| {
            Diagnostic::error(format!("not JSON: {e}")).at(crate::diag::Pos {
                line: e.line() as u32,
                column: e.column() as u32,
            })
        });
    }
    let limits = Limits::default();
    let mut options = serde_saphyr::Options::default();
    let mut budget = serde_saphyr::Budget::default();
    budget.max_depth = limits.max_depth * 2;
    budget.max_aliases = limits.max_alias_events;
    budget.max_nodes = bounds.max_cells;
    options.budget = Some(budget);
    options.alias_limits.max_total_replayed_events = limits.max_alias_events;
    serde_saphyr::from_str_with_options::<Value>(text, options).map_err(|e| {
        let text = e.to_string();
        if text.contains("budget") {
            // The reader's own words are a debug print; say which bound, and the flag.
            return Diagnostic::error(format!(
                "the YAML document is over a bound: more than {} nodes, {} aliases or nesting deeper than {}",
                bounds.max_cells,
                limits.max_alias_events,
                limits.max_depth * 2
            ))
            .hint("raise the node bound with `--max-cells`; an alias or nesting this deep is no OSCAL document");
        }
        let first = text.lines().next().unwrap_or_default().to_string();
        Diagnostic::error(format!("not JSON or YAML: {}", crate::diag::visible(&first)))
    })
}
