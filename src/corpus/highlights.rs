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

/// A highlight: a list item (on one line or more) closed by the link to the post it was
/// kept from.
static HIGHLIGHT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?s)^[-*+]\s+(?P<text>.*?)\s*\(\[View (?:Tweet|Post)\]\((?P<url>[^)\s]+)\)\)\s*$")
        .unwrap()
});

/// A page's title, a Markdown heading of the first level.
static TITLE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^#\s+(?P<title>\S.*)$").unwrap());

/// The fewest highlights that make a page of them: one could be any list item with a link.
const MIN_HIGHLIGHTS: usize = 2;

/// Whether a Markdown body is a page of highlights: so that each is read as a post, they
/// are list items, as [`read`] groups them.
pub fn is_highlights(body: &str) -> bool {
    // Asked of every Markdown page: nearly all hold no such link at all.
    if !body.contains("([View ") {
        return false;
    }
    let highlights = items(body)
        .into_iter()
        .filter(|i| HIGHLIGHT.is_match(&i.text));
    highlights.take(MIN_HIGHLIGHTS).count() == MIN_HIGHLIGHTS
}

/// Reads a page of highlights: a post for each highlight, by the account whose posts the
/// highlights' links are, when they are all one account's. What else the page holds is
/// said to be left out: the notes under highlights, and the export's own lines (its
/// metadata, its cover, its headings).
pub fn read(body: &str) -> Reading {
    let mut reading = Reading::new(Kind::Unroll);
    let mut posts = Vec::new();
    let mut handles: Vec<Option<String>> = Vec::new();
    let (mut notes, mut own) = (0, 0);
    let mut left_out = markdown::LeftOut::default();
    for item in items(body) {
        let Some(highlight) = HIGHLIGHT.captures(&item.text) else {
            match TITLE
                .captures(&item.text)
                .filter(|_| reading.title.is_none())
            {
                Some(title) => reading.title = Some(title["title"].trim().to_string()),
                None => own += item.lines,
            }
            continue;
        };
        let text = markdown::post_text(highlight.name("text").map_or("", |t| t.as_str()));
        left_out.add(text.left_out);
        posts.push(segment::single_post(&text.text));
        let url = highlight.name("url").map(|u| u.as_str());
        handles.push(url.and_then(status_handle).map(str::to_string));
        notes += item.notes;
    }
    let one_account = handles.windows(2).all(|w| w[0] == w[1]);
    reading.author = (handles.first().cloned().flatten())
        .filter(|_| one_account)
        .map(|handle| Author::from_handle(&handle));
    let mut thread = Thread::new(posts, None);
    thread.author = reading.author.clone();
    reading.threads.push(thread);
    if notes > 0 {
        let items = if notes == 1 { "item" } else { "items" };
        (reading.warnings).push(format!(
            "{notes} {items} under the highlights (the reader's notes and tags) left out"
        ));
    }
    if own > 0 {
        let lines = if own == 1 { "line" } else { "lines" };
        (reading.warnings).push(format!(
            "{own} {lines} of the export's own (its metadata, cover and headings) left out"
        ));
    }
    reading.warnings.extend(left_out.warning());
    reading
}

/// A block of the page: a list item with the lines that go on from it, or a line of its
/// own; and the items nested under it.
struct Item {
    text: String,
    /// How many filled lines it took.
    lines: usize,
    /// How many items were nested under it.
    notes: usize,
}

/// The page's blocks in order: a list item goes on over the lines after it until a blank
/// line, another item or one nested under it.
fn items(body: &str) -> Vec<Item> {
    let mut items: Vec<Item> = Vec::new();
    let mut open = false;
    for line in body.lines() {
        if line.trim().is_empty() {
            open = false;
        } else if is_sub_item(line) && !items.is_empty() {
            let last = items.last_mut().expect("an item to nest under");
            last.notes += 1;
            open = false;
        } else if open && !starts_item(line) {
            let last = items.last_mut().expect("an open item");
            last.text.push('\n');
            last.text.push_str(line.trim());
            last.lines += 1;
        } else {
            open = starts_item(line);
            let text = line.trim().to_string();
            items.push(Item {
                text,
                lines: 1,
                notes: 0,
            });
        }
    }
    items
}

/// Whether `line` opens a list item, unindented.
fn starts_item(line: &str) -> bool {
    line.starts_with(['-', '*', '+']) && line[1..].starts_with(' ')
}

/// An item of a list nested in another: indented, then a list marker.
fn is_sub_item(line: &str) -> bool {
    let item = line.trim_start();
    item.len() < line.len() && starts_item(item)
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
            [
                "2 items under the highlights (the reader's notes and tags) left out",
                "6 lines of the export's own (its metadata, cover and headings) left out"
            ]
        );
        // A highlight of a post with paragraphs goes on over its lines.
        let page = "- Ferries stop at six.\nThe pier closes. ([View Tweet](https://x.com/ann/status/1))\n- Then? ([View Tweet](https://x.com/ann/status/2))\n";
        let texts: Vec<String> = (read(page).threads[0].posts.iter())
            .map(|p| p.text.to_string())
            .collect();
        assert_eq!(texts, ["Ferries stop at six.\nThe pier closes.", "Then?"]);
        // Highlights of several accounts' posts name no one account.
        let mixed = PAGE.replace("ann_ex/status/2", "bo/status/2");
        assert_eq!(read(&mixed).author, None);
        // Read as a page, the title names the thread's author, never the metadata's
        // "Author: [[@ann_ex on Twitter]]".
        let ann = Some(Author::from_handle("ann_ex"));
        assert_eq!(crate::corpus::read(&mixed).author, ann);
        let untitled = mixed.replace("# Thread by @ann_ex on Twitter", "");
        assert_eq!(crate::corpus::read(&untitled).author, None);
        // Links that close no list item make no highlights (nothing would be read).
        assert!(!is_highlights(
            "> One ([View Tweet](https://x.com/a/status/1))\n\n> Two ([View Tweet](https://x.com/a/status/2))\n"
        ));
        // One item with a link is any list's.
        assert!(!is_highlights(
            "- See it ([View Tweet](https://twitter.com/ann/status/1))\n"
        ));
    }
}
