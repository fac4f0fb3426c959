//! Finding known names (the glossary's, declared ones, linked short forms) in post text as
//! whole words: one Aho-Corasick automaton, then a word-boundary check.

use crate::corpus::automaton;
use crate::corpus::glossary::Glossary;
use crate::corpus::orgs::next_capital;
use aho_corasick::{Anchored, Input, StartKind};
use foldhash::{HashMap, HashSet};
use regex::Regex;
use std::collections::BTreeSet;
use std::sync::LazyLock;

/// Finds glossary names, their non-handle aliases, linked acronyms and declared names in text.
pub(super) struct Matcher {
    search: Option<Search>,
    /// Whether a name holds an apostrophe: only then do curly ones in the text need folding
    /// to match (elsewhere both are just characters that end a word).
    apostrophes: bool,
}

/// The most bytes of names searched with a DFA (glossaries hold thousands of names).
const MAX_DFA_BYTES: usize = 64 * 1024;

/// The longest names looked for only where one may start ([`Starts`]). Each look may read
/// up to the longest name, and such places can be every other byte of a text: with longer
/// names the text is read in one pass instead, in time linear in it whatever the names.
const MAX_STARTED_NAME_BYTES: usize = 128;

/// How a [`Matcher`] looks for its names: one automaton of them all (glossaries hold
/// thousands), each found as a whole word, the longest at the leftmost place where any is.
pub(super) struct Search {
    /// The names as written: a name found is most often a whole word.
    names: aho_corasick::AhoCorasick,
    /// Where names may start, when they are looked for only there (anchored): most words
    /// start none, and finding capitals takes a fraction of running the automaton over the
    /// whole text. `None` when a name does not start with one, or is too long.
    starts: Option<Starts>,
    /// The names with their words marked ([`with_words_marked`]), for text where one is
    /// found that is not a whole word; built when first needed.
    marked: std::sync::OnceLock<aho_corasick::AhoCorasick>,
    words: Vec<Vec<u8>>,
}

impl Matcher {
    pub(super) fn new(
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
    pub(super) fn hits(&self, text: &str) -> Vec<String> {
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
pub(super) struct Distinct {
    pub(super) items: Vec<String>,
    met: HashSet<String>,
}

impl Distinct {
    const FEW: usize = 16;

    pub(super) fn push(&mut self, item: &str) {
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
    /// A search for `words`, written with straight apostrophes.
    pub(super) fn new(words: &[&str]) -> Search {
        Search::looking_at_starts(words, true)
    }

    /// [`Search::new`], looking for names only where they may start if `started` and the
    /// names allow it ([`Starts::of`]), else in one pass (`started` is false only in the
    /// tests, which hold both ways to the same names).
    fn looking_at_starts(words: &[&str], started: bool) -> Search {
        let words: Vec<String> = words.iter().map(|w| w.replace('’', "'")).collect();
        let starts = Starts::of(&words).filter(|_| started);
        let start = match starts {
            Some(_) => StartKind::Anchored,
            None => StartKind::Unanchored,
        };
        Search {
            names: automaton_of(&words, start),
            starts,
            marked: std::sync::OnceLock::new(),
            words: words.iter().map(|w| with_words_marked(w)).collect(),
        }
    }

    /// The leftmost name in `text` from `from` on that may be a whole word (the longest
    /// there), as written: in one pass, any name; where names may start, only those that
    /// start a word, the only ones that can be whole.
    fn next_as_written(&self, text: &str, mut from: usize) -> Option<std::ops::Range<usize>> {
        let Some(starts) = &self.starts else {
            let found = self.names.find(Input::new(text).range(from..))?;
            return Some(found.range());
        };
        loop {
            let at = starts.next(text, from)?;
            let input = Input::new(text).range(at..).anchored(Anchored::Yes);
            match self.names.find(input) {
                Some(found) => return Some(found.range()),
                None => from = at + 1,
            }
        }
    }

    /// Where the names are in `text`, each a whole word: leftmost first, at each place the
    /// longest that is a whole word there, none overlapping.
    ///
    /// The names are looked for as written while each found is a whole word. From the first
    /// that is not, the rest of the text is searched with its words marked, where every
    /// match is a whole word: one pass over the text, however long or alike the names
    /// (searching again after each such name read the longest name's length each time).
    fn find_iter<'a>(&'a self, text: &'a str) -> impl Iterator<Item = std::ops::Range<usize>> + 'a {
        let mut from = 0;
        let mut marked: Option<MarkedSearch> = None;
        std::iter::from_fn(move || {
            if marked.is_none() {
                let std::ops::Range { start, end } = self.next_as_written(text, from)?;
                if bounded_before(text, start) && bounded_after(text, start, end) {
                    from = end;
                    return Some(start..end);
                }
                let names =
                    (self.marked).get_or_init(|| automaton_of(&self.words, StartKind::Unanchored));
                marked = Some(MarkedSearch::new(names, text, start));
            }
            marked.as_mut().and_then(MarkedSearch::next)
        })
    }
}

/// An automaton of the names (glossaries hold thousands of names): leftmost-longest, for
/// the searches `start` allows.
fn automaton_of<S: AsRef<[u8]>>(names: &[S], start: StartKind) -> aho_corasick::AhoCorasick {
    // Names are bounded by the glossary's size and the corpus's text: an automaton of them
    // fails only past two billion states, which no memory here holds.
    let kind = aho_corasick::MatchKind::LeftmostLongest;
    (automaton::build(names, kind, start, MAX_DFA_BYTES))
        .expect("an automaton of the names can be built")
}

/// The places in a text where a name may start as a whole word, when every name starts with
/// an ASCII capital: a capital ([`next_capital`] finds them eight bytes at a time) where
/// [`bounded_before`] holds, followed by a byte that follows it in some name. Every name
/// found as a whole word starts at one.
struct Starts {
    /// Whether some name starts with the pair of bytes, a bit for each pair: most
    /// capitalised words start no name with their first two letters.
    pairs: Box<[u64; 1024]>,
}

impl Starts {
    /// The places of `names`, if every one starts with an ASCII capital and none is long.
    fn of(names: &[String]) -> Option<Starts> {
        let capitalised = |name: &String| name.starts_with(|c: char| c.is_ascii_uppercase());
        if !names
            .iter()
            .all(|n| capitalised(n) && n.len() <= MAX_STARTED_NAME_BYTES)
        {
            return None;
        }
        let mut pairs = Box::new([0; 1024]);
        let mut mark = |pair: usize| pairs[pair / 64] |= 1 << (pair % 64);
        for name in names.iter().map(String::as_bytes) {
            match *name {
                // None is empty: each starts with a capital.
                [] => {}
                // A name of one byte: whatever follows it (the text's end reads as 0).
                [only] => (0..=255).for_each(|next| mark(Starts::pair(only, next))),
                [one, two, ..] => mark(Starts::pair(one, two)),
            }
        }
        Some(Starts { pairs })
    }

    fn pair(one: u8, two: u8) -> usize {
        usize::from(one) << 8 | usize::from(two)
    }

    /// Whether some name starts with the byte at `at` of `bytes` and the one after it.
    fn may_start(&self, bytes: &[u8], at: usize) -> bool {
        let pair = Starts::pair(bytes[at], bytes.get(at + 1).copied().unwrap_or(0));
        self.pairs[pair / 64] & 1 << (pair % 64) != 0
    }

    /// The first place in `text` from `from` on where a name may start as a whole word.
    fn next(&self, text: &str, mut from: usize) -> Option<usize> {
        let bytes = text.as_bytes();
        loop {
            let at = next_capital(bytes, from)?;
            if self.may_start(bytes, at) && bounded_before(text, at) {
                return Some(at);
            }
            from = at + 1;
        }
    }
}

/// A search of a text with its words marked, from a place on, giving places in the text.
struct MarkedSearch<'a> {
    names: &'a aho_corasick::AhoCorasick,
    marked: Vec<u8>,
    /// Where in the marked text the search goes on.
    from: usize,
    /// A place in the marked text, and how many marks come before it.
    at: usize,
    marks: usize,
}

impl<'a> MarkedSearch<'a> {
    /// The search of `text` from its byte `start` on.
    fn new(names: &'a aho_corasick::AhoCorasick, text: &str, start: usize) -> Self {
        let marked = with_words_marked(text);
        let mut search = MarkedSearch {
            names,
            marked,
            from: 0,
            at: 0,
            marks: 0,
        };
        // The marked place of `start`: past as many of the text's own bytes.
        let mut text_bytes = 0;
        while text_bytes < start {
            text_bytes += usize::from(!is_mark(search.marked[search.from]));
            search.from += 1;
        }
        search
    }

    fn next(&mut self) -> Option<std::ops::Range<usize>> {
        let input = Input::new(&self.marked).range(self.from..);
        let found = self.names.find(input)?;
        self.from = found.end();
        Some(self.unmarked(found.start())..self.unmarked(found.end()))
    }

    /// The place in the text of a place in the marked text at or after the last asked.
    fn unmarked(&mut self, place: usize) -> usize {
        self.marks += self.marked[self.at..place]
            .iter()
            .filter(|&&b| is_mark(b))
            .count();
        self.at = place;
        place - self.marks
    }
}

/// The bytes that mark where a word starts and ends in marked text: UTF-8 never uses them.
const WORD_START: u8 = 0xFE;
const WORD_END: u8 = 0xFF;

fn is_mark(byte: u8) -> bool {
    byte == WORD_START || byte == WORD_END
}

/// `text` with its words marked: a start before a letter or digit that follows no word
/// character, an end after one that no word character follows. A name marked so on its own
/// is found in marked text only where it is a whole word: where it starts (ends) with a
/// letter or digit, nothing of a word comes before (after) it; everything inside it is
/// marked as in the text.
fn with_words_marked(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut marked = Vec::with_capacity(bytes.len() + bytes.len() / 4);
    // Whether the character before was a word character, and a letter or digit.
    let (mut after_word, mut after_letter) = (false, false);
    let mut at = 0;
    while at < bytes.len() {
        // ASCII, most text, without decoding.
        let (letter, word, len) = match bytes[at] {
            b if b.is_ascii() => {
                let letter = b.is_ascii_alphanumeric();
                (letter, letter || b == b'_', 1)
            }
            _ => {
                let c = text[at..].chars().next().expect("a character starts here");
                (c.is_alphanumeric(), is_word_char(c), c.len_utf8())
            }
        };
        if after_letter && !word {
            marked.push(WORD_END);
        }
        if letter && !after_word {
            marked.push(WORD_START);
        }
        marked.extend_from_slice(&bytes[at..at + len]);
        (after_word, after_letter) = (word, letter);
        at += len;
    }
    if after_letter {
        marked.push(WORD_END);
    }
    marked
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
pub(crate) fn is_word_char(c: char) -> bool {
    static WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\w$").expect("valid"));
    match c.is_ascii() {
        true => c.is_ascii_alphanumeric() || c == '_',
        false => c.is_alphanumeric() || WORD.is_match(c.encode_utf8(&mut [0; 4])),
    }
}

/// The slice of the original text matching a byte range of its apostrophe-folded copy
/// ('’' is three bytes, "'" one, so offsets are mapped by counting characters).
pub(super) fn text_at(original: &str, folded: &str, start: usize, end: usize) -> String {
    let first = folded[..start].chars().count();
    let count = folded[start..end].chars().count();
    original.chars().skip(first).take(count).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use foldhash::HashMapExt;
    use proptest::prelude::*;
    use regex::Regex;

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
        "E",
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
            // Looked for where names start (each name here starts with a capital), and in
            // one pass of the text.
            for started in [true, false] {
                let search = Search::looking_at_starts(&names, started);
                prop_assert_eq!(search.starts.is_some(), started);
                let found: Vec<_> = search.find_iter(&folded).collect();
                prop_assert_eq!(&found, &expected);
            }
        }
    }
}
