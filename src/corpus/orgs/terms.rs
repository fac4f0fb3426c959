//! Words in capitals that a document shows are no names, whatever the acronym rule says of
//! them alone:
//! - a word the document also writes in lower case is shouted: "EVERY day" beside "every";
//! - a word written after a number is a unit or a currency: "0.5 ETH", "100 BTC";
//! - a word ending in digits is a version or a standard: "BIP32", "GPT4", and so is one
//!   written before a version number: "GLM 4.7", "ETH 2.0";
//! - a word the document writes as a plural is a kind of thing: "DAOs", "GDCs", and so is
//!   one written straight after "a" that ends the phrase: "a ZKP.", "a ZKP with";
//! - a word the document spells out in words of lower case, no organisation word among
//!   them, is a term: "remote code execution (RCE)".

use super::abbreviations::abbreviates;
use super::names::is_org_word;
use crate::corpus::resolve::is_word_char;
use foldhash::{HashSet, HashSetExt};

/// What a document writes that tells its terms from its names.
#[derive(Debug, Default)]
pub struct Terms {
    /// Words written all in lower case.
    lower: HashSet<String>,
    /// Words written right after a number, as written.
    after_number: HashSet<String>,
    /// Acronyms spelt out in words that name no organisation.
    spelt_out: HashSet<String>,
    /// Words in capitals written as kinds of things: with a plural "s" ("DAOs", kept without
    /// it), before a version ("GLM 4.7"), or after "a" ending the phrase ("a ZKP.").
    things: HashSet<String>,
}

impl Terms {
    /// Reads `texts`, the posts of one document.
    pub fn of<'a>(texts: impl IntoIterator<Item = &'a str>) -> Terms {
        let mut terms = Terms {
            lower: HashSet::new(),
            after_number: HashSet::new(),
            spelt_out: HashSet::new(),
            things: HashSet::new(),
        };
        for text in texts {
            terms.spelt_out.extend(spelt_out_terms(text));
            terms.read_words(text);
        }
        terms
    }

    /// Notes the words of `text` written in lower case, those written after a number as
    /// units are, and those written as kinds of things (plurals, names before a version, an
    /// acronym after "a").
    fn read_words(&mut self, text: &str) {
        let mut before = Before::default();
        // Where the last word read ends: `words` hands out slices of `text`.
        let mut last_end = 0;
        let mut words = words(text).peekable();
        while let Some((gap, word)) = words.next() {
            let lower = word.chars().all(char::is_lowercase);
            let spaced = gap.trim().is_empty();
            if let Some(plural) = capitals_plural(word) {
                self.things.insert(plural.to_string());
            }
            let version = is_version(word) && words.peek().is_none_or(|(g, w)| !is_amount(g, w));
            let capitals = before.capitals;
            self.things
                .extend(capitals.filter(|_| gap == " " && version).map(String::from));
            // "a ZKP.", "a ZKP with": the head of a phrase that "a" opens, so a kind of thing
            // ("an NHS-funded place", "a BBC/ITV film" and "an NHS" at the end go on).
            let phrase_ends = closes_phrase(gap) || word == "with";
            let indefinite = before.indefinite;
            self.things
                .extend(indefinite.filter(|_| phrase_ends).map(String::from));
            let unit = before.unit;
            self.after_number
                .extend(unit.filter(|_| !(lower && spaced)).map(String::from));
            // A hashtag, a handle or a piece of an address is no word of the text ("#nhs").
            let tagged = gap.ends_with(['#', '@', '/', '.', '-', '_']);
            if lower && !tagged {
                self.lower.insert(word.to_string());
            }
            before = before.then(gap, word);
            last_end = word.as_ptr() as usize - text.as_ptr() as usize + word.len();
        }
        self.after_number.extend(before.unit.map(String::from));
        // What follows the last word: "… with a ZKP." closes its phrase too.
        let indefinite = before
            .indefinite
            .filter(|_| closes_phrase(&text[last_end..]));
        self.things.extend(indefinite.map(String::from));
    }

    /// Whether `acronym`, a word in capitals, is one of the document's terms.
    pub fn is_term(&self, acronym: &str) -> bool {
        acronym.ends_with(|c: char| c.is_ascii_digit())
            || self.after_number.contains(acronym)
            || self.spelt_out.contains(acronym)
            || self.things.contains(acronym)
            || self.lower.contains(&acronym.to_lowercase())
    }
}

/// The acronyms `text` spells out in words that hold no organisation word.
fn spelt_out_terms(text: &str) -> impl Iterator<Item = String> + '_ {
    definitions(text).filter_map(|definition| match definition {
        Definition::After { before, short } => {
            let words: Vec<&str> = before.split_whitespace().collect();
            // The fewest words before the bracket that the acronym abbreviates.
            let spelt = (1..=words.len().min(2 * short.len() + 2))
                .map(|n| words[words.len() - n..].join(" "))
                .find(|name| abbreviates(short, name))?;
            is_term_spelt(&spelt).then(|| short.to_string())
        }
        Definition::Before { short, words } => {
            let spelt = words.trim();
            (abbreviates(short, spelt) && is_term_spelt(spelt)).then(|| short.to_string())
        }
    })
}

/// An acronym defined in brackets, as `text` writes it.
#[derive(Debug, PartialEq)]
enum Definition<'t> {
    /// "remote code execution (RCE)": the acronym in brackets, after the line's text before
    /// it (at most 80 characters, back to the nearest bracket).
    After { before: &'t str, short: &'t str },
    /// "CMA (Competition and Markets Authority)": the acronym, then a space and its words in
    /// brackets (3 to 80 characters).
    Before { short: &'t str, words: &'t str },
}

/// The acronyms `text` defines in brackets, in order: each pair of brackets on one line with
/// no bracket inside, holding an acronym or following one.
fn definitions(text: &str) -> impl Iterator<Item = Definition<'_>> {
    text.match_indices('(').filter_map(move |(open, _)| {
        let after = &text[open + 1..];
        let close = after
            .find(['(', ')', '\n'])
            .filter(|&i| after[i..].starts_with(')'))?;
        let inside = &after[..close];
        let head = &text[..open];
        if is_acronym(inside) {
            let line = &head[head.rfind(['(', ')', '\n']).map_or(0, |i| i + 1)..];
            let before = line
                .char_indices()
                .nth_back(79)
                .map_or(line, |(at, _)| &line[at..]);
            return Some(Definition::After {
                before,
                short: inside,
            });
        }
        let short = acronym_ending(head.strip_suffix(' ')?)?;
        (3..=80)
            .contains(&inside.chars().count())
            .then_some(Definition::Before {
                short,
                words: inside,
            })
    })
}

/// "RCE", "A&E", "G7": a capital, then one to five capitals, digits or '&'.
fn is_acronym(word: &str) -> bool {
    let mut bytes = word.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_uppercase())
        && (2..=6).contains(&word.len())
        && bytes.all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'&')
}

/// The acronym that ends `head` and starts a word (its first character follows none of a
/// word), the longest there is.
fn acronym_ending(head: &str) -> Option<&str> {
    let tail_start = head.len().saturating_sub(6);
    (tail_start..head.len().saturating_sub(1))
        .filter(|&at| head.is_char_boundary(at))
        .find(|&at| {
            let starts_word = !head[..at].chars().next_back().is_some_and(is_word_char);
            starts_word && is_acronym(&head[at..])
        })
        .map(|at| &head[at..])
}

/// Whether words that spell an acronym out name no organisation: words in lower case
/// ("remote code execution"), none an organisation word. A name in capitals without one
/// ("Human Rights Watch") may well be an organisation's.
fn is_term_spelt(words: &str) -> bool {
    let words: Vec<&str> = words.split_whitespace().collect();
    let capitalised = (words.iter())
        .filter(|w| w.starts_with(|c: char| c.is_uppercase()))
        .count();
    capitalised * 2 < words.len() && !words.iter().any(|w| is_org_word(w))
}

/// The words of `text` (letters and digits, with the dots and commas inside numbers), each
/// after what stands between it and the word before.
fn words(text: &str) -> impl Iterator<Item = (&str, &str)> {
    let mut end = 0;
    text.split(|c: char| !c.is_alphanumeric() && c != '.' && c != ',')
        .filter_map(move |token| {
            // Where the token starts: `split` hands out slices of `text`.
            let at = token.as_ptr() as usize - text.as_ptr() as usize;
            let word = token.trim_matches(['.', ',']);
            if word.is_empty() {
                return None;
            }
            let start = at + (token.len() - token.trim_start_matches(['.', ',']).len());
            let gap = &text[end..start];
            end = start + word.len();
            Some((gap, word))
        })
}

/// Whether what stands after a word closes the phrase it is in ("." "," ";" ":" "?" "!",
/// a footnote's "*"); a hyphen or a slash goes on.
fn closes_phrase(gap: &str) -> bool {
    gap.trim_start()
        .starts_with(['.', ',', ';', ':', '?', '!', '*'])
}

/// What reading a text's words keeps of the words before the one read.
#[derive(Default)]
struct Before<'t> {
    /// The word before is a number, not a year.
    number: bool,
    /// A word written after a number, waiting for the word after it.
    unit: Option<&'t str>,
    /// The word before, when in capitals.
    capitals: Option<&'t str>,
    /// The word before is "a" or "an".
    article: bool,
    /// A word in capitals straight after "a", waiting for the phrase's end.
    indefinite: Option<&'t str>,
}

impl<'t> Before<'t> {
    /// What is kept once `word`, after `gap`, is read.
    fn then(self, gap: &'t str, word: &'t str) -> Before<'t> {
        let spaced = gap.trim().is_empty();
        let capitals = word.starts_with(|c: char| c.is_ascii_uppercase())
            && word
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
        let indefinite = capitals && spaced && self.article;
        Before {
            number: is_number(word) && !is_year(word),
            // A unit follows its number across one space ("0.5 ETH"), never a sentence's end
            // nor a year ("in 2022. NHS England said").
            unit: (self.number && gap == " " && word.chars().any(char::is_alphabetic))
                .then_some(word),
            capitals: capitals.then_some(word),
            article: matches!(word, "a" | "an"),
            indefinite: indefinite.then_some(word),
        }
    }
}

/// "DAOs": a word in capitals with a plural "s" (two capitals at least), without it.
fn capitals_plural(word: &str) -> Option<&str> {
    let singular = word.strip_suffix('s')?;
    let capitals = singular.bytes().filter(u8::is_ascii_uppercase).count();
    let all_capitals = singular
        .bytes()
        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
    (capitals >= 2 && all_capitals).then_some(singular)
}

/// "4.7", "2.0", "v3": a version number (at most two digits on either side of its dot).
fn is_version(word: &str) -> bool {
    let number = word.strip_prefix(['v', 'V']).unwrap_or(word);
    let mut parts = number.split('.');
    let short_digits =
        |p: &str| (1..=2).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit());
    let whole = parts.next().is_some_and(short_digits);
    let fraction = parts.next();
    let dotted = fraction.is_some_and(short_digits) && parts.next().is_none();
    whole && (dotted || (fraction.is_none() && number.len() < word.len()))
}

/// Whether a number followed by `gap` and `next` is an amount ("1.3 million", "2.5%").
fn is_amount(gap: &str, next: &str) -> bool {
    const AMOUNTS: &[&str] = &[
        "million", "billion", "trillion", "bn", "m", "k", "per", "percent", "pc", "points", "x",
        "times",
    ];
    gap.starts_with('%') || AMOUNTS.contains(&next.to_lowercase().as_str())
}

/// "1900" to "2099": a year, not a count.
fn is_year(word: &str) -> bool {
    word.len() == 4 && (word.starts_with("19") || word.starts_with("20"))
}

/// "100", "0.5", "1,170", "21M": digits first, digits most.
fn is_number(word: &str) -> bool {
    let digits = word.chars().filter(char::is_ascii_digit).count();
    word.starts_with(|c: char| c.is_ascii_digit()) && digits * 2 >= word.chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use regex::Regex;

    /// The definitions as one pattern finds them: what `definitions` must find. The pattern
    /// was the rule until it proved to read about half a megabyte a second on texts with
    /// brackets (its bounded repeats of Unicode classes defeat the regex crate's DFA).
    fn definitions_by_pattern(text: &str) -> Vec<Definition<'_>> {
        let pattern = Regex::new(
            r"(?P<before>[^()\n]{0,80})\((?P<inner>[A-Z][A-Z0-9&]{1,5})\)|\b(?P<short>[A-Z][A-Z0-9&]{1,5}) \((?P<words>[^()\n]{3,80})\)",
        )
        .unwrap();
        (pattern.captures_iter(text))
            .map(|caps| match caps.name("inner") {
                Some(short) => Definition::After {
                    before: caps.name("before").unwrap().as_str(),
                    short: short.as_str(),
                },
                None => Definition::Before {
                    short: caps.name("short").unwrap().as_str(),
                    words: caps.name("words").unwrap().as_str(),
                },
            })
            .collect()
    }

    /// Pieces of texts that put brackets, acronyms and word boundaries side by side.
    const PIECES: &[&str] = &[
        "(",
        ")",
        " ",
        "\n",
        "&",
        "_",
        "é",
        "’",
        "\u{301}",
        "AB",
        "CDE",
        "X",
        "Q7",
        "words ",
        "a",
        "remote code execution ",
    ];

    proptest! {
        #[test]
        fn definitions_are_what_the_pattern_finds(
            pieces in proptest::collection::vec(
                prop_oneof![
                    proptest::sample::select(PIECES).prop_map(String::from),
                    "[A-Z]{1,8}",
                    "[a-z ]{1,90}",
                ],
                0..40,
            )
        ) {
            let text = pieces.concat();
            prop_assert_eq!(definitions(&text).collect::<Vec<_>>(), definitions_by_pattern(&text));
        }
    }

    #[test]
    fn shouted_words_units_and_versions_are_terms() {
        let terms = Terms::of([
            "We bought EVERY day, every week: 0.5 ETH, then 1,170 SHIB.",
            "BIP32 set the standard. The NHS and IKEA did not.",
        ]);
        for term in ["EVERY", "ETH", "SHIB", "BIP32"] {
            assert!(terms.is_term(term), "{term}");
        }
        for name in ["NHS", "IKEA", "BTC"] {
            assert!(!terms.is_term(name), "{name}");
        }
        // A name written after a number, and a unit closing a line.
        let terms = Terms::of([
            "Two councils and 5 NHS trusts signed.",
            "It cost 10 BTC\nThen more.",
        ]);
        assert!(!terms.is_term("NHS"));
        assert!(terms.is_term("BTC"));
        // Nor a year before a sentence, nor a hashtag, makes a name a term.
        let terms = Terms::of(["It was published in 2022. NHS England said so. #nhs #DfE @bbc"]);
        for name in ["NHS", "BBC"] {
            assert!(!terms.is_term(name), "{name}");
        }
    }

    #[test]
    fn plurals_and_names_before_a_version_are_terms() {
        let terms = Terms::of([
            "Most DAOs fail. Try GLM 4.7 or QRX v2 today, and the NDX.",
            "Prove it with a ZKP. We wrote a ZRP with them, and a DMMS*, once.",
            "A BBC reporter and an NHS trust, and an NHS that works, and an NHS-funded place.",
            "Labour promised a better NHS. The CQC 2.1 per cent rise, an NSPCC-led review.",
            "We need an NSPCC",
            "It ends with a ZQP.",
            "The NHS 1.3 million staff, the ONS 2.5% rise, and KPMG in 2.0 form.",
        ]);
        for term in ["DAO", "GLM", "QRX", "ZKP", "ZRP", "DMMS", "ZQP"] {
            assert!(terms.is_term(term), "{term}");
        }
        for name in ["NDX", "NHS", "ONS", "KPMG", "BBC", "CQC", "NSPCC"] {
            assert!(!terms.is_term(name), "{name}");
        }
    }

    #[test]
    fn acronyms_spelt_out_as_no_organisation_are_terms() {
        let terms = Terms::of([
            "It grants remote code execution (RCE) to anyone: a zero-day exploit (ZDE).",
            "Then the Care Quality Commission (CQC) and Human Rights Watch (HRW).",
            "The CMA (Competition and Markets Authority) agreed, and so did the (NHS).",
        ]);
        assert!(terms.is_term("RCE"));
        assert!(terms.is_term("ZDE"));
        for name in ["CQC", "CMA", "NHS", "HRW"] {
            assert!(!terms.is_term(name), "{name}");
        }
    }
}
