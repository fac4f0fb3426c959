//! A corpus's documents held for outputs that read them one at a time ([`super::Docs`]):
//! documents made from page files as they are, and those a file holds by the hundred
//! thousand (tread's own JSON, which a load keeps packed) still packed, each unpacked when
//! it is read and let go after. A packed document takes a few dozen bytes where the same
//! document made takes five hundred and more; a page's document is mostly its text either
//! way, and is not packed again.

use super::Document;
use super::packed::Packed;
use std::sync::atomic::{AtomicBool, Ordering};

/// Documents in corpus order, held as a load gave them: made, or packed.
#[derive(Debug, Default)]
pub struct Held {
    parts: Vec<Part>,
    len: usize,
    /// The place in corpus order of each document's first post, and after them all how
    /// many posts there are: known without unpacking anything.
    first_post: Vec<u32>,
    /// Whether a packed document did not read back (it is read as an empty one, in its
    /// place, so that places never shift).
    damaged: AtomicBool,
}

impl Clone for Held {
    fn clone(&self) -> Held {
        Held {
            parts: self.parts.clone(),
            len: self.len,
            first_post: self.first_post.clone(),
            damaged: AtomicBool::new(self.damaged()),
        }
    }
}

/// Documents made one by one, held as they are.
impl FromIterator<Document> for Held {
    fn from_iter<I: IntoIterator<Item = Document>>(documents: I) -> Held {
        let mut held = Held::default();
        documents
            .into_iter()
            .for_each(|document| held.push_made(document));
        held.finish();
        held
    }
}

#[derive(Debug, Clone)]
enum Part {
    Made {
        start: usize,
        documents: Vec<Document>,
    },
    Packed {
        start: usize,
        packed: Packed,
        /// The place of each chunk's first document, from `start`.
        chunk_starts: Vec<usize>,
    },
}

impl Held {
    /// Adds a document after the others, as it is.
    pub fn push_made(&mut self, document: Document) {
        self.count_posts(&document);
        match self.parts.last_mut() {
            Some(Part::Made { documents, .. }) => documents.push(document),
            _ => {
                self.seal();
                self.parts.push(Part::Made {
                    start: self.len,
                    documents: vec![document],
                })
            }
        }
        self.len += 1;
    }

    /// Adds a document after the others, packed.
    pub fn push_packed(&mut self, document: &Document) {
        self.count_posts(document);
        if !matches!(self.parts.last(), Some(Part::Packed { .. })) {
            self.seal();
            let (start, packed, chunk_starts) = (self.len, Packed::default(), Vec::new());
            (self.parts).push(Part::Packed {
                start,
                packed,
                chunk_starts,
            });
        }
        if let Some(Part::Packed {
            packed,
            chunk_starts,
            ..
        }) = self.parts.last_mut()
        {
            let (chunks, place) = (packed.chunks(), packed.len());
            packed.push(document);
            // A chunk begun by this document starts at its place.
            if packed.chunks() > chunks {
                chunk_starts.push(place);
            }
        }
        self.len += 1;
    }

    /// Keeps where the posts of `document`, added now, start and end.
    fn count_posts(&mut self, document: &Document) {
        let start = self.first_post.last().copied().unwrap_or(0);
        if self.first_post.is_empty() {
            self.first_post.push(0);
        }
        // More than four billion posts would not be held in memory anyway.
        let end = start.saturating_add(u32::try_from(document.post_count()).unwrap_or(u32::MAX));
        self.first_post.push(end);
    }

    /// Ends the documents added: the last part keeps no room for more.
    pub fn finish(&mut self) {
        self.seal();
    }

    /// Adds the documents `more` holds after these, as they are held.
    pub fn append(&mut self, more: Held) {
        self.seal();
        let offset = self.len;
        let posts = self.first_post.last().copied().unwrap_or(0);
        for mut part in more.parts {
            match &mut part {
                Part::Made { start, .. } | Part::Packed { start, .. } => *start += offset,
            }
            self.parts.push(part);
        }
        let more_posts = more
            .first_post
            .iter()
            .skip(usize::from(!self.first_post.is_empty()));
        self.first_post.extend(more_posts.map(|&p| p + posts));
        self.len += more.len;
        if more.damaged.load(Ordering::Relaxed) {
            self.damaged.store(true, Ordering::Relaxed);
        }
    }

    /// The place in corpus order of the first post of the document at `at`, and how many
    /// posts it has.
    pub fn posts_of(&self, at: usize) -> (usize, usize) {
        let (start, end) = (self.first_post[at], self.first_post[at + 1]);
        (start as usize, (end - start) as usize)
    }

    /// The part holding the document at `at`, and its place in the part.
    fn part_of(&self, at: usize) -> Option<(&Part, usize)> {
        let start = |part: &Part| match part {
            Part::Made { start, .. } | Part::Packed { start, .. } => *start,
        };
        let after = self.parts.partition_point(|part| start(part) <= at);
        let part = self.parts.get(after.checked_sub(1)?)?;
        (at < self.len).then(|| (part, at - start(part)))
    }

    /// The document at `at` if it is held made.
    pub fn made(&self, at: usize) -> Option<&Document> {
        match self.part_of(at)? {
            (Part::Made { documents, .. }, i) => documents.get(i),
            (Part::Packed { .. }, _) => None,
        }
    }

    /// The documents of the chunk holding the document at `at`, unpacked, with their places,
    /// if it is held packed: the documents shown together are mostly neighbours, and a chunk
    /// is read whole in the time it takes to read to the middle.
    pub fn unpack_chunk(&self, at: usize) -> Option<impl Iterator<Item = (usize, Document)>> {
        let (Part::Packed { .. }, _) = self.part_of(at)? else {
            return None;
        };
        self.parts().find_map(|shelf| match shelf {
            Shelf::Packed(chunks)
                if (chunks.start()..chunks.start() + chunks.len()).contains(&at) =>
            {
                Some(chunks.chunk(chunks.chunk_of(at)))
            }
            _ => None,
        })
    }

    /// Every document held made, with its place and the place of its first post in corpus
    /// order, to change in place.
    pub fn made_mut(&mut self) -> impl Iterator<Item = (usize, usize, &mut Document)> {
        let first_post = &self.first_post;
        self.parts
            .iter_mut()
            .flat_map(move |part| -> Box<dyn Iterator<Item = _>> {
                match part {
                    Part::Made { start, documents } => {
                        let places = *start..;
                        let made = places.zip(documents.iter_mut());
                        Box::new(made.map(move |(at, doc)| (at, first_post[at] as usize, doc)))
                    }
                    Part::Packed { .. } => Box::new(std::iter::empty()),
                }
            })
    }

    /// Gives back the room the last part kept for more.
    fn seal(&mut self) {
        match self.parts.last_mut() {
            Some(Part::Made { documents, .. }) => documents.shrink_to_fit(),
            Some(Part::Packed { packed, .. }) => packed.fit(),
            None => {}
        }
    }

    /// How many documents it holds.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Whether any packed document did not read back, so far.
    pub fn damaged(&self) -> bool {
        self.damaged.load(Ordering::Relaxed)
    }

    /// Its parts, each read on its own.
    pub(crate) fn parts(&self) -> impl Iterator<Item = Shelf<'_>> {
        self.parts.iter().map(|part| match part {
            Part::Made { start, documents } => Shelf::Made(*start, documents),
            Part::Packed {
                start,
                packed,
                chunk_starts,
            } => Shelf::Packed(Chunks {
                start: *start,
                packed,
                chunk_starts,
                damaged: &self.damaged,
            }),
        })
    }

    /// Every document with its place, in order, as it is held or unpacked one at a time.
    pub fn iter(&self) -> impl Iterator<Item = (usize, std::borrow::Cow<'_, Document>)> {
        use std::borrow::Cow;
        self.parts()
            .flat_map(|shelf| -> Box<dyn Iterator<Item = _>> {
                match shelf {
                    Shelf::Made(start, documents) => {
                        Box::new((start..).zip(documents.iter().map(Cow::Borrowed)))
                    }
                    Shelf::Packed(chunks) => Box::new(
                        (0..chunks.count())
                            .flat_map(move |c| chunks.chunk(c).map(|(i, d)| (i, Cow::Owned(d)))),
                    ),
                }
            })
    }

    /// Every document with its place, in order, given up: those held made are moved out,
    /// those packed unpacked a chunk at a time.
    pub fn into_documents(self) -> impl Iterator<Item = (usize, Document)> {
        let damaged = self.damaged;
        self.parts
            .into_iter()
            .flat_map(move |part| -> Box<dyn Iterator<Item = _>> {
                match part {
                    Part::Made { start, documents } => Box::new((start..).zip(documents)),
                    Part::Packed {
                        start,
                        packed,
                        chunk_starts,
                    } => {
                        let damaged = AtomicBool::new(damaged.load(Ordering::Relaxed));
                        let mut next = 0;
                        let mut chunk = Vec::new().into_iter();
                        Box::new(std::iter::from_fn(move || {
                            loop {
                                if let Some(item) = chunk.next() {
                                    return Some(item);
                                }
                                let chunks = Chunks {
                                    start,
                                    packed: &packed,
                                    chunk_starts: &chunk_starts,
                                    damaged: &damaged,
                                };
                                if next >= chunks.count() {
                                    return None;
                                }
                                chunk = chunks.chunk(next).collect::<Vec<_>>().into_iter();
                                next += 1;
                            }
                        }))
                    }
                }
            })
    }
}

/// One part of what is held, to be read on its own: documents made (the place of the
/// first, and the documents), or packed chunks.
pub(crate) enum Shelf<'h> {
    Made(usize, &'h [Document]),
    Packed(Chunks<'h>),
}

/// A part of packed documents, read a chunk at a time.
#[derive(Clone, Copy)]
pub(crate) struct Chunks<'h> {
    start: usize,
    packed: &'h Packed,
    chunk_starts: &'h [usize],
    damaged: &'h AtomicBool,
}

impl<'h> Chunks<'h> {
    /// How many chunks.
    pub(crate) fn count(&self) -> usize {
        self.chunk_starts.len()
    }

    /// The place of the first document of the part.
    pub(crate) fn start(&self) -> usize {
        self.start
    }

    /// How many documents the part holds.
    pub(crate) fn len(&self) -> usize {
        self.packed.len()
    }

    /// The chunk holding the document at place `at` (a place in the part).
    pub(crate) fn chunk_of(&self, at: usize) -> usize {
        let within = at - self.start;
        (self.chunk_starts.partition_point(|&start| start <= within)).saturating_sub(1)
    }

    /// The documents of chunk `c` with their places, in order. One that does not read is
    /// an empty document in its place, and the part says it was damaged.
    pub(crate) fn chunk(self, c: usize) -> impl Iterator<Item = (usize, Document)> + 'h {
        let first = self.start + self.chunk_starts[c];
        (first..).zip(self.packed.chunk(c)).map(|(at, document)| {
            let document = document.unwrap_or_else(|| {
                self.damaged.store(true, Ordering::Relaxed);
                unreadable()
            });
            (at, document)
        })
    }
}

/// What stands in for a document that did not read back: nothing.
pub(super) fn unreadable() -> Document {
    let nothing = super::Reading::new(super::Kind::Plain);
    Document::from_reading(String::new(), String::new(), nothing, Vec::new())
}

/// Documents held as a test needs them.
#[cfg(test)]
pub(crate) mod testing {
    use super::{Held, Shelf};
    use crate::corpus::Document;

    /// The seeds, unresolved, `copies` times over (with ids of their own): enough, copied a
    /// dozen times, for several chunks of packed records.
    pub(crate) fn seeds_copied(copies: usize) -> Vec<Document> {
        let (seeds, _) = crate::corpus::parse(crate::corpus::load::bundled_sources());
        let copies = (0..copies).flat_map(|copy| {
            seeds.iter().cloned().map(move |mut doc| {
                doc.id = format!("{}-{copy}", doc.id);
                doc
            })
        });
        copies.collect()
    }

    /// `documents` held: the first few made, then most packed (in several chunks), then the
    /// last few made again.
    pub(crate) fn held(documents: &[Document]) -> Held {
        let mut held = Held::default();
        for (i, doc) in documents.iter().enumerate() {
            match i < 3 || i >= documents.len() - 4 {
                true => held.push_made(doc.clone()),
                false => held.push_packed(doc),
            }
        }
        held.finish();
        let chunks = held.parts().map(|shelf| match shelf {
            Shelf::Packed(chunks) => chunks.count(),
            Shelf::Made(..) => 0,
        });
        assert!(chunks.sum::<usize>() > 2, "the test needs several chunks");
        held
    }
}
