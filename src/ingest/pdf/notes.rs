//! Footnotes at the foot of a page.
//!
//! A PDF has no footnotes as such: a word processor prints the note's text at the foot of
//! the page, smaller than the body, starting with its number, and prints the same number
//! raised and smaller where the note is referenced. So a block is a footnote when all of
//! these hold:
//! - it is among the blocks that end the page's body (before any running footer), each
//!   set smaller than the body text or starting with a raised label (word processors that
//!   print notes at body size raise the note's number, as LibreOffice does);
//! - it starts with a note label ("1", "12", "*", "†"), or follows one that does without
//!   starting with a number of its own (a note of several paragraphs);
//! - that label was printed as a raised reference mark in the body of the same page
//!   ([`super::lines::Segment::marks`]).
//!
//! The last condition keeps small print that happens to start with a number (a numbered
//! caption, a "2 Main Street" address line) a paragraph. The mark itself stays in the body
//! text, where it was printed.

use super::layout::{Kind, PageBlock};
use super::lines::is_note_label;
use std::collections::HashSet;

/// At most this share of the body text size for a block to be footnote text.
const NOTE_SIZE_RATIO: f32 = 0.92;

/// Turn the footnotes among one page's `blocks` (in reading order) into
/// [`Kind::Footnote`], given the reference marks printed in the page's body and the
/// document's body text size.
pub(super) fn mark_footnotes(blocks: &mut [PageBlock], marks: &HashSet<String>, body_size: f32) {
    if marks.is_empty() {
        return;
    }
    let is_body = |b: &PageBlock| !b.rotated && !matches!(b.kind, Kind::Running(_));
    let small = |b: &PageBlock| b.size <= NOTE_SIZE_RATIO * body_size;
    let raised_reference =
        |b: &PageBlock| b.raised_label.as_ref().is_some_and(|l| marks.contains(l));
    // The blocks that end the page's body, each small or starting with a raised label.
    let body: Vec<usize> = (0..blocks.len()).filter(|i| is_body(&blocks[*i])).collect();
    let foot_start = body
        .iter()
        .rposition(|i| {
            let b = &blocks[*i];
            matches!(b.kind, Kind::Cell { .. }) || !(small(b) || raised_reference(b))
        })
        .map_or(0, |last_other| last_other + 1);
    let mut current: Option<String> = None;
    for &i in &body[foot_start..] {
        let block = &mut blocks[i];
        let found = note_label(block);
        let labelled = found.clone().filter(|(label, _)| {
            marks.contains(label)
                && (small(block) || block.raised_label.as_deref() == Some(label.as_str()))
        });
        match labelled {
            Some((label, label_len)) => {
                current = Some(label.clone());
                block.kind = Kind::Footnote { label, label_len };
            }
            // A number nothing refers to ("3 Main Street") ends the notes.
            None if found.is_some() => current = None,
            None => {
                if let Some(label) = &current {
                    block.kind = Kind::Footnote {
                        label: label.clone(),
                        label_len: 0,
                    };
                }
            }
        }
    }
}

/// The note label a block starts with, and its length in bytes with the space after it.
fn note_label(block: &PageBlock) -> Option<(String, usize)> {
    if let Kind::ListItem {
        label, label_len, ..
    } = &block.kind
    {
        let bare = label.trim_end_matches(['.', ')']);
        return is_note_label(bare).then(|| (bare.to_string(), *label_len));
    }
    let first = block.lines.first()?;
    let word = first.split_whitespace().next()?;
    if !is_note_label(word) || first.trim() == word {
        return None;
    }
    let start = first.find(word)?;
    let after = &first[start + word.len()..];
    let len = start + word.len() + (after.len() - after.trim_start().len());
    Some((word.to_string(), len))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(text: &str, size: f32, kind: Kind) -> PageBlock {
        PageBlock {
            kind,
            lines: text.lines().map(str::to_string).collect(),
            line: 1,
            size,
            left: 72.0,
            rotated: false,
            raised_label: None,
        }
    }

    fn marks(labels: &[&str]) -> HashSet<String> {
        labels.iter().map(|l| l.to_string()).collect()
    }

    fn kinds(blocks: &[PageBlock]) -> Vec<String> {
        blocks
            .iter()
            .map(|b| match &b.kind {
                Kind::Footnote { label, label_len } => format!("note {label} +{label_len}"),
                Kind::Paragraph => "p".into(),
                Kind::Running(_) => "running".into(),
                other => format!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn small_labelled_blocks_at_the_foot_with_a_mark_in_the_body_are_footnotes() {
        let mut blocks = vec![
            block(
                "The Council will consult the sector.1 See the website.",
                12.0,
                Kind::Paragraph,
            ),
            block(
                "1 The Compact was first agreed in 1998.",
                10.0,
                Kind::Paragraph,
            ),
            block("It was refreshed in 2010.", 10.0, Kind::Paragraph),
            block("2 Cabinet, 9 December 2026.", 10.0, Kind::Paragraph),
            block(
                "Page 1",
                9.0,
                Kind::Running(super::super::running::Running::Footer),
            ),
        ];
        mark_footnotes(&mut blocks, &marks(&["1", "2"]), 12.0);
        assert_eq!(
            kinds(&blocks),
            ["p", "note 1 +2", "note 1 +0", "note 2 +2", "running"]
        );
    }

    #[test]
    fn small_print_without_a_reference_mark_is_not_a_footnote() {
        let mut blocks = vec![
            block(
                "The Council will consult the sector.",
                12.0,
                Kind::Paragraph,
            ),
            block("2 Main Street, Durham DH1 5UQ", 9.0, Kind::Paragraph),
        ];
        mark_footnotes(&mut blocks, &marks(&["1"]), 12.0);
        assert_eq!(kinds(&blocks), ["p", "p"]);
        mark_footnotes(&mut blocks, &marks(&[]), 12.0);
        assert_eq!(kinds(&blocks), ["p", "p"]);
    }

    #[test]
    fn a_numbered_paragraph_in_body_text_size_is_not_a_footnote() {
        let mut blocks = vec![
            block(
                "1 The Council will consult the sector.",
                12.0,
                Kind::Paragraph,
            ),
            block("2 The grant will end.", 12.0, Kind::Paragraph),
        ];
        mark_footnotes(&mut blocks, &marks(&["1", "2"]), 12.0);
        assert_eq!(kinds(&blocks), ["p", "p"]);
    }

    #[test]
    fn a_note_at_body_size_counts_when_its_label_is_raised() {
        let mut note = block(
            "1 The Compact was first agreed in 1998.",
            12.0,
            Kind::Paragraph,
        );
        let body = || {
            block(
                "The Council will consult the sector. 1 See the website.",
                12.0,
                Kind::Paragraph,
            )
        };
        let mut blocks = vec![body(), note.clone()];
        mark_footnotes(&mut blocks, &marks(&["1"]), 12.0);
        assert_eq!(kinds(&blocks), ["p", "p"]);
        note.raised_label = Some("1".into());
        let mut blocks = vec![body(), note];
        mark_footnotes(&mut blocks, &marks(&["1"]), 12.0);
        assert_eq!(kinds(&blocks), ["p", "note 1 +2"]);
    }

    #[test]
    fn a_label_alone_on_its_line_is_not_taken_as_a_note() {
        let mut blocks = vec![
            block("Body text.", 12.0, Kind::Paragraph),
            block("1", 10.0, Kind::Paragraph),
        ];
        mark_footnotes(&mut blocks, &marks(&["1"]), 12.0);
        assert_eq!(kinds(&blocks), ["p", "p"]);
    }
}
