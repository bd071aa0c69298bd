//! The renderers present the same draft: every word of the model is in every format, and
//! Markdown cannot be broken by the officer's own text.

use super::*;
use crate::draft::{Block, Citation, Draft};

fn sample() -> Draft {
    Draft {
        title: "Consultation timetable: *bold* plans".into(),
        letter: false,
        blocks: vec![
            Block::Heading("Summary of dates".into()),
            Block::Paragraph("1. Not a list [to complete] <b> and [link](x)".into()),
            Block::Labelled {
                label: "Date".into(),
                text: "Monday 6 December 2027".into(),
            },
            Block::Lines(vec!["[Name]".into(), "Elm Street Lunch Club".into()]),
            Block::Bullets(vec!["first;".into(), "second.".into()]),
            Block::Table {
                columns: vec!["Step".into(), "Date".into()],
                rows: vec![vec!["Opens | now".into(), "Monday 5 April 2027".into()]],
            },
            Block::Table {
                columns: vec![
                    "Protected characteristic".into(),
                    "Likely impact".into(),
                    "Evidence".into(),
                ],
                rows: vec![vec![
                    "Age".into(),
                    "[to complete]".into(),
                    "[to complete]".into(),
                ]],
            },
            Block::Citations(vec![Citation {
                id: "durham/2.4".into(),
                citation: "County Durham Compact, Outcome 2, undertaking 2.4".into(),
            }]),
        ],
        dated: None,
        warnings: vec![],
    }
}

#[test]
fn markdown_escapes_markup_but_keeps_placeholders() {
    let md = markdown::render(&sample());
    assert!(
        md.starts_with("# Consultation timetable: \\*bold\\* plans\n"),
        "{md}"
    );
    assert!(
        md.contains("\n1\\. Not a list [to complete] \\<b\\> and [link]\\(x)\n"),
        "{md}"
    );
    assert!(md.contains("**Date:** Monday 6 December 2027\n"));
    assert!(md.contains("[Name]\\\nElm Street Lunch Club\n"));
    assert!(md.contains("| Opens \\| now | Monday 5 April 2027 |"));
    assert!(md.contains("| --- | --- |\n"));
    assert!(md.contains(
        "**Compact:** County Durham Compact, Outcome 2, undertaking 2.4 (durham/2.4).\n"
    ));
    assert!(md.ends_with(".\n") && !md.ends_with("\n\n"));
}

#[test]
fn text_underlines_headings_and_lays_out_tables() {
    let text = text::render(&sample());
    assert!(text.starts_with(
        "Consultation timetable: *bold* plans\n====================================\n\n"
    ));
    assert!(text.contains("Summary of dates\n----------------\n"));
    assert!(
        text.contains("\n- Opens | now: Monday 5 April 2027\n"),
        "{text}"
    );
    assert!(text.contains("Age\n  Likely impact: [to complete]\n  Evidence: [to complete]\n"));
    assert!(
        text.contains("Compact: County Durham Compact, Outcome 2, undertaking 2.4 (durham/2.4).\n")
    );
    assert!(!text.contains('\\'));
}

#[test]
fn a_letter_has_no_title_heading() {
    let mut draft = sample();
    draft.letter = true;
    assert!(markdown::render(&draft).starts_with("## Summary of dates"));
    assert!(text::render(&draft).starts_with("Summary of dates\n---"));
}

#[test]
fn the_word_document_holds_every_word_and_no_clock() {
    let bytes = render(DraftFormat::Docx, &sample()).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut archive.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    for needle in [
        "Consultation timetable: *bold* plans",
        "1. Not a list [to complete] &lt;b&gt; and [link](x)",
        "Monday 6 December 2027",
        "Elm Street Lunch Club",
        "Protected characteristic",
        "County Durham Compact, Outcome 2, undertaking 2.4 (durham/2.4).",
        "w:numId w:val=\"2\"",
    ] {
        assert!(xml.contains(needle), "no {needle:?} in {xml}");
    }
    // The same draft gives the same bytes.
    assert_eq!(bytes, render(DraftFormat::Docx, &sample()).unwrap());
}

#[test]
fn formats_follow_the_extension() {
    use std::path::Path;
    assert_eq!(
        DraftFormat::from_path(Path::new("a.MD")),
        Some(DraftFormat::Markdown)
    );
    assert_eq!(
        DraftFormat::from_path(Path::new("a.txt")),
        Some(DraftFormat::Text)
    );
    assert_eq!(
        DraftFormat::from_path(Path::new("a.docx")),
        Some(DraftFormat::Docx)
    );
    assert_eq!(DraftFormat::from_path(Path::new("a.pdf")), None);
    assert_eq!(DraftFormat::from_path(Path::new("a")), None);
}
