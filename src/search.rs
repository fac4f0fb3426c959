//! Searching post text: every word of the query must occur in the post, ignoring case.

use crate::corpus::Corpus;
use crate::facets::PostRef;

/// A query split into lower-case words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    words: Vec<String>,
}

impl Query {
    pub fn new(text: &str) -> Query {
        Query {
            words: text.split_whitespace().map(str::to_lowercase).collect(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Whether every word occurs in `text`.
    pub fn matches(&self, text: &str) -> bool {
        let text = text.to_lowercase();
        !self.words.is_empty() && self.words.iter().all(|w| text.contains(w.as_str()))
    }

    /// Byte ranges in `text` where the query's words occur, for highlighting and snippets.
    pub fn ranges(&self, text: &str) -> Vec<std::ops::Range<usize>> {
        let mut ranges = Vec::new();
        for word in &self.words {
            let mut from = 0;
            while let Some(found) = find_ignoring_case(&text[from..], word) {
                let start = from + found.start;
                ranges.push(start..from + found.end);
                from += found.end.max(found.start + 1);
                while !text.is_char_boundary(from) {
                    from += 1;
                }
            }
        }
        ranges.sort_by_key(|r| r.start);
        ranges
    }
}

/// The byte range of the first case-insensitive occurrence of `word` (lower case) in `text`,
/// compared character by character so offsets stay those of `text`.
fn find_ignoring_case(text: &str, word: &str) -> Option<std::ops::Range<usize>> {
    let first = word.chars().next()?;
    for (start, c) in text.char_indices() {
        if !c.to_lowercase().eq(std::iter::once(first)) {
            continue;
        }
        let mut rest = text[start..].char_indices();
        let mut end = start;
        let mut matched = true;
        for w in word.chars() {
            match rest.next() {
                Some((i, c)) if c.to_lowercase().eq(std::iter::once(w)) => {
                    end = start + i + c.len_utf8()
                }
                _ => {
                    matched = false;
                    break;
                }
            }
        }
        if matched {
            return Some(start..end);
        }
    }
    None
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
