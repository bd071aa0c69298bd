//! The requirement kinds: one module per `kind` of the lexicon schema.
//!
//! Each kind answers one question of an [`Analysis`] — is a stated period long enough, is a
//! companion duty met, is something mentioned, is a list complete, is something forbidden
//! present — and returns an [`Outcome`]: a status, the evidence it rests on, and a
//! suggestion. Kinds know nothing of compacts, findings or output; the engine maps outcomes
//! to findings and cites the undertakings.

mod companion_duty;
mod minimum_period;
mod prohibited_content;
mod protected_characteristics;
mod required_mention;

use super::analysis::{Analysis, Sentence};
use crate::document::ByteSpan;
use crate::findings::{Status, Suggestion};
use crate::lexicon::{CompiledVocabulary, Duty, PeriodKind, Requirement, Theme, VocabIndex};

/// What a kind concluded about one requirement.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub status: Status,
    /// The sentence the outcome rests on (for `missing`, where a fix belongs).
    pub evidence: Option<ByteSpan>,
    /// The words within the evidence that decided it.
    pub terms: Option<ByteSpan>,
    pub days: Option<u32>,
    pub required_days: Option<u32>,
    pub message: String,
    pub suggestion: Option<Suggestion>,
}

impl Outcome {
    pub fn not_applicable() -> Outcome {
        Outcome {
            status: Status::NotApplicable,
            evidence: None,
            terms: None,
            days: None,
            required_days: None,
            message: String::new(),
            suggestion: None,
        }
    }
}

/// What the kinds need besides the analysis.
pub struct Context<'a> {
    pub analysis: &'a Analysis<'a>,
    pub vocabulary: &'a CompiledVocabulary,
    /// How to name the compact in suggested text ("the County Durham Compact").
    pub compact_name: String,
    consultation: Option<VocabIndex>,
}

impl<'a> Context<'a> {
    pub fn new(
        analysis: &'a Analysis<'a>,
        vocabulary: &'a CompiledVocabulary,
        compact_name: String,
    ) -> Context<'a> {
        Context {
            analysis,
            vocabulary,
            compact_name,
            consultation: vocabulary.trigger("consultation"),
        }
    }

    /// The sentences on which a trigger fires. A consultation that the sentence itself
    /// rules out ("no consultation is required") does not count as a consultation held;
    /// [`Context::ruled_out_consultation`] finds those.
    pub fn trigger_sentences(&self, trigger: &str) -> Vec<&'a Sentence> {
        let Some(index) = self.vocabulary.trigger(trigger) else {
            return Vec::new();
        };
        self.analysis
            .trigger_sentences(index)
            .filter(|s| !(Some(index) == self.consultation && rules_out_consultation(s)))
            .collect()
    }

    /// Sentences that mention a consultation only to rule it out.
    pub fn ruled_out_consultation(&self) -> Vec<&'a Sentence> {
        let Some(index) = self.consultation else {
            return Vec::new();
        };
        self.analysis
            .trigger_sentences(index)
            .filter(|s| rules_out_consultation(s))
            .collect()
    }

    /// Matches of a vocabulary in a sentence.
    pub fn vocabulary_in(&self, sentence: &Sentence, id: &str) -> Vec<ByteSpan> {
        let Some(index) = self.vocabulary.index(id) else {
            return Vec::new();
        };
        self.vocabulary
            .spans_of(&sentence.vocabulary, index)
            .collect()
    }

    /// Every (sentence, span) where a vocabulary matches, in document order.
    pub fn vocabulary_hits(&self, id: &str) -> Vec<(&'a Sentence, ByteSpan)> {
        let mut hits = Vec::new();
        for sentence in &self.analysis.sentences {
            for span in self.vocabulary_in(sentence, id) {
                hits.push((sentence, span));
            }
        }
        hits
    }

    pub fn text(&self, span: ByteSpan) -> &'a str {
        self.analysis.text(span)
    }
}

fn rules_out_consultation(sentence: &Sentence) -> bool {
    use crate::extract::hedges::{MarkerKind, NegatedTerm};
    sentence
        .negations
        .iter()
        .any(|m| m.kind == MarkerKind::Negation(NegatedTerm::Consultation))
}

/// Evaluate one requirement against the analysed document.
pub fn evaluate(requirement: &Requirement, context: &Context<'_>) -> Outcome {
    match requirement {
        Requirement::MinimumPeriod { .. } => minimum_period::evaluate(requirement, context),
        Requirement::CompanionDuty { applies_when, duty } => {
            companion_duty::evaluate(applies_when, *duty, context)
        }
        Requirement::RequiredMention {
            applies_when,
            mention,
        } => required_mention::evaluate(applies_when, mention, context),
        Requirement::ProtectedCharacteristics { applies_when } => {
            protected_characteristics::evaluate(applies_when, context)
        }
        Requirement::ProhibitedContent {
            applies_when,
            vocabulary,
        } => prohibited_content::evaluate(applies_when, vocabulary, context),
    }
}

/// The stable id of the check a requirement belongs to, and the theme its finding is
/// reported under. Requirements of different compacts with the same check id (and the same
/// minimum) become one finding citing them all.
pub fn check_of(requirement: &Requirement, undertaking_theme: Theme) -> (String, Theme) {
    match requirement {
        Requirement::MinimumPeriod {
            period: PeriodKind::Consultation,
            ..
        } => ("consultation.period".into(), Theme::Consultation),
        Requirement::MinimumPeriod {
            period: PeriodKind::Notice,
            ..
        } => ("funding-notice.period".into(), Theme::FundingNotice),
        Requirement::CompanionDuty { duty, .. } => match duty {
            Duty::InWriting => ("funding-notice.in-writing".into(), Theme::FundingNotice),
            Duty::Rationale => ("funding-notice.rationale".into(), Theme::FundingNotice),
            Duty::Feedback => ("feedback.report-back".into(), Theme::Feedback),
            Duty::AccessibleFormats => (
                "information-sharing.accessible-formats".into(),
                Theme::InformationSharing,
            ),
            Duty::ImpactAssessment => ("equality.assessment".into(), Theme::Equality),
        },
        Requirement::RequiredMention { mention, .. } => match mention.as_str() {
            "equality-assessment" | "impact-assessment" => {
                ("equality.assessment".into(), Theme::Equality)
            }
            "compact-reference" => ("compact-reference.mention".into(), Theme::CompactReference),
            other => (format!("{undertaking_theme}.{other}"), undertaking_theme),
        },
        Requirement::ProtectedCharacteristics { .. } => {
            ("equality.characteristics".into(), Theme::Equality)
        }
        Requirement::ProhibitedContent { vocabulary, .. } => match vocabulary.as_str() {
            "campaign-restriction" => ("independence.campaigning".into(), Theme::Independence),
            other => (format!("{undertaking_theme}.{other}"), undertaking_theme),
        },
    }
}

/// The hedge in a sentence that weakens a commitment, if any: a get-out condition or an
/// aspiration anywhere in it, or a modal verb ("may", "could") shortly before `near`.
pub fn weakening_hedge(
    context: &Context<'_>,
    sentence: &Sentence,
    near: Option<ByteSpan>,
) -> Option<ByteSpan> {
    use crate::extract::hedges::{HedgeKind, MarkerKind};
    sentence.hedges.iter().find_map(|m| match m.kind {
        MarkerKind::Hedge(HedgeKind::Conditional) if conditions_the_decision(context, m.span) => {
            None
        }
        MarkerKind::Hedge(HedgeKind::Conditional | HedgeKind::Aspiration) => Some(m.span),
        MarkerKind::Hedge(HedgeKind::Modal) => {
            // Shortly before the words ("may be up to"), or just after them ("an EIA may be
            // carried out").
            let close = near.is_none_or(|n| {
                (m.span.end <= n.start && n.start - m.span.end <= 60)
                    || (n.end <= m.span.start && m.span.start - n.end <= 25)
            });
            close.then_some(m.span)
        }
        _ => None,
    })
}

/// "subject to the outcome of the consultation", "subject to Cabinet approval": the
/// decision waits on something, which is not a hedge on the commitment itself.
fn conditions_the_decision(context: &Context<'_>, hedge: ByteSpan) -> bool {
    let text = context.text(hedge).to_lowercase();
    if !text.starts_with("subject to") {
        return false;
    }
    let document = context.analysis.document.text();
    let end = (hedge.end + 60).min(document.len());
    let end = (hedge.end..=end)
        .rev()
        .find(|i| document.is_char_boundary(*i))
        .unwrap_or(hedge.end);
    let after = document[hedge.end..end].to_lowercase();
    [
        "outcome",
        "consultation",
        "approval",
        "decision",
        "cabinet",
        "agreement",
        "budget",
        "council",
    ]
    .iter()
    .any(|w| after.contains(w))
}

#[cfg(test)]
pub(crate) mod test_support {
    //! Run one requirement kind over a short text, for the kinds' unit tests.
    use super::*;
    use crate::document::{BlockKind, DocumentBuilder, Format};
    use crate::extract::compact_refs::CompactNames;
    use crate::lexicon::Lexicon;
    use std::sync::LazyLock;

    static LEXICON: LazyLock<Lexicon> = LazyLock::new(Lexicon::bundled);

    /// The outcome of `requirement` (TOML for one `[[undertaking.requirement]]` table) on
    /// `text`, one paragraph per line.
    #[track_caller]
    pub fn outcome(requirement: &str, text: &str) -> Outcome {
        let mut builder = DocumentBuilder::new(Format::Text);
        for (i, line) in text.lines().enumerate() {
            builder.push(BlockKind::Paragraph, line, None, Some(i as u32 + 1));
        }
        outcome_of_document(requirement, builder.finish())
    }

    /// The outcome of `requirement` on a document built by the test.
    #[track_caller]
    pub fn outcome_of_document(requirement: &str, document: crate::document::Document) -> Outcome {
        let requirement: Requirement = toml::from_str(requirement).expect("requirement TOML");
        let names = CompactNames::new(["County Durham Compact"]);
        let analysis = Analysis::new(&document, LEXICON.vocabulary(), &names);
        let context = Context::new(&analysis, LEXICON.vocabulary(), "the Compact".into());
        let outcome = evaluate(&requirement, &context);
        if let Some(span) = outcome.terms {
            assert!(document.text().get(span.start..span.end).is_some());
        }
        outcome
    }

    #[track_caller]
    pub fn assert_status(requirement: &str, text: &str, expected: Status) -> Outcome {
        let outcome = outcome(requirement, text);
        assert_eq!(
            outcome.status, expected,
            "text: {text}\nmessage: {}",
            outcome.message
        );
        outcome
    }
}
