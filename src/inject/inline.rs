//! Inline directives, in the form mdBook's own `{{#include …}}` takes:
//! `{{#demarcate matrix model=aws}}` is replaced by what a marked region of that kind holds.
//! A directive in a code block, an HTML comment or a marked region is only text, and
//! `\{{#demarcate …}}` is written out as `{{#demarcate …}}` without the backslash.

use super::{Region, parse_words};
use crate::diag::{Diagnostic, Pos};

/// How a directive starts.
pub(super) const OPEN: &str = "{{#demarcate";
const CLOSE: &str = "}}";

/// Expands the directives of one line into `out`.
pub(super) fn expand_line(
    line: &str,
    number: u32,
    out: &mut String,
    generate: &mut impl FnMut(&Region) -> Result<String, Diagnostic>,
) -> Result<(), Diagnostic> {
    let mut rest = line;
    while let Some(at) = rest.find(OPEN) {
        let (before, from) = rest.split_at(at);
        if let Some(kept) = before.strip_suffix('\\') {
            out.push_str(kept);
            out.push_str(OPEN);
            rest = &from[OPEN.len()..];
            continue;
        }
        out.push_str(before);
        let column = (line.len() - rest.len() + at) as u32;
        let pos = Pos {
            line: number,
            column: line[..column as usize].chars().count() as u32 + 1,
        };
        let after = &from[OPEN.len()..];
        if !after.starts_with([' ', '\t']) {
            // `{{#demarcated…}}` and the like are someone else's.
            out.push_str(OPEN);
            rest = after;
            continue;
        }
        let end = after.find(CLOSE).ok_or_else(|| {
            Diagnostic::error("a `{{#demarcate …}}` directive is not closed on its line")
                .at(pos)
                .hint("write it on one line, e.g. `{{#demarcate matrix model=aws}}`")
        })?;
        let region = parse_words(&after[..end], pos, "{{#demarcate matrix model=aws}}")?;
        out.push_str(generate(&region)?.trim_end());
        rest = &after[end + CLOSE.len()..];
    }
    out.push_str(rest);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expand(text: &str) -> Result<String, Diagnostic> {
        super::super::fill(text, true, |r| {
            Ok(format!(
                "[{} {} at {}:{}]\n",
                r.kind,
                r.params.get("model").map_or("-", String::as_str),
                r.line,
                r.column
            ))
        })
    }

    #[test]
    fn directives_are_replaced_where_they_stand() {
        let out = expand(
            "# T\n\n{{#demarcate matrix model=aws}}\n\nSee é {{#demarcate image model=x}} here.\n",
        )
        .unwrap();
        assert_eq!(
            out,
            "# T\n\n[matrix aws at 3:1]\n\nSee é [image x at 5:7] here.\n"
        );
    }

    #[test]
    fn code_comments_escapes_and_other_names_are_left_alone() {
        let text = "```\n{{#demarcate matrix model=aws}}\n```\n<!--\n{{#demarcate matrix model=aws}}\n-->\n\\{{#demarcate matrix model=aws}}\n{{#demarcated x}}\n    {{#demarcate matrix model=aws}}\n";
        let out = expand(text).unwrap();
        assert_eq!(out, text.replace("\\{{", "{{"));
    }

    #[test]
    fn a_broken_directive_names_its_line_and_column() {
        let e = expand("a\n  {{#demarcate matrix model=aws\n").unwrap_err();
        assert!(e.message.contains("not closed"), "{}", e.message);
        assert_eq!((e.pos.line, e.pos.column), (2, 3));
        let e = expand("{{#demarcate matrix aws}}").unwrap_err();
        assert!(e.message.contains("`aws` is not `key=value`"));
        let e = expand("{{#demarcate }}").unwrap_err();
        assert!(e.message.contains("names what to insert"));
    }
}
