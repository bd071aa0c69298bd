//! `protected-characteristics`: any list of protected characteristics must name all nine of
//! the Equality Act 2010 (age, disability, gender reassignment, marriage and civil
//! partnership, pregnancy and maternity, race, religion or belief, sex, sexual
//! orientation).
//!
//! A list is three or more characteristics in one sentence or one run of list items. A list
//! that names some and omits others is out of date (often copied from pre-2010 policy:
//! "race, gender, disability and age") and is `missing` the rest. A draft with no list at
//! all has nothing wrong here: the equality assessment requirement asks for the
//! assessment itself.

use super::{Context, Outcome};
use crate::document::ByteSpan;
use crate::extract::equality::CharacteristicList;
use crate::findings::{Status, Suggestion, SuggestionAction};

const ALL_NINE: &str = "age, disability, gender reassignment, marriage and civil partnership, pregnancy and maternity, race, religion or belief, sex and sexual orientation";

pub fn evaluate(applies_when: &str, context: &Context<'_>) -> Outcome {
    if context.trigger_sentences(applies_when).is_empty() {
        return Outcome::not_applicable();
    }
    let mut lists: Vec<(ByteSpan, &CharacteristicList)> = context
        .analysis
        .sentences
        .iter()
        .filter_map(|s| s.characteristics.as_ref().map(|l| (s.span, l)))
        .collect();
    lists.extend(
        context
            .analysis
            .characteristic_runs
            .iter()
            .map(|(span, l)| (*span, l)),
    );
    lists.sort_by_key(|(span, _)| span.start);
    if let Some((span, list)) = lists.iter().find(|(_, l)| !l.is_complete()) {
        let named: Vec<&str> = list.named.iter().map(|c| c.name()).collect();
        let missing: Vec<&str> = list.missing.iter().map(|c| c.name()).collect();
        let first = list
            .matches
            .first()
            .map(|(_, m)| m.span.start)
            .unwrap_or(span.start);
        let last = list
            .matches
            .last()
            .map(|(_, m)| m.span.end)
            .unwrap_or(span.end);
        return Outcome {
            status: Status::Missing,
            evidence: Some(*span),
            terms: Some(ByteSpan::new(first, last)),
            days: None,
            required_days: None,
            message: format!(
                "The list of protected characteristics names {} of the nine ({}) and leaves out {}.",
                named.len(),
                named.join(", "),
                missing.join(", ")
            ),
            suggestion: Some(Suggestion {
                advice: "Use the Equality Act 2010's full list of nine protected characteristics.".into(),
                action: SuggestionAction::Replace,
                text: Some(ALL_NINE.to_string()),
            }),
        };
    }
    match lists.first() {
        Some((span, _)) => Outcome {
            status: Status::Met,
            evidence: Some(*span),
            terms: None,
            days: None,
            required_days: None,
            message: "The draft lists all nine protected characteristics of the Equality Act 2010."
                .into(),
            suggestion: None,
        },
        None => Outcome {
            status: Status::Met,
            evidence: None,
            terms: None,
            days: None,
            required_days: None,
            message:
                "The draft gives no list of protected characteristics, so none is out of date."
                    .into(),
            suggestion: None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::assert_status;
    use crate::findings::Status;

    const REQ: &str = "kind = \"protected-characteristics\"\napplies-when = \"affects-people\"\n";

    #[test]
    fn an_old_list_is_missing_characteristics() {
        let o = assert_status(
            REQ,
            "The public consultation will run for 12 weeks.\nThe EIA considered race, gender, disability and age.",
            Status::Missing,
        );
        assert!(o.message.contains("sexual orientation"), "{}", o.message);
    }

    #[test]
    fn the_full_list_is_met() {
        assert_status(
            REQ,
            "The public consultation will run for 12 weeks.\nThe EIA considered age, disability, gender reassignment, marriage and civil partnership, pregnancy and maternity, race, religion or belief, sex and sexual orientation.",
            Status::Met,
        );
    }
}
