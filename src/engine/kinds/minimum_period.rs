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
        weakening_hedge(context, chosen.sentence, Some(chosen.terms))
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

/// The minimum written in the style of the words it replaces: digits or words ("12 weeks",
/// "twelve weeks"), hyphenated ("12-week", "twelve-week"), possessive ("three months'").
fn replacement_period(stated: &str, min: u32, unit: &'static str) -> String {
    const WORDS: [&str; 13] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve",
    ];
    let number = if stated
        .trim_start()
        .starts_with(|c: char| c.is_ascii_digit())
        || min > 12
    {
        min.to_string()
    } else {
        WORDS[min as usize].to_string()
    };
    let lower = stated.to_lowercase();
    let singular = unit.trim_end_matches('s');
    if lower.split_whitespace().count() == 1 && lower.contains('-') {
        return format!("{number}-{singular}");
    }
    let possessive = lower.ends_with("'s")
        || lower.ends_with("’s")
        || lower.ends_with('\'')
        || lower.ends_with('’');
    let apostrophe = if lower.contains('’') { "’" } else { "'" };
    if possessive {
        format!("{number} {unit}{apostrophe}")
    } else {
        format!("{number} {unit}")
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
        let replacement = replacement_period(stated, *min, unit_words(requirement));
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
                crate::extract::dates::weekday_date(date)
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

/// Verbs that, after a reference to the Compact, make the sentence a statement of what the
/// Compact says ("The Compact asks for 12 weeks"), not of what this draft does.
const COMPACT_RULE_VERBS: &[&str] = &[
    "commitment",
    "committed",
    "has committed",
    "promises",
    "agreed",
    "requires",
    "require",
    "asks",
    "ask for",
    "expects",
    "commits",
    "says",
    "states",
    "sets out",
    "recommends",
    "undertaking",
    "provides",
    "calls for",
    "gives",
    "accepts",
    "allows",
    "is clear",
];

/// Verbs that make a sentence about an agreement, contract or guidance a statement of its
/// terms ("the agreement allows one month's notice").
const TERMS_VERBS: &[&str] = &[
    "requires",
    "require ",
    "allows",
    "provides for",
    "permits",
    "entitles",
    "specifies",
    "sets out",
    "states",
    "under clause",
    "in accordance with clause",
    "recommends",
    "expects",
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
    "is given",
    "are given",
];

/// A sentence that states a rule (the Compact's, a contract's, guidance) rather than the
/// draft's own period.
pub(super) fn quotes_a_rule(context: &Context<'_>, sentence: &Sentence) -> bool {
    let text = context.text(sentence.span);
    let lower = text.to_lowercase();
    if COMMITMENT_WORDS.iter().any(|w| lower.contains(w)) {
        return false;
    }
    let compact_rule = sentence.compact_refs.iter().any(|r| {
        // "Under the Norfolk Compact, the Council has committed to ...": what the Compact
        // asks, not what this draft does.
        let before = text[..r.span.start - sentence.span.start].to_lowercase();
        if before.trim_end().ends_with("under the") || before.trim_end().ends_with("under our") {
            return true;
        }
        let after = text[r.span.end - sentence.span.start..]
            .chars()
            .take(60)
            .collect::<String>()
            .to_lowercase();
        let after = after.trim_start_matches(['\'', '’', 's', ' ']);
        COMPACT_RULE_VERBS.iter().any(|v| after.starts_with(v))
            || after.starts_with("undertaking")
            || (after.starts_with('(') && COMPACT_RULE_VERBS.iter().any(|v| after.contains(v)))
            || COMPACT_RULE_VERBS
                .iter()
                .any(|v| after.split(' ').take(4).any(|w| w == v.trim()))
    });
    if compact_rule {
        return true;
    }
    let cites_terms = [
        "agreement",
        "contract",
        "clause",
        "terms and conditions",
        "guidance",
        "legislation",
        "regulations",
    ]
    .iter()
    .any(|w| lower.contains(w));
    cites_terms && TERMS_VERBS.iter().any(|w| lower.contains(w))
}

/// Words before a duration that make it something other than the period itself.
fn not_a_period(context: &Context<'_>, sentence: &Sentence, duration: &Duration) -> bool {
    if duration.in_past || duration.further {
        return true;
    }
    // "in line with the Southwark Compact commitment to give at least three months'
    // notice": the Compact's period quoted beside the draft's own.
    let lead = context
        .text(ByteSpan::new(sentence.span.start, duration.span.start))
        .to_lowercase();
    let lead: String = lead
        .chars()
        .rev()
        .take(90)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if lead.contains("compact") && COMPACT_RULE_VERBS.iter().any(|v| lead.contains(v)) {
        return true;
    }
    if names_the_compacts_minimum(context, sentence, duration) {
        return true;
    }
    // "the first six weeks of the notice period": part of a period, not the period.
    let words = context.text(duration.span).to_lowercase();
    if [
        "the first",
        "the last",
        "the next",
        "the final",
        "the remaining",
    ]
    .iter()
    .any(|w| words.starts_with(w))
    {
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
        || (duration.qualifier == Qualifier::Maximum
            && !starts_up_to(context, duration)
            && !response_window(context, sentence))
        || {
            // "a fortnight before the consultation opens": a lead time, not the period.
            let after = context
                .text(ByteSpan::new(duration.span.end, sentence.span.end))
                .trim_start()
                .to_lowercase();
            [
                "before",
                "after",
                "prior to",
                "ahead of",
                "later",
                "earlier",
                "in advance",
                "beforehand",
                "into the",
                "from the close",
                "from the end",
            ]
            .iter()
            .any(|w| after.starts_with(w))
        }
}

/// "longer than the 12-week minimum in the Calderdale Compact", "the three months required
/// by our Compact": the duration is the Compact's, named after it, not the draft's. The
/// reference must say so: a noun such as "minimum" followed by where it is set, or "required
/// by" the Compact. "Three months' notice under the Compact" or "12 weeks in the spirit of
/// the Compact" is the draft's own period, given in line with the Compact.
fn names_the_compacts_minimum(
    context: &Context<'_>,
    sentence: &Sentence,
    duration: &Duration,
) -> bool {
    let after = context
        .text(ByteSpan::new(duration.span.end, sentence.span.end))
        .to_lowercase();
    let words: Vec<&str> = after
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .take(9)
        .collect();
    let names_compact = |rest: &[&str]| {
        rest.iter()
            .take(4)
            .any(|w| w.trim_end_matches(['.', ';', ')', '\'', '’', 's']) == "compact")
    };
    let set_by = [
        &["required", "by"][..],
        &["expected", "by"],
        &["set", "by"],
        &["set", "out", "in"],
        &["agreed", "in"],
        &["recommended", "by"],
    ];
    let after_set_by = |rest: &[&str]| {
        set_by.iter().any(|lead| {
            rest.starts_with(lead)
                && matches!(rest.get(lead.len()), Some(&("the" | "our")))
                && names_compact(&rest[lead.len() + 1..])
        })
    };
    const NOUNS: [&str; 5] = ["minimum", "standard", "requirement", "rule", "expectation"];
    let where_set = |rest: &[&str]| {
        after_set_by(rest)
            || (matches!(rest.first(), Some(&("in" | "of" | "under")))
                && matches!(rest.get(1), Some(&("the" | "our")))
                && names_compact(&rest[2..]))
    };
    // The extractor may take the noun into the duration ("12-week minimum").
    let stated = context.text(duration.span).to_lowercase();
    if NOUNS.iter().any(|n| stated.trim_end().ends_with(n)) {
        return where_set(&words);
    }
    match words.split_first() {
        Some((first, rest)) if NOUNS.contains(first) => where_set(rest),
        _ => after_set_by(&words),
    }
}

/// "Responses must be received within 30 days": in a sentence about responses, "within"
/// states the consultation's own window.
fn response_window(context: &Context<'_>, sentence: &Sentence) -> bool {
    let lower = context.text(sentence.span).to_lowercase();
    ["responses", "comments", "views", "respond"]
        .iter()
        .any(|w| lower.contains(w))
}

fn starts_up_to(context: &Context<'_>, duration: &Duration) -> bool {
    context
        .text(duration.span)
        .to_lowercase()
        .starts_with("up to")
}

impl<'a> Candidate<'a> {
    /// A period stated by its dates: exact, and not a duration to reword.
    fn from_range(sentence: &'a Sentence, range: &crate::extract::dates::DateRange) -> Self {
        Candidate {
            days: range.days,
            sentence,
            terms: range.span,
            up_to: false,
            is_duration: false,
        }
    }
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
            candidates.push(Candidate::from_range(sentence, range));
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
        candidates.extend(windows_stated_apart(context));
    }
    if candidates.is_empty() {
        // "A consultation is proposed. It will run for six weeks from 1 February."
        for sentence in triggers.iter().copied() {
            if let Some(next) = next_in_block(context, sentence) {
                let lower = context.text(next.span).to_lowercase();
                let about_period = ["run", "last", "open", "close", "period", "live"]
                    .iter()
                    .any(|w| lower.contains(w));
                if (about_period || !next.date_ranges.is_empty()) && !quotes_a_rule(context, next) {
                    if let Some(range) = next.date_ranges.first() {
                        candidates.push(Candidate::from_range(next, range));
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

/// A consultation's dates stated in a sentence the trigger does not fire on
/// ("Consultation window: 4 March – 27 May 2027"), or split over two sentences of one block
/// ("The consultation opens on 2 April. Closing date for responses: 2 July.").
fn windows_stated_apart<'a>(context: &Context<'a>) -> Vec<Candidate<'a>> {
    const ABOUT: &[&str] = &["consult", "survey", "responses", "have your say"];
    const OPENS: &[&str] = &["open", "launch", "start", "begin", "live from", "from"];
    const CLOSES: &[&str] = &["clos", "deadline", "until", "end", "by"];
    let sentences = &context.analysis.sentences;
    let about = |s: &Sentence| {
        let lower = context.text(s.span).to_lowercase();
        ABOUT.iter().any(|w| lower.contains(w))
    };
    let mut found = Vec::new();
    for (i, sentence) in sentences.iter().enumerate() {
        if !about(sentence) || quotes_a_rule(context, sentence) {
            continue;
        }
        if let Some(range) = sentence.date_ranges.first() {
            found.push(Candidate::from_range(sentence, range));
            continue;
        }
        let cue_before = |s: &Sentence, d: &crate::extract::dates::DateMatch, cues: &[&str]| {
            let before = context
                .text(ByteSpan::new(s.span.start, d.span.start))
                .to_lowercase();
            let tail: String = before
                .chars()
                .rev()
                .take(40)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            cues.iter().any(|c| tail.contains(c))
        };
        let Some(start) = sentence
            .dates
            .iter()
            .find(|d| cue_before(sentence, d, OPENS))
        else {
            // "Responses must be received within 30 days of the date of this document."
            if response_window(context, sentence) {
                if let Some(d) = sentence
                    .durations
                    .iter()
                    .find(|d| !not_a_period(context, sentence, d))
                {
                    found.push(duration_candidate(context, sentence, d));
                }
            }
            continue;
        };
        let next = sentences.get(i + 1).filter(|n| n.block == sentence.block);
        let end = sentence
            .dates
            .iter()
            .filter(|d| d.span.start > start.span.start)
            .chain(next.into_iter().flat_map(|n| n.dates.iter()))
            .find(|d| {
                let holder = if sentence.span.contains(d.span) {
                    sentence
                } else {
                    next.unwrap_or(sentence)
                };
                cue_before(holder, d, CLOSES)
            });
        if let (Some(start_date), Some(end)) = (start.date(), end) {
            let end_date = end.date().or_else(|| {
                time::Date::from_calendar_date(start_date.year(), end.month, end.day).ok()
            });
            if let Some(end_date) = end_date {
                let days = (end_date - start_date).whole_days();
                if days > 0 {
                    found.push(Candidate {
                        days: u32::try_from(days).unwrap_or(u32::MAX),
                        sentence,
                        terms: ByteSpan::new(start.span.start, end.span.end.max(start.span.end)),
                        up_to: false,
                        is_duration: false,
                    });
                }
            }
        }
    }
    found
}

fn notice_candidates<'a>(context: &Context<'a>, triggers: &[&'a Sentence]) -> Vec<Candidate<'a>> {
    let mut candidates = Vec::new();
    let analysis = context.analysis;
    for sentence in &analysis.sentences {
        let lower = context.text(sentence.span).to_lowercase();
        let is_trigger = triggers.iter().any(|t| t.span == sentence.span);
        let about_notice = lower.contains("notice") || lower.contains("notif");
        let near_trigger = triggers
            .iter()
            .any(|t| t.block.abs_diff(sentence.block) <= 2);
        if !(is_trigger || about_notice || near_trigger)
            || quotes_a_rule(context, sentence)
            || rejected_option(&lower)
        {
            continue;
        }
        let takes_effect = [
            "take effect",
            "takes effect",
            "effective",
            "from the date of this letter",
            "will end",
            "will cease",
            "will stop",
        ]
        .iter()
        .any(|w| lower.contains(w));
        for immediate in &sentence.immediate {
            let counts = match immediate.kind {
                ImmediateKind::Immediately => is_trigger,
                _ => is_trigger || about_notice,
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
        for d in sentence
            .durations
            .iter()
            .filter(|d| !not_a_period(context, sentence, d))
        {
            // In a sentence about ending funding, "will cease in a fortnight" states the
            // notice as much as "a fortnight's notice" does.
            let introduced_by_in = {
                let before = context
                    .text(ByteSpan::new(sentence.span.start, d.span.start))
                    .trim_end()
                    .to_lowercase();
                before.ends_with(" in") || before.ends_with(" after")
            };
            if names_a_consultation(context, sentence, d) {
                continue;
            }
            if about_notice || (is_trigger && introduced_by_in) || (near_trigger && takes_effect) {
                candidates.push(duration_candidate(context, sentence, d));
            }
        }
        if near_trigger && sentence.immediate.is_empty() && sentence.durations.is_empty() {
            if let Some(range) = sentence.date_ranges.first().filter(|_| about_notice) {
                candidates.push(Candidate::from_range(sentence, range));
            } else if let Some(candidate) = end_date_candidate(context, sentence, &lower) {
                candidates.push(candidate);
            }
        }
    }
    candidates
}

/// Words that, shortly before a date, make it the date funding ends or changes.
const TAKES_EFFECT: &[&str] = &[
    "end",
    "cease",
    "terminat",
    "stop",
    "expir",
    "apply",
    "applies",
    "effect",
    "withdraw",
    "reduc",
    "final payment",
    "last payment",
    "until",
];

/// "the six-week consultation": a consultation's length, not notice.
fn names_a_consultation(context: &Context<'_>, sentence: &Sentence, d: &Duration) -> bool {
    let after = context
        .text(ByteSpan::new(d.span.end, sentence.span.end))
        .trim_start()
        .to_lowercase();
    [
        "consultation",
        "public consultation",
        "formal consultation",
        "engagement",
        "survey",
    ]
    .iter()
    .any(|w| after.starts_with(w))
}

/// An option the draft considered and turned down ("Ending the grant immediately:
/// rejected") states no period the draft gives.
fn rejected_option(lower: &str) -> bool {
    [
        "rejected",
        "not recommended",
        "discounted",
        "not preferred",
        "was considered but",
        "ruled out",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

/// "The grant will end on 31 March 2027" in a letter dated 6 January 2027: 84 days. Only a
/// date that a takes-effect phrase introduces counts, in a sentence about funding.
fn end_date_candidate<'a>(
    context: &Context<'a>,
    sentence: &'a Sentence,
    lower: &str,
) -> Option<Candidate<'a>> {
    let (dated, _) = context.analysis.document_date?;
    let about_funding = [
        "grant",
        "funding",
        "contract",
        "commission",
        "service",
        "payment",
        "agreement",
    ]
    .iter()
    .any(|w| lower.contains(w));
    if !about_funding {
        return None;
    }
    let text = context.text(sentence.span).to_lowercase();
    let date = sentence.dates.iter().find(|d| {
        let before = &text[..d.span.start - sentence.span.start];
        let window_start = before.char_indices().rev().nth(50).map_or(0, |(i, _)| i);
        let window = &before[window_start..];
        let introduced = ["on", "from", "until", "by", "to", "at", "in"]
            .iter()
            .any(|w| window.trim_end().ends_with(&format!(" {w}")));
        introduced && TAKES_EFFECT.iter().any(|w| window.contains(w))
    })?;
    let days = (date.date()? - dated).whole_days();
    (days >= 0).then(|| Candidate {
        days: u32::try_from(days).unwrap_or(u32::MAX),
        sentence,
        terms: date.span,
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

/// A reason for a shorter consultation: a justification in the period's sentence, in a
/// nearby sentence that talks about the period, or anywhere in the draft in a sentence
/// that explains a shorter period ("A shorter six-week period is necessary because ...",
/// often in a Consultation section far from the recommendation that states the dates).
fn reason_for_shorter(context: &Context<'_>, sentence: &Sentence) -> Option<ByteSpan> {
    if let Some(m) = sentence.justifications.first() {
        return Some(m.span);
    }
    let talks_about = |s: &Sentence, words: &[&str]| {
        let lower = context.text(s.span).to_lowercase();
        words.iter().any(|w| lower.contains(w))
    };
    const ABOUT_PERIOD: &[&str] = &[
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
    ];
    const ABOUT_SHORTER: &[&str] = &[
        "shorter",
        "reduced period",
        "reduced consultation",
        "less than 12",
        "less than twelve",
        "curtailed",
        "compressed",
        "truncated",
        "abridged",
    ];
    let nearby = context
        .analysis
        .neighbourhood(sentence)
        .filter(|s| talks_about(s, ABOUT_PERIOD))
        .find_map(|s| s.justifications.first().map(|m| m.span));
    nearby.or_else(|| {
        context
            .analysis
            .sentences
            .iter()
            .filter(|s| talks_about(s, ABOUT_SHORTER) && !quotes_a_rule(context, s))
            .find_map(|s| s.justifications.first().map(|m| m.span))
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
    fn the_compacts_minimum_named_after_the_period_is_not_the_drafts_period() {
        let o = assert_status(
            CONSULTATION,
            "The consultation will run for a period of not less than 90 days. This is longer than the 12-week minimum in the Calderdale Compact because many groups meet less often in winter.",
            Status::Met,
        );
        assert_eq!(o.days, Some(90));
        let o = assert_status(
            CONSULTATION,
            "The consultation will run for six weeks, shorter than the 12 weeks required by the Compact.",
            Status::Short,
        );
        assert_eq!(o.days, Some(42));
        // The draft's own period, given in line with the Compact.
        let o = assert_status(
            CONSULTATION,
            "The consultation will run for 12 weeks in the spirit of the Compact.",
            Status::Met,
        );
        assert_eq!(o.days, Some(84));
        let o = assert_status(
            NOTICE,
            "The grant to Age Concern will end.\nAge Concern will receive three months' notice under the Compact, in writing, because the programme has ended.",
            Status::Met,
        );
        assert_eq!(o.days, Some(90));
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
    fn replacements_keep_the_drafts_style() {
        use super::replacement_period;
        assert_eq!(
            replacement_period("one month's", 3, "months"),
            "three months'"
        );
        assert_eq!(replacement_period("six-week", 12, "weeks"), "twelve-week");
        assert_eq!(replacement_period("6-week", 12, "weeks"), "12-week");
        assert_eq!(replacement_period("28 days", 3, "months"), "3 months");
        assert_eq!(
            replacement_period("four weeks", 12, "weeks"),
            "twelve weeks"
        );
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

#[cfg(test)]
mod regression_tests {
    use super::super::test_support::assert_status;
    use crate::findings::Status;

    const NOTICE: &str = "kind = \"minimum-period\"\napplies-when = \"funding-change\"\nperiod = \"notice\"\nmin = 3\nunit = \"months\"\nshorter-allowed = \"exceptional-circumstances\"\n";

    /// b-redcar-centres-no-consultation: the notice is stated as when payments cease.
    #[test]
    fn payments_ceasing_in_a_fortnight_is_fourteen_days_notice() {
        let o = assert_status(NOTICE, "The Council will stop paying running costs contributions to community centre associations. Payments will cease in a fortnight, on 1 March 2027.", Status::Short);
        assert_eq!(o.days, Some(14));
    }
}
