//! `compactproof compare`: what changed between two versions, commitment by commitment.

use super::exit;
use super::output::{note_line, warning_line, write_file_atomically, write_output, CliError};
use compactproof::annotate::{annotate_docx_report, AnnotateOptions};
use compactproof::compare::compare;
use compactproof::compare::redline::redline;
use compactproof::compare::render::{
    render, CompareFormat, CompareOptions, CompareReport, Version,
};
use compactproof::document::Format;
use compactproof::ingest::{load, read_bytes, Limits};
use std::path::PathBuf;

/// Shown after `compactproof compare --help`.
pub const AFTER_HELP: &str = "\
Classes: weakened, strengthened, broadened, narrowed, removed, added (material), and
reworded, moved (not material). Unchanged clauses are listed only with --all.

Exit codes: 0 no material change (only reworded or moved clauses, or none), 1 material
changes, 2 usage or input error (a file that cannot be read).

Examples:
  compactproof compare compact-2010.pdf compact-2024.docx
  compactproof compare --format html -o changes.html old.docx new.docx
  compactproof compare --annotate redline.docx old.docx new.docx";

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
    /// With two DOCX versions: write a redline to OUT.docx, a copy of OLD with every change
    /// to NEW's words as a tracked change (accept all to get NEW's words, reject all to
    /// keep OLD's).
    #[arg(long, value_name = "OUT.docx")]
    annotate: Option<PathBuf>,
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
    let mut old_bytes = Vec::new();
    for path in [&args.old, &args.new] {
        let extension = path.extension().and_then(|e| e.to_str());
        let read = load(path, &limits).and_then(|bytes| {
            let document = read_bytes(&bytes, extension, &limits)?;
            if documents.is_empty() {
                old_bytes = bytes;
            }
            Ok(document)
        });
        match read {
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
    if let Some(out) = &args.annotate {
        for (path, document) in [(&args.old, &old), (&args.new, &new)] {
            if document.format != Format::Docx {
                super::output::error_line(&format!(
                    "{}: is a {} file; --annotate needs two DOCX versions",
                    path.display(),
                    document.format
                ));
                return Ok(exit::ERROR);
            }
        }
        if args.output.as_deref() == Some(out.as_path()) {
            return Err(CliError::input(out, "is given to both -o and --annotate"));
        }
    }
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
    if let Some(out) = &args.annotate {
        let marks = redline(&old, &new, &comparison);
        let options = AnnotateOptions {
            comments: false,
            ..annotate_options()
        };
        let annotated = annotate_docx_report(&old_bytes, &old, &marks.findings, &options)
            .map_err(|e| CliError::input(&args.old, e))?;
        write_file_atomically(out, &annotated.bytes, &inputs, args.force)?;
        let mut summary = format!(
            "wrote {}: {} tracked change{}",
            out.display(),
            annotated.tracked,
            if annotated.tracked == 1 { "" } else { "s" }
        );
        let left = marks.skipped + annotated.untracked;
        if left > 0 {
            summary.push_str(&format!(
                "; {left} change{} not tracked (whole paragraphs removed, or text that could not be changed safely): see the report",
                if left == 1 { "" } else { "s" }
            ));
        }
        note_line(&summary);
    }
    write_output(args.output.as_deref(), &rendered, &inputs, args.force)?;
    Ok(if comparison.has_material_changes() {
        exit::FINDINGS
    } else {
        exit::CLEAN
    })
}

/// Dated now, or at `SOURCE_DATE_EPOCH` when it is set (for reproducible output).
fn annotate_options() -> AnnotateOptions {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| time::OffsetDateTime::from_unix_timestamp(secs).ok())
        .map_or_else(AnnotateOptions::now, AnnotateOptions::at)
}
