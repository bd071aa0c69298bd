//! Unit tests for annotated copies, on tiny packages built in memory.

use super::*;
use crate::document::ByteSpan;
use crate::findings::{FindingLocation, Severity, Status, Suggestion, UndertakingRef};
use crate::ingest::{read_bytes, Limits};
use crate::lexicon::Theme;
use std::io::{Read, Write};
use zip::write::SimpleFileOptions;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const DATE: &str = "2027-03-01T09:00:00Z";

fn options() -> AnnotateOptions {
    AnnotateOptions {
        date: DATE.into(),
        ..AnnotateOptions::now()
    }
}

fn zip(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, content) in parts {
        writer
            .start_file(*name, SimpleFileOptions::default())
            .unwrap();
        writer.write_all(content.as_bytes()).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

/// A package with `body` in its document, plus extra parts.
fn docx(body: &str, extra: &[(&str, &str)]) -> Vec<u8> {
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>{body}<w:sectPr/></w:body></w:document>"#
    );
    let mut parts = vec![
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#,
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#,
        ),
        ("word/document.xml", document.as_str()),
        (
            "word/styles.xml",
            r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>"#,
        ),
    ];
    parts.extend_from_slice(extra);
    zip(&parts)
}

fn part(bytes: &[u8], name: &str) -> Option<String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut entry = archive.by_name(name).ok()?;
    let mut text = String::new();
    entry.read_to_string(&mut text).unwrap();
    Some(text)
}

fn read(bytes: &[u8]) -> Document {
    read_bytes(bytes, Some("docx"), &Limits::default()).expect("readable docx")
}

/// A finding whose terms are the first `terms` in the document, in the sentence `sentence`.
fn finding(
    document: &Document,
    status: Status,
    sentence: &str,
    terms: &str,
    action: SuggestionAction,
    text: &str,
) -> Finding {
    let at =
        document.text().find(sentence).expect("sentence") + sentence.find(terms).expect("terms");
    Finding {
        id: "consultation.period".into(),
        theme: Theme::Consultation,
        status,
        severity: if status == Status::Short {
            Severity::Error
        } else {
            Severity::Warning
        },
        undertakings: vec![UndertakingRef {
            id: "durham-1.1".into(),
            compact: "durham".into(),
            citation: "County Durham Compact, Outcome 1, undertaking 1.1".into(),
            quote: "consult for 12 weeks".into(),
        }],
        message:
            "The consultation period is 42 days (\u{201c}six weeks\u{201d}), below the minimum."
                .into(),
        location: Some(FindingLocation::of(
            document,
            ByteSpan::new(at, at + terms.len()),
        )),
        evidence: Some(sentence.into()),
        evidence_terms: Some(terms.into()),
        days: None,
        required_days: None,
        suggestion: Some(Suggestion {
            advice: "Extend the period to at least 12 weeks.".into(),
            action,
            text: (!text.is_empty()).then(|| text.to_string()),
        }),
    }
}

fn ids_of(xml: &str, element: &str) -> Vec<String> {
    let pattern = format!("<w:{element} w:id=\"");
    xml.match_indices(&pattern)
        .map(|(i, _)| {
            let rest = &xml[i + pattern.len()..];
            rest[..rest.find('"').unwrap()].to_string()
        })
        .collect()
}

const SPLIT_BODY: &str = r#"<w:p><w:r w:rsidR="1"><w:rPr><w:i/></w:rPr><w:t>The consul</w:t></w:r><w:proofErr w:type="spellStart"/><w:r><w:rPr><w:i/></w:rPr><w:t xml:space="preserve">tation will run for </w:t></w:r><w:bookmarkStart w:id="7" w:name="b"/><w:r><w:rPr><w:b/></w:rPr><w:t>six</w:t></w:r><w:bookmarkEnd w:id="7"/><w:r><w:t xml:space="preserve"> weeks. It ends in May.</w:t></w:r></w:p>"#;

#[test]
fn evidence_split_across_runs_gets_a_comment_and_a_tracked_replacement() {
    let original = docx(SPLIT_BODY, &[]);
    let document = read(&original);
    let sentence = "The consultation will run for six weeks.";
    let f = finding(
        &document,
        Status::Short,
        sentence,
        "six weeks",
        SuggestionAction::Replace,
        "12 weeks",
    );
    let annotated = annotate_docx_report(&original, &document, &[f], &options()).unwrap();
    assert_eq!(
        (annotated.comments, annotated.tracked, annotated.untracked),
        (1, 1, 0)
    );
    let xml = part(&annotated.bytes, "word/document.xml").unwrap();
    // The comment covers the sentence: it starts before the first run, ends after "weeks.".
    assert!(
        xml.contains(r#"<w:body><w:p><w:commentRangeStart w:id="8"/><w:r w:rsidR="1">"#),
        "{xml}"
    );
    assert!(xml.contains(r#"<w:t xml:space="preserve">.</w:t></w:r><w:commentRangeEnd w:id="8"/><w:r><w:commentReference w:id="8"/></w:r><w:r><w:t xml:space="preserve"> It ends in May.</w:t></w:r>"#), "{xml}");
    // "six" (bold) and " weeks" are deleted run by run, keeping their formatting, and the
    // replacement follows the last deleted run.
    assert!(xml.contains(r#"<w:del w:id="9" w:author="compactproof" w:date="2027-03-01T09:00:00Z"><w:r><w:rPr><w:b/></w:rPr><w:delText xml:space="preserve">six</w:delText></w:r></w:del>"#), "{xml}");
    assert!(xml.contains(r#"<w:delText xml:space="preserve"> weeks</w:delText></w:r></w:del><w:ins w:id="11" w:author="compactproof" w:date="2027-03-01T09:00:00Z"><w:r><w:t xml:space="preserve">12 weeks</w:t></w:r></w:ins>"#), "{xml}");
    // Bookmarks and proofing marks stay where they were.
    assert!(
        xml.contains(r#"<w:proofErr w:type="spellStart"/>"#)
            && xml.contains(r#"<w:bookmarkEnd w:id="7"/>"#)
    );
    // Reading the copy accepts the changes: the fix is in, nothing else moved.
    let fixed = read(&annotated.bytes);
    assert_eq!(
        fixed.text(),
        "The consultation will run for 12 weeks. It ends in May."
    );
    let comments = part(&annotated.bytes, "word/comments.xml").unwrap();
    assert!(comments.contains(r#"<w:comment w:id="8" w:author="compactproof" w:date="2027-03-01T09:00:00Z" w:initials="CP">"#), "{comments}");
    assert!(comments.contains("County Durham Compact, Outcome 1, undertaking 1.1"));
    assert!(comments.contains("Extend the period to at least 12 weeks."));
}

#[test]
fn a_comments_part_is_created_with_its_relationship_and_content_type() {
    let original = docx(SPLIT_BODY, &[]);
    let document = read(&original);
    let f = finding(
        &document,
        Status::Weak,
        "It ends in May.",
        "May",
        SuggestionAction::None,
        "",
    );
    let annotated = annotate_docx(&original, &document, &[f], &options()).unwrap();
    let rels = part(&annotated, "word/_rels/document.xml.rels").expect("rels part created");
    assert!(rels.contains(r#"Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml""#), "{rels}");
    let types = part(&annotated, "[Content_Types].xml").unwrap();
    assert!(types.contains(r#"<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/></Types>"#), "{types}");
    assert!(part(&annotated, "word/comments.xml")
        .unwrap()
        .starts_with("<?xml"));
    // New parts go at the end; the others keep their order.
    let archive = zip::ZipArchive::new(std::io::Cursor::new(&annotated[..])).unwrap();
    let names: Vec<String> = archive
        .file_names()
        .map(|n| n.unwrap().into_owned())
        .collect();
    assert_eq!(
        names,
        [
            "[Content_Types].xml",
            "_rels/.rels",
            "word/document.xml",
            "word/styles.xml",
            "word/comments.xml",
            "word/_rels/document.xml.rels"
        ]
    );
}

#[test]
fn existing_comments_and_changes_survive_and_ids_stay_unique() {
    let body = r#"<w:p><w:r><w:t xml:space="preserve">The Council will </w:t></w:r><w:del w:id="901" w:author="Ed"><w:r><w:delText>try to </w:delText></w:r></w:del><w:ins w:id="902" w:author="Ed"><w:r><w:t xml:space="preserve">always </w:t></w:r></w:ins><w:commentRangeStart w:id="0"/><w:r><w:t>consult partners for six weeks.</w:t></w:r><w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r></w:p>"#;
    let comments = format!(
        r#"<?xml version="1.0"?><w:comments xmlns:w="{W}"><w:comment w:id="0" w:author="Prior"><w:p><w:r><w:t>Check this.</w:t></w:r></w:p></w:comment></w:comments>"#
    );
    let rels = r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/></Relationships>"#;
    let footnotes = format!(
        r#"<w:footnotes xmlns:w="{W}"><w:footnote w:id="5000"><w:p/></w:footnote></w:footnotes>"#
    );
    let original = docx(
        body,
        &[
            ("word/comments.xml", &comments),
            ("word/_rels/document.xml.rels", rels),
            ("word/footnotes.xml", &footnotes),
        ],
    );
    let document = read(&original);
    let sentence = "The Council will always consult partners for six weeks.";
    let f1 = finding(
        &document,
        Status::Short,
        sentence,
        "six weeks",
        SuggestionAction::Replace,
        "12 weeks",
    );
    let f2 = finding(
        &document,
        Status::Missing,
        sentence,
        "consult",
        SuggestionAction::InsertAfter,
        "Feedback will be published.",
    );
    let annotated = annotate_docx_report(&original, &document, &[f1, f2], &options()).unwrap();
    assert_eq!((annotated.comments, annotated.tracked), (2, 2));
    let xml = part(&annotated.bytes, "word/document.xml").unwrap();
    let comments = part(&annotated.bytes, "word/comments.xml").unwrap();
    assert!(comments.contains(r#"<w:comment w:id="0" w:author="Prior"><w:p><w:r><w:t>Check this.</w:t></w:r></w:p></w:comment>"#));
    assert!(xml.contains(r#"<w:del w:id="901" w:author="Ed"><w:r><w:delText>try to </w:delText></w:r></w:del><w:ins w:id="902" w:author="Ed">"#));
    let mut all: Vec<String> = Vec::new();
    for element in ["commentRangeStart", "ins", "del", "bookmarkStart"] {
        all.extend(ids_of(&xml, element));
    }
    let mut sorted = all.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), all.len(), "duplicate ids: {all:?}");
    for id in ids_of(&comments, "comment") {
        assert!(
            xml.contains(&format!(r#"<w:commentRangeStart w:id="{id}"/>"#)),
            "comment {id} is anchored"
        );
        assert!(
            xml.contains(&format!(r#"<w:commentReference w:id="{id}"/>"#)),
            "comment {id} is referenced"
        );
        if id != "0" {
            assert!(
                id.parse::<i64>().unwrap() > 5000,
                "new ids are above every id in the package"
            );
        }
    }
    // The inserted paragraph follows, its mark and content tracked.
    assert!(
        xml.contains(r#"</w:p><w:p><w:pPr><w:rPr><w:ins w:id="#),
        "{xml}"
    );
    let fixed = read(&annotated.bytes);
    assert_eq!(
        fixed.text(),
        "The Council will always consult partners for 12 weeks.\n\nFeedback will be published."
    );
    // Relationships already had the comments part; nothing added to them or the types.
    assert_eq!(
        part(&annotated.bytes, "word/_rels/document.xml.rels").unwrap(),
        rels
    );
}

#[test]
fn untouched_entries_are_copied_raw() {
    let original = docx(SPLIT_BODY, &[]);
    let document = read(&original);
    let f = finding(
        &document,
        Status::Weak,
        "It ends in May.",
        "May",
        SuggestionAction::None,
        "",
    );
    let annotated = annotate_docx(&original, &document, &[f], &options()).unwrap();
    let raw = |bytes: &[u8], name: &str| {
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let entry = archive.by_name(name).unwrap();
        let crc = entry.crc32();
        let method = entry.compression();
        let size = entry.compressed_size();
        (crc, method, size)
    };
    for name in ["word/styles.xml", "_rels/.rels"] {
        assert_eq!(raw(&original, name), raw(&annotated, name), "{name}");
    }
}

#[test]
fn entities_and_sentence_replacements() {
    let body = r#"<w:p><w:r><w:t>Grants &amp; contracts: the organisation must not criticise the Council. Other text.</w:t></w:r></w:p>"#;
    let original = docx(body, &[]);
    let document = read(&original);
    let sentence = "Grants & contracts: the organisation must not criticise the Council.";
    let f = finding(
        &document,
        Status::Conflict,
        sentence,
        "must not criticise",
        SuggestionAction::Replace,
        "Nothing in this agreement restricts the organisation's right to campaign.",
    );
    let annotated = annotate_docx(&original, &document, &[f], &options()).unwrap();
    let xml = part(&annotated, "word/document.xml").unwrap();
    assert!(xml.contains(r#"<w:delText xml:space="preserve">Grants &amp; contracts: the organisation must not criticise the Council.</w:delText>"#), "{xml}");
    let fixed = read(&annotated);
    assert_eq!(
        fixed.text(),
        "Nothing in this agreement restricts the organisation's right to campaign. Other text."
    );
}

#[test]
fn changes_through_fields_are_left_to_the_comment() {
    let body = r#"<w:p><w:r><w:t xml:space="preserve">Consult for </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> DOCPROPERTY Period </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>six weeks</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>.</w:t></w:r></w:p>"#;
    let original = docx(body, &[]);
    let document = read(&original);
    assert_eq!(document.text(), "Consult for six weeks.");
    let f = finding(
        &document,
        Status::Short,
        "Consult for six weeks.",
        "six weeks",
        SuggestionAction::Replace,
        "12 weeks",
    );
    let annotated = annotate_docx_report(&original, &document, &[f], &options()).unwrap();
    assert_eq!(
        (annotated.comments, annotated.tracked, annotated.untracked),
        (1, 0, 1)
    );
    let comments = part(&annotated.bytes, "word/comments.xml").unwrap();
    assert!(comments.contains("Suggested wording: </w:t></w:r><w:r><w:t xml:space=\"preserve\">\u{201c}12 weeks\u{201d}"), "{comments}");
    assert_eq!(read(&annotated.bytes).text(), "Consult for six weeks.");
}

#[test]
fn findings_without_a_location_go_on_the_theme_heading() {
    let body = r#"<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Purpose</w:t></w:r></w:p><w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Consultation</w:t></w:r></w:p><w:p><w:r><w:t>We will ask people.</w:t></w:r></w:p>"#;
    let styles = format!(
        r#"<w:styles xmlns:w="{W}"><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style></w:styles>"#
    );
    let original = {
        let document = format!(
            r#"<?xml version="1.0"?><w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>"#
        );
        zip(&[
            (
                "[Content_Types].xml",
                r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#,
            ),
            ("word/document.xml", &document),
            ("word/styles.xml", &styles),
        ])
    };
    let document = read(&original);
    let mut f = finding(
        &document,
        Status::Missing,
        "We will ask people.",
        "ask",
        SuggestionAction::InsertAfter,
        "The consultation will run for 12 weeks.",
    );
    f.location = None;
    f.evidence = None;
    let annotated = annotate_docx_report(&original, &document, &[f], &options()).unwrap();
    assert_eq!(annotated.fallback_anchors, 1);
    let xml = part(&annotated.bytes, "word/document.xml").unwrap();
    assert!(xml.contains(r#"<w:commentRangeStart w:id="0"/><w:r><w:t>Consultation</w:t></w:r><w:commentRangeEnd w:id="0"/>"#), "{xml}");
    // The new paragraph after a heading does not copy the heading style.
    assert!(xml.contains(r#"</w:p><w:p><w:pPr><w:rPr><w:ins"#), "{xml}");
    let types = part(&annotated.bytes, "[Content_Types].xml").unwrap();
    assert!(
        types.contains("/word/comments.xml") && types.contains("/word/_rels/document.xml.rels"),
        "{types}"
    );
}

#[test]
fn nothing_to_say_returns_the_original_bytes() {
    let original = docx(SPLIT_BODY, &[]);
    let document = read(&original);
    let mut f = finding(
        &document,
        Status::Met,
        "It ends in May.",
        "May",
        SuggestionAction::None,
        "",
    );
    f.severity = Severity::Info;
    assert_eq!(
        annotate_docx(&original, &document, &[f], &options()).unwrap(),
        original
    );
}

#[test]
fn damaged_input_is_an_error_not_a_panic() {
    let document = crate::document::DocumentBuilder::new(crate::document::Format::Docx).finish();
    let mut f = finding(
        &read(&docx(SPLIT_BODY, &[])),
        Status::Weak,
        "It ends in May.",
        "May",
        SuggestionAction::None,
        "",
    );
    f.location = None;
    for bytes in [
        b"PK\x03\x04garbage".to_vec(),
        zip(&[("word/document.xml", "<w:document xmlns:w=\"x\"><w:body>")]),
        Vec::new(),
    ] {
        assert!(annotate_docx(&bytes, &document, std::slice::from_ref(&f), &options()).is_err());
    }
}

/// Regression: every run of Word-like split text carries its own (empty) `w:rPr`, which
/// once counted as an object inside the deletion and left the change to the comment.
#[test]
fn deletions_run_through_runs_that_each_have_properties() {
    let words = [
        "regardless ",
        "of ",
        "race, ",
        "age, ",
        "disability ",
        "or ",
        "belief.",
    ];
    let mut body = String::from("<w:p>");
    for (i, word) in words.iter().enumerate() {
        if i == 3 {
            body.push_str(r#"<w:proofErr w:type="spellStart"/><w:bookmarkStart w:id="5011" w:name="_bm"/><w:bookmarkEnd w:id="5011"/>"#);
        }
        body.push_str(&format!(
            r#"<w:r w:rsidR="00A1B2C3"><w:rPr></w:rPr><w:t xml:space="preserve">{word}</w:t></w:r>"#
        ));
    }
    body.push_str("</w:p>");
    let original = docx(&body, &[]);
    let document = read(&original);
    let sentence = "regardless of race, age, disability or belief.";
    let f = finding(
        &document,
        Status::Missing,
        sentence,
        "race, age, disability",
        SuggestionAction::Replace,
        "age, disability, race, religion or belief, sex",
    );
    let annotated = annotate_docx_report(&original, &document, &[f], &options()).unwrap();
    assert_eq!((annotated.tracked, annotated.untracked), (1, 0));
    let xml = part(&annotated.bytes, "word/document.xml").unwrap();
    assert_eq!(xml.matches("<w:del ").count(), 3, "{xml}");
    assert!(xml.contains(r#"<w:bookmarkStart w:id="5011" w:name="_bm"/>"#));
    assert_eq!(
        read(&annotated.bytes).text(),
        "regardless of age, disability, race, religion or belief, sex or belief."
    );
}

#[test]
fn a_numbered_paragraph_and_a_table_cell_are_found_by_their_text() {
    let body = r#"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Consult for six weeks.</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Owner</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p><w:r><w:t>Consult for six weeks.</w:t></w:r></w:p>"#;
    let original = docx(body, &[]);
    let document = read(&original);
    // The second occurrence (the paragraph after the table) is the one the finding means.
    let second = document.text().rfind("six weeks").unwrap();
    let mut f = finding(
        &document,
        Status::Short,
        "Consult for six weeks.",
        "six weeks",
        SuggestionAction::Replace,
        "12 weeks",
    );
    f.location = Some(FindingLocation::of(
        &document,
        ByteSpan::new(second, second + 9),
    ));
    let annotated = annotate_docx(&original, &document, &[f], &options()).unwrap();
    assert_eq!(
        read(&annotated).text(),
        "Consult for six weeks.\n\nOwner\n\nConsult for 12 weeks."
    );
}
