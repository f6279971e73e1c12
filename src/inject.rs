//! Markdown injection: regions between `<!-- demarcate:begin KIND key=value… -->` and
//! `<!-- demarcate:end -->` lines of an existing Markdown file are replaced with generated
//! content; text outside the markers is never touched.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Pos};
use crate::model::Model;
use crate::picture::Picture;
use crate::render::{Renderer, markup, view::View};
use crate::theme::Theme;
use crate::words::Words;

const BEGIN: &str = "<!-- demarcate:begin";
const END: &str = "<!-- demarcate:end -->";

/// One marked region.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    /// 1-based line of the begin marker.
    pub line: u32,
    /// What to generate: a handout block (`matrix`, `duties`, …) or `image`.
    pub kind: String,
    /// The marker's `key=value` pairs, e.g. `model=aws`.
    pub params: BTreeMap<String, String>,
}

/// Replaces the inside of every region with what `generate` returns for it, and returns the
/// new text. Markers that do not pair up are an error naming the line.
pub fn inject(
    text: &str,
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
    let mut words = inner.split_whitespace();
    let kind = words.next().ok_or_else(|| {
        Diagnostic::error("a begin marker names what to insert")
            .at(at)
            .hint(format!(
                "e.g. `<!-- demarcate:begin matrix model=aws -->`; kinds: {}",
                KINDS.join(", ")
            ))
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
        line,
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
/// (`KINDS`), or an `image` link into `output` with the picture's description as alt text.
pub fn region_text(
    region: &Region,
    models: &[&Model],
    renderer: &Renderer,
    words: &Words,
    theme: &Theme,
    output: &Path,
    file: &Path,
) -> Result<String, Diagnostic> {
    let at = Pos {
        line: region.line,
        column: 1,
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
    let view = View::new(model, theme, words);
    match region.kind.as_str() {
        "image" => {
            let picture = region.params.get("picture").map_or("stack", String::as_str);
            let dir = relative(
                file.parent().unwrap_or(Path::new(".")),
                &output.join(model.id.as_str()),
            );
            let alt = markup::escape_markdown(
                &Picture::parse(picture, model)
                    .map(|p| p.describe(model, words))
                    .ok_or_else(|| {
                        Diagnostic::error(format!("`{picture}` is not a picture of `{id}`"))
                            .at(at)
                            .hint({
                                let names: Vec<String> =
                                    Picture::all(model).iter().map(|p| p.name(model)).collect();
                                let names: Vec<&str> = names.iter().map(String::as_str).collect();
                                crate::diag::suggest(picture, names.iter().copied(), || {
                                    format!("the pictures of `{id}`: {}", names.join(", "))
                                })
                            })
                    })?,
            );
            let target = format!("{}/{picture}.svg", dir.display()).replace('\\', "/");
            Ok(format!("![{alt}]({})", markup::markdown_url(&target)))
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
mod tests {
    use super::*;

    #[test]
    fn replaces_only_inside_markers() {
        let text = "# Title\n<!-- demarcate:begin matrix model=aws -->\nold\nstuff\n<!-- demarcate:end -->\ntail\n";
        let out = inject(text, |r| {
            assert_eq!(
                (r.kind.as_str(), r.params["model"].as_str(), r.line),
                ("matrix", "aws", 2)
            );
            Ok("| a |\n| - |\n".into())
        })
        .unwrap();
        assert_eq!(
            out,
            "# Title\n<!-- demarcate:begin matrix model=aws -->\n\n| a |\n| - |\n\n<!-- demarcate:end -->\ntail\n"
        );
        assert_eq!(
            inject(&out, |_| Ok("| a |\n| - |\n".into())).unwrap(),
            out,
            "injecting twice changes nothing"
        );
    }

    #[test]
    fn unbalanced_markers_name_the_line() {
        let e = inject("a\n<!-- demarcate:begin split model=x -->\nb\n", |_| {
            Ok(String::new())
        })
        .unwrap_err();
        assert_eq!(e.pos.line, 2);
        let e = inject("a\n<!-- demarcate:end -->\n", |_| Ok(String::new())).unwrap_err();
        assert_eq!(e.pos.line, 2);
        let e = inject(
            "<!-- demarcate:begin a model=x -->\n<!-- demarcate:begin b model=x -->\n",
            |_| Ok(String::new()),
        )
        .unwrap_err();
        assert_eq!(e.pos.line, 2);
    }

    #[test]
    fn markers_in_code_blocks_and_other_comments_are_text() {
        let text = "Use:\n\n```markdown\n<!-- demarcate:begin matrix model=aws -->\n<!-- demarcate:end -->\n```\n\n~~~~\n<!-- demarcate:begin split model=aws -->\n```\n~~~~\n\n    <!-- demarcate:begin quiz model=aws -->\n\n<!--\n<!-- demarcate:begin sources model=aws -->\n-->\n<!-- demarcate:begin image model=aws -->\n<!-- demarcate:end -->\n";
        let mut kinds = Vec::new();
        let out = inject(text, |r| {
            kinds.push(r.kind.clone());
            Ok("![x](y.svg)".into())
        })
        .unwrap();
        assert_eq!(kinds, vec!["image".to_string()]);
        assert!(out.starts_with(&text[..text.find("<!-- demarcate:begin image").unwrap()]));
    }

    #[test]
    fn keeps_crlf_files_crlf() {
        let out = inject(
            "<!-- demarcate:begin split model=x -->\r\n<!-- demarcate:end -->\r\n",
            |_| Ok("x\ny".into()),
        )
        .unwrap();
        assert_eq!(
            out,
            "<!-- demarcate:begin split model=x -->\r\n\r\nx\r\ny\r\n\r\n<!-- demarcate:end -->\r\n"
        );
    }
}
