//! DOCX reading (placeholder until the DOCX reader lands).

use super::{IngestError, Limits};
use crate::document::{Document, Format};

/// Decide what a zip archive is: DOCX, or a zip-based format we do not read.
pub(super) fn classify_zip(bytes: &[u8]) -> Result<Format, IngestError> {
    let reader = std::io::Cursor::new(bytes);
    let archive = zip::ZipArchive::new(reader)
        .map_err(|e| IngestError::Docx(format!("the zip archive is damaged ({e})")))?;
    let names: Vec<String> = archive
        .file_names()
        .filter_map(|n| n.ok().map(|n| n.into_owned()))
        .collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    if names.contains(&"word/document.xml") {
        return Ok(Format::Docx);
    }
    if names.iter().any(|n| n.starts_with("xl/")) {
        return Err(IngestError::Unsupported {
            format: "Excel workbook (.xlsx)",
            advice: "copy the text into a DOCX or text file",
        });
    }
    if names.iter().any(|n| n.starts_with("ppt/")) {
        return Err(IngestError::Unsupported {
            format: "PowerPoint (.pptx)",
            advice: "export it to PDF or copy the text into a DOCX",
        });
    }
    if names.contains(&"content.xml") && names.contains(&"mimetype") {
        return Err(IngestError::Unsupported {
            format: "OpenDocument (.odt)",
            advice: super::CONVERT_ADVICE,
        });
    }
    if names.iter().any(|n| n.starts_with("word/")) || names.contains(&"[Content_Types].xml") {
        return Err(IngestError::Docx(
            "the package has no word/document.xml (the main document part is missing)".into(),
        ));
    }
    Err(IngestError::Unsupported {
        format: "zip archive",
        advice: "unzip it and check the documents inside one by one",
    })
}

pub(super) fn read(_bytes: &[u8], _limits: &Limits) -> Result<Document, IngestError> {
    Err(IngestError::Docx("DOCX reading is not built yet".into()))
}
