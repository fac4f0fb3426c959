//! Fuzzy matching, behind one small interface (the only file that names fuzzy-matcher).

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

/// A fuzzy matcher: skim's algorithm, case-insensitive unless the query has capitals.
pub struct Matcher {
    inner: SkimMatcherV2,
}

impl Default for Matcher {
    fn default() -> Self {
        Matcher {
            inner: SkimMatcherV2::default().smart_case(),
        }
    }
}

impl Matcher {
    /// The score of `candidate` for `query`, or `None` when it does not match.
    pub fn score(&self, candidate: &str, query: &str) -> Option<i64> {
        self.inner.fuzzy_match(candidate, query)
    }

    /// The score of `candidate` and the indices of its matched characters (for highlighting).
    pub fn indices(&self, candidate: &str, query: &str) -> Option<(i64, Vec<usize>)> {
        self.inner.fuzzy_indices(candidate, query)
    }

    /// The indices of `candidates` that match `query`, best score first (ties keep order).
    pub fn rank<'a>(
        &self,
        candidates: impl IntoIterator<Item = &'a str>,
        query: &str,
    ) -> Vec<(usize, i64)> {
        best_first(candidates.into_iter().map(|c| self.score(c, query)))
    }
}

/// The indices of the candidates whose `scores` are some, with them, best score first
/// (ties keep order): [`Matcher::rank`] of scores worked out elsewhere.
pub fn best_first(scores: impl IntoIterator<Item = Option<i64>>) -> Vec<(usize, i64)> {
    let scored = scores.into_iter().enumerate();
    let mut ranked: Vec<(usize, i64)> = scored.filter_map(|(i, s)| Some((i, s?))).collect();
    ranked.sort_by_key(|&(i, s)| (std::cmp::Reverse(s), i));
    ranked
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_best_first_and_drops_non_matches() {
        let m = Matcher::default();
        let ranked = m.rank(
            ["Department for Education", "Care Review", "CareTech"],
            "care",
        );
        let order: Vec<usize> = ranked.iter().map(|r| r.0).collect();
        assert_eq!(order.len(), 2);
        assert!(!order.contains(&0));
    }
}
