//! The checks a compact file must pass beyond fitting the schema.
//!
//! Serde already refuses unknown keys, missing keys and unknown values. What it cannot see
//! is whether the data makes sense: ids in the right shape and unique across every loaded
//! compact, a requirement or a reason it cannot be checked (never both), examples that flag
//! and pass, triggers and vocabularies that exist, a get-out clause that really is in the
//! quote. Every check runs on every undertaking and every failure is reported, each at the
//! key it concerns, so one `compactproof lexicon check` run lists everything to fix.

use super::error::{LexiconError, LexiconErrorKind, SourceRef};
use super::load::{span_or, ParsedCompact, UndertakingSpans};
use super::model::{Party, Requirement, SCHEMA_VERSION};
use super::suggest::hint_for_unknown;
use super::vocabulary::{CompiledVocabulary, EntryKind};
use std::collections::HashMap;
use std::ops::Range;

/// True for a compact id: lower-case letters and digits in words joined by single hyphens.
pub fn is_compact_id(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

/// True for an undertaking id: `<compact id>/<path>`, the path of lower-case letters,
/// digits, `.`, `-` and `/`, not starting or ending with `/` and without empty segments.
pub fn is_undertaking_id(id: &str) -> bool {
    let Some((compact, path)) = id.split_once('/') else {
        return false;
    };
    !compact.is_empty()
        && compact
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !path.is_empty()
        && path.split('/').all(|s| !s.is_empty())
        && path
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '-' | '/'))
}

/// Collapse runs of whitespace to one space and trim, for comparing quoted text.
pub fn normalise_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Check compact files (already parsed) against each other and the compiled vocabulary.
/// Pass every compact that will be loaded together (the bundled ones and a user's), so
/// duplicate ids across files are found; a duplicate is reported at its second occurrence,
/// naming the first.
pub(crate) fn validate_compacts(
    compacts: &[(SourceRef<'_>, &ParsedCompact)],
    vocabulary: &CompiledVocabulary,
) -> Vec<LexiconError> {
    let mut errors = Vec::new();
    let mut compact_ids: HashMap<&str, String> = HashMap::new();
    let mut undertaking_ids: HashMap<&str, String> = HashMap::new();
    let triggers: Vec<String> = ids_of_kind(vocabulary, EntryKind::Trigger);
    let vocabularies: Vec<String> = ids_of_kind(vocabulary, EntryKind::Vocabulary);

    for (source, parsed) in compacts {
        let source = *source;
        let file = &parsed.file;
        let spans = &parsed.spans;
        let whole = 0..0;
        let compact_spans = spans.compact.clone().unwrap_or_default();

        if file.schema != SCHEMA_VERSION {
            errors.push(source.error(
                LexiconErrorKind::Invalid,
                &span_or(spans.schema.as_ref(), &whole),
                format!("schema version {} is not supported", file.schema),
                format!("this build reads schema = {SCHEMA_VERSION}"),
            ));
        }

        let compact_id = file.compact.id.as_str();
        let compact_id_span = span_or(compact_spans.id.as_ref(), &whole);
        if !is_compact_id(compact_id) {
            errors.push(source.error(
                LexiconErrorKind::Invalid,
                &compact_id_span,
                format!("`{compact_id}` is not a valid compact id"),
                "use lower-case letters and digits joined by '-', e.g. `sunderland` or `north-tyneside`",
            ));
        }
        match compact_ids.get(compact_id) {
            Some(first) => errors.push(source.error(
                LexiconErrorKind::Invalid,
                &compact_id_span,
                format!("compact id `{compact_id}` is already used at {first}"),
                "each compact needs its own id; choose another (it prefixes every undertaking id)",
            )),
            None => {
                compact_ids.insert(compact_id, source.at(&compact_id_span).to_string());
            }
        }
        for (key, value, span) in [
            ("title", &file.compact.title, &compact_spans.title),
            ("area", &file.compact.area, &compact_spans.area),
            ("version", &file.compact.version, &compact_spans.version),
            ("source", &file.compact.source, &compact_spans.source),
        ] {
            if value.trim().is_empty() {
                errors.push(source.error(
                    LexiconErrorKind::Invalid,
                    &span_or(span.as_ref(), &compact_id_span),
                    format!("the compact's `{key}` is empty"),
                    format!("fill in `{key}`; see lexicon/README.md"),
                ));
            }
        }
        for (i, name) in file.compact.names.iter().enumerate() {
            if name.trim().is_empty() {
                let span = compact_spans
                    .names
                    .as_ref()
                    .and_then(|n| n.get(i))
                    .map_or_else(|| compact_id_span.clone(), |s| s.span());
                errors.push(source.error(
                    LexiconErrorKind::Invalid,
                    &span,
                    "an empty name in `names`",
                    "remove it, or write how a draft refers to this compact",
                ));
            }
        }

        for (index, undertaking) in file.undertakings.iter().enumerate() {
            let u_spans = spans.undertaking.get(index).cloned().unwrap_or_default();
            let id = undertaking.id.as_str();
            let id_span = span_or(u_spans.id.as_ref(), &compact_id_span);
            let at = |key: Option<&toml::Spanned<String>>| span_or(key, &id_span);

            let prefix = format!("{compact_id}/");
            if !id.starts_with(&prefix) {
                errors.push(source.error(
                    LexiconErrorKind::Invalid,
                    &id_span,
                    format!("undertaking id `{id}` does not start with `{prefix}`"),
                    format!("every id in this file is `{prefix}<clause>`, e.g. `{prefix}4.4`"),
                ));
            } else if !is_undertaking_id(id) {
                errors.push(source.error(
                    LexiconErrorKind::Invalid,
                    &id_span,
                    format!("`{id}` is not a valid undertaking id"),
                    format!("after `{prefix}` use lower-case letters, digits, '.', '-' and '/', e.g. `{prefix}4.4` or `{prefix}funding/3`"),
                ));
            }
            match undertaking_ids.get(id) {
                Some(first) => errors.push(source.error(
                    LexiconErrorKind::Invalid,
                    &id_span,
                    format!("duplicate undertaking id `{id}` (first at {first})"),
                    "ids must be unique; number this one differently",
                )),
                None => {
                    undertaking_ids.insert(id, source.at(&id_span).to_string());
                }
            }

            for (key, value, span) in [
                (
                    "citation",
                    &undertaking.citation,
                    at(u_spans.citation.as_ref()),
                ),
                ("quote", &undertaking.quote, at(u_spans.quote.as_ref())),
                (
                    "summary",
                    &undertaking.summary,
                    at(u_spans.summary.as_ref()),
                ),
            ] {
                if value.trim().is_empty() {
                    errors.push(source.error(
                        LexiconErrorKind::Invalid,
                        &span,
                        format!("`{id}` has an empty `{key}`"),
                        match key {
                            "quote" => "copy the undertaking's exact words from the compact",
                            "citation" => "say how a person would cite it, e.g. \"Sunderland Compact, section 4, paragraph 2\"",
                            _ => "say in one line, in plain words, what it promises",
                        },
                    ));
                }
            }

            if undertaking.principle && undertaking.party != Party::Both {
                errors.push(source.error(
                    LexiconErrorKind::Invalid,
                    &span_or(u_spans.party.as_ref(), &id_span),
                    format!(
                        "`{id}` is a principle but its party is `{}`",
                        undertaking.party.as_str()
                    ),
                    "a shared principle binds both sectors: set party = \"both\", or remove principle = true",
                ));
            }

            check_checkability(source, undertaking, &u_spans, &id_span, &mut errors);

            for (r, requirement) in undertaking.requirements.iter().enumerate() {
                let r_spans = u_spans.requirement.get(r).cloned().unwrap_or_default();
                let r_at = span_or(r_spans.kind.as_ref(), &id_span);
                let applies_when = requirement.applies_when();
                if vocabulary.trigger(applies_when).is_none() {
                    errors.push(source.error(
                        LexiconErrorKind::Invalid,
                        &span_or(r_spans.applies_when.as_ref(), &r_at),
                        format!("unknown trigger `{applies_when}` in applies-when"),
                        hint_for_unknown(applies_when, &triggers, "triggers"),
                    ));
                }
                match requirement {
                    Requirement::RequiredMention { mention: name, .. }
                    | Requirement::ProhibitedContent {
                        vocabulary: name, ..
                    } => {
                        if vocabulary.vocabulary(name).is_none() {
                            let (key, span) = match requirement {
                                Requirement::RequiredMention { .. } => {
                                    ("mention", &r_spans.mention)
                                }
                                _ => ("vocabulary", &r_spans.vocabulary),
                            };
                            errors.push(source.error(
                                LexiconErrorKind::Invalid,
                                &span_or(span.as_ref(), &r_at),
                                format!("unknown vocabulary `{name}` in {key}"),
                                hint_for_unknown(name, &vocabularies, "vocabularies"),
                            ));
                        }
                    }
                    Requirement::CompanionDuty { duty, .. } => {
                        if vocabulary.vocabulary(duty.as_str()).is_none() {
                            errors.push(source.error(
                                LexiconErrorKind::Invalid,
                                &span_or(r_spans.duty.as_ref(), &r_at),
                                format!(
                                    "duty `{}` has no vocabulary to recognise it",
                                    duty.as_str()
                                ),
                                format!(
                                    "add a [[vocabulary]] with id = \"{}\" to vocabulary.toml",
                                    duty.as_str()
                                ),
                            ));
                        }
                    }
                    Requirement::MinimumPeriod { min, get_out, .. } => {
                        if *min == 0 {
                            errors.push(source.error(
                                LexiconErrorKind::Invalid,
                                &span_or(r_spans.min.as_ref(), &r_at),
                                format!("`{id}` asks for a minimum period of 0"),
                                "give the compact's minimum, e.g. min = 12 with unit = \"weeks\"",
                            ));
                        }
                        if let Some(get_out) = get_out {
                            let wanted = normalise_whitespace(get_out);
                            if wanted.is_empty() {
                                errors.push(source.error(
                                    LexiconErrorKind::Invalid,
                                    &span_or(r_spans.get_out.as_ref(), &r_at),
                                    "get-out is empty",
                                    "remove get-out, or copy the compact's words for the exception",
                                ));
                            } else if !normalise_whitespace(&undertaking.quote).contains(&wanted) {
                                errors.push(source.error(
                                    LexiconErrorKind::Invalid,
                                    &span_or(r_spans.get_out.as_ref(), &r_at),
                                    format!("get-out \"{get_out}\" is not in the quote of `{id}`"),
                                    "copy the exception word for word from the quote (spacing may differ)",
                                ));
                            }
                        }
                    }
                    Requirement::ProtectedCharacteristics { .. } => {}
                }
            }

            for (e, example) in undertaking.examples.iter().enumerate() {
                if example.text.trim().is_empty() {
                    let span = u_spans
                        .example
                        .get(e)
                        .and_then(|x| x.text.as_ref())
                        .map_or_else(|| id_span.clone(), |s| s.span());
                    errors.push(source.error(
                        LexiconErrorKind::Invalid,
                        &span,
                        format!("an example of `{id}` has no text"),
                        "write a sentence or two of draft the undertaking is checked against",
                    ));
                }
            }
        }
    }
    errors
}

/// Requirement present XOR not-checkable; a checkable entry's examples both flag and pass.
fn check_checkability(
    source: SourceRef<'_>,
    undertaking: &super::model::Undertaking,
    spans: &UndertakingSpans,
    id_span: &Range<usize>,
    errors: &mut Vec<LexiconError>,
) {
    let id = &undertaking.id;
    let not_checkable_span = span_or(spans.not_checkable.as_ref(), id_span);
    match (&undertaking.not_checkable, undertaking.is_checkable()) {
        (Some(_), true) => errors.push(source.error(
            LexiconErrorKind::Invalid,
            &not_checkable_span,
            format!("`{id}` has requirements and is also marked not-checkable"),
            "remove not-checkable, or remove the requirements",
        )),
        (None, false) => errors.push(source.error(
            LexiconErrorKind::Invalid,
            id_span,
            format!("`{id}` has no requirement and no not-checkable reason"),
            "add a [[undertaking.requirement]], or not-checkable = \"why a draft cannot show this\"",
        )),
        (Some(reason), false) if reason.trim().is_empty() => errors.push(source.error(
            LexiconErrorKind::Invalid,
            &not_checkable_span,
            format!("`{id}` has an empty not-checkable reason"),
            "say why a draft cannot show compliance with it",
        )),
        _ => {}
    }
    if undertaking.is_checkable() {
        let flags = undertaking.examples.iter().any(|e| e.expect.flags());
        let passes = undertaking.examples.iter().any(|e| !e.expect.flags());
        if !flags || !passes {
            let missing = match (flags, passes) {
                (false, false) => "no examples",
                (false, true) => "no example that flags (expect short, missing, weak or conflict)",
                _ => "no example that passes (expect met or not-applicable)",
            };
            errors.push(source.error(
                LexiconErrorKind::Invalid,
                id_span,
                format!("checkable undertaking `{id}` has {missing}"),
                "add [[undertaking.example]] tables with text and expect: at least one that flags and one that passes",
            ));
        }
    } else if !undertaking.examples.is_empty() {
        let span = spans
            .example
            .first()
            .and_then(|e| e.text.as_ref())
            .map_or_else(|| id_span.clone(), |s| s.span());
        errors.push(source.error(
            LexiconErrorKind::Invalid,
            &span,
            format!("`{id}` is not checkable, so its examples would never be run"),
            "remove the examples, or add the requirement they test",
        ));
    }
}

fn ids_of_kind(vocabulary: &CompiledVocabulary, kind: EntryKind) -> Vec<String> {
    vocabulary
        .entries()
        .iter()
        .filter(|e| e.kind == kind)
        .map(|e| e.id.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_shapes() {
        assert!(is_compact_id("durham"));
        assert!(is_compact_id("north-tyneside"));
        assert!(!is_compact_id("Durham"));
        assert!(!is_compact_id("a--b"));
        assert!(!is_compact_id("-a"));
        assert!(!is_compact_id(""));
        assert!(is_undertaking_id("durham/4.4"));
        assert!(is_undertaking_id("redcar/consultation/public/3"));
        assert!(!is_undertaking_id("durham/"));
        assert!(!is_undertaking_id("durham/4.4/"));
        assert!(!is_undertaking_id("durham//4"));
        assert!(!is_undertaking_id("durham/Four"));
        assert!(!is_undertaking_id("durham"));
    }

    #[test]
    fn whitespace_is_normalised() {
        assert_eq!(normalise_whitespace("  a \n\t b  c "), "a b c");
    }
}
