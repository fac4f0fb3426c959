//! Names written as runs of capitalised words around an organisation word, acronyms used as
//! names, and CamelCase brands.

use super::prefilter::{ORG_WORD_BITS, next_name_word, stretch_around};
use super::words::*;

/// A word of post text with the punctuation around it noted.
#[derive(Debug, Clone)]
pub(super) struct Token<'a> {
    word: &'a str,
    /// Punctuation before the word (an opening bracket or quote starts a new name).
    opened: bool,
    /// The punctuation after the word, if any.
    closed: Option<char>,
}

/// Every word of `text`, in order.
pub(super) fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::with_capacity(text.len() / 6);
    tokens.extend(text.split_whitespace().filter_map(token));
    tokens
}

/// The word `raw` (white space around it already cut) trimmed of its punctuation, if any
/// word is left.
pub(super) fn token(raw: &str) -> Option<Token<'_>> {
    let opening = ['"', '“', '‘', '\'', '(', '[', '*', '_'];
    let closing = [
        '.', ',', ';', ':', '!', '?', ')', ']', '"', '”', '’', '\'', '*', '…', '>',
    ];
    // Most words have no punctuation on either side: nothing to trim.
    let bare = |b: Option<&u8>| b.is_some_and(u8::is_ascii_alphanumeric);
    if bare(raw.as_bytes().first()) && bare(raw.as_bytes().last()) {
        return Some(Token {
            word: raw,
            opened: false,
            closed: None,
        });
    }
    let start = raw.trim_start_matches(opening);
    let word = start.trim_end_matches(closing);
    let word = word
        .strip_suffix('’')
        .or_else(|| word.strip_suffix('\''))
        .map_or(word, |w| w);
    let tail = &start[word.len()..];
    (!word.is_empty()).then(|| Token {
        word,
        opened: start.len() != raw.len(),
        closed: tail.chars().find(|c| !matches!(c, '’' | '\'')),
    })
}

pub(super) fn is_capitalised(word: &str) -> bool {
    // Called for every word of every post: ASCII is judged as bytes.
    let capital = match word.as_bytes().first() {
        Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
        _ => word.chars().next().is_some_and(char::is_uppercase),
    };
    capital && !word.bytes().any(|b| matches!(b, b'@' | b'#' | b'/'))
}

pub(super) fn is_possessive(word: &str) -> bool {
    ["’s", "'s"].iter().any(|s| word.ends_with(s))
}

pub(super) fn without_possessive(word: &str) -> &str {
    word.strip_suffix("’s")
        .or_else(|| word.strip_suffix("'s"))
        .unwrap_or(word)
}

pub(super) fn is_org_word(word: &str) -> bool {
    is_org_word_bytes(without_possessive(word).as_bytes())
}

/// Whether `word` is one of [`ORG_WORDS`]. Asked of every capitalised word, most of them
/// not: their bits rule out nearly all before the sorted words are searched.
pub(super) fn is_org_word_bytes(word: &[u8]) -> bool {
    ORG_WORD_BITS.may_hold(word) && (ORG_WORDS.binary_search_by(|w| w.as_bytes().cmp(word))).is_ok()
}

/// An acronym used as a name: 3 to 6 capitals (digits and '&' allowed after the first), not
/// a Roman numeral ("Annex III", "Part XIV").
pub fn is_acronym(word: &str) -> bool {
    let len = word.chars().count();
    (3..=6).contains(&len)
        && word.starts_with(|c: char| c.is_ascii_uppercase())
        && word
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '&')
        && !COMMON_ACRONYMS.contains(&word)
        && !word.bytes().all(|b| matches!(b, b'I' | b'V' | b'X'))
}

/// "CareTech", "PayPal", "CoinMarketCap": two or three humps of at least two letters ("ToR",
/// "DfE" are not). Four or more are a name in code ("AskUserQuestionTool", "NiPoPoWs"), not a
/// brand's.
pub(super) fn is_camel_brand(word: &str) -> bool {
    if !word.starts_with(|c: char| c.is_ascii_uppercase())
        || !word.bytes().all(|b| b.is_ascii_alphabetic())
    {
        return false;
    }
    // Capitals (and the word's end) at least two letters apart: three or four bounds.
    let bounds = (word.bytes().enumerate())
        .filter(|(_, b)| b.is_ascii_uppercase())
        .map(|(i, _)| i)
        .chain([word.len()]);
    let mut last = None;
    let mut count = 0;
    for bound in bounds {
        if last.is_some_and(|l| bound - l < 2) {
            return false;
        }
        last = Some(bound);
        count += 1;
    }
    (3..=4).contains(&count)
        && !SURNAME_PREFIXES.iter().any(|p| {
            word.strip_prefix(p)
                .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_uppercase()))
        })
}

/// Runs of capitalised words, with connectors between them, broken at punctuation — except
/// ", University of" style continuations, which belong to the name before the comma. Each
/// run is a range of `tokens`.
pub(super) fn runs(tokens: &[Token]) -> Vec<std::ops::Range<usize>> {
    let mut runs = Vec::new();
    let mut start: Option<usize> = None;
    for (i, token) in tokens.iter().enumerate() {
        let next = tokens.get(i + 1);
        let joins_last = start.is_some()
            && {
                let last = &tokens[i - 1];
                last.closed.is_none()
                    || (last.closed == Some(',') && continues_after_comma(tokens, i))
            }
            && !token.opened;
        // A connector counts before a capitalised word; that is the rarer test, so first.
        let word_fits = is_capitalised(token.word)
            || (next.is_some_and(|n| is_capitalised(n.word) && !n.opened)
                && token.closed.is_none()
                && CONNECTORS.contains(&token.word));
        if !(word_fits && (start.is_none() || joins_last)) {
            if let Some(begun) = start.take() {
                runs.push(begun..i);
            }
            if !is_capitalised(token.word) {
                continue;
            }
        }
        start.get_or_insert(i);
    }
    if let Some(begun) = start {
        runs.push(begun..tokens.len());
    }
    runs
}

/// ", University of London": an organisation word then "of" continues the name before a comma.
pub(super) fn continues_after_comma(tokens: &[Token], i: usize) -> bool {
    let head = tokens
        .get(i)
        .is_some_and(|t| is_org_word(t.word) && t.closed.is_none());
    head && tokens.get(i + 1).is_some_and(|t| t.word == "of")
}

pub(super) fn join(tokens: &[Token]) -> String {
    // Room for the words, the spaces between them and the commas inside, exactly: the name
    // is written in one go, and kept (a post's organisations hold it).
    let inner = tokens.len().saturating_sub(1);
    let commas = (tokens[..inner].iter())
        .filter(|t| t.closed == Some(','))
        .count();
    let words: usize = tokens.iter().map(|t| t.word.len()).sum();
    let mut name = String::with_capacity(words + inner + commas);
    for (i, t) in tokens.iter().enumerate() {
        if i > 0 {
            name.push(' ');
        }
        name.push_str(t.word);
        if t.closed == Some(',') && i + 1 < tokens.len() {
            name.push(',');
        }
    }
    name.truncate(without_possessive(&name).len());
    name
}

/// Organisation names written in `text`, by the name rules (not handles, not the glossary).
///
/// Every name holds a word that starts with an ASCII capital and is an organisation word, an
/// acronym or a CamelCase brand, and most text is lower-case words with few of those. So
/// the rules run only on the stretch around each such word, out to the nearest word on
/// either side that ends any run of a name; there they find what they would find over the
/// whole text, at a fraction of the cost (a property test holds the two equal).
pub fn names(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    // Whether the text shouts matters only to acronyms, and most texts have none.
    let shouting = std::cell::OnceCell::new();
    let text_shouts = || *shouting.get_or_init(|| is_shouting(&tokens(text)));
    let mut from = 0;
    while let Some(at) = next_name_word(text.as_bytes(), from) {
        let stretch = stretch_around(text.as_bytes(), from, at);
        names_in_stretch(&text[stretch.clone()], text_shouts, &mut found);
        from = stretch.end;
    }
    found.dedup();
    found
}

/// The names the rules find in `stretch` of a text, added to `found`.
pub(super) fn names_in_stretch(
    stretch: &str,
    text_shouts: impl Fn() -> bool + Copy,
    found: &mut Vec<String>,
) {
    let tokens = tokens(stretch);
    for run in runs(&tokens) {
        names_in_run(&tokens[run], text_shouts, found);
    }
}

/// Text written largely in capitals (a licence, a shouted post): its capital words are not
/// acronyms.
pub(super) fn is_shouting(tokens: &[Token]) -> bool {
    let words = tokens
        .iter()
        .filter(|t| t.word.chars().filter(|c| c.is_alphabetic()).count() > 1);
    let (capitals, all) = words.fold((0, 0), |(c, a), t| {
        (
            c + usize::from(!t.word.chars().any(char::is_lowercase)),
            a + 1,
        )
    });
    capitals > 2 && capitals * 10 > all * 3
}

pub(super) fn names_in_run(run: &[Token], text_shouts: impl Fn() -> bool, found: &mut Vec<String>) {
    let shouting = || {
        let run_shouts = run
            .iter()
            .filter(|t| t.word.len() > 1 && t.word.chars().all(|c| !c.is_lowercase()))
            .count()
            > 2;
        run_shouts || text_shouts()
    };
    let mut i = 0;
    while i < run.len() {
        let word = run[i].word;
        let end = if is_org_word(word) && run.len() > 1 {
            let start = name_start(run, i);
            let end = complement_end(run, i);
            if end - start > 1 || !is_org_word(run[start].word) {
                found.push(join(&run[start..end]));
            }
            end
        } else if is_acronym(word) && !shouting() {
            let end = complement_end(run, i);
            found.push(join(&run[i..end]));
            end
        } else {
            if is_camel_brand(without_possessive(word)) {
                found.push(without_possessive(word).to_string());
            }
            i + 1
        };
        i = end.max(i + 1);
    }
}

/// Where the name around the organisation word at `head` starts: back over capitalised words,
/// stopping after an owner ("Scotland’s Independent Care Review") or at "and" after another
/// organisation ("Kingston University and …"); leading determiners, connectors and the words
/// that open a clause ("But", "Yesterday") dropped.
pub(super) fn name_start(run: &[Token], head: usize) -> usize {
    let mut start = head;
    while start > 0 {
        let before = &run[start - 1];
        let owner = is_possessive(before.word) && before.closed != Some(',');
        let after_org =
            matches!(before.word, "and" | "&") && start >= 2 && is_org_word(run[start - 2].word);
        if owner || after_org {
            break;
        }
        start -= 1;
    }
    // "Now the Department…": a word that may open a name too ("Now Teach") opens the
    // sentence where a connector follows it.
    let leads = |at: usize| {
        let word = run[at].word;
        let connector_next = run
            .get(at + 1)
            .is_some_and(|t| CONNECTORS.contains(&t.word));
        DETERMINERS.contains(&word)
            || CONNECTORS.contains(&word)
            || CLAUSE_OPENERS.contains(&word)
            || (LIST_OPENERS.contains(&word) && connector_next)
    };
    while start < head && leads(start) {
        start += 1;
    }
    start
}

/// Where the name whose head is at `head` ends: an "of"/"for"/"on" complement continues it
/// ("Review of Social Care", "APPG for Looked After Children"); capitalised words straight
/// after the head do not ("Social Work Union Boycott").
pub(super) fn complement_end(run: &[Token], head: usize) -> usize {
    if run[head].closed.is_some()
        || !run
            .get(head + 1)
            .is_some_and(|t| matches!(t.word, "of" | "for" | "on"))
    {
        return head + 1;
    }
    let mut end = head + 1;
    while end < run.len() {
        let another_org_follows =
            run[end].word == "and" && run[end + 1..].iter().any(|t| is_org_word(t.word));
        if another_org_follows {
            break;
        }
        end += 1;
        if run[end - 1].closed.is_some() {
            break;
        }
    }
    end
}
