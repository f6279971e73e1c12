//! Languages: a model's translations (`aws.fr.yaml` beside `aws.yaml`), loading one onto its
//! model, and the bundled template sets (English, and French).

use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Warned};
use crate::files::Links;
use crate::limits::Limits;
use crate::load;
use crate::model::Model;
use crate::validate::{is_lang, translate, untranslated};
use crate::{Loaded, in_file_sorted};

/// The language models are written in unless a translation says otherwise.
pub const SOURCE: &str = "en";

/// A bundled template set besides English.
struct Bundle {
    lang: &'static str,
    /// (template name, text): the templates that replace the English ones.
    templates: &'static [(&'static str, &'static str)],
    /// The words file.
    words: &'static str,
}

const BUNDLED: &[Bundle] = &[Bundle {
    lang: "fr",
    templates: &[
        (
            "handout.md",
            include_str!("../templates/fr/handout.md.tera"),
        ),
        (
            "handout.html",
            include_str!("../templates/fr/handout.html.tera"),
        ),
    ],
    words: include_str!("../templates/fr/words.yaml"),
}];

fn bundle(lang: &str) -> Option<&'static Bundle> {
    BUNDLED.iter().find(|b| b.lang == lang)
}

/// The languages with bundled templates.
pub fn bundled() -> Vec<&'static str> {
    std::iter::once(SOURCE)
        .chain(BUNDLED.iter().map(|b| b.lang))
        .collect()
}

/// The bundled templates of `lang` that replace the English ones; `None` for a language
/// without a bundled set (English has none to replace).
pub fn templates(lang: &str) -> Option<&'static [(&'static str, &'static str)]> {
    bundle(lang).map(|b| b.templates)
}

/// The bundled words file of `lang`.
pub fn words(lang: &str) -> Option<&'static str> {
    bundle(lang).map(|b| b.words)
}

/// The translation file of `model` into `lang`: `<stem>.<lang>.<ext>` beside it.
pub fn translation_path(model: &Path, lang: &str) -> PathBuf {
    let stem = model
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    let ext = model.extension().and_then(|s| s.to_str()).unwrap_or("yaml");
    model.with_file_name(format!("{stem}.{lang}.{ext}"))
}

/// When `path` is a translation (`aws.fr.yaml` with `aws.yaml` or `aws.yml` beside it): the
/// model it translates and the language.
pub fn translation_of(path: &Path) -> Option<(PathBuf, String)> {
    let name = path.file_name()?.to_str()?;
    let (rest, ext) = name.rsplit_once('.')?;
    let (stem, lang) = rest.rsplit_once('.')?;
    if !matches!(ext, "yaml" | "yml") || !is_lang(lang) || stem.is_empty() {
        return None;
    }
    ["yaml", "yml"]
        .iter()
        .map(|e| path.with_file_name(format!("{stem}.{e}")))
        .find(|m| m.is_file())
        .map(|m| (m, lang.to_string()))
}

/// The translations beside `model`, by language.
pub fn beside(model: &Path) -> Vec<(String, PathBuf)> {
    let dir = model
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<(String, PathBuf)> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter_map(|p| {
            let (of, lang) = translation_of(&p)?;
            (of.file_name() == model.file_name()).then_some((lang, p))
        })
        .collect();
    out.sort();
    out
}

/// Loads the translation at `path` onto `model`: the translated model (id `<id>-<lang>`) with
/// a warning for each text left untranslated, or the translation's errors.
pub fn load_translation(model: &Model, path: &Path, limits: &Limits, links: Links) -> Loaded {
    let text = match load::read_text(path, limits, links) {
        Ok(t) => t,
        Err(d) => {
            return Loaded {
                path: path.to_path_buf(),
                source: String::new(),
                result: Err(vec![d.in_file(path)]),
            };
        }
    };
    let result = load::node::parse(&text, limits)
        .map_err(|d| vec![d])
        .and_then(|root| {
            let (raw, errors) = load::read::read_translation(&root);
            if !errors.is_empty() {
                return Err(errors);
            }
            // The file's name and its `lang` say the same language.
            let named = translation_of(path).map(|(_, l)| l);
            if raw.lang.pos.is_known() && named.as_deref().is_some_and(|l| l != raw.lang.value) {
                let d = Diagnostic::error(format!(
                    "this file says `lang: {}` but its name says `{}`",
                    raw.lang.value,
                    named.unwrap_or_default()
                ))
                .at(raw.lang.pos)
                .field("lang")
                .hint("name the file `<model>.<lang>.yaml` after the language it holds");
                return Err(vec![d]);
            }
            let mut w: Warned<Model> = translate(model, &raw, limits)?;
            w.warnings
                .extend(untranslated(model, &raw).into_iter().map(|f| {
                    Diagnostic::warning(format!("`{f}` is not translated"))
                    .field(f)
                    .hint("the handouts show the model's own text there; add it to the translation")
                }));
            Ok(w)
        });
    Loaded {
        path: path.to_path_buf(),
        result: in_file_sorted(result, path),
        source: text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn translation_files_are_named_after_their_model() {
        let m = Path::new("model/aws.yaml");
        assert_eq!(translation_path(m, "fr"), Path::new("model/aws.fr.yaml"));
        let dir = tempfile::tempdir().unwrap();
        let model = dir.path().join("aws.yaml");
        std::fs::write(&model, "").unwrap();
        for (name, is) in [
            ("aws.fr.yaml", true),
            ("aws.pt-BR.yaml", true),
            ("aws.yaml", false),
            ("gcp.fr.yaml", false),
            ("aws.french.yaml", false),
            ("aws.FR.yaml", false),
        ] {
            let p = dir.path().join(name);
            assert_eq!(translation_of(&p).is_some(), is, "{name}");
        }
        assert!(bundled().contains(&"fr"));
    }
}
