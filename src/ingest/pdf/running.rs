//! Running headers, footers and page numbers.
//!
//! They repeat on every page and would otherwise turn up in the middle of sentences that
//! cross a page break ("...give three months' Page 4 of 9 notice..."), so they become
//! [`BlockKind::Header`](crate::document::BlockKind::Header) and `Footer` blocks: kept with
//! their page, never part of the body's sentences. A row is running text when it sits in
//! the outermost rows of a page, in the top or bottom [`ZONE`] of its height, with only
//! running rows between it and the edge, and either
//! - the same text (digits ignored, so "page 3" matches "page 4") appears at the same
//!   distance from the edge (within [`SAME_PLACE`] points) on at least [`REPEAT_SHARE`] of
//!   the pages (and on two at least), while the text next to it varies, so a document whose
//!   pages repeat wholesale does not lose its first lines; or
//! - it is a page number ("7", "- 7 -", "Page 7", "Page 7 of 9", "vii") whose value keeps
//!   step with the page number on at least two pages, or says "page" outright.

use super::lines::Row;
use std::collections::HashMap;

/// Share of the page height, from the top or bottom edge, where running text may sit.
const ZONE: f32 = 0.2;
/// How many rows from each edge are considered.
const CANDIDATES: usize = 4;
/// How far apart (points) two rows' distances from the edge may be and still be "the same
/// place".
const SAME_PLACE: f32 = 3.0;
/// Share of the document's pages a repeated text must appear on.
const REPEAT_SHARE: f32 = 0.3;

/// Which running element a row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Running {
    Header,
    Footer,
}

/// A page as running-text detection needs it.
pub(super) struct PageView<'a> {
    pub number: u32,
    pub height: f32,
    pub rows: &'a [Row],
}

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
enum Side {
    Top,
    Bottom,
}

struct Candidate {
    page: usize,
    row: usize,
    side: Side,
    /// Distance from the row to its edge of the page.
    edge: f32,
    key: String,
    /// The next row inwards, to see whether the neighbourhood varies.
    neighbour: Option<String>,
}

/// For each page, for each row, whether it is running text.
pub(super) fn classify(pages: &[PageView]) -> Vec<Vec<Option<Running>>> {
    let mut result: Vec<Vec<Option<Running>>> =
        pages.iter().map(|p| vec![None; p.rows.len()]).collect();
    let candidates = candidates(pages);
    let mut groups: HashMap<(Side, &str), Vec<&Candidate>> = HashMap::new();
    for c in &candidates {
        groups.entry((c.side, c.key.as_str())).or_default().push(c);
    }
    let needed = ((pages.len() as f32 * REPEAT_SHARE).ceil() as usize).max(2);
    let repeated = |c: &Candidate| -> bool {
        let Some(group) = groups.get(&(c.side, c.key.as_str())) else {
            return false;
        };
        let same: Vec<&&Candidate> = group
            .iter()
            .filter(|o| (o.edge - c.edge).abs() <= SAME_PLACE)
            .collect();
        let mut on_pages: Vec<usize> = same.iter().map(|o| o.page).collect();
        on_pages.sort_unstable();
        on_pages.dedup();
        let mut neighbours: Vec<&Option<String>> = same.iter().map(|o| &o.neighbour).collect();
        neighbours.sort();
        neighbours.dedup();
        on_pages.len() >= needed && neighbours.len() >= 2
    };
    let numbered = page_number_sides(pages, &candidates);

    for side in [Side::Top, Side::Bottom] {
        for (page, view) in pages.iter().enumerate() {
            // Walk inwards from the edge; running text must be contiguous with it.
            let mut side_candidates: Vec<&Candidate> = candidates
                .iter()
                .filter(|c| c.page == page && c.side == side)
                .collect();
            side_candidates.sort_by(|a, b| a.edge.total_cmp(&b.edge));
            for c in side_candidates {
                if result[page][c.row].is_some() {
                    break;
                }
                let is_number = numbered.get(&side).is_some_and(|pages| {
                    pages.contains(&page) && page_number(&view.rows[c.row].text()).is_some()
                });
                if !(repeated(c) || is_number) {
                    break;
                }
                result[page][c.row] = Some(match side {
                    Side::Top => Running::Header,
                    Side::Bottom => Running::Footer,
                });
            }
        }
    }
    result
}

/// The rows near each edge that could be running text.
fn candidates(pages: &[PageView]) -> Vec<Candidate> {
    let mut out = Vec::new();
    for (page, view) in pages.iter().enumerate() {
        let n = view.rows.len();
        let top: Vec<usize> = (0..n.min(CANDIDATES)).collect();
        let bottom: Vec<usize> = (n.saturating_sub(CANDIDATES)..n).rev().collect();
        for (side, indices) in [(Side::Top, top), (Side::Bottom, bottom)] {
            for &i in &indices {
                let row = &view.rows[i];
                let edge = match side {
                    Side::Top => row.top,
                    Side::Bottom => view.height - row.bottom,
                };
                if edge > ZONE * view.height {
                    break;
                }
                let key = key(&row.text());
                if !key.chars().any(|c| c.is_alphanumeric() || c == '#') {
                    continue;
                }
                let neighbour = match side {
                    Side::Top => view.rows.get(i + 1),
                    Side::Bottom => i.checked_sub(1).and_then(|j| view.rows.get(j)),
                }
                .map(Row::text);
                out.push(Candidate {
                    page,
                    row: i,
                    side,
                    edge,
                    key,
                    neighbour,
                });
            }
        }
    }
    out
}

/// Text compared across pages: lower case, digits collapsed to `#`, spaces collapsed.
fn key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_digits = false;
    for c in text.chars() {
        if c.is_ascii_digit() {
            if !in_digits {
                out.push('#');
            }
            in_digits = true;
            continue;
        }
        in_digits = false;
        if c.is_whitespace() {
            if !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out.trim().to_string()
}

/// The value of a page-number row, and whether it says so outright ("Page 3", "3 of 9").
fn page_number(text: &str) -> Option<(i64, bool)> {
    let t = text.trim().to_lowercase();
    let t = t
        .trim_matches(|c: char| matches!(c, '-' | '–' | '—' | '[' | ']' | '(' | ')' | ' '))
        .to_string();
    let (explicit, rest) = match t
        .strip_prefix("page")
        .or_else(|| t.strip_prefix("pg."))
        .or_else(|| t.strip_prefix("p."))
    {
        Some(rest) => (true, rest.trim()),
        None => (false, t.as_str()),
    };
    let (number, total) = match rest.split_once(" of ").or_else(|| rest.split_once('/')) {
        Some((n, m)) => (n.trim(), Some(m.trim())),
        None => (rest, None),
    };
    if let Some(total) = total {
        if total.is_empty() || !total.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
    }
    let explicit = explicit || total.is_some();
    if !number.is_empty() && number.len() <= 5 && number.chars().all(|c| c.is_ascii_digit()) {
        return number.parse().ok().map(|n| (n, explicit));
    }
    roman(number).map(|n| (n, explicit))
}

fn roman(s: &str) -> Option<i64> {
    if s.is_empty() || s.len() > 8 {
        return None;
    }
    let value = |c| match c {
        'i' => Some(1),
        'v' => Some(5),
        'x' => Some(10),
        'l' => Some(50),
        'c' => Some(100),
        _ => None,
    };
    let digits: Option<Vec<i64>> = s.chars().map(value).collect();
    let digits = digits?;
    let mut total = 0;
    for (i, d) in digits.iter().enumerate() {
        if digits.get(i + 1).is_some_and(|next| next > d) {
            total -= d;
        } else {
            total += d;
        }
    }
    // Only the canonical spelling counts, so words such as "civil" or "mix" are not
    // taken for numbers.
    (total > 0 && total < 400 && to_roman(total) == s).then_some(total)
}

fn to_roman(mut n: i64) -> String {
    let mut out = String::new();
    for (value, digits) in [
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ] {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

/// For each side, the pages whose outermost candidate is a page number that keeps step
/// with the page (the same offset on at least two pages) or says "page" outright.
fn page_number_sides(pages: &[PageView], candidates: &[Candidate]) -> HashMap<Side, Vec<usize>> {
    let mut out: HashMap<Side, Vec<usize>> = HashMap::new();
    for side in [Side::Top, Side::Bottom] {
        // page -> (value - page number, explicit), for candidates that read as numbers.
        let mut numbers: Vec<(usize, i64, bool)> = Vec::new();
        for c in candidates.iter().filter(|c| c.side == side) {
            let view = &pages[c.page];
            if let Some((value, explicit)) = page_number(&view.rows[c.row].text()) {
                numbers.push((c.page, value - view.number as i64, explicit));
            }
        }
        let mut offsets: HashMap<i64, usize> = HashMap::new();
        for (_, offset, _) in &numbers {
            *offsets.entry(*offset).or_default() += 1;
        }
        let mut accepted: Vec<usize> = numbers
            .iter()
            .filter(|(_, offset, explicit)| *explicit || offsets[offset] >= 2)
            .map(|(page, _, _)| *page)
            .collect();
        accepted.sort_unstable();
        accepted.dedup();
        out.insert(side, accepted);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::pdf::lines::Segment;

    fn row(text: &str, top: f32) -> Row {
        Row {
            baseline: top + 10.0,
            top,
            bottom: top + 12.0,
            size: 12.0,
            upright: true,
            segments: vec![Segment {
                text: text.to_string(),
                left: 72.0,
                right: 300.0,
                size: 12.0,
                first_word_right: 100.0,
                second_word_left: None,
                chars: text.len(),
                baseline: top + 10.0,
                marks: Vec::new(),
                leading_mark: None,
            }],
        }
    }

    /// Pages of 792pt with the given (text, top) rows.
    fn run(pages: &[Vec<(&str, f32)>]) -> Vec<Vec<Option<Running>>> {
        let rows: Vec<Vec<Row>> = pages
            .iter()
            .map(|p| p.iter().map(|(t, top)| row(t, *top)).collect())
            .collect();
        let views: Vec<PageView> = rows
            .iter()
            .enumerate()
            .map(|(i, r)| PageView {
                number: i as u32 + 1,
                height: 792.0,
                rows: r,
            })
            .collect();
        classify(&views)
    }

    use Running::{Footer, Header};

    #[test]
    fn repeated_margin_text_and_page_numbers_are_running() {
        let result = run(&[
            vec![
                ("Compact review copy", 36.0),
                ("Introduction", 90.0),
                ("Body one.", 110.0),
                ("Confidential draft, page 1", 760.0),
            ],
            vec![
                ("Compact review copy", 36.5),
                ("Funding", 90.0),
                ("Body two.", 110.0),
                ("Confidential draft, page 2", 760.0),
            ],
        ]);
        assert_eq!(result[0], [Some(Header), None, None, Some(Footer)]);
        assert_eq!(result[1], [Some(Header), None, None, Some(Footer)]);
    }

    #[test]
    fn bare_page_numbers_must_keep_step_with_the_page() {
        let pages: Vec<Vec<(&str, f32)>> = vec![
            vec![("Body", 100.0), ("3", 760.0)],
            vec![("Body", 100.0), ("4", 760.0)],
            vec![("Body", 100.0), ("12", 760.0)],
        ];
        let result = run(&pages);
        assert_eq!(result[0][1], Some(Footer));
        assert_eq!(result[1][1], Some(Footer));
        assert_eq!(result[2][1], None, "12 on page 3 is not a page number");
        // One page: only an explicit "Page 1" counts.
        assert_eq!(run(&[vec![("Body", 100.0), ("1", 760.0)]])[0][1], None);
        assert_eq!(
            run(&[vec![("Body", 100.0), ("Page 1 of 1", 760.0)]])[0][1],
            Some(Footer)
        );
    }

    #[test]
    fn repeated_body_text_is_not_a_header() {
        // The same heading opens pages 1 and 3 of 10, but that is 2 of 10 pages.
        let mut pages: Vec<Vec<(&str, f32)>> = (0..10)
            .map(|_| vec![("Some body text", 72.0), ("More body", 86.0)])
            .collect();
        pages[0][0].0 = "Working Together in Partnership";
        pages[2][0].0 = "Working Together in Partnership";
        let result = run(&pages);
        assert!(result.iter().flatten().all(Option::is_none), "{result:?}");
    }

    #[test]
    fn identical_pages_keep_their_text() {
        // Every page the same (a repeated form): nothing varies, so nothing is running.
        let page = vec![("Application form", 40.0), ("Name:", 90.0), ("1", 760.0)];
        let result = run(&[page.clone(), page.clone(), page]);
        assert!(result.iter().all(|p| p[0].is_none() && p[1].is_none()));
    }

    #[test]
    fn running_text_must_touch_the_edge() {
        // "Compact review copy" repeats, but under body text: not a header.
        let result = run(&[
            vec![("Alpha", 36.0), ("Compact review copy", 60.0), ("x", 300.0)],
            vec![("Beta", 36.0), ("Compact review copy", 60.0), ("y", 300.0)],
        ]);
        assert_eq!(result[0][1], None);
    }

    #[test]
    fn page_number_forms() {
        assert_eq!(page_number("Page 3 of 12"), Some((3, true)));
        assert_eq!(page_number("- 4 -"), Some((4, false)));
        assert_eq!(page_number("vii"), Some((7, false)));
        assert_eq!(page_number("12/40"), Some((12, true)));
        assert_eq!(page_number("2026 budget"), None);
        assert_eq!(page_number("Civil"), None);
        assert_eq!(page_number("mix"), None);
        assert_eq!(page_number("xiv"), Some((14, false)));
    }
}
