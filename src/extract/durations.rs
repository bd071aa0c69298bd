//! Stated periods of time ("12 weeks", "three months' notice", "20 working days", "6-8
//! weeks", "a fortnight"), converted to days by the contract's rule.
//!
//! Every theme with a minimum period rests on reading what period a draft states, so this
//! module recognises the forms officers write: digits and number words up to sixty
//! ("twenty-eight"), "a"/"an", hyphenated adjectives ("twelve-week", "3-month"), ranges
//! ("6-8 weeks", "six to eight weeks", "between six and eight weeks"), halves ("two and a
//! half years"), qualifiers before ("at least", "up to", "within", "about") or after ("or
//! more", "minimum"), and extensions ("a further two weeks").
//!
//! A caller may rely on:
//! - [`Duration::days`] following `docs/themes.md`: day = 1, week = 7, fortnight = 14, month
//!   and calendar month = 30, year = 365, working days × 7/5; fractions rounded down. A range
//!   counts as its **lower** bound, with the upper kept in [`Duration::range_upper`] and
//!   [`Duration::upper_days`].
//! - [`Duration::span`] covering the qualifier, "a further", the number(s), the unit and a
//!   possessive apostrophe ("at least three months'"), so it can be underlined as written.
//! - No match for things that are not periods: ages ("aged 65 years", "12 months old"),
//!   rates ("£45,000 a year", "seven days a week", "every three months"), money and years
//!   ("£12", "2026/27 year"), references ("Section 12 weeks"), or times of day ("5pm").
//! - "12 weeks ago" and "the past 12 months" are matched with [`Duration::in_past`] set: they
//!   are periods, but not ones the draft promises.
//! - Hours and minutes are not extracted.

use crate::document::ByteSpan;
use crate::extract::phrases::{head, tail};
use regex::{Captures, Regex};
use std::sync::LazyLock;

/// The unit a period was stated in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DurationUnit {
    /// Days, calendar days or clear days.
    Day,
    /// Working days or business days (× 7/5 to calendar days).
    WorkingDay,
    Week,
    Fortnight,
    Month,
    /// "calendar month(s)": counted like a month (30 days).
    CalendarMonth,
    Year,
}

impl DurationUnit {
    /// Calendar days per unit, as a fraction (numerator, denominator).
    fn days_per_unit(self) -> (u64, u64) {
        match self {
            DurationUnit::Day => (1, 1),
            DurationUnit::WorkingDay => (7, 5),
            DurationUnit::Week => (7, 1),
            DurationUnit::Fortnight => (14, 1),
            DurationUnit::Month | DurationUnit::CalendarMonth => (30, 1),
            DurationUnit::Year => (365, 1),
        }
    }

    /// `value` of this unit in whole calendar days, rounded down (the contract's rule).
    pub fn to_days(self, value: f64) -> u32 {
        if !value.is_finite() || value <= 0.0 {
            return 0;
        }
        let (num, den) = self.days_per_unit();
        // Values are written with at most two decimals; work in hundredths so 20 working
        // days is exactly 28 and not 27.999.
        let hundredths = (value * 100.0).round() as u64;
        let days = hundredths.saturating_mul(num) / den.saturating_mul(100);
        u32::try_from(days).unwrap_or(u32::MAX)
    }
}

/// How firmly a period is promised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Qualifier {
    /// No qualifier: "12 weeks".
    Exact,
    /// "at least", "no less than", "not less than", "a minimum of", "minimum", "no fewer
    /// than", "more than", "in excess of"; after: "or more", "or longer", "minimum".
    Minimum,
    /// "up to", "no more than", "a maximum of", "within", "less than"; after: "or less",
    /// "maximum". The themes treat "up to" as a hedge.
    Maximum,
    /// "approximately", "around", "about", "roughly", "circa", "some", "nearly", "almost".
    Approximate,
}

/// One stated period.
#[derive(Debug, Clone, PartialEq)]
pub struct Duration {
    /// The words as written, including qualifier and possessive, relative to the input.
    pub span: ByteSpan,
    /// The number stated (the lower bound of a range): 12 for "twelve weeks", 1 for "a
    /// fortnight", 2.5 for "two and a half years".
    pub value: f64,
    pub unit: DurationUnit,
    pub qualifier: Qualifier,
    /// The upper bound of a range ("6-8 weeks" → `Some(8.0)`), in the same unit.
    pub range_upper: Option<f64>,
    /// `value` in calendar days by the contract's rule: the number the themes compare.
    pub days: u32,
    /// `range_upper` in calendar days.
    pub upper_days: Option<u32>,
    /// "a further two weeks", "an additional month": an extension added to another period.
    pub further: bool,
    /// "12 weeks ago", "the past 12 months", "the previous two years": a period in the
    /// past, not a promise.
    pub in_past: bool,
}

const ONES: [&str; 9] = [
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
];
const TEENS: [&str; 10] = [
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [&str; 5] = ["twenty", "thirty", "forty", "fifty", "sixty"];

/// The value of a number word from "one" to "sixty" ("twenty-eight", "twenty eight").
pub fn number_word_value(word: &str) -> Option<u32> {
    let lower = word.trim().to_ascii_lowercase();
    let parts: Vec<&str> = lower
        .split(|c: char| c == '-' || c == '\u{2010}' || c == '\u{2013}' || c.is_whitespace())
        .filter(|p| !p.is_empty())
        .collect();
    let single = |w: &str| -> Option<u32> {
        if let Some(i) = ONES.iter().position(|o| *o == w) {
            return Some(i as u32 + 1);
        }
        if let Some(i) = TEENS.iter().position(|o| *o == w) {
            return Some(i as u32 + 10);
        }
        TENS.iter()
            .position(|o| *o == w)
            .map(|i| (i as u32 + 2) * 10)
    };
    match parts.as_slice() {
        [one] => single(one),
        [tens, ones] => {
            let t = single(tens).filter(|t| *t >= 20 && *t < 60 && t % 10 == 0)?;
            let o = single(ones).filter(|o| *o < 10)?;
            Some(t + o)
        }
        _ => None,
    }
}

fn number_words_pattern() -> String {
    let ones = ONES.join("|");
    let compound_tens = TENS[..4].join("|");
    let mut singles: Vec<&str> = TENS
        .iter()
        .chain(TEENS.iter())
        .chain(ONES.iter())
        .copied()
        .collect();
    // Longest first, so "seventeen" is preferred to "seven" where both could fit.
    singles.sort_by_key(|w| std::cmp::Reverse(w.len()));
    format!(
        r"(?:(?:{compound_tens})(?:\s*[-‐–]\s*|\s+)(?:{ones})|{})",
        singles.join("|")
    )
}

static DURATION: LazyLock<Regex> = LazyLock::new(|| {
    let words = number_words_pattern();
    let digits = r"\d{1,3}(?:\.\d{1,2})?";
    let qualifier = [
        r"at\s+least",
        r"no\s+less\s+than",
        r"not\s+less\s+than",
        r"no\s+fewer\s+than",
        r"not\s+fewer\s+than",
        r"a\s+minimum\s+of",
        r"minimum\s+of",
        r"a\s+minimum",
        r"minimum",
        r"more\s+than",
        r"longer\s+than",
        r"in\s+excess\s+of",
        r"up\s+to",
        r"no\s+more\s+than",
        r"not\s+more\s+than",
        r"no\s+longer\s+than",
        r"not\s+longer\s+than",
        r"a\s+maximum\s+of",
        r"maximum\s+of",
        r"a\s+maximum",
        r"maximum",
        r"within",
        r"less\s+than",
        r"fewer\s+than",
        r"shorter\s+than",
        r"approximately",
        r"approx\.?",
        r"around",
        r"about",
        r"roughly",
        r"circa",
        r"c\.",
        r"nearly",
        r"almost",
        r"some",
    ]
    .join("|");
    let pattern = format!(
        r"(?xi)
        (?-u:\b)
        (?:(?P<qual>{qualifier})\s+)?
        (?:(?P<per>(?:a|the)\s+(?:period|total|term)\s+of)\s+)?
        (?:the\s+(?P<rel>next|following|coming|first|final|past|previous)\s+)?
        (?:
          (?P<fur1>a\s+further|an\s+additional|another|an\s+extra)\s+
        |
          (?:(?P<fur>a\s+further|further|an\s+additional|additional|another|an\s+extra|extra)\s+)?
          (?P<btw>between\s+)?
          (?P<n1>{digits}|{words}|an?)(?-u:\b)
          (?P<half>\s+and\s+a\s+half)?
          (?:\s*(?P<sep>-|‐|–|—|to|and)\s*(?P<n2>{digits}|{words})(?-u:\b))?
          (?:\s+|\s*[-‐–]\s*)
        )
        (?P<mod>(?:calendar|working|business|clear)(?:\s+|\s*[-‐]\s*))?
        (?P<unit>days?|weeks?|fortnights?|months?|years?)(?-u:\b)
        (?P<poss>['’]s(?-u:\b)|['’])?"
    );
    Regex::new(&pattern).expect("duration pattern compiles")
});

/// Words after which a bare number is a reference or a label, not a period.
static REFERENCE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:(?:sections?|paragraphs?|paras?|clauses?|regulations?|regs?|schedules?|appendix|appendices|annex|items?|pages?|parts?|articles?|tables?|figures?|figs?|options?|phases?|stages?|steps?|wards?|routes?|rooms?|levels?|grades?|bands?|chapters?|rules?|standards?|version|key\s+stage|aged?|ages|age\s+of|every|each|per)\.?|(?:no|nos|s|pp?|art)\.)\s*(?:between\s+|under\s+|over\s+|from\s+|of\s+)?$",
    )
    .expect("reference pattern compiles")
});

/// What follows a period that makes it an age or a rate rather than a period.
static NOT_A_PERIOD_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:(?:\s+|\s*-\s*)old(?-u:\b)|\s+of\s+age(?-u:\b)|\s*(?:a|an|per|each|every)\s+(?:day|week|month|year|fortnight|annum|term|quarter)(?-u:\b)|\s*/\s*(?:day|week|month|year|annum)(?-u:\b))",
    )
    .expect("rate pattern compiles")
});

/// A unit that is the first half of a compound ("Year-end balances", "year-round").
static COMPOUND_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[-‐](?:end|round|on|start)(?-u:\b)").expect("compound pattern compiles")
});

static AGO_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s+(?:ago|earlier|previously)(?-u:\b)").expect("ago pattern compiles")
});

static QUALIFIER_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\s*(?:(?P<min>or\s+(?:more|longer|over|above)|minimum|at\s+(?:the\s+)?(?:least|minimum)|as\s+a\s+minimum)|(?P<max>or\s+(?:less|fewer|shorter|under)|maximum|at\s+(?:the\s+)?most|as\s+a\s+maximum))(?-u:\b)",
    )
    .expect("postfix qualifier pattern compiles")
});

/// Words before a bare "a month" / "a year" under which it is a period ("for a month",
/// "within a year", "give a month's notice"); after anything else ("£45,000 a year", "one
/// return a year") it is a rate.
const A_UNIT_AFTER_WORDS: &[&str] = &[
    "for",
    "within",
    "in",
    "over",
    "of",
    "after",
    "before",
    "than",
    "about",
    "around",
    "nearly",
    "almost",
    "only",
    "just",
    "give",
    "gives",
    "given",
    "giving",
    "gave",
    "by",
    "least",
    "to",
    "with",
    "under",
    "take",
    "takes",
    "took",
    "taking",
    "last",
    "lasts",
    "lasting",
    "run",
    "runs",
    "ran",
    "running",
    "is",
    "be",
    "was",
    "been",
    "allow",
    "allows",
    "allowing",
    "allowed",
    "wait",
    "extended",
    "extend",
    "extending",
    "another",
    "further",
    "extra",
    "additional",
    "least",
    "minimum",
    "maximum",
    "approximately",
    "roughly",
    "once",
    "until",
    "during",
    "spend",
    "spent",
    "notice",
    "period",
    "up",
];

/// Every stated period in `text`, in order, non-overlapping.
pub fn find_durations(text: &str) -> Vec<Duration> {
    DURATION
        .captures_iter(text)
        .filter_map(|caps| duration_from(text, &caps))
        .collect()
}

fn duration_from(text: &str, caps: &Captures<'_>) -> Option<Duration> {
    let whole = caps.get(0)?;
    let unit_m = caps.name("unit")?;
    let fur1 = caps.name("fur1");
    if fur1.is_some() && unit_m.as_str().to_ascii_lowercase().ends_with('s') {
        // "a further month", "another year": one unit; "another weeks" is not a period.
        return None;
    }
    let unit_word = unit_m.as_str().to_ascii_lowercase();
    let plural = unit_word.ends_with('s');
    let modifier = caps
        .name("mod")
        .map(|m| m.as_str().to_ascii_lowercase())
        .unwrap_or_default();
    let unit = if unit_word.starts_with("day") {
        if modifier.starts_with("working") || modifier.starts_with("business") {
            DurationUnit::WorkingDay
        } else {
            DurationUnit::Day
        }
    } else if unit_word.starts_with("week") {
        DurationUnit::Week
    } else if unit_word.starts_with("fortnight") {
        DurationUnit::Fortnight
    } else if unit_word.starts_with("month") {
        if modifier.starts_with("calendar") {
            DurationUnit::CalendarMonth
        } else {
            DurationUnit::Month
        }
    } else {
        DurationUnit::Year
    };

    let (n1_text, n1_start) = match (caps.name("n1"), fur1) {
        (Some(n1), _) => (n1.as_str(), n1.start()),
        (None, Some(f)) => ("a", f.start()),
        (None, None) => return None,
    };
    let is_article = n1_text.eq_ignore_ascii_case("a") || n1_text.eq_ignore_ascii_case("an");
    let half = caps.name("half").is_some();
    let mut value = parse_number(n1_text)? + if half { 0.5 } else { 0.0 };
    let mut start = whole.start();
    let mut qualifier = caps
        .name("qual")
        .map(|q| qualifier_of(q.as_str()))
        .unwrap_or(Qualifier::Exact);
    let mut range_upper = None;
    let mut further = caps.name("fur").is_some() || fur1.is_some();

    // Digits glued to money, fractions of years or other numbers are not periods.
    if n1_text.as_bytes().first().is_some_and(u8::is_ascii_digit)
        && !number_stands_alone(text, n1_start)
    {
        return None;
    }

    if let (Some(sep), Some(n2)) = (caps.name("sep"), caps.name("n2")) {
        let upper = parse_number(n2.as_str())?;
        let is_and = sep.as_str().eq_ignore_ascii_case("and");
        let between = caps.name("btw").is_some();
        let change = sep.as_str().eq_ignore_ascii_case("to")
            && caps.name("qual").is_none()
            && tail(text, n1_start, 10)
                .to_ascii_lowercase()
                .trim_end()
                .ends_with("from");
        if half || is_article || (is_and && !between) || upper <= value || change {
            // "six and twelve months", "from 12 to 8 weeks", "rose from 9 to 23 days": only
            // the second number goes with the unit.
            value = upper;
            start = n2.start();
            qualifier = Qualifier::Exact;
            further = false;
        } else {
            range_upper = Some(upper);
        }
    } else if caps.name("btw").is_some() {
        // "between 12 weeks and ..." without a range: drop the "between".
        start = n1_start;
    }

    let bare = start == n1_start || caps.name("btw").is_some_and(|b| b.start() == start);
    let before = tail(text, start, 40);
    if bare && REFERENCE_BEFORE.is_match(before) {
        return None;
    }
    let mut end = whole.end();
    let after = head(text, end, 40);
    if NOT_A_PERIOD_AFTER.is_match(after) || COMPOUND_AFTER.is_match(after) {
        return None;
    }

    if is_article {
        if plural || range_upper.is_some() {
            return None;
        }
        let guarded = caps.name("qual").is_some()
            || caps.name("per").is_some()
            || further
            || caps.name("rel").is_some()
            || caps
                .name("poss")
                .is_some_and(|p| p.as_str().len() > 1 && p.as_str().ends_with('s'));
        if !guarded && !article_period_context(before) {
            return None;
        }
    }

    if qualifier == Qualifier::Exact {
        if let Some(post) = QUALIFIER_AFTER.captures(after) {
            qualifier = if post.name("min").is_some() {
                Qualifier::Minimum
            } else {
                Qualifier::Maximum
            };
            end += post.get(0).map_or(0, |m| m.end());
        }
    }

    let in_past = AGO_AFTER.is_match(after)
        || caps.name("rel").is_some_and(|r| {
            let r = r.as_str().to_ascii_lowercase();
            r == "past" || r == "previous"
        });

    Some(Duration {
        span: ByteSpan::new(start, end),
        value,
        unit,
        qualifier,
        range_upper,
        days: unit.to_days(value),
        upper_days: range_upper.map(|u| unit.to_days(u)),
        further,
        in_past,
    })
}

fn parse_number(s: &str) -> Option<f64> {
    if s.eq_ignore_ascii_case("a") || s.eq_ignore_ascii_case("an") {
        return Some(1.0);
    }
    if s.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        return s.parse::<f64>().ok().filter(|v| v.is_finite());
    }
    number_word_value(s).map(f64::from)
}

fn qualifier_of(q: &str) -> Qualifier {
    let q = q.to_ascii_lowercase();
    let q = q.split_whitespace().collect::<Vec<_>>().join(" ");
    match q.as_str() {
        "at least" | "no less than" | "not less than" | "no fewer than" | "not fewer than"
        | "a minimum of" | "minimum of" | "a minimum" | "minimum" | "more than" | "longer than"
        | "in excess of" => Qualifier::Minimum,
        "up to" | "no more than" | "not more than" | "no longer than" | "not longer than"
        | "a maximum of" | "maximum of" | "a maximum" | "maximum" | "within" | "less than"
        | "fewer than" | "shorter than" => Qualifier::Maximum,
        _ => Qualifier::Approximate,
    }
}

/// A digit string at `at` is a number of its own: not part of money ("£12"), a decimal or
/// list of numbers ("1.12", "12,000"), a year pair ("2026/27", "2027-28") or a word ("Q3").
fn number_stands_alone(text: &str, at: usize) -> bool {
    let before = &text[..at];
    let mut chars = before.chars().rev();
    match chars.next() {
        None => true,
        Some(c) if c.is_alphanumeric() => false,
        Some('£' | '$' | '€' | '#' | '/' | '.' | ',' | ':' | '@' | '\\' | '+') => false,
        Some('-' | '‐' | '–' | '—') => !chars.next().is_some_and(|c| c.is_ascii_digit()),
        Some(_) => true,
    }
}

fn article_period_context(before: &str) -> bool {
    let trimmed = before.trim_end();
    let Some(last) = trimmed.chars().next_back() else {
        return true;
    };
    if !last.is_alphanumeric() {
        // "…, a month before the deadline", "(a fortnight)"; but "3% a year" is a rate.
        return !matches!(last, '%' | '£' | '$' | '€');
    }
    let word: String = trimmed
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric() || *c == '\'' || *c == '’')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let word = word.to_lowercase();
    A_UNIT_AFTER_WORDS.contains(&word.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The single period found in `text`: its words, days and qualifier.
    #[track_caller]
    fn assert_one(text: &str, words: &str, days: u32, qualifier: Qualifier) -> Duration {
        let found = find_durations(text);
        assert_eq!(
            found.len(),
            1,
            "expected one period in {text:?}, got {found:?}"
        );
        let d = found.into_iter().next().unwrap();
        assert_eq!(&text[d.span.start..d.span.end], words, "in {text:?}");
        assert_eq!(d.days, days, "days for {words:?}");
        assert_eq!(d.qualifier, qualifier, "qualifier for {words:?}");
        d
    }

    #[track_caller]
    fn assert_none(text: &str) {
        let found = find_durations(text);
        assert!(
            found.is_empty(),
            "expected no period in {text:?}, got {found:?}"
        );
    }

    #[track_caller]
    fn assert_days(text: &str, days: &[u32]) {
        let found: Vec<u32> = find_durations(text).iter().map(|d| d.days).collect();
        assert_eq!(found, days, "in {text:?}");
    }

    #[test]
    fn digits_and_number_words() {
        assert_one(
            "The consultation will last 12 weeks.",
            "12 weeks",
            84,
            Qualifier::Exact,
        );
        assert_one(
            "It will run for twelve weeks.",
            "twelve weeks",
            84,
            Qualifier::Exact,
        );
        assert_one(
            "Twelve Weeks consultation",
            "Twelve Weeks",
            84,
            Qualifier::Exact,
        );
        assert_one(
            "within twenty-eight days of the decision",
            "within twenty-eight days",
            28,
            Qualifier::Maximum,
        );
        assert_one(
            "a period of 90 days",
            "a period of 90 days",
            90,
            Qualifier::Exact,
        );
        assert_one("please confirm in 28 days", "28 days", 28, Qualifier::Exact);
        assert_one(
            "the next sixty days",
            "the next sixty days",
            60,
            Qualifier::Exact,
        );
        assert_one(
            "for thirty one days",
            "thirty one days",
            31,
            Qualifier::Exact,
        );
    }

    #[test]
    fn hyphenated_adjectives() {
        assert_one(
            "a twelve-week consultation",
            "twelve-week",
            84,
            Qualifier::Exact,
        );
        assert_one(
            "to conduct 12-week formal written consultations",
            "12-week",
            84,
            Qualifier::Exact,
        );
        assert_one(
            "the three-month notice period will not apply",
            "three-month",
            90,
            Qualifier::Exact,
        );
        assert_one(
            "This is a six-week consultation",
            "six-week",
            42,
            Qualifier::Exact,
        );
        assert_one("a 12 week consultation", "12 week", 84, Qualifier::Exact);
    }

    #[test]
    fn months_and_possessives() {
        let d = assert_one(
            "at least three months’ notice in writing",
            "at least three months’",
            90,
            Qualifier::Minimum,
        );
        assert_eq!(d.unit, DurationUnit::Month);
        let d = assert_one(
            "This letter gives you 3 calendar months' notice",
            "3 calendar months'",
            90,
            Qualifier::Exact,
        );
        assert_eq!(d.unit, DurationUnit::CalendarMonth);
        assert_one(
            "This letter gives you one month's notice.",
            "one month's",
            30,
            Qualifier::Exact,
        );
        assert_days("3 calendar months' (90 days') notice in writing", &[90, 90]);
    }

    #[test]
    fn working_days_are_seven_fifths_rounded_down() {
        let d = assert_one(
            "The Council is giving you 20 working days' notice.",
            "20 working days'",
            28,
            Qualifier::Exact,
        );
        assert_eq!(d.unit, DurationUnit::WorkingDay);
        assert_one(
            "within 10 business days",
            "within 10 business days",
            14,
            Qualifier::Maximum,
        );
        assert_one("3 working days", "3 working days", 4, Qualifier::Exact);
        assert_one(
            "a 20-working-day consultation",
            "20-working-day",
            28,
            Qualifier::Exact,
        );
    }

    #[test]
    fn ranges_count_their_lower_bound() {
        let d = assert_one(
            "a consultation of 6-8 weeks",
            "6-8 weeks",
            42,
            Qualifier::Exact,
        );
        assert_eq!(d.range_upper, Some(8.0));
        assert_eq!(d.upper_days, Some(56));
        let d = assert_one(
            "six to eight weeks",
            "six to eight weeks",
            42,
            Qualifier::Exact,
        );
        assert_eq!(d.range_upper, Some(8.0));
        assert_one("6 – 8 weeks", "6 – 8 weeks", 42, Qualifier::Exact);
        assert_one(
            "between six and eight weeks",
            "between six and eight weeks",
            42,
            Qualifier::Exact,
        );
        assert_one("by 8 to 10 years", "8 to 10 years", 2920, Qualifier::Exact);
    }

    #[test]
    fn descending_or_and_pairs_are_not_ranges() {
        let d = assert_one(
            "reduced from 12 to 6 weeks",
            "6 weeks",
            42,
            Qualifier::Exact,
        );
        assert_eq!(d.range_upper, None);
        assert_one(
            "waiting times rose from 9 to 23 days",
            "23 days",
            23,
            Qualifier::Exact,
        );
        let d = assert_one(
            "monitoring returns at six and twelve months",
            "twelve months",
            360,
            Qualifier::Exact,
        );
        assert_eq!(d.range_upper, None);
    }

    #[test]
    fn qualifiers_before_and_after() {
        assert_one(
            "no less than 12 weeks",
            "no less than 12 weeks",
            84,
            Qualifier::Minimum,
        );
        assert_one(
            "not less than three months' written notice",
            "not less than three months'",
            90,
            Qualifier::Minimum,
        );
        assert_one(
            "for a minimum of 12 weeks",
            "a minimum of 12 weeks",
            84,
            Qualifier::Minimum,
        );
        assert_one(
            "minimum 12 weeks",
            "minimum 12 weeks",
            84,
            Qualifier::Minimum,
        );
        assert_one(
            "no fewer than 30 days",
            "no fewer than 30 days",
            30,
            Qualifier::Minimum,
        );
        assert_one(
            "for up to 12 weeks;",
            "up to 12 weeks",
            84,
            Qualifier::Maximum,
        );
        assert_one(
            "no more than four weeks",
            "no more than four weeks",
            28,
            Qualifier::Maximum,
        );
        assert_one(
            "a maximum of 6 weeks",
            "a maximum of 6 weeks",
            42,
            Qualifier::Maximum,
        );
        assert_one(
            "within eight weeks of the closing date",
            "within eight weeks",
            56,
            Qualifier::Maximum,
        );
        assert_one(
            "approximately 10 weeks",
            "approximately 10 weeks",
            70,
            Qualifier::Approximate,
        );
        assert_one(
            "around six weeks",
            "around six weeks",
            42,
            Qualifier::Approximate,
        );
        assert_one(
            "about 3 months",
            "about 3 months",
            90,
            Qualifier::Approximate,
        );
        assert_one(
            "roughly a month",
            "roughly a month",
            30,
            Qualifier::Approximate,
        );
        assert_one(
            "12 weeks or more",
            "12 weeks or more",
            84,
            Qualifier::Minimum,
        );
        assert_one(
            "12 weeks minimum",
            "12 weeks minimum",
            84,
            Qualifier::Minimum,
        );
        assert_one(
            "four weeks or less",
            "four weeks or less",
            28,
            Qualifier::Maximum,
        );
    }

    #[test]
    fn articles_fortnights_and_years() {
        let d = assert_one(
            "Payments will cease in a fortnight, on 1 March",
            "a fortnight",
            14,
            Qualifier::Exact,
        );
        assert_eq!(d.unit, DurationUnit::Fortnight);
        assert_one(
            "published 31 May 2027, a month before the statutory deadline",
            "a month",
            30,
            Qualifier::Exact,
        );
        assert_one(
            "a month's notice will be given",
            "a month's",
            30,
            Qualifier::Exact,
        );
        assert_one(
            "an agreement for one year",
            "one year",
            365,
            Qualifier::Exact,
        );
        assert_one("extended for a year", "a year", 365, Qualifier::Exact);
        assert_one(
            "two and a half years",
            "two and a half years",
            912,
            Qualifier::Exact,
        );
        assert_one("1.5 months", "1.5 months", 45, Qualifier::Exact);
    }

    #[test]
    fn further_extensions_are_flagged() {
        let d = assert_one(
            "The consultation was extended by a further two weeks.",
            "a further two weeks",
            14,
            Qualifier::Exact,
        );
        assert!(d.further);
        assert!(!assert_one("two weeks", "two weeks", 14, Qualifier::Exact).further);
        assert!(
            assert_one(
                "an additional month",
                "an additional month",
                30,
                Qualifier::Exact
            )
            .further
        );
    }

    #[test]
    fn past_periods_are_flagged() {
        assert!(
            assert_one(
                "the decision 12 weeks ago",
                "12 weeks",
                84,
                Qualifier::Exact
            )
            .in_past
        );
        assert!(
            assert_one(
                "over the past 12 months",
                "the past 12 months",
                360,
                Qualifier::Exact
            )
            .in_past
        );
        assert!(
            !assert_one(
                "over the next 12 months",
                "the next 12 months",
                360,
                Qualifier::Exact
            )
            .in_past
        );
    }

    #[test]
    fn rates_are_not_periods() {
        assert_none("your grant of £45,000 a year");
        assert_none("Keep both sites open seven days a week");
        assert_none("Payments of £5,000 a month will continue");
        assert_none("simplifies monitoring to one return a year");
        assert_none("staff work 5 days per week");
        assert_none("we review it every three months");
        assert_none("£14,600 a year)");
        assert_none("twice a year");
    }

    #[test]
    fn ages_times_money_years_and_references_are_not_periods() {
        assert_none("people aged 65 years and over");
        assert_none("Any debts over 12 months old");
        assert_none("young people aged 11-18");
        assert_none("the drop-in runs until 5pm on 12 April");
        assert_none("in 2026 and 2027");
        assert_none("costs £12 a week");
        assert_none("the 2026/27 year end");
        assert_none("the 2027-28 year");
        assert_none("see Section 12 weeks");
        assert_none("at the end of the fifth year");
        assert_none("two weekdays each");
        assert_none("Year 2 allocation");
        assert_none("first-year premium");
        assert_none("£1,000 days");
        assert_none("3.4 Year-end balances");
    }

    #[test]
    fn several_periods_in_one_sentence() {
        assert_days(
            "The consultation will last 12 weeks, and we will publish a summary within four weeks of it closing.",
            &[84, 28],
        );
        assert_days(
            "at least 7 days before works start, and advance warning signs will be put up 14 days before",
            &[7, 14],
        );
    }

    #[test]
    fn number_words_up_to_sixty() {
        for (word, n) in [
            ("one", 1),
            ("nineteen", 19),
            ("twenty-eight", 28),
            ("forty five", 45),
            ("sixty", 60),
        ] {
            assert_eq!(number_word_value(word), Some(n), "{word}");
        }
        assert_eq!(number_word_value("sixty-one"), None);
        assert_eq!(number_word_value("twenty-ten"), None);
        assert_eq!(number_word_value("eleventy"), None);
    }

    #[test]
    fn unit_days_rule() {
        assert_eq!(DurationUnit::WorkingDay.to_days(20.0), 28);
        assert_eq!(DurationUnit::WorkingDay.to_days(3.0), 4);
        assert_eq!(DurationUnit::Week.to_days(0.5), 3);
        assert_eq!(DurationUnit::Year.to_days(1.0), 365);
        assert_eq!(DurationUnit::Month.to_days(-1.0), 0);
        assert_eq!(DurationUnit::Month.to_days(f64::NAN), 0);
    }
}
