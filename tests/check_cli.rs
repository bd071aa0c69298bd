//! `compactproof check` end to end: real documents, exit codes, formats and output safety.

mod common;

use common::{compactproof, corpus_dir, files_with_extension, seeds_dir};
use std::path::Path;

fn text(output: &std::process::Output) -> (String, String) {
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn fixture(name: &str) -> String {
    format!("{}/fixtures/drafts/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn check_runs_on_every_corpus_file_and_seed() {
    let mut files = Vec::new();
    for ext in ["docx", "pdf"] {
        files.extend(files_with_extension(&corpus_dir(), ext));
    }
    files.extend(files_with_extension(&seeds_dir(), "txt"));
    assert!(files.len() >= 25, "{} files", files.len());
    for file in files {
        let output = compactproof(&["check", "--format", "json", file.to_str().unwrap()]);
        let (stdout, stderr) = text(&output);
        assert!(
            matches!(output.status.code(), Some(0 | 1)),
            "{}: exit {:?}\n{stderr}",
            file.display(),
            output.status.code()
        );
        assert!(!stderr.contains("panicked"), "{}: {stderr}", file.display());
        let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        assert_eq!(json["schema"], "compactproof.report.v1");
    }
}

#[test]
fn a_compact_is_recognised_as_a_compact_not_a_draft() {
    let seed = seeds_dir().join("county-durham-compact.txt");
    let output = compactproof(&["check", seed.to_str().unwrap()]);
    let (stdout, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(0), "{stdout}{stderr}");
    assert!(stderr.contains("reads as a compact itself"), "{stderr}");
}

#[test]
fn the_bundled_example_shows_its_problems_and_exits_1() {
    let example = format!(
        "{}/examples/community-centres-cabinet-report.md",
        env!("CARGO_MANIFEST_DIR")
    );
    let output = compactproof(&["check", &example]);
    let (stdout, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(1), "{stdout}{stderr}");
    for expected in [
        "error[consultation.period]",
        "error[funding-notice.period]",
        "error[independence.campaigning]",
        "warning[feedback.report-back]",
        "warning[equality.assessment]",
        "Move the closing date to Monday 28 June 2027 or later",
    ] {
        assert!(stdout.contains(expected), "{expected} missing:\n{stdout}");
    }
    let quiet = compactproof(&["check", "--fail-on", "never", "-q", &example]);
    assert_eq!(quiet.status.code(), Some(0));
    let errors_only = compactproof(&["check", "--fail-on", "error", &example]);
    assert_eq!(errors_only.status.code(), Some(1));
}

#[test]
fn an_unrelated_paper_has_no_findings_and_exits_0() {
    let output = compactproof(&[
        "check",
        &fixture("a-carriageway-resurfacing-programme-2027-28.txt"),
    ]);
    let (stdout, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(0), "{stdout}{stderr}");
    assert!(
        !stdout.contains("error[") && !stdout.contains("warning["),
        "{stdout}"
    );
}

#[test]
fn the_json_report_contract() {
    let file = fixture("b-redcar-grant-end-immediate.txt");
    let output = compactproof(&[
        "check",
        "--format",
        "json",
        "--compact",
        "redcar",
        "--compact",
        "durham",
        &file,
    ]);
    let (stdout, _) = text(&output);
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let document = &json["documents"][0];
    assert_eq!(document["format"], "text");
    assert_eq!(document["themes"]["funding-notice"]["status"], "short");
    assert_eq!(document["themes"]["funding-notice"]["days"], 0);
    assert_eq!(document["themes"]["funding-notice"]["required_days"], 90);
    for theme in [
        "consultation",
        "funding-notice",
        "equality",
        "independence",
        "feedback",
        "compact-reference",
    ] {
        assert!(document["themes"].get(theme).is_some(), "{theme}");
    }
    let mut settings = insta::Settings::clone_current();
    settings.add_filter(r#""version": "[^"]+""#, r#""version": "[VERSION]""#);
    settings.add_filter(r#""path": "[^"]*/fixtures/"#, r#""path": "fixtures/"#);
    settings.bind(|| insta::assert_snapshot!("check_json_grant_end_immediate", stdout));
}

#[test]
fn unknown_compacts_and_unreadable_files_exit_2() {
    let file = fixture("b-redcar-grant-end-immediate.txt");
    let output = compactproof(&["check", "--compact", "durhm", &file]);
    let (_, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr.contains("unknown compact `durhm`") && stderr.contains("durham"),
        "{stderr}"
    );

    // One unreadable draft does not stop the others, but sets exit code 2.
    let output = compactproof(&[
        "check",
        "--format",
        "json",
        "/nonexistent/draft.docx",
        &file,
    ]);
    let (stdout, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr.contains("/nonexistent/draft.docx: no such file"),
        "{stderr}"
    );
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(json["documents"].as_array().unwrap().len(), 1);
}

#[test]
fn output_files_are_written_safely() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("draft.md");
    std::fs::copy(fixture("a-stockton-youth-grants-cabinet.md"), &draft).unwrap();
    let before = std::fs::read(&draft).unwrap();
    let draft_s = draft.to_str().unwrap();

    // Never over the input, also through a link.
    let output = compactproof(&["check", "--format", "markdown", "-o", draft_s, draft_s]);
    assert_eq!(output.status.code(), Some(2));
    #[cfg(unix)]
    {
        let link = dir.path().join("link.md");
        std::os::unix::fs::symlink(&draft, &link).unwrap();
        let output = compactproof(&["check", "-o", link.to_str().unwrap(), "--force", draft_s]);
        assert_eq!(output.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&output.stderr).contains("input"));
    }
    assert_eq!(std::fs::read(&draft).unwrap(), before, "the input changed");

    let report = dir.path().join("report.html");
    let report_s = report.to_str().unwrap();
    let output = compactproof(&["check", "--format", "html", "-o", report_s, draft_s]);
    assert!(matches!(output.status.code(), Some(0 | 1)));
    assert!(std::fs::read_to_string(&report).unwrap().contains("<html"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&report).unwrap().permissions().mode() & 0o777;
        assert_eq!(
            mode, 0o644,
            "a report is an ordinary readable file, not a private temp file"
        );
    }
    // An existing output is not replaced without --force.
    let output = compactproof(&["check", "--format", "html", "-o", report_s, draft_s]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--force"));
    let output = compactproof(&[
        "check", "--format", "html", "--force", "-o", report_s, draft_s,
    ]);
    assert!(matches!(output.status.code(), Some(0 | 1)));
    // No temporary files are left behind.
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
    assert!(Path::new(draft_s).exists());
}

#[test]
fn a_config_file_chooses_the_compact() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("compactproof.toml"),
        "compacts = [\"stockton\"]\n",
    )
    .unwrap();
    let nested = dir.path().join("papers");
    std::fs::create_dir(&nested).unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_compactproof"))
        .args([
            "check",
            "--format",
            "json",
            &fixture("a-stockton-youth-grants-cabinet.md"),
        ])
        .current_dir(&nested)
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let compacts = json["documents"][0]["compacts"].as_array().unwrap();
    assert_eq!(compacts.len(), 1);
    assert_eq!(compacts[0]["id"], "stockton");
}

/// Every report format renders for every labelled draft, and the Markdown and HTML show
/// every problem finding's message.
#[test]
fn every_format_renders_for_every_fixture() {
    use compactproof::engine::Engine;
    use compactproof::ingest::{read_path, Limits};
    use compactproof::lexicon::Lexicon;
    use compactproof::render::{render, Checked, RenderOptions, ReportFormat};
    let lexicon = Lexicon::bundled();
    let engine = Engine::new(&lexicon, &[]).unwrap();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/drafts");
    let mut rendered = 0;
    for ext in ["txt", "md", "docx", "pdf"] {
        for file in files_with_extension(&dir, ext) {
            let document = read_path(&file, &Limits::default()).unwrap();
            let report = engine.check(&document, &file.display().to_string());
            let checked = [Checked {
                report: &report,
                document: &document,
            }];
            for format in ReportFormat::ALL {
                let out = render(format, &checked, &RenderOptions::default());
                assert!(!out.trim().is_empty(), "{}: empty {format}", file.display());
                if matches!(format, ReportFormat::Json | ReportFormat::Sarif) {
                    serde_json::from_str::<serde_json::Value>(&out)
                        .unwrap_or_else(|e| panic!("{}: {format}: {e}", file.display()));
                }
                rendered += 1;
            }
        }
    }
    assert!(rendered >= 64 * 5, "{rendered}");
}
