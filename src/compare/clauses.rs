//! Segmenting a [`Document`] into clauses: the units two versions are compared in.
//!
//! A compact's commitments are its numbered clauses ("2.4 Give early notice ..."), so a
//! clause is, in order of preference: a numbered clause, whether the number is a list label
//! ("2.4"), the start of a paragraph ("1.1 Respect ...") or glued to the words ("2.7Work
//! ...", as text extraction often leaves it), also when several numbered clauses run
//! together in one paragraph (pandoc joins lines; PDF text keeps runs of spaces); a list item
//! ("(a)" under 2.4 becomes `2.4(a)`; a bullet gets a derived id); a table row; a note; and,
//! in unnumbered prose, each sentence. Headings are not clauses: real headings and lines that
//! read as headings ("Outcome 1: ...", "Undertakings for the VCS:") form each clause's
//! heading path, which is where the party an undertaking binds is often named.
//!
//! A caller may rely on: clauses come in reading order; every clause has non-empty text
//! with its number left out; ids of numbered clauses are their numbers without a trailing
//! full stop ("4", "2.4"), other ids are derived from the paragraph ("¶12", "¶12.2" for the
//! second sentence) and are not stable across versions; segmentation never panics.

use crate::document::{BlockKind, ByteSpan, Document};
use regex::Regex;
use std::sync::LazyLock;

/// What kind of text a clause is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClauseKind {
    /// A numbered clause ("2.4").
    Numbered,
    /// A list item without a number of its own (a bullet, or "(a)").
    ListItem,
    /// A paragraph of unnumbered prose that is one sentence.
    Paragraph,
    /// One sentence of an unnumbered paragraph of several.
    Sentence,
    /// One row of a table, its cells joined by " | ".
    TableRow,
    /// A footnote or endnote.
    Note,
}

impl ClauseKind {
    /// The name used in the JSON contract.
    pub fn as_str(self) -> &'static str {
        match self {
            ClauseKind::Numbered => "numbered",
            ClauseKind::ListItem => "list-item",
            ClauseKind::Paragraph => "paragraph",
            ClauseKind::Sentence => "sentence",
            ClauseKind::TableRow => "table-row",
            ClauseKind::Note => "note",
        }
    }
}

/// Where a clause starts, in terms a person can use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ClauseLocation {
    /// 0-based index of the block in [`Document::blocks`].
    pub block: usize,
    /// 1-based page, where known.
    pub page: Option<u32>,
    /// 1-based paragraph number among the body's blocks (0 for notes).
    pub paragraph: u32,
    /// 1-based line (the source line for text, Markdown and PDF; the line within the block
    /// for DOCX).
    pub line: u32,
}

/// One clause of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    /// The clause number ("2.4") or a derived id ("¶12.2").
    pub id: String,
    /// The clause number, when the document gives one.
    pub number: Option<String>,
    pub kind: ClauseKind,
    /// The headings above the clause, outermost first.
    pub heading_path: Vec<String>,
    /// Every heading read between the previous clause and this one, in order (a run of
    /// heading-like lines, such as an address, keeps only its last in `heading_path`).
    pub headings_before: Vec<String>,
    /// The clause's words as read (number left out), white space runs collapsed to one space.
    pub text: String,
    pub location: ClauseLocation,
    /// Where the clause's words sit in [`Document::text`] (from the first to the last word).
    pub span: ByteSpan,
}

/// A dotted clause number inside a paragraph: "2.4", "12.3.1" (one or two dots).
static EMBEDDED_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\d{1,2}(?:\.\d{1,2}){1,2}\.?").expect("embedded number pattern compiles")
});

/// A clause number at the start of a paragraph: "4.", "4)", "2.4", "2.7" glued to a word.
static LEADING_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{1,2}(?:\.\d{1,2}){0,2})([.)]?)(\s*)")
        .expect("leading number pattern compiles")
});

/// A list label that is a clause number ("2.4", "4.", "4)").
static NUMBER_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\d{1,3}(?:\.\d{1,3})*[.)]?$").expect("number label pattern compiles")
});

/// A list label that numbers a sub-item: "(a)", "a)", "a.", "(iv)", "iv.".
static SUB_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\(?(?:[a-zA-Z]|[ivxIVX]{1,5})[.)]$|^\((?:[a-zA-Z]|[ivxIVX]{1,5})\)$")
        .expect("sub-label pattern compiles")
});

/// Words that start a heading even when it runs long ("Outcome 2: Effective and ...").
static HEADING_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:outcome|part|section|chapter|appendix|annex|schedule|code|objective|principle)s?\s+[0-9ivx]+\b",
    )
    .expect("heading word pattern compiles")
});

/// Words that make a line a statement rather than a heading.
const STATEMENT_WORDS: &[&str] = &[
    "will", "must", "shall", "should", "may", "is", "are", "was", "were", "be",
];

/// Split a document into clauses, in reading order. Running headers and footers are left
/// out; headings become heading paths.
pub fn segment(document: &Document) -> Vec<Clause> {
    let mut s = Segmenter {
        document,
        headings: Vec::new(),
        since_last: Vec::new(),
        last_number: None,
        clauses: Vec::new(),
    };
    let blocks = &document.blocks;
    let mut i = 0;
    while i < blocks.len() {
        let block = &blocks[i];
        match &block.kind {
            BlockKind::Header | BlockKind::Footer => {}
            BlockKind::Heading { level } => {
                let text = collapse(&block.text);
                s.push_heading(u16::from(*level), text);
            }
            BlockKind::TableCell { table, row, .. } => {
                // One clause per row: gather the row's cells.
                let (table, row) = (*table, *row);
                let mut j = i;
                let mut cells = Vec::new();
                while j < blocks.len() {
                    match blocks[j].kind {
                        BlockKind::TableCell {
                            table: t, row: r, ..
                        } if t == table && r == row => {
                            cells.push(collapse(&blocks[j].text));
                            j += 1;
                        }
                        _ => break,
                    }
                }
                let end = blocks[j - 1].span.end;
                let text = cells
                    .into_iter()
                    .filter(|c| !c.is_empty())
                    .collect::<Vec<_>>()
                    .join(" | ");
                let span = ByteSpan::new(block.span.start, end.max(block.span.start));
                s.push(
                    format!("table {table} row {row}"),
                    None,
                    ClauseKind::TableRow,
                    text,
                    i,
                    span,
                );
                i = j;
                continue;
            }
            BlockKind::Footnote { label } | BlockKind::Endnote { label } => {
                let text = collapse(&block.text);
                s.push(
                    format!("note {label}"),
                    None,
                    ClauseKind::Note,
                    text,
                    i,
                    block.span,
                );
            }
            BlockKind::Paragraph => s.text_block(i, None),
            BlockKind::ListItem { label, .. } => s.text_block(i, Some(label.trim())),
        }
        i += 1;
    }
    s.clauses
}

struct Segmenter<'a> {
    document: &'a Document,
    /// (level, text): real headings use their level (0-9); lines that read as headings use
    /// 10 (a titled line such as "Outcome 1: ...") and 11 (a lead-in ending in a colon).
    headings: Vec<(u16, String)>,
    /// Headings pushed since the last clause.
    since_last: Vec<String>,
    /// The last clause number seen under the current headings, for "(a)" sub-items.
    last_number: Option<String>,
    clauses: Vec<Clause>,
}

/// One piece of a block: an optional clause number and the words after it, as a byte range
/// of the block's text.
struct Piece {
    number: Option<String>,
    start: usize,
    end: usize,
}

impl Segmenter<'_> {
    fn push_heading(&mut self, level: u16, text: String) {
        if text.is_empty() {
            return;
        }
        while self.headings.last().is_some_and(|(l, _)| *l >= level) {
            self.headings.pop();
        }
        self.since_last.push(text.clone());
        self.headings.push((level, text));
        self.last_number = None;
    }

    fn push(
        &mut self,
        id: String,
        number: Option<String>,
        kind: ClauseKind,
        text: String,
        block: usize,
        span: ByteSpan,
    ) {
        // Bullets and rules on their own ("-", "•") say nothing.
        if !text.chars().any(char::is_alphanumeric) {
            return;
        }
        let b = &self.document.blocks[block];
        let line = self.document.position(span.start).line;
        self.clauses.push(Clause {
            id,
            number,
            kind,
            heading_path: self.headings.iter().map(|(_, t)| t.clone()).collect(),
            headings_before: std::mem::take(&mut self.since_last),
            text,
            location: ClauseLocation {
                block,
                page: b.location.page,
                paragraph: b.location.paragraph,
                line,
            },
            span,
        });
    }

    /// A paragraph or list item: split at clause numbers, peel off heading lines, and make
    /// clauses of the rest.
    fn text_block(&mut self, index: usize, label: Option<&str>) {
        let block = &self.document.blocks[index];
        let text = block.text.as_str();
        let base = block.span.start;

        // A paragraph that reads as a heading (a wrapped one too), or whose every line does,
        // is headings.
        if label.is_none() && self.headings_only(text) {
            return;
        }

        let label_number = label
            .filter(|l| NUMBER_LABEL.is_match(l))
            .map(|l| l.trim_end_matches(['.', ')']).to_string());
        let sub_label = label.filter(|l| SUB_LABEL.is_match(l)).map(|l| {
            let inner = l.trim_matches(['(', ')', '.']);
            format!("({inner})")
        });

        let pieces = split_numbered(text, label_number);
        for (k, piece) in pieces.iter().enumerate() {
            let piece_text = &text[piece.start..piece.end];
            match &piece.number {
                Some(number) => {
                    self.last_number = Some(number.clone());
                    let spans = crate::document::split_sentences(piece_text);
                    let (_, last) = heading_edges(piece_text, &spans, true);
                    let (Some(first_span), Some(last_span)) =
                        (spans.first(), spans.get(last.wrapping_sub(1)))
                    else {
                        continue;
                    };
                    let (start, end) = (first_span.start, last_span.end);
                    let span = ByteSpan::new(base + piece.start + start, base + piece.start + end);
                    self.push(
                        number.clone(),
                        Some(number.clone()),
                        ClauseKind::Numbered,
                        collapse(&piece_text[start..end]),
                        index,
                        span,
                    );
                    for s in &spans[last..] {
                        let sentence = &piece_text[s.start..s.end];
                        self.push_heading_after(heading_level(sentence), collapse(sentence));
                    }
                }
                None => {
                    // Text before the first number (or a block without one).
                    let is_list = label.is_some() && k == 0;
                    if !is_list && self.headings_only(piece_text) {
                        continue;
                    }
                    let paragraph = block.location.paragraph;
                    if is_list {
                        let id = match (&sub_label, &self.last_number) {
                            (Some(sub), Some(parent)) => format!("{parent}{sub}"),
                            _ => format!("¶{paragraph}"),
                        };
                        let (start, end, clause_text) = trimmed(piece_text);
                        let span =
                            ByteSpan::new(base + piece.start + start, base + piece.start + end);
                        self.push(id, None, ClauseKind::ListItem, clause_text, index, span);
                        continue;
                    }
                    self.sentences(index, piece.start, piece_text, paragraph);
                }
            }
        }
    }

    /// If `text` reads as one heading (hard-wrapped or not) or as a heading per line, push
    /// them and say so.
    fn headings_only(&mut self, text: &str) -> bool {
        if text
            .lines()
            .all(|l| l.trim().is_empty() || is_heading_line(l))
        {
            for line in text.lines() {
                if !line.trim().is_empty() {
                    self.push_heading(heading_level(line), collapse(line));
                }
            }
            return true;
        }
        let whole = collapse(text);
        if is_heading_line(&whole) {
            self.push_heading(heading_level(&whole), whole);
            return true;
        }
        false
    }

    /// Unnumbered prose: one clause per sentence, with heading sentences at either end
    /// read as headings.
    fn sentences(&mut self, index: usize, offset: usize, text: &str, paragraph: u32) {
        let base = self.document.blocks[index].span.start + offset;
        let spans = crate::document::split_sentences(text);
        let (first, last) = heading_edges(text, &spans, false);
        for span in &spans[..first] {
            let sentence = &text[span.start..span.end];
            self.push_heading(heading_level(sentence), collapse(sentence));
        }
        let kept = &spans[first..last];
        let several = kept.len() > 1;
        for (k, span) in kept.iter().enumerate() {
            let sentence = collapse(&text[span.start..span.end]);
            let (id, kind) = if several {
                (format!("¶{paragraph}.{}", k + 1), ClauseKind::Sentence)
            } else {
                (format!("¶{paragraph}"), ClauseKind::Paragraph)
            };
            self.push(id, None, kind, sentence, index, span.shifted(base));
        }
        for span in &spans[last..] {
            let sentence = &text[span.start..span.end];
            self.push_heading_after(heading_level(sentence), collapse(sentence));
        }
    }

    /// Like [`Segmenter::push_heading`], but keeps the current clause number so a following
    /// "(a)" is still read as a sub-item of the previous clause.
    fn push_heading_after(&mut self, level: u16, text: String) {
        let number = self.last_number.take();
        self.push_heading(level, text);
        self.last_number = number;
    }
}

/// How many sentences at the start (`first`) and from `last` on are headings glued to
/// prose ("... CRB checks. Outcome 2: Effective and ...", as pandoc joins lines). At least
/// one sentence is always left as prose.
fn heading_edges(text: &str, spans: &[ByteSpan], numbered: bool) -> (usize, usize) {
    let strong = |k: usize| is_strong_heading(&text[spans[k].start..spans[k].end]);
    let mut first = 0;
    while !numbered && first + 1 < spans.len() && strong(first) {
        first += 1;
    }
    let mut last = spans.len();
    while last > first + 1 && strong(last - 1) {
        last -= 1;
    }
    (first, last)
}

/// Split `text` at clause numbers: a number at the start, and dotted numbers inside that
/// follow the end of a sentence, a colon, a run of spaces or a line break and come before
/// a capital letter. `label_number` is the list label's number, if any, which numbers the
/// first piece.
fn split_numbered(text: &str, label_number: Option<String>) -> Vec<Piece> {
    // (where the number starts, where its words start, the number)
    let mut cuts: Vec<(usize, usize, String)> = Vec::new();
    let lead_ws = text.len() - text.trim_start().len();
    if label_number.is_none() {
        if let Some(caps) = LEADING_NUMBER.captures(&text[lead_ws..]) {
            let whole = caps.get(0).map_or(0, |m| m.end());
            let number = caps.get(1).map_or("", |m| m.as_str());
            let dot = caps.get(2).is_some_and(|m| !m.is_empty());
            let spaced = caps.get(3).is_some_and(|m| !m.is_empty());
            let rest = &text[lead_ws + whole..];
            // "2.4 Give", "2.7Work", "4. Give", "4) Give"; not "8 All Saints Street".
            if starts_clause_words(rest) && (number.contains('.') || (dot && spaced)) {
                cuts.push((lead_ws, lead_ws + whole, number.to_string()));
            }
        }
    }
    let mut search_from = cuts.first().map_or(0, |c| c.1);
    for m in EMBEDDED_NUMBER.find_iter(text) {
        if m.start() < search_from {
            continue;
        }
        let number = m.as_str().trim_end_matches('.');
        let before = &text[..m.start()];
        // Not part of a longer number ("12.2.4") or an amount ("£1.5").
        if before
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_digit() || c == '.' || c == '£' || c == '$')
        {
            continue;
        }
        let after = &text[m.end()..];
        let ws = after.len() - after.trim_start_matches([' ', '\t']).len();
        if !starts_clause_words(&after[ws..]) {
            continue;
        }
        // After a sentence, or anywhere after a space when it is the next number in
        // sequence ("... agree solutions together 3.13 Encourage ...").
        let previous = cuts
            .last()
            .map(|c| c.2.as_str())
            .or(label_number.as_deref());
        let in_sequence = previous.is_some_and(|p| is_successor(p, number))
            && before.ends_with([' ', '\t', '\n']);
        if !at_clause_boundary(before) && !in_sequence {
            continue;
        }
        cuts.push((m.start(), m.end() + ws, number.to_string()));
        search_from = m.end();
    }
    let mut pieces = Vec::new();
    let first_cut = cuts.first().map_or(text.len(), |c| c.0);
    if !text[..first_cut].trim().is_empty() {
        pieces.push(Piece {
            number: label_number,
            start: 0,
            end: first_cut,
        });
    }
    for (k, (_, words, number)) in cuts.iter().enumerate() {
        let end = cuts.get(k + 1).map_or(text.len(), |c| c.0);
        pieces.push(Piece {
            number: Some(number.clone()),
            start: *words,
            end,
        });
    }
    pieces
}

/// True when `next` follows `previous` in a numbering: "3.12" → "3.13", "3.19" → "4.1".
fn is_successor(previous: &str, next: &str) -> bool {
    let parse = |n: &str| -> Option<Vec<u32>> { n.split('.').map(|p| p.parse().ok()).collect() };
    let (Some(p), Some(n)) = (parse(previous), parse(next)) else {
        return false;
    };
    match (p.as_slice(), n.as_slice()) {
        ([.., a], [.., b]) if p.len() == n.len() && p[..p.len() - 1] == n[..n.len() - 1] => {
            b.checked_sub(*a) == Some(1)
        }
        ([a, ..], [b, 1]) if p.len() == 2 => b.checked_sub(*a) == Some(1),
        _ => false,
    }
}

/// True when a clause number may start here: at the start of the text, after a line break,
/// after two or more spaces, or after the end of a sentence or a colon and a space.
fn at_clause_boundary(before: &str) -> bool {
    if before.trim().is_empty() {
        return true;
    }
    let trimmed = before.trim_end_matches([' ', '\t']);
    let spaces = before.len() - trimmed.len();
    if before.ends_with('\n') || trimmed.ends_with('\n') || spaces >= 2 {
        return true;
    }
    spaces >= 1
        && trimmed
            .chars()
            .next_back()
            .is_some_and(|c| matches!(c, '.' | ':' | ';' | '!' | '?' | ')' | '”' | '"' | '’'))
}

/// True when the words after a clause number start like a clause: a capital letter, or an
/// opening quote or bracket.
fn starts_clause_words(rest: &str) -> bool {
    rest.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || matches!(c, '‘' | '“' | '"' | '\''))
}

/// True when a line reads as a heading: short, starts with a capital or a digit, has no
/// closing full stop or comma, and no verb that would make it a statement; or starts
/// "Outcome 2:", "Part 3" and the like.
pub(crate) fn is_heading_line(line: &str) -> bool {
    // Markdown emphasis and heading marks around a title ("**PROFORMA**", "## Part 2").
    let line = line
        .trim()
        .trim_matches(|c: char| matches!(c, '*' | '_' | '#'))
        .trim();
    let Some(first) = line.chars().next() else {
        return false;
    };
    if !(first.is_uppercase() || first.is_ascii_digit()) {
        return false;
    }
    if line.ends_with(['.', ',', ';']) || crate::document::split_sentences(line).len() > 1 {
        return false;
    }
    // A clause number followed by words is a clause, not a heading.
    if first.is_ascii_digit()
        && split_numbered(line, None)
            .first()
            .is_some_and(|p| p.number.is_some())
    {
        return false;
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    if HEADING_WORD.is_match(line) {
        return words.len() <= 24;
    }
    if words.len() > 10 {
        return false;
    }
    !words.iter().any(|w| {
        let w = w
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        STATEMENT_WORDS.contains(&w.as_str())
    })
}

/// A sentence that is certainly a heading even inside a paragraph: "Outcome 2: ...", or a
/// short lead-in ending in a colon ("Undertakings for the VCS:").
fn is_strong_heading(sentence: &str) -> bool {
    let s = sentence.trim();
    if !is_heading_line(s) {
        return false;
    }
    HEADING_WORD.is_match(s) || (s.ends_with(':') && s.split_whitespace().count() <= 8)
}

/// The level of a line that reads as a heading: 11 for a lead-in ending in a colon, 10
/// otherwise (below every real heading).
fn heading_level(line: &str) -> u16 {
    if line.trim().ends_with(':') && !HEADING_WORD.is_match(line.trim()) {
        11
    } else {
        10
    }
}

/// White space runs (line breaks included) collapsed to one space, ends trimmed.
pub(crate) fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The trimmed range of `text` and its collapsed words.
fn trimmed(text: &str) -> (usize, usize, String) {
    let start = text.len() - text.trim_start().len();
    let end = text.trim_end().len().max(start);
    (start, end, collapse(text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{DocumentBuilder, Format};

    fn doc(blocks: &[(BlockKind, &str)]) -> Document {
        let mut b = DocumentBuilder::new(Format::Text);
        for (i, (kind, text)) in blocks.iter().enumerate() {
            b.push(kind.clone(), text, None, Some(i as u32 + 1));
        }
        b.finish()
    }

    fn ids(clauses: &[Clause]) -> Vec<&str> {
        clauses.iter().map(|c| c.id.as_str()).collect()
    }

    #[test]
    fn numbers_glued_to_words_and_run_together_are_split() {
        let d = doc(&[(
            BlockKind::Paragraph,
            "Undertakings for the VCS: 2.7Work with the public sector. 2.8 Promote and respond \
             to consultations.                  2.9 Seek the views of users.",
        )]);
        let clauses = segment(&d);
        assert_eq!(ids(&clauses), vec!["2.7", "2.8", "2.9"]);
        assert_eq!(clauses[0].text, "Work with the public sector.");
        assert_eq!(clauses[0].heading_path, vec!["Undertakings for the VCS:"]);
        assert_eq!(
            d.slice(clauses[1].span),
            "Promote and respond \
             to consultations."
        );
    }

    #[test]
    fn the_next_number_in_sequence_splits_even_without_a_full_stop() {
        let d = doc(&[(
            BlockKind::Paragraph,
            "3.12 Apply the Compact and agree solutions together 3.13 Encourage feedback \
             under section 3.15 Wider rules.",
        )]);
        let clauses = segment(&d);
        assert_eq!(ids(&clauses), vec!["3.12", "3.13"]);
        assert!(is_successor("3.19", "4.1") && is_successor("9", "10"));
        assert!(!is_successor("3.12", "3.14") && !is_successor("3.1", "x"));
    }

    #[test]
    fn references_and_money_are_not_clause_numbers() {
        let d = doc(&[(
            BlockKind::Paragraph,
            "See paragraph 2.4 Above for the rules. The cost is £1.5 Million in 2.5 Years.",
        )]);
        let clauses = segment(&d);
        assert!(clauses.iter().all(|c| c.number.is_none()), "{clauses:?}");
        assert_eq!(clauses.len(), 2);
        assert_eq!(ids(&clauses), vec!["¶1.1", "¶1.2"]);
    }

    #[test]
    fn list_labels_number_clauses_and_sub_items() {
        let d = doc(&[
            (BlockKind::Heading { level: 1 }, "Funding"),
            (
                BlockKind::ListItem {
                    level: 0,
                    label: "4.4".into(),
                },
                "Give three months' notice.",
            ),
            (
                BlockKind::ListItem {
                    level: 1,
                    label: "(a)".into(),
                },
                "in writing",
            ),
            (
                BlockKind::ListItem {
                    level: 0,
                    label: "•".into(),
                },
                "A bullet.",
            ),
        ]);
        let clauses = segment(&d);
        assert_eq!(ids(&clauses), vec!["4.4", "4.4(a)", "¶4"]);
        assert_eq!(clauses[0].heading_path, vec!["Funding"]);
        assert_eq!(clauses[0].kind, ClauseKind::Numbered);
    }

    #[test]
    fn heading_lines_make_the_heading_path() {
        let d = doc(&[
            (
                BlockKind::Paragraph,
                "Outcome 1: A strong, diverse and independent sector\nUndertakings for the Public sector:",
            ),
            (BlockKind::Paragraph, "1.1 Respect the independence of the VCS."),
            (BlockKind::Paragraph, "Undertakings for the VCS:"),
            (BlockKind::Paragraph, "1.7 When campaigning, give evidence."),
        ]);
        let clauses = segment(&d);
        assert_eq!(ids(&clauses), vec!["1.1", "1.7"]);
        assert_eq!(
            clauses[1].heading_path,
            vec![
                "Outcome 1: A strong, diverse and independent sector",
                "Undertakings for the VCS:"
            ]
        );
    }

    #[test]
    fn long_paragraphs_become_sentences() {
        let d = doc(&[(
            BlockKind::Paragraph,
            "The Council will consult. It will run for 12 weeks. Feedback will be published.",
        )]);
        let clauses = segment(&d);
        assert_eq!(ids(&clauses), vec!["¶1.1", "¶1.2", "¶1.3"]);
        assert_eq!(clauses[1].kind, ClauseKind::Sentence);
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        for text in [
            "1.",
            "1.1",
            "2.7",
            "  3.4  ",
            "1.1 1.2 1.3",
            "£",
            "Outcome 1:",
            "12.2.4 Ab",
            "a. 1.1A",
        ] {
            let d = doc(&[
                (BlockKind::Paragraph, text),
                (
                    BlockKind::ListItem {
                        level: 0,
                        label: "1.".into(),
                    },
                    text,
                ),
            ]);
            for c in segment(&d) {
                assert!(!c.text.is_empty());
                let _ = d.slice(c.span);
            }
        }
    }
}
