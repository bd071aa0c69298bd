//! A draft as a Word document, built with docx-rs, for the officer to paste into the
//! council's template or edit as it is.
//!
//! What Word and LibreOffice should see: the title and headings in the built-in "heading
//! 1/2/3" styles (with outline levels, so they show in the navigation pane), bullets as a
//! real list, tables with borders and a shaded header row, an address as one paragraph
//! with line breaks, and portrait A4 pages with 2.5 cm margins. Text is Arial 11 pt, which
//! most councils' accessibility guidance asks for. The document's dates are the draft's
//! date (or 1 January 1970), never the clock, so the same draft gives the same bytes.

use super::{citation_list, CITATIONS_LABEL};
use crate::draft::{Block, Draft, DraftError};
use crate::render::word::{
    bordered_table, clean, heading, house_document, A4_LONG, A4_SHORT, BULLETS, TABLE_SIZE,
};
use docx_rs::{
    BreakType, IndentLevel, LineSpacing, NumberingId, PageMargin, Paragraph, Run, Shading, ShdType,
    Table, TableCell, TableRow, WidthType,
};

/// 2.5 cm margins.
const MARGIN: i32 = 1417;
/// The citations' font size in half-points.
const CITATION_SIZE: usize = 18;

/// Render a draft as the bytes of a .docx file.
pub fn render(draft: &Draft) -> Result<Vec<u8>, DraftError> {
    let text_width = A4_SHORT as usize - 2 * MARGIN as usize;
    let stamp = format!(
        "{}T00:00:00Z",
        draft
            .dated
            .map_or_else(|| "1970-01-01".to_string(), |d| d.to_string())
    );
    let mut docx = house_document(23)
        .page_size(A4_SHORT, A4_LONG)
        .page_margin(
            PageMargin::new()
                .top(MARGIN)
                .bottom(MARGIN)
                .left(MARGIN)
                .right(MARGIN)
                .header(708)
                .footer(708),
        )
        .created_at(&stamp)
        .updated_at(&stamp);

    if !draft.letter {
        docx = docx.add_paragraph(heading(1, &draft.title));
    }
    for block in &draft.blocks {
        docx = match block {
            Block::Heading(text) => docx.add_paragraph(heading(2, text)),
            Block::Subheading(text) => docx.add_paragraph(heading(3, text)),
            Block::Paragraph(text) => {
                docx.add_paragraph(para(vec![Run::new().add_text(clean(text))]))
            }
            Block::Labelled { label, text } => docx.add_paragraph(para(vec![
                Run::new().add_text(clean(&format!("{label}: "))).bold(),
                Run::new().add_text(clean(text)),
            ])),
            Block::Lines(lines) => {
                let mut run = Run::new();
                for (i, line) in lines.iter().enumerate() {
                    if i > 0 {
                        run = run.add_break(BreakType::TextWrapping);
                    }
                    run = run.add_text(clean(line));
                }
                docx.add_paragraph(para(vec![run]))
            }
            Block::Bullets(items) => items.iter().fold(docx, |docx, item| {
                docx.add_paragraph(
                    Paragraph::new()
                        .add_run(Run::new().add_text(clean(item)))
                        .numbering(NumberingId::new(BULLETS), IndentLevel::new(0))
                        .line_spacing(LineSpacing::new().after(60)),
                )
            }),
            Block::Table { columns, rows } => docx
                .add_table(table(columns, rows, text_width))
                .add_paragraph(Paragraph::new().line_spacing(LineSpacing::new().after(0))),
            Block::Citations(citations) => docx.add_paragraph(para(vec![
                Run::new()
                    .add_text(format!("{CITATIONS_LABEL}: "))
                    .bold()
                    .italic()
                    .size(CITATION_SIZE)
                    .color("4B4B4B"),
                Run::new()
                    .add_text(clean(&citation_list(citations)))
                    .italic()
                    .size(CITATION_SIZE)
                    .color("4B4B4B"),
            ])),
        };
    }

    let mut bytes = std::io::Cursor::new(Vec::new());
    docx.build()
        .pack(&mut bytes)
        .map_err(|e| DraftError::Docx(e.to_string()))?;
    Ok(bytes.into_inner())
}

fn para(runs: Vec<Run>) -> Paragraph {
    runs.into_iter()
        .fold(Paragraph::new(), |p, r| p.add_run(r))
        .line_spacing(LineSpacing::new().after(160))
}

/// A table with borders, fixed column widths (the first column narrower when there are
/// more than two) and a shaded, bold header row.
fn table(columns: &[String], rows: &[Vec<String>], text_width: usize) -> Table {
    let n = columns.len().max(1);
    let widths: Vec<usize> = if n == 2 {
        vec![text_width * 3 / 5, text_width - text_width * 3 / 5]
    } else {
        let first = text_width / (n + 1) * 2;
        let rest = (text_width - first) / (n - 1).max(1);
        std::iter::once(first)
            .chain(std::iter::repeat_n(rest, n - 1))
            .collect()
    };
    let cell = |text: &str, width: usize, header: bool| {
        let run = Run::new().add_text(clean(text)).size(TABLE_SIZE);
        let run = if header { run.bold() } else { run };
        let cell = TableCell::new().width(width, WidthType::Dxa).add_paragraph(
            Paragraph::new()
                .add_run(run)
                .line_spacing(LineSpacing::new().after(60)),
        );
        if header {
            cell.shading(Shading::new().shd_type(ShdType::Clear).fill("D9D9D9"))
        } else {
            cell
        }
    };
    let mut table_rows = vec![TableRow::new(
        columns
            .iter()
            .zip(&widths)
            .map(|(c, w)| cell(c, *w, true))
            .collect(),
    )
    .cant_split()];
    for row in rows {
        table_rows.push(TableRow::new(
            row.iter()
                .zip(&widths)
                .map(|(c, w)| cell(c, *w, false))
                .collect(),
        ));
    }
    bordered_table(table_rows, widths)
}
