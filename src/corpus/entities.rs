//! Entities written in post text: hashtags, @mentions and links, and the platform's way of
//! counting a post's length (which the segmenter needs).

use regex::Regex;
use std::sync::LazyLock;

/// A hashtag is '#' then word characters (letters, marks, digits, '_') with at least one
/// letter or mark: "#CareReview👇" stops at the emoji; "#1" is not a hashtag. A '#' glued to a
/// word ([`GLUED_TAG`]) starts none. ASCII is judged by hand; other characters by these.
static LETTER_OR_MARK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[\p{L}\p{M}]").unwrap());
static NUMBER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\p{N}").unwrap());

/// What may not stand just before a hashtag's '#': a letter, a digit or one of these.
const GLUED_TAG: Glue = Glue {
    signs: "_&/#@{$",
    others: &GLUED_TAG_OTHERS,
};
static GLUED_TAG_OTHERS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\p{L}\p{N}_&/#@{$]").unwrap());

/// A mention is '@' then a platform handle: X's, one to fifteen ASCII letters, digits and
/// '_' ("@Jimmypaul90’s" stops at the apostrophe); a fediverse account with its server; a
/// Bluesky domain ([`mentions`]). An '@' glued to a word ([`GLUED_MENTION`], so an e-mail
/// address) starts none.
pub(super) const HANDLE_MAX: usize = 15;

/// What may not stand just before a mention's '@': a letter, a digit or one of these.
const GLUED_MENTION: Glue = Glue {
    signs: "_@#.",
    others: &GLUED_MENTION_OTHERS,
};
static GLUED_MENTION_OTHERS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\p{L}\p{N}_@#.]").unwrap());

/// Characters that glue a sigil to the word before it: letters, digits and `signs`. ASCII,
/// as nearly every character before a sigil is, is judged by hand; others by the pattern
/// of the same class (a pattern call for each hashtag and mention cost more than finding
/// them).
struct Glue {
    signs: &'static str,
    others: &'static LazyLock<Regex>,
}

impl Glue {
    fn holds(&self, c: char) -> bool {
        match c.is_ascii() {
            true => c.is_ascii_alphanumeric() || self.signs.contains(c),
            false => self.others.is_match(c.encode_utf8(&mut [0; 4])),
        }
    }
}

/// A link with a scheme.
static SCHEMED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(?i)\bhttps?://[^\s<>"“”‘’]+"#).unwrap());

/// What every link with a scheme holds, searched for by bytes (built once: a search built for
/// each line cost more than the search).
static SCHEME_MARK: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new("://"));

/// A link without a scheme: a host name, optionally a path ("gov.uk/2020/11/24/ann…").
static BARE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)(?:^|[^\w@./-])((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+([a-z]{2,24})(/[^\s<>"“”‘’]*)?)"#)
        .unwrap()
});

/// Top-level domains accepted for a scheme-less host without a path, so that "e.g." or a
/// missing space after a full stop is not taken for a link.
const BARE_TLDS: &[&str] = &[
    "com", "org", "net", "uk", "gov", "edu", "io", "info", "scot", "wales", "ie", "eu", "us", "ca",
    "au", "nz", "de", "fr", "nl", "app", "dev", "news", "blog", "co",
];

/// Hashtags without '#', in order of first appearance, each spelling once.
pub fn hashtags(text: &str) -> Vec<String> {
    unique(free_standing(b'#', hashtag_len, &GLUED_TAG, text))
}

/// Mentions without '@', in order of first appearance, each spelling once.
pub fn mentions(text: &str) -> Vec<String> {
    let handles = free_standing(b'@', handle_len, &GLUED_MENTION, text);
    unique(handles.map(|h| match h.contains('\\') {
        true => h.replace('\\', ""),
        false => h,
    }))
}

/// The bodies that follow each `sigil` in `text` (`body` gives their length in bytes, if the
/// sigil starts one), less those whose sigil is glued to the character before it. Each body
/// is passed over whether glued or not, as a pattern's matches would be. Found by hand:
/// a pattern search cost a tenth of all parsing.
fn free_standing<'t>(
    sigil: u8,
    body: fn(&str) -> Option<usize>,
    glue: &'t Glue,
    text: &'t str,
) -> impl Iterator<Item = String> + 't {
    let mut from = 0;
    std::iter::from_fn(move || {
        loop {
            let at = from + memchr::memchr(sigil, text.as_bytes().get(from..)?)?;
            let rest = &text[at + 1..];
            let Some(len) = body(rest) else {
                from = at + 1;
                continue;
            };
            from = at + 1 + len;
            let before = text[..at].chars().next_back();
            // A Markdown link's address ("[Skip to content](#main)") is no entity.
            let address = text[..at].ends_with("](");
            if before.is_none_or(|c| !glue.holds(c)) && !address {
                return Some(rest[..len].to_string());
            }
        }
    })
}

/// The length of the hashtag body that starts `text`: its word characters, if one of them
/// is a letter or a mark.
fn hashtag_len(text: &str) -> Option<usize> {
    let mut lettered = false;
    let mut len = 0;
    for c in text.chars() {
        let (letter, word) = match c.is_ascii() {
            true => (
                c.is_ascii_alphabetic(),
                c.is_ascii_alphanumeric() || c == '_',
            ),
            false => {
                let mut buf = [0; 4];
                let c = &*c.encode_utf8(&mut buf);
                let letter = LETTER_OR_MARK.is_match(c);
                (letter, letter || NUMBER.is_match(c))
            }
        };
        if !word {
            break;
        }
        lettered |= letter;
        len += c.len_utf8();
    }
    lettered.then_some(len)
}

/// The length of the handle that starts `text`, if any.
fn handle_len(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    // "@ann.bsky.social": a Bluesky account, named by a domain.
    if let Some(domain) = domain_handle_len(bytes) {
        return Some(domain);
    }
    // "@ann@example.social": a fediverse account, named with its server.
    let (user, chars) = handle_chars(bytes, FEDIVERSE_USER_MAX);
    if user > 0
        && bytes.get(user) == Some(&b'@')
        && let Some(domain) = domain_len(&bytes[user + 1..])
    {
        return Some(user + 1 + domain);
    }
    // Nearly every handle is short enough that the one scan found it whole.
    let len = match chars <= HANDLE_MAX {
        true => user,
        false => handle_chars(bytes, HANDLE_MAX).0,
    };
    // "@SPEC.md", "@notes.txt": a file's name, not a handle.
    let file =
        bytes.get(len) == Some(&b'.') && bytes.get(len + 1).is_some_and(u8::is_ascii_alphanumeric);
    (len > 0 && !file).then_some(len)
}

/// The length of the Bluesky handle that opens `bytes`, a domain: its run of labels of
/// letters, digits and hyphens, at least two, the last a top-level domain that handles end
/// in (in any case), so that "@SPEC.md" and "@index.test.js" stay files'
/// names. A closing '.' is the sentence's.
fn domain_handle_len(bytes: &[u8]) -> Option<usize> {
    let label = |b: &u8| b.is_ascii_alphanumeric() || *b == b'-';
    let (mut at, mut labels, mut top) = (0, 0, 0..0);
    loop {
        let len = bytes[at..].iter().take_while(|b| label(b)).count();
        if len == 0 || bytes[at] == b'-' {
            break;
        }
        (top, labels) = (at..at + len, labels + 1);
        at += len;
        match (bytes.get(at), bytes.get(at + 1)) {
            (Some(b'.'), Some(next)) if label(next) => at += 1,
            _ => break,
        }
    }
    // Bluesky's own ("ann.bsky.social"), and those read as links without a scheme.
    let tld = &bytes[top.clone()];
    let known = std::iter::once(&"social")
        .chain(BARE_TLDS)
        .any(|t| t.as_bytes().eq_ignore_ascii_case(tld));
    (labels >= 2 && known).then_some(top.end)
}

/// The longest user name of a fediverse account (Mastodon's limit).
const FEDIVERSE_USER_MAX: usize = 30;

/// The length in bytes of the handle's characters that open `bytes`, at most `max` of them,
/// and how many they are.
fn handle_chars(bytes: &[u8], max: usize) -> (usize, usize) {
    let (mut len, mut chars) = (0, 0);
    while chars < max {
        match bytes.get(len..len + 2) {
            _ if bytes
                .get(len)
                .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_') =>
            {
                len += 1
            }
            // Markdown writes a handle's underscores escaped: `@ann\_ex`.
            Some(b"\\_") => len += 2,
            _ => break,
        }
        chars += 1;
    }
    (len, chars)
}

/// The length of the server's name that opens `bytes` ("social.example.org"): labels of
/// letters, digits and hyphens, at least two, the last of letters; a closing '.' is the
/// sentence's.
fn domain_len(bytes: &[u8]) -> Option<usize> {
    let label = |b: &u8| b.is_ascii_alphanumeric() || *b == b'-';
    let mut end = 0;
    let mut labels = 0;
    let mut at = 0;
    loop {
        let len = bytes[at..].iter().take_while(|b| label(b)).count();
        if len == 0 || bytes[at] == b'-' {
            break;
        }
        let top_level = bytes[at..at + len].iter().all(u8::is_ascii_alphabetic) && len >= 2;
        labels += 1;
        at += len;
        if labels >= 2 && top_level {
            end = at;
        }
        match (bytes.get(at), bytes.get(at + 1)) {
            (Some(b'.'), Some(next)) if label(next) => at += 1,
            _ => break,
        }
    }
    (end > 0).then_some(end)
}

/// Links as written (a cut-off link keeps its "…"), in order of appearance.
pub fn urls(text: &str) -> Vec<String> {
    let mut found: Vec<(usize, String)> = Vec::new();
    // The text of a Markdown link ("[example.org/a](https://example.org/a)") is what a
    // reader sees of it, not a link of its own: its address follows it.
    let texts = link_texts(text);
    let mut in_text = Cursor::new(&texts);
    // Where links with a scheme are, in order, for the links without one.
    let mut schemed = Vec::new();
    // A scheme needs "://", which a byte search rules out far faster than the pattern.
    let may_scheme = SCHEME_MARK.find(text.as_bytes()).is_some();
    let mut from = 0;
    while let Some(m) = may_scheme.then(|| SCHEMED.find_at(text, from)).flatten() {
        from = m.end();
        if let Some(label) = in_text.holding(m.start()) {
            // Looked for again after the link's text, whatever the pattern took past it.
            from = label.end;
            continue;
        }
        // A picture's address inside a link's text ends at the text's end: the link's own
        // address follows ("[![Image](https://…/a.jpg)](https://…)").
        let link = match m.as_str().find("](") {
            Some(end) => {
                from = m.start() + end;
                trim_link(&m.as_str()[..end])
            }
            None => trim_link(m.as_str()),
        };
        schemed.push(m.start()..m.start() + link.len());
        found.push((m.start(), link.to_string()));
    }
    // A host has a dot with a letter after it (ASCII, or any other character the
    // case-insensitive class might take); most posts have none, and the pattern has no
    // literal a search could skip to.
    let bytes = text.as_bytes();
    let may_host = memchr::memchr_iter(b'.', bytes).any(|at| {
        bytes
            .get(at + 1)
            .is_some_and(|&b| b.is_ascii_alphabetic() || b >= 0x80)
    });
    let bare = may_host.then(|| BARE.captures_iter(text));
    let (mut in_text, mut in_schemed) = (Cursor::new(&texts), Cursor::new(&schemed));
    for caps in bare.into_iter().flatten() {
        let m = caps.get(1).expect("group 1 always takes part");
        let inside = in_text.holding(m.start()).is_some() | in_schemed.holding(m.start()).is_some();
        if inside || !is_bare_link(&caps) {
            continue;
        }
        found.push((m.start(), trim_link(m.as_str()).to_string()));
    }
    found.sort_by_key(|(at, _)| *at);
    unique(found.into_iter().map(|(_, link)| link))
}

/// Ranges in increasing order, asked in increasing order of places which holds them: each
/// range is passed once, so the asking is linear.
struct Cursor<'r> {
    ranges: &'r [std::ops::Range<usize>],
}

impl<'r> Cursor<'r> {
    fn new(ranges: &'r [std::ops::Range<usize>]) -> Self {
        Cursor { ranges }
    }

    /// The range holding `at`, which is no smaller than any place asked before.
    fn holding(&mut self, at: usize) -> Option<std::ops::Range<usize>> {
        while self.ranges.first().is_some_and(|r| r.end <= at) {
            self.ranges = &self.ranges[1..];
        }
        self.ranges.first().filter(|r| r.start <= at).cloned()
    }
}

/// Where the texts of `text`'s Markdown links are, in order: between a `[` and the `](`
/// that follows it, brackets inside paired, at most [`LINK_TEXT_BYTES`] apart and never
/// across another link's `](` (a picture inside a link is a link of its own).
fn link_texts(text: &str) -> Vec<std::ops::Range<usize>> {
    let bytes = text.as_bytes();
    let mut texts = Vec::new();
    let mut last_close = 0;
    for close in memchr::memmem::find_iter(bytes, "](") {
        let mut depth = 0usize;
        // Looked for within bounds, so that a long line of "](" is read once.
        let window = close.saturating_sub(LINK_TEXT_BYTES).max(last_close)..close;
        last_close = close + 2;
        for at in window.rev() {
            match bytes[at] {
                b']' => depth += 1,
                b'[' if depth == 0 => {
                    texts.push(at + 1..close);
                    break;
                }
                b'[' => depth -= 1,
                _ => {}
            }
        }
    }
    texts
}

/// The longest Markdown link text looked for: a link's text is a few words, or an address.
const LINK_TEXT_BYTES: usize = 1024;

/// A bare host counts as a link with a path, a "www." or a well-known top-level domain.
fn is_bare_link(caps: &regex::Captures) -> bool {
    let has_path = caps.get(3).is_some_and(|p| p.as_str().len() > 1);
    let www = caps[1].to_ascii_lowercase().starts_with("www.");
    let tld = caps[2].to_ascii_lowercase();
    has_path || www || BARE_TLDS.contains(&tld.as_str())
}

/// Drops sentence punctuation that follows a link; "…" is kept, it says the link was cut.
fn trim_link(link: &str) -> &str {
    let mut link = link.trim_end_matches(['.', ',', ';', ':', '!', '?', '\'', '"', '’', '”']);
    // A closing bracket belongs to the link only when the link opened one.
    while link.ends_with(')') && link.matches('(').count() < link.matches(')').count() {
        link = &link[..link.len() - 1];
    }
    link
}

/// True when a whole token is a link (used to look past links that follow a marker).
pub fn is_link(token: &str) -> bool {
    urls(token)
        .first()
        .is_some_and(|link| token.starts_with(link.as_str()))
}

/// Each item once, in order of first appearance. Posts hold a few entities, so a scan of
/// those kept is cheapest; a post stuffed with thousands switches to a set.
fn unique(items: impl Iterator<Item = String>) -> Vec<String> {
    const SCAN_UP_TO: usize = 32;
    let mut out: Vec<String> = Vec::new();
    let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    for item in items {
        let new = if out.len() < SCAN_UP_TO {
            !out.contains(&item)
        } else {
            if seen.is_empty() {
                seen.extend(out.iter().cloned());
            }
            seen.insert(item.clone())
        };
        if new {
            out.push(item);
        }
    }
    out
}

/// The platform's post limit, in weighted characters.
pub const POST_LIMIT: usize = 280;

/// What a link counts for, whatever its length (the platform shortens every link).
const LINK_WEIGHT: usize = 23;

/// The length the platform counts for `text`: most scripts' characters count 1, wide ones
/// (CJK, emoji) 2, modifiers 0, and every link 23.
pub fn weighted_len(text: &str) -> usize {
    let links = urls(text);
    if links.is_empty() {
        // As most lines: no copy to cut links out of.
        return chars_weight(text);
    }
    // Each link counts its fixed weight instead of its characters'. A link without a scheme
    // may run on into one with ("example.org/a…https://t.co/b"): the first cut takes both.
    let mut rest = text.to_string();
    for link in &links {
        rest = rest.replacen(link.as_str(), "", 1);
    }
    links.len() * LINK_WEIGHT + chars_weight(&rest)
}

/// The weight of `text`'s characters: its length when it is ASCII, as most lines are.
fn chars_weight(text: &str) -> usize {
    match text.is_ascii() {
        true => text.len(),
        false => text.chars().map(char_weight).sum(),
    }
}

fn char_weight(c: char) -> usize {
    match u32::from(c) {
        0..=0x10ff | 0x2000..=0x200d | 0x2010..=0x201f | 0x2032..=0x2037 => 1,
        // Variation selectors and skin-tone modifiers belong to the emoji before them.
        0xfe00..=0xfe0f | 0x1f3fb..=0x1f3ff => 0,
        _ => 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glue_by_hand_is_the_pattern_for_every_ascii_character() {
        for glue in [GLUED_TAG, GLUED_MENTION] {
            for c in (0..128u8).map(char::from) {
                let pattern = glue.others.is_match(c.encode_utf8(&mut [0; 4]));
                assert_eq!(glue.holds(c), pattern, "{c:?}");
            }
        }
    }

    /// What hashtags and mentions were first found by: these patterns' matches, less those
    /// glued to the character before them.
    fn by_pattern(pattern: &str, glue: &Glue, text: &str, handles: bool) -> Vec<String> {
        let pattern = Regex::new(pattern).unwrap();
        let found = pattern.find_iter(text).filter_map(|m| {
            let m = match handles {
                true => handle_by_pattern(text, m)?,
                false => m,
            };
            let before = text[..m.start()].chars().next_back();
            let free = before.is_none_or(|c| !glue.holds(c));
            // A handle followed by ".md" is a file's name ("@SPEC.md").
            let after = &text.as_bytes()[m.end()..];
            let file = handles
                && after.first() == Some(&b'.')
                && after.get(1).is_some_and(u8::is_ascii_alphanumeric);
            (free && !file).then(|| m.as_str()[1..].to_string())
        });
        unique(found)
    }

    /// A Bluesky handle ("@ann.bsky.social", found by [`HANDLE_PATTERN`]'s first
    /// alternative) where its top-level domain is one a handle takes, else what the other
    /// alternatives find at its '@'.
    fn handle_by_pattern<'t>(text: &'t str, found: regex::Match<'t>) -> Option<regex::Match<'t>> {
        let domain = found.as_str()[1..].split_once('@').is_none() && found.as_str().contains('.');
        let tld = found.as_str().rsplit('.').next().unwrap_or("");
        let known =
            (std::iter::once(&"social").chain(BARE_TLDS)).any(|t| t.eq_ignore_ascii_case(tld));
        if !domain || known {
            return Some(found);
        }
        let other = Regex::new(&HANDLE_PATTERN[HANDLE_PATTERN.find('|').unwrap() + 1..]).unwrap();
        other
            .find_at(text, found.start())
            .filter(|m| m.start() == found.start())
    }

    /// What a mention is found by: a Bluesky handle, a fediverse account, an X handle.
    const HANDLE_PATTERN: &str = r"@[A-Za-z0-9][A-Za-z0-9-]*(?:\.[A-Za-z0-9][A-Za-z0-9-]*)+|@[A-Za-z0-9_]{1,30}@[A-Za-z0-9.-]+|@[A-Za-z0-9_]{1,15}";

    /// What a mention is by the rule written plainly: a fediverse account ("ann@server.org":
    /// up to 30 characters, '@', then the longest run of two or more dot-separated labels that
    /// ends in one of letters only), else up to 15 characters.
    fn mention_by_rule(found: String) -> String {
        let Some((user, server)) = found.split_once('@') else {
            return found;
        };
        let labels: Vec<&str> = server.split('.').collect();
        let ends = (2..=labels.len()).rev().find(|&n| {
            let well_formed = labels[..n]
                .iter()
                .all(|l| !l.is_empty() && !l.starts_with('-'));
            let top = labels[n - 1];
            well_formed && top.len() >= 2 && top.bytes().all(|b| b.is_ascii_alphabetic())
        });
        match ends {
            Some(n) if user.len() <= 30 => format!("{user}@{}", labels[..n].join(".")),
            _ => user.chars().take(15).collect(),
        }
    }

    proptest::proptest! {
        /// The hand-written scanners find what the patterns that define them find.
        #[test]
        fn hashtags_and_mentions_are_those_of_their_patterns(
            text in "([#@]|[a-zA-Z0-9_]{1,20}|[ .’&/-]|\\.(?:com|Social|md|js)|é|\u{301}|٣|𝟙|Ⅻ|👇|ß|中){0,30}"
        ) {
            let tags = by_pattern(r"#[\p{L}\p{M}\p{N}_]*[\p{L}\p{M}][\p{L}\p{M}\p{N}_]*", &GLUED_TAG, &text, false);
            proptest::prop_assert_eq!(hashtags(&text), tags);
            let handles = by_pattern(HANDLE_PATTERN, &GLUED_MENTION, &text, true);
            let handles = unique(handles.into_iter().map(mention_by_rule));
            proptest::prop_assert_eq!(mentions(&text), handles);
        }
    }

    #[test]
    fn a_files_name_and_shell_code_hold_no_entities() {
        assert_eq!(mentions("read this @SPEC.md and @ann."), ["ann"]);
        assert_eq!(hashtags("echo ${#sounds[@]} #real"), ["real"]);
    }

    #[test]
    fn hashtag_stops_at_emoji_and_punctuation() {
        assert_eq!(
            hashtags("England’s #CareReview👇 and #care_review."),
            ["CareReview", "care_review"]
        );
    }

    #[test]
    fn hashtag_needs_a_letter_and_a_free_start() {
        assert!(hashtags("item #1 and a#b and &#39;").is_empty());
        assert_eq!(hashtags("#Advocacy thread"), ["Advocacy"]);
        // A Markdown link's address is an address; a tag in brackets is a tag.
        assert!(hashtags("[Skip to main content](#main)").is_empty());
        assert_eq!(hashtags("the review (#CareReview) says"), ["CareReview"]);
    }

    #[test]
    fn hashtag_keeps_each_spelling_once() {
        assert_eq!(
            hashtags("#carereview #CareReview #carereview"),
            ["carereview", "CareReview"]
        );
    }

    #[test]
    fn many_hashtags_keep_each_spelling_once_in_order() {
        let text: String = (0..100)
            .map(|i| format!("#t{} #t{} ", i % 40, i % 7))
            .collect();
        let expected: Vec<String> = (0..40).map(|i| format!("t{i}")).collect();
        assert_eq!(hashtags(&text), expected);
    }

    #[test]
    fn mention_stops_at_apostrophes_and_punctuation() {
        assert_eq!(mentions("found @Jimmypaul90’s thread"), ["Jimmypaul90"]);
        assert_eq!(
            mentions("for @JoshMacAlister! and @article_39."),
            ["JoshMacAlister", "article_39"]
        );
    }

    #[test]
    fn a_fediverse_account_is_named_with_its_server() {
        assert_eq!(
            mentions("data from @knmi@social.overheid.nl and @pieter@mastodon.nl."),
            ["knmi@social.overheid.nl", "pieter@mastodon.nl"]
        );
        // No server after it: the handle alone.
        assert_eq!(
            mentions("@ann@localhost @bo@1.2.3.4 @cy@-x.org"),
            ["ann", "bo", "cy"]
        );
    }

    #[test]
    fn a_bluesky_account_is_named_by_its_domain() {
        assert_eq!(
            mentions("thanks @kin-care.bsky.social and @Council.gov.uk."),
            ["kin-care.bsky.social", "Council.gov.uk"]
        );
        // A file's name is no account, nor a domain that ends in no top-level domain that
        // handles take.
        assert_eq!(
            mentions("see @SPEC.md, @index.test.js and @ann.example"),
            Vec::<String>::new()
        );
    }

    #[test]
    fn email_is_not_a_mention() {
        assert!(mentions("write to press@example.org").is_empty());
    }

    #[test]
    fn links_with_and_without_scheme() {
        let text = "see https://www.becomecharity.org.uk/a-b/2020/. and \
                    childrenscommissioner.gov.uk/2020/11/24/ann… and bbc.co.uk";
        assert_eq!(
            urls(text),
            [
                "https://www.becomecharity.org.uk/a-b/2020/",
                "childrenscommissioner.gov.uk/2020/11/24/ann…",
                "bbc.co.uk"
            ]
        );
    }

    #[test]
    fn abbreviations_and_numbers_are_not_links() {
        assert!(urls("e.g. this, i.e. that, 1.6 million, etc. and/or end.Next").is_empty());
        assert!(urls("mail press@example.org").is_empty());
        // A Markdown link's text is what it shows, even when that is an address.
        assert_eq!(
            urls(
                "[https://example.org/a](https://example.org/a) and [example.org/b](https://example.org/b)."
            ),
            ["https://example.org/a", "https://example.org/b"]
        );
        assert_eq!(
            urls("[www.example.com](http://www.example.com) [see [1] here](https://example.org/c)"),
            ["http://www.example.com", "https://example.org/c"]
        );
        // A picture inside a link: both addresses.
        assert_eq!(
            urls("[![Image](https://pbs.example/a.jpg)](https://example.org/p/1)"),
            ["https://pbs.example/a.jpg", "https://example.org/p/1"]
        );
        // A link's text may run over lines; a citation before it is no link text.
        assert_eq!(
            urls("[1] the [draft at\nexample.org/d](https://example.org/e)"),
            ["https://example.org/e"]
        );
    }

    #[test]
    fn link_in_brackets_loses_the_closing_bracket() {
        assert_eq!(urls("(see example.org/page)"), ["example.org/page"]);
        assert_eq!(
            urls("https://en.wikipedia.org/wiki/Care_(x)"),
            ["https://en.wikipedia.org/wiki/Care_(x)"]
        );
    }

    proptest::proptest! {
        /// The weight is that of the text with each link cut out once, plus 23 a link.
        #[test]
        fn weighted_length_is_the_text_without_its_links(
            text in "(https://a.org/x|b.co.uk|a.org|é|👇|x|[ .]|www.c.com/p…){0,12}"
        ) {
            let links = urls(&text);
            let mut rest = text.clone();
            for link in &links {
                rest = rest.replacen(link.as_str(), "", 1);
            }
            let expected = links.len() * LINK_WEIGHT + rest.chars().map(char_weight).sum::<usize>();
            proptest::prop_assert_eq!(weighted_len(&text), expected);
        }
    }

    #[test]
    fn weighted_length_counts_links_as_23_and_emoji_as_2() {
        assert_eq!(weighted_len("abc"), 3);
        assert_eq!(
            weighted_len("a https://example.org/a/very/long/path/indeed"),
            2 + 23
        );
        assert_eq!(weighted_len("🧵"), 2);
        assert_eq!(weighted_len("▪️"), 2);
        assert_eq!(weighted_len("“quoted” — yes"), 14);
    }
}
