//! Annotated Word copies checked by real readers.
//!
//! Every corpus DOCX (including the Word-like split-run file and the one that already has
//! comments and tracked changes) and a few fixture drafts are annotated with the engine's
//! findings plus two synthetic ones (a replacement on a real sentence, so every file
//! exercises a tracked deletion, and a finding with no location, which goes on a heading
//! or the first paragraph with a tracked new paragraph after it), then:
//! - every zip entry we do not edit is byte-identical (raw compressed bytes, CRC, method)
//!   and in its original order;
//! - LibreOffice converts the copy to ODT and PDF without error; the ODT has exactly one
//!   more `office:annotation` per comment we added, and our tracked insertions and
//!   deletions appear as `text:changed-region`s by "compactproof";
//! - pandoc with `--track-changes=reject` reads the same text from the copy as from the
//!   original, so nothing but our tracked changes touched the text;
//! - the page count is unchanged for a comments-only copy, and grows by at most one page
//!   per tracked change for the full copy (inserted wording is real text);
//! - a PDF of the annotated feature test file, with comments, is left in
//!   `target/annotate-review/` for a person to look at.

mod common;

use common::{corpus_dir, files_with_extension, reference_tool};
use compactproof::annotate::{annotate_docx_report, AnnotateOptions, Annotated};
use compactproof::document::{BlockKind, ByteSpan, Document};
use compactproof::engine::Engine;
use compactproof::findings::{
    Finding, FindingLocation, Severity, Status, Suggestion, SuggestionAction,
};
use compactproof::ingest::{read_bytes, Limits};
use compactproof::lexicon::{Lexicon, Theme};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

const DATE: &str = "2027-03-01T09:00:00Z";
const SYNTHETIC_TEXT: &str = "SYNTHETIC-REPLACEMENT";

fn options(track_changes: bool) -> AnnotateOptions {
    AnnotateOptions {
        author: "compactproof".into(),
        initials: "CP".into(),
        date: DATE.into(),
        comments: true,
        track_changes,
    }
}

/// The drafts checked: every corpus DOCX and a few fixtures.
fn drafts() -> Vec<PathBuf> {
    let mut files = files_with_extension(&corpus_dir(), "docx");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/drafts");
    for name in [
        "b-redcar-grant-conditions-gag.docx",
        "a-stockton-budget-savings-2027-28.docx",
        "b-eia-school-transport-partial.docx",
        "a-durham-family-hubs-recommissioning.docx",
    ] {
        files.push(fixtures.join(name));
    }
    files
}

/// A `short` finding replacing two words in the middle of a real body sentence.
fn synthetic_replacement(document: &Document) -> Option<Finding> {
    let sentences = document.sentences();
    let candidates: Vec<(usize, ByteSpan)> = sentences
        .into_iter()
        .filter(|(block, span)| {
            matches!(
                document.blocks[*block].kind,
                BlockKind::Paragraph | BlockKind::ListItem { .. }
            ) && document.slice(*span).split_whitespace().count() >= 10
        })
        .collect();
    let (_, sentence) = *candidates.get(candidates.len() / 2)?;
    let text = document.slice(sentence);
    // Two alphabetic words in a row, from the middle of the sentence.
    let words: Vec<(usize, &str)> = text
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
        .collect();
    let middle = words.len() / 2;
    let (at, end) = (middle..words.len().saturating_sub(1)).find_map(|i| {
        let (a, w1) = words[i];
        let (b, w2) = words[i + 1];
        let plain = |w: &str| w.chars().all(char::is_alphabetic);
        (plain(w1) && plain(w2) && text[a..b + w2.len()].split_whitespace().count() == 2)
            .then_some((a, b + w2.len()))
    })?;
    let span = ByteSpan::new(sentence.start + at, sentence.start + end);
    Some(Finding {
        id: "synthetic.replacement".into(),
        theme: Theme::Consultation,
        status: Status::Short,
        severity: Severity::Error,
        undertakings: Vec::new(),
        message: "A synthetic finding to exercise a tracked replacement.".into(),
        location: Some(FindingLocation::of(document, span)),
        evidence: Some(text.split_whitespace().collect::<Vec<_>>().join(" ")),
        evidence_terms: Some(document.slice(span).to_string()),
        days: None,
        required_days: None,
        suggestion: Some(Suggestion {
            advice: "Replace the words.".into(),
            action: SuggestionAction::Replace,
            text: Some(SYNTHETIC_TEXT.into()),
        }),
    })
}

/// A `missing` finding with no location: it goes on the most relevant heading or the
/// first paragraph, with a tracked new paragraph after it.
fn synthetic_unanchored() -> Finding {
    Finding {
        id: "synthetic.unanchored".into(),
        theme: Theme::Feedback,
        status: Status::Missing,
        severity: Severity::Warning,
        undertakings: Vec::new(),
        message: "A synthetic finding with no location.".into(),
        location: None,
        evidence: None,
        evidence_terms: None,
        days: None,
        required_days: None,
        suggestion: Some(Suggestion {
            advice: "Add a sentence.".into(),
            action: SuggestionAction::InsertAfter,
            text: Some("SYNTHETIC-INSERTED-PARAGRAPH.".into()),
        }),
    }
}

struct Case {
    name: String,
    original: PathBuf,
    annotated: PathBuf,
    comments_only: PathBuf,
    result: Annotated,
    synthetic_tracked: bool,
}

/// One zip entry: (name, raw compressed bytes, crc, method, uncompressed bytes).
type Entry = (String, Vec<u8>, u32, String, Vec<u8>);

/// The entries of a zip, in order.
fn entries(path: &Path) -> Vec<Entry> {
    let bytes = std::fs::read(path).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = Vec::new();
    for i in 0..archive.len() {
        let (name, raw, crc, method) = {
            let mut file = archive.by_index_raw(i).unwrap();
            let mut raw = Vec::new();
            file.read_to_end(&mut raw).unwrap();
            (
                file.name().unwrap().into_owned(),
                raw,
                file.crc32(),
                format!("{:?}", file.compression()),
            )
        };
        let mut data = Vec::new();
        archive.by_index(i).unwrap().read_to_end(&mut data).unwrap();
        out.push((name, raw, crc, method, data));
    }
    out
}

/// Run soffice on `files`, converting to `target` in `outdir`.
fn soffice(profile: &Path, target: &str, outdir: &Path, files: &[&Path]) {
    let mut command = Command::new("soffice");
    command
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            target,
            "--outdir",
        ])
        .arg(outdir)
        .args(files);
    let output = command.output().unwrap_or_else(|e| {
        panic!("cannot run soffice ({e}); install it with `apt-get install -y libreoffice-writer`")
    });
    assert!(
        output.status.success(),
        "soffice --convert-to {target} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn odt_content(path: &Path) -> String {
    let bytes = std::fs::read(path)
        .unwrap_or_else(|e| panic!("LibreOffice wrote no {} ({e})", path.display()));
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut text = String::new();
    archive
        .by_name("content.xml")
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

fn count_annotations(content: &str) -> usize {
    content.matches("<office:annotation>").count() + content.matches("<office:annotation ").count()
}

/// Changed regions by compactproof: (insertions, deletions).
fn our_changes(content: &str) -> (usize, usize) {
    let mut insertions = 0;
    let mut deletions = 0;
    for region in content.split("<text:changed-region").skip(1) {
        let region = region.split("</text:changed-region>").next().unwrap_or("");
        if !region.contains("<dc:creator>compactproof</dc:creator>") {
            continue;
        }
        if region.contains("<text:insertion") {
            insertions += 1;
        }
        if region.contains("<text:deletion") {
            deletions += 1;
        }
    }
    (insertions, deletions)
}

fn pages(pdf: &Path) -> u32 {
    let info = reference_tool("pdfinfo", &[pdf.to_str().unwrap()], "poppler-utils");
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|p| p.trim().parse().ok())
        .unwrap_or_else(|| panic!("pdfinfo gave no page count for {}", pdf.display()))
}

fn plain_text_rejecting_changes(docx: &Path) -> String {
    reference_tool(
        "pandoc",
        &[
            "--track-changes=reject",
            "-t",
            "plain",
            "--wrap=none",
            docx.to_str().unwrap(),
        ],
        "pandoc",
    )
}

#[test]
fn annotated_copies_pass_libreoffice_and_keep_everything_else() {
    let lexicon = Lexicon::bundled();
    let engine = Engine::new(&lexicon, &[]).unwrap();
    let work = tempfile::tempdir().unwrap();
    let dir = work.path();
    let mut cases = Vec::new();
    for path in drafts() {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&path).unwrap();
        let document = read_bytes(&bytes, Some("docx"), &Limits::default()).unwrap();
        let mut findings = engine.check(&document, &name).findings;
        let synthetic = synthetic_replacement(&document);
        findings.extend(synthetic.clone());
        findings.push(synthetic_unanchored());
        let result = annotate_docx_report(&bytes, &document, &findings, &options(true))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let comments_only = annotate_docx_report(&bytes, &document, &findings, &options(false))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let problems = findings.iter().filter(|f| f.status.is_problem()).count();
        assert_eq!(
            result.comments, problems,
            "{name}: one comment per problem finding"
        );
        assert_eq!(comments_only.tracked, 0);
        // Our own reader still reads the copy, with the changes accepted.
        let reread = read_bytes(&result.bytes, Some("docx"), &Limits::default())
            .unwrap_or_else(|e| panic!("{name}: the annotated copy does not read back: {e}"));
        let synthetic_tracked = synthetic.is_some() && reread.text().contains(SYNTHETIC_TEXT);
        assert!(
            synthetic.is_none() || synthetic_tracked,
            "{name}: the synthetic replacement was not made as a tracked change"
        );
        let original = dir.join(format!("{name}.original.docx"));
        let annotated = dir.join(format!("{name}.annotated.docx"));
        let comments = dir.join(format!("{name}.comments.docx"));
        std::fs::write(&original, &bytes).unwrap();
        std::fs::write(&annotated, &result.bytes).unwrap();
        std::fs::write(&comments, &comments_only.bytes).unwrap();
        cases.push(Case {
            name,
            original,
            annotated,
            comments_only: comments,
            result,
            synthetic_tracked,
        });
    }
    assert!(
        cases.len() >= 19,
        "expected the whole corpus, got {}",
        cases.len()
    );

    // Untouched entries are byte for byte the same, in the same order.
    for case in &cases {
        let before = entries(&case.original);
        let after = entries(&case.annotated);
        let edited = |name: &str| {
            let lower = name.to_lowercase();
            lower == "[content_types].xml"
                || lower == "word/document.xml"
                || lower == "word/comments.xml"
                || lower == "word/_rels/document.xml.rels"
        };
        assert!(after.len() >= before.len());
        for (b, a) in before.iter().zip(&after) {
            assert_eq!(b.0, a.0, "{}: entry order changed", case.name);
            if !edited(&b.0) {
                assert!(
                    b.1 == a.1 && b.2 == a.2 && b.3 == a.3 && b.4 == a.4,
                    "{}: {} was not copied byte for byte",
                    case.name,
                    b.0
                );
            }
        }
        for extra in &after[before.len()..] {
            assert!(
                edited(&extra.0),
                "{}: unexpected new entry {}",
                case.name,
                extra.0
            );
        }
    }

    // LibreOffice reads every copy.
    let profile = dir.join("lo-profile");
    let odt = dir.join("odt");
    let pdf = dir.join("pdf");
    let all: Vec<&Path> = cases
        .iter()
        .flat_map(|c| {
            [
                c.original.as_path(),
                c.annotated.as_path(),
                c.comments_only.as_path(),
            ]
        })
        .collect();
    soffice(&profile, "odt", &odt, &all);
    soffice(&profile, "pdf", &pdf, &all);
    let converted = |dir: &Path, path: &Path, ext: &str| {
        dir.join(format!(
            "{}.{ext}",
            path.file_stem().unwrap().to_string_lossy()
        ))
    };
    let mut report = Vec::new();
    for case in &cases {
        let name = &case.name;
        let before = odt_content(&converted(&odt, &case.original, "odt"));
        let after = odt_content(&converted(&odt, &case.annotated, "odt"));
        assert_eq!(
            count_annotations(&after),
            count_annotations(&before) + case.result.comments,
            "{name}: LibreOffice shows a different number of comments"
        );
        let (insertions, deletions) = our_changes(&after);
        if case.result.tracked > 0 {
            assert!(
                insertions >= 1,
                "{name}: no tracked insertion by compactproof in the ODT"
            );
        }
        if case.synthetic_tracked {
            assert!(
                deletions >= 1,
                "{name}: no tracked deletion by compactproof in the ODT"
            );
            assert!(
                after.contains(SYNTHETIC_TEXT),
                "{name}: the replacement is not in the ODT"
            );
        }
        assert_eq!(
            plain_text_rejecting_changes(&case.original),
            plain_text_rejecting_changes(&case.annotated),
            "{name}: with our changes rejected the text differs from the original"
        );
        let original_pages = pages(&converted(&pdf, &case.original, "pdf"));
        let comment_pages = pages(&converted(&pdf, &case.comments_only, "pdf"));
        let annotated_pages = pages(&converted(&pdf, &case.annotated, "pdf"));
        assert_eq!(
            original_pages, comment_pages,
            "{name}: comments changed the page count"
        );
        assert!(
            original_pages <= annotated_pages
                && annotated_pages <= original_pages + case.result.tracked as u32,
            "{name}: {original_pages} pages became {annotated_pages} with {} tracked changes",
            case.result.tracked
        );
        report.push(format!(
            "{name}: {} comments, {} tracked, pages {original_pages} -> {annotated_pages}",
            case.result.comments, case.result.tracked
        ));
    }
    eprintln!("{}", report.join("\n"));

    // A PDF with the comments, for a person to review.
    let review = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/annotate-review");
    std::fs::create_dir_all(&review).unwrap();
    let features = cases
        .iter()
        .find(|c| c.name == "features_pandoc_tracked")
        .expect("the corpus has features_pandoc_tracked.docx");
    soffice(
        &profile,
        r#"pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}"#,
        &review,
        &[features.annotated.as_path()],
    );
    assert!(review
        .join("features_pandoc_tracked.annotated.pdf")
        .exists());
}
