//! How long reading and proofing take, on the largest corpus documents (151 pages).
//!
//! Run with `cargo bench --bench check`. Reading and checking are measured apart, because
//! reading depends on the format and checking does not. Numbers and the machine they were
//! taken on are in docs/benchmarks.md.

use compactproof::engine::Engine;
use compactproof::ingest::{load, read_bytes, Limits};
use compactproof::lexicon::Lexicon;
use criterion::{criterion_group, criterion_main, Criterion};
use std::path::Path;

fn corpus(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus")
        .join(name)
}

fn benches(c: &mut Criterion) {
    let limits = Limits::default();
    let lexicon = Lexicon::bundled();
    let engine = Engine::new(&lexicon, &[]).expect("bundled compacts");

    let mut group = c.benchmark_group("large (151 pages)");
    group.sample_size(20);
    for name in ["large_pandoc.docx", "large_pandoc.pdf"] {
        let path = corpus(name);
        let bytes = load(&path, &limits).expect("corpus file");
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_string);
        group.bench_function(format!("read {name}"), |b| {
            b.iter(|| read_bytes(&bytes, ext.as_deref(), &limits).expect("reads"))
        });
        let document = read_bytes(&bytes, ext.as_deref(), &limits).expect("reads");
        group.bench_function(format!("check {name}"), |b| {
            b.iter(|| engine.check(&document, name))
        });
    }
    group.bench_function("compile the bundled lexicon", |b| b.iter(Lexicon::bundled));
    group.finish();

    // Checking without the compact-text shortcut: one draft-like document the size of a
    // long cabinet report, repeated to 150 pages.
    let draft = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/community-centres-cabinet-report.md"),
    )
    .expect("example");
    let long = draft.repeat(60);
    let document = read_bytes(long.as_bytes(), Some("md"), &limits).expect("reads");
    c.bench_function("check a 150-page draft (example x60)", |b| {
        b.iter(|| engine.check(&document, "long.md"))
    });
}

criterion_group!(check, benches);
criterion_main!(check);
