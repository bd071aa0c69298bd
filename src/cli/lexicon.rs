//! `compactproof lexicon list | show | check`: look at the compacts' undertakings and check
//! a council's own lexicon files.
//!
//! `list` and `show` take the same `--compact` / `--lexicon` options as `check`
//! ([`Selection`]), so a `compactproof.toml` applies to them too.

use super::exit;
use super::output::CliError;
use super::selection::Selection;
use clap::{Subcommand, ValueEnum};
use compactproof::lexicon::{
    check_paths, CheckReport, Compact, ExampleRunner, ExamplesRun, Lexicon, Party, Requirement,
    Undertaking,
};
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;

/// The proofing engine runs the examples: `lexicon check` runs every example through it.
fn example_runner() -> Option<&'static dyn ExampleRunner> {
    Some(&compactproof::engine::ExampleChecker)
}

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: LexiconCommand,
}

#[derive(Debug, Subcommand)]
enum LexiconCommand {
    /// List every undertaking, compact by compact.
    List(ListArgs),
    /// Show one undertaking in full: quote, citation, requirements and examples.
    Show(ShowArgs),
    /// Check a council's own lexicon file or folder strictly; with no PATH, the bundled one.
    ///
    /// Reports every unknown key, duplicate id, bad pattern, missing example and unknown
    /// trigger as FILE:LINE:COLUMN: problem (hint: ...). A council's files are checked
    /// together with the bundled compacts, so ids that clash with them are found too.
    Check(CheckArgs),
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ListFormat {
    Text,
    Json,
}

#[derive(Debug, clap::Args)]
struct ListArgs {
    /// `text` for people; `json` for one object per undertaking.
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    format: ListFormat,
    #[command(flatten)]
    selection: Selection,
}

#[derive(Debug, clap::Args)]
struct ShowArgs {
    /// The undertaking's id, e.g. durham/4.4 (see `compactproof lexicon list`).
    id: String,
    #[command(flatten)]
    selection: Selection,
}

#[derive(Debug, clap::Args)]
struct CheckArgs {
    /// Lexicon files (.toml) or folders of them; none checks the bundled lexicon.
    paths: Vec<PathBuf>,
}

pub fn run(args: Args) -> Result<u8, CliError> {
    match args.command {
        LexiconCommand::List(a) => list(a),
        LexiconCommand::Show(a) => show(a),
        LexiconCommand::Check(a) => check(a),
    }
}

fn list(args: ListArgs) -> Result<u8, CliError> {
    let lexicon = args.selection.resolve()?.narrowed_lexicon();
    let mut out = anstream::stdout().lock();
    match args.format {
        ListFormat::Json => {
            let entries: Vec<ListEntry<'_>> = lexicon
                .entries()
                .map(|(c, u)| ListEntry::new(&lexicon, c, u))
                .collect();
            let json = serde_json::to_string_pretty(&entries)
                .map_err(|e| CliError::new(format!("could not serialise the lexicon: {e}")))?;
            writeln!(out, "{json}")?;
        }
        ListFormat::Text => write_list(&mut out, &lexicon)?,
    }
    out.flush()?;
    Ok(exit::CLEAN)
}

fn write_list(out: &mut impl Write, lexicon: &Lexicon) -> std::io::Result<()> {
    let mut total = 0;
    let mut total_checkable = 0;
    for (n, compact) in lexicon.compacts().iter().enumerate() {
        let undertakings = lexicon.undertakings_of(compact.id());
        let checkable = undertakings.iter().filter(|u| u.is_checkable()).count();
        total += undertakings.len();
        total_checkable += checkable;
        if n > 0 {
            writeln!(out)?;
        }
        writeln!(out, "{} ({})", compact.meta.title, compact.id())?;
        writeln!(out, "  version: {}", compact.meta.version)?;
        writeln!(
            out,
            "  {} undertaking{}, {checkable} checkable",
            undertakings.len(),
            plural(undertakings.len())
        )?;
        if !compact.origin.is_bundled() {
            writeln!(out, "  from: {}", compact.file)?;
        }
        let id_width = undertakings.iter().map(|u| u.id.len()).max().unwrap_or(2);
        let theme_width = undertakings
            .iter()
            .map(|u| u.theme.as_str().len())
            .max()
            .unwrap_or(5);
        writeln!(out)?;
        writeln!(
            out,
            "  {:id_width$}  {:7}  {:theme_width$}  {:5}  SUMMARY",
            "ID", "PARTY", "THEME", "CHECK"
        )?;
        for u in undertakings {
            writeln!(
                out,
                "  {:id_width$}  {:7}  {:theme_width$}  {:5}  {}",
                u.id,
                u.party.as_str(),
                u.theme.as_str(),
                if u.is_checkable() { "yes" } else { "-" },
                u.summary
            )?;
        }
    }
    writeln!(out)?;
    writeln!(
        out,
        "{} compact{}, {total} undertaking{}, {total_checkable} checkable",
        lexicon.compacts().len(),
        plural(lexicon.compacts().len()),
        plural(total)
    )
}

/// One undertaking in `lexicon list --format json`. Keys follow the lexicon schema's
/// (kebab-case), plus `compact`, `checkable` and each requirement's `description`.
#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct ListEntry<'a> {
    id: &'a str,
    compact: &'a str,
    citation: &'a str,
    party: Party,
    theme: compactproof::lexicon::Theme,
    principle: bool,
    checkable: bool,
    quote: &'a str,
    summary: &'a str,
    requirements: Vec<RequirementEntry<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    not_checkable: Option<&'a str>,
    examples: &'a [compactproof::lexicon::Example],
}

#[derive(Serialize)]
struct RequirementEntry<'a> {
    #[serde(flatten)]
    requirement: &'a Requirement,
    description: String,
}

impl<'a> ListEntry<'a> {
    fn new(lexicon: &'a Lexicon, compact: &'a Compact, u: &'a Undertaking) -> Self {
        ListEntry {
            id: &u.id,
            compact: compact.id(),
            citation: &u.citation,
            party: u.party,
            theme: u.theme,
            principle: u.principle,
            checkable: u.is_checkable(),
            quote: &u.quote,
            summary: &u.summary,
            requirements: u
                .requirements
                .iter()
                .map(|r| RequirementEntry {
                    requirement: r,
                    description: describe_requirement(lexicon, r),
                })
                .collect(),
            not_checkable: u.not_checkable.as_deref(),
            examples: &u.examples,
        }
    }
}

/// A requirement in words: what it asks, when it applies, and any allowance.
fn describe_requirement(lexicon: &Lexicon, r: &Requirement) -> String {
    let trigger = lexicon
        .vocabulary()
        .get(r.applies_when())
        .map_or_else(|| r.applies_when().to_string(), |t| t.description.clone());
    let mut text = format!("{}, when {trigger}", capitalise(&r.describe()));
    if let Requirement::MinimumPeriod {
        shorter_allowed,
        get_out,
        ..
    } = r
    {
        text.push_str("; ");
        text.push_str(shorter_allowed.describe());
        if let Some(get_out) = get_out {
            text.push_str(&format!(" (\"{get_out}\")"));
        }
    }
    if let Requirement::ProtectedCharacteristics { .. } = r {
        text.push_str(" (a list of protected characteristics must name them all)");
    }
    text.push('.');
    text
}

fn show(args: ShowArgs) -> Result<u8, CliError> {
    let lexicon = args.selection.resolve()?.narrowed_lexicon();
    let Some(u) = lexicon.undertaking(&args.id) else {
        return Err(unknown_undertaking(&lexicon, &args.id));
    };
    let compact = lexicon
        .compact_of(&u.id)
        .ok_or_else(|| CliError::new(format!("{}: no compact", u.id)))?;
    let mut out = anstream::stdout().lock();
    write_show(&mut out, &lexicon, compact, u)?;
    out.flush()?;
    Ok(exit::CLEAN)
}

fn unknown_undertaking(lexicon: &Lexicon, id: &str) -> CliError {
    if lexicon.compact(id).is_some() {
        return CliError::new(format!(
            "`{id}` is a compact, not an undertaking; `compactproof lexicon list --compact {id}` lists its undertakings"
        ));
    }
    let close = lexicon.suggest_undertakings(id, 3);
    let suggestion = if close.is_empty() {
        String::new()
    } else {
        format!(
            "; did you mean {}?",
            close
                .iter()
                .map(|c| format!("`{c}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    CliError::new(format!(
        "no undertaking `{id}`{suggestion} (`compactproof lexicon list` lists them all)"
    ))
}

const WIDTH: usize = 92;

fn write_show(
    out: &mut impl Write,
    lexicon: &Lexicon,
    compact: &Compact,
    u: &Undertaking,
) -> std::io::Result<()> {
    writeln!(out, "{}", u.id)?;
    writeln!(out, "{}", wrap(&u.summary, WIDTH, "").trim_end())?;
    writeln!(out)?;
    writeln!(out, "Compact:   {} ({})", compact.meta.title, compact.id())?;
    writeln!(out, "Citation:  {}", u.citation)?;
    let party = party_words(u.party);
    if u.principle {
        writeln!(out, "Party:     {party} (a shared principle)")?;
    } else {
        writeln!(out, "Party:     {party}")?;
    }
    writeln!(out, "Theme:     {} ({})", u.theme.title(), u.theme.as_str())?;
    writeln!(out)?;
    writeln!(out, "Quote:")?;
    write!(out, "{}", wrap(&u.quote, WIDTH, "  "))?;
    writeln!(out)?;
    if u.requirements.is_empty() {
        writeln!(out, "Not checkable:")?;
        write!(
            out,
            "{}",
            wrap(u.not_checkable.as_deref().unwrap_or(""), WIDTH, "  ")
        )?;
    } else {
        writeln!(out, "Requirements:")?;
        for (i, r) in u.requirements.iter().enumerate() {
            let prefix = format!("  {}. ", i + 1);
            let text = wrap(&describe_requirement(lexicon, r), WIDTH - prefix.len(), "");
            for (n, line) in text.lines().enumerate() {
                if n == 0 {
                    writeln!(out, "{prefix}{line}")?;
                } else {
                    writeln!(out, "{:width$}{line}", "", width = prefix.len())?;
                }
            }
        }
        writeln!(out)?;
        writeln!(out, "Examples (the status this undertaking must get):")?;
        let width = u
            .examples
            .iter()
            .map(|e| e.expect.as_str().len())
            .max()
            .unwrap_or(0);
        for e in &u.examples {
            let prefix = format!("  {:width$}  ", e.expect.as_str());
            let text = wrap(&e.text, WIDTH - prefix.len(), "");
            for (n, line) in text.lines().enumerate() {
                if n == 0 {
                    writeln!(out, "{prefix}{line}")?;
                } else {
                    writeln!(out, "{:width$}{line}", "", width = prefix.len())?;
                }
            }
        }
    }
    if let Some(site) = lexicon.site(&u.id) {
        writeln!(out)?;
        writeln!(out, "Defined at {}", site.id)?;
    }
    Ok(())
}

fn check(args: CheckArgs) -> Result<u8, CliError> {
    let report = check_paths(&args.paths, example_runner());
    let mut out = anstream::stdout().lock();
    for e in &report.errors {
        writeln!(out, "{e}")?;
    }
    if report.is_ok() {
        write_ok(&mut out, &report)?;
        out.flush()?;
        Ok(exit::CLEAN)
    } else {
        out.flush()?;
        let files = report
            .errors
            .iter()
            .map(|e| e.location.file.as_str())
            .collect::<std::collections::BTreeSet<_>>()
            .len();
        Err(CliError::new(format!(
            "{} problem{} in {files} file{}",
            report.errors.len(),
            plural(report.errors.len()),
            plural(files)
        )))
    }
}

fn write_ok(out: &mut impl Write, report: &CheckReport) -> std::io::Result<()> {
    let files = report.files.len();
    writeln!(
        out,
        "OK: {files} file{}, {} compact{} ({}), {} undertaking{} ({} checkable), {} example{}",
        plural(files),
        report.compacts.len(),
        plural(report.compacts.len()),
        report.compacts.join(", "),
        report.undertakings,
        plural(report.undertakings),
        report.checkable,
        report.examples,
        plural(report.examples),
    )?;
    match report.examples_run {
        ExamplesRun::NotRun | ExamplesRun::Skipped => writeln!(
            out,
            "note: examples not run: the proofing engine is not built yet"
        ),
        ExamplesRun::Ran { run, .. } => writeln!(out, "{run} examples run, all as expected"),
    }
}

fn party_words(party: Party) -> &'static str {
    match party {
        Party::Public => "the public sector (public)",
        Party::Vcs => "the voluntary and community sector (vcs)",
        Party::Both => "both sectors (both)",
        Party::Private => "the private sector (private)",
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Wrap `text` (whitespace normalised) to `width` characters, each line prefixed by
/// `indent` and ended with a newline. Words longer than the width stand on their own line.
fn wrap(text: &str, width: usize, indent: &str) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let needed = line.chars().count() + usize::from(!line.is_empty()) + word.chars().count();
        if !line.is_empty() && indent.chars().count() + needed > width {
            out.push_str(indent);
            out.push_str(&line);
            out.push('\n');
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        out.push_str(indent);
        out.push_str(&line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_the_width_with_indent() {
        assert_eq!(wrap("aa bb cc", 7, "  "), "  aa bb\n  cc\n");
        assert_eq!(wrap("  a\n b ", 10, ""), "a b\n");
        assert_eq!(wrap("", 10, ""), "");
        assert_eq!(wrap("abcdefghijk x", 5, ""), "abcdefghijk\nx\n");
    }
}
