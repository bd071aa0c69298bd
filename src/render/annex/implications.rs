//! The "Compact implications" paragraph: a few plain sentences, generated from the theme
//! verdicts and findings, that a report author can put in the report's "Reasons for the
//! decision" section.
//!
//! It names the compact(s), says which undertakings the proposals engage, states each
//! shortfall in words a councillor reads without a glossary ("The six-week consultation
//! proposed is shorter than the twelve weeks the Compact asks for and no reason is given"),
//! then what is met. The reference-to-the-Compact theme is left out on purpose: the
//! paragraph itself is that reference once it is in the report.

use super::counted;
use crate::findings::{CompactRef, DocumentReport, Finding, Status, ThemeVerdict};
use crate::lexicon::Theme;
use crate::render::join_and;

/// The paragraph for a report.
pub(super) fn paragraph(report: &DocumentReport) -> String {
    let voice = Voice::new(&report.compacts);
    let mut engaged: Vec<Theme> = Vec::new();
    let mut met: Vec<Theme> = Vec::new();
    let mut problems: Vec<String> = Vec::new();

    for (theme, verdict) in &report.themes {
        if *theme == Theme::CompactReference || !applies(verdict) {
            continue;
        }
        engaged.push(*theme);
        let findings = problem_findings(report, *theme);
        if verdict.status == Status::Met || (!verdict.status.is_problem() && findings.is_empty()) {
            met.push(*theme);
        } else {
            problems.extend(theme_sentences(*theme, verdict, &findings, &voice));
        }
    }
    // Themes with findings but no verdict of their own (accessible information, ...).
    let mut extra: Vec<Theme> = Vec::new();
    for finding in &report.findings {
        let reported = report.themes.iter().any(|(t, _)| *t == finding.theme);
        if reported || finding.status == Status::NotApplicable || extra.contains(&finding.theme) {
            continue;
        }
        extra.push(finding.theme);
    }
    for theme in extra {
        engaged.push(theme);
        let findings = problem_findings(report, theme);
        if findings.is_empty() {
            met.push(theme);
        } else {
            problems.extend(other_sentences(theme, &findings, &voice));
        }
    }

    if engaged.is_empty() {
        return format!(
            "The proposals do not engage {} on consultation, notice of changes to funding, \
             equality or the independence of the voluntary and community sector, and have no \
             implications under the Compact that a report can show.",
            voice.undertakings
        );
    }
    let mut sentences = vec![format!(
        "The proposals engage {} on {}.",
        voice.undertakings,
        join_and(&engaged.iter().map(|t| phrase(*t)).collect::<Vec<_>>())
    )];
    let had_problems = !problems.is_empty();
    sentences.extend(problems);
    if had_problems {
        if !met.is_empty() {
            sentences.push(format!(
                "The proposals meet {} undertakings on {}.",
                voice.short_possessive,
                join_and(&met.iter().map(|t| phrase(*t)).collect::<Vec<_>>())
            ));
        }
        sentences.push(format!(
            "These points should be addressed, or the departure from {} explained, before \
             the decision is taken.",
            voice.the
        ));
    } else {
        sentences.push("The proposals meet each of these undertakings.".to_string());
    }
    sentences.join(" ")
}

/// How the paragraph names the compact(s): once in full, then as "the Compact".
struct Voice {
    /// "the County Durham Compact's undertakings", or "the undertakings of the A and the B".
    undertakings: String,
    /// "the Compact's" / "the Compacts'".
    short_possessive: &'static str,
    /// "the Compact asks for" / "the Compacts ask for".
    asks: &'static str,
    /// "the Compact" / "the Compacts".
    the: &'static str,
}

impl Voice {
    fn new(compacts: &[CompactRef]) -> Voice {
        match compacts {
            // "the County Durham Compact's undertakings", but "the undertakings of the
            // Stockton-on-Tees VCSE Compact 2018-21": a possessive after a year reads badly.
            [one] if one.title.trim_end().ends_with(|c: char| c.is_ascii_digit()) => Voice {
                undertakings: format!("the undertakings of {}", the(&one.title)),
                short_possessive: "the Compact's",
                asks: "the Compact asks for",
                the: "the Compact",
            },
            [one] => Voice {
                undertakings: format!("{}'s undertakings", the(&one.title)),
                short_possessive: "the Compact's",
                asks: "the Compact asks for",
                the: "the Compact",
            },
            _ => Voice {
                undertakings: format!("the undertakings of {}", compact_names(compacts)),
                short_possessive: "the Compacts'",
                asks: "the Compacts ask for",
                the: "the Compacts",
            },
        }
    }
}

/// "the County Durham Compact and the Redcar & Cleveland Compact", or "the Compact".
pub(super) fn compact_names(compacts: &[CompactRef]) -> String {
    if compacts.is_empty() {
        return "the Compact".to_string();
    }
    join_and(&compacts.iter().map(|c| the(&c.title)).collect::<Vec<_>>())
}

fn the(title: &str) -> String {
    let title = title.trim();
    let bare = title
        .strip_prefix("The ")
        .or_else(|| title.strip_prefix("the "))
        .unwrap_or(title);
    format!("the {bare}")
}

fn applies(verdict: &ThemeVerdict) -> bool {
    verdict.applies && verdict.status != Status::NotApplicable
}

fn problem_findings(report: &DocumentReport, theme: Theme) -> Vec<&Finding> {
    report
        .findings
        .iter()
        .filter(|f| f.theme == theme && f.status.is_problem())
        .collect()
}

/// How a theme is named in "undertakings on ...".
fn phrase(theme: Theme) -> String {
    match theme {
        Theme::Consultation => "consultation".into(),
        Theme::FundingNotice => "notice of changes to funding".into(),
        Theme::Equality => "equality".into(),
        Theme::Independence => "the independence of the voluntary and community sector".into(),
        Theme::Feedback => "feedback to consultees".into(),
        Theme::InformationSharing => "accessible information".into(),
        Theme::CompactReference => "reference to the Compact".into(),
        other => other.title().to_lowercase(),
    }
}

fn theme_sentences(
    theme: Theme,
    verdict: &ThemeVerdict,
    findings: &[&Finding],
    voice: &Voice,
) -> Vec<String> {
    let asks = voice.asks;
    match theme {
        Theme::Consultation => {
            let required = verdict
                .required_days
                .or_else(|| findings.iter().find_map(|f| f.required_days));
            let wanted = required.map(duration_noun);
            let sentence = match (verdict.status, verdict.days, wanted.as_deref()) {
                (Status::Conflict, _, _) => format!(
                    "The decision would be taken without consultation, although it affects \
                     the voluntary and community sector and {asks} consultation."
                ),
                (Status::Short, Some(0), Some(w)) => {
                    format!("No time is allowed for consultation, against the {w} {asks}.")
                }
                (Status::Short, Some(days), Some(w)) => format!(
                    "The {} consultation proposed is shorter than the {w} {asks} and no reason \
                     is given.",
                    duration_adjective(days)
                ),
                (Status::Weak, _, Some(w)) => format!(
                    "The length of the consultation is hedged rather than committed to; {asks} \
                     {w}."
                ),
                (Status::Weak, _, None) => {
                    "The consultation is hedged rather than committed to.".to_string()
                }
                (_, _, Some(w)) => {
                    format!("A consultation is proposed but its length is not stated; {asks} {w}.")
                }
                (_, _, None) => {
                    "A consultation is proposed but its length is not stated.".to_string()
                }
            };
            vec![sentence]
        }
        Theme::FundingNotice => {
            // The period first, then how the notice is given.
            let mut findings = findings.to_vec();
            findings.sort_by_key(|f| match f.id.as_str() {
                "funding-notice.period" => 0,
                "funding-notice.in-writing" => 1,
                "funding-notice.rationale" => 2,
                _ => 3,
            });
            findings
                .iter()
                .map(|f| funding_sentence(f, verdict, asks))
                .collect()
        }
        Theme::Equality => findings
            .iter()
            .map(|f| match (f.id.as_str(), f.status) {
                ("equality.characteristics", _) => "The list of protected characteristics \
                     leaves out some of the nine in the Equality Act 2010."
                    .to_string(),
                (_, Status::Weak) => {
                    "The equality impact assessment is not firmly committed to.".to_string()
                }
                _ => "No equality impact assessment is mentioned.".to_string(),
            })
            .collect(),
        Theme::Independence => vec![format!(
            "A proposed funding condition would restrict the right of funded organisations to \
             campaign or to criticise the Council, contrary to {} commitment to their \
             independence.",
            voice.short_possessive
        )],
        Theme::Feedback => vec![match verdict.status {
            Status::Weak => {
                "Feedback to consultees on the outcome is offered only as a possibility."
                    .to_string()
            }
            _ => "The report does not say how consultees will be told the outcome and how \
                  their views were taken into account."
                .to_string(),
        }],
        other => other_sentences(other, findings, voice),
    }
    .into_iter()
    .fold(Vec::new(), |mut out, s| {
        if !out.contains(&s) {
            out.push(s);
        }
        out
    })
}

fn funding_sentence(finding: &Finding, verdict: &ThemeVerdict, asks: &str) -> String {
    let required = finding
        .required_days
        .or(verdict.required_days)
        .map(|d| possessive_duration(&duration_noun(d)));
    match (finding.id.as_str(), finding.status) {
        ("funding-notice.in-writing", _) => {
            "The notice to the funded organisations is not said to be given in writing.".to_string()
        }
        ("funding-notice.rationale", _) => {
            "No reason for the funding decision is given to the organisations affected.".to_string()
        }
        (_, Status::Short) => match (finding.days.or(verdict.days), required) {
            (Some(0), Some(r)) => {
                format!("Funding would end with immediate effect, without the {r} notice {asks}.")
            }
            (Some(days), Some(r)) => format!(
                "The {} notice proposed for the funded organisations is shorter than the {r} \
                 notice {asks}.",
                duration_adjective(days)
            ),
            _ => "The notice proposed for the funded organisations is shorter than the Compact \
                  allows."
                .to_string(),
        },
        (_, Status::Weak) => {
            "The notice to the funded organisations is hedged rather than committed to.".to_string()
        }
        _ => match required {
            Some(r) => format!(
                "No notice period is stated for the funded organisations; {asks} {r} notice."
            ),
            None => "No notice period is stated for the funded organisations.".to_string(),
        },
    }
}

fn other_sentences(theme: Theme, findings: &[&Finding], voice: &Voice) -> Vec<String> {
    let accessible = findings
        .iter()
        .any(|f| f.id == "information-sharing.accessible-formats");
    if accessible {
        return vec![
            "The report does not say information will be available in accessible formats."
                .to_string(),
        ];
    }
    vec![format!(
        "The proposals do not yet meet {} undertakings on {}.",
        voice.short_possessive,
        phrase(theme)
    )]
}

/// "six-week", "one-month", "40-day".
fn duration_adjective(days: u32) -> String {
    if days >= 7 && days % 7 == 0 && days / 7 <= 20 {
        format!("{}-week", number_word(days / 7))
    } else if days >= 30 && days % 30 == 0 && days / 30 <= 12 {
        format!("{}-month", number_word(days / 30))
    } else {
        format!("{days}-day")
    }
}

/// "twelve weeks", "three months", "40 days".
fn duration_noun(days: u32) -> String {
    let plural = |n: u32, one: &str| {
        if n == 1 {
            format!("one {one}")
        } else {
            format!("{} {one}s", number_word(n))
        }
    };
    if days >= 30 && days % 30 == 0 && days / 30 <= 12 {
        plural(days / 30, "month")
    } else if days >= 7 && days % 7 == 0 && days / 7 <= 20 {
        plural(days / 7, "week")
    } else {
        counted(days as usize, "day")
    }
}

/// "three months'" from "three months"; "one month's" from "one month".
fn possessive_duration(noun: &str) -> String {
    if noun.ends_with('s') {
        format!("{noun}'")
    } else {
        format!("{noun}'s")
    }
}

fn number_word(n: u32) -> String {
    const WORDS: [&str; 21] = [
        "no",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
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
        "twenty",
    ];
    WORDS
        .get(n as usize)
        .map_or_else(|| n.to_string(), |w| (*w).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_words() {
        assert_eq!(duration_adjective(42), "six-week");
        assert_eq!(duration_adjective(30), "one-month");
        assert_eq!(duration_adjective(40), "40-day");
        assert_eq!(duration_noun(84), "twelve weeks");
        assert_eq!(duration_noun(90), "three months");
        assert_eq!(duration_noun(1), "1 day");
        assert_eq!(possessive_duration("three months"), "three months'");
        assert_eq!(possessive_duration("one month"), "one month's");
    }

    #[test]
    fn compacts_are_named_with_the() {
        let compact = |title: &str| CompactRef {
            id: "x".into(),
            title: title.into(),
            version: "1".into(),
        };
        assert_eq!(
            compact_names(&[compact("County Durham Compact")]),
            "the County Durham Compact"
        );
        assert_eq!(
            compact_names(&[compact("The Compact"), compact("B Compact"), compact("C")]),
            "the Compact, the B Compact and the C"
        );
        assert_eq!(
            Voice::new(&[compact("County Durham Compact")]).undertakings,
            "the County Durham Compact's undertakings"
        );
    }
}
