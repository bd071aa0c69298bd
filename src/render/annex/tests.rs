//! Unit tests of the annex model and its three renderers, on the hand-built sample report
//! shared by every renderer's tests (`render::sample`) and the bundled lexicon.

use super::*;
use crate::findings::{Finding, Status};
use crate::lexicon::Lexicon;
use crate::render::sample;
use std::io::Read as _;

fn date(y: i32, m: u8, d: u8) -> Date {
    let month = time::Month::try_from(m).unwrap_or(time::Month::January);
    Date::from_calendar_date(y, month, d).unwrap_or(Date::MIN)
}

fn annex_of(document: &Document, report: &crate::findings::DocumentReport) -> Annex {
    let lexicon = Lexicon::bundled();
    Annex::build(
        Checked { report, document },
        &lexicon,
        SourceFile::new(
            "cabinet-report-community-grants.docx",
            b"draft bytes",
            Some(date(2027, 2, 20)),
        ),
        date(2027, 3, 11),
    )
}

fn sample_annex() -> Annex {
    let (document, report) = sample::sample();
    annex_of(&document, &report)
}

fn row<'a>(annex: &'a Annex, id: &str) -> &'a Row {
    match annex.rows.iter().find(|r| r.id == id) {
        Some(row) => row,
        None => panic!("no row for {id}: {:?}", annex.rows),
    }
}

#[test]
fn statuses_map_to_the_words_a_cabinet_report_uses() {
    assert_eq!(AnnexStatus::of(Status::Met), AnnexStatus::Met);
    assert_eq!(AnnexStatus::of(Status::Weak), AnnexStatus::PartlyMet);
    for status in [Status::Short, Status::Missing, Status::Conflict] {
        assert_eq!(AnnexStatus::of(status), AnnexStatus::NotMet);
    }
    assert_eq!(
        AnnexStatus::of(Status::NotApplicable),
        AnnexStatus::NotApplicable
    );
    assert_eq!(AnnexStatus::PartlyMet.title(), "Partly met");
}

#[test]
fn the_file_is_identified_by_its_sha256() {
    let source = SourceFile::new("x.txt", b"abc", None);
    assert_eq!(
        source.sha256,
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
    assert_eq!(date_words(date(2027, 3, 1)), "1 March 2027");
}

#[test]
fn formats_follow_the_extension() {
    let format = |name: &str| AnnexFormat::from_path(Path::new(name));
    assert_eq!(format("annex.docx"), Some(AnnexFormat::Docx));
    assert_eq!(format("out/Annex.HTML"), Some(AnnexFormat::Html));
    assert_eq!(format("annex.md"), Some(AnnexFormat::Markdown));
    assert_eq!(format("annex.pdf"), None);
    assert_eq!(format("annex"), None);
}

#[test]
fn one_row_per_undertaking_in_the_compacts_order() {
    let annex = sample_annex();
    let ids: Vec<&str> = annex.rows.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "durham/1.1",
            "durham/2.4",
            "durham/2.5",
            "durham/4.4",
            "durham/5.1"
        ]
    );
    let consultation = row(&annex, "durham/2.4");
    assert_eq!(consultation.status, AnnexStatus::NotMet);
    assert_eq!(
        consultation.citation,
        "County Durham Compact, Outcome 2, undertaking 2.4"
    );
    assert!(consultation.quote.ends_with('…'), "{}", consultation.quote);
    assert!(consultation.quote.chars().count() <= 121);
    assert_eq!(
        consultation.requirements,
        [RequirementLine {
            text: "At least 12 weeks for consultation (a shorter period is allowed with a \
                   clear reason)"
                .into(),
            status: AnnexStatus::NotMet,
        }]
    );
    let evidence = &consultation.evidence[0];
    assert!(
        evidence
            .quote
            .as_deref()
            .is_some_and(|q| q.contains("six weeks")),
        "{evidence:?}"
    );
    assert_eq!(evidence.place.as_deref(), Some("page 1, paragraph 6"));
    assert!(!consultation.actions.is_empty());

    let equality = row(&annex, "durham/5.1");
    assert_eq!(equality.status, AnnexStatus::Met);
    assert!(equality.actions.is_empty());
}

#[test]
fn undertakings_sharing_a_finding_each_get_a_row() {
    let (document, mut report) = sample::sample();
    // One consultation finding citing two compacts' undertakings.
    let stockton = crate::findings::UndertakingRef {
        id: "stockton/consultation/4".into(),
        compact: "stockton".into(),
        citation: "Stockton-on-Tees VCSE Compact 2018-21, consultation".into(),
        quote: "Allow at least 12 weeks for consultation.".into(),
    };
    report.findings[0].undertakings.push(stockton);
    report.compacts.push(crate::findings::CompactRef {
        id: "stockton".into(),
        title: "Stockton-on-Tees VCSE Compact 2018-21".into(),
        version: "2018-21".into(),
    });
    let annex = annex_of(&document, &report);
    let shared: Vec<&Row> = annex
        .rows
        .iter()
        .filter(|r| {
            r.evidence
                .iter()
                .any(|e| e.note == report.findings[0].message)
        })
        .collect();
    assert_eq!(shared.len(), 2, "{:?}", annex.rows);
    // Rows of the second compact come after every row of the first.
    assert_eq!(
        annex.rows.last().map(|r| r.id.as_str()),
        Some("stockton/consultation/4")
    );
    assert_eq!(
        annex.rows.last().map(|r| r.compact.as_str()),
        Some("Stockton-on-Tees VCSE Compact 2018-21")
    );
}

#[test]
fn the_worst_requirement_decides_an_undertakings_status() {
    let (document, mut report) = sample::sample();
    // A second requirement of durham/5.1, hedged: the undertaking is then partly met.
    let mut hedged: Finding = report.findings[3].clone();
    hedged.id = "equality.characteristics".into();
    hedged.status = Status::Weak;
    hedged.message = "The list is hedged.".into();
    report.findings.push(hedged);
    let annex = annex_of(&document, &report);
    let equality = row(&annex, "durham/5.1");
    assert_eq!(equality.status, AnnexStatus::PartlyMet);
    let statuses: Vec<AnnexStatus> = equality.requirements.iter().map(|r| r.status).collect();
    assert_eq!(statuses, [AnnexStatus::Met, AnnexStatus::PartlyMet]);
    assert_eq!(
        equality.requirements.get(1).map(|r| r.text.as_str()),
        Some("All nine protected characteristics of the Equality Act 2010")
    );
}

#[test]
fn a_missing_finding_shows_no_quote() {
    let annex = sample_annex();
    let feedback = row(&annex, "durham/2.5");
    assert_eq!(feedback.status, AnnexStatus::NotMet);
    assert!(feedback.evidence.iter().all(|e| e.quote.is_none()));
}

#[test]
fn unchecked_undertakings_are_grouped_by_theme_and_the_sectors_own_are_counted() {
    let annex = sample_annex();
    // The sample lists durham/2.9, which binds the sector: counted, not listed.
    assert!(annex.unchecked.is_empty(), "{:?}", annex.unchecked);
    assert!(annex.others_undertakings >= 1);
    assert!(annex
        .others_sentence()
        .is_some_and(|s| s.contains("voluntary and community sector")));

    let (document, mut report) = sample::sample();
    report.unchecked = ["durham/1.2", "durham/2.1", "durham/1.5"]
        .iter()
        .map(|id| crate::findings::UndertakingRef {
            id: (*id).into(),
            compact: "durham".into(),
            citation: String::new(),
            quote: String::new(),
        })
        .collect();
    let annex = annex_of(&document, &report);
    let themes: Vec<Theme> = annex.unchecked.iter().map(|(t, _)| *t).collect();
    assert_eq!(themes, [Theme::FundingPractice, Theme::Commissioning]);
    let ids: Vec<&str> = annex
        .unchecked
        .iter()
        .flat_map(|(_, items)| items.iter().map(|i| i.id.as_str()))
        .collect();
    assert_eq!(ids, ["durham/1.2", "durham/1.5", "durham/2.1"]);
    assert!(annex.unchecked.iter().all(|(_, items)| items
        .iter()
        .all(|i| !i.text.is_empty() && i.citation.starts_with("County Durham Compact"))));
}

#[test]
fn checkable_undertakings_that_do_not_apply_are_listed() {
    let annex = sample_annex();
    let listed: Vec<&str> = annex
        .not_applicable
        .iter()
        .flat_map(|(_, items)| items.iter().map(|i| i.id.as_str()))
        .collect();
    assert!(listed.contains(&"durham/3.3"), "{listed:?}");
    assert!(!listed.contains(&"durham/2.4"), "{listed:?}");
}

#[test]
fn the_implications_paragraph_names_the_compact_and_each_shortfall() {
    let annex = sample_annex();
    let text = &annex.implications;
    assert!(
        text.starts_with("The proposals engage the County Durham Compact's undertakings on"),
        "{text}"
    );
    assert!(
        text.contains(
            "The six-week consultation proposed is shorter than the twelve weeks the Compact \
             asks for and no reason is given."
        ),
        "{text}"
    );
    assert!(text.contains("three months' notice"), "{text}");
    assert!(text.contains("campaign"), "{text}");
    assert!(
        text.contains("The proposals meet the Compact's undertakings on equality."),
        "{text}"
    );
    assert!(!text.contains("compact-reference"), "{text}");
    assert!(!text.contains("finding"), "no jargon: {text}");
}

#[test]
fn a_draft_that_engages_nothing_says_so() {
    let (document, mut report) = sample::sample();
    report.findings.clear();
    for (_, verdict) in report.themes.iter_mut() {
        verdict.applies = false;
        verdict.status = Status::NotApplicable;
    }
    let annex = annex_of(&document, &report);
    assert!(annex.rows.is_empty());
    assert!(annex
        .implications
        .starts_with("The proposals do not engage the County Durham Compact's undertakings"));
    assert_eq!(
        annex.summary_sentence(),
        "None of the checkable undertakings applies to this draft."
    );
    // Every renderer copes with an empty table.
    assert!(!markdown::render(&annex).contains("| Undertaking |"));
    assert!(!html::render(&annex).contains("<table"));
    assert!(docx::render(&annex).is_ok());
}

#[test]
fn clause_numbers_come_from_labels_or_the_text() {
    let list = BlockKind::ListItem {
        level: 0,
        label: "4.1".into(),
    };
    assert_eq!(clause_number(&list, "Grants end."), Some("4.1".into()));
    let bullet = BlockKind::ListItem {
        level: 0,
        label: "•".into(),
    };
    assert_eq!(clause_number(&bullet, "4.1 Grants end."), None);
    assert_eq!(
        clause_number(&BlockKind::Paragraph, "2.1 That Cabinet approves"),
        Some("2.1".into())
    );
    assert_eq!(
        clause_number(&BlockKind::Paragraph, "3.4.2. Officers"),
        Some("3.4.2".into())
    );
    assert_eq!(clause_number(&BlockKind::Paragraph, "2027 budget"), None);
    assert_eq!(clause_number(&BlockKind::Paragraph, "£1.2m saving"), None);
    assert_eq!(clause_number(&BlockKind::Paragraph, "1. First"), None);
}

#[test]
fn long_evidence_keeps_the_decisive_words_in_view() {
    let filler = "The Council has reviewed the programme in detail with partners and officers \
                  over the past year and considered many options for the future of the \
                  service, ";
    let text = format!("{filler}{filler}and the consultation will run for six weeks only.");
    let quote = quote_around(&text, Some("six weeks"), 120);
    assert!(quote.starts_with('…'), "{quote}");
    assert!(quote.contains("six weeks"), "{quote}");
    assert!(quote.chars().count() <= 125, "{quote}");
    assert_eq!(quote_around("Short.", Some("x"), 120), "Short.");
    let plain = quote_around(&text, None, 120);
    assert!(plain.starts_with("The Council") && plain.ends_with('…'));
}

#[test]
fn markdown_has_the_facts_the_table_and_the_paragraph() {
    let out = markdown::render(&sample_annex());
    assert!(out.starts_with("# Compact compliance annex\n"), "{out}");
    for needle in [
        "- **Document:** cabinet-report-community-grants.docx",
        "- **Last modified:** 20 February 2027",
        "- **Date of check:** 11 March 2027",
        "- **Compact:** County Durham Compact (version: ",
        "| Undertaking | Requirement | Status | Evidence | Action needed |",
        "| **County Durham Compact, Outcome 2, undertaking 2.4**<br>",
        "| **Not met** |",
        "## Compact implications",
        "> The proposals engage the County Durham Compact",
    ] {
        assert!(out.contains(needle), "{needle}\n{out}");
    }
    assert!(out.contains(&format!(
        "- **SHA-256:** `{}`",
        SourceFile::new("", b"draft bytes", None).sha256
    )));
    // Every table row has exactly the five cells (no stray pipe from the text).
    for line in out.lines().filter(|l| l.starts_with("| **County")) {
        assert_eq!(line.matches(" | ").count(), 4, "{line}");
    }
}

#[test]
fn document_text_cannot_break_the_markdown_table_or_the_html() {
    let (document, mut report) = sample::sample();
    report.findings[0].evidence = Some("A | B <script>alert(1)</script> *c*".into());
    report.findings[0].message = "Pipes | and <b>tags</b>".into();
    let annex = annex_of(&document, &report);
    let md = markdown::render(&annex);
    let row = md
        .lines()
        .find(|l| l.contains("undertaking 2.4"))
        .unwrap_or_default();
    assert_eq!(row.matches(" | ").count(), 4, "{row}");
    assert!(row.contains("A \\| B \\<script\\>"), "{row}");
    let page = html::render(&annex);
    assert!(!page.contains("<script"), "{page}");
    assert!(page.contains("Pipes | and &lt;b&gt;tags&lt;/b&gt;"));
}

#[test]
fn html_is_one_accessible_page() {
    let page = html::render(&sample_annex());
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"en-GB\">"));
    assert!(page
        .contains("<title>Compact compliance annex: cabinet-report-community-grants.docx</title>"));
    assert!(page.contains("<a class=\"skip\" href=\"#main\">"));
    assert!(page.contains("<main id=\"main\" tabindex=\"-1\">"));
    assert!(page.contains("<h1>Compact compliance annex</h1>"));
    assert_eq!(
        page.matches("<table").count(),
        page.matches("<caption>").count()
    );
    assert!(!page.contains("<th>"), "every header cell has a scope");
    assert!(page.contains("<span class=\"badge s-short\">Not met</span>"));
    assert!(page.contains("<span class=\"badge s-met\">Met</span>"));
    // Nothing from outside, and every link is to the page itself.
    assert!(!page.contains("<script") && !page.contains("<link") && !page.contains("url("));
    for (at, _) in page.match_indices(" href=\"") {
        let target = page.get(at + 7..).and_then(|rest| rest.split('"').next());
        let target = target.unwrap_or_default();
        assert!(target.starts_with('#'), "{target}");
        let id = format!(" id=\"{}\"", target.trim_start_matches('#'));
        assert!(page.contains(&id), "no target for {target}");
    }
    // Headings never skip a level on the way down.
    let mut previous = 0u8;
    for level in page
        .match_indices("<h")
        .filter_map(|(at, _)| page.as_bytes().get(at + 2).copied())
        .filter(u8::is_ascii_digit)
        .map(|b| b - b'0')
    {
        assert!(level <= previous + 1, "h{level} after h{previous}");
        previous = level;
    }
}

/// The parts of a .docx package, by name.
fn docx_parts(bytes: &[u8]) -> HashMap<String, String> {
    let mut parts = HashMap::new();
    let Ok(mut zip) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        return parts;
    };
    for i in 0..zip.len() {
        if let Ok(mut file) = zip.by_index(i) {
            let name = file.name().map(|n| n.to_string()).unwrap_or_default();
            let mut text = String::new();
            if file.read_to_string(&mut text).is_ok() {
                parts.insert(name, text);
            }
        }
    }
    parts
}

#[test]
fn docx_has_heading_styles_a_repeated_header_row_and_landscape_pages() {
    let bytes = match docx::render(&sample_annex()) {
        Ok(bytes) => bytes,
        Err(e) => panic!("{e}"),
    };
    let parts = docx_parts(&bytes);
    let document = parts.get("word/document.xml").cloned().unwrap_or_default();
    let styles = parts.get("word/styles.xml").cloned().unwrap_or_default();
    assert!(
        !document.is_empty() && !styles.is_empty(),
        "{:?}",
        parts.keys()
    );
    for level in 1..=3 {
        assert!(
            styles.contains(&format!("w:styleId=\"Heading{level}\"")),
            "{styles}"
        );
        assert!(styles.contains(&format!("<w:name w:val=\"heading {level}\"")));
    }
    assert!(styles.contains("<w:outlineLvl w:val=\"0\""), "{styles}");
    assert!(document.contains("<w:pStyle w:val=\"Heading1\""));
    assert!(document.contains("<w:pStyle w:val=\"Heading2\""));
    assert_eq!(document.matches("<w:tblHeader />").count(), 1, "{document}");
    assert!(document.contains("w:orient=\"landscape\""), "{document}");
    assert!(document.contains("<w:pgSz w:w=\"16838\" w:h=\"11906\""));
    assert!(document.contains("<w:tblBorders>"));
    assert!(document.contains("<w:tblLayout w:type=\"fixed\""));
    assert!(document.contains("Compact compliance annex"));
    assert!(document.contains("County Durham Compact, Outcome 2, undertaking 2.4"));
    assert!(document.contains("Not met"));
    assert!(needs_landscape_for_five_columns());
}

fn needs_landscape_for_five_columns() -> bool {
    docx::needs_landscape(12000) && !docx::needs_landscape(9000)
}

#[test]
fn docx_text_is_escaped_and_stripped_of_forbidden_characters() {
    let (document, mut report) = sample::sample();
    report.findings[0].message = "A & B <c> \u{1} \"d\"".into();
    let annex = annex_of(&document, &report);
    let bytes = docx::render(&annex).unwrap_or_default();
    let parts = docx_parts(&bytes);
    let xml = parts.get("word/document.xml").cloned().unwrap_or_default();
    assert!(xml.contains("A &amp; B &lt;c&gt;"), "{xml}");
    assert!(!xml.contains('\u{1}'));
}

/// Writes the sample annex pages for the browser check (`tests/browser/run.sh` with no
/// arguments) into `$COMPACTPROOF_SAMPLE_HTML_DIR`; does nothing when it is unset. The same
/// name as the HTML report's writer, so one `cargo test` filter runs both.
#[test]
fn write_sample_pages_for_the_browser_check() {
    let Some(dir) = std::env::var_os("COMPACTPROOF_SAMPLE_HTML_DIR") else {
        return;
    };
    let dir = std::path::PathBuf::from(dir);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let lexicon = Lexicon::bundled();
    let drafts = [
        ("examples/community-centres-cabinet-report.md", "durham"),
        (
            "fixtures/drafts/a-stockton-youth-grants-cabinet.md",
            "stockton",
        ),
        (
            "fixtures/drafts/a-redcar-food-network-grant-ending.pdf",
            "redcar",
        ),
        (
            "fixtures/drafts/a-treasury-management-midyear-review.md",
            "durham",
        ),
    ];
    for (draft, compact) in drafts {
        let path = root.join(draft);
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) => panic!("cannot read {}: {e}", path.display()),
        };
        let extension = path.extension().and_then(|e| e.to_str());
        let document =
            match crate::ingest::read_bytes(&bytes, extension, &crate::ingest::Limits::default()) {
                Ok(document) => document,
                Err(e) => panic!("cannot read {}: {e}", path.display()),
            };
        let engine = match crate::engine::Engine::new(&lexicon, &[compact.to_string()]) {
            Ok(engine) => engine,
            Err(e) => panic!("{e}"),
        };
        let report = engine.check(&document, draft);
        let stem = path
            .file_stem()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let annex = Annex::build(
            Checked {
                report: &report,
                document: &document,
            },
            &lexicon,
            SourceFile::new(name.clone(), &bytes, None),
            date(2027, 3, 11),
        );
        let out = dir.join(format!("annex-{stem}.html"));
        if let Err(e) = std::fs::write(&out, html::render(&annex)) {
            panic!("could not write {}: {e}", out.display());
        }
    }
}
