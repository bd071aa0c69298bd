//! Renderers: the engine's findings, presented for a person or a tool.
//!
//! Every renderer reads [`DocumentReport`]s and the [`Document`]s they were made from, and
//! returns text; none of them reads files, runs matching or prints. One renderer per file:
//! [`terminal`] (rustc-style diagnostics), [`json`] (the public `compactproof.report.v1`
//! contract, see `docs/report-json.md`), [`markdown`], [`html`] (one self-contained,
//! accessible page) and [`sarif`] (SARIF 2.1.0 for code-scanning tools). [`annex`] is the
//! Compact compliance annex a cabinet report author attaches (Markdown, HTML and DOCX).
//!
//! Callers pick a format with [`ReportFormat`] and call [`render`]:
//!
//! ```
//! use compactproof::render::{render, Checked, RenderOptions, ReportFormat};
//! # fn demo(checked: &[Checked<'_>]) -> String {
//! let options = RenderOptions { color: false, ..RenderOptions::default() };
//! render(ReportFormat::Json, checked, &options)
//! # }
//! ```
//!
//! What a caller may rely on: rendering never fails and never panics, whatever the report
//! holds (an out-of-range or mid-character span is shown without its snippet rather than
//! trusted); output depends only on the inputs and the options (no clock, no environment),
//! so it can be snapshot-tested; and JSON, Markdown, HTML and SARIF contain no ANSI escapes.

pub mod annex;
pub mod html;
pub mod json;
pub mod markdown;
pub mod sarif;
pub mod terminal;
pub(crate) mod word;

use crate::document::{ByteSpan, Document};
use crate::findings::{DocumentReport, Finding, FindingLocation, Status};
use crate::lexicon::Theme;
use std::fmt;

/// The name and version reports give for the tool that made them.
pub const TOOL_NAME: &str = "compactproof";
/// This build's version, as reported in JSON, SARIF and HTML.
pub const TOOL_VERSION: &str = env!("CARGO_PKG_VERSION");

/// One checked document: the engine's report and the document it was made from.
///
/// The document is needed to show evidence in context (snippets, the annotated HTML text)
/// and to turn byte offsets into end lines and columns.
#[derive(Debug, Clone, Copy)]
pub struct Checked<'a> {
    pub report: &'a DocumentReport,
    pub document: &'a Document,
}

/// The report formats `check --format` offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReportFormat {
    /// rustc-style diagnostics for a terminal (the default).
    Terminal,
    /// The `compactproof.report.v1` JSON contract (`docs/report-json.md`).
    Json,
    /// A readable Markdown report.
    Markdown,
    /// One self-contained, accessible HTML page.
    Html,
    /// SARIF 2.1.0, for code-scanning tools.
    Sarif,
}

impl ReportFormat {
    /// Every format, in the order `--help` lists them.
    pub const ALL: [ReportFormat; 5] = [
        ReportFormat::Terminal,
        ReportFormat::Json,
        ReportFormat::Markdown,
        ReportFormat::Html,
        ReportFormat::Sarif,
    ];

    /// The name used on the command line (`--format json`).
    pub fn as_str(self) -> &'static str {
        match self {
            ReportFormat::Terminal => "terminal",
            ReportFormat::Json => "json",
            ReportFormat::Markdown => "markdown",
            ReportFormat::Html => "html",
            ReportFormat::Sarif => "sarif",
        }
    }

    /// The inverse of [`ReportFormat::as_str`]; also accepts `md` and `text`.
    pub fn parse(name: &str) -> Option<ReportFormat> {
        match name {
            "md" => Some(ReportFormat::Markdown),
            "text" => Some(ReportFormat::Terminal),
            _ => ReportFormat::ALL.into_iter().find(|f| f.as_str() == name),
        }
    }

    /// The usual file extension for an output file in this format, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            ReportFormat::Terminal => "txt",
            ReportFormat::Json => "json",
            ReportFormat::Markdown => "md",
            ReportFormat::Html => "html",
            ReportFormat::Sarif => "sarif",
        }
    }
}

impl fmt::Display for ReportFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How to render. The defaults suit a file or a pipe: no colour, problems only, full output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderOptions {
    /// Terminal only: use ANSI colour. The CLI sets it from the terminal and `NO_COLOR`;
    /// renderers never look at the environment.
    pub color: bool,
    /// Terminal and SARIF: also show `met` findings (SARIF as `kind: "pass"` results).
    /// JSON, Markdown and HTML are complete reports and always include them.
    pub show_met: bool,
    /// Terminal only: print only the summary line of each document (and a total).
    pub quiet: bool,
    /// Terminal only: the width snippets are fitted to.
    pub term_width: usize,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            color: false,
            show_met: false,
            quiet: false,
            term_width: 140,
        }
    }
}

/// Render checked documents in a format. Never fails; see the module docs for guarantees.
///
/// The output ends with a newline. For [`ReportFormat::Json`] and [`ReportFormat::Sarif`]
/// it is one JSON document covering every input; for [`ReportFormat::Html`] one page.
pub fn render(format: ReportFormat, checked: &[Checked<'_>], options: &RenderOptions) -> String {
    match format {
        ReportFormat::Terminal => terminal::render(checked, options),
        ReportFormat::Json => json::render(checked, options),
        ReportFormat::Markdown => markdown::render(checked, options),
        ReportFormat::Html => html::render(checked, options),
        ReportFormat::Sarif => sarif::render(checked, options),
    }
}

// ---------------------------------------------------------------------------------------
// Helpers shared by the renderers. They read; they never decide anything about compliance.
// ---------------------------------------------------------------------------------------

/// The themes of a report in report order, followed by any theme that has findings but no
/// verdict (in order of first finding), each with its findings in report order.
pub(crate) fn findings_by_theme(report: &DocumentReport) -> Vec<(Theme, Vec<&Finding>)> {
    let mut order: Vec<Theme> = report.themes.iter().map(|(t, _)| *t).collect();
    for finding in &report.findings {
        if !order.contains(&finding.theme) {
            order.push(finding.theme);
        }
    }
    order
        .into_iter()
        .map(|theme| {
            let findings = report
                .findings
                .iter()
                .filter(|f| f.theme == theme)
                .collect();
            (theme, findings)
        })
        .collect()
}

/// The span a location points at, if it is a valid, non-inverted range on character
/// boundaries of the document's text. Renderers show no snippet for anything else.
pub(crate) fn valid_span(document: &Document, location: &FindingLocation) -> Option<ByteSpan> {
    let text = document.text();
    if location.start > location.end || text.get(location.start..location.end).is_none() {
        return None;
    }
    Some(ByteSpan::new(location.start, location.end))
}

/// The evidence of a finding as shown to a person: the document's text under its location
/// when that is valid and non-empty, else the finding's own `evidence` string.
pub(crate) fn evidence_text<'a>(document: &'a Document, finding: &'a Finding) -> Option<&'a str> {
    let from_document = finding
        .location
        .as_ref()
        .and_then(|l| valid_span(document, l))
        .map(|s| document.slice(s))
        .filter(|s| !s.trim().is_empty());
    from_document.or(finding.evidence.as_deref())
}

/// Where the decisive words (`evidence_terms`) sit within `evidence`, as a byte range of
/// `evidence`: an exact match first, then a case-insensitive one. `None` when there are no
/// terms or they cannot be found (callers then underline the whole sentence).
pub(crate) fn terms_range(evidence: &str, terms: Option<&str>) -> Option<std::ops::Range<usize>> {
    let terms = terms?.trim();
    if terms.is_empty() {
        return None;
    }
    if let Some(at) = evidence.find(terms) {
        return Some(at..at + terms.len());
    }
    // Case-insensitive, only where lower-casing keeps byte lengths (ASCII-safe path).
    let lower_evidence = evidence.to_lowercase();
    let lower_terms = terms.to_lowercase();
    if lower_evidence.len() == evidence.len() && lower_terms.len() == terms.len() {
        if let Some(at) = lower_evidence.find(&lower_terms) {
            if evidence.is_char_boundary(at) && evidence.is_char_boundary(at + terms.len()) {
                return Some(at..at + terms.len());
            }
        }
    }
    None
}

/// A quote cut to about `max` characters at a word boundary, with an ellipsis when cut.
pub(crate) fn short_quote(quote: &str, max: usize) -> String {
    let quote = quote.trim();
    if quote.chars().count() <= max {
        return quote.to_string();
    }
    let cut: String = quote.chars().take(max).collect();
    let at_word = match cut.rfind(char::is_whitespace) {
        Some(i) if i > max / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    let trimmed = at_word.trim_end_matches(|c: char| c.is_whitespace() || ",;:.".contains(c));
    format!("{trimmed}…")
}

/// "84 days (12 weeks)", "90 days (3 months)", "1 day", "0 days".
pub(crate) fn days_label(days: u32) -> String {
    match days {
        1 => "1 day".to_string(),
        d if d >= 14 && d % 7 == 0 => format!("{d} days ({} weeks)", d / 7),
        d if d >= 60 && d % 30 == 0 => format!("{d} days ({} months)", d / 30),
        d => format!("{d} days"),
    }
}

/// `path:page:line:column`, or `path:line:column` when the page is unknown.
pub(crate) fn location_label(path: &str, location: &FindingLocation) -> String {
    match location.page {
        Some(page) => format!("{path}:{page}:{}:{}", location.line, location.column),
        None => format!("{path}:{}:{}", location.line, location.column),
    }
}

/// "page 2, paragraph 7, line 14, column 5", leaving out what is unknown.
pub(crate) fn location_words(location: &FindingLocation) -> String {
    let mut parts = Vec::new();
    if let Some(page) = location.page {
        parts.push(format!("page {page}"));
    }
    if location.paragraph > 0 {
        parts.push(format!("paragraph {}", location.paragraph));
    }
    parts.push(format!("line {}", location.line));
    parts.push(format!("column {}", location.column));
    parts.join(", ")
}

/// A status as a person reads it: "Short", "Not applicable".
pub(crate) fn status_title(status: Status) -> &'static str {
    match status {
        Status::Met => "Met",
        Status::Short => "Short",
        Status::Missing => "Missing",
        Status::Weak => "Weak",
        Status::Conflict => "Conflict",
        Status::NotApplicable => "Not applicable",
    }
}

/// Problem counts for a report: (errors, warnings).
pub(crate) fn problem_counts(report: &DocumentReport) -> (usize, usize) {
    use crate::findings::Severity;
    let problems = report.findings.iter().filter(|f| f.status.is_problem());
    problems.fold((0, 0), |(e, w), f| match f.severity {
        Severity::Error => (e + 1, w),
        Severity::Warning => (e, w + 1),
        Severity::Info => (e, w),
    })
}

/// "1 error", "2 warnings".
pub(crate) fn plural(n: usize, one: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {one}s")
    }
}

/// The suggestion of a finding as one line: its advice, then the proposed wording.
pub(crate) fn suggestion_line(finding: &Finding) -> Option<String> {
    use crate::findings::SuggestionAction;
    let s = finding.suggestion.as_ref()?;
    let mut line = s.advice.trim().to_string();
    if let Some(text) = s.text.as_deref().filter(|t| !t.trim().is_empty()) {
        let verb = match s.action {
            SuggestionAction::Replace => "Replace with",
            SuggestionAction::InsertAfter => "Add",
            SuggestionAction::None => "For example",
        };
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&format!("{verb}: \"{}\"", text.trim()));
    }
    Some(line)
}

#[cfg(test)]
pub(crate) mod sample {
    //! A realistic checked cabinet report, built by hand, for every renderer's tests: a short
    //! consultation (error), a missing notice period (warning, anchored), a campaign gag in
    //! a table of grant conditions (conflict), a met equality impact assessment, and two
    //! findings with no place in the document (feedback, Compact reference).

    use crate::document::{BlockKind, ByteSpan, Document, DocumentBuilder, Format};
    use crate::findings::{
        CompactRef, DocumentReport, Evidence, Finding, FindingLocation, Status, Suggestion,
        SuggestionAction, ThemeVerdict, UndertakingRef,
    };
    use crate::lexicon::Theme;

    pub const PATH: &str = "drafts/cabinet-report-community-grants.docx";

    pub fn document() -> Document {
        let mut b = DocumentBuilder::new(Format::Docx);
        let p1 = Some(1);
        let p2 = Some(2);
        b.push(
            BlockKind::Heading { level: 0 },
            "Cabinet report: Community Grants Programme 2027-28",
            p1,
            None,
        );
        b.push(
            BlockKind::Paragraph,
            "Report of the Corporate Director of Neighbourhoods & Climate Change. \
             Cabinet Member: Cllr A. Patel, Communities & Partnerships.",
            p1,
            None,
        );
        b.push(
            BlockKind::Heading { level: 1 },
            "Purpose of the report",
            p1,
            None,
        );
        b.push(
            BlockKind::Paragraph,
            "This report asks Cabinet to approve changes to the Community Grants Programme, \
             which funds 42 voluntary and community sector organisations. The budget falls \
             from £1.2m to £0.9m in 2027-28.",
            p1,
            None,
        );
        b.push(BlockKind::Heading { level: 1 }, "Consultation", p1, None);
        b.push(
            BlockKind::Paragraph,
            "The Council will consult on the proposed changes. The public consultation will \
             run for six weeks from 3 March 2027, and responses can be made online or on paper.",
            p1,
            None,
        );
        b.push(BlockKind::Heading { level: 1 }, "Funding changes", p2, None);
        b.push(
            BlockKind::ListItem {
                level: 0,
                label: "4.1".into(),
            },
            "Grants to the 12 advice services will end on 31 March 2027 and the services \
             will be re-tendered.",
            p2,
            None,
        );
        b.push(
            BlockKind::ListItem {
                level: 0,
                label: "4.2".into(),
            },
            "From 1 April 2027 every grant agreement will include the conditions in Table 1.",
            p2,
            None,
        );
        let cells = [
            (1, 1, "Condition"),
            (1, 2, "Wording in the grant agreement"),
            (2, 1, "Publicity"),
            (
                2,
                2,
                "The recipient must not engage in political campaigning or publicly \
                 criticise the Council during the grant period.",
            ),
            (3, 1, "Monitoring"),
            (
                3,
                2,
                "Monitoring returns are due within 20 working days of the end of each quarter.",
            ),
        ];
        for (row, column, text) in cells {
            b.push(
                BlockKind::TableCell {
                    table: 1,
                    row,
                    column,
                },
                text,
                p2,
                None,
            );
        }
        b.push(BlockKind::Heading { level: 1 }, "Equality", p2, None);
        b.push(
            BlockKind::Paragraph,
            "An equality impact assessment has been completed and is at Appendix B. It \
             considers age, disability, gender reassignment, marriage and civil partnership, \
             pregnancy and maternity, race, religion or belief, sex and sexual orientation.",
            p2,
            None,
        );
        b.push(BlockKind::Footer, "Page 2 of 2", p2, None);
        b.finish()
    }

    fn span_of(document: &Document, needle: &str) -> ByteSpan {
        let start = document.text().find(needle).unwrap_or(0);
        ByteSpan::new(start, start + needle.len())
    }

    fn undertaking(id: &str, citation: &str, quote: &str) -> UndertakingRef {
        UndertakingRef {
            id: id.into(),
            compact: "durham".into(),
            citation: citation.into(),
            quote: quote.into(),
        }
    }

    fn consultation_undertaking() -> UndertakingRef {
        undertaking(
            "durham/2.4",
            "County Durham Compact, Outcome 2, undertaking 2.4",
            "Give early notice of forthcoming consultations, where possible, allowing enough \
             time for the VCS to involve their service users, beneficiaries, members, \
             volunteers and trustees in preparing responses. Where it is appropriate, and \
             enables meaningful engagement, conduct 12-week formal written consultations, with \
             clear explanations and rationale for shorter time-frames or a more informal \
             approach.",
        )
    }

    pub fn report(document: &Document) -> DocumentReport {
        let short_sentence = "The public consultation will run for six weeks from 3 March 2027, \
                              and responses can be made online or on paper.";
        let trigger_sentence = "The Council will consult on the proposed changes.";
        let ending_sentence = "Grants to the 12 advice services will end on 31 March 2027 and \
                               the services will be re-tendered.";
        let gag_sentence = "The recipient must not engage in political campaigning or \
                            publicly criticise the Council during the grant period.";
        let eia_sentence = "An equality impact assessment has been completed and is at Appendix B.";
        let at = |s: &str| FindingLocation::of(document, span_of(document, s));
        let evidence = |s: &str| Evidence {
            text: s.to_string(),
            location: at(s),
        };

        let notice_undertaking = undertaking(
            "durham/4.4",
            "County Durham Compact, Outcome 4, undertaking 4.4",
            "Give a minimum of three months’ notice in writing when changing or ending a \
             funding relationship or other support, apart from in exceptional circumstances, \
             and provide a clear rationale for why the decision has been taken.",
        );
        let independence_undertaking = undertaking(
            "durham/1.1",
            "County Durham Compact, Outcome 1, undertaking 1.1",
            "Respect and uphold the independence of the VCS to deliver their mission, \
             including their right to campaign, regardless of any relationship, financial or \
             otherwise, which may exist.",
        );
        let equality_undertaking = undertaking(
            "durham/5.1",
            "County Durham Compact, Outcome 5, undertaking 5.1",
            "Work with VCS organisations that represent, support or provide services to people \
             specifically protected by legislation and other under-represented and \
             disadvantaged groups. Understand the specific needs of these groups by actively \
             seeking the views of service users and clients. Take these views into account, \
             including assessing impact, when designing and implementing policies, programmes \
             and services.",
        );
        let feedback_undertaking = undertaking(
            "durham/2.5",
            "County Durham Compact, Outcome 2, undertaking 2.5",
            "Provide feedback (for example through an overall public sector response) to \
             explain how respondents have influenced the design and development of policies, \
             programmes and public services, including where respondents’ views have not been \
             acted upon.",
        );

        let findings = vec![
            Finding {
                id: "consultation.period".into(),
                theme: Theme::Consultation,
                status: Status::Short,
                severity: Status::Short.severity(),
                undertakings: vec![consultation_undertaking()],
                message: "The consultation runs for 42 days (six weeks); the Compact asks for \
                          12 weeks (84 days) unless a reason for a shorter period is given."
                    .into(),
                location: Some(at(short_sentence)),
                evidence: Some(short_sentence.into()),
                evidence_terms: Some("six weeks".into()),
                days: Some(42),
                required_days: Some(84),
                suggestion: Some(Suggestion {
                    advice: "Consult for at least 12 weeks, or explain why a shorter period \
                             is needed."
                        .into(),
                    action: SuggestionAction::Replace,
                    text: Some(
                        "The public consultation will run for 12 weeks, from 3 March to \
                         26 May 2027, and responses can be made online or on paper."
                            .into(),
                    ),
                }),
            },
            Finding {
                id: "funding-notice.period".into(),
                theme: Theme::FundingNotice,
                status: Status::Missing,
                severity: Status::Missing.severity(),
                undertakings: vec![notice_undertaking],
                message: "Funding ends, but no notice period is stated; the Compact asks for \
                          three months' notice in writing, with reasons."
                    .into(),
                location: Some(at(ending_sentence)),
                evidence: Some(ending_sentence.into()),
                evidence_terms: None,
                days: None,
                required_days: Some(90),
                suggestion: Some(Suggestion {
                    advice: "State the notice each organisation will get, in writing and with \
                             the reasons."
                        .into(),
                    action: SuggestionAction::InsertAfter,
                    text: Some(
                        "Each organisation will be given at least three months' notice in \
                         writing, with the reasons for the decision."
                            .into(),
                    ),
                }),
            },
            Finding {
                id: "independence.campaigning".into(),
                theme: Theme::Independence,
                status: Status::Conflict,
                severity: Status::Conflict.severity(),
                undertakings: vec![independence_undertaking],
                message: "A grant condition forbids recipients to campaign or criticise the \
                          Council; the Compact protects their right to campaign."
                    .into(),
                location: Some(at(gag_sentence)),
                evidence: Some(gag_sentence.into()),
                evidence_terms: Some(
                    "must not engage in political campaigning or publicly criticise the \
                     Council"
                        .into(),
                ),
                days: None,
                required_days: None,
                suggestion: Some(Suggestion {
                    advice: "Remove the restriction; grant conditions may require accurate \
                             use of the Council's name, but not silence."
                        .into(),
                    action: SuggestionAction::Replace,
                    text: Some(
                        "The recipient remains free to campaign and to comment on Council \
                         policy."
                            .into(),
                    ),
                }),
            },
            Finding {
                id: "equality.assessment".into(),
                theme: Theme::Equality,
                status: Status::Met,
                severity: Status::Met.severity(),
                undertakings: vec![equality_undertaking],
                message: "An equality impact assessment has been completed and names all nine \
                          protected characteristics."
                    .into(),
                location: Some(at(eia_sentence)),
                evidence: Some(eia_sentence.into()),
                evidence_terms: Some("equality impact assessment has been completed".into()),
                days: None,
                required_days: None,
                suggestion: None,
            },
            Finding {
                id: "feedback.report-back".into(),
                theme: Theme::Feedback,
                status: Status::Missing,
                severity: Status::Missing.severity(),
                undertakings: vec![feedback_undertaking],
                message: "Nothing says how consultees will hear what was decided and why.".into(),
                location: None,
                evidence: None,
                evidence_terms: None,
                days: None,
                required_days: None,
                suggestion: Some(Suggestion {
                    advice: "Commit to publish the results and explain how responses \
                             influenced the decision."
                        .into(),
                    action: SuggestionAction::None,
                    text: None,
                }),
            },
            Finding {
                id: "compact-reference.mention".into(),
                theme: Theme::CompactReference,
                status: Status::Missing,
                severity: Status::Missing.severity(),
                undertakings: vec![],
                message: "The report does not refer to the County Durham Compact.".into(),
                location: None,
                evidence: None,
                evidence_terms: None,
                days: None,
                required_days: None,
                suggestion: Some(Suggestion {
                    advice: "Say how the proposals meet the County Durham Compact.".into(),
                    action: SuggestionAction::None,
                    text: None,
                }),
            },
        ];

        let verdict =
            |status, days, required_days, trigger: Option<&str>, ev: Option<&str>| ThemeVerdict {
                applies: status != Status::NotApplicable,
                status,
                days,
                required_days,
                trigger: trigger.map(evidence),
                evidence: ev.map(evidence),
            };
        let themes = vec![
            (
                Theme::Consultation,
                verdict(
                    Status::Short,
                    Some(42),
                    Some(84),
                    Some(trigger_sentence),
                    Some(short_sentence),
                ),
            ),
            (
                Theme::FundingNotice,
                verdict(
                    Status::Missing,
                    None,
                    Some(90),
                    Some(ending_sentence),
                    Some(ending_sentence),
                ),
            ),
            (
                Theme::Equality,
                verdict(
                    Status::Met,
                    None,
                    None,
                    Some(trigger_sentence),
                    Some(eia_sentence),
                ),
            ),
            (
                Theme::Independence,
                verdict(
                    Status::Conflict,
                    None,
                    None,
                    Some(gag_sentence),
                    Some(gag_sentence),
                ),
            ),
            (
                Theme::Feedback,
                verdict(Status::Missing, None, None, Some(trigger_sentence), None),
            ),
            (
                Theme::CompactReference,
                verdict(Status::Missing, None, None, Some(trigger_sentence), None),
            ),
        ];

        DocumentReport {
            path: PATH.into(),
            format: Format::Docx,
            compacts: vec![CompactRef {
                id: "durham".into(),
                title: "County Durham Compact".into(),
                version: "2010 refresh, based on the national Compact (2010)".into(),
            }],
            themes,
            findings,
            unchecked: vec![undertaking(
                "durham/2.9",
                "County Durham Compact, Outcome 2, undertaking 2.9",
                "Seek the views of service users, clients, beneficiaries, members, volunteers, \
                 and trustees when making representation to public sector.",
            )],
            warnings: vec![],
        }
    }

    /// The sample document and its report, owned, for tests to borrow as [`super::Checked`].
    pub fn sample() -> (Document, DocumentReport) {
        let document = document();
        let report = report(&document);
        (document, report)
    }

    pub const PLAN_PATH: &str = "drafts/library hours consultation plan.md";

    /// A harder second document, from a Markdown file: a multi-line paragraph, nested lists,
    /// a footnote, a 4 by 4 table, markup in the text, two overlapping findings, an anchor of
    /// no width, and a finding with no place.
    pub fn plan() -> (Document, DocumentReport) {
        let mut b = DocumentBuilder::new(Format::Markdown);
        b.push(
            BlockKind::Heading { level: 1 },
            "Consultation plan: library opening hours",
            None,
            Some(1),
        );
        b.push(BlockKind::Heading { level: 3 }, "Timetable", None, Some(3));
        b.push(
            BlockKind::Paragraph,
            "The consultation will run for up to 12 weeks\nfrom 6 April 2027 where possible.",
            None,
            Some(5),
        );
        let items = [
            (
                0,
                "1.",
                "Drop-in sessions at <script>alert('x')</script> & Central Library:",
                8,
            ),
            (1, "(a)", "Tuesday & Thursday mornings;", 9),
            (1, "(b)", "We may publish a summary where appropriate.", 10),
            (0, "2.", "An online survey.", 11),
        ];
        for (level, label, text, line) in items {
            b.push(
                BlockKind::ListItem {
                    level,
                    label: label.into(),
                },
                text,
                None,
                Some(line),
            );
        }
        let rows = [
            ["Library", "Monday", "Tuesday", "Wednesday"],
            ["Central", "9-5", "9-7", "9-5"],
            ["Northgate", "closed", "10-4", "10-4"],
            ["Southside", "10-4", "closed", "10-4"],
        ];
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                b.push(
                    BlockKind::TableCell {
                        table: 1,
                        row: r as u32 + 1,
                        column: c as u32 + 1,
                    },
                    cell,
                    None,
                    Some(14 + r as u32),
                );
            }
        }
        b.push(
            BlockKind::Footnote { label: "1".into() },
            "Library Services Review 2026, paragraph 4.2.",
            None,
            Some(20),
        );
        let document = b.finish();

        let period =
            "The consultation will run for up to 12 weeks\nfrom 6 April 2027 where possible.";
        let hedge = "from 6 April 2027 where possible.";
        let summary = "We may publish a summary where appropriate.";
        let at = |s: &str| FindingLocation::of(&document, span_of(&document, s));
        let end_of_period = {
            let span = span_of(&document, period);
            FindingLocation::of(&document, ByteSpan::new(span.end, span.end))
        };
        let finding = |id: &str, theme, status: Status, message: &str| Finding {
            id: id.into(),
            theme,
            status,
            severity: status.severity(),
            undertakings: vec![consultation_undertaking()],
            message: message.into(),
            location: None,
            evidence: None,
            evidence_terms: None,
            days: None,
            required_days: None,
            suggestion: None,
        };
        let findings = vec![
            Finding {
                location: Some(at(period)),
                evidence: Some(period.into()),
                evidence_terms: Some("up to 12 weeks".into()),
                days: Some(84),
                required_days: Some(84),
                ..finding(
                    "consultation.period",
                    Theme::Consultation,
                    Status::Weak,
                    "\"Up to 12 weeks\" promises no minimum period.",
                )
            },
            Finding {
                location: Some(at(hedge)),
                evidence: Some(hedge.into()),
                evidence_terms: Some("where possible".into()),
                ..finding(
                    "consultation.hedged",
                    Theme::Consultation,
                    Status::Weak,
                    "\"Where possible\" hedges the start date.",
                )
            },
            Finding {
                location: Some(end_of_period),
                undertakings: vec![],
                suggestion: Some(Suggestion {
                    advice: "Say that an equality impact assessment will be done.".into(),
                    action: SuggestionAction::InsertAfter,
                    text: Some(
                        "An equality impact assessment will inform the final proposals.".into(),
                    ),
                }),
                ..finding(
                    "equality.assessment",
                    Theme::Equality,
                    Status::Missing,
                    "No equality impact assessment is mentioned.",
                )
            },
            Finding {
                location: Some(at(summary)),
                evidence: Some(summary.into()),
                evidence_terms: Some("may publish a summary where appropriate".into()),
                ..finding(
                    "feedback.report-back",
                    Theme::Feedback,
                    Status::Weak,
                    "Publishing a summary is only a possibility.",
                )
            },
            Finding {
                undertakings: vec![],
                ..finding(
                    "compact-reference.mention",
                    Theme::CompactReference,
                    Status::Missing,
                    "The plan does not refer to the Compact.",
                )
            },
        ];
        let verdict = |status: Status| ThemeVerdict {
            applies: status != Status::NotApplicable,
            status,
            days: None,
            required_days: None,
            trigger: None,
            evidence: None,
        };
        let report = DocumentReport {
            path: PLAN_PATH.into(),
            format: Format::Markdown,
            compacts: vec![CompactRef {
                id: "durham".into(),
                title: "County Durham Compact".into(),
                version: "2010 refresh, based on the national Compact (2010)".into(),
            }],
            themes: vec![
                (
                    Theme::Consultation,
                    ThemeVerdict {
                        days: Some(84),
                        required_days: Some(84),
                        ..verdict(Status::Weak)
                    },
                ),
                (Theme::FundingNotice, verdict(Status::NotApplicable)),
                (Theme::Equality, verdict(Status::Missing)),
                (Theme::Independence, verdict(Status::NotApplicable)),
                (Theme::Feedback, verdict(Status::Weak)),
                (Theme::CompactReference, verdict(Status::Missing)),
            ],
            findings,
            unchecked: vec![],
            warnings: vec!["Front matter was skipped.".into()],
        };
        (document, report)
    }
}

/// A list in prose: "a", "a and b", "a, b and c".
pub(crate) fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_round_trip_through_their_names() {
        for format in ReportFormat::ALL {
            assert_eq!(ReportFormat::parse(format.as_str()), Some(format));
        }
        assert_eq!(ReportFormat::parse("md"), Some(ReportFormat::Markdown));
        assert_eq!(ReportFormat::parse("xml"), None);
    }

    #[test]
    fn quotes_are_shortened_at_a_word_with_an_ellipsis() {
        let quote = "Give a minimum of three months’ notice in writing when changing or ending a \
                     funding relationship or other support.";
        let short = short_quote(quote, 40);
        assert!(short.ends_with('…'), "{short}");
        assert!(short.chars().count() <= 41, "{short}");
        assert_eq!(short, "Give a minimum of three months’ notice…");
        assert_eq!(short_quote("Short.", 40), "Short.");
    }

    #[test]
    fn terms_are_found_case_insensitively_or_not_at_all() {
        assert_eq!(
            terms_range("Run for Six Weeks.", Some("six weeks")),
            Some(8..17)
        );
        assert_eq!(terms_range("Run for six weeks.", Some("twelve")), None);
        assert_eq!(terms_range("Run.", None), None);
        assert_eq!(terms_range("£1 İstanbul", Some("i̇stanbul")), None);
    }

    #[test]
    fn days_read_as_weeks_or_months_where_exact() {
        assert_eq!(days_label(84), "84 days (12 weeks)");
        assert_eq!(days_label(90), "90 days (3 months)");
        assert_eq!(days_label(1), "1 day");
        assert_eq!(days_label(10), "10 days");
    }

    #[test]
    fn a_bad_span_has_no_evidence_from_the_document() {
        let (document, mut report) = sample::sample();
        let finding = &mut report.findings[0];
        if let Some(location) = finding.location.as_mut() {
            location.end = usize::MAX;
        }
        finding.evidence = None;
        assert_eq!(evidence_text(&document, &report.findings[0]), None);
        // Rendering it never panics, in any format.
        let checked = [Checked {
            report: &report,
            document: &document,
        }];
        for format in ReportFormat::ALL {
            let options = RenderOptions {
                show_met: true,
                ..RenderOptions::default()
            };
            assert!(!render(format, &checked, &options).is_empty());
        }
    }
}

#[cfg(test)]
mod snapshots {
    //! Golden outputs of every format. Review changes with `cargo insta review`.

    use super::*;

    /// Hide what changes without the output changing: the version and the checkout path.
    fn settings() -> insta::Settings {
        let mut settings = insta::Settings::clone_current();
        settings.set_prepend_module_to_snapshot(false);
        settings.add_filter(
            &format!(r"\b{}\b", regex::escape(TOOL_VERSION)),
            "[VERSION]",
        );
        settings.add_filter(&regex::escape(env!("CARGO_MANIFEST_DIR")), "[ROOT]");
        settings
    }

    #[test]
    fn every_format_for_the_sample() {
        let (document, report) = sample::sample();
        let checked = [Checked {
            report: &report,
            document: &document,
        }];
        let options = RenderOptions::default();
        settings().bind(|| {
            for format in ReportFormat::ALL {
                insta::assert_snapshot!(
                    format!("sample_{}", format.as_str()),
                    render(format, &checked, &options)
                );
            }
        });
    }

    #[test]
    fn two_documents_in_one_report() {
        let (document, report) = sample::sample();
        let (plan_document, plan_report) = sample::plan();
        let checked = [
            Checked {
                report: &report,
                document: &document,
            },
            Checked {
                report: &plan_report,
                document: &plan_document,
            },
        ];
        let options = RenderOptions {
            show_met: true,
            ..RenderOptions::default()
        };
        settings().bind(|| {
            for format in [ReportFormat::Terminal, ReportFormat::Html] {
                insta::assert_snapshot!(
                    format!("two_documents_{}", format.as_str()),
                    render(format, &checked, &options)
                );
            }
        });
    }
}
