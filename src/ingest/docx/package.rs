//! Guarded access to the parts of a DOCX package (a zip archive).
//!
//! A DOCX is a zip of XML parts. Nothing in a zip's directory can be trusted: declared
//! sizes may lie, compressed data may be corrupt, and a few kilobytes can inflate to
//! gigabytes. So every part is read through `.take(limit + 1)` and refused as soon as it
//! passes [`Limits::max_part_bytes`], a running total enforces
//! [`Limits::max_unpacked_bytes`] across the whole package, and every zip error (bad
//! CRC, corrupt deflate stream, encrypted entry) becomes an [`IngestError`] naming the
//! part. Parts are parsed with [`super::xml::parse`] before anyone walks them.
//!
//! It also resolves relationships (`word/_rels/document.xml.rels`): relationship targets
//! are URIs relative to the source part, and part names are matched case-insensitively
//! as the Open Packaging Conventions require.

use super::super::{IngestError, Limits};
use super::xml::{self, Element, Ns};
use std::collections::HashMap;
use std::io::{Cursor, Read};

/// An open package and the budget left for reading it.
pub(super) struct Package<'a> {
    archive: zip::ZipArchive<Cursor<&'a [u8]>>,
    /// Entry names as stored, and lower-cased for case-insensitive look-up.
    names: HashMap<String, usize>,
    limits: Limits,
    unpacked: u64,
}

/// One relationship from a `.rels` part.
#[derive(Debug, Clone)]
pub(super) struct Relationship {
    pub id: String,
    /// The relationship type URI (compare its last path segment with [`Relationship::is`]).
    pub kind: String,
    /// The target part name, resolved against the source part; `None` for external
    /// targets (hyperlinks).
    pub part: Option<String>,
}

impl Relationship {
    /// True if the type URI ends with `/kind` (`styles`, `footnotes`, `header`, ...).
    pub fn is(&self, kind: &str) -> bool {
        self.kind.rsplit('/').next() == Some(kind)
    }
}

impl<'a> Package<'a> {
    /// Open the archive. Damage to the central directory is reported here.
    pub fn open(bytes: &'a [u8], limits: &Limits) -> Result<Self, IngestError> {
        let archive = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| IngestError::Docx(format!("the zip archive is damaged ({e})")))?;
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
            limits: *limits,
            unpacked: 0,
        })
    }

    /// True if the package has a part of this name.
    pub fn has(&self, part: &str) -> bool {
        self.names.contains_key(&part.to_lowercase())
    }

    /// Read a part's bytes under the limits; `Ok(None)` if there is no such part.
    pub fn read(&mut self, part: &str) -> Result<Option<Vec<u8>>, IngestError> {
        let Some(&index) = self.names.get(&part.to_lowercase()) else {
            return Ok(None);
        };
        let damaged =
            |e: &dyn std::fmt::Display| IngestError::Docx(format!("part {part} is damaged ({e})"));
        let mut entry = self.archive.by_index(index).map_err(|e| damaged(&e))?;
        // Never trust the declared size: read at most one byte past what we accept.
        let part_limit = self.limits.max_part_bytes;
        let total_left = self.limits.max_unpacked_bytes.saturating_sub(self.unpacked);
        let limit = part_limit.min(total_left);
        let mut bytes = Vec::new();
        (&mut entry)
            .take(limit.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|e| damaged(&e))?;
        let size = bytes.len() as u64;
        if size > part_limit {
            return Err(IngestError::DocxTooLarge {
                part: part.to_string(),
                limit: part_limit,
            });
        }
        if size > total_left {
            return Err(IngestError::DocxTooLarge {
                part: format!("{part} (with the parts read before it)"),
                limit: self.limits.max_unpacked_bytes,
            });
        }
        self.unpacked += size;
        Ok(Some(bytes))
    }

    /// Read and parse an XML part; `Ok(None)` if there is no such part.
    pub fn xml(&mut self, part: &str) -> Result<Option<Element>, IngestError> {
        match self.read(part)? {
            None => Ok(None),
            Some(bytes) => xml::parse(
                part,
                &bytes,
                self.limits.max_xml_depth,
                xml::element_budget(self.limits.max_part_bytes),
            )
            .map(Some),
        }
    }

    /// The relationships of `source` (e.g. `word/document.xml`), in document order; empty
    /// if it has no `.rels` part.
    pub fn relationships(&mut self, source: &str) -> Result<Vec<Relationship>, IngestError> {
        let (dir, file) = match source.rsplit_once('/') {
            Some((dir, file)) => (dir, file),
            None => ("", source),
        };
        let rels_part = if dir.is_empty() {
            format!("_rels/{file}.rels")
        } else {
            format!("{dir}/_rels/{file}.rels")
        };
        let Some(root) = self.xml(&rels_part)? else {
            return Ok(Vec::new());
        };
        let mut out = Vec::new();
        for rel in root.elements().filter(|e| e.is(Ns::Rels, "Relationship")) {
            let (Some(id), Some(kind), Some(target)) = (
                rel.attr(Ns::None, "Id"),
                rel.attr(Ns::None, "Type"),
                rel.attr(Ns::None, "Target"),
            ) else {
                continue;
            };
            let external = rel
                .attr(Ns::None, "TargetMode")
                .is_some_and(|m| m.eq_ignore_ascii_case("External"));
            out.push(Relationship {
                id: id.to_string(),
                kind: kind.to_string(),
                part: if external {
                    None
                } else {
                    Some(resolve_target(dir, target))
                },
            });
        }
        Ok(out)
    }
}

/// Resolve a relationship target against the directory of its source part: `styles.xml`
/// from `word` is `word/styles.xml`, `/word/x.xml` is absolute, `../media/a.png` climbs.
/// Percent-escapes are decoded and any fragment dropped.
/// Resolve a relationship target against the folder of the part that names it: `..` and
/// `.` segments, absolute targets, fragments and percent-encoding (one implementation, shared
/// by the reader and the annotated-copy writer).
pub(crate) fn resolve_target(source_dir: &str, target: &str) -> String {
    let target = target.split('#').next().unwrap_or("");
    let target = percent_decode(target);
    let mut segments: Vec<&str> = Vec::new();
    let joined;
    let path = if let Some(absolute) = target.strip_prefix('/') {
        absolute
    } else {
        joined = if source_dir.is_empty() {
            target.clone()
        } else {
            format!("{source_dir}/{target}")
        };
        &joined
    };
    for segment in path.split(['/', '\\']) {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            s => segments.push(s),
        }
    }
    segments.join("/")
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3])
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok());
            if let Some(b) = hex {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::super::test_docx::zip_parts;
    use super::*;

    #[test]
    fn targets_resolve_against_the_source_directory() {
        assert_eq!(resolve_target("word", "styles.xml"), "word/styles.xml");
        assert_eq!(
            resolve_target("word", "/word/header1.xml"),
            "word/header1.xml"
        );
        assert_eq!(
            resolve_target("word", "../customXml/item1.xml"),
            "customXml/item1.xml"
        );
        assert_eq!(
            resolve_target("word", "my%20header.xml"),
            "word/my header.xml"
        );
        assert_eq!(resolve_target("", "word/document.xml"), "word/document.xml");
        assert_eq!(resolve_target("word", "a.xml%"), "word/a.xml%");
    }

    #[test]
    fn part_names_are_case_insensitive() {
        let bytes = zip_parts(&[("Word/Document.xml", "<a/>")]);
        let mut package = Package::open(&bytes, &Limits::default()).unwrap();
        assert!(package.has("word/document.xml"));
        assert_eq!(package.read("word/document.xml").unwrap().unwrap(), b"<a/>");
        assert!(package.read("word/styles.xml").unwrap().is_none());
    }

    #[test]
    fn a_part_over_the_limit_is_refused_without_reading_it_all() {
        let big = format!("<a>{}</a>", " ".repeat(10_000));
        let bytes = zip_parts(&[("word/document.xml", &big), ("word/styles.xml", &big)]);
        let limits = Limits {
            max_part_bytes: 1_000,
            ..Limits::default()
        };
        let mut package = Package::open(&bytes, &limits).unwrap();
        let err = package.read("word/document.xml").unwrap_err();
        assert!(
            matches!(&err, IngestError::DocxTooLarge { part, limit: 1_000 } if part == "word/document.xml"),
            "{err}"
        );

        let limits = Limits {
            max_unpacked_bytes: 15_000,
            ..Limits::default()
        };
        let mut package = Package::open(&bytes, &limits).unwrap();
        assert!(package.read("word/document.xml").is_ok());
        let err = package.read("word/styles.xml").unwrap_err().to_string();
        assert!(
            err.contains("word/styles.xml") && err.contains("15000"),
            "{err}"
        );
    }

    #[test]
    fn a_bad_crc_is_an_error_not_a_panic() {
        let mut bytes = zip_parts(&[("word/document.xml", "<a>hello hello hello</a>")]);
        // Stored (uncompressed) entries keep their text; flip one byte of it.
        let at = bytes
            .windows(5)
            .position(|w| w == b"hello")
            .expect("stored text");
        bytes[at] = b'j';
        let mut package = Package::open(&bytes, &Limits::default()).unwrap();
        let err = package.read("word/document.xml").unwrap_err().to_string();
        assert!(
            err.contains("word/document.xml") && err.contains("damaged"),
            "{err}"
        );
    }
}
