//! `compactproof fix`: apply the findings' suggested wording and show or write the result.
//!
//! By default the changes are printed: a unified diff of the text (`--format diff`) or a
//! self-contained HTML redline (`--format html`). With `-o FILE` the fixed document is
//! written instead: for a text or Markdown draft, the source file with the wording
//! applied (line wrapping and Markdown kept); for a DOCX draft written to a `.docx`
//! name, a copy with each change tracked and a comment at each problem; otherwise the
//! fixed text. Files are written under the usual safety rules (never over the input,
//! atomically, not over an existing file without `--force`).

use super::exit;
use super::output::{note_line, warning_line, write_file_atomically, CliError};
use super::selection::{FailOnArg, Selection};
use clap::ValueEnum;
use compactproof::annotate::fix::{fix_document_text, fix_source, Fixed};
use compactproof::annotate::redline::{redline_html, unified_diff};
use compactproof::document::Format;
use compactproof::engine::Engine;
use compactproof::ingest::{decode_text, load, read_bytes, Limits};
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The draft to fix (DOCX, PDF, text or Markdown); `-` reads standard input.
    file: PathBuf,
    #[command(flatten)]
    selection: Selection,
    /// How to show the changes: a unified diff of the text, or an HTML redline.
    #[arg(long, value_enum, default_value_t = FixFormat::Diff)]
    format: FixFormat,
    /// Write the fixed document to FILE instead of showing the changes (a DOCX draft
    /// written to a .docx name gets tracked changes and comments).
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Replace FILE given with -o if it exists.
    #[arg(long)]
    force: bool,
    /// When to exit with code 1: on any `error` finding, on any `warning` or error
    /// (default), or `never`.
    #[arg(long, value_enum)]
    fail_on: Option<FailOnArg>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FixFormat {
    Diff,
    Html,
}

pub fn run(args: Args) -> Result<u8, CliError> {
    let settings = args.selection.resolve()?;
    let engine = Engine::new(&settings.lexicon, &settings.compacts)
        .map_err(|e| CliError::new(e.to_string()))?;
    let fail_on = settings.fail_on(args.fail_on);
    let file = &args.file;
    let limits = Limits::default();
    let bytes = load(file, &limits).map_err(|e| CliError::input(file, e))?;
    let extension = file.extension().and_then(|e| e.to_str());
    let document = read_bytes(&bytes, extension, &limits).map_err(|e| CliError::input(file, e))?;
    for warning in &document.warnings {
        warning_line(&format!("{}: {warning}", file.display()));
    }
    let name = if file.as_os_str() == "-" {
        "stdin".to_string()
    } else {
        file.display().to_string()
    };
    let report = engine.check(&document, &name);
    let (original, fixed): (String, Fixed) = match document.format {
        Format::Text | Format::Markdown => {
            let source = decode_text(&bytes).map_err(|e| CliError::input(file, e))?;
            let fixed = fix_source(&source, document.format, &document, &report.findings);
            (source, fixed)
        }
        Format::Docx | Format::Pdf => (
            document.text().to_string(),
            fix_document_text(&document, &report.findings),
        ),
    };
    for skipped in &fixed.skipped {
        warning_line(&format!("{name}: {skipped}"));
    }
    let inputs = vec![file.clone()];
    match &args.output {
        Some(out) => {
            let wants_docx = out
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| e.eq_ignore_ascii_case("docx"));
            if document.format == Format::Docx && wants_docx {
                super::annotate_output::write_annotated(
                    file,
                    &bytes,
                    &document,
                    &report.findings,
                    out,
                    &inputs,
                    args.force,
                )?;
            } else {
                let mut text = fixed.text.clone();
                if !text.ends_with('\n') && !text.is_empty() {
                    text.push('\n');
                }
                write_file_atomically(out, text.as_bytes(), &inputs, args.force)?;
                note_line(&format!(
                    "wrote {}: {} suggestion{} applied",
                    out.display(),
                    fixed.applied.len(),
                    if fixed.applied.len() == 1 { "" } else { "s" }
                ));
            }
        }
        None => {
            let shown = match args.format {
                FixFormat::Diff => unified_diff(&original, &fixed.text, &name),
                FixFormat::Html => redline_html(&original, &fixed.text, &name),
            };
            let mut stdout = anstream::stdout().lock();
            stdout.write_all(shown.as_bytes())?;
            stdout.flush()?;
        }
    }
    let failed = fail_on.fails(report.worst_severity());
    Ok(if failed { exit::FINDINGS } else { exit::CLEAN })
}
