//! Project defaults from a `compactproof.toml`.
//!
//! Like Vale's `.vale.ini`, a `compactproof.toml` in the current folder or any parent sets
//! defaults for everyone working in that tree (a council's policy repository, say): which
//! compact(s) to check against, extra lexicon files, and when to fail. Command-line options
//! always win over the file. Parsing is strict: a misspelt key is an error with its line and
//! column, not a silently ignored setting.
//!
//! ```toml
//! # compactproof.toml
//! compacts = ["durham"]          # --compact
//! lexicon = ["lexicon/sunderland.toml"]   # --lexicon, relative to this file
//! fail-on = "warning"            # --fail-on: error | warning | never
//! ```

use serde::Deserialize;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// The file name searched for.
pub const CONFIG_FILE: &str = "compactproof.toml";

/// A configuration problem, with the file and position.
#[derive(Debug, Error)]
pub enum ConfigError {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}:{line}:{column}: {message}")]
    Parse {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
}

/// When exit code 1 is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FailOn {
    Error,
    Warning,
    Never,
}

impl FailOn {
    /// True when findings as bad as `worst` should make the run exit with code 1.
    pub fn fails(self, worst: Option<crate::findings::Severity>) -> bool {
        use crate::findings::Severity;
        match (self, worst) {
            (FailOn::Never, _) | (_, None) => false,
            (FailOn::Warning, Some(s)) => s >= Severity::Warning,
            (FailOn::Error, Some(s)) => s >= Severity::Error,
        }
    }
}

/// The settings a `compactproof.toml` may hold.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// Compact ids to check against (default: every loaded compact).
    #[serde(default)]
    pub compacts: Vec<String>,
    /// Extra lexicon files or folders, resolved relative to the config file.
    #[serde(default)]
    pub lexicon: Vec<PathBuf>,
    pub fail_on: Option<FailOn>,
    /// Where the file was found (set after loading).
    #[serde(skip)]
    pub path: Option<PathBuf>,
}

impl Config {
    /// Find and load the nearest `compactproof.toml` from `start` upwards; `Ok(None)` when
    /// there is none.
    pub fn discover(start: &Path) -> Result<Option<Config>, ConfigError> {
        let mut dir = Some(start);
        while let Some(d) = dir {
            let candidate = d.join(CONFIG_FILE);
            if candidate.is_file() {
                return Config::load(&candidate).map(Some);
            }
            dir = d.parent();
        }
        Ok(None)
    }

    /// Load one config file; lexicon paths are made relative to its folder.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let mut config: Config = toml::from_str(&text).map_err(|e| {
            let (line, column) = e
                .span()
                .map(|s| line_column(&text, s.start))
                .unwrap_or((1, 1));
            ConfigError::Parse {
                path: path.to_path_buf(),
                line,
                column,
                message: e.message().to_string(),
            }
        })?;
        let base = path.parent().unwrap_or_else(|| Path::new("."));
        config.lexicon = config
            .lexicon
            .iter()
            .map(|p| {
                if p.is_absolute() {
                    p.clone()
                } else {
                    base.join(p)
                }
            })
            .collect();
        config.path = Some(path.to_path_buf());
        Ok(config)
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discovers_the_nearest_file_upwards() {
        let root = tempfile::tempdir().unwrap();
        std::fs::write(
            root.path().join(CONFIG_FILE),
            "compacts = [\"durham\"]\nlexicon = [\"extra.toml\"]\nfail-on = \"error\"\n",
        )
        .unwrap();
        let nested = root.path().join("a/b");
        std::fs::create_dir_all(&nested).unwrap();
        let config = Config::discover(&nested).unwrap().unwrap();
        assert_eq!(config.compacts, vec!["durham"]);
        assert_eq!(config.fail_on, Some(FailOn::Error));
        assert_eq!(config.lexicon, vec![root.path().join("extra.toml")]);
    }

    #[test]
    fn unknown_keys_are_errors_with_a_position() {
        let root = tempfile::tempdir().unwrap();
        let path = root.path().join(CONFIG_FILE);
        std::fs::write(&path, "compacts = []\ncompact = [\"durham\"]\n").unwrap();
        let err = Config::load(&path).unwrap_err().to_string();
        assert!(err.contains(":2:1:"), "{err}");
        assert!(err.contains("compact"), "{err}");
    }
}
