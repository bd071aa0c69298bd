//! Annotated copies of Word drafts: one comment per problem finding, anchored on the
//! evidence, and each suggested wording as a tracked change the author can accept or
//! reject in Word or LibreOffice. Also the text-level fixes behind `compactproof fix`:
//! suggestions applied to a text or Markdown source, as a unified diff or an HTML
//! redline ([`fix`], [`redline`]).
//!
//! Fidelity is the point. The package is not rebuilt: only `word/document.xml` (spliced,
//! never re-serialised; see [`edit`]), the comments part, `[Content_Types].xml` and the
//! document's relationships change, and every other entry is copied with its compressed
//! bytes untouched ([`package`]). Existing comments, tracked changes, bookmarks, fields
//! and formatting survive, and new comment and revision ids are above every `w:id`
//! already in the package ([`ids`]).
//!
//! What goes where:
//! - each finding whose status calls for action (short, missing, weak, conflict) gets a
//!   comment by `options.author` (initials `options.initials`) dated `options.date`,
//!   anchored on the evidence sentence ([`anchor`]); one with no usable location goes on
//!   the most relevant heading or the first body paragraph;
//! - a `replace` suggestion with text deletes the evidence terms (or the whole evidence
//!   sentence, when the suggested text is itself a sentence) and inserts the text, as
//!   tracked changes; an `insert-after` suggestion adds a tracked new paragraph after the
//!   anchor paragraph;
//! - a change that cannot be made safely (the evidence runs through a field, an existing
//!   tracked change or an object; two suggestions overlap) is left to the comment, which
//!   then quotes the suggested wording.

mod anchor;
mod collapse;
mod comments;
mod edit;
pub mod fix;
mod ids;
mod package;
pub mod redline;
mod scan;

use crate::document::Document;
use crate::findings::{Finding, SuggestionAction};
use comments::{Byline, Wording};
use edit::{Editor, ParagraphPlan, Stamp};
use ids::Ids;
use std::collections::{BTreeMap, HashMap};
use thiserror::Error;

/// Why an annotated copy could not be made. Messages name the part and the problem.
#[derive(Debug, Error)]
pub enum AnnotateError {
    #[error("not a readable DOCX package: {0}")]
    Package(String),
    #[error("DOCX part {part} is not well-formed XML: {detail}")]
    Xml { part: String, detail: String },
    #[error("cannot annotate this document: {0}")]
    Unsupported(String),
}

/// Who the comments and changes are by, when, and what to add.
#[derive(Debug, Clone)]
pub struct AnnotateOptions {
    /// Author of every comment and revision ("compactproof").
    pub author: String,
    /// Initials shown on comments ("CP").
    pub initials: String,
    /// `w:date` of every comment and revision, an ISO 8601 UTC date-time
    /// ("2027-03-01T09:00:00Z"). Tests pass a fixed one so output is reproducible.
    pub date: String,
    /// Add a comment per problem finding.
    pub comments: bool,
    /// Make suggested wording into tracked changes.
    pub track_changes: bool,
}

impl AnnotateOptions {
    /// Options dated `date` (converted to UTC, whole seconds).
    pub fn at(date: time::OffsetDateTime) -> Self {
        let utc = date.to_offset(time::UtcOffset::UTC);
        let date = format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            utc.year(),
            u8::from(utc.month()),
            utc.day(),
            utc.hour(),
            utc.minute(),
            utc.second()
        );
        AnnotateOptions {
            author: "compactproof".into(),
            initials: "CP".into(),
            date,
            comments: true,
            track_changes: true,
        }
    }

    /// Options dated now.
    pub fn now() -> Self {
        AnnotateOptions::at(time::OffsetDateTime::now_utc())
    }
}

/// An annotated copy and what went into it.
#[derive(Debug, Clone)]
pub struct Annotated {
    /// The new package.
    pub bytes: Vec<u8>,
    /// Comments added.
    pub comments: usize,
    /// Suggestions made into tracked changes.
    pub tracked: usize,
    /// Findings whose comment went on a fallback anchor (heading or first paragraph)
    /// rather than on their evidence.
    pub fallback_anchors: usize,
    /// Suggestions with wording that could not be tracked safely (their comment quotes
    /// the wording instead).
    pub untracked: usize,
}

/// A copy of the DOCX `original` with a comment per problem finding and tracked changes
/// for suggested wording. `document` must be what compactproof read from `original`.
pub fn annotate_docx(
    original: &[u8],
    document: &Document,
    findings: &[Finding],
    options: &AnnotateOptions,
) -> Result<Vec<u8>, AnnotateError> {
    annotate_docx_report(original, document, findings, options).map(|a| a.bytes)
}

/// True when the replacement text reads as a sentence of its own (so it replaces the
/// evidence sentence, not just the evidence terms).
fn is_sentence(text: &str) -> bool {
    let text = text.trim();
    text.split_whitespace().count() >= 5
        && text.chars().next().is_some_and(char::is_uppercase)
        && text.ends_with(['.', '!', '?'])
}

/// Like [`annotate_docx`], also saying what was added.
pub fn annotate_docx_report(
    original: &[u8],
    document: &Document,
    findings: &[Finding],
    options: &AnnotateOptions,
) -> Result<Annotated, AnnotateError> {
    let problems: Vec<&Finding> = findings.iter().filter(|f| f.status.is_problem()).collect();
    let mut result = Annotated {
        bytes: Vec::new(),
        comments: 0,
        tracked: 0,
        fallback_anchors: 0,
        untracked: 0,
    };
    if problems.is_empty() || !(options.comments || options.track_changes) {
        result.bytes = original.to_vec();
        return Ok(result);
    }
    let mut package = package::Package::open(original)?;
    let main = package.main_part()?;
    let main_index = package.index_of(&main).ok_or_else(|| {
        AnnotateError::Package(format!(
            "the package has no {main} (the main document part)"
        ))
    })?;
    let source = package
        .read_text(&main)?
        .ok_or_else(|| AnnotateError::Package(format!("the package has no {main}")))?;
    let scan = scan::scan(&main, &source)?;
    let w = scan.prefix.clone().ok_or_else(|| {
        AnnotateError::Unsupported(format!(
            "{main} does not declare a prefix for the WordprocessingML namespace"
        ))
    })?;

    // Every w:id already used anywhere in the package.
    let mut used = scan.ids.clone();
    for name in package.entry_names() {
        let lower = name.to_lowercase();
        if lower.ends_with(".xml") && lower != main.to_lowercase() {
            if let Ok(Some(text)) = package.read_text(&name) {
                used.extend(package::ids_in(&text));
            }
        }
    }
    let mut ids = Ids::new(&used, 0)?;

    // The comments part: from the main part's relationships, or a new one.
    let relationships = package.relationships(&main)?;
    let folder = package::folder_of(&main).to_string();
    let comments_rel = relationships
        .iter()
        .find(|r| !r.external && r.kind.rsplit('/').next() == Some("comments"));
    let comments_part = match comments_rel {
        Some(r) => package::resolve_target(&folder, &r.target),
        None => {
            let mut name = if folder.is_empty() {
                "comments.xml".to_string()
            } else {
                format!("{folder}/comments.xml")
            };
            let mut n = 1;
            while package.index_of(&name).is_some() {
                name = format!("{folder}/comments{n}.xml");
                n += 1;
            }
            name
        }
    };
    let existing_comments = package.read_text(&comments_part)?;
    let comments_w = match &existing_comments {
        Some(text) => root_w_prefix(text),
        None => Some("w".to_string()),
    };

    // Plan: anchors, comments, tracked changes.
    let anchors = anchor::Anchors::new(document, &scan.paragraphs);
    let mut plans: BTreeMap<usize, ParagraphPlan> = BTreeMap::new();
    let mut comment_elements = String::new();
    let byline = Byline {
        author: &options.author,
        initials: &options.initials,
        date: &options.date,
    };
    for finding in problems {
        let Some(anchor) = anchors.anchor(finding) else {
            continue;
        };
        if !anchor.on_evidence {
            result.fallback_anchors += 1;
        }
        let plan = plans.entry(anchor.paragraph).or_default();
        let paragraph = &scan.paragraphs[anchor.paragraph];
        let suggestion = finding
            .suggestion
            .as_ref()
            .filter(|s| s.text.as_deref().is_some_and(|t| !t.trim().is_empty()));
        let mut wording = match suggestion {
            Some(_) => Wording::InComment,
            None => Wording::None,
        };
        if let (Some(suggestion), true) = (suggestion, options.track_changes) {
            let text = suggestion.text.clone().unwrap_or_default();
            match suggestion.action {
                SuggestionAction::Replace if anchor.on_evidence => {
                    let range = if is_sentence(&text) {
                        Some(anchor.sentence.clone())
                    } else {
                        anchor.terms.clone()
                    };
                    if let Some(range) = range.map(|r| trim_range(&paragraph.text, r)) {
                        let overlaps = plan
                            .replacements
                            .iter()
                            .any(|(r, _)| r.start < range.end && range.start < r.end);
                        if !overlaps && edit::can_delete(&scan, paragraph, &range) {
                            plan.replacements.push((range, text.trim().to_string()));
                            wording = Wording::Tracked;
                        }
                    }
                }
                SuggestionAction::InsertAfter => {
                    let style = paragraph.style.clone().filter(|s| {
                        let lower = s.to_lowercase();
                        !paragraph.numbered
                            && !["heading", "title", "toc", "caption", "list"]
                                .iter()
                                .any(|k| lower.contains(k))
                    });
                    plan.new_paragraphs.push((style, text.trim().to_string()));
                    wording = Wording::Tracked;
                }
                _ => {}
            }
        }
        match wording {
            Wording::Tracked => result.tracked += 1,
            Wording::InComment => result.untracked += 1,
            Wording::None => {}
        }
        if options.comments {
            let id = ids.next()?;
            plan.comments.push((id, anchor.sentence.clone()));
            let text = comments::comment_text(finding, wording, anchor.place.as_deref());
            let mut xml =
                comments::comment_xml(comments_w.as_deref().unwrap_or("w"), id, &byline, &text);
            if comments_w.is_none() {
                // The part binds no prefix to the namespace on its root: declare it here.
                xml = xml.replacen(
                    "<w:comment ",
                    &format!(r#"<w:comment xmlns:w="{}" "#, scan::W_NS),
                    1,
                );
            }
            comment_elements.push_str(&xml);
            result.comments += 1;
        }
    }

    // Edit the main part.
    let mut editor = Editor::new(
        &source,
        &scan,
        &w,
        Stamp {
            author: &options.author,
            date: &options.date,
        },
    );
    for (p, plan) in &plans {
        editor.paragraph(*p, plan, &mut ids)?;
    }
    let new_document = editor.finish();

    let mut replaced: HashMap<usize, Vec<u8>> = HashMap::new();
    let mut added: Vec<(String, Vec<u8>)> = Vec::new();
    replaced.insert(main_index, new_document.into_bytes());
    if result.comments > 0 {
        match (&existing_comments, package.index_of(&comments_part)) {
            (Some(text), Some(index)) => {
                let text =
                    package::insert_before_root_end(&comments_part, text, &comment_elements)?;
                replaced.insert(index, text.into_bytes());
            }
            _ => added.push((
                comments_part.clone(),
                comments::new_part(&comment_elements).into_bytes(),
            )),
        }
        let rels_part = package::rels_part_of(&main);
        let mut new_rels_part = false;
        if comments_rel.is_none() {
            let target = comments_part
                .strip_prefix(&format!("{folder}/"))
                .unwrap_or(&comments_part)
                .to_string();
            let id = package::fresh_relationship_id(&relationships);
            let element = format!(
                r#"<Relationship Id="{id}" Type="{}" Target="{}"/>"#,
                package::COMMENTS_REL,
                edit::escape_attr(&target)
            );
            match (package.read_text(&rels_part)?, package.index_of(&rels_part)) {
                (Some(text), Some(index)) => {
                    let prefix = package::root_prefix(&text);
                    let element =
                        element.replace("<Relationship ", &format!("<{prefix}Relationship "));
                    let text = package::insert_before_root_end(&rels_part, &text, &element)?;
                    replaced.insert(index, text.into_bytes());
                }
                _ => {
                    new_rels_part = true;
                    added.push((
                        rels_part.clone(),
                        format!(
                            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{element}</Relationships>"#
                        )
                        .into_bytes(),
                    ));
                }
            }
        }
        let types_part = "[Content_Types].xml";
        let types_index = package.index_of(types_part).ok_or_else(|| {
            AnnotateError::Package("the package has no [Content_Types].xml".into())
        })?;
        let types = package.read_text(types_part)?.unwrap_or_default();
        let mut overrides = vec![(comments_part.clone(), package::COMMENTS_TYPE)];
        if new_rels_part && !package::has_rels_default(&types) {
            overrides.push((rels_part.clone(), package::RELS_TYPE));
        }
        if let Some(text) = package::add_overrides(&types, &overrides)? {
            replaced.insert(types_index, text.into_bytes());
        }
    }
    result.bytes = package.write(&replaced, &added)?;
    Ok(result)
}

/// The prefix a part's root element binds to the WordprocessingML namespace.
fn root_w_prefix(text: &str) -> Option<String> {
    let mut reader = quick_xml::Reader::from_str(text);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e)) => {
                return scan::w_prefix(&e)
            }
            Ok(quick_xml::events::Event::Eof) | Err(_) => return None,
            _ => {}
        }
    }
}

/// The range without white space at either end.
fn trim_range(text: &str, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let Some(slice) = text.get(range.clone()) else {
        return range;
    };
    let start = range.start + (slice.len() - slice.trim_start().len());
    let end = range.start + slice.trim_end().len();
    start..end.max(start)
}

#[cfg(test)]
mod tests;
