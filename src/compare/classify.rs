//! What a change to a clause does to the commitment: the point of `compare`.
//!
//! Each aligned pair of texts is read with the engine's extractors ([`crate::extract`]), the
//! same ones that proof drafts, and every difference they see becomes one [`Reason`] with an
//! [`Effect`] and a line a person can check ("minimum consultation period reduced from 84
//! to 56 days"):
//!
//! | what changed | read with | effect |
//! |---|---|---|
//! | a stated period, shorter or longer | [`find_durations`] (days by the contract's rule) | shorter minimum: weakens; longer: strengthens; the reverse for limits ("within 20 days") |
//! | a period's qualifier ("at least" → "up to") | [`find_durations`] | towards a limit or an estimate: weakens |
//! | a period given by dates ("3 March to 14 April"), shorter or longer | [`find_date_ranges`] | shorter: weakens; longer: strengthens |
//! | a date, changed, added or removed | [`find_dates`] | neutral (said, not judged) |
//! | a hedge added or removed ("will seek to", "may", "where possible", "normally") | [`find_hedges`] | added: weakens; removed: strengthens; one hedge for another: neutral |
//! | a negation ("will not consult") | [`find_negations`] | added: weakens; removed: strengthens |
//! | a get-out ("apart from in exceptional circumstances", "unless ...") | [`find_justifications`] and exception words | added: weakens; removed: strengthens |
//! | an alternative added to or dropped from a coordinated list ("when ending" → "when changing or ending") | the word diff | added: broadens; dropped: narrows |
//! | protected characteristics named | [`find_characteristics`] | added: broadens; dropped: narrows |
//!
//! The class of a change is the first of weakened, narrowed, strengthened, broadened that any
//! reason has (a loss is reported before a gain, so a reviewer never misses one); with none,
//! a change in wording is `reworded` and a clause with the same words in another place or
//! under another number is `moved`. Who a clause binds ([`super::party`]) is a reason of its
//! own but does not change the class.

use super::diff::{word_edits, Op};
use crate::document::ByteSpan;
use crate::extract::{
    find_characteristics, find_date_ranges, find_dates, find_durations, find_hedges,
    find_justifications, find_negations, most_common_year, DateMatch, DateRange, Duration,
    HedgeKind, MarkerKind, ProtectedCharacteristic, Qualifier,
};
use regex::Regex;
use std::sync::LazyLock;

/// What a difference does to a commitment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Effect {
    Weakens,
    Strengthens,
    Broadens,
    Narrows,
    /// Worth saying, but not a change to the commitment (a hedge swapped for another, a
    /// clause renumbered, a change of the party bound).
    Neutral,
}

/// One difference, explained in one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    pub effect: Effect,
    pub text: String,
}

impl Reason {
    fn new(effect: Effect, text: impl Into<String>) -> Self {
        Reason {
            effect,
            text: text.into(),
        }
    }
}

/// Every material difference between two versions of a clause, in a fixed order: periods,
/// obligation strength, get-outs, scope, protected characteristics.
pub fn reasons(old: &str, new: &str) -> Vec<Reason> {
    let mut out = Vec::new();
    durations(old, new, &mut out);
    dates(old, new, &mut out);
    hedges(old, new, &mut out);
    negations(old, new, &mut out);
    get_outs(old, new, &mut out);
    characteristics(old, new, &mut out);
    scope(old, new, &mut out);
    out
}

/// The class the reasons give, if any is material: weakened, narrowed, strengthened,
/// broadened, in that order of precedence.
pub fn material_class(reasons: &[Reason]) -> Option<super::Class> {
    use super::Class;
    let has = |e: Effect| reasons.iter().any(|r| r.effect == e);
    if has(Effect::Weakens) {
        Some(Class::Weakened)
    } else if has(Effect::Narrows) {
        Some(Class::Narrowed)
    } else if has(Effect::Strengthens) {
        Some(Class::Strengthened)
    } else if has(Effect::Broadens) {
        Some(Class::Broadened)
    } else {
        None
    }
}

// ---------------------------------------------------------------------------------------
// Periods
// ---------------------------------------------------------------------------------------

fn durations(old: &str, new: &str, out: &mut Vec<Reason>) {
    let promised = |text: &str| -> Vec<Duration> {
        find_durations(text)
            .into_iter()
            .filter(|d| !d.in_past)
            .collect()
    };
    let mut olds = promised(old);
    let mut news = promised(new);
    // Periods stated alike in both are no change: first those written alike, then those
    // with the same days, so "12 weeks ... 12-week" against "8 weeks ... 12-week" pairs the
    // two "12-week"s and reports 12 weeks → 8 weeks.
    for written_alike in [true, false] {
        olds.retain(|o| {
            let same = |n: &Duration| {
                n.days == o.days
                    && n.qualifier == o.qualifier
                    && n.upper_days == o.upper_days
                    && (!written_alike || written(new, n) == written(old, o))
            };
            match news.iter().position(same) {
                Some(k) => {
                    news.remove(k);
                    false
                }
                None => true,
            }
        });
    }
    let paired = olds.len().min(news.len());
    for (o, n) in olds.iter().zip(news.iter()) {
        let was = written(old, o);
        let now = written(new, n);
        let noun = period_noun(old, o.span);
        let limit = o.qualifier == Qualifier::Maximum && n.qualifier == Qualifier::Maximum;
        if o.days != n.days {
            let longer = n.days > o.days;
            let effect = match (limit, longer) {
                (true, true) | (false, false) => Effect::Weakens,
                _ => Effect::Strengthens,
            };
            let kind = if limit {
                "maximum "
            } else if o.qualifier == Qualifier::Minimum || noun != "period" {
                "minimum "
            } else {
                ""
            };
            let verb = if longer { "increased" } else { "reduced" };
            out.push(Reason::new(
                effect,
                format!(
                    "{kind}{noun} {verb} from {} to {} days (\"{was}\" → \"{now}\")",
                    o.days, n.days
                ),
            ));
        } else if o.qualifier != n.qualifier {
            let rank = |q: Qualifier| match q {
                Qualifier::Minimum => 3,
                Qualifier::Exact => 2,
                Qualifier::Approximate => 1,
                Qualifier::Maximum => 0,
            };
            let (effect, what) = if rank(n.qualifier) < rank(o.qualifier) {
                (Effect::Weakens, "loosened")
            } else {
                (Effect::Strengthens, "firmed up")
            };
            out.push(Reason::new(
                effect,
                format!("{noun} {what}: \"{was}\" → \"{now}\""),
            ));
        }
    }
    for o in &olds[paired..] {
        out.push(Reason::new(
            Effect::Weakens,
            format!(
                "{} of {} days removed (\"{}\")",
                period_noun(old, o.span),
                o.days,
                written(old, o)
            ),
        ));
    }
    for n in &news[paired..] {
        out.push(Reason::new(
            Effect::Strengthens,
            format!(
                "{} of {} days added (\"{}\")",
                period_noun(new, n.span),
                n.days,
                written(new, n)
            ),
        ));
    }
}

/// A period's words as written, white space collapsed.
fn written(text: &str, d: &Duration) -> String {
    words_at(text, d.span)
}

/// The words under a span, white space collapsed.
fn words_at(text: &str, span: ByteSpan) -> String {
    text.get(span.start..span.end)
        .map(super::clauses::collapse)
        .unwrap_or_default()
}

/// "consultation period", "notice period" or "period", from the words near the period.
fn period_noun(text: &str, span: ByteSpan) -> &'static str {
    let lower = text.to_lowercase();
    if lower.len() != text.len() {
        // Lower-casing changed byte lengths: search without a window.
        return noun_in(&lower);
    }
    let start = floor(&lower, span.start.saturating_sub(60));
    let end = floor(&lower, (span.end + 60).min(lower.len()));
    noun_in(&lower[start..end])
}

fn noun_in(window: &str) -> &'static str {
    let consult = window.find("consult");
    let notice = window.find("notice");
    match (consult, notice) {
        (Some(_), None) => "consultation period",
        (None, Some(_)) => "notice period",
        (Some(c), Some(n)) if c <= n => "consultation period",
        (Some(_), Some(_)) => "notice period",
        (None, None) => "period",
    }
}

fn floor(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Periods given by dates, and dates themselves.
fn dates(old: &str, new: &str, out: &mut Vec<Reason>) {
    let year = most_common_year(old).or_else(|| most_common_year(new));
    let (old_ranges, new_ranges) = (find_date_ranges(old, year), find_date_ranges(new, year));
    let same_range =
        |a: &DateRange, b: &DateRange| a.days == b.days && same_date(&a.start, &b.start);
    let (removed, added) = difference(old_ranges.clone(), new_ranges.clone(), same_range);
    let paired = removed.len().min(added.len());
    for (o, n) in removed.iter().zip(added.iter()) {
        if o.days == n.days {
            out.push(Reason::new(
                Effect::Neutral,
                format!(
                    "dates changed: \"{}\" → \"{}\"",
                    words_at(old, o.span),
                    words_at(new, n.span)
                ),
            ));
            continue;
        }
        let longer = n.days > o.days;
        let (effect, verb) = if longer {
            (Effect::Strengthens, "increased")
        } else {
            (Effect::Weakens, "reduced")
        };
        out.push(Reason::new(
            effect,
            format!(
                "{} {verb} from {} to {} days (\"{}\" → \"{}\")",
                period_noun(old, o.span),
                o.days,
                n.days,
                words_at(old, o.span),
                words_at(new, n.span)
            ),
        ));
    }
    for o in &removed[paired..] {
        out.push(Reason::new(
            Effect::Neutral,
            format!("dates removed: \"{}\"", words_at(old, o.span)),
        ));
    }
    for n in &added[paired..] {
        out.push(Reason::new(
            Effect::Neutral,
            format!("dates added: \"{}\"", words_at(new, n.span)),
        ));
    }
    // Single dates outside any range.
    let single = |text: &str, ranges: &[DateRange]| -> Vec<DateMatch> {
        find_dates(text, year)
            .into_iter()
            .filter(|d| !ranges.iter().any(|r| r.span.overlaps(d.span)))
            .collect()
    };
    let (removed, added) = difference(
        single(old, &old_ranges),
        single(new, &new_ranges),
        same_date,
    );
    let paired = removed.len().min(added.len());
    for (o, n) in removed.iter().zip(added.iter()) {
        out.push(Reason::new(
            Effect::Neutral,
            format!(
                "date changed: \"{}\" → \"{}\"",
                words_at(old, o.span),
                words_at(new, n.span)
            ),
        ));
    }
    for o in &removed[paired..] {
        out.push(Reason::new(
            Effect::Neutral,
            format!("date removed: \"{}\"", words_at(old, o.span)),
        ));
    }
    for n in &added[paired..] {
        out.push(Reason::new(
            Effect::Neutral,
            format!("date added: \"{}\"", words_at(new, n.span)),
        ));
    }
}

fn same_date(a: &DateMatch, b: &DateMatch) -> bool {
    a.day == b.day && a.month == b.month && a.year == b.year
}

// ---------------------------------------------------------------------------------------
// Obligation strength
// ---------------------------------------------------------------------------------------

fn hedges(old: &str, new: &str, out: &mut Vec<Reason>) {
    let found = |text: &str| -> Vec<(HedgeKind, String)> {
        find_hedges(text)
            .into_iter()
            .filter_map(|m| match m.kind {
                MarkerKind::Hedge(kind) => Some((kind, phrase(text, m.span.start, m.span.end))),
                _ => None,
            })
            .collect()
    };
    let (removed, added) = difference(found(old), found(new), |a, b| a.1 == b.1);
    let swapped = removed.len().min(added.len());
    for (r, a) in removed.iter().zip(added.iter()) {
        out.push(Reason::new(
            Effect::Neutral,
            format!("hedge changed: \"{}\" → \"{}\"", r.1, a.1),
        ));
    }
    for (kind, words) in &added[swapped..] {
        let text = match kind {
            HedgeKind::Conditional => format!("get-out added: \"{words}\""),
            HedgeKind::Modal => format!("obligation softened: \"{words}\" added"),
            HedgeKind::Aspiration => format!("obligation hedged: \"{words}\" added"),
            HedgeKind::Usually => format!("obligation qualified: \"{words}\" added"),
        };
        out.push(Reason::new(Effect::Weakens, text));
    }
    for (kind, words) in &removed[swapped..] {
        let text = match kind {
            HedgeKind::Conditional => format!("get-out removed: \"{words}\""),
            _ => format!("hedge removed: \"{words}\""),
        };
        out.push(Reason::new(Effect::Strengthens, text));
    }
}

fn negations(old: &str, new: &str, out: &mut Vec<Reason>) {
    let found = |text: &str| -> Vec<(MarkerKind, String)> {
        find_negations(text)
            .into_iter()
            .map(|m| (m.kind, phrase(text, m.span.start, m.span.end)))
            .collect()
    };
    let (removed, added) = difference(found(old), found(new), |a, b| a.0 == b.0);
    if removed.is_empty() && added.is_empty() {
        // None of the negations the extractor knows changed; a bare "not" put after (or
        // taken from) a modal or auxiliary still turns an undertaking round ("Everyone
        // will not be told the outcome").
        bare_negations(old, new, out);
    }
    for (_, words) in added {
        out.push(Reason::new(
            Effect::Weakens,
            format!("undertaking negated: \"{words}\""),
        ));
    }
    for (_, words) in removed {
        out.push(Reason::new(
            Effect::Strengthens,
            format!("negation removed: \"{words}\""),
        ));
    }
}

/// Words that negate what follows them.
const NEGATORS: &[&[&str]] = &[&["not"], &["no", "longer"], &["never"]];

/// Modals and auxiliaries a negator turns round: "will not", "must never", "is no longer".
const AUXILIARIES: &[&str] = &[
    "will", "shall", "must", "should", "may", "can", "would", "could", "is", "are", "be", "do",
    "does", "was", "were", "has", "have",
];

fn bare_negations(old: &str, new: &str, out: &mut Vec<Reason>) {
    for edit in word_edits(old, new) {
        let negates = NEGATORS
            .iter()
            .any(|n| edit.keys.iter().map(String::as_str).eq(n.iter().copied()))
            && edit
                .before
                .as_deref()
                .is_some_and(|b| AUXILIARIES.contains(&b));
        if !negates {
            continue;
        }
        let words = super::clauses::collapse(&edit.context);
        let reason = match edit.op {
            Op::Insert => Reason::new(Effect::Weakens, format!("undertaking negated: \"{words}\"")),
            Op::Delete => Reason::new(
                Effect::Strengthens,
                format!("negation removed: \"{words}\""),
            ),
            Op::Equal => continue,
        };
        out.push(reason);
    }
}

/// Justifications that excuse a promise rather than explain it.
const GET_OUT_WORDS: &[&str] = &[
    "exceptional",
    "urgen",
    "emergenc",
    "unforeseen",
    "unavoidable",
];

/// Words that open an exception: "apart from in", "unless", "except where".
static EXCEPTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:apart\s+from(?:\s+in|\s+where|\s+when)?|except(?:\s+in|\s+where|\s+when|\s+for)?|unless|save\s+(?:in|where|for)|other\s+than\s+in)\b",
    )
    .expect("exception pattern compiles")
});

fn get_outs(old: &str, new: &str, out: &mut Vec<Reason>) {
    let (removed, added) = difference(find_get_outs(old), find_get_outs(new), |a, b| a.0 == b.0);
    for (_, words) in added {
        out.push(Reason::new(
            Effect::Weakens,
            format!("get-out added: \"{words}\""),
        ));
    }
    for (_, words) in removed {
        out.push(Reason::new(
            Effect::Strengthens,
            format!("get-out removed: \"{words}\""),
        ));
    }
}

/// Get-outs as (key, words as shown): an exception word joined to the justification it
/// opens ("apart from in exceptional circumstances"), a justification alone, or an
/// exception word with the four words after it ("unless the Council decides otherwise").
fn find_get_outs(text: &str) -> Vec<(String, String)> {
    let exceptions: Vec<(usize, usize)> = EXCEPTION
        .find_iter(text)
        .map(|m| (m.start(), m.end()))
        .collect();
    let mut used = vec![false; exceptions.len()];
    let mut out = Vec::new();
    for m in find_justifications(text) {
        let key = phrase(text, m.span.start, m.span.end);
        if !GET_OUT_WORDS.iter().any(|w| key.contains(w)) {
            continue;
        }
        // An exception word just before it belongs to it.
        let mut start = m.span.start;
        if let Some(k) = exceptions
            .iter()
            .position(|&(s, e)| e <= m.span.start && m.span.start - e <= 24 && s < m.span.start)
        {
            used[k] = true;
            start = exceptions[k].0;
        }
        out.push((key, phrase(text, start, m.span.end)));
    }
    for (k, &(s, e)) in exceptions.iter().enumerate() {
        if used[k] {
            continue;
        }
        let key = phrase(text, s, e);
        // The next few words, up to the end of the clause or sentence.
        let mut rest: Vec<&str> = Vec::new();
        for word in text[e..].split_whitespace().take(4) {
            let bare = word.trim_end_matches([',', '.', ';', ':', ')']);
            if !bare.is_empty() {
                rest.push(bare);
            }
            if bare.len() < word.len() {
                break;
            }
        }
        let shown = format!("{key} {} …", rest.join(" "));
        out.push((key, shown));
    }
    out
}

// ---------------------------------------------------------------------------------------
// Scope
// ---------------------------------------------------------------------------------------

/// Words that join the members of a list.
const COORDINATORS: &[&str] = &["or", "and", "and/or", ",", "/"];

/// Words that are not alternatives in a list, even between coordinators.
const NOT_MEMBERS: &[&str] = &[
    "not", "no", "never", "will", "may", "must", "shall", "should", "is", "are", "be",
];

fn scope(old: &str, new: &str, out: &mut Vec<Reason>) {
    for edit in word_edits(old, new) {
        let Some(members) = list_members(&edit.keys) else {
            continue;
        };
        // Characteristics, hedges and periods have reasons of their own.
        if !find_characteristics(&edit.text).is_empty()
            || !find_hedges(&edit.text).is_empty()
            || members
                .iter()
                .any(|w| w.chars().any(|c| c.is_ascii_digit()))
        {
            continue;
        }
        let (effect, verb, label) = match edit.op {
            Op::Insert => (Effect::Broadens, "added", "broadened"),
            Op::Delete => (Effect::Narrows, "dropped", "narrowed"),
            Op::Equal => continue,
        };
        out.push(Reason::new(
            effect,
            format!(
                "scope {label}: \"{}\" {verb} (\"{}\")",
                edit.text
                    .trim_matches(|c: char| c == ',' || c.is_whitespace()),
                super::clauses::collapse(&edit.context)
            ),
        ));
    }
}

/// The list members in an inserted or deleted run of words, when it is one to four words
/// joined on by a coordinator ("changing or", "or other support", ", members").
fn list_members(keys: &[String]) -> Option<Vec<String>> {
    let is_coord = |k: &String| COORDINATORS.contains(&k.as_str());
    let lead = keys.iter().take_while(|k| is_coord(k)).count();
    let trail = keys[lead..]
        .iter()
        .rev()
        .take_while(|k| is_coord(k))
        .count();
    if lead + trail == 0 {
        return None;
    }
    let members = &keys[lead..keys.len() - trail];
    let words_only = members.iter().all(|k| {
        k.chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '\'')
            && !NOT_MEMBERS.contains(&k.as_str())
    });
    (!members.is_empty() && members.len() <= 4 && words_only).then(|| members.to_vec())
}

// ---------------------------------------------------------------------------------------
// Protected characteristics
// ---------------------------------------------------------------------------------------

fn characteristics(old: &str, new: &str, out: &mut Vec<Reason>) {
    let named = |text: &str| -> Vec<ProtectedCharacteristic> {
        let mut all: Vec<ProtectedCharacteristic> = find_characteristics(text)
            .into_iter()
            .map(|m| m.characteristic)
            .collect();
        all.sort();
        all.dedup();
        all
    };
    let (was, now) = (named(old), named(new));
    let dropped: Vec<&str> = was
        .iter()
        .filter(|c| !now.contains(c))
        .map(|c| c.name())
        .collect();
    let added: Vec<&str> = now
        .iter()
        .filter(|c| !was.contains(c))
        .map(|c| c.name())
        .collect();
    if !dropped.is_empty() {
        out.push(Reason::new(
            Effect::Narrows,
            format!("protected characteristics dropped: {}", dropped.join(", ")),
        ));
    }
    if !added.is_empty() {
        out.push(Reason::new(
            Effect::Broadens,
            format!("protected characteristics added: {}", added.join(", ")),
        ));
    }
}

// ---------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------

/// Lower-cased words between two offsets, white space collapsed, quotes straightened.
fn phrase(text: &str, start: usize, end: usize) -> String {
    text.get(start..end)
        .map(|s| {
            super::clauses::collapse(s)
                .replace(['’', '‘'], "'")
                .to_lowercase()
        })
        .unwrap_or_default()
}

/// The multiset difference: what is only in `old` and what is only in `new`, in order.
fn difference<T>(old: Vec<T>, mut new: Vec<T>, same: impl Fn(&T, &T) -> bool) -> (Vec<T>, Vec<T>) {
    let mut removed = Vec::new();
    for o in old {
        match new.iter().position(|n| same(&o, n)) {
            Some(k) => {
                new.remove(k);
            }
            None => removed.push(o),
        }
    }
    (removed, new)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::Class;

    #[track_caller]
    fn assert_change(old: &str, new: &str, class: Option<Class>, reason: &str) {
        let reasons = reasons(old, new);
        let texts: Vec<&str> = reasons.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(material_class(&reasons), class, "{texts:?}");
        assert!(
            texts.iter().any(|t| t.contains(reason)),
            "no reason containing {reason:?} in {texts:?}"
        );
    }

    #[test]
    fn shorter_consultation_is_weaker() {
        assert_change(
            "Conduct 12-week formal written consultations.",
            "Conduct 8-week formal written consultations.",
            Some(Class::Weakened),
            "minimum consultation period reduced from 84 to 56 days (\"12-week\" → \"8-week\")",
        );
    }

    #[test]
    fn a_changed_period_is_paired_with_its_own_words_not_an_equal_one() {
        assert_change(
            "The consultation will last 12 weeks. This meets the undertaking to conduct \
             12-week formal written consultations.",
            "The consultation will last 8 weeks. This meets the undertaking to conduct \
             12-week formal written consultations.",
            Some(Class::Weakened),
            "reduced from 84 to 56 days (\"12 weeks\" → \"8 weeks\")",
        );
    }

    #[test]
    fn longer_notice_is_stronger() {
        assert_change(
            "Give a minimum of three months' notice in writing.",
            "Give a minimum of six months' notice in writing.",
            Some(Class::Strengthened),
            "minimum notice period increased from 90 to 180 days",
        );
    }

    #[test]
    fn a_shorter_limit_is_stronger() {
        assert_change(
            "Respond to complaints within 20 working days.",
            "Respond to complaints within 10 working days.",
            Some(Class::Strengthened),
            "maximum period reduced from 28 to 14 days",
        );
    }

    #[test]
    fn hedges_and_get_outs() {
        assert_change(
            "The Council will consult the sector.",
            "The Council will seek to consult the sector.",
            Some(Class::Weakened),
            "obligation hedged: \"will seek to\" added",
        );
        assert_change(
            "Give three months' notice when ending funding.",
            "Give three months' notice when ending funding, apart from in exceptional circumstances.",
            Some(Class::Weakened),
            "get-out added: \"apart from in exceptional circumstances\"",
        );
        assert_change(
            "Give early notice, where possible, of consultations.",
            "Give early notice of consultations.",
            Some(Class::Strengthened),
            "get-out removed: \"where possible\"",
        );
        assert_change(
            "Give early notice, where possible, of consultations.",
            "Give early notice, where practicable, of consultations.",
            None,
            "hedge changed: \"where possible\" → \"where practicable\"",
        );
        assert_change(
            "Funding will end with notice.",
            "Funding will end unless the Council decides otherwise.",
            Some(Class::Weakened),
            "get-out added: \"unless the Council decides otherwise …\"",
        );
    }

    #[test]
    fn a_bare_not_after_a_modal_negates_the_undertaking() {
        assert_change(
            "Everyone who takes part will be told the outcome.",
            "Everyone who takes part will not be told the outcome.",
            Some(Class::Weakened),
            "undertaking negated: \"will not be\"",
        );
        assert_change(
            "The Council will not consult on the changes.",
            "The Council will consult on the changes.",
            Some(Class::Strengthened),
            "negation removed: \"not consult\"",
        );
        // "not" elsewhere is not a negated undertaking.
        assert!(reasons("Funding, but not grants.", "Funding, not grants.").is_empty());
    }

    #[test]
    fn lists_of_alternatives_broaden_and_narrow() {
        assert_change(
            "Give notice when ending a funding relationship.",
            "Give notice when changing or ending a funding relationship.",
            Some(Class::Broadened),
            "scope broadened: \"changing or\" added (\"when changing or ending\")",
        );
        assert_change(
            "Ending a funding relationship or other support.",
            "Ending a funding relationship.",
            Some(Class::Narrowed),
            "scope narrowed: \"or other support\" dropped",
        );
    }

    #[test]
    fn protected_characteristics() {
        assert_change(
            "Assess impact on age, disability, race, religion or belief and sexual orientation.",
            "Assess impact on age, disability and race.",
            Some(Class::Narrowed),
            "protected characteristics dropped: religion or belief, sexual orientation",
        );
    }

    #[test]
    fn periods_given_by_dates() {
        assert_change(
            "The consultation will run from 3 March to 14 April 2027.",
            "The consultation will run from 3 March to 31 March 2027.",
            Some(Class::Weakened),
            "consultation period reduced from 42 to 28 days (\"from 3 March to 14 April 2027\"",
        );
        assert_change(
            "Funding ends on 31 March 2027.",
            "Funding ends on 31 December 2026.",
            None,
            "date changed: \"31 March 2027\" → \"31 December 2026\"",
        );
    }

    #[test]
    fn no_reasons_for_typography() {
        assert!(reasons("Give three months’ notice.", "Give three months' notice.").is_empty());
    }
}
