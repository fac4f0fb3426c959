//! Names the text itself calls organisations: apposition and authorship.

use super::names::without_possessive;
use super::words::DETERMINERS;
use memchr::memmem::Finder;
use regex::Regex;
use std::sync::LazyLock;

/// Nouns that, in apposition, call the name before them an organisation.
pub(super) static APPOSITION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\p{Lu}[\p{L}\p{N}&’'-]*(?: \p{Lu}[\p{L}\p{N}&’'-]*)*), (?:an?|the|one of the)(?: [\p{Ll}-]+){0,3}? (?:organisation|organization|charity|charities|company|companies|provider|providers|firm|agency|body|think[- ]tank|publisher|regulator|union|network|foundation|trust)s?\b").unwrap()
});

/// A document type attributed to a single-word author: "a report by Tact".
pub(super) static AUTHORED_BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:report|study|survey|briefing|submission|analysis|evaluation|research)s? (?:by|from) (?:the )?(\p{Lu}[\p{L}\p{N}&-]*)\b(?: \p{Ll}|[.,;:!?)]|$)").unwrap()
});

/// The byte searches that rule out most posts before the patterns above, built once (a
/// search built for each post cost more than the search).
pub(super) static COMMA: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(", "));
pub(super) static BY: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(" by "));
pub(super) static FROM: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(" from "));

/// Names the text calls organisations outright: apposition ("Frontline, an organisation…") and
/// authorship ("a report by Tact"). The corpus counts these wherever they appear.
pub fn declared_names(text: &str) -> Vec<String> {
    // The apposition pattern starts with a class, which no search can skip to; a post
    // without ", a…", ", the…" or ", one…" cannot hold one, and most posts have none.
    let may_appose = (COMMA.find_iter(text.as_bytes()))
        .any(|at| matches!(text.as_bytes().get(at + 2), Some(b'a' | b't' | b'o')));
    let apposed = (may_appose
        .then(|| APPOSITION.captures_iter(text))
        .into_iter()
        .flatten())
    .map(|c| c[1].to_string());
    // Authorship needs " by " or " from ", which a byte search rules out far faster than
    // the pattern, whose many document words ("report", "research"…) are everywhere.
    let may_author = [&*BY, &*FROM]
        .iter()
        .any(|word| word.find(text.as_bytes()).is_some());
    let authored = (may_author
        .then(|| AUTHORED_BY.captures_iter(text))
        .into_iter()
        .flatten())
    .map(|c| c[1].to_string());
    apposed
        .chain(authored)
        .map(|name| without_possessive(&name).to_string())
        .filter(|name| !DETERMINERS.contains(&name.as_str()))
        .collect()
}
