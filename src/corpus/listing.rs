//! Listing pages ("Discover and read the best of Twitter Threads about #CareReview"): the
//! openings of several threads, each closed by "Read N tweets", its declared length.

use super::{Kind, Reading, Thread, chrome, segment};
use regex::Regex;
use std::sync::LazyLock;

static READ_MORE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^Read (\d+) (?:tweets?|posts?)$").unwrap());

/// How many opening posts a listing shows of each thread (Thread Reader App shows three).
/// Used only as the preferred count where markers are missing and the lines allow it.
const PREVIEW_POSTS: u32 = 3;

/// The declared count of a "Read N tweets" line.
pub fn read_more(line: &str) -> Option<u32> {
    // Asked of every line of every page: the pattern's opening word rules out nearly all.
    let line = line.trim();
    line.starts_with("Read ")
        .then(|| READ_MORE.captures(line)?[1].parse().ok())
        .flatten()
}

/// A page heading: short, and not a sentence.
fn is_heading(line: &str) -> bool {
    let line = line.trim();
    !line.is_empty() && line.chars().count() <= 120 && !line.ends_with(['.', '!', '?', '…', ':'])
}

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

/// One excerpt's lines as a thread of its opening posts, `declared` long.
pub(super) fn excerpt(lines: &[&str], declared: Option<u32>) -> Thread {
    let shown = declared.map(|d| d.min(PREVIEW_POSTS) as usize);
    Thread::new(segment::posts(lines, shown), declared)
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
    fn a_page_without_heading_has_no_title() {
        let r = read("A whole sentence of post text.\nRead 5 tweets\n");
        assert_eq!(r.title, None);
        assert_eq!(r.threads[0].posts.len(), 1);
    }

    #[test]
    fn read_more_accepts_posts_too() {
        assert_eq!(read_more("Read 12 posts"), Some(12));
        assert_eq!(read_more("Read the 12 tweets"), None);
    }
}
