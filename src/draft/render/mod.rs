//! Drafts as files: Markdown, plain text or Word, one renderer per file.
//!
//! Every renderer presents the same [`Draft`] and adds nothing of its own but layout, so a
//! draft reads the same in each format; none reads a clock, a file or the environment.
//! Markdown is what `compactproof check` reads back in the tests (`tests/draft.rs`); plain
//! text is for pasting into an email or a template; Word is for the officer's own
//! template, with real heading styles, lists and tables.

pub mod docx;
pub mod markdown;
pub mod text;

use super::{Draft, DraftError};
use std::path::Path;

/// The formats a draft can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DraftFormat {
    Markdown,
    Text,
    Docx,
}

impl DraftFormat {
    /// Every format, in the order `--help` lists them.
    pub const ALL: [DraftFormat; 3] = [DraftFormat::Markdown, DraftFormat::Text, DraftFormat::Docx];

    /// The name used on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            DraftFormat::Markdown => "markdown",
            DraftFormat::Text => "text",
            DraftFormat::Docx => "docx",
        }
    }

    /// The format an output file's extension names: `.md`/`.markdown`, `.txt`/`.text` or
    /// `.docx` (any case); `None` for anything else.
    pub fn from_path(path: &Path) -> Option<DraftFormat> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "md" | "markdown" => Some(DraftFormat::Markdown),
            "txt" | "text" => Some(DraftFormat::Text),
            "docx" => Some(DraftFormat::Docx),
            _ => None,
        }
    }
}

/// Render a draft as the bytes of the file to write. Only Word can fail, and only if the
/// package cannot be assembled.
pub fn render(format: DraftFormat, draft: &Draft) -> Result<Vec<u8>, DraftError> {
    match format {
        DraftFormat::Markdown => Ok(markdown::render(draft).into_bytes()),
        DraftFormat::Text => Ok(text::render(draft).into_bytes()),
        DraftFormat::Docx => docx::render(draft),
    }
}

/// "Compact: County Durham Compact, Outcome 2, undertaking 2.4 (durham/2.4); ..." without
/// the label, as every format writes the list.
pub(crate) fn citation_list(citations: &[super::Citation]) -> String {
    let mut text = citations
        .iter()
        .map(|c| c.to_string())
        .collect::<Vec<_>>()
        .join("; ");
    text.push('.');
    text
}

/// The label a citation paragraph opens with.
pub(crate) const CITATIONS_LABEL: &str = "Compact";

#[cfg(test)]
mod tests;
