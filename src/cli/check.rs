//! `compactproof check`: proof drafts against the selected compacts and report.

use super::exit;
use super::output::{warning_line, write_output, CliError};
use super::selection::Selection;
use compactproof::config::FailOn;
use compactproof::document::Document;
use compactproof::engine::Engine;
use compactproof::findings::{DocumentReport, Severity};
use compactproof::ingest::{read_path, Limits};
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
    /// Replace FILE given with -o if it exists.
    #[arg(long)]
    force: bool,
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

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum FailOnArg {
    Error,
    Warning,
    Never,
}

pub fn run(args: Args) -> Result<u8, CliError> {
    let settings = args.selection.resolve()?;
    let engine = Engine::new(&settings.lexicon, &settings.compacts)
        .map_err(|e| CliError::new(e.to_string()))?;
    let fail_on = match args.fail_on {
        Some(FailOnArg::Error) => FailOn::Error,
        Some(FailOnArg::Warning) => FailOn::Warning,
        Some(FailOnArg::Never) => FailOn::Never,
        None => settings.fail_on.unwrap_or(FailOn::Warning),
    };
    let mut checked: Vec<(DocumentReport, Document)> = Vec::new();
    let mut had_input_error = false;
    for file in &args.files {
        match read_path(file, &Limits::default()) {
            Ok(document) => {
                for warning in &document.warnings {
                    warning_line(&format!("{}: {warning}", file.display()));
                }
                let report = engine.check(&document, &file.display().to_string());
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
    if had_input_error {
        return Ok(exit::ERROR);
    }
    let worst = checked.iter().filter_map(|(r, _)| r.worst_severity()).max();
    let failed = match (fail_on, worst) {
        (FailOn::Never, _) | (_, None) => false,
        (FailOn::Warning, Some(s)) => s >= Severity::Warning,
        (FailOn::Error, Some(s)) => s >= Severity::Error,
    };
    Ok(if failed { exit::FINDINGS } else { exit::CLEAN })
}
