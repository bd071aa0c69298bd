//! Glyphs to lines: grouping characters that share a baseline, putting back the spaces
//! between words, and splitting a line where a wide gap separates independent pieces of
//! text (table columns, a right-aligned page number).
//!
//! A PDF has no lines or spaces as such, only characters at positions; many writers draw
//! no space characters at all and leave a gap instead. So:
//! - a glyph joins the current row when its vertical extent overlaps the row's body by at
//!   least half of the smaller of the two, which keeps superscripts (footnote marks) and
//!   subscripts on their line without merging lines set with tight leading;
//! - a space goes between two glyphs when the text drew one or when the gap between them is
//!   more than [`WORD_GAP`] of the font size (kerning is far smaller, a word space larger);
//! - a gap wider than [`SEGMENT_GAP`] ems that drawn spaces do not fill starts a new
//!   [`Segment`]; only a list label ("•", "2.4", "(a)") followed by a tab stays in one
//!   segment with its text;
//! - a glyph drawn twice at the same place (fake bold) is kept once;
//! - right-to-left text (Arabic, Hebrew, Persian, Urdu), which a PDF stores in visual
//!   order, is put back into reading order ([`put_in_reading_order`], once every page
//!   has been read). The base direction is the document's: right-to-left when most of
//!   its letters are, as in an Arabic leaflet; otherwise left-to-right, as in an English
//!   compact with a page of translations, which a word processor lays out as
//!   left-to-right paragraphs. In a right-to-left document a segment is reversed as a
//!   whole, with runs of left-to-right text and numbers inside it kept as they are; in a
//!   left-to-right one only a segment's right-to-left runs are reversed, so the English
//!   words of a mixed line stay where the writer put them relative to the Arabic.
//!   Deciding per line, or per page, misplaces them: a mostly Arabic line of a
//!   left-to-right paragraph would be read from the right, and so would every line of a
//!   page of translations where Arabic, Farsi and Urdu outnumber the English. The limit
//!   of this rule: a paragraph that its writer set right-to-left inside a left-to-right
//!   document (Word does this for a paragraph typed in Arabic) is read as left-to-right,
//!   so the English words of its mixed lines land on the wrong side of the Arabic; the
//!   words themselves are all kept. Brackets are not mirrored: the fonts' Unicode maps
//!   already give the logical character for a mirrored glyph.
//!
//! Rotated text is kept, one row per show operation, so nothing is dropped.

use super::content::Glyph;

/// A gap wider than this fraction of the font size is a word space.
pub(super) const WORD_GAP: f32 = 0.15;
/// A gap wider than this many ems, not counting drawn spaces, separates segments of a
/// row. Word spaces, even stretched by justification, stay well below it; the padding
/// between table cells and a tab stop exceed it.
pub(super) const SEGMENT_GAP: f32 = 1.2;
/// A list label may be separated from its text by up to this many ems.
const LABEL_GAP: f32 = 6.0;

/// A piece of a row with no wide gaps inside.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Segment {
    /// Words separated by single spaces; no leading or trailing space.
    pub text: String,
    pub left: f32,
    pub right: f32,
    /// The font size most of its characters use.
    pub size: f32,
    /// Where the first word ends (for the line-wrap test in layout).
    pub first_word_right: f32,
    /// Where the second word starts, if there is one (where a list item's text starts).
    pub second_word_left: Option<f32>,
    /// Characters drawn (not counting spaces).
    pub chars: usize,
    /// The baseline of its main text. A row can hold segments of two page columns whose
    /// lines are not quite level; laid out column by column, each keeps its own baseline.
    pub baseline: f32,
    /// Note reference marks: runs of digits or note symbols (*, †, ‡, §) set smaller than
    /// the text and raised above its baseline ("sector.¹"), in order. They stay in `text`
    /// too; layout uses them to tell a footnote from a numbered paragraph.
    pub marks: Vec<String>,
    /// A note label printed raised at the very start of the segment: how a word processor
    /// starts the text of a footnote ("¹ The Compact was first agreed in 1998.").
    pub leading_mark: Option<String>,
}

/// One visual line of a page.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Row {
    /// The baseline of the row's main (largest) text.
    pub baseline: f32,
    pub top: f32,
    pub bottom: f32,
    /// The main font size.
    pub size: f32,
    /// False for a row of rotated text.
    pub upright: bool,
    /// Left to right.
    pub segments: Vec<Segment>,
}

impl Row {
    /// Put the row's text, which [`rows`] leaves in the visual order the PDF stores it
    /// in, into reading order for a document running in `direction`; see the module docs.
    pub fn put_in_reading_order(&mut self, direction: BaseDirection) {
        if self.upright {
            for segment in &mut self.segments {
                segment.text = visual_to_logical(&segment.text, direction);
            }
        }
    }

    /// The whole row as text, segments separated by one space.
    pub fn text(&self) -> String {
        let parts: Vec<&str> = self.segments.iter().map(|s| s.text.as_str()).collect();
        parts.join(" ")
    }

    pub fn left(&self) -> f32 {
        self.segments.first().map_or(0.0, |s| s.left)
    }

    pub fn right(&self) -> f32 {
        self.segments.last().map_or(0.0, |s| s.right)
    }
}

/// Whether `text` is only a list label: a bullet, or a short number or letter label.
pub(super) fn is_label(text: &str) -> bool {
    let mut chars = text.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if is_bullet(c) {
            return true;
        }
    }
    let inner = if let Some(rest) = text.strip_prefix('(') {
        match rest.strip_suffix(')') {
            Some(inner) => inner,
            None => return false,
        }
    } else if let Some(inner) = text.strip_suffix(')').or_else(|| text.strip_suffix('.')) {
        inner
    } else {
        // "2.4" without a trailing dot.
        return text.contains('.')
            && text.len() <= 8
            && text
                .split('.')
                .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
    };
    !inner.is_empty()
        && inner.len() <= 8
        && (inner
            .split('.')
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
            || (inner.len() <= 3 && inner.chars().all(|c| c.is_ascii_alphabetic())))
}

/// Characters used as list bullets, including the private-use codes that Symbol and
/// Wingdings bullets decode to in Word PDFs.
pub(super) fn is_bullet(c: char) -> bool {
    matches!(
        c,
        '•' | '◦'
            | '▪'
            | '▫'
            | '●'
            | '○'
            | '■'
            | '□'
            | '►'
            | '▸'
            | '‣'
            | '⁃'
            | '➢'
            | '✓'
            | '✔'
            | '❖'
            | '◆'
            | '·'
            | '-'
            | '–'
            | '*'
            | '\u{F0A7}'
            | '\u{F0B7}'
            | '\u{F06C}'
            | '\u{F06E}'
            | '\u{F076}'
            | '\u{F0D8}'
            | '\u{F0FC}'
    )
}

/// Group a page's glyphs into rows, top to bottom.
pub(super) fn rows(glyphs: Vec<Glyph>) -> Vec<Row> {
    let (mut upright, rotated): (Vec<Glyph>, Vec<Glyph>) =
        glyphs.into_iter().partition(|g| g.upright);
    upright.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));

    let mut clusters: Vec<Cluster> = Vec::new();
    for glyph in upright {
        let (top, bottom) = extent(glyph.y, glyph.size);
        if let Some(current) = clusters.last_mut() {
            let (ctop, cbottom) = extent(current.baseline, current.size);
            let overlap = cbottom.min(bottom) - ctop.max(top);
            if overlap >= 0.5 * current.size.min(glyph.size) {
                if glyph.size > current.size * 1.05 {
                    current.baseline = glyph.y;
                    current.size = glyph.size;
                }
                current.glyphs.push(glyph);
                continue;
            }
        }
        clusters.push(Cluster {
            baseline: glyph.y,
            size: glyph.size,
            glyphs: vec![glyph],
        });
    }
    let mut rows: Vec<Row> = clusters.into_iter().filter_map(Cluster::into_row).collect();
    rows.extend(rotated_rows(rotated));
    rows.sort_by(|a, b| a.top.total_cmp(&b.top).then(a.left().total_cmp(&b.left())));
    rows
}

/// The vertical extent of a glyph's body: from roughly the ascender to the descender.
fn extent(baseline: f32, size: f32) -> (f32, f32) {
    (baseline - 0.8 * size, baseline + 0.2 * size)
}

struct Cluster {
    baseline: f32,
    size: f32,
    glyphs: Vec<Glyph>,
}

impl Cluster {
    fn into_row(mut self) -> Option<Row> {
        self.glyphs.sort_by(|a, b| a.x.total_cmp(&b.x));
        let size = self.size;
        let mut kept: Vec<Glyph> = Vec::with_capacity(self.glyphs.len());
        for g in self.glyphs {
            if let Some(last) = kept.last() {
                let overprinted = last.text == g.text
                    && (g.x - last.x).abs() <= 0.3 * last.width.max(0.05 * size)
                    && (g.y - last.y).abs() <= 0.1 * size;
                if overprinted {
                    continue;
                }
            }
            kept.push(g);
        }
        let segments = segments(&kept, size);

        if segments.is_empty() {
            return None;
        }
        let top = kept
            .iter()
            .map(|g| extent(g.y, g.size).0)
            .fold(f32::INFINITY, f32::min);
        let bottom = kept
            .iter()
            .map(|g| extent(g.y, g.size).1)
            .fold(f32::NEG_INFINITY, f32::max);
        Some(Row {
            baseline: self.baseline,
            top,
            bottom,
            size,
            upright: true,
            segments,
        })
    }
}

struct SegmentBuilder {
    text: String,
    left: f32,
    right: f32,
    first_word_right: Option<f32>,
    second_word_left: Option<f32>,
    /// A space was just added; the next glyph starts a word.
    word_start: bool,
    /// Font sizes used (rounded): size, characters, the baseline of the first of them.
    sizes: Vec<(f32, usize, f32)>,
    chars: usize,
    /// Each glyph's baseline, size and text, for finding raised note marks.
    glyphs: Vec<(f32, f32, String)>,
}

impl SegmentBuilder {
    fn new(left: f32) -> Self {
        SegmentBuilder {
            text: String::new(),
            left,
            right: left,
            first_word_right: None,
            second_word_left: None,
            word_start: false,
            sizes: Vec::new(),
            chars: 0,
            glyphs: Vec::new(),
        }
    }

    fn space(&mut self) {
        if !self.text.is_empty() && !self.text.ends_with(' ') {
            self.first_word_right.get_or_insert(self.right);
            self.text.push(' ');
            self.word_start = true;
        }
    }

    fn finish(self) -> Option<Segment> {
        let text = self.text.trim().to_string();
        if text.is_empty() {
            return None;
        }
        let (size, baseline) = self
            .sizes
            .iter()
            .max_by_key(|(_, n, _)| *n)
            .map_or((0.0, 0.0), |(s, _, y)| (*s, *y));
        let (leading_mark, marks) = raised_marks(&self.glyphs, size, baseline);
        Some(Segment {
            text,
            left: self.left,
            right: self.right,
            size,
            first_word_right: self.first_word_right.unwrap_or(self.right),
            second_word_left: self.second_word_left,
            chars: self.chars,
            baseline,
            marks,
            leading_mark,
        })
    }
}

/// Runs of glyphs set at most 85% of `size` and raised at least a fifth of it above
/// `baseline` that are digits or note symbols: the one that starts the line (a note's own
/// label), and those after it (footnote and endnote reference marks).
fn raised_marks(
    glyphs: &[(f32, f32, String)],
    size: f32,
    baseline: f32,
) -> (Option<String>, Vec<String>) {
    let raised = |(y, glyph_size, _): &(f32, f32, String)| {
        *glyph_size <= 0.85 * size && baseline - *y >= 0.2 * size
    };
    let mut marks = Vec::new();
    let mut current = String::new();
    // A raised label that starts the line is a note's own number, not a reference to it.
    let start = glyphs.iter().take_while(|g| raised(g)).count();
    let leading: String = glyphs[..start].iter().map(|g| g.2.as_str()).collect();
    let leading = (start > 0 && is_note_label(&leading)).then_some(leading);
    for glyph in &glyphs[start..] {
        if raised(glyph) {
            current.push_str(&glyph.2);
        } else if !current.is_empty() {
            marks.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        marks.push(current);
    }
    marks.retain(|m| is_note_label(m));
    (leading, marks)
}

/// A footnote label as printed: up to three digits, or one of the note symbols.
pub(super) fn is_note_label(text: &str) -> bool {
    let text = text.trim();
    (!text.is_empty() && text.len() <= 3 && text.chars().all(|c| c.is_ascii_digit()))
        || matches!(text, "*" | "†" | "‡" | "§" | "**")
}

fn is_rtl(c: char) -> bool {
    matches!(c,
        '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}'
        | '\u{10800}'..='\u{10FFF}' | '\u{1E800}'..='\u{1EFFF}')
}

/// A digit that is not itself right-to-left (Arabic-Indic digits are drawn with their
/// script): the numbers a left-to-right line keeps in their own order.
fn is_digit(c: char) -> bool {
    c.is_numeric() && !is_rtl(c)
}

fn is_ltr(c: char) -> bool {
    c.is_alphanumeric() && !is_rtl(c)
}

/// The direction a page's paragraphs run in, which decides how a line mixing scripts is
/// read back; see the module docs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum BaseDirection {
    LeftToRight,
    RightToLeft,
}

impl BaseDirection {
    /// The direction of a document with these rows (of every page): right-to-left when
    /// at least as many of their letters are right-to-left as left-to-right.
    pub(super) fn of_rows<'a>(rows: impl Iterator<Item = &'a Row>) -> Self {
        Self::of_texts(
            rows.filter(|r| r.upright)
                .flat_map(|r| r.segments.iter().map(|s| s.text.as_str())),
        )
    }

    fn of_texts<'a>(texts: impl Iterator<Item = &'a str>) -> Self {
        let (mut rtl, mut ltr) = (0usize, 0usize);
        for c in texts.flat_map(str::chars).filter(|c| c.is_alphabetic()) {
            if is_rtl(c) {
                rtl += 1;
            } else {
                ltr += 1;
            }
        }
        if rtl > 0 && rtl >= ltr {
            BaseDirection::RightToLeft
        } else {
            BaseDirection::LeftToRight
        }
    }
}

/// Reading order for text stored in visual (left-to-right) order, in a paragraph running
/// in `direction`; see the module docs. A simplification of the Unicode bidirectional
/// algorithm that suffices for lines of extracted text.
pub(super) fn visual_to_logical(text: &str, direction: BaseDirection) -> String {
    if !text.chars().any(is_rtl) {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    match direction {
        BaseDirection::RightToLeft => right_to_left_line(&chars),
        BaseDirection::LeftToRight => left_to_right_line(&chars),
    }
}

/// A line of a right-to-left paragraph: read from the right, keeping runs of left-to-right
/// text and numbers (with the neutrals between two of their characters: "2.4",
/// "Diversity Team") in their own order.
fn right_to_left_line(chars: &[char]) -> String {
    let mut units: Vec<&[char]> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if is_ltr(chars[i]) {
            let mut end = i + 1;
            let mut j = i + 1;
            while j < chars.len() && !is_rtl(chars[j]) {
                if is_ltr(chars[j]) {
                    end = j + 1;
                }
                j += 1;
            }
            units.push(&chars[i..end]);
            i = end;
        } else {
            units.push(&chars[i..i + 1]);
            i += 1;
        }
    }
    units.iter().rev().flat_map(|u| u.iter()).collect()
}

/// A line of a left-to-right paragraph: each right-to-left run is read from its right end.
/// As in the Unicode bidirectional algorithm, numbers belong to the run they sit in: those
/// between two right-to-left words, and those just left of one (drawn there because they
/// follow it: "على هاتف رقم 256032 1642" is drawn "1642 256032 مقر فتاه ىلع"); a number keeps
/// its own digit order.
fn left_to_right_line(chars: &[char]) -> String {
    let is_letter = |c: char| c.is_alphabetic() && !is_rtl(c);
    let mut out = String::with_capacity(chars.len() * 2);
    let mut i = 0;
    while i < chars.len() {
        if !is_rtl(chars[i]) {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        // The run: from this right-to-left letter to the last one reachable without
        // crossing a left-to-right letter.
        let mut end = i + 1;
        let mut j = i + 1;
        while j < chars.len() && !is_letter(chars[j]) {
            if is_rtl(chars[j]) {
                end = j + 1;
            }
            j += 1;
        }
        // Numbers just left of it (only spaces and digits back to a letter or the start).
        let mut start = i;
        let mut k = i;
        while k > 0 && (is_digit(chars[k - 1]) || chars[k - 1] == ' ') {
            k -= 1;
            if is_digit(chars[k]) {
                start = k;
            }
        }
        let moved = i - start;
        if moved > 0 {
            out.truncate(out.len() - chars[start..i].iter().map(|c| c.len_utf8()).sum::<usize>());
        }
        out.extend(reversed_keeping_numbers(&chars[start..end]));
        i = end;
    }
    out
}

/// `run` read from its right end, except that each number keeps its digit order.
fn reversed_keeping_numbers(run: &[char]) -> Vec<char> {
    let mut units: Vec<&[char]> = Vec::new();
    let mut i = 0;
    while i < run.len() {
        let mut end = i + 1;
        if is_digit(run[i]) {
            while end < run.len() && is_digit(run[end]) {
                end += 1;
            }
        }
        units.push(&run[i..end]);
        i = end;
    }
    units.iter().rev().flat_map(|u| u.iter().copied()).collect()
}

/// Build the segments of one row from its glyphs in x order.
fn segments(glyphs: &[Glyph], row_size: f32) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut current: Option<SegmentBuilder> = None;
    let mut pending_space = false;
    // The width of the space characters drawn since the last glyph: a gap they fill is
    // not a gap between columns.
    let mut spaces_width = 0.0;
    let mut last: Option<&Glyph> = None;
    for g in glyphs {
        if g.text.chars().all(char::is_whitespace) {
            pending_space = true;
            spaces_width += g.width;
            continue;
        }
        let gap = last.map(|p| g.x - (p.x + p.width));
        let split = match (gap, current.as_ref()) {
            (Some(gap), Some(seg)) => {
                let wide = gap - spaces_width > SEGMENT_GAP * row_size;
                wide && !(is_label(seg.text.trim()) && gap <= LABEL_GAP * row_size)
            }
            _ => true,
        };
        spaces_width = 0.0;
        if split {
            if let Some(done) = current.take().and_then(SegmentBuilder::finish) {
                out.push(done);
            }
            current = Some(SegmentBuilder::new(g.x));
        } else if let (Some(seg), Some(p), Some(gap)) = (current.as_mut(), last, gap) {
            let size = p.size.max(g.size);
            // A change of baseline between different sizes (a footnote mark) also
            // separates words.
            let shifted = (g.y - p.y).abs() > 0.2 * size && (g.size - p.size).abs() > 0.1 * size;
            if pending_space || gap > WORD_GAP * size || shifted {
                seg.space();
            }
        }
        pending_space = false;
        if let Some(seg) = current.as_mut() {
            if seg.word_start {
                seg.word_start = false;
                seg.second_word_left.get_or_insert(g.x);
            }
            if g.text.chars().nth(1).is_some() && g.text.chars().any(is_rtl) {
                // A ligature such as lam-alef maps to its letters in reading order; the
                // row is reversed letter by letter later, so store them reversed here.
                seg.text.extend(g.text.chars().rev());
            } else {
                seg.text.push_str(&g.text);
            }
            seg.glyphs.push((g.y, g.size, g.text.clone()));
            seg.right = seg.right.max(g.x + g.width);
            seg.chars += 1;
            let rounded = (g.size * 2.0).round() / 2.0;
            match seg.sizes.iter_mut().find(|(s, _, _)| *s == rounded) {
                Some(entry) => entry.1 += 1,
                None => seg.sizes.push((rounded, 1, g.y)),
            }
        }
        last = Some(g);
    }
    if let Some(done) = current.and_then(SegmentBuilder::finish) {
        out.push(done);
    }
    out
}

/// Rotated or skewed text: one row per show operation, in drawing order, so that it is
/// kept even though it cannot be laid out with the upright text.
fn rotated_rows(glyphs: Vec<Glyph>) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::new();
    let mut current_run = None;
    for g in glyphs {
        if current_run != Some(g.run) || rows.is_empty() {
            current_run = Some(g.run);
            rows.push(Row {
                baseline: g.y,
                top: g.y - g.size,
                bottom: g.y,
                size: g.size,
                upright: false,
                segments: vec![Segment {
                    text: String::new(),
                    left: g.x,
                    right: g.x,
                    size: g.size,
                    first_word_right: g.x,
                    second_word_left: None,
                    chars: 0,
                    baseline: g.y,
                    marks: Vec::new(),
                    leading_mark: None,
                }],
            });
        }
        if let Some(seg) = rows.last_mut().and_then(|r| r.segments.last_mut()) {
            seg.text.push_str(&g.text);
            seg.chars += 1;
        }
    }
    rows.retain_mut(|row| {
        let seg = &mut row.segments[0];
        seg.text = seg.text.split_whitespace().collect::<Vec<_>>().join(" ");
        seg.first_word_right = seg.left;
        !seg.text.is_empty()
    });
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Glyphs for `text` from (x, y), each `width` wide, at `size`.
    fn word(text: &str, x: f32, y: f32, size: f32, width: f32) -> Vec<Glyph> {
        text.chars()
            .enumerate()
            .map(|(i, c)| Glyph {
                text: c.to_string(),
                x: x + i as f32 * width,
                y,
                width,
                size,
                upright: true,
                run: 0,
            })
            .collect()
    }

    fn texts(rows: &[Row]) -> Vec<String> {
        rows.iter().map(Row::text).collect()
    }

    #[test]
    fn glyphs_on_one_baseline_form_a_row_and_gaps_become_spaces() {
        let mut g = word("The", 100.0, 100.0, 10.0, 5.0);
        g.extend(word("Council", 118.0, 100.2, 10.0, 5.0)); // 3pt gap, slight jitter
        g.extend(word("will", 100.0, 112.0, 10.0, 5.0)); // next line
        g.reverse(); // content order must not matter
        let rows = rows(g);
        assert_eq!(texts(&rows), ["The Council", "will"]);
        assert_eq!(rows[0].segments[0].first_word_right, 115.0);
    }

    #[test]
    fn kerning_is_not_a_space_but_a_drawn_space_is() {
        let mut g = word("ab", 0.0, 50.0, 10.0, 5.0);
        g.extend(word("c", 11.0, 50.0, 10.0, 5.0)); // 1pt gap: kerning
        g.extend(word(" d", 16.0, 50.0, 10.0, 5.0)); // space glyph
        assert_eq!(texts(&rows(g)), ["abc d"]);
    }

    #[test]
    fn superscripts_stay_on_their_line_and_are_separated() {
        let mut g = word("sector.", 100.0, 200.0, 12.0, 6.0);
        g.extend(word("1", 142.0, 196.0, 7.0, 3.5)); // raised, smaller, touching
        g.extend(word("See", 149.0, 200.0, 12.0, 6.0));
        g.extend(word("next", 100.0, 214.0, 12.0, 6.0)); // leading 14 at 12pt
        let rows = rows(g);
        assert_eq!(texts(&rows), ["sector. 1 See", "next"]);
        assert_eq!(rows[0].baseline, 200.0);
        assert_eq!(rows[0].size, 12.0);
    }

    #[test]
    fn tight_leading_does_not_merge_lines() {
        let mut g = word("one", 0.0, 100.0, 10.0, 5.0);
        g.extend(word("two", 0.0, 109.0, 10.0, 5.0)); // leading 0.9 em
        assert_eq!(texts(&rows(g)), ["one", "two"]);
    }

    #[test]
    fn wide_gaps_split_segments_but_labels_keep_their_text() {
        let mut g = word("Owner", 72.0, 100.0, 12.0, 6.0);
        g.extend(word("Deadline", 204.0, 100.0, 12.0, 6.0));
        g.extend(word("2.4", 72.0, 120.0, 12.0, 6.0));
        g.extend(word("Consult", 120.0, 120.0, 12.0, 6.0)); // 30pt tab after the label
        let rows = rows(g);
        let segs: Vec<Vec<&str>> = rows
            .iter()
            .map(|r| r.segments.iter().map(|s| s.text.as_str()).collect())
            .collect();
        assert_eq!(segs, vec![vec!["Owner", "Deadline"], vec!["2.4 Consult"]]);
        assert_eq!(rows[1].segments[0].second_word_left, Some(120.0));
    }

    #[test]
    fn drawn_spaces_do_not_make_a_column_gap() {
        // Monospaced text with two spaces after a full stop: 1.2 em of gap, all spaces.
        let mut g = word("end.", 0.0, 50.0, 10.0, 6.0);
        g.extend(word("  Next", 24.0, 50.0, 10.0, 6.0));
        let rows = rows(g);
        assert_eq!(rows[0].segments.len(), 1);
        assert_eq!(rows[0].text(), "end. Next");
        // The same gap without spaces drawn is a column gap.
        let mut g = word("Consultation", 0.0, 50.0, 10.0, 5.0);
        g.extend(word("Council", 75.0, 50.0, 10.0, 5.0));
        assert_eq!(
            rows_texts_by_segment(g),
            vec![vec!["Consultation", "Council"]]
        );
    }

    fn rows_texts_by_segment(g: Vec<Glyph>) -> Vec<Vec<String>> {
        rows(g)
            .iter()
            .map(|r| r.segments.iter().map(|s| s.text.clone()).collect())
            .collect()
    }

    #[test]
    fn overprinted_glyphs_are_kept_once() {
        let mut g = word("ab", 0.0, 50.0, 10.0, 5.0);
        g.extend(word("ab", 0.3, 50.0, 10.0, 5.0)); // fake bold
        g.extend(word("ll", 20.0, 50.0, 10.0, 2.0)); // real double letter, narrow
        assert_eq!(texts(&rows(g)), ["ab ll"]);
    }

    #[test]
    fn rotated_text_is_kept() {
        let mut g = word("Draft", 500.0, 400.0, 40.0, 20.0);
        for glyph in &mut g {
            glyph.upright = false;
            glyph.run = 3;
        }
        g.extend(word("Body", 72.0, 100.0, 10.0, 5.0));
        assert_eq!(texts(&rows(g)), ["Body", "Draft"]);
    }

    #[test]
    fn right_to_left_text_is_put_in_reading_order() {
        use BaseDirection::*;
        // Stored visually: the last word first, each word's letters reversed.
        assert_eq!(visual_to_logical("ىلع لوصحلا", RightToLeft), "الحصول على");
        assert_eq!(visual_to_logical("ىلع لوصحلا", LeftToRight), "الحصول على");
        assert_eq!(visual_to_logical("526032 مقر", RightToLeft), "رقم 526032");
        // In a left-to-right paragraph a number drawn just left of Arabic follows it, and
        // numbers between two Arabic words are part of the same run.
        assert_eq!(
            visual_to_logical("Team 1642 256032 مقر فتاه ىلع", LeftToRight),
            "Team على هاتف رقم 256032 1642"
        );
        assert_eq!(
            visual_to_logical("سامت هب 01642 526032 د ر امش اب", LeftToRight),
            "با شما ر د 526032 01642 به تماس"
        );
        assert_eq!(visual_to_logical("526032 مقر", LeftToRight), "رقم 526032");
        // Brackets are not mirrored: writers map the mirrored glyph to the logical
        // character already (LibreOffice does), so reversing is enough.
        assert_eq!(visual_to_logical(")ابحرم(", RightToLeft), "(مرحبا)");
        assert_eq!(
            visual_to_logical("Team ابحرم Diversity", LeftToRight),
            "Team مرحبا Diversity"
        );
        assert_eq!(visual_to_logical("plain text", RightToLeft), "plain text");
    }

    #[test]
    fn a_mostly_arabic_line_of_a_left_to_right_paragraph_keeps_its_english_in_place() {
        use BaseDirection::*;
        // "... 'بدايفرستي تيم Engagement" as a word processor draws it in a left-to-right
        // paragraph: the Arabic run on the left, reversed; the English after it, on the
        // right.
        let visual = "ميت يتسرفيادب' لاصتإلا Engagement";
        assert_eq!(
            visual_to_logical(visual, LeftToRight),
            "الإتصال 'بدايفرستي تيم Engagement"
        );
        // Read as a right-to-left paragraph, the English would come first.
        assert_eq!(
            visual_to_logical(visual, RightToLeft),
            "Engagement الإتصال 'بدايفرستي تيم"
        );
    }

    #[test]
    fn a_right_to_left_ligature_keeps_its_letters_in_reading_order() {
        // "اطلاعات" drawn visually, its lam-alef as one glyph that maps to "لا".
        let glyphs: Vec<Glyph> = ["ت", "ا", "ع", "لا", "ط", "ا"]
            .iter()
            .enumerate()
            .map(|(i, t)| Glyph {
                text: t.to_string(),
                x: 72.0 + i as f32 * 5.0,
                y: 100.0,
                width: 5.0,
                size: 10.0,
                upright: true,
                run: 0,
            })
            .collect();
        let mut rows = rows(glyphs);
        rows[0].put_in_reading_order(BaseDirection::LeftToRight);
        assert_eq!(texts(&rows), ["اطلاعات"]);
    }

    #[test]
    fn the_majority_of_letters_decides_the_base_direction() {
        let english = "Engagement Team";
        let arabic = "لاصتإلا";
        assert_eq!(
            BaseDirection::of_texts([english, arabic].into_iter()),
            BaseDirection::LeftToRight
        );
        assert_eq!(
            BaseDirection::of_texts([arabic, arabic, english].into_iter()),
            BaseDirection::RightToLeft
        );
        assert_eq!(
            BaseDirection::of_texts([english, "01642 526032"].into_iter()),
            BaseDirection::LeftToRight
        );
    }

    #[test]
    fn rows_keep_visual_order_until_the_document_direction_is_known() {
        let mut rows = rows(word("مقر", 72.0, 100.0, 10.0, 5.0));
        assert_eq!(texts(&rows), ["مقر"]);
        for row in &mut rows {
            row.put_in_reading_order(BaseDirection::of_rows([&*row].into_iter()));
        }
        assert_eq!(texts(&rows), ["رقم"]);
    }

    #[test]
    fn labels() {
        for label in [
            "•", "1.", "2.4", "(a)", "a)", "iv.", "(iii)", "10.2.1", "\u{F0B7}",
        ] {
            assert!(is_label(label), "{label}");
        }
        for text in ["2026", "Compact", "(see", "3", "word."] {
            assert!(!is_label(text), "{text}");
        }
    }
}
