//! Listing excerpts that open a thread another document holds in full.

use super::Link;
use super::docs::Docs;
use crate::corpus::{DocIndex, Document, Kind, Thread};
use foldhash::{HashMap, HashMapExt};

/// Each listing excerpt whose posts open a thread held by another document, with that
/// document's id and the thread's author.
pub(super) fn repeated_threads<D: Docs + ?Sized>(docs: &D) -> Vec<Link> {
    // Every thread's opening is keyed on every core; the map is then filled in order.
    let keyed: Vec<Vec<(String, usize)>> = docs.map(|_, doc| match doc.kind {
        Kind::Listing => Vec::new(),
        _ => (doc.threads.iter().enumerate())
            .filter_map(|(t, thread)| Some((opening_key(&thread.posts.first()?.text), t)))
            .collect(),
    });
    let mut openings: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
    for (d, threads) in keyed.into_iter().enumerate() {
        for (key, t) in threads {
            openings.entry(key).or_default().push((d, t));
        }
    }
    let excerpts: Vec<Excerpt> = (docs.map(|d, doc| Excerpt::all_in(d, doc, &openings)))
        .into_iter()
        .flatten()
        .collect();
    // The documents holding a thread an excerpt may open, each looked at once.
    let mut by_holder: HashMap<usize, Vec<(usize, usize)>> = HashMap::new();
    for (e, excerpt) in excerpts.iter().enumerate() {
        for &(od, ot) in &excerpt.candidates {
            by_holder.entry(od).or_default().push((e, ot));
        }
    }
    let mut wanted: Vec<usize> = by_holder.keys().copied().collect();
    wanted.sort_unstable();
    let mut found: Vec<Option<Link>> = vec![None; excerpts.len()];
    docs.pick(&wanted, |od, holder| {
        for &(e, ot) in &by_holder[&od] {
            let excerpt = &excerpts[e];
            // Candidates come in corpus order: the first that the excerpt opens is taken.
            if found[e].is_some() || !opens(&excerpt.thread, &holder.threads[ot]) {
                continue;
            }
            found[e] = Some(Link {
                doc: DocIndex::new(excerpt.doc),
                thread: excerpt.index,
                holder: holder.id.clone(),
                author: (holder.threads[ot].author.clone()).or(holder.author.clone()),
            });
        }
    });
    found.into_iter().flatten().collect()
}

/// A listing's excerpt of a thread, and the threads (document, thread) whose opening it
/// starts with, in corpus order.
struct Excerpt {
    doc: usize,
    index: usize,
    thread: Thread,
    candidates: Vec<(usize, usize)>,
}

impl Excerpt {
    /// The excerpts of the `d`th document, if it is a listing tread has not resolved, that
    /// start the way some thread does.
    fn all_in(
        d: usize,
        doc: &Document,
        openings: &HashMap<String, Vec<(usize, usize)>>,
    ) -> Vec<Excerpt> {
        if doc.kind != Kind::Listing || doc.resolved {
            return Vec::new();
        }
        let excerpt = |(t, thread): (usize, &Thread)| {
            let candidates = openings.get(&opening_key(&thread.posts.first()?.text))?;
            Some(Excerpt {
                doc: d,
                index: t,
                thread: thread.clone(),
                candidates: candidates.clone(),
            })
        };
        doc.threads.iter().enumerate().filter_map(excerpt).collect()
    }
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
