//! Reading files into the [`Document`] model.
//!
//! The format is decided from the content (a zip holding `word/document.xml` is DOCX, `%PDF-`
//! is PDF, anything that decodes as text is text or Markdown), with the extension used only
//! to tell Markdown from plain text, and to refuse a file named `.docx` that is no zip (a
//! damaged Word file must not be read as text). Every reader works on bytes already in
//! memory and under [`Limits`], so a hostile file can cost at most a stated amount of memory
//! and time, and no reader ever writes to its input.

pub(crate) mod docx;
mod pdf;
mod text;

pub use text::decode_text;

use crate::document::{Document, Format};
use std::io::Read;
use std::path::Path;
use thiserror::Error;

/// Size limits applied while reading. The defaults suit real council papers (the largest
/// corpus DOCX inflates to a few MB) with a wide margin.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest input file accepted, in bytes.
    pub max_file_bytes: u64,
    /// Largest single part a DOCX package may inflate to, in bytes.
    pub max_part_bytes: u64,
    /// Largest total a DOCX package may inflate to, in bytes.
    pub max_unpacked_bytes: u64,
    /// Deepest XML element nesting accepted.
    pub max_xml_depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 64 * 1024 * 1024,
            max_part_bytes: 48 * 1024 * 1024,
            max_unpacked_bytes: 128 * 1024 * 1024,
            max_xml_depth: 256,
        }
    }
}

/// Why a file could not be read. Messages name the problem and, where there is one, what
/// to do about it; the caller adds the file name.
#[derive(Debug, Error)]
pub enum IngestError {
    #[error("no such file")]
    NotFound,
    #[error("is a directory, not a document")]
    IsDirectory,
    #[error("permission denied: check the file's permissions")]
    PermissionDenied,
    #[error("could not read: {0}")]
    Io(#[from] std::io::Error),
    #[error("the file is empty")]
    Empty,
    #[error("the file is {size} bytes, over the limit of {limit} bytes")]
    TooLarge { size: u64, limit: u64 },
    #[error("{format} files are not supported; {advice}")]
    Unsupported {
        format: &'static str,
        advice: &'static str,
    },
    #[error("not a readable DOCX: {0}")]
    Docx(String),
    #[error(
        "DOCX part {part} would inflate to more than {limit} bytes (a zip bomb?); refusing to read it"
    )]
    DocxTooLarge { part: String, limit: u64 },
    #[error("DOCX part {part} is not well-formed XML: {detail}")]
    Xml { part: String, detail: String },
    #[error("not a readable PDF: {0}")]
    Pdf(String),
    #[error("the PDF is encrypted and needs a password to open; remove the password (e.g. `qpdf --decrypt --password=PASSWORD in.pdf out.pdf`) and try again")]
    PdfNeedsPassword,
    #[error("the text is not valid in any supported encoding (UTF-8, UTF-16, Windows-1252)")]
    Encoding,
}

/// Advice for formats we recognise but do not read.
const CONVERT_ADVICE: &str =
    "convert it to DOCX first, e.g. `libreoffice --headless --convert-to docx FILE`";

/// Decide the format from the content, using the extension only to choose between
/// Markdown and plain text.
pub fn detect_format(bytes: &[u8], extension: Option<&str>) -> Result<Format, IngestError> {
    let ext = extension.map(|e| e.to_ascii_lowercase());
    if bytes.is_empty() {
        return Err(IngestError::Empty);
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return docx::classify_zip(bytes);
    }
    if bytes.starts_with(b"PK") {
        return Err(IngestError::Docx(
            "the file starts like a zip archive but is damaged".into(),
        ));
    }
    // %PDF- may follow a little junk (some writers emit a BOM or whitespace first).
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        return Ok(Format::Pdf);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Err(IngestError::Unsupported {
            format: "Word 97-2003 (.doc)",
            advice: CONVERT_ADVICE,
        });
    }
    if bytes.starts_with(b"{\\rtf") {
        return Err(IngestError::Unsupported {
            format: "RTF",
            advice: CONVERT_ADVICE,
        });
    }
    for (magic, name) in [
        (&b"\x89PNG"[..], "PNG image"),
        (&b"\xFF\xD8\xFF"[..], "JPEG image"),
        (&b"GIF8"[..], "GIF image"),
        (&b"II*\x00"[..], "TIFF image"),
        (&b"MM\x00*"[..], "TIFF image"),
    ] {
        if bytes.starts_with(magic) {
            return Err(IngestError::Unsupported {
                format: name,
                advice: "compactproof reads text, not images; run OCR first or use the original document",
            });
        }
    }
    if head.starts_with(b"<!DOCTYPE html")
        || head.starts_with(b"<html")
        || head.starts_with(b"<!doctype html")
    {
        return Err(IngestError::Unsupported {
            format: "HTML",
            advice: "save it as text or Markdown (e.g. `pandoc -t markdown FILE`), or convert it to DOCX",
        });
    }
    if ext.as_deref() == Some("pdf") {
        // Named as a PDF but without the header every PDF starts with: reading it as text
        // would print binary noise, so say what is wrong instead.
        return Err(IngestError::Pdf(
            "the file has no PDF header (%PDF-); it is not a PDF or is badly damaged".into(),
        ));
    }
    Ok(match ext.as_deref() {
        Some("md" | "markdown" | "mdown" | "mkd") => Format::Markdown,
        // A damaged Word file would otherwise be "read" as Windows-1252 noise.
        Some("docx" | "docm" | "dotx" | "dotm") => {
            return Err(IngestError::Docx(
                "the file is named like a Word document but is not a zip package (damaged, or renamed from another format)".into(),
            ))
        }
        _ => Format::Text,
    })
}

/// Read a document from bytes already in memory. `extension` is the file's extension, if
/// any (without the dot).
pub fn read_bytes(
    bytes: &[u8],
    extension: Option<&str>,
    limits: &Limits,
) -> Result<Document, IngestError> {
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(IngestError::TooLarge {
            size: bytes.len() as u64,
            limit: limits.max_file_bytes,
        });
    }
    match detect_format(bytes, extension)? {
        Format::Docx => docx::read(bytes, limits),
        Format::Pdf => pdf::read(bytes, limits),
        Format::Text => text::read(bytes, Format::Text),
        Format::Markdown => text::read(bytes, Format::Markdown),
    }
}

/// Read a file. `-` reads standard input (as text or Markdown, or any format by content).
/// The file is opened read-only and never modified.
pub fn read_path(path: &Path, limits: &Limits) -> Result<Document, IngestError> {
    let bytes = load(path, limits)?;
    let extension = path.extension().and_then(|e| e.to_str());
    read_bytes(&bytes, extension, limits)
}

/// Load a file's bytes under the size limit, with errors a person understands.
pub fn load(path: &Path, limits: &Limits) -> Result<Vec<u8>, IngestError> {
    if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .lock()
            .take(limits.max_file_bytes + 1)
            .read_to_end(&mut bytes)?;
        if bytes.len() as u64 > limits.max_file_bytes {
            return Err(IngestError::TooLarge {
                size: bytes.len() as u64,
                limit: limits.max_file_bytes,
            });
        }
        return Ok(bytes);
    }
    let meta = std::fs::metadata(path).map_err(io_error)?;
    if meta.is_dir() {
        return Err(IngestError::IsDirectory);
    }
    if meta.len() > limits.max_file_bytes {
        return Err(IngestError::TooLarge {
            size: meta.len(),
            limit: limits.max_file_bytes,
        });
    }
    let file = std::fs::File::open(path).map_err(io_error)?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(limits.max_file_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(io_error)?;
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(IngestError::TooLarge {
            size: bytes.len() as u64,
            limit: limits.max_file_bytes,
        });
    }
    Ok(bytes)
}

fn io_error(e: std::io::Error) -> IngestError {
    match e.kind() {
        std::io::ErrorKind::NotFound => IngestError::NotFound,
        std::io::ErrorKind::PermissionDenied => IngestError::PermissionDenied,
        std::io::ErrorKind::IsADirectory => IngestError::IsDirectory,
        _ => IngestError::Io(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_formats_from_content_not_extension() {
        assert_eq!(
            detect_format(b"%PDF-1.7\n", Some("txt")).unwrap(),
            Format::Pdf
        );
        assert_eq!(
            detect_format(b"# Title\n", Some("md")).unwrap(),
            Format::Markdown
        );
        // ...except that a file named .docx or .pdf must be one: anything else is damage.
        assert!(matches!(
            detect_format(b"Plain", Some("pdf")),
            Err(IngestError::Pdf(_))
        ));
        assert!(matches!(
            detect_format(b"Plain", Some("docx")),
            Err(IngestError::Docx(_))
        ));
    }

    #[test]
    fn a_pdf_without_a_pdf_header_is_an_error_not_text() {
        let err = detect_format(b"\xa3\x1c\x06random", Some("PDF")).unwrap_err();
        assert!(matches!(err, IngestError::Pdf(_)), "{err}");
    }

    #[test]
    fn old_word_and_images_get_advice() {
        let doc = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0];
        let err = detect_format(&doc, Some("doc")).unwrap_err().to_string();
        assert!(
            err.contains(".doc") && err.contains("--convert-to docx"),
            "{err}"
        );
        let err = detect_format(b"\x89PNG\r\n", None).unwrap_err().to_string();
        assert!(err.contains("PNG"), "{err}");
    }

    #[test]
    fn empty_input_is_an_error() {
        assert!(matches!(detect_format(b"", None), Err(IngestError::Empty)));
    }
}
