//! `compare` end to end: previous versions of the seed compacts with their expected changes
//! (`fixtures/compare/*.expect.toml`), each seed against itself and against its DOCX and PDF
//! renderings in the shared corpus, golden outputs, and the command line's exit codes.

mod common;

use common::{compactproof, corpus_dir, files_with_extension, seeds_dir};
use compactproof::compare::render::{
    render, CompareFormat, CompareOptions, CompareReport, Version,
};
use compactproof::compare::{compare, Change, Class, Comparison};
use compactproof::document::Document;
use compactproof::ingest::{read_path, Limits};
use serde::Deserialize;
use std::path::{Path, PathBuf};

fn read(path: &Path) -> Document {
    read_path(path, &Limits::default()).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture's sidecar: the two versions and the changes expected between them.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expectations {
    old: String,
    new: String,
    /// Every material change is listed.
    #[serde(default)]
    complete: bool,
    #[serde(default, rename = "change")]
    changes: Vec<Expected>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    class: String,
    /// The old side's id ("2.4", "1.9 + 1.10"); absent for an added clause.
    old: Option<String>,
    /// The new side's id; absent for a removed clause.
    new: Option<String>,
    /// Words found in the old or new text, for clauses without stable ids.
    text: Option<String>,
    /// Words found in one of the reasons (checked in the forward direction only).
    reason: Option<String>,
}

fn mirror(class: Class) -> Class {
    match class {
        Class::Weakened => Class::Strengthened,
        Class::Strengthened => Class::Weakened,
        Class::Broadened => Class::Narrowed,
        Class::Narrowed => Class::Broadened,
        Class::Removed => Class::Added,
        Class::Added => Class::Removed,
        other => other,
    }
}

fn class_named(name: &str) -> Class {
    Class::ALL
        .into_iter()
        .find(|c| c.as_str() == name)
        .unwrap_or_else(|| panic!("unknown class {name:?}"))
}

/// True when `change` is the expected one (ids swapped and class mirrored in `reverse`).
fn is_expected(change: &Change, e: &Expected, reverse: bool) -> bool {
    let (old, new) = if reverse {
        (&e.new, &e.old)
    } else {
        (&e.old, &e.new)
    };
    let class = class_named(&e.class);
    let class = if reverse { mirror(class) } else { class };
    let ids = |want: &Option<String>, got: Option<String>| match want {
        Some(want) => got.as_deref() == Some(want.as_str()),
        None => e.text.is_some() || got.is_none(),
    };
    let text = e
        .text
        .as_deref()
        .is_none_or(|t| change.old_text().contains(t) || change.new_text().contains(t));
    change.class == class && ids(old, change.old_id()) && ids(new, change.new_id()) && text
}

fn describe(c: &Comparison) -> String {
    c.listed(false)
        .map(|x| {
            format!(
                "  {} {:?} -> {:?}: {}",
                x.class,
                x.old_id(),
                x.new_id(),
                x.reasons.join("; ")
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn check_direction(name: &str, c: &Comparison, expectations: &Expectations, reverse: bool) {
    let direction = if reverse { "reversed" } else { "forward" };
    for e in &expectations.changes {
        let found: Vec<&Change> = c
            .listed(false)
            .filter(|x| is_expected(x, e, reverse))
            .collect();
        assert_eq!(
            found.len(),
            1,
            "{name} ({direction}): expected one change like {e:?}, found {}; the comparison \
             was:\n{}",
            found.len(),
            describe(c)
        );
        if let (false, Some(reason)) = (reverse, &e.reason) {
            assert!(
                found[0].reasons.iter().any(|r| r.contains(reason.as_str())),
                "{name}: no reason containing {reason:?} in {:?}",
                found[0].reasons
            );
        }
    }
    if expectations.complete {
        for change in c.listed(false).filter(|x| x.class.is_material()) {
            assert!(
                expectations
                    .changes
                    .iter()
                    .any(|e| is_expected(change, e, reverse)),
                "{name} ({direction}): unexpected {} change {:?} -> {:?} ({})",
                change.class,
                change.old_id(),
                change.new_id(),
                change.reasons.join("; ")
            );
        }
    }
}

#[test]
fn previous_versions_of_the_seed_compacts_show_their_expected_changes() {
    let dir = root().join("fixtures/compare");
    let sidecars: Vec<PathBuf> = files_with_extension(&dir, "toml")
        .into_iter()
        .filter(|p| p.to_string_lossy().ends_with(".expect.toml"))
        .collect();
    assert!(
        sidecars.len() >= 2,
        "expected fixtures in {}",
        dir.display()
    );
    for sidecar in sidecars {
        let name = sidecar.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(&sidecar).unwrap();
        let expectations: Expectations =
            toml::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let old = read(&dir.join(&expectations.old));
        let new = read(&dir.join(&expectations.new));
        let forward = compare(&old, &new);
        check_direction(&name, &forward, &expectations, false);
        let reverse = compare(&new, &old);
        check_direction(&name, &reverse, &expectations, true);
        // Every class the issue names is exercised by the fixtures together (checked below).
    }
}

#[test]
fn the_fixtures_exercise_every_class() {
    let dir = root().join("fixtures/compare");
    let mut seen = Vec::new();
    for sidecar in files_with_extension(&dir, "toml") {
        let text = std::fs::read_to_string(&sidecar).unwrap();
        let expectations: Expectations = toml::from_str(&text).unwrap();
        for e in expectations.changes {
            let class = class_named(&e.class);
            seen.push(class);
            seen.push(mirror(class));
        }
    }
    for class in Class::ALL {
        if class != Class::Unchanged {
            assert!(seen.contains(&class), "no fixture expects a {class} change");
        }
    }
}

/// The seed compacts, in the corpus's numbering (`seedNNN`, see ../shared/seeds/README.md).
const SEEDS: [(&str, &str); 5] = [
    ("000", "stockton-compact-2018-21.txt"),
    ("001", "redcar-cleveland-compact.txt"),
    ("002", "staffordshire-stoke-compact-2014-18.txt"),
    ("003", "stockton-cabinet-record-2018-compact.txt"),
    ("004", "county-durham-compact.txt"),
];

#[test]
fn each_seed_compared_with_itself_has_no_changes() {
    for (_, name) in SEEDS {
        let document = read(&seeds_dir().join(name));
        let c = compare(&document, &document);
        assert!(c.old_clauses > 10, "{name}: only {} clauses", c.old_clauses);
        assert_eq!(c.listed(false).count(), 0, "{name}:\n{}", describe(&c));
        assert!(c.changes.iter().all(|x| x.class == Class::Unchanged));
        assert_eq!(c.changes.len(), c.old_clauses);
    }
}

#[test]
fn each_seed_against_its_docx_and_pdf_renderings_has_no_material_change() {
    for (number, name) in SEEDS {
        let seed = read(&seeds_dir().join(name));
        for rendering in ["lo.docx", "pandoc.docx", "lo.pdf"] {
            let path = corpus_dir().join(format!("seed{number}_{rendering}"));
            let document = read(&path);
            for (label, c) in [
                ("seed → rendering", compare(&seed, &document)),
                ("rendering → seed", compare(&document, &seed)),
            ] {
                let material: Vec<&Change> =
                    c.changes.iter().filter(|x| x.class.is_material()).collect();
                assert!(
                    material.is_empty(),
                    "{name} vs {} ({label}): reading differences reported as commitments:\n{}",
                    path.display(),
                    describe(&c)
                );
            }
        }
    }
}

#[test]
fn two_large_documents_compare_quickly_and_without_material_change() {
    let old = read(&corpus_dir().join("large_pandoc.docx"));
    let new = read(&corpus_dir().join("large_lo.docx"));
    let started = std::time::Instant::now();
    let c = compare(&old, &new);
    let elapsed = started.elapsed();
    assert!(c.old_clauses > 1000, "{} clauses", c.old_clauses);
    assert!(!c.has_material_changes(), "{}", describe(&c));
    // The release benchmark (benches/compare.rs) measures the real time; this is a guard
    // against a quadratic slip in an unoptimised test build.
    assert!(elapsed.as_secs() < 10, "took {elapsed:?}");
}

/// The Durham fixture pair as the renderers see it, with paths as a person would type them.
fn durham_report_text(format: CompareFormat) -> String {
    let old_path = "fixtures/compare/durham-2010.txt";
    let new_path = "../shared/seeds/county-durham-compact.txt";
    let old = read(&root().join(old_path));
    let new = read(&root().join(new_path));
    let c = compare(&old, &new);
    let report = CompareReport {
        old: Version {
            path: old_path,
            format: old.format,
        },
        new: Version {
            path: new_path,
            format: new.format,
        },
        comparison: &c,
    };
    render(format, &report, &CompareOptions::default())
}

fn snapshot_settings() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.add_filter(
        &format!(r"\b{}\b", regex::escape(env!("CARGO_PKG_VERSION"))),
        "[VERSION]",
    );
    settings
}

#[test]
fn durham_2010_to_now_as_json() {
    let json = durham_report_text(CompareFormat::Json);
    let value: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(value["schema"], "compactproof.compare.v1");
    snapshot_settings().bind(|| insta::assert_snapshot!(json));
}

#[test]
fn durham_2010_to_now_in_the_terminal() {
    let text = durham_report_text(CompareFormat::Terminal);
    snapshot_settings().bind(|| insta::assert_snapshot!(text));
}

// ---------------------------------------------------------------------------------------
// The command line
// ---------------------------------------------------------------------------------------

fn path_str(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

#[test]
fn exit_code_is_0_without_material_changes_and_1_with() {
    let seed = path_str(&seeds_dir().join("county-durham-compact.txt"));
    let pdf = path_str(&corpus_dir().join("seed004_lo.pdf"));
    let out = compactproof(&["compare", &seed, &pdf]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("No material changes."), "{stdout}");

    let old = path_str(&root().join("fixtures/compare/durham-2010.txt"));
    let out = compactproof(&["compare", &old, &seed]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("8 material changes."), "{stdout}");
    assert!(
        stdout.contains("conduct [-16-week-] formal"),
        "changed words are marked without colour: {stdout}"
    );
    assert!(
        !stdout.contains('\u{1b}'),
        "NO_COLOR is set by the test helper"
    );
}

#[test]
fn exit_code_is_2_when_an_input_cannot_be_read() {
    let seed = path_str(&seeds_dir().join("county-durham-compact.txt"));
    let out = compactproof(&["compare", "no-such-file.docx", &seed]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("no-such-file.docx: no such file"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());
    let broken = files_with_extension(&corpus_dir().join("broken"), "docx");
    let broken = path_str(broken.first().expect("broken corpus"));
    let out = compactproof(&["compare", &seed, &broken]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn every_format_writes_to_a_file_and_never_over_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let old = path_str(&root().join("fixtures/compare/stockton-2015.txt"));
    let new = path_str(&corpus_dir().join("seed000_pandoc.docx"));
    for (format, check) in [
        ("json", "\"schema\": \"compactproof.compare.v1\""),
        ("markdown", "## Material changes"),
        ("html", "<table class=\"sbs\">"),
        ("terminal", "material changes."),
    ] {
        let target = dir.path().join(format!("out.{format}"));
        let out = compactproof(&[
            "compare",
            "--format",
            format,
            "-o",
            &path_str(&target),
            &old,
            &new,
        ]);
        assert_eq!(out.status.code(), Some(1), "{format}");
        assert!(
            out.stdout.is_empty(),
            "{format}: -o writes nothing to stdout"
        );
        let written = std::fs::read_to_string(&target).unwrap();
        assert!(written.contains(check), "{format}: {written}");
        // A second run refuses to replace it without --force.
        let again = compactproof(&[
            "compare",
            "--format",
            format,
            "-o",
            &path_str(&target),
            &old,
            &new,
        ]);
        assert_eq!(again.status.code(), Some(2));
        let forced = compactproof(&[
            "compare",
            "--format",
            format,
            "-o",
            &path_str(&target),
            "--force",
            &old,
            &new,
        ]);
        assert_eq!(forced.status.code(), Some(1));
    }
    let out = compactproof(&["compare", "-o", &old, &old, &new]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is an input file"));
}

#[test]
fn all_lists_unchanged_clauses() {
    let seed = path_str(&seeds_dir().join("county-durham-compact.txt"));
    let some = compactproof(&["compare", "--format", "json", &seed, &seed]);
    let all = compactproof(&["compare", "--format", "json", "--all", &seed, &seed]);
    let count = |out: &std::process::Output| {
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["changes"].as_array().unwrap().len()
    };
    assert_eq!(count(&some), 0);
    assert!(count(&all) > 50);
}

#[test]
fn help_documents_the_exit_codes() {
    let out = compactproof(&["compare", "--help"]);
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(help.contains("Exit codes: 0 no material change"), "{help}");
    assert!(help.contains("1 material"), "{help}");
    assert!(help.contains("2 usage or input error"), "{help}");
}

#[cfg(unix)]
#[test]
fn writing_to_a_device_writes_into_it_and_never_replaces_it() {
    use std::os::unix::fs::FileTypeExt;
    let seed = path_str(&seeds_dir().join("county-durham-compact.txt"));
    let out = compactproof(&[
        "compare",
        "-o",
        "/dev/null",
        "--format",
        "json",
        &seed,
        &seed,
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta = std::fs::metadata("/dev/null").unwrap();
    assert!(meta.file_type().is_char_device(), "/dev/null was replaced");
}

// ---------------------------------------------------------------------------------------
// --annotate: a redline of two DOCX versions
// ---------------------------------------------------------------------------------------

/// `compare --annotate` on the Durham fixture as DOCX (pandoc, like the corpus's copy of the
/// seed), dated by SOURCE_DATE_EPOCH so the output is reproducible.
fn durham_redline(dir: &Path) -> PathBuf {
    let old = path_str(&root().join("fixtures/compare/durham-2010.docx"));
    let new = path_str(&corpus_dir().join("seed004_pandoc.docx"));
    let out = dir.join("redline.docx");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_compactproof"))
        .args(["compare", "--annotate", &path_str(&out), &old, &new])
        .env("NO_COLOR", "1")
        .env("SOURCE_DATE_EPOCH", "1800000000")
        .output()
        .expect("run compactproof");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("tracked changes"), "{stderr}");
    out
}

fn document_xml(docx: &Path) -> String {
    let file = std::fs::File::open(docx).unwrap();
    let mut archive = zip::ZipArchive::new(file).unwrap();
    let mut part = archive.by_name("word/document.xml").unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut part, &mut xml).unwrap();
    xml
}

#[test]
fn the_redline_accepted_reads_as_the_new_version() {
    let dir = tempfile::tempdir().unwrap();
    let redline = durham_redline(dir.path());
    let xml = document_xml(&redline);
    assert!(
        xml.contains("<w:ins ") && xml.contains("<w:del "),
        "no tracked changes"
    );
    assert!(xml.contains("w:author=\"compactproof\""));
    // compactproof reads tracked changes as accepted: the redline then says what NEW says.
    let accepted = read(&redline);
    let new = read(&corpus_dir().join("seed004_pandoc.docx"));
    let c = compare(&accepted, &new);
    assert!(!c.has_material_changes(), "{}", describe(&c));
    // Only the moved section is left (moves are not tracked).
    assert!(
        c.listed(false)
            .all(|x| matches!(x.class, Class::Moved | Class::Reworded)),
        "{}",
        describe(&c)
    );
    // And the same run again gives the same bytes.
    let second = tempfile::tempdir().unwrap();
    let again = durham_redline(second.path());
    assert_eq!(
        std::fs::read(&redline).unwrap(),
        std::fs::read(&again).unwrap()
    );
}

#[test]
fn libreoffice_opens_the_redline() {
    let dir = tempfile::tempdir().unwrap();
    let redline = durham_redline(dir.path());
    let text =
        std::fs::read_to_string(common::soffice_convert(&redline, dir.path(), "txt:Text")).unwrap();
    assert!(
        text.contains("12-week formal written consultations"),
        "{text}"
    );
    assert!(text.contains("Recognise that the public sector can legitimately expect"));
}

#[test]
fn annotate_needs_two_docx_versions() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("redline.docx");
    let old = path_str(&root().join("fixtures/compare/durham-2010.txt"));
    let new = path_str(&corpus_dir().join("seed004_pandoc.docx"));
    let output = compactproof(&["compare", "--annotate", &path_str(&out), &old, &new]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("--annotate needs two DOCX versions"),
        "{stderr}"
    );
    assert!(!out.exists());
}
