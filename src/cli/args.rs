//! The command line's flags and arguments, as clap types.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::raster::Compression;
use crate::{Background, Format, Paper, Pixels, Scale, ThemeName};

#[derive(Debug, Parser)]
#[command(
    name = "demarcate",
    version,
    about = "Turns a YAML model of a shared-responsibility split into handouts, diagrams and slide images"
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
    /// How to print errors and warnings. Default: human.
    #[arg(long, global = true, value_enum, default_value_t = MessageFormat::Human)]
    pub(crate) message_format: MessageFormat,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Build handouts, SVG diagrams and PNGs for each model.
    Build(BuildArgs),
    /// Build in memory and compare with the output folder; writes nothing. Exit 1 when a file
    /// is stale, missing or extra.
    Check(BuildArgs),
    /// Rebuild whenever a model, a template or the config changes.
    Watch(BuildArgs),
    /// Build into a folder of its own and serve a live preview on 127.0.0.1: an index of every
    /// model's pictures, handouts and slides that reloads when a model, a template or the
    /// config changes, and shows a broken model's errors.
    Serve(ServeArgs),
    /// Replace the regions between `<!-- demarcate:begin … -->` and `<!-- demarcate:end -->`
    /// markers in Markdown files with generated tables, lists and picture links.
    Inject(InjectArgs),
    /// Check models and report problems and warnings; writes nothing.
    Lint(LintArgs),
    /// Write a model from a CSA CAIQ v4 / CCM sheet, a FedRAMP customer responsibility
    /// matrix, or an OSCAL system security plan or component definition. What cannot be
    /// mapped is listed, never dropped silently.
    Import(ImportArgs),
    /// What moved between two versions of a model: cells whose owners, status, note or
    /// sources changed, layers, columns and parties added, removed or renamed, text edits.
    /// Exits 0 when they say the same and 1 when they differ, like `diff`.
    Diff(DiffArgs),
    /// The mdBook preprocessor: reads the book mdBook sends on standard input, fills its
    /// demarcate regions and `{{#demarcate …}}` directives, draws the pictures into the book's
    /// source folder, and writes the book to standard output. Set it up in book.toml with
    /// `[preprocessor.demarcate]` and `command = "demarcate mdbook"`.
    Mdbook(MdbookArgs),
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
pub(crate) enum TemplatesCommand {
    /// Write the bundled templates and words.yaml into DIR, as a starting point for
    /// `build --templates DIR`. Existing files are never overwritten.
    Export {
        /// The folder to write into (created if missing).
        dir: PathBuf,
    },
}

#[derive(Debug, Clone, clap::Args)]
pub(crate) struct LintArgs {
    /// Model files or patterns. Default: the config's models, else every model/*.yaml.
    pub(crate) models: Vec<PathBuf>,
    #[command(flatten)]
    pub(crate) input: InputArgs,
    /// Also fail on every cell a reviewer cannot trace: one with no status, or a published or
    /// derived one that cites no source.
    #[arg(long)]
    pub(crate) strict: bool,
}

/// What a command reads besides the models, and how much a model may cost; the same for every
/// command that reads models.
#[derive(Debug, Clone, Default, clap::Args)]
pub(crate) struct InputArgs {
    /// A config file other than the nearest demarcate.toml.
    #[arg(long)]
    pub(crate) config: Option<PathBuf>,
    /// A folder of `*.tera` templates (and `words.yaml`) that replace the bundled ones by
    /// name; other templates there render to extra files.
    #[arg(long)]
    pub(crate) templates: Option<PathBuf>,
    /// Only this language: each model's translation `<model>.<LANG>.yaml` (into
    /// `<id>-<LANG>/`), or the models themselves for `en`. Default: each model and every
    /// translation beside it.
    #[arg(long, value_name = "LANG")]
    pub(crate) lang: Option<String>,
    #[command(flatten)]
    pub(crate) limits: LimitArgs,
}

/// How much a model may cost; raise a limit when a real model needs it.
#[derive(Debug, Clone, Default, clap::Args)]
pub(crate) struct LimitArgs {
    /// Largest model file, in bytes. Default: 8388608 (8 MiB).
    #[arg(long)]
    pub(crate) max_input_bytes: Option<usize>,
    /// Deepest nesting of YAML mappings and lists. Default: 32.
    #[arg(long)]
    pub(crate) max_depth: Option<usize>,
    /// Most values that YAML aliases may expand to, in all. Default: 100000.
    #[arg(long)]
    pub(crate) max_alias_events: Option<usize>,
    /// Most YAML nodes in a model. Default: 250000.
    #[arg(long)]
    pub(crate) max_nodes: Option<usize>,
    /// Most cells (layers × services) in a model. Default: 20000.
    #[arg(long)]
    pub(crate) max_cells: Option<usize>,
    /// Most characters in one text field. Default: 10000.
    #[arg(long)]
    pub(crate) max_text: Option<usize>,
}

impl LimitArgs {
    /// The limits: each flag given, else its default.
    pub(crate) fn limits(&self) -> crate::limits::Limits {
        let d = crate::limits::Limits::default();
        crate::limits::Limits {
            max_input_bytes: self.max_input_bytes.unwrap_or(d.max_input_bytes),
            max_depth: self.max_depth.unwrap_or(d.max_depth),
            max_alias_events: self.max_alias_events.unwrap_or(d.max_alias_events),
            max_nodes: self.max_nodes.unwrap_or(d.max_nodes),
            max_cells: self.max_cells.unwrap_or(d.max_cells),
            max_text: self.max_text.unwrap_or(d.max_text),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum MessageFormat {
    /// Like rustc: the source line, a caret, the field and hints.
    Human,
    /// One JSON object a line on standard output, for editors and CI annotations.
    Json,
}

/// What to build and how; every flag overrides the same key of `demarcate.toml`.
#[derive(Debug, Clone, Default, clap::Args)]
pub(crate) struct BuildArgs {
    /// Model files or patterns. Default: the config's `models`, else every model/*.yaml.
    pub(crate) models: Vec<PathBuf>,
    /// Whether `models` came from a file (book.toml) rather than the command line: a symbolic
    /// link among them is then refused, as for the config's models.
    #[arg(skip)]
    pub(crate) models_listed: bool,
    #[command(flatten)]
    pub(crate) input: InputArgs,
    /// Output folder; each model gets a folder named after its id. Default: output.
    #[arg(short, long)]
    pub(crate) output: Option<PathBuf>,
    /// Which files to write, comma-separated: md, html, svg, png, gift, qti, pdf, csv, oscal.
    /// Default: all.
    #[arg(long, value_enum, value_delimiter = ',')]
    pub(crate) format: Vec<Format>,
    /// Colours: light, dark, high-contrast or print. Default: light. Several, comma-separated
    /// (`light,dark`), draw the pictures in each: the first as `stack.svg`, the others as
    /// `stack.<theme>.svg`; the HTML handout then follows the reader's colour scheme.
    #[arg(long, value_enum, value_delimiter = ',')]
    pub(crate) theme: Vec<ThemeName>,
    /// PNG slide width in pixels. Default: 1920.
    #[arg(long)]
    pub(crate) width: Option<Pixels>,
    /// PNG slide height in pixels. Default: 1080.
    #[arg(long)]
    pub(crate) height: Option<Pixels>,
    /// Device pixels per pixel, e.g. 2 for high-DPI screens. Default: 1.
    #[arg(long)]
    pub(crate) scale: Option<Scale>,
    /// What surrounds the picture in PNGs. Default: theme.
    #[arg(long, value_enum)]
    pub(crate) background: Option<Background>,
    /// PNG compression: small (for repositories) or fast (about 4× faster to encode, files
    /// about twice as large). Default: small.
    #[arg(long, value_enum)]
    pub(crate) png_compression: Option<Compression>,
    /// The paper `handout.pdf` is typeset for: a4 or letter. Default: a4.
    #[arg(long, value_enum)]
    pub(crate) paper: Option<Paper>,
    /// Turn the SVGs' text into paths, for viewers that lack the font.
    #[arg(long)]
    pub(crate) outline_text: bool,
    /// Do not write the presenting steps under slides/.
    #[arg(long)]
    pub(crate) no_slides: bool,
    /// Most per-service stacks drawn as PNG: a model with more services gets their stacks as
    /// SVG only (name one with --only stack-<service> to draw it). Default: 24.
    #[arg(long, value_name = "N")]
    pub(crate) max_stack_pngs: Option<usize>,
    /// Only these outputs, comma-separated file stems: stack, matrix, shift, stack-<service>,
    /// handout, slides, or an extra template's name. Default: all.
    #[arg(long, value_delimiter = ',')]
    pub(crate) only: Vec<String>,
    /// With build: also write the SVG each PNG is drawn from into DIR (for benchmarks that
    /// give another rasteriser the same input).
    #[arg(long, hide = true, value_name = "DIR")]
    pub(crate) emit_png_sources: Option<PathBuf>,
    /// With build: remove files in the models' output folders that the build no longer makes.
    #[arg(long)]
    pub(crate) prune: bool,
    /// Print nothing but errors.
    #[arg(short, long, conflicts_with = "verbose")]
    pub(crate) quiet: bool,
    /// Print every file written (or, with check, every file compared).
    #[arg(short, long)]
    pub(crate) verbose: bool,
}

/// `demarcate serve`: the build's flags, and where to listen.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct ServeArgs {
    #[command(flatten)]
    pub(crate) build: BuildArgs,
    /// The port to listen on; 0 takes any free one (the line printed at start names it).
    #[arg(long, default_value_t = 8000)]
    pub(crate) port: u16,
    /// The address to listen on. Any other than 127.0.0.1 or ::1 lets other machines read the
    /// built files; a warning says so.
    #[arg(long, default_value = "127.0.0.1")]
    pub(crate) address: std::net::IpAddr,
}

#[derive(Debug, Clone, clap::Args)]
pub(crate) struct ImportArgs {
    /// The document's format.
    #[arg(long, value_enum)]
    pub(crate) from: crate::import::From,
    /// The document: .xlsx, .ods or .csv for `ccm` and `fedramp-crm`; OSCAL JSON or
    /// YAML for `oscal`.
    pub(crate) file: PathBuf,
    /// Write the model here (never over an existing file); default: standard output.
    #[arg(short, long, value_name = "MODEL.yaml")]
    pub(crate) output: Option<PathBuf>,
    /// The model's id. Default: from the output's file name, else the document's.
    #[arg(long)]
    pub(crate) id: Option<String>,
    /// The model's title. Default: the document's, else one made from its file name.
    #[arg(long)]
    pub(crate) title: Option<String>,
    /// The web page the document is published on, which the model cites as its source.
    /// Required unless an OSCAL document links to one.
    #[arg(long)]
    pub(crate) url: Option<String>,
    /// The largest document read, in bytes. Default: 32 MiB.
    #[arg(long, default_value_t = 32 * 1024 * 1024)]
    pub(crate) max_input_bytes: u64,
    /// The most rows of a sheet, or implemented requirements of an OSCAL document.
    #[arg(long, default_value_t = 20_000)]
    pub(crate) max_rows: usize,
    /// The most cells of a sheet (each row up to its last value), shared strings, CSV fields,
    /// or values of an OSCAL document.
    #[arg(long, default_value_t = 1_000_000)]
    pub(crate) max_cells: usize,
    /// The most bytes a workbook inflates to, and bytes of text its cells hold once shared
    /// and repeated cells are written out. Default: 32 MiB.
    #[arg(long, default_value_t = 32 * 1024 * 1024)]
    pub(crate) max_expanded_bytes: u64,
}

#[derive(Debug, Clone, clap::Args)]
pub(crate) struct DiffArgs {
    /// The old model: a file, or `REV:PATH` read from git (e.g. `HEAD~1:model/aws.yaml`).
    pub(crate) old: String,
    /// The new model: a file, or `REV:PATH`.
    pub(crate) new: String,
    /// `text` for a terminal, `md` for a pull-request comment, `json` for tools.
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    pub(crate) format: DiffFormat,
    /// Also draw the new model's matrix with the changed cells outlined (old → new owners),
    /// as SVG, or PNG when the name ends in `.png`.
    #[arg(long, value_name = "FILE")]
    pub(crate) picture: Option<PathBuf>,
    /// The picture's theme.
    #[arg(long, value_enum, default_value_t = ThemeName::Light)]
    pub(crate) theme: ThemeName,
    #[command(flatten)]
    pub(crate) limits: LimitArgs,
}

/// How `diff` writes what moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum DiffFormat {
    /// Plain text.
    Text,
    /// Markdown tables.
    Md,
    /// One JSON object.
    Json,
}

#[derive(Debug, Clone, clap::Args)]
pub(crate) struct MdbookArgs {
    #[command(subcommand)]
    pub(crate) command: Option<MdbookCommand>,
}

#[derive(Debug, Clone, Subcommand)]
pub(crate) enum MdbookCommand {
    /// Exits 0: mdBook asks whether the preprocessor supports a renderer, and the regions are
    /// Markdown and HTML that every renderer takes.
    Supports {
        /// The renderer's name (`html`, `markdown`, …).
        renderer: String,
    },
}

#[derive(Debug, Clone, clap::Args)]
pub(crate) struct InjectArgs {
    /// Markdown files with demarcate markers.
    #[arg(required = true)]
    pub(crate) files: Vec<PathBuf>,
    /// Write nothing; exit 1 when a region is stale.
    #[arg(long)]
    pub(crate) check: bool,
    /// Model files the markers may name (repeatable). Default: the config's models, else every
    /// model/*.yaml.
    #[arg(long = "model")]
    pub(crate) models: Vec<PathBuf>,
    #[command(flatten)]
    pub(crate) input: InputArgs,
    /// The output folder that picture links point into. Default: output.
    #[arg(short, long)]
    pub(crate) output: Option<PathBuf>,
    /// The themes the pictures were built in, as `build --theme` took them (an `image`
    /// region's `theme=` names one, or `auto`). Default: the config's, else light.
    #[arg(long, value_enum, value_delimiter = ',')]
    pub(crate) theme: Vec<ThemeName>,
    /// Print nothing but errors.
    #[arg(short, long)]
    pub(crate) quiet: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum Starter {
    Minimal,
    Aws,
    Azure,
}
