//! A corpus's documents as the terminal UI and a loaded [`super::Corpus`] hold them: as a
//! load gave them ([`Held`]: page files made, files of many small documents packed), each
//! packed document unpacked, and resolved, the first time it is asked for, and kept until
//! the holder lets the unpacked ones go. A file of 200,000 one-post documents then takes
//! what it takes packed, not 500 bytes and more a document.

use super::held::Held;
use super::resolve::{Docs, Resolution, Variants};
use super::{DocIndex, Document};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

/// How many documents on either side of one unpacked come with it.
const NEAR: usize = 16;

/// Documents in corpus order, made or packed; see the module's documentation.
#[derive(Debug, Default)]
pub struct Store {
    held: Held,
    /// Each document, once unpacked (packed ones only; made ones are read where they are).
    unpacked: Vec<OnceLock<Box<Document>>>,
    /// How many are unpacked now.
    unpacked_count: AtomicUsize,
    /// What packed documents are given as they are unpacked; made ones have it written in.
    resolution: Option<Resolution>,
}

impl Store {
    /// How many documents.
    pub fn len(&self) -> usize {
        self.held.len()
    }

    pub fn is_empty(&self) -> bool {
        self.held.is_empty()
    }

    /// Whether the document at `at` is held packed (unpacked only when asked for).
    pub fn is_packed(&self, at: usize) -> bool {
        at < self.len() && self.held.made(at).is_none()
    }

    /// The document at `at`, unpacked and resolved first if it is held packed.
    pub fn get(&self, at: usize) -> Option<&Document> {
        if let Some(made) = self.held.made(at) {
            return Some(made);
        }
        let cell = self.unpacked.get(at)?;
        if let Some(document) = cell.get() {
            return Some(document);
        }
        // Its near neighbours come with it: a chunk is read from its start, and the rows of a
        // list are mostly neighbours; the rest of the chunk is not read.
        let near = at.saturating_sub(NEAR)..=at + NEAR;
        let chunk = self.held.unpack_chunk(at).into_iter().flatten();
        let chunk = chunk.take_while(|(place, _)| place <= near.end());
        for (place, mut document) in chunk.filter(|(place, _)| near.contains(place)) {
            let cell = &self.unpacked[place];
            if cell.get().is_none() {
                self.resolve_one(place, &mut document);
                if cell.set(Box::new(document)).is_ok() {
                    self.unpacked_count.fetch_add(1, Ordering::Relaxed);
                }
            }
        }
        Some(cell.get_or_init(|| Box::new(super::held::unreadable())))
    }

    /// Writes the resolution, if there is one, into `document`, the document at `at`.
    fn resolve_one(&self, at: usize, document: &mut Document) {
        if let Some(resolution) = &self.resolution {
            let (first_post, _) = self.held.posts_of(at);
            resolution.apply_to(DocIndex::new(at), first_post, document);
        }
    }

    /// Every document in order (packed ones unpacked and kept: for a few documents, or
    /// tests; a pass over many reads them through [`Docs`], which keeps none).
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &Document> + ExactSizeIterator {
        (0..self.len()).map(|at| self.get(at).expect("a place below the count"))
    }

    /// Every document, made: those held packed unpacked and resolved first, and held made
    /// from then on. For tests and the few changes that rewrite documents.
    pub fn iter_mut(&mut self) -> impl Iterator<Item = &mut Document> {
        if (0..self.len()).any(|at| self.held.made(at).is_none()) {
            let documents = self.to_vec();
            *self = Store::default();
            self.extend(documents);
        }
        self.held.made_mut().map(|(_, _, document)| document)
    }

    /// A copy of every document, resolved.
    pub fn to_vec(&self) -> Vec<Document> {
        self.map(|_, document| document.clone())
    }

    /// Adds a document after the others, as it is.
    pub fn push(&mut self, document: Document) {
        self.held.push_made(document);
        self.unpacked.push(OnceLock::new());
    }

    /// Adds the documents `more` holds after these, as they are held.
    pub fn append(&mut self, more: Held) {
        let count = more.len();
        self.held.append(more);
        self.unpacked
            .resize_with(self.unpacked.len() + count, OnceLock::new);
    }

    /// Gives back the room kept for more documents, once none will come.
    pub fn shrink_to_fit(&mut self) {
        self.held.finish();
        self.unpacked.shrink_to_fit();
    }

    /// Writes `resolution` into the documents: those made where they are, those packed as
    /// each is unpacked (those unpacked already are let go, to be unpacked again resolved).
    /// Returns the spellings of each organisation.
    pub fn resolve(&mut self, resolution: Resolution) -> Variants {
        let mut resolution = resolution;
        let variants = std::mem::take(&mut resolution.org_variants);
        for (at, first_post, document) in self.held.made_mut() {
            resolution.apply_to(DocIndex::new(at), first_post, document);
        }
        self.forget_unpacked();
        self.resolution = Some(resolution);
        variants
    }

    /// How many packed documents are held unpacked now.
    pub fn unpacked_count(&self) -> usize {
        self.unpacked_count.load(Ordering::Relaxed)
    }

    /// Lets go of the packed documents unpacked so far: they are unpacked again when next
    /// asked for.
    pub fn forget_unpacked(&mut self) {
        if *self.unpacked_count.get_mut() == 0 {
            return;
        }
        self.unpacked.iter_mut().for_each(|cell| drop(cell.take()));
        *self.unpacked_count.get_mut() = 0;
    }

    /// Whether any packed document did not read back.
    pub fn damaged(&self) -> bool {
        self.held.damaged()
    }
}

impl Clone for Store {
    fn clone(&self) -> Store {
        Store {
            held: self.held.clone(),
            unpacked: (0..self.unpacked.len()).map(|_| OnceLock::new()).collect(),
            unpacked_count: AtomicUsize::new(0),
            resolution: self.resolution.clone(),
        }
    }
}

impl PartialEq for Store {
    fn eq(&self, other: &Store) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl From<Held> for Store {
    fn from(held: Held) -> Store {
        let mut store = Store::default();
        store.append(held);
        store
    }
}

impl From<Vec<Document>> for Store {
    fn from(documents: Vec<Document>) -> Store {
        documents.into_iter().collect()
    }
}

impl FromIterator<Document> for Store {
    fn from_iter<I: IntoIterator<Item = Document>>(documents: I) -> Store {
        let mut store = Store::default();
        store.extend(documents);
        store
    }
}

impl Extend<Document> for Store {
    fn extend<I: IntoIterator<Item = Document>>(&mut self, documents: I) {
        documents
            .into_iter()
            .for_each(|document| self.push(document));
    }
}

impl std::ops::Index<usize> for Store {
    type Output = Document;

    fn index(&self, at: usize) -> &Document {
        self.get(at).expect("a document's place is below the count")
    }
}

impl<'s> IntoIterator for &'s Store {
    type Item = &'s Document;
    type IntoIter = Box<dyn DoubleEndedIterator<Item = &'s Document> + 's>;

    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

/// Read one at a time: made documents where they are, packed ones unpacked for the call
/// (and resolved) and let go after, never kept.
impl Docs for Store {
    fn count(&self) -> usize {
        self.len()
    }

    fn map<T: Send>(&self, each: impl Fn(usize, &Document) -> T + Sync + Send) -> Vec<T> {
        self.held
            .map(|at, doc| self.resolved(at, doc, |doc| each(at, doc)))
    }

    fn fold<A: Send>(
        &self,
        init: impl Fn() -> A + Sync + Send,
        each: impl Fn(A, usize, &Document) -> A + Sync + Send,
        merge: impl Fn(A, A) -> A + Sync + Send,
    ) -> A {
        let each = |acc, at, doc: &Document| self.resolved(at, doc, |doc| each(acc, at, doc));
        self.held.fold(init, each, merge)
    }

    fn first(&self, test: impl Fn(&Document) -> bool + Sync + Send) -> Option<usize> {
        match &self.resolution {
            // The test may read what the resolution writes: each is read resolved.
            Some(_) => {
                let tested = self.held.map(|at, doc| self.resolved(at, doc, &test));
                tested.iter().position(|&passed| passed)
            }
            None => self.held.first(test),
        }
    }

    fn pick(&self, wanted: &[usize], mut take: impl FnMut(usize, &Document)) {
        self.held.pick(wanted, |at, doc| {
            self.resolved(at, doc, |doc| take(at, doc))
        });
    }

    fn for_each(&self, mut take: impl FnMut(usize, &Document)) {
        (self.held).for_each(|at, doc| self.resolved(at, doc, |doc| take(at, doc)));
    }
}

impl Store {
    /// Calls `read` with `doc`, the document at `at` as held, resolved: a made one as it is
    /// (the resolution is written in), a packed one just unpacked with the resolution
    /// written into a copy.
    fn resolved<T>(&self, at: usize, doc: &Document, read: impl FnOnce(&Document) -> T) -> T {
        match (&self.resolution, self.held.made(at).is_some()) {
            (Some(_), false) => {
                let mut doc = doc.clone();
                self.resolve_one(at, &mut doc);
                read(&doc)
            }
            _ => read(doc),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::held::testing::{held, seeds_copied};
    use crate::corpus::load::bundled_glossary;

    /// Enough documents for two batches of several chunks each.
    fn documents() -> Vec<Document> {
        seeds_copied(30)
    }

    /// `documents` as two batches arrive: each held partly made, mostly packed.
    fn store_of(documents: &[Document]) -> Store {
        let (first, rest) = documents.split_at(documents.len() / 2);
        let mut store = Store::from(held(first));
        store.append(held(rest));
        store
    }

    #[test]
    fn packed_documents_read_back_resolved_as_made_ones_are() {
        let documents = documents();
        let resolution = Resolution::compute(&documents[..], &bundled_glossary());
        let mut expected = documents.clone();
        let variants = resolution.clone().apply(&mut expected);
        let mut store = store_of(&documents);
        assert_eq!(store.iter().cloned().collect::<Vec<_>>(), documents);
        assert_eq!(store.resolve(resolution), variants);
        // Every way of reading gives the resolved documents.
        assert_eq!(store.to_vec(), expected);
        let mut read = Vec::new();
        store.for_each(|at, doc| read.push((at, doc.clone())));
        assert!(
            read.iter()
                .enumerate()
                .all(|(i, (at, doc))| i == *at && *doc == expected[i])
        );
        let wanted = [1, 20, 40, documents.len() - 1];
        store.pick(&wanted, |at, doc| assert_eq!(*doc, expected[at]));
        let last = &expected[documents.len() - 2].id;
        assert_eq!(store.first(|d| d.id == *last), Some(documents.len() - 2));
        assert_eq!(store.iter().cloned().collect::<Vec<_>>(), expected);
        let linked = |d: &Document| d.threads.iter().any(|t| t.same_thread_as.is_some());
        assert!(
            expected.iter().any(linked),
            "the test links repeated threads"
        );
        assert!(!store.damaged());
    }

    #[test]
    fn unpacked_documents_are_let_go_and_unpacked_again_when_wanted() {
        let documents = documents();
        let mut store = store_of(&documents);
        assert_eq!(store.unpacked_count(), 0);
        // Packed: past the few each batch holds made.
        let at = documents.len() / 2 + 10;
        assert_eq!(store[at], documents[at]);
        // Its chunk came with it, and nothing else.
        let unpacked = store.unpacked_count();
        assert!(unpacked > 1 && unpacked < documents.len() / 2, "{unpacked}");
        assert_eq!(store[at + 1], documents[at + 1]);
        store.forget_unpacked();
        assert_eq!(store.unpacked_count(), 0);
        assert_eq!(store[at], documents[at]);
        // A document held made is never unpacked.
        assert_eq!(store[0], documents[0]);
        assert_eq!(store.unpacked_count(), unpacked);
    }
}
