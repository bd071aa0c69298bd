//! `lexicon check` as a library call: validate lexicon files strictly and run their
//! examples through the proofing engine.
//!
//! The engine lives in a later layer, so this module does not call it directly: it defines
//! [`ExampleRunner`], the one method the engine implements, and takes an
//! `Option<&dyn ExampleRunner>`. With `None` the examples are counted but not run, and the
//! report says so. This keeps the lexicon layer below the engine (data flows one way) while
//! letting one command check both the data and the engine's reading of it.

use super::error::{LexiconError, LexiconErrorKind};
use super::load::{bundled_sources, read_paths};
use super::loaded::{build, Lexicon};
use super::model::ExpectedStatus;
use std::path::Path;

/// Runs one example through the proofing engine. Implemented by the engine; see
/// [`check_paths`].
///
/// The contract, as in `lexicon/README.md`: `text` is a short draft; the result is the
/// status the undertaking `undertaking_id` gets when `text` is proofed against that
/// undertaking's compact alone (`not-applicable` when its requirements' triggers do not
/// fire). Implementations must not panic on any text.
pub trait ExampleRunner {
    fn status_of(&self, lexicon: &Lexicon, undertaking_id: &str, text: &str) -> ExpectedStatus;
}

/// Whether the examples were run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExamplesRun {
    /// No [`ExampleRunner`] was given.
    NotRun,
    /// Every example of the checked files was run; `failed` of them got another status.
    Ran { run: usize, failed: usize },
    /// The files have errors, so the examples were not run.
    Skipped,
}

/// What `lexicon check` found.
#[derive(Debug, Clone)]
pub struct CheckReport {
    /// Every problem, in file order: errors in the files, then failed examples.
    pub errors: Vec<LexiconError>,
    /// The files checked (the user's, or the bundled ones when no path was given).
    pub files: Vec<String>,
    /// Ids of the compacts in the checked files (known only when they parse).
    pub compacts: Vec<String>,
    pub undertakings: usize,
    pub checkable: usize,
    /// Examples in the checked files.
    pub examples: usize,
    pub examples_run: ExamplesRun,
}

impl CheckReport {
    pub fn is_ok(&self) -> bool {
        self.errors.is_empty()
    }
}

/// Check a council's files or folders together with the bundled lexicon (so ids that
/// clash with a bundled compact are found), and run the examples of the user's compacts
/// with `runner`. With no paths, check the bundled lexicon itself and run all its examples.
pub fn check_paths<P: AsRef<Path>>(paths: &[P], runner: Option<&dyn ExampleRunner>) -> CheckReport {
    let mut sources = bundled_sources();
    let mut errors = Vec::new();
    let checking_bundled = paths.is_empty();
    if !checking_bundled {
        let (user, read_errors) = read_paths(paths);
        errors.extend(read_errors);
        sources.extend(user);
    }
    let checked_files: Vec<String> = sources
        .iter()
        .filter(|s| checking_bundled || !s.origin.is_bundled())
        .map(|s| s.name.clone())
        .collect();
    let build = build(sources);
    errors.extend(build.errors);
    errors.sort_by(|a, b| a.location.cmp(&b.location));

    let mut report = CheckReport {
        errors: Vec::new(),
        files: checked_files,
        compacts: Vec::new(),
        undertakings: 0,
        checkable: 0,
        examples: 0,
        examples_run: ExamplesRun::Skipped,
    };
    let Some(lexicon) = build.lexicon.filter(|_| errors.is_empty()) else {
        report.errors = errors;
        return report;
    };
    let checked = |file: &str| report.files.iter().any(|f| f == file);
    let mut ids = Vec::new();
    for (compact, undertaking) in lexicon.entries() {
        if !checked(&compact.file) {
            continue;
        }
        if !ids.contains(&compact.id()) {
            ids.push(compact.id());
        }
        report.undertakings += 1;
        report.checkable += usize::from(undertaking.is_checkable());
        report.examples += undertaking.examples.len();
    }
    let compacts: Vec<String> = ids.iter().map(|s| s.to_string()).collect();
    report.examples_run = match runner {
        None => ExamplesRun::NotRun,
        Some(runner) => {
            let (run, failures) = run_examples(&lexicon, runner, &compacts);
            let failed = failures.len();
            errors.extend(failures);
            ExamplesRun::Ran { run, failed }
        }
    };
    report.compacts = compacts;
    report.errors = errors;
    report
}

/// Run every example of the listed compacts (all compacts when the list is empty) and
/// return how many ran and an error for each that got a status other than its `expect`,
/// located at the example's text.
pub fn run_examples(
    lexicon: &Lexicon,
    runner: &dyn ExampleRunner,
    compacts: &[String],
) -> (usize, Vec<LexiconError>) {
    let mut run = 0;
    let mut failures = Vec::new();
    for (compact, undertaking) in lexicon.entries() {
        if !compacts.is_empty() && !compacts.iter().any(|c| c == compact.id()) {
            continue;
        }
        let site = lexicon.site(&undertaking.id);
        for (i, example) in undertaking.examples.iter().enumerate() {
            run += 1;
            let got = runner.status_of(lexicon, &undertaking.id, &example.text);
            if got != example.expect {
                let location = site
                    .and_then(|s| s.examples.get(i).or(Some(&s.id)))
                    .cloned()
                    .unwrap_or_else(|| super::error::SourceLocation::file(&compact.file));
                failures.push(LexiconError::new(
                    LexiconErrorKind::Example,
                    location,
                    format!(
                        "example {} of `{}` expects `{}` but the engine gives `{}`",
                        i + 1,
                        undertaking.id,
                        example.expect.as_str(),
                        got.as_str()
                    ),
                    "either the example's expect is wrong or the engine misreads this text; see `compactproof lexicon show ID`",
                ));
            }
        }
    }
    (run, failures)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stand-in engine that says every example is met.
    struct AlwaysMet;
    impl ExampleRunner for AlwaysMet {
        fn status_of(&self, _: &Lexicon, _: &str, _: &str) -> ExpectedStatus {
            ExpectedStatus::Met
        }
    }

    #[test]
    fn the_bundled_lexicon_checks_clean_without_a_runner() {
        let report = check_paths::<&str>(&[], None);
        assert!(report.is_ok(), "{:#?}", report.errors);
        assert_eq!(report.examples_run, ExamplesRun::NotRun);
        assert_eq!(report.compacts.len(), 4);
        assert!(report.examples > 0);
    }

    #[test]
    fn a_runner_that_disagrees_fails_examples_at_their_text() {
        let report = check_paths::<&str>(&[], Some(&AlwaysMet));
        let ExamplesRun::Ran { run, failed } = report.examples_run else {
            panic!("examples not run");
        };
        assert_eq!(run, report.examples);
        assert!(failed > 0 && failed < run);
        let first = &report.errors[0];
        assert_eq!(first.kind, LexiconErrorKind::Example);
        assert!(first.location.file.starts_with("lexicon/"), "{first}");
        assert!(first.location.line().is_some());
    }
}
