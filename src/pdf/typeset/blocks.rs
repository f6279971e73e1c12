//! The handout's Markdown as blocks to typeset: headings, paragraphs (list items and quotes are
//! paragraphs with a marker or a bar), tables, pictures, rules and page breaks.

use pulldown_cmark::{Alignment, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// How a stretch of text is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct Style {
    pub(super) bold: bool,
    pub(super) italic: bool,
    pub(super) code: bool,
}

/// A stretch of text in one style, maybe a link.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Run {
    pub(super) text: String,
    pub(super) style: Style,
    pub(super) link: Option<String>,
}

/// A block of the handout.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Block {
    Heading {
        level: u8,
        runs: Vec<Run>,
    },
    /// A paragraph; `depth` counts enclosing lists, `marker` is a list item's bullet or number,
    /// `quote` a paragraph in a block quote.
    Para {
        runs: Vec<Run>,
        depth: usize,
        marker: Option<String>,
        quote: bool,
    },
    Table {
        align: Vec<Alignment>,
        head: Vec<Vec<Run>>,
        rows: Vec<Vec<Vec<Run>>>,
    },
    Picture {
        src: String,
        alt: String,
    },
    Rule,
    PageBreak,
}

/// The comment that starts a new page in `handout.pdf` (and does nothing in Markdown).
pub(super) const PAGE_BREAK: &str = "<!-- page break -->";

/// The characters the bundled font lacks, set as the nearest it has.
fn printable(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '✔' => '✓',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect()
}

/// A table being gathered: its alignments, header and rows.
type Table = (Vec<Alignment>, Vec<Vec<Run>>, Vec<Vec<Vec<Run>>>);

#[derive(Default)]
struct State {
    blocks: Vec<Block>,
    runs: Vec<Run>,
    style: Style,
    link: Option<String>,
    /// Open lists: the next number of an ordered one, `None` for bullets.
    lists: Vec<Option<u64>>,
    /// The marker of the list item whose first paragraph is still to come.
    marker: Option<String>,
    quote: usize,
    heading: Option<u8>,
    picture: Option<(String, String)>,
    table: Option<Table>,
    row: Vec<Vec<Run>>,
}

impl State {
    fn text(&mut self, text: &str) {
        if let Some((_, alt)) = &mut self.picture {
            alt.push_str(text);
            return;
        }
        let text = printable(text);
        match self.runs.last_mut() {
            Some(r) if r.style == self.style && r.link == self.link => r.text.push_str(&text),
            _ => self.runs.push(Run {
                text,
                style: self.style,
                link: self.link.clone(),
            }),
        }
    }

    /// Ends the paragraph being gathered, if any.
    fn flush(&mut self) {
        if self.runs.iter().all(|r| r.text.trim().is_empty()) {
            self.runs.clear();
            return;
        }
        let runs = std::mem::take(&mut self.runs);
        self.blocks.push(match self.heading {
            Some(level) => Block::Heading { level, runs },
            None => Block::Para {
                runs,
                depth: self.lists.len(),
                marker: self.marker.take(),
                quote: self.quote > 0,
            },
        });
    }

    fn start(&mut self, tag: Tag) {
        match tag {
            Tag::Heading { level, .. } => {
                self.flush();
                self.heading = Some(match level {
                    HeadingLevel::H1 => 1,
                    HeadingLevel::H2 => 2,
                    HeadingLevel::H3 => 3,
                    _ => 4,
                });
            }
            Tag::Paragraph | Tag::BlockQuote(_) | Tag::Item => {
                self.flush();
                if matches!(tag, Tag::BlockQuote(_)) {
                    self.quote += 1;
                }
                if matches!(tag, Tag::Item) {
                    self.marker = Some(match self.lists.last_mut() {
                        Some(Some(n)) => {
                            *n += 1;
                            format!("{}.", *n - 1)
                        }
                        _ => "•".to_string(),
                    });
                }
            }
            Tag::List(start) => {
                self.flush();
                self.lists.push(start);
            }
            Tag::Emphasis => self.style.italic = true,
            Tag::Strong => self.style.bold = true,
            Tag::Link { dest_url, .. } => self.link = Some(dest_url.to_string()),
            Tag::Image { dest_url, .. } => {
                self.flush();
                self.picture = Some((dest_url.to_string(), String::new()));
            }
            Tag::Table(align) => {
                self.flush();
                self.table = Some((align, Vec::new(), Vec::new()));
            }
            Tag::TableHead | Tag::TableRow => self.row.clear(),
            Tag::TableCell => self.runs.clear(),
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Heading(_) => {
                self.flush();
                self.heading = None;
            }
            TagEnd::Paragraph | TagEnd::Item => self.flush(),
            TagEnd::BlockQuote(_) => {
                self.flush();
                self.quote = self.quote.saturating_sub(1);
            }
            TagEnd::List(_) => {
                self.flush();
                self.lists.pop();
            }
            TagEnd::Emphasis => self.style.italic = false,
            TagEnd::Strong => self.style.bold = false,
            TagEnd::Link => self.link = None,
            TagEnd::Image => {
                if let Some((src, alt)) = self.picture.take() {
                    self.blocks.push(Block::Picture { src, alt });
                }
            }
            TagEnd::TableCell => {
                let cell = std::mem::take(&mut self.runs);
                self.row.push(cell);
            }
            TagEnd::TableHead => {
                if let Some(t) = &mut self.table {
                    t.1 = std::mem::take(&mut self.row);
                }
            }
            TagEnd::TableRow => {
                if let Some(t) = &mut self.table {
                    t.2.push(std::mem::take(&mut self.row));
                }
            }
            TagEnd::Table => {
                if let Some((align, head, rows)) = self.table.take() {
                    self.blocks.push(Block::Table { align, head, rows });
                }
            }
            _ => {}
        }
    }
}

/// The blocks of `markdown` (GitHub-flavoured: tables, emphasis, links, images).
pub(super) fn blocks(markdown: &str) -> Vec<Block> {
    let mut st = State::default();
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        match event {
            Event::Start(tag) => st.start(tag),
            Event::End(tag) => st.end(tag),
            Event::Text(t) => st.text(&t),
            Event::Code(t) => {
                let before = st.style;
                st.style.code = true;
                st.text(&t);
                st.style = before;
            }
            Event::SoftBreak | Event::HardBreak => st.text(" "),
            Event::Rule => {
                st.flush();
                st.blocks.push(Block::Rule);
            }
            Event::Html(h) | Event::InlineHtml(h) if h.trim() == PAGE_BREAK => {
                st.flush();
                st.blocks.push(Block::PageBreak);
            }
            _ => {}
        }
    }
    st.flush();
    st.blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_quotes_tables_pictures_and_breaks_become_blocks() {
        let md = "# T\n\nSome **bold** _it_ [a](https://x.test).\n\n1. one\n    - A. x\n2. two\n\n> quote\n\n| H | I |\n| --- | :---: |\n| a | ✔ |\n\n![alt text](stack.svg)\n\n<!-- page break -->\n\n---\n";
        let b = blocks(md);
        assert!(matches!(&b[0], Block::Heading { level: 1, .. }));
        let Block::Para { runs, .. } = &b[1] else {
            panic!("{b:?}")
        };
        assert!(runs.iter().any(|r| r.style.bold && r.text == "bold"));
        assert!(runs.iter().any(|r| r.style.italic && r.text == "it"));
        assert!(
            runs.iter()
                .any(|r| r.link.as_deref() == Some("https://x.test"))
        );
        let markers: Vec<(Option<String>, usize)> = b
            .iter()
            .filter_map(|x| match x {
                Block::Para { marker, depth, .. } if *depth > 0 => Some((marker.clone(), *depth)),
                _ => None,
            })
            .collect();
        assert_eq!(
            markers,
            vec![
                (Some("1.".into()), 1),
                (Some("•".into()), 2),
                (Some("2.".into()), 1)
            ]
        );
        assert!(
            b.iter()
                .any(|x| matches!(x, Block::Para { quote: true, .. }))
        );
        let Some(Block::Table { rows, .. }) = b.iter().find(|x| matches!(x, Block::Table { .. }))
        else {
            panic!("{b:?}")
        };
        assert_eq!(rows[0][1][0].text, "✓", "the font's check mark");
        assert!(b.contains(&Block::Picture {
            src: "stack.svg".into(),
            alt: "alt text".into()
        }));
        assert!(b.contains(&Block::PageBreak) && b.ends_with(&[Block::Rule]));
    }
}
