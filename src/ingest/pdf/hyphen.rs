//! Joining the lines of a block, and repairing words hyphenated at a line end.
//!
//! A PDF keeps the hyphen a typesetter put at the end of a line, so "consul-" / "tation"
//! must become "consultation", but a line may also end in a real hyphen ("decision-" /
//! "making"), which must stay. The rule, in order:
//!
//! 1. A soft hyphen (U+00AD) is a discretionary break: always join, dropping it.
//! 2. The document's own words decide when they can: if the hyphenated form ("decision-making")
//!    occurs elsewhere within a line and the joined form does not, keep the hyphen; if the
//!    joined form ("consultation") occurs and the hyphenated form does not, join.
//! 3. Otherwise keep the hyphen when the second part starts with a capital ("Stockton-on-"
//!    / "Tees", "TABLE-CELL-" / "CONSULTATION"), when either part holds a digit, when the
//!    first or second part is already a compound ("Stockton-on-" / "Tees", "Stockton-" /
//!    "on-Tees"), when the first part is a prefix
//!    written with a hyphen ("non-", "co-", "self-", ...), or when the second part is a word
//!    that commonly ends compounds ("-making", "-based", "-led", "-term", ...). Those two
//!    lists are how "both parts are ordinary words" is told apart from a typesetter's
//!    break, which leaves fragments ("consul", "tation"); words that also begin or end
//!    ordinary words at a syllable break ("part-ner", "under-standing") are kept off them.
//! 4. Otherwise join.
//!
//! When a word is joined, its second part moves up to the end of the first line so that
//! every other word stays on the line it was printed on (locations stay right); if that
//! would empty the second line, the first part moves down instead.

use std::collections::HashSet;

/// Prefixes normally written with a hyphen. Deliberately short: a prefix that also starts
/// ordinary words at a syllable break ("part-ner", "high-er", "ex-ample") is left out.
const HYPHEN_PREFIXES: &[&str] = &[
    "non", "co", "self", "well", "semi", "cost", "full", "half", "all",
];

/// Words that commonly end a hyphenated compound. As with the prefixes, a word that also
/// ends closed words at a syllable break ("under-standing", "up-date", "with-out") is left
/// out.
const COMPOUND_TAILS: &[&str] = &[
    "making",
    "maker",
    "makers",
    "based",
    "led",
    "term",
    "wide",
    "level",
    "going",
    "run",
    "funded",
    "related",
    "specific",
    "focused",
    "owned",
    "friendly",
    "free",
    "scale",
    "year",
    "month",
    "party",
    "sector",
    "up",
    "being",
    "known",
    "minded",
    "centred",
    "centered",
    "driven",
    "oriented",
    "sized",
    "ended",
    "round",
    "agency",
    "faith",
    "profit",
    "statutory",
    "governmental",
    "operation",
    "ordination",
    "ordinated",
    "operative",
];

/// Words of the document, as evidence for rule 2.
#[derive(Debug, Default)]
pub(super) struct Vocabulary {
    words: HashSet<String>,
}

impl Vocabulary {
    /// Collect the words of `lines`. The last word of a line is skipped when it ends in a
    /// hyphen, since that is exactly what is in question.
    pub fn from_lines<'a>(lines: impl IntoIterator<Item = &'a str>) -> Vocabulary {
        let mut words = HashSet::new();
        for line in lines {
            let tokens: Vec<&str> = line.split_whitespace().collect();
            for (i, token) in tokens.iter().enumerate() {
                let word = token
                    .trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase();
                let line_end_hyphen = i + 1 == tokens.len() && is_hyphen_end(token);
                if !word.is_empty() && !line_end_hyphen {
                    words.insert(word);
                }
            }
        }
        Vocabulary { words }
    }

    fn has(&self, word: &str) -> bool {
        self.words.contains(word)
    }
}

fn is_hyphen_end(token: &str) -> bool {
    token.ends_with(['-', '\u{2010}', '\u{00AD}'])
}

/// Whether a line-end hyphen between `first` and `second` (the letters either side, the
/// hyphen itself not included) is a real hyphen to keep. See the module docs.
pub(super) fn keep_hyphen(first: &str, second: &str, vocabulary: &Vocabulary) -> bool {
    let joined = format!("{first}{second}").to_lowercase();
    let hyphenated = format!("{first}-{second}").to_lowercase();
    match (vocabulary.has(&hyphenated), vocabulary.has(&joined)) {
        (true, false) => return true,
        (false, true) => return false,
        _ => {}
    }
    let last_part = first.rsplit('-').next().unwrap_or(first).to_lowercase();
    let second_lower = second.to_lowercase();
    second.starts_with(|c: char| c.is_uppercase())
        || first.chars().any(|c| c.is_ascii_digit())
        || second.chars().any(|c| c.is_ascii_digit())
        || first.contains('-')
        || second.contains('-')
        || HYPHEN_PREFIXES.contains(&last_part.as_str())
        || COMPOUND_TAILS.contains(&second_lower.as_str())
}

/// Join a block's lines with `\n`, repairing line-end hyphenation as the module docs say.
pub(super) fn join_lines(lines: &[String], vocabulary: &Vocabulary) -> String {
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    for line in lines {
        let line = line.trim().to_string();
        let Some(previous) = out.last_mut() else {
            out.push(line);
            continue;
        };
        match split_hyphenation(previous, &line, vocabulary) {
            Some((new_previous, new_line)) => {
                *previous = new_previous;
                if !new_line.is_empty() {
                    out.push(new_line);
                }
            }
            None => out.push(line),
        }
    }
    out.join("\n")
}

/// If `previous` ends in a hyphenated word continued at the start of `line`, the two lines
/// rewritten with the word whole.
fn split_hyphenation(
    previous: &str,
    line: &str,
    vocabulary: &Vocabulary,
) -> Option<(String, String)> {
    let hyphen = previous.chars().last()?;
    if !matches!(hyphen, '-' | '\u{2010}' | '\u{00AD}') {
        return None;
    }
    let stem = &previous[..previous.len() - hyphen.len_utf8()];
    let first_start = stem.rfind(char::is_whitespace).map_or(0, |i| i + 1);
    let first = &stem[first_start..];
    // The part before the hyphen must end in a letter; the next line must start with one.
    if !first.chars().last().is_some_and(char::is_alphabetic) {
        return None;
    }
    if !line.starts_with(char::is_alphabetic) {
        return None;
    }
    let token_end = line.find(char::is_whitespace).unwrap_or(line.len());
    let token = &line[..token_end];
    let rest = line[token_end..].trim_start();
    // The whole second part, a compound itself in "Stockton-" / "on-Tees".
    let second = token.trim_end_matches(|c: char| !c.is_alphanumeric());
    let first_letters = first.trim_start_matches(|c: char| !c.is_alphanumeric());
    let keep = hyphen != '\u{00AD}' && keep_hyphen(first_letters, second, vocabulary);
    let joiner = if keep { "-" } else { "" };
    if !rest.is_empty() {
        // Move the second part up.
        Some((format!("{stem}{joiner}{token}"), rest.to_string()))
    } else if first_start > 0 {
        // Move the first part down, so neither line ends up empty.
        let kept = stem[..first_start].trim_end();
        Some((kept.to_string(), format!("{first}{joiner}{token}")))
    } else {
        Some((format!("{stem}{joiner}{token}"), String::new()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn join(lines: &[&str], corpus: &[&str]) -> String {
        let vocabulary = Vocabulary::from_lines(corpus.iter().copied());
        let lines: Vec<String> = lines.iter().map(|s| s.to_string()).collect();
        join_lines(&lines, &vocabulary)
    }

    #[test]
    fn typesetter_hyphens_are_removed() {
        assert_eq!(
            join(&["we will run a consul-", "tation for twelve weeks"], &[]),
            "we will run a consultation\nfor twelve weeks"
        );
        assert_eq!(
            join(&["Consul-", "tation will start"], &[]),
            "Consultation\nwill start"
        );
    }

    #[test]
    fn real_compounds_keep_their_hyphen() {
        assert_eq!(
            join(&["about decision-", "making in the sector"], &[]),
            "about decision-making\nin the sector"
        );
        assert_eq!(
            join(&["the borough of Stockton-on-", "Tees and"], &[]),
            "the borough of Stockton-on-Tees\nand"
        );
        assert_eq!(
            join(&["the borough Stockton-", "on-Tees borough."], &[]),
            "the borough Stockton-on-Tees\nborough."
        );
        assert_eq!(
            join(&["a non-", "statutory body"], &[]),
            "a non-statutory\nbody"
        );
        assert_eq!(join(&["COVID-", "19 recovery"], &[]), "COVID-\n19 recovery");
        assert_eq!(
            join(&["TABLE-CELL-", "CONSULTATION"], &[]),
            "TABLE-CELL-CONSULTATION"
        );
    }

    #[test]
    fn the_documents_own_words_decide_first() {
        // "under-represented" appears within a line elsewhere: keep it.
        assert_eq!(
            join(
                &["voice for under-", "represented groups"],
                &["under-represented groups"]
            ),
            "voice for under-represented\ngroups"
        );
        // Without that evidence the heuristic joins, which is wrong here...
        assert_eq!(
            join(&["voice for under-", "represented groups"], &[]),
            "voice for underrepresented\ngroups"
        );
        // ...and the joined form as evidence overrides a compound tail.
        assert_eq!(
            join(&["a small stand-", "up meeting"], &["a standup meeting"]),
            "a small standup\nmeeting"
        );
    }

    #[test]
    fn soft_hyphens_always_join_and_dashes_are_left_alone() {
        assert_eq!(join(&["Decision\u{00AD}", "making"], &[]), "Decisionmaking");
        assert_eq!(join(&["2018–", "21 plan"], &[]), "2018–\n21 plan");
        assert_eq!(join(&["partners:-", "one"], &[]), "partners:-\none");
        assert_eq!(
            join(&["-", "A Living Document"], &[]),
            "-\nA Living Document"
        );
    }

    #[test]
    fn a_line_is_never_left_empty_when_it_can_be_avoided() {
        assert_eq!(
            join(&["we will consul-", "tation."], &[]),
            "we will\nconsultation."
        );
    }
}
