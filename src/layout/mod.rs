//! Layout: model + bundled font → scenes. Every coordinate is computed here; templates only
//! place what was measured. [`scene`] is the contract with the templates; [`paint`] and
//! [`grid`] are the helpers the pictures share.

mod boxes;
pub mod coverage;
pub mod grid;
pub mod matrix;
mod matrix_words;
pub mod pages;
pub mod paint;
mod rail;
pub mod scene;
pub mod shift;
pub mod stack;
pub mod text;

pub use paint::{Paint, Palette, filled_text, halo_for, split_box};
pub use scene::{
    Anchor, Bounds, CAP_HEIGHT, Class, Dash, LEGIBLE_PX, Line, Pattern, Rect, SLIDE_AREA, Scene,
    Text, TextLine, r,
};

use crate::model::Model;

/// The `{axis}` and `{axis_lower}` placeholders of a model.
pub fn axis(model: &Model) -> [(&'static str, &str); 2] {
    [
        ("axis", model.axis.as_str()),
        ("axis_lower", model.axis_lower.as_str()),
    ]
}
