//! The loaded lexicon: every compact and undertaking, looked up by id, with the vocabulary
//! compiled once for the run.
//!
//! A [`Lexicon`] is built from the bundled files ([`Lexicon::bundled`]) plus, optionally, a
//! council's own files ([`Lexicon::load_paths`]). Building runs every check in
//! [`super::validate`], so a `Lexicon` value is always valid: the engine never has to ask
//! whether a trigger exists or an id is unique.

use super::error::{LexiconError, LexiconErrorKind, SourceLocation, SourceRef};
use super::load::{
    bundled_sources, parse_compact, read_paths, LexiconSource, Origin, ParsedCompact,
};
use super::model::{CompactMeta, Undertaking};
use super::suggest::closest;
use super::validate::validate_compacts;
use super::vocabulary::{compile, parse_vocabulary, CompiledVocabulary};
use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

/// One loaded compact: its metadata, where it came from, and its undertakings' positions.
#[derive(Debug, Clone)]
pub struct Compact {
    pub meta: CompactMeta,
    pub origin: Origin,
    /// The file's name as reported in messages (`lexicon/durham.toml` when bundled).
    pub file: String,
    undertakings: Range<usize>,
}

impl Compact {
    /// The compact id (`durham`).
    pub fn id(&self) -> &str {
        &self.meta.id
    }
}

/// Where an undertaking and its examples are in their file, for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UndertakingSite {
    /// The `id = "..."` line.
    pub id: SourceLocation,
    /// Each example's `text = "..."`, in order.
    pub examples: Vec<SourceLocation>,
}

/// Every loaded compact and undertaking, and the compiled vocabulary. Always valid.
#[derive(Debug, Clone)]
pub struct Lexicon {
    compacts: Vec<Compact>,
    undertakings: Vec<Undertaking>,
    /// For each undertaking, the index of its compact.
    owner: Vec<usize>,
    sites: Vec<UndertakingSite>,
    by_id: HashMap<String, usize>,
    vocabulary: CompiledVocabulary,
}

/// The outcome of building a lexicon: the lexicon when there were no errors, and the errors.
pub(crate) struct Build {
    pub lexicon: Option<Lexicon>,
    pub errors: Vec<LexiconError>,
}

impl Lexicon {
    /// The lexicon compiled into the binary: the four bundled compacts and the vocabulary.
    ///
    /// The bundled files are checked by the test suite, so this cannot fail on a released
    /// build; a broken bundled file is a build bug and panics with its errors.
    pub fn bundled() -> Lexicon {
        let build = build(bundled_sources());
        match build.lexicon {
            Some(lexicon) => lexicon,
            None => panic!(
                "the bundled lexicon is invalid:\n{}",
                build
                    .errors
                    .iter()
                    .map(|e| e.to_string())
                    .collect::<Vec<_>>()
                    .join("\n")
            ),
        }
    }

    /// The bundled lexicon plus a council's own files: each path is a `.toml` file or a
    /// folder of them. A file named `vocabulary.toml` extends the bundled vocabulary; every
    /// other file is one compact. Returns every error found, in file order.
    pub fn load_paths<P: AsRef<Path>>(paths: &[P]) -> Result<Lexicon, Vec<LexiconError>> {
        let (user, mut errors) = read_paths(paths);
        let mut sources = bundled_sources();
        sources.extend(user);
        let build = build(sources);
        errors.extend(build.errors);
        errors.sort_by(|a, b| a.location.cmp(&b.location));
        match build.lexicon {
            Some(lexicon) if errors.is_empty() => Ok(lexicon),
            _ => Err(errors),
        }
    }

    /// Build from sources already in memory (vocabulary files are recognised by name;
    /// pass the bundled sources too, from [`super::load::bundled_sources`], to extend them).
    pub fn from_sources(sources: Vec<LexiconSource>) -> Result<Lexicon, Vec<LexiconError>> {
        let build = build(sources);
        match build.lexicon {
            Some(lexicon) => Ok(lexicon),
            None => Err(build.errors),
        }
    }

    /// Every compact, bundled first, in file order.
    pub fn compacts(&self) -> &[Compact] {
        &self.compacts
    }

    /// The compact with this id.
    pub fn compact(&self, id: &str) -> Option<&Compact> {
        self.compacts.iter().find(|c| c.id() == id)
    }

    /// Every undertaking, compact by compact, each in file order.
    pub fn undertakings(&self) -> &[Undertaking] {
        &self.undertakings
    }

    /// The undertaking with this id (`durham/4.4`).
    pub fn undertaking(&self, id: &str) -> Option<&Undertaking> {
        self.by_id.get(id).map(|&i| &self.undertakings[i])
    }

    /// The undertakings of the compact with this id, in file order (empty for an unknown id).
    pub fn undertakings_of(&self, compact_id: &str) -> &[Undertaking] {
        self.compact(compact_id)
            .map_or(&[], |c| &self.undertakings[c.undertakings.clone()])
    }

    /// The compact an undertaking belongs to.
    pub fn compact_of(&self, undertaking_id: &str) -> Option<&Compact> {
        self.by_id
            .get(undertaking_id)
            .map(|&i| &self.compacts[self.owner[i]])
    }

    /// Every undertaking with its compact.
    pub fn entries(&self) -> impl Iterator<Item = (&Compact, &Undertaking)> {
        self.undertakings
            .iter()
            .zip(&self.owner)
            .map(|(u, &c)| (&self.compacts[c], u))
    }

    /// Where an undertaking and its examples are written.
    pub fn site(&self, undertaking_id: &str) -> Option<&UndertakingSite> {
        self.by_id.get(undertaking_id).map(|&i| &self.sites[i])
    }

    /// The compiled triggers and vocabularies.
    pub fn vocabulary(&self) -> &CompiledVocabulary {
        &self.vocabulary
    }

    /// Up to `max` known undertaking ids closest to `id`, for "did you mean".
    pub fn suggest_undertakings(&self, id: &str, max: usize) -> Vec<&str> {
        closest(id, self.undertakings.iter().map(|u| u.id.as_str()), max)
    }

    /// Up to `max` known compact ids closest to `id`.
    pub fn suggest_compacts(&self, id: &str, max: usize) -> Vec<&str> {
        closest(id, self.compacts.iter().map(|c| c.id()), max)
    }

    /// Keep only the compacts whose ids are listed (unknown ids are ignored; check them
    /// with [`Self::compact`] first). An empty list keeps everything. The vocabulary is
    /// unchanged.
    pub fn retain_compacts<S: AsRef<str>>(&mut self, ids: &[S]) {
        if ids.is_empty() {
            return;
        }
        let keep: Vec<bool> = self
            .compacts
            .iter()
            .map(|c| ids.iter().any(|id| id.as_ref() == c.id()))
            .collect();
        let old_compacts = std::mem::take(&mut self.compacts);
        let old_undertakings = std::mem::take(&mut self.undertakings);
        let old_sites = std::mem::take(&mut self.sites);
        self.owner.clear();
        self.by_id.clear();
        let mut undertakings: Vec<Option<Undertaking>> =
            old_undertakings.into_iter().map(Some).collect();
        let mut sites: Vec<Option<UndertakingSite>> = old_sites.into_iter().map(Some).collect();
        for (mut compact, kept) in old_compacts.into_iter().zip(keep) {
            if !kept {
                continue;
            }
            let start = self.undertakings.len();
            for i in compact.undertakings.clone() {
                if let (Some(u), Some(s)) = (undertakings[i].take(), sites[i].take()) {
                    self.by_id.insert(u.id.clone(), self.undertakings.len());
                    self.undertakings.push(u);
                    self.sites.push(s);
                    self.owner.push(self.compacts.len());
                }
            }
            compact.undertakings = start..self.undertakings.len();
            self.compacts.push(compact);
        }
    }
}

/// Build a lexicon from sources: parse and merge the vocabularies, parse the compacts,
/// validate everything, and assemble the result if nothing is wrong.
pub(crate) fn build(sources: Vec<LexiconSource>) -> Build {
    let mut errors = Vec::new();
    let (vocab_sources, compact_sources): (Vec<&LexiconSource>, Vec<&LexiconSource>) =
        sources.iter().partition(|s| s.is_vocabulary());

    let mut vocab_files = Vec::new();
    for source in &vocab_sources {
        match parse_vocabulary(source.as_ref()) {
            Ok(file) => vocab_files.push((source.as_ref(), file)),
            Err(e) => errors.push(e),
        }
    }
    if vocab_sources.is_empty() {
        errors.push(LexiconError::new(
            LexiconErrorKind::Invalid,
            SourceLocation::file("vocabulary.toml"),
            "no vocabulary was loaded",
            "load the bundled vocabulary before any compact file",
        ));
    }
    let refs: Vec<(SourceRef<'_>, &super::vocabulary::VocabularyFile)> =
        vocab_files.iter().map(|(s, f)| (*s, f)).collect();
    let (vocabulary, vocab_errors) = compile(&refs);
    errors.extend(vocab_errors);

    let mut parsed: Vec<(&LexiconSource, ParsedCompact)> = Vec::new();
    for source in &compact_sources {
        match parse_compact(source.as_ref()) {
            Ok(p) => parsed.push((source, p)),
            Err(e) => errors.push(e),
        }
    }
    let to_validate: Vec<(SourceRef<'_>, &ParsedCompact)> =
        parsed.iter().map(|(s, p)| (s.as_ref(), p)).collect();
    errors.extend(validate_compacts(&to_validate, &vocabulary));
    // File by file, top to bottom: the order a person fixes them in.
    errors.sort_by(|a, b| a.location.cmp(&b.location));

    if !errors.is_empty() {
        return Build {
            lexicon: None,
            errors,
        };
    }

    let mut lexicon = Lexicon {
        compacts: Vec::new(),
        undertakings: Vec::new(),
        owner: Vec::new(),
        sites: Vec::new(),
        by_id: HashMap::new(),
        vocabulary,
    };
    for (source, p) in parsed {
        let start = lexicon.undertakings.len();
        let r = source.as_ref();
        for (i, u) in p.file.undertakings.into_iter().enumerate() {
            let spans = p.spans.undertaking.get(i);
            let id_at = spans
                .and_then(|s| s.id.as_ref())
                .map_or_else(|| SourceLocation::file(&source.name), |s| r.at(&s.span()));
            let examples = (0..u.examples.len())
                .map(|e| {
                    spans
                        .and_then(|s| s.example.get(e))
                        .and_then(|x| x.text.as_ref())
                        .map_or_else(|| id_at.clone(), |t| r.at(&t.span()))
                })
                .collect();
            lexicon
                .by_id
                .insert(u.id.clone(), lexicon.undertakings.len());
            lexicon.owner.push(lexicon.compacts.len());
            lexicon.sites.push(UndertakingSite {
                id: id_at,
                examples,
            });
            lexicon.undertakings.push(u);
        }
        lexicon.compacts.push(Compact {
            meta: p.file.compact,
            origin: source.origin.clone(),
            file: source.name.clone(),
            undertakings: start..lexicon.undertakings.len(),
        });
    }
    Build {
        lexicon: Some(lexicon),
        errors,
    }
}
