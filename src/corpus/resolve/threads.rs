//! Listing excerpts that open a thread another document holds in full.

use super::Link;
use crate::corpus::{DocIndex, Document, Kind, Thread};
use foldhash::{HashMap, HashMapExt};
use rayon::prelude::*;

/// Each listing excerpt whose posts open a thread held by another document, with that
/// document's id and the thread's author.
pub(super) fn repeated_threads(docs: &[Document]) -> Vec<Link> {
    // Every thread's opening is keyed on every core; the map is then filled in order.
    let keyed: Vec<Vec<(String, usize)>> = docs
        .par_iter()
        .map(|doc| match doc.kind {
            Kind::Listing => Vec::new(),
            _ => (doc.threads.iter().enumerate())
                .filter_map(|(t, thread)| Some((opening_key(&thread.posts.first()?.text), t)))
                .collect(),
        })
        .collect();
    let mut openings: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
    for (d, threads) in keyed.into_iter().enumerate() {
        for (key, t) in threads {
            openings.entry(key).or_default().push((d, t));
        }
    }
    let mut links = Vec::new();
    for (d, doc) in docs
        .iter()
        .enumerate()
        .filter(|(_, d)| d.kind == Kind::Listing && !d.resolved)
    {
        for (t, excerpt) in doc.threads.iter().enumerate() {
            let Some(first) = excerpt.posts.first() else {
                continue;
            };
            let mut candidates = openings
                .get(&opening_key(&first.text))
                .into_iter()
                .flatten();
            let found = candidates.find(|&&(od, ot)| opens(excerpt, &docs[od].threads[ot]));
            if let Some(&(od, ot)) = found {
                let holder = &docs[od];
                links.push(Link {
                    doc: DocIndex::new(d),
                    thread: t,
                    holder: holder.id.clone(),
                    author: (holder.threads[ot].author.clone()).or(holder.author.clone()),
                });
            }
        }
    }
    links
}

/// Characters of an opening post compared to find repeated threads.
pub(super) const OPENING_CHARS: usize = 48;

pub(super) fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first [`OPENING_CHARS`] characters of `text` normalised, normalising no further.
pub(super) fn opening_key(text: &str) -> String {
    let words = text.split_whitespace().enumerate();
    let spaced = words.flat_map(|(i, word)| (i > 0).then_some(' ').into_iter().chain(word.chars()));
    spaced.take(OPENING_CHARS).collect()
}

/// Whether every post of `excerpt` starts the same post of `full` (a cut-off "…" ignored).
pub(super) fn opens(excerpt: &Thread, full: &Thread) -> bool {
    excerpt.posts.len() <= full.posts.len()
        && excerpt.posts.iter().zip(&full.posts).all(|(e, f)| {
            let shown = normalise(e.text.trim_end_matches('…'));
            shown.chars().count() >= OPENING_CHARS.min(normalise(&f.text).chars().count())
                && normalise(&f.text).starts_with(&shown)
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// An opening's key is the first characters of the whole text normalised.
        #[test]
        fn opening_key_is_the_start_of_the_normalised_text(text in "[a-z é\u{301}\n\t]{0,80}") {
            let whole: String = normalise(&text).chars().take(OPENING_CHARS).collect();
            prop_assert_eq!(opening_key(&text), whole);
        }
    }
}
