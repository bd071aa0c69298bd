//! Page structure: which bands of a page's rows are set in columns, which hold a table,
//! and which simply flow, so that [`layout`](super::layout) can read each in its order.
//!
//! A band is a candidate when its rows leave a *gutter*: an upright strip, at least
//! [`MIN_GUTTER`] ems wide, that no segment of any of its rows crosses. Rows are taken
//! top to bottom and a band grows until a row closes every gutter (a full-width title or
//! paragraph line). The strips between gutters are the band's *tracks*. A candidate is
//! then either
//! - **columns**, when every track is wide ([`MIN_COLUMN_EMS`] ems and a fifth of the
//!   text width) and holds prose: at least three lines, most of them filled to the
//!   track's right edge and wrapping into the next one ([`Page::is_prose`]); and the
//!   paragraphs on the two sides of each gutter start at different heights (in a table
//!   they start together, row by row; [`starts_misaligned`]). The band's first row is
//!   left out when it is the short last line of the full-width paragraph above (at line
//!   spacing, on its left edge), and so are rows of the first track alone that begin a
//!   paragraph gap and two lines below the end of every other column (a short line under
//!   the columns, not the end of the first column, which balanced columns keep within a
//!   line of the others);
//! - a **table**, when its rows fall into at least three table rows, each starting where
//!   a row is further below the one above than lines within a cell are (cell padding, a
//!   rule, space between rows: a gap across every track at once, which column text
//!   rarely leaves), in which every cell starts on the table row's first line (cells'
//!   tops align); most table rows fill two cells or more, every track has at least two
//!   cells, and each track's cells share a left edge, a right edge or a centre. Rows of
//!   one piece before the first table row or after the last are not part of it. A band
//!   whose last track holds only page numbers (a contents list), whose first track holds
//!   only list labels or "Label:" captions (a list or form set with tabs), or whose
//!   cells have leader dots or underscores (a form, a dotted contents line) is not a
//!   table;
//! - otherwise it flows, read as before: side-by-side pieces row by row.
//!
//! A table cut by a page break is one table ([`join_tables_across_pages`]): the band at
//! the foot of a page and the band at the top of the next, each a table by the tests
//! above however few rows it has, with tracks in the same places and three rows or more
//! between them. A header row the writer repeats on the new page is kept, as a row of
//! its own: it is printed there.
//!
//! Being wrong costs more than missing: a false table or false columns scrambles text a
//! person would have read correctly row by row, so each test asks for clear evidence.
//!
//! Limits: a gutter narrower than the gap that splits a row into segments
//! ([`SEGMENT_GAP`](super::lines::SEGMENT_GAP) ems) is not seen where two columns' lines
//! sit on one baseline; tables without space between rows (no cell padding, no paragraph
//! spacing) are not told from text set with tabs and so flow.

use super::layout::Style;
use super::lines::{is_bullet, is_label, Row, Segment};
use super::running::Running;
use std::ops::Range;

/// A gutter is at least this many ems (of the body size) wide.
pub(super) const MIN_GUTTER: f32 = 0.8;
/// A page column is at least this many ems wide.
pub(super) const MIN_COLUMN_EMS: f32 = 12.0;
/// More tracks than this is scattered text, not columns or a table.
const MAX_TRACKS: usize = 12;
/// A row at most this share of the text width wide may still be part of a band (one
/// column's line, before the other column's first line comes).
const NARROW: f32 = 0.6;

/// A vertical strip of a band, between gutters.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Track {
    pub left: f32,
    pub right: f32,
}

impl Track {
    /// Whether `seg` belongs to this track: its middle lies inside it.
    pub fn holds(&self, seg: &Segment) -> bool {
        let middle = (seg.left + seg.right) / 2.0;
        middle >= self.left && middle <= self.right
    }

    fn width(&self) -> f32 {
        self.right - self.left
    }
}

/// A band of consecutive rows of a page and how it is read.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Region {
    /// Read as one flow.
    Flow(Range<usize>),
    /// Read track by track, left to right, each top to bottom.
    Columns {
        rows: Range<usize>,
        tracks: Vec<Track>,
    },
    /// Table cells: `starts` are the rows where table rows begin; `continued` when the
    /// table goes on from the foot of the page before.
    Table {
        rows: Range<usize>,
        tracks: Vec<Track>,
        starts: Vec<usize>,
        continued: bool,
    },
}

impl Region {
    /// A table's number of rows; 0 for other regions.
    fn table_rows(&self) -> usize {
        match self {
            Region::Table { starts, .. } => starts.len(),
            _ => 0,
        }
    }

    fn rows(&self) -> Range<usize> {
        match self {
            Region::Flow(rows) | Region::Columns { rows, .. } | Region::Table { rows, .. } => {
                rows.clone()
            }
        }
    }
}

/// A page's regions, and the bands at its top and foot where a table may have been cut
/// by a page break.
pub(super) struct PageRegions {
    pub regions: Vec<Region>,
    /// The band that starts at the page's first body row.
    head: Option<Range<usize>>,
    /// The band that ends at the page's last body row.
    tail: Option<Range<usize>>,
}

/// Page-wide facts the tests share.
struct Page<'a> {
    rows: &'a [Row],
    eligible: Vec<bool>,
    style: &'a Style,
    /// Width of the page's text, from the leftmost to the rightmost segment.
    width: f32,
    gutter: f32,
}

/// Split a page's rows into regions covering every row once, in order.
#[cfg(test)]
pub(super) fn regions(rows: &[Row], running: &[Option<Running>], style: &Style) -> Vec<Region> {
    page_regions(rows, running, style).regions
}

/// Split a page's rows into regions covering every row once, in order, noting the bands
/// at its top and foot for [`join_tables_across_pages`].
pub(super) fn page_regions(
    rows: &[Row],
    running: &[Option<Running>],
    style: &Style,
) -> PageRegions {
    let page = Page::new(rows, running, style);
    let first = page.eligible.iter().position(|e| *e);
    let last = page.eligible.iter().rposition(|e| *e);
    let (mut head, mut tail) = (None, None);
    let mut found: Vec<Region> = Vec::new();
    let mut i = 0;
    while i < rows.len() {
        let band = page.band_from(i);
        if Some(band.start) == first {
            head = Some(band.clone());
        }
        if last.is_some_and(|last| band.contains(&last)) {
            tail = Some(band.clone());
        }
        if band.len() >= 3 {
            if let Some(region) = page
                .columns(band.clone())
                .or_else(|| page.table(band.clone(), 3))
            {
                found.push(region);
            }
        }
        i = band.end.max(i + 1);
    }
    PageRegions {
        regions: with_flows_between(found, rows.len()),
        head,
        tail,
    }
}

/// A page's rows, with what its running-text classification says of them.
pub(super) struct PageRows<'a> {
    pub rows: &'a [Row],
    pub running: &'a [Option<Running>],
}

/// Tables cut by a page break: where the band at the foot of one page and the band at
/// the top of the next are both tables, counting rows as low as one, with tracks in the
/// same places, and have three rows or more between them, both become tables and the
/// second continues the first. A table split this way is common (a long table, a table
/// near the foot of a page), and its two parts are often too short on their own.
pub(super) fn join_tables_across_pages(
    pages: &[PageRows],
    style: &Style,
    regions: &mut [PageRegions],
) {
    for p in 1..pages.len().min(regions.len()) {
        let (Some(tail), Some(head)) = (regions[p - 1].tail.clone(), regions[p].head.clone())
        else {
            continue;
        };
        let before = Page::new(pages[p - 1].rows, pages[p - 1].running, style);
        let after = Page::new(pages[p].rows, pages[p].running, style);
        let (Some(end), Some(start)) = (before.table(tail, 1), after.table(head, 1)) else {
            continue;
        };
        let (
            Region::Table {
                rows: end_rows,
                tracks: end_tracks,
                starts: end_starts,
                ..
            },
            Region::Table {
                rows: start_rows,
                tracks: start_tracks,
                ..
            },
        ) = (&end, &start)
        else {
            continue;
        };
        let at_the_foot = before.eligible.iter().rposition(|e| *e) == Some(end_rows.end - 1);
        let at_the_top = after.eligible.iter().position(|e| *e) == Some(start_rows.start);
        let rows = end_starts.len() + start.table_rows();
        if !at_the_foot || !at_the_top || rows < 3 || !same_tracks(end_tracks, start_tracks) {
            continue;
        }
        let continued = match start {
            Region::Table {
                rows,
                tracks,
                starts,
                ..
            } => Region::Table {
                rows,
                tracks,
                starts,
                continued: true,
            },
            other => other,
        };
        // A table found already at the foot stays as it is: it may itself continue from
        // the page before (a table over three pages).
        let found_already = regions[p - 1]
            .regions
            .iter()
            .any(|r| matches!(r, Region::Table { .. }) && r.rows() == end.rows());
        if found_already || replace_with(&mut regions[p - 1].regions, end) {
            replace_with(&mut regions[p].regions, continued);
        }
    }
}

/// Put `table` among `regions`, in place of the flow rows it covers or of a table of
/// the same rows, and say so; not where it would overlap columns or another table.
fn replace_with(regions: &mut Vec<Region>, table: Region) -> bool {
    let rows = table.rows();
    let in_the_way = |r: &Region| match r {
        Region::Flow(_) => false,
        Region::Table { .. } if r.rows() == rows => false,
        _ => r.rows().start < rows.end && rows.start < r.rows().end,
    };
    if regions.iter().any(in_the_way) {
        return false;
    }
    let len = regions.last().map_or(0, |r| r.rows().end);
    let mut found: Vec<Region> = std::mem::take(regions)
        .into_iter()
        .filter(|r| !matches!(r, Region::Flow(_)) && r.rows() != rows)
        .collect();
    found.push(table);
    found.sort_by_key(|r| r.rows().start);
    *regions = with_flows_between(found, len);
    true
}

/// Whether two tables' tracks are the same columns: as many, each overlapping its
/// counterpart, the first starting within 3pt.
fn same_tracks(a: &[Track], b: &[Track]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(a, b)| a.left < b.right && b.left < a.right)
        && a.first()
            .zip(b.first())
            .is_some_and(|(a, b)| (a.left - b.left).abs() <= 3.0)
}

/// Fill the rows not in `found` (ordered, disjoint) with flow regions.
fn with_flows_between(found: Vec<Region>, len: usize) -> Vec<Region> {
    let mut out = Vec::with_capacity(2 * found.len() + 1);
    let mut next = 0;
    for region in found {
        let range = region.rows();
        if range.start > next {
            out.push(Region::Flow(next..range.start));
        }
        next = range.end;
        out.push(region);
    }
    if next < len {
        out.push(Region::Flow(next..len));
    }
    out
}

/// Add the x-extent `left..right` to sorted, disjoint tracks, merging what comes within
/// `gutter` of it.
fn add_extent(tracks: &mut Vec<Track>, left: f32, right: f32, gutter: f32) {
    let mut merged = Track { left, right };
    tracks.retain(|t| {
        let apart = t.left - merged.right >= gutter || merged.left - t.right >= gutter;
        if !apart {
            merged.left = merged.left.min(t.left);
            merged.right = merged.right.max(t.right);
        }
        apart
    });
    // Merging can bring the new track within reach of one it skipped; one more pass
    // settles it, since tracks are disjoint and sorted.
    let at = tracks.partition_point(|t| t.left < merged.left);
    tracks.insert(at, merged);
    let mut i = 0;
    while i + 1 < tracks.len() {
        if tracks[i + 1].left - tracks[i].right < gutter {
            tracks[i].right = tracks[i].right.max(tracks[i + 1].right);
            tracks.remove(i + 1);
        } else {
            i += 1;
        }
    }
}

/// The tracks of `rows`: their segments' extents merged across narrow gaps.
fn tracks_of<'a>(rows: impl IntoIterator<Item = &'a Row>, gutter: f32) -> Vec<Track> {
    let mut tracks = Vec::new();
    for row in rows {
        for seg in &row.segments {
            add_extent(&mut tracks, seg.left, seg.right, gutter);
            if tracks.len() > MAX_TRACKS {
                return tracks;
            }
        }
    }
    tracks
}

/// One row's text within one track, as the tests below see it.
#[derive(Debug, Clone, Copy)]
struct Line {
    baseline: f32,
    left: f32,
    right: f32,
    first_word_right: f32,
    size: f32,
}

impl Line {
    /// The part of `row` that lies in `track`, if any.
    fn of(row: &Row, track: &Track) -> Option<Line> {
        let mut segs = row.segments.iter().filter(|s| track.holds(s));
        let first = segs.next()?;
        let right = segs.fold(first.right, |r, s| r.max(s.right));
        Some(Line {
            baseline: first.baseline,
            left: first.left,
            right,
            first_word_right: first.first_word_right,
            size: first.size,
        })
    }
}

impl<'a> Page<'a> {
    fn new(rows: &'a [Row], running: &[Option<Running>], style: &'a Style) -> Page<'a> {
        let eligible: Vec<bool> = rows
            .iter()
            .enumerate()
            .map(|(i, row)| {
                row.upright
                    && running.get(i).copied().flatten().is_none()
                    && !row.segments.is_empty()
            })
            .collect();
        let (left, right) = rows
            .iter()
            .zip(&eligible)
            .filter(|(_, e)| **e)
            .fold((f32::INFINITY, f32::NEG_INFINITY), |(l, r), (row, _)| {
                (l.min(row.left()), r.max(row.right()))
            });
        Page {
            rows,
            eligible,
            style,
            width: (right - left).max(0.0),
            gutter: MIN_GUTTER * style.body_size.max(1.0),
        }
    }

    /// The largest band of rows from `start` that keeps a gutter: see the module docs.
    /// A band that cannot start here is `start..start + 1`.
    fn band_from(&self, start: usize) -> Range<usize> {
        let wide = |tracks: &[Track]| tracks.len() == 1 && tracks[0].width() > NARROW * self.width;
        if !self.eligible[start] {
            return start..start + 1;
        }
        let mut tracks = tracks_of([&self.rows[start]], self.gutter);
        if wide(&tracks) || tracks.len() > MAX_TRACKS {
            return start..start + 1;
        }
        let mut end = start + 1;
        while end < self.rows.len() && self.eligible[end] {
            let mut next = tracks.clone();
            for seg in &self.rows[end].segments {
                add_extent(&mut next, seg.left, seg.right, self.gutter);
            }
            if wide(&next) || next.len() > MAX_TRACKS {
                break;
            }
            tracks = next;
            end += 1;
        }
        start..end
    }

    /// The rows of `rows` that have text in `track`, as lines.
    fn lines(&self, rows: Range<usize>, track: &Track) -> Vec<Line> {
        rows.filter_map(|i| Line::of(&self.rows[i], track))
            .collect()
    }

    /// Whether `below` is the next line of the same paragraph as `above` in a track
    /// whose text reaches `right`: at line spacing, the same size, and the line above
    /// too full to have taken the first word of this one (a wrap, not a line break).
    fn wraps(&self, above: &Line, below: &Line, right: f32) -> bool {
        let size = above.size;
        let d = below.baseline - above.baseline;
        let spacing = d >= 0.8 * size && d <= 1.7 * size;
        let same_size = (below.size - size).abs() <= 0.12 * size;
        let room = right - above.right;
        let first_word = below.first_word_right - below.left;
        spacing && same_size && room <= first_word + 0.25 * size + 1.0
    }

    /// The baselines where paragraphs start in a track: lines that do not wrap on from
    /// the line above.
    fn starts(&self, lines: &[Line], right: f32) -> Vec<f32> {
        lines
            .iter()
            .enumerate()
            .filter(|(i, line)| *i == 0 || !self.wraps(&lines[i - 1], line, right))
            .map(|(_, line)| line.baseline)
            .collect()
    }

    /// Whether a track's lines read as prose: enough lines, most wrapping into the next.
    fn is_prose(&self, lines: &[Line], right: f32) -> bool {
        let wraps = lines
            .windows(2)
            .filter(|pair| self.wraps(&pair[0], &pair[1], right))
            .count();
        lines.len() >= 3 && wraps >= 2 && wraps * 2 >= lines.len() - 1
    }

    /// Whether the last line of the text above `start` goes on in row `start`: the short
    /// last line of a full-width paragraph, left behind in a band of columns.
    fn continues_from_above(&self, start: usize) -> bool {
        let Some(above) = start.checked_sub(1) else {
            return false;
        };
        let (above, row) = (&self.rows[above], &self.rows[start]);
        if !self.eligible[start - 1] || row.segments.len() != 1 || above.segments.len() != 1 {
            return false;
        }
        let d = row.baseline - above.baseline;
        let tolerance = (0.6 * row.size).max(3.0);
        d > 0.0
            && d <= self.style.leading(above.size) * 1.15 + 0.5
            && (row.left() - above.left()).abs() <= tolerance
    }

    /// The band as columns, if it is set in columns; see the module docs.
    fn columns(&self, band: Range<usize>) -> Option<Region> {
        let mut rows = band;
        if self.continues_from_above(rows.start) {
            rows.start += 1;
        }
        let tracks = tracks_of(&self.rows[rows.clone()], self.gutter);
        if !(2..=4).contains(&tracks.len()) {
            return None;
        }
        rows.end = self.end_of_columns(rows.clone(), &tracks);
        let tracks = tracks_of(&self.rows[rows.clone()], self.gutter);
        if !(2..=4).contains(&tracks.len()) {
            return None;
        }
        let min_width = (MIN_COLUMN_EMS * self.style.body_size).max(0.2 * self.width);
        let mut previous_starts: Option<Vec<f32>> = None;
        for track in &tracks {
            let lines = self.lines(rows.clone(), track);
            if track.width() < min_width || !self.is_prose(&lines, track.right) {
                return None;
            }
            let starts = self.starts(&lines, track.right);
            let first = self.rows[rows.start].baseline;
            if let Some(before) = &previous_starts {
                if !starts_misaligned(before, &starts, first, self.style.body_size) {
                    return None;
                }
            }
            previous_starts = Some(starts);
        }
        Some(Region::Columns { rows, tracks })
    }

    /// Where the columns of `rows` end: before trailing rows of the first track alone
    /// that begin, after a paragraph gap, at least two lines below the last line of every
    /// other track (a short full-width paragraph under the columns, not the end of the
    /// first column, which balanced columns keep within a line of the others).
    fn end_of_columns(&self, rows: Range<usize>, tracks: &[Track]) -> usize {
        let in_first_only = |i: usize| self.rows[i].segments.iter().all(|s| tracks[0].holds(s));
        let Some(last_other) = rows.clone().rev().find(|i| !in_first_only(*i)) else {
            return rows.end;
        };
        let bottom = self.rows[last_other].baseline;
        for i in last_other + 1..rows.end {
            let row = &self.rows[i];
            let leading = self.style.leading(row.size);
            let gap = row.baseline - self.rows[i - 1].baseline;
            if row.baseline >= bottom + 2.0 * leading && gap >= 1.5 * leading {
                return i;
            }
        }
        rows.end
    }

    /// The band as a table of at least `min_rows` rows, if it is one; see the module
    /// docs.
    fn table(&self, band: Range<usize>, min_rows: usize) -> Option<Region> {
        let (mut starts, mut end) = (Vec::new(), band.start);
        let two_pieces =
            |rows: Range<usize>| rows.into_iter().any(|i| self.rows[i].segments.len() >= 2);
        for i in band.clone() {
            if let Some(&first) = starts.first() {
                let d = self.rows[i].baseline - self.rows[i - 1].baseline;
                if d > 3.0 * self.style.leading(self.rows[i - 1].size) {
                    // A wide gap ends the table, or, before any row of two pieces, the
                    // text above it.
                    if two_pieces(first..i) {
                        break;
                    }
                    starts.clear();
                } else if self.next_line_of_cell(i - 1, i) {
                    end = i + 1;
                    continue;
                }
            }
            starts.push(i);
            end = i + 1;
        }
        // Table rows of one piece before the first row of two or more, or after the last,
        // are text above or below the table (the short last line of a paragraph).
        let row_end = |n: usize, starts: &[usize]| starts.get(n + 1).copied().unwrap_or(end);
        let first = (0..starts.len()).find(|n| two_pieces(starts[*n]..row_end(*n, &starts)));
        starts.drain(..first.unwrap_or(starts.len()));
        while let Some(&last) = starts.last() {
            if two_pieces(last..end) {
                break;
            }
            end = last;
            starts.pop();
        }
        let &start = starts.first()?;
        if starts.len() < min_rows.max(1) {
            return None;
        }
        let rows = start..end;
        let tracks = tracks_of(&self.rows[rows.clone()], self.gutter);
        let table = Table {
            page: self,
            rows: rows.clone(),
            tracks: &tracks,
            starts: &starts,
        };
        table.is_table(min_rows).then(|| Region::Table {
            rows,
            tracks: tracks.clone(),
            starts: starts.clone(),
            continued: false,
        })
    }

    /// Whether row `below` can hold the next lines of the cells of row `above`: the same
    /// size of text, at most a little over the leading below it. Anything further down
    /// starts a new table row.
    fn next_line_of_cell(&self, above: usize, below: usize) -> bool {
        let (above, below) = (&self.rows[above], &self.rows[below]);
        let d = below.baseline - above.baseline;
        (below.size - above.size).abs() <= 0.12 * above.size
            && d <= self.style.leading(above.size) * 1.15 + 0.5
    }
}

/// Whether paragraph starts on two sides of a gutter mostly fall at different heights,
/// as in column text. The first row, where columns start together, does not count; one
/// more coincidence is allowed, and otherwise at most a third of the smaller side's
/// starts may line up with the other side's.
fn starts_misaligned(left: &[f32], right: &[f32], first: f32, size: f32) -> bool {
    let near = |a: f32, b: f32| (a - b).abs() <= 0.25 * size;
    let left: Vec<f32> = left.iter().copied().filter(|b| !near(*b, first)).collect();
    let right: Vec<f32> = right.iter().copied().filter(|b| !near(*b, first)).collect();
    let (mut i, mut j, mut aligned) = (0, 0, 0usize);
    while i < left.len() && j < right.len() {
        if near(left[i], right[j]) {
            aligned += 1;
            i += 1;
            j += 1;
        } else if left[i] < right[j] {
            i += 1;
        } else {
            j += 1;
        }
    }
    let fewer = left.len().min(right.len());
    aligned <= 1 || aligned * 3 <= fewer
}

/// A candidate table, for its tests.
struct Table<'a> {
    page: &'a Page<'a>,
    rows: Range<usize>,
    tracks: &'a [Track],
    starts: &'a [usize],
}

impl Table<'_> {
    /// The rows of table row `n`.
    fn row_range(&self, n: usize) -> Range<usize> {
        let end = self.starts.get(n + 1).copied().unwrap_or(self.rows.end);
        self.starts[n]..end
    }

    /// For table row `n` and each track: the segments of its cell, top to bottom.
    fn cells(&self, n: usize) -> Vec<Vec<(usize, &Segment)>> {
        let mut cells = vec![Vec::new(); self.tracks.len()];
        for i in self.row_range(n) {
            for seg in &self.page.rows[i].segments {
                if let Some(t) = self.tracks.iter().position(|t| t.holds(seg)) {
                    cells[t].push((i, seg));
                }
            }
        }
        cells
    }

    /// Whether the candidate is a table; `min_rows` below 2 lets a track have one cell
    /// (a table cut by a page break).
    fn is_table(&self, min_rows: usize) -> bool {
        let k = self.tracks.len();
        if !(2..=MAX_TRACKS).contains(&k) {
            return false;
        }
        // One piece per track per line: two would be one cell split by a wide gap, or
        // text across cells.
        for i in self.rows.clone() {
            let mut seen = vec![false; k];
            for seg in &self.page.rows[i].segments {
                match self.tracks.iter().position(|t| t.holds(seg)) {
                    Some(t) if !seen[t] => seen[t] = true,
                    _ => return false,
                }
            }
        }
        let all: Vec<Vec<Vec<(usize, &Segment)>>> =
            (0..self.starts.len()).map(|n| self.cells(n)).collect();
        let mut filled_rows_by_track = vec![0usize; k];
        let mut multi = 0;
        for (n, cells) in all.iter().enumerate() {
            let Range { start, end } = self.row_range(n);
            let (mut top, mut bottom, mut middle) = (true, true, true);
            let filled = cells.iter().filter(|c| !c.is_empty()).count();
            if filled >= 2 {
                multi += 1;
            }
            for (t, cell) in cells.iter().enumerate() {
                let Some(&(first_row, _)) = cell.first() else {
                    continue;
                };
                filled_rows_by_track[t] += 1;
                let last_row = cell.last().map_or(first_row, |(i, _)| *i);
                top &= first_row == start;
                bottom &= last_row + 1 == end;
                middle &= (first_row + last_row).abs_diff(start + end - 1) <= 1;
            }
            // Cells of a row line up at the top (or, set so, at the bottom or middle).
            if !(top || bottom || middle) {
                return false;
            }
        }
        if multi * 3 < self.starts.len() * 2
            || filled_rows_by_track
                .iter()
                .any(|n| *n < min_rows.clamp(1, 2))
        {
            return false;
        }
        let texts = |t: usize| {
            all.iter()
                .filter_map(move |cells| cells[t].first().map(|(_, s)| s.text.as_str()))
        };
        if texts(k - 1).all(is_page_number) || texts(0).all(is_caption) {
            return false;
        }
        if all
            .iter()
            .flatten()
            .flatten()
            .any(|(_, seg)| has_fill(&seg.text))
        {
            return false;
        }
        (0..k).all(|t| self.edges_align(&all, t))
    }

    /// Whether the cells of track `t` share a left edge, right edge or centre (two
    /// thirds of them, within 4pt of each other): cells are aligned, scattered text is
    /// not.
    fn edges_align(&self, all: &[Vec<Vec<(usize, &Segment)>>], t: usize) -> bool {
        let firsts: Vec<&Segment> = all
            .iter()
            .filter_map(|cells| cells[t].first().map(|(_, s)| *s))
            .collect();
        let shared = |edge: &dyn Fn(&Segment) -> f32| {
            let mut edges: Vec<f32> = firsts.iter().map(|s| edge(s)).collect();
            edges.sort_by(f32::total_cmp);
            most_within(&edges, 4.0)
        };
        let best = shared(&|s| s.left)
            .max(shared(&|s| s.right))
            .max(shared(&|s| (s.left + s.right) / 2.0));
        best * 3 >= firsts.len() * 2
    }
}

/// The most of `sorted` values that fit in a window `width` wide.
fn most_within(sorted: &[f32], width: f32) -> usize {
    let (mut best, mut start) = (0, 0);
    for (end, value) in sorted.iter().enumerate() {
        while start < end && value - sorted[start] > width {
            start += 1;
        }
        best = best.max(end + 1 - start);
    }
    best
}

/// A page number as a contents list prints it: "7", "12", "iv".
fn is_page_number(text: &str) -> bool {
    let t = text.trim();
    (!t.is_empty() && t.len() <= 3 && t.chars().all(|c| c.is_ascii_digit()))
        || (!t.is_empty() && t.len() <= 6 && t.chars().all(|c| matches!(c, 'i' | 'v' | 'x' | 'l')))
}

/// A list label ("1.", "(a)", "•") or a caption ending in a colon ("Date:"): the first
/// column of a list or form set with tabs.
fn is_caption(text: &str) -> bool {
    let t = text.trim();
    let mut chars = t.chars();
    let lone_bullet = matches!((chars.next(), chars.next()), (Some(c), None) if is_bullet(c));
    lone_bullet || is_label(t) || (t.ends_with(':') && t.split(' ').count() <= 4)
}

/// Whether text has a run of leader dots or underscores: a dotted contents line, or a
/// form's space to write in.
fn has_fill(text: &str) -> bool {
    let mut run = 0;
    for c in text.chars() {
        if matches!(c, '.' | '_' | '…' | '·') {
            run += if c == '…' { 3 } else { 1 };
            if run >= 4 {
                return true;
            }
        } else if c != ' ' {
            run = 0;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn track(left: f32, right: f32) -> Track {
        Track { left, right }
    }

    #[test]
    fn extents_merge_into_tracks_across_narrow_gaps_only() {
        let mut tracks = Vec::new();
        add_extent(&mut tracks, 72.0, 250.0, 8.0);
        add_extent(&mut tracks, 300.0, 500.0, 8.0);
        add_extent(&mut tracks, 80.0, 200.0, 8.0);
        assert_eq!(tracks, [track(72.0, 250.0), track(300.0, 500.0)]);
        add_extent(&mut tracks, 255.0, 296.0, 8.0); // bridges the gutter
        assert_eq!(tracks, [track(72.0, 500.0)]);
    }

    #[test]
    fn a_table_replaces_flow_or_the_same_table_but_not_columns() {
        let table = |rows: Range<usize>, continued| Region::Table {
            rows,
            tracks: vec![track(72.0, 200.0), track(250.0, 400.0)],
            starts: vec![],
            continued,
        };
        let columns = Region::Columns {
            rows: 3..8,
            tracks: vec![],
        };
        let mut regions = vec![Region::Flow(0..3), columns.clone(), Region::Flow(8..12)];
        assert!(!replace_with(&mut regions, table(6..12, false)));
        assert!(replace_with(&mut regions, table(9..12, false)));
        assert_eq!(
            regions,
            [
                Region::Flow(0..3),
                columns.clone(),
                Region::Flow(8..9),
                table(9..12, false)
            ]
        );
        assert!(replace_with(&mut regions, table(9..12, true)));
        assert_eq!(regions.len(), 4);
        assert_eq!(regions[3], table(9..12, true));
    }

    #[test]
    fn tracks_match_across_pages_by_place_not_by_width() {
        let a = [track(72.0, 180.0), track(204.0, 270.0), track(336.0, 410.0)];
        let b = [track(72.5, 160.0), track(204.0, 250.0), track(340.0, 398.0)];
        assert!(same_tracks(&a, &b));
        assert!(!same_tracks(&a, &b[..2]));
        let moved = [track(90.0, 180.0), track(204.0, 250.0), track(340.0, 398.0)];
        assert!(!same_tracks(&a, &moved));
    }

    #[test]
    fn starts_at_the_same_heights_are_a_table_not_columns() {
        let first = 100.0;
        assert!(!starts_misaligned(
            &[100.0, 140.0, 180.0, 220.0],
            &[100.0, 140.0, 180.0, 220.0],
            first,
            10.0
        ));
        assert!(starts_misaligned(
            &[100.0, 150.0, 210.0, 260.0],
            &[100.0, 130.0, 190.0, 260.0],
            first,
            10.0
        ));
    }

    #[test]
    fn most_within_a_window() {
        assert_eq!(most_within(&[], 4.0), 0);
        assert_eq!(most_within(&[72.0, 72.5, 75.9, 80.0, 80.1], 4.0), 3);
        assert_eq!(most_within(&[1.0, 10.0, 20.0], 4.0), 1);
    }

    #[test]
    fn page_numbers_captions_and_fill() {
        for t in ["7", "12", "iv", "xii"] {
            assert!(is_page_number(t), "{t}");
        }
        for t in ["2027", "Council", "£500"] {
            assert!(!is_page_number(t), "{t}");
        }
        for t in ["1.", "(a)", "•", "Date:", "Name of group:"] {
            assert!(is_caption(t), "{t}");
        }
        assert!(!is_caption("Head of Partnerships"));
        assert!(has_fill("Name: ____________"));
        assert!(has_fill("Background . . . . . . 3"));
        assert!(has_fill("Purpose of the report…….."));
        assert!(!has_fill("It ends... and goes on."));
    }
}
