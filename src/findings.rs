//! Findings: what the engine concludes about a document, and nothing about how to show it.
//!
//! The engine produces a [`DocumentReport`]; every renderer (terminal, JSON, Markdown, HTML,
//! SARIF, the annex, annotated DOCX) reads it and never re-runs matching. The JSON form of
//! these types is a public contract (`compactproof.report.v1`, documented in
//! `docs/report-json.md`): fields may be added, never renamed or removed, within a version.

use crate::document::{ByteSpan, Document, Format};
use crate::lexicon::Theme;
use serde::Serialize;
use std::fmt;

/// The schema tag of the JSON report.
pub const REPORT_SCHEMA: &str = "compactproof.report.v1";

/// What the engine concluded about one requirement or one theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Met,
    Short,
    Missing,
    Weak,
    Conflict,
    NotApplicable,
}

impl Status {
    /// Rank for "worst finding wins": higher is worse. `docs/themes.md` fixes the order
    /// conflict, short, missing, weak, met.
    pub fn rank(self) -> u8 {
        match self {
            Status::NotApplicable => 0,
            Status::Met => 1,
            Status::Weak => 2,
            Status::Missing => 3,
            Status::Short => 4,
            Status::Conflict => 5,
        }
    }

    pub fn severity(self) -> Severity {
        match self {
            Status::Short | Status::Conflict => Severity::Error,
            Status::Missing | Status::Weak => Severity::Warning,
            Status::Met | Status::NotApplicable => Severity::Info,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::Short => "short",
            Status::Missing => "missing",
            Status::Weak => "weak",
            Status::Conflict => "conflict",
            Status::NotApplicable => "not-applicable",
        }
    }

    /// True for statuses that call for action.
    pub fn is_problem(self) -> bool {
        matches!(self.severity(), Severity::Error | Severity::Warning)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How much a finding matters; `--fail-on` compares against it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// Where a finding's evidence is, for people and for tools.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct FindingLocation {
    /// 0-based block index into the document's blocks.
    pub block: usize,
    /// 1-based page, where known.
    pub page: Option<u32>,
    /// 1-based paragraph number (see `document::Location::paragraph`).
    pub paragraph: u32,
    /// 1-based line and column (characters) of the evidence's start.
    pub line: u32,
    pub column: u32,
    /// Byte offsets into the document text, end-exclusive.
    pub start: usize,
    pub end: usize,
}

impl FindingLocation {
    /// Resolve a span of `document` to a location.
    pub fn of(document: &Document, span: ByteSpan) -> FindingLocation {
        let position = document.position(span.start);
        let paragraph = document
            .blocks
            .get(position.block)
            .map_or(0, |b| b.location.paragraph);
        FindingLocation {
            block: position.block,
            page: position.page,
            paragraph,
            line: position.line,
            column: position.column,
            start: span.start,
            end: span.end,
        }
    }
}

/// An undertaking a finding rests on, with enough to cite it without the lexicon.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UndertakingRef {
    pub id: String,
    pub compact: String,
    pub citation: String,
    pub quote: String,
}

/// A suggested fix: text to put in place of the evidence, or a sentence to add.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    /// What to do, in words for a council officer.
    pub advice: String,
    /// `replace`: put `text` in place of the evidence span. `insert-after`: add `text` after
    /// the anchor span (the evidence, or the most relevant paragraph). `none`: advice only.
    pub action: SuggestionAction,
    pub text: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SuggestionAction {
    Replace,
    InsertAfter,
    None,
}

/// One conclusion about one requirement, citing every undertaking (across the selected
/// compacts) that carries it.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    /// The check that produced it, stable across runs ("consultation.period").
    pub id: String,
    pub theme: Theme,
    pub status: Status,
    pub severity: Severity,
    pub undertakings: Vec<UndertakingRef>,
    /// One sentence saying what is wrong (or right).
    pub message: String,
    /// Where the evidence is; for `missing` findings, the anchor where a fix would go
    /// (or `None` when the document gives no sensible anchor).
    pub location: Option<FindingLocation>,
    /// The sentence the finding rests on, as it reads in the document.
    pub evidence: Option<String>,
    /// The exact words within the evidence that decided it ("six weeks").
    pub evidence_terms: Option<String>,
    /// The stated period in days, where the finding rests on one.
    pub days: Option<u32>,
    /// The minimum the compact asks for, in days.
    pub required_days: Option<u32>,
    pub suggestion: Option<Suggestion>,
}

/// A theme's verdict for the whole document: its worst applicable finding.
#[derive(Debug, Clone, Serialize)]
pub struct ThemeVerdict {
    pub applies: bool,
    pub status: Status,
    pub days: Option<u32>,
    pub required_days: Option<u32>,
    /// The sentence that shows the theme applies (the trigger), if it does.
    pub trigger: Option<Evidence>,
    /// The evidence of the finding the verdict rests on.
    pub evidence: Option<Evidence>,
}

/// A quoted sentence with its location.
#[derive(Debug, Clone, Serialize)]
pub struct Evidence {
    pub text: String,
    pub location: FindingLocation,
}

/// A compact a document was checked against.
#[derive(Debug, Clone, Serialize)]
pub struct CompactRef {
    pub id: String,
    pub title: String,
    pub version: String,
}

/// Everything concluded about one document.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentReport {
    pub path: String,
    pub format: Format,
    pub compacts: Vec<CompactRef>,
    /// One verdict per reported theme, in report order.
    pub themes: Vec<(Theme, ThemeVerdict)>,
    /// Findings in document order (unanchored ones last), met ones included.
    pub findings: Vec<Finding>,
    /// Undertakings of the selected compacts that no draft can show; listed so a person can
    /// confirm them.
    pub unchecked: Vec<UndertakingRef>,
    /// Notes about the reading (e.g. a PDF with no text layer).
    pub warnings: Vec<String>,
}

impl DocumentReport {
    /// The verdict for a theme.
    pub fn theme(&self, theme: Theme) -> Option<&ThemeVerdict> {
        self.themes
            .iter()
            .find(|(t, _)| *t == theme)
            .map(|(_, v)| v)
    }

    /// The most severe problem in the document, if any.
    pub fn worst_severity(&self) -> Option<Severity> {
        self.findings
            .iter()
            .filter(|f| f.status.is_problem())
            .map(|f| f.severity)
            .max()
    }
}
