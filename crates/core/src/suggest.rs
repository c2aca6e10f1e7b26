//! "Did you mean …?": the closest candidate by edit distance.

/// Optimal-string-alignment distance (Levenshtein plus adjacent transpositions), in chars.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    osa_distance(&a, &b)
}

/// Optimal-string-alignment (restricted Damerau-Levenshtein) distance.
pub fn osa_distance(a: &[char], b: &[char]) -> usize {
    let width = b.len() + 1;
    // Three rows: i-2, i-1, i.
    let mut rows = vec![0usize; 3 * width];
    for (j, cell) in rows[2 * width..].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        rows.rotate_left(width);
        let (older, rest) = rows.split_at_mut(width);
        let (prev, cur) = rest.split_at_mut(width);
        cur[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(older[j - 2] + 1);
            }
            cur[j] = best;
        }
    }
    rows[2 * width + b.len()]
}

/// The candidate closest to `word`, if it is close enough to be a plausible typo
/// (distance at most a third of the word's length, and at least 1 allowed).
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(1);
    let mut best: Option<(usize, &'a str)> = None;
    for c in candidates {
        // Cheap length filter first: the distance is at least the length difference.
        if c.len().abs_diff(word.len()) > limit * 4 {
            continue;
        }
        let d = edit_distance(word, c);
        if d <= limit && best.is_none_or(|(bd, bc)| d < bd || (d == bd && c < bc)) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(edit_distance("memroy", "memory"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(closest("memroy", ["memory", "cpu", "heap"]), Some("memory"));
        assert_eq!(closest("zzz", ["memory", "cpu"]), None);
    }
}
