//! Bank holidays in England and Wales, and working days, computed rather than looked up.
//!
//! A consultation that closes on Easter Monday, or a timetable step due on Boxing Day, is a
//! date nobody can act on, so the drafts move such dates to a working day. The dates are
//! computed from the rules (no list to download or keep up to date):
//!
//! - New Year's Day (1 January), Christmas Day and Boxing Day, with a substitute weekday
//!   when they fall at a weekend (Christmas on a Saturday: Monday 27 and, for Boxing Day,
//!   Tuesday 28 December);
//! - Good Friday and Easter Monday, from Easter Sunday by the Gregorian computus
//!   ([`easter_sunday`]);
//! - the early May bank holiday (the first Monday in May), the spring bank holiday (the
//!   last Monday in May) and the summer bank holiday (the last Monday in August).
//!
//! Years in which the government moved or added a day by proclamation (2020, 2022, 2023)
//! follow what was proclaimed ([`PROCLAIMED`]). A day proclaimed after this build is not
//! known to it: the drafts say "working day", and the officer confirms the calendar.

use time::{Date, Duration, Month, Weekday};

/// One bank holiday: its date and its name as GOV.UK gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BankHoliday {
    pub date: Date,
    pub name: &'static str,
    /// The holiday itself falls at a weekend and this weekday is taken instead.
    pub substitute: bool,
}

/// A change to the regular rules made by proclamation.
struct Proclaimed {
    year: i32,
    /// The regular holiday it replaces, if it moves one rather than adding a day.
    replaces: Option<(Month, u8)>,
    on: (Month, u8),
    name: &'static str,
}

/// Every proclaimed change since 2020, the earliest year a draft is likely to look back to.
const PROCLAIMED: &[Proclaimed] = &[
    // VE Day 75: the early May bank holiday moved to Friday 8 May.
    Proclaimed {
        year: 2020,
        replaces: Some((Month::May, 4)),
        on: (Month::May, 8),
        name: "Early May bank holiday (VE day)",
    },
    // Platinum Jubilee: the spring bank holiday moved to Thursday 2 June, and a day added.
    Proclaimed {
        year: 2022,
        replaces: Some((Month::May, 30)),
        on: (Month::June, 2),
        name: "Spring bank holiday",
    },
    Proclaimed {
        year: 2022,
        replaces: None,
        on: (Month::June, 3),
        name: "Platinum Jubilee bank holiday",
    },
    Proclaimed {
        year: 2022,
        replaces: None,
        on: (Month::September, 19),
        name: "Bank Holiday for the State Funeral of Queen Elizabeth II",
    },
    Proclaimed {
        year: 2023,
        replaces: None,
        on: (Month::May, 8),
        name: "Bank holiday for the coronation of King Charles III",
    },
];

/// Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm, also known
/// as Meeus/Jones/Butcher), valid for every year the `time` crate represents from 1583.
pub fn easter_sunday(year: i32) -> Date {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    let month = if month == 3 {
        Month::March
    } else {
        Month::April
    };
    // March 22 to April 25: always a real date.
    Date::from_calendar_date(year, month, day as u8).expect("Easter falls in March or April")
}

/// The bank holidays of England and Wales in `year`, in date order.
pub fn bank_holidays(year: i32) -> Vec<BankHoliday> {
    let date = |month, day| Date::from_calendar_date(year, month, day).ok();
    let mut days = Vec::with_capacity(9);
    let push = |days: &mut Vec<BankHoliday>, date: Option<Date>, name: &'static str| {
        if let Some(date) = date {
            days.push(BankHoliday {
                date,
                name,
                substitute: false,
            });
        }
    };

    push(
        &mut days,
        date(Month::January, 1).map(weekday_on_or_after),
        "New Year\u{2019}s Day",
    );
    let easter = easter_sunday(year);
    push(
        &mut days,
        easter.checked_sub(Duration::days(2)),
        "Good Friday",
    );
    push(
        &mut days,
        easter.checked_add(Duration::days(1)),
        "Easter Monday",
    );
    push(
        &mut days,
        first_monday(year, Month::May),
        "Early May bank holiday",
    );
    push(
        &mut days,
        last_monday(year, Month::May),
        "Spring bank holiday",
    );
    push(
        &mut days,
        last_monday(year, Month::August),
        "Summer bank holiday",
    );

    // Christmas and Boxing Day, with GOV.UK's substitute days when either falls at a
    // weekend.
    if let Some(christmas) = date(Month::December, 25) {
        let later = |days: i64| christmas.checked_add(Duration::days(days));
        let (christmas_on, boxing_on) = match christmas.weekday() {
            Weekday::Friday => (Some(christmas), later(3)),
            Weekday::Saturday => (later(2), later(3)),
            Weekday::Sunday => (later(2), later(1)),
            _ => (Some(christmas), later(1)),
        };
        push(&mut days, christmas_on, "Christmas Day");
        push(&mut days, boxing_on, "Boxing Day");
    }

    for change in PROCLAIMED.iter().filter(|p| p.year == year) {
        if let Some(from) = change.replaces.and_then(|(month, day)| date(month, day)) {
            days.retain(|h| h.date != from);
        }
        push(&mut days, date(change.on.0, change.on.1), change.name);
    }
    for holiday in &mut days {
        holiday.substitute = match holiday.name {
            "New Year\u{2019}s Day" => holiday.date.day() != 1,
            "Christmas Day" => holiday.date.day() != 25,
            "Boxing Day" => holiday.date.day() != 26,
            _ => false,
        };
    }
    days.sort_by_key(|h| h.date);
    days
}

/// The bank holiday on `date`, if it is one.
pub fn bank_holiday(date: Date) -> Option<BankHoliday> {
    bank_holidays(date.year())
        .into_iter()
        .find(|h| h.date == date)
}

/// Saturday or Sunday.
pub fn is_weekend(date: Date) -> bool {
    matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday)
}

/// A weekday that is not a bank holiday in England and Wales.
pub fn is_working_day(date: Date) -> bool {
    !is_weekend(date) && bank_holiday(date).is_none()
}

/// `date` if it is a working day, else the first working day after it.
pub fn working_day_on_or_after(date: Date) -> Date {
    let mut d = date;
    while !is_working_day(d) {
        match d.next_day() {
            Some(next) => d = next,
            None => return date,
        }
    }
    d
}

/// `date` if it is a working day, else the last working day before it.
pub fn working_day_on_or_before(date: Date) -> Date {
    let mut d = date;
    while !is_working_day(d) {
        match d.previous_day() {
            Some(previous) => d = previous,
            None => return date,
        }
    }
    d
}

/// The day `n` working days after `date` (which need not be one itself). Five working days
/// after Friday 19 March 2027 is Tuesday 30 March, not Friday 26 March: Good Friday and
/// Easter Monday fall between.
pub fn add_working_days(date: Date, n: u32) -> Date {
    let mut d = date;
    let mut left = n;
    while left > 0 {
        match d.next_day() {
            Some(next) => d = next,
            None => return d,
        }
        if is_working_day(d) {
            left -= 1;
        }
    }
    d
}

/// Why `date` is not a working day, in words ("a Saturday", "Easter Monday"), or `None`
/// for a working day.
pub fn why_not_working(date: Date) -> Option<String> {
    if let Some(holiday) = bank_holiday(date) {
        // "the early May bank holiday", but "Easter Monday" and "Christmas Day".
        let name = holiday.name;
        return Some(match name.split_once(' ') {
            Some((first @ ("Early" | "Spring" | "Summer"), rest)) => {
                format!("the {} {rest}", first.to_lowercase())
            }
            _ => name.to_string(),
        });
    }
    if is_weekend(date) {
        return Some(format!("a {}", date.weekday()));
    }
    None
}

/// `date`, or the Monday after it when it falls at a weekend.
fn weekday_on_or_after(date: Date) -> Date {
    let days = match date.weekday() {
        Weekday::Saturday => 2,
        Weekday::Sunday => 1,
        _ => 0,
    };
    date.checked_add(Duration::days(days)).unwrap_or(date)
}

fn first_monday(year: i32, month: Month) -> Option<Date> {
    let first = Date::from_calendar_date(year, month, 1).ok()?;
    let offset = (7 + 1 - first.weekday().number_from_monday()) % 7;
    first.checked_add(Duration::days(i64::from(offset)))
}

fn last_monday(year: i32, month: Month) -> Option<Date> {
    let last = Date::from_calendar_date(year, month, month.length(year)).ok()?;
    let back = (last.weekday().number_from_monday() + 6) % 7;
    last.checked_sub(Duration::days(i64::from(back)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn holidays(year: i32) -> Vec<(Date, &'static str)> {
        bank_holidays(year)
            .into_iter()
            .map(|h| (h.date, h.name))
            .collect()
    }

    /// GOV.UK, "UK bank holidays", England and Wales.
    #[test]
    fn bank_holidays_2026() {
        assert_eq!(
            holidays(2026),
            vec![
                (date!(2026 - 01 - 01), "New Year\u{2019}s Day"),
                (date!(2026 - 04 - 03), "Good Friday"),
                (date!(2026 - 04 - 06), "Easter Monday"),
                (date!(2026 - 05 - 04), "Early May bank holiday"),
                (date!(2026 - 05 - 25), "Spring bank holiday"),
                (date!(2026 - 08 - 31), "Summer bank holiday"),
                (date!(2026 - 12 - 25), "Christmas Day"),
                // Boxing Day 2026 is a Saturday: the substitute is Monday 28 December.
                (date!(2026 - 12 - 28), "Boxing Day"),
            ]
        );
    }

    #[test]
    fn bank_holidays_2027() {
        assert_eq!(
            holidays(2027),
            vec![
                (date!(2027 - 01 - 01), "New Year\u{2019}s Day"),
                (date!(2027 - 03 - 26), "Good Friday"),
                (date!(2027 - 03 - 29), "Easter Monday"),
                (date!(2027 - 05 - 03), "Early May bank holiday"),
                (date!(2027 - 05 - 31), "Spring bank holiday"),
                (date!(2027 - 08 - 30), "Summer bank holiday"),
                // Christmas Day is a Saturday and Boxing Day a Sunday.
                (date!(2027 - 12 - 27), "Christmas Day"),
                (date!(2027 - 12 - 28), "Boxing Day"),
            ]
        );
    }

    #[test]
    fn bank_holidays_2028() {
        assert_eq!(
            holidays(2028),
            vec![
                // New Year's Day 2028 is a Saturday: the substitute is Monday 3 January.
                (date!(2028 - 01 - 03), "New Year\u{2019}s Day"),
                (date!(2028 - 04 - 14), "Good Friday"),
                (date!(2028 - 04 - 17), "Easter Monday"),
                (date!(2028 - 05 - 01), "Early May bank holiday"),
                (date!(2028 - 05 - 29), "Spring bank holiday"),
                (date!(2028 - 08 - 28), "Summer bank holiday"),
                (date!(2028 - 12 - 25), "Christmas Day"),
                (date!(2028 - 12 - 26), "Boxing Day"),
            ]
        );
    }

    /// Christmas on a Sunday (2022): Boxing Day stays on Monday 26, and Christmas Day's
    /// substitute is Tuesday 27 December. Christmas on a Friday (2026): Boxing Day's
    /// substitute is the Monday.
    #[test]
    fn christmas_substitutes_in_every_weekday_arrangement() {
        let christmas = |year| {
            bank_holidays(year)
                .into_iter()
                .filter(|h| h.date.month() == Month::December)
                .map(|h| h.date)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            christmas(2022),
            vec![date!(2022 - 12 - 26), date!(2022 - 12 - 27)]
        );
        let names: Vec<_> = bank_holidays(2022)
            .into_iter()
            .filter(|h| h.date.month() == Month::December)
            .map(|h| (h.name, h.substitute))
            .collect();
        assert_eq!(names, vec![("Boxing Day", false), ("Christmas Day", true)]);
        assert_eq!(
            christmas(2026),
            vec![date!(2026 - 12 - 25), date!(2026 - 12 - 28)]
        );
        assert_eq!(
            christmas(2027),
            vec![date!(2027 - 12 - 27), date!(2027 - 12 - 28)]
        );
        assert_eq!(
            christmas(2025),
            vec![date!(2025 - 12 - 25), date!(2025 - 12 - 26)]
        );
    }

    /// Easter Sunday against published dates, including both extremes of its range.
    #[test]
    fn easter_by_the_computus() {
        for (year, expected) in [
            (1818, date!(1818 - 03 - 22)),
            (1943, date!(1943 - 04 - 25)),
            (2000, date!(2000 - 04 - 23)),
            (2019, date!(2019 - 04 - 21)),
            (2024, date!(2024 - 03 - 31)),
            (2025, date!(2025 - 04 - 20)),
            (2026, date!(2026 - 04 - 05)),
            (2027, date!(2027 - 03 - 28)),
            (2028, date!(2028 - 04 - 16)),
            (2038, date!(2038 - 04 - 25)),
            (2285, date!(2285 - 03 - 22)),
        ] {
            assert_eq!(easter_sunday(year), expected, "{year}");
        }
    }

    #[test]
    fn proclaimed_days_replace_or_add_to_the_rules() {
        let h = holidays(2022);
        assert!(h.contains(&(date!(2022 - 06 - 02), "Spring bank holiday")));
        assert!(!h.iter().any(|(d, _)| *d == date!(2022 - 05 - 30)));
        assert!(h.iter().any(|(d, _)| *d == date!(2022 - 09 - 19)));
        assert_eq!(holidays(2022).len(), 10);
        assert!(holidays(2023)
            .iter()
            .any(|(d, _)| *d == date!(2023 - 05 - 08)));
        assert!(
            holidays(2020).contains(&(date!(2020 - 05 - 08), "Early May bank holiday (VE day)"))
        );
        assert!(!holidays(2020)
            .iter()
            .any(|(d, _)| *d == date!(2020 - 05 - 04)));
    }

    #[test]
    fn working_days_skip_weekends_and_holidays() {
        // Saturday 26 June 2027 -> Monday 28 June.
        assert_eq!(
            working_day_on_or_after(date!(2027 - 06 - 26)),
            date!(2027 - 06 - 28)
        );
        // Good Friday 2027 -> the Tuesday after Easter Monday.
        assert_eq!(
            working_day_on_or_after(date!(2027 - 03 - 26)),
            date!(2027 - 03 - 30)
        );
        // Christmas 2027 (Saturday) to Wednesday 29 December.
        assert_eq!(
            working_day_on_or_after(date!(2027 - 12 - 25)),
            date!(2027 - 12 - 29)
        );
        assert_eq!(
            working_day_on_or_before(date!(2027 - 03 - 29)),
            date!(2027 - 03 - 25)
        );
        assert_eq!(
            working_day_on_or_after(date!(2027 - 06 - 29)),
            date!(2027 - 06 - 29)
        );
        assert_eq!(
            add_working_days(date!(2027 - 03 - 19), 5),
            date!(2027 - 03 - 30)
        );
        assert_eq!(
            add_working_days(date!(2027 - 06 - 28), 0),
            date!(2027 - 06 - 28)
        );
        assert!(!is_working_day(date!(2027 - 08 - 30)));
        assert!(is_working_day(date!(2027 - 08 - 31)));
    }

    #[test]
    fn reasons_a_day_is_not_a_working_day() {
        assert_eq!(
            why_not_working(date!(2027 - 06 - 26)).as_deref(),
            Some("a Saturday")
        );
        assert_eq!(
            why_not_working(date!(2027 - 08 - 30)).as_deref(),
            Some("the summer bank holiday")
        );
        assert_eq!(
            why_not_working(date!(2027 - 03 - 29)).as_deref(),
            Some("Easter Monday")
        );
        assert_eq!(why_not_working(date!(2027 - 06 - 28)), None);
    }
}
