//! Triggers and vocabularies: the words that say a theme applies to a draft, and the words
//! that satisfy a companion duty or break an undertaking.
//!
//! They are data (`lexicon/vocabulary.toml`, format in `lexicon/README.md`); this module
//! reads that data strictly, merges a council's own `vocabulary.toml` into the bundled one,
//! and compiles every phrase and pattern once into a [`CompiledVocabulary`]: one
//! Aho-Corasick automaton over all phrases (ASCII case-insensitive, whole words) and one
//! `RegexSet` over all patterns, so a document is scanned once for everything, whatever the
//! number of entries. The engine asks [`CompiledVocabulary::find_all`] for every match in a
//! text and decides what the matches mean (negation, hedging and so on are its job).

use super::error::{LexiconError, LexiconErrorKind, SourceLocation, SourceRef};
use super::model::SCHEMA_VERSION;
use crate::document::ByteSpan;
use crate::extract::phrases::fold_spaces;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fmt;
use toml::Spanned;

/// The lazy DFA cache allowed for the pattern set (see [`compile`]).
const SET_DFA_CACHE_BYTES: usize = 16 << 20;

/// The file name a vocabulary has, bundled or in a council's own lexicon folder.
pub const VOCABULARY_FILE_NAME: &str = "vocabulary.toml";

/// A vocabulary file as written: `schema`, then `[[trigger]]` and `[[vocabulary]]` tables.
/// Strings keep their byte spans so errors can point at them.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct VocabularyFile {
    pub schema: Spanned<u32>,
    #[serde(default, rename = "trigger")]
    pub triggers: Vec<TriggerDef>,
    #[serde(default, rename = "vocabulary")]
    pub vocabularies: Vec<VocabularyDef>,
}

/// A trigger: words that say a theme applies to a draft (`applies-when` in a compact file).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct TriggerDef {
    pub id: Spanned<String>,
    /// Required for a new id; optional when extending an existing one (then it replaces it).
    #[serde(default)]
    pub description: Option<String>,
    /// Case-insensitive whole-word phrases.
    #[serde(default)]
    pub phrases: Vec<Spanned<String>>,
    /// Regular expressions, matched case-insensitively.
    #[serde(default)]
    pub patterns: Vec<Spanned<String>>,
    /// Other triggers whose matches also fire this one.
    #[serde(default)]
    pub includes: Vec<Spanned<String>>,
    /// Regular expressions for the cases that only look like this entry: a match of the
    /// entry that overlaps a match of one of these does not count ("decommission 410
    /// virtual servers" is not decommissioning a service).
    #[serde(default)]
    pub unless: Vec<Spanned<String>>,
}

/// A vocabulary: words a requirement looks for (`duty`, `mention`, `vocabulary` in a compact
/// file).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct VocabularyDef {
    pub id: Spanned<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub phrases: Vec<Spanned<String>>,
    #[serde(default)]
    pub patterns: Vec<Spanned<String>>,
    /// As for a trigger: matches overlapping one of these do not count.
    #[serde(default)]
    pub unless: Vec<Spanned<String>>,
}

/// Whether an entry is a trigger or a vocabulary. Both share one id space.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EntryKind {
    Trigger,
    Vocabulary,
}

impl EntryKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::Trigger => "trigger",
            EntryKind::Vocabulary => "vocabulary",
        }
    }
}

impl fmt::Display for EntryKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The position of an entry (trigger or vocabulary) in a [`CompiledVocabulary`]. Stable for
/// the life of that value; look it up by id with [`CompiledVocabulary::index`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct VocabIndex(pub usize);

/// One compiled trigger or vocabulary.
#[derive(Debug, Clone)]
pub struct VocabEntry {
    pub id: String,
    pub kind: EntryKind,
    pub description: String,
    /// The phrases as written (before apostrophe variants are added).
    pub phrases: Vec<String>,
    /// The patterns as written.
    pub patterns: Vec<String>,
    /// The `unless` patterns as written.
    pub unless: Vec<String>,
    /// Triggers this one includes directly.
    pub includes: Vec<VocabIndex>,
    /// This entry and every trigger it includes, directly or not: a match of any of them
    /// fires this one.
    pub closure: Vec<VocabIndex>,
    /// Where the entry was (first) defined.
    pub defined_at: SourceLocation,
}

/// Every trigger and vocabulary, compiled once for the run.
///
/// Phrases match case-insensitively (ASCII) as whole words: a match must not start or end
/// inside a word, so "consult" does not match in "consultant". A straight apostrophe in a
/// phrase also matches a curly one and vice versa. Patterns are regular expressions matched
/// case-insensitively; zero-length matches are ignored.
#[derive(Debug, Clone)]
pub struct CompiledVocabulary {
    entries: Vec<VocabEntry>,
    by_id: HashMap<String, VocabIndex>,
    phrases: AhoCorasick,
    phrase_owner: Vec<VocabIndex>,
    set: RegexSet,
    regexes: Vec<Regex>,
    pattern_owner: Vec<VocabIndex>,
    /// Each entry's `unless` patterns, with the entry they belong to.
    unless: Vec<(VocabIndex, Regex)>,
}

impl CompiledVocabulary {
    /// Read and compile one vocabulary file's text, as `name`. Mainly for tests; a
    /// [`crate::lexicon::Lexicon`] compiles the bundled vocabulary with any user additions.
    pub fn from_toml(name: &str, text: &str) -> Result<Self, Vec<LexiconError>> {
        let source = SourceRef { name, text };
        let file = parse_vocabulary(source).map_err(|e| vec![e])?;
        let (compiled, errors) = compile(&[(source, &file)]);
        if errors.is_empty() {
            Ok(compiled)
        } else {
            Err(errors)
        }
    }

    /// Every entry, in definition order (bundled first, then user additions).
    pub fn entries(&self) -> &[VocabEntry] {
        &self.entries
    }

    /// The entry at `index`.
    pub fn entry(&self, index: VocabIndex) -> &VocabEntry {
        &self.entries[index.0]
    }

    /// The index of the entry called `id`, trigger or vocabulary.
    pub fn index(&self, id: &str) -> Option<VocabIndex> {
        self.by_id.get(id).copied()
    }

    /// The entry called `id`, trigger or vocabulary.
    pub fn get(&self, id: &str) -> Option<&VocabEntry> {
        self.index(id).map(|i| self.entry(i))
    }

    /// The index of the trigger called `id` (`None` for an unknown id or a vocabulary).
    pub fn trigger(&self, id: &str) -> Option<VocabIndex> {
        self.index(id)
            .filter(|i| self.entry(*i).kind == EntryKind::Trigger)
    }

    /// The index of the vocabulary called `id` (`None` for an unknown id or a trigger).
    pub fn vocabulary(&self, id: &str) -> Option<VocabIndex> {
        self.index(id)
            .filter(|i| self.entry(*i).kind == EntryKind::Vocabulary)
    }

    /// Every match of every entry in `text`: `(entry, span)`, sorted by position, with
    /// byte spans into `text` (end-exclusive, on character boundaries).
    ///
    /// Matches of different entries may overlap, and each entry reports its own matches
    /// only: a trigger's `includes` are not expanded here (see [`Self::fired_triggers`] and
    /// [`Self::spans_of`]). Of two matches of the same entry where one lies inside the
    /// other, only the longer is kept.
    pub fn find_all(&self, text: &str) -> Vec<(VocabIndex, ByteSpan)> {
        // Phrases are written with single spaces, but a paragraph's text keeps its line
        // breaks ("notice in\nwriting") and its runs of spaces: match on a copy with each
        // run of white space made one space, and map the spans back.
        let spaced = fold_spaces(text);
        self.find_all_single_spaced(&spaced.text)
            .into_iter()
            .map(|(i, span)| (i, spaced.to_original(text, span.start, span.end)))
            .collect()
    }

    fn find_all_single_spaced(&self, text: &str) -> Vec<(VocabIndex, ByteSpan)> {
        let mut found: Vec<(VocabIndex, ByteSpan)> = Vec::new();
        for m in self.phrases.find_overlapping_iter(text) {
            if is_whole_word(text, m.start(), m.end()) {
                found.push((
                    self.phrase_owner[m.pattern().as_usize()],
                    ByteSpan::new(m.start(), m.end()),
                ));
            }
        }
        if !self.regexes.is_empty() {
            for i in self.set.matches(text).iter() {
                for m in self.regexes[i].find_iter(text) {
                    if !m.is_empty() {
                        found.push((self.pattern_owner[i], ByteSpan::new(m.start(), m.end())));
                    }
                }
            }
        }
        // Drop the matches an entry's `unless` patterns rule out.
        for (owner, re) in &self.unless {
            if !found.iter().any(|(i, _)| i == owner) {
                continue;
            }
            let excluded: Vec<ByteSpan> = re
                .find_iter(text)
                .filter(|m| !m.is_empty())
                .map(|m| ByteSpan::new(m.start(), m.end()))
                .collect();
            if !excluded.is_empty() {
                found.retain(|(i, span)| i != owner || !excluded.iter().any(|x| x.overlaps(*span)));
            }
        }
        // Per entry, drop matches that lie inside a longer match of the same entry.
        found.sort_by(|(ia, a), (ib, b)| {
            ia.cmp(ib)
                .then(a.start.cmp(&b.start))
                .then(b.end.cmp(&a.end))
        });
        let mut kept: Vec<(VocabIndex, ByteSpan)> = Vec::with_capacity(found.len());
        let mut current: Option<(VocabIndex, usize)> = None;
        for (index, span) in found {
            match current {
                Some((i, end)) if i == index && span.end <= end => continue,
                Some((i, end)) if i == index => current = Some((i, end.max(span.end))),
                _ => current = Some((index, span.end)),
            }
            kept.push((index, span));
        }
        kept.sort_by(|(ia, a), (ib, b)| a.cmp(b).then(ia.cmp(ib)));
        kept
    }

    /// The spans in `found` (from [`Self::find_all`]) that count for `entry`: its own matches
    /// and, for a trigger, those of every trigger it includes.
    pub fn spans_of<'a>(
        &'a self,
        found: &'a [(VocabIndex, ByteSpan)],
        entry: VocabIndex,
    ) -> impl Iterator<Item = ByteSpan> + 'a {
        let closure = &self.entries[entry.0].closure;
        found
            .iter()
            .filter(move |(i, _)| closure.contains(i))
            .map(|(_, span)| *span)
    }

    /// The triggers that fire given `found` (from [`Self::find_all`]), with includes
    /// expanded, in definition order.
    pub fn fired_triggers(&self, found: &[(VocabIndex, ByteSpan)]) -> Vec<VocabIndex> {
        let mut direct = vec![false; self.entries.len()];
        for (i, _) in found {
            direct[i.0] = true;
        }
        self.entries
            .iter()
            .enumerate()
            .filter(|(_, e)| e.kind == EntryKind::Trigger && e.closure.iter().any(|c| direct[c.0]))
            .map(|(i, _)| VocabIndex(i))
            .collect()
    }
}

/// True when `text[start..end]` neither starts nor ends inside a word. A side whose
/// matched character is not alphanumeric (a phrase starting with a quote, say) needs no
/// boundary.
fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    let matched = &text[start..end];
    let first = matched.chars().next();
    let last = matched.chars().next_back();
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    let starts_inside = word(first) && word(before);
    let ends_inside = word(last) && word(after);
    !starts_inside && !ends_inside
}

/// Parse a vocabulary file strictly.
pub(crate) fn parse_vocabulary(source: SourceRef<'_>) -> Result<VocabularyFile, LexiconError> {
    let file: VocabularyFile =
        toml::from_str(source.text).map_err(|e| super::load::toml_error(source, &e))?;
    Ok(file)
}

/// One entry while files are being merged.
struct Pending<'a> {
    id: String,
    kind: EntryKind,
    description: Option<String>,
    defined_at: SourceLocation,
    phrases: Vec<(String, SourceRef<'a>, std::ops::Range<usize>)>,
    patterns: Vec<(String, SourceRef<'a>, std::ops::Range<usize>)>,
    unless: Vec<(String, SourceRef<'a>, std::ops::Range<usize>)>,
    includes: Vec<(String, SourceRef<'a>, std::ops::Range<usize>)>,
}

/// Merge vocabulary files in order (the bundled one first) and compile the result. An entry
/// whose id is already defined extends it: its phrases, patterns and includes are added,
/// and its description, if any, replaces the earlier one.
///
/// Always returns a usable vocabulary: what is wrong (a bad pattern, an unknown include) is
/// left out and reported in the errors, so compact files can still be checked against every
/// id that was defined.
pub(crate) fn compile(
    files: &[(SourceRef<'_>, &VocabularyFile)],
) -> (CompiledVocabulary, Vec<LexiconError>) {
    let mut errors = Vec::new();
    let mut pending: Vec<Pending<'_>> = Vec::new();
    let mut by_id: HashMap<String, usize> = HashMap::new();

    for (source, file) in files {
        let source = *source;
        if *file.schema.get_ref() != SCHEMA_VERSION {
            errors.push(source.error(
                LexiconErrorKind::Invalid,
                &file.schema.span(),
                format!("schema version {} is not supported", file.schema.get_ref()),
                format!("this build reads schema = {SCHEMA_VERSION}"),
            ));
        }
        let mut seen_here: HashMap<String, std::ops::Range<usize>> = HashMap::new();
        let defs = file
            .triggers
            .iter()
            .map(|t| {
                (
                    EntryKind::Trigger,
                    &t.id,
                    &t.description,
                    &t.phrases,
                    &t.patterns,
                    &t.unless,
                    t.includes.as_slice(),
                )
            })
            .chain(file.vocabularies.iter().map(|v| {
                (
                    EntryKind::Vocabulary,
                    &v.id,
                    &v.description,
                    &v.phrases,
                    &v.patterns,
                    &v.unless,
                    &[][..],
                )
            }));
        for (kind, id, description, phrases, patterns, unless, includes) in defs {
            let id_span = id.span();
            let id_text = id.get_ref().clone();
            if !is_entry_id(&id_text) {
                errors.push(source.error(
                    LexiconErrorKind::Invalid,
                    &id_span,
                    format!("`{id_text}` is not a valid {kind} id"),
                    "use lower case letters, digits and '-', e.g. `funding-change`",
                ));
            }
            if let Some(first) = seen_here.get(&id_text) {
                let first_at = source.at(first);
                errors.push(source.error(
                    LexiconErrorKind::Invalid,
                    &id_span,
                    format!(
                        "{kind} `{id_text}` is defined twice in this file (first at {first_at})"
                    ),
                    "merge the two entries into one",
                ));
                continue;
            }
            seen_here.insert(id_text.clone(), id_span.clone());
            let index = match by_id.get(&id_text) {
                Some(&i) => {
                    if pending[i].kind != kind {
                        errors.push(source.error(
                            LexiconErrorKind::Invalid,
                            &id_span,
                            format!(
                                "`{id_text}` is a {} (defined at {}), not a {kind}",
                                pending[i].kind, pending[i].defined_at
                            ),
                            format!(
                                "extend it with [[{}]], or choose another id",
                                pending[i].kind
                            ),
                        ));
                        continue;
                    }
                    i
                }
                None => {
                    if description.as_deref().is_none_or(|d| d.trim().is_empty()) {
                        errors.push(source.error(
                            LexiconErrorKind::Invalid,
                            &id_span,
                            format!("new {kind} `{id_text}` has no description"),
                            "add description = \"...\" saying what the words show",
                        ));
                    }
                    pending.push(Pending {
                        id: id_text.clone(),
                        kind,
                        description: None,
                        defined_at: source.at(&id_span),
                        phrases: Vec::new(),
                        patterns: Vec::new(),
                        unless: Vec::new(),
                        includes: Vec::new(),
                    });
                    by_id.insert(id_text.clone(), pending.len() - 1);
                    pending.len() - 1
                }
            };
            let entry = &mut pending[index];
            if let Some(d) = description {
                if !d.trim().is_empty() {
                    entry.description = Some(d.clone());
                }
            }
            if phrases.is_empty() && patterns.is_empty() && includes.is_empty() {
                errors.push(source.error(
                    LexiconErrorKind::Invalid,
                    &id_span,
                    format!("{kind} `{id_text}` has no phrases or patterns"),
                    "add phrases = [\"...\"] or patterns = ['...']",
                ));
            }
            for phrase in phrases {
                let text = phrase.get_ref();
                if text.trim().is_empty() {
                    errors.push(source.error(
                        LexiconErrorKind::Invalid,
                        &phrase.span(),
                        format!("empty phrase in {kind} `{id_text}`"),
                        "remove it, or write the words to match",
                    ));
                } else if text.trim() != text {
                    errors.push(source.error(
                        LexiconErrorKind::Invalid,
                        &phrase.span(),
                        format!("phrase \"{text}\" starts or ends with a space"),
                        "remove the space: phrases are matched as whole words already",
                    ));
                } else {
                    entry.phrases.push((text.clone(), source, phrase.span()));
                }
            }
            for pattern in patterns {
                entry
                    .patterns
                    .push((pattern.get_ref().clone(), source, pattern.span()));
            }
            for pattern in unless {
                entry
                    .unless
                    .push((pattern.get_ref().clone(), source, pattern.span()));
            }
            for include in includes {
                entry
                    .includes
                    .push((include.get_ref().clone(), source, include.span()));
            }
        }
    }

    // Resolve includes: they must name triggers, and must not loop.
    let mut includes: Vec<Vec<VocabIndex>> = vec![Vec::new(); pending.len()];
    for (i, entry) in pending.iter().enumerate() {
        for (name, source, span) in &entry.includes {
            match by_id.get(name) {
                Some(&j) if pending[j].kind == EntryKind::Trigger && j != i => {
                    if !includes[i].contains(&VocabIndex(j)) {
                        includes[i].push(VocabIndex(j));
                    }
                }
                Some(&j) if j == i => errors.push(source.error(
                    LexiconErrorKind::Invalid,
                    span,
                    format!("trigger `{name}` includes itself"),
                    "remove it from its own includes",
                )),
                Some(_) => errors.push(source.error(
                    LexiconErrorKind::Invalid,
                    span,
                    format!("`{name}` is a vocabulary; includes must name triggers"),
                    format!("triggers: {}", ids_of(&pending, EntryKind::Trigger)),
                )),
                None => errors.push(source.error(
                    LexiconErrorKind::Invalid,
                    span,
                    format!("unknown trigger `{name}` in includes"),
                    super::suggest::hint_for_unknown(
                        name,
                        &ids_list(&pending, EntryKind::Trigger),
                        "triggers",
                    ),
                )),
            }
        }
    }
    let mut closures: Vec<Vec<VocabIndex>> = Vec::with_capacity(pending.len());
    for i in 0..pending.len() {
        let mut closure = vec![VocabIndex(i)];
        let mut stack = includes[i].clone();
        while let Some(j) = stack.pop() {
            if j.0 == i {
                let (_, source, span) = &pending[i].includes[0];
                errors.push(source.error(
                    LexiconErrorKind::Invalid,
                    span,
                    format!(
                        "trigger `{}` includes itself through other triggers",
                        pending[i].id
                    ),
                    "remove one of the includes so they do not go round in a circle",
                ));
                break;
            }
            if !closure.contains(&j) {
                closure.push(j);
                stack.extend(includes[j.0].iter().copied());
            }
        }
        closure.sort();
        closures.push(closure);
    }

    // Patterns: each must compile on its own, with an ASCII word boundary.
    let mut pattern_texts: Vec<String> = Vec::new();
    let mut pattern_owner: Vec<VocabIndex> = Vec::new();
    let mut regexes: Vec<Regex> = Vec::new();
    for (i, entry) in pending.iter().enumerate() {
        for (pattern, source, span) in &entry.patterns {
            match check_pattern(pattern) {
                Ok(re) => {
                    pattern_texts.push(pattern.clone());
                    pattern_owner.push(VocabIndex(i));
                    regexes.push(re);
                }
                Err((message, hint)) => errors.push(LexiconError::new(
                    LexiconErrorKind::Pattern,
                    source.at(span),
                    format!("pattern in {} `{}`: {message}", entry.kind, entry.id),
                    hint,
                )),
            }
        }
    }

    let mut unless: Vec<(VocabIndex, Regex)> = Vec::new();
    for (i, entry) in pending.iter().enumerate() {
        for (pattern, source, span) in &entry.unless {
            match check_pattern(pattern) {
                Ok(re) => unless.push((VocabIndex(i), re)),
                Err((message, hint)) => errors.push(LexiconError::new(
                    LexiconErrorKind::Pattern,
                    source.at(span),
                    format!(
                        "`unless` pattern in {} `{}`: {message}",
                        entry.kind, entry.id
                    ),
                    hint,
                )),
            }
        }
    }

    let whole_set = || {
        files
            .first()
            .map(|(s, _)| SourceLocation::file(s.name))
            .unwrap_or_else(|| SourceLocation::file(VOCABULARY_FILE_NAME))
    };
    // The union of all patterns has many more lazy-DFA states than any one of them; with
    // the default 2 MB cache the set thrashes and falls back to a slow engine (measured:
    // about 5x slower on the fixture drafts). The cache only grows as states are needed.
    let set = match RegexSetBuilder::new(&pattern_texts)
        .case_insensitive(true)
        .dfa_size_limit(SET_DFA_CACHE_BYTES)
        .build()
    {
        Ok(set) => set,
        Err(e) => {
            errors.push(LexiconError::new(
                LexiconErrorKind::Pattern,
                whole_set(),
                format!(
                    "the patterns together are too large to compile: {}",
                    regex_problem(&e)
                ),
                "simplify the largest patterns or turn some into phrases",
            ));
            regexes.clear();
            pattern_owner.clear();
            RegexSet::empty()
        }
    };

    let mut phrase_texts: Vec<String> = Vec::new();
    let mut phrase_owner: Vec<VocabIndex> = Vec::new();
    for (i, entry) in pending.iter().enumerate() {
        for (phrase, _, _) in &entry.phrases {
            for variant in apostrophe_variants(phrase) {
                phrase_texts.push(variant);
                phrase_owner.push(VocabIndex(i));
            }
        }
    }
    let builder = || {
        let mut b = AhoCorasickBuilder::new();
        b.ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard);
        b
    };
    let phrases = match builder().build(&phrase_texts) {
        Ok(ac) => ac,
        Err(e) => {
            errors.push(LexiconError::new(
                LexiconErrorKind::Invalid,
                whole_set(),
                format!("the phrases could not be compiled: {e}"),
                "reduce the number or length of phrases",
            ));
            phrase_owner.clear();
            builder()
                .build(Vec::<String>::new())
                .expect("an empty automaton always builds")
        }
    };

    let entries: Vec<VocabEntry> = pending
        .into_iter()
        .zip(includes)
        .zip(closures)
        .map(|((p, includes), closure)| VocabEntry {
            description: p.description.unwrap_or_default(),
            phrases: p.phrases.into_iter().map(|(t, _, _)| t).collect(),
            patterns: p.patterns.into_iter().map(|(t, _, _)| t).collect(),
            unless: p.unless.into_iter().map(|(t, _, _)| t).collect(),
            id: p.id,
            kind: p.kind,
            includes,
            closure,
            defined_at: p.defined_at,
        })
        .collect();
    let by_id = by_id.into_iter().map(|(k, v)| (k, VocabIndex(v))).collect();
    let compiled = CompiledVocabulary {
        entries,
        by_id,
        phrases,
        phrase_owner,
        set,
        regexes,
        pattern_owner,
        unless,
    };
    (compiled, errors)
}

fn is_entry_id(id: &str) -> bool {
    !id.is_empty()
        && id.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn ids_list(pending: &[Pending<'_>], kind: EntryKind) -> Vec<String> {
    pending
        .iter()
        .filter(|p| p.kind == kind)
        .map(|p| p.id.clone())
        .collect()
}

fn ids_of(pending: &[Pending<'_>], kind: EntryKind) -> String {
    ids_list(pending, kind).join(", ")
}

/// The phrase and its variant with straight and curly apostrophes swapped.
fn apostrophe_variants(phrase: &str) -> Vec<String> {
    let mut out = vec![phrase.to_string()];
    for v in [
        phrase.replace('\u{2019}', "'"),
        phrase.replace('\'', "\u{2019}"),
    ] {
        if !out.contains(&v) {
            out.push(v);
        }
    }
    out
}

/// Compile one pattern, or say what is wrong with it and what to do.
fn check_pattern(pattern: &str) -> Result<Regex, (String, String)> {
    if pattern.trim().is_empty() {
        return Err((
            "the pattern is empty".into(),
            "remove it, or write a regular expression".into(),
        ));
    }
    if has_unicode_word_boundary(pattern) {
        return Err((
            format!("`{pattern}` uses a Unicode word boundary (\\b or \\B)"),
            "write (?-u:\\b) instead: the Unicode \\b makes the pattern set about 200 times slower"
                .into(),
        ));
    }
    let re = RegexBuilder::new(pattern)
        .case_insensitive(true)
        .build()
        .map_err(|e| {
            (
                format!("`{pattern}` is not a valid regular expression: {}", regex_problem(&e)),
                "see https://docs.rs/regex/latest/regex/#syntax; escape ( ) [ ] . ? * + with a backslash to match them literally".into(),
            )
        })?;
    if re.is_match("") {
        return Err((
            format!("`{pattern}` matches the empty string, so it would match everywhere"),
            "require at least one word, e.g. replace `*` with `+`".into(),
        ));
    }
    Ok(re)
}

/// The one-line reason from a regex error (its Display is a multi-line diagram).
fn regex_problem(e: &regex::Error) -> String {
    let text = e.to_string();
    text.lines()
        .rev()
        .find_map(|l| l.trim().strip_prefix("error: ").map(str::to_string))
        .unwrap_or_else(|| text.lines().last().unwrap_or("").trim().to_string())
}

/// True when the pattern has a `\b` or `\B` that is not written as `(?-u:\b)` /
/// `(?-u:\B)`, and Unicode is not switched off for the whole pattern with a leading `(?-u)`.
fn has_unicode_word_boundary(pattern: &str) -> bool {
    if pattern.starts_with("(?-u)") {
        return false;
    }
    let bytes = pattern.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\\' && i + 1 < bytes.len() {
            if matches!(bytes[i + 1], b'b' | b'B') {
                let ascii_form = pattern[..i].ends_with("(?-u:") && bytes.get(i + 2) == Some(&b')');
                if !ascii_form {
                    return true;
                }
            }
            i += 2;
        } else {
            i += 1;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"
schema = 1

[[trigger]]
id = "consultation"
description = "A consultation is proposed."
phrases = ["public consultation", "consultation exercise", "we will consult"]
patterns = ['(?-u:\b)consultation (?:will|would) (?:run|last|close)(?-u:\b)']

[[trigger]]
id = "funding-change"
description = "Funding ends or changes."
phrases = ["grant will end", "notice of termination"]
patterns = ['(?-u:\b)(?:grant|contract)s? (?:will be|is being) (?:cut|reduced|withdrawn)(?-u:\b)']

[[trigger]]
id = "affects-people"
description = "A change affects people."
phrases = ["service users"]
includes = ["consultation", "funding-change"]

[[vocabulary]]
id = "in-writing"
description = "Notice given in writing."
phrases = ["in writing", "written notice", "months' notice"]
"#;

    fn compiled() -> CompiledVocabulary {
        CompiledVocabulary::from_toml("vocabulary.toml", SAMPLE).expect("compiles")
    }

    fn found_ids(v: &CompiledVocabulary, text: &str) -> Vec<(String, String)> {
        v.find_all(text)
            .into_iter()
            .map(|(i, s)| (v.entry(i).id.clone(), text[s.start..s.end].to_string()))
            .collect()
    }

    #[test]
    fn phrases_match_case_insensitively_as_whole_words() {
        let v = compiled();
        assert_eq!(
            found_ids(&v, "A PUBLIC Consultation starts today."),
            vec![(
                "consultation".to_string(),
                "PUBLIC Consultation".to_string()
            )]
        );
        // Not inside a longer word on either side.
        assert!(found_ids(&v, "npublic consultations").is_empty());
        assert!(found_ids(&v, "We will consultant").is_empty());
    }

    #[test]
    fn unless_patterns_rule_out_look_alikes_of_their_own_entry_only() {
        let text = r#"schema = 1
[[trigger]]
id = "funding-change"
description = "Funding ends."
phrases = ["decommission", "grant"]
unless = ['decommission\s+(?:\S+\s+){0,3}?servers']

[[vocabulary]]
id = "machines"
description = "Machines."
phrases = ["decommission"]
"#;
        let v = CompiledVocabulary::from_toml("vocabulary.toml", text).expect("compiles");
        assert_eq!(
            found_ids(
                &v,
                "We will decommission 410 virtual servers and end the grant."
            ),
            vec![
                ("machines".to_string(), "decommission".to_string()),
                ("funding-change".to_string(), "grant".to_string()),
            ]
        );
        assert_eq!(
            found_ids(&v, "We will decommission the advice service."),
            vec![
                ("funding-change".to_string(), "decommission".to_string()),
                ("machines".to_string(), "decommission".to_string()),
            ]
        );
        let bad = "schema = 1\n[[trigger]]\nid = \"x\"\ndescription = \"X.\"\nphrases = [\"a\"]\nunless = ['(unclosed']\n";
        let errors = CompiledVocabulary::from_toml("vocabulary.toml", bad).unwrap_err();
        assert!(
            errors[0].to_string().contains("`unless` pattern"),
            "{}",
            errors[0]
        );
    }

    #[test]
    fn phrases_match_across_line_breaks_and_runs_of_spaces() {
        let v = compiled();
        let text = "Twelve weeks’ notice in\nwriting; three months'  notice.";
        let found = found_ids(&v, text);
        assert!(
            found.contains(&("in-writing".to_string(), "in\nwriting".to_string())),
            "{found:?}"
        );
        assert!(
            found.contains(&("in-writing".to_string(), "months'  notice".to_string())),
            "{found:?}"
        );
        // Spans are the original text's, on character boundaries.
        let text = "Café\u{a0}\u{a0}notice in\twriting";
        let found = v.find_all(text);
        assert_eq!(found.len(), 1, "{found:?}");
        let (_, span) = found[0];
        assert_eq!(&text[span.start..span.end], "in\twriting");
    }

    #[test]
    fn apostrophes_match_straight_or_curly() {
        let v = compiled();
        assert_eq!(
            found_ids(&v, "three months’ notice"),
            vec![("in-writing".to_string(), "months’ notice".to_string())]
        );
    }

    #[test]
    fn patterns_match_and_spans_are_byte_offsets() {
        let v = compiled();
        let text = "Café: the Grants will be cut and the consultation will run to May.";
        let found = v.find_all(text);
        let ids: Vec<&str> = found.iter().map(|(i, _)| v.entry(*i).id.as_str()).collect();
        assert_eq!(ids, ["funding-change", "consultation"]);
        let (_, span) = found[0];
        assert_eq!(&text[span.start..span.end], "Grants will be cut");
    }

    #[test]
    fn includes_fire_the_including_trigger() {
        let v = compiled();
        let found = v.find_all("The grant will end in March.");
        let fired: Vec<&str> = v
            .fired_triggers(&found)
            .into_iter()
            .map(|i| v.entry(i).id.as_str())
            .collect();
        assert_eq!(fired, ["funding-change", "affects-people"]);
        let affects = v.trigger("affects-people").unwrap();
        assert_eq!(v.spans_of(&found, affects).count(), 1);
        assert!(v.trigger("in-writing").is_none());
        assert!(v.vocabulary("in-writing").is_some());
    }

    #[test]
    fn nested_matches_of_one_entry_keep_the_longest() {
        let text = r#"
schema = 1
[[vocabulary]]
id = "feedback"
description = "Feedback."
phrases = ["you said", "you said, we did"]
"#;
        let v = CompiledVocabulary::from_toml("v.toml", text).unwrap();
        assert_eq!(
            found_ids(&v, "A 'You said, we did' report."),
            vec![("feedback".to_string(), "You said, we did".to_string())]
        );
    }

    #[test]
    fn a_bad_pattern_is_reported_at_its_line_and_column() {
        let text = "schema = 1\n[[vocabulary]]\nid = \"x\"\ndescription = \"X.\"\npatterns = ['ok', '(unclosed']\n";
        let errors = CompiledVocabulary::from_toml("v.toml", text).unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].kind, LexiconErrorKind::Pattern);
        assert!(
            errors[0]
                .to_string()
                .starts_with("v.toml:5:19: pattern in vocabulary `x`"),
            "{}",
            errors[0]
        );
    }

    #[test]
    fn a_unicode_word_boundary_is_refused_with_the_fix() {
        let text = "schema = 1\n[[vocabulary]]\nid = \"x\"\ndescription = \"X.\"\npatterns = ['\\bcut\\b']\n";
        let errors = CompiledVocabulary::from_toml("v.toml", text).unwrap_err();
        assert!(errors[0].hint.contains("(?-u:\\b)"), "{}", errors[0]);
        assert!(!has_unicode_word_boundary(r"(?-u:\b)cut(?-u:\B)"));
        assert!(!has_unicode_word_boundary(r"(?-u)\bcut\b"));
        assert!(!has_unicode_word_boundary(r"a\\b"));
        assert!(has_unicode_word_boundary(r"a\b"));
    }

    #[test]
    fn unknown_includes_and_loops_are_errors() {
        let text = r#"schema = 1
[[trigger]]
id = "a"
description = "A."
includes = ["b"]
[[trigger]]
id = "b"
description = "B."
includes = ["a"]
[[trigger]]
id = "c"
description = "C."
includes = ["consultaton"]
"#;
        let errors = CompiledVocabulary::from_toml("v.toml", text).unwrap_err();
        let messages: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        assert!(messages
            .iter()
            .any(|m| m.contains("unknown trigger `consultaton`")));
        assert!(messages
            .iter()
            .any(|m| m.contains("includes itself through")));
    }

    #[test]
    fn strict_keys_and_descriptions() {
        let text = "schema = 1\n[[vocabulary]]\nid = \"x\"\nphrase = [\"a\"]\n";
        let errors = CompiledVocabulary::from_toml("v.toml", text).unwrap_err();
        assert_eq!(errors[0].kind, LexiconErrorKind::Schema);
        assert!(
            errors[0].to_string().starts_with("v.toml:4:1:"),
            "{}",
            errors[0]
        );

        let text = "schema = 1\n[[vocabulary]]\nid = \"x\"\nphrases = [\"a\"]\n";
        let errors = CompiledVocabulary::from_toml("v.toml", text).unwrap_err();
        assert!(
            errors[0].message.contains("has no description"),
            "{}",
            errors[0]
        );
    }

    #[test]
    fn a_later_file_extends_an_earlier_entry() {
        let base =
            "schema = 1\n[[vocabulary]]\nid = \"x\"\ndescription = \"X.\"\nphrases = [\"alpha\"]\n";
        let extra = "schema = 1\n[[vocabulary]]\nid = \"x\"\nphrases = [\"beta\"]\n";
        let a = SourceRef {
            name: "a.toml",
            text: base,
        };
        let b = SourceRef {
            name: "b.toml",
            text: extra,
        };
        let fa = parse_vocabulary(a).unwrap();
        let fb = parse_vocabulary(b).unwrap();
        let (v, errors) = compile(&[(a, &fa), (b, &fb)]);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(v.entries().len(), 1);
        assert_eq!(found_ids(&v, "alpha beta").len(), 2);
        assert_eq!(v.get("x").unwrap().description, "X.");
    }
}
