//! `companion-duty`: a duty that goes with the trigger — notice in writing, reasons for the
//! decision, feedback after consultation, accessible formats, an impact assessment.
//!
//! Each duty is satisfied by words from the shared vocabulary of the same name
//! (`lexicon/vocabulary.toml`); the impact assessment is also satisfied by any equality
//! impact assessment the draft mentions. A duty that the draft mentions only to deny it
//! ("not in writing", "no feedback will be given") is `missing`; one it hedges ("we may
//! publish a summary") is `weak`.

use super::{required_mention, Context, Outcome};
use crate::document::ByteSpan;
use crate::engine::analysis::Sentence;
use crate::extract::hedges::{MarkerKind, NegatedTerm};
use crate::lexicon::Duty;

pub fn evaluate(applies_when: &str, duty: Duty, context: &Context<'_>) -> Outcome {
    let triggers = context.trigger_sentences(applies_when);
    let Some(first_trigger) = triggers.first() else {
        return Outcome::not_applicable();
    };
    if duty == Duty::ImpactAssessment {
        return required_mention::equality_assessment(
            context,
            first_trigger,
            &["impact-assessment", "equality-assessment"],
        );
    }
    let hits: Vec<(&Sentence, ByteSpan)> = context
        .vocabulary_hits(duty.as_str())
        .into_iter()
        .filter(|(sentence, span)| !denied(context, sentence, *span, duty))
        // "The Compact asks for three months' notice in writing" says what the Compact
        // asks, not what the draft does.
        .filter(|(sentence, _)| !super::minimum_period::quotes_a_rule(context, sentence))
        .filter(|(sentence, _)| in_scope(context, sentence, duty, &triggers))
        .filter_map(|hit| match duty {
            Duty::Rationale => reason_behind_heading(context, hit),
            _ => Some(hit),
        })
        .collect();
    let (advice, text) = missing_fix(duty, context);
    // A missing duty about notice belongs beside the sentence that gives the notice.
    let anchor = match duty {
        Duty::InWriting | Duty::Rationale => context
            .analysis
            .sentences
            .iter()
            .find(|s| {
                let lower = context.text(s.span).to_lowercase();
                lower.contains("notice") && triggers.iter().any(|t| t.block.abs_diff(s.block) <= 2)
            })
            .unwrap_or(first_trigger),
        _ => first_trigger,
    };
    required_mention::judge(context, &hits, anchor, duty.describe(), advice, text)
}

/// A mention that the sentence itself denies: "not in writing", "no feedback will be
/// given", "without giving reasons".
fn denied(context: &Context<'_>, sentence: &Sentence, span: ByteSpan, duty: Duty) -> bool {
    let negated_here = sentence.negations.iter().any(|m| match m.kind {
        MarkerKind::Negation(NegatedTerm::Feedback) => duty == Duty::Feedback,
        _ => false,
    });
    if negated_here {
        return true;
    }
    let before = context
        .text(ByteSpan::new(sentence.span.start, span.start))
        .to_lowercase();
    let before = before.trim_end();
    ["not", "no", "without", "rather than", "instead of", "nor"]
        .iter()
        .any(|w| before.ends_with(w) || before.ends_with(&format!("{w} giving")))
}

/// Reasons must be about the decision: in a trigger sentence, near one, in a sentence that
/// names the decision, or in a "Reasons for the decision" section. Other duties may be anywhere in the draft.
fn in_scope(
    context: &Context<'_>,
    sentence: &Sentence,
    duty: Duty,
    triggers: &[&Sentence],
) -> bool {
    if duty != Duty::Rationale {
        return true;
    }
    if triggers
        .iter()
        .any(|t| t.block.abs_diff(sentence.block) <= 1)
    {
        return true;
    }
    // "The reason for this decision is ...": about the decision wherever it stands.
    let lower = context.text(sentence.span).to_lowercase();
    if lower.contains("decision") || lower.contains("decided") {
        return true;
    }
    in_reasons_section(context, sentence.block)
}

/// True when `block` is a reasons heading or sits under one. A heading is a heading block,
/// a short line of its own without a full stop ("Reason for the reduction", "REASONS FOR
/// DECISION"), or a numbered item that is only a reasons label ("3. Reasons for the
/// decision" in a text file, where numbered section headings read as list items).
fn in_reasons_section(context: &Context<'_>, block: usize) -> bool {
    let blocks = &context.analysis.document.blocks;
    let Some(upto) = blocks.get(..=block) else {
        return false;
    };
    upto.iter()
        .rev()
        .find(|b| is_heading_like(b) || is_reasons_heading_item(b))
        .is_some_and(|h| {
            let lower = h.text.to_lowercase();
            lower.contains("reason") || lower.contains("rationale")
        })
}

/// A "Reasons for the decision" heading, or a run-in label opening a paragraph
/// ("Reasons. The Home Office has ..."), is where the reason is, not the reason itself: the
/// evidence for a reason found in one is the sentence after it, and a label with nothing
/// after it before the next heading gives no reason at all. A line that gives the reason
/// after the label ("Reason for decision: end of national funding") is the reason.
fn reason_behind_heading<'a>(
    context: &'a Context<'_>,
    (sentence, span): (&'a Sentence, ByteSpan),
) -> Option<(&'a Sentence, ByteSpan)> {
    let blocks = &context.analysis.document.blocks;
    let here = blocks.get(sentence.block)?;
    let label = is_heading_like(here) || is_reasons_label(context.text(sentence.span));
    if !label {
        // "Reason: the national programme has ended.": quote the reason, not its label.
        let term = context.text(span);
        let rest = context.text(ByteSpan::new(span.end, sentence.span.end));
        if is_reasons_label(term) && !rest.trim().is_empty() {
            let start = span.end + (rest.len() - rest.trim_start().len());
            return Some((sentence, ByteSpan::new(start, sentence.span.end)));
        }
        return Some((sentence, span));
    }
    let next = context
        .analysis
        .sentences
        .iter()
        .find(|s| s.span.start >= sentence.span.end)?;
    let next_block = blocks.get(next.block)?;
    if is_heading_like(next_block) || is_next_section(here, next_block) {
        return None;
    }
    Some((next, next.span))
}

/// The whole of `text` is a reasons label: "Reasons.", "Reason for the decision:",
/// "REASONS FOR DECISION", "Rationale".
fn is_reasons_label(text: &str) -> bool {
    let lower = text
        .trim()
        .trim_end_matches(['.', ':'])
        .trim()
        .to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let Some((first, rest)) = words.split_first() else {
        return false;
    };
    if !["reason", "reasons", "rationale"].contains(first) {
        return false;
    }
    match rest {
        [] => true,
        ["for", tail @ ..] => {
            let tail = match tail {
                ["the" | "this" | "our", tail @ ..] => tail,
                tail => tail,
            };
            matches!(
                tail,
                ["decision"
                    | "decisions"
                    | "change"
                    | "changes"
                    | "reduction"
                    | "reductions"
                    | "proposal"
                    | "proposals"
                    | "recommendation"
                    | "recommendations"]
            )
        }
        _ => false,
    }
}

/// A numbered item that is only a reasons label: "3. Reasons for the decision".
fn is_reasons_heading_item(block: &crate::document::Block) -> bool {
    matches!(block.kind, crate::document::BlockKind::ListItem { .. })
        && is_reasons_label(&block.text)
}

/// `next` is the numbered section after the numbered heading `here` ("3. Next steps" after
/// "2. Reasons for the decision"), not a numbered list under it ("1. Falling demand").
fn is_next_section(here: &crate::document::Block, next: &crate::document::Block) -> bool {
    use crate::document::BlockKind;
    let number = |block: &crate::document::Block| match &block.kind {
        BlockKind::ListItem { level, label } => label
            .trim_end_matches(['.', ')'])
            .parse::<u32>()
            .ok()
            .map(|n| (*level, n)),
        _ => None,
    };
    matches!((number(here), number(next)), (Some((a, m)), Some((b, n))) if a == b && n == m + 1)
}

/// A heading block, or a short line of its own that reads as one: no full stop, and not a
/// form field with its answer ("Reason for decision: end of national funding").
fn is_heading_like(block: &crate::document::Block) -> bool {
    use crate::document::BlockKind;
    match block.kind {
        BlockKind::Heading { .. } => true,
        BlockKind::Paragraph => {
            let text = block.text.trim();
            let field_with_answer = text
                .split_once(':')
                .is_some_and(|(_, answer)| !answer.trim().is_empty());
            !text.contains('\n')
                && text.split_whitespace().count() <= 8
                && !text.ends_with(['.', ';', ',', ':'])
                && !field_with_answer
        }
        _ => false,
    }
}

fn missing_fix(duty: Duty, context: &Context<'_>) -> (&'static str, String) {
    match duty {
        Duty::InWriting => (
            "Say that notice will be given in writing.",
            "Each organisation affected will be given formal notice of the decision in writing.".into(),
        ),
        Duty::Rationale => (
            "Give the reason for the decision, in plain words, where the change is set out.",
            "The reason for this decision is [the reason].".into(),
        ),
        Duty::Feedback => (
            "Commit to telling consultees what was heard and how it changed the decision.",
            format!(
                "After the consultation closes we will publish a summary of the responses and explain how they influenced the final decision, in line with {}.",
                context.compact_name
            ),
        ),
        Duty::AccessibleFormats => (
            "Say how people can get the consultation in accessible formats.",
            "The consultation documents will be available in large print, Easy Read and other formats on request.".into(),
        ),
        Duty::ImpactAssessment => (
            "Assess the impact before deciding.",
            "An equality impact assessment has been carried out and is attached at Appendix [X].".into(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::assert_status;
    use crate::findings::Status;

    fn duty(duty: &str, applies_when: &str) -> String {
        format!("kind = \"companion-duty\"\napplies-when = \"{applies_when}\"\nduty = \"{duty}\"\n")
    }

    #[test]
    fn notice_in_writing() {
        let r = duty("in-writing", "funding-change");
        assert_status(
            &r,
            "We will give the trust three months' notice in writing that the grant will end.",
            Status::Met,
        );
        assert_status(
            &r,
            "The grant will end in June; groups were told at a meeting and not in writing.",
            Status::Missing,
        );
        assert_status(
            &r,
            "The library opening hours are unchanged.",
            Status::NotApplicable,
        );
    }

    #[test]
    fn the_compacts_rule_quoted_is_not_the_drafts_commitment() {
        let r = duty("in-writing", "funding-change");
        assert_status(
            &r,
            "The grant to the Trust will end on 30 June.\nThe County Durham Compact asks funders to give three months' notice in writing.",
            Status::Missing,
        );
        assert_status(
            &r,
            "The grant to the Trust will end on 30 June.\nThis letter gives you three months' notice in writing, as the County Durham Compact asks.",
            Status::Met,
        );
    }

    #[test]
    fn feedback_after_consultation() {
        let r = duty("feedback", "consultation");
        assert_status(&r, "The public consultation will run for 12 weeks. We will publish a summary of responses and explain how they shaped the decision.", Status::Met);
        assert_status(
            &r,
            "The public consultation will run for 12 weeks.",
            Status::Missing,
        );
    }

    #[test]
    fn reasons_for_the_decision() {
        let r = duty("rationale", "funding-change");
        assert_status(
            &r,
            "The grant will end on 31 March because the national programme funding has ended.",
            Status::Met,
        );
        assert_status(&r, "The grant will end on 31 March.", Status::Missing);
    }

    #[test]
    fn a_reasons_heading_needs_a_reason_under_it() {
        let r = duty("rationale", "funding-change");
        assert_status(
            &r,
            "The grant will end on 31 March.\nReasons for the decision\nThe national programme that paid for the service closed in 2026.",
            Status::Met,
        );
        assert_status(
            &r,
            "The grant will end on 31 March.\nReasons for the decision\nNext steps\nOfficers will write to the trust.",
            Status::Missing,
        );
    }

    #[test]
    fn a_run_in_reasons_label_points_at_the_sentence_after_it() {
        let r = duty("rationale", "funding-change");
        let outcome = assert_status(
            &r,
            "The grant will be reduced from £72,000 to £58,000 a year.\nReasons. The Home Office has confirmed a smaller allocation for 2026/27.",
            Status::Met,
        );
        assert!(
            outcome.message.contains("The Home Office"),
            "{}",
            outcome.message
        );
        assert_status(
            &r,
            "The grant will be reduced from £72,000 to £58,000 a year.\nReasons:",
            Status::Missing,
        );
    }

    #[test]
    fn a_reason_after_its_label_is_the_reason() {
        let r = duty("rationale", "funding-change");
        for text in [
            "The grant will end on 31 March.\nReason: the national programme has ended.",
            "The grant will end on 31 March.\nReason for decision: end of national funding\nAlternatives considered: none",
        ] {
            let outcome = assert_status(&r, text, Status::Met);
            assert!(outcome.message.contains("national"), "{}", outcome.message);
        }
        let outcome = assert_status(
            &r,
            "The grant will end on 31 March.\nRationale: to deliver required savings.\nContact officer: Jane Smith",
            Status::Met,
        );
        assert!(
            outcome.message.contains("required savings"),
            "{}",
            outcome.message
        );
    }

    #[test]
    fn numbered_reasons_headings_in_text_reports() {
        use crate::document::{BlockKind, DocumentBuilder, Format};
        let r = duty("rationale", "funding-change");
        let item = |b: &mut DocumentBuilder, label: &str, text: &str, level: u8| {
            b.push(
                BlockKind::ListItem {
                    level,
                    label: label.into(),
                },
                text,
                None,
                Some(1),
            )
        };
        let mut b = DocumentBuilder::new(Format::Text);
        item(
            &mut b,
            "1.",
            "The grant to the Trust will end on 31 March.",
            0,
        );
        item(&mut b, "2.", "Reasons for the decision", 0);
        item(&mut b, "3.", "Next steps", 0);
        item(&mut b, "4.", "Officers will write to the Trust.", 0);
        let outcome = super::super::test_support::outcome_of_document(&r, b.finish());
        assert_eq!(outcome.status, Status::Missing, "{}", outcome.message);

        let mut b = DocumentBuilder::new(Format::Text);
        item(
            &mut b,
            "1.",
            "The grant to the Trust will end on 31 March.",
            0,
        );
        item(&mut b, "2.", "Reasons for the decision", 0);
        item(
            &mut b,
            "1.",
            "The national programme that paid for it has closed.",
            1,
        );
        item(&mut b, "3.", "Next steps", 0);
        let outcome = super::super::test_support::outcome_of_document(&r, b.finish());
        assert_eq!(outcome.status, Status::Met, "{}", outcome.message);
        assert!(
            outcome.message.contains("national programme"),
            "{}",
            outcome.message
        );
    }

    #[test]
    fn reasons_labels() {
        for label in [
            "Reasons.",
            "Reason for the decision:",
            "REASONS FOR DECISION",
            "Rationale",
            "Reasons for the recommendations",
        ] {
            assert!(super::is_reasons_label(label), "{label}");
        }
        for text in [
            "Reason: the programme ended.",
            "Reasons for the decision: savings.",
            "Reasonable adjustments",
            "The reasons are set out below.",
        ] {
            assert!(!super::is_reasons_label(text), "{text}");
        }
    }

    #[test]
    fn the_evidence_for_a_reasons_heading_is_the_reason_under_it() {
        let text = "The grant will end on 31 March.\nReasons for the decision\nThe national programme that paid for the service closed in 2026.";
        let outcome = assert_status(&duty("rationale", "funding-change"), text, Status::Met);
        assert!(
            outcome.message.contains("The national programme that paid"),
            "{}",
            outcome.message
        );
    }
}
