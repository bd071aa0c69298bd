//! Applying the findings' suggested wording to text: the engine of `compactproof fix`.
//!
//! Two sources can be fixed. For text and Markdown files the fix is applied to the file
//! as written ([`fix_source`]), so the output keeps the author's line wrapping, Markdown
//! syntax and everything compactproof normalised away; the evidence is found again in the
//! source by comparing collapsed text (see `collapse`), taking the occurrence nearest the
//! line the finding reports. For DOCX and PDF the fix is applied to the document model's
//! text ([`fix_document_text`]), where the finding's offsets are exact.
//!
//! Rules, the same as for annotated Word copies: a `replace` suggestion puts its text in
//! place of the evidence terms, or of the whole evidence sentence when the text is itself
//! a sentence; an `insert-after` suggestion adds its text as a new paragraph after the
//! block holding the evidence (or the most relevant heading or first paragraph when the
//! finding has no location). Suggestions without text, and ones that would overlap an
//! earlier one, are listed as skipped.

use super::anchor::theme_keywords;
use super::collapse::{Collapsed, Flavour};
use crate::document::{Block, BlockKind, Document, Format};
use crate::findings::{Finding, SuggestionAction};
use std::ops::Range;

/// The fixed text and what was done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fixed {
    pub text: String,
    /// Suggestions applied, in text order.
    pub applied: Vec<Applied>,
    /// Suggestions with wording that could not be applied, and why.
    pub skipped: Vec<String>,
}

/// One applied suggestion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    /// The finding's check id.
    pub check: String,
    /// Byte range replaced in the original text (empty for an insertion).
    pub range: Range<usize>,
    pub text: String,
}

/// Fix the document model's own text ([`Document::text`]).
pub fn fix_document_text(document: &Document, findings: &[Finding]) -> Fixed {
    let mut edits = Vec::new();
    let mut skipped = Vec::new();
    for finding in with_wording(findings) {
        match edit_in_document(document, finding) {
            Some(edit) => edits.push(edit),
            None => skipped.push(skip_note(finding)),
        }
    }
    apply(document.text(), edits, skipped)
}

/// Fix a text or Markdown source that `document` was read from.
pub fn fix_source(
    source: &str,
    format: Format,
    document: &Document,
    findings: &[Finding],
) -> Fixed {
    let flavour = match format {
        Format::Markdown => Flavour::Markdown,
        _ => Flavour::Plain,
    };
    let collapsed = Collapsed::new(source, flavour);
    let mut edits = Vec::new();
    let mut skipped = Vec::new();
    for finding in with_wording(findings) {
        match edit_in_source(source, &collapsed, flavour, document, finding) {
            Some(edit) => edits.push(edit),
            None => skipped.push(skip_note(finding)),
        }
    }
    apply(source, edits, skipped)
}

fn with_wording(findings: &[Finding]) -> impl Iterator<Item = &Finding> {
    findings.iter().filter(|f| {
        f.status.is_problem()
            && f.suggestion.as_ref().is_some_and(|s| {
                matches!(
                    s.action,
                    SuggestionAction::Replace | SuggestionAction::InsertAfter
                ) && s.text.as_deref().is_some_and(|t| !t.trim().is_empty())
            })
    })
}

fn skip_note(finding: &Finding) -> String {
    format!(
        "{}: the evidence could not be found in the text, so its suggested wording was not applied",
        finding.id
    )
}

fn wording(finding: &Finding) -> (SuggestionAction, String) {
    let suggestion = finding.suggestion.as_ref();
    (
        suggestion.map_or(SuggestionAction::None, |s| s.action),
        suggestion
            .and_then(|s| s.text.clone())
            .unwrap_or_default()
            .trim()
            .to_string(),
    )
}

/// The evidence as the document model has it: the block, the collapsed sentence, and
/// the collapsed range of the terms within the sentence.
struct Evidence<'d> {
    block: &'d Block,
    sentence: String,
    terms: Range<usize>,
    /// Byte range of the sentence in the document text.
    sentence_span: Range<usize>,
    /// Byte range of the terms in the document text.
    terms_span: Range<usize>,
}

fn evidence<'d>(document: &'d Document, finding: &Finding) -> Option<Evidence<'d>> {
    let block = document.blocks.get(finding.location?.block)?;
    let collapsed = Collapsed::new(&block.text, Flavour::Plain);
    let (sentence, terms) = collapsed.evidence_ranges(block, finding)?;
    let sentence_source = collapsed.source_range(sentence.clone())?;
    let terms_source = collapsed.source_range(terms.clone())?;
    Some(Evidence {
        block,
        sentence: collapsed.text[sentence.clone()].to_string(),
        terms: terms.start - sentence.start..terms.end - sentence.start,
        sentence_span: sentence_source.start + block.span.start
            ..sentence_source.end + block.span.start,
        terms_span: terms_source.start + block.span.start..terms_source.end + block.span.start,
    })
}

/// True when the replacement text reads as a sentence of its own.
fn is_sentence(text: &str) -> bool {
    let text = text.trim();
    text.split_whitespace().count() >= 5
        && text.chars().next().is_some_and(char::is_uppercase)
        && text.ends_with(['.', '!', '?'])
}

fn edit_in_document(document: &Document, finding: &Finding) -> Option<Applied> {
    let (action, text) = wording(finding);
    let check = finding.id.clone();
    let found = evidence(document, finding);
    match (action, found) {
        (SuggestionAction::Replace, Some(e)) => {
            let range = if is_sentence(&text) {
                e.sentence_span
            } else {
                e.terms_span
            };
            Some(Applied { check, range, text })
        }
        (SuggestionAction::InsertAfter, found) => {
            let block = match found {
                Some(e) => e.block,
                None => fallback_block(document, finding)?,
            };
            let at = block.span.end;
            Some(Applied {
                check,
                range: at..at,
                text: format!("\n\n{text}"),
            })
        }
        _ => None,
    }
}

/// The block an unanchored insertion goes after: a heading naming the theme, else the
/// first paragraph.
fn fallback_block<'d>(document: &'d Document, finding: &Finding) -> Option<&'d Block> {
    let keywords = theme_keywords(finding.theme);
    document
        .blocks
        .iter()
        .find(|b| {
            matches!(b.kind, BlockKind::Heading { .. }) && {
                let lower = b.text.to_lowercase();
                keywords.iter().any(|k| lower.contains(k))
            }
        })
        .or_else(|| {
            document
                .blocks
                .iter()
                .find(|b| matches!(b.kind, BlockKind::Paragraph))
        })
}

fn edit_in_source(
    source: &str,
    collapsed: &Collapsed,
    flavour: Flavour,
    document: &Document,
    finding: &Finding,
) -> Option<Applied> {
    let (action, text) = wording(finding);
    let check = finding.id.clone();
    let found = evidence(document, finding);
    // Where the finding says it is: the start of its line in the source.
    let hint = finding
        .location
        .map(|l| line_start(source, l.line))
        .unwrap_or(0);
    match (action, found) {
        (SuggestionAction::Replace, Some(e)) => {
            let sentence = Collapsed::needle(&e.sentence, flavour);
            let terms = Collapsed::needle(&e.sentence[e.terms.clone()], flavour);
            let (at, needle_len, range) = match nearest(collapsed, &sentence, hint) {
                Some(at) => {
                    // The terms within the sentence, at the same (collapsed) offset.
                    let through_terms = Collapsed::needle(&e.sentence[..e.terms.end], flavour);
                    let offset = through_terms.len().saturating_sub(terms.len());
                    (at, sentence.len(), at + offset..at + offset + terms.len())
                }
                None => {
                    let at = nearest(collapsed, &terms, hint)?;
                    (at, terms.len(), at..at + terms.len())
                }
            };
            let target = if is_sentence(&text) {
                at..at + needle_len
            } else {
                range
            };
            if collapsed.text.get(target.clone()) != Some(terms.as_str()) && !is_sentence(&text) {
                return None;
            }
            let range = collapsed.source_range(target)?;
            Some(Applied { check, range, text })
        }
        (SuggestionAction::InsertAfter, found) => {
            let block = match &found {
                Some(e) => e.block,
                None => fallback_block(document, finding)?,
            };
            let from = match &found {
                Some(e) => nearest(collapsed, &Collapsed::needle(&e.sentence, flavour), hint)
                    .unwrap_or(hint),
                None => block
                    .location
                    .line
                    .map(|l| collapsed_at(collapsed, line_start(source, l)))
                    .unwrap_or(0),
            };
            // The end of the block in the source: after its last line.
            let last_line = block.text.lines().last().unwrap_or("");
            let needle = Collapsed::needle(last_line, flavour);
            let end = collapsed
                .find_all(&needle)
                .into_iter()
                .find(|at| *at + needle.len() >= from)
                .and_then(|at| collapsed.source_range(at..at + needle.len()))
                .map(|r| r.end)?;
            let at = source[end..].find('\n').map_or(source.len(), |i| end + i);
            let at = trim_back(source, at);
            Some(Applied {
                check,
                range: at..at,
                text: format!("\n\n{text}"),
            })
        }
        _ => None,
    }
}

/// End of a line without trailing spaces or `\r`.
fn trim_back(source: &str, mut at: usize) -> usize {
    while at > 0 && matches!(source.as_bytes()[at - 1], b' ' | b'\t' | b'\r') {
        at -= 1;
    }
    at
}

/// Byte offset of the start of 1-based line `line`.
fn line_start(source: &str, line: u32) -> usize {
    if line <= 1 {
        return 0;
    }
    source
        .match_indices('\n')
        .nth(line as usize - 2)
        .map_or(source.len(), |(i, _)| i + 1)
}

/// The collapsed offset of the first collapsed character at or after source offset `at`.
fn collapsed_at(collapsed: &Collapsed, at: usize) -> usize {
    collapsed
        .collapsed_range(at..usize::MAX)
        .map_or(collapsed.text.len(), |r| r.start)
}

/// The occurrence of `needle` nearest the source offset `hint` (collapsed offset).
fn nearest(collapsed: &Collapsed, needle: &str, hint: usize) -> Option<usize> {
    let hint_at = collapsed_at(collapsed, hint);
    collapsed
        .find_all(needle)
        .into_iter()
        .min_by_key(|at| at.abs_diff(hint_at))
}

fn apply(original: &str, mut edits: Vec<Applied>, mut skipped: Vec<String>) -> Fixed {
    edits.sort_by_key(|e| (e.range.start, e.range.end));
    let mut kept: Vec<Applied> = Vec::new();
    for edit in edits {
        let clash = kept.last().is_some_and(|last| {
            edit.range.start < last.range.end
                || (edit.range.is_empty()
                    && last.range.is_empty()
                    && edit.range.start == last.range.start
                    && edit.text == last.text)
        });
        if clash {
            skipped.push(format!(
                "{}: its suggested wording overlaps another suggestion, so it was not applied",
                edit.check
            ));
        } else {
            kept.push(edit);
        }
    }
    let mut text = String::with_capacity(original.len() + 1024);
    let mut at = 0;
    for edit in &kept {
        text.push_str(&original[at..edit.range.start]);
        text.push_str(&edit.text);
        at = edit.range.end;
    }
    text.push_str(&original[at..]);
    Fixed {
        text,
        applied: kept,
        skipped,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::ByteSpan;
    use crate::findings::{FindingLocation, Severity, Status, Suggestion};
    use crate::ingest::{read_bytes, Limits};
    use crate::lexicon::Theme;

    fn finding(
        document: &Document,
        terms_at: usize,
        terms: &str,
        evidence: &str,
        action: SuggestionAction,
        text: &str,
    ) -> Finding {
        Finding {
            id: "test.check".into(),
            theme: Theme::Consultation,
            status: Status::Short,
            severity: Severity::Error,
            undertakings: Vec::new(),
            message: "m".into(),
            location: Some(FindingLocation::of(
                document,
                ByteSpan::new(terms_at, terms_at + terms.len()),
            )),
            evidence: Some(evidence.into()),
            evidence_terms: Some(terms.into()),
            days: None,
            required_days: None,
            suggestion: Some(Suggestion {
                advice: "a".into(),
                action,
                text: Some(text.into()),
            }),
        }
    }

    #[test]
    fn markdown_source_keeps_wrapping_and_emphasis_and_the_right_occurrence() {
        let source = "# Plan\n\nThe pilot ran for six weeks.\n\nThe consultation will run\nfor **six weeks** from May.\n\n## Next\n";
        let document = read_bytes(source.as_bytes(), Some("md"), &Limits::default()).unwrap();
        let at = document.text().rfind("six weeks").unwrap();
        let f = finding(
            &document,
            at,
            "six weeks",
            "The consultation will run for six weeks from May.",
            SuggestionAction::Replace,
            "12 weeks",
        );
        let g = finding(
            &document,
            at,
            "six weeks",
            "The consultation will run for six weeks from May.",
            SuggestionAction::InsertAfter,
            "Feedback will be published.",
        );
        let fixed = fix_source(source, Format::Markdown, &document, &[f, g]);
        assert_eq!(
            fixed.text,
            "# Plan\n\nThe pilot ran for six weeks.\n\nThe consultation will run\nfor **12 weeks** from May.\n\nFeedback will be published.\n\n## Next\n"
        );
        assert!(fixed.skipped.is_empty(), "{:?}", fixed.skipped);
    }

    #[test]
    fn document_text_fixes_use_exact_offsets_and_overlaps_are_skipped() {
        let source = "We will consult for six weeks.\n\nThen decide.";
        let document = read_bytes(source.as_bytes(), Some("txt"), &Limits::default()).unwrap();
        let at = document.text().find("six weeks").unwrap();
        let f = finding(
            &document,
            at,
            "six weeks",
            "We will consult for six weeks.",
            SuggestionAction::Replace,
            "12 weeks",
        );
        let g = finding(
            &document,
            at,
            "six weeks",
            "We will consult for six weeks.",
            SuggestionAction::Replace,
            "The consultation will run for twelve weeks.",
        );
        let fixed = fix_document_text(&document, &[f, g]);
        assert_eq!(
            fixed.text,
            "The consultation will run for twelve weeks.\n\nThen decide."
        );
        assert_eq!(fixed.applied.len(), 1);
        assert_eq!(fixed.skipped.len(), 1, "{:?}", fixed.skipped);
    }
}
