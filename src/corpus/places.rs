//! Where a post is: its place as document, thread and post indices ([`PostRef`]), or as its
//! ordinal among all posts in corpus order (4 bytes, for the tables that keep millions);
//! [`Places`] turns one into the other.

use super::{Corpus, Document, Post};
use std::ops::Range;

/// A post's place in the corpus: document, thread and post indices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PostRef {
    pub doc: usize,
    pub thread: usize,
    pub post: usize,
}

/// Every post's place in corpus order: a post's ordinal (its position among all posts)
/// as document, thread and post indices, and back. (Four billion posts would not fit in
/// memory long before they would not fit in a `u32`.)
#[derive(Debug, Clone, PartialEq, Eq)]
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
    pub fn new(documents: &[Document]) -> Places {
        let mut places = Places::default();
        places.extend(documents);
        places
    }

    /// Adds `documents`, which follow the ones already placed.
    pub fn extend(&mut self, documents: &[Document]) {
        for doc in documents {
            for thread in &doc.threads {
                self.thread_start.push(self.posts);
                self.posts += thread.posts.len() as u32;
            }
            self.doc_thread.push(self.thread_start.len() as u32);
        }
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

    /// The ordinals of the posts of document `doc`.
    pub fn of_document(&self, doc: usize) -> Range<u32> {
        let Some(threads) = self.doc_thread.get(doc..doc + 2) else {
            return 0..0;
        };
        self.thread_bounds(threads[0] as usize).start..self.thread_bounds(threads[1] as usize).start
    }

    /// The ordinal of the post at `at`, if there is such a post.
    pub fn ordinal(&self, at: PostRef) -> Option<u32> {
        let first = *self.doc_thread.get(at.doc)? as usize;
        let last = *self.doc_thread.get(at.doc + 1)? as usize;
        let thread = first + at.thread;
        let posts = self.thread_bounds(thread);
        (thread < last && at.post < posts.len()).then(|| posts.start + at.post as u32)
    }

    /// The post at `ordinal` as document, thread and post indices.
    pub fn post_ref(&self, ordinal: u32) -> PostRef {
        let thread = self.thread_start.partition_point(|&s| s <= ordinal) - 1;
        let doc = self.doc_thread.partition_point(|&t| t as usize <= thread) - 1;
        PostRef {
            doc,
            thread: thread - self.doc_thread[doc] as usize,
            post: (ordinal - self.thread_start[thread]) as usize,
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
    /// The post at `at`.
    pub fn post(&self, at: PostRef) -> &Post {
        &self.documents[at.doc].threads[at.thread].posts[at.post]
    }
}
