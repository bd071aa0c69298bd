//! The annex as one self-contained, accessible HTML page.
//!
//! It uses the HTML report's stylesheet and escaping ([`crate::render::html`]) so both pages
//! look and behave alike: `lang="en-GB"`, a skip link, landmarks, headings in order, a table
//! with a caption and scoped header cells, statuses written out in words (the badge colours
//! only repeat them), no scripts and nothing loaded from outside. A few annex rules are
//! added: column widths for the five-column table, and A4 landscape pages with the header
//! row repeated when printed. `tests/browser/run.sh` checks it with axe-core in Chromium.

use super::{
    date_words, others_placement, status_key, Annex, EvidenceLine, Listed, Placement, Row,
    ANNEX_TITLE, PLACE_NOTE,
};
use crate::lexicon::Theme;
use crate::render::html::{escape, stylesheet};
use crate::render::{TOOL_NAME, TOOL_VERSION};
use std::fmt::Write as _;

/// Rules the annex adds to the report stylesheet.
const ANNEX_CSS: &str = "\
.annex { table-layout: fixed; }
.annex .c-undertaking { width: 22%; }
.annex .c-requirement { width: 17%; }
.annex .c-status { width: 10%; }
.annex .c-evidence { width: 28%; }
.annex .c-action { width: 23%; }
.annex tbody th { font-weight: 400; }
.annex .cite-title { display: block; font-weight: 700; }
.annex th q { display: block; margin: 0.25rem 0; }
.annex p { margin: 0 0 0.4rem; }
.annex ul { margin: 0; padding-left: 1.1rem; }
.facts { grid-template-columns: max-content minmax(0, 1fr); }
.facts dd { overflow-wrap: anywhere; }
.key { display: grid; grid-template-columns: max-content 1fr; gap: 0.35rem 1rem; margin: 0 0 1rem; max-width: 60rem; }
.key dd { margin: 0; }
.listed li { margin: 0.25rem 0; }
.implications blockquote { max-width: 48rem; }
@page { size: A4 landscape; margin: 12mm; }
@media print {
  .annex thead { display: table-header-group; }
  .annex tr { break-inside: avoid; }
}
@media (max-width: 40rem) {
  .annex { table-layout: auto; }
}
";

/// Render the annex as one HTML page.
pub fn render(annex: &Annex) -> String {
    let mut h = String::with_capacity(32 * 1024);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"{TOOL_NAME} {TOOL_VERSION}\">\n\
         <title>{ANNEX_TITLE}: {}</title>\n<style>\n{}{ANNEX_CSS}</style>\n</head>\n<body>\n",
        escape(&annex.source.name),
        stylesheet()
    );
    h.push_str("<a class=\"skip\" href=\"#main\">Skip to the annex</a>\n");
    let _ = writeln!(
        h,
        "<header class=\"banner\"><div class=\"wrap\"><p><span class=\"brand\">{TOOL_NAME}</span> \
         {ANNEX_TITLE}</p></div></header>"
    );

    h.push_str("<nav aria-label=\"Contents\"><div class=\"wrap\"><ul>\n");
    h.push_str("<li><a href=\"#applies\">Undertakings that apply to the draft</a></li>\n");
    if !annex.not_applicable.is_empty() {
        h.push_str("<li><a href=\"#not-applicable\">Undertakings that do not apply</a></li>\n");
    }
    if !annex.unchecked.is_empty() {
        h.push_str("<li><a href=\"#confirm\">Undertakings to confirm by hand</a></li>\n");
    }
    h.push_str("<li><a href=\"#implications\">Compact implications</a></li>\n");
    h.push_str("</ul></div></nav>\n");

    h.push_str("<main id=\"main\" tabindex=\"-1\"><div class=\"wrap\">\n");
    let _ = writeln!(h, "<h1>{ANNEX_TITLE}</h1>");
    let _ = writeln!(
        h,
        "<p class=\"lead\">{}</p>",
        escape(&annex.purpose_sentence())
    );
    render_facts(&mut h, annex);

    h.push_str(
        "<section aria-labelledby=\"applies\">\n\
         <h2 id=\"applies\">Undertakings that apply to the draft</h2>\n",
    );
    let _ = writeln!(h, "<p>{}</p>", escape(&annex.summary_sentence()));
    let others = annex.others_sentence();
    let others_in = others_placement(annex);
    if let (Some(sentence), Placement::Applies) = (&others, others_in) {
        let _ = writeln!(h, "<p>{}</p>", escape(sentence));
    }
    if !annex.rows.is_empty() {
        h.push_str("<dl class=\"key\">\n");
        for (status, meaning) in status_key() {
            let _ = writeln!(h, "<dt>{}</dt><dd>{}</dd>", badge(status), escape(meaning));
        }
        h.push_str("</dl>\n");
        let _ = writeln!(h, "<p>{}</p>", escape(PLACE_NOTE));
        h.push_str(
            "<table class=\"annex\">\n<caption>Each undertaking that applies, with its status, \
             the evidence in the draft and the action needed</caption>\n<colgroup>\
             <col class=\"c-undertaking\"><col class=\"c-requirement\"><col class=\"c-status\">\
             <col class=\"c-evidence\"><col class=\"c-action\"></colgroup>\n<thead><tr>\
             <th scope=\"col\">Undertaking</th><th scope=\"col\">Requirement</th>\
             <th scope=\"col\">Status</th><th scope=\"col\">Evidence</th>\
             <th scope=\"col\">Action needed</th></tr></thead>\n<tbody>\n",
        );
        for row in &annex.rows {
            render_row(&mut h, row);
        }
        h.push_str("</tbody>\n</table>\n");
    }
    h.push_str("</section>\n");

    if !annex.not_applicable.is_empty() {
        h.push_str(
            "<section aria-labelledby=\"not-applicable\">\n\
             <h2 id=\"not-applicable\">Undertakings that do not apply to this draft</h2>\n\
             <p>These undertakings can be checked in a draft, but nothing in this one engages \
             them.</p>\n",
        );
        if let (Some(sentence), Placement::NotApplicable) = (&others, others_in) {
            let _ = writeln!(h, "<p>{}</p>", escape(sentence));
        }
        render_groups(&mut h, &annex.not_applicable);
        h.push_str("</section>\n");
    }

    if !annex.unchecked.is_empty() {
        h.push_str(
            "<section aria-labelledby=\"confirm\">\n\
             <h2 id=\"confirm\">Undertakings to confirm by hand</h2>\n\
             <p>No draft can show whether these are kept. The report author, or the officer \
             responsible for the Compact, should confirm each one that is relevant.</p>\n",
        );
        if let (Some(sentence), Placement::Confirm) = (&others, others_in) {
            let _ = writeln!(h, "<p>{}</p>", escape(sentence));
        }
        render_groups(&mut h, &annex.unchecked);
        h.push_str("</section>\n");
    }

    let _ = writeln!(
        h,
        "<section class=\"implications\" aria-labelledby=\"implications\">\n\
         <h2 id=\"implications\">Compact implications</h2>\n\
         <p>For the \u{201c}Reasons for the decision\u{201d} section of the report:</p>\n\
         <blockquote><p>{}</p></blockquote>\n</section>",
        escape(&annex.implications)
    );
    h.push_str("</div></main>\n");
    let _ = writeln!(
        h,
        "<footer><div class=\"wrap\"><p>Made by {TOOL_NAME} {TOOL_VERSION}. It quotes the draft \
         and the Compact; it does not replace reading them.</p></div></footer>\n</body>\n</html>"
    );
    h
}

fn render_facts(h: &mut String, annex: &Annex) {
    h.push_str("<dl class=\"facts\">\n");
    let _ = writeln!(
        h,
        "<dt>Document</dt><dd>{}</dd>",
        escape(&annex.source.name)
    );
    let _ = writeln!(
        h,
        "<dt>Last modified</dt><dd>{}</dd>",
        annex
            .source
            .modified
            .map_or_else(|| "not known".to_string(), date_words)
    );
    let _ = writeln!(
        h,
        "<dt>SHA-256</dt><dd><code>{}</code></dd>",
        escape(&annex.source.sha256)
    );
    let label = if annex.compacts.len() == 1 {
        "Compact"
    } else {
        "Compacts"
    };
    let _ = write!(h, "<dt>{label}</dt><dd>");
    if annex.compacts.is_empty() {
        h.push_str("none selected");
    }
    for (i, compact) in annex.compacts.iter().enumerate() {
        if i > 0 {
            h.push_str("<br>");
        }
        let _ = write!(
            h,
            "{} (version: {})",
            escape(&compact.title),
            escape(&compact.version)
        );
    }
    h.push_str("</dd>\n");
    let _ = writeln!(
        h,
        "<dt>Date of check</dt><dd>{}</dd>",
        date_words(annex.checked_on)
    );
    let _ = writeln!(
        h,
        "<dt>Checked with</dt><dd>{TOOL_NAME} {TOOL_VERSION}</dd>"
    );
    for note in &annex.reading_notes {
        let _ = writeln!(h, "<dt>Reading note</dt><dd>{}</dd>", escape(note));
    }
    h.push_str("</dl>\n");
}

fn render_row(h: &mut String, row: &Row) {
    let _ = write!(
        h,
        "<tr><th scope=\"row\"><span class=\"cite-title\">{}</span><q>{}</q>\
         <span class=\"citation\">{}</span></th>",
        escape(&row.citation),
        escape(&row.quote),
        escape(&row.id)
    );
    h.push_str("<td>");
    if row.requirements.len() == 1 {
        for r in &row.requirements {
            let _ = write!(h, "<p>{}</p>", escape(&r.text));
        }
    } else {
        h.push_str("<ul>");
        for r in &row.requirements {
            let _ = write!(
                h,
                "<li>{}: <strong>{}</strong></li>",
                escape(&r.text),
                r.status.title()
            );
        }
        h.push_str("</ul>");
    }
    h.push_str("</td>");
    let _ = write!(h, "<td>{}</td><td>", badge(row.status));
    for line in &row.evidence {
        render_evidence(h, line);
    }
    h.push_str("</td><td>");
    match row.actions.as_slice() {
        [] => h.push_str("<p>None.</p>"),
        [one] => {
            let _ = write!(h, "<p>{}</p>", escape(one));
        }
        many => {
            h.push_str("<ul>");
            for action in many {
                let _ = write!(h, "<li>{}</li>", escape(action));
            }
            h.push_str("</ul>");
        }
    }
    h.push_str("</td></tr>\n");
}

fn render_evidence(h: &mut String, line: &EvidenceLine) {
    if let Some(quote) = &line.quote {
        let _ = write!(h, "<p><q>{}</q>", escape(quote));
        if let Some(place) = &line.place {
            let _ = write!(h, " ({})", escape(place));
        }
        h.push_str("</p>");
    }
    let _ = write!(h, "<p>{}</p>", escape(&line.note));
}

fn render_groups(h: &mut String, groups: &[(Theme, Vec<Listed>)]) {
    for (theme, items) in groups {
        let _ = writeln!(
            h,
            "<h3>{}</h3>\n<ul class=\"listed\">",
            escape(theme.title())
        );
        for item in items {
            let _ = writeln!(
                h,
                "<li><strong>{}</strong> <span class=\"citation\">({})</span>: {}</li>",
                escape(&item.citation),
                escape(&item.id),
                escape(&item.text)
            );
        }
        h.push_str("</ul>\n");
    }
}

fn badge(status: super::AnnexStatus) -> String {
    format!(
        "<span class=\"badge s-{}\">{}</span>",
        status.class(),
        status.title()
    )
}
