//! Site furniture ("chrome") that scrapes carry around the content: headers, footers, comment
//! sections, subscription blocks. Pattern lists are data: adding a site is a line here and a test.

use regex::{Regex, RegexSet};
use std::sync::LazyLock;

/// The words that close a thread its author wrote out ("… /fin"): the page's own lines
/// below them are not the thread's.
pub const THREAD_CLOSERS: [&str; 4] = ["/threadends", "/fin", "{fin}", "/end"];

/// A line from which the rest of the page is furniture. Matched against the trimmed line.
const TAIL_STARTS: &[&str] = &[
    // Thread Reader App: the end-of-thread dots, then "Missing some Tweet…", author box, adverts.
    r"^•\s*•\s*•$",
    r"^Missing some (Tweet|post)s? in this thread\?",
    r"^Did Thread Reader help you today\?",
    r"^Related hashtags$",
    r"(?i)^don['’]t see the thread you['’]re looking for\?",
    r"(?i)^thread reader app is an independent project",
    // twtext-style unrollers: the follow line, the tip, the latest-threads box, the cookie notice.
    super::unroll::FOLLOW_LINE,
    r"^Tip: mention @\w+",
    r"^Latest Threads Unrolled:?$",
    r"^By continuing to use the site, you are consenting",
    // Other unrollers' and thread writers' footers (PingThread, Typefully, "Save this thread").
    r"(?i)^liked this thread\? ping @",
    r"(?i)^create your own threads with ",
    r"(?i)^save this thread$",
];

/// A line from which the rest of a page is its footer, below the page's prose (blogs',
/// Wix's and others', and news sites'): above it, the same line is a button or a link in
/// the page's head ("Comments" by the byline, as a count), dropped, and the text goes on.
const PAGE_TAIL_STARTS: &[&str] = &[
    r"(?i)^bottom of page$",
    r"^Comments$",
    r"(?i)^(related (articles|posts|stories)|more on this (story|topic))$",
    r"(?i)^sign up (to|for) (our|the) newsletter",
];

/// A line this long, closing a sentence, is prose: a paragraph's, no button, link or
/// headline (nor a standfirst, which seldom ends in a full stop).
const PROSE_CHARS: usize = 80;

fn is_prose(line: &str) -> bool {
    let line = line.trim();
    line.ends_with(['.', '!', '?', '"', '”']) && line.chars().count() >= PROSE_CHARS
}

/// A line that is furniture wherever it stands.
const DROPPED_LINES: &[&str] = &[
    r"(?i)^top of page$",
    r"^Most recents \(\d+\)$",
    r"(?i)^load more$",
    r"(?i)^(sign up|sign in|log in)$",
    r"^Profile picture$",
    r"(?i)^(skip to (main )?content|advertisement)$",
    // Unrollers' toolbar buttons that no post is made of (the header reads the others).
    r"(?i)^\+?\s*(save as pdf|my authors|my threads|read on (x|twitter)|scrolly|gift link)$",
    r"(?i)^keep current with .{1,60}$",
    // A button under a thread, or between its posts where a page was copied.
    r"(?i)^share this thread$",
    // Thread Reader App's notice box, in any page it was saved or converted from.
    UNROLLER_NOTICE,
    r"(?i)^twitter may remove this content at anytime",
    r"(?i)^\d\. follow \[?@threadreaderapp",
    r#"(?i)^\d\. from a twitter thread mention us with a keyword"#,
    r"(?i)^`?@threadreaderapp unroll`?$",
    r"(?i)^\[?practice here\]?.*help page",
    // A saved thread's link back to where it was read, alone on a line (tweet-to-markdown's
    // "[Thread link](…)"), and a list of its copies on unroller sites.
    r"(?i)^\[(?:thread|tweet|post|original) link\]\([^)\s]*\)$",
    r"(?i)^\*?links? to this thread:",
    // A link back to the whole of a thread a page quotes from, and a newsletter's link to
    // itself on the web.
    r"(?i)^\[?(?:read|see|view) the (?:full|whole|entire|rest of the) thread\]?(?:\([^)\s]*\)|:?\s*<?https?://\S+)?$",
    r"(?i)^view (?:this (?:email|issue) )?in (?:your |a )?(?:web )?browser\.?$",
];

/// Words that mark a trailing block of short lines as a subscription or navigation box.
const FURNITURE_WORDS: &[&str] = &[
    r"(?i)\b(?:un)?subscribe\b",
    r"(?i)\bmembership\b",
    r"(?i)\b(sign|log) ?in\b",
    r"(?i)\bregister\b",
    r"(?i)\bnewsletter\b",
    r"(?i)\bcookies?\b",
    r"(?i)\bper (month|year)\b|/ ?(month|year)\b",
];

/// A page's share buttons ("Share this article"): below its text they end it, as the
/// footer's first line; above it (Substack's, under the title) they are only dropped.
static SHARE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^share this (article|post|story|page)$").unwrap());

/// Whether a line is a page's share buttons.
fn is_share(line: &str) -> bool {
    let line = line.trim();
    line.len() <= "share this article".len() && SHARE.is_match(line)
}

/// The fewest lines of a page above its share buttons for them to end it: a title, a
/// subtitle, a byline and a date stand above Substack's.
const SHARE_BELOW_LINES: usize = 8;

/// One search for all of a list's patterns: every line of every page is asked, and a set
/// answers at once where the patterns one by one took a search each.
fn compile(patterns: &[&str]) -> RegexSet {
    RegexSet::new(patterns).expect("chrome patterns are valid regexes")
}

static TAIL: LazyLock<RegexSet> = LazyLock::new(|| compile(TAIL_STARTS));
static PAGE_TAIL: LazyLock<RegexSet> = LazyLock::new(|| compile(PAGE_TAIL_STARTS));
static DROPPED: LazyLock<RegexSet> = LazyLock::new(|| compile(DROPPED_LINES));
static FURNITURE: LazyLock<RegexSet> = LazyLock::new(|| compile(FURNITURE_WORDS));

/// Thread Reader App's notice, "This Thread may be Removed Anytime!" (a line dropped as
/// furniture wherever it stands).
const UNROLLER_NOTICE: &str = r"(?i)^\**this thread may be removed anytime!?\**$";

/// Whether `line` is Thread Reader App's notice: the page, or what it was converted from, is
/// that unroller's.
pub fn is_unroller_notice(line: &str) -> bool {
    static NOTICE: LazyLock<Regex> = LazyLock::new(|| Regex::new(UNROLLER_NOTICE).unwrap());
    let line = line.trim();
    line.len() <= 48 && NOTICE.is_match(line)
}

/// True when the page's content ends before this line, wherever it stands.
fn starts_tail(line: &str) -> bool {
    let line = line.trim();
    TAIL.is_match(line)
}

/// True when the page's content ends before this line once prose stands above it.
fn starts_page_tail(line: &str) -> bool {
    PAGE_TAIL.is_match(line.trim())
}

/// True when this line is furniture wherever it stands.
pub fn is_dropped(line: &str) -> bool {
    let line = line.trim();
    is_copyright(line) || DROPPED.is_match(line) || is_share_row(line)
}

/// The places a sharing button sends a page to.
const NETWORKS: &[&str] = &[
    "facebook",
    "twitter",
    "x",
    "linkedin",
    "whatsapp",
    "email",
    "e-mail",
    "reddit",
    "bluesky",
    "threads",
    "messenger",
    "pinterest",
    "telegram",
    "flipboard",
    "mastodon",
];

/// A page's row of sharing buttons: "Share on Facebook Share on X Email", "Share | X |
/// Email", or such buttons as Markdown links (`[Facebook](…) [X](…)`). Words alone that
/// name places ("Bluesky · Mastodon · Threads") say "share" nowhere: a post's own.
fn is_share_row(line: &str) -> bool {
    static ROW: LazyLock<Regex> = LazyLock::new(|| {
        let button = format!(
            r"(?:share(?:\s+(?:on|via|to))?\s+)?(?:{})|copy(?:\s+the)?\s+link|print|share|tweet",
            NETWORKS.join("|")
        );
        Regex::new(&format!(
            r"(?i)^(?:{button})(?P<more>(?:[\s|·•,/]+(?:{button}))+)?$"
        ))
        .unwrap()
    });
    // Asked of every line: a row is short, and its first word (a link's, perhaps) is a
    // button's.
    let opening = line.strip_prefix('[').unwrap_or(line);
    let word = (opening.split(|c: char| !c.is_ascii_alphabetic() && c != '-')).next();
    let button = word.is_some_and(|w| {
        ["share", "copy", "print", "tweet"]
            .iter()
            .chain(NETWORKS)
            .any(|b| b.eq_ignore_ascii_case(w))
    });
    if line.len() > 600 || !button {
        return false;
    }
    let read = super::unroll::plain(line);
    let linked = line.starts_with('[') && line.contains("](");
    let says_share = read.to_ascii_lowercase().contains("share");
    // Two buttons or more, or one that says where it shares to ("Share on X").
    let read = read.trim();
    let row = (ROW.captures(read)).is_some_and(|c| {
        c.name("more").is_some()
            || read
                .get(..6)
                .is_some_and(|w| w.eq_ignore_ascii_case("share "))
    });
    (linked || says_share) && row
}

/// A site's copyright line ("© PingThread 2023"): short, opening with the sign and naming a
/// year. ("Copyright 2024 changes…" and "(c) 2007, when…" open sentences too, and "Map ©
/// 2023 OpenStreetMap" credits a post's picture.)
fn is_copyright(line: &str) -> bool {
    let year = |w: &str| {
        w.len() == 4 && w.starts_with(['1', '2']) && w.bytes().all(|b| b.is_ascii_digit())
    };
    line.starts_with('©')
        && line.len() <= 60
        && line.split(|c: char| !c.is_ascii_alphanumeric()).any(year)
}

/// True for a line that only separates what is above it from what is below ("---", "* * *",
/// "<hr>"): where a thread was written out post by post, a post ends there. Never text.
/// A clipper escapes such a line that it took for text (`\---`): a separator all the same.
pub fn is_separator(line: &str) -> bool {
    let line = line.trim();
    let line = line.strip_prefix('\\').unwrap_or(line);
    if matches!(line, "<hr>" | "<hr/>" | "<hr />") {
        return true;
    }
    // Asked of every line: most open with a letter, and the marks are compared only until
    // one differs.
    let Some(first) = line.chars().next() else {
        return false;
    };
    if !matches!(first, '-' | '*' | '_' | '—' | '–' | '=') {
        return false;
    }
    let marks = line.chars().filter(|c| !c.is_whitespace());
    marks.clone().all(|c| c == first) && marks.count() >= 3
}

/// True when a short line speaks of subscriptions, accounts or prices.
pub fn is_furniture_line(line: &str) -> bool {
    FURNITURE.is_match(line)
}

/// The lines of a page's content: everything before the first tail marker (share buttons
/// and a page's footer below its prose among them), without dropped lines.
pub fn content_lines(text: &str) -> Vec<&str> {
    let (mut above, mut prose) = (0, false);
    let ends = |line: &str, above: usize, prose: bool| {
        let share = above >= SHARE_BELOW_LINES && is_share(line);
        starts_tail(line) || (prose && (starts_page_tail(line) || share))
    };
    text.lines()
        .map(str::trim_end)
        .take_while(|line| {
            let end = ends(line, above, prose);
            above += usize::from(!line.trim().is_empty());
            prose |= is_prose(line);
            !end
        })
        .filter(|line| !is_dropped(line) && !is_share(line) && !starts_page_tail(line))
        .collect()
}

/// Removes a trailing block of short, unpunctuated lines (a subscription box, a link list)
/// when it holds at least one furniture word. A short closing line of real prose is kept.
pub fn strip_trailing_box(lines: &mut Vec<&str>) {
    let mut start = lines.len();
    while start > 0 && is_box_line(lines[start - 1]) {
        start -= 1;
    }
    if lines[start..].iter().any(|l| is_furniture_line(l)) {
        lines.truncate(start);
    }
}

/// A line that could belong to a navigation or subscription box: blank, or short and not a
/// sentence.
fn is_box_line(line: &str) -> bool {
    let line = line.trim();
    line.is_empty()
        || (line.chars().count() <= 60
            && !line.ends_with(['.', '!', '?', '”', '"', ':'])
            && !line.starts_with(['“', '"']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thread_reader_footer_starts_at_the_dots() {
        let lines =
            content_lines("post 1/\npost 2/2\n\n• • •\n\nMissing some Tweet in this thread?\n");
        assert_eq!(lines, ["post 1/", "post 2/2", ""]);
    }

    #[test]
    fn unroller_follow_line_and_tip_are_tail() {
        assert!(starts_tail("You can follow @samtrner."));
        assert!(starts_tail("Tip: mention @twtextapp on a Twitter thread"));
        assert!(!starts_tail("You can follow the money."));
        for line in [
            "Liked this thread? Ping @PingThread with \"unroll\" under any thread.",
            "Create your own threads with Typefully",
            "Save this thread",
            "Don't see the thread you're looking for? Unroll it yourself!",
            "Thread Reader App is an independent project made by indie developers.",
        ] {
            assert!(starts_tail(line), "{line}");
        }
        assert!(!starts_tail("Save this thread for later, it matters."));
        assert!(is_dropped("© PingThread 2023"));
        assert!(!is_dropped("Map © 2023 OpenStreetMap"));
        assert!(is_dropped("Share this thread"));
        assert!(!starts_tail("Share this thread"));
        assert!(!is_dropped(
            "© is the copyright sign, and I use it a lot in my posts about publishing law."
        ));
    }

    #[test]
    fn unroller_toolbars_and_notices_are_dropped() {
        for line in [
            "Save as PDF",
            "My Authors",
            "My threads",
            "Load more",
            "Sign up",
            "Read on X",
            "Keep Current with Ann Example",
            "**This Thread may be Removed Anytime!**",
            "Twitter may remove this content at anytime! Save it as PDF for later use!",
            "1. Follow [@ThreadReaderApp](https://twitter.com/threadreaderapp) to mention us!",
            "`@threadreaderapp unroll`",
            "[Thread link](https://x.com/ann/status/1)",
            "*Links to this thread: [X](https://x.com/ann/status/1), [Unroll](https://u.example/1)*",
        ] {
            assert!(is_dropped(line), "{line}");
        }
        assert!(!is_dropped("Bookmark this thread, it matters."));
        assert!(!is_dropped(
            "See [the thread link](https://x.com/ann/status/1) for more."
        ));
        assert!(!is_dropped("Follow the money."));
    }

    #[test]
    fn blog_markers() {
        assert!(is_dropped("top of page"));
        assert!(starts_page_tail("bottom of page"));
        assert!(starts_page_tail("Comments"));
        assert!(!starts_page_tail("Comments were mixed."));
    }

    #[test]
    fn a_pages_footer_starts_below_its_prose_not_in_its_head() {
        let paragraph =
            "The council confirmed on Monday that both homes would close in the summer.";
        let paragraph = format!("{paragraph} Families were told by letter.");
        // "Comments" by the byline is a count's button: the article goes on under it.
        let page = format!("Homes to close\nBy Ann Example\nComments\n{paragraph}\nMore.\n");
        assert_eq!(
            content_lines(&page),
            [
                "Homes to close",
                "By Ann Example",
                paragraph.as_str(),
                "More."
            ]
        );
        // Under the article's prose, it opens the comments: the end of the text.
        let page = format!("Homes to close\n{paragraph}\nComments\nJo: shameful.\n");
        assert_eq!(content_lines(&page), ["Homes to close", paragraph.as_str()]);
        // A long standfirst with no full stop is no prose: share buttons under it end
        // nothing.
        let standfirst = "Directors of children's services say the reforms must not add another layer of bureaucracy";
        let head = format!(
            "Site\nMenu\nNews\nSocial care\nHomes to close\n{standfirst}\nBy Ann Example\n5 March 2024\n"
        );
        let page = format!("{head}Share this article\n{paragraph}\n");
        assert_eq!(content_lines(&page).last(), Some(&paragraph.as_str()));
    }

    #[test]
    fn trailing_subscription_box_is_removed() {
        let mut lines = vec![
            "The last paragraph of the story ends here.",
            "",
            "Example Digital membership",
            "  • Latest issues",
            "From £15 / month",
            "Subscribe",
        ];
        strip_trailing_box(&mut lines);
        assert_eq!(lines, ["The last paragraph of the story ends here."]);
    }

    #[test]
    fn a_row_of_sharing_buttons_is_furniture_as_text_or_markdown() {
        for line in [
            "[Share on Facebook](https://www.facebook.com/sharer.php?u=x) [Share on X](https://twitter.com/intent/tweet?url=x) [Email](mailto:?subject=x)",
            "Share | Facebook | X | Email",
            "[Facebook](https://www.facebook.com/sharer.php?u=x) [X](https://x.com/intent/post)",
            "Share on WhatsApp",
            "Share · Copy link · Print",
        ] {
            assert!(is_dropped(line), "{line}");
        }
        for line in [
            "Facebook",
            "X",
            // Places named, no button.
            "Bluesky · Mastodon · Threads",
            "Tweet tweet",
            "Email us at help@example.org",
            "Share your story with us",
            "Twitter and Facebook both refused to comment.",
        ] {
            assert!(!is_dropped(line), "{line}");
        }
    }

    #[test]
    fn a_share_button_above_the_text_ends_nothing() {
        let page = "Why care costs so much\nShare this post\nCouncils spend more every year.\nFor fewer children.\n";
        assert_eq!(
            content_lines(page),
            [
                "Why care costs so much",
                "Councils spend more every year.",
                "For fewer children."
            ]
        );
        // Below the text, they are the footer's first line.
        let text =
            "A paragraph of the article's own, long enough to be one, and closing its sentence.\n"
                .repeat(SHARE_BELOW_LINES);
        let page = format!("{text}Share this article\nFacebook Twitter Email\n");
        assert_eq!(content_lines(&page).len(), SHARE_BELOW_LINES);
    }

    #[test]
    fn a_short_closing_line_without_furniture_words_stays() {
        let mut lines = vec!["A paragraph of prose.", "", "Ends"];
        strip_trailing_box(&mut lines);
        assert_eq!(lines.len(), 3);
    }
}
