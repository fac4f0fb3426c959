//! The facets as the cache keeps them ([`Kept`]), and read back: whole, for the UI
//! ([`Facets::from_kept`]), or only what `tread facets` shows of them ([`Shown`]).

use super::{Entry, FacetKind, Facets, unreviewed};
use crate::corpus::packed::{self, Records};
use crate::corpus::{DocIndex, Ordinal, Places};
use rayon::prelude::*;
use std::sync::Arc;

/// The facets of the corpus itself as the cache keeps them, beside the resolution they
/// were built with: the places of the corpus's posts, and each entry as a record keyed by
/// its facet (its name, spellings, documents, posts per document and posts, each list of
/// places written as the gaps between them: a few bytes where places take four).
#[derive(Debug, Clone, PartialEq, Eq, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub struct Kept {
    places: Places,
    entries: Records,
}

impl Kept {
    /// The places of the posts of the corpus the facets were built for.
    pub fn places(&self) -> &Places {
        &self.places
    }

    /// Each facet's entries as `read` reads them from their records, by facet in
    /// [`FacetKind::CORPUS`]' order; none when the places do not hold together, or a record
    /// does not read back whole. Records are read on every core.
    fn read<T: Send>(
        &self,
        read: impl Fn(Head, &mut packed::Reader, &Places) -> Option<T> + Sync,
    ) -> Option<[Vec<T>; 5]> {
        self.places.holds_together().then_some(())?;
        let records = &self.entries;
        let places = &self.places;
        // Each chunk's records say their entries' facets.
        let chunks: Option<Vec<Vec<(usize, T)>>> = (0..records.chunk_count())
            .into_par_iter()
            .map(|c| {
                let entry = |record: &mut packed::Reader| {
                    let kind = record.key()?;
                    let at = FacetKind::CORPUS.iter().position(|k| k.key() == kind)?;
                    let head = Head::read(record, places)?;
                    Some((at, read(head, record, places)?))
                };
                records.read_chunk(c, entry).collect()
            })
            .collect();
        let mut kinds: [Vec<T>; 5] = Default::default();
        let mut count = 0;
        for (at, entry) in chunks?.into_iter().flatten() {
            kinds[at].push(entry);
            count += 1;
        }
        (count == records.len()).then_some(kinds)
    }
}

impl Facets {
    /// What the cache keeps of the corpus's facets.
    pub fn kept(&self) -> Kept {
        let mut entries = Records::default();
        for &kind in FacetKind::CORPUS {
            for entry in self.entries(kind) {
                entries.push(kind.key(), |record| {
                    record.key();
                    record.str(&entry.name);
                    record.uint(entry.variants.len() as u64);
                    entry.variants.iter().for_each(|v| record.str(v));
                    let documents = entry.documents.iter().map(|d| d.index());
                    write_places(record, documents);
                    entry
                        .per_document
                        .iter()
                        .for_each(|&n| record.uint(n.into()));
                    write_places(record, entry.ordinals.iter().map(|o| o.index()));
                });
            }
        }
        Kept {
            places: Places::clone(&self.places),
            entries,
        }
    }

    /// The facets the cache kept; none when they do not read back whole, or do not hold
    /// together (a post outside the corpus, or outside the document it is counted in).
    pub fn from_kept(kept: Kept) -> Option<Facets> {
        let [authors, hashtags, organisations, mentions, kinds] =
            kept.read(|head, record, places| {
                let mut ordinals = Vec::with_capacity(head.posts.min(record.left()));
                head.read_posts(record, places, |o| ordinals.push(o))?;
                Some((head, ordinals))
            })?;
        let places = Arc::new(kept.places);
        let entries = |read: Vec<(Head, Vec<Ordinal>)>| -> Vec<Entry> {
            (read.into_iter())
                .map(|(head, ordinals)| Entry {
                    name: head.name,
                    variants: head.variants,
                    documents: head.documents,
                    per_document: head.per_document,
                    posts: ordinals.len(),
                    ordinals,
                    index: Arc::clone(&places),
                })
                .collect()
        };
        Some(Facets {
            authors: entries(authors),
            hashtags: entries(hashtags),
            organisations: entries(organisations),
            mentions: entries(mentions),
            kinds: entries(kinds),
            review: unreviewed(&places),
            codes: Vec::new(),
            places: Arc::clone(&places),
        })
    }
}

/// What `tread facets` shows of an entry: its name, spellings, documents and how many
/// posts, without the posts themselves (millions of places in a large corpus, which only
/// the UI's filters need).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShownEntry<'a> {
    pub name: &'a str,
    pub variants: &'a [String],
    pub documents: &'a [DocIndex],
    pub posts: usize,
}

/// The corpus's facets as `tread facets` shows them, read from the cache. Each entry's
/// head is checked as [`Facets::from_kept`] checks it; its posts, which the command does
/// not show, are stepped over unread (the UI's read checks each of them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    kinds: [Vec<Head>; 5],
}

impl Shown {
    /// The facets `kept` holds; none when a head does not read back or does not hold
    /// together, a document counts more posts than it has, or the posts are cut short.
    pub fn from_kept(kept: &Kept) -> Option<Shown> {
        let kinds = kept.read(|head, record, places| {
            head.skip_posts(record, places)?;
            Some(head)
        })?;
        Some(Shown { kinds })
    }

    /// The entries of one facet of the corpus (none for the review's, which the cache does
    /// not keep).
    pub fn entries(&self, kind: FacetKind) -> Vec<ShownEntry<'_>> {
        let Some(at) = FacetKind::CORPUS.iter().position(|&k| k == kind) else {
            return Vec::new();
        };
        (self.kinds[at].iter())
            .map(|head| ShownEntry {
                name: &head.name,
                variants: &head.variants,
                documents: &head.documents,
                posts: head.posts,
            })
            .collect()
    }
}

/// What `tread facets` shows of `facets`: their lists of posts are dropped as each
/// entry is taken.
impl From<Facets> for Shown {
    fn from(facets: Facets) -> Shown {
        let heads = |entries: Vec<Entry>| -> Vec<Head> {
            (entries.into_iter())
                .map(|entry| Head {
                    name: entry.name,
                    variants: entry.variants,
                    documents: entry.documents,
                    per_document: entry.per_document,
                    posts: entry.posts,
                })
                .collect()
        };
        let kinds = [
            facets.authors,
            facets.hashtags,
            facets.organisations,
            facets.mentions,
            facets.kinds,
        ];
        Shown {
            kinds: kinds.map(heads),
        }
    }
}

/// An entry's record after its facet's key, up to its posts: its name, spellings,
/// documents and posts in each, and how many posts follow.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Head {
    name: String,
    variants: Vec<String>,
    documents: Vec<DocIndex>,
    per_document: Vec<u32>,
    posts: usize,
}

impl Head {
    /// The head of an entry as [`Facets::kept`] wrote it; none when it does not read back,
    /// a document is not among `places`' or counts no post, or the counts do not add up to
    /// the posts.
    fn read(record: &mut packed::Reader, places: &Places) -> Option<Head> {
        let name = record.str()?.to_string();
        let count = usize::try_from(record.uint()?).ok()?;
        let variants = (0..count.min(record.left()))
            .map(|_| record.str().map(str::to_string))
            .collect::<Option<Vec<String>>>()?;
        (variants.len() == count).then_some(())?;
        let documents = read_documents(record, places.documents())?;
        // Pushed, not collected through `Option`, which would grow the list as it went.
        let mut per_document = Vec::with_capacity(documents.len());
        for _ in 0..documents.len() {
            let n = u32::try_from(record.uint()?).ok().filter(|&n| n > 0)?;
            per_document.push(n);
        }
        let posts = usize::try_from(record.uint()?).ok()?;
        let counted: u64 = per_document.iter().map(|&n| u64::from(n)).sum();
        (counted == posts as u64).then_some(())?;
        Some(Head {
            name,
            variants,
            documents,
            per_document,
            posts,
        })
    }

    /// Reads the entry's posts, which follow its head, giving each to `each`: none unless
    /// they are in corpus order, each document's the next of the entry's and inside it.
    fn read_posts(
        &self,
        record: &mut packed::Reader,
        places: &Places,
        mut each: impl FnMut(Ordinal),
    ) -> Option<()> {
        let mut next = Gaps::default();
        for (&doc, &n) in self.documents.iter().zip(&self.per_document) {
            let range = places.of_document(doc);
            for _ in 0..n {
                // Checked against all posts first: an ordinal is a `u32`.
                let place = next.read(record).filter(|&place| place < places.len())?;
                let ordinal = Ordinal::new(place);
                range.contains(ordinal).then(|| each(ordinal))?;
            }
        }
        Some(())
    }
}

impl Head {
    /// Moves past the entry's posts, which follow its head, unread: none when a document
    /// counts more posts than it has, or the posts are not there.
    fn skip_posts(&self, record: &mut packed::Reader, places: &Places) -> Option<()> {
        let documents = self.documents.iter().zip(&self.per_document);
        let fits = |(&doc, &n): (&DocIndex, &u32)| n as usize <= places.of_document(doc).len();
        documents.clone().all(fits).then_some(())?;
        record.skip_uints(self.posts)
    }
}

/// Places in increasing order, as their count and the gaps between them.
fn write_places(record: &mut packed::Writer, places: impl ExactSizeIterator<Item = usize>) {
    record.uint(places.len() as u64);
    let mut last = 0;
    for place in places {
        record.uint((place - last) as u64);
        last = place;
    }
}

/// Documents' places as [`write_places`] wrote them: none when they are not in
/// increasing order or reach `end`.
fn read_documents(record: &mut packed::Reader, end: usize) -> Option<Vec<DocIndex>> {
    let count = usize::try_from(record.uint()?).ok()?;
    // Each place takes a byte at least: a count larger than the bytes left is damage.
    let mut places = Vec::with_capacity(count.min(record.left()));
    let mut next = Gaps::default();
    for _ in 0..count {
        let place = next.read(record).filter(|&place| place < end)?;
        places.push(DocIndex::new(place));
    }
    Some(places)
}

/// Reads places written as the gaps between them.
#[derive(Default)]
struct Gaps {
    last: Option<usize>,
}

impl Gaps {
    /// The next place; none when it does not read, or is not after the last.
    fn read(&mut self, record: &mut packed::Reader) -> Option<usize> {
        let gap = usize::try_from(record.uint()?).ok()?;
        let place = match self.last {
            None => gap,
            Some(last) => last.checked_add(gap).filter(|_| gap > 0)?,
        };
        self.last = Some(place);
        Some(place)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_facets_read_back_as_they_were_and_damaged_ones_not_at_all() {
        let facets = Facets::build(&crate::corpus::load::bundled());
        assert!(!facets.organisations.is_empty());
        let kept = facets.kept();
        assert_eq!(Facets::from_kept(kept.clone()), Some(facets.clone()));
        // Places that do not hold together: a document's threads out of order.
        let mut broken = kept.clone();
        broken.places.parts_mut().1.swap(1, 2);
        assert_eq!(Facets::from_kept(broken), None);
        // Places of another corpus, whose last thread starts later: the posts of the last
        // document are counted in a document they are not in.
        let mut other = kept;
        let (threads, _, posts) = other.places.parts_mut();
        *threads.last_mut().unwrap() = *posts;
        *posts += 7;
        assert_eq!(Facets::from_kept(other), None);
    }

    #[test]
    fn what_tread_facets_shows_reads_back_as_it_was_and_damaged_counts_not_at_all() {
        let facets = Facets::build(&crate::corpus::load::bundled());
        let kept = facets.kept();
        let shown = Shown::from_kept(&kept).expect("read back");
        assert_eq!(shown, Shown::from(facets.clone()));
        let names = |kind| -> Vec<&str> { shown.entries(kind).iter().map(|e| e.name).collect() };
        assert!(names(FacetKind::Org).contains(&"Family Rights Group"));
        // A document counted with more posts than it has (the posts added after the last,
        // so that the record still reads whole).
        let mut inflated = facets.clone();
        let entry = &mut inflated.organisations[0];
        let has = facets.places().of_document(entry.documents[0]).len();
        let extra = has + 1 - entry.per_document[0] as usize;
        entry.per_document[0] += extra as u32;
        entry.posts += extra;
        let last = entry.ordinals.last().expect("a post").index();
        (entry.ordinals).extend((1..=extra).map(|i| Ordinal::new(last + i)));
        assert_eq!(Shown::from_kept(&inflated.kept()), None);
        assert_eq!(Facets::from_kept(inflated.kept()), None);
        // A document counted with no post in it (its posts left to the next).
        let mut zeroed = facets.clone();
        // One whose second document has room for the first's posts: only the zero tells.
        let places = facets.places();
        let entry = zeroed.organisations.iter_mut().find(|e| {
            let room = |d: usize| places.of_document(e.documents[d]).len() as u32;
            e.documents.len() > 1 && e.per_document[0] + e.per_document[1] <= room(1)
        });
        let entry = entry.expect("an organisation in two documents");
        let first = entry.per_document[0];
        entry.per_document[0] = 0;
        entry.per_document[1] += first;
        assert_eq!(Shown::from_kept(&zeroed.kept()), None);
        assert_eq!(Facets::from_kept(zeroed.kept()), None);
        // Places that do not hold together.
        let mut broken = kept;
        broken.places.parts_mut().1.swap(1, 2);
        assert_eq!(Shown::from_kept(&broken), None);
    }
}
