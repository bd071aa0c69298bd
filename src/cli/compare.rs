//! `compactproof compare`: what changed between two versions, commitment by commitment.

use super::exit;
use super::output::{warning_line, write_output, CliError};
use compactproof::compare::compare;
use compactproof::compare::render::{
    render, CompareFormat, CompareOptions, CompareReport, Version,
};
use compactproof::ingest::{read_path, Limits};
use std::path::PathBuf;

/// Shown after `compactproof compare --help`.
pub const AFTER_HELP: &str = "\
Classes: weakened, strengthened, broadened, narrowed, removed, added (material), and
reworded, moved (not material). Unchanged clauses are listed only with --all.

Exit codes: 0 no material change (only reworded or moved clauses, or none), 1 material
changes, 2 usage or input error (a file that cannot be read).

Examples:
  compactproof compare compact-2010.pdf compact-2024.docx
  compactproof compare --format html -o changes.html old.docx new.docx";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The old version (DOCX, PDF, text or Markdown).
    old: PathBuf,
    /// The new version (any supported format; need not match the old one's).
    new: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Terminal)]
    format: FormatArg,
    /// Write to FILE instead of standard output (atomically; never over an input).
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Replace FILE given with -o if it exists.
    #[arg(long)]
    force: bool,
    /// Also list unchanged clauses.
    #[arg(long)]
    all: bool,
    /// Colour the terminal format: `auto` (on a terminal, unless NO_COLOR is set), `always`
    /// or `never`.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto, value_name = "WHEN")]
    color: ColorArg,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum FormatArg {
    Terminal,
    Json,
    Markdown,
    Html,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum ColorArg {
    Auto,
    Always,
    Never,
}

pub fn run(args: Args) -> Result<u8, CliError> {
    let limits = Limits::default();
    let mut documents = Vec::with_capacity(2);
    let mut failed = false;
    for path in [&args.old, &args.new] {
        match read_path(path, &limits) {
            Ok(document) => {
                for warning in &document.warnings {
                    warning_line(&format!("{}: {warning}", path.display()));
                }
                documents.push(document);
            }
            Err(e) => {
                super::output::error_line(&format!("{}: {e}", path.display()));
                failed = true;
            }
        }
    }
    let [old, new] = match <[_; 2]>::try_from(documents) {
        Ok(pair) if !failed => pair,
        _ => return Ok(exit::ERROR),
    };
    let comparison = compare(&old, &new);
    let format = match args.format {
        FormatArg::Terminal => CompareFormat::Terminal,
        FormatArg::Json => CompareFormat::Json,
        FormatArg::Markdown => CompareFormat::Markdown,
        FormatArg::Html => CompareFormat::Html,
    };
    let color = format == CompareFormat::Terminal
        && match args.color {
            ColorArg::Always => true,
            ColorArg::Never => false,
            ColorArg::Auto => args.output.is_none() && super::output::stdout_wants_color(),
        };
    let (old_path, new_path) = (
        args.old.display().to_string(),
        args.new.display().to_string(),
    );
    let report = CompareReport {
        old: Version {
            path: &old_path,
            format: old.format,
        },
        new: Version {
            path: &new_path,
            format: new.format,
        },
        comparison: &comparison,
    };
    let options = CompareOptions {
        color,
        all: args.all,
    };
    let rendered = render(format, &report, &options);
    let inputs = [args.old.clone(), args.new.clone()];
    write_output(args.output.as_deref(), &rendered, &inputs, args.force)?;
    Ok(if comparison.has_material_changes() {
        exit::FINDINGS
    } else {
        exit::CLEAN
    })
}
