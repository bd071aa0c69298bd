//! Words as the comparison sees them, and the small set arithmetic alignment runs on.
//!
//! Two readings of one document differ in ways no reader cares about: curly or straight
//! quotes, a hyphen or a dash, a line break where the other has a space, "12-week" or "12
//! week". So a clause's words are its lower-cased runs of letters and digits, interned to
//! integers so that comparing and hashing them is cheap. Two clauses with the same word
//! sequence say the same thing; clauses are similar in proportion to the words they share
//! (Dice coefficient over word sets).

use std::collections::HashMap;

/// Lower-cased runs of letters and digits, in order.
pub(crate) fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// Words to integers, shared by both documents so equal words get equal ids.
#[derive(Debug, Default)]
pub(crate) struct Interner {
    ids: HashMap<String, u32>,
}

impl Interner {
    /// The word ids of `text`, in order.
    pub(crate) fn tokens(&mut self, text: &str) -> Vec<u32> {
        words(text)
            .map(|w| {
                let next = u32::try_from(self.ids.len()).unwrap_or(u32::MAX);
                *self.ids.entry(w).or_insert(next)
            })
            .collect()
    }
}

/// Sorted, de-duplicated ids.
pub(crate) fn set_of(tokens: &[u32]) -> Vec<u32> {
    let mut set = tokens.to_vec();
    set.sort_unstable();
    set.dedup();
    set
}

/// Size of the intersection of two sorted sets.
pub(crate) fn intersection(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Dice coefficient of two sorted sets: 1 for equal sets, 0 for disjoint ones; two empty
/// sets are equal.
pub(crate) fn dice(a: &[u32], b: &[u32]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    2.0 * intersection(a, b) as f64 / (a.len() + b.len()) as f64
}

/// The share of `part`'s words that are in `whole`: 1 when every word is.
pub(crate) fn containment(part: &[u32], whole: &[u32]) -> f64 {
    if part.is_empty() {
        return 0.0;
    }
    intersection(part, whole) as f64 / part.len() as f64
}

/// The union of sorted sets.
pub(crate) fn union<'a>(sets: impl IntoIterator<Item = &'a [u32]>) -> Vec<u32> {
    let mut all: Vec<u32> = sets.into_iter().flatten().copied().collect();
    all.sort_unstable();
    all.dedup();
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typography_and_case_do_not_change_words() {
        let mut interner = Interner::default();
        let a = interner.tokens("Give three months’ notice — in writing.");
        let b = interner.tokens("give three months' notice - in\nwriting");
        assert_eq!(a, b);
    }

    #[test]
    fn set_measures() {
        let a = [1, 2, 3, 4];
        let b = [3, 4, 5, 6];
        assert_eq!(intersection(&a, &b), 2);
        assert!((dice(&a, &b) - 0.5).abs() < 1e-9);
        assert!((containment(&[3, 4], &a) - 1.0).abs() < 1e-9);
        assert_eq!(union([&a[..], &b[..]]), vec![1, 2, 3, 4, 5, 6]);
        assert_eq!(dice(&[], &[]), 1.0);
        assert_eq!(containment(&[], &a), 0.0);
    }
}
