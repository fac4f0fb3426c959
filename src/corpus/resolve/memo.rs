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

use super::docs::Docs;
use super::naming::{Kept, Named, Read};
use crate::corpus::Document;
use crate::corpus::glossary::Glossary;
use foldhash::HashMap;
use std::collections::BTreeSet;
use std::hash::{BuildHasher, Hash, Hasher};

/// What naming found in each document of a corpus, and the context it named them in.
#[derive(
    Debug, Clone, Default, PartialEq, Eq, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize,
)]
pub struct Memo {
    /// The seed of its fingerprints: drawn at random for each new memo and kept by the ones
    /// made from it, so that no document can be made to share another's fingerprint on
    /// purpose (the seed is in the user's own cache, nowhere else).
    seed: u64,
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

/// What a resolution's memo is made of, kept until the memo is wanted: a load hands its
/// resolution on to be shown first, and makes the memo (copying what it keeps of the one it
/// was made with) only to write it to the cache.
pub struct Unmade<'m> {
    remembered: Remembered<'m>,
    context: u64,
    read: Vec<Kept<'m, Read>>,
    named: Vec<Kept<'m, Named>>,
}

impl<'m> Unmade<'m> {
    /// What the memo of a resolution made with `remembered` is made of: in the documents'
    /// order, what the rules found in each and the names each was given, in `context`.
    pub(super) fn new(
        remembered: Remembered<'m>,
        context: u64,
        read: Vec<Kept<'m, Read>>,
        named: Vec<Kept<'m, Named>>,
    ) -> Unmade<'m> {
        Unmade {
            remembered,
            context,
            read,
            named,
        }
    }

    /// The memo, with the seed of the one it was made with: each document's parts by
    /// fingerprint.
    pub fn made(self) -> Memo {
        let Unmade {
            remembered,
            context,
            read,
            named,
        } = self;
        let kept = read.into_iter().zip(named).zip(&remembered.posts);
        let parts = kept.map(|((read, named), &posts)| Parts {
            read: read.into_owned(|| Read::blank(posts)),
            named: named.into_owned(|| Named::blank(posts)),
        });
        let mut entries: Vec<Entry> = (remembered.fingerprints.into_iter().zip(parts))
            .map(|(fingerprint, parts)| Entry { fingerprint, parts })
            .collect();
        entries.sort_unstable_by_key(|e| e.fingerprint);
        entries.dedup_by_key(|e| e.fingerprint);
        Memo {
            seed: remembered.memo.seed,
            context,
            entries,
        }
    }
}

impl Memo {
    /// An empty memo with a seed of its own.
    pub fn new() -> Memo {
        use std::hash::RandomState;
        Memo::seeded(RandomState::new().hash_one("tread memo"))
    }

    /// An empty memo whose fingerprints are made with `seed`.
    fn seeded(seed: u64) -> Memo {
        Memo {
            seed,
            ..Memo::default()
        }
    }

    /// How many documents it holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// A fingerprint of everything naming reads of `doc`.
    pub(super) fn fingerprint(&self, doc: &Document) -> u64 {
        let mut hash = self.hasher();
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

    /// A fingerprint of the corpus-wide context names are given in: the glossary, the keys
    /// of people, the names declared and the aliases (from which the matcher and the
    /// verdicts on handles are made).
    pub(super) fn context(
        &self,
        glossary: &Glossary,
        people: &foldhash::HashSet<String>,
        declared: &BTreeSet<String>,
        aliases: &HashMap<String, String>,
    ) -> u64 {
        let mut hash = self.hasher();
        format!("{glossary:?}").hash(&mut hash);
        let mut people: Vec<&String> = people.iter().collect();
        people.sort_unstable();
        people.hash(&mut hash);
        declared.hash(&mut hash);
        let mut aliases: Vec<(&String, &String)> = aliases.iter().collect();
        aliases.sort_unstable();
        aliases.hash(&mut hash);
        hash.finish()
    }

    fn hasher(&self) -> impl Hasher {
        foldhash::quality::FixedState::with_seed(self.seed).build_hasher()
    }
}

/// A memo looked up for the documents of a corpus.
pub(super) struct Remembered<'m> {
    memo: &'m Memo,
    /// Each document's fingerprint, in corpus order.
    fingerprints: Vec<u64>,
    /// Each document's number of posts, to check an entry against.
    posts: Vec<usize>,
}

impl<'m> Remembered<'m> {
    pub(super) fn of<D: Docs + ?Sized>(memo: &'m Memo, docs: &D) -> Remembered<'m> {
        let (fingerprints, posts) = docs
            .map(|_, doc| (memo.fingerprint(doc), doc.post_count()))
            .into_iter()
            .unzip();
        Remembered {
            memo,
            fingerprints,
            posts,
        }
    }

    /// The memo this looks up.
    pub(super) fn memo(&self) -> &'m Memo {
        self.memo
    }

    /// The parts the memo holds for the `i`th document: its entry by fingerprint, if it
    /// speaks of as many posts as the document has (a check that costs nothing, against
    /// any fingerprint two documents might share).
    pub(super) fn parts(&self, i: usize) -> Option<&'m Parts> {
        let fingerprint = self.fingerprints[i];
        let entries = &self.memo.entries;
        let at = entries.binary_search_by_key(&fingerprint, |e| e.fingerprint);
        let parts = &entries[at.ok()?].parts;
        let posts = self.posts[i];
        (parts.read.posts() == posts && parts.named.posts() == posts).then_some(parts)
    }
}

#[cfg(test)]
mod tests {
    use super::super::Resolution;
    use super::Memo;
    use crate::corpus::load::bundled_glossary;
    use crate::corpus::{Author, Document, parse};
    use proptest::prelude::*;

    /// Words of the shapes the naming rules look at: capitalised names, acronyms, handles,
    /// declared organisations, hashtags, and plain words. Made-up names come with their
    /// short forms and handles, so that one document can change how another's are named.
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

    /// Authors whose names and handles are also names and handles posts write: an author
    /// is a person, never an organisation, wherever the corpus names them.
    const AUTHORS: &[(&str, &str)] = &[
        ("Northwind Family Trust", "NorthwindFT"),
        ("Lantern", "lantern"),
        ("Nick", "nick"),
    ];

    /// A document: posts from `words` (indices into [`WORDS`]), perhaps an author.
    #[derive(Debug, Clone)]
    struct Made {
        posts: Vec<Vec<usize>>,
        author: Option<usize>,
    }

    fn document(id: usize, made: &Made) -> Document {
        let text: String = (made.posts.iter().enumerate())
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
        let mut doc = docs.remove(0);
        doc.author = (made.author).map(|a| {
            let (name, handle) = AUTHORS[a % AUTHORS.len()];
            Author {
                name: name.to_string(),
                handle: Some(handle.to_string()),
            }
        });
        doc
    }

    /// An edit: the document at `at` rewritten, a document added, or one removed.
    #[derive(Debug, Clone)]
    enum Edit {
        Rewrite(usize, Made),
        Add(Made),
        Remove(usize),
    }

    fn made() -> impl Strategy<Value = Made> {
        let posts = prop::collection::vec(prop::collection::vec(0..WORDS.len(), 1..8), 1..4);
        let author = prop::option::weighted(0.3, 0..AUTHORS.len());
        (posts, author).prop_map(|(posts, author)| Made { posts, author })
    }

    fn edit() -> impl Strategy<Value = Edit> {
        prop_oneof![
            (any::<usize>(), made()).prop_map(|(at, m)| Edit::Rewrite(at, m)),
            made().prop_map(Edit::Add),
            any::<usize>().prop_map(Edit::Remove),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(96))]

        /// After any edits, a resolution made with the memo of the one before is the
        /// resolution made from nothing, and so is the memo it leaves.
        #[test]
        fn a_resolution_with_a_memo_is_the_one_without(
            start in prop::collection::vec(made(), 1..6),
            edits in prop::collection::vec(edit(), 1..6),
        ) {
            let glossary = bundled_glossary();
            let mut docs: Vec<Document> = (start.iter().enumerate())
                .map(|(i, made)| document(i, made))
                .collect();
            let new = Memo::new();
            let (_, unmade) = Resolution::compute_remembering(&docs[..], &glossary, &new);
            let mut memo = unmade.made();
            // Each document written anew gets an id of its own.
            for (next, edit) in (docs.len()..).zip(edits) {
                match edit {
                    Edit::Rewrite(at, made) => {
                        let at = at % docs.len();
                        docs[at] = document(next, &made);
                    }
                    Edit::Add(made) => docs.push(document(next, &made)),
                    Edit::Remove(at) if docs.len() > 1 => {
                        let at = at % docs.len();
                        docs.remove(at);
                    }
                    Edit::Remove(_) => {}
                }
                let (remembered, made) = Resolution::compute_remembering(&docs[..], &glossary, &memo);
                let made = made.made();
                // A memo of the same seed made from nothing: the same memo.
                let empty = Memo::seeded(memo.seed);
                let (fresh, fresh_memo) = Resolution::compute_remembering(&docs[..], &glossary, &empty);
                let fresh_memo = fresh_memo.made();
                prop_assert_eq!(&remembered, &Resolution::compute(&docs[..], &glossary));
                prop_assert_eq!(&remembered, &fresh);
                prop_assert_eq!(&made, &fresh_memo);
                memo = made;
            }
        }
    }

    #[test]
    fn fingerprints_are_the_same_in_every_process_and_each_memo_has_its_own_seed() {
        let doc = document(
            0,
            &Made {
                posts: vec![vec![6, 7, 8]],
                author: None,
            },
        );
        // The value a process made before this one: a hasher that changed from run to run
        // would make every cache's memo useless.
        assert_eq!(Memo::seeded(1).fingerprint(&doc), 0x67e4_25e4_0f35_7636);
        assert_ne!(Memo::new().seed, Memo::new().seed);
    }

    #[test]
    fn an_entry_that_does_not_fit_its_document_is_not_used() {
        let glossary = bundled_glossary();
        let one = document(
            0,
            &Made {
                posts: vec![vec![8]],
                author: None,
            },
        );
        let three = document(
            1,
            &Made {
                posts: vec![vec![6], vec![7], vec![9]],
                author: None,
            },
        );
        let new = Memo::new();
        let (_, unmade) =
            Resolution::compute_remembering(&[one, three.clone()][..], &glossary, &new);
        let mut memo = unmade.made();
        // As if the one-post document shared the three-post one's fingerprint.
        let taken = memo.fingerprint(&three);
        memo.entries.retain(|e| e.fingerprint != taken);
        assert_eq!(memo.entries.len(), 1);
        memo.entries[0].fingerprint = taken;
        let docs = [three];
        let (remembered, _) = Resolution::compute_remembering(&docs[..], &glossary, &memo);
        assert_eq!(remembered, Resolution::compute(&docs[..], &glossary));
    }
}
