//! Presenting a [`Comparison`]: terminal, JSON, Markdown and HTML, one file each.
//!
//! Like the proofing report's renderers ([`crate::render`]), these are pure functions from a
//! comparison and the two inputs' names to text: they never read files, compare or print,
//! and the same inputs give the same output. Only the terminal format uses colour, and only
//! when [`CompareOptions::color`] says so; the CLI decides (a terminal, no `NO_COLOR`).
//!
//! What each format lists: a summary of counts by class, then every material change
//! (weakened, strengthened, broadened, narrowed, removed, added) with its old and new text,
//! the changed words marked and one line per reason, then the changes that are not material
//! (reworded, moved). Unchanged clauses are listed only with [`CompareOptions::all`]. The
//! JSON contract, `compactproof.compare.v1`, is documented in `docs/compare-json.md`.

pub mod html;
pub mod json;
pub mod markdown;
pub mod terminal;

use super::{Change, Class, ClauseLocation, Comparison};
use crate::document::Format;
use std::fmt;

/// One of the two versions, as the report names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Version<'a> {
    /// The path as given on the command line.
    pub path: &'a str,
    /// The format it was read as.
    pub format: Format,
}

/// A comparison with the names of its two versions: what every renderer reads.
#[derive(Debug, Clone, Copy)]
pub struct CompareReport<'a> {
    pub old: Version<'a>,
    pub new: Version<'a>,
    pub comparison: &'a Comparison,
}

/// How to render.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CompareOptions {
    /// Terminal only: ANSI colour for classes and changed words.
    pub color: bool,
    /// List unchanged clauses too.
    pub all: bool,
}

/// The formats `compare --format` offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CompareFormat {
    Terminal,
    Json,
    Markdown,
    Html,
}

impl CompareFormat {
    pub const ALL: [CompareFormat; 4] = [
        CompareFormat::Terminal,
        CompareFormat::Json,
        CompareFormat::Markdown,
        CompareFormat::Html,
    ];

    /// The name used on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            CompareFormat::Terminal => "terminal",
            CompareFormat::Json => "json",
            CompareFormat::Markdown => "markdown",
            CompareFormat::Html => "html",
        }
    }
}

impl fmt::Display for CompareFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Render a comparison. Never fails; the output ends with a newline.
pub fn render(
    format: CompareFormat,
    report: &CompareReport<'_>,
    options: &CompareOptions,
) -> String {
    match format {
        CompareFormat::Terminal => terminal::render(report, options),
        CompareFormat::Json => json::render(report, options),
        CompareFormat::Markdown => markdown::render(report, options),
        CompareFormat::Html => html::render(report, options),
    }
}

// ---------------------------------------------------------------------------------------
// Helpers shared by the renderers.
// ---------------------------------------------------------------------------------------

/// The listed changes split into material ones and the rest, each in reading order.
pub(crate) fn partition<'a>(
    comparison: &'a Comparison,
    options: &CompareOptions,
) -> (Vec<&'a Change>, Vec<&'a Change>) {
    comparison
        .listed(options.all)
        .partition(|c| c.class.is_material())
}

/// "3 weakened, 1 added" for the classes with changes (unchanged only when listed), or
/// "no changes".
pub(crate) fn counts_line(comparison: &Comparison, all: bool) -> String {
    let parts: Vec<String> = comparison
        .summary()
        .into_iter()
        .filter(|(class, n)| *n > 0 && (all || *class != Class::Unchanged))
        .map(|(class, n)| format!("{n} {class}"))
        .collect();
    if parts.is_empty() {
        "no changes".to_string()
    } else {
        parts.join(", ")
    }
}

/// "Weakened", "Reworded".
pub(crate) fn class_title(class: Class) -> &'static str {
    match class {
        Class::Weakened => "Weakened",
        Class::Strengthened => "Strengthened",
        Class::Broadened => "Broadened",
        Class::Narrowed => "Narrowed",
        Class::Removed => "Removed",
        Class::Added => "Added",
        Class::Reworded => "Reworded",
        Class::Moved => "Moved",
        Class::Unchanged => "Unchanged",
    }
}

/// "2.4", "2.4 → 2.5", "2.4 (removed)", "(added) 4.6": which clause a change is about.
pub(crate) fn change_label(change: &Change) -> String {
    match (change.old_id(), change.new_id()) {
        (Some(a), Some(b)) if a == b => a,
        (Some(a), Some(b)) => format!("{a} → {b}"),
        (Some(a), None) => a,
        (None, Some(b)) => b,
        (None, None) => String::new(),
    }
}

/// "page 2, line 14", "line 23", "paragraph 14": where to look, by what the format knows.
pub(crate) fn location_words(location: &ClauseLocation, format: Format) -> String {
    let mut parts = Vec::new();
    if let Some(page) = location.page {
        parts.push(format!("page {page}"));
    }
    match format {
        Format::Docx if location.paragraph > 0 => {
            parts.push(format!("paragraph {}", location.paragraph))
        }
        _ => parts.push(format!("line {}", location.line)),
    }
    parts.join(", ")
}

#[cfg(test)]
pub(crate) mod sample {
    //! One comparison with every class, for the renderers' tests and snapshots.
    use super::*;
    use crate::document::{BlockKind, DocumentBuilder};

    pub const OLD: &str = "compacts/durham-2010.txt";
    pub const NEW: &str = "compacts/durham-2024.docx";

    fn doc(format: Format, paragraphs: &[&str]) -> crate::document::Document {
        let mut b = DocumentBuilder::new(format);
        for (i, p) in paragraphs.iter().enumerate() {
            let line = (format != Format::Docx).then_some(i as u32 * 2 + 1);
            b.push(BlockKind::Paragraph, p, None, line);
        }
        b.finish()
    }

    pub fn comparison() -> Comparison {
        let old = doc(
            Format::Text,
            &[
                "Undertakings for the Public sector:",
                "2.3 Work with the VCS from the earliest possible stage.",
                "2.4 Give early notice of forthcoming consultations, where possible. Conduct \
                 12-week formal written consultations.",
                "2.5 Provide feedback to explain how respondents have influenced the policy.",
                "2.6 Assess the implications for the sector of new policies & legislation <b>.",
                "4.4 Give three months' notice in writing when ending a funding relationship.",
                "5.1 Assess impact on age, disability, race, religion or belief and sex.",
            ],
        );
        let new = doc(
            Format::Docx,
            &[
                "Undertakings for the Public sector:",
                "2.3 Work with the VCS from the earliest possible stage.",
                "2.4 Give early notice of forthcoming consultations. Conduct 8-week formal \
                 written consultations, apart from in exceptional circumstances.",
                "2.5 Provide feedback to explain how the respondents influenced the policy.",
                "4.4 Give three months' notice in writing when changing or ending a funding \
                 relationship.",
                "5.1 Assess impact on age, disability and race.",
                "5.2 Publish an annual report on the Compact.",
            ],
        );
        super::super::compare(&old, &new)
    }

    pub fn report(comparison: &Comparison) -> CompareReport<'_> {
        CompareReport {
            old: Version {
                path: OLD,
                format: Format::Text,
            },
            new: Version {
                path: NEW,
                format: Format::Docx,
            },
            comparison,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sample_has_every_kind_of_change() {
        let c = sample::comparison();
        let got: Vec<(String, Class)> = c
            .listed(false)
            .map(|x| (change_label(x), x.class))
            .collect();
        assert_eq!(
            got,
            vec![
                ("2.4".to_string(), Class::Weakened),
                ("2.5".to_string(), Class::Reworded),
                ("2.6".to_string(), Class::Removed),
                ("4.4".to_string(), Class::Broadened),
                ("5.1".to_string(), Class::Narrowed),
                ("5.2".to_string(), Class::Added),
            ]
        );
    }

    #[test]
    fn every_format_renders_without_panicking() {
        let c = sample::comparison();
        let report = sample::report(&c);
        for format in CompareFormat::ALL {
            for all in [false, true] {
                for color in [false, true] {
                    let out = render(format, &report, &CompareOptions { color, all });
                    assert!(out.ends_with('\n'), "{format}");
                    if format != CompareFormat::Terminal || !color {
                        assert!(!out.contains('\u{1b}'), "{format} has ANSI escapes");
                    }
                }
            }
        }
    }
}
