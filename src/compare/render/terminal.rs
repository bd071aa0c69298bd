//! Terminal output: the counts, then each material change with its reasons and both texts,
//! the changed words marked, then one line per change that is not material.
//!
//! Without colour, deleted words read `[-like this-]` and inserted words `{+like this+}` (the
//! `wdiff` convention), so the output means the same in a log file or a screen reader. With
//! colour, deleted words are red and struck through and inserted words green and
//! underlined, and the class names are coloured by whether they lose or gain.

use super::{
    change_label, counts_line, location_words, partition, CompareOptions, CompareReport, Version,
};
use crate::compare::{Change, Class, Op, Segment};
use crate::render::terminal::Paint;
use annotate_snippets::renderer::{AnsiColor, Style};

/// Render a comparison for a terminal.
pub fn render(report: &CompareReport<'_>, options: &CompareOptions) -> String {
    let paint = Paint {
        color: options.color,
    };
    let c = report.comparison;
    let mut out = String::new();
    out.push_str(&format!(
        "Comparing {} ({}) with {} ({})\n",
        paint.bold(report.old.path),
        report.old.format,
        paint.bold(report.new.path),
        report.new.format
    ));
    let material = c.changes.iter().filter(|x| x.class.is_material()).count();
    out.push_str(&format!(
        "{} clauses → {} clauses: {}\n",
        c.old_clauses,
        c.new_clauses,
        counts_line(c, options.all)
    ));
    out.push_str(&match material {
        0 => "No material changes.\n".to_string(),
        1 => "1 material change.\n".to_string(),
        n => format!("{n} material changes.\n"),
    });
    let (material, other) = partition(c, options);
    for change in material {
        out.push('\n');
        out.push_str(&format!(
            "{} {}  ({})\n",
            paint.class(change.class),
            paint.bold(&change_label(change)),
            where_words(change, report)
        ));
        for reason in &change.reasons {
            out.push_str(&format!("  - {reason}\n"));
        }
        if !change.old.is_empty() {
            out.push_str(&format!("  old: {}\n", side(change, Op::Delete, paint)));
        }
        if !change.new.is_empty() {
            out.push_str(&format!("  new: {}\n", side(change, Op::Insert, paint)));
        }
    }
    if !other.is_empty() {
        out.push_str(&format!("\n{}\n", paint.bold("Not material:")));
        for change in other {
            let reasons = if change.reasons.is_empty() {
                String::new()
            } else {
                format!(": {}", change.reasons.join("; "))
            };
            out.push_str(&format!(
                "{} {}  ({}){reasons}\n",
                paint.class(change.class),
                change_label(change),
                where_words(change, report)
            ));
        }
    }
    out
}

/// "line 5 → paragraph 3": where the old and new clauses are.
fn where_words(change: &Change, report: &CompareReport<'_>) -> String {
    let at = |clauses: &[crate::compare::Clause], version: &Version<'_>| {
        clauses
            .first()
            .map(|c| location_words(&c.location, version.format))
    };
    match (at(&change.old, &report.old), at(&change.new, &report.new)) {
        (Some(a), Some(b)) => format!("{a} → {b}"),
        (Some(a), None) => format!("was at {a}"),
        (None, Some(b)) => b,
        (None, None) => String::new(),
    }
}

/// One side of a change: the old text with deletions marked (`Op::Delete`), or the new
/// text with insertions marked (`Op::Insert`).
fn side(change: &Change, marked: Op, paint: Paint) -> String {
    if change.diff.is_empty() {
        return if marked == Op::Delete {
            change.old_text()
        } else {
            change.new_text()
        };
    }
    let mut out = String::new();
    let segments: Vec<&Segment> = change
        .diff
        .iter()
        .filter(|s| s.op == Op::Equal || s.op == marked)
        .collect();
    for (k, s) in segments.iter().enumerate() {
        if k > 0 && s.spaced_in(marked) {
            out.push(' ');
        }
        match s.op {
            Op::Equal => out.push_str(&s.text),
            Op::Delete => out.push_str(&paint.deleted(&s.text)),
            Op::Insert => out.push_str(&paint.inserted(&s.text)),
        }
    }
    out
}

impl Paint {
    fn class(self, class: Class) -> String {
        let style = match class {
            Class::Weakened | Class::Narrowed | Class::Removed => {
                AnsiColor::BrightRed.on_default().bold()
            }
            Class::Strengthened | Class::Broadened | Class::Added => {
                AnsiColor::Green.on_default().bold()
            }
            Class::Reworded | Class::Moved => AnsiColor::Cyan.on_default(),
            Class::Unchanged => Style::new().dimmed(),
        };
        self.styled(style, class.as_str())
    }

    fn deleted(self, text: &str) -> String {
        if self.color {
            self.styled(AnsiColor::Red.on_default().strikethrough(), text)
        } else {
            format!("[-{text}-]")
        }
    }

    fn inserted(self, text: &str) -> String {
        if self.color {
            self.styled(AnsiColor::Green.on_default().underline(), text)
        } else {
            format!("{{+{text}+}}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::sample;
    use super::*;

    #[test]
    fn material_changes_show_both_texts_with_marks() {
        let c = sample::comparison();
        let out = render(&sample::report(&c), &CompareOptions::default());
        assert!(
            out.contains("weakened 2.4  (line 5 → paragraph 3)"),
            "{out}"
        );
        assert!(out.contains("Conduct [-12-week-] formal"), "{out}");
        assert!(out.contains("Conduct {+8-week+} formal"), "{out}");
        assert!(out.contains("5 material changes."), "{out}");
        assert!(out.contains("Not material:\nreworded 2.5"), "{out}");
        assert!(!out.contains("unchanged"), "{out}");
        let all = render(
            &sample::report(&c),
            &CompareOptions {
                all: true,
                ..CompareOptions::default()
            },
        );
        assert!(all.contains("unchanged 2.3"), "{all}");
    }

    #[test]
    fn colour_only_when_asked() {
        let c = sample::comparison();
        let plain = render(&sample::report(&c), &CompareOptions::default());
        assert!(!plain.contains('\u{1b}'));
        let coloured = render(
            &sample::report(&c),
            &CompareOptions {
                color: true,
                ..CompareOptions::default()
            },
        );
        assert!(coloured.contains('\u{1b}'));
        assert!(!coloured.contains("[-12-week-]"));
    }
}
