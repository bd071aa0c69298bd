//! `compactproof annex` end to end: golden Markdown and HTML annexes for several labelled
//! drafts, the Word annex opened by LibreOffice (the real client a council would use), and
//! the command's safety rules for output files.

mod common;

use common::{compactproof_in, repo_root as root, soffice_convert, stdout_of};

/// Run `compactproof` from the repository root, so drafts are named by relative paths.
fn run(args: &[&str]) -> Output {
    compactproof_in(root(), args, &[])
}

use std::process::Output;

/// The date every annex here is checked on, so outputs do not change from day to day.
const DATE: &str = "2027-03-12";

/// Hide what changes without the annex changing: the checkout's file dates, the version,
/// the checkout path, and (for HTML) the stylesheet shared with the report.
fn settings() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(true);
    settings.add_filter(
        r"(?m)^- \*\*Last modified:\*\* .*$",
        "- **Last modified:** [MODIFIED]",
    );
    settings.add_filter(
        r"<dt>Last modified</dt><dd>[^<]*</dd>",
        "<dt>Last modified</dt><dd>[MODIFIED]</dd>",
    );
    settings.add_filter(
        &format!(r"\b{}\b", regex::escape(env!("CARGO_PKG_VERSION"))),
        "[VERSION]",
    );
    settings.add_filter(&regex::escape(env!("CARGO_MANIFEST_DIR")), "[ROOT]");
    settings.add_filter(r"(?s)<style>.*?</style>", "<style>[STYLE]</style>");
    settings
}

/// Drafts with the compact each is written against: a Markdown, text, DOCX and PDF draft
/// each, with short, missing, hedged, conflicting and met undertakings between them, and
/// one that engages nothing.
const DRAFTS: [(&str, &str, &str); 7] = [
    (
        "community-centres",
        "examples/community-centres-cabinet-report.md",
        "durham",
    ),
    (
        "durham-grants-withdrawal",
        "fixtures/drafts/a-durham-community-grants-withdrawal.txt",
        "durham",
    ),
    (
        "durham-family-hubs",
        "fixtures/drafts/a-durham-family-hubs-recommissioning.docx",
        "durham",
    ),
    (
        "stockton-youth-grants",
        "fixtures/drafts/a-stockton-youth-grants-cabinet.md",
        "stockton",
    ),
    (
        "redcar-food-network",
        "fixtures/drafts/a-redcar-food-network-grant-ending.pdf",
        "redcar",
    ),
    (
        "staffordshire-transport",
        "fixtures/drafts/a-staffordshire-transport-consultation-plan.md",
        "staffordshire",
    ),
    (
        "treasury-management",
        "fixtures/drafts/a-treasury-management-midyear-review.md",
        "durham",
    ),
];

#[test]
fn markdown_annexes_for_the_fixtures() {
    settings().bind(|| {
        for (name, draft, compact) in DRAFTS {
            let output = run(&["annex", "--compact", compact, "--date", DATE, draft]);
            insta::assert_snapshot!(format!("{name}_md"), stdout_of(&output));
        }
    });
}

#[test]
fn html_annexes_for_the_fixtures() {
    let dir = tempfile::tempdir().expect("temporary folder");
    settings().bind(|| {
        for (name, draft, compact) in DRAFTS {
            let out = dir.path().join(format!("{name}.html"));
            let out_arg = out.to_string_lossy().into_owned();
            let output = run(&[
                "annex",
                "--compact",
                compact,
                "--date",
                DATE,
                draft,
                "-o",
                &out_arg,
            ]);
            stdout_of(&output);
            let html = std::fs::read_to_string(&out).expect("the annex was written");
            insta::assert_snapshot!(format!("{name}_html"), html);
        }
    });
}

#[test]
fn libreoffice_reads_the_word_annex_as_a_landscape_table() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let docx = dir.path().join("annex.docx");
    let docx_arg = docx.to_string_lossy().into_owned();
    let output = run(&[
        "annex",
        "--compact",
        "durham",
        "--date",
        DATE,
        "examples/community-centres-cabinet-report.md",
        "-o",
        &docx_arg,
    ]);
    stdout_of(&output);

    // The text LibreOffice reads from the document: the title, a citation, the statuses
    // and the evidence quoted from the draft.
    let txt = soffice_convert(&docx, dir.path(), "txt:Text");
    let text = std::fs::read_to_string(&txt).expect("the text export");
    for needle in [
        "Compact compliance annex",
        "community-centres-cabinet-report.md",
        "Date of check: 12 March 2027",
        "County Durham Compact, Outcome 2, undertaking 2.4",
        "Not met",
        "Partly met",
        "The consultation runs from 5 April to 17 May 2027.",
        "Undertakings to confirm by hand",
        "Compact implications",
        "The six-week consultation proposed is shorter than the twelve weeks",
    ] {
        assert!(text.contains(needle), "no {needle:?} in\n{text}");
    }

    // The PDF LibreOffice prints: every page landscape, and the table's header row
    // repeated on the page the table continues on.
    let pdf = soffice_convert(&docx, dir.path(), "pdf");
    let pdf_arg = pdf.to_string_lossy().into_owned();
    let info = common::reference_tool(
        "pdfinfo",
        &["-f", "1", "-l", "99", &pdf_arg],
        "poppler-utils",
    );
    let sizes: Vec<(f64, f64)> = info
        .lines()
        .filter(|l| l.starts_with("Page") && l.contains(" size: "))
        .filter_map(|l| {
            let dims = l.split(" size: ").nth(1)?;
            let mut parts = dims.split_whitespace();
            let width = parts.next()?.parse().ok()?;
            parts.next(); // "x"
            let height = parts.next()?.parse().ok()?;
            Some((width, height))
        })
        .collect();
    assert!(sizes.len() >= 2, "the annex has several pages: {info}");
    for (width, height) in &sizes {
        assert!(width > height, "a portrait page {width} x {height}: {info}");
    }
    let page_two = common::reference_tool(
        "pdftotext",
        &["-f", "2", "-l", "2", "-layout", &pdf_arg, "-"],
        "poppler-utils",
    );
    let header = [
        "Undertaking",
        "Requirement",
        "Status",
        "Evidence",
        "Action needed",
    ];
    let first_line = page_two
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default();
    for column in header {
        assert!(
            first_line.contains(column),
            "page 2 does not open with the repeated header row: {first_line:?}\n{page_two}"
        );
    }
}

#[test]
fn without_o_the_annex_is_markdown_on_stdout() {
    let output = run(&[
        "annex",
        "--compact",
        "durham",
        "--date",
        DATE,
        "fixtures/drafts/a-durham-community-grants-withdrawal.txt",
    ]);
    let text = stdout_of(&output);
    assert!(text.starts_with("# Compact compliance annex\n"), "{text}");
    assert!(text.contains("- **Date of check:** 12 March 2027"));
    assert!(text.contains("- **Document:** a-durham-community-grants-withdrawal.txt"));
}

/// Without `--date`, the date of check is today on the officer's calendar, not in UTC.
/// POSIX zone strings (UTC+14 and UTC-11, 25 hours apart) need no time zone database.
#[cfg(unix)]
#[test]
fn the_date_of_check_is_today_in_the_local_time_zone() {
    let date_in = |zone: &str| {
        let output = compactproof_in(
            root(),
            &[
                "annex",
                "--compact",
                "durham",
                "fixtures/drafts/a-durham-community-grants-withdrawal.txt",
            ],
            &[("TZ", zone)],
        );
        let text = stdout_of(&output);
        let line = text
            .lines()
            .find_map(|l| l.strip_prefix("- **Date of check:** "))
            .unwrap_or_else(|| panic!("no date of check in {text}"))
            .to_string();
        let format =
            time::macros::format_description!("[day padding:none] [month repr:long] [year]");
        time::Date::parse(&line, &format).unwrap_or_else(|e| panic!("{line}: {e}"))
    };
    let east = date_in("KIR-14");
    let west = date_in("SST11");
    let days = (east - west).whole_days();
    assert!((1..=2).contains(&days), "UTC+14 {east}, UTC-11 {west}");
}

#[test]
fn several_compacts_are_allowed_with_a_hint() {
    let output = run(&[
        "annex",
        "--no-config",
        "--date",
        DATE,
        "examples/community-centres-cabinet-report.md",
    ]);
    let text = stdout_of(&output);
    assert!(
        text.contains("- **Compacts:** County Durham Compact"),
        "{text}"
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("--compact"), "{stderr}");
}

#[test]
fn the_annex_never_overwrites_its_draft_or_an_existing_file_without_force() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let draft = dir.path().join("report.md");
    std::fs::copy(
        root().join("examples/community-centres-cabinet-report.md"),
        &draft,
    )
    .expect("copy the example");
    let before = std::fs::read(&draft).expect("read the draft");
    let draft_arg = draft.to_string_lossy().into_owned();

    // Over the draft itself (as .md: the same file).
    let output = run(&[
        "annex",
        "--compact",
        "durham",
        &draft_arg,
        "-o",
        &draft_arg,
        "--force",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("input"));
    assert_eq!(std::fs::read(&draft).expect("read the draft"), before);

    // An existing file needs --force.
    let out = dir.path().join("annex.html");
    std::fs::write(&out, "keep me").expect("write");
    let out_arg = out.to_string_lossy().into_owned();
    let output = run(&["annex", "--compact", "durham", &draft_arg, "-o", &out_arg]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&out).expect("read"), "keep me");
    let output = run(&[
        "annex",
        "--compact",
        "durham",
        &draft_arg,
        "-o",
        &out_arg,
        "--force",
    ]);
    stdout_of(&output);
    assert!(std::fs::read_to_string(&out)
        .expect("read")
        .starts_with("<!DOCTYPE html>"));
    // No temporary file is left behind.
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("list")
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with(".compactproof-")
        })
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn bad_formats_and_dates_are_usage_errors() {
    let output = run(&[
        "annex",
        "examples/community-centres-cabinet-report.md",
        "-o",
        "annex.pdf",
    ]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains(".docx, .md or .html"), "{stderr}");
    assert!(!root().join("annex.pdf").exists());

    let output = run(&[
        "annex",
        "--date",
        "2027-13-01",
        "examples/community-centres-cabinet-report.md",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("YYYY-MM-DD"));

    let output = run(&[
        "annex",
        "--compact",
        "nowhere",
        "examples/community-centres-cabinet-report.md",
    ]);
    assert_eq!(output.status.code(), Some(2));
}
