//! Wrapping text to a width, measured with the bundled font: break at spaces, shrink down to a
//! floor size only when wrapping is not enough, and break a word that is wider than the box.

use std::cell::RefCell;
use std::collections::HashMap;

use crate::fonts;

/// Text wrapped into lines that each fit the width it was wrapped for.
#[derive(Debug, Clone, PartialEq)]
pub struct Wrapped {
    /// The lines, each within the width it was wrapped to.
    pub lines: Vec<String>,
    /// The font size the text fitted at.
    pub size: f64,
    /// Whether the text is bold.
    pub bold: bool,
    /// The widest line's width.
    pub width: f64,
}

impl Wrapped {
    /// The distance between two baselines.
    pub fn line_height(&self) -> f64 {
        (self.size * 1.25).round()
    }

    /// The height of all the lines.
    pub fn height(&self) -> f64 {
        self.line_height() * self.lines.len() as f64
    }
}

/// What to wrap and how far it may shrink.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    /// The preferred font size.
    pub size: f64,
    /// The smallest font size the text may shrink to before it wraps onto more lines.
    pub min_size: f64,
    /// Whether the text is bold.
    pub bold: bool,
    /// More lines than this makes the text shrink (down to `min_size`).
    pub max_lines: usize,
}

impl Style {
    /// A style: `size` shrinking to `min_size`, on at most `max_lines` lines before it wraps further.
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
                .map(|l| measure(l, size, style.bold))
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

thread_local! {
    /// Advance widths at a font size of 1, by face and text: shaping dominates layout time,
    /// and wrapping measures the same words at several sizes.
    static UNIT_WIDTHS: RefCell<HashMap<(bool, String), f64>> = RefCell::new(HashMap::new());
}

/// The width of `text` at `size`, shaped once per process and face.
pub fn measure(text: &str, size: f64, bold: bool) -> f64 {
    let unit = UNIT_WIDTHS.with(|cache| {
        if let Some(w) = cache.borrow().get(&(bold, text.to_string())) {
            return *w;
        }
        let w = fonts::width(text, 1.0, bold);
        cache.borrow_mut().insert((bold, text.to_string()), w);
        w
    });
    unit * size
}

/// Greedy wrapping. Lines are built from measured word widths (fast), then each line is
/// measured whole; a paragraph whose whole lines do not fit (kerning across a space) is wrapped
/// again measuring every candidate line whole.
fn wrap_at(text: &str, max_width: f64, size: f64, bold: bool) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let quick = wrap_paragraph(paragraph, max_width, size, bold, true);
        let mut wrapped = if quick.iter().all(|l| measure(l, size, bold) <= max_width) {
            quick
        } else {
            wrap_paragraph(paragraph, max_width, size, bold, false)
        };
        no_orphan(&mut wrapped, &|l: &str| measure(l, size, bold) <= max_width);
        lines.extend(wrapped);
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

fn wrap_paragraph(
    paragraph: &str,
    max_width: f64,
    size: f64,
    bold: bool,
    quick: bool,
) -> Vec<String> {
    let space = measure(" ", size, bold);
    let fits = |s: &str| measure(s, size, bold) <= max_width;
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_w = 0.0;
    for word in paragraph.split_whitespace() {
        let word_w = measure(word, size, bold);
        let candidate_fits = if line.is_empty() {
            word_w <= max_width
        } else if quick {
            line_w + space + word_w <= max_width
        } else {
            fits(&format!("{line} {word}"))
        };
        if candidate_fits {
            if !line.is_empty() {
                line.push(' ');
                line_w += space;
            }
            line.push_str(word);
            line_w += word_w;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if word_w <= max_width {
            line = word.to_string();
            line_w = word_w;
        } else {
            let mut pieces = break_word(word, &fits);
            line = pieces.pop().unwrap_or_default();
            line_w = measure(&line, size, bold);
            lines.extend(pieces);
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Keeps a paragraph from ending on one lone word ("Shared: Customer +" / "AWS"): the word
/// before it moves down when the two fit on a line and the line above keeps a word.
fn no_orphan(lines: &mut [String], fits: &impl Fn(&str) -> bool) {
    let [.., above, last] = lines else {
        return;
    };
    if last.contains(' ') {
        return;
    }
    let Some((rest, word)) = above.rsplit_once(' ') else {
        return;
    };
    let joined = format!("{word} {last}");
    if !fits(&joined) {
        return;
    }
    // A line does not start with a lone sign such as `+` or `&`: its word comes along.
    let (rest, joined) = match rest.rsplit_once(' ') {
        Some((before, prev)) if !word.chars().any(char::is_alphanumeric) => {
            let longer = format!("{prev} {joined}");
            if fits(&longer) {
                (before, longer)
            } else {
                (rest, joined)
            }
        }
        _ => (rest, joined),
    };
    *above = rest.to_string();
    *last = joined;
}

/// Splits a word wider than the box into pieces that fit (at least one character each),
/// finding each piece's length by bisection.
fn break_word(word: &str, fits: &impl Fn(&str) -> bool) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    let mut pieces = Vec::new();
    let mut start = 0;
    while start < chars.len() {
        let (mut lo, mut hi) = (start + 1, chars.len());
        while lo < hi {
            let mid = (lo + hi).div_ceil(2);
            if fits(&chars[start..mid].iter().collect::<String>()) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        pieces.push(chars[start..lo].iter().collect());
        start = lo;
    }
    pieces
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_paragraph_never_ends_on_one_lone_word_when_two_fit() {
        let style = Style::new(17.0, 17.0, true, 3);
        let plain = wrap("Shared: Customer + AWS", 200.0, style);
        assert_eq!(
            plain.lines,
            ["Shared:", "Customer + AWS"],
            "{:?}",
            plain.lines
        );
        let one_word = wrap("Antidisestablishmentarianism", 60.0, style);
        assert!(one_word.lines.len() > 1, "a broken word stays broken");
        let fits = wrap("Shared: Customer + AWS", 2000.0, style);
        assert_eq!(fits.lines.len(), 1);
    }

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
