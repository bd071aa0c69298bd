//! Helpers shared by the integration tests: where the shared corpus lives, running the
//! binary, and comparing our reading of a document with a reference reader's.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// `../shared/corpus` beside the repository (CI clones the repository with `shared/` beside it).
pub fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus")
}

/// `../shared/seeds` beside the repository.
pub fn seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds")
}

/// The files in `dir` with extension `ext`, sorted.
pub fn files_with_extension(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().and_then(|e| e.to_str()) == Some(ext))
        .collect();
    files.sort();
    files
}

/// Run the built `compactproof` binary with `args`.
pub fn compactproof(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_compactproof"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run compactproof")
}

/// The repository's root, where the fixtures are named from.
pub fn repo_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Run the built `compactproof` binary with `args` in `dir`, with no colour and the extra
/// environment `env` (a time zone, say).
pub fn compactproof_in(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_compactproof"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .envs(env.iter().copied())
        .output()
        .expect("run compactproof")
}

/// The standard output of a run that must have succeeded.
#[track_caller]
pub fn stdout_of(output: &Output) -> String {
    assert!(
        output.status.success(),
        "exit {:?}: {}",
        output.status.code(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Convert `input` with LibreOffice (`soffice --convert-to FILTER`) into `dir`, with a
/// profile of its own there, and return the converted file's path.
pub fn soffice_convert(input: &Path, dir: &Path, filter: &str) -> PathBuf {
    let profile = dir.join(format!("lo-profile-{}", filter.replace(':', "-")));
    let output = Command::new("soffice")
        .arg("--headless")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.to_string_lossy()
        ))
        .args(["--convert-to", filter, "--outdir"])
        .arg(dir)
        .arg(input)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "cannot run soffice ({e}); install it with `apt-get install -y libreoffice-writer`"
            )
        });
    assert!(
        output.status.success(),
        "soffice failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let extension = filter.split(':').next().unwrap_or(filter);
    let converted = input.with_extension(extension);
    let converted = dir.join(converted.file_name().expect("a file name"));
    assert!(
        converted.exists(),
        "soffice wrote no {}: {}",
        converted.display(),
        String::from_utf8_lossy(&output.stdout)
    );
    converted
}

/// `compactproof inspect --format text --locations PATH`, which must succeed without a word
/// on stderr: the reading the `inspect` snapshots record.
#[track_caller]
pub fn inspect_with_locations(path: &Path) -> String {
    let output = compactproof(&[
        "inspect",
        "--format",
        "text",
        "--locations",
        path.to_str().expect("UTF-8 path"),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", path.display());
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Run an external reference tool and return its stdout; panics with an install hint when
/// the tool is missing, because a cross-check that silently skips proves nothing.
pub fn reference_tool(program: &str, args: &[&str], package: &str) -> String {
    let output = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| {
            panic!("cannot run {program} ({e}); install it with `apt-get install -y {package}`")
        });
    assert!(
        output.status.success(),
        "{program} {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Words for comparison: lower-cased runs of letters and digits, with typographic quotes,
/// dashes and hyphenation differences ignored.
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect()
}

/// The share of `reference`'s words found in `ours` in the same order (the longest common
/// subsequence over the reference's length). 1.0 means nothing was lost or reordered.
pub fn words_in_order_ratio(reference: &str, ours: &str) -> f64 {
    in_order_ratio(&words(reference), &words(ours))
}

/// [`words_in_order_ratio`] for words already split.
pub fn in_order_ratio(a: &[String], b: &[String]) -> f64 {
    if a.is_empty() {
        return 1.0;
    }
    let lcs = similar::capture_diff_slices(similar::Algorithm::Myers, a, b)
        .iter()
        .filter_map(|op| match op {
            similar::DiffOp::Equal { len, .. } => Some(*len),
            _ => None,
        })
        .sum::<usize>();
    lcs as f64 / a.len() as f64
}
