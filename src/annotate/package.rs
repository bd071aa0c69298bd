//! The DOCX package (a zip) on the way in and out: bounded reads of the few parts the
//! annotator edits, raw copies of everything else, and the small edits to
//! `[Content_Types].xml` and relationship parts that a new comments part needs.
//!
//! Fidelity rule: an entry that is not edited is copied with its compressed bytes, CRC,
//! timestamps and extra fields untouched ([`zip::ZipWriter::raw_copy_file`]), in the
//! original order. Edited entries keep their place, name, compression method and
//! timestamp; new parts go at the end.

use super::edit::escape_attr;
use super::AnnotateError;
use quick_xml::events::Event;
use quick_xml::Reader;
use std::collections::HashMap;
use std::io::{Cursor, Read, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

/// Largest part read (the DOCX reader's default limit).
const MAX_PART_BYTES: u64 = 48 * 1024 * 1024;
/// Largest total read across parts.
const MAX_TOTAL_BYTES: u64 = 128 * 1024 * 1024;

pub(crate) const RELS_TYPE: &str = "application/vnd.openxmlformats-package.relationships+xml";
pub(crate) const COMMENTS_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml";
pub(crate) const COMMENTS_REL: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments";
const OFFICE_DOCUMENT_REL: &str = "officeDocument";

/// An open package.
pub(crate) struct Package<'a> {
    archive: ZipArchive<Cursor<&'a [u8]>>,
    /// Lower-cased entry names (without a leading `/`) to entry index.
    names: HashMap<String, usize>,
    read_so_far: u64,
}

/// One relationship.
#[derive(Debug, Clone)]
pub(crate) struct Relationship {
    pub id: String,
    pub kind: String,
    pub target: String,
    pub external: bool,
}

impl<'a> Package<'a> {
    pub fn open(bytes: &'a [u8]) -> Result<Package<'a>, AnnotateError> {
        let archive = ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| AnnotateError::Package(format!("the zip archive is damaged ({e})")))?;
        let mut names = HashMap::new();
        for index in 0..archive.len() {
            if let Some(Ok(name)) = archive.name_for_index(index) {
                names
                    .entry(name.trim_start_matches('/').to_lowercase())
                    .or_insert(index);
            }
        }
        Ok(Package {
            archive,
            names,
            read_so_far: 0,
        })
    }

    /// The entry index of a part, matched case-insensitively.
    pub fn index_of(&self, part: &str) -> Option<usize> {
        self.names
            .get(&part.trim_start_matches('/').to_lowercase())
            .copied()
    }

    /// The names of all entries, in order.
    pub fn entry_names(&self) -> Vec<String> {
        (0..self.archive.len())
            .filter_map(|i| self.archive.name_for_index(i).and_then(Result::ok))
            .map(|n| n.to_string())
            .collect()
    }

    /// Read a part under the size limits; `Ok(None)` if there is none.
    pub fn read(&mut self, part: &str) -> Result<Option<Vec<u8>>, AnnotateError> {
        let Some(index) = self.index_of(part) else {
            return Ok(None);
        };
        let damaged = |e: &dyn std::fmt::Display| {
            AnnotateError::Package(format!("part {part} is damaged ({e})"))
        };
        let mut entry = self.archive.by_index(index).map_err(|e| damaged(&e))?;
        let left = MAX_TOTAL_BYTES.saturating_sub(self.read_so_far);
        let limit = MAX_PART_BYTES.min(left);
        let mut bytes = Vec::new();
        (&mut entry)
            .take(limit + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| damaged(&e))?;
        if bytes.len() as u64 > limit {
            return Err(AnnotateError::Package(format!(
                "part {part} inflates to more than {limit} bytes; refusing to read it"
            )));
        }
        self.read_so_far += bytes.len() as u64;
        Ok(Some(bytes))
    }

    /// Read an XML part as UTF-8 text.
    pub fn read_text(&mut self, part: &str) -> Result<Option<String>, AnnotateError> {
        match self.read(part)? {
            None => Ok(None),
            Some(bytes) => utf8(part, bytes).map(Some),
        }
    }

    /// The relationships of the package (`""`) or of a part.
    pub fn relationships(&mut self, source: &str) -> Result<Vec<Relationship>, AnnotateError> {
        let rels = rels_part_of(source);
        match self.read_text(&rels)? {
            None => Ok(Vec::new()),
            Some(text) => Ok(parse_relationships(&text)),
        }
    }

    /// The main document part: the package's officeDocument relationship, else
    /// `word/document.xml`.
    pub fn main_part(&mut self) -> Result<String, AnnotateError> {
        let found = self
            .relationships("")?
            .into_iter()
            .find(|r| !r.external && r.kind.rsplit('/').next() == Some(OFFICE_DOCUMENT_REL))
            .map(|r| resolve_target("", &r.target))
            .filter(|p| self.index_of(p).is_some());
        Ok(found.unwrap_or_else(|| "word/document.xml".to_string()))
    }

    /// Write the package again: entries named in `replaced` get new contents, every other
    /// entry is copied raw, and `added` parts are appended.
    pub fn write(
        mut self,
        replaced: &HashMap<usize, Vec<u8>>,
        added: &[(String, Vec<u8>)],
    ) -> Result<Vec<u8>, AnnotateError> {
        let zip_error = |e: zip::result::ZipError| {
            AnnotateError::Package(format!("could not write the annotated package ({e})"))
        };
        let io_error = |e: std::io::Error| {
            AnnotateError::Package(format!("could not write the annotated package ({e})"))
        };
        let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
        for index in 0..self.archive.len() {
            let file = self.archive.by_index_raw(index).map_err(|e| {
                AnnotateError::Package(format!("entry {index} of the zip is damaged ({e})"))
            })?;
            match replaced.get(&index) {
                None => writer.raw_copy_file(file).map_err(zip_error)?,
                Some(bytes) => {
                    let name = file
                        .name()
                        .map_err(|e| {
                            AnnotateError::Package(format!("entry {index} has a bad name ({e})"))
                        })?
                        .into_owned();
                    let method = match file.compression() {
                        CompressionMethod::Stored => CompressionMethod::Stored,
                        _ => CompressionMethod::Deflated,
                    };
                    let mut options = SimpleFileOptions::default()
                        .compression_method(method)
                        .large_file(bytes.len() as u64 >= u32::MAX as u64);
                    if let Some(time) = file.last_modified() {
                        options = options.last_modified_time(time);
                    }
                    drop(file);
                    writer.start_file(name, options).map_err(zip_error)?;
                    writer.write_all(bytes).map_err(io_error)?;
                }
            }
        }
        for (name, bytes) in added {
            let options =
                SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
            writer
                .start_file(name.as_str(), options)
                .map_err(zip_error)?;
            writer.write_all(bytes).map_err(io_error)?;
        }
        Ok(writer.finish().map_err(zip_error)?.into_inner())
    }
}

/// Decode a part as UTF-8 (a byte-order mark is kept out); other encodings are refused.
pub(crate) fn utf8(part: &str, bytes: Vec<u8>) -> Result<String, AnnotateError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(AnnotateError::Unsupported(format!(
            "{part} is UTF-16; re-save the document in Word or LibreOffice and try again"
        )));
    }
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    String::from_utf8(bytes).map_err(|e| AnnotateError::Xml {
        part: part.to_string(),
        detail: format!(
            "it is not valid UTF-8 (at byte {})",
            e.utf8_error().valid_up_to()
        ),
    })
}

/// `word/document.xml` → `word/_rels/document.xml.rels`; `""` → `_rels/.rels`.
pub(crate) fn rels_part_of(source: &str) -> String {
    match source.rsplit_once('/') {
        Some((dir, file)) => format!("{dir}/_rels/{file}.rels"),
        None => format!("_rels/{source}.rels"),
    }
}

/// The folder of a part (`word/document.xml` → `word`).
pub(crate) fn folder_of(part: &str) -> &str {
    part.rsplit_once('/').map_or("", |(dir, _)| dir)
}

pub(crate) use crate::ingest::docx::package::resolve_target;

/// The `Relationship` elements of a `.rels` part (unreadable ones skipped).
pub(crate) fn parse_relationships(text: &str) -> Vec<Relationship> {
    let mut reader = Reader::from_str(text);
    let mut out = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "Relationship" => {
                let mut id = None;
                let mut kind = None;
                let mut target = None;
                let mut external = false;
                for attr in e.attributes().with_checks(false).flatten() {
                    let value = attr
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .map(|v| v.into_owned())
                        .unwrap_or_default();
                    match attr.key.as_ref() {
                        "Id" => id = Some(value),
                        "Type" => kind = Some(value),
                        "Target" => target = Some(value),
                        "TargetMode" => external = value.eq_ignore_ascii_case("External"),
                        _ => {}
                    }
                }
                if let (Some(id), Some(kind), Some(target)) = (id, kind, target) {
                    out.push(Relationship {
                        id,
                        kind,
                        target,
                        external,
                    });
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}

/// Insert `xml` just before the root element's end tag. A root written as an empty
/// element (`<Types/>`) is opened first.
pub(crate) fn insert_before_root_end(
    part: &str,
    text: &str,
    xml: &str,
) -> Result<String, AnnotateError> {
    let mut reader = Reader::from_str(text);
    let mut depth = 0usize;
    loop {
        let before = reader.buffer_position() as usize;
        let event = reader.read_event().map_err(|e| AnnotateError::Xml {
            part: part.to_string(),
            detail: format!("{e} (at byte {})", reader.error_position()),
        })?;
        let after = reader.buffer_position() as usize;
        match event {
            Event::Start(_) => depth += 1,
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    let _ = e;
                    return Ok(format!("{}{xml}{}", &text[..before], &text[before..]));
                }
            }
            Event::Empty(e) if depth == 0 => {
                let name = e.name().as_ref().to_string();
                let tag = &text[before..after];
                let open = format!("{}>", tag.trim_end_matches("/>").trim_end());
                return Ok(format!(
                    "{}{open}{xml}</{name}>{}",
                    &text[..before],
                    &text[after..]
                ));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Err(AnnotateError::Xml {
        part: part.to_string(),
        detail: "there is no root element".into(),
    })
}

/// The prefix (with its colon, or empty) of the root element's name: `Types` → "",
/// `ct:Types` → "ct:".
pub(crate) fn root_prefix(text: &str) -> String {
    let mut reader = Reader::from_str(text);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) => {
                let name = e.name().as_ref().to_string();
                return match name.split_once(':') {
                    Some((prefix, _)) => format!("{prefix}:"),
                    None => String::new(),
                };
            }
            Ok(Event::Eof) | Err(_) => return String::new(),
            _ => {}
        }
    }
}

/// `[Content_Types].xml` with an override for each (part name, content type) that has
/// none yet.
pub(crate) fn add_overrides(
    text: &str,
    overrides: &[(String, &str)],
) -> Result<Option<String>, AnnotateError> {
    let mut existing: Vec<String> = Vec::new();
    let mut reader = Reader::from_str(text);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "Override" => {
                for attr in e.attributes().with_checks(false).flatten() {
                    if attr.key.as_ref() == "PartName" {
                        if let Ok(v) = attr.normalized_value(quick_xml::XmlVersion::Implicit1_0) {
                            existing.push(v.trim_start_matches('/').to_lowercase());
                        }
                    }
                }
            }
            Ok(Event::Eof) => break,
            Err(e) => {
                return Err(AnnotateError::Xml {
                    part: "[Content_Types].xml".into(),
                    detail: e.to_string(),
                })
            }
            _ => {}
        }
    }
    let prefix = root_prefix(text);
    let mut xml = String::new();
    for (part, content_type) in overrides {
        if existing.contains(&part.trim_start_matches('/').to_lowercase()) {
            continue;
        }
        xml.push_str(&format!(
            r#"<{prefix}Override PartName="/{}" ContentType="{}"/>"#,
            escape_attr(part.trim_start_matches('/')),
            escape_attr(content_type)
        ));
    }
    if xml.is_empty() {
        return Ok(None);
    }
    insert_before_root_end("[Content_Types].xml", text, &xml).map(Some)
}

/// True if `[Content_Types].xml` gives `.rels` files a default type.
pub(crate) fn has_rels_default(text: &str) -> bool {
    let mut reader = Reader::from_str(text);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "Default" => {
                let rels = e.attributes().with_checks(false).flatten().any(|a| {
                    a.key.as_ref() == "Extension"
                        && a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                            .is_ok_and(|v| v.eq_ignore_ascii_case("rels"))
                });
                if rels {
                    return true;
                }
            }
            Ok(Event::Eof) | Err(_) => return false,
            _ => {}
        }
    }
}

/// A relationship id not yet used: `rId` and the next free number.
pub(crate) fn fresh_relationship_id(existing: &[Relationship]) -> String {
    let mut n = existing.len() + 1;
    loop {
        let id = format!("rId{n}");
        if !existing.iter().any(|r| r.id == id) {
            return id;
        }
        n += 1;
    }
}

/// Every numeric `w:id` in an XML part (for parts other than the main document).
pub(crate) fn ids_in(text: &str) -> Vec<i64> {
    let mut reader = quick_xml::NsReader::from_str(text);
    let mut out = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) => {
                for attr in e.attributes().with_checks(false).flatten() {
                    let (ns, local) = reader.resolver().resolve_attribute(attr.key);
                    if local.as_ref() != "id" {
                        continue;
                    }
                    let is_w = matches!(ns, quick_xml::name::ResolveResult::Bound(n)
                        if n.0 == super::scan::W_NS
                            || n.0 == "http://purl.oclc.org/ooxml/wordprocessingml/main");
                    if is_w {
                        if let Ok(id) = attr.value.trim().parse::<i64>() {
                            out.push(id);
                        }
                    }
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_and_rels_names() {
        assert_eq!(
            rels_part_of("word/document.xml"),
            "word/_rels/document.xml.rels"
        );
        assert_eq!(rels_part_of(""), "_rels/.rels");
        assert_eq!(resolve_target("word", "comments.xml"), "word/comments.xml");
        assert_eq!(
            resolve_target("", "/word/document.xml"),
            "word/document.xml"
        );
        assert_eq!(resolve_target("word", "../x/y.xml"), "x/y.xml");
    }

    #[test]
    fn overrides_are_added_once_and_empty_roots_opened() {
        let types = r#"<?xml version="1.0"?><Types xmlns="t"><Override PartName="/word/document.xml" ContentType="d"/></Types>"#;
        let out = add_overrides(types, &[("word/comments.xml".into(), COMMENTS_TYPE)])
            .unwrap()
            .unwrap();
        assert!(out.ends_with(&format!(
            r#"<Override PartName="/word/comments.xml" ContentType="{COMMENTS_TYPE}"/></Types>"#
        )));
        assert!(
            add_overrides(&out, &[("/word/comments.xml".into(), COMMENTS_TYPE)])
                .unwrap()
                .is_none()
        );
        let empty = r#"<Types xmlns="t"/>"#;
        let out = add_overrides(empty, &[("a.xml".into(), "x")])
            .unwrap()
            .unwrap();
        assert_eq!(
            out,
            r#"<Types xmlns="t"><Override PartName="/a.xml" ContentType="x"/></Types>"#
        );
    }

    #[test]
    fn relationship_ids_are_fresh() {
        let rels = parse_relationships(
            r#"<Relationships><Relationship Id="rId1" Type="a" Target=""/><Relationship Id="rId3" Type="a" Target="c" TargetMode="External"/></Relationships>"#,
        );
        assert_eq!(rels.len(), 2);
        assert!(rels[1].external);
        assert_eq!(fresh_relationship_id(&rels), "rId4");
    }
}
