//! What the thread pane styles in a post's text: its hashtags, mentions, links and
//! organisations (under every spelling the corpus wrote them), found where they occur.
//!
//! A post may hold hundreds of thousands of entities. Looking for each in the lines on
//! screen made every frame cost as much as the post had entities; the strings are instead
//! gathered once per post into one automaton, and a frame runs it over what it shows.

use crate::corpus::automaton;
use crate::corpus::{Corpus, PostRef};
use aho_corasick::{AhoCorasick, MatchKind, StartKind};
use std::ops::Range;

/// A byte of a post's text is part of a hashtag.
pub const HASHTAG: u8 = 1;
pub const MENTION: u8 = 2;
pub const ORGANISATION: u8 = 4;
pub const LINK: u8 = 8;
/// A search hit (not an entity: the search marks it).
pub const HIT: u8 = 16;

/// A post's entities as strings to find, each with its class.
#[derive(Debug)]
pub struct Needles {
    strings: Vec<(String, u8)>,
    /// All the strings at once; none when they are too many for an automaton, and they are
    /// then looked for one by one.
    automaton: Option<AhoCorasick>,
    longest: usize,
}

/// The most bytes of a post's entities searched with a DFA: a post names a few, and the
/// automata of the last few screens' posts are kept.
const MAX_DFA_BYTES: usize = 4 * 1024;

impl Needles {
    /// The entities of the post at `at`.
    pub fn of(corpus: &Corpus, at: PostRef) -> Needles {
        let post = corpus.post(at);
        let mut strings: Vec<(String, u8)> = Vec::new();
        strings.extend(post.hashtags.iter().map(|t| (format!("#{t}"), HASHTAG)));
        strings.extend(post.mentions.iter().map(|m| (format!("@{m}"), MENTION)));
        strings.extend(post.urls.iter().map(|u| (u.to_string(), LINK)));
        for org in &post.organisations {
            let variants = corpus.org_variants.get(org).into_iter().flatten();
            let names = std::iter::once(org).chain(variants);
            strings.extend(names.map(|n| (n.clone(), ORGANISATION)));
        }
        strings.retain(|(s, _)| !s.is_empty());
        Needles::new(strings)
    }

    /// `strings` to find, each with its class, gathered into one automaton.
    fn new(strings: Vec<(String, u8)>) -> Needles {
        let patterns: Vec<&str> = strings.iter().map(|(s, _)| s.as_str()).collect();
        let automaton = automaton::build(
            &patterns,
            MatchKind::Standard,
            StartKind::Unanchored,
            MAX_DFA_BYTES,
        )
        .ok();
        let longest = strings.iter().map(|(s, _)| s.len()).max().unwrap_or(0);
        Needles {
            strings,
            automaton,
            longest,
        }
    }

    /// The length of the longest string, in bytes: how far before a stretch of text an
    /// occurrence reaching into it may start.
    pub fn longest(&self) -> usize {
        self.longest
    }

    /// Every occurrence in `text`, overlapping ones too, with its class.
    pub fn find<'t>(&'t self, text: &'t str) -> Box<dyn Iterator<Item = (Range<usize>, u8)> + 't> {
        match &self.automaton {
            Some(automaton) => Box::new(
                automaton
                    .find_overlapping_iter(text)
                    .map(|m| (m.range(), self.strings[m.pattern().as_usize()].1)),
            ),
            None => Box::new(one_by_one(&self.strings, text)),
        }
    }
}

/// Every occurrence of each string in `text`, looked for one string at a time: the plain
/// rule the automaton follows.
fn one_by_one<'t>(
    strings: &'t [(String, u8)],
    text: &'t str,
) -> impl Iterator<Item = (Range<usize>, u8)> + 't {
    strings.iter().flat_map(move |(needle, class)| {
        (0..text.len())
            .filter(move |&i| text.is_char_boundary(i) && text[i..].starts_with(needle.as_str()))
            .map(move |i| (i..i + needle.len(), *class))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn needles(strings: &[(&str, u8)]) -> Needles {
        Needles::new(strings.iter().map(|(s, c)| (s.to_string(), *c)).collect())
    }

    fn sorted(mut found: Vec<(Range<usize>, u8)>) -> Vec<(usize, usize, u8)> {
        let mut found: Vec<_> = found.drain(..).map(|(r, c)| (r.start, r.end, c)).collect();
        found.sort_unstable();
        found
    }

    #[test]
    fn entities_are_found_where_they_occur() {
        let n = needles(&[
            ("#care", HASHTAG),
            ("@ann", MENTION),
            ("Care Review", ORGANISATION),
        ]);
        let found = sorted(n.find("@ann on #care: the Care Review, #care").collect());
        assert_eq!(
            found,
            [
                (0, 4, MENTION),
                (8, 13, HASHTAG),
                (19, 30, ORGANISATION),
                (32, 37, HASHTAG)
            ]
        );
        assert_eq!(n.longest(), 11);
    }

    proptest! {
        /// The automaton finds what looking for each string in turn finds.
        #[test]
        fn the_automaton_finds_what_the_plain_rule_finds(
            strings in proptest::collection::vec(("[ab#@é]{1,4}", 0u8..5), 0..12),
            text in "[ab#@é ]{0,60}",
        ) {
            let strings: Vec<(&str, u8)> = strings.iter().map(|(s, c)| (s.as_str(), 1 << c)).collect();
            let n = needles(&strings);
            let plain = sorted(one_by_one(&n.strings, &text).collect());
            let mut automaton = sorted(n.find(&text).collect());
            // A string given twice is one pattern to the automaton's reader, twice to the rule.
            let mut plain = plain;
            plain.dedup();
            automaton.dedup();
            prop_assert_eq!(automaton, plain);
        }
    }
}
