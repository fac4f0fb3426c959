//! Where a document or a post is. A document by its place in the corpus ([`DocIndex`]); a
//! post by document, thread and post indices ([`PostRef`]), or by its [`Ordinal`] among all
//! posts in corpus order (4 bytes, for the tables that keep millions). [`Places`] turns one
//! post address into the other. Each is its own type so that passing one where another is
//! meant does not compile.

use super::{Corpus, Document, Post};
use std::ops::Range;

/// A document's place in the corpus: its index in [`Corpus::documents`]. Four bytes, as
/// facets and filters keep one for every document a value occurs in.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    rkyv::Archive,
    rkyv::Serialize,
    rkyv::Deserialize,
)]
pub struct DocIndex(u32);

impl DocIndex {
    /// The document at `index` in [`Corpus::documents`]. (Four billion documents would not
    /// fit in memory long before they would not fit in a `u32`.)
    pub fn new(index: usize) -> DocIndex {
        DocIndex(u32::try_from(index).expect("fewer than 2^32 documents"))
    }

    /// Its index in [`Corpus::documents`].
    pub fn index(self) -> usize {
        self.0 as usize
    }

    /// Every document of a list of `count`, in order.
    pub fn all(count: usize) -> impl DoubleEndedIterator<Item = DocIndex> + ExactSizeIterator {
        (0..count).map(DocIndex::new)
    }
}

/// A post's place in the corpus: document, thread and post indices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PostRef {
    pub doc: DocIndex,
    /// The thread's index in its document.
    pub thread: usize,
    /// The post's index in its thread.
    pub post: usize,
}

/// A post's ordinal: its position among all the posts of the corpus, in corpus order.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    rkyv::Archive,
    rkyv::Serialize,
    rkyv::Deserialize,
)]
pub struct Ordinal(u32);

impl Ordinal {
    /// The post at position `index` among all posts.
    pub fn new(index: usize) -> Ordinal {
        Ordinal(index as u32)
    }

    /// Its position among all posts, to index a table kept in corpus order.
    pub fn index(self) -> usize {
        self.0 as usize
    }

    /// The post after it.
    pub fn next(self) -> Ordinal {
        Ordinal(self.0 + 1)
    }
}

/// Consecutive posts by ordinal: a thread's or a document's posts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Ordinals {
    start: u32,
    end: u32,
}

impl Ordinals {
    /// The one post at `ordinal`.
    pub fn single(ordinal: Ordinal) -> Ordinals {
        Ordinals {
            start: ordinal.0,
            end: ordinal.0 + 1,
        }
    }

    /// The posts from `start` up to, not including, `end` (none if `end` comes first).
    pub fn between(start: Ordinal, end: Ordinal) -> Ordinals {
        Ordinals {
            start: start.0,
            end: end.0.max(start.0),
        }
    }

    /// The first of them (where they would start, if there are none).
    pub fn start(self) -> Ordinal {
        Ordinal(self.start)
    }

    /// The one after the last of them.
    pub fn end(self) -> Ordinal {
        Ordinal(self.end)
    }

    /// How many posts.
    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    /// Whether there are none.
    /// Whether there are none.
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// Whether `ordinal` is one of them.
    pub fn contains(self, ordinal: Ordinal) -> bool {
        (self.start..self.end).contains(&ordinal.0)
    }

    /// Those at or after `first`.
    pub fn starting_at(self, first: Ordinal) -> Ordinals {
        let start = self.start.max(first.0);
        Ordinals {
            start,
            end: self.end.max(start),
        }
    }

    /// The `count` posts that follow these.
    pub fn following(self, count: usize) -> Ordinals {
        let count = u32::try_from(count).expect("fewer than 2^32 posts");
        Ordinals {
            start: self.end,
            end: self.end + count,
        }
    }
}

impl IntoIterator for Ordinals {
    type Item = Ordinal;
    type IntoIter = std::iter::Map<Range<u32>, fn(u32) -> Ordinal>;

    fn into_iter(self) -> Self::IntoIter {
        (self.start..self.end).map(Ordinal)
    }
}

/// Every post's place in corpus order: a post's ordinal (its position among all posts)
/// as document, thread and post indices, and back. (Four billion posts would not fit in
/// memory long before they would not fit in a `u32`.)
#[derive(Debug, Clone, PartialEq, Eq, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub struct Places {
    /// Where each thread's posts start, threads in corpus order.
    thread_start: Vec<u32>,
    /// Where each document's threads start in `thread_start`; one more entry than documents.
    doc_thread: Vec<u32>,
    /// How many posts.
    posts: u32,
}

/// The places of no posts.
impl Default for Places {
    fn default() -> Places {
        Places {
            thread_start: Vec::new(),
            doc_thread: vec![0],
            posts: 0,
        }
    }
}

impl Places {
    /// The places of the posts of `documents`.
    pub fn new<D: super::Docs + ?Sized>(documents: &D) -> Places {
        Places::of(documents)
    }

    /// The places of the posts of `docs`, read one at a time.
    pub fn of<D: super::Docs + ?Sized>(docs: &D) -> Places {
        let shapes: Vec<Box<[u32]>> = docs.map(|_, doc| {
            (doc.threads.iter())
                .map(|thread| thread.posts.len() as u32)
                .collect()
        });
        let mut places = Places::default();
        for threads in shapes {
            for posts in threads {
                places.thread_start.push(places.posts);
                places.posts += posts;
            }
            places.doc_thread.push(places.thread_start.len() as u32);
        }
        places.shrink_to_fit();
        places
    }

    /// Adds `doc`, which follows the ones already placed.
    pub fn push(&mut self, doc: &Document) {
        for thread in &doc.threads {
            self.thread_start.push(self.posts);
            self.posts += thread.posts.len() as u32;
        }
        self.doc_thread.push(self.thread_start.len() as u32);
    }

    /// Whether the places hold together, as any made here do: threads start in order from
    /// the first post, at most at the last, and documents' threads in order from the first
    /// thread to the last. Places read back from the cache are checked before use.
    pub fn holds_together(&self) -> bool {
        let ordered = |v: &[u32]| v.windows(2).all(|w| w[0] <= w[1]);
        let threads = &self.thread_start;
        ordered(threads)
            && threads.first().is_none_or(|&first| first == 0)
            && threads
                .last()
                .map_or(self.posts == 0, |&last| last <= self.posts)
            && ordered(&self.doc_thread)
            && self.doc_thread.first() == Some(&0)
            && self.doc_thread.last() == Some(&(threads.len() as u32))
    }

    /// Its parts, for tests to break it: where threads start, where documents' threads
    /// start, how many posts.
    #[cfg(test)]
    pub(crate) fn parts_mut(&mut self) -> (&mut Vec<u32>, &mut Vec<u32>, &mut u32) {
        (
            &mut self.thread_start,
            &mut self.doc_thread,
            &mut self.posts,
        )
    }

    /// How many documents are placed.
    pub fn documents(&self) -> usize {
        self.doc_thread.len() - 1
    }

    /// Gives back the room kept for more, once no more will come.
    pub fn shrink_to_fit(&mut self) {
        self.thread_start.shrink_to_fit();
        self.doc_thread.shrink_to_fit();
    }

    /// How many posts.
    pub fn len(&self) -> usize {
        self.posts as usize
    }

    pub fn is_empty(&self) -> bool {
        self.posts == 0
    }

    /// Every post.
    pub fn all(&self) -> Ordinals {
        Ordinals {
            start: 0,
            end: self.posts,
        }
    }

    /// How many threads document `doc` has (none past the last document).
    pub fn threads_of(&self, doc: DocIndex) -> usize {
        let doc = doc.index();
        match self.doc_thread.get(doc..doc + 2) {
            Some(threads) => threads[1].saturating_sub(threads[0]) as usize,
            None => 0,
        }
    }

    /// The posts of document `doc` (none past the last document).
    pub fn of_document(&self, doc: DocIndex) -> Ordinals {
        let doc = doc.index();
        let Some(threads) = self.doc_thread.get(doc..doc + 2) else {
            return Ordinals::default();
        };
        Ordinals {
            start: self.thread_bounds(threads[0] as usize).start,
            end: self.thread_bounds(threads[1] as usize).start,
        }
    }

    /// The ordinal of the post at `at`, if there is such a post.
    pub fn ordinal(&self, at: PostRef) -> Option<Ordinal> {
        let first = *self.doc_thread.get(at.doc.index())? as usize;
        let last = *self.doc_thread.get(at.doc.index() + 1)? as usize;
        let thread = first + at.thread;
        let posts = self.thread_bounds(thread);
        (thread < last && at.post < posts.len()).then(|| Ordinal(posts.start + at.post as u32))
    }

    /// The post at `ordinal` as document, thread and post indices.
    pub fn post_ref(&self, ordinal: Ordinal) -> PostRef {
        let thread = self.thread_start.partition_point(|&s| s <= ordinal.0) - 1;
        let doc = self.doc_thread.partition_point(|&t| t as usize <= thread) - 1;
        PostRef {
            doc: DocIndex::new(doc),
            thread: thread - self.doc_thread[doc] as usize,
            post: (ordinal.0 - self.thread_start[thread]) as usize,
        }
    }

    /// The posts of the `thread`th thread of the corpus (empty past the last).
    fn thread_bounds(&self, thread: usize) -> Range<u32> {
        let start = self.thread_start.get(thread).copied().unwrap_or(self.posts);
        let end = (self.thread_start.get(thread + 1).copied()).unwrap_or(self.posts);
        start..end
    }
}

impl Corpus {
    /// The document at `doc`.
    pub fn document(&self, doc: DocIndex) -> &Document {
        &self.documents[doc.index()]
    }

    /// The post at `at`.
    pub fn post(&self, at: PostRef) -> &Post {
        &self.document(at.doc).threads[at.thread].posts[at.post]
    }
}
