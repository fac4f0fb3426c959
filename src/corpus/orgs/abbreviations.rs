//! Short forms (acronyms, handles) that abbreviate a longer name.

use super::names::without_possessive;
use super::words::*;

/// The first letters of a name's words other than connectors, lower case: every
/// abbreviation of the name holds them in this order ("Family Rights Group" → f, r, g).
pub fn content_initials(name: &str) -> Vec<char> {
    name.split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !CONNECTORS.contains(&w.to_lowercase().as_str()))
        .filter_map(|w| w.chars().find(|c| c.is_alphanumeric()))
        .filter_map(|c| c.to_lowercase().next())
        .collect()
}

/// A name's letters and digits, lower case, in order: every abbreviation of the name is
/// drawn from them in this order.
pub fn letters(name: &str) -> Vec<char> {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A quick test that rules out most pairs before [`abbreviates`]. `short` (its
/// [`letters`]) must be drawn from the name's letters in order, and must hold the name's
/// [`content_initials`] in order.
pub fn may_abbreviate(short: &[char], name: &[char], initials: &[char]) -> bool {
    let in_order = |needles: &[char]| {
        let mut haystack = name.iter();
        needles.iter().all(|n| haystack.any(|c| c == n))
    };
    let mut letters = short.iter();
    initials.iter().all(|i| letters.any(|c| c == i)) && in_order(short)
}

/// Whether `short` (a handle or acronym) abbreviates `name`: it splits into pieces, one per
/// word of the name in order, each piece starting with its word's first letter and following
/// the word's letters ("FamilyRightsGp" ↔ "Family Rights Group", "DfE" ↔ "Department for
/// Education"). Connector words may be skipped; the other words may not.
pub fn abbreviates(short: &str, name: &str) -> bool {
    let original = short;
    let short: Vec<char> = short
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    let words: Vec<(Vec<char>, bool)> = name
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .map(|w| {
            let letters: Vec<char> = without_possessive(w)
                .chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect();
            (letters, CONNECTORS.contains(&w.to_lowercase().as_str()))
        })
        .filter(|(letters, _)| !letters.is_empty())
        .collect();
    let content_words = words.iter().filter(|(_, connector)| !connector).count();
    let is_a_word_of_name = words.iter().any(|(w, _)| *w == short);
    if short.len() < 2 || content_words < 2 || is_a_word_of_name {
        return false;
    }
    // In a mixed-case short form, pieces start at capitals ("FamilyRightsGp"), except pieces
    // for connector words ("DfE").
    let mixed =
        original.chars().any(char::is_uppercase) && original.chars().any(char::is_lowercase);
    // An all-capitals short form is initials: one letter per word ("CMA", not "GPL" for "Git PLC").
    let initials = !mixed && original.chars().any(char::is_uppercase);
    let capital: Vec<bool> = original
        .chars()
        .filter(|c| c.is_alphanumeric())
        .map(|c| !mixed || c.is_uppercase())
        .collect();
    let mut memo = vec![vec![None; words.len() + 1]; short.len() + 1];
    covers(
        &Short {
            letters: &short,
            capital: &capital,
            initials,
        },
        0,
        &words,
        0,
        &mut memo,
    )
}

pub(super) struct Short<'a> {
    letters: &'a [char],
    /// Where a piece for a content word may start.
    capital: &'a [bool],
    /// Whether every piece is a single letter.
    initials: bool,
}

pub(super) fn covers(
    short: &Short,
    i: usize,
    words: &[(Vec<char>, bool)],
    j: usize,
    memo: &mut Vec<Vec<Option<bool>>>,
) -> bool {
    let letters = short.letters;
    if j == words.len() {
        return i == letters.len();
    }
    if let Some(known) = memo[i][j] {
        return known;
    }
    let (word, connector) = &words[j];
    let mut result = *connector && covers(short, i, words, j + 1, memo);
    let may_start = *connector || short.capital[i.min(letters.len() - 1)];
    if !result && i < letters.len() && letters[i] == word[0] && may_start {
        // Extend the piece along the word's letters, trying every length.
        let mut w = 1;
        let mut end = i + 1;
        loop {
            if covers(short, end, words, j + 1, memo) {
                result = true;
                break;
            }
            if end == letters.len() || short.initials {
                break;
            }
            while w < word.len() && word[w] != letters[end] {
                w += 1;
            }
            if w == word.len() {
                break;
            }
            w += 1;
            end += 1;
        }
    }
    memo[i][j] = Some(result);
    result
}
