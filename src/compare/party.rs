//! Who a clause binds: the public sector, the voluntary and community sector, or both.
//!
//! Compacts say it in two ways: in the clause ("The Council will ...", "VCS organisations
//! will ...") or in a heading over a list of bare imperatives ("Undertakings for the Public
//! sector:", "Undertakings for the VCS:"). A clause that moves from one list to the other,
//! or whose subject changes, now binds someone else, which a reader of a new version must
//! be told even when the words of the undertaking are the same. The subject in the clause
//! wins over the heading; a clause naming both parties as subjects binds both.

use crate::lexicon::Party;
use regex::Regex;
use std::sync::LazyLock;

/// The public sector by any of its usual names.
const PUBLIC: &str = r"(?:the\s+)?(?:council|councils|local\s+authorit(?:y|ies)|public\s+sector(?:\s+bodies|\s+partners|\s+organisations)?|public\s+bodies|public\s+partners|statutory\s+(?:sector|partners|bodies|agencies)|commissioners?|funders?|government|nhs|ccg|icb)";

/// The voluntary and community sector by any of its usual names.
const VCS: &str = r"(?:the\s+)?(?:vcse?(?:\s+sector)?(?:\s+organisations)?|voluntary\s+(?:and|&)\s+community(?:\s+and\s+social\s+enterprise)?\s+(?:sector|organisations|groups)|voluntary\s+(?:sector|organisations)|third\s+sector(?:\s+organisations)?|community\s+groups|civil\s+society\s+organisations|the\s+sector)";

/// "X will", "X shall", "X undertakes to", with up to three words between ("The Council
/// and the VCS will" names both).
const BINDS: &str = r"(?:\s+\w+){0,3}?\s+(?:will|shall|must|should|undertakes?|undertake|commits?|agrees?|is\s+to|are\s+to)\b";

static SUBJECT_PUBLIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)\b{PUBLIC}{BINDS}")).expect("public subject pattern compiles")
});
static SUBJECT_VCS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)\b{VCS}{BINDS}")).expect("VCS subject pattern compiles")
});
/// "Undertakings for the Public sector", "Commitments of the VCS", "Role of public bodies".
static HEADING_PUBLIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?:undertakings|commitments|responsibilities|obligations|role|duties)\s+(?:for|of|by|from)\s+{PUBLIC}\b|\b{PUBLIC}{BINDS}"
    ))
    .expect("public heading pattern compiles")
});
static HEADING_VCS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?:undertakings|commitments|responsibilities|obligations|role|duties)\s+(?:for|of|by|from)\s+{VCS}\b|\b{VCS}{BINDS}"
    ))
    .expect("VCS heading pattern compiles")
});

/// The party a clause binds, from its text first, then its headings from the innermost
/// out; `None` when nothing says.
pub fn bound_party(text: &str, heading_path: &[String]) -> Option<Party> {
    if let Some(party) = from(text, &SUBJECT_PUBLIC, &SUBJECT_VCS) {
        return Some(party);
    }
    heading_path
        .iter()
        .rev()
        .find_map(|h| from(h, &HEADING_PUBLIC, &HEADING_VCS))
}

fn from(text: &str, public: &Regex, vcs: &Regex) -> Option<Party> {
    match (public.is_match(text), vcs.is_match(text)) {
        (true, true) => Some(Party::Both),
        (true, false) => Some(Party::Public),
        (false, true) => Some(Party::Vcs),
        (false, false) => None,
    }
}

/// The party as a reader names it: "the public sector", "the VCS", "both sectors".
pub fn party_words(party: Party) -> &'static str {
    match party {
        Party::Public => "the public sector",
        Party::Vcs => "the VCS",
        Party::Both => "both sectors",
        Party::Private => "a private party",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heading(h: &str) -> Vec<String> {
        vec!["Outcome 4: Clear arrangements".into(), h.into()]
    }

    #[test]
    fn subject_in_the_text_wins() {
        assert_eq!(
            bound_party("The Council will give three months' notice.", &[]),
            Some(Party::Public)
        );
        assert_eq!(
            bound_party(
                "VCS organisations will plan for the end of funding.",
                &heading("Undertakings for the Public sector:")
            ),
            Some(Party::Vcs)
        );
        assert_eq!(
            bound_party("The Council and the VCS will meet yearly.", &[]),
            Some(Party::Both)
        );
    }

    #[test]
    fn headings_name_the_party_of_bare_imperatives() {
        assert_eq!(
            bound_party(
                "Give notice.",
                &heading("Undertakings for the Public sector:")
            ),
            Some(Party::Public)
        );
        assert_eq!(
            bound_party(
                "Plan for the end of funding.",
                &heading("Undertakings for the VCS:")
            ),
            Some(Party::Vcs)
        );
        // A heading that mentions the sector as a topic binds nobody.
        assert_eq!(
            bound_party(
                "Plan ahead.",
                &[
                    "Outcome 1: A strong, diverse and independent voluntary and community sector"
                        .to_string()
                ]
            ),
            None
        );
    }
}
