//! One pass over `word/document.xml` that finds every paragraph, its runs and its visible
//! text, with the byte positions an editor needs to splice new markup in while leaving
//! every other byte alone.
//!
//! Visible text follows the DOCX reader's rules (`crate::ingest` docx `body` module), so
//! that a sentence the engine quoted can be found again: `w:t` text in runs that are not
//! hidden (`w:vanish`), not deleted (`w:del`, `w:moveFrom`) and not inside a field code;
//! `w:tab`/`w:ptab` as a space, `w:br`/`w:cr` as a line break, `w:noBreakHyphen` as a
//! hyphen, and image descriptions as "[image: ...]". Only the first branch of
//! `mc:AlternateContent` is read, and paragraphs inside text boxes are left out (they are
//! never anchors). Each piece of visible text is a [`Segment`] that knows the run and the
//! run child it came from and, for `w:t`, where each visible byte sits in the raw XML, so
//! a run can be cut between any two characters without touching entities.
//!
//! Every `w:id` value in the part is collected too, so new comment and revision ids never
//! collide with existing ones.

use super::AnnotateError;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;
use std::ops::Range;

/// The WordprocessingML main namespace (Transitional).
pub(crate) const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
/// The same namespace in Strict OOXML.
const W_NS_STRICT: &str = "http://purl.oclc.org/ooxml/wordprocessingml/main";
const MC_NS: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";
const WP_NS: &str = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";
const WP_NS_STRICT: &str = "http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing";

/// Deepest element nesting accepted while scanning (real documents stay far below).
const MAX_DEPTH: usize = 512;

/// What the scan found.
#[derive(Debug, Default)]
pub(crate) struct Scan {
    /// The prefix bound to the WordprocessingML namespace on the root element.
    pub prefix: Option<String>,
    pub paragraphs: Vec<Paragraph>,
    pub runs: Vec<Run>,
    /// Every numeric `w:id` value in the part.
    pub ids: Vec<i64>,
}

/// One `w:p` outside text boxes and unread `mc:AlternateContent` branches.
#[derive(Debug, Clone)]
pub(crate) struct Paragraph {
    /// The whole element, `<w:p ...>` to `</w:p>`.
    pub range: Range<usize>,
    /// The `w:pStyle` value, if any.
    pub style: Option<String>,
    /// True when the paragraph has its own numbering (`w:numPr`).
    pub numbered: bool,
    /// The visible text, as described in the module docs.
    pub text: String,
    pub segments: Vec<Segment>,
}

/// A piece of a paragraph's visible text and where it comes from.
#[derive(Debug, Clone)]
pub(crate) struct Segment {
    /// Byte range in [`Paragraph::text`].
    pub range: Range<usize>,
    /// Index into [`Scan::runs`].
    pub run: usize,
    /// Index into the run's [`Run::children`].
    pub child: usize,
}

/// One `w:r`.
#[derive(Debug, Clone)]
pub(crate) struct Run {
    /// The whole element.
    pub range: Range<usize>,
    /// The start tag, `<w:r ...>`.
    pub start_tag: Range<usize>,
    pub children: Vec<RunChild>,
    /// True when a tracked deletion may be made here: not inside a field result, a simple
    /// field, an existing tracked insertion or move.
    pub deletable: bool,
}

/// A direct child of a run.
#[derive(Debug, Clone)]
pub(crate) struct RunChild {
    pub range: Range<usize>,
    pub kind: ChildKind,
    /// Visible bytes this child adds (empty for properties, field characters, ...).
    pub visible: String,
    /// For `w:t`: the raw range of the text content, and for each visible byte (plus one
    /// past the end) its raw offset.
    pub content: Option<(Range<usize>, Vec<usize>)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ChildKind {
    /// `w:rPr`.
    Properties,
    /// `w:t`.
    Text,
    /// Tabs, breaks, hyphens, rendered page breaks: safe to carry into a deleted run.
    Simple,
    /// Anything else (drawings, field characters, note references, symbols, ...).
    Other,
}

/// An element on the scan's stack.
#[derive(Debug)]
struct Frame {
    kind: FrameKind,
    /// Text inside this element is not read (deleted, field code, text box, other branch).
    hidden: bool,
    /// A direct child of a run.
    run_child: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FrameKind {
    Paragraph(Option<usize>),
    Run(Option<usize>),
    Text,
    AlternateContent { chosen: bool },
    Branch,
    Ins,
    Field,
    Other,
}

struct State<'s> {
    source: &'s str,
    scan: Scan,
    stack: Vec<Frame>,
    /// Open complex fields, innermost last: `false` while in the field code.
    fields: Vec<bool>,
}

/// Scan a `word/document.xml` (UTF-8).
pub(crate) fn scan(part: &str, source: &str) -> Result<Scan, AnnotateError> {
    let mut reader = NsReader::from_str(source);
    reader.config_mut().check_end_names = true;
    let mut state = State {
        source,
        scan: Scan::default(),
        stack: Vec::new(),
        fields: Vec::new(),
    };
    let xml_error = |detail: String| AnnotateError::Xml {
        part: part.to_string(),
        detail,
    };
    loop {
        let before = reader.buffer_position() as usize;
        let (ns, event) = match reader.read_resolved_event() {
            Ok((ns, event)) => (namespace(&ns), event),
            Err(e) => {
                let at = reader.error_position();
                return Err(xml_error(format!("{e} (at byte {at})")));
            }
        };
        let after = reader.buffer_position() as usize;
        match event {
            Event::Start(start) => {
                if state.stack.len() >= MAX_DEPTH {
                    return Err(xml_error(format!(
                        "elements are nested more than {MAX_DEPTH} deep"
                    )));
                }
                if state.stack.is_empty() && state.scan.prefix.is_none() {
                    state.scan.prefix = w_prefix(&start);
                }
                state.collect_ids(&reader, &start);
                state.open(ns, &start, before..after, false);
            }
            Event::Empty(start) => {
                if state.stack.is_empty() && state.scan.prefix.is_none() {
                    state.scan.prefix = w_prefix(&start);
                }
                state.collect_ids(&reader, &start);
                state.open(ns, &start, before..after, true);
            }
            Event::End(_) => state.close(after),
            Event::Text(_) => state.text(before..after, None),
            Event::CData(c) => {
                // Text in a CDATA section shows, but its run child cannot be cut or
                // turned into deleted text by slicing the raw XML.
                let text = c.to_string();
                state.cdata(&text);
            }
            Event::GeneralRef(r) => {
                let resolved: Option<String> = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.to_string()),
                    _ => quick_xml::escape::resolve_predefined_entity(&r).map(str::to_string),
                };
                let Some(resolved) = resolved else {
                    return Err(xml_error(format!(
                        "unknown entity &{}; (near byte {before})",
                        &*r
                    )));
                };
                state.text(before..after, Some(resolved));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !state.stack.is_empty() {
        return Err(xml_error("the XML stops before it is complete".into()));
    }
    Ok(state.scan)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ns {
    W,
    Mc,
    Wp,
    Other,
}

fn namespace(result: &ResolveResult<'_>) -> Ns {
    match result {
        ResolveResult::Bound(ns) => match ns.0 {
            b if b == W_NS || b == W_NS_STRICT => Ns::W,
            b if b == MC_NS => Ns::Mc,
            b if b == WP_NS || b == WP_NS_STRICT => Ns::Wp,
            _ => Ns::Other,
        },
        _ => Ns::Other,
    }
}

/// The prefix an element's own declarations bind to the WordprocessingML namespace.
pub(crate) fn w_prefix(start: &BytesStart<'_>) -> Option<String> {
    for attr in start.attributes().with_checks(false).flatten() {
        let key = attr.key.as_ref();
        if let Some(prefix) = key.strip_prefix("xmlns:") {
            let value = attr.value.as_ref();
            if value == W_NS || value == W_NS_STRICT {
                return Some(prefix.to_string());
            }
        }
    }
    None
}

/// The value of an attribute with this local name, whatever its prefix.
fn attr_value(start: &BytesStart<'_>, local: &str) -> Option<String> {
    start
        .attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// The value of a `w:`-namespaced attribute with this local name.
fn w_attr(reader: &NsReader<&[u8]>, start: &BytesStart<'_>, local: &str) -> Option<String> {
    for attr in start.attributes().with_checks(false).flatten() {
        let (ns, name) = reader.resolver().resolve_attribute(attr.key);
        if name.as_ref() == local && namespace(&ns) == Ns::W {
            return attr
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned());
        }
    }
    None
}

impl State<'_> {
    fn hidden(&self) -> bool {
        self.stack.last().is_some_and(|f| f.hidden)
    }

    fn paragraph(&self) -> Option<usize> {
        for frame in self.stack.iter().rev() {
            if let FrameKind::Paragraph(p) = frame.kind {
                return p;
            }
        }
        None
    }

    fn run(&self) -> Option<usize> {
        for frame in self.stack.iter().rev() {
            match frame.kind {
                FrameKind::Run(r) => return r,
                FrameKind::Paragraph(_) => return None,
                _ => {}
            }
        }
        None
    }

    fn parent_kind(&self) -> Option<FrameKind> {
        self.stack.last().map(|f| f.kind)
    }

    fn collect_ids(&mut self, reader: &NsReader<&[u8]>, start: &BytesStart<'_>) {
        if let Some(id) = w_attr(reader, start, "id") {
            if let Ok(id) = id.trim().parse::<i64>() {
                self.scan.ids.push(id);
            }
        }
    }

    fn open(&mut self, ns: Ns, start: &BytesStart<'_>, range: Range<usize>, empty: bool) {
        let local = start.local_name();
        let local = local.as_ref();
        let parent_hidden = self.hidden();
        let in_field_code = self.fields.iter().any(|showing| !showing);
        let parent = self.parent_kind();
        let run_child = matches!(parent, Some(FrameKind::Run(Some(_))));
        let mut hidden = parent_hidden;
        let mut kind = match (ns, local) {
            (Ns::W, "p") => {
                if parent_hidden {
                    FrameKind::Paragraph(None)
                } else {
                    self.scan.paragraphs.push(Paragraph {
                        range: range.start..range.end,
                        style: None,
                        numbered: false,
                        text: String::new(),
                        segments: Vec::new(),
                    });
                    FrameKind::Paragraph(Some(self.scan.paragraphs.len() - 1))
                }
            }
            (Ns::W, "r") => {
                if self.paragraph().is_some() && !parent_hidden {
                    let deletable = !self
                        .stack
                        .iter()
                        .any(|f| matches!(f.kind, FrameKind::Ins | FrameKind::Field))
                        && self.fields.is_empty();
                    self.scan.runs.push(Run {
                        range: range.clone(),
                        start_tag: range.clone(),
                        children: Vec::new(),
                        deletable,
                    });
                    FrameKind::Run(Some(self.scan.runs.len() - 1))
                } else {
                    FrameKind::Run(None)
                }
            }
            (Ns::W, "pStyle") => {
                // Only the paragraph's own style (w:p/w:pPr/w:pStyle).
                if let Some(p) = self.direct_paragraph_of_ppr() {
                    self.scan.paragraphs[p].style = attr_value(start, "val");
                }
                FrameKind::Other
            }
            (Ns::W, "numPr") => {
                if let Some(p) = self.direct_paragraph_of_ppr() {
                    self.scan.paragraphs[p].numbered = true;
                }
                FrameKind::Other
            }
            (Ns::W, "del" | "moveFrom") => {
                // Run-level and block-level deletions hide their content; `w:del` inside
                // properties (a deleted paragraph mark) is empty anyway.
                hidden = true;
                FrameKind::Other
            }
            (Ns::W, "ins" | "moveTo") => FrameKind::Ins,
            (Ns::W, "fldSimple") => FrameKind::Field,
            (Ns::W, "txbxContent" | "instrText" | "delInstrText" | "rt" | "pPr") => {
                hidden = true;
                FrameKind::Other
            }
            (Ns::Mc, "AlternateContent") => FrameKind::AlternateContent { chosen: false },
            (Ns::Mc, "Choice" | "Fallback") => {
                let first = matches!(parent, Some(FrameKind::AlternateContent { chosen: false }))
                    && local == "Choice";
                if first {
                    if let Some(frame) = self.stack.last_mut() {
                        frame.kind = FrameKind::AlternateContent { chosen: true };
                    }
                } else {
                    hidden = true;
                }
                FrameKind::Branch
            }
            _ => FrameKind::Other,
        };
        if run_child {
            self.run_child(ns, local, range.clone(), hidden || in_field_code);
            if ns == Ns::W && local == "t" {
                kind = FrameKind::Text;
            }
        }
        // A run's own rPr decides whether the run is hidden.
        if ns == Ns::W && local == "vanish" && self.in_run_properties() {
            let off = attr_value(start, "val")
                .is_some_and(|v| matches!(v.as_str(), "0" | "false" | "off"));
            if !off {
                self.hide_current_run();
            }
        }
        if ns == Ns::Wp && local == "docPr" && !hidden && !in_field_code {
            // An image description shows inline, attached to the run child holding it.
            let description = start
                .attributes()
                .with_checks(false)
                .flatten()
                .find(|a| a.key.as_ref() == "descr")
                .and_then(|a| {
                    a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .ok()
                        .map(|v| v.trim().to_string())
                })
                .filter(|d| !d.is_empty());
            if let Some(description) = description {
                self.push_visible(&format!("[image: {description}]"), None);
            }
        }
        if ns == Ns::W && local == "fldChar" && !parent_hidden {
            match attr_value(start, "fldCharType").as_deref() {
                Some("begin") if self.fields.len() < 64 => self.fields.push(false),
                Some("separate") => {
                    if let Some(showing) = self.fields.last_mut() {
                        *showing = true;
                    }
                }
                Some("end") => {
                    self.fields.pop();
                }
                _ => {}
            }
        }
        self.stack.push(Frame {
            kind,
            hidden,
            run_child,
        });
        if empty {
            self.close(range.end);
        }
    }

    /// The paragraph whose `w:pPr` is the current parent, if any.
    fn direct_paragraph_of_ppr(&self) -> Option<usize> {
        let n = self.stack.len();
        if n < 2 {
            return None;
        }
        match self.stack[n - 2].kind {
            FrameKind::Paragraph(p) => p,
            _ => None,
        }
    }

    /// True inside a run's own `w:rPr`.
    fn in_run_properties(&self) -> bool {
        let n = self.stack.len();
        n >= 2 && matches!(self.stack[n - 2].kind, FrameKind::Run(Some(_)))
    }

    fn hide_current_run(&mut self) {
        for frame in self.stack.iter_mut().rev() {
            frame.hidden = true;
            if matches!(frame.kind, FrameKind::Run(_)) {
                break;
            }
        }
    }

    fn run_child(&mut self, ns: Ns, local: &str, range: Range<usize>, hidden: bool) {
        let Some(run) = self.run() else { return };
        let kind = match (ns, local) {
            (Ns::W, "rPr") => ChildKind::Properties,
            (Ns::W, "t") => ChildKind::Text,
            (
                Ns::W,
                "tab"
                | "ptab"
                | "br"
                | "cr"
                | "noBreakHyphen"
                | "softHyphen"
                | "lastRenderedPageBreak",
            ) => ChildKind::Simple,
            _ => ChildKind::Other,
        };
        let visible = if hidden {
            ""
        } else {
            match (ns, local) {
                (Ns::W, "tab" | "ptab") => " ",
                (Ns::W, "br" | "cr") => "\n",
                (Ns::W, "noBreakHyphen") => "-",
                _ => "",
            }
        };
        self.scan.runs[run].children.push(RunChild {
            range: range.clone(),
            kind,
            visible: String::new(),
            content: (kind == ChildKind::Text).then(|| (range.end..range.end, Vec::new())),
        });
        if !visible.is_empty() {
            self.push_visible(visible, None);
        }
    }

    /// Add visible text to the current paragraph, attached to the current run child.
    /// `raw` is the raw range of `w:t` content the text came from.
    fn push_visible(&mut self, text: &str, raw: Option<(Range<usize>, bool)>) {
        let (Some(p), Some(run)) = (self.paragraph(), self.run()) else {
            return;
        };
        let Some(child_index) = self.scan.runs[run].children.len().checked_sub(1) else {
            return;
        };
        let paragraph = &mut self.scan.paragraphs[p];
        let start = paragraph.text.len();
        paragraph.text.push_str(text);
        let end = paragraph.text.len();
        match paragraph.segments.last_mut() {
            Some(last)
                if last.run == run && last.child == child_index && last.range.end == start =>
            {
                last.range.end = end;
            }
            _ => paragraph.segments.push(Segment {
                range: start..end,
                run,
                child: child_index,
            }),
        }
        let child = &mut self.scan.runs[run].children[child_index];
        child.visible.push_str(text);
        if let (Some((raw, exact)), Some((content, map))) = (raw, child.content.as_mut()) {
            if exact {
                map.extend(raw.clone());
            } else {
                map.resize(map.len() + text.len(), raw.start);
            }
            content.end = raw.end;
        }
    }

    fn cdata(&mut self, text: &str) {
        if self.hidden() || self.fields.iter().any(|showing| !showing) {
            return;
        }
        if self.parent_kind() != Some(FrameKind::Text) {
            return;
        }
        if let Some(run) = self.run() {
            if let Some(child) = self.scan.runs[run].children.last_mut() {
                child.kind = ChildKind::Other;
                child.content = None;
            }
        }
        self.push_visible(text, None);
    }

    fn text(&mut self, raw: Range<usize>, resolved: Option<String>) {
        if self.hidden() || self.fields.iter().any(|showing| !showing) {
            return;
        }
        if self.parent_kind() != Some(FrameKind::Text) {
            return;
        }
        let (text, exact) = match resolved {
            Some(t) => (t, false),
            None => (self.source[raw.clone()].to_string(), true),
        };
        self.push_visible(&text, Some((raw, exact)));
    }

    fn close(&mut self, end: usize) {
        let Some(frame) = self.stack.pop() else {
            return;
        };
        match frame.kind {
            FrameKind::Paragraph(Some(p)) => {
                self.scan.paragraphs[p].range.end = end;
                // A field code left open at a paragraph's end is damage: stop hiding.
                self.fields.retain(|showing| *showing);
            }
            FrameKind::Run(Some(r)) => {
                let run = &mut self.scan.runs[r];
                run.range.end = end;
                for child in &mut run.children {
                    if let Some((content, map)) = child.content.as_mut() {
                        map.push(content.end);
                    }
                }
            }
            _ => {}
        }
        if frame.run_child {
            if let Some(run) = self.run() {
                if let Some(child) = self.scan.runs[run].children.last_mut() {
                    child.range.end = end;
                }
            }
        }
    }
}

impl Run {
    /// The run's `w:rPr` child, if any.
    pub fn properties(&self) -> Option<&RunChild> {
        self.children
            .iter()
            .find(|c| c.kind == ChildKind::Properties)
    }
}
