//! Statements that something happens at once: "with immediate effect", "from today",
//! "immediately", "without notice". The themes count each as a period of **0 days**.
//!
//! A funding decision "with immediate effect" gives no notice at all, which is the plainest
//! breach of a three-month notice undertaking, yet it states no number for the durations
//! extractor to find. This module finds those phrases.
//!
//! A caller may rely on:
//! - Every match has `days == 0`.
//! - Negated phrases are skipped: "will not be withdrawn without notice" and "will not take
//!   effect immediately" promise notice rather than deny it.
//! - "immediately" that orders events rather than stating a period ("immediately after the
//!   consultation closes", "immediately following Cabinet") is skipped, and so is "from
//!   today" / "from the date of this letter" measured from a stated period ("one month from
//!   the date of this letter").

use crate::document::ByteSpan;
use crate::extract::phrases::{head, tail, PhraseSet};
use regex::Regex;
use std::sync::LazyLock;

/// Which kind of "at once" a phrase states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ImmediateKind {
    /// "with immediate effect", "effective immediately", "with effect from today".
    ImmediateEffect,
    /// "from today", "as of today", "from the date of this letter".
    FromToday,
    /// "immediately", "forthwith", "the immediate withdrawal of".
    Immediately,
    /// "without notice", "without any notice", "with no notice", "no notice period".
    WithoutNotice,
}

/// One "at once" phrase: a 0-day period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Immediate {
    /// The phrase as written, relative to the input.
    pub span: ByteSpan,
    pub kind: ImmediateKind,
    /// Always 0: the period the phrase states.
    pub days: u32,
}

static PHRASES: LazyLock<PhraseSet<ImmediateKind>> = LazyLock::new(|| {
    use ImmediateKind::*;
    PhraseSet::new(
        [
            ("with immediate effect", ImmediateEffect),
            ("immediate effect", ImmediateEffect),
            ("effective immediately", ImmediateEffect),
            ("takes effect immediately", ImmediateEffect),
            ("take effect immediately", ImmediateEffect),
            ("with effect from today", ImmediateEffect),
            ("with effect from the date of this letter", ImmediateEffect),
            ("from today", FromToday),
            ("as of today", FromToday),
            ("as from today", FromToday),
            ("from the date of this letter", FromToday),
            ("immediately", Immediately),
            ("forthwith", Immediately),
            ("immediate withdrawal", Immediately),
            ("immediate termination", Immediately),
            ("immediate suspension", Immediately),
            ("immediate closure", Immediately),
            ("immediate end", Immediately),
            ("immediate cessation", Immediately),
            ("without notice", WithoutNotice),
            ("without any notice", WithoutNotice),
            ("without prior notice", WithoutNotice),
            ("without any prior notice", WithoutNotice),
            ("without advance notice", WithoutNotice),
            ("without further notice", WithoutNotice),
            ("with no notice", WithoutNotice),
            ("no notice period", WithoutNotice),
            ("no period of notice", WithoutNotice),
        ],
        &[],
        false,
    )
});

/// "not", "n't", "never" shortly before: the phrase is denied.
static NEGATED_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:(?-u:\b)(?:not|never|no\s+longer)|n['’]t)(?:\s+[a-z]+){0,3}\s*$")
        .expect("negation pattern compiles")
});

/// "immediately" ordering events rather than stating a period.
static SEQUENCE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\s*(?:after|afterwards|before|following|prior|upon|on|once|when|adjacent|next|below|above|preceding|available|accessible|apparent|obvious|clear|visible)(?-u:\b)",
    )
    .expect("sequence pattern compiles")
});

/// A period right before "from today" / "from the date of this letter": "one month from".
static PERIOD_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:days?|weeks?|fortnights?|months?|years?)['’]?\s*$")
        .expect("period pattern compiles")
});

/// Every "at once" phrase in `text`, in order, non-overlapping.
pub fn find_immediate(text: &str) -> Vec<Immediate> {
    PHRASES
        .find(text)
        .into_iter()
        .filter(|(span, kind)| {
            let before = tail(text, span.start, 40);
            // Only look back within the clause.
            let clause = before.rsplit([',', ';', '.', ':']).next().unwrap_or(before);
            if NEGATED_BEFORE.is_match(clause) {
                return false;
            }
            match kind {
                ImmediateKind::Immediately => {
                    let word = &text[span.start..span.end];
                    !(word.eq_ignore_ascii_case("immediately")
                        && SEQUENCE_AFTER.is_match(head(text, span.end, 20)))
                }
                ImmediateKind::FromToday => {
                    let possessive = head(text, span.end, 4);
                    !PERIOD_BEFORE.is_match(before)
                        && !possessive.starts_with("'s")
                        && !possessive.starts_with("’s")
                }
                _ => true,
            }
        })
        .map(|(span, kind)| Immediate {
            span,
            kind,
            days: 0,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ImmediateKind::*;

    #[track_caller]
    fn assert_found(text: &str, expected: &[(&str, ImmediateKind)]) {
        let found: Vec<(&str, ImmediateKind)> = find_immediate(text)
            .iter()
            .map(|m| {
                assert_eq!(m.days, 0);
                (&text[m.span.start..m.span.end], m.kind)
            })
            .collect();
        assert_eq!(found, expected, "in {text:?}");
    }

    #[track_caller]
    fn assert_none(text: &str) {
        assert_found(text, &[]);
    }

    #[test]
    fn immediate_effect() {
        assert_found(
            "the Council has decided to end the Neighbourhood Activities Grant with immediate effect, i.e. from today.",
            &[("with immediate effect", ImmediateEffect), ("from today", FromToday)],
        );
        assert_found(
            "Effective immediately, the grant is withdrawn.",
            &[("Effective immediately", ImmediateEffect)],
        );
        assert_found(
            "With effect from today the service will close.",
            &[("With effect from today", ImmediateEffect)],
        );
        assert_found(
            "The reduction applies with effect from the date of this letter.",
            &[("with effect from the date of this letter", ImmediateEffect)],
        );
    }

    #[test]
    fn immediately_and_forthwith() {
        assert_found(
            "Payments will cease immediately.",
            &[("immediately", Immediately)],
        );
        assert_found(
            "The contract is terminated forthwith.",
            &[("forthwith", Immediately)],
        );
        assert_found(
            "Cabinet approved the immediate withdrawal of the grant.",
            &[("immediate withdrawal", Immediately)],
        );
    }

    #[test]
    fn without_notice() {
        assert_found(
            "The Council may end the grant without notice if the conditions are breached.",
            &[("without notice", WithoutNotice)],
        );
        assert_found(
            "funding ended without any notice",
            &[("without any notice", WithoutNotice)],
        );
        assert_found(
            "There is no notice period.",
            &[("no notice period", WithoutNotice)],
        );
        assert_found(
            "withdrawn\nwithout  prior notice",
            &[("without  prior notice", WithoutNotice)],
        );
    }

    #[test]
    fn negated_phrases_are_skipped() {
        assert_none("Grants will not be withdrawn without notice.");
        assert_none("The changes will not take effect immediately.");
        assert_none("We won't end any grant without notice.");
        assert_none("The new charges will no longer apply from today.");
    }

    #[test]
    fn sequencing_and_measured_from_are_skipped() {
        assert_none("We will publish the results immediately after the consultation closes.");
        assert_none("immediately following the Cabinet meeting");
        assert_none("The contract will therefore end one month from the date of this letter.");
        assert_none("three months from today");
        assert_none("an immediately available room");
    }

    #[test]
    fn not_confused_by_neighbouring_words() {
        assert_none("the immediacy of the need");
        assert_none("the notice was given without noticeable delay");
        assert_none("He said it from today's papers");
    }
}
