//! DOCX: reading a Word package into blocks, as faithfully as a person sees it in Word.
//!
//! Reading goes through zip and quick-xml directly rather than a DOCX crate, because the
//! reader must survive hostile and damaged files (see [`package`] and [`xml`]: size limits
//! on every part and on the whole package, corrupt data and truncated XML as errors, never
//! panics or hangs) and must read things a writer-oriented crate drops (footnotes,
//! tracked changes accepted, list labels as displayed).
//!
//! The parts and who reads them, one job per module:
//! - [`package`]: the zip, under [`Limits`], and relationship targets;
//! - [`xml`]: each part checked (complete, well formed, not too deep) and parsed;
//! - [`styles`]: which paragraphs are headings, and style-applied numbering;
//! - [`numbering`]: list labels as shown ("2.4", "(b)", "•");
//! - [`body`]: the walk through `word/document.xml` (runs, fields, tracked changes,
//!   tables, text boxes) into blocks;
//! - [`pages`]: the page rule (explicit and last-rendered page breaks, else no pages);
//! - [`notes`]: footnotes and endnotes and their labels;
//! - [`headers`]: running headers and footers.
//!
//! Block order in the [`Document`]: headers first, then the body in reading order, then
//! footnotes and endnotes (in the order the body first refers to them), then footers.
//! Errors are [`IngestError::Docx`] (the package), [`IngestError::DocxTooLarge`] (a limit)
//! or [`IngestError::Xml`] (a part), each naming the part and the problem in one line.

mod body;
mod headers;
mod notes;
mod numbering;
pub(crate) mod package;
mod pages;
mod styles;
mod xml;

use super::{IngestError, Limits};
use crate::document::{BlockKind, Document, DocumentBuilder, Format};
use body::{Context, Walker};
use headers::RunningKind;
use notes::{NoteKind, NoteNumbering, Notes};
use package::Package;
use xml::Element;

/// The main document part, where [`classify_zip`] looks for it.
const MAIN_PART: &str = "word/document.xml";

/// Decide what a zip archive is: DOCX, or a zip-based format we do not read.
pub(super) fn classify_zip(bytes: &[u8]) -> Result<Format, IngestError> {
    let reader = std::io::Cursor::new(bytes);
    let archive = zip::ZipArchive::new(reader)
        .map_err(|e| IngestError::Docx(format!("the zip archive is damaged ({e})")))?;
    let names: Vec<String> = archive
        .file_names()
        .filter_map(|n| n.ok().map(|n| n.into_owned()))
        .collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    if names.contains(&"word/document.xml") {
        return Ok(Format::Docx);
    }
    if names.iter().any(|n| n.starts_with("xl/")) {
        return Err(IngestError::Unsupported {
            format: "Excel workbook (.xlsx)",
            advice: "copy the text into a DOCX or text file",
        });
    }
    if names.iter().any(|n| n.starts_with("ppt/")) {
        return Err(IngestError::Unsupported {
            format: "PowerPoint (.pptx)",
            advice: "export it to PDF or copy the text into a DOCX",
        });
    }
    if names.contains(&"content.xml") && names.contains(&"mimetype") {
        return Err(IngestError::Unsupported {
            format: "OpenDocument (.odt)",
            advice: super::CONVERT_ADVICE,
        });
    }
    if names.iter().any(|n| n.starts_with("word/")) || names.contains(&"[Content_Types].xml") {
        return Err(IngestError::Docx(
            "the package has no word/document.xml (the main document part is missing)".into(),
        ));
    }
    Err(IngestError::Unsupported {
        format: "zip archive",
        advice: "unzip it and check the documents inside one by one",
    })
}

/// Read a DOCX package into a document.
pub(super) fn read(bytes: &[u8], limits: &Limits) -> Result<Document, IngestError> {
    let mut package = Package::open(bytes, limits)?;
    let main = main_part(&mut package)?;
    let root = package.xml(&main)?.ok_or_else(|| {
        IngestError::Docx(format!(
            "the package has no {main} (the main document part is missing)"
        ))
    })?;
    let body = root
        .w("body")
        .filter(|_| root.is_w("document"))
        .ok_or_else(|| {
            IngestError::Docx(format!(
                "{main} is not a WordprocessingML document (no w:document/w:body)"
            ))
        })?;
    let relationships = package.relationships(&main)?;
    let related = |kind: &str, fallback: &str| -> String {
        relationships
            .iter()
            .find(|r| r.is(kind))
            .and_then(|r| r.part.clone())
            .unwrap_or_else(|| fallback.to_string())
    };
    let styles = package
        .xml(&related("styles", "word/styles.xml"))?
        .map(|r| styles::Styles::parse(&r))
        .unwrap_or_default();
    let numbering = package
        .xml(&related("numbering", "word/numbering.xml"))?
        .map(|r| numbering::Numbering::parse(&r))
        .unwrap_or_default();
    let settings = package.xml(&related("settings", "word/settings.xml"))?;
    let footnotes = package
        .xml(&related("footnotes", "word/footnotes.xml"))?
        .map(Notes::parse)
        .unwrap_or_default();
    let endnotes = package
        .xml(&related("endnotes", "word/endnotes.xml"))?
        .map(Notes::parse)
        .unwrap_or_default();
    let mut running: Vec<(RunningKind, Element)> = Vec::new();
    for (kind, part) in headers::referenced_parts(body, &relationships) {
        if let Some(part_root) = package.xml(&part)? {
            running.push((kind, part_root));
        }
    }

    let mut walker = Walker::new(
        Context {
            styles: &styles,
            numbering: &numbering,
        },
        DocumentBuilder::new(Format::Docx),
        pages::Pages::for_body(body),
        pages::section_starts_new_page(body),
    );
    push_running(&mut walker, &running, RunningKind::Header);
    walker.body(body);
    let final_sect = body.w("sectPr");
    for (kind, notes, properties) in [
        (NoteKind::Foot, &footnotes, "footnotePr"),
        (NoteKind::End, &endnotes, "endnotePr"),
    ] {
        let numbering = NoteNumbering::default_for(kind)
            .with(settings.as_ref().and_then(|s| s.w(properties)))
            .with(final_sect.and_then(|s| s.w(properties)));
        for (reference, label) in walker.notes.labelled(kind, numbering) {
            let Some(note) = notes.get(&reference.id) else {
                continue;
            };
            let lines = walker.lines(note, false);
            let kind = match kind {
                NoteKind::Foot => BlockKind::Footnote { label },
                NoteKind::End => BlockKind::Endnote { label },
            };
            walker
                .builder
                .push(kind, &lines.text(), reference.page, None);
        }
    }
    push_running(&mut walker, &running, RunningKind::Footer);

    let mut builder = walker.builder;
    if builder.is_empty() {
        builder.warn("the document has no text (is it a scanned image, or only pictures?)");
    }
    Ok(builder.finish())
}

/// The main document part: the package's officeDocument relationship, else the usual name.
fn main_part(package: &mut Package<'_>) -> Result<String, IngestError> {
    let relationships = package.relationships("")?;
    Ok(relationships
        .iter()
        .find(|r| r.is("officeDocument"))
        .and_then(|r| r.part.clone())
        .filter(|part| package.has(part))
        .unwrap_or_else(|| MAIN_PART.to_string()))
}

/// Push the headers (or footers), one block per part, skipping repeats of the same text.
fn push_running(walker: &mut Walker<'_>, parts: &[(RunningKind, Element)], wanted: RunningKind) {
    let mut seen: Vec<String> = Vec::new();
    for (kind, root) in parts {
        if *kind != wanted {
            continue;
        }
        let text = walker.lines(root, true).text();
        let normalised = crate::document::normalise_text(&text);
        if normalised.is_empty() || seen.contains(&normalised) {
            continue;
        }
        seen.push(normalised);
        let block = match kind {
            RunningKind::Header => BlockKind::Header,
            RunningKind::Footer => BlockKind::Footer,
        };
        walker.builder.push(block, &text, None, None);
    }
}

/// Building DOCX packages in memory for the unit tests.
#[cfg(test)]
pub(super) mod test_docx {
    use std::io::Write;
    use zip::write::SimpleFileOptions;

    pub const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    /// A zip of stored (uncompressed) parts.
    pub fn zip_parts(parts: &[(&str, &str)]) -> Vec<u8> {
        let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options =
            SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        for (name, content) in parts {
            writer.start_file(*name, options).expect("start part");
            writer.write_all(content.as_bytes()).expect("write part");
        }
        writer.finish().expect("finish zip").into_inner()
    }

    /// A DOCX whose body is `body` (WordprocessingML inside `w:body`), plus any extra
    /// parts (`word/styles.xml`, ...) given as (name, XML).
    pub fn docx(body: &str, extra: &[(&str, &str)]) -> Vec<u8> {
        let document = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W_NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml"><w:body>{body}</w:body></w:document>"#
        );
        let mut parts: Vec<(&str, &str)> = vec![
            (
                "[Content_Types].xml",
                r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#,
            ),
            ("word/document.xml", &document),
        ];
        parts.extend_from_slice(extra);
        zip_parts(&parts)
    }

    /// Wrap XML in a root element carrying the WordprocessingML namespace.
    pub fn part(root: &str, inner: &str) -> String {
        format!(
            r#"<w:{root} xmlns:w="{W_NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">{inner}</w:{root}>"#
        )
    }

    /// A paragraph with one run of text.
    pub fn p(text: &str) -> String {
        format!(r#"<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#)
    }
}

#[cfg(test)]
mod tests {
    use super::test_docx::{docx, p, part};
    use super::*;

    fn read_docx(bytes: &[u8]) -> Document {
        read(bytes, &Limits::default()).expect("readable docx")
    }

    /// (kind, text) of every block, with kinds written compactly.
    fn blocks(doc: &Document) -> Vec<(String, String)> {
        doc.blocks
            .iter()
            .map(|b| {
                let kind = match &b.kind {
                    BlockKind::Heading { level } => format!("h{level}"),
                    BlockKind::ListItem { level, label } => format!("li{level}:{label}"),
                    BlockKind::TableCell { table, row, column } => {
                        format!("t{table}r{row}c{column}")
                    }
                    BlockKind::Footnote { label } => format!("fn:{label}"),
                    BlockKind::Endnote { label } => format!("en:{label}"),
                    other => other.name().to_string(),
                };
                (kind, b.text.clone())
            })
            .collect()
    }

    fn texts(doc: &Document) -> Vec<String> {
        doc.blocks.iter().map(|b| b.text.clone()).collect()
    }

    #[test]
    fn runs_split_by_edits_bookmarks_and_proofing_marks_join() {
        let body = r#"<w:p><w:r w:rsidR="1"><w:t>The Coun</w:t></w:r><w:proofErr w:type="spellStart"/><w:r><w:t>cil</w:t></w:r><w:proofErr w:type="spellEnd"/><w:bookmarkStart w:id="1" w:name="x"/><w:r><w:t xml:space="preserve"> will </w:t></w:r><w:bookmarkEnd w:id="1"/><w:commentRangeStart w:id="0"/><w:r><w:t>consult</w:t></w:r><w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r><w:r><w:t>.</w:t></w:r></w:p>"#;
        assert_eq!(
            texts(&read_docx(&docx(body, &[]))),
            ["The Council will consult."]
        );
    }

    #[test]
    fn tabs_breaks_hyphens_symbols_and_hyperlinks() {
        let body = r#"<w:p><w:r><w:t>Item</w:t><w:tab/><w:t>£5</w:t><w:br/><w:t>non</w:t><w:noBreakHyphen/><w:t>statutory co</w:t><w:softHyphen/><w:t>operation </w:t><w:sym w:font="Wingdings" w:char="F0FC"/></w:r><w:hyperlink r:id="rId9"><w:r><w:t xml:space="preserve"> see the Compact</w:t></w:r></w:hyperlink></w:p>"#;
        assert_eq!(
            texts(&read_docx(&docx(body, &[]))),
            ["Item £5\nnon-statutory cooperation ✓ see the Compact"]
        );
    }

    #[test]
    fn fields_show_their_result_not_their_code() {
        let body = r#"<w:p><w:r><w:t xml:space="preserve">See page </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGEREF _Toc1 \h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:fldSimple w:instr=" NUMPAGES "><w:r><w:t xml:space="preserve"> of 9</w:t></w:r></w:fldSimple></w:p>"#;
        assert_eq!(texts(&read_docx(&docx(body, &[]))), ["See page 7 of 9"]);

        // A field nested in another's code is part of that code; a result may span
        // paragraphs; a code left open at a paragraph's end stops hiding text there.
        let run = |inner: &str| format!("<w:r>{inner}</w:r>");
        let fld = |kind: &str| run(&format!(r#"<w:fldChar w:fldCharType="{kind}"/>"#));
        let t = |text: &str| run(&format!(r#"<w:t xml:space="preserve">{text}</w:t>"#));
        let body = [
            "<w:p>",
            &t("Dear "),
            &fld("begin"),
            &run("<w:instrText> IF </w:instrText>"),
            &fld("begin"),
            &run("<w:instrText> MERGEFIELD Title </w:instrText>"),
            &fld("separate"),
            &t("NESTED RESULT"),
            &fld("end"),
            &run(r#"<w:instrText> = "Cllr" "Councillor" "" </w:instrText>"#),
            &fld("separate"),
            &t("Councillor"),
            &fld("end"),
            &t(" Smith"),
            "</w:p><w:p>",
            &fld("begin"),
            &run("<w:instrText> TOC </w:instrText>"),
            &fld("separate"),
            &t("Contents line one"),
            "</w:p><w:p>",
            &t("Contents line two"),
            &fld("end"),
            "</w:p><w:p>",
            &fld("begin"),
            &t("broken code"),
            "</w:p>",
            &p("Still read."),
        ]
        .concat();
        assert_eq!(
            texts(&read_docx(&docx(&body, &[]))),
            [
                "Dear Councillor Smith",
                "Contents line one",
                "Contents line two",
                "Still read."
            ]
        );
    }

    #[test]
    fn tracked_changes_read_as_accepted() {
        let body = r#"<w:p><w:r><w:t xml:space="preserve">We will </w:t></w:r><w:del w:id="1" w:author="A"><w:r><w:delText xml:space="preserve">try to </w:delText></w:r></w:del><w:ins w:id="2" w:author="A"><w:r><w:t xml:space="preserve">always </w:t></w:r></w:ins><w:moveFrom w:id="3"><w:r><w:t>OLD PLACE </w:t></w:r></w:moveFrom><w:r><w:t>consult</w:t></w:r><w:moveTo w:id="4"><w:r><w:t xml:space="preserve"> first</w:t></w:r></w:moveTo><w:r><w:t>.</w:t></w:r></w:p>
            <w:p><w:pPr><w:rPr><w:del w:id="5" w:author="A"/></w:rPr></w:pPr><w:r><w:t xml:space="preserve">Joined </w:t></w:r></w:p>
            <w:p><w:r><w:t>to the next.</w:t></w:r></w:p>
            <w:p><w:pPr><w:rPr><w:del w:id="6" w:author="A"/></w:rPr></w:pPr><w:del w:id="7" w:author="A"><w:r><w:delText>A deleted paragraph.</w:delText></w:r></w:del></w:p>
            <w:p><w:pPr><w:pPrChange w:id="8" w:author="A"><w:pPr><w:pStyle w:val="Heading1"/></w:pPr></w:pPrChange></w:pPr><w:r><w:t>Not a heading any more.</w:t></w:r></w:p>"#;
        let doc = read_docx(&docx(body, &[]));
        assert_eq!(
            blocks(&doc),
            [
                ("paragraph".into(), "We will always consult first.".into()),
                ("paragraph".into(), "Joined to the next.".into()),
                ("paragraph".into(), "Not a heading any more.".into()),
            ]
        );
    }

    const STYLES: &str = r#"
        <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
        <w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>
        <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
        <w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="2"/></w:numPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
        <w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>"#;

    const NUMBERING: &str = r#"
        <w:abstractNum w:abstractNumId="0">
          <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
          <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/></w:lvl>
        </w:abstractNum>
        <w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="&#xF0B7;"/></w:lvl></w:abstractNum>
        <w:abstractNum w:abstractNumId="2">
          <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1"/></w:lvl>
          <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>
        </w:abstractNum>
        <w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>
        <w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num>
        <w:num w:numId="3"><w:abstractNumId w:val="0"/></w:num>"#;

    fn numbered(ilvl: u8, num: u8, text: &str) -> String {
        format!(
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
        )
    }

    fn styled(style: &str, text: &str) -> String {
        format!(
            r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
        )
    }

    #[test]
    fn headings_and_list_labels_as_shown() {
        let body = [
            styled("Title", "Compact review"),
            styled("Heading1", "Purpose"),
            numbered(0, 3, "Consult early."),
            numbered(1, 3, "in writing"),
            numbered(1, 3, "with reasons"),
            numbered(0, 3, "Give notice."),
            styled("ListBullet", "Openness"),
            styled("Heading2", "Funding"),
            styled("Heading2", "Notice"),
        ]
        .concat();
        let styles = part("styles", STYLES);
        let numbering = part("numbering", NUMBERING);
        let doc = read_docx(&docx(
            &body,
            &[
                ("word/styles.xml", &styles),
                ("word/numbering.xml", &numbering),
            ],
        ));
        let expected: Vec<(String, String)> = [
            ("h0", "Compact review"),
            ("h1", "Purpose"),
            ("li0:1.", "Consult early."),
            ("li1:(a)", "in writing"),
            ("li1:(b)", "with reasons"),
            ("li0:2.", "Give notice."),
            ("li0:•", "Openness"),
            ("h2", "1.1 Funding"),
            ("h2", "1.2 Notice"),
        ]
        .iter()
        .map(|(k, t)| (k.to_string(), t.to_string()))
        .collect();
        assert_eq!(blocks(&doc), expected);
    }

    #[test]
    fn tables_by_row_and_grid_column_with_nested_tables_in_order() {
        let cell = |inner: &str| format!("<w:tc>{inner}</w:tc>");
        let span = |n: u8, inner: &str| {
            format!(r#"<w:tc><w:tcPr><w:gridSpan w:val="{n}"/></w:tcPr>{inner}</w:tc>"#)
        };
        let nested = format!(
            "<w:tbl><w:tr>{}{}</w:tr></w:tbl>",
            cell(&p("inner A")),
            cell(&p("inner B"))
        );
        let body = format!(
            r#"<w:tbl><w:tr>{}{}</w:tr><w:tr><w:trPr><w:del w:id="1" w:author="A"/></w:trPr>{}</w:tr><w:tr>{}{}</w:tr><w:tr><w:trPr><w:gridBefore w:val="2"/></w:trPr>{}</w:tr></w:tbl>{}"#,
            span(2, &p("Wide")),
            cell(&format!("{}{}", p("Line one"), p("Line two"))),
            cell(&p("DELETED ROW")),
            cell(&format!("{}{}{}", p("before"), nested, p("after"))),
            cell(&p("last")),
            cell(&p("indented")),
            p("After the table.")
        );
        let doc = read_docx(&docx(&body, &[]));
        let expected: Vec<(String, String)> = [
            ("t1r1c1", "Wide"),
            ("t1r1c3", "Line one\nLine two"),
            ("t1r2c1", "before"),
            ("t2r1c1", "inner A"),
            ("t2r1c2", "inner B"),
            ("t1r2c1", "after"),
            ("t1r2c2", "last"),
            ("t1r3c3", "indented"),
            ("paragraph", "After the table."),
        ]
        .iter()
        .map(|(k, t)| (k.to_string(), t.to_string()))
        .collect();
        assert_eq!(blocks(&doc), expected);
    }

    #[test]
    fn alternate_content_reads_one_branch_and_text_boxes_follow_their_paragraph() {
        let text_box = format!("<w:txbxContent>{}</w:txbxContent>", p("In the box."));
        let body = format!(
            r#"<w:p><w:r><w:t xml:space="preserve">Anchor paragraph. </w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><wp:docPr id="1" name="Text Box 1"/><wps:wsp><wps:txbx>{text_box}</wps:txbx></wps:wsp></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>{text_box}</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>More.</w:t></w:r></w:p>{}"#,
            p("Next.")
        );
        assert_eq!(
            texts(&read_docx(&docx(&body, &[]))),
            ["Anchor paragraph. More.", "In the box.", "Next."]
        );
    }

    #[test]
    fn image_descriptions_show_inline() {
        let body = r#"<w:p><w:r><w:drawing><wp:inline><wp:docPr id="1" name="Picture 1" descr="Map of the wards"/></wp:inline></w:drawing></w:r></w:p>"#;
        assert_eq!(
            texts(&read_docx(&docx(body, &[]))),
            ["[image: Map of the wards]"]
        );
    }

    #[test]
    fn notes_are_labelled_by_reference_order_after_the_body() {
        let body = r#"<w:p><w:r><w:t>Consult.</w:t></w:r><w:r><w:footnoteReference w:id="9"/></w:r><w:r><w:t xml:space="preserve"> Fund.</w:t></w:r><w:r><w:footnoteReference w:id="3"/></w:r><w:r><w:endnoteReference w:id="2"/></w:r></w:p>"#;
        let footnotes = part(
            "footnotes",
            r#"<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
               <w:footnote w:id="3"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Second note.</w:t></w:r></w:p></w:footnote>
               <w:footnote w:id="9"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> First note,</w:t></w:r></w:p><w:p><w:r><w:t>two paragraphs.</w:t></w:r></w:p></w:footnote>"#,
        );
        let endnotes = part(
            "endnotes",
            r#"<w:endnote w:id="2"><w:p><w:r><w:t>An endnote.</w:t></w:r></w:p></w:endnote>"#,
        );
        let doc = read_docx(&docx(
            body,
            &[
                ("word/footnotes.xml", &footnotes),
                ("word/endnotes.xml", &endnotes),
            ],
        ));
        let expected: Vec<(String, String)> = [
            ("paragraph", "Consult. Fund."),
            ("fn:1", "First note,\ntwo paragraphs."),
            ("fn:2", "Second note."),
            ("en:i", "An endnote."),
        ]
        .iter()
        .map(|(k, t)| (k.to_string(), t.to_string()))
        .collect();
        assert_eq!(blocks(&doc), expected);
    }

    #[test]
    fn hidden_runs_custom_note_marks_and_note_number_formats() {
        let body = r#"<w:p><w:r><w:t xml:space="preserve">Shown </w:t></w:r><w:r><w:rPr><w:b/><w:vanish/></w:rPr><w:t>HIDDEN </w:t></w:r><w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>text</w:t></w:r><w:r><w:footnoteReference w:customMarkFollows="1" w:id="1"/></w:r><w:r><w:t>*</w:t></w:r><w:r><w:footnoteReference w:id="2"/></w:r><w:r><w:endnoteReference w:id="1"/></w:r></w:p>"#;
        let footnotes = part(
            "footnotes",
            r#"<w:footnote w:id="1"><w:p><w:r><w:t>Starred.</w:t></w:r></w:p></w:footnote><w:footnote w:id="2"><w:p><w:r><w:t>Numbered.</w:t></w:r></w:p></w:footnote>"#,
        );
        let endnotes = part(
            "endnotes",
            r#"<w:endnote w:id="1"><w:p><w:r><w:t>End.</w:t></w:r></w:p></w:endnote>"#,
        );
        let settings = part(
            "settings",
            r#"<w:footnotePr><w:numFmt w:val="lowerLetter"/></w:footnotePr><w:endnotePr><w:numFmt w:val="decimal"/><w:numStart w:val="5"/></w:endnotePr>"#,
        );
        let doc = read_docx(&docx(
            body,
            &[
                ("word/footnotes.xml", &footnotes),
                ("word/endnotes.xml", &endnotes),
                ("word/settings.xml", &settings),
            ],
        ));
        let expected: Vec<(String, String)> = [
            ("paragraph", "Shown text*"),
            ("fn:*", "Starred."),
            ("fn:a", "Numbered."),
            ("en:5", "End."),
        ]
        .iter()
        .map(|(k, t)| (k.to_string(), t.to_string()))
        .collect();
        assert_eq!(blocks(&doc), expected);
    }

    #[test]
    fn headers_and_footers_come_from_section_references_once() {
        let body = format!(
            r#"{}<w:sectPr><w:headerReference w:type="default" r:id="h1"/><w:headerReference w:type="first" r:id="h2"/><w:footerReference w:type="default" r:id="f1"/></w:sectPr>"#,
            p("Body.")
        );
        let rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="h1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/><Relationship Id="h2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header2.xml"/><Relationship Id="f1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="/word/footer1.xml"/></Relationships>"#;
        let header = part("hdr", &p("DRAFT"));
        let footer = part(
            "ftr",
            r#"<w:p><w:r><w:t xml:space="preserve">Page </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>"#,
        );
        let doc = read_docx(&docx(
            &body,
            &[
                ("word/_rels/document.xml.rels", rels),
                ("word/header1.xml", &header),
                ("word/header2.xml", &header),
                ("word/footer1.xml", &footer),
            ],
        ));
        let expected: Vec<(String, String)> = [
            ("header", "DRAFT"),
            ("paragraph", "Body."),
            ("footer", "Page 3"),
        ]
        .iter()
        .map(|(k, t)| (k.to_string(), t.to_string()))
        .collect();
        assert_eq!(blocks(&doc), expected);
        assert!(
            doc.sentences().iter().all(|(i, _)| *i == 1),
            "running text is not body"
        );
    }

    #[test]
    fn pages_come_from_breaks_when_the_document_has_them() {
        let body = format!(
            r#"{}<w:p><w:r><w:t>Two</w:t></w:r><w:r><w:br w:type="page"/><w:t>three</w:t></w:r></w:p><w:p><w:pPr><w:pageBreakBefore/></w:pPr><w:r><w:t>Four</w:t></w:r></w:p><w:p><w:pPr><w:sectPr/></w:pPr><w:r><w:t>Still four</w:t></w:r></w:p>{}<w:sectPr/>"#,
            p("One"),
            p("Five")
        );
        let doc = read_docx(&docx(&body, &[]));
        let pages: Vec<Option<u32>> = doc.blocks.iter().map(|b| b.location.page).collect();
        assert_eq!(pages, [Some(1), Some(1), Some(3), Some(3), Some(4)]);

        let rendered = format!(
            r#"{}<w:p><w:r><w:br w:type="page"/></w:r></w:p><w:p><w:r><w:lastRenderedPageBreak/><w:t>Two</w:t></w:r></w:p>"#,
            p("One")
        );
        let doc = read_docx(&docx(&rendered, &[]));
        let pages: Vec<Option<u32>> = doc.blocks.iter().map(|b| b.location.page).collect();
        assert_eq!(
            pages,
            [Some(1), Some(2)],
            "a rendered break after an explicit one counts once"
        );

        let doc = read_docx(&docx(&p("No breaks."), &[]));
        assert_eq!(doc.blocks[0].location.page, None);
    }

    #[test]
    fn broken_parts_are_errors_that_name_the_part() {
        let cut = docx(
            &p("Hello"),
            &[("word/styles.xml", "<w:styles xmlns:w=\"x\"><w:style>")],
        );
        let err = read(&cut, &Limits::default()).unwrap_err().to_string();
        assert!(err.contains("word/styles.xml"), "{err}");

        let deep = docx(
            &format!("{}{}", "<w:sdt>".repeat(300), "</w:sdt>".repeat(300)),
            &[],
        );
        let err = read(&deep, &Limits::default()).unwrap_err().to_string();
        assert!(
            err.contains("word/document.xml") && err.contains("nested"),
            "{err}"
        );

        let not_word = test_docx::zip_parts(&[("word/document.xml", "<html/>")]);
        let err = read(&not_word, &Limits::default()).unwrap_err().to_string();
        assert!(err.contains("w:body"), "{err}");
    }

    /// The walkers recurse once per nesting level; at the hard depth cap they must still
    /// fit a test thread's stack (2 MB), whatever the configured limit.
    #[test]
    fn nesting_at_the_hard_depth_cap_fits_the_stack() {
        let limits = Limits {
            max_xml_depth: usize::MAX,
            ..Limits::default()
        };
        let levels = xml::HARD_MAX_DEPTH - 8;
        let inline = format!(
            "<w:p>{}<w:r><w:t>deep link</w:t></w:r>{}</w:p>",
            "<w:hyperlink>".repeat(levels),
            "</w:hyperlink>".repeat(levels)
        );
        let blocks = format!(
            "{}{}{}",
            "<w:sdt><w:sdtContent>".repeat(levels / 2),
            p("deep block"),
            "</w:sdtContent></w:sdt>".repeat(levels / 2)
        );
        let cell = |inner: &str| format!("<w:tbl><w:tr><w:tc>{inner}</w:tc></w:tr></w:tbl>");
        let mut tables = p("deep cell");
        for _ in 0..levels / 3 {
            tables = cell(&tables);
        }
        for body in [inline, blocks, tables] {
            let doc = read(&docx(&body, &[]), &limits).expect("deep but within the cap");
            assert_eq!(doc.blocks.len(), 1);
        }
        let too_deep = format!("{}{}", "<w:sdt>".repeat(600), "</w:sdt>".repeat(600));
        let err = read(&docx(&too_deep, &[]), &limits)
            .unwrap_err()
            .to_string();
        assert!(err.contains("nested more than 512"), "{err}");
    }

    #[test]
    fn a_document_without_text_warns() {
        let doc = read_docx(&docx("<w:p/>", &[]));
        assert!(doc.blocks.is_empty());
        assert_eq!(doc.warnings.len(), 1);
    }
}
