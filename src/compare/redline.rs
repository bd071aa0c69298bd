//! Tracked changes from a comparison, for `compare --annotate OUT.docx`.
//!
//! The annotated-copy writer ([`crate::annotate`]) makes tracked changes by replacing words
//! that are in a document with other words, and by adding paragraphs after one. So the
//! redline is built on the **old** DOCX: each changed run of words becomes one replacement
//! (the old words deleted, the new ones inserted, both tracked), and each added clause a
//! tracked new paragraph after the clause it follows. Accepting every change gives the new
//! version's words; rejecting every change gives the old version back. Words are compared as
//! [`diff`](super::diff) compares them (case, quotes and spacing aside), and each run is cut
//! from the documents' own text, so the words inserted are the new version's as written.
//!
//! What cannot be expressed as a replacement is counted, not forced: a whole paragraph
//! removed (there is no word left to replace it with), a run of words that crosses a
//! paragraph boundary, and moved clauses (their words did not change).

use super::diff::{token_ops, tokenize, Token};
use super::{Change, Class, Clause, Comparison};
use crate::document::{ByteSpan, Document};
use crate::findings::{Finding, FindingLocation, Severity, Status, Suggestion, SuggestionAction};
use crate::lexicon::Theme;
use similar::DiffOp;

/// The tracked changes that turn the old document into the new one, as findings the
/// annotated-copy writer understands, and how many changes could not be expressed.
#[derive(Debug, Clone, Default)]
pub struct Redline {
    /// One finding per tracked replacement or added paragraph, anchored in the old document.
    pub findings: Vec<Finding>,
    /// Changes left out (whole paragraphs removed, runs across paragraphs).
    pub skipped: usize,
}

/// A word of one side, with the block it is in.
struct Word {
    token: Token,
    block: usize,
}

/// Build the tracked changes for `comparison` of `old` against `new`.
pub fn redline(old: &Document, new: &Document, comparison: &Comparison) -> Redline {
    let mut out = Redline::default();
    // The last old clause seen, in the comparison's order: where an added clause goes.
    let mut last_old: Option<&Clause> = None;
    for change in &comparison.changes {
        match change.class {
            Class::Unchanged => {}
            Class::Moved => renumbered(old, change, &mut out),
            Class::Added => match last_old {
                Some(anchor) => out.findings.push(added(old, anchor, change)),
                None => out.skipped += 1,
            },
            Class::Removed => removed(old, change, &mut out),
            _ if change.old.is_empty() || change.new.is_empty() => out.skipped += 1,
            _ => {
                renumbered(old, change, &mut out);
                replacements(old, new, change, &mut out);
            }
        }
        if let Some(c) = change.old.last() {
            last_old = Some(c);
        }
    }
    out
}

/// The words of a side's clauses, with absolute byte offsets into the document's text.
fn words(document: &Document, clauses: &[Clause]) -> Vec<Word> {
    let text = document.text();
    let mut out = Vec::new();
    for clause in clauses {
        let Some(slice) = text.get(clause.span.start..clause.span.end) else {
            continue;
        };
        for mut token in tokenize(slice) {
            token.start += clause.span.start;
            token.end += clause.span.start;
            out.push(Word {
                token,
                block: clause.location.block,
            });
        }
    }
    out
}

/// One run to replace: old words `a..b` (by index) with new words `c..d` (as written).
struct Hunk {
    old: std::ops::Range<usize>,
    new: std::ops::Range<usize>,
}

fn replacements(old: &Document, new: &Document, change: &Change, out: &mut Redline) {
    let old_words = words(old, &change.old);
    let new_words = words(new, &change.new);
    let old_tokens: Vec<Token> = old_words.iter().map(|w| w.token.clone()).collect();
    let new_tokens: Vec<Token> = new_words.iter().map(|w| w.token.clone()).collect();
    let mut hunks: Vec<Hunk> = Vec::new();
    for op in token_ops(&old_tokens, &new_tokens) {
        let (a, n, c, m) = match op {
            DiffOp::Equal { .. } => continue,
            DiffOp::Delete {
                old_index,
                old_len,
                new_index,
            } => (old_index, old_len, new_index, 0),
            DiffOp::Insert {
                old_index,
                new_index,
                new_len,
            } => (old_index, 0, new_index, new_len),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => (old_index, old_len, new_index, new_len),
        };
        // A pure insertion or deletion takes a neighbouring word with it, so that there is
        // always something to replace and something to put in its place.
        let hunk = if n > 0 && m > 0 {
            Hunk {
                old: a..a + n,
                new: c..c + m,
            }
        } else if a > 0 && c > 0 {
            Hunk {
                old: a - 1..a + n,
                new: c - 1..c + m,
            }
        } else if a + n < old_words.len() && c + m < new_words.len() {
            Hunk {
                old: a..a + n + 1,
                new: c..c + m + 1,
            }
        } else {
            out.skipped += 1;
            continue;
        };
        // Runs that touch are one replacement.
        match hunks.last_mut() {
            Some(last) if hunk.old.start <= last.old.end && hunk.new.start <= last.new.end => {
                last.old.end = last.old.end.max(hunk.old.end);
                last.new.end = last.new.end.max(hunk.new.end);
            }
            _ => hunks.push(hunk),
        }
    }
    for hunk in hunks {
        let (Some(first), Some(last)) = (
            old_words.get(hunk.old.start),
            old_words.get(hunk.old.end.wrapping_sub(1)),
        ) else {
            out.skipped += 1;
            continue;
        };
        if first.block != last.block {
            out.skipped += 1;
            continue;
        }
        let text = new_words
            .get(hunk.new.start)
            .zip(new_words.get(hunk.new.end.wrapping_sub(1)))
            .and_then(|(f, l)| new.text().get(f.token.start..l.token.end))
            .map(super::clauses::collapse);
        let Some(text) = text.filter(|t| !t.is_empty()) else {
            out.skipped += 1;
            continue;
        };
        let span = ByteSpan::new(first.token.start, last.token.end);
        out.findings
            .push(finding(old, span, change, SuggestionAction::Replace, text));
    }
}

/// A clause number written in the text ("6.1 Work with ...", not a list label) that
/// changed: replace it.
fn renumbered(old: &Document, change: &Change, out: &mut Redline) {
    let ([clause], [now]) = (change.old.as_slice(), change.new.as_slice()) else {
        return;
    };
    let (Some(was), Some(is)) = (&clause.number, &now.number) else {
        return;
    };
    if was == is {
        return;
    }
    let Some(block) = old.blocks.get(clause.location.block) else {
        return;
    };
    let before = old
        .text()
        .get(block.span.start..clause.span.start)
        .unwrap_or("");
    let trimmed = before.trim_end();
    let Some(stem) = trimmed.strip_suffix(was.as_str()) else {
        return; // a list label: Word numbers it
    };
    let start = block.span.start + stem.len();
    let span = ByteSpan::new(start, start + was.len());
    out.findings.push(finding(
        old,
        span,
        change,
        SuggestionAction::Replace,
        is.clone(),
    ));
}

/// A removed clause that shares its paragraph with text before it: replace the last word
/// before it and the clause with that word. A paragraph of its own cannot be removed this
/// way and is counted as skipped.
fn removed(old: &Document, change: &Change, out: &mut Redline) {
    for clause in &change.old {
        let block = old.blocks.get(clause.location.block);
        // The text before the clause, without its number ("... organisations. 2.12").
        let before = block
            .and_then(|b| old.text().get(b.span.start..clause.span.start))
            .map(|text| {
                let trimmed = text.trim_end();
                clause
                    .number
                    .as_deref()
                    .and_then(|n| trimmed.strip_suffix(n))
                    .unwrap_or(text)
            });
        let last_word = before.and_then(|text| {
            let base = block.map_or(0, |b| b.span.start);
            tokenize(text).pop().map(|t| (base + t.start, base + t.end))
        });
        match last_word {
            Some((start, end)) => {
                let kept = old.text().get(start..end).unwrap_or("").to_string();
                let span = ByteSpan::new(start, clause.span.end);
                out.findings
                    .push(finding(old, span, change, SuggestionAction::Replace, kept));
            }
            None => out.skipped += 1,
        }
    }
}

/// A tracked new paragraph after `anchor` holding an added clause (with its number).
fn added(old: &Document, anchor: &Clause, change: &Change) -> Finding {
    let text = change
        .new
        .iter()
        .map(|c| match &c.number {
            Some(n) => format!("{n} {}", c.text),
            None => c.text.clone(),
        })
        .collect::<Vec<_>>()
        .join(" ");
    finding(
        old,
        anchor.span,
        change,
        SuggestionAction::InsertAfter,
        text,
    )
}

fn finding(
    old: &Document,
    span: ByteSpan,
    change: &Change,
    action: SuggestionAction,
    text: String,
) -> Finding {
    let evidence = old
        .text()
        .get(span.start..span.end)
        .map(super::clauses::collapse);
    let label = change
        .new_id()
        .or_else(|| change.old_id())
        .unwrap_or_default();
    Finding {
        id: "compare.change".to_string(),
        theme: Theme::Principles,
        status: Status::Weak,
        severity: Severity::Warning,
        undertakings: Vec::new(),
        message: format!("{} {label}: {}", change.class, change.reasons.join("; ")),
        location: Some(FindingLocation::of(old, span)),
        evidence: evidence.clone(),
        evidence_terms: evidence,
        days: None,
        required_days: None,
        suggestion: Some(Suggestion {
            advice: format!("{} in the new version", change.class),
            action,
            text: Some(text),
        }),
    }
}
