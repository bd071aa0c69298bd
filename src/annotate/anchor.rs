//! Finding the Word paragraph, and the characters in it, that a finding is about.
//!
//! A finding's location is a byte span of [`Document::text`]; the DOCX reader built that
//! text from `document.xml` paragraphs, table cells and text boxes (and, around the body,
//! headers, notes and footers, which live in other parts). Rather than re-derive the
//! reader's block order, the anchor is found by text: the evidence sentence (or, failing
//! that, the evidence terms) is searched for in the paragraphs' visible text, comparing
//! [`Collapsed`] forms so spacing differences do not matter, and when it occurs more than
//! once the occurrence with the same ordinal as in the document model is taken. Within
//! the sentence, the terms sit at the same collapsed offset as in the model.
//!
//! Findings without a location, or whose evidence is outside the body (a header, footer
//! or note) or cannot be found, are anchored on the most relevant heading (one that names
//! the finding's theme) or else the first body paragraph.

use super::collapse::{Collapsed, Flavour};
use super::scan::Paragraph;
use crate::document::{BlockKind, Document};
use crate::findings::Finding;
use crate::lexicon::Theme;
use std::ops::Range;

/// Where a finding goes in the document part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Anchor {
    /// Index into the scanned paragraphs.
    pub paragraph: usize,
    /// The evidence sentence (or the whole paragraph for a fallback anchor), as a byte
    /// range of the paragraph's visible text. Comments cover this.
    pub sentence: Range<usize>,
    /// The evidence terms, when the anchor is on the evidence.
    pub terms: Option<Range<usize>>,
    /// True when anchored on the evidence itself.
    pub on_evidence: bool,
    /// Where the evidence is when it is not in the body ("in footnote 2").
    pub place: Option<String>,
}

/// Anchors for one document.
pub(crate) struct Anchors<'a> {
    document: &'a Document,
    paragraphs: &'a [Paragraph],
    collapsed: Vec<Collapsed>,
    /// Collapsed text of each document block (empty for blocks outside the body flow).
    blocks: Vec<String>,
}

/// Blocks whose text comes from the main document part.
fn in_main_part(kind: &BlockKind) -> bool {
    !matches!(
        kind,
        BlockKind::Header
            | BlockKind::Footer
            | BlockKind::Footnote { .. }
            | BlockKind::Endnote { .. }
    )
}

impl<'a> Anchors<'a> {
    pub fn new(document: &'a Document, paragraphs: &'a [Paragraph]) -> Self {
        let collapsed = paragraphs
            .iter()
            .map(|p| Collapsed::new(&p.text, Flavour::Plain))
            .collect();
        let blocks = document
            .blocks
            .iter()
            .map(|b| {
                if in_main_part(&b.kind) {
                    Collapsed::needle(&b.text, Flavour::Plain)
                } else {
                    String::new()
                }
            })
            .collect();
        Anchors {
            document,
            paragraphs,
            collapsed,
            blocks,
        }
    }

    /// The anchor for a finding: on its evidence if it can be found, else a fallback.
    pub fn anchor(&self, finding: &Finding) -> Option<Anchor> {
        match self.on_evidence(finding) {
            Ok(anchor) => Some(anchor),
            Err(place) => {
                let mut anchor = self.fallback(finding.theme)?;
                anchor.place = place;
                Some(anchor)
            }
        }
    }

    /// The anchor on the evidence, or where the evidence is when it cannot be anchored.
    fn on_evidence(&self, finding: &Finding) -> Result<Anchor, Option<String>> {
        let location = finding.location.ok_or(None)?;
        let block = self.document.blocks.get(location.block).ok_or(None)?;
        let place = match &block.kind {
            BlockKind::Header => Some("in the running header".to_string()),
            BlockKind::Footer => Some("in the running footer".to_string()),
            BlockKind::Footnote { label } => Some(format!("in footnote {label}")),
            BlockKind::Endnote { label } => Some(format!("in endnote {label}")),
            _ => None,
        };
        if place.is_some() {
            return Err(place);
        }
        let collapsed = Collapsed::new(&block.text, Flavour::Plain);
        let (sentence, terms) = collapsed.evidence_ranges(block, finding).ok_or(None)?;
        // Search for the sentence first, then for the terms alone.
        for (needle_range, offset) in [
            (sentence.clone(), terms.start - sentence.start),
            (terms.clone(), 0),
        ] {
            let needle = &collapsed.text[needle_range.clone()];
            let ordinal = self.ordinal(location.block, &collapsed.text, needle, needle_range.start);
            let Some((p, at)) = self.occurrence(needle, ordinal) else {
                continue;
            };
            let c = &self.collapsed[p];
            let Some(sentence_range) = c.source_range(at..at + needle.len()) else {
                continue;
            };
            let terms_at = at + offset;
            let terms_range = c.source_range(terms_at..terms_at + terms.len());
            return Ok(Anchor {
                paragraph: p,
                sentence: sentence_range,
                terms: terms_range,
                on_evidence: true,
                place: None,
            });
        }
        Err(None)
    }

    /// How many times `needle` occurs in the body before position `at` of block `block`.
    fn ordinal(&self, block: usize, block_text: &str, needle: &str, at: usize) -> usize {
        let before: usize = self.blocks[..block.min(self.blocks.len())]
            .iter()
            .map(|b| super::collapse::find_all(b, needle).len())
            .sum();
        let within = super::collapse::find_all(block_text, needle)
            .into_iter()
            .filter(|i| *i < at)
            .count();
        before + within
    }

    /// The `ordinal`-th occurrence of `needle` across the paragraphs (or the last one, if
    /// there are fewer), as (paragraph, collapsed offset).
    fn occurrence(&self, needle: &str, ordinal: usize) -> Option<(usize, usize)> {
        let mut last = None;
        let mut seen = 0;
        for (p, c) in self.collapsed.iter().enumerate() {
            for at in c.find_all(needle) {
                if seen == ordinal {
                    return Some((p, at));
                }
                seen += 1;
                last = Some((p, at));
            }
        }
        last
    }

    /// The most relevant heading for a theme, else the first body paragraph, else the
    /// first paragraph with text.
    fn fallback(&self, theme: Theme) -> Option<Anchor> {
        let keywords = theme_keywords(theme);
        let heading = self.document.blocks.iter().find(|b| {
            matches!(b.kind, BlockKind::Heading { .. }) && {
                let lower = b.text.to_lowercase();
                keywords.iter().any(|k| lower.contains(k))
            }
        });
        let first_paragraph = self.document.blocks.iter().find(|b| {
            matches!(b.kind, BlockKind::Paragraph) && b.text.split_whitespace().count() >= 3
        });
        for block in [heading, first_paragraph].into_iter().flatten() {
            let needle = Collapsed::needle(&block.text, Flavour::Plain);
            if let Some(p) = self.collapsed.iter().position(|c| c.text == needle) {
                return Some(self.whole(p));
            }
            // A numbered heading carries its label in the model but not in the part.
            if let Some(p) = self
                .collapsed
                .iter()
                .position(|c| !c.text.is_empty() && needle.ends_with(&c.text))
            {
                return Some(self.whole(p));
            }
        }
        self.paragraphs
            .iter()
            .position(|p| !p.text.trim().is_empty())
            .map(|p| self.whole(p))
    }

    fn whole(&self, p: usize) -> Anchor {
        let text = &self.paragraphs[p].text;
        let start = text.len() - text.trim_start().len();
        let end = text.trim_end().len();
        Anchor {
            paragraph: p,
            sentence: start..end.max(start),
            terms: None,
            on_evidence: false,
            place: None,
        }
    }
}

/// Words in a heading that show it is about a theme.
pub(crate) fn theme_keywords(theme: Theme) -> &'static [&'static str] {
    match theme {
        Theme::Consultation => &["consult", "engagement"],
        Theme::FundingNotice | Theme::FundingPractice => &["fund", "grant", "financ"],
        Theme::Commissioning => &["commission", "procure", "contract", "tender"],
        Theme::Equality => &["equal", "impact", "divers"],
        Theme::Independence => &["independen", "campaign", "condition"],
        Theme::Feedback => &["feedback", "consult", "outcome"],
        Theme::InformationSharing => &["information", "data"],
        Theme::Volunteering => &["volunt"],
        Theme::CommunityGroups => &["communit"],
        Theme::DisputeResolution => &["dispute", "complain", "disagree"],
        Theme::Governance => &["governance", "decision"],
        Theme::CompactReference => &["compact", "policy", "background", "context"],
        Theme::Partnership => &["partner"],
        Theme::Principles => &["principle", "value"],
    }
}
