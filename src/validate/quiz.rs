//! The author's part of the quiz: its length and questions, each checked.

use super::*;

/// The most questions a handout asks.
pub const MAX_QUIZ: usize = 100;
/// The number of questions when the model does not say.
pub const DEFAULT_QUIZ: usize = 10;

impl Validator {
    /// The quiz's length and the author's questions.
    pub(super) fn quiz(&mut self, raw: Option<&RawQuiz>) -> (usize, Vec<AuthorQuestion>) {
        let Some(raw) = raw else {
            return (DEFAULT_QUIZ, Vec::new());
        };
        let length = match &raw.length {
            None => DEFAULT_QUIZ,
            Some(n) => match usize::try_from(n.value) {
                Ok(n) if n <= MAX_QUIZ => n,
                _ => {
                    self.error(
                        n.pos,
                        "quiz.length",
                        format!("a quiz has 0 to {MAX_QUIZ} questions, not {}", n.value),
                        "give a number from 0 (no quiz) to 100",
                    );
                    DEFAULT_QUIZ
                }
            },
        };
        let questions = raw
            .questions
            .iter()
            .flatten()
            .enumerate()
            .filter_map(|(i, q)| self.question(q, &format!("quiz.questions[{i}]")))
            .collect();
        (length, questions)
    }

    pub(super) fn question(&mut self, q: &RawQuestion, field: &str) -> Option<AuthorQuestion> {
        let stem = self.text(&q.stem, &format!("{field}.stem"));
        let options: Vec<String> = q
            .options
            .iter()
            .enumerate()
            .map(|(i, o)| self.text(o, &format!("{field}.options[{i}]")))
            .collect();
        if !(2..=6).contains(&options.len()) {
            self.error(
                q.pos,
                format!("{field}.options"),
                format!(
                    "a question has 2 to 6 options, this one has {}",
                    options.len()
                ),
                "list the right answer and one to five plausible wrong ones",
            );
            return None;
        }
        for (i, o) in options.iter().enumerate() {
            if options[..i].contains(o) {
                self.error(
                    q.options[i].pos,
                    format!("{field}.options[{i}]"),
                    format!("option `{o}` is listed twice"),
                    "give each option once",
                );
            }
        }
        let answer = options.iter().position(|o| *o == q.answer.value);
        if answer.is_none() && q.answer.pos.is_known() {
            let near = did_you_mean(&q.answer.value, options.iter().map(String::as_str));
            self.error(
                q.answer.pos,
                format!("{field}.answer"),
                format!("the answer `{}` is not one of the options", q.answer.value),
                match near {
                    Some(n) => format!("did you mean `{n}`?"),
                    None => "write the answer exactly as one of the options".into(),
                },
            );
        }
        Some(AuthorQuestion {
            stem,
            options,
            answer: answer?,
            explanation: q
                .explanation
                .as_ref()
                .map(|e| self.text(e, &format!("{field}.explanation"))),
        })
    }
}
