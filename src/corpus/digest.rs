//! Digests of saved posts in Markdown (bookmark exports and the like): a section per post,
//! headed by who wrote it (`## @ann - what it is about`), the post quoted in it (`> …`),
//! and notes about it that are no part of it (links, summaries). Each section is a thread of
//! its own, by the handle its heading names; the page is a listing of them.

use super::markdown;
use super::{Author, Kind, Reading, Thread, segment};
use regex::Regex;
use std::sync::LazyLock;

/// A section's heading that names who wrote its post: `## @ann - title` or `### @ann`.
static HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^#{2,4}\s+@(?P<handle>\w{1,15})\b(?:\s*[-–—:]\s*(?P<title>.*))?$").unwrap()
});

/// Whether a Markdown body is a digest: two sections or more headed by handles.
pub fn is_digest(body: &str) -> bool {
    body.lines()
        .filter(|l| HEADING.is_match(l.trim()))
        .take(2)
        .count()
        == 2
}

/// Reads a digest: a thread for each section, whose post is what the section quotes.
pub fn read(body: &str) -> Reading {
    let mut reading = Reading::new(Kind::Listing);
    let mut left_out = markdown::LeftOut::default();
    let mut section: Option<(Author, Option<String>, Vec<&str>)> = None;
    for line in body.lines().chain(std::iter::once("## @end")) {
        let Some(heading) = HEADING.captures(line.trim()) else {
            if let Some((_, _, lines)) = &mut section {
                lines.push(line);
            }
            continue;
        };
        if let Some((author, title, lines)) = section.take() {
            let quoted = quoted(&lines);
            let read = markdown::body_text(&quoted.join("\n"));
            reading.threads.extend(thread(author, title, &read.text));
            let embedded = read.embeds.into_iter().map(super::embedded_thread);
            reading.threads.extend(embedded);
            left_out.add(read.left_out);
        }
        let title = heading.name("title").map(|t| t.as_str().trim().to_string());
        section = Some((Author::from_handle(&heading["handle"]), title, Vec::new()));
    }
    reading.warnings.extend(left_out.warning());
    reading
}

/// What a section quotes (its post), without the quote marks. A post it quotes in turn
/// (`*Quoting @bo:* …`) stays in its text, as the page writes it.
fn quoted<'a>(lines: &[&'a str]) -> Vec<&'a str> {
    (lines.iter())
        .filter_map(|l| l.trim_start().strip_prefix('>'))
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .collect()
}

/// A thread of one post, `text` (read from a section's Markdown); none if it is empty.
fn thread(author: Author, title: Option<String>, text: &str) -> Option<Thread> {
    if text.trim().is_empty() {
        return None;
    }
    let mut thread = Thread::new(vec![segment::single_post(text)], None);
    thread.author = Some(author);
    thread.title = title.filter(|t| !t.is_empty());
    Some(thread)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_section_headed_by_a_handle_is_a_thread_of_what_it_quotes() {
        let body = "# Monday, 2 March 2026\n\n## @ann_ex - Kinship care\n> Kinship carers need support.\n>\n> More soon.\n>\n> *Quoting @cy:* Who cares for carers?\n\n- **Tweet:** https://x.com/ann_ex/status/1\n- **What:** A summary.\n\n---\n\n## @bo - Rates\n> Rates are up.\n";
        assert!(is_digest(body));
        let r = read(body);
        let texts: Vec<&str> = r.threads.iter().map(|t| &*t.posts[0].text).collect();
        assert_eq!(
            texts,
            [
                "Kinship carers need support.\n\nMore soon.\n\n*Quoting @cy:* Who cares for carers?",
                "Rates are up."
            ]
        );
        assert_eq!(r.threads[0].author, Some(Author::from_handle("ann_ex")));
        assert_eq!(r.threads[0].title.as_deref(), Some("Kinship care"));
        assert!(!is_digest("## @ann - only one section\n> text\n"));
    }

    #[test]
    fn a_post_embedded_in_a_quoted_one_is_a_thread_and_layout_is_said() {
        let body = "## @ann - Rates\n> Read this:\n>\n> > Rates are up.\n> > — Bo (@bo) May 1, 2023\n>\n> ## Aside\n\n## @cy\n> Me too.\n";
        let r = read(body);
        let texts: Vec<&str> = r.threads.iter().map(|t| &*t.posts[0].text).collect();
        assert_eq!(
            texts,
            [
                "Read this:",
                "Rates are up.\n— Bo (@bo) May 1, 2023",
                "Me too."
            ]
        );
        assert_eq!(r.threads[1].title.as_deref(), Some("Embedded post"));
        assert_eq!(r.warnings, ["left out as the page's layout: 1 heading"]);
    }
}
