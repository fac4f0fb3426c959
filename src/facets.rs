//! Facets: the authors, hashtags, organisations and mentions of a corpus, each with the
//! documents and posts it occurs in. Hashtags and mentions fold case ("#carereview" and
//! "#CareReview" are one entry showing both); organisations are already canonical.

use crate::corpus::{
    Author, Corpus, DocIndex, Docs, Document, Ordinal, Ordinals, Places, Post, PostRef, Resolution,
    Thread, Variants,
};
use foldhash::HashMap;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

mod kept;
pub use kept::{Kept, Shown, ShownEntry};

/// Which facet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, strum::VariantArray)]
pub enum FacetKind {
    Author,
    Hashtag,
    Org,
    Mention,
    /// What kind of document a post is in: unroll, article, reply, repost….
    Kind,
    /// What the review says of a post: marked, noted, read, unread.
    #[value(skip)]
    Review,
    /// The codes the review gave a post.
    #[value(skip)]
    Code,
}

/// One value of a facet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The spelling shown: the most used one.
    pub name: String,
    /// Every spelling seen (for organisations: the aliases and handles folded into it).
    pub variants: Vec<String>,
    /// The documents it occurs in, as their places in the corpus (not their ids: a
    /// facet of a large corpus would hold hundreds of thousands of copies).
    pub documents: Vec<DocIndex>,
    /// How many of its posts each of `documents` holds: the filters' counts need no more.
    per_document: Vec<u32>,
    /// How many posts it occurs in.
    pub posts: usize,
    /// The posts themselves, as their ordinals (places among all posts, in corpus order):
    /// 4 bytes each, and facets keep one for every post a value occurs in, millions in a
    /// large corpus.
    ordinals: Vec<Ordinal>,
    /// Turns ordinals back into places; one for all the entries of a corpus.
    index: Arc<Places>,
}

impl Entry {
    /// Whether the entry is the value `name` names: its name, or one of its spellings
    /// (after a reload, the most used spelling may have changed).
    pub fn is_named(&self, name: &str) -> bool {
        self.name == name || self.variants.iter().any(|v| v == name)
    }

    /// An entry named `name` holding `ordinals` (in corpus order), counted by document in
    /// one walk beside the documents' ranges.
    pub fn of_posts(name: String, ordinals: Vec<Ordinal>, places: &Arc<Places>) -> Entry {
        let mut documents: Vec<DocIndex> = Vec::new();
        let mut per_document: Vec<u32> = Vec::new();
        let mut doc = DocIndex::default();
        for &ordinal in &ordinals {
            if !places.of_document(doc).contains(ordinal) {
                doc = places.post_ref(ordinal).doc;
            }
            match documents.last() == Some(&doc) {
                true => *per_document.last_mut().expect("a count a document") += 1,
                false => {
                    documents.push(doc);
                    per_document.push(1);
                }
            }
        }
        Entry {
            name,
            variants: Vec::new(),
            documents,
            per_document,
            posts: ordinals.len(),
            ordinals,
            index: Arc::clone(places),
        }
    }

    /// The ordinals of the posts it occurs in, in corpus order.
    pub fn ordinals(&self) -> &[Ordinal] {
        &self.ordinals
    }

    /// The posts it occurs in, in corpus order.
    pub fn post_refs(&self) -> impl ExactSizeIterator<Item = PostRef> + '_ {
        self.ordinals.iter().map(|&o| self.index.post_ref(o))
    }

    /// Each document it occurs in, with how many of its posts are there.
    pub fn document_posts(&self) -> impl Iterator<Item = (DocIndex, usize)> + '_ {
        (self.documents.iter())
            .zip(&self.per_document)
            .map(|(&d, &n)| (d, n as usize))
    }

    /// Each document it occurs in, with the ordinals of its posts there.
    pub fn posts_by_document(&self) -> impl Iterator<Item = (DocIndex, &[Ordinal])> + '_ {
        let mut rest = self.ordinals.as_slice();
        self.document_posts().map(move |(doc, n)| {
            let (here, after) = rest.split_at(n);
            rest = after;
            (doc, here)
        })
    }

    /// How many documents and posts it occurs in.
    pub fn count(&self) -> crate::filters::Count {
        crate::filters::Count {
            documents: self.documents.len(),
            posts: self.posts,
        }
    }
}

/// All five facets, entries ordered by post count (most first), then name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facets {
    pub authors: Vec<Entry>,
    pub hashtags: Vec<Entry>,
    pub organisations: Vec<Entry>,
    pub mentions: Vec<Entry>,
    pub kinds: Vec<Entry>,
    /// Marked, noted, read, unread: from the review, not the corpus ([`Facets::set_review`]).
    pub review: Vec<Entry>,
    /// The review's codes.
    pub codes: Vec<Entry>,
    /// Every post's place, shared by the entries.
    places: Arc<Places>,
}

/// The entries of the facets `kinds` of `docs` (whose organisations are spelt as
/// `variants` says), with `resolution` applied if there is one: the documents are read
/// once for them all.
fn entries<D: Docs + ?Sized>(
    docs: &D,
    variants: &Variants,
    resolution: Option<&Resolution>,
    index: &Arc<Places>,
    kinds: &[FacetKind],
) -> Vec<Vec<Entry>> {
    let mut builders: Vec<(FacetKind, Builder)> =
        kinds.iter().map(|&k| (k, Builder::default())).collect();
    // The posts that name organisations come straight from the resolution's list: a few
    // of all, and no post need be looked at.
    let (listed, read): (Vec<_>, Vec<_>) = (builders.iter_mut())
        .partition(|(kind, _)| *kind == FacetKind::Org && resolution.is_some());
    let mut handles = BTreeMap::new();
    let wants_handles = kinds.contains(&FacetKind::Author);
    add_posts(
        read,
        docs,
        resolution,
        wants_handles.then_some(&mut handles),
    );
    if let (Some((_, builder)), Some(resolution)) = (listed.into_iter().next(), resolution) {
        let mut doc = DocIndex::default();
        for (at, organisations) in resolution.named_posts() {
            // The posts come in corpus order: their document seldom changes.
            if !index.of_document(doc).contains(at) {
                doc = index.post_ref(at).doc;
            }
            for org in organisations {
                builder.add(org, str::to_string, Ordinals::single(at), doc);
            }
        }
    }
    let finish = |(kind, builder): (FacetKind, Builder)| match kind {
        // Each author's handle as the documents give it, resolved: a thread that takes
        // the author of the thread it repeats takes that author's handle too.
        FacetKind::Author => builder.finish(index, |name| {
            handles.get(name).cloned().into_iter().collect()
        }),
        FacetKind::Org => builder.finish(index, |name| {
            let variants = resolution.map_or(variants, |r| &r.org_variants);
            (variants.get(name))
                .map(|v| v.iter().cloned().collect())
                .unwrap_or_default()
        }),
        _ => builder.finish(index, |_| Vec::new()),
    };
    builders.into_iter().map(finish).collect()
}

/// Every post's values of each facet of `builders`, in corpus order; and into `handles`,
/// when asked, each author's handle by name (the last written of a name).
fn add_posts<D: Docs + ?Sized>(
    mut builders: Vec<&mut (FacetKind, Builder)>,
    docs: &D,
    resolution: Option<&Resolution>,
    mut handles: Option<&mut BTreeMap<String, String>>,
) {
    let mut done = Ordinals::default();
    docs.for_each(|d, doc| {
        let at = DocIndex::new(d);
        let first = done.end();
        if let Some(handles) = handles.as_deref_mut() {
            author_handles(doc, at, resolution, handles);
        }
        for (t, thread) in doc.threads.iter().enumerate() {
            let posts = done.following(thread.posts.len());
            done = posts;
            for (kind, builder) in builders.iter_mut().map(|b| (b.0, &mut b.1)) {
                add_thread(builder, kind, (doc, at), (t, thread, posts), resolution);
            }
        }
        let posts = Ordinals::between(first, done.end());
        let kinds = builders.iter_mut().filter(|b| b.0 == FacetKind::Kind);
        for (_, builder) in kinds.map(|b| (b.0, &mut b.1)) {
            if !posts.is_empty() {
                builder.add(doc.kind.name(), str::to_string, posts, at);
            }
        }
    });
}

/// The values of facet `kind` of the `t`th thread of `doc` (at `at`), whose posts are
/// `posts`.
fn add_thread(
    builder: &mut Builder,
    kind: FacetKind,
    (doc, at): (&Document, DocIndex),
    (t, thread, posts): (usize, &Thread, Ordinals),
    resolution: Option<&Resolution>,
) {
    match kind {
        // A thread's posts share its author: one entry looked up for them all.
        FacetKind::Author => {
            let author = match resolution {
                Some(resolution) => resolution.thread_author(at, t, thread.author.as_ref()),
                None => thread.author.as_ref(),
            };
            if let Some(author) = author.or(doc.author.as_ref()) {
                builder.add(&author.name, str::to_string, posts, at);
            }
        }
        FacetKind::Hashtag => {
            builder.add_each(&thread.posts, posts, at, |p| &p.hashtags, str::to_lowercase)
        }
        FacetKind::Mention => {
            builder.add_each(&thread.posts, posts, at, |p| &p.mentions, str::to_lowercase)
        }
        // Organisations are canonical names already.
        FacetKind::Org => builder.add_each(
            &thread.posts,
            posts,
            at,
            |p| &p.organisations,
            str::to_string,
        ),
        // Kinds are counted by document; the review's are not the corpus's.
        FacetKind::Kind | FacetKind::Review | FacetKind::Code => {}
    }
}

/// Gathers one facet's entries under a folding key. A corpus names the same few thousand
/// values hundreds of thousands of times, so a value seen before costs one lookup by its
/// spelling and no allocation; only a new spelling is folded and stored.
#[derive(Default)]
struct Builder {
    /// Every spelling seen: its entry, and its place among the entry's spellings.
    spellings: HashMap<String, (usize, usize)>,
    /// Folding key to entry.
    keys: HashMap<String, usize>,
    entries: Vec<Accumulator>,
}

#[derive(Default)]
struct Accumulator {
    /// The folding key (the last tie-break of the order of entries).
    key: String,
    /// Spellings and how many times each was written.
    spellings: Vec<(String, usize)>,
    /// Ordinals, in corpus order: posts are added in that order.
    posts: Vec<Ordinal>,
    /// The documents of `posts`, each once, and how many of the posts each holds.
    documents: Vec<DocIndex>,
    per_document: Vec<u32>,
}

impl Builder {
    /// Counts `spelling` at `posts` (ordinals, none before one counted already) of document
    /// `doc`, under the entry of `fold(spelling)`.
    fn add(
        &mut self,
        spelling: &str,
        fold: impl Fn(&str) -> String,
        posts: Ordinals,
        doc: DocIndex,
    ) {
        let (entry, slot) = self.entry(spelling, fold);
        let acc = &mut self.entries[entry];
        acc.spellings[slot].1 += posts.len();
        // A post that writes two spellings of one entry counts once.
        let posts = match acc.posts.last() {
            Some(last) => posts.starting_at(last.next()),
            None => posts,
        };
        if posts.is_empty() {
            return;
        }
        match acc.documents.last() == Some(&doc) {
            true => {
                *acc.per_document.last_mut().expect("one count a document") += posts.len() as u32
            }
            false => {
                acc.documents.push(doc);
                acc.per_document.push(posts.len() as u32);
            }
        }
        acc.posts.extend(posts);
    }

    /// Counts each of the values `values` gives for each of `posts` (ordinals `ordinals`) of
    /// document `doc`, under the entries of their `fold`.
    fn add_each<S: AsRef<str>>(
        &mut self,
        posts: &[Post],
        ordinals: Ordinals,
        doc: DocIndex,
        values: fn(&Post) -> &[S],
        fold: fn(&str) -> String,
    ) {
        for (post, at) in posts.iter().zip(ordinals) {
            for value in values(post) {
                self.add(value.as_ref(), fold, Ordinals::single(at), doc);
            }
        }
    }

    /// The entry of `spelling` and its place among the entry's spellings, made if new.
    fn entry(&mut self, spelling: &str, fold: impl Fn(&str) -> String) -> (usize, usize) {
        if let Some(&known) = self.spellings.get(spelling) {
            return known;
        }
        let next = self.entries.len();
        let key = fold(spelling);
        let entry = *self.keys.entry(key.clone()).or_insert(next);
        if entry == next {
            self.entries.push(Accumulator {
                key,
                ..Accumulator::default()
            });
        }
        let spellings = &mut self.entries[entry].spellings;
        spellings.push((spelling.to_string(), 0));
        let known = (entry, spellings.len() - 1);
        self.spellings.insert(spelling.to_string(), known);
        known
    }

    fn finish(
        self,
        index: &Arc<Places>,
        extra_variants: impl Fn(&str) -> Vec<String>,
    ) -> Vec<Entry> {
        let mut entries: Vec<(String, Entry)> = (self.entries.into_iter())
            .map(|mut acc| {
                // A facet's lists are final: the room they kept to grow is given back.
                acc.posts.shrink_to_fit();
                let name = most_used(&acc.spellings);
                let mut variants: BTreeSet<String> =
                    acc.spellings.into_iter().map(|(s, _)| s).collect();
                variants.extend(extra_variants(&name));
                acc.documents.shrink_to_fit();
                acc.per_document.shrink_to_fit();
                let entry = Entry {
                    name,
                    variants: variants.into_iter().collect(),
                    documents: acc.documents,
                    per_document: acc.per_document,
                    posts: acc.posts.len(),
                    ordinals: acc.posts,
                    index: Arc::clone(index),
                };
                (acc.key, entry)
            })
            .collect();
        // Most posts first, then by name ignoring case, then by key: a fixed order.
        entries.sort_by_cached_key(|(key, e)| {
            (
                std::cmp::Reverse(e.posts),
                e.name.to_lowercase(),
                key.clone(),
            )
        });
        entries.into_iter().map(|(_, entry)| entry).collect()
    }
}

/// The spelling written most, the first in byte order among equals.
fn most_used(spellings: &[(String, usize)]) -> String {
    let best = spellings
        .iter()
        .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)));
    best.map(|(s, _)| s.clone()).unwrap_or_default()
}

impl Facets {
    /// Builds the facets of a corpus, each on a core of its own.
    pub fn build(corpus: &Corpus) -> Facets {
        Facets::build_from(corpus, None)
    }

    /// The facets `corpus` will have once `resolution` is applied to it: built before, from
    /// the documents as they are, while the screen still shows them.
    pub fn resolved(corpus: &Corpus, resolution: &Resolution) -> Facets {
        Facets::build_from(corpus, Some(resolution))
    }

    /// The facets `docs` will have once `resolution` is applied to them, read one at a
    /// time: for documents held packed, never all at once as documents.
    pub fn of_resolved<D: Docs + ?Sized>(docs: &D, resolution: &Resolution) -> Facets {
        Facets::of_resolved_at(docs, resolution, Arc::new(Places::of(docs)))
    }

    /// [`Facets::of_resolved`] with the places of `docs`' posts already counted (a pass
    /// that unpacks every document, made once).
    pub fn of_resolved_at<D: Docs + ?Sized>(
        docs: &D,
        resolution: &Resolution,
        places: Arc<Places>,
    ) -> Facets {
        Facets::build_over(docs, &Variants::default(), Some(resolution), places)
    }

    fn build_from(corpus: &Corpus, resolution: Option<&Resolution>) -> Facets {
        let docs = &corpus.documents;
        let places = Arc::new(Places::of(docs));
        Facets::build_over(docs, &corpus.org_variants, resolution, places)
    }

    fn build_over<D: Docs + ?Sized>(
        docs: &D,
        variants: &Variants,
        resolution: Option<&Resolution>,
        index: Arc<Places>,
    ) -> Facets {
        // Two passes over the documents, one a core, each for some of the facets.
        let halves = FacetKind::CORPUS.split_at(3);
        let (first, second) = rayon::join(
            || entries(docs, variants, resolution, &index, halves.0),
            || entries(docs, variants, resolution, &index, halves.1),
        );
        let built: Vec<Vec<Entry>> = first.into_iter().chain(second).collect();
        let [authors, hashtags, organisations, mentions, kinds] =
            <[Vec<Entry>; 5]>::try_from(built).expect("one list per facet");
        Facets {
            authors,
            hashtags,
            organisations,
            mentions,
            kinds,
            review: unreviewed(&index),
            codes: Vec::new(),
            places: index,
        }
    }

    /// Takes the review's facets from `posts`, the posts each of its entries holds.
    pub fn set_review(&mut self, posts: ReviewPosts) {
        self.review = posts.entries(&self.places);
        let mut codes: Vec<Entry> = (posts.codes.into_iter())
            .map(|(name, ordinals)| Entry::of_posts(name, ordinals, &self.places))
            .collect();
        codes.sort_by_cached_key(|e| (std::cmp::Reverse(e.posts), e.name.to_lowercase()));
        self.codes = codes;
    }

    /// Every post's place in the corpus the facets were built from.
    pub fn places(&self) -> &Arc<Places> {
        &self.places
    }

    /// The entries of one facet.
    pub fn entries(&self, kind: FacetKind) -> &[Entry] {
        match kind {
            FacetKind::Author => &self.authors,
            FacetKind::Hashtag => &self.hashtags,
            FacetKind::Org => &self.organisations,
            FacetKind::Mention => &self.mentions,
            FacetKind::Kind => &self.kinds,
            FacetKind::Review => &self.review,
            FacetKind::Code => &self.codes,
        }
    }
}

/// The review's facet before a review says anything: every post unread.
fn unreviewed(places: &Arc<Places>) -> Vec<Entry> {
    let unread = places.all().into_iter().collect();
    ReviewPosts {
        unread,
        ..ReviewPosts::default()
    }
    .entries(places)
}

/// The posts of each entry of the review's two facets, in corpus order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReviewPosts {
    pub marked: Vec<Ordinal>,
    pub noted: Vec<Ordinal>,
    pub read: Vec<Ordinal>,
    pub unread: Vec<Ordinal>,
    /// Each code in use, and its posts.
    pub codes: Vec<(String, Vec<Ordinal>)>,
}

impl ReviewPosts {
    /// The names of the Review facet's entries, in their fixed order (`review:marked`).
    pub const STATES: [&'static str; 4] = ["marked", "noted", "read", "unread"];

    /// The Review facet's four entries, always all four, in their fixed order.
    fn entries(&self, places: &Arc<Places>) -> Vec<Entry> {
        let lists = [&self.marked, &self.noted, &self.read, &self.unread];
        (Self::STATES.iter().zip(lists))
            .map(|(name, posts)| Entry::of_posts(name.to_string(), posts.clone(), places))
            .collect()
    }
}

impl FacetKind {
    /// All facets, in display order.
    pub const ALL: &'static [FacetKind] = <FacetKind as strum::VariantArray>::VARIANTS;

    /// The facets of the corpus itself, without the review's.
    pub const CORPUS: &'static [FacetKind] = &[
        FacetKind::Author,
        FacetKind::Hashtag,
        FacetKind::Org,
        FacetKind::Mention,
        FacetKind::Kind,
    ];

    /// The facet's heading ("Authors") and JSON key ("authors").
    pub fn title(self) -> &'static str {
        match self {
            FacetKind::Author => "Authors",
            FacetKind::Hashtag => "Hashtags",
            FacetKind::Org => "Organisations",
            FacetKind::Mention => "Mentions",
            FacetKind::Kind => "Kinds",
            FacetKind::Review => "Review",
            FacetKind::Code => "Codes",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            FacetKind::Author => "authors",
            FacetKind::Hashtag => "hashtags",
            FacetKind::Org => "organisations",
            FacetKind::Mention => "mentions",
            FacetKind::Kind => "kinds",
            FacetKind::Review => "review",
            FacetKind::Code => "codes",
        }
    }
}

/// Adds to `handles` "@handle" for each author of `doc` (at `at`) named with a handle, its
/// threads' as they are once `resolution` is applied: a variant of the author entry.
fn author_handles(
    doc: &Document,
    at: DocIndex,
    resolution: Option<&Resolution>,
    handles: &mut BTreeMap<String, String>,
) {
    let threads = doc.threads.iter().enumerate();
    let thread_authors = threads.filter_map(|(t, thread)| match resolution {
        Some(resolution) => resolution.thread_author(at, t, thread.author.as_ref()),
        None => thread.author.as_ref(),
    });
    let all = doc.author.iter().chain(thread_authors);
    let with_handles = all.filter_map(|a: &Author| Some((&a.name, a.handle.as_ref()?)));
    for (name, handle) in with_handles {
        handles.insert(name.clone(), format!("@{handle}"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Glossary, Source};

    fn corpus(texts: &[&str]) -> Corpus {
        let sources = texts
            .iter()
            .enumerate()
            .map(|(i, t)| Source {
                id: format!("d{i}"),
                path: format!("d{i}.txt"),
                text: t.to_string(),
                warnings: vec![],
            })
            .collect();
        Corpus::from_sources(sources, &Glossary::default())
    }

    #[test]
    fn hashtags_fold_case_and_keep_variants() {
        let c = corpus(&[
            "first #CareReview\n\nsecond #carereview",
            "third #carereview",
        ]);
        let facets = Facets::build(&c);
        assert_eq!(facets.hashtags.len(), 1);
        let entry = &facets.hashtags[0];
        assert_eq!(entry.name, "carereview");
        assert_eq!(entry.variants, ["CareReview", "carereview"]);
        assert_eq!(entry.documents, [DocIndex::new(0), DocIndex::new(1)]);
    }

    #[test]
    fn counts_are_posts_not_occurrences() {
        let c = corpus(&["#a #a @x @X"]);
        let facets = Facets::build(&c);
        assert_eq!(facets.hashtags[0].posts, 1);
        assert_eq!(facets.mentions[0].posts, 1);
        assert_eq!(facets.mentions[0].variants, ["X", "x"]);
    }

    #[test]
    fn each_entry_counts_the_documents_of_its_posts() {
        use crate::corpus::load::bundled_glossary;
        let mut documents = crate::corpus::load::bundled().documents.to_vec();
        // An empty document between two others holds no post of any entry.
        let mut empty = documents[0].clone();
        empty.threads.clear();
        documents.insert(2, empty);
        let corpus = Corpus {
            documents: documents.into(),
            ..Corpus::default()
        };
        let resolution = Resolution::compute(&corpus.documents, &bundled_glossary());
        for facets in [
            Facets::build(&corpus),
            Facets::resolved(&corpus, &resolution),
        ] {
            for &kind in FacetKind::CORPUS {
                assert!(!facets.entries(kind).is_empty(), "{kind:?}");
                for entry in facets.entries(kind) {
                    let mut expected: Vec<(DocIndex, usize)> = Vec::new();
                    for at in entry.post_refs() {
                        match expected.last_mut() {
                            Some((doc, count)) if *doc == at.doc => *count += 1,
                            _ => expected.push((at.doc, 1)),
                        }
                    }
                    let counted: Vec<(DocIndex, usize)> = entry.document_posts().collect();
                    assert_eq!(counted, expected, "{kind:?} {}", entry.name);
                    assert_eq!(entry.posts, entry.post_refs().len());
                    assert!(!entry.documents.contains(&DocIndex::new(2)));
                }
            }
        }
    }

    #[test]
    fn facets_of_a_resolution_not_yet_applied_are_those_after_it() {
        use crate::corpus::load::{bundled_glossary, bundled_sources};
        let (documents, _) = crate::corpus::parse(bundled_sources());
        let listed = Corpus {
            documents: documents.into(),
            ..Corpus::default()
        };
        let resolution = Resolution::compute(&listed.documents, &bundled_glossary());
        let early = Facets::resolved(&listed, &resolution);
        let mut applied = listed.clone();
        applied.org_variants = applied.documents.resolve(resolution);
        assert_eq!(early, Facets::build(&applied));
        assert!(!early.organisations.is_empty());
        let repeats = applied.documents.iter().flat_map(|d| &d.threads);
        assert!(repeats.filter(|t| t.same_thread_as.is_some()).count() > 0);
        assert_eq!(applied.documents, crate::corpus::load::bundled().documents);
    }

    /// An excerpt that takes the author of the thread it repeats takes that author's handle:
    /// the facets made before the resolution is applied say so, as those made after do.
    #[test]
    fn an_excerpt_taking_its_holders_author_takes_the_handle_too() {
        use crate::corpus::load::{bundled_glossary, bundled_sources};
        let (mut documents, _) = crate::corpus::parse(bundled_sources());
        let glossary = bundled_glossary();
        let mut applied = documents.clone();
        Resolution::compute(&documents[..], &glossary).apply(&mut applied);
        let repeats = |d: &Document| d.threads.iter().find_map(|t| t.same_thread_as.clone());
        let listing = applied.iter().position(|d| repeats(d).is_some()).unwrap();
        let holder_id = repeats(&applied[listing]).unwrap();
        let holder = documents.iter().position(|d| d.id == holder_id).unwrap();
        // The holder is Ann's as @ann1; a document after it is Ann's as @ann2; the
        // listing's excerpts name no author, and come last.
        let ann = |handle: &str| {
            Some(Author::from_handle(handle)).map(|mut a| {
                a.name = "Ann".to_string();
                a
            })
        };
        documents[holder].author = ann("ann1");
        documents[holder]
            .threads
            .iter_mut()
            .for_each(|t| t.author = ann("ann1"));
        let listing = documents.remove(listing);
        let mut other = documents[(holder + 1) % documents.len()].clone();
        other.id = "other".to_string();
        other.author = ann("ann2");
        other.threads.iter_mut().for_each(|t| t.author = None);
        documents.push(other);
        let mut listing = listing;
        listing.threads.iter_mut().for_each(|t| t.author = None);
        documents.push(listing);
        let resolution = Resolution::compute(&documents[..], &glossary);
        let early = Facets::of_resolved(&documents[..], &resolution);
        let mut corpus = Corpus {
            documents: documents.into(),
            ..Corpus::default()
        };
        corpus.org_variants = corpus.documents.resolve(resolution);
        assert_eq!(early, Facets::build(&corpus));
        let ann = early.authors.iter().find(|e| e.name == "Ann").unwrap();
        assert!(
            ann.variants.contains(&"@ann1".to_string()),
            "{:?}",
            ann.variants
        );
    }

    #[test]
    fn entries_are_ordered_by_posts() {
        let c = corpus(&["#rare\n\n#common", "#common"]);
        let names: Vec<_> = Facets::build(&c)
            .hashtags
            .iter()
            .map(|e| e.name.clone())
            .collect();
        assert_eq!(names, ["common", "rare"]);
    }

    #[test]
    fn authors_count_their_threads_posts() {
        let c = corpus(&["Ann Example Profile picture\n2 tweets\nOne. 1/\nTwo. 2/2\n"]);
        let facets = Facets::build(&c);
        assert_eq!(facets.authors[0].name, "Ann Example");
        assert_eq!(facets.authors[0].posts, 2);
    }
}
