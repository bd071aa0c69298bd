//! Walking WordprocessingML content (the body, cells, text boxes, notes, headers) into
//! blocks, in reading order, as a reader sees it.
//!
//! Text:
//! - Word splits text into runs at every edit, spell-check mark and bookmark; runs are
//!   joined, and the markers between them (`w:proofErr`, `w:bookmarkStart`, comment
//!   ranges, permissions) are ignored.
//! - `w:tab` is a space, `w:br` and `w:cr` a line break (a page-type break also counts a
//!   page, see [`super::pages`]), `w:noBreakHyphen` a hyphen, `w:softHyphen` nothing, and
//!   `w:sym` the character it shows (Symbol and Wingdings glyphs mapped to Unicode where
//!   the meaning is clear: bullets, ticks, arrows; others dropped).
//! - Hyperlinks, smart tags, content controls (`w:sdt`), custom XML and simple fields
//!   show their content. Complex fields (`w:fldChar` begin / separate / end) show their
//!   cached result: everything between begin and separate is field code and hidden,
//!   including the results of fields nested in the code (`IF { MERGEFIELD x } ...`).
//! - `mc:AlternateContent` shows exactly one branch: the first `mc:Choice`, else the
//!   `mc:Fallback`. Both usually hold the same text box, so reading both would repeat it.
//! - Text boxes (`w:txbxContent`) become their own paragraphs right after the paragraph
//!   that anchors them (in a cell, note or header: lines after that paragraph's line).
//! - An image shows its description (`wp:docPr/@descr`, the alt text a screen reader
//!   speaks) inline as "[image: description]"; images without one show nothing.
//! - Comments are not document text: comment marks are skipped and `comments.xml` is
//!   never read. Ruby guide text (`w:rt`) is skipped; the base text is kept. Runs marked
//!   hidden (`w:vanish` in the run's own properties) are not shown, so not read.
//!
//! Tracked changes read as if all were accepted: `w:ins` and `w:moveTo` content is in,
//! `w:del`, `w:moveFrom` and `w:delText` are out, a row marked deleted disappears, and a
//! paragraph whose mark is deleted joins the paragraph after it. Property changes
//! (`w:pPrChange`, `w:rPrChange`) hold the *old* properties and are ignored.
//!
//! Blocks: a paragraph is a heading (see [`super::styles`]), a list item (label from
//! [`super::numbering`]) or a plain paragraph. A numbered heading keeps its label at the
//! start of its text ("2.1 Funding"), since a heading block has no label of its own.
//! Tables are read row by row, cell by cell; each cell is one block with its paragraphs
//! on separate lines (a list paragraph's label starts its line), and its column counts
//! grid columns (`w:gridBefore`, `w:gridSpan`), so a merged cell keeps the column it
//! starts in. A table nested in a cell splits the cell: the cell's text before the nested
//! table, then the nested table's cells, then the rest of the cell. Tables are numbered
//! in the order they start. Tables inside notes and headers are read as lines.

use super::notes::{NoteKind, NoteRefs};
use super::numbering::{Counters, Numbering};
use super::pages::Pages;
use super::styles::Styles;
use super::xml::{is_on, Element, Ns};
use crate::document::{BlockKind, DocumentBuilder};

/// Deepest complex-field nesting tracked (real documents nest two or three).
const MAX_FIELD_NESTING: usize = 64;

/// The parsed parts the walker consults.
pub(super) struct Context<'a> {
    pub styles: &'a Styles,
    pub numbering: &'a Numbering,
}

/// Where finished paragraphs go.
pub(super) enum Sink {
    /// Each paragraph is its own block (the body, and text boxes in it).
    Blocks,
    /// Paragraphs are gathered as lines of one block (notes, headers, footers).
    Lines(Lines),
    /// Paragraphs are gathered as lines of one table cell.
    Cell(Cell),
}

/// Paragraph texts gathered for one block, and the page of the first.
#[derive(Debug, Default)]
pub(super) struct Lines {
    pub lines: Vec<String>,
    pub page: Option<u32>,
}

impl Lines {
    fn push(&mut self, line: String, page: Option<u32>) {
        if line.trim().is_empty() {
            return;
        }
        if self.lines.is_empty() {
            self.page = page;
        }
        self.lines.push(line);
    }

    /// The block text: the lines joined by line breaks.
    pub fn text(&self) -> String {
        self.lines.join("\n")
    }
}

/// A table cell being gathered.
pub(super) struct Cell {
    lines: Lines,
    table: u32,
    row: u32,
    column: u32,
}

/// What a paragraph's inline content produced.
#[derive(Default)]
struct Inline<'e> {
    text: String,
    /// The page of the first visible character.
    page: Option<u32>,
    seen_text: bool,
    /// Text boxes anchored in the paragraph, read after it.
    text_boxes: Vec<&'e Element>,
    /// A note reference with a custom mark, waiting for the text that shows it.
    custom_mark: Option<usize>,
}

/// The walker: running state for one document (counters, pages, tables, notes).
pub(super) struct Walker<'a> {
    ctx: Context<'a>,
    pub builder: DocumentBuilder,
    counters: Counters,
    pages: Pages,
    /// Whether section i (0-based, in document order) starts on a new page.
    sections: Vec<bool>,
    section: usize,
    tables: u32,
    pub notes: NoteRefs,
    /// True while walking the main document: only then are pages counted and note
    /// references recorded.
    in_body: bool,
    /// Text of paragraphs whose paragraph mark was deleted, waiting to join the next.
    carry: Option<(String, Option<u32>)>,
    /// Open complex fields, innermost last: `false` while in the field code (between
    /// `begin` and `separate`), `true` in the result.
    fields: Vec<bool>,
    warned_alt_chunk: bool,
}

impl<'a> Walker<'a> {
    pub fn new(
        ctx: Context<'a>,
        builder: DocumentBuilder,
        pages: Pages,
        sections: Vec<bool>,
    ) -> Self {
        Walker {
            ctx,
            builder,
            counters: Counters::default(),
            pages,
            sections,
            section: 0,
            tables: 0,
            notes: NoteRefs::default(),
            in_body: false,
            carry: None,
            fields: Vec::new(),
            warned_alt_chunk: false,
        }
    }

    /// Walk the main document's `w:body` into blocks.
    pub fn body(&mut self, body: &Element) {
        self.in_body = true;
        self.blocks(body, &mut Sink::Blocks);
        self.in_body = false;
    }

    /// Walk a note, header or footer: its paragraphs as lines of one block. List
    /// numbering in headers and footers runs separately from the body's.
    pub fn lines(&mut self, container: &Element, separate_numbering: bool) -> Lines {
        let saved = separate_numbering.then(|| std::mem::take(&mut self.counters));
        let fields = std::mem::take(&mut self.fields);
        let mut sink = Sink::Lines(Lines::default());
        self.blocks(container, &mut sink);
        if let Some(saved) = saved {
            self.counters = saved;
        }
        self.fields = fields;
        match sink {
            Sink::Lines(lines) => lines,
            _ => Lines::default(),
        }
    }

    /// Walk a block container (body, cell, text box, note, header, content control).
    fn blocks(&mut self, container: &Element, sink: &mut Sink) {
        let outer = self.carry.take();
        self.block_children(container, sink);
        if let Some((text, page)) = self.carry.take() {
            self.emit(sink, BlockKind::Paragraph, text.trim().to_string(), page);
        }
        self.carry = outer;
    }

    fn block_children(&mut self, container: &Element, sink: &mut Sink) {
        for child in container.elements() {
            match (child.ns, &*child.name) {
                (Ns::W, "p") => self.paragraph(child, sink),
                (Ns::W, "tbl") => self.table(child, sink),
                (Ns::W, "sdt") => {
                    if let Some(content) = child.w("sdtContent") {
                        self.block_children(content, sink);
                    }
                }
                (Ns::W, "customXml" | "ins" | "moveTo" | "smartTag") => {
                    self.block_children(child, sink)
                }
                (Ns::Mc, "AlternateContent") => {
                    if let Some(branch) = choose_branch(child) {
                        self.block_children(branch, sink);
                    }
                }
                (Ns::W, "altChunk") if !self.warned_alt_chunk => {
                    self.warned_alt_chunk = true;
                    self.builder.warn(
                        "the document embeds another file (w:altChunk) whose text was not read; open and re-save it in Word to merge it",
                    );
                }
                // Deleted content, properties, bookmarks, proofing and comment marks.
                _ => {}
            }
        }
    }

    fn emit(&mut self, sink: &mut Sink, kind: BlockKind, text: String, page: Option<u32>) {
        match sink {
            Sink::Blocks => self.builder.push(kind, &text, page, None),
            Sink::Lines(lines) | Sink::Cell(Cell { lines, .. }) => {
                let line = match kind {
                    BlockKind::ListItem { label, .. } if !label.is_empty() => {
                        format!("{label} {text}")
                    }
                    _ => text,
                };
                lines.push(line, page);
            }
        }
    }

    fn paragraph(&mut self, p: &Element, sink: &mut Sink) {
        let ppr = p.w("pPr");
        let style = ppr.and_then(|p| p.w_val("pStyle"));
        if self.in_body && is_on(ppr.and_then(|p| p.w("pageBreakBefore"))) {
            self.pages.explicit_break();
        }
        let mut inline = Inline::default();
        for child in p.elements() {
            self.inline(child, &mut inline);
        }
        // A field result may run over many paragraphs (a table of contents), but a field
        // code left open at a paragraph's end is damage: stop hiding text for it.
        self.fields.retain(|showing| *showing);
        let mut text = inline.text;
        let mut page = inline.page.or_else(|| self.pages.current());
        if let Some((carried, carried_page)) = self.carry.take() {
            if !carried.trim().is_empty() {
                page = carried_page.or(page);
            }
            let mut joined = carried;
            joined.push_str(&text);
            text = joined;
        }
        let mark_deleted = ppr
            .and_then(|p| p.w("rPr"))
            .is_some_and(|r| r.w("del").is_some() || r.w("moveFrom").is_some());
        if mark_deleted {
            // Accepting the deletion joins this paragraph to the next one.
            self.carry = Some((text, page));
        } else {
            let mut text = text.trim().to_string();
            let kind = self.kind(ppr, style, &mut text);
            self.emit(sink, kind, text, page);
        }
        for text_box in inline.text_boxes {
            self.blocks(text_box, sink);
        }
        if self.in_body && ppr.and_then(|p| p.w("sectPr")).is_some() {
            self.section += 1;
            if self.sections.get(self.section).copied().unwrap_or(false) {
                self.pages.explicit_break();
            }
        }
    }

    /// Decide a paragraph's kind, counting its list number; a numbered heading gets its
    /// label prepended to `text`.
    fn kind(&mut self, ppr: Option<&Element>, style: Option<&str>, text: &mut String) -> BlockKind {
        let own_outline = ppr
            .and_then(|p| p.w_val("outlineLvl"))
            .and_then(|v| v.trim().parse().ok());
        let heading = self.ctx.styles.heading_level(style, own_outline);
        let label = self.list_label(ppr, style);
        match (heading, label) {
            (Some(level), Some(label)) => {
                if !label.text.is_empty() {
                    *text = format!("{} {text}", label.text);
                }
                BlockKind::Heading { level }
            }
            (Some(level), None) => BlockKind::Heading { level },
            (None, Some(label)) => BlockKind::ListItem {
                level: label.level,
                label: label.text,
            },
            (None, None) => BlockKind::Paragraph,
        }
    }

    fn list_label(
        &mut self,
        ppr: Option<&Element>,
        style: Option<&str>,
    ) -> Option<super::numbering::Label> {
        let own = ppr.and_then(|p| p.w("numPr"));
        let from_style = self.ctx.styles.numbering(style);
        let num_id = own
            .and_then(|n| n.w_val("numId"))
            .map(str::to_string)
            .or_else(|| from_style.as_ref().map(|s| s.num_id.clone()))?;
        let ilvl = own
            .and_then(|n| n.w_val("ilvl"))
            .and_then(|v| v.trim().parse::<u8>().ok())
            .or_else(|| from_style.as_ref().and_then(|s| s.ilvl))
            .or_else(|| {
                style.and_then(|s| {
                    self.ctx
                        .numbering
                        .level_for_style(&num_id, s, self.ctx.styles)
                })
            })
            .unwrap_or(0);
        self.counters
            .next(self.ctx.numbering, self.ctx.styles, &num_id, ilvl)
    }

    /// Add visible text to a paragraph, noting the page of its first character. Nothing
    /// inside a field code is visible.
    fn push_text(&mut self, out: &mut Inline<'_>, text: &str) {
        if text.is_empty() || self.fields.iter().any(|showing| !showing) {
            return;
        }
        if !out.seen_text && text.chars().any(|c| !c.is_whitespace()) {
            out.seen_text = true;
            out.page = self.pages.current();
            if self.in_body {
                self.pages.text_seen();
            }
        }
        if let Some(index) = out.custom_mark.take() {
            self.notes.set_custom_mark(index, text);
        }
        out.text.push_str(text);
    }

    fn inline<'e>(&mut self, element: &'e Element, out: &mut Inline<'e>) {
        match element.ns {
            Ns::W => self.inline_w(element, out),
            Ns::Mc if &*element.name == "AlternateContent" => {
                if let Some(branch) = choose_branch(element) {
                    for child in branch.elements() {
                        self.inline(child, out);
                    }
                }
            }
            Ns::Wp if &*element.name == "docPr" => {
                let description = element
                    .attr(Ns::None, "descr")
                    .map(str::trim)
                    .filter(|d| !d.is_empty());
                if let Some(description) = description {
                    let shown = format!("[image: {description}]");
                    self.push_text(out, &shown);
                }
            }
            Ns::M if &*element.name == "t" => {
                let text = element.text();
                self.push_text(out, &text);
            }
            _ => {
                for child in element.elements() {
                    self.inline(child, out);
                }
            }
        }
    }

    fn inline_w<'e>(&mut self, element: &'e Element, out: &mut Inline<'e>) {
        match &*element.name {
            "r" if is_on(element.w("rPr").and_then(|r| r.w("vanish"))) => {}
            "t" => {
                let text = element.text();
                self.push_text(out, &text);
            }
            "tab" | "ptab" => self.push_text(out, " "),
            "br" => {
                if self.in_body && element.w_attr("type") == Some("page") {
                    self.pages.explicit_break();
                }
                self.push_text(out, "\n");
            }
            "cr" => self.push_text(out, "\n"),
            "noBreakHyphen" => self.push_text(out, "-"),
            "sym" => {
                if let Some(c) = element
                    .w_attr("char")
                    .and_then(|code| symbol(element.w_attr("font"), code))
                {
                    self.push_text(out, c.encode_utf8(&mut [0; 4]));
                }
            }
            "lastRenderedPageBreak" => {
                if self.in_body {
                    self.pages.rendered_break();
                }
            }
            "footnoteReference" | "endnoteReference" => {
                if self.in_body {
                    if let Some(id) = element.w_attr("id") {
                        let kind = if &*element.name == "footnoteReference" {
                            NoteKind::Foot
                        } else {
                            NoteKind::End
                        };
                        let custom = element
                            .w_attr("customMarkFollows")
                            .is_some_and(|v| matches!(v, "1" | "true" | "on"));
                        let page = self.pages.current();
                        let index = self.notes.reference(kind, id, page, custom);
                        if custom {
                            out.custom_mark = index;
                        }
                    }
                }
            }
            "txbxContent" => out.text_boxes.push(element),
            "fldChar" => match element.w_attr("fldCharType") {
                Some("begin") if self.fields.len() < MAX_FIELD_NESTING => self.fields.push(false),
                Some("separate") => {
                    if let Some(showing) = self.fields.last_mut() {
                        *showing = true;
                    }
                }
                Some("end") => {
                    self.fields.pop();
                }
                _ => {}
            },
            // Removed by accepting changes, field codes, properties (including the old
            // properties of property changes), comment marks, note marks, ruby guides.
            "del"
            | "moveFrom"
            | "delText"
            | "instrText"
            | "delInstrText"
            | "pPr"
            | "rPr"
            | "sdtPr"
            | "sdtEndPr"
            | "fldData"
            | "commentReference"
            | "annotationRef"
            | "footnoteRef"
            | "endnoteRef"
            | "separator"
            | "continuationSeparator"
            | "rt"
            | "softHyphen"
            | "tblPr"
            | "trPr"
            | "tcPr" => {}
            // Runs, hyperlinks, insertions, fields, content controls, drawings and the
            // rest: their content counts.
            _ => {
                for child in element.elements() {
                    self.inline(child, out);
                }
            }
        }
    }

    fn table(&mut self, tbl: &Element, sink: &mut Sink) {
        match sink {
            Sink::Blocks => self.table_blocks(tbl),
            Sink::Cell(cell) => {
                self.flush_cell(cell);
                self.table_blocks(tbl);
            }
            Sink::Lines(_) => {
                for row in rows(tbl) {
                    for cell in cells(row) {
                        self.blocks(cell, sink);
                    }
                }
            }
        }
    }

    fn table_blocks(&mut self, tbl: &Element) {
        self.tables += 1;
        let table = self.tables;
        for (row_number, row) in (1u32..).zip(rows(tbl)) {
            let before = row
                .w("trPr")
                .and_then(|p| p.w_val("gridBefore"))
                .and_then(|v| v.trim().parse::<u32>().ok())
                .unwrap_or(0);
            let mut column = 1u32.saturating_add(before);
            for cell in cells(row) {
                let span = cell
                    .w("tcPr")
                    .and_then(|p| p.w_val("gridSpan"))
                    .and_then(|v| v.trim().parse::<u32>().ok())
                    .unwrap_or(1)
                    .max(1);
                let mut sink = Sink::Cell(Cell {
                    lines: Lines::default(),
                    table,
                    row: row_number,
                    column,
                });
                self.blocks(cell, &mut sink);
                if let Sink::Cell(cell) = &mut sink {
                    self.flush_cell(cell);
                }
                column = column.saturating_add(span);
            }
        }
    }

    /// Push what a cell has gathered so far as its block.
    fn flush_cell(&mut self, cell: &mut Cell) {
        let lines = std::mem::take(&mut cell.lines);
        self.builder.push(
            BlockKind::TableCell {
                table: cell.table,
                row: cell.row,
                column: cell.column,
            },
            &lines.text(),
            lines.page,
            None,
        );
    }
}

/// The rows of a table as displayed: `w:tr`, also inside content controls and custom
/// XML, without rows whose deletion is tracked.
fn rows(tbl: &Element) -> Vec<&Element> {
    let mut out = Vec::new();
    collect(tbl, "tr", &mut out);
    out.retain(|row| {
        !row.w("trPr")
            .is_some_and(|p| p.w("del").is_some() || p.w("moveFrom").is_some())
    });
    out
}

/// The cells of a row, without cells whose deletion is tracked.
fn cells(row: &Element) -> Vec<&Element> {
    let mut out = Vec::new();
    collect(row, "tc", &mut out);
    out.retain(|cell| cell.w("tcPr").is_none_or(|p| p.w("cellDel").is_none()));
    out
}

fn collect<'e>(parent: &'e Element, name: &str, out: &mut Vec<&'e Element>) {
    for child in parent.elements() {
        if child.is_w(name) {
            out.push(child);
        } else if child.is_w("sdt") {
            if let Some(content) = child.w("sdtContent") {
                collect(content, name, out);
            }
        } else if child.is_w("customXml") || child.is_w("ins") || child.is_w("moveTo") {
            collect(child, name, out);
        }
    }
}

/// The one branch of `mc:AlternateContent` to read: the first `mc:Choice`, else the
/// `mc:Fallback`.
fn choose_branch(alternate: &Element) -> Option<&Element> {
    alternate
        .child(Ns::Mc, "Choice")
        .or_else(|| alternate.child(Ns::Mc, "Fallback"))
}

/// The character a `w:sym` shows. Codes in the private-use block F000-F0FF address a
/// symbol font's own encoding; the common glyphs of Symbol and Wingdings are mapped,
/// other fonts' codes are taken as Unicode, and anything unmappable is dropped.
fn symbol(font: Option<&str>, code: &str) -> Option<char> {
    let code = u32::from_str_radix(code.trim(), 16).ok()?;
    let low = if (0xF000..=0xF0FF).contains(&code) {
        code - 0xF000
    } else {
        code
    };
    let font = font.unwrap_or("").to_ascii_lowercase();
    if font.starts_with("symbol") {
        return Some(match low {
            0xB7 => '•',
            0x2D => '−',
            0xB4 | 0xD7 => '×',
            0xB0 => '°',
            0xB1 => '±',
            0xA3 => '≤',
            0xB3 => '≥',
            0xB9 => '≠',
            0xBB => '≈',
            0xA5 => '∞',
            0xAE => '→',
            0xAC => '←',
            0xD2 | 0xE2 => '®',
            0xD3 | 0xE3 => '©',
            0xD4 | 0xE4 => '™',
            0x20..=0x40 => char::from_u32(low)?,
            _ => return None,
        });
    }
    if font.starts_with("wingdings") {
        return Some(match low {
            0xFC => '✓',
            0xFB => '✗',
            0xFE => '☑',
            0xFD => '☒',
            0x6F | 0xA8 => '□',
            0x6E => '■',
            0x6C => '●',
            0xA7 => '▪',
            0x9F => '•',
            0xD8 => '➢',
            0xE0 | 0xE8 => '→',
            _ => return None,
        });
    }
    if (0xE000..=0xF8FF).contains(&code) {
        return None;
    }
    char::from_u32(code).filter(|c| !c.is_control())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbols_map_where_the_meaning_is_clear() {
        assert_eq!(symbol(Some("Symbol"), "F0B7"), Some('•'));
        assert_eq!(symbol(Some("Wingdings"), "F0FC"), Some('✓'));
        assert_eq!(symbol(Some("Wingdings"), "F021"), None);
        assert_eq!(symbol(Some("Arial"), "2013"), Some('–'));
        assert_eq!(symbol(None, "F0B7"), None);
        assert_eq!(symbol(None, "zz"), None);
    }
}
