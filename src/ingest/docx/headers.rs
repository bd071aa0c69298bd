//! Running headers and footers: which parts the sections use.
//!
//! Each section's `w:sectPr` names its headers and footers (`w:headerReference`,
//! `w:footerReference`, for the default, first and even pages) by relationship id; the
//! main document's relationships map the ids to parts (`word/header1.xml`). We take every
//! part any section references, in document order, each part once; the walker then reads
//! each part into one block (its paragraphs on separate lines) and drops a block whose
//! text repeats an earlier one of the same kind, so a footer repeated by every section
//! appears once. A `PAGE` field shows its cached result (the number Word last
//! displayed), or nothing if the writer cached none.

use super::package::Relationship;
use super::xml::{Element, Ns};

/// Header or footer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum RunningKind {
    Header,
    Footer,
}

/// The header and footer parts referenced by the document's sections, in order.
pub(super) fn referenced_parts(
    body: &Element,
    relationships: &[Relationship],
) -> Vec<(RunningKind, String)> {
    let mut sections = Vec::new();
    collect_sect_prs(body, &mut sections);
    let mut out: Vec<(RunningKind, String)> = Vec::new();
    for sect in sections {
        for reference in sect.elements() {
            let kind = if reference.is_w("headerReference") {
                RunningKind::Header
            } else if reference.is_w("footerReference") {
                RunningKind::Footer
            } else {
                continue;
            };
            let Some(id) = reference.attr(Ns::R, "id") else {
                continue;
            };
            let part = relationships
                .iter()
                .find(|r| r.id == id)
                .and_then(|r| r.part.clone());
            if let Some(part) = part {
                if !out.iter().any(|(k, p)| *k == kind && *p == part) {
                    out.push((kind, part));
                }
            }
        }
    }
    out
}

/// Every `w:sectPr` in the body, in document order (paragraph-level ones and the body's).
fn collect_sect_prs<'e>(element: &'e Element, out: &mut Vec<&'e Element>) {
    for child in element.elements() {
        if child.is_w("sectPr") {
            out.push(child);
        } else if child.is_w("p") {
            if let Some(sect) = child.w("pPr").and_then(|p| p.w("sectPr")) {
                out.push(sect);
            }
        } else if child.ns == Ns::W && matches!(&*child.name, "sdt" | "sdtContent" | "customXml") {
            collect_sect_prs(child, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::xml::parse;
    use super::*;

    #[test]
    fn parts_come_from_every_section_once() {
        let xml = r#"<w:body xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
              xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
            <w:p><w:pPr><w:sectPr><w:headerReference w:type="default" r:id="h1"/><w:footerReference w:type="default" r:id="f1"/></w:sectPr></w:pPr></w:p>
            <w:sectPr><w:headerReference w:type="default" r:id="h1"/><w:headerReference w:type="first" r:id="h2"/><w:footerReference w:type="default" r:id="missing"/></w:sectPr>
          </w:body>"#;
        let body = parse("word/document.xml", xml.as_bytes(), 16, 1000).unwrap();
        let rel = |id: &str, part: &str| Relationship {
            id: id.into(),
            kind: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"
                .into(),
            part: Some(part.into()),
        };
        let rels = [
            rel("h1", "word/header1.xml"),
            rel("h2", "word/header2.xml"),
            rel("f1", "word/footer1.xml"),
        ];
        assert_eq!(
            referenced_parts(&body, &rels),
            [
                (RunningKind::Header, "word/header1.xml".to_string()),
                (RunningKind::Footer, "word/footer1.xml".to_string()),
                (RunningKind::Header, "word/header2.xml".to_string()),
            ]
        );
    }
}
