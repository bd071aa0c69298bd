//! `required-mention`: the draft must mention something — an equality impact assessment,
//! a reference to the Compact, or any other vocabulary of `lexicon/vocabulary.toml`.
//!
//! Equality assessments are recognised by the equality extractor (EIA, equality analysis,
//! the Public Sector Equality Duty, "due regard") as well as the vocabulary; a mention the
//! draft denies ("an EIA is not required") does not count, and one it hedges ("an EIA will
//! be carried out where appropriate") is `weak`. References to the Compact are recognised
//! by the Compact-reference extractor (generic, proofing, or the compact by name) and the
//! vocabulary.

use super::{weakening_hedge, Context, Outcome};
use crate::document::ByteSpan;
use crate::engine::analysis::Sentence;
use crate::extract::equality::EqualityMentionKind;
use crate::extract::hedges::{MarkerKind, NegatedTerm};
use crate::findings::{Status, Suggestion, SuggestionAction};

pub fn evaluate(applies_when: &str, mention: &str, context: &Context<'_>) -> Outcome {
    let triggers = context.trigger_sentences(applies_when);
    let Some(first_trigger) = triggers.first() else {
        return Outcome::not_applicable();
    };
    match mention {
        "equality-assessment" => {
            equality_assessment(context, first_trigger, &["equality-assessment"])
        }
        "impact-assessment" => equality_assessment(
            context,
            first_trigger,
            &["impact-assessment", "equality-assessment"],
        ),
        "compact-reference" => compact_reference(context, first_trigger),
        other => vocabulary_mention(context, other, first_trigger),
    }
}

/// Is an equality impact assessment (or equivalent) done or committed to? Words from the
/// named vocabularies count too (an "impact assessment" of a funding change, say).
pub fn equality_assessment(
    context: &Context<'_>,
    anchor: &Sentence,
    vocabularies: &[&str],
) -> Outcome {
    let mut hits: Vec<(&Sentence, ByteSpan)> = Vec::new();
    for sentence in &context.analysis.sentences {
        let denied = sentence
            .negations
            .iter()
            .any(|m| m.kind == MarkerKind::Negation(NegatedTerm::EqualityAssessment));
        if denied {
            continue;
        }
        for m in &sentence.equality {
            if matches!(
                m.kind,
                EqualityMentionKind::ImpactAssessment
                    | EqualityMentionKind::Analysis
                    | EqualityMentionKind::Duty
            ) {
                hits.push((sentence, m.span));
            }
        }
        for vocabulary in vocabularies {
            for span in context.vocabulary_in(sentence, vocabulary) {
                hits.push((sentence, span));
            }
        }
    }
    hits.sort_by_key(|(_, span)| span.start);
    hits.dedup_by_key(|(_, span)| span.start);
    judge(
        context,
        &hits,
        anchor,
        "an equality impact assessment",
        "Record the equality impact assessment and what it found, naming all nine protected characteristics of the Equality Act 2010.",
        "An equality impact assessment has been carried out (Appendix [X]). It considers the effect of the proposals on people with each of the protected characteristics of the Equality Act 2010: age, disability, gender reassignment, marriage and civil partnership, pregnancy and maternity, race, religion or belief, sex and sexual orientation.".to_string(),
    )
}

fn compact_reference(context: &Context<'_>, anchor: &Sentence) -> Outcome {
    let mut hits: Vec<(&Sentence, ByteSpan)> = Vec::new();
    for sentence in &context.analysis.sentences {
        for r in &sentence.compact_refs {
            hits.push((sentence, r.span));
        }
        for span in context.vocabulary_in(sentence, "compact-reference") {
            hits.push((sentence, span));
        }
    }
    hits.sort_by_key(|(_, span)| span.start);
    // A reference is a reference even when hedged ("may be relevant to the Compact").
    if let Some((sentence, span)) = hits.first() {
        return Outcome {
            status: Status::Met,
            evidence: Some(sentence.span),
            terms: Some(*span),
            days: None,
            required_days: None,
            message: format!(
                "The draft refers to the Compact (\u{201c}{}\u{201d}).",
                context.text(*span)
            ),
            suggestion: None,
        };
    }
    Outcome {
        status: Status::Missing,
        evidence: Some(anchor.span),
        terms: None,
        days: None,
        required_days: None,
        message: "The draft does not refer to the Compact, though it concerns the voluntary and community sector.".into(),
        suggestion: Some(Suggestion {
            advice: "Say how the proposal meets the Compact's undertakings (consultation period, notice, equality), naming the local Compact.".into(),
            action: SuggestionAction::InsertAfter,
            text: Some(format!(
                "The proposals have been checked against {} and meet its undertakings on consultation, notice and equality.",
                context.compact_name
            )),
        }),
    }
}

fn vocabulary_mention(context: &Context<'_>, id: &str, anchor: &Sentence) -> Outcome {
    let hits = context.vocabulary_hits(id);
    judge(
        context,
        &hits,
        anchor,
        id,
        "Add the missing statement.",
        String::new(),
    )
}

/// At most [`BRIEF_QUOTE_CHARS`] characters of `text`, cut at a word, for a message
/// that quotes the words a duty was found in: the evidence carries the whole sentence,
/// so a message need not repeat it.
fn quoted_briefly(text: &str) -> String {
    if text.chars().count() <= BRIEF_QUOTE_CHARS {
        return text.to_string();
    }
    let mut out = String::new();
    for word in text.split_whitespace() {
        if out.chars().count() + word.chars().count() + 1 > BRIEF_QUOTE_CHARS {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        // One long word (a web address): cut it.
        out = text.chars().take(BRIEF_QUOTE_CHARS).collect();
    }
    let out = out.trim_end_matches([',', ';', ':']);
    format!("{out}\u{2026}")
}

const BRIEF_QUOTE_CHARS: usize = 60;

/// Met by an unhedged mention, weak when every mention is hedged, missing without one (the
/// fix anchored after `anchor`).
pub(super) fn judge(
    context: &Context<'_>,
    hits: &[(&Sentence, ByteSpan)],
    anchor: &Sentence,
    what: &str,
    advice: &str,
    text: String,
) -> Outcome {
    if let Some((sentence, span)) = hits
        .iter()
        .find(|(sentence, span)| weakening_hedge(context, sentence, Some(*span)).is_none())
    {
        return Outcome {
            status: Status::Met,
            evidence: Some(sentence.span),
            terms: Some(*span),
            days: None,
            required_days: None,
            message: format!(
                "The draft mentions {what} (\u{201c}{}\u{201d}).",
                quoted_briefly(context.text(*span))
            ),
            suggestion: None,
        };
    }
    if let Some((sentence, span)) = hits.first() {
        let hedge = weakening_hedge(context, sentence, Some(*span)).unwrap_or(*span);
        return Outcome {
            status: Status::Weak,
            evidence: Some(sentence.span),
            terms: Some(hedge),
            days: None,
            required_days: None,
            message: format!(
                "The draft mentions {what} but hedges it (\u{201c}{}\u{201d}).",
                context.text(hedge)
            ),
            suggestion: Some(Suggestion {
                advice: format!(
                    "Commit to it: remove \u{201c}{}\u{201d}. {advice}",
                    context.text(hedge)
                ),
                action: SuggestionAction::None,
                text: None,
            }),
        };
    }
    Outcome {
        status: Status::Missing,
        evidence: Some(anchor.span),
        terms: None,
        days: None,
        required_days: None,
        message: format!("The draft does not mention {what}."),
        suggestion: Some(Suggestion {
            advice: advice.to_string(),
            action: if text.is_empty() {
                SuggestionAction::None
            } else {
                SuggestionAction::InsertAfter
            },
            text: (!text.is_empty()).then_some(text),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::assert_status;
    use super::quoted_briefly;
    use crate::findings::Status;

    #[test]
    fn long_quotes_are_cut_at_a_word() {
        assert_eq!(quoted_briefly("in writing"), "in writing");
        let long = "To deliver the saving required by the Medium Term Financial Plan while keeping a network of community centres open.";
        let brief = quoted_briefly(long);
        assert_eq!(
            brief,
            "To deliver the saving required by the Medium Term Financial\u{2026}"
        );
        assert!(brief.chars().count() <= 61);
        let address = format!("https://www.example.gov.uk/{}", "consultation/".repeat(8));
        let brief = quoted_briefly(&address);
        assert!(brief.starts_with("https://www.example.gov.uk/"), "{brief}");
        assert_eq!(brief.chars().count(), 61);
    }

    const EQUALITY: &str = "kind = \"required-mention\"\napplies-when = \"affects-people\"\nmention = \"equality-assessment\"\n";
    const COMPACT: &str = "kind = \"required-mention\"\napplies-when = \"consultation\"\nmention = \"compact-reference\"\n";

    #[test]
    fn equality_assessment() {
        let proposal = "The public consultation will run for 12 weeks.";
        assert_status(EQUALITY, &format!("{proposal}\nAn Equality Impact Assessment has been completed and is at Appendix B."), Status::Met);
        assert_status(
            EQUALITY,
            &format!(
                "{proposal}\nAn equality impact assessment will be carried out where appropriate."
            ),
            Status::Weak,
        );
        assert_status(EQUALITY, proposal, Status::Missing);
    }

    #[test]
    fn compact_reference() {
        assert_status(COMPACT, "The public consultation will run for 12 weeks, in line with the County Durham Compact.", Status::Met);
        assert_status(
            COMPACT,
            "The public consultation will run for 12 weeks.",
            Status::Missing,
        );
    }
}
