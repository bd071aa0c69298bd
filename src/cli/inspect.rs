//! `compactproof inspect`: show what was read from a document.

use super::exit;
use super::output::{warning_line, CliError};
use clap::ValueEnum;
use compactproof::document::{Block, BlockKind, Document};
use compactproof::ingest::{read_path, Limits};
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The document to read (DOCX, PDF, text or Markdown); `-` reads standard input.
    file: PathBuf,
    /// Output format: `text` prints each block, `json` the whole document model.
    #[arg(long, value_enum, default_value_t = InspectFormat::Text)]
    format: InspectFormat,
    /// With `--format text`, print each block's kind and location above it.
    #[arg(long)]
    locations: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum InspectFormat {
    Text,
    Json,
}

pub fn run(args: Args) -> Result<u8, CliError> {
    let document =
        read_path(&args.file, &Limits::default()).map_err(|e| CliError::input(&args.file, e))?;
    for warning in &document.warnings {
        warning_line(&format!("{}: {warning}", args.file.display()));
    }
    let mut out = anstream::stdout().lock();
    match args.format {
        InspectFormat::Json => {
            let json = serde_json::to_string_pretty(&document)
                .map_err(|e| CliError::new(format!("could not serialise the document: {e}")))?;
            writeln!(out, "{json}")?;
        }
        InspectFormat::Text => write_text(&mut out, &document, args.locations)?,
    }
    out.flush()?;
    Ok(exit::CLEAN)
}

fn write_text(out: &mut impl Write, document: &Document, locations: bool) -> std::io::Result<()> {
    for (i, block) in document.blocks.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        if locations {
            writeln!(out, "[{}]", describe(block))?;
        }
        writeln!(out, "{}", display_text(block))?;
    }
    Ok(())
}

/// The block as a reader sees it: headings marked, list labels restored, notes and
/// running text tagged so they are not mistaken for body text.
fn display_text(block: &Block) -> String {
    match &block.kind {
        BlockKind::Heading { level } => {
            format!("{} {}", "#".repeat((*level).max(1) as usize), block.text)
        }
        BlockKind::ListItem { level, label } => {
            let indent = "  ".repeat(*level as usize);
            if label.is_empty() {
                format!("{indent}{}", block.text)
            } else {
                format!("{indent}{label} {}", block.text)
            }
        }
        BlockKind::TableCell { table, row, column } => {
            format!("[table {table}, row {row}, column {column}] {}", block.text)
        }
        BlockKind::Footnote { label } => format!("[footnote {label}] {}", block.text),
        BlockKind::Endnote { label } => format!("[endnote {label}] {}", block.text),
        BlockKind::Header => format!("[header] {}", block.text),
        BlockKind::Footer => format!("[footer] {}", block.text),
        BlockKind::Paragraph => block.text.clone(),
    }
}

fn describe(block: &Block) -> String {
    let mut parts = vec![block.kind.name().to_string()];
    if let Some(page) = block.location.page {
        parts.push(format!("page {page}"));
    }
    if block.location.paragraph > 0 {
        parts.push(format!("paragraph {}", block.location.paragraph));
    }
    if let Some(line) = block.location.line {
        parts.push(format!("line {line}"));
    }
    parts.join(", ")
}
