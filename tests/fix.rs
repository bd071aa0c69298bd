//! `compactproof fix` and `check --annotate` end to end: the diffs and redlines they
//! print, the files they write, and the safety rules for writing (never over the input,
//! also through a link; never over an existing file without `--force`; the input is
//! never modified).

mod common;

use common::compactproof;
use std::io::Read;
use std::path::{Path, PathBuf};

const TEXT_DRAFT: &str = "fixtures/drafts/b-redcar-centres-no-consultation.txt";
const MARKDOWN_DRAFT: &str = "fixtures/drafts/a-stockton-youth-grants-cabinet.md";
const DOCX_DRAFT: &str = "fixtures/drafts/b-redcar-grant-conditions-gag.docx";

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A copy of a fixture in a fresh folder.
fn copy_of(fixture: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(Path::new(fixture).file_name().unwrap());
    std::fs::copy(fixture, &path).unwrap();
    (dir, path)
}

#[test]
fn fix_prints_a_unified_diff_of_the_text_source() {
    let output = compactproof(&["fix", "--no-config", TEXT_DRAFT]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    insta::assert_snapshot!("fix_text_diff", stdout(&output));
}

#[test]
fn fix_prints_a_unified_diff_of_the_markdown_source() {
    let output = compactproof(&["fix", "--no-config", MARKDOWN_DRAFT]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    insta::assert_snapshot!("fix_markdown_diff", stdout(&output));
}

#[test]
fn fix_output_is_the_source_with_the_diff_applied() {
    let (dir, input) = copy_of(MARKDOWN_DRAFT);
    let source = std::fs::read_to_string(&input).unwrap();
    let out = dir.path().join("fixed.md");
    let input_arg = input.to_str().unwrap();
    let shown = compactproof(&["fix", "--no-config", input_arg]);
    let written = compactproof(&["fix", "--no-config", input_arg, "-o", out.to_str().unwrap()]);
    assert_eq!(written.status.code(), Some(1), "{}", stderr(&written));
    assert!(
        written.stdout.is_empty(),
        "-o writes the file instead of printing"
    );
    let fixed = std::fs::read_to_string(&out).unwrap();
    assert!(
        !fixed.contains("six-week") && fixed.contains("-week public consultation"),
        "{fixed}"
    );
    assert!(
        fixed.contains("## 8. Equality Implications"),
        "Markdown syntax is kept"
    );
    let expected = similar::TextDiff::from_lines(&source, &fixed)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{input_arg}"), &format!("b/{input_arg}"))
        .to_string();
    assert_eq!(stdout(&shown), expected);
    assert_eq!(
        std::fs::read_to_string(&input).unwrap(),
        source,
        "input untouched"
    );
}

#[test]
fn fix_html_is_a_self_contained_redline() {
    let output = compactproof(&["fix", "--no-config", "--format", "html", MARKDOWN_DRAFT]);
    let html = stdout(&output);
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(
        html.contains("<del><span class=\"cue\">[\u{2212}</span>six-week"),
        "{html}"
    );
    assert!(
        html.contains("</del><ins><span class=\"cue\">[+</span>"),
        "{html}"
    );
    assert!(html.contains("text-decoration: line-through"));
    for outside in ["<script", "src=", "href=", "@import", "url("] {
        assert!(
            !html.contains(outside),
            "the page loads nothing: found {outside}"
        );
    }
}

#[test]
fn fix_on_docx_diffs_the_text_and_writes_a_tracked_copy() {
    let output = compactproof(&["fix", "--no-config", DOCX_DRAFT]);
    let diff = stdout(&output);
    assert!(
        diff.starts_with(&format!("--- a/{DOCX_DRAFT}\n+++ b/{DOCX_DRAFT}\n")),
        "{diff}"
    );
    assert!(
        diff.contains("+Nothing in this agreement restricts the organisation's right"),
        "{diff}"
    );

    let (dir, input) = copy_of(DOCX_DRAFT);
    let out = dir.path().join("tracked.docx");
    let written = compactproof(&[
        "fix",
        "--no-config",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(written.status.code(), Some(1), "{}", stderr(&written));
    assert!(
        stderr(&written).contains("comments"),
        "{}",
        stderr(&written)
    );
    let bytes = std::fs::read(&out).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut document = String::new();
    archive
        .by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut document)
        .unwrap();
    assert!(document.contains("w:author=\"compactproof\""));
    assert!(document.contains("<w:delText"));
    assert!(archive.by_name("word/comments.xml").is_ok());
}

#[test]
fn never_writes_over_the_input_even_through_a_link() {
    for (fixture, command, flag, out_name) in [
        (TEXT_DRAFT, "fix", "-o", "link.txt"),
        (DOCX_DRAFT, "check", "--annotate", "link.docx"),
    ] {
        let (dir, input) = copy_of(fixture);
        let before = std::fs::read(&input).unwrap();
        let input_arg = input.to_str().unwrap();
        // The output named as the input itself.
        let same = compactproof(&[
            command,
            "--no-config",
            input_arg,
            flag,
            input_arg,
            "--force",
        ]);
        assert_eq!(same.status.code(), Some(2), "{command}: {}", stderr(&same));
        assert!(
            stderr(&same).contains("never writes over its input"),
            "{}",
            stderr(&same)
        );
        assert_eq!(std::fs::read(&input).unwrap(), before);
        // The output named by a link to the input.
        let link = dir.path().join(out_name);
        #[cfg(unix)]
        std::os::unix::fs::symlink(&input, &link).unwrap();
        #[cfg(unix)]
        {
            let linked = compactproof(&[
                command,
                "--no-config",
                input_arg,
                flag,
                link.to_str().unwrap(),
                "--force",
            ]);
            assert_eq!(
                linked.status.code(),
                Some(2),
                "{command}: {}",
                stderr(&linked)
            );
            assert!(stderr(&linked).contains("never writes over its input"));
            assert_eq!(std::fs::read(&input).unwrap(), before);
            assert!(std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink());
        }
        // The input reached through another path spelling.
        let dotted = dir.path().join(".").join(input.file_name().unwrap());
        let spelled = compactproof(&[
            command,
            "--no-config",
            input_arg,
            flag,
            dotted.to_str().unwrap(),
        ]);
        assert_eq!(spelled.status.code(), Some(2), "{}", stderr(&spelled));
        assert_eq!(std::fs::read(&input).unwrap(), before);
    }
}

#[test]
fn an_existing_output_is_replaced_only_with_force() {
    for (fixture, command, flag, out_name) in [
        (MARKDOWN_DRAFT, "fix", "-o", "fixed.md"),
        (DOCX_DRAFT, "check", "--annotate", "annotated.docx"),
        (DOCX_DRAFT, "fix", "-o", "tracked.docx"),
    ] {
        let (dir, input) = copy_of(fixture);
        let before = std::fs::read(&input).unwrap();
        let out = dir.path().join(out_name);
        std::fs::write(&out, "keep me").unwrap();
        let args = [
            command,
            "--no-config",
            input.to_str().unwrap(),
            flag,
            out.to_str().unwrap(),
        ];
        let refused = compactproof(&args);
        assert_eq!(
            refused.status.code(),
            Some(2),
            "{command}: {}",
            stderr(&refused)
        );
        assert!(stderr(&refused).contains("--force"), "{}", stderr(&refused));
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "keep me");
        let mut forced = args.to_vec();
        forced.push("--force");
        let replaced = compactproof(&forced);
        assert_eq!(
            replaced.status.code(),
            Some(1),
            "{command}: {}",
            stderr(&replaced)
        );
        assert_ne!(std::fs::read(&out).unwrap(), b"keep me");
        assert_eq!(std::fs::read(&input).unwrap(), before, "input untouched");
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
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }
}

#[test]
fn annotate_refuses_non_docx_and_several_drafts() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.docx");
    let text = compactproof(&[
        "check",
        "--no-config",
        TEXT_DRAFT,
        "--annotate",
        out.to_str().unwrap(),
    ]);
    assert_eq!(text.status.code(), Some(2));
    assert!(
        stderr(&text).contains("DOCX drafts only"),
        "{}",
        stderr(&text)
    );
    assert!(!out.exists());
    let two = compactproof(&[
        "check",
        "--no-config",
        DOCX_DRAFT,
        DOCX_DRAFT,
        "--annotate",
        out.to_str().unwrap(),
    ]);
    assert_eq!(two.status.code(), Some(2));
    assert!(!out.exists());
}

#[test]
fn annotated_copies_are_reproducible_with_source_date_epoch() {
    let dir = tempfile::tempdir().unwrap();
    let mut copies = Vec::new();
    for name in ["one.docx", "two.docx"] {
        let out = dir.path().join(name);
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_compactproof"))
            .args(["check", "--no-config", "-q", DOCX_DRAFT, "--annotate"])
            .arg(&out)
            .env("NO_COLOR", "1")
            .env("SOURCE_DATE_EPOCH", "1803891600")
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
        copies.push(std::fs::read(&out).unwrap());
    }
    assert_eq!(copies[0], copies[1]);
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&copies[0][..])).unwrap();
    let mut comments = String::new();
    archive
        .by_name("word/comments.xml")
        .unwrap()
        .read_to_string(&mut comments)
        .unwrap();
    assert!(
        comments.contains(r#"w:date="2027-03-01T09:00:00Z""#),
        "{comments}"
    );
}
