//! The pages `serve` makes: the index of what the build made, and the script that reloads a
//! page when a newer build finishes.

use std::path::Path;

use super::Status;
use super::http::LIVE_JS;
use crate::render::markup::{escape_html, html_url};

/// Reloads the page when a build newer than the one it shows finishes (server-sent events; the
/// browser reconnects by itself after a restart).
pub(super) const LIVE_SCRIPT: &str = r#"// demarcate serve: reloads this page when a newer build finishes.
(() => {
  const shown = document.currentScript && document.currentScript.dataset.generation;
  const events = new EventSource("/_demarcate/events");
  events.addEventListener("build", (e) => {
    if (shown && e.data !== shown) {
      events.close();
      location.reload();
    }
  });
})();
"#;

/// The script tag that makes a page reload, for a page of build `generation`.
fn live_tag(generation: u64) -> String {
    format!("<script src=\"{LIVE_JS}\" data-generation=\"{generation}\"></script>")
}

/// A built HTML page with the live-reload script before its `</body>` (or at its end).
pub(super) fn with_live_script(html: &[u8], generation: u64) -> Vec<u8> {
    let tag = live_tag(generation);
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// One model's folder as the index shows it.
struct Folder {
    name: String,
    /// Each picture's stem, with the themes it is drawn in: (`stack`, [`stack.svg`,
    /// `stack.dark.svg`]).
    pictures: Vec<(String, Vec<String>)>,
    /// Handouts and other documents: `handout.html`, `handout.md`, `handout.pdf`, …
    documents: Vec<String>,
    /// `slides/*.png`, in order.
    slides: Vec<String>,
    /// The PNG and PDF files, for the links beside each picture.
    formats: Vec<String>,
}

/// Whether `file` (`stack.dark.pdf`) is a picture's other format: an SVG of its stem is there.
fn drawn_of_a_picture(file: &str, all: &[String]) -> bool {
    let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
    all.iter().any(|n| n.strip_suffix(".svg") == Some(stem))
}

/// The names in `dir` that a build makes (no hidden or scratch file), sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| !n.starts_with('.'))
        .collect();
    names.sort();
    names
}

fn folder(root: &Path, name: String) -> Folder {
    let dir = root.join(&name);
    let mut pictures: Vec<(String, Vec<String>)> = Vec::new();
    let mut documents = Vec::new();
    let all = names(&dir);
    for file in all.iter().cloned() {
        if let Some(stem) = file.strip_suffix(".svg") {
            let picture = stem.split('.').next().unwrap_or(stem).to_string();
            match pictures.iter_mut().find(|(p, _)| *p == picture) {
                Some((_, files)) => files.push(file),
                None => pictures.push((picture, vec![file])),
            }
        } else if [".html", ".md", ".pdf", ".gift", ".zip"]
            .iter()
            .any(|x| file.ends_with(x))
            && !drawn_of_a_picture(&file, &all)
        {
            documents.push(file);
        }
    }
    // The pictures in the order a handout shows them; the main theme first: `stack.svg`
    // before `stack.dark.svg`.
    pictures.sort_by_key(|(p, _)| {
        let rank = ["stack", "matrix", "shift"].iter().position(|n| n == p);
        (rank.unwrap_or(3), p.clone())
    });
    for (_, files) in &mut pictures {
        files.sort_by_key(|f| (f.matches('.').count(), f.clone()));
    }
    let slides = names(&dir.join("slides"))
        .into_iter()
        .filter(|n| n.ends_with(".png"))
        .collect();
    Folder {
        name,
        formats: all
            .iter()
            .filter(|n| n.ends_with(".png") || n.ends_with(".pdf"))
            .cloned()
            .collect(),
        pictures,
        documents,
        slides,
    }
}

const STYLE: &str = "body { font: 16px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 90rem; padding: 1rem 2rem; color: #1b1b1b; background: #fff; }
@media (prefers-color-scheme: dark) { body { color: #ececec; background: #16181c; } a { color: #8cc4ff; } }
a { color: #0b57d0; } h1 { margin: 0.5rem 0; } .status { color: inherit; opacity: 0.85; }
.problems { border: 2px solid #b3261e; border-radius: 6px; padding: 0 1rem 1rem; margin: 1rem 0; }
.problems pre { white-space: pre-wrap; overflow-wrap: anywhere; background: rgba(127,127,127,0.12); padding: 0.5rem; }
.pictures { display: grid; grid-template-columns: repeat(auto-fill, minmax(22rem, 1fr)); gap: 1rem; }
figure { margin: 0; } figure img { width: 100%; height: auto; border: 1px solid rgba(127,127,127,0.4); border-radius: 4px; }
.themes { display: grid; grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr)); gap: 0.5rem; }";

/// The index: each model's pictures in every theme, its documents and slides; the last
/// build's problems first, with the last good files below them.
pub(super) fn index(root: &Path, status: &Status, main_theme: &str) -> String {
    let mut html = String::from(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>demarcate preview</title>\n",
    );
    html.push_str(&format!(
        "<style>\n{STYLE}\n</style>\n</head>\n<body>\n<header>\n<h1>demarcate preview</h1>\n"
    ));
    html.push_str(&problems(status));
    html.push_str("</header>\n<main>\n");
    let folders: Vec<Folder> = names(root)
        .into_iter()
        .filter(|n| root.join(n).is_dir())
        .map(|n| folder(root, n))
        .collect();
    if folders.is_empty() {
        html.push_str("<p>Nothing built yet.</p>\n");
    }
    for f in &folders {
        html.push_str(&section(f, main_theme));
    }
    html.push_str("</main>\n");
    html.push_str(&live_tag(status.generation));
    html.push_str("\n</body>\n</html>\n");
    html
}

/// The status line, and the last build's diagnostics as printed.
fn problems(status: &Status) -> String {
    let mut html = String::new();
    let errors = status.problems.iter().filter(|p| p.error).count();
    if status.ok {
        html.push_str(&format!(
            "<p class=\"status\">Build {} done in {} ms. This page reloads when a model, a template or the config changes.</p>\n",
            status.generation, status.millis
        ));
    }
    if status.problems.is_empty() {
        return html;
    }
    if status.ok {
        html.push_str("<section class=\"problems\" aria-labelledby=\"problems\">\n<h2 id=\"problems\">Warnings</h2>\n");
    } else {
        html.push_str(&format!(
            "<section class=\"problems\" role=\"alert\" aria-labelledby=\"problems\">\n<h2 id=\"problems\">Build {} failed: {errors} error{}</h2>\n<p>The files below are from the last good build.</p>\n",
            status.generation,
            if errors == 1 { "" } else { "s" }
        ));
    }
    for p in &status.problems {
        html.push_str(&format!("<pre>{}</pre>\n", escape_html(&visible(&p.text))));
    }
    html.push_str("</section>\n");
    html
}

/// `text` with every control character but the line break, and every bidirectional control,
/// shown as its code (`\u{202e}`), so nothing the model holds can reorder or hide the page's
/// text.
fn visible(text: &str) -> String {
    text.chars()
        .map(|c| {
            let bidi = matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{061c}');
            if (c.is_control() && c != '\n') || bidi {
                format!("\\u{{{:x}}}", u32::from(c))
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// One model's section of the index.
fn section(f: &Folder, main_theme: &str) -> String {
    let name = escape_html(&f.name);
    let url = |file: &str| html_url(&format!("{}/{file}", f.name));
    let mut html =
        format!("<section aria-labelledby=\"m-{name}\">\n<h2 id=\"m-{name}\">{name}</h2>\n");
    if !f.documents.is_empty() {
        let links: Vec<String> = f
            .documents
            .iter()
            .map(|d| format!("<a href=\"{}\">{}</a>", url(d), escape_html(d)))
            .collect();
        html.push_str(&format!("<p>Documents: {}</p>\n", links.join(" · ")));
    }
    if !f.slides.is_empty() {
        let links: Vec<String> = f
            .slides
            .iter()
            .enumerate()
            .map(|(i, s)| format!("<a href=\"{}\">{}</a>", url(&format!("slides/{s}")), i + 1))
            .collect();
        html.push_str(&format!("<p>Slides: {}</p>\n", links.join(" ")));
    }
    html.push_str("<div class=\"pictures\">\n");
    for (picture, files) in &f.pictures {
        html.push_str(&format!(
            "<figure>\n<figcaption>{}</figcaption>\n<div class=\"themes\">\n",
            escape_html(picture)
        ));
        for file in files {
            let theme = file
                .strip_suffix(".svg")
                .and_then(|s| s.split_once('.'))
                .map_or(main_theme, |(_, t)| t);
            let stem = file.strip_suffix(".svg").unwrap_or(file);
            let other: Vec<String> = ["png", "pdf"]
                .iter()
                .map(|x| format!("{stem}.{x}"))
                .filter(|n| f.formats.contains(n))
                .map(|n| {
                    let x = n.rsplit('.').next().unwrap_or_default().to_uppercase();
                    format!(" <a href=\"{}\">{x}</a>", url(&n))
                })
                .collect();
            html.push_str(&format!(
                "<div><a href=\"{u}\"><img src=\"{u}\" alt=\"{p}, {t}\" loading=\"lazy\"></a><br><small>{t}:{o}</small></div>\n",
                u = url(file),
                p = escape_html(picture),
                t = escape_html(theme),
                o = other.concat()
            ));
        }
        html.push_str("</div>\n</figure>\n");
    }
    html.push_str("</div>\n</section>\n");
    html
}
