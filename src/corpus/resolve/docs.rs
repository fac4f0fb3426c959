//! How a resolution reads its documents: each one at a time, through what it needs of it,
//! never as a slice held whole. Documents held as documents are read in place; documents
//! kept packed (a file of many small ones) can then be resolved without ever being held
//! unpacked all at once.

use crate::corpus::Document;
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

    /// Folds every document into accumulators made by `init`, on every core, and merges
    /// them with `merge`: for what is gathered over the whole corpus (a set of handles).
    fn fold<A: Send>(
        &self,
        init: impl Fn() -> A + Sync + Send,
        each: impl Fn(A, &Document) -> A + Sync + Send,
        merge: impl Fn(A, A) -> A + Sync + Send,
    ) -> A;

    /// Hands `take` each document whose place is in `wanted` (ascending, each once), in
    /// order: the few a resolution needs to look at again.
    fn pick(&self, wanted: &[usize], take: impl FnMut(usize, &Document));
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
        each: impl Fn(A, &Document) -> A + Sync + Send,
        merge: impl Fn(A, A) -> A + Sync + Send,
    ) -> A {
        (self.par_iter().fold(&init, each)).reduce(&init, merge)
    }

    fn pick(&self, wanted: &[usize], mut take: impl FnMut(usize, &Document)) {
        (wanted.iter()).for_each(|&i| take(i, &self[i]));
    }
}
