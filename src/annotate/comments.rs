//! The comments part (`word/comments.xml`): what one compactproof comment says, and the
//! XML for it.
//!
//! A comment reads, one paragraph each: the status and the finding's message; the
//! undertaking(s) it rests on, by citation; the advice; and the suggested wording, noting
//! whether it is also in the text as a tracked change. Existing comments are kept as they
//! are: new `w:comment` elements go at the end of the part.

use super::edit::{escape_attr, escape_text};
use crate::findings::{Finding, Status, SuggestionAction};

/// One comment's content: paragraphs of (bold label, text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CommentText {
    pub paragraphs: Vec<(String, String)>,
}

/// How the suggested wording of a finding ended up in the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Wording {
    /// There is no suggested wording.
    None,
    /// It is in the text as a tracked change.
    Tracked,
    /// It could not be placed as a tracked change; the comment carries it.
    InComment,
}

/// Status names as a heading for the comment.
fn status_label(status: Status) -> &'static str {
    match status {
        Status::Short => "Short",
        Status::Missing => "Missing",
        Status::Weak => "Weak",
        Status::Conflict => "Conflict",
        Status::Met => "Met",
        Status::NotApplicable => "Not applicable",
    }
}

/// The comment for a finding. `place` says where the evidence is when the comment could
/// not be anchored on it (e.g. "in footnote 2").
pub(crate) fn comment_text(
    finding: &Finding,
    wording: Wording,
    place: Option<&str>,
) -> CommentText {
    let mut paragraphs = Vec::new();
    let mut message = finding.message.clone();
    if let Some(place) = place {
        message.push_str(&format!(" (The evidence is {place}.)"));
    }
    paragraphs.push((
        format!(
            "{} ({}): ",
            status_label(finding.status),
            finding.severity.as_str()
        ),
        message,
    ));
    let mut cited: Vec<&str> = Vec::new();
    for undertaking in &finding.undertakings {
        if !cited.contains(&undertaking.citation.as_str()) {
            cited.push(&undertaking.citation);
        }
    }
    for citation in cited {
        paragraphs.push(("Compact: ".to_string(), citation.to_string()));
    }
    if let Some(suggestion) = &finding.suggestion {
        if !suggestion.advice.trim().is_empty() {
            paragraphs.push(("Suggestion: ".to_string(), suggestion.advice.clone()));
        }
        if let Some(text) = suggestion.text.as_deref().filter(|t| !t.trim().is_empty()) {
            let label = match (wording, suggestion.action) {
                (Wording::Tracked, SuggestionAction::Replace) => {
                    "Suggested wording (made as a tracked change you can accept or reject): "
                }
                (Wording::Tracked, _) => {
                    "Suggested wording (added as a tracked change you can accept or reject): "
                }
                _ => "Suggested wording: ",
            };
            paragraphs.push((label.to_string(), format!("\u{201c}{text}\u{201d}")));
        }
    }
    paragraphs.push((
        "Check: ".to_string(),
        format!("{} (compactproof)", finding.id),
    ));
    CommentText { paragraphs }
}

/// Who wrote the comments and when.
pub(crate) struct Byline<'a> {
    pub author: &'a str,
    pub initials: &'a str,
    pub date: &'a str,
}

/// One `w:comment` element.
pub(crate) fn comment_xml(w: &str, id: i64, byline: &Byline<'_>, text: &CommentText) -> String {
    let mut xml = format!(
        r#"<{w}:comment {w}:id="{id}" {w}:author="{}" {w}:date="{}" {w}:initials="{}">"#,
        escape_attr(byline.author),
        escape_attr(byline.date),
        escape_attr(byline.initials)
    );
    for (i, (label, body)) in text.paragraphs.iter().enumerate() {
        xml.push_str(&format!("<{w}:p>"));
        if i == 0 {
            xml.push_str(&format!("<{w}:r><{w}:annotationRef/></{w}:r>"));
        }
        if !label.is_empty() {
            xml.push_str(&format!(
                r#"<{w}:r><{w}:rPr><{w}:b/></{w}:rPr><{w}:t xml:space="preserve">{}</{w}:t></{w}:r>"#,
                escape_text(label)
            ));
        }
        xml.push_str(&format!(
            r#"<{w}:r><{w}:t xml:space="preserve">{}</{w}:t></{w}:r></{w}:p>"#,
            escape_text(body)
        ));
    }
    xml.push_str(&format!("</{w}:comment>"));
    xml
}

/// A new comments part holding `comments` (already serialised with prefix `w`).
pub(crate) fn new_part(comments: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:comments xmlns:w="{}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">{comments}</w:comments>"#,
        super::scan::W_NS
    )
}
