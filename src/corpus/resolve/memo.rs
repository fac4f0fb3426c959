//! What naming found in each document, kept between loads (in the cache) so that a load
//! where few documents changed reads and names only those: a speed-up beside the rules of
//! `naming`, never part of them.
//!
//! A document's parts are found again by a fingerprint of everything naming reads of it:
//! its posts' text and mentions, and for a document tread resolved before, their
//! organisations ([`fingerprint`]). What the rules found in it on its own is the same
//! whatever else the corpus holds; the names it was given are reused only when the
//! corpus-wide context they were given in is the same too: the glossary, the people, the
//! names declared, the aliases and the handles mentioned ([`context`]). The property test
//! below checks that a resolution made with a memo, after any edits, is the one made
//! without.

use super::naming::{Named, Read};
use crate::corpus::Document;
use crate::corpus::glossary::Glossary;
use foldhash::HashMap;
use std::borrow::Cow;
use std::collections::BTreeSet;
use std::hash::{BuildHasher, Hash, Hasher};

/// What naming found in each document of a corpus, and the context it named them in.
#[derive(
    Debug, Clone, Default, PartialEq, Eq, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize,
)]
pub struct Memo {
    /// The fingerprint of the corpus-wide context the names were given in.
    pub(super) context: u64,
    /// Each document's parts, by fingerprint, in fingerprint order, each once.
    entries: Vec<Entry>,
}

#[derive(Debug, Clone, PartialEq, Eq, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
struct Entry {
    fingerprint: u64,
    parts: Parts,
}

/// One document's parts: what the rules found in it, and the names it was given.
#[derive(Debug, Clone, PartialEq, Eq, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub(super) struct Parts {
    pub(super) read: Read,
    pub(super) named: Named,
}

impl Memo {
    /// The memo of a resolution: the documents' fingerprints and, in the same order, what
    /// the rules found in each and the names each was given, in `context`.
    pub(super) fn new(
        context: u64,
        fingerprints: Vec<u64>,
        read: Vec<Cow<Read>>,
        named: Vec<Cow<Named>>,
    ) -> Memo {
        let parts = read.into_iter().zip(named).map(|(read, named)| Parts {
            read: read.into_owned(),
            named: named.into_owned(),
        });
        let mut entries: Vec<Entry> = (fingerprints.into_iter().zip(parts))
            .map(|(fingerprint, parts)| Entry { fingerprint, parts })
            .collect();
        entries.sort_unstable_by_key(|e| e.fingerprint);
        entries.dedup_by_key(|e| e.fingerprint);
        Memo { context, entries }
    }

    /// How many documents it holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// A memo looked up for the documents of a corpus.
pub(super) struct Remembered<'m> {
    memo: &'m Memo,
    /// Each document's fingerprint, in corpus order.
    pub(super) fingerprints: Vec<u64>,
}

impl<'m> Remembered<'m> {
    pub(super) fn of(memo: &'m Memo, docs: &[Document]) -> Remembered<'m> {
        use rayon::prelude::*;
        Remembered {
            memo,
            fingerprints: docs.par_iter().map(fingerprint).collect(),
        }
    }

    /// The parts the memo holds for the `i`th document.
    pub(super) fn parts(&self, i: usize) -> Option<&'m Parts> {
        let fingerprint = self.fingerprints[i];
        let entries = &self.memo.entries;
        let at = entries.binary_search_by_key(&fingerprint, |e| e.fingerprint);
        at.ok().map(|at| &entries[at].parts)
    }
}

/// The hasher of fingerprints: the same in every process of a build (caches are never
/// shared between builds).
fn hasher() -> impl Hasher {
    foldhash::quality::FixedState::with_seed(0x7472_6561_6421).build_hasher()
}

/// A fingerprint of everything naming reads of `doc`.
pub(super) fn fingerprint(doc: &Document) -> u64 {
    let mut hash = hasher();
    doc.resolved.hash(&mut hash);
    for post in doc.posts() {
        post.text.hash(&mut hash);
        post.mentions.hash(&mut hash);
        if doc.resolved {
            post.organisations.hash(&mut hash);
        }
    }
    hash.finish()
}

/// A fingerprint of the corpus-wide context names are given in: the glossary, the keys of
/// people, the names declared, the aliases and the handles mentioned (from which the
/// matcher and the verdicts on handles are made).
pub(super) fn context(
    glossary: &Glossary,
    people: &foldhash::HashSet<String>,
    declared: &BTreeSet<String>,
    aliases: &HashMap<String, String>,
    mentioned: &[&str],
) -> u64 {
    let mut hash = hasher();
    format!("{glossary:?}").hash(&mut hash);
    let mut people: Vec<&String> = people.iter().collect();
    people.sort_unstable();
    people.hash(&mut hash);
    declared.hash(&mut hash);
    let mut aliases: Vec<(&String, &String)> = aliases.iter().collect();
    aliases.sort_unstable();
    aliases.hash(&mut hash);
    mentioned.hash(&mut hash);
    hash.finish()
}

#[cfg(test)]
mod tests {
    use super::super::Resolution;
    use crate::corpus::load::bundled_glossary;
    use crate::corpus::{Document, parse};
    use proptest::prelude::*;

    /// Words of the shapes the naming rules look at: capitalised names, acronyms, handles,
    /// declared organisations, hashtags, and plain words.
    /// Made-up names come with their short forms and handles, so that one document can
    /// change how another's are named.
    const WORDS: &[&str] = &[
        "the",
        "review",
        "said",
        "at",
        "by",
        "and",
        "Department for Education",
        "DfE",
        "Ofsted",
        "@educationgovuk",
        "@nick",
        "#CareReview",
        "NAAS",
        "charity",
        "Northwind Family Trust",
        "NFT",
        "@NorthwindFT",
        "@northwind",
        "Bright Futures Alliance",
        "BFA",
        "@BrightFutures",
        "a report by Lantern",
        "Lantern",
        "Josh MacAlister",
        "LLM",
    ];

    /// A document of one to three posts from `words` (indices into [`WORDS`]).
    fn document(id: usize, posts: &[Vec<usize>]) -> Document {
        let text: String = (posts.iter().enumerate())
            .map(|(i, words)| {
                let words: Vec<&str> = words.iter().map(|&w| WORDS[w % WORDS.len()]).collect();
                format!("{}/ {}.\n\n", i + 1, words.join(" "))
            })
            .collect();
        let source = crate::corpus::Source {
            id: format!("d{id}"),
            path: format!("d{id}.txt"),
            text,
            warnings: Vec::new(),
        };
        let (mut docs, _) = parse(vec![source]);
        docs.remove(0)
    }

    /// An edit: the document at `at` rewritten, a document added, or one removed.
    #[derive(Debug, Clone)]
    enum Edit {
        Rewrite(usize, Vec<Vec<usize>>),
        Add(Vec<Vec<usize>>),
        Remove(usize),
    }

    fn posts() -> impl Strategy<Value = Vec<Vec<usize>>> {
        prop::collection::vec(prop::collection::vec(0..WORDS.len(), 1..8), 1..4)
    }

    fn edit() -> impl Strategy<Value = Edit> {
        prop_oneof![
            (any::<usize>(), posts()).prop_map(|(at, p)| Edit::Rewrite(at, p)),
            posts().prop_map(Edit::Add),
            any::<usize>().prop_map(Edit::Remove),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(96))]

        /// After any edits, a resolution made with the memo of the one before is the
        /// resolution made from nothing, and so is the memo it leaves.
        #[test]
        fn a_resolution_with_a_memo_is_the_one_without(
            start in prop::collection::vec(posts(), 1..6),
            edits in prop::collection::vec(edit(), 1..6),
        ) {
            let glossary = bundled_glossary();
            let mut docs: Vec<Document> = (start.iter().enumerate())
                .map(|(i, posts)| document(i, posts))
                .collect();
            let (_, mut memo) = Resolution::compute_remembering(&docs, &glossary, None);
            // Each document written anew gets an id of its own.
            for (next, edit) in (docs.len()..).zip(edits) {
                match edit {
                    Edit::Rewrite(at, posts) => {
                        let at = at % docs.len();
                        docs[at] = document(next, &posts);
                    }
                    Edit::Add(posts) => docs.push(document(next, &posts)),
                    Edit::Remove(at) if docs.len() > 1 => {
                        let at = at % docs.len();
                        docs.remove(at);
                    }
                    Edit::Remove(_) => {}
                }
                let (remembered, made) = Resolution::compute_remembering(&docs, &glossary, Some(&memo));
                let (fresh, fresh_memo) = Resolution::compute_remembering(&docs, &glossary, None);
                prop_assert_eq!(&remembered, &Resolution::compute(&docs, &glossary));
                prop_assert_eq!(&remembered, &fresh);
                prop_assert_eq!(&made, &fresh_memo);
                memo = made;
            }
        }
    }
}
