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
//! Before that, the page is cut into bands ([`regions`](super::regions) gives the rules):
//! - text set in columns (a newsletter, a leaflet, a report in two columns) is read
//!   column by column, left column first, each column laid out by the rules above as a
//!   page of its own, its lines on their own baselines; a full-width title or paragraph
//!   above or below the columns is a band of its own and stays in place;
//! - a table becomes one block per cell ([`Kind::Cell`]), row by row and, in a row, left
//!   to right, each cell with all its lines, however many it wraps over;
//! - everything else flows: blocks are read in the order their first lines appear, top to
//!   bottom and, on one line, left to right. Side-by-side segments there (a contents entry
//!   and its page number, a form's fields, a label set off by a tab) restart blocks in
//!   every column of the row when one column does, so they read row by row.

use super::lines::{is_bullet, Row, Segment};
use super::regions::{Region, Track};
use super::running::Running;
use crate::ingest::text::list_marker;
use std::collections::HashMap;
use std::ops::Range;

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
    /// A footnote at the foot of the page (see `super::notes`): its label, and the byte
    /// length of the label and the space after it in the first line (0 for a note's
    /// second paragraph).
    Footnote {
        label: String,
        label_len: usize,
    },
    /// A table cell: its table, its row and column (from 1).
    Cell {
        table: Table,
        row: u32,
        column: u32,
    },
}

/// A table of a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Table {
    /// The table's number on its page, from 0.
    pub number: u32,
    /// It goes on from the foot of the page before.
    pub continued: bool,
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
    /// A note label printed raised at the start of its first line (see
    /// `super::lines::Segment::leading_mark`).
    pub raised_label: Option<String>,
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

/// Lay out one page's rows into blocks, in reading order: band by band down the page
/// (see [`regions`](super::regions)), a band of columns column by column, a table cell by cell.
#[cfg(test)]
pub(super) fn page_blocks(
    rows: &[Row],
    running: &[Option<Running>],
    style: &Style,
) -> Vec<PageBlock> {
    page_blocks_in(
        rows,
        running,
        style,
        super::regions::regions(rows, running, style),
    )
}

/// Lay out one page's rows into blocks, in reading order, with its regions found
/// already (see [`page_regions`](super::regions::page_regions)).
pub(super) fn page_blocks_in(
    rows: &[Row],
    running: &[Option<Running>],
    style: &Style,
    regions: Vec<Region>,
) -> Vec<PageBlock> {
    let mut blocks = Vec::new();
    let mut tables = 0;
    for region in regions {
        match region {
            Region::Flow(range) => {
                let flow: Vec<(usize, &Row)> = range.map(|i| (i, &rows[i])).collect();
                blocks.extend(flow_blocks(&flow, running, style));
            }
            Region::Columns {
                rows: range,
                tracks,
            } => {
                for track in &tracks {
                    let column = column_rows(rows, range.clone(), track);
                    let flow: Vec<(usize, &Row)> = column.iter().map(|(i, r)| (*i, r)).collect();
                    blocks.extend(flow_blocks(&flow, running, style));
                }
            }
            Region::Table {
                rows: range,
                tracks,
                starts,
                continued,
            } => {
                let table = Table {
                    number: tables,
                    continued,
                };
                blocks.extend(table_blocks(rows, range, &tracks, &starts, table));
                tables += 1;
            }
        }
    }
    blocks
}

/// The rows of one page column: each row's segments inside `track`, on their own
/// baseline (the other column's line on the same row may sit a little higher or lower).
fn column_rows(rows: &[Row], range: Range<usize>, track: &Track) -> Vec<(usize, Row)> {
    range
        .filter_map(|i| {
            let row = &rows[i];
            let segments: Vec<Segment> = row
                .segments
                .iter()
                .filter(|s| track.holds(s))
                .cloned()
                .collect();
            let first = segments.first()?;
            Some((
                i,
                Row {
                    baseline: first.baseline,
                    top: row.top,
                    bottom: row.bottom,
                    size: segments.iter().fold(first.size, |m, s| m.max(s.size)),
                    upright: row.upright,
                    segments,
                },
            ))
        })
        .collect()
}

/// The cells of a table, row by row and, in a row, left to right; a cell's lines are
/// the pieces of its track from its row's first line to the next row's.
fn table_blocks(
    rows: &[Row],
    range: Range<usize>,
    tracks: &[Track],
    starts: &[usize],
    table: Table,
) -> Vec<PageBlock> {
    let mut cells = Vec::new();
    for (n, &start) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(range.end);
        for (t, track) in tracks.iter().enumerate() {
            let pieces: Vec<(usize, &Segment)> = (start..end)
                .flat_map(|i| {
                    rows[i]
                        .segments
                        .iter()
                        .filter(|s| track.holds(s))
                        .map(move |s| (i, s))
                })
                .collect();
            let Some(&(first_row, first)) = pieces.first() else {
                continue;
            };
            cells.push(PageBlock {
                kind: Kind::Cell {
                    table,
                    row: n as u32 + 1,
                    column: t as u32 + 1,
                },
                lines: pieces.iter().map(|(_, s)| s.text.clone()).collect(),
                line: first_row as u32 + 1,
                size: first.size,
                left: first.left,
                rotated: false,
                raised_label: None,
            });
        }
    }
    cells
}

/// Lay out rows that flow (`(index on the page, row)`, top to bottom) into blocks, in
/// reading order; see the module docs.
fn flow_blocks(
    rows: &[(usize, &Row)],
    running: &[Option<Running>],
    style: &Style,
) -> Vec<PageBlock> {
    // Blocks that may still grow, and finished ones. Keeping the first list to blocks
    // within reach of the current row bounds the work per row.
    let mut open: Vec<Open> = Vec::new();
    let mut done: Vec<PageBlock> = Vec::new();
    for &(index, row) in rows {
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
                raised_label: None,
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
                raised_label: None,
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
                        raised_label: seg.leading_mark.clone(),
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
                baseline,
                marks: Vec::new(),
                leading_mark: None,
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
                    Kind::Footnote { label, .. } => format!("note {label}"),
                    Kind::Cell { table, row, column } => {
                        format!("cell {} {row} {column}", table.number)
                    }
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

    /// A row of several segments: (text, left) each, on one baseline.
    fn pieces(parts: &[(&str, f32)], baseline: f32) -> Row {
        let mut out = row(parts[0].0, parts[0].1, baseline);
        for (text, left) in &parts[1..] {
            out.segments
                .push(row(text, *left, baseline).segments.remove(0));
        }
        out
    }

    /// Rows from page columns given as (text, left, baseline) lines, merged by baseline
    /// as `lines::rows` would merge them, top to bottom.
    fn merge(lines: &[(String, f32, f32)]) -> Vec<Row> {
        let mut sorted: Vec<&(String, f32, f32)> = lines.iter().collect();
        sorted.sort_by(|a, b| a.2.total_cmp(&b.2).then(a.1.total_cmp(&b.1)));
        let mut rows: Vec<Row> = Vec::new();
        for (text, left, baseline) in sorted {
            match rows.last_mut() {
                Some(last) if last.baseline == *baseline => last
                    .segments
                    .push(row(text, *left, *baseline).segments.remove(0)),
                _ => rows.push(row(text, *left, *baseline)),
            }
        }
        rows
    }

    /// A full line of a 36-character column (216pt at 6pt a character): `tag` then
    /// words up to the width.
    fn full(tag: &str) -> String {
        let mut text = tag.to_string();
        while text.len() < 36 {
            text.push_str(" sector");
        }
        text.truncate(36);
        text.trim_end().to_string()
    }

    /// A paragraph of `n` full lines and a short last one, at `left` from `top`.
    fn paragraph(tag: &str, n: usize, left: f32, top: f32) -> Vec<(String, f32, f32)> {
        let mut lines: Vec<(String, f32, f32)> = (0..n)
            .map(|i| (full(&format!("{tag}{i}")), left, top + 14.0 * i as f32))
            .collect();
        lines.push((format!("{tag} ends."), left, top + 14.0 * n as f32));
        lines
    }

    /// A two-column page body from 100pt: left column at 72pt, right at 324pt, their
    /// paragraph breaks at different heights.
    fn two_columns() -> Vec<(String, f32, f32)> {
        let mut lines = paragraph("L1-", 3, 72.0, 100.0); // 100..142
        lines.extend(paragraph("L2-", 4, 72.0, 170.0)); // 170..226
        lines.extend(paragraph("R1-", 1, 324.0, 100.0)); // 100..114
        lines.extend(paragraph("R2-", 5, 324.0, 142.0)); // 142..212
        lines.extend(paragraph("R3-", 1, 324.0, 240.0)); // 240..254
        lines
    }

    fn first_lines(blocks: &[(String, Vec<String>, u32)]) -> Vec<String> {
        blocks.iter().map(|b| b.1[0].clone()).collect()
    }

    #[test]
    fn a_two_column_region_is_read_column_by_column() {
        let blocks = layout(&merge(&two_columns()));
        assert_eq!(
            first_lines(&blocks),
            [
                full("L1-0"),
                full("L2-0"),
                full("R1-0"),
                full("R2-0"),
                full("R3-0")
            ],
            "{blocks:#?}"
        );
        // Each paragraph keeps all its lines although the other column breaks beside it.
        let counts: Vec<usize> = blocks.iter().map(|b| b.1.len()).collect();
        assert_eq!(counts, [4, 5, 2, 6, 2]);
        assert!(blocks.iter().all(|b| b.0 == "p"));
    }

    #[test]
    fn a_full_width_title_and_paragraphs_around_columns_stay_in_place() {
        let wide = "The Council and the voluntary sector agreed these principles for all";
        let mut lines = vec![
            ("Community Matters: Funding Review".to_string(), 190.0, 60.0),
            (wide.to_string(), 72.0, 80.0),
            // The last line of the full-width paragraph is as short as a column line.
            ("partners in 2027.".to_string(), 72.0, 94.0),
        ];
        lines.extend(
            two_columns()
                .into_iter()
                .map(|(text, left, baseline)| (text, left, baseline + 20.0)),
        );
        // Below the columns (the right one ends at 274pt): a line no wider than a column,
        // then a full-width paragraph.
        lines.push((
            "Published by the Partnerships Team.".to_string(),
            72.0,
            302.0,
        ));
        lines.push((wide.to_string(), 72.0, 330.0));
        lines.push(("Printed March 2027.".to_string(), 72.0, 344.0));
        let blocks = layout(&merge(&lines));
        assert_eq!(
            first_lines(&blocks),
            [
                "Community Matters: Funding Review".to_string(),
                wide.to_string(),
                full("L1-0"),
                full("L2-0"),
                full("R1-0"),
                full("R2-0"),
                full("R3-0"),
                "Published by the Partnerships Team.".to_string(),
                wide.to_string(),
            ],
            "{blocks:#?}"
        );
        assert_eq!(blocks[1].1, [wide, "partners in 2027."]);
        assert_eq!(blocks[8].1, [wide, "Printed March 2027."]);
    }

    /// A table with its header: cells of a row start on one baseline, rows are 18pt
    /// apart and a cell's lines 14pt, below a paragraph that sets the leading.
    fn table() -> Vec<Row> {
        let mut rows = vec![
            row(FULL, 72.0, 60.0),
            row(FULL, 72.0, 74.0),
            row("twelve weeks.", 72.0, 88.0),
        ];
        rows.extend([
            pieces(
                &[("Commitment", 72.0), ("Owner", 250.0), ("Deadline", 380.0)],
                110.0,
            ),
            pieces(
                &[
                    ("Consult the sector for", 72.0),
                    ("Council", 250.0),
                    ("March 2027", 380.0),
                ],
                128.0,
            ),
            row("twelve weeks", 72.0, 142.0),
            pieces(
                &[
                    ("Give three months'", 72.0),
                    ("All funders", 250.0),
                    ("June 2027", 380.0),
                ],
                160.0,
            ),
            pieces(
                &[("notice in writing", 72.0), ("and partners", 250.0)],
                174.0,
            ),
            row("with reasons", 72.0, 188.0),
        ]);
        rows.push(row(FULL, 72.0, 210.0));
        rows
    }

    #[test]
    fn a_table_becomes_cells_row_by_row_with_wrapped_cells_joined() {
        let blocks = layout(&table());
        let cells: Vec<(String, String)> = blocks
            .iter()
            .map(|b| (b.0.clone(), b.1.join("|")))
            .collect();
        let cell = |r, c, text: &str| (format!("cell 0 {r} {c}"), text.to_string());
        assert_eq!(
            cells,
            [
                ("p".to_string(), format!("{FULL}|{FULL}|twelve weeks.")),
                cell(1, 1, "Commitment"),
                cell(1, 2, "Owner"),
                cell(1, 3, "Deadline"),
                cell(2, 1, "Consult the sector for|twelve weeks"),
                cell(2, 2, "Council"),
                cell(2, 3, "March 2027"),
                cell(3, 1, "Give three months'|notice in writing|with reasons"),
                cell(3, 2, "All funders|and partners"),
                cell(3, 3, "June 2027"),
                ("p".to_string(), FULL.to_string()),
            ]
        );
    }

    #[test]
    fn a_larger_heading_just_above_a_table_is_not_part_of_it() {
        // A 16pt heading across two columns, one 12pt leading above the header row.
        let mut heading = row("Table of commitments and owners", 72.0, 96.0);
        heading.size = 16.0;
        heading.segments[0].size = 16.0;
        let mut rows = table();
        rows.insert(3, heading);
        let blocks = layout(&rows);
        let kinds: Vec<&str> = blocks.iter().map(|b| b.0.as_str()).collect();
        assert_eq!(kinds[..3], ["p", "p", "cell 0 1 1"], "{blocks:#?}");
        assert_eq!(blocks.iter().filter(|b| b.0.starts_with("cell")).count(), 9);
    }

    #[test]
    fn header_cells_set_at_the_bottom_of_their_row_are_one_row() {
        // pandoc's header cells sit at the bottom: "Proposed deadline" wraps, so the
        // other headings are on the row's second line.
        let mut rows = table();
        for r in &mut rows[4..] {
            r.baseline += 14.0;
            for s in &mut r.segments {
                s.baseline += 14.0;
            }
        }
        rows[3] = row("Proposed", 380.0, 110.0);
        rows.insert(
            4,
            pieces(
                &[("Commitment", 72.0), ("Owner", 250.0), ("deadline", 380.0)],
                124.0,
            ),
        );
        let blocks = layout(&rows);
        let header: Vec<(&str, String)> = blocks[1..4]
            .iter()
            .map(|b| (b.0.as_str(), b.1.join("|")))
            .collect();
        assert_eq!(
            header,
            [
                ("cell 0 1 1", "Commitment".to_string()),
                ("cell 0 1 2", "Owner".to_string()),
                ("cell 0 1 3", "Proposed|deadline".to_string())
            ],
            "{blocks:#?}"
        );
    }

    #[test]
    fn prose_side_by_side_whose_paragraphs_start_together_is_a_table_not_columns() {
        // Two wide tracks of wrapped prose, but each pair of paragraphs starts on one
        // baseline, 18pt below the pair above: rows of a table ("Risk" | "Mitigation").
        let mut lines = Vec::new();
        for (n, top) in [(1, 100.0), (2, 160.0), (3, 220.0)] {
            lines.extend(paragraph(&format!("L{n}-"), 3, 72.0, top));
            lines.extend(paragraph(&format!("R{n}-"), 3, 324.0, top));
        }
        let blocks = layout(&merge(&lines));
        let kinds: Vec<&str> = blocks.iter().map(|b| b.0.as_str()).collect();
        assert_eq!(
            kinds,
            [
                "cell 0 1 1",
                "cell 0 1 2",
                "cell 0 2 1",
                "cell 0 2 2",
                "cell 0 3 1",
                "cell 0 3 2"
            ]
        );
        assert_eq!(blocks[1].1[0], full("R1-0"));
        assert_eq!(blocks[1].1.len(), 4);
    }

    /// A paragraph at 14pt leading, then rows of (left piece, right piece) 18pt apart.
    fn two_pieces_a_row(items: &[(&str, f32, &str, f32)]) -> Vec<Row> {
        let mut rows: Vec<Row> = (0..5)
            .map(|i| row(FULL, 72.0, 20.0 + 14.0 * i as f32))
            .collect();
        for (i, (a, a_left, b, b_left)) in items.iter().enumerate() {
            rows.push(pieces(
                &[(a, *a_left), (b, *b_left)],
                100.0 + 18.0 * i as f32,
            ));
        }
        rows
    }

    fn no_cells_and_read_row_by_row(rows: &[Row]) {
        let blocks = layout(rows);
        assert!(
            blocks.iter().all(|b| !b.0.starts_with("cell")),
            "{blocks:#?}"
        );
        let lines: Vec<&str> = blocks
            .iter()
            .flat_map(|b| &b.1)
            .map(String::as_str)
            .collect();
        let expected: Vec<&str> = rows
            .iter()
            .flat_map(|r| r.segments.iter().map(|s| s.text.as_str()))
            .collect();
        assert_eq!(lines, expected);
    }

    #[test]
    fn a_contents_list_with_page_numbers_is_not_a_table() {
        no_cells_and_read_row_by_row(&two_pieces_a_row(&[
            ("Purpose of the report", 72.0, "1", 500.0),
            ("Compact commitments and progress", 72.0, "3", 500.0),
            ("Equality impact assessment", 72.0, "7", 500.0),
            ("Recommendation", 72.0, "12", 494.0),
        ]));
    }

    #[test]
    fn a_list_with_tab_separated_labels_is_not_a_table() {
        no_cells_and_read_row_by_row(&two_pieces_a_row(&[
            ("(a)", 72.0, "consult for at least twelve weeks;", 144.0),
            ("(b)", 72.0, "give three months' notice in writing;", 144.0),
            ("(c)", 72.0, "give reasons for any decision.", 144.0),
        ]));
        no_cells_and_read_row_by_row(&two_pieces_a_row(&[
            (
                "Report of:",
                72.0,
                "Corporate Director of Neighbourhoods",
                200.0,
            ),
            ("Date:", 72.0, "12 March 2027", 200.0),
            ("Ward(s):", 72.0, "All", 200.0),
        ]));
    }

    #[test]
    fn a_form_to_fill_in_is_not_a_table() {
        no_cells_and_read_row_by_row(&two_pieces_a_row(&[
            ("Name: ____________", 72.0, "Date: ________", 300.0),
            (
                "Organisation: ______",
                72.0,
                "Charity number: ______",
                300.0,
            ),
            ("Signed: ____________", 72.0, "Position: ________", 300.0),
        ]));
    }

    #[test]
    fn odd_pages_do_not_panic() {
        assert!(layout(&[]).is_empty());
        assert_eq!(layout(&[row("x", 0.0, 0.0)]).len(), 1);
        let mut empty = row("x", 72.0, 100.0);
        empty.segments.clear();
        let _ = layout(&[empty.clone(), row(FULL, 72.0, 114.0), empty]);
        // Far apart and overlapping pieces, huge coordinates, rows out of order.
        let rows = [
            pieces(&[("a", 1e7), ("b", -1e7), ("c", 1e7)], 5e6),
            pieces(&[("d", 0.0), ("e", 0.0)], -5e6),
            row("f", f32::MAX / 4.0, 1.0),
        ];
        let _ = layout(&rows);
        // Many rows of many pieces: quick.
        let many: Vec<Row> = (0..2000)
            .map(|i| {
                let parts: Vec<(String, f32)> = (0..20)
                    .map(|j| (format!("{i}.{j}"), 40.0 * j as f32))
                    .collect();
                let refs: Vec<(&str, f32)> = parts.iter().map(|(t, l)| (t.as_str(), *l)).collect();
                pieces(&refs, 14.0 * i as f32)
            })
            .collect();
        let start = std::time::Instant::now();
        let _ = layout(&many);
        assert!(start.elapsed() < std::time::Duration::from_secs(5));
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
