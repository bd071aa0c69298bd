//! Reading lexicon files: the bundled ones compiled into the binary, and a council's own
//! file or folder named with `--lexicon PATH`.
//!
//! Parsing is strict (unknown keys, missing keys and unknown values are errors) and every
//! failure becomes a [`LexiconError`] at the file, line and column the TOML parser points
//! at. A second, lenient pass over the same text records where each undertaking's keys are
//! (their byte spans), so that the semantic checks in [`super::validate`] can point at the
//! offending `id = "..."` or `applies-when = "..."` too, without the model types carrying
//! spans the engine has no use for.

use super::error::{LexiconError, LexiconErrorKind, SourceLocation, SourceRef};
use super::model::CompactFile;
use super::vocabulary::VOCABULARY_FILE_NAME;
use serde::Deserialize;
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// Lexicon files larger than this are refused (the biggest bundled file is about 60 KB).
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// Where a lexicon file came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Compiled into the binary from `lexicon/` in the repository.
    Bundled,
    /// Read at run time from this path.
    User(PathBuf),
}

impl Origin {
    pub fn is_bundled(&self) -> bool {
        matches!(self, Origin::Bundled)
    }
}

/// The text of one lexicon file and the name errors call it by.
#[derive(Debug, Clone)]
pub struct LexiconSource {
    /// `lexicon/durham.toml` for a bundled file; the path as given for a user's file.
    pub name: String,
    pub text: String,
    pub origin: Origin,
}

impl LexiconSource {
    /// True for a vocabulary file (named `vocabulary.toml`); every other file is a compact.
    pub fn is_vocabulary(&self) -> bool {
        Path::new(&self.name).file_name().and_then(|n| n.to_str()) == Some(VOCABULARY_FILE_NAME)
    }

    pub(crate) fn as_ref(&self) -> SourceRef<'_> {
        SourceRef {
            name: &self.name,
            text: &self.text,
        }
    }
}

/// The files compiled into the binary, vocabulary first.
const BUNDLED: [(&str, &str); 5] = [
    (
        "lexicon/vocabulary.toml",
        include_str!("../../lexicon/vocabulary.toml"),
    ),
    (
        "lexicon/durham.toml",
        include_str!("../../lexicon/durham.toml"),
    ),
    (
        "lexicon/stockton.toml",
        include_str!("../../lexicon/stockton.toml"),
    ),
    (
        "lexicon/redcar.toml",
        include_str!("../../lexicon/redcar.toml"),
    ),
    (
        "lexicon/staffordshire.toml",
        include_str!("../../lexicon/staffordshire.toml"),
    ),
];

/// The bundled lexicon files, vocabulary first, then one file per compact.
pub fn bundled_sources() -> Vec<LexiconSource> {
    BUNDLED
        .iter()
        .map(|(name, text)| LexiconSource {
            name: (*name).to_string(),
            text: (*text).to_string(),
            origin: Origin::Bundled,
        })
        .collect()
}

/// Read each path: a `.toml` file, or a folder whose `*.toml` files (not those in
/// subfolders) are read in name order. A path named twice is read once. Every problem is
/// returned, alongside whatever could be read.
pub fn read_paths<P: AsRef<Path>>(paths: &[P]) -> (Vec<LexiconSource>, Vec<LexiconError>) {
    let mut sources = Vec::new();
    let mut errors = Vec::new();
    let mut seen: Vec<PathBuf> = Vec::new();
    for path in paths {
        let path = path.as_ref();
        let name = path.display().to_string();
        let metadata = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) => {
                errors.push(read_error(&name, &e));
                continue;
            }
        };
        let files = if metadata.is_dir() {
            match toml_files_in(path) {
                Ok(files) if files.is_empty() => {
                    errors.push(LexiconError::new(
                        LexiconErrorKind::Read,
                        SourceLocation::file(&name),
                        "this folder has no .toml files",
                        "put one file per compact in it, e.g. sunderland.toml; see lexicon/README.md",
                    ));
                    continue;
                }
                Ok(files) => files,
                Err(e) => {
                    errors.push(read_error(&name, &e));
                    continue;
                }
            }
        } else {
            if path.extension().and_then(|e| e.to_str()) != Some("toml") {
                errors.push(LexiconError::new(
                    LexiconErrorKind::Read,
                    SourceLocation::file(&name),
                    "a lexicon file must be a .toml file",
                    "name a compact file (e.g. sunderland.toml) or a folder of them; drafts to proof are given without --lexicon",
                ));
                continue;
            }
            vec![path.to_path_buf()]
        };
        for file in files {
            let canonical = std::fs::canonicalize(&file).unwrap_or_else(|_| file.clone());
            if seen.contains(&canonical) {
                continue;
            }
            seen.push(canonical);
            match read_one(&file) {
                Ok(source) => sources.push(source),
                Err(e) => errors.push(e),
            }
        }
    }
    (sources, errors)
}

fn toml_files_in(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_file() && path.extension().and_then(|e| e.to_str()) == Some("toml") {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

fn read_one(path: &Path) -> Result<LexiconSource, LexiconError> {
    let name = path.display().to_string();
    let metadata = std::fs::metadata(path).map_err(|e| read_error(&name, &e))?;
    if metadata.len() > MAX_FILE_BYTES {
        return Err(LexiconError::new(
            LexiconErrorKind::Read,
            SourceLocation::file(&name),
            format!(
                "the file is {} bytes, over the limit of {MAX_FILE_BYTES} bytes",
                metadata.len()
            ),
            "a compact file is a few tens of kilobytes; is this the right file?",
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| read_error(&name, &e))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        LexiconError::new(
            LexiconErrorKind::Read,
            SourceLocation::at_offset(
                &name,
                &String::from_utf8_lossy(e.as_bytes()),
                e.utf8_error().valid_up_to(),
            ),
            "the file is not UTF-8 text",
            "save it as UTF-8 (TOML files must be UTF-8)",
        )
    })?;
    let text = text
        .strip_prefix('\u{FEFF}')
        .map(str::to_string)
        .unwrap_or(text);
    Ok(LexiconSource {
        name,
        text,
        origin: Origin::User(path.to_path_buf()),
    })
}

fn read_error(name: &str, e: &std::io::Error) -> LexiconError {
    let (message, hint) = match e.kind() {
        std::io::ErrorKind::NotFound => (
            "no such file or folder".to_string(),
            "check the path given to --lexicon",
        ),
        std::io::ErrorKind::PermissionDenied => (
            "permission denied".to_string(),
            "check the file's permissions",
        ),
        _ => (
            format!("could not read: {e}"),
            "check the path and try again",
        ),
    };
    LexiconError::new(
        LexiconErrorKind::Read,
        SourceLocation::file(name),
        message,
        hint,
    )
}

/// Turn a TOML error into a [`LexiconError`]: a syntax error if the text is not TOML at all,
/// else a schema error (unknown key, missing key, wrong type, unknown value), each with a
/// hint for the usual fix.
pub(crate) fn toml_error(source: SourceRef<'_>, e: &toml::de::Error) -> LexiconError {
    let span = e.span().unwrap_or(0..0);
    let message = e.message().trim().to_string();
    let is_syntax = source.text.parse::<toml::Table>().is_err();
    let (kind, hint) = if is_syntax {
        (
            LexiconErrorKind::Syntax,
            "this is not valid TOML here: check for a missing quote, `=` or bracket (see https://toml.io)".to_string(),
        )
    } else if message.starts_with("unknown field") {
        (
            LexiconErrorKind::Schema,
            "check the spelling; the keys each table allows are listed in lexicon/README.md"
                .to_string(),
        )
    } else if let Some(rest) = message.strip_prefix("missing field") {
        let key = rest.trim().trim_matches('`');
        (
            LexiconErrorKind::Schema,
            format!(
                "add `{key} = ...` to this table; required keys are listed in lexicon/README.md"
            ),
        )
    } else if message.starts_with("unknown variant") {
        (
            LexiconErrorKind::Schema,
            "use one of the values listed in the message".to_string(),
        )
    } else if message.starts_with("invalid type") {
        (
            LexiconErrorKind::Schema,
            "check the value's type: text in quotes, numbers and true/false without, lists in [ ]"
                .to_string(),
        )
    } else {
        (
            LexiconErrorKind::Schema,
            "see lexicon/README.md for the format".to_string(),
        )
    };
    let message = message.lines().next().unwrap_or("").to_string();
    source.error(kind, &span, message, hint)
}

/// A compact file as parsed, with where its keys are in the text.
#[derive(Debug, Clone)]
pub(crate) struct ParsedCompact {
    pub file: CompactFile,
    pub spans: FileSpans,
}

/// Parse a compact file strictly, then record the spans of the keys validation reports on.
pub(crate) fn parse_compact(source: SourceRef<'_>) -> Result<ParsedCompact, LexiconError> {
    let file: CompactFile = toml::from_str(source.text).map_err(|e| toml_error(source, &e))?;
    // The strict parse succeeded, so the lenient one describes the same tables; if it
    // somehow fails, errors fall back to pointing at the file.
    let spans: FileSpans = toml::from_str(source.text).unwrap_or_default();
    Ok(ParsedCompact { file, spans })
}

/// The spans of the keys validation may report on. Lenient: every key optional, unknown
/// keys ignored (the strict parse has already checked them).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) struct FileSpans {
    pub schema: Option<Spanned<u32>>,
    pub compact: Option<CompactSpans>,
    #[serde(default)]
    pub undertaking: Vec<UndertakingSpans>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) struct CompactSpans {
    pub id: Option<Spanned<String>>,
    pub title: Option<Spanned<String>>,
    pub area: Option<Spanned<String>>,
    pub version: Option<Spanned<String>>,
    pub source: Option<Spanned<String>>,
    pub names: Option<Vec<Spanned<String>>>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) struct UndertakingSpans {
    pub id: Option<Spanned<String>>,
    pub citation: Option<Spanned<String>>,
    pub party: Option<Spanned<String>>,
    pub quote: Option<Spanned<String>>,
    pub summary: Option<Spanned<String>>,
    pub not_checkable: Option<Spanned<String>>,
    #[serde(default)]
    pub requirement: Vec<RequirementSpans>,
    #[serde(default)]
    pub example: Vec<ExampleSpans>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) struct RequirementSpans {
    pub kind: Option<Spanned<String>>,
    pub applies_when: Option<Spanned<String>>,
    pub min: Option<Spanned<u32>>,
    pub get_out: Option<Spanned<String>>,
    pub duty: Option<Spanned<String>>,
    pub mention: Option<Spanned<String>>,
    pub vocabulary: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) struct ExampleSpans {
    pub text: Option<Spanned<String>>,
}

/// The span of an optional spanned value, or `fallback`.
pub(crate) fn span_or<T>(value: Option<&Spanned<T>>, fallback: &Range<usize>) -> Range<usize> {
    value.map_or_else(|| fallback.clone(), Spanned::span)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(text: &str) -> SourceRef<'_> {
        SourceRef {
            name: "x.toml",
            text,
        }
    }

    const HEAD: &str = "schema = 1\n[compact]\nid = \"x\"\ntitle = \"X\"\narea = \"X\"\nversion = \"1\"\nsource = \"x.txt\"\n";

    #[test]
    fn an_unknown_key_is_reported_at_the_key() {
        let text = format!("{HEAD}[[undertaking]]\nid = \"x/1\"\ncitaton = \"X 1\"\n");
        let e = parse_compact(src(&text)).unwrap_err();
        assert_eq!(e.kind, LexiconErrorKind::Schema);
        assert_eq!(e.location.position, Some((10, 1)), "{e}");
        assert!(e.message.contains("unknown field `citaton`"), "{e}");
    }

    #[test]
    fn a_syntax_error_is_reported_where_the_parser_stopped() {
        let text = format!("{HEAD}[[undertaking]]\nid = \"x/1\ncitation = \"X 1\"\n");
        let e = parse_compact(src(&text)).unwrap_err();
        assert_eq!(e.kind, LexiconErrorKind::Syntax);
        assert_eq!(e.location.line(), Some(9), "{e}");
    }

    #[test]
    fn an_unknown_value_names_the_choices() {
        let text = format!(
            "{HEAD}[[undertaking]]\nid = \"x/1\"\ncitation = \"c\"\nparty = \"council\"\ntheme = \"consultation\"\nquote = \"q\"\nsummary = \"s\"\nnot-checkable = \"n\"\n"
        );
        let e = parse_compact(src(&text)).unwrap_err();
        assert_eq!(e.location.position, Some((11, 9)), "{e}");
        assert!(e.message.contains("unknown variant `council`"), "{e}");
    }

    #[test]
    fn spans_locate_each_undertaking_key() {
        let text = format!(
            "{HEAD}[[undertaking]]\nid = \"x/1\"\ncitation = \"c\"\nparty = \"public\"\ntheme = \"consultation\"\nquote = \"q\"\nsummary = \"s\"\nnot-checkable = \"n\"\n"
        );
        let parsed = parse_compact(src(&text)).unwrap();
        let id = parsed.spans.undertaking[0].id.as_ref().unwrap();
        assert_eq!(src(&text).at(&id.span()).position, Some((9, 6)));
    }
}
