//! Running a page's content streams far enough to know where every character lands.
//!
//! A PDF page is a program: text appears through `Tj`, `TJ`, `'` and `"`, positioned by
//! the text matrix (`Tm`, `Td`, `TD`, `T*`, `TL`), the text state (`Tf`, `Tc`, `Tw`, `Tz`,
//! `Ts`) and the graphics state (`q`, `Q`, `cm`), possibly inside form XObjects (`Do`).
//! lopdf's `extract_text` returns strings without positions, and positions are how lines,
//! words and paragraphs are recovered, so this module interprets those operators itself
//! (operations come from lopdf's `Content::decode_iter`) and emits one [`Glyph`] per
//! character code, in reading space (see [`super::open`]).
//!
//! Everything is bounded: decompressed content per stream and in total (from [`Limits`]),
//! the number of operations, glyphs, graphics-state depth and form nesting.

use super::font::Font;
use super::guard::contain;
use super::open::Page;
use crate::ingest::{IngestError, Limits};
use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::HashMap;
use std::rc::Rc;

/// Most content-stream operations run for one document.
pub(super) const MAX_OPERATIONS: u64 = 50_000_000;
/// Most glyphs kept for one document.
pub(super) const MAX_GLYPHS: usize = 20_000_000;
/// Deepest `q` nesting honoured; deeper saves are counted but not stored.
const MAX_STATE_DEPTH: usize = 256;
/// Deepest form XObject nesting followed.
const MAX_FORM_DEPTH: usize = 12;

/// An affine transform `[a b c d e f]`, as PDF writes them: a point (x, y) maps to
/// (a x + c y + e, b x + d y + f).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Matrix {
    pub a: f32,
    pub b: f32,
    pub c: f32,
    pub d: f32,
    pub e: f32,
    pub f: f32,
}

impl Matrix {
    pub const IDENTITY: Matrix = Matrix::new(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);

    pub const fn new(a: f32, b: f32, c: f32, d: f32, e: f32, f: f32) -> Matrix {
        Matrix { a, b, c, d, e, f }
    }

    pub fn translate(x: f32, y: f32) -> Matrix {
        Matrix::new(1.0, 0.0, 0.0, 1.0, x, y)
    }

    /// `self` then `then`: the PDF product `self × then`.
    pub fn then(self, then: Matrix) -> Matrix {
        let m = self;
        let n = then;
        Matrix {
            a: m.a * n.a + m.b * n.c,
            b: m.a * n.b + m.b * n.d,
            c: m.c * n.a + m.d * n.c,
            d: m.c * n.b + m.d * n.d,
            e: m.e * n.a + m.f * n.c + n.e,
            f: m.e * n.b + m.f * n.d + n.f,
        }
    }

    #[cfg(test)]
    pub fn apply(self, x: f32, y: f32) -> (f32, f32) {
        (
            self.a * x + self.c * y + self.e,
            self.b * x + self.d * y + self.f,
        )
    }

    fn is_finite(&self) -> bool {
        [self.a, self.b, self.c, self.d, self.e, self.f]
            .iter()
            .all(|v| v.is_finite())
    }

    fn from_operands(operands: &[Object]) -> Option<Matrix> {
        let v: Vec<f32> = operands.iter().filter_map(|o| o.as_float().ok()).collect();
        let m = match v.as_slice() {
            [a, b, c, d, e, f] => Matrix::new(*a, *b, *c, *d, *e, *f),
            _ => return None,
        };
        m.is_finite().then_some(m)
    }
}

/// One character code as drawn, in reading space (points, origin top-left, y down).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Glyph {
    /// The text the code stands for (usually one character; ligatures and ToUnicode
    /// sequences can be longer).
    pub text: String,
    /// Where the glyph's baseline starts.
    pub x: f32,
    pub y: f32,
    /// The glyph's advance along the baseline, without character or word spacing.
    pub width: f32,
    /// The font size as drawn (the height of an em in reading space).
    pub size: f32,
    /// False for rotated, skewed or mirrored text.
    pub upright: bool,
    /// Which show operation drew it, counted from 0 on the page; keeps rotated runs whole.
    pub run: u32,
}

/// What one page's content held besides glyphs.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct PageStats {
    /// Codes the fonts gave no text for.
    pub undecodable: usize,
    /// Image XObjects or inline images drawn.
    pub images: usize,
}

/// Resource budgets shared by all pages of one document.
#[derive(Debug)]
pub(super) struct Budget {
    stream_bytes: usize,
    bytes_left: usize,
    operations_left: u64,
    glyphs_left: usize,
}

impl Budget {
    pub fn new(limits: &Limits) -> Budget {
        Budget {
            stream_bytes: usize::try_from(limits.max_part_bytes).unwrap_or(usize::MAX),
            bytes_left: usize::try_from(limits.max_unpacked_bytes).unwrap_or(usize::MAX),
            operations_left: MAX_OPERATIONS,
            glyphs_left: MAX_GLYPHS,
        }
    }

    /// The most one stream may decompress to now.
    pub fn stream_limit(&self) -> usize {
        self.stream_bytes.min(self.bytes_left)
    }

    fn take_bytes(&mut self, n: usize) -> Result<(), IngestError> {
        self.bytes_left = self.bytes_left.checked_sub(n).ok_or_else(|| {
            IngestError::Pdf(
                "the page content inflates past the size limit (a decompression bomb?); refusing to read it"
                    .into(),
            )
        })?;
        Ok(())
    }
}

/// What is kept between pages of one document: fonts already built, by object id (or,
/// for direct dictionaries, by address), and form XObject content already decompressed,
/// so a logo drawn on every page is inflated, and counted against the budget, once.
#[derive(Default)]
pub(super) struct Cache {
    fonts: HashMap<FontKey, Rc<Font>>,
    forms: HashMap<ObjectId, Rc<Vec<u8>>>,
}

#[derive(Hash, PartialEq, Eq, Clone, Copy)]
enum FontKey {
    Object(ObjectId),
    Direct(usize),
}

/// Resource dictionaries in lookup order (the nearest first).
#[derive(Clone)]
struct Resources<'a> {
    dicts: Vec<&'a Dictionary>,
}

impl<'a> Resources<'a> {
    fn of_page(doc: &'a Document, page: ObjectId) -> Resources<'a> {
        let mut dicts = Vec::new();
        if let Ok((direct, ids)) = doc.get_page_resources(page) {
            dicts.extend(direct);
            dicts.extend(ids.iter().filter_map(|id| doc.get_dictionary(*id).ok()));
        }
        Resources { dicts }
    }

    /// `/category /name`, with the object id when it is an indirect object.
    fn lookup(
        &self,
        doc: &'a Document,
        category: &[u8],
        name: &[u8],
    ) -> Option<(Option<ObjectId>, &'a Object)> {
        self.dicts.iter().find_map(|dict| {
            let table = doc.dereference(dict.get(category).ok()?).ok()?.1;
            let entry = table.as_dict().ok()?.get(name).ok()?;
            match entry {
                Object::Reference(id) => Some((Some(*id), doc.get_object(*id).ok()?)),
                other => Some((None, other)),
            }
        })
    }
}

#[derive(Clone)]
struct GraphicsState {
    ctm: Matrix,
    font: Option<Rc<Font>>,
    size: f32,
    char_spacing: f32,
    word_spacing: f32,
    scale: f32,
    leading: f32,
    rise: f32,
}

/// The interpreter for one page.
struct Interpreter<'a, 'b> {
    doc: &'a Document,
    cache: &'b mut Cache,
    budget: &'b mut Budget,
    state: GraphicsState,
    saved: Vec<GraphicsState>,
    /// `q` operations beyond [`MAX_STATE_DEPTH`] not yet matched by `Q`.
    unsaved: usize,
    tm: Matrix,
    tlm: Matrix,
    forms: Vec<ObjectId>,
    /// Open marked-content sequences; `Some` for those carrying `/ActualText`.
    marked: Vec<Option<ActualText>>,
    run: u32,
    glyphs: Vec<Glyph>,
    stats: PageStats,
    bounds: (f32, f32),
}

/// A marked-content span whose `/ActualText` replaces the glyphs drawn inside it (writers
/// use it for scripts the font cannot map, for ligatures and for hyphenation).
struct ActualText {
    text: String,
    /// The first glyph drawn inside, and the right edge of the last.
    first: Option<Glyph>,
    right: f32,
}

/// Glyphs drawn on `page`, in content order.
pub(super) fn page_glyphs(
    doc: &Document,
    page: &Page,
    cache: &mut Cache,
    budget: &mut Budget,
) -> Result<(Vec<Glyph>, PageStats), IngestError> {
    let limit = budget.stream_limit();
    let content = contain("reading a page's content", || {
        doc.get_page_content_with_limit(page.id, limit)
    })?
    .map_err(|e| match e {
        lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. }) => {
            IngestError::Pdf(format!(
                "page {} has content that inflates past {limit} bytes (a decompression bomb?); refusing to read it",
                page.number
            ))
        }
        other => IngestError::Pdf(format!("page {} cannot be read ({other})", page.number)),
    })?;
    budget.take_bytes(content.len())?;
    let mut interpreter = Interpreter::new(
        doc,
        cache,
        budget,
        page.transform,
        (page.width, page.height),
    );
    let resources = Resources::of_page(doc, page.id);
    interpreter.run(&content, &resources)?;
    // Spans left open at the end of the page still stand for their glyphs.
    while !interpreter.marked.is_empty() {
        interpreter.end_marked();
    }
    Ok((interpreter.glyphs, interpreter.stats))
}

impl<'a, 'b> Interpreter<'a, 'b> {
    /// An interpreter at the start of a page: the page's transform `ctm`, no font yet,
    /// nothing drawn; `bounds` is the page's width and height.
    fn new(
        doc: &'a Document,
        cache: &'b mut Cache,
        budget: &'b mut Budget,
        ctm: Matrix,
        bounds: (f32, f32),
    ) -> Self {
        Interpreter {
            doc,
            cache,
            budget,
            state: GraphicsState {
                ctm,
                font: None,
                size: 0.0,
                char_spacing: 0.0,
                word_spacing: 0.0,
                scale: 1.0,
                leading: 0.0,
                rise: 0.0,
            },
            saved: Vec::new(),
            unsaved: 0,
            tm: Matrix::IDENTITY,
            tlm: Matrix::IDENTITY,
            forms: Vec::new(),
            marked: Vec::new(),
            run: 0,
            glyphs: Vec::new(),
            stats: PageStats::default(),
            bounds,
        }
    }
}

impl<'a> Interpreter<'a, '_> {
    fn run(&mut self, content: &[u8], resources: &Resources<'a>) -> Result<(), IngestError> {
        let operations = contain("decoding a content stream", || {
            let mut ops = Vec::new();
            for op in Content::decode_iter(content) {
                // A syntax error ends the stream; what came before it is kept.
                let Ok(op) = op else { break };
                ops.push(op);
                if ops.len() as u64 > self.budget.operations_left {
                    break;
                }
            }
            ops
        })?;
        for op in &operations {
            if self.budget.operations_left == 0 {
                return Err(IngestError::Pdf(format!(
                    "the document has more than {MAX_OPERATIONS} drawing operations; refusing to read it"
                )));
            }
            self.budget.operations_left -= 1;
            self.operation(&op.operator, &op.operands, resources)?;
        }
        Ok(())
    }

    fn operation(
        &mut self,
        operator: &str,
        operands: &[Object],
        resources: &Resources<'a>,
    ) -> Result<(), IngestError> {
        let num = |i: usize| {
            operands
                .get(i)
                .and_then(|o| o.as_float().ok())
                .filter(|v| v.is_finite())
        };
        match operator {
            "q" => {
                if self.saved.len() < MAX_STATE_DEPTH {
                    self.saved.push(self.state.clone());
                } else {
                    self.unsaved += 1;
                }
            }
            "Q" => {
                if self.unsaved > 0 {
                    self.unsaved -= 1;
                } else if let Some(state) = self.saved.pop() {
                    self.state = state;
                }
            }
            "cm" => {
                if let Some(m) = Matrix::from_operands(operands) {
                    self.state.ctm = m.then(self.state.ctm);
                }
            }
            "BT" => {
                self.tm = Matrix::IDENTITY;
                self.tlm = Matrix::IDENTITY;
            }
            "Tf" => {
                if let Some(size) = num(1) {
                    self.state.size = size;
                }
                let name = operands.first().and_then(|o| o.as_name().ok());
                self.state.font = name.and_then(|n| self.font(resources, n));
            }
            "Tc" => self.state.char_spacing = num(0).unwrap_or(0.0),
            "Tw" => self.state.word_spacing = num(0).unwrap_or(0.0),
            "Tz" => self.state.scale = num(0).unwrap_or(100.0) / 100.0,
            "TL" => self.state.leading = num(0).unwrap_or(0.0),
            "Ts" => self.state.rise = num(0).unwrap_or(0.0),
            "Td" | "TD" => {
                if let (Some(x), Some(y)) = (num(0), num(1)) {
                    if operator == "TD" {
                        self.state.leading = -y;
                    }
                    self.next_line(x, y);
                }
            }
            "Tm" => {
                if let Some(m) = Matrix::from_operands(operands) {
                    self.tm = m;
                    self.tlm = m;
                }
            }
            "T*" => self.next_line(0.0, -self.state.leading),
            "Tj" => {
                if let Some(Object::String(bytes, _)) = operands.first() {
                    self.show(bytes)?;
                }
            }
            "'" => {
                self.next_line(0.0, -self.state.leading);
                if let Some(Object::String(bytes, _)) = operands.first() {
                    self.show(bytes)?;
                }
            }
            "\"" => {
                self.state.word_spacing = num(0).unwrap_or(self.state.word_spacing);
                self.state.char_spacing = num(1).unwrap_or(self.state.char_spacing);
                self.next_line(0.0, -self.state.leading);
                if let Some(Object::String(bytes, _)) = operands.get(2) {
                    self.show(bytes)?;
                }
            }
            "TJ" => {
                if let Some(Object::Array(items)) = operands.first() {
                    for item in items {
                        match item {
                            Object::String(bytes, _) => self.show(bytes)?,
                            other => {
                                if let Ok(n) = other.as_float() {
                                    if n.is_finite() {
                                        let tx = -n / 1000.0 * self.state.size * self.state.scale;
                                        self.tm = Matrix::translate(tx, 0.0).then(self.tm);
                                    }
                                }
                            }
                        }
                    }
                }
            }
            "Do" => {
                if let Some(name) = operands.first().and_then(|o| o.as_name().ok()) {
                    self.xobject(resources, name)?;
                }
            }
            "BI" => self.stats.images += 1,
            "BMC" => self.marked.push(None),
            "BDC" => {
                let properties = match operands.get(1) {
                    Some(Object::Name(name)) => resources
                        .lookup(self.doc, b"Properties", name)
                        .map(|(_, o)| o),
                    other => other,
                };
                let actual = properties
                    .and_then(|o| o.as_dict().ok())
                    .and_then(|d| d.get(b"ActualText").ok())
                    .and_then(|o| self.doc.dereference(o).ok())
                    .and_then(|(_, o)| lopdf::decode_text_string(o).ok());
                self.marked.push(actual.map(|text| ActualText {
                    text,
                    first: None,
                    right: 0.0,
                }));
            }
            "EMC" => self.end_marked(),
            _ => {}
        }
        Ok(())
    }

    /// Close the innermost marked-content span. An `/ActualText` span that drew glyphs,
    /// and is not itself inside another, becomes one glyph carrying its text.
    fn end_marked(&mut self) {
        let Some(Some(span)) = self.marked.pop() else {
            return;
        };
        if self.marked.iter().any(Option::is_some) {
            return;
        }
        if let Some(first) = span.first {
            if self.budget.glyphs_left > 0 {
                self.budget.glyphs_left -= 1;
                self.glyphs.push(Glyph {
                    text: span.text,
                    width: (span.right - first.x).max(0.0),
                    ..first
                });
            }
        }
    }

    fn next_line(&mut self, x: f32, y: f32) {
        self.tlm = Matrix::translate(x, y).then(self.tlm);
        self.tm = self.tlm;
    }

    fn font(&mut self, resources: &Resources<'a>, name: &[u8]) -> Option<Rc<Font>> {
        let (id, object) = resources.lookup(self.doc, b"Font", name)?;
        let dict = object.as_dict().ok()?;
        let key = match id {
            Some(id) => FontKey::Object(id),
            None => FontKey::Direct(dict as *const Dictionary as usize),
        };
        if let Some(font) = self.cache.fonts.get(&key) {
            return Some(font.clone());
        }
        let limit = self.budget.stream_limit();
        let doc = self.doc;
        let font = Rc::new(contain("reading a font", || Font::load(doc, dict, limit)).ok()?);
        self.cache.fonts.insert(key, font.clone());
        Some(font)
    }

    fn show(&mut self, bytes: &[u8]) -> Result<(), IngestError> {
        let run = self.run;
        self.run = self.run.wrapping_add(1);
        let Some(font) = self.state.font.clone() else {
            self.stats.undecodable += bytes.len();
            return Ok(());
        };
        let s = &self.state;
        let base = Matrix::new(s.size * s.scale, 0.0, 0.0, s.size, 0.0, s.rise);
        for (code, len) in font.codes(bytes) {
            let w0 = font.width(code, len);
            let trm = base.then(self.tm).then(self.state.ctm);
            let word_space = if font.is_word_space(code, len) {
                self.state.word_spacing
            } else {
                0.0
            };
            let advance =
                (w0 * self.state.size + self.state.char_spacing + word_space) * self.state.scale;
            self.tm = Matrix::translate(advance, 0.0).then(self.tm);
            if !trm.is_finite() {
                continue;
            }
            let size = (trm.c * trm.c + trm.d * trm.d).sqrt();
            let along = (trm.a * trm.a + trm.b * trm.b).sqrt();
            let (x, y) = (trm.e, trm.f);
            // Text outside the visible page is not part of what a person reads.
            let (w, h) = self.bounds;
            if !(-2.0..=w + 2.0).contains(&x) || !(-2.0..=h + 2.0).contains(&y) || size < 0.5 {
                continue;
            }
            let upright = trm.a > 0.0
                && trm.d < 0.0
                && trm.b.abs() <= 0.05 * trm.a
                && trm.c.abs() <= 0.05 * trm.d.abs();
            let width = w0 * along;
            if let Some(span) = self.marked.iter_mut().flatten().next() {
                // Inside /ActualText: remember where, the span supplies the text.
                span.right = span.right.max(x + width);
                span.first.get_or_insert(Glyph {
                    text: String::new(),
                    x,
                    y,
                    width,
                    size,
                    upright,
                    run,
                });
                continue;
            }
            let Some(text) = font.text(code, len) else {
                self.stats.undecodable += 1;
                continue;
            };
            if self.budget.glyphs_left == 0 {
                return Err(IngestError::Pdf(format!(
                    "the document draws more than {MAX_GLYPHS} characters; refusing to read it"
                )));
            }
            self.budget.glyphs_left -= 1;
            self.glyphs.push(Glyph {
                text,
                x,
                y,
                width,
                size,
                upright,
                run,
            });
        }
        Ok(())
    }

    fn xobject(&mut self, resources: &Resources<'a>, name: &[u8]) -> Result<(), IngestError> {
        let Some((id, object)) = resources.lookup(self.doc, b"XObject", name) else {
            return Ok(());
        };
        let Ok(stream) = object.as_stream() else {
            return Ok(());
        };
        let subtype = stream.dict.get(b"Subtype").and_then(Object::as_name).ok();
        if subtype == Some(b"Image".as_slice()) {
            self.stats.images += 1;
            return Ok(());
        }
        if subtype != Some(b"Form".as_slice()) || self.forms.len() >= MAX_FORM_DEPTH {
            return Ok(());
        }
        // Streams are always indirect objects, so a form has an id; a form drawing
        // itself, directly or not, is drawn once.
        let Some(id) = id else {
            return Ok(());
        };
        if self.forms.contains(&id) {
            return Ok(());
        }
        let content = match self.cache.forms.get(&id) {
            Some(content) => content.clone(),
            None => {
                let limit = self.budget.stream_limit();
                let content = match contain("reading a form XObject", || {
                    stream.get_plain_content_with_limit(limit)
                })? {
                    Ok(content) => content,
                    Err(lopdf::Error::Decompress(
                        lopdf::DecompressError::MemoryLimitExceeded { .. },
                    )) => {
                        return Err(IngestError::Pdf(format!(
                            "a form XObject inflates past {limit} bytes (a decompression bomb?); refusing to read it"
                        )))
                    }
                    Err(_) => return Ok(()),
                };
                self.budget.take_bytes(content.len())?;
                let content = Rc::new(content);
                self.cache.forms.insert(id, content.clone());
                content
            }
        };
        let own = stream
            .dict
            .get(b"Resources")
            .ok()
            .and_then(|o| self.doc.dereference(o).ok())
            .and_then(|(_, o)| o.as_dict().ok());
        let mut inner = resources.clone();
        if let Some(own) = own {
            inner.dicts.insert(0, own);
        }
        let matrix = stream
            .dict
            .get(b"Matrix")
            .ok()
            .and_then(|o| o.as_array().ok())
            .and_then(|a| Matrix::from_operands(a))
            .unwrap_or(Matrix::IDENTITY);
        // The form runs with its own save stack: it cannot restore states saved outside it.
        let saved = (self.state.clone(), self.tm, self.tlm);
        let outer_stack = std::mem::take(&mut self.saved);
        let outer_unsaved = std::mem::replace(&mut self.unsaved, 0);
        self.state.ctm = matrix.then(self.state.ctm);
        self.forms.push(id);
        let result = self.run(&content, &inner);
        self.forms.pop();
        self.saved = outer_stack;
        self.unsaved = outer_unsaved;
        (self.state, self.tm, self.tlm) = saved;
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Run `content` on a 600x800 page with one test font (every glyph 500 units wide)
    /// available as /F1.
    fn glyphs(content: &[u8]) -> Vec<Glyph> {
        let mut doc = Document::with_version("1.5");
        let font_id = doc.add_object(Object::Dictionary(Dictionary::new()));
        let mut font_table = Dictionary::new();
        font_table.set("F1", Object::Reference(font_id));
        let mut resources = Dictionary::new();
        resources.set("Font", Object::Dictionary(font_table));
        // /Fm1: a form that shows "f" and then draws itself again.
        let form = lopdf::Stream::new(
            lopdf::dictionary! { "Type" => "XObject", "Subtype" => "Form" },
            b"BT /F1 10 Tf 300 300 Td (f) Tj ET /Fm1 Do".to_vec(),
        );
        let form_id = doc.add_object(form);
        let mut xobjects = Dictionary::new();
        xobjects.set("Fm1", Object::Reference(form_id));
        resources.set("XObject", Object::Dictionary(xobjects));
        let mut fonts = Cache::default();
        fonts
            .fonts
            .insert(FontKey::Object(font_id), Rc::new(Font::for_tests(500.0)));
        let mut budget = Budget::new(&Limits::default());
        let mut interpreter = Interpreter::new(
            &doc,
            &mut fonts,
            &mut budget,
            Matrix::new(1.0, 0.0, 0.0, -1.0, 0.0, 800.0),
            (600.0, 800.0),
        );
        let resources = Resources {
            dicts: vec![&resources],
        };
        interpreter.run(content, &resources).unwrap();
        interpreter.glyphs
    }

    fn at(g: &[Glyph], text: &str) -> (f32, f32) {
        let g = g.iter().find(|g| g.text == text).expect(text);
        (g.x, g.y)
    }

    #[test]
    fn positions_follow_the_text_matrix() {
        let g = glyphs(b"BT /F1 12 Tf 14 TL 100 700 Td (ab) Tj T* (c) Tj 0 -20 TD (d) Tj (e) ' ET");
        assert_eq!(at(&g, "a"), (100.0, 100.0));
        assert_eq!(at(&g, "b"), (106.0, 100.0), "500 units at 12pt = 6pt");
        assert_eq!(at(&g, "c"), (100.0, 114.0));
        assert_eq!(at(&g, "d"), (100.0, 134.0));
        assert_eq!(at(&g, "e"), (100.0, 154.0), "TD set the leading to 20");
        assert!(g
            .iter()
            .all(|g| g.upright && g.size == 12.0 && g.width == 6.0));
    }

    #[test]
    fn tj_adjustments_spacing_and_cm() {
        let g = glyphs(
            b"2 0 0 2 0 0 cm BT /F1 10 Tf 1 0 0 1 10 390 Tm [(a) -1000 (b)] TJ 2 Tc (cd) Tj ET",
        );
        assert_eq!(at(&g, "a"), (20.0, 20.0));
        // a: 5pt advance, -1000 moves 10pt more: b at 10+5+10 = 25 text units, x2 = 50.
        assert_eq!(at(&g, "b"), (50.0, 20.0));
        assert_eq!(at(&g, "c"), (60.0, 20.0));
        assert_eq!(at(&g, "d"), (74.0, 20.0), "5pt + 2pt char spacing, x2");
        assert_eq!(g[0].size, 20.0);
    }

    #[test]
    fn q_and_q_restore_the_matrix_and_rotation_is_flagged() {
        let g = glyphs(
            b"q 0 1 -1 0 300 300 cm BT /F1 10 Tf (r) Tj ET Q BT /F1 10 Tf 50 50 Td (u) Tj ET",
        );
        let r = g.iter().find(|g| g.text == "r").unwrap();
        assert!(!r.upright);
        let u = g.iter().find(|g| g.text == "u").unwrap();
        assert!(u.upright);
        assert_eq!((u.x, u.y), (50.0, 750.0));
    }

    #[test]
    fn actual_text_replaces_the_glyphs_it_covers() {
        let g = glyphs(
            b"BT /F1 10 Tf 100 700 Td (a) Tj /Span <</ActualText <FEFF0A1C0A47>>> BDC (xy) Tj EMC (b) Tj \
              /P <</MCID 3>> BDC (c) Tj EMC ET",
        );
        let texts: Vec<&str> = g.iter().map(|g| g.text.as_str()).collect();
        assert_eq!(texts, ["a", "ਜੇ", "b", "c"]);
        assert_eq!((g[1].x, g[1].width), (105.0, 10.0));
    }

    #[test]
    fn a_form_that_draws_itself_is_drawn_once() {
        let g = glyphs(b"q 1 0 0 1 0 -100 cm /Fm1 Do Q /Fm1 Do");
        let at: Vec<(f32, f32)> = g.iter().map(|g| (g.x, g.y)).collect();
        assert_eq!(at, [(300.0, 600.0), (300.0, 500.0)]);
    }

    #[test]
    fn garbage_content_is_harmless() {
        for content in [
            &b"BT ) ( Tj ET"[..],
            b"Q Q Q Q q q cm cm Tm 1 2 Td",
            b"BT /F1 1e38 Tf 1e38 0 0 1e38 0 0 Tm (x) Tj ET",
            b"[[[[[[[[[[[[[[[[[[",
            b"BI /W 1 /H 1 ID \x00 EI",
        ] {
            let _ = glyphs(content);
        }
    }

    #[test]
    fn the_operation_budget_is_enforced() {
        let doc = Document::with_version("1.5");
        let mut fonts = Cache::default();
        let mut budget = Budget::new(&Limits::default());
        budget.operations_left = 10;
        let mut interpreter = Interpreter::new(
            &doc,
            &mut fonts,
            &mut budget,
            Matrix::IDENTITY,
            (600.0, 800.0),
        );
        let content = "q Q ".repeat(20);
        let err = interpreter
            .run(content.as_bytes(), &Resources { dicts: vec![] })
            .unwrap_err();
        assert!(err.to_string().contains("drawing operations"), "{err}");
    }

    #[test]
    fn unbalanced_q_nesting_is_bounded() {
        let content = "q ".repeat(10_000) + "BT /F1 10 Tf 10 10 Td (x) Tj ET";
        let g = glyphs(content.as_bytes());
        assert_eq!(g.len(), 1);
    }
}
