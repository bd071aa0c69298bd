//! `compactproof check`: proof drafts against the selected compacts and report.

use super::exit;
use super::output::{warning_line, write_output, CliError};
use super::selection::{FailOnArg, Selection};
use compactproof::document::Document;
use compactproof::engine::Engine;
use compactproof::findings::DocumentReport;
use compactproof::ingest::{load, read_bytes, Limits};
use compactproof::render::{render, Checked, RenderOptions, ReportFormat};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Drafts to proof (DOCX, PDF, text or Markdown); `-` reads standard input.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    #[command(flatten)]
    selection: Selection,
    /// Report format.
    #[arg(long, value_enum, default_value_t = FormatArg::Terminal)]
    format: FormatArg,
    /// Write the report to FILE instead of standard output (written atomically; never over
    /// an input).
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Replace FILE given with -o or --annotate if it exists.
    #[arg(long)]
    force: bool,
    /// Also write a copy of the (single, DOCX) draft with a Word comment at each problem
    /// and each suggested wording as a tracked change (written atomically; never over an
    /// input).
    #[arg(long, value_name = "OUT.docx")]
    annotate: Option<PathBuf>,
    /// When to exit with code 1: on any `error` finding, on any `warning` or error
    /// (default), or `never`.
    #[arg(long, value_enum)]
    fail_on: Option<FailOnArg>,
    /// Print only the summary (terminal format).
    #[arg(short, long)]
    quiet: bool,
    /// Also list requirements the draft meets (terminal format).
    #[arg(long)]
    show_met: bool,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum FormatArg {
    Terminal,
    Json,
    Markdown,
    Html,
    Sarif,
}

pub fn run(args: Args) -> Result<u8, CliError> {
    let settings = args.selection.resolve()?;
    let engine = Engine::new(&settings.lexicon, &settings.compacts)
        .map_err(|e| CliError::new(e.to_string()))?;
    let fail_on = settings.fail_on(args.fail_on);
    if args.annotate.is_some() && args.files.len() != 1 {
        return Err(CliError::new(
            "--annotate makes a copy of one draft; give exactly one DOCX file",
        ));
    }
    let mut checked: Vec<(DocumentReport, Document)> = Vec::new();
    let mut had_input_error = false;
    // The bytes of the draft, kept when an annotated copy is wanted.
    let mut original: Option<Vec<u8>> = None;
    for file in &args.files {
        let read = load(file, &Limits::default()).and_then(|bytes| {
            let extension = file.extension().and_then(|e| e.to_str());
            let document = read_bytes(&bytes, extension, &Limits::default())?;
            if args.annotate.is_some() {
                original = Some(bytes);
            }
            Ok(document)
        });
        match read {
            Ok(document) => {
                let report = engine.check(&document, &file.display().to_string());
                // The report's warnings include the reading's, plus the engine's own.
                for warning in &report.warnings {
                    warning_line(&format!("{}: {warning}", file.display()));
                }
                checked.push((report, document));
            }
            Err(e) => {
                // One unreadable draft does not stop the others; it sets exit code 2.
                super::output::error_line(&format!("{}: {e}", file.display()));
                had_input_error = true;
            }
        }
    }
    let format = match args.format {
        FormatArg::Terminal => ReportFormat::Terminal,
        FormatArg::Json => ReportFormat::Json,
        FormatArg::Markdown => ReportFormat::Markdown,
        FormatArg::Html => ReportFormat::Html,
        FormatArg::Sarif => ReportFormat::Sarif,
    };
    let views: Vec<Checked> = checked
        .iter()
        .map(|(report, document)| Checked { report, document })
        .collect();
    let options = RenderOptions {
        color: args.output.is_none()
            && super::output::stdout_wants_color()
            && matches!(format, ReportFormat::Terminal),
        quiet: args.quiet,
        show_met: args.show_met,
        ..RenderOptions::default()
    };
    let rendered = render(format, &views, &options);
    write_output(args.output.as_deref(), &rendered, &args.files, args.force)?;
    if let (Some(out), Some(bytes), Some((report, document))) =
        (&args.annotate, &original, checked.first())
    {
        super::annotate_output::write_annotated(
            &args.files[0],
            bytes,
            document,
            &report.findings,
            out,
            &args.files,
            args.force,
        )?;
    }
    if had_input_error {
        return Ok(exit::ERROR);
    }
    let worst = checked.iter().filter_map(|(r, _)| r.worst_severity()).max();
    let failed = fail_on.fails(worst);
    Ok(if failed { exit::FINDINGS } else { exit::CLEAN })
}
