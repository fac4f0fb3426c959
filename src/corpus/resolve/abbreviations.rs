//! Short forms linked to the names they abbreviate: a mention ("@FamilyRightsGp") or an
//! acronym-like word ("DfE") that fits exactly one organisation name the corpus holds.

use crate::corpus::glossary::key;
use crate::corpus::orgs;
use foldhash::{HashMap, HashMapExt};
use rayon::prelude::*;

/// Links each mention, and each acronym-like word, that abbreviates exactly one organisation
/// name found in the corpus ("@FamilyRightsGp" → "Family Rights Group", "DfE" →
/// "Department for Education"). An alias the glossary already gives is left alone.
pub(super) fn link_abbreviations(
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
pub(super) struct Candidate<'a> {
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
pub(super) fn abbreviated_name<'a>(
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
pub(super) fn acronym_like_words(text: &str) -> impl Iterator<Item = &str> {
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
pub(super) fn is_acronym_like(word: &str) -> bool {
    // Length first: it rules out most words without looking at their letters.
    (3..=8).contains(&word.len())
        && word.bytes().all(|b| b.is_ascii_alphanumeric())
        && word.bytes().filter(u8::is_ascii_uppercase).count() >= 2
        && !is_short_plural(word)
}

/// "MPs", "GPs": the plural of two capitals. Its "s" is no letter of the short form, and two
/// capitals alone are too few to name one organisation ("MP" is never looked up either).
fn is_short_plural(word: &str) -> bool {
    word.len() == 3 && word.ends_with('s')
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn acronym_like_words_are_whole_words() {
        let text = "DfE, the CMA’s NAAS2 éBASW ABCé x-RCCs sO Care ABCDEFGHI MPs";
        let words: Vec<&str> = acronym_like_words(text).collect();
        assert_eq!(words, ["DfE", "CMA", "NAAS2", "RCCs"]);
    }

    proptest! {
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
