//! One pass over a document: every body sentence with the terms found in it.
//!
//! The analysis runs each matcher once per sentence (the compiled vocabulary: triggers and
//! duty words; the term extractors: durations, dates, "at once" phrases, hedges, negations,
//! justifications, equality mentions, protected characteristics, references to the
//! Compact) and keeps the results with document-relative spans. Requirement kinds then ask
//! questions of this analysis and never re-scan text, so the work is linear in document
//! size whatever the number of undertakings.

use crate::document::{BlockKind, ByteSpan, Document};
use crate::extract::compact_refs::{find_compact_refs, CompactNames, CompactRef};
use crate::extract::dates::{find_date_ranges, find_dates, most_common_year, DateMatch, DateRange};
use crate::extract::durations::{find_durations, Duration};
use crate::extract::equality::{
    characteristic_list_across, find_characteristic_list, find_equality_mentions,
    CharacteristicList, EqualityMention,
};
use crate::extract::hedges::{find_hedges, find_justifications, find_negations, Marker};
use crate::extract::immediate::{find_immediate, Immediate};
use crate::lexicon::{CompiledVocabulary, VocabIndex};
use regex::Regex;
use std::sync::LazyLock;
use time::Date;

/// Everything found in one body sentence. Spans are into [`Document::text`].
#[derive(Debug, Clone)]
pub struct Sentence {
    pub block: usize,
    pub span: ByteSpan,
    /// Triggers that fire on this sentence (includes expanded).
    pub triggers: Vec<VocabIndex>,
    /// Direct vocabulary and trigger matches.
    pub vocabulary: Vec<(VocabIndex, ByteSpan)>,
    pub durations: Vec<Duration>,
    pub date_ranges: Vec<DateRange>,
    pub dates: Vec<DateMatch>,
    pub immediate: Vec<Immediate>,
    pub hedges: Vec<Marker>,
    pub negations: Vec<Marker>,
    pub justifications: Vec<Marker>,
    pub equality: Vec<EqualityMention>,
    pub characteristics: Option<CharacteristicList>,
    pub compact_refs: Vec<CompactRef>,
}

impl Sentence {
    pub fn has_trigger(&self, trigger: VocabIndex) -> bool {
        self.triggers.contains(&trigger)
    }
}

/// A whole document's analysis.
#[derive(Debug)]
pub struct Analysis<'d> {
    pub document: &'d Document,
    pub sentences: Vec<Sentence>,
    /// Lists of protected characteristics spread over runs of list items or table cells,
    /// with the span of the run.
    pub characteristic_runs: Vec<(ByteSpan, CharacteristicList)>,
    /// The date the document (a letter, say) is dated, when it says.
    pub document_date: Option<(Date, ByteSpan)>,
}

impl<'d> Analysis<'d> {
    /// Analyse `document` with the compiled vocabulary and the selected compacts' names.
    pub fn new(
        document: &'d Document,
        vocabulary: &CompiledVocabulary,
        names: &CompactNames,
    ) -> Analysis<'d> {
        let text = document.text();
        let default_year = most_common_year(text);
        let terms_trigger = vocabulary.trigger("funding-terms");
        let consultation_trigger = vocabulary.trigger("consultation");
        let people_trigger = vocabulary.trigger("affects-people");
        let generic_checked: Vec<VocabIndex> = GENERIC_WHEN_TRIGGERS
            .iter()
            .filter_map(|id| vocabulary.trigger(id))
            .collect();
        let body = document.sentences();
        let mut matches: Vec<Vec<(VocabIndex, ByteSpan)>> = body
            .iter()
            .map(|(_, span)| {
                let s = &text[span.start..span.end];
                let mut found = vocabulary.find_all(s);
                found.retain(|(index, span)| {
                    let practice = generic_checked.contains(index) && not_a_decision(s, *span);
                    let imposed = Some(*index) == terms_trigger && imposed_on_the_council(s, *span);
                    let internal = Some(*index) == consultation_trigger && internal_consultation(s);
                    let unchanged = Some(*index) == people_trigger && says_nothing_changes(s);
                    !(practice || imposed || internal || unchanged)
                });
                found
            })
            .collect();
        // Funding decisions and grant terms matter to the Compact only when they concern the
        // sector: a commercial ICT contract that is not renewed is no Compact matter. A
        // draft that names the sector is in scope; one that names none but deals with a
        // company (a supplier, "Ltd", "plc") is not; otherwise it is given the benefit of
        // the doubt (a letter to "Grangetown Neighbourhood Activities Group").
        let sector = vocabulary.trigger("sector-relationship");
        let names_sector = matches
            .iter()
            .flatten()
            .any(|(index, _)| Some(*index) == sector);
        if !names_sector && COMMERCIAL.is_match(text) {
            let scoped: Vec<VocabIndex> = SECTOR_SCOPED_TRIGGERS
                .iter()
                .filter_map(|id| vocabulary.trigger(id))
                .collect();
            for found in &mut matches {
                found.retain(|(index, _)| !scoped.contains(index));
            }
        }
        let mut sentences = Vec::new();
        for ((block, span), found) in body.into_iter().zip(matches) {
            let s = &text[span.start..span.end];
            let shift = |b: ByteSpan| b.shifted(span.start);
            let triggers = vocabulary.fired_triggers(&found);
            let mut compact_refs: Vec<CompactRef> = find_compact_refs(s);
            compact_refs.extend(names.find(s));
            for r in &mut compact_refs {
                r.span = shift(r.span);
            }
            let mut durations = find_durations(s);
            for d in &mut durations {
                d.span = shift(d.span);
            }
            let mut date_ranges = find_date_ranges(s, default_year);
            for r in &mut date_ranges {
                r.span = shift(r.span);
                r.start.span = shift(r.start.span);
                r.end.span = shift(r.end.span);
            }
            let mut dates = find_dates(s, default_year);
            for d in &mut dates {
                d.span = shift(d.span);
            }
            let mut immediate = find_immediate(s);
            for i in &mut immediate {
                i.span = shift(i.span);
            }
            let shift_markers = |mut v: Vec<Marker>| {
                for m in &mut v {
                    m.span = shift(m.span);
                }
                v
            };
            let mut equality = find_equality_mentions(s);
            for e in &mut equality {
                e.span = shift(e.span);
            }
            let characteristics = find_characteristic_list(s).map(|mut list| {
                for (_, m) in &mut list.matches {
                    m.span = shift(m.span);
                }
                list
            });
            sentences.push(Sentence {
                block,
                span,
                triggers,
                vocabulary: found.into_iter().map(|(i, b)| (i, shift(b))).collect(),
                durations,
                date_ranges,
                dates,
                immediate,
                hedges: shift_markers(find_hedges(s)),
                negations: shift_markers(find_negations(s)),
                justifications: shift_markers(find_justifications(s)),
                equality,
                characteristics,
                compact_refs,
            });
        }
        let characteristic_runs = characteristic_runs(document);
        let document_date = document_date(document, default_year);
        Analysis {
            document,
            sentences,
            characteristic_runs,
            document_date,
        }
    }

    /// The text of a span.
    pub fn text(&self, span: ByteSpan) -> &'d str {
        self.document.slice(span)
    }

    /// Sentences on which `trigger` fires.
    pub fn trigger_sentences(&self, trigger: VocabIndex) -> impl Iterator<Item = &Sentence> {
        self.sentences
            .iter()
            .filter(move |s| s.has_trigger(trigger))
    }

    /// Sentences in the same block as `sentence`, and in the blocks just before and after.
    pub fn neighbourhood<'a>(
        &'a self,
        sentence: &'a Sentence,
    ) -> impl Iterator<Item = &'a Sentence> {
        let block = sentence.block;
        self.sentences
            .iter()
            .filter(move |s| s.block.abs_diff(block) <= 1)
    }
}

/// Triggers whose matches do not count in a sentence about what happens *whenever* it
/// happens: "the Council gives three months' notice when ending or changing funding" states
/// a practice, it does not end anyone's funding.
const GENERIC_WHEN_TRIGGERS: &[&str] = &["funding-change"];

/// Words that show a draft deals with a company rather than the sector.
static COMMERCIAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:Ltd|Limited|plc|PLC|LLP)(?-u:\b)").expect("commercial pattern")
});

/// Triggers that count only in a document that names the voluntary and community sector
/// (the `sector-relationship` trigger's own phrases).
const SECTOR_SCOPED_TRIGGERS: &[&str] = &["funding-change", "funding-terms"];

/// True when the match is not a decision about funding: a practice introduced by "when",
/// "before", "if", "whenever" or "where" (optionally with "deciding to"), or a point in
/// time ("at the end of the grant period"). "Before deciding to end funding" is not on the
/// list: drafts use it of the decision they are making.
fn not_a_decision(sentence: &str, span: ByteSpan) -> bool {
    let after = sentence[span.end..].trim_start().to_lowercase();
    if ["period", "year", "term"]
        .iter()
        .any(|w| after.starts_with(w))
    {
        return true;
    }
    let before = sentence[..span.start].trim_end().to_lowercase();
    let before = before
        .strip_suffix("deciding to")
        .or_else(|| before.strip_suffix("proposing to"))
        .unwrap_or(&before)
        .trim_end();
    ["when", "if", "whenever", "where", "wherever"]
        .iter()
        .any(|w| before.ends_with(&format!(" {w}")) || before == *w)
}

/// "The Executive Member and the Chief Officer have been consulted on this decision": the
/// usual sign-off inside the council, not a consultation with the public or the sector.
fn internal_consultation(sentence: &str) -> bool {
    const WHO: &[&str] = &[
        "Executive Member",
        "Cabinet Member",
        "Portfolio Holder",
        "Chief Officer",
        "Director",
        "Ward Members",
        "Ward Councillors",
        "Leader",
        "Monitoring Officer",
        "Section 151",
        "Head of",
        "Legal Services",
        "Finance",
    ];
    let lower = sentence.to_lowercase();
    [
        "have been consulted",
        "has been consulted",
        "were consulted",
        "was consulted",
    ]
    .iter()
    .any(|p| lower.contains(p))
        && WHO.iter().any(|w| sentence.contains(w))
}

/// A sentence that says a service stays as it is ("... all remain exactly as they are")
/// does not change anything for the people who use it.
fn says_nothing_changes(sentence: &str) -> bool {
    let lower = sentence.to_lowercase();
    [
        "remain unchanged",
        "remains unchanged",
        "are unchanged",
        "is unchanged",
        "remain exactly as",
        "remain as they are",
        "remains as it is",
        "will not change",
        "no change to",
        "no changes to",
        "stay the same",
        "remain the same",
    ]
    .iter()
    .any(|p| lower.contains(p))
}

/// Grant conditions that central government or another funder sets on the council ("the
/// DWP grant conditions require ...") are not terms the council sets on the sector.
fn imposed_on_the_council(sentence: &str, span: ByteSpan) -> bool {
    let start = sentence[..span.start]
        .char_indices()
        .rev()
        .nth(40)
        .map_or(0, |(i, _)| i);
    let before = &sentence[start..span.start];
    [
        "DWP",
        "Government",
        "government",
        "Ministry",
        "Department",
        "DfE",
        "DHSC",
        "Home Office",
        "MHCLG",
        "DLUHC",
        "Treasury",
        "Arts Council",
        "Lottery",
    ]
    .iter()
    .any(|w| before.contains(w))
}

/// Lists of characteristics spread over consecutive list items or table cells ("• age",
/// "• disability", ...), which no single sentence holds.
fn characteristic_runs(document: &Document) -> Vec<(ByteSpan, CharacteristicList)> {
    let mut runs = Vec::new();
    let mut current: Vec<usize> = Vec::new();
    let flush = |current: &mut Vec<usize>, runs: &mut Vec<(ByteSpan, CharacteristicList)>| {
        if current.len() >= 3 {
            let texts: Vec<&str> = current
                .iter()
                .map(|&i| document.blocks[i].text.as_str())
                .collect();
            if let Some(mut list) = characteristic_list_across(&texts) {
                for (index, m) in &mut list.matches {
                    m.span = m.span.shifted(document.blocks[current[*index]].span.start);
                }
                let first = &document.blocks[current[0]];
                let last = &document.blocks[*current.last().unwrap_or(&current[0])];
                runs.push((ByteSpan::new(first.span.start, last.span.end), list));
            }
        }
        current.clear();
    };
    for (index, block) in document.blocks.iter().enumerate() {
        match block.kind {
            BlockKind::ListItem { .. } | BlockKind::TableCell { .. } => current.push(index),
            _ => flush(&mut current, &mut runs),
        }
    }
    flush(&mut current, &mut runs);
    runs
}

/// The date a letter or report is dated: a block near the top that is a date on its own
/// ("6 January 2027"), or a labelled date ("Date: 6 January 2027", "Dated 6 January 2027").
fn document_date(document: &Document, default_year: Option<i32>) -> Option<(Date, ByteSpan)> {
    for block in document.blocks.iter().filter(|b| b.kind.is_body()).take(15) {
        let mut offset = 0;
        for line in block.text.split('\n') {
            let line_start = offset;
            offset += line.len() + 1;
            let trimmed = line.trim();
            let lower = trimmed.to_lowercase();
            let labelled = [
                "date:",
                "dated",
                "date of letter:",
                "date of report:",
                "date of issue:",
            ]
            .iter()
            .find(|label| lower.starts_with(*label))
            .map(|label| trimmed[label.len()..].trim());
            let candidate = labelled.unwrap_or(trimmed);
            let dates = find_dates(candidate, default_year);
            let Some(first) = dates.first() else { continue };
            // A date on its own line: the date covers nearly all the text.
            let alone = first.span.len() + 3 >= candidate.trim_end_matches('.').len();
            if alone || labelled.is_some() {
                if let Some(date) = first.date() {
                    let start = block.span.start + line_start;
                    return Some((date, ByteSpan::new(start, start + line.len())));
                }
            }
        }
    }
    None
}
