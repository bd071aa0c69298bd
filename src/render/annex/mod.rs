//! The Compact compliance annex: the document a cabinet report author attaches to show how a
//! proposal stands against the local Compact.
//!
//! An [`Annex`] is built once from a checked draft (the engine's [`DocumentReport`] and the
//! [`Document`] it was made from), the lexicon (for each undertaking's requirements and
//! plain-words summary) and the facts about the file that the caller gathered
//! ([`SourceFile`]: name, last-modified date, SHA-256). Three renderers present the same
//! model: [`markdown`], [`html`] (one self-contained, accessible page that reuses the HTML
//! report's stylesheet) and [`docx`] (a landscape Word document with real tables and heading
//! styles). Like every renderer they read findings and never re-run matching; they read no
//! files and no clock: the date of the check is an input.
//!
//! What the annex holds, in order:
//! 1. the document proofed, the compact(s) and versions, and the date of the check;
//! 2. one row per undertaking of the selected compacts that applies to the draft (that is,
//!    cited by a finding), even when several undertakings share one finding: its citation
//!    and a short quote, the requirement(s) checked, the status, the evidence and the action
//!    needed;
//! 3. the checkable undertakings that do not apply to this draft;
//! 4. the undertakings no draft can show, grouped by theme, for a person to confirm;
//! 5. a "Compact implications" paragraph for the report's "Reasons for the decision"
//!    ([`implications`]).
//!
//! Statuses are the engine's, put in the words a cabinet report uses ([`AnnexStatus`]):
//! `met` is **Met**; `weak` (mentioned but hedged) is **Partly met**; `short`, `missing` and
//! `conflict` are **Not met**; `not-applicable` is **Not applicable**. An undertaking whose
//! requirements got different statuses takes the worst of them, in the engine's order
//! (`docs/themes.md`), so one unmet requirement makes the undertaking Not met.

pub mod docx;
pub mod html;
mod implications;
pub mod markdown;

use super::{evidence_text, short_quote, terms_range, valid_span, Checked};
use crate::document::{BlockKind, Document};
use crate::engine::check_of;
use crate::findings::{CompactRef, Finding, FindingLocation, Status, UndertakingRef};
use crate::lexicon::{Lexicon, Party, Requirement, Theme, Undertaking};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::fmt;
use std::path::Path;
use time::Date;

/// The annex's title, in every format.
pub const ANNEX_TITLE: &str = "Compact compliance annex";

/// How many characters of an undertaking's quote the table shows.
const QUOTE_CHARS: usize = 120;
/// How many characters of a piece of evidence the table shows.
const EVIDENCE_CHARS: usize = 220;

/// The annex formats, chosen from the output file's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AnnexFormat {
    Markdown,
    Html,
    Docx,
}

impl AnnexFormat {
    /// The format for an output file name: `.md`/`.markdown`, `.html`/`.htm` or `.docx`
    /// (case-insensitive); `None` for anything else.
    pub fn from_path(path: &Path) -> Option<AnnexFormat> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "md" | "markdown" => Some(AnnexFormat::Markdown),
            "html" | "htm" => Some(AnnexFormat::Html),
            "docx" => Some(AnnexFormat::Docx),
            _ => None,
        }
    }
}

/// Why an annex could not be rendered. Only the DOCX renderer can fail, and only if the
/// Word package cannot be assembled.
#[derive(Debug, thiserror::Error)]
pub enum AnnexError {
    #[error("could not assemble the Word document: {0}")]
    Docx(String),
}

/// Render an annex in a format, as the bytes of the file to write.
pub fn render(format: AnnexFormat, annex: &Annex) -> Result<Vec<u8>, AnnexError> {
    match format {
        AnnexFormat::Markdown => Ok(markdown::render(annex).into_bytes()),
        AnnexFormat::Html => Ok(html::render(annex).into_bytes()),
        AnnexFormat::Docx => docx::render(annex),
    }
}

/// The file that was proofed, as the annex identifies it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// The file's name, without its folder ("cabinet-report.docx").
    pub name: String,
    /// The file's last-modified date, where known.
    pub modified: Option<Date>,
    /// SHA-256 of the file's bytes, 64 lower-case hex digits.
    pub sha256: String,
}

impl SourceFile {
    /// Identify a file from its name, the bytes that were checked, and its modification date.
    pub fn new(name: impl Into<String>, bytes: &[u8], modified: Option<Date>) -> SourceFile {
        let digest = Sha256::digest(bytes);
        let sha256 = digest.iter().fold(String::with_capacity(64), |mut s, b| {
            use std::fmt::Write as _;
            let _ = write!(s, "{b:02x}");
            s
        });
        SourceFile {
            name: name.into(),
            modified,
            sha256,
        }
    }
}

/// A status as a cabinet report states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AnnexStatus {
    Met,
    PartlyMet,
    NotMet,
    NotApplicable,
}

impl AnnexStatus {
    /// The mapping documented in the module docs.
    pub fn of(status: Status) -> AnnexStatus {
        match status {
            Status::Met => AnnexStatus::Met,
            Status::Weak => AnnexStatus::PartlyMet,
            Status::Short | Status::Missing | Status::Conflict => AnnexStatus::NotMet,
            Status::NotApplicable => AnnexStatus::NotApplicable,
        }
    }

    /// "Met", "Partly met", "Not met", "Not applicable".
    pub fn title(self) -> &'static str {
        match self {
            AnnexStatus::Met => "Met",
            AnnexStatus::PartlyMet => "Partly met",
            AnnexStatus::NotMet => "Not met",
            AnnexStatus::NotApplicable => "Not applicable",
        }
    }

    /// What the status means, for the annex's key.
    pub fn meaning(self) -> &'static str {
        match self {
            AnnexStatus::Met => "the draft does what the undertaking asks.",
            AnnexStatus::PartlyMet => {
                "the draft mentions it but hedges it (\u{201c}where appropriate\u{201d}, \
                 \u{201c}may\u{201d}, \u{201c}up to\u{201d}) so that it commits to nothing."
            }
            AnnexStatus::NotMet => {
                "the draft states a shorter period than the Compact asks for without a reason, \
                 says the opposite of the undertaking, or says nothing that meets it."
            }
            AnnexStatus::NotApplicable => "the undertaking does not apply to this draft.",
        }
    }

    /// The report stylesheet's status class whose colours this status borrows.
    pub(crate) fn class(self) -> &'static str {
        match self {
            AnnexStatus::Met => "met",
            AnnexStatus::PartlyMet => "weak",
            AnnexStatus::NotMet => "short",
            AnnexStatus::NotApplicable => "not-applicable",
        }
    }

    /// Every status, in the order the key lists them.
    pub const ALL: [AnnexStatus; 4] = [
        AnnexStatus::Met,
        AnnexStatus::PartlyMet,
        AnnexStatus::NotMet,
        AnnexStatus::NotApplicable,
    ];
}

impl fmt::Display for AnnexStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.title())
    }
}

/// One requirement of an undertaking that was checked, with its own status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequirementLine {
    /// "At least 12 weeks for consultation (a shorter period is allowed with a clear reason)".
    pub text: String,
    pub status: AnnexStatus,
}

/// What one finding found: a quote from the draft with where it is, and what it means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceLine {
    /// The words of the draft, shortened with an ellipsis; absent when the draft says
    /// nothing on the point.
    pub quote: Option<String>,
    /// "page 2, paragraph 4.1"; absent when the quote is.
    pub place: Option<String>,
    /// The engine's one-sentence conclusion.
    pub note: String,
}

/// One row of the table: an undertaking that applies to the draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub id: String,
    /// The title of the compact it belongs to.
    pub compact: String,
    pub citation: String,
    /// The undertaking's words, cut to about 120 characters with an ellipsis.
    pub quote: String,
    pub theme: Theme,
    pub requirements: Vec<RequirementLine>,
    /// The worst of the requirements' statuses.
    pub status: AnnexStatus,
    pub evidence: Vec<EvidenceLine>,
    /// What to do, one item per distinct piece of advice; empty when nothing is needed.
    pub actions: Vec<String>,
}

/// An undertaking listed by name only (not applicable, or to be confirmed by a person).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub id: String,
    pub citation: String,
    /// Its summary in plain words, or a short quote when it has none.
    pub text: String,
}

/// Everything the annex shows; see the module docs.
#[derive(Debug, Clone)]
pub struct Annex {
    pub source: SourceFile,
    pub compacts: Vec<CompactRef>,
    /// The date of the check.
    pub checked_on: Date,
    pub rows: Vec<Row>,
    /// Checkable undertakings of the selected compacts that do not apply, by theme.
    pub not_applicable: Vec<(Theme, Vec<Listed>)>,
    /// Undertakings no draft can show, by theme, for a person to confirm.
    pub unchecked: Vec<(Theme, Vec<Listed>)>,
    /// How many undertakings that apply to no draft (not applicable, or not checkable) were
    /// left out of the lists because they bind the voluntary and community sector (or
    /// another party) rather than the public body.
    pub others_undertakings: usize,
    /// The "Compact implications" paragraph.
    pub implications: String,
    /// Notes about reading the draft (e.g. a PDF page with no text layer).
    pub reading_notes: Vec<String>,
}

impl Annex {
    /// Build the annex for one checked draft. Never fails: an undertaking the lexicon does
    /// not know (a report made with another lexicon) is shown from the report alone.
    pub fn build(
        checked: Checked<'_>,
        lexicon: &Lexicon,
        source: SourceFile,
        checked_on: Date,
    ) -> Annex {
        let report = checked.report;
        let document = checked.document;

        // The findings citing each undertaking, in order of first citation.
        let mut cited: Vec<(&UndertakingRef, Vec<&Finding>)> = Vec::new();
        for finding in &report.findings {
            if finding.status == Status::NotApplicable {
                continue;
            }
            for u in &finding.undertakings {
                match cited.iter_mut().find(|(seen, _)| seen.id == u.id) {
                    Some((_, findings)) => {
                        if !findings.iter().any(|f| std::ptr::eq(*f, finding)) {
                            findings.push(finding);
                        }
                    }
                    None => cited.push((u, vec![finding])),
                }
            }
        }
        // Rows by compact (in the report's order), then in the compact's own order.
        let order = |u: &UndertakingRef| {
            let compact = report
                .compacts
                .iter()
                .position(|c| c.id == u.compact)
                .unwrap_or(usize::MAX);
            let within = lexicon
                .undertakings_of(&u.compact)
                .iter()
                .position(|x| x.id == u.id)
                .unwrap_or(usize::MAX);
            (compact, within)
        };
        cited.sort_by_key(|(u, _)| order(u));

        let titles: HashMap<&str, &str> = report
            .compacts
            .iter()
            .map(|c| (c.id.as_str(), c.title.as_str()))
            .collect();
        let rows: Vec<Row> = cited
            .iter()
            .map(|(u, findings)| {
                let compact = titles.get(u.compact.as_str()).copied().unwrap_or_default();
                row(document, lexicon.undertaking(&u.id), u, compact, findings)
            })
            .collect();

        // The lists name only what binds the public body: an annex to a council's report
        // has no use for the sector's own undertakings, which are counted instead.
        let mut not_applicable = Vec::new();
        let mut others_undertakings = 0;
        for compact in &report.compacts {
            for undertaking in lexicon.undertakings_of(&compact.id) {
                if undertaking.is_checkable() && !rows.iter().any(|r| r.id == undertaking.id) {
                    if binds_public_body(undertaking) {
                        not_applicable.push((undertaking.theme, listed(undertaking)));
                    } else {
                        others_undertakings += 1;
                    }
                }
            }
        }
        let mut unchecked = Vec::new();
        for u in &report.unchecked {
            match lexicon.undertaking(&u.id) {
                Some(undertaking) if binds_public_body(undertaking) => {
                    unchecked.push((undertaking.theme, listed(undertaking)));
                }
                Some(_) => others_undertakings += 1,
                None => unchecked.push((
                    Theme::Principles,
                    Listed {
                        id: u.id.clone(),
                        citation: u.citation.clone(),
                        text: short_quote(&one_line(&u.quote), QUOTE_CHARS),
                    },
                )),
            }
        }

        let implications = implications::paragraph(report);
        Annex {
            source,
            compacts: report.compacts.clone(),
            checked_on,
            rows,
            not_applicable: by_theme(not_applicable),
            unchecked: by_theme(unchecked),
            others_undertakings,
            implications,
            reading_notes: report.warnings.clone(),
        }
    }

    /// How many rows are Met, Partly met and Not met.
    pub fn counts(&self) -> (usize, usize, usize) {
        self.rows
            .iter()
            .fold((0, 0, 0), |(met, partly, not), row| match row.status {
                AnnexStatus::Met => (met + 1, partly, not),
                AnnexStatus::PartlyMet => (met, partly + 1, not),
                AnnexStatus::NotMet => (met, partly, not + 1),
                AnnexStatus::NotApplicable => (met, partly, not),
            })
    }

    /// "12 undertakings apply to the draft: 3 met, 2 partly met, 7 not met." or a sentence
    /// saying none does.
    pub fn summary_sentence(&self) -> String {
        if self.rows.is_empty() {
            return "None of the checkable undertakings applies to this draft.".to_string();
        }
        let (met, partly, not) = self.counts();
        let verb = if self.rows.len() == 1 {
            "applies"
        } else {
            "apply"
        };
        format!(
            "{} {verb} to the draft: {met} met, {partly} partly met, {not} not met.",
            counted(self.rows.len(), "undertaking")
        )
    }

    /// The compacts as a phrase: "the County Durham Compact (2010 refresh, ...)".
    pub fn compacts_line(&self) -> String {
        if self.compacts.is_empty() {
            return "no compact".to_string();
        }
        self.compacts
            .iter()
            .map(|c| format!("{}, version: {}", c.title, c.version))
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// The sentence under the title saying what the annex is.
    pub fn purpose_sentence(&self) -> String {
        format!(
            "This annex records how the draft named below stands against {}. It was made \
             by an automated check of the draft's wording: the statuses guide the report \
             author and do not replace reading the Compact.",
            implications::compact_names(&self.compacts)
        )
    }

    /// The sentence saying how many of the sector's own undertakings the lists leave out,
    /// if any.
    pub fn others_sentence(&self) -> Option<String> {
        match self.others_undertakings {
            0 => None,
            1 => Some(
                "One further undertaking binds the voluntary and community sector rather than \
                 the council, and is not listed."
                    .to_string(),
            ),
            n => Some(format!(
                "A further {n} undertakings bind the voluntary and community sector rather \
                 than the council, and are not listed."
            )),
        }
    }
}

/// Which section carries [`Annex::others_sentence`]: the last of the lists present.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Placement {
    Applies,
    NotApplicable,
    Confirm,
}

pub(crate) fn others_placement(annex: &Annex) -> Placement {
    if !annex.unchecked.is_empty() {
        Placement::Confirm
    } else if !annex.not_applicable.is_empty() {
        Placement::NotApplicable
    } else {
        Placement::Applies
    }
}

/// The key to the statuses, as (status, meaning) pairs.
pub fn status_key() -> Vec<(AnnexStatus, &'static str)> {
    AnnexStatus::ALL.iter().map(|s| (*s, s.meaning())).collect()
}

/// How paragraph numbers are given, for the key.
pub const PLACE_NOTE: &str = "Paragraph numbers are the document's own (such as 2.1) where it \
     numbers its paragraphs, and otherwise count every heading and paragraph from the start.";

/// "11 March 2027".
pub fn date_words(date: Date) -> String {
    format!("{} {} {}", date.day(), date.month(), date.year())
}

/// "1 undertaking", "3 undertakings".
pub(crate) fn counted(n: usize, one: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {one}s")
    }
}

fn row(
    document: &Document,
    undertaking: Option<&Undertaking>,
    u: &UndertakingRef,
    compact: &str,
    findings: &[&Finding],
) -> Row {
    let mut requirements: Vec<RequirementLine> = Vec::new();
    let mut evidence: Vec<EvidenceLine> = Vec::new();
    let mut actions: Vec<String> = Vec::new();
    for finding in findings {
        let text = undertaking
            .and_then(|x| {
                x.requirements
                    .iter()
                    .find(|r| check_of(r, x.theme).0 == finding.id)
            })
            .map(describe)
            .unwrap_or_else(|| capitalise(finding.theme.title()));
        let status = AnnexStatus::of(finding.status);
        if !requirements.iter().any(|r| r.text == text) {
            requirements.push(RequirementLine { text, status });
        }
        let mut line = evidence_line(document, finding);
        // Several requirements met by one sentence: quote it once.
        if line.quote.is_some() && evidence.iter().any(|e| e.quote == line.quote) {
            line.quote = None;
            line.place = None;
        }
        evidence.push(line);
        if finding.status.is_problem() {
            let advice = finding
                .suggestion
                .as_ref()
                .map(|s| s.advice.trim().to_string())
                .filter(|a| !a.is_empty())
                .unwrap_or_else(|| "Revise the draft so that it meets this undertaking.".into());
            if !actions.contains(&advice) {
                actions.push(advice);
            }
        }
    }
    let status = findings
        .iter()
        .map(|f| f.status)
        .max_by_key(|s| s.rank())
        .map_or(AnnexStatus::NotApplicable, AnnexStatus::of);
    Row {
        id: u.id.clone(),
        compact: compact.to_string(),
        citation: u.citation.clone(),
        quote: short_quote(&one_line(&u.quote), QUOTE_CHARS),
        theme: undertaking.map_or_else(
            || findings.first().map_or(Theme::Principles, |f| f.theme),
            |x| x.theme,
        ),
        requirements,
        status,
        evidence,
        actions,
    }
}

/// A requirement in words, with when a shorter period is allowed.
fn describe(requirement: &Requirement) -> String {
    let mut text = capitalise(&requirement.describe());
    if let Requirement::MinimumPeriod {
        shorter_allowed, ..
    } = requirement
    {
        text.push_str(&format!(" ({})", shorter_allowed.describe()));
    }
    text
}

fn evidence_line(document: &Document, finding: &Finding) -> EvidenceLine {
    let note = finding.message.trim().to_string();
    if finding.status == Status::Missing {
        // A missing finding's "evidence" is only where a fix would go.
        return EvidenceLine {
            quote: None,
            place: None,
            note,
        };
    }
    // The whole sentence the finding rests on, else the words under its location.
    let quote = finding
        .evidence
        .as_deref()
        .or_else(|| evidence_text(document, finding))
        .map(one_line)
        .filter(|q| !q.is_empty())
        .map(|q| quote_around(&q, finding.evidence_terms.as_deref(), EVIDENCE_CHARS));
    let place = quote
        .as_ref()
        .and(finding.location.as_ref())
        .filter(|l| valid_span(document, l).is_some())
        .map(|l| place_words(document, l))
        .filter(|p| !p.is_empty());
    EvidenceLine { quote, place, note }
}

/// "page 2, paragraph 4.1": the page where known, and the document's own paragraph number
/// where it numbers them, else the count of blocks from the start.
fn place_words(document: &Document, location: &FindingLocation) -> String {
    let mut parts = Vec::new();
    if let Some(page) = location.page {
        parts.push(format!("page {page}"));
    }
    match document
        .blocks
        .get(location.block)
        .and_then(|b| clause_number(&b.kind, &b.text))
    {
        Some(number) => parts.push(format!("paragraph {number}")),
        None if location.paragraph > 0 => parts.push(format!("paragraph {}", location.paragraph)),
        None => {}
    }
    parts.join(", ")
}

/// A report's own paragraph number ("2.1", "4.3.2"): a list label or the start of the text,
/// when it is digits with at least one dot inside.
fn clause_number(kind: &BlockKind, text: &str) -> Option<String> {
    let candidate = match kind {
        BlockKind::ListItem { label, .. } => label.trim(),
        _ => text.split_whitespace().next()?,
    };
    let candidate = candidate.trim_end_matches(['.', ')']);
    let parts: Vec<&str> = candidate.split('.').collect();
    let dotted = parts.len() >= 2
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()));
    dotted.then(|| candidate.to_string())
}

/// About `max` characters of `text`, keeping the decisive `terms` in view: cut at the end
/// when they are near the start, else start just before them with an ellipsis.
fn quote_around(text: &str, terms: Option<&str>, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let Some(range) = terms_range(text, terms) else {
        return short_quote(text, max);
    };
    let end_chars = text.get(..range.end).map_or(0, |s| s.chars().count());
    if end_chars <= max.saturating_sub(10) {
        return short_quote(text, max);
    }
    // Start a few words before the terms, at a word boundary.
    let lead = max / 4;
    let start_chars = text
        .get(..range.start)
        .map_or(0, |s| s.chars().count())
        .saturating_sub(lead);
    let start_byte = text.char_indices().nth(start_chars).map_or(0, |(i, _)| i);
    let from = text
        .get(start_byte..)
        .and_then(|rest| rest.find(char::is_whitespace).map(|i| start_byte + i))
        .filter(|i| *i < range.start)
        .unwrap_or(start_byte);
    let rest = text.get(from..).unwrap_or(text).trim_start();
    format!("\u{2026}{}", short_quote(rest, max))
}

/// True for undertakings the council itself gives: the public sector's, and those both
/// sides give (shared principles included).
fn binds_public_body(undertaking: &Undertaking) -> bool {
    matches!(undertaking.party, Party::Public | Party::Both)
}

fn listed(undertaking: &Undertaking) -> Listed {
    let summary = one_line(&undertaking.summary);
    Listed {
        id: undertaking.id.clone(),
        citation: undertaking.citation.clone(),
        text: if summary.is_empty() {
            short_quote(&one_line(&undertaking.quote), QUOTE_CHARS)
        } else {
            summary
        },
    }
}

/// Group listed undertakings by theme, themes in their documented order, keeping the
/// order within each theme.
fn by_theme(items: Vec<(Theme, Listed)>) -> Vec<(Theme, Vec<Listed>)> {
    let mut groups: Vec<(Theme, Vec<Listed>)> = Vec::new();
    for (theme, item) in items {
        match groups.iter_mut().find(|(t, _)| *t == theme) {
            Some((_, list)) => list.push(item),
            None => groups.push((theme, vec![item])),
        }
    }
    groups.sort_by_key(|(theme, _)| Theme::ALL.iter().position(|t| t == theme));
    groups
}

pub(crate) fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub(crate) fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests;
