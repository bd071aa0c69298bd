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

/// `--fail-on`, shared by the commands that report findings.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum FailOnArg {
    Error,
    Warning,
    Never,
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
                let mut lines: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
                lines.push(format!(
                    "the lexicon has {} problem{}; `compactproof lexicon check PATH` lists them too",
                    errors.len(),
                    if errors.len() == 1 { "" } else { "s" }
                ));
                CliError::new(lines.join("\n"))
            })?
        };
        let compacts = if self.compacts.is_empty() {
            config.compacts.clone()
        } else {
            self.compacts.clone()
        };
        for id in &compacts {
            if lexicon.compact(id).is_none() {
                let known: Vec<&str> = lexicon.compacts().iter().map(|c| c.id()).collect();
                let close = lexicon.suggest_compacts(id, 2);
                let hint = if close.is_empty() {
                    String::new()
                } else {
                    format!("did you mean `{}`? ", close.join("` or `"))
                };
                return Err(CliError::new(format!(
                    "unknown compact `{id}`; {hint}known compacts: {}",
                    known.join(", ")
                )));
            }
        }
        Ok(Settings {
            lexicon,
            compacts,
            fail_on: config.fail_on,
        })
    }
}

impl Settings {
    /// `--fail-on` if given, else the config file's, else `warning`.
    pub fn fail_on(&self, arg: Option<FailOnArg>) -> FailOn {
        match arg {
            Some(FailOnArg::Error) => FailOn::Error,
            Some(FailOnArg::Warning) => FailOn::Warning,
            Some(FailOnArg::Never) => FailOn::Never,
            None => self.fail_on.unwrap_or(FailOn::Warning),
        }
    }

    /// The lexicon with only the selected compacts (all of them when none is selected).
    pub fn narrowed_lexicon(mut self) -> Lexicon {
        self.lexicon.retain_compacts(&self.compacts);
        self.lexicon
    }
}
