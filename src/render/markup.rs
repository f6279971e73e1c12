//! Escaping and Markdown helpers registered as tera filters.

use pulldown_cmark::{Event, Options, Parser, html};

/// Model prose (Markdown) → HTML. Raw HTML in the source is shown as text, and links other
/// than http, https, mailto and in-page anchors lose their target.
pub fn markdown_to_html(source: &str) -> String {
    let parser = Parser::new_ext(
        source,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    )
    .map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        Event::Start(pulldown_cmark::Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let dest_url = if safe_url(&dest_url) {
                dest_url
            } else {
                "".into()
            };
            Event::Start(pulldown_cmark::Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            })
        }
        Event::Start(pulldown_cmark::Tag::Image {
            link_type,
            title,
            id,
            ..
        }) => Event::Start(pulldown_cmark::Tag::Image {
            link_type,
            dest_url: "".into(),
            title,
            id,
        }),
        other => other,
    });
    let mut out = String::new();
    html::push_html(&mut out, parser);
    out
}

fn safe_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    ["https://", "http://", "mailto:", "#"]
        .iter()
        .any(|p| lower.starts_with(p))
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

/// Model prose (Markdown) → Markdown that keeps its formatting but shows raw HTML as text.
pub fn markdown_prose(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;")
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
    fn markdown_escape_shows_the_text() {
        assert_eq!(escape_markdown("a|b\n*c* <i>"), "a\\|b \\*c\\* &lt;i&gt;");
        assert_eq!(
            escape_markdown("# not a heading (ok) - fine"),
            "\\# not a heading (ok) - fine"
        );
        assert_eq!(escape_markdown("2024. A year"), "2024\\. A year");
        assert_eq!(
            markdown_url("https://x.test/a b>"),
            "<https://x.test/a%20b%3E>"
        );
    }
}
