//! Wrapping text to a width, measured with the bundled font: break at spaces, shrink down to a
//! floor size only when wrapping is not enough, and break a word that is wider than the box.

use crate::fonts;

/// Text wrapped into lines that each fit the width it was wrapped for.
#[derive(Debug, Clone, PartialEq)]
pub struct Wrapped {
    pub lines: Vec<String>,
    pub size: f64,
    pub bold: bool,
    /// The widest line's width.
    pub width: f64,
}

impl Wrapped {
    pub fn line_height(&self) -> f64 {
        (self.size * 1.25).round()
    }

    pub fn height(&self) -> f64 {
        self.line_height() * self.lines.len() as f64
    }
}

/// What to wrap and how far it may shrink.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub size: f64,
    pub min_size: f64,
    pub bold: bool,
    /// More lines than this makes the text shrink (down to `min_size`).
    pub max_lines: usize,
}

impl Style {
    pub const fn new(size: f64, min_size: f64, bold: bool, max_lines: usize) -> Style {
        Style {
            size,
            min_size,
            bold,
            max_lines,
        }
    }
}

/// Wraps `text` into `max_width`.
pub fn wrap(text: &str, max_width: f64, style: Style) -> Wrapped {
    let mut size = style.size;
    loop {
        let lines = wrap_at(text, max_width, size, style.bold);
        if lines.len() <= style.max_lines || size <= style.min_size {
            let width = lines
                .iter()
                .map(|l| fonts::width(l, size, style.bold))
                .fold(0.0, f64::max);
            return Wrapped {
                lines,
                size,
                bold: style.bold,
                width,
            };
        }
        size = (size - 1.0).max(style.min_size);
    }
}

fn wrap_at(text: &str, max_width: f64, size: f64, bold: bool) -> Vec<String> {
    let fits = |s: &str| fonts::width(s, size, bold) <= max_width;
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if fits(&candidate) {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            if fits(word) {
                line = word.to_string();
            } else {
                let mut pieces = break_word(word, &fits);
                line = pieces.pop().unwrap_or_default();
                lines.extend(pieces);
            }
        }
        if !line.is_empty() || lines.is_empty() {
            lines.push(line);
        }
    }
    lines
}

/// Splits a word wider than the box into pieces that fit (at least one character each).
fn break_word(word: &str, fits: &impl Fn(&str) -> bool) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut piece = String::new();
    for c in word.chars() {
        piece.push(c);
        if !fits(&piece) && piece.chars().count() > 1 {
            piece.pop();
            pieces.push(std::mem::take(&mut piece));
            piece.push(c);
        }
    }
    pieces.push(piece);
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    const STYLE: Style = Style {
        size: 20.0,
        min_size: 12.0,
        bold: false,
        max_lines: 3,
    };

    #[test]
    fn every_line_fits() {
        let text = "Client-side data encryption and data integrity authentication";
        let w = wrap(text, 200.0, STYLE);
        assert!(w.lines.len() > 1);
        for l in &w.lines {
            assert!(fonts::width(l, w.size, false) <= 200.0, "{l}");
        }
        assert_eq!(w.lines.join(" "), text);
    }

    #[test]
    fn long_words_are_broken_and_text_shrinks() {
        let word = "x".repeat(60);
        let w = wrap(&word, 100.0, STYLE);
        assert!(w.lines.len() > 1);
        assert_eq!(w.lines.concat(), word);
        assert!(w.width <= 100.0);
        let long = "word ".repeat(40);
        let w = wrap(&long, 150.0, STYLE);
        assert_eq!(w.size, 12.0);
    }
}
