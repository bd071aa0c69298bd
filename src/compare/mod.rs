//! Comparing two versions of a compact or a draft, commitment by commitment.
//!
//! Word processors show which words changed; a council officer or a VCS reviewer needs to
//! know which **commitments** changed and how: "12 weeks" became "8 weeks", "will" became
//! "will seek to", "apart from in exceptional circumstances" was added, a clause was dropped.
//! [`compare`] answers that in four steps, one module each:
//!
//! 1. [`clauses`]: segment each [`Document`] into clauses (numbered clauses, list items,
//!    table rows, sentences of unnumbered prose), with heading paths and locations;
//! 2. [`align`]: pair old clauses with new ones, robust to renumbering, moved sections,
//!    splits and merges, without comparing everything with everything;
//! 3. [`classify`]: read each pair with the engine's extractors and explain every material
//!    difference in one line, with [`party`] saying who a clause binds;
//! 4. [`diff`]: the changed words, for highlighting.
//!
//! The result, a [`Comparison`], is presented by [`render`] (terminal, JSON, Markdown,
//! HTML), and [`redline`] turns it into tracked changes for the annotated-copy writer
//! ([`crate::annotate`]); nothing here prints or reads files. Inputs may be in different formats (an old PDF
//! against a new DOCX): differences of reading (line breaks, quotes, dashes, numbers glued
//! to words) are not changes.
//!
//! What a caller may rely on: every old clause and every new clause appears in exactly one
//! [`Change`]; changes come in the new version's reading order with removed clauses after
//! whatever preceded them; the same inputs always give the same output; nothing panics on
//! any input.

pub mod align;
pub mod classify;
pub mod clauses;
pub mod diff;
pub mod party;
pub mod redline;
pub mod render;
mod tokens;

pub use align::{align, Link, Match};
pub use clauses::{segment, Clause, ClauseKind, ClauseLocation};
pub use diff::{word_diff, Op, Segment};

use crate::document::Document;
use classify::{Effect, Reason};
use std::fmt;

/// What happened to a clause between the versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Class {
    /// The commitment asks less: a shorter minimum period, a hedge or get-out added.
    Weakened,
    /// The commitment asks more: a longer period, a hedge or get-out removed.
    Strengthened,
    /// The commitment covers more: an alternative or a protected characteristic added.
    Broadened,
    /// The commitment covers less: an alternative or a protected characteristic dropped.
    Narrowed,
    /// Only in the old version.
    Removed,
    /// Only in the new version.
    Added,
    /// Different words, same commitment (also: split, merged, or bound to another party).
    Reworded,
    /// Same words, another place or number.
    Moved,
    /// Same words, same place: listed only on request.
    Unchanged,
}

impl Class {
    /// Every class, in report order.
    pub const ALL: [Class; 9] = [
        Class::Weakened,
        Class::Strengthened,
        Class::Broadened,
        Class::Narrowed,
        Class::Removed,
        Class::Added,
        Class::Reworded,
        Class::Moved,
        Class::Unchanged,
    ];

    /// The name used in reports and the JSON contract.
    pub fn as_str(self) -> &'static str {
        match self {
            Class::Weakened => "weakened",
            Class::Strengthened => "strengthened",
            Class::Broadened => "broadened",
            Class::Narrowed => "narrowed",
            Class::Removed => "removed",
            Class::Added => "added",
            Class::Reworded => "reworded",
            Class::Moved => "moved",
            Class::Unchanged => "unchanged",
        }
    }

    /// True for the classes that change what is promised (and make `compare` exit 1):
    /// weakened, strengthened, broadened, narrowed, removed, added.
    pub fn is_material(self) -> bool {
        !matches!(self, Class::Reworded | Class::Moved | Class::Unchanged)
    }
}

impl fmt::Display for Class {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One change: the old clause(s), the new clause(s), what kind of change, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub class: Class,
    /// The old clauses: none when added, two or more when merged.
    pub old: Vec<Clause>,
    /// The new clauses: none when removed, two or more when split.
    pub new: Vec<Clause>,
    /// One line per reason, material ones first.
    pub reasons: Vec<String>,
    /// The word diff of the old and new text; empty when either side is missing or the words
    /// are the same.
    pub diff: Vec<Segment>,
}

impl Change {
    /// The old side's text (clauses joined by a space).
    pub fn old_text(&self) -> String {
        join_text(&self.old)
    }

    /// The new side's text (clauses joined by a space).
    pub fn new_text(&self) -> String {
        join_text(&self.new)
    }

    /// The old side's id ("2.4", "2.3 + 2.4" when merged); `None` when added.
    pub fn old_id(&self) -> Option<String> {
        join_ids(&self.old)
    }

    /// The new side's id ("4.4 + 4.5" when split); `None` when removed.
    pub fn new_id(&self) -> Option<String> {
        join_ids(&self.new)
    }
}

fn join_text(clauses: &[Clause]) -> String {
    clauses
        .iter()
        .map(|c| c.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

fn join_ids(clauses: &[Clause]) -> Option<String> {
    if clauses.is_empty() {
        return None;
    }
    Some(
        clauses
            .iter()
            .map(|c| c.id.as_str())
            .collect::<Vec<_>>()
            .join(" + "),
    )
}

/// The result of comparing two versions.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// Every change, unchanged clauses included, in the new version's reading order.
    pub changes: Vec<Change>,
    /// How many clauses each version was read as.
    pub old_clauses: usize,
    pub new_clauses: usize,
}

impl Comparison {
    /// How many changes of each class, every class listed (in [`Class::ALL`] order).
    pub fn summary(&self) -> Vec<(Class, usize)> {
        Class::ALL
            .iter()
            .map(|c| (*c, self.changes.iter().filter(|x| x.class == *c).count()))
            .collect()
    }

    /// True when any change is material ([`Class::is_material`]).
    pub fn has_material_changes(&self) -> bool {
        self.changes.iter().any(|c| c.class.is_material())
    }

    /// The changes a report lists: all of them with `all`, otherwise all but unchanged.
    pub fn listed(&self, all: bool) -> impl Iterator<Item = &Change> {
        self.changes
            .iter()
            .filter(move |c| all || c.class != Class::Unchanged)
    }
}

/// Compare two documents: segment, align, classify.
pub fn compare(old: &Document, new: &Document) -> Comparison {
    compare_clauses(segment(old), segment(new))
}

/// Compare two clause lists (already segmented): align and classify.
pub fn compare_clauses(old: Vec<Clause>, new: Vec<Clause>) -> Comparison {
    let links = align(&old, &new);
    let mut old_moved = vec![false; old.len()];
    let mut new_moved = vec![false; new.len()];
    for link in links.iter().filter(|l| l.out_of_order) {
        link.old.iter().for_each(|&i| old_moved[i] = true);
        link.new.iter().for_each(|&j| new_moved[j] = true);
    }
    let changes = links
        .iter()
        .map(|link| {
            let old_side: Vec<Clause> = link.old.iter().map(|&i| old[i].clone()).collect();
            let new_side: Vec<Clause> = link.new.iter().map(|&j| new[j].clone()).collect();
            // What each side comes after, to say where a moved clause went: the clause
            // before the run of moved clauses it belongs to.
            let after = (
                predecessor(link.old.first(), &old, &old_moved),
                predecessor(link.new.first(), &new, &new_moved),
            );
            change(link, old_side, new_side, after)
        })
        .collect();
    Comparison {
        changes,
        old_clauses: old.len(),
        new_clauses: new.len(),
    }
}

/// Classify one link. `after` holds the ids of the clauses the old and new sides follow.
fn change(
    link: &Link,
    old: Vec<Clause>,
    new: Vec<Clause>,
    after: (Option<String>, Option<String>),
) -> Change {
    if link.how == Match::Resegmented {
        let reason = if new.is_empty() {
            "no longer a clause of its own: its words are in the new version nearby, as headings or in other clauses"
        } else {
            "not a clause of its own in the old version: its words are there nearby, as headings or in other clauses"
        };
        return Change {
            class: Class::Reworded,
            old,
            new,
            reasons: vec![reason.to_string()],
            diff: Vec::new(),
        };
    }
    if new.is_empty() || old.is_empty() {
        let (class, side, verb) = if new.is_empty() {
            (Class::Removed, &old, "removed")
        } else {
            (Class::Added, &new, "added")
        };
        let reasons = side
            .first()
            .map(|c| vec![presence_reason(c, verb)])
            .unwrap_or_default();
        return Change {
            class,
            old,
            new,
            reasons,
            diff: Vec::new(),
        };
    }
    let old_text = join_text(&old);
    let new_text = join_text(&new);
    let same_words = link.how == Match::Identical || same_words(&old_text, &new_text);
    let mut reasons: Vec<Reason> = if same_words {
        Vec::new()
    } else {
        classify::reasons(&old_text, &new_text)
    };
    // Who is bound (the same words under the same headings bind the same party).
    let unchanged_context = same_words && old[0].heading_path == new[0].heading_path;
    let (old_party, new_party) = if unchanged_context {
        (None, None)
    } else {
        (
            party::bound_party(&old_text, &old[0].heading_path),
            party::bound_party(&new_text, &new[0].heading_path),
        )
    };
    let party_changed = matches!((old_party, new_party), (Some(a), Some(b)) if a != b);
    if let (true, Some(a), Some(b)) = (party_changed, old_party, new_party) {
        reasons.push(Reason {
            effect: Effect::Neutral,
            text: format!(
                "party bound changed from {} to {}",
                party::party_words(a),
                party::party_words(b)
            ),
        });
    }
    // Structure: splits, merges, numbers, order.
    let ids = |side: &[Clause]| {
        side.iter()
            .map(|c| c.id.as_str())
            .collect::<Vec<_>>()
            .join(" and ")
    };
    if old.len() == 1 && new.len() > 1 {
        reasons.push(neutral(format!("split into {}", ids(&new))));
    } else if old.len() > 1 && new.len() == 1 {
        reasons.push(neutral(format!("merged from {}", ids(&old))));
    }
    let renumbered = match (&old[0].number, &new[0].number) {
        (Some(a), Some(b)) if a != b && old.len() == 1 && new.len() == 1 => {
            reasons.push(neutral(format!("renumbered from {a} to {b}")));
            true
        }
        _ => false,
    };
    if link.out_of_order {
        let place = |id: Option<String>| match id {
            Some(id) => format!("after {id}"),
            None => "at the start".to_string(),
        };
        reasons.push(neutral(format!(
            "moved: was {}, now {}",
            place(after.0),
            place(after.1)
        )));
    }
    let class = match classify::material_class(&reasons) {
        Some(class) => class,
        None if party_changed || !same_words || old.len() != new.len() => Class::Reworded,
        None if renumbered || link.out_of_order => Class::Moved,
        None => Class::Unchanged,
    };
    if class == Class::Reworded
        && !same_words
        && reasons.iter().all(|r| r.effect == Effect::Neutral)
    {
        reasons.insert(
            0,
            neutral(
                "reworded; no change to periods, obligation strength, get-outs, scope or protected characteristics",
            ),
        );
    }
    // Material reasons first, in the order found.
    reasons.sort_by_key(|r| r.effect == Effect::Neutral);
    let diff = if same_words {
        Vec::new()
    } else {
        word_diff(&old_text, &new_text)
    };
    Change {
        class,
        old,
        new,
        reasons: reasons.into_iter().map(|r| r.text).collect(),
        diff,
    }
}

/// How to name the clause before the run of moved clauses that `first` is in: its number,
/// or its first words.
fn predecessor(first: Option<&usize>, clauses: &[Clause], moved: &[bool]) -> Option<String> {
    let mut k = *first?;
    while k > 0 && moved[k - 1] {
        k -= 1;
    }
    let c = &clauses[k.checked_sub(1)?];
    Some(match &c.number {
        Some(n) => n.clone(),
        None => format!("\"{}\"", crate::render::short_quote(&c.text, 40)),
    })
}

fn neutral(text: impl Into<String>) -> Reason {
    Reason {
        effect: Effect::Neutral,
        text: text.into(),
    }
}

/// The same words in the same order (case, quotes, dashes and spacing aside).
fn same_words(a: &str, b: &str) -> bool {
    tokens::words(a).eq(tokens::words(b))
}

/// "undertaking 2.8 of the VCS removed", "text removed".
fn presence_reason(clause: &Clause, verb: &str) -> String {
    let binds = party::bound_party(&clause.text, &clause.heading_path);
    let undertaking = clause.number.is_some()
        || tokens::words(&clause.text).any(|w| matches!(w.as_str(), "will" | "must" | "shall"));
    let what = match (&clause.number, undertaking) {
        (Some(n), _) => format!("undertaking {n}"),
        (None, true) => "undertaking".to_string(),
        (None, false) => "text".to_string(),
    };
    match binds.filter(|_| undertaking) {
        Some(p) => format!("{what} of {} {verb}", party::party_words(p)),
        None => format!("{what} {verb}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{BlockKind, DocumentBuilder, Format};

    fn doc(paragraphs: &[&str]) -> Document {
        let mut b = DocumentBuilder::new(Format::Text);
        for (i, p) in paragraphs.iter().enumerate() {
            b.push(BlockKind::Paragraph, p, None, Some(i as u32 * 2 + 1));
        }
        b.finish()
    }

    fn classes(c: &Comparison) -> Vec<(Option<String>, Class)> {
        c.listed(false)
            .map(|x| (x.new_id().or(x.old_id()), x.class))
            .collect()
    }

    #[test]
    fn a_document_compared_with_itself_has_no_changes() {
        let d = doc(&[
            "Undertakings for the Public sector:",
            "2.4 Conduct 12-week formal written consultations.",
            "2.5 Provide feedback.",
        ]);
        let c = compare(&d, &d);
        assert!(classes(&c).is_empty());
        assert_eq!(c.summary()[8], (Class::Unchanged, 2));
        assert!(!c.has_material_changes());
    }

    #[test]
    fn each_kind_of_change_is_classified() {
        let old = doc(&[
            "Undertakings for the Public sector:",
            "2.4 Conduct 12-week formal written consultations on new policies.",
            "2.5 Provide feedback to explain how respondents have influenced the policy.",
            "2.6 Assess the implications for the sector of new policies and legislation.",
            "4.4 Give three months' notice in writing when ending a funding relationship.",
            "Undertakings for the VCS:",
            "4.5 Plan for the end of funding to reduce any negative impact on beneficiaries.",
        ]);
        let new = doc(&[
            "Undertakings for the Public sector:",
            "2.4 Conduct 8-week formal written consultations on new policies.",
            "2.5 Provide feedback to explain how respondents have influenced the policy.",
            "4.4 Give three months' notice in writing when changing or ending a funding relationship.",
            "Undertakings for the VCS:",
            "4.5 Plan for the end of funding to reduce any negative impact on beneficiaries.",
            "4.6 Contribute positively to reviews of programmes and funding practice.",
        ]);
        let c = compare(&old, &new);
        assert_eq!(
            classes(&c),
            vec![
                (Some("2.4".into()), Class::Weakened),
                (Some("2.6".into()), Class::Removed),
                (Some("4.4".into()), Class::Broadened),
                (Some("4.6".into()), Class::Added),
            ]
        );
        assert!(c.has_material_changes());
        let removed = &c
            .changes
            .iter()
            .find(|x| x.class == Class::Removed)
            .unwrap();
        assert_eq!(
            removed.reasons,
            vec!["undertaking 2.6 of the public sector removed"]
        );
    }

    #[test]
    fn a_clause_moved_to_the_other_party_is_reworded_with_a_reason() {
        let old = doc(&[
            "Undertakings for the Public sector:",
            "1.1 Respect the independence of the sector.",
            "Undertakings for the VCS:",
            "1.2 Give robust evidence when campaigning.",
        ]);
        let new = doc(&[
            "Undertakings for the Public sector:",
            "1.1 Respect the independence of the sector.",
            "1.2 Give robust evidence when campaigning.",
        ]);
        let c = compare(&old, &new);
        let change = c.listed(false).next().unwrap();
        assert_eq!(change.class, Class::Reworded);
        assert_eq!(
            change.reasons,
            vec!["party bound changed from the VCS to the public sector"]
        );
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

    fn text_document(text: &str) -> Document {
        crate::ingest::read_bytes(text.as_bytes(), Some("txt"), &Default::default())
            .unwrap_or_else(|_| doc(&[]))
    }

    #[test]
    fn no_panics_on_slices_of_real_text_or_odd_inputs() {
        let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
        let mut texts: Vec<String> = std::fs::read_dir(&seeds)
            .map(|entries| {
                entries
                    .filter_map(|e| e.ok())
                    .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
                    .filter_map(|e| std::fs::read_to_string(e.path()).ok())
                    .collect()
            })
            .unwrap_or_default();
        assert!(
            !texts.is_empty(),
            "the seed texts in ../shared/seeds are missing"
        );
        texts.sort();
        let odd = [
            "1.",
            "2.7Work",
            "1.1 1.2 1.3",
            "£1.5 2.5 Years",
            "Outcome 1:",
            "•",
            "-\n-\n-",
            "12.2.4 A",
            "(a) b",
            "3.12 x 3.13 Y",
            "’’’",
            "\u{0}\u{feff}",
            "a\n\nb\n\nc",
        ];
        let mut rng = Lcg(0xC0FFEE);
        for text in &texts {
            for _ in 0..20 {
                let cut = |at: usize| {
                    let mut at = at.min(text.len());
                    while !text.is_char_boundary(at) {
                        at -= 1;
                    }
                    at
                };
                let a = cut(rng.next() % (text.len() + 1));
                let b = cut(a + rng.next() % 3000);
                let c = cut(rng.next() % (text.len() + 1));
                let d = cut(c + rng.next() % 3000);
                let old = text_document(&text[a..b]);
                let new = text_document(&text[c..d]);
                let comparison = compare(&old, &new);
                let listed: usize = comparison.changes.iter().map(|x| x.old.len()).sum();
                assert_eq!(listed, comparison.old_clauses, "every old clause once");
                let listed: usize = comparison.changes.iter().map(|x| x.new.len()).sum();
                assert_eq!(listed, comparison.new_clauses, "every new clause once");
                let report = render::CompareReport {
                    old: render::Version {
                        path: "a",
                        format: old.format,
                    },
                    new: render::Version {
                        path: "b",
                        format: new.format,
                    },
                    comparison: &comparison,
                };
                for format in render::CompareFormat::ALL {
                    let _ = render::render(format, &report, &Default::default());
                }
            }
        }
        for a in odd {
            for b in odd {
                let _ = compare(&text_document(a), &text_document(b));
            }
        }
    }
}
