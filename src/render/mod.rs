//! Rendering through tera: the bundled templates (embedded in the binary), user overrides from
//! `--templates DIR`, escaping filters, and the in-memory artefacts they produce.

mod lessons;
pub mod markup;
pub mod quiz;
pub mod view;

use std::path::{Path, PathBuf};

use tera::{Context, Kwargs, State, Tera, Value};

use crate::diag::Diagnostic;
use crate::layout::Scene;
use view::View;

/// The bundled templates: (name as tera knows it, file in `templates/`, text).
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "handout.md",
        include_str!("../../templates/handout.md.tera"),
    ),
    (
        "handout.html",
        include_str!("../../templates/handout.html.tera"),
    ),
    ("stack.svg", include_str!("../../templates/stack.svg.tera")),
    (
        "matrix.svg",
        include_str!("../../templates/matrix.svg.tera"),
    ),
    ("shift.svg", include_str!("../../templates/shift.svg.tera")),
    (
        "coverage.svg",
        include_str!("../../templates/coverage.svg.tera"),
    ),
    ("scene.svg", include_str!("../../templates/scene.svg.tera")),
    ("quiz.gift", include_str!("../../templates/quiz.gift.tera")),
    (
        "qti-manifest.xml",
        include_str!("../../templates/qti-manifest.xml.tera"),
    ),
    (
        "qti-test.xml",
        include_str!("../../templates/qti-test.xml.tera"),
    ),
    (
        "qti-item.xml",
        include_str!("../../templates/qti-item.xml.tera"),
    ),
];

/// The tera environment with every template loaded.
pub struct Renderer {
    tera: Tera,
    /// Where each template came from, for error messages.
    origin: Vec<(String, PathBuf)>,
    /// User templates that are not overrides: each renders to a file of its name.
    pub extra: Vec<String>,
}

impl Renderer {
    /// Loads the bundled templates, then every `*.tera` file of `user_dir` over them.
    pub fn new(user_dir: Option<&Path>) -> Result<Renderer, Diagnostic> {
        Renderer::for_lang(crate::lang::SOURCE, user_dir)
    }

    /// Loads the bundled templates of language `lang` (the English ones where it has none),
    /// then every `*.tera` file of `user_dir` over them.
    pub fn for_lang(lang: &str, user_dir: Option<&Path>) -> Result<Renderer, Diagnostic> {
        let own = crate::lang::templates(lang).unwrap_or_default();
        let mut templates: Vec<(String, String)> = BUILTIN
            .iter()
            .map(|(n, t)| {
                let t = own.iter().find(|(o, _)| o == n).map_or(*t, |(_, t)| *t);
                (n.to_string(), t.to_string())
            })
            .collect();
        let mut origin: Vec<(String, PathBuf)> = BUILTIN
            .iter()
            .map(|(n, _)| {
                let dir = if own.iter().any(|(o, _)| o == n) {
                    format!("templates/{lang}")
                } else {
                    "templates".to_string()
                };
                (n.to_string(), PathBuf::from(format!("{dir}/{n}.tera")))
            })
            .collect();
        let mut extra = Vec::new();
        if let Some(dir) = user_dir {
            for (name, path, text) in read_user_templates(dir)? {
                if !BUILTIN.iter().any(|(n, _)| *n == name) {
                    extra.push(name.clone());
                }
                origin.retain(|(n, _)| *n != name);
                origin.push((name.clone(), path));
                templates.retain(|(n, _)| *n != name);
                templates.push((name, text));
            }
        }
        let mut tera = Tera::new();
        tera.autoescape_on([".html", ".htm", ".svg", ".xml"]);
        register_filters(&mut tera);
        tera.add_raw_templates(templates.iter().map(|(n, t)| (n.as_str(), t.as_str())))
            .map_err(|e| template_error(&e, &origin, None))?;
        Ok(Renderer {
            tera,
            origin,
            extra,
        })
    }

    fn render(&self, name: &str, ctx: &Context) -> Result<String, Diagnostic> {
        self.tera
            .render(name, ctx)
            .map_err(|e| template_error(&e, &self.origin, Some(name)))
    }

    /// Renders a diagram template with its scene. `prefix` makes element ids unique when
    /// several SVGs are inlined in one page; `transparent` leaves out the background.
    pub fn svg(
        &self,
        template: &str,
        scene: &Scene,
        prefix: &str,
        transparent: bool,
    ) -> Result<String, Diagnostic> {
        let mut ctx = Context::new();
        ctx.insert("scene", scene);
        ctx.insert("prefix", prefix);
        ctx.insert("font_family", FONT_STACK);
        ctx.insert("transparent", &transparent);
        self.render(template, &ctx)
    }

    /// Renders a document template (`handout.md`, `handout.html` or a user's extra one).
    pub fn document(
        &self,
        template: &str,
        view: &View,
        svgs: &[(String, String)],
    ) -> Result<String, Diagnostic> {
        self.render(template, &document_context(view, svgs))
    }

    /// Renders a document template with its pictures, and, when the build has a light and a
    /// dark theme, each picture in both (`svg_light`, `svg_dark`), for a page that follows its
    /// reader's colour scheme.
    pub fn document_in(
        &self,
        template: &str,
        view: &View,
        svgs: &[(String, String)],
        schemes: Schemes<'_>,
    ) -> Result<String, Diagnostic> {
        let mut ctx = document_context(view, svgs);
        let (light, dark) = schemes.unwrap_or_default();
        ctx.insert("svg_light", &by_name(light));
        ctx.insert("svg_dark", &by_name(dark));
        self.render(template, &ctx)
    }

    /// Renders a document template with more values beside `model`, e.g. one `question` of
    /// the quiz for a QTI item.
    pub fn document_with(
        &self,
        template: &str,
        view: &View,
        extra: &[(&str, serde_json::Value)],
    ) -> Result<String, Diagnostic> {
        let mut ctx = document_context(view, &[]);
        for (k, v) in extra {
            ctx.insert(k.to_string(), v);
        }
        self.render(template, &ctx)
    }

    /// Renders one block of a document template, e.g. the `matrix` block of `handout.md`.
    pub fn block(&self, template: &str, block: &str, view: &View) -> Result<String, Diagnostic> {
        self.tera
            .render_block(template, block, &document_context(view, &[]))
            .map_err(|e| template_error(&e, &self.origin, Some(template)))
    }
}

fn document_context(view: &View, svgs: &[(String, String)]) -> Context {
    let mut ctx = Context::new();
    ctx.insert_value("model", view.value());
    ctx.insert("svg", &by_name(svgs));
    ctx.insert("svg_light", &by_name(&[]));
    ctx.insert("svg_dark", &by_name(&[]));
    ctx.insert(
        "generator",
        concat!("demarcate ", env!("CARGO_PKG_VERSION")),
    );
    ctx.insert("version", env!("CARGO_PKG_VERSION"));
    ctx.insert("lang", &view.lang);
    ctx
}

/// A name and a text: a picture inlined in documents (name, SVG), or a page of a picture
/// (picture, page).
pub type Named = (String, String);

/// Each picture for readers who prefer a light and a dark colour scheme: (light, dark).
pub type Schemes<'a> = Option<(&'a [Named], &'a [Named])>;

/// Named texts as a map for a template.
fn by_name(named: &[(String, String)]) -> std::collections::BTreeMap<&str, &str> {
    named
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect()
}

/// The font-family stack of every SVG: the bundled font first, so a browser with Inter shows
/// what the PNG shows, then fallbacks of similar width.
pub const FONT_STACK: &str = "Inter, 'Inter Variable', 'Helvetica Neue', Arial, sans-serif";

/// Reads a file of the templates folder: a regular file, never a link (a link to
/// `/proc/self/environ` would put the build's environment into the output).
fn read_user_templates(dir: &Path) -> Result<Vec<(String, PathBuf, String)>, Diagnostic> {
    let io = |e: std::io::Error| {
        Diagnostic::io_error(format!("cannot read the templates folder: {e}"))
            .in_file(dir)
            .hint("--templates takes a folder of `*.tera` files")
    };
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        let Some(file) = path.file_name().and_then(|f| f.to_str()) else {
            continue;
        };
        let Some(name) = file.strip_suffix(".tera") else {
            continue;
        };
        if std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir()) {
            continue;
        }
        let safe = !name.is_empty()
            && !name.starts_with('.')
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c));
        if !safe {
            return Err(Diagnostic::error(format!(
                "template name `{file}` cannot name an output file"
            ))
            .in_file(&path)
            .hint("use letters, digits, `-`, `_` and `.` only, e.g. `handout.tex.tera`"));
        }
        let text = crate::files::read_user_text(&path, "the template")?;
        out.push((name.to_string(), path, text));
    }
    out.sort();
    Ok(out)
}

fn template_error(
    e: &tera::Error,
    origin: &[(String, PathBuf)],
    rendering: Option<&str>,
) -> Diagnostic {
    let mut message = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        message.push_str(&format!("\n{s}"));
        source = s.source();
    }
    let file = rendering
        .and_then(|n| origin.iter().find(|(o, _)| o == n))
        .or_else(|| {
            origin.iter().find(|(n, _)| {
                message.contains(&format!("{n}:")) || message.contains(&format!("'{n}'"))
            })
        })
        .map(|(_, p)| p.clone())
        .unwrap_or_default();
    let what = if rendering.is_some() {
        "rendering"
    } else {
        "loading"
    };
    Diagnostic::error(format!("template error while {what}: {}", message.trim()))
        .in_file(&file)
        .hint("fix the template, or remove it from --templates to use the bundled one")
}

fn register_filters(tera: &mut Tera) {
    tera.register_filter("gift", |s: &str, _: Kwargs, _: &State| {
        markup::escape_gift(s)
    });
    tera.register_filter("md", |s: &str, _: Kwargs, _: &State| {
        markup::escape_markdown(s)
    });
    tera.register_filter("md_prose", |s: &str, _: Kwargs, _: &State| {
        markup::markdown_prose(s)
    });
    tera.register_filter("md_url", |s: &str, _: Kwargs, _: &State| {
        markup::markdown_url(s)
    });
    tera.register_filter("markdown", |s: &str, _: Kwargs, _: &State| {
        Value::safe_string(&markup::markdown_to_html(s))
    });
    tera.register_filter("slug", |s: &str, _: Kwargs, _: &State| {
        crate::model::Slug::suggest(s)
    });
    tera.register_filter("px", |v: f64, _: Kwargs, _: &State| format_px(v));
    tera.register_filter("capfirst", |s: &str, _: Kwargs, _: &State| {
        quiz::capitalise(s)
    });
}

/// A coordinate as SVG wants it: at most two decimals, no trailing zeros. Fixed point, in
/// hundredths: exact, and much cheaper than formatting a float with a precision.
pub fn format_px(v: f64) -> String {
    let hundredths = (v * 100.0).round();
    if !hundredths.is_finite() || hundredths.abs() >= 1e15 {
        return format!("{v}");
    }
    let n = hundredths as i64;
    let (whole, frac) = (n.unsigned_abs() / 100, n.unsigned_abs() % 100);
    let sign = if n < 0 { "-" } else { "" };
    match frac {
        0 => format!("{sign}{whole}"),
        f if f % 10 == 0 => format!("{sign}{whole}.{}", f / 10),
        f => format!("{sign}{whole}.{f:02}"),
    }
}

#[cfg(test)]
mod px_tests {
    use super::format_px;

    #[test]
    fn coordinates_have_at_most_two_decimals_and_no_trailing_zeros() {
        for (v, want) in [
            (0.0, "0"),
            (-0.001, "0"),
            (-0.004, "0"),
            (12.0, "12"),
            (12.5, "12.5"),
            (12.345, "12.35"),
            (-3.14259, "-3.14"),
            (0.05, "0.05"),
            (-0.05, "-0.05"),
            (1919.999, "1920"),
            (7.1, "7.1"),
        ] {
            assert_eq!(format_px(v), want, "{v}");
        }
    }
}
