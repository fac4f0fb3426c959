//! Companies the text has act as companies do: a name that people are at or join ("at
//! Databricks", "joined Stripe"), that does what companies do in the news ("Snowflake
//! announced", "Intuit is hiring" is not enough; "Intuit hired" is), that the text calls a
//! company ("security firm Praetorian") or that has what companies have ("Readwise's
//! engineers", "Cognition's co-founder"). A run of up to three capitalised words after "at"
//! is one name ("at Andreessen Horowitz").
//!
//! The rule is read from the words that trigger it, found in one search
//! ([`super::prefilter::actor_words`]); `tests` holds it to a walk over every word.

use super::words::{
    ACTOR_PREPOSITIONS, ACTOR_VERBS, COMPANY_NOUNS, COMPANY_POSSESSIONS, NOT_ACTORS, PLACES,
    POSSESSION_GAP, QUANTITIES, WORK_WORDS,
};
use std::ops::Range;

/// Words before a noun that make it a thing rather than a company's name.
const DETERMINERS: &[&str] = &[
    "a", "an", "her", "his", "its", "my", "our", "that", "the", "their", "these", "this", "those",
    "your",
];

/// The longest name an actor rule takes, in words.
const MAX_WORDS: usize = 3;

/// The names `text` has act as companies. Each is found from the word that makes it an
/// actor: the name after each "at", "joined" or "firm", the name before each "announced",
/// the owner before each "engineers". A handle is given with its '@' ("works at @Stripe").
pub fn actor_names(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let surnames = Surnames::of(text);
    // The end of the last word read: a word says the same whichever trigger inside it
    // ("engineers-engineers-…") is found, and is read once.
    let mut read_to = 0;
    for trigger in super::prefilter::actor_words(text) {
        if trigger.start < read_to {
            continue;
        }
        // Inside a longer word ("that", "rejoined"): not the word itself.
        let glued_before = text[..trigger.start]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
        let glued_after = text[trigger.end..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric);
        if glued_before || glued_after {
            continue;
        }
        let word = word_around(text, trigger);
        read_to = word.end;
        let raw = &text[word.clone()];
        let before = || text[..word.start].split_whitespace().rev();
        let after = || text[word.end..].split_whitespace();
        let name = match bare(raw) {
            w if is_one_of(w, ACTOR_PREPOSITIONS) => {
                name_after(raw, after()).or_else(|| handle_after(raw, before().next(), after()))
            }
            _ if names_a_company(raw, before().next(), &text[word.end..]) => {
                name_after(raw, after())
            }
            w if is_one_of(w, ACTOR_VERBS) => {
                let mut before = before();
                before
                    .next()
                    .and_then(|raw| name_before(raw, before.next()))
            }
            w if is_one_of(w, COMPANY_POSSESSIONS) => owner_before(before(), &surnames),
            _ => None,
        };
        found.extend(name);
    }
    found.dedup();
    found
}

/// Whether `raw` is a noun naming a kind of company, written in lower case and on its own
/// ("firm", not "Firm" nor "firm,"), that names the one after it: no determiner straight
/// before it ("the company Elon Musk bought" opens a clause; "security firm Quillon" names
/// one) and the name on the same line (`rest` is what follows the noun).
fn names_a_company(raw: &str, before: Option<&str>, rest: &str) -> bool {
    let determined = before.is_some_and(|b| is_one_of(bare(b), DETERMINERS));
    COMPANY_NOUNS.contains(&raw) && !determined && one_space_before(rest)
}

/// The handle after "at" when the word before says someone works there ("engineer at
/// @Stripe", "Teams at @lanternpay"; not "look at @sama").
fn handle_after<'t>(
    place: &str,
    before: Option<&str>,
    mut after: impl Iterator<Item = &'t str>,
) -> Option<String> {
    let works = before.is_some_and(|b| is_one_of(bare(b), WORK_WORDS));
    let at = bare(place).eq_ignore_ascii_case("at") && !ends_clause(place);
    let handle = (works && at).then(|| after.next().and_then(handle_word))?;
    handle.map(|h| format!("@{h}"))
}

/// Whether `rest` opens with one space and then a word: a name on the same line as the noun
/// before it, not a heading's last word and the next line's first.
fn one_space_before(rest: &str) -> bool {
    (rest.strip_prefix(' ')).is_some_and(|r| r.starts_with(|c: char| !c.is_whitespace()))
}

/// The owner in `before` (the words before a company's possession, nearest first): a name
/// with a possessive, at most [`POSSESSION_GAP`] words back, in the same clause; no place
/// ("India's engineers") and no surname, written after a first name here or elsewhere in
/// the text ("Josh MacAlister's staff", "Elon Musk … Musk's engineers").
fn owner_before<'t>(
    mut before: impl Iterator<Item = &'t str>,
    surnames: &Surnames,
) -> Option<String> {
    for _ in 0..=POSSESSION_GAP {
        let raw = before.next()?;
        let possessive = raw.ends_with("'s") || raw.ends_with("’s");
        if possessive {
            let surname = before
                .next()
                .is_some_and(|b| is_name_word(b) && !ends_clause(b));
            let owner = bare(raw);
            let person_or_place = surname || PLACES.contains(&owner) || surnames.contains(owner);
            return (is_name_word(raw) && !person_or_place).then(|| owner.to_string());
        }
        if ends_clause(raw) {
            return None;
        }
    }
    None
}

/// The words a text writes straight after another capitalised name word ("Musk" in "Elon
/// Musk"): gathered in one pass, the first time an owner is asked about, as a text may have
/// an owner at every other word.
struct Surnames<'t> {
    text: &'t str,
    words: std::cell::OnceCell<foldhash::HashSet<&'t str>>,
}

impl<'t> Surnames<'t> {
    fn of(text: &'t str) -> Surnames<'t> {
        let words = std::cell::OnceCell::new();
        Surnames { text, words }
    }

    fn contains(&self, name: &str) -> bool {
        let words = self.words.get_or_init(|| {
            let words: Vec<&str> = self.text.split_whitespace().collect();
            let after_name = |w: &[&str]| is_name_word(w[0]) && !ends_clause(w[0]);
            (words.windows(2).filter(|w| after_name(w)))
                .map(|w| bare(w[1]))
                .collect()
        });
        words.contains(name)
    }
}

/// The name that follows a word placing someone in it ("at", "joined"), if the words after
/// it open with one.
fn name_after<'t>(place: &str, mut after: impl Iterator<Item = &'t str> + Clone) -> Option<String> {
    let first = after.clone().next()?;
    if ends_clause(place) {
        return None;
    }
    // "at Priya's desk": a person's, not a place of work.
    let owner = first.ends_with("'s") || first.ends_with("’s");
    let named = !owner && opens_with_capital(first) && is_name_word(first);
    named.then(|| name_run(after.by_ref()))
}

/// The handle `raw` mentions, as a handle or a Markdown link to one ("@Stripe",
/// "[@Stripe](https://x.com/Stripe),"), unless possessive ("@priya's").
fn handle_word(raw: &str) -> Option<&str> {
    let rest = raw
        .trim_start_matches(['(', '[', '"', '“'])
        .strip_prefix('@')?;
    let end = (rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))).unwrap_or(rest.len());
    let possessive = rest[end..].starts_with(['\'', '’']);
    (end > 0 && !possessive).then(|| &rest[..end])
}

/// The name `raw` is, written before a verb of what companies do, `before` being the word
/// before it. The name must end where the verb begins ("Snowflake announced", not "…,
/// announced"), and be no surname ("Josh MacAlister launched") and no thing ("the ToR
/// released").
fn name_before(raw: &str, before: Option<&str>) -> Option<String> {
    let surname = before.is_some_and(|b| is_name_word(b) && !ends_clause(b));
    let determined = before.is_some_and(|b| is_one_of(bare(b), DETERMINERS));
    // A capital that opens a sentence says nothing ("Sarah launched", "Government announced").
    let opens_sentence = before.is_none_or(|b| b.ends_with(['.', '!', '?', ':']));
    let named =
        opens_with_capital(raw) && is_name_word(raw) && raw.ends_with(char::is_alphanumeric);
    let quantity = QUANTITIES.contains(&bare(raw));
    let found = named && !surname && !determined && !opens_sentence && !quantity;
    found.then(|| bare(raw).to_string())
}

/// The whitespace-delimited word of `text` that holds `within`.
fn word_around(text: &str, within: Range<usize>) -> Range<usize> {
    let start = (text[..within.start].char_indices().rev())
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = (text[within.end..].char_indices())
        .find(|(_, c)| c.is_whitespace())
        .map_or(text.len(), |(i, _)| within.end + i);
    start..end
}

/// Whether `word`, ignoring ASCII case, is one of `list` (lower-case words).
fn is_one_of(word: &str, list: &[&str]) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// Whether `raw` starts with a capital letter, perhaps after an opening bracket or quote.
fn opens_with_capital(raw: &str) -> bool {
    let raw = raw.trim_start_matches(['(', '"', '“', '\'', '‘']);
    match raw.as_bytes().first() {
        Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
        _ => raw.chars().next().is_some_and(char::is_uppercase),
    }
}

/// The name that opens `words`: its capitalised words, up to [`MAX_WORDS`], ending at
/// punctuation.
fn name_run<'t>(words: impl Iterator<Item = &'t str>) -> String {
    let mut run = Vec::new();
    for word in words.take(MAX_WORDS) {
        if !is_name_word(word) {
            break;
        }
        run.push(bare(word));
        if !word.ends_with(|c: char| c.is_alphanumeric()) {
            break;
        }
    }
    run.join(" ")
}

/// A word as a name's: capitalised, with a lower-case letter (not an acronym, which other
/// rules judge), not a word of the calendar or one that opens a clause.
fn is_name_word(raw: &str) -> bool {
    // Handles and hashtags are judged by their own rules.
    if raw
        .trim_start_matches(['(', '"', '“', '\''])
        .starts_with(['@', '#'])
    {
        return false;
    }
    let word = bare(raw);
    let word = word
        .strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .unwrap_or(word);
    word.chars().next().is_some_and(char::is_uppercase)
        && word.chars().any(char::is_lowercase)
        && word.chars().count() >= 3
        && word
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '&' | '.'))
        && !NOT_ACTORS.contains(&word)
        && !is_compound_adjective(word)
}

/// Whether a hyphenated word ends in a word in lower case, as an adjective made of a
/// name does ("Turkish-built", "Leeds-based"); a name's parts are capitalised
/// ("Rolls-Royce").
fn is_compound_adjective(word: &str) -> bool {
    word.rsplit_once('-')
        .is_some_and(|(_, last)| last.starts_with(|c: char| c.is_lowercase()))
}

/// Whether a word ends with punctuation that ends a clause or a sentence.
fn ends_clause(raw: &str) -> bool {
    raw.ends_with([',', '.', ':', ';', '!', '?'])
}

/// `raw` without the punctuation around it (and without a possessive 's).
pub(super) fn bare(raw: &str) -> &str {
    let word = raw.trim_matches(|c: char| !c.is_alphanumeric());
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .unwrap_or(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rule as a walk over every word: each capitalised word, with the words beside it.
    fn by_every_word(text: &str) -> Vec<String> {
        let words: Vec<&str> = text.split_whitespace().collect();
        // What follows each word: `split_whitespace` hands out slices of `text`.
        let rest = |w: &str| &text[w.as_ptr() as usize - text.as_ptr() as usize + w.len()..];
        let surnames = Surnames::of(text);
        let mut found = Vec::new();
        for (i, raw) in words.iter().enumerate() {
            let before = i.checked_sub(1).map(|b| words[b]);
            let before_before = i.checked_sub(2).map(|b| words[b]);
            let after = || words[i..].iter().copied();
            if let Some(place) = before.filter(|b| is_one_of(bare(b), ACTOR_PREPOSITIONS)) {
                let name = name_after(place, after());
                found.extend(name.or_else(|| handle_after(place, before_before, after())));
            }
            if let Some(noun) = before.filter(|b| names_a_company(b, before_before, rest(b))) {
                found.extend(name_after(noun, after()));
            }
            let verb = words
                .get(i + 1)
                .is_some_and(|n| is_one_of(bare(n), ACTOR_VERBS));
            if verb {
                found.extend(name_before(raw, before));
            }
            if is_one_of(bare(raw), COMPANY_POSSESSIONS) {
                found.extend(owner_before(words[..i].iter().rev().copied(), &surnames));
            }
        }
        found.sort();
        found.dedup();
        found
    }

    proptest::proptest! {
        /// Found from its triggers, the rule finds what a walk over every word finds.
        #[test]
        fn triggers_find_what_every_word_finds(
            words in proptest::collection::vec((proptest::sample::select(&[
                "at", "AT", "At", "(at", "at,", "Databricks", "announced", "announced,",
                "joined", "the", "Stripe", "hired", "x", "@Ann", "Josh", "MacAlister",
                "launched", "that", "Cat", "Target.", "Andreessen", "Horowitz", "May", "joins",
                "rejoined", "announcedly", "firm", "firm,", "Firm", "firms", "startup",
                "Praetorian's", "Readwise’s", "engineers", "engineers.", "co-founder", "CEO",
                "principal", "security", "Josh's", "non-profit", "@Stripe", "[@Stripe](x),", "@ann's",
                "works", "look", "India's", "Elon", "Musk", "Musk's", "engineers-engineers",
                "a/firm",
            ][..]), proptest::sample::select(&[" ", "\n", "\u{a0}", "  ", "-", "/"][..])), 0..14),
        ) {
            let text: String = words.iter().flat_map(|(w, s)| [*w, *s]).collect();
            let mut fast = actor_names(&text);
            fast.sort();
            fast.dedup();
            proptest::prop_assert_eq!(fast, by_every_word(&text));
        }
    }

    #[test]
    fn companies_people_are_at_or_that_act_as_companies() {
        assert_eq!(actor_names("I used to work at Target before."), ["Target"]);
        assert_eq!(
            actor_names("She joined Andreessen Horowitz in 2019."),
            ["Andreessen Horowitz"]
        );
        assert_eq!(
            actor_names("Yesterday, Snowflake announced a deal."),
            ["Snowflake"]
        );
        assert_eq!(actor_names("at Databricks, we shipped it"), ["Databricks"]);
        assert_eq!(
            actor_names("Cloud security firm Quillon showed how."),
            ["Quillon"]
        );
        assert_eq!(
            actor_names("the AI networking service Parlour Club before that"),
            ["Parlour Club"]
        );
        assert_eq!(
            actor_names("In an email, Quillon's principal security engineer said"),
            ["Quillon"]
        );
        assert_eq!(actor_names("Pity poor Notely's engineers."), ["Notely"]);
        assert_eq!(
            actor_names("and Rolls-Royce shipped the engines"),
            ["Rolls-Royce"]
        );
        // A name that opens with a number is no number alone.
        assert!(actor_names("the group Four Seasons announced a sale").is_empty());
        assert_eq!(
            actor_names("Teams at [@quillpay](https://x.com/quillpay), and more"),
            ["@quillpay"]
        );
        for text in [
            "look at @priya's chart",
            "Look at @sama tweeting",
            "thanks for joining @jess_phillips on the panel",
            "Twitter, the company Elon Musk bought",
            "the service Sarah used",
            "Keir Starmer spoke. Starmer's engineers said",
            "India's engineers are hired",
            "engineers-engineers-engineers",
        ] {
            assert_eq!(actor_names(text), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn times_clauses_and_lower_case_are_not() {
        for text in [
            "See you at Christmas.",
            "at the review",
            "we met at 9am",
            "look at LLM outputs",
            "Thanks, announced later",
            "at. Databricks",
            "@GavinWilliamson launched the review",
            "Josh MacAlister launched the review",
            "As confirmed in the ToR released today",
            "Look at Priya's chart.",
            "Sarah launched a petition.",
            "It rained. Government announced a plan.",
            "The Firm Foundation said",
            "our firm, Quillon, said",
            "Josh MacAlister's engineers",
            "Quillon's. Then engineers",
            "Quillon's house has new engineers",
            "## About the company\nOur story",
            // Numbers and quantities, and adjectives made of names, with "ships" a noun.
            "the port said\nTwo ships arrived late",
            "and Many ships were held",
            "the newer Turkish-built ships are faster",
        ] {
            assert_eq!(actor_names(text), Vec::<String>::new(), "{text}");
        }
    }
}
