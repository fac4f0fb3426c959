//! What needs the whole corpus: organisations under canonical names (glossary, names the
//! corpus declares, handles and acronyms that abbreviate a name found elsewhere), and listing
//! excerpts that open a thread another document holds in full.

use super::glossary::{Glossary, key};
use super::sanitise::single_line_owned;
use super::{Author, Document, Kind, orgs};
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use rayon::prelude::*;
use regex::Regex;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

/// What resolving a corpus decided, to be applied to its documents: worked out from shared,
/// unchanged documents (the screen keeps showing them meanwhile), applied in one short step.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Resolution {
    /// The organisations of each post that names any, under canonical names, by the post's
    /// place in corpus order (most posts name none).
    organisations: ByPost,
    /// Listing excerpts that open a thread another document holds.
    links: Vec<Link>,
    /// Per canonical organisation name, the spellings seen.
    pub org_variants: Variants,
}

/// Per canonical organisation name, the spellings seen.
pub type Variants = BTreeMap<String, BTreeSet<String>>;

/// The organisations of the posts that name any, by post ordinal.
type ByPost = Vec<(u32, Box<[String]>)>;

/// A listing excerpt (document, thread) and the thread it opens.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Link {
    doc: usize,
    thread: usize,
    /// The id of the document holding the thread in full.
    holder: String,
    /// The holder's author, taken by an excerpt that names none.
    author: Option<Author>,
}

impl Resolution {
    /// Resolves `docs` against `glossary`.
    pub fn of(docs: &[Document], glossary: &Glossary) -> Resolution {
        // Repeated threads are found mostly on one core: the other gets on with naming.
        let (links, (organisations, org_variants)) =
            rayon::join(|| repeated_threads(docs), || organisations(docs, glossary));
        Resolution {
            organisations,
            links,
            org_variants,
        }
    }

    /// The posts that name organisations, by ordinal (their place in corpus order), in that
    /// order, with their organisations.
    pub fn named_posts(&self) -> impl Iterator<Item = (u32, &[String])> {
        (self.organisations.iter()).map(|(ordinal, names)| (*ordinal, &names[..]))
    }

    /// The author a thread has once resolved: its own, else that of the thread it repeats.
    pub fn thread_author<'a>(
        &'a self,
        docs: &'a [Document],
        doc: usize,
        thread: usize,
    ) -> Option<&'a Author> {
        let own = docs.get(doc)?.threads.get(thread)?.author.as_ref();
        // Links are found in corpus order, so they are sorted by place.
        own.or_else(|| {
            let at = (self.links).binary_search_by_key(&(doc, thread), |l| (l.doc, l.thread));
            self.links[at.ok()?].author.as_ref()
        })
    }

    /// Writes the resolution into the documents it was made from; returns the spellings
    /// of each organisation.
    pub fn apply(self, docs: &mut [Document]) -> Variants {
        let posts = docs
            .iter_mut()
            .flat_map(|d| d.threads.iter_mut().flat_map(|t| t.posts.iter_mut()));
        let mut named = self.organisations.into_iter().peekable();
        for (ordinal, post) in posts.enumerate() {
            post.organisations = named
                .next_if(|(o, _)| *o as usize == ordinal)
                .map(|(_, organisations)| organisations)
                .unwrap_or_default();
            // Names found in text are shown on one line: an invisible character the text
            // wrapped around one is escaped, as in every such field.
            post.organisations.iter_mut().for_each(escape);
        }
        for link in self.links {
            let thread = &mut docs[link.doc].threads[link.thread];
            thread.same_thread_as = Some(link.holder);
            if thread.author.is_none() {
                thread.author = link.author;
            }
        }
        let variants = self.org_variants.into_iter();
        let escaped_set = |set: BTreeSet<String>| set.into_iter().map(single_line_owned).collect();
        variants
            .map(|(name, set)| (single_line_owned(name), escaped_set(set)))
            .collect()
    }
}

/// A name made a field shown on one line, in place.
fn escape(name: &mut String) {
    *name = single_line_owned(std::mem::take(name));
}

/// Every post's organisations, posts in corpus order, and per canonical name the spellings
/// seen.
fn organisations(docs: &[Document], glossary: &Glossary) -> (ByPost, Variants) {
    let people = people(docs, glossary);
    let mentioned = mentioned(docs);
    let org_handles: HashSet<&str> = (mentioned.par_iter())
        .filter(|m| orgs::handle_is_org(m))
        .map(|m| *m)
        .collect();
    // The per-post work runs on every core, each post's text read once while it is at hand;
    // documents keep their order.
    let read: Vec<Read> = (docs.par_iter())
        .map(|doc| Read::of(doc, &org_handles))
        .collect();
    let declared: BTreeSet<String> = (read.iter())
        .flat_map(|r| r.declared.iter().cloned())
        .collect();
    let acronyms: Vec<&str> = {
        let mut all: Vec<&str> = read
            .iter()
            .flat_map(|r| r.acronyms.iter().copied())
            .collect();
        all.par_sort_unstable();
        all.dedup();
        all
    };
    let found: Vec<Vec<Vec<Found>>> = read.into_iter().map(|r| r.found).collect();
    let mut aliases = glossary_aliases(glossary);
    let mut known: Vec<&str> = (found.par_iter())
        .flat_map_iter(|doc| doc.iter().flatten().filter(|f| !f.handle))
        .map(|f| f.name.as_str())
        .collect();
    known.extend(declared.iter().map(String::as_str));
    known.extend(glossary.organisations.iter().map(|e| e.name.as_str()));
    known.par_sort_unstable();
    known.dedup();
    link_abbreviations(&known, &mentioned, &acronyms, &mut aliases);
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
    let named: Vec<Named> = docs
        .par_iter()
        .zip(found)
        .map(|(doc, doc_found)| name_posts(doc, doc_found, &context))
        .collect();
    let mut organisations = Vec::new();
    let mut seen = Vec::with_capacity(named.len());
    let mut ordinal = 0;
    for (posts, doc_seen) in named {
        for post in posts {
            if !post.is_empty() {
                organisations.push((ordinal, post));
            }
            ordinal += 1;
        }
        seen.push(doc_seen);
    }
    (organisations, variants(seen))
}

/// What the rules find in one document's posts, on their own: what needs the whole corpus
/// is worked out from these.
struct Read<'a> {
    /// Each post's names by rule and handles that mark organisations.
    found: Vec<Vec<Found>>,
    /// Names the posts call organisations outright.
    declared: Vec<String>,
    /// Acronym-like words, each once.
    acronyms: Vec<&'a str>,
}

impl<'a> Read<'a> {
    fn of(doc: &'a Document, org_handles: &HashSet<&str>) -> Read<'a> {
        let mut read = Read {
            found: Vec::new(),
            declared: Vec::new(),
            acronyms: Vec::new(),
        };
        for post in doc.posts() {
            read.found
                .push(rule_hits(&post.text, &post.mentions, org_handles));
            read.declared.extend(orgs::declared_names(&post.text));
            read.acronyms.extend(acronym_like_words(&post.text));
        }
        read.acronyms.sort_unstable();
        read.acronyms.dedup();
        read
    }
}

/// Per canonical name, the spellings seen, from each document's (canonical name, spelling)
/// pairs. Documents name the same organisations over and over: the pairs are first made
/// distinct in a set on every core, then the few thousand left are sorted and put in order.
fn variants(seen: Vec<Vec<(String, String)>>) -> Variants {
    let distinct: HashSet<(String, String)> = (seen.into_par_iter())
        .fold(HashSet::new, |mut distinct, pairs| {
            distinct.extend(pairs);
            distinct
        })
        .reduce(HashSet::new, union);
    let mut seen: Vec<(String, String)> = distinct.into_iter().collect();
    seen.par_sort_unstable();
    let mut variants = Variants::new();
    let mut pairs = seen.into_iter().peekable();
    while let Some((canonical, written)) = pairs.next() {
        let mut spellings = vec![written];
        while let Some((_, written)) = pairs.next_if(|(c, _)| *c == canonical) {
            spellings.push(written);
        }
        variants.insert(canonical, spellings.into_iter().collect());
    }
    variants
}

/// Every handle the corpus mentions, once each, in order; gathered on every core.
fn mentioned(docs: &[Document]) -> Vec<&str> {
    let mentioned: HashSet<&str> = docs
        .par_iter()
        .fold(HashSet::new, |mut mentioned, doc| {
            for post in doc.posts() {
                mentioned.extend(post.mentions.iter().map(|m| &**m));
            }
            mentioned
        })
        .reduce(HashSet::new, union);
    let mut mentioned: Vec<&str> = mentioned.into_iter().collect();
    mentioned.par_sort_unstable();
    mentioned
}

/// Two sets as one, the smaller poured into the larger.
fn union<T: Eq + std::hash::Hash>(a: HashSet<T>, b: HashSet<T>) -> HashSet<T> {
    let (mut larger, smaller) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    larger.extend(smaller);
    larger
}

/// One document's posts' organisations, and each (canonical name, spelling) seen once.
type Named = (Vec<Box<[String]>>, Vec<(String, String)>);

/// What naming a post's organisations looks up, built once for the corpus.
struct Naming<'a> {
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
struct Verdict<'a> {
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
fn name_posts(doc: &Document, found: Vec<Vec<Found>>, naming: &Naming) -> Named {
    let mut seen = Vec::new();
    if doc.resolved {
        // Read back as tread resolved it: kept, and its names count as written.
        let names = doc.posts().flat_map(|p| p.organisations.iter());
        let seen = names.map(|name| (name.clone(), name.clone())).collect();
        return (doc.posts().map(|p| p.organisations.clone()).collect(), seen);
    }
    let mut named = Vec::new();
    for (post, mut hits) in doc.posts().zip(found) {
        let matched = naming.matcher.hits(&post.text);
        hits.retain(|h| {
            h.handle
                || !matched
                    .iter()
                    .any(|m| m != &h.name && contains_words(m, &h.name))
        });
        hits.extend(matched.into_iter().map(|name| Found {
            name,
            handle: false,
        }));
        hits.extend(
            post.mentions
                .iter()
                .filter(|m| naming.handle(m).canonical.is_some())
                .map(|m| Found {
                    name: m.to_string(),
                    handle: true,
                }),
        );
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
            seen.push((canonical, written));
        }
        named.push(organisations.items.into());
    }
    seen.sort_unstable();
    seen.dedup();
    (named, seen)
}

/// An organisation as a post writes it: a name, or a handle (without '@').
#[derive(Debug, Clone, PartialEq, Eq)]
struct Found {
    name: String,
    handle: bool,
}

fn rule_hits(text: &str, mentions: &[Box<str>], org_handles: &HashSet<&str>) -> Vec<Found> {
    let names = orgs::names(text).into_iter().map(|name| Found {
        name,
        handle: false,
    });
    let handles = mentions
        .iter()
        .filter(|m| org_handles.contains(&m[..]))
        .map(|m| Found {
            name: m.to_string(),
            handle: true,
        });
    names.chain(handles).collect()
}

/// Keys of what is never an organisation: the glossary's people and ignored names, and every
/// author.
fn people(docs: &[Document], glossary: &Glossary) -> HashSet<String> {
    let mut people: HashSet<String> = (glossary.not_organisations())
        .map(|p| key(p).into_owned())
        .collect();
    let authors = docs.iter().flat_map(|d| {
        d.author
            .iter()
            .chain(d.threads.iter().flat_map(|t| t.author.iter()))
    });
    for author in authors {
        people.insert(key(&author.name).into_owned());
        if let Some(handle) = &author.handle {
            people.insert(key(&format!("@{handle}")).into_owned());
        }
    }
    people
}

/// Alias key → canonical name, from the glossary (each name is its own alias).
fn glossary_aliases(glossary: &Glossary) -> HashMap<String, String> {
    let mut aliases = HashMap::new();
    for entry in &glossary.organisations {
        for alias in entry.aliases.iter().chain(std::iter::once(&entry.name)) {
            aliases.insert(key(alias).into_owned(), entry.name.clone());
        }
    }
    aliases
}

/// Links each mention, and each acronym-like word, that abbreviates exactly one organisation
/// name found in the corpus ("@FamilyRightsGp" → "Family Rights Group", "DfE" →
/// "Department for Education"). An alias the glossary already gives is left alone.
fn link_abbreviations(
    known: &[&str],
    mentioned: &[&str],
    acronyms: &[&str],
    aliases: &mut HashMap<String, String>,
) {
    // Names by first letter, each with its content words' initials: thousands of handles
    // meet thousands of names, and the initials rule out nearly every pair cheaply.
    let mut by_initial: HashMap<char, Vec<Candidate>> = HashMap::new();
    for &name in known {
        if let Some(c) = name.chars().next() {
            by_initial
                .entry(c.to_ascii_lowercase())
                .or_default()
                .push(Candidate::new(name));
        }
    }
    let mut shorts: Vec<String> = (mentioned.iter().map(|m| format!("@{m}")))
        .chain(acronyms.iter().map(|a| a.to_string()))
        .collect();
    shorts.sort_unstable();
    let links: Vec<(String, String)> = shorts
        .par_iter()
        .filter(|short| !aliases.contains_key(&*key(short)))
        .filter_map(|short| {
            let name = abbreviated_name(short, &by_initial)?;
            let canonical = aliases
                .get(&*key(name))
                .cloned()
                .unwrap_or_else(|| name.to_string());
            Some((key(short).into_owned(), canonical))
        })
        .collect();
    // In order, the first of two spellings with one key wins, as it would one by one.
    for (short, canonical) in links {
        aliases.entry(short).or_insert(canonical);
    }
}

/// A known name as abbreviations are looked up against it.
struct Candidate<'a> {
    name: &'a str,
    letters: Vec<char>,
    initials: Vec<char>,
    /// `letters` and `initials` as [`orgs::letter_bits`].
    letter_bits: u64,
    initial_bits: u64,
}

impl<'a> Candidate<'a> {
    fn new(name: &'a str) -> Candidate<'a> {
        let letters = orgs::letters(name);
        let initials = orgs::content_initials(name);
        Candidate {
            name,
            letter_bits: orgs::letter_bits(&letters),
            initial_bits: orgs::letter_bits(&initials),
            letters,
            initials,
        }
    }
}

/// The one known name `short` abbreviates, if exactly one.
fn abbreviated_name<'a>(
    short: &str,
    by_initial: &HashMap<char, Vec<Candidate<'a>>>,
) -> Option<&'a str> {
    let bare = short.trim_start_matches('@');
    let initial = bare.chars().next()?.to_ascii_lowercase();
    let letters = orgs::letters(bare);
    let bits = orgs::letter_bits(&letters);
    let candidates = by_initial.get(&initial).into_iter().flatten();
    // Thousands of names share an initial; their bits rule out nearly all at once.
    let mut matches = candidates
        .filter(|c| orgs::may_abbreviate_bits(bits, c.letter_bits, c.initial_bits))
        .filter(|c| orgs::may_abbreviate(&letters, &c.letters, &c.initials))
        .filter(|c| orgs::abbreviates(bare, c.name))
        .map(|c| c.name);
    let first = matches.next()?;
    matches.next().is_none().then_some(first)
}

/// The words of `text` (its longest runs of letters and digits) written in ASCII letters and
/// digits only that are [acronym-like](is_acronym_like). Only capitals are looked for; the
/// word around one is found by stepping out to its two ends, and kept when it is like an
/// acronym and no other letter or digit is glued to it. Most words have no capital and cost
/// a fraction of a comparison a byte, many times less than splitting all text into words.
fn acronym_like_words(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        loop {
            let capital = orgs::next_capital(bytes, i)?;
            // The previous word ended before `i`, so this one starts at `i` or later.
            let mut start = capital;
            while start > i && bytes[start - 1].is_ascii_alphanumeric() {
                start -= 1;
            }
            let mut end = capital + 1;
            while end < bytes.len() && bytes[end].is_ascii_alphanumeric() {
                end += 1;
            }
            i = end;
            // Most capitalised words are no acronym: that is told before what surrounds them.
            if !is_acronym_like(&text[start..end]) {
                continue;
            }
            let before = text[..start].chars().next_back();
            let after = text[end..].chars().next();
            let glued = [before, after]
                .into_iter()
                .flatten()
                .any(char::is_alphanumeric);
            if !glued {
                return Some(&text[start..end]);
            }
        }
    })
}

/// Two or more capitals in a word of three to eight letters: "DfE", "CMA", "NAAS" (two
/// letters, "IS" or "UK", would link to too much).
fn is_acronym_like(word: &str) -> bool {
    // Length first: it rules out most words without looking at their letters.
    (3..=8).contains(&word.len())
        && word.bytes().all(|b| b.is_ascii_alphanumeric())
        && word.bytes().filter(u8::is_ascii_uppercase).count() >= 2
}

/// Whether `outer` holds `inner` as whole words ("CYP Now" holds "CYP").
fn contains_words(outer: &str, inner: &str) -> bool {
    outer
        .split_whitespace()
        .collect::<Vec<_>>()
        .windows(inner.split_whitespace().count())
        .any(|w| w.join(" ") == inner)
}

/// Finds glossary names, their non-handle aliases, linked acronyms and declared names in text.
struct Matcher {
    search: Option<Search>,
    /// Whether a name holds an apostrophe: only then do curly ones in the text need folding
    /// to match (elsewhere both are just characters that end a word).
    apostrophes: bool,
}

/// The most bytes of names searched with a DFA: its table takes a few hundred bytes for
/// each byte of the names, so past this the builder's smaller automaton is used.
const MAX_DFA_BYTES: usize = 64 * 1024;

/// How a [`Matcher`] looks for its names: one automaton of them all (glossaries hold
/// thousands), each found as a whole word, the longest at the leftmost place where any is.
struct Search {
    names: aho_corasick::AhoCorasick,
}

impl Matcher {
    fn new(
        glossary: &Glossary,
        declared: &BTreeSet<String>,
        aliases: &HashMap<String, String>,
    ) -> Matcher {
        let mut words: Vec<&str> = glossary
            .organisations
            .iter()
            .flat_map(|e| e.aliases.iter().chain(std::iter::once(&e.name)))
            .map(String::as_str)
            .chain(declared.iter().map(String::as_str))
            .chain(aliases.keys().map(String::as_str))
            .filter(|w| !w.starts_with('@') && !w.trim().is_empty())
            .collect();
        words.sort_by_key(|w| std::cmp::Reverse(w.len()));
        words.dedup();
        if words.is_empty() {
            return Matcher {
                search: None,
                apostrophes: false,
            };
        }
        Matcher {
            search: Some(Search::new(&words)),
            apostrophes: words.iter().any(|w| w.contains(['\'', '’'])),
        }
    }

    /// The names found in `text`, as written, curly and straight apostrophes alike.
    fn hits(&self, text: &str) -> Vec<String> {
        let Some(search) = &self.search else {
            return Vec::new();
        };
        // Most posts have no curly apostrophe, and then need no folded copy.
        let folded = match self.apostrophes && text.contains('’') {
            true => std::borrow::Cow::Owned(text.replace('’', "'")),
            false => std::borrow::Cow::Borrowed(text),
        };
        let mut hits = Distinct::default();
        for found in search.find_iter(&folded) {
            match &folded {
                std::borrow::Cow::Borrowed(_) => hits.push(&text[found]),
                std::borrow::Cow::Owned(folded) => {
                    hits.push(&text_at(text, folded, found.start, found.end))
                }
            }
        }
        hits.items
    }
}

/// Strings in the order first met, each once. A post names a few, looked through one by
/// one; past [`Distinct::FEW`] (text made to name thousands) a set says which are met.
#[derive(Default)]
struct Distinct {
    items: Vec<String>,
    met: HashSet<String>,
}

impl Distinct {
    const FEW: usize = 16;

    fn push(&mut self, item: &str) {
        let known = match self.items.len() < Distinct::FEW {
            true => self.items.iter().any(|i| i == item),
            false => {
                if self.met.is_empty() {
                    self.met.extend(self.items.iter().cloned());
                }
                !self.met.insert(item.to_string())
            }
        };
        if !known {
            self.items.push(item.to_string());
        }
    }
}

impl Search {
    /// A search for `words`, written with straight apostrophes: a DFA (the fastest) while
    /// the names are few enough for its table to stay small, else what the builder picks.
    fn new(words: &[&str]) -> Search {
        let words: Vec<String> = words.iter().map(|w| w.replace('’', "'")).collect();
        let bytes: usize = words.iter().map(String::len).sum();
        let build = |kind| {
            aho_corasick::AhoCorasick::builder()
                .match_kind(aho_corasick::MatchKind::LeftmostLongest)
                .kind(kind)
                .build(&words)
        };
        let dfa = (bytes <= MAX_DFA_BYTES).then(|| build(Some(aho_corasick::AhoCorasickKind::DFA)));
        let names = match dfa {
            Some(Ok(names)) => names,
            // Names are bounded by the glossary's size and the corpus's text: an automaton
            // of them fails only past two billion states, which no memory here holds.
            _ => build(None).expect("an automaton of the names can be built"),
        };
        Search { names }
    }

    /// Where the names are in `text`, each a whole word: leftmost first, at each place the
    /// longest that is a whole word there, none overlapping.
    fn find_iter<'a>(&'a self, text: &'a str) -> impl Iterator<Item = std::ops::Range<usize>> + 'a {
        let mut from = 0;
        std::iter::from_fn(move || {
            while from < text.len() {
                let found = self
                    .names
                    .find(aho_corasick::Input::new(text).range(from..))?;
                match self.whole_word_at(text, found.start(), found.end()) {
                    Some(end) => {
                        from = end;
                        return Some(found.start()..end);
                    }
                    // No name is a whole word here: look again from the next character.
                    None => from = next_char(text, found.start()),
                }
            }
            None
        })
    }

    /// The end of the longest name at `start` that is a whole word there, trying shorter
    /// ones when the longest, ending at `end`, is not.
    fn whole_word_at(&self, text: &str, start: usize, mut end: usize) -> Option<usize> {
        if !bounded_before(text, start) {
            return None;
        }
        loop {
            if bounded_after(text, start, end) {
                return Some(end);
            }
            // The longest name at `start` ending before `end`: the leftmost-longest match in
            // what is left, when it starts at `start` (one starting later means none does).
            let shorter = aho_corasick::Input::new(text).range(start..end - 1);
            let found = self.names.find(shorter).filter(|m| m.start() == start)?;
            end = found.end();
        }
    }
}

/// Whether a name starting at `start` of `text` starts a word there: it does not start
/// with a letter or digit, or nothing of a word comes before it.
fn bounded_before(text: &str, start: usize) -> bool {
    let first = text[start..].chars().next();
    let before = text[..start].chars().next_back();
    !first.is_some_and(char::is_alphanumeric) || !before.is_some_and(is_word_char)
}

/// Whether a name at `start..end` of `text` ends a word there: it does not end with a
/// letter or digit, or nothing of a word comes after it.
fn bounded_after(text: &str, start: usize, end: usize) -> bool {
    let last = text[start..end].chars().next_back();
    let after = text[end..].chars().next();
    !last.is_some_and(char::is_alphanumeric) || !after.is_some_and(is_word_char)
}

/// A character of a word, as a pattern's `\w` is: besides letters, digits and '_', the
/// marks and connectors of other scripts (asked of the pattern itself, rarely).
fn is_word_char(c: char) -> bool {
    static WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\w$").expect("valid"));
    match c.is_ascii() {
        true => c.is_ascii_alphanumeric() || c == '_',
        false => c.is_alphanumeric() || WORD.is_match(c.encode_utf8(&mut [0; 4])),
    }
}

/// The byte after the character at `at` of `text`.
fn next_char(text: &str, at: usize) -> usize {
    at + text[at..].chars().next().map_or(1, char::len_utf8)
}

/// The slice of the original text matching a byte range of its apostrophe-folded copy
/// ('’' is three bytes, "'" one, so offsets are mapped by counting characters).
fn text_at(original: &str, folded: &str, start: usize, end: usize) -> String {
    let first = folded[..start].chars().count();
    let count = folded[start..end].chars().count();
    original.chars().skip(first).take(count).collect()
}

/// Each listing excerpt whose posts open a thread held by another document, with that
/// document's id and the thread's author.
fn repeated_threads(docs: &[Document]) -> Vec<Link> {
    // Every thread's opening is keyed on every core; the map is then filled in order.
    let keyed: Vec<Vec<(String, usize)>> = docs
        .par_iter()
        .map(|doc| match doc.kind {
            Kind::Listing => Vec::new(),
            _ => (doc.threads.iter().enumerate())
                .filter_map(|(t, thread)| Some((opening_key(&thread.posts.first()?.text), t)))
                .collect(),
        })
        .collect();
    let mut openings: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
    for (d, threads) in keyed.into_iter().enumerate() {
        for (key, t) in threads {
            openings.entry(key).or_default().push((d, t));
        }
    }
    let mut links = Vec::new();
    for (d, doc) in docs
        .iter()
        .enumerate()
        .filter(|(_, d)| d.kind == Kind::Listing && !d.resolved)
    {
        for (t, excerpt) in doc.threads.iter().enumerate() {
            let Some(first) = excerpt.posts.first() else {
                continue;
            };
            let mut candidates = openings
                .get(&opening_key(&first.text))
                .into_iter()
                .flatten();
            let found = candidates.find(|&&(od, ot)| opens(excerpt, &docs[od].threads[ot]));
            if let Some(&(od, ot)) = found {
                let holder = &docs[od];
                links.push(Link {
                    doc: d,
                    thread: t,
                    holder: holder.id.clone(),
                    author: (holder.threads[ot].author.clone()).or(holder.author.clone()),
                });
            }
        }
    }
    links
}

/// Characters of an opening post compared to find repeated threads.
const OPENING_CHARS: usize = 48;

fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first [`OPENING_CHARS`] characters of `text` normalised, normalising no further.
fn opening_key(text: &str) -> String {
    let words = text.split_whitespace().enumerate();
    let spaced = words.flat_map(|(i, word)| (i > 0).then_some(' ').into_iter().chain(word.chars()));
    spaced.take(OPENING_CHARS).collect()
}

/// Whether every post of `excerpt` starts the same post of `full` (a cut-off "…" ignored).
fn opens(excerpt: &super::Thread, full: &super::Thread) -> bool {
    excerpt.posts.len() <= full.posts.len()
        && excerpt.posts.iter().zip(&full.posts).all(|(e, f)| {
            let shown = normalise(e.text.trim_end_matches('…'));
            shown.chars().count() >= OPENING_CHARS.min(normalise(&f.text).chars().count())
                && normalise(&f.text).starts_with(&shown)
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn acronym_like_words_are_whole_words() {
        let text = "DfE, the CMA’s NAAS2 éBASW ABCé x-RCCs sO Care ABCDEFGHI";
        let words: Vec<&str> = acronym_like_words(text).collect();
        assert_eq!(words, ["DfE", "CMA", "NAAS2", "RCCs"]);
    }

    #[test]
    fn the_matcher_folds_curly_apostrophes_only_for_names_that_have_one() {
        let none = HashMap::new();
        let declared: BTreeSet<String> = ["St George's", "CMA"].map(String::from).into();
        let matcher = Matcher::new(&Glossary::default(), &declared, &none);
        assert!(matcher.apostrophes);
        assert_eq!(
            matcher.hits("at St George’s, the CMA’s"),
            ["St George’s", "CMA"]
        );
        let declared: BTreeSet<String> = ["CMA".to_string()].into();
        let plain = Matcher::new(&Glossary::default(), &declared, &none);
        assert!(!plain.apostrophes);
        assert_eq!(plain.hits("the CMA’s view, CMA's too"), ["CMA"]);
    }

    /// Names as a matcher gets them, longest first: some start others, some end in a
    /// letter and some in other characters.
    const NAMES: &[&str] = &[
        "Care Review",
        "Care",
        "CareP",
        "CMA",
        "A&E",
        "St George's",
        "Trust's",
        "Café Trust",
        "NAAS2",
        "The Fostering Network",
    ];

    /// One pattern for all `words` (longest first) as whole words, the first that matches
    /// preferred: what the automaton is held to.
    fn reference_pattern(words: &[&str]) -> String {
        let bounded = |word: &&str| {
            let escaped = regex::escape(&word.replace('’', "'"));
            let starts = word.starts_with(|c: char| c.is_alphanumeric());
            let ends = word.ends_with(|c: char| c.is_alphanumeric());
            format!(
                "{}{escaped}{}",
                if starts { r"\b" } else { "" },
                if ends { r"\b" } else { "" }
            )
        };
        words.iter().map(bounded).collect::<Vec<_>>().join("|")
    }

    #[test]
    fn thousands_of_glossary_names_are_all_found() {
        let names: Vec<String> = (0..5_000)
            .map(|i| format!("Organisation Number {i} Trust"))
            .collect();
        let glossary = Glossary {
            organisations: (names.iter())
                .map(|n| crate::corpus::glossary::Entry {
                    name: n.clone(),
                    aliases: Vec::new(),
                })
                .collect(),
            ..Glossary::default()
        };
        let matcher = Matcher::new(&glossary, &BTreeSet::new(), &HashMap::new());
        let text = "Funding from Organisation Number 4999 Trust and Organisation Number 7 Trust.";
        assert_eq!(
            matcher.hits(text),
            [
                "Organisation Number 4999 Trust",
                "Organisation Number 7 Trust"
            ]
        );
    }

    proptest! {
        /// The automaton finds what one pattern of all the names, each a whole word and the
        /// longest first, finds.
        #[test]
        fn names_found_are_those_an_alternation_of_whole_words_finds(
            words in proptest::collection::vec(
                (
                    proptest::sample::select(&[
                        "Care", "Review", "CareP", "CarePlus", "CMA", "A", "&", "E", "A&E", "St",
                        "George’s", "George's", "Trust", "Trust's", "Café", "NAAS2", "The",
                        "Fostering", "Network", "_Care", "xCMA", "é", "of", "the", "e\u{301}",
                        "Carȩ", "Éire", "Care Review", "The Fostering Network", "A&E",
                    ][..]),
                    proptest::sample::select(&[" ", " ", " ", ".", ",", "", "’", "-", "\u{301}"][..]),
                ),
                0..25,
            ),
            names in proptest::sample::subsequence(NAMES, 1..NAMES.len()),
        ) {
            let text: String = words.iter().flat_map(|(w, s)| [*w, *s]).collect();
            let mut names = names;
            names.sort_by_key(|w| std::cmp::Reverse(w.len()));
            let folded = text.replace('’', "'");
            let reference = Regex::new(&reference_pattern(&names)).unwrap();
            let expected: Vec<_> = reference.find_iter(&folded).map(|m| m.range()).collect();
            let found: Vec<_> = Search::new(&names).find_iter(&folded).collect();
            prop_assert_eq!(found, expected);
        }

        /// An opening's key is the first characters of the whole text normalised.
        #[test]
        fn opening_key_is_the_start_of_the_normalised_text(text in "[a-z é\u{301}\n\t]{0,80}") {
            let whole: String = normalise(&text).chars().take(OPENING_CHARS).collect();
            prop_assert_eq!(opening_key(&text), whole);
        }

        /// The byte scanner finds exactly the words a split at every character that is not a
        /// letter or digit finds, less those with other than ASCII letters and digits and
        /// those not like acronyms.
        #[test]
        fn acronym_like_words_equal_the_split(text in "[a-zA-Z0-9 .,é’ß٣\u{301}-]{0,40}") {
            let split: Vec<&str> = text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_alphanumeric()))
                .filter(|w| is_acronym_like(w))
                .collect();
            prop_assert_eq!(acronym_like_words(&text).collect::<Vec<_>>(), split);
        }
    }
}
