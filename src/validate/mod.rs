//! Raw model → [`Model`]: checks ids, resolves references, gives every cell an owner, and
//! reports all problems at once. Warnings (lint) travel beside a successful result.

use std::collections::BTreeMap;

mod lint;
pub use lint::untraced;
mod meta;
mod parts;
mod quiz;
mod translation;
pub use quiz::{DEFAULT_QUIZ, MAX_QUIZ};
pub use translation::{is_lang, translate, untranslated};

use crate::diag::{Diagnostic, Pos, Warned, did_you_mean};
use crate::limits::Limits;
use crate::load::raw::*;
use crate::model::*;
use crate::theme::{AA, Rgb, contrast, text_on};

/// Validates `raw`: the model with its warnings when there is no error, else every error found
/// (in no particular order).
pub fn validate(raw: &RawModel, limits: &Limits) -> Result<Warned<Model>, Vec<Diagnostic>> {
    let mut v = Validator {
        diags: Vec::new(),
        limits: *limits,
    };
    let model = v.model(raw);
    match model {
        Some(m) if !v.diags.iter().any(Diagnostic::is_error) => {
            v.lint(&m, raw);
            Ok(Warned {
                value: m,
                warnings: v.diags,
            })
        }
        _ => {
            // Warnings about a model that does not load are noise next to its errors.
            v.diags.retain(Diagnostic::is_error);
            if v.diags.is_empty() {
                v.diags.push(Diagnostic::error("the model is incomplete"));
            }
            Err(v.diags)
        }
    }
}

/// What a model writes for a cell that does not apply.
const NOT_APPLICABLE: &str = "n/a";

struct Validator {
    diags: Vec<Diagnostic>,
    limits: Limits,
}

/// Ids defined in one list, for resolving references to them.
struct Ids<'a> {
    what: &'static str,
    list: &'static str,
    ids: Vec<&'a str>,
}

impl Ids<'_> {
    fn find(&self, id: &str) -> Option<usize> {
        self.ids.iter().position(|x| *x == id)
    }
}

impl Validator {
    fn error(
        &mut self,
        pos: Pos,
        field: impl Into<String>,
        msg: impl Into<String>,
        hint: impl Into<String>,
    ) {
        self.push(Diagnostic::error(msg), pos, field.into(), hint.into());
    }

    fn warn(
        &mut self,
        pos: Pos,
        field: impl Into<String>,
        msg: impl Into<String>,
        hint: impl Into<String>,
    ) {
        self.push(Diagnostic::warning(msg), pos, field.into(), hint.into());
    }

    fn push(&mut self, d: Diagnostic, pos: Pos, field: String, hint: String) {
        self.diags.push(d.at(pos).field(field).hint(hint));
    }

    fn slug(&mut self, id: &At<String>, field: &str) -> Slug {
        match Slug::parse(&id.value) {
            Ok(s) => s,
            Err(msg) => {
                let hint = match Slug::suggest(&id.value) {
                    s if s.is_empty() => "use lowercase letters, digits and `-`".to_string(),
                    s => format!("use lowercase letters, digits and `-`, e.g. `{s}`"),
                };
                if id.pos.is_known() {
                    self.error(id.pos, field, msg, hint);
                }
                Slug::parse("invalid").expect("a valid literal")
            }
        }
    }

    fn text(&mut self, s: &At<String>, field: &str) -> String {
        if !s.pos.is_known() {
            return String::new();
        }
        if s.value.trim().is_empty() {
            self.error(
                s.pos,
                field,
                "this text is empty",
                "write something, or remove the field",
            );
        }
        let chars = s.value.chars().count();
        if chars > self.limits.max_text {
            self.error(
                s.pos,
                field,
                format!(
                    "this text has {chars} characters, more than the limit of {}",
                    self.limits.max_text
                ),
                "shorten it; raise the limit with --max-text if it must be this long",
            );
        }
        if let Some((what, c, hint)) = s.value.chars().find_map(refused_char) {
            self.error(
                s.pos,
                field,
                format!("this text contains the {what} U+{:04X}", c as u32),
                hint,
            );
        }
        s.value.trim().to_string()
    }

    /// Resolves a reference; an unknown one is reported with the nearest defined id.
    fn resolve(&mut self, ids: &Ids, r: &At<String>, field: &str) -> Option<usize> {
        if let Some(i) = ids.find(&r.value) {
            return Some(i);
        }
        let hint = match did_you_mean(&r.value, ids.ids.iter().copied()) {
            Some(near) => format!("did you mean `{near}`?"),
            None if ids.ids.is_empty() => format!("define it under `{}` first", ids.list),
            None => format!("the {} are: {}", plural_of(ids.what), ids.ids.join(", ")),
        };
        self.error(
            r.pos,
            field,
            format!("unknown {} `{}`", ids.what, r.value),
            hint,
        );
        None
    }

    /// Resolves each reference of an optional list; unknown ones are reported and left out.
    fn resolve_all(&mut self, ids: &Ids, refs: Option<&[At<String>]>, field: &str) -> Vec<usize> {
        refs.unwrap_or_default()
            .iter()
            .enumerate()
            .filter_map(|(k, r)| self.resolve(ids, r, &format!("{field}[{k}]")))
            .collect()
    }

    fn unique<'a>(&mut self, ids: impl Iterator<Item = (&'a At<String>, String)>, what: &str) {
        let mut seen: BTreeMap<&str, Pos> = BTreeMap::new();
        // An id without a place was missing and is reported as such already.
        for (id, field) in ids.filter(|(id, _)| id.pos.is_known()) {
            if let Some(first) = seen.get(id.value.as_str()) {
                self.error(
                    id.pos,
                    field,
                    format!("duplicate {what} id `{}`", id.value),
                    format!(
                        "it is already used at line {}; give each {what} its own id",
                        first.line
                    ),
                );
            } else {
                seen.insert(&id.value, id.pos);
            }
        }
    }

    fn owner(&mut self, parties: &Ids, raw: &At<RawOwner>, field: &str) -> Option<Owner> {
        if let RawOwner::One(p) = &raw.value
            && p.value.trim() == NOT_APPLICABLE
        {
            return Some(Owner::not_applicable());
        }
        let refs: Vec<(&At<String>, String)> = match &raw.value {
            RawOwner::One(p) => vec![(p, field.to_string())],
            RawOwner::Shared(ps) => ps
                .iter()
                .enumerate()
                .map(|(i, p)| (p, format!("{field}[{i}]")))
                .collect(),
        };
        if refs.is_empty() {
            self.error(
                raw.pos,
                field,
                "an owner list cannot be empty",
                "name one party, or several for a shared layer",
            );
            return None;
        }
        let resolved: Vec<Option<usize>> = refs
            .iter()
            .map(|(r, f)| self.resolve(parties, r, f))
            .collect();
        let ixs: Option<Vec<PartyIx>> = resolved.into_iter().map(|o| o.map(PartyIx)).collect();
        ixs.map(Owner::new)
    }

    fn key_pos(raw: &RawModel, key: &str) -> Pos {
        raw.keys
            .iter()
            .find(|(k, _)| k == key)
            .map_or(Pos { line: 1, column: 1 }, |(_, p)| *p)
    }
}

/// A character that model text may not hold, with what it is called and a hint: control
/// characters (XML cannot carry most of them), noncharacters (U+FFFE, U+FFFF, U+FDD0–U+FDEF
/// and the last two of every plane: not text, and malformed in XML), and the bidirectional
/// embedding, override and isolate controls (they would reverse how a label reads in a
/// picture or handout; the direction of each label comes from its own letters).
fn refused_char(c: char) -> Option<(&'static str, char, &'static str)> {
    let n = c as u32;
    if c.is_control() && !matches!(c, '\n' | '\t' | '\r') {
        Some((
            "control character",
            c,
            "remove it; control characters cannot appear in SVG or HTML",
        ))
    } else if (0xFDD0..=0xFDEF).contains(&n) || n & 0xFFFE == 0xFFFE {
        Some((
            "noncharacter",
            c,
            "remove it; noncharacters are not text and cannot appear in SVG or HTML",
        ))
    } else if matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}') {
        Some((
            "bidirectional control",
            c,
            "remove it; each text is laid out in the direction of its own letters, and an override would make it read reversed",
        ))
    } else {
        None
    }
}

/// The plural of a kind of id in a hint: "parties", "layers", "services".
fn plural_of(what: &str) -> String {
    match what.strip_suffix('y') {
        Some(stem) => format!("{stem}ies"),
        None => format!("{what}s"),
    }
}
