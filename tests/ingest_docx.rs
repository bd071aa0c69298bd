//! The DOCX reader against real files: the shared corpus (written by LibreOffice and
//! pandoc, plus a Word-like run-split copy), cross-checked word for word against pandoc,
//! and the broken corpus through the command line.

mod common;

use common::{
    compactproof, corpus_dir, files_with_extension, reference_tool, words_in_order_ratio,
};
use compactproof::document::{Block, BlockKind, Document};
use compactproof::ingest::{read_path, Limits};
use regex::Regex;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn corpus_docx() -> Vec<PathBuf> {
    let files = files_with_extension(&corpus_dir(), "docx");
    assert!(
        files.len() >= 10,
        "expected the shared corpus at {}",
        corpus_dir().display()
    );
    files
}

fn read(path: &Path) -> Document {
    read_path(path, &Limits::default()).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn corpus_file(name: &str) -> Document {
    read(&corpus_dir().join(name))
}

/// pandoc's plain-text reading with tracked changes accepted, lines unwrapped (so a table
/// row reads cell by cell, not line by line of each wrapped cell), with the two things
/// pandoc prints that are not document text taken out: list markers, which pandoc numbers
/// itself (it restarts LibreOffice's lists, which continue across `w:num` instances, at
/// 1; our labels are checked on their own below), and footnote marks ("[1]").
fn pandoc_words(path: &Path) -> String {
    let path = path.to_str().expect("UTF-8 path");
    let plain = reference_tool(
        "pandoc",
        &[
            "--track-changes=accept",
            "-t",
            "plain",
            "--wrap=none",
            "--columns=100000",
            path,
        ],
        "pandoc",
    );
    let list_marker = Regex::new(
        r"(?m)^[ \t]*(?:[-*+•]|\(?(?:[0-9]{1,4}|[a-zA-Z]{1,2}|[ivxlcdmIVXLCDM]{1,6})[.)])[ \t]+",
    )
    .unwrap();
    let note_mark = Regex::new(r"\[[0-9]{1,4}\]").unwrap();
    let plain = list_marker.replace_all(&plain, "");
    note_mark.replace_all(&plain, " ").into_owned()
}

#[test]
fn every_corpus_docx_reads() {
    for path in corpus_docx() {
        let doc = read(&path);
        assert!(
            doc.blocks.iter().filter(|b| b.kind.is_body()).count() > 3,
            "{}: too few blocks",
            path.display()
        );
        assert!(
            doc.warnings.is_empty(),
            "{}: {:?}",
            path.display(),
            doc.warnings
        );
    }
}

#[test]
fn every_corpus_docx_keeps_pandocs_words_in_order() {
    let mut report = Vec::new();
    let mut failures = Vec::new();
    for path in corpus_docx() {
        let doc = read(&path);
        let ratio = words_in_order_ratio(&pandoc_words(&path), doc.text());
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        report.push(format!("{ratio:.5}  {name}"));
        if ratio < 0.995 {
            failures.push(format!("{name}: {ratio:.4}"));
        }
    }
    eprintln!(
        "words-in-order ratio against pandoc:\n{}",
        report.join("\n")
    );
    assert!(failures.is_empty(), "below 0.995: {failures:?}");
}

/// The cross-check can fail: the same reading without its table loses enough words.
#[test]
fn the_cross_check_notices_a_lost_table() {
    let path = corpus_dir().join("features_pandoc_tracked.docx");
    let doc = read(&path);
    let without_table: Vec<&str> = doc
        .blocks
        .iter()
        .filter(|b| !matches!(b.kind, BlockKind::TableCell { .. }))
        .map(|b| b.text.as_str())
        .collect();
    let reference = pandoc_words(&path);
    assert!(words_in_order_ratio(&reference, doc.text()) >= 0.995);
    assert!(words_in_order_ratio(&reference, &without_table.join("\n\n")) < 0.95);
}

fn find<'d>(doc: &'d Document, needle: &str) -> &'d Block {
    doc.blocks
        .iter()
        .find(|b| b.text.contains(needle))
        .unwrap_or_else(|| panic!("no block contains {needle:?}"))
}

/// The nested numbered list of features.md, with labels as Word and LibreOffice show
/// them (features_lo.pdf, LibreOffice's rendering, shows 1. 2. 1. 2. 3.).
fn assert_numbered_list(doc: &Document) {
    let items: Vec<(u8, String, &str)> = doc
        .blocks
        .iter()
        .filter_map(|b| match &b.kind {
            BlockKind::ListItem { level, label } if label != "•" => Some((
                *level,
                label.clone(),
                b.text.split(':').next().unwrap_or(""),
            )),
            _ => None,
        })
        .collect();
    assert_eq!(
        items,
        [
            (0, "1.".to_string(), "NUMBERED-ITEM-ONE"),
            (0, "2.".to_string(), "NUMBERED-ITEM-TWO"),
            (1, "1.".to_string(), "NESTED-ITEM-A"),
            (1, "2.".to_string(), "NESTED-ITEM-B"),
            (0, "3.".to_string(), "NUMBERED-ITEM-THREE"),
        ]
    );
}

#[test]
fn features_document_reads_every_feature() {
    let doc = corpus_file("features_pandoc_tracked.docx");

    assert_eq!(
        find(&doc, "Features Test Compact").kind,
        BlockKind::Heading { level: 0 }
    );
    assert_eq!(
        find(&doc, "Introduction").kind,
        BlockKind::Heading { level: 1 }
    );
    assert_eq!(
        find(&doc, "Table of commitments").kind,
        BlockKind::Heading { level: 1 }
    );

    assert_numbered_list(&doc);
    for bullet in ["BULLET-ITEM-ONE", "BULLET-ITEM-TWO"] {
        assert_eq!(
            find(&doc, bullet).kind,
            BlockKind::ListItem {
                level: 0,
                label: "•".into()
            }
        );
    }

    let cell = |table, row, column| BlockKind::TableCell { table, row, column };
    assert_eq!(find(&doc, "Commitment").kind, cell(1, 1, 1));
    assert_eq!(
        find(&doc, "TABLE-CELL-CONSULTATION").text,
        "TABLE-CELL-CONSULTATION 12 weeks"
    );
    assert_eq!(find(&doc, "TABLE-CELL-CONSULTATION").kind, cell(1, 2, 1));
    assert_eq!(find(&doc, "All funders").kind, cell(1, 3, 2));
    assert_eq!(find(&doc, "June 2025").kind, cell(1, 3, 3));

    // The footnote: labelled 1, after the body, and not inside the paragraph citing it.
    let note = find(&doc, "FOOTNOTE-TEXT");
    assert_eq!(note.kind, BlockKind::Footnote { label: "1".into() });
    assert_eq!(
        note.text,
        "FOOTNOTE-TEXT: The Compact was first agreed in 1998."
    );
    let last_body = doc
        .blocks
        .iter()
        .rposition(|b| b.location.paragraph > 0)
        .unwrap();
    assert!(doc.blocks.iter().position(|b| b == note).unwrap() > last_body);
    assert_eq!(
        find(&doc, "BODY-PARA-ONE").text,
        "This paragraph is BODY-PARA-ONE and describes the Compact between the Council and the \
         voluntary sector. See the Compact website for details.",
        "hyperlink text is kept, footnote mark and URL are not"
    );

    // Running header and footer: present, marked as such, never body sentences.
    let header = find(&doc, "DRAFT POLICY HEADER");
    assert_eq!(header.kind, BlockKind::Header);
    assert_eq!(header.text, "DRAFT POLICY HEADER: Compact review copy");
    let footer = find(&doc, "FOOTER TEXT");
    assert_eq!(footer.kind, BlockKind::Footer);
    assert_eq!(
        footer.text, "FOOTER TEXT: Confidential draft, page 1",
        "PAGE shows its cached result"
    );
    let sentences: Vec<&str> = doc.sentences().iter().map(|(_, s)| doc.slice(*s)).collect();
    assert!(!sentences
        .iter()
        .any(|s| s.contains("DRAFT POLICY") || s.contains("FOOTER TEXT")));
    assert!(sentences.iter().any(|s| s.contains("BODY-PARA-LAST")));

    // Tracked changes accepted; the existing comment is not text.
    assert_eq!(
        find(&doc, "TRACKED-PARAGRAPH").text,
        "The Council will INSERTED-TEXT always consult partners (TRACKED-PARAGRAPH)."
    );
    assert_eq!(find(&doc, "INSERTED-PARAGRAPH").kind, BlockKind::Paragraph);
    assert!(!doc.text().contains("DELETED-TEXT"));
    assert!(!doc.text().contains("try to"));
    assert!(find(&doc, "COMMENTED-SPAN")
        .text
        .contains("the deadline is 2025 and more text."));
    assert!(!doc.text().contains("EXISTING-COMMENT-TEXT"));

    // The image is known by its description; the ligature test survives.
    assert_eq!(
        find(&doc, "[image:").text,
        "[image: Partnership logo (IMAGE-CAPTION)]"
    );
    assert!(find(&doc, "BODY-PARA-LAST")
        .text
        .contains("officers affirm efficient fluid offices"));
}

#[test]
fn libreoffice_resave_reads_the_same_as_the_original() {
    let original = corpus_file("features_pandoc_tracked.docx");
    let resaved = corpus_file("features_lo.docx");
    assert_numbered_list(&resaved);
    let body = |doc: &Document| -> Vec<(BlockKind, String)> {
        doc.blocks
            .iter()
            .filter(|b| b.kind != BlockKind::Footer)
            .map(|b| (b.kind.clone(), b.text.clone()))
            .collect()
    };
    // Only the footer differs: LibreOffice cached page 2 in its PAGE field.
    assert_eq!(body(&original), body(&resaved));
}

#[test]
fn word_like_split_runs_read_exactly_like_the_original() {
    let original = corpus_file("seed001_lo.docx");
    let split = corpus_file("seed001_lo_wordlike_splitruns.docx");
    let texts = |doc: &Document| -> Vec<(BlockKind, String)> {
        doc.blocks
            .iter()
            .map(|b| (b.kind.clone(), b.text.clone()))
            .collect()
    };
    assert!(original.blocks.len() > 100);
    assert_eq!(texts(&original), texts(&split));
    assert_eq!(original.text(), split.text());
}

#[test]
fn large_documents_read_the_same_from_pandoc_and_libreoffice() {
    let pandoc = corpus_file("large_pandoc.docx");
    let libreoffice = corpus_file("large_lo.docx");
    assert_eq!(pandoc.blocks, libreoffice.blocks);
    assert!(pandoc
        .blocks
        .iter()
        .any(|b| matches!(&b.kind, BlockKind::ListItem { label, .. } if label == "4.")));
}

/// Our numbered labels, in order, against LibreOffice's rendering of the same document
/// (the corpus PDFs were exported by soffice): every "1." / "2.4" / "a." that starts a
/// line of the PDF's text is a list label LibreOffice drew.
#[test]
fn numbered_labels_match_libreoffices_rendering() {
    let label_line = Regex::new(r"(?m)^[\s\x0C]+((?:[0-9]+\.)+|[a-z]\.|[ivx]+\.)\s").unwrap();
    for (docx, pdf) in [
        ("large_pandoc.docx", "large_pandoc.pdf"),
        ("features_lo.docx", "features_lo.pdf"),
    ] {
        let pdf_path = corpus_dir().join(pdf);
        let rendered = reference_tool(
            "pdftotext",
            &["-layout", pdf_path.to_str().unwrap(), "-"],
            "poppler-utils",
        );
        let shown: Vec<&str> = label_line
            .captures_iter(&rendered)
            .filter_map(|c| c.get(1).map(|m| m.as_str()))
            .collect();
        let doc = corpus_file(docx);
        let ours: Vec<&str> = doc
            .blocks
            .iter()
            .filter_map(|b| match &b.kind {
                BlockKind::ListItem { label, .. } if label != "•" => Some(label.as_str()),
                _ => None,
            })
            .collect();
        assert!(ours.len() >= 5, "{docx}: {ours:?}");
        assert_eq!(ours, shown, "{docx} against {pdf}");
    }
}

/// Run `inspect` on a file and check it fails the way a person can act on: exit 2, one
/// line on stderr naming the file, no panic, quickly.
#[track_caller]
fn assert_refused(path: &Path, expect_in_message: &str) {
    let started = Instant::now();
    let output = compactproof(&["inspect", path.to_str().expect("UTF-8 path")]);
    let elapsed = started.elapsed();
    let stderr = String::from_utf8_lossy(&output.stderr);
    let name = path.display().to_string();
    assert_eq!(output.status.code(), Some(2), "{name}: {stderr}");
    assert!(output.stdout.is_empty(), "{name}: printed a document");
    assert_eq!(stderr.lines().count(), 1, "{name}: {stderr}");
    assert!(stderr.contains(&name), "{name}: {stderr}");
    assert!(
        stderr.contains(expect_in_message),
        "{name}: expected {expect_in_message:?} in {stderr}"
    );
    assert!(!stderr.contains("panicked"), "{name}: {stderr}");
    assert!(
        elapsed < Duration::from_secs(10),
        "{name}: took {elapsed:?}"
    );
}

#[test]
fn broken_docx_files_are_refused_in_one_line() {
    let broken = corpus_dir().join("broken");
    let expected = [
        ("corrupt_deflate_data.docx", "word/document.xml is damaged"),
        (
            "malformed_xml_cut.docx",
            "word/document.xml is not well-formed",
        ),
        (
            "malformed_xml_mismatch.docx",
            "word/document.xml is not well-formed",
        ),
        ("missing_document_xml.docx", "no word/document.xml"),
        ("not_a_zip.docx", "not a zip package"),
        ("truncated.docx", "zip archive is damaged"),
        ("zipbomb_300MB_document.docx", "would inflate to more than"),
    ];
    let files = files_with_extension(&broken, "docx");
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name == "huge_declared_size.docx" {
            continue;
        }
        let message = expected
            .iter()
            .find(|(file, _)| *file == name)
            .map(|(_, message)| *message)
            .unwrap_or_else(|| panic!("new broken file {name}: add its expected message"));
        assert_refused(path, message);
    }
    assert_eq!(files.len(), expected.len() + 1, "{files:?}");
}

/// The central directory claims ~4 GB for word/document.xml, but the data is the real
/// seed000 document: reading it (the declared size is never trusted) or refusing it are
/// both fine, as long as it is quick and clean.
#[test]
fn a_lying_declared_size_is_harmless() {
    let path = corpus_dir().join("broken/huge_declared_size.docx");
    let started = Instant::now();
    let output = compactproof(&["inspect", path.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(started.elapsed() < Duration::from_secs(10));
    assert!(!stderr.contains("panicked"), "{stderr}");
    match output.status.code() {
        Some(0) => assert_eq!(
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(
                &compactproof(&[
                    "inspect",
                    corpus_dir().join("seed000_lo.docx").to_str().unwrap()
                ])
                .stdout
            )
        ),
        Some(2) => assert_eq!(stderr.lines().count(), 1, "{stderr}"),
        other => panic!("exit {other:?}: {stderr}"),
    }
}

/// A DOCX whose word/document.xml is given, written to a temporary file.
fn temp_docx(document_xml: &str) -> tempfile::NamedTempFile {
    let mut file = tempfile::Builder::new()
        .suffix(".docx")
        .tempfile()
        .expect("temp file");
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("word/document.xml", options).unwrap();
    zip.write_all(document_xml.as_bytes()).unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    file.write_all(&bytes).unwrap();
    file.flush().unwrap();
    file
}

#[test]
fn deeply_nested_xml_is_refused_quickly() {
    let depth = 100_000;
    let xml = format!(
        r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{}{}</w:body></w:document>"#,
        "<w:sdt>".repeat(depth),
        "</w:sdt>".repeat(depth)
    );
    let file = temp_docx(&xml);
    assert_refused(file.path(), "nested more than 256 deep");
}

#[test]
fn inspect_features_document_snapshot() {
    let path = corpus_dir().join("features_pandoc_tracked.docx");
    insta::assert_snapshot!(
        "features_pandoc_tracked_inspect",
        common::inspect_with_locations(&path)
    );
}
