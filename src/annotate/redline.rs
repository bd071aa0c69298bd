//! Showing fixes to people: a unified diff of the text (for terminals, reviews and
//! patches) and a self-contained HTML redline with word-level changes.
//!
//! The redline never relies on colour alone: deletions are struck through and wrapped
//! in visible "[−" … "]" markers, insertions underlined and wrapped in "[+" … "]", so
//! the changes survive printing in black and white and are announced by screen readers.
//! All document text is HTML-escaped; the page loads nothing from anywhere.

use similar::{ChangeTag, TextDiff};

/// A unified diff (three lines of context) with headers `a/NAME` and `b/NAME`; empty
/// when nothing changed.
pub fn unified_diff(old: &str, new: &str, name: &str) -> String {
    if old == new {
        return String::new();
    }
    TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string()
}

/// A complete HTML page showing `new` against `old` word by word.
pub fn redline_html(old: &str, new: &str, title: &str) -> String {
    let diff = TextDiff::from_words(old, new);
    let mut body = String::new();
    let mut deletions = 0usize;
    let mut insertions = 0usize;
    let mut open: Option<ChangeTag> = None;
    for change in diff.iter_all_changes() {
        let tag = change.tag();
        if open != Some(tag) {
            close(&mut body, open);
            match tag {
                ChangeTag::Delete => {
                    deletions += 1;
                    body.push_str("<del><span class=\"cue\">[\u{2212}</span>");
                }
                ChangeTag::Insert => {
                    insertions += 1;
                    body.push_str("<ins><span class=\"cue\">[+</span>");
                }
                ChangeTag::Equal => {}
            }
            open = Some(tag);
        }
        body.push_str(&escape(change.value()));
    }
    close(&mut body, open);
    let summary = if deletions + insertions == 0 {
        "No suggested changes.".to_string()
    } else {
        format!(
            "{insertions} insertion{} and {deletions} deletion{}.",
            if insertions == 1 { "" } else { "s" },
            if deletions == 1 { "" } else { "s" }
        )
    };
    format!(
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Suggested changes: {title}</title>
<style>
body {{ font-family: system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 50rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.6; color: #1b1b1b; background: #fff; }}
.text {{ white-space: pre-wrap; }}
del {{ color: #8b0000; background: #fde7e7; text-decoration: line-through; }}
ins {{ color: #00572a; background: #e3f4e8; text-decoration: underline; }}
.cue {{ font-weight: bold; text-decoration: none; }}
.key {{ border: 1px solid #ccc; padding: 0.5rem 1rem; }}
</style>
</head>
<body>
<h1>Suggested changes: {title}</h1>
<p class="key">{summary} Deleted text is struck through and marked <del><span class="cue">[&#x2212;</span>like this<span class="cue">]</span></del>; inserted text is underlined and marked <ins><span class="cue">[+</span>like this<span class="cue">]</span></ins>.</p>
<div class="text">{body}</div>
</body>
</html>
"#,
        title = escape(title)
    )
}

fn close(body: &mut String, open: Option<ChangeTag>) {
    match open {
        Some(ChangeTag::Delete) => body.push_str("<span class=\"cue\">]</span></del>"),
        Some(ChangeTag::Insert) => body.push_str("<span class=\"cue\">]</span></ins>"),
        _ => {}
    }
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unified_diff_has_headers_and_hunks() {
        let diff = unified_diff(
            "one\nsix weeks\nthree\n",
            "one\n12 weeks\nthree\n",
            "plan.txt",
        );
        assert!(
            diff.starts_with("--- a/plan.txt\n+++ b/plan.txt\n@@"),
            "{diff}"
        );
        assert!(diff.contains("-six weeks\n+12 weeks\n"), "{diff}");
        assert_eq!(unified_diff("same", "same", "x"), "");
    }

    #[test]
    fn redline_marks_changes_without_colour_and_escapes() {
        let html = redline_html("run for six weeks <now>", "run for 12 weeks <now>", "a&b");
        assert!(
            html.contains(
                "<del><span class=\"cue\">[\u{2212}</span>six<span class=\"cue\">]</span></del>"
            ),
            "{html}"
        );
        assert!(
            html.contains("<ins><span class=\"cue\">[+</span>12<span class=\"cue\">]</span></ins>"),
            "{html}"
        );
        assert!(html.contains("&lt;now&gt;") && html.contains("Suggested changes: a&amp;b"));
        assert!(!html.contains("<now>"));
    }
}
