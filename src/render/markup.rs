//! Escaping and Markdown helpers registered as tera filters.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd, html};

/// Model prose (Markdown) → HTML. Raw HTML in the source is shown as text; a link whose
/// target is not http, https, mailto or an in-page anchor keeps its text and loses the link;
/// an image shows its alt text (a handout never loads anything from elsewhere).
pub fn markdown_to_html(source: &str) -> String {
    let mut dropping_link = false;
    let parser = Parser::new_ext(source, options()).filter_map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Some(Event::Text(raw)),
        Event::Start(Tag::Link { ref dest_url, .. }) if !safe_url(dest_url) => {
            dropping_link = true;
            None
        }
        Event::End(TagEnd::Link) if dropping_link => {
            dropping_link = false;
            None
        }
        Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => None,
        other => Some(other),
    });
    let mut out = String::new();
    html::push_html(&mut out, parser);
    out
}

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// What must go from Markdown prose before it reaches a Markdown file: each unsafe link
/// (replaced by its text), each image (replaced by its alt text) and each definition of an
/// unsafe reference link (removed), as byte ranges of `source` and their plain-text
/// replacements, in source order and never overlapping.
fn unsafe_spans(source: &str) -> Vec<(Range<usize>, String)> {
    // Reference labels that images use: their definitions go too.
    let image_labels: Vec<String> = Parser::new_ext(source, options())
        .filter_map(|e| match e {
            Event::Start(Tag::Image { id, .. }) if !id.is_empty() => Some(id.to_lowercase()),
            _ => None,
        })
        .collect();
    let parser = Parser::new_ext(source, options());
    let mut spans: Vec<(Range<usize>, String)> = parser
        .reference_definitions()
        .iter()
        .filter(|(label, def)| !safe_url(&def.dest) || image_labels.contains(&label.to_lowercase()))
        .map(|(_, def)| (def.span.clone(), String::new()))
        .collect();
    // The range of the link or image being replaced, and the text gathered inside it.
    let mut open: Option<(Range<usize>, String, usize)> = None;
    for (event, range) in parser.into_offset_iter() {
        match (&event, &mut open) {
            (Event::Start(Tag::Link { dest_url, .. }), None) if !safe_url(dest_url) => {
                open = Some((range, String::new(), 0));
            }
            (Event::Start(Tag::Image { .. }), None) => open = Some((range, String::new(), 0)),
            (Event::Start(Tag::Link { .. } | Tag::Image { .. }), Some((_, _, depth))) => {
                *depth += 1;
            }
            (Event::End(TagEnd::Link | TagEnd::Image), Some((_, _, depth))) if *depth > 0 => {
                *depth -= 1;
            }
            (Event::End(TagEnd::Link | TagEnd::Image), Some(_)) => {
                let (range, text, _) = open.take().expect("open");
                spans.push((range, text));
            }
            (Event::Text(t) | Event::Code(t), Some((_, text, _))) => text.push_str(t),
            (Event::SoftBreak | Event::HardBreak, Some((_, text, _))) => text.push(' '),
            _ => {}
        }
    }
    spans.sort_by_key(|(r, _)| (r.start, std::cmp::Reverse(r.end)));
    let mut kept: Vec<(Range<usize>, String)> = Vec::new();
    for (r, t) in spans {
        if kept.last().is_none_or(|(k, _)| r.start >= k.end) {
            kept.push((r, t));
        }
    }
    kept
}

fn safe_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    ["https://", "http://", "mailto:", "#"]
        .iter()
        .any(|p| lower.starts_with(p))
}

/// Text for a Moodle GIFT file whose questions are marked `[html]`: HTML's special characters
/// as entities (so a model's `<script>` shows as text in the course), then GIFT's own
/// (`~ = # { } :` and the backslash) escaped with a backslash, and line breaks as `\n` (a GIFT
/// question ends at a blank line).
pub fn escape_gift(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '~' | '=' | '#' | '{' | '}' | ':' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Plain text → inline Markdown that shows exactly that text: characters with an inline
/// meaning are backslash-escaped, `<` and `&` become entities, a leading block marker (`#`,
/// `-`, `+`, `=`, `1.`) is escaped, and line breaks become spaces (so the text is safe in a
/// table cell and after a list marker).
pub fn escape_markdown(text: &str) -> String {
    let text = text.trim();
    let mut out = String::with_capacity(text.len() + 8);
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    for (i, c) in text.chars().enumerate() {
        let leading = i == 0 && matches!(c, '#' | '-' | '+' | '=' | '>');
        let list_number = digits > 0 && i == digits && matches!(c, '.' | ')');
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            _ if leading || list_number => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\r' => {}
            '\n' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// Model prose (Markdown) → Markdown that keeps its formatting but shows raw HTML as text,
/// with the same link rule as [`markdown_to_html`]: a link other than http, https, mailto or
/// `#` becomes its text, an image its alt text, and an unsafe reference definition goes.
pub fn markdown_prose(text: &str) -> String {
    let escape = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;");
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (range, plain) in unsafe_spans(text) {
        out.push_str(&escape(&text[at..range.start]));
        out.push_str(&escape_markdown(&plain));
        at = range.end;
    }
    out.push_str(&escape(&text[at..]));
    out
}

/// A URL for a Markdown link target: angle-bracketed, with characters that would end it encoded.
pub fn markdown_url(url: &str) -> String {
    let mut out = String::from("<");
    for c in url.chars() {
        match c {
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            ' ' => out.push_str("%20"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('>');
    out
}

/// A relative URL for an HTML attribute and a `srcset`: every byte outside letters, digits and
/// `/._~-` percent-encoded (so no space or comma splits a `srcset`, no quote ends the value).
pub fn html_url(path: &str) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"/._~-".contains(&b) {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// Escapes text for HTML and SVG, as the templates' autoescape does.
pub fn escape_html(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len());
    // Writing to a vector cannot fail, and escaping keeps the text UTF-8.
    let _ = tera::escape_html(text, &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_becomes_text() {
        let html = markdown_to_html(
            "AWS secures **the cloud** <script>alert(1)</script> [x](javascript:alert(1))",
        );
        assert!(html.contains("<strong>the cloud</strong>"));
        assert!(html.contains("&lt;script&gt;"));
        assert!(!html.contains("<script"));
        assert!(!html.contains("javascript:"));
    }

    #[test]
    fn unsafe_links_and_images_leave_markdown_prose() {
        let source = "See [the page](https://aws.amazon.com/) and [x](javascript:alert(1)), \
                      [y](data:text/html,hi) [z](VBScript:msgbox) ![logo](https://evil.test/t.png) \
                      [ref][r] <javascript:alert(2)> **kept**\n\n[r]: javascript:alert(3)\n";
        let md = markdown_prose(source);
        let mut links = Vec::new();
        for event in Parser::new_ext(&md, options()) {
            match event {
                Event::Start(Tag::Link { dest_url, .. }) => links.push(dest_url.to_string()),
                Event::Start(Tag::Image { .. }) => panic!("an image in {md}"),
                _ => {}
            }
        }
        assert_eq!(links, vec!["https://aws.amazon.com/".to_string()], "{md}");
        assert!(!md.contains("evil.test") && !md.contains("[r]:"), "{md}");
        assert!(
            md.contains("**kept**") && md.contains(" x,") && md.contains("logo"),
            "{md}"
        );
        let html = markdown_to_html(source);
        for bad in [
            "href=\"javascript",
            "href=\"data",
            "href=\"VBScript",
            "evil.test",
            "<img",
            "href=\"\"",
        ] {
            assert!(!html.contains(bad), "`{bad}` in {html}");
        }
        assert!(
            html.contains("<a href=\"https://aws.amazon.com/\">the page</a>"),
            "{html}"
        );
    }

    #[test]
    fn markdown_escape_shows_the_text() {
        assert_eq!(escape_markdown("a|b\n*c* <i>"), "a\\|b \\*c\\* &lt;i&gt;");
        assert_eq!(
            escape_markdown("# not a heading (ok) - fine"),
            "\\# not a heading (ok) - fine"
        );
        assert_eq!(escape_markdown("2024. A year"), "2024\\. A year");
        assert_eq!(
            escape_gift("a=b {c} ~d #e: f\\ <i>&\nnext"),
            "a\\=b \\{c\\} \\~d \\#e\\: f\\\\ &lt;i&gt;&amp;\\nnext"
        );
        assert_eq!(
            markdown_url("https://x.test/a b>"),
            "<https://x.test/a%20b%3E>"
        );
    }
}
