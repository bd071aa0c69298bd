//! Opening a PDF: parsing it with lopdf, dealing with encryption, listing its pages.
//!
//! lopdf 0.47 decrypts on load: when a file declares `/Encrypt`, `Document::load_mem*`
//! tries the empty user password (most "encrypted" council PDFs only restrict printing or
//! copying and open without one) and, when that authenticates, decrypts every string and
//! stream, RC4 and AES-128/256 alike, and removes `/Encrypt` from the trailer. When it does
//! not authenticate, lopdf returns `Ok` with the `/Encrypt` entry still in place and no
//! objects loaded, so the document has zero pages and no error. This module turns that
//! state into [`IngestError::PdfNeedsPassword`] (or, for a security handler lopdf cannot
//! use at all, a plain error saying so) instead of reading an empty document.
//!
//! Each page comes with the transform from PDF user space to *reading space*: points, origin
//! at the top-left of the visible page (the crop box), y growing downwards, with the page's
//! `/Rotate` applied, so that text a person reads upright runs left to right with
//! increasing x on every page.

use super::content::Matrix;
use super::guard::{contain, one_line};
use crate::ingest::{IngestError, Limits};
use lopdf::{Dictionary, Document, LoadOptions, Object, ObjectId};
use std::collections::HashSet;

/// A parsed, decrypted PDF and its pages in order.
pub(super) struct Pdf {
    pub doc: Document,
    pub pages: Vec<Page>,
}

/// One page: where it is in the file and how to turn its coordinates into reading space.
#[derive(Debug, Clone, Copy)]
pub(super) struct Page {
    /// 1-based page number.
    pub number: u32,
    pub id: ObjectId,
    /// Width and height in reading space (after rotation), in points.
    pub width: f32,
    pub height: f32,
    /// PDF user space to reading space.
    pub transform: Matrix,
}

/// Letter size, for pages whose boxes are missing or nonsensical.
const FALLBACK_BOX: [f32; 4] = [0.0, 0.0, 612.0, 792.0];
/// How far up the page tree we look for inherited attributes.
const MAX_INHERIT_DEPTH: usize = 64;

/// Parse `bytes`, check encryption and list the pages.
pub(super) fn open(bytes: &[u8], limits: &Limits) -> Result<Pdf, IngestError> {
    let options = LoadOptions {
        max_decompressed_size: Some(usize::try_from(limits.max_part_bytes).unwrap_or(usize::MAX)),
        ..LoadOptions::default()
    };
    let doc = contain("parsing the file", || {
        Document::load_mem_with_options(bytes, options)
    })?
    .map_err(load_error)?;
    if doc.is_encrypted() {
        return Err(encryption_error(&doc));
    }
    let ids: Vec<ObjectId> = contain("listing the pages", || doc.page_iter().collect())?;
    if ids.is_empty() {
        return Err(IngestError::Pdf(
            "the file has no pages (its page tree is missing or damaged)".into(),
        ));
    }
    let pages = ids
        .iter()
        .enumerate()
        .map(|(i, &id)| page(&doc, i as u32 + 1, id))
        .collect();
    Ok(Pdf { doc, pages })
}

/// Phrase a load failure for a person, on one line.
fn load_error(error: lopdf::Error) -> IngestError {
    use lopdf::Error as E;
    let detail = match &error {
        E::Decompress(lopdf::DecompressError::MemoryLimitExceeded { limit }) => format!(
            "a compressed stream would inflate past {limit} bytes (a decompression bomb?); refusing to read it"
        ),
        E::Parse(_)
        | E::Xref(_)
        | E::IndirectObject { .. }
        | E::InvalidOffset(_)
        | E::MissingXrefEntry
        | E::ObjectIdMismatch
        | E::InvalidObjectStream(_)
        | E::InvalidStream(_) => {
            format!("the file is damaged or cut short ({error})")
        }
        E::Decryption(_) | E::UnsupportedSecurityHandler(_) | E::InvalidPassword => format!(
            "the file is encrypted in a way compactproof cannot open ({error}); save an unencrypted copy and try again"
        ),
        _ => error.to_string(),
    };
    IngestError::Pdf(one_line(&detail))
}

/// Why an encrypted document that lopdf did not decrypt cannot be read.
fn encryption_error(doc: &Document) -> IngestError {
    let filter = doc
        .get_encrypted()
        .ok()
        .and_then(|d| d.get(b"Filter").ok())
        .and_then(|o| o.as_name().ok())
        .map(|n| String::from_utf8_lossy(n).into_owned());
    match filter.as_deref() {
        Some("Standard") | None => {}
        Some(other) => {
            return IngestError::Pdf(one_line(&format!(
                "the file is encrypted with the {other} security handler (certificates, not a password), which compactproof cannot open; save an unencrypted copy and try again"
            )))
        }
    }
    match contain("checking the password", || doc.authenticate_password("")) {
        // lopdf reports a wrong password as `Decryption(IncorrectPassword)` from the
        // authentication check and as `InvalidPassword` elsewhere.
        Ok(Err(
            lopdf::Error::InvalidPassword
            | lopdf::Error::Decryption(lopdf::encryption::DecryptionError::IncorrectPassword),
        ))
        | Ok(Ok(())) => IngestError::PdfNeedsPassword,
        Ok(Err(e)) => IngestError::Pdf(one_line(&format!(
            "the file is encrypted in a way compactproof cannot open ({e}); save an unencrypted copy and try again"
        ))),
        Err(e) => e,
    }
}

/// Geometry of one page. Damaged boxes fall back to Letter rather than failing: the text is
/// what matters, and a reader that rejects a file over its MediaBox helps nobody.
fn page(doc: &Document, number: u32, id: ObjectId) -> Page {
    let dict = doc.get_dictionary(id).ok();
    let media = dict
        .and_then(|d| inherited(doc, d, b"MediaBox"))
        .and_then(|o| rect(doc, o))
        .unwrap_or(FALLBACK_BOX);
    let crop = dict
        .and_then(|d| inherited(doc, d, b"CropBox"))
        .and_then(|o| rect(doc, o))
        .map(|c| intersect(c, media))
        .filter(|c| c[2] - c[0] >= 1.0 && c[3] - c[1] >= 1.0)
        .unwrap_or(media);
    let rotate = dict
        .and_then(|d| inherited(doc, d, b"Rotate"))
        .and_then(|o| number_of(doc, o))
        .map_or(0, |r| {
            (((r / 90.0).round() as i64).rem_euclid(4) * 90) as u32
        });
    let [x0, y0, x1, y1] = crop;
    let (w, h) = (x1 - x0, y1 - y0);
    // x' = a x + c y + e, y' = b x + d y + f; reading space has y pointing down.
    let (transform, width, height) = match rotate {
        90 => (Matrix::new(0.0, 1.0, 1.0, 0.0, -y0, -x0), h, w),
        180 => (Matrix::new(-1.0, 0.0, 0.0, 1.0, x1, -y0), w, h),
        270 => (Matrix::new(0.0, -1.0, -1.0, 0.0, y1, x1), h, w),
        _ => (Matrix::new(1.0, 0.0, 0.0, -1.0, -x0, y1), w, h),
    };
    Page {
        number,
        id,
        width,
        height,
        transform,
    }
}

/// A page attribute, looked up through `/Parent` as the spec's inheritance rules say.
fn inherited<'a>(doc: &'a Document, page: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let mut node = page;
    let mut seen = HashSet::new();
    for _ in 0..MAX_INHERIT_DEPTH {
        if let Ok(value) = node.get(key) {
            return Some(value);
        }
        let parent = node.get(b"Parent").and_then(Object::as_reference).ok()?;
        if !seen.insert(parent) {
            return None;
        }
        node = doc.get_dictionary(parent).ok()?;
    }
    None
}

fn deref<'a>(doc: &'a Document, object: &'a Object) -> Option<&'a Object> {
    doc.dereference(object).ok().map(|(_, o)| o)
}

fn number_of(doc: &Document, object: &Object) -> Option<f32> {
    deref(doc, object)?
        .as_float()
        .ok()
        .filter(|v| v.is_finite())
}

/// A rectangle as `[x0, y0, x1, y1]` with x0 < x1 and y0 < y1.
fn rect(doc: &Document, object: &Object) -> Option<[f32; 4]> {
    let array = deref(doc, object)?.as_array().ok()?;
    if array.len() != 4 {
        return None;
    }
    let mut v = [0.0f32; 4];
    for (slot, item) in v.iter_mut().zip(array) {
        *slot = number_of(doc, item)?;
    }
    let r = [
        v[0].min(v[2]),
        v[1].min(v[3]),
        v[0].max(v[2]),
        v[1].max(v[3]),
    ];
    let sane = r.iter().all(|c| c.abs() < 1.0e6) && r[2] - r[0] >= 1.0 && r[3] - r[1] >= 1.0;
    sane.then_some(r)
}

fn intersect(a: [f32; 4], b: [f32; 4]) -> [f32; 4] {
    [
        a[0].max(b[0]),
        a[1].max(b[1]),
        a[2].min(b[2]),
        a[3].min(b[3]),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(m: Matrix, x: f32, y: f32) -> (f32, f32) {
        m.apply(x, y)
    }

    fn page_with(rotate: i64) -> Page {
        let mut doc = Document::with_version("1.5");
        let mut dict = Dictionary::new();
        dict.set("Type", Object::Name(b"Page".to_vec()));
        dict.set(
            "MediaBox",
            Object::Array(vec![0.into(), 0.into(), 600.into(), 800.into()]),
        );
        dict.set("Rotate", Object::Integer(rotate));
        let id = doc.add_object(Object::Dictionary(dict));
        page(&doc, 1, id)
    }

    #[test]
    fn unrotated_pages_put_the_origin_top_left() {
        let p = page_with(0);
        assert_eq!((p.width, p.height), (600.0, 800.0));
        assert_eq!(apply(p.transform, 0.0, 800.0), (0.0, 0.0));
        assert_eq!(apply(p.transform, 100.0, 700.0), (100.0, 100.0));
    }

    #[test]
    fn rotated_pages_are_turned_upright() {
        // Rotate 90: the page is shown turned clockwise, so its bottom-left corner is
        // the top-left of what a person sees.
        let p = page_with(90);
        assert_eq!((p.width, p.height), (800.0, 600.0));
        assert_eq!(apply(p.transform, 0.0, 0.0), (0.0, 0.0));
        assert_eq!(apply(p.transform, 0.0, 800.0), (800.0, 0.0));
        let p = page_with(-90);
        assert_eq!(apply(p.transform, 600.0, 800.0), (0.0, 0.0));
        let p = page_with(180);
        assert_eq!(apply(p.transform, 600.0, 0.0), (0.0, 0.0));
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        let limits = Limits::default();
        for bytes in [
            &b"%PDF-1.7\n"[..],
            b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF",
            b"%PDF-1.4\nxref\n0 99999999\ntrailer<</Size 5>>\nstartxref\n9\n%%EOF",
        ] {
            let err = open(bytes, &limits).err().expect("an error");
            assert!(matches!(err, IngestError::Pdf(_)), "{err}");
            assert!(!err.to_string().contains('\n'));
        }
    }
}
