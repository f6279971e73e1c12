//! What a model says about its cells and itself besides owners: how a cell is known, the
//! pictures it wants and the names of its row classes.

/// How a cell is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// The vendor says so.
    Published,
    /// Inferred from the vendor's text.
    Derived,
    /// The author's example.
    Illustrative,
}

impl Status {
    /// The names a model may give.
    pub const NAMES: &[&str] = &["published", "derived", "illustrative"];

    /// The status named `name`.
    pub fn parse(name: &str) -> Option<Status> {
        match name {
            "published" => Some(Status::Published),
            "derived" => Some(Status::Derived),
            "illustrative" => Some(Status::Illustrative),
            _ => None,
        }
    }

    /// Its name.
    pub fn name(self) -> &'static str {
        match self {
            Status::Published => "published",
            Status::Derived => "derived",
            Status::Illustrative => "illustrative",
        }
    }
}

/// What is known about one cell besides its owner.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CellInfo {
    /// How it is known; `None` when the model does not say.
    pub status: Option<Status>,
    /// The sources it rests on, as indices into [`Model::sources`].
    pub sources: Vec<usize>,
    /// Who does what in it.
    pub note: Option<String>,
}

/// A kind of picture a model may ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PictureKind {
    /// The layered stack, and one per column.
    Stack,
    /// Layers × columns.
    Matrix,
    /// The line moving across a progression of columns.
    Shift,
    /// For catalogues of many rows: per group, how many cells each party owns.
    Coverage,
}

impl PictureKind {
    /// The names a model may give.
    pub const NAMES: &[&str] = &["stack", "matrix", "shift", "coverage"];

    /// The kind named `name`.
    pub fn parse(name: &str) -> Option<PictureKind> {
        match name {
            "stack" => Some(PictureKind::Stack),
            "matrix" => Some(PictureKind::Matrix),
            "shift" => Some(PictureKind::Shift),
            "coverage" => Some(PictureKind::Coverage),
            _ => None,
        }
    }
}

/// The model's names for its row classes; `None` where it gives none.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ClassNames {
    /// Rows always one party's, by party index.
    pub party: Vec<Option<String>>,
    /// Rows always shared the same way.
    pub shared: Option<String>,
    /// Rows whose owner changes across the columns.
    pub varies: Option<String>,
}

/// `n` in superscript digits, the marker of a cell's note ("¹²").
pub fn superscript(n: usize) -> String {
    const DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    n.to_string()
        .chars()
        .map(|d| DIGITS[d.to_digit(10).unwrap_or(0) as usize])
        .collect()
}

/// A multiple-choice question the model's author wrote.
#[derive(Debug, Clone, PartialEq)]
pub struct AuthorQuestion {
    /// The question.
    pub stem: String,
    /// The choices.
    pub options: Vec<String>,
    /// The index of the right choice in `options`.
    pub answer: usize,
    /// Why it is right.
    pub explanation: Option<String>,
}

/// How a sentence writes `label` when the model does not say: its first letter in lower case,
/// unless its first word is an acronym or a name with capitals inside ("IaaS", "AWS", "OCI").
pub fn in_sentence(label: &str) -> String {
    let first_word = label.split_whitespace().next().unwrap_or_default();
    let mut chars = label.chars();
    match chars.next() {
        Some(c) if c.is_uppercase() && !first_word.chars().skip(1).any(char::is_uppercase) => {
            c.to_lowercase().chain(chars).collect()
        }
        _ => label.to_string(),
    }
}
