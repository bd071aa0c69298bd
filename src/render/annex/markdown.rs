//! The annex as Markdown: for a wiki, an email, or a pull request on a council's policy
//! repository.
//!
//! The table is a GitHub-style pipe table with one row per undertaking; lines within a cell
//! are separated with `<br>`, which GitHub, GitLab and pandoc all render. Every piece of
//! document and lexicon text goes through the report renderer's [`escape`], so a draft's own
//! `|`, `*` or `<` cannot break the table.

use super::{
    date_words, one_line, others_placement, status_key, Annex, EvidenceLine, Placement, Row,
    ANNEX_TITLE, PLACE_NOTE,
};
use crate::render::markdown::escape;
use crate::render::{TOOL_NAME, TOOL_VERSION};
use std::fmt::Write as _;

/// Render the annex as Markdown, ending with a newline.
pub fn render(annex: &Annex) -> String {
    let mut out = String::with_capacity(8 * 1024);
    let _ = writeln!(out, "# {ANNEX_TITLE}\n");
    let _ = writeln!(out, "{}\n", text(&annex.purpose_sentence()));

    let _ = writeln!(out, "- **Document:** {}", text(&annex.source.name));
    let _ = writeln!(
        out,
        "- **Last modified:** {}",
        annex
            .source
            .modified
            .map_or_else(|| "not known".to_string(), date_words)
    );
    let _ = writeln!(out, "- **SHA-256:** `{}`", annex.source.sha256);
    let label = if annex.compacts.len() == 1 {
        "Compact"
    } else {
        "Compacts"
    };
    if annex.compacts.is_empty() {
        let _ = writeln!(out, "- **{label}:** none selected");
    }
    for compact in &annex.compacts {
        let _ = writeln!(
            out,
            "- **{label}:** {} (version: {})",
            text(&compact.title),
            text(&compact.version)
        );
    }
    let _ = writeln!(out, "- **Date of check:** {}", date_words(annex.checked_on));
    let _ = writeln!(out, "- **Checked with:** {TOOL_NAME} {TOOL_VERSION}");
    for note in &annex.reading_notes {
        let _ = writeln!(out, "- **Reading note:** {}", text(note));
    }

    let _ = writeln!(out, "\n## Undertakings that apply to the draft\n");
    let _ = writeln!(out, "{}", annex.summary_sentence());
    let others = annex.others_sentence();
    let others_in = others_placement(annex);
    if let (Some(sentence), Placement::Applies) = (&others, others_in) {
        let _ = writeln!(out, "\n{}", text(sentence));
    }
    if !annex.rows.is_empty() {
        out.push('\n');
        for (status, meaning) in status_key() {
            let _ = writeln!(out, "- **{}:** {}", status.title(), text(meaning));
        }
        let _ = writeln!(out, "\n{}\n", text(PLACE_NOTE));
        out.push_str("| Undertaking | Requirement | Status | Evidence | Action needed |\n");
        out.push_str("| --- | --- | --- | --- | --- |\n");
        for row in &annex.rows {
            render_row(&mut out, row);
        }
    }

    if !annex.not_applicable.is_empty() {
        let _ = writeln!(out, "\n## Undertakings that do not apply to this draft\n");
        let _ = writeln!(
            out,
            "These undertakings can be checked in a draft, but nothing in this one engages them."
        );
        if let (Some(sentence), Placement::NotApplicable) = (&others, others_in) {
            let _ = writeln!(out, "\n{}", text(sentence));
        }
        render_groups(&mut out, &annex.not_applicable);
    }

    if !annex.unchecked.is_empty() {
        let _ = writeln!(out, "\n## Undertakings to confirm by hand\n");
        let _ = writeln!(
            out,
            "No draft can show whether these are kept. The report author, or the officer \
             responsible for the Compact, should confirm each one that is relevant."
        );
        if let (Some(sentence), Placement::Confirm) = (&others, others_in) {
            let _ = writeln!(out, "\n{}", text(sentence));
        }
        render_groups(&mut out, &annex.unchecked);
    }

    let _ = writeln!(out, "\n## Compact implications\n");
    let _ = writeln!(
        out,
        "For the \u{201c}Reasons for the decision\u{201d} section of the report:\n"
    );
    let _ = writeln!(out, "> {}", text(&annex.implications));
    out
}

fn render_row(out: &mut String, row: &Row) {
    let undertaking = format!(
        "**{}**<br>\u{201c}{}\u{201d}<br>(`{}`)",
        text(&row.citation),
        text(&row.quote),
        row.id.replace('`', "'")
    );
    let requirement = if row.requirements.len() == 1 {
        row.requirements
            .iter()
            .map(|r| text(&r.text))
            .collect::<String>()
    } else {
        row.requirements
            .iter()
            .map(|r| format!("{}: *{}*", text(&r.text), r.status.title()))
            .collect::<Vec<_>>()
            .join("<br>")
    };
    let evidence = row
        .evidence
        .iter()
        .map(evidence_cell)
        .collect::<Vec<_>>()
        .join("<br><br>");
    let action = if row.actions.is_empty() {
        "None.".to_string()
    } else {
        row.actions
            .iter()
            .map(|a| text(a))
            .collect::<Vec<_>>()
            .join("<br>")
    };
    let _ = writeln!(
        out,
        "| {undertaking} | {requirement} | **{}** | {evidence} | {action} |",
        row.status.title()
    );
}

fn evidence_cell(line: &EvidenceLine) -> String {
    let mut cell = String::new();
    if let Some(quote) = &line.quote {
        let _ = write!(cell, "\u{201c}{}\u{201d}", text(quote));
        if let Some(place) = &line.place {
            let _ = write!(cell, " ({})", text(place));
        }
        cell.push_str("<br>");
    }
    cell.push_str(&text(&line.note));
    cell
}

fn render_groups(out: &mut String, groups: &[(crate::lexicon::Theme, Vec<super::Listed>)]) {
    for (theme, items) in groups {
        let _ = writeln!(out, "\n### {}\n", theme.title());
        for item in items {
            let _ = writeln!(
                out,
                "- **{}** (`{}`): {}",
                text(&item.citation),
                item.id.replace('`', "'"),
                text(&item.text)
            );
        }
    }
}

/// Text on one line, escaped for Markdown.
fn text(s: &str) -> String {
    escape(&one_line(s))
}
