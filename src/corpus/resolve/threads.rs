//! Listing excerpts that open a thread another document holds in full.

use super::Link;
use super::docs::Docs;
use crate::corpus::{DocIndex, Document, Kind, Thread};
use foldhash::{HashMap, HashMapExt, HashSet};

/// Each listing excerpt whose posts open a thread held by another document, with that
/// document's id and the thread's author.
pub(super) fn repeated_threads<D: Docs + ?Sized>(docs: &D) -> Vec<Link> {
    // The excerpts of listings: few, even in a large corpus.
    let mut excerpts = docs.fold(Vec::new, Excerpt::add_all_in, concat);
    excerpts.sort_by_key(|e| (e.doc, e.index));
    if excerpts.is_empty() {
        return Vec::new();
    }
    let keys: HashSet<&str> = excerpts.iter().map(|e| e.key.as_str()).collect();
    // Every thread (of a document that is not a listing) that opens as an excerpt does,
    // keyed on every core, in corpus order.
    let opening = |mut found: Vec<Opening>, d, doc: &Document| {
        if doc.kind != Kind::Listing {
            for (t, thread) in doc.threads.iter().enumerate() {
                let Some(first) = thread.posts.first() else {
                    continue;
                };
                let key = opening_key(&first.text);
                if keys.contains(key.as_str()) {
                    found.push((key, d, t));
                }
            }
        }
        found
    };
    // Each holder of a thread that opens as some excerpt does: its threads, by key.
    let mut by_holder: HashMap<usize, Vec<(&str, usize)>> = HashMap::new();
    let mut candidates = docs.fold(Vec::new, opening, concat);
    candidates.sort_unstable_by_key(|&(_, d, t)| (d, t));
    for (key, d, t) in &candidates {
        let key = *keys
            .get(key.as_str())
            .expect("only the keys of excerpts are kept");
        by_holder.entry(*d).or_default().push((key, *t));
    }
    // The excerpts not yet matched, by key, in corpus order: each is matched once, so
    // what is held is the excerpts and the candidates, never their product.
    let mut waiting: HashMap<&str, Vec<usize>> = HashMap::new();
    for (e, excerpt) in excerpts.iter().enumerate() {
        waiting.entry(excerpt.key.as_str()).or_default().push(e);
    }
    let mut wanted: Vec<usize> = by_holder.keys().copied().collect();
    wanted.sort_unstable();
    let mut links: Vec<Option<Link>> = vec![None; excerpts.len()];
    // Holders come in corpus order, and their threads: the first thread an excerpt opens
    // is the one it is linked to.
    docs.pick(&wanted, |od, holder| {
        for &(key, ot) in &by_holder[&od] {
            let Some(excerpts_waiting) = waiting.get_mut(key) else {
                continue;
            };
            let full = &holder.threads[ot];
            excerpts_waiting.retain(|&e| {
                let excerpt = &excerpts[e];
                if !opens(&excerpt.thread, full) {
                    return true;
                }
                links[e] = Some(Link {
                    doc: DocIndex::new(excerpt.doc),
                    thread: excerpt.index,
                    holder: holder.id.clone(),
                    author: (full.author.clone()).or(holder.author.clone()),
                });
                false
            });
        }
    });
    links.into_iter().flatten().collect()
}

/// A thread's opening key, its document and its place there.
type Opening = (String, usize, usize);

/// Two lists gathered on two cores, the first's before the second's.
fn concat<T>(mut first: Vec<T>, second: Vec<T>) -> Vec<T> {
    first.extend(second);
    first
}

/// A listing's excerpt of a thread, with the key of its opening.
struct Excerpt {
    doc: usize,
    index: usize,
    thread: Thread,
    key: String,
}

impl Excerpt {
    /// Adds to `all` the excerpts of the `d`th document, if it is a listing tread has not
    /// resolved.
    fn add_all_in(mut all: Vec<Excerpt>, d: usize, doc: &Document) -> Vec<Excerpt> {
        if doc.kind != Kind::Listing || doc.resolved {
            return all;
        }
        let excerpt = |(t, thread): (usize, &Thread)| {
            Some(Excerpt {
                doc: d,
                index: t,
                key: opening_key(&thread.posts.first()?.text),
                thread: thread.clone(),
            })
        };
        all.extend(doc.threads.iter().enumerate().filter_map(excerpt));
        all
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
