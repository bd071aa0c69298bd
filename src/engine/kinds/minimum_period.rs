//! `minimum-period`: is the consultation or notice period the draft states long enough?
//!
//! The period is read from the sentences the requirement's trigger fires on: a date range
//! ("from 3 March to 14 April 2027") counts exactly; otherwise the stated duration nearest
//! the trigger ("a six-week consultation"); for notice, also "with immediate effect" (0
//! days) and an end date counted from the date of the letter. Sentences that only quote a
//! rule ("the Compact asks for 12 weeks", "the agreement allows one month's notice") are
//! not the draft's own commitment and are skipped. When several periods are stated, the
//! shortest decides: a Compact officer would flag any short one.
//!
//! Verdicts follow `docs/themes.md`: a hedged period ("up to 12 weeks", "where possible")
//! is `weak`; a period under the minimum is `short` unless the compact allows a shorter one
//! and the draft says why (for notice: only exceptional circumstances count); no period at
//! all is `missing`; a consultation ruled out on a change that affects the sector is a
//! `conflict`.

use super::{weakening_hedge, Context, Outcome};
use crate::document::ByteSpan;
use crate::engine::analysis::Sentence;
use crate::extract::durations::{Duration, Qualifier};
use crate::extract::immediate::ImmediateKind;
use crate::findings::{Status, Suggestion, SuggestionAction};
use crate::lexicon::{PeriodKind, Requirement, ShorterAllowed};

/// A period the draft states.
#[derive(Debug, Clone, Copy)]
struct Candidate<'a> {
    days: u32,
    sentence: &'a Sentence,
    terms: ByteSpan,
    /// "up to 12 weeks": promises nothing above zero.
    up_to: bool,
    /// Stated as a duration (so replacing the words fixes it), not by dates.
    is_duration: bool,
}

pub fn evaluate(requirement: &Requirement, context: &Context<'_>) -> Outcome {
    let Requirement::MinimumPeriod {
        applies_when,
        period,
        min,
        unit,
        shorter_allowed,
        ..
    } = requirement
    else {
        return Outcome::not_applicable();
    };
    let required = unit.days(*min);
    let what = match period {
        PeriodKind::Consultation => "consultation period",
        PeriodKind::Notice => "notice period",
    };
    let minimum_words = requirement.describe();
    let triggers = context.trigger_sentences(applies_when);
    if triggers.is_empty() {
        if *period == PeriodKind::Consultation {
            return ruled_out(context, required);
        }
        return Outcome::not_applicable();
    }
    let candidates = match period {
        PeriodKind::Consultation => consultation_candidates(context, &triggers),
        PeriodKind::Notice => notice_candidates(context, &triggers),
    };
    let Some(chosen) = candidates.iter().min_by_key(|c| c.days).copied() else {
        let anchor = triggers[0].span;
        let advice = match period {
            PeriodKind::Consultation => format!(
                "State how long the consultation will run: at least {min} {unit_words}, with its opening and closing dates.",
                unit_words = unit_words(requirement)
            ),
            PeriodKind::Notice => format!(
                "State the notice the organisations will get: {minimum_words}, in writing, with the reasons for the decision."
            ),
        };
        let text = match period {
            PeriodKind::Consultation => format!(
                "The consultation will run for {min} {}, from [opening date] to [closing date], in line with {}.",
                unit_words(requirement),
                context.compact_name
            ),
            PeriodKind::Notice => format!(
                "The organisations affected will be given at least {min} {}' notice in writing, with the reasons for the decision, in line with {}.",
                unit_words(requirement),
                context.compact_name
            ),
        };
        return Outcome {
            status: Status::Missing,
            evidence: Some(anchor),
            terms: None,
            days: None,
            required_days: Some(required),
            message: format!("No {what} is stated; the Compact asks for {minimum_words}."),
            suggestion: Some(Suggestion {
                advice,
                action: SuggestionAction::InsertAfter,
                text: Some(text),
            }),
        };
    };
    let stated = context.text(chosen.terms);
    let hedge = if chosen.up_to {
        Some(chosen.terms)
    } else {
        weakening_hedge(chosen.sentence, Some(chosen.terms))
    };
    if let Some(hedge) = hedge {
        let hedge_words = context.text(hedge);
        return Outcome {
            status: Status::Weak,
            evidence: Some(chosen.sentence.span),
            terms: Some(hedge),
            days: Some(chosen.days),
            required_days: Some(required),
            message: format!(
                "The {what} (\u{201c}{stated}\u{201d}) is hedged by \u{201c}{hedge_words}\u{201d}, so it commits to nothing."
            ),
            suggestion: Some(Suggestion {
                advice: format!(
                    "Commit to the period: remove \u{201c}{hedge_words}\u{201d} and state {minimum_words} as a firm commitment."
                ),
                action: SuggestionAction::None,
                text: None,
            }),
        };
    }
    if chosen.days >= required {
        return Outcome {
            status: Status::Met,
            evidence: Some(chosen.sentence.span),
            terms: Some(chosen.terms),
            days: Some(chosen.days),
            required_days: Some(required),
            message: format!(
                "The {what} of {} days (\u{201c}{stated}\u{201d}) meets the minimum of {required} days.",
                chosen.days
            ),
            suggestion: None,
        };
    }
    let explained = match (period, shorter_allowed) {
        (_, ShorterAllowed::Never) => None,
        (PeriodKind::Consultation, _) => reason_for_shorter(context, chosen.sentence),
        (PeriodKind::Notice, _) => exceptional_circumstances(context, chosen.sentence),
    };
    if let Some(reason) = explained {
        return Outcome {
            status: Status::Met,
            evidence: Some(chosen.sentence.span),
            terms: Some(reason),
            days: Some(chosen.days),
            required_days: Some(required),
            message: format!(
                "The {what} of {} days is shorter than {required} days, and the draft gives the reason (\u{201c}{}\u{201d}), as the Compact allows.",
                chosen.days,
                context.text(reason)
            ),
            suggestion: None,
        };
    }
    Outcome {
        status: Status::Short,
        evidence: Some(chosen.sentence.span),
        terms: Some(chosen.terms),
        days: Some(chosen.days),
        required_days: Some(required),
        message: format!(
            "The {what} is {} days (\u{201c}{stated}\u{201d}), below the Compact's minimum of {required} days, and no reason is given.",
            chosen.days
        ),
        suggestion: Some(short_suggestion(requirement, &chosen, context)),
    }
}

fn unit_words(requirement: &Requirement) -> &'static str {
    match requirement {
        Requirement::MinimumPeriod { unit, min, .. } => match (unit, *min == 1) {
            (crate::lexicon::PeriodUnit::Days, true) => "day",
            (crate::lexicon::PeriodUnit::Days, false) => "days",
            (crate::lexicon::PeriodUnit::Weeks, true) => "week",
            (crate::lexicon::PeriodUnit::Weeks, false) => "weeks",
            (crate::lexicon::PeriodUnit::Months, true) => "month",
            (crate::lexicon::PeriodUnit::Months, false) => "months",
        },
        _ => "",
    }
}

/// The fix for a short period: the words to put in place of the stated period, or, for
/// dates, the closing date that would make the period long enough.
fn short_suggestion(
    requirement: &Requirement,
    chosen: &Candidate<'_>,
    context: &Context<'_>,
) -> Suggestion {
    let Requirement::MinimumPeriod { period, min, .. } = requirement else {
        unreachable!("short_suggestion is only called for minimum-period requirements")
    };
    let minimum = format!("{min} {}", unit_words(requirement));
    let reason_clause = match period {
        PeriodKind::Consultation => format!(
            "or keep the shorter period and say why it is needed (e.g. \u{201c}A shorter period is necessary because [reason].\u{201d}), as {} allows",
            context.compact_name
        ),
        PeriodKind::Notice => "or, if exceptional circumstances make shorter notice unavoidable, explain them".to_string(),
    };
    if chosen.is_duration {
        let stated = context.text(chosen.terms);
        let replacement = match period {
            PeriodKind::Notice if stated.to_lowercase().contains("notice") => {
                format!("{minimum}' notice")
            }
            PeriodKind::Consultation if stated.contains('-') && !stated.contains(' ') => {
                format!("{min}-week")
            }
            _ => minimum.clone(),
        };
        Suggestion {
            advice: format!("Extend the period to at least {minimum} ({reason_clause})."),
            action: SuggestionAction::Replace,
            text: Some(replacement),
        }
    } else {
        let closing = chosen
            .sentence
            .date_ranges
            .iter()
            .find(|r| r.span.overlaps(chosen.terms))
            .and_then(|r| r.start.date())
            .and_then(|start| {
                start.checked_add(time::Duration::days(i64::from(required_days(requirement))))
            });
        let advice = match closing {
            Some(date) => format!(
                "Move the closing date to {} or later, giving at least {minimum} ({reason_clause}).",
                format_date(date)
            ),
            None => format!("Allow at least {minimum} between the dates ({reason_clause})."),
        };
        Suggestion {
            advice,
            action: SuggestionAction::None,
            text: None,
        }
    }
}

fn required_days(requirement: &Requirement) -> u32 {
    match requirement {
        Requirement::MinimumPeriod { min, unit, .. } => unit.days(*min),
        _ => 0,
    }
}

/// "Wednesday 26 May 2027".
pub(crate) fn format_date(date: time::Date) -> String {
    format!(
        "{} {} {} {}",
        date.weekday(),
        date.day(),
        date.month(),
        date.year()
    )
}

/// No consultation is held, but the draft rules one out on a change that affects the
/// sector or the people it serves.
fn ruled_out(context: &Context<'_>, required: u32) -> Outcome {
    let ruled_out = context.ruled_out_consultation();
    let affects = !context.trigger_sentences("funding-change").is_empty()
        || !context.trigger_sentences("affects-people").is_empty();
    match ruled_out.first() {
        Some(sentence) if affects => {
            let terms = sentence
                .negations
                .first()
                .map(|m| m.span)
                .unwrap_or(sentence.span);
            Outcome {
                status: Status::Conflict,
                evidence: Some(sentence.span),
                terms: Some(terms),
                days: None,
                required_days: Some(required),
                message: format!(
                    "The draft rules out consultation (\u{201c}{}\u{201d}) on a change that affects the sector; the Compact expects a consultation of at least {required} days.",
                    context.text(terms)
                ),
                suggestion: Some(Suggestion {
                    advice: "Consult the organisations and people affected before the decision, for at least 12 weeks, or record why the decision cannot wait.".into(),
                    action: SuggestionAction::Replace,
                    text: Some(format!(
                        "A public consultation will run for 12 weeks before a final decision is taken, in line with {}.",
                        context.compact_name
                    )),
                }),
            }
        }
        _ => Outcome::not_applicable(),
    }
}

/// Words that mark a sentence as quoting a rule rather than stating the draft's own
/// period.
const RULE_WORDS: &[&str] = &[
    "requires",
    "require ",
    "recommends",
    "expects",
    "asks for",
    "asks public",
    "sets out",
    " says",
    "states that",
    "standard",
    "normally",
    "usual",
    "guidance",
    "best practice",
    "allows",
    "provides for",
    "permits",
    "entitles",
    "specifies",
    "in accordance with clause",
    "under clause",
    "minimum of 12 weeks set",
    "compact's",
];

/// Words that mark the draft's own commitment even in a sentence that also cites a rule.
const COMMITMENT_WORDS: &[&str] = &[
    "will run",
    "will last",
    "runs from",
    "will open",
    "will close",
    "opens on",
    "closes on",
    "we will give",
    "we are giving",
    "will be given",
    "is giving",
    "this letter gives",
    "will receive",
];

fn quotes_a_rule(context: &Context<'_>, sentence: &Sentence) -> bool {
    let lower = context.text(sentence.span).to_lowercase();
    let cites_rule = !sentence.compact_refs.is_empty()
        || [
            "agreement",
            "contract",
            "clause",
            "terms and conditions",
            "guidance",
            "legislation",
            "act ",
        ]
        .iter()
        .any(|w| lower.contains(w));
    cites_rule
        && RULE_WORDS.iter().any(|w| lower.contains(w))
        && !COMMITMENT_WORDS.iter().any(|w| lower.contains(w))
}

/// Words before a duration that make it something other than the period itself.
fn not_a_period(context: &Context<'_>, sentence: &Sentence, duration: &Duration) -> bool {
    if duration.in_past || duration.further {
        return true;
    }
    let before = &context
        .text(ByteSpan::new(sentence.span.start, duration.span.start))
        .to_lowercase();
    let before = before.trim_end();
    [
        "every",
        "each",
        "per",
        "within",
        "for the next",
        "over the next",
        "in the next",
        "the last",
        "the first",
    ]
    .iter()
    .any(|w| before.ends_with(w))
        || (duration.qualifier == Qualifier::Maximum && !starts_up_to(context, duration))
}

fn starts_up_to(context: &Context<'_>, duration: &Duration) -> bool {
    context
        .text(duration.span)
        .to_lowercase()
        .starts_with("up to")
}

fn duration_candidate<'a>(
    context: &Context<'_>,
    sentence: &'a Sentence,
    d: &Duration,
) -> Candidate<'a> {
    Candidate {
        days: d.days,
        sentence,
        terms: d.span,
        up_to: starts_up_to(context, d),
        is_duration: true,
    }
}

fn consultation_candidates<'a>(
    context: &Context<'a>,
    triggers: &[&'a Sentence],
) -> Vec<Candidate<'a>> {
    let trigger = context.vocabulary.trigger("consultation");
    let mut candidates = Vec::new();
    for sentence in triggers.iter().copied() {
        if quotes_a_rule(context, sentence) {
            continue;
        }
        if let Some(range) = sentence.date_ranges.first() {
            candidates.push(Candidate {
                days: range.days,
                sentence,
                terms: range.span,
                up_to: false,
                is_duration: false,
            });
            continue;
        }
        let anchors: Vec<ByteSpan> = trigger
            .map(|t| {
                context
                    .vocabulary
                    .spans_of(&sentence.vocabulary, t)
                    .collect()
            })
            .unwrap_or_default();
        let nearest = sentence
            .durations
            .iter()
            .filter(|d| !not_a_period(context, sentence, d))
            .min_by_key(|d| {
                anchors
                    .iter()
                    .map(|a| distance(*a, d.span))
                    .min()
                    .unwrap_or(usize::MAX)
            });
        if let Some(d) = nearest {
            candidates.push(duration_candidate(context, sentence, d));
        }
    }
    if candidates.is_empty() {
        // "A consultation is proposed. It will run for six weeks from 1 February."
        for sentence in triggers.iter().copied() {
            if let Some(next) = next_in_block(context, sentence) {
                let lower = context.text(next.span).to_lowercase();
                if ["run", "last", "open", "close", "period"]
                    .iter()
                    .any(|w| lower.contains(w))
                    && !quotes_a_rule(context, next)
                {
                    if let Some(range) = next.date_ranges.first() {
                        candidates.push(Candidate {
                            days: range.days,
                            sentence: next,
                            terms: range.span,
                            up_to: false,
                            is_duration: false,
                        });
                    } else if let Some(d) = next
                        .durations
                        .iter()
                        .find(|d| !not_a_period(context, next, d))
                    {
                        candidates.push(duration_candidate(context, next, d));
                    }
                }
            }
        }
    }
    candidates
}

fn notice_candidates<'a>(context: &Context<'a>, triggers: &[&'a Sentence]) -> Vec<Candidate<'a>> {
    let mut candidates = Vec::new();
    let analysis = context.analysis;
    for sentence in &analysis.sentences {
        let lower = context.text(sentence.span).to_lowercase();
        let is_trigger = triggers.iter().any(|t| t.span == sentence.span);
        let about_notice = lower.contains("notice") || lower.contains("notif");
        if !(is_trigger || about_notice) || quotes_a_rule(context, sentence) {
            continue;
        }
        for immediate in &sentence.immediate {
            let counts = match immediate.kind {
                ImmediateKind::Immediately => is_trigger,
                _ => true,
            };
            if counts {
                candidates.push(Candidate {
                    days: 0,
                    sentence,
                    terms: immediate.span,
                    up_to: false,
                    is_duration: false,
                });
            }
        }
        if about_notice {
            for d in sentence
                .durations
                .iter()
                .filter(|d| !not_a_period(context, sentence, d))
            {
                candidates.push(duration_candidate(context, sentence, d));
            }
        }
        if is_trigger && sentence.immediate.is_empty() {
            if let Some(range) = sentence.date_ranges.first().filter(|_| about_notice) {
                candidates.push(Candidate {
                    days: range.days,
                    sentence,
                    terms: range.span,
                    up_to: false,
                    is_duration: false,
                });
            } else if let Some(candidate) = end_date_candidate(context, sentence, &lower) {
                candidates.push(candidate);
            }
        }
    }
    candidates
}

/// "The grant will end on 31 March 2027" in a letter dated 6 January 2027: 84 days.
fn end_date_candidate<'a>(
    context: &Context<'a>,
    sentence: &'a Sentence,
    lower: &str,
) -> Option<Candidate<'a>> {
    let (dated, _) = context.analysis.document_date?;
    let ends = [
        "end",
        "cease",
        "terminat",
        "stop",
        "final",
        "expire",
        "withdraw",
        "effect from",
        "close",
    ]
    .iter()
    .any(|w| lower.contains(w));
    if !ends || sentence.dates.len() != 1 {
        return None;
    }
    let date = sentence.dates[0].date()?;
    let days = (date - dated).whole_days();
    (days >= 0).then(|| Candidate {
        days: u32::try_from(days).unwrap_or(u32::MAX),
        sentence,
        terms: sentence.dates[0].span,
        up_to: false,
        is_duration: false,
    })
}

fn next_in_block<'a>(context: &Context<'a>, sentence: &Sentence) -> Option<&'a Sentence> {
    let sentences = &context.analysis.sentences;
    let index = sentences.iter().position(|s| s.span == sentence.span)?;
    sentences
        .get(index + 1)
        .filter(|s| s.block == sentence.block)
}

fn distance(a: ByteSpan, b: ByteSpan) -> usize {
    if a.overlaps(b) {
        0
    } else if a.end <= b.start {
        b.start - a.end
    } else {
        a.start - b.end
    }
}

/// A reason for a shorter consultation: a justification in the period's sentence, or in a
/// nearby sentence that talks about the period.
fn reason_for_shorter(context: &Context<'_>, sentence: &Sentence) -> Option<ByteSpan> {
    if let Some(m) = sentence.justifications.first() {
        return Some(m.span);
    }
    context.analysis.neighbourhood(sentence).find_map(|s| {
        let lower = context.text(s.span).to_lowercase();
        let about_period = [
            "shorter",
            "short ",
            "reduced",
            "less than",
            "period",
            "timescale",
            "weeks",
            "deadline",
            "curtailed",
            "compressed",
        ]
        .iter()
        .any(|w| lower.contains(w));
        if about_period {
            s.justifications.first().map(|m| m.span)
        } else {
            None
        }
    })
}

/// Exceptional circumstances explained near the notice.
fn exceptional_circumstances(context: &Context<'_>, sentence: &Sentence) -> Option<ByteSpan> {
    const WORDS: &[&str] = &[
        "exceptional",
        "emergency",
        "unforeseen",
        "urgent",
        "beyond the council's control",
        "beyond our control",
    ];
    std::iter::once(sentence)
        .chain(context.analysis.neighbourhood(sentence))
        .find_map(|s| {
            let lower = context.text(s.span).to_lowercase();
            WORDS.iter().find_map(|w| {
                lower.find(w).map(|at| {
                    let start = s.span.start + at;
                    ByteSpan::new(start, start + w.len())
                })
            })
        })
}

#[cfg(test)]
mod tests {
    use super::super::test_support::assert_status;
    use crate::findings::Status;

    const CONSULTATION: &str = r#"
kind = "minimum-period"
applies-when = "consultation"
period = "consultation"
min = 12
unit = "weeks"
shorter-allowed = "with-reason"
"#;

    const NOTICE: &str = r#"
kind = "minimum-period"
applies-when = "funding-change"
period = "notice"
min = 3
unit = "months"
shorter-allowed = "exceptional-circumstances"
"#;

    #[test]
    fn a_six_week_consultation_is_short() {
        let o = assert_status(
            CONSULTATION,
            "Cabinet approves a six-week public consultation on the proposals.",
            Status::Short,
        );
        assert_eq!(o.days, Some(42));
        assert_eq!(o.required_days, Some(84));
    }

    #[test]
    fn twelve_weeks_by_dates_is_met() {
        let o = assert_status(
            CONSULTATION,
            "The public consultation runs from 1 March to 24 May 2027.",
            Status::Met,
        );
        assert_eq!(o.days, Some(84));
    }

    #[test]
    fn a_shorter_period_with_its_reason_is_met() {
        assert_status(
            CONSULTATION,
            "The consultation period will be six weeks because the statutory deadline for the scheme is 31 January.",
            Status::Met,
        );
    }

    #[test]
    fn a_hedged_period_is_weak() {
        assert_status(
            CONSULTATION,
            "We will aim to run the public consultation for 12 weeks where possible.",
            Status::Weak,
        );
        assert_status(
            CONSULTATION,
            "The consultation period will be up to 12 weeks.",
            Status::Weak,
        );
    }

    #[test]
    fn no_period_is_missing_and_no_consultation_is_not_applicable() {
        assert_status(
            CONSULTATION,
            "A public consultation will be held on the proposals.",
            Status::Missing,
        );
        assert_status(
            CONSULTATION,
            "The carriageway resurfacing programme starts in April.",
            Status::NotApplicable,
        );
    }

    #[test]
    fn a_quoted_rule_is_not_the_drafts_period() {
        assert_status(
            CONSULTATION,
            "The Compact normally expects 12 weeks for a public consultation.\nThe consultation will run for four weeks.",
            Status::Short,
        );
    }

    #[test]
    fn immediate_effect_is_zero_days_notice() {
        let o = assert_status(
            NOTICE,
            "The Council will withdraw the grant with immediate effect.",
            Status::Short,
        );
        assert_eq!(o.days, Some(0));
    }

    #[test]
    fn three_months_notice_is_met_and_one_month_short() {
        assert_status(
            NOTICE,
            "We are giving three months' notice that the grant will end.",
            Status::Met,
        );
        let o = assert_status(
            NOTICE,
            "The grant will end after one month's notice.",
            Status::Short,
        );
        assert_eq!(o.days, Some(30));
    }

    #[test]
    fn an_end_date_counts_from_the_letter_date() {
        let o = assert_status(
            NOTICE,
            "6 January 2027\nDear Ms Patel\nThe grant will end on 31 March 2027.",
            Status::Short,
        );
        assert_eq!(o.days, Some(84));
    }
}
