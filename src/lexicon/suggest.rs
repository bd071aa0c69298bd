//! "Did you mean ...?": the closest known names to a mistyped one.
//!
//! Used for unknown undertaking ids on the command line and for unknown trigger and
//! vocabulary ids in lexicon files. Edit distance is computed on characters, ignoring case.

/// Up to `max` of `known`, closest first, that are plausibly what `wanted` meant: within an
/// edit distance of about a third of its length, or containing it (or contained in it) when
/// it is at least three characters long.
pub fn closest<'a>(
    wanted: &str,
    known: impl IntoIterator<Item = &'a str>,
    max: usize,
) -> Vec<&'a str> {
    let wanted_lower = wanted.to_lowercase();
    let limit = (wanted.chars().count() / 3).max(2);
    let mut scored: Vec<(usize, &'a str)> = known
        .into_iter()
        .filter_map(|k| {
            let lower = k.to_lowercase();
            let distance = edit_distance(&wanted_lower, &lower);
            if distance <= limit {
                Some((distance, k))
            } else if wanted_lower.chars().count() >= 3
                && (lower.contains(&wanted_lower) || wanted_lower.contains(&lower))
            {
                Some((limit + 1 + distance, k))
            } else {
                None
            }
        })
        .collect();
    scored.sort();
    scored.dedup_by(|a, b| a.1 == b.1);
    scored.into_iter().take(max).map(|(_, k)| k).collect()
}

/// A hint for an unknown name: "did you mean `x`? known WHAT: a, b, c", or just the list
/// when nothing is close.
pub(crate) fn hint_for_unknown(name: &str, known: &[String], what: &str) -> String {
    let close = closest(name, known.iter().map(String::as_str), 2);
    if close.is_empty() {
        return format!("known {what}: {}", known.join(", "));
    }
    let close: Vec<String> = close.iter().map(|c| format!("`{c}`")).collect();
    format!(
        "did you mean {}? known {what}: {}",
        close.join(" or "),
        known.join(", ")
    )
}

/// Levenshtein distance on characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        current[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("durham/4.4", "durham/4.4"), 0);
    }

    #[test]
    fn suggests_near_ids_first() {
        let ids = [
            "durham/4.4",
            "durham/4.1",
            "durham/1.4",
            "stockton/funding/11",
        ];
        assert_eq!(closest("durham/44", ids, 3)[0], "durham/4.4");
        assert_eq!(closest("stockton/funding", ids, 3), ["stockton/funding/11"]);
        assert!(closest("zzzz", ids, 3).is_empty());
    }
}
