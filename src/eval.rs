//! Measuring the engine against labelled drafts.
//!
//! A labelled folder holds documents and, beside each, a `<stem>.expect.toml` sidecar with
//! the verdict a careful Compact officer expects per reported theme (format in
//! `docs/fixtures-format.md`). This module reads the sidecars and scores reports against
//! them; it does not read documents or run the engine, so the scoring is testable alone.
//!
//! Scores per theme:
//! - **precision**: of the documents where the engine flagged the theme (any problem
//!   status), the share where it gave exactly the expected status;
//! - **recall**: of the documents where the label flags the theme, the share where the
//!   engine gave exactly the expected status;
//! - **agreement**: the share of all documents where status (and days, where labelled)
//!   match exactly.

use crate::findings::{DocumentReport, Status};
use crate::lexicon::Theme;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// A problem with a labelled folder.
#[derive(Debug, Error)]
pub enum EvalError {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: {message}")]
    Sidecar { path: PathBuf, message: String },
}

/// One sidecar: the document it labels and the expected verdict per theme.
#[derive(Debug, Clone)]
pub struct Expectation {
    pub sidecar: PathBuf,
    pub document: PathBuf,
    pub themes: BTreeMap<Theme, Expected>,
}

/// The expected verdict for one theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Expected {
    pub status: Status,
    pub days: Option<u32>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SidecarFile {
    document: String,
    themes: BTreeMap<String, SidecarTheme>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SidecarTheme {
    status: String,
    days: Option<u32>,
}

fn parse_status(name: &str) -> Option<Status> {
    Some(match name {
        "met" => Status::Met,
        "short" => Status::Short,
        "missing" => Status::Missing,
        "weak" => Status::Weak,
        "conflict" => Status::Conflict,
        "not-applicable" => Status::NotApplicable,
        _ => return None,
    })
}

/// Read every `*.expect.toml` in `dir` (not recursive), sorted by name.
pub fn load_expectations(dir: &Path) -> Result<Vec<Expectation>, EvalError> {
    let entries = std::fs::read_dir(dir).map_err(|source| EvalError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut sidecars: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.ends_with(".expect.toml"))
        })
        .collect();
    sidecars.sort();
    sidecars.iter().map(|p| load_expectation(p)).collect()
}

/// Read one sidecar; the document path is resolved beside it.
pub fn load_expectation(path: &Path) -> Result<Expectation, EvalError> {
    let text = std::fs::read_to_string(path).map_err(|source| EvalError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let sidecar_error = |message: String| EvalError::Sidecar {
        path: path.to_path_buf(),
        message,
    };
    let file: SidecarFile = toml::from_str(&text).map_err(|e| sidecar_error(e.to_string()))?;
    let mut themes = BTreeMap::new();
    for (name, value) in file.themes {
        let theme = Theme::parse(&name)
            .filter(|t| Theme::REPORTED.contains(t))
            .ok_or_else(|| sidecar_error(format!("unknown theme `{name}`")))?;
        let status = parse_status(&value.status)
            .ok_or_else(|| sidecar_error(format!("unknown status `{}`", value.status)))?;
        themes.insert(
            theme,
            Expected {
                status,
                days: value.days,
            },
        );
    }
    for theme in Theme::REPORTED {
        if !themes.contains_key(&theme) {
            return Err(sidecar_error(format!("theme `{theme}` is not labelled")));
        }
    }
    let document = path
        .parent()
        .unwrap_or_else(|| Path::new("."))
        .join(&file.document);
    Ok(Expectation {
        sidecar: path.to_path_buf(),
        document,
        themes,
    })
}

/// One disagreement between label and engine.
#[derive(Debug, Clone)]
pub struct Mismatch {
    pub document: PathBuf,
    pub theme: Theme,
    pub expected: Expected,
    pub actual: Expected,
}

/// Scores for one theme.
#[derive(Debug, Clone, Copy, Default)]
pub struct ThemeScore {
    pub documents: usize,
    pub agreed: usize,
    pub flagged: usize,
    pub flagged_correct: usize,
    pub labelled_problems: usize,
    pub problems_found: usize,
}

impl ThemeScore {
    pub fn precision(&self) -> f64 {
        ratio(self.flagged_correct, self.flagged)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.problems_found, self.labelled_problems)
    }
    pub fn agreement(&self) -> f64 {
        ratio(self.agreed, self.documents)
    }
}

fn ratio(n: usize, d: usize) -> f64 {
    if d == 0 {
        1.0
    } else {
        n as f64 / d as f64
    }
}

/// Scores over a labelled folder.
#[derive(Debug, Clone, Default)]
pub struct Scores {
    pub themes: BTreeMap<Theme, ThemeScore>,
    pub mismatches: Vec<Mismatch>,
}

impl Scores {
    /// Score one report against its expectation.
    pub fn add(&mut self, expectation: &Expectation, report: &DocumentReport) {
        for (theme, expected) in &expectation.themes {
            let actual = report
                .theme(*theme)
                .map(|v| Expected {
                    status: v.status,
                    days: v.days,
                })
                .unwrap_or(Expected {
                    status: Status::NotApplicable,
                    days: None,
                });
            let status_ok = actual.status == expected.status;
            let days_ok = expected.days.is_none() || expected.days == actual.days;
            let score = self.themes.entry(*theme).or_default();
            score.documents += 1;
            if status_ok && days_ok {
                score.agreed += 1;
            } else {
                self.mismatches.push(Mismatch {
                    document: expectation.document.clone(),
                    theme: *theme,
                    expected: *expected,
                    actual,
                });
            }
            if actual.status.is_problem() {
                score.flagged += 1;
                if status_ok {
                    score.flagged_correct += 1;
                }
            }
            if expected.status.is_problem() {
                score.labelled_problems += 1;
                if status_ok {
                    score.problems_found += 1;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sidecars_must_label_every_theme() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.expect.toml");
        std::fs::write(
            &path,
            "document = \"x.txt\"\n[themes]\nconsultation = { status = \"met\", days = 84 }\n",
        )
        .unwrap();
        let err = load_expectation(&path).unwrap_err().to_string();
        assert!(err.contains("funding-notice"), "{err}");
    }

    #[test]
    fn unknown_status_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.expect.toml");
        std::fs::write(
            &path,
            "document = \"x.txt\"\n[themes]\nconsultation = { status = \"fine\" }\n",
        )
        .unwrap();
        assert!(load_expectation(&path)
            .unwrap_err()
            .to_string()
            .contains("fine"));
    }
}
