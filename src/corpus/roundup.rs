//! Round-ups: a page that gathers several threads (a newsletter's "threads of the week", a
//! blog's collection), each under a line of its own saying who wrote it, "Ann Example
//! (@ann) · Mar 4, 2024" or "Thread by @ann", above its post numbered 1. The page is a
//! listing of them: each thread is read as the unroll it is, titled by a heading set
//! directly above its attribution ("2. A care leaver's view"). What the page says before
//! the first thread and after each thread's last numbered post is the page's own (its
//! introduction, the editor's notes, its sign-off): left out, and said.

use super::unroll::{self, ATTRIBUTION_LINES};
use super::{Kind, Reading, chrome, numbering};
use aho_corasick::AhoCorasick;
use std::sync::LazyLock;

/// The fewest threads that make a round-up: one under its attribution is an unroll page.
const MIN_THREADS: usize = 2;

/// Where one thread of a round-up starts, as places in the page's lines.
struct Start {
    /// A heading set directly above the attribution: the thread's title.
    title: Option<usize>,
    /// The attribution's first line.
    attribution: usize,
}

impl Start {
    /// The first line of the page that is this thread's.
    fn first_line(&self) -> usize {
        self.title.unwrap_or(self.attribution)
    }
}

/// Whether a page's text (or a Markdown page's source) is a round-up.
pub fn is_roundup(text: &str) -> bool {
    may_be_roundup(text) && threads(&chrome::content_lines(text)).is_some()
}

/// Where a round-up's threads start among its lines, if the page is one: two threads at
/// least, each numbered over two posts or more (a thread quoting another's first post, "Bo
/// wrote: 1/ …", is one thread that goes on), under no article's byline (an article
/// quoting threads is the article).
fn threads(lines: &[&str]) -> Option<Vec<Start>> {
    let starts = starts(lines);
    let first = starts.first()?.first_line();
    let numbered = |n: usize| {
        let end = starts.get(n + 1).map_or(lines.len(), Start::first_line);
        let section = &lines[starts[n].attribution..end];
        section
            .iter()
            .filter(|l| numbering::leading(l).is_some())
            .count()
            >= 2
    };
    let bylined = lines[..first]
        .iter()
        .any(|l| super::article::is_by_line(l.trim()));
    (starts.len() >= MIN_THREADS && (0..starts.len()).all(numbered) && !bylined).then_some(starts)
}

/// Whether at least two lines open a post numbered 1 a few lines under a handle, and no
/// excerpt is closed by "Read N tweets" (a listing's, or an unroll page's "More from"
/// section: their readers read them). Asked of every page, and cheap: one search finds
/// the lines that open with a 1, and only the lines above those are looked at.
fn may_be_roundup(text: &str) -> bool {
    /// How lines that may open a post numbered 1 start ("1/", "(1)", "[1/n]", "🧵 1/").
    static OPENINGS: LazyLock<AhoCorasick> =
        LazyLock::new(|| AhoCorasick::new(["\n1", "\n(1", "\n[1", "\n🧵"]).unwrap());
    let bytes = text.as_bytes();
    // (A line opening the text has nothing above it.)
    let starts = OPENINGS.find_iter(text).map(|m| m.start() + 1);
    let firsts = starts
        .filter(|&start| {
            let end = memchr::memchr(b'\n', &bytes[start..]).map_or(text.len(), |e| start + e);
            is_first_post(&text[start..end]) && handle_above(&text[..start])
        })
        .take(MIN_THREADS)
        .count();
    firsts == MIN_THREADS && !text.lines().any(|l| super::listing::read_more(l).is_some())
}

/// Whether one of the last lines of `above` holds an "@", as an attribution does.
fn handle_above(above: &str) -> bool {
    let lines = above.trim_end_matches('\n').rsplit('\n');
    lines.take(2 * ATTRIBUTION_LINES).any(|l| l.contains('@'))
}

fn is_first_post(line: &str) -> bool {
    // Asked of many lines: only one that opens with a 1 (perhaps after a bracket or 🧵)
    // is read for its marker.
    let opening = line.trim_start();
    let opening = opening.strip_prefix('🧵').map_or(opening, str::trim_start);
    let opening = opening.strip_prefix(['(', '[']).unwrap_or(opening);
    opening.starts_with('1') && numbering::leading(line).is_some_and(|m| m.number == 1)
}

/// Where the threads of a page start: at each post numbered 1 with an attribution above it
/// (on up to [`ATTRIBUTION_LINES`] filled lines, none of them an earlier thread's first).
fn starts(lines: &[&str]) -> Vec<Start> {
    let mut starts = Vec::new();
    // Lines up to an earlier thread's first post are that thread's.
    let mut floor = 0;
    for p in (0..lines.len()).filter(|&p| is_first_post(lines[p])) {
        let above: Vec<usize> = (floor..p)
            .rev()
            .filter(|&i| !lines[i].trim().is_empty())
            .take(ATTRIBUTION_LINES)
            .collect();
        // The most lines that read as one: a name above a handle above a date.
        let taken = (1..=above.len()).rev().find(|&k| {
            let attribution: Vec<&str> =
                above[..k].iter().rev().map(|&i| lines[i].trim()).collect();
            unroll::names_a_thread(&attribution)
        });
        let Some(k) = taken else {
            continue;
        };
        let attribution = above[k - 1];
        // A heading stands apart from what is above it: a line run on from a post is the
        // post's.
        let apart = |i: usize| i == 0 || lines[i - 1].trim().is_empty();
        let title = (attribution.checked_sub(1))
            .filter(|&i| i >= floor && !lines[i].trim().is_empty() && apart(i))
            .filter(|&i| unroll::is_title(lines[i].trim()) && !lines[i].contains('@'));
        starts.push(Start { title, attribution });
        floor = p + 1;
    }
    starts
}

/// Reads a round-up: a thread for each attribution above a post numbered 1; `None` if the
/// page has fewer than two.
pub fn read(text: &str) -> Option<Reading> {
    if !may_be_roundup(text) {
        return None;
    }
    let lines = chrome::content_lines(text);
    let starts = threads(&lines)?;
    let mut reading = Reading::new(Kind::Listing);
    let mut left_out = paragraphs(&lines[..starts[0].first_line()]);
    for (n, start) in starts.iter().enumerate() {
        let end = starts.get(n + 1).map_or(lines.len(), Start::first_line);
        let (own, after) = without_what_follows(&lines[start.attribution..end]);
        left_out += paragraphs(after);
        let read = unroll::read(&own.join("\n"));
        let at = reading.threads.len() + 1;
        (reading.warnings).extend(
            read.warnings
                .into_iter()
                .map(|w| format!("thread {at}: {w}")),
        );
        let mut threads = read.threads.into_iter();
        if let Some(mut thread) = threads.next() {
            thread.title = start.title.map(|i| lines[i].trim().to_string());
            reading.threads.push(thread);
        }
        reading.threads.extend(threads);
    }
    if left_out > 0 {
        let paragraphs = crate::present::plural(left_out, "paragraph");
        (reading.warnings).push(format!(
            "{paragraphs} of the page's own between its threads (introduction, notes, sign-off) left out"
        ));
    }
    Some(reading)
}

/// A thread's lines up to the end of the paragraph its last numbered post opens, and the
/// lines after: the page's words, when none of them is numbered (a post closed by its
/// number, "… 3/3", keeps them all).
fn without_what_follows<'a, 'l>(lines: &'l [&'a str]) -> (&'l [&'a str], &'l [&'a str]) {
    let Some(last) = lines.iter().rposition(|l| numbering::leading(l).is_some()) else {
        return (lines, &[]);
    };
    let end = (last..lines.len())
        .find(|&i| lines[i].trim().is_empty())
        .unwrap_or(lines.len());
    let after = &lines[end..];
    match after.iter().any(|l| numbering::trailing(l).is_some()) {
        true => (lines, &[]),
        false => lines.split_at(end),
    }
}

/// How many paragraphs (runs of filled lines) `lines` hold.
fn paragraphs(lines: &[&str]) -> usize {
    let filled = |i: usize| !lines[i].trim().is_empty();
    (0..lines.len())
        .filter(|&i| filled(i) && (i == 0 || !filled(i - 1)))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A newsletter as it is saved as text: its heading and introduction, two threads under
    /// their titles and attributions, the editor's link under each, and a sign-off.
    const NEWSLETTER: &str = "THREADS OF THE WEEK\n\nWelcome back. Both threads below are about the review.\n\n1. WHAT THE REVIEW GETS RIGHT\nOwen Price (@owenprice) · Mar 4, 2024\n\n1/ The review is better than I feared.\n\n2/ Kinship carers get paid leave.\n\nRead the full thread: https://x.com/owenprice/status/1\n\n2. A CARE LEAVER'S VIEW\nTash Bello (@tashbello) · Mar 5, 2024\n\n1/ I left care at 18.\n\n2/ Rights on paper mean nothing without housing.\n\nThat's it for this week.\n";

    #[test]
    fn each_attribution_above_a_first_post_starts_a_thread_of_its_own() {
        assert!(is_roundup(NEWSLETTER));
        let r = read(NEWSLETTER).unwrap();
        assert_eq!(r.kind, Kind::Listing);
        let threads: Vec<_> = (r.threads.iter())
            .map(|t| {
                let author = t
                    .author
                    .as_ref()
                    .map(|a| (a.name.as_str(), a.handle.as_deref()));
                let posts: Vec<&str> = t.posts.iter().map(|p| &*p.text).collect();
                (t.title.as_deref(), author, posts)
            })
            .collect();
        assert_eq!(
            threads,
            [
                (
                    Some("1. WHAT THE REVIEW GETS RIGHT"),
                    Some(("Owen Price", Some("owenprice"))),
                    vec![
                        "1/ The review is better than I feared.",
                        "2/ Kinship carers get paid leave."
                    ]
                ),
                (
                    Some("2. A CARE LEAVER'S VIEW"),
                    Some(("Tash Bello", Some("tashbello"))),
                    vec![
                        "1/ I left care at 18.",
                        "2/ Rights on paper mean nothing without housing."
                    ]
                ),
            ]
        );
        // The heading, the introduction and the sign-off; the link back to the thread is
        // furniture.
        let said = "3 paragraphs of the page's own between its threads (introduction, notes, sign-off) left out";
        assert_eq!(r.warnings, [said]);
    }

    #[test]
    fn attributions_written_in_markdown_and_on_lines_of_their_own_start_threads() {
        let text = "**Owen Price** ([@owenprice](https://x.com/owenprice)) · Mar 4, 2024\n\n1/ One.\n\n2/ Two.\n\nTash Bello\n@tashbello\nMar 5, 2024\n\n1/ Three.\n2/ Four.\n";
        let r = read(text).unwrap();
        let authors: Vec<_> = (r.threads.iter())
            .map(|t| t.author.as_ref().map(|a| a.name.as_str()))
            .collect();
        assert_eq!(authors, [Some("Owen Price"), Some("Tash Bello")]);
        assert_eq!(r.threads[1].posts[0].text.as_ref(), "1/ Three.");
        assert!(r.warnings.is_empty(), "{:?}", r.warnings);
        // A short last line of a post, run on into the next attribution, is the post's.
        let run_on = text.replace("2/ Two.\n\n", "2/ Two.\nAt last\n");
        let r = read(&run_on).unwrap();
        assert_eq!(r.threads[1].title, None);
        assert_eq!(r.threads[0].posts[1].text.as_ref(), "2/ Two.\nAt last");
    }

    #[test]
    fn one_thread_or_first_posts_without_attributions_are_no_round_up() {
        // One attributed thread is an unroll page.
        let one = "Owen Price (@owenprice) · Mar 4, 2024\n\n1/ One.\n\n2/ Two.\n";
        assert!(!is_roundup(one));
        // A sentence naming someone is no attribution, above lists that restart.
        let lists = "Thanks to Ann (@ann) for these.\n\n1. Ask.\n2. Wait.\n\nThanks to Bo (@bo) for these.\n\n1. Again.\n2. Later.\n";
        assert!(may_be_roundup(lists));
        assert!(!is_roundup(lists));
        assert!(read(lists).is_none());
        // A thread quoting another's first post goes on after it.
        let quoting = "Ann Example (@ann) · Mar 4, 2024\n\n1/ Bo wrote a thread:\n\nBo Li (@boli) · Feb 27, 2024\n1/ The review is out.\n\n2/ Mine again.\n\n3/ And again.\n";
        assert!(!is_roundup(quoting));
        // An article quoting two threads is the article.
        let article = "Ferry fares rise\nBy Morag Lindsay\n\nAnn Example (@ann) · Mar 4, 2024\n1/ One.\n2/ Two.\n\nBo Li (@boli) · Mar 5, 2024\n1/ Three.\n2/ Four.\n";
        assert!(!is_roundup(article));
        assert!(is_roundup(&article.replace("By Morag Lindsay\n", "")));
        // A byline above numbered paragraphs is an article's.
        let byline = "By Ann Example (@ann) · Mar 4, 2024\n\n1. One.\n\nBy Bo Li (@bo) · Mar 5, 2024\n\n1. Two.\n";
        assert!(!is_roundup(byline));
        // A listing's excerpts, under who wrote them, are the listing reader's.
        let listing = "Ann Example (@ann) · Mar 4, 2024\n1/ One.\n2/ Two.\nRead 4 tweets\n\nBo Li (@bo) · Mar 5, 2024\n1/ Three.\n2/ Four.\nRead 2 tweets\n";
        assert!(!is_roundup(listing));
        assert!(is_roundup(&listing.replace("Read ", "")));
    }

    #[test]
    fn a_post_closed_by_its_number_keeps_the_lines_under_the_last_opening_one() {
        let lines = ["1/ One.", "", "Two. 2/2", "", "Note."];
        assert_eq!(without_what_follows(&lines).0.len(), 5);
        let lines = ["1/ One.", "more of one", "", "Note.", "", "Sign-off."];
        let (own, after) = without_what_follows(&lines);
        assert_eq!((own.len(), paragraphs(after)), (2, 2));
    }
}
