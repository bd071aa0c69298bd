//! Lines to blocks: which lines of a page make one paragraph or list item, in what order.
//!
//! Rows are taken top to bottom and their segments left to right. A segment continues the
//! open block above it in the same column when all of these hold, and otherwise starts a
//! new block:
//! - it is no further below than the normal leading for its size (measured over the whole
//!   document, [`Style::leading`]) allows, and keeps the block's own line spacing: a larger
//!   gap is a paragraph break;
//! - its font size is the block's;
//! - it does not start with a list label ("•", "2.4", "(a)": see
//!   `crate::ingest::text::list_marker`);
//! - its indent matches: the same left edge as the line above, or the same centre (centred
//!   titles), or, on a block's second line, the text edge of a list item (hanging indent)
//!   or the margin under an indented first line;
//! - the line above was full: if the first word of this line would have fitted in the room
//!   left at the end of the line above, a writer's line break (not a wrap) ended that line;
//!   a line ending in a word broken with a hyphen always continues.
//!
//! Blocks are read in the order their first lines appear, top to bottom and, on one line,
//! left to right, so table cells read row by row. Multi-column page layouts are not
//! detected: their paragraphs interleave by height.

use super::lines::{is_bullet, Row, Segment};
use super::running::Running;
use crate::ingest::text::list_marker;
use std::collections::HashMap;

/// What a block is, before document-wide decisions (headings, list levels) are made.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Kind {
    Paragraph,
    /// A list item: its label, the label's left edge, and the nesting depth the label's
    /// numbering implies ("2.4" is one deeper than "2.").
    ListItem {
        label: String,
        label_left: f32,
        depth: u8,
        /// Byte length of the label (and the space after it) in the first line.
        label_len: usize,
    },
    Running(Running),
}

/// A block of one page.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct PageBlock {
    pub kind: Kind,
    /// The block's lines as printed (a list item's label included).
    pub lines: Vec<String>,
    /// 1-based row of the block's first line on its page.
    pub line: u32,
    /// The block's font size.
    pub size: f32,
    /// The left edge of its first line.
    pub left: f32,
    /// Rotated text (a watermark, a sideways label): never a heading.
    pub rotated: bool,
}

/// Document-wide measurements layout relies on.
#[derive(Debug, Clone, Default)]
pub(super) struct Style {
    /// The most common font size of body text.
    pub body_size: f32,
    /// Normal baseline-to-baseline distance by font size (rounded to half points).
    leadings: HashMap<i32, f32>,
}

fn size_key(size: f32) -> i32 {
    (size * 2.0).round() as i32
}

impl Style {
    /// Measure body size and leading over all pages' non-running rows.
    pub fn measure<'a>(
        pages: impl IntoIterator<Item = (&'a [Row], &'a [Option<Running>])>,
    ) -> Style {
        let mut sizes: HashMap<i32, usize> = HashMap::new();
        let mut gaps: HashMap<i32, HashMap<i32, usize>> = HashMap::new();
        for (rows, running) in pages {
            let body: Vec<&Row> = rows
                .iter()
                .zip(running)
                .filter(|(_, r)| r.is_none())
                .map(|(row, _)| row)
                .collect();
            for row in &body {
                for seg in &row.segments {
                    *sizes.entry(size_key(seg.size)).or_default() += seg.chars;
                }
            }
            for pair in body.windows(2) {
                let (a, b) = (pair[0], pair[1]);
                let d = b.baseline - a.baseline;
                let same_size = (a.size - b.size).abs() <= 0.05 * a.size;
                let overlap = a.left() < b.right() && b.left() < a.right();
                if same_size && overlap && d >= 0.9 * a.size && d <= 1.7 * a.size {
                    *gaps
                        .entry(size_key(a.size))
                        .or_default()
                        .entry((d * 4.0).round() as i32)
                        .or_default() += 1;
                }
            }
        }
        let body_size = sizes
            .iter()
            .max_by_key(|(k, n)| (**n, -**k))
            .map_or(10.0, |(k, _)| *k as f32 / 2.0);
        let leadings = gaps
            .into_iter()
            .filter_map(|(size, counts)| {
                let (d, _) = counts.into_iter().max_by_key(|(d, n)| (*n, -*d))?;
                Some((size, d as f32 / 4.0))
            })
            .collect();
        Style {
            body_size,
            leadings,
        }
    }

    /// The normal leading for text of `size`.
    pub fn leading(&self, size: f32) -> f32 {
        self.leadings
            .get(&size_key(size))
            .copied()
            .unwrap_or(1.2 * size)
    }
}

/// An open block while rows are gathered.
struct Open {
    block: PageBlock,
    first_left: f32,
    last_left: f32,
    /// Where a list item's text starts (for a hanging indent).
    text_left: Option<f32>,
    right: f32,
    last_right: f32,
    last_row: usize,
    last_baseline: f32,
    /// Baseline distance between this block's lines, once it has two.
    spacing: Option<f32>,
    closed: bool,
}

/// The list marker at the start of a segment: label, nesting depth, byte length.
fn marker(text: &str) -> Option<(String, u8, usize)> {
    // Bullets from symbol fonts and private-use codes read as "•".
    let mut chars = text.chars();
    let first = chars.next()?;
    if is_bullet(first) && !matches!(first, '-' | '*' | '·' | '–') {
        let rest = chars.as_str();
        if rest.starts_with(' ') {
            let len = first.len_utf8() + 1;
            return Some(("•".to_string(), 0, len));
        }
        return None;
    }
    let m = list_marker(text)?;
    Some((m.label, m.level, m.len))
}

/// Lay out one page's rows into blocks, in reading order.
pub(super) fn page_blocks(
    rows: &[Row],
    running: &[Option<Running>],
    style: &Style,
) -> Vec<PageBlock> {
    // Blocks that may still grow, and finished ones. Keeping the first list to blocks
    // within reach of the current row bounds the work per row.
    let mut open: Vec<Open> = Vec::new();
    let mut done: Vec<PageBlock> = Vec::new();
    for (index, row) in rows.iter().enumerate() {
        let (reachable, finished): (Vec<Open>, Vec<Open>) = std::mem::take(&mut open)
            .into_iter()
            .partition(|b| !b.closed && row.baseline - b.last_baseline <= 2.5 * b.block.size + 1.0);
        open = reachable;
        done.extend(finished.into_iter().map(|b| b.block));
        if let Some(kind) = running.get(index).copied().flatten() {
            done.push(PageBlock {
                kind: Kind::Running(kind),
                lines: vec![row.text()],
                line: index as u32 + 1,
                size: row.size,
                left: row.left(),
                rotated: !row.upright,
            });
            continue;
        }
        if !row.upright {
            // Rotated text stands alone: it cannot be laid out with the upright lines.
            done.push(PageBlock {
                kind: Kind::Paragraph,
                lines: vec![row.text()],
                line: index as u32 + 1,
                size: row.size,
                left: row.left(),
                rotated: true,
            });
            continue;
        }
        // For each segment: the block above it in its column, and whether it continues it.
        let decisions: Vec<(Option<usize>, bool)> = row
            .segments
            .iter()
            .map(|seg| {
                let candidate = open
                    .iter()
                    .enumerate()
                    .filter(|(_, b)| !b.closed && b.last_row < index && b.overlaps(seg))
                    .max_by(|(_, a), (_, b)| a.overlap(seg).total_cmp(&b.overlap(seg)))
                    .map(|(i, _)| i);
                let continues = candidate.is_some_and(|i| open[i].continues_with(seg, row, style));
                (candidate, continues)
            })
            .collect();
        // Side by side segments are table cells or a contents line and its page number:
        // when one column starts a new block under an earlier one, the row starts afresh
        // in every column, so cells are read row by row.
        let row_break = row.segments.len() > 1
            && decisions
                .iter()
                .any(|(candidate, continues)| candidate.is_some() && !continues);
        for (seg, (candidate, continues)) in row.segments.iter().zip(decisions) {
            if let Some(i) = candidate.filter(|_| continues && !row_break) {
                open[i].push(seg, row, index);
                continue;
            }
            for block in open.iter_mut().filter(|b| b.overlaps(seg)) {
                block.closed = true;
            }
            let (kind, text_left) = match marker(&seg.text) {
                Some((label, depth, label_len)) => (
                    Kind::ListItem {
                        label,
                        label_left: seg.left,
                        depth,
                        label_len,
                    },
                    seg.second_word_left,
                ),
                None => (Kind::Paragraph, None),
            };
            open.push(
                Open::new(
                    PageBlock {
                        kind,
                        lines: vec![seg.text.clone()],
                        line: index as u32 + 1,
                        size: seg.size,
                        left: seg.left,
                        rotated: false,
                    },
                    row,
                    index,
                    seg,
                )
                .with_text_left(text_left),
            );
        }
    }
    let mut blocks = done;
    blocks.extend(open.into_iter().map(|o| o.block));
    blocks.sort_by(|a, b| a.line.cmp(&b.line).then(a.left.total_cmp(&b.left)));
    blocks
}

impl Open {
    fn new(block: PageBlock, row: &Row, index: usize, seg: &Segment) -> Open {
        Open {
            block,
            first_left: seg.left,
            last_left: seg.left,
            text_left: None,
            right: seg.right,
            last_right: seg.right,
            last_row: index,
            last_baseline: row.baseline,
            spacing: None,
            closed: false,
        }
    }

    fn with_text_left(mut self, text_left: Option<f32>) -> Open {
        self.text_left = text_left;
        self
    }

    fn left(&self) -> f32 {
        self.first_left.min(self.last_left)
    }

    fn overlap(&self, seg: &Segment) -> f32 {
        self.right.min(seg.right) - self.left().max(seg.left)
    }

    fn overlaps(&self, seg: &Segment) -> bool {
        self.overlap(seg) > 0.0
    }

    fn continues_with(&self, seg: &Segment, row: &Row, style: &Style) -> bool {
        let size = self.block.size;
        let d = row.baseline - self.last_baseline;
        let leading = self.spacing.unwrap_or_else(|| style.leading(size));
        if d < 0.5 * size || d > leading * 1.15 + 0.5 {
            return false;
        }
        if self
            .spacing
            .is_some_and(|spacing| (d - spacing).abs() > 0.15 * size)
        {
            return false;
        }
        if (seg.size - size).abs() > 0.12 * size {
            return false;
        }
        if marker(&seg.text).is_some() {
            return false;
        }
        let tolerance = (0.6 * size).max(3.0);
        let near = |a: f32, b: f32| (a - b).abs() <= tolerance;
        let is_list = matches!(self.block.kind, Kind::ListItem { .. });
        let centre = |left: f32, right: f32| (left + right) / 2.0;
        // Centred lines share their centre, and neither edge.
        let centred = near(
            centre(seg.left, seg.right),
            centre(self.last_left, self.last_right),
        ) && !near(seg.left, self.last_left)
            && !near(seg.right, self.last_right);
        let indent_ok = centred
            || if self.block.lines.len() == 1 {
                near(seg.left, self.first_left)
                    || self.text_left.is_some_and(|t| near(seg.left, t))
                    || (!is_list
                        && self.first_left > seg.left + tolerance
                        && self.first_left - seg.left <= 5.0 * size)
            } else {
                near(seg.left, self.last_left)
            };
        if !indent_ok {
            return false;
        }
        // A word broken at the end of the line above continues here whatever the room.
        let broken_word = self.block.lines.last().is_some_and(|line| {
            let mut end = line.chars().rev();
            matches!(end.next(), Some('-' | '\u{2010}' | '\u{00AD}'))
                && end.next().is_some_and(char::is_alphabetic)
        });
        if broken_word {
            return true;
        }
        // The wrap test: would this line's first word have fitted on the line above?
        let column_right = self.right.max(seg.right);
        let room = column_right - self.last_right;
        let first_word = seg.first_word_right - seg.left;
        room <= first_word + 0.25 * size + 1.0
    }

    fn push(&mut self, seg: &Segment, row: &Row, index: usize) {
        let d = row.baseline - self.last_baseline;
        self.spacing.get_or_insert(d);
        self.block.lines.push(seg.text.clone());
        self.last_left = seg.left;
        self.right = self.right.max(seg.right);
        self.last_right = seg.right;
        self.last_row = index;
        self.last_baseline = row.baseline;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A row at `baseline` with one segment from `left`, 6pt per character at 12pt.
    fn row(text: &str, left: f32, baseline: f32) -> Row {
        let right = left + 6.0 * text.chars().count() as f32;
        let first_word = text.split(' ').next().unwrap_or("");
        let second_word_left = text
            .find(' ')
            .map(|i| left + 6.0 * (text[..i].chars().count() + 1) as f32);
        Row {
            baseline,
            top: baseline - 10.0,
            bottom: baseline + 2.0,
            size: 12.0,
            upright: true,
            segments: vec![Segment {
                text: text.to_string(),
                left,
                right,
                size: 12.0,
                first_word_right: left + 6.0 * first_word.chars().count() as f32,
                second_word_left,
                chars: text.len(),
            }],
        }
    }

    fn layout(rows: &[Row]) -> Vec<(String, Vec<String>, u32)> {
        let running = vec![None; rows.len()];
        let style = Style::measure([(rows, running.as_slice())]);
        page_blocks(rows, &running, &style)
            .into_iter()
            .map(|b| {
                let kind = match &b.kind {
                    Kind::Paragraph => "p".to_string(),
                    Kind::ListItem { label, .. } => format!("li {label}"),
                    Kind::Running(r) => format!("{r:?}"),
                };
                (kind, b.lines, b.line)
            })
            .collect()
    }

    const FULL: &str = "The Council will consult the voluntary sector on changes to";

    #[test]
    fn wrapped_lines_join_and_a_larger_gap_breaks() {
        let rows = [
            row(FULL, 72.0, 100.0),
            row(FULL, 72.0, 114.0),
            row("the end.", 72.0, 128.0),
            row(FULL, 72.0, 156.0), // a blank line's gap
            row("done.", 72.0, 170.0),
        ];
        let blocks = layout(&rows);
        assert_eq!(blocks.len(), 2, "{blocks:?}");
        assert_eq!(blocks[0].1.len(), 3);
        assert_eq!((blocks[1].2, blocks[1].1.len()), (4, 2));
    }

    #[test]
    fn a_short_line_ends_its_paragraph() {
        // "Feedback included:" leaves room for "It" on its line: a hard break.
        let rows = [
            row("Feedback included:", 72.0, 100.0),
            row(FULL, 72.0, 114.0),
            row(FULL, 72.0, 128.0),
        ];
        let blocks = layout(&rows);
        assert_eq!(blocks.len(), 2, "{blocks:?}");
        assert_eq!(blocks[1].1.len(), 2);
    }

    #[test]
    fn list_labels_start_items_with_hanging_indents() {
        let rows = [
            row(
                "• Partners should respect the confidentiality of any information",
                84.0,
                100.0,
            ),
            row("provided by each sector.", 96.0, 114.0),
            row(
                "• Public Sector and the VCSE sector are accountable in different",
                84.0,
                128.0,
            ),
            row(
                "2.4 Give notice of changes to funding in writing, with reasons",
                72.0,
                142.0,
            ),
        ];
        let blocks = layout(&rows);
        let kinds: Vec<&str> = blocks.iter().map(|b| b.0.as_str()).collect();
        assert_eq!(kinds, ["li •", "li •", "li 2.4"]);
        assert_eq!(blocks[0].1.len(), 2);
    }

    #[test]
    fn centred_lines_continue_but_a_small_first_line_indent_does_not() {
        let title = [
            row("Combined Compact Corpus (large test", 150.0, 100.0),
            row("document)", 228.0, 114.0),
        ];
        assert_eq!(layout(&title).len(), 1);
        let rows = [
            row(FULL, 72.0, 100.0),
            row(&FULL[2..], 84.0, 114.0), // indented 12pt, same right edge
        ];
        assert_eq!(layout(&rows).len(), 2);
    }

    #[test]
    fn a_line_ending_in_a_broken_word_continues_even_when_short() {
        let rows = [
            row("the new decision-", 72.0, 100.0),
            row(FULL, 72.0, 114.0),
        ];
        assert_eq!(layout(&rows).len(), 1);
    }

    #[test]
    fn an_indent_change_starts_a_block_but_a_first_line_indent_does_not() {
        let rows = [
            row(FULL, 90.0, 100.0), // first-line indent
            row(FULL, 72.0, 114.0),
            row(FULL, 72.0, 128.0),
            row(FULL, 90.0, 142.0), // next paragraph, indented
            row(FULL, 72.0, 156.0),
        ];
        let blocks = layout(&rows);
        assert_eq!(blocks.len(), 2, "{blocks:?}");
        assert_eq!(blocks[0].1.len(), 3);
    }

    #[test]
    fn side_by_side_cells_read_row_by_row() {
        let mut first = row("TABLE-CELL-", 72.0, 100.0);
        first
            .segments
            .push(row("Council", 204.0, 100.0).segments.remove(0));
        let rows = [first, row("CONSULTATION", 72.0, 114.0)];
        let blocks = layout(&rows);
        let lines: Vec<Vec<String>> = blocks.into_iter().map(|b| b.1).collect();
        assert_eq!(
            lines,
            vec![vec!["TABLE-CELL-", "CONSULTATION"], vec!["Council"]]
        );
    }

    #[test]
    fn a_row_that_starts_a_cell_starts_every_cell() {
        // A contents page: each entry and its page number, the numbers in a column.
        let entry = |text: &str, page: &str, baseline: f32| {
            let mut r = row(text, 72.0, baseline);
            r.segments
                .push(row(page, 500.0, baseline).segments.remove(0));
            r
        };
        let rows = [
            entry("6. Glossary", "10", 100.0),
            entry("7. Contacts", "11", 114.0),
            entry("8. Partners", "11", 128.0),
        ];
        let blocks = layout(&rows);
        let lines: Vec<String> = blocks.into_iter().map(|b| b.1.join("|")).collect();
        assert_eq!(
            lines,
            [
                "6. Glossary",
                "10",
                "7. Contacts",
                "11",
                "8. Partners",
                "11"
            ]
        );
    }

    #[test]
    fn style_measures_leading_and_body_size() {
        let rows = [
            row(FULL, 72.0, 100.0),
            row(FULL, 72.0, 113.5),
            row(FULL, 72.0, 127.0),
            row(FULL, 72.0, 154.0),
        ];
        let running = vec![None; rows.len()];
        let style = Style::measure([(&rows[..], running.as_slice())]);
        assert_eq!(style.body_size, 12.0);
        assert_eq!(style.leading(12.0), 13.5);
        assert_eq!(style.leading(20.0), 24.0, "unmeasured sizes get 1.2 em");
    }
}
