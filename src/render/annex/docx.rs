//! The annex as a Word document, built with docx-rs, for attaching to a cabinet report.
//!
//! What Word (and LibreOffice) should see: headings in the built-in "heading 1/2/3" styles,
//! defined in the package's styles part with outline levels so they show as headings in the
//! navigation pane and a table of contents; a real table with borders, fixed column widths
//! and a header row that repeats on every page; and landscape A4 pages, because the table's
//! five columns need more width than a portrait page gives ([`needs_landscape`]). Lists use
//! a real bullet numbering definition. Text is Arial 11 pt, the table 10 pt.
//!
//! docx-rs 0.4.22 has no API for a repeated header row (`w:tblHeader`), so the header row
//! is the only row marked "can't split" and, after docx-rs has rendered the document part,
//! that row's properties get `<w:tblHeader/>` added ([`mark_header_rows`]). A test checks
//! the mark is there exactly once.

use super::{
    date_words, others_placement, status_key, Annex, AnnexError, AnnexStatus, EvidenceLine, Listed,
    Placement, Row, ANNEX_TITLE, PLACE_NOTE,
};
use crate::lexicon::Theme;
use crate::render::word::{
    bordered_table, clean, heading, house_document, A4_LONG, A4_SHORT, BODY_SIZE, BULLETS,
    TABLE_SIZE,
};
use crate::render::{TOOL_NAME, TOOL_VERSION};
use docx_rs::{
    Docx, Footer, IndentLevel, LineSpacing, NumberingId, PageMargin, PageNum, PageOrientationType,
    Paragraph, Run, Shading, ShdType, Style, StyleType, Table, TableCell, TableRow, WidthType,
};

/// A4 in twentieths of a point (twips).
/// 2 cm margins.
const MARGIN: i32 = 1134;
/// The table's columns: heading, width in twips on a landscape page (they add up to the
/// text width), and the least width each needs to stay readable.
const COLUMNS: [(&str, usize, usize); 5] = [
    ("Undertaking", 3400, 2600),
    ("Requirement", 2400, 2000),
    ("Status", 1150, 1100),
    ("Evidence", 4220, 3200),
    ("Action needed", 3400, 2600),
];

/// Render the annex as the bytes of a .docx file.
pub fn render(annex: &Annex) -> Result<Vec<u8>, AnnexError> {
    let minimum: usize = COLUMNS.iter().map(|(_, _, least)| least).sum();
    let landscape = needs_landscape(minimum);
    let (width, height) = if landscape {
        (A4_LONG, A4_SHORT)
    } else {
        (A4_SHORT, A4_LONG)
    };
    let text_width = (width as usize).saturating_sub(2 * MARGIN as usize);
    let mut docx = house_document(BODY_SIZE)
        .page_size(width, height)
        .page_orient(if landscape {
            PageOrientationType::Landscape
        } else {
            PageOrientationType::Portrait
        })
        .page_margin(
            PageMargin::new()
                .top(MARGIN)
                .bottom(MARGIN)
                .left(MARGIN)
                .right(MARGIN)
                .header(567)
                .footer(567),
        )
        .add_style(
            Style::new("Footer", StyleType::Paragraph)
                .name("footer")
                .size(18),
        )
        .footer(
            Footer::new().add_paragraph(
                Paragraph::new()
                    .add_run(Run::new().add_text(clean(&format!(
                        "{ANNEX_TITLE}: {}. Page ",
                        annex.source.name
                    ))))
                    .add_page_num(PageNum::new())
                    .style("Footer"),
            ),
        )
        .created_at(&format!("{}T00:00:00Z", annex.checked_on))
        .updated_at(&format!("{}T00:00:00Z", annex.checked_on));

    docx = docx
        .add_paragraph(heading(1, ANNEX_TITLE))
        .add_paragraph(para(&annex.purpose_sentence()));
    for (label, value) in facts(annex) {
        docx = docx.add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_text(format!("{label}: ")).bold())
                .add_run(Run::new().add_text(clean(&value)))
                .line_spacing(LineSpacing::new().after(60)),
        );
    }

    docx = docx
        .add_paragraph(heading(2, "Undertakings that apply to the draft"))
        .add_paragraph(para(&annex.summary_sentence()));
    let others = annex.others_sentence();
    let others_in = others_placement(annex);
    if let (Some(sentence), Placement::Applies) = (&others, others_in) {
        docx = docx.add_paragraph(para(sentence));
    }
    if !annex.rows.is_empty() {
        for (status, meaning) in status_key() {
            docx = docx.add_paragraph(
                Paragraph::new()
                    .add_run(Run::new().add_text(format!("{}: ", status.title())).bold())
                    .add_run(Run::new().add_text(clean(meaning)))
                    .numbering(NumberingId::new(BULLETS), IndentLevel::new(0))
                    .line_spacing(LineSpacing::new().after(60)),
            );
        }
        docx = docx
            .add_paragraph(para(PLACE_NOTE).line_spacing(LineSpacing::new().before(120).after(120)))
            .add_table(table(annex, text_width));
    }

    if !annex.not_applicable.is_empty() {
        docx = docx
            .add_paragraph(heading(2, "Undertakings that do not apply to this draft"))
            .add_paragraph(para(
                "These undertakings can be checked in a draft, but nothing in this one \
                 engages them.",
            ));
        if let (Some(sentence), Placement::NotApplicable) = (&others, others_in) {
            docx = docx.add_paragraph(para(sentence));
        }
        docx = groups(docx, &annex.not_applicable);
    }
    if !annex.unchecked.is_empty() {
        docx = docx
            .add_paragraph(heading(2, "Undertakings to confirm by hand"))
            .add_paragraph(para(
                "No draft can show whether these are kept. The report author, or the officer \
                 responsible for the Compact, should confirm each one that is relevant.",
            ));
        if let (Some(sentence), Placement::Confirm) = (&others, others_in) {
            docx = docx.add_paragraph(para(sentence));
        }
        docx = groups(docx, &annex.unchecked);
    }

    docx = docx
        .add_paragraph(heading(2, "Compact implications"))
        .add_paragraph(para(
            "For the \u{201c}Reasons for the decision\u{201d} section of the report:",
        ))
        .add_paragraph(para(&annex.implications).indent(Some(567), None, Some(567), None))
        .add_paragraph(
            Paragraph::new()
                .add_run(
                    Run::new()
                        .add_text(format!(
                            "Made by {TOOL_NAME} {TOOL_VERSION}. It quotes the draft and the \
                             Compact; it does not replace reading them."
                        ))
                        .size(18)
                        .italic(),
                )
                .line_spacing(LineSpacing::new().before(240)),
        );

    let mut xml = docx.build();
    xml.document = mark_header_rows(&xml.document);
    let mut bytes = std::io::Cursor::new(Vec::new());
    xml.pack(&mut bytes)
        .map_err(|e| AnnexError::Docx(e.to_string()))?;
    Ok(bytes.into_inner())
}

/// True when a table needing `table_width` twips does not fit between the margins of a
/// portrait A4 page.
pub fn needs_landscape(table_width: usize) -> bool {
    table_width > (A4_SHORT as usize).saturating_sub(2 * MARGIN as usize)
}

/// The XML docx-rs writes for the header row's properties, and what it becomes.
const HEADER_ROW_PROPERTIES: &str = "<w:trPr><w:cantSplit /></w:trPr>";
const REPEATED_HEADER_ROW_PROPERTIES: &str = "<w:trPr><w:cantSplit /><w:tblHeader /></w:trPr>";

/// Mark header rows (the only rows docx-rs wrote as "can't split") to repeat on every page.
fn mark_header_rows(document: &[u8]) -> Vec<u8> {
    match std::str::from_utf8(document) {
        Ok(xml) => xml
            .replace(HEADER_ROW_PROPERTIES, REPEATED_HEADER_ROW_PROPERTIES)
            .into_bytes(),
        Err(_) => document.to_vec(),
    }
}

fn para(text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(Run::new().add_text(clean(text)))
        .line_spacing(LineSpacing::new().after(120))
}

fn facts(annex: &Annex) -> Vec<(&'static str, String)> {
    let mut out = vec![
        ("Document", annex.source.name.clone()),
        (
            "Last modified",
            annex
                .source
                .modified
                .map_or_else(|| "not known".to_string(), date_words),
        ),
        ("SHA-256", annex.source.sha256.clone()),
    ];
    let label = if annex.compacts.len() == 1 {
        "Compact"
    } else {
        "Compacts"
    };
    if annex.compacts.is_empty() {
        out.push((label, "none selected".into()));
    }
    for compact in &annex.compacts {
        out.push((
            label,
            format!("{} (version: {})", compact.title, compact.version),
        ));
    }
    out.push(("Date of check", date_words(annex.checked_on)));
    out.push(("Checked with", format!("{TOOL_NAME} {TOOL_VERSION}")));
    for note in &annex.reading_notes {
        out.push(("Reading note", note.clone()));
    }
    out
}

fn table(annex: &Annex, text_width: usize) -> Table {
    let designed: usize = COLUMNS.iter().map(|(_, w, _)| w).sum();
    // Scale the designed widths to the text width (they match on landscape A4).
    let widths: Vec<usize> = COLUMNS
        .iter()
        .map(|(_, w, _)| w * text_width / designed.max(1))
        .collect();
    let header = TableRow::new(
        COLUMNS
            .iter()
            .zip(&widths)
            .map(|((title, _, _), w)| {
                cell(*w)
                    .shading(Shading::new().shd_type(ShdType::Clear).fill("D9D9D9"))
                    .add_paragraph(cell_paragraph(vec![Run::new().add_text(*title).bold()]))
            })
            .collect(),
    )
    .cant_split();
    let mut rows = vec![header];
    rows.extend(annex.rows.iter().map(|row| body_row(row, &widths)));
    bordered_table(rows, widths)
}

fn body_row(row: &Row, widths: &[usize]) -> TableRow {
    let width = |i: usize| widths.get(i).copied().unwrap_or(1000);
    let undertaking = cell(width(0))
        .add_paragraph(cell_paragraph(vec![Run::new()
            .add_text(clean(&row.citation))
            .bold()]))
        .add_paragraph(cell_paragraph(vec![
            Run::new().add_text(clean(&format!("\u{201c}{}\u{201d}", row.quote)))
        ]))
        .add_paragraph(cell_paragraph(vec![Run::new()
            .add_text(clean(&row.id))
            .color("4B4B4B")]));

    let mut requirement = cell(width(1));
    for r in &row.requirements {
        let mut runs = vec![Run::new().add_text(clean(&r.text))];
        if row.requirements.len() > 1 {
            runs.push(Run::new().add_text(": "));
            runs.push(Run::new().add_text(r.status.title()).bold());
        }
        requirement = requirement.add_paragraph(cell_paragraph(runs));
    }
    if row.requirements.is_empty() {
        requirement = requirement.add_paragraph(cell_paragraph(vec![]));
    }

    let status = cell(width(2))
        .shading(
            Shading::new()
                .shd_type(ShdType::Clear)
                .fill(status_fill(row.status)),
        )
        .add_paragraph(cell_paragraph(vec![Run::new()
            .add_text(row.status.title())
            .bold()]));

    let mut evidence = cell(width(3));
    for line in &row.evidence {
        for p in evidence_paragraphs(line) {
            evidence = evidence.add_paragraph(p);
        }
    }
    if row.evidence.is_empty() {
        evidence = evidence.add_paragraph(cell_paragraph(vec![]));
    }

    let mut action = cell(width(4));
    if row.actions.is_empty() {
        action = action.add_paragraph(cell_paragraph(vec![Run::new().add_text("None.")]));
    }
    for a in &row.actions {
        action = action.add_paragraph(cell_paragraph(vec![Run::new().add_text(clean(a))]));
    }
    TableRow::new(vec![undertaking, requirement, status, evidence, action])
}

fn evidence_paragraphs(line: &EvidenceLine) -> Vec<Paragraph> {
    let mut out = Vec::new();
    if let Some(quote) = &line.quote {
        let mut text = format!("\u{201c}{quote}\u{201d}");
        if let Some(place) = &line.place {
            text.push_str(&format!(" ({place})"));
        }
        out.push(cell_paragraph(vec![Run::new().add_text(clean(&text))]));
    }
    out.push(cell_paragraph(vec![Run::new()
        .add_text(clean(&line.note))
        .italic()]));
    out
}

/// The status cell's background: the HTML report's badge colours. The status is always
/// written in words too.
fn status_fill(status: AnnexStatus) -> &'static str {
    match status {
        AnnexStatus::Met => "E2F3E7",
        AnnexStatus::PartlyMet => "FFF2C7",
        AnnexStatus::NotMet => "FDE4E4",
        AnnexStatus::NotApplicable => "ECECEC",
    }
}

fn cell(width: usize) -> TableCell {
    TableCell::new().width(width, WidthType::Dxa)
}

fn cell_paragraph(runs: Vec<Run>) -> Paragraph {
    runs.into_iter()
        .fold(Paragraph::new(), |p, r| p.add_run(r.size(TABLE_SIZE)))
        .line_spacing(LineSpacing::new().after(80))
}

fn groups(mut docx: Docx, groups: &[(Theme, Vec<Listed>)]) -> Docx {
    for (theme, items) in groups {
        docx = docx.add_paragraph(heading(3, theme.title()));
        for item in items {
            docx = docx.add_paragraph(
                Paragraph::new()
                    .add_run(Run::new().add_text(clean(&item.citation)).bold())
                    .add_run(Run::new().add_text(clean(&format!(" ({}): {}", item.id, item.text))))
                    .numbering(NumberingId::new(BULLETS), IndentLevel::new(0))
                    .line_spacing(LineSpacing::new().after(60)),
            );
        }
    }
    docx
}
