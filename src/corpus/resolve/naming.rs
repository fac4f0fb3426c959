//! Naming each post's organisations under canonical names: what the rules find in each
//! post, the glossary's aliases, names the corpus declares and short forms linked to them,
//! less people; and per canonical name, every way the corpus wrote it.

use super::abbreviations::{acronym_like_words, link_abbreviations};
use super::docs::Docs;
use super::matcher::{Distinct, Matcher};
use super::memo::{Memo, Remembered, Unmade};
use super::{NamedPost, Variants};
use crate::corpus::glossary::{Glossary, key};
use crate::corpus::{Document, Ordinal, Post, orgs};
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use rayon::prelude::*;
use std::cell::OnceCell;
use std::collections::BTreeSet;

/// Every post's organisations, posts in corpus order, and per canonical name the spellings
/// seen. With a `memo` (what an earlier resolution found in each document), a document it
/// holds is not read again, nor named again when the corpus-wide context is the same; what
/// the memo of this resolution is made of is returned. The result is the same either way
/// ([`super::memo`]'s property test).
pub(super) fn organisations<'m, D: Docs + ?Sized>(
    docs: &D,
    glossary: &Glossary,
    memo: Option<&'m Memo>,
) -> (Vec<NamedPost>, Variants, Option<Unmade<'m>>) {
    let remembered = memo.map(|memo| Remembered::of(memo, docs));
    let (people, mentioned) = people_and_mentioned(docs, glossary);
    let mentioned: Vec<&str> = mentioned.iter().map(|m| &**m).collect();
    let org_handles: HashSet<&str> = (mentioned.par_iter())
        .filter(|m| orgs::handle_is_org(m))
        .map(|m| *m)
        .collect();
    // The per-post work runs on every core, each post's text read once while it is at hand;
    // documents keep their order.
    let read: Vec<Kept<Read>> =
        docs.map(
            |i, doc| match remembered.as_ref().and_then(|r| r.parts(i)) {
                Some(parts) => Kept::Remembered(&parts.read),
                None => Kept::made(Read::document(doc, &org_handles), Read::is_blank),
            },
        );
    // Names the corpus declares, and those known the world over: each found wherever a
    // post writes it.
    let declared: BTreeSet<String> = (read.iter().filter_map(Kept::get))
        .flat_map(|r| r.declared.iter().cloned())
        .chain(orgs::known().map(String::from))
        .collect();
    let mut aliases = glossary_aliases(glossary);
    let known = known_names(&read, &declared, glossary);
    link_abbreviations(&known, &mentioned, &acronyms(&read), &mut aliases);
    let matcher = Matcher::new(glossary, &declared, &aliases);
    // Each handle judged once: a corpus mentions the same few thousand over and over.
    let handles: HashMap<&str, Verdict> = (mentioned.par_iter())
        .map(|&handle| (handle, Verdict::judged(handle, &people, &aliases)))
        .collect();
    let context = Naming {
        matcher: &matcher,
        aliases: &aliases,
        handles: &handles,
        people: &people,
    };
    // What naming depends on beyond the document: the same, and a document's names are.
    let fingerprint =
        (remembered.as_ref()).map(|r| r.memo().context(glossary, &people, &declared, &aliases));
    let same_context = memo.zip(fingerprint).is_some_and(|(m, f)| m.context == f);
    // Each document's names, and its own count of posts.
    let named: Vec<(Kept<Named>, usize)> = docs.map(|i, doc| {
        let remembered = remembered.as_ref().filter(|_| same_context);
        let named = match remembered.and_then(|r| r.parts(i)) {
            Some(parts) => Kept::Remembered(&parts.named),
            None => {
                let found = read[i].get().map_or(&[][..], |r| &r.found[..]);
                Kept::made(name_posts(doc, found, &context), Named::is_blank)
            }
        };
        (named, doc.post_count())
    });
    let mut organisations = Vec::new();
    let mut first = Ordinal::default();
    for (document, posts) in &named {
        let ordinals = std::iter::successors(Some(first), |o| Some(o.next()));
        let named_posts = document.get().map_or(&[][..], |d| &d.posts[..]);
        for (post, ordinal) in named_posts.iter().zip(ordinals) {
            if !post.is_empty() {
                organisations.push(NamedPost {
                    ordinal,
                    organisations: post.clone(),
                });
            }
        }
        // Counted by the document's own posts, so a document named short could never move
        // the names of those after it.
        first = Ordinal::new(first.index() + posts);
    }
    let variants = variants(
        named
            .iter()
            .filter_map(|(n, _)| n.get())
            .map(|n| &n.seen[..]),
    );
    let named = named.into_iter().map(|(named, _)| named).collect();
    let memo = (remembered.zip(fingerprint))
        .map(|(remembered, context)| Unmade::new(remembered, context, read, named));
    (organisations, variants, memo)
}

/// Every name the corpus holds as an organisation's: found by the rules in text (not
/// handles), declared, or in the glossary; sorted, each once.
fn known_names<'a>(
    read: &'a [Kept<Read>],
    declared: &'a BTreeSet<String>,
    glossary: &'a Glossary,
) -> Vec<&'a str> {
    let mut known: Vec<&str> = (read.par_iter().filter_map(Kept::get))
        .flat_map_iter(|r| r.found.iter().flatten().filter(|f| !f.handle))
        .map(|f| f.name.as_str())
        .collect();
    known.extend(declared.iter().map(String::as_str));
    known.extend(glossary.organisations.iter().map(|e| e.name.as_str()));
    known.par_sort_unstable();
    known.dedup();
    known
}

/// Every acronym-like word of the corpus, sorted, each once.
fn acronyms<'a>(read: &'a [Kept<Read>]) -> Vec<&'a str> {
    let mut all: Vec<&str> = read
        .iter()
        .filter_map(Kept::get)
        .flat_map(|r| r.acronyms.iter().map(String::as_str))
        .collect();
    all.par_sort_unstable();
    all.dedup();
    all
}

/// What the rules find in one document's posts, on their own: what needs the whole corpus
/// is worked out from these.
#[derive(Debug, Clone, PartialEq, Eq, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub(super) struct Read {
    /// Each post's names by rule and handles that mark organisations.
    found: Vec<Vec<Found>>,
    /// Names the posts call organisations outright.
    declared: Vec<String>,
    /// Acronym-like words, each once.
    acronyms: Vec<String>,
}

/// What naming keeps of a document between its passes: nothing, where nothing was found
/// in it (most documents of a corpus of short posts; a corpus may hold hundreds of
/// thousands); what an earlier resolution's memo holds; or what was found now.
pub(super) enum Kept<'m, T> {
    Nothing,
    Remembered(&'m T),
    Made(Box<T>),
}

impl<'m, T: Clone> Kept<'m, T> {
    /// What was found now: nothing where `blank` says so.
    fn made(found: T, blank: fn(&T) -> bool) -> Self {
        match blank(&found) {
            true => Kept::Nothing,
            false => Kept::Made(Box::new(found)),
        }
    }

    /// What it holds, if anything.
    pub(super) fn get(&self) -> Option<&T> {
        match self {
            Kept::Nothing => None,
            Kept::Remembered(kept) => Some(kept),
            Kept::Made(kept) => Some(kept),
        }
    }

    /// What it holds, owned; `blank` where it holds nothing.
    pub(super) fn into_owned(self, blank: impl FnOnce() -> T) -> T {
        match self {
            Kept::Nothing => blank(),
            Kept::Remembered(kept) => kept.clone(),
            Kept::Made(kept) => *kept,
        }
    }
}

impl Read {
    /// What the rules find in a document of `posts` posts where they find nothing.
    pub(super) fn blank(posts: usize) -> Read {
        Read {
            found: vec![Vec::new(); posts],
            declared: Vec::new(),
            acronyms: Vec::new(),
        }
    }

    fn is_blank(&self) -> bool {
        self.found.iter().all(Vec::is_empty) && self.declared.is_empty() && self.acronyms.is_empty()
    }

    /// How many posts it speaks of.
    pub(super) fn posts(&self) -> usize {
        self.found.len()
    }

    fn document(doc: &Document, org_handles: &HashSet<&str>) -> Read {
        let mut read = Read {
            found: Vec::new(),
            declared: Vec::new(),
            acronyms: Vec::new(),
        };
        for post in doc.posts() {
            read.found
                .push(rule_hits(&post.text, &post.mentions, org_handles));
            read.declared.extend(orgs::declared_names(&post.text));
            read.acronyms
                .extend(acronym_like_words(&post.text).map(str::to_string));
        }
        read.acronyms.sort_unstable();
        read.acronyms.dedup();
        read.drop_terms(doc);
        read
    }

    /// Drops the acronyms found alone that the document shows are terms, not names. The
    /// document is read for it only when the rules found such an acronym.
    fn drop_terms(&mut self, doc: &Document) {
        let bare_acronym = |f: &Found| !f.handle && orgs::is_acronym(&f.name);
        if !self.found.iter().flatten().any(bare_acronym) {
            return;
        }
        let terms = orgs::Terms::of(doc.posts().map(|p| &*p.text));
        for found in &mut self.found {
            found.retain(|f| !(bare_acronym(f) && terms.is_term(&f.name)));
        }
    }
}

/// Per canonical name, the spellings seen, from each document's. Documents name the same
/// organisations over and over: the pairs are first made distinct in a set on every core,
/// then the few thousand left are sorted and put in order.
pub(super) fn variants<'a>(seen: impl Iterator<Item = &'a [Spelling]>) -> Variants {
    let seen: Vec<&[Spelling]> = seen.collect();
    let distinct: HashSet<&Spelling> = (seen.into_par_iter())
        .fold(HashSet::new, |mut distinct, pairs| {
            distinct.extend(pairs);
            distinct
        })
        .reduce(HashSet::new, union);
    let mut seen: Vec<Spelling> = distinct.into_iter().cloned().collect();
    seen.par_sort_unstable();
    let mut variants = Variants::new();
    let mut pairs = seen.into_iter().peekable();
    while let Some(Spelling { canonical, written }) = pairs.next() {
        let mut spellings = vec![written];
        while let Some(next) = pairs.next_if(|s| s.canonical == canonical) {
            spellings.push(next.written);
        }
        variants.insert(canonical, spellings.into_iter().collect());
    }
    variants
}

/// Keys of what is never an organisation (the glossary's people and ignored names, and
/// every author: [`people_in`]), and every handle the corpus mentions, once each, in order
/// ([`mentioned_in`]): both gathered in one pass, on every core.
pub(super) fn people_and_mentioned<D: Docs + ?Sized>(
    docs: &D,
    glossary: &Glossary,
) -> (HashSet<String>, Vec<Box<str>>) {
    let (people, mentioned) = docs.fold(
        Default::default,
        |(people, mentioned), _, doc| (people_in(people, doc), mentioned_in(mentioned, doc)),
        |a, b| (union(a.0, b.0), union(a.1, b.1)),
    );
    let from_glossary = glossary.not_organisations().map(|p| key(p).into_owned());
    let mut mentioned: Vec<Box<str>> = mentioned.into_iter().collect();
    mentioned.par_sort_unstable();
    (union(people, from_glossary.collect()), mentioned)
}

/// `mentioned` with the handles `doc` mentions.
fn mentioned_in(mut mentioned: HashSet<Box<str>>, doc: &Document) -> HashSet<Box<str>> {
    for mention in doc.posts().flat_map(|p| p.mentions.iter()) {
        // Copied only the first time: a corpus mentions the same few thousand.
        if !mentioned.contains(mention) {
            mentioned.insert(mention.clone());
        }
    }
    mentioned
}

/// Two sets as one, the smaller poured into the larger.
pub(super) fn union<T: Eq + std::hash::Hash>(a: HashSet<T>, b: HashSet<T>) -> HashSet<T> {
    let (mut larger, smaller) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    larger.extend(smaller);
    larger
}

/// One document's posts' organisations, and each spelling seen, once.
#[derive(Debug, Clone, PartialEq, Eq, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub(super) struct Named {
    posts: Vec<Box<[String]>>,
    seen: Vec<Spelling>,
}

impl Named {
    /// The names of a document of `posts` posts that names no organisation.
    pub(super) fn blank(posts: usize) -> Named {
        Named {
            posts: vec![Box::default(); posts],
            seen: Vec::new(),
        }
    }

    fn is_blank(&self) -> bool {
        self.posts.iter().all(|p| p.is_empty()) && self.seen.is_empty()
    }

    /// How many posts it speaks of.
    pub(super) fn posts(&self) -> usize {
        self.posts.len()
    }
}

/// An organisation's canonical name and one way a post wrote it.
#[derive(
    Debug,
    Clone,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    rkyv::Archive,
    rkyv::Serialize,
    rkyv::Deserialize,
)]
pub(super) struct Spelling {
    canonical: String,
    written: String,
}

/// What naming a post's organisations looks up, built once for the corpus.
pub(super) struct Naming<'a> {
    matcher: &'a Matcher,
    aliases: &'a HashMap<String, String>,
    /// Every mentioned handle (without '@'), judged.
    handles: &'a HashMap<&'a str, Verdict<'a>>,
    people: &'a HashSet<String>,
}

impl Naming<'_> {
    fn handle(&self, handle: &str) -> Verdict<'_> {
        (self.handles.get(handle).copied())
            .unwrap_or_else(|| Verdict::judged(handle, self.people, self.aliases))
    }
}

/// What naming makes of a name or handle as written: a person's (never an organisation), an
/// alias of a canonical name, or neither.
#[derive(Debug, Clone, Copy)]
pub(super) struct Verdict<'a> {
    person: bool,
    canonical: Option<&'a String>,
}

impl<'a> Verdict<'a> {
    /// The verdict on `handle` (written without '@').
    fn judged(
        handle: &str,
        people: &HashSet<String>,
        aliases: &'a HashMap<String, String>,
    ) -> Verdict<'a> {
        Verdict::of_key(&key(&format!("@{handle}")), people, aliases)
    }

    /// The verdict on what has `key` (a [`key`] already made).
    fn of_key(
        key: &str,
        people: &HashSet<String>,
        aliases: &'a HashMap<String, String>,
    ) -> Verdict<'a> {
        Verdict {
            person: people.contains(key),
            canonical: aliases.get(key),
        }
    }
}

/// The organisations of one document's posts from the rules' hits and the matcher's, under
/// canonical names, and each (canonical name, spelling) seen.
pub(super) fn name_posts(doc: &Document, found: &[Vec<Found>], naming: &Naming) -> Named {
    let mut seen = Vec::new();
    if doc.resolved {
        // Read back as tread resolved it: kept, and its names count as written.
        let names = doc.posts().flat_map(|p| p.organisations.iter());
        let seen = names.map(|name| Spelling {
            canonical: name.clone(),
            written: name.clone(),
        });
        return Named {
            posts: doc.posts().map(|p| p.organisations.clone()).collect(),
            seen: seen.collect(),
        };
    }
    let mut named = Vec::new();
    // The words the document writes in lower case, gathered once and only if a list needs them.
    let lower = OnceCell::new();
    let is_common = |word: &str| {
        let lower = lower.get_or_init(|| {
            let mut lower = HashSet::new();
            doc.posts()
                .for_each(|p| orgs::lower_case_words(&p.text, &mut lower));
            lower
        });
        lower.contains(word)
    };
    // A document the rules found nothing in keeps no list of hits for each post.
    for (p, post) in doc.posts().enumerate() {
        let rule_hits = found.get(p).cloned().unwrap_or_default();
        let hits = post_hits(post, rule_hits, naming, is_common);
        let mut organisations = Distinct::default();
        for hit in hits {
            let (written, judged) = match hit.handle {
                true => (format!("@{}", hit.name), naming.handle(&hit.name)),
                false => {
                    let judged = Verdict::of_key(&key(&hit.name), naming.people, naming.aliases);
                    (hit.name.clone(), judged)
                }
            };
            if judged.person {
                continue;
            }
            let canonical = judged.canonical.cloned().unwrap_or(hit.name);
            organisations.push(&canonical);
            seen.push(Spelling { canonical, written });
        }
        named.push(organisations.items.into());
    }
    seen.sort_unstable();
    seen.dedup();
    Named { posts: named, seen }
}

/// Every organisation `post` names, as written: the rules' hits (less those inside a longer
/// name the matcher found), the matcher's, names listed beside the matcher's, and handles
/// the corpus links to a name. `is_common` tells the words the document writes in lower case.
fn post_hits(
    post: &Post,
    mut hits: Vec<Found>,
    naming: &Naming,
    is_common: impl Fn(&str) -> bool,
) -> Vec<Found> {
    let matched = naming.matcher.hits(&post.text);
    hits.retain(|h| {
        h.handle
            || !matched
                .iter()
                .any(|m| m != &h.name && contains_words(m, &h.name))
    });
    // Names listed beside those the corpus or the world knows as organisations (not beside
    // what the rules guessed from capitals alone).
    let listed = match matched.is_empty() {
        true => Vec::new(),
        false => {
            let known: HashSet<&str> = matched.iter().map(String::as_str).collect();
            orgs::listed_names(&post.text, |name| known.contains(name), is_common)
        }
    };
    let name = |name| Found {
        name,
        handle: false,
    };
    hits.extend(matched.into_iter().map(name));
    let held: HashSet<String> = (hits.iter().filter(|h| !h.handle))
        .map(|h| h.name.clone())
        .collect();
    hits.extend(listed.into_iter().filter(|l| !held.contains(l)).map(name));
    let linked = post
        .mentions
        .iter()
        .filter(|m| naming.handle(m).canonical.is_some());
    hits.extend(linked.map(|m| Found {
        name: m.to_string(),
        handle: true,
    }));
    hits
}

/// An organisation as a post writes it: a name, or a handle (without '@').
#[derive(Debug, Clone, PartialEq, Eq, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub(super) struct Found {
    name: String,
    handle: bool,
}

pub(super) fn rule_hits(
    text: &str,
    mentions: &[Box<str>],
    org_handles: &HashSet<&str>,
) -> Vec<Found> {
    let mut names = orgs::names(text);
    // Handles the text has act as companies ("at @Stripe"), as its mentions write them.
    let mut actor_handles = Vec::new();
    for actor in orgs::actor_names(text) {
        match actor.strip_prefix('@') {
            Some(handle) => actor_handles.extend(mentions.iter().find(|m| ***m == *handle)),
            None if !names.iter().any(|n| contains_words(n, &actor)) => names.push(actor),
            None => {}
        }
    }
    let names = names.into_iter().map(|name| Found {
        name,
        handle: false,
    });
    let handles = mentions
        .iter()
        .filter(|m| org_handles.contains(&m[..]) || actor_handles.contains(m))
        .map(|m| Found {
            name: m.to_string(),
            handle: true,
        });
    names.chain(handles).collect()
}

/// `people` (keys of what is never an organisation) with the authors of `doc` and its
/// threads, by name and by handle: a name written like an organisation's that is one of
/// these is a person's.
fn people_in(mut people: HashSet<String>, doc: &Document) -> HashSet<String> {
    let authors = (doc.author.iter()).chain(doc.threads.iter().flat_map(|t| t.author.iter()));
    for author in authors {
        people.insert(key(&author.name).into_owned());
        if let Some(handle) = &author.handle {
            people.insert(key(&format!("@{handle}")).into_owned());
        }
    }
    people
}

/// Alias key → canonical name, from the glossary (each name is its own alias).
pub(super) fn glossary_aliases(glossary: &Glossary) -> HashMap<String, String> {
    let mut aliases = HashMap::new();
    for entry in &glossary.organisations {
        for alias in entry.aliases.iter().chain(std::iter::once(&entry.name)) {
            aliases.insert(key(alias).into_owned(), entry.name.clone());
        }
    }
    aliases
}

/// Whether `outer` holds `inner` as whole words ("CYP Now" holds "CYP").
pub(super) fn contains_words(outer: &str, inner: &str) -> bool {
    outer
        .split_whitespace()
        .collect::<Vec<_>>()
        .windows(inner.split_whitespace().count())
        .any(|w| w.join(" ") == inner)
}
