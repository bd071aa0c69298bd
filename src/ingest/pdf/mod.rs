//! PDF reading.
//!
//! A PDF is a set of pictures of pages: characters placed at coordinates, with no words,
//! lines or paragraphs. Council papers reach us as PDFs more often than not, and a proofing
//! result is only as good as the reading behind it, so this reader rebuilds what a person
//! sees, page by page, in reading order, with every block's page and line:
//!
//! 1. [`open`] parses the file with lopdf (decrypting with the empty user password where
//!    that works; a file that needs a real password is [`IngestError::PdfNeedsPassword`]);
//! 2. [`content`] runs each page's content streams and places every character
//!    ([`font`] and [`cmap`] turn character codes into text and widths);
//! 3. [`lines`] groups characters into rows by baseline and puts back word spaces;
//! 4. [`running`] finds running headers, footers and page numbers, which become `Header`
//!    and `Footer` blocks (kept, but outside the body's sentences);
//! 5. [`layout`] joins rows into paragraphs and list items; headings are blocks set clearly
//!    larger than the body text ([`HEADING_RATIO`]);
//! 6. [`hyphen`] joins each block's lines, repairing words broken at a line end.
//!
//! Ligatures come out as letters: a ToUnicode map usually gives "fi" already, and
//! [`DocumentBuilder`] spells out the Unicode ligature characters (ﬁ, ﬂ, ...).
//!
//! A PDF with no text layer at all (a scan) is not an error: the result is an empty
//! document carrying the warning [`NO_TEXT_WARNING`], which the CLI prints, because "read,
//! but there is nothing to check" is a different message from "could not read". Pages
//! without text among pages with text get a warning naming them when they draw images,
//! and text in fonts that give no way to know their characters is counted and warned
//! about rather than guessed.
//!
//! Failures are [`IngestError::Pdf`] with a one-line message. Nothing here panics on any
//! input: lopdf calls run under [`guard::contain`] as a last resort, and every loop is
//! bounded by [`Limits`] or by the constants in [`content`].

mod cmap;
mod content;
mod font;
mod guard;
mod hyphen;
mod layout;
mod lines;
mod notes;
mod open;
mod regions;
mod running;

use super::{IngestError, Limits};
use crate::document::{BlockKind, Document, DocumentBuilder, Format};
use layout::{Kind, PageBlock, Style};
use lines::Row;
use running::{PageView, Running};

/// The warning a document without any extractable text carries.
pub const NO_TEXT_WARNING: &str = "no extractable text (a scanned image?) — run OCR first";

/// A block is a heading when its font is at least this much larger than the body text.
pub const HEADING_RATIO: f32 = 1.15;
/// Headings are short: at most this many lines and characters.
const HEADING_MAX_LINES: usize = 3;
const HEADING_MAX_CHARS: usize = 200;

/// One page as read: its rows and what its content held.
struct PageText {
    number: u32,
    height: f32,
    rows: Vec<Row>,
    stats: content::PageStats,
}

pub(super) fn read(bytes: &[u8], limits: &Limits) -> Result<Document, IngestError> {
    let pdf = open::open(bytes, limits)?;
    let mut budget = content::Budget::new(limits);
    let mut cache = content::Cache::default();
    let mut pages = Vec::with_capacity(pdf.pages.len());
    let mut glyph_total = 0usize;
    for page in &pdf.pages {
        let (glyphs, stats) = content::page_glyphs(&pdf.doc, page, &mut cache, &mut budget)?;
        glyph_total += glyphs.len();
        pages.push(PageText {
            number: page.number,
            height: page.height,
            rows: lines::rows(glyphs),
            stats,
        });
    }
    let direction = lines::BaseDirection::of_rows(pages.iter().flat_map(|p| &p.rows));
    for row in pages.iter_mut().flat_map(|p| &mut p.rows) {
        row.put_in_reading_order(direction);
    }
    Ok(assemble(&pages, glyph_total))
}

/// Turn the rows of every page into a document.
fn assemble(pages: &[PageText], glyph_total: usize) -> Document {
    let mut builder = DocumentBuilder::new(Format::Pdf);
    if pages.iter().all(|p| p.rows.is_empty()) {
        let undecodable: usize = pages.iter().map(|p| p.stats.undecodable).sum();
        if undecodable > 0 {
            builder.warn(format!(
                "no readable text: its {undecodable} characters use fonts without a Unicode map — export the PDF again from the original, or run OCR"
            ));
        } else {
            builder.warn(NO_TEXT_WARNING);
        }
        return builder.finish();
    }
    let views: Vec<PageView> = pages
        .iter()
        .map(|p| PageView {
            number: p.number,
            height: p.height,
            rows: &p.rows,
        })
        .collect();
    let running = running::classify(&views);
    let style = Style::measure(
        pages
            .iter()
            .zip(&running)
            .map(|(p, r)| (p.rows.as_slice(), r.as_slice())),
    );
    let vocabulary = hyphen::Vocabulary::from_lines(
        pages
            .iter()
            .flat_map(|p| &p.rows)
            .flat_map(|r| &r.segments)
            .map(|s| s.text.as_str()),
    );
    let page_rows: Vec<regions::PageRows> = pages
        .iter()
        .zip(&running)
        .map(|(p, r)| regions::PageRows {
            rows: &p.rows,
            running: r,
        })
        .collect();
    let mut regions: Vec<regions::PageRegions> = page_rows
        .iter()
        .map(|p| regions::page_regions(p.rows, p.running, &style))
        .collect();
    regions::join_tables_across_pages(&page_rows, &style, &mut regions);
    let blocks: Vec<(u32, PageBlock)> = page_rows
        .iter()
        .zip(regions)
        .zip(pages)
        .flat_map(|((p, regions), page)| {
            let mut blocks = layout::page_blocks_in(p.rows, p.running, &style, regions.regions);
            notes::mark_footnotes(&mut blocks, &reference_marks(p), style.body_size);
            blocks.into_iter().map(|b| (page.number, b))
        })
        .collect();
    let headings = Headings::measure(blocks.iter().map(|(_, b)| b), style.body_size);
    let mut list = ListRun::default();
    let mut tables = TableNumbers::default();
    for (page, block) in &blocks {
        let (kind, lines) = classify(block, &headings, &mut list);
        let kind = match (&block.kind, kind) {
            (Kind::Cell { table, row, .. }, BlockKind::TableCell { column, .. }) => {
                let (table, row) = tables.cell(*page, *table, *row);
                BlockKind::TableCell { table, row, column }
            }
            (_, kind) => kind,
        };
        let text = hyphen::join_lines(&lines, &vocabulary);
        builder.push(kind, &text, Some(*page), Some(block.line));
    }
    warn_about_gaps(&mut builder, pages, glyph_total);
    builder.finish()
}

/// The note reference marks printed in a page's body (not in its running header or
/// footer).
fn reference_marks(page: &regions::PageRows<'_>) -> std::collections::HashSet<String> {
    page.rows
        .iter()
        .zip(page.running)
        .filter(|(_, running)| running.is_none())
        .flat_map(|(row, _)| row.segments.iter().flat_map(|s| s.marks.iter().cloned()))
        .collect()
}

/// The list items read so far in the current list: the left edges of their labels.
/// A list item's level is the number of distinct label positions to the left of its own;
/// a heading, or a paragraph to the left of every label, ends the list.
#[derive(Default)]
struct ListRun {
    label_lefts: Vec<f32>,
}

impl ListRun {
    fn level(&mut self, label_left: f32) -> u8 {
        if !self
            .label_lefts
            .iter()
            .any(|l| (l - label_left).abs() <= 3.0)
        {
            self.label_lefts.push(label_left);
        }
        self.label_lefts
            .iter()
            .filter(|l| **l < label_left - 3.0)
            .count()
            .min(8) as u8
    }

    fn interrupt(&mut self, left: f32) {
        if self.label_lefts.iter().all(|l| left < l - 3.0) {
            self.label_lefts.clear();
        }
    }
}

/// Numbers tables through the document (layout numbers them within their page), and
/// their rows through a table that goes on over a page break.
#[derive(Default)]
struct TableNumbers {
    current: Option<CurrentTable>,
}

/// The table whose cells are being read.
#[derive(Clone, Copy)]
struct CurrentTable {
    page: u32,
    /// Its number on `page`.
    on_page: u32,
    /// Its number in the document.
    number: u32,
    /// Rows on earlier pages.
    rows_before: u32,
    /// The last row read, counted through the table.
    last_row: u32,
}

impl TableNumbers {
    /// The document's table number and row for a cell of table `table` on `page`.
    fn cell(&mut self, page: u32, table: layout::Table, row: u32) -> (u32, u32) {
        let current = match self.current {
            Some(c) if c.page == page && c.on_page == table.number => c,
            Some(c) if table.continued => CurrentTable {
                page,
                on_page: table.number,
                rows_before: c.last_row,
                ..c
            },
            previous => CurrentTable {
                page,
                on_page: table.number,
                number: previous.map_or(1, |c| c.number + 1),
                rows_before: 0,
                last_row: 0,
            },
        };
        let row = current.rows_before + row;
        self.current = Some(CurrentTable {
            last_row: current.last_row.max(row),
            ..current
        });
        (current.number, row)
    }
}

/// Decide a block's final kind and the lines of its text.
fn classify(
    block: &PageBlock,
    headings: &Headings,
    list: &mut ListRun,
) -> (BlockKind, Vec<String>) {
    if let Some(level) = headings.level(block) {
        list.label_lefts.clear();
        return (BlockKind::Heading { level }, block.lines.clone());
    }
    match &block.kind {
        Kind::Running(Running::Header) => (BlockKind::Header, block.lines.clone()),
        Kind::Running(Running::Footer) => (BlockKind::Footer, block.lines.clone()),
        Kind::Paragraph => {
            list.interrupt(block.left);
            (BlockKind::Paragraph, block.lines.clone())
        }
        Kind::Footnote { label, label_len } => {
            let mut lines = block.lines.clone();
            if let Some(first) = lines.first_mut() {
                *first = first.get(*label_len..).unwrap_or("").trim().to_string();
            }
            (
                BlockKind::Footnote {
                    label: label.clone(),
                },
                lines,
            )
        }
        Kind::Cell { table, row, column } => {
            list.label_lefts.clear();
            // Numbered through the document by the caller.
            (
                BlockKind::TableCell {
                    table: table.number,
                    row: *row,
                    column: *column,
                },
                block.lines.clone(),
            )
        }
        Kind::ListItem {
            label,
            label_left,
            depth,
            label_len,
        } => {
            let mut lines = block.lines.clone();
            if let Some(first) = lines.first_mut() {
                *first = first.get(*label_len..).unwrap_or("").trim().to_string();
            }
            let level = list.level(*label_left).saturating_add(*depth).min(8);
            (
                BlockKind::ListItem {
                    level,
                    label: label.clone(),
                },
                lines,
            )
        }
    }
}

/// Heading levels by font size: blocks set clearly larger than the body text, short
/// enough to be headings, ranked by size (the largest is level 1).
struct Headings {
    body_size: f32,
    /// Distinct sizes (rounded to half points), largest first.
    sizes: Vec<f32>,
}

impl Headings {
    fn measure<'a>(blocks: impl Iterator<Item = &'a PageBlock>, body_size: f32) -> Headings {
        let mut headings = Headings {
            body_size,
            sizes: Vec::new(),
        };
        let mut sizes: Vec<f32> = blocks
            .filter(|b| headings.is_heading_shaped(b))
            .map(|b| rounded(b.size))
            .collect();
        sizes.sort_by(|a, b| b.total_cmp(a));
        sizes.dedup();
        headings.sizes = sizes;
        headings
    }

    fn is_heading_shaped(&self, block: &PageBlock) -> bool {
        !matches!(
            block.kind,
            Kind::Running(_) | Kind::Cell { .. } | Kind::Footnote { .. }
        ) && !block.rotated
            && block.size >= self.body_size * HEADING_RATIO
            && block.lines.len() <= HEADING_MAX_LINES
            && block.lines.iter().map(|l| l.chars().count()).sum::<usize>() <= HEADING_MAX_CHARS
    }

    fn level(&self, block: &PageBlock) -> Option<u8> {
        if !self.is_heading_shaped(block) {
            return None;
        }
        let rank = self.sizes.iter().position(|s| *s == rounded(block.size))?;
        Some((rank as u8 + 1).min(6))
    }
}

fn rounded(size: f32) -> f32 {
    (size * 2.0).round() / 2.0
}

/// Warn about pages that are images without text among pages with text.
fn warn_about_gaps(builder: &mut DocumentBuilder, pages: &[PageText], glyph_total: usize) {
    let image_only: Vec<String> = pages
        .iter()
        .filter(|p| p.rows.is_empty() && p.stats.images > 0)
        .map(|p| p.number.to_string())
        .collect();
    if !image_only.is_empty() {
        let shown: Vec<&str> = image_only.iter().take(10).map(String::as_str).collect();
        let more = if image_only.len() > 10 { ", ..." } else { "" };
        builder.warn(format!(
            "page{} {}{more} {} no extractable text (scanned images?) — run OCR on {}",
            if image_only.len() == 1 { "" } else { "s" },
            shown.join(", "),
            if image_only.len() == 1 { "has" } else { "have" },
            if image_only.len() == 1 { "it" } else { "them" },
        ));
    }
    let undecodable: usize = pages.iter().map(|p| p.stats.undecodable).sum();
    if undecodable > 0 && undecodable * 100 >= glyph_total + undecodable {
        builder.warn(format!(
            "{undecodable} characters could not be decoded (a font without a Unicode map); some text may be missing"
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lines::Segment;

    fn row(text: &str, size: f32, baseline: f32) -> Row {
        Row {
            baseline,
            top: baseline - size,
            bottom: baseline + 0.2 * size,
            size,
            upright: true,
            segments: vec![Segment {
                text: text.to_string(),
                left: 72.0,
                right: 72.0 + 0.5 * size * text.len() as f32,
                size,
                first_word_right: 100.0,
                second_word_left: None,
                chars: text.len(),
                baseline,
                marks: Vec::new(),
                leading_mark: None,
            }],
        }
    }

    fn page(number: u32, rows: Vec<Row>) -> PageText {
        PageText {
            number,
            height: 792.0,
            rows,
            stats: content::PageStats::default(),
        }
    }

    #[test]
    fn a_rotated_watermark_is_kept_but_is_not_a_heading() {
        let long = "The Council will consult the voluntary sector for twelve weeks.";
        let mut watermark = row("DRAFT", 60.0, 400.0);
        watermark.upright = false;
        let doc = assemble(&[page(1, vec![row(long, 10.0, 100.0), watermark])], 100);
        assert_eq!(doc.blocks[1].kind, BlockKind::Paragraph);
        assert_eq!(doc.blocks[1].text, "DRAFT");
    }

    #[test]
    fn list_levels_follow_label_positions_within_a_list() {
        let mut list = ListRun::default();
        assert_eq!(list.level(84.0), 0);
        assert_eq!(list.level(120.0), 1);
        assert_eq!(list.level(84.5), 0);
        list.interrupt(100.0); // a paragraph inside the list: it goes on
        assert_eq!(list.level(120.0), 1);
        list.interrupt(72.0); // a paragraph at the margin ends it
        assert_eq!(list.level(120.0), 0);
    }

    #[test]
    fn tables_are_numbered_through_the_document_and_go_on_over_page_breaks() {
        let mut tables = TableNumbers::default();
        let table = |number, continued| layout::Table { number, continued };
        assert_eq!(tables.cell(1, table(0, false), 1), (1, 1));
        assert_eq!(tables.cell(1, table(0, false), 2), (1, 2));
        assert_eq!(tables.cell(1, table(1, false), 1), (2, 1));
        assert_eq!(tables.cell(1, table(1, false), 3), (2, 3));
        // Page 2 opens with the rest of table 2, then a table of its own.
        assert_eq!(tables.cell(2, table(0, true), 1), (2, 4));
        assert_eq!(tables.cell(2, table(0, true), 2), (2, 5));
        assert_eq!(tables.cell(2, table(1, false), 1), (3, 1));
        // A first table on page 3 that does not go on from page 2 is a new one.
        assert_eq!(tables.cell(3, table(0, false), 1), (4, 1));
    }

    #[test]
    fn no_text_is_a_warning_not_an_error() {
        let doc = assemble(&[page(1, vec![])], 0);
        assert!(doc.blocks.is_empty());
        assert_eq!(doc.warnings, [NO_TEXT_WARNING]);
    }

    #[test]
    fn larger_text_is_a_heading_with_levels_by_size() {
        let long = "The Council will consult the voluntary sector for twelve weeks.";
        let doc = assemble(
            &[page(
                1,
                vec![
                    row("Compact", 20.0, 100.0),
                    row("1. Purpose", 16.0, 140.0),
                    row(long, 10.0, 170.0),
                    row(long, 10.0, 200.0),
                    row("2.4 Give notice.", 10.0, 230.0),
                ],
            )],
            100,
        );
        let kinds: Vec<&BlockKind> = doc.blocks.iter().map(|b| &b.kind).collect();
        assert_eq!(kinds[0], &BlockKind::Heading { level: 1 });
        assert_eq!(kinds[1], &BlockKind::Heading { level: 2 });
        assert_eq!(doc.blocks[1].text, "1. Purpose");
        assert_eq!(kinds[2], &BlockKind::Paragraph);
        assert_eq!(
            kinds[4],
            &BlockKind::ListItem {
                level: 1,
                label: "2.4".into()
            }
        );
        assert_eq!(doc.blocks[4].text, "Give notice.");
        assert_eq!(doc.blocks[4].location.line, Some(5));
    }
}
