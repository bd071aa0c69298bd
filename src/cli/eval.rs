//! `compactproof eval`: measure the engine against a folder of labelled drafts.

use super::exit;
use super::output::CliError;
use super::selection::Selection;
use compactproof::engine::Engine;
use compactproof::eval::{load_expectations, Scores};
use compactproof::ingest::{read_path, Limits};
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A folder of drafts, each with a `<stem>.expect.toml` sidecar (see
    /// docs/fixtures-format.md).
    dir: PathBuf,
    #[command(flatten)]
    selection: Selection,
    /// List every disagreement between label and engine.
    #[arg(long)]
    mismatches: bool,
}

pub fn run(args: Args) -> Result<u8, CliError> {
    let settings = args.selection.resolve()?;
    let engine = Engine::new(&settings.lexicon, &settings.compacts)
        .map_err(|e| CliError::new(e.to_string()))?;
    let expectations = load_expectations(&args.dir).map_err(|e| CliError::new(e.to_string()))?;
    if expectations.is_empty() {
        return Err(CliError::input(
            &args.dir,
            "holds no *.expect.toml sidecars; see docs/fixtures-format.md",
        ));
    }
    let mut scores = Scores::default();
    for expectation in &expectations {
        let document = read_path(&expectation.document, &Limits::default())
            .map_err(|e| CliError::input(&expectation.document, e))?;
        let report = engine.check(&document, &expectation.document.display().to_string());
        scores.add(expectation, &report);
    }
    let mut out = anstream::stdout().lock();
    writeln!(
        out,
        "{} labelled drafts in {}\n",
        expectations.len(),
        args.dir.display()
    )?;
    writeln!(
        out,
        "{:<18} {:>9} {:>9} {:>9} {:>10}",
        "theme", "precision", "recall", "agreement", "documents"
    )?;
    for (theme, score) in &scores.themes {
        writeln!(
            out,
            "{:<18} {:>9.3} {:>9.3} {:>9.3} {:>10}",
            theme.as_str(),
            score.precision(),
            score.recall(),
            score.agreement(),
            score.documents
        )?;
    }
    if args.mismatches || !scores.mismatches.is_empty() {
        writeln!(out, "\n{} disagreements", scores.mismatches.len())?;
    }
    if args.mismatches {
        for m in &scores.mismatches {
            let days = |d: Option<u32>| d.map(|d| format!(" ({d} days)")).unwrap_or_default();
            writeln!(
                out,
                "  {}: {}: expected {}{}, got {}{}",
                m.document.display(),
                m.theme,
                m.expected.status,
                days(m.expected.days),
                m.actual.status,
                days(m.actual.days)
            )?;
        }
    }
    out.flush()?;
    Ok(exit::CLEAN)
}
