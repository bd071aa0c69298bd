//! Writing annotated Word copies for `check --annotate` and `fix -o OUT.docx`.
//!
//! The copy is made by the library ([`compactproof::annotate`]), dated now (or at
//! `SOURCE_DATE_EPOCH`, for reproducible builds of review packs); this module checks the
//! input is a DOCX, writes the copy under the safety rules of
//! [`super::output::write_file_atomically`] (never over an input, atomic, no replacing
//! without `--force`) and says on stderr what went in.

use super::output::{note_line, write_file_atomically, CliError};
use compactproof::annotate::{annotate_docx_report, AnnotateOptions};
use compactproof::document::{Document, Format};
use compactproof::findings::Finding;
use std::path::{Path, PathBuf};

/// Make the annotated copy of `input` (whose bytes and reading are given) and write it to
/// `output`.
pub fn write_annotated(
    input: &Path,
    original: &[u8],
    document: &Document,
    findings: &[Finding],
    output: &Path,
    inputs: &[PathBuf],
    force: bool,
) -> Result<(), CliError> {
    if document.format != Format::Docx {
        return Err(CliError::input(
            input,
            format!(
                "is a {} file; annotated copies are made of DOCX drafts only (use `compactproof fix` for a diff of the suggested wording)",
                document.format
            ),
        ));
    }
    let annotated = annotate_docx_report(original, document, findings, &options())
        .map_err(|e| CliError::input(input, e))?;
    write_file_atomically(output, &annotated.bytes, inputs, force)?;
    let mut summary = format!(
        "wrote {}: {} comment{}, {} tracked change{}",
        output.display(),
        annotated.comments,
        plural(annotated.comments),
        annotated.tracked,
        plural(annotated.tracked),
    );
    if annotated.untracked > 0 {
        summary.push_str(&format!(
            "; {} suggested wording{} left in the comments (the text there could not be changed safely)",
            annotated.untracked,
            plural(annotated.untracked)
        ));
    }
    note_line(&summary);
    Ok(())
}

/// Dated now, or at `SOURCE_DATE_EPOCH` when it is set (for reproducible output).
fn options() -> AnnotateOptions {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| time::OffsetDateTime::from_unix_timestamp(secs).ok())
        .map_or_else(AnnotateOptions::now, AnnotateOptions::at)
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
