//! A model in another language: the texts of a translation file put in place of the model's,
//! each checked like model text, every id resolved against the model, every list the length of
//! the model's. Names of sources stay as published (a page's real title is not translated).

use super::*;
use crate::load::read::{RawTranslation, Texts};

/// The model `m` with the texts of `t`, as the model `<id>-<lang>` in language `lang`; or
/// every error found in the translation.
pub fn translate(
    m: &Model,
    t: &RawTranslation,
    limits: &Limits,
) -> Result<Warned<Model>, Vec<Diagnostic>> {
    let mut v = Validator {
        diags: Vec::new(),
        limits: *limits,
    };
    let mut out = m.clone();
    v.translate_into(&mut out, m, t);
    if v.diags.iter().any(Diagnostic::is_error) {
        return Err(v.diags);
    }
    Ok(Warned {
        value: out,
        warnings: v.diags,
    })
}

/// Whether `s` is a language tag a translation file may name: `fr`, `pt-BR`, `zh-Hant`.
pub fn is_lang(s: &str) -> bool {
    let mut parts = s.split('-');
    let first = parts.next().unwrap_or_default();
    (2..=3).contains(&first.len())
        && first.chars().all(|c| c.is_ascii_lowercase())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

fn ids<'a>(what: &'static str, list: &'static str, ids: impl Iterator<Item = &'a Slug>) -> Ids<'a> {
    Ids {
        what,
        list,
        ids: ids.map(Slug::as_str).collect(),
    }
}

impl Validator {
    fn translate_into(&mut self, out: &mut Model, m: &Model, t: &RawTranslation) {
        if t.lang.pos.is_known() && !is_lang(&t.lang.value) {
            self.error(
                t.lang.pos,
                "lang",
                format!("`{}` is not a language tag", t.lang.value),
                "write a BCP 47 tag such as `fr`, `de` or `pt-BR`",
            );
        }
        out.lang = t.lang.value.clone();
        if let Ok(id) = Slug::parse(&format!("{}-{}", m.id, t.lang.value.to_lowercase())) {
            out.id = id;
        }
        for (key, text) in &t.top {
            let value = self.text(text, key);
            match *key {
                "title" => out.title = value,
                "subtitle" => out.subtitle = Some(value),
                "summary" => out.summary = Some(value),
                "axis" => {
                    out.axis_lower = value.to_lowercase();
                    out.axis = value;
                }
                "follows" => out.follows = Some(value),
                _ => out.analogy = Some(value),
            }
        }
        if let Some(list) = &t.objectives {
            out.objectives = self.texts(Some(list.as_slice()), "objectives");
        }
        if let Some(list) = &t.assurance {
            let texts = self.texts(Some(list.as_slice()), "assurance");
            if self.same_length(texts.len(), m.assurance.len(), list.first(), "assurance") {
                out.assurance = texts;
            }
        }
        self.translate_parties(out, m, t);
        self.translate_layers(out, m, t);
        self.translate_services(out, m, t);
        self.translate_duties(out, m, t);
        self.translate_questions(out, m, t);
    }

    /// Whether a translated list has the model's length; an error at `at` when not.
    fn same_length(
        &mut self,
        got: usize,
        want: usize,
        at: Option<&At<String>>,
        field: &str,
    ) -> bool {
        if got == want {
            return true;
        }
        self.error(
            at.map_or(Pos::UNKNOWN, |a| a.pos),
            field,
            format!("the model has {want} entries here, the translation {got}"),
            "translate each entry of the model's list, in the model's order",
        );
        false
    }

    fn field(&mut self, texts: &Texts, name: &str, path: &str) -> Option<String> {
        texts
            .get(name)
            .map(|t| self.text(t, &format!("{path}.{name}")))
    }

    fn translate_parties(&mut self, out: &mut Model, m: &Model, t: &RawTranslation) {
        let party_ids = ids("party", "parties", m.parties.iter().map(|p| &p.id));
        for (id, texts) in &t.parties {
            let path = format!("parties.{}", id.value);
            let Some(i) = self.resolve(&party_ids, id, &path) else {
                continue;
            };
            let p = &mut out.parties[i];
            if let Some(v) = self.field(texts, "label", &path) {
                p.in_sentence = v.clone();
                p.label = v;
            }
            if let Some(v) = self.field(texts, "in_sentence", &path) {
                p.in_sentence = v;
            }
            if let Some(v) = self.field(texts, "tagline", &path) {
                p.tagline = Some(v);
            }
        }
        for (key, name) in &t.classes {
            let text = self.text(name, &format!("classes.{}", key.value));
            match key.value.as_str() {
                "shared" => out.classes.shared = Some(text),
                "varies" => out.classes.varies = Some(text),
                other => match party_ids.find(other) {
                    Some(i) => out.classes.party[i] = Some(text),
                    None => {
                        self.resolve(&party_ids, key, "classes");
                    }
                },
            }
        }
    }

    fn translate_layers(&mut self, out: &mut Model, m: &Model, t: &RawTranslation) {
        let layer_ids = ids("layer", "layers", m.layers.iter().map(|l| &l.id));
        for (id, texts) in &t.layers {
            let path = format!("layers.{}", id.value);
            let Some(i) = self.resolve(&layer_ids, id, &path) else {
                continue;
            };
            if let Some(v) = self.field(texts, "label", &path) {
                out.layers[i].in_sentence = crate::model::in_sentence(&v);
                out.layers[i].label = v;
            }
            if let Some(v) = self.field(texts, "in_sentence", &path) {
                out.layers[i].in_sentence = v;
            }
            if let Some(v) = self.field(texts, "description", &path) {
                out.layers[i].description = Some(v);
            }
            if let Some(items) = &texts.items {
                let got = self.texts(Some(items.as_slice()), &format!("{path}.items"));
                if self.same_length(got.len(), m.layers[i].items.len(), items.first(), &path) {
                    out.layers[i].items = got;
                }
            }
            if let Some(v) = self.field(texts, "note", &path) {
                // The row's note is also the note of every cell that kept it.
                let old = m.layers[i].info.note.clone();
                for s in &mut out.services {
                    if s.info[i].note.is_some() && s.info[i].note == old {
                        s.info[i].note = Some(v.clone());
                    }
                }
                out.layers[i].info.note = Some(v);
            }
        }
    }

    fn translate_services(&mut self, out: &mut Model, m: &Model, t: &RawTranslation) {
        let service_ids = ids("service", "services", m.services.iter().map(|s| &s.id));
        let layer_ids = ids("layer", "layers", m.layers.iter().map(|l| &l.id));
        for (id, texts) in &t.services {
            let path = format!("services.{}", id.value);
            let Some(i) = self.resolve(&service_ids, id, &path) else {
                continue;
            };
            if let Some(v) = self.field(texts, "label", &path) {
                out.services[i].label = v;
            }
            if let Some(v) = self.field(texts, "category", &path) {
                out.services[i].category = Some(v);
            }
            if let Some(v) = self.field(texts, "notes", &path) {
                out.services[i].notes = Some(v);
            }
            for (layer, note) in &texts.cells {
                let at = format!("{path}.cells.{}", layer.value);
                let Some(l) = self.resolve(&layer_ids, layer, &at) else {
                    continue;
                };
                let text = self.text(note, &at);
                if m.services[i].info[l].note.is_none() {
                    self.error(
                        note.pos,
                        at,
                        "the model gives this cell no note to translate",
                        "translate only the notes the model has",
                    );
                    continue;
                }
                out.services[i].info[l].note = Some(text);
            }
        }
    }

    fn translate_duties(&mut self, out: &mut Model, m: &Model, t: &RawTranslation) {
        let party_ids = ids("party", "parties", m.parties.iter().map(|p| &p.id));
        for (party, texts) in &t.duties {
            let path = format!("duties.{}", party.value);
            let Some(p) = self.resolve(&party_ids, party, &path) else {
                continue;
            };
            let got = self.texts(Some(texts.as_slice()), &path);
            let mine: Vec<usize> = (0..m.duties.len())
                .filter(|d| m.duties[*d].party.0 == p)
                .collect();
            if self.same_length(got.len(), mine.len(), texts.first().or(Some(party)), &path) {
                for (d, text) in mine.into_iter().zip(got) {
                    out.duties[d].text = text;
                }
            }
        }
    }

    fn translate_questions(&mut self, out: &mut Model, m: &Model, t: &RawTranslation) {
        let Some(list) = &t.questions else {
            return;
        };
        let at = list.first().map(|q| &q.stem);
        if !self.same_length(list.len(), m.questions.len(), at, "quiz.questions") {
            return;
        }
        for (i, raw) in list.iter().enumerate() {
            let field = format!("quiz.questions[{i}]");
            let Some(q) = self.question(raw, &field) else {
                continue;
            };
            if q.answer != m.questions[i].answer || q.options.len() != m.questions[i].options.len()
            {
                self.error(
                    raw.answer.pos,
                    format!("{field}.answer"),
                    "the right option is not the one the model names",
                    "keep the model's options in the model's order, translated",
                );
                continue;
            }
            out.questions[i] = q;
        }
    }
}

/// The texts of `m` that translation `t` leaves in the model's language, as field paths
/// (`layers.guest-os.description`), in model order. Sources' titles are not listed: they
/// stay as published.
pub fn untranslated(m: &Model, t: &RawTranslation) -> Vec<String> {
    let mut out = Vec::new();
    let top = |k: &str| t.top.iter().any(|(key, _)| *key == k);
    let optional = [
        ("title", true),
        ("subtitle", m.subtitle.is_some()),
        ("summary", m.summary.is_some()),
        ("axis", true),
        ("follows", m.follows.is_some()),
        ("analogy", m.analogy.is_some()),
    ];
    out.extend(
        optional
            .iter()
            .filter(|(k, has)| *has && !top(k))
            .map(|(k, _)| k.to_string()),
    );
    if !m.objectives.is_empty() && t.objectives.is_none() {
        out.push("objectives".into());
    }
    if !m.assurance.is_empty() && t.assurance.is_none() {
        out.push("assurance".into());
    }
    let given = |list: &[(At<String>, Texts)], id: &Slug| -> Option<Texts> {
        list.iter()
            .find(|(k, _)| k.value == id.as_str())
            .map(|(_, v)| v.clone())
    };
    for p in &m.parties {
        let g = given(&t.parties, &p.id);
        let path = format!("parties.{}", p.id);
        need(&mut out, &path, true, &g, "label");
        need(&mut out, &path, p.tagline.is_some(), &g, "tagline");
    }
    for l in &m.layers {
        let g = given(&t.layers, &l.id);
        let path = format!("layers.{}", l.id);
        need(&mut out, &path, true, &g, "label");
        need(&mut out, &path, l.description.is_some(), &g, "description");
        need(&mut out, &path, l.info.note.is_some(), &g, "note");
        if !l.items.is_empty() && g.as_ref().is_none_or(|x| x.items.is_none()) {
            out.push(format!("{path}.items"));
        }
    }
    for s in &m.services {
        let g = given(&t.services, &s.id);
        let path = format!("services.{}", s.id);
        need(&mut out, &path, true, &g, "label");
        need(&mut out, &path, s.category.is_some(), &g, "category");
        need(&mut out, &path, s.notes.is_some(), &g, "notes");
        for (l, layer) in m.layers.iter().enumerate() {
            let own = s.info[l].note.is_some() && s.info[l].note != layer.info.note;
            let done = g
                .as_ref()
                .is_some_and(|x| x.cells.iter().any(|(k, _)| k.value == layer.id.as_str()));
            if own && !done {
                out.push(format!("{path}.cells.{}", layer.id));
            }
        }
    }
    for p in &m.parties {
        let has = m.duties.iter().any(|d| m.parties[d.party.0].id == p.id);
        if has && !t.duties.iter().any(|(k, _)| k.value == p.id.as_str()) {
            out.push(format!("duties.{}", p.id));
        }
    }
    if !m.questions.is_empty() && t.questions.is_none() {
        out.push("quiz.questions".into());
    }
    out
}

/// Lists `path.field` in `out` when the model has the field (`has`) and `texts` do not give it.
fn need(out: &mut Vec<String>, path: &str, has: bool, texts: &Option<Texts>, field: &str) {
    if has && texts.as_ref().is_none_or(|x| x.get(field).is_none()) {
        out.push(format!("{path}.{field}"));
    }
}
