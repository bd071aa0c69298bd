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

/// Print one line about what was done (a file written) to stderr.
pub fn note_line(message: &str) {
    let mut stderr = anstream::stderr();
    let _ = writeln!(stderr, "compactproof: {message}");
}

/// Print one warning line to stderr.
pub fn warning_line(message: &str) {
    let mut stderr = anstream::stderr();
    let _ = writeln!(stderr, "compactproof: warning: {message}");
}

/// True when standard output is a terminal that wants colour (never with `NO_COLOR`).
pub fn stdout_wants_color() -> bool {
    let choice = anstream::AutoStream::choice(&std::io::stdout());
    !matches!(choice, anstream::ColorChoice::Never)
}

/// Write `content` to `output` atomically (a temporary file in the same folder, then a
/// rename), or to standard output when `output` is `None`. Refuses to write over any of
/// `inputs` (also through links), and to replace an existing file unless `force`.
pub fn write_output(
    output: Option<&Path>,
    content: &str,
    inputs: &[std::path::PathBuf],
    force: bool,
) -> Result<(), CliError> {
    let Some(path) = output else {
        let mut stdout = anstream::stdout().lock();
        stdout.write_all(content.as_bytes())?;
        if !content.ends_with('\n') && !content.is_empty() {
            stdout.write_all(b"\n")?;
        }
        stdout.flush()?;
        return Ok(());
    };
    write_file_atomically(path, content.as_bytes(), inputs, force)
}

/// The safety rules for every file compactproof writes; see [`write_output`].
pub fn write_file_atomically(
    path: &Path,
    bytes: &[u8],
    inputs: &[std::path::PathBuf],
    force: bool,
) -> Result<(), CliError> {
    let target = resolve(path);
    for input in inputs {
        if input.as_os_str() != "-" && resolve(input) == target {
            return Err(CliError::input(
                path,
                "is an input file; compactproof never writes over its input. Choose another output name",
            ));
        }
    }
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
        // A device or a pipe (/dev/null, /dev/stdout, a FIFO): write into it. Renaming a
        // file over it would replace the device itself.
        return std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .and_then(|mut f| f.write_all(bytes))
            .map_err(|e| CliError::input(path, format!("cannot write: {e}")));
    }
    if path.exists() && !force {
        return Err(CliError::input(
            path,
            "already exists; use --force to replace it",
        ));
    }
    if path.is_dir() {
        return Err(CliError::input(path, "is a directory"));
    }
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let mut temp = tempfile::Builder::new()
        .prefix(".compactproof-")
        .tempfile_in(&folder)
        .map_err(|e| {
            CliError::input(
                path,
                format!("cannot create a file in {}: {e}", folder.display()),
            )
        })?;
    temp.write_all(bytes)
        .and_then(|_| temp.as_file().sync_all())
        .map_err(|e| CliError::input(path, format!("cannot write: {e}")))?;
    // A temporary file is private (0600); the report is an ordinary file: keep the mode of
    // the file it replaces, or give a new one the usual 0644.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&target)
            .map(|m| m.permissions().mode() & 0o7777)
            .unwrap_or(0o644);
        std::fs::set_permissions(temp.path(), std::fs::Permissions::from_mode(mode))
            .map_err(|e| CliError::input(path, format!("cannot set permissions: {e}")))?;
    }
    temp.persist(&target)
        .map_err(|e| CliError::input(path, format!("cannot write: {}", e.error)))?;
    Ok(())
}

/// The real path a name refers to, following links; for a file that does not exist yet,
/// its folder's real path joined with its name.
fn resolve(path: &Path) -> std::path::PathBuf {
    if let Ok(real) = std::fs::canonicalize(path) {
        return real;
    }
    let name = path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    std::fs::canonicalize(parent)
        .unwrap_or_else(|_| parent.to_path_buf())
        .join(name)
}
