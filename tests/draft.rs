//! `compactproof draft`: every generated draft passes compactproof's own checker, and the
//! command prints, writes and refuses as documented.
//!
//! The decisive tests run the engine (the bundled lexicon, as `tests/fixture_drafts.rs`
//! does) over each kind of draft, for each bundled compact and for all of them together,
//! and require every theme that applies to be `met`, with the number of days the checker
//! reads equal to the period the draft was made with. A theme counts as expected when the
//! compact has a checkable requirement for it that the draft's situation triggers
//! (`expected_themes`): the Staffordshire compact, for one, sets no notice period and no
//! equality undertaking, so those themes cannot apply under it alone.

mod common;

use common::{compactproof_in, repo_root as root, soffice_convert, stdout_of};
use compactproof::draft::consultation::{self, ConsultationRequest};
use compactproof::draft::equality::{self, EqualityRequest};
use compactproof::draft::notice::{self, NoticeRequest};
use compactproof::draft::{render, Draft, DraftFormat};
use compactproof::engine::{check_of, Engine};
use compactproof::findings::{DocumentReport, Status};
use compactproof::ingest::{read_bytes, Limits};
use compactproof::lexicon::{Lexicon, PeriodKind, Requirement, Theme};
use std::path::{Path, PathBuf};
use std::process::Output;
use time::macros::date;
use time::Date;

// ---------------------------------------------------------------------------------------
// Every draft passes the checker
// ---------------------------------------------------------------------------------------

/// Each bundled compact alone, then all four together (the default with no --compact).
fn selections() -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = ["durham", "stockton", "redcar", "staffordshire"]
        .iter()
        .map(|c| vec![(*c).to_string()])
        .collect();
    out.push(Vec::new());
    out
}

/// The themes a compact checks for a draft in a situation, where the situation is the set
/// of triggers the draft is written to fire: a requirement of the compact whose check is
/// reported under the theme and which applies in that situation.
fn expected_themes(lexicon: &Lexicon, compacts: &[String], situation: &[&str]) -> Vec<Theme> {
    let ids: Vec<String> = if compacts.is_empty() {
        lexicon
            .compacts()
            .iter()
            .map(|c| c.id().to_string())
            .collect()
    } else {
        compacts.to_vec()
    };
    let mut themes = Vec::new();
    for id in &ids {
        for undertaking in lexicon.undertakings_of(id) {
            for requirement in &undertaking.requirements {
                let (_, theme) = check_of(requirement, undertaking.theme);
                if Theme::REPORTED.contains(&theme)
                    && situation.contains(&requirement.applies_when())
                    && !themes.contains(&theme)
                {
                    themes.push(theme);
                }
            }
        }
    }
    themes
}

/// Check a draft's rendering in `format` with the engine.
fn check(
    lexicon: &Lexicon,
    compacts: &[String],
    draft: &Draft,
    format: DraftFormat,
) -> DocumentReport {
    let bytes = render(format, draft).expect("render");
    let extension = match format {
        DraftFormat::Markdown => "md",
        DraftFormat::Text => "txt",
        DraftFormat::Docx => "docx",
    };
    let document = read_bytes(&bytes, Some(extension), &Limits::default()).expect("read back");
    Engine::new(lexicon, compacts)
        .expect("engine")
        .check(&document, &format!("draft.{extension}"))
}

/// Every theme that applies is met; every theme in `must_apply` applies; the period
/// themes read the days given.
#[track_caller]
fn assert_all_met(
    what: &str,
    report: &DocumentReport,
    must_apply: &[Theme],
    days: &[(Theme, u32)],
) {
    let problems: Vec<String> = report
        .findings
        .iter()
        .filter(|f| f.status.is_problem())
        .map(|f| format!("{} {}: {}", f.id, f.status, f.message))
        .collect();
    assert!(problems.is_empty(), "{what}: {problems:#?}");
    for (theme, verdict) in &report.themes {
        assert!(
            !verdict.applies || verdict.status == Status::Met,
            "{what}: {theme} is {}",
            verdict.status
        );
    }
    for theme in must_apply {
        let verdict = report.theme(*theme).expect("a reported theme");
        assert_eq!(
            (verdict.applies, verdict.status),
            (true, Status::Met),
            "{what}: {theme}"
        );
    }
    for (theme, expected) in days {
        let verdict = report.theme(*theme).expect("a reported theme");
        assert_eq!(verdict.days, Some(*expected), "{what}: days for {theme}");
    }
    assert!(report.warnings.is_empty(), "{what}: {:?}", report.warnings);
}

/// The consultation cases: (name, request, days from opening to closing).
fn consultation_cases() -> Vec<(&'static str, ConsultationRequest, u32)> {
    let request = |opens: Date, weeks: Option<u32>, reason: Option<&str>, title: Option<&str>| {
        ConsultationRequest {
            opens,
            weeks,
            reason: reason.map(str::to_string),
            title: title.map(str::to_string),
        }
    };
    vec![
        // 84 days exactly: Monday 5 April to Monday 28 June 2027.
        (
            "twelve weeks",
            request(
                date!(2027 - 04 - 05),
                None,
                None,
                Some("A new dog control order for the district's parks"),
            ),
            84,
        ),
        // The twelfth week ends on the summer bank holiday (Monday 30 August 2027).
        (
            "close moved off a bank holiday",
            request(date!(2027 - 06 - 07), None, None, None),
            85,
        ),
        // The twelfth week ends on Christmas Day 2027, a Saturday: closes Wednesday 29 Dec.
        (
            "close moved past Christmas",
            request(date!(2027 - 10 - 02), None, None, None),
            88,
        ),
        (
            "longer than the minimum",
            request(date!(2027 - 04 - 05), Some(16), None, None),
            112,
        ),
        // Eight weeks ends on the spring bank holiday: closes Tuesday 1 June, 57 days.
        (
            "shorter, with the reason",
            request(
                date!(2027 - 04 - 05),
                Some(8),
                Some("the scheme must be agreed before the statutory deadline of 31 January"),
                None,
            ),
            57,
        ),
        // A consultation about funding also commits to notice for any funding that ends.
        (
            "about funding",
            request(
                date!(2027 - 04 - 05),
                None,
                None,
                Some("Proposed changes to community centre funding"),
            ),
            84,
        ),
    ]
}

#[test]
fn every_consultation_timetable_passes_the_checker() {
    let lexicon = Lexicon::bundled();
    for compacts in selections() {
        let expected = expected_themes(&lexicon, &compacts, &["consultation", "affects-people"]);
        for must in [Theme::Consultation, Theme::Feedback] {
            assert!(expected.contains(&must), "{compacts:?} checks {must}");
        }
        for (name, request, days) in consultation_cases() {
            let draft = consultation::draft(&lexicon, &compacts, &request).expect(name);
            for format in [DraftFormat::Markdown, DraftFormat::Text, DraftFormat::Docx] {
                let what = format!("{name}, {compacts:?}, {format:?}");
                let report = check(&lexicon, &compacts, &draft, format);
                assert_all_met(&what, &report, &expected, &[(Theme::Consultation, days)]);
                if name == "about funding" {
                    let notice = expected_themes(&lexicon, &compacts, &["funding-change"]);
                    assert_all_met(&what, &report, &notice, &[]);
                }
            }
        }
    }
}

/// The notice cases: (name, request, days from the letter to the end date).
fn notice_cases() -> Vec<(&'static str, NoticeRequest, u32)> {
    let request = |ends: Date, exceptional: Option<&str>, reduced_to: Option<&str>| {
        NoticeRequest {
        organisation: "Elm Street Lunch Club".into(),
        funding: "the Community Chest grant of £12,000 a year, awarded for three years from April 2025".into(),
        ends,
        reason: "The Community Chest programme closes when its national funding ends on 31 March 2028, and the Council has no budget to continue it.".into(),
        dated: date!(2027 - 12 - 06),
        exceptional: exceptional.map(str::to_string),
        reduced_to: reduced_to.map(str::to_string),
    }
    };
    vec![
        ("ending", request(date!(2028 - 03 - 31), None, None), 116),
        // Monday 6 December 2027 + 90 days: Sunday 5 March 2028 (a leap-year February).
        ("exactly ninety days", request(date!(2028 - 03 - 05), None, None), 90),
        (
            "reducing",
            request(date!(2028 - 03 - 31), None, Some("£6,000 a year")),
            116,
        ),
        (
            "exceptional circumstances",
            request(
                date!(2028 - 01 - 31),
                Some("the building the club meets in was closed by the fire service on 1 December 2027 and will not reopen"),
                None,
            ),
            56,
        ),
    ]
}

/// True when a selected compact sets a notice period (Durham and Stockton do; Redcar and
/// Staffordshire do not, so the checker reads no notice period under them alone).
fn sets_notice_period(lexicon: &Lexicon, compacts: &[String]) -> bool {
    lexicon.entries().any(|(compact, undertaking)| {
        (compacts.is_empty() || compacts.iter().any(|c| c == compact.id()))
            && undertaking.requirements.iter().any(|r| {
                matches!(
                    r,
                    Requirement::MinimumPeriod {
                        period: PeriodKind::Notice,
                        ..
                    }
                )
            })
    })
}

#[test]
fn every_notice_letter_passes_the_checker() {
    let lexicon = Lexicon::bundled();
    for compacts in selections() {
        let expected = expected_themes(
            &lexicon,
            &compacts,
            &["funding-change", "funding-terms", "affects-people"],
        );
        assert!(expected.contains(&Theme::Independence), "{compacts:?}");
        assert!(expected.contains(&Theme::CompactReference) || compacts == ["stockton"]);
        let sets_notice = sets_notice_period(&lexicon, &compacts);
        for (name, request, days) in notice_cases() {
            let draft = notice::draft(&lexicon, &compacts, &request).expect(name);
            for format in [DraftFormat::Markdown, DraftFormat::Text, DraftFormat::Docx] {
                let what = format!("{name}, {compacts:?}, {format:?}");
                let report = check(&lexicon, &compacts, &draft, format);
                let period: Vec<(Theme, u32)> = if sets_notice {
                    vec![(Theme::FundingNotice, days)]
                } else {
                    vec![]
                };
                assert_all_met(&what, &report, &expected, &period);
            }
        }
    }
}

#[test]
fn every_equality_statement_passes_the_checker() {
    let lexicon = Lexicon::bundled();
    for compacts in selections() {
        let expected = expected_themes(&lexicon, &compacts, &["affects-people"]);
        assert_eq!(
            expected.contains(&Theme::Equality),
            compacts != ["staffordshire"],
            "{compacts:?}: only the Staffordshire compact has no equality undertaking"
        );
        for proposal in [
            "Reduce the opening hours of three branch libraries",
            "Introduce charges for the garden waste collection service",
        ] {
            let draft = equality::draft(
                &lexicon,
                &compacts,
                &EqualityRequest {
                    proposal: proposal.into(),
                },
            )
            .expect(proposal);
            for format in [DraftFormat::Markdown, DraftFormat::Text, DraftFormat::Docx] {
                let what = format!("{proposal}, {compacts:?}, {format:?}");
                let report = check(&lexicon, &compacts, &draft, format);
                assert_all_met(&what, &report, &expected, &[]);
            }
        }
    }
}

/// The checker is not just agreeing with anything: the same timetable with its closing
/// date pulled a week earlier is short, and the letter without its notice paragraph has
/// no notice.
#[test]
fn the_checks_above_can_fail() {
    let lexicon = Lexicon::bundled();
    let durham = vec!["durham".to_string()];
    let (_, request, _) = consultation_cases().remove(0);
    let draft = consultation::draft(&lexicon, &durham, &request).unwrap();
    let markdown = String::from_utf8(render(DraftFormat::Markdown, &draft).unwrap()).unwrap();
    let cut = markdown.replace("to Monday 28 June 2027", "to Monday 21 June 2027");
    assert_ne!(cut, markdown);
    let document = read_bytes(cut.as_bytes(), Some("md"), &Limits::default()).unwrap();
    let report = Engine::new(&lexicon, &durham)
        .unwrap()
        .check(&document, "cut.md");
    let verdict = report.theme(Theme::Consultation).unwrap();
    assert_eq!((verdict.status, verdict.days), (Status::Short, Some(77)));

    let (_, mut request, _) = notice_cases().remove(0);
    // A reason that states no end date of its own.
    request.reason = "The Council has no budget to continue the programme.".into();
    let draft = notice::draft(&lexicon, &durham, &request).unwrap();
    let markdown = String::from_utf8(render(DraftFormat::Markdown, &draft).unwrap()).unwrap();
    let cut: String = markdown
        .lines()
        .filter(|l| !l.starts_with("This letter gives you formal notice"))
        .map(|l| format!("{l}\n"))
        .collect();
    let document = read_bytes(cut.as_bytes(), Some("md"), &Limits::default()).unwrap();
    let report = Engine::new(&lexicon, &durham)
        .unwrap()
        .check(&document, "cut.md");
    assert_eq!(
        report.theme(Theme::FundingNotice).unwrap().status,
        Status::Missing
    );
}

// ---------------------------------------------------------------------------------------
// The command
// ---------------------------------------------------------------------------------------

fn run(args: &[&str]) -> Output {
    compactproof_in(root(), args, &[])
}

/// What LibreOffice reads from a Word file, as plain text.
fn soffice_text(docx: &Path, dir: &Path) -> String {
    let txt = soffice_convert(docx, dir, "txt:Text");
    std::fs::read_to_string(&txt).unwrap_or_else(|e| panic!("{}: {e}", txt.display()))
}

/// The command exits 2 with one line on stderr, which contains `needle`; nothing on
/// stdout.
#[track_caller]
fn assert_usage_error(output: &Output, needle: &str) -> String {
    assert_eq!(
        output.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "one line: {stderr}");
    assert!(lines[0].starts_with("compactproof: error: "), "{stderr}");
    assert!(stderr.contains(needle), "no {needle:?} in {stderr}");
    assert!(output.stdout.is_empty());
    stderr
}

const CONSULTATION: &[&str] = &[
    "draft",
    "consultation",
    "--compact",
    "durham",
    "--opens",
    "2027-04-05",
    "--title",
    "Proposed changes to community centre funding",
];

const NOTICE: &[&str] = &[
    "draft",
    "notice",
    "--compact",
    "durham",
    "--organisation",
    "Elm Street Lunch Club",
    "--funding",
    "the Community Chest grant of £12,000 a year",
    "--ends",
    "2028-03-31",
    "--reason",
    "the Community Chest programme closes when its national funding ends on 31 March 2028",
    "--date",
    "2027-12-06",
];

const EQUALITY: &[&str] = &[
    "draft",
    "equality",
    "--compact",
    "durham",
    "--proposal",
    "Reduce the opening hours of three branch libraries",
];

fn with(base: &[&str], more: &[&str]) -> Vec<String> {
    base.iter().chain(more).map(|s| (*s).to_string()).collect()
}

fn args(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

fn snapshot_settings() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(true);
    settings
}

#[test]
fn markdown_drafts_on_stdout() {
    snapshot_settings().bind(|| {
        for (name, base) in [
            ("consultation", CONSULTATION),
            ("notice", NOTICE),
            ("equality", EQUALITY),
        ] {
            let output = run(base);
            assert!(
                output.stderr.is_empty(),
                "{}",
                String::from_utf8_lossy(&output.stderr)
            );
            insta::assert_snapshot!(format!("{name}_md"), stdout_of(&output));
        }
    });
}

#[test]
fn what_the_drafts_say() {
    let timetable = stdout_of(&run(CONSULTATION));
    for needle in [
        "# Consultation timetable: Proposed changes to community centre funding\n",
        "| Consultation closes | Monday 28 June 2027 |",
        "The public consultation will run from Monday 5 April 2027 to Monday 28 June 2027: 12 weeks.",
        "accessible formats on request",
        "you said, we did",
        "**Compact:** County Durham Compact, Outcome 2, undertaking 2.4 (durham/2.4).",
        "at least three months\u{2019} notice in writing",
    ] {
        assert!(timetable.contains(needle), "no {needle:?} in\n{timetable}");
    }
    let letter = stdout_of(&run(NOTICE));
    for needle in [
        "**Date:** Monday 6 December 2027",
        "that this funding will end on Friday 31 March 2028. That gives you 116 days\u{2019} notice.",
        "### Reasons for the decision\n\nThe Community Chest programme closes",
        "equality impact assessment",
        "free to campaign",
        "### Support during the notice period",
        "in line with the County Durham Compact",
    ] {
        assert!(letter.contains(needle), "no {needle:?} in\n{letter}");
    }
    let statement = stdout_of(&run(EQUALITY));
    for needle in [
        "section 149 of the Equality Act 2010",
        "| Gender reassignment | [to complete] | [to complete] | [to complete] |",
        "| Sexual orientation | [to complete] | [to complete] | [to complete] |",
        "## Review",
    ] {
        assert!(statement.contains(needle), "no {needle:?} in\n{statement}");
    }
}

#[test]
fn text_format_on_stdout() {
    let text = stdout_of(&run(&args(&with(EQUALITY, &["--format", "text"]))));
    assert!(
        text.starts_with("Equality statement\n==================\n"),
        "{text}"
    );
    assert!(text.contains("Age\n  Likely impact: [to complete]\n"));
    assert!(!text.contains("**"));
}

/// With no --compact (and no compactproof.toml), the draft follows every bundled compact
/// and says so on stderr.
#[test]
fn every_compact_without_compact_with_a_hint() {
    let output = run(&[
        "draft",
        "equality",
        "--no-config",
        "--proposal",
        "Reduce the opening hours of three branch libraries",
    ]);
    let text = stdout_of(&output);
    assert!(text.contains("(redcar/equality/public/1)"), "{text}");
    assert!(text.contains("(durham/5.1)"), "{text}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("--compact durham"), "{stderr}");
}

/// A compactproof.toml chooses the compact, as it does for `check`.
#[test]
fn the_config_file_chooses_the_compact() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("compactproof.toml"),
        "compacts = [\"stockton\"]\n",
    )
    .unwrap();
    let output = compactproof_in(
        dir.path(),
        &["draft", "consultation", "--opens", "2027-04-05"],
        &[],
    );
    let text = stdout_of(&output);
    assert!(text.contains("(stockton/consultation/4)"), "{text}");
    assert!(!text.contains("durham/"), "{text}");
    assert!(output.stderr.is_empty());
}

fn document_xml(path: &Path) -> String {
    let file = std::fs::File::open(path).expect("open the .docx");
    let mut archive = zip::ZipArchive::new(file).expect("a zip package");
    let mut xml = String::new();
    std::io::Read::read_to_string(
        &mut archive
            .by_name("word/document.xml")
            .expect("word/document.xml"),
        &mut xml,
    )
    .expect("read document.xml");
    xml
}

#[test]
fn word_drafts_open_and_read_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut docs: Vec<(PathBuf, &[&str])> = Vec::new();
    for (name, base, needles) in [
        (
            "timetable.docx",
            CONSULTATION,
            &[
                "Consultation timetable: Proposed changes to community centre funding",
                "The public consultation will run from Monday 5 April 2027 to Monday 28 June 2027: 12 weeks.",
                "County Durham Compact, Outcome 2, undertaking 2.4 (durham/2.4).",
            ][..],
        ),
        (
            "notice.DOCX",
            NOTICE,
            &[
                "Monday 6 December 2027",
                "that this funding will end on Friday 31 March 2028",
                "Elm Street Lunch Club",
            ][..],
        ),
        (
            "equality.docx",
            EQUALITY,
            &["Marriage and civil partnership", "[to complete]", "Public Sector Equality Duty"][..],
        ),
    ] {
        let out = dir.path().join(name);
        let out_arg = out.to_string_lossy().into_owned();
        let output = run(&args(&with(base, &["-o", &out_arg])));
        assert!(stdout_of(&output).is_empty());
        let xml = document_xml(&out);
        for needle in needles {
            let escaped = needle.replace('&', "&amp;");
            assert!(xml.contains(&escaped), "{name}: no {needle:?} in document.xml");
        }
        docs.push((out, needles));
    }
    for (docx, needles) in docs {
        let text = soffice_text(&docx, dir.path());
        for needle in needles {
            assert!(
                text.contains(needle),
                "LibreOffice's text of {}: no {needle:?} in\n{text}",
                docx.display()
            );
        }
    }
}

#[test]
fn o_writes_markdown_or_text_by_extension_or_format() {
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("timetable.md");
    stdout_of(&run(&args(&with(
        CONSULTATION,
        &["-o", &md.to_string_lossy()],
    ))));
    assert_eq!(
        std::fs::read_to_string(&md).unwrap(),
        stdout_of(&run(CONSULTATION))
    );
    let txt = dir.path().join("timetable.txt");
    stdout_of(&run(&args(&with(
        CONSULTATION,
        &["-o", &txt.to_string_lossy()],
    ))));
    assert!(std::fs::read_to_string(&txt)
        .unwrap()
        .starts_with("Consultation timetable: Proposed changes to community centre funding\n===="));
    // --format wins over the extension.
    let odd = dir.path().join("timetable.draft");
    stdout_of(&run(&args(&with(
        CONSULTATION,
        &["--format", "text", "-o", &odd.to_string_lossy()],
    ))));
    assert!(std::fs::read_to_string(&odd).unwrap().contains("\n====="));
    // Without --format, an extension that names no format is a usage error.
    let bad = dir.path().join("timetable.pdf");
    assert_usage_error(
        &run(&args(&with(CONSULTATION, &["-o", &bad.to_string_lossy()]))),
        ".md, .txt or .docx",
    );
    assert!(!bad.exists());
    // Word to a pipe is the document's bytes.
    let output = run(&args(&with(EQUALITY, &["--format", "docx"])));
    assert!(stdout_of(&output).starts_with("PK"));
}

#[test]
fn an_existing_file_is_replaced_only_with_force() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("notice.md");
    std::fs::write(&out, "keep me").unwrap();
    let out_arg = out.to_string_lossy().into_owned();
    assert_usage_error(&run(&args(&with(NOTICE, &["-o", &out_arg]))), "--force");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "keep me");
    stdout_of(&run(&args(&with(NOTICE, &["-o", &out_arg, "--force"]))));
    assert!(std::fs::read_to_string(&out)
        .unwrap()
        .contains("Elm Street Lunch Club"));
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
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
fn a_short_consultation_without_a_reason_is_a_usage_error() {
    let line = assert_usage_error(
        &run(&args(&with(CONSULTATION, &["--weeks", "6"]))),
        "--reason",
    );
    assert!(
        line.contains("12 weeks (84 days) the County Durham Compact asks for"),
        "{line}"
    );
    let text = stdout_of(&run(&args(&with(
        CONSULTATION,
        &[
            "--weeks",
            "6",
            "--reason",
            "the scheme must be agreed before the statutory deadline of 31 January",
        ],
    ))));
    assert!(text.contains(
        "A shorter period is necessary because the scheme must be agreed before the statutory deadline of 31 January."
    ), "{text}");
}

#[test]
fn short_notice_without_exceptional_circumstances_is_a_usage_error() {
    let mut short: Vec<String> = with(NOTICE, &[]);
    let at = short.iter().position(|a| a == "--ends").unwrap();
    // 89 days after Monday 6 December 2027.
    short[at + 1] = "2028-03-04".into();
    let line = assert_usage_error(&run(&args(&short)), "Sunday 5 March 2028");
    assert!(line.contains("89 days"), "{line}");
    assert!(line.contains("--exceptional"), "{line}");
    // Exactly 90 days is enough.
    short[at + 1] = "2028-03-05".into();
    let text = stdout_of(&run(&args(&short)));
    assert!(
        text.contains("That gives you 90 days\u{2019} notice."),
        "{text}"
    );
    // Shorter, with the circumstances.
    short[at + 1] = "2028-01-31".into();
    short.extend([
        "--exceptional".into(),
        "the building was closed by the fire service".into(),
    ]);
    let text = stdout_of(&run(&args(&short)));
    assert!(
        text.contains(
            "### Exceptional circumstances\n\nThe building was closed by the fire service.\n"
        ),
        "{text}"
    );
}

#[test]
fn other_usage_errors_are_one_line() {
    // A value clap cannot parse is reported by clap, in its own format (as for every
    // command): exit 2, the problem on the first line.
    let output = run(&["draft", "consultation", "--opens", "2027-13-01"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr
            .lines()
            .next()
            .unwrap_or_default()
            .contains("give it as YYYY-MM-DD"),
        "{stderr}"
    );
    let mut before: Vec<String> = with(NOTICE, &[]);
    let at = before.iter().position(|a| a == "--ends").unwrap();
    before[at + 1] = "2027-12-01".into();
    assert_usage_error(
        &run(&args(&before)),
        "must come after the date of the letter",
    );
    assert_usage_error(
        &run(&[
            "draft",
            "equality",
            "--compact",
            "durham",
            "--proposal",
            "  ",
        ]),
        "the proposal is empty",
    );
    assert_usage_error(
        &run(&[
            "draft",
            "equality",
            "--compact",
            "durhma",
            "--proposal",
            "x",
        ]),
        "did you mean `durham`",
    );
    assert_usage_error(
        &run(&args(&with(CONSULTATION, &["--weeks", "0"]))),
        "--weeks must be at least 1",
    );
}

#[test]
fn help_explains_each_kind_with_an_example() {
    for (kind, example) in [
        ("consultation", "--opens 2027-04-05"),
        ("notice", "--exceptional"),
        ("equality", "--proposal"),
    ] {
        let text = stdout_of(&run(&["draft", kind, "--help"]));
        assert!(text.contains("Examples:"), "{kind}: {text}");
        assert!(text.contains(example), "{kind}: {text}");
        assert!(text.contains("--format"), "{kind}: {text}");
    }
    let text = stdout_of(&run(&["--help"]));
    assert!(text.contains("draft"), "{text}");
}

/// Without --date, the letter is dated today on the officer's calendar, not in UTC.
/// POSIX zone strings (UTC+14 and UTC-11, 25 hours apart) need no time zone database.
#[test]
fn the_letter_is_dated_today_in_the_local_time_zone() {
    let date_in = |zone: &str| {
        // The letter of NOTICE without its --date, ending far enough ahead of any today.
        let mut base: Vec<String> = with(&NOTICE[..NOTICE.len() - 2], &[]);
        let at = base.iter().position(|a| a == "--ends").expect("--ends");
        base[at + 1] = "2099-12-31".into();
        let output = compactproof_in(root(), &args(&base), &[("TZ", zone)]);
        let text = stdout_of(&output);
        let line = text
            .lines()
            .find_map(|l| l.strip_prefix("**Date:** "))
            .unwrap_or_else(|| panic!("no date in {text}"))
            .to_string();
        let format = time::macros::format_description!(
            "[weekday repr:long] [day padding:none] [month repr:long] [year]"
        );
        Date::parse(&line, &format).unwrap_or_else(|e| panic!("{line}: {e}"))
    };
    let east = date_in("KIR-14");
    let west = date_in("SST11");
    let days = (east - west).whole_days();
    assert!((1..=2).contains(&days), "UTC+14 {east}, UTC-11 {west}");
}
