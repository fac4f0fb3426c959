//! Unroll pages: one thread on one page, as Thread Reader App and similar unrollers save it.
//!
//! The header may name the author ("Nick Cook Profile picture"), a handle line, and a date with
//! the declared count ("May 23 20 tweets 9 min read"); some unrollers name the author only in
//! the footer ("You can follow @samtrner."). Everything between is the thread.

use super::entities::HANDLE_MAX;
use super::{Author, Kind, Reading, Thread, chrome, numbering, segment};
use regex::Regex;
use std::borrow::Cow;
use std::sync::LazyLock;

static PROFILE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?P<name>.+?)\s*Profile picture$").unwrap());
// Handles are at most 15 word characters. The patterns say `\w+` and the length is checked
// after: `\w{1,15}` (fifteen copies of the Unicode word class) is slow to compile, a cost
// every process that reads an unroll page would pay.
static HANDLE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^@(?P<handle>\w+)$").unwrap());
/// "May 23 20 tweets 9 min read", "Mar 4, 2022 • 12 posts • 3 min read", "20 tweets",
/// "May 3, 2023 · 8 tweets · 2 min read", ", 15 tweets, 5 min read Read on Twitter".
static DATE_COUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?P<date>.*?)[\s•·,]*\b(?P<count>\d+) (?:tweets?|posts?)\b(?:[\s•·,]*\d+ min read)?(?:[\s•·,]*Read on (?:Twitter|X))?[\s•·,]*$",
    )
    .unwrap()
});
/// "Priya Raman @PriyaRamanSW": a name and a handle on one line.
static NAME_HANDLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?P<name>[^@]+?)\s+@(?P<handle>\w+)$").unwrap());
/// "More from @user": other threads of the author follow, each an excerpt closed by "Read N
/// tweets"; none is part of the page's thread.
static MORE_FROM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^More from (?P<who>@\w{1,15})$").unwrap());

/// The text of `text` before its "More from @user" line, and who and what follow that line.
pub fn split_more_from(text: &str) -> (&str, Option<(&str, &str)>) {
    // Asked of every page: most have no such line, which one search of the text says.
    if !text.contains("More from @") {
        return (text, None);
    }
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let bare = line.trim();
        if bare.starts_with("More from @") {
            // Only a section of excerpts is one: "More from @ann" in a post is the post's.
            let section = &text[at + line.len()..];
            let excerpts = section
                .lines()
                .any(|l| super::listing::read_more(l).is_some());
            if let Some(c) = MORE_FROM.captures(bare).filter(|_| excerpts) {
                let who = c.name("who").map_or("", |w| w.as_str());
                return (&text[..at], Some((who, section)));
            }
        }
        at += line.len();
    }
    (text, None)
}

/// The author's other threads that a "More from" section shows: one per excerpt, titled
/// "More from …", each without the date (and name) lines that introduce it.
fn more_from(who: &str, section: &str, author: Option<&Author>) -> Vec<Thread> {
    let lines = chrome::content_lines(section);
    let mut threads = Vec::new();
    let mut start = 0;
    for (i, line) in lines.iter().enumerate() {
        if let Some(declared) = super::listing::read_more(line) {
            threads.push(more_from_excerpt(
                who,
                &lines[start..i],
                Some(declared),
                author,
            ));
            start = i + 1;
        }
    }
    threads.retain(|t: &Thread| !t.posts.is_empty());
    threads
}

fn more_from_excerpt(
    who: &str,
    lines: &[&str],
    declared: Option<u32>,
    author: Option<&Author>,
) -> Thread {
    let introduction = |l: &&&str| {
        let l = plain(l.trim());
        let l = l.as_ref();
        l.is_empty()
            || segment::strip_media(l) == ("", true)
            || bare_date(l).is_some()
            || name_handle_dated(l).is_some()
            || handle(l).is_some()
            || name_handle(l).is_some()
            || profile(l).is_some()
            || author.is_some_and(|a| a.name == l)
            || l.trim_start_matches('@') == who.trim_start_matches('@')
    };
    let skip = lines.iter().take_while(introduction).count();
    let mut thread = super::listing::excerpt(&lines[skip..], declared);
    thread.title = Some(format!("More from {who}"));
    thread.author = author.cloned();
    thread
}

/// Takes off the top of `lines` the lines that introduce a thread's excerpt on a listing
/// page: who wrote it (a name and a handle on one line, the name above the handle, or the
/// handle alone) and when ("Oct 14"). Both must be there: a handle or a date alone at the
/// top is the excerpt's own text. Returns the author, if lines were taken.
pub(super) fn take_introduction(lines: &mut &[&str]) -> Option<Author> {
    let (taken, author) = introduction(lines)?;
    *lines = &lines[taken..];
    Some(author)
}

/// The introduction that opens `lines` (see [`take_introduction`]): how many lines it takes
/// and whom it names.
pub(super) fn introduction(lines: &[&str]) -> Option<(usize, Author)> {
    let mut name: Option<String> = None;
    let mut handle_of: Option<String> = None;
    let mut dated = false;
    let mut taken = 0;
    for (i, line) in lines.iter().enumerate() {
        let line = plain(line.trim());
        let line = line.as_ref();
        let unnamed = name.is_none() && handle_of.is_none();
        // The author's picture may stand above their name (a clipped page keeps it).
        let picture = unnamed && segment::strip_media(line) == ("", true);
        if line.is_empty() || picture {
        } else if let Some((c, _)) =
            name_handle_dated(line).filter(|(c, _)| unnamed && is_name(&c["name"]))
        {
            // "Ann Example @ann · Apr 12", all on one line.
            name = Some(c["name"].to_string());
            handle_of = Some(c["handle"].to_string());
            dated = true;
        } else if let Some(c) = handle(line).filter(|_| handle_of.is_none() && !dated) {
            handle_of = Some(c["handle"].to_string());
        } else if let Some(c) = name_handle(line).filter(|c| unnamed && is_name(&c["name"])) {
            name = Some(c["name"].to_string());
            handle_of = Some(c["handle"].to_string());
        } else if unnamed
            && next_line(&lines[i + 1..]).is_some_and(|n| handle(&plain(n)).is_some())
            && is_name(line)
        {
            name = Some(line.to_string());
        } else if bare_date(line).is_some() && handle_of.is_some() && !dated {
            dated = true;
        } else {
            break;
        }
        taken = i + 1;
    }
    let author = match (name, handle_of) {
        (Some(name), handle) => Author { name, handle },
        (None, Some(handle)) => Author::from_handle(&handle),
        (None, None) => return None,
    };
    dated.then_some((taken, author))
}

/// Where the introduction of a thread's excerpt (see [`take_introduction`]) starts among the
/// first `within` filled lines of `lines`.
pub(super) fn introduction_at(lines: &[&str], within: usize) -> Option<usize> {
    (0..lines.len())
        .filter(|&i| !lines[i].trim().is_empty())
        .take(within)
        .find(|&i| introduction(&lines[i..]).is_some())
}

/// A line that could be a person's or an account's display name: a few capitalised words
/// ("Dr. Leila Haddad", "Pieter de Vries"), no sentence ("Huge thanks to").
pub(super) fn is_name(line: &str) -> bool {
    let words = line.split_whitespace().count();
    (1..=5).contains(&words)
        && line.chars().count() <= 50
        && !line.ends_with(['.', ',', ':', '!', '?', '…'])
        && !line.contains(['@', '|'])
        && super::byline::capitalised_name(line)
}

/// What a raw dump of an unroller's HTML leaves where each post begins: attribute fragments
/// such as `thread#showTweet" data-screenname="ann" data-tweet="1"`.
static POST_FRAGMENT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"data-tweet="\d+"|data-screenname="\w+""#).unwrap());

/// Whether a line is an attribute fragment that marks where a post begins.
pub fn is_post_fragment(line: &str) -> bool {
    line.contains("data-") && POST_FRAGMENT.is_match(line) && line.contains('"')
}

/// The posts of a thread's lines: split where a raw dump's fragments mark each post's start
/// (the fragments themselves are furniture); on a page that sets a post's paragraphs apart
/// by two blank lines (`wide`), by the width of its gaps unless it is numbered; else as
/// [`segment::posts`] splits them.
fn thread_posts(lines: &[&str], declared: Option<u32>, wide: bool) -> Vec<super::Post> {
    if wide && !numbered_as_meant(lines) {
        return segment::by_gap_width(lines);
    }
    if !lines.iter().any(|l| is_post_fragment(l)) {
        return segment::posts(lines, declared.map(|d| d as usize));
    }
    lines
        .split(|l| is_post_fragment(l))
        .filter(|chunk| chunk.iter().any(|l| !l.trim().is_empty()))
        .map(|chunk| segment::single_post(&chunk.join("\n")))
        .collect()
}

/// Whether lines whose gaps come in two widths are numbered as a thread, read as the tool
/// that wrote them meant: one blank line a line break, two a blank line. So a list's items
/// stand together under their lead-in, and [`numbering::detect`] tells a list in a post
/// ("three things: 1️⃣ … 2️⃣ …") from the thread's own numbering.
fn numbered_as_meant(lines: &[&str]) -> bool {
    let mut meant = Vec::with_capacity(lines.len());
    let mut blanks = 0;
    for &line in lines {
        if line.trim().is_empty() {
            blanks += 1;
            continue;
        }
        if blanks >= 2 && !meant.is_empty() {
            meant.push("");
        }
        blanks = 0;
        meant.push(line);
    }
    numbering::detect(&meant).is_some()
}

/// Whether the page's gaps come in two widths: one blank line between lines of text, and
/// two or more, again and again (twice at least, and one in five of the gaps or more: a
/// line of furniture left out between two posts leaves one such gap, which says nothing).
fn has_wide_gap(lines: &[&str]) -> bool {
    let (mut narrow, mut wide, mut blanks, mut text) = (0, 0, 0, false);
    for line in lines {
        if line.trim().is_empty() {
            blanks += 1;
            continue;
        }
        if text {
            narrow += usize::from(blanks == 1);
            wide += usize::from(blanks >= 2);
        }
        (text, blanks) = (true, 0);
    }
    narrow > 0 && wide >= 2 && wide * 4 >= narrow
}

/// The footer line of twtext-style unrollers; the page's content ends before it (a tail
/// pattern of [`chrome`] too).
pub(super) const FOLLOW_LINE: &str = r"^You can follow @(?P<handle>\w+)\.?$";
static FOLLOW: LazyLock<Regex> = LazyLock::new(|| Regex::new(FOLLOW_LINE).unwrap());

/// `pattern`'s captures of `line` if they hold a handle no longer than [`HANDLE_MAX`].
fn with_handle<'l>(pattern: &Regex, line: &'l str) -> Option<regex::Captures<'l>> {
    let captures = pattern.captures(line)?;
    (captures["handle"].chars().count() <= HANDLE_MAX).then_some(captures)
}

/// The warning for an unroll page whose header names no author.
pub const NO_AUTHOR: &str = "no author found in the header";

/// How many lines at the top may hold the page header.
const HEADER_LINES: usize = 5;

/// True when the top of the page carries an unroller's header.
pub fn has_header(lines: &[&str]) -> bool {
    lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .take(HEADER_LINES)
        .any(|l| profile(l.trim()).is_some() || date_count(&plain(l.trim())).is_some())
}

// The header patterns, each run only on a line holding its literal words: the first lines
// of every page are asked, and a long paragraph makes the patterns slow.

fn profile(line: &str) -> Option<regex::Captures<'_>> {
    line.ends_with("Profile picture")
        .then(|| PROFILE.captures(line))
        .flatten()
}

fn handle(line: &str) -> Option<regex::Captures<'_>> {
    line.starts_with('@')
        .then(|| with_handle(&HANDLE, line))
        .flatten()
}

/// Toolbar buttons of an unroller's header that a post could be made of, alone, elsewhere.
static TOOLBAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^[+➕✓✔]?\s*(bookmark|subscribe|(?:un)?follow(?:ing)?(?:\s+@\w{1,15})?|suivre|abonné|seguir|siguiendo|folgen|abonnieren|unroll|share|share this page|print|save as pdf|my authors|read on (?:x|twitter))\s*[+➕✓✔]?$",
    )
    .unwrap()
});

/// A name and handle line ("Ann Example @ann"), if the name looks like a name: a few words,
/// no sentence in them.
fn name_handle(line: &str) -> Option<regex::Captures<'_>> {
    let captures = with_handle(&NAME_HANDLE, line)?;
    let name = &captures["name"];
    let words = name.split_whitespace().count();
    let sentence = name.contains(['.', ',', ':', '!', '?']);
    ((1..=5).contains(&words) && !sentence).then_some(captures)
}

/// A name, a handle and a date on one line ("Ann Example @ann · Apr 12", or without the
/// dot, as a page's spans leave it): the name and handle, and the date.
fn name_handle_dated(line: &str) -> Option<(regex::Captures<'_>, &str)> {
    let at = line.rfind(" @")? + 2;
    let handle_end = at + line[at..].find(char::is_whitespace)?;
    let date = line[handle_end..]
        .trim_start()
        .trim_start_matches(['·', '•']);
    Some((name_handle(&line[..handle_end])?, bare_date(date.trim())?))
}

/// A line of a header that gives only the date ("Jun 22 •").
fn bare_date(line: &str) -> Option<&str> {
    let date = line.trim_end_matches(['•', '·', ' ']);
    super::article::is_date(date).then_some(date)
}

/// A header's count line ("May 3, 2023 · 8 tweets · 2 min read"): what stands before the
/// count is a date, the author's name and handle, or nothing ("… in the next 2 posts" is a
/// sentence).
fn date_count(line: &str) -> Option<regex::Captures<'_>> {
    let counts = line.contains("tweet") || line.contains("post");
    let caps = counts.then(|| DATE_COUNT.captures(line)).flatten()?;
    let before = caps["date"].trim().trim_matches(['•', '·', ',', ' ']);
    let header = before.is_empty()
        || bare_date(before).is_some()
        || super::article::is_date(before)
        || name_handle(before).is_some();
    header.then_some(caps)
}

/// The author named by a footer line such as "You can follow @samtrner." among `lines`
/// (a page's lines, trimmed or not: kind detection has them at hand already).
pub fn footer_author<'a>(lines: impl IntoIterator<Item = &'a str>) -> Option<Author> {
    // Every line is asked: the footer's opening words rule out nearly all before the pattern.
    (lines.into_iter())
        .map(str::trim)
        .filter(|l| l.starts_with("You can follow @"))
        .find_map(|l| with_handle(&FOLLOW, l))
        .map(|c| Author::from_handle(&c["handle"]))
}

#[derive(Default)]
struct Header {
    name: Option<String>,
    handle: Option<String>,
    date: Option<String>,
    declared: Option<u32>,
    /// Lines of the page's furniture above the header, left out.
    above: usize,
    /// The title a pasted thread was given above it.
    title: Option<String>,
    /// The address a pasted thread says it was copied from.
    source: Option<String>,
    /// Whether the lines above a thread written out as paragraphs named who wrote it.
    opening: bool,
}

/// Whether `name` is the header's name, or the header has none yet.
fn same_name(header: &Header, name: &str) -> bool {
    header.name.as_deref().is_none_or(|n| n == name)
}

/// Reads the header lines off the top of `lines`, returning what they said. Lines that
/// would be a post's as much as a header's (a name with a handle, a name alone, a date) are
/// taken only when the header's count line ("8 tweets") follows. A few short lines above a
/// counted header (the site's name and menu, the page's title) are the page's furniture:
/// left out, and counted in `above`.
fn take_header(lines: &mut &[&str]) -> Header {
    let mut header = Header::default();
    let (counted, under) = header_under_furniture(lines);
    if let Some((above, at)) = under {
        header.above = above;
        *lines = &lines[at..];
    }
    let mut seen = 0;
    while let Some((first, rest)) = lines.split_first() {
        let line = first.trim();
        if line.is_empty() {
            *lines = rest;
            continue;
        }
        // Buttons do not count: a toolbar may follow a header of five lines.
        if seen == HEADER_LINES && !TOOLBAR.is_match(line) {
            break;
        }
        if !read_header_line(line, next_line(rest), counted, &mut header) {
            break;
        }
        seen += usize::from(!TOOLBAR.is_match(line));
        *lines = rest;
    }
    header
}

/// A Markdown link or picture: its text, and its address.
static LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"!?\[(?P<text>[^\]\n]*)\]\([^)\s]*\)").unwrap());

/// A header line as it reads where a clipper saved the page as Markdown: a link or a
/// picture as its text (`[@ann](https://x.com/ann)` is "@ann"; an avatar linked to the
/// profile, `[![Ann Profile picture](…)](…)`, is "Ann Profile picture"), without the
/// escapes (`@ann\_ex`).
pub(super) fn plain(line: &str) -> Cow<'_, str> {
    // Asked of many lines: most hold neither, which one byte search says.
    if memchr::memchr2(b'[', b'\\', line.as_bytes()).is_none() {
        return Cow::Borrowed(line);
    }
    let text = LINK.replace_all(line, "$text");
    // A picture in a link is read in two passes: the first leaves the picture's words as
    // the outer link's text.
    let text = match text.contains("](") {
        true => LINK.replace_all(&text, "$text").into_owned(),
        false => text.into_owned(),
    };
    Cow::Owned(text.replace('\\', ""))
}

/// Whether the top of `lines` holds an unroller's count line, and, when the lines above it
/// down from some line name who wrote the thread, with only the site's furniture (its name,
/// a menu) above that line: how many lines of furniture, and where the header starts.
fn header_under_furniture(lines: &[&str]) -> (bool, Option<(usize, usize)>) {
    let top: Vec<usize> = (0..lines.len())
        .filter(|&i| !lines[i].trim().is_empty())
        .take(HEADER_ZONE)
        .collect();
    let count_at = (top.iter()).position(|&i| date_count(&plain(lines[i].trim())).is_some());
    let under = count_at.and_then(|c| match header_start(lines, &top, c) {
        (start, true) => (top[..start].iter())
            .all(|&i| is_furniture_above(lines[i].trim()))
            .then_some((start, top[start])),
        _ => None,
    });
    (count_at.is_some(), under)
}

/// Whether an unroller's header (a count line under the name or handle of who wrote the
/// thread) stands at the top of `lines`, below at most the site's name and menu.
pub fn has_header_under_furniture(lines: &[&str]) -> bool {
    header_under_furniture(lines).1.is_some()
}

/// How many lines at the top of a page are looked through for an unroller's count line: a
/// page copied whole (select-all) has the site's menu, a dozen short lines, above it.
const HEADER_ZONE: usize = 32;

/// The longest line above a header taken for the page's furniture.
const FURNITURE_CHARS: usize = 80;

/// The first of the non-empty lines `top` (indices into `lines`) from which every line down
/// to the count line, `top[count]`, reads as the header's, and whether those lines name
/// who wrote the thread (a count line alone, "… in the next 2 posts", is no header to look
/// above).
fn header_start(lines: &[&str], top: &[usize], count: usize) -> (usize, bool) {
    let reads = |start: usize| {
        let mut scratch = Header::default();
        let all = (start..=count).all(|k| {
            let rest = &lines[top[k] + 1..];
            read_header_line(lines[top[k]].trim(), next_line(rest), true, &mut scratch)
        });
        all.then_some(scratch.name.is_some() || scratch.handle.is_some())
    };
    // The count line always reads as the header's, so a start is always found.
    (0..=count)
        .find_map(|start| reads(start).map(|named| (start, named)))
        .unwrap_or((count, false))
}

/// Whether a line above an unroller's header may be the site's (its name, a menu, the page's
/// title) and no part of the thread: short, neither naming an author as a header does nor
/// numbered as a post.
fn is_furniture_above(line: &str) -> bool {
    let plain = plain(line);
    let names =
        profile(&plain).is_some() || handle(&plain).is_some() || name_handle(&plain).is_some();
    // Measured as read: a menu saved as Markdown is long with its links' addresses.
    plain.chars().count() <= FURNITURE_CHARS && !names && !numbered(line)
}

/// The next line of `rest` that holds something other than a button.
fn next_line<'a>(rest: &[&'a str]) -> Option<&'a str> {
    // Looked for a few lines down only: asked of every header line, a walk past thousands
    // of buttons each time would grow with the square of them.
    (rest.iter().take(NEXT_LINE_REACH).map(|l| l.trim()))
        .find(|l| !l.is_empty() && !TOOLBAR.is_match(l))
}

/// How many lines down the next line of a header is looked for, past blank lines and
/// buttons.
const NEXT_LINE_REACH: usize = 16;

/// Reads one header line into `header`; false when it is no header line. `next` is the
/// line after it; `counted`, whether the header has a count line.
fn read_header_line(line: &str, next: Option<&str>, counted: bool, header: &mut Header) -> bool {
    let (line, next) = (&*plain(line), next.map(plain));
    let next = next.as_deref();
    if TOOLBAR.is_match(line) {
        // A button between the header's lines: part of it.
    } else if let Some(c) = profile(line) {
        header.name.get_or_insert_with(|| c["name"].to_string());
    } else if let Some(c) = handle(line) {
        header.handle.get_or_insert_with(|| c["handle"].to_string());
    } else if header.name.as_deref() == Some(line) {
        // The name again ("Ann Profile picture", then "Ann" above the handle).
    } else if let Some(c) = name_handle(line).filter(|c| counted && same_name(header, &c["name"])) {
        header.name = Some(c["name"].to_string());
        header.handle.get_or_insert_with(|| c["handle"].to_string());
    } else if counted && header.name.is_none() && next.is_some_and(|n| handle(n).is_some()) {
        // A name alone, its handle on the next line.
        header.name = Some(line.to_string());
    } else if let Some(date) = bare_date(line).filter(|_| counted && header.date.is_none()) {
        header.date = Some(date.to_string());
    } else if let Some(c) = date_count(line) {
        let date = c["date"].trim().trim_matches(['•', '·', ',', ' ']);
        // The name and handle may open the count line ("Ann @ann, 15 tweets, …").
        if let Some(c) = name_handle(date) {
            header.name.get_or_insert_with(|| c["name"].to_string());
            header.handle.get_or_insert_with(|| c["handle"].to_string());
        } else if !date.is_empty() {
            header.date = Some(date.to_string());
        }
        header.declared = c["count"].parse().ok();
    } else {
        return false;
    }
    true
}

/// "Ann Example (@ann) on rates, 12 March 2024", "Ann Example @ann · Jan 20, 2025": who
/// wrote a pasted thread, written above it (on one line or a few); the handle X's, Bluesky's
/// or a fediverse one.
static ATTRIBUTION: LazyLock<Regex> = LazyLock::new(|| {
    let handle = format!(r"{}|\w+", super::byline::DOMAIN_HANDLE);
    Regex::new(&format!(
        r"^(?P<name>[^()@\n]+?)\s*(?:\(@(?P<bracketed>{handle})\)|@(?P<handle>{handle}))(?P<rest>.*)$"
    ))
    .unwrap()
});

/// "Thread by", in the languages of most pages saved, before an attribution's name.
static THREAD_BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:\w+\s+){0,2}(?:thread|faden|hilo|fil|filo|draad)\s+(?:by|von|de|di|par|van)|(?:saved|copied|clipped)\s+from\s+\S+?,?\s+by)(?:\s+|$)").unwrap()
});

/// A Markdown heading's text: "# Kinship care", "## Notes ##".
static HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^#{1,6}[ \t]+(?P<text>.*?\S)(?:[ \t]+#+)?[ \t]*$").unwrap());

/// The text of `line` when it is a Markdown heading.
fn heading_text(line: &str) -> Option<&str> {
    HEADING
        .captures(line)
        .map(|c| c.name("text").map_or("", |t| t.as_str()))
}

/// "Published on", "Posted", before an attribution's date.
static PUBLISHED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^(?:published|posted)(?:\s+on)?\s+").unwrap());

/// What parts an attribution's name from its topic and date.
const SEPARATORS: [char; 5] = [',', '·', '•', '—', '–'];

/// The longest attribution above a pasted thread, and the most lines it takes.
const ATTRIBUTION_CHARS: usize = 160;
pub(super) const ATTRIBUTION_LINES: usize = 3;

/// Who wrote a pasted thread, as the lines above it say.
struct Attribution {
    name: String,
    handle: String,
    date: Option<String>,
    /// Written as a byline ("By Ann Example (@ann)"), as an article names its writer.
    byline: bool,
    /// Written as an unroller titles a thread ("Thread by @ann"): it says whose thread
    /// follows, dated or not.
    titled: bool,
}

/// Reads the lines that name who wrote the thread ("Ann Example (@ann)", or the name and the
/// handle on lines of their own, perhaps with a topic and a date after them, or an
/// unroller's title, "Thread by @ann") off the top of
/// `lines`: above its first post, numbered 1, or, where no post is numbered, a line ending
/// in a date ("Ann Example (@ann) · Feb 20, 2024") or a name above a handle alone.
fn take_attribution(lines: &mut &[&str], header: &mut Header) {
    // The filled lines' places in `lines`, as far as an attribution may reach: what is
    // taken ends before one of them.
    let filled: Vec<usize> = (0..lines.len())
        .filter(|&i| !lines[i].trim().is_empty())
        .take(2 * ATTRIBUTION_LINES + 2)
        .collect();
    // A Markdown heading over the lines ("# Kinship care") reads as what it heads.
    let line = |j: usize| {
        let line = lines[filled[j]].trim();
        heading_text(line).filter(|_| j == 0).unwrap_or(line)
    };
    let trimmed = |k: usize| -> Vec<&str> { (0..k).map(line).collect() };
    let first_post = (1..filled.len().min(ATTRIBUTION_LINES + 1))
        .find(|&k| numbering::leading(lines[filled[k]]).is_some_and(|m| m.number == 1));
    // A title above the attribution ("Thread: how we cut food waste"), and perhaps the
    // address it was copied from: how many lines they take, and what they say.
    let titled = |k: usize| {
        (1..k.min(3)).find_map(|j| {
            let above = title_and_source(&trimmed(j)).filter(|a| a.title.is_some())?;
            let found = attribution(&trimmed(k)[j..])?;
            Some((above, found))
        })
    };
    let found = match first_post {
        Some(k) => match attribution(&trimmed(k)) {
            Some(found) => Some((k, found)),
            None if let Some((above, found)) = titled(k) => {
                header.title = above.title;
                header.source = above.source;
                Some((k, found))
            }
            None => {
                // A heading alone above post 1 is the thread's title, as it heads a page.
                let heading = heading_text(lines[filled[0]].trim()).filter(|_| k == 1);
                if let Some(title) = heading {
                    header.title = Some(title.to_string());
                    *lines = &lines[filled[k]..];
                } else if take_title_and_date(&trimmed(k), header) {
                    *lines = &lines[filled[k]..];
                }
                return;
            }
        },
        None => opening_attribution(lines).map(|opening| {
            header.title = opening.above.title;
            header.source = opening.above.source;
            header.above = opening.above.site;
            header.opening = true;
            (opening.lines, opening.attribution)
        }),
    };
    // Paragraphs follow an opening attribution, so a filled line stands after what is taken.
    let Some((k, found)) = found.filter(|(k, _)| *k < filled.len()) else {
        return;
    };
    header.name = Some(found.name);
    header.handle = Some(found.handle);
    header.date = found.date;
    *lines = &lines[filled[k]..];
}

/// An attribution found above a thread written out as paragraphs.
struct Opening {
    /// The filled lines it and what stands above it take.
    lines: usize,
    attribution: Attribution,
    /// What stands above it.
    above: Above,
}

/// "Source: https://…", "URL: …" above a pasted thread.
static SOURCE_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^(?:source|url|link)\s*:\s*(?P<url>https?://\S+)$").unwrap());

/// An attribution that ends in a date (on one line, or on up to three: name, handle, date),
/// a name above a handle alone, or an unroller's title as a paragraph of its own, in the
/// first filled lines of `lines`, under at most a title and a "Source:" line, when
/// paragraphs follow it.
fn opening_attribution(lines: &[&str]) -> Option<Opening> {
    let at: Vec<usize> = (0..lines.len())
        .filter(|&i| !lines[i].trim().is_empty())
        .take(2 * ATTRIBUTION_LINES + 1)
        .collect();
    let filled: Vec<&str> = at.iter().map(|&i| lines[i].trim()).collect();
    // Whether the `j`th filled line ends its paragraph.
    let ends_paragraph = |j: usize| lines.get(at[j] + 1).is_none_or(|l| l.trim().is_empty());
    let at_most_above = 2;
    for start in 0..=at_most_above.min(filled.len()) {
        let above = title_and_source(&filled[..start])?;
        // The most lines that read as one: a date under the handle is the attribution's.
        let found = (1..=ATTRIBUTION_LINES)
            .rev()
            .filter(|&k| filled.len() >= start + k + 2)
            .find_map(|k| {
                let attribution = attribution(&filled[start..start + k])?;
                // A byline above paragraphs is an article's: its reader takes it. Undated,
                // the name above the handle alone, and a closing "Published" line, say who
                // wrote what follows (without it, a note about someone may open so).
                let handle_alone = filled[start..start + k].iter().any(|l| handle(l).is_some());
                let signed = k >= 2 && handle_alone && closing_date(lines).is_some();
                // An unroller's title stands apart; "Thread by @ann" running on is a sentence.
                let titled = attribution.titled && ends_paragraph(start + k - 1);
                let named = attribution.date.is_some() || signed || titled;
                (named && !attribution.byline).then_some((k, attribution))
            });
        if let Some((k, attribution)) = found {
            return Some(Opening {
                lines: start + k,
                attribution,
                above,
            });
        }
    }
    None
}

/// What the lines above a pasted thread's attribution say: a title (a short line, not a
/// sentence), the address it was copied from, and how many lines are a site's name (one
/// word, "Typefully", above a title of more); `None` if they are anything else.
fn title_and_source(above: &[&str]) -> Option<Above> {
    let mut read = Above::default();
    let mut one_word = None;
    for line in above {
        let words = line.split_whitespace().count();
        if let Some(c) = SOURCE_LINE.captures(line).filter(|_| read.source.is_none()) {
            read.source = Some(c["url"].to_string());
        } else if words == 1 && line.chars().count() <= SITE_NAME_CHARS && !line.contains('@') {
            read.site += 1;
            one_word = Some(line);
        } else if read.title.is_none() && is_title(line) && !line.contains('@') && !numbered(line) {
            read.title = Some(line.to_string());
        } else {
            return None;
        }
    }
    // With no other title, one word is the title ("Housing"): never lost for a site's name.
    if let (None, Some(word)) = (&read.title, one_word) {
        read.title = Some(word.to_string());
        read.site -= 1;
    }
    Some(read)
}

/// Whether `line` is numbered as a thread's post is ("1/3" opening it, or closing a
/// sentence or a 🧵): a post, never a title ("Housing, part 1/2" is one).
fn numbered(line: &str) -> bool {
    let closing = numbering::trailing(line).is_some_and(|m| {
        let before = line
            .trim_end()
            .rfind(m.label.as_str())
            .map_or("", |at| &line[..at]);
        let before = before.trim_end_matches(['[', '(', ' ']);
        before.ends_with(['.', '!', '?', ':', '…']) || before.ends_with('🧵')
    });
    numbering::leading(line).is_some() || closing
}

/// What stands above a pasted thread's attribution.
#[derive(Default)]
struct Above {
    title: Option<String>,
    source: Option<String>,
    /// Lines that name the site it was copied from, left out.
    site: usize,
}

/// The longest one-word line above an attribution taken for a site's name.
const SITE_NAME_CHARS: usize = 30;

/// Whether `lines` open with who wrote a thread written out as paragraphs, none of them
/// numbered: a line ending in a date, or a name above a handle alone.
pub fn opens_with_attribution(lines: &[&str]) -> bool {
    opening_attribution(lines).is_some()
}

/// Whether `lines` (filled lines, all of them) say who wrote the thread under them as a
/// thread's attribution does, naming it apart from any sentence: dated ("Ann Example
/// (@ann) · Mar 4, 2024", on up to [`ATTRIBUTION_LINES`] lines) or an unroller's title
/// ("Thread by @ann"); not an article's byline ("By Ann Example (@ann)").
pub(super) fn names_a_thread(lines: &[&str]) -> bool {
    (1..=ATTRIBUTION_LINES).contains(&lines.len())
        && attribution(lines).is_some_and(|a| (a.date.is_some() || a.titled) && !a.byline)
}

/// Who wrote the thread under `lines`, when they name it as a thread's attribution does
/// (see [`names_a_thread`]).
pub(super) fn thread_author(lines: &[&str]) -> Option<Author> {
    let found = attribution(lines).filter(|_| names_a_thread(lines))?;
    Some(Author {
        name: found.name,
        handle: Some(found.handle),
    })
}

/// The author (and date) that the lines `above` a pasted thread name, if they name one.
fn attribution(above: &[&str]) -> Option<Attribution> {
    // An unroller's title on a line of its own, "Thread by @ann": the handle alone.
    if let [line] = above
        && let Some(title) = super::byline::thread_title(line).filter(|t| t.on_a_site())
    {
        return Some(Attribution {
            name: format!("@{}", title.handle),
            handle: title.handle.to_string(),
            date: title.date.map(str::to_string),
            byline: false,
            titled: true,
        });
    }
    // The name stands on the handle's line or the line above it, never further up.
    let at = above.iter().position(|l| l.contains('@')).unwrap_or(0);
    let named_on = match above.get(at) {
        Some(line) if line.starts_with('@') => at.saturating_sub(1),
        _ => at,
    };
    if named_on > 0 {
        return None;
    }
    // Under the handle's line, only its date, perhaps after its topic ("on the review ·
    // 12 March 2024"): a post's words never end an attribution.
    let dated = |line: &&str| {
        let line = plain(line);
        let date = PUBLISHED.replace(line.trim_start_matches(SEPARATORS).trim(), "");
        let topic = line.starts_with("on ") || line.starts_with(SEPARATORS);
        let last = line.rsplit(SEPARATORS).next().unwrap_or("").trim();
        bare_date(&date).is_some() || (topic && bare_date(last).is_some())
    };
    if !above.iter().skip(at + 1).all(dated) {
        return None;
    }
    // As read, not as marked up: "**Ann Example** ([@ann](https://x.com/ann)) · Mar 4".
    let read: Vec<Cow<str>> = (above.iter().map(|l| plain(l)))
        .map(|l| match l.contains('*') {
            true => Cow::Owned(l.replace('*', "")),
            false => l,
        })
        .collect();
    let attribution = read.join(" ");
    if attribution.chars().count() > ATTRIBUTION_CHARS {
        return None;
    }
    let caps = ATTRIBUTION.captures(&attribution)?;
    let handle = caps
        .name("bracketed")
        .or(caps.name("handle"))
        .map_or("", |h| h.as_str());
    let name = caps["name"].trim();
    // "Thread by Ann (@ann)", "Kurzer Thread von @ann": the words say whose it is, when
    // they are all the line says before the name ("Loved this thread by" is a sentence).
    let thread_by = THREAD_BY.find(name);
    let plainly = thread_by.is_some_and(|by| {
        let words = name[..by.end()].to_lowercase();
        words.split_whitespace().count() <= 3
            || ["saved", "copied", "clipped"]
                .iter()
                .any(|w| words.starts_with(w))
    });
    let name = thread_by.map_or(name, |by| &name[by.end()..]).trim();
    // "Thread by @ann:" names the handle alone.
    let handle_only = name.is_empty() && plainly;
    let handle_name = format!("@{handle}");
    let name = if handle_only { &handle_name } else { name };
    // "By Ann Example (@ann)": an article's byline names its writer so.
    let (name, byline) = match name.strip_prefix("By ") {
        Some(name) => (name.trim(), true),
        None => (name, false),
    };
    // A name, not a sentence that names someone ("Thanks to Bo (@bo) for the data").
    let words = name.split_whitespace().count();
    let capitalised = handle_only || super::byline::capitalised(name);
    let rest = caps["rest"].trim();
    // "Published on November 7, 2023" on the line under the name.
    let published = PUBLISHED.replace(rest, "");
    // A line saying whose thread follows may end in a colon, after its topic ("Thread by
    // Ann (@ann) on rents:", "Kurzer Thread von Ann (@ann) zur Lage:").
    let about = rest.is_empty()
        || (rest.starts_with("on ") || rest.starts_with(SEPARATORS)) && !handle_only
        || rest == ":"
        || (plainly && is_topic(rest))
        || super::article::is_date(&published);
    // The date closes the line: the longest end of it that reads as one ("March 12, 2024").
    let ends = std::iter::once(published.as_ref()).chain(
        rest.match_indices(SEPARATORS)
            .map(|(at, sep)| &rest[at + sep.len()..]),
    );
    let date = ends
        .map(str::trim)
        .find(|d| super::article::is_date(d))
        .map(str::to_string);
    // A bare handle after one word is a greeting or a thanks ("Congrats @ann"); a name
    // written without case, one word (佐藤ゆかり), when a date follows the handle.
    let bare = caps.name("handle").is_some() && !plainly;
    let cased = name.chars().any(|c| c.is_uppercase() || c.is_lowercase());
    if !(1..=5).contains(&words)
        || (bare && words < 2 && (cased || date.is_none()))
        || !capitalised
        || name.contains(['.', ',', ':', '!', '?'])
        || !super::byline::handle_fits(handle)
        || !about
    {
        return None;
    }
    Some(Attribution {
        name: name.to_string(),
        handle: handle.to_string(),
        date,
        byline,
        titled: plainly,
    })
}

/// Whether `rest`, after an attribution's handle, is the thread's topic closed by a colon:
/// "on rents:", "zur Lage bei der Bahn:", "sur la réforme :", no sentence.
fn is_topic(rest: &str) -> bool {
    const TOPIC_WORDS: &[&str] = &[
        "about",
        "on",
        "over",
        "regarding",
        "zu",
        "zum",
        "zur",
        "über",
        "sur",
        "sobre",
        "su",
        "sul",
        "sulla",
        "sui",
        "op",
        "om",
        "de",
        "del",
        "della",
        "du",
        "des",
    ];
    let Some(topic) = rest.strip_suffix(':').map(str::trim) else {
        return false;
    };
    let first = topic.split_whitespace().next().unwrap_or("");
    let opens = TOPIC_WORDS.iter().any(|w| w.eq_ignore_ascii_case(first));
    (topic.is_empty() || opens) && !topic.contains([',', ';', '.', '!', '?'])
}

/// Takes a closing "Published Mar 12, 2024" line (as thread writers sign what they post)
/// off the end of `lines`, the thread's date where the header gave none.
fn take_closing_date(lines: &mut &[&str], header: &mut Header) {
    if let Some((last, date)) = closing_date(lines) {
        header.date.get_or_insert_with(|| date.to_string());
        *lines = &lines[..last];
    }
}

/// The last filled line of `lines`, where it reads "Published <date>": its place, and the
/// date.
fn closing_date<'a>(lines: &[&'a str]) -> Option<(usize, &'a str)> {
    let last = lines.iter().rposition(|l| !l.trim().is_empty())?;
    let line = lines[last].trim();
    let date = &line[PUBLISHED.find(line)?.end()..];
    super::article::is_date(date).then_some((last, date))
}

/// A title and a date above a pasted thread's first post, with no author named but by a
/// byline between them ("By Ann Example"): the date is the last line, the title the first,
/// if any.
fn take_title_and_date(above: &[&str], header: &mut Header) -> bool {
    let Some((date, mut title)) = above.split_last() else {
        return false;
    };
    let mut writer = None;
    if let [heading, by] = title
        && super::article::is_by_line(by)
        && let Some(name) = super::article::byline(by)
    {
        writer = Some(name);
        title = std::slice::from_ref(heading);
    }
    let titled = title.first().is_none_or(|t| is_title(t));
    if !super::article::is_date(date) || title.len() > 1 || !titled || header.date.is_some() {
        return false;
    }
    header.date = Some(date.to_string());
    header.title = title.first().map(|t| t.to_string());
    header.name = header.name.take().or(writer);
    true
}

/// The longest line above a pasted thread taken for its title.
const TITLE_CHARS: usize = 100;

/// Whether a line above a pasted thread may be its title: short, and not a sentence of the
/// thread's.
pub(super) fn is_title(line: &str) -> bool {
    line.chars().count() <= TITLE_CHARS && !line.ends_with(['.', '…', ':'])
}

/// Reads an unroll page.
pub fn read(text: &str) -> Reading {
    let (text, more) = split_more_from(text);
    let lines = chrome::content_lines(text);
    let mut body: &[&str] = &lines;
    let mut header = take_header(&mut body);
    if header.name.is_none() && header.handle.is_none() {
        take_attribution(&mut body, &mut header);
    }
    // Only a thread named by the lines above it is so signed: in a numbered thread the line
    // may be a post's ("the council page says:" then "Published 12 March 2024").
    if header.opening {
        take_closing_date(&mut body, &mut header);
    }
    let mut reading = Reading::new(Kind::Unroll);
    reading.author = match (header.name, header.handle) {
        (Some(name), handle) => Some(Author { name, handle }),
        (None, Some(handle)) => Some(Author::from_handle(&handle)),
        (None, None) => footer_author(text.lines()),
    };
    reading.date = header.date;
    reading.title = header.title;
    reading.source = header.source;
    if reading.author.is_none() {
        reading.warnings.push(NO_AUTHOR.to_string());
    }
    if header.above > 0 {
        let lines = crate::present::plural(header.above, "line");
        (reading.warnings).push(format!(
            "{lines} above the header (the site's menu or the page's title) left out"
        ));
    }
    // Thread Reader App's page converted to Markdown by a tool that writes a post's line
    // breaks as blank lines, and so its paragraph breaks as two: where both widths of gap
    // stand between its lines, they say where its posts end.
    let wide = text.lines().any(chrome::is_unroller_notice) && has_wide_gap(body);
    let posts = thread_posts(body, header.declared, wide);
    // Split into as many posts as the header declares where the text alone gave fewer: said,
    // as the split may be wrong where the page is missing a post.
    // (Numbered posts are split at their numbers, never by the count: nothing to compare.)
    let unnumbered = posts.iter().all(|p| p.label.is_none());
    // (Split by the width of its gaps, a page's count is not used: nothing to compare.)
    let unaided = (header.declared.is_some() && unnumbered && !wide)
        .then(|| thread_posts(body, None, wide).len());
    if let Some(fewer) = unaided.filter(|&n| n < posts.len()) {
        (reading.warnings).push(format!(
            "posts split into the {} the header declares (the text alone gave {fewer})",
            posts.len()
        ));
    }
    let mut thread = Thread::new(posts, header.declared);
    thread.author = reading.author.clone();
    reading.threads.push(thread);
    if let Some((who, section)) = more {
        let others = more_from(who, section, reading.author.as_ref());
        reading.threads.extend(others);
    }
    reading
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thread_reader_notice_and_two_widths_of_gap_split_posts_by_width() {
        let body = "One.\n\n\nStill one.\n\nTwo.\n\n\nStill two.\n";
        let texts = |text: &str| -> Vec<String> {
            let r = read(text);
            (r.threads[0].posts.iter())
                .map(|p| p.text.to_string())
                .collect()
        };
        let notice = "**This Thread may be Removed Anytime!**\n\n";
        let by_width = ["One.\n\nStill one.", "Two.\n\nStill two."];
        assert_eq!(texts(&format!("{notice}{body}")), by_width);
        // Without the notice, the widths say nothing: each paragraph a post, as ever; and
        // one wide gap alone (a line of furniture left out) is no sign.
        assert_eq!(texts(body), ["One.", "Still one.", "Two.", "Still two."]);
        let once = format!("{notice}One.\n\nTwo.\n\n\nThree.\n");
        assert_eq!(texts(&once), ["One.", "Two.", "Three."]);
        // Numbering splits a thread as it numbers it, from the top or under a first post.
        let numbered =
            format!("{notice}1/ One.\n\n\nStill one.\n\n2/ Two.\n\n\nStill two.\n\n3/ Three.\n");
        assert_eq!(
            texts(&numbered),
            [
                "1/ One.\n\nStill one.",
                "2/ Two.\n\nStill two.",
                "3/ Three."
            ]
        );
        // Numbered posts under a first post are each a post, not the items of one list.
        let long = "a long point, made at the length a post of a thread has it ".repeat(2);
        let under = format!(
            "{notice}First.\n\n\nStill first.\n\n1. {long}\n\n2. {long}\n\n\nStill two.\n\n3. {long}\n"
        );
        let under = texts(&under);
        let starts: Vec<&str> = under.iter().map(|t| &t[..2]).collect();
        assert_eq!(starts[starts.len() - 3..], ["1.", "2.", "3."], "{under:?}");
        assert!(
            under[under.len() - 2].ends_with("\n\nStill two."),
            "{under:?}"
        );
    }

    #[test]
    fn header_gives_author_date_and_declared_count() {
        let text = "Ann Example Profile picture\nMay 23 3 tweets 2 min read\nOne. 1/\nTwo. 2/\nThree. 3/3\n";
        let r = read(text);
        assert_eq!(r.author, Some(Author::named("Ann Example")));
        assert_eq!(r.date.as_deref(), Some("May 23"));
        assert_eq!(r.threads[0].declared_count, Some(3));
        assert_eq!(r.threads[0].posts.len(), 3);
    }

    #[test]
    fn a_name_and_handle_line_and_a_toolbar_are_the_header() {
        let text = "Ann Example @annex\nMay 3, 2023 · 3 tweets · 2 min read\nBookmark\nSave as PDF\n+ My Authors\nOne. 1/\nTwo, to @bob. 2/\nThree. 3/3\n";
        let r = read(text);
        assert_eq!(
            r.author,
            Some(Author {
                name: "Ann Example".into(),
                handle: Some("annex".into())
            })
        );
        assert_eq!(r.date.as_deref(), Some("May 3, 2023"));
        let thread = &r.threads[0];
        assert_eq!(thread.declared_count, Some(3));
        let texts: Vec<_> = thread.posts.iter().map(|p| &*p.text).collect();
        assert_eq!(texts, ["One. 1/", "Two, to @bob. 2/", "Three. 3/3"]);
        assert_eq!(r.warnings, Vec::<String>::new());
    }

    #[test]
    fn header_variants_on_separate_lines() {
        let text = "Ann Example\nSubscribe\n@annex\nJun 22 •\n10 tweets • 8 min read •\nOne. 1/\nTwo. 2/\n";
        let r = read(text);
        assert_eq!(
            r.author.as_ref().map(|a| a.name.as_str()),
            Some("Ann Example")
        );
        assert_eq!(r.author.unwrap().handle.as_deref(), Some("annex"));
        assert_eq!(r.date.as_deref(), Some("Jun 22"));
        assert_eq!(r.threads[0].declared_count, Some(10));
        let text = "Ann Example @annex, 15 tweets, 5 min read Read on Twitter\nOne. 1/\nTwo. 2/\n";
        let r = read(text);
        assert_eq!(r.threads[0].declared_count, Some(15));
        assert_eq!(r.date, None);
        assert_eq!(r.author.unwrap().handle.as_deref(), Some("annex"));
    }

    #[test]
    fn the_sites_menu_or_title_above_a_header_is_left_out_and_said() {
        for (above, n) in [
            ("Thread Reader App\nHelp | About | TOS | Privacy\n\n", 2),
            (
                "-   [Help](https://u.example/help) | [About](https://u.example/about) | [Privacy](https://u.example/privacy)\n\n",
                1,
            ),
            ("Thread by @annex on Thread Reader App\n\n", 1),
            (
                "Thread Reader App\nThread Reader\nShare this page!\n×\nPost\nShare\nEmail\nEnter URL or ID to Unroll\nUnroll Thread\nHelp\nAbout\nPrivacy\n",
                12,
            ),
        ] {
            let text = format!(
                "{above}Ann Example @annex\nFollow\nMay 3, 2023 · 2 tweets · 1 min read\nOne. 1/\nTwo. 2/2\n"
            );
            let r = read(&text);
            let author = r.author.expect("the header's author");
            assert_eq!(
                (author.name.as_str(), author.handle.as_deref()),
                ("Ann Example", Some("annex"))
            );
            assert_eq!(r.date.as_deref(), Some("May 3, 2023"));
            let texts: Vec<_> = r.threads[0].posts.iter().map(|p| &*p.text).collect();
            assert_eq!(texts, ["One. 1/", "Two. 2/2"], "{above}");
            let lines = if n == 1 { "line" } else { "lines" };
            assert_eq!(
                r.warnings,
                [format!(
                    "{n} {lines} above the header (the site's menu or the page's title) left out"
                )]
            );
        }
        // A long line above is the thread's, not furniture: nothing is left out.
        let long =
            "A first line of the thread that runs on well past what a menu or a title would say.";
        let r = read(&format!(
            "{long}\nAnn Example @annex\n2 tweets\nOne. 1/\nTwo. 2/2\n"
        ));
        assert!(r.threads[0].posts[0].text.starts_with(long));
    }

    #[test]
    fn a_name_said_twice_and_a_long_toolbar_stay_in_the_header() {
        let texts = |r: &Reading| -> Vec<String> {
            r.threads[0]
                .posts
                .iter()
                .map(|p| p.text.to_string())
                .collect()
        };
        for text in [
            "Ann Example Profile picture\nAnn Example\n@annex\nFollow\nSep 14, 2024 · 2 tweets · 1 min read\nBookmark\nOne. 1/\nTwo. 2/2\n",
            "Ann Example Profile picture\nAnn Example @annex\nSep 14, 2024 · 2 tweets · 1 min read\nOne. 1/\nTwo. 2/2\n",
            "Ann Example\n@annex\nSubscribe\nSep 14, 2024 •\n2 tweets • 1 min read •\nRead on X\nBookmark\nSave as PDF\nOne. 1/\nTwo. 2/2\n",
        ] {
            let r = read(text);
            let author = r.author.clone().expect("the header's author");
            assert_eq!(
                (author.name.as_str(), author.handle.as_deref()),
                ("Ann Example", Some("annex")),
                "{text}"
            );
            assert_eq!(r.date.as_deref(), Some("Sep 14, 2024"), "{text}");
            assert_eq!(texts(&r), ["One. 1/", "Two. 2/2"], "{text}");
            assert!(r.warnings.is_empty(), "{text}: {:?}", r.warnings);
        }
    }

    #[test]
    fn unnumbered_posts_are_split_into_the_count_the_header_declares() {
        // Four short posts fit in one of 280 characters: the count says they are four.
        let posts = [
            "The library reopens on Monday.",
            "The children's section moved upstairs.",
            "Loans are extended to June.",
            "Thanks to the staff.",
        ];
        for gap in ["\n", "\n\n"] {
            let text = format!(
                "Ann Example @annex\nMay 3, 2023 · 4 tweets · 1 min read\n{}\n",
                posts.join(gap)
            );
            let r = read(&text);
            let texts: Vec<_> = r.threads[0].posts.iter().map(|p| &*p.text).collect();
            assert_eq!(texts, posts, "{gap:?}");
            // Said: where the page misses a post, the split is a guess. Posts apart (a
            // blank line between each) are posts by the text alone.
            let said = "posts split into the 4 the header declares (the text alone gave 1)";
            let said: &[&str] = if gap == "\n" { &[said] } else { &[] };
            assert_eq!(r.warnings, said, "{gap:?}");
        }
    }

    #[test]
    fn a_numbered_thread_mentioning_posts_keeps_its_lines() {
        // "… 2 posts" in a post is no count line: nothing above it is furniture.
        let text = "1/ The review is out today.\n2/ It covers foster care.\n3/ And kinship care.\n4/ More on funding in the next 2 posts\n5/ Funding is short.\n6/ And late.\n";
        let r = read(text);
        let labels: Vec<_> = r.threads[0]
            .posts
            .iter()
            .map(|p| p.label.as_deref())
            .collect();
        assert_eq!(labels, ["1/", "2/", "3/", "4/", "5/", "6/"].map(Some));
        assert_eq!(r.threads[0].declared_count, None);
        // A header with a button not known is kept whole: its lines are no furniture.
        let text = "Ann Example Profile picture\n@annex\nShare\nMay 3, 2023 · 2 tweets · 1 min read\nOne. 1/\nTwo. 2/2\n";
        let r = read(text);
        assert_eq!(r.author.map(|a| a.handle), Some(Some("annex".to_string())));
        assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    }

    #[test]
    fn a_line_naming_who_wrote_a_pasted_thread_is_its_header() {
        let text = "Ann Example (@annex) on rates, 12 March 2024\n\n1/ Rates are up.\nMore.\n\n2/ So are rents.\n";
        let r = read(text);
        let author = r.author.expect("named above the thread");
        assert_eq!(
            (author.name.as_str(), author.handle.as_deref()),
            ("Ann Example", Some("annex"))
        );
        assert_eq!(r.date.as_deref(), Some("12 March 2024"));
        let texts: Vec<_> = r.threads[0].posts.iter().map(|p| &*p.text).collect();
        assert_eq!(texts, ["1/ Rates are up.\nMore.", "2/ So are rents."]);
        assert!(r.warnings.is_empty(), "{:?}", r.warnings);
        // Without a first post numbered 1 after it, the line is the thread's.
        let r = read("Thanks to Bo (@bo) for this.\n\n2/ Rates.\n\n3/ Rents.\n\n4/ Fees.\n");
        assert!(r.threads[0].posts[0].text.starts_with("Thanks to Bo"));
        // Nor is a sentence that names someone.
        let r = read(
            "Thanks to Bo Chen (@bochen) for the data\n\n1/ Rates.\n\n2/ Rents.\n\n3/ Fees.\n",
        );
        assert!(r.threads[0].posts[0].text.starts_with("Thanks to Bo"));
        assert_eq!(r.author, None);
        // A date written with a comma of its own.
        let r = read("Ann Example (@annex) on rates, March 12, 2024\n\n1/ Rates.\n\n2/ Rents.\n");
        assert_eq!(r.date.as_deref(), Some("March 12, 2024"));
        // Bluesky's and the fediverse's handles, in each form.
        for handle in ["ann.bsky.social", "ann@social.example"] {
            for line in [
                format!("Thread by Ann Example (@{handle})"),
                format!("Ann Example (@{handle}) on rates, 12 March 2024"),
                format!("Ann Example @{handle} · Mar 3, 2024"),
            ] {
                let r = read(&format!("{line}\n\n1/ Rates.\n\n2/ Rents.\n\n3/ Fees.\n"));
                let author = r.author.unwrap_or_else(|| panic!("{line}"));
                let read = (author.name.as_str(), author.handle.as_deref());
                assert_eq!(read, ("Ann Example", Some(handle)), "{line}");
                assert_eq!(r.threads[0].posts.len(), 3, "{line}");
            }
        }
    }

    #[test]
    fn an_attribution_above_paragraphs_is_an_unnumbered_threads_header() {
        let posts = "\n\nThe hub opens Monday.\n\nThe desk moved upstairs.\n";
        for (above, title, source) in [
            ("Ann Example (@annex) · Feb 20, 2024", None, None),
            ("Ann Example\n@annex\nFeb 20, 2024", None, None),
            (
                "The hub\nSource: https://x.com/annex/status/1\nAnn Example (@annex) · Feb 20, 2024",
                Some("The hub"),
                Some("https://x.com/annex/status/1"),
            ),
        ] {
            let text = format!("{above}{posts}");
            assert!(
                opens_with_attribution(&chrome::content_lines(&text)),
                "{above}"
            );
            let r = read(&text);
            let author = r.author.clone().unwrap_or_else(|| panic!("{above}"));
            assert_eq!(
                (author.name.as_str(), author.handle.as_deref()),
                ("Ann Example", Some("annex"))
            );
            assert_eq!(r.date.as_deref(), Some("Feb 20, 2024"), "{above}");
            assert_eq!((r.title.as_deref(), r.source.as_deref()), (title, source));
            let texts: Vec<_> = r.threads[0].posts.iter().map(|p| &*p.text).collect();
            assert_eq!(texts, ["The hub opens Monday.", "The desk moved upstairs."]);
        }
        // Undated: the name above the handle alone, under the site's name (left out, said,
        // where a title stands too), the date in a closing "Published" line.
        let text = format!("Scribe\nThe hub\nAnn Example\n@annex{posts}Published Feb 20, 2024\n");
        let r = read(&text);
        let author = r.author.clone().expect("the name above the handle");
        assert_eq!(author.handle.as_deref(), Some("annex"));
        assert_eq!(r.date.as_deref(), Some("Feb 20, 2024"));
        let texts: Vec<_> = r.threads[0].posts.iter().map(|p| &*p.text).collect();
        assert_eq!(texts, ["The hub opens Monday.", "The desk moved upstairs."]);
        assert_eq!(r.title.as_deref(), Some("The hub"));
        let said = "1 line above the header (the site's menu or the page's title) left out";
        assert_eq!(r.warnings, [said]);
        // One word alone above is the title, not a site's name: never lost.
        let r = read(&format!(
            "Housing\nAnn Example (@annex) · Feb 20, 2024{posts}"
        ));
        assert_eq!(r.title.as_deref(), Some("Housing"));
        assert!(r.warnings.is_empty(), "{:?}", r.warnings);
        // No date, a byline, a sentence, a sentence above, or nothing after: no header; nor
        // a name above a handle with no closing "Published" line (a note about someone).
        for above in [
            "Ann Example (@annex)",
            "Ann Example\n@annex",
            "By Ann Example (@annex) · Feb 20, 2024",
            "Thanks to Bo Chen (@bochen) · Feb 20, 2024",
            "We met at last.\nAnn Example (@annex) · Feb 20, 2024",
        ] {
            let text = format!("{above}{posts}");
            assert!(
                !opens_with_attribution(&chrome::content_lines(&text)),
                "{above}"
            );
        }
        let alone = ["Ann Example (@annex) · Feb 20, 2024", "", "One post."];
        assert!(!opens_with_attribution(&alone));
    }

    #[test]
    fn a_name_and_handle_above_post_one_are_its_header_in_any_layout() {
        let posts = "\n\n1/ Ash dieback is everywhere.\n\n2/ Alder does well.\n";
        for (above, date) in [
            ("Gwen Pritchard @gwen_f", None),
            (
                "Gwen Pritchard @gwen_f · Jan 20, 2025",
                Some("Jan 20, 2025"),
            ),
            (
                "Gwen Pritchard\n@gwen_f\nJan 20, 2025",
                Some("Jan 20, 2025"),
            ),
            ("Thread by Gwen Pritchard (@gwen_f)", None),
            (
                "Faden von Gwen Pritchard (@gwen_f), 8. Mai 2024",
                Some("8. Mai 2024"),
            ),
            (
                "Thread by Gwen Pritchard (@gwen_f)\nPublished on November 7, 2023",
                Some("November 7, 2023"),
            ),
            (
                "Kurzer Thread von Gwen Pritchard (@gwen_f), 7. März 2024",
                Some("7. März 2024"),
            ),
            (
                "Saved from X, by Gwen Pritchard (@gwen_f), 19 Jan 2024",
                Some("19 Jan 2024"),
            ),
            (
                "Thread: ash and alder\n\nGwen Pritchard (@gwen_f), 19 Jan 2024",
                Some("19 Jan 2024"),
            ),
            (
                "Thread: ash and alder\nGwen Pritchard @gwen_f\nJan 20, 2025",
                Some("Jan 20, 2025"),
            ),
        ] {
            let r = read(&format!("{above}{posts}"));
            let author = r.author.clone().unwrap_or_else(|| panic!("{above}"));
            assert_eq!(
                (author.name.as_str(), author.handle.as_deref()),
                ("Gwen Pritchard", Some("gwen_f")),
                "{above}"
            );
            assert_eq!(r.date.as_deref(), date, "{above}");
            let labels: Vec<_> = r.threads[0]
                .posts
                .iter()
                .map(|p| p.label.as_deref())
                .collect();
            assert_eq!(labels, [Some("1/"), Some("2/")], "{above}");
            let titled = above
                .starts_with("Thread:")
                .then_some("Thread: ash and alder");
            assert_eq!(r.title.as_deref(), titled, "{above}");
        }
        // A header written as links, its date a link too, as a clipper saves it.
        let text = "[Ann Example](https://u.example/ann) [@annex](https://x.com/annex)\n[Aug 20, 2024](https://x.com/annex/status/1) · 2 tweets · 1 min read · [Read on X](https://x.com/annex/status/1)\nOne.\nTwo.\n";
        assert!(has_header(&text.lines().collect::<Vec<_>>()));
        let r = read(text);
        assert_eq!(r.date.as_deref(), Some("Aug 20, 2024"));
        assert_eq!(r.threads[0].declared_count, Some(2));
    }

    #[test]
    fn an_unrollers_title_line_names_the_handle_above_numbered_posts_or_paragraphs() {
        for (text, labels) in [
            (
                "Thread by @gwen_f\n\n1/ Ash dieback is everywhere.\n\n2/ Alder does well.\n",
                [Some("1/"), Some("2/")],
            ),
            (
                "Thread by @gwen_f on Thread Reader App\n\nAsh dieback is everywhere.\n\nAlder does well.\n",
                [None, None],
            ),
        ] {
            let r = read(text);
            assert_eq!(r.author, Some(Author::from_handle("gwen_f")), "{text}");
            let posts = &r.threads[0].posts;
            let read: Vec<_> = posts.iter().map(|p| p.label.as_deref()).collect();
            assert_eq!(read, labels, "{text}");
            assert!(posts.iter().all(|p| p.mentions.is_empty()), "{text}");
        }
        // Written as unrollers and clippers vary it, or as a Markdown heading.
        for (title, date) in [
            ("Thread by @gwen_f:", None),
            ("Thread by @gwen_f.", None),
            ("Thread by @gwen_f on Thread Reader App.", None),
            ("🧵 Thread by @gwen_f", None),
            ("thread by @gwen_f", None),
            ("# Thread by @gwen_f", None),
            ("Thread by @gwen_f · Mar 3, 2024", Some("Mar 3, 2024")),
            ("Thread by @gwen_f (Mar 3, 2024)", Some("Mar 3, 2024")),
            ("A thread by @gwen_f on Bluesky", None),
        ] {
            let r = read(&format!("{title}\n\n1/ Ash.\n\n2/ Alder.\n\n3/ Lime.\n"));
            assert_eq!(r.author, Some(Author::from_handle("gwen_f")), "{title}");
            assert_eq!(r.date.as_deref(), date, "{title}");
            assert_eq!(r.threads[0].posts.len(), 3, "{title}");
        }
        // Bluesky's and the fediverse's handles, kept as their readers keep them.
        for (title, handle) in [
            ("Thread by @gwen.bsky.social on Bluesky", "gwen.bsky.social"),
            ("Thread by @gwen@toot.example", "gwen@toot.example"),
            ("Thread by @gwen.bsky.social.", "gwen.bsky.social"),
        ] {
            let r = read(&format!("{title}\n\n1/ Ash.\n\n2/ Alder.\n\n3/ Lime.\n"));
            assert_eq!(r.author, Some(Author::from_handle(handle)), "{title}");
            let posts = &r.threads[0].posts;
            assert!(posts.iter().all(|p| p.mentions.is_empty()), "{title}");
        }
        // A thread that starts by naming someone else's thread is not theirs, nor is a
        // sentence that runs on, a topic or what is not a date after the handle.
        for text in [
            "Thread by @gwen_f is worth reading.\n\n1/ It is.\n\n2/ Alder.\n",
            "Thread by @gwen_f\nis worth reading.\n\nIt is.\n\nAlder.\n",
            "Thread by @gwen_f · my notes\n\n1/ It is.\n\n2/ Alder.\n\n3/ Lime.\n",
            "Thread by @gwen_f on ash dieback\n\nIt is.\n\nAlder.\n",
            "Thread by @gwen_f on ash dieback is worth reading.\n\nIt is.\n\nAlder.\n",
        ] {
            assert_eq!(read(text).author, None, "{text}");
        }
    }

    #[test]
    fn a_markdown_heading_alone_above_post_one_is_the_title() {
        let r =
            read("# Ash dieback ##\n\n1/ It is everywhere.\n\n2/ Alder does well.\n\n3/ Lime.\n");
        assert_eq!(r.title.as_deref(), Some("Ash dieback"));
        let texts: Vec<&str> = r.threads[0].posts.iter().map(|p| &*p.text).collect();
        assert_eq!(
            texts,
            ["1/ It is everywhere.", "2/ Alder does well.", "3/ Lime."]
        );
        // A hashtag opening the thread is no heading.
        let r = read("#AshDieback\n\n1/ It is everywhere.\n\n2/ Alder.\n\n3/ Lime.\n");
        assert_eq!(r.title, None);
    }

    #[test]
    fn lines_above_post_one_that_name_no_author_stay_the_threads() {
        for above in [
            "Congrats @ann",
            "We met at the pier.\nGwen Pritchard @gwen_f",
        ] {
            let r = read(&format!("{above}\n\n1/ It is.\n\n2/ Alder does well.\n"));
            assert_eq!(r.author, None, "{above}");
            let first = above.lines().next().unwrap();
            assert!(r.threads[0].posts[0].text.starts_with(first), "{above}");
        }
        // Under a header that dated the thread, the lines above post 1 are its intro.
        let text = "Mar 7, 2024 · 2 tweets · 2 min read\nWhy the ferry matters to us\nand to everyone on the island\n\n1/ It is.\n\n2/ Alder does well.\n";
        let r = read(text);
        let first = &r.threads[0].posts[0].text;
        assert!(first.starts_with("Why the ferry"), "{first:?}");
    }

    #[test]
    fn a_title_and_date_above_post_one_are_the_pages() {
        let r = read("Ash dieback\nJan 20, 2025\n\n1/ It is everywhere.\n\n2/ Alder does well.\n");
        assert_eq!(
            (r.title.as_deref(), r.date.as_deref()),
            (Some("Ash dieback"), Some("Jan 20, 2025"))
        );
        let labels: Vec<_> = r.threads[0]
            .posts
            .iter()
            .map(|p| p.label.as_deref())
            .collect();
        assert_eq!(labels, [Some("1/"), Some("2/")]);
        // Two lines of words above post 1 are the thread's own: nothing is taken.
        let r = read("Ash dieback\nis everywhere\n\n1/ It is.\n\n2/ Alder does well.\n");
        assert_eq!((r.title, r.date), (None, None));
        assert!(r.threads[0].posts[0].text.starts_with("Ash dieback"));
    }

    #[test]
    fn a_first_post_naming_someone_is_no_header_without_a_count() {
        let text = "Thanks to @bob\nOne. 1/\nTwo. 2/\nThree. 3/\n";
        let r = read(text);
        assert_eq!(r.author, None);
        assert_eq!(r.warnings, ["no author found in the header"]);
        assert!(r.threads[0].posts[0].text.starts_with("Thanks to @bob"));
    }

    #[test]
    fn more_from_the_author_are_threads_of_their_own() {
        let text = "Ann Example @annex\nMay 3, 2023 · 2 tweets · 1 min read\nOne. 1/\nTwo. 2/2\n\n• • •\n\nMissing some Tweet in this thread?\n\nMore from @annex\n\nAnn Example Profile picture\nAnn Example\n@annex\nJun 22\nAnother thread opens here. 1/\nAnd goes on. 2/\nRead 10 tweets\n\nJun 30\nA third thread.\nRead 4 tweets\n";
        let r = read(text);
        let texts: Vec<Vec<&str>> = (r.threads.iter())
            .map(|t| t.posts.iter().map(|p| &*p.text).collect())
            .collect();
        assert_eq!(
            texts,
            [
                vec!["One. 1/", "Two. 2/2"],
                vec!["Another thread opens here. 1/", "And goes on. 2/"],
                vec!["A third thread."],
            ]
        );
        assert_eq!(r.threads[1].title.as_deref(), Some("More from @annex"));
        assert_eq!(r.threads[1].declared_count, Some(10));
        assert_eq!(r.threads[2].declared_count, Some(4));
        assert_eq!(r.threads[0].declared_count, Some(2));
        // Written with Markdown's links in a page read as text: the avatar a link to the
        // profile, the date a link to the thread; both introduce the excerpt.
        let clipped = text.replace(
            "Ann Example Profile picture\nAnn Example\n@annex\nJun 22\n",
            "[![Ann Example Profile picture](https://pic.example/a.jpg)](https://u.example/annex)\n\n[Jun 22](https://u.example/thread/2)\n\n",
        );
        let r = read(&clipped);
        let first = &r.threads[1].posts[0];
        assert_eq!(
            (&*first.text, first.media),
            ("Another thread opens here. 1/", false)
        );
    }

    #[test]
    fn a_raw_dumps_fragments_mark_where_posts_begin() {
        let text = "Ann Example @annex\n3 tweets\nthread#showTweet\" data-screenname=\"annex\" data-tweet=\"11\">\nA first post\nthat runs on.\nthread#showTweet\" data-screenname=\"annex\" data-tweet=\"12\">\nA second.\nthread#showTweet\" data-screenname=\"annex\" data-tweet=\"13\">\nA third.\n";
        let r = read(text);
        let texts: Vec<&str> = r.threads[0].posts.iter().map(|p| &*p.text).collect();
        assert_eq!(
            texts,
            ["A first post\nthat runs on.", "A second.", "A third."]
        );
        assert!(!is_post_fragment("She said \"data-tweet\" is a word."));
    }

    #[test]
    fn a_more_from_line_without_excerpts_is_text() {
        let text = "1/ One.\n\n2/ Two.\n\nMore from @annex below\n\nMore from @annex\n\n3/ Three.\n\n4/4 Four.\n";
        assert_eq!(read(text).threads[0].posts.len(), 4);
    }

    #[test]
    fn an_attribution_over_lines_is_a_name_a_handle_and_a_date() {
        let three = ["Ann Example", "@ann_ex", "May 1, 2024"];
        assert_eq!(
            attribution(&three).and_then(|a| a.date).as_deref(),
            Some("May 1, 2024")
        );
        // A post between two headers is no part of the first: nothing but its date follows
        // the handle's line.
        let header = "Ann Example @ann_ex · May 1, 2024";
        assert!(attribution(&[header, "One, the first. 1/2", header]).is_none());
        let page = format!("{header}\n\nOne, the first. 1/2\n\n{header}\n\nTwo. 2/2\n");
        let reading = read(&page);
        let first = &reading.threads[0].posts[0];
        assert_eq!(&*first.text, "One, the first. 1/2");
    }

    #[test]
    fn attributions_in_the_words_people_write_them() {
        let posts = "\n\n1/ Die Pünktlichkeit lag bei 62 %.\n\n2/ Das Netz.\n\n3/3 Ende.\n";
        let author = |top: &str| {
            let reading = read(&format!("{top}{posts}"));
            let first = reading.threads[0].posts[0].text.to_string();
            (
                reading
                    .author
                    .map(|a| (a.name, a.handle.unwrap_or_default())),
                first,
            )
        };
        for (top, name, handle) in [
            ("Thread by Jonas Weber (@jweber):", "Jonas Weber", "jweber"),
            (
                "Kurzer Thread von Jonas Weber (@jweber) zur Lage bei der Bahn:",
                "Jonas Weber",
                "jweber",
            ),
            ("Kurzer Thread von @jweber:", "@jweber", "jweber"),
            // A name written without case is one word.
            (
                "佐藤ゆかり @yukari_sato · Jun 12, 2024",
                "佐藤ゆかり",
                "yukari_sato",
            ),
        ] {
            let (found, first) = author(top);
            assert_eq!(found, Some((name.to_string(), handle.to_string())), "{top}");
            assert!(first.starts_with("1/ "), "{top}: {first}");
        }
        // Sentences that name someone else's thread name no author of this one.
        for top in [
            "Congrats @jweber",
            "Thanks to Bo Lee (@bolee) for this:",
            "A thread by Jo Bloggs (@jobloggs) got me thinking, so here is mine:",
            "Loved this thread by @jobloggs:",
            "ありがとう @yukari_sato",
        ] {
            assert_eq!(author(top).0, None, "{top}");
        }
        // A topic and a date under the handle's line; a series title numbered as a part.
        let reading = read(&format!(
            "Ann Example (@ann_ex)\non the review · 12 March 2024{posts}"
        ));
        assert_eq!(reading.date.as_deref(), Some("12 March 2024"));
        let reading = read(&format!(
            "Housing, part 1/2\n\nAnn Example (@ann_ex) · 12 March 2024{posts}"
        ));
        assert_eq!(reading.title.as_deref(), Some("Housing, part 1/2"));
        assert_eq!(
            reading.author.map(|a| a.name).as_deref(),
            Some("Ann Example")
        );
        // A title and the address it was copied from above the attribution.
        let top = "# Thread: why we scrapped homework\n\nSource: https://x.com/dan_ok/status/1\n\nDan Okafor @dan_ok · Nov 30, 2023";
        let reading = read(&format!("{top}{posts}"));
        assert_eq!(
            reading.title.as_deref(),
            Some("Thread: why we scrapped homework")
        );
        assert_eq!(
            reading.source.as_deref(),
            Some("https://x.com/dan_ok/status/1")
        );
        assert_eq!(reading.date.as_deref(), Some("Nov 30, 2023"));
        assert!(reading.threads[0].posts[0].text.starts_with("1/ "));
        // "Thread by" says whose paragraphs follow, numbered or not.
        let reading = read("Thread by Sofia Lind (@slind)\n\nOne point, made.\n\nAnother, made.\n");
        assert_eq!(
            reading.author.map(|a| a.name).as_deref(),
            Some("Sofia Lind")
        );
        assert_eq!(reading.threads[0].posts.len(), 2);
    }

    #[test]
    fn a_numbered_line_above_an_attribution_is_a_post_not_a_title() {
        let page = "Notes from the day. 1/3\n\nAnn Example @ann_ex · May 1, 2024\n\nTwo. 2/3\n\nThree. 3/3\n";
        let reading = read(page);
        assert_eq!(reading.title, None);
        let texts: Vec<&str> = (reading.threads[0].posts.iter())
            .map(|p| &*p.text)
            .collect();
        assert_eq!(texts[0], "Notes from the day. 1/3", "{texts:?}");
    }

    #[test]
    fn header_handle_line_is_kept() {
        let text = "Ann Example Profile picture\n@annex\n2 tweets\nOne. 1/\nTwo. 2/2\n";
        let author = read(text).author.unwrap();
        assert_eq!(author.handle.as_deref(), Some("annex"));
    }

    proptest::proptest! {
        /// A handle is up to 15 word characters, in any script, as the bounded patterns said.
        #[test]
        fn handles_are_those_of_the_bounded_patterns(
            handle in "[a-zA-Z0-9_ëжß٣.\\- ]{0,18}",
            dot in proptest::bool::ANY,
        ) {
            static BOUNDED: LazyLock<[Regex; 2]> = LazyLock::new(|| {
                [r"^@(?P<handle>\w{1,15})$", r"^You can follow @(?P<handle>\w{1,15})\.?$"]
                    .map(|p| Regex::new(p).unwrap())
            });
            let handle_of = |c: regex::Captures| c["handle"].to_string();
            let line = format!("@{handle}");
            proptest::prop_assert_eq!(
                with_handle(&HANDLE, &line).map(handle_of),
                BOUNDED[0].captures(&line).map(handle_of)
            );
            let line = format!("You can follow @{handle}{}", if dot { "." } else { "" });
            proptest::prop_assert_eq!(
                with_handle(&FOLLOW, &line).map(handle_of),
                BOUNDED[1].captures(&line).map(handle_of)
            );
        }
    }

    #[test]
    fn footer_names_the_author_when_the_header_does_not() {
        let text = "First post.\nSecond post.\nYou can follow @someone.\nTip: mention @bot\n";
        let r = read(text);
        assert_eq!(r.author, Some(Author::from_handle("someone")));
        let texts: Vec<_> = r.threads[0].posts.iter().map(|p| &*p.text).collect();
        assert_eq!(texts, ["First post.\nSecond post."]);
    }

    #[test]
    fn opening_lines_before_the_first_marker_join_post_one() {
        let text = "May 23 20 tweets 1 min read\nIntro 🧵\n\nFirst. 1/\nSecond. 2/\n";
        let posts = &read(text).threads[0].posts;
        assert_eq!(&*posts[0].text, "Intro 🧵\n\nFirst. 1/");
        assert_eq!(posts[1].label.as_deref(), Some("2/"));
    }

    #[test]
    fn a_marker_may_close_a_post_in_mid_sentence() {
        let text = "One. 1/\nLine.\n\nThe most ambitious is to 2/\nthe wider world. 3/3\n";
        let posts = &read(text).threads[0].posts;
        assert_eq!(&*posts[1].text, "Line.\n\nThe most ambitious is to 2/");
        assert_eq!(&*posts[2].text, "the wider world. 3/3");
    }
}
