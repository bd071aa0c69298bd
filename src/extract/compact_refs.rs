//! References to the Compact: "the Compact", "our local Compact", "Compact principles",
//! "Compact-proofed", and local compacts by name ("the County Durham Compact").
//!
//! The `compact-reference` theme is met when a draft that consults, ends funding or sets
//! grant conditions refers to the Compact. "compact" is also an ordinary adjective ("a
//! compact site", "compact car", "compact disc", "compact design"), so this module tells the
//! agreement from the adjective, and, given the names the lexicon knows, says which local
//! compact is meant.
//!
//! A caller may rely on:
//! - "Compact" capitalised inside a sentence is the agreement unless a known adjective use
//!   follows ("Compact Car Park", "compact disc"). At the start of a sentence, or in lower
//!   case, it counts only when what follows reads as the agreement ("the compact sets out",
//!   "Compact principles", "the compact.") and, in lower case, after "the", "our", "this",
//!   "local" or similar.
//! - "Compact-proofed", "Compact proofing" and "compact-proof" are [`CompactRefKind::Proofing`].
//! - With [`CompactNames`], a listed name ("County Durham Compact", matched case-insensitively,
//!   "&" and "and" interchangeable, hyphens or spaces) is [`CompactRefKind::Named`] with the
//!   index of the name; a capitalised name not in the list ("Stockton-on-Tees VCSE Compact"
//!   when only "Stockton Compact" is listed) is [`CompactRefKind::OtherNamed`], its span
//!   covering the name. Without names, [`find_compact_refs`] reports such names as
//!   `OtherNamed` too.

use crate::document::ByteSpan;
use crate::extract::phrases::{head, tail, PhraseSet};
use regex::Regex;
use std::sync::LazyLock;

/// What kind of reference to the Compact a match is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CompactRefKind {
    /// "the Compact", "our local Compact", "Compact principles", "the Compact's".
    Generic,
    /// "Compact-proofed", "Compact proofing".
    Proofing,
    /// One of the caller's names; the index into the list given to [`CompactNames::new`].
    Named(usize),
    /// A capitalised name before "Compact" that is not in the caller's list ("Stockton-on-Tees
    /// VCSE Compact", "National Compact"): possibly another area's compact.
    OtherNamed,
}

/// One reference to the Compact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CompactRef {
    /// The words as written, relative to the input.
    pub span: ByteSpan,
    pub kind: CompactRefKind,
}

static COMPACT_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)compacts?(?-u:\b)").expect("compact pattern compiles")
});

static PROOF_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*[-‐–]?\s*proof(?:ed|ing|s)?(?-u:\b)").expect("proof pattern compiles")
});

/// The adjective: "compact car", "compact-sized", "compact site".
static ADJECTIVE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:\s+|\s*[-‐]\s*)(?:cars?|discs?|disks?|cameras?|design|designs|designed|size|sized|form|forms|city|cities|town|towns|village|development|developments|layout|footprint|storage|units?|model|models|vehicles?|sites?|space|spaces|shape|fluorescent|flats?|houses?|homes?|urban|settlements?|area|areas|mirror|powder|keyboard|format|edition|building|buildings|plot|plots|range|machine|machines|equipment|kitchen|office|offices|car\s+park)(?-u:\b)",
    )
    .expect("adjective pattern compiles")
});

/// Words that may follow the agreement where the word alone is ambiguous (sentence start or
/// lower case).
const AGREEMENT_AFTER: &[&str] = &[
    "principles",
    "principle",
    "undertakings",
    "undertaking",
    "commitments",
    "commitment",
    "codes",
    "code",
    "partners",
    "partnership",
    "signatories",
    "signatory",
    "group",
    "board",
    "steering",
    "agreement",
    "champion",
    "champions",
    "refresh",
    "document",
    "framework",
    "and",
    "which",
    "that",
    "is",
    "was",
    "has",
    "have",
    "will",
    "would",
    "should",
    "asks",
    "asked",
    "says",
    "said",
    "sets",
    "set",
    "requires",
    "required",
    "expects",
    "states",
    "stated",
    "between",
    "with",
    "for",
    "on",
    "of",
    "in",
    "to",
    "as",
    "also",
    "commits",
    "committed",
    "promotes",
    "recognises",
    "covers",
    "applies",
    "apply",
    "itself",
    "values",
    "guidance",
    "dispute",
    "disputes",
    "toolkit",
    "officer",
    "lead",
    "compliance",
    "action",
    "requirements",
    "obligations",
    "standards",
    "s",
];

/// Words before a lower-case "compact" that make it the agreement: "the compact".
const AGREEMENT_BEFORE: &[&str] = &[
    "the",
    "our",
    "this",
    "local",
    "its",
    "their",
    "new",
    "refreshed",
    "revised",
    "existing",
    "national",
    "a local",
    "your",
];

/// Words that start a sentence or a phrase but are not part of a compact's name.
const NOT_NAME_WORDS: &[&str] = &[
    "The",
    "THE",
    "This",
    "THIS",
    "Our",
    "OUR",
    "Local",
    "LOCAL",
    "A",
    "An",
    "Under",
    "See",
    "Its",
    "Their",
    "Your",
    "New",
    "Refreshed",
    "Revised",
    "Existing",
    "Draft",
    "DRAFT",
    "About",
    "With",
    "Why",
    "What",
    "How",
    "For",
    "To",
    "Of",
    "In",
    "On",
    "Into",
    "Key",
    "Our",
];

/// References to the Compact in `text`, without a list of names: generic references,
/// proofing, and capitalised names as [`CompactRefKind::OtherNamed`].
pub fn find_compact_refs(text: &str) -> Vec<CompactRef> {
    COMPACT_WORD
        .find_iter(text)
        .filter_map(|m| classify(text, m.start(), m.end()))
        .collect()
}

/// The names of local compacts a caller knows, compiled once.
pub struct CompactNames {
    names: Vec<String>,
    set: PhraseSet<usize>,
}

impl CompactNames {
    /// Compile `names` ("County Durham Compact", "Stockton Compact"). Each name also matches
    /// with "&" for "and" (and the reverse) and with spaces for hyphens.
    pub fn new<I, S>(names: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let names: Vec<String> = names
            .into_iter()
            .map(|s| s.as_ref().trim().to_string())
            .filter(|s| !s.is_empty())
            .collect();
        let mut variants: Vec<(String, usize)> = Vec::new();
        for (i, name) in names.iter().enumerate() {
            let mut forms = vec![name.clone()];
            forms.push(name.replace(" & ", " and "));
            forms.push(name.replace(" and ", " & "));
            forms.push(name.replace('-', " "));
            forms.sort();
            forms.dedup();
            variants.extend(forms.into_iter().map(|f| (f, i)));
        }
        let set = PhraseSet::new(variants.iter().map(|(f, i)| (f.as_str(), *i)), &[], false);
        CompactNames { names, set }
    }

    /// The name at `index`, as given.
    pub fn name(&self, index: usize) -> Option<&str> {
        self.names.get(index).map(String::as_str)
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// Every reference in `text`, in order, non-overlapping: the listed names as
    /// [`CompactRefKind::Named`], then everything [`find_compact_refs`] finds outside them.
    pub fn find(&self, text: &str) -> Vec<CompactRef> {
        let mut out: Vec<CompactRef> = if self.names.is_empty() {
            Vec::new()
        } else {
            self.set
                .find(text)
                .into_iter()
                .map(|(span, i)| CompactRef {
                    span,
                    kind: CompactRefKind::Named(i),
                })
                .collect()
        };
        let named = out.len();
        for r in find_compact_refs(text) {
            if !out[..named].iter().any(|n| n.span.overlaps(r.span)) {
                out.push(r);
            }
        }
        out.sort_by_key(|r| r.span.start);
        out
    }
}

fn classify(text: &str, start: usize, end: usize) -> Option<CompactRef> {
    let word = &text[start..end];
    let after = head(text, end, 40);
    if let Some(p) = PROOF_AFTER.find(after) {
        return Some(CompactRef {
            span: ByteSpan::new(start, end + p.end()),
            kind: CompactRefKind::Proofing,
        });
    }
    if ADJECTIVE_AFTER.is_match(after) {
        return None;
    }
    let before = tail(text, start, 80);
    let before_trimmed = before.trim_end();
    let sentence_start = before_trimmed.is_empty()
        || before_trimmed.ends_with(['.', '!', '?', ':', ';', '(', '"', '\'', '•', '-', '*', '#'])
        || before[before_trimmed.len()..].contains('\n');
    let capital = word.starts_with(|c: char| c.is_ascii_uppercase());
    if !capital || sentence_start {
        if !reads_as_agreement(after) {
            return None;
        }
        if !capital && !determiner_before(before_trimmed) {
            return None;
        }
    }
    if capital {
        if let Some(name_start) = name_before(text, start) {
            return Some(CompactRef {
                span: ByteSpan::new(name_start, end),
                kind: CompactRefKind::OtherNamed,
            });
        }
    }
    Some(CompactRef {
        span: ByteSpan::new(start, end),
        kind: CompactRefKind::Generic,
    })
}

fn reads_as_agreement(after: &str) -> bool {
    let trimmed = after.trim_start();
    let Some(first) = trimmed.chars().next() else {
        return true;
    };
    if first == '\'' || first == '’' {
        return true;
    }
    if !first.is_alphanumeric() {
        return true;
    }
    let next: String = trimmed
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_lowercase();
    AGREEMENT_AFTER.contains(&next.as_str())
}

fn determiner_before(before: &str) -> bool {
    let lower = before.to_lowercase();
    AGREEMENT_BEFORE.iter().any(|d| {
        lower.ends_with(d)
            && !lower[..lower.len() - d.len()]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
    })
}

/// The start of a capitalised name run ending right before `start` ("County Durham ",
/// "Redcar & Cleveland ", "Stockton-on-Tees VCSE "), if there is one.
fn name_before(text: &str, start: usize) -> Option<usize> {
    let mut rest = text[..start].strip_suffix(' ')?;
    let mut name_start = None;
    loop {
        let word_start = rest.rfind(' ').map_or(0, |i| i + 1);
        let word = &rest[word_start..];
        let is_name_word = word.starts_with(|c: char| c.is_uppercase())
            && word.chars().all(|c| c.is_alphanumeric() || c == '-')
            && !NOT_NAME_WORDS.contains(&word);
        if is_name_word {
            name_start = Some(word_start);
        } else if !matches!(word, "&" | "and" | "upon" | "on") {
            break;
        }
        if word_start == 0 {
            break;
        }
        rest = &rest[..word_start - 1];
        if rest.ends_with(char::is_whitespace) {
            break;
        }
    }
    name_start
}

#[cfg(test)]
mod tests {
    use super::*;
    use CompactRefKind::*;

    #[track_caller]
    fn assert_refs(text: &str, expected: &[(&str, CompactRefKind)]) {
        let got: Vec<(&str, CompactRefKind)> = find_compact_refs(text)
            .iter()
            .map(|r| (&text[r.span.start..r.span.end], r.kind))
            .collect();
        assert_eq!(got, expected, "in {text:?}");
    }

    #[track_caller]
    fn assert_named(names: &CompactNames, text: &str, expected: &[(&str, CompactRefKind)]) {
        let got: Vec<(&str, CompactRefKind)> = names
            .find(text)
            .iter()
            .map(|r| (&text[r.span.start..r.span.end], r.kind))
            .collect();
        assert_eq!(got, expected, "in {text:?}");
    }

    #[test]
    fn generic_references() {
        assert_refs(
            "If you feel the Compact has not been followed, raise it.",
            &[("Compact", Generic)],
        );
        assert_refs(
            "through the Compact's dispute resolution arrangements",
            &[("Compact", Generic)],
        );
        assert_refs("in line with our local Compact", &[("Compact", Generic)]);
        assert_refs(
            "Compact principles apply to all grants.",
            &[("Compact", Generic)],
        );
        assert_refs("as the compact asks us to do", &[("compact", Generic)]);
        assert_refs("We have honoured the compact.", &[("compact", Generic)]);
        assert_refs(
            "The Compact sets out how public bodies should consult.",
            &[("Compact", Generic)],
        );
    }

    #[test]
    fn proofing() {
        assert_refs(
            "This report has been Compact-proofed.",
            &[("Compact-proofed", Proofing)],
        );
        assert_refs(
            "Compact proofing of the draft",
            &[("Compact proofing", Proofing)],
        );
        assert_refs(
            "a compact - proof checklist",
            &[("compact - proof", Proofing)],
        );
    }

    #[test]
    fn the_adjective_is_not_the_compact() {
        assert_refs("Option C uses a compact site at Skelton.", &[]);
        assert_refs("a compact car, a compact disc and a compact design", &[]);
        assert_refs("the compact design of the new depot", &[]);
        assert_refs("Compact Car Park closures", &[]);
        assert_refs("Compact living is popular.", &[]);
        assert_refs("a compact and efficient building", &[]);
        assert_refs("the bins are compacted weekly", &[]);
    }

    #[test]
    fn unlisted_names_are_other_named() {
        assert_refs(
            "The Council remains committed to the Stockton-on-Tees VCSE Compact and to working in partnership.",
            &[("Stockton-on-Tees VCSE Compact", OtherNamed)],
        );
        assert_refs(
            "under the Redcar & Cleveland Compact.",
            &[("Redcar & Cleveland Compact", OtherNamed)],
        );
        assert_refs(
            "The County Durham Compact",
            &[("County Durham Compact", OtherNamed)],
        );
    }

    #[test]
    fn listed_names_are_named() {
        let names = CompactNames::new([
            "County Durham Compact",
            "Durham Compact",
            "Redcar and Cleveland Compact",
        ]);
        assert_eq!(names.len(), 3);
        assert_named(
            &names,
            "Undertaking 4.4 of the County Durham Compact asks public bodies to give notice; if the Compact has not been followed, say so.",
            &[("County Durham Compact", Named(0)), ("Compact", Generic)],
        );
        assert_named(
            &names,
            "the Durham  Compact",
            &[("Durham  Compact", Named(1))],
        );
        assert_named(
            &names,
            "the Redcar & Cleveland Compact",
            &[("Redcar & Cleveland Compact", Named(2))],
        );
        assert_named(
            &names,
            "the Stockton-on-Tees VCSE Compact",
            &[("Stockton-on-Tees VCSE Compact", OtherNamed)],
        );
        assert_eq!(names.name(2), Some("Redcar and Cleveland Compact"));
        assert_eq!(names.name(9), None);
    }

    #[test]
    fn no_names_is_generic_only() {
        let names = CompactNames::new(Vec::<String>::new());
        assert!(names.is_empty());
        assert_named(&names, "the Compact", &[("Compact", Generic)]);
    }
}
