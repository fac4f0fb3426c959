//! Status pages copied as text: select-all on an x.com thread, a Mastodon or Bluesky thread
//! copied from the browser, or a clipper that wrote each part of a post's header as a
//! paragraph of its own. Every post opens with its author's display name on one line and
//! their handle on the next (`@ann`, `@ann@mastodon.social`, `@ann.bsky.social`), perhaps a
//! "·" and the date after them. Under a post's text stand its time and its counts ("10:05 AM
//! · Apr 16, 2024", "18.2K", "Views", "48 reposts"): the page's, not the post's. The posts
//! by the page's author, from the first of theirs, are the thread; the others are replies,
//! kept apart as on a clipped status page ([`clip::Conversation`]).

use super::clip::{self, Conversation};
use super::markdown::{self, Embed};
use super::unroll::{is_name, plain};
use super::{
    Author, Kind, Post, Reading, Thread, article, chrome, detect, listing, segment, unroll,
};
use regex::Regex;
use std::sync::LazyLock;

/// The fewest post headers that make a copied status page: one alone is more likely a post
/// quoted in an article.
const MIN_HEADERS: usize = 2;

/// The longest line above the first post taken for the site's menu ("Home", "Explore", "See
/// new posts"): anything longer is a page's own text, and the page is no copied status page.
const MENU_CHARS: usize = 40;

/// A handle alone on its line: X's (`@ann_ex`), Mastodon's with its server
/// (`@ann@mastodon.social`) or Bluesky's, which is a domain (`@ann.bsky.social`).
static HANDLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^@(?P<handle>\w+(?:@[\w-]+(?:\.[\w-]+)+)?|[\w-]+(?:\.[\w-]+)+)$").unwrap()
});

/// The longest handle read: a domain's labels may be long, but not endless.
const HANDLE_CHARS: usize = 64;

/// A time of day ("10:05 AM", "08:41"), where a post's footer gives it before its date.
static TIME_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?\s*[·•∙,]\s*(?P<date>.+)$").unwrap()
});

/// A date then the time of day, as Nitter writes a post's ("Mar 10, 2024 · 8:41 AM UTC").
static DATE_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?P<date>.+?)\s*[·•∙]\s*\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[a-z]{2,5})?$")
        .unwrap()
});

/// A time of day anywhere in a line.
static TIME: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b\d{1,2}[:.h]\d{2}\b").unwrap());

/// One count under a post ("18.2K", "48 reposts", "Views"), as the platforms write them.
/// Several may stand glued on one line ("1,204Likes312Retweets").
static COUNT: LazyLock<Regex> = LazyLock::new(|| {
    let word = r"(?:views?|reposts?|quotes?|likes?|boosts?|favou?rites?|repl(?:y|ies)|retweets?|restacks?|bookmarks?|comments?)";
    // The icons some front ends (Nitter) show their counts by: "💬 4 🔁 18 ❤️ 52".
    let icon = "[💬🗨🔁🔄♻❤♥👍⭐🔖📊👁]";
    Regex::new(&format!(
        r"(?i)^(?:(?:{icon}\x{{fe0f}}?\s*)?[\d.,]*\d\s*[KMB]?\s*{word}?\s*|{word}\s*)+$"
    ))
    .unwrap()
});

/// What a page shows beside a post and is no part of it: its buttons and links ("Translate
/// post", "Show more replies").
static BUTTON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:follow|following|subscribe|translate|translate post|show translation|see translation|show more|show less|show content|hide content|show more replies|show replies|show this thread)$",
    )
    .unwrap()
});

/// Lines of a post's footer that no other rule knows: who may reply, an edit, the buttons
/// under it, who boosted the post below.
static FOOTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:everybody can reply|people you follow can reply|edited|translated from \w+|reply|boost|favou?rite|bookmark|share|more|(?:.{1,60}\s)?(?:boosted|reposted|retweeted))$").unwrap()
});

/// Whether `line` opens x.com's column beside a thread ("Discover more", "Relevant
/// people"): the thread ends above it.
pub(super) fn is_column(line: &str) -> bool {
    COLUMN.is_match(line.trim())
}

/// The lines that open x.com's column beside a thread: the thread ends above them.
static COLUMN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:relevant people|what['’]s happening|who to follow|discover more|sourced from across x)$").unwrap()
});

/// The longest line, in bytes, looked at for a header: the longest name and handle, written
/// as links.
const MAX_HEADER_BYTES: usize = 4 * MAX_ONE_LINE_CHARS;

/// A header on one line: the name, the handle, perhaps a dot and the date or age.
static ONE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<name>[^@]+?)\s+(?P<handle>@\S+?)(?:\s*[·•∙]\s*(?P<when>[^·•∙]+))?$").unwrap()
});

/// The most words of a name, as [`is_name`] reads one.
const NAME_WORDS: usize = 5;

/// The longest line read as a header on one line.
const MAX_ONE_LINE_CHARS: usize = 120;

/// A post's age as a page shows it beside a recent post's header ("· 2h", "45m", "3d").
static AGE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[·•∙]?\s*\d{1,2}[smhdw]$").unwrap());

/// A post's header: who wrote it and, if the header says, when.
struct Header {
    author: Author,
    date: Option<String>,
    /// Whether a date, an age or a dot stands beside the name and handle ("· Apr 16").
    dated: bool,
}

/// Where a post's header stands among a page's lines, and where its text starts.
struct Start {
    at: usize,
    body: usize,
    header: Header,
}

/// One post as the page has it: who wrote it, when, and its text's lines.
struct Copied<'a> {
    author: Author,
    date: Option<String>,
    lines: &'a [&'a str],
    /// Whether a time under it closed its text, as a page's footer.
    stamped: bool,
}

/// Reads `text` if it is a copied status page: at least [`MIN_HEADERS`] post headers, above
/// the first nothing but the site's menu, and posts that say when they were written. An
/// unroller's page or a listing, whose excerpts open with the same lines, is read by its own
/// reader; so is an article whose posts quoted as cards have the article's text under them.
pub fn read(text: &str) -> Option<Reading> {
    // Every page is asked: most hold no handle alone on a line nor a header on one, and are
    // answered by looking only at the lines that hold an "@".
    let handles = lines_with_at(text).filter(|l| match l.as_bytes().first() {
        // A handle alone: one word.
        Some(b'@') => l.len() <= HANDLE_CHARS + 1 && !l.contains(' '),
        Some(b'[') => l.starts_with("[@") && l.len() <= MAX_HEADER_BYTES,
        _ => may_hold_header(l).is_some_and(|l| one_line_header(&plain(l)).is_some()),
    });
    if handles.take(MIN_HEADERS).count() < MIN_HEADERS {
        return None;
    }
    // As kind detection asks it: an unroller's "More from" section may quote anything.
    let (own, _) = unroll::split_more_from(text);
    let trimmed: Vec<&str> = own.lines().map(str::trim).collect();
    if trimmed.iter().any(|l| listing::read_more(l).is_some())
        || detect::has_unroller_furniture(&trimmed)
    {
        return None;
    }
    let mut lines = chrome::content_lines(text);
    let starts = headers(&lines);
    let first = starts.first()?.at;
    // x.com's column beside the thread ends it.
    if let Some(end) = (first..lines.len()).find(|&i| is_column(lines[i])) {
        lines.truncate(end);
    }
    let starts: Vec<Start> = starts.into_iter().filter(|s| s.at < lines.len()).collect();
    let above: Vec<&str> = (lines[..first].iter())
        .filter(|l| !l.trim().is_empty())
        .copied()
        .collect();
    // An article's head (a byline, a date) above posts quoted as cards is no menu.
    let head = |l: &&str| article::is_date(l) || article::is_by_line(l);
    let menu = above.iter().all(|l| is_menu_line(l)) && !above.iter().any(head);
    if starts.len() < MIN_HEADERS || !menu {
        return None;
    }
    let mut posts = Vec::with_capacity(starts.len());
    for (k, start) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map_or(lines.len(), |s| s.at);
        posts.push(copied(&start.header, &lines[start.body..end])?);
    }
    // Posts say when they were written; names with handles under them and no time are a
    // list of people.
    let timed = posts.iter().any(|p| p.stamped) || starts.iter().any(|s| s.header.dated);
    let worded = posts
        .iter()
        .all(|p| p.lines.iter().any(|l| !l.trim().is_empty()));
    (timed && worded).then(|| reading(&posts, above.len()))
}

/// The post under `header` of a page, its lines `lines`; `None` when a time stands in its
/// text with more text under it and none closes it: an article's paragraph under a post it
/// quoted, not a post of a copied page.
fn copied<'a>(header: &Header, lines: &'a [&'a str]) -> Option<Copied<'a>> {
    let time = |i: usize| timestamp_date(&plain(lines[i].trim()));
    // The time that closes a post has nothing under it but the page's footer: it is the
    // first time in the run of footer lines that ends the post.
    let footer =
        ((0..lines.len()).rposition(|i| !is_footer_at(lines, i))).map_or(0, |last| last + 1);
    let closing = (footer..lines.len()).find_map(|i| time(i).map(|date| (i, date)));
    if closing.is_none() && (0..footer).any(|i| time(i).is_some()) {
        return None;
    }
    let (text, date) = match closing {
        Some((i, date)) => (&lines[..i], Some(date)),
        None => (lines, None),
    };
    Some(Copied {
        author: header.author.clone(),
        stamped: date.is_some(),
        date: date.or(header.date.clone()),
        lines: without_footer(text),
    })
}

/// The reading of a page's posts, `above` lines of menu over them. The page's author is
/// the writer of the first post a time closes (the post x.com's page is about, under the
/// post it answers), else of the first post.
fn reading(posts: &[Copied], above: usize) -> Reading {
    let mut reading = Reading::new(Kind::Unroll);
    let focal = posts.iter().find(|p| p.stamped).unwrap_or(&posts[0]);
    let owner = focal.author.handle.as_deref();
    let talk = Conversation::of(posts, |p| &p.author, owner);
    if let Some(opening) = talk.thread.first() {
        reading.author = Some(opening.author.clone());
        reading.date = opening.date.clone();
    }
    let mut thread = Thread::new(talk.thread.iter().map(post).collect(), None);
    thread.author = reading.author.clone();
    reading.threads.push(thread);
    (reading.threads).extend(talk.reply_threads(|p| &p.author, post));
    reading.warnings.extend(talk.moved());
    if above > 0 {
        let lines = crate::present::plural(above, "line");
        (reading.warnings).push(format!(
            "{lines} above the first post (the site's menu) left out"
        ));
    }
    reading
}

/// The most paragraphs a post's card spreads over: name, handle, a few of text, time.
const CARD_PARAGRAPHS: usize = 6;

/// The post's card that opens `paragraphs` (an article's, in order), if one does, and how
/// many paragraphs it takes: a card may stand in one paragraph or spread over several, one
/// for each of its lines, and the counts under it are its own.
pub(super) fn card_at(paragraphs: &[&str]) -> Option<(usize, Embed)> {
    if !opens_card(paragraphs) {
        return None;
    }
    let stamped = |p: &str| p.lines().any(|l| card_time(l).is_some());
    let last = (0..paragraphs.len().min(CARD_PARAGRAPHS)).find(|&j| stamped(paragraphs[j]))?;
    // A card without a time is no card: the next card's time is not its.
    if (1..=last).any(|j| opens_card(&paragraphs[j..])) {
        return None;
    }
    let embed = card(&paragraphs[..=last].join("\n\n"))?;
    let counted = paragraphs
        .get(last + 1)
        .is_some_and(|p| is_counts(p.trim()));
    Some((last + 1 + usize::from(counted), embed))
}

/// The date of a card's time line, written as x.com writes it, the time first ("4:12 PM ·
/// Feb 27, 2024"): a date with a time under a name and handle in an article may as well be
/// an event's.
fn card_time(line: &str) -> Option<String> {
    time_first_date(&plain(line.trim()))
}

/// Whether `paragraphs` open with a card's header: the name's line, then the handle's, in
/// one paragraph or two. Both are short: only the head of each paragraph is looked at
/// (every paragraph of an article is asked).
fn opens_card(paragraphs: &[&str]) -> bool {
    let mut opening = (paragraphs.iter().take(2))
        .flat_map(|p| markdown::head(p, MAX_HEADER_BYTES).lines())
        .filter(|l| !l.trim().is_empty());
    match (opening.next(), opening.next()) {
        (Some(name), Some(handle)) => two_line_header(&[name, handle], &[0, 1]).is_some(),
        _ => false,
    }
}

/// The post a text is, if it is a post's card as a page shows it quoted (Substack and the
/// like): its header (name, handle), its text, and the time under it, which closes it. Its
/// text keeps that time, as a signed embed keeps its signature.
fn card(text: &str) -> Option<Embed> {
    let lines: Vec<&str> = text.lines().collect();
    let filled: Vec<usize> = (0..lines.len())
        .filter(|&i| !lines[i].trim().is_empty())
        .collect();
    let (taken, header) = header_at(&lines, &filled)?;
    let body = &lines[*filled.get(taken)?..];
    let stamp = body.iter().position(|l| card_time(l).is_some())?;
    let said = segment::join_lines(&body[..stamp]);
    (!said.is_empty()).then(|| Embed {
        text: format!("{said}\n{}", body[stamp].trim()),
        author: Some(header.author),
    })
}

/// A copied post as a post, without the "Replying to @ann" above its text (on one line, or
/// with the handles on lines of their own, as x.com's page copies it).
fn post(copied: &Copied) -> Post {
    let lines = copied.lines;
    let opening = lines.iter().position(|l| !l.trim().is_empty());
    let from = match opening {
        Some(i) if clip::is_replying_to(lines[i]) => i + 1,
        Some(i) if lines[i].trim() == "Replying to" => {
            let addressed = |l: &&&str| {
                let l = l.trim();
                l.is_empty() || matches!(l, "and" | "," | "&") || HANDLE.is_match(&plain(l))
            };
            i + 1 + lines[i + 1..].iter().take_while(addressed).count()
        }
        _ => 0,
    };
    // A button inside the text ("Show more" under a content warning) is the page's.
    let text: Vec<&str> = (lines[from..].iter())
        .filter(|l| !BUTTON.is_match(l.trim()))
        .copied()
        .collect();
    segment::single_post(&text.join("\n"))
}

/// Every post header of `lines`, in order. A name with a handle under it inside a post's
/// text (x.com puts a mention on a line of its own) is no header: after the first, a header
/// stands apart (a blank line or the last post's footer above it), says when (a dot, a date
/// or an age beside it), or names a handle no mention is written as (`@ann@server`,
/// `@ann.bsky.social`).
fn headers(lines: &[&str]) -> Vec<Start> {
    let filled: Vec<usize> = (0..lines.len())
        .filter(|&i| !lines[i].trim().is_empty())
        .collect();
    let mut found: Vec<Start> = Vec::new();
    let mut k = 0;
    while k + 1 < filled.len() {
        let above = (k > 0).then(|| lines[filled[k - 1]].trim());
        let apart = above.is_none_or(is_footer_line) || filled[k - 1] + 1 < filled[k];
        // x.com shows a quoted post inside the post that quotes it, under "Quote".
        let quoted = above == Some("Quote");
        match header_at(lines, &filled[k..]) {
            Some((taken, header))
                if !quoted
                    && (found.is_empty()
                        || apart
                        || header.dated
                        || is_federated(&header.author)
                        || answers(lines, filled.get(k + taken))) =>
            {
                let body = filled.get(k + taken).map_or(lines.len(), |&i| i);
                // The writer's picture above the name is the header's, not the last post's.
                let pictured =
                    above == Some("Image") && found.last().is_none_or(|s| s.body < filled[k - 1]);
                let at = if pictured { filled[k - 1] } else { filled[k] };
                found.push(Start { at, body, header });
                k += taken;
            }
            _ => k += 1,
        }
    }
    found
}

/// Whether the line at `at` of `lines` says whom a post answers ("Replying to @ann"): the
/// header above it is one.
fn answers(lines: &[&str], at: Option<&usize>) -> bool {
    at.is_some_and(|&i| lines[i].trim().starts_with("Replying to"))
}

/// Whether a handle is one no mention on x.com is written as: Mastodon's with its server,
/// Bluesky's domain.
fn is_federated(author: &Author) -> bool {
    author
        .handle
        .as_ref()
        .is_some_and(|h| h.contains(['@', '.']))
}

/// The header that opens the filled lines `at` of `lines` (a name, then a handle, on two
/// lines or on one; then perhaps a "·", a button and the date), with how many of those
/// lines it takes.
fn header_at(lines: &[&str], at: &[usize]) -> Option<(usize, Header)> {
    let first = lines[*at.first()?].trim();
    let (mut taken, author, date) = (two_line_header(lines, at))
        .or_else(|| one_line_header(&plain(may_hold_header(first)?)))?;
    let mut dated = date.is_some();
    let mut date = date.filter(|d| !d.is_empty());
    for &i in &at[taken..] {
        let line = plain(lines[i].trim());
        let beside = is_dot(&line) || AGE.is_match(&line);
        if beside || BUTTON.is_match(&line) {
            dated |= beside;
        } else if date.is_none() && article::is_date(&line) {
            date = Some(line.into_owned());
            dated = true;
        } else {
            break;
        }
        taken += 1;
    }
    Some((
        taken,
        Header {
            author,
            date,
            dated,
        },
    ))
}

/// A header's name on the first of the lines `at`, its handle alone on the second.
fn two_line_header(lines: &[&str], at: &[usize]) -> Option<(usize, Author, Option<String>)> {
    let handle_line = lines[*at.get(1)?].trim();
    let linked = handle_line.starts_with("[@") && handle_line.len() <= MAX_HEADER_BYTES;
    if !handle_line.starts_with('@') && !linked {
        return None;
    }
    let handle_line = plain(handle_line);
    if !handle_line.starts_with('@') || handle_line.chars().count() > HANDLE_CHARS + 1 {
        return None;
    }
    let handle = HANDLE.captures(&handle_line)?["handle"].to_string();
    let name = plain(lines[at[0]].trim());
    is_name(&name).then(|| (2, author(&name, handle), None))
}

/// A header on one line: "Ann Example @ann@mastodon.social · 3h", the date or age after
/// the handle perhaps.
fn one_line_header(line: &str) -> Option<(usize, Author, Option<String>)> {
    if !line.contains('@') || line.chars().count() > MAX_ONE_LINE_CHARS {
        return None;
    }
    let caps = ONE_LINE.captures(line)?;
    let handle = HANDLE.captures(&caps["handle"])?["handle"].to_string();
    let when = caps.name("when").map(|w| w.as_str().trim());
    let date = match when {
        None => None,
        // An age is no date to keep, but says the header is one.
        Some(when) if AGE.is_match(when) => Some(String::new()),
        Some(when) if article::is_date(when) => Some(when.to_string()),
        Some(_) => return None,
    };
    is_name(&caps["name"]).then(|| (1, author(&caps["name"], handle), date))
}

/// The lines of `text` that hold an "@", trimmed, each once, found by searching for the
/// "@" (the same as `text.lines().map(str::trim).filter(|l| l.contains('@'))`, without
/// walking every line).
fn lines_with_at(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut from = 0;
    std::iter::from_fn(move || {
        let at = from + memchr::memchr(b'@', &bytes[from..])?;
        let start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |i| i + 1);
        let end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |i| at + i);
        from = end;
        // '\n' and '@' are ASCII: the bounds fall between characters.
        Some(text[start..end].trim())
    })
}

/// `line`, if it may be a header on one line: short, with a handle after a few words (a
/// name) and nothing after it but a dot and the date. Asked before anything costlier of
/// lines that may be long paragraphs, and of every line of prose that mentions someone.
fn may_hold_header(line: &str) -> Option<&str> {
    if line.len() > MAX_HEADER_BYTES {
        return None;
    }
    let at = line.find('@')?;
    // After the handle, nothing, or a dot and the date.
    let handle = &line[at..];
    let after = handle
        .find(char::is_whitespace)
        .map_or("", |end| handle[end..].trim_start());
    let dated = after.is_empty() || after.starts_with(['·', '•', '∙']);
    (dated && line[..at].split_whitespace().count() <= NAME_WORDS).then_some(line)
}

/// The author a header names.
fn author(name: &str, handle: String) -> Author {
    Author {
        name: name.trim().to_string(),
        handle: Some(handle),
    }
}

/// A post's lines without what closes them on the page where no time does (x.com's
/// replies): buttons and dots ("Translate post"), and counts, two lines of them at least or
/// one that names what it counts ("48 reposts"), since a post may end with a number of its
/// own.
pub(super) fn without_footer<'a>(lines: &'a [&'a str]) -> &'a [&'a str] {
    let furniture = |l: &str| l.is_empty() || is_dot(l) || BUTTON.is_match(l);
    let run = (lines.iter().rev())
        .take_while(|l| furniture(l.trim()) || is_counts(l.trim()))
        .count();
    let tail = &lines[lines.len() - run..];
    let counts: Vec<&str> = (tail.iter().map(|l| l.trim()))
        .filter(|l| !furniture(l))
        .collect();
    // "4 12 57": several counts on one line are as many lines of them.
    let several = |l: &&str| l.chars().any(char::is_alphabetic) || l.split_whitespace().count() > 1;
    let many = counts.len() >= 2 || counts.iter().any(several);
    let kept = match many || counts.is_empty() {
        true => lines.len() - run,
        // The number closing the text is the post's: only what is under it goes.
        false => {
            lines.len()
                - tail
                    .iter()
                    .rev()
                    .take_while(|l| furniture(l.trim()))
                    .count()
        }
    };
    &lines[..kept]
}

/// Whether line `i` of a post's `lines` may be of the footer under its time: a footer line,
/// the picture of the next post's writer, or the app it was sent from after a dot
/// ("·\nWeb").
fn is_footer_at(lines: &[&str], i: usize) -> bool {
    let line = plain(lines[i].trim());
    let after_dot = i > 0 && is_dot(lines[i - 1].trim());
    is_footer_line(&line) || line == "Image" || (after_dot && is_app(&line))
}

/// The longest name of an app a post was sent from.
const APP_CHARS: usize = 24;

/// Whether a line may name the app a post was sent from: a few words, no sentence.
fn is_app(line: &str) -> bool {
    line.chars().count() <= APP_CHARS
        && line.split_whitespace().count() <= 3
        && !line.ends_with(['.', '!', '?', ':'])
}

/// A line of the footer under a post's time: its counts, a dot, a button, the app it was
/// sent from after a dot ("· Edited · Web"), who may reply.
fn is_footer_line(line: &str) -> bool {
    line.is_empty()
        || is_dot(line)
        || is_counts(line)
        || BUTTON.is_match(line)
        || line.starts_with(['·', '•', '∙'])
        || FOOTER.is_match(line)
        || timestamp_date(line).is_some()
}

/// The date of a post's timestamp line ("10:05 AM · Apr 16, 2024", "Mar 02, 2024, 08:41",
/// "March 11, 2024 at 9:14 AM"): a date with the time of day. A date alone may be a line of
/// the post's own; a time is the page's.
fn timestamp_date(line: &str) -> Option<String> {
    if !TIME.is_match(line) {
        return None;
    }
    if TIME_FIRST.is_match(line) {
        return time_first_date(line);
    }
    if let Some(date) = DATE_FIRST
        .captures(line)
        .map(|c| c["date"].trim().to_string())
    {
        return article::is_date(&date).then_some(date);
    }
    article::is_date(line).then(|| line.to_string())
}

/// The date of a time line written time first ("4:12 PM · Feb 27, 2024").
fn time_first_date(line: &str) -> Option<String> {
    let date = TIME_FIRST.captures(line)?["date"].trim().to_string();
    article::is_date(&date).then_some(date)
}

/// A line of counts under a post: "18.2K", "Views", "14 boosts · 37 favourites".
fn is_counts(line: &str) -> bool {
    let parts = line.split(['·', '•']).map(str::trim);
    parts.clone().any(|p| !p.is_empty()) && parts.clone().all(|p| p.is_empty() || COUNT.is_match(p))
}

/// A separator dot alone on its line.
fn is_dot(line: &str) -> bool {
    matches!(line, "·" | "•" | "∙")
}

/// A line of a site's menu: short, and no sentence.
fn is_menu_line(line: &str) -> bool {
    let line = plain(line.trim());
    line.chars().count() <= MENU_CHARS && !line.ends_with(['.', '!', '?', ':', '"', '”'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(reading: &Reading) -> Vec<Vec<&str>> {
        (reading.threads.iter())
            .map(|t| t.posts.iter().map(|p| &*p.text).collect())
            .collect()
    }

    #[test]
    fn a_thread_selected_on_x_leaves_its_headers_times_and_counts_out() {
        let page = "Home\nExplore\nSee new posts\nConversation\nAnn Example\n@ann_ex\n1/2 Pools are cheaper to save than to build.\nTranslate post\n10:05 AM · Apr 16, 2024\n·\n18.2K\nViews\nAnn Example\n@ann_ex\n·\nApr 16\n2/2 Ask @PoolTrust how.\n12\n3\nShow more replies\nBo Baker\n@bo\n· 2h\nReplying to @ann_ex\nAgreed.\n";
        let mut reading = read(page).expect("a copied status page");
        crate::corpus::finish(&mut reading);
        assert_eq!(
            texts(&reading),
            [
                vec![
                    "1/2 Pools are cheaper to save than to build.",
                    "2/2 Ask @PoolTrust how."
                ],
                vec!["Agreed."],
            ]
        );
        let author = reading.author.clone().unwrap();
        assert_eq!(
            (author.name.as_str(), author.handle.as_deref()),
            ("Ann Example", Some("ann_ex"))
        );
        assert_eq!(reading.date.as_deref(), Some("Apr 16, 2024"));
        let thread = &reading.threads[0];
        assert_eq!(thread.posts[1].label.as_deref(), Some("2/2"));
        assert_eq!(&*thread.posts[1].mentions, [Box::from("PoolTrust")]);
        assert_eq!(reading.threads[1].title.as_deref(), Some("Replies"));
        assert!(
            (reading.warnings.iter())
                .any(|w| w == "4 lines above the first post (the site's menu) left out"),
            "{:?}",
            reading.warnings
        );
    }

    #[test]
    fn a_header_on_one_line_opens_a_post_too() {
        let page = "Ann Example @ann@mastodon.social · 3h\nSummers are drier.\n\nAnn Example @ann@mastodon.social · 2h\nSewers were not built for it.\n";
        let mut reading = read(page).expect("a copied status page");
        crate::corpus::finish(&mut reading);
        assert_eq!(
            texts(&reading),
            [vec!["Summers are drier.", "Sewers were not built for it."]]
        );
        assert_eq!(
            reading.author.unwrap().handle.as_deref(),
            Some("ann@mastodon.social")
        );
        // Words after the handle are a sentence, not a header.
        assert!(read("Ann Example @ann said so\nOne.\nAnn Example @ann said so\nTwo.\n").is_none());
    }

    #[test]
    fn mastodon_and_bluesky_handles_and_footers_are_read() {
        let mastodon = "Ann Example\n@ann@mastodon.social\n\nThe list is long. 1/2\n\nMar 02, 2024, 08:41\n· Edited · Web\n14 boosts · 37 favourites\n\nAnn Example\n@ann@mastodon.social\n\nCome on the 14th. #Plots 2/2\n\nMar 02, 2024, 08:46\n·Web\n";
        let bluesky = "Ann Example\n@ann.bsky.social\nFollow\nThe list is long.\n\nMarch 11, 2024 at 9:14 AM\nEverybody can reply\n48 reposts\n\nAnn Example\n@ann.bsky.social\nCome on the 14th. #Plots\n\nMarch 11, 2024 at 9:16 AM\n";
        for (page, handle, date) in [
            (mastodon, "ann@mastodon.social", "Mar 02, 2024, 08:41"),
            (bluesky, "ann.bsky.social", "March 11, 2024 at 9:14 AM"),
        ] {
            let mut reading = read(page).expect("a copied status page");
            crate::corpus::finish(&mut reading);
            let posts = &reading.threads[0].posts;
            assert_eq!(reading.threads.len(), 1, "{page}");
            assert_eq!(posts.len(), 2, "{page}");
            assert!(posts[0].text.starts_with("The list is long."), "{page}");
            assert!(
                posts[1].text.starts_with("Come on the 14th. #Plots"),
                "{page}"
            );
            assert!(posts.iter().all(|p| p.mentions.is_empty()), "{page}");
            let author = reading.author.as_ref().unwrap();
            assert_eq!(author.handle.as_deref(), Some(handle));
            assert_eq!(reading.date.as_deref(), Some(date));
        }
    }

    #[test]
    fn one_header_an_article_above_or_an_unrollers_page_is_no_copied_page() {
        for page in [
            // One post quoted as a card.
            "Ann Example\n@ann_ex\nPools are cheaper to save.\n10:05 AM · Apr 16, 2024\n",
            // An article's head above its cards.
            "A title\n\nBy Bo Baker\n3 May 2024\n\nAnn Example\n@ann_ex\nOne.\n4:12 PM · Feb 27, 2024\n\nCy Cole\n@cy\nTwo.\n4:13 PM · Feb 27, 2024\n",
            // An article's paragraph above its cards.
            "Councils can raise the tax this year without a vote, and most will.\nAnn Example\n@ann_ex\nOne.\nBo Baker\n@bo\nTwo.\n",
            // An unroller's excerpts of the author's threads.
            "Ann Example\n@ann_ex\nJan 9\nOne.\nRead 7 tweets\nAnn Example\n@ann_ex\nJan 2\nTwo.\nRead 3 tweets\n",
        ] {
            assert!(read(page).is_none(), "{page}");
        }
    }

    #[test]
    fn a_posts_card_closed_by_its_time_is_an_embedded_post() {
        let card = "Ann Example\n@ann_ex\nWe are raising it to stand still.\n4:12 PM ∙ Feb 27, 2024\n1,204Likes312Retweets";
        let (taken, embed) = card_at(&[card, "Below."]).expect("a card");
        assert_eq!(taken, 1);
        assert_eq!(
            embed.text,
            "We are raising it to stand still.\n4:12 PM ∙ Feb 27, 2024"
        );
        assert_eq!(embed.author.unwrap().handle.as_deref(), Some("ann_ex"));
        // Without the time under it, a name and a handle open a paragraph of the page's.
        assert!(card_at(&["Ann Example\n@ann_ex\nWe are raising it."]).is_none());
        // Spread over paragraphs, a line each, its counts below it.
        let spread = [
            "Ann Example",
            "@ann_ex",
            "We are raising it.",
            "4:12 PM ∙ Feb 27, 2024",
            "1,204Likes312Retweets",
            "She is right.",
        ];
        let (taken, embed) = card_at(&spread).expect("a spread card");
        assert_eq!(taken, 5);
        assert_eq!(embed.text, "We are raising it.\n4:12 PM ∙ Feb 27, 2024");
        let (taken, _) = card_at(&spread[1..]).map_or((0, None), |(n, e)| (n, Some(e)));
        assert_eq!(taken, 0, "a handle alone opens no card");
        let header_together = [
            "Ann Example\n@ann_ex",
            "We are raising it.",
            "4:12 PM ∙ Feb 27, 2024",
        ];
        assert_eq!(card_at(&header_together).map(|(n, _)| n), Some(3));
    }

    proptest::proptest! {
        #[test]
        fn lines_with_an_at_are_found_as_a_walk_over_every_line_finds_them(
            text in "[a@ \n\r\t]{0,40}|\\PC{0,80}"
        ) {
            let walked: Vec<&str> = (text.lines().map(str::trim))
                .filter(|l| l.contains('@'))
                .collect();
            proptest::prop_assert_eq!(lines_with_at(&text).collect::<Vec<_>>(), walked);
        }
    }

    #[test]
    fn a_time_in_a_posts_text_and_a_number_closing_it_are_the_posts() {
        let page = "Ann Example\n@ann.bsky.social\nPublic meeting:\nMarch 16, 2024 at 10:00 AM\nLeith Town Hall.\n\nApril 2, 2024 at 8:30 AM\n\nAnn Example\n@ann.bsky.social\nPools closed since 2010:\n12\n\nApril 2, 2024 at 8:33 AM\n";
        let mut reading = read(page).expect("a copied status page");
        crate::corpus::finish(&mut reading);
        assert_eq!(
            texts(&reading),
            [vec![
                "Public meeting:\nMarch 16, 2024 at 10:00 AM\nLeith Town Hall.",
                "Pools closed since 2010:\n12"
            ]]
        );
        assert_eq!(reading.date.as_deref(), Some("April 2, 2024 at 8:30 AM"));
    }

    #[test]
    fn a_mention_on_a_line_of_its_own_opens_no_post_and_the_answered_post_is_a_reply() {
        let page = "Conversation\nBo Baker\n@bo_baker\n·\nApr 15\nWhy not build a new one?\nAnn Example\n@ann_ex\nReplying to @bo_baker\n1/2 Read the report by\nPool Trust\n@pooltrust\nhere.\n10:05 AM · Apr 16, 2024\n·\n18.2K\nViews\nAnn Example\n@ann_ex\n·\nApr 16\n2/2 Congratulations\n@cycole\non the survey.\n";
        let mut reading = read(page).expect("a copied status page");
        crate::corpus::finish(&mut reading);
        assert_eq!(
            texts(&reading),
            [
                vec![
                    "1/2 Read the report by\nPool Trust\n@pooltrust\nhere.",
                    "2/2 Congratulations\n@cycole\non the survey."
                ],
                vec!["Why not build a new one?"],
            ]
        );
        assert_eq!(reading.author.unwrap().handle.as_deref(), Some("ann_ex"));
        assert_eq!(reading.date.as_deref(), Some("Apr 16, 2024"));
    }

    #[test]
    fn an_articles_cards_with_its_text_under_them_and_a_list_of_people_are_no_copied_page() {
        for page in [
            "Pools row deepens\n\nAnn Example\n@ann_ex\nPools are cheaper to save.\n10:05 AM · Apr 16, 2024\n\nThe councillor replied within the hour, and it was shared widely.\n\nBo Baker\n@bo_baker\nThe figures are in the annex.\n11:20 AM · Apr 16, 2024\n\nNeither has commented since.\n",
            "Accounts to follow\nPools\n@pooltrust\nSewers\n@sewerwatch\nDrains\n@drainsuk\n",
            "Speakers\n\nAnn Example\n@ann_ex\nDirector of the trust.\n\nBo Baker\n@bo_baker\nChair of the council.\n",
        ] {
            assert!(read(page).is_none(), "{page}");
        }
        // A heading like x.com's column, in an article, ends nothing.
        let reading = crate::corpus::read(
            "Who to follow\n\nThese are the ten accounts.\n\nThe first is a lifeguard.\n",
        );
        assert_eq!(reading.threads[0].posts.len(), 3);
    }

    #[test]
    fn a_card_without_a_time_takes_no_other_cards_time() {
        let paragraphs = [
            "Helena Park\n@helenapark",
            "We pay hotel prices.",
            "The minister disagreed.",
            "Tom Reid\n@tomreid",
            "Nobody does.",
            "9:01 AM · Feb 28, 2024",
        ];
        assert!(card_at(&paragraphs).is_none());
        assert_eq!(card_at(&paragraphs[3..]).map(|(n, _)| n), Some(3));
    }

    #[test]
    fn timestamps_and_counts_are_told_from_text() {
        for line in [
            "10:05 AM · Apr 16, 2024",
            "Mar 02, 2024, 08:41",
            "March 11, 2024 at 9:14 AM",
        ] {
            assert!(timestamp_date(line).is_some(), "{line}");
        }
        // The date first, as Nitter writes it: the date alone is the post's.
        let nitter = timestamp_date("Mar 10, 2024 · 8:41 AM UTC");
        assert_eq!(nitter.as_deref(), Some("Mar 10, 2024"));
        for line in ["Apr 16", "At 10:05 we met.", "2/2 Ask how."] {
            assert!(timestamp_date(line).is_none(), "{line}");
        }
        for line in [
            "18.2K",
            "Views",
            "48 reposts",
            "14 boosts · 37 favourites",
            "1,204 Likes",
            "1,204Likes312Retweets",
            "💬 4 🔁 18 ❤️ 52",
            "💬 0 🔁 1.2K ❤\u{fe0f} 3",
        ] {
            assert!(is_counts(line), "{line}");
        }
        for line in ["·", "48 reasons to swim", "Thanks", "❤️ this", "🔁"] {
            assert!(!is_counts(line), "{line}");
        }
    }
}
