//! The command line: clap types, turning flags into calls of the library, and exit codes.
//! Exit codes: 0 ok; 2 invalid model, template or usage; 3 I/O failure.

use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand, ValueEnum};

use crate::diag::Diagnostic;
use crate::load::{Loaded, load_file};
use crate::render::Renderer;
use crate::theme::Theme;
use crate::{BuildOptions, build, schema, starter, write};

/// Exit code for an invalid model, template or command line.
pub const EXIT_INVALID: u8 = 2;
/// Exit code for a failure to read or write files.
pub const EXIT_IO: u8 = 3;

#[derive(Debug, Parser)]
#[command(
    name = "demarcate",
    version,
    about = "Turns a YAML model of a shared-responsibility split into handouts, diagrams and slide images"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build handouts, SVG diagrams and PNGs for each model.
    Build(BuildArgs),
    /// Check models and report problems and warnings; writes nothing.
    Lint {
        /// Model files. Default: every model/*.yaml.
        models: Vec<PathBuf>,
    },
    /// Print the JSON Schema of the model (for editors and CI).
    Schema,
    /// Work with the bundled templates.
    #[command(subcommand)]
    Templates(TemplatesCommand),
    /// Write a starting model.
    New {
        /// The file to create (it must not exist).
        file: PathBuf,
        /// What to start from.
        #[arg(long, value_enum, default_value_t = Starter::Minimal)]
        from: Starter,
    },
}

#[derive(Debug, Subcommand)]
pub enum TemplatesCommand {
    /// Write the bundled templates and words.yaml into DIR, as a starting point for
    /// `build --templates DIR`. Existing files are never overwritten.
    Export {
        /// The folder to write into (created if missing).
        dir: PathBuf,
    },
}

#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// Model files. Default: every model/*.yaml.
    pub models: Vec<PathBuf>,
    /// Output folder; each model gets a folder named after its id. Default: output.
    #[arg(short, long, default_value = "output")]
    pub output: PathBuf,
    /// A folder of `*.tera` templates that override the bundled ones by name; other templates
    /// there render to extra files.
    #[arg(long)]
    pub templates: Option<PathBuf>,
    /// Colours: light, dark, high-contrast (strong fills, thick lines) or print (greyscale
    /// with patterns). Default: light.
    #[arg(long, value_enum, default_value_t = ThemeName::Light)]
    pub theme: ThemeName,
    /// PNG slide width in pixels. Default: 1920.
    #[arg(long, default_value_t = 1920, value_parser = clap::value_parser!(u32).range(16..=8192))]
    pub width: u32,
    /// PNG slide height in pixels. Default: 1080.
    #[arg(long, default_value_t = 1080, value_parser = clap::value_parser!(u32).range(16..=8192))]
    pub height: u32,
    /// Device pixels per pixel, e.g. 2 for high-DPI screens. Default: 1.
    #[arg(long, default_value_t = 1.0, value_parser = parse_scale)]
    pub scale: f32,
    /// What surrounds the picture in PNGs. Default: theme.
    #[arg(long, value_enum, default_value_t = Background::Theme)]
    pub background: Background,
    /// Turn the SVGs' text into paths, for viewers that lack the font.
    #[arg(long)]
    pub outline_text: bool,
    /// Do not write the presenting steps under slides/.
    #[arg(long)]
    pub no_slides: bool,
    /// Print nothing but errors.
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ThemeName {
    Light,
    Dark,
    HighContrast,
    Print,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Background {
    /// The theme's background colour.
    Theme,
    /// No background: the PNG is transparent around and behind the picture.
    Transparent,
}

fn parse_scale(s: &str) -> Result<f32, String> {
    match s.parse::<f32>() {
        Ok(v) if (0.25..=4.0).contains(&v) => Ok(v),
        _ => Err("a number from 0.25 to 4, e.g. 2 for high-DPI".into()),
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Starter {
    Minimal,
    Aws,
    Azure,
}

/// Runs the command line; returns the process exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Build(args) => run_build(&args),
        Command::Lint { models } => run_lint(&models),
        Command::Schema => {
            print!("{}", schema::json());
            0
        }
        Command::New { file, from } => run_new(&file, from),
        Command::Templates(TemplatesCommand::Export { dir }) => run_export(&dir),
    };
    ExitCode::from(code)
}

fn color() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

fn report(d: &Diagnostic, source: Option<&str>) {
    eprint!("{}", d.render(source, color()));
}

/// The models named, or every `model/*.yaml` (and `.yml`), sorted.
fn model_paths(given: &[PathBuf]) -> Result<Vec<PathBuf>, Diagnostic> {
    if !given.is_empty() {
        return Ok(given.to_vec());
    }
    let dir = Path::new("model");
    let entries = std::fs::read_dir(dir).map_err(|e| {
        Diagnostic::error(format!("no model given, and cannot read the folder `model`: {e}"))
            .hint("name model files, e.g. `demarcate build my-model.yaml`, or run in a folder that has `model/`")
    })?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(
            Diagnostic::error("the folder `model` holds no *.yaml model")
                .hint("create one with `demarcate new model/my-model.yaml`"),
        );
    }
    Ok(paths)
}

/// Loads every model and prints its diagnostics (warnings only when `warnings`).
fn load_all(paths: &[PathBuf], warnings: bool) -> Vec<Loaded> {
    let loaded: Vec<Loaded> = paths.iter().map(|p| load_file(p)).collect();
    for l in &loaded {
        for d in l.diags.iter().filter(|d| warnings || d.is_error()) {
            report(d, Some(&l.source));
        }
    }
    loaded
}

fn run_lint(models: &[PathBuf]) -> u8 {
    let paths = match model_paths(models) {
        Ok(p) => p,
        Err(d) => {
            report(&d, None);
            return EXIT_INVALID;
        }
    };
    let loaded = load_all(&paths, true);
    let errors: usize = loaded
        .iter()
        .map(|l| l.diags.iter().filter(|d| d.is_error()).count())
        .sum();
    let warnings: usize = loaded.iter().map(|l| l.diags.len()).sum::<usize>() - errors;
    let n = loaded.len();
    eprintln!(
        "{n} model{}: {errors} error{}, {warnings} warning{}",
        plural(n),
        plural(errors),
        plural(warnings)
    );
    if errors > 0 { EXIT_INVALID } else { 0 }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn run_build(args: &BuildArgs) -> u8 {
    let start = Instant::now();
    let paths = match model_paths(&args.models) {
        Ok(p) => p,
        Err(d) => {
            report(&d, None);
            return EXIT_INVALID;
        }
    };
    let loaded = load_all(&paths, false);
    if loaded.iter().any(Loaded::has_errors) {
        let bad = loaded.iter().filter(|l| l.has_errors()).count();
        eprintln!(
            "no files written: {bad} of {} model{} invalid",
            loaded.len(),
            plural(loaded.len())
        );
        return EXIT_INVALID;
    }
    let models: Vec<_> = loaded
        .iter()
        .filter_map(|l| l.model.as_ref().map(|m| (l, m)))
        .collect();
    for (i, (l, m)) in models.iter().enumerate() {
        if let Some((first, _)) = models[..i].iter().find(|(_, o)| o.id == m.id) {
            let d = Diagnostic::error(format!("two models have the id `{}`", m.id))
                .in_file(&l.path)
                .hint(format!(
                    "`{}` has it too; ids name output folders, so they must differ",
                    first.path.display()
                ));
            report(&d, None);
            return EXIT_INVALID;
        }
    }
    let renderer = match Renderer::new(args.templates.as_deref()) {
        Ok(r) => r,
        Err(d) => {
            report(&d, None);
            return EXIT_INVALID;
        }
    };
    let theme = match args.theme {
        ThemeName::Light => Theme::light(),
        ThemeName::Dark => Theme::dark(),
        ThemeName::HighContrast => Theme::high_contrast(),
        ThemeName::Print => Theme::print(),
    };
    let mut opts = BuildOptions::with_theme(theme);
    opts.canvas.width = args.width;
    opts.canvas.height = args.height;
    opts.canvas.scale = args.scale;
    if args.background == Background::Transparent {
        opts.canvas.background = None;
    }
    opts.outline_text = args.outline_text;
    opts.slides = !args.no_slides;
    let mut artefacts = Vec::new();
    for (_, m) in &models {
        match build(m, &renderer, &opts) {
            Ok(a) => artefacts.extend(a),
            Err(d) => {
                report(&d, None);
                eprintln!("no files written");
                return EXIT_INVALID;
            }
        }
    }
    match write::write_all(&args.output, &artefacts) {
        Ok(w) => {
            if !args.quiet {
                let n = models.len();
                eprintln!(
                    "{n} model{}, {} files ({} written, {} unchanged) in {}, {} ms",
                    plural(n),
                    artefacts.len(),
                    w.changed,
                    w.unchanged,
                    args.output.display(),
                    start.elapsed().as_millis()
                );
            }
            0
        }
        Err(e) => {
            report(
                &Diagnostic::error(format!("cannot write the output: {}", e.message))
                    .in_file(&e.path),
                None,
            );
            EXIT_IO
        }
    }
}

fn run_new(file: &Path, from: Starter) -> u8 {
    let name = match from {
        Starter::Minimal => "minimal",
        Starter::Aws => "aws",
        Starter::Azure => "azure",
    };
    let stem = file
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("my-model");
    let id = match crate::model::Slug::suggest(stem) {
        s if s.is_empty() => "my-model".to_string(),
        s => s,
    };
    let text =
        starter::starter(name, &id, "demarcate.schema.json").expect("every starter is bundled");
    let created = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(file)
        .and_then(|mut f| std::io::Write::write_all(&mut f, text.as_bytes()));
    match created {
        Ok(()) => {
            eprintln!(
                "wrote {} (from the {name} starter, id `{id}`)",
                file.display()
            );
            eprintln!(
                "next: `demarcate build {}`; for editor completion: `demarcate schema > demarcate.schema.json` beside it",
                file.display()
            );
            0
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            report(
                &Diagnostic::error("the file already exists")
                    .in_file(file)
                    .hint("pick another name; `new` never overwrites a file"),
                None,
            );
            EXIT_INVALID
        }
        Err(e) => {
            report(
                &Diagnostic::error(format!("cannot write the file: {e}")).in_file(file),
                None,
            );
            EXIT_IO
        }
    }
}

fn run_export(dir: &Path) -> u8 {
    let mut files: Vec<(String, String)> = crate::render::BUILTIN
        .iter()
        .map(|(name, text)| (format!("{name}.tera"), text.to_string()))
        .collect();
    files.push((
        "words.yaml".to_string(),
        crate::words::Words::default().to_yaml(),
    ));
    if let Err(e) = std::fs::create_dir_all(dir) {
        report(
            &Diagnostic::error(format!("cannot create the folder: {e}")).in_file(dir),
            None,
        );
        return EXIT_IO;
    }
    let existing: Vec<&str> = files
        .iter()
        .filter(|(n, _)| dir.join(n).exists())
        .map(|(n, _)| n.as_str())
        .collect();
    if !existing.is_empty() {
        let d = Diagnostic::error(format!(
            "{} already exist{} there",
            existing.join(", "),
            if existing.len() == 1 { "s" } else { "" }
        ))
        .in_file(dir)
        .hint("export into an empty folder; `templates export` never overwrites a file");
        report(&d, None);
        return EXIT_INVALID;
    }
    for (name, text) in &files {
        if let Err(e) = std::fs::write(dir.join(name), text) {
            report(
                &Diagnostic::error(format!("cannot write the template: {e}"))
                    .in_file(&dir.join(name)),
                None,
            );
            return EXIT_IO;
        }
    }
    eprintln!(
        "wrote {} files to {}; build with them: `demarcate build --templates {}`",
        files.len(),
        dir.display(),
        dir.display()
    );
    0
}
