//! Building an Aho-Corasick automaton of strings that come from a user's files (glossary
//! names, a post's entities), in time linear in the strings whatever they hold.

use aho_corasick::{AhoCorasick, AhoCorasickKind, BuildError, MatchKind, StartKind};

/// The longest string searched with a DFA. Building one follows, for each state and byte,
/// the chain of shorter matches back, whose length only the longest string bounds: a URL
/// or name of thousands of repeated syllables took seconds, growing with its square.
/// Names and entities people write are far shorter.
const MAX_DFA_STRING_BYTES: usize = 256;

/// An automaton of `strings` matching as `kind` says, for the searches `start` allows: a
/// DFA (the fastest to search) while the strings take at most `dfa_bytes` (its table takes
/// a few hundred bytes for each of theirs) and none is long, so that it is built quickly
/// and stays small; else an NFA, which is built in time linear in the strings.
pub fn build<S: AsRef<[u8]>>(
    strings: &[S],
    kind: MatchKind,
    start: StartKind,
    dfa_bytes: usize,
) -> Result<AhoCorasick, BuildError> {
    let bytes: usize = strings.iter().map(|s| s.as_ref().len()).sum();
    let longest = strings.iter().map(|s| s.as_ref().len()).max().unwrap_or(0);
    let build = |automaton| {
        AhoCorasick::builder()
            .match_kind(kind)
            .start_kind(start)
            .kind(Some(automaton))
            .build(strings)
    };
    if bytes <= dfa_bytes
        && longest <= MAX_DFA_STRING_BYTES
        && let Ok(dfa) = build(AhoCorasickKind::DFA)
    {
        return Ok(dfa);
    }
    build(AhoCorasickKind::ContiguousNFA).or_else(|_| build(AhoCorasickKind::NoncontiguousNFA))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_strings_make_a_dfa_long_ones_an_nfa() {
        let short = build(
            &["Care Review", "DfE"],
            MatchKind::Standard,
            StartKind::Unanchored,
            1024,
        )
        .unwrap();
        assert_eq!(short.kind(), AhoCorasickKind::DFA);
        let long = "ab-".repeat(100);
        let long = build(
            &[long.as_str(), "DfE"],
            MatchKind::Standard,
            StartKind::Unanchored,
            1024,
        )
        .unwrap();
        assert_eq!(long.kind(), AhoCorasickKind::ContiguousNFA);
        assert_eq!(long.find_iter("a DfE b").count(), 1);
        let many = build(
            &["Care Review", "DfE"],
            MatchKind::Standard,
            StartKind::Unanchored,
            10,
        )
        .unwrap();
        assert_eq!(many.kind(), AhoCorasickKind::ContiguousNFA);
    }
}
