//! Highlights exported from a read-later service (Readwise's template, and the tools that
//! copy it): a page of the passages kept from a thread, each a list item closed by a link to
//! the post it came from, `- text ([View Tweet](https://twitter.com/ann/status/1))`. Each
//! highlight is a post of the thread, by the account its links name. The items under a
//! highlight are the reader's own notes and tags, no part of the thread: left out, and said.
//! The export's "Metadata" list above the highlights is the page's, not the thread's.

use super::markdown::{self, status_handle};
use super::{Author, Kind, Reading, Thread, segment};
use regex::Regex;
use std::sync::LazyLock;

/// A highlight: a list item closed by the link to what it was kept from.
static HIGHLIGHT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[-*+]\s+(?P<text>.*?)\s*\(\[View (?:Tweet|Post|Highlight)\]\((?P<url>[^)\s]+)\)\)\s*$",
    )
    .unwrap()
});

/// A page's title, a Markdown heading of the first level.
static TITLE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^#\s+(?P<title>\S.*)$").unwrap());

/// The fewest highlights that make a page of them: one could be any list item with a link.
const MIN_HIGHLIGHTS: usize = 2;

/// Whether a Markdown body is a page of highlights.
pub fn is_highlights(body: &str) -> bool {
    let highlights = body.lines().filter(|l| HIGHLIGHT.is_match(l));
    highlights.take(MIN_HIGHLIGHTS).count() == MIN_HIGHLIGHTS
}

/// Reads a page of highlights: one thread of a post for each highlight, by the account
/// whose posts the highlights' links are, when they are all one account's.
pub fn read(body: &str) -> Reading {
    let mut reading = Reading::new(Kind::Unroll);
    let mut posts = Vec::new();
    let mut handles: Vec<Option<&str>> = Vec::new();
    let mut notes = 0;
    let mut left_out = markdown::LeftOut::default();
    for line in body.lines() {
        if let Some(highlight) = HIGHLIGHT.captures(line) {
            let text = markdown::post_text(highlight.name("text").map_or("", |t| t.as_str()));
            left_out.add(text.left_out);
            posts.push(segment::single_post(&text.text));
            handles.push(
                highlight
                    .name("url")
                    .and_then(|u| status_handle(u.as_str())),
            );
        } else if !posts.is_empty() && is_sub_item(line) {
            notes += 1;
        } else if let Some(title) = TITLE.captures(line).filter(|_| reading.title.is_none()) {
            reading.title = Some(title["title"].trim().to_string());
        }
    }
    let one_account = handles.windows(2).all(|w| w[0] == w[1]);
    reading.author = (handles.first().copied().flatten())
        .filter(|_| one_account)
        .map(Author::from_handle);
    let mut thread = Thread::new(posts, None);
    thread.author = reading.author.clone();
    reading.threads.push(thread);
    if notes > 0 {
        let items = if notes == 1 { "item" } else { "items" };
        (reading.warnings).push(format!(
            "{notes} {items} under the highlights (the reader's notes and tags) left out"
        ));
    }
    reading.warnings.extend(left_out.warning());
    reading
}

/// An item of a list nested in another: indented, then a list marker.
fn is_sub_item(line: &str) -> bool {
    let item = line.trim_start();
    item.len() < line.len() && item.starts_with(['-', '*', '+']) && item[1..].starts_with(' ')
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "# Thread by @ann_ex on Twitter\n\n![rw-book-cover](https://example.org/c.jpg)\n\n## Metadata\n- Author: [[@ann_ex on Twitter]]\n- Category: #tweets\n- URL: https://twitter.com/ann_ex/status/1\n\n## Highlights\n- The ferry stops at six. #Islay ([View Tweet](https://twitter.com/ann_ex/status/1))\n- See [the timetable](https://pier.example/t) for May. ([View Tweet](https://twitter.com/ann_ex/status/2))\n    - **Note:** ask the council\n    - Tags: [[ferries]]\n";

    #[test]
    fn each_highlight_is_a_post_by_the_account_its_link_names() {
        assert!(is_highlights(PAGE));
        let r = read(PAGE);
        assert_eq!(r.title.as_deref(), Some("Thread by @ann_ex on Twitter"));
        assert_eq!(r.author, Some(Author::from_handle("ann_ex")));
        let texts: Vec<&str> = r.threads[0].posts.iter().map(|p| &*p.text).collect();
        assert_eq!(
            texts,
            [
                "The ferry stops at six. #Islay",
                "See [the timetable](https://pier.example/t) for May."
            ]
        );
        assert_eq!(
            r.warnings,
            ["2 items under the highlights (the reader's notes and tags) left out"]
        );
        // Highlights of several accounts' posts name no one account.
        let mixed = PAGE.replace("ann_ex/status/2", "bo/status/2");
        assert_eq!(read(&mixed).author, None);
        // One item with a link is any list's.
        assert!(!is_highlights(
            "- See it ([View Tweet](https://twitter.com/ann/status/1))\n"
        ));
    }
}
