//! How a resolution reads its documents: each one at a time, through what it needs of it,
//! never as a slice held whole. Documents held as documents are read in place; documents
//! kept packed (a file of many small ones) can then be resolved without ever being held
//! unpacked all at once.

use crate::corpus::Document;
use crate::corpus::held::{Chunks, Held, Shelf};
use rayon::prelude::*;

/// The documents a resolution reads, in corpus order, one at a time. What it keeps of each
/// is what the closures given here return: owned, since a document may be unpacked for the
/// call and let go after it.
pub trait Docs: Sync {
    /// How many documents there are.
    fn count(&self) -> usize;

    /// What `each` makes of every document, given its place, in corpus order; worked out
    /// on every core.
    fn map<T: Send>(&self, each: impl Fn(usize, &Document) -> T + Sync + Send) -> Vec<T>;

    /// Folds every document (with its place) into accumulators made by `init`, on every
    /// core, and merges them with `merge`, in corpus order: for what is gathered over the
    /// whole corpus (a set of handles, the few threads of a kind).
    fn fold<A: Send>(
        &self,
        init: impl Fn() -> A + Sync + Send,
        each: impl Fn(A, usize, &Document) -> A + Sync + Send,
        merge: impl Fn(A, A) -> A + Sync + Send,
    ) -> A;

    /// The place of the first document that passes `test`, reading no further than the
    /// work in hand on each core when it is found.
    fn first(&self, test: impl Fn(&Document) -> bool + Sync + Send) -> Option<usize>;

    /// Hands `take` each document whose place is in `wanted` (ascending, each once), in
    /// order: the few a resolution needs to look at again.
    fn pick(&self, wanted: &[usize], take: impl FnMut(usize, &Document));

    /// Hands `take` every document, in order, on this core: for what is gathered in
    /// corpus order (a facet's posts).
    fn for_each(&self, take: impl FnMut(usize, &Document));
}

impl Docs for [Document] {
    fn count(&self) -> usize {
        self.len()
    }

    fn map<T: Send>(&self, each: impl Fn(usize, &Document) -> T + Sync + Send) -> Vec<T> {
        (self.par_iter().enumerate())
            .map(|(i, doc)| each(i, doc))
            .collect()
    }

    fn fold<A: Send>(
        &self,
        init: impl Fn() -> A + Sync + Send,
        each: impl Fn(A, usize, &Document) -> A + Sync + Send,
        merge: impl Fn(A, A) -> A + Sync + Send,
    ) -> A {
        let each = |acc, (i, doc)| each(acc, i, doc);
        (self.par_iter().enumerate().fold(&init, each)).reduce(&init, merge)
    }

    fn first(&self, test: impl Fn(&Document) -> bool + Sync + Send) -> Option<usize> {
        self.par_iter().position_first(test)
    }

    fn pick(&self, wanted: &[usize], mut take: impl FnMut(usize, &Document)) {
        (wanted.iter()).for_each(|&i| take(i, &self[i]));
    }

    fn for_each(&self, mut take: impl FnMut(usize, &Document)) {
        self.iter().enumerate().for_each(|(i, doc)| take(i, doc));
    }
}

impl Docs for Vec<Document> {
    fn count(&self) -> usize {
        self.len()
    }

    fn map<T: Send>(&self, each: impl Fn(usize, &Document) -> T + Sync + Send) -> Vec<T> {
        self[..].map(each)
    }

    fn fold<A: Send>(
        &self,
        init: impl Fn() -> A + Sync + Send,
        each: impl Fn(A, usize, &Document) -> A + Sync + Send,
        merge: impl Fn(A, A) -> A + Sync + Send,
    ) -> A {
        self[..].fold(init, each, merge)
    }

    fn first(&self, test: impl Fn(&Document) -> bool + Sync + Send) -> Option<usize> {
        Docs::first(&self[..], test)
    }

    fn pick(&self, wanted: &[usize], take: impl FnMut(usize, &Document)) {
        self[..].pick(wanted, take)
    }

    fn for_each(&self, take: impl FnMut(usize, &Document)) {
        self[..].for_each(take)
    }
}

impl Docs for Held {
    fn count(&self) -> usize {
        self.len()
    }

    fn map<T: Send>(&self, each: impl Fn(usize, &Document) -> T + Sync + Send) -> Vec<T> {
        let mut all = Vec::with_capacity(self.len());
        for shelf in self.parts() {
            match shelf {
                Shelf::Made(start, documents) => all.par_extend(
                    (documents.par_iter().enumerate()).map(|(i, doc)| each(start + i, doc)),
                ),
                // Each chunk on a core, in order.
                Shelf::Packed(chunks) => all.par_extend(
                    (0..chunks.count())
                        .into_par_iter()
                        .flat_map_iter(|c| chunks.chunk(c).map(|(i, doc)| each(i, &doc))),
                ),
            }
        }
        all
    }

    fn fold<A: Send>(
        &self,
        init: impl Fn() -> A + Sync + Send,
        each: impl Fn(A, usize, &Document) -> A + Sync + Send,
        merge: impl Fn(A, A) -> A + Sync + Send,
    ) -> A {
        let folded = self.parts().map(|shelf| match shelf {
            Shelf::Made(start, documents) => {
                documents.fold(&init, |acc, i, doc| each(acc, start + i, doc), &merge)
            }
            Shelf::Packed(chunks) => (0..chunks.count())
                .into_par_iter()
                .map(|c| {
                    chunks
                        .chunk(c)
                        .fold(init(), |acc, (i, doc)| each(acc, i, &doc))
                })
                .reduce(&init, &merge),
        });
        folded.fold(init(), &merge)
    }

    fn first(&self, test: impl Fn(&Document) -> bool + Sync + Send) -> Option<usize> {
        self.parts().find_map(|shelf| match shelf {
            Shelf::Made(start, documents) => Docs::first(documents, &test).map(|i| start + i),
            Shelf::Packed(chunks) => (0..chunks.count()).into_par_iter().find_map_first(|c| {
                let mut chunk = chunks.chunk(c);
                chunk.find_map(|(i, doc)| test(&doc).then_some(i))
            }),
        })
    }

    fn pick(&self, wanted: &[usize], mut take: impl FnMut(usize, &Document)) {
        let mut wanted = wanted.iter().copied().peekable();
        for shelf in self.parts() {
            match shelf {
                Shelf::Made(start, documents) => {
                    let end = start + documents.len();
                    while let Some(i) = wanted.next_if(|&i| i < end) {
                        take(i, &documents[i - start]);
                    }
                }
                Shelf::Packed(chunks) => pick_packed(chunks, &mut wanted, &mut take),
            }
        }
    }

    fn for_each(&self, mut take: impl FnMut(usize, &Document)) {
        self.iter().for_each(|(i, doc)| take(i, &doc));
    }
}

/// Hands `take` the documents of packed `chunks` that `wanted` names, reading each chunk
/// holding one as far as the last wanted in it; leaves those past the part in `wanted`.
fn pick_packed(
    chunks: Chunks,
    wanted: &mut std::iter::Peekable<impl Iterator<Item = usize>>,
    take: &mut impl FnMut(usize, &Document),
) {
    let end = chunks.start() + chunks.len();
    while let Some(&next) = wanted.peek().filter(|&&i| i < end) {
        let c = chunks.chunk_of(next);
        for (i, doc) in chunks.chunk(c) {
            if wanted.next_if_eq(&i).is_some() {
                take(i, &doc);
            }
            if wanted
                .peek()
                .is_none_or(|&w| w >= end || chunks.chunk_of(w) != c)
            {
                break;
            }
        }
        // A place the chunk did not hold is passed over, not looked for again.
        wanted.next_if_eq(&next);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::held::testing::held;
    use crate::corpus::load::bundled_glossary;
    use crate::corpus::{Places, Resolution};
    use crate::facets::Facets;
    use proptest::prelude::*;

    fn documents() -> Vec<Document> {
        crate::corpus::held::testing::seeds_copied(12)
    }

    #[test]
    fn held_documents_resolve_as_the_documents_do() {
        let documents = documents();
        let held = held(&documents);
        let glossary = bundled_glossary();
        let resolution = Resolution::compute(&documents[..], &glossary);
        assert!(resolution.named_posts().count() > 0 && !resolution.links.is_empty());
        assert_eq!(Resolution::compute(&held, &glossary), resolution);
        assert!(resolution.fits(&crate::corpus::Places::of(&held)));
        // An excerpt opens the first thread that it starts, in corpus order.
        assert!(resolution.links.iter().all(|l| l.holder.ends_with("-0")));
        assert_eq!(Places::of(&held), Places::new(&documents));
        let facets = Facets::of_resolved(&documents[..], &resolution);
        assert_eq!(Facets::of_resolved(&held, &resolution), facets);
        assert!(!held.damaged());
    }

    #[test]
    fn a_held_document_is_read_where_it_stands() {
        let documents = documents();
        let held = held(&documents);
        let mut seen = Vec::new();
        held.for_each(|i, doc| seen.push((i, doc.id.clone())));
        let ids: Vec<(usize, String)> = (documents.iter().enumerate())
            .map(|(i, d)| (i, d.id.clone()))
            .collect();
        assert_eq!(seen, ids);
        assert_eq!(held.map(|i, doc| (i, doc.id.clone())), ids);
        let placed = held.fold(
            Vec::new,
            |mut placed, i, doc| {
                placed.push((i, doc.id.clone()));
                placed
            },
            |mut first, second| {
                first.extend(second);
                first
            },
        );
        assert_eq!(placed, ids, "folded in order, each with its place");
        for (i, id) in ids.iter().step_by(7) {
            assert_eq!(held.first(|doc| doc.id == *id), Some(*i), "{id}");
        }
        let author = |doc: &Document| {
            doc.author
                .as_ref()
                .is_some_and(|a| a.name.contains("Regan"))
        };
        assert_eq!(held.first(author), documents.iter().position(author));
        assert_eq!(held.first(|doc| doc.id == "none of them"), None);
        let posts = held.fold(|| 0, |n, _, doc| n + doc.post_count(), |a, b| a + b);
        assert_eq!(
            posts,
            documents.iter().map(Document::post_count).sum::<usize>()
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Picking any documents gives each wanted once, in order, and only those; places
        /// past the last are passed over.
        #[test]
        fn picked_documents_are_those_wanted(wanted in proptest::collection::btree_set(0usize..70, 0..20)) {
            let documents = documents();
            let held = held(&documents);
            let wanted: Vec<usize> = wanted.into_iter().collect();
            let mut picked = Vec::new();
            held.pick(&wanted, |i, doc| picked.push((i, doc.id.clone())));
            let expected: Vec<(usize, String)> = (wanted.iter())
                .filter(|&&i| i < documents.len())
                .map(|&i| (i, documents[i].id.clone()))
                .collect();
            prop_assert_eq!(picked, expected);
        }
    }
}
