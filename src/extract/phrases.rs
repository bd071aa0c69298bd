//! A word-bounded, case-insensitive phrase vocabulary matcher shared by the extractors.
//!
//! Officers' text arrives with line breaks inside phrases (hard-wrapped PDF lines), doubled
//! spaces, curly apostrophes and en dashes. [`PhraseSet`] matches its phrases through all of
//! that without changing the caller's offsets: it folds the input into a view where every run
//! of ASCII white space is one space, curly quotes are straight and dashes are hyphens, runs
//! one Aho-Corasick automaton over the view, and maps each match back to the input. A match
//! must start and end at word boundaries; of overlapping matches the leftmost, then longest,
//! wins. "Blocker" phrases take part in that choice and are then dropped, so "good faith" can
//! stop "faith" from matching without a special case in the caller.

use crate::document::ByteSpan;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::borrow::Cow;

/// A compiled vocabulary of phrases, each carrying a value of type `T`.
pub(crate) struct PhraseSet<T> {
    automaton: AhoCorasick,
    /// One entry per pattern; `None` for blockers.
    values: Vec<Option<T>>,
    /// When true, a hyphen counts as part of a word, so "trans" does not match in
    /// "trans-Pennine" and "age" does not match in "age-friendly".
    hyphen_joins: bool,
}

impl<T: Copy> PhraseSet<T> {
    /// Compile `phrases` (matched case-insensitively, with any white space between words)
    /// and `blockers` (phrases that, when they win a position, suppress every match they
    /// overlap).
    pub(crate) fn new<'a>(
        phrases: impl IntoIterator<Item = (&'a str, T)>,
        blockers: &[&str],
        hyphen_joins: bool,
    ) -> Self {
        let mut patterns = Vec::new();
        let mut values = Vec::new();
        for (phrase, value) in phrases {
            patterns.push(fold(phrase).text.trim().to_ascii_lowercase());
            values.push(Some(value));
        }
        for blocker in blockers {
            patterns.push(fold(blocker).text.trim().to_ascii_lowercase());
            values.push(None);
        }
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .expect("phrase vocabularies are small and always compile");
        PhraseSet {
            automaton,
            values,
            hyphen_joins,
        }
    }

    /// Every word-bounded, non-overlapping match in `text`, in order, with spans into `text`.
    pub(crate) fn find(&self, text: &str) -> Vec<(ByteSpan, T)> {
        let folded = fold(text);
        let view = folded.text.as_ref();
        let mut candidates: Vec<(usize, usize, usize)> = self
            .automaton
            .find_overlapping_iter(view)
            .filter(|m| self.bounded(view, m.start(), m.end()))
            .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
            .collect();
        candidates.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut out = Vec::new();
        let mut taken_to = 0usize;
        for (start, end, pattern) in candidates {
            if start < taken_to {
                continue;
            }
            taken_to = end;
            if let Some(value) = self.values[pattern] {
                out.push((folded.to_original(text, start, end), value));
            }
        }
        out
    }

    fn bounded(&self, view: &str, start: usize, end: usize) -> bool {
        let word = |c: char| c.is_alphanumeric() || c == '_' || (self.hyphen_joins && c == '-');
        let before = view[..start].chars().next_back();
        let after = view[end..].chars().next();
        !before.is_some_and(word) && !after.is_some_and(word)
    }
}

/// A folded view of a text and the way back to the original offsets.
pub(crate) struct Folded<'a> {
    pub(crate) text: Cow<'a, str>,
    /// For each byte of the view, the original byte it came from; `None` when the view is
    /// the original text.
    map: Option<Vec<usize>>,
}

impl Folded<'_> {
    /// Map a view range back to a span of `original`, widened to `char` boundaries.
    pub(crate) fn to_original(&self, original: &str, start: usize, end: usize) -> ByteSpan {
        match &self.map {
            None => ByteSpan::new(start, end),
            Some(map) => {
                let s = map[start];
                let e = if end > start { map[end - 1] + 1 } else { s };
                ByteSpan::new(s, ceil_char_boundary(original, e))
            }
        }
    }
}

/// Fold `text`: runs of ASCII white space become one space, curly quotes straight ones,
/// Unicode dashes and hyphens `-`. Borrowed when nothing needs changing.
pub(crate) fn fold(text: &str) -> Folded<'_> {
    fold_by(text, |c| c.is_ascii_whitespace(), folds)
}

/// Fold only the spacing of `text`: every run of white space (a line break, a tab, a
/// non-breaking space) becomes one space; every other character is kept as it is, so a
/// regular expression written for the original still matches. Borrowed when nothing needs
/// changing.
pub(crate) fn fold_spaces(text: &str) -> Folded<'_> {
    fold_by(text, char::is_whitespace, |_| None)
}

/// Fold `text`, with runs of `is_space` characters made one space and each character
/// `replace` maps replaced.
fn fold_by(
    text: &str,
    is_space: fn(char) -> bool,
    replace: fn(char) -> Option<char>,
) -> Folded<'_> {
    let mut previous_space = false;
    let needs = text.chars().any(|c| {
        let space = is_space(c);
        let doubled = space && previous_space;
        previous_space = space;
        doubled || (space && c != ' ') || replace(c).is_some()
    });
    if !needs {
        return Folded {
            text: Cow::Borrowed(text),
            map: None,
        };
    }
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len());
    let mut last_space = false;
    for (i, c) in text.char_indices() {
        if is_space(c) {
            if !last_space {
                out.push(' ');
                map.push(i);
            }
            last_space = true;
            continue;
        }
        last_space = false;
        if let Some(r) = replace(c) {
            out.push(r);
            map.push(i);
        } else {
            let before = out.len();
            out.push(c);
            map.extend((0..out.len() - before).map(|k| i + k));
        }
    }
    Folded {
        text: Cow::Owned(out),
        map: Some(map),
    }
}

fn folds(c: char) -> Option<char> {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{02BC}' | '\u{2032}' => Some('\''),
        '\u{201C}' | '\u{201D}' => Some('"'),
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2212}' => Some('-'),
        _ => None,
    }
}

/// The smallest `char` boundary of `s` at or after `i` (clamped to `s.len()`).
pub(crate) fn ceil_char_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// The largest `char` boundary of `s` at or before `i` (clamped to `s.len()`).
pub(crate) fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// At most the last `n` bytes of `s` before `end`, cut at a `char` boundary: the window the
/// extractors look back into for qualifiers and markers.
pub(crate) fn tail(s: &str, end: usize, n: usize) -> &str {
    let end = floor_char_boundary(s, end);
    let start = ceil_char_boundary(s, end.saturating_sub(n));
    &s[start..end]
}

/// At most the first `n` bytes of `s` from `start`, cut at a `char` boundary.
pub(crate) fn head(s: &str, start: usize, n: usize) -> &str {
    let start = ceil_char_boundary(s, start);
    let end = floor_char_boundary(s, start.saturating_add(n));
    &s[start..end.max(start)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, Copy, PartialEq)]
    enum K {
        A,
        B,
    }

    fn found(set: &PhraseSet<K>, text: &str) -> Vec<(String, K)> {
        set.find(text)
            .into_iter()
            .map(|(s, k)| (text[s.start..s.end].to_string(), k))
            .collect()
    }

    #[test]
    fn matches_across_line_breaks_and_curly_quotes() {
        let set = PhraseSet::new([("in writing", K::A), ("months' notice", K::B)], &[], false);
        let text = "notice  in\nwriting of three months\u{2019} notice";
        assert_eq!(
            found(&set, text),
            vec![
                ("in\nwriting".to_string(), K::A),
                ("months\u{2019} notice".to_string(), K::B)
            ]
        );
    }

    #[test]
    fn word_boundaries_and_longest_wins() {
        let set = PhraseSet::new([("sex", K::A), ("sexual orientation", K::B)], &[], false);
        assert!(found(&set, "Sussex and Essex, Cllr Sexton").is_empty());
        assert_eq!(
            found(&set, "sexual orientation; sex."),
            vec![
                ("sexual orientation".to_string(), K::B),
                ("sex".to_string(), K::A)
            ]
        );
    }

    #[test]
    fn blockers_suppress_what_they_overlap() {
        let set = PhraseSet::new([("faith", K::A)], &["good faith"], false);
        assert!(found(&set, "acting in good faith").is_empty());
        assert_eq!(found(&set, "faith groups").len(), 1);
    }

    #[test]
    fn hyphen_joins_words_when_asked() {
        let set = PhraseSet::new([("trans", K::A)], &[], true);
        assert!(found(&set, "the trans-Pennine route").is_empty());
        assert_eq!(found(&set, "trans people").len(), 1);
    }

    #[test]
    fn windows_respect_char_boundaries() {
        let s = "£12 – ok";
        for i in 0..=s.len() + 2 {
            let _ = tail(s, i, 2);
            let _ = head(s, i, 2);
        }
        assert_eq!(head(s, 0, 3), "£1");
    }
}
