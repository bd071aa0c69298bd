//! The small words that change what a commitment is worth: hedges that turn a promise into
//! an intention ("where possible", "we aim to", "may"), negations that refuse the duty
//! outright ("no consultation is required", "will not be giving notice"), justifications for
//! a shorter period ("because of the statutory deadline", "exceptional circumstances").
//! Whether notice is in writing and whether a reason is given are duties, so their words
//! live in the lexicon's shared vocabulary (`lexicon/vocabulary.toml`: `in-writing`,
//! `rationale`), where a council can extend them without touching Rust.
//!
//! The themes turn on these: a period of 12 weeks "where possible" is `weak`; "no
//! consultation is required" is `conflict`; a short period with a reason is `met`. This
//! module only finds the words; which
//! commitment they qualify is the engine's business.
//!
//! A caller may rely on:
//! - Each [`Marker`] has one [`MarkerKind`]. The kinds are independent vocabularies, so one
//!   phrase may be found as markers of different kinds; within one kind matches never
//!   overlap and the longest phrase wins ("we will aim to" over "aim to").
//! - A hedge inside a negation ("not be subject to consultation") is reported only as the
//!   negation.
//! - "May" the month is not a hedge: a capitalised "May" counts only where a sentence
//!   starts.
//! - [`NegatedTerm`] says what a negation refuses where the words say so.

use crate::document::ByteSpan;
use crate::extract::phrases::{head, tail, PhraseSet};
use regex::Regex;
use std::sync::LazyLock;

/// How a hedge weakens a commitment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HedgeKind {
    /// "may", "might", "could", "should".
    Modal,
    /// A get-out condition: "where possible", "if practicable", "where appropriate",
    /// "subject to", "where resources allow", "if needed".
    Conditional,
    /// An intention, not a promise: "we aim to", "will seek to", "will endeavour to", "will
    /// try to", "ideally", "in principle".
    Aspiration,
    /// A habit, not a rule: "normally", "generally", "usually", "in most cases".
    Usually,
}

/// What a negation refuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NegatedTerm {
    /// "no consultation is required", "will not consult", "without consultation".
    Consultation,
    /// "will not be giving notice", "no notice will be given", "the notice period will not
    /// apply", "without notice".
    Notice,
    /// "an equality impact assessment is not required", "no EIA".
    EqualityAssessment,
    /// "we will not publish the results", "no feedback will be given".
    Feedback,
}

/// The kind of a marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MarkerKind {
    Hedge(HedgeKind),
    Negation(NegatedTerm),
    /// A reason for a shorter period: "because", "due to", "statutory deadline",
    /// "exceptional circumstances", "urgent", "in order to meet".
    Justification,
}

/// One marker phrase as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marker {
    /// The phrase, relative to the input.
    pub span: ByteSpan,
    pub kind: MarkerKind,
}

static HEDGES: LazyLock<PhraseSet<HedgeKind>> = LazyLock::new(|| {
    use HedgeKind::*;
    let modal = ["may", "might", "could", "should"].map(|p| (p, Modal));
    let conditional = [
        "where possible",
        "where circumstances allow",
        "if circumstances allow",
        "circumstances permitting",
        "where circumstances permit",
        "wherever possible",
        "whenever possible",
        "if possible",
        "as far as possible",
        "so far as possible",
        "as far as practicable",
        "as far as is practicable",
        "as far as reasonably practicable",
        "as far as is reasonably practicable",
        "so far as is reasonably practicable",
        "where practicable",
        "wherever practicable",
        "where reasonably practicable",
        "if practicable",
        "where practical",
        "if practical",
        "where feasible",
        "if feasible",
        "where appropriate",
        "if appropriate",
        "as appropriate",
        "when appropriate",
        "where we can",
        "if we can",
        "where resources allow",
        "where resources permit",
        "if resources allow",
        "if resources permit",
        "resources permitting",
        "where funding allows",
        "if funding allows",
        "funding permitting",
        "where budgets allow",
        "if time allows",
        "time permitting",
        "subject to",
        "if needed",
        "if necessary",
        "where necessary",
        "if required",
        "where required",
    ]
    .map(|p| (p, Conditional));
    let aspiration = [
        "we aim to",
        "we will aim to",
        "will aim to",
        "aim to",
        "aims to",
        "we seek to",
        "will seek to",
        "seek to",
        "seeks to",
        "will endeavour to",
        "endeavour to",
        "endeavours to",
        "will endeavor to",
        "endeavor to",
        "best endeavours",
        "reasonable endeavours",
        "will try to",
        "try to",
        "tries to",
        "will attempt to",
        "attempt to",
        "will strive to",
        "strive to",
        "we hope to",
        "hope to",
        "ideally",
        "in principle",
    ]
    .map(|p| (p, Aspiration));
    let usually = [
        "normally",
        "generally",
        "usually",
        "typically",
        "in most cases",
        "in general",
        "as a rule",
    ]
    .map(|p| (p, Usually));
    PhraseSet::new(
        modal
            .into_iter()
            .chain(conditional)
            .chain(aspiration)
            .chain(usually),
        &[],
        false,
    )
});

static JUSTIFICATIONS: LazyLock<PhraseSet<()>> = LazyLock::new(|| {
    PhraseSet::new(
        [
            "because",
            "due to",
            "owing to",
            "as a result of",
            "the reason for the shorter period is",
            "the reason for the shorter",
            "the reasons for the shorter",
            "reason for the shorter",
            "reasons for the shorter",
            "the shorter period is",
            "the reason is",
            "the reason is that",
            "the reasons are",
            "this is so that",
            "deadline",
            "this is necessary",
            "this is needed",
            "it is necessary",
            "is necessary because",
            "statutory deadline",
            "statutory deadlines",
            "statutory timetable",
            "legal deadline",
            "in order to meet",
            "in order to comply",
            "to meet the deadline",
            "exceptional circumstances",
            "exceptional",
            "urgent",
            "urgently",
            "urgency",
            "emergency",
            "unavoidable",
            "unforeseen",
            "cannot be delayed",
            "could not be delayed",
        ]
        .map(|p| (p, ())),
        &[],
        false,
    )
});

/// One pattern per negated term, whole-word, any white space between words.
static NEGATIONS: LazyLock<Regex> = LazyLock::new(|| {
    let adj = r"(?:formal|public|statutory|further|separate|prior|wider|full|specific|targeted|additional|any)";
    let eia = r"(?:equality\s+impact\s+assessments?|equality\s+analysis|equalities\s+impact\s+assessments?|impact\s+assessments?|eqia|eia)";
    let consultation = [
        format!(r"there\s+(?:is|will\s+be|was|has\s+been|would\s+be)\s+no\s+(?:{adj}\s+)?consultation"),
        format!(r"no\s+(?:{adj}\s+)?consultation\s+(?:is|was|will\s+be|has\s+been|would\s+be|will|needs\s+to\s+be)\s*(?:required|needed|necessary|planned|proposed|undertaken|carried\s+out|held|take\s+place)?"),
        format!(r"no\s+{adj}\s+consultation"),
        r"(?:not|n['’]t|never)\s+(?:to\s+be\s+|to\s+|be\s+|being\s+|been\s+)?consult(?:ed|ing)?".to_string(),
        r"(?:not|n['’]t)\s+(?:[a-z]+ly\s+)?(?:be\s+)?(?:intend|intending|propose|proposing|proposed|plan|planning|planned|need|needed|required|necessary|possible|intended)\s+to\s+consult".to_string(),
        format!(r"(?:not|n['’]t)\s+(?:be\s+)?(?:hold|holding|held|undertake|undertaking|undertaken|carry\s+out|carrying\s+out|carried\s+out|run|running|conduct|conducting|conducted)\s+(?:a\s+|any\s+)?(?:{adj}\s+)?consultation"),
        format!(r"not\s+(?:be\s+)?subject\s+to\s+(?:a\s+|any\s+)?(?:{adj}\s+)?consultation"),
        format!(r"without\s+(?:a\s+|any\s+)?(?:{adj}\s+)?consultation"),
        format!(r"no\s+(?:legal\s+|statutory\s+)?(?:requirement|need|duty|obligation)\s+(?:to\s+consult|for\s+(?:a\s+|any\s+)?(?:{adj}\s+)?consultation)"),
        r"consultation\s+(?:is|was|will|would|has)(?:\s+not|n['’]t)\s+(?:be\s+|been\s+)?(?:required|needed|necessary|take\s+place|held|planned|proposed|undertaken)".to_string(),
    ];
    let notice_adj = r"(?:formal|prior|advance|written|further|any)";
    let notice = [
        format!(r"(?:not|n['’]t)\s+(?:be\s+)?(?:give|given|giving|receive|receiving|serve|served|serving|issue|issuing|provide|providing)\s+(?:any\s+)?(?:{notice_adj}\s+)?notice"),
        format!(r"no\s+(?:{notice_adj}\s+)?notice\s+(?:will\s+be|is|was|has\s+been|can\s+be|need\s+be|is\s+to\s+be)\s+(?:given|served|issued|required|provided)"),
        format!(r"no\s+(?:requirement|need|obligation|duty)\s+to\s+(?:give|serve|provide)\s+(?:any\s+)?(?:{notice_adj}\s+)?notice"),
        r"notice\s+period\s+(?:will\s+not|won['’]t|does\s+not|doesn['’]t|shall\s+not|cannot|can['’]t|would\s+not|is\s+not)\s+(?:be\s+)?(?:apply|applied|given|met|honoured|observed|possible)".to_string(),
        format!(r"without\s+(?:any\s+)?(?:{notice_adj}\s+)?notice"),
        r"(?:not|n['’]t)\s+(?:be\s+)?(?:possible|practicable|feasible|able)\s+to\s+(?:give|provide|offer)\s+(?:(?:the|any|a|full|usual|required|normal|[a-z]+-month|[a-z0-9]+\s+months['’]?)\s+)*notice".to_string(),
    ];
    let equality = [
        format!(
            r"no\s+(?:need\s+for\s+(?:an?\s+)?|requirement\s+for\s+(?:an?\s+)?)?(?:full\s+)?{eia}"
        ),
        format!(
            r"{eia}\s+(?:is|was|has|had|have|are|were|will|would|should|could)(?:\s+not|n['’]t)\s+(?:be\s+|been\s+)?(?:(?:considered|deemed|thought)\s+)?(?:required|needed|necessary|carried\s+out|undertaken|completed|done|prepared|produced)"
        ),
        format!(
            r"(?:not|n['’]t)\s+(?:be\s+)?(?:necessary|required|needed)\s+to\s+(?:carry\s+out|undertake|complete|do)\s+(?:an?\s+)?{eia}"
        ),
        format!(r"without\s+(?:an?\s+)?{eia}"),
    ];
    let feedback = [
        r"(?:not|n['’]t)\s+(?:be\s+)?publish(?:ed|ing)?\s+(?:the\s+|a\s+|any\s+)?(?:consultation\s+)?(?:results|responses|summary|feedback|outcome|findings|report)".to_string(),
        r"no\s+feedback\s+(?:will|is|can|shall)".to_string(),
        r"(?:not|n['’]t)\s+(?:be\s+)?(?:report(?:ing)?\s+back|provid(?:e|ing)\s+feedback|feed(?:ing)?\s+back|giv(?:e|ing)\s+feedback)".to_string(),
    ];
    let group =
        |name: &str, alternatives: &[String]| format!("(?P<{name}>{})", alternatives.join("|"));
    let pattern = format!(
        r"(?i)(?-u:\b)(?:{}|{}|{}|{})(?-u:\b)",
        group("consultation", &consultation),
        group("notice", &notice),
        group("equality", &equality),
        group("feedback", &feedback),
    );
    Regex::new(&pattern).expect("negation pattern compiles")
});

/// Every hedge in `text` ([`MarkerKind::Hedge`]), in order; hedges inside a negation are left
/// out.
pub fn find_hedges(text: &str) -> Vec<Marker> {
    let negations = find_negations(text);
    HEDGES
        .find(text)
        .into_iter()
        .filter(|(span, kind)| *kind != HedgeKind::Modal || is_modal(text, *span))
        .filter(|(span, _)| !negations.iter().any(|n| n.span.overlaps(*span)))
        .map(|(span, kind)| Marker {
            span,
            kind: MarkerKind::Hedge(kind),
        })
        .collect()
}

/// Every negation in `text` ([`MarkerKind::Negation`]), in order, non-overlapping.
pub fn find_negations(text: &str) -> Vec<Marker> {
    NEGATIONS
        .captures_iter(text)
        .filter_map(|caps| {
            let whole = caps.get(0)?;
            let term = if caps.name("consultation").is_some() {
                NegatedTerm::Consultation
            } else if caps.name("notice").is_some() {
                NegatedTerm::Notice
            } else if caps.name("equality").is_some() {
                NegatedTerm::EqualityAssessment
            } else {
                NegatedTerm::Feedback
            };
            let trimmed = whole.as_str().trim_end();
            Some(Marker {
                span: ByteSpan::new(whole.start(), whole.start() + trimmed.len()),
                kind: MarkerKind::Negation(term),
            })
        })
        .collect()
}

/// Every justification for a shorter period in `text` ([`MarkerKind::Justification`]).
pub fn find_justifications(text: &str) -> Vec<Marker> {
    plain(&JUSTIFICATIONS, text, MarkerKind::Justification)
}

/// Every marker of every kind in `text`, ordered by start, then by end.
pub fn find_markers(text: &str) -> Vec<Marker> {
    let mut all = find_negations(text);
    let negations = all.clone();
    all.extend(
        HEDGES
            .find(text)
            .into_iter()
            .filter(|(span, kind)| *kind != HedgeKind::Modal || is_modal(text, *span))
            .filter(|(span, _)| !negations.iter().any(|n| n.span.overlaps(*span)))
            .map(|(span, kind)| Marker {
                span,
                kind: MarkerKind::Hedge(kind),
            }),
    );
    all.extend(find_justifications(text));
    all.sort_by_key(|m| (m.span.start, m.span.end));
    all
}

fn plain(set: &PhraseSet<()>, text: &str, kind: MarkerKind) -> Vec<Marker> {
    set.find(text)
        .into_iter()
        .map(|(span, ())| Marker { span, kind })
        .collect()
}

/// A modal verb, not "May" the month: a capitalised "May" counts only where a sentence or
/// item starts.
fn is_modal(text: &str, span: ByteSpan) -> bool {
    let word = &text[span.start..span.end];
    if word != "May" {
        return true;
    }
    let after = head(text, span.end, 4).trim_start();
    if after.starts_with(|c: char| c.is_ascii_digit()) {
        // "May 2027 – consultation closes"
        return false;
    }
    let before = tail(text, span.start, 8).trim_end();
    before.is_empty() || before.ends_with(['.', '!', '?', ':', ';', '(', '"', '\n', '-', '•'])
}

#[cfg(test)]
mod tests {
    use super::*;
    use HedgeKind::*;
    use NegatedTerm::*;

    #[track_caller]
    fn assert_markers(found: Vec<Marker>, text: &str, expected: &[(&str, MarkerKind)]) {
        let got: Vec<(&str, MarkerKind)> = found
            .iter()
            .map(|m| (&text[m.span.start..m.span.end], m.kind))
            .collect();
        assert_eq!(got, expected, "in {text:?}");
    }

    #[track_caller]
    fn assert_hedges(text: &str, expected: &[(&str, HedgeKind)]) {
        let expected: Vec<(&str, MarkerKind)> = expected
            .iter()
            .map(|(w, k)| (*w, MarkerKind::Hedge(*k)))
            .collect();
        assert_markers(find_hedges(text), text, &expected);
    }

    #[track_caller]
    fn assert_negation(text: &str, words: &str, term: NegatedTerm) {
        assert_markers(
            find_negations(text),
            text,
            &[(words, MarkerKind::Negation(term))],
        );
    }

    #[track_caller]
    fn assert_no_negation(text: &str) {
        assert_markers(find_negations(text), text, &[]);
    }

    #[test]
    fn conditional_and_aspiration_hedges() {
        assert_hedges(
            "We will aim to consult for 12 weeks where possible.",
            &[
                ("We will aim to", Aspiration),
                ("where possible", Conditional),
            ],
        );
        assert_hedges(
            "officers will, where possible, give each organisation three months' notice",
            &[("where possible", Conditional)],
        );
        assert_hedges(
            "The Council will endeavour to give notice.",
            &[("will endeavour to", Aspiration)],
        );
        assert_hedges(
            "as far as is reasonably practicable",
            &[("as far as is reasonably practicable", Conditional)],
        );
        assert_hedges(
            "subject to the availability of funding",
            &[("subject to", Conditional)],
        );
        assert_hedges(
            "Ideally, and where resources allow, we will normally consult.",
            &[
                ("Ideally", Aspiration),
                ("where resources allow", Conditional),
                ("normally", Usually),
            ],
        );
        assert_hedges("agreed in principle", &[("in principle", Aspiration)]);
    }

    #[test]
    fn modal_hedges_but_not_the_month() {
        assert_hedges(
            "An EIA may be carried out if needed.",
            &[("may", Modal), ("if needed", Conditional)],
        );
        assert_hedges(
            "We may publish a summary where appropriate.",
            &[("may", Modal), ("where appropriate", Conditional)],
        );
        assert_hedges("The consultation closes in May 2027.", &[]);
        assert_hedges("from 1 May to 30 September", &[]);
        assert_hedges("May we remind you.", &[("May", Modal)]);
        assert_hedges("May 2027: report to Cabinet", &[]);
        assert_hedges(
            "Groups could apply; they should write.",
            &[("could", Modal), ("should", Modal)],
        );
        assert_hedges("Mayfield community centre; a shoulder; dismay", &[]);
    }

    #[test]
    fn consultation_negations() {
        assert_negation(
            "No consultation is required on this change.",
            "No consultation is required",
            Consultation,
        );
        assert_negation(
            "no consultation will take place",
            "no consultation will take place",
            Consultation,
        );
        assert_negation(
            "no consultation will be held",
            "no consultation will be held",
            Consultation,
        );
        assert_negation(
            "The Council will not consult on the closures.",
            "not consult",
            Consultation,
        );
        assert_negation(
            "Service users will not be consulted.",
            "not be consulted",
            Consultation,
        );
        assert_negation(
            "The decision will not be subject to consultation.",
            "not be subject to consultation",
            Consultation,
        );
        assert_negation(
            "closed without consultation",
            "without consultation",
            Consultation,
        );
        assert_negation(
            "There will be no formal consultation.",
            "There will be no formal consultation",
            Consultation,
        );
        assert_negation(
            "there is no requirement to consult",
            "no requirement to consult",
            Consultation,
        );
        assert_negation(
            "Cabinet decided not to consult.",
            "not to consult",
            Consultation,
        );
        assert_negation(
            "We do not intend to consult on this.",
            "not intend to consult",
            Consultation,
        );
        assert_negation(
            "A consultation is not required.",
            "consultation is not required",
            Consultation,
        );
    }

    #[test]
    fn notice_equality_and_feedback_negations() {
        assert_negation(
            "We will not be giving notice.",
            "not be giving notice",
            Notice,
        );
        assert_negation(
            "No notice will be given.",
            "No notice will be given",
            Notice,
        );
        assert_negation(
            "the three-month notice period will not apply",
            "notice period will not apply",
            Notice,
        );
        assert_negation(
            "it will not be possible to give three months' notice",
            "not be possible to give three months' notice",
            Notice,
        );
        assert_negation(
            "An EIA is not required.",
            "EIA is not required",
            EqualityAssessment,
        );
        assert_negation(
            "There is no need for an equality impact assessment.",
            "no need for an equality impact assessment",
            EqualityAssessment,
        );
        assert_negation(
            "The Assistant Director confirmed that an equality impact assessment had not been undertaken for this decision.",
            "equality impact assessment had not been undertaken",
            EqualityAssessment,
        );
        assert_negation(
            "An EqIA was not considered necessary.",
            "EqIA was not considered necessary",
            EqualityAssessment,
        );
        // "Not yet" is a step still to come, usually with a commitment to it.
        assert_no_negation(
            "An equality impact assessment has not yet been completed; it will be completed before Cabinet decides.",
        );
        assert_negation(
            "We will not publish the results.",
            "not publish the results",
            Feedback,
        );
    }

    #[test]
    fn not_negations() {
        assert_no_negation("We will consult for 12 weeks.");
        assert_no_negation("No consultation responses were received from the sector.");
        assert_no_negation("There is no doubt that the consultation was needed.");
        assert_no_negation("the notice period will apply in full");
        assert_no_negation("not only consulted but involved");
    }

    #[test]
    fn hedges_inside_negations_are_only_negations() {
        let text = "The decision will not be subject to consultation.";
        assert_hedges(text, &[]);
        assert_eq!(find_markers(text).len(), 1);
    }

    #[test]
    fn justifications() {
        let text = "A shorter six-week period is necessary because of the statutory deadline for registering bus service changes.";
        assert_markers(
            find_justifications(text),
            text,
            &[
                ("is necessary because", MarkerKind::Justification),
                ("statutory deadline", MarkerKind::Justification),
            ],
        );
        assert!(find_justifications("a sure footing").is_empty());
    }
}
