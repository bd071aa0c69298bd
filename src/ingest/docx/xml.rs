//! Parsing one XML part into a small element tree, refusing anything incomplete.
//!
//! Every part is checked before any of it is walked: it must be UTF-8 (or UTF-16 with a
//! byte-order mark), well formed (matching end tags, known entities only, exactly one root
//! element, nothing open at the end), and nested no deeper than the limit. A truncated or
//! hostile part therefore fails here with one line naming the part and the problem,
//! instead of half-reading or recursing without bound later. Parsing is iterative, so the
//! depth limit is the only thing that bounds the recursion of the walkers that follow.
//!
//! The tree keeps what the walkers need: each element's namespace (resolved from its
//! prefix, so `w:` and any other prefix bound to WordprocessingML are the same), local
//! name, attributes and children. To keep memory near the size of the XML, it drops what
//! no walker reads: run formatting (`w:rPr` of a run, except `w:vanish`), the old
//! properties inside `w:*PrChange`, revision-id (`w:rsid*`) and vendor-namespace
//! attributes, and white-space-only text outside the elements that carry document text
//! (`w:t`, `w:delText`, `w:instrText`, `m:t`). The number of elements kept per part is
//! capped too ([`element_budget`]). Dropped subtrees are still checked for
//! well-formedness and depth.

use super::super::IngestError;
use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;
use std::borrow::Cow;
use std::collections::HashMap;
use std::rc::Rc;

/// The walkers never recurse deeper than this, whatever [`super::super::Limits`] says:
/// a guard for the stack, far beyond any real document's nesting.
pub(super) const HARD_MAX_DEPTH: usize = 512;

/// The namespaces the reader tells apart. Transitional and Strict OOXML URIs map to the
/// same variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Ns {
    /// WordprocessingML main (`w:`).
    W,
    /// Office document relationships (`r:`), used by `r:id` attributes.
    R,
    /// Markup compatibility (`mc:AlternateContent`).
    Mc,
    /// DrawingML WordprocessingML drawing (`wp:docPr`).
    Wp,
    /// Office Math (`m:t`).
    M,
    /// Package relationships (the `.rels` parts).
    Rels,
    /// No namespace (unprefixed attributes).
    None,
    /// Anything else (VML, DrawingML, vendor extensions).
    Other,
}

impl Ns {
    fn from_uri(uri: &str) -> Ns {
        match uri {
            "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
            | "http://purl.oclc.org/ooxml/wordprocessingml/main" => Ns::W,
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
            | "http://purl.oclc.org/ooxml/officeDocument/relationships" => Ns::R,
            "http://schemas.openxmlformats.org/markup-compatibility/2006" => Ns::Mc,
            "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
            | "http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing" => Ns::Wp,
            "http://schemas.openxmlformats.org/officeDocument/2006/math"
            | "http://purl.oclc.org/ooxml/officeDocument/math" => Ns::M,
            "http://schemas.openxmlformats.org/package/2006/relationships" => Ns::Rels,
            _ => Ns::Other,
        }
    }

    fn resolve(result: ResolveResult<'_>) -> Ns {
        match result {
            ResolveResult::Bound(ns) => std::str::from_utf8(ns.0.as_bytes())
                .map(Ns::from_uri)
                .unwrap_or(Ns::Other),
            ResolveResult::Unbound => Ns::None,
            ResolveResult::Unknown(_) => Ns::Other,
        }
    }
}

/// An attribute: namespace, local name, unescaped value.
#[derive(Debug, Clone)]
pub(super) struct Attr {
    pub ns: Ns,
    pub name: Rc<str>,
    pub value: Box<str>,
}

/// One child of an element.
#[derive(Debug, Clone)]
pub(super) enum Node {
    Element(Element),
    Text(String),
}

/// An element with its resolved name, attributes and children in document order.
#[derive(Debug, Clone)]
pub(super) struct Element {
    pub ns: Ns,
    pub name: Rc<str>,
    pub attrs: Vec<Attr>,
    pub children: Vec<Node>,
}

impl Element {
    /// True if this is `ns:name`.
    pub fn is(&self, ns: Ns, name: &str) -> bool {
        self.ns == ns && &*self.name == name
    }

    /// True if this is the WordprocessingML element `w:name`.
    pub fn is_w(&self, name: &str) -> bool {
        self.is(Ns::W, name)
    }

    /// Child elements in order.
    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|c| match c {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// The first child element `ns:name`.
    pub fn child(&self, ns: Ns, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.is(ns, name))
    }

    /// The first child element `w:name`.
    pub fn w(&self, name: &str) -> Option<&Element> {
        self.child(Ns::W, name)
    }

    /// An attribute by namespace and local name.
    pub fn attr(&self, ns: Ns, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| a.ns == ns && &*a.name == name)
            .map(|a| &*a.value)
    }

    /// A WordprocessingML attribute (`w:val`), accepting an unprefixed one too, as some
    /// writers emit.
    pub fn w_attr(&self, name: &str) -> Option<&str> {
        self.attr(Ns::W, name).or_else(|| self.attr(Ns::None, name))
    }

    /// `w:val` of the child `w:name`.
    pub fn w_val(&self, name: &str) -> Option<&str> {
        self.w(name).and_then(|e| e.w_attr("val"))
    }

    /// The concatenated text directly inside this element.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for child in &self.children {
            if let Node::Text(t) = child {
                out.push_str(t);
            }
        }
        out
    }
}

/// An on/off property (`<w:b/>`, `<w:vanish w:val="false"/>`): present and not switched
/// off.
pub(super) fn is_on(element: Option<&Element>) -> bool {
    match element {
        None => false,
        Some(e) => !matches!(e.w_attr("val"), Some("0" | "false" | "off")),
    }
}

/// Elements whose white-space-only text is content.
fn keeps_whitespace(element: &Element) -> bool {
    matches!(
        (element.ns, &*element.name),
        (Ns::W, "t" | "delText" | "instrText" | "delInstrText") | (Ns::M, "t")
    )
}

/// Decode a part's bytes to text: UTF-8 (with or without a byte-order mark) or UTF-16
/// with one.
fn decode<'a>(part: &str, bytes: &'a [u8]) -> Result<Cow<'a, str>, IngestError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let encoding = if bytes[0] == 0xFF {
            encoding_rs::UTF_16LE
        } else {
            encoding_rs::UTF_16BE
        };
        let (text, _, had_errors) = encoding.decode(bytes);
        if had_errors {
            return Err(xml_error(part, "it is not valid UTF-16"));
        }
        return Ok(Cow::Owned(text.into_owned()));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(Cow::Borrowed(s)),
        Err(e) => Err(xml_error(
            part,
            format!("it is not valid UTF-8 (at byte {})", e.valid_up_to()),
        )),
    }
}

fn xml_error(part: &str, detail: impl Into<String>) -> IngestError {
    IngestError::Xml {
        part: part.to_string(),
        detail: one_line(&detail.into()),
    }
}

/// Error messages must stay on one line.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Parse `bytes` (the part named `part`) into its root element, enforcing the checks in
/// the module docs. `max_depth` is the deepest element nesting accepted;
/// `max_elements` the most elements kept (see [`element_budget`]).
pub(super) fn parse(
    part: &str,
    bytes: &[u8],
    max_depth: usize,
    max_elements: usize,
) -> Result<Element, IngestError> {
    let text = decode(part, bytes)?;
    let mut reader = NsReader::from_str(&text);
    reader.config_mut().check_end_names = true;
    let mut tree = Tree {
        part,
        max_depth: max_depth.clamp(1, HARD_MAX_DEPTH),
        max_elements,
        elements: 0,
        stack: Vec::new(),
        root: None,
        skipping: 0,
        names: HashMap::new(),
    };
    loop {
        let (ns, event) = match reader.read_resolved_event() {
            Ok((ns, event)) => (Ns::resolve(ns), event),
            Err(e) => {
                return Err(xml_error(
                    part,
                    format!("{e} (at byte {})", reader.error_position()),
                ))
            }
        };
        let at = reader.buffer_position();
        match event {
            Event::Start(start) => tree.open(&reader, ns, &start, false, at)?,
            Event::Empty(start) => tree.open(&reader, ns, &start, true, at)?,
            Event::End(_) => tree.close(),
            Event::Text(t) => tree.text(&t.xml10_content(), at)?,
            Event::CData(t) => tree.text(&t.xml10_content(), at)?,
            Event::GeneralRef(r) => {
                let resolved: String = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => match quick_xml::escape::resolve_predefined_entity(&r) {
                        Some(s) => s.to_string(),
                        None => {
                            return Err(xml_error(
                                part,
                                format!("unknown entity &{}; (near byte {at})", &*r),
                            ))
                        }
                    },
                    Err(e) => {
                        return Err(xml_error(
                            part,
                            format!("bad character reference: {e} (near byte {at})"),
                        ))
                    }
                };
                tree.text(&resolved, at)?;
            }
            Event::Eof => break,
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
    if let Some(innermost) = tree.stack.last() {
        return Err(xml_error(
            part,
            format!(
                "the XML stops before it is complete ({} element(s) still open, innermost <{}>); the file may be truncated",
                tree.stack.len() + tree.skipping,
                innermost.name
            ),
        ));
    }
    tree.root
        .ok_or_else(|| xml_error(part, "there is no root element (the part is empty)"))
}

/// How many elements a part may keep: one per 16 bytes of the part-size limit (3 million
/// under the default limits; a real document averages 40 or more bytes of XML per
/// element, and far more once run formatting is dropped). An element costs about 80 bytes
/// in memory, so this bounds a hostile part made of tiny elements to a few hundred MB.
pub(super) fn element_budget(max_part_bytes: u64) -> usize {
    usize::try_from(max_part_bytes / 16).unwrap_or(usize::MAX)
}

/// The tree under construction.
struct Tree<'p> {
    part: &'p str,
    max_depth: usize,
    max_elements: usize,
    elements: usize,
    stack: Vec<Element>,
    root: Option<Element>,
    /// Depth inside a subtree being dropped (0 when keeping).
    skipping: usize,
    /// Element and attribute names, shared.
    names: HashMap<String, Rc<str>>,
}

impl Tree<'_> {
    fn name(&mut self, local: &str) -> Rc<str> {
        if let Some(name) = self.names.get(local) {
            return Rc::clone(name);
        }
        let name: Rc<str> = Rc::from(local);
        self.names.insert(local.to_string(), Rc::clone(&name));
        name
    }

    /// Whether a new element `ns:local` under the current one is dropped: run formatting
    /// other than hidden-text marks, and the old properties kept by property changes.
    /// Nothing the walkers read is ever in these subtrees.
    fn drops(&self, ns: Ns, local: &str) -> bool {
        if ns != Ns::W {
            return false;
        }
        if local.ends_with("PrChange") || local == "numberingChange" || local == "tblGridChange" {
            return true;
        }
        let len = self.stack.len();
        let parent = self.stack.last();
        let grandparent = len.checked_sub(2).and_then(|i| self.stack.get(i));
        match (parent, grandparent) {
            (Some(p), Some(g)) if p.is_w("rPr") && g.is_w("r") => local != "vanish",
            _ => false,
        }
    }

    fn open(
        &mut self,
        reader: &NsReader<&[u8]>,
        ns: Ns,
        start: &quick_xml::events::BytesStart<'_>,
        empty: bool,
        at: u64,
    ) -> Result<(), IngestError> {
        let part = self.part;
        if self.root.is_some() {
            return Err(xml_error(
                part,
                format!("there is content after the root element (near byte {at})"),
            ));
        }
        if self.stack.len() + self.skipping >= self.max_depth {
            return Err(xml_error(
                part,
                format!(
                    "elements are nested more than {} deep (near byte {at}); refusing to read it",
                    self.max_depth
                ),
            ));
        }
        let local = start.local_name();
        let local: &str = local.as_ref();
        if self.skipping > 0 || self.drops(ns, local) {
            if !empty {
                self.skipping += 1;
            }
            return Ok(());
        }
        self.elements += 1;
        if self.elements > self.max_elements {
            return Err(IngestError::Docx(format!(
                "part {part} has more than {} XML elements; refusing to read it",
                self.max_elements
            )));
        }
        let mut attrs = Vec::new();
        for attr in start.attributes() {
            let attr =
                attr.map_err(|e| xml_error(part, format!("bad attribute: {e} (near byte {at})")))?;
            // Namespace declarations are resolved by the reader.
            if attr.key.as_namespace_binding().is_some() {
                continue;
            }
            let (attr_ns, attr_local) = reader.resolver().resolve_attribute(attr.key);
            let attr_ns = Ns::resolve(attr_ns);
            let attr_local: &str = attr_local.as_ref();
            let value = attr
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_err(|e| {
                    xml_error(part, format!("bad attribute value: {e} (near byte {at})"))
                })?;
            // Revision ids and vendor attributes are most of Word's attributes and
            // never read.
            if attr_ns == Ns::Other || attr_local.starts_with("rsid") {
                continue;
            }
            let name = self.name(attr_local);
            attrs.push(Attr {
                ns: attr_ns,
                name,
                value: value.as_ref().into(),
            });
        }
        attrs.shrink_to_fit();
        let name = self.name(local);
        self.stack.push(Element {
            ns,
            name,
            attrs,
            children: Vec::new(),
        });
        if empty {
            self.close();
        }
        Ok(())
    }

    /// Close the innermost open element: attach it to its parent, or make it the root.
    fn close(&mut self) {
        if self.skipping > 0 {
            self.skipping -= 1;
            return;
        }
        if let Some(mut done) = self.stack.pop() {
            done.children.shrink_to_fit();
            match self.stack.last_mut() {
                Some(parent) => parent.children.push(Node::Element(done)),
                None => self.root = Some(done),
            }
        }
    }

    /// Add text to the innermost open element, merging with text just before it.
    fn text(&mut self, text: &str, at: u64) -> Result<(), IngestError> {
        if self.skipping > 0 {
            return Ok(());
        }
        let blank = text.chars().all(|c| matches!(c, ' ' | '\t' | '\r' | '\n'));
        let Some(parent) = self.stack.last_mut() else {
            if blank {
                return Ok(());
            }
            let where_ = if self.root.is_some() {
                "after"
            } else {
                "before"
            };
            return Err(xml_error(
                self.part,
                format!("there is text {where_} the root element (near byte {at})"),
            ));
        };
        if blank && !keeps_whitespace(parent) {
            return Ok(());
        }
        if let Some(Node::Text(last)) = parent.children.last_mut() {
            last.push_str(text);
        } else {
            parent.children.push(Node::Text(text.to_string()));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    #[test]
    fn resolves_namespaces_entities_and_keeps_spaces_in_text() {
        let xml = format!(
            r#"<?xml version="1.0"?><w:document {W}><w:body>
              <w:p><w:r><w:t xml:space="preserve"> A &amp; B&#x2019;s </w:t></w:r></w:p>
            </w:body></w:document>"#
        );
        let root = parse("word/document.xml", xml.as_bytes(), 64, 1000).unwrap();
        assert!(root.is_w("document"));
        let t = root
            .w("body")
            .and_then(|b| b.w("p"))
            .and_then(|p| p.w("r"))
            .and_then(|r| r.w("t"))
            .unwrap();
        assert_eq!(t.text(), " A & B\u{2019}s ");
        assert_eq!(
            root.w("body").unwrap().children.len(),
            1,
            "blank text between elements is dropped"
        );
    }

    #[test]
    fn another_prefix_for_the_same_namespace_is_the_same_element() {
        let xml = r#"<x:document xmlns:x="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><x:body x:val="1"/></x:document>"#;
        let root = parse("p", xml.as_bytes(), 64, 1000).unwrap();
        assert_eq!(root.w("body").and_then(|b| b.w_attr("val")), Some("1"));
    }

    #[test]
    fn truncated_mismatched_and_deep_xml_are_errors_naming_the_part() {
        let cut = format!("<w:document {W}><w:body><w:p><w:r><w:t>Hal");
        let err = parse("word/document.xml", cut.as_bytes(), 64, 1000)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("word/document.xml") && err.contains("complete"),
            "{err}"
        );

        let mismatch = format!("<w:document {W}><w:body><w:p></w:q></w:body></w:document>");
        let err = parse("word/document.xml", mismatch.as_bytes(), 64, 1000)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("word/document.xml") && err.contains("not well-formed"),
            "{err}"
        );

        let deep = format!(
            "<w:document {W}>{}{}</w:document>",
            "<a>".repeat(100),
            "</a>".repeat(100)
        );
        let err = parse("word/document.xml", deep.as_bytes(), 50, 1000)
            .unwrap_err()
            .to_string();
        assert!(err.contains("nested more than 50"), "{err}");
        assert!(!err.contains('\n'));
    }

    #[test]
    fn unknown_entities_two_roots_and_bad_utf8_are_errors() {
        let unknown = format!("<w:document {W}>&nbsp;</w:document>");
        assert!(parse("p", unknown.as_bytes(), 8, 1000).is_err());
        let two = format!("<w:document {W}/><w:document {W}/>");
        assert!(parse("p", two.as_bytes(), 8, 1000).is_err());
        assert!(parse("p", b"<a>\xff</a>", 8, 1000).is_err());
        assert!(parse("p", b"", 8, 1000).is_err());
    }

    #[test]
    fn run_formatting_is_dropped_and_the_element_budget_holds() {
        let xml = format!(
            r#"<w:p {W}><w:r w:rsidR="00AB"><w:rPr><w:b/><w:vanish/><w:rFonts w:ascii="Arial"/></w:rPr><w:t>x</w:t></w:r></w:p>"#
        );
        let root = parse("p", xml.as_bytes(), 16, 5).unwrap();
        let run = root.w("r").unwrap();
        assert!(run.attrs.is_empty(), "revision ids are dropped");
        let rpr = run.w("rPr").unwrap();
        assert_eq!(rpr.elements().count(), 1, "only w:vanish is kept");
        assert!(rpr.w("vanish").is_some());
        let err = parse("word/document.xml", xml.as_bytes(), 16, 4)
            .unwrap_err()
            .to_string();
        assert!(err.contains("more than 4 XML elements"), "{err}");
    }

    #[test]
    fn utf16_with_a_bom_is_read() {
        let xml = format!("<w:document {W}><w:t>é</w:t></w:document>");
        let mut bytes = vec![0xFF, 0xFE];
        for unit in xml.encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let root = parse("p", &bytes, 8, 1000).unwrap();
        assert_eq!(root.w("t").unwrap().text(), "é");
    }
}
