//! The house style shared by every Word document compactproof writes (the compliance
//! annex and the drafts): Arial 11 pt, which most councils' accessibility guidance asks
//! for; the built-in "heading 1/2/3" styles with outline levels, so headings show in the
//! navigation pane; and one real bullet list. Each renderer adds its own page set-up.

use docx_rs::{
    AbstractNumbering, BorderType, Docx, Level, LevelJc, LevelText, LineSpacing, NumberFormat,
    Numbering, Paragraph, Run, RunFonts, SpecialIndentType, Start, Style, StyleType, Table,
    TableBorder, TableBorderPosition, TableBorders, TableLayoutType, TableRow, WidthType,
};

/// A4, short and long sides, in twentieths of a point (twips).
pub(crate) const A4_SHORT: u32 = 11906;
pub(crate) const A4_LONG: u32 = 16838;
/// Font sizes in half-points.
pub(crate) const BODY_SIZE: usize = 22;
pub(crate) const TABLE_SIZE: usize = 20;
/// The bullet list's numbering id (docx-rs defines a decimal numbering with id 1 itself).
pub(crate) const BULLETS: usize = 2;

/// A new document in the house style, its third-level headings set at `heading3_size`
/// half-points.
pub(crate) fn house_document(heading3_size: usize) -> Docx {
    Docx::new()
        .default_fonts(
            RunFonts::new()
                .ascii("Arial")
                .hi_ansi("Arial")
                .cs("Arial")
                .east_asia("Arial"),
        )
        .default_size(BODY_SIZE)
        .add_style(heading_style(1, 32))
        .add_style(heading_style(2, 26))
        .add_style(heading_style(3, heading3_size))
        .add_abstract_numbering(
            AbstractNumbering::new(BULLETS).add_level(
                Level::new(
                    0,
                    Start::new(1),
                    NumberFormat::new("bullet"),
                    LevelText::new("\u{2022}"),
                    LevelJc::new("left"),
                )
                .indent(
                    Some(360),
                    Some(SpecialIndentType::Hanging(360)),
                    None,
                    None,
                ),
            ),
        )
        .add_numbering(Numbering::new(BULLETS, BULLETS))
}

fn heading_style(level: usize, size: usize) -> Style {
    Style::new(format!("Heading{level}"), StyleType::Paragraph)
        .name(format!("heading {level}"))
        .size(size)
        .bold()
        .outline_lvl(level.saturating_sub(1))
        .line_spacing(
            LineSpacing::new()
                .before(if level == 1 { 0 } else { 300 })
                .after(120),
        )
        .q_format(true)
}

/// A table in the house style: fixed column `widths` (twips), thin grey borders all round
/// and between cells.
pub(crate) fn bordered_table(rows: Vec<TableRow>, widths: Vec<usize>) -> Table {
    let border = |position| {
        TableBorder::new(position)
            .border_type(BorderType::Single)
            .size(4)
            .color("595959")
    };
    Table::new(rows)
        .width(widths.iter().sum(), WidthType::Dxa)
        .set_grid(widths)
        .layout(TableLayoutType::Fixed)
        .set_borders(
            TableBorders::new()
                .set(border(TableBorderPosition::Top))
                .set(border(TableBorderPosition::Left))
                .set(border(TableBorderPosition::Bottom))
                .set(border(TableBorderPosition::Right))
                .set(border(TableBorderPosition::InsideH))
                .set(border(TableBorderPosition::InsideV)),
        )
}

/// A heading paragraph in the house style, kept with the paragraph after it.
pub(crate) fn heading(level: usize, text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(Run::new().add_text(clean(text)))
        .style(&format!("Heading{level}"))
        .keep_next(true)
}

/// `text` without the characters XML 1.0 cannot hold (control characters other than tab
/// and line breaks), which would make Word refuse the file.
pub(crate) fn clean(text: &str) -> String {
    text.chars()
        .filter(|c| {
            matches!(c, '\t' | '\n' | '\r') || (*c >= ' ' && !matches!(c, '\u{FFFE}' | '\u{FFFF}'))
        })
        .collect()
}
