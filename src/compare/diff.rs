//! Word diffs between an old and a new clause, for highlighting and for reading scope.
//!
//! Texts are split into words and punctuation marks (with their byte spans); words compare
//! without regard to case or typographic quotes and dashes, so a reading difference is not
//! a change. The diff itself is similar's, with a deadline: a pathological pair degrades to
//! a coarser diff rather than taking long. The result serves two callers: renderers, which
//! highlight the changed words on each side ([`Segment`]s, in order, with the spacing of the
//! source), and the classifier, which reads inserted and deleted runs of words
//! ([`word_ops`]) to tell a list of alternatives that grew from one that shrank.

use similar::{capture_diff_slices_deadline, Algorithm, DiffOp};
use std::time::{Duration, Instant};

/// How long one clause pair's diff may take before it settles for a coarser answer.
const DEADLINE: Duration = Duration::from_millis(20);

/// What happened to a run of words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Op {
    Equal,
    Delete,
    Insert,
}

impl Op {
    /// The name used in the JSON contract.
    pub fn as_str(self) -> &'static str {
        match self {
            Op::Equal => "equal",
            Op::Delete => "delete",
            Op::Insert => "insert",
        }
    }
}

/// A run of words with one fate, as written in its source (the old text for deletions,
/// the new text otherwise).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub op: Op,
    pub text: String,
    /// Whether the source had white space before the run (renderers put a space there).
    pub space_before: bool,
    /// For an equal run, whether the old text had white space before it (the old text can
    /// differ: "[-Seek to-] Ensure" where the new text starts "Ensure"); otherwise the same
    /// as `space_before`.
    pub space_before_old: bool,
}

impl Segment {
    /// Whether to put a space before this segment when showing one side: the old text
    /// (`Op::Delete`: equal and deleted segments) or the new (`Op::Insert`).
    pub fn spaced_in(&self, side: Op) -> bool {
        if self.op == Op::Equal && side == Op::Delete {
            self.space_before_old
        } else {
            self.space_before
        }
    }
}

/// A word or punctuation mark: its comparison key and where it is.
#[derive(Debug, Clone)]
pub(crate) struct Token {
    pub key: String,
    pub start: usize,
    pub end: usize,
}

/// Words (letters, digits, inner apostrophes and hyphens) and single punctuation marks.
pub(crate) fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        let mut end = start + c.len_utf8();
        if c.is_alphanumeric() {
            while let Some(&(i, d)) = chars.peek() {
                let joins = matches!(d, '\'' | '’' | '-' | '‐')
                    && text[i + d.len_utf8()..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric);
                if d.is_alphanumeric() || joins {
                    end = i + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
        }
        let piece = &text[start..end];
        out.push(Token {
            key: key_of(piece),
            start,
            end,
        });
    }
    out
}

fn key_of(piece: &str) -> String {
    piece
        .chars()
        .map(|c| match c {
            '’' | '‘' | '`' => '\'',
            '“' | '”' => '"',
            '‐' | '–' | '—' => '-',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// The diff ops between two token lists, within the deadline.
pub(crate) fn token_ops(old: &[Token], new: &[Token]) -> Vec<DiffOp> {
    let old_keys: Vec<&str> = old.iter().map(|t| t.key.as_str()).collect();
    let new_keys: Vec<&str> = new.iter().map(|t| t.key.as_str()).collect();
    capture_diff_slices_deadline(
        Algorithm::Myers,
        &old_keys,
        &new_keys,
        Some(Instant::now() + DEADLINE),
    )
}

/// The word diff of two texts as segments in reading order: equal runs (as written in the
/// new text), then for each change the deleted run before the inserted one.
pub fn word_diff(old: &str, new: &str) -> Vec<Segment> {
    let old_tokens = tokenize(old);
    let new_tokens = tokenize(new);
    let ops = token_ops(&old_tokens, &new_tokens);
    let mut out: Vec<Segment> = Vec::new();
    for op in ops {
        match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => {
                let spaced_in_old = old_tokens
                    .get(old_index)
                    .is_some_and(|t| spaced(old, t.start));
                let run = &new_tokens[new_index..new_index + len];
                push(&mut out, Op::Equal, new, run, Some(spaced_in_old));
            }
            DiffOp::Delete {
                old_index, old_len, ..
            } => {
                let run = &old_tokens[old_index..old_index + old_len];
                push(&mut out, Op::Delete, old, run, None);
            }
            DiffOp::Insert {
                new_index, new_len, ..
            } => {
                let run = &new_tokens[new_index..new_index + new_len];
                push(&mut out, Op::Insert, new, run, None);
            }
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                let run = &old_tokens[old_index..old_index + old_len];
                push(&mut out, Op::Delete, old, run, None);
                let run = &new_tokens[new_index..new_index + new_len];
                push(&mut out, Op::Insert, new, run, None);
            }
        }
    }
    out
}

/// True when white space comes just before byte `at` of `text`.
fn spaced(text: &str, at: usize) -> bool {
    text.get(..at)
        .and_then(|before| before.chars().next_back())
        .is_some_and(char::is_whitespace)
}

/// Append a run of tokens of `text` as a segment, joining the previous segment if it has
/// the same fate. `spaced_in_old` is the old text's spacing for an equal run.
fn push(out: &mut Vec<Segment>, op: Op, text: &str, tokens: &[Token], spaced_in_old: Option<bool>) {
    let (Some(first), Some(last)) = (tokens.first(), tokens.last()) else {
        return;
    };
    let space_before = spaced(text, first.start);
    let piece = &text[first.start..last.end];
    match out.last_mut() {
        Some(previous) if previous.op == op => {
            if space_before {
                previous.text.push(' ');
            }
            previous.text.push_str(piece);
        }
        _ => out.push(Segment {
            op,
            text: piece.to_string(),
            space_before,
            space_before_old: spaced_in_old.unwrap_or(space_before),
        }),
    }
}

/// A pure insertion or deletion of words, with its neighbours, for reading scope changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct WordEdit {
    pub op: Op,
    /// The inserted or deleted tokens' keys.
    pub keys: Vec<String>,
    /// The inserted or deleted words as written.
    pub text: String,
    /// The text around the edit in the version that has it ("when changing or ending").
    pub context: String,
    /// The key of the token just before the edit, if any.
    pub before: Option<String>,
}

/// Pure insertions and deletions (not replacements) between two texts.
pub(crate) fn word_edits(old: &str, new: &str) -> Vec<WordEdit> {
    let old_tokens = tokenize(old);
    let new_tokens = tokenize(new);
    let mut out = Vec::new();
    for op in token_ops(&old_tokens, &new_tokens) {
        let (edit, text, tokens, at, len) = match op {
            DiffOp::Insert {
                new_index, new_len, ..
            } => (Op::Insert, new, &new_tokens, new_index, new_len),
            DiffOp::Delete {
                old_index, old_len, ..
            } => (Op::Delete, old, &old_tokens, old_index, old_len),
            _ => continue,
        };
        let run = &tokens[at..at + len];
        let (Some(first), Some(last)) = (run.first(), run.last()) else {
            continue;
        };
        let previous = at.checked_sub(1).and_then(|k| tokens.get(k));
        let before = previous.unwrap_or(first);
        let after = tokens.get(at + len).unwrap_or(last);
        out.push(WordEdit {
            op: edit,
            keys: run.iter().map(|t| t.key.clone()).collect(),
            text: text[first.start..last.end].to_string(),
            context: text[before.start..after.end].to_string(),
            before: previous.map(|t| t.key.clone()),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(segments: &[Segment]) -> String {
        let mut out = String::new();
        for (k, s) in segments.iter().enumerate() {
            if k > 0 && (s.space_before || s.space_before_old) {
                out.push(' ');
            }
            match s.op {
                Op::Equal => out.push_str(&s.text),
                Op::Delete => out.push_str(&format!("[-{}-]", s.text)),
                Op::Insert => out.push_str(&format!("{{+{}+}}", s.text)),
            }
        }
        out
    }

    #[test]
    fn changed_words_are_marked() {
        let d = word_diff(
            "Conduct 12-week formal written consultations.",
            "Conduct 8-week formal written consultations, where possible.",
        );
        assert_eq!(
            render(&d),
            "Conduct [-12-week-] {+8-week+} formal written consultations{+, where possible+}."
        );
    }

    #[test]
    fn each_side_keeps_its_own_spacing() {
        let d = word_diff(
            "Seek to Ensure (large print, Easy Read)",
            "Ensure (Easy Read)",
        );
        let side = |view: Op| {
            let mut out = String::new();
            for (k, s) in d
                .iter()
                .filter(|s| s.op == Op::Equal || s.op == view)
                .enumerate()
            {
                if k > 0 && s.spaced_in(view) {
                    out.push(' ');
                }
                out.push_str(&s.text);
            }
            out
        };
        assert_eq!(side(Op::Delete), "Seek to Ensure (large print, Easy Read)");
        assert_eq!(side(Op::Insert), "Ensure (Easy Read)");
    }

    #[test]
    fn typography_is_not_a_change() {
        let d = word_diff("three months’ notice", "Three months' notice");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].op, Op::Equal);
    }

    #[test]
    fn edits_carry_their_context() {
        let edits = word_edits(
            "Give notice when ending a funding relationship.",
            "Give notice when changing or ending a funding relationship.",
        );
        assert_eq!(edits.len(), 1);
        assert_eq!(edits[0].op, Op::Insert);
        assert_eq!(edits[0].keys, vec!["changing", "or"]);
        assert_eq!(edits[0].context, "when changing or ending");
    }

    #[test]
    fn empty_texts() {
        assert!(word_diff("", "").is_empty());
        assert_eq!(word_diff("", "New.")[0].op, Op::Insert);
        assert!(word_edits("", "").is_empty());
    }
}
