//! Breaks runs of text into lines of a given width, measured with the bundled font as usvg
//! will draw it.

use super::blocks::{Run, Style};

/// A stretch of one line in one style: where it starts and what it says.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Seg {
    pub(super) x: f32,
    pub(super) width: f32,
    pub(super) text: String,
    pub(super) style: Style,
    pub(super) link: Option<String>,
}

/// The width of `text` in `style` at `size` px.
pub(super) fn measure(text: &str, style: Style, size: f32) -> f32 {
    crate::fonts::width(text, f64::from(size), style.bold) as f32
}

/// A word with the spaces after it, the smallest piece a line is broken between.
struct Piece<'a> {
    word: &'a str,
    space: &'a str,
    style: Style,
    link: Option<&'a str>,
}

fn pieces(runs: &[Run]) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    for run in runs {
        let mut rest = run.text.as_str();
        while !rest.is_empty() {
            let word_end = rest.find(' ').unwrap_or(rest.len());
            let space_end = rest[word_end..]
                .find(|c| c != ' ')
                .map_or(rest.len(), |i| word_end + i);
            out.push(Piece {
                word: &rest[..word_end],
                space: &rest[word_end..space_end],
                style: run.style,
                link: run.link.as_deref(),
            });
            rest = &rest[space_end..];
        }
    }
    out
}

/// Splits a word wider than `width` into pieces that fit (an address, a long identifier).
fn split_word(word: &str, style: Style, size: f32, width: f32) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in word.chars() {
        cur.push(c);
        if measure(&cur, style, size) > width && cur.chars().count() > 1 {
            cur.pop();
            out.push(std::mem::take(&mut cur));
            cur.push(c);
        }
    }
    out.push(cur);
    out
}

/// The lines of `runs` set at `size` px in `width` px, each a list of segments from x = 0.
pub(super) fn break_lines(runs: &[Run], size: f32, width: f32) -> Vec<Vec<Seg>> {
    let mut lines: Vec<Vec<Seg>> = vec![Vec::new()];
    let mut x = 0.0;
    for p in pieces(runs) {
        let w = measure(p.word, p.style, size);
        let sp = if p.space.is_empty() {
            0.0
        } else {
            measure(p.space, p.style, size)
        };
        let words = if w > width {
            split_word(p.word, p.style, size, width)
        } else {
            vec![p.word.to_string()]
        };
        let last = words.len() - 1;
        for (i, word) in words.into_iter().enumerate() {
            let w = if last == 0 {
                w
            } else {
                measure(&word, p.style, size)
            };
            if x + w > width + 0.01 && x > 0.0 {
                lines.push(Vec::new());
                x = 0.0;
            }
            let space = if i == last { p.space } else { "" };
            let seg_w = w + if i == last { sp } else { 0.0 };
            push(
                lines.last_mut().expect("one line at least"),
                Seg {
                    x,
                    width: seg_w,
                    text: format!("{word}{space}"),
                    style: p.style,
                    link: p.link.map(str::to_string),
                },
            );
            x += seg_w;
        }
    }
    for line in &mut lines {
        if let Some(last) = line.last_mut() {
            let trimmed = last.text.trim_end().len();
            if trimmed < last.text.len() {
                last.text.truncate(trimmed);
                last.width = measure(&last.text, last.style, size);
            }
        }
    }
    lines.retain(|l| !l.is_empty());
    lines
}

/// Adds `seg` to `line`, joining it to the segment before when both are set alike.
fn push(line: &mut Vec<Seg>, seg: Seg) {
    match line.last_mut() {
        Some(prev) if prev.style == seg.style && prev.link == seg.link => {
            prev.text.push_str(&seg.text);
            prev.width += seg.width;
        }
        _ => line.push(seg),
    }
}

/// The width of the longest word of `runs` and the width of all of it on one line.
pub(super) fn min_max(runs: &[Run], size: f32) -> (f32, f32) {
    let mut min: f32 = 0.0;
    let mut max = 0.0;
    for p in pieces(runs) {
        let w = measure(p.word, p.style, size);
        min = min.max(w);
        max += w + measure(p.space, p.style, size);
    }
    (min, max)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Run {
        Run {
            text: text.into(),
            style: Style::default(),
            link: None,
        }
    }

    #[test]
    fn every_line_fits_and_no_word_is_lost() {
        let text = "Security of the cloud and security in the cloud: the line moves with the service, and a verylongaddresswithoutanyspaceatallthatmustbesplit";
        for width in [60.0, 120.0, 300.0, 2000.0] {
            let lines = break_lines(&[run(text)], 14.0, width);
            for l in &lines {
                let end = l.last().map_or(0.0, |s| s.x + s.width);
                assert!(end <= width + 0.5, "{end} > {width}: {l:?}");
            }
            let joined: String = lines
                .iter()
                .flat_map(|l| l.iter().map(|s| s.text.as_str()))
                .collect::<Vec<_>>()
                .join("");
            assert_eq!(joined.replace(' ', ""), text.replace(' ', ""));
        }
        assert_eq!(break_lines(&[run(text)], 14.0, 2000.0).len(), 1);
    }
}
