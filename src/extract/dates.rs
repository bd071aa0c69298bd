//! UK calendar dates and date ranges, and the exact number of days a range spans.
//!
//! A consultation or notice period is often stated only by its dates ("The consultation
//! opens on 1st March and closes on 12 April 2027"), and the themes count such a period as
//! the exact number of days between the dates. This module finds dates as officers write them
//! — "3 March 2027", "3rd March", "Monday 3 March 2027", "31 Dec 2026", "March 3rd, 2027",
//! day-first numerals "12/04/2027" and "12.04.27", and "the end of December" (its last day) —
//! and pairs them into ranges: adjacent ("16 October – 31 December", "from 3 March to 14
//! April 2027", "between 3 March and 14 April", "3–14 April"), or marked apart in the same
//! input ("opens on 1st March and closes on 12 April 2027", "runs from Monday 3 March 2027
//! until 5pm on Friday 14 April 2027", "launched on 16 October ... closed at the end of
//! December").
//!
//! A caller may rely on:
//! - Numeric dates are day first (UK): "12/04/2027" is 12 April.
//! - A missing year is taken from the other end of a range (the start is in the year before
//!   the end when its month and day come later), else from `default_year` (see
//!   [`most_common_year`]) with an end that falls before its start moved to the next year.
//!   [`DateMatch::year_source`] says which.
//! - [`DateRange::days`] is `end - start` in whole days (3 March to 14 April = 42). When no
//!   year is known at all the span is counted in a non-leap year (a leap year if either end
//!   is 29 February) and both ends keep `year: None`.
//! - Month names must be capitalised as written ("May", "MAY"), so "Option 2 may save" and
//!   "we march" are not dates; weekdays are not checked against the date.
//! - Dates are never invented: a range needs two real dates (or a day number glued to one,
//!   "3–14 April").

use crate::document::ByteSpan;
use crate::extract::phrases::{head, tail};
use regex::{Captures, Regex};
use std::collections::HashMap;
use std::sync::LazyLock;
use time::{Date, Month, Weekday};

/// Where a date's year came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum YearSource {
    /// Written with the date.
    Explicit,
    /// Taken from the other end of the range it belongs to.
    FromRange,
    /// The caller's `default_year` (or the year after it, for a range end that wraps).
    Default,
    /// Not known: no year written, none in the range, no default.
    Unknown,
}

/// One calendar date as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMatch {
    /// The words as written, weekday included ("Friday 14 April 2027", "the end of
    /// December"), relative to the input.
    pub span: ByteSpan,
    /// 1-31; for [`DateMatch::end_of_month`] the month's last day in the resolved year.
    pub day: u8,
    pub month: Month,
    /// The year, written or resolved; `None` when [`YearSource::Unknown`].
    pub year: Option<i32>,
    pub year_source: YearSource,
    /// The weekday as written ("Monday 3 March"), not checked against the date.
    pub weekday: Option<Weekday>,
    /// Written as "the end of December": the last day of that month.
    pub end_of_month: bool,
}

impl DateMatch {
    /// The calendar date, when the year is known.
    pub fn date(&self) -> Option<Date> {
        Date::from_calendar_date(self.year?, self.month, self.day).ok()
    }
}

/// How the two ends of a range were joined.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RangeKind {
    /// Next to each other: "3 March to 14 April", "16 October – 31 December", "between 3
    /// March and 14 April", "3–14 April".
    Connected,
    /// Marked apart in the same input: a start phrase ("opens on", "from", "launched on",
    /// "runs from") before one date and an end phrase ("closes on", "until 5pm on", "closed
    /// at") before a later one.
    Marked,
}

/// A period stated by its first and last dates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateRange {
    /// From the start phrase or first date to the end of the last date, relative to the
    /// input.
    pub span: ByteSpan,
    pub start: DateMatch,
    pub end: DateMatch,
    /// `end - start` in whole days.
    pub days: u32,
    pub kind: RangeKind,
}

const MONTHS: &str = r"january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec";
const WEEKDAYS: &str = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues|tue|wed|thurs|thur|thu|fri|sat|sun";
const TIME: &str = r"(?:\d{1,2}(?:[.:]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)|noon|midday|midnight)";

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = format!(
        r"(?xi)
        (?-u:\b)
        (?:
          (?:(?P<wd>{WEEKDAYS})(?-u:\b)\.?,?\s+)?
          (?:
            (?:the\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?(?:\s+|\s*[-‐]\s*)
              (?P<m>{MONTHS})(?-u:\b)\.?
              (?:(?:,?\s+|\s*[-‐]\s*)(?P<y>(?:19|20)\d{{2}})(?-u:\b))?
          |
            (?P<m2>{MONTHS})(?-u:\b)\.?\s+(?P<d2>\d{{1,2}})(?P<ord2>st|nd|rd|th)?(?-u:\b)
              (?:,?\s+(?P<y2>(?:19|20)\d{{2}})(?-u:\b))?
          |
            (?P<nd>\d{{1,2}})(?P<ns>[/.-])(?P<nm>\d{{1,2}})[/.-](?P<ny>\d{{4}}|\d{{2}})(?-u:\b)
          )
        |
          (?P<eom>(?:the\s+)?end\s+of\s+(?P<em>{MONTHS})(?-u:\b)\.?(?:\s+(?P<ey>(?:19|20)\d{{2}})(?-u:\b))?)
        )"
    );
    Regex::new(&pattern).expect("date pattern compiles")
});

/// What may stand between the two dates of a connected range.
static CONNECTOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\s*(?:-|‐|–|—|to|until|till|through|and|up\s+to(?:\s+and\s+including)?)\s*(?:the\s+)?$",
    )
    .expect("connector pattern compiles")
});

/// A day number glued to the start of a date: "3–14 April", "from 3 to 14 April".
static DAY_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:^|[^\w£$.,/:-])(?P<day>\d{1,2})(?:st|nd|rd|th)?\s*(?P<sep>-|‐|–|—|to|until|till|and)\s*$",
    )
    .expect("day pattern compiles")
});

static START_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b)(?:from|opens?|opened|opening|launch(?:es|ed|ing)?|starts?|started|starting|begins?|began|beginning|commenc(?:es?|ed|ing)|goes\s+live|went\s+live|live)(?:\s+for\s+[a-z]+)?(?:\s+(?:on|at|from))?(?:\s+{TIME}(?:\s+on)?)?\s*$"
    ))
    .expect("start marker pattern compiles")
});

static END_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b)(?:to|until|till|through|up\s+to|closes?|closing|closed|ends?|ending|ended|finish(?:es|ed|ing)?|deadline(?:\s+is)?|closing\s+date(?:\s+(?:for|of)\s+[a-z]+)?(?:\s+is)?|no\s+later\s+than|by)(?:\s+for\s+[a-z]+)?(?:\s+(?:on|at))?(?:\s+{TIME}(?:\s+on)?)?\s*$"
    ))
    .expect("end marker pattern compiles")
});

static LABEL_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:options?|items?|sections?|paragraphs?|para|no|page|appendix|table|phase|stage|step|ward|route|version|figure|part|room)\.?\s*$")
        .expect("label pattern compiles")
});

static BETWEEN_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(?-u:\b)between\s*$").expect("between pattern compiles"));

static FROM_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:from|between)\s+$").expect("from pattern compiles")
});

/// Words after which a plain "March 12" is a date ("on March 12"); elsewhere ("In March 12
/// groups replied") it is not.
static MONTH_FIRST_CONTEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|(?-u:\b)(?:on|from|until|till|to|by|and|between|before|after|of|since|dated))\s*$")
        .expect("month-first context compiles")
});

static BARE_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u:\b)(?:19|20)\d{2}(?-u:\b)").expect("year pattern compiles"));

/// Every date in `text`, in order. Dates without a year take `default_year` (their year is
/// `None` without one); use [`find_date_ranges`] to have ranges fill in each other's years.
pub fn find_dates(text: &str, default_year: Option<i32>) -> Vec<DateMatch> {
    raw_dates(text)
        .into_iter()
        .map(|mut d| {
            if d.year.is_none() {
                if let Some(y) = default_year {
                    d.year = Some(y);
                    d.year_source = YearSource::Default;
                    fix_end_of_month(&mut d);
                }
            }
            d
        })
        .filter(|d| d.year.is_none() || d.date().is_some())
        .collect()
}

/// Every date range in `text`, in order, with each end's missing year resolved as described
/// in the module documentation. A date belongs to at most one range.
pub fn find_date_ranges(text: &str, default_year: Option<i32>) -> Vec<DateRange> {
    let dates = raw_dates(text);
    let mut used = vec![false; dates.len()];
    let mut ranges = Vec::new();

    // Day number glued to a date: "3–14 April 2027", "from 3 to 14 April".
    for (i, end) in dates.iter().enumerate() {
        if end.end_of_month {
            continue;
        }
        let before = tail(text, end.span.start, 24);
        let Some(caps) = DAY_BEFORE.captures(before) else {
            continue;
        };
        let day_m = caps.name("day").expect("day group");
        let sep = caps
            .name("sep")
            .expect("sep group")
            .as_str()
            .to_ascii_lowercase();
        let offset = end.span.start - before.len();
        let day_start = offset + day_m.start();
        let lead = tail(text, day_start, 12);
        if sep == "and" && !BETWEEN_BEFORE.is_match(lead.trim_end_matches(' ')) {
            continue;
        }
        if LABEL_BEFORE.is_match(lead) {
            // "Option 3 - 14 April": a label's number, not a day.
            continue;
        }
        if i > 0 && dates[i - 1].span.end > day_start {
            continue;
        }
        let Ok(day) = day_m.as_str().parse::<u8>() else {
            continue;
        };
        if day == 0 || day >= end.day {
            continue;
        }
        let start = DateMatch {
            span: ByteSpan::new(day_start, offset + day_m.end()),
            day,
            weekday: None,
            end_of_month: false,
            ..end.clone()
        };
        let span_start = FROM_BEFORE
            .find(lead)
            .map_or(day_start, |m| day_start - lead.len() + m.start());
        if let Some(range) = resolve(
            start,
            end.clone(),
            span_start,
            default_year,
            RangeKind::Connected,
        ) {
            used[i] = true;
            ranges.push(range);
        }
    }

    // Adjacent dates: "16 October – 31 December", "between 3 March and 14 April".
    for i in 0..dates.len().saturating_sub(1) {
        if used[i] || used[i + 1] {
            continue;
        }
        let (a, b) = (&dates[i], &dates[i + 1]);
        let between = &text[a.span.end..b.span.start];
        if between.len() > 40 || !CONNECTOR.is_match(between) {
            continue;
        }
        let lead = tail(text, a.span.start, 12);
        let is_and = between.trim().to_ascii_lowercase().starts_with("and");
        if is_and && !BETWEEN_BEFORE.is_match(lead.trim_end_matches(' ')) {
            continue;
        }
        let span_start = FROM_BEFORE
            .find(lead)
            .map_or(a.span.start, |m| a.span.start - lead.len() + m.start());
        if let Some(range) = resolve(
            a.clone(),
            b.clone(),
            span_start,
            default_year,
            RangeKind::Connected,
        ) {
            used[i] = true;
            used[i + 1] = true;
            ranges.push(range);
        }
    }

    // Marked apart: a start phrase before one date, an end phrase before a later one.
    let starts: Vec<Option<usize>> = dates
        .iter()
        .map(|d| {
            let before = tail(text, d.span.start, 60);
            START_BEFORE
                .find(before)
                .map(|m| d.span.start - before.len() + m.start())
        })
        .collect();
    for j in 0..dates.len() {
        if used[j] || !END_BEFORE.is_match(tail(text, dates[j].span.start, 60)) {
            continue;
        }
        let Some(i) = (0..j).rev().find(|&i| !used[i] && starts[i].is_some()) else {
            continue;
        };
        let span_start = starts[i].unwrap_or(dates[i].span.start);
        if let Some(range) = resolve(
            dates[i].clone(),
            dates[j].clone(),
            span_start,
            default_year,
            RangeKind::Marked,
        ) {
            used[i] = true;
            used[j] = true;
            ranges.push(range);
        }
    }

    ranges.sort_by_key(|r| r.span.start);
    ranges
}

/// The year written most often in `text`'s dates ("3 March 2027"), or when no date has a
/// year, among bare years ("2026/27", "in 2027"); ties go to the later year. `None` when no
/// year is written. The natural `default_year` for the other functions.
pub fn most_common_year(text: &str) -> Option<i32> {
    let mut counts: HashMap<i32, usize> = HashMap::new();
    for d in raw_dates(text) {
        if let (Some(y), YearSource::Explicit) = (d.year, d.year_source) {
            *counts.entry(y).or_default() += 1;
        }
    }
    if counts.is_empty() {
        for m in BARE_YEAR.find_iter(text) {
            if let Ok(y) = m.as_str().parse::<i32>() {
                *counts.entry(y).or_default() += 1;
            }
        }
    }
    counts
        .into_iter()
        .max_by_key(|&(year, count)| (count, year))
        .map(|(year, _)| year)
}

/// Both ends' years filled in, end-of-month days fixed, and the span counted.
fn resolve(
    mut start: DateMatch,
    mut end: DateMatch,
    span_start: usize,
    default_year: Option<i32>,
    kind: RangeKind,
) -> Option<DateRange> {
    let later = |a: &DateMatch, b: &DateMatch| (a.month as u8, a.day) > (b.month as u8, b.day);
    match (start.year, end.year) {
        (Some(_), Some(_)) => {}
        (None, Some(ey)) => {
            start.year = Some(if later(&start, &end) { ey - 1 } else { ey });
            start.year_source = YearSource::FromRange;
        }
        (Some(sy), None) => {
            end.year = Some(if later(&start, &end) { sy + 1 } else { sy });
            end.year_source = YearSource::FromRange;
        }
        (None, None) => {
            if let Some(y) = default_year {
                start.year = Some(y);
                start.year_source = YearSource::Default;
                end.year = Some(if later(&start, &end) { y + 1 } else { y });
                end.year_source = YearSource::Default;
            }
        }
    }
    fix_end_of_month(&mut start);
    fix_end_of_month(&mut end);
    let (a, b) = match (start.date(), end.date()) {
        (Some(a), Some(b)) => (a, b),
        (None, None) if start.year.is_none() && end.year.is_none() => {
            // No year anywhere: count in a reference year, leap only if needed.
            let feb29 = |d: &DateMatch| d.month == Month::February && d.day == 29;
            let reference = if feb29(&start) || feb29(&end) {
                2028
            } else {
                2027
            };
            let wrap = i32::from(later(&start, &end));
            let last_day = |d: &DateMatch, y: i32| {
                if d.end_of_month {
                    d.month.length(y)
                } else {
                    d.day
                }
            };
            let a = Date::from_calendar_date(reference, start.month, last_day(&start, reference))
                .ok()?;
            let y = reference + wrap;
            let b = Date::from_calendar_date(y, end.month, last_day(&end, y)).ok()?;
            (a, b)
        }
        _ => return None,
    };
    let days = u32::try_from((b - a).whole_days()).ok()?;
    Some(DateRange {
        span: ByteSpan::new(span_start.min(start.span.start), end.span.end),
        start,
        end,
        days,
        kind,
    })
}

fn fix_end_of_month(d: &mut DateMatch) {
    if d.end_of_month {
        d.day = d.month.length(d.year.unwrap_or(2027));
    }
}

/// Dates as written, years only where written.
fn raw_dates(text: &str) -> Vec<DateMatch> {
    DATE.captures_iter(text)
        .filter_map(|caps| date_from(text, &caps))
        .collect()
}

fn date_from(text: &str, caps: &Captures<'_>) -> Option<DateMatch> {
    let whole = caps.get(0)?;
    let weekday = caps.name("wd").and_then(|w| weekday_of(w.as_str()));
    // The optional full stop after a month is for abbreviations ("Sept."); after a full
    // name ending the match it is the sentence's.
    let month_word = caps.name("m").or(caps.name("m2")).or(caps.name("em"));
    let end = match month_word {
        Some(m) if m.end() + 1 == whole.end() && is_full_month_name(m.as_str()) => whole.end() - 1,
        _ => whole.end(),
    };
    let span = ByteSpan::new(whole.start(), end);
    let explicit = |y: Option<i32>| {
        if y.is_some() {
            YearSource::Explicit
        } else {
            YearSource::Unknown
        }
    };

    if let Some(m) = caps.name("em") {
        let month = capitalised_month(m.as_str())?;
        let year = caps.name("ey").and_then(|y| y.as_str().parse().ok());
        let mut d = DateMatch {
            span,
            day: 0,
            month,
            year,
            year_source: explicit(year),
            weekday: None,
            end_of_month: true,
        };
        fix_end_of_month(&mut d);
        return Some(d);
    }

    let (day, month, year) = if let (Some(d), Some(m)) = (caps.name("d"), caps.name("m")) {
        let year = caps.name("y").and_then(|y| y.as_str().parse().ok());
        (
            d.as_str().parse::<u8>().ok()?,
            capitalised_month(m.as_str())?,
            year,
        )
    } else if let (Some(m), Some(d)) = (caps.name("m2"), caps.name("d2")) {
        let year: Option<i32> = caps.name("y2").and_then(|y| y.as_str().parse().ok());
        let context = MONTH_FIRST_CONTEXT.is_match(tail(text, m.start(), 16));
        if caps.name("ord2").is_none() && year.is_none() && !context {
            return None;
        }
        (
            d.as_str().parse::<u8>().ok()?,
            capitalised_month(m.as_str())?,
            year,
        )
    } else if let (Some(d), Some(m), Some(y), Some(sep)) = (
        caps.name("nd"),
        caps.name("nm"),
        caps.name("ny"),
        caps.name("ns"),
    ) {
        // Numerals: not part of a longer reference ("DM/22/01874", "4.4.12.3", "1.2.10").
        let glued_before = text[..d.start()]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_digit() || matches!(c, '/' | '.' | '-' | '£' | '$'));
        let rest = head(text, y.end(), 2);
        let glued_after = rest.starts_with(['/', '-'])
            || (rest.starts_with('.') && rest[1..].starts_with(|c: char| c.is_ascii_digit()));
        if glued_before || glued_after {
            return None;
        }
        let whole_text = whole.as_str();
        if whole_text.matches(sep.as_str()).count() < 2 {
            return None;
        }
        let two_digit_year = y.as_str().len() == 2;
        if sep.as_str() == "." && two_digit_year && (d.as_str().len() != 2 || m.as_str().len() != 2)
        {
            return None;
        }
        if sep.as_str() == "-" && two_digit_year {
            return None;
        }
        let month = Month::try_from(m.as_str().parse::<u8>().ok()?).ok()?;
        let mut year: i32 = y.as_str().parse().ok()?;
        if two_digit_year {
            year += 2000;
        }
        (d.as_str().parse::<u8>().ok()?, month, Some(year))
    } else {
        return None;
    };

    // Validate against the year, or a leap year when none is written.
    Date::from_calendar_date(year.unwrap_or(2028), month, day).ok()?;
    Some(DateMatch {
        span,
        day,
        month,
        year,
        year_source: explicit(year),
        weekday,
        end_of_month: false,
    })
}

/// A month name, only when written with a capital ("May", "MAY", "Sept.").
fn capitalised_month(word: &str) -> Option<Month> {
    if !word.starts_with(|c: char| c.is_ascii_uppercase()) {
        return None;
    }
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    let month = match w.get(..3)? {
        "jan" => Month::January,
        "feb" => Month::February,
        "mar" => Month::March,
        "apr" => Month::April,
        "may" => Month::May,
        "jun" => Month::June,
        "jul" => Month::July,
        "aug" => Month::August,
        "sep" => Month::September,
        "oct" => Month::October,
        "nov" => Month::November,
        "dec" => Month::December,
        _ => return None,
    };
    Some(month)
}

fn is_full_month_name(word: &str) -> bool {
    const FULL: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    FULL.iter().any(|f| f.eq_ignore_ascii_case(word))
}

fn weekday_of(word: &str) -> Option<Weekday> {
    let w = word.to_ascii_lowercase();
    Some(match w.get(..3)? {
        "mon" => Weekday::Monday,
        "tue" => Weekday::Tuesday,
        "wed" => Weekday::Wednesday,
        "thu" => Weekday::Thursday,
        "fri" => Weekday::Friday,
        "sat" => Weekday::Saturday,
        "sun" => Weekday::Sunday,
        _ => return None,
    })
}

/// A date as council papers write it, with its weekday: "Monday 28 June 2027". For a
/// suggested closing date or a notice's end date, the weekday saves the reader a look at
/// the calendar.
pub fn weekday_date(date: Date) -> String {
    format!(
        "{} {} {} {}",
        date.weekday(),
        date.day(),
        date.month(),
        date.year()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn assert_date(text: &str, words: &str, ymd: (Option<i32>, Month, u8)) {
        let found = find_dates(text, None);
        assert_eq!(
            found.len(),
            1,
            "expected one date in {text:?}, got {found:?}"
        );
        let d = &found[0];
        assert_eq!(&text[d.span.start..d.span.end], words, "in {text:?}");
        assert_eq!((d.year, d.month, d.day), ymd, "in {text:?}");
    }

    #[track_caller]
    fn assert_no_dates(text: &str) {
        let found = find_dates(text, Some(2027));
        assert!(
            found.is_empty(),
            "expected no date in {text:?}, got {found:?}"
        );
    }

    /// The single range in `text`: its words, start, end and days.
    #[track_caller]
    fn assert_range(
        text: &str,
        default_year: Option<i32>,
        words: &str,
        start: (i32, Month, u8),
        end: (i32, Month, u8),
        days: u32,
    ) -> DateRange {
        let found = find_date_ranges(text, default_year);
        assert_eq!(
            found.len(),
            1,
            "expected one range in {text:?}, got {found:#?}"
        );
        let r = found.into_iter().next().unwrap();
        assert_eq!(&text[r.span.start..r.span.end], words, "in {text:?}");
        assert_eq!(
            (r.start.year, r.start.month, r.start.day),
            (Some(start.0), start.1, start.2),
            "start in {text:?}"
        );
        assert_eq!(
            (r.end.year, r.end.month, r.end.day),
            (Some(end.0), end.1, end.2),
            "end in {text:?}"
        );
        assert_eq!(r.days, days, "days in {text:?}");
        r
    }

    #[track_caller]
    fn assert_no_ranges(text: &str) {
        let found = find_date_ranges(text, Some(2027));
        assert!(
            found.is_empty(),
            "expected no range in {text:?}, got {found:#?}"
        );
    }

    use Month::*;

    #[test]
    fn written_dates() {
        assert_date("on 3 March 2027.", "3 March 2027", (Some(2027), March, 3));
        assert_date("by 3rd March", "3rd March", (None, March, 3));
        assert_date(
            "opens on 1st of March 2027",
            "1st of March 2027",
            (Some(2027), March, 1),
        );
        assert_date(
            "until 31 Dec 2026",
            "31 Dec 2026",
            (Some(2026), December, 31),
        );
        assert_date(
            "on 3 Sept. 2027",
            "3 Sept. 2027",
            (Some(2027), September, 3),
        );
        assert_date("on March 3, 2027", "March 3, 2027", (Some(2027), March, 3));
        assert_date("from March 3rd", "March 3rd", (None, March, 3));
        assert_date(
            "on Monday 5 October 2026",
            "Monday 5 October 2026",
            (Some(2026), October, 5),
        );
        assert_date(
            "Tuesday, 8 June 2027 at 9.30am",
            "Tuesday, 8 June 2027",
            (Some(2027), June, 8),
        );
        assert_date("ON 12 APRIL 2027", "12 APRIL 2027", (Some(2027), April, 12));
        assert_date("until 30 June.", "30 June", (None, June, 30));
        assert_date("until 31 Dec.", "31 Dec.", (None, December, 31));
    }

    #[test]
    fn numeric_dates_are_day_first() {
        assert_date(
            "closes at 5pm on 26/04/2027.",
            "26/04/2027",
            (Some(2027), April, 26),
        );
        assert_date("by 12/04/2027", "12/04/2027", (Some(2027), April, 12));
        assert_date("dated 12.04.27", "12.04.27", (Some(2027), April, 12));
        assert_date("on 1/4/2027", "1/4/2027", (Some(2027), April, 1));
        assert_date("on 01-04-2027", "01-04-2027", (Some(2027), April, 1));
    }

    #[test]
    fn end_of_month_is_its_last_day() {
        assert_date(
            "closed at the end of December",
            "the end of December",
            (None, December, 31),
        );
        assert_date(
            "at the end of March 2027",
            "the end of March 2027",
            (Some(2027), March, 31),
        );
        let d = &find_dates("until the end of February", Some(2028))[0];
        assert_eq!((d.day, d.year_source), (29, YearSource::Default));
    }

    #[test]
    fn not_dates() {
        assert_no_dates("Option 2 may save money");
        assert_no_dates("In March 12 groups replied");
        assert_no_dates("application DM/22/01874/FPA");
        assert_no_dates("paragraph 4.4.12 and 1.2.10");
        assert_no_dates("31 February 2027");
        assert_no_dates("the 2026/27 budget and 2027-28");
        assert_no_dates("2pm - 7pm");
        assert_no_dates("we march 3 miles");
        assert_no_dates("a score of 12/40");
        assert_no_dates("in May 2027");
    }

    #[test]
    fn default_year_fills_missing_years() {
        let d = &find_dates("on 3 March", Some(2027))[0];
        assert_eq!((d.year, d.year_source), (Some(2027), YearSource::Default));
        assert_eq!(d.date(), Date::from_calendar_date(2027, March, 3).ok());
        assert_eq!(find_dates("on 3 March", None)[0].date(), None);
    }

    #[test]
    fn connected_ranges() {
        assert_range(
            "The consultation will run from 3 March to 14 April 2027.",
            None,
            "from 3 March to 14 April 2027",
            (2027, March, 3),
            (2027, April, 14),
            42,
        );
        assert_range(
            "between 3 March and 14 April",
            Some(2027),
            "between 3 March and 14 April",
            (2027, March, 3),
            (2027, April, 14),
            42,
        );
        let r = assert_range(
            "open 16 October – 31 December 2026",
            None,
            "16 October – 31 December 2026",
            (2026, October, 16),
            (2026, December, 31),
            76,
        );
        assert_eq!(r.start.year_source, YearSource::FromRange);
        assert_eq!(r.kind, RangeKind::Connected);
        assert_range(
            "The consultation will last 12 weeks, from Monday 5 October 2026 to Monday 28 December 2026.",
            None,
            "from Monday 5 October 2026 to Monday 28 December 2026",
            (2026, October, 5),
            (2026, December, 28),
            84,
        );
        assert_range(
            "for the period 1 April 2027 to 31 March 2030",
            None,
            "1 April 2027 to 31 March 2030",
            (2027, April, 1),
            (2030, March, 31),
            1095,
        );
        assert_range(
            "Responses 3–14 April 2027",
            None,
            "3–14 April 2027",
            (2027, April, 3),
            (2027, April, 14),
            11,
        );
        assert_range(
            "The consultation ran for 14 weeks, from 1 March to 7 June 2027.",
            None,
            "from 1 March to 7 June 2027",
            (2027, March, 1),
            (2027, June, 7),
            98,
        );
    }

    #[test]
    fn years_wrap_and_come_from_the_other_end() {
        assert_range(
            "from 16 November to 8 February 2027",
            None,
            "from 16 November to 8 February 2027",
            (2026, November, 16),
            (2027, February, 8),
            84,
        );
        let r = assert_range(
            "from 16 November to 8 February",
            Some(2026),
            "from 16 November to 8 February",
            (2026, November, 16),
            (2027, February, 8),
            84,
        );
        assert_eq!(r.end.year_source, YearSource::Default);
        let r = &find_date_ranges("from 3 March to 14 April", None)[0];
        assert_eq!(
            (r.days, r.start.year, r.start.year_source),
            (42, None, YearSource::Unknown)
        );
    }

    #[test]
    fn marked_ranges() {
        assert_range(
            "The consultation opens on 1st March and closes on 12 April 2027.",
            None,
            "opens on 1st March and closes on 12 April 2027",
            (2027, March, 1),
            (2027, April, 12),
            42,
        );
        assert_range(
            "The consultation opens on 1st February 2027 and closes at 5pm on 26/04/2027.",
            None,
            "opens on 1st February 2027 and closes at 5pm on 26/04/2027",
            (2027, February, 1),
            (2027, April, 26),
            84,
        );
        let r = assert_range(
            "The consultation runs from Monday 3 March 2027 until 5pm on Friday 14 April 2027.",
            None,
            "from Monday 3 March 2027 until 5pm on Friday 14 April 2027",
            (2027, March, 3),
            (2027, April, 14),
            42,
        );
        assert_eq!(r.start.weekday, Some(Weekday::Monday));
        let r = assert_range(
            "The consultation was launched on 16 October 2026 with a survey and drop-in sessions, and closed at the end of December.",
            None,
            "launched on 16 October 2026 with a survey and drop-in sessions, and closed at the end of December",
            (2026, October, 16),
            (2026, December, 31),
            76,
        );
        assert_eq!(r.kind, RangeKind::Marked);
        assert_range(
            "The survey will start on 3 March 2027; responses are welcome until 5pm on 12/04/2027.",
            None,
            "start on 3 March 2027; responses are welcome until 5pm on 12/04/2027",
            (2027, March, 3),
            (2027, April, 12),
            40,
        );
    }

    #[test]
    fn lone_or_unrelated_dates_are_not_ranges() {
        assert_no_ranges("Cabinet agreed on 9 December 2026 to end the grant on 31 March 2027.");
        assert_no_ranges("Skelton Civic Hall, 9 March 2027, 2pm – 7pm; Loftus Town Hall, 16 March 2027, 2pm – 7pm");
        assert_no_ranges("Payments will continue until 31 March 2027.");
        assert_no_ranges("from 14 April 2027 to 3 March 2027");
        assert_no_ranges("on 9 March and 16 March");
        assert_no_ranges("the fund opens for applications on 1 September 2026.");
        assert_no_ranges("Option 3 - 14 April 2027 start");
    }

    #[test]
    fn most_common_year_prefers_dates_then_bare_years() {
        assert_eq!(
            most_common_year(
                "Date: 18 December 2026. Ends 31 March 2027; paid January 2027; from 1 April 2027."
            ),
            Some(2027)
        );
        assert_eq!(
            most_common_year("Budget 2026/27 and 2027/28, 2027"),
            Some(2027)
        );
        assert_eq!(
            most_common_year("3 March 2026 and 4 March 2027"),
            Some(2027)
        );
        assert_eq!(most_common_year("no years here"), None);
    }
}
