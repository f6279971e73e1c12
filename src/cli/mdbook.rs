//! `demarcate mdbook`: an mdBook preprocessor (mdBook 0.5's protocol, through the
//! `mdbook-preprocessor` crate). mdBook sends `[context, book]` as JSON on standard input; we
//! draw the pictures of the models into the book's source folder (so the HTML renderer copies
//! them beside the pages), fill every chapter's marked regions and `{{#demarcate …}}`
//! directives as `inject` fills regions, and write the book back as JSON on standard output.

use std::io::{Read as _, Write as _};
use std::path::{Component, Path, PathBuf};

use mdbook_preprocessor::PreprocessorContext;
use mdbook_preprocessor::book::Book;
use serde::Deserialize;
use serde::de::IgnoredAny;

use super::run::{models_for_regions, settings_and_templates};
use super::{BuildArgs, Exit, MdbookArgs, MdbookCommand, Outcome, fail, report, stop};
use crate::config::Themes;
use crate::diag::Diagnostic;
use crate::model::Model;
use crate::{Format, Loaded, ThemeName, inject};

/// The largest book mdBook may send: far more than any book's text.
const MAX_BOOK: u64 = 256 * 1024 * 1024;

/// The release line of mdBook whose protocol this speaks.
const MDBOOK_LINE: &str = "0.5.";

/// `[preprocessor.demarcate]` in book.toml. Paths are relative to the book's root.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct BookSettings {
    /// Model files or patterns. Default: the `demarcate.toml` in force, else `model/*.yaml`.
    models: Option<Vec<String>>,
    /// A theme or a list of them. Default: the `demarcate.toml`'s, else light and dark.
    theme: Option<Themes>,
    /// The pictures' folder, inside the book's `src`. Default: `demarcate`.
    output: Option<String>,
    /// A templates folder.
    templates: Option<String>,
    /// mdBook's own keys of a preprocessor's table, accepted and left to mdBook.
    #[serde(rename = "command")]
    _command: Option<IgnoredAny>,
    #[serde(rename = "renderers")]
    _renderers: Option<IgnoredAny>,
    #[serde(rename = "before")]
    _before: Option<IgnoredAny>,
    #[serde(rename = "after")]
    _after: Option<IgnoredAny>,
    #[serde(rename = "optional")]
    _optional: Option<IgnoredAny>,
}

/// `demarcate mdbook`.
pub(super) fn run(args: &MdbookArgs) -> Outcome {
    if let Some(MdbookCommand::Supports { .. }) = &args.command {
        // Tables, lists and picture links are Markdown and HTML that every renderer takes.
        return Ok(());
    }
    let (ctx, mut book) = read_book()?;
    if !ctx.mdbook_version.starts_with(MDBOOK_LINE) {
        say!(
            "warning: demarcate speaks the preprocessor protocol of mdBook {MDBOOK_LINE}x; this is mdBook {}",
            crate::diag::visible(&ctx.mdbook_version)
        );
    }
    let book_toml = ctx.root.join("book.toml");
    let settings: BookSettings = ctx
        .config
        .get("preprocessor.demarcate")
        .map_err(|e| {
            let d = Diagnostic::error(format!("{e:#}"))
                .in_file(&book_toml)
                .field("preprocessor.demarcate")
                .hint("keys are `models`, `theme`, `output` and `templates` (and mdBook's own `command`, `renderers`, `before`, `after`, `optional`)");
            stop(&d)
        })?
        .unwrap_or_default();
    std::env::set_current_dir(&ctx.root).map_err(|e| {
        let d =
            Diagnostic::io_error(format!("cannot enter the book's folder: {e}")).in_file(&ctx.root);
        fail(&d, Exit::Io)
    })?;
    let src = ctx.config.book.src.clone();
    let pictures = src.join(inside_src(settings.output.as_deref(), &book_toml)?);
    let paths = BookPaths::read(&book_toml);
    let pictures = paths.confine(&pictures.to_string_lossy(), "output", None)?;
    let build = build_args(settings, pictures, &paths)?;
    // The pictures: written only when they changed, so `mdbook serve` sees no change of ours.
    super::build::run(&build)?;
    fill_chapters(&mut book, &build, &src)?;
    let mut out = std::io::stdout().lock();
    serde_json::to_writer(&mut out, &book)
        .map_err(std::io::Error::from)
        .and_then(|()| out.flush())
        .map_err(|e| {
            fail(
                &Diagnostic::io_error(format!("cannot send the book to mdBook: {e}")),
                Exit::Io,
            )
        })
}

/// The `[context, book]` mdBook sends.
fn read_book() -> Result<(PreprocessorContext, Book), Exit> {
    let mut input = Vec::new();
    std::io::stdin()
        .take(MAX_BOOK + 1)
        .read_to_end(&mut input)
        .map_err(|e| {
            let d = Diagnostic::io_error(format!("cannot read the book from mdBook: {e}"));
            fail(&d, Exit::Io)
        })?;
    parse_book(&input).map_err(|d| stop(&d))
}

/// `[context, book]` from mdBook's bytes, within [`MAX_BOOK`].
fn parse_book(input: &[u8]) -> Result<(PreprocessorContext, Book), Diagnostic> {
    if input.len() as u64 > MAX_BOOK {
        return Err(Diagnostic::error(format!(
            "the book mdBook sent is over {} MiB",
            MAX_BOOK >> 20
        )));
    }
    mdbook_preprocessor::parse_input(input).map_err(|e| {
        Diagnostic::error(format!(
            "cannot read the book mdBook sent: {}",
            crate::diag::visible(&format!("{e:#}"))
        ))
        .hint("mdBook runs this: add `[preprocessor.demarcate]` with `command = \"demarcate mdbook\"` to book.toml and run `mdbook build`")
    })
}

/// What the fuzzer drives: mdBook's bytes read as the preprocessor reads them, its settings
/// checked, and every chapter's regions and directives parsed and filled (with their kind as
/// the generated text, since no model is drawn here). Never panics; errors are values.
pub(super) fn fuzz_book(input: &[u8]) -> Result<usize, Diagnostic> {
    let (ctx, mut book) = parse_book(input)?;
    let settings: BookSettings = ctx
        .config
        .get("preprocessor.demarcate")
        .map_err(|e| Diagnostic::error(format!("{e:#}")))?
        .unwrap_or_default();
    let _ = inside_src(settings.output.as_deref(), Path::new("book.toml"));
    let mut filled = 0;
    let mut error = None;
    book.for_each_chapter_mut(|chapter| {
        match inject::fill(&chapter.content, true, |r| Ok(r.kind.clone())) {
            Ok(text) => {
                chapter.content = text;
                filled += 1;
            }
            Err(d) => error = Some(d),
        }
    });
    match error {
        Some(d) => Err(d),
        None => Ok(filled),
    }
}

/// The pictures' folder as given, checked to stay inside `src` (so mdBook copies it into the
/// book) without leaving it.
fn inside_src(output: Option<&str>, book_toml: &Path) -> Result<PathBuf, Exit> {
    let output = Path::new(output.unwrap_or("demarcate"));
    let plain = output
        .components()
        .all(|c| matches!(c, Component::Normal(_)))
        && !output.as_os_str().is_empty();
    if plain {
        return Ok(output.to_path_buf());
    }
    let d = Diagnostic::error(format!(
        "`output = \"{}\"` leaves the book's source folder",
        crate::diag::shown(output)
    ))
    .in_file(book_toml)
    .field("preprocessor.demarcate.output")
    .hint("give a folder inside `src`, relative to it, e.g. `output = \"demarcate\"`: mdBook copies what is there into the book");
    Err(stop(&d))
}

/// Where book.toml's `[preprocessor.demarcate]` values are, to name their line and column when
/// one leaves the book's folder.
#[derive(Debug, Default)]
struct BookPaths {
    file: PathBuf,
    text: String,
    spans: Option<BookSpans>,
}

#[derive(Debug, Default, Deserialize)]
struct BookToml {
    preprocessor: Option<BookPreprocessors>,
}

#[derive(Debug, Default, Deserialize)]
struct BookPreprocessors {
    demarcate: Option<BookSpans>,
}

#[derive(Debug, Default, Deserialize)]
struct BookSpans {
    models: Option<Vec<toml::Spanned<String>>>,
    output: Option<toml::Spanned<String>>,
    templates: Option<toml::Spanned<String>>,
}

impl BookPaths {
    /// book.toml's text and the spans of demarcate's paths in it (none when it cannot be read:
    /// the errors then name the file without a position).
    fn read(book_toml: &Path) -> BookPaths {
        let text = crate::files::read_text(
            book_toml,
            crate::files::MAX_SMALL_FILE,
            crate::files::Links::Refuse,
        )
        .unwrap_or_default();
        let spans = toml::from_str::<BookToml>(&text)
            .ok()
            .and_then(|t| t.preprocessor?.demarcate);
        BookPaths {
            file: book_toml.to_path_buf(),
            text,
            spans,
        }
    }

    /// `value` (book.toml's `field`, the `index`th when a list) confined to the book's folder,
    /// which is the current folder by now.
    fn confine(&self, value: &str, field: &str, index: Option<usize>) -> Result<PathBuf, Exit> {
        crate::config::confine(Path::new(""), value).map_err(|why| {
            let name = match index {
                Some(i) => format!("preprocessor.demarcate.{field}[{i}]"),
                None => format!("preprocessor.demarcate.{field}"),
            };
            let span = self.spans.as_ref().and_then(|s| match (field, index) {
                ("models", Some(i)) => s.models.as_ref()?.get(i).map(toml::Spanned::span),
                ("output", _) => s.output.as_ref().map(toml::Spanned::span),
                ("templates", _) => s.templates.as_ref().map(toml::Spanned::span),
                _ => None,
            });
            let mut d = why
                .diagnostic(&name, value, "the book's folder")
                .in_file(&self.file)
                .field(name);
            if let Some(span) = span {
                d = d.at(crate::diag::Pos::at_offset(&self.text, span.start));
            }
            stop(&d)
        })
    }
}

/// What the build of the book's pictures does: SVGs only, quietly, into `pictures`; light and
/// dark unless book.toml or the config names themes (so `theme=auto` works). book.toml's
/// paths must stay inside the book's folder, and a link among its models is refused.
fn build_args(
    settings: BookSettings,
    pictures: PathBuf,
    book: &BookPaths,
) -> Result<BuildArgs, Exit> {
    let models = settings
        .models
        .unwrap_or_default()
        .iter()
        .enumerate()
        .map(|(i, m)| book.confine(m, "models", Some(i)))
        .collect::<Result<Vec<_>, _>>()?;
    let templates = settings
        .templates
        .map(|t| book.confine(&t, "templates", None))
        .transpose()?;
    let mut build = BuildArgs {
        models_listed: !models.is_empty(),
        models,
        output: Some(pictures),
        format: vec![Format::Svg],
        theme: settings.theme.map(|t| t.list()).unwrap_or_default(),
        no_slides: true,
        quiet: true,
        ..BuildArgs::default()
    };
    build.input.templates = templates;
    if build.theme.is_empty() && !super::settings::config_names_themes(&build) {
        build.theme = vec![ThemeName::Light, ThemeName::Dark];
    }
    Ok(build)
}

/// Fills the regions and directives of every chapter; reports every chapter's errors.
fn fill_chapters(book: &mut Book, build: &BuildArgs, src: &Path) -> Outcome {
    let (settings, templates) = settings_and_templates(build)?;
    let loaded = models_for_regions(&settings)?;
    let models: Vec<&Model> = loaded.iter().filter_map(Loaded::model).collect();
    let mut outcome = Ok(());
    book.for_each_chapter_mut(|chapter| {
        // A draft chapter has no page.
        let Some(path) = &chapter.path else { return };
        let file = src.join(path);
        // mdBook's `links` preprocessor, which runs after this one unless book.toml says
        // otherwise, would read `{{#include …}}` in model text as an include: written as its
        // escape, it reads `\{{#…}}` as the text `{{#…}}`.
        let generate = |region: &inject::Region| {
            inject::region_text(
                region,
                &models,
                &templates.renderer,
                &templates.words,
                &settings.opts,
                &settings.output,
                &file,
            )
            .map(|text| text.replace("{{#", "\\{{#"))
        };
        match inject::fill(&chapter.content, true, generate) {
            Ok(text) => chapter.content = text,
            Err(d) => {
                report(&d.in_file(&file), Some(&chapter.content));
                outcome = Err(Exit::Invalid);
            }
        }
    });
    outcome
}
