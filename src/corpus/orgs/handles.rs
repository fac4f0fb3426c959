//! Handles whose own words mark an organisation.

use super::names::*;
use super::words::*;
use regex::Regex;
use std::sync::LazyLock;

/// The words of a handle, split at underscores, digits and case changes ("CWIP_Research" →
/// ["CWIP", "Research"], "FamilyRightsGp" → ["Family", "Rights", "Gp"]).
pub fn handle_words(handle: &str) -> Vec<&str> {
    let mut words = Vec::new();
    for part in handle
        .split(|c: char| c == '_' || c.is_ascii_digit())
        .filter(|p| !p.is_empty())
    {
        let bytes = part.as_bytes();
        let mut start = 0;
        for i in 1..bytes.len() {
            let upper_after_lower =
                bytes[i].is_ascii_uppercase() && bytes[i - 1].is_ascii_lowercase();
            let acronym_ends =
                bytes[i].is_ascii_lowercase() && bytes[i - 1].is_ascii_uppercase() && i - 1 > start;
            if upper_after_lower {
                words.push(&part[start..i]);
                start = i;
            } else if acronym_ends {
                words.push(&part[start..i - 1]);
                start = i - 1;
            }
        }
        words.push(&part[start..]);
    }
    words
}

/// Whether a handle's own words mark an organisation. Asked once of every handle a corpus
/// mentions, tens of thousands: the cheap tests come first and the first that holds ends it.
pub fn handle_is_org(handle: &str) -> bool {
    // A fediverse account's server ("@ann@fediscience.org") and Bluesky's own domain
    // ("ann.bsky.social") name where the account lives, not who holds it.
    let handle = handle.split('@').next().unwrap_or(handle);
    let handle = handle.strip_suffix(".bsky.social").unwrap_or(handle);
    let the_prefix = || {
        (handle.strip_prefix("The"))
            .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_uppercase()))
    };
    let lower = handle.to_ascii_lowercase();
    let ending = || (HANDLE_ENDINGS.iter()).any(|e| lower.ends_with(e) && lower.len() > e.len());
    let marked_word = || {
        handle_words(handle).iter().enumerate().any(|(i, w)| {
            HANDLE_WORDS.iter().any(|h| h.eq_ignore_ascii_case(w))
                || ORG_WORDS.iter().any(|o| o.eq_ignore_ascii_case(w))
                || (is_acronym(w) && w.len() >= 3)
                || is_ai_ending(i, w)
        })
    };
    the_prefix() || ending() || LONG_ORG_WORD.is_match(&lower) || marked_word()
}

/// "AI" in capitals after the handle's first word ("MiniMax__AI", "NimbusAI"): a company's.
/// Not "Ai" first, a name ("Ai_Weiwei").
pub(super) fn is_ai_ending(index: usize, word: &str) -> bool {
    index > 0 && word == "AI"
}

/// Any organisation word long enough to mark a handle wherever it stands in it, lower case:
/// one search for them all (a search for each of the forty-odd words took most of the time
/// of judging a handle).
pub(super) static LONG_ORG_WORD: LazyLock<Regex> = LazyLock::new(|| {
    let words: Vec<String> = (ORG_WORDS.iter())
        .filter(|o| o.len() >= 6)
        .map(|o| regex::escape(&o.to_ascii_lowercase()))
        .collect();
    Regex::new(&words.join("|")).expect("escaped words make a valid pattern")
});
