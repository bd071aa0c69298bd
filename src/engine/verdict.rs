//! From findings to one verdict per reported theme.
//!
//! `docs/themes.md` fixes the rule: a theme's verdict is its worst applicable finding
//! (conflict, short, missing, weak, met, in that order), and `days` is the stated period
//! that verdict rests on. A theme with no applicable finding is `not-applicable`.

use crate::findings::{Evidence, Finding, Status, ThemeVerdict};
use crate::lexicon::Theme;

/// The verdict for `theme` over `findings`. `trigger` is the sentence that shows the theme
/// applies, when it does.
pub fn theme_verdict(
    theme: Theme,
    findings: &[Finding],
    trigger: Option<Evidence>,
) -> ThemeVerdict {
    let in_theme: Vec<&Finding> = findings.iter().filter(|f| f.theme == theme).collect();
    let worst = in_theme
        .iter()
        .filter(|f| f.status != Status::NotApplicable)
        .max_by_key(|f| (f.status.rank(), f.days.is_some()));
    match worst {
        None => ThemeVerdict {
            applies: false,
            status: Status::NotApplicable,
            days: None,
            required_days: None,
            trigger: None,
            evidence: None,
        },
        Some(finding) => {
            // The stated period: the worst finding's, or else any period finding's in the
            // theme (a verdict of `missing` for want of reasons still rests on a period).
            let period = in_theme
                .iter()
                .filter(|f| f.status == finding.status)
                .find(|f| f.days.is_some())
                .copied()
                .unwrap_or(finding);
            let days = match finding.status {
                Status::Met | Status::Short => period.days,
                _ => None,
            };
            ThemeVerdict {
                applies: true,
                status: finding.status,
                days,
                required_days: period.required_days,
                trigger,
                evidence: finding
                    .location
                    .zip(finding.evidence.clone())
                    .map(|(location, text)| Evidence { text, location }),
            }
        }
    }
}
