//! The document model every feature works on.
//!
//! A [`Document`] is an ordered list of [`Block`]s (headings, paragraphs, list items, table
//! cells, notes, running headers and footers), each with the text a reader sees and a
//! [`Location`] a person can find. The blocks' texts are also joined into one string,
//! [`Document::text`], so that matchers can run over the whole document once; every offset
//! handed out by this crate is a **byte offset into that string, end-exclusive**
//! ([`ByteSpan`]). [`Document::position`] maps any offset back to block, page, line and
//! column, which is how findings point at the page and line an officer will look at.
//!
//! Readers build documents with [`DocumentBuilder`]; nothing else mutates a document.

mod sentences;

pub use sentences::split_sentences;

use serde::Serialize;
use std::fmt;

/// The file formats compactproof reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Docx,
    Pdf,
    Text,
    Markdown,
}

impl Format {
    /// The name used in reports and the JSON contract.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Pdf => "pdf",
            Format::Text => "text",
            Format::Markdown => "markdown",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What kind of block this is, with the structure a reader needs to find it again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum BlockKind {
    /// A heading; level 0 is a document title, 1-9 are Heading 1-9.
    Heading {
        level: u8,
    },
    Paragraph,
    /// A list item with its nesting level (0 = top) and its label as displayed
    /// ("2.4", "(a)", "•"), or an empty label when the list shows none.
    ListItem {
        level: u8,
        label: String,
    },
    /// One cell of a table; `table` counts tables from 1 in reading order, `row` and
    /// `column` count from 1.
    TableCell {
        table: u32,
        row: u32,
        column: u32,
    },
    /// A footnote or endnote; `label` is its mark as shown ("1", "i").
    Footnote {
        label: String,
    },
    Endnote {
        label: String,
    },
    /// Running header or footer text (including page numbers). Kept so nothing is lost,
    /// but never part of the body's sentences.
    Header,
    Footer,
}

impl BlockKind {
    /// True for the main flow of the document (everything except running headers and
    /// footers). Notes count as body: they carry commitments too.
    pub fn is_body(&self) -> bool {
        !matches!(self, BlockKind::Header | BlockKind::Footer)
    }

    /// A short name for display ("heading", "list-item", ...).
    pub fn name(&self) -> &'static str {
        match self {
            BlockKind::Heading { .. } => "heading",
            BlockKind::Paragraph => "paragraph",
            BlockKind::ListItem { .. } => "list-item",
            BlockKind::TableCell { .. } => "table-cell",
            BlockKind::Footnote { .. } => "footnote",
            BlockKind::Endnote { .. } => "endnote",
            BlockKind::Header => "header",
            BlockKind::Footer => "footer",
        }
    }
}

/// Where a block is, in terms a person can use.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Location {
    /// 1-based page number, where the format has pages (PDF) or the writer recorded page
    /// breaks; `None` when unknown.
    pub page: Option<u32>,
    /// 1-based ordinal of this block among the document's body blocks ("paragraph 12"),
    /// counting headings, paragraphs, list items and table cells; 0 for headers, footers and
    /// notes, which sit outside the numbered flow.
    pub paragraph: u32,
    /// 1-based line in the source where the block starts, when the source has lines
    /// (text and Markdown files: the file's line; PDF: the line on its page).
    pub line: Option<u32>,
}

/// A byte range into [`Document::text`], end-exclusive. Always on `char` boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct ByteSpan {
    pub start: usize,
    pub end: usize,
}

impl ByteSpan {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        ByteSpan { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
    pub fn contains(&self, other: ByteSpan) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub fn overlaps(&self, other: ByteSpan) -> bool {
        self.start < other.end && other.start < self.end
    }
    /// Shift by `offset` bytes, e.g. from block-relative to document-relative.
    pub fn shifted(&self, offset: usize) -> ByteSpan {
        ByteSpan::new(self.start + offset, self.end + offset)
    }
}

/// One block of a document: its kind, the text a reader sees, and where it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Block {
    #[serde(flatten)]
    pub kind: BlockKind,
    /// The text as displayed, with list labels left out (they are in the kind). Lines
    /// inside the block, where the source had them, are separated by `\n`.
    pub text: String,
    pub location: Location,
    /// Where this block's text sits in [`Document::text`].
    pub span: ByteSpan,
}

/// A resolved position: what a finding shows a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Position {
    /// 0-based index into [`Document::blocks`].
    pub block: usize,
    pub page: Option<u32>,
    /// 1-based line: the source line when the block's source line is known, otherwise the
    /// line within the block.
    pub line: u32,
    /// 1-based column, counted in characters.
    pub column: u32,
}

/// The separator placed between blocks in [`Document::text`]. Two newlines, so no
/// sentence or phrase match can run from one block into the next.
pub const BLOCK_SEPARATOR: &str = "\n\n";

/// A document as read: blocks in reading order, their joined text, and warnings about
/// anything the reader could not take in (e.g. a PDF with no text layer).
#[derive(Debug, Clone, Serialize)]
pub struct Document {
    pub format: Format,
    pub blocks: Vec<Block>,
    /// Things a person should know about the reading (never errors: those stop reading).
    pub warnings: Vec<String>,
    #[serde(skip)]
    text: String,
}

impl Document {
    /// The blocks' texts joined by [`BLOCK_SEPARATOR`], the string all spans index into.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The text under a span.
    pub fn slice(&self, span: ByteSpan) -> &str {
        &self.text[span.start..span.end]
    }

    /// The index of the block holding byte `offset`. An offset in a separator belongs to
    /// the block before it.
    pub fn block_at(&self, offset: usize) -> usize {
        match self.blocks.binary_search_by(|b| b.span.start.cmp(&offset)) {
            Ok(i) => i,
            Err(0) => 0,
            Err(i) => i - 1,
        }
    }

    /// Map a byte offset back to block, page, line and column.
    pub fn position(&self, offset: usize) -> Position {
        if self.blocks.is_empty() {
            return Position {
                block: 0,
                page: None,
                line: 1,
                column: 1,
            };
        }
        let index = self.block_at(offset);
        let block = &self.blocks[index];
        let within = offset.clamp(block.span.start, block.span.end) - block.span.start;
        let before = &block.text[..floor_char_boundary(&block.text, within)];
        let newlines = before.matches('\n').count() as u32;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() as u32 + 1;
        Position {
            block: index,
            page: block.location.page,
            line: block.location.line.unwrap_or(1) + newlines,
            column,
        }
    }

    /// Body sentences in reading order, as spans into [`Document::text`]. Running headers
    /// and footers are left out; headings and table cells are their own sentences.
    pub fn sentences(&self) -> Vec<(usize, ByteSpan)> {
        let mut out = Vec::new();
        for (index, block) in self.blocks.iter().enumerate() {
            if !block.kind.is_body() {
                continue;
            }
            for span in split_sentences(&block.text) {
                out.push((index, span.shifted(block.span.start)));
            }
        }
        out
    }

    /// Body blocks only (no running headers or footers).
    pub fn body_blocks(&self) -> impl Iterator<Item = (usize, &Block)> {
        self.blocks
            .iter()
            .enumerate()
            .filter(|(_, b)| b.kind.is_body())
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Builds a [`Document`] block by block, keeping offsets and paragraph numbers right.
///
/// Readers push blocks in reading order. Text is normalised on the way in: `\r\n` and `\r`
/// become `\n`, non-breaking and other Unicode spaces become plain spaces, soft hyphens and
/// zero-width characters are removed, ligatures (ﬁ, ﬂ, ...) are spelled out, trailing
/// whitespace on each line is trimmed. Empty blocks are dropped.
#[derive(Debug)]
pub struct DocumentBuilder {
    format: Format,
    blocks: Vec<Block>,
    warnings: Vec<String>,
    text: String,
    next_paragraph: u32,
}

impl DocumentBuilder {
    pub fn new(format: Format) -> Self {
        DocumentBuilder {
            format,
            blocks: Vec::new(),
            warnings: Vec::new(),
            text: String::new(),
            next_paragraph: 1,
        }
    }

    /// Add a block. `page` and `line` are where the reader knows them; the paragraph
    /// number is assigned here.
    pub fn push(&mut self, kind: BlockKind, text: &str, page: Option<u32>, line: Option<u32>) {
        let text = normalise_text(text);
        if text.trim().is_empty() {
            return;
        }
        if !self.blocks.is_empty() {
            self.text.push_str(BLOCK_SEPARATOR);
        }
        let start = self.text.len();
        self.text.push_str(&text);
        let paragraph = match kind {
            BlockKind::Header
            | BlockKind::Footer
            | BlockKind::Footnote { .. }
            | BlockKind::Endnote { .. } => 0,
            _ => {
                let n = self.next_paragraph;
                self.next_paragraph += 1;
                n
            }
        };
        self.blocks.push(Block {
            kind,
            span: ByteSpan::new(start, self.text.len()),
            text,
            location: Location {
                page,
                paragraph,
                line,
            },
        });
    }

    /// Record something a person should know about this reading.
    pub fn warn(&mut self, message: impl Into<String>) {
        self.warnings.push(message.into());
    }

    /// The number of tables pushed so far, so readers can number the next one.
    pub fn table_count(&self) -> u32 {
        self.blocks
            .iter()
            .filter_map(|b| match b.kind {
                BlockKind::TableCell { table, .. } => Some(table),
                _ => None,
            })
            .max()
            .unwrap_or(0)
    }

    /// Number of blocks pushed so far.
    pub fn len(&self) -> usize {
        self.blocks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.blocks.is_empty()
    }

    pub fn finish(self) -> Document {
        Document {
            format: self.format,
            blocks: self.blocks,
            warnings: self.warnings,
            text: self.text,
        }
    }
}

/// Normalise text as described on [`DocumentBuilder`]. Public so readers can compare
/// like with like.
pub fn normalise_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\u{00A0}' | '\u{2007}' | '\u{202F}' | '\u{2000}'..='\u{200A}' | '\u{3000}' | '\t' => {
                out.push(' ')
            }
            '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => {}
            '\u{FB00}' => out.push_str("ff"),
            '\u{FB01}' => out.push_str("fi"),
            '\u{FB02}' => out.push_str("fl"),
            '\u{FB03}' => out.push_str("ffi"),
            '\u{FB04}' => out.push_str("ffl"),
            '\u{FB05}' | '\u{FB06}' => out.push_str("st"),
            '\u{2028}' | '\u{2029}' | '\u{000B}' | '\u{000C}' => out.push('\n'),
            c if c.is_control() && c != '\n' => {}
            c => out.push(c),
        }
    }
    // Trim trailing spaces on each line and surrounding blank lines.
    let trimmed: Vec<&str> = out.split('\n').map(|l| l.trim_end()).collect();
    let joined = trimmed.join("\n");
    joined.trim_matches('\n').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Document {
        let mut b = DocumentBuilder::new(Format::Text);
        b.push(BlockKind::Heading { level: 1 }, "Purpose", None, Some(1));
        b.push(
            BlockKind::Paragraph,
            "The Council will consult.\nIt will run for 12 weeks.",
            Some(2),
            Some(3),
        );
        b.push(BlockKind::Footer, "Page 2", Some(2), None);
        b.finish()
    }

    #[test]
    fn offsets_map_back_to_block_line_and_column() {
        let doc = sample();
        let at = doc.text().find("12 weeks").unwrap();
        let pos = doc.position(at);
        assert_eq!(pos.block, 1);
        assert_eq!(pos.page, Some(2));
        assert_eq!(pos.line, 4);
        assert_eq!(pos.column, 17);
        assert_eq!(doc.slice(ByteSpan::new(at, at + 8)), "12 weeks");
    }

    #[test]
    fn paragraph_numbers_skip_headers_and_footers() {
        let doc = sample();
        assert_eq!(doc.blocks[0].location.paragraph, 1);
        assert_eq!(doc.blocks[1].location.paragraph, 2);
        assert_eq!(doc.blocks[2].location.paragraph, 0);
    }

    #[test]
    fn footers_are_not_body_sentences() {
        let doc = sample();
        let texts: Vec<&str> = doc.sentences().iter().map(|(_, s)| doc.slice(*s)).collect();
        assert!(!texts.iter().any(|t| t.contains("Page 2")), "{texts:?}");
        assert!(texts.contains(&"It will run for 12 weeks."));
    }

    #[test]
    fn normalising_removes_soft_hyphens_and_ligatures() {
        assert_eq!(
            normalise_text("of\u{FB01}ce\u{00AD}r\r\nnext "),
            "officer\nnext"
        );
        assert_eq!(normalise_text("a\u{00A0}b"), "a b");
    }

    #[test]
    fn column_counts_characters_not_bytes() {
        let mut b = DocumentBuilder::new(Format::Text);
        b.push(BlockKind::Paragraph, "£1.5m over 3 years", None, Some(1));
        let doc = b.finish();
        let at = doc.text().find("over").unwrap();
        assert_eq!(doc.position(at).column, 7);
    }
}
