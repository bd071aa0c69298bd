//! `prohibited-content`: the draft must contain nothing from a vocabulary — above all,
//! conditions that stop voluntary organisations campaigning, criticising the council or
//! speaking to the press, which several compacts protect.
//!
//! A match is a `conflict` wherever it appears (a gagging clause is itself a funding
//! term, so it makes the requirement apply); otherwise the requirement is `met` when its
//! trigger fires and `not-applicable` when it does not.

use super::{Context, Outcome};
use crate::findings::{Status, Suggestion, SuggestionAction};

pub fn evaluate(applies_when: &str, vocabulary: &str, context: &Context<'_>) -> Outcome {
    let hits = context.vocabulary_hits(vocabulary);
    if let Some((sentence, span)) = hits.first() {
        return Outcome {
            status: Status::Conflict,
            evidence: Some(sentence.span),
            terms: Some(*span),
            days: None,
            required_days: None,
            message: format!(
                "This condition restricts what voluntary organisations may say or do (\u{201c}{}\u{201d}); the Compact protects their independence and right to campaign.",
                context.text(*span)
            ),
            suggestion: Some(Suggestion {
                advice: "Remove the restriction. Funding conditions may require that grant money is spent on the funded activity, but not silence the organisation.".into(),
                action: SuggestionAction::Replace,
                text: Some(format!(
                    "Nothing in this agreement restricts the organisation's right to campaign, to comment publicly or to criticise the Council's policies, in line with {}.",
                    context.compact_name
                )),
            }),
        };
    }
    match context.trigger_sentences(applies_when).first() {
        Some(sentence) => Outcome {
            status: Status::Met,
            evidence: Some(sentence.span),
            terms: None,
            days: None,
            required_days: None,
            message: "No condition restricts the sector's right to campaign or speak publicly."
                .into(),
            suggestion: None,
        },
        None => Outcome::not_applicable(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::assert_status;
    use crate::findings::Status;

    const REQ: &str = "kind = \"prohibited-content\"\napplies-when = \"funding-terms\"\nvocabulary = \"campaign-restriction\"\n";

    #[test]
    fn a_gagging_clause_is_a_conflict() {
        assert_status(
            REQ,
            "As a condition of grant, the organisation must not engage in political campaigning or publicly criticise the Council.",
            Status::Conflict,
        );
    }

    #[test]
    fn ordinary_grant_terms_are_met() {
        assert_status(
            REQ,
            "The grant agreement requires a monitoring return every six months.",
            Status::Met,
        );
    }
}
