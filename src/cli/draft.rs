//! `compactproof draft`: compliant text to start from — a consultation timetable, a notice
//! letter ending or reducing funding, an equality statement.
//!
//! Thin on purpose: parse the options, resolve the compacts as `check` does (options, then
//! `compactproof.toml`, then every bundled compact), call [`compactproof::draft`], and
//! write the result atomically or print it. What the Compact allows is decided in the
//! library; a request it does not allow comes back as one line and exit code 2.

use super::annex::{parse_date, today};
use super::exit;
use super::output::{warning_line, write_file_atomically, write_output, CliError};
use super::selection::{Selection, Settings};
use compactproof::draft::{
    consultation::{self, ConsultationRequest},
    equality::{self, EqualityRequest},
    notice::{self, NoticeRequest},
    render, Draft, DraftFormat,
};
use std::io::IsTerminal;
use std::path::PathBuf;
use time::Date;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    kind: Kind,
}

#[derive(Debug, clap::Subcommand)]
enum Kind {
    /// A consultation timetable for a cabinet report or consultation plan.
    ///
    /// Early notice to the voluntary and community sector, the opening and closing dates,
    /// accessible formats, how responses are analysed, publishing the responses and how
    /// they were used ("you said, we did"), the decision, and telling respondents the
    /// outcome; each step cites the undertakings it meets. The consultation runs for at
    /// least the selected compacts' minimum (12 weeks, 84 days), closing on a working day
    /// in England and Wales; a shorter period needs --reason.
    #[command(after_help = CONSULTATION_HELP)]
    Consultation(ConsultationArgs),
    /// A letter giving an organisation formal notice that its funding will end or be
    /// reduced.
    ///
    /// Dated --date, it gives notice in writing of the end date, at least three months (90
    /// days) after the letter unless --exceptional explains why not, with the reasons for
    /// the decision, the equality impact assessment, the organisation's independence and
    /// right to campaign, support during the notice period, and the Compact named.
    #[command(after_help = NOTICE_HELP)]
    Notice(NoticeArgs),
    /// An equality statement skeleton under the Public Sector Equality Duty.
    ///
    /// The duty (Equality Act 2010, section 149), a table with a row for each of the nine
    /// protected characteristics and columns for likely impact, evidence and mitigation,
    /// left as "[to complete]", and commitments to ask affected groups for their views and
    /// to review the statement.
    #[command(after_help = EQUALITY_HELP)]
    Equality(EqualityArgs),
}

const CONSULTATION_HELP: &str = "\
Examples:
  compactproof draft consultation --compact durham --opens 2027-04-05
  compactproof draft consultation --opens 2027-04-05 --title \"Community centre funding\" -o timetable.docx
  compactproof draft consultation --opens 2027-04-05 --weeks 8 \\
      --reason \"the scheme must be agreed before the statutory deadline of 31 January\"

Dates later than the opening are set in working days, skipping weekends and England and
Wales bank holidays. Exit codes: 0 written, 2 usage error (e.g. a short period without
--reason).";

const NOTICE_HELP: &str = "\
Examples:
  compactproof draft notice --compact durham --organisation \"Elm Street Lunch Club\" \\
      --funding \"the Community Chest grant of £12,000 a year\" --ends 2028-03-31 \\
      --reason \"the Community Chest programme closes when its national funding ends\" \\
      --date 2027-12-06 -o notice.docx
  compactproof draft notice ... --ends 2028-01-31 --exceptional \"the building has been \\
      closed by the fire service and the service cannot continue there\"
  compactproof draft notice ... --reduced-to \"£6,000 a year\"

Exit codes: 0 written, 2 usage error (e.g. an end date less than three months after the
letter without --exceptional; the message names the earliest compliant end date).";

const EQUALITY_HELP: &str = "\
Examples:
  compactproof draft equality --compact durham --proposal \"Reduce the opening hours of three branch libraries\"
  compactproof draft equality --proposal \"Close the Elm Street day centre\" -o equality.docx

Exit codes: 0 written, 2 usage error.";

/// Where and how the draft is written; shared by every kind.
#[derive(Debug, clap::Args)]
struct Output {
    /// The format: markdown (the default), text or docx (Word). Without it, -o's extension
    /// decides (.md, .txt, .docx).
    #[arg(long, value_enum, value_name = "FORMAT")]
    format: Option<FormatArg>,
    /// Write the draft to FILE instead of printing it. Written atomically; an existing
    /// file is replaced only with --force.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Replace FILE given with -o if it exists.
    #[arg(long)]
    force: bool,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum FormatArg {
    Markdown,
    Text,
    Docx,
}

#[derive(Debug, clap::Args)]
struct ConsultationArgs {
    /// The day the consultation opens, e.g. 2027-04-05.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    opens: Date,
    /// How many weeks it runs (default: the compacts' minimum, 12). Fewer than the minimum
    /// needs --reason.
    #[arg(long, value_name = "N")]
    weeks: Option<u32>,
    /// Why a period shorter than the minimum is needed, as it should read after
    /// "because", e.g. "the scheme must be agreed before the statutory deadline of 31
    /// January".
    #[arg(long, value_name = "TEXT")]
    reason: Option<String>,
    /// What the consultation is about, e.g. "Proposed changes to community centre
    /// funding"; it titles the timetable.
    #[arg(long, value_name = "TEXT")]
    title: Option<String>,
    #[command(flatten)]
    selection: Selection,
    #[command(flatten)]
    output: Output,
}

#[derive(Debug, clap::Args)]
struct NoticeArgs {
    /// The organisation the letter goes to, e.g. "Elm Street Lunch Club".
    #[arg(long, value_name = "NAME")]
    organisation: String,
    /// The funding, as the letter names it, e.g. "the Community Chest grant of £12,000 a
    /// year".
    #[arg(long, value_name = "TEXT")]
    funding: String,
    /// The day the funding ends (or the reduction takes effect).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    ends: Date,
    /// The reason for the decision, in a sentence or two.
    #[arg(long, value_name = "TEXT")]
    reason: String,
    /// The date of the letter (default: today, in this computer's time zone).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    date: Option<Date>,
    /// The exceptional circumstances that make notice shorter than three months
    /// unavoidable; needed when --ends is less than 90 days after --date.
    #[arg(long, value_name = "TEXT")]
    exceptional: Option<String>,
    /// For a reduction rather than an end: the funding from the --ends date, e.g. "£6,000
    /// a year".
    #[arg(long, value_name = "TEXT")]
    reduced_to: Option<String>,
    #[command(flatten)]
    selection: Selection,
    #[command(flatten)]
    output: Output,
}

#[derive(Debug, clap::Args)]
struct EqualityArgs {
    /// The proposal the statement assesses, e.g. "Reduce the opening hours of three
    /// branch libraries".
    #[arg(long, value_name = "TEXT")]
    proposal: String,
    #[command(flatten)]
    selection: Selection,
    #[command(flatten)]
    output: Output,
}

pub fn run(args: Args) -> Result<u8, CliError> {
    match args.kind {
        Kind::Consultation(a) => {
            let format = format_for(&a.output)?;
            let settings = resolve(&a.selection)?;
            let request = ConsultationRequest {
                opens: a.opens,
                weeks: a.weeks,
                reason: a.reason,
                title: a.title,
            };
            let draft = consultation::draft(&settings.lexicon, &settings.compacts, &request)
                .map_err(|e| CliError::new(e.to_string()))?;
            write(&draft, format, &a.output)
        }
        Kind::Notice(a) => {
            let format = format_for(&a.output)?;
            let settings = resolve(&a.selection)?;
            let request = NoticeRequest {
                organisation: a.organisation,
                funding: a.funding,
                ends: a.ends,
                reason: a.reason,
                dated: a.date.unwrap_or_else(today),
                exceptional: a.exceptional,
                reduced_to: a.reduced_to,
            };
            let draft = notice::draft(&settings.lexicon, &settings.compacts, &request)
                .map_err(|e| CliError::new(e.to_string()))?;
            write(&draft, format, &a.output)
        }
        Kind::Equality(a) => {
            let format = format_for(&a.output)?;
            let settings = resolve(&a.selection)?;
            let request = EqualityRequest {
                proposal: a.proposal,
            };
            let draft = equality::draft(&settings.lexicon, &settings.compacts, &request)
                .map_err(|e| CliError::new(e.to_string()))?;
            write(&draft, format, &a.output)
        }
    }
}

/// --format, else -o's extension, else Markdown.
fn format_for(output: &Output) -> Result<DraftFormat, CliError> {
    if let Some(format) = output.format {
        return Ok(match format {
            FormatArg::Markdown => DraftFormat::Markdown,
            FormatArg::Text => DraftFormat::Text,
            FormatArg::Docx => DraftFormat::Docx,
        });
    }
    match &output.output {
        None => Ok(DraftFormat::Markdown),
        Some(path) => DraftFormat::from_path(path).ok_or_else(|| {
            CliError::input(
                path,
                "the format is chosen by the extension (.md, .txt or .docx); use one, or give --format",
            )
        }),
    }
}

/// The compacts, with a hint when the draft would cite every loaded compact.
fn resolve(selection: &Selection) -> Result<Settings, CliError> {
    let settings = selection.resolve()?;
    let loaded = settings.lexicon.compacts();
    if settings.compacts.is_empty() && loaded.len() > 1 {
        warning_line(&format!(
            "the draft follows all {} loaded compacts; a draft usually follows the council's \
             own, e.g. --compact {}",
            loaded.len(),
            loaded.first().map_or("ID", |c| c.id())
        ));
    }
    Ok(settings)
}

fn write(draft: &Draft, format: DraftFormat, output: &Output) -> Result<u8, CliError> {
    for warning in &draft.warnings {
        warning_line(warning);
    }
    let bytes = render(format, draft).map_err(|e| CliError::new(e.to_string()))?;
    match &output.output {
        Some(path) => write_file_atomically(path, &bytes, &[], output.force)?,
        None if format == DraftFormat::Docx => {
            if std::io::stdout().is_terminal() {
                return Err(CliError::new(
                    "a Word document is not for a terminal; write it with -o FILE.docx",
                ));
            }
            use std::io::Write as _;
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(&bytes)?;
            stdout.flush()?;
        }
        None => write_output(None, &String::from_utf8_lossy(&bytes), &[], false)?,
    }
    Ok(exit::CLEAN)
}
