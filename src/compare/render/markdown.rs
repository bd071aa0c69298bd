//! Markdown: a comparison to paste into a committee report, an issue or a wiki.
//!
//! A table of counts by class, then one section per material change (its reasons as a
//! list, then the old and new text as quotes with deleted words ~~struck through~~ and
//! inserted words in **bold**), then a list of the changes that are not material. All
//! document text goes through [`crate::render::markdown::escape`], so a clause can never
//! open a heading, a table or a link.

use super::{
    change_label, class_title, location_words, partition, CompareOptions, CompareReport, Version,
};
use crate::compare::{Change, Clause, Op};
use crate::render::markdown::escape;
use std::fmt::Write as _;

/// Render a comparison as Markdown.
pub fn render(report: &CompareReport<'_>, options: &CompareOptions) -> String {
    let c = report.comparison;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Comparison: {} → {}\n",
        code(report.old.path),
        code(report.new.path)
    );
    let _ = writeln!(
        out,
        "Old: {} ({}, {} clauses). New: {} ({}, {} clauses).\n",
        code(report.old.path),
        report.old.format,
        c.old_clauses,
        code(report.new.path),
        report.new.format,
        c.new_clauses
    );
    out.push_str("| Class | Changes |\n|---|---:|\n");
    for (class, n) in c.summary() {
        let _ = writeln!(out, "| {} | {n} |", class_title(class));
    }
    out.push('\n');
    let (material, other) = partition(c, options);
    if material.is_empty() {
        out.push_str("No material changes.\n");
    } else {
        out.push_str("## Material changes\n");
        for (k, change) in material.iter().enumerate() {
            let _ = writeln!(
                out,
                "\n### {}. {}: {}\n",
                k + 1,
                class_title(change.class),
                code(&change_label(change))
            );
            for reason in &change.reasons {
                let _ = writeln!(out, "- {}", escape(reason));
            }
            out.push('\n');
            if !change.old.is_empty() {
                let _ = writeln!(
                    out,
                    "**Old** ({}):\n\n> {}\n",
                    place(&change.old, &report.old),
                    side(change, Op::Delete)
                );
            }
            if !change.new.is_empty() {
                let _ = writeln!(
                    out,
                    "**New** ({}):\n\n> {}\n",
                    place(&change.new, &report.new),
                    side(change, Op::Insert)
                );
            }
        }
    }
    if !other.is_empty() {
        out.push_str("\n## Other changes\n\n");
        for change in other {
            let reasons = if change.reasons.is_empty() {
                String::new()
            } else {
                format!(": {}", escape(&change.reasons.join("; ")))
            };
            let _ = writeln!(
                out,
                "- **{}** {}{reasons}",
                class_title(change.class),
                code(&change_label(change))
            );
        }
    }
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

fn place(clauses: &[Clause], version: &Version<'_>) -> String {
    clauses
        .first()
        .map(|c| location_words(&c.location, version.format))
        .unwrap_or_default()
}

/// One side on one line, escaped, with deletions struck through or insertions in bold.
fn side(change: &Change, marked: Op) -> String {
    if change.diff.is_empty() {
        let text = if marked == Op::Delete {
            change.old_text()
        } else {
            change.new_text()
        };
        return escape(&one_line(&text));
    }
    let mut out = String::new();
    let segments = change
        .diff
        .iter()
        .filter(|s| s.op == Op::Equal || s.op == marked);
    for (k, s) in segments.enumerate() {
        if k > 0 && s.spaced_in(marked) {
            out.push(' ');
        }
        let text = escape(&one_line(&s.text));
        match s.op {
            Op::Equal => out.push_str(&text),
            Op::Delete => out.push_str(&emphasis("~~", &text)),
            Op::Insert => out.push_str(&emphasis("**", &text)),
        }
    }
    out
}

/// `text` between `marker`s, with punctuation at either end left outside: CommonMark does
/// not open emphasis between a letter and a punctuation mark ("s**, apart**" stays literal).
fn emphasis(marker: &str, text: &str) -> String {
    let edge = |c: char| c.is_ascii_punctuation() && c != '\\' || c.is_whitespace();
    let core = text.trim_matches(edge);
    if core.is_empty() || core.ends_with('\\') {
        return format!("{marker}{text}{marker}");
    }
    let start = text.len() - text.trim_start_matches(edge).len();
    let end = start + core.len();
    format!("{}{marker}{core}{marker}{}", &text[..start], &text[end..])
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A path in backticks (paths never hold them; replace any that do).
fn code(text: &str) -> String {
    format!("`{}`", text.replace('`', "'"))
}

#[cfg(test)]
mod tests {
    use super::super::sample;
    use super::*;

    #[test]
    fn changes_are_sections_with_marked_quotes() {
        let c = sample::comparison();
        let out = render(&sample::report(&c), &CompareOptions::default());
        assert!(out.contains("| Weakened | 1 |"), "{out}");
        assert!(out.contains("### 1. Weakened: `2.4`"), "{out}");
        assert!(out.contains("Conduct ~~12-week~~ formal"), "{out}");
        assert!(out.contains("Conduct **8-week** formal"), "{out}");
        // Punctuation stays outside emphasis, so CommonMark opens it.
        assert!(
            out.contains("consultations, **apart from in exceptional circumstances**."),
            "{out}"
        );
        assert!(out.contains("## Other changes"), "{out}");
        // Document text is escaped.
        assert!(out.contains("\\<b\\>"), "{out}");
    }
}
