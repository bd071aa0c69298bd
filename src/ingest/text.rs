//! Plain text and Markdown.
//!
//! Officers paste from Word, export from old systems and save from Notepad, so decoding is
//! forgiving: a UTF-8 or UTF-16 byte-order mark decides; otherwise valid UTF-8 is UTF-8,
//! and anything else is read as Windows-1252 (which maps every byte).
//!
//! Block structure, the same for both formats except where Markdown syntax says more:
//! - a blank line ends a block;
//! - `#` lines are headings (Markdown ATX, accepted in text too), and a line underlined
//!   with `===` or `---` is a heading (setext);
//! - a line starting with a list marker ("- ", "• ", "(a) ", "1. ", "2.4 ", and the glued
//!   "2.7Work" that text extraction produces) starts a list item;
//! - inside a run of lines, lines longer than [`UNWRAPPED_LINE`] characters are each their
//!   own paragraph (one paragraph per line, as extracted text has it); shorter lines are
//!   hard-wrapped prose and join into one block.

use super::IngestError;
use crate::document::{BlockKind, Document, DocumentBuilder, Format};
use regex::Regex;
use std::sync::LazyLock;

/// A line at least this long is taken as a whole paragraph rather than a wrapped line.
const UNWRAPPED_LINE: usize = 100;

/// Decode bytes to text as described in the module docs.
pub fn decode_text(bytes: &[u8]) -> Result<String, IngestError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return String::from_utf8(rest.to_vec()).map_err(|_| IngestError::Encoding);
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let encoding = if bytes[0] == 0xFF {
            encoding_rs::UTF_16LE
        } else {
            encoding_rs::UTF_16BE
        };
        let (text, _, had_errors) = encoding.decode(bytes);
        if had_errors {
            return Err(IngestError::Encoding);
        }
        return Ok(text.trim_start_matches('\u{FEFF}').to_string());
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(_) => {
            if bytes.iter().filter(|b| **b == 0).count() > bytes.len() / 8 {
                // Lots of NULs without a BOM: binary, or UTF-16 we cannot place.
                return Err(IngestError::Unsupported {
                    format: "binary or unmarked UTF-16",
                    advice: "save the document as UTF-8 text, DOCX or PDF",
                });
            }
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            Ok(text.into_owned())
        }
    }
}

static LIST_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^(?P<indent>[\ \t]*)
        (?:
            (?P<bullet>[-*+•·▪◦●○■–])[\ \t]+
          | (?P<paren>\((?:[a-zA-Z]{1,3}|[0-9]{1,3})\))[\ \t]+
          | (?P<closing>(?:[a-zA-Z]|[0-9]{1,3})\))[\ \t]+
          | (?P<number>[0-9]{1,3}(?:\.[0-9]{1,3})*\.?)[\ \t]*
        )",
    )
    .expect("list marker pattern")
});

static ATX_HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(#{1,6})[ \t]+(.*?)[ \t#]*$").expect("heading pattern"));

/// A detected list marker: the label to show, the byte length to strip, the nesting level.
/// Shared with the PDF reader, which sees the same labels at the start of extracted lines.
pub(crate) struct Marker {
    pub(crate) label: String,
    pub(crate) len: usize,
    pub(crate) level: u8,
}

/// The list marker at the start of `line`, if any (see the module docs for what counts).
pub(crate) fn list_marker(line: &str) -> Option<Marker> {
    let caps = LIST_MARKER.captures(line)?;
    let whole = caps.get(0)?;
    let indent = caps.name("indent").map_or(0, |m| m.as_str().len());
    let label = ["bullet", "paren", "closing", "number"]
        .iter()
        .find_map(|n| caps.name(n))?
        .as_str()
        .to_string();
    // A bare number followed by a space is a clause number only if it has a dot ("2.",
    // "2.4"), or is glued to a capitalised word ("2.7Work").
    if caps.name("number").is_some() {
        let rest = &line[whole.end()..];
        if !label.contains('.') {
            return None;
        }
        if rest.trim().is_empty() {
            return None;
        }
        // Glued to the text ("2.7Work"): only when a capitalised word follows.
        let glued = !line[..whole.end()].ends_with([' ', '\t']);
        let mut next = rest.chars();
        if glued
            && !(next.next().is_some_and(char::is_uppercase)
                && next.next().is_some_and(char::is_lowercase))
        {
            return None;
        }
        // "2026." or "12." followed by lower-case text is a sentence, not a clause.
        if rest.starts_with(|c: char| c.is_lowercase()) {
            return None;
        }
    }
    let label = if caps.name("bullet").is_some() {
        "•".to_string()
    } else {
        label
    };
    let depth_from_number = if caps.name("number").is_some() {
        label.trim_end_matches('.').matches('.').count() as u8
    } else {
        0
    };
    Some(Marker {
        label,
        len: whole.end(),
        level: (indent / 2).min(8) as u8 + depth_from_number,
    })
}

/// Read text or Markdown bytes into a document.
pub(super) fn read(bytes: &[u8], format: Format) -> Result<Document, IngestError> {
    let text = decode_text(bytes)?;
    if text.trim().is_empty() {
        return Err(IngestError::Empty);
    }
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    Ok(parse(&text, format))
}

/// One pending block while lines are gathered.
struct Pending {
    kind: BlockKind,
    lines: Vec<String>,
    first_line: u32,
}

fn parse(text: &str, format: Format) -> Document {
    let mut builder = DocumentBuilder::new(format);
    let lines: Vec<&str> = text.split('\n').collect();
    let mut pending: Option<Pending> = None;
    let mut in_fence = false;
    let flush = |pending: &mut Option<Pending>, builder: &mut DocumentBuilder| {
        if let Some(p) = pending.take() {
            builder.push(p.kind, &p.lines.join("\n"), None, Some(p.first_line));
        }
    };
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let number = i as u32 + 1;
        let trimmed = line.trim();
        i += 1;

        if format == Format::Markdown && (trimmed.starts_with("```") || trimmed.starts_with("~~~"))
        {
            flush(&mut pending, &mut builder);
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            builder.push(BlockKind::Paragraph, line, None, Some(number));
            continue;
        }
        if trimmed.is_empty() {
            flush(&mut pending, &mut builder);
            continue;
        }
        // Setext heading: this line underlined by the next.
        if let Some(next) = lines.get(i) {
            let under = next.trim();
            let is_rule = under.len() >= 3
                && (under.chars().all(|c| c == '=') || under.chars().all(|c| c == '-'));
            let no_open_paragraph = pending.is_none();
            if is_rule && no_open_paragraph && list_marker(line).is_none() {
                let level = if under.starts_with('=') { 1 } else { 2 };
                builder.push(BlockKind::Heading { level }, trimmed, None, Some(number));
                i += 1;
                continue;
            }
        }
        if let Some(caps) = ATX_HEADING.captures(trimmed) {
            flush(&mut pending, &mut builder);
            let level = caps[1].len() as u8;
            builder.push(BlockKind::Heading { level }, &caps[2], None, Some(number));
            continue;
        }
        if format == Format::Markdown && is_thematic_break(trimmed) {
            flush(&mut pending, &mut builder);
            continue;
        }
        if format == Format::Markdown && trimmed.starts_with('|') {
            flush(&mut pending, &mut builder);
            i = read_pipe_table(&lines, i - 1, &mut builder);
            continue;
        }
        if let Some(marker) = list_marker(line) {
            flush(&mut pending, &mut builder);
            let body = line[marker.len..].trim();
            pending = Some(Pending {
                kind: BlockKind::ListItem {
                    level: marker.level,
                    label: marker.label,
                },
                lines: vec![strip_markdown(body, format)],
                first_line: number,
            });
            continue;
        }
        let content = strip_markdown(trimmed.trim_start_matches('>').trim(), format);
        match pending.as_mut() {
            Some(p) if !is_unwrapped(&p.lines) && line.chars().count() < UNWRAPPED_LINE => {
                p.lines.push(content)
            }
            Some(p) if matches!(p.kind, BlockKind::ListItem { .. }) && starts_indented(line) => {
                p.lines.push(content)
            }
            _ => {
                flush(&mut pending, &mut builder);
                pending = Some(Pending {
                    kind: BlockKind::Paragraph,
                    lines: vec![content],
                    first_line: number,
                });
            }
        }
    }
    flush(&mut pending, &mut builder);
    builder.finish()
}

/// A block whose last line is long is one-paragraph-per-line text; the next line is a new
/// paragraph.
fn is_unwrapped(lines: &[String]) -> bool {
    lines
        .last()
        .is_some_and(|l| l.chars().count() >= UNWRAPPED_LINE)
}

fn starts_indented(line: &str) -> bool {
    line.starts_with("  ") || line.starts_with('\t')
}

fn is_thematic_break(line: &str) -> bool {
    let compact: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    compact.len() >= 3
        && (compact.chars().all(|c| c == '-')
            || compact.chars().all(|c| c == '*')
            || compact.chars().all(|c| c == '_'))
}

/// Read a Markdown pipe table starting at `start`; returns the index after it.
fn read_pipe_table(lines: &[&str], start: usize, builder: &mut DocumentBuilder) -> usize {
    let table = builder.table_count() + 1;
    let mut row = 0u32;
    let mut i = start;
    while i < lines.len() && lines[i].trim().starts_with('|') {
        let line = lines[i].trim();
        i += 1;
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        if cells
            .iter()
            .all(|c| !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')))
        {
            continue; // the header separator row
        }
        row += 1;
        for (col, cell) in cells.iter().enumerate() {
            builder.push(
                BlockKind::TableCell {
                    table,
                    row,
                    column: col as u32 + 1,
                },
                &strip_markdown(cell, Format::Markdown),
                None,
                Some(i as u32),
            );
        }
    }
    i
}

static INLINE_LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"!?\[([^\]]*)\]\([^)]*\)").expect("link pattern"));
static EMPHASIS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\*\*|__)(\S(?:.*?\S)?)(\*\*|__)").expect("emphasis pattern"));

/// Remove inline Markdown syntax a reader does not see: links keep their text, strong
/// emphasis markers go. Single `*`/`_` are left alone (they are common in plain prose).
fn strip_markdown(text: &str, format: Format) -> String {
    if format != Format::Markdown {
        return text.to_string();
    }
    let text = INLINE_LINK.replace_all(text, "$1");
    let text = EMPHASIS.replace_all(&text, "$2");
    text.replace('`', "")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(doc: &Document) -> Vec<(String, String)> {
        doc.blocks
            .iter()
            .map(|b| {
                let kind = match &b.kind {
                    BlockKind::Heading { level } => format!("h{level}"),
                    BlockKind::ListItem { label, level } => format!("li{level}:{label}"),
                    other => other.name().to_string(),
                };
                (kind, b.text.clone())
            })
            .collect()
    }

    #[test]
    fn decodes_bom_utf16_and_windows_1252() {
        assert_eq!(decode_text(b"\xEF\xBB\xBFhi").unwrap(), "hi");
        assert_eq!(decode_text(b"\xFF\xFEh\x00i\x00").unwrap(), "hi");
        assert_eq!(decode_text(b"\xFE\xFF\x00h\x00i").unwrap(), "hi");
        // 0x92 is a right single quote and 0xA3 a pound sign in Windows-1252.
        assert_eq!(
            decode_text(b"three months\x92 notice, \xA3500").unwrap(),
            "three months\u{2019} notice, £500"
        );
    }

    #[test]
    fn markdown_headings_lists_and_tables() {
        let md = "# Grant review\n\nIntro line one\nwraps here.\n\n1. First point\n2. Second\n   - nested\n\n| Group | Grant |\n|---|---|\n| Age UK | £5,000 |\n";
        let doc = parse(md, Format::Markdown);
        let k = kinds(&doc);
        assert_eq!(k[0], ("h1".into(), "Grant review".into()));
        assert_eq!(
            k[1],
            ("paragraph".into(), "Intro line one\nwraps here.".into())
        );
        assert_eq!(k[2], ("li0:1.".into(), "First point".into()));
        assert_eq!(k[4], ("li1:•".into(), "nested".into()));
        assert!(matches!(
            doc.blocks[5].kind,
            BlockKind::TableCell {
                table: 1,
                row: 1,
                column: 1
            }
        ));
        assert_eq!(doc.blocks[7].text, "Age UK");
    }

    #[test]
    fn extracted_text_glued_clause_numbers_and_long_lines() {
        let long = "x".repeat(120);
        let text = format!("Undertakings for the Public sector:\n2.7Work with the VCS.\n2.8 Give notice.\n{long}\n{long}\n");
        let doc = parse(&text, Format::Text);
        let k = kinds(&doc);
        assert_eq!(k[1], ("li1:2.7".into(), "Work with the VCS.".into()));
        assert_eq!(k[2], ("li1:2.8".into(), "Give notice.".into()));
        assert_eq!(k[3].0, "paragraph");
        assert_eq!(k[4].0, "paragraph", "each long line is its own paragraph");
    }

    #[test]
    fn underlined_headings_in_text() {
        let doc = parse("Consultation\n============\n\nBody.\n", Format::Text);
        assert_eq!(kinds(&doc)[0], ("h1".into(), "Consultation".into()));
        assert_eq!(doc.blocks[1].location.line, Some(4));
    }

    #[test]
    fn years_and_sentences_are_not_clause_numbers() {
        let doc = parse("2026 was difficult.\n", Format::Text);
        assert_eq!(doc.blocks[0].kind, BlockKind::Paragraph);
    }
}
