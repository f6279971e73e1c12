//! Diagnostics: what went wrong (or looks wrong) in an input, where, and how to fix it.
//!
//! A [`Diagnostic`] carries a severity, a one-line message, an optional source position
//! (file, line, column, and the field path such as `layers[3].owner`) and optional hints.
//! Stages collect many of them so that one run reports every problem it can find.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Blocks the build.
    Error,
    /// Reported by `lint`; the build goes on.
    Warning,
}

/// A 1-based line and column (columns count characters, not bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, serde::Serialize)]
pub struct Pos {
    /// 1-based line; 0 when unknown.
    pub line: u32,
    /// 1-based column, in characters; 0 when unknown.
    pub column: u32,
}

impl Pos {
    /// No position: the diagnostic is about a whole file or run.
    pub const UNKNOWN: Pos = Pos { line: 0, column: 0 };

    /// The position of byte `offset` in `text` (clamped to its length and to a character
    /// boundary).
    pub fn at_offset(text: &str, offset: usize) -> Pos {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &text[..offset];
        let line = before.matches('\n').count() as u32 + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u32 + 1;
        Pos { line, column }
    }

    /// Whether the position names a line.
    pub fn is_known(self) -> bool {
        self.line > 0
    }
}

/// A value that passed its checks, with the warnings found on the way.
#[derive(Debug, Clone)]
pub struct Warned<T> {
    /// The value that passed.
    pub value: T,
    /// What looked wrong but does not stop it.
    pub warnings: Vec<Diagnostic>,
}

/// One problem found in one input file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// One line saying what is wrong.
    pub message: String,
    /// The file it is in; empty for a command line or a run.
    pub file: PathBuf,
    /// Where in the file, or [`Pos::UNKNOWN`].
    pub pos: Pos,
    /// The field path in the model, e.g. `layers[3].owner`; empty for the whole document.
    pub field: String,
    /// How to fix it, one per line.
    pub hints: Vec<String>,
    /// Whether a file could not be read or written (exit 3), rather than an input being
    /// invalid (exit 2).
    #[serde(skip)]
    pub io: bool,
}

impl Diagnostic {
    /// An error: the run stops without writing.
    pub fn error(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            file: PathBuf::new(),
            pos: Pos::UNKNOWN,
            field: String::new(),
            hints: Vec::new(),
            io: false,
        }
    }

    /// An error about a file that could not be read or written (exit 3).
    pub fn io_error(message: impl Into<String>) -> Self {
        Diagnostic {
            io: true,
            ..Diagnostic::error(message)
        }
    }

    /// A warning: reported by `lint`, counted by `build`.
    pub fn warning(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(message)
        }
    }

    /// The same diagnostic at `pos`.
    pub fn at(mut self, pos: Pos) -> Self {
        self.pos = pos;
        self
    }

    /// The same diagnostic about the model field `field`, e.g. `layers[3].owner`.
    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = field.into();
        self
    }

    /// The same diagnostic with one more hint.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }

    /// The same diagnostic in `file`.
    pub fn in_file(mut self, file: &Path) -> Self {
        self.file = file.to_path_buf();
        self
    }

    /// Whether it stops the run.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The diagnostic as one line of JSON: severity, message, file, line, column (0 when
    /// unknown), field and hints.
    pub fn to_json(&self) -> String {
        serde_json::json!({
            "severity": self.severity,
            "message": visible(&self.message),
            "file": shown(&self.file),
            "line": self.pos.line,
            "column": self.pos.column,
            "field": visible(&self.field),
            "hints": self.hints.iter().map(|h| visible(h)).collect::<Vec<_>>(),
        })
        .to_string()
    }

    /// Renders the diagnostic like rustc does: header, location, source line with a caret,
    /// then the field and hints. `source` is the text of `self.file`, when it is at hand.
    pub fn render(&self, source: Option<&str>, color: bool) -> String {
        let (paint, reset) = if color {
            match self.severity {
                Severity::Error => ("\x1b[1;31m", "\x1b[0m"),
                Severity::Warning => ("\x1b[1;33m", "\x1b[0m"),
            }
        } else {
            ("", "")
        };
        let (blue, bold) = if color {
            ("\x1b[1;34m", "\x1b[1m")
        } else {
            ("", "")
        };
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut out = format!(
            "{paint}{label}{reset}{bold}: {}{reset}\n",
            visible(&self.message)
        );
        let line_no = self.pos.line.to_string();
        let gutter = " ".repeat(line_no.len());
        let file = shown(&self.file);
        if self.pos.is_known() {
            let _ = writeln!(
                out,
                "{gutter}{blue}-->{reset} {file}:{}:{}",
                self.pos.line, self.pos.column
            );
            let text = source.and_then(|s| s.lines().nth(self.pos.line as usize - 1));
            if let Some(text) = text {
                let col = self.pos.column.max(1) as usize - 1;
                let (text, col, width) = snippet(text, col);
                let pad = " ".repeat(col);
                let _ = writeln!(out, "{gutter} {blue}|{reset}");
                let _ = writeln!(out, "{blue}{line_no} |{reset} {text}");
                let _ = writeln!(
                    out,
                    "{gutter} {blue}|{reset} {pad}{paint}{}{reset}",
                    "^".repeat(width)
                );
            }
        } else if !self.file.as_os_str().is_empty() {
            let _ = writeln!(out, "{gutter}{blue}-->{reset} {file}");
        }
        if !self.field.is_empty() {
            let _ = writeln!(
                out,
                "{gutter} {blue}={reset} field: {}",
                visible(&self.field)
            );
        }
        for hint in &self.hints {
            let _ = writeln!(out, "{gutter} {blue}={reset} hint: {}", visible(hint));
        }
        out
    }
}

/// Whether `c` would act on a terminal or reorder text rather than show as itself: control
/// characters (C0, DEL, C1) and the bidirectional formatting characters.
pub fn is_unsafe_to_show(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
                | '\u{2028}' | '\u{2029}'
        )
}

/// `text` with every control and bidirectional formatting character written as a Rust escape
/// (`\u{1b}`), so that nothing read from a file can act on a terminal or reorder what a
/// diagnostic says. Every untrusted string goes through this before it is printed.
pub fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(is_unsafe_to_show) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe_to_show(c) {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// A path as printed: [`visible`] applied to its display form.
pub fn shown(path: &Path) -> String {
    visible(&path.display().to_string()).into_owned()
}

/// The most characters of a source line a diagnostic shows; a longer line is cut around the
/// column.
const SNIPPET_CHARS: usize = 120;

/// The source line `line` as a diagnostic prints it: tabs as spaces, control and bidi
/// characters made visible, cut to [`SNIPPET_CHARS`] around `col` (0-based, in characters).
/// Returns the printed text and the caret's column and width in printed characters.
fn snippet(line: &str, col: usize) -> (String, usize, usize) {
    let line = line.trim_end_matches('\r').replace('\t', " ");
    let chars: Vec<char> = line.chars().collect();
    let col = col.min(chars.len());
    let width = caret_width(&line, col);
    let (start, end) = if chars.len() > SNIPPET_CHARS {
        let start = col.saturating_sub(SNIPPET_CHARS / 3);
        let end = (start + SNIPPET_CHARS).min(chars.len());
        (end.saturating_sub(SNIPPET_CHARS).min(start), end)
    } else {
        (0, chars.len())
    };
    let shown_width = |cs: &[char]| -> usize {
        cs.iter()
            .map(|c| visible(&c.to_string()).chars().count())
            .sum()
    };
    let mut out = String::new();
    let mut caret = 0;
    if start > 0 {
        out.push('…');
        caret += 1;
    }
    for c in &chars[start..end] {
        out.push_str(&visible(&c.to_string()));
    }
    if end < chars.len() {
        out.push('…');
    }
    caret += shown_width(&chars[start..col.max(start)]);
    let caret_end = (col + width).min(end);
    let width = shown_width(&chars[col.min(caret_end)..caret_end]).max(1);
    (out, caret, width)
}

/// How many carets to draw under the token that starts at character `col` of `line`.
fn caret_width(line: &str, col: usize) -> usize {
    let rest: String = line.chars().skip(col).collect();
    let rest = rest.trim_end();
    let token = if let Some(q) = rest.strip_prefix('"') {
        q.find('"').map_or(rest.len(), |end| end + 2)
    } else if let Some(q) = rest.strip_prefix('\'') {
        q.find('\'').map_or(rest.len(), |end| end + 2)
    } else {
        rest.find([':', ',', ']', '}', '#'])
            .map_or(rest.len(), |end| rest[..end].trim_end().len())
    };
    rest[..token.min(rest.len())].chars().count().max(1)
}

/// The candidate closest to `word` by edit distance, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        let d = strsim::damerau_levenshtein(&word.to_lowercase(), &c.to_lowercase());
        let limit = (c.chars().count().max(word.chars().count()) / 3).max(1);
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

/// The hint for an unknown `word`: "did you mean `near`?" when a candidate is close, else
/// `otherwise()` (which usually lists the candidates).
pub fn suggest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    otherwise: impl FnOnce() -> String,
) -> String {
    match did_you_mean(word, candidates) {
        Some(near) => format!("did you mean `{near}`?"),
        None => otherwise(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_names_only() {
        let keys = ["owner", "label", "items"];
        assert_eq!(did_you_mean("ownr", keys), Some("owner"));
        assert_eq!(did_you_mean("lable", keys), Some("label"));
        assert_eq!(did_you_mean("colour", keys), None);
    }

    #[test]
    fn escapes_and_bidi_controls_are_made_visible() {
        assert_eq!(visible("a\u{1b}[31mb\u{7}"), "a\\u{1b}[31mb\\u{7}");
        assert_eq!(visible("x\u{202e}y"), "x\\u{202e}y");
        assert_eq!(visible("plain café"), "plain café");
        let d = Diagnostic::error("unknown party `\u{1b}]0;owned\u{7}`")
            .in_file(Path::new("m\u{1b}.yaml"))
            .at(Pos { line: 1, column: 8 })
            .field("layers[0].owner")
            .hint("did you mean `\u{9b}x`?");
        for text in [
            d.render(Some("owner: \u{1b}]0;owned\u{7}\n"), false),
            d.to_json(),
        ] {
            assert!(
                !text.chars().any(|c| c.is_control() && c != '\n'),
                "{text:?}"
            );
            assert!(text.contains("u{1b}"), "{text}");
        }
    }

    #[test]
    fn long_lines_are_cut_around_the_column() {
        let line = format!("label: {}XYZ{}", "a".repeat(50_000), "b".repeat(50_000));
        let d = Diagnostic::error("bad")
            .in_file(Path::new("m.yaml"))
            .at(Pos {
                line: 1,
                column: 50_008,
            });
        let text = d.render(Some(&line), false);
        assert!(text.len() < 1000, "{} bytes", text.len());
        let lines: Vec<&str> = text.lines().collect();
        let (src, caret) = (lines[3], lines[4]);
        let at = caret.find('^').unwrap();
        assert_eq!(src.chars().nth(at), Some('X'), "{src}\n{caret}");
    }

    #[test]
    fn renders_like_rustc() {
        let d = Diagnostic::error("unknown party \"custmer\"")
            .in_file(Path::new("m.yaml"))
            .at(Pos {
                line: 2,
                column: 10,
            })
            .field("layers[0].owner")
            .hint("did you mean \"customer\"?");
        let text = d.render(Some("id: x\n  owner: custmer\n"), false);
        assert_eq!(
            text,
            "error: unknown party \"custmer\"\n --> m.yaml:2:10\n  |\n2 |   owner: custmer\n  |          ^^^^^^^\n  = field: layers[0].owner\n  = hint: did you mean \"customer\"?\n"
        );
    }
}
