//! Words in capitals that a document shows are no names, whatever the acronym rule says of
//! them alone:
//! - a word the document also writes in lower case is shouted: "EVERY day" beside "every";
//! - a word written after a number is a unit or a currency: "0.5 ETH", "100 BTC";
//! - a word ending in digits is a version or a standard: "BIP32", "GPT4";
//! - a word the document spells out in words of lower case, no organisation word among
//!   them, is a term: "remote code execution (RCE)".

use super::abbreviations::abbreviates;
use super::names::is_org_word;
use foldhash::{HashSet, HashSetExt};
use regex::Regex;
use std::sync::LazyLock;

/// What a document writes that tells its terms from its names.
#[derive(Debug, Default)]
pub struct Terms {
    /// Words written all in lower case.
    lower: HashSet<String>,
    /// Words written right after a number, as written.
    after_number: HashSet<String>,
    /// Acronyms spelt out in words that name no organisation.
    spelt_out: HashSet<String>,
}

impl Terms {
    /// Reads `texts`, the posts of one document.
    pub fn of<'a>(texts: impl IntoIterator<Item = &'a str>) -> Terms {
        let mut terms = Terms {
            lower: HashSet::new(),
            after_number: HashSet::new(),
            spelt_out: HashSet::new(),
        };
        for text in texts {
            terms.spelt_out.extend(spelt_out_terms(text));
            terms.read_words(text);
        }
        terms
    }

    /// Notes the words of `text` written in lower case, and those written after a number
    /// as units are: not followed straight on by a word in lower case, as "5 NHS trusts"
    /// uses a name and "0.5 ETH, then" a unit.
    fn read_words(&mut self, text: &str) {
        let mut number_before = false;
        let mut unit: Option<&str> = None;
        for (gap, word) in words(text) {
            let lower = word.chars().all(char::is_lowercase);
            if let Some(unit) = unit.take().filter(|_| !(lower && gap.trim().is_empty())) {
                self.after_number.insert(unit.to_string());
            }
            // A unit follows its number across one space ("0.5 ETH"), never a sentence's
            // end nor a year ("in 2022. NHS England said").
            if number_before && gap == " " && word.chars().any(char::is_alphabetic) {
                unit = Some(word);
            }
            // A hashtag, a handle or a piece of an address is no word of the text ("#nhs").
            let tagged = gap.ends_with(['#', '@', '/', '.', '-', '_']);
            if lower && !tagged {
                self.lower.insert(word.to_string());
            }
            number_before = is_number(word) && !is_year(word);
        }
        self.after_number.extend(unit.map(str::to_string));
    }

    /// Whether `acronym`, a word in capitals, is one of the document's terms.
    pub fn is_term(&self, acronym: &str) -> bool {
        acronym.ends_with(|c: char| c.is_ascii_digit())
            || self.after_number.contains(acronym)
            || self.spelt_out.contains(acronym)
            || self.lower.contains(&acronym.to_lowercase())
    }
}

/// An acronym in brackets after its words, or its words in brackets after it.
static DEFINED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<before>[^()\n]{0,80})\((?P<inner>[A-Z][A-Z0-9&]{1,5})\)|\b(?P<short>[A-Z][A-Z0-9&]{1,5}) \((?P<words>[^()\n]{3,80})\)")
        .expect("the pattern is valid")
});

/// The acronyms `text` spells out in words that hold no organisation word.
fn spelt_out_terms(text: &str) -> impl Iterator<Item = String> + '_ {
    // The pattern's literal bracket rules out nearly every text at once.
    let bracketed = text.contains('(');
    (bracketed.then(|| DEFINED.captures_iter(text)))
        .into_iter()
        .flatten()
        .filter_map(|caps| match (caps.name("inner"), caps.name("short")) {
            (Some(short), _) => {
                let words: Vec<&str> = caps["before"].split_whitespace().collect();
                let short = short.as_str();
                // The fewest words before the bracket that the acronym abbreviates.
                let spelt = (1..=words.len().min(2 * short.len() + 2))
                    .map(|n| words[words.len() - n..].join(" "))
                    .find(|name| abbreviates(short, name))?;
                is_term_spelt(&spelt).then(|| short.to_string())
            }
            (None, Some(short)) => {
                let spelt = caps["words"].trim();
                (abbreviates(short.as_str(), spelt) && is_term_spelt(spelt))
                    .then(|| short.as_str().to_string())
            }
            (None, None) => None,
        })
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
