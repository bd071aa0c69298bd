//! A draft as Markdown: for a wiki, a pull request on a council's policy repository, or
//! pandoc into the council's own Word template.
//!
//! Every paragraph is one line, so a reader that wraps text does its own wrapping. Square
//! brackets are left alone, because placeholders such as "[to complete]" must read as they
//! are written (CommonMark keeps a bracketed phrase literal unless a link follows); the
//! characters that would start emphasis, code, HTML or a link are escaped, and so is a
//! list or heading marker at the start of a paragraph.

use super::{citation_list, CITATIONS_LABEL};
use crate::draft::{Block, Draft};
use std::fmt::Write as _;

/// Render a draft as Markdown, ending with a newline.
pub fn render(draft: &Draft) -> String {
    let mut out = String::with_capacity(4 * 1024);
    if !draft.letter {
        let _ = writeln!(out, "# {}\n", escape(&draft.title));
    }
    for block in &draft.blocks {
        match block {
            Block::Heading(text) => {
                let _ = writeln!(out, "## {}\n", escape(text));
            }
            Block::Subheading(text) => {
                let _ = writeln!(out, "### {}\n", escape(text));
            }
            Block::Paragraph(text) => {
                let _ = writeln!(out, "{}\n", escape_start(text));
            }
            Block::Labelled { label, text } => {
                let _ = writeln!(out, "**{}:** {}\n", escape(label), escape(text));
            }
            Block::Lines(lines) => {
                // A backslash at the end of a line is CommonMark's hard line break.
                let lines: Vec<String> = lines.iter().map(|l| escape_start(l)).collect();
                let _ = writeln!(out, "{}\n", lines.join("\\\n"));
            }
            Block::Bullets(items) => {
                for item in items {
                    let _ = writeln!(out, "- {}", escape(item));
                }
                out.push('\n');
            }
            Block::Table { columns, rows } => {
                let cells = |row: &[String]| {
                    row.iter()
                        .map(|c| escape(c).replace('|', "\\|"))
                        .collect::<Vec<_>>()
                        .join(" | ")
                };
                let _ = writeln!(out, "| {} |", cells(columns));
                let _ = writeln!(out, "|{}", " --- |".repeat(columns.len()));
                for row in rows {
                    let _ = writeln!(out, "| {} |", cells(row));
                }
                out.push('\n');
            }
            Block::Citations(citations) => {
                let _ = writeln!(
                    out,
                    "**{CITATIONS_LABEL}:** {}\n",
                    escape(&citation_list(citations))
                );
            }
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// Escape the characters that would start inline markup; square brackets stay literal
/// unless a parenthesis follows, which would make a link.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if matches!(c, '\\' | '`' | '*' | '_' | '<' | '>') {
            out.push('\\');
        }
        out.push(c);
        if c == ']' && chars.peek() == Some(&'(') {
            out.push('\\');
        }
    }
    out
}

/// [`escape`], and a marker that would make a paragraph a heading, quote or list item
/// ("# ", "- ", "1. ") escaped too.
fn escape_start(text: &str) -> String {
    let escaped = escape(text);
    let digits = escaped.chars().take_while(|c| c.is_ascii_digit()).count();
    match escaped.chars().next() {
        Some('#' | '-' | '+' | '=') => format!("\\{escaped}"),
        _ if digits > 0 && matches!(escaped[digits..].chars().next(), Some('.' | ')')) => {
            format!("{}\\{}", &escaped[..digits], &escaped[digits..])
        }
        _ => escaped,
    }
}
