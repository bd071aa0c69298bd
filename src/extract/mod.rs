//! Term extraction: the typed facts in a sentence that the engine reasons about.
//!
//! Each submodule is one extractor, a set of pure functions from a sentence or paragraph
//! (`&str`) to typed matches:
//!
//! | module | finds |
//! |---|---|
//! | [`durations`] | stated periods ("12 weeks", "three months'", "20 working days", "6-8 weeks"), in days |
//! | [`dates`] | UK dates and date ranges, with the exact days a range spans |
//! | [`immediate`] | "with immediate effect", "from today", "without notice": 0-day periods |
//! | [`hedges`] | hedges, negations, justifications, in-writing and rationale markers |
//! | [`equality`] | equality impact assessment and duty mentions; protected characteristics and lists of them |
//! | [`compact_refs`] | references to the Compact, generic or by name |
//!
//! Conventions every extractor keeps, so a caller can combine them freely:
//! - **Spans are byte offsets relative to the input string, end-exclusive**
//!   ([`ByteSpan`](crate::document::ByteSpan)), always on `char` boundaries. To place a match
//!   in a document, shift it by the sentence's start ([`ByteSpan::shifted`](crate::document::ByteSpan::shifted)).
//! - **Case does not matter** ("Twelve Weeks", "IN WRITING"), except where the case carries the
//!   meaning and the module says so: month names must be capitalised ("May" the month versus
//!   "may" the hedge) and "Compact" the agreement versus "compact" the adjective.
//! - **Layout does not matter**: any run of white space, including line breaks from
//!   hard-wrapped PDF text, matches a single space; curly and straight apostrophes and
//!   dashes are interchangeable.
//! - **Whole words only**: no match starts or ends inside a word ("race" is not in
//!   "embrace", "sex" is not in "Sussex").
//! - Results come in text order; within one kind they do not overlap.
//! - **No panics and no allocation of patterns per call**: every pattern is compiled once
//!   (in a `LazyLock`, or in [`compact_refs::CompactNames`] for the caller's names), and every
//!   function accepts any `&str`.
//!
//! Nothing here knows about lexicons, themes, findings or output; the engine decides what a
//! match means for a theme.

pub mod compact_refs;
pub mod dates;
pub mod durations;
pub mod equality;
pub mod hedges;
pub mod immediate;
pub(crate) mod phrases;

pub use compact_refs::{find_compact_refs, CompactNames, CompactRef, CompactRefKind};
pub use dates::{
    find_date_ranges, find_dates, most_common_year, DateMatch, DateRange, RangeKind, YearSource,
};
pub use durations::{find_durations, Duration, DurationUnit, Qualifier};
pub use equality::{
    characteristic_list_across, find_characteristic_list, find_characteristics,
    find_equality_mentions, CharacteristicList, CharacteristicMatch, EqualityMention,
    EqualityMentionKind, ProtectedCharacteristic,
};
pub use hedges::{
    find_hedges, find_justifications, find_markers, find_negations, HedgeKind, Marker, MarkerKind,
    NegatedTerm,
};
pub use immediate::{find_immediate, Immediate, ImmediateKind};

#[cfg(test)]
mod tests {
    //! Every extractor over real text and over arbitrary slices of it: no panics, and every
    //! span inside its input on `char` boundaries.
    use super::*;
    use crate::document::ByteSpan;
    use std::path::Path;

    #[track_caller]
    fn assert_span_ok(text: &str, span: ByteSpan, what: &str) {
        assert!(
            span.start <= span.end
                && span.end <= text.len()
                && text.is_char_boundary(span.start)
                && text.is_char_boundary(span.end),
            "{what} span {span:?} is not a valid span of a {}-byte input",
            text.len()
        );
    }

    /// Run every extractor over `text` and check every span.
    fn run_all(text: &str, names: &CompactNames) {
        for d in find_durations(text) {
            assert_span_ok(text, d.span, "duration");
        }
        let year = most_common_year(text);
        for d in find_dates(text, year) {
            assert_span_ok(text, d.span, "date");
        }
        for r in find_date_ranges(text, year) {
            assert_span_ok(text, r.span, "range");
            assert_span_ok(text, r.start.span, "range start");
            assert_span_ok(text, r.end.span, "range end");
            assert!(r.span.contains(r.start.span) && r.span.contains(r.end.span));
        }
        for m in find_immediate(text) {
            assert_span_ok(text, m.span, "immediate");
        }
        for m in find_markers(text) {
            assert_span_ok(text, m.span, "marker");
        }
        for m in find_equality_mentions(text) {
            assert_span_ok(text, m.span, "equality mention");
        }
        for m in find_characteristics(text) {
            assert_span_ok(text, m.span, "characteristic");
        }
        let _ = find_characteristic_list(text);
        for r in names.find(text) {
            assert_span_ok(text, r.span, "compact reference");
        }
    }

    /// The seed compacts beside the repository and the drafts in `fixtures/drafts`.
    fn corpus() -> Vec<(String, String)> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut texts = Vec::new();
        for dir in [root.join("../shared/seeds"), root.join("fixtures/drafts")] {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
            paths.sort();
            for path in paths {
                let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
                if matches!(ext, "txt" | "md") {
                    if let Ok(text) = std::fs::read_to_string(&path) {
                        texts.push((path.display().to_string(), text));
                    }
                }
            }
        }
        texts
    }

    /// A small deterministic generator, so a failure reproduces.
    struct Lcg(u64);
    impl Lcg {
        fn next(&mut self) -> usize {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (self.0 >> 33) as usize
        }
    }

    #[test]
    fn no_panics_on_real_text_or_slices_of_it() {
        let texts = corpus();
        assert!(
            texts.iter().any(|(p, _)| p.contains("seeds")),
            "the seed texts in ../shared/seeds are missing: a fuzz test over nothing proves nothing"
        );
        let names = CompactNames::new([
            "County Durham Compact",
            "Stockton Compact",
            "Redcar & Cleveland Compact",
        ]);
        let mut rng = Lcg(0x5eed);
        for (_, text) in &texts {
            run_all(text, &names);
            for paragraph in text.split("\n\n") {
                run_all(paragraph, &names);
            }
            for _ in 0..200 {
                let a = rng.next() % (text.len() + 1);
                let len = rng.next() % 400;
                // Snap arbitrary byte offsets to char boundaries, as a caller slicing
                // sentences would.
                let start = phrases::floor_char_boundary(text, a);
                let end = phrases::floor_char_boundary(text, (start + len).min(text.len()));
                run_all(&text[start..end], &names);
            }
        }
    }

    #[test]
    fn no_panics_on_odd_inputs() {
        let names = CompactNames::new(["A", "", "  ", "Compact"]);
        for text in [
            "",
            " ",
            "\n\n\n",
            "a",
            "£",
            "’’’",
            "12",
            "12 ",
            "-12-",
            "31/",
            "31/12/",
            "the end of",
            "from 3 to",
            "between and",
            "999 weeks 0 days 0.5 years 99.99 months",
            "29 February 2027 to 1 March 2027; 29 February to 1 March",
            "31 December 9999 to 1 January 1900",
            "Compact Compact compact-proof compacts COMPACT",
            "may MAY May. May",
            "\u{0}\u{1}\u{feff}\u{200b}text\u{2028}more",
            "twenty-twenty weeks; sixty-one weeks; a a a weeks",
            "1/1/00 00.00.00 32.13.27",
        ] {
            run_all(text, &names);
        }
    }

    #[test]
    fn a_long_document_is_fast_enough() {
        // About 150 pages of prose: each extractor over every paragraph.
        let paragraph =
            "The Council will consult for at least 12 weeks, from 3 March to 14 April 2027, \
             where possible, and will give three months' notice in writing because of the \
             statutory deadline; an equality impact assessment covers age, disability and race \
             under the County Durham Compact. ";
        let names = CompactNames::new(["County Durham Compact"]);
        let started = std::time::Instant::now();
        for _ in 0..3000 {
            run_all(paragraph, &names);
        }
        let elapsed = started.elapsed();
        assert!(elapsed.as_secs() < 20, "3000 paragraphs took {elapsed:?}");
    }
}
