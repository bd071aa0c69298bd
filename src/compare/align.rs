//! Aligning the clauses of two versions: which old clause became which new one.
//!
//! Done in passes, each only over what earlier passes left unmatched:
//!
//! 1. **Identical words.** Clauses with the same word sequence are paired; when a text occurs
//!    more than once (boilerplate, a document that repeats itself), occurrences are paired in
//!    order, nearest first. Pairs that keep their order are the **anchors** the later passes
//!    measure position against.
//! 2. **Similar words.** Candidates come from an inverted index over each clause's rarest
//!    word shingles (single words and word pairs, rarest in the other document first), plus
//!    clauses with the same number; each is scored by the Dice coefficient of the two word
//!    sets, with a bonus for the same number and heading path and a penalty for distance from
//!    where the anchors say the clause should be. The best pairs are taken greedily. So a
//!    renumbered or moved clause still finds its partner, and nothing is compared with
//!    everything: each clause looks at a dozen candidates at most.
//! 3. **Splits and merges.** A clause still unmatched whose words are almost all inside one
//!    clause of the other version joins that clause's partner when together they match it
//!    better (old 4.4 ≈ new 4.4 + new 4.5, and the reverse).
//! 4. A clause still unmatched whose words are all (80 %) on the other side between the
//!    partners of its matched neighbours, in headings or in clauses that changed, was read
//!    differently, not removed or added: one version has an address or a list as separate
//!    heading-like lines, the other as one paragraph. It is **resegmented**.
//! 5. What is left was **removed** (old only) or **added** (new only).
//!
//! Finally each link is marked **out of order** when it is not on the longest run of links
//! that keep their relative order, which is how moved sections are told from the clauses
//! that merely slid down when something was inserted above them.
//!
//! Cost: building the indexes and every pass are linear in the number of clauses times a
//! small constant, so two 1,000-clause documents align in milliseconds
//! (`benches/compare.rs`, `docs/benchmarks.md`).

use super::clauses::Clause;
use super::tokens::{containment, dice, set_of, union, Interner};
use std::collections::HashMap;

/// How many of a clause's rarest shingles are looked up.
const LOOKUPS: usize = 12;
/// Shingles in more clauses than this are too common to find anything by.
const MAX_POSTINGS: usize = 64;
/// How many candidates per clause are scored.
const CANDIDATES: usize = 12;
/// Least Dice coefficient for two clauses to be one clause reworded.
const SIMILAR: f64 = 0.5;
/// Least Dice coefficient for two clauses with the same number, in the same place.
const SIMILAR_IN_PLACE: f64 = 0.3;
/// Least share of a clause's words inside another for it to be part of a split or merge.
const CONTAINED: f64 = 0.6;

/// How a link was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Match {
    /// Same words in the same order.
    Identical,
    /// Similar words.
    Similar,
    /// One clause on one side, two or more on the other.
    Grouped,
    /// On one side only, but its words are all on the other side nearby, as headings or in
    /// clauses that changed: read differently, not removed or added (one side is empty).
    Resegmented,
    /// Only in the old version.
    Removed,
    /// Only in the new version.
    Added,
}

/// Old clauses linked to new clauses. Indices are into the clause slices given to
/// [`align`], ascending. A removed clause has no new side, an added one no old side, a
/// split one old and several new, a merge the reverse.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub old: Vec<usize>,
    pub new: Vec<usize>,
    pub how: Match,
    /// Dice coefficient of the two sides' words (1 for identical, 0 for added or removed).
    pub similarity: f64,
    /// Not in the longest run of links that keep their order: moved.
    pub out_of_order: bool,
}

/// Align two versions' clauses. Links come in reading order of the new version, removed
/// clauses placed after whatever their old predecessor became.
pub fn align(old: &[Clause], new: &[Clause]) -> Vec<Link> {
    let mut interner = Interner::default();
    let old_p: Vec<Prepared> = old
        .iter()
        .map(|c| Prepared::new(c, &mut interner))
        .collect();
    let new_p: Vec<Prepared> = new
        .iter()
        .map(|c| Prepared::new(c, &mut interner))
        .collect();
    let mut state = State {
        old_link: vec![None; old.len()],
        new_link: vec![None; new.len()],
        links: Vec::new(),
    };
    identical(&old_p, &new_p, &mut state);
    let anchors = Anchors::new(&state);
    let old_index = Index::new(&old_p);
    let new_index = Index::new(&new_p);
    similar(&old_p, &new_p, &new_index, &anchors, &mut state);
    grouped(Side::Old, &old_p, &new_p, &new_index, &anchors, &mut state);
    grouped(Side::New, &new_p, &old_p, &old_index, &anchors, &mut state);
    resegmented(Side::Old, &old_p, &new_p, &mut state);
    resegmented(Side::New, &new_p, &old_p, &mut state);
    let mut links: Vec<Link> = state.links.into_iter().flatten().collect();
    for (i, linked) in state.old_link.iter().enumerate() {
        if linked.is_none() {
            links.push(Link {
                old: vec![i],
                new: vec![],
                how: Match::Removed,
                similarity: 0.0,
                out_of_order: false,
            });
        }
    }
    for (j, linked) in state.new_link.iter().enumerate() {
        if linked.is_none() {
            links.push(Link {
                old: vec![],
                new: vec![j],
                how: Match::Added,
                similarity: 0.0,
                out_of_order: false,
            });
        }
    }
    mark_out_of_order(&mut links);
    order(&mut links, old.len());
    links
}

/// A clause ready for comparison.
struct Prepared<'a> {
    /// The words of the clause's number and headings, sorted.
    context: Vec<u32>,
    tokens: Vec<u32>,
    set: Vec<u32>,
    /// Hashed single words and word pairs, de-duplicated.
    shingles: Vec<u64>,
    number: Option<&'a str>,
    heading: &'a [String],
}

impl<'a> Prepared<'a> {
    fn new(clause: &'a Clause, interner: &mut Interner) -> Self {
        let tokens = interner.tokens(&clause.text);
        let set = set_of(&tokens);
        let mut shingles: Vec<u64> = tokens.iter().map(|t| u64::from(*t)).collect();
        shingles.extend(
            tokens
                .windows(2)
                .map(|w| (1u64 << 63) | (u64::from(w[0]) << 32) | u64::from(w[1])),
        );
        shingles.sort_unstable();
        shingles.dedup();
        let mut context = interner.tokens(clause.number.as_deref().unwrap_or(""));
        for heading in clause.heading_path.iter().chain(&clause.headings_before) {
            context.extend(interner.tokens(heading));
        }
        Prepared {
            context: set_of(&context),
            tokens,
            set,
            shingles,
            number: clause.number.as_deref(),
            heading: &clause.heading_path,
        }
    }
}

/// Which version a pass treats as made of parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Old,
    New,
}

struct State {
    old_link: Vec<Option<usize>>,
    new_link: Vec<Option<usize>>,
    /// Links by id; `None` once merged into another.
    links: Vec<Option<Link>>,
}

impl State {
    fn link(&mut self, old: Vec<usize>, new: Vec<usize>, how: Match, similarity: f64) {
        let id = self.links.len();
        for &i in &old {
            self.old_link[i] = Some(id);
        }
        for &j in &new {
            self.new_link[j] = Some(id);
        }
        self.links.push(Some(Link {
            old,
            new,
            how,
            similarity,
            out_of_order: false,
        }));
    }
}

/// An inverted index from shingle to the clauses holding it.
struct Index {
    postings: HashMap<u64, Vec<u32>>,
    len: usize,
}

impl Index {
    fn new(clauses: &[Prepared]) -> Self {
        let mut postings: HashMap<u64, Vec<u32>> = HashMap::new();
        for (i, c) in clauses.iter().enumerate() {
            for s in &c.shingles {
                postings
                    .entry(*s)
                    .or_default()
                    .push(u32::try_from(i).unwrap_or(u32::MAX));
            }
        }
        Index {
            postings,
            len: clauses.len(),
        }
    }

    /// The clauses sharing the most of `query`'s rarest shingles, best first.
    fn candidates(&self, query: &Prepared) -> Vec<usize> {
        let mut found: Vec<&Vec<u32>> = query
            .shingles
            .iter()
            .filter_map(|s| self.postings.get(s))
            .collect();
        found.sort_by_key(|p| p.len());
        let usable = found.iter().take_while(|p| p.len() <= MAX_POSTINGS).count();
        // When every shingle is common, still look up the three rarest (capped).
        let take = if usable == 0 {
            found.len().min(3)
        } else {
            usable.min(LOOKUPS)
        };
        let mut hits: HashMap<u32, u32> = HashMap::new();
        for postings in found.iter().take(take) {
            for &c in postings.iter().take(MAX_POSTINGS * 4) {
                *hits.entry(c).or_default() += 1;
            }
        }
        let mut ranked: Vec<(u32, u32)> = hits.into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked
            .into_iter()
            .take(CANDIDATES)
            .map(|(c, _)| c as usize)
            .filter(|c| *c < self.len)
            .collect()
    }
}

/// Pass 1: identical word sequences.
fn identical(old: &[Prepared], new: &[Prepared], state: &mut State) {
    let mut by_text: HashMap<&[u32], (Vec<usize>, Vec<usize>)> = HashMap::new();
    for (i, c) in old.iter().enumerate() {
        by_text.entry(&c.tokens).or_default().0.push(i);
    }
    for (j, c) in new.iter().enumerate() {
        if let Some(entry) = by_text.get_mut(c.tokens.as_slice()) {
            entry.1.push(j);
        }
    }
    let mut groups: Vec<(Vec<usize>, Vec<usize>)> = by_text
        .into_values()
        .filter(|(o, n)| !o.is_empty() && !n.is_empty())
        .collect();
    groups.sort_by_key(|(o, _)| o[0]);
    let (n_old, n_new) = (old.len().max(1) as f64, new.len().max(1) as f64);
    for (olds, news) in groups {
        let cost = |i: usize, j: usize| {
            let heading = if old[i].heading == new[j].heading {
                0.0
            } else {
                0.25
            };
            (i as f64 / n_old - j as f64 / n_new).abs() + heading
        };
        for (i, j) in pair_in_order(&olds, &news, cost) {
            state.link(vec![i], vec![j], Match::Identical, 1.0);
        }
    }
}

/// Pair the members of two sorted lists in order, as many as the shorter list has, at the
/// least total cost. Long lists are paired first to first.
fn pair_in_order(
    a: &[usize],
    b: &[usize],
    cost: impl Fn(usize, usize) -> f64,
) -> Vec<(usize, usize)> {
    if a.len() == b.len() || a.len() * b.len() > 4096 {
        return a.iter().copied().zip(b.iter().copied()).collect();
    }
    // Choose, for each member of the shorter list, a distinct member of the longer list in
    // increasing order: dp[x][y] = least cost pairing the first x short with the first y long.
    let swapped = a.len() > b.len();
    let (short, long) = if swapped { (b, a) } else { (a, b) };
    let c = |x: usize, y: usize| {
        if swapped {
            cost(long[y], short[x])
        } else {
            cost(short[x], long[y])
        }
    };
    let (m, n) = (short.len(), long.len());
    let mut dp = vec![vec![f64::INFINITY; n + 1]; m + 1];
    for cell in dp[0].iter_mut() {
        *cell = 0.0;
    }
    for x in 1..=m {
        for y in x..=n {
            let skip = dp[x][y - 1];
            let take = dp[x - 1][y - 1] + c(x - 1, y - 1);
            dp[x][y] = skip.min(take);
        }
    }
    let mut pairs = Vec::with_capacity(m);
    let (mut x, mut y) = (m, n);
    while x > 0 && y > 0 {
        if y > x && dp[x][y] == dp[x][y - 1] {
            y -= 1;
        } else {
            pairs.push((short[x - 1], long[y - 1]));
            x -= 1;
            y -= 1;
        }
    }
    pairs.reverse();
    if swapped {
        pairs.into_iter().map(|(s, l)| (l, s)).collect()
    } else {
        pairs
    }
}

/// Identical pairs that keep their order: where each version's clauses "should" be.
struct Anchors {
    /// (old, new), increasing in both.
    pairs: Vec<(usize, usize)>,
    n_old: usize,
    n_new: usize,
}

impl Anchors {
    fn new(state: &State) -> Self {
        let mut pairs: Vec<(usize, usize)> = state
            .links
            .iter()
            .flatten()
            .map(|l| (l.old[0], l.new[0]))
            .collect();
        pairs.sort_unstable();
        let keep = longest_increasing(&pairs.iter().map(|p| p.1).collect::<Vec<_>>());
        let pairs = keep.into_iter().map(|k| pairs[k]).collect();
        Anchors {
            pairs,
            n_old: state.old_link.len(),
            n_new: state.new_link.len(),
        }
    }

    /// Where old clause `i` would sit in the new version, by the anchors around it.
    fn expected_new(&self, i: usize) -> f64 {
        interpolate(&self.pairs, i, |p| p.0, |p| p.1, self.n_old, self.n_new)
    }

    /// Distance of old `i` and new `j` from where the anchors put them, as a share of the
    /// new document (0 = exactly in place).
    fn distance(&self, i: usize, j: usize) -> f64 {
        (self.expected_new(i) - j as f64).abs() / self.n_new.max(1) as f64
    }
}

fn interpolate(
    pairs: &[(usize, usize)],
    at: usize,
    from: impl Fn(&(usize, usize)) -> usize,
    to: impl Fn(&(usize, usize)) -> usize,
    n_from: usize,
    n_to: usize,
) -> f64 {
    let k = pairs.partition_point(|p| from(p) <= at);
    let (lo_f, lo_t) = match k.checked_sub(1).map(|k| &pairs[k]) {
        Some(p) => (from(p) as f64, to(p) as f64),
        None => (-1.0, -1.0),
    };
    let (hi_f, hi_t) = match pairs.get(k) {
        Some(p) => (from(p) as f64, to(p) as f64),
        None => (n_from as f64, n_to as f64),
    };
    let at = at as f64;
    if hi_f <= lo_f {
        return lo_t;
    }
    lo_t + (at - lo_f) * (hi_t - lo_t) / (hi_f - lo_f)
}

/// Pass 2: similar words, best pairs first.
fn similar(
    old: &[Prepared],
    new: &[Prepared],
    new_index: &Index,
    anchors: &Anchors,
    state: &mut State,
) {
    let mut by_number: HashMap<&str, Vec<usize>> = HashMap::new();
    for (j, c) in new.iter().enumerate() {
        if let (Some(n), None) = (c.number, state.new_link[j]) {
            by_number.entry(n).or_default().push(j);
        }
    }
    let mut scored: Vec<(f64, f64, usize, usize)> = Vec::new();
    for (i, o) in old.iter().enumerate() {
        if state.old_link[i].is_some() {
            continue;
        }
        let mut candidates = new_index.candidates(o);
        if let Some(same) = o.number.and_then(|n| by_number.get(n)) {
            // The nearest few with the same number.
            let expected = anchors.expected_new(i);
            let mut same = same.clone();
            let distance = |j: &usize| (*j as f64 - expected).abs();
            if same.len() > 4 {
                same.select_nth_unstable_by(3, |a, b| distance(a).total_cmp(&distance(b)));
                same.truncate(4);
            }
            candidates.extend(same);
        }
        candidates.sort_unstable();
        candidates.dedup();
        for j in candidates {
            if state.new_link[j].is_some() {
                continue;
            }
            let n = &new[j];
            let similarity = dice(&o.set, &n.set);
            let same_number = o.number.is_some() && o.number == n.number;
            let same_heading = o.heading == n.heading;
            let distance = anchors.distance(i, j);
            let accept = similarity >= SIMILAR
                || (same_number && distance < 0.05 && similarity >= SIMILAR_IN_PLACE);
            if !accept {
                continue;
            }
            let score = similarity
                + if same_number { 0.1 } else { 0.0 }
                + if same_heading { 0.05 } else { 0.0 }
                - (0.5 * distance).min(0.25);
            scored.push((score, similarity, i, j));
        }
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.2.cmp(&b.2)).then(a.3.cmp(&b.3)));
    for (_, similarity, i, j) in scored {
        if state.old_link[i].is_none() && state.new_link[j].is_none() {
            state.link(vec![i], vec![j], Match::Similar, similarity);
        }
    }
}

/// Pass 3: clauses on the `parts` side that are (mostly) inside one clause of the other
/// side join that clause's partners when together they match it better.
fn grouped(
    side: Side,
    parts: &[Prepared],
    wholes: &[Prepared],
    wholes_index: &Index,
    anchors: &Anchors,
    state: &mut State,
) {
    let part_link = |s: &State, p: usize| match side {
        Side::Old => s.old_link[p],
        Side::New => s.new_link[p],
    };
    let whole_link = |s: &State, w: usize| match side {
        Side::Old => s.new_link[w],
        Side::New => s.old_link[w],
    };
    let distance = |p: usize, w: usize| match side {
        Side::Old => anchors.distance(p, w),
        Side::New => anchors.distance(w, p),
    };
    // Proposals: whole -> parts that sit inside it.
    let mut proposals: HashMap<usize, Vec<usize>> = HashMap::new();
    for (p, part) in parts.iter().enumerate() {
        if part_link(state, p).is_some() || part.set.is_empty() {
            continue;
        }
        let best = wholes_index
            .candidates(part)
            .into_iter()
            .map(|w| {
                let c = containment(&part.set, &wholes[w].set);
                (c - (0.5 * distance(p, w)).min(0.25), c, w)
            })
            .filter(|(_, c, w)| {
                *c >= CONTAINED
                    && wholes[*w].set.len() > part.set.len()
                    // One or two words inside a clause prove little unless it is in place.
                    && (part.set.len() > 2 || (*c >= 1.0 && distance(p, *w) < 0.02))
            })
            .max_by(|a, b| a.0.total_cmp(&b.0).then(b.2.cmp(&a.2)));
        if let Some((_, _, w)) = best {
            proposals.entry(w).or_default().push(p);
        }
    }
    let mut wholes_proposed: Vec<usize> = proposals.keys().copied().collect();
    wholes_proposed.sort_unstable();
    for w in wholes_proposed {
        let Some(mut new_parts) = proposals.remove(&w) else {
            continue;
        };
        new_parts.retain(|p| part_link(state, *p).is_none());
        if new_parts.is_empty() {
            continue;
        }
        // The whole's current partners, if it stands alone on its side of its link.
        let (existing, link_id) = match whole_link(state, w) {
            Some(id) => {
                let Some(link) = state.links[id].as_ref() else {
                    continue;
                };
                let (mine, theirs) = match side {
                    Side::Old => (&link.new, &link.old),
                    Side::New => (&link.old, &link.new),
                };
                if mine.as_slice() != [w] {
                    continue;
                }
                (theirs.clone(), Some(id))
            }
            None => (Vec::new(), None),
        };
        let mut group: Vec<usize> = existing.iter().chain(new_parts.iter()).copied().collect();
        group.sort_unstable();
        group.dedup();
        let group = contiguous_run(&group, &existing);
        let before = if existing.is_empty() {
            0.0
        } else {
            dice(
                &union(existing.iter().map(|p| parts[*p].set.as_slice())),
                &wholes[w].set,
            )
        };
        let together = union(group.iter().map(|p| parts[*p].set.as_slice()));
        let after = dice(&together, &wholes[w].set);
        if after < SIMILAR || after < before + 0.02 {
            continue;
        }
        if let Some(id) = link_id {
            state.links[id] = None;
        }
        let (old, new) = match side {
            Side::Old => (group, vec![w]),
            Side::New => (vec![w], group),
        };
        let how = if old.len() > 1 || new.len() > 1 {
            Match::Grouped
        } else {
            Match::Similar
        };
        state.link(old, new, how, after);
    }
}

/// Pass 4: unmatched clauses on `side` whose words are on the other side between where
/// their matched neighbours went, in headings, numbers or clauses that are not identical.
fn resegmented(side: Side, this: &[Prepared], other: &[Prepared], state: &mut State) {
    const COVERED: f64 = 0.8;
    const MAX_REGION: usize = 24;
    let (mine, theirs): (&Vec<Option<usize>>, &Vec<Option<usize>>) = match side {
        Side::Old => (&state.old_link, &state.new_link),
        Side::New => (&state.new_link, &state.old_link),
    };
    // For each clause on this side, the other side's clauses its link holds.
    let partners = |s: &State, id: usize| -> Vec<usize> {
        s.links[id].as_ref().map_or_else(Vec::new, |l| match side {
            Side::Old => l.new.clone(),
            Side::New => l.old.clone(),
        })
    };
    // The nearest linked clause before and after each position, in one pass each way.
    let mut previous_link: Vec<Option<usize>> = Vec::with_capacity(this.len());
    let mut last = None;
    for linked in mine.iter() {
        previous_link.push(last);
        last = linked.or(last);
    }
    let mut next_link: Vec<Option<usize>> = vec![None; this.len()];
    let mut last = None;
    for (k, linked) in mine.iter().enumerate().rev() {
        next_link[k] = last;
        last = linked.or(last);
    }
    let mut covered: Vec<usize> = Vec::new();
    for (u, clause) in this.iter().enumerate() {
        if mine[u].is_some() || clause.set.is_empty() {
            continue;
        }
        let before = previous_link[u].map(|id| partners(state, id));
        let after = next_link[u].map(|id| partners(state, id));
        let lo = before.and_then(|p| p.into_iter().max()).unwrap_or(0);
        let hi = after
            .and_then(|p| p.into_iter().min())
            .unwrap_or(other.len().saturating_sub(1));
        let (lo, hi) = (lo.min(hi), lo.max(hi));
        if other.is_empty() || hi - lo > MAX_REGION {
            continue;
        }
        let mut region: Vec<&[u32]> = Vec::new();
        for (k, c) in other.iter().enumerate().take(hi + 1).skip(lo) {
            region.push(&c.context);
            let identical = theirs[k]
                .and_then(|id| state.links[id].as_ref())
                .is_some_and(|l| l.how == Match::Identical);
            if !identical {
                region.push(&c.set);
            }
        }
        if containment(&clause.set, &union(region)) >= COVERED {
            covered.push(u);
        }
    }
    for u in covered {
        match side {
            Side::Old => state.link(vec![u], vec![], Match::Resegmented, 0.0),
            Side::New => state.link(vec![], vec![u], Match::Resegmented, 0.0),
        }
    }
}

/// The longest run of `group` (sorted) with gaps of at most two clauses, that contains all
/// of `keep` (or, with nothing to keep, the longest run).
fn contiguous_run(group: &[usize], keep: &[usize]) -> Vec<usize> {
    let mut runs: Vec<Vec<usize>> = Vec::new();
    for &g in group {
        match runs.last_mut() {
            Some(run) if run.last().is_some_and(|l| g - l <= 3) => run.push(g),
            _ => runs.push(vec![g]),
        }
    }
    if !keep.is_empty() {
        if let Some(run) = runs.iter().find(|r| keep.iter().all(|k| r.contains(k))) {
            return run.clone();
        }
        return keep.to_vec();
    }
    runs.into_iter()
        .max_by_key(|r| (r.len(), std::cmp::Reverse(r[0])))
        .unwrap_or_default()
}

/// Indices of a longest strictly increasing subsequence of `values`.
fn longest_increasing(values: &[usize]) -> Vec<usize> {
    // tails[k] = index of the smallest tail of an increasing run of length k + 1.
    let mut tails: Vec<usize> = Vec::new();
    let mut previous: Vec<Option<usize>> = vec![None; values.len()];
    for (i, &v) in values.iter().enumerate() {
        let k = tails.partition_point(|&t| values[t] < v);
        previous[i] = k.checked_sub(1).map(|k| tails[k]);
        if k == tails.len() {
            tails.push(i);
        } else {
            tails[k] = i;
        }
    }
    let mut out = Vec::with_capacity(tails.len());
    let mut at = tails.last().copied();
    while let Some(i) = at {
        out.push(i);
        at = previous[i];
    }
    out.reverse();
    out
}

/// Mark the links with both sides that are not on the longest run keeping order.
fn mark_out_of_order(links: &mut [Link]) {
    let mut paired: Vec<usize> = (0..links.len())
        .filter(|&k| !links[k].old.is_empty() && !links[k].new.is_empty())
        .collect();
    paired.sort_by_key(|&k| links[k].old[0]);
    let values: Vec<usize> = paired.iter().map(|&k| links[k].new[0]).collect();
    let keep = longest_increasing(&values);
    let mut in_order = vec![false; paired.len()];
    for k in keep {
        in_order[k] = true;
    }
    for (pos, &k) in paired.iter().enumerate() {
        links[k].out_of_order = !in_order[pos];
    }
}

/// Put links in the new version's reading order, each removed clause after whatever its
/// nearest old predecessor became.
fn order(links: &mut [Link], n_old: usize) {
    // Where each old clause went (the first new clause of its link).
    let mut went: Vec<Option<usize>> = vec![None; n_old];
    for link in links.iter() {
        if let Some(&j) = link.new.first() {
            for &i in &link.old {
                went[i] = Some(j);
            }
        }
    }
    let key = |link: &Link| -> (usize, usize) {
        match (link.old.first(), link.new.first()) {
            (_, Some(&j)) => (2 * j + 1, link.old.first().copied().unwrap_or(0)),
            (Some(&i), None) => {
                let before = went[..i].iter().rev().flatten().next();
                (before.map_or(0, |j| 2 * j + 2), i)
            }
            (None, None) => (usize::MAX, 0),
        }
    };
    links.sort_by_key(|l| key(l));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::clauses::{ClauseKind, ClauseLocation};
    use crate::document::ByteSpan;

    fn clause(id: &str, text: &str) -> Clause {
        Clause {
            id: id.to_string(),
            number: id
                .chars()
                .next()
                .filter(char::is_ascii_digit)
                .map(|_| id.to_string()),
            kind: ClauseKind::Numbered,
            heading_path: vec![],
            headings_before: vec![],
            text: text.to_string(),
            location: ClauseLocation::default(),
            span: ByteSpan::new(0, 0),
        }
    }

    fn pairs(links: &[Link]) -> Vec<(Vec<usize>, Vec<usize>)> {
        links
            .iter()
            .map(|l| (l.old.clone(), l.new.clone()))
            .collect()
    }

    #[test]
    fn renumbered_and_reworded_clauses_find_their_partners() {
        let old = [
            clause("1.1", "Respect the independence of the voluntary sector."),
            clause(
                "1.2",
                "Give twelve weeks for written consultations on policy.",
            ),
            clause("1.3", "Publish the responses and explain decisions."),
        ];
        let new = [
            clause("1.1", "Respect the independence of the voluntary sector."),
            clause(
                "1.2",
                "Pay grants in advance where it gives value for money.",
            ),
            clause(
                "1.3",
                "Give eight weeks for written consultations on policy.",
            ),
            clause("1.4", "Publish the responses and explain decisions."),
        ];
        let links = align(&old, &new);
        assert_eq!(
            pairs(&links),
            vec![
                (vec![0], vec![0]),
                (vec![], vec![1]),
                (vec![1], vec![2]),
                (vec![2], vec![3]),
            ]
        );
        assert!(links.iter().all(|l| !l.out_of_order));
    }

    #[test]
    fn splits_and_merges_are_grouped() {
        let old = [
            clause("4.3", "Discuss changes to resources with the sector early."),
            clause(
                "4.4",
                "Give three months notice in writing when ending funding. Provide a clear \
                 rationale for the decision that has been taken.",
            ),
        ];
        let new = [
            clause("4.3", "Discuss changes to resources with the sector early."),
            clause(
                "4.4",
                "Give three months notice in writing when ending funding.",
            ),
            clause(
                "4.5",
                "Provide a clear rationale for the decision that has been taken.",
            ),
        ];
        let links = align(&old, &new);
        assert_eq!(
            pairs(&links),
            vec![(vec![0], vec![0]), (vec![1], vec![1, 2])]
        );
        assert_eq!(links[1].how, Match::Grouped);
        // And the reverse.
        let links = align(&new, &old);
        assert_eq!(
            pairs(&links),
            vec![(vec![0], vec![0]), (vec![1, 2], vec![1])]
        );
    }

    #[test]
    fn moved_sections_are_out_of_order() {
        let texts = [
            "Alpha commitments about funding and grants.",
            "Beta commitments about consultation periods.",
            "Gamma commitments about equality and fairness.",
            "Delta commitments about volunteering and support.",
        ];
        let old: Vec<Clause> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| clause(&format!("{}", i + 1), t))
            .collect();
        let new = vec![
            old[1].clone(),
            old[2].clone(),
            old[3].clone(),
            old[0].clone(),
        ];
        let links = align(&old, &new);
        let moved: Vec<usize> = links
            .iter()
            .filter(|l| l.out_of_order)
            .map(|l| l.old[0])
            .collect();
        assert_eq!(moved, vec![0]);
    }

    #[test]
    fn repeated_text_pairs_in_order() {
        let old = [
            clause("a", "London"),
            clause("b", "Text one here"),
            clause("c", "London"),
        ];
        let new = [clause("a", "London"), clause("c", "London")];
        let links = align(&old, &new);
        assert_eq!(
            pairs(&links),
            vec![(vec![0], vec![0]), (vec![1], vec![]), (vec![2], vec![1])]
        );
    }

    #[test]
    fn longest_increasing_subsequence() {
        let run = longest_increasing(&[3, 1, 2, 5, 4, 6]);
        assert_eq!(run.len(), 4);
        assert!(run.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(longest_increasing(&[]), Vec::<usize>::new());
    }

    #[test]
    fn empty_inputs() {
        assert!(align(&[], &[]).is_empty());
        let one = [clause("1", "Text")];
        assert_eq!(align(&one, &[])[0].how, Match::Removed);
        assert_eq!(align(&[], &one)[0].how, Match::Added);
    }
}
