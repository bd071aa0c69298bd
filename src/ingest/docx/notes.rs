//! Footnotes and endnotes: which exist, which the body refers to, and how each is labelled.
//!
//! Notes live in `word/footnotes.xml` and `word/endnotes.xml`, each keyed by `w:id`; the
//! separator entries (`w:type="separator"`, `"continuationSeparator"`,
//! `"continuationNotice"`) are page furniture, not notes. A note is shown only if the body
//! refers to it, and Word numbers notes by the order of those references, so the label is
//! the reference's ordinal in the note's format: footnotes count 1, 2, 3 and endnotes i,
//! ii, iii unless `w:footnotePr` / `w:endnotePr` (in `word/settings.xml` or the final
//! section) set another `w:numFmt` or `w:numStart`. A reference with
//! `w:customMarkFollows` shows the text that follows it instead ("*") and takes no
//! number. Restarting numbers per page or section (`w:numRestart`) is not modelled.
//!
//! Notes are pushed after the whole body, footnotes first, each in the order of its first
//! reference and carrying the page of that reference; a note with several paragraphs is
//! one block with the paragraphs on separate lines.

use super::numbering::{format_number, NumFmt};
use super::xml::Element;
use std::collections::HashMap;

/// Footnote or endnote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum NoteKind {
    Foot,
    End,
}

/// The notes of one kind, by id.
#[derive(Debug, Default)]
pub(super) struct Notes {
    root: Option<Element>,
    by_id: HashMap<String, usize>,
}

impl Notes {
    /// Index a `w:footnotes` or `w:endnotes` root.
    pub fn parse(root: Element) -> Notes {
        let mut by_id = HashMap::new();
        for (index, note) in root.elements().enumerate() {
            if !(note.is_w("footnote") || note.is_w("endnote")) {
                continue;
            }
            if matches!(
                note.w_attr("type"),
                Some("separator" | "continuationSeparator" | "continuationNotice")
            ) {
                continue;
            }
            if let Some(id) = note.w_attr("id") {
                by_id.entry(id.trim().to_string()).or_insert(index);
            }
        }
        Notes {
            root: Some(root),
            by_id,
        }
    }

    /// The note with this id, if it exists and is a real note.
    pub fn get(&self, id: &str) -> Option<&Element> {
        let index = *self.by_id.get(id.trim())?;
        self.root.as_ref()?.elements().nth(index)
    }
}

/// How one kind of note is numbered.
#[derive(Debug, Clone, Copy)]
pub(super) struct NoteNumbering {
    fmt: NumFmt,
    start: i64,
}

impl NoteNumbering {
    /// Word's defaults: footnotes 1, 2, 3; endnotes i, ii, iii.
    pub fn default_for(kind: NoteKind) -> NoteNumbering {
        NoteNumbering {
            fmt: match kind {
                NoteKind::Foot => NumFmt::Decimal,
                NoteKind::End => NumFmt::LowerRoman,
            },
            start: 1,
        }
    }

    /// Apply a `w:footnotePr` / `w:endnotePr` element, if present.
    pub fn with(mut self, properties: Option<&Element>) -> NoteNumbering {
        if let Some(pr) = properties {
            if let Some(fmt) = pr.w_val("numFmt") {
                self.fmt = NumFmt::parse(fmt);
            }
            if let Some(start) = pr.w_val("numStart").and_then(|v| v.trim().parse().ok()) {
                self.start = start;
            }
        }
        self
    }

    fn label(&self, ordinal: i64) -> String {
        let shown = format_number(self.start.saturating_add(ordinal - 1), self.fmt);
        if shown.is_empty() {
            ordinal.to_string()
        } else {
            shown
        }
    }
}

/// One reference from the body to a note.
#[derive(Debug, Clone)]
pub(super) struct NoteRef {
    pub kind: NoteKind,
    pub id: String,
    pub page: Option<u32>,
    /// The custom mark shown instead of a number, when the reference has one.
    pub custom: Option<String>,
}

/// The references met in the body, in order, each note once.
#[derive(Debug, Default)]
pub(super) struct NoteRefs {
    refs: Vec<NoteRef>,
}

impl NoteRefs {
    /// Record a reference; returns its index for [`NoteRefs::set_custom_mark`], or `None`
    /// if the note was already referenced.
    pub fn reference(
        &mut self,
        kind: NoteKind,
        id: &str,
        page: Option<u32>,
        custom: bool,
    ) -> Option<usize> {
        let id = id.trim();
        if self.refs.iter().any(|r| r.kind == kind && r.id == id) {
            return None;
        }
        self.refs.push(NoteRef {
            kind,
            id: id.to_string(),
            page,
            custom: custom.then(String::new),
        });
        Some(self.refs.len() - 1)
    }

    /// Record the text shown as a custom mark (the text after the reference).
    pub fn set_custom_mark(&mut self, index: usize, mark: &str) {
        if let Some(r) = self.refs.get_mut(index) {
            r.custom = Some(mark.trim().to_string());
        }
    }

    /// The references of one kind with their labels, in order.
    pub fn labelled(&self, kind: NoteKind, numbering: NoteNumbering) -> Vec<(NoteRef, String)> {
        let mut ordinal = 0;
        let mut out = Vec::new();
        for r in self.refs.iter().filter(|r| r.kind == kind) {
            let label = match &r.custom {
                Some(mark) if !mark.is_empty() => mark.clone(),
                Some(_) => "*".to_string(),
                None => {
                    ordinal += 1;
                    numbering.label(ordinal)
                }
            };
            out.push((r.clone(), label));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::super::xml::parse;
    use super::*;

    #[test]
    fn separators_are_not_notes() {
        let xml = r#"<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
            <w:footnote w:type="separator" w:id="-1"><w:p/></w:footnote>
            <w:footnote w:type="continuationSeparator" w:id="0"><w:p/></w:footnote>
            <w:footnote w:id="2"><w:p/></w:footnote></w:footnotes>"#;
        let notes = Notes::parse(parse("word/footnotes.xml", xml.as_bytes(), 16, 1000).unwrap());
        assert!(notes.get("-1").is_none() && notes.get("0").is_none());
        assert!(notes.get("2").is_some());
    }

    #[test]
    fn labels_follow_reference_order_format_and_custom_marks() {
        let mut refs = NoteRefs::default();
        refs.reference(NoteKind::Foot, "7", Some(1), false);
        refs.reference(NoteKind::End, "3", None, false);
        let custom = refs.reference(NoteKind::Foot, "4", None, true).unwrap();
        refs.set_custom_mark(custom, "* ");
        refs.reference(NoteKind::Foot, "5", None, false);
        assert!(refs.reference(NoteKind::Foot, "7", None, false).is_none());
        let foot: Vec<String> = refs
            .labelled(NoteKind::Foot, NoteNumbering::default_for(NoteKind::Foot))
            .into_iter()
            .map(|(_, l)| l)
            .collect();
        assert_eq!(foot, ["1", "*", "2"]);
        let end = refs.labelled(NoteKind::End, NoteNumbering::default_for(NoteKind::End));
        assert_eq!(end[0].1, "i");
    }
}
