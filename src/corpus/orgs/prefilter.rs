//! What makes the organisation rules fast on a whole corpus, kept apart from the rules:
//! each speed-up answers a question the rules ask, and a property test below holds it to
//! the plain answer. Most post text is lower-case words: these tests rule most of it out
//! before any rule runs.

use super::names::is_org_word_bytes;
use super::words::*;

/// The organisation words as [`WordBits`]: nearly every capitalised word is ruled out by it.
pub(super) const ORG_WORD_BITS: WordBits = {
    let mut bits = WordBits::EMPTY;
    let mut i = 0;
    while i < ORG_WORDS.len() {
        bits = bits.with(ORG_WORDS[i].as_bytes());
        i += 1;
    }
    bits
};

/// A set of words kept as a bit for each word's first letter, last letter and length (any of
/// 1,024, a few words sharing one): a word whose bit is clear is surely not in the set, which
/// rules out nearly every other word before any comparison.
#[derive(Debug, Clone, Copy)]
pub(super) struct WordBits([u64; 16]);

impl WordBits {
    pub(super) const EMPTY: WordBits = WordBits([0; 16]);

    /// The set with `word` added.
    pub(super) const fn with(mut self, word: &[u8]) -> WordBits {
        if let Some(bit) = WordBits::bit(word) {
            self.0[bit / 64] |= 1 << (bit % 64);
        }
        self
    }

    /// Whether `word` may be in the set.
    pub(super) const fn may_hold(&self, word: &[u8]) -> bool {
        match WordBits::bit(word) {
            Some(bit) => self.0[bit / 64] & (1 << (bit % 64)) != 0,
            None => false,
        }
    }

    const fn bit(word: &[u8]) -> Option<usize> {
        match word {
            [] => None,
            [first, .., last] | [first @ last] => {
                Some((*first as usize * 7 + *last as usize * 13 + word.len() * 31) % 1024)
            }
        }
    }
}

/// Where, at or after byte `from`, the next word starts that may be the heart of a name: an
/// ASCII capital opening a word (not inside one, a hashtag or a handle) that may be an
/// acronym (a capital, digit or '&' follows), a CamelCase brand (another capital among its
/// letters) or an organisation word. A necessary test, never a sufficient one.
pub(super) fn next_name_word(bytes: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    loop {
        i = next_capital(bytes, i)?;
        let opens_word = i == 0
            || !matches!(bytes[i - 1], b'#' | b'@' | b'0'..=b'9' | b'A'..=b'Z' | b'a'..=b'z');
        if !opens_word {
            i += 1;
            continue;
        }
        let after = bytes.get(i + 1).copied().unwrap_or(b' ');
        if after.is_ascii_uppercase() || after.is_ascii_digit() || after == b'&' {
            return Some(i);
        }
        // The word's letters ("Co-operative" has a hyphen; a CamelCase brand has letters
        // only, so a hyphen only makes this test pass more often).
        let letters = 1 + bytes[i + 1..]
            .iter()
            .take_while(|b| b.is_ascii_alphabetic() || **b == b'-')
            .count();
        let word = &bytes[i..i + letters];
        let camel = word[1..].iter().any(u8::is_ascii_uppercase);
        if camel || is_org_word_bytes(word) {
            return Some(i);
        }
        i += letters;
    }
}

/// The place of the first ASCII capital at or after `from`, looked for eight bytes at a
/// time: the name rules are asked of all post text, and most of it is small letters.
pub(in crate::corpus) fn next_capital(bytes: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let rest = bytes.get(from..)?;
    let mut chunks = rest.chunks_exact(8);
    for (n, chunk) in chunks.by_ref().enumerate() {
        let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        // A byte's low seven bits plus 0x3f reach its high bit from 'A' on, plus 0x25 from
        // past 'Z', and no sum carries into the next byte; a byte with its own high bit set
        // is not ASCII.
        let low = word & !HIGH;
        let capitals =
            low.wrapping_add(0x3f * ONES) & !low.wrapping_add(0x25 * ONES) & !word & HIGH;
        if capitals != 0 {
            return Some(from + n * 8 + capitals.trailing_zeros() as usize / 8);
        }
    }
    let tail = rest.len() - chunks.remainder().len();
    (chunks.remainder().iter())
        .position(u8::is_ascii_uppercase)
        .map(|p| from + tail + p)
}

/// White space as `str::split_whitespace` has it, in ASCII.
pub(super) fn is_ascii_space(b: &u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

/// Whether a word written between white space ends any run of a name, wherever it stands: a
/// lower-case word other than a connector.
pub(super) fn ends_runs(word: &[u8]) -> bool {
    !word.is_empty()
        && word.iter().all(u8::is_ascii_lowercase)
        && !CONNECTORS.iter().any(|c| c.as_bytes() == word)
}

/// The stretch of text (not before `from`) around the word at `at`, between the nearest
/// words on either side that end any run of a name. A run that holds the word lies inside
/// it, and the runs inside it are those of the whole text. Words are told apart at ASCII
/// white space only: other white space just makes the stretch longer.
pub(super) fn stretch_around(bytes: &[u8], from: usize, at: usize) -> std::ops::Range<usize> {
    let word_start = |end: usize| {
        (bytes[from..end].iter().rposition(is_ascii_space)).map_or(from, |p| from + p + 1)
    };
    let word_end = |start: usize| {
        (bytes[start..].iter().position(is_ascii_space)).map_or(bytes.len(), |p| start + p)
    };
    let mut start = word_start(at);
    loop {
        let end = from
            + bytes[from..start]
                .iter()
                .rposition(|b| !is_ascii_space(b))
                .map_or(0, |p| p + 1);
        if end == from {
            break;
        }
        let before = word_start(end);
        if ends_runs(&bytes[before..end]) {
            break;
        }
        start = before;
    }
    let mut end = word_end(at);
    loop {
        let next = end
            + bytes[end..]
                .iter()
                .take_while(|b| is_ascii_space(b))
                .count();
        if next == bytes.len() {
            return start..bytes.len();
        }
        end = word_end(next);
        if ends_runs(&bytes[next..end]) {
            return start..next;
        }
    }
}

/// [`letters`](super::letters) as a set of bits, for a test far cheaper than
/// [`may_abbreviate`](super::may_abbreviate) that it never contradicts: see
/// [`may_abbreviate_bits`]. Each lower-case ASCII letter and digit has a bit of its own;
/// other characters share the rest.
pub fn letter_bits(letters: &[char]) -> u64 {
    let bit = |c: char| match c {
        'a'..='z' => c as u32 - 'a' as u32,
        '0'..='9' => 26 + (c as u32 - '0' as u32),
        _ => 36 + c as u32 % 28,
    };
    letters.iter().fold(0, |bits, &c| bits | 1 << bit(c))
}

/// Whether [`may_abbreviate`](super::may_abbreviate) can hold, told from [`letter_bits`]
/// alone: the short form's letters must all be among the name's, and the name's initials
/// all among the short form's. Order is left to [`may_abbreviate`](super::may_abbreviate);
/// this rules out most pairs first.
pub fn may_abbreviate_bits(short: u64, name: u64, initials: u64) -> bool {
    short & !name == 0 && initials & !short == 0
}

/// Where the words that make a name an actor ([`super::actor_names`]) occur in `text`, in
/// one search for them all, ignoring ASCII case; each may be part of a longer word, which
/// the rule then rules out. Most words of most posts are none of them: the rule looks only
/// here, not at every word.
pub fn actor_words(text: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    static WORDS: std::sync::LazyLock<aho_corasick::AhoCorasick> = std::sync::LazyLock::new(|| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(
                (ACTOR_PREPOSITIONS.iter().chain(ACTOR_VERBS))
                    .chain(COMPANY_NOUNS)
                    .chain(COMPANY_POSSESSIONS),
            )
            .expect("the actor words make an automaton")
    });
    WORDS.find_iter(text).map(|m| m.range())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::orgs::abbreviations::{content_initials, letters, may_abbreviate};
    use crate::corpus::orgs::names::{is_shouting, names, names_in_stretch, tokens};

    #[test]
    fn word_bits_hold_every_word_added() {
        let words: [&[u8]; 4] = [b"A", b"CMA", b"Care", b"Department"];
        let bits = words.iter().fold(WordBits::EMPTY, |bits, w| bits.with(w));
        assert!(words.iter().all(|w| bits.may_hold(w)));
        assert!(!bits.may_hold(b"") && !WordBits::EMPTY.may_hold(b"CMA"));
        assert!(!bits.may_hold(b"Cares"), "another length, another bit");
    }

    /// Words that start, continue, join and end names, and some that look like them.
    const WORDS: &[&str] = &[
        "the",
        "of",
        "for",
        "and",
        "on",
        "&",
        "a",
        "report",
        "by",
        "from",
        "care",
        "x",
        "Care",
        "Review",
        "Trust",
        "Trust’s",
        "Trust's",
        "BASW",
        "DfE",
        "CMA.",
        "NAAS2",
        "A&E",
        "CEO",
        "CareTech",
        "MacAlister",
        "Anti-Bullying",
        "Co-operative",
        "St",
        "George’s,",
        "University",
        "London",
        "Tact",
        "The",
        "Independent",
        "Social",
        "Work",
        "Union",
        "#CareReview",
        "@FamilyRightsGp",
        "(Children",
        "Council)",
        "“Family",
        "Rights",
        "Group”",
        "Évry",
        "É",
        "NHS",
        "IS",
        "THE",
        "NEW",
        "BIG",
        "Fund,",
        "Ltd.",
        "PLC",
        "Inc",
        "école",
    ];

    proptest::proptest! {
        /// The eight-at-a-time search finds the first capital a byte-by-byte one finds.
        #[test]
        fn next_capital_is_the_first_capital(
            bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..40),
            from in 0usize..44,
        ) {
            let first = bytes.get(from..).and_then(|rest| {
                rest.iter().position(u8::is_ascii_uppercase).map(|p| from + p)
            });
            proptest::prop_assert_eq!(next_capital(&bytes, from), first);
        }

        /// The rules find the same names stretch by stretch as over the whole text.
        #[test]
        fn names_found_by_stretches_are_those_of_the_whole_text(
            words in proptest::collection::vec(
                (proptest::sample::select(WORDS), proptest::sample::select(
                    &[" ", " ", " ", "  ", "\n", "\u{a0}", ", ", "\t", "\u{2003}", ""][..]
                )),
                0..40,
            )
        ) {
            let text: String = words.iter().flat_map(|(w, s)| [*w, *s]).collect();
            let tokens = tokens(&text);
            let mut whole = Vec::new();
            names_in_stretch(&text, || is_shouting(&tokens), &mut whole);
            whole.dedup();
            proptest::prop_assert_eq!(names(&text), whole);
        }

        /// The bits never rule out what the full test lets through. Short forms are drawn
        /// from the name's own characters, so that the full test often passes.
        #[test]
        fn letter_bits_never_rule_out_a_possible_abbreviation(
            words in proptest::collection::vec(proptest::sample::select(&[
                "Family", "Rights", "Group", "for", "of", "the", "and", "École", "Straße",
                "İstanbul", "4Kids", "Ñandú", "x", "Œuvre", "1st",
            ][..]), 1..5),
            dash in proptest::bool::ANY,
            keep in proptest::collection::vec(proptest::bool::ANY, 64),
            lower in proptest::bool::ANY,
        ) {
            let name = words.join(if dash { "-" } else { " " });
            let short: String = (name.chars().zip(keep.iter().cycle()))
                .filter(|(_, keep)| **keep)
                .map(|(c, _)| c)
                .collect();
            let short = if lower { short.to_lowercase() } else { short };
            let (letters_short, letters_name) = (letters(&short), letters(&name));
            let initials = content_initials(&name);
            if may_abbreviate(&letters_short, &letters_name, &initials) {
                proptest::prop_assert!(may_abbreviate_bits(
                    letter_bits(&letters_short),
                    letter_bits(&letters_name),
                    letter_bits(&initials),
                ));
            }
        }
    }
}
