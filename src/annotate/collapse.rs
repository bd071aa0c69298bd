//! Comparing text that was read differently: the document model's normalised text, the
//! visible text of a Word paragraph, and the source of a text or Markdown file.
//!
//! The same words reach us with different spacing (tabs, no-break spaces, line breaks,
//! runs of spaces), soft hyphens and zero-width marks, ligatures, and in Markdown with
//! emphasis markers the reader removed. A [`Collapsed`] string evens those out — every
//! run of white space becomes one space, invisible marks go, ligatures are spelled out —
//! and remembers, for each of its bytes, the byte range of the source character it came
//! from, so a match found in the collapsed text maps back to an exact source range.

use std::ops::Range;

/// A collapsed view of a source string; see the module docs.
#[derive(Debug, Clone)]
pub(crate) struct Collapsed {
    pub text: String,
    /// For each byte of `text`, the source byte range of the character it came from.
    sources: Vec<Range<usize>>,
}

/// What to drop besides white-space differences.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Flavour {
    /// Text as shown (document model, Word paragraphs, plain text files).
    Plain,
    /// Markdown source: `*` and `_` (emphasis markers) are dropped too.
    Markdown,
}

impl Collapsed {
    pub fn new(source: &str, flavour: Flavour) -> Collapsed {
        let mut text = String::with_capacity(source.len());
        let mut sources = Vec::with_capacity(source.len());
        let mut pending_space: Option<Range<usize>> = None;
        for (at, c) in source.char_indices() {
            let range = at..at + c.len_utf8();
            let expansion: &str = match c {
                c if c.is_whitespace() => {
                    if !text.is_empty() && pending_space.is_none() {
                        pending_space = Some(range);
                    }
                    continue;
                }
                '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => {
                    continue
                }
                '*' | '_' if flavour == Flavour::Markdown => continue,
                '\u{FB00}' => "ff",
                '\u{FB01}' => "fi",
                '\u{FB02}' => "fl",
                '\u{FB03}' => "ffi",
                '\u{FB04}' => "ffl",
                '\u{FB05}' | '\u{FB06}' => "st",
                c if c.is_control() => continue,
                _ => "",
            };
            if let Some(space) = pending_space.take() {
                text.push(' ');
                sources.push(space);
            }
            if expansion.is_empty() {
                text.push(c);
                for _ in 0..c.len_utf8() {
                    sources.push(range.clone());
                }
            } else {
                for e in expansion.chars() {
                    text.push(e);
                    sources.push(range.clone());
                }
            }
        }
        Collapsed { text, sources }
    }

    /// Collapse a needle for searching (no source map needed).
    pub fn needle(text: &str, flavour: Flavour) -> String {
        Collapsed::new(text, flavour).text
    }

    /// The source range of a collapsed byte range (non-empty, on char boundaries).
    pub fn source_range(&self, range: Range<usize>) -> Option<Range<usize>> {
        if range.start >= range.end || range.end > self.sources.len() {
            return None;
        }
        let start = self.sources[range.start].start;
        let end = self.sources[range.end - 1].end;
        Some(start..end)
    }

    /// The collapsed range covering the source range `source` (the characters that came
    /// from inside it), if any.
    pub fn collapsed_range(&self, source: Range<usize>) -> Option<Range<usize>> {
        let start = self
            .sources
            .iter()
            .position(|r| r.start >= source.start && r.end <= source.end)?;
        let end = self
            .sources
            .iter()
            .rposition(|r| r.start >= source.start && r.end <= source.end)?;
        // Never start or end inside a multi-byte character.
        let mut end = end + 1;
        while end < self.text.len() && !self.text.is_char_boundary(end) {
            end += 1;
        }
        let mut start = start;
        while start > 0 && !self.text.is_char_boundary(start) {
            start -= 1;
        }
        Some(start..end)
    }

    /// Byte offsets of every occurrence of `needle` (overlapping ones included).
    /// Where a finding's evidence sits in this collapsed copy of `block`'s text: the
    /// collapsed range of the sentence and, inside it, of the decisive terms (the finding's
    /// location). The sentence is the finding's evidence where it is found around the terms,
    /// else the terms alone. Shared by the annotated copy and the text fixer so both place
    /// a finding the same way.
    pub fn evidence_ranges(
        &self,
        block: &crate::document::Block,
        finding: &crate::findings::Finding,
    ) -> Option<(Range<usize>, Range<usize>)> {
        let location = finding.location?;
        let start = location
            .start
            .saturating_sub(block.span.start)
            .min(block.text.len());
        let end = location
            .end
            .saturating_sub(block.span.start)
            .min(block.text.len());
        let terms = self.collapsed_range(start..end.max(start))?;
        let sentence = finding
            .evidence
            .as_deref()
            .map(|e| Collapsed::needle(e, Flavour::Plain))
            .filter(|e| !e.is_empty())
            .and_then(|e| {
                self.find_all(&e)
                    .into_iter()
                    .map(|at| at..at + e.len())
                    .find(|r| r.start <= terms.start && terms.end <= r.end)
            })
            .unwrap_or_else(|| terms.clone());
        Some((sentence, terms))
    }

    pub fn find_all(&self, needle: &str) -> Vec<usize> {
        find_all(&self.text, needle)
    }
}

/// Byte offsets of every occurrence of `needle` in `haystack`, overlapping included.
pub(crate) fn find_all(haystack: &str, needle: &str) -> Vec<usize> {
    let mut out = Vec::new();
    if needle.is_empty() {
        return out;
    }
    let mut from = 0;
    while let Some(i) = haystack[from..].find(needle) {
        let at = from + i;
        out.push(at);
        // Step one character, so overlapping matches count.
        let step = haystack[at..].chars().next().map_or(1, char::len_utf8);
        from = at + step;
        if from > haystack.len() {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn white_space_and_invisible_marks_even_out() {
        let c = Collapsed::new(
            "  The\u{00A0}Coun\u{00AD}cil\t will\n\n con\u{FB01}rm ",
            Flavour::Plain,
        );
        assert_eq!(c.text, "The Council will confirm");
        let at = c.text.find("Council").unwrap();
        let source = "  The\u{00A0}Coun\u{00AD}cil\t will\n\n con\u{FB01}rm ";
        let range = c.source_range(at..at + "Council".len()).unwrap();
        assert_eq!(&source[range], "Coun\u{00AD}cil");
        let at = c.text.find("confirm").unwrap();
        let range = c.source_range(at..at + 7).unwrap();
        assert_eq!(&source[range], "con\u{FB01}rm");
    }

    #[test]
    fn markdown_emphasis_is_ignored() {
        let c = Collapsed::new("a **six weeks** consultation", Flavour::Markdown);
        assert_eq!(c.text, "a six weeks consultation");
        let at = c.text.find("six weeks").unwrap();
        let source = "a **six weeks** consultation";
        assert_eq!(&source[c.source_range(at..at + 9).unwrap()], "six weeks");
    }

    #[test]
    fn collapsed_range_maps_back() {
        let source = "one  two\tthree";
        let c = Collapsed::new(source, Flavour::Plain);
        let r = c.collapsed_range(5..8).unwrap();
        assert_eq!(&c.text[r], "two");
        assert_eq!(find_all("aaa", "aa"), vec![0, 1]);
    }
}
