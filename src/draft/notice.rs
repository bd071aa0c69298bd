//! A letter giving a voluntary or community organisation formal notice that its funding
//! will end or be reduced.
//!
//! The compacts ask that funding is not ended or changed without at least three months'
//! notice (90 days, as `docs/themes.md` counts a month), in writing, with a clear reason for
//! the decision; that the impact, on equality above all, is assessed; and that funding never
//! buys the sector's silence. The letter does each of these in its own paragraph, names the
//! Compact, and says what support the organisation will get until the funding ends.
//!
//! [`draft`] refuses an end date less than the minimum after the letter's date unless the
//! exceptional circumstances that make shorter notice unavoidable are given (the only
//! exception the compacts allow), and names the earliest end date that would comply.
//!
//! The officer's own words (the funding, the reason, the circumstances) each go in a
//! sentence of their own, never in the sentence that states the end date or the notice, so
//! that a figure such as "£12,000 a year" is not read as the notice period.

use super::calendar::add_working_days;
use super::{
    as_clause, as_sentence, date_words, required, Block, Compacts, Draft, DraftError, Minimum,
};
use crate::lexicon::{Lexicon, PeriodKind, PeriodUnit};
use time::{Date, Duration};

/// What the officer asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeRequest {
    /// The organisation the letter is to ("Elm Street Lunch Club").
    pub organisation: String,
    /// The funding, as the letter names it ("the Community Chest grant of £12,000 a year").
    pub funding: String,
    /// The day the funding ends (or the reduction takes effect).
    pub ends: Date,
    /// The reason for the decision.
    pub reason: String,
    /// The date of the letter.
    pub dated: Date,
    /// The exceptional circumstances that make notice shorter than the minimum unavoidable.
    pub exceptional: Option<String>,
    /// For a reduction rather than an end: the funding from the end date ("£6,000 a year").
    pub reduced_to: Option<String>,
}

/// The minimum when no selected compact sets one: the national Compact's three months.
pub(crate) const DEFAULT_MINIMUM: Minimum = Minimum {
    days: 90,
    amount: 3,
    unit: PeriodUnit::Months,
    shorter_allowed: true,
};

/// Working days after the letter by which the named officer contacts the organisation.
const CONTACT_WORKING_DAYS: u32 = 10;

/// The notice a letter gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoticePeriod {
    /// Days from the letter's date to the end date.
    pub days: u32,
    pub required_days: u32,
    /// True when the notice is shorter than the minimum (and exceptional circumstances
    /// are given).
    pub exceptional: bool,
}

impl NoticePeriod {
    /// Check the end date against the minimum: an end date on or before the letter's date
    /// is refused; one less than `minimum` after it needs exceptional circumstances, which
    /// the compacts must allow.
    pub fn check(
        dated: Date,
        ends: Date,
        exceptional: bool,
        minimum: Minimum,
        compact: &str,
    ) -> Result<NoticePeriod, DraftError> {
        if ends <= dated {
            return Err(DraftError::EndsBeforeLetter { ends, dated });
        }
        let days = u32::try_from((ends - dated).whole_days()).unwrap_or(u32::MAX);
        let short = days < minimum.days;
        let earliest = dated
            .checked_add(Duration::days(i64::from(minimum.days)))
            .unwrap_or(ends);
        if short && !minimum.shorter_allowed {
            return Err(DraftError::ShorterNoticeNotAllowed {
                ends,
                dated,
                days,
                required_days: minimum.days,
                required_words: format!("{}' notice", minimum.words()),
                earliest,
                compact: compact.to_string(),
            });
        }
        if short && !exceptional {
            return Err(DraftError::ShortNotice {
                ends,
                dated,
                days,
                required_days: minimum.days,
                required_words: format!("{}' notice", minimum.words()),
                earliest,
                compact: compact.to_string(),
            });
        }
        Ok(NoticePeriod {
            days,
            required_days: minimum.days,
            exceptional: short,
        })
    }
}

/// Write the notice letter for the selected compacts (all of them when `compacts` is
/// empty).
pub fn draft(
    lexicon: &Lexicon,
    compacts: &[String],
    request: &NoticeRequest,
) -> Result<Draft, DraftError> {
    let compacts = Compacts::select(lexicon, compacts)?;
    let (minimum, compact) = compacts.minimum_and_source(PeriodKind::Notice, DEFAULT_MINIMUM);
    let setting = compacts.titles_setting(PeriodKind::Notice);
    let organisation = required(&request.organisation, "the organisation's name")?;
    let funding = required(&request.funding, "the funding")?;
    let reason = required(&request.reason, "the reason for the decision")?;
    let exceptional = match request.exceptional.as_deref() {
        Some(text) => Some(required(text, "the exceptional circumstances")?),
        None => None,
    };
    let reduced_to = match request.reduced_to.as_deref() {
        Some(text) => Some(required(text, "the reduced funding")?),
        None => None,
    };
    let period = NoticePeriod::check(
        request.dated,
        request.ends,
        exceptional.is_some(),
        minimum,
        &compact,
    )?;
    let reduction = reduced_to.is_some();
    let mut warnings = Vec::new();
    if exceptional.is_some() && !period.exceptional {
        warnings.push(format!(
            "--exceptional is not used: {} days\u{2019} notice meets the {} {compact} asks for",
            period.days,
            minimum.words()
        ));
    }
    let ends = date_words(request.ends);

    let subject = if reduction {
        "Formal notice: reduction in funding"
    } else {
        "Formal notice: end of funding"
    };
    let mut blocks = vec![
        Block::Lines(vec!["[Council name]".into(), "[Council address]".into()]),
        Block::Labelled {
            label: "Our reference".into(),
            text: "[reference]".into(),
        },
        Block::Labelled {
            label: "Date".into(),
            text: date_words(request.dated),
        },
        Block::Lines(vec![
            "[Name of the chair or chief officer]".into(),
            organisation.clone(),
            "[Address]".into(),
        ]),
        Block::Paragraph("Dear [name],".into()),
        Block::Heading(subject.into()),
        Block::Labelled {
            label: "Funding".into(),
            text: funding,
        },
    ];
    if let Some(new) = &reduced_to {
        blocks.push(Block::Labelled {
            label: format!("Funding from {ends}"),
            text: new.clone(),
        });
    }

    let end_sentence = if reduction {
        format!(
            "This letter gives you formal notice, in writing, that this funding will be \
             reduced with effect from {ends}."
        )
    } else {
        format!("This letter gives you formal notice, in writing, that this funding will end on {ends}.")
    };
    let mut notice = format!(
        "{end_sentence} That gives you {} days\u{2019} notice.",
        period.days
    );
    if period.exceptional {
        notice.push_str(&format!(
            " This is less than the {}\u{2019} notice required by {compact}, because of \
             exceptional circumstances, which are explained below.",
            minimum.words()
        ));
    }
    blocks.push(Block::Paragraph(notice));
    if let Some(circumstances) = exceptional.as_ref().filter(|_| period.exceptional) {
        blocks.push(Block::Subheading("Exceptional circumstances".into()));
        blocks.push(Block::Paragraph(as_sentence(circumstances)));
    }
    blocks.push(Block::Citations(compacts.citations(
        &["funding-notice.period", "funding-notice.in-writing"],
        &[],
        &[],
    )));

    blocks.push(Block::Subheading("Reasons for the decision".into()));
    blocks.push(Block::Paragraph(as_sentence(&reason)));
    blocks.push(Block::Paragraph(
        "The decision was taken by [Cabinet or the decision-maker] on [date of the \
         decision]. The report and the record of the decision are at [web address]."
            .into(),
    ));
    blocks.push(Block::Citations(compacts.citations(
        &["funding-notice.rationale"],
        &[],
        &[],
    )));

    blocks.push(Block::Subheading("Equality impact".into()));
    blocks.push(Block::Paragraph(
        "Before the decision was taken, the Council completed an equality impact assessment \
         of its effect on people with protected characteristics under the Equality Act 2010, \
         including the people your organisation supports. A copy is enclosed. [Summarise \
         what the assessment found and what the Council will do to reduce any negative \
         impact.]"
            .into(),
    ));
    blocks.push(Block::Citations(compacts.citations(
        &["equality.assessment"],
        &[],
        &[],
    )));

    blocks.push(Block::Subheading("Your independence".into()));
    blocks.push(Block::Paragraph(
        "This decision does not affect your organisation\u{2019}s independence. You remain \
         free to campaign, to speak publicly and to challenge the Council\u{2019}s decisions, \
         this one included, and doing so will never count against you in any future \
         application for funding."
            .into(),
    ));
    blocks.push(Block::Citations(compacts.citations(
        &["independence.campaigning"],
        &[],
        &[],
    )));

    blocks.push(Block::Subheading("Support during the notice period".into()));
    blocks.push(Block::Paragraph(format!(
        "[Officer name], [job title], will contact you by {} to arrange a meeting about \
         what this change means for {organisation} and the people it serves. {}, the \
         Council will:",
        date_words(add_working_days(request.dated, CONTACT_WORKING_DAYS)),
        if reduction {
            "Until the reduction takes effect"
        } else {
            "Until the funding ends"
        }
    )));
    let mut support = vec![if reduction {
        "continue to pay the current amount as agreed [payment dates];".to_string()
    } else {
        "continue to pay the funding as agreed [payment dates];".to_string()
    }];
    support.extend([
        "put you in touch with [the local VCS infrastructure organisation] for help with \
         planning, fundraising and other sources of funding;"
            .to_string(),
        "share information about other funding, including [the Council\u{2019}s other grant \
         schemes and external funders];"
            .to_string(),
        "agree with you how to tell the people your organisation serves, and help them find \
         other support where they need it."
            .to_string(),
    ]);
    blocks.push(Block::Bullets(support));

    blocks.push(Block::Subheading("The Compact".into()));
    let mut compact_paragraph = format!(
        "This notice is given in line with {}, {} between the Council and the voluntary and \
         community sector in {}.",
        compacts.titles(),
        compacts.agreement(),
        compacts.areas()
    );
    if !setting.is_empty() {
        let verb = if setting.len() == 1 { "asks" } else { "ask" };
        compact_paragraph.push_str(&format!(
            " {} {verb} for at least {}\u{2019} notice in writing, with a clear reason, when \
             funding ends or changes.",
            capitalise(&super::join_and(&setting)),
            minimum.words()
        ));
    }
    blocks.push(Block::Paragraph(compact_paragraph));
    blocks.push(Block::Citations(compacts.citations(
        &["compact-reference.mention"],
        &[],
        &[],
    )));

    blocks.push(Block::Paragraph(
        "If you have any questions about this letter, please contact [officer name] on \
         [telephone number] or at [email address]."
            .into(),
    ));
    blocks.push(Block::Paragraph("Yours sincerely,".into()));
    blocks.push(Block::Lines(vec![
        "[Name]".into(),
        "[Job title]".into(),
        "For and on behalf of [the Council]".into(),
    ]));
    blocks.push(Block::Labelled {
        label: "Enclosed".into(),
        text: "equality impact assessment; [the report and record of the decision]".into(),
    });

    blocks.retain(|b| !matches!(b, Block::Citations(c) if c.is_empty()));
    let title = format!("{subject} for {}", as_clause(&organisation));
    Ok(Draft {
        title,
        letter: true,
        blocks,
        dated: Some(request.dated),
        warnings,
    })
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn check(dated: Date, ends: Date, exceptional: bool) -> Result<NoticePeriod, DraftError> {
        NoticePeriod::check(dated, ends, exceptional, DEFAULT_MINIMUM, "the Compact")
    }

    #[test]
    fn exactly_ninety_days_is_enough_and_eighty_nine_is_not() {
        let dated = date!(2027 - 12 - 06);
        // Monday 6 December 2027 + 90 days = Sunday 5 March 2028 (February 2028 has 29
        // days).
        let short = check(dated, date!(2028 - 03 - 04), false);
        assert!(short.is_err(), "89 days: {short:?}");
        let p = check(dated, date!(2028 - 03 - 05), false).unwrap();
        assert_eq!(p.days, 90);
        assert!(!p.exceptional);
        match check(dated, date!(2028 - 03 - 04), false).unwrap_err() {
            DraftError::ShortNotice { days, earliest, .. } => {
                assert_eq!(days, 89);
                assert_eq!(earliest, date!(2028 - 03 - 05));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_error_names_the_earliest_compliant_end_date() {
        let e = check(date!(2027 - 12 - 06), date!(2028 - 01 - 31), false).unwrap_err();
        let message = e.to_string();
        assert!(message.contains("Sunday 5 March 2028"), "{message}");
        assert!(message.contains("56 days"), "{message}");
        assert!(message.contains("--exceptional"), "{message}");
        assert!(!message.contains('\n'));
    }

    #[test]
    fn shorter_notice_needs_exceptional_circumstances() {
        let p = check(date!(2027 - 12 - 06), date!(2028 - 01 - 31), true).unwrap();
        assert_eq!(p.days, 56);
        assert!(p.exceptional);
        let strict = Minimum {
            shorter_allowed: false,
            ..DEFAULT_MINIMUM
        };
        assert!(matches!(
            NoticePeriod::check(
                date!(2027 - 12 - 06),
                date!(2028 - 01 - 31),
                true,
                strict,
                "the Compact"
            ),
            Err(DraftError::ShorterNoticeNotAllowed { .. })
        ));
    }

    #[test]
    fn circumstances_not_needed_are_a_warning_not_text() {
        let lexicon = Lexicon::bundled();
        let request = NoticeRequest {
            organisation: "Elm Street Lunch Club".into(),
            funding: "the Community Chest grant".into(),
            ends: date!(2028 - 03 - 31),
            reason: "The programme has closed.".into(),
            dated: date!(2027 - 12 - 06),
            exceptional: Some("a fire".into()),
            reduced_to: None,
        };
        let letter = draft(&lexicon, &["durham".into()], &request).unwrap();
        assert_eq!(letter.warnings.len(), 1, "{:?}", letter.warnings);
        assert!(letter.warnings[0].starts_with("--exceptional is not used: 116 days"));
        assert!(!format!("{:?}", letter.blocks).contains("Exceptional circumstances"));
    }

    #[test]
    fn an_end_date_must_follow_the_letter() {
        for ends in [date!(2027 - 12 - 06), date!(2027 - 12 - 01)] {
            assert!(matches!(
                check(date!(2027 - 12 - 06), ends, true),
                Err(DraftError::EndsBeforeLetter { .. })
            ));
        }
    }
}
