//! The proofing engine: from a [`Document`] and the selected compacts to a
//! [`DocumentReport`].
//!
//! One [`Engine`] is built per run (it holds the compiled vocabulary and the selection)
//! and checks any number of documents. For each document it runs one [`Analysis`] pass,
//! evaluates every checkable requirement of every selected undertaking with its kind
//! ([`kinds`]), merges requirements that are the same check across compacts into one
//! finding citing them all, and derives one verdict per reported theme
//! (`docs/themes.md`). It knows nothing of terminals, files or output formats.

mod analysis;
mod kinds;
mod verdict;

use crate::document::{BlockKind, Document, DocumentBuilder, Format};
use crate::extract::compact_refs::CompactNames;
use crate::findings::{
    CompactRef, DocumentReport, Evidence, Finding, FindingLocation, Status, UndertakingRef,
};
use crate::lexicon::{Compact, ExampleRunner, ExpectedStatus, Lexicon, Theme, Undertaking};
use analysis::Analysis;
use kinds::{evaluate, Context, Outcome};

/// The stable id of the check a requirement belongs to (`consultation.period`) and the theme
/// its finding is reported under: how a finding's `id` maps back to the requirements of the
/// undertakings it cites (the annex uses it to describe each requirement).
pub use kinds::check_of;
use std::collections::BTreeMap;
use thiserror::Error;

/// Why an engine could not be built.
#[derive(Debug, Error)]
pub enum EngineError {
    #[error("unknown compact `{id}`{hint}; `compactproof lexicon list` shows the compacts")]
    UnknownCompact { id: String, hint: String },
}

/// A configured proofing run: the lexicon, the compacts selected, compiled matchers.
pub struct Engine<'l> {
    lexicon: &'l Lexicon,
    compacts: Vec<&'l Compact>,
    names: CompactNames,
    quotes: CompactText,
}

impl<'l> Engine<'l> {
    /// An engine checking against the compacts with the given ids, or every compact in the
    /// lexicon when `compact_ids` is empty.
    pub fn new(lexicon: &'l Lexicon, compact_ids: &[String]) -> Result<Engine<'l>, EngineError> {
        let compacts: Vec<&Compact> = if compact_ids.is_empty() {
            lexicon.compacts().iter().collect()
        } else {
            let mut selected = Vec::new();
            for id in compact_ids {
                let compact = lexicon.compact(id).ok_or_else(|| {
                    let close = lexicon.suggest_compacts(id, 3);
                    EngineError::UnknownCompact {
                        id: id.clone(),
                        hint: if close.is_empty() {
                            String::new()
                        } else {
                            format!(" (did you mean {}?)", close.join(", "))
                        },
                    }
                })?;
                if !selected.iter().any(|c: &&Compact| c.id() == compact.id()) {
                    selected.push(compact);
                }
            }
            selected
        };
        let names = CompactNames::new(
            compacts
                .iter()
                .flat_map(|c| c.meta.names.iter().cloned().chain([c.meta.title.clone()])),
        );
        Ok(Engine {
            quotes: CompactText::new(lexicon),
            lexicon,
            compacts,
            names,
        })
    }

    /// The compacts this engine checks against.
    pub fn compacts(&self) -> &[&'l Compact] {
        &self.compacts
    }

    /// How suggested text names the compact(s): "the County Durham Compact", or "the
    /// Compact" when several are selected.
    fn compact_name(&self) -> String {
        match self.compacts.as_slice() {
            [only] => format!("the {}", only.meta.title.trim_start_matches("The ")),
            _ => "the Compact".to_string(),
        }
    }

    /// Check one document. `path` is how the report names it.
    ///
    /// A document that is itself a compact (it quotes many undertakings word for word) is
    /// not a draft acting under one: it gets a warning saying so and no theme findings,
    /// rather than "notice period missing" against its own undertakings.
    pub fn check(&self, document: &Document, path: &str) -> DocumentReport {
        if let Some(title) = self.quotes.is_a_compact(document.text()) {
            return self.compact_text_report(document, path, title);
        }
        let analysis = Analysis::new(document, self.lexicon.vocabulary(), &self.names);
        let context = Context::new(&analysis, self.lexicon.vocabulary(), self.compact_name());
        let mut groups: BTreeMap<(String, Option<u32>), Group> = BTreeMap::new();
        let mut unchecked = Vec::new();
        for compact in &self.compacts {
            for undertaking in self.lexicon.undertakings_of(compact.id()) {
                if !undertaking.is_checkable() {
                    unchecked.push(self.reference(compact, undertaking));
                    continue;
                }
                for requirement in &undertaking.requirements {
                    let outcome = evaluate(requirement, &context);
                    if outcome.status == Status::NotApplicable {
                        continue;
                    }
                    let (check, theme) = check_of(requirement, undertaking.theme);
                    let group = groups
                        .entry((check.clone(), outcome.required_days))
                        .or_insert_with(|| Group {
                            check,
                            theme,
                            outcome: outcome.clone(),
                            undertakings: Vec::new(),
                        });
                    if outcome.status.rank() > group.outcome.status.rank() {
                        group.outcome = outcome;
                    }
                    let reference = self.reference(compact, undertaking);
                    if !group.undertakings.contains(&reference) {
                        group.undertakings.push(reference);
                    }
                }
            }
        }
        let mut findings: Vec<Finding> = groups
            .into_values()
            .map(|g| g.into_finding(document))
            .collect();
        findings.sort_by_key(|f| {
            (
                f.location.map_or(usize::MAX, |l| l.start),
                std::cmp::Reverse(f.status.rank()),
            )
        });
        let themes = Theme::REPORTED
            .iter()
            .map(|theme| {
                let trigger = trigger_evidence(*theme, &findings, document);
                (*theme, verdict::theme_verdict(*theme, &findings, trigger))
            })
            .collect();
        DocumentReport {
            path: path.to_string(),
            format: document.format,
            compacts: self.compact_refs(),
            themes,
            findings,
            unchecked,
            warnings: document.warnings.clone(),
        }
    }

    fn compact_text_report(&self, document: &Document, path: &str, title: &str) -> DocumentReport {
        let mut warnings = document.warnings.clone();
        warnings.push(format!(
            "this document quotes the {title} throughout: it reads as a compact itself, not a draft acting under one, so no theme is checked; use `compactproof compare` to compare versions of a compact"
        ));
        DocumentReport {
            path: path.to_string(),
            format: document.format,
            compacts: self.compact_refs(),
            themes: Theme::REPORTED
                .iter()
                .map(|t| (*t, verdict::theme_verdict(*t, &[], None)))
                .collect(),
            findings: Vec::new(),
            unchecked: Vec::new(),
            warnings,
        }
    }

    fn compact_refs(&self) -> Vec<CompactRef> {
        self.compacts
            .iter()
            .map(|c| CompactRef {
                id: c.id().to_string(),
                title: c.meta.title.clone(),
                version: c.meta.version.clone(),
            })
            .collect()
    }

    fn reference(&self, compact: &Compact, undertaking: &Undertaking) -> UndertakingRef {
        UndertakingRef {
            id: undertaking.id.clone(),
            compact: compact.id().to_string(),
            citation: undertaking.citation.clone(),
            quote: undertaking.quote.clone(),
        }
    }

    /// The status one undertaking gets on a short text (one paragraph per line): the worst
    /// over its requirements, `not-applicable` when none applies. `None` for an unknown id.
    pub fn undertaking_status(&self, undertaking_id: &str, text: &str) -> Option<Status> {
        let undertaking = self.lexicon.undertaking(undertaking_id)?;
        let mut builder = DocumentBuilder::new(Format::Text);
        for (i, line) in text.lines().enumerate() {
            builder.push(BlockKind::Paragraph, line, None, Some(i as u32 + 1));
        }
        let document = builder.finish();
        let analysis = Analysis::new(&document, self.lexicon.vocabulary(), &self.names);
        let context = Context::new(&analysis, self.lexicon.vocabulary(), self.compact_name());
        Some(
            undertaking
                .requirements
                .iter()
                .map(|r| evaluate(r, &context).status)
                .max_by_key(|s| s.rank())
                .unwrap_or(Status::NotApplicable),
        )
    }
}

/// Runs lexicon examples through the engine, each against its own compact alone (the
/// contract of [`ExampleRunner`]).
#[derive(Debug, Clone, Copy, Default)]
pub struct ExampleChecker;

impl ExampleRunner for ExampleChecker {
    fn status_of(&self, lexicon: &Lexicon, undertaking_id: &str, text: &str) -> ExpectedStatus {
        let compact = lexicon
            .compact_of(undertaking_id)
            .map(|c| vec![c.id().to_string()])
            .unwrap_or_default();
        let status = Engine::new(lexicon, &compact)
            .ok()
            .and_then(|engine| engine.undertaking_status(undertaking_id, text))
            .unwrap_or(Status::NotApplicable);
        match status {
            Status::Met => ExpectedStatus::Met,
            Status::Short => ExpectedStatus::Short,
            Status::Missing => ExpectedStatus::Missing,
            Status::Weak => ExpectedStatus::Weak,
            Status::Conflict => ExpectedStatus::Conflict,
            Status::NotApplicable => ExpectedStatus::NotApplicable,
        }
    }
}

/// Recognises the text of a compact: undertakings quoted word for word.
struct CompactText {
    /// Normalised quotes (lower case, letters and digits only, single spaces).
    quotes: aho_corasick::AhoCorasick,
    /// The compact title each quote belongs to.
    owners: Vec<String>,
}

/// How many different undertakings quoted verbatim make a document a compact.
const COMPACT_QUOTES: usize = 8;

impl CompactText {
    fn new(lexicon: &Lexicon) -> CompactText {
        let mut patterns = Vec::new();
        let mut owners = Vec::new();
        for (compact, undertaking) in lexicon.entries() {
            let quote = normalise_for_quotes(&undertaking.quote);
            // Short quotes ("Respect the independence of the sector.") are ordinary prose.
            if quote.len() >= 60 {
                patterns.push(quote);
                owners.push(compact.meta.title.clone());
            }
        }
        CompactText {
            quotes: aho_corasick::AhoCorasick::new(&patterns)
                .expect("quotes are plain strings and always compile"),
            owners,
        }
    }

    /// The title of the compact whose undertakings the text quotes, if it quotes enough.
    fn is_a_compact(&self, text: &str) -> Option<&str> {
        let text = normalise_for_quotes(text);
        let mut seen = std::collections::BTreeSet::new();
        for m in self.quotes.find_overlapping_iter(&text) {
            seen.insert(m.pattern().as_usize());
        }
        if seen.len() < COMPACT_QUOTES {
            return None;
        }
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for index in seen {
            *counts.entry(self.owners[index].as_str()).or_default() += 1;
        }
        counts
            .into_iter()
            .max_by_key(|(_, n)| *n)
            .map(|(title, _)| title)
    }
}

fn normalise_for_quotes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.extend(c.to_lowercase());
        } else {
            space = true;
        }
    }
    out
}

/// Requirements of several undertakings that are one check.
struct Group {
    check: String,
    theme: Theme,
    outcome: Outcome,
    undertakings: Vec<UndertakingRef>,
}

impl Group {
    fn into_finding(self, document: &Document) -> Finding {
        let outcome = self.outcome;
        let location = outcome
            .terms
            .or(outcome.evidence)
            .map(|span| FindingLocation::of(document, span));
        Finding {
            id: self.check,
            theme: self.theme,
            status: outcome.status,
            severity: outcome.status.severity(),
            undertakings: self.undertakings,
            // Messages quote the draft, whose line breaks mean nothing in one sentence.
            message: collapse(&outcome.message),
            location,
            evidence: outcome.evidence.map(|s| collapse(document.slice(s))),
            evidence_terms: outcome.terms.map(|s| collapse(document.slice(s))),
            days: outcome.days,
            required_days: outcome.required_days,
            suggestion: outcome.suggestion.map(|mut s| {
                s.advice = collapse(&s.advice);
                s
            }),
        }
    }
}

/// The sentence that shows a theme applies: the evidence of its first finding.
fn trigger_evidence(theme: Theme, findings: &[Finding], document: &Document) -> Option<Evidence> {
    let finding = findings
        .iter()
        .find(|f| f.theme == theme && f.status != Status::NotApplicable)?;
    let location = finding.location?;
    let block = document.blocks.get(location.block)?;
    Some(Evidence {
        text: collapse(&block.text),
        location,
    })
}

/// Line breaks inside a sentence become spaces, for quoting.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
