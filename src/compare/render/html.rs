//! HTML: one self-contained, accessible page with each change's old and new text side by
//! side.
//!
//! The page has no scripts and loads nothing: CSS is inline and links only go to fragments of
//! the page. For each material change it shows a heading with the class as a text badge, the
//! reasons as a list, and a two-column table (old, new) with deleted words in `<del>` and
//! inserted words in `<ins>`, each also announced in words ("deleted:", "inserted:") that are
//! hidden visually but read by screen readers, so meaning never rests on colour or
//! strike-through alone. The columns stack on narrow screens. Changes that are not material
//! are listed in one table. Accessibility: `lang="en-GB"`, a skip link, landmarks, headings
//! in order, captions and scoped header cells, visible focus, and colours checked by a test
//! to meet WCAG AA (4.5:1).
//!
//! All document text goes through [`crate::render::html::escape`].

use super::{
    change_label, class_title, location_words, partition, CompareOptions, CompareReport, Version,
};
use crate::compare::{Change, Class, Clause, Op};
use crate::render::html::escape;
use crate::render::{TOOL_NAME, TOOL_VERSION};
use std::fmt::Write as _;

/// Badge colours per class: (class, text colour, background). Checked for contrast.
const BADGES: &[(Class, &str, &str)] = &[
    (Class::Weakened, "#ffffff", "#a4161a"),
    (Class::Strengthened, "#ffffff", "#1e6b2f"),
    (Class::Broadened, "#ffffff", "#1f5f8b"),
    (Class::Narrowed, "#ffffff", "#8a4b00"),
    (Class::Removed, "#ffffff", "#6b2d8b"),
    (Class::Added, "#ffffff", "#0d6e6e"),
    (Class::Reworded, "#ffffff", "#4a4a4a"),
    (Class::Moved, "#ffffff", "#4a4a4a"),
    (Class::Unchanged, "#1b1b1b", "#e8e8e8"),
];

/// Other colour pairs on the page: (what, text, background).
const COLOURS: &[(&str, &str, &str)] = &[
    ("body", "#1b1b1b", "#ffffff"),
    ("del", "#8b0000", "#fde8e8"),
    ("ins", "#0b5d1e", "#e3f6e6"),
    ("banner", "#ffffff", "#1b3a57"),
    ("muted", "#4d4d4d", "#ffffff"),
    ("link", "#0b4f8a", "#ffffff"),
];

/// Render a comparison as one HTML page.
pub fn render(report: &CompareReport<'_>, options: &CompareOptions) -> String {
    let c = report.comparison;
    let mut h = String::with_capacity(16 * 1024);
    let title = format!("Comparison: {} → {}", report.old.path, report.new.path);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"{TOOL_NAME} {TOOL_VERSION}\">\n\
         <title>{}</title>\n<style>\n{}</style>\n</head>\n<body>\n",
        escape(&title),
        stylesheet()
    );
    h.push_str("<a class=\"skip\" href=\"#main\">Skip to the comparison</a>\n");
    let _ = writeln!(
        h,
        "<header class=\"banner\"><p><span class=\"brand\">{TOOL_NAME}</span> \
         Comparison of two versions</p></header>"
    );
    h.push_str("<main id=\"main\">\n");
    let _ = writeln!(
        h,
        "<h1>Comparison: <code>{}</code> → <code>{}</code></h1>",
        escape(report.old.path),
        escape(report.new.path)
    );
    let _ = writeln!(
        h,
        "<p>Old version: <code>{}</code> ({}, {} clauses). New version: <code>{}</code> ({}, \
         {} clauses).</p>",
        escape(report.old.path),
        report.old.format,
        c.old_clauses,
        escape(report.new.path),
        report.new.format,
        c.new_clauses
    );
    let material_count = c.changes.iter().filter(|x| x.class.is_material()).count();
    let _ = writeln!(
        h,
        "<p class=\"verdict\">{}</p>",
        match material_count {
            0 => "No material changes.".to_string(),
            1 => "1 material change.".to_string(),
            n => format!("{n} material changes."),
        }
    );
    h.push_str(
        "<table class=\"summary\">\n<caption>Changes by class</caption>\n<thead><tr>\
         <th scope=\"col\">Class</th><th scope=\"col\">Changes</th></tr></thead>\n<tbody>\n",
    );
    for (class, n) in c.summary() {
        let _ = writeln!(
            h,
            "<tr><th scope=\"row\">{}</th><td>{n}</td></tr>",
            badge(class)
        );
    }
    h.push_str("</tbody>\n</table>\n");
    h.push_str(
        "<p class=\"key\">In the texts below, deleted words are <del>struck through</del> and \
         inserted words are <ins>underlined</ins>; a screen reader announces each as \
         “deleted” or “inserted”.</p>\n",
    );
    let (material, other) = partition(c, options);
    h.push_str("<h2 id=\"material\">Material changes</h2>\n");
    if material.is_empty() {
        h.push_str("<p>None: every change is a rewording or a move.</p>\n");
    }
    for (k, change) in material.iter().enumerate() {
        render_change(&mut h, report, change, k + 1);
    }
    if !other.is_empty() {
        h.push_str("<h2 id=\"other\">Other changes</h2>\n");
        h.push_str(
            "<table class=\"other\">\n<caption>Changes that are not material</caption>\n\
             <thead><tr><th scope=\"col\">Class</th><th scope=\"col\">Clause</th>\
             <th scope=\"col\">Where</th><th scope=\"col\">Why</th></tr></thead>\n<tbody>\n",
        );
        for change in other {
            let _ = writeln!(
                h,
                "<tr><td>{}</td><th scope=\"row\">{}</th><td>{}</td><td>{}</td></tr>",
                badge(change.class),
                escape(&change_label(change)),
                escape(&where_words(change, report)),
                escape(&change.reasons.join("; "))
            );
        }
        h.push_str("</tbody>\n</table>\n");
    }
    h.push_str("</main>\n");
    let _ = writeln!(
        h,
        "<footer><p>Made by {TOOL_NAME} {TOOL_VERSION}. A comparison reads commitments, not \
         every word: check each change against the documents.</p></footer>\n</body>\n</html>"
    );
    h
}

fn render_change(h: &mut String, report: &CompareReport<'_>, change: &Change, n: usize) {
    let id = format!("change-{n}");
    let label = change_label(change);
    let _ = writeln!(
        h,
        "<section class=\"change\" aria-labelledby=\"{id}-h\">\n<h3 id=\"{id}-h\">{} \
         Clause {}</h3>",
        badge(change.class),
        escape(&label)
    );
    if !change.reasons.is_empty() {
        h.push_str("<ul class=\"reasons\">\n");
        for reason in &change.reasons {
            let _ = writeln!(h, "<li>{}</li>", escape(reason));
        }
        h.push_str("</ul>\n");
    }
    let _ = writeln!(
        h,
        "<table class=\"sbs\">\n<caption>Clause {}: old and new text</caption>\n<thead><tr>\
         <th scope=\"col\">Old{}</th><th scope=\"col\">New{}</th></tr></thead>\n<tbody><tr>",
        escape(&label),
        place(&change.old, &report.old),
        place(&change.new, &report.new)
    );
    let _ = writeln!(
        h,
        "<td>{}</td><td>{}</td>",
        side(change, Op::Delete),
        side(change, Op::Insert)
    );
    h.push_str("</tr></tbody>\n</table>\n</section>\n");
}

/// " · line 5", or nothing for a missing side.
fn place(clauses: &[Clause], version: &Version<'_>) -> String {
    clauses
        .first()
        .map(|c| {
            format!(
                " · {}",
                escape(&location_words(&c.location, version.format))
            )
        })
        .unwrap_or_default()
}

fn where_words(change: &Change, report: &CompareReport<'_>) -> String {
    let at = |clauses: &[Clause], version: &Version<'_>| {
        clauses
            .first()
            .map(|c| location_words(&c.location, version.format))
    };
    match (at(&change.old, &report.old), at(&change.new, &report.new)) {
        (Some(a), Some(b)) => format!("{a} → {b}"),
        (Some(a), None) => a,
        (None, Some(b)) => b,
        (None, None) => String::new(),
    }
}

/// One side as escaped HTML with its changed words marked; "(none)" for a missing side.
fn side(change: &Change, marked: Op) -> String {
    let clauses = if marked == Op::Delete {
        &change.old
    } else {
        &change.new
    };
    if clauses.is_empty() {
        let what = if marked == Op::Delete {
            "Not in the old version."
        } else {
            "Not in the new version."
        };
        return format!("<span class=\"none\">{what}</span>");
    }
    if change.diff.is_empty() {
        let text = if marked == Op::Delete {
            change.old_text()
        } else {
            change.new_text()
        };
        return escape(&text);
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
        let text = escape(&s.text);
        match s.op {
            Op::Equal => out.push_str(&text),
            Op::Delete => {
                let _ = write!(
                    out,
                    "<del><span class=\"vh\">deleted: </span>{text}<span class=\"vh\"> \
                     (end of deletion)</span></del>"
                );
            }
            Op::Insert => {
                let _ = write!(
                    out,
                    "<ins><span class=\"vh\">inserted: </span>{text}<span class=\"vh\"> \
                     (end of insertion)</span></ins>"
                );
            }
        }
    }
    out
}

fn badge(class: Class) -> String {
    format!(
        "<span class=\"badge {}\">{}</span>",
        class.as_str(),
        class_title(class)
    )
}

fn colour(what: &str) -> (&'static str, &'static str) {
    COLOURS
        .iter()
        .find(|(w, _, _)| *w == what)
        .map_or(("#000000", "#ffffff"), |(_, fg, bg)| (*fg, *bg))
}

fn stylesheet() -> String {
    let (text, page) = colour("body");
    let (del_fg, del_bg) = colour("del");
    let (ins_fg, ins_bg) = colour("ins");
    let (banner_fg, banner_bg) = colour("banner");
    let (muted, _) = colour("muted");
    let (link, _) = colour("link");
    let mut css = format!(
        "*{{box-sizing:border-box}}\n\
         body{{margin:0;font:16px/1.5 system-ui,-apple-system,\"Segoe UI\",Roboto,Arial,sans-serif;color:{text};background:{page}}}\n\
         main{{max-width:72rem;margin:0 auto;padding:1rem}}\n\
         a{{color:{link}}}\n\
         a:focus,a:focus-visible{{outline:3px solid {link};outline-offset:2px}}\n\
         .skip{{position:absolute;left:-999px}}\n\
         .skip:focus{{left:1rem;top:1rem;background:{page};padding:.5rem;z-index:2}}\n\
         .banner{{background:{banner_bg};color:{banner_fg};padding:.5rem 1rem}}\n\
         .banner p{{margin:0;max-width:72rem;margin:0 auto}}\n\
         .brand{{font-weight:700;margin-right:.5rem}}\n\
         table{{border-collapse:collapse;margin:1rem 0;width:100%}}\n\
         caption{{text-align:left;font-weight:600;padding:.25rem 0}}\n\
         th,td{{border:1px solid #767676;padding:.5rem;text-align:left;vertical-align:top}}\n\
         table.summary{{width:auto}}\n\
         code{{overflow-wrap:anywhere}}\n\
         .sbs td{{width:50%}}\n\
         .change{{border-top:2px solid #767676;margin-top:1.5rem}}\n\
         del{{color:{del_fg};background:{del_bg};text-decoration:line-through}}\n\
         ins{{color:{ins_fg};background:{ins_bg};text-decoration:underline}}\n\
         .vh{{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}}\n\
         .none,.key,footer{{color:{muted}}}\n\
         .badge{{display:inline-block;padding:0 .4rem;border-radius:.25rem;font-weight:700;font-size:.9rem}}\n\
         footer{{max-width:72rem;margin:2rem auto;padding:0 1rem}}\n\
         @media (max-width:40rem){{.sbs thead{{display:none}}.sbs td{{display:block;width:100%}}}}\n"
    );
    for (class, fg, bg) in BADGES {
        let _ = writeln!(
            css,
            ".badge.{}{{color:{fg};background:{bg}}}",
            class.as_str()
        );
    }
    css
}

#[cfg(test)]
mod tests {
    use super::super::sample;
    use super::*;

    fn page() -> String {
        let c = sample::comparison();
        render(&sample::report(&c), &CompareOptions::default())
    }

    #[test]
    fn document_text_is_escaped() {
        let h = page();
        assert!(h.contains("&amp; legislation &lt;b&gt;"), "{h}");
        assert!(!h.contains("<b>."));
    }

    #[test]
    fn side_by_side_with_spoken_marks() {
        let h = page();
        assert!(h.contains("<table class=\"sbs\">"));
        assert!(
            h.contains("<del><span class=\"vh\">deleted: </span>12-week"),
            "{h}"
        );
        assert!(
            h.contains("<ins><span class=\"vh\">inserted: </span>8-week"),
            "{h}"
        );
        assert!(h.contains("<html lang=\"en-GB\">"));
        assert!(h.contains("href=\"#main\"") && h.contains("<main id=\"main\">"));
    }

    #[test]
    fn the_page_loads_nothing_from_outside() {
        let h = page();
        for needle in ["<script", "http://", "https://", "src=", "<link", "@import"] {
            assert!(!h.contains(needle), "found {needle}");
        }
    }

    #[test]
    fn every_labelled_section_has_its_heading() {
        let h = page();
        for part in h.split("aria-labelledby=\"").skip(1) {
            let id = part.split('"').next().unwrap();
            assert!(h.contains(&format!("id=\"{id}\"")), "{id}");
        }
    }

    use crate::render::html::contrast;

    #[test]
    fn colours_meet_wcag_aa_contrast() {
        for (class, fg, bg) in BADGES {
            assert!(contrast(fg, bg) >= 4.5, "{class}: {}", contrast(fg, bg));
        }
        for (what, fg, bg) in COLOURS {
            assert!(contrast(fg, bg) >= 4.5, "{what}: {}", contrast(fg, bg));
        }
    }
}
