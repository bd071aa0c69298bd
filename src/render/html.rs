//! HTML: one self-contained, accessible page showing each draft with its findings in place.
//!
//! The page has no scripts, no external fonts, styles or images, and loads nothing from the
//! network: CSS is inline and every link is to a fragment of the page itself. For each
//! document it shows a summary table per theme and per undertaking, then the document's
//! text block by block (headings as headings, list items with their labels, table cells
//! regrouped into tables) with each finding's evidence marked in place: a `<mark>`, then a
//! text marker such as `[1: short]` that links to the finding's note, so meaning never rests
//! on colour alone. Notes sit beside the text on wide screens and below it on narrow screens
//! and in print. Findings with no place in the text are listed under "Not found in the
//! document". Every cited undertaking is quoted once, at `#undertaking-<id>`.
//!
//! Accessibility: `lang="en-GB"`, a skip link, `header`/`nav`/`main`/`footer` landmarks,
//! headings in order, tables with captions and scoped header cells, visible focus styles,
//! only links to navigate, and colours checked by a test to meet WCAG AA (4.5:1 for text).
//! `tests/browser/check-html.mjs` runs axe-core over the result in Chromium.
//!
//! All document and lexicon text goes through [`escape`].

use super::{
    days_label, findings_by_theme, location_words, plural, problem_counts, status_title,
    suggestion_line, terms_range, valid_span, Checked, RenderOptions, TOOL_NAME, TOOL_VERSION,
};
use crate::document::{Block, BlockKind, Document};
use crate::findings::{DocumentReport, Finding, Severity, Status, UndertakingRef};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Escape text for HTML element content and quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Render checked documents as one HTML page.
pub fn render(checked: &[Checked<'_>], _options: &RenderOptions) -> String {
    let mut h = String::with_capacity(32 * 1024);
    let title = match checked {
        [one] => format!("Compact proofing report: {}", one.report.path),
        many => format!(
            "Compact proofing report: {}",
            plural(many.len(), "document")
        ),
    };
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"{TOOL_NAME} {TOOL_VERSION}\">\n\
         <title>{}</title>\n<style>\n{}</style>\n</head>\n<body>\n",
        escape(&title),
        stylesheet()
    );
    h.push_str("<a class=\"skip\" href=\"#main\">Skip to the report</a>\n");
    let _ = writeln!(
        h,
        "<header class=\"banner\"><div class=\"wrap\"><p><span class=\"brand\">{TOOL_NAME}</span> \
         Compact proofing report</p></div></header>"
    );

    let docs: Vec<DocView<'_>> = checked
        .iter()
        .enumerate()
        .map(|(i, c)| DocView::new(*c, format!("d{}", i + 1)))
        .collect();
    let cited = cited_undertakings(&docs);

    // Contents.
    h.push_str("<nav aria-label=\"Contents\"><div class=\"wrap\"><ul>\n");
    for d in &docs {
        let _ = write!(
            h,
            "<li><a href=\"#{p}\">{}</a>: <a href=\"#{p}-summary\">summary</a>, \
             <a href=\"#{p}-text\">document with findings</a>",
            escape(&d.checked.report.path),
            p = d.prefix
        );
        if d.notes.iter().any(|n| n.placed.is_none()) {
            let _ = write!(
                h,
                ", <a href=\"#{}-unplaced\">not found in the document</a>",
                d.prefix
            );
        }
        h.push_str("</li>\n");
    }
    if !cited.is_empty() {
        h.push_str("<li><a href=\"#undertakings\">Undertakings cited</a></li>\n");
    }
    h.push_str("</ul></div></nav>\n");

    h.push_str("<main id=\"main\" tabindex=\"-1\"><div class=\"wrap\">\n");
    h.push_str("<h1>Compact proofing report</h1>\n");
    let (errors, warnings) = checked
        .iter()
        .map(|c| problem_counts(c.report))
        .fold((0, 0), |(e, w), (de, dw)| (e + de, w + dw));
    let _ = writeln!(
        h,
        "<p class=\"lead\">{} checked: {}, {}. Marked passages are the evidence for a \
         finding; the marker after each, such as <span class=\"example\">[1: short]</span>, \
         links to its note.</p>",
        plural(checked.len(), "document"),
        plural(errors, "error"),
        plural(warnings, "warning")
    );
    for d in &docs {
        d.render(&mut h);
    }
    if !cited.is_empty() {
        render_undertakings(&mut h, &cited);
    }
    h.push_str("</div></main>\n");
    let _ = writeln!(
        h,
        "<footer><div class=\"wrap\"><p>Made by {TOOL_NAME} {TOOL_VERSION}. It quotes the draft \
         and the Compact; it does not replace reading them.</p></div></footer>\n</body>\n</html>"
    );
    h
}

/// A finding with its number in the document and, when it has a place in the text, where.
struct Note<'a> {
    n: usize,
    finding: &'a Finding,
    placed: Option<Placed>,
}

/// A finding's place: its block and its byte range within the block's text (clamped to the
/// block; empty for an anchor that marks where something should go).
#[derive(Debug, Clone, Copy)]
struct Placed {
    block: usize,
    start: usize,
    end: usize,
}

struct DocView<'a> {
    checked: Checked<'a>,
    prefix: String,
    notes: Vec<Note<'a>>,
}

impl<'a> DocView<'a> {
    fn new(checked: Checked<'a>, prefix: String) -> Self {
        let document = checked.document;
        let notes = checked
            .report
            .findings
            .iter()
            .enumerate()
            .map(|(i, finding)| Note {
                n: i + 1,
                finding,
                placed: place(document, finding),
            })
            .collect();
        DocView {
            checked,
            prefix,
            notes,
        }
    }

    fn report(&self) -> &'a DocumentReport {
        self.checked.report
    }

    fn note_id(&self, n: usize) -> String {
        format!("{}-note-{n}", self.prefix)
    }

    fn notes_in(&self, block: usize) -> Vec<&Note<'a>> {
        self.notes
            .iter()
            .filter(|n| n.placed.is_some_and(|p| p.block == block))
            .collect()
    }

    fn render(&self, h: &mut String) {
        let report = self.report();
        let p = &self.prefix;
        let _ = write!(
            h,
            "<section class=\"document\" aria-labelledby=\"{p}\">\n<h2 id=\"{p}\">{}</h2>\n",
            escape(&report.path)
        );
        h.push_str("<dl class=\"facts\">\n");
        let _ = writeln!(
            h,
            "<dt>Format</dt><dd>{}</dd>",
            report.format.as_str().to_uppercase()
        );
        h.push_str("<dt>Checked against</dt><dd>");
        if report.compacts.is_empty() {
            h.push_str("no compact");
        }
        for (i, c) in report.compacts.iter().enumerate() {
            if i > 0 {
                h.push_str("; ");
            }
            let _ = write!(h, "{} ({})", escape(&c.title), escape(&c.version));
        }
        h.push_str("</dd>\n");
        let (errors, warnings) = problem_counts(report);
        let _ = writeln!(
            h,
            "<dt>Result</dt><dd>{}, {}</dd>",
            plural(errors, "error"),
            plural(warnings, "warning")
        );
        h.push_str("</dl>\n");
        if !report.warnings.is_empty() {
            h.push_str("<p><strong>Reading notes:</strong></p>\n<ul class=\"warnings\">\n");
            for w in &report.warnings {
                let _ = writeln!(h, "<li>{}</li>", escape(w));
            }
            h.push_str("</ul>\n");
        }

        self.render_summary(h);

        let _ = writeln!(
            h,
            "<h3 id=\"{p}-text\">The document, with findings</h3>\n<div class=\"doc-text\">"
        );
        self.render_text(h);
        h.push_str("</div>\n");

        let unplaced: Vec<&Note<'_>> = self.notes.iter().filter(|n| n.placed.is_none()).collect();
        if !unplaced.is_empty() {
            let _ = writeln!(
                h,
                "<h3 id=\"{p}-unplaced\">Not found in the document</h3>\n<p>These findings have no \
                 place in the text: the draft says nothing that meets the duty.</p>\n\
                 <div class=\"unplaced\">"
            );
            for note in unplaced {
                self.render_note(h, note);
            }
            h.push_str("</div>\n");
        }

        if !report.unchecked.is_empty() {
            let _ = writeln!(
                h,
                "<h3 id=\"{p}-unchecked\">Undertakings to confirm by hand</h3>\n<p>No draft can \
                 show these; a person should confirm them.</p>\n<ul class=\"unchecked\">"
            );
            for u in &report.unchecked {
                let _ = writeln!(
                    h,
                    "<li><strong>{}</strong> ({}): <q>{}</q></li>",
                    escape(&u.id),
                    escape(&u.citation),
                    escape(u.quote.trim())
                );
            }
            h.push_str("</ul>\n");
        }
        h.push_str("</section>\n");
    }

    fn finding_links(&self, notes: &[&Note<'_>]) -> String {
        if notes.is_empty() {
            return "none".to_string();
        }
        notes
            .iter()
            .map(|n| {
                format!(
                    "<a href=\"#{}\">[{}: {}]</a>",
                    self.note_id(n.n),
                    n.n,
                    n.finding.status.as_str()
                )
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn render_summary(&self, h: &mut String) {
        let report = self.report();
        let p = &self.prefix;
        let _ = writeln!(h, "<h3 id=\"{p}-summary\">Summary</h3>");
        if report.themes.is_empty() {
            h.push_str("<p>No theme verdicts.</p>\n");
        } else {
            h.push_str(
                "<table class=\"summary\">\n<caption>Verdict for each theme</caption>\n<thead><tr>\
                 <th scope=\"col\">Theme</th><th scope=\"col\">Verdict</th>\
                 <th scope=\"col\">Stated / required</th>\
                 <th scope=\"col\">Findings</th></tr></thead>\n<tbody>\n",
            );
            for (theme, findings) in findings_by_theme(report) {
                let Some(verdict) = report.theme(theme) else {
                    continue;
                };
                let notes: Vec<&Note<'_>> = self
                    .notes
                    .iter()
                    .filter(|n| findings.iter().any(|f| std::ptr::eq(*f, n.finding)))
                    .collect();
                let _ = writeln!(
                    h,
                    "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td></tr>",
                    escape(theme.title()),
                    badge(verdict.status),
                    period_cell(verdict.days, verdict.required_days),
                    self.finding_links(&notes)
                );
            }
            h.push_str("</tbody>\n</table>\n");
        }

        // Per undertaking: the worst status among the findings citing it.
        let mut rows: Vec<(&UndertakingRef, Vec<&Note<'_>>)> = Vec::new();
        for note in &self.notes {
            for u in &note.finding.undertakings {
                match rows.iter_mut().find(|(seen, _)| seen.id == u.id) {
                    Some((_, notes)) => notes.push(note),
                    None => rows.push((u, vec![note])),
                }
            }
        }
        if rows.is_empty() {
            return;
        }
        h.push_str(
            "<table class=\"summary\">\n<caption>Undertakings cited, with the worst finding \
             against each</caption>\n<thead><tr><th scope=\"col\">Undertaking</th>\
             <th scope=\"col\">Status</th><th scope=\"col\">Findings</th></tr></thead>\n\
             <tbody>\n",
        );
        for (u, notes) in rows {
            let worst = notes
                .iter()
                .map(|n| n.finding.status)
                .max_by_key(|s| s.rank())
                .unwrap_or(Status::NotApplicable);
            let mut themes: Vec<&str> = Vec::new();
            for title in notes.iter().map(|n| n.finding.theme.title()) {
                if !themes.contains(&title) {
                    themes.push(title);
                }
            }
            let _ = writeln!(
                h,
                "<tr><th scope=\"row\"><a href=\"#{}\">{}</a><br>\
                 <span class=\"citation\">{} ({})</span></th><td>{}</td><td>{}</td></tr>",
                escape(&undertaking_anchor(&u.id)),
                escape(&u.id),
                escape(&u.citation),
                escape(&themes.join(", ").to_lowercase()),
                badge(worst),
                self.finding_links(&notes)
            );
        }
        h.push_str("</tbody>\n</table>\n");
    }

    fn render_text(&self, h: &mut String) {
        let document = self.checked.document;
        let mut marks = 0usize;
        let mut heading = HeadingLevels::new(document);
        for unit in units(document) {
            match unit {
                Unit::Single(i) => {
                    let Some(block) = document.blocks.get(i) else {
                        continue;
                    };
                    let notes = self.notes_in(i);
                    if !block.kind.is_body() && notes.is_empty() {
                        continue;
                    }
                    let inline = self.inline(block, &notes, &mut marks);
                    let content = match &block.kind {
                        BlockKind::Heading { level } => {
                            let l = heading.next(*level);
                            format!("<h{l}>{inline}</h{l}>")
                        }
                        BlockKind::Footnote { label } => format!(
                            "<p class=\"footnote\"><span class=\"label\">Footnote {}:</span> {inline}</p>",
                            escape(label)
                        ),
                        BlockKind::Endnote { label } => format!(
                            "<p class=\"footnote\"><span class=\"label\">Endnote {}:</span> {inline}</p>",
                            escape(label)
                        ),
                        BlockKind::Header => format!(
                            "<p class=\"running\"><span class=\"label\">Running header:</span> {inline}</p>"
                        ),
                        BlockKind::Footer => format!(
                            "<p class=\"running\"><span class=\"label\">Running footer:</span> {inline}</p>"
                        ),
                        _ => format!("<p>{inline}</p>"),
                    };
                    self.row(h, &content, &notes);
                }
                Unit::List(items) => self.render_list(h, &items, &mut marks),
                Unit::Table(table, cells) => self.render_table(h, table, &cells, &mut marks),
            }
        }
    }

    /// A row of the two-column layout: the text, and the notes beside it.
    fn row(&self, h: &mut String, content: &str, notes: &[&Note<'_>]) {
        h.push_str("<div class=\"row\"><div class=\"text\">");
        h.push_str(content);
        h.push_str("</div>");
        self.notes_column(h, notes);
        h.push_str("</div>\n");
    }

    fn notes_column(&self, h: &mut String, notes: &[&Note<'_>]) {
        if notes.is_empty() {
            return;
        }
        h.push_str("<div class=\"notes\">");
        for note in notes {
            self.render_note(h, note);
        }
        h.push_str("</div>");
    }

    fn render_list(&self, h: &mut String, items: &[usize], marks: &mut usize) {
        let document = self.checked.document;
        let mut depth = 0usize;
        for &i in items {
            let Some(block) = document.blocks.get(i) else {
                continue;
            };
            let (level, label) = match &block.kind {
                BlockKind::ListItem { level, label } => (*level as usize, label.as_str()),
                _ => (0, ""),
            };
            if depth == 0 {
                h.push_str("<ul class=\"doc-list\">\n");
                depth = 1;
            } else {
                let target = (level + 1).min(depth + 1);
                if target > depth {
                    h.push_str("<ul>\n");
                    depth += 1;
                } else {
                    h.push_str("</li>\n");
                    while depth > target {
                        h.push_str("</ul></li>\n");
                        depth -= 1;
                    }
                }
            }
            let notes = self.notes_in(i);
            let inline = self.inline(block, &notes, marks);
            h.push_str("<li class=\"row\"><div class=\"text\">");
            if !label.is_empty() {
                let _ = write!(h, "<span class=\"label\">{}</span> ", escape(label));
            }
            h.push_str(&inline);
            h.push_str("</div>");
            self.notes_column(h, &notes);
        }
        if depth > 0 {
            h.push_str("</li>\n");
            while depth > 1 {
                h.push_str("</ul></li>\n");
                depth -= 1;
            }
            h.push_str("</ul>\n");
        }
    }

    fn render_table(&self, h: &mut String, table: u32, cells: &[usize], marks: &mut usize) {
        let document = self.checked.document;
        let mut rows: BTreeMap<u32, Vec<(u32, usize)>> = BTreeMap::new();
        for &i in cells {
            if let Some(BlockKind::TableCell { row, column, .. }) =
                document.blocks.get(i).map(|b| &b.kind)
            {
                rows.entry(*row).or_default().push((*column, i));
            }
        }
        let mut notes: Vec<&Note<'_>> = Vec::new();
        let mut t = String::new();
        let _ = writeln!(
            t,
            "<table class=\"doc-table\">\n<caption>Table {table}</caption>"
        );
        let header_row = rows.keys().next().copied().filter(|_| rows.len() > 1);
        let mut in_body = false;
        for (row, mut row_cells) in rows {
            row_cells.sort_by_key(|(column, _)| *column);
            let is_header = Some(row) == header_row;
            if is_header {
                t.push_str("<thead>");
            } else if !in_body {
                t.push_str("<tbody>\n");
                in_body = true;
            }
            t.push_str("<tr>");
            for (_, i) in row_cells {
                let Some(block) = document.blocks.get(i) else {
                    continue;
                };
                let cell_notes = self.notes_in(i);
                let inline = self.inline(block, &cell_notes, marks);
                notes.extend(cell_notes);
                if is_header {
                    let _ = write!(t, "<th scope=\"col\">{inline}</th>");
                } else {
                    let _ = write!(t, "<td>{inline}</td>");
                }
            }
            t.push_str("</tr>");
            t.push_str(if is_header { "</thead>\n" } else { "\n" });
        }
        if in_body {
            t.push_str("</tbody>\n");
        }
        t.push_str("</table>");
        self.row(h, &t, &notes);
    }

    /// A block's text, escaped, with each finding's evidence in a `<mark>` (decisive words
    /// in `<strong>`) followed by its `[n: status]` link. Overlapping findings split the
    /// text into segments so marks never nest; each mark lists the findings it belongs to
    /// in `data-findings`.
    fn inline(&self, block: &Block, notes: &[&Note<'_>], marks: &mut usize) -> String {
        let text = block.text.as_str();
        let len = text.len();
        struct Span {
            n: usize,
            status: Status,
            start: usize,
            end: usize,
            terms: Option<(usize, usize)>,
        }
        let spans: Vec<Span> = notes
            .iter()
            .filter_map(|note| {
                let placed = note.placed?;
                let (start, end) = (placed.start.min(len), placed.end.min(len));
                let terms = text.get(start..end).and_then(|evidence| {
                    terms_range(evidence, note.finding.evidence_terms.as_deref())
                        .map(|r| (start + r.start, start + r.end))
                });
                Some(Span {
                    n: note.n,
                    status: note.finding.status,
                    start,
                    end,
                    terms,
                })
            })
            .collect();

        let mut points: Vec<usize> = vec![0, len];
        for s in &spans {
            points.extend([s.start, s.end]);
            if let Some((a, b)) = s.terms {
                points.extend([a, b]);
            }
        }
        points.sort_unstable();
        points.dedup();

        let mut out = String::with_capacity(len + 64);
        let mut open: Option<Vec<usize>> = None;
        let refs_at = |out: &mut String, at: usize| {
            for s in spans.iter().filter(|s| s.end == at) {
                let _ = write!(
                    out,
                    "<a class=\"ref s-{status}\" id=\"{p}-ref-{n}\" href=\"#{note}\">[{n}: {status}]</a>",
                    status = s.status.as_str(),
                    p = self.prefix,
                    n = s.n,
                    note = self.note_id(s.n),
                );
            }
        };
        refs_at(&mut out, 0);
        for pair in points.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            let Some(piece) = text.get(a..b) else {
                continue;
            };
            let covering: Vec<&Span> = spans
                .iter()
                .filter(|s| s.start <= a && b <= s.end && s.start < s.end)
                .collect();
            let set: Vec<usize> = covering.iter().map(|s| s.n).collect();
            if open.as_ref() != Some(&set) {
                if open.take().is_some() {
                    out.push_str("</mark>");
                }
                if !set.is_empty() {
                    *marks += 1;
                    let worst = covering
                        .iter()
                        .map(|s| s.status)
                        .max_by_key(|s| s.rank())
                        .unwrap_or(Status::Met);
                    let list: Vec<String> = set.iter().map(|n| n.to_string()).collect();
                    let _ = write!(
                        out,
                        "<mark class=\"s-{}\" id=\"{}-mark-{}\" data-findings=\"{}\">",
                        worst.as_str(),
                        self.prefix,
                        marks,
                        list.join(" ")
                    );
                    open = Some(set);
                }
            }
            let strong = covering
                .iter()
                .any(|s| s.terms.is_some_and(|(ta, tb)| ta <= a && b <= tb));
            if strong {
                out.push_str("<strong>");
            }
            out.push_str(&escape(piece).replace('\n', "<br>\n"));
            if strong {
                out.push_str("</strong>");
            }
            // Close the mark where any finding ends, then put that finding's marker.
            let ends_here = spans.iter().any(|s| s.end == b && s.start < s.end);
            if (ends_here || b == len) && open.take().is_some() {
                out.push_str("</mark>");
            }
            refs_at(&mut out, b);
        }
        out
    }

    fn render_note(&self, h: &mut String, note: &Note<'_>) {
        let f = note.finding;
        let severity = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "no action needed",
        };
        let _ = write!(
            h,
            "<aside class=\"note s-{status}\" id=\"{id}\">\
             <p class=\"note-head\"><span class=\"marker\">[{n}]</span> {badge} \
             <span class=\"severity\">{severity}</span> · {theme}</p>\n<p>{message}</p>\n",
            status = f.status.as_str(),
            id = self.note_id(note.n),
            n = note.n,
            badge = badge(f.status),
            theme = escape(f.theme.title()),
            message = escape(&f.message),
        );
        match (note.placed, f.location.as_ref()) {
            (Some(_), Some(location)) => {
                let _ = writeln!(
                    h,
                    "<p class=\"where\">{}.</p>",
                    escape(&capitalise(&location_words(location)))
                );
            }
            _ => {
                if let Some(evidence) = f.evidence.as_deref().filter(|e| !e.trim().is_empty()) {
                    let _ = writeln!(h, "<blockquote><p>{}</p></blockquote>", escape(evidence));
                }
            }
        }
        match (f.days, f.required_days) {
            (Some(days), Some(required)) => {
                let _ = writeln!(
                    h,
                    "<p>{} stated; {} required.</p>",
                    days_label(days),
                    days_label(required)
                );
            }
            (None, Some(required)) => {
                let _ = writeln!(h, "<p>{} required.</p>", days_label(required));
            }
            (Some(days), None) => {
                let _ = writeln!(h, "<p>{} stated.</p>", days_label(days));
            }
            (None, None) => {}
        }
        for u in &f.undertakings {
            let _ = writeln!(
                h,
                "<p class=\"cite\">Compact: <a href=\"#{}\">{}</a>, {}.</p>",
                escape(&undertaking_anchor(&u.id)),
                escape(&u.id),
                escape(&u.citation)
            );
        }
        if let Some(suggestion) = suggestion_line(f) {
            let _ = writeln!(
                h,
                "<p class=\"suggestion\"><strong>Suggestion:</strong> {}</p>",
                escape(&suggestion)
            );
        }
        if note.placed.is_some() {
            let _ = writeln!(
                h,
                "<p class=\"back\"><a href=\"#{}-ref-{}\">Back to finding {} in the text</a></p>",
                self.prefix, note.n, note.n
            );
        }
        h.push_str("</aside>\n");
    }
}

/// Where a finding sits in the text, if its location is valid: the block holding its start,
/// and the range clamped to that block.
fn place(document: &Document, finding: &Finding) -> Option<Placed> {
    let span = valid_span(document, finding.location.as_ref()?)?;
    let index = document.block_at(span.start);
    let block = document.blocks.get(index)?;
    let start = span
        .start
        .saturating_sub(block.span.start)
        .min(block.text.len());
    let end = span
        .end
        .saturating_sub(block.span.start)
        .clamp(start, block.text.len());
    if !block.text.is_char_boundary(start) || !block.text.is_char_boundary(end) {
        return None;
    }
    Some(Placed {
        block: index,
        start,
        end,
    })
}

/// The fragment id of an undertaking's entry in the "Undertakings cited" section.
fn undertaking_anchor(id: &str) -> String {
    format!("undertaking-{}", id.replace(char::is_whitespace, "-"))
}

fn badge(status: Status) -> String {
    format!(
        "<span class=\"badge s-{}\">{}</span>",
        status.as_str(),
        status_title(status)
    )
}

/// "42 / 84 days", "— / 90 days", "84 days / —": narrow enough for a phone's table; the
/// notes give weeks and months too.
fn period_cell(days: Option<u32>, required: Option<u32>) -> String {
    let unit = |d: u32| if d == 1 { "day" } else { "days" };
    match (days, required) {
        (Some(d), Some(r)) => format!("{d} / {r} {}", unit(r)),
        (None, Some(r)) => format!("— / {r} {}", unit(r)),
        (Some(d), None) => format!("{d} {} / —", unit(d)),
        (None, None) => "—".to_string(),
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Every undertaking cited by any finding, once, in order of first citation, with the
/// notes that cite it.
fn cited_undertakings<'a>(
    docs: &'a [DocView<'a>],
) -> Vec<(&'a UndertakingRef, Vec<(&'a DocView<'a>, usize)>)> {
    let mut out: Vec<(&UndertakingRef, Vec<(&DocView<'_>, usize)>)> = Vec::new();
    for d in docs {
        for note in &d.notes {
            for u in &note.finding.undertakings {
                match out.iter_mut().find(|(seen, _)| seen.id == u.id) {
                    Some((_, by)) => by.push((d, note.n)),
                    None => out.push((u, vec![(d, note.n)])),
                }
            }
        }
    }
    out
}

fn render_undertakings(h: &mut String, cited: &[(&UndertakingRef, Vec<(&DocView<'_>, usize)>)]) {
    h.push_str(
        "<section class=\"undertakings\" aria-labelledby=\"undertakings\">\n\
         <h2 id=\"undertakings\">Undertakings cited</h2>\n",
    );
    for (u, by) in cited {
        let _ = write!(
            h,
            "<div class=\"undertaking\" id=\"{}\">\n<h3>{}</h3>\n<p class=\"citation\">{}</p>\n\
             <blockquote><p>{}</p></blockquote>\n<p>Cited by: ",
            escape(&undertaking_anchor(&u.id)),
            escape(&u.id),
            escape(&u.citation),
            escape(u.quote.trim())
        );
        let links: Vec<String> = by
            .iter()
            .map(|(d, n)| {
                format!(
                    "<a href=\"#{}\">finding {n} in {}</a>",
                    d.note_id(*n),
                    escape(&d.checked.report.path)
                )
            })
            .collect();
        h.push_str(&links.join(", "));
        h.push_str(".</p>\n</div>\n");
    }
    h.push_str("</section>\n");
}

/// How blocks are grouped for display.
enum Unit {
    Single(usize),
    /// A run of consecutive list items.
    List(Vec<usize>),
    /// A run of consecutive cells of one table.
    Table(u32, Vec<usize>),
}

fn units(document: &Document) -> Vec<Unit> {
    let mut out: Vec<Unit> = Vec::new();
    for (i, block) in document.blocks.iter().enumerate() {
        match (&block.kind, out.last_mut()) {
            (BlockKind::ListItem { .. }, Some(Unit::List(items))) => items.push(i),
            (BlockKind::ListItem { .. }, _) => out.push(Unit::List(vec![i])),
            (BlockKind::TableCell { table, .. }, Some(Unit::Table(current, cells)))
                if table == current =>
            {
                cells.push(i)
            }
            (BlockKind::TableCell { table, .. }, _) => out.push(Unit::Table(*table, vec![i])),
            _ => out.push(Unit::Single(i)),
        }
    }
    out
}

/// Maps the document's heading levels to HTML levels below the page's own h3, never
/// skipping a level on the way down.
struct HeadingLevels {
    base: u8,
    previous: u8,
}

impl HeadingLevels {
    fn new(document: &Document) -> Self {
        let base = document
            .blocks
            .iter()
            .filter_map(|b| match b.kind {
                BlockKind::Heading { level } => Some(level),
                _ => None,
            })
            .min()
            .unwrap_or(0);
        HeadingLevels { base, previous: 3 }
    }

    fn next(&mut self, level: u8) -> u8 {
        let wanted = 4u8.saturating_add(level.saturating_sub(self.base)).min(6);
        let level = wanted.min(self.previous + 1).max(4);
        self.previous = level;
        level
    }
}

// ---------------------------------------------------------------------------------------
// Colours and the stylesheet. Each text colour is checked against its background in the
// tests (WCAG 2.1 AA: at least 4.5:1).
// ---------------------------------------------------------------------------------------

const TEXT: &str = "#1b1b1b";
const BACKGROUND: &str = "#ffffff";
const MUTED: &str = "#4b4b4b";
const LINK: &str = "#1a4f8b";
const RULE: &str = "#767676";
const PANEL: &str = "#f3f3f3";
const FOCUS_BG: &str = "#ffdd00";
const FOCUS_TEXT: &str = "#0b0c0c";
/// (status class, background, text, border) for badges, marks and notes; the annex
/// borrows them through its status classes.
const STATUS_COLOURS: [(&str, &str, &str, &str); 6] = [
    ("short", "#fde4e4", "#8b1a1a", "#b3261e"),
    ("conflict", "#fde4e4", "#8b1a1a", "#b3261e"),
    ("missing", "#fff2c7", "#6b4a00", "#946a00"),
    ("weak", "#fff2c7", "#6b4a00", "#946a00"),
    ("met", "#e2f3e7", "#1d5c31", "#2e7d46"),
    ("not-applicable", "#ececec", "#3b3b3b", "#767676"),
];

/// The page's stylesheet; the compliance annex page uses it too (`render::annex::html`).
pub(crate) fn stylesheet() -> String {
    let mut css = format!(
        ":root {{ color-scheme: light; }}
* {{ box-sizing: border-box; }}
body {{ margin: 0; font-family: system-ui, -apple-system, \"Segoe UI\", Roboto, Arial, sans-serif; font-size: 1rem; line-height: 1.5; color: {TEXT}; background: {BACKGROUND}; }}
.wrap {{ max-width: 82rem; margin: 0 auto; padding: 0 1rem; }}
.skip {{ position: absolute; left: 0.5rem; top: -4rem; padding: 0.5rem 1rem; background: {FOCUS_BG}; color: {FOCUS_TEXT}; z-index: 10; }}
.skip:focus {{ top: 0.5rem; }}
.banner {{ border-bottom: 4px solid {TEXT}; padding: 0.75rem 0; }}
.banner p {{ margin: 0; font-size: 1.125rem; }}
.brand {{ font-weight: 700; }}
nav {{ background: {PANEL}; border-bottom: 1px solid {RULE}; }}
nav ul {{ margin: 0; padding: 0.5rem 0 0.5rem 1.25rem; }}
main {{ padding: 1rem 0 2rem; }}
main:focus {{ outline: none; }}
h1 {{ font-size: 2rem; line-height: 1.2; margin: 0.5rem 0 1rem; }}
h2 {{ font-size: 1.5rem; margin: 2.5rem 0 0.75rem; border-top: 2px solid {TEXT}; padding-top: 1rem; overflow-wrap: break-word; }}
h3 {{ font-size: 1.25rem; margin: 2rem 0 0.75rem; }}
.lead {{ max-width: 48rem; }}
.example {{ font-weight: 700; }}
a {{ color: {LINK}; text-underline-offset: 0.15em; }}
a:focus, a:focus-visible {{ outline: 3px solid transparent; background: {FOCUS_BG}; color: {FOCUS_TEXT}; box-shadow: 0 -2px {FOCUS_BG}, 0 4px {FOCUS_TEXT}; text-decoration: none; }}
.facts {{ display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin: 0 0 1rem; }}
.facts dt {{ font-weight: 700; }}
.facts dd {{ margin: 0; }}
table {{ border-collapse: collapse; width: 100%; margin: 0.5rem 0 1.5rem; }}
caption {{ text-align: left; font-weight: 700; padding: 0.25rem 0; }}
th, td {{ text-align: left; vertical-align: top; padding: 0.4rem 0.6rem; border: 1px solid {RULE}; overflow-wrap: break-word; }}
thead th {{ background: {PANEL}; }}
.summary a {{ display: inline-block; min-height: 24px; min-width: 24px; line-height: 24px; margin: 1px 0; }}
.badge {{ display: inline-block; padding: 0 0.4em; border: 1px solid; border-radius: 0.25rem; font-weight: 700; white-space: nowrap; }}
.doc-text {{ border-top: 1px solid {RULE}; padding-top: 0.5rem; }}
.row {{ display: grid; grid-template-columns: minmax(0, 48rem) minmax(16rem, 26rem); justify-content: start; gap: 0 2rem; align-items: start; }}
.row > .text {{ grid-column: 1; min-width: 0; }}
.row > .notes {{ grid-column: 2; }}
.row > ul {{ grid-column: 1 / -1; }}
.doc-text h4, .doc-text h5, .doc-text h6 {{ margin: 1.25rem 0 0.5rem; font-size: 1.125rem; }}
.doc-text p {{ margin: 0.5rem 0; }}
.doc-list, .doc-list ul {{ list-style: none; margin: 0; padding: 0; }}
.doc-list ul {{ padding-left: 1.5rem; }}
.doc-list .text {{ padding: 0.25rem 0; }}
.label {{ font-weight: 700; margin-right: 0.35em; }}
.running, .footnote {{ color: {MUTED}; font-size: 0.9375rem; }}
.doc-table caption {{ font-weight: 700; }}
mark {{ color: {TEXT}; padding: 0.1em 0; border-bottom: 3px solid; }}
mark strong {{ text-decoration: underline; text-decoration-thickness: 2px; }}
.ref {{ font-weight: 700; white-space: nowrap; margin-left: 0.2em; }}
.note {{ background: {PANEL}; border-left: 0.4rem solid {RULE}; padding: 0.5rem 0.75rem; margin: 0.5rem 0 0.75rem; font-size: 0.9375rem; }}
.note p {{ margin: 0.3rem 0; }}
.note blockquote {{ margin: 0.3rem 0 0.3rem 0.5rem; }}
.note-head .marker {{ font-weight: 700; }}
.note-head .severity {{ font-weight: 700; }}
.unplaced .note {{ max-width: 48rem; }}
.undertaking {{ border-top: 1px solid {RULE}; margin-top: 1rem; }}
.undertaking h3 {{ margin: 1rem 0 0.25rem; }}
.citation {{ margin: 0; color: {MUTED}; font-weight: 400; }}
blockquote {{ margin: 0.5rem 0 0.5rem 1rem; padding-left: 0.75rem; border-left: 3px solid {RULE}; }}
footer {{ border-top: 1px solid {RULE}; padding: 1rem 0 2rem; color: {MUTED}; }}
"
    );
    for (status, background, text, border) in STATUS_COLOURS {
        let _ = writeln!(
            css,
            ".badge.s-{status} {{ background: {background}; color: {text}; border-color: {border}; }}\n\
             mark.s-{status} {{ background: {background}; border-bottom-color: {border}; }}\n\
             .ref.s-{status} {{ color: {text}; }}\n\
             .note.s-{status} {{ border-left-color: {border}; }}"
        );
    }
    css.push_str(
        "@media (max-width: 60rem) {
  .row { display: block; }
  .row > .notes { margin: 0 0 1rem 0.75rem; }
}
@media (max-width: 40rem) {
  .wrap { padding: 0 0.75rem; }
  table { font-size: 0.8125rem; }
  th, td { padding: 0.25rem; }
  .badge { white-space: normal; padding: 0 0.2em; }
}
@media print {
  .skip, nav, .back { display: none; }
  body { font-size: 11pt; }
  .row { display: block; }
  .row > .notes { margin: 0 0 0.5rem 1rem; }
  .note { break-inside: avoid; border: 1px solid #000; border-left-width: 0.4rem; }
  mark, .badge, .note { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; }
  h2, h3, h4 { break-after: avoid; }
}
",
    );
    css
}

/// Relative luminance of a `#rrggbb` colour (WCAG 2).
#[cfg(test)]
fn luminance(hex: &str) -> f64 {
    let channel = |i: usize| {
        let v = u8::from_str_radix(hex.get(i..i + 2).unwrap_or("00"), 16).unwrap_or(0);
        let c = f64::from(v) / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
}

/// WCAG 2 contrast ratio of two `#rrggbb` colours, for the renderers' colour tests.
#[cfg(test)]
pub(crate) fn contrast(a: &str, b: &str) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{BlockKind, ByteSpan, DocumentBuilder, Format};
    use crate::findings::FindingLocation;
    use crate::render::sample;

    fn sample_html() -> String {
        let (document, report) = sample::sample();
        let checked = [Checked {
            report: &report,
            document: &document,
        }];
        render(&checked, &RenderOptions::default())
    }

    /// Every value of `attr="..."` in the page.
    fn attribute_values<'h>(html: &'h str, attr: &str) -> Vec<&'h str> {
        let needle = format!(" {attr}=\"");
        html.match_indices(&needle)
            .filter_map(|(at, _)| {
                let rest = &html[at + needle.len()..];
                rest.find('"').map(|end| &rest[..end])
            })
            .collect()
    }

    #[test]
    fn escaping_covers_markup_and_quotes() {
        assert_eq!(
            escape("<script>alert(\"x\") & 'y'</script>"),
            "&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;"
        );
    }

    #[test]
    fn document_text_is_escaped_in_place() {
        let mut b = DocumentBuilder::new(Format::Text);
        b.push(
            BlockKind::Paragraph,
            "Grants & loans <script>alert(1)</script> end with immediate effect.",
            None,
            Some(1),
        );
        let document = b.finish();
        let (_, mut report) = sample::sample();
        report.path = "<img src=x onerror=alert(1)>.txt".into();
        report.findings.truncate(1);
        let start = document.text().find("end with").unwrap_or(0);
        report.findings[0].location = Some(FindingLocation::of(
            &document,
            ByteSpan::new(start, document.text().len()),
        ));
        report.findings[0].evidence_terms = Some("immediate effect".into());
        let checked = [Checked {
            report: &report,
            document: &document,
        }];
        let html = render(&checked, &RenderOptions::default());
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("Grants &amp; loans &lt;script&gt;alert(1)&lt;/script&gt; "));
        assert!(html.contains("<strong>immediate effect</strong>"), "{html}");
    }

    #[test]
    fn the_page_loads_nothing_from_outside() {
        let html = sample_html();
        assert!(!html.contains("<script"), "no scripts");
        for attr in ["src", "href", "srcset", "poster", "data", "action"] {
            for value in attribute_values(&html, attr) {
                assert!(
                    value.starts_with('#'),
                    "{attr}=\"{value}\" is not a fragment of the page"
                );
            }
        }
        assert!(!html.contains("@import"));
        assert!(!html.contains("url("));
        assert!(!html.contains("<link"));
    }

    #[test]
    fn every_mark_has_a_note_and_every_link_a_target() {
        let html = sample_html();
        let ids = attribute_values(&html, "id");
        let marks = html.matches("<mark ").count();
        assert!(marks >= 4, "{marks} marks");
        let findings = attribute_values(&html, "data-findings");
        assert_eq!(findings.len(), marks, "every mark lists its findings");
        for list in findings {
            for n in list.split(' ') {
                let note = format!("d1-note-{n}");
                assert!(ids.contains(&note.as_str()), "no note {note}");
            }
        }
        for href in attribute_values(&html, "href") {
            let target = href.trim_start_matches('#');
            assert!(ids.contains(&target), "link to missing #{target}");
        }
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), ids.len(), "ids are unique");
    }

    #[test]
    fn the_page_is_structured_for_assistive_technology() {
        let html = sample_html();
        assert!(html.contains("<html lang=\"en-GB\">"));
        assert!(html.contains("<a class=\"skip\" href=\"#main\">"));
        for landmark in [
            "<header",
            "<nav aria-label=",
            "<main id=\"main\"",
            "<footer",
        ] {
            assert!(html.contains(landmark), "{landmark}");
        }
        // Headings never skip a level on the way down.
        let mut previous = 0u8;
        for level in html
            .match_indices("<h")
            .filter_map(|(at, _)| html.as_bytes().get(at + 2).copied())
            .filter(u8::is_ascii_digit)
            .map(|b| b - b'0')
        {
            assert!(level <= previous + 1, "h{level} after h{previous}");
            previous = level;
        }
        assert_eq!(
            html.matches("<table").count(),
            html.matches("<caption>").count()
        );
        assert!(!html.contains("<th>"), "every th has a scope");
        // The table cells came back together as one table with a header row.
        assert!(html.contains("<caption>Table 1</caption>"));
        assert!(html.contains("<th scope=\"col\">Condition</th>"));
        assert!(html.contains("<span class=\"label\">4.1</span>"));
        // The status word is in the text, not only in the colour.
        assert!(html.contains(">[1: short]</a>"));
        assert!(html.contains(">[3: conflict]</a>"));
    }

    #[test]
    fn unplaced_findings_are_listed_with_their_notes() {
        let html = sample_html();
        let unplaced = html
            .split("Not found in the document</h3>")
            .nth(1)
            .unwrap_or_default();
        assert!(unplaced.contains("id=\"d1-note-5\""));
        assert!(unplaced.contains("id=\"d1-note-6\""));
        assert!(html.contains("id=\"undertaking-durham/2.5\""));
    }

    #[test]
    fn overlapping_findings_do_not_nest_marks() {
        let (document, mut report) = sample::sample();
        // A second finding on the same sentence as the first.
        let mut twin = report.findings[0].clone();
        twin.id = "feedback.report-back".into();
        twin.status = Status::Weak;
        twin.evidence_terms = Some("responses can be made".into());
        report.findings.insert(1, twin);
        let checked = [Checked {
            report: &report,
            document: &document,
        }];
        let html = render(&checked, &RenderOptions::default());
        let mut depth = 0i32;
        for (at, _) in html.match_indices("mark") {
            match html.as_bytes().get(at.wrapping_sub(1)) {
                Some(b'<') => depth += 1,
                Some(b'/') => depth -= 1,
                _ => {}
            }
            assert!((0..=1).contains(&depth), "nested or unbalanced marks");
        }
        assert!(html.contains("data-findings=\"1 2\""), "{html}");
    }

    /// Writes the sample pages for the browser check (`tests/browser/run.sh` with no
    /// arguments) into `$COMPACTPROOF_SAMPLE_HTML_DIR`; does nothing when it is unset.
    #[test]
    fn write_sample_pages_for_the_browser_check() {
        let Some(dir) = std::env::var_os("COMPACTPROOF_SAMPLE_HTML_DIR") else {
            return;
        };
        let dir = std::path::PathBuf::from(dir);
        let (document, report) = sample::sample();
        let (plan_document, plan_report) = sample::plan();
        let one = [Checked {
            report: &report,
            document: &document,
        }];
        let two = [
            one[0],
            Checked {
                report: &plan_report,
                document: &plan_document,
            },
        ];
        let options = RenderOptions::default();
        for (name, checked) in [("sample.html", &one[..]), ("two-documents.html", &two[..])] {
            let path = dir.join(name);
            if let Err(e) = std::fs::write(&path, render(checked, &options)) {
                panic!("could not write {}: {e}", path.display());
            }
        }
    }

    #[test]
    fn colours_meet_wcag_aa_contrast() {
        let mut pairs = vec![
            ("text", TEXT, BACKGROUND),
            ("muted", MUTED, BACKGROUND),
            ("link", LINK, BACKGROUND),
            ("text on panel", TEXT, PANEL),
            ("link on panel", LINK, PANEL),
            ("muted on panel", MUTED, PANEL),
            ("focus", FOCUS_TEXT, FOCUS_BG),
        ];
        for (status, background, text, _) in STATUS_COLOURS {
            pairs.push((status, TEXT, background));
            pairs.push((status, text, background));
            pairs.push((status, text, BACKGROUND));
            pairs.push((status, text, PANEL));
        }
        for (what, fg, bg) in pairs {
            let ratio = contrast(fg, bg);
            assert!(ratio >= 4.5, "{what}: {fg} on {bg} is {ratio:.2}:1");
        }
        // Borders that carry status (marks, note edges) are at least 3:1 against white.
        for (status, _, _, border) in STATUS_COLOURS {
            let ratio = contrast(border, BACKGROUND);
            assert!(ratio >= 3.0, "{status} border {border} is {ratio:.2}:1");
        }
    }
}
