//! The review questions: the author's own first, then multiple-choice questions drawn from the
//! matrix (who secures a cell, where a party first takes a part, whose a duty is, true or
//! false on how the line moves), chosen to cover every row and column and to balance the right
//! answers across the parties. The wording comes from the words file, so it translates.

use serde::Serialize;

mod kinds;

use super::view::SourceView;
use crate::model::{LayerIx, Model, PartyIx, ServiceIx};
use crate::words::Words;
use kinds::{reverse, scenario, step, who};

/// A review question with its choices and the explanation of its answer.
#[derive(Debug, Clone, Serialize)]
pub struct Question {
    /// Its number, from 1.
    pub number: usize,
    /// `author`, `who`, `reverse`, `scenario` or `step`.
    pub kind: &'static str,
    /// The question.
    pub stem: String,
    /// The choices, in a fixed order.
    pub options: Vec<Choice>,
    /// The index of the right choice.
    pub answer: usize,
    /// Why it is right: from the cell, and its note when it has one.
    pub explanation: Option<String>,
    /// The cell's note, when the answer rests on one cell that has a note.
    pub note: Option<String>,
    /// The first source of the cell the answer rests on.
    pub source: Option<SourceView>,
    /// The ids of the layers it asks about.
    pub layers: Vec<String>,
    /// The ids of the columns it asks about.
    pub services: Vec<String>,
    /// The ids of the parties of the right answer, when it names parties.
    pub answer_parties: Vec<String>,
    /// The id of the party the question names (where a party first has a part, or who a
    /// true-or-false statement says takes over).
    pub party: Option<String>,
}

/// One choice of a question.
#[derive(Debug, Clone, Serialize)]
pub struct Choice {
    /// "A", "B", …
    pub letter: char,
    /// What it says.
    pub text: String,
}

/// A question before it is numbered and lettered.
pub(super) struct Draft {
    pub(super) kind: &'static str,
    pub(super) stem: String,
    pub(super) options: Vec<String>,
    pub(super) answer: usize,
    pub(super) explanation: Option<String>,
    pub(super) note: Option<String>,
    pub(super) source: Option<usize>,
    pub(super) layers: Vec<LayerIx>,
    pub(super) services: Vec<ServiceIx>,
    pub(super) answer_parties: Vec<PartyIx>,
    pub(super) party: Option<PartyIx>,
}

/// The order of the kinds drawn from the matrix: mostly "who", with the other kinds between.
const ROTATION: [&str; 6] = ["who", "reverse", "who", "scenario", "who", "step"];

/// The most choices a drawn question offers.
pub(super) const MAX_CHOICES: usize = 4;

/// The quiz of `m`: the author's questions, then drawn ones up to the model's quiz length.
pub(super) fn quiz(m: &Model, w: &Words) -> Vec<Question> {
    if m.quiz_length == 0 {
        return Vec::new();
    }
    let mut drafts: Vec<Draft> = m
        .questions
        .iter()
        .map(|q| Draft {
            kind: "author",
            stem: q.stem.clone(),
            options: q.options.clone(),
            answer: q.answer,
            explanation: q.explanation.clone(),
            note: None,
            source: None,
            layers: Vec::new(),
            services: Vec::new(),
            answer_parties: Vec::new(),
            party: None,
        })
        .collect();
    let pool = [who(m, w), reverse(m, w), scenario(m, w), step(m, w)];
    let kinds = ["who", "reverse", "scenario", "step"];
    let mut pools: Vec<Vec<Draft>> = pool.into_iter().collect();
    let wanted = m.quiz_length.saturating_sub(drafts.len());
    let mut chosen: Vec<Draft> = Vec::new();
    for slot in 0..wanted {
        let kind = ROTATION[slot % ROTATION.len()];
        let k = kinds.iter().position(|x| *x == kind).unwrap_or(0);
        let order = std::iter::once(k).chain(0..pools.len());
        let Some((pi, ci)) = order
            .filter_map(|pi| best(&pools[pi], &chosen, m.quiz_length).map(|ci| (pi, ci)))
            .next()
        else {
            break;
        };
        chosen.push(pools[pi].remove(ci));
    }
    // When the pools ran dry before the quiz was full, the first party may be the answer of
    // more than half of a shorter quiz: drop its latest questions until it is not.
    let first = |d: &Draft| d.answer_parties == [PartyIx(0)];
    while 2 * chosen.iter().filter(|d| first(d)).count() > drafts.len() + chosen.len() {
        let Some(last) = chosen.iter().rposition(first) else {
            break;
        };
        chosen.remove(last);
    }
    drafts.extend(chosen);
    drafts
        .into_iter()
        .enumerate()
        .map(|(i, d)| finish(m, i, d))
        .collect()
}

fn finish(m: &Model, i: usize, d: Draft) -> Question {
    let source = d.source.map(|s| {
        let s = &m.sources[s];
        SourceView {
            title: s.title.clone(),
            url: s.url.clone(),
            retrieved: s.retrieved.clone(),
        }
    });
    Question {
        number: i + 1,
        kind: d.kind,
        // A stem may start with a layer written as in a sentence: it starts a sentence here.
        stem: capitalise(&d.stem),
        options: d
            .options
            .into_iter()
            .zip('A'..='Z')
            .map(|(text, letter)| Choice { letter, text })
            .collect(),
        answer: d.answer,
        explanation: d.explanation,
        note: d.note,
        source,
        layers: d
            .layers
            .iter()
            .map(|l| m.layer(*l).id.to_string())
            .collect(),
        services: d
            .services
            .iter()
            .map(|s| m.service(*s).id.to_string())
            .collect(),
        answer_parties: d
            .answer_parties
            .iter()
            .map(|p| m.party(*p).id.to_string())
            .collect(),
        party: d.party.map(|p| m.party(p).id.to_string()),
    }
}

/// The candidate of `pool` that teaches most next to `chosen`: new rows first, then new
/// columns, then an answer given least so far; never one that would make the first party the
/// answer of more than half the quiz, nor a question already asked.
fn best(pool: &[Draft], chosen: &[Draft], length: usize) -> Option<usize> {
    let asked = |d: &Draft| {
        chosen
            .iter()
            .any(|c| c.kind == d.kind && c.layers == d.layers && c.services == d.services)
    };
    let first = PartyIx(0);
    let firsts = chosen
        .iter()
        .filter(|c| c.answer_parties == [first])
        .count();
    let score = |d: &Draft| -> i64 {
        let new_rows = d
            .layers
            .iter()
            .filter(|l| !chosen.iter().any(|c| c.layers.contains(l)))
            .count() as i64;
        let new_cols = d
            .services
            .iter()
            .filter(|s| !chosen.iter().any(|c| c.services.contains(s)))
            .count() as i64;
        let same_answer = chosen
            .iter()
            .filter(|c| !d.answer_parties.is_empty() && c.answer_parties == d.answer_parties)
            .count() as i64;
        4 * new_rows.min(1) + 2 * new_cols.min(1) - same_answer
    };
    pool.iter()
        .enumerate()
        .filter(|(_, d)| !asked(d))
        .filter(|(_, d)| d.answer_parties != [first] || 2 * (firsts + 1) <= length)
        .max_by_key(|(i, d)| (score(d), std::cmp::Reverse(*i)))
        .map(|(i, _)| i)
}

/// `s` with its first letter in upper case, for a sentence that starts with a model's text.
pub(super) fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
