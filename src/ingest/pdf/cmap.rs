//! A small, bounded parser for the CMaps fonts carry: `/ToUnicode` (character code to
//! Unicode) and embedded `/Encoding` CMaps (code ranges and code to CID).
//!
//! lopdf parses ToUnicode CMaps too, but its parser builds a reverse map by visiting every
//! code of every `bfrange`, so one hostile range such as `<00000000> <FFFFFFFF>` costs four
//! billion steps. This parser never expands a range: ranges are stored as ranges and looked
//! up by binary search, the tokenizer consumes at least one byte per step, and the number of
//! entries is capped. That is what makes "never hang" true for text decoding.

use std::collections::HashMap;

/// At most this many mappings are read from one CMap; the rest are ignored.
const MAX_ENTRIES: usize = 200_000;

/// One code-space range: codes of `len` bytes whose bytes each lie between the bounds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct CodeRange {
    pub len: u8,
    pub low: [u8; 4],
    pub high: [u8; 4],
}

impl CodeRange {
    /// Whether the first `len` bytes of `bytes` are a code in this range.
    pub fn matches(&self, bytes: &[u8]) -> bool {
        let n = self.len as usize;
        bytes.len() >= n && (0..n).all(|i| self.low[i] <= bytes[i] && bytes[i] <= self.high[i])
    }
}

#[derive(Debug, Clone)]
enum Target {
    /// UTF-16 code units for the range's first code; later codes add to the last unit.
    Base(Vec<u16>),
    /// One string per code.
    List(Vec<String>),
}

#[derive(Debug, Clone)]
struct Range {
    len: u8,
    low: u32,
    high: u32,
    target: Target,
}

/// A parsed CMap.
#[derive(Debug, Default, Clone)]
pub(super) struct CMap {
    pub codespace: Vec<CodeRange>,
    chars: HashMap<(u8, u32), String>,
    /// Sorted by (len, low).
    ranges: Vec<Range>,
    /// Code to CID: (len, low, high, first CID), sorted.
    cids: Vec<(u8, u32, u32, u32)>,
}

impl CMap {
    /// The Unicode text for a code of `len` bytes, if the CMap maps it.
    pub fn unicode(&self, code: u32, len: u8) -> Option<String> {
        if let Some(s) = self.chars.get(&(len, code)) {
            return Some(s.clone());
        }
        let i = self
            .ranges
            .partition_point(|r| (r.len, r.low) <= (len, code));
        let r = self.ranges[..i].last()?;
        if r.len != len || code > r.high {
            return None;
        }
        let offset = code - r.low;
        match &r.target {
            Target::Base(units) => {
                let mut units = units.clone();
                let last = units.last_mut()?;
                *last = last.wrapping_add(offset as u16);
                Some(String::from_utf16_lossy(&units))
            }
            Target::List(list) => list.get(offset as usize).cloned(),
        }
    }

    /// The CID for a code, from `cidrange` / `cidchar` entries.
    pub fn cid(&self, code: u32, len: u8) -> Option<u32> {
        let i = self
            .cids
            .partition_point(|&(l, low, _, _)| (l, low) <= (len, code));
        let &(l, low, high, first) = self.cids[..i].last()?;
        (l == len && code <= high).then(|| first.wrapping_add(code - low))
    }

    pub fn is_empty(&self) -> bool {
        self.chars.is_empty() && self.ranges.is_empty() && self.cids.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Token<'a> {
    Hex(Vec<u8>),
    Number(i64),
    Word(&'a [u8]),
    Name,
    Open,
    Close,
    Other,
}

/// Split CMap source into tokens. Every iteration consumes at least one byte.
fn tokens(src: &[u8]) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < src.len() {
        let b = src[i];
        match b {
            b'%' => {
                while i < src.len() && src[i] != b'\n' && src[i] != b'\r' {
                    i += 1;
                }
            }
            b'<' if src.get(i + 1) == Some(&b'<') => {
                out.push(Token::Other);
                i += 2;
            }
            b'>' if src.get(i + 1) == Some(&b'>') => {
                out.push(Token::Other);
                i += 2;
            }
            b'<' => {
                i += 1;
                let mut digits = Vec::new();
                while i < src.len() && src[i] != b'>' {
                    if src[i].is_ascii_hexdigit() {
                        digits.push(src[i]);
                    }
                    i += 1;
                }
                i += 1;
                if digits.len() % 2 == 1 {
                    digits.push(b'0');
                }
                let bytes = digits
                    .chunks(2)
                    .map(|pair| (hex_value(pair[0]) << 4) | hex_value(pair[1]))
                    .collect();
                out.push(Token::Hex(bytes));
            }
            b'(' => {
                // Literal strings do not occur in the sections we read; skip them whole.
                let mut depth = 0usize;
                while i < src.len() {
                    match src[i] {
                        b'\\' => i += 1,
                        b'(' => depth += 1,
                        b')' => {
                            depth = depth.saturating_sub(1);
                            if depth == 0 {
                                i += 1;
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                out.push(Token::Other);
            }
            b'[' => {
                out.push(Token::Open);
                i += 1;
            }
            b']' => {
                out.push(Token::Close);
                i += 1;
            }
            b'/' => {
                i += 1;
                while i < src.len() && is_regular(src[i]) {
                    i += 1;
                }
                out.push(Token::Name);
            }
            b if b.is_ascii_whitespace() || b == 0 => i += 1,
            _ => {
                let start = i;
                while i < src.len() && is_regular(src[i]) {
                    i += 1;
                }
                if i == start {
                    i += 1;
                    out.push(Token::Other);
                    continue;
                }
                let word = &src[start..i];
                match std::str::from_utf8(word).ok().and_then(|s| s.parse().ok()) {
                    Some(n) => out.push(Token::Number(n)),
                    None => out.push(Token::Word(word)),
                }
            }
        }
    }
    out
}

fn is_regular(b: u8) -> bool {
    !(b.is_ascii_whitespace()
        || b == 0
        || matches!(
            b,
            b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
        ))
}

fn hex_value(d: u8) -> u8 {
    match d {
        b'0'..=b'9' => d - b'0',
        b'a'..=b'f' => d - b'a' + 10,
        b'A'..=b'F' => d - b'A' + 10,
        _ => 0,
    }
}

/// A code as a big-endian number and its length; codes longer than 4 bytes are refused.
fn code(bytes: &[u8]) -> Option<(u32, u8)> {
    if bytes.is_empty() || bytes.len() > 4 {
        return None;
    }
    Some((
        bytes.iter().fold(0u32, |acc, b| (acc << 8) | *b as u32),
        bytes.len() as u8,
    ))
}

/// UTF-16BE bytes (as a ToUnicode destination) to code units. A lone byte is taken as a
/// Latin-1 character, which some writers emit.
fn utf16_units(bytes: &[u8]) -> Vec<u16> {
    if bytes.len() == 1 {
        return vec![bytes[0] as u16];
    }
    bytes
        .chunks_exact(2)
        .map(|p| u16::from_be_bytes([p[0], p[1]]))
        .collect()
}

#[derive(Clone, Copy, PartialEq)]
enum Section {
    None,
    CodeSpace,
    BfChar,
    BfRange,
    CidChar,
    CidRange,
}

/// Parse a CMap. Malformed parts are skipped; the result holds whatever was readable.
pub(super) fn parse(src: &[u8]) -> CMap {
    let mut cmap = CMap::default();
    let mut section = Section::None;
    let mut pending: Vec<Token> = Vec::new();
    let mut array: Option<Vec<String>> = None;
    let mut entries = 0usize;
    for token in tokens(src) {
        if entries >= MAX_ENTRIES {
            break;
        }
        if let Token::Word(w) = token {
            section = match w {
                b"begincodespacerange" => Section::CodeSpace,
                b"beginbfchar" => Section::BfChar,
                b"beginbfrange" => Section::BfRange,
                b"begincidchar" => Section::CidChar,
                b"begincidrange" => Section::CidRange,
                _ => Section::None,
            };
            pending.clear();
            array = None;
            continue;
        }
        if section == Section::None {
            continue;
        }
        if let Some(items) = array.as_mut() {
            match token {
                Token::Hex(bytes) => items.push(String::from_utf16_lossy(&utf16_units(&bytes))),
                Token::Close => {
                    let list = array.take().unwrap_or_default();
                    if let [Token::Hex(low), Token::Hex(high)] = pending.as_slice() {
                        if let (Some((lo, len)), Some((hi, _))) = (code(low), code(high)) {
                            if lo <= hi {
                                cmap.ranges.push(Range {
                                    len,
                                    low: lo,
                                    high: hi,
                                    target: Target::List(list),
                                });
                                entries += 1;
                            }
                        }
                    }
                    pending.clear();
                }
                _ => {}
            }
            continue;
        }
        if section == Section::BfRange && token == Token::Open && pending.len() == 2 {
            array = Some(Vec::new());
            continue;
        }
        pending.push(token);
        match (section, pending.as_slice()) {
            (Section::CodeSpace, [Token::Hex(low), Token::Hex(high)]) => {
                if !low.is_empty() && low.len() <= 4 && low.len() == high.len() {
                    let mut range = CodeRange {
                        len: low.len() as u8,
                        low: [0; 4],
                        high: [0; 4],
                    };
                    range.low[..low.len()].copy_from_slice(low);
                    range.high[..high.len()].copy_from_slice(high);
                    cmap.codespace.push(range);
                    entries += 1;
                }
                pending.clear();
            }
            (Section::BfChar, [Token::Hex(src), Token::Hex(dst)]) => {
                if let Some((c, len)) = code(src) {
                    cmap.chars
                        .insert((len, c), String::from_utf16_lossy(&utf16_units(dst)));
                    entries += 1;
                }
                pending.clear();
            }
            (Section::BfRange, [Token::Hex(low), Token::Hex(high), Token::Hex(dst)]) => {
                if let (Some((lo, len)), Some((hi, _))) = (code(low), code(high)) {
                    let units = utf16_units(dst);
                    if lo <= hi && !units.is_empty() {
                        cmap.ranges.push(Range {
                            len,
                            low: lo,
                            high: hi,
                            target: Target::Base(units),
                        });
                        entries += 1;
                    }
                }
                pending.clear();
            }
            (Section::CidChar, [Token::Hex(src), Token::Number(cid)]) => {
                if let (Some((c, len)), Ok(cid)) = (code(src), u32::try_from(*cid)) {
                    cmap.cids.push((len, c, c, cid));
                    entries += 1;
                }
                pending.clear();
            }
            (Section::CidRange, [Token::Hex(low), Token::Hex(high), Token::Number(cid)]) => {
                if let (Some((lo, len)), Some((hi, _)), Ok(cid)) =
                    (code(low), code(high), u32::try_from(*cid))
                {
                    if lo <= hi {
                        cmap.cids.push((len, lo, hi, cid));
                        entries += 1;
                    }
                }
                pending.clear();
            }
            (_, p) if p.len() >= 3 => pending.clear(),
            // A token that cannot start or continue an entry: resynchronise.
            (_, [.., last]) if !matches!(last, Token::Hex(_) | Token::Number(_)) => pending.clear(),
            _ => {}
        }
    }
    cmap.ranges.sort_by_key(|r| (r.len, r.low));
    cmap.cids.sort_by_key(|&(len, low, _, _)| (len, low));
    cmap
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &[u8] = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
/CMapName /Adobe-Identity-UCS def
1 begincodespacerange <00> <FF> endcodespacerange
3 beginbfchar
<01> <0054>
<02> <FB01>
<03> <00660069>
endbfchar
2 beginbfrange
<10> <1A> <0030>
<20> <22> [<0041> <0042> <00430043>]
endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end";

    #[test]
    fn reads_chars_ranges_and_arrays() {
        let cmap = parse(SAMPLE);
        assert_eq!(cmap.codespace.len(), 1);
        assert_eq!(cmap.unicode(0x01, 1).as_deref(), Some("T"));
        assert_eq!(cmap.unicode(0x02, 1).as_deref(), Some("\u{FB01}"));
        assert_eq!(cmap.unicode(0x03, 1).as_deref(), Some("fi"));
        assert_eq!(cmap.unicode(0x10, 1).as_deref(), Some("0"));
        assert_eq!(cmap.unicode(0x19, 1).as_deref(), Some("9"));
        assert_eq!(cmap.unicode(0x1B, 1), None);
        assert_eq!(cmap.unicode(0x21, 1).as_deref(), Some("B"));
        assert_eq!(cmap.unicode(0x22, 1).as_deref(), Some("CC"));
        assert_eq!(cmap.unicode(0x01, 2), None, "lengths are distinct");
    }

    #[test]
    fn two_byte_codes_and_cid_ranges() {
        let cmap = parse(
            b"1 begincodespacerange <0000> <FFFF> endcodespacerange
              1 begincidrange <0100> <01FF> 500 endcidrange
              1 beginbfrange <0100> <0102> <0061> endbfrange",
        );
        assert!(cmap.codespace[0].matches(&[0x12, 0x34]));
        assert!(!cmap.codespace[0].matches(&[0x12]));
        assert_eq!(cmap.cid(0x0105, 2), Some(505));
        assert_eq!(cmap.unicode(0x0102, 2).as_deref(), Some("c"));
    }

    #[test]
    fn a_huge_range_costs_nothing() {
        let start = std::time::Instant::now();
        let cmap = parse(b"1 beginbfrange <00000000> <FFFFFFFF> <0041> endbfrange");
        assert!(cmap.unicode(0xFFFF_FFFF, 4).is_some());
        assert!(start.elapsed().as_millis() < 100);
    }

    #[test]
    fn junk_never_hangs_or_panics() {
        for src in [
            &b"<<<<<<"[..],
            b"beginbfrange <01> [ <41> <42",
            b"beginbfchar <0102030405> <41> endbfchar",
            b"(unterminated \\",
            b"begincodespacerange <00> <FFFF> endcodespacerange",
            b"\xff\xfe\x00]]][[[%",
        ] {
            let _ = parse(src);
        }
    }
}
