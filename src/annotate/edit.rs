//! Splicing comment anchors and tracked changes into `word/document.xml`.
//!
//! The part is never re-serialised. Every edit replaces one byte range of the original
//! XML — a run that has to be cut, or an empty range where a new paragraph goes — and
//! everything between edits is copied byte for byte. A run is cut by closing it and
//! opening a copy of it (same start tag, same `w:rPr`) at the cut, so formatting carries
//! over; comment marks and insertions go between the pieces, and pieces inside a tracked
//! deletion are wrapped in `w:del` with their `w:t` turned into `w:delText`.
//!
//! Marks at a position where one run ends and the next begins go with the run they
//! touch: ends (a comment's end, a replacement's insertion) after the run that ends
//! there, starts before the run that begins there. At one position, insertions come
//! first, then comment ends, then comment starts, so a comment on a replaced phrase
//! covers both the deleted and the inserted text.

use super::ids::Ids;
use super::scan::{ChildKind, Paragraph, Run, Scan};
use super::AnnotateError;
use quick_xml::events::Event;
use quick_xml::Reader;
use std::collections::BTreeMap;
use std::ops::Range;

/// Who and when, for every revision and comment.
pub(crate) struct Stamp<'a> {
    pub author: &'a str,
    pub date: &'a str,
}

/// What to do in one paragraph. Ranges are byte ranges of [`Paragraph::text`].
#[derive(Debug, Default, Clone)]
pub(crate) struct ParagraphPlan {
    /// Comment ids and the text each is anchored on.
    pub comments: Vec<(i64, Range<usize>)>,
    /// Tracked replacements: the range deleted and the text inserted after it.
    pub replacements: Vec<(Range<usize>, String)>,
    /// Tracked new paragraphs after this one: (style to copy, text).
    pub new_paragraphs: Vec<(Option<String>, String)>,
}

/// Whether the range can be deleted as a tracked change: it is cut at characters of
/// plain text or at run-child boundaries, and everything in it is ordinary text, tabs or
/// breaks in runs where a deletion may go.
pub(crate) fn can_delete(scan: &Scan, paragraph: &Paragraph, range: &Range<usize>) -> bool {
    if range.start >= range.end || range.end > paragraph.text.len() {
        return false;
    }
    let mut touched: Vec<usize> = Vec::new();
    for segment in &paragraph.segments {
        let s = &segment.range;
        if s.end <= range.start || s.start >= range.end {
            continue;
        }
        let run = &scan.runs[segment.run];
        if !run.deletable {
            return false;
        }
        let child = &run.children[segment.child];
        let cut_inside = (s.start < range.start && range.start < s.end)
            || (s.start < range.end && range.end < s.end);
        if cut_inside && (child.kind != ChildKind::Text || child.content.is_none()) {
            return false;
        }
        if !touched.contains(&segment.run) {
            touched.push(segment.run);
        }
    }
    if touched.is_empty() {
        return false;
    }
    // Every child of a touched run that falls inside the range must be safe in a
    // deleted run.
    for &r in &touched {
        let run = &scan.runs[r];
        let Some(first) = paragraph.segments.iter().find(|s| s.run == r) else {
            continue;
        };
        let mut pos = first.range.start;
        for child in &run.children {
            if child.kind == ChildKind::Properties {
                continue;
            }
            let len = child.visible.len();
            let inside = if len == 0 {
                range.start < pos && pos < range.end
            } else {
                pos < range.end && range.start < pos + len
            };
            if inside && !matches!(child.kind, ChildKind::Text | ChildKind::Simple) {
                return false;
            }
            pos += len;
        }
    }
    true
}

/// A mark placed at a position in a paragraph.
#[derive(Debug, Clone)]
enum Mark {
    /// A replacement's tracked insertion (placed after the run that ends here).
    Insert {
        text: String,
        properties_from: usize,
    },
    CommentEnd(i64),
    CommentStart(i64),
}

impl Mark {
    fn is_end(&self) -> bool {
        !matches!(self, Mark::CommentStart(_))
    }
    fn order(&self) -> u8 {
        match self {
            Mark::Insert { .. } => 0,
            Mark::CommentEnd(_) => 1,
            Mark::CommentStart(_) => 2,
        }
    }
}

/// What happens to one run.
#[derive(Debug, Default)]
struct RunPlan {
    /// Paragraph offsets where the run is cut, with the marks that go there.
    cuts: BTreeMap<usize, Vec<Mark>>,
    before: Vec<Mark>,
    after: Vec<Mark>,
    deleted: Vec<Range<usize>>,
}

/// Builds the edited part.
pub(crate) struct Editor<'a> {
    source: &'a str,
    scan: &'a Scan,
    w: String,
    stamp: Stamp<'a>,
    edits: Vec<(Range<usize>, String)>,
}

impl<'a> Editor<'a> {
    pub fn new(source: &'a str, scan: &'a Scan, w: &str, stamp: Stamp<'a>) -> Self {
        Editor {
            source,
            scan,
            w: w.to_string(),
            stamp,
            edits: Vec::new(),
        }
    }

    /// Plan the edits of one paragraph. Replacements must have passed [`can_delete`] and
    /// must not overlap.
    pub fn paragraph(
        &mut self,
        index: usize,
        plan: &ParagraphPlan,
        ids: &mut Ids,
    ) -> Result<(), AnnotateError> {
        let paragraph = &self.scan.paragraphs[index];
        let mut runs: BTreeMap<usize, RunPlan> = BTreeMap::new();
        let mut marks: Vec<(usize, Mark)> = Vec::new();
        for (id, range) in &plan.comments {
            if range.start >= range.end {
                continue;
            }
            marks.push((range.start, Mark::CommentStart(*id)));
            marks.push((range.end, Mark::CommentEnd(*id)));
        }
        for (range, text) in &plan.replacements {
            let Some(last) = segment_ending_at(paragraph, range.end) else {
                continue;
            };
            let properties_from = paragraph.segments[last].run;
            // The deletion's edges are cuts; each touched run records the deleted range.
            for segment in &paragraph.segments {
                if segment.range.end <= range.start || segment.range.start >= range.end {
                    continue;
                }
                let run_plan = runs.entry(segment.run).or_default();
                if !run_plan.deleted.contains(range) {
                    run_plan.deleted.push(range.clone());
                }
                for edge in [range.start, range.end] {
                    if segment.range.start < edge && edge < segment.range.end {
                        run_plan.cuts.entry(edge).or_default();
                    }
                }
            }
            for (r, plan) in runs.iter_mut() {
                let (start, end) = run_extent(paragraph, *r);
                for edge in [range.start, range.end] {
                    if start < edge && edge < end {
                        plan.cuts.entry(edge).or_default();
                    }
                }
            }
            marks.push((
                range.end,
                Mark::Insert {
                    text: text.clone(),
                    properties_from,
                },
            ));
        }
        marks.sort_by_key(|(at, mark)| (*at, mark.order()));
        for (at, mark) in marks {
            let found = if mark.is_end() {
                segment_ending_at(paragraph, at)
            } else {
                segment_starting_at(paragraph, at)
            };
            let Some(s) = found else { continue };
            let segment = &paragraph.segments[s];
            let run = &self.scan.runs[segment.run];
            let child = &run.children[segment.child];
            let (run_start, run_end) = run_extent(paragraph, segment.run);
            let splittable = child.kind == ChildKind::Text && child.content.is_some();
            // Snap a position inside something that cannot be cut to its edge.
            let at = if splittable || at == segment.range.start || at == segment.range.end {
                at
            } else if mark.is_end() {
                segment.range.end
            } else {
                segment.range.start
            };
            let plan = runs.entry(segment.run).or_default();
            if mark.is_end() && at == run_end {
                plan.after.push(mark);
            } else if !mark.is_end() && at == run_start {
                plan.before.push(mark);
            } else {
                plan.cuts.entry(at).or_default().push(mark);
            }
        }
        for (r, plan) in runs {
            let run = &self.scan.runs[r];
            let xml = self.run_xml(paragraph, r, run, &plan, ids)?;
            self.edits.push((run.range.clone(), xml));
        }
        if !plan.new_paragraphs.is_empty() {
            let mut xml = String::new();
            for (style, text) in &plan.new_paragraphs {
                xml.push_str(&self.new_paragraph(style.as_deref(), text, ids)?);
            }
            let end = paragraph.range.end;
            self.edits.push((end..end, xml));
        }
        Ok(())
    }

    fn stamp_attrs(&self, id: i64) -> String {
        format!(
            r#" {w}:id="{id}" {w}:author="{author}" {w}:date="{date}""#,
            w = self.w,
            author = escape_attr(self.stamp.author),
            date = escape_attr(self.stamp.date)
        )
    }

    fn mark_xml(&self, mark: &Mark, ids: &mut Ids) -> Result<String, AnnotateError> {
        let w = &self.w;
        Ok(match mark {
            Mark::CommentStart(id) => format!(r#"<{w}:commentRangeStart {w}:id="{id}"/>"#),
            Mark::CommentEnd(id) => format!(
                r#"<{w}:commentRangeEnd {w}:id="{id}"/><{w}:r><{w}:commentReference {w}:id="{id}"/></{w}:r>"#
            ),
            Mark::Insert {
                text,
                properties_from,
            } => {
                let run = &self.scan.runs[*properties_from];
                let properties = match run.properties() {
                    Some(p) => renumber(&self.source[p.range.clone()], w, ids)?,
                    None => String::new(),
                };
                let id = ids.next()?;
                format!(
                    r#"<{w}:ins{stamp}><{w}:r>{properties}<{w}:t xml:space="preserve">{text}</{w}:t></{w}:r></{w}:ins>"#,
                    stamp = self.stamp_attrs(id),
                    text = escape_text(text)
                )
            }
        })
    }

    fn marks_xml(&self, marks: &[Mark], ids: &mut Ids) -> Result<String, AnnotateError> {
        let mut sorted: Vec<&Mark> = marks.iter().collect();
        sorted.sort_by_key(|m| m.order());
        let mut out = String::new();
        for mark in sorted {
            out.push_str(&self.mark_xml(mark, ids)?);
        }
        Ok(out)
    }

    /// The run again, cut into pieces with marks between them.
    fn run_xml(
        &self,
        paragraph: &Paragraph,
        index: usize,
        run: &Run,
        plan: &RunPlan,
        ids: &mut Ids,
    ) -> Result<String, AnnotateError> {
        let (run_start, run_end) = run_extent(paragraph, index);
        let cuts: Vec<usize> = plan
            .cuts
            .keys()
            .copied()
            .filter(|c| run_start < *c && *c < run_end)
            .collect();
        let mut out = self.marks_xml(&plan.before, ids)?;
        if cuts.is_empty() && plan.deleted.is_empty() {
            out.push_str(&self.source[run.range.clone()]);
        } else {
            // Boundaries of the pieces, in paragraph offsets.
            let mut bounds = vec![run_start];
            bounds.extend(cuts.iter().copied());
            bounds.push(run_end);
            let mut pieces: Vec<Vec<Fragment>> = vec![Vec::new(); bounds.len() - 1];
            let piece_of = |pos: usize| -> usize {
                // Zero-width children on a cut go with the later piece.
                cuts.iter().filter(|c| **c <= pos).count()
            };
            let mut pos = run_start;
            for (c, child) in run.children.iter().enumerate() {
                if child.kind == ChildKind::Properties {
                    continue;
                }
                let len = child.visible.len();
                let split = child.kind == ChildKind::Text
                    && len > 0
                    && cuts.iter().any(|cut| pos < *cut && *cut < pos + len);
                if split {
                    let Some((_, map)) = &child.content else {
                        continue;
                    };
                    let mut from = pos;
                    let mut edges: Vec<usize> = cuts
                        .iter()
                        .copied()
                        .filter(|cut| pos < *cut && *cut < pos + len)
                        .collect();
                    edges.push(pos + len);
                    for to in edges {
                        let raw = map[from - pos]..map[to - pos];
                        pieces[piece_of(from)].push(Fragment::Text(raw));
                        from = to;
                    }
                } else {
                    pieces[piece_of(pos)].push(Fragment::Child(c));
                }
                pos += len;
            }
            let qname = element_name(&self.source[run.start_tag.clone()]);
            for (i, piece) in pieces.iter().enumerate() {
                if i > 0 {
                    if let Some(marks) = plan.cuts.get(&bounds[i]) {
                        out.push_str(&self.marks_xml(marks, ids)?);
                    }
                }
                if piece.is_empty() {
                    continue;
                }
                let deleted = plan
                    .deleted
                    .iter()
                    .any(|d| d.start <= bounds[i] && bounds[i + 1] <= d.end);
                let properties = match run.properties() {
                    Some(p) if i == 0 => self.source[p.range.clone()].to_string(),
                    Some(p) => renumber(&self.source[p.range.clone()], &self.w, ids)?,
                    None => String::new(),
                };
                let mut body = String::new();
                for fragment in piece {
                    body.push_str(&self.fragment_xml(run, fragment, deleted));
                }
                let piece_xml = format!(
                    "{}{properties}{body}</{qname}>",
                    &self.source[run.start_tag.clone()]
                );
                if deleted {
                    let id = ids.next()?;
                    out.push_str(&format!(
                        "<{w}:del{stamp}>{piece_xml}</{w}:del>",
                        w = self.w,
                        stamp = self.stamp_attrs(id)
                    ));
                } else {
                    out.push_str(&piece_xml);
                }
            }
        }
        out.push_str(&self.marks_xml(&plan.after, ids)?);
        Ok(out)
    }

    fn fragment_xml(&self, run: &Run, fragment: &Fragment, deleted: bool) -> String {
        let w = &self.w;
        let tag = if deleted { "delText" } else { "t" };
        match fragment {
            Fragment::Text(raw) => format!(
                r#"<{w}:{tag} xml:space="preserve">{}</{w}:{tag}>"#,
                &self.source[raw.clone()]
            ),
            Fragment::Child(c) => {
                let child = &run.children[*c];
                match (&child.content, deleted) {
                    (Some((content, _)), true) if child.kind == ChildKind::Text => format!(
                        r#"<{w}:{tag} xml:space="preserve">{}</{w}:{tag}>"#,
                        &self.source[content.clone()]
                    ),
                    _ => self.source[child.range.clone()].to_string(),
                }
            }
        }
    }

    fn new_paragraph(
        &self,
        style: Option<&str>,
        text: &str,
        ids: &mut Ids,
    ) -> Result<String, AnnotateError> {
        let w = &self.w;
        let style = style
            .map(|s| format!(r#"<{w}:pStyle {w}:val="{}"/>"#, escape_attr(s)))
            .unwrap_or_default();
        let mark = ids.next()?;
        let content = ids.next()?;
        Ok(format!(
            r#"<{w}:p><{w}:pPr>{style}<{w}:rPr><{w}:ins{mark}/></{w}:rPr></{w}:pPr><{w}:ins{content}><{w}:r><{w}:t xml:space="preserve">{text}</{w}:t></{w}:r></{w}:ins></{w}:p>"#,
            mark = self.stamp_attrs(mark),
            content = self.stamp_attrs(content),
            text = escape_text(text)
        ))
    }

    /// The edited part.
    pub fn finish(mut self) -> String {
        self.edits
            .sort_by_key(|(range, _)| (range.start, range.end));
        let mut out = String::with_capacity(self.source.len() + 4096);
        let mut at = 0;
        for (range, text) in &self.edits {
            if range.start < at {
                // Overlapping edits cannot happen by construction; never corrupt the
                // part if they somehow do.
                continue;
            }
            out.push_str(&self.source[at..range.start]);
            out.push_str(text);
            at = range.end;
        }
        out.push_str(&self.source[at..]);
        out
    }
}

#[derive(Debug, Clone)]
enum Fragment {
    /// A slice of a `w:t`'s raw content.
    Text(Range<usize>),
    /// A whole run child, by index.
    Child(usize),
}

/// The first and last paragraph offsets of a run's visible text.
fn run_extent(paragraph: &Paragraph, run: usize) -> (usize, usize) {
    let mut start = usize::MAX;
    let mut end = 0;
    for s in paragraph.segments.iter().filter(|s| s.run == run) {
        start = start.min(s.range.start);
        end = end.max(s.range.end);
    }
    (start, end)
}

/// The segment holding the character at `at`.
fn segment_starting_at(paragraph: &Paragraph, at: usize) -> Option<usize> {
    paragraph
        .segments
        .iter()
        .position(|s| s.range.start <= at && at < s.range.end)
}

/// The segment holding the character before `at`.
fn segment_ending_at(paragraph: &Paragraph, at: usize) -> Option<usize> {
    paragraph
        .segments
        .iter()
        .position(|s| s.range.start < at && at <= s.range.end)
}

/// The qualified name of an element from its start tag (`<w:r w:rsidR="1">` → `w:r`).
fn element_name(start_tag: &str) -> &str {
    let inner = start_tag.trim_start_matches('<');
    let end = inner
        .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
        .unwrap_or(inner.len());
    &inner[..end]
}

/// A copy of an XML fragment (run properties) with every `w:id` given a fresh value, so
/// a copied property change (`w:rPrChange`) does not repeat a revision id.
pub(crate) fn renumber(fragment: &str, w: &str, ids: &mut Ids) -> Result<String, AnnotateError> {
    let key = format!("{w}:id");
    if !fragment.contains(&key) {
        return Ok(fragment.to_string());
    }
    let mut reader = Reader::from_str(fragment);
    let mut out = String::with_capacity(fragment.len());
    let mut at = 0;
    loop {
        let before = reader.buffer_position() as usize;
        let event = match reader.read_event() {
            Ok(Event::Eof) | Err(_) => break,
            Ok(event) => event,
        };
        let after = reader.buffer_position() as usize;
        let (start, empty) = match &event {
            Event::Start(s) => (s, false),
            Event::Empty(s) => (s, true),
            _ => continue,
        };
        if !start
            .attributes()
            .with_checks(false)
            .flatten()
            .any(|a| a.key.as_ref() == key)
        {
            continue;
        }
        let mut tag = format!("<{}", start.name().as_ref());
        for attr in start.attributes().with_checks(false).flatten() {
            let name = attr.key.as_ref().to_string();
            let value = if attr.key.as_ref() == key {
                ids.next()?.to_string()
            } else {
                attr.value.to_string()
            };
            let quote = if value.contains('"') { '\'' } else { '"' };
            tag.push_str(&format!(" {name}={quote}{value}{quote}"));
        }
        tag.push_str(if empty { "/>" } else { ">" });
        out.push_str(&fragment[at..before]);
        out.push_str(&tag);
        at = after;
    }
    out.push_str(&fragment[at..]);
    Ok(out)
}

/// Escape text for element content, dropping characters XML 1.0 cannot hold.
pub(crate) fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\n' | '\r' | '\t' => out.push(' '),
            c if is_xml_char(c) => out.push(c),
            _ => {}
        }
    }
    out
}

/// Escape text for a double-quoted attribute value.
pub(crate) fn escape_attr(text: &str) -> String {
    escape_text(text).replace('"', "&quot;")
}

fn is_xml_char(c: char) -> bool {
    matches!(c, '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn element_names_come_from_start_tags() {
        assert_eq!(element_name(r#"<w:r w:rsidR="1">"#), "w:r");
        assert_eq!(element_name("<x:r>"), "x:r");
    }

    #[test]
    fn renumbering_changes_only_ids() {
        let mut ids = Ids::new(&[7], 0).unwrap();
        let fragment =
            r#"<w:rPr><w:b/><w:rPrChange w:id="3" w:author="A"><w:rPr/></w:rPrChange></w:rPr>"#;
        let out = renumber(fragment, "w", &mut ids).unwrap();
        assert_eq!(
            out,
            r#"<w:rPr><w:b/><w:rPrChange w:id="8" w:author="A"><w:rPr/></w:rPrChange></w:rPr>"#
        );
        assert_eq!(
            renumber("<w:rPr><w:i/></w:rPr>", "w", &mut ids).unwrap(),
            "<w:rPr><w:i/></w:rPr>"
        );
    }

    #[test]
    fn escaping_drops_what_xml_cannot_hold() {
        assert_eq!(escape_text("a & <b>\u{1}"), "a &amp; &lt;b&gt;");
        assert_eq!(escape_attr("say \"x\""), "say &quot;x&quot;");
    }
}
