//! Page numbers for DOCX blocks, where the file lets us know them.
//!
//! A DOCX has no fixed pages: Word lays them out when it opens the file. Two things in
//! the file still say where pages break, and we use them in this order:
//! 1. `w:lastRenderedPageBreak`: Word records where each page began the last time it laid
//!    the document out. When a document has any, they are the only breaks counted (they
//!    already include the explicit ones, which would otherwise count twice).
//! 2. Otherwise, explicit breaks: `w:br w:type="page"`, `w:pageBreakBefore` on a
//!    paragraph, and a section break whose next section starts on a new page (any
//!    `w:type` but `continuous` and `nextColumn`; `nextPage` is the default).
//!
//! A block's page is 1 plus the breaks counted before its first visible character (so a
//! paragraph that opens with a page break is on the new page). Breaks before any text at
//! all are ignored, as Word does not start a document with a blank page. When a document
//! has neither kind of break, every page is `None`: we do not guess. Breaks are counted
//! in the main document only, never in headers, footers or notes.

use super::xml::{is_on, Element, Ns};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Off,
    Rendered,
    Explicit,
}

/// The page counter for one walk through the main document.
#[derive(Debug)]
pub(super) struct Pages {
    mode: Mode,
    breaks: u32,
    text_seen: bool,
}

impl Pages {
    /// Choose the rule for this document by looking through its body once.
    pub fn for_body(body: &Element) -> Pages {
        let mut rendered = false;
        let mut explicit = false;
        let mut stack = vec![body];
        while let Some(element) = stack.pop() {
            if element.ns == Ns::W {
                match &*element.name {
                    // Removed content never lays out.
                    "del" | "moveFrom" => continue,
                    "lastRenderedPageBreak" => rendered = true,
                    "br" if element.w_attr("type") == Some("page") => explicit = true,
                    "pageBreakBefore" if is_on(Some(element)) => explicit = true,
                    _ => {}
                }
            }
            if rendered {
                break;
            }
            stack.extend(element.elements());
        }
        // A section break onto a new page (the first section needs no break into it).
        if section_starts_new_page(body)
            .iter()
            .skip(1)
            .any(|new_page| *new_page)
        {
            explicit = true;
        }
        let mode = if rendered {
            Mode::Rendered
        } else if explicit {
            Mode::Explicit
        } else {
            Mode::Off
        };
        Pages {
            mode,
            breaks: 0,
            text_seen: false,
        }
    }

    /// The page we are on, or `None` when this document gives no page information.
    pub fn current(&self) -> Option<u32> {
        match self.mode {
            Mode::Off => None,
            _ => Some(self.breaks + 1),
        }
    }

    /// Visible text has been placed on the current page.
    pub fn text_seen(&mut self) {
        self.text_seen = true;
    }

    /// A `w:lastRenderedPageBreak`.
    pub fn rendered_break(&mut self) {
        if self.mode == Mode::Rendered && self.text_seen {
            self.breaks += 1;
        }
    }

    /// An explicit page break (page-type `w:br`, `w:pageBreakBefore`, a section break
    /// onto a new page).
    pub fn explicit_break(&mut self) {
        if self.mode == Mode::Explicit && self.text_seen {
            self.breaks += 1;
        }
    }

    /// True when explicit breaks are what this document's pages are counted from.
    #[cfg(test)]
    pub fn counts_explicit(&self) -> bool {
        self.mode == Mode::Explicit
    }
}

/// Whether each section (in document order) starts on a new page: the paragraph-level
/// `w:sectPr`s end sections 1..n-1 and the body's own `w:sectPr` the last. The break
/// *into* section i+1 is decided by section i+1's `w:type`.
pub(super) fn section_starts_new_page(body: &Element) -> Vec<bool> {
    let mut types = Vec::new();
    collect_sections(body, &mut types);
    types
}

fn collect_sections(element: &Element, out: &mut Vec<bool>) {
    for child in element.elements() {
        if child.is_w("sectPr") {
            let new_page = !matches!(child.w_val("type"), Some("continuous" | "nextColumn"));
            out.push(new_page);
        } else if child.is_w("del") || child.is_w("moveFrom") {
            continue;
        } else if child.is_w("p") {
            if let Some(sect) = child.w("pPr").and_then(|p| p.w("sectPr")) {
                let new_page = !matches!(sect.w_val("type"), Some("continuous" | "nextColumn"));
                out.push(new_page);
            }
        } else if child.is_w("tbl") || child.is_w("txbxContent") {
            // Sections never end inside tables or text boxes.
            continue;
        } else {
            collect_sections(child, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::xml::parse;
    use super::*;

    fn body(inner: &str) -> Element {
        let xml = format!(
            r#"<w:body xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">{inner}</w:body>"#
        );
        parse("word/document.xml", xml.as_bytes(), 64, 1000).unwrap()
    }

    #[test]
    fn the_rule_depends_on_what_the_document_has() {
        let none = Pages::for_body(&body("<w:p><w:r><w:t>a</w:t></w:r></w:p>"));
        assert_eq!(none.current(), None);
        let explicit = Pages::for_body(&body(r#"<w:p><w:r><w:br w:type="page"/></w:r></w:p>"#));
        assert_eq!(explicit.current(), Some(1));
        assert!(explicit.counts_explicit());
        let rendered = Pages::for_body(&body(
            r#"<w:p><w:r><w:br w:type="page"/></w:r><w:r><w:lastRenderedPageBreak/></w:r></w:p>"#,
        ));
        assert!(!rendered.counts_explicit());
    }

    #[test]
    fn breaks_before_any_text_do_not_count() {
        let mut pages = Pages::for_body(&body(r#"<w:p><w:r><w:br w:type="page"/></w:r></w:p>"#));
        pages.explicit_break();
        assert_eq!(pages.current(), Some(1));
        pages.text_seen();
        pages.explicit_break();
        pages.rendered_break();
        assert_eq!(
            pages.current(),
            Some(2),
            "rendered breaks are ignored in explicit mode"
        );
    }

    #[test]
    fn sections_record_whether_they_start_a_page() {
        let b = body(
            r#"<w:p><w:pPr><w:sectPr/></w:pPr></w:p>
               <w:p><w:pPr><w:sectPr><w:type w:val="continuous"/></w:sectPr></w:pPr></w:p>
               <w:sectPr><w:type w:val="evenPage"/></w:sectPr>"#,
        );
        assert_eq!(section_starts_new_page(&b), [true, false, true]);
    }
}
