//! Names listed beside organisations: in "Paypal, Visa, Mastercard and Amex are hiring",
//! once Visa and Mastercard are known to be organisations, Paypal and Amex are too. A list is
//! two names or more joined by commas, "and", "or" or "&" (the last joined by a word, or three
//! names at least); its other names count when each is one capitalised word that is no word
//! of the calendar, of a clause's opening ("However", "Finally") or of the document in lower
//! case ("Funding, Visa and …" beside "funding").

use super::actors::bare;
use super::is_acronym;
use super::words::{CLAUSE_OPENERS, LIST_OPENERS, NOT_ACTORS, PLACES};
use foldhash::{HashSet, HashSetExt};

/// The longest name a list holds, in words ("Andreessen Horowitz").
const MAX_WORDS: usize = 3;

/// The names `text` lists beside a name `is_org` knows, each once, in order; `is_common`
/// tells the words the document writes in lower case (see [`lower_case_words`]).
pub fn listed_names(
    text: &str,
    is_org: impl Fn(&str) -> bool,
    is_common: impl Fn(&str) -> bool,
) -> Vec<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut found: Vec<String> = Vec::new();
    let mut seen = HashSet::new();
    let mut at = 0;
    while at < words.len() {
        let inside_a_name = at > 0 && is_capitalised(words[at - 1]) && !ends_member(words[at - 1]);
        let list = (!inside_a_name).then(|| list_at(&words, at)).flatten();
        let Some(list) = list else {
            at += 1;
            continue;
        };
        at = list.end;
        if !list.members.iter().any(|m| is_org(m)) {
            continue;
        }
        for member in list.members {
            let listed = !is_org(&member) && may_be_listed(&member);
            if listed && !is_common(&member.to_lowercase()) && seen.insert(member.clone()) {
                found.push(member);
            }
        }
    }
    found
}

/// A list of names in a text's words, and the index of the word after it.
struct List {
    members: Vec<String>,
    end: usize,
}

/// The list that starts at `words[at]`, if one does.
fn list_at(words: &[&str], at: usize) -> Option<List> {
    let mut members = Vec::new();
    let mut joined_by_word = false;
    let mut next = at;
    loop {
        let (member, end) = member_at(words, next)?;
        members.push(member);
        let comma = words[end - 1].ends_with(',');
        let joiner = words.get(end).is_some_and(|w| is_joiner(w));
        let last_was_joined = joined_by_word && next > at && is_joiner(words[next - 1]);
        if last_was_joined || !(comma || joiner) || closes_list(words[end - 1]) {
            next = end;
            break;
        }
        next = if joiner { end + 1 } else { end };
        joined_by_word |= joiner;
        // "X, and Y": a comma, then a joining word.
        if comma && words.get(next).is_some_and(|w| is_joiner(w)) {
            next += 1;
            joined_by_word = true;
        }
        if member_at(words, next).is_none() {
            // No name after the last joiner ("ADCS, JSWEC and others").
            break;
        }
    }
    let is_list = members.len() >= 3 || (members.len() == 2 && joined_by_word);
    is_list.then_some(List { members, end: next })
}

/// The name that starts at `words[at]`: up to [`MAX_WORDS`] capitalised words, ending at
/// the first that punctuation closes; and the index of the word after it.
fn member_at(words: &[&str], at: usize) -> Option<(String, usize)> {
    let mut end = at;
    while end < words.len() && end - at < MAX_WORDS && is_capitalised(words[end]) {
        end += 1;
        if ends_member(words[end - 1]) {
            break;
        }
    }
    (end > at).then(|| {
        let name: Vec<&str> = words[at..end].iter().map(|w| bare(w)).collect();
        (name.join(" "), end)
    })
}

/// Whether a listed name may be an organisation's: one word, capitalised with lower case
/// after (or an acronym), no word of the calendar or of a clause's opening, and no place.
fn may_be_listed(member: &str) -> bool {
    let one_word = !member.contains(' ') && member.chars().count() >= 3;
    let name_like = member.chars().any(char::is_lowercase) || is_acronym(member);
    let opener = NOT_ACTORS.contains(&member)
        || CLAUSE_OPENERS.contains(&member)
        || LIST_OPENERS.contains(&member)
        || PLACES.contains(&member)
        || member.ends_with("ly");
    one_word && name_like && !opener
}

/// Adds the words `text` writes in lower case to `lower`.
pub fn lower_case_words<'t>(text: &'t str, lower: &mut HashSet<&'t str>) {
    let words = text.split(|c: char| !c.is_alphanumeric());
    lower.extend(words.filter(|w| w.starts_with(char::is_lowercase)));
}

/// "and", "or", "&": a word that joins the last names of a list.
fn is_joiner(word: &str) -> bool {
    matches!(word, "and" | "or" | "&")
}

/// Whether a word starts with a capital letter (after an opening bracket or quote) and is
/// made of letters, digits and the marks names hold.
fn is_capitalised(raw: &str) -> bool {
    let word = bare(raw);
    word.chars().next().is_some_and(char::is_uppercase)
        && word
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '&' | '.'))
}

/// Whether punctuation closes a name at the end of `raw` ("Visa,", "Amex.").
fn ends_member(raw: &str) -> bool {
    !raw.ends_with(|c: char| c.is_alphanumeric())
}

/// Whether `raw` ends the clause or sentence a list is in (a comma does not).
fn closes_list(raw: &str) -> bool {
    raw.trim_end_matches(['"', '”', '\'', ')'])
        .ends_with(['.', ':', ';', '!', '?'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listed(text: &str, orgs: &[&str]) -> Vec<String> {
        let mut lower = HashSet::new();
        lower_case_words(text, &mut lower);
        listed_names(text, |name| orgs.contains(&name), |w| lower.contains(w))
    }

    #[test]
    fn names_listed_beside_organisations_are_organisations() {
        let known = ["Visa", "Mastercard", "SkyJet", "Harbour Capital"];
        assert_eq!(
            listed("Paypol, Visa, Mastercard and Amexa are all hiring.", &known),
            ["Paypol", "Amexa"]
        );
        assert_eq!(
            listed("Indiga and SkyJet both build their own apps", &known),
            ["Indiga"]
        );
        assert_eq!(
            listed("a round led by Harbour Capital and Accelo.", &known),
            ["Accelo"]
        );
        assert_eq!(listed("Visa, Mastercard, and Zolo.", &known), ["Zolo"]);
    }

    #[test]
    fn people_openers_and_lone_names_are_not() {
        let known = ["Visa", "Mastercard", "Harbour Capital"];
        for text in [
            // No known organisation in the list.
            "Paypol and Amexa are hiring.",
            // A person's two names; an opening word; a word also written in lower case.
            "Priya Raman and Visa met.",
            "However, Visa and Mastercard said no.",
            "Finally, Visa and Mastercard said no.",
            "Target and Visa hired; the target was met.",
            // Not a list: one name, or names in two clauses.
            "Visa. Paypol and others",
            "We met Visa; Paypol came later.",
            "Visa and the others",
            // A place beside companies.
            "Visa, China and Russia signed.",
            "Overall, Visa and Mastercard said no.",
        ] {
            assert_eq!(listed(text, &known), Vec::<String>::new(), "{text}");
        }
    }
}
