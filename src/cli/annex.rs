//! `compactproof annex`: the Compact compliance annex a cabinet report author attaches, as
//! Word, Markdown or HTML.
//!
//! Gathers what the library must not look up itself (the file's bytes, name and
//! last-modified date, and today's date unless `--date` fixes it), proofs the draft, builds
//! the [`Annex`] and writes it atomically, never over the draft.

use super::exit;
use super::output::{warning_line, write_file_atomically, write_output, CliError};
use super::selection::Selection;
use compactproof::engine::Engine;
use compactproof::ingest::{load, read_bytes, Limits};
use compactproof::render::annex::{render, Annex, AnnexFormat, SourceFile};
use compactproof::render::Checked;
use std::path::{Path, PathBuf};
use time::{Date, OffsetDateTime};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The draft to proof (DOCX, PDF, text or Markdown); `-` reads standard input.
    draft: PathBuf,
    #[command(flatten)]
    selection: Selection,
    /// Write the annex to FILE, in the format its extension names: .docx (Word), .md or
    /// .html. Without it, the annex is printed as Markdown. Written atomically; never over
    /// the draft.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Replace FILE given with -o if it exists.
    #[arg(long)]
    force: bool,
    /// The date of the check (default: today, in this computer's time zone). Set it for
    /// output that does not change from day to day.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    date: Option<Date>,
}

pub(super) fn parse_date(text: &str) -> Result<Date, String> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    Date::parse(text.trim(), &format)
        .map_err(|_| format!("`{text}` is not a date; give it as YYYY-MM-DD, e.g. 2027-03-11"))
}

pub fn run(args: Args) -> Result<u8, CliError> {
    let format = match &args.output {
        None => AnnexFormat::Markdown,
        Some(path) => AnnexFormat::from_path(path).ok_or_else(|| {
            CliError::input(
                path,
                "the annex format is chosen by the extension: use .docx, .md or .html",
            )
        })?,
    };
    let settings = args.selection.resolve()?;
    let engine = Engine::new(&settings.lexicon, &settings.compacts)
        .map_err(|e| CliError::new(e.to_string()))?;
    if settings.compacts.is_empty() && engine.compacts().len() > 1 {
        warning_line(&format!(
            "the annex covers all {} loaded compacts; an annex usually names the council's \
             own, e.g. --compact {}",
            engine.compacts().len(),
            engine.compacts().first().map_or("ID", |c| c.id())
        ));
    }

    let limits = Limits::default();
    let bytes = load(&args.draft, &limits).map_err(|e| CliError::input(&args.draft, e))?;
    let extension = args.draft.extension().and_then(|e| e.to_str());
    let document =
        read_bytes(&bytes, extension, &limits).map_err(|e| CliError::input(&args.draft, e))?;
    for warning in &document.warnings {
        warning_line(&format!("{}: {warning}", args.draft.display()));
    }
    let report = engine.check(&document, &args.draft.display().to_string());

    let source = SourceFile::new(name_of(&args.draft), &bytes, modified(&args.draft));
    let today = args.date.unwrap_or_else(today);
    let annex = Annex::build(
        Checked {
            report: &report,
            document: &document,
        },
        &settings.lexicon,
        source,
        today,
    );
    let rendered = render(format, &annex).map_err(|e| CliError::new(e.to_string()))?;
    let inputs = [args.draft.clone()];
    match &args.output {
        None => {
            let text = String::from_utf8_lossy(&rendered);
            write_output(None, &text, &inputs, args.force)?;
        }
        Some(path) => write_file_atomically(path, &rendered, &inputs, args.force)?,
    }
    Ok(exit::CLEAN)
}

/// The draft's file name as the annex shows it (no folders: they mean nothing to a reader
/// of the cabinet report).
fn name_of(path: &Path) -> String {
    if path.as_os_str() == "-" {
        return "standard input".to_string();
    }
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// Today in the local time zone, so that an annex printed at 00:30 in British Summer Time
/// carries the date on the officer's calendar. UTC when the zone cannot be read safely
/// (the `time` crate refuses once a program runs other threads).
pub(super) fn today() -> Date {
    OffsetDateTime::now_local()
        .unwrap_or_else(|_| OffsetDateTime::now_utc())
        .date()
}

/// The draft's last-modified date in the local time zone (UTC when it cannot be read),
/// where the file system says.
fn modified(path: &Path) -> Option<Date> {
    if path.as_os_str() == "-" {
        return None;
    }
    let time = OffsetDateTime::from(std::fs::metadata(path).ok()?.modified().ok()?);
    // The offset in force when the file was saved (GMT or BST), not today's.
    let local = time::UtcOffset::local_offset_at(time)
        .map(|offset| time.to_offset(offset))
        .unwrap_or(time);
    Some(local.date())
}
