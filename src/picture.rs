//! The kinds of picture a model has, and what each needs: its file stem, template, layout and
//! description. Adding a kind of picture starts here.

use crate::layout::{self, Scene};
use crate::model::{Model, PictureKind, ServiceIx};
use crate::theme::Theme;
use crate::words::Words;

/// One picture of a model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Picture {
    /// The layered stack: of one service (a column), or of the model's default owners.
    Stack(Option<ServiceIx>),
    /// Layers × services, one cell per owner.
    Matrix,
    /// The line between the parties, moving across the services.
    Shift,
    /// Per group of layers, how many cells each party owns.
    Coverage,
}

impl Picture {
    /// Every picture `model` wants, in the order they are listed: stack, one stack per service,
    /// matrix, shift (see [`Model::pictures`]).
    pub fn all(model: &Model) -> Vec<Picture> {
        let mut all = Vec::new();
        if model.wants(PictureKind::Stack) {
            all.push(Picture::Stack(None));
            all.extend(model.service_ixs().map(|s| Picture::Stack(Some(s))));
        }
        if model.wants(PictureKind::Matrix) {
            all.push(Picture::Matrix);
        }
        if model.wants(PictureKind::Shift) {
            all.push(Picture::Shift);
        }
        if model.wants(PictureKind::Coverage) {
            all.push(Picture::Coverage);
        }
        all
    }

    /// The file stem: `stack`, `stack-<service id>`, `matrix`, `shift` or `coverage`.
    pub fn name(self, model: &Model) -> String {
        match self {
            Picture::Stack(None) => "stack".to_string(),
            Picture::Stack(Some(s)) => format!("stack-{}", model.service(s).id),
            Picture::Matrix => "matrix".to_string(),
            Picture::Shift => "shift".to_string(),
            Picture::Coverage => "coverage".to_string(),
        }
    }

    /// The picture of `model` whose file stem is `name`.
    pub fn parse(name: &str, model: &Model) -> Option<Picture> {
        Picture::all(model)
            .into_iter()
            .find(|p| p.name(model) == name)
    }

    /// The SVG template that draws it.
    pub fn template(self) -> &'static str {
        match self {
            Picture::Stack(_) => "stack.svg",
            Picture::Matrix => "matrix.svg",
            Picture::Shift => "shift.svg",
            Picture::Coverage => "coverage.svg",
        }
    }

    /// Whether it is presented step by step as slides.
    pub fn has_slides(self) -> bool {
        matches!(self, Picture::Stack(None) | Picture::Shift)
    }

    /// Its scene: every box and line of text placed and measured.
    pub fn layout(self, model: &Model, theme: &Theme, words: &Words) -> Scene {
        match self {
            Picture::Stack(s) => layout::stack::stack(model, s, theme, words),
            Picture::Matrix => layout::matrix::matrix(model, theme, words),
            Picture::Shift => layout::shift::shift(model, theme, words),
            Picture::Coverage => layout::coverage::coverage(model, theme, words),
        }
    }

    /// The split it shows, in sentences (its alt text and SVG description).
    pub fn describe(self, model: &Model, words: &Words) -> String {
        match self {
            Picture::Stack(s) => layout::stack::describe(model, s, words),
            Picture::Matrix => layout::matrix::describe(model, words),
            Picture::Shift => layout::shift::describe(model, words),
            Picture::Coverage => layout::coverage::describe(model, words),
        }
    }
}
