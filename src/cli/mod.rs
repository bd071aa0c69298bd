//! Argument parsing and dispatch for the `compactproof` binary.

mod annex;
mod annotate_output;
mod check;
mod compare;
mod draft;
mod eval;
mod fix;
mod inspect;
mod lexicon;
mod output;
mod selection;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Exit codes, a public contract: scripts and CI pipelines depend on them.
pub mod exit {
    /// Ran cleanly; no findings at or above `--fail-on`.
    pub const CLEAN: u8 = 0;
    /// Findings at or above `--fail-on`.
    #[allow(dead_code)] // used once a proofing command lands
    pub const FINDINGS: u8 = 1;
    /// Usage error, or an input that could not be read.
    pub const ERROR: u8 = 2;
}

const AFTER_HELP: &str = "\
Examples:
  compactproof check report.docx              proof a draft against every bundled compact
  compactproof check --compact durham plan.md proof against the County Durham Compact only
  compactproof check --format html -o report.html draft.pdf
  compactproof check report.docx --annotate reviewed.docx   comments and tracked changes in a copy
  compactproof fix plan.md                    the suggested wording as a diff
  compactproof fix --format html plan.md > redline.html
  compactproof inspect report.docx            what compactproof read from a draft
  compactproof inspect --format json plan.pdf the whole document model as JSON
  compactproof lexicon list                   every compact's undertakings
  compactproof lexicon show durham/4.4        one undertaking in full
  compactproof lexicon check my-compact/      check a council's own lexicon files
  compactproof annex --compact durham report.docx -o annex.docx
                                              the compliance annex for a cabinet report
  compactproof draft consultation --compact durham --opens 2027-04-05
                                              a compliant consultation timetable
  compactproof draft notice --help            a notice letter ending or reducing funding

Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or input error.
Colour is used only on a terminal, and never when NO_COLOR is set.";

/// Proof draft policy documents against a local Compact between public bodies and the
/// voluntary and community sector.
#[derive(Debug, Parser)]
#[command(name = "compactproof", version, about, long_about = None, after_help = AFTER_HELP)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Proof drafts against the Compact: what is missing, short, hedged or in conflict.
    ///
    /// For each draft, decides which themes apply (consultation, funding notice, equality,
    /// independence, feedback, reference to the Compact), checks every applicable
    /// undertaking of the selected compacts, and reports each problem with the evidence,
    /// the undertaking it rests on and the text that would fix it. Exit code 1 when there
    /// are findings at or above --fail-on.
    Check(check::Args),
    /// Compare two versions of a compact or draft: which commitments were weakened,
    /// strengthened, broadened, narrowed, removed or added (exit 1 if any).
    #[command(after_help = compare::AFTER_HELP)]
    Compare(compare::Args),
    /// Apply the suggested wording: show it as a diff or HTML redline, or write the fixed
    /// draft.
    ///
    /// Text and Markdown drafts are fixed in their own source; for a DOCX draft,
    /// `-o OUT.docx` writes a copy with each change tracked and a comment at each problem.
    /// Exit codes as for `check`.
    Fix(fix::Args),
    /// Measure accuracy over a folder of labelled drafts (precision and recall per theme).
    Eval(eval::Args),
    /// Show what compactproof read from a document: its blocks, with kinds and locations.
    ///
    /// Reads DOCX, PDF, text and Markdown (the format is detected from the content). Use it
    /// to check that a draft was read faithfully before trusting a proofing result.
    Inspect(inspect::Args),
    /// List, show and check the compacts' undertakings (the lexicon).
    ///
    /// The four bundled compacts are compiled into compactproof; `--lexicon PATH` adds a
    /// council's own (see lexicon/README.md for the format).
    Lexicon(lexicon::Args),
    /// Write the Compact compliance annex for a cabinet report (Word, Markdown or HTML).
    ///
    /// Proofs one draft and writes the annex its author attaches: the document (name, date,
    /// SHA-256), the compact and version, a table of every undertaking that applies with its
    /// status, evidence and the action needed, the undertakings to confirm by hand, and a
    /// "Compact implications" paragraph for the report's reasons for the decision. The
    /// format follows the -o extension (.docx, .md, .html); without -o, Markdown is printed.
    Annex(annex::Args),
    /// Draft compliant text to start from: a consultation timetable, a notice letter
    /// ending or reducing funding, or an equality statement.
    ///
    /// Each draft follows the selected compacts (as `check` selects them) and cites the
    /// undertakings each part meets; it passes `compactproof check`. Requests the Compact
    /// does not allow (a consultation shorter than 12 weeks without a reason, notice
    /// shorter than three months without exceptional circumstances) are refused with exit
    /// code 2 and what to do instead. Markdown to standard output unless --format or -o
    /// says otherwise.
    Draft(draft::Args),
}

/// Parse arguments, run the command, and map the outcome to an exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() {
                exit::ERROR
            } else {
                exit::CLEAN
            };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let result = match cli.command {
        Command::Check(args) => check::run(args),
        Command::Compare(args) => compare::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Fix(args) => fix::run(args),
        Command::Inspect(args) => inspect::run(args),
        Command::Lexicon(args) => lexicon::run(args),
        Command::Annex(args) => annex::run(args),
        Command::Draft(args) => draft::run(args),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) if e.is_broken_pipe() => ExitCode::from(exit::CLEAN),
        Err(e) => {
            for line in e.to_string().lines() {
                output::error_line(line);
            }
            ExitCode::from(exit::ERROR)
        }
    }
}
