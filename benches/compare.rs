//! How long `compare` takes on two ~150-page documents: alignment and classification (with
//! word diffs), not reading. Run with `cargo bench --bench compare`; results and method are
//! in docs/benchmarks.md.
//!
//! The documents are the shared corpus's `large_pandoc.docx` (151 pages: four copies of every
//! seed compact, with headings, bullets and tables) against
//! - `large_lo.docx`, the same document re-saved by LibreOffice (almost no change), and
//! - a perturbed copy of itself, made here at clause level: a section renumbered, a block of
//!   40 clauses moved, clauses hedged, periods shortened, clauses dropped and split, so every
//!   pass of the aligner and the classifier has work to do.

use compactproof::compare::{compare_clauses, segment, Clause};
use compactproof::ingest::{read_path, Limits};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use std::hint::black_box;
use std::path::Path;

fn corpus(name: &str) -> Vec<Clause> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus")
        .join(name);
    let document = read_path(&path, &Limits::default()).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (the shared corpus must sit beside the repository)",
            path.display()
        )
    });
    segment(&document)
}

/// A revised version of `clauses`: deterministic edits of every kind compare reports.
fn perturbed(clauses: &[Clause]) -> Vec<Clause> {
    let mut out: Vec<Clause> = Vec::with_capacity(clauses.len());
    let half = clauses.len() / 2;
    for (k, clause) in clauses.iter().enumerate() {
        if k % 60 == 59 {
            continue; // dropped
        }
        let mut c = clause.clone();
        if k > half {
            if let Some(n) = c.number.as_deref().and_then(|n| n.strip_prefix("3.")) {
                let renumbered = format!("7.{n}");
                c.id = renumbered.clone();
                c.number = Some(renumbered);
            }
        }
        if k % 40 == 7 {
            c.text = c.text.replacen(" will ", " will seek to ", 1);
            c.text.push_str(" where possible");
        }
        if k % 50 == 11 {
            c.text = c
                .text
                .replace("12", "8")
                .replace("three months", "one month");
        }
        if k % 70 == 23 {
            if let Some(at) = c.text.find(". ") {
                let mut second = c.clone();
                second.text = c.text[at + 2..].to_string();
                second.id.push_str("-b");
                c.text.truncate(at + 1);
                out.push(c);
                out.push(second);
                continue;
            }
        }
        out.push(c);
    }
    // Move a block of 40 clauses from a third of the way in to near the end.
    let start = out.len() / 3;
    let block: Vec<Clause> = out
        .drain(start..start + 40.min(out.len() - start))
        .collect();
    let at = out.len().saturating_sub(100);
    out.splice(at..at, block);
    out
}

fn bench(c: &mut Criterion) {
    let pandoc = corpus("large_pandoc.docx");
    let lo = corpus("large_lo.docx");
    let revised = perturbed(&pandoc);
    let first_1000: Vec<Clause> = pandoc.iter().take(1000).cloned().collect();
    let revised_1000 = perturbed(&first_1000);
    eprintln!(
        "clauses: large_pandoc {}, large_lo {}, perturbed {}, first 1000 perturbed {}",
        pandoc.len(),
        lo.len(),
        revised.len(),
        revised_1000.len()
    );
    let summary = compare_clauses(pandoc.clone(), revised.clone()).summary();
    eprintln!("large_pandoc vs perturbed copy: {summary:?}");
    let mut group = c.benchmark_group("compare");
    group.sample_size(20);
    group.bench_function("large_pandoc vs perturbed copy", |b| {
        b.iter_batched(
            || (pandoc.clone(), revised.clone()),
            |(old, new)| black_box(compare_clauses(old, new)),
            BatchSize::LargeInput,
        )
    });
    group.bench_function("large_pandoc vs large_lo", |b| {
        b.iter_batched(
            || (pandoc.clone(), lo.clone()),
            |(old, new)| black_box(compare_clauses(old, new)),
            BatchSize::LargeInput,
        )
    });
    group.bench_function("1000 clauses vs perturbed copy", |b| {
        b.iter_batched(
            || (first_1000.clone(), revised_1000.clone()),
            |(old, new)| black_box(compare_clauses(old, new)),
            BatchSize::LargeInput,
        )
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
