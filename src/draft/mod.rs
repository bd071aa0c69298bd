//! Drafting: compliant text a policy writer can start from, rather than a verdict on text
//! they have already written.
//!
//! Proofing tells an officer what a draft leaves out; this module writes the parts a draft
//! most often gets wrong, already in line with the selected compacts:
//!
//! - [`consultation`]: a consultation timetable for a cabinet report or consultation plan,
//!   with a closing date at least the compacts' minimum after opening (moved off weekends
//!   and bank holidays, [`calendar`]), or a shorter period with its reason;
//! - [`notice`]: a letter giving a voluntary or community organisation formal notice, in
//!   writing, that its funding will end or be reduced, with at least the compacts' minimum
//!   notice or the exceptional circumstances that make it shorter;
//! - [`equality`]: an equality statement skeleton under the Public Sector Equality Duty,
//!   with a row for each of the nine protected characteristics to complete.
//!
//! Each builds a [`Draft`], a small document model (headings, paragraphs, lists, tables and
//! the undertakings each step meets), which [`render`] writes as Markdown, plain text or
//! Word. The module reads no clock and no files: dates are inputs, so output is the same
//! every time. Every draft is written to pass compactproof's own checker (`tests/draft.rs`
//! runs the engine over each one); placeholders for what only the officer knows are in
//! square brackets, such as "[to complete]".
//!
//! Requests that the compacts do not allow (a consultation shorter than the minimum with no
//! reason, notice shorter than the minimum without exceptional circumstances) are refused
//! with a [`DraftError`] that says what the Compact asks and how to meet it.

pub mod calendar;
pub mod consultation;
pub mod equality;
pub mod notice;
pub mod render;

use crate::engine::check_of;
use crate::lexicon::{Compact, Lexicon, PeriodKind, Requirement, ShorterAllowed};
use std::fmt;
use time::Date;

pub use render::{render, DraftFormat};

/// A drafted document: a title and blocks in reading order, for the renderers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// The document's title: the first heading of a report or statement; for a letter,
    /// only the Word document's title (its subject line follows the salutation).
    pub title: String,
    /// A letter rather than a report section: no title heading.
    pub letter: bool,
    pub blocks: Vec<Block>,
    /// The date the draft is written for (the letter's date, the consultation's opening
    /// date), used as the Word document's creation date so that output does not depend on
    /// the clock.
    pub dated: Option<Date>,
    /// Things the person drafting should know that are not part of the text (an opening
    /// date that is a bank holiday, say). The CLI prints them as warnings.
    pub warnings: Vec<String>,
}

/// One block of a draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A section heading (below the title).
    Heading(String),
    /// A heading within a section.
    Subheading(String),
    Paragraph(String),
    /// A paragraph that opens with a bold label: "Date: Monday 6 December 2027".
    Labelled {
        label: String,
        text: String,
    },
    /// Short lines kept together, as in an address.
    Lines(Vec<String>),
    Bullets(Vec<String>),
    /// A table with a header row; every row has as many cells as there are columns.
    Table {
        columns: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    /// The undertakings the step above meets.
    Citations(Vec<Citation>),
}

/// An undertaking cited as the lexicon cites it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    /// `durham/2.4`.
    pub id: String,
    /// "County Durham Compact, Outcome 2, undertaking 2.4".
    pub citation: String,
}

/// Why a draft could not be made. Each message is one line saying what the Compact asks
/// and what to give instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DraftError {
    #[error("unknown compact `{0}`; `compactproof lexicon list` shows the compacts")]
    UnknownCompact(String),
    #[error("--weeks must be at least 1")]
    NoWeeks,
    #[error(
        "a {weeks}-week consultation is shorter than the {required_weeks} weeks ({required_days} days) {compact} asks for; the Compact allows a shorter period only when the draft says why, so give the reason with --reason \"...\" (e.g. --reason \"the scheme must be agreed before the statutory deadline of 31 January\"), or use --weeks {required_weeks}"
    )]
    ShortConsultationWithoutReason {
        weeks: u32,
        required_weeks: u32,
        required_days: u32,
        compact: String,
    },
    #[error(
        "a {weeks}-week consultation is shorter than the {required_weeks} weeks {compact} asks for, and it allows no shorter period; use --weeks {required_weeks} or more"
    )]
    ShorterConsultationNotAllowed {
        weeks: u32,
        required_weeks: u32,
        compact: String,
    },
    #[error(
        "the funding ends on {} but the letter is dated {}: the end date must come after the date of the letter",
        date_words(*ends),
        date_words(*dated)
    )]
    EndsBeforeLetter { ends: Date, dated: Date },
    #[error(
        "{} is only {days} days after the letter ({}); {compact} asks for at least {required_words} ({required_days} days) in writing, so the earliest compliant end date is {}; or, if exceptional circumstances make shorter notice unavoidable, explain them with --exceptional \"...\"",
        date_words(*ends),
        date_words(*dated),
        date_words(*earliest)
    )]
    ShortNotice {
        ends: Date,
        dated: Date,
        days: u32,
        required_days: u32,
        required_words: String,
        earliest: Date,
        compact: String,
    },
    #[error(
        "{} is only {days} days after the letter ({}), and {compact} allows no shorter notice than {required_words} ({required_days} days); the earliest end date is {}",
        date_words(*ends),
        date_words(*dated),
        date_words(*earliest)
    )]
    ShorterNoticeNotAllowed {
        ends: Date,
        dated: Date,
        days: u32,
        required_days: u32,
        required_words: String,
        earliest: Date,
        compact: String,
    },
    #[error("{0} is empty; say it in words")]
    Empty(&'static str),
    #[error("could not assemble the Word document: {0}")]
    Docx(String),
}

/// A date as council papers write it: "Monday 28 June 2027".
pub use crate::extract::dates::weekday_date as date_words;

/// The compacts a draft follows, and what they ask, read from the lexicon.
pub(crate) struct Compacts<'l> {
    lexicon: &'l Lexicon,
    selected: Vec<&'l Compact>,
}

/// The minimum period the selected compacts ask for, and whether they allow less: the
/// compacts' terms a request is checked against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Minimum {
    pub days: u32,
    /// The minimum as the compacts state it: 12 weeks, 3 months.
    pub amount: u32,
    pub unit: crate::lexicon::PeriodUnit,
    /// False when a selected compact allows no shorter period at all.
    pub shorter_allowed: bool,
}

impl Minimum {
    /// "12 weeks", "three months".
    pub fn words(self) -> String {
        use crate::lexicon::PeriodUnit;
        let unit = match (self.unit, self.amount == 1) {
            (PeriodUnit::Days, true) => "day",
            (PeriodUnit::Days, false) => "days",
            (PeriodUnit::Weeks, true) => "week",
            (PeriodUnit::Weeks, false) => "weeks",
            (PeriodUnit::Months, true) => "month",
            (PeriodUnit::Months, false) => "months",
        };
        // Council papers write months in words ("three months' notice") and weeks in
        // figures ("12 weeks").
        let number = match (self.unit, self.amount) {
            (PeriodUnit::Months, n @ 1..=12) => [
                "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                "eleven", "twelve",
            ][n as usize - 1]
                .to_string(),
            (_, n) => n.to_string(),
        };
        format!("{number} {unit}")
    }
}

impl<'l> Compacts<'l> {
    /// The compacts with these ids, or every compact in the lexicon when `ids` is empty
    /// (as `check` does).
    pub fn select(lexicon: &'l Lexicon, ids: &[String]) -> Result<Compacts<'l>, DraftError> {
        let selected = if ids.is_empty() {
            lexicon.compacts().iter().collect()
        } else {
            let mut selected: Vec<&Compact> = Vec::new();
            for id in ids {
                let compact = lexicon
                    .compact(id)
                    .ok_or_else(|| DraftError::UnknownCompact(id.clone()))?;
                if !selected.iter().any(|c| c.id() == compact.id()) {
                    selected.push(compact);
                }
            }
            selected
        };
        Ok(Compacts { lexicon, selected })
    }

    /// Every selected compact by title: "the County Durham Compact and the Redcar &
    /// Cleveland Compact".
    pub fn titles(&self) -> String {
        let titles: Vec<String> = self.selected.iter().map(|c| the(&c.meta.title)).collect();
        join_and(&titles)
    }

    /// "the agreement" for one compact, "the agreements" for several.
    pub fn agreement(&self) -> &'static str {
        if self.selected.len() == 1 {
            "the agreement"
        } else {
            "the agreements"
        }
    }

    /// The minimum for a kind of period and who sets it, for the text and the errors: the
    /// selected compacts that set one ("the County Durham Compact", or "the Compact" for
    /// several), else `default` with "the national Compact", which the local compacts
    /// build on.
    pub fn minimum_and_source(&self, period: PeriodKind, default: Minimum) -> (Minimum, String) {
        match self.minimum(period) {
            Some(minimum) => {
                let setting: Vec<&Compact> = self
                    .selected
                    .iter()
                    .copied()
                    .filter(|c| self.sets_minimum(c, period))
                    .collect();
                let name = match setting.as_slice() {
                    [only] => the(&only.meta.title),
                    _ => "the Compact".to_string(),
                };
                (minimum, name)
            }
            None => (default, "the national Compact".to_string()),
        }
    }

    /// The titles of the selected compacts that set a minimum for a kind of period.
    pub fn titles_setting(&self, period: PeriodKind) -> Vec<String> {
        self.selected
            .iter()
            .filter(|c| self.sets_minimum(c, period))
            .map(|c| the(&c.meta.title))
            .collect()
    }

    fn sets_minimum(&self, compact: &Compact, period: PeriodKind) -> bool {
        self.lexicon
            .undertakings_of(compact.id())
            .iter()
            .flat_map(|u| &u.requirements)
            .any(|r| matches!(r, Requirement::MinimumPeriod { period: p, .. } if *p == period))
    }

    /// Where the compacts apply: "County Durham", "County Durham and Redcar and Cleveland".
    pub fn areas(&self) -> String {
        let areas: Vec<String> = self.selected.iter().map(|c| c.meta.area.clone()).collect();
        join_and(&areas)
    }

    /// The undertakings of the selected compacts with a requirement that is one of these
    /// checks (`consultation.period`, `feedback.report-back`; see
    /// [`crate::engine::check_of`]) and, when `when` is not empty, applies when one of
    /// those triggers fires; and the undertakings named in `also` that are in the selected
    /// compacts. Compact by compact, each in its own order, no repeats.
    ///
    /// Checks find a step's undertakings in any compact, a council's own included; `when`
    /// keeps out a check's undertakings about another situation (Durham's impact
    /// assessment before funding is cut, at the equality step of a consultation); `also`
    /// names bundled undertakings that say the same thing but that no draft check covers
    /// (early notice of a consultation, say).
    pub fn citations(&self, checks: &[&str], when: &[&str], also: &[&str]) -> Vec<Citation> {
        let mut out: Vec<Citation> = Vec::new();
        for compact in &self.selected {
            for undertaking in self.lexicon.undertakings_of(compact.id()) {
                let checked = undertaking.requirements.iter().any(|r| {
                    checks.contains(&check_of(r, undertaking.theme).0.as_str())
                        && (when.is_empty() || when.contains(&r.applies_when()))
                });
                let named = also.contains(&undertaking.id.as_str());
                if (checked || named) && !out.iter().any(|c| c.id == undertaking.id) {
                    out.push(Citation {
                        id: undertaking.id.clone(),
                        citation: undertaking.citation.clone(),
                    });
                }
            }
        }
        out
    }

    /// The longest minimum the selected compacts set for a kind of period, and whether
    /// they all allow a shorter one in some case; `None` when none sets one.
    pub fn minimum(&self, period: PeriodKind) -> Option<Minimum> {
        let mut found: Option<Minimum> = None;
        for compact in &self.selected {
            for undertaking in self.lexicon.undertakings_of(compact.id()) {
                for requirement in &undertaking.requirements {
                    let Requirement::MinimumPeriod {
                        period: kind,
                        min,
                        unit,
                        shorter_allowed,
                        ..
                    } = requirement
                    else {
                        continue;
                    };
                    if *kind != period {
                        continue;
                    }
                    let this = Minimum {
                        days: unit.days(*min),
                        amount: *min,
                        unit: *unit,
                        shorter_allowed: *shorter_allowed != ShorterAllowed::Never,
                    };
                    found = Some(match found {
                        None => this,
                        Some(before) => {
                            let longer = if this.days > before.days {
                                this
                            } else {
                                before
                            };
                            Minimum {
                                shorter_allowed: before.shorter_allowed && this.shorter_allowed,
                                ..longer
                            }
                        }
                    });
                }
            }
        }
        found
    }
}

/// True when the lexicon's trigger `trigger` fires on `text`: the checker would read the
/// words as, say, a change to funding. A draft uses it to add what the Compact then asks
/// for (notice, when a consultation is about funding) rather than leave it to the officer
/// to notice.
pub(crate) fn fires(lexicon: &Lexicon, text: &str, trigger: &str) -> bool {
    let vocabulary = lexicon.vocabulary();
    vocabulary.trigger(trigger).is_some_and(|index| {
        vocabulary
            .fired_triggers(&vocabulary.find_all(text))
            .contains(&index)
    })
}

/// "the County Durham Compact"; titles that already start with "The" keep it once.
fn the(title: &str) -> String {
    format!("the {}", title.trim_start_matches("The "))
}

pub(crate) use crate::render::join_and;

/// User text as a sentence: trimmed, inner whitespace collapsed, the first letter
/// capitalised, ending with a full stop (unless it ends with other closing punctuation).
pub(crate) fn as_sentence(text: &str) -> String {
    let mut s = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if let Some(first) = s.chars().next() {
        let upper: String = first.to_uppercase().collect();
        s.replace_range(..first.len_utf8(), &upper);
    }
    if !s.ends_with(['.', '!', '?']) {
        s.push('.');
    }
    s
}

/// User text to run on inside a sentence: whitespace collapsed and no final full stop.
pub(crate) fn as_clause(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_end_matches('.')
        .to_string()
}

/// User text that must say something.
pub(crate) fn required(text: &str, what: &'static str) -> Result<String, DraftError> {
    let clause = as_clause(text);
    if clause.is_empty() {
        return Err(DraftError::Empty(what));
    }
    Ok(clause)
}

impl fmt::Display for Citation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.citation, self.id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn dates_are_written_with_the_weekday() {
        assert_eq!(date_words(date!(2027 - 06 - 28)), "Monday 28 June 2027");
        assert_eq!(date_words(date!(2028 - 01 - 03)), "Monday 3 January 2028");
    }

    #[test]
    fn the_bundled_compacts_ask_for_twelve_weeks_and_three_months() {
        let lexicon = Lexicon::bundled();
        let all = Compacts::select(&lexicon, &[]).unwrap();
        let consultation = all.minimum(PeriodKind::Consultation).unwrap();
        assert_eq!(
            (consultation.days, consultation.words()),
            (84, "12 weeks".into())
        );
        assert!(consultation.shorter_allowed);
        let notice = all.minimum(PeriodKind::Notice).unwrap();
        assert_eq!((notice.days, notice.words()), (90, "three months".into()));
        // Staffordshire's compact sets no notice period of its own.
        let staffordshire = Compacts::select(&lexicon, &["staffordshire".into()]).unwrap();
        assert_eq!(staffordshire.minimum(PeriodKind::Notice), None);
    }

    #[test]
    fn citations_come_from_the_selected_compacts_only() {
        let lexicon = Lexicon::bundled();
        let durham = Compacts::select(&lexicon, &["durham".into()]).unwrap();
        let cited = durham.citations(
            &["consultation.period"],
            &[],
            &["redcar/consultation/public/1"],
        );
        assert_eq!(
            cited,
            vec![Citation {
                id: "durham/2.4".into(),
                citation: "County Durham Compact, Outcome 2, undertaking 2.4".into()
            }]
        );
        assert_eq!(
            durham
                .minimum_and_source(
                    PeriodKind::Notice,
                    durham.minimum(PeriodKind::Consultation).unwrap()
                )
                .1,
            "the County Durham Compact"
        );
        let two = Compacts::select(&lexicon, &["durham".into(), "redcar".into()]).unwrap();
        // Only Durham of the two sets a notice period; both set a consultation period.
        let default = two.minimum(PeriodKind::Consultation).unwrap();
        assert_eq!(
            two.minimum_and_source(PeriodKind::Notice, default).1,
            "the County Durham Compact"
        );
        assert_eq!(
            two.minimum_and_source(PeriodKind::Consultation, default).1,
            "the Compact"
        );
        assert_eq!(
            two.titles_setting(PeriodKind::Notice),
            vec!["the County Durham Compact"]
        );
        assert_eq!(two.agreement(), "the agreements");
        let redcar = Compacts::select(&lexicon, &["redcar".into()]).unwrap();
        assert_eq!(
            redcar.minimum_and_source(PeriodKind::Notice, default),
            (default, "the national Compact".to_string())
        );
        assert_eq!(
            two.titles(),
            "the County Durham Compact and the Redcar & Cleveland Compact"
        );
        let ids: Vec<String> = two
            .citations(
                &["consultation.period"],
                &[],
                &["redcar/consultation/public/1"],
            )
            .into_iter()
            .map(|c| c.id)
            .collect();
        assert_eq!(
            ids,
            vec![
                "durham/2.4",
                "redcar/consultation/public/1",
                "redcar/consultation/public/3"
            ]
        );
        assert!(matches!(
            Compacts::select(&lexicon, &["durhma".into()]),
            Err(DraftError::UnknownCompact(_))
        ));
    }

    #[test]
    fn citations_can_be_kept_to_a_situation() {
        let lexicon = Lexicon::bundled();
        let durham = Compacts::select(&lexicon, &["durham".into()]).unwrap();
        let ids = |when: &[&str]| -> Vec<String> {
            durham
                .citations(&["equality.assessment"], when, &[])
                .into_iter()
                .map(|c| c.id)
                .collect()
        };
        assert_eq!(ids(&[]), vec!["durham/4.2", "durham/5.1"]);
        assert_eq!(ids(&["affects-people"]), vec!["durham/5.1"]);
    }

    #[test]
    fn user_text_becomes_a_sentence_or_a_clause() {
        assert_eq!(as_sentence("  the grant  ends "), "The grant ends.");
        assert_eq!(as_sentence("Why?"), "Why?");
        assert_eq!(
            as_clause("the deadline is 1 March."),
            "the deadline is 1 March"
        );
        assert_eq!(
            required("  ", "the reason"),
            Err(DraftError::Empty("the reason"))
        );
    }
}
