//! Markdown injection: regions between `<!-- demarcate:begin KIND key=value… -->` and
//! `<!-- demarcate:end -->` lines of an existing Markdown file are replaced with generated
//! content; text outside the markers is never touched.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Pos};
use crate::model::Model;
use crate::options::BuildOptions;
use crate::picture::Picture;
use crate::render::{Renderer, markup, view::View};
use crate::words::Words;

mod inline;

const BEGIN: &str = "<!-- demarcate:begin";
const END: &str = "<!-- demarcate:end -->";

/// One marked region.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    /// 1-based line of the begin marker.
    pub line: u32,
    /// 1-based column (in characters) where the marker or directive starts.
    pub column: u32,
    /// What to generate: a handout block (`matrix`, `duties`, …) or `image`.
    pub kind: String,
    /// The marker's `key=value` pairs, e.g. `model=aws`.
    pub params: BTreeMap<String, String>,
}

/// Replaces the inside of every region with what `generate` returns for it, and returns the
/// new text. Markers that do not pair up are an error naming the line.
pub fn inject(
    text: &str,
    generate: impl FnMut(&Region) -> Result<String, Diagnostic>,
) -> Result<String, Diagnostic> {
    fill(text, false, generate)
}

/// [`inject`], and with `inline` also every `{{#demarcate KIND key=value…}}` directive outside
/// the regions (see `inline.rs`), in one pass: generated text is never read again, and every
/// position is the original text's.
pub fn fill(
    text: &str,
    inline: bool,
    mut generate: impl FnMut(&Region) -> Result<String, Diagnostic>,
) -> Result<String, Diagnostic> {
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let mut out = String::with_capacity(text.len());
    let mut open: Option<Region> = None;
    let mut skip = Skip::default();
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let number = i as u32 + 1;
        let trimmed = line.trim();
        if open.is_none() && skip.is_literal(line) {
            // Inside a code block or another HTML comment, a marker is only text.
            out.push_str(line);
            continue;
        }
        if let Some(rest) = trimmed.strip_prefix(BEGIN) {
            if let Some(r) = &open {
                return Err(unbalanced(
                    number,
                    format!("a begin marker inside the region opened at line {}", r.line),
                ));
            }
            let region = parse_begin(rest, number)?;
            out.push_str(line);
            let body = generate(&region)?;
            out.push_str(newline);
            out.push_str(&body.trim_end().replace('\n', newline));
            out.push_str(newline);
            out.push_str(newline);
            open = Some(region);
        } else if trimmed == END {
            if open.take().is_none() {
                return Err(unbalanced(
                    number,
                    "an end marker without a begin marker".into(),
                ));
            }
            out.push_str(line);
        } else if trimmed.starts_with("<!-- demarcate:") {
            return Err(Diagnostic::error(format!("unknown marker `{trimmed}`")).at(Pos { line: number, column: 1 }).hint("markers are `<!-- demarcate:begin KIND model=ID -->` and `<!-- demarcate:end -->`"));
        } else if open.is_none() && inline && line.contains(inline::OPEN) {
            inline::expand_line(line, number, &mut out, &mut generate)?;
        } else if open.is_none() {
            out.push_str(line);
        }
    }
    if let Some(r) = open {
        return Err(unbalanced(
            r.line,
            "a begin marker that is never closed".into(),
        ));
    }
    Ok(out)
}

/// Where markers are only text: fenced code blocks (``` or ~~~), indented code (four spaces),
/// and HTML comments other than the markers themselves.
#[derive(Default)]
struct Skip {
    /// The open fence's character and length.
    fence: Option<(char, usize)>,
    /// Inside a multi-line HTML comment.
    comment: bool,
}

impl Skip {
    /// Whether `line` is literal text, updating the state with it.
    fn is_literal(&mut self, line: &str) -> bool {
        let body = line.trim_end_matches(['\n', '\r']);
        let indent = body.len() - body.trim_start_matches(' ').len();
        let trimmed = body.trim();
        if let Some((c, n)) = self.fence {
            let run = trimmed.chars().take_while(|x| *x == c).count();
            if indent <= 3 && run >= n && trimmed.chars().all(|x| x == c) {
                self.fence = None;
            }
            return true;
        }
        if self.comment {
            self.comment = !body.contains("-->");
            return true;
        }
        if indent >= 4 {
            return true;
        }
        for c in ['`', '~'] {
            let run = trimmed.chars().take_while(|x| *x == c).count();
            if run >= 3 {
                self.fence = Some((c, run));
                return true;
            }
        }
        if trimmed.starts_with("<!-- demarcate:") {
            return false;
        }
        if let Some(at) = body.rfind("<!--") {
            self.comment = !body[at..].contains("-->");
        }
        false
    }
}

fn unbalanced(line: u32, what: String) -> Diagnostic {
    Diagnostic::error(format!("unbalanced markers: {what}"))
        .at(Pos { line, column: 1 })
        .hint("every `<!-- demarcate:begin … -->` needs one `<!-- demarcate:end -->` after it")
}

fn parse_begin(rest: &str, line: u32) -> Result<Region, Diagnostic> {
    let at = Pos { line, column: 1 };
    let inner = rest.strip_suffix("-->").ok_or_else(|| {
        Diagnostic::error("a begin marker must end with `-->` on the same line")
            .at(at)
            .hint("write it as `<!-- demarcate:begin matrix model=aws -->`")
    })?;
    parse_words(inner, at, "<!-- demarcate:begin matrix model=aws -->")
}

/// A region's `KIND key=value…` words, as a begin marker (or an inline directive, written as
/// `example`) at `at` holds them.
fn parse_words(inner: &str, at: Pos, example: &str) -> Result<Region, Diagnostic> {
    let mut words = inner.split_whitespace();
    let kind = words.next().ok_or_else(|| {
        Diagnostic::error("a marker names what to insert")
            .at(at)
            .hint(format!("e.g. `{example}`; kinds: {}", KINDS.join(", ")))
    })?;
    let mut params = BTreeMap::new();
    for w in words {
        let (k, v) = w.split_once('=').ok_or_else(|| {
            Diagnostic::error(format!("`{w}` is not `key=value`"))
                .at(at)
                .hint("write parameters as `model=aws`")
        })?;
        params.insert(k.to_string(), v.trim_matches('"').to_string());
    }
    Ok(Region {
        line: at.line,
        column: at.column,
        kind: kind.to_string(),
        params,
    })
}

/// What a region can hold: blocks of the Markdown handout, or `image` (a picture link).
pub const KINDS: &[&str] = &[
    "objectives",
    "split",
    "matrix",
    "changes",
    "duties",
    "glossary",
    "assurance",
    "quiz",
    "sources",
    "image",
];

/// The generated text of one marked region of the Markdown file `file`: a block of the handout
/// (`KINDS`), or an `image` link into `output` with the picture's description as alt text (in
/// one of the build's themes, or with `theme=auto` a `<picture>` that follows the reader's
/// colour scheme).
pub fn region_text(
    region: &Region,
    models: &[&Model],
    renderer: &Renderer,
    words: &Words,
    opts: &BuildOptions,
    output: &Path,
    file: &Path,
) -> Result<String, Diagnostic> {
    let at = Pos {
        line: region.line,
        column: region.column,
    };
    let Some(id) = region.params.get("model") else {
        return Err(Diagnostic::error("the marker names no model")
            .at(at)
            .hint("add `model=ID`, e.g. `<!-- demarcate:begin matrix model=aws -->`"));
    };
    let ids: Vec<&str> = models.iter().map(|m| m.id.as_str()).collect();
    let Some(model) = models.iter().find(|m| m.id.as_str() == id) else {
        let hint = crate::diag::suggest(id, ids.iter().copied(), || {
            format!("the models are: {}", ids.join(", "))
        });
        return Err(Diagnostic::error(format!("no model has the id `{id}`"))
            .at(at)
            .hint(hint));
    };
    let view = View::new(model, &opts.theme, words);
    match region.kind.as_str() {
        "image" => {
            let dir = relative(
                file.parent().unwrap_or(Path::new(".")),
                &output.join(model.id.as_str()),
            );
            image(region, model, words, opts, &dir)
        }
        kind if KINDS.contains(&kind) => renderer
            .block("handout.md", kind, &view)
            .map_err(|d| d.at(at)),
        kind => {
            let hint = crate::diag::suggest(kind, KINDS.iter().copied(), || {
                format!("kinds are: {}", KINDS.join(", "))
            });
            Err(Diagnostic::error(format!("unknown region kind `{kind}`"))
                .at(at)
                .hint(hint))
        }
    }
}

/// An `image` region: a link to the picture's SVG in `dir` in the main theme or the one
/// `theme=` names, or with `theme=auto` a `<picture>` of the light and the dark one.
fn image(
    region: &Region,
    model: &Model,
    words: &Words,
    opts: &BuildOptions,
    dir: &Path,
) -> Result<String, Diagnostic> {
    let at = Pos {
        line: region.line,
        column: region.column,
    };
    let picture = region.params.get("picture").map_or("stack", String::as_str);
    let alt = markup::escape_markdown(
        &Picture::parse(picture, model)
            .map(|p| p.describe(model, words))
            .ok_or_else(|| {
                Diagnostic::error(format!("`{picture}` is not a picture of `{}`", model.id))
                    .at(at)
                    .hint({
                        let names: Vec<String> =
                            Picture::all(model).iter().map(|p| p.name(model)).collect();
                        let names: Vec<&str> = names.iter().map(String::as_str).collect();
                        crate::diag::suggest(picture, names.iter().copied(), || {
                            format!("the pictures of `{}`: {}", model.id, names.join(", "))
                        })
                    })
            })?,
    );
    let file_of = |theme: &str| {
        let suffix = if theme == opts.theme.name {
            String::new()
        } else {
            format!(".{theme}")
        };
        format!("{}/{picture}{suffix}.svg", dir.display()).replace('\\', "/")
    };
    match region.params.get("theme").map(String::as_str) {
        None => Ok(format!(
            "![{alt}]({})",
            markup::markdown_url(&file_of(opts.theme.name))
        )),
        Some("auto") => {
            let (light, dark) = scheme_themes(opts).ok_or_else(|| {
                    Diagnostic::error("`theme=auto` needs a light and a dark theme")
                        .at(at)
                        .hint("build and inject with `--theme light,dark` (or `theme = [\"light\", \"dark\"]` in demarcate.toml)")
                })?;
            let alt = Picture::parse(picture, model)
                .map(|p| p.describe(model, words))
                .unwrap_or_default();
            Ok(picture_element(&alt, &file_of(light), &file_of(dark)))
        }
        Some(theme) if opts.themes().any(|t| t.name == theme) => Ok(format!(
            "![{alt}]({})",
            markup::markdown_url(&file_of(theme))
        )),
        Some(theme) => {
            let names: Vec<&str> = opts.themes().map(|t| t.name).collect();
            Err(
                Diagnostic::error(format!("`theme={theme}` is not a theme of this build"))
                    .at(at)
                    .hint(format!(
                        "the build's themes: {} (add more with `--theme`), or `theme=auto`",
                        names.join(", ")
                    )),
            )
        }
    }
}

/// The build's themes for readers who prefer a light and a dark scheme: (light, dark).
fn scheme_themes(opts: &BuildOptions) -> Option<(&'static str, &'static str)> {
    let dark = opts.themes().find(|t| t.name == "dark")?;
    let light = opts.themes().find(|t| t.name != "dark")?;
    Some((light.name, dark.name))
}

/// A `<picture>` that shows `dark` to readers who prefer a dark colour scheme and `light` to
/// the others, as GitHub renders it; one HTML block (no blank line), every value escaped.
fn picture_element(alt: &str, light: &str, dark: &str) -> String {
    let alt: String = alt
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    format!(
        "<picture>\n<source media=\"(prefers-color-scheme: dark)\" srcset=\"{dark}\">\n<source media=\"(prefers-color-scheme: light)\" srcset=\"{light}\">\n<img alt=\"{alt}\" src=\"{light}\">\n</picture>",
        dark = markup::html_url(dark),
        light = markup::html_url(light),
        alt = markup::escape_html(&alt),
    )
}

/// `to` as seen from the folder `from` (both relative to the current folder, or absolute).
fn relative(from: &Path, to: &Path) -> PathBuf {
    use std::ffi::OsString;
    use std::path::Component;
    let parts = |p: &Path| -> Vec<OsString> {
        let p = if p.as_os_str().is_empty() {
            Path::new(".")
        } else {
            p
        };
        let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
        let mut out: Vec<OsString> = Vec::new();
        for c in abs.components() {
            match c {
                Component::ParentDir => {
                    out.pop();
                }
                Component::Normal(n) => out.push(n.to_os_string()),
                Component::CurDir | Component::RootDir | Component::Prefix(_) => {}
            }
        }
        out
    };
    let (f, t) = (parts(from), parts(to));
    let common = f.iter().zip(&t).take_while(|(a, b)| a == b).count();
    let mut out = PathBuf::new();
    for _ in common..f.len() {
        out.push("..");
    }
    for c in &t[common..] {
        out.push(c);
    }
    if out.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        out
    }
}

#[cfg(test)]
#[path = "inject_tests.rs"]
mod tests;
