//! Searching post text: every word of the query must occur in the post, ignoring case.

use crate::corpus::{Corpus, Docs, Document};
use crate::corpus::{DocIndex, Ordinal, Ordinals, Places, PostRef};
use regex::{Regex, RegexBuilder};
use std::ops::Range;
use std::sync::Arc;

/// A query split into words, each found ignoring case (Unicode case folding) by a compiled
/// literal search, so checking a post allocates nothing.
#[derive(Debug, Clone)]
pub struct Query {
    words: Vec<String>,
    finders: Vec<Finder>,
}

/// How one word is looked for.
#[derive(Debug, Clone)]
enum Finder {
    /// A word of ASCII characters, found in any ASCII case (`k` does not find the Kelvin
    /// sign). Besides the compiled search, a plain byte scan: a regex call has a fixed cost
    /// before it reads a byte, which dominates when the word is found at once,
    /// as it is when a longer query looks on from where a shorter one was found.
    Ascii {
        word: Vec<u8>,
        /// The position of its rarest letter in English text, which the scan looks for.
        anchor: usize,
        regex: Regex,
    },
    /// Any other word, found with Unicode case folding.
    Unicode(Regex),
}

impl Finder {
    fn new(word: &str) -> Finder {
        let regex = RegexBuilder::new(&regex::escape(word))
            .case_insensitive(true)
            .unicode(!word.is_ascii())
            .build()
            .expect("an escaped literal is a valid pattern");
        match word.is_ascii() {
            true => Finder::Ascii {
                word: word.as_bytes().to_ascii_lowercase(),
                anchor: rarest(word.as_bytes()),
                regex,
            },
            false => Finder::Unicode(regex),
        }
    }

    /// Where the word first occurs in `text` at or after byte `from` (a char boundary),
    /// looking through the whole text.
    fn find(&self, text: &str, from: usize) -> Option<usize> {
        match self {
            Finder::Ascii { word, .. } if word.len() == 1 => Self::scan(word, 0, text, from),
            Finder::Ascii { regex, .. } | Finder::Unicode(regex) => {
                regex.find_at(text, from).map(|m| m.start())
            }
        }
    }

    /// [`Finder::find`] where the word is likely at or just after `from`.
    fn find_near(&self, text: &str, from: usize) -> Option<usize> {
        match self {
            Finder::Ascii { word, anchor, .. } => Self::scan(word, *anchor, text, from),
            Finder::Unicode(regex) => regex.find_at(text, from).map(|m| m.start()),
        }
    }

    /// The byte scan: the word right at `from`, else each place its `anchor`th byte
    /// occurs (in either case), compared.
    fn scan(word: &[u8], anchor: usize, text: &str, from: usize) -> Option<usize> {
        let text = text.as_bytes();
        let at_from = text.get(from..from + word.len())?;
        if at_from.eq_ignore_ascii_case(word) {
            return Some(from);
        }
        let byte = word[anchor];
        let mut at = from + anchor + 1;
        while let Some(i) = memchr::memchr2(byte, byte.to_ascii_uppercase(), &text[at..]) {
            let start = at + i - anchor;
            let candidate = text.get(start..start + word.len())?;
            if candidate.eq_ignore_ascii_case(word) {
                return Some(start);
            }
            at += i + 1;
        }
        None
    }

    fn ranges<'a>(&'a self, text: &'a str) -> impl Iterator<Item = Range<usize>> + 'a {
        let (Finder::Ascii { regex, .. } | Finder::Unicode(regex)) = self;
        regex.find_iter(text).map(|m| m.range())
    }
}

/// Where in `word` its rarest letter is, by how often letters occur in English text;
/// anything but a letter counts as rarer still.
fn rarest(word: &[u8]) -> usize {
    const COMMON_FIRST: &[u8] = b"etaoinsrhldcumfpgwybvkxjqz";
    let rarity = |b: &u8| {
        let b = b.to_ascii_lowercase();
        COMMON_FIRST
            .iter()
            .position(|&c| c == b)
            .unwrap_or(COMMON_FIRST.len())
    };
    (0..word.len())
        .max_by_key(|&i| rarity(&word[i]))
        .unwrap_or(0)
}

impl PartialEq for Query {
    fn eq(&self, other: &Query) -> bool {
        self.words == other.words
    }
}

impl Eq for Query {}

impl Query {
    pub fn new(text: &str) -> Query {
        let words: Vec<String> = text.split_whitespace().map(str::to_lowercase).collect();
        let finders = words.iter().map(|w| Finder::new(w)).collect();
        Query { words, finders }
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Whether every word occurs in `text`.
    pub fn matches(&self, text: &str) -> bool {
        self.first_match(text).is_some()
    }

    /// When every word occurs in `text`: where the last word first does, which lets a
    /// query typed on from this one look from there ([`Query::narrow`]).
    pub fn first_match(&self, text: &str) -> Option<usize> {
        let (last, others) = self.finders.split_last()?;
        for finder in others {
            finder.find(text, 0)?;
        }
        last.find(text, 0)
    }

    /// For a query typed on from `previous` (its text extended): whether a post that
    /// `previous` matched, its last word first at `at`, matches this one, and where this
    /// one's last word first occurs. Only what changed is looked for: the grown last word
    /// from `at` (a match of the longer word begins with a match of the shorter, so none
    /// comes earlier) and each added word. `None` for a query not typed on from
    /// `previous`, as for a post it does not match.
    pub fn narrow(&self, previous: &Query, text: &str, at: usize) -> Option<usize> {
        let kept = previous.words.len().checked_sub(1)?;
        let grown = self.words.get(kept)?;
        let typed_on = self.words[..kept] == previous.words[..kept]
            && grown.starts_with(previous.words[kept].as_str());
        if !typed_on {
            return None;
        }
        let mut last = match *grown == previous.words[kept] {
            true => at,
            false => self.finders[kept].find_near(text, at)?,
        };
        for finder in &self.finders[kept + 1..] {
            last = finder.find(text, 0)?;
        }
        Some(last)
    }

    /// The most bytes a match of one of the query's words can take (a character of a word
    /// may match one of up to four bytes in another case).
    pub fn longest(&self) -> usize {
        self.words
            .iter()
            .map(|w| 4 * w.chars().count())
            .max()
            .unwrap_or(0)
    }

    /// Byte ranges in `text` where the query's words occur, for highlighting and snippets.
    pub fn ranges(&self, text: &str) -> Vec<Range<usize>> {
        let mut ranges: Vec<Range<usize>> =
            self.finders.iter().flat_map(|f| f.ranges(text)).collect();
        ranges.sort_by_key(|r| r.start);
        ranges
    }
}

/// The posts of `doc` (document `at` of its corpus) holding every word of `query`.
pub fn find_in<'a>(
    doc: &'a Document,
    at: DocIndex,
    query: &'a Query,
) -> impl Iterator<Item = PostRef> + 'a {
    let threads = doc.threads.iter().enumerate();
    threads.flat_map(move |(t, thread)| {
        let posts = thread.posts.iter().enumerate();
        posts
            .filter(|(_, post)| query.matches(&post.text))
            .map(move |(p, _)| PostRef {
                doc: at,
                thread: t,
                post: p,
            })
    })
}

/// Asks the processor to start loading `text` (its first 512 bytes, most posts whole) into
/// its cache. It reads nothing itself; where there is no such instruction, it does nothing.
#[inline]
fn prefetch(text: &str) {
    #[cfg(target_arch = "x86_64")]
    for line in text.as_bytes().chunks(64).take(8) {
        use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
        // SAFETY: `sse` is part of every x86_64 target, and a prefetch is a hint: it
        // reads nothing into the program and cannot fault, whatever the address.
        unsafe { _mm_prefetch::<_MM_HINT_T0>(line.as_ptr().cast()) };
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = text;
}

/// Every post's text in corpus order, in one flat table. A search over all documents reads
/// the texts one after another here instead of walking documents, threads and posts for
/// each, which at 20,000 documents was most of its time. The texts of documents the corpus
/// holds made are shared with it, so the table costs 16 bytes a post; those of documents
/// held packed (a file of many small ones) are copied into one string, as a document
/// unpacked for the table is let go at once and each text shared would be an allocation
/// of its own (24 bytes and more for a post of a few words).
#[derive(Debug, Clone, Default)]
pub struct PostTable {
    texts: Vec<Text>,
    /// The texts of posts of packed documents, one after another.
    kept: String,
    places: Places,
}

/// Where the table has a post's text.
#[derive(Debug, Clone)]
enum Text {
    /// Shared with the document.
    Shared(Arc<str>),
    /// In the table's own string, from `start` to `end`.
    Kept { start: u32, end: u32 },
}

// A post costs the table 16 bytes whichever way its text is held.
const _: () = assert!(std::mem::size_of::<Text>() == 16);

impl PostTable {
    /// The table of `corpus`'s posts.
    pub fn new(corpus: &Corpus) -> PostTable {
        let mut table = PostTable::default();
        let store = &corpus.documents;
        let all: Vec<usize> = (0..store.len()).collect();
        store.pick(&all, |at, doc| table.push_held(doc, store.is_packed(at)));
        table.shrink_to_fit();
        table
    }

    /// Adds `doc`, which follows the documents already in the table: its texts copied when
    /// it is `packed` (unpacked for the table alone), else shared.
    pub fn push_held(&mut self, doc: &Document, packed: bool) {
        for post in doc.posts() {
            let text = match packed {
                true => self.keep(&post.text),
                false => None,
            };
            (self.texts).push(text.unwrap_or_else(|| Text::Shared(post.text.clone())));
        }
        self.places.push(doc);
    }

    /// `text` copied into the table's string, unless that would take it past what its
    /// places can say (4 GiB).
    fn keep(&mut self, text: &str) -> Option<Text> {
        let start = u32::try_from(self.kept.len()).ok()?;
        let end = u32::try_from(self.kept.len() + text.len()).ok()?;
        self.kept.push_str(text);
        Some(Text::Kept { start, end })
    }

    /// Gives back the room kept for more posts, once no more will come.
    pub fn shrink_to_fit(&mut self) {
        self.texts.shrink_to_fit();
        self.kept.shrink_to_fit();
        self.places.shrink_to_fit();
    }

    /// How many posts.
    pub fn len(&self) -> usize {
        self.texts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.texts.is_empty()
    }

    pub fn text(&self, ordinal: Ordinal) -> &str {
        match &self.texts[ordinal.index()] {
            Text::Shared(text) => text,
            Text::Kept { start, end } => &self.kept[*start as usize..*end as usize],
        }
    }

    /// What `look` returns for each of `items` (posts, by `ordinal`), in order, dropping
    /// `None`s. A search reads a little of many posts' texts, each somewhere else in memory,
    /// so waiting for memory would be most of its time: the text a few posts ahead is asked
    /// for before the current one is looked at, so the waits overlap.
    pub fn find_each<I, T>(
        &self,
        items: &[I],
        ordinal: impl Fn(&I) -> Ordinal,
        look: impl Fn(&I, &str) -> Option<T>,
    ) -> Vec<T> {
        const AHEAD: usize = 16;
        for item in items.iter().take(AHEAD) {
            prefetch(self.text(ordinal(item)));
        }
        let mut found = Vec::new();
        for (i, item) in items.iter().enumerate() {
            if let Some(ahead) = items.get(i + AHEAD) {
                prefetch(self.text(ordinal(ahead)));
            }
            found.extend(look(item, self.text(ordinal(item))));
        }
        found
    }

    /// Every post.
    pub fn all(&self) -> Ordinals {
        self.places.all()
    }

    /// The posts of document `doc`.
    pub fn of_document(&self, doc: DocIndex) -> Ordinals {
        self.places.of_document(doc)
    }

    /// Where the post at `at` is, if the table holds it.
    pub fn ordinal(&self, at: PostRef) -> Option<Ordinal> {
        self.places.ordinal(at)
    }

    /// The post at `ordinal` as document, thread and post indices.
    pub fn post_ref(&self, ordinal: Ordinal) -> PostRef {
        self.places.post_ref(ordinal)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_words_must_occur_ignoring_case() {
        let q = Query::new("care REVIEW");
        assert!(q.matches("England's #CareReview"));
        assert!(!q.matches("care only"));
    }

    #[test]
    fn empty_query_matches_nothing() {
        assert!(!Query::new("  ").matches("anything"));
    }

    #[test]
    fn ranges_are_byte_offsets_of_the_original() {
        let text = "Ünïcode café and CAFÉ";
        let ranges = Query::new("café").ranges(text);
        let found: Vec<&str> = ranges.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(found, ["café", "CAFÉ"]);
    }

    #[test]
    fn the_post_table_places_every_post_both_ways() {
        let mut corpus = crate::corpus::load::bundled();
        // A document without threads and a thread without posts take no place.
        let mut documents = corpus.documents.to_vec();
        let mut empty = documents[0].clone();
        empty.threads.clear();
        documents.insert(1, empty);
        documents[2].threads[0].posts.clear();
        corpus.documents = documents.into();
        let table = PostTable::new(&corpus);
        let mut n = 0;
        for (d, doc) in DocIndex::all(corpus.documents.len()).zip(&corpus.documents) {
            assert_eq!(table.of_document(d).start().index(), n, "{d:?} starts");
            for (t, thread) in doc.threads.iter().enumerate() {
                for (p, post) in thread.posts.iter().enumerate() {
                    let at = PostRef {
                        doc: d,
                        thread: t,
                        post: p,
                    };
                    let ordinal = table.ordinal(at).expect("every post has an ordinal");
                    assert_eq!(ordinal.index(), n);
                    assert_eq!(table.post_ref(ordinal), at);
                    assert_eq!(table.text(ordinal), &*post.text);
                    n += 1;
                }
            }
            assert_eq!(table.of_document(d).end().index(), n, "{d:?} ends");
        }
        assert_eq!(table.len(), n);
        assert_eq!(table.all().len(), n);
        assert!(table.of_document(DocIndex::new(1)).is_empty());
        let past = PostRef {
            doc: DocIndex::new(0),
            thread: 99,
            post: 0,
        };
        assert_eq!(table.ordinal(past), None);
        let past_the_last = DocIndex::new(corpus.documents.len());
        assert!(table.of_document(past_the_last).is_empty());
    }

    #[test]
    fn finding_in_each_post_reads_ahead_yet_answers_in_order_for_every_post() {
        let table = PostTable::new(&crate::corpus::load::bundled());
        let query = Query::new("care");
        let every: Vec<Ordinal> = table.all().into_iter().collect();
        let plain: Vec<(Ordinal, usize)> = (every.iter())
            .filter_map(|&o| Some((o, query.first_match(table.text(o))?)))
            .collect();
        assert!(plain.len() > 20, "more hits than are read ahead");
        let found = table.find_each(
            &every,
            |&o| o,
            |&o, text| Some((o, query.first_match(text)?)),
        );
        assert_eq!(found, plain);
        // Every other post, as hits narrowed from an earlier search are.
        let some: Vec<Ordinal> = every.iter().copied().step_by(2).collect();
        let found = table.find_each(&some, |&o| o, |&o, text| Some((o, text.len())));
        let lengths: Vec<_> = some.iter().map(|&o| (o, table.text(o).len())).collect();
        assert_eq!(found, lengths);
    }

    #[test]
    fn a_table_grown_batch_by_batch_is_the_whole_table() {
        use crate::corpus::held_testing::{held, seeds_copied};
        let documents = seeds_copied(30);
        let (first, rest) = documents.split_at(documents.len() / 2);
        let mut store = crate::corpus::Store::from(held(first));
        let mut grown = PostTable::default();
        // As a load's batches arrive (`App::add_documents`): the new documents of each.
        for batch in [None, Some(rest)] {
            if let Some(batch) = batch {
                store.append(held(batch));
            }
            let new: Vec<usize> = (grown.places.documents()..store.len()).collect();
            store.pick(&new, |at, doc| grown.push_held(doc, store.is_packed(at)));
        }
        let whole = PostTable::new(&Corpus {
            documents: store,
            ..Corpus::default()
        });
        assert_eq!(texts(&grown), texts(&whole));
        assert_eq!(grown.places, whole.places);
        assert_eq!(grown.kept, whole.kept);
    }

    /// Every text of the table, in order.
    fn texts(table: &PostTable) -> Vec<String> {
        table
            .all()
            .into_iter()
            .map(|o| table.text(o).to_string())
            .collect()
    }

    #[test]
    fn texts_of_packed_documents_are_copied_and_read_back_as_written() {
        use crate::corpus::held_testing::{held, seeds_copied};
        let documents = seeds_copied(30);
        let corpus = Corpus {
            documents: crate::corpus::Store::from(held(&documents)),
            ..Corpus::default()
        };
        let table = PostTable::new(&corpus);
        let written: Vec<String> = (documents.iter())
            .flat_map(|doc| doc.posts().map(|p| p.text.to_string()))
            .collect();
        assert_eq!(texts(&table), written);
        // The packed documents' texts are the table's own; the made ones' are shared.
        let packed = (0..documents.len()).filter(|&at| corpus.documents.is_packed(at));
        let packed_bytes: usize = packed
            .flat_map(|at| documents[at].posts().map(|p| p.text.len()))
            .sum();
        assert!(packed_bytes > 0, "the test holds packed documents");
        assert_eq!(table.kept.len(), packed_bytes);
        let shared = (table.texts.iter()).filter(|t| matches!(t, Text::Shared(_)));
        let made_posts = (0..documents.len())
            .filter(|&at| !corpus.documents.is_packed(at))
            .map(|at| documents[at].post_count())
            .sum::<usize>();
        assert_eq!(shared.count(), made_posts);
    }

    proptest::proptest! {
        /// A query typed on from another and looking on from where that one was found finds
        /// what it would find looking afresh; both find what a plain search finds, and
        /// every highlighted range is the word, in some case.
        #[test]
        fn narrowing_finds_what_a_fresh_search_finds(
            text in "[a-cA-CéÉſKk #]{0,40}",
            before in "[a-cé#]{1,3}( [a-cK]{1,2})?",
            typed in "[a-cÉs# ]{0,4}",
        ) {
            let (shorter, longer) = (Query::new(&before), Query::new(&format!("{before}{typed}")));
            let found = shorter.first_match(&text);
            proptest::prop_assert_eq!(found.is_some(), plain_match(&shorter, &text));
            if let Some(at) = found {
                let narrowed = longer.narrow(&shorter, &text, at);
                proptest::prop_assert_eq!(narrowed, longer.first_match(&text));
            }
            proptest::prop_assert_eq!(longer.matches(&text), plain_match(&longer, &text));
            let words: Vec<String> = longer.words.iter().map(|w| fold(w)).collect();
            for range in longer.ranges(&text) {
                let found = fold(&text[range]);
                proptest::prop_assert!(words.contains(&found), "{found:?}");
            }
        }
    }

    /// Whether every word occurs, by lower-casing and comparing: ASCII words in ASCII case
    /// only, other words with Unicode case folding (where `ſ` is an `s` and `K` a `k`).
    fn plain_match(query: &Query, text: &str) -> bool {
        let (ascii_lower, folded) = (text.to_ascii_lowercase(), fold(text));
        !query.is_empty()
            && (query.words.iter()).all(|w| match w.is_ascii() {
                true => ascii_lower.contains(w.as_str()),
                false => folded.contains(&fold(w)),
            })
    }

    /// Lower case, with `ſ` as `s` and `K` as `k` (what Unicode case folding adds).
    fn fold(text: &str) -> String {
        (text.chars())
            .flat_map(|c| match c {
                'ſ' => 's'.to_lowercase(),
                'K' => 'k'.to_lowercase(),
                c => c.to_lowercase(),
            })
            .collect()
    }
}
