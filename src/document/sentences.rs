//! Sentence segmentation for council prose.
//!
//! Council documents are full of full stops that do not end sentences: titles ("Cllr.",
//! "Dr."), Latin ("e.g.", "i.e."), references ("No. 3", "para. 4.5", "Section 3.1(b)"),
//! decimals and money ("2.4", "£1.5m"), initials ("J. Smith"). A sentence ends at `.`, `!`
//! or `?` (with any closing quote or bracket) followed by white space and a character that
//! can start a sentence, unless the word before the stop is a known abbreviation. A blank
//! line, or a new line that starts with a list marker, always ends a sentence. A single
//! line break after a line with no closing punctuation does not (hard-wrapped text).

use super::ByteSpan;

/// Abbreviations after which a full stop never ends a sentence.
const ABBREVIATIONS: &[&str] = &[
    "cllr", "mr", "mrs", "ms", "dr", "prof", "rev", "revd", "sr", "jr", "st", "e.g", "eg", "i.e",
    "ie", "cf", "vs", "v", "viz", "approx", "ca", "c", "fig", "figs", "vol", "ch", "sec", "secs",
    "cl", "art", "arts", "dept", "govt", "ref", "refs", "reg", "regs", "tel", "ext", "incl", "inc",
    "ltd", "co", "est", "max", "min", "nb", "n.b", "p.a", "a.m", "p.m", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "hon", "rt", "esq", "messrs", "u.k",
    "et al", "al", "bros",
];

/// Abbreviations that only count when a number follows ("No. 3", "para. 4.5", "p. 12").
const NUMBER_ABBREVIATIONS: &[&str] = &["no", "nos", "para", "paras", "p", "pp", "item", "s"];

/// Split `text` into sentence spans (byte offsets into `text`, trimmed of surrounding
/// white space). Every non-blank character of `text` falls in exactly one span.
pub fn split_sentences(text: &str) -> Vec<ByteSpan> {
    let mut spans = Vec::new();
    let mut start = 0usize;
    let mut i = 0usize;
    while i < text.len() {
        let c = text[i..].chars().next().unwrap_or(' ');
        let width = c.len_utf8();
        if c == '\n' {
            // Blank line, next line starts with a list marker, or a line ending in a colon
            // before a capitalised line: boundary.
            let rest = &text[i + 1..];
            let next_line = rest.trim_start_matches([' ', '\t']);
            let line_so_far = text[start..i].trim();
            if rest.starts_with('\n')
                || starts_with_list_marker(next_line)
                || (line_so_far.ends_with(':') && starts_with_capital(next_line))
            {
                push_trimmed(text, start, i, &mut spans);
                start = i + 1;
            }
            i += 1;
            continue;
        }
        if matches!(c, '.' | '!' | '?' | '…') {
            // Swallow repeated stops and closing quotes/brackets.
            let mut end = i + width;
            while end < text.len() {
                let d = text[end..].chars().next().unwrap_or(' ');
                if matches!(d, '.' | '!' | '?' | '"' | '\'' | '’' | '”' | ')' | ']') {
                    end += d.len_utf8();
                } else {
                    break;
                }
            }
            let after = &text[end..];
            let followed_by_space = after.is_empty() || after.starts_with([' ', '\n', '\t']);
            if followed_by_space && c == '.' && is_abbreviation(&text[start..i], after) {
                i = end;
                continue;
            }
            let next = after.trim_start();
            if followed_by_space && (next.is_empty() || can_start_sentence(next)) {
                push_trimmed(text, start, end, &mut spans);
                start = end;
            }
            i = end;
            continue;
        }
        i += width;
    }
    push_trimmed(text, start, text.len(), &mut spans);
    spans
}

fn push_trimmed(text: &str, start: usize, end: usize, spans: &mut Vec<ByteSpan>) {
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if lead + trail < piece.len() {
        spans.push(ByteSpan::new(start + lead, end - trail));
    }
}

fn can_start_sentence(next: &str) -> bool {
    let c = next.chars().next().unwrap_or(' ');
    c.is_uppercase()
        || c.is_ascii_digit()
        || matches!(
            c,
            '"' | '\'' | '‘' | '“' | '(' | '[' | '•' | '·' | '-' | '–' | '£'
        )
}

fn starts_with_capital(next: &str) -> bool {
    next.chars().next().is_some_and(|c| c.is_uppercase())
}

/// A line that starts a list item: a bullet, "(a)", "1.", "2.4", "a)".
pub(crate) fn starts_with_list_marker(line: &str) -> bool {
    let mut chars = line.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if matches!(
        first,
        '•' | '·' | '▪' | '◦' | '–' | '*' | '-' | '●' | '○' | '■' | '\u{F0B7}'
    ) {
        return chars.next().is_some_and(|c| c == ' ');
    }
    if first == '(' {
        let inner: String = line[1..].chars().take_while(|c| *c != ')').collect();
        return !inner.is_empty() && inner.len() <= 4 && inner.chars().all(|c| c.is_alphanumeric());
    }
    if first.is_ascii_digit() {
        let label: String = line
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        let rest = &line[label.len()..];
        return (label.contains('.') || rest.starts_with(')')) && !label.starts_with('.');
    }
    false
}

fn is_abbreviation(before: &str, after: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("")
        .trim_start_matches(['(', '[', '"', '\'', '‘', '“']);
    if word.is_empty() {
        return false;
    }
    let lower = word.to_lowercase();
    if ABBREVIATIONS.contains(&lower.as_str()) {
        return true;
    }
    let next = after.trim_start();
    if NUMBER_ABBREVIATIONS.contains(&lower.as_str())
        && next.chars().next().is_some_and(|c| c.is_ascii_digit())
    {
        return true;
    }
    // Initials: a single capital letter ("J. Smith"), or dotted initials ("U.K.").
    let letters: Vec<char> = word.chars().filter(|c| *c != '.').collect();
    if letters.len() == 1 && letters[0].is_uppercase() {
        return true;
    }
    word.contains('.') && word.split('.').all(|p| p.chars().count() <= 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        split_sentences(text)
            .into_iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn council_abbreviations_do_not_end_sentences() {
        let text = "Cllr. Smith presented report No. 3 (see para. 4.5, e.g. the table). \
                    The cost is £1.5m, i.e. 2.4% of budget. Section 3.1(b) applies. Next.";
        assert_eq!(
            sentences(text),
            vec![
                "Cllr. Smith presented report No. 3 (see para. 4.5, e.g. the table).",
                "The cost is £1.5m, i.e. 2.4% of budget.",
                "Section 3.1(b) applies.",
                "Next."
            ]
        );
    }

    #[test]
    fn initials_and_lowercase_continuations_stay_together() {
        assert_eq!(
            sentences("Report by J. Smith, Director. approx. 40 groups. Done!"),
            vec!["Report by J. Smith, Director. approx. 40 groups.", "Done!"]
        );
    }

    #[test]
    fn hard_wrapped_lines_join_but_list_items_split() {
        let text = "The consultation will run\nfor twelve weeks.\n- item one\n(b) item two";
        assert_eq!(
            sentences(text),
            vec![
                "The consultation will run\nfor twelve weeks.",
                "- item one",
                "(b) item two"
            ]
        );
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        assert_eq!(
            sentences("He said “we will consult.” Then he left."),
            vec!["He said “we will consult.”", "Then he left."]
        );
    }

    #[test]
    fn no_without_number_is_a_word() {
        assert_eq!(
            sentences("The answer was no. Members agreed."),
            vec!["The answer was no.", "Members agreed."]
        );
    }

    #[test]
    fn list_markers() {
        assert!(starts_with_list_marker("2.4 Give early notice"));
        assert!(starts_with_list_marker("(a) the grant"));
        assert!(starts_with_list_marker("• bullet"));
        assert!(starts_with_list_marker("3) third"));
        assert!(!starts_with_list_marker("2026 was a year"));
        assert!(!starts_with_list_marker("-5 degrees"));
    }
}
