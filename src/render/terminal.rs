//! Terminal output: rustc-style diagnostics an officer can act on line by line.
//!
//! Each problem finding (`short`, `missing`, `weak`, `conflict`) becomes one diagnostic,
//! drawn with `annotate-snippets`: the severity and message, `path:page:line:column`, the
//! evidence sentence with the decisive words underlined, a `note` citing each undertaking
//! with a short quote, and a `help` with the suggestion. Diagnostics are grouped under a
//! heading per theme, in report order, and each document closes with a table of theme
//! verdicts (stated days against required days) and a one-line count.
//!
//! `met` findings are shown only with `show_met`; `quiet` prints only the closing count
//! lines. Colour is used only when `color` is set: this module never looks at the terminal
//! or the environment (the CLI decides, honouring `NO_COLOR`).

use super::{
    days_label, findings_by_theme, location_label, plural, problem_counts, short_quote,
    suggestion_line, terms_range, valid_span, Checked, RenderOptions,
};
use crate::findings::{DocumentReport, Finding, Severity, Status};
use annotate_snippets::renderer::{AnsiColor, Style};
use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

/// How long an undertaking's quote may be in a note before it is cut with an ellipsis.
const QUOTE_CHARS: usize = 100;

/// Render checked documents as diagnostics, a summary table per document and count lines.
pub fn render(checked: &[Checked<'_>], options: &RenderOptions) -> String {
    let paint = Paint {
        color: options.color,
    };
    let renderer = if options.color {
        Renderer::styled()
    } else {
        Renderer::plain()
    }
    .term_width(options.term_width.max(40));

    let mut out = String::new();
    for (i, c) in checked.iter().enumerate() {
        if i > 0 && !options.quiet {
            out.push('\n');
        }
        if !options.quiet {
            render_document(&mut out, c, options, &renderer, paint);
        }
        out.push_str(&count_line(c.report, paint));
        out.push('\n');
    }
    if checked.len() > 1 {
        let (errors, warnings) = checked
            .iter()
            .map(|c| problem_counts(c.report))
            .fold((0, 0), |(e, w), (de, dw)| (e + de, w + dw));
        out.push_str(&format!(
            "{}: {}, {}\n",
            plural(checked.len(), "document"),
            paint.counted(errors, "error", Severity::Error),
            paint.counted(warnings, "warning", Severity::Warning)
        ));
    }
    out
}

fn render_document(
    out: &mut String,
    checked: &Checked<'_>,
    options: &RenderOptions,
    renderer: &Renderer,
    paint: Paint,
) {
    let report = checked.report;
    let compacts: Vec<String> = report
        .compacts
        .iter()
        .map(|c| format!("{} ({})", c.title, c.version))
        .collect();
    out.push_str(&paint.bold(&report.path));
    if compacts.is_empty() {
        out.push_str(": checked against no compact\n");
    } else {
        out.push_str(&format!(": checked against {}\n", compacts.join("; ")));
    }
    for warning in &report.warnings {
        let group = [
            Group::with_title(Level::WARNING.primary_title(warning.as_str()))
                .element(Origin::path(report.path.as_str())),
        ];
        out.push_str(&renderer.render(&group));
        out.push('\n');
    }

    for (theme, findings) in findings_by_theme(report) {
        let shown: Vec<&Finding> = findings
            .into_iter()
            .filter(|f| f.status.is_problem() || (options.show_met && f.status == Status::Met))
            .collect();
        if shown.is_empty() {
            continue;
        }
        let verdict = report
            .theme(theme)
            .map_or("no verdict", |v| v.status.as_str());
        out.push('\n');
        out.push_str(&paint.bold(&format!("{}: {verdict}", theme.title())));
        out.push('\n');
        for finding in shown {
            out.push_str(&renderer.render(&diagnostic(checked, finding)));
            out.push('\n');
        }
    }

    out.push('\n');
    summary_table(out, report, paint);
    if !report.unchecked.is_empty() {
        // The list is long (most undertakings concern practice, not drafts); the annex
        // lists them for a person to confirm, so the terminal only counts them.
        let n = report.unchecked.len();
        out.push_str(&format!(
            "{} cannot be checked in a draft; `compactproof annex` lists {} for a person to confirm\n",
            plural(n, "undertaking"),
            if n == 1 { "it" } else { "them" },
        ));
    }
}

/// One finding as a report group: title, location, snippet, notes and help.
fn diagnostic<'a>(checked: &'a Checked<'_>, finding: &'a Finding) -> Vec<Group<'a>> {
    let level = match finding.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::NOTE.with_name("met"),
    };
    let title = level
        .primary_title(finding.message.as_str())
        .id(finding.id.as_str());
    let mut group = Group::with_title(title);

    let path = checked.report.path.as_str();
    match snippet_source(checked, finding) {
        Some(view) => {
            let origin = match finding.location.as_ref().and_then(|l| l.page) {
                Some(page) => format!("{path}:{page}"),
                None => path.to_string(),
            };
            let mut snippet = Snippet::source(view.source)
                .path(origin)
                .line_start(view.line_start)
                .fold(false);
            match view.terms {
                Some(terms) => {
                    snippet = snippet
                        .annotation(AnnotationKind::Primary.span(terms).label(label(finding)));
                    // The sentence, so the reader sees which words the finding rests on.
                    snippet = snippet.annotation(AnnotationKind::Context.span(view.sentence));
                }
                None if finding.status == Status::Missing => {
                    // Nothing to underline: point at where the missing sentence would go.
                    let end = view.sentence.end;
                    snippet = snippet
                        .annotation(AnnotationKind::Primary.span(end..end).label(label(finding)));
                }
                None => {
                    snippet = snippet.annotation(
                        AnnotationKind::Primary
                            .span(view.sentence)
                            .label(label(finding)),
                    );
                }
            }
            group = group.element(snippet);
        }
        None => {
            let place = match finding.location.as_ref() {
                Some(location) => location_label(path, location),
                None => format!("{path} (not found in the document)"),
            };
            group = group.element(Origin::path(place));
        }
    }

    for undertaking in &finding.undertakings {
        group = group.element(Level::NOTE.message(format!(
            "{} ({}): \"{}\"",
            undertaking.id,
            undertaking.citation,
            short_quote(&undertaking.quote, QUOTE_CHARS)
        )));
    }
    if let Some(help) = suggestion_line(finding) {
        group = group.element(Level::HELP.message(help));
    }
    vec![group]
}

/// What a diagnostic shows of the document: the whole line(s) holding the evidence, so the
/// gutter's line numbers and the header's column are true positions in the document.
struct SnippetView<'a> {
    source: &'a str,
    line_start: usize,
    /// The evidence sentence, as a byte range of `source`.
    sentence: std::ops::Range<usize>,
    /// The decisive words, as a byte range of `source`, when they can be found.
    terms: Option<std::ops::Range<usize>>,
}

fn snippet_source<'a>(checked: &'a Checked<'_>, finding: &Finding) -> Option<SnippetView<'a>> {
    let document = checked.document;
    let span = valid_span(document, finding.location.as_ref()?)?;
    if span.is_empty() || document.slice(span).trim().is_empty() {
        return None;
    }
    let block = document.blocks.get(document.block_at(span.start))?;
    if !block.span.contains(span) {
        return None;
    }
    let text = &block.text;
    let (start, end) = (span.start - block.span.start, span.end - block.span.start);
    let line_from = text.get(..start)?.rfind('\n').map_or(0, |i| i + 1);
    let line_to = text.get(end..)?.find('\n').map_or(text.len(), |i| end + i);
    let source = text.get(line_from..line_to)?;
    let sentence_text = text.get(start..end)?;
    let trimmed = sentence_text.trim_end().len();
    let sentence = (start - line_from)..(start - line_from + trimmed);
    let terms = terms_range(sentence_text, finding.evidence_terms.as_deref())
        .map(|r| (r.start + sentence.start)..(r.end + sentence.start));
    Some(SnippetView {
        source,
        line_start: document.position(block.span.start + line_from).line as usize,
        sentence,
        terms,
    })
}

/// The words under the underline: what the marked text means for this finding.
fn label(finding: &Finding) -> String {
    let required = finding.required_days.map(days_label);
    match (finding.status, finding.days, required) {
        (Status::Short, Some(days), Some(required)) => {
            format!("{}; at least {required} required", days_label(days))
        }
        (Status::Weak, Some(days), _) => {
            format!("hedged: {} is not a commitment", days_label(days))
        }
        (Status::Short, ..) => "shorter than the Compact asks".to_string(),
        (Status::Weak, ..) => "hedged: this commits to nothing".to_string(),
        (Status::Missing, _, Some(required)) => {
            format!("no period stated; at least {required} required")
        }
        (Status::Missing, ..) => "add the missing commitment after this".to_string(),
        (Status::Conflict, ..) => "conflicts with the Compact".to_string(),
        (Status::Met, ..) => "meets the Compact".to_string(),
        (Status::NotApplicable, ..) => "not applicable".to_string(),
    }
}

/// Theme verdicts as an aligned table: theme, verdict, stated days, required days.
fn summary_table(out: &mut String, report: &DocumentReport, paint: Paint) {
    let header = ["Theme", "Verdict", "Stated", "Required"];
    let rows: Vec<([String; 4], Status)> = report
        .themes
        .iter()
        .map(|(theme, verdict)| {
            let cells = [
                theme.title().to_string(),
                verdict.status.as_str().to_string(),
                verdict.days.map_or_else(|| "-".to_string(), days_label),
                verdict
                    .required_days
                    .map_or_else(|| "-".to_string(), days_label),
            ];
            (cells, verdict.status)
        })
        .collect();
    if rows.is_empty() {
        out.push_str("No theme verdicts.\n");
        return;
    }
    let mut widths = header.map(str::len);
    for (cells, _) in &rows {
        for (w, cell) in widths.iter_mut().zip(cells) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: [&str; 4], styled_status: Option<String>| {
        let mut s = String::from("  ");
        for (i, cell) in cells.iter().enumerate() {
            let pad = widths[i].saturating_sub(cell.chars().count());
            match (i, &styled_status) {
                (1, Some(styled)) => s.push_str(styled),
                _ => s.push_str(cell),
            }
            if i + 1 < cells.len() {
                s.push_str(&" ".repeat(pad + 2));
            }
        }
        s.trim_end().to_string()
    };
    out.push_str(&paint.bold(&line(header, None)));
    out.push('\n');
    for (cells, status) in &rows {
        let styled = paint.status(*status, &cells[1]);
        let refs = [
            cells[0].as_str(),
            cells[1].as_str(),
            cells[2].as_str(),
            cells[3].as_str(),
        ];
        out.push_str(&line(refs, Some(styled)));
        out.push('\n');
    }
}

/// `path: 2 errors, 3 warnings` or `path: no problems found`.
fn count_line(report: &DocumentReport, paint: Paint) -> String {
    let (errors, warnings) = problem_counts(report);
    if errors == 0 && warnings == 0 {
        return format!("{}: no problems found", report.path);
    }
    format!(
        "{}: {}, {}",
        report.path,
        paint.counted(errors, "error", Severity::Error),
        paint.counted(warnings, "warning", Severity::Warning)
    )
}

/// ANSI styling when colour was asked for; plain text otherwise. Shared by the terminal
/// renderers (the report's and compare's), each adding its own styles in its own module.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Paint {
    pub(crate) color: bool,
}

impl Paint {
    pub(crate) fn styled(self, style: Style, text: &str) -> String {
        if self.color {
            format!("{}{text}{}", style.render(), style.render_reset())
        } else {
            text.to_string()
        }
    }

    pub(crate) fn bold(self, text: &str) -> String {
        self.styled(Style::new().bold(), text)
    }

    fn status(self, status: Status, text: &str) -> String {
        let style = match status.severity() {
            Severity::Error => AnsiColor::BrightRed.on_default().bold(),
            Severity::Warning => AnsiColor::Yellow.on_default().bold(),
            Severity::Info if status == Status::Met => AnsiColor::Green.on_default(),
            Severity::Info => Style::new(),
        };
        self.styled(style, text)
    }

    fn counted(self, n: usize, what: &str, severity: Severity) -> String {
        let text = plural(n, what);
        if n == 0 {
            return text;
        }
        let status = match severity {
            Severity::Error => Status::Conflict,
            Severity::Warning => Status::Missing,
            Severity::Info => Status::Met,
        };
        self.status(status, &text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::sample;

    fn sample_output(options: &RenderOptions) -> String {
        let (document, report) = sample::sample();
        let checked = [Checked {
            report: &report,
            document: &document,
        }];
        render(&checked, options)
    }

    #[test]
    fn problems_are_diagnostics_with_location_snippet_note_and_help() {
        let out = sample_output(&RenderOptions::default());
        assert!(out.contains("error[consultation.period]"), "{out}");
        assert!(
            out.contains("drafts/cabinet-report-community-grants.docx:1:"),
            "{out}"
        );
        assert!(out.contains("-^^^^^^^^^-"), "{out}");
        assert!(
            out.contains("42 days (6 weeks); at least 84 days (12 weeks) required"),
            "{out}"
        );
        assert!(
            out.contains("durham/2.4 (County Durham Compact, Outcome 2, undertaking 2.4)"),
            "{out}"
        );
        assert!(out.contains("help: Consult for at least 12 weeks"), "{out}");
        assert!(out.contains("warning[funding-notice.period]"), "{out}");
        assert!(out.contains("error[independence.campaigning]"), "{out}");
    }

    #[test]
    fn met_findings_are_hidden_unless_asked_for() {
        let hidden = sample_output(&RenderOptions::default());
        assert!(!hidden.contains("[equality.assessment]"), "{hidden}");
        let shown = sample_output(&RenderOptions {
            show_met: true,
            ..RenderOptions::default()
        });
        assert!(shown.contains("met[equality.assessment]"), "{shown}");
    }

    #[test]
    fn unanchored_findings_have_no_snippet() {
        let out = sample_output(&RenderOptions::default());
        let feedback = out
            .split("warning[feedback.report-back]")
            .nth(1)
            .and_then(|rest| rest.split("\n\n").next())
            .unwrap_or_default();
        assert!(feedback.contains("not found in the document"), "{feedback}");
        assert!(!feedback.contains('^'), "{feedback}");
    }

    #[test]
    fn quiet_prints_only_the_count_line() {
        let out = sample_output(&RenderOptions {
            quiet: true,
            ..RenderOptions::default()
        });
        assert_eq!(
            out,
            "drafts/cabinet-report-community-grants.docx: 2 errors, 3 warnings\n"
        );
    }

    #[test]
    fn colour_only_when_asked() {
        let plain = sample_output(&RenderOptions::default());
        assert!(!plain.contains('\u{1b}'));
        let coloured = sample_output(&RenderOptions {
            color: true,
            ..RenderOptions::default()
        });
        assert!(coloured.contains('\u{1b}'));
        // Stripping the escapes gives the plain output back.
        assert_eq!(anstream::adapter::strip_str(&coloured).to_string(), plain);
    }

    #[test]
    fn the_summary_table_shows_stated_and_required_days() {
        let out = sample_output(&RenderOptions::default());
        let row = out
            .lines()
            .find(|l| l.trim_start().starts_with("Consultation "))
            .unwrap_or_default();
        assert!(row.contains("short"), "{row}");
        assert!(row.contains("42 days (6 weeks)"), "{row}");
        assert!(row.contains("84 days (12 weeks)"), "{row}");
    }
}
