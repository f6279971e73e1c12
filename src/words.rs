//! The fixed words that diagrams and handouts put around model text ("Shared", "Varies by …"),
//! so that a translated template set translates the pictures too. The defaults are English;
//! a `words.yaml` beside the user's templates replaces any of them. `{name}` placeholders are
//! filled by the layout.

use std::path::Path;

use serde::Serialize;

use crate::diag::Diagnostic;

use crate::model::{Model, Owner, Party};

macro_rules! words {
    ($($(#[doc = $doc:literal])* $name:ident = $default:literal,)*) => {
        /// Every fixed word of the pictures. See the module documentation.
        #[derive(Debug, Clone, PartialEq, Eq, Serialize)]
        pub struct Words {
            $($(#[doc = $doc])* pub $name: String,)*
        }

        impl Default for Words {
            fn default() -> Self {
                Words { $($name: $default.to_string(),)* }
            }
        }

        impl Words {
            /// The keys a `words.yaml` may set.
            pub const KEYS: &'static [&'static str] = &[$(stringify!($name),)*];
            /// What each key is for, in the order of [`Words::KEYS`].
            pub const DOCS: &'static [&'static str] = &[$(concat!($($doc),*),)*];

            /// The value of `key`.
            pub fn get(&self, key: &str) -> Option<&str> {
                match key {
                    $(stringify!($name) => Some(&self.$name),)*
                    _ => None,
                }
            }

            /// Sets the word `key`; false when there is no such key.
            pub fn set(&mut self, key: &str, value: String) -> bool {
                match key {
                    $(stringify!($name) => self.$name = value,)*
                    _ => return false,
                }
                true
            }
        }
    };
}

words! {
    /// Between the last two names of a list: "Customer and AWS".
    and = " and ",
    /// Between the last two choices: "the customer or AWS".
    or = " or ",
    /// Between a name and what follows it ("Amazon RDS, Operating system: …"); French
    /// writes " : ".
    colon = ": ",
    /// A band of one party: `{party}`, `{tagline}`.
    band = "{party} — {tagline}",
    /// A band of layers shared by `{parties}`.
    shared_band = "Shared: {parties}",
    /// A band or row group whose owner varies by `{axis}` (as written) or `{axis_lower}`.
    varies = "Varies by {axis_lower}",
    /// A matrix row group always owned by `{parties}`.
    always = "Always {parties}",
    /// A matrix row group always shared by `{parties}`.
    always_shared = "Always shared by {parties}",
    /// A shared matrix cell; `{parties}` joined with " + ".
    shared_cell = "Shared: {parties}",
    /// The column of a model without services.
    default_column = "Default",
    /// The subtitle of a service's stack: `{axis}`, `{service}`.
    service_subtitle = "{axis}: {service}",
    /// A cell that does not apply (`n/a`).
    not_applicable = "Not applicable",
    /// The diff picture's accessible name: `{title}`, `{old}`, `{new}`.
    diff_title = "{title}: what changed from {old} to {new}",
    /// The note under the diff picture: `{old}`, `{new}`.
    diff_legend = "Outlined: the cells that changed from {old} to {new} (owners, status, note or sources); a cell whose owners changed reads old → new.",
    /// Added to that note when layers, columns, parties or sources were added, removed or renamed: `{count}`.
    diff_parts = "Not drawn: {count} layers, columns, parties or sources added, removed or renamed (demarcate diff lists them).",
    /// The coverage picture's title: `{title}`.
    coverage_title = "{title}: who owns the controls",
    /// The coverage picture's subtitle.
    coverage_subtitle = "Each group's cells: owned by one party alone, shared, or not applicable",
    /// The coverage picture's column of shared cells.
    coverage_shared = "Shared",
    /// The coverage picture's group of layers without a group, when others have one.
    coverage_other = "Other",
    /// The coverage picture's one group when no layer has a group.
    coverage_all = "All layers",
    /// The coverage picture's total row.
    coverage_total = "Total",
    /// One count in the coverage picture's description: `{owner}`, `{count}`.
    coverage_count = "{owner} {count}",
    /// One group in the coverage picture's description: `{group}`, `{total}`, `{counts}`.
    coverage_desc = "{group}, {total} cells: {counts}.",
    /// Description of the layers that do not apply.
    desc_na = "Not applicable: {layers}.",
    /// Under a reference column's name in the matrix (it does not count towards the rows'
    /// classes).
    reference = "Reference",
    /// … when the column has a category: `{category}`.
    reference_of = "Reference: {category}",
    /// The accessible name of the matrix: `{title}`, `{axis_lower}`.
    matrix_title = "{title}: who secures what, by {axis_lower}",
    /// A page of a picture split to stay legible: `{page}` of `{pages}`.
    page = "page {page} of {pages}",
    /// The accessible name of the shift picture.
    shift_title = "{title}: how the line moves by {axis_lower}",
    /// The subtitle of the shift picture: `{party}` is the first party.
    shift_subtitle = "Where {party}'s part ends, by {axis_lower}",
    /// The legend of the shift picture when each column has one line.
    shift_legend = "Above the line, {party} alone secures each layer; below it, {party} has no part.",
    /// The legend of the solid line, when some column has two.
    shift_legend_alone = "Above the solid line, {party} alone secures each layer.",
    /// The legend of the dashed line, when some column has two.
    shift_legend_none = "Below the dashed line (or the solid line where it is the only one), {party} has no part; between the two, {party} shares layers or leaves some to others.",
    /// Description of a band: `{parties}` secure `{layers}`.
    desc_secures = "{parties} secures: {layers}.",
    /// Description of a shared band.
    desc_shared = "Shared by {parties}: {layers}.",
    /// Description of a band that varies.
    desc_varies = "Varies by {axis_lower}: {layers}.",
    /// Description of one matrix cell: `{parties}` in column `{service}`.
    desc_cell = "{parties} ({service})",
    /// Description of the line in a column where the first party owns nothing.
    desc_line_none = "{service}: {party} has no part in any layer",
    /// … where it has a part in every layer.
    desc_line_all = "{service}: {party} has a part in every layer",
    /// … where its part ends after `{layer}`.
    desc_line_ends = "{service}: {party}'s part ends after {layer}",
    /// … added where the first party alone secures the layers down to `{layer}`, above its
    /// shared or mixed ones.
    desc_line_alone = "{party} alone down to {layer}",
    /// … added where the first party shares even the top layer.
    desc_line_shares_top = "{party} shares even the top layer",
    /// A cell that does not apply, inside a sentence.
    not_applicable_in_sentence = "nobody (it does not apply)",
    /// Quiz: who secures `{layer}` on `{service}`?
    q_who = "{service}: who is responsible for {layer}?",
    /// Quiz: who secures `{layer}` in a model without columns?
    q_who_default = "Who is responsible for {layer}?",
    /// Quiz: on which column (`{axis_lower}`) does `{party}` first have a part in `{layer}`?
    q_reverse = "On which {axis_lower} does {party} first have a part in {layer}?",
    /// Quiz: on which column (`{axis_lower}`) is `{party}` alone responsible for `{layer}`?
    q_reverse_only = "On which {axis_lower} is {party} alone responsible for {layer}?",
    /// Quiz: a duty (`{duty}`, as written) on `{service}`: whose is it?
    q_scenario = "{service}: whose job is this? “{duty}”",
    /// Quiz: a duty that applies everywhere: whose is it?
    q_scenario_any = "Whose job is this: “{duty}”?",
    /// Quiz: true or false, from column `{from}` to `{to}`, `{party}` takes over `{layers}`.
    q_step = "True or false: from {from} to {to}, {party} takes over {layers}.",
    /// The true option.
    q_true = "True",
    /// The false option.
    q_false = "False",
    /// An answer explained from its cell: `{layer}` on `{service}` is `{owner}`'s.
    q_why_cell = "In the {service} column, {layer} is the responsibility of {owner}.",
    /// … in a model without columns.
    q_why_default = "In the matrix, {layer} is the responsibility of {owner}.",
    /// An answer about where `{party}` has a part in `{layer}`: the columns `{services}`.
    q_why_reverse = "{party} has a part in {layer} only in these columns: {services}.",
    /// An answer about a duty, listed under `{party}`.
    q_why_duty = "The model lists this duty under {party}.",
    /// An answer about a step: from `{from}` to `{to}`, `{layer}` goes to `{owner}`.
    q_why_step = "From {from} to {to}, {owner} takes over {layers}.",
}

impl Words {
    /// The words of a templates folder: its `words.yaml` over the defaults, or the defaults
    /// when there is no folder or no such file.
    pub fn load(templates: Option<&Path>) -> Result<Words, Diagnostic> {
        Words::for_lang(crate::lang::SOURCE, templates)
    }

    /// The words of language `lang`: the bundled ones of that language (English when there
    /// are none), then the `words.yaml` of the templates folder over them.
    pub fn for_lang(lang: &str, templates: Option<&Path>) -> Result<Words, Diagnostic> {
        let mut words = Words::default();
        if let Some(text) = crate::lang::words(lang) {
            let path = Path::new("templates").join(lang).join("words.yaml");
            words = Words::read_over(words, &path, text).map_err(|mut d| d.remove(0))?;
        }
        let Some(dir) = templates else {
            return Ok(words);
        };
        let path = dir.join("words.yaml");
        if std::fs::symlink_metadata(&path).is_err() {
            return Ok(words);
        }
        let text = crate::files::read_user_text(&path, "the words")?;
        Words::read_over(words, &path, &text).map_err(|mut d| d.remove(0))
    }

    /// Reads a `words.yaml` (a flat mapping of word keys to text) over the default words.
    pub fn read(path: &Path, text: &str) -> Result<Words, Vec<Diagnostic>> {
        Words::read_over(Words::default(), path, text)
    }

    /// Reads a `words.yaml` over `words`.
    pub fn read_over(words: Words, path: &Path, text: &str) -> Result<Words, Vec<Diagnostic>> {
        let mut words = words;
        let fail = |d: Diagnostic| vec![d.in_file(path)];
        let root =
            crate::load::node::parse(text, &crate::limits::Limits::default()).map_err(fail)?;
        let crate::load::node::Value::Map(entries) = &root.value else {
            return Err(fail(
                Diagnostic::error("expected a mapping of `key: \"text\"` lines")
                    .at(root.pos)
                    .hint("see `demarcate templates export DIR` for a complete words.yaml"),
            ));
        };
        let mut diags = Vec::new();
        for (key, value) in entries {
            let crate::load::node::Value::Str(v) = &value.value else {
                diags.push(
                    Diagnostic::error(format!("expected text, found {}", value.value.kind()))
                        .at(value.pos)
                        .field(&key.name)
                        .hint("put the text in quotes")
                        .in_file(path),
                );
                continue;
            };
            if !words.set(&key.name, v.clone()) {
                let hint = crate::diag::suggest(&key.name, Words::KEYS.iter().copied(), || {
                    format!("known words: {}", Words::KEYS.join(", "))
                });
                diags.push(
                    Diagnostic::error(format!("unknown word `{}`", key.name))
                        .at(key.pos)
                        .field(&key.name)
                        .hint(hint)
                        .in_file(path),
                );
            }
        }
        if diags.is_empty() {
            Ok(words)
        } else {
            Err(diags)
        }
    }

    /// `template` with each `{key}` replaced by its value.
    pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
        let mut out = template.to_string();
        for (k, v) in values {
            out = out.replace(&format!("{{{k}}}"), v);
        }
        out
    }

    /// Names in a list: "A", "A and B", "A, B and C".
    pub fn list(&self, names: &[&str]) -> String {
        join(names, &self.and)
    }

    /// Names as choices: "A", "A or B", "A, B or C".
    pub fn either(&self, names: &[&str]) -> String {
        join(names, &self.or)
    }

    /// The words as a commented `words.yaml`, for `demarcate templates export`.
    pub fn to_yaml(&self) -> String {
        let mut out = String::from(
            "# The fixed words of the pictures; translate the values, keep the {placeholders}.\n",
        );
        for (key, doc) in Self::KEYS.iter().zip(Self::DOCS) {
            let value = self
                .get(key)
                .unwrap_or_default()
                .replace('\\', "\\\\")
                .replace('"', "\\\"");
            out.push_str(&format!("#{doc}\n{key}: \"{value}\"\n"));
        }
        out
    }

    /// The names of the parties of `owner`, as a list.
    pub fn owner(&self, model: &Model, owner: &Owner) -> String {
        self.owner_as(model, owner, &self.not_applicable, |p| &p.label)
    }

    /// The owner as a sentence writes it: "the customer and AWS".
    pub fn owner_in_sentence(&self, model: &Model, owner: &Owner) -> String {
        self.owner_as(model, owner, &self.not_applicable_in_sentence, |p| {
            &p.in_sentence
        })
    }

    fn owner_as(
        &self,
        model: &Model,
        owner: &Owner,
        na: &str,
        name: impl Fn(&Party) -> &String,
    ) -> String {
        if owner.is_na() {
            return na.to_string();
        }
        let names: Vec<&str> = owner
            .parties()
            .iter()
            .map(|p| name(model.party(*p)).as_str())
            .collect();
        self.list(&names)
    }
}

/// `names` joined with commas, and `last` before the last one.
fn join(names: &[&str], last: &str) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., end] => format!("{}{last}{end}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_placeholders_and_lists() {
        let w = Words::default();
        assert_eq!(
            Words::fill(&w.varies, &[("axis_lower", "service model")]),
            "Varies by service model"
        );
        assert_eq!(w.list(&["A", "B", "C"]), "A, B and C");
        let mut fr = Words::default();
        assert!(fr.set("and", " et ".into()));
        assert!(!fr.set("nope", String::new()));
        assert_eq!(fr.list(&["A", "B"]), "A et B");
    }
}
