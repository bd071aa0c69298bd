//! Fonts: how the bytes of a shown string split into character codes, what text each code
//! stands for, and how far each one advances.
//!
//! Positions matter as much as characters here: word spaces and line structure are
//! recovered from where glyphs land, so every code needs its width. The text of a code
//! comes from, in order: the font's `/ToUnicode` CMap (parsed by [`super::cmap`], never by
//! lopdf's unbounded parser); for simple fonts, the `/Encoding` (a base encoding plus
//! `/Differences`, decoded with lopdf's tables through [`lopdf::Document::decode_text`]);
//! for composite fonts with a predefined UCS-2 CMap, the code itself. A code with none of
//! these is counted as undecodable rather than guessed.

use super::cmap::{self, CMap, CodeRange};
use lopdf::{Dictionary, Document, Object};

/// How a shown string splits into codes.
#[derive(Debug, Clone)]
enum CodeSpace {
    OneByte,
    TwoByte,
    Ranges(Vec<CodeRange>),
}

/// Glyph widths, in text-space units per unit of font size (1000 glyph units = 1.0).
#[derive(Debug, Clone)]
enum Widths {
    Simple {
        first: u32,
        widths: Vec<f32>,
        missing: f32,
    },
    /// No `/Widths`: one of the standard 14 fonts, or a broken file.
    Standard(Standard),
    Composite {
        default: f32,
        /// (first CID, last CID, width), sorted by first CID.
        ranges: Vec<(u32, u32, f32)>,
    },
}

#[derive(Debug, Clone, Copy)]
enum Standard {
    Helvetica,
    Times,
    Courier,
    Other,
}

/// A font ready for decoding shown strings.
#[derive(Debug, Clone)]
pub(super) struct Font {
    codes: CodeSpace,
    to_unicode: Option<CMap>,
    /// Simple fonts: the text of each byte code from the font's encoding.
    simple: Option<Vec<Option<String>>>,
    /// Composite fonts whose predefined CMap is UCS-2/UTF-16: codes are Unicode.
    ucs2: bool,
    /// Composite fonts with an embedded CMap: code to CID for widths.
    cids: Option<CMap>,
    widths: Widths,
    /// Glyph space to text space for widths (1/1000, or a Type 3 font's FontMatrix).
    scale: f32,
}

/// At most this many entries are read from a `/W` or `/Widths` array.
const MAX_WIDTH_ENTRIES: usize = 100_000;

impl Font {
    /// Build a font from its dictionary. Never fails: what cannot be read falls back to
    /// defaults, and undecodable codes are reported by [`Font::text`] returning `None`.
    /// `max_stream` bounds the decompressed size of the CMap streams read.
    pub fn load(doc: &Document, dict: &Dictionary, max_stream: usize) -> Font {
        let subtype = name(doc, dict, b"Subtype").unwrap_or_default();
        let base_font = name(doc, dict, b"BaseFont").unwrap_or_default();
        let to_unicode = get(doc, dict, b"ToUnicode")
            .and_then(|o| o.as_stream().ok())
            .and_then(|s| s.get_plain_content_with_limit(max_stream).ok())
            .map(|bytes| cmap::parse(&bytes))
            .filter(|c| !c.is_empty());
        if subtype == b"Type0" {
            return Self::composite(doc, dict, to_unicode, max_stream);
        }
        let scale = if subtype == b"Type3" {
            get(doc, dict, b"FontMatrix")
                .and_then(|o| o.as_array().ok())
                .and_then(|a| a.first())
                .and_then(|o| number(doc, o))
                .filter(|v| v.is_finite() && *v != 0.0)
                .map_or(0.001, f32::abs)
        } else {
            0.001
        };
        let widths = simple_widths(doc, dict, &base_font);
        Font {
            codes: CodeSpace::OneByte,
            to_unicode,
            simple: Some(simple_table(doc, dict, &base_font)),
            ucs2: false,
            cids: None,
            widths,
            scale,
        }
    }

    fn composite(
        doc: &Document,
        dict: &Dictionary,
        to_unicode: Option<CMap>,
        max_stream: usize,
    ) -> Font {
        let mut codes = CodeSpace::TwoByte;
        let mut ucs2 = false;
        let mut cids = None;
        match get(doc, dict, b"Encoding") {
            Some(Object::Name(n)) => {
                let n = String::from_utf8_lossy(n);
                ucs2 = n.contains("UCS2") || n.contains("UTF16");
            }
            Some(Object::Stream(s)) => {
                if let Ok(bytes) = s.get_plain_content_with_limit(max_stream) {
                    let embedded = cmap::parse(&bytes);
                    if !embedded.codespace.is_empty() {
                        codes = CodeSpace::Ranges(embedded.codespace.clone());
                    }
                    cids = Some(embedded);
                }
            }
            _ => {}
        }
        let descendant = get(doc, dict, b"DescendantFonts")
            .and_then(|o| o.as_array().ok())
            .and_then(|a| a.first())
            .and_then(|o| deref(doc, o))
            .and_then(|o| o.as_dict().ok());
        let widths = descendant.map_or(
            Widths::Composite {
                default: 1.0,
                ranges: Vec::new(),
            },
            |d| composite_widths(doc, d),
        );
        Font {
            codes,
            to_unicode,
            simple: None,
            ucs2,
            cids,
            widths,
            scale: 0.001,
        }
    }

    /// Split a shown string into (code, length in bytes).
    pub fn codes(&self, bytes: &[u8]) -> Vec<(u32, u8)> {
        match &self.codes {
            CodeSpace::OneByte => bytes.iter().map(|b| (*b as u32, 1)).collect(),
            CodeSpace::TwoByte => bytes
                .chunks(2)
                .map(|c| {
                    (
                        c.iter().fold(0u32, |a, b| (a << 8) | *b as u32),
                        c.len() as u8,
                    )
                })
                .collect(),
            CodeSpace::Ranges(ranges) => {
                let mut out = Vec::with_capacity(bytes.len());
                let mut i = 0;
                while i < bytes.len() {
                    let rest = &bytes[i..];
                    let n = ranges
                        .iter()
                        .filter(|r| r.matches(rest))
                        .map(|r| r.len as usize)
                        .min()
                        .unwrap_or(1)
                        .clamp(1, rest.len().min(4));
                    let code = rest[..n].iter().fold(0u32, |a, b| (a << 8) | *b as u32);
                    out.push((code, n as u8));
                    i += n;
                }
                out
            }
        }
    }

    /// The text a code stands for, or `None` when the font gives no way to know.
    pub fn text(&self, code: u32, len: u8) -> Option<String> {
        if let Some(map) = &self.to_unicode {
            // Some writers declare codes with a different byte length than they show.
            let found = map
                .unicode(code, len)
                .or_else(|| (1..=4).find_map(|l| (l != len).then(|| map.unicode(code, l))?));
            if let Some(s) = found.filter(|s| usable(s)) {
                return Some(s);
            }
        }
        if let Some(table) = &self.simple {
            return table.get(code as usize).cloned().flatten();
        }
        if self.ucs2 {
            return char::from_u32(code).map(String::from).filter(|s| usable(s));
        }
        None
    }

    /// The advance of a code in text-space units per unit of font size.
    pub fn width(&self, code: u32, len: u8) -> f32 {
        let glyph_units = match &self.widths {
            Widths::Simple {
                first,
                widths,
                missing,
            } => code
                .checked_sub(*first)
                .and_then(|i| widths.get(i as usize))
                .copied()
                .unwrap_or(*missing),
            Widths::Standard(standard) => return standard_width(*standard, code),
            Widths::Composite { default, ranges } => {
                let cid = self
                    .cids
                    .as_ref()
                    .and_then(|c| c.cid(code, len))
                    .unwrap_or(code);
                let i = ranges.partition_point(|r| r.0 <= cid);
                match ranges[..i].last() {
                    Some(&(_, last, w)) if cid <= last => w,
                    _ => *default,
                }
            }
        };
        glyph_units * self.scale
    }

    /// Whether `Tw` (word spacing) applies to this code: single-byte code 32 only.
    pub fn is_word_space(&self, code: u32, len: u8) -> bool {
        code == 32 && len == 1
    }

    /// A simple font with the given text for byte codes, every glyph `width` wide (in
    /// glyph units); for unit tests of the content interpreter.
    #[cfg(test)]
    pub fn for_tests(width: f32) -> Font {
        Font {
            codes: CodeSpace::OneByte,
            to_unicode: None,
            simple: Some(
                (0u8..=255)
                    .map(|b| (b.is_ascii_graphic() || b == b' ').then(|| (b as char).to_string()))
                    .collect(),
            ),
            ucs2: false,
            cids: None,
            widths: Widths::Simple {
                first: 0,
                widths: vec![width; 256],
                missing: width,
            },
            scale: 0.001,
        }
    }
}

/// A mapping result worth keeping: not empty, not NUL or other control characters.
fn usable(s: &str) -> bool {
    !s.is_empty() && s.chars().any(|c| !c.is_control())
}

fn deref<'a>(doc: &'a Document, object: &'a Object) -> Option<&'a Object> {
    doc.dereference(object).ok().map(|(_, o)| o)
}

fn get<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    deref(doc, dict.get(key).ok()?)
}

fn name(doc: &Document, dict: &Dictionary, key: &[u8]) -> Option<Vec<u8>> {
    get(doc, dict, key)?.as_name().ok().map(<[u8]>::to_vec)
}

fn number(doc: &Document, object: &Object) -> Option<f32> {
    deref(doc, object)?
        .as_float()
        .ok()
        .filter(|v| v.is_finite())
}

/// The standard-14 family a base font name belongs to (subset prefixes ignored).
fn standard_family(base_font: &[u8]) -> Standard {
    let name = String::from_utf8_lossy(base_font).to_ascii_lowercase();
    if name.contains("courier") || name.contains("mono") {
        Standard::Courier
    } else if name.contains("helvetica") || name.contains("arial") {
        Standard::Helvetica
    } else if name.contains("times") {
        Standard::Times
    } else {
        Standard::Other
    }
}

fn simple_widths(doc: &Document, dict: &Dictionary, base_font: &[u8]) -> Widths {
    let missing = get(doc, dict, b"FontDescriptor")
        .and_then(|o| o.as_dict().ok())
        .and_then(|d| get(doc, d, b"MissingWidth"))
        .and_then(|o| number(doc, o))
        .unwrap_or(0.0);
    let first = get(doc, dict, b"FirstChar")
        .and_then(|o| number(doc, o))
        .map_or(0, |v| v.max(0.0) as u32);
    match get(doc, dict, b"Widths").and_then(|o| o.as_array().ok()) {
        Some(array) => Widths::Simple {
            first,
            widths: array
                .iter()
                .take(MAX_WIDTH_ENTRIES)
                .map(|o| number(doc, o).unwrap_or(missing))
                .collect(),
            missing,
        },
        None => Widths::Standard(standard_family(base_font)),
    }
}

fn composite_widths(doc: &Document, cid_font: &Dictionary) -> Widths {
    let default = get(doc, cid_font, b"DW")
        .and_then(|o| number(doc, o))
        .unwrap_or(1000.0);
    let mut ranges = Vec::new();
    if let Some(w) = get(doc, cid_font, b"W").and_then(|o| o.as_array().ok()) {
        let mut i = 0;
        while i < w.len() && ranges.len() < MAX_WIDTH_ENTRIES {
            let Some(first) = number(doc, &w[i]).map(|v| v.max(0.0) as u32) else {
                i += 1;
                continue;
            };
            match w.get(i + 1).and_then(|o| deref(doc, o)) {
                Some(Object::Array(list)) => {
                    for (k, item) in list.iter().take(MAX_WIDTH_ENTRIES).enumerate() {
                        if let Some(width) = number(doc, item) {
                            let cid = first.saturating_add(k as u32);
                            ranges.push((cid, cid, width));
                        }
                    }
                    i += 2;
                }
                Some(other) => {
                    let last = other.as_float().ok().map(|v| v.max(0.0) as u32);
                    let width = w.get(i + 2).and_then(|o| number(doc, o));
                    if let (Some(last), Some(width)) = (last, width) {
                        if last >= first {
                            ranges.push((first, last, width));
                        }
                    }
                    i += 3;
                }
                None => break,
            }
        }
    }
    ranges.sort_by_key(|r| r.0);
    Widths::Composite { default, ranges }
}

/// Text of each byte code of a simple font, from its `/Encoding`: a base encoding (named,
/// or StandardEncoding) with `/Differences` applied. Glyph names are resolved by lopdf's
/// glyph list, plus the `uniXXXX` / `uXXXX` conventions it does not know.
fn simple_table(doc: &Document, dict: &Dictionary, base_font: &[u8]) -> Vec<Option<String>> {
    let encoding = get(doc, dict, b"Encoding");
    let base_name: &[u8] = match encoding {
        Some(Object::Name(n)) => n,
        Some(Object::Dictionary(d)) => get(doc, d, b"BaseEncoding")
            .and_then(|o| o.as_name().ok())
            .unwrap_or(b""),
        _ => b"",
    };
    let base_name = match base_name {
        b"WinAnsiEncoding" | b"MacRomanEncoding" | b"MacExpertEncoding" | b"StandardEncoding" => {
            base_name
        }
        _ => b"StandardEncoding",
    };
    let mut probe = Dictionary::new();
    probe.set("Type", Object::Name(b"Font".to_vec()));
    probe.set("Encoding", Object::Name(base_name.to_vec()));
    let mut table: Vec<Option<String>> = match probe.get_font_encoding(doc) {
        Ok(enc) => (0u8..=255)
            .map(|b| Document::decode_text(&enc, &[b]).ok().filter(|s| usable(s)))
            .collect(),
        Err(_) => vec![None; 256],
    };
    symbol_fallbacks(base_font, &mut table);
    if let Some(Object::Dictionary(d)) = encoding {
        if let Some(differences) = get(doc, d, b"Differences").and_then(|o| o.as_array().ok()) {
            let mut code: usize = 0;
            for item in differences.iter().take(MAX_WIDTH_ENTRIES) {
                match deref(doc, item) {
                    Some(Object::Integer(n)) => code = (*n).clamp(0, 255) as usize,
                    Some(Object::Name(glyph)) => {
                        if code < 256 {
                            table[code] = glyph_text(doc, glyph);
                        }
                        code += 1;
                    }
                    _ => {}
                }
            }
        }
    }
    table
}

/// The text of a glyph name, or `None` for names that carry no meaning ("g123").
fn glyph_text(doc: &Document, glyph: &[u8]) -> Option<String> {
    if let Some(s) = uni_name(glyph) {
        return Some(s);
    }
    // Ask lopdf's glyph list through a one-entry Differences array at code 0, which no
    // base encoding maps, so an unknown name comes back empty rather than wrong.
    let mut differences = Dictionary::new();
    differences.set(
        "Differences",
        Object::Array(vec![Object::Integer(0), Object::Name(glyph.to_vec())]),
    );
    let mut probe = Dictionary::new();
    probe.set("Type", Object::Name(b"Font".to_vec()));
    probe.set("Encoding", Object::Dictionary(differences));
    let enc = probe.get_font_encoding(doc).ok()?;
    Document::decode_text(&enc, &[0]).ok().filter(|s| usable(s))
}

/// `uniXXXX[XXXX...]` and `uXXXX[XX]` glyph names (Adobe Glyph List specification).
fn uni_name(glyph: &[u8]) -> Option<String> {
    let name = std::str::from_utf8(glyph).ok()?;
    let name = name.split('.').next()?;
    if let Some(hex) = name.strip_prefix("uni") {
        if hex.len() < 4 || hex.len() % 4 != 0 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        let units: Vec<u16> = (0..hex.len())
            .step_by(4)
            .filter_map(|i| u16::from_str_radix(&hex[i..i + 4], 16).ok())
            .collect();
        return Some(String::from_utf16_lossy(&units)).filter(|s| usable(s));
    }
    if let Some(hex) = name.strip_prefix('u') {
        if (4..=6).contains(&hex.len()) && hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return u32::from_str_radix(hex, 16)
                .ok()
                .and_then(char::from_u32)
                .map(String::from);
        }
    }
    None
}

/// Symbol and ZapfDingbats have their own built-in encodings; map the codes lists use.
fn symbol_fallbacks(base_font: &[u8], table: &mut [Option<String>]) {
    let name = String::from_utf8_lossy(base_font).to_ascii_lowercase();
    let pairs: &[(usize, &str)] = if name.contains("symbol") {
        &[(0xB7, "•"), (0x2D, "−"), (0xA8, "♣")]
    } else if name.contains("dingbats") {
        &[
            (0x6C, "●"),
            (0x6E, "■"),
            (0x75, "◆"),
            (0x76, "❖"),
            (0xA8, "♣"),
        ]
    } else {
        return;
    };
    for (code, text) in pairs {
        table[*code] = Some((*text).to_string());
    }
}

/// Approximate widths of the standard 14 fonts (AFM metrics, ASCII range), used only when a
/// font has no `/Widths`. Outside ASCII, half an em.
fn standard_width(standard: Standard, code: u32) -> f32 {
    #[rustfmt::skip]
    const HELVETICA: [u16; 95] = [
        278, 278, 355, 556, 556, 889, 667, 222, 333, 333, 389, 584, 278, 333, 278, 278,
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
        1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
        222, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
        556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
    ];
    #[rustfmt::skip]
    const TIMES: [u16; 95] = [
        250, 333, 408, 500, 500, 833, 778, 333, 333, 333, 500, 564, 250, 333, 250, 278,
        500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444,
        921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722,
        556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500,
        333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500,
        500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541,
    ];
    let ascii = (32..=126).contains(&code).then(|| (code - 32) as usize);
    let units = match (standard, ascii) {
        (Standard::Courier, _) => 600,
        (Standard::Helvetica, Some(i)) => HELVETICA[i],
        (Standard::Times, Some(i)) => TIMES[i],
        (_, _) if code == 32 => 250,
        _ => 500,
    };
    units as f32 * 0.001
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glyph_names_resolve_through_lopdf_and_uni_conventions() {
        let doc = Document::with_version("1.5");
        assert_eq!(glyph_text(&doc, b"A").as_deref(), Some("A"));
        assert_eq!(glyph_text(&doc, b"fi").as_deref(), Some("\u{FB01}"));
        assert_eq!(glyph_text(&doc, b"uni2022").as_deref(), Some("•"));
        assert_eq!(glyph_text(&doc, b"u1F600").as_deref(), Some("😀"));
        assert_eq!(glyph_text(&doc, b"g123"), None);
    }

    #[test]
    fn simple_fonts_read_differences_and_widths() {
        let doc = Document::with_version("1.5");
        let mut enc = Dictionary::new();
        enc.set("BaseEncoding", Object::Name(b"WinAnsiEncoding".to_vec()));
        enc.set(
            "Differences",
            Object::Array(vec![
                Object::Integer(1),
                Object::Name(b"T".to_vec()),
                Object::Name(b"h".to_vec()),
                Object::Name(b"g7".to_vec()),
            ]),
        );
        let mut font = Dictionary::new();
        font.set("Type", Object::Name(b"Font".to_vec()));
        font.set("Subtype", Object::Name(b"TrueType".to_vec()));
        font.set("Encoding", Object::Dictionary(enc));
        font.set("FirstChar", Object::Integer(1));
        font.set(
            "Widths",
            Object::Array(vec![600.into(), 500.into(), 400.into()]),
        );
        let f = Font::load(&doc, &font, 1 << 20);
        let text: Vec<Option<String>> = f
            .codes(&[1, 2, 3, 0xE9])
            .into_iter()
            .map(|(c, l)| f.text(c, l))
            .collect();
        assert_eq!(
            text,
            vec![Some("T".into()), Some("h".into()), None, Some("é".into())]
        );
        assert_eq!(f.width(1, 1), 0.6);
        assert_eq!(f.width(200, 1), 0.0, "MissingWidth defaults to 0");
    }

    #[test]
    fn composite_widths_read_both_w_forms() {
        let doc = Document::with_version("1.5");
        let mut cid = Dictionary::new();
        cid.set("DW", Object::Integer(800));
        cid.set(
            "W",
            Object::Array(vec![
                Object::Integer(3),
                Object::Array(vec![250.into(), 300.into()]),
                Object::Integer(10),
                Object::Integer(20),
                Object::Integer(500),
            ]),
        );
        let widths = composite_widths(&doc, &cid);
        let f = Font {
            codes: CodeSpace::TwoByte,
            to_unicode: None,
            simple: None,
            ucs2: true,
            cids: None,
            widths,
            scale: 0.001,
        };
        assert_eq!(f.width(4, 2), 0.3);
        assert_eq!(f.width(15, 2), 0.5);
        assert_eq!(f.width(99, 2), 0.8);
        assert_eq!(
            f.codes(&[0, 0x41, 0x20, 0x22]),
            vec![(0x41, 2), (0x2022, 2)]
        );
        assert_eq!(f.text(0x2022, 2).as_deref(), Some("•"));
    }
}
