//! Printing for the binary: errors to stderr, and the error type commands return.

use std::fmt;
use std::io::Write;
use std::path::Path;

/// A command's failure, already phrased for a person: what, where, and what to do.
#[derive(Debug)]
pub struct CliError {
    message: String,
    broken_pipe: bool,
}

impl CliError {
    pub fn new(message: impl Into<String>) -> Self {
        CliError {
            message: message.into(),
            broken_pipe: false,
        }
    }

    /// An error about one input file: "FILE: problem".
    pub fn input(path: &Path, problem: impl fmt::Display) -> Self {
        CliError::new(format!("{}: {problem}", path.display()))
    }

    /// Writing to stdout failed because the reader went away (`| head`): not an error.
    pub fn is_broken_pipe(&self) -> bool {
        self.broken_pipe
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl From<std::io::Error> for CliError {
    fn from(e: std::io::Error) -> Self {
        CliError {
            broken_pipe: e.kind() == std::io::ErrorKind::BrokenPipe,
            message: format!("could not write output: {e}"),
        }
    }
}

/// Print one error line to stderr, prefixed with the program name.
pub fn error_line(message: &str) {
    let mut stderr = anstream::stderr();
    let _ = writeln!(stderr, "compactproof: error: {message}");
}

/// Print one warning line to stderr.
pub fn warning_line(message: &str) {
    let mut stderr = anstream::stderr();
    let _ = writeln!(stderr, "compactproof: warning: {message}");
}
