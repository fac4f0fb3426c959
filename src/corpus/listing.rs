//! Listing pages ("Discover and read the best of Twitter Threads about #CareReview"): the
//! openings of several threads, each closed by "Read N tweets", its declared length.

use super::{Author, Kind, Post, Reading, Thread, chrome, numbering, segment, unroll};
use regex::Regex;
use std::sync::LazyLock;

static READ_MORE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^Read (\d+) (?:tweets?|posts?)$").unwrap());

/// How many opening posts a listing shows of each thread (Thread Reader App shows three).
/// Used only as the preferred count where markers are missing and the lines allow it.
const PREVIEW_POSTS: u32 = 3;

/// The declared count of a "Read N tweets" line, or of a Markdown link so named.
pub fn read_more(line: &str) -> Option<u32> {
    // Asked of every line of every page: the pattern's opening word rules out nearly all.
    let line = line.trim();
    let line = match line.strip_prefix("[Read ") {
        Some(_) if line.ends_with(')') => line[1..].split_once("](").map_or(line, |(text, _)| text),
        _ => line,
    };
    line.starts_with("Read ")
        .then(|| READ_MORE.captures(line)?[1].parse().ok())
        .flatten()
}

/// A page heading: short, and not a sentence.
fn is_heading(line: &str) -> bool {
    let line = line.trim();
    !line.is_empty() && line.chars().count() <= 120 && !line.ends_with(['.', '!', '?', '…', ':'])
}

/// How many filled lines at the top of a listing may stand above its first excerpt's
/// introduction: the site's name, its menu, the page's heading.
const HEAD_LINES: usize = 10;

/// Reads a listing page: its heading as title, then one thread per excerpt.
pub fn read(text: &str) -> Reading {
    let lines = chrome::content_lines(text);
    let mut reading = Reading::new(Kind::Listing);
    let mut body: &[&str] = &lines;
    let first = body.iter().position(|l| !l.trim().is_empty());
    if let Some(i) = first.filter(|&i| is_heading(body[i]) && read_more(body[i]).is_none()) {
        let next_is_gap = body.get(i + 1).is_none_or(|l| l.trim().is_empty());
        if next_is_gap {
            reading.title = Some(body[i].trim().to_string());
            body = &body[i + 1..];
        }
    }
    take_head(&mut body, &mut reading);
    let mut start = 0;
    for (i, line) in body.iter().enumerate() {
        if let Some(declared) = read_more(line) {
            reading
                .threads
                .push(excerpt(&body[start..i], Some(declared)));
            start = i + 1;
        }
    }
    // Lines after the last "Read N tweets" (rare: chrome usually ends the page) are kept.
    if body[start..].iter().any(|l| !l.trim().is_empty()) {
        reading.threads.push(excerpt(&body[start..], None));
    }
    reading
}

/// Where the first excerpt is introduced by its author ("Ann Example", "@ann", "Oct 14")
/// under a few short lines, takes those lines off `body`: the last that reads as a heading
/// is the page's title (unless it has one), the others are the site's name and menu, left
/// out and said.
fn take_head(body: &mut &[&str], reading: &mut Reading) {
    let first_read_more = body.iter().position(|l| read_more(l).is_some());
    let first_excerpt = &body[..first_read_more.unwrap_or(body.len())];
    // A page of one author's threads may show their profile (name, handle, a line or two
    // about them) among its head's lines: looked past.
    let within = HEAD_LINES + 2 + PROFILE_LINES + 1;
    let Some(at) = unroll::introduction_at(first_excerpt, within) else {
        return;
    };
    let filled: Vec<&str> = (body[..at].iter())
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .collect();
    // The author the first excerpt's introduction names, read once.
    let author = unroll::introduction(&first_excerpt[at..]).map(|(_, author)| author);
    let own = (author.as_ref()).and_then(|a| Some(format!("@{}", a.handle.as_deref()?)));
    let profile = author
        .as_ref()
        .zip(own.as_deref())
        .and_then(|(a, own)| profile_in(&filled, a, own));
    let head: Vec<&str> = (filled.iter().enumerate())
        .filter(|(i, _)| !profile.as_ref().is_some_and(|p| p.contains(i)))
        .map(|(_, l)| *l)
        .collect();
    if head.len() > HEAD_LINES || !head.iter().all(|l| is_heading(l)) {
        return;
    }
    if let Some(profile) = &profile {
        let lines = crate::present::plural(profile.len(), "line");
        (reading.warnings).push(format!(
            "the author's profile above the first thread ({lines}) left out"
        ));
    }
    let mut left_out = head.len();
    if reading.title.is_none() {
        // The heading that names the author's threads ("Threads by @ann"), else the last.
        let names = |l: &&&str| {
            let line = unroll::plain(l);
            own.as_deref().is_some_and(|h| {
                (line.match_indices(h)).any(|(at, _)| {
                    let after = line[at + h.len()..].chars().next();
                    after.is_none_or(|c| !(c.is_alphanumeric() || c == '_'))
                })
            })
        };
        let headings = || head.iter().filter(|l| !l.contains('|'));
        if let Some(title) = headings().find(names).or_else(|| headings().next_back()) {
            reading.title = Some(unroll::plain(title).to_string());
            left_out -= 1;
        }
    }
    if left_out > 0 {
        let lines = crate::present::plural(left_out, "line");
        (reading.warnings).push(format!(
            "{lines} above the first thread (the site's name and menu) left out"
        ));
    }
    *body = &body[at..];
}

/// The most filled lines an author's profile holds after their name and handle.
const PROFILE_LINES: usize = 3;

/// Which of the `filled` lines above the first excerpt's introduction, which names
/// `author` (`own`: their handle with its "@"), are the author's profile: their handle on a
/// line of its own, perhaps under their name (or both on one line), then at most
/// [`PROFILE_LINES`] lines about them that are not headings.
fn profile_in(filled: &[&str], author: &Author, own: &str) -> Option<std::ops::Range<usize>> {
    let both = format!("{} {own}", author.name);
    let at = (filled.iter()).position(|l| unroll::plain(l) == own || unroll::plain(l) == both)?;
    let named = at > 0 && unroll::plain(filled[at - 1]) == author.name;
    let about = (filled[at + 1..].iter().take(PROFILE_LINES))
        .take_while(|l| !is_heading(l))
        .count();
    Some(if named { at - 1 } else { at }..at + 1 + about)
}

/// One excerpt's lines as a thread of its opening posts, `declared` long, by the author its
/// introduction names.
pub(super) fn excerpt(lines: &[&str], declared: Option<u32>) -> Thread {
    let mut lines = lines;
    let author = unroll::take_introduction(&mut lines);
    let shown = declared.map(|d| d.min(PREVIEW_POSTS) as usize);
    let mut posts = segment::posts(lines, shown);
    // An excerpt opens its thread: a "1/" opening it is the first post's number, though one
    // marker alone is too few for the numbering to be told from the text.
    if let Some(first) = posts.first_mut().filter(|p| p.label.is_none()) {
        let opening = first.text.lines().next().unwrap_or("");
        if let Some(marker) = numbering::opening_number(opening).filter(|m| m.number == 1) {
            *first = Post::new(first.text.to_string(), Some(marker), first.media);
        }
    }
    let mut thread = Thread::new(posts, declared);
    thread.author = author;
    thread
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_read_more_line_closes_an_excerpt() {
        let text = "Threads about #Topic\n\nOne.\nTwo.\nRead 2 tweets\nThree. 1/\nFour. 2/\nRead 9 tweets\n";
        let r = read(text);
        assert_eq!(r.title.as_deref(), Some("Threads about #Topic"));
        assert_eq!(r.threads.len(), 2);
        assert_eq!(r.threads[0].declared_count, Some(2));
        assert_eq!(
            r.threads[0].posts.len(),
            2,
            "the preview count splits short lines"
        );
        assert_eq!(r.threads[1].posts[1].label.as_deref(), Some("2/"));
    }

    #[test]
    fn each_excerpts_introduction_names_its_author() {
        let text = "Site\nHelp | About\nThreads about #Topic\nAnn Example\n@annex\nOct 14\nOne post.\nRead 4 tweets\nBo Li @boli\nOct 13\nAnother.\nRead 2 tweets\n@cy\nOct 12\nThird.\nRead 3 tweets\n";
        let r = read(text);
        assert_eq!(r.title.as_deref(), Some("Threads about #Topic"));
        let authors: Vec<_> = (r.threads.iter())
            .map(|t| {
                t.author
                    .as_ref()
                    .map(|a| (a.name.as_str(), a.handle.as_deref()))
            })
            .collect();
        assert_eq!(
            authors,
            [
                Some(("Ann Example", Some("annex"))),
                Some(("Bo Li", Some("boli"))),
                Some(("@cy", Some("cy")))
            ]
        );
        let texts: Vec<_> = (r.threads.iter())
            .map(|t| t.posts.iter().map(|p| &*p.text).collect::<Vec<_>>())
            .collect();
        assert_eq!(texts, [["One post."], ["Another."], ["Third."]]);
        let said = "2 lines above the first thread (the site's name and menu) left out";
        assert_eq!(r.warnings, [said]);
    }

    #[test]
    fn a_page_of_one_authors_threads_leaves_their_profile_out() {
        let threads = "Ann Example\n@annex\nOct 14\nOne post.\nRead 4 tweets\n\nAnn Example\n@annex\nOct 1\nTwo.\nRead 2 tweets\n";
        let profile = "Ann Example\n@annex\nCare researcher. Leeds. Views my own.\n\n";
        let menu = "Unroller\nHome\nHelp\nPricing\nAbout\n\n";
        let toggles = "Threads by @annex\nMost recent\nMost popular\n\n";
        for (page, menu_lines) in [
            (format!("{profile}{threads}"), None),
            (format!("{menu}{profile}{toggles}{threads}"), Some(7)),
        ] {
            let r = read(&page);
            let texts: Vec<_> = (r.threads.iter())
                .map(|t| t.posts.iter().map(|p| &*p.text).collect::<Vec<_>>())
                .collect();
            assert_eq!(texts, [["One post."], ["Two."]], "{page}");
            let by = |t: &Thread| t.author.as_ref().and_then(|a| a.handle.clone());
            assert!(r.threads.iter().all(|t| by(t).as_deref() == Some("annex")));
            let mut said =
                vec!["the author's profile above the first thread (3 lines) left out".to_string()];
            if let Some(n) = menu_lines {
                // The heading naming the author's threads is the title, not the last line.
                assert_eq!(r.title.as_deref(), Some("Threads by @annex"));
                said.push(format!(
                    "{n} lines above the first thread (the site's name and menu) left out"
                ));
            }
            assert_eq!(r.warnings, said, "{page}");
        }
    }

    #[test]
    fn an_excerpt_opening_with_its_own_words_keeps_them() {
        // A sentence above a handle is the post's; a name with no handle is a post's line.
        for text in [
            "Thanks to the team.\n@annex\nRead 2 tweets\n",
            "Ann Example\nOne post.\nRead 2 tweets\n",
            // A handle or a date alone, a greeting: the excerpt's words, with no date under.
            "Huge thanks to\n@annex\nfor the photos.\nRead 2 tweets\n",
            "@CalMac\nwhy is the timetable wrong?\nRead 2 tweets\n",
            "Nov 2\nwas the last day on time.\nRead 2 tweets\n",
            "Congrats @annex\non the report\nRead 2 tweets\n",
        ] {
            let r = read(text);
            assert_eq!(r.threads[0].author, None, "{text}");
            let first = r.threads[0].posts[0].text.lines().next().unwrap();
            assert_eq!(first, text.lines().next().unwrap());
            assert!(r.warnings.is_empty());
        }
    }

    #[test]
    fn a_page_without_heading_has_no_title() {
        let r = read("A whole sentence of post text.\nRead 5 tweets\n");
        assert_eq!(r.title, None);
        assert_eq!(r.threads[0].posts.len(), 1);
    }

    #[test]
    fn read_more_accepts_posts_too() {
        assert_eq!(read_more("Read 12 posts"), Some(12));
        assert_eq!(read_more("Read the 12 tweets"), None);
        // As a clipper saves the page: the line is a link.
        assert_eq!(
            read_more("[Read 7 tweets](https://example.org/t/1)"),
            Some(7)
        );
        assert_eq!(
            read_more("[Read 7 tweets](https://example.org/t/1) now"),
            None
        );
    }
}
