//! Searching post text: every word of the query must occur in the post, ignoring case.

use crate::corpus::Corpus;
use crate::facets::PostRef;
use regex::{Regex, RegexBuilder};

/// A query split into words, each found ignoring case (Unicode case folding) by a compiled
/// literal search, so checking a post allocates nothing.
#[derive(Debug, Clone)]
pub struct Query {
    words: Vec<String>,
    finders: Vec<Regex>,
}

impl PartialEq for Query {
    fn eq(&self, other: &Query) -> bool {
        self.words == other.words
    }
}

impl Eq for Query {}

impl Query {
    pub fn new(text: &str) -> Query {
        let words: Vec<String> = text.split_whitespace().map(str::to_lowercase).collect();
        let finders = words
            .iter()
            .map(|w| {
                RegexBuilder::new(&regex::escape(w))
                    .case_insensitive(true)
                    .build()
                    .expect("an escaped literal is a valid pattern")
            })
            .collect();
        Query { words, finders }
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Whether every word occurs in `text`.
    pub fn matches(&self, text: &str) -> bool {
        !self.finders.is_empty() && self.finders.iter().all(|f| f.is_match(text))
    }

    /// Byte ranges in `text` where the query's words occur, for highlighting and snippets.
    pub fn ranges(&self, text: &str) -> Vec<std::ops::Range<usize>> {
        let mut ranges: Vec<std::ops::Range<usize>> = (self.finders.iter())
            .flat_map(|f| f.find_iter(text).map(|m| m.range()))
            .collect();
        ranges.sort_by_key(|r| r.start);
        ranges
    }
}

/// Every post of the corpus that matches, in corpus order.
pub fn search(corpus: &Corpus, query: &Query) -> Vec<PostRef> {
    let mut hits = Vec::new();
    for (d, doc) in corpus.documents.iter().enumerate() {
        for (t, thread) in doc.threads.iter().enumerate() {
            for (p, post) in thread.posts.iter().enumerate() {
                if query.matches(&post.text) {
                    hits.push(PostRef {
                        doc: d,
                        thread: t,
                        post: p,
                    });
                }
            }
        }
    }
    hits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_words_must_occur_ignoring_case() {
        let q = Query::new("care REVIEW");
        assert!(q.matches("England's #CareReview"));
        assert!(!q.matches("care only"));
    }

    #[test]
    fn empty_query_matches_nothing() {
        assert!(!Query::new("  ").matches("anything"));
    }

    #[test]
    fn ranges_are_byte_offsets_of_the_original() {
        let text = "Ünïcode café and CAFÉ";
        let ranges = Query::new("café").ranges(text);
        let found: Vec<&str> = ranges.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(found, ["café", "CAFÉ"]);
    }
}
