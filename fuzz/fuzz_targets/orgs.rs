//! The organisation rules on any text, as resolving runs them on each post: no panic, and
//! every name they find is written in the text, word for word (a possessive "'s" and the
//! punctuation around a word aside; a handle found as an actor keeps its '@').
#![no_main]

use libfuzzer_sys::fuzz_target;
use tread::corpus::orgs;
use tread::corpus::sanitise::sanitise;

fuzz_target!(|data: &[u8]| {
    let text = sanitise(&String::from_utf8_lossy(data));
    let mut found = orgs::names(&text);
    found.extend(orgs::actor_names(&text));
    found.extend(orgs::declared_names(&text));
    // Any name of a capital and a lower-case "a" counts as known, so that lists are tried.
    let mut lower = Default::default();
    orgs::lower_case_words(&text, &mut lower);
    let known = |name: &str| name.ends_with('a') && name.starts_with(char::is_uppercase);
    found.extend(orgs::listed_names(&text, known, |w| lower.contains(w)));
    let terms = orgs::Terms::of([text.as_str()]);
    for name in &found {
        let _ = terms.is_term(name);
        for word in name.split_whitespace() {
            let word = word.trim_start_matches('@');
            assert!(text.contains(word), "{word:?} of {name:?} is not in the text");
        }
    }
});
