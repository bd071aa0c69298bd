//! Which compacts and lexicon files a command uses: command-line options first, then the
//! nearest `compactproof.toml`, then the bundled lexicon with every compact.

use super::output::CliError;
use compactproof::config::{Config, FailOn};
use compactproof::lexicon::Lexicon;
use std::path::PathBuf;

/// Options shared by every command that proofs against compacts.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct Selection {
    /// Check against this compact only (repeatable); default: every loaded compact, each
    /// requirement reported once citing every compact that carries it.
    #[arg(long = "compact", value_name = "ID")]
    compacts: Vec<String>,
    /// Add a council's own compact: a lexicon .toml file or a folder of them (repeatable).
    #[arg(long = "lexicon", value_name = "PATH")]
    lexicons: Vec<PathBuf>,
    /// Ignore any compactproof.toml in this folder or its parents.
    #[arg(long)]
    no_config: bool,
}

/// The resolved settings.
pub struct Settings {
    pub lexicon: Lexicon,
    pub compacts: Vec<String>,
    pub fail_on: Option<FailOn>,
}

impl Selection {
    pub fn resolve(&self) -> Result<Settings, CliError> {
        let config = if self.no_config {
            None
        } else {
            let here = std::env::current_dir()
                .map_err(|e| CliError::new(format!("cannot find the current folder: {e}")))?;
            Config::discover(&here).map_err(|e| CliError::new(e.to_string()))?
        };
        let config = config.unwrap_or_default();
        let mut paths = config.lexicon.clone();
        paths.extend(self.lexicons.iter().cloned());
        let lexicon = if paths.is_empty() {
            Lexicon::bundled()
        } else {
            Lexicon::load_paths(&paths).map_err(|errors| {
                CliError::new(
                    errors
                        .iter()
                        .map(|e| e.to_string())
                        .collect::<Vec<_>>()
                        .join("\ncompactproof: error: "),
                )
            })?
        };
        let compacts = if self.compacts.is_empty() {
            config.compacts.clone()
        } else {
            self.compacts.clone()
        };
        Ok(Settings {
            lexicon,
            compacts,
            fail_on: config.fail_on,
        })
    }
}
