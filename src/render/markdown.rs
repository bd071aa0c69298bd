//! Markdown: a readable report to paste into an issue, a wiki or an email.
//!
//! For each document: what was checked and against which compacts, a summary table of theme
//! verdicts (verdict, stated days, required days, evidence), then the findings grouped by
//! theme, each with its quoted evidence (decisive words in bold), where it is, the
//! undertakings it rests on with their full quotes and citations, and the suggested fix.
//! Every finding is included, `met` ones too: this is a report, not a list of errors.
//!
//! Document text is untrusted: every piece of it goes through [`escape`], so a draft's own
//! `*`, `|`, `<`, `[` or a line starting `#` cannot change the report's structure.

use super::{
    days_label, evidence_text, findings_by_theme, location_words, plural, problem_counts,
    status_title, suggestion_line, terms_range, valid_span, Checked, RenderOptions, TOOL_NAME,
    TOOL_VERSION,
};
use crate::findings::{DocumentReport, Finding, Severity};
use std::fmt::Write as _;

/// Render checked documents as one Markdown report, ending with a newline.
pub fn render(checked: &[Checked<'_>], _options: &RenderOptions) -> String {
    let mut out = String::new();
    out.push_str("# Compact proofing report\n\n");
    let (errors, warnings) = checked
        .iter()
        .map(|c| problem_counts(c.report))
        .fold((0, 0), |(e, w), (de, dw)| (e + de, w + dw));
    let _ = writeln!(
        out,
        "{} checked by {TOOL_NAME} {TOOL_VERSION}: {}, {}.",
        plural(checked.len(), "document"),
        plural(errors, "error"),
        plural(warnings, "warning")
    );
    for c in checked {
        out.push('\n');
        render_document(&mut out, c);
    }
    out
}

fn render_document(out: &mut String, checked: &Checked<'_>) {
    let report = checked.report;
    let _ = writeln!(out, "## {}\n", escape(&report.path));
    let _ = writeln!(
        out,
        "- **Format:** {}",
        report.format.as_str().to_uppercase()
    );
    if report.compacts.is_empty() {
        out.push_str("- **Checked against:** no compact\n");
    }
    for compact in &report.compacts {
        let _ = writeln!(
            out,
            "- **Checked against:** {} ({}; `{}`)",
            escape(&compact.title),
            escape(&compact.version),
            code(&compact.id)
        );
    }
    let (errors, warnings) = problem_counts(report);
    let _ = writeln!(
        out,
        "- **Result:** {}, {}",
        plural(errors, "error"),
        plural(warnings, "warning")
    );
    for warning in &report.warnings {
        let _ = writeln!(out, "- **Reading note:** {}", escape(warning));
    }

    summary_table(out, report);

    out.push_str("\n### Findings\n");
    let mut number = 0;
    for (theme, findings) in findings_by_theme(report) {
        if findings.is_empty() {
            continue;
        }
        let verdict = report
            .theme(theme)
            .map_or("no verdict", |v| status_title(v.status));
        let _ = writeln!(out, "\n#### {}: {verdict}", theme.title());
        for finding in findings {
            number += 1;
            render_finding(out, checked, finding, number);
        }
    }
    if number == 0 {
        out.push_str("\nNo findings.\n");
    }

    if !report.unchecked.is_empty() {
        out.push_str("\n### Undertakings to confirm by hand\n\n");
        out.push_str("No draft can show these; a person should confirm them.\n\n");
        for u in &report.unchecked {
            let _ = writeln!(
                out,
                "- `{}` ({}): {}",
                code(&u.id),
                escape(&u.citation),
                quoted(&u.quote)
            );
        }
    }
}

fn summary_table(out: &mut String, report: &DocumentReport) {
    out.push_str("\n### Summary\n\n");
    if report.themes.is_empty() {
        out.push_str("No theme verdicts.\n");
        return;
    }
    out.push_str("| Theme | Verdict | Stated | Required | Evidence |\n");
    out.push_str("| --- | --- | --- | --- | --- |\n");
    for (theme, verdict) in &report.themes {
        let evidence = verdict.evidence.as_ref().map_or_else(
            || "none".to_string(),
            |e| {
                format!(
                    "{} ({})",
                    quoted(&super::short_quote(&e.text, 80)),
                    location_words(&e.location)
                )
            },
        );
        let _ = writeln!(
            out,
            "| {} | **{}** | {} | {} | {} |",
            theme.title(),
            status_title(verdict.status),
            verdict.days.map_or_else(|| "-".to_string(), days_label),
            verdict
                .required_days
                .map_or_else(|| "-".to_string(), days_label),
            evidence
        );
    }
}

fn render_finding(out: &mut String, checked: &Checked<'_>, finding: &Finding, number: usize) {
    let severity = match finding.severity {
        Severity::Error => "Error",
        Severity::Warning => "Warning",
        Severity::Info => "Met",
    };
    let _ = writeln!(
        out,
        "\n{number}. **{severity}** (`{}`): {}",
        code(&finding.id),
        escape(&finding.message)
    );
    // Everything below belongs to the numbered item: indent by the marker's width.
    let indent = " ".repeat(number.to_string().len() + 2);

    let placed = finding
        .location
        .as_ref()
        .filter(|l| valid_span(checked.document, l).is_some());
    if let Some(evidence) = evidence_text(checked.document, finding) {
        out.push('\n');
        let highlighted = highlight(evidence, finding.evidence_terms.as_deref());
        for line in highlighted.lines() {
            let _ = writeln!(out, "{indent}> {line}");
        }
    }
    out.push('\n');
    match (placed, finding.location.as_ref()) {
        (Some(location), _) | (None, Some(location)) => {
            let _ = writeln!(out, "{indent}- **Where:** {}", location_words(location));
        }
        (None, None) => {
            let _ = writeln!(out, "{indent}- **Where:** not found in the document");
        }
    }
    if let (Some(days), Some(required)) = (finding.days, finding.required_days) {
        let _ = writeln!(
            out,
            "{indent}- **Period:** {} stated; {} required",
            days_label(days),
            days_label(required)
        );
    } else if let Some(required) = finding.required_days {
        let _ = writeln!(
            out,
            "{indent}- **Period:** {} required",
            days_label(required)
        );
    }
    for u in &finding.undertakings {
        let _ = writeln!(
            out,
            "{indent}- **Compact:** `{}`, {}:",
            code(&u.id),
            escape(&u.citation)
        );
        let _ = writeln!(out, "{indent}  {}", quoted(&u.quote));
    }
    if let Some(suggestion) = suggestion_line(finding) {
        let _ = writeln!(out, "{indent}- **Suggestion:** {}", escape(&suggestion));
    }
}

/// Escaped evidence with the decisive words in bold. Lines are kept (one per source line).
fn highlight(evidence: &str, terms: Option<&str>) -> String {
    escape_marked(evidence, terms_range(evidence, terms))
}

/// Text in typographic quotes, escaped and on one line.
fn quoted(text: &str) -> String {
    format!("“{}”", escape(&one_line(text)))
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text safe inside backticks: ids never hold them, but a council's own lexicon might.
fn code(text: &str) -> String {
    text.replace('`', "'")
}

/// Escape document text for Markdown (CommonMark and GitHub's tables): backslash-escape
/// every character that can start inline markup or end a table cell, `&` so entities stay
/// literal, and anything at the start of a line that would open a block (headings, quotes,
/// lists, thematic breaks). Line breaks are kept; callers join or prefix lines as needed.
pub fn escape(text: &str) -> String {
    escape_marked(text, None)
}

/// [`escape`], putting `**` around the byte range `bold` of `text` (on char boundaries).
fn escape_marked(text: &str, bold: Option<std::ops::Range<usize>>) -> String {
    let bold = bold.filter(|r| r.start < r.end && r.end <= text.len());
    let toggle_at = |at: usize| bold.as_ref().is_some_and(|r| at == r.start || at == r.end);
    let mut out = String::with_capacity(text.len() + 8);
    let mut line_start = 0;
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            // A bold range ending at the end of the previous line closes before the break.
            if toggle_at(line_start - 1) {
                out.push_str("**");
            }
            out.push('\n');
        }
        // Leading spaces are dropped: four of them would open a code block.
        let body = line.trim_start();
        let body_start = line_start + (line.len() - body.len());
        // Which character, if any, would open a block at the start of the line: a list,
        // heading underline or thematic break marker, or the `.`/`)` after digits.
        let digits = body.chars().take_while(|c| c.is_ascii_digit()).count();
        let marker = match body.chars().next() {
            Some('-' | '+' | '=') => Some(0),
            _ if digits > 0 && matches!(body[digits..].chars().next(), Some('.' | ')')) => {
                Some(digits)
            }
            _ => None,
        };
        for (j, c) in body.char_indices() {
            if toggle_at(body_start + j) {
                out.push_str("**");
            }
            if Some(j) == marker || is_inline_markup(c) {
                out.push('\\');
            }
            out.push(c);
        }
        line_start += line.len() + 1;
    }
    if bold.as_ref().is_some_and(|r| r.end == text.len()) {
        out.push_str("**");
    }
    out
}

/// Characters that can start or end inline markup, a table cell, an entity or maths.
fn is_inline_markup(c: char) -> bool {
    matches!(
        c,
        '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '#' | '!' | '$'
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::sample;

    fn sample_output() -> String {
        let (document, report) = sample::sample();
        let checked = [Checked {
            report: &report,
            document: &document,
        }];
        render(&checked, &RenderOptions::default())
    }

    #[test]
    fn escaping_neutralises_markup_in_document_text() {
        assert_eq!(
            escape("a *b* _c_ [d](e) <f> | g & h"),
            "a \\*b\\* \\_c\\_ \\[d\\](e) \\<f\\> \\| g \\& h"
        );
        assert_eq!(escape("# Not a heading"), "\\# Not a heading");
        assert_eq!(
            escape("- not a list\n2. nor this"),
            "\\- not a list\n2\\. nor this"
        );
        assert_eq!(escape("12-week consultation"), "12-week consultation");
        assert_eq!(escape("£1.2m, 2027-28."), "£1.2m, 2027-28.");
        assert_eq!(
            escape("<script>alert(1)</script>"),
            "\\<script\\>alert(1)\\</script\\>"
        );
        assert_eq!(escape_marked("a 12. b c", Some(4..7)), "a 12**. b** c");
        assert_eq!(
            escape_marked("  3. x\n- y", Some(2..6)),
            "**3\\. x**\n\\- y"
        );
        assert_eq!(escape_marked("end", Some(0..3)), "**end**");
        assert_eq!(escape_marked("- a", Some(0..3)), "**\\- a**");
        assert_eq!(escape_marked("a b\nc", Some(2..3)), "a **b**\nc");
    }

    #[test]
    fn the_report_has_a_summary_table_and_findings_by_theme() {
        let out = sample_output();
        assert!(out.starts_with("# Compact proofing report\n"), "{out}");
        assert!(
            out.contains("| Consultation | **Short** | 42 days (6 weeks) | 84 days (12 weeks) |"),
            "{out}"
        );
        assert!(out.contains("#### Consultation: Short"), "{out}");
        assert!(
            out.contains("> The public consultation will run for **six weeks** from"),
            "{out}"
        );
        assert!(
            out.contains("> An **equality impact assessment has been completed** and"),
            "{out}"
        );
        assert!(
            out.contains("- **Where:** not found in the document"),
            "{out}"
        );
        assert!(out.contains("**Met** (`equality.assessment`)"), "{out}");
        assert!(out.contains("### Undertakings to confirm by hand"), "{out}");
    }
}
