//! The lexicon layer's one error type, and the positions it points at.
//!
//! A council officer editing a compact file needs to know which file, which line and which
//! column, and what to do about it; every [`LexiconError`] therefore carries a
//! [`SourceLocation`] and a hint, and displays as `FILE:LINE:COLUMN: problem (hint: ...)`,
//! the shape editors and CI problem matchers understand. Loading and validation collect
//! every error they find rather than stopping at the first.

use std::fmt;
use std::ops::Range;

/// Where in a lexicon source a problem is. Lines and columns are 1-based; the column counts
/// characters (not bytes) from the start of the line.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SourceLocation {
    /// The file as the user named it (`lexicon/durham.toml` for the bundled files).
    pub file: String,
    /// `None` when the problem concerns the whole file (it could not be read, say).
    pub position: Option<(usize, usize)>,
}

impl SourceLocation {
    /// The whole of `file`.
    pub fn file(file: impl Into<String>) -> Self {
        SourceLocation {
            file: file.into(),
            position: None,
        }
    }

    /// The position of byte `offset` in `text`, the contents of `file`. An offset past the
    /// end, or inside a character, is clamped to the nearest earlier character boundary.
    pub fn at_offset(file: impl Into<String>, text: &str, offset: usize) -> Self {
        let (line, column) = line_column(text, offset);
        SourceLocation {
            file: file.into(),
            position: Some((line, column)),
        }
    }

    /// The line, when known.
    pub fn line(&self) -> Option<usize> {
        self.position.map(|(l, _)| l)
    }

    /// The column, when known.
    pub fn column(&self) -> Option<usize> {
        self.position.map(|(_, c)| c)
    }
}

impl fmt::Display for SourceLocation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some((line, column)) => write!(f, "{}:{line}:{column}", self.file),
            None => f.write_str(&self.file),
        }
    }
}

/// 1-based line and character column of byte `offset` in `text`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// What kind of problem a [`LexiconError`] reports; lets callers and tests tell a syntax
/// error from a failed example without parsing messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LexiconErrorKind {
    /// The file or folder could not be read.
    Read,
    /// The text is not valid TOML.
    Syntax,
    /// Valid TOML that does not fit the schema: an unknown key, a missing key, a wrong type
    /// or an unknown value.
    Schema,
    /// Fits the schema but breaks a rule of the lexicon (a duplicate id, an unknown
    /// trigger, a missing example, ...).
    Invalid,
    /// A vocabulary pattern that is not a valid regular expression.
    Pattern,
    /// An example whose status differs from the one it expects.
    Example,
}

/// A problem in a lexicon file, with where it is and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{location}: {message} (hint: {hint})")]
pub struct LexiconError {
    pub kind: LexiconErrorKind,
    pub location: SourceLocation,
    /// What is wrong, in one line.
    pub message: String,
    /// What to do about it, in one line.
    pub hint: String,
}

impl LexiconError {
    pub fn new(
        kind: LexiconErrorKind,
        location: SourceLocation,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> Self {
        LexiconError {
            kind,
            location,
            message: message.into(),
            hint: hint.into(),
        }
    }
}

/// A source text with its display name: enough to turn byte spans into locations.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SourceRef<'a> {
    pub name: &'a str,
    pub text: &'a str,
}

impl SourceRef<'_> {
    pub fn at(&self, span: &Range<usize>) -> SourceLocation {
        SourceLocation::at_offset(self.name, self.text, span.start)
    }

    pub fn error(
        &self,
        kind: LexiconErrorKind,
        span: &Range<usize>,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> LexiconError {
        LexiconError::new(kind, self.at(span), message, hint)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_are_one_based_and_count_characters() {
        let text = "ab\nc’d = 1\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 2), (1, 3));
        assert_eq!(line_column(text, 3), (2, 1));
        // 'd' follows a three-byte apostrophe: byte 7, character column 3.
        assert_eq!(line_column(text, 7), (2, 3));
        // Inside the apostrophe: clamped back to its start.
        assert_eq!(line_column(text, 5), (2, 2));
        assert_eq!(line_column(text, 999), (3, 1));
    }

    #[test]
    fn displays_file_line_column_problem_and_hint() {
        let e = LexiconError::new(
            LexiconErrorKind::Invalid,
            SourceLocation::at_offset("x.toml", "a\nb", 2),
            "duplicate id `x/1`",
            "ids must be unique",
        );
        assert_eq!(
            e.to_string(),
            "x.toml:2:1: duplicate id `x/1` (hint: ids must be unique)"
        );
        let whole = LexiconError::new(
            LexiconErrorKind::Read,
            SourceLocation::file("missing.toml"),
            "no such file",
            "check the path",
        );
        assert_eq!(
            whole.to_string(),
            "missing.toml: no such file (hint: check the path)"
        );
    }
}
