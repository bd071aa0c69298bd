//! A draft as plain text: for an email, or pasting into a template that has its own styles.
//!
//! Titles and section headings are underlined (`=` and `-`, as Setext Markdown does, so the
//! text also reads as Markdown); each paragraph is one line. A two-column table becomes a
//! list ("- Consultation opens: Monday 5 April 2027"); a wider one becomes one block per
//! row, the first cell on its own line and each other cell under it as "Column: value".
//! Both survive any font, and neither runs rows together when the text is read back.

use super::{citation_list, CITATIONS_LABEL};
use crate::draft::{Block, Draft};
use std::fmt::Write as _;

/// Render a draft as plain text, ending with a newline.
pub fn render(draft: &Draft) -> String {
    let mut out = String::with_capacity(4 * 1024);
    if !draft.letter {
        underlined(&mut out, &draft.title, '=');
    }
    for block in &draft.blocks {
        match block {
            Block::Heading(text) => underlined(&mut out, text, '-'),
            Block::Subheading(text) | Block::Paragraph(text) => {
                let _ = writeln!(out, "{text}\n");
            }
            Block::Labelled { label, text } => {
                let _ = writeln!(out, "{label}: {text}\n");
            }
            Block::Lines(lines) => {
                let _ = writeln!(out, "{}\n", lines.join("\n"));
            }
            Block::Bullets(items) => {
                for item in items {
                    let _ = writeln!(out, "- {item}");
                }
                out.push('\n');
            }
            Block::Table { columns, rows } if columns.len() == 2 => {
                // "- Consultation opens: Monday 5 April 2027": a list, because aligned
                // columns are read back (by people pasting, and by `check`) as one run-on
                // paragraph.
                for row in rows {
                    let cell = |i: usize| row.get(i).map_or("", String::as_str);
                    let _ = writeln!(out, "- {}: {}", cell(0), cell(1));
                }
                out.push('\n');
            }
            Block::Table { columns, rows } => {
                for row in rows {
                    let _ = writeln!(out, "{}", row.first().map_or("", String::as_str));
                    for (column, cell) in columns.iter().zip(row).skip(1) {
                        let _ = writeln!(out, "  {column}: {cell}");
                    }
                    out.push('\n');
                }
            }
            Block::Citations(citations) => {
                let _ = writeln!(out, "{CITATIONS_LABEL}: {}\n", citation_list(citations));
            }
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

fn underlined(out: &mut String, text: &str, mark: char) {
    let rule: String = std::iter::repeat_n(mark, text.chars().count().max(3)).collect();
    let _ = writeln!(out, "{text}\n{rule}\n");
}
