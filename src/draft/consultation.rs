//! A consultation timetable, for the "Consultation" section of a cabinet report or a
//! consultation plan.
//!
//! The compacts ask for the same things of every formal consultation: early notice to the
//! voluntary and community sector, at least 12 weeks (84 days) to respond unless the draft
//! explains why less, materials in accessible formats, and feedback on how responses
//! shaped the decision. [`Timetable::plan`] turns an opening date into dates for each step;
//! [`draft`] writes the section, each step citing the undertakings it meets.
//!
//! How the dates are set (all computed by [`super::calendar`]):
//! - early notice: four weeks before opening, on or before a working day;
//! - closing: the opening date plus the period (12 weeks unless `weeks` says otherwise),
//!   moved forward to a working day, so the period is never shorter than asked;
//! - analysis of responses: 20 working days after closing;
//! - the report and summary of responses: 5 working days later, published with the papers
//!   for the decision;
//! - the decision: 5 working days after the papers are published;
//! - feedback to respondents: 10 working days after the decision.
//!
//! The wording keeps the checker's reading simple: the period is stated once, as a range
//! of dates in the sentence that says the consultation will run; no other sentence about
//! the consultation gives a period or a range of dates.

use super::calendar::{
    add_working_days, why_not_working, working_day_on_or_after, working_day_on_or_before,
};
use super::{as_clause, date_words, fires, Block, Compacts, Draft, DraftError, Minimum};
use crate::lexicon::{Lexicon, PeriodKind, PeriodUnit};
use time::{Date, Duration};

/// What the officer asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsultationRequest {
    /// The day the consultation opens.
    pub opens: Date,
    /// How many weeks it runs; `None` for the compacts' minimum.
    pub weeks: Option<u32>,
    /// Why a period shorter than the minimum is needed.
    pub reason: Option<String>,
    /// What the consultation is about ("Proposed changes to community centre funding").
    pub title: Option<String>,
}

/// Working days between the close and the end of the analysis of responses.
const ANALYSIS_WORKING_DAYS: u32 = 20;
/// Working days between the end of the analysis and the publication of the report.
const REPORT_WORKING_DAYS: u32 = 5;
/// Working days between the report's publication and the decision (the papers for a
/// cabinet meeting are published five clear working days before it).
const DECISION_WORKING_DAYS: u32 = 5;
/// Working days after the decision within which every respondent hears the outcome.
const FEEDBACK_WORKING_DAYS: u32 = 10;
/// Days of early notice before the consultation opens.
const EARLY_NOTICE_DAYS: i64 = 28;

/// The compacts' minimum when no selected compact sets one: the national Compact's 12
/// weeks.
const DEFAULT_MINIMUM: Minimum = Minimum {
    days: 84,
    amount: 12,
    unit: PeriodUnit::Weeks,
    shorter_allowed: true,
};

/// The dates of every step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timetable {
    /// Early notice to the sector goes out by this date.
    pub early_notice: Date,
    pub opens: Date,
    /// The opening date plus the period, before moving to a working day.
    pub period_ends: Date,
    /// The closing date: `period_ends`, or the first working day after it.
    pub closes: Date,
    /// Days from opening to closing, as the checker counts a range of dates.
    pub days: u32,
    /// The weeks asked for.
    pub weeks: u32,
    /// The minimum the compacts ask for, in days.
    pub required_days: u32,
    /// Why the period is shorter than the minimum, when it is.
    pub shorter_because: Option<String>,
    pub analysis_by: Date,
    pub report_published: Date,
    pub decision: Date,
    pub feedback_by: Date,
}

impl Timetable {
    /// Plan the dates, refusing a period shorter than `minimum` unless a reason is given
    /// and the compacts allow one. `compact` names the compacts in the error.
    pub fn plan(
        request: &ConsultationRequest,
        minimum: Minimum,
        compact: &str,
    ) -> Result<Timetable, DraftError> {
        let required_weeks = minimum.days.div_ceil(7);
        let weeks = request.weeks.unwrap_or(required_weeks);
        if weeks == 0 {
            return Err(DraftError::NoWeeks);
        }
        let reason = request
            .reason
            .as_deref()
            .map(as_clause)
            .filter(|r| !r.is_empty());
        let shorter = weeks * 7 < minimum.days;
        if shorter && !minimum.shorter_allowed {
            return Err(DraftError::ShorterConsultationNotAllowed {
                weeks,
                required_weeks,
                compact: compact.to_string(),
            });
        }
        if shorter && reason.is_none() {
            return Err(DraftError::ShortConsultationWithoutReason {
                weeks,
                required_weeks,
                required_days: minimum.days,
                compact: compact.to_string(),
            });
        }
        let opens = request.opens;
        let period_ends = add_days(opens, i64::from(weeks) * 7);
        let closes = working_day_on_or_after(period_ends);
        let days = u32::try_from((closes - opens).whole_days()).unwrap_or(0);
        let analysis_by = add_working_days(closes, ANALYSIS_WORKING_DAYS);
        let report_published = add_working_days(analysis_by, REPORT_WORKING_DAYS);
        let decision = add_working_days(report_published, DECISION_WORKING_DAYS);
        Ok(Timetable {
            early_notice: working_day_on_or_before(add_days(opens, -EARLY_NOTICE_DAYS)),
            opens,
            period_ends,
            closes,
            days,
            weeks,
            required_days: minimum.days,
            shorter_because: if shorter { reason } else { None },
            analysis_by,
            report_published,
            decision,
            feedback_by: add_working_days(decision, FEEDBACK_WORKING_DAYS),
        })
    }
}

fn add_days(date: Date, days: i64) -> Date {
    date.checked_add(Duration::days(days)).unwrap_or(date)
}

/// Undertakings that speak to a step but that no draft check covers, by step. Chosen by
/// reading the bundled compacts; a council's own compact is cited through the checks.
const EARLY_NOTICE: &[&str] = &[
    "durham/2.4",
    "stockton/consultation/8",
    "redcar/principles/consultation/5",
    "redcar/consultation/public/1",
    "staffordshire/objective-1/consultation",
];
const LAUNCH: &[&str] = &[
    "stockton/consultation/5",
    "redcar/principles/consultation/1",
    "redcar/consultation/public/2",
];
const ANALYSIS: &[&str] = &[
    "redcar/principles/consultation/6",
    "redcar/consultation/public/4",
    "redcar/consultation/public/5",
];
const DECISION: &[&str] = &["redcar/consultation/public/6"];

/// "12 weeks", "12 weeks and 1 day", "6 weeks and 3 days".
fn period_words(days: u32) -> String {
    let (weeks, rest) = (days / 7, days % 7);
    let weeks_words = match weeks {
        1 => "1 week".to_string(),
        n => format!("{n} weeks"),
    };
    match rest {
        0 => weeks_words,
        1 => format!("{weeks_words} and 1 day"),
        n => format!("{weeks_words} and {n} days"),
    }
}

/// Write the consultation timetable for the selected compacts (all of them when `compacts`
/// is empty).
pub fn draft(
    lexicon: &Lexicon,
    compacts: &[String],
    request: &ConsultationRequest,
) -> Result<Draft, DraftError> {
    let compacts = Compacts::select(lexicon, compacts)?;
    let (minimum, compact) = compacts.minimum_and_source(PeriodKind::Consultation, DEFAULT_MINIMUM);
    let plan = Timetable::plan(request, minimum, &compact)?;
    let subject = request
        .title
        .as_deref()
        .map(as_clause)
        .filter(|t| !t.is_empty());
    let title = match &subject {
        Some(subject) => format!("Consultation timetable: {subject}"),
        None => "Consultation timetable".to_string(),
    };
    // A consultation about funding: the decision may end funding, which the compacts say
    // needs notice; the timetable says so rather than leave it out.
    let about_funding = subject
        .as_deref()
        .is_some_and(|s| fires(lexicon, s, "funding-change"));
    let about = subject.as_deref().map_or_else(
        || "[the proposal]".to_string(),
        |s| format!("\u{201c}{s}\u{201d}"),
    );

    let mut warnings = Vec::new();
    if let Some(why) = why_not_working(plan.opens) {
        warnings.push(format!(
            "the opening date, {}, is {why}: people and organisations will first hear of the consultation on a day offices are closed; consider opening on {}",
            date_words(plan.opens),
            date_words(working_day_on_or_after(plan.opens))
        ));
    }
    let reason_given = request
        .reason
        .as_deref()
        .is_some_and(|r| !r.trim().is_empty());
    if reason_given && plan.shorter_because.is_none() {
        warnings.push(format!(
            "--reason is not used: {} meets the {} {compact} asks for, so no reason is needed",
            weeks_words(plan.weeks),
            minimum.words()
        ));
    }

    let mut blocks = vec![Block::Paragraph(format!(
        "This section sets out how and when the Council will consult on {about}. The \
         timetable follows {}, {} between the Council and the voluntary and community \
         sector (VCS) in {}. Each step names the Compact undertakings it meets.",
        compacts.titles(),
        compacts.agreement(),
        compacts.areas()
    ))];

    blocks.push(Block::Heading("Summary of dates".into()));
    blocks.push(Block::Table {
        columns: vec!["Step".into(), "Date".into()],
        rows: vec![
            vec![
                "Early notice to the voluntary and community sector".into(),
                format!("By {}", date_words(plan.early_notice)),
            ],
            vec!["Consultation opens".into(), date_words(plan.opens)],
            vec!["Consultation closes".into(), date_words(plan.closes)],
            vec![
                "Analysis of responses complete".into(),
                format!("By {}", date_words(plan.analysis_by)),
            ],
            vec![
                "Report and summary of responses published".into(),
                date_words(plan.report_published),
            ],
            vec!["Decision".into(), date_words(plan.decision)],
            vec![
                "Everyone who responded told the outcome".into(),
                format!("By {}", date_words(plan.feedback_by)),
            ],
        ],
    });

    blocks.push(Block::Heading("The timetable step by step".into()));

    blocks.push(Block::Subheading(
        "1. Early notice to the voluntary and community sector".into(),
    ));
    blocks.push(Block::Paragraph(format!(
        "By {}, four weeks before the consultation opens, the Council will write to \
         voluntary and community organisations, including [the local VCS infrastructure \
         organisation] and the groups that work with the people most affected, to tell them \
         what the consultation is about, when it opens and closes, and how to take part. \
         This gives them time to involve their service users, members, volunteers and \
         trustees in preparing a response.",
        date_words(plan.early_notice)
    )));
    blocks.push(Block::Citations(compacts.citations(&[], &[], EARLY_NOTICE)));

    blocks.push(Block::Subheading("2. The consultation opens".into()));
    blocks.push(Block::Paragraph(format!(
        "On {} the Council will publish the consultation document and questionnaire at \
         [web address]. The document will explain the proposal in plain English, what could \
         change as a result of the consultation and what cannot, and the options \
         considered. People can respond online, by email to [email address], by post to \
         [postal address], or at the drop-in sessions listed in the document.",
        date_words(plan.opens)
    )));
    blocks.push(Block::Paragraph(
        "An equality impact assessment of the proposal will be published with the \
         consultation document. It will be updated with what respondents tell us before the \
         decision is taken."
            .into(),
    ));
    blocks.push(Block::Citations(compacts.citations(
        &["equality.assessment"],
        &["affects-people", "consultation"],
        LAUNCH,
    )));

    blocks.push(Block::Subheading("3. The consultation closes".into()));
    let mut period = format!(
        "The public consultation will run from {} to {}: {}.",
        date_words(plan.opens),
        date_words(plan.closes),
        period_words(plan.days)
    );
    if plan.closes != plan.period_ends {
        // "The 12 weeks end on Saturday 26 June 2027, so ...": the weekday says why; a bank
        // holiday is named.
        let holiday = why_not_working(plan.period_ends)
            .filter(|why| !why.starts_with("a "))
            .map(|why| format!(", {why},"))
            .unwrap_or_else(|| ",".to_string());
        period.push_str(&format!(
            " The {} end on {}{holiday} so the closing date is the next working day.",
            weeks_words(plan.weeks),
            date_words(plan.period_ends)
        ));
    }
    match &plan.shorter_because {
        Some(reason) => period.push_str(&format!(
            " This is shorter than the {} {compact} asks for. A shorter period is necessary \
             because {}",
            minimum.words(),
            finish(&because(reason))
        )),
        None => period.push_str(&format!(
            " This gives people and organisations at least the {} {compact} asks for.",
            minimum.words()
        )),
    }
    blocks.push(Block::Paragraph(period));
    blocks.push(Block::Paragraph(
        "Responses received by the end of the closing date will all be read and taken \
         into account."
            .into(),
    ));
    blocks.push(Block::Citations(compacts.citations(
        &["consultation.period"],
        &[],
        &[],
    )));

    blocks.push(Block::Subheading(
        "4. Accessible formats and help to respond".into(),
    ));
    blocks.push(Block::Paragraph(
        "Throughout the consultation, the document and questionnaire will be available in \
         accessible formats on request, including large print, easy read, Braille, audio \
         and other languages, and a British Sign Language interpreter will be provided at \
         drop-in sessions on request. Paper copies will be available at [libraries and \
         customer service points]. Requests and questions go to [contact name, email \
         address and telephone number]."
            .into(),
    ));
    blocks.push(Block::Citations(compacts.citations(
        &["information-sharing.accessible-formats"],
        &[],
        &[],
    )));

    blocks.push(Block::Subheading("5. Analysis of responses".into()));
    blocks.push(Block::Paragraph(format!(
        "By {}, [the team responsible] will read and analyse every response. Answers to \
         closed questions will be counted, and comments will be grouped by theme. Responses \
         from voluntary and community organisations will be reported separately from those \
         of individuals, with their main points in their own words. The analysis will show \
         who responded, by protected characteristic where people told us, so that gaps can \
         be seen and the equality impact assessment updated.",
        date_words(plan.analysis_by)
    )));
    blocks.push(Block::Citations(compacts.citations(&[], &[], ANALYSIS)));

    blocks.push(Block::Subheading(
        "6. Publishing the responses and how they were used".into(),
    ));
    blocks.push(Block::Paragraph(format!(
        "On {} the Council will publish a summary of responses on its website with the \
         report to the decision-maker. The report will set out what people told us and how \
         the responses have influenced the proposal (\u{201c}you said, we did\u{201d}), \
         including where the Council has not acted on a view, and why.",
        date_words(plan.report_published)
    )));
    blocks.push(Block::Citations(compacts.citations(
        &["feedback.report-back"],
        &[],
        &[],
    )));

    blocks.push(Block::Subheading("7. Decision".into()));
    blocks.push(Block::Paragraph(format!(
        "[Cabinet] will take the decision on {} [confirm the date of the meeting], having \
         considered the responses, the summary of responses and the updated equality impact \
         assessment. The reasons for the decision will be published with it.",
        date_words(plan.decision)
    )));
    blocks.push(Block::Citations(compacts.citations(&[], &[], DECISION)));

    let mut step = 8;
    if about_funding {
        let notice = compacts
            .minimum_and_source(PeriodKind::Notice, super::notice::DEFAULT_MINIMUM)
            .0
            .words();
        blocks.push(Block::Subheading(format!(
            "{step}. Notice to funded organisations"
        )));
        blocks.push(Block::Paragraph(format!(
            "If the decision ends or reduces funding for any organisation, the Council will \
             give it at least {notice}\u{2019} notice in writing, with the reasons for the \
             decision, counted from the date of the letter."
        )));
        blocks.push(Block::Citations(compacts.citations(
            &[
                "funding-notice.period",
                "funding-notice.in-writing",
                "funding-notice.rationale",
            ],
            &[],
            &[],
        )));
        step += 1;
    }

    blocks.push(Block::Subheading(format!(
        "{step}. Telling respondents the outcome"
    )));
    blocks.push(Block::Paragraph(format!(
        "By {} the Council will write to everyone who responded and left contact details, \
         and to the organisations told about the consultation at step 1, to report back the \
         decision, how their views influenced it, and where to read the summary of \
         responses.",
        date_words(plan.feedback_by)
    )));
    blocks.push(Block::Citations(compacts.citations(
        &["feedback.report-back"],
        &[],
        &[],
    )));

    blocks.retain(|b| !matches!(b, Block::Citations(c) if c.is_empty()));
    Ok(Draft {
        title,
        letter: false,
        blocks,
        dated: Some(plan.opens),
        warnings,
    })
}

/// A reason to follow "because": without a "because" of its own, and with an opening
/// "The", "This" or "We" in lower case (names and acronyms keep their capitals).
fn because(reason: &str) -> String {
    let reason = as_clause(reason);
    let lower = reason.to_lowercase();
    let reason = if lower.starts_with("because ") {
        reason["because ".len()..].to_string()
    } else {
        reason
    };
    let first = reason.split(' ').next().unwrap_or_default();
    const ORDINARY: &[&str] = &[
        "The", "A", "An", "This", "These", "That", "Those", "It", "We", "Our", "There", "Its",
        "Their", "They", "Any",
    ];
    if ORDINARY.contains(&first) {
        let mut chars = reason.chars();
        let head = chars.next().map(|c| c.to_ascii_lowercase());
        head.into_iter().chain(chars).collect()
    } else {
        reason
    }
}

/// A clause ended as a sentence, keeping its first letter as it is.
fn finish(clause: &str) -> String {
    if clause.ends_with(['.', '!', '?']) {
        clause.to_string()
    } else {
        format!("{clause}.")
    }
}

/// "12 weeks", "1 week".
fn weeks_words(weeks: u32) -> String {
    if weeks == 1 {
        "1 week".to_string()
    } else {
        format!("{weeks} weeks")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn request(opens: Date, weeks: Option<u32>, reason: Option<&str>) -> ConsultationRequest {
        ConsultationRequest {
            opens,
            weeks,
            reason: reason.map(str::to_string),
            title: None,
        }
    }

    fn plan(
        opens: Date,
        weeks: Option<u32>,
        reason: Option<&str>,
    ) -> Result<Timetable, DraftError> {
        Timetable::plan(
            &request(opens, weeks, reason),
            DEFAULT_MINIMUM,
            "the Compact",
        )
    }

    #[test]
    fn twelve_weeks_is_eighty_four_days_when_the_close_is_a_working_day() {
        let t = plan(date!(2027 - 04 - 05), None, None).unwrap();
        assert_eq!(t.closes, date!(2027 - 06 - 28));
        assert_eq!(t.days, 84);
        assert_eq!(t.weeks, 12);
        assert_eq!(t.shorter_because, None);
        // Four weeks before Monday 5 April 2027 is Monday 8 March.
        assert_eq!(t.early_notice, date!(2027 - 03 - 08));
    }

    #[test]
    fn a_close_at_a_weekend_moves_to_the_monday() {
        // Saturday 3 April 2027 + 84 days = Saturday 26 June.
        let t = plan(date!(2027 - 04 - 03), None, None).unwrap();
        assert_eq!(t.period_ends, date!(2027 - 06 - 26));
        assert_eq!(t.closes, date!(2027 - 06 - 28));
        assert_eq!(t.days, 86);
    }

    #[test]
    fn a_close_on_a_bank_holiday_moves_past_it() {
        // Monday 7 June 2027 + 84 days = Monday 30 August, the summer bank holiday.
        let t = plan(date!(2027 - 06 - 07), None, None).unwrap();
        assert_eq!(t.period_ends, date!(2027 - 08 - 30));
        assert_eq!(t.closes, date!(2027 - 08 - 31));
        assert_eq!(t.days, 85);
        // Friday 1 October 2027 + 12 weeks = Christmas Eve, a Friday and a working day.
        let t = plan(date!(2027 - 10 - 01), None, None).unwrap();
        assert_eq!(t.closes, date!(2027 - 12 - 24));
        // Saturday 2 October + 12 weeks = Christmas Day (Saturday): the next working day is
        // Wednesday 29 December, after both substitute days.
        let t = plan(date!(2027 - 10 - 02), None, None).unwrap();
        assert_eq!(t.closes, date!(2027 - 12 - 29));
        // Good Friday 2027 (26 March) is 84 days after Friday 1 January.
        let t = plan(date!(2027 - 01 - 01), None, None).unwrap();
        assert_eq!(t.period_ends, date!(2027 - 03 - 26));
        assert_eq!(t.closes, date!(2027 - 03 - 30));
    }

    #[test]
    fn early_notice_falls_on_a_working_day_before_opening() {
        // Four weeks before Monday 26 April 2027 is Easter Monday (29 March); the working
        // day before it is Thursday 25 March, Good Friday coming between.
        let t = plan(date!(2027 - 04 - 26), None, None).unwrap();
        assert_eq!(t.early_notice, date!(2027 - 03 - 25));
    }

    #[test]
    fn later_steps_count_working_days() {
        let t = plan(date!(2027 - 04 - 05), None, None).unwrap();
        assert_eq!(t.analysis_by, date!(2027 - 07 - 26));
        assert_eq!(t.report_published, date!(2027 - 08 - 02));
        assert_eq!(t.decision, date!(2027 - 08 - 09));
        // Ten working days after Monday 9 August 2027, with the summer bank holiday (30
        // August) not in the way: Monday 23 August.
        assert_eq!(t.feedback_by, date!(2027 - 08 - 23));
    }

    #[test]
    fn longer_periods_are_allowed_without_a_reason() {
        let t = plan(date!(2027 - 04 - 05), Some(16), None).unwrap();
        assert_eq!(t.days, 112);
    }

    #[test]
    fn a_shorter_period_needs_a_reason() {
        let e = plan(date!(2027 - 04 - 05), Some(8), None).unwrap_err();
        assert_eq!(
            e,
            DraftError::ShortConsultationWithoutReason {
                weeks: 8,
                required_weeks: 12,
                required_days: 84,
                compact: "the Compact".into()
            }
        );
        let message = e.to_string();
        assert!(message.contains("--reason"), "{message}");
        assert!(message.contains("12 weeks (84 days)"), "{message}");
        assert!(!message.contains('\n'));
        // An empty reason is no reason.
        assert!(plan(date!(2027 - 04 - 05), Some(8), Some("  ")).is_err());

        let t = plan(
            date!(2027 - 04 - 05),
            Some(8),
            Some("the scheme must be agreed before the statutory deadline of 31 January."),
        )
        .unwrap();
        // Eight weeks after Monday 5 April 2027 is the spring bank holiday (31 May).
        assert_eq!(t.closes, date!(2027 - 06 - 01));
        assert_eq!(t.days, 57);
        assert_eq!(
            t.shorter_because.as_deref(),
            Some("the scheme must be agreed before the statutory deadline of 31 January")
        );
        // A reason given for a period that is not short is not needed and not used.
        let t = plan(date!(2027 - 04 - 05), None, Some("no need")).unwrap();
        assert_eq!(t.shorter_because, None);
    }

    #[test]
    fn eleven_weeks_and_six_days_is_still_short() {
        // 83 days is short even though a weekend close would lengthen it: the period asked
        // for is what must be explained.
        let minimum = Minimum {
            days: 84,
            ..DEFAULT_MINIMUM
        };
        assert!(Timetable::plan(
            &request(date!(2027 - 04 - 03), Some(11), None),
            minimum,
            "the Compact"
        )
        .is_err());
    }

    #[test]
    fn a_compact_that_allows_no_shorter_period_refuses_one() {
        let strict = Minimum {
            shorter_allowed: false,
            ..DEFAULT_MINIMUM
        };
        let e = Timetable::plan(
            &request(date!(2027 - 04 - 05), Some(6), Some("urgent")),
            strict,
            "the Compact",
        )
        .unwrap_err();
        assert!(matches!(
            e,
            DraftError::ShorterConsultationNotAllowed { .. }
        ));
        assert_eq!(
            plan(date!(2027 - 04 - 05), Some(0), None).unwrap_err(),
            DraftError::NoWeeks
        );
    }

    #[test]
    fn a_reason_not_needed_is_a_warning_not_text() {
        let lexicon = Lexicon::bundled();
        let draft = super::draft(
            &lexicon,
            &["durham".into()],
            &request(date!(2027 - 04 - 05), None, Some("we are in a hurry")),
        )
        .unwrap();
        assert_eq!(
            draft.warnings,
            vec!["--reason is not used: 12 weeks meets the 12 weeks the County Durham Compact asks for, so no reason is needed"]
        );
        let text = format!("{:?}", draft.blocks);
        assert!(!text.contains("hurry"));
        // A weekend opening is worth a word too.
        let draft = super::draft(
            &lexicon,
            &["durham".into()],
            &request(date!(2027 - 04 - 03), None, None),
        )
        .unwrap();
        assert_eq!(draft.warnings.len(), 1);
        assert!(draft.warnings[0].contains("Saturday 3 April 2027, is a Saturday"));
        assert!(draft.warnings[0].contains("Monday 5 April 2027"));
    }

    #[test]
    fn a_reason_reads_on_after_because() {
        assert_eq!(
            because("Because the deadline is 1 March."),
            "the deadline is 1 March"
        );
        assert_eq!(
            because("The deadline is 1 March"),
            "the deadline is 1 March"
        );
        assert_eq!(
            because("DfE guidance sets a deadline"),
            "DfE guidance sets a deadline"
        );
        assert_eq!(
            because("Durham County Council must"),
            "Durham County Council must"
        );
    }

    #[test]
    fn period_words_count_weeks_and_days() {
        assert_eq!(period_words(84), "12 weeks");
        assert_eq!(period_words(85), "12 weeks and 1 day");
        assert_eq!(period_words(86), "12 weeks and 2 days");
        assert_eq!(period_words(7), "1 week");
    }
}
